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
#include "pb-health.h"
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

/* A label whose text begins with @prefix, or NULL. */
static const char *
find_text_prefix (GtkWidget  *root,
                  const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return gtk_label_get_text (GTK_LABEL (child));
      if ((found = find_text_prefix (child, prefix)))
        return found;
    }
  return NULL;
}

/* Dates as the language writes them (DESIGN §7), on a card and in a
 * health reason, even when amounts are written with separators. */
static void
check_dates (PbTestApp  *t,
             const char *card_months)
{
  g_autoptr(GListModel) indicators = pb_store_list_indicators (t->store, pb_window_get_selected_plan (t->window));
  g_autoptr(GDate) today = g_date_new_dmy (15, 10, 2026);
  const char *card;
  gboolean checked = FALSE;

  card = find_text_prefix (GTK_WIDGET (t->window), card_months);
  if (card == NULL)
    g_error ("no card reads “%s…”", card_months);
  g_assert_null (strstr (card, "2025.1"));

  /* Amounts with separators: the dates stay Chinese. (A day the health
   * cache has not seen, so the reason is written now.) */
  pb_format_set_style (PB_NUMBER_STYLE_GROUPED);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      const PbIndicatorStatus *st;

      if (!g_str_equal (pb_indicator_get_name (k), "千兆宽带用户"))
        continue;
      st = pb_store_get_indicator_status (t->store, k, today);
      /* 完成率88%（截至2026年9月30日应完成424,712户）: a count, no
       * decimals, in the indicator's unit. */
      if (strstr (st->reason, "2026年9月30日") == NULL || strstr (st->reason, "2026-09-30") != NULL)
        g_error ("the reason “%s” does not write its date 2026年9月30日", st->reason);
      g_assert_nonnull (strstr (st->reason, "424,712户"));
      checked = TRUE;
    }
  g_assert_true (checked);
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
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

  check_dates (&t, "2025年1月至2027年12月");

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
