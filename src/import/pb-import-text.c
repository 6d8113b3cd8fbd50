/* pb-import-text.c — document text as the parsers read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is held as two UTF-32 strings of the same length: the
 * original, and a folded copy on which all matching is done — full-width
 * ASCII made half-width (except the full-width comma, which is clause
 * punctuation), dashes made one dash, traditional characters made
 * simplified with OpenCC. Names and titles are sliced from the original,
 * so they stay as printed.
 */
#define G_LOG_DOMAIN "pb-import-text"

#include "config.h"

#include <string.h>

#include "pb-cn-number.h"
#include "pb-fold.h"
#include "pb-import-text.h"

/* ---- Text --------------------------------------------------------------- */

static gunichar
fold_char (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E && c != 0xFF0C)  /* full-width ASCII, but not , */
    return c - 0xFEE0;
  switch (c)
    {
    case 0x3000: /* ideographic space */
    case 0x00A0:
    case 0xFEFF:
    case 0x2002:
    case 0x2003:
    case 0x2009:
      return ' ';
    case 0xFF61: return 0x3002;  /* 。 */
    case 0xFF64: return 0x3001;  /* 、 */
    case 0x2013: /* – */
    case 0x2015: /* ― */
    case 0x2212: /* − */
    case 0xFE58: /* ﹘ */
      return 0x2014;             /* — */
    case 0x2236: return ':';     /* ∶ */
    default:     return c;
    }
}


gboolean
pb_text_init (PbText        *t,
           const char  *utf8,
           gssize       length)
{
  glong n = 0;

  t->o = g_utf8_to_ucs4_fast (utf8, length, &n);
  if (t->o == NULL)
    return FALSE;
  t->n = n;
  t->f = g_new (gunichar, n + 1);
  for (gsize i = 0; i < t->n; i++)
    {
      gunichar c = fold_char (t->o[i]);

#ifdef HAVE_OPENCC
      /* Only ideographs have another script's form. */
      if (c >= 0x3400)
        c = pb_fold_simplified (c);
#endif
      t->f[i] = c;
    }
  t->f[n] = 0;
  return TRUE;
}

void
pb_text_clear (PbText *t)
{
  g_clear_pointer (&t->o, g_free);
  g_clear_pointer (&t->f, g_free);
}

gsize
pb_lit_len (const char32_t *lit)
{
  gsize k = 0;

  while (lit[k])
    k++;
  return k;
}

/* Index of the first @lit in [from, to), or -1. */
gssize
pb_text_find (const PbText     *t,
              gsize             from,
              gsize             to,
              const char32_t   *lit)
{
  gunichar first = lit[0];

  for (gsize i = from; i < to; i++)
    if (t->f[i] == first && pb_text_at (t, i, to, lit))
      return i;
  return -1;
}

/* Index of the first of @lits in [from, to), or -1; @which says which. */
gssize
pb_text_find_any (const PbText            *t,
                  gsize                    from,
                  gsize                    to,
                  const char32_t * const  *lits,
                  guint                   *which)
{
  gunichar firsts[32];
  guint n = 0;

  while (lits[n] && n < G_N_ELEMENTS (firsts))
    {
      firsts[n] = lits[n][0];
      n++;
    }
  g_assert (lits[n] == NULL);

  for (gsize i = from; i < to; i++)
    {
      gunichar c = t->f[i];

      for (guint k = 0; k < n; k++)
        if (c == firsts[k] && pb_text_at (t, i, to, lits[k]))
          {
            if (which)
              *which = k;
            return i;
          }
    }
  return -1;
}

gboolean
pb_text_contains_any (const PbText            *t,
              gsize                  from,
              gsize                  to,
              const char32_t * const *lits)
{
  return pb_text_find_any (t, from, to, lits, NULL) >= 0;
}

PbRange
pb_text_trim (const PbText *t,
         PbRange       r)
{
  while (r.start < r.end && pb_char_is_space (t->f[r.start]))
    r.start++;
  while (r.end > r.start && pb_char_is_space (t->f[r.end - 1]))
    r.end--;
  return r;
}

/* The original text of [start, end), as UTF-8, trimmed. */
char *
pb_text_slice (const PbText *t,
       gsize       start,
       gsize       end)
{
  PbRange r = pb_text_trim (t, (PbRange) { start, MIN (end, t->n) });

  gsize len = 0;
  char *out, *w;

  if (r.end <= r.start)
    return g_strdup ("");

  /* The original came from valid UTF-8: encode it in two plain passes
   * (g_ucs4_to_utf8 checks and calls out per character; titles, bodies
   * and targets' texts are sliced thousands of times per document). */
  for (gsize i = r.start; i < r.end; i++)
    {
      gunichar c = t->o[i];

      len += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
  out = w = g_malloc (len + 1);
  for (gsize i = r.start; i < r.end; i++)
    {
      gunichar c = t->o[i];

      if (c < 0x80)
        *w++ = (char) c;
      else if (c < 0x800)
        {
          *w++ = (char) (0xC0 | (c >> 6));
          *w++ = (char) (0x80 | (c & 0x3F));
        }
      else if (c < 0x10000)
        {
          *w++ = (char) (0xE0 | (c >> 12));
          *w++ = (char) (0x80 | ((c >> 6) & 0x3F));
          *w++ = (char) (0x80 | (c & 0x3F));
        }
      else
        {
          *w++ = (char) (0xF0 | (c >> 18));
          *w++ = (char) (0x80 | ((c >> 12) & 0x3F));
          *w++ = (char) (0x80 | ((c >> 6) & 0x3F));
          *w++ = (char) (0x80 | (c & 0x3F));
        }
    }
  *w = '\0';
  return out;
}

/* The index just after the bracket that closes the one at @i, or @end. */
gsize
pb_text_match_bracket (const PbText *t,
                       gsize         i,
                       gsize         end)
{
  int depth = 0;

  for (gsize k = i; k < end; k++)
    {
      if (pb_char_is_open_bracket (t->f[k]))
        depth++;
      else if (pb_char_is_close_bracket (t->f[k]))
        {
          if (--depth == 0)
            return k + 1;
        }
      if (t->f[k] == '\n')
        return end;
    }
  return end;
}

/**
 * pb_import_name_key:
 * @name: a name as printed
 *
 * The key under which names meet across documents: folded as the parser
 * folds text (width, traditional to simplified script), without spaces
 * or punctuation, case folded. "5G 基站" and "５Ｇ基站" meet.
 *
 * Returns: (transfer full): the key
 */
char *
pb_import_name_key (const char *name)
{
  return pb_fold_name_key (name);
}
