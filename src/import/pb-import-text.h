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

gboolean pb_char_is_space        (gunichar c);
gboolean pb_char_is_digit        (gunichar c);
gboolean pb_char_is_cn_numeral   (gunichar c);
gboolean pb_char_is_han          (gunichar c);
gboolean pb_char_is_comma        (gunichar c);
gboolean pb_char_is_clause_end   (gunichar c);
gboolean pb_char_is_sentence_end (gunichar c);
gboolean pb_char_is_open_bracket (gunichar c);
gboolean pb_char_is_close_bracket (gunichar c);

/* A NULL-terminated list of literals, for pb_text_find_any (). */
#define PB_LITS(...) ((const char32_t * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
