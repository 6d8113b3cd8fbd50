/* pb-format.c — numbers and dates as the reader's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plans write amounts in 万 and 亿 (6.5万户, 1400亿元) and small numbers
 * without separators (2600个); readers elsewhere expect 65,000. The style
 * is the user's choice (GSettings number-style), by default the locale's.
 * Dates follow the language alone: 2024年12月31日 and 2025年1月 in
 * Chinese, ISO 8601 (2024-12-31, 2025-01) otherwise. The decimal
 * point is always '.', as both write it. Quarters: 一季度 on screen and
 * 第一季度 in printed reports, as documents write them; Q1 in English.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

static const char *messages_locale (void);

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
  /* LANGUAGE chooses the translation when the locale is not C. */
  if (locale == NULL)
    locale = messages_locale ();
  if (locale && g_str_has_prefix (locale, "zh"))
    return PB_NUMBER_STYLE_CHINESE;
  return PB_NUMBER_STYLE_GROUPED;
}

/* The reader's messages locale (LANGUAGE over it, as gettext reads it). */
static const char *
messages_locale (void)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *locale = setlocale (LC_MESSAGES, NULL);

  if (language && *language && locale && !g_str_equal (locale, "C") && !g_str_equal (locale, "POSIX"))
    locale = language;
  return locale;
}

/* 万 and 亿 as the reader writes them: 萬 and 億 in traditional script
 * (zh_TW, zh_HK, zh_MO, zh_Hant), the units the figures are read in. */
static const char *
myriad (gboolean yi)
{
  const char *locale = messages_locale ();
  gboolean traditional = locale != NULL &&
                         (g_str_has_prefix (locale, "zh_TW") || g_str_has_prefix (locale, "zh_HK") ||
                          g_str_has_prefix (locale, "zh_MO") || strstr (locale, "Hant") != NULL);

  if (traditional)
    return yi ? "億" : "萬";
  return yi ? "亿" : "万";
}

static PbNumberStyle
resolve (PbNumberStyle style)
{
  return style == PB_NUMBER_STYLE_AUTO ? pb_format_style_for_locale (NULL) : style;
}

/* The separators of the numeric locale: the decimal sign, and the one
 * between thousands (',' where the locale has none, '.' where its decimal
 * sign is ','). */
static void
separators (char       decimal[8],
            char       group[8])
{
  struct lconv *lc = localeconv ();
  const char *d = lc && lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
  const char *g = lc && lc->thousands_sep ? lc->thousands_sep : "";

  g_strlcpy (decimal, d, 8);
  if (*g == '\0')
    g = g_str_equal (d, ",") ? "." : ",";
  g_strlcpy (group, g, 8);
}

/* Rounded to @decimals decimals, trailing zeros dropped, '.' always. */
static char *
trimmed (double value,
         int    decimals)
{
  char format[8];
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s, *end;

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 9));
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

/* @plain ('.' decimals) with the locale's decimal sign, and its thousands
 * separated when @group_thousands. */
static char *
localised (const char *plain,
           gboolean    group_thousands)
{
  char decimal[8], group[8];
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *dot = strchr (digits, '.');
  gsize int_len = dot ? (gsize) (dot - digits) : strlen (digits);
  GString *out = g_string_new (plain[0] == '-' ? "-" : "");

  separators (decimal, group);
  for (gsize i = 0; i < int_len; i++)
    {
      if (group_thousands && i > 0 && (int_len - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
  if (dot)
    {
      g_string_append (out, decimal);
      g_string_append (out, dot + 1);
    }
  return g_string_free (out, FALSE);
}

/**
 * pb_format_percent:
 * @fraction: 0.125 for 12.5 %
 *
 * A share as every view, table, chart, report and the CLI write it: a
 * whole percent, rounded half away from zero (12.5 % → "13%", not the
 * "12%" of printf's round-half-even on binary values), "—" for NAN.
 *
 * Returns: (transfer full): the text
 */
char *
pb_format_percent (double fraction)
{
  double percent;

  if (isnan (fraction))
    return g_strdup ("—");
  percent = fraction * 100;
  /* 0.145 * 100 is 14.499999…: judge the half on the decimal figure. */
  percent = round (round (percent * 1e6) / 1e6);
  if (percent == 0)
    percent = 0; /* no "-0%" */
  /* A whole number: written as "%.0f%%" writes it, without printf's
   * floating-point path (two a judged item at a start). */
  if (fabs (percent) < 1e9)
    {
      char buf[16], *p = buf + sizeof buf;
      gint64 n = (gint64) percent;
      guint64 u = n < 0 ? (guint64) -n : (guint64) n;

      *--p = '\0';
      *--p = '%';
      do
        *--p = (char) ('0' + u % 10);
      while ((u /= 10) > 0);
      if (n < 0)
        *--p = '-';
      return g_strdup (p);
    }
  return g_strdup_printf ("%.0f%%", percent);
}

/**
 * pb_format_decimals_of:
 * @value: a number
 *
 * Returns: how many decimals @value needs, read to 15 significant digits
 *   (0 to 9): 2600 → 0, 0.85 → 2, 1234567.891 → 3
 */
int
pb_format_decimals_of (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text, *dot, *e;
  int decimals = 0;

  if (!isfinite (value))
    return 0;
  text = g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  dot = strchr (text, '.');
  e = strchr (text, 'e');
  if (dot)
    decimals = (int) ((e ? e : text + strlen (text)) - dot - 1);
  if (e)
    decimals -= atoi (e + 1);
  return CLAMP (decimals, 0, 9);
}

/**
 * pb_format_number_full:
 * @value: a number
 * @unit: (nullable): its unit, as 个 or 元
 * @style: how to write it
 * @decimals: the decimals to round to (an indicator's precision), or -1
 *   for up to two
 *
 * The one number formatter. Chinese: small numbers bare, 万 and 亿 when
 * exact at that precision (6.5万户, 1400亿元, 2600个, 12345个); grouped:
 * thousands separated as the locale separates them (65,000户; 65.000户
 * and 0,85 in de_DE); plain: 65000户. Rounded to @decimals, trailing
 * zeros dropped, so a count with no decimals never reads 8,793.42.
 *
 * Returns: (transfer full): the number, or "—" for NaN
 */
char *
pb_format_number_full (double         value,
                       const char    *unit,
                       PbNumberStyle  style,
                       int            decimals)
{
  g_autofree char *number = NULL;
  int places = decimals < 0 ? 2 : MIN (decimals, 9);

  if (isnan (value))
    return g_strdup ("—");
  if (unit == NULL)
    unit = "";
  value = round (value * pow (10, places)) / pow (10, places);

  switch (resolve (style))
    {
    case PB_NUMBER_STYLE_CHINESE:
      /* In 万 or 亿 when that is exact (65000 is 6.5万, 12345 stays 12345:
       * a reported figure keeps its digits). */
      if (fabs (value) >= 1e8 && fmod (value, 1e6) == 0)
        {
          g_autofree char *n = trimmed (value / 1e8, 2);
          number = g_strconcat (n, myriad (TRUE), NULL);
        }
      else if (fabs (value) >= 1e4 && fmod (value, 1e2) == 0)
        {
          g_autofree char *n = trimmed (value / 1e4, 2);
          number = g_strconcat (n, myriad (FALSE), NULL);
        }
      else
        {
          g_autofree char *n = trimmed (value, places);
          number = localised (n, FALSE);
        }
      break;
    case PB_NUMBER_STYLE_GROUPED:
      {
        g_autofree char *n = trimmed (value, places);
        number = localised (n, TRUE);
      }
      break;
    case PB_NUMBER_STYLE_PLAIN:
    case PB_NUMBER_STYLE_AUTO:
    default:
      {
        g_autofree char *n = trimmed (value, places);
        number = localised (n, FALSE);
      }
      break;
    }

  return g_strconcat (number, unit, NULL);
}

/**
 * pb_format_number_styled:
 * @value: a number
 * @unit: (nullable): its unit, as 个 or 元
 * @style: how to write it
 *
 * Returns: (transfer full): @value to up to two decimals; see
 *   pb_format_number_full()
 */
char *
pb_format_number_styled (double         value,
                         const char    *unit,
                         PbNumberStyle  style)
{
  return pb_format_number_full (value, unit, style, -1);
}

char *
pb_format_number (double      value,
                  const char *unit)
{
  return pb_format_number_full (value, unit, current_style, -1);
}

/**
 * pb_format_number_to:
 * @value: a number
 * @unit: (nullable): its unit
 * @decimals: its indicator's precision (pb_store_get_indicator_decimals())
 *
 * Returns: (transfer full): @value in the user's style at that precision
 */
char *
pb_format_number_to (double      value,
                     const char *unit,
                     int         decimals)
{
  return pb_format_number_full (value, unit, current_style, decimals);
}

/* Whether the reader reads Chinese (the messages locale, or LANGUAGE
 * over it): large amounts are then written in 亿 and 万, whatever the
 * number style. */
static gboolean
reads_chinese (void)
{
  return pb_format_style_for_locale (NULL) == PB_NUMBER_STYLE_CHINESE;
}

/* @value in billions (thousand millions), "28 bn", "2.8 bn", "1,400 bn",
 * to at most @places decimals of a billion; its space a no-break space,
 * so that a wrapping line never leaves "2.8" at its end and "bn" on the
 * next. A Chinese reader reads the same amount as officials write it, to
 * the same precision: in 亿 (2.8 bn is 28亿, 1,400 bn 14000亿), under 1亿
 * in 万 (0.028 bn is 2800万); never "2.8十亿", and never a translation's
 * unit: 亿 is 10⁸, not 10⁹, so the number changes with the unit. */
static char *
billions (double value,
          int    places)
{
  g_autofree char *n = NULL;
  g_autofree char *number = NULL;
  GString *text;

  if (reads_chinese ())
    {
      /* @places decimals of 10⁹: a step of 10^(9 - @places). */
      double step = pow (10, 9 - places);
      double rounded = round (value / step) * step;
      gboolean yi = fabs (rounded) >= 1e8;

      n = yi ? trimmed (rounded / 1e8, MAX (places - 1, 0)) : trimmed (rounded / 1e4, MAX (places - 5, 0));
      number = localised (n, FALSE);
      return g_strconcat (number, myriad (yi), NULL);
    }

  n = trimmed (value / 1e9, places);
  number = localised (n, TRUE);
  text = g_string_new (NULL);
  /* Translators: an amount in billions (thousand millions) where room is
   * short, as "28 bn" for 28,000,000,000 in the indicator table; %s is
   * the number of billions. Chinese never shows it: Planboard writes
   * such amounts in 亿 (28亿) itself, so do not write 亿 here (it is a
   * tenth of a billion) */
  g_string_printf (text, _("%s bn"), number);
  g_string_replace (text, " ", "\u00a0", 0);
  return g_string_free (text, FALSE);
}

/**
 * pb_format_number_compact:
 * @value: a target or an actual
 * @unit: (nullable): its unit
 * @decimals: its indicator's precision
 *
 * A value for a narrow cell (the indicator table's targets and actuals).
 * The Chinese style already writes large amounts as plans write them
 * (280亿); the grouped style writes a billion and more as "28 bn" or
 * "2.8 bn" when that is exact to a million (as 亿 is used only when
 * exact), so that 28,000,000,000 does not outgrow its column; a Chinese
 * reader who chose separators reads 28亿 there, not "2.8十亿". Smaller or
 * inexact values, and the plain style (the user's choice of bare digits),
 * read as pb_format_number_to() writes them.
 *
 * Returns: (transfer full): @value
 */
char *
pb_format_number_compact (double      value,
                          const char *unit,
                          int         decimals)
{
  int places = decimals < 0 ? 2 : MIN (decimals, 9);

  if (isfinite (value) && resolve (current_style) == PB_NUMBER_STYLE_GROUPED)
    {
      double rounded = round (value * pow (10, places)) / pow (10, places);

      if (fabs (rounded) >= 1e9 && fmod (rounded, 1e6) == 0)
        {
          g_autofree char *number = billions (rounded, 3);

          return g_strconcat (number, unit ? unit : "", NULL);
        }
    }
  return pb_format_number_to (value, unit, decimals);
}

/**
 * pb_format_number_scaled:
 * @value: a figure written among others (an axis's tick)
 * @unit: (nullable): its unit
 * @decimals: the decimals to round to
 * @scale: the largest of those figures (the axis's top tick)
 *
 * Figures read together in one unit: in the grouped style, when @scale is
 * written in billions (pb_format_number_compact(): 1.5 bn), so is every
 * smaller round figure beside it (0.5 bn, not 500,000,000 under 1 bn);
 * zero stays 0. Otherwise as pb_format_number_compact() writes @value
 * (5000万 under 1.5亿 reads as Chinese writes it).
 *
 * Returns: (transfer full): @value
 */
char *
pb_format_number_scaled (double      value,
                         const char *unit,
                         int         decimals,
                         double      scale)
{
  int places = decimals < 0 ? 2 : MIN (decimals, 9);

  if (isfinite (value) && isfinite (scale) && value != 0 && resolve (current_style) == PB_NUMBER_STYLE_GROUPED)
    {
      double rounded = round (value * pow (10, places)) / pow (10, places);
      double top = round (scale * pow (10, places)) / pow (10, places);

      if (fabs (top) >= 1e9 && fmod (top, 1e6) == 0 && fabs (rounded) < 1e9 && fmod (rounded, 1e6) == 0)
        {
          g_autofree char *number = billions (rounded, 3);

          return g_strconcat (number, unit ? unit : "", NULL);
        }
    }
  return pb_format_number_compact (value, unit, decimals);
}

/**
 * pb_format_estimate:
 * @value: a figure Planboard computed (the value expected by a date),
 *   not one reported
 * @unit: (nullable): its unit
 * @decimals: its indicator's precision
 *
 * A reported figure keeps its digits (12345); a computed one is read as
 * a briefing writes it: in the Chinese style, 1万 and more in 万 or 亿 to
 * three significant digits (446959 is 44.7万, 2.35亿); otherwise, and
 * below 1万, as pb_format_number_to() writes it (446,959).
 *
 * Returns: (transfer full): @value
 */
char *
pb_format_estimate (double      value,
                    const char *unit,
                    int         decimals)
{
  if (!isnan (value) && fabs (value) >= 1e4 && resolve (current_style) == PB_NUMBER_STYLE_CHINESE)
    {
      gboolean yi = fabs (round (value / 1e6) * 1e6) >= 1e8;
      double v = value / (yi ? 1e8 : 1e4);
      int places = fabs (v) >= 99.95 ? 0 : fabs (v) >= 9.995 ? 1 : 2;
      g_autofree char *n = trimmed (v, places);
      g_autofree char *number = localised (n, FALSE);

      return g_strconcat (number, myriad (yi), unit ? unit : "", NULL);
    }
  /* Grouped, a billion and more to three significant digits: 9.33 bn. */
  if (isfinite (value) && fabs (round (value / 1e6) * 1e6) >= 1e9 &&
      resolve (current_style) == PB_NUMBER_STYLE_GROUPED)
    {
      double v = fabs (value / 1e9);
      g_autofree char *number = billions (value, v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2);

      return g_strconcat (number, unit ? unit : "", NULL);
    }
  return pb_format_number_to (value, unit, decimals);
}

/**
 * pb_format_editable:
 * @value: a number
 *
 * A number for a text field: every digit it has (no rounding to six
 * figures: 1234567 stays 1234567), the locale's decimal sign, no
 * separators, so that pb_parse_number() reads back exactly @value.
 *
 * Returns: (transfer full): the text, or "" for NaN
 */
char *
pb_format_editable (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("");
  if (fabs (value) < 1e15)
    {
      g_autofree char *n = trimmed (value, pb_format_decimals_of (value));
      return localised (n, FALSE);
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value));
}

/* ---- Reading what a user typed ------------------------------------------- */

/* A run of ASCII digits between separators: groups of three after the
 * first make @sep a thousands separator. */
static gboolean
groups_of_three (const char *s,
                 char        sep)
{
  const char *p = strchr (s, sep);

  if (p == NULL || p == s || p - s > 3)
    return FALSE;
  while (p != NULL)
    {
      const char *next = strchr (p + 1, sep);
      gsize len = next ? (gsize) (next - p - 1) : strlen (p + 1);

      if (len != 3)
        return FALSE;
      p = next;
    }
  return TRUE;
}

/**
 * pb_parse_number:
 * @text: what was typed: 2600, 2,600, 2.600 (de), 1.234.567,5 (de),
 *   0,85, 1.3万, 1.2亿, 85%, full-width digits
 * @value: (out): the number
 *
 * The one parser of numbers, the same in every view and every locale. Of
 * '.' and ',' the last one written is the decimal sign when both appear;
 * alone, one that separates groups of three digits is a thousands
 * separator unless the locale writes decimals with it ("1,234" is 1234 in
 * English and 1.234 in German), otherwise it is the decimal sign ("0,85"
 * and "0.85" are 0.85 everywhere). 万 and 亿 multiply; a percentage keeps
 * its number (85% is 85). A script's exponent is read too: 1e15, 2.6E4.
 *
 * Returns: whether @text is a number
 */
gboolean
pb_parse_number (const char *text,
                 double     *value)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) exponent = NULL;   /* after e or E: a sign, digits */
  char decimal[8], group[8];
  double scale = 1, v;
  gboolean percent = FALSE;
  char *end = NULL;
  const char *last_dot, *last_comma;

  if (text == NULL)
    return FALSE;
  separators (decimal, group);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean after = scale != 1 || percent;

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '\'')
        continue;
      if (c >= 0xFF01 && c <= 0xFF5E)  /* full-width ASCII */
        c -= 0xFEE0;
      else if (c == 0x3002 || c == 0xFF61)  /* 。 as a decimal point */
        c = '.';
      else if (c == 0x3001)                 /* 、 */
        return FALSE;

      if (exponent != NULL)
        {
          if (g_ascii_isdigit (c) || ((c == '-' || c == '+') && exponent->len == 0))
            g_string_append_c (exponent, (char) c);
          else
            return FALSE;
        }
      else if ((c == 'e' || c == 'E') && !after && strpbrk (plain->str, "0123456789") != NULL)
        exponent = g_string_new (NULL);
      else if ((c == 0x4E07 /* 万 */ || c == 0x842C /* 萬 */) && !after)
        scale = 1e4;
      else if ((c == 0x4EBF /* 亿 */ || c == 0x5104 /* 億 */) && !after)
        scale = 1e8;
      else if (c == '%' && !percent)
        percent = TRUE;
      else if (!after && (g_ascii_isdigit (c) || c == '.' || c == ',' || ((c == '-' || c == '+') && plain->len == 0)))
        g_string_append_c (plain, (char) c);
      else
        return FALSE;
    }

  if (plain->len == 0)
    return FALSE;

  last_dot = strrchr (plain->str, '.');
  last_comma = strrchr (plain->str, ',');
  if (last_dot && last_comma)
    {
      /* Both: the last written is the decimal sign, once. */
      char dec = last_dot > last_comma ? '.' : ',';
      char sep = dec == '.' ? ',' : '.';
      g_autoptr(GString) out = g_string_new (NULL);

      if (strchr (plain->str, dec) != strrchr (plain->str, dec))
        return FALSE;
      for (const char *p = plain->str; *p; p++)
        if (*p == dec)
          g_string_append_c (out, '.');
        else if (*p != sep)
          g_string_append_c (out, *p);
      g_string_assign (plain, out->str);
    }
  else if (last_dot || last_comma)
    {
      char sep = last_dot ? '.' : ',';
      const char *digits = plain->str + (plain->str[0] == '-' || plain->str[0] == '+');
      gboolean locale_decimal = decimal[0] == sep && decimal[1] == '\0';
      gboolean several = strchr (digits, sep) != strrchr (digits, sep);
      gboolean thousands = groups_of_three (digits, sep) && (several || !locale_decimal);

      if (thousands)
        {
          g_autoptr(GString) out = g_string_new (NULL);
          for (const char *p = plain->str; *p; p++)
            if (*p != sep)
              g_string_append_c (out, *p);
          g_string_assign (plain, out->str);
        }
      else if (several)
        return FALSE;
      else if (sep == ',')
        *strchr (plain->str, ',') = '.';
    }

  if (exponent != NULL)
    {
      if (strpbrk (exponent->str, "0123456789") == NULL)
        return FALSE;
      g_string_append_printf (plain, "e%s", exponent->str);
    }
  v = g_ascii_strtod (plain->str, &end);
  if (end == plain->str || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v * scale;
  return TRUE;
}

/**
 * pb_parse_target:
 * @text: ≥2600, >=2600, ≤1.3, <=1.3, ~100, 约100, ≈100, =50, 不低于50 or 50
 * @comparator: (out): the comparator (= when none is written)
 * @value: (out): the number, read by pb_parse_number()
 *
 * Returns: whether @text is a target
 */
gboolean
pb_parse_target (const char   *text,
                 PbComparator *comparator,
                 double       *value)
{
  static const struct { const char *prefix; PbComparator c; } prefixes[] = {
    { "≥", PB_COMPARATOR_GE }, { ">=", PB_COMPARATOR_GE }, { "＞＝", PB_COMPARATOR_GE },
    { ">", PB_COMPARATOR_GE }, { "不低于", PB_COMPARATOR_GE }, { "不少于", PB_COMPARATOR_GE },
    { "≤", PB_COMPARATOR_LE }, { "<=", PB_COMPARATOR_LE }, { "＜＝", PB_COMPARATOR_LE },
    { "<", PB_COMPARATOR_LE }, { "不高于", PB_COMPARATOR_LE }, { "不超过", PB_COMPARATOR_LE },
    { "~", PB_COMPARATOR_ABOUT }, { "～", PB_COMPARATOR_ABOUT }, { "约", PB_COMPARATOR_ABOUT },
    { "≈", PB_COMPARATOR_ABOUT },
    { "=", PB_COMPARATOR_EQ }, { "＝", PB_COMPARATOR_EQ },
  };
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  const char *rest = clean;
  PbComparator found = PB_COMPARATOR_EQ;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (clean, prefixes[i].prefix))
      {
        found = prefixes[i].c;
        rest = clean + strlen (prefixes[i].prefix);
        break;
      }

  if (!pb_parse_number (rest, value))
    return FALSE;
  *comparator = found;
  return TRUE;
}

/**
 * pb_format_iso_date:
 * @iso: (nullable): a stored date, YYYY-MM-DD
 *
 * Returns: (transfer full): the date as the reader writes it
 *   (2024年12月31日 in Chinese), @iso itself if it is not a date, "" for
 *   %NULL
 */
char *
pb_format_iso_date (const char *iso)
{
  int y, m, d;
  char tail;

  if (iso == NULL)
    return g_strdup ("");
  if (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDate) date = g_date_new_dmy (d, m, y);
      return pb_format_date (date);
    }
  return g_strdup (iso);
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

/**
 * pb_format_date:
 * @date: a valid date
 *
 * A date follows the language, not the number style: a Chinese reader
 * who chose 2,600 for amounts still reads 2024年12月31日.
 *
 * Returns: (transfer full): 2024年12月31日 in Chinese, else 2024-12-31
 */
char *
pb_format_date (const GDate *date)
{
  return pb_format_date_styled (date, PB_NUMBER_STYLE_AUTO);
}

/**
 * pb_format_month_styled:
 * @year: a year
 * @month: 1 to 12
 * @style: Chinese gives 2025年1月; the others 2025-01
 *
 * Returns: (transfer full): the month
 */
char *
pb_format_month_styled (int           year,
                        int           month,
                        PbNumberStyle style)
{
  if (resolve (style) == PB_NUMBER_STYLE_CHINESE)
    return g_strdup_printf ("%d年%d月", year, month);
  return g_strdup_printf ("%04d-%02d", year, month);
}

/**
 * pb_format_iso_month:
 * @iso: (nullable): a stored date, YYYY-MM-DD (or YYYY-MM)
 *
 * Returns: (transfer full): its month as the reader's language writes it
 *   (2025年1月 in Chinese, 2025-01 otherwise), "…" when @iso is no date
 */
char *
pb_format_iso_month (const char *iso)
{
  int y, m;

  if (iso == NULL || sscanf (iso, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
    return g_strdup ("…");
  return pb_format_month_styled (y, m, PB_NUMBER_STYLE_AUTO);
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

/* Whether @number is written in Chinese numerals alone: 二, 十一, 二十三. */
static gboolean
is_chinese_numeral (const char *number)
{
  static const char digits[] = "〇零一二三四五六七八九十百两";

  if (*number == '\0')
    return FALSE;
  for (const char *p = number; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char buf[7] = { 0 };

      g_unichar_to_utf8 (c, buf);
      if (c < 0x80 || strstr (digits, buf) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * pb_format_section_heading:
 * @number: (nullable): a section's number as stored: "二", "(一)", "1."
 * @title: (nullable): its title
 *
 * Joins a section's number and title for display, as Chinese plans write
 * them: a number in Chinese numerals takes the enumeration comma
 * (二、保障措施); any other number keeps its own punctuation and a space
 * ("(一) 建设…", "1. 总体要求"); no number, the title alone. The stored
 * number and title are not changed.
 *
 * Returns: (transfer full): the heading
 */
char *
pb_format_section_heading (const char *number,
                           const char *title)
{
  g_autofree char *n = g_strstrip (g_strdup (number ? number : ""));
  g_autofree char *t = g_strstrip (g_strdup (title ? title : ""));

  if (*n == '\0')
    return g_steal_pointer (&t);
  if (*t == '\0')
    return g_steal_pointer (&n);
  if (is_chinese_numeral (n))
    return g_strconcat (n, "、", t, NULL);
  /* A number that already ends with an enumeration comma: none added. */
  if (g_str_has_suffix (n, "、"))
    return g_strconcat (n, t, NULL);
  return g_strconcat (n, " ", t, NULL);
}


/* ---- The next section number ------------------------------------------ */

static const char *const cn_digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

/* The value of Chinese numerals 一…九百九十九 (十一, 二十, 一百零五), or 0. */
static int
parse_chinese_numeral (const char *text)
{
  int total = 0, digit = -1;

  if (*text == '\0')
    return 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = -1;

      for (int i = 0; i < 10; i++)
        if (c == g_utf8_get_char (cn_digits[i]))
          d = i;
      if (c == 0x96F6 /* 零 */)
        d = 0;
      if (c == 0x4E24 /* 两 */)
        d = 2;
      if (d >= 0)
        {
          if (digit > 0)
            return 0;   /* two digits in a row: not a numeral we write */
          digit = d;
        }
      else if (c == 0x5341 /* 十 */ || c == 0x767E /* 百 */)
        {
          int unit = c == 0x5341 ? 10 : 100;

          total += (digit < 0 ? 1 : digit) * unit;
          digit = -1;
        }
      else
        return 0;
    }
  if (digit > 0)
    total += digit;
  return total;
}

/* @n (1…999) in Chinese numerals, as plans number sections: 十, 十一, 二十,
 * 一百零一; larger numbers in digits. */
static char *
format_chinese_numeral (int n)
{
  GString *s = g_string_new (NULL);
  int hundreds = n / 100, tens = n / 10 % 10, ones = n % 10;

  if (n <= 0 || n > 999)
    {
      g_string_printf (s, "%d", n);
      return g_string_free (s, FALSE);
    }
  if (hundreds > 0)
    g_string_append_printf (s, "%s百", cn_digits[hundreds]);
  if (tens > 0)
    {
      if (hundreds > 0 || tens > 1)
        g_string_append (s, cn_digits[tens]);
      g_string_append (s, "十");
    }
  else if (hundreds > 0 && ones > 0)
    g_string_append (s, "零");
  if (ones > 0)
    g_string_append (s, cn_digits[ones]);
  return g_string_free (s, FALSE);
}

/* A section number split into its style and value: "（三）" is "（",
 * Chinese, "）" and 3. */
typedef struct
{
  char     *open;
  char     *close;
  gboolean  chinese;
  int       value;
} SectionNumber;

static gboolean
split_section_number (const char    *number,
                      SectionNumber *out)
{
  g_autofree char *n = g_strstrip (g_strdup (number ? number : ""));
  const char *p = n, *core, *end;
  g_autofree char *middle = NULL;

  memset (out, 0, sizeof *out);
  /* The opening bracket, if any. */
  while (*p && (g_str_has_prefix (p, "(") || g_str_has_prefix (p, "（") || g_str_has_prefix (p, "第")))
    p = g_utf8_next_char (p);
  core = p;
  /* The numeral: digits, or Chinese numerals. */
  if (g_ascii_isdigit (*p))
    while (g_ascii_isdigit (*p))
      p++;
  else
    while (*p && g_utf8_get_char (p) >= 0x80)
      {
        char buf[7] = { 0 };

        g_unichar_to_utf8 (g_utf8_get_char (p), buf);
        if (strstr ("〇零一二三四五六七八九十百两", buf) == NULL)
          break;
        p = g_utf8_next_char (p);
      }
  end = p;
  if (end == core)
    return FALSE;
  middle = g_strndup (core, end - core);
  out->chinese = !g_ascii_isdigit (*core);
  out->value = out->chinese ? parse_chinese_numeral (middle) : (int) MIN (g_ascii_strtoll (middle, NULL, 10), 100000);
  if (out->value <= 0)
    return FALSE;
  out->open = g_strndup (n, core - n);
  out->close = g_strdup (end);
  return TRUE;
}

/**
 * pb_format_next_section_number:
 * @siblings: (array zero-terminated=1) (nullable): the numbers of the
 *   sections the new one goes beside, in their order
 * @nested: whether the new section goes inside another one
 * @chinese: whether the plan is written in Chinese
 *
 * The number a new section proposes, in the style of its siblings: one
 * more than the largest of the numbers written as the last numbered
 * sibling is ("三" after "一" and "二", "（三）" after "（一）（二）",
 * "3." after "1." and "2.", "十一、" after "十、"). With no numbered
 * sibling, the first number of the style Chinese plans use for the
 * level: "一" for a top-level section, "(一)" inside one; "1" for a plan
 * that is not in Chinese. The planner may edit it.
 *
 * Returns: (transfer full): the number
 */
char *
pb_format_next_section_number (const char *const *siblings,
                               gboolean           nested,
                               gboolean           chinese)
{
  SectionNumber last = { 0 };
  gboolean found = FALSE;
  int largest = 0;
  char *result;

  for (guint i = 0; siblings && siblings[i]; i++)
    {
      SectionNumber s;

      if (split_section_number (siblings[i], &s))
        {
          g_free (last.open);
          g_free (last.close);
          last = s;
          found = TRUE;
        }
    }
  if (!found)
    return g_strdup (!chinese ? "1" : nested ? "(一)" : "一");

  for (guint i = 0; siblings[i]; i++)
    {
      SectionNumber s;

      if (!split_section_number (siblings[i], &s))
        continue;
      if (s.chinese == last.chinese && g_str_equal (s.open, last.open) && g_str_equal (s.close, last.close))
        largest = MAX (largest, s.value);
      g_free (s.open);
      g_free (s.close);
    }
  {
    g_autofree char *core = last.chinese ? format_chinese_numeral (largest + 1)
                                         : g_strdup_printf ("%d", largest + 1);

    result = g_strconcat (last.open, core, last.close, NULL);
  }
  g_free (last.open);
  g_free (last.close);
  return result;
}

/* The style @numbers count in, in their order, one style for all, and
 * the count they start from: 1, 2, 3… from 1, or 5, 6, 7… from 5 (a
 * section's key tasks, where a plan numbers them straight through its
 * sections); %FALSE when they do not count (a number missing, out of
 * step, or two styles). */
static gboolean
counted_style (const char *const *numbers,
               SectionNumber     *style,
               int               *start)
{
  guint n = 0;

  memset (style, 0, sizeof *style);
  *start = 0;
  for (guint i = 0; numbers && numbers[i]; i++, n++)
    {
      SectionNumber s;

      if (!split_section_number (numbers[i], &s))
        goto fail;
      if (i == 0)
        *start = s.value;
      if (s.value != *start + (int) i ||
          (i > 0 && (s.chinese != style->chinese || !g_str_equal (s.open, style->open) ||
                     !g_str_equal (s.close, style->close))))
        {
          g_free (s.open);
          g_free (s.close);
          goto fail;
        }
      if (i == 0)
        *style = s;
      else
        {
          g_free (s.open);
          g_free (s.close);
        }
    }
  return n > 0;

fail:
  g_clear_pointer (&style->open, g_free);
  g_clear_pointer (&style->close, g_free);
  return FALSE;
}

/**
 * pb_format_renumber_sections:
 * @before: (array zero-terminated=1): the numbers of a section's
 *   sub-sections (or of the top-level sections) before a move, a nest or
 *   a delete, in their order
 * @after: (array zero-terminated=1): the numbers of the same list after
 *   it, in their new order
 * @first: (nullable): the number a first section of the list takes when
 *   @before is empty ("(一)")
 *
 * Sections keep counting in order when one moves among them, goes in or
 * out, or is deleted: when @before counted 1, 2, 3… in one style ("一"
 * "二" "三", "(一)" "(二)", "1." "2."), @after is numbered again in that
 * style, the section that joined the list included. A list that did not
 * count in order (numbers skipped, mixed, missing) is left as written: its
 * numbers are the document's, not a count.
 *
 * Returns: (transfer full) (nullable): the new numbers for @after, or
 *   %NULL to leave them as they are
 */
char **
pb_format_renumber_sections (const char *const *before,
                             const char *const *after,
                             const char        *first)
{
  SectionNumber style = { 0 };
  GPtrArray *out;
  int start;

  if (before == NULL || before[0] == NULL)
    {
      if (first == NULL || !split_section_number (first, &style))
        return NULL;
    }
  else if (!counted_style (before, &style, &start))
    return NULL;
  else if (start != 1)
    {
      g_free (style.open);
      g_free (style.close);
      return NULL;
    }

  out = g_ptr_array_new ();
  for (guint i = 0; after && after[i]; i++)
    {
      g_autofree char *core = style.chinese ? format_chinese_numeral (i + 1)
                                            : g_strdup_printf ("%u", i + 1);

      g_ptr_array_add (out, g_strconcat (style.open, core, style.close, NULL));
    }
  g_ptr_array_add (out, NULL);
  g_free (style.open);
  g_free (style.close);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* @style's way of writing @value: "（" "三" "）" for 3. */
static char *
number_in_style (const SectionNumber *style,
                 int                  value)
{
  g_autofree char *core = style->chinese ? format_chinese_numeral (value)
                                         : g_strdup_printf ("%d", value);

  return g_strconcat (style->open, core, style->close, NULL);
}

/**
 * pb_format_recount:
 * @before: (array zero-terminated=1): the numbers of a section's items
 *   of one kind before a move, in their order
 * @after: (array zero-terminated=1): the numbers of the section's items
 *   after it, in their new order (fewer when one left, more when one
 *   joined)
 * @start: (out) (optional): the count @before starts from
 *
 * Items keep counting in order when one moves among them, leaves or
 * joins: when @before counted in order in one style — 1, 2, 3 from 1,
 * "（一）" "（二）", "一、" "二、", or 5, 6, 7 from 5 where a plan numbers
 * its tasks straight through its sections — @after is numbered again in
 * that style from the same start. A list that did not count in order (a
 * planner's own numbers, or a document's as 1, 3, 7; a number missing;
 * two styles) is left as written.
 *
 * Returns: (transfer full) (nullable): the new numbers for @after, or
 *   %NULL to leave them as they are
 */
char **
pb_format_recount (const char *const *before,
                   const char *const *after,
                   int               *start)
{
  SectionNumber style = { 0 };
  GPtrArray *out;
  int from;

  if (start != NULL)
    *start = 0;
  if (!counted_style (before, &style, &from))
    return NULL;
  out = g_ptr_array_new ();
  for (guint i = 0; after && after[i]; i++)
    g_ptr_array_add (out, number_in_style (&style, from + (int) i));
  g_ptr_array_add (out, NULL);
  g_free (style.open);
  g_free (style.close);
  if (start != NULL)
    *start = from;
  return (char **) g_ptr_array_free (out, FALSE);
}

/**
 * pb_format_number_like:
 * @like: (nullable): a number written in some style ("（三）", "5.")
 * @value: a count
 *
 * Returns: (transfer full) (nullable): @value written as @like is
 *   ("（七）", "7." for 7), or %NULL when @like is not a number
 */
char *
pb_format_number_like (const char *like,
                       int         value)
{
  SectionNumber style;
  char *out;

  if (value <= 0 || !split_section_number (like, &style))
    return NULL;
  out = number_in_style (&style, value);
  g_free (style.open);
  g_free (style.close);
  return out;
}

/**
 * pb_format_renumber_sections_forced:
 * @numbers: (array zero-terminated=1): the numbers of a section's
 *   sub-sections (or of the top-level sections), in their order
 *
 * Renumber Sections: the numbered sections of the list counted 1, 2, 3…
 * in their order, in the style of the first numbered one ("一" "二",
 * "(一)" "(二)", "1." "2."), whether or not they count in order now
 * ("一" "二" "二" is "一" "二" "三"; "(一)" "三" is "(一)" "(二)"). A
 * section written without a number (an annex, a preface) keeps it as it
 * is and is not counted.
 *
 * Returns: (transfer full) (nullable): the new numbers, one for each of
 *   @numbers, or %NULL when none of them is a number
 */
char **
pb_format_renumber_sections_forced (const char *const *numbers)
{
  SectionNumber style = { 0 };
  gboolean found = FALSE;
  GPtrArray *out;
  guint count = 0;

  for (guint i = 0; numbers && numbers[i] && !found; i++)
    found = split_section_number (numbers[i], &style);
  if (!found)
    return NULL;

  out = g_ptr_array_new ();
  for (guint i = 0; numbers[i]; i++)
    {
      g_autofree char *core = NULL;

      if (pb_format_section_number_value (numbers[i]) == 0)
        {
          g_ptr_array_add (out, g_strdup (numbers[i]));
          continue;
        }
      count++;
      core = style.chinese ? format_chinese_numeral (count) : g_strdup_printf ("%u", count);
      g_ptr_array_add (out, g_strconcat (style.open, core, style.close, NULL));
    }
  g_ptr_array_add (out, NULL);
  g_free (style.open);
  g_free (style.close);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* A number's bracket or separator as a planner reads it: full-width
 * brackets as ASCII ones, the 、 or full stop after it dropped. */
static char *
section_number_mark (const char *mark,
                     gboolean    closing)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = mark; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xff08)
        g_string_append_c (out, '(');
      else if (c == 0xff09)
        g_string_append_c (out, ')');
      else if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  while (closing && out->len > 0)
    {
      if (g_str_has_suffix (out->str, "、") || g_str_has_suffix (out->str, "．"))
        g_string_truncate (out, out->len - strlen ("、"));
      else if (g_str_has_suffix (out->str, "."))
        g_string_truncate (out, out->len - 1);
      else
        break;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pb_format_same_section_number:
 * @a: (nullable): a section's number ("（二）")
 * @b: (nullable): another ("(二)")
 *
 * Whether two sections carry the same number as a reader sees it: the
 * same count in the same style, full-width or ASCII brackets alike, with
 * or without the 、 or full stop after it ("二" and "二、", "（二）" and
 * "(二)", "2" and "2."); "(二)" and "二" are two styles, not one number.
 * Two numbers that are not counts are the same when written the same;
 * an empty number is never anyone's.
 *
 * Returns: %TRUE when they are one number
 */
gboolean
pb_format_same_section_number (const char *a,
                               const char *b)
{
  SectionNumber sa, sb;
  gboolean na, nb, same;

  na = split_section_number (a, &sa);
  nb = split_section_number (b, &sb);
  if (!na || !nb)
    {
      g_autofree char *ta = g_strstrip (g_strdup (a ? a : ""));
      g_autofree char *tb = g_strstrip (g_strdup (b ? b : ""));

      same = !na && !nb && ta[0] != '\0' && g_str_equal (ta, tb);
    }
  else
    {
      g_autofree char *oa = section_number_mark (sa.open, FALSE);
      g_autofree char *ob = section_number_mark (sb.open, FALSE);
      g_autofree char *ca = section_number_mark (sa.close, TRUE);
      g_autofree char *cb = section_number_mark (sb.close, TRUE);

      same = sa.value == sb.value && sa.chinese == sb.chinese && g_str_equal (oa, ob) && g_str_equal (ca, cb);
    }
  if (na)
    {
      g_free (sa.open);
      g_free (sa.close);
    }
  if (nb)
    {
      g_free (sb.open);
      g_free (sb.close);
    }
  return same;
}

/**
 * pb_format_section_number_value:
 * @number: (nullable): a section's number ("（三）", "十一", "2.")
 *
 * Returns: the count it writes (3, 11, 2), or 0 when it is not a number
 */
int
pb_format_section_number_value (const char *number)
{
  SectionNumber s;

  if (!split_section_number (number, &s))
    return 0;
  g_free (s.open);
  g_free (s.close);
  return s.value;
}

/**
 * pb_format_first_section_number:
 * @depth: 0 for a top-level section, 1 inside one, 2 inside that…
 * @chinese: whether the plan is written in Chinese
 *
 * The number of the first section at @depth in the order Chinese official
 * documents number their levels (一、 (一) 1. (1)); "1" in other plans.
 *
 * Returns: (transfer full): the number
 */
char *
pb_format_first_section_number (guint    depth,
                                gboolean chinese)
{
  static const char *const levels[] = { "一", "(一)", "1.", "(1)" };

  if (!chinese)
    return g_strdup ("1");
  return g_strdup (levels[MIN (depth, G_N_ELEMENTS (levels) - 1)]);
}

/* ---- Units ------------------------------------------------------------------- */

/* @unit without spaces, split into its 万 or 亿 (DESIGN §7: they
 * multiply) and the rest: 万户 is 10⁴ 户, 亿元 10⁸ 元, 万亿元 10¹² 元. */
static char *
unit_base (const char *unit,
           double     *scale)
{
  g_autoptr(GString) base = g_string_new (NULL);
  const char *p = unit ? unit : "";

  *scale = 1;
  for (const char *c = p; *c; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      g_string_append_unichar (base, g_utf8_get_char (c));
  for (;;)
    {
      /* 萬 and 億, as traditional script writes them, are one size
       * in UTF-8 with 万 and 亿. */
      if ((g_str_has_prefix (base->str, "万") || g_str_has_prefix (base->str, "萬")) && base->len > strlen ("万"))
        {
          *scale *= 1e4;
          g_string_erase (base, 0, strlen ("万"));
        }
      else if ((g_str_has_prefix (base->str, "亿") || g_str_has_prefix (base->str, "億")) && base->len > strlen ("亿"))
        {
          *scale *= 1e8;
          g_string_erase (base, 0, strlen ("亿"));
        }
      else
        break;
    }
  return g_string_free (g_steal_pointer (&base), FALSE);
}

/* Whether @text writes a 万 or 亿 of its own (2万, 1.5億). */
static gboolean
writes_scale (const char *text)
{
  return text != NULL && (strstr (text, "万") || strstr (text, "萬") || strstr (text, "亿") || strstr (text, "億"));
}

/**
 * pb_parse_number_in_unit:
 * @text: what was typed, as for pb_parse_number()
 * @unit: (nullable): the unit the value is in, as 万个 or 亿元
 * @value: (out): the value in @unit
 *
 * A value typed for a figure in @unit. Where the unit carries a 万 or 亿
 * of its own and the text writes one too, the text says the amount and
 * the value is that amount in the unit: "2万" in 万个 is 2 (2万个), "2亿"
 * in 万个 is 20000, "3000万" in 亿元 is 0.3 — never 2万 万个, two hundred
 * million, as a reviewer's "2万" was recorded. A bare number is in the
 * unit already (1.5 in 万个 is 1.5万个).
 *
 * Returns: whether @text is a number
 */
gboolean
pb_parse_number_in_unit (const char *text,
                         const char *unit,
                         double     *value)
{
  double scale, v;
  g_autofree char *base = unit_base (unit, &scale);

  if (!pb_parse_number (text, &v))
    return FALSE;
  if (scale != 1 && writes_scale (text))
    v /= scale;
  *value = v;
  return TRUE;
}

/**
 * pb_parse_target_in_unit:
 * @text: what was typed, as for pb_parse_target()
 * @unit: (nullable): the unit the target is in
 * @comparator: (out): the comparator
 * @value: (out): the value in @unit, as pb_parse_number_in_unit() reads it
 *
 * Returns: whether @text is a target
 */
gboolean
pb_parse_target_in_unit (const char   *text,
                         const char   *unit,
                         PbComparator *comparator,
                         double       *value)
{
  double scale, v;
  g_autofree char *base = unit_base (unit, &scale);

  if (!pb_parse_target (text, comparator, &v))
    return FALSE;
  if (scale != 1 && writes_scale (text))
    v /= scale;
  *value = v;
  return TRUE;
}

/**
 * pb_unit_factor:
 * @from: (nullable): a measure unit, as 万个
 * @to: (nullable): another, as 个
 *
 * Whether a figure in @from can be read in @to, and how: the same unit
 * but for a 万 or 亿 (DESIGN §7: 1.2万个 is 12000个) converts, any other
 * pair (个 and %, 户 and 个) does not.
 *
 * Returns: what multiplies a figure in @from to read it in @to (10000
 *   from 万个 to 个, 1 for the same unit), or NAN when they differ
 */
double
pb_unit_factor (const char *from,
                const char *to)
{
  double from_scale, to_scale;
  g_autofree char *from_base = unit_base (from, &from_scale);
  g_autofree char *to_base = unit_base (to, &to_scale);

  if (!g_str_equal (from_base, to_base))
    return NAN;
  return from_scale / to_scale;
}
