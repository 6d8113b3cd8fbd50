/* test-locale-ui.c — the app in the desktop's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb with LANG=zh_CN.UTF-8 (then zh_TW.UTF-8) and the build tree's
 * translations: the window's pages, buttons and a card's status read in
 * Chinese, amounts are written in 万, and the accessible names are
 * translated too; Preferences → Amounts shows every choice whole.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "pb-format.h"
#include "pb-health.h"
#include "pb-preferences.h"
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
      /* 完成率88%（较基期值180,000户增加215,000户，截至2026年9月30日序时应增加
       * 244,712户）: counts, no decimals, in the indicator's unit, the
       * rise expected from its baseline (424,712 − 180,000). */
      if (strstr (st->reason, "2026年9月30日") == NULL || strstr (st->reason, "2026-09-30") != NULL)
        g_error ("the reason “%s” does not write its date 2026年9月30日", st->reason);
      g_assert_nonnull (strstr (st->reason, "180,000户"));
      g_assert_nonnull (strstr (st->reason, "244,712户"));
      checked = TRUE;
    }
  g_assert_true (checked);
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

/* The shown labels under @root that Pango cut to "…", added to @cut. */
static void
collect_cut_labels (GtkWidget *root,
                    GString   *cut)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        g_string_append_printf (cut, "“%s” ", gtk_label_get_text (GTK_LABEL (child)));
      collect_cut_labels (child, cut);
    }
}

static gboolean
row_shows (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (row_shows (child, text))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
find_popover (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER (child))
        return child;
      if ((found = find_popover (child)))
        return found;
    }
  return NULL;
}

/* Preferences → Amounts: every choice reads whole in the closed row and
 * in its open list, in the language of the interface; the first says
 * what that language writes (@first). */
static void
check_amounts (const char *first)
{
  g_autoptr(GSettings) settings = NULL;
  GtkWindow *window;
  GtkWidget *row;
  GListModel *choices;

  /* libadwaita's style, as in the app: its rows and their widths. */
  adw_init ();
  settings = g_settings_new (APP_ID);
  window = pb_preferences_window_new (NULL, settings);
  row = pb_test_find_named (GTK_WIDGET (window), "number-style");
  gtk_window_set_default_size (window, 480, 640);
  g_assert_true (ADW_IS_COMBO_ROW (row));
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, first);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      const char *text = gtk_string_list_get_string (GTK_STRING_LIST (choices), i);
      g_autoptr(GString) cut = g_string_new (NULL);

      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
      pb_test_settle_for (150);
      if (!row_shows (row, text))
        g_error ("the Amounts row does not show “%s”", text);
      collect_cut_labels (row, cut);
      if (cut->len > 0)
        g_error ("Preferences → Amounts cuts %s", cut->str);
    }

  /* The open list, each choice whole. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  gtk_widget_activate (row);
  pb_test_settle_for (300);
  {
    g_autoptr(GString) cut = g_string_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      g_assert_true (row_shows (row, gtk_string_list_get_string (GTK_STRING_LIST (choices), i)));
    collect_cut_labels (row, cut);
    if (cut->len > 0)
      g_error ("the list of Amounts cuts %s", cut->str);
  }
  {
    GtkWidget *popover = find_popover (row);

    g_assert_nonnull (popover);
    gtk_popover_popdown (GTK_POPOVER (popover));
  }
  pb_test_settle_for (200);
  gtk_window_destroy (window);
  g_settings_reset (settings, "number-style");
  pb_test_settle_for (50);
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

  check_amounts (g_str_has_prefix (locale, "zh_TW") ? "隨介面語言" : "随界面语言");

  pb_test_app_start (&t);
  for (guint i = 0; expected[i]; i++)
    if (!has_text (GTK_WIDGET (t.window), expected[i]))
      g_error ("%s: the window shows no “%s”", locale, expected[i]);

  check_dates (&t, "2025年1月至2027年12月");

  /* Amounts the Chinese way, 萬 in traditional script. */
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  {
    g_autofree char *amount = pb_format_number (65000, "户");
    g_assert_cmpstr (amount, ==, g_str_has_prefix (locale, "zh_TW") ? "6.5萬户" : "6.5万户");
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

static void
test_amounts_english (void)
{
  check_amounts ("As the language writes them");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locale-ui/amounts-en", test_amounts_english);
  g_test_add_func ("/locale-ui/zh-CN", test_simplified);
  g_test_add_func ("/locale-ui/zh-TW", test_traditional);

  return g_test_run ();
}
