/* pb-timeline.c — the Gantt chart: layout, geometry and painting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates. The chart area's x runs from 0 at the first day shown (1
 * January of the first year); its y runs from 0 at the top of the first
 * row. The painter pins the label column to the left and the time scale
 * to the top, and places the chart area beside and below them, shifted by
 * the scroll offsets.
 *
 * Layout is done once per change of data or zoom: rows get their y (kept
 * in an array for binary search), items their row, milestones and
 * dependencies sort by row. A frame then finds its first and last rows by
 * binary search and paints only those, plus the dependencies whose span of
 * rows meets them; its cost does not grow with the plan.
 */
#define G_LOG_DOMAIN "pb-timeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include "pb-format.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-indicator-links.h"
#include "pb-outline.h"
#include "pb-script.h"
#include "pb-timeline.h"

typedef enum
{
  ROW_SECTION,
  ROW_ITEM,
} RowKind;

typedef struct
{
  RowKind      kind;
  gint64       id;        /* the item's, or the section's */
  gboolean     collapsed; /* a section whose items are hidden */
  char        *number;
  char        *title;
  char        *lead;
  guint32      start;     /* Julian days; 0 when unknown */
  guint32      due;
  double       progress;
  PbHealth     health;
  PbItemStatus status;
  gboolean     milestone;
  guint        first_milestone;  /* into the sorted milestones */
  guint        n_milestones;
  gint64       section_id;       /* the section row above it */
  guint        depth;            /* its section's nesting: 0 at the top */
  /* Shaped labels, kept while the row stays in view (sysprof keeps its
   * layouts the same way): scrolling reshapes only the rows it brings in. */
  PangoLayout *label;
  PangoLayout *lead_label;
  guint        painted;          /* the frame that last used them */
} Row;

typedef struct
{
  gint64   item_id;
  guint    row;
  guint32  day;
  char    *label;
  PangoLayout *layout;           /* its label, shaped; kept with its row's */
} Milestone;

typedef struct
{
  gint64  from_id;
  gint64  to_id;
  int     lag;
  guint   from_row;
  guint   to_row;
  guint   min_row;
  guint   max_row;
} Dependency;

struct _PbTimeline
{
  guint32         first_day;   /* 1 January of the first year shown */
  guint32         last_day;    /* 31 December of the last year shown */
  guint32         period_start;
  guint32         period_end;
  guint32         today;
  PbTimelineZoom  zoom;
  double          px_per_day;
  double          label_width;
  gboolean        formal;      /* quarters as documents write them */
  const char     *language;    /* the plan's script, "zh-cn" or "zh-tw" */

  GArray         *rows;        /* Row */
  GArray         *row_y;       /* double, one more than rows: the bottom */
  GArray         *milestones;  /* Milestone */
  GArray         *deps;        /* Dependency */
  GHashTable     *item_rows;   /* item id → row + 1 */
  guint           max_dep_span;
  gboolean        laid_out;
  gint64          selected;
  GHashTable     *chosen;      /* gint64 item ids also painted as selected, or NULL */
  gint64          selected_from; /* the dependency painted as selected, or 0 */
  gint64          selected_to;
  PangoLayout    *layout;      /* regular and bold text, kept between frames */
  PangoLayout    *bold;
  gint64          section;     /* the last section added */
  guint           section_depth; /* and its nesting */
  guint           frame;       /* frames painted */
  guint           context_serial;
  gulong          context_key;   /* the target's font options and kind */
  cairo_matrix_t  context_matrix;
  GArray         *cached;      /* guint: rows holding shaped labels */
  GHashTable     *scale_labels; /* text → PangoLayout, for the zoom shown */
  PbTimelineZoom  scale_zoom;
  /* Raster targets: each character shaped once (regular, bold), so that
   * a label of Han, kana, Hangul, digits and punctuation is laid out from
   * its characters' glyphs without shaping it (see shape_simple ()). */
  GHashTable     *glyphs[2];    /* gunichar → Glyph */
  GArray         *run;          /* cairo_glyph_t: the label being drawn */
  GPtrArray      *run_fonts;    /* PangoFont, one per glyph of run */
  gboolean        shape_all;    /* every label through Pango (tests) */
  guint           n_shaped;     /* this frame's labels, for the stats */
  guint           n_from_glyphs;
};

typedef struct
{
  PangoFont  *font;             /* NULL: the character needs the shaper */
  PangoGlyph  glyph;
  int         width;            /* Pango units, as the shaper placed it */
  int         ascent;
  int         descent;
} Glyph;

static const double px_per_day[] = { 0.6, 2.0, 6.0, 18.0 };

static void
glyph_free (gpointer data)
{
  Glyph *g = data;

  g_clear_object (&g->font);
  g_free (g);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->number);
  g_free (row->title);
  g_free (row->lead);
  g_clear_object (&row->label);
  g_clear_object (&row->lead_label);
}

static void
milestone_clear (gpointer data)
{
  g_free (((Milestone *) data)->label);
  g_clear_object (&((Milestone *) data)->layout);
}

/* Drops a row's shaped labels (its text, width or font changed). */
static void
row_forget_labels (PbTimeline *self,
                   Row        *row)
{
  g_clear_object (&row->label);
  g_clear_object (&row->lead_label);
  for (guint m = row->first_milestone; self->laid_out && m < row->first_milestone + row->n_milestones; m++)
    g_clear_object (&g_array_index (self->milestones, Milestone, m).layout);
}

static void
forget_all_labels (PbTimeline *self)
{
  for (guint i = 0; i < self->cached->len; i++)
    {
      guint r = g_array_index (self->cached, guint, i);

      if (r < self->rows->len)
        row_forget_labels (self, &g_array_index (self->rows, Row, r));
    }
  g_array_set_size (self->cached, 0);
  for (guint m = 0; m < self->milestones->len; m++)
    g_clear_object (&g_array_index (self->milestones, Milestone, m).layout);
  g_hash_table_remove_all (self->scale_labels);
  for (guint i = 0; i < G_N_ELEMENTS (self->glyphs); i++)
    g_hash_table_remove_all (self->glyphs[i]);
}

static guint32
year_start (int year)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, CLAMP (year, 1, 8000));
  return g_date_get_julian (&d);
}

static int
year_of (guint32 day)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, MAX (day, 1));
  return g_date_get_year (&d);
}

/**
 * pb_timeline_new:
 * @first_day: the plan period's first day (Julian), or 0
 * @last_day: its last day, or 0
 * @today: today's Julian day, for the today line; 0 for none
 *
 * Returns: (transfer full): an empty chart over the plan period, widened to
 *   whole years
 */
PbTimeline *
pb_timeline_new (guint32 first_day,
                 guint32 last_day,
                 guint32 today)
{
  PbTimeline *self = g_new0 (PbTimeline, 1);

  self->period_start = first_day;
  self->period_end = last_day;
  self->today = today;
  self->language = "zh-cn";
  self->zoom = PB_TIMELINE_ZOOM_QUARTER;
  self->label_width = 260;
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->row_y = g_array_new (FALSE, TRUE, sizeof (double));
  self->milestones = g_array_new (FALSE, TRUE, sizeof (Milestone));
  g_array_set_clear_func (self->milestones, milestone_clear);
  self->deps = g_array_new (FALSE, TRUE, sizeof (Dependency));
  self->item_rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->cached = g_array_new (FALSE, FALSE, sizeof (guint));
  self->scale_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->glyphs); i++)
    self->glyphs[i] = g_hash_table_new_full (NULL, NULL, NULL, glyph_free);
  self->run = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  self->run_fonts = g_ptr_array_new ();
  return self;
}

void
pb_timeline_free (PbTimeline *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_array_unref (self->row_y);
  g_array_unref (self->milestones);
  g_array_unref (self->deps);
  g_hash_table_unref (self->item_rows);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_array_unref (self->cached);
  g_hash_table_unref (self->scale_labels);
  for (guint i = 0; i < G_N_ELEMENTS (self->glyphs); i++)
    g_hash_table_unref (self->glyphs[i]);
  g_array_unref (self->run);
  g_ptr_array_unref (self->run_fonts);
  g_clear_object (&self->layout);
  g_clear_object (&self->bold);
  g_free (self);
}

void
pb_timeline_add_section (PbTimeline *self,
                         const char *title)
{
  pb_timeline_add_section_full (self, 0, title, FALSE);
}

/* A section header; a collapsed one is drawn closed (its caller leaves
 * its items out). */
void
pb_timeline_add_section_full (PbTimeline *self,
                              gint64      id,
                              const char *title,
                              gboolean    collapsed)
{
  pb_timeline_add_section_at_depth (self, id, title, collapsed, 0);
}

/**
 * pb_timeline_add_section_at_depth:
 * @depth: how deep the section is nested: 0 for a top-level one
 *
 * A section header indented by @depth in the label column, like an
 * outline; the items added after it are indented with it.
 */
void
pb_timeline_add_section_at_depth (PbTimeline *self,
                                  gint64      id,
                                  const char *title,
                                  gboolean    collapsed,
                                  guint       depth)
{
  Row row = { .kind = ROW_SECTION, .id = id, .collapsed = collapsed, .title = g_strdup (title ? title : ""),
              .section_id = id, .depth = depth };

  self->section = id;
  self->section_depth = depth;
  g_array_append_val (self->rows, row);
  self->laid_out = FALSE;
}

void
pb_timeline_add_item (PbTimeline   *self,
                      gint64        id,
                      const char   *number,
                      const char   *title,
                      const char   *lead,
                      guint32       start_day,
                      guint32       due_day,
                      double        progress,
                      PbHealth      health,
                      PbItemStatus  status,
                      gboolean      milestone)
{
  Row row = {
    .kind = ROW_ITEM, .id = id,
    .number = g_strdup (number ? number : ""), .title = g_strdup (title ? title : ""),
    .lead = g_strdup (lead ? lead : ""),
    .start = start_day, .due = due_day, .progress = CLAMP (progress, 0, 1),
    .health = health, .status = status, .milestone = milestone, .section_id = self->section,
    .depth = self->section_depth,
  };

  g_array_append_val (self->rows, row);
  self->laid_out = FALSE;
}

/**
 * pb_timeline_update_item:
 * @self: a laid-out chart
 * @id: an item on it
 * @section_id: the section it is in now
 *
 * Takes an item's new text, dates, progress, health and status into its
 * row, without laying the chart out again unless its dates reach past the
 * years shown (one edit of a plan of 10,000 items is a row, not a chart).
 *
 * Returns: %FALSE when the item is not on the chart or changed section:
 *   then the chart must be made again
 */
gboolean
pb_timeline_update_item (PbTimeline   *self,
                         gint64        id,
                         gint64        section_id,
                         const char   *number,
                         const char   *title,
                         guint32       start_day,
                         guint32       due_day,
                         double        progress,
                         PbHealth      health,
                         PbItemStatus  status,
                         gboolean      milestone)
{
  guint index;
  Row *row;

  if (!pb_timeline_get_item_row (self, id, &index))
    return FALSE;
  row = &g_array_index (self->rows, Row, index);
  if (row->section_id != section_id)
    return FALSE;

  if (g_strcmp0 (row->number, number ? number : "") != 0 || g_strcmp0 (row->title, title ? title : "") != 0)
    {
      g_free (row->number);
      g_free (row->title);
      row->number = g_strdup (number ? number : "");
      row->title = g_strdup (title ? title : "");
      g_clear_object (&row->label);
    }
  /* The years shown hold every item: dates at or past their ends may move
   * them. */
  if ((start_day != row->start || due_day != row->due) &&
      (MIN (start_day, row->start) <= self->first_day + 366 || MAX (due_day, row->due) + 366 >= self->last_day))
    self->laid_out = FALSE;
  row->start = start_day;
  row->due = due_day;
  row->progress = CLAMP (progress, 0, 1);
  row->health = health;
  row->status = status;
  row->milestone = milestone;
  return TRUE;
}

/**
 * pb_timeline_set_item_health:
 *
 * Updates an item's completion and health (which an edit of another item,
 * its predecessor, can change).
 */
void
pb_timeline_set_item_health (PbTimeline *self,
                             gint64      id,
                             double      progress,
                             PbHealth    health)
{
  guint index;

  if (pb_timeline_get_item_row (self, id, &index))
    {
      Row *row = &g_array_index (self->rows, Row, index);

      row->progress = CLAMP (progress, 0, 1);
      row->health = health;
    }
}

/**
 * pb_timeline_get_n_milestones:
 * @self: a timeline
 *
 * Returns: how many milestones (targets) the chart holds
 */
guint
pb_timeline_get_n_milestones (PbTimeline *self)
{
  return self->milestones->len;
}

/**
 * pb_timeline_get_milestone_label:
 * @self: a timeline
 * @index: below pb_timeline_get_n_milestones()
 *
 * Returns: (transfer none): the milestone's label, as "1.2万个"
 */
const char *
pb_timeline_get_milestone_label (PbTimeline *self,
                                 guint       index)
{
  g_return_val_if_fail (index < self->milestones->len, NULL);
  return g_array_index (self->milestones, Milestone, index).label;
}

void
pb_timeline_add_milestone (PbTimeline *self,
                           gint64      item_id,
                           guint32     day,
                           const char *label)
{
  Milestone m = { .item_id = item_id, .day = day, .label = g_strdup (label ? label : "") };

  g_array_append_val (self->milestones, m);
  self->laid_out = FALSE;
}

void
pb_timeline_add_dependency (PbTimeline *self,
                            gint64      from_id,
                            gint64      to_id,
                            int         lag_days)
{
  Dependency d = { .from_id = from_id, .to_id = to_id, .lag = lag_days };

  g_array_append_val (self->deps, d);
  self->laid_out = FALSE;
}

void
pb_timeline_set_zoom (PbTimeline     *self,
                      PbTimelineZoom  zoom)
{
  g_return_if_fail (zoom <= PB_TIMELINE_ZOOM_WEEK);
  self->zoom = zoom;
  self->px_per_day = px_per_day[zoom];
}

PbTimelineZoom
pb_timeline_get_zoom (PbTimeline *self)
{
  return self->zoom;
}

void
pb_timeline_set_label_width (PbTimeline *self,
                             double      width)
{
  self->label_width = MAX (width, 0);
}

double
pb_timeline_get_label_width (PbTimeline *self)
{
  return self->label_width;
}

/**
 * pb_timeline_set_formal:
 * @formal: %TRUE for a printed report
 *
 * Whether the time scale names quarters as a document does (第一季度, for
 * a report) or as the screen does (一季度).
 */
void
pb_timeline_set_formal (PbTimeline *self,
                        gboolean    formal)
{
  self->formal = !!formal;
}

static int
compare_milestones (gconstpointer a,
                    gconstpointer b)
{
  const Milestone *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return x->day < y->day ? -1 : x->day > y->day;
}

static int
compare_deps (gconstpointer a,
              gconstpointer b)
{
  const Dependency *x = a, *y = b;

  return x->min_row < y->min_row ? -1 : x->min_row > y->min_row;
}

/**
 * pb_timeline_layout:
 *
 * Places rows, milestones and dependencies. Painting and geometry call it
 * when the data changed since; calling it again costs nothing.
 */
void
pb_timeline_layout (PbTimeline *self)
{
  guint32 first = self->period_start, last = self->period_end;
  double y = 0;
  guint kept = 0;

  if (self->px_per_day == 0)
    self->px_per_day = px_per_day[self->zoom];
  if (self->laid_out)
    return;

  g_hash_table_remove_all (self->item_rows);
  g_array_set_size (self->row_y, 0);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      g_array_append_val (self->row_y, y);
      y += row->kind == ROW_SECTION ? PB_TIMELINE_SECTION_HEIGHT : PB_TIMELINE_ROW_HEIGHT;
      row->n_milestones = 0;
      if (row->kind != ROW_ITEM)
        continue;
      g_hash_table_insert (self->item_rows, &row->id, GUINT_TO_POINTER (i + 1));
      if (row->start && (first == 0 || row->start < first))
        first = row->start;
      if (row->due && row->due > last)
        last = row->due;
    }
  g_array_append_val (self->row_y, y);

  /* Whole years, so the scale starts and ends on a year. */
  if (first == 0)
    first = self->today ? self->today : year_start (2025);
  if (last < first)
    last = first;
  self->first_day = year_start (year_of (first));
  self->last_day = year_start (year_of (last) + 1) - 1;

  /* Milestones: on their item's row, sorted by row. */
  for (guint i = 0; i < self->milestones->len; i++)
    {
      Milestone *m = &g_array_index (self->milestones, Milestone, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_rows, &m->item_id));

      if (row == 0)
        continue;
      m->row = row - 1;
      if (kept != i)
        {
          Milestone tmp = *m;
          g_array_index (self->milestones, Milestone, i) = g_array_index (self->milestones, Milestone, kept);
          g_array_index (self->milestones, Milestone, kept) = tmp;
        }
      kept++;
    }
  g_array_set_size (self->milestones, kept);
  g_array_sort (self->milestones, compare_milestones);
  /* Targets due on the same day share one diamond: "1.2万个 · 60万户". */
  kept = 0;
  for (guint i = 0; i < self->milestones->len; i++)
    {
      Milestone *m = &g_array_index (self->milestones, Milestone, i);

      if (kept > 0)
        {
          Milestone *prev = &g_array_index (self->milestones, Milestone, kept - 1);

          if (prev->row == m->row && prev->day == m->day)
            {
              if (m->label[0] && strstr (prev->label, m->label) == NULL)
                {
                  char *joined = prev->label[0] ? g_strconcat (prev->label, " · ", m->label, NULL) : g_strdup (m->label);

                  g_free (prev->label);
                  prev->label = joined;
                }
              g_clear_pointer (&m->label, g_free);
              g_clear_object (&m->layout);
              g_clear_object (&prev->layout);
              continue;
            }
        }
      if (kept != i)
        {
          g_array_index (self->milestones, Milestone, kept) = *m;
          m->label = NULL;
          m->layout = NULL;
        }
      kept++;
    }
  g_array_set_size (self->milestones, kept);
  for (guint i = 0; i < self->milestones->len; i++)
    {
      Milestone *m = &g_array_index (self->milestones, Milestone, i);
      Row *row = &g_array_index (self->rows, Row, m->row);

      if (row->n_milestones++ == 0)
        row->first_milestone = i;
    }

  /* Dependencies: by their first row, with the widest span kept so that
   * a frame can find those crossing it. */
  kept = 0;
  self->max_dep_span = 0;
  for (guint i = 0; i < self->deps->len; i++)
    {
      Dependency d = g_array_index (self->deps, Dependency, i);
      guint from = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_rows, &d.from_id));
      guint to = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_rows, &d.to_id));

      if (from == 0 || to == 0)
        continue;
      d.from_row = from - 1;
      d.to_row = to - 1;
      d.min_row = MIN (d.from_row, d.to_row);
      d.max_row = MAX (d.from_row, d.to_row);
      self->max_dep_span = MAX (self->max_dep_span, d.max_row - d.min_row);
      g_array_index (self->deps, Dependency, kept++) = d;
    }
  g_array_set_size (self->deps, kept);
  g_array_sort (self->deps, compare_deps);

  self->laid_out = TRUE;
}

guint
pb_timeline_get_n_rows (PbTimeline *self)
{
  return self->rows->len;
}

double
pb_timeline_get_width (PbTimeline *self)
{
  pb_timeline_layout (self);
  return (self->last_day + 1 - self->first_day) * self->px_per_day;
}

double
pb_timeline_get_height (PbTimeline *self)
{
  pb_timeline_layout (self);
  return g_array_index (self->row_y, double, self->row_y->len - 1);
}

double
pb_timeline_x_for_day (PbTimeline *self,
                       guint32     day)
{
  pb_timeline_layout (self);
  return ((double) day - self->first_day) * self->px_per_day;
}

guint32
pb_timeline_day_for_x (PbTimeline *self,
                       double      x)
{
  double day;

  pb_timeline_layout (self);
  /* A little slack, so that x_for_day (d) maps back to d despite rounding. */
  day = floor (x / self->px_per_day + 1e-6) + self->first_day;
  return (guint32) CLAMP (day, 1, G_MAXUINT32 / 2);
}

/* The zoom's unit: days at the Weeks zoom, where a day is wide, else
 * months, as plans date their tasks (a task due by the end of June; the
 * Months zoom too, though its grid shows weeks). Snaps to the nearest
 * unit boundary, the earlier on a tie. */
guint32
pb_timeline_snap_day (PbTimeline *self,
                      guint32     day)
{
  GDate d, a, b;

  pb_timeline_layout (self);
  if (self->zoom == PB_TIMELINE_ZOOM_WEEK)
    return day;
  g_date_clear (&d, 1);
  g_date_set_julian (&d, day);
  g_date_clear (&a, 1);
  g_date_set_dmy (&a, 1, g_date_get_month (&d), g_date_get_year (&d));
  b = a;
  g_date_add_months (&b, 1);
  return day - g_date_get_julian (&a) <= g_date_get_julian (&b) - day
    ? g_date_get_julian (&a) : g_date_get_julian (&b);
}

gboolean
pb_timeline_get_item_row (PbTimeline *self,
                          gint64      item_id,
                          guint      *row)
{
  guint found;

  pb_timeline_layout (self);
  found = GPOINTER_TO_UINT (g_hash_table_lookup (self->item_rows, &item_id));
  if (found && row)
    *row = found - 1;
  return found != 0;
}

/* An item's dates as laid out (Julian days; 0 when unknown). */
gboolean
pb_timeline_get_item_dates (PbTimeline *self,
                            gint64      item_id,
                            guint32    *start_day,
                            guint32    *due_day)
{
  guint row;
  Row *r;

  if (!pb_timeline_get_item_row (self, item_id, &row))
    return FALSE;
  r = &g_array_index (self->rows, Row, row);
  if (start_day)
    *start_day = r->start;
  if (due_day)
    *due_day = r->due;
  return TRUE;
}

/* The item whose row is painted as selected; 0 for none. */
void
pb_timeline_set_selected (PbTimeline *self,
                          gint64      item_id)
{
  self->selected = item_id;
}

/**
 * pb_timeline_set_chosen:
 * @ids: (nullable): a set of gint64 item ids (g_int64_hash), referenced
 *
 * The items chosen together (Ctrl/Shift-click), painted as selected too.
 */
void
pb_timeline_set_chosen (PbTimeline *self,
                        GHashTable *ids)
{
  if (ids)
    g_hash_table_ref (ids);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  self->chosen = ids;
}

/**
 * pb_timeline_set_selected_dependency:
 * @from_id: its predecessor, 0 for none
 * @to_id: its successor, 0 for none
 *
 * The dependency painted as selected: thicker, in the selection's colour,
 * over the others.
 */
void
pb_timeline_set_selected_dependency (PbTimeline *self,
                                     gint64      from_id,
                                     gint64      to_id)
{
  g_return_if_fail (self != NULL);

  self->selected_from = from_id;
  self->selected_to = to_id;
}

static gboolean
row_is_selected (PbTimeline *self,
                 const Row  *row)
{
  if (row->kind != ROW_ITEM || row->id == 0)
    return FALSE;
  return row->id == self->selected || (self->chosen && g_hash_table_contains (self->chosen, &row->id));
}

/**
 * pb_timeline_get_row_item:
 * @row: a row
 *
 * Returns: the item the row shows, or 0 for a section's header
 */
gint64
pb_timeline_get_row_item (PbTimeline *self,
                          guint       row)
{
  const Row *r;

  if (row >= self->rows->len)
    return 0;
  r = &g_array_index (self->rows, Row, row);
  return r->kind == ROW_ITEM ? r->id : 0;
}

double
pb_timeline_get_row_y (PbTimeline *self,
                       guint       row)
{
  pb_timeline_layout (self);
  g_return_val_if_fail (row < self->row_y->len, 0);
  return g_array_index (self->row_y, double, row);
}

/* The row whose band holds @y, clamped to the rows there are. */
guint
pb_timeline_row_at_y (PbTimeline *self,
                      double      y)
{
  guint lo = 0, hi;

  pb_timeline_layout (self);
  if (self->rows->len == 0)
    return 0;
  hi = self->rows->len - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (g_array_index (self->row_y, double, mid) <= y)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

typedef struct
{
  double x0, x1;
  double y0, y1;
} Box;

static gboolean
bar_box (PbTimeline *self,
         guint       index,
         Box        *box)
{
  Row *row = &g_array_index (self->rows, Row, index);
  double y = g_array_index (self->row_y, double, index);

  if (row->kind != ROW_ITEM || row->start == 0 || row->due == 0 || row->due < row->start)
    return FALSE;
  box->x0 = pb_timeline_x_for_day (self, row->start);
  box->x1 = pb_timeline_x_for_day (self, row->due + 1);
  box->y0 = y + 8;
  box->y1 = y + PB_TIMELINE_ROW_HEIGHT - 8;
  return TRUE;
}

/* A dependency's path: out of the predecessor's end (level for the lag's
 * days) and into the successor's start. When the successor starts before the predecessor
 * ends, the path runs back along the gap between the rows. A successor
 * that starts at the very left of the chart (the first day shown) leaves
 * no room to come in from its left, where nothing is drawn: the path then
 * drops onto the bar's start from the gap, its head on the bar's top (or
 * bottom) edge, a few pixels in. Returns the number of points (x, y) in @pts; the last is
 * the head's tip. */
#define ARROW_APPROACH 8.0  /* the level stretch before the head */

static guint
dependency_points (PbTimeline       *self,
                   const Dependency *d,
                   double            pts[12])
{
  Row *from = &g_array_index (self->rows, Row, d->from_row);
  Row *to = &g_array_index (self->rows, Row, d->to_row);
  double fx = pb_timeline_x_for_day (self, (from->due ? from->due : from->start) + 1);
  double tx = pb_timeline_x_for_day (self, to->start ? to->start : to->due);
  double fy = g_array_index (self->row_y, double, d->from_row) + PB_TIMELINE_ROW_HEIGHT / 2;
  double ty = g_array_index (self->row_y, double, d->to_row) + PB_TIMELINE_ROW_HEIGHT / 2;
  /* A lag keeps the path level for its days before it turns. */
  double lag = MAX (d->lag, 0) * self->px_per_day;
  double gap = ty > fy ? ty - PB_TIMELINE_ROW_HEIGHT / 2 : ty + PB_TIMELINE_ROW_HEIGHT / 2;

  if (tx >= fx + lag + 12)
    {
      double elbow = fx + lag + 6;
      double p[] = { fx, fy, elbow, fy, elbow, ty, tx, ty };

      memcpy (pts, p, sizeof p);
      return 4;
    }
  else if (tx - ARROW_APPROACH >= 0)
    {
      double p[] = { fx, fy, fx + lag + 6, fy, fx + lag + 6, gap, tx - ARROW_APPROACH, gap,
                     tx - ARROW_APPROACH, ty, tx, ty };

      memcpy (pts, p, sizeof p);
      return 6;
    }
  else
    {
      Box box;
      double inset = 0, edge;

      /* A little way into the bar, so the head sits on it, not on its
       * corner; as far as a narrow bar allows. */
      if (bar_box (self, d->to_row, &box))
        {
          inset = MIN (6, (box.x1 - box.x0) / 2);
          edge = ty > fy ? box.y0 : box.y1;
        }
      else
        edge = ty > fy ? ty - PB_TIMELINE_ROW_HEIGHT / 2 + 8 : ty + PB_TIMELINE_ROW_HEIGHT / 2 - 8;
      {
        /* Straight down onto a bar wide enough for the head (8 px);
         * onto a narrower one at 45°, so the head stays right of the
         * chart's left edge. */
        double slant = inset < 4 ? 8 : 0;
        double p[] = { fx, fy, fx + lag + 6, fy, fx + lag + 6, gap, tx + inset + slant, gap, tx + inset, edge };

        memcpy (pts, p, sizeof p);
      }
      return 5;
    }
}

/**
 * pb_timeline_get_dependency_path:
 * @from_id: the predecessor
 * @to_id: the successor
 * @pts: (out caller-allocates) (array fixed-size=12): the path's points,
 *   x and y in chart coordinates (as pb_timeline_hit_test() takes them)
 *
 * The path the arrow of a dependency is drawn along; its last point is the
 * tip of the arrow's head.
 *
 * Returns: the number of points, or 0 when the chart shows no such
 *   dependency
 */
guint
pb_timeline_get_dependency_path (PbTimeline *self,
                                 gint64      from_id,
                                 gint64      to_id,
                                 double      pts[12])
{
  g_return_val_if_fail (self != NULL, 0);

  pb_timeline_layout (self);
  for (guint i = 0; i < self->deps->len; i++)
    {
      const Dependency *d = &g_array_index (self->deps, Dependency, i);

      if (d->from_id == from_id && d->to_id == to_id)
        return dependency_points (self, d, pts);
    }
  return 0;
}

/* The head at the path's end, along its last leg: 6 px long, 8 wide. */
static void
paint_arrow_head (cairo_t      *cr,
                  double        ox,
                  double        oy,
                  const double *pt,
                  guint         n)
{
  double x = pt[2 * n - 2], y = pt[2 * n - 1];
  double dx = x - pt[2 * n - 4], dy = y - pt[2 * n - 3];
  double len = hypot (dx, dy);

  if (len <= 0)
    {
      dx = 1;
      dy = 0;
    }
  else
    {
      dx /= len;
      dy /= len;
    }
  cairo_move_to (cr, ox + x, oy + y);
  cairo_line_to (cr, ox + x - 6 * dx - 4 * dy, oy + y - 6 * dy + 4 * dx);
  cairo_line_to (cr, ox + x - 6 * dx + 4 * dy, oy + y - 6 * dy - 4 * dx);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The square of the distance from (@px, @py) to the segment @a–@b. */
static double
segment_distance2 (double px, double py,
                   double ax, double ay,
                   double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;
  double cx = ax + t * dx - px, cy = ay + t * dy - py;

  return cx * cx + cy * cy;
}

/* The dependency whose arrow passes nearest the point, within
 * PB_TIMELINE_DEPENDENCY_REACH of it, among those whose rows meet @index;
 * -1 for none. */
static int
dependency_near (PbTimeline *self,
                 guint       index,
                 double      x,
                 double      y)
{
  double best = PB_TIMELINE_DEPENDENCY_REACH * PB_TIMELINE_DEPENDENCY_REACH;
  int found = -1;

  for (guint i = 0; i < self->deps->len; i++)
    {
      Dependency *d = &g_array_index (self->deps, Dependency, i);
      double p[12];
      guint n;

      if (d->min_row > index)
        break;
      if (d->max_row < index)
        continue;
      n = dependency_points (self, d, p);
      for (guint s = 0; s + 1 < n; s++)
        {
          double d2 = segment_distance2 (x, y, p[2 * s], p[2 * s + 1], p[2 * s + 2], p[2 * s + 3]);

          if (d2 <= best)
            {
              best = d2;
              found = (int) i;
            }
        }
    }
  return found;
}

static void
hit_dependency (PbTimeline    *self,
                int            index,
                PbTimelineHit *hit)
{
  Dependency *d = &g_array_index (self->deps, Dependency, index);

  hit->kind = PB_TIMELINE_HIT_DEPENDENCY;
  hit->item_id = d->to_id;
  hit->other_id = d->from_id;
  hit->index = (guint) index;
}

/**
 * pb_timeline_hit_test:
 * @x: chart-area x (0 at the first day shown)
 * @y: chart-area y (0 at the top of the first row)
 *
 * What is under a point: a bar's ends (grips for resizing win over a target
 * drawn there), then a milestone, the bar's middle, a dependency arrow,
 * then the row itself. An arrow is hit within
 * PB_TIMELINE_DEPENDENCY_REACH of its line (the nearest one, where several
 * pass), also where it crosses a section's header and beside a bar's end,
 * up to the bar's edge (its head ends there).
 */
void
pb_timeline_hit_test (PbTimeline    *self,
                      double         x,
                      double         y,
                      PbTimelineHit *hit)
{
  guint index;
  Row *row;
  Box box;
  gboolean has_bar;
  int dep;

  pb_timeline_layout (self);
  *hit = (PbTimelineHit) { PB_TIMELINE_HIT_NONE, 0, 0, 0, 0 };
  if (self->rows->len == 0 || y < 0 || y >= pb_timeline_get_height (self))
    return;

  index = pb_timeline_row_at_y (self, y);
  row = &g_array_index (self->rows, Row, index);
  hit->row = index;
  /* Only the chart has arrows, not the labels left of it. */
  dep = x >= 0 ? dependency_near (self, index, x, y) : -1;

  if (row->kind == ROW_SECTION)
    {
      if (dep >= 0)
        {
          hit_dependency (self, dep, hit);
          return;
        }
      hit->kind = PB_TIMELINE_HIT_SECTION;
      hit->other_id = row->id;
      return;
    }
  hit->item_id = row->id;

  has_bar = bar_box (self, index, &box) && y >= box.y0 - 2 && y <= box.y1 + 2;
  /* Outside the bar, an arrow coming into its start (or leaving its end)
   * wins over the grip: a click on the arrow's head chooses the arrow. */
  if (has_bar && (dep < 0 || (x >= box.x0 && x <= box.x1)))
    {
      /* A target's diamond on the bar's end hides its last 6 px: the bar
       * is seen to end at the diamond's tip, and is gripped there too
       * (short of the bar's middle third, which moves it). */
      double end_reach = PB_TIMELINE_GRIP_REACH;

      for (guint m = row->first_milestone; m < row->first_milestone + row->n_milestones; m++)
        if (fabs (pb_timeline_x_for_day (self, g_array_index (self->milestones, Milestone, m).day + 1) - box.x1) < 1)
          end_reach = MIN (PB_TIMELINE_GRIP_REACH + 5, MAX (PB_TIMELINE_GRIP_REACH, (box.x1 - box.x0) / 3));
      if (fabs (x - box.x0) <= PB_TIMELINE_GRIP_REACH)
        hit->kind = PB_TIMELINE_HIT_BAR_START;
      else if (x >= box.x1 - end_reach && x <= box.x1 + PB_TIMELINE_GRIP_REACH)
        hit->kind = PB_TIMELINE_HIT_BAR_END;
      if (hit->kind != PB_TIMELINE_HIT_NONE)
        return;
    }

  /* A target's diamond: 6 px each way from the row's middle. */
  if (fabs (y - (g_array_index (self->row_y, double, index) + PB_TIMELINE_ROW_HEIGHT / 2)) <= 8)
    for (guint m = row->first_milestone; m < row->first_milestone + row->n_milestones; m++)
      {
        Milestone *ms = &g_array_index (self->milestones, Milestone, m);
        double mx = pb_timeline_x_for_day (self, ms->day + 1);

        if (fabs (x - mx) <= 7)
          {
            hit->kind = PB_TIMELINE_HIT_MILESTONE;
            hit->index = m;
            return;
          }
      }

  if (has_bar && x > box.x0 && x < box.x1)
    {
      hit->kind = PB_TIMELINE_HIT_BAR;
      return;
    }

  if (dep >= 0)
    hit_dependency (self, dep, hit);
}

/* Painting */

typedef struct
{
  PbRgb fg, dim, bg, grid, header, section, shade, today, arrow, track;
} Palette;

static void
palette_init (Palette  *p,
              gboolean  dark)
{
  if (dark)
    *p = (Palette) {
      { 1, 1, 1 }, { 0.62, 0.62, 0.64 }, { 0.14, 0.14, 0.15 }, { 0.24, 0.24, 0.26 },
      { 0.19, 0.19, 0.20 }, { 0.22, 0.22, 0.24 }, { 0.17, 0.18, 0.21 },
      { 0.96, 0.38, 0.32 }, { 0.75, 0.75, 0.78 }, { 0.30, 0.30, 0.32 },
    };
  else
    *p = (Palette) {
      { 0.12, 0.12, 0.14 }, { 0.42, 0.42, 0.45 }, { 1, 1, 1 }, { 0.89, 0.89, 0.90 },
      { 0.97, 0.97, 0.97 }, { 0.94, 0.94, 0.95 }, { 0.95, 0.97, 1.0 },
      { 0.88, 0.11, 0.14 }, { 0.35, 0.35, 0.38 }, { 0.85, 0.85, 0.87 },
    };
}

static void
set_rgb (cairo_t     *cr,
         const PbRgb *c)
{
  cairo_set_source_rgb (cr, c->red, c->green, c->blue);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     centre_v,
           double       band)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, centre_v ? y + (band - h) / 2 : y);
  pango_cairo_show_layout (cr, layout);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             gboolean     centre_v,
             double       band)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, centre_v ? y + (band - h) / 2 : y);
  pango_cairo_show_layout (cr, layout);
}

/* A label shaped once and kept in *@slot, in @like's font, ellipsized to
 * @width (or not, for -1). */
static PangoLayout *
kept_layout (PangoLayout  *like,
             PangoLayout **slot,
             const char   *text,
             double        width)
{
  int w = width > 0 ? (int) (width * PANGO_SCALE) : -1;

  if (*slot == NULL)
    {
      *slot = pango_layout_new (pango_layout_get_context (like));
      pango_layout_set_font_description (*slot, pango_layout_get_font_description (like));
      pango_layout_set_ellipsize (*slot, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (*slot, w);
      pango_layout_set_text (*slot, text, -1);
    }
  else if (pango_layout_get_width (*slot) != w)
    pango_layout_set_width (*slot, w);
  return *slot;
}

/* The row's labels are in use this frame. */
/* Nested sections are indented like an outline (GNOME Planner and
 * GanttProject indent their summary rows): a step a level, but never more
 * than a third of the label column, which keeps room for the titles. */
#define INDENT_STEP 16.0

static double
row_indent (PbTimeline *self,
            const Row  *row)
{
  return MIN (row->depth * INDENT_STEP, floor (self->label_width / 3));
}

static double
label_x (PbTimeline *self,
         const Row  *row)
{
  return row_indent (self, row) + (row->kind == ROW_SECTION && self->formal ? 8 : 22);
}

/**
 * pb_timeline_get_row_label_x:
 * @row: a row of the chart
 *
 * Returns: where the row's label starts in the label column: further
 *   right the deeper its section is nested
 */
double
pb_timeline_get_row_label_x (PbTimeline *self,
                             guint       row)
{
  g_return_val_if_fail (row < self->rows->len, 0);
  return label_x (self, &g_array_index (self->rows, Row, row));
}

static void
row_keep (PbTimeline *self,
          Row        *row,
          guint       index)
{
  if (row->label == NULL && row->lead_label == NULL && row->painted != self->frame)
    g_array_append_val (self->cached, index);
  row->painted = self->frame;
}

/* Rows out of view give their shaped labels back, once there are many. */
static void
forget_unseen_labels (PbTimeline *self)
{
  guint kept = 0;

  if (self->cached->len <= 400)
    return;
  for (guint i = 0; i < self->cached->len; i++)
    {
      guint r = g_array_index (self->cached, guint, i);
      Row *row;

      if (r >= self->rows->len)
        continue;
      row = &g_array_index (self->rows, Row, r);
      if (row->painted == self->frame)
        g_array_index (self->cached, guint, kept++) = r;
      else
        row_forget_labels (self, row);
    }
  g_array_set_size (self->cached, kept);
}

/* Whether @cr ends up as pixels (an image, or the recording surface of a
 * GTK widget's cairo drawing): there a label may be drawn as bare glyphs.
 * PDF, SVG and print keep Pango's text, which carries the characters
 * (searchable, copyable); they are never recording surfaces. */
static gboolean
is_raster (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING;
}

/* Characters whose glyph, shaped alone, is the glyph the shaper gives
 * them in a line: one glyph each, no marks, joining, reordering or
 * ligatures (Han, kana, Hangul syllables, CJK and general punctuation,
 * Latin letters and digits; two Latin letters in a row go to the shaper,
 * which kerns them). */
static gboolean
simple_char (gunichar c)
{
  if (g_unichar_ismark (c) || g_unichar_iszerowidth (c))
    return FALSE;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0x24f) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e) ||
         (c >= 0x2100 && c <= 0x24ff) || (c >= 0x2e80 && c <= 0x2fdf) ||
         (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3100 && c <= 0x312f) ||
         (c >= 0x31c0 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||
         (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff01 && c <= 0xffee);
}

/* @c's glyph in @like's font, shaped once (with @like's context: its
 * language's forms, the target's font options). */
static const Glyph *
glyph_of (PbTimeline  *self,
          PangoLayout *like,
          gunichar     c)
{
  GHashTable *table = self->glyphs[like == self->bold];
  Glyph *g = g_hash_table_lookup (table, GUINT_TO_POINTER (c));

  if (g == NULL)
    {
      g = g_new0 (Glyph, 1);
      if (simple_char (c))
        {
          g_autoptr(PangoLayout) one = pango_layout_new (pango_layout_get_context (like));
          PangoLayoutLine *line;
          char text[8];

          pango_layout_set_font_description (one, pango_layout_get_font_description (like));
          pango_layout_set_text (one, text, g_unichar_to_utf8 (c, text));
          line = pango_layout_get_line_readonly (one, 0);
          if (line && line->runs && line->runs->next == NULL)
            {
              PangoGlyphItem *run = line->runs->data;
              PangoGlyphInfo *info = run->glyphs->glyphs;
              PangoRectangle logical;

              if (run->glyphs->num_glyphs == 1 && (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0 &&
                  info->glyph != PANGO_GLYPH_EMPTY && info->geometry.x_offset == 0 && info->geometry.y_offset == 0)
                {
                  pango_layout_line_get_extents (line, NULL, &logical);
                  g->font = g_object_ref (run->item->analysis.font);
                  g->glyph = info->glyph;
                  g->width = info->geometry.width;
                  g->ascent = -logical.y;
                  g->descent = logical.height + logical.y;
                }
            }
        }
      g_hash_table_insert (table, GUINT_TO_POINTER (c), g);
    }
  return g;
}

static gboolean
is_latin_letter (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0x24f);
}

/* Appends @c's glyph at *@x to self->run, and widens the run's extents;
 * FALSE when no font of @like has it. */
static gboolean
append_glyph (PbTimeline  *self,
              PangoLayout *like,
              gunichar     c,
              int         *x,
              int         *ascent,
              int         *descent)
{
  const Glyph *g = glyph_of (self, like, c);
  cairo_glyph_t cg;

  if (g->font == NULL)
    return FALSE;
  cg.index = g->glyph;
  cg.x = *x / (double) PANGO_SCALE;
  cg.y = 0;
  g_array_append_val (self->run, cg);
  g_ptr_array_add (self->run_fonts, g->font);
  *x += g->width;
  *ascent = MAX (*ascent, g->ascent);
  *descent = MAX (*descent, g->descent);
  return TRUE;
}

/* Lays out @first then @second (either may be NULL) in @like's font as
 * glyphs, in self->run, ellipsized at the end to @width px (none when
 * @width <= 0) as Pango ellipsizes; *@w and *@h are the label's size in
 * pixels as pango_layout_get_pixel_size () gives it, *@baseline its
 * baseline below its top. FALSE when a character needs the shaper. */
static gboolean
shape_simple (PbTimeline  *self,
              PangoLayout *like,
              const char  *first,
              const char  *second,
              double       width,
              int         *w,
              int         *h,
              double      *baseline)
{
  const char *parts[2] = { first, second };
  int x = 0, ascent = 0, descent = 0, limit = width > 0 ? (int) (width * PANGO_SCALE) : G_MAXINT;
  gunichar before = 0;
  const Glyph *dots = NULL;
  guint n;

  g_array_set_size (self->run, 0);
  g_ptr_array_set_size (self->run_fonts, 0);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (const char *s = parts[p]; s && *s; s = g_utf8_next_char (s))
      {
        gunichar c = g_utf8_get_char_validated (s, -1);

        /* "number title", as the shaped label reads. */
        if (p == 1 && s == parts[1] && first && first[0])
          {
            if (!append_glyph (self, like, ' ', &x, &ascent, &descent))
              return FALSE;
            before = ' ';
          }

        if (c >= 0x110000 || (is_latin_letter (c) && is_latin_letter (before)))
          return FALSE;
        before = c;
        if (!append_glyph (self, like, c, &x, &ascent, &descent))
          return FALSE;
      }
  if (x > limit)
    {
      /* Whole characters off the end until the rest and "…" fit. */
      dots = glyph_of (self, like, 0x2026);
      if (dots->font == NULL)
        return FALSE;
      n = self->run->len;
      while (n > 0 && x + dots->width > limit)
        {
          n--;
          x = (int) lround (g_array_index (self->run, cairo_glyph_t, n).x * PANGO_SCALE);
        }
      g_array_set_size (self->run, n);
      g_ptr_array_set_size (self->run_fonts, n);
      append_glyph (self, like, 0x2026, &x, &ascent, &descent);
    }
  *w = PANGO_PIXELS_CEIL (x);
  *h = PANGO_PIXELS_CEIL (ascent + descent);
  *baseline = ascent / (double) PANGO_SCALE;
  return TRUE;
}

/* Draws self->run with its top left at (@x, @y), in the source colour. */
static void
show_simple (PbTimeline *self,
             cairo_t    *cr,
             double      x,
             double      y,
             double      baseline)
{
  cairo_glyph_t *glyphs = (cairo_glyph_t *) self->run->data;
  guint n = self->run->len;

  /* The current point where pango_cairo_show_layout () would leave it
   * (a path begun next, as the health mark's arc, starts from it). */
  cairo_move_to (cr, x, y);
  for (guint i = 0; i < n; i++)
    {
      glyphs[i].x += x;
      glyphs[i].y = y + baseline;
    }
  for (guint i = 0; i < n; )
    {
      PangoFont *font = g_ptr_array_index (self->run_fonts, i);
      guint j = i + 1;

      while (j < n && g_ptr_array_index (self->run_fonts, j) == font)
        j++;
      cairo_set_scaled_font (cr, pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font)));
      cairo_show_glyphs (cr, glyphs + i, (int) (j - i));
      i = j;
    }
}

/* A row's label: as bare glyphs on raster targets when its characters
 * allow, else shaped by Pango and kept in *@slot while the row is in
 * view. Vertically centred in @band below @y. */
static void
show_label (PbTimeline   *self,
            cairo_t      *cr,
            gboolean      raster,
            PangoLayout  *like,
            PangoLayout **slot,
            const char   *first,
            const char   *second,
            double        width,
            double        x,
            double        y,
            double        band)
{
  int w, h;
  double baseline;

  if (raster && !self->shape_all && *slot == NULL && shape_simple (self, like, first, second, width, &w, &h, &baseline))
    {
      show_simple (self, cr, x, y + (band - h) / 2, baseline);
      self->n_from_glyphs++;
      return;
    }
  if (*slot == NULL)
    self->n_shaped++;
  if (*slot == NULL && second && first && first[0])
    {
      g_autofree char *text = g_strdup_printf ("%s %s", first, second);

      show_layout (cr, kept_layout (like, slot, text, width), x, y, TRUE, band);
    }
  else
    show_layout (cr, kept_layout (like, slot, second ? second : first, width), x, y, TRUE, band);
}

/* A label of the time scale, shaped once per zoom. */
static void
show_scale_text (PbTimeline  *self,
                 cairo_t     *cr,
                 PangoLayout *like,
                 const char  *text,
                 double       x,
                 double       y,
                 double       band)
{
  PangoLayout *layout = g_hash_table_lookup (self->scale_labels, text);

  if (layout == NULL)
    {
      if (g_hash_table_size (self->scale_labels) > 256)
        g_hash_table_remove_all (self->scale_labels);
      kept_layout (like, &layout, text, -1);
      g_hash_table_insert (self->scale_labels, g_strdup (text), layout);
    }
  show_layout (cr, layout, x, y, TRUE, band);
}

/* The two tiers of the time scale, and the grid lines below them. */
static void
paint_scale (PbTimeline    *self,
             cairo_t       *cr,
             PangoLayout   *layout,
             const Palette *p,
             double         ox,
             double         vx0,
             double         vx1,
             double         bottom)
{
  GDate d;
  guint32 day0 = pb_timeline_day_for_x (self, vx0 - ox);
  guint32 day1 = pb_timeline_day_for_x (self, vx1 - ox) + 1;
  double tier = PB_TIMELINE_HEADER_HEIGHT / 2;

  day0 = MAX (day0, self->first_day);
  day1 = MIN (day1, self->last_day + 1);

  /* Upper tier: years (year and quarter zooms) or months. */
  g_date_clear (&d, 1);
  g_date_set_julian (&d, day0);
  g_date_set_day (&d, 1);
  if (self->zoom <= PB_TIMELINE_ZOOM_QUARTER)
    g_date_set_month (&d, self->zoom == PB_TIMELINE_ZOOM_YEAR ? 1 : ((g_date_get_month (&d) - 1) / 3) * 3 + 1);
  while (g_date_get_julian (&d) < day1)
    {
      GDate next = d;
      char text[64];
      double x0, x1;

      if (self->zoom == PB_TIMELINE_ZOOM_YEAR)
        {
          g_date_add_years (&next, 1);
          g_snprintf (text, sizeof text, "%d", g_date_get_year (&d));
        }
      else if (self->zoom == PB_TIMELINE_ZOOM_QUARTER)
        {
          g_date_add_months (&next, 3);
          g_autofree char *quarter = pb_format_year_quarter (g_date_get_year (&d), (g_date_get_month (&d) - 1) / 3 + 1,
                                                             self->formal);

          g_strlcpy (text, quarter, sizeof text);
        }
      else
        {
          g_date_add_months (&next, 1);
          /* TRANSLATORS: a month on the time scale: year, month */
          g_snprintf (text, sizeof text, _("%d-%02d"), g_date_get_year (&d), g_date_get_month (&d));
        }
      x0 = ox + pb_timeline_x_for_day (self, g_date_get_julian (&d));
      x1 = ox + pb_timeline_x_for_day (self, g_date_get_julian (&next));
      set_rgb (cr, &p->grid);
      cairo_rectangle (cr, floor (x0), 0, 1, bottom);
      cairo_fill (cr);
      set_rgb (cr, &p->fg);
      cairo_save (cr);
      cairo_rectangle (cr, x0, 0, x1 - x0, tier);
      cairo_clip (cr);
      show_scale_text (self, cr, layout, text, MAX (x0, vx0) + 6, 0, tier);
      cairo_restore (cr);
      d = next;
    }

  /* Lower tier: quarters, months or weeks. */
  g_date_set_julian (&d, day0);
  if (self->zoom >= PB_TIMELINE_ZOOM_MONTH)
    g_date_subtract_days (&d, g_date_get_weekday (&d) - G_DATE_MONDAY);
  else
    {
      g_date_set_day (&d, 1);
      if (self->zoom == PB_TIMELINE_ZOOM_YEAR)
        g_date_set_month (&d, ((g_date_get_month (&d) - 1) / 3) * 3 + 1);
    }
  while (g_date_get_julian (&d) < day1)
    {
      GDate next = d;
      char text[32];
      double x0, x1;

      if (self->zoom == PB_TIMELINE_ZOOM_YEAR)
        {
          g_date_add_months (&next, 3);
          g_strlcpy (text, pb_format_quarter ((g_date_get_month (&d) - 1) / 3 + 1, self->formal), sizeof text);
        }
      else if (self->zoom == PB_TIMELINE_ZOOM_QUARTER)
        {
          g_date_add_months (&next, 1);
          g_snprintf (text, sizeof text, "%d", g_date_get_month (&d));
        }
      else
        {
          g_date_add_days (&next, 7);
          g_snprintf (text, sizeof text, "%d", g_date_get_day (&d));
        }
      x0 = ox + pb_timeline_x_for_day (self, g_date_get_julian (&d));
      x1 = ox + pb_timeline_x_for_day (self, g_date_get_julian (&next));
      set_rgb (cr, &p->grid);
      cairo_rectangle (cr, floor (x0), tier, 1, tier);
      cairo_fill (cr);
      /* A unit cut by the left edge goes unlabelled rather than showing
       * the end of its label. */
      if (x1 - x0 >= 18 && x0 >= vx0 - 1)
        {
          set_rgb (cr, &p->dim);
          cairo_save (cr);
          cairo_rectangle (cr, x0, tier, x1 - x0, tier);
          cairo_clip (cr);
          show_scale_text (self, cr, layout, text, x0 + 4, tier, tier);
          cairo_restore (cr);
        }
      d = next;
    }
}

/* The health symbols of pb_health_get_symbol() (● ▲ ■), drawn as shapes. */
static void
paint_health_mark (cairo_t  *cr,
                   PbHealth  health,
                   double    cx,
                   double    cy,
                   double    r)
{
  /* Text leaves a current point behind: an arc would join it with a
   * hairline that a PDF viewer draws. */
  cairo_new_path (cr);
  if (health == PB_HEALTH_BLUE)
    cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  else if (health == PB_HEALTH_YELLOW)
    {
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r, cy + r * 0.8);
      cairo_line_to (cr, cx - r, cy + r * 0.8);
      cairo_close_path (cr);
    }
  else
    cairo_rectangle (cr, cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7);
  cairo_fill (cr);
}

/* Whether a label plate from @lx, @tw wide, covers one of @grips (a bar's
 * start and end, where the pointer resizes it; -G_MAXDOUBLE for none), or
 * the bar's last few pixels inside either, which show where it ends. */
#define END_SHOWN 10.0

static gboolean
covers_grip (double        lx,
             double        tw,
             const double  grips[2])
{
  double from = lx - 2, to = lx + tw + 2;

  if (from < grips[0] + PB_TIMELINE_GRIP_REACH + END_SHOWN && to > grips[0] - PB_TIMELINE_GRIP_REACH - 1)
    return TRUE;
  if (from < grips[1] + PB_TIMELINE_GRIP_REACH + 1 && to > grips[1] - PB_TIMELINE_GRIP_REACH - END_SHOWN)
    return TRUE;
  return FALSE;
}

/* Where a milestone's label of width @tw starts: right of its diamond at
 * @mx, or left of it when it would run past @right (the edge of the
 * viewport, picture, page or tile: a report keeps room after the chart's
 * end for these labels, a picture or the screen may not) and there is room
 * on the left, right of the label column at @left. A label whose start
 * has scrolled past @left while some of it would still show is drawn from
 * @left, whole (sticky, as Gantt charts keep their labels readable).
 *
 * Never over the row's bar's ends, @grips: a plate there would hide where
 * the bar ends (a target due on its last day, most plans' tasks, would
 * seem to end a label's width early) and lie over the grip a drag resizes
 * it by. A label kept right of its diamond that way, which would run past
 * @right, gets a *@room less than @tw: the painter leaves it out. */
static double
milestone_label_x (double        mx,
                   double        tw,
                   double        right,
                   double        left,
                   const double  grips[2],
                   double       *room)
{
  double after = mx + 9, before = mx - 9 - tw;

  *room = tw;
  if (after < left + 2 && after + tw > left && !covers_grip (left + 2, tw, grips))
    return left + 2;
  if (!covers_grip (after, tw, grips) && (after + tw + 2 <= right || before - 2 < left))
    return after;
  if (before - 2 >= left && !covers_grip (before, tw, grips))
    return before;
  if (covers_grip (after, tw, grips))
    {
      /* A target inside the bar, near an end: past the bar's end. */
      double beyond = MAX (grips[0], grips[1]) + PB_TIMELINE_GRIP_REACH + 4;

      if (beyond > after)
        after = beyond;
    }
  *room = MIN (tw, right - 2 - after);
  return after;
}

/**
 * pb_timeline_paint:
 * @cr: where to paint, with (0, 0) at the viewport's top left
 * @scroll_x: the chart area's x at the left of the viewport's chart part
 * @scroll_y: the chart area's y at the top of the viewport's rows
 * @width: the viewport's width, label column included
 * @height: the viewport's height, time scale included
 * @dark: paint for a dark style
 * @stats: (out) (optional): what was painted, for tests and benchmarks
 *
 * Paints the label column pinned left, the time scale pinned top, and the
 * rows, bars, milestones, dependencies, today line and period shading
 * that fall in the viewport.
 */
void
pb_timeline_paint (PbTimeline           *self,
                   cairo_t              *cr,
                   double                scroll_x,
                   double                scroll_y,
                   double                width,
                   double                height,
                   gboolean              dark,
                   PbTimelinePaintStats *stats)
{
  PbTimelinePaintStats counted = { 0 };
  PangoLayout *layout, *bold;
  PangoFontDescription *font;
  Palette p;
  double lw = MIN (self->label_width, width / 2);
  double top = PB_TIMELINE_HEADER_HEIGHT;
  double ox = lw - scroll_x;              /* viewport x of chart x 0 */
  double oy = top - scroll_y;             /* viewport y of chart y 0 */
  double rows_h;
  guint first, last;
  gboolean raster = is_raster (cr);

  pb_timeline_layout (self);
  palette_init (&p, dark);
  rows_h = pb_timeline_get_height (self);

  /* The layouts and their context live as long as the chart; each frame
   * only brings the context up to date with its cairo_t. */
  if (self->layout == NULL)
    {
      PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

      /* Plans are Chinese: their own script's forms (set each frame
       * below), whatever the locale. */
      font = pango_font_description_from_string ("Sans 9");
      self->layout = pango_layout_new (context);
      pango_layout_set_font_description (self->layout, font);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      self->bold = pango_layout_new (context);
      pango_layout_set_font_description (self->bold, font);
      pango_layout_set_ellipsize (self->bold, PANGO_ELLIPSIZE_END);
      pango_font_description_free (font);
      g_object_unref (context);
    }
  {
    /* The plan's own script's forms: the drawing's, else the plan's. */
    const char *language = pb_render_get_language (cr);
    PangoLanguage *want = pango_language_from_string (language ? language : self->language);

    if (pango_context_get_language (pango_layout_get_context (self->layout)) != want)
      {
        PangoFontDescription *face = pango_font_description_from_string ("Sans 9");

        pango_context_set_language (pango_layout_get_context (self->layout), want);
        pb_render_set_font_script (face, pango_language_to_string (want));
        pango_layout_set_font_description (self->layout, face);
        pango_font_description_set_weight (face, PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description (self->bold, face);
        pango_font_description_free (face);
        /* The kept labels have the old script's faces. */
        self->context_serial = 0;
      }
  }
  /* A new target (a PDF page after the screen) may shape differently:
   * then every kept label is shaped again. */
  {
    cairo_matrix_t m;
    cairo_font_options_t *options = cairo_font_options_create ();
    cairo_surface_t *target = cairo_get_target (cr);
    gulong key;

    /* pango_cairo_update_context () marks the context changed every time,
     * which would reshape every kept label: only a new scale or rotation,
     * new font options, another kind of target or another script do. */
    cairo_get_matrix (cr, &m);
    cairo_surface_get_font_options (target, options);
    key = cairo_font_options_hash (options) ^ ((gulong) cairo_surface_get_type (target) << 24);
    cairo_font_options_destroy (options);
    if (self->context_serial == 0 || key != self->context_key ||
        memcmp (&m, &self->context_matrix, 4 * sizeof (double)) != 0)
      {
        pango_cairo_update_context (cr, pango_layout_get_context (self->layout));
        forget_all_labels (self);
        pango_layout_context_changed (self->layout);
        pango_layout_context_changed (self->bold);
        self->context_serial = MAX (pango_context_get_serial (pango_layout_get_context (self->layout)), 1);
        self->context_key = key;
        self->context_matrix = m;
      }
  }
  if (self->scale_zoom != self->zoom)
    {
      g_hash_table_remove_all (self->scale_labels);
      self->scale_zoom = self->zoom;
    }
  self->frame++;
  self->n_shaped = self->n_from_glyphs = 0;
  layout = self->layout;
  bold = self->bold;

  cairo_save (cr);
  set_rgb (cr, &p.bg);
  cairo_paint (cr);

  /* The chart area: period shading, rows, grid, bars. */
  cairo_save (cr);
  cairo_rectangle (cr, lw, top, width - lw, height - top);
  cairo_clip (cr);

  if (self->period_start && self->period_end >= self->period_start)
    {
      set_rgb (cr, &p.shade);
      cairo_rectangle (cr, ox + pb_timeline_x_for_day (self, self->period_start), top,
                       (self->period_end + 1 - self->period_start) * self->px_per_day, height - top);
      cairo_fill (cr);
    }

  first = pb_timeline_row_at_y (self, scroll_y);
  last = self->rows->len ? pb_timeline_row_at_y (self, scroll_y + height - top) : 0;
  for (guint i = first; i <= last && i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double y = oy + g_array_index (self->row_y, double, i);
      Box box;
      double grips[2] = { -G_MAXDOUBLE, -G_MAXDOUBLE };

      counted.rows_painted++;
      if (row->kind == ROW_SECTION)
        {
          set_rgb (cr, &p.section);
          cairo_rectangle (cr, lw, y, width - lw, PB_TIMELINE_SECTION_HEIGHT);
          cairo_fill (cr);
          continue;
        }

      if (row_is_selected (self, row))
        {
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, dark ? 0.25 : 0.14);
          cairo_rectangle (cr, lw, y, width - lw, PB_TIMELINE_ROW_HEIGHT);
          cairo_fill (cr);
        }
      set_rgb (cr, &p.grid);
      cairo_rectangle (cr, lw, floor (y + PB_TIMELINE_ROW_HEIGHT) - 1, width - lw, 1);
      cairo_fill (cr);

      if (bar_box (self, i, &box))
        {
          /* Whole pixels: cairo fills aligned boxes without rasterising. */
          double x0 = round (ox + box.x0), x1 = round (ox + MAX (box.x1, box.x0 + 2));
          double by = round (oy + box.y0), bh = box.y1 - box.y0;

          grips[0] = ox + box.x0;
          grips[1] = ox + box.x1;

          if (row->milestone)
            {
              PbRgb c;

              pb_health_get_rgb (row->health, &c);
              set_rgb (cr, &c);
              pb_paint_diamond_path (cr, x1, by + bh / 2, bh / 2 + 1);
              cairo_fill (cr);
            }
          else if (x1 >= lw && x0 <= width)
            {
              /* The track, then the done part in the health's pattern. */
              set_rgb (cr, &p.track);
              cairo_rectangle (cr, x0, by, x1 - x0, bh);
              cairo_fill (cr);
              if (row->status == PB_ITEM_STATUS_CANCELLED)
                {
                  set_rgb (cr, &p.dim);
                  cairo_rectangle (cr, x0, by + bh / 2 - 0.5, x1 - x0, 1);
                  cairo_fill (cr);
                }
              else
                  pb_health_paint_swatch (cr, row->health, x0, by, round (MAX ((x1 - x0) * row->progress, 0)), bh);
              /* The outline in the health's colour, so that health shows
               * before any progress does; four filled hairlines. */
              if (row->health != PB_HEALTH_NONE && row->status != PB_ITEM_STATUS_CANCELLED)
                {
                  PbRgb c;

                  pb_health_get_rgb (row->health, &c);
                  set_rgb (cr, &c);
                }
              else
                set_rgb (cr, &p.dim);
              cairo_rectangle (cr, x0, by, x1 - x0, 1);
              cairo_rectangle (cr, x0, by + bh - 1, x1 - x0, 1);
              cairo_rectangle (cr, x0, by, 1, bh);
              cairo_rectangle (cr, x1 - 1, by, 1, bh);
              cairo_fill (cr);
            }
        }

      for (guint m = row->first_milestone; m < row->first_milestone + row->n_milestones; m++)
        {
          Milestone *ms = &g_array_index (self->milestones, Milestone, m);
          double mx = ox + pb_timeline_x_for_day (self, ms->day + 1);

          if (mx < lw - 80 || mx > width + 8)
            continue;
          counted.milestones_painted++;
          set_rgb (cr, &p.fg);
          pb_paint_diamond_path (cr, mx, y + PB_TIMELINE_ROW_HEIGHT / 2, 6);
          cairo_fill (cr);
          if (ms->label[0])
            {
              int tw, th;
              PangoLayout *label = NULL;
              double baseline = 0;
              gboolean simple;

              /* On a plate of the background, readable over a bar; the
               * text is drawn from its characters' glyphs, or shaped once
               * while its row stays in view. */
              double lx, room;

              row_keep (self, row, i);
              simple = raster && !self->shape_all && ms->layout == NULL &&
                       shape_simple (self, layout, ms->label, NULL, -1, &tw, &th, &baseline);
              if (simple)
                self->n_from_glyphs++;
              else
                {
                  if (ms->layout == NULL)
                    self->n_shaped++;
                  label = kept_layout (layout, &ms->layout, ms->label, -1);
                  pango_layout_get_pixel_size (label, &tw, &th);
                }
              lx = milestone_label_x (mx, tw, width, lw, grips, &room);
              /* No room for it whole, right of a diamond on the bar's
               * end: none, rather than a figure cut short ("12,00…"
               * reads as another number) or a plate over the bar. The
               * diamond's tooltip names the target, and the chart
               * scrolls on far enough to show it (PB_TIMELINE_END_ROOM). */
              if (room < tw)
                continue;
              cairo_set_source_rgba (cr, p.bg.red, p.bg.green, p.bg.blue, 0.9);
              cairo_rectangle (cr, round (lx - 2), round (y + (PB_TIMELINE_ROW_HEIGHT - th) / 2 - 1), tw + 4, th + 2);
              cairo_fill (cr);
              set_rgb (cr, &p.fg);
              if (simple)
                show_simple (self, cr, round (lx), round (y + (PB_TIMELINE_ROW_HEIGHT - th) / 2), baseline);
              else
                {
                  cairo_move_to (cr, round (lx), round (y + (PB_TIMELINE_ROW_HEIGHT - th) / 2));
                  pango_cairo_show_layout (cr, label);
                }
            }
        }
    }

  /* Dependencies whose rows meet the viewport's. */
  if (self->deps->len)
    {
      guint lo = 0, hi = self->deps->len;
      guint from_row = first > self->max_dep_span ? first - self->max_dep_span : 0;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (self->deps, Dependency, mid).min_row < from_row)
            lo = mid + 1;
          else
            hi = mid;
        }
      int chosen = -1;

      set_rgb (cr, &p.arrow);
      cairo_set_line_width (cr, 1.2);
      for (guint i = lo; i < self->deps->len; i++)
        {
          Dependency *d = &g_array_index (self->deps, Dependency, i);
          double pt[12];
          guint n;

          if (d->min_row > last)
            break;
          if (d->max_row < first)
            continue;
          counted.arrows_painted++;
          /* The selected one last, over the others. */
          if (d->from_id == self->selected_from && d->to_id == self->selected_to)
            {
              chosen = (int) i;
              continue;
            }
          n = dependency_points (self, d, pt);
          cairo_move_to (cr, ox + pt[0], oy + pt[1]);
          for (guint s = 1; s < n; s++)
            cairo_line_to (cr, ox + pt[2 * s], oy + pt[2 * s + 1]);
          cairo_stroke (cr);
          paint_arrow_head (cr, ox, oy, pt, n);
        }
      if (chosen >= 0)
        {
          double pt[12];
          guint n = dependency_points (self, &g_array_index (self->deps, Dependency, chosen), pt);

          /* In the selection's colour (libadwaita's accent), thick
           * enough to tell from the others at a glance. */
          if (dark)
            cairo_set_source_rgb (cr, 0.47, 0.68, 0.93);
          else
            cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
          cairo_set_line_width (cr, 3);
          cairo_move_to (cr, ox + pt[0], oy + pt[1]);
          for (guint s = 1; s + 1 < n; s++)
            cairo_line_to (cr, ox + pt[2 * s], oy + pt[2 * s + 1]);
          {
            /* The thick line stops inside the head, not at its tip. */
            double lx = pt[2 * n - 2] - pt[2 * n - 4], ly = pt[2 * n - 1] - pt[2 * n - 3];
            double len = hypot (lx, ly), back = len > 4 ? 4 / len : 0;

            cairo_line_to (cr, ox + pt[2 * n - 2] - lx * back, oy + pt[2 * n - 1] - ly * back);
          }
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1.2);
          paint_arrow_head (cr, ox, oy, pt, n);
        }
    }

  if (self->today >= self->first_day && self->today <= self->last_day)
    {
      double tx = ox + pb_timeline_x_for_day (self, self->today);

      set_rgb (cr, &p.today);
      cairo_rectangle (cr, floor (tx) - 1, top, 2, MIN (height, oy + rows_h) - top);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  /* The time scale, pinned to the top. */
  cairo_save (cr);
  cairo_rectangle (cr, lw, 0, width - lw, top);
  cairo_clip (cr);
  set_rgb (cr, &p.header);
  cairo_paint (cr);
  paint_scale (self, cr, layout, &p, ox, lw, width, top);
  set_rgb (cr, &p.grid);
  cairo_rectangle (cr, lw, top - 1, width - lw, 1);
  cairo_fill (cr);
  cairo_restore (cr);

  /* The label column, pinned to the left. */
  if (lw > 0)
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, lw, height);
      cairo_clip (cr);
      set_rgb (cr, &p.header);
      cairo_paint (cr);
      set_rgb (cr, &p.dim);
      show_text (cr, bold, _("Item"), 8, 0, lw - 16, TRUE, top);
      cairo_rectangle (cr, 0, top, lw, height - top);
      cairo_clip (cr);
      for (guint i = first; i <= last && i < self->rows->len; i++)
        {
          Row *row = &g_array_index (self->rows, Row, i);
          double y = oy + g_array_index (self->row_y, double, i);
          double in = row_indent (self, row);

          if (row->kind == ROW_SECTION)
            {
              set_rgb (cr, &p.section);
              cairo_rectangle (cr, 0, y, lw, PB_TIMELINE_SECTION_HEIGHT);
              cairo_fill (cr);
              set_rgb (cr, &p.fg);
              /* ▾ open, ▸ closed: on screen only, where they fold the
               * section; paper shows the heading alone. */
              if (!self->formal)
                {
                  if (row->collapsed)
                    {
                      cairo_move_to (cr, in + 9, y + PB_TIMELINE_SECTION_HEIGHT / 2 - 5);
                      cairo_line_to (cr, in + 15, y + PB_TIMELINE_SECTION_HEIGHT / 2);
                      cairo_line_to (cr, in + 9, y + PB_TIMELINE_SECTION_HEIGHT / 2 + 5);
                    }
                  else
                    {
                      cairo_move_to (cr, in + 7, y + PB_TIMELINE_SECTION_HEIGHT / 2 - 3);
                      cairo_line_to (cr, in + 17, y + PB_TIMELINE_SECTION_HEIGHT / 2 - 3);
                      cairo_line_to (cr, in + 12, y + PB_TIMELINE_SECTION_HEIGHT / 2 + 3);
                    }
                  cairo_close_path (cr);
                  cairo_fill (cr);
                }
              row_keep (self, row, i);
              show_label (self, cr, raster, bold, &row->label, row->title, NULL,
                          lw - (self->formal ? 16 : row->id > 0 ? 50 : 30) - in, label_x (self, row), y,
                          PB_TIMELINE_SECTION_HEIGHT);
              /* "⋯": where the section's menu opens (the view's hit). */
              if (row->id > 0 && !self->formal)
                for (int d = -1; d <= 1; d++)
                  {
                    cairo_new_sub_path (cr);
                    cairo_arc (cr, lw - 14 + d * 5, y + PB_TIMELINE_SECTION_HEIGHT / 2, 1.5, 0, 2 * G_PI);
                    cairo_fill (cr);
                  }
            }
          else
            {
              double lead_w = row->lead[0] ? MIN (96, lw / 3) : 0;

              if (row_is_selected (self, row))
                {
                  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, dark ? 0.25 : 0.14);
                  cairo_rectangle (cr, 0, y, lw, PB_TIMELINE_ROW_HEIGHT);
                  cairo_fill (cr);
                }
              /* The health's symbol (● ▲ ■), readable without colour. */
              if (row->health != PB_HEALTH_NONE)
                {
                  PbRgb c;

                  pb_health_get_rgb (row->health, &c);
                  set_rgb (cr, &c);
                  paint_health_mark (cr, row->health, in + 12, y + PB_TIMELINE_ROW_HEIGHT / 2, 4.5);
                }
              row_keep (self, row, i);
              set_rgb (cr, &p.fg);
              show_label (self, cr, raster, layout, &row->label, row->number, row->title, lw - 34 - lead_w - in,
                          label_x (self, row), y, PB_TIMELINE_ROW_HEIGHT);
              if (lead_w > 0)
                {
                  set_rgb (cr, &p.dim);
                  show_label (self, cr, raster, layout, &row->lead_label, row->lead, NULL, lead_w, lw - 8 - lead_w, y,
                              PB_TIMELINE_ROW_HEIGHT);
                }
              set_rgb (cr, &p.grid);
              cairo_rectangle (cr, 0, floor (y + PB_TIMELINE_ROW_HEIGHT) - 1, lw, 1);
              cairo_fill (cr);
            }
        }
      cairo_restore (cr);
      set_rgb (cr, &p.grid);
      cairo_rectangle (cr, lw - 1, 0, 1, height);
      cairo_fill (cr);
    }

  cairo_restore (cr);
  forget_unseen_labels (self);
  counted.labels_shaped = self->n_shaped;
  counted.labels_from_glyphs = self->n_from_glyphs;
  if (stats)
    *stats = counted;
}

/**
 * pb_timeline_set_shape_all:
 * @shape_all: lay out every label with Pango, as on PDF, SVG and print
 *
 * On raster targets a label whose characters allow it is laid out from
 * each character's glyph, shaped once (pixel for pixel what Pango would
 * draw); this makes Pango shape every label, for tests to compare.
 */
void
pb_timeline_set_shape_all (PbTimeline *self,
                           gboolean    shape_all)
{
  self->shape_all = shape_all;
}

/* Loading from the store */

static guint32
parse_day (const char *text)
{
  GDate date;

  return pb_date_parse (text, &date) ? g_date_get_julian (&date) : 0;
}

/**
 * pb_timeline_new_from_store:
 * @today: the Julian day judged as today (health, today line)
 * @collapsed: (nullable) (element-type gint64 gint64): ids of sections whose
 *   items are left out (0 for items in no section)
 *
 * Returns: (transfer full) (nullable): the plan's chart: its sections in
 *   order with their items, each target as a milestone at the end of its
 *   year, and the dependencies; %NULL with @error when there is no plan
 */
PbTimeline *
pb_timeline_new_from_store (PbStore     *store,
                            gint64       plan_id,
                            guint32      today,
                            GHashTable  *collapsed,
                            GError     **error)
{
  return pb_timeline_new_from_store_full (store, plan_id, today, collapsed, FALSE, error);
}

/**
 * pb_timeline_new_from_store_full:
 * @every_section: %TRUE to give each section its header, empty ones too
 *   (on screen, where a section just added is edited from its header);
 *   %FALSE for only the sections that hold items (printed)
 *
 * pb_timeline_new_from_store() with the choice of headers.
 */
PbTimeline *
pb_timeline_new_from_store_full (PbStore     *store,
                                 gint64       plan_id,
                                 guint32      today,
                                 GHashTable  *collapsed,
                                 gboolean     every_section,
                                 GError     **error)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GHashTable) serving = NULL;
  g_autoptr(GPtrArray) all_targets = NULL;
  g_autoptr(GHashTable) first_target = NULL;
  g_autoptr(GListModel) deps = NULL;
  g_autoptr(GHashTable) leads = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GHashTable) org_names = NULL;
  guint hidden_depth = G_MAXUINT; /* of the folded section being passed */
  gint64 hidden_key = 0;
  GDate today_date;
  PbTimeline *self;
  int y0, y1;

  if (plan == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);

      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no plan with the id %s."), id);
      return NULL;
    }

  y0 = pb_plan_get_period_start (plan);
  y1 = pb_plan_get_period_end (plan);
  self = pb_timeline_new (y0 > 0 ? year_start (y0) : 0, y1 >= y0 && y1 > 0 ? year_start (y1 + 1) - 1 : 0, today);
  self->language = pb_store_get_plan_language (store, plan_id);
  g_date_clear (&today_date, 1);
  g_date_set_julian (&today_date, today ? today : year_start (2025));

  leads = pb_store_dup_first_leads (store, plan_id);
  {
    g_autoptr(GListModel) orgs = pb_store_list_organisations (store, plan_id);

    org_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
      {
        g_autoptr(PbOrganisation) org = g_list_model_get_item (orgs, i);
        gint64 org_id = pb_record_get_id (PB_RECORD (org));

        g_hash_table_insert (org_names, g_memdup2 (&org_id, sizeof org_id), g_strdup (pb_organisation_get_name (org)));
      }
  }
  /* Sections and items in document order: a section whose items go on
   * after a sub-section of its own gets a second header there. */
  runs = pb_outline_new_from_store_full (store, plan_id, every_section);
  for (guint s = 0; s < runs->len; s++)
    {
      PbOutlineRun *run = g_ptr_array_index (runs, s);
      PbSection *section = run->section;
      gint64 key = section ? pb_record_get_id (PB_RECORD (section)) : 0;

      /* A folded section hides everything under it: its sub-sections,
       * and its own items that go on after them. */
      if (hidden_depth != G_MAXUINT && section != NULL &&
          (run->depth > hidden_depth || (run->continued && key == hidden_key)))
        continue;
      hidden_depth = G_MAXUINT;
      if (section != NULL && collapsed && g_hash_table_contains (collapsed, &key))
        {
          hidden_depth = run->depth;
          hidden_key = key;
        }

      if (section)
        {
          g_autofree char *title = pb_outline_run_dup_title (run);

          pb_timeline_add_section_at_depth (self, key, title,
                                            collapsed && g_hash_table_contains (collapsed, &key), run->depth);
        }
      else
        pb_timeline_add_section_full (self, 0, _("No section"), collapsed && g_hash_table_contains (collapsed, &key));
      if (collapsed && g_hash_table_contains (collapsed, &key))
        continue;

      for (guint i = 0; i < run->items->len; i++)
        {
          PbItem *item = g_ptr_array_index (run->items, i);
          PbRecord *r = PB_RECORD (item);
          gint64 id = pb_record_get_id (r);
          gint64 *lead = g_hash_table_lookup (leads, &id);
          guint32 start = parse_day (pb_record_get_string (r, "start_date"));
          guint32 due = parse_day (pb_record_get_string (r, "due_date"));

          /* An item due on the day it starts, or with only a due date, is
           * a milestone. */
          if (start == 0)
            start = due;
          pb_timeline_add_item (self, id, pb_item_get_number (item), pb_item_get_title (item),
                                lead ? g_hash_table_lookup (org_names, lead) : NULL,
                                start, due,
                                pb_store_get_item_completion (store, item, &today_date),
                                pb_store_get_item_health (store, item, &today_date, NULL),
                                pb_item_get_status (item),
                                due != 0 && start == due);
        }
    }

  /* Each target: a diamond at the end of its year, on its item's row.
   * The plan's targets are read in one query (one per indicator made a
   * plan of 5,000 indicators 5,000 queries), in each indicator's order of
   * pb_store_list_targets (). */
  indicators = pb_store_list_indicators (store, plan_id);
  serving = pb_store_dup_indicator_items (store, plan_id);
  all_targets = pb_store_dup_records_where (store, PB_TYPE_TARGET,
                                            "indicator_id IN (SELECT id FROM indicator WHERE plan_id = ?1)"
                                            " ORDER BY indicator_id, year, stretch, id", plan_id);
  first_target = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint t = all_targets->len; t-- > 0; )
    {
      gint64 indicator_id = pb_record_get_int (g_ptr_array_index (all_targets, t), "indicator_id");

      g_hash_table_insert (first_target, g_memdup2 (&indicator_id, sizeof indicator_id), GUINT_TO_POINTER (t + 1));
    }
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      gint64 indicator_id = pb_record_get_id (PB_RECORD (k));
      GArray *served = g_hash_table_lookup (serving, &indicator_id);
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (first_target, &indicator_id));

      for (guint t = first ? first - 1 : all_targets->len;
           t < all_targets->len &&
           pb_record_get_int (g_ptr_array_index (all_targets, t), "indicator_id") == indicator_id;
           t++)
        {
          PbTarget *target = g_ptr_array_index (all_targets, t);
          gint64 item_id = pb_record_get_int (PB_RECORD (target), "item_id");
          g_autofree char *label = pb_format_amount (pb_target_get_value (target), pb_indicator_get_measure_unit (k));

          /* Stated by no item: on the first item that serves it. */
          if (item_id == 0 && served != NULL)
            item_id = g_array_index (served, gint64, 0);
          if (pb_record_get_boolean (PB_RECORD (target), "stretch"))
            continue;
          pb_timeline_add_milestone (self, item_id, year_start (pb_target_get_year (target) + 1) - 1, label);
        }
    }

  deps = pb_store_list_dependencies (store, plan_id);
  for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
    {
      g_autoptr(PbRecord) d = g_list_model_get_item (deps, i);

      pb_timeline_add_dependency (self, pb_record_get_int (d, "from_item_id"),
                                  pb_record_get_int (d, "to_item_id"), (int) pb_record_get_int (d, "lag_days"));
    }

  pb_timeline_layout (self);
  return self;
}

/* An item's row as the store has it: dates (an item due on the day it
 * starts, or with only a due date, is a milestone), completion, health. */
static gboolean
update_item_from_store (PbTimeline  *self,
                        PbStore     *store,
                        PbItem      *item,
                        const GDate *today)
{
  PbRecord *r = PB_RECORD (item);
  guint32 start = parse_day (pb_record_get_string (r, "start_date"));
  guint32 due = parse_day (pb_record_get_string (r, "due_date"));

  if (start == 0)
    start = due;
  return pb_timeline_update_item (self, pb_record_get_id (r), pb_item_get_section_id (item),
                                  pb_item_get_number (item), pb_item_get_title (item), start, due,
                                  pb_store_get_item_completion (store, item, today),
                                  pb_store_get_item_health (store, item, today, NULL),
                                  pb_item_get_status (item), due != 0 && start == due);
}

/**
 * pb_timeline_update_from_store:
 * @self: a chart made by pb_timeline_new_from_store()
 * @plan_id: its plan
 * @today: the Julian day it was made for
 * @collapsed: (nullable): as given to pb_timeline_new_from_store()
 * @changed: (element-type gint64): ids of items that changed (see
 *   pb_store_dup_changed_ids())
 * @items: (element-type PbItem): every item of the plan
 *
 * Brings the rows of @changed up to date, and every row's completion and
 * health (an item's dates move its successors' health): the cost of an
 * edit is a row and a hash lookup per item, not the chart made again.
 *
 * Returns: %FALSE when the change moved rows (an item added, deleted,
 *   moved to another section or place): then make the chart again
 */
gboolean
pb_timeline_update_from_store (PbTimeline *self,
                               PbStore    *store,
                               gint64      plan_id,
                               guint32     today,
                               GHashTable *collapsed,
                               GArray     *changed,
                               GPtrArray  *items)
{
  GDate today_date;

  g_date_clear (&today_date, 1);
  g_date_set_julian (&today_date, today ? today : year_start (2025));

  for (guint i = 0; i < changed->len; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, g_array_index (changed, gint64, i));
      gint64 section;

      if (item == NULL)
        return FALSE;
      if (pb_item_get_plan_id (item) != plan_id)
        continue;
      section = pb_item_get_section_id (item);
      if (collapsed && g_hash_table_contains (collapsed, &section) &&
          !pb_timeline_get_item_row (self, pb_record_get_id (PB_RECORD (item)), NULL))
        continue;
      if (!update_item_from_store (self, store, item, &today_date))
        return FALSE;
    }

  /* The health of the items the change judged again, when the health
   * cache can say which (an edit of items); else every item's. */
  {
    g_autoptr(GArray) updated = pb_store_dup_item_health_updates (store, plan_id, &today_date);

    for (guint i = 0; updated != NULL && i < updated->len; i++)
      {
        g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, g_array_index (updated, gint64, i));

        if (item != NULL && !pb_record_is_deleted (PB_RECORD (item)) && pb_item_get_plan_id (item) == plan_id)
          pb_timeline_set_item_health (self, pb_record_get_id (PB_RECORD (item)),
                                       pb_store_get_item_completion (store, item, &today_date),
                                       pb_store_get_item_health (store, item, &today_date, NULL));
      }
    for (guint i = 0; updated == NULL && i < items->len; i++)
      {
        PbItem *item = g_ptr_array_index (items, i);

        pb_timeline_set_item_health (self, pb_record_get_id (PB_RECORD (item)),
                                     pb_store_get_item_completion (store, item, &today_date),
                                     pb_store_get_item_health (store, item, &today_date, NULL));
      }
  }
  return TRUE;
}

/**
 * pb_timeline_get_end_room:
 *
 * Returns: how much room after the chart's last day the labels of the
 *   targets near it take, right of their diamonds (where they go, never
 *   over a bar's end): at least PB_TIMELINE_END_ROOM. The window scrolls
 *   that far, a picture and a report's chart are that much wider.
 */
double
pb_timeline_get_end_room (PbTimeline *self)
{
  double width, room = PB_TIMELINE_END_ROOM;
  PangoContext *context = NULL;
  PangoLayout *layout = NULL;

  pb_timeline_layout (self);
  width = pb_timeline_get_width (self);
  for (guint i = 0; i < self->milestones->len; i++)
    {
      Milestone *ms = &g_array_index (self->milestones, Milestone, i);
      double mx = pb_timeline_x_for_day (self, ms->day + 1);
      int tw, th;

      /* Labels wider than the room need more only near the end. */
      if (ms->label == NULL || ms->label[0] == '\0' || mx + 9 + 1000 < width + room)
        continue;
      if (layout == NULL)
        {
          PangoFontDescription *face = pango_font_description_from_string ("Sans 9");

          context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
          pango_context_set_language (context, pango_language_from_string (self->language));
          pb_render_set_font_script (face, self->language);
          layout = pango_layout_new (context);
          pango_layout_set_font_description (layout, face);
          pango_font_description_free (face);
        }
      pango_layout_set_text (layout, ms->label, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      /* The diamond's 9 px, the plate's 2 and a little to spare. */
      room = MAX (room, ceil (mx + 9 + tw + 8 - width));
    }
  g_clear_object (&layout);
  g_clear_object (&context);
  return room;
}

/**
 * pb_timeline_get_natural_width:
 *
 * Returns: the width the whole chart takes at its zoom: the label column,
 *   every day of the plan's years, and room for the labels of the targets
 *   due on the last day, after its diamonds (pb_timeline_get_end_room())
 */
double
pb_timeline_get_natural_width (PbTimeline *self)
{
  return ceil (self->label_width + pb_timeline_get_width (self) + pb_timeline_get_end_room (self));
}

/**
 * pb_timeline_write_file:
 * @path: ends in .png, .svg or .pdf
 * @width: the picture's width in pixels (points for PDF and SVG), or 0 for
 *   the chart's natural width at its zoom
 *
 * Paints the whole chart, label column and time scale included: every row
 * and every year of the plan. A chart wider than @width is scaled down to
 * fit it, never cut; the height holds every row.
 */
gboolean
pb_timeline_write_file (PbTimeline  *self,
                        const char  *path,
                        double       width,
                        GError     **error)
{
  double natural = pb_timeline_get_natural_width (self);
  double scale = width > 0 && width < natural ? width / natural : 1.0;
  double height;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  g_autofree char *lower = g_ascii_strdown (path, -1);
  enum { PNG, SVG, PDF } kind;

  if (g_str_has_suffix (lower, ".png"))
    kind = PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    kind = SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    kind = PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a .png, .svg or .pdf file name"), path);
      return FALSE;
    }

  if (width <= 0)
    width = natural;
  height = ceil ((PB_TIMELINE_HEADER_HEIGHT + pb_timeline_get_height (self) + 8) * scale);
  if (kind == PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width), (int) ceil (height));
  else if (kind == SVG)
    surface = cairo_svg_surface_create (path, width, height);
  else
    surface = cairo_pdf_surface_create (path, width, height);

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  pb_timeline_paint (self, cr, 0, 0, width / scale, height / scale, FALSE, NULL);
  cairo_destroy (cr);
  if (kind == PNG)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
