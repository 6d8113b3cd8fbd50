/* test-locale-ui.c — the app in the desktop's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb with LANG=zh_CN.UTF-8 (then zh_TW.UTF-8) and the build tree's
 * translations: the window's pages, buttons and a card's status read in
 * Chinese, amounts are written in 万, and the accessible names are
 * translated too.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "pb-format.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"

static gboolean
has_text (GtkWidget  *root,
          const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), text) == 0)
        return TRUE;
      if (has_text (child, text))
        return TRUE;
    }
  return FALSE;
}

static void
check_language (const char          *locale,
                const char * const  *expected)
{
  PbTestApp t = { 0 };

  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("no %s locale on this machine (build-aux/dev.sh test makes it with localedef)",
                                              locale);
      g_test_skip (why);
      return;
    }
  g_setenv ("LANGUAGE", locale, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PLANBOARD_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  pb_test_app_start (&t);
  for (guint i = 0; expected[i]; i++)
    if (!has_text (GTK_WIDGET (t.window), expected[i]))
      g_error ("%s: the window shows no “%s”", locale, expected[i]);

  /* Amounts the Chinese way. */
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  {
    g_autofree char *amount = pb_format_number (65000, "户");
    g_assert_cmpstr (amount, ==, "6.5万户");
  }

  /* Accessible names are translated with the rest. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (pb_window_get_indicators (t.window)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       g_str_has_prefix (locale, "zh_TW") ? "指標" : "指标");

  pb_test_app_stop (&t);
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
}

static void
test_simplified (void)
{
  const char *expected[] = { "看板", "时间轴", "指标", "单位", "进行中", NULL };

  check_language ("zh_CN.UTF-8", expected);
}

static void
test_traditional (void)
{
  const char *expected[] = { "看板", "時間軸", "指標", "單位", "進行中", NULL };

  check_language ("zh_TW.UTF-8", expected);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locale-ui/zh-CN", test_simplified);
  g_test_add_func ("/locale-ui/zh-TW", test_traditional);

  return g_test_run ();
}
