/* pb-plan-parser.c — a plan document's text → a plan (planboard-plan/1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser reads the conventions of Chinese government plan documents,
 * not any one document (see shared/corpus/SCHEMA.md and DESIGN §1):
 *
 *  1. Text. The document becomes two UTF-32 strings of the same length:
 *     the original, and a folded copy (full-width ASCII → half-width,
 *     traditional → simplified with OpenCC) on which all matching is done.
 *     Every name and title is sliced from the original, so it stays as
 *     printed.
 *  2. Metadata. The title is the last title-like line before the first
 *     heading; what comes before it (the cover letter, a portal's header)
 *     gives the document number and issuer.
 *  3. Structure. Headings 第一章 / 一、 / (一) / 1. / (1) / ① and
 *     附件 make a tree by relative level. Nodes with heading children are
 *     sections; leaves are items. 指导思想 and 基本原则 under 总体要求 yield
 *     no items; a goals section (主要目标…) yields its intro and its ——
 *     bullets as goal items; 保障措施 and appendices yield measures.
 *  4. Organisations. Bracketed groups (牵头单位:…;责任单位:…), [责任单位:
 *     A,B、C] with 逗号前为牵头单位, 列第一位的为牵头单位, 推进单位, X牵头,
 *     按职责分工负责, and rules stated once that later items inherit.
 *  5. Targets. A number with a measure unit in a sentence, with its year
 *     (the sentence's, else the plan's end year), comparator, stretch
 *     (力争/争取 earlier in the sentence), and an indicator name.
 */
#define G_LOG_DOMAIN "pb-plan-parser"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <uchar.h>

#include "pb-cn-number.h"
#include "pb-import-text.h"
#include "pb-indicator-link.h"
#include "pb-org-list.h"
#include "pb-plan-parser.h"
#include "pb-text-source.h"


#define FORMAT "planboard-plan/1"

/* How far around a number a target's text, name and conditions are read. */
#define TARGET_WINDOW 80
/* An item states a few dozen targets at most; past this many quantities it
 * holds a table or a data dump, which is left to the officer's review. */
#define MAX_TARGETS 200

/* Heading levels, outermost first. */
enum {
  LEVEL_ROOT = 0,
  LEVEL_APPENDIX = 1,
  LEVEL_CHAPTER = 2,   /* 第一章 / 第一部分 */
  LEVEL_1 = 3,         /* 一、 */
  LEVEL_2 = 4,         /* (一) */
  LEVEL_3 = 5,         /* 1. 1、 */
  LEVEL_4 = 6,         /* (1) */
  LEVEL_5 = 7,         /* ① */
  LEVEL_POINT = 8,     /* 一是 二是: a speech's or report's points */
  LEVEL_BULLET = 9,    /* —— in a goals section */
};

typedef struct _Node Node;
struct _Node
{
  int        level;
  char      *number;    /* as printed, without trailing punctuation */
  char      *title;
  char      *ftitle;    /* the title folded, for matching */
  GArray    *body;      /* PbRange: the heading's rest and the paragraphs */
  PbRange    head;      /* the heading's title as printed, which can hold a target */
  gboolean   cut;       /* a heading the text's end cut off: no item */
  GPtrArray *children;  /* Node */
  Node      *parent;
  gsize      line;      /* where the heading is, for order */
};

static Node *
node_new (Node *parent,
          int   level)
{
  Node *node = g_new0 (Node, 1);

  node->level = level;
  node->parent = parent;
  node->body = g_array_new (FALSE, FALSE, sizeof (PbRange));
  node->children = g_ptr_array_new ();
  if (parent)
    g_ptr_array_add (parent->children, node);
  return node;
}

static void
node_free (Node *node)
{
  for (guint i = 0; i < node->children->len; i++)
    node_free (g_ptr_array_index (node->children, i));
  g_ptr_array_unref (node->children);
  g_array_unref (node->body);
  g_free (node->number);
  g_free (node->title);
  g_free (node->ftitle);
  g_free (node);
}

typedef struct
{
  PbText        t;
  GArray       *lines;       /* PbRange, trimmed, non-empty */
  GCancellable *cancellable;
  const char   *source;      /* the text, UTF-8 */

  char         *title;
  char         *doc_number;
  char         *issuer;
  int           period_start;
  int           period_end;
  guint         body_line;   /* the first line after the title */
  Node         *root;

  /* Organisation rules stated once, for the items after. */
  gboolean      comma_lead;
  gboolean      first_lead;
  gboolean      item_comma_lead;
  gboolean      item_first_lead;
  GPtrArray    *inherit_responsible;
  /* Attribution lines under the section being read ("牵头单位:…" below
   * a (一) heading), for its items that name none of their own. */
  GPtrArray    *section_lead;
  GPtrArray    *section_responsible;
  gboolean      in_appendix;  /* reading an appendix: text, not tasks */

  /* Output */
  JsonArray    *sections;
  JsonArray    *items;
  JsonArray    *appendices;   /* {section, number, title, text} */
  GHashTable   *indicator_ids;  /* "name\x1funit" → "kN" */
  guint         n_sections;
} Parser;

/* ---- Lines -------------------------------------------------------------- */

static gboolean is_page_marker (const PbText *t, PbRange r);

/* How many brackets [start, end) leaves open (negative: closes more). */
static int
bracket_balance (const PbText *t,
                 PbRange       r)
{
  int depth = 0;

  for (gsize i = r.start; i < r.end; i++)
    if (t->f[i] == '(' || t->f[i] == '[' || t->f[i] == 0x3010)
      depth++;
    else if (t->f[i] == ')' || t->f[i] == ']' || t->f[i] == 0x3011)
      depth--;
  return depth;
}

/* A line is a paragraph. A line that ends inside a bracket which the next
 * line closes ("(牵头单位:" / "市交通运输局)") is one paragraph with it,
 * across a page marker between them. */
static void
split_lines (Parser *p)
{
  PbText *t = &p->t;
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (PbRange));
  gsize start = 0;

  p->lines = g_array_new (FALSE, FALSE, sizeof (PbRange));

  for (gsize i = 0; i <= t->n; i++)
    if (i == t->n || t->f[i] == '\n')
      {
        PbRange r = pb_text_trim (t, (PbRange) { start, i });

        if (r.end > r.start)
          g_array_append_val (raw, r);
        start = i + 1;
      }

  for (guint l = 0; l < raw->len; l++)
    {
      PbRange r = g_array_index (raw, PbRange, l);
      int open = bracket_balance (t, r);

      if (open > 0 && open <= 2)
        {
          guint next = l + 1;

          while (next < raw->len && next <= l + 3 && is_page_marker (t, g_array_index (raw, PbRange, next)))
            next++;
          if (next < raw->len)
            {
              PbRange n = g_array_index (raw, PbRange, next);

              if (open + bracket_balance (t, n) <= 0 && n.end - r.start < 2000)
                {
                  /* The line break inside becomes a space in the fold. */
                  for (gsize k = r.end; k < n.start; k++)
                    t->f[k] = ' ';
                  r.end = n.end;
                  l = next;
                }
            }
        }

      g_array_append_val (p->lines, r);
    }
}

/* A line that only numbers a page: "3", "- 3 -", "—3—", "第3页", "2、". */
static gboolean
is_page_marker (const PbText *t,
                PbRange       r)
{
  gsize digits = 0;

  for (gsize i = r.start; i < r.end; i++)
    {
      gunichar c = t->f[i];

      if (pb_char_is_digit (c))
        {
          if (++digits > 4)
            return FALSE;
        }
      else if (!(c == '-' || c == 0x2014 || pb_char_is_space (c) || c == 0x3001 || c == '.' ||
                 c == 0x7B2C /* 第 */ || c == 0x9875 /* 页 */ || c == 0x5171 /* 共 */ || c == '/'))
        return FALSE;  /* a page marker holds nothing else: stop at the first other */
    }

  return digits > 0;
}

/* ---- Headings ----------------------------------------------------------- */

static gssize
find_last_comma (const PbText *t,
                 gsize         start,
                 gsize         end)
{
  for (gsize k = end; k > start; k--)
    if (pb_char_is_comma (t->f[k - 1]))
      return k - 1;
  return -1;
}

typedef struct
{
  int   level;
  gsize number_start;  /* the ordinal as printed */
  gsize number_end;
  gsize rest;          /* where the heading's text starts */
} Heading;

static gsize
skip_cn_numerals (const PbText *t,
                  gsize         i,
                  gsize         end)
{
  gsize k = i;

  while (k < end && k - i < 4 && pb_char_is_cn_numeral (t->f[k]))
    k++;
  return k;
}

static gsize
skip_digits (const PbText *t,
             gsize         i,
             gsize         end)
{
  gsize k = i;

  while (k < end && k - i < 3 && pb_char_is_digit (t->f[k]))
    k++;
  return k;
}

static gboolean
read_heading (const PbText *t,
              PbRange       line,
              Heading      *h)
{
  gsize i = line.start, end = line.end, k;
  gunichar c = t->f[i];

  /* 第一章, 第二部分, 第三节 */
  if (c == 0x7B2C /* 第 */ && (k = skip_cn_numerals (t, i + 1, end)) > i + 1 && k < end &&
      (t->f[k] == 0x7AE0 /* 章 */ || pb_text_at (t, k, end, U"部分") || t->f[k] == 0x7BC7 /* 篇 */))
    {
      gsize after = k + (t->f[k] == 0x90E8 ? 2 : 1);
      *h = (Heading) { LEVEL_CHAPTER, i, after, after };
      return TRUE;
    }

  /* 一、 */
  if ((k = skip_cn_numerals (t, i, end)) > i && k < end && t->f[k] == 0x3001)
    {
      *h = (Heading) { LEVEL_1, i, k, k + 1 };
      return TRUE;
    }

  /* 一是, 二是: not 一是一 and the like */
  if ((k = skip_cn_numerals (t, i, end)) > i && k + 1 < end && t->f[k] == 0x662F /* 是 */ &&
      !pb_char_is_cn_numeral (t->f[k + 1]) && !pb_char_is_clause_end (t->f[k + 1]))
    {
      *h = (Heading) { LEVEL_POINT, i, k, k + 1 };
      return TRUE;
    }

  /* (一) and (1) */
  if (c == '(')
    {
      gsize close;

      if ((k = skip_cn_numerals (t, i + 1, end)) > i + 1 && k < end && t->f[k] == ')')
        close = k, *h = (Heading) { LEVEL_2, i, close + 1, close + 1 };
      else if ((k = skip_digits (t, i + 1, end)) > i + 1 && k < end && t->f[k] == ')')
        close = k, *h = (Heading) { LEVEL_4, i, close + 1, close + 1 };
      else
        return FALSE;

      /* "(一)" alone on a line is an ordinal without a heading. */
      return h->rest < end;
    }

  /* 1. 1、 1. — not 1.5万 and not 2022年 */
  if ((k = skip_digits (t, i, end)) > i && k < end &&
      (t->f[k] == '.' || t->f[k] == 0x3001) &&
      k + 1 < end && !pb_char_is_digit (t->f[k + 1]))
    {
      *h = (Heading) { LEVEL_3, i, k, k + 1 };
      return TRUE;
    }

  /* ① … ⑳ */
  if (c >= 0x2460 && c <= 0x2473)
    {
      *h = (Heading) { LEVEL_5, i, i + 1, i + 1 };
      return i + 1 < end;
    }

  return FALSE;
}

/* 附件, 附件1, 附件:X, 附表, 附表2:X. Gives where its number ends and
 * where its title starts. */
static gboolean
read_appendix (const PbText *t,
               PbRange       line,
               gsize        *number_end,
               gsize        *title)
{
  gsize k;

  if (!pb_text_at (t, line.start, line.end, U"附件") && !pb_text_at (t, line.start, line.end, U"附表"))
    return FALSE;

  k = skip_digits (t, line.start + 2, line.end);
  *number_end = k;
  while (k < line.end && (t->f[k] == ':' || pb_char_is_space (t->f[k])))
    k++;

  /* "附件1.xls 下载" and the like are not appendix headings. */
  if (k < line.end && k == line.start + 2 && t->f[k - 1] != ':')
    return FALSE;

  *title = k;
  return TRUE;
}

static gboolean
is_bullet (const PbText *t,
           PbRange       line,
           gsize        *rest)
{
  gunichar c = t->f[line.start];
  gsize k = line.start;

  if (c == 0x2014)
    while (k < line.end && t->f[k] == 0x2014)
      k++;
  else if (c == 0x25B7 /* ▷ */ || c == 0x25CF /* ● */ || c == 0x25A0 /* ■ */ ||
           c == 0x25C6 /* ◆ */ || c == 0x2605 /* ★ */ || c == 0x2022 /* • */)
    k++;
  else
    return FALSE;

  *rest = k;
  return k < line.end;
}

/* Titles are matched in their folded form. */
static char *
fold_title (const PbText *t,
            gsize         start,
            gsize         end)
{
  PbRange r = pb_text_trim (t, (PbRange) { start, end });

  return g_ucs4_to_utf8 (t->f + r.start, r.end - r.start, NULL, NULL, NULL);
}

/* A heading that runs into its body with no punctuation, as converted
 * speeches print them ("一、统一思想,正确认识数据中心建设的重要意义数据中心
 * 是…"): the title ends with a word that ends headings (意义, 作用, 能力…)
 * right where the body starts again with words of the heading itself.
 * Gives where the title ends, or @end. */
static gsize
run_in_title_end (const PbText *t,
                  gsize         start,
                  gsize         end)
{
  static const char32_t * const ends[] = {
    U"意义", U"作用", U"认识", U"重要性", U"必要性", U"紧迫性", U"水平", U"能力", U"任务",
    U"目标", U"机制", U"体系", U"环境", U"作风", U"责任", U"领导", U"力度", U"步伐", U"合力",
    U"成效", U"格局", U"短板", U"落实", NULL
  };
  gssize comma;

  if (end - start < 20 || end - start > 120)
    return end;
  comma = find_last_comma (t, start, end);
  for (gsize at = (comma >= 0 ? (gsize) comma + 1 : start) + 4; at + 4 <= end; at++)
    {
      gboolean ends_heading = FALSE;

      for (guint k = 0; ends[k] && !ends_heading; k++)
        {
          gsize len = pb_lit_len (ends[k]);
          ends_heading = at >= start + len && pb_text_at (t, at - len, at, ends[k]);
        }
      if (!ends_heading)
        continue;
      /* The body's first four characters appear in the heading before. */
      for (gsize q = start; q + 4 <= at - 2; q++)
        if (t->f[q] == t->f[at] && t->f[q + 1] == t->f[at + 1] && t->f[q + 2] == t->f[at + 2] &&
            t->f[q + 3] == t->f[at + 3] && pb_char_is_han (t->f[at]))
          return at;
    }
  return end;
}

/* The heading's title: up to its first 。, else all of a short line, else
 * its first clause. Gives where the body starts. */
static char *
heading_title (const PbText *t,
               gsize         start,
               gsize         end,
               gsize        *body,
               char        **folded)
{
  gssize stop = pb_text_find (t, start, end, U"。");
  gsize title_end;

  while (start < end && (pb_char_is_space (t->f[start]) || t->f[start] == '.'))
    start++;

  if (stop >= 0)
    {
      title_end = run_in_title_end (t, start, stop);
      *body = title_end < (gsize) stop ? title_end : (gsize) stop + 1;
    }
  else if (end - start <= 60)
    {
      title_end = end;
      *body = end;
    }
  else
    {
      title_end = start;
      while (title_end < end && !pb_char_is_clause_end (t->f[title_end]))
        title_end++;
      *body = title_end;
    }

  while (title_end > start && (t->f[title_end - 1] == ':' || t->f[title_end - 1] == ';' ||
                               pb_char_is_space (t->f[title_end - 1])))
    title_end--;

  if (folded)
    *folded = fold_title (t, start, title_end);
  return pb_text_slice (t, start, title_end);
}

/* ---- Metadata ----------------------------------------------------------- */

static gboolean
is_period_line (const PbText *t,
                PbRange       r)
{
  gsize len = r.end - r.start;

  return len >= 6 && len <= 16 && t->f[r.start] == '(' && t->f[r.end - 1] == ')' &&
         pb_text_find (t, r.start, r.end, U"年") >= 0;
}

/* A line that can be a plan's title. */
static gboolean
is_title_line (const PbText *t,
               PbRange       r)
{
  gsize len = r.end - r.start;

  if (len < 4 || len > 80)
    return FALSE;
  if (pb_text_contains_any (t, r.start, r.end,
                            PB_LITS (U"关于印发", U"的通知", U"印发给", U"《", U":", U"|",
                                     U"。", U"以下简称", U"现将")))
    return FALSE;
  return pb_text_contains_any (t, r.start, r.end,
                               PB_LITS (U"方案", U"计划", U"规划", U"意见", U"要点", U"办法",
                                        U"纲要", U"措施", U"清单", U"安排", U"讲话", U"报告"));
}

/* The plan's period from [start, end): 2022—2024年, (2022-2024), 2023年.
 * A single year needs 年 except in the plan's own title (数字某省2023行动
 * 方案: @bare). Years inside 《》 belong to a cited document, unless the
 * text is a title itself. */
static void
read_period_full (Parser  *p,
                  gsize    start,
                  gsize    end,
                  gboolean bare,
                  gboolean skip_cited)
{
  const PbText *t = &p->t;
  int quote = 0;

  for (gsize i = start; i + 4 <= end; i++)
    {
      double a, b;
      gsize k, j;

      if (skip_cited && t->f[i] == 0x300A /* 《 */)
        quote++;
      else if (skip_cited && t->f[i] == 0x300B /* 》 */ && quote > 0)
        quote--;
      if (quote > 0)
        continue;

      if (!pb_char_is_digit (t->f[i]) || (i > start && pb_char_is_digit (t->f[i - 1])) ||
          pb_cn_number_read (t->f + i, 4, &a, NULL) != 4 || a < 1990 || a > 2100)
        continue;

      k = i + 4;
      if (k < end && t->f[k] == 0x5E74 /* 年 */)
        k++;
      j = k;
      while (j < end && (t->f[j] == '-' || t->f[j] == 0x2014 || t->f[j] == '~' ||
                         t->f[j] == 0x81F3 /* 至 */ || t->f[j] == 0x5230 /* 到 */ || pb_char_is_space (t->f[j])))
        j++;
      if (j > k && j + 4 <= end && pb_cn_number_read (t->f + j, 4, &b, NULL) == 4 &&
          b >= a && b - a <= 20)
        {
          p->period_start = a;
          p->period_end = b;
          return;
        }
      if ((k > i + 4 || (bare && (k >= end || !pb_char_is_digit (t->f[k])))) && p->period_start == 0)
        p->period_start = p->period_end = a;
    }
}

static void
read_period (Parser *p,
             gsize   start,
             gsize   end)
{
  read_period_full (p, start, end, FALSE, TRUE);
}

/* The plan's own title: a bare year counts (数字某市2021行动方案). */
static void
read_title_period (Parser *p,
                   gsize   start,
                   gsize   end)
{
  read_period_full (p, start, end, TRUE, FALSE);
}

/* 六盘水府办发〔2022〕10号, 绍政办发〔2020〕48号, 国发[2021]3号 */
static char *
find_doc_number (const PbText *t,
                 gsize         start,
                 gsize         end)
{
  for (gsize i = start; i + 7 < end; i++)
    {
      gunichar c = t->f[i];
      gsize k, from;

      if (c != 0x3014 /* 〔 */ && c != '[' && c != 0x3010 && c != '(')
        continue;
      k = i + 1;
      while (k < end && k < i + 5 && pb_char_is_digit (t->f[k]))
        k++;
      if (k != i + 5 || !(t->f[k] == 0x3015 || t->f[k] == ']' || t->f[k] == 0x3011 || t->f[k] == ')'))
        continue;
      k++;
      {
        gsize d = k;
        while (k < end && pb_char_is_digit (t->f[k]))
          k++;
        if (k == d || k >= end || t->f[k] != 0x53F7 /* 号 */)
          continue;
      }

      from = i;
      while (from > start && (pb_char_is_han (t->f[from - 1]) || g_unichar_isalpha (t->f[from - 1])) &&
             i - from < 12)
        from--;
      if (from == i)
        continue;

      return pb_text_slice (t, from, k + 1);
    }

  return NULL;
}

/* "X关于印发…的通知" names its issuer; a 市… issuer takes the city from
 * the title. Else a short line that reads like an office's signature. */
static char *
find_issuer (Parser *p,
             guint   line_end)
{
  const PbText *t = &p->t;

  for (guint l = 0; l < line_end; l++)
    {
      PbRange r = g_array_index (p->lines, PbRange, l);
      gssize at = pb_text_find (t, r.start, r.end, U"关于印发");
      gsize from;

      if (at < 0)
        continue;

      from = at;
      while (from > r.start && !pb_char_is_space (t->f[from - 1]) && t->f[from - 1] != '|' &&
             t->f[from - 1] != ':')
        from--;
      if ((gsize) at - from < 2)
        continue;

      if ((t->f[from] == 0x5E02 /* 市 */ || t->f[from] == 0x53BF /* 县 */) && p->title)
        {
          /* The city from the title: 六盘水市新型… → 六盘水 */
          g_autofree gunichar *title = g_utf8_to_ucs4_fast (p->title, -1, NULL);
          g_autofree char *office = pb_text_slice (t, from, at);

          for (gsize k = 0; title && title[k] && k < 8; k++)
            if (title[k] == t->f[from])
              {
                g_autofree char *city = g_ucs4_to_utf8 (title, k, NULL, NULL, NULL);
                return g_strconcat (city, office, NULL);
              }
          return g_steal_pointer (&office);
        }

      return pb_text_slice (t, from, at);
    }

  for (guint l = 0; l < line_end; l++)
    {
      PbRange r = g_array_index (p->lines, PbRange, l);
      gsize len = r.end - r.start;

      if (len >= 5 && len <= 20 &&
          (pb_text_at (t, r.end - 7, r.end, U"人民政府办公室") || pb_text_at (t, r.end - 7, r.end, U"人民政府办公厅") ||
           pb_text_at (t, r.end - 4, r.end, U"人民政府")) &&
          !pb_text_contains_any (t, r.start, r.end, PB_LITS (U":", U",", U"、")))
        return pb_text_slice (t, r.start, r.end);
    }

  return NULL;
}

/* The title of the document a notice issues, in line @r: 关于印发《X》的通知,
 * 关于印发X的通知, 《X》已经市政府同意, 现将《X》印发给你们. */
static gboolean
notice_title (const PbText *t,
              PbRange       r,
              gsize        *start,
              gsize        *end)
{
  gssize at = pb_text_find (t, r.start, r.end, U"印发");

  if (at >= 0 && pb_text_at (t, at + 2, r.end, U"《") == FALSE)
    {
      gssize notice = pb_text_find (t, at + 2, r.end, U"的通知");

      if (pb_text_find (t, r.start, at, U"关于") >= 0 && notice > at + 4 &&
          pb_text_find (t, at + 2, notice, U"《") < 0)
        {
          *start = at + 2;
          *end = notice;
          return TRUE;
        }
    }

  for (gssize open = pb_text_find (t, r.start, r.end, U"《"); open >= 0;
       open = pb_text_find (t, open + 1, r.end, U"《"))
    {
      gssize close = pb_text_find (t, open, r.end, U"》");
      gsize after;

      if (close <= open + 1)
        return FALSE;
      after = close + 1;
      if ((open >= (gssize) r.start + 2 && pb_text_at (t, open - 2, r.end, U"印发")) ||
          (open >= (gssize) r.start + 1 && pb_text_at (t, open - 1, r.end, U"将")) ||
          pb_text_at (t, after, r.end, U"已") || pb_text_at (t, after, r.end, U"经") ||
          pb_text_at (t, after, r.end, U"印发") || pb_text_at (t, after, r.end, U"现印发"))
        {
          *start = open + 1;
          *end = close;
          return TRUE;
        }
    }
  return FALSE;
}

static void
read_metadata (Parser *p)
{
  const PbText *t = &p->t;
  guint first_heading = p->lines->len, title_line = G_MAXUINT;

  for (guint l = 0; l < p->lines->len; l++)
    {
      PbRange r = g_array_index (p->lines, PbRange, l);
      Heading h;

      if (read_heading (t, r, &h) && h.level <= LEVEL_2)
        {
          first_heading = l;
          break;
        }
    }

  for (guint l = 0; l < first_heading; l++)
    if (is_title_line (t, g_array_index (p->lines, PbRange, l)))
      title_line = l;

  if (title_line != G_MAXUINT)
    {
      PbRange r = g_array_index (p->lines, PbRange, title_line);
      g_autofree char *line = pb_text_slice (t, r.start, r.end);

      p->body_line = title_line + 1;
      if (p->body_line < p->lines->len && is_period_line (t, g_array_index (p->lines, PbRange, p->body_line)))
        {
          PbRange period = g_array_index (p->lines, PbRange, p->body_line);
          g_autofree char *more = pb_text_slice (t, period.start, period.end);

          p->title = g_strconcat (line, more, NULL);
          read_title_period (p, period.start, period.end);
          p->body_line++;
        }
      else
        {
          p->title = g_steal_pointer (&line);
          read_title_period (p, r.start, r.end);
        }
    }
  else
    {
      /* No title line: the document a notice issues (关于印发《X》的通知,
       * 《X》已经…同意), else nothing: a 《》 the text cites (为贯彻落实《…》)
       * names another document. */
      for (guint l = 0; l < first_heading && p->title == NULL; l++)
        {
          PbRange r = g_array_index (p->lines, PbRange, l);
          gsize start, end;

          if (notice_title (t, r, &start, &end))
            {
              p->title = pb_text_slice (t, start, end);
              read_title_period (p, start, end);
            }
        }
      /* Else the first line, if it reads like a title. */
      if (p->title == NULL)
        {
          PbRange r = g_array_index (p->lines, PbRange, 0);
          Heading h;

          /* Not an addressee line (各区市人民政府,市政府各部门:). */
          if (r.end - r.start <= 60 && pb_text_find (t, r.start, r.end, U"。") < 0 &&
              t->f[r.end - 1] != ':' && !read_heading (t, r, &h))
            {
              p->title = pb_text_slice (t, r.start, r.end);
              read_title_period (p, r.start, r.end);
              p->body_line = 1;
            }
        }
      else
        p->body_line = 0;
    }

  /* A title taken from a file's name: 某市数字经济工作要点.pdf */
  if (p->title)
    {
      static const char * const extensions[] = { ".pdf", ".docx", ".doc", ".txt", ".wps", ".PDF", ".DOCX", ".DOC", NULL };

      for (guint k = 0; extensions[k]; k++)
        if (g_str_has_suffix (p->title, extensions[k]) && strlen (p->title) > strlen (extensions[k]))
          {
            p->title[strlen (p->title) - strlen (extensions[k])] = '\0';
            break;
          }
    }

  if (p->period_start == 0)
    {
      /* (2022—2024年) or 2022-2024年 near the start. */
      for (guint l = 0; l < MIN (p->lines->len, first_heading + 3) && p->period_start == 0; l++)
        {
          PbRange r = g_array_index (p->lines, PbRange, l);
          int saved_start = p->period_start;

          read_period (p, r.start, MIN (r.end, r.start + 200));
          if (p->period_start != p->period_end)
            break;
          p->period_start = p->period_end = saved_start;
        }
    }

  if (p->body_line > 0)
    {
      PbRange first = g_array_index (p->lines, PbRange, 0);
      PbRange before = g_array_index (p->lines, PbRange, p->body_line - 1);

      p->doc_number = find_doc_number (t, first.start, before.start);
      p->issuer = find_issuer (p, p->body_line - 1);
    }

  /* A number printed under the title: the lines before the first heading. */
  if (p->doc_number == NULL && p->body_line < first_heading && first_heading < p->lines->len)
    {
      for (guint l = p->body_line; l < MIN (first_heading, p->body_line + 3); l++)
        {
          PbRange r = g_array_index (p->lines, PbRange, l);
          /* Only a short line of its own: not a cited document in the text. */
          if (r.end - r.start <= 30)
            {
              p->doc_number = find_doc_number (t, r.start, r.end);
              if (p->doc_number)
                break;
            }
        }
    }
}

/* ---- Structure ---------------------------------------------------------- */

static gboolean
title_is (const char         *title,
          const char * const *words)
{
  for (guint i = 0; words[i]; i++)
    if (title && strstr (title, words[i]))
      return TRUE;
  return FALSE;
}

/* 主要目标, 行动目标, 发展目标, 总体目标 … */
static gboolean
is_goals (const char *ftitle)
{
  return ftitle != NULL && g_str_has_suffix (ftitle, "目标") && g_utf8_strlen (ftitle, -1) <= 10;
}

/* 保障措施, 组织保障, 保障机制: the plan's safeguards part — not a task
 * that names 保障 (加强安全保障能力建设). */
static gboolean
is_safeguards (const char *ftitle)
{
  static const char * const endings[] = { "保障", "保障措施", "保障机制", "保障体系", "支撑保障", NULL };

  if (ftitle == NULL)
    return FALSE;
  if (g_str_has_prefix (ftitle, "保障"))
    return TRUE;
  for (guint i = 0; endings[i]; i++)
    if (g_str_has_suffix (ftitle, endings[i]) && g_utf8_strlen (ftitle, -1) <= 8)
      return TRUE;
  return FALSE;
}


/* A text cut off in the middle of a heading ("2.开展202" as its last
 * line, with no 。 at all) has no item there: the heading is incomplete. */
static void
drop_cut_heading (Parser *p)
{
  const PbText *t = &p->t;
  Node *node = p->root;
  PbRange last;

  if (p->lines->len == 0)
    return;
  last = g_array_index (p->lines, PbRange, p->lines->len - 1);
  while (node->children->len > 0)
    node = g_ptr_array_index (node->children, node->children->len - 1);

  if (node == p->root || node->line != p->lines->len - 1 || node->level == LEVEL_APPENDIX ||
      node->body->len > 0)
    return;
  if (pb_char_is_sentence_end (t->f[last.end - 1]) || pb_char_is_close_bracket (t->f[last.end - 1]) ||
      pb_text_find_any (t, node->head.start, last.end, PB_LITS (U"。", U";", U"!", U"?"), NULL) >= 0)
    return;

  /* It still shows its heading is a section's child. */
  node->cut = TRUE;
}

static void
build_tree (Parser *p)
{
  const PbText *t = &p->t;
  Node *stack[16];
  int depth = 0;
  Node *appendix = NULL;
  gboolean skip_appendix_title = FALSE;

  p->root = node_new (NULL, LEVEL_ROOT);
  stack[depth++] = p->root;

  for (guint l = p->body_line; l < p->lines->len; l++)
    {
      PbRange r = g_array_index (p->lines, PbRange, l);
      Node *top = stack[depth - 1];
      Heading h;
      gsize rest, appendix_end;

      if (l % 256 == 0 && g_cancellable_is_cancelled (p->cancellable))
        return;

      if (is_page_marker (t, r))
        continue;

      /* 附件 / 附件1:title — a new part, numbered afresh. */
      if (read_appendix (t, r, &appendix_end, &rest))
        {
          if (rest >= r.end && appendix != NULL && appendix->body->len == 0 &&
              appendix->children->len == 0 && top == appendix)
            continue;  /* "附件" repeated above the appendix's own title */

          depth = 1;
          appendix = node_new (p->root, LEVEL_APPENDIX);
          appendix->number = pb_text_slice (t, r.start, appendix_end);
          appendix->title = rest < r.end ? pb_text_slice (t, rest, r.end) : NULL;
          appendix->head = (PbRange) { rest, r.end };
          appendix->line = l;
          skip_appendix_title = TRUE;
          stack[depth++] = appendix;
          continue;
        }

      if (appendix != NULL && top == appendix && skip_appendix_title &&
          appendix->body->len == 0 && appendix->children->len == 0)
        {
          g_autofree char *line = pb_text_slice (t, r.start, r.end);

          if (appendix->title == NULL || g_str_equal (line, appendix->title))
            {
              if (appendix->title == NULL)
                {
                  appendix->title = g_steal_pointer (&line);
                  appendix->head = r;
                }
              skip_appendix_title = FALSE;
              continue;
            }
          skip_appendix_title = FALSE;
        }

      /* 一是…二是… are points of their own only where no item holds
       * them: under a part (一、) or at the top, as speeches list them. */
      if (read_heading (t, r, &h) &&
          (h.level != LEVEL_POINT || top->level < LEVEL_2 || top->level == LEVEL_POINT))
        {
          Node *node;
          gsize body;
          gsize number_end = h.number_end;

          while (depth > 1 && stack[depth - 1]->level >= h.level)
            depth--;
          if (depth >= (int) G_N_ELEMENTS (stack))
            depth = G_N_ELEMENTS (stack) - 1;

          {
            /* A heading printed again as it was (a page header repeated
             * by a conversion) goes on with the same section. */
            Node *parent = stack[depth - 1];
            Node *previous = parent->children->len > 0 ?
              g_ptr_array_index (parent->children, parent->children->len - 1) : NULL;
            g_autofree char *number = pb_text_slice (t, h.number_start, number_end);
            g_autofree char *ftitle = NULL;
            g_autofree char *title = heading_title (t, h.rest, r.end, &body, &ftitle);

            if (previous != NULL && previous->level == h.level && !previous->cut &&
                g_strcmp0 (previous->number, number) == 0 && g_strcmp0 (previous->ftitle, ftitle) == 0 &&
                body >= r.end && previous->children->len > 0)
              {
                stack[depth++] = previous;
                continue;
              }
          }

          node = node_new (stack[depth - 1], h.level);
          /* The ordinal without its punctuation: 一, (一), 1, (1). */
          node->number = pb_text_slice (t, h.number_start, number_end);
          node->title = heading_title (t, h.rest, r.end, &body, &node->ftitle);
          node->head = (PbRange) { h.rest, body };
          node->line = l;
          if (body < r.end)
            g_array_append_val (node->body, ((PbRange) { body, r.end }));
          stack[depth++] = node;
          continue;
        }

      /* —— bullets of a goals section are goal items. */
      if (is_bullet (t, r, &rest))
        {
          Node *goals = NULL;

          for (int k = depth - 1; k > 0 && goals == NULL; k--)
            if (stack[k]->level < LEVEL_BULLET)
              {
                if (is_goals (stack[k]->ftitle))
                  goals = stack[k];
                break;
              }

          if (goals != NULL)
            {
              Node *node;

              while (depth > 1 && stack[depth - 1] != goals)
                depth--;
              node = node_new (goals, LEVEL_BULLET);
              node->number = g_strdup ("");
              node->title = heading_title (t, rest, r.end, &(gsize) { 0 }, NULL);
              node->line = l;
              g_array_append_val (node->body, ((PbRange) { rest, r.end }));
              stack[depth++] = node;
              continue;
            }
        }

      g_array_append_val (top->body, r);
    }

  drop_cut_heading (p);
}

/* ---- Organisations ------------------------------------------------------ */

typedef enum
{
  ROLE_NONE,
  ROLE_LEAD,
  ROLE_RESPONSIBLE,   /* 配合单位, 协办单位: never lead */
  ROLE_AMBIGUOUS,     /* 责任单位, 实施单位, 推进单位: who leads depends on the
                       * document's rule, else nobody */
} Role;

static void
add_unique (GPtrArray  *names,
            const char *name)
{
  if (name[0] == '\0')
    return;
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return;
  g_ptr_array_add (names, g_strdup (name));
}

static void
add_names (GPtrArray    *to,
           const PbText *t,
           gsize         start,
           gsize         end)
{
  g_autoptr(GPtrArray) names = NULL;

  if (end <= start)
    return;
  names = pb_org_list_split (t, start, end);
  for (guint i = 0; i < names->len; i++)
    add_unique (to, g_ptr_array_index (names, i));
}

/* The first character at bracket depth 0 in [start, end) that @pred
 * accepts, or -1. */
static gssize
find_top_level (const PbText *t,
                gsize         start,
                gsize         end,
                gboolean    (*pred) (gunichar))
{
  int depth = 0;

  for (gsize i = start; i < end; i++)
    {
      gunichar c = t->f[i];

      if (pb_char_is_open_bracket (c))
        depth++;
      else if (pb_char_is_close_bracket (c) && depth > 0)
        depth--;
      else if (depth == 0 && pred (c))
        return i;
    }
  return -1;
}

static gboolean
is_segment_end (gunichar c)
{
  return c == ';' || c == 0x3002;
}

static gboolean
is_colon (gunichar c)
{
  return c == ':';
}

static Role
role_of (const PbText *t,
         gsize         start,
         gsize         end)
{
  if (pb_text_contains_any (t, start, end, PB_LITS (U"牵头", U"主办", U"主责", U"主管")))
    return ROLE_LEAD;
  if (pb_text_contains_any (t, start, end, PB_LITS (U"配合", U"参与", U"协办", U"协助", U"协同")))
    return ROLE_RESPONSIBLE;
  if (pb_text_contains_any (t, start, end, PB_LITS (U"责任", U"推进", U"实施", U"落实", U"单位", U"部门")))
    return ROLE_AMBIGUOUS;
  return ROLE_NONE;
}

static gboolean
is_attribution (const PbText *t,
                gsize         start,
                gsize         end)
{
  gssize colon = find_top_level (t, start, end, is_colon);

  if (colon >= 0 && (gsize) colon - start <= 8 && role_of (t, start, colon) != ROLE_NONE)
    return TRUE;

  /* (市发改委牵头,市财政局配合) and (X、Y按职责分工负责): the words
   * before the first role word must name an organisation. */
  if (end - start <= 120)
    {
      gssize at = pb_text_find_any (t, start, end, PB_LITS (U"按职责", U"牵头", U"分工负责", U"配合"), NULL);

      return at > (gssize) start && pb_org_name_has_head (t, start, at);
    }

  return FALSE;
}

/* A rule stated once for the items after: 以下责任单位均包含A、B,不再列出;
 * 除另有说明外,以下各项均涉及A,不再列出; 以下各项责任单位均含A,不再一一
 * 列出. Gives whether [start, end) states one. */
static gboolean
read_inherit_rule (Parser *p,
                   gsize   start,
                   gsize   end)
{
  const PbText *t = &p->t;
  gssize below = pb_text_find (t, start, MIN (end, start + 24), U"以下");
  gssize verb, until;
  guint which;
  static const char32_t * const verbs[] = {
    U"均包含", U"均包括", U"均涉及", U"均含", U"均有", U"都包括", U"都包含", U"都涉及",
    U"包含", U"包括", U"涉及", NULL
  };

  if (below < 0)
    return FALSE;
  verb = pb_text_find_any (t, below, end, verbs, &which);
  if (verb < 0)
    return FALSE;
  until = pb_text_find (t, verb, end, U"不再");
  if (until < 0)
    until = pb_text_find (t, verb, end, U"不一一");
  if (until < 0 && pb_text_find (t, start, end, U"责任单位") < 0)
    return FALSE;

  {
    gsize from = verb + pb_lit_len (verbs[which]);
    gsize to = until >= 0 ? (gsize) until : end;
    g_autoptr(GPtrArray) names = NULL;

    while (to > from && (pb_char_is_comma (t->f[to - 1]) || pb_char_is_space (t->f[to - 1])))
      to--;
    names = pb_org_list_split (t, from, to);
    g_ptr_array_set_size (p->inherit_responsible, 0);
    for (guint i = 0; i < names->len; i++)
      add_unique (p->inherit_responsible, g_ptr_array_index (names, i));
  }
  return TRUE;
}

/* 责任人, 责任领导, 联系人, 负责同志: a label of people. */
static gboolean
is_person_label (const PbText *t,
                 gsize         start,
                 gsize         end)
{
  PbRange r = pb_text_trim (t, (PbRange) { start, end });

  return r.end > r.start &&
         (t->f[r.end - 1] == 0x4EBA /* 人 */ || pb_text_contains_any (t, r.start, r.end, PB_LITS (U"领导", U"同志")));
}

/* A paragraph that attributes by itself, not in brackets:
 * "牵头单位:市经信局", "配合单位:A、B;责任人:C", "责任领导:D". */
static gboolean
is_attribution_line (const PbText *t,
                     PbRange       r)
{
  gssize colon = find_top_level (t, r.start, MIN (r.end, r.start + 10), is_colon);

  if (colon < 0)
    return FALSE;
  if (is_person_label (t, r.start, colon))
    return pb_text_contains_any (t, r.start, colon, PB_LITS (U"责任", U"牵头", U"分管"));
  return role_of (t, r.start, colon) != ROLE_NONE &&
         pb_text_contains_any (t, r.start, colon, PB_LITS (U"单位", U"部门"));
}

/* One part of a group without a role word: "市发改委牵头", "市财政局配合",
 * "市住建局、市交通局按职责分工负责". Returns whether it named a role. */
static gboolean
read_prose_part (const PbText *t,
                 gsize         start,
                 gsize         end,
                 GPtrArray    *lead,
                 GPtrArray    *responsible)
{
  static const char32_t * const lead_words[] = { U"牵头负责", U"牵头", U"负总责", NULL };
  static const char32_t * const resp_words[] = { U"按职责分工负责", U"按职责分工落实", U"分工负责",
                                                 U"配合", U"参与", U"协助", U"协同", U"负责", NULL };
  guint which;
  gssize at;

  if ((at = pb_text_find_any (t, start, end, lead_words, &which)) >= 0)
    add_names (lead, t, start, at);
  else if ((at = pb_text_find_any (t, start, end, resp_words, &which)) >= 0)
    add_names (responsible, t, pb_text_at (t, start, end, U"由") ? start + 1 : start, at);
  return at >= 0;
}

static void
read_group (Parser    *p,
            gsize      start,
            gsize      end,
            GPtrArray *lead,
            GPtrArray *responsible)
{
  const PbText *t = &p->t;
  gboolean comma_lead = p->comma_lead || p->item_comma_lead;
  gboolean first_lead = p->first_lead || p->item_first_lead;
  gsize seg_start = start;

  while (seg_start < end)
    {
      gssize stop = find_top_level (t, seg_start, end, is_segment_end);
      gsize seg_end = stop >= 0 ? (gsize) stop : end;
      PbRange seg = pb_text_trim (t, (PbRange) { seg_start, seg_end });
      gssize colon;

      seg_start = seg_end + 1;
      if (seg.end <= seg.start)
        continue;

      /* 以下责任单位均包含A,B,不再列出 and the like */
      if (read_inherit_rule (p, seg.start, seg.end))
        continue;

      colon = find_top_level (t, seg.start, seg.end, is_colon);
      if (colon >= 0 && (gsize) colon - seg.start <= 8 && is_person_label (t, seg.start, colon))
        continue;  /* 责任人:张三, 责任领导:李四 name people, not organisations */
      if (colon >= 0 && (gsize) colon - seg.start <= 8)
        {
          Role role = role_of (t, seg.start, colon);
          gsize names = colon + 1;

          if (role == ROLE_LEAD)
            add_names (lead, t, names, seg.end);
          else if (role == ROLE_AMBIGUOUS && comma_lead)
            {
              gssize comma = find_top_level (t, names, seg.end, pb_char_is_comma);

              add_names (lead, t, names, comma >= 0 ? (gsize) comma : seg.end);
              if (comma >= 0)
                add_names (responsible, t, comma + 1, seg.end);
            }
          else if (role == ROLE_AMBIGUOUS && first_lead)
            {
              g_autoptr(GPtrArray) all = pb_org_list_split (t, names, seg.end);

              for (guint i = 0; i < all->len; i++)
                add_unique (i == 0 ? lead : responsible, g_ptr_array_index (all, i));
            }
          else if (role != ROLE_NONE)
            add_names (responsible, t, names, seg.end);
          continue;
        }

      /* No role word: parts split by commas say their own role; parts
       * before one that says it share it ("A牵头,B,C等有关单位按职责分工
       * 负责": B and C are responsible). */
      {
        gsize part_start = seg.start, pending = G_MAXSIZE;

        while (part_start < seg.end)
          {
            gssize comma = find_top_level (t, part_start, seg.end, pb_char_is_comma);
            gsize part_end = comma >= 0 ? (gsize) comma : seg.end;
            g_autoptr(GPtrArray) part_lead = g_ptr_array_new_with_free_func (g_free);

            if (read_prose_part (t, part_start, part_end, part_lead, responsible))
              {
                for (guint k = 0; k < part_lead->len; k++)
                  add_unique (lead, g_ptr_array_index (part_lead, k));
                if (pending != G_MAXSIZE && part_lead->len == 0)
                  {
                    g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
                    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

                    /* Keep the printed order: the pending names first. */
                    add_names (before, t, pending, part_start - 1);
                    for (guint k = 0; k < before->len; k++)
                      g_ptr_array_insert (responsible, k, g_strdup (g_ptr_array_index (before, k)));
                  }
                pending = G_MAXSIZE;
              }
            else if (pending == G_MAXSIZE && pb_org_name_has_head (t, part_start, part_end))
              pending = part_start;
            part_start = part_end + 1;
          }
      }
    }
}

/* Finds the attribution groups in an item's text, and takes them out of
 * @text_ranges' use for targets by returning them in @groups. */
static gboolean
read_organisations (Parser    *p,
                    GArray    *ranges,
                    GArray    *groups,
                    GPtrArray *lead,
                    GPtrArray *responsible)
{
  const PbText *t = &p->t;
  gboolean found = FALSE;

  /* Rules about who leads, stated anywhere in the item — inside its group
   * or in a note after it — hold for this item and, with 下同, after. */
  p->item_comma_lead = p->item_first_lead = FALSE;
  for (guint r = 0; r < ranges->len; r++)
    {
      PbRange range = g_array_index (ranges, PbRange, r);
      guint which;
      gssize at;

      /* Every rule names 牵头 or 为主: most items have neither. */
      if (pb_text_find (t, range.start, range.end, U"为牵头") < 0 &&
          pb_text_find (t, range.start, range.end, U"为主") < 0)
        continue;

      if ((at = pb_text_find_any (t, range.start, range.end,
                                  PB_LITS (U"逗号前为牵头", U"逗号前的为牵头", U"逗号前为主"), &which)) >= 0)
        {
          p->item_comma_lead = TRUE;
          p->comma_lead |= pb_text_find (t, at, MIN ((gsize) at + 16, range.end), U"下同") >= 0;
        }
      if ((at = pb_text_find_any (t, range.start, range.end,
                                  PB_LITS (U"列第一位的为牵头", U"列第一位为牵头", U"排在第一位的为牵头",
                                           U"排名第一的为牵头", U"第一个为牵头", U"列首位的为牵头",
                                           U"首位为牵头", U"排第一位的为牵头"), &which)) >= 0)
        {
          p->item_first_lead = TRUE;
          p->first_lead |= pb_text_find (t, at, MIN ((gsize) at + 16, range.end), U"下同") >= 0;
        }
    }

  for (guint r = 0; r < ranges->len; r++)
    {
      PbRange range = g_array_index (ranges, PbRange, r);

      if (is_attribution_line (t, range))
        {
          read_group (p, range.start, range.end, lead, responsible);
          g_array_append_val (groups, range);
          found = TRUE;
          continue;
        }

      for (gsize i = range.start; i < range.end; i++)
        {
          gunichar c = t->f[i];
          gsize close;

          if (c != '(' && c != '[' && c != 0x3010 /* 【 */)
            continue;

          close = pb_text_match_bracket (t, i, range.end);
          if (close <= i + 2)
            continue;

          {
            /* A bracket left open at the paragraph's end still holds all
             * its names: only a closing bracket is left out. */
            gsize inner_end = pb_char_is_close_bracket (t->f[close - 1]) ? close - 1 : close;

            /* A list the text's end cut ("…、市规划局、各") keeps its
             * whole names only. */
            if (inner_end == close)
              {
                gsize k = inner_end;

                while (k > i + 1 && t->f[k - 1] != 0x3001 && !pb_char_is_comma (t->f[k - 1]) &&
                       t->f[k - 1] != ':' && inner_end - k < 40)
                  k--;
                if (k > i + 1 && t->f[k - 1] != ':' && !pb_org_name_has_head (t, k, inner_end))
                  inner_end = k - 1;
              }

            if (is_attribution (t, i + 1, inner_end))
              {
                read_group (p, i + 1, inner_end, lead, responsible);
                g_array_append_val (groups, ((PbRange) { i, close }));
                found = TRUE;
              }
          }
          i = close - 1;
        }
    }

  if (!found)
    {
      /* "X牵头" in the prose names X as the lead, when X is an organisation. */
      for (guint r = 0; r < ranges->len; r++)
        {
          PbRange range = g_array_index (ranges, PbRange, r);

          for (gssize at = pb_text_find (t, range.start, range.end, U"牵头"); at >= 0;
               at = pb_text_find (t, at + 2, range.end, U"牵头"))
            {
              gsize from = at;
              g_autoptr(GPtrArray) names = NULL;

              while (from > range.start && !pb_char_is_clause_end (t->f[from - 1]) &&
                     t->f[from - 1] != '(' && t->f[from - 1] != 0x7531 /* 由 */ && at - from < 40)
                from--;
              if ((gsize) at == from)
                continue;

              if (!pb_org_name_has_head (t, from, at))
                continue;
              names = pb_org_list_split (t, from, at);
              for (guint i = 0; i < names->len; i++)
                add_unique (lead, g_ptr_array_index (names, i));
            }
        }
    }

  /* An organisation is lead or responsible, not both. */
  for (guint i = responsible->len; i > 0; i--)
    for (guint j = 0; j < lead->len; j++)
      if (g_str_equal (g_ptr_array_index (responsible, i - 1), g_ptr_array_index (lead, j)))
        {
          g_ptr_array_remove_index (responsible, i - 1);
          break;
        }

  if (found)
    for (guint i = 0; i < p->inherit_responsible->len; i++)
      {
        const char *name = g_ptr_array_index (p->inherit_responsible, i);
        gboolean present = FALSE;

        for (guint j = 0; j < lead->len && !present; j++)
          present = g_str_equal (g_ptr_array_index (lead, j), name);
        if (!present)
          add_unique (responsible, name);
      }

  return found;
}

static void read_prose_inherit_rule (Parser *p, PbRange range);

/* ---- Targets ------------------------------------------------------------ */

/* Measure units, longest first. Not units: 年 月 日 (dates), 级 代 期 (kinds),
 * 千伏 (voltage), 英寸, T, G (5G). */
static const char32_t * const units[] = {
  U"个工作日", U"个百分点", U"平方公里", U"万平方米", U"平方米", U"立方米", U"千瓦时",
  U"PFlops", U"EFlops", U"TFlops", U"Gbps", U"Tbps", U"Mbps", U"Gb/s",
  U"公里", U"千米", U"兆瓦", U"千瓦", U"吉瓦", U"人次", U"小时", U"分钟", U"公顷",
  U"MW", U"GW", U"kW", U"KW", U"TB", U"PB", U"EB", U"km",
  U"%", U"‰", U"个", U"座", U"家", U"户", U"套", U"部", U"台", U"辆", U"条", U"项",
  U"所", U"处", U"张", U"根", U"架", U"艘", U"栋", U"间", U"床", U"名", U"人", U"支",
  U"场", U"件", U"款", U"种", U"宗", U"片", U"块", U"段", U"盏", U"杆", U"吨", U"亩",
  U"元", U"米", U"次", U"类", U"天", U"路", U"只", U"头", U"株", U"篇", U"本", U"份",
  NULL
};

static gsize
read_unit (const PbText *t,
           gsize         i,
           gsize         end)
{
  for (guint k = 0; units[k]; k++)
    if (pb_text_at (t, i, end, units[k]))
      {
        gsize len = pb_lit_len (units[k]);

        /* An ASCII unit ends there: not "GW" of "GWh…" words. */
        if (units[k][0] < 128 && units[k][0] != '%' && i + len < end &&
            t->f[i + len] < 128 && g_ascii_isalpha (t->f[i + len]))
          continue;
        return len;
      }
  return 0;
}

typedef struct
{
  double   value;
  gsize    start;      /* the number */
  gsize    end;        /* after the unit and any 以上/左右 */
  gsize    unit_start;
  gsize    unit_end;
  char    *comparator;
  gboolean borderline;
} Quantity;

static const char *
comparator_before (const PbText *t,
                   gsize         from,
                   gsize         at)
{
  gsize start = at > from + 8 ? at - 8 : from;

  /* Negated forms first: 不低于 is not 低于, 不超过 is not 超过. */
  if (pb_text_contains_any (t, start, at, PB_LITS (U"不超过", U"不高于", U"不多于", U"不大于")))
    return "<=";
  if (pb_text_contains_any (t, start, at, PB_LITS (U"不少于", U"不低于", U"不小于")))
    return ">=";
  if (pb_text_contains_any (t, start, at, PB_LITS (U"控制在", U"缩短在", U"缩短至", U"缩短到", U"压缩至",
                                                    U"压缩到", U"压减至", U"降至", U"降低到", U"降低至",
                                                    U"低于", U"小于", U"以内")))
    return "<=";
  if (pb_text_contains_any (t, start, at, PB_LITS (U"超过", U"至少", U"突破", U"大于", U"多于", U"逾")))
    return ">=";
  /* 超3000个: 超 right before the number */
  if (at > from && t->f[at - 1] == 0x8D85 /* 超 */)
    return ">=";
  if (at > from && (t->f[at - 1] == 0x7EA6 /* 约 */ || t->f[at - 1] == 0x8FD1 /* 近 */))
    return "~";
  return NULL;
}

/* After the unit: 以上, 左右, 以内; gives the end. */
static const char *
comparator_after (const PbText *t,
                  gsize         i,
                  gsize         end,
                  gsize        *after)
{
  static const char32_t * const ge[] = { U"及以上", U"以上", NULL };
  static const char32_t * const le[] = { U"以内", U"以下", U"之内", U"内", NULL };

  for (guint k = 0; ge[k]; k++)
    if (pb_text_at (t, i, end, ge[k]))
      {
        *after = i + pb_lit_len (ge[k]);
        return ">=";
      }
  if (pb_text_at (t, i, end, U"左右"))
    {
      *after = i + 2;
      return "~";
    }
  for (guint k = 0; le[k]; k++)
    if (pb_text_at (t, i, end, le[k]))
      {
        *after = i + pb_lit_len (le[k]);
        return "<=";
      }
  *after = i;
  return NULL;
}

/* Reads a quantity at @i: a number (or a range), a unit, a comparator. */
static gboolean
read_quantity (const PbText *t,
               gsize         clause_start,
               gsize         i,
               gsize         end,
               Quantity     *q,
               Quantity     *upper)
{
  PbCnNumberFlags flags = 0;
  const char *before, *after_cmp;
  double v, v2 = -1;
  gsize n, j, unit;

  *upper = (Quantity) { -1, 0, 0, 0, 0, NULL, FALSE };
  n = pb_cn_number_read (t->f + i, end - i, &v, &flags);
  /* 万亿 with no digit: "首次突破万亿元大关" is 10^12. */
  if (n == 0 && i + 1 < end && t->f[i] == 0x4E07 /* 万 */ && t->f[i + 1] == 0x4EBF /* 亿 */)
    n = 2, v = 1e12, flags = PB_CN_NUMBER_CHINESE | PB_CN_NUMBER_SCALED;
  if (n == 0)
    return FALSE;
  j = i + n;

  /* Chinese numerals name few things that are targets (一张网, 三个全覆盖);
   * they count from ten up, or with 万/亿. */
  if ((flags & PB_CN_NUMBER_CHINESE) && v < 10 && !(flags & PB_CN_NUMBER_SCALED))
    return FALSE;

  *q = (Quantity) { v, i, 0, 0, 0, NULL, FALSE };

  /* 1—2个: a range. */
  if (j < end && (t->f[j] == 0x2014 || t->f[j] == '-' || t->f[j] == '~' || t->f[j] == 0x81F3 /* 至 */))
    {
      double high;
      gsize n2 = pb_cn_number_read (t->f + j + 1, end - j - 1, &high, NULL);

      if (n2 > 0 && high > v)
        {
          v2 = high;
          j += 1 + n2;
        }
    }

  /* 2600余个, 300多家 */
  if (j < end && (t->f[j] == 0x4F59 /* 余 */ || t->f[j] == 0x591A /* 多 */))
    {
      q->comparator = g_strdup (">=");
      j++;
    }

  unit = read_unit (t, j, end);
  /* Bandwidth with a bare T or G (出口带宽达到20T, 10G带宽); elsewhere
   * 5G and 7T are names (5G基站, 7T磁共振). */
  if (unit == 0 && j < end && (t->f[j] == 'T' || t->f[j] == 'G') &&
      (j + 1 >= end || !(t->f[j + 1] < 128 && g_ascii_isalnum (t->f[j + 1]))) &&
      (pb_text_contains_any (t, i > clause_start + 12 ? i - 12 : clause_start, i,
                             PB_LITS (U"带宽", U"出口", U"容量")) ||
       pb_text_at (t, j + 1, end, U"带宽") || pb_text_at (t, j + 1, end, U"出口")))
    unit = 1;
  before = comparator_before (t, clause_start, i);

  /* A ratio has no unit: PUE不超过1.25. Only a decimal after a comparator
   * counts, so bare integers (达到10) do not. */
  if (unit == 0 && !(before != NULL && (flags & PB_CN_NUMBER_ARABIC) && v != floor (v) &&
                     v < 100 && (j >= end || !pb_char_is_han (t->f[j]) || pb_char_is_clause_end (t->f[j]))) &&
      /* A count with 万/亿 and no measure word: 突破110万, 惠及2万商户. */
      !((flags & PB_CN_NUMBER_SCALED) && (flags & PB_CN_NUMBER_ARABIC)))
    return FALSE;
  q->unit_start = j;
  q->unit_end = j + unit;

  after_cmp = comparator_after (t, q->unit_end, end, &q->end);
  if (q->comparator == NULL)
    q->comparator = g_strdup (after_cmp ? after_cmp : before ? before : "=");

  if (v2 >= 0)
    {
      *upper = *q;
      upper->value = v2;
      upper->comparator = g_strdup ("<=");
      upper->borderline = TRUE;
      g_free (q->comparator);
      q->comparator = g_strdup (">=");
    }

  return TRUE;
}

static gboolean
is_name_end (gunichar c)
{
  return pb_char_is_clause_end (c) || c == 0x3001 /* 、 */ || c == '(' || c == '[' ||
         c == 0x3010 || c == 0x7B49 /* 等 */;
}

/* Words at the start of a phrase that are not part of a name: where, how
 * firmly, and how it is counted. A cumulative marker (累计, 总计, 共…) and
 * the verb that builds the thing (建成, 新建, 安装, 打造…) say how a quantity
 * is counted, which the indicator's kind records (the annual test in
 * read_sentence_targets), so "2023年安装监测终端80套" and "力争累计安装监测终端600套"
 * name one indicator, 监测终端. */
static gsize
skip_lead_words (const PbText *t,
                 gsize         i,
                 gsize         end)
{
  static const char32_t * const words[] = {
    U"全市", U"全区", U"全省", U"全县", U"全州", U"全国", U"我市", U"我区", U"我省",
    U"力争", U"争取", U"并", U"同时", U"其中", U"确保", U"进一步", U"基本", U"三年内", U"今年", U"全年",
    U"累计", U"总计", U"合计", U"共计",
    U"培育", U"建设", U"打造", U"实现", U"推动", U"推进", U"完成", U"形成", U"创建",
    U"安装", U"改造", U"部署", U"布局", U"引进", U"培养", U"发展", U"规划",
    U"建成", U"新建", U"新增",
    NULL
  };
  /* 共 alone is a marker only before such a verb (共建成), not in 共享. */
  static const char32_t * const after_gong[] = {
    U"建成", U"新建", U"新增", U"安装", U"打造", U"建设", U"培育", U"创建", U"完成", U"实现", U"部署", NULL
  };
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      while (i < end && (pb_char_is_space (t->f[i]) || t->f[i] == 0x7684 /* 的 */))
        i++;
      if (i + 1 < end && t->f[i] == 0x5171 /* 共 */)
        for (guint k = 0; after_gong[k]; k++)
          if (pb_text_at (t, i + 1, end, after_gong[k]))
            {
              i++;
              again = TRUE;
              break;
            }
      if (again)
        continue;
      for (guint k = 0; words[k]; k++)
        if (pb_text_at (t, i, end, words[k]) && i + pb_lit_len (words[k]) < end &&
            /* 建成区 (a built-up area) is a noun, not a verb and its object. */
            !(words[k][0] == 0x5EFA /* 建 */ && words[k][1] == 0x6210 /* 成 */ &&
              t->f[i + pb_lit_len (words[k])] == 0x533A /* 区 */))
          {
            i += pb_lit_len (words[k]);
            again = TRUE;
            break;
          }
    }
  return i;
}

/* Verbs and comparators at the end of a phrase before a number. */
static gsize
trim_tail_words (const PbText *t,
                 gsize         start,
                 gsize         end)
{
  static const char32_t * const words[] = {
    U"累计达到", U"力争达到", U"达到", U"达", U"为", U"突破", U"超过", U"不少于", U"不低于",
    U"至少", U"约", U"近", U"控制在", U"缩短在", U"缩短至", U"提高到", U"提高至", U"提升至",
    U"提升到", U"增加到", U"增长到", U"保持在", U"实现", U"完成", U"建成", U"新建", U"建设",
    U"的", U"占", U"分别", U"有", U"建有", U"累计", U"年产能", NULL
  };
  gboolean again = TRUE;

  while (again && end > start)
    {
      again = FALSE;
      for (guint k = 0; words[k]; k++)
        {
          gsize len = pb_lit_len (words[k]);

          if (end >= start + len && pb_text_at (t, end - len, end, words[k]))
            {
              end -= len;
              again = TRUE;
              break;
            }
        }
    }
  return end;
}

static char *
indicator_name (const PbText *t,
                gsize         phrase_start,
                const Quantity *q,
                gsize         sentence_end)
{
  gsize after = q->end, after_end, before_start, before_end;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gboolean percent = t->f[q->unit_start] == '%' || t->f[q->unit_start] == 0x2030;

  while (after < sentence_end && t->f[after] == 0x7684 /* 的 */)
    after++;
  after_end = after;
  while (after_end < sentence_end && !is_name_end (t->f[after_end]) && after_end - after < 30)
    after_end++;

  before_start = skip_lead_words (t, phrase_start, q->start);
  before_end = trim_tail_words (t, before_start, q->start);

  a = after_end > after ? pb_text_slice (t, after, after_end) : g_strdup ("");
  b = before_end > before_start ? pb_text_slice (t, before_start, before_end) : g_strdup ("");

  if (percent)
    return g_strconcat (b, a, NULL);
  if (a[0] != '\0' && !pb_char_is_digit (t->f[after]))
    return g_steal_pointer (&a);
  return g_steal_pointer (&b);
}

static gboolean
is_year_at (const PbText *t,
            gsize         i,
            gsize         end,
            int          *year,
            gsize        *next)
{
  double v;
  gsize k;

  if (i + 5 > end || pb_cn_number_read (t->f + i, 4, &v, NULL) != 4 ||
      (i + 4 < end && pb_char_is_digit (t->f[i + 4])) || v < 1990 || v > 2100)
    return FALSE;

  k = i + 4;
  /* 2020—2022年: the range's end year. */
  if (k < end && (t->f[k] == 0x2014 || t->f[k] == '-' || t->f[k] == 0x81F3 /* 至 */ || t->f[k] == '~') &&
      k + 6 <= end && is_year_at (t, k + 1, end, year, next))
    return TRUE;

  if (t->f[k] != 0x5E74 /* 年 */)
    return FALSE;
  *year = v;
  *next = k + 1;
  return TRUE;
}

typedef struct
{
  Parser     *p;
  JsonArray  *targets;
  JsonArray  *indicators;
  GHashTable *declared;     /* indicator ids declared by this item */
  const char *item_title;
  int         paragraph_year;  /* the last year a sentence of the paragraph stated */
  gboolean    full;            /* MAX_TARGETS read: the rest is a table, not commitments */
} TargetSink;

static void
emit_target (TargetSink     *sink,
             const char     *name,
             const Quantity *q,
             int             year,
             gboolean        implied,
             gboolean        stretch,
             gsize           text_start,
             gsize           text_end,
             gboolean        annual)
{
  Parser *p = sink->p;
  const PbText *t = &p->t;
  g_autofree char *unit = pb_text_slice (t, q->unit_start, q->unit_end);
  g_autofree char *key = NULL;
  g_autofree char *text = pb_text_slice (t, text_start, text_end);
  JsonObject *o = json_object_new ();
  const char *id;

  if (name == NULL || name[0] == '\0')
    name = sink->item_title;

  /* 新建X (a year's) and 累计建成X (the total) are both named X: the
   * kind keeps them apart. */
  key = g_strconcat (name, "\x1f", unit, "\x1f", annual ? "a" : "c", NULL);
  id = g_hash_table_lookup (p->indicator_ids, key);
  if (id == NULL)
    {
      JsonObject *k = json_object_new ();
      char *new_id = g_strdup_printf ("k%u", g_hash_table_size (p->indicator_ids) + 1);

      g_hash_table_insert (p->indicator_ids, g_strdup (key), new_id);
      id = new_id;
      json_object_set_string_member (k, "id", id);
      json_object_set_string_member (k, "name", name);
      json_object_set_string_member (k, "unit", unit);
      json_object_set_string_member (k, "kind", annual ? "annual" : "cumulative");
      json_object_set_string_member (k, "direction",
                                     g_str_equal (q->comparator, "<=") ? "decrease" : "increase");
      json_array_add_object_element (sink->indicators, k);
    }

  json_object_set_string_member (o, "indicator", name);
  json_object_set_string_member (o, "indicator_id", id);
  if (year > 0)
    json_object_set_int_member (o, "year", year);
  else
    json_object_set_null_member (o, "year");
  json_object_set_boolean_member (o, "year_implied", implied);
  if (q->value == floor (q->value) && fabs (q->value) < 9e15)
    json_object_set_int_member (o, "value", (gint64) q->value);
  else
    json_object_set_double_member (o, "value", q->value);
  json_object_set_string_member (o, "unit", unit);
  json_object_set_string_member (o, "comparator", q->comparator);
  json_object_set_boolean_member (o, "stretch", stretch);
  json_object_set_string_member (o, "text", text);
  json_object_set_string_member (o, "confidence", q->borderline ? "borderline" : "clear");
  json_array_add_object_element (sink->targets, o);
  if (json_array_get_length (sink->targets) >= MAX_TARGETS)
    sink->full = TRUE;
}

/* The pieces of [start, end) between 、 — places, not organisations. */
static GPtrArray *
split_list (const PbText *t,
            gsize         start,
            gsize         end)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);
  gsize from = start;

  for (gsize i = start; i <= end; i++)
    if (i == end || t->f[i] == 0x3001)
      {
        if (i > from)
          g_ptr_array_add (pieces, pb_text_slice (t, from, i));
        from = i + 1;
      }
  return pieces;
}

/* Where the subject list before 分别 starts: after the last clause mark. */
static gsize
phrase_start_of (const PbText *t,
                 gsize         clause_start,
                 gsize         at)
{
  gsize k = at;

  while (k > clause_start && !pb_char_is_clause_end (t->f[k - 1]))
    k--;
  return k;
}

/* 全县有30个待建基站: a count of what there is, not of what is to be. */
static gboolean
is_fact_count (const PbText *t,
               gsize         near,
               gsize         at)
{
  return at > near + 1 && t->f[at - 1] == 0x6709 /* 有 */ &&
         t->f[at - 2] != 0x62E5 /* 拥 */ && t->f[at - 2] != 0x5177 /* 具 */ &&
         t->f[at - 2] != 0x5EFA /* 建 */;
}

/* Not a quantity to reach but a class or a specification: 100人以上行政村,
 * 亿元以上企业, 1.5米望远镜. */
static gboolean
is_threshold (const PbText   *t,
              const Quantity *q,
              gsize           end)
{
  static const char32_t * const measures[] = { U"人", U"户", U"元", U"吨", U"千瓦", U"兆瓦", U"平方米", NULL };
  gsize after = q->end;

  if (after < end && t->f[after] == 0x7684 /* 的 */)
    after++;

  /* X以上/以下 followed by what is classed */
  if (q->end > q->unit_end && after < end && pb_char_is_han (t->f[after]) &&
      !pb_char_is_clause_end (t->f[after]))
    for (guint k = 0; measures[k]; k++)
      if (q->unit_end - q->unit_start == pb_lit_len (measures[k]) &&
          pb_text_at (t, q->unit_start, q->unit_end, measures[k]))
        return TRUE;

  /* 1.5米望远镜, 12英寸晶圆: a size, then the thing */
  if (q->unit_end - q->unit_start == 1 && t->f[q->unit_start] == 0x7C73 /* 米 */ &&
      q->end == q->unit_end && q->end < end && pb_char_is_han (t->f[q->end]) &&
      !pb_char_is_clause_end (t->f[q->end]) && t->f[q->end] != 0x7684 /* 的 */)
    return TRUE;

  return FALSE;
}

/* A clause framed by a preposition (以66个产业功能区为载体, 围绕12个产业,
 * 聚焦…) describes, it does not commit. */
static gboolean
is_framing_clause (const PbText *t,
                   gsize         clause_start,
                   gsize         end)
{
  PbRange r = pb_text_trim (t, (PbRange) { clause_start, end });

  return pb_text_at (t, r.start, r.end, U"以") || pb_text_at (t, r.start, r.end, U"围绕") ||
         pb_text_at (t, r.start, r.end, U"聚焦") || pb_text_at (t, r.start, r.end, U"依托") ||
         pb_text_at (t, r.start, r.end, U"结合") || pb_text_at (t, r.start, r.end, U"按照") ||
         pb_text_at (t, r.start, r.end, U"针对") || pb_text_at (t, r.start, r.end, U"面向") ||
         pb_text_at (t, r.start, r.end, U"锚定") || pb_text_at (t, r.start, r.end, U"立足");
}

/* Reads the targets of one sentence [start, end). */
static void
read_sentence_targets (TargetSink *sink,
                       gsize       start,
                       gsize       end)
{
  Parser *p = sink->p;
  const PbText *t = &p->t;
  gsize clause_start = start, phrase_start = start;
  int year = 0, quote = 0;
  gboolean year_explicit = FALSE, year_by_term = FALSE;
  /* 力争 right after the sentence's year phrase (到2024年,力争…) covers the
   * sentence; anywhere else (光缆力争达到…,带宽达到…) its own clause. */
  gboolean stretch_sentence = FALSE, stretch_clause = FALSE;
  gsize year_end = start;
  int later_year = 0;
  gsize later_year_at = end;
  g_autofree char *last_name = NULL;
  g_autofree char *last_unit = NULL;

  /* A year stated after the quantities (关停8个机房,到2022年底,…) is
   * theirs: the sentence's first year, looked for in a bounded window. */
  for (gsize i = start; i < end && i < start + 400; i++)
    {
      gsize next;

      if (pb_char_is_digit (t->f[i]) && (i == start || !pb_char_is_digit (t->f[i - 1])) &&
          is_year_at (t, i, end, &later_year, &next))
        {
          later_year_at = i;
          break;
        }
    }

  for (gsize i = start; i < end && !sink->full; i++)
    {
      gunichar c = t->f[i];
      Quantity q, upper;
      gsize next, near;
      int y;

      if (c == 0x201C || c == 0x300A || c == 0x300C)  /* “ 《 「 */
        quote++;
      else if ((c == 0x201D || c == 0x300B || c == 0x300D) && quote > 0)
        quote--;
      if (quote > 0)
        continue;

      if (pb_char_is_clause_end (c))
        {
          clause_start = phrase_start = i + 1;
          stretch_clause = FALSE;
          continue;
        }
      if (c == 0x3001 /* 、 */)
        {
          phrase_start = i + 1;
          continue;
        }

      if ((c == 0x529B /* 力 */ && pb_text_at (t, i, end, U"力争")) ||
          (c == 0x4E89 /* 争 */ && pb_text_at (t, i, end, U"争取")))
        {
          gsize k = year_end;

          while (k < i && (pb_char_is_space (t->f[k]) || pb_char_is_comma (t->f[k])))
            k++;
          if (k == i)
            stretch_sentence = TRUE;
          else
            stretch_clause = TRUE;
        }

      if (c == 0x4E09 /* 三 */ && (pb_text_at (t, i, end, U"三年内") || pb_text_at (t, i, end, U"三年累计")))
        {
          /* The plan's end year, which the sentence implies. */
          year = p->period_end, year_explicit = p->period_end != 0;
          year_by_term = TRUE;
          year_end = i + 3;
          continue;
        }

      if (pb_char_is_digit (c) && is_year_at (t, i, end, &y, &next))
        {
          year = y;
          year_explicit = TRUE;
          year_by_term = FALSE;
          sink->paragraph_year = y;
          i = next - 1;
          /* 到2024年底 */
          while (i + 1 < end && (t->f[i + 1] == 0x5E95 /* 底 */ || t->f[i + 1] == 0x672B /* 末 */ ||
                                 t->f[i + 1] == 0x524D /* 前 */))
            i++;
          phrase_start = i + 1;
          year_end = i + 1;
          continue;
        }

      if (!pb_char_is_digit (c) && !pb_char_is_cn_numeral (c) &&
          !(c == 0x4E07 /* 万 */ && i + 1 < end && t->f[i + 1] == 0x4EBF /* 亿 */))
        continue;
      /* IPv6, 5G, 4A级, 第3: not a quantity's start. */
      if (i > start && ((t->f[i - 1] < 128 && g_ascii_isalnum (t->f[i - 1])) || t->f[i - 1] == '.' ||
                        t->f[i - 1] == 0x7B2C /* 第 */ || pb_char_is_cn_numeral (t->f[i - 1])))
        continue;

      if (!read_quantity (t, clause_start, i, end, &q, &upper))
        {
          /* Skip the rest of this number. */
          while (i + 1 < end && (pb_char_is_digit (t->f[i + 1]) || t->f[i + 1] == '.' ||
                                 pb_char_is_cn_numeral (t->f[i + 1])))
            i++;
          continue;
        }

      /* What is read around a number is bounded to a window, so that a
       * clause that never ends (a table flattened into one line) is read
       * in time and memory linear in its length. */
      near = q.start > clause_start + TARGET_WINDOW ? q.start - TARGET_WINDOW : clause_start;

      /* Not targets: facts (已建成, 现有, 截至), framing (以…为载体), sets
       * (电子信息、航空航天等14个), frequencies (每半年召开1次) and counts
       * of the plan's own parts (16项重点任务). */
      if (pb_text_contains_any (t, near, q.start, PB_LITS (U"已", U"现有", U"目前", U"截至", U"截止")) ||
          is_framing_clause (t, clause_start, q.start) ||
          is_fact_count (t, near, q.start) ||
          is_threshold (t, &q, end) ||
          (pb_text_at (t, q.unit_start, q.unit_end, U"次") &&
           pb_text_contains_any (t, near, q.start, PB_LITS (U"每"))) ||
          ((pb_text_at (t, q.unit_start, q.unit_end, U"项") || pb_text_at (t, q.unit_start, q.unit_end, U"个") ||
            pb_text_at (t, q.unit_start, q.unit_end, U"大")) &&
           pb_text_contains_any (t, q.unit_end, MIN (q.unit_end + 5, end),
                                 PB_LITS (U"重点任务", U"主要任务", U"专项行动", U"重大工程", U"重点工程")) &&
           !pb_text_contains_any (t, near, q.start, PB_LITS (U"完成", U"实施", U"推进", U"建成"))) ||
          (pb_text_at (t, q.unit_start, q.unit_end, U"项") &&
           pb_text_contains_any (t, q.unit_end, MIN (q.unit_end + 4, end),
                                 PB_LITS (U"重点任务", U"任务", U"措施", U"工程", U"举措", U"行动"))))
        {
          g_free (q.comparator);
          g_free (upper.comparator);
          i = q.unit_end - 1;
          continue;
        }

      {
        /* A sentence without a year takes the paragraph's (到2023年底,…。
         * 在…打造100项以上), else the plan's end year. With neither, the
         * target has no year: never the clock's. */
        gboolean stretch = stretch_sentence || stretch_clause;
        int due, implied;

        if (!year_explicit && later_year != 0 && later_year_at > q.start)
          year = later_year, year_explicit = TRUE;
        due = year_explicit ? year : sink->paragraph_year ? sink->paragraph_year : p->period_end;
        implied = !year_explicit || year_by_term;

        if (due == 0)
          {
            due = -1;
            q.borderline = TRUE;
          }
        gsize text_end = q.end;
        gboolean annual;
        gssize each = pb_text_find (t, near, q.start, U"分别");

        while (text_end < end && text_end < q.end + TARGET_WINDOW && !pb_char_is_clause_end (t->f[text_end]))
          text_end++;
        /* 新建 counts a year's new ones, unless a cumulative marker
         * (累计新建, 共新建) sums them over the years. */
        annual = pb_text_contains_any (t, near, q.start, PB_LITS (U"新建", U"新增", U"每年", U"年均", U"当年")) &&
                 !pb_text_contains_any (t, near, q.start, PB_LITS (U"累计", U"总计", U"合计", U"共计", U"共新"));

        /* A count after 等 (汽车、家电等8个行业平台) sums a list the
         * sentence gives: a target readers may take either way. */
        if (q.start > start && t->f[q.start - 1] == 0x7B49 /* 等 */)
          q.borderline = TRUE;

        /* Usually a (…) enumerating the counted things marks a borderline target. */
        if (q.end < end && t->f[q.end] == '(')
          {
            q.borderline = TRUE;
          }

          {
            if (each >= 0)
              {
                /* 成都天府新区、成都高新区分别布局100万平方米科创空间 */
                g_autoptr(GPtrArray) subjects = split_list (t, skip_lead_words (t, phrase_start_of (t, near, each), each), each);
                g_autofree char *verb = pb_text_slice (t, each + 2, q.start);
                g_autofree char *noun = indicator_name (t, q.start, &q, end);

                for (guint s = 0; s < subjects->len; s++)
                  {
                    g_autofree char *name = g_strconcat (g_ptr_array_index (subjects, s), verb, noun, NULL);
                    emit_target (sink, name, &q, due, implied, stretch, near, text_end, annual);
                  }
              }
            else
              {
                g_autofree char *name = indicator_name (t, MAX (phrase_start, near), &q, end);
                g_autofree char *unit = pb_text_slice (t, q.unit_start, q.unit_end);

                /* "…1.5万个以上,力争达到2万个": the same indicator again. */
                if (name[0] == '\0' && last_name != NULL && g_strcmp0 (unit, last_unit) == 0)
                  {
                    g_free (name);
                    name = g_strdup (last_name);
                  }

                emit_target (sink, name, &q, due, implied, stretch, near, text_end, annual);
                if (upper.value >= 0)
                  emit_target (sink, name, &upper, due, implied, stretch, near, text_end, annual);
                g_free (last_name);
                last_name = g_steal_pointer (&name);
                g_free (last_unit);
                last_unit = g_steal_pointer (&unit);
              }
          }

        g_free (q.comparator);
        if (upper.value >= 0)
          g_free (upper.comparator);
        i = q.end - 1;
      }
    }
}

static void
read_targets (TargetSink *sink,
              GArray     *ranges)
{
  const PbText *t = &sink->p->t;

  for (guint r = 0; r < ranges->len; r++)
    {
      PbRange range = g_array_index (ranges, PbRange, r);
      gsize start = range.start;

      sink->paragraph_year = 0;
      for (gsize i = range.start; i <= range.end && !sink->full; i++)
        if (i == range.end || pb_char_is_sentence_end (t->f[i]))
          {
            if (i > start)
              read_sentence_targets (sink, start, i);
            start = i + 1;
          }
    }
}

/* ---- Sections and items ------------------------------------------------- */

static char *
emit_section (Parser     *p,
              Node       *node,
              const char *parent)
{
  JsonObject *o = json_object_new ();
  char *id = g_strdup_printf ("s%u", ++p->n_sections);

  json_object_set_string_member (o, "id", id);
  if (parent)
    json_object_set_string_member (o, "parent", parent);
  else
    json_object_set_null_member (o, "parent");
  json_object_set_string_member (o, "number", node->number ? node->number : "");
  json_object_set_string_member (o, "title", node->title ? node->title : "");
  json_array_add_object_element (p->sections, o);

  return id;
}

static JsonArray *
string_array (GPtrArray *strings)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (a, g_ptr_array_index (strings, i));
  return a;
}

static void
emit_item (Parser     *p,
           const char *section,
           const char *kind,
           const char *number,
           const char *title,
           GArray     *ranges,
           PbRange     head)
{
  const PbText *t = &p->t;
  JsonObject *o = json_object_new ();
  g_autoptr(GPtrArray) lead = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) responsible = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (PbRange));
  g_autoptr(GString) body = g_string_new (NULL);
  TargetSink sink = { p, json_array_new (), json_array_new (), NULL, title };
  gboolean attributed;

  /* An appendix (附件: a joint-meeting system, a list of members) is kept
   * as text: its members are not the plan's organisations, its numbers
   * not its targets. */
  attributed = p->in_appendix ? FALSE : read_organisations (p, ranges, groups, lead, responsible);
  /* A rule for the items after, stated in this item's prose. */
  for (guint r = 0; r < ranges->len && !p->in_appendix; r++)
    read_prose_inherit_rule (p, g_array_index (ranges, PbRange, r));
  if (!p->in_appendix && lead->len == 0 && responsible->len == 0 &&
      (p->section_lead->len > 0 || p->section_responsible->len > 0))
    {
      for (guint i = 0; i < p->section_lead->len; i++)
        add_unique (lead, g_ptr_array_index (p->section_lead, i));
      for (guint i = 0; i < p->section_responsible->len; i++)
        add_unique (responsible, g_ptr_array_index (p->section_responsible, i));
      attributed = TRUE;
    }

  /* The attribution groups are read: blank them in the fold, so that the
   * targets reader passes over them. (Names come from the original.) */
  for (guint g = 0; g < groups->len; g++)
    {
      PbRange r = g_array_index (groups, PbRange, g);
      for (gsize i = r.start; i < r.end; i++)
        p->t.f[i] = 0xFFFC;
    }
  /* A heading that is a whole sentence (1.争取立项支持3个以上。) states
   * its target in the title. */
  if (p->in_appendix)
    sink.full = TRUE;
  if (head.end > head.start && !sink.full)
    {
      g_autoptr(GArray) head_ranges = g_array_new (FALSE, FALSE, sizeof (PbRange));

      g_array_append_val (head_ranges, head);
      read_targets (&sink, head_ranges);
    }
  read_targets (&sink, ranges);

  for (guint r = 0; r < ranges->len; r++)
    {
      PbRange range = g_array_index (ranges, PbRange, r);
      g_autofree char *text = pb_text_slice (t, range.start, range.end);

      if (body->len)
        g_string_append_c (body, '\n');
      g_string_append (body, text);
    }

  if (section)
    json_object_set_string_member (o, "section", section);
  else
    json_object_set_null_member (o, "section");
  json_object_set_string_member (o, "kind", kind);
  json_object_set_string_member (o, "number", number ? number : "");
  json_object_set_string_member (o, "title", title ? title : "");
  json_object_set_array_member (o, "lead_units", string_array (lead));
  json_object_set_array_member (o, "responsible_units", string_array (responsible));
  json_object_set_array_member (o, "targets", sink.targets);
  json_object_set_string_member (o, "body", body->str);
  if (p->period_start && p->period_end)
    {
      g_autofree char *start = g_strdup_printf ("%04d-01-01", p->period_start);
      g_autofree char *due = g_strdup_printf ("%04d-12-31", p->period_end);

      json_object_set_string_member (o, "start", start);
      json_object_set_string_member (o, "due", due);
    }
  json_object_set_array_member (o, "indicators", sink.indicators);
  /* For review: a task or measure without organisations is worth a look. */
  json_object_set_boolean_member (o, "review",
                                  (!attributed && lead->len == 0 && !g_str_equal (kind, "goal")) || sink.full);
  json_array_add_object_element (p->items, o);
}

static gboolean
has_heading_children (Node *node)
{
  for (guint i = 0; i < node->children->len; i++)
    if (((Node *) g_ptr_array_index (node->children, i))->level != LEVEL_BULLET)
      return TRUE;
  return FALSE;
}

/* The heading's rest and its paragraphs. */
static GArray *
node_text (Node *node)
{
  return node->body;
}

static void classify (Parser *p, Node *node, const char *section, const char *kind, gboolean general);

/* A rule for the items below stated as a sentence of its own, outside any
 * bracket: 除另有说明外,以下各项均涉及各区政府,不再列出。 */
static void
read_prose_inherit_rule (Parser *p,
                         PbRange range)
{
  const PbText *t = &p->t;
  gssize at = pb_text_find (t, range.start, range.end, U"不再");

  if (at < 0)
    return;
  for (gsize s = range.start, i = range.start; i <= range.end; i++)
    if (i == range.end || t->f[i] == 0x3002 /* 。 */ || t->f[i] == ';')
      {
        if ((gssize) s <= at && at < (gssize) i && t->f[s] != '(' && t->f[s] != '[')
          read_inherit_rule (p, s, i);
        s = i + 1;
      }
}

/* The section's own attribution lines, else its parent's, for its items. */
static void
read_section_attribution (Parser    *p,
                          Node      *node,
                          GPtrArray *outer_lead,
                          GPtrArray *outer_responsible)
{
  gboolean found = FALSE;

  for (guint r = 0; r < node->body->len; r++)
    {
      PbRange range = g_array_index (node->body, PbRange, r);

      read_prose_inherit_rule (p, range);
      if (is_attribution_line (&p->t, range))
        {
          read_group (p, range.start, range.end, p->section_lead, p->section_responsible);
          found = TRUE;
        }
    }

  if (!found)
    {
      for (guint i = 0; i < outer_lead->len; i++)
        add_unique (p->section_lead, g_ptr_array_index (outer_lead, i));
      for (guint i = 0; i < outer_responsible->len; i++)
        add_unique (p->section_responsible, g_ptr_array_index (outer_responsible, i));
    }
}

static void
classify_goals (Parser     *p,
                Node       *goals,
                const char *parent)
{
  g_autofree char *id = emit_section (p, goals, parent);

  if (goals->body->len > 0)
    emit_item (p, id, "goal", "", goals->title, node_text (goals), (PbRange) { 0, 0 });

  for (guint i = 0; i < goals->children->len; i++)
    {
      Node *child = g_ptr_array_index (goals->children, i);

      if (has_heading_children (child))
        classify_goals (p, child, id);
      else
        emit_item (p, id, "goal", child->number, child->title, node_text (child), child->head);
    }
}

/* A line that holds a record rather than a provision: cells split by a
 * tab or by spaces, a telephone number, or a label and its value
 * (城关镇:新建基站30个). */
static gboolean
is_record_line (const PbText *t,
                PbRange       line)
{
  guint digits = 0, spaces = 0;

  for (gsize i = line.start; i < line.end; i++)
    {
      gunichar c = t->f[i];

      if (c == '\t')
        return TRUE;
      if (c == ' ' || c == 0x3000)
        {
          if (i + 1 < line.end && (t->f[i + 1] == ' ' || t->f[i + 1] == 0x3000))
            return TRUE;
          spaces++;
        }
      digits = g_unichar_isdigit (c) ? digits + 1 : 0;
      if (digits >= 7 || spaces >= 2)
        return TRUE;
      if (c == 0x3002 /* 。 */)
        break;
      if (c == ':' && i + 1 < line.end && !pb_char_is_sentence_end (t->f[i + 1]))
        return TRUE;
    }
  return FALSE;
}

static void
count_record_entries (Parser *p,
                      Node   *node,
                      guint  *n,
                      guint  *records)
{
  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      PbRange line = g_array_index (p->lines, PbRange, child->line);

      if (has_heading_children (child))
        {
          count_record_entries (p, child, n, records);
          continue;
        }
      (*n)++;
      if (is_record_line (&p->t, (PbRange) { child->head.start, line.end }))
        (*records)++;
    }
}

/* An appendix that lists or tabulates (重点任务分工表, 联系人名单, a
 * table flattened into numbered rows) is the plan's text, not its
 * items; one that is a document of its own (a meeting system with
 * 一、主要职责…) yields its provisions as measures. */
static gboolean
appendix_is_records (Parser *p,
                     Node   *appendix)
{
  static const char32_t * const list_words[] = {
    U"表", U"名单", U"清单", U"名录", U"一览", U"通讯录", U"联系方式", U"目录", NULL
  };
  const PbText *t = &p->t;
  guint n = 0, records = 0;
  gsize end = appendix->head.end;

  /* The title, without a bracketed note after it: 分工表(2023年). */
  while (end > appendix->head.start && (pb_char_is_close_bracket (t->f[end - 1]) ||
                                        pb_char_is_sentence_end (t->f[end - 1])))
    {
      gssize open = -1;

      if (pb_char_is_sentence_end (t->f[end - 1]))
        {
          end--;
          continue;
        }
      for (gsize k = end - 1; k > appendix->head.start; k--)
        if (t->f[k - 1] == '(' || t->f[k - 1] == 0x3014 /* 〔 */ || t->f[k - 1] == '[')
          {
            open = (gssize) k - 1;
            break;
          }
      if (open < 0)
        break;
      end = open;
    }
  for (guint w = 0; list_words[w] && end > appendix->head.start; w++)
    {
      gsize len = 0;

      while (list_words[w][len])
        len++;
      if (end - appendix->head.start >= len && pb_text_at (t, end - len, end, list_words[w]))
        return TRUE;
    }

  count_record_entries (p, appendix, &n, &records);
  return n > 0 && records * 2 > n;
}

/* 附件:1.X ⏎ 2.Y at the foot of the notice: the list of what is
 * attached, each given after it as an appendix of its own. */
static gboolean
appendix_is_index (Parser *p,
                   Node   *appendix)
{
  Heading h;

  return appendix->head.end > appendix->head.start &&
         read_heading (&p->t, appendix->head, &h) && h.number_start == appendix->head.start &&
         h.level != LEVEL_POINT;
}

/* The appendix's text as printed: its lines up to the next appendix,
 * without its heading and title printed again. */
static void
emit_appendix (Parser     *p,
               Node       *node,
               Node       *next,
               const char *section)
{
  const PbText *t = &p->t;
  JsonObject *o = json_object_new ();
  g_autofree char *text = NULL;
  gsize end = next ? next->line : p->lines->len;
  gsize first = node->line + 1;

  for (; first < end; first++)
    {
      PbRange r = g_array_index (p->lines, PbRange, first);
      g_autofree char *line = NULL;
      gsize number_end, rest;

      if (read_appendix (t, r, &number_end, &rest) && rest >= r.end)
        continue;
      line = pb_text_slice (t, r.start, r.end);
      if (g_strcmp0 (line, node->title) != 0)
        break;
    }
  /* One slice: the lines as printed, with their breaks. */
  text = first < end ? pb_text_slice (t, g_array_index (p->lines, PbRange, first).start,
                                      g_array_index (p->lines, PbRange, end - 1).end)
                     : g_strdup ("");

  json_object_set_string_member (o, "section", section);
  json_object_set_string_member (o, "number", node->number ? node->number : "");
  json_object_set_string_member (o, "title", node->title ? node->title : "");
  json_object_set_string_member (o, "text", text);
  json_array_add_object_element (p->appendices, o);
}

static void
classify (Parser     *p,
          Node       *node,
          const char *section,
          const char *kind,
          gboolean    general)
{
  static const char * const general_words[] = { "总体要求", "总体思路", "总体考虑", "总体部署", NULL };
  static const char * const no_item_words[] = { "指导思想", "基本原则", "工作原则", "总体思路", NULL };
  static const char * const measure_words[] = { "组织实施", "工作要求", "工作机制", "推进机制",
                                                "实施步骤", "组织领导", NULL };

  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      const char *ft = child->ftitle;

      if (child->cut)
        continue;

      if (child->level == LEVEL_APPENDIX)
        {
          g_autofree char *id = NULL;
          Node *next = NULL;

          if (appendix_is_index (p, child))
            continue;
          for (guint j = i + 1; j < node->children->len && next == NULL; j++)
            if (((Node *) g_ptr_array_index (node->children, j))->level == LEVEL_APPENDIX)
              next = g_ptr_array_index (node->children, j);
          id = emit_section (p, child, NULL);
          emit_appendix (p, child, next, id);
          if (appendix_is_records (p, child))
            continue;
          p->in_appendix = TRUE;
          classify (p, child, id, "measure", FALSE);
          p->in_appendix = FALSE;
          continue;
        }

      /* 总体要求和发展目标 with 指导思想, 基本原则 … under it is the general
       * part; with its own body, it states the goals. */
      if (is_goals (ft) && !(title_is (ft, general_words) && has_heading_children (child)))
        {
          classify_goals (p, child, section);
          continue;
        }

      /* 总体要求 and its 指导思想, 基本原则: sections that yield no items. */
      if (general || title_is (ft, no_item_words))
        {
          g_free (emit_section (p, child, section));
          continue;
        }

      if (title_is (ft, general_words))
        {
          g_autofree char *id = emit_section (p, child, section);
          classify (p, child, id, kind, TRUE);
          continue;
        }

      {
        const char *child_kind = title_is (ft, measure_words) || is_safeguards (ft) ? "measure" : kind;

        if (has_heading_children (child))
          {
            g_autofree char *id = emit_section (p, child, section);
            g_autoptr(GPtrArray) saved_lead = p->section_lead;
            g_autoptr(GPtrArray) saved_responsible = p->section_responsible;

            p->section_lead = g_ptr_array_new_with_free_func (g_free);
            p->section_responsible = g_ptr_array_new_with_free_func (g_free);
            read_section_attribution (p, child, saved_lead, saved_responsible);
            classify (p, child, id, child_kind, FALSE);
            g_ptr_array_unref (p->section_lead);
            g_ptr_array_unref (p->section_responsible);
            p->section_lead = g_steal_pointer (&saved_lead);
            p->section_responsible = g_steal_pointer (&saved_responsible);
          }
        else if (child->level != LEVEL_BULLET)
          emit_item (p, section, child_kind, child->number, child->title, node_text (child), child->head);
      }
    }
}

static JsonNode *
build_json (Parser *p)
{
  JsonObject *o = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  const char *source = p->source;

  json_object_set_string_member (o, "format", FORMAT);
  json_object_set_string_member (o, "title", p->title ? p->title : "");
  if (p->doc_number)
    json_object_set_string_member (o, "doc_number", p->doc_number);
  else
    json_object_set_null_member (o, "doc_number");
  if (p->issuer)
    json_object_set_string_member (o, "issuer", p->issuer);
  else
    json_object_set_null_member (o, "issuer");
  if (p->period_start)
    {
      JsonObject *period = json_object_new ();

      json_object_set_int_member (period, "start", p->period_start);
      json_object_set_int_member (period, "end", p->period_end);
      json_object_set_object_member (o, "period", period);
    }
  else
    json_object_set_null_member (o, "period");
  json_object_set_array_member (o, "sections", json_array_ref (p->sections));
  json_object_set_array_member (o, "items", json_array_ref (p->items));
  /* Appendices as printed (not part of SCHEMA.md: the scorer and the
   * store's JSON import pass over it; the store keeps the whole text). */
  if (json_array_get_length (p->appendices) > 0)
    json_object_set_array_member (o, "appendices", json_array_ref (p->appendices));
  json_object_set_string_member (o, "source_text", source ? source : "");

  json_node_take_object (root, o);
  return root;
}

static gboolean
is_cjk_or_punct (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

/* Typesetting puts spaces between Chinese and Latin letters or digits
 * ("到 2022 年建成 5G 基站"); they are not part of the text. */
static char *
drop_typographic_spaces (const char *text,
                         gssize      length)
{
  const char *end = text + (length < 0 ? (gssize) strlen (text) : length);
  GString *out = g_string_sized_new (end - text);
  const char *copied = text;

  for (const char *c = text; c < end; c++)
    {
      const char *before, *after;
      gunichar prev, next;

      if (*c != ' ')
        continue;

      /* A run of spaces between a CJK character and a letter or digit. */
      after = c;
      while (after < end && *after == ' ')
        after++;
      if (c == text || after == end)
        {
          c = after - 1;
          continue;
        }
      before = g_utf8_find_prev_char (text, c);
      prev = before ? g_utf8_get_char (before) : 0;
      next = g_utf8_get_char (after);

      if ((is_cjk_or_punct (prev) && next < 128 && g_ascii_isalnum (next)) ||
          (prev < 128 && g_ascii_isalnum (prev) && is_cjk_or_punct (next)))
        {
          g_string_append_len (out, copied, c - copied);
          copied = after;
        }
      c = after - 1;
    }

  g_string_append_len (out, copied, end - copied);
  return g_string_free (out, FALSE);
}

/* ---- Text converted from PDF or Word by document sites ------------------ */

/* An ordinal's value: 3 of "3", "(三)", "三是". */
static int
ordinal_value (const PbText  *t,
               const Heading *h)
{
  gsize i = h->number_start, end = h->number_end;
  double v = 0;

  while (i < end && !pb_char_is_digit (t->f[i]) && !pb_char_is_cn_numeral (t->f[i]))
    i++;
  if (i >= end || pb_cn_number_read (t->f + i, end - i, &v, NULL) == 0)
    return 0;
  return v;
}

typedef struct
{
  int last[LEVEL_BULLET + 1];  /* the last ordinal seen per heading level */
} Ordinals;

static void
ordinals_see (Ordinals *o,
              int       level,
              int       value)
{
  o->last[level] = value;
  for (int l = level + 1; l <= LEVEL_BULLET; l++)
    o->last[l] = 0;
}

/* Whether a heading continues its level's numbering (1, then 2 …). */
static gboolean
ordinals_continue (const Ordinals *o,
                   int             level,
                   int             value)
{
  return value == 1 || (value > 1 && o->last[level] == value - 1);
}

/* "N、" at @i, the line's start: gives N and where its text starts. */
static gboolean
read_page_number (const PbText *t,
                  gsize         i,
                  gsize         end,
                  int          *number,
                  gsize        *after)
{
  gsize k = i;
  double v;

  while (k < end && k - i < 4 && pb_char_is_digit (t->f[k]))
    k++;
  if (k == i || k >= end || t->f[k] != 0x3001 /* 、 */ ||
      pb_cn_number_read (t->f + i, k - i, &v, NULL) != k - i)
    return FALSE;
  *number = v;
  *after = k + 1;
  return TRUE;
}

/* Whether the text before @i (on its line or the line before) ends a
 * sentence or a heading, so that what starts at @i can be a new one. */
static gboolean
ends_sentence_before (const PbText *t,
                      gsize         i)
{
  gsize k = i;

  while (k > 0 && (pb_char_is_space (t->f[k - 1]) || t->f[k - 1] == '\n'))
    k--;
  if (k == 0)
    return TRUE;
  return pb_char_is_sentence_end (t->f[k - 1]) || t->f[k - 1] == ':' || t->f[k - 1] == 0x3002 ||
         pb_char_is_close_bracket (t->f[k - 1]) || t->f[k - 1] == 0x201D /* ” */;
}

/* Document-sharing sites convert PDFs and Word files into one stream:
 * the page number is glued to the first line of the next page ("2、的都很
 * 好", breaking a word or a list of organisations), and headings begin in
 * the middle of a line ("…我讲三点意见:一、…", "…工作。 1.加快…").
 *
 * A page marker is told from a heading by sequence: pages count 1, 2, 3
 * on their own, so "N、" at a line's start is a page marker when it is the
 * next page's number and the line before breaks off mid-sentence, or a
 * 、 follows it, or no heading N-1 came before it. The marker goes and the
 * broken line is joined again. A heading inside a line starts a line of
 * its own when it follows a sentence's end (or spaces), and continues its
 * level's numbering.
 *
 * Returns: (transfer full) (nullable): the text mended, or %NULL if it
 *   needs nothing */
static char *
mend_converted_text (const PbText *text)
{
  const PbText t = *text;
  GString *out;
  Ordinals ord = { 0 };
  int page = 0;            /* the last page marker's number */
  gsize copied = 0, first_marker = G_MAXSIZE, first_marker_after = 0;
  gboolean changed = FALSE;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (PbRange));  /* to drop */
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (gsize));  /* to break before */

  gsize line_end = 0;  /* the end of the line @i is in, found once per line */

  for (gsize i = 0; i < t.n; i++)
    {
      gboolean line_start = i == 0 || t.f[i - 1] == '\n';
      gsize after;
      Heading h;
      int n;

      if (!line_start && !(pb_char_is_digit (t.f[i]) || pb_char_is_cn_numeral (t.f[i]) ||
                           t.f[i] == '(' || (t.f[i] >= 0x2460 && t.f[i] <= 0x2473)))
        continue;
      if (line_start)
        while (i < t.n && pb_char_is_space (t.f[i]) && t.f[i] != '\n')
          i++;
      if (i >= t.n)
        break;
      if (line_end <= i)
        {
          line_end = i;
          while (line_end < t.n && t.f[line_end] != '\n')
            line_end++;
        }

      /* The first page often carries no number: the first marker can be 2. */
      if (line_start && read_page_number (&t, i, line_end, &n, &after) &&
          (n == page + 1 || (page == 0 && n == 2)) &&
          (n > 1 || i == 0) &&
          (!ends_sentence_before (&t, i) || after >= line_end || t.f[after] == 0x3001 ||
           pb_char_is_space (t.f[after]) || !ordinals_continue (&ord, LEVEL_3, n) || i == 0))
        {
          PbRange cut = { i, after };

          if (n == 1)
            {
              /* Page 1 counts only if a page 2 follows. */
              first_marker = i;
              first_marker_after = after;
              page = 1;
              continue;
            }
          if (page == 1 && first_marker != G_MAXSIZE)
            {
              PbRange first = { first_marker, first_marker_after };
              g_array_append_val (cuts, first);
              first_marker = G_MAXSIZE;
            }
          /* A line broken mid-sentence is joined again. */
          if (!ends_sentence_before (&t, i))
            while (cut.start > 0 && (t.f[cut.start - 1] == '\n' || pb_char_is_space (t.f[cut.start - 1])))
              cut.start--;
          while (cut.end < line_end && pb_char_is_space (t.f[cut.end]))
            cut.end++;
          g_array_append_val (cuts, cut);
          page = n;
          i = cut.end - 1;
          continue;
        }

      if (!read_heading (&t, (PbRange) { i, line_end }, &h) || h.level < LEVEL_1)
        continue;

      n = ordinal_value (&t, &h);
      if (line_start)
        {
          ordinals_see (&ord, h.level, n);
          i = h.rest - 1;
          continue;
        }

      /* Inside a line: after a sentence's end or spaces, in sequence. */
      {
        gsize k = i;
        gboolean spaced = FALSE;

        while (k > 0 && pb_char_is_space (t.f[k - 1]) && t.f[k - 1] != '\n')
          k--, spaced = TRUE;
        if (k == 0 || t.f[k - 1] == '\n' || !ordinals_continue (&ord, h.level, n) ||
            (h.level == LEVEL_3 && i > 0 && pb_char_is_digit (t.f[i - 1])))
          continue;
        if (!(pb_char_is_sentence_end (t.f[k - 1]) || t.f[k - 1] == ':' ||
              (spaced && !pb_char_is_comma (t.f[k - 1]) && t.f[k - 1] != 0x3001)))
          continue;
        ordinals_see (&ord, h.level, n);
        g_array_append_val (breaks, k);
        i = h.rest - 1;
      }
    }

  if (cuts->len == 0 && breaks->len == 0)
    return NULL;

  /* Both lists are in text order. */
  out = g_string_sized_new (t.n * 3 + breaks->len);
  {
    guint c = 0, b = 0;

    while (c < cuts->len || b < breaks->len)
      {
        gsize at_cut = c < cuts->len ? g_array_index (cuts, PbRange, c).start : G_MAXSIZE;
        gsize at_break = b < breaks->len ? g_array_index (breaks, gsize, b) : G_MAXSIZE;
        g_autofree char *piece = NULL;

        if (at_break < at_cut)
          {
            piece = g_ucs4_to_utf8 (t.o + copied, at_break - copied, NULL, NULL, NULL);
            g_string_append (out, piece ? piece : "");
            g_string_append_c (out, '\n');
            /* The spaces before the heading go. */
            copied = at_break;
            while (copied < t.n && pb_char_is_space (t.o[copied]) && t.o[copied] != '\n')
              copied++;
            b++;
          }
        else
          {
            PbRange cut = g_array_index (cuts, PbRange, c);

            if (cut.start >= copied)
              {
                piece = g_ucs4_to_utf8 (t.o + copied, cut.start - copied, NULL, NULL, NULL);
                g_string_append (out, piece ? piece : "");
                copied = cut.end;
              }
            c++;
          }
        changed = TRUE;
      }
    {
      g_autofree char *rest = g_ucs4_to_utf8 (t.o + copied, t.n - copied, NULL, NULL, NULL);
      g_string_append (out, rest ? rest : "");
    }
  }

  if (!changed)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * pb_plan_parse_text:
 * @text: the document's text, UTF-8
 * @length: its length in bytes, or -1 if nul-terminated
 * @cancellable: (nullable): to stop early
 * @error: where to say why it failed
 *
 * Reads a plan document. A document with no structure still gives a plan
 * (its numbered points, if any, as items).
 *
 * Returns: (transfer full): the plan as `planboard-plan/1`, or %NULL
 */
JsonNode *
pb_plan_parse_text (const char    *text,
                    gssize         length,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Parser p = { 0 };
  JsonNode *result = NULL;
  g_autofree char *spaced = NULL;
  g_autofree char *mended = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_ENCODING,
                   _("The document's text is not valid UTF-8."));
      return NULL;
    }

  spaced = drop_typographic_spaces (text, length);
  if (!pb_text_init (&p.t, spaced, -1))
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_ENCODING,
                   _("The document's text is not valid UTF-8."));
      return NULL;
    }
  /* Mending a converted text is rare: the text is read again only then. */
  mended = mend_converted_text (&p.t);
  if (mended)
    {
      g_free (spaced);
      spaced = g_steal_pointer (&mended);
      pb_text_clear (&p.t);
      if (!pb_text_init (&p.t, spaced, -1))
        {
          g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_ENCODING,
                       _("The document's text is not valid UTF-8."));
          return NULL;
        }
    }
  p.source = spaced;

  p.cancellable = cancellable;
  p.inherit_responsible = g_ptr_array_new_with_free_func (g_free);
  p.section_lead = g_ptr_array_new_with_free_func (g_free);
  p.section_responsible = g_ptr_array_new_with_free_func (g_free);
  p.sections = json_array_new ();
  p.items = json_array_new ();
  p.appendices = json_array_new ();
  p.indicator_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  split_lines (&p);
  if (p.lines->len == 0)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_EMPTY, _("The document is empty."));
      goto out;
    }

  read_metadata (&p);
  build_tree (&p);
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      classify (&p, p.root, NULL, "task", FALSE);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          result = build_json (&p);
          /* One indicator per quantity, linked to every item stating it. */
          pb_indicator_link (result);
        }
    }

out:
  if (p.root)
    node_free (p.root);
  g_clear_pointer (&p.lines, g_array_unref);
  g_clear_pointer (&p.inherit_responsible, g_ptr_array_unref);
  g_clear_pointer (&p.section_lead, g_ptr_array_unref);
  g_clear_pointer (&p.section_responsible, g_ptr_array_unref);
  g_clear_pointer (&p.sections, json_array_unref);
  g_clear_pointer (&p.items, json_array_unref);
  g_clear_pointer (&p.appendices, json_array_unref);
  g_clear_pointer (&p.indicator_ids, g_hash_table_unref);
  g_free (p.title);
  g_free (p.doc_number);
  g_free (p.issuer);
  pb_text_clear (&p.t);

  return result;
}
