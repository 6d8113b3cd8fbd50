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
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>

/* PLANBOARD_TRACE_START=1: the same marks as Planboard's (src/core/pb-trace.c),
 * for a phase-by-phase comparison with the floor. */
static gboolean trace_on;
static gint64 trace_origin;
static guint trace_frames;

static void trace (const char *format, ...) G_GNUC_PRINTF (1, 2);

static void
trace (const char *format,
       ...)
{
  va_list args;
  struct timespec cpu = { 0, 0 };
  struct rusage usage = { 0 };

  if (!trace_on)
    return;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  getrusage (RUSAGE_SELF, &usage);
  fprintf (stderr, "pb-trace %8.1f wall %8.1f cpu %6ld minflt  ",
           (g_get_monotonic_time () - trace_origin) / 1000.0,
           cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6, usage.ru_minflt);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
}

static gboolean
trace_idle_cb (gpointer data)
{
  trace ("idle after frame %u", GPOINTER_TO_UINT (data));
  return G_SOURCE_REMOVE;
}

static void
trace_layout_cb (GdkFrameClock *clock)
{
  trace ("frame %u: layout", trace_frames + 1);
}

static void
trace_after_paint_cb (GdkFrameClock *clock)
{
  trace ("frame %u: painted", ++trace_frames);
  g_idle_add_full (G_PRIORITY_LOW, trace_idle_cb, GUINT_TO_POINTER (trace_frames), NULL);
}

static void
trace_realize_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  trace ("window: realized");
  g_signal_connect (clock, "layout", G_CALLBACK (trace_layout_cb), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (trace_after_paint_cb), NULL);
}

static void
startup_cb (GApplication *app)
{
  trace ("GtkApplication/AdwApplication startup (gtk_init, adw_init)");
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window, *box, *label;

  trace ("activate");
  window = adw_application_window_new (app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  label = gtk_label_new ("你好，世界 — Hello, world");
  if (trace_on)
    g_signal_connect (window, "realize", G_CALLBACK (trace_realize_cb), NULL);

  gtk_window_set_title (GTK_WINDOW (window), "Hello");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  trace ("window made");
  gtk_window_present (GTK_WINDOW (window));
  trace ("window presented (realized, mapped)");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = NULL;

  trace_on = g_getenv ("PLANBOARD_TRACE_START") != NULL && g_strcmp0 (g_getenv ("PLANBOARD_TRACE_START"), "0") != 0;
  trace_origin = g_get_monotonic_time ();
  trace ("main");
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 16 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);

  app = adw_application_new ("io.github.planboard.Hello", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
