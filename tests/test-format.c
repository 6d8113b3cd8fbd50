/* test-format.c — numbers and dates the way the reader's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>

#include "pb-format.h"

typedef struct
{
  double         value;
  const char    *unit;
  PbNumberStyle  style;
  const char    *expected;
} Case;

static const Case cases[] = {
  /* Chinese: small numbers bare, 万 and 亿 above. */
  { 2600, "个", PB_NUMBER_STYLE_CHINESE, "2600个" },
  { 65000, "户", PB_NUMBER_STYLE_CHINESE, "6.5万户" },
  { 10000, "个", PB_NUMBER_STYLE_CHINESE, "1万个" },
  { 12345, NULL, PB_NUMBER_STYLE_CHINESE, "12345" },       /* a reported figure keeps its digits */
  { 1234500, "人", PB_NUMBER_STYLE_CHINESE, "123.45万人" },
  { 140000000000.0, "元", PB_NUMBER_STYLE_CHINESE, "1400亿元" },
  { 250000000, "元", PB_NUMBER_STYLE_CHINESE, "2.5亿元" },
  { 0.85, NULL, PB_NUMBER_STYLE_CHINESE, "0.85" },
  { 1.3, NULL, PB_NUMBER_STYLE_CHINESE, "1.3" },
  { -30000, "吨", PB_NUMBER_STYLE_CHINESE, "-3万吨" },
  { 0, "个", PB_NUMBER_STYLE_CHINESE, "0个" },
  /* Grouped: thousands separated. */
  { 2600, "个", PB_NUMBER_STYLE_GROUPED, "2,600个" },
  { 65000, NULL, PB_NUMBER_STYLE_GROUPED, "65,000" },
  { 1234567.5, NULL, PB_NUMBER_STYLE_GROUPED, "1,234,567.5" },
  { 999, NULL, PB_NUMBER_STYLE_GROUPED, "999" },
  { -1234, NULL, PB_NUMBER_STYLE_GROUPED, "-1,234" },
  /* Plain: as typed. */
  { 2600, "个", PB_NUMBER_STYLE_PLAIN, "2600个" },
  { 65000, NULL, PB_NUMBER_STYLE_PLAIN, "65000" },
  { NAN, "个", PB_NUMBER_STYLE_CHINESE, "—" },
};

static void
test_numbers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = pb_format_number_styled (cases[i].value, cases[i].unit, cases[i].style);

      if (g_strcmp0 (got, cases[i].expected) != 0)
        g_error ("case %u: %g in style %d gave “%s”, wanted “%s”", i, cases[i].value, cases[i].style,
                 got, cases[i].expected);
    }
}

static void
test_dates (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (31, 12, 2024);
  g_autoptr(GDate) may = g_date_new_dmy (5, 5, 2025);
  g_autofree char *chinese = pb_format_date_styled (date, PB_NUMBER_STYLE_CHINESE);
  g_autofree char *iso = pb_format_date_styled (date, PB_NUMBER_STYLE_GROUPED);
  g_autofree char *unpadded = pb_format_date_styled (may, PB_NUMBER_STYLE_CHINESE);

  g_assert_cmpstr (chinese, ==, "2024年12月31日");
  g_assert_cmpstr (iso, ==, "2024-12-31");
  g_assert_cmpstr (unpadded, ==, "2025年5月5日");
}

/* The locale decides when the user has not. */
static void
test_locale (void)
{
  g_assert_cmpint (pb_format_style_for_locale ("zh_CN.UTF-8"), ==, PB_NUMBER_STYLE_CHINESE);
  g_assert_cmpint (pb_format_style_for_locale ("zh_TW.UTF-8"), ==, PB_NUMBER_STYLE_CHINESE);
  g_assert_cmpint (pb_format_style_for_locale ("en_GB.UTF-8"), ==, PB_NUMBER_STYLE_GROUPED);
  g_assert_cmpint (pb_format_style_for_locale ("C"), ==, PB_NUMBER_STYLE_GROUPED);

  /* A Chinese locale, when this machine has one. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    {
      g_autofree char *n = NULL;

      pb_format_set_style (PB_NUMBER_STYLE_AUTO);
      n = pb_format_number (65000, "户");
      g_assert_cmpstr (n, ==, "6.5万户");
      /* The decimal point stays a point. */
      g_free (n);
      n = pb_format_number (0.85, NULL);
      g_assert_cmpstr (n, ==, "0.85");
      setlocale (LC_ALL, "C.UTF-8");
    }
  else
    g_test_message ("no zh_CN.UTF-8 locale here; checked by name only");

  /* The user's choice wins over the locale. */
  pb_format_set_style (PB_NUMBER_STYLE_PLAIN);
  {
    g_autofree char *n = pb_format_number (65000, "户");
    g_assert_cmpstr (n, ==, "65000户");
  }
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

/* Quarters: Q3 in English; 三季度 on screen and 第三季度 in a report in
 * Chinese (issue 19), which needs the build tree's translations. */
static void
check_quarters (const char *language,
                const char *q1,
                const char *q1_formal,
                const char *year_q3,
                const char *year_q3_formal,
                const char *period_q4)
{
  g_autofree char *yq = NULL, *yq_formal = NULL, *period = NULL;

  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (pb_format_quarter (1, FALSE), ==, q1);
  g_assert_cmpstr (pb_format_quarter (1, TRUE), ==, q1_formal);
  yq = pb_format_year_quarter (2026, 3, FALSE);
  g_assert_cmpstr (yq, ==, year_q3);
  yq_formal = pb_format_year_quarter (2026, 3, TRUE);
  g_assert_cmpstr (yq_formal, ==, year_q3_formal);
  period = pb_format_period_label ("2026-Q4");
  g_assert_cmpstr (period, ==, period_q4);
}

static void
test_quarters (void)
{
  const char *localedir = g_getenv ("PLANBOARD_LOCALEDIR");

  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpstr (pb_format_quarter (2, FALSE), ==, "Q2");
  g_assert_cmpstr (pb_format_quarter (4, TRUE), ==, "Q4");
  {
    g_autofree char *yq = pb_format_year_quarter (2026, 3, TRUE);
    g_autofree char *month = pb_format_period_label ("2026-10");
    g_autofree char *odd = pb_format_period_label ("next spring");

    g_assert_cmpstr (yq, ==, "2026 Q3");
    g_assert_cmpstr (month, ==, "October 2026");
    g_assert_cmpstr (odd, ==, "next spring");
  }

  if (localedir == NULL)
    {
      g_test_skip ("PLANBOARD_LOCALEDIR is not set: run through meson test");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale on this machine (build-aux/dev.sh test makes it with localedef)");
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      return;
    }
  check_quarters ("zh_CN", "一季度", "第一季度", "2026年三季度", "2026年第三季度", "2026年四季度");
  check_quarters ("zh_TW", "第一季", "第一季", "2026年第三季", "2026年第三季", "2026年第四季");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/locale", test_locale);
  g_test_add_func ("/format/quarters", test_quarters);

  return g_test_run ();
}
