/* pb-cn-number.c — numbers as Chinese documents write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads "2600", "2,600", "6.5万", "1400亿", "两千", "十二", "一百五十",
 * "三千五百万", "1.2万亿" and gives their value with 万 (1e4) and 亿 (1e8)
 * applied. Text is UTF-32 (gunichar) and already folded to half-width
 * digits and punctuation by the caller.
 */
#define G_LOG_DOMAIN "pb-cn-number"

#include "config.h"

#include "pb-cn-number.h"

/* The value of a Chinese digit, or -1. */
int
pb_cn_digit (gunichar c)
{
  switch (c)
    {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */ return 0;
    case 0x4E00: /* 一 */
    case 0x58F9: /* 壹 */ return 1;
    case 0x4E8C: /* 二 */
    case 0x4E24: /* 两 */
    case 0x5169: /* 兩 */
    case 0x8D30: /* 贰 */ return 2;
    case 0x4E09: /* 三 */
    case 0x53C1: /* 叁 */ return 3;
    case 0x56DB: /* 四 */ return 4;
    case 0x4E94: /* 五 */ return 5;
    case 0x516D: /* 六 */ return 6;
    case 0x4E03: /* 七 */ return 7;
    case 0x516B: /* 八 */ return 8;
    case 0x4E5D: /* 九 */ return 9;
    default:     return -1;
    }
}

static double
small_unit (gunichar c)
{
  switch (c)
    {
    case 0x5341: /* 十 */
    case 0x62FE: /* 拾 */ return 10;
    case 0x767E: /* 百 */
    case 0x4F70: /* 佰 */ return 100;
    case 0x5343: /* 千 */
    case 0x4EDF: /* 仟 */ return 1000;
    default:     return 0;
    }
}

static double
big_unit (gunichar c)
{
  switch (c)
    {
    case 0x4E07: /* 万 */
    case 0x842C: /* 萬 */ return 1e4;
    case 0x4EBF: /* 亿 */
    case 0x5104: /* 億 */ return 1e8;
    default:     return 0;
    }
}

/* 万 and 亿 after a number, also stacked (万亿) or after 十/百/千
 * (千万, 百万): returns the factor and the characters it took. */
static gsize
read_scale (const gunichar *s,
            gsize           n,
            double         *factor)
{
  gsize i = 0;
  double f = 1;

  if (i < n && small_unit (s[i]) >= 10 && i + 1 < n && big_unit (s[i + 1]) > 0)
    {
      f *= small_unit (s[i]);
      i++;
    }
  while (i < n && big_unit (s[i]) > 0 && i < 2 + (f > 1))
    {
      f *= big_unit (s[i]);
      i++;
    }

  *factor = f;
  return f > 1 ? i : 0;
}

static gsize
read_arabic (const gunichar *s,
             gsize           n,
             double         *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean seen_point = FALSE;
  gsize i = 0;

  while (i < n)
    {
      gunichar c = s[i];

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, c);
      /* 20,000: an ASCII comma before exactly three digits groups them.
       * (A full-width comma is punctuation, and the fold keeps it.) */
      else if (c == ',' && digits->len > 0 && !seen_point && i + 3 < n &&
               g_unichar_isdigit (s[i + 1]) && s[i + 1] < 128 &&
               g_unichar_isdigit (s[i + 2]) && s[i + 2] < 128 &&
               g_unichar_isdigit (s[i + 3]) && s[i + 3] < 128 &&
               (i + 4 >= n || s[i + 4] < '0' || s[i + 4] > '9'))
        ;
      else if (c == '.' && !seen_point && digits->len > 0 && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
        {
          seen_point = TRUE;
          g_string_append_c (digits, '.');
        }
      else
        break;
      i++;
    }

  if (digits->len == 0 || digits->len > 40)
    return 0;

  *value = g_ascii_strtod (digits->str, NULL);
  return i;
}

static gsize
read_chinese (const gunichar *s,
              gsize           n,
              double         *value)
{
  double total = 0, section = 0, digit = -1;
  gboolean any = FALSE;
  gsize i = 0;

  for (; i < n; i++)
    {
      int d = pb_cn_digit (s[i]);
      double u = small_unit (s[i]);

      if (d >= 0)
        {
          /* Two digits in a row ("二〇二二") are not a quantity. */
          if (digit >= 0)
            return 0;
          digit = d;
          any = TRUE;
        }
      else if (u > 0)
        {
          /* 十二 = 12: a bare 十 counts one ten. */
          section += (digit >= 0 ? digit : 1) * u;
          digit = -1;
          any = TRUE;
        }
      else
        break;
    }

  if (!any)
    return 0;

  if (digit >= 0)
    section += digit;
  total += section;
  *value = total;
  return i;
}

/**
 * pb_cn_number_read:
 * @text: folded text starting at a number
 * @length: how many characters may be read
 * @value: (out): the value, with 万 and 亿 applied
 * @flags: (out) (optional): how it was written
 *
 * Returns: the number of characters read, 0 if @text does not start with a
 *   number
 */
gsize
pb_cn_number_read (const gunichar  *text,
                   gsize            length,
                   double          *value,
                   PbCnNumberFlags *flags)
{
  PbCnNumberFlags f = 0;
  double v = 0, scale = 1;
  gsize i;

  g_return_val_if_fail (text != NULL || length == 0, 0);
  g_return_val_if_fail (value != NULL, 0);

  if (length == 0)
    return 0;

  if ((i = read_arabic (text, length, &v)) > 0)
    f |= PB_CN_NUMBER_ARABIC;
  else if ((i = read_chinese (text, length, &v)) > 0)
    f |= PB_CN_NUMBER_CHINESE;
  else
    return 0;

  /* Mixed: 1.5万, 3千万 (a digit and then 千/百 and a big unit). */
  if ((f & PB_CN_NUMBER_ARABIC) && i < length && small_unit (text[i]) > 0 &&
      !(i + 1 < length && big_unit (text[i + 1]) > 0))
    {
      v *= small_unit (text[i]);
      i++;
    }

  i += read_scale (text + i, length - i, &scale);
  if (scale > 1)
    f |= PB_CN_NUMBER_SCALED;

  *value = v * scale;
  if (flags)
    *flags = f;
  return i;
}

/**
 * pb_cn_number_parse:
 * @utf8: a whole number, such as "6.5万" or "两千"
 * @value: (out): its value
 *
 * Returns: %TRUE if all of @utf8 is one number
 */
gboolean
pb_cn_number_parse (const char *utf8,
                    double     *value)
{
  g_autofree gunichar *text = NULL;
  glong n = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (utf8 == NULL || !g_utf8_validate (utf8, -1, NULL))
    return FALSE;

  text = g_utf8_to_ucs4_fast (utf8, -1, &n);
  for (glong i = 0; i < n; i++)
    if (text[i] >= 0xFF10 && text[i] <= 0xFF19)
      text[i] -= 0xFEE0;
    else if (text[i] == 0xFF0E)
      text[i] = '.';

  return n > 0 && pb_cn_number_read (text, n, value, NULL) == (gsize) n;
}
