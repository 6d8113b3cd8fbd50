/* main.c — planboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pb-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* PLANBOARD_LOCALEDIR: the build tree's translations, uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PLANBOARD_LOCALEDIR") ? g_getenv ("PLANBOARD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
