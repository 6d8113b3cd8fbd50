/* main.c — planboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pb-application.h"
#include "pb-ui-util.h"
#include "pb-trace.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;

  pb_trace_start_init ();
  pb_ui_keep_frame_memory ();
  setlocale (LC_ALL, "");
  /* PLANBOARD_LOCALEDIR: the build tree's translations, uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PLANBOARD_LOCALEDIR") ? g_getenv ("PLANBOARD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Asked to draw with cairo (a machine without a GPU, a remote or
   * virtual display), Planboard never uses OpenGL: spare GDK its OpenGL
   * probe at start, which loads the software GL driver — a fifth of a
   * second of CPU and 60 MB of memory on a display without a GPU. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);

  app = pb_application_new ();
  pb_trace_start ("application made");
  return g_application_run (G_APPLICATION (app), argc, argv);
}
