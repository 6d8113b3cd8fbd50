/* pb-import-text.h — document text as the parsers read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <uchar.h>

G_BEGIN_DECLS

typedef struct
{
  gunichar *o;   /* the original characters */
  gunichar *f;   /* the folded characters, as many */
  gsize     n;
} PbText;

typedef struct
{
  gsize start;
  gsize end;
} PbRange;

gboolean pb_text_init           (PbText               *t,
                                 const char           *utf8,
                                 gssize                length);
void     pb_text_clear          (PbText               *t);
char    *pb_import_name_key     (const char           *name);

/* Whether the folded text at @i reads @lit (inline: the hottest call). */
static inline gboolean
pb_text_at (const PbText   *t,
            gsize           i,
            gsize           end,
            const char32_t *lit)
{
  for (gsize k = 0; lit[k]; k++)
    if (i + k >= end || t->f[i + k] != (gunichar) lit[k])
      return FALSE;
  return TRUE;
}

gssize   pb_text_find           (const PbText         *t,
                                 gsize                 from,
                                 gsize                 to,
                                 const char32_t       *lit);
gssize   pb_text_find_any       (const PbText         *t,
                                 gsize                 from,
                                 gsize                 to,
                                 const char32_t * const *lits,
                                 guint                *which);
gboolean pb_text_contains_any   (const PbText         *t,
                                 gsize                 from,
                                 gsize                 to,
                                 const char32_t * const *lits);
PbRange  pb_text_trim           (const PbText         *t,
                                 PbRange               r);
char    *pb_text_slice          (const PbText         *t,
                                 gsize                 start,
                                 gsize                 end);
gsize    pb_text_match_bracket  (const PbText         *t,
                                 gsize                 i,
                                 gsize                 end);
gsize    pb_lit_len             (const char32_t       *lit);

/* Character classes of the folded text (inline: the parser asks them of
 * every character). */
static inline gboolean
pb_char_is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == 0x200B;
}

static inline gboolean
pb_char_is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
pb_char_is_cn_numeral (gunichar c)
{
  switch (c)
    {
    case 0x3007: /* 〇 */ case 0x96F6: /* 零 */ case 0x4E00: /* 一 */ case 0x58F9: /* 壹 */
    case 0x4E8C: /* 二 */ case 0x4E24: /* 两 */ case 0x5169: /* 兩 */ case 0x8D30: /* 贰 */
    case 0x4E09: /* 三 */ case 0x53C1: /* 叁 */ case 0x56DB: /* 四 */ case 0x4E94: /* 五 */
    case 0x516D: /* 六 */ case 0x4E03: /* 七 */ case 0x516B: /* 八 */ case 0x4E5D: /* 九 */
    case 0x5341: /* 十 */ case 0x767E: /* 百 */
      return TRUE;
    default:
      return FALSE;
    }
}

static inline gboolean
pb_char_is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static inline gboolean
pb_char_is_comma (gunichar c)
{
  return c == 0xFF0C || c == ',';
}

static inline gboolean
pb_char_is_clause_end (gunichar c)
{
  return pb_char_is_comma (c) || c == 0x3002 || c == ';' || c == ':' || c == '\n' ||
         c == '!' || c == '?';
}

static inline gboolean
pb_char_is_sentence_end (gunichar c)
{
  return c == 0x3002 || c == ';' || c == '!' || c == '?' || c == '\n';
}

static inline gboolean
pb_char_is_open_bracket (gunichar c)
{
  return c == '(' || c == '[' || c == 0x3010 /* 【 */ || c == 0x3014 /* 〔 */ ||
         c == 0x300A /* 《 */ || c == 0x201C /* “ */ || c == 0x300C /* 「 */ || c == '{';
}

static inline gboolean
pb_char_is_close_bracket (gunichar c)
{
  return c == ')' || c == ']' || c == 0x3011 || c == 0x3015 || c == 0x300B ||
         c == 0x201D || c == 0x300D || c == '}';
}


/* A NULL-terminated list of literals, for pb_text_find_any (). */
#define PB_LITS(...) ((const char32_t * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
