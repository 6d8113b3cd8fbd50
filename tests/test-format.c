/* test-format.c — numbers and dates the way the reader's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>

#include "pb-format.h"
#include "pb-model.h"

/* The no-break space of "2.8 bn": never broken at the end of a line. */
#define NBSP "\xc2\xa0"

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

  static const struct { int year, month; PbNumberStyle style; const char *expected; } months[] = {
    { 2025, 1, PB_NUMBER_STYLE_CHINESE, "2025年1月" },
    { 2027, 12, PB_NUMBER_STYLE_CHINESE, "2027年12月" },
    { 2025, 1, PB_NUMBER_STYLE_GROUPED, "2025-01" },
    { 2027, 12, PB_NUMBER_STYLE_PLAIN, "2027-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *got = pb_format_month_styled (months[i].year, months[i].month, months[i].style);
      g_assert_cmpstr (got, ==, months[i].expected);
    }
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

/* ---- One formatter and one parser, locale by locale ---------------------- */

typedef struct
{
  double      value;
  const char *unit;
  int         decimals;
  const char *expected;
} LocaleCase;

typedef struct
{
  const char  *text;
  gboolean     ok;
  PbComparator comparator;
  double       value;
} ParseCase;

typedef struct
{
  const char       *locale;
  const char       *date;      /* 2024-12-31 as the locale writes it */
  const char       *month;     /* 2025-01 as the locale writes it */
  const LocaleCase *formats;
  guint             n_formats;
  const ParseCase  *parses;
  guint             n_parses;
} LocaleTable;

/* What every locale reads alike: the Indicators page's examples. */
#define COMMON_PARSES \
  { "1.3万", TRUE, PB_COMPARATOR_EQ, 13000 }, \
  { "≥2600", TRUE, PB_COMPARATOR_GE, 2600 }, \
  { ">=2600", TRUE, PB_COMPARATOR_GE, 2600 }, \
  { "约100", TRUE, PB_COMPARATOR_ABOUT, 100 }, \
  { "≤ 1.3", TRUE, PB_COMPARATOR_LE, 1.3 }, \
  { "85%", TRUE, PB_COMPARATOR_EQ, 85 }, \
  { "0.85", TRUE, PB_COMPARATOR_EQ, 0.85 }, \
  { "0,85", TRUE, PB_COMPARATOR_EQ, 0.85 }, \
  { "1,234,567", TRUE, PB_COMPARATOR_EQ, 1234567 }, \
  { "1.234.567", TRUE, PB_COMPARATOR_EQ, 1234567 }, \
  { "1,234,567.5", TRUE, PB_COMPARATOR_EQ, 1234567.5 }, \
  { "1.234.567,5", TRUE, PB_COMPARATOR_EQ, 1234567.5 }, \
  { "1400亿", TRUE, PB_COMPARATOR_EQ, 140000000000.0 }, \
  { "１２００", TRUE, PB_COMPARATOR_EQ, 1200 }, \
  { "-30", TRUE, PB_COMPARATOR_EQ, -30 }, \
  { "12000000", TRUE, PB_COMPARATOR_EQ, 12000000 }, \
  { "", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "abc", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "1.2.3", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "1,2,3", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "2600个", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "1e15", TRUE, PB_COMPARATOR_EQ, 1e15 }, \
  { "2.6E4", TRUE, PB_COMPARATOR_EQ, 26000 }, \
  { "-1e-3", TRUE, PB_COMPARATOR_EQ, -0.001 }, \
  { "1e", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "e5", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "1e5万", FALSE, PB_COMPARATOR_EQ, 0 }, \
  { "1e5.5", FALSE, PB_COMPARATOR_EQ, 0 }

static const LocaleCase c_formats[] = {
  { 2600, "个", 0, "2,600个" },
  { 12000000, NULL, -1, "12,000,000" },
  { 1234567, NULL, 0, "1,234,567" },
  { 8793.42, "个", 0, "8,793个" },
  { 0.85, NULL, 2, "0.85" },
  { 62.456, "%", 1, "62.5%" },
};
static const ParseCase c_parses[] = {
  COMMON_PARSES,
  { "2,600", TRUE, PB_COMPARATOR_EQ, 2600 },
  { "2.600", TRUE, PB_COMPARATOR_EQ, 2.6 },
};

/* zh_CN and zh_TW: counts in 万 and 亿, dates 2024年12月31日. */
static const LocaleCase zh_formats[] = {
  { 2600, "个", 0, "2600个" },
  { 12000000, NULL, -1, "1200万" },
  { 13000, "个", 0, "1.3万个" },
  { 140000000000.0, "元", 0, "1400亿元" },
  { 8793.42, "个", 0, "8793个" },
  { 1234567, NULL, 0, "1234567" },
  { 0.85, NULL, 2, "0.85" },
};
static const ParseCase zh_parses[] = {
  COMMON_PARSES,
  { "2,600", TRUE, PB_COMPARATOR_EQ, 2600 },
  { "2600", TRUE, PB_COMPARATOR_EQ, 2600 },
  { "1.3萬", TRUE, PB_COMPARATOR_EQ, 13000 },
  { "≥2.5億", TRUE, PB_COMPARATOR_GE, 250000000 },
};
/* Traditional script: the same figures in 萬 and 億. */
static const LocaleCase zh_tw_formats[] = {
  { 2600, "个", 0, "2600个" },
  { 12000000, NULL, -1, "1200萬" },
  { 13000, "个", 0, "1.3萬个" },
  { 140000000000.0, "元", 0, "1400億元" },
  { 8793.42, "个", 0, "8793个" },
  { 1234567, NULL, 0, "1234567" },
  { 0.85, NULL, 2, "0.85" },
};

/* de_DE writes decimals with a comma and thousands with a point. */
static const LocaleCase de_formats[] = {
  { 2600, "个", 0, "2.600个" },
  { 12000000, NULL, -1, "12.000.000" },
  { 1234567.5, NULL, 1, "1.234.567,5" },
  { 8793.42, NULL, 0, "8.793" },
  { 0.85, NULL, 2, "0,85" },
};
static const ParseCase de_parses[] = {
  COMMON_PARSES,
  { "2.600", TRUE, PB_COMPARATOR_EQ, 2600 },
  { "2,600", TRUE, PB_COMPARATOR_EQ, 2.6 },
  { "1,5", TRUE, PB_COMPARATOR_EQ, 1.5 },
};

static const LocaleTable tables[] = {
  { "C.UTF-8", "2024-12-31", "2025-01", c_formats, G_N_ELEMENTS (c_formats), c_parses, G_N_ELEMENTS (c_parses) },
  { "zh_CN.UTF-8", "2024年12月31日", "2025年1月", zh_formats, G_N_ELEMENTS (zh_formats), zh_parses, G_N_ELEMENTS (zh_parses) },
  { "zh_TW.UTF-8", "2024年12月31日", "2025年1月", zh_tw_formats, G_N_ELEMENTS (zh_tw_formats), zh_parses, G_N_ELEMENTS (zh_parses) },
  { "de_DE.UTF-8", "2024-12-31", "2025-01", de_formats, G_N_ELEMENTS (de_formats), de_parses, G_N_ELEMENTS (de_parses) },
};

static void
test_locale_tables (void)
{
  /* What the editor shows and reads back, exactly. */
  static const double editable[] = { 1234567, 12000000, 0.85, 1234567.891, -30, 2600, 1e-4, 2.5e8 };

  g_unsetenv ("LANGUAGE");
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const LocaleTable *l = &tables[t];
      g_autoptr(GDate) date = g_date_new_dmy (31, 12, 2024);
      g_autofree char *shown_date = NULL;
      g_autofree char *iso_date = NULL;

      if (setlocale (LC_ALL, l->locale) == NULL)
        g_error ("the %s locale is missing: build-aux/dev.sh test makes it with localedef", l->locale);

      shown_date = pb_format_date (date);
      iso_date = pb_format_iso_date ("2024-12-31");
      g_assert_cmpstr (shown_date, ==, l->date);
      g_assert_cmpstr (iso_date, ==, l->date);
      {
        g_autofree char *month = pb_format_iso_month ("2025-01-01");
        g_autofree char *december = pb_format_iso_month ("2027-12-31");
        g_autofree char *none = pb_format_iso_month (NULL);
        g_autofree char *grouped_date = NULL;

        g_assert_cmpstr (month, ==, l->month);
        g_assert_cmpstr (december, ==, g_str_has_prefix (l->locale, "zh") ? "2027年12月" : "2027-12");
        g_assert_cmpstr (none, ==, "…");

        /* Dates follow the language, whatever style amounts are written
         * in: a zh reader who chose 2,600 still reads 2024年12月31日. */
        pb_format_set_style (PB_NUMBER_STYLE_GROUPED);
        grouped_date = pb_format_iso_date ("2024-12-31");
        g_assert_cmpstr (grouped_date, ==, l->date);
        pb_format_set_style (PB_NUMBER_STYLE_AUTO);
      }

      for (guint i = 0; i < l->n_formats; i++)
        {
          const LocaleCase *c = &l->formats[i];
          g_autofree char *got = pb_format_number_to (c->value, c->unit, c->decimals);

          if (g_strcmp0 (got, c->expected) != 0)
            g_error ("%s: %.17g to %d decimals gave “%s”, wanted “%s”", l->locale, c->value, c->decimals,
                     got, c->expected);
        }

      for (guint i = 0; i < l->n_parses; i++)
        {
          const ParseCase *c = &l->parses[i];
          PbComparator comparator = PB_COMPARATOR_EQ;
          double value = -1;
          gboolean ok = pb_parse_target (c->text, &comparator, &value);

          if (ok != c->ok || (ok && (comparator != c->comparator || value != c->value)))
            g_error ("%s: “%s” read as %s %d %.17g, wanted %s %d %.17g", l->locale, c->text,
                     ok ? "ok" : "refused", comparator, value,
                     c->ok ? "ok" : "refused", c->comparator, c->value);
        }

      for (guint i = 0; i < G_N_ELEMENTS (editable); i++)
        {
          g_autofree char *text = pb_format_editable (editable[i]);
          double back = NAN;

          if (!pb_parse_number (text, &back) || back != editable[i])
            g_error ("%s: %.17g shown for editing as “%s” read back as %.17g", l->locale, editable[i], text, back);
        }
    }

  setlocale (LC_ALL, "C.UTF-8");
}

/* A computed figure (the value expected by a date) reads as a briefing
 * writes it: 应完成44.7万, not 应完成446959; elsewhere 446,959. */
static void
test_estimate (void)
{
  static const struct { double value; PbNumberStyle style; const char *text; } estimates[] = {
    { 446959, PB_NUMBER_STYLE_CHINESE, "44.7万" },
    { 20975, PB_NUMBER_STYLE_CHINESE, "2.1万" },
    { 8327.4, PB_NUMBER_STYLE_CHINESE, "8327" },
    { 1234567, PB_NUMBER_STYLE_CHINESE, "123万" },
    { 234567890, PB_NUMBER_STYLE_CHINESE, "2.35亿" },
    { 446959, PB_NUMBER_STYLE_GROUPED, "446,959" },
    { 8327.4, PB_NUMBER_STYLE_GROUPED, "8,327" },
    /* A billion and more: to three significant digits, as in 亿. */
    { 9333333333.3, PB_NUMBER_STYLE_GROUPED, "9.33" NBSP "bn" },
    { 28000000000, PB_NUMBER_STYLE_GROUPED, "28" NBSP "bn" },
    { 140123456789, PB_NUMBER_STYLE_GROUPED, "140" NBSP "bn" },
    { 1234567890123, PB_NUMBER_STYLE_GROUPED, "1,235" NBSP "bn" },
    { 999999999, PB_NUMBER_STYLE_GROUPED, "1" NBSP "bn" },
    { 28000000000, PB_NUMBER_STYLE_CHINESE, "280亿" },
    { 28000000000, PB_NUMBER_STYLE_PLAIN, "28000000000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (estimates); i++)
    {
      g_autofree char *text = NULL;

      pb_format_set_style (estimates[i].style);
      text = pb_format_estimate (estimates[i].value, NULL, 0);
      g_assert_cmpstr (text, ==, estimates[i].text);
    }
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

/* The indicator table's cells (DESIGN §7): a large amount fits its
 * column. Chinese as plans write it (280亿元 is 280亿); grouped in
 * billions when exact to a million (28 bn, 2.8 bn, 1,400 bn), every digit
 * otherwise (a reported figure keeps its digits); plain is bare digits,
 * as the user chose. */
static void
test_compact (void)
{
  static const struct { double value; PbNumberStyle style; int decimals; const char *text; } values[] = {
    { 28000000000, PB_NUMBER_STYLE_GROUPED, 0, "28" NBSP "bn" },
    { 2800000000, PB_NUMBER_STYLE_GROUPED, 0, "2.8" NBSP "bn" },
    { 140000000000, PB_NUMBER_STYLE_GROUPED, 0, "140" NBSP "bn" },
    { 1400000000000, PB_NUMBER_STYLE_GROUPED, 0, "1,400" NBSP "bn" },
    { 6000000000, PB_NUMBER_STYLE_GROUPED, 0, "6" NBSP "bn" },
    { 1234000000, PB_NUMBER_STYLE_GROUPED, 0, "1.234" NBSP "bn" },
    { -2500000000, PB_NUMBER_STYLE_GROUPED, 0, "-2.5" NBSP "bn" },
    { 1234567890, PB_NUMBER_STYLE_GROUPED, 0, "1,234,567,890" },
    { 1800000, PB_NUMBER_STYLE_GROUPED, 0, "1,800,000" },
    { 999000000, PB_NUMBER_STYLE_GROUPED, 0, "999,000,000" },
    { 2600, PB_NUMBER_STYLE_GROUPED, 0, "2,600" },
    { 0.85, PB_NUMBER_STYLE_GROUPED, 2, "0.85" },
    { 28000000000, PB_NUMBER_STYLE_CHINESE, 0, "280亿" },
    { 1800000, PB_NUMBER_STYLE_CHINESE, 0, "180万" },
    { 28000000000, PB_NUMBER_STYLE_PLAIN, 0, "28000000000" },
  };

  setlocale (LC_ALL, "C.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = NULL;

      pb_format_set_style (values[i].style);
      text = pb_format_number_compact (values[i].value, NULL, values[i].decimals);
      g_assert_cmpstr (text, ==, values[i].text);
    }
  /* Auto in English is grouped: the default fits too. */
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  {
    g_autofree char *text = pb_format_number_compact (28000000000, "元", 0);

    g_assert_cmpstr (text, ==, "28" NBSP "bn元");
  }
}

/* 28亿 (2,800,000,000) as every view shows a target or an actual: the
 * details' list of actuals, the charts, the health's reason, the report
 * (DESIGN §7). Grouped, in billions when exact to a million, with the
 * unit after it, at any precision, up to two decimals by default (-1);
 * Chinese in 亿; plain the user's bare digits; a figure with more digits
 * than a million keeps them all. In zh_CN the default style is Chinese. */
static void
test_compact_amounts (void)
{
  static const struct { double value; const char *unit; PbNumberStyle style; int decimals; const char *text; } values[] = {
    { 2800000000, "元", PB_NUMBER_STYLE_GROUPED, 0, "2.8" NBSP "bn元" },
    { 2800000000, "元", PB_NUMBER_STYLE_GROUPED, -1, "2.8" NBSP "bn元" },
    { 2800000000, NULL, PB_NUMBER_STYLE_GROUPED, 2, "2.8" NBSP "bn" },
    { 2100000000, NULL, PB_NUMBER_STYLE_GROUPED, 0, "2.1" NBSP "bn" },
    { 2800000000.5, NULL, PB_NUMBER_STYLE_GROUPED, 2, "2,800,000,000.5" },
    { 2800000000.004, NULL, PB_NUMBER_STYLE_GROUPED, 2, "2.8" NBSP "bn" },
    { 2800500000, NULL, PB_NUMBER_STYLE_GROUPED, 0, "2,800,500,000" },
    { 2801000000, NULL, PB_NUMBER_STYLE_GROUPED, 0, "2.801" NBSP "bn" },
    { 500000000, NULL, PB_NUMBER_STYLE_GROUPED, 0, "500,000,000" },
    { 2800000000, "元", PB_NUMBER_STYLE_CHINESE, 0, "28亿元" },
    { 2800000000, "元", PB_NUMBER_STYLE_CHINESE, -1, "28亿元" },
    { 2100000000, NULL, PB_NUMBER_STYLE_CHINESE, 0, "21亿" },
    { 2800500000, NULL, PB_NUMBER_STYLE_CHINESE, 0, "280050万" },
    { 2800000000, "元", PB_NUMBER_STYLE_PLAIN, 0, "2800000000元" },
    { NAN, NULL, PB_NUMBER_STYLE_GROUPED, 0, "—" },
  };

  setlocale (LC_ALL, "C.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = NULL;

      pb_format_set_style (values[i].style);
      text = pb_format_number_compact (values[i].value, values[i].unit, values[i].decimals);
      if (g_strcmp0 (text, values[i].text) != 0)
        g_error ("%.17g%s (style %d, %d decimals) reads “%s”, not “%s”", values[i].value,
                 values[i].unit ? values[i].unit : "", values[i].style, values[i].decimals, text, values[i].text);
    }

  /* The default style: grouped in English, 亿 in zh_CN. */
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  {
    g_autofree char *text = pb_format_number_compact (2800000000, "元", 0);

    g_assert_cmpstr (text, ==, "2.8" NBSP "bn元");
  }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") != NULL)
    {
      g_autofree char *text = pb_format_number_compact (2800000000, "元", 0);

      g_assert_cmpstr (text, ==, "28亿元");
      setlocale (LC_ALL, "C.UTF-8");
    }
  else
    g_test_message ("no zh_CN.UTF-8 locale here: its default style checked by name only");
  g_assert_cmpint (pb_format_style_for_locale ("zh_CN.UTF-8"), ==, PB_NUMBER_STYLE_CHINESE);
}

/* An axis's ticks in one unit: under a top tick of 1.5 bn, 0.5 bn (not
 * 500,000,000 beside 1 bn), 0 bare; under 900,000,000 every digit, as
 * the table writes it; Chinese as plans write it (5亿 under 15亿, 5000万
 * under 1.5亿); plain, bare digits. */
static void
test_scaled (void)
{
  static const struct { double value, scale; PbNumberStyle style; const char *text; } values[] = {
    { 500000000, 1500000000, PB_NUMBER_STYLE_GROUPED, "0.5" NBSP "bn" },
    { 1000000000, 1500000000, PB_NUMBER_STYLE_GROUPED, "1" NBSP "bn" },
    { 1500000000, 1500000000, PB_NUMBER_STYLE_GROUPED, "1.5" NBSP "bn" },
    { 250000000, 1000000000, PB_NUMBER_STYLE_GROUPED, "0.25" NBSP "bn" },
    { 0, 1500000000, PB_NUMBER_STYLE_GROUPED, "0" },
    { 300000000, 900000000, PB_NUMBER_STYLE_GROUPED, "300,000,000" },
    { 500000000.5, 1500000000, PB_NUMBER_STYLE_GROUPED, "500,000,000.5" },
    { 2000, 6000, PB_NUMBER_STYLE_GROUPED, "2,000" },
    { 500000000, 1500000000, PB_NUMBER_STYLE_CHINESE, "5亿" },
    { 50000000, 150000000, PB_NUMBER_STYLE_CHINESE, "5000万" },
    { 500000000, 1500000000, PB_NUMBER_STYLE_PLAIN, "500000000" },
  };

  setlocale (LC_ALL, "C.UTF-8");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = NULL;

      pb_format_set_style (values[i].style);
      text = pb_format_number_scaled (values[i].value, NULL, 2, values[i].scale);
      if (g_strcmp0 (text, values[i].text) != 0)
        g_error ("%.17g under %.17g (style %d) reads “%s”, not “%s”", values[i].value, values[i].scale,
                 values[i].style, text, values[i].text);
    }
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

/* A Chinese reader who chose separators (Preferences › Amounts: 65,000)
 * reads a large amount as officials write it, where English reads
 * "2.8 bn": 28亿元, to the same precision, and under 1亿 in 万 (an axis's
 * 2800万 under 10亿) — never "2.8十亿元", and never a translation's unit
 * put on the number of billions (亿 is 10⁸: "2.8亿" would be a tenth of
 * the amount). Every other figure keeps its separated digits. With the
 * build tree's translations, in zh_CN and zh_TW (LANGUAGE as the app sets
 * it); English is unchanged. */
static void
test_large_amounts_chinese (void)
{
  static const struct { int kind; double value, scale; const char *unit; const char *text; } values[] = {
    /* kind 0: the table's cell (compact), 1: an estimate, 2: an axis's tick */
    { 0, 2800000000, 0, "元", "28亿元" },
    { 0, 28000000000, 0, "元", "280亿元" },
    { 0, 2801000000, 0, NULL, "28.01亿" },
    { 0, 1234000000, 0, NULL, "12.34亿" },
    { 0, 1400000000000, 0, NULL, "14000亿" },
    { 0, -2500000000, 0, NULL, "-25亿" },
    { 0, 2800500000, 0, NULL, "2,800,500,000" },
    { 0, 999000000, 0, NULL, "999,000,000" },
    { 0, 28000000, 0, "元", "28,000,000元" },
    { 1, 9333333333.3, 0, NULL, "93.3亿" },
    { 1, 140123456789, 0, NULL, "1400亿" },
    { 1, 999999999, 0, NULL, "10亿" },
    { 1, 446959, 0, NULL, "446,959" },
    { 2, 500000000, 1500000000, NULL, "5亿" },
    { 2, 1500000000, 1500000000, "元", "15亿元" },
    { 2, 250000000, 1000000000, NULL, "2.5亿" },
    { 2, 28000000, 1000000000, "元", "2800万元" },
    { 2, 0, 1500000000, NULL, "0" },
  };
  static const char * const languages[] = { "zh_CN", "zh_TW" };
  const char *localedir = g_getenv ("PLANBOARD_LOCALEDIR");

  if (localedir == NULL)
    {
      g_test_skip ("PLANBOARD_LOCALEDIR is not set: run through meson test");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  pb_format_set_style (PB_NUMBER_STYLE_GROUPED);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *locale = g_strconcat (languages[l], ".UTF-8", NULL);

      if (setlocale (LC_ALL, locale) == NULL)
        {
          g_test_skip ("no Chinese locale on this machine (build-aux/dev.sh test makes it with localedef)");
          break;
        }
      g_setenv ("LANGUAGE", languages[l], TRUE);
      /* The translation is there: the test reads what a user reads. */
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Cumulative"), ==, l == 0 ? "累计" : "累計");

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_autofree char *text = NULL;

          g_autoptr(GString) expected = g_string_new (values[i].text);

          /* Traditional script writes 萬 and 億 (1.2萬, 28億元). */
          if (l == 1)
            {
              g_string_replace (expected, "亿", "億", 0);
              g_string_replace (expected, "万", "萬", 0);
            }
          text = values[i].kind == 0 ? pb_format_number_compact (values[i].value, values[i].unit, 0)
               : values[i].kind == 1 ? pb_format_estimate (values[i].value, values[i].unit, 0)
               : pb_format_number_scaled (values[i].value, values[i].unit, 2, values[i].scale);
          if (g_strcmp0 (text, expected->str) != 0)
            g_error ("%s: %.17g (%s) reads “%s”, not “%s”", languages[l], values[i].value,
                     values[i].kind == 0 ? "compact" : values[i].kind == 1 ? "estimate" : "scaled",
                     text, expected->str);
        }

      /* The Chinese style, as plans write amounts, and read back. */
      pb_format_set_style (PB_NUMBER_STYLE_CHINESE);
      {
        g_autofree char *wan = pb_format_number (65000, "户");
        g_autofree char *yi = pb_format_number (140000000000, "元");
        double parsed = 0;

        g_assert_cmpstr (wan, ==, l == 0 ? "6.5万户" : "6.5萬户");
        g_assert_cmpstr (yi, ==, l == 0 ? "1400亿元" : "1400億元");
        g_assert_true (pb_parse_number (l == 0 ? "1.3万" : "1.3萬", &parsed));
        g_assert_cmpfloat (parsed, ==, 13000);
        g_assert_true (pb_parse_number (l == 0 ? "2.5亿" : "2.5億", &parsed));
        g_assert_cmpfloat (parsed, ==, 250000000);
      }
      pb_format_set_style (PB_NUMBER_STYLE_GROUPED);
    }

  /* English, the same figures in billions, as before. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  {
    g_autofree char *cell = pb_format_number_compact (2800000000, "元", 0);
    g_autofree char *estimate = pb_format_estimate (9333333333.3, NULL, 0);
    g_autofree char *tick = pb_format_number_scaled (28000000, NULL, 2, 1000000000);

    g_assert_cmpstr (cell, ==, "2.8" NBSP "bn元");
    g_assert_cmpstr (estimate, ==, "9.33" NBSP "bn");
    g_assert_cmpstr (tick, ==, "0.028" NBSP "bn");
  }
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

/* A section's number and title joined for display: Chinese numerals take
 * the enumeration comma; other numbers keep their own punctuation. */
static void
test_section_heading (void)
{
  static const struct { const char *number, *title, *heading; } headings[] = {
    { "二", "保障措施", "二、保障措施" },
    { "十一", "组织实施", "十一、组织实施" },
    { "二十三", "加强督查考核", "二十三、加强督查考核" },
    { "〇", "总则", "〇、总则" },
    { "三、", "强化要素保障", "三、强化要素保障" },   /* already written with it */
    { " 四 ", " 营造良好氛围 ", "四、营造良好氛围" },
    { "(一)", "建设高速泛在的信息基础设施", "(一) 建设高速泛在的信息基础设施" },
    { "（二）", "完善应用场景", "（二） 完善应用场景" },
    { "1.", "总体要求", "1. 总体要求" },
    { "2", "Key tasks", "2 Key tasks" },
    { "一是", "加快建设", "一是 加快建设" },
    { "", "附则", "附则" },
    { NULL, "附则", "附则" },
    { "五", "", "五" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_autofree char *heading = pb_format_section_heading (headings[i].number, headings[i].title);
      g_assert_cmpstr (heading, ==, headings[i].heading);
    }
}

/* A new section proposes the next number in its siblings' style. */
static void
test_next_section_number (void)
{
  static const struct {
    const char *siblings[24];
    gboolean    nested;
    gboolean    chinese;
    const char *expected;
  } numbers[] = {
    { { NULL }, FALSE, TRUE, "一" },
    { { NULL }, TRUE, TRUE, "(一)" },
    { { NULL }, FALSE, FALSE, "1" },
    { { "", NULL }, FALSE, TRUE, "一" },
    { { "一", "二", NULL }, FALSE, TRUE, "三" },
    { { "一、", "二、", NULL }, FALSE, TRUE, "三、" },
    { { "(一)", "(二)", NULL }, TRUE, TRUE, "(三)" },
    { { "（一）", "（二）", NULL }, TRUE, TRUE, "（三）" },
    { { "1", "2", NULL }, FALSE, TRUE, "3" },
    { { "1.", "2.", NULL }, FALSE, FALSE, "3." },
    { { "九", NULL }, FALSE, TRUE, "十" },
    { { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL }, FALSE, TRUE, "十一" },
    { { "十一", NULL }, FALSE, TRUE, "十二" },
    { { "十九、", NULL }, FALSE, TRUE, "二十、" },
    { { "（十九）", NULL }, TRUE, TRUE, "（二十）" },
    { { "二十", NULL }, FALSE, TRUE, "二十一" },
    { { "九十九", NULL }, FALSE, TRUE, "一百" },
    { { "一百", NULL }, FALSE, TRUE, "一百零一" },
    { { "一百零九", NULL }, FALSE, TRUE, "一百一十" },
    /* Out of order: one more than the largest of the style. */
    { { "三", "一", "二", NULL }, FALSE, TRUE, "四" },
    /* The last numbered sibling's style; unnumbered ones do not count. */
    { { "一", "二", "", "保障措施", NULL }, FALSE, TRUE, "三" },
    { { "第一部分", "第二部分", NULL }, FALSE, TRUE, "第三部分" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *got = pb_format_next_section_number (numbers[i].siblings, numbers[i].nested, numbers[i].chinese);

      g_assert_cmpstr (got, ==, numbers[i].expected);
    }
}

/* Sections counted in order count on after a move; other lists stay. */
static void
test_renumber_sections (void)
{
  static const struct {
    const char *before[5];
    const char *after[5];
    const char *first;
    const char *expected; /* joined by spaces, or NULL: left as written */
  } lists[] = {
    { { "一", "二", "三", NULL }, { "二", "一", "三", NULL }, NULL, "一 二 三" },
    { { "(一)", "(二)", "(三)", NULL }, { "(一)", "(三)", NULL }, NULL, "(一) (二)" },
    { { "（一）", "（二）", NULL }, { "（二）", "（一）", "三", NULL }, NULL, "（一） （二） （三）" },
    { { "1.", "2.", NULL }, { "2.", "1.", NULL }, NULL, "1. 2." },
    { { "第一部分", "第二部分", NULL }, { "第二部分", "第一部分", NULL }, NULL, "第一部分 第二部分" },
    /* Not counting from one, a number skipped, two styles, one missing. */
    { { "九", "十", "十一", NULL }, { "十一", "九", "十", NULL }, NULL, NULL },
    { { "二", "三", NULL }, { "三", "二", NULL }, NULL, NULL },
    { { "(一)", "(三)", NULL }, { "(三)", "(一)", NULL }, NULL, NULL },
    { { "(一)", "二", NULL }, { "二", "(一)", NULL }, NULL, NULL },
    { { "一", "", NULL }, { "", "一", NULL }, NULL, NULL },
    /* An empty list: the level's first number, when one is given. */
    { { NULL }, { "(三)", NULL }, "1.", "1." },
    { { NULL }, { "(三)", NULL }, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) got = pb_format_renumber_sections (lists[i].before, lists[i].after, lists[i].first);
      g_autofree char *joined = got ? g_strjoinv (" ", got) : NULL;

      g_assert_cmpstr (joined, ==, lists[i].expected);
    }
  g_assert_cmpstr (pb_format_first_section_number (0, TRUE), ==, "一");
  g_assert_cmpstr (pb_format_first_section_number (1, TRUE), ==, "(一)");
  g_assert_cmpstr (pb_format_first_section_number (2, TRUE), ==, "1.");
  g_assert_cmpstr (pb_format_first_section_number (5, TRUE), ==, "(1)");
  g_assert_cmpstr (pb_format_first_section_number (1, FALSE), ==, "1");
  g_assert_cmpint (pb_format_section_number_value ("（十一）"), ==, 11);
  g_assert_cmpint (pb_format_section_number_value ("附件"), ==, 0);
}

/* Renumber Sections (issue 14, finding 13): a list counted 1, 2, 3… in
 * the first numbered one's style, whether or not it counted in order;
 * sections without a number stay as written. */
static void
test_renumber_sections_forced (void)
{
  static const struct {
    const char *numbers[6];
    const char *expected; /* joined by "|", or NULL: nothing to count */
  } lists[] = {
    /* Two (二) after a rename: counted again. */
    { { "一", "二", "二", NULL }, "一|二|三" },
    { { "(一)", "(二)", "(二)", NULL }, "(一)|(二)|(三)" },
    /* Out of step, skipped, mixed: the first one's style. */
    { { "二", "三", NULL }, "一|二" },
    { { "（一）", "三", "(五)", NULL }, "（一）|（二）|（三）" },
    { { "1.", "3.", "3.", NULL }, "1.|2.|3." },
    { { "九", "十", "十一", "十", NULL }, "一|二|三|四" },
    { { "第一部分", "第三部分", NULL }, "第一部分|第二部分" },
    /* Counting in order already: the same numbers. */
    { { "一", "二", "三", NULL }, "一|二|三" },
    /* An annex or an unnumbered heading keeps its words and is not
     * counted; the first numbered one sets the style. */
    { { "", "(二)", "附件", "(二)", NULL }, "|(一)|附件|(二)" },
    /* Nothing numbered. */
    { { "", "附件", NULL }, NULL },
    { { NULL }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) got = pb_format_renumber_sections_forced (lists[i].numbers);
      g_autofree char *joined = got ? g_strjoinv ("|", got) : NULL;

      g_test_message ("list %u: %s", i, joined ? joined : "(none)");
      g_assert_cmpstr (joined, ==, lists[i].expected);
    }
}

/* Whether a number typed for a section is one a sibling carries. */
static void
test_same_section_number (void)
{
  g_assert_true (pb_format_same_section_number ("二", "二"));
  g_assert_true (pb_format_same_section_number ("二、", " 二"));
  g_assert_true (pb_format_same_section_number ("（二）", "(二)"));
  g_assert_true (pb_format_same_section_number ("2.", "2"));
  g_assert_true (pb_format_same_section_number ("2．", "2."));
  g_assert_true (pb_format_same_section_number ("附件", "附件"));
  g_assert_false (pb_format_same_section_number ("(二)", "二"));
  g_assert_false (pb_format_same_section_number ("二", "三"));
  g_assert_false (pb_format_same_section_number ("2", "二"));
  g_assert_false (pb_format_same_section_number ("(2)", "2."));
  g_assert_false (pb_format_same_section_number ("十二", "二"));
  g_assert_false (pb_format_same_section_number ("附件", "二"));
  g_assert_false (pb_format_same_section_number ("", ""));
  g_assert_false (pb_format_same_section_number (NULL, "二"));
}

/* Items counted in order, from any start, count on after a move in their
 * style; a planner's own numbers stay. */
static void
test_recount (void)
{
  static const struct {
    const char *before[5];
    const char *after[5];
    const char *expected; /* joined by spaces, or NULL: left as written */
    int start;
  } lists[] = {
    { { "1", "2", "3", NULL }, { "2", "1", "3", NULL }, "1 2 3", 1 },
    { { "（一）", "（二）", "（三）", NULL }, { "（一）", "（三）", "（二）", NULL }, "（一） （二） （三）", 1 },
    { { "一、", "二、", NULL }, { "二、", "一、", NULL }, "一、 二、", 1 },
    { { "1.", "2.", "3.", NULL }, { "1.", "3.", NULL }, "1. 2.", 1 },
    /* A section's tasks where the plan numbers them straight through. */
    { { "5", "6", "7", NULL }, { "7", "5", "6", NULL }, "5 6 7", 5 },
    { { "九", "十", NULL }, { "十", "九", "3", NULL }, "九 十 十一", 9 },
    /* A planner's own numbers, one missing, two styles, none. */
    { { "1", "3", "7", NULL }, { "3", "1", "7", NULL }, NULL, 0 },
    { { "1", "", "3", NULL }, { "", "1", "3", NULL }, NULL, 0 },
    { { "(一)", "2", NULL }, { "2", "(一)", NULL }, NULL, 0 },
    { { "2", "1", NULL }, { "1", "2", NULL }, NULL, 0 },
    { { NULL }, { "1", NULL }, NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      int start = -1;
      g_auto(GStrv) got = pb_format_recount (lists[i].before, lists[i].after, &start);
      g_autofree char *joined = got ? g_strjoinv (" ", got) : NULL;

      g_assert_cmpstr (joined, ==, lists[i].expected);
      g_assert_cmpint (start, ==, lists[i].start);
    }
  {
    g_autofree char *seven = pb_format_number_like ("（三）", 7);
    g_autofree char *twelve = pb_format_number_like ("3.", 12);
    g_autofree char *none = pb_format_number_like ("", 2);

    g_assert_cmpstr (seven, ==, "（七）");
    g_assert_cmpstr (twelve, ==, "12.");
    g_assert_null (none);
  }
}

/* Issue 14: which units one chart may compare, and how (DESIGN §7: 万
 * and 亿 multiply; 个 and % never meet). */
static void
test_unit_factor (void)
{
  g_assert_cmpfloat (pb_unit_factor ("个", "个"), ==, 1);
  g_assert_cmpfloat (pb_unit_factor ("万个", "个"), ==, 10000);
  g_assert_cmpfloat (pb_unit_factor ("个", "万个"), ==, 0.0001);
  g_assert_cmpfloat (pb_unit_factor ("亿元", "万元"), ==, 10000);
  g_assert_cmpfloat (pb_unit_factor ("万亿元", "元"), ==, 1e12);
  g_assert_cmpfloat (pb_unit_factor ("万户", " 户"), ==, 10000);
  g_assert_cmpfloat (pb_unit_factor ("", NULL), ==, 1);
  g_assert_cmpfloat (pb_unit_factor ("%", "%"), ==, 1);
  /* A unit that is only 万 is a unit, not a scale of nothing. */
  g_assert_cmpfloat (pb_unit_factor ("万", "万"), ==, 1);
  g_assert_true (isnan (pb_unit_factor ("万", "")));
  g_assert_true (isnan (pb_unit_factor ("个", "%")));
  g_assert_true (isnan (pb_unit_factor ("万户", "个")));
  g_assert_true (isnan (pb_unit_factor ("个", "")));
  g_assert_true (isnan (pb_unit_factor ("PFlops", "EFlops")));
}

static char *
months_later (const char *from,
              int         months)
{
  GDate d;
  char out[11];

  g_assert_true (pb_date_parse (from, &d));
  pb_date_add_months (&d, months);
  if (!g_date_valid (&d))
    return g_strdup ("invalid");
  pb_date_format (&d, out);
  return g_strdup (out);
}

/* Calendar months as plans count them: a month end stays a month end
 * ("2026年6月底前" moved two months is the end of August), other days keep
 * their day, clamped to the month. */
static void
test_add_months (void)
{
  const struct { const char *from; int months; const char *to; } shifts[] = {
    { "2026-06-30", 2, "2026-08-31" },
    { "2026-06-30", -2, "2026-04-30" },
    { "2026-08-31", -2, "2026-06-30" },
    { "2025-01-31", 1, "2025-02-28" },
    { "2024-01-31", 1, "2024-02-29" },
    { "2024-02-29", 12, "2025-02-28" },
    { "2024-02-29", 1, "2024-03-31" },
    { "2025-02-28", 12, "2026-02-28" },
    { "2023-02-28", 12, "2024-02-29" },
    { "2025-01-30", 1, "2025-02-28" },
    { "2025-03-30", -1, "2025-02-28" },
    { "2025-03-30", 1, "2025-04-30" },
    { "2025-04-30", 1, "2025-05-31" },
    { "2025-06-15", 2, "2025-08-15" },
    { "2025-06-01", -4, "2025-02-01" },
    { "2027-12-31", -4, "2027-08-31" },
    { "2025-11-30", 3, "2026-02-28" },
    { "2026-01-31", -13, "2024-12-31" },
    { "2025-03-15", -27, "2022-12-15" },
    { "2025-03-15", 0, "2025-03-15" },
    { "0001-02-28", -1, "0001-01-31" },
    { "0001-02-15", -1, "0001-01-15" },
    { "0001-01-31", -1, "invalid" },
    { "9999-12-31", 1, "invalid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    {
      g_autofree char *to = months_later (shifts[i].from, shifts[i].months);

      g_test_message ("%s %+d months", shifts[i].from, shifts[i].months);
      g_assert_cmpstr (to, ==, shifts[i].to);
    }
}

/* Review 22, finding 18: a value typed for a unit with its own 万 or 亿:
 * "2万" in 万个 is 2 (2万个), never 2万 万个 = 2亿个 (it read 完成率
 * 1396552 %, blue); another scale converts; a bare number is in the unit
 * already; a unit without a scale reads as pb_parse_number() does. */
static void
test_number_in_unit (void)
{
  PbComparator cmp;
  double v;

  g_assert_true (pb_parse_number_in_unit ("2万", "万个", &v));
  g_assert_cmpfloat (v, ==, 2);
  g_assert_true (pb_parse_number_in_unit ("2亿", "万个", &v));
  g_assert_cmpfloat (v, ==, 20000);
  g_assert_true (pb_parse_number_in_unit ("1.5", "万个", &v));
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (pb_parse_number_in_unit ("2万", "个", &v));
  g_assert_cmpfloat (v, ==, 20000);
  g_assert_true (pb_parse_number_in_unit ("3000万", "亿元", &v));
  g_assert_cmpfloat_with_epsilon (v, 0.3, 1e-12);
  g_assert_true (pb_parse_number_in_unit ("1.2萬", "萬戶", &v));
  g_assert_cmpfloat_with_epsilon (v, 1.2, 1e-12);
  g_assert_true (pb_parse_number_in_unit ("85%", "%", &v));
  g_assert_cmpfloat (v, ==, 85);
  g_assert_true (pb_parse_number_in_unit ("2万", NULL, &v));
  g_assert_cmpfloat (v, ==, 20000);
  g_assert_false (pb_parse_number_in_unit ("许多", "万个", &v));
  g_assert_true (pb_parse_target_in_unit ("≥1.5万", "万个", &cmp, &v));
  g_assert_cmpint (cmp, ==, PB_COMPARATOR_GE);
  g_assert_cmpfloat (v, ==, 1.5);
  g_assert_true (pb_parse_target_in_unit ("≥15000", "万个", &cmp, &v));
  g_assert_cmpfloat (v, ==, 15000);   /* a bare number is in the unit */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/number-in-unit", test_number_in_unit);
  g_test_add_func ("/format/section-heading", test_section_heading);
  g_test_add_func ("/format/next-section-number", test_next_section_number);
  g_test_add_func ("/format/renumber-sections-forced", test_renumber_sections_forced);
  g_test_add_func ("/format/same-section-number", test_same_section_number);
  g_test_add_func ("/format/renumber-sections", test_renumber_sections);
  g_test_add_func ("/format/recount", test_recount);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/locale", test_locale);
  g_test_add_func ("/format/quarters", test_quarters);
  g_test_add_func ("/format/locales", test_locale_tables);
  g_test_add_func ("/format/estimate", test_estimate);
  g_test_add_func ("/format/compact", test_compact);
  g_test_add_func ("/format/compact-amounts", test_compact_amounts);
  g_test_add_func ("/format/scaled", test_scaled);
  g_test_add_func ("/format/large-amounts-chinese", test_large_amounts_chinese);
  g_test_add_func ("/format/unit-factor", test_unit_factor);
  g_test_add_func ("/format/add-months", test_add_months);

  return g_test_run ();
}
