/* pb-org-list.c — lists of organisation names as plans print them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "市经信局、市发改委,各区(市)县政府(含管委会,下同)" is three names.
 * Separators inside brackets do not split (各市〔特区、区〕人民政府);
 * notes in trailing brackets (含管委会,下同) and a trailing 等 are
 * dropped; and a short piece that does not end like an organisation
 * (各区, 各市, 特区) belongs to the name after it: 各区、县〔市〕政府 and
 * 各市、特区、区人民政府 are each one organisation.
 */
#define G_LOG_DOMAIN "pb-org-list"

#include "config.h"

#include <string.h>

#include "pb-org-list.h"

/* Characters an organisation's name ends with: 局, 委员会, 人民政府,
 * 公司, 中心, 集团, 部门, 单位, 中国移动 … */
static gboolean
is_head (gunichar c)
{
  static const char32_t heads[] = U"局委办府司心院会团部厅处室所站社行队校馆台署组位门业构班科镇道学军厂宫信动通塔电";

  for (gsize i = 0; heads[i]; i++)
    if (c == (gunichar) heads[i])
      return TRUE;
  return FALSE;
}

/* The start of the bracket that closes at @close - 1, or @start. */
static gsize
opening_of (const PbText *t,
            gsize         start,
            gsize         close)
{
  int depth = 0;

  for (gsize k = close; k > start; k--)
    {
      gunichar c = t->f[k - 1];

      if (pb_char_is_close_bracket (c))
        depth++;
      else if (pb_char_is_open_bracket (c) && --depth == 0)
        return k - 1;
    }
  return start;
}

/**
 * pb_org_name_has_head:
 * @t: the text
 * @start: where the name starts
 * @end: where it ends
 *
 * Returns: whether the name ends like an organisation, looking past a
 *   bracket at its end (各乡镇(街道))
 */
gboolean
pb_org_name_has_head (const PbText *t,
                      gsize         start,
                      gsize         end)
{
  while (end > start && pb_char_is_close_bracket (t->f[end - 1]))
    end = opening_of (t, start, end);

  return end > start && is_head (t->f[end - 1]);
}

/* A name that certainly ends there: what 及, 和 or 与 may join. Not 业 or
 * 信 (市工业和信息化局 is one name). */
static gboolean
has_strong_head (const PbText *t,
                 gsize         start,
                 gsize         end)
{
  static const char32_t heads[] = U"局委办府厅会司院";

  while (end > start && pb_char_is_close_bracket (t->f[end - 1]))
    end = opening_of (t, start, end);
  if (end < start + 2)
    return FALSE;
  for (gsize i = 0; heads[i]; i++)
    if (t->f[end - 1] == (gunichar) heads[i])
      return TRUE;
  return pb_text_at (t, end - 2, end, U"部门") || pb_text_at (t, end - 2, end, U"单位") ||
         pb_text_at (t, end - 2, end, U"中心") || pb_text_at (t, end - 2, end, U"集团") ||
         pb_text_at (t, end - 2, end, U"公司");
}

static gboolean
is_note (const PbText *t,
         gsize         start,
         gsize         end)
{
  return pb_text_contains_any (t, start, end,
                               PB_LITS (U"下同", U"含", U"牵头", U"负责", U"逗号", U"第一",
                                        U"以下", U"不再", U"包括", U"配合"));
}

/* [start, end) of one piece, without notes, 等 and spaces. */
static PbRange
clean_piece (const PbText *t,
             PbRange       r)
{
  for (;;)
    {
      r = pb_text_trim (t, r);

      if (r.end > r.start && pb_char_is_close_bracket (t->f[r.end - 1]))
        {
          gsize open = opening_of (t, r.start, r.end);

          if (open > r.start && is_note (t, open, r.end))
            {
              r.end = open;
              continue;
            }
        }

      if (pb_text_at (t, r.start, r.end, U"由"))
        {
          r.start++;
          continue;
        }

      {
        /* 等有关单位, 等相关部门, 按职责分工负责 */
        static const char32_t * const tails[] = {
          U"按职责分工负责", U"按职责分工落实", U"按职责负责", U"分工负责",
          U"等有关单位", U"等相关单位", U"等有关部门", U"等相关部门", U"等单位", U"等部门", NULL
        };
        gboolean cut = FALSE;

        for (guint k = 0; tails[k] && !cut; k++)
          {
            gsize len = 0;

            while (tails[k][len])
              len++;
            if (r.end >= r.start + len + 1 && pb_text_at (t, r.end - len, r.end, tails[k]))
              {
                r.end -= len;
                cut = TRUE;
              }
          }
        if (cut)
          continue;
      }

      if (r.end > r.start + 1 && t->f[r.end - 1] == 0x7B49 /* 等 */)
        {
          r.end--;
          continue;
        }

      return r;
    }
}

static gboolean
is_separator (gunichar c)
{
  return c == 0x3001 /* 、 */ || pb_char_is_comma (c) || c == ';' || c == '/' || c == 0x3002;
}

/**
 * pb_org_list_split:
 * @t: the text
 * @start: where the list starts
 * @end: where it ends
 *
 * Returns: (transfer full) (element-type utf8): the names, as printed
 */
GPtrArray *
pb_org_list_split (const PbText *t,
                   gsize         start,
                   gsize         end)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (PbRange));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize piece_start = start;
  int depth = 0;

  for (gsize i = start; i <= end; i++)
    {
      gunichar c = i < end ? t->f[i] : 0;

      if (i < end && pb_char_is_open_bracket (c))
        depth++;
      else if (i < end && pb_char_is_close_bracket (c) && depth > 0)
        depth--;
      else if (i == end || (depth == 0 && is_separator (c)))
        {
          PbRange r = clean_piece (t, (PbRange) { piece_start, i });

          if (r.end > r.start && !is_note (t, r.start, r.end))
            g_array_append_val (pieces, r);
          piece_start = i + 1;
        }
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      PbRange r = g_array_index (pieces, PbRange, i);
      gsize from;

      /* 各区 、 县〔市〕政府 and 各县〔区〕、某开发区建设管理部门: a short
       * piece, or one ending in a bracket, without a head joins the next. */
      while (i + 1 < pieces->len &&
             (r.end - r.start <= 4 || pb_char_is_close_bracket (t->f[r.end - 1])) &&
             !pb_org_name_has_head (t, r.start, r.end))
        {
          i++;
          r.end = g_array_index (pieces, PbRange, i).end;
        }

      /* 市经信局及各区政府: 及, 和, 与 join two names where both sides end
       * like an organisation, not inside one (市住房和城乡建设局). */
      from = r.start;
      for (gsize k = r.start + 2; k + 2 < r.end; k++)
        {
          gunichar c = t->f[k];

          if ((c == 0x53CA /* 及 */ || c == 0x548C /* 和 */ || c == 0x4E0E /* 与 */) &&
              has_strong_head (t, from, k) && pb_org_name_has_head (t, k + 1, r.end))
            {
              g_ptr_array_add (names, pb_text_slice (t, from, k));
              from = k + 1;
            }
        }

      g_ptr_array_add (names, pb_text_slice (t, from, r.end));
    }

  return names;
}

static gboolean
is_name_separator (gunichar c)
{
  return c == 0x3001 || c == ',' || c == 0xFF0C || c == ';' || c == 0xFF1B;
}

/**
 * pb_org_names_split_edited:
 * @text: a list of organisation names as a planner types it in one field:
 *   "市经信局、市发改委，各区政府"
 * @known: (nullable) (array zero-terminated=1): names known whole, such as
 *   those the parser found, some with a 、 of their own (各区、县〔市〕政府)
 *
 * The names of an edited list: 、 , ; part them, except inside brackets
 * (各区（县、市）人民政府 is one) and inside a known name, which stays
 * whole where it stands between separators (the longest one wins).
 *
 * Returns: (transfer full) (element-type utf8): the names, trimmed, none
 *   empty
 */
GPtrArray *
pb_org_names_split_edited (const char         *text,
                           const char * const *known)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *p = text ? text : "";

  while (*p)
    {
      const char *end = NULL;
      gsize best = 0;
      int depth = 0;
      g_autofree char *name = NULL;

      /* Spaces before a name are not part of it. */
      while (*p && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      for (guint k = 0; known != NULL && known[k] != NULL; k++)
        {
          gsize len = strlen (known[k]);

          if (len > best && strncmp (p, known[k], len) == 0)
            {
              const char *after = p + len;

              while (*after && g_unichar_isspace (g_utf8_get_char (after)))
                after = g_utf8_next_char (after);
              if (*after == '\0' || is_name_separator (g_utf8_get_char (after)))
                {
                  best = len;
                  end = p + len;
                }
            }
        }

      if (end == NULL)
        for (end = p; *end; end = g_utf8_next_char (end))
          {
            gunichar c = g_utf8_get_char (end);

            if (depth == 0 && is_name_separator (c))
              break;
            if (c == '(' || c == 0xFF08 || c == 0x3014 || c == '[' || c == 0x3010)
              depth++;
            else if ((c == ')' || c == 0xFF09 || c == 0x3015 || c == ']' || c == 0x3011) && depth > 0)
              depth--;
          }

      name = g_strstrip (g_strndup (p, end - p));
      if (name[0])
        g_ptr_array_add (names, g_steal_pointer (&name));
      p = end;
      /* Past the separator after it. */
      while (*p && (g_unichar_isspace (g_utf8_get_char (p)) || is_name_separator (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);
    }
  return names;
}
