/* pb-format.c — numbers and dates as the reader's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plans write amounts in 万 and 亿 (6.5万户, 1400亿元) and small numbers
 * without separators (2600个); readers elsewhere expect 65,000. The style
 * is the user's choice (GSettings number-style), by default the locale's.
 * Dates: 2024年12月31日 in Chinese, ISO 8601 otherwise. The decimal
 * point is always '.', as both write it. Quarters: 一季度 on screen and
 * 第一季度 in printed reports, as documents write them; Q1 in English.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pb-format.h"

static PbNumberStyle current_style = PB_NUMBER_STYLE_AUTO;

void
pb_format_set_style (PbNumberStyle style)
{
  current_style = style;
}

PbNumberStyle
pb_format_get_style (void)
{
  return current_style;
}

/**
 * pb_format_style_for_locale:
 * @locale: (nullable): a locale name, as zh_CN.UTF-8; %NULL for the
 *   process's messages locale
 *
 * Returns: the Chinese style for Chinese locales, else grouped
 */
PbNumberStyle
pb_format_style_for_locale (const char *locale)
{
  if (locale == NULL)
    {
      const char *language = g_getenv ("LANGUAGE");

      locale = setlocale (LC_MESSAGES, NULL);
      /* LANGUAGE chooses the translation when the locale is not C. */
      if (language && *language && locale && !g_str_equal (locale, "C") && !g_str_equal (locale, "POSIX"))
        locale = language;
    }
  if (locale && g_str_has_prefix (locale, "zh"))
    return PB_NUMBER_STYLE_CHINESE;
  return PB_NUMBER_STYLE_GROUPED;
}

static PbNumberStyle
resolve (PbNumberStyle style)
{
  return style == PB_NUMBER_STYLE_AUTO ? pb_format_style_for_locale (NULL) : style;
}

/* Up to @decimals decimals, trailing zeros dropped, '.' always. */
static char *
trimmed (double value,
         int    decimals)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s, *end;

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  s = g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
  if (strchr (s, '.'))
    {
      end = s + strlen (s) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (s, "-0"))
    s[0] = '0', s[1] = '\0';
  return s;
}

static char *
grouped (double value)
{
  g_autofree char *plain = trimmed (value, 2);
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *dot = strchr (digits, '.');
  gsize int_len = dot ? (gsize) (dot - digits) : strlen (digits);
  GString *out = g_string_new (plain[0] == '-' ? "-" : "");

  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (dot)
    g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

/**
 * pb_format_number_styled:
 * @value: a number
 * @unit: (nullable): its unit, as 个 or 元
 * @style: how to write it
 *
 * Returns: (transfer full): 6.5万户, 1400亿元, 2600个, 12345个 (Chinese);
 *   65,000户 (grouped); 65000户 (plain)
 */
char *
pb_format_number_styled (double         value,
                         const char    *unit,
                         PbNumberStyle  style)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup ("—");
  if (unit == NULL)
    unit = "";

  switch (resolve (style))
    {
    case PB_NUMBER_STYLE_CHINESE:
      /* In 万 or 亿 when that is exact to two decimals (65000 is 6.5万,
       * 12345 stays 12345: a reported figure keeps its digits). */
      if (fabs (value) >= 1e8 && fmod (value, 1e6) == 0)
        {
          g_autofree char *n = trimmed (value / 1e8, 2);
          number = g_strconcat (n, "亿", NULL);
        }
      else if (fabs (value) >= 1e4 && fmod (value, 1e2) == 0)
        {
          g_autofree char *n = trimmed (value / 1e4, 2);
          number = g_strconcat (n, "万", NULL);
        }
      else
        number = trimmed (value, 2);
      break;
    case PB_NUMBER_STYLE_GROUPED:
      number = grouped (value);
      break;
    case PB_NUMBER_STYLE_PLAIN:
    case PB_NUMBER_STYLE_AUTO:
    default:
      number = trimmed (value, 2);
      break;
    }

  return g_strconcat (number, unit, NULL);
}

char *
pb_format_number (double      value,
                  const char *unit)
{
  return pb_format_number_styled (value, unit, current_style);
}

/**
 * pb_format_date_styled:
 * @date: a valid date
 * @style: Chinese gives 2024年12月31日; the others 2024-12-31
 *
 * Returns: (transfer full): the date
 */
char *
pb_format_date_styled (const GDate   *date,
                       PbNumberStyle  style)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), g_strdup (""));

  if (resolve (style) == PB_NUMBER_STYLE_CHINESE)
    return g_strdup_printf ("%d年%d月%d日", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

char *
pb_format_date (const GDate *date)
{
  return pb_format_date_styled (date, current_style);
}

/**
 * pb_format_comparator:
 * @comparator: a target's comparator
 *
 * Returns: how a target writes it before the value: ≥, ≤, ~, or nothing
 */
const char *
pb_format_comparator (PbComparator comparator)
{
  switch (comparator)
    {
    case PB_COMPARATOR_GE: return "≥";
    case PB_COMPARATOR_LE: return "≤";
    case PB_COMPARATOR_ABOUT: return "~";
    case PB_COMPARATOR_EQ:
    default: return "";
    }
}

/**
 * pb_format_quarter:
 * @quarter: 1 to 4
 * @formal: %TRUE for a printed report (第一季度), %FALSE for the screen (一季度)
 *
 * Returns: the quarter's name, translated: "Q1", 一季度 or 第一季度
 */
const char *
pb_format_quarter (int      quarter,
                   gboolean formal)
{
  /* Each is its own string: Chinese writes the quarter's number in
   * characters (一季度), which a %d cannot give. */
  switch (CLAMP (quarter, 1, 4))
    {
    case 1: return formal ? C_("quarter in a report", "Q1") : C_("quarter", "Q1");
    case 2: return formal ? C_("quarter in a report", "Q2") : C_("quarter", "Q2");
    case 3: return formal ? C_("quarter in a report", "Q3") : C_("quarter", "Q3");
    case 4:
    default: return formal ? C_("quarter in a report", "Q4") : C_("quarter", "Q4");
    }
}

/**
 * pb_format_year_quarter:
 * @year: the year
 * @quarter: 1 to 4
 * @formal: as for pb_format_quarter()
 *
 * Returns: (transfer full): "2026 Q3", 2026年三季度 or 2026年第三季度
 */
char *
pb_format_year_quarter (int      year,
                        int      quarter,
                        gboolean formal)
{
  /* TRANSLATORS: a year and a quarter's name (Q3, 三季度), as "2026 Q3" */
  return g_strdup_printf (C_("year and quarter", "%d %s"), year, pb_format_quarter (quarter, formal));
}

/**
 * pb_format_period_label:
 * @label: a reporting period's stored label, "2026-10" or "2026-Q3"
 *
 * Returns: (transfer full): the period as the reader writes it: "2026 Q3"
 *   or 2026年三季度, "October 2026" or 2026年10月; @label itself when it
 *   is neither
 */
char *
pb_format_period_label (const char *label)
{
  int year = 0, number = 0;
  char q = 0;

  if (label == NULL)
    return g_strdup ("");
  if (sscanf (label, "%4d-%c%1d", &year, &q, &number) == 3 && q == 'Q' && number >= 1 && number <= 4)
    return pb_format_year_quarter (year, number, FALSE);
  if (sscanf (label, "%4d-%2d", &year, &number) == 2 && number >= 1 && number <= 12)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (year, number, 1, 0, 0, 0);

      if (dt)
        /* TRANSLATORS: a month, as in a strftime format: "October 2026" */
        return g_date_time_format (dt, _("%B %Y"));
    }
  return g_strdup (label);
}
