/* hello-window.c — the floor of an open to idle on this machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A minimal libadwaita application: one AdwApplicationWindow, titled
 * "Hello", with a header bar and one label, of Planboard's default size
 * and with its start-up settings (non-unique, cairo without the OpenGL
 * probe, the same malloc settings). `bench/side-by-side.py --only hello`
 * times it exactly as it times Planboard (docs/BENCHMARKS.md): what GTK,
 * libadwaita and the display take before any of Planboard's own work.
 */
#include <adwaita.h>
#include <malloc.h>

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("你好，世界 — Hello, world");

  gtk_window_set_title (GTK_WINDOW (window), "Hello");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 16 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);

  app = adw_application_new ("io.github.planboard.Hello", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
