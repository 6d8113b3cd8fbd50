/* pb-report.c — the printed report: pages drawn with Cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are in points. Every page has a header (plan title, document
 * number) and a footer (date printed, "page N of M"; a timeline tile's
 * place in the wall chart). The parts, each optional:
 *
 *   cover          title, document number, issuer, period, date
 *   summary        counts by status and by health, with bars in the health
 *                  patterns, and the items seriously behind
 *   timeline       the Gantt chart by the timeline's own painter: fitted to
 *                  the page width, or tiled across pages at a zoom with the
 *                  label column and scale on every tile, or on one sheet
 *   tasks          重点任务责任分解表: number, task, lead, responsible,
 *                  period, targets by year
 *   indicators     baseline, targets by year, latest actual, value expected on
 *                  its date, completion, health
 *   organisations  the ranking chart and table
 *
 * Tables repeat their header row on every page and break only between
 * rows. Text is laid out by Pango (wrapping CJK), so cairo's PDF surface
 * embeds the fonts fontconfig chose, as subsets. Health is a colour, a
 * symbol (●▲■) and, in bars, a pattern: it survives greyscale printing.
 */
#define G_LOG_DOMAIN "pb-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-charts.h"
#include "pb-format.h"
#include "pb-health-style.h"
#include "pb-indicator-links.h"
#include "pb-ledger.h"
#include "pb-forms.h"
#include "pb-outline.h"
#include "pb-report.h"
#include "pb-script.h"
#include "pb-supervision.h"

#define MM (72.0 / 25.4)
#define BODY_FONT    "Sans 8.5"
#define SMALL_FONT   "Sans 7.5"
#define HEADING_FONT "Sans Bold 13"
#define PAD 3.0
#define FOOTNOTE_GAP 4.0  /* between a table's last row (or a chart) and its footnote */
#define BAND 20.0        /* header and footer bands */
#define TIMELINE_TILE_SCALE 0.75   /* a pixel of the chart is 0.75 pt: 96 dpi */
#define TIMELINE_LABELS 300.0      /* px: room for titles and leads on paper */

/* ---- Options ----------------------------------------------------------------- */

void
pb_report_options_init (PbReportOptions *o)
{
  memset (o, 0, sizeof *o);
  o->paper = PB_PAPER_A4;
  o->landscape = TRUE;
  o->margin = 12 * MM;
  o->parts = PB_REPORT_ALL;
  o->timeline_mode = PB_REPORT_TIMELINE_FIT;
  o->zoom = PB_TIMELINE_ZOOM_QUARTER;
  pb_date_today (&o->today);
}

static const struct { const char *name; double w, h; } papers[] = {
  [PB_PAPER_A4] = { "a4", 210, 297 },
  [PB_PAPER_A3] = { "a3", 297, 420 },
  [PB_PAPER_A1] = { "a1", 594, 841 },
  [PB_PAPER_A0] = { "a0", 841, 1189 },
};

gboolean
pb_paper_from_string (const char *text,
                      PbPaper    *paper)
{
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (text, papers[i].name) == 0)
      {
        *paper = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pb_paper_to_string (PbPaper paper)
{
  return papers[CLAMP (paper, PB_PAPER_A4, PB_PAPER_A0)].name;
}

void
pb_paper_get_size (PbPaper   paper,
                   gboolean  landscape,
                   double   *width,
                   double   *height)
{
  double w = papers[paper].w * MM, h = papers[paper].h * MM;

  *width = landscape ? h : w;
  *height = landscape ? w : h;
}

/* The parts by name, in the order of their bits in PbReportParts. */
static const char * const part_names[] = { "cover", "summary", "timeline", "tasks", "indicators", "organisations",
                                           "reporting", NULL };

G_STATIC_ASSERT ((1 << (G_N_ELEMENTS (part_names) - 1)) - 1 == PB_REPORT_EVERY_PART);

/**
 * pb_report_part_names:
 *
 * The one list of the report's parts, as they are typed (`--parts`):
 * what pb_report_parts_from_string() accepts and the CLI's usage lists.
 *
 * Returns: (transfer none) (array zero-terminated=1): the names, the
 *   n-th for the part 1 << n
 */
const char * const *
pb_report_part_names (void)
{
  return part_names;
}

/**
 * pb_report_part_list:
 * @separator: what goes between two names: "," or ", "
 *
 * Returns: (transfer full): every part's name, joined
 */
char *
pb_report_part_list (const char *separator)
{
  return g_strjoinv (separator, (char **) part_names);
}

/**
 * pb_report_parts_from_string:
 * @text: "cover,summary,timeline,tasks,indicators,organisations,reporting"
 *   or a part of it (pb_report_part_names())
 * @parts: (out): the parts
 *
 * Returns: whether every name is a part
 */
gboolean
pb_report_parts_from_string (const char    *text,
                             PbReportParts *parts)
{
  g_auto(GStrv) words = g_strsplit (text, ",", -1);

  *parts = 0;
  for (guint i = 0; words[i]; i++)
    {
      gboolean known = FALSE;

      g_strstrip (words[i]);
      for (guint j = 0; part_names[j]; j++)
        if (g_str_equal (words[i], part_names[j]))
          {
            *parts |= 1 << j;
            known = TRUE;
          }
      if (!known)
        return FALSE;
    }
  return *parts != 0;
}

/* ---- What the report holds ---------------------------------------------------- */

typedef enum
{
  ROW_PLAIN,
  ROW_SECTION,   /* a heading row across the table */
} RowStyle;

typedef struct
{
  char   **cells;
  RowStyle style;
  PbHealth health;
} Row;

typedef struct
{
  char       *title;
  char       *note;       /* beneath the title on its first page, or NULL */
  const char *footnote;   /* beneath the rows on its last page (what a column means), or NULL */
  guint       n_cols;
  char      **headers;
  double     *widths;     /* fractions of the text width */
  int         health_col; /* coloured by the row's health, or -1 */
  gboolean    name_section; /* a continued page names the heading its first rows are under */
  GPtrArray  *rows;
  double     *heights;    /* per row, after measuring */
  double      header_height;
} Table;

typedef enum
{
  PAGE_COVER,
  PAGE_SUMMARY,
  PAGE_TIMELINE,
  PAGE_TABLE,
  PAGE_RANKING,
} PageKind;

typedef struct
{
  PageKind kind;
  double   width, height;
  Table   *table;
  guint    first, last;        /* rows [first, last) */
  gboolean with_title;
  double   scale;              /* timeline: points per chart pixel */
  double   scroll_x, scroll_y; /* timeline: the tile's chart origin */
  double   view_w, view_h;     /* timeline: chart pixels shown */
  guint    tile_col, tile_row, n_tile_cols, n_tile_rows;
} Page;

struct _PbReport
{
  PbReportOptions o;

  char       *title;
  char       *doc_number;
  char       *issuer;
  char       *issue_date;
  int         period_start, period_end;
  char        printed[32];

  guint       n_items;
  guint       status_counts[5];
  guint       health_counts[4];
  GPtrArray  *behind;          /* Row: number, title, lead, reason */

  Table      *tasks;
  Table      *indicators;
  Table      *organisations;
  Table      *reporting;       /* who has returned the period's progress forms */
  GPtrArray  *ranking;         /* PbOrgStats */
  PbTimeline *timeline;

  const char *language;        /* the plan's script: "zh-cn" or "zh-tw" */
  PangoContext *context;
  GArray     *pages;           /* Page */
  gboolean    paginated;
};

static void
row_free (gpointer data)
{
  Row *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

static Row *
row_new (RowStyle style,
         PbHealth health,
         ...)
{
  Row *row = g_new0 (Row, 1);
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, health);
  for (const char *c = va_arg (args, const char *); c != (const char *) -1; c = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (c ? c : ""));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  row->cells = (char **) g_ptr_array_free (cells, FALSE);
  row->style = style;
  row->health = health;
  return row;
}

#define END ((const char *) -1)

static Table *
table_new (const char          *title,
           const char * const  *headers,
           const double        *widths,
           guint                n_cols,
           int                  health_col)
{
  Table *t = g_new0 (Table, 1);
  double sum = 0;

  t->title = g_strdup (title);
  t->n_cols = n_cols;
  t->headers = g_new0 (char *, n_cols + 1);
  t->widths = g_new0 (double, n_cols);
  for (guint i = 0; i < n_cols; i++)
    sum += widths[i];
  for (guint i = 0; i < n_cols; i++)
    {
      t->headers[i] = g_strdup (headers[i]);
      t->widths[i] = widths[i] / sum;
    }
  t->health_col = health_col;
  t->rows = g_ptr_array_new_with_free_func (row_free);
  return t;
}

static void
table_free (Table *t)
{
  if (t == NULL)
    return;
  g_free (t->title);
  g_free (t->note);
  g_strfreev (t->headers);
  g_free (t->widths);
  g_free (t->heights);
  g_ptr_array_unref (t->rows);
  g_free (t);
}

static char *
health_text (PbHealth health)
{
  return g_strdup_printf ("%s %s", pb_health_get_symbol (health), pb_health_get_name (health));
}

/* A light set by hand, in a table's health cell: "● On track", then "(set by hand)" beneath. */
static char *
health_text_by_hand (PbHealth health)
{
  /* Translators: a health set by hand in a printed table's health
   * column: the symbol and the health's name */
  return g_strdup_printf (_("%s %s\n(set by hand)"), pb_health_get_symbol (health), pb_health_get_name (health));
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

static void
string_free (gpointer s)
{
  g_string_free (s, TRUE);
}

static char *
date_text (const char *iso)
{
  int y = 0, m = 0, d = 0;
  GDate date;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso ? iso : "");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return pb_format_date (&date);
}

/* An item's span, with dates as the reader writes them: 2025-01-01 —
 * 2027-12-31, or 2025年1月1日至2027年12月31日. */
static char *
period_text (const char *start,
             const char *due)
{
  g_autofree char *from = date_text (start);
  g_autofree char *to = date_text (due);

  if (start && due)
    /* TRANSLATORS: an item's start and due dates in the tasks table */
    return g_strdup_printf (C_("item time span", "%s — %s"), from, to);
  return g_strdup (due ? to : from);
}

/* Set before a target under its indicator's name in the tasks table: an
 * em space, which Pango keeps at the start of a line. */
#define TARGET_INDENT "\xe2\x80\x83"

static GPtrArray *
list_to_array (GListModel *list)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (array, g_list_model_get_item (list, i));
  return array;
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  PbTarget *x = *(PbTarget * const *) a;
  PbTarget *y = *(PbTarget * const *) b;
  int by_year = pb_target_get_year (x) - pb_target_get_year (y);

  if (by_year != 0)
    return by_year;
  return (int) pb_record_get_boolean (PB_RECORD (x), "stretch") - (int) pb_record_get_boolean (PB_RECORD (y), "stretch");
}

/* The note under a table that compares with or names a closed period:
 * which, closed when, and whether its data changed after closing. */
static char *
closed_period_note (PbStore  *store,
                    PbPeriod *period,
                    gboolean  compared)
{
  g_autofree char *name = pb_format_period_label (pb_record_get_string (PB_RECORD (period), "label"));
  g_autofree char *closed = date_text (pb_record_get_string (PB_RECORD (period), "closed_date"));

  if (!compared)
    /* Translators: under the printed report's reporting status: the
     * forms' period (October 2026), closed on a day, had an actual dated
     * in it recorded, changed or deleted since */
    return g_strdup_printf (_("%s (closed %s) was changed after it was closed: the figures it kept no longer match the data."),
                            name, closed);
  if (pb_store_period_changed_since_closing (store, pb_record_get_id (PB_RECORD (period))))
    /* Translators: under a table of the printed report: the closed
     * period (October 2026, 2026年三季度) and the day it was closed; an
     * actual dated in it was recorded, changed or deleted since, so the
     * figures it kept no longer match the data */
    return g_strdup_printf (_("Compared with period %s, closed %s. %s was changed after it was closed: the figures it kept no longer match the data."),
                            name, closed, name);
  /* Translators: under a table of the printed report: the closed period
   * (October 2026, 2026年三季度) and the day it was closed */
  return g_strdup_printf (_("Compared with period %s, closed %s."), name, closed);
}

/* Reads the plan into the report's own tables. */
static gboolean
collect (PbReport *self,
         PbStore  *store,
         gint64    plan_id,
         GError  **error)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GPtrArray) outline = NULL;
  g_autoptr(GHashTable) leads = NULL;
  g_autoptr(GHashTable) responsible = NULL;
  g_autoptr(GHashTable) item_targets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, string_free);
  g_autoptr(GHashTable) serving = pb_store_dup_indicator_items (store, plan_id);
  int first_year, last_year, n_years;

  if (plan == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no plan with the id %s."), id);
      return FALSE;
    }

  self->title = g_strdup (pb_plan_get_title (plan));
  self->doc_number = g_strdup (pb_record_get_string (PB_RECORD (plan), "doc_number"));
  self->issuer = g_strdup (pb_record_get_string (PB_RECORD (plan), "issuer"));
  {
    /* The issue date as the reader writes dates (2025年3月18日), like the
     * date printed; a date that does not parse stays as stored. */
    const char *issued = pb_record_get_string (PB_RECORD (plan), "issue_date");

    self->issue_date = issued ? date_text (issued) : NULL;
  }
  self->period_start = pb_plan_get_period_start (plan);
  self->period_end = pb_plan_get_period_end (plan);
  pb_store_get_plan_years (store, plan_id, &first_year, &last_year);

  leads = pb_store_dup_org_names (store, plan_id, PB_ROLE_LEAD);
  responsible = pb_store_dup_org_names (store, plan_id, PB_ROLE_RESPONSIBLE);

  /* Indicators: their table, and each item's targets for the tasks table. */
  indicators = pb_store_list_indicators (store, plan_id);
  n_years = first_year > 0 ? last_year - first_year + 1 : 0;
  if (n_years > 6)
    n_years = 0;   /* too many for a column each: one column of lines */

  {
    g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
    double w;

#define COL(title, width) \
    G_STMT_START { g_ptr_array_add (headers, g_strdup (title)); w = (width); g_array_append_val (widths, w); } G_STMT_END
    /* Relative widths that keep the example
     * plan's table on one A4 landscape page in English, zh_CN and zh_TW:
     * no header, name, "stretch ≥25,000", "Seriously behind" nor one-line
     * reason ("No actual reported for 2025") wraps. */
    COL (_("Indicator"), 11.0);
    COL (_("Unit"), 4.4);
    /* The figures the completion is worked out from, as the window's
     * table has them (rev21 finding 8b): from the baseline, the latest
     * actual against the value expected on its date. */
    COL (_("Baseline"), 4.3);
    if (n_years)
      for (int y = first_year; y <= last_year; y++)
        {
          char year[8];

          g_snprintf (year, sizeof year, "%d", y);
          COL (year, 7.1);
        }
    else
      COL (_("Targets"), 22.0);  /* three years' worth */
    COL (_("Latest Actual"), 6.1);
    /* (One line of header: the value expected on the latest actual's
     * date, the date printed beneath that actual; the footnote says so.) */
    COL (_("Expected"), 4.4);
    COL (_("Completion"), 5.1);
    COL (_("Health"), 8.1);
    /* Why, beside the light, as the tasks table has it: a 107% marked
     * behind says "No report since 2025-12-31" on the page, not only in
     * the window's tooltip (rev21 finding 9). */
    COL (_("Why"), 11.3);
#undef COL
    self->indicators = table_new (_("Indicators"), (const char * const *) headers->pdata,
                                  (double *) (void *) widths->data, headers->len, headers->len - 2);
    /* What Completion divides (rev21 finding 8b): not the latest actual
     * by a figure printed beside it. */
    self->indicators->footnote = pb_indicator_completion_definition ();
  }

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      gint64 indicator_id = pb_record_get_id (PB_RECORD (k));
      GArray *served = g_hash_table_lookup (serving, &indicator_id);
      g_autoptr(GListModel) targets = pb_store_list_targets (store, indicator_id);
      g_autoptr(GPtrArray) sorted = list_to_array (targets);   /* by year, firm before stretch */
      const PbIndicatorStatus *st = pb_store_get_indicator_status (store, k, &self->o.today);
      const char *unit = pb_indicator_get_measure_unit (k);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) all = g_string_new (NULL);
      GString *for_item;
      Row *row;

      g_ptr_array_sort (sorted, compare_targets);
      g_ptr_array_add (cells, g_strdup (pb_indicator_get_name (k)));
      g_ptr_array_add (cells, g_strdup (unit));
      {
        double baseline = pb_record_get_double (PB_RECORD (k), "baseline_value");

        g_ptr_array_add (cells, isnan (baseline) ? g_strdup ("—") : pb_format_number_compact (baseline, NULL, st->decimals));
      }
      for (int y = first_year; n_years && y <= last_year; y++)
        {
          g_autoptr(GString) cell = g_string_new (NULL);

          for (guint j = 0; j < sorted->len; j++)
            {
              PbTarget *t = g_ptr_array_index (sorted, j);
              g_autofree char *amount = NULL;

              if (pb_target_get_year (t) != y)
                continue;
              g_autofree char *line = NULL;

              amount = pb_format_amount (pb_target_get_value (t), "");
              if (pb_record_get_boolean (PB_RECORD (t), "stretch"))
                /* Translators: a stretch target (力争), as "stretch ≥3000" */
                line = g_strdup_printf (_("stretch %s%s"),
                                        pb_format_comparator (pb_record_get_enum (PB_RECORD (t), "comparator")), amount);
              else
                line = g_strdup_printf ("%s%s", pb_format_comparator (pb_record_get_enum (PB_RECORD (t), "comparator")), amount);
              /* The same target stated twice (by a goal and by its task) is one. */
              if (!has_line (cell->str, line))
                g_string_append_printf (cell, "%s%s", cell->len ? "\n" : "", line);
            }
          g_ptr_array_add (cells, g_string_free (g_steal_pointer (&cell), FALSE));
        }

      /* Every target, for the tasks table (and the indicator table when
       * the years do not fit a column each), by year, a year's firm
       * target before its stretch (力争) one. */
      for (guint j = 0; j < sorted->len; j++)
        {
          PbTarget *t = g_ptr_array_index (sorted, j);
          g_autofree char *amount = pb_format_amount (pb_target_get_value (t), unit);
          gboolean stretch = pb_record_get_boolean (PB_RECORD (t), "stretch");
          /* TRANSLATORS: a target in the tasks table: year, comparator
           * and amount, as "2027: ≥1.2万个" */
          g_autofree char *line = g_strdup_printf (stretch ? _("%d: stretch %s%s") : C_("target in a list", "%d: %s%s"),
                                                   pb_target_get_year (t),
                                                   pb_format_comparator (pb_record_get_enum (PB_RECORD (t), "comparator")),
                                                   amount);

          if (!has_line (all->str, line))
            g_string_append_printf (all, "%s%s", all->len ? "\n" : "", line);
        }
      if (!n_years)
        g_ptr_array_add (cells, g_strdup (all->str));

      if (st->has_actual)
        {
          /* To the indicator's precision, as the indicator table writes
           * it (2.8 bn元, 28亿元), dated as the reader writes dates
           * (2026年9月30日 in Chinese). */
          g_autofree char *latest = pb_format_number_compact (st->latest, unit, st->decimals);
          g_autofree char *when = date_text (st->latest_date);

          g_ptr_array_add (cells, g_strdup_printf ("%s\n%s", latest, when));
        }
      else
        g_ptr_array_add (cells, g_strdup ("—"));
      /* Computed, not reported: as a briefing writes it (2.1万), as the
       * window's column does. */
      g_ptr_array_add (cells, st->has_actual && !isnan (st->against)
                              ? pb_format_estimate (st->against, NULL, st->decimals) : g_strdup ("—"));
      g_ptr_array_add (cells, pb_format_percent (st->completion));
      g_ptr_array_add (cells, health_text (st->health));
      /* The reason of every light but blue that the completion beside
       * it does not give already (whose sentence, "88% of the … expected
       * by …", the footnote explains): no report since, a year missed,
       * none reported, nothing to judge by. */
      g_ptr_array_add (cells, g_strdup (st->health != PB_HEALTH_BLUE && !st->reason_is_completion && st->reason
                                        ? st->reason : ""));
      g_ptr_array_add (cells, NULL);

      row = g_new0 (Row, 1);
      row->cells = (char **) g_ptr_array_steal (cells, NULL);
      row->health = st->health;
      g_ptr_array_add (self->indicators->rows, row);

      /* Each item that serves the indicator lists its targets. */
      for (guint si = 0; served && all->len && si < served->len; si++)
        {
          gint64 item_id = g_array_index (served, gint64, si);

          for_item = g_hash_table_lookup (item_targets, &item_id);
          if (for_item == NULL)
            {
              for_item = g_string_new (NULL);
              g_hash_table_insert (item_targets, g_memdup2 (&item_id, sizeof item_id), for_item);
            }
          /* Grouped by indicator: its name, then its targets by year,
           * set in beneath it. */
          {
            g_auto(GStrv) lines = g_strsplit (all->str, "\n", -1);

            g_string_append_printf (for_item, "%s%s", for_item->len ? "\n" : "", pb_indicator_get_name (k));
            for (guint l = 0; lines[l]; l++)
              g_string_append_printf (for_item, "\n" TARGET_INDENT "%s", lines[l]);
          }
        }
    }

  /* The responsibility table, by section. */
  {
    /* "Why": the reason that decided a yellow or red item's health, or
     * any health set by hand, as the board and the ledger give it
     * (DESIGN §5). */
    const char *headers[] = { _("No."), _("Task"), C_("organisation role", "Lead"), C_("organisation role", "Responsible"),
                              C_("item time span", "Period"), _("Targets"), _("Health"), _("Why") };
    /* (The light's cell holds "（人工设定）" on a line of its own.) */
    const double widths[] = { 0.7, 4.3, 1.8, 2.2, 1.7, 2.4, 1.6, 2.8 };

    self->tasks = table_new (_("Key Tasks and Responsibilities"), headers, widths, G_N_ELEMENTS (headers), 6);
  }
  items = pb_store_list_items (store, plan_id);
  self->n_items = g_list_model_get_n_items (items);
  self->behind = g_ptr_array_new_with_free_func (row_free);
  /* The plan's structure, as the document has it: every heading, in
   * document order, with its items; a section that holds neither items
   * nor sub-sections says so, so that the table mirrors the plan. */
  outline = pb_outline_new_from_store_full (store, plan_id, TRUE);
  for (guint r = 0; r < outline->len; r++)
    {
      PbOutlineRun *run = g_ptr_array_index (outline, r);
      PbOutlineRun *next = r + 1 < outline->len ? g_ptr_array_index (outline, r + 1) : NULL;
      g_autofree char *heading = run->section ? pb_outline_run_dup_title (run) : g_strdup (_("Other items"));

      g_ptr_array_add (self->tasks->rows, row_new (ROW_SECTION, PB_HEALTH_NONE, heading, END));
      if (run->items->len == 0 && (next == NULL || next->depth <= run->depth))
        /* Translators: the tasks table's row under a section that has
         * none, so that the report shows every section of the plan */
        g_ptr_array_add (self->tasks->rows, row_new (ROW_PLAIN, PB_HEALTH_NONE, "", _("No tasks in this section"),
                                                     "", "", "", "", "", "", END));

      for (guint i = 0; i < run->items->len; i++)
        {
          PbItem *item = g_ptr_array_index (run->items, i);
          gint64 id = pb_record_get_id (PB_RECORD (item));
          const char *reason = NULL;
          PbHealth health = pb_store_get_item_health (store, item, &self->o.today, &reason);
          const char *lead = g_hash_table_lookup (leads, &id);
          const char *resp = g_hash_table_lookup (responsible, &id);
          GString *targets = g_hash_table_lookup (item_targets, &id);
          g_autofree char *period = period_text (pb_record_get_string (PB_RECORD (item), "start_date"),
                                                 pb_record_get_string (PB_RECORD (item), "due_date"));
          gboolean by_hand = health != PB_HEALTH_NONE && pb_item_health_is_set_by_hand (item);
          /* A light set by hand says so in the light's own cell, and the
           * reason (which begins "Set by hand on …") stands beside it
           * whatever its colour (rev21 finding 21). */
          g_autofree char *health_cell = by_hand ? health_text_by_hand (health) : health_text (health);

          self->status_counts[CLAMP (pb_item_get_status (item), 0, 4)]++;
          self->health_counts[health]++;
          g_ptr_array_add (self->tasks->rows,
                           row_new (ROW_PLAIN, health, pb_item_get_number (item), pb_item_get_title (item),
                                    lead ? lead : "", resp ? resp : "", period,
                                    targets ? targets->str : "", health_cell,
                                    (by_hand || health == PB_HEALTH_YELLOW || health == PB_HEALTH_RED) && reason
                                        ? reason : "", END));
          if (health == PB_HEALTH_RED)
            g_ptr_array_add (self->behind, row_new (ROW_PLAIN, health, pb_item_get_number (item), pb_item_get_title (item),
                                                    lead ? lead : "", reason ? reason : "", END));
        }
    }

  /* Organisations. */
  self->ranking = pb_store_compute_organisation_stats (store, plan_id, &self->o.today);
  {
    const char *headers[] = { _("Rank"), _("Organisation"), _("Leads"), _("Co-owns"), _("On Track"), _("Behind"),
                              _("Seriously Behind"), _("Completion"),
                              /* Translators: a column of the printed ranking: ↑2, ↓1 or = since the last closed period */
                              _("Change of Rank") };
    const double widths[] = { 0.7, 4.0, 0.9, 0.9, 1.1, 1.1, 1.3, 1.2, 1.2 };

    self->organisations = table_new (_("Organisations"), headers, widths, G_N_ELEMENTS (headers), -1);
    /* A mean of items' completion, each capped at 100 % (rev21 findings 4b, 4c). */
    self->organisations->footnote = pb_organisation_completion_definition ();
  }
  /* The change of rank is measured from the last closed period: the
   * table names it, and says when its data changed after it was closed
   * (its kept figures, which the ranks compare with, no longer match),
   * as the window says beside its comparison. */
  {
    g_autoptr(PbPeriod) last = pb_store_get_last_period (store, plan_id);

    if (last)
      self->organisations->note = closed_period_note (store, last, TRUE);
  }
  for (guint i = 0; i < self->ranking->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (self->ranking, i);
      g_autofree char *rank = s->rank > 0 ? g_strdup_printf ("%u", s->rank) : g_strdup ("—");
      g_autofree char *led = g_strdup_printf ("%u", s->led);
      g_autofree char *co = g_strdup_printf ("%u", s->coowned);
      g_autofree char *b = g_strdup_printf ("● %u", s->health[PB_HEALTH_BLUE]);
      g_autofree char *y = g_strdup_printf ("▲ %u", s->health[PB_HEALTH_YELLOW]);
      g_autofree char *r = g_strdup_printf ("■ %u", s->health[PB_HEALTH_RED]);
      g_autofree char *c = pb_format_percent (s->completion);
      /* The window's own comparison (pb-supervision.c); "—" when no
       * period is closed or there was no rank then. */
      g_autofree char *change = pb_org_stats_format_rank_change (s);

      g_ptr_array_add (self->organisations->rows, row_new (ROW_PLAIN, PB_HEALTH_NONE, rank, s->name, led, co, b, y, r, c,
                                                           change ? change : "—", END));
    }

  /* Reporting status (组织报送情况): every round of forms, the newest
   * first, each under a heading with its counts (as the window's Round
   * drop-down lists them): the quarter's outstanding forms stay in sight
   * after November's went out. One round alone is named in the title. */
  if (self->o.parts & PB_REPORT_REPORTING)
    {
      g_autoptr(GPtrArray) rounds = pb_store_list_form_rounds (store, plan_id, &self->o.today);
      g_autoptr(GListModel) periods = pb_store_list_periods (store, plan_id);
      g_autoptr(GString) notes = g_string_new (NULL);
      g_autofree char *title = NULL;
      /* "Sent" and "Returned" head the date columns here and name a
       * form's state below: two senses, two contexts. */
      const char *headers[] = { _("Organisation"), _("Progress Form"), C_("form date", "Sent"), _("Return By"),
                                C_("form date", "Returned") };
      const double widths[] = { 4.0, 1.6, 1.6, 1.6, 1.6 };
      const char *states[] = { _("Not sent"), C_("form state", "Sent"), C_("form state", "Returned"), _("Late") };
      guint n_rounds;

      if (rounds == NULL)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                       _("The progress forms of the plan could not be read."));
          return FALSE;
        }
      n_rounds = rounds->len;
      if (n_rounds == 1)
        {
          g_autofree char *shown = pb_format_period_label (((PbFormRound *) g_ptr_array_index (rounds, 0))->period);

          title = g_strdup_printf (_("Reporting Status, %s"), shown);
        }
      else
        title = g_strdup (_("Reporting status"));
      self->reporting = table_new (title, headers, widths, G_N_ELEMENTS (headers), -1);
      /* Which round the rows at the top of a page are from. */
      self->reporting->name_section = TRUE;

      /* None sent yet: who would get one, all "Not sent". */
      for (guint r = 0; r < MAX (n_rounds, 1); r++)
        {
          PbFormRound *round = n_rounds ? g_ptr_array_index (rounds, r) : NULL;
          const char *period = round ? round->period : NULL;
          g_autoptr(GPtrArray) rows = pb_store_list_form_status (store, plan_id, period, &self->o.today);

          if (round != NULL && n_rounds > 1)
            {
              g_autofree char *shown = pb_format_period_label (period);
              g_autofree char *heading = NULL;

              if (round->n_late > 0)
                /* Translators: a round of progress forms in the Reporting Status
                 * drop-down: the period, how many came back of how many sent, how
                 * many are late */
                heading = g_strdup_printf (_("%s · %u of %u returned · %u late"), shown, round->n_returned,
                                           round->n_sent, round->n_late);
              else
                /* Translators: a round of progress forms in the Reporting Status
                 * drop-down: the period, how many came back of how many sent */
                heading = g_strdup_printf (_("%s · %u of %u returned"), shown, round->n_returned, round->n_sent);
              g_ptr_array_add (self->reporting->rows, row_new (ROW_SECTION, PB_HEALTH_NONE, heading, END));
            }
          /* The round's period, when it is closed and changed since. */
          for (guint i = 0; period && i < g_list_model_get_n_items (periods); i++)
            {
              g_autoptr(PbPeriod) p = g_list_model_get_item (periods, i);

              if (g_strcmp0 (pb_record_get_string (PB_RECORD (p), "label"), period) == 0 &&
                  pb_store_period_changed_since_closing (store, pb_record_get_id (PB_RECORD (p))))
                {
                  g_autofree char *note = closed_period_note (store, p, FALSE);

                  g_string_append_printf (notes, "%s%s", notes->len ? " " : "", note);
                }
            }
          for (guint i = 0; i < rows->len; i++)
            {
              PbFormStatus *s = g_ptr_array_index (rows, i);
              g_autofree char *sent = NULL, *due = NULL, *back = NULL;
              GDate d;

              if (s->sent_date && pb_date_parse (s->sent_date, &d))
                sent = pb_format_date (&d);
              if (s->due_date && pb_date_parse (s->due_date, &d))
                due = pb_format_date (&d);
              if (s->returned_date && pb_date_parse (s->returned_date, &d))
                back = pb_format_date (&d);
              g_ptr_array_add (self->reporting->rows,
                               row_new (ROW_PLAIN, s->state == PB_FORM_STATE_LATE ? PB_HEALTH_RED : PB_HEALTH_NONE,
                                        s->organisation, states[s->state], sent ? sent : "—", due ? due : "—",
                                        back ? back : "—", END));
            }
        }
      if (notes->len)
        self->reporting->note = g_string_free (g_steal_pointer (&notes), FALSE);
    }

  /* The chart, at the report's zoom. */
  if (self->o.parts & PB_REPORT_TIMELINE)
    {
      /* Every heading of the plan, those over sub-sections only too. */
      self->timeline = pb_timeline_new_from_store_full (store, plan_id, g_date_get_julian (&self->o.today), NULL, TRUE,
                                                        error);
      if (self->timeline == NULL)
        return FALSE;
      pb_timeline_set_zoom (self->timeline, self->o.zoom);
      pb_timeline_set_label_width (self->timeline, TIMELINE_LABELS);
      pb_timeline_set_formal (self->timeline, TRUE);
      pb_timeline_layout (self->timeline);
    }

  return TRUE;
}

/**
 * pb_report_new:
 * @store: the library
 * @plan_id: the plan to report on
 * @options: what to print and how
 * @error: where to say why not
 *
 * Returns: (transfer full) (nullable): the report, not yet paginated
 */
PbReport *
pb_report_new (PbStore               *store,
               gint64                 plan_id,
               const PbReportOptions *options,
               GError               **error)
{
  PbReport *self = g_new0 (PbReport, 1);

  self->o = *options;
  if (!g_date_valid (&self->o.today))
    pb_date_today (&self->o.today);
  {
    g_autofree char *printed = pb_format_date (&self->o.today);
    g_strlcpy (self->printed, printed, sizeof self->printed);
  }
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  self->language = pb_store_get_plan_language (store, plan_id);

  if (!collect (self, store, plan_id, error))
    {
      pb_report_free (self);
      return NULL;
    }
  return self;
}

void
pb_report_free (PbReport *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->doc_number);
  g_free (self->issuer);
  g_free (self->issue_date);
  g_clear_pointer (&self->behind, g_ptr_array_unref);
  table_free (self->tasks);
  table_free (self->indicators);
  table_free (self->organisations);
  if (self->reporting)
    table_free (self->reporting);
  g_clear_pointer (&self->ranking, g_ptr_array_unref);
  g_clear_pointer (&self->timeline, pb_timeline_free);
  g_clear_object (&self->context);
  g_array_unref (self->pages);
  g_free (self);
}

/* ---- Text ------------------------------------------------------------------------ */

static PangoContext *
get_context (PbReport *self)
{
  if (self->context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      /* Points, and metrics that do not depend on the device. */
      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_resolution (self->context, 72);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (self->context, options);
      cairo_font_options_destroy (options);
      /* The plan's own script's forms, whatever the reader's locale. */
      pango_context_set_language (self->context, pango_language_from_string (self->language));
    }
  return self->context;
}

/* A date or an amount is one word: 2025年1月1日, 2025-01-01, ≥2.5万 and
 * ≥2.8 bn never break inside (the text around them, a Chinese title,
 * still wraps anywhere). */
static GRegex *
date_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    /* A number, in 万 or 亿 or in billions after a no-break space (the one
     * formatter's "2.8 bn"), */
    g_once_init_leave (&regex, g_regex_new ("\\d{4}年\\d{1,2}月(\\d{1,2}日)?|\\d{4}-\\d{2}-\\d{2}"
                                            "|[≥≤~]?\\d[\\d,.]*([万亿]|\\x{a0}[A-Za-z]+)?%?"
                                            /* with the measure unit that ends a target's line:
                                             * "≥2.5万个", "2,000PFlops", "2.8 bn元", never
                                             * "≥2.5万 / 个" */
                                            "([^\\s\\d\\p{P}\\p{S}]{1,6}(?=\\s|$))?",
                                            G_REGEX_OPTIMIZE | G_REGEX_MULTILINE, 0, NULL));
  return regex;
}

/* A word of Latin letters or digits ("behind", "2,000PFlops"), which word
 * wrapping breaks only when its column is narrower than it. */
static GRegex *
word_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("[A-Za-z0-9][A-Za-z0-9.,%'’]*", G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static void
keep_dates_whole (PangoLayout *layout,
                  const char  *text)
{
  g_autoptr(GMatchInfo) match = NULL;
  PangoAttrList *attrs = NULL;

  if (text == NULL || !g_regex_match (date_regex (), text, 0, &match))
    return;
  attrs = pango_attr_list_new ();
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);
      int start, end;

      g_match_info_fetch_pos (match, 0, &start, &end);
      attr->start_index = start;
      attr->end_index = end;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static PangoLayout *
make_layout (PbReport   *self,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (get_context (self));
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pb_render_set_font_script (desc, self->language);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text ? text : "", -1);
  keep_dates_whole (layout, text);
  return layout;
}

/* The width of the widest date or Latin word in @text, or 0. */
static double
widest_word (PbReport   *self,
             const char *font,
             const char *text)
{
  GRegex *regexes[] = { date_regex (), word_regex () };
  double widest = 0;

  for (guint i = 0; text && i < G_N_ELEMENTS (regexes); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_regex_match (regexes[i], text, 0, &match))
        continue;
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *word = g_match_info_fetch (match, 0);
          g_autoptr(PangoLayout) layout = make_layout (self, font, word, -1);
          int w, h;

          pango_layout_get_size (layout, &w, &h);
          widest = MAX (widest, (double) w / PANGO_SCALE);
        }
    }
  return widest;
}

static double
text_height (PbReport   *self,
             const char *font,
             const char *text,
             double      width)
{
  g_autoptr(PangoLayout) layout = make_layout (self, font, text, width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
show (PbReport   *self,
      cairo_t    *cr,
      const char *font,
      const char *text,
      double      x,
      double      y,
      double      width,
      PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = make_layout (self, font, text, width);
  int w, h;

  if (width > 0)
    pango_layout_set_alignment (layout, align);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* ---- Pagination --------------------------------------------------------------------- */

static void
content_box (PbReport *self,
             double    page_w,
             double    page_h,
             double   *x,
             double   *y,
             double   *w,
             double   *h)
{
  *x = self->o.margin;
  *y = self->o.margin + BAND;
  *w = page_w - 2 * self->o.margin;
  *h = page_h - 2 * self->o.margin - 2 * BAND;
}

/* Widens each column to its widest date or Latin word, taking the room
 * from the columns that wrap (a task's title), so that no date or word
 * ("2025-01-01", "behind") is broken inside nor runs into the next column. */
static void
fit_dates (PbReport *self,
           Table    *t,
           double    width)
{
  g_autofree double *need = g_new0 (double, t->n_cols);
  g_autofree gboolean *fixed = g_new0 (gboolean, t->n_cols);

  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = g_ptr_array_index (t->rows, r);

      if (row->style == ROW_SECTION)
        continue;
      for (guint c = 0; c < t->n_cols && row->cells[c]; c++)
        need[c] = MAX (need[c], widest_word (self, BODY_FONT, row->cells[c]));
    }
  for (guint c = 0; c < t->n_cols; c++)
    need[c] = MAX (need[c], widest_word (self, "Sans Bold 8.5", t->headers[c]));
  for (guint c = 0; c < t->n_cols; c++)
    if (need[c] > 0)
      need[c] = (need[c] + 2 * PAD + 1) / width;

  /* Each pass fixes the columns too narrow and shares the room they take
   * among the others; a column made too narrow by that is fixed next. */
  for (guint pass = 0; pass < t->n_cols; pass++)
    {
      double extra = 0, free = 0;

      for (guint c = 0; c < t->n_cols; c++)
        if (!fixed[c] && t->widths[c] < need[c])
          {
            extra += need[c] - t->widths[c];
            t->widths[c] = need[c];
            fixed[c] = TRUE;
          }
      if (extra <= 0)
        break;
      for (guint c = 0; c < t->n_cols; c++)
        if (!fixed[c])
          free += t->widths[c];
      if (free <= extra)
        break;   /* no room to take: the dates keep theirs */
      for (guint c = 0; c < t->n_cols; c++)
        if (!fixed[c])
          t->widths[c] -= extra * t->widths[c] / free;
    }
  /* Still the whole text width, whatever could not be given. */
  {
    double sum = 0;

    for (guint c = 0; c < t->n_cols; c++)
      sum += t->widths[c];
    for (guint c = 0; c < t->n_cols; c++)
      t->widths[c] /= sum;
  }
}

static void
measure_table (PbReport *self,
               Table    *t,
               double    width)
{
  fit_dates (self, t, width);
  g_free (t->heights);
  t->heights = g_new0 (double, t->rows->len);

  t->header_height = 0;
  for (guint c = 0; c < t->n_cols; c++)
    t->header_height = MAX (t->header_height,
                            text_height (self, "Sans Bold 8.5", t->headers[c], t->widths[c] * width - 2 * PAD) + 2 * PAD);

  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = g_ptr_array_index (t->rows, r);
      double h = 0;

      if (row->style == ROW_SECTION)
        h = text_height (self, "Sans Bold 8.5", row->cells[0], width - 2 * PAD);
      else
        for (guint c = 0; c < t->n_cols && row->cells[c]; c++)
          h = MAX (h, text_height (self, BODY_FONT, row->cells[c], t->widths[c] * width - 2 * PAD));
      t->heights[r] = h + 2 * PAD;
    }
}

static void
add_page (PbReport *self,
          Page     *page)
{
  g_array_append_val (self->pages, *page);
}

/* Whether rows from @from to the table's end fit in @room. */
static gboolean
fits_rest (PbReport *self,
           Table    *t,
           guint     from,
           double    room)
{
  double need = 0;

  for (guint i = from; i < t->rows->len; i++)
    need += t->heights[i];
  return need <= room;
}

/* What a page of @t that goes on from an earlier one says above its
 * header: the table's title, continued, and with name_section the
 * heading row its first row is under (a round of forms) when that
 * heading is on an earlier page. */
static char *
continued_caption (Table *t,
                   guint  first)
{
  const char *section = NULL;

  if (t->name_section && first < t->rows->len &&
      ((Row *) g_ptr_array_index (t->rows, first))->style != ROW_SECTION)
    for (guint i = first; i-- > 0;)
      if (((Row *) g_ptr_array_index (t->rows, i))->style == ROW_SECTION)
        {
          section = ((Row *) g_ptr_array_index (t->rows, i))->cells[0];
          break;
        }
  if (section)
    /* Translators: a table continued on another page, then the heading
     * its first rows are under ("2026 Q3 · 2 of 13 returned") */
    return g_strdup_printf (_("%s (continued): %s"), t->title, section);
  /* Translators: a table continued on another page */
  return g_strdup_printf (_("%s (continued)"), t->title);
}

static void
paginate_table (PbReport *self,
                Table    *t,
                double    page_w,
                double    page_h)
{
  double x, y, w, h;
  double title_h, cont_h, foot_h = 0;
  guint r = 0;
  gboolean first = TRUE;

  content_box (self, page_w, page_h, &x, &y, &w, &h);
  measure_table (self, t, w);
  if (t->footnote)
    foot_h = FOOTNOTE_GAP + text_height (self, SMALL_FONT, t->footnote, w);
  title_h = text_height (self, HEADING_FONT, t->title, w) + 8;
  if (t->note)
    title_h += text_height (self, SMALL_FONT, t->note, w) + 6;
  cont_h = text_height (self, SMALL_FONT, t->title, w) + 4;
  /* The tallest caption a continued page may have. */
  for (guint i = 0; t->name_section && i < t->rows->len; i++)
    {
      g_autofree char *caption = continued_caption (t, i);

      cont_h = MAX (cont_h, text_height (self, SMALL_FONT, caption, w) + 4);
    }

  do
    {
      Page page = { PAGE_TABLE, page_w, page_h, t, r, r, first };
      double used = (first ? title_h : cont_h) + t->header_height;

      /* Whole rows only; a row taller than a page gets a page of its own. */
      while (r < t->rows->len && (used + t->heights[r] <= h || page.last == page.first))
        {
          used += t->heights[r];
          r++;
          page.last = r;
        }
      /* The footnote under the table's last row: rows go over to a page
       * of their own with it rather than leave it no room. */
      while (foot_h > 0 && r == t->rows->len && page.last > page.first + 1 && used + foot_h > h)
        {
          r--;
          page.last--;
          used -= t->heights[r];
        }
      /* No row alone on the table's last page: rows go over from this
       * page until the last holds two (this one keeping two of its own). */
      {
        guint left = 0, here = 0;

        for (guint i = r; i < t->rows->len; i++)
          left += ((Row *) g_ptr_array_index (t->rows, i))->style != ROW_SECTION;
        for (guint i = page.first; i < page.last; i++)
          here += ((Row *) g_ptr_array_index (t->rows, i))->style != ROW_SECTION;
        while (left > 0 && left < 2 && here > 2 && fits_rest (self, t, page.last - 1, h - cont_h - t->header_height - foot_h))
          {
            page.last--;
            r--;
            if (((Row *) g_ptr_array_index (t->rows, r))->style != ROW_SECTION)
              {
                left++;
                here--;
              }
          }
      }
      /* No section heading alone at the foot of a page: it goes over with
       * the rows it heads (unless it is all the page holds). */
      while (r < t->rows->len && page.last > page.first + 1 &&
             ((Row *) g_ptr_array_index (t->rows, page.last - 1))->style == ROW_SECTION)
        {
          page.last--;
          r--;
        }
      add_page (self, &page);
      first = FALSE;
    }
  while (r < t->rows->len);
}

/* The next row boundary at or before @limit, past @from. */
static double
row_break (PbTimeline *tl,
           double      from,
           double      limit)
{
  double total = pb_timeline_get_height (tl);
  guint row;
  double top;

  if (limit >= total)
    return total;
  row = pb_timeline_row_at_y (tl, limit);
  top = pb_timeline_get_row_y (tl, row);
  return top > from ? top : limit;
}

/* Where pages of @rows_per_page chart pixels break the chart: at whole
 * timeline rows, from 0 to its height. */
static GArray *
page_breaks (PbTimeline *tl,
             double      rows_per_page)
{
  double chart_h = MAX (1, pb_timeline_get_height (tl));
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_val (breaks, (double) { 0 });
  for (double from = 0; from < chart_h;)
    {
      double next = row_break (tl, from, from + rows_per_page);

      if (next <= from)
        next = from + rows_per_page;
      g_array_append_val (breaks, next);
      from = next;
    }
  return breaks;
}

/* How many sheets a wall chart needs at the tiles' scale on pages of
 * @page_w × @page_h: columns of tiles times rows of whole timeline rows. */
static guint
count_tiles (PbReport *self,
             double    page_w,
             double    page_h)
{
  PbTimeline *tl = self->timeline;
  double x, y, w, h, tile_w, rows_per_page;
  g_autoptr(GArray) breaks = NULL;

  content_box (self, page_w, page_h, &x, &y, &w, &h);
  tile_w = w / TIMELINE_TILE_SCALE - pb_timeline_get_label_width (tl);
  rows_per_page = h / TIMELINE_TILE_SCALE - PB_TIMELINE_HEADER_HEIGHT;
  if (tile_w <= 0 || rows_per_page <= 0)
    return G_MAXUINT;
  breaks = page_breaks (tl, rows_per_page);
  return MAX (1, (guint) ceil (pb_timeline_get_width (tl) / tile_w - 1e-9)) * (breaks->len - 1);
}

static void
paginate_timeline (PbReport *self,
                   double    page_w,
                   double    page_h)
{
  PbTimeline *tl = self->timeline;
  double label = pb_timeline_get_label_width (tl);
  double chart_w = pb_timeline_get_width (tl);
  double chart_h = MAX (1, pb_timeline_get_height (tl));
  double x, y, w, h, scale;
  double rows_per_page, tile_w;
  g_autoptr(GArray) breaks = NULL;
  guint n_cols = 1;

  if (self->o.timeline_mode == PB_REPORT_TIMELINE_SHEET)
    {
      PbPaper sheet = self->o.paper == PB_PAPER_A0 ? PB_PAPER_A0 : PB_PAPER_A1;
      Page page = { PAGE_TIMELINE };

      pb_paper_get_size (sheet, TRUE, &page_w, &page_h);
      content_box (self, page_w, page_h, &x, &y, &w, &h);
      scale = MIN (w / (label + chart_w + pb_timeline_get_end_room (tl)), h / (PB_TIMELINE_HEADER_HEIGHT + chart_h));
      page.width = page_w;
      page.height = page_h;
      page.scale = scale;
      page.view_w = w / scale;
      page.view_h = PB_TIMELINE_HEADER_HEIGHT + chart_h;
      page.n_tile_cols = page.n_tile_rows = 1;
      add_page (self, &page);
      return;
    }

  /* A wall chart's tiles are taped together, so which way up each sheet
   * lies matters less than how many there are: the other orientation is
   * taken when it needs fewer sheets (a chart a few rows taller than a
   * landscape sheet otherwise leaves a row of nearly empty sheets). */
  if (self->o.timeline_mode == PB_REPORT_TIMELINE_TILE &&
      count_tiles (self, page_h, page_w) < count_tiles (self, page_w, page_h))
    {
      double swap = page_w;

      page_w = page_h;
      page_h = swap;
    }

  content_box (self, page_w, page_h, &x, &y, &w, &h);
  if (self->o.timeline_mode == PB_REPORT_TIMELINE_FIT)
    {
      /* The widest zoom, from the one asked for down to years, that fits
       * the page at a readable size; only then scale it down. */
      for (int zoom = self->o.zoom; zoom >= PB_TIMELINE_ZOOM_YEAR; zoom--)
        {
          pb_timeline_set_zoom (tl, zoom);
          if ((label + pb_timeline_get_width (tl) + pb_timeline_get_end_room (tl)) * TIMELINE_TILE_SCALE <= w)
            break;
        }
      chart_w = pb_timeline_get_width (tl);
      scale = MIN (1.0, w / (label + chart_w + pb_timeline_get_end_room (tl)));

      /* A chart a little taller than the page is shrunk onto one page
       * rather than leave a few rows alone on a second. */
      {
        double whole = h / (PB_TIMELINE_HEADER_HEIGHT + chart_h);
        if (whole < scale && whole >= 0.6 * scale)
          scale = whole;
      }
    }
  else
    scale = TIMELINE_TILE_SCALE;

  /* Columns of tiles: the label column on each. */
  tile_w = w / scale - label;
  if (self->o.timeline_mode == PB_REPORT_TIMELINE_TILE && tile_w > 0)
    n_cols = MAX (1, (guint) ceil (chart_w / tile_w - 1e-9));

  /* Rows of tiles: whole timeline rows, the scale on each. */
  rows_per_page = h / scale - PB_TIMELINE_HEADER_HEIGHT;
  breaks = page_breaks (tl, rows_per_page);

  for (guint r = 0; r + 1 < breaks->len; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        Page page = { PAGE_TIMELINE, page_w, page_h };

        page.scale = scale;
        page.scroll_x = c * tile_w;
        page.scroll_y = g_array_index (breaks, double, r);
        page.view_w = w / scale;
        page.view_h = PB_TIMELINE_HEADER_HEIGHT + g_array_index (breaks, double, r + 1) - page.scroll_y;
        page.tile_col = c;
        page.tile_row = r;
        page.n_tile_cols = n_cols;
        page.n_tile_rows = breaks->len - 1;
        add_page (self, &page);
      }
}

/**
 * pb_report_paginate:
 * @report: a report
 *
 * Lays out the pages. Safe in a worker thread; done once.
 *
 * Returns: the number of pages
 */
guint
pb_report_paginate (PbReport *self)
{
  double page_w, page_h;

  if (self->paginated)
    return self->pages->len;
  self->paginated = TRUE;

  pb_paper_get_size (self->o.paper, self->o.landscape, &page_w, &page_h);

  if (self->o.parts & PB_REPORT_COVER)
    add_page (self, &(Page) { PAGE_COVER, page_w, page_h });
  if (self->o.parts & PB_REPORT_SUMMARY)
    add_page (self, &(Page) { PAGE_SUMMARY, page_w, page_h });
  if ((self->o.parts & PB_REPORT_TIMELINE) && self->timeline)
    paginate_timeline (self, page_w, page_h);
  if (self->o.parts & PB_REPORT_TASKS)
    paginate_table (self, self->tasks, page_w, page_h);
  if (self->o.parts & PB_REPORT_INDICATORS)
    paginate_table (self, self->indicators, page_w, page_h);
  if (self->o.parts & PB_REPORT_ORGANISATIONS)
    {
      add_page (self, &(Page) { PAGE_RANKING, page_w, page_h });
      paginate_table (self, self->organisations, page_w, page_h);
    }
  if ((self->o.parts & PB_REPORT_REPORTING) && self->reporting)
    paginate_table (self, self->reporting, page_w, page_h);

  return self->pages->len;
}

guint
pb_report_get_n_pages (PbReport *self)
{
  return pb_report_paginate (self);
}

void
pb_report_get_page_size (PbReport *self,
                         guint     page,
                         double   *width,
                         double   *height)
{
  Page *p;

  pb_report_paginate (self);
  g_return_if_fail (page < self->pages->len);
  p = &g_array_index (self->pages, Page, page);
  *width = p->width;
  *height = p->height;
}

/* ---- Drawing ------------------------------------------------------------------------- */

static void
set_grey (cairo_t *cr,
          double   g)
{
  cairo_set_source_rgb (cr, g, g, g);
}

static void
draw_frame (PbReport *self,
            cairo_t  *cr,
            Page     *page,
            guint     index)
{
  double m = self->o.margin, w = page->width - 2 * m;
  g_autofree char *number = NULL;
  g_autofree char *printed = g_strdup_printf (_("Printed %s"), self->printed);

  set_grey (cr, 0.25);
  show (self, cr, "Sans Bold 8", self->title, m, m, w * 0.7, PANGO_ALIGN_LEFT);
  if (self->doc_number)
    show (self, cr, SMALL_FONT, self->doc_number, m + w * 0.7, m, w * 0.3, PANGO_ALIGN_RIGHT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, m, m + BAND - 5);
  cairo_line_to (cr, m + w, m + BAND - 5);
  cairo_stroke (cr);

  cairo_move_to (cr, m, page->height - m - BAND + 5);
  cairo_line_to (cr, m + w, page->height - m - BAND + 5);
  cairo_stroke (cr);
  show (self, cr, SMALL_FONT, printed, m, page->height - m - BAND + 8, w / 3, PANGO_ALIGN_LEFT);
  /* Translators: the page number and the number of pages */
  number = g_strdup_printf (_("Page %u of %u"), index + 1, self->pages->len);
  show (self, cr, SMALL_FONT, number, m + 2 * w / 3, page->height - m - BAND + 8, w / 3, PANGO_ALIGN_RIGHT);

  if (page->kind == PAGE_TIMELINE && page->n_tile_cols * page->n_tile_rows > 1)
    {
      g_autofree char *tile = NULL;

      if (self->o.timeline_mode == PB_REPORT_TIMELINE_TILE)
        /* Translators: where a tile goes on the wall chart */
        tile = g_strdup_printf (_("Timeline tile: column %u of %u, row %u of %u"),
                                page->tile_col + 1, page->n_tile_cols, page->tile_row + 1, page->n_tile_rows);
      else
        tile = g_strdup_printf (_("Timeline, part %u of %u"), page->tile_row + 1, page->n_tile_rows);
      show (self, cr, SMALL_FONT, tile, m + w / 3, page->height - m - BAND + 8, w / 3, PANGO_ALIGN_CENTER);
    }
}

static void
draw_cover (PbReport *self,
            cairo_t  *cr,
            Page     *page)
{
  double x, y, w, h;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *printed = g_strdup_printf (_("Printed %s"), self->printed);

  content_box (self, page->width, page->height, &x, &y, &w, &h);
  y += h * 0.25;
  set_grey (cr, 0);
  y += show (self, cr, "Sans Bold 24", self->title, x + w * 0.1, y, w * 0.8, PANGO_ALIGN_CENTER) + 18;

  if (self->doc_number)
    g_string_append_printf (lines, "%s\n", self->doc_number);
  if (self->issuer)
    g_string_append_printf (lines, "%s\n", self->issuer);
  if (self->period_start > 0)
    /* Translators: a plan's period, as "2025—2027" */
    g_string_append_printf (lines, _("Period: %d—%d"), self->period_start, self->period_end), g_string_append_c (lines, '\n');
  if (self->issue_date)
    g_string_append_printf (lines, _("Issued %s"), self->issue_date), g_string_append_c (lines, '\n');
  g_string_append_printf (lines, "%s\n", printed);
  set_grey (cr, 0.3);
  show (self, cr, "Sans 12", lines->str, x + w * 0.1, y, w * 0.8, PANGO_ALIGN_CENTER);
}

static void
draw_counts (PbReport   *self,
             cairo_t    *cr,
             const char *title,
             const char * const *names,
             const guint *counts,
             const PbHealth *healths,
             guint       n,
             double      x,
             double      y,
             double      w)
{
  guint max = 1;
  double bar_x = x + w * 0.35, bar_w = w * 0.5;

  for (guint i = 0; i < n; i++)
    max = MAX (max, counts[i]);

  set_grey (cr, 0);
  y += show (self, cr, "Sans Bold 10", title, x, y, w, PANGO_ALIGN_LEFT) + 6;
  for (guint i = 0; i < n; i++)
    {
      char count[16];

      g_snprintf (count, sizeof count, "%u", counts[i]);
      set_grey (cr, 0);
      show (self, cr, BODY_FONT, names[i], x, y, w * 0.33, PANGO_ALIGN_LEFT);
      if (counts[i] > 0)
        {
          if (healths)
            pb_health_paint_swatch (cr, healths[i], bar_x, y + 1, bar_w * counts[i] / max, 10);
          else
            {
              set_grey (cr, 0.55);
              cairo_rectangle (cr, bar_x, y + 1, bar_w * counts[i] / max, 10);
              cairo_fill (cr);
            }
        }
      set_grey (cr, 0);
      show (self, cr, BODY_FONT, count, bar_x + bar_w * counts[i] / max + 4, y, 40, PANGO_ALIGN_LEFT);
      y += 16;
    }
}

static void
draw_summary (PbReport *self,
              cairo_t  *cr,
              Page     *page)
{
  double x, y, w, h, bottom;
  const char *status_names[5];
  const char *health_names[4];
  const PbHealth healths[4] = { PB_HEALTH_BLUE, PB_HEALTH_YELLOW, PB_HEALTH_RED, PB_HEALTH_NONE };
  guint health_counts[4];
  g_autofree char *line = NULL;

  content_box (self, page->width, page->height, &x, &y, &w, &h);
  bottom = y + h;
  for (guint i = 0; i < 5; i++)
    status_names[i] = pb_status_get_name (i);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = health_text (healths[i]);
      health_names[i] = g_intern_string (text);
      health_counts[i] = self->health_counts[healths[i]];
    }

  set_grey (cr, 0);
  y += show (self, cr, HEADING_FONT, _("Summary"), x, y, w, PANGO_ALIGN_LEFT) + 4;
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", self->n_items), self->n_items);
  set_grey (cr, 0.3);
  y += show (self, cr, BODY_FONT, line, x, y, w, PANGO_ALIGN_LEFT) + 10;

  draw_counts (self, cr, _("By status"), status_names, self->status_counts, NULL, 5, x, y, w / 2 - 12);
  draw_counts (self, cr, _("By health"), health_names, health_counts, healths, 4, x + w / 2, y, w / 2);
  y += 22 + 5 * 16 + 16;

  set_grey (cr, 0);
  y += show (self, cr, "Sans Bold 10", _("Seriously behind"), x, y, w, PANGO_ALIGN_LEFT) + 6;
  if (self->behind->len == 0)
    {
      set_grey (cr, 0.3);
      show (self, cr, BODY_FONT, _("No item is seriously behind."), x, y, w, PANGO_ALIGN_LEFT);
      return;
    }
  for (guint i = 0; i < self->behind->len; i++)
    {
      Row *row = g_ptr_array_index (self->behind, i);
      /* "■ 3 统筹建设绿色数据中心 — 市发展改革委"; with no lead, no dash. */
      g_autofree char *name = *row->cells[0] ? g_strdup_printf ("%s %s", row->cells[0], row->cells[1])
                                             : g_strdup (row->cells[1]);
      g_autofree char *text = row->cells[2] && *row->cells[2]
                              ? g_strdup_printf ("■ %s — %s", name, row->cells[2])
                              : g_strdup_printf ("■ %s", name);
      double th = text_height (self, BODY_FONT, text, w * 0.55) + text_height (self, SMALL_FONT, row->cells[3], w * 0.4);

      if (y + th > bottom)
        {
          g_autofree char *more = g_strdup_printf (_("and %u more, in the tables that follow"), self->behind->len - i);
          set_grey (cr, 0.3);
          show (self, cr, BODY_FONT, more, x, y, w, PANGO_ALIGN_LEFT);
          break;
        }
      {
        PbRgb rgb;
        double h1;

        pb_health_get_rgb (PB_HEALTH_RED, &rgb);
        cairo_set_source_rgb (cr, rgb.red * 0.8, rgb.green * 0.8, rgb.blue * 0.8);
        h1 = show (self, cr, BODY_FONT, text, x, y, w * 0.55, PANGO_ALIGN_LEFT);
        set_grey (cr, 0.3);
        h1 = MAX (h1, show (self, cr, SMALL_FONT, row->cells[3], x + w * 0.58, y, w * 0.42, PANGO_ALIGN_LEFT));
        y += h1 + 4;
      }
    }
}

static void
draw_table (PbReport *self,
            cairo_t  *cr,
            Page     *page)
{
  Table *t = page->table;
  double x, y, w, h;

  content_box (self, page->width, page->height, &x, &y, &w, &h);
  if (page->with_title)
    {
      set_grey (cr, 0);
      y += show (self, cr, HEADING_FONT, t->title, x, y, w, PANGO_ALIGN_LEFT) + 8;
      if (t->note)
        {
          set_grey (cr, 0.25);
          y += show (self, cr, SMALL_FONT, t->note, x, y, w, PANGO_ALIGN_LEFT) + 6;
        }
    }
  else
    {
      g_autofree char *cont = continued_caption (t, page->first);
      set_grey (cr, 0.4);
      y += show (self, cr, SMALL_FONT, cont, x, y, w, PANGO_ALIGN_LEFT) + 4;
    }

  /* The header row, on every page. */
  cairo_set_source_rgb (cr, 0.90, 0.92, 0.95);
  cairo_rectangle (cr, x, y, w, t->header_height);
  cairo_fill (cr);
  {
    double cx = x;
    set_grey (cr, 0);
    for (guint c = 0; c < t->n_cols; c++)
      {
        show (self, cr, "Sans Bold 8.5", t->headers[c], cx + PAD, y + PAD, t->widths[c] * w - 2 * PAD, PANGO_ALIGN_LEFT);
        cx += t->widths[c] * w;
      }
  }
  y += t->header_height;

  cairo_set_line_width (cr, 0.4);
  for (guint r = page->first; r < page->last; r++)
    {
      Row *row = g_ptr_array_index (t->rows, r);
      double rh = t->heights[r], cx = x;

      if (row->style == ROW_SECTION)
        {
          cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
          cairo_rectangle (cr, x, y, w, rh);
          cairo_fill (cr);
          set_grey (cr, 0);
          show (self, cr, "Sans Bold 8.5", row->cells[0], x + PAD, y + PAD, w - 2 * PAD, PANGO_ALIGN_LEFT);
        }
      else
        for (guint c = 0; c < t->n_cols && row->cells[c]; c++)
          {
            if ((int) c == t->health_col && row->health != PB_HEALTH_NONE)
              {
                PbRgb rgb;
                pb_health_get_rgb (row->health, &rgb);
                cairo_set_source_rgb (cr, rgb.red * 0.8, rgb.green * 0.8, rgb.blue * 0.8);
              }
            else
              set_grey (cr, 0);
            show (self, cr, BODY_FONT, row->cells[c], cx + PAD, y + PAD, t->widths[c] * w - 2 * PAD, PANGO_ALIGN_LEFT);
            cx += t->widths[c] * w;
          }

      set_grey (cr, 0.75);
      cairo_move_to (cr, x, y + rh);
      cairo_line_to (cr, x + w, y + rh);
      cairo_stroke (cr);
      y += rh;
    }

  if (t->footnote && page->last == t->rows->len)
    {
      set_grey (cr, 0.25);
      show (self, cr, SMALL_FONT, t->footnote, x, y + FOOTNOTE_GAP, w, PANGO_ALIGN_LEFT);
    }
}

static void
draw_ranking (PbReport *self,
              cairo_t  *cr,
              Page     *page)
{
  double x, y, w, h;

  content_box (self, page->width, page->height, &x, &y, &w, &h);
  set_grey (cr, 0);
  y += show (self, cr, HEADING_FONT, _("Organisations Ranked by Mean Completion"), x, y, w, PANGO_ALIGN_LEFT) + 8;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  {
    double chart_w = MIN (w, 640);
    double foot_h = text_height (self, SMALL_FONT, pb_organisation_completion_definition (), chart_w);
    double chart_h = MIN (h - 30 - FOOTNOTE_GAP - foot_h, pb_org_ranking_measure (self->ranking, cr, chart_w));

    pb_org_ranking_paint (self->ranking, cr, chart_w, chart_h, FALSE);
    cairo_restore (cr);
    /* What the bars measure (rev21 findings 4b, 4c). */
    set_grey (cr, 0.25);
    show (self, cr, SMALL_FONT, pb_organisation_completion_definition (), x, y + chart_h + FOOTNOTE_GAP, chart_w, PANGO_ALIGN_LEFT);
  }
}

static void
draw_timeline (PbReport *self,
               cairo_t  *cr,
               Page     *page)
{
  double x, y, w, h;

  content_box (self, page->width, page->height, &x, &y, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, page->view_w * page->scale, page->view_h * page->scale);
  cairo_clip (cr);
  cairo_scale (cr, page->scale, page->scale);
  pb_timeline_paint (self->timeline, cr, page->scroll_x, page->scroll_y, page->view_w, page->view_h, FALSE, NULL);
  cairo_restore (cr);
}

/**
 * pb_report_draw_page:
 * @report: a paginated report
 * @cr: a context in points, its origin at the page's top left
 * @page: the page, from 0
 */
void
pb_report_draw_page (PbReport *self,
                     cairo_t  *cr,
                     guint     index)
{
  const char *caller_language;
  Page *page;

  pb_report_paginate (self);
  g_return_if_fail (index < self->pages->len);
  page = &g_array_index (self->pages, Page, index);
  caller_language = pb_render_get_language (cr);

  cairo_save (cr);
  /* The charts on the page take the plan's script too. */
  pb_render_set_language (cr, self->language);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, page->width, page->height);
  cairo_fill (cr);

  switch (page->kind)
    {
    case PAGE_COVER: draw_cover (self, cr, page); break;
    case PAGE_SUMMARY: draw_summary (self, cr, page); break;
    case PAGE_TIMELINE: draw_timeline (self, cr, page); break;
    case PAGE_TABLE: draw_table (self, cr, page); break;
    case PAGE_RANKING: draw_ranking (self, cr, page); break;
    }
  draw_frame (self, cr, page, index);
  cairo_restore (cr);
  pb_render_set_language (cr, caller_language);
}

/**
 * pb_report_write_pdf:
 * @report: a report
 * @path: the PDF to write; written beside and renamed into place
 * @progress: (nullable): told after each page
 * @user_data: for @progress
 * @cancellable: (nullable): to stop; nothing is left behind
 * @error: where to say why not
 *
 * Returns: %TRUE when @path holds the whole report
 */
gboolean
pb_report_write_pdf (PbReport             *self,
                     const char           *path,
                     PbReportProgressFunc  progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".planboard-report-XXXXXX", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n;
  int fd;

  n = pb_report_paginate (self);
  if (n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The report has no pages: choose at least one part."));
      return FALSE;
    }

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write in “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  {
    Page *first = &g_array_index (self->pages, Page, 0);
    surface = cairo_pdf_surface_create (tmp, first->width, first->height);
  }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Planboard");
  cr = cairo_create (surface);

  for (guint i = 0; i < n; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_unlink (tmp);
          return FALSE;
        }
      cairo_pdf_surface_set_size (surface, page->width, page->height);
      pb_report_draw_page (self, cr, i);
      cairo_show_page (cr);
      if (progress)
        progress (i + 1, n, user_data);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return pb_replace_file (tmp, path, error);
}
