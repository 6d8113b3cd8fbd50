/* pb-timeline-view.c — the plan's Gantt chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scrollable widget around the render layer's PbTimeline: it rebuilds the
 * chart when the store changes what it shows (when next on screen), paints the visible part with the shared
 * painter, and turns drags and keys into store commands:
 *   - click a section's header to collapse or open it; its "⋯" or a
 *     right-click opens the section's menu (the board's column menu);
 *     Up and Down reach the headers too, where Menu or Shift+F10 opens
 *     that menu and Return folds the section;
 *   - Ctrl-click chooses several bars, Shift-click a run of them (Ctrl+A,
 *     a window action, all in view): the window's edits apply to them all;
 *     a right-click on a bar, or Menu / Shift+F10, emits ::items-menu, for
 *     which the window opens the chosen items' menu;
 *   - drag a bar to move it, its ends to change start or due date, by
 *     the zoom's unit: at the Years, Quarters and Months zooms a calendar
 *     month (a move shifts both dates by whole months, the start's day of
 *     the month kept and a month end staying a month end, as Shift+arrows
 *     and Shift Dates… do; a dragged end snaps to a month's first or last
 *     day), at the Weeks zoom a day; Ctrl+drag from one bar to another adds a
 *     dependency (with an Undo toast, choosing nothing: a Ctrl-click
 *     chooses when the button is let go without a drag; the toast says
 *     when the dates already contradict it); a click on a dependency's
 *     arrow (or within PB_TIMELINE_DEPENDENCY_REACH of it) chooses it
 *     alone, drawn so, and Delete removes it; a plain click on the
 *     chart's empty space chooses nothing, and Delete with nothing chosen
 *     deletes nothing;
 *   - with several bars chosen, dragging one of them (its middle) or
 *     Shift+Left/Right moves them all by the same days or months, as one command
 *     (the bulk bar's Shift Dates…), every one drawn where it goes while
 *     dragged; a move taking one of them out of the plan's period is
 *     refused whole, saying why; the chosen bars stay chosen, and a
 *     press on one of them chooses it alone only when let go without a
 *     drag; Escape cancels any drag;
 *   - Up/Down select, Shift+Left/Right shift dates, Alt+Shift+Left/Right
 *     change the duration (of the selected bar alone), by a calendar
 *     month (a day at the Weeks zoom), +/− and 0 zoom, with or without Ctrl (0 fits
 *     the plan period), Ctrl+scroll zooms; a zoom keeps the day under
 *     the pointer under it (Ctrl+scroll, pinch), else (keys, buttons)
 *     the selected bar, else today's line, where it is on screen or
 *     brings it into view; Enter opens the item.
 * Every edit is one undoable store command; a due date before the start is
 * refused, and the "hint" signal says why.
 */
#define G_LOG_DOMAIN "pb-timeline-view"

#include "config.h"
#include "pb-trace.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "pb-application.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-format.h"
#include "pb-timeline-view.h"
#include "pb-ui-util.h"

struct _PbTimelineView
{
  GtkWidget       parent_instance;

  PbStore        *store;
  PbPlan         *plan;
  PbTimeline     *timeline;
  PbTimelineZoom  zoom;
  GDate           today;
  gint64          selected;
  gint64          selected_dep_from;
  gint64          selected_dep_to;
  /* Room kept below the last row, for the bulk bar that lies over the
   * chart's bottom while several bars are chosen. */
  double          bottom_inset;

  GtkAdjustment  *hadjustment;
  GtkAdjustment  *vadjustment;
  guint           hscroll_policy : 1;
  guint           vscroll_policy : 1;

  double          drag_x;
  double          drag_y;
  /* While the pointer drags: where it is, and what release would do. */
  gboolean        dragging;
  gboolean        drag_cancelled;
  double          drag_to_x;
  double          drag_to_y;
  GdkModifierType drag_modifiers;
  gboolean        fit_pending;  /* a new plan shows its whole period */
  gboolean        stale;        /* the chart no longer matches the store */
  PbNumberStyle   built_style;  /* the Amounts preference its labels were made in */
  gboolean        follows_style; /* connected to the preference */
  GListModel     *items;        /* the plan's items, to see rows come, go and move */
  GPtrArray      *held;         /* the same, held while the chart is */
  gboolean        moved;        /* items came, went or moved since the chart was made */
  GHashTable     *collapsed;    /* section ids whose items are hidden */
  GHashTable     *chosen;       /* item ids chosen with Ctrl/Shift-click or Ctrl+A */
  gint64          anchor;       /* the bar a Shift-click runs from */
  /* The keyboard on a section's header (Up/Down reach it, a click on it
   * puts it there): Menu or Shift+F10 opens its menu, Return folds it. */
  gboolean        header_focused;
  gint64          focus_section;
  /* A Ctrl-click pressed on the chart: it chooses when the button is let
   * go without a drag; a drag from it draws a dependency instead. */
  gboolean        click_pending;
  double          click_x;
  double          click_y;
  GdkModifierType click_state;
  GtkWidget      *section_menu; /* a GtkPopoverMenu */
  /* Where the pointer came in, and whether it has moved since: a bar's
   * tooltip waits for the pointer to move over the chart. */
  double          enter_x;
  double          enter_y;
  gboolean        pointer_moved;
  /* Where the pointer is over the view (widget x), for Ctrl+scroll's zoom. */
  gboolean        pointer_in;
  double          pointer_x;
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  PROP_N_SELECTED,
};

enum {
  ITEM_ACTIVATED,
  HINT,
  SELECTION_CHANGED,
  ITEMS_MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (PbTimelineView, pb_timeline_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static double
label_width (PbTimelineView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  /* The label column: a third of a narrow view, at most 300 px. */
  return CLAMP (width / 3.0, 120, 300);
}

static void
configure_adjustments (PbTimelineView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double chart_w = 0, chart_h = 0;
  double page_w = MAX (width - label_width (self), 1);
  double page_h = MAX (height - PB_TIMELINE_HEADER_HEIGHT, 1);

  if (self->timeline)
    {
      pb_timeline_set_label_width (self->timeline, label_width (self));
      /* Room after the last year for the labels of targets due at its end. */
      chart_w = pb_timeline_get_width (self->timeline) + pb_timeline_get_end_room (self->timeline);
      chart_h = pb_timeline_get_height (self->timeline);
    }
  if (self->hadjustment)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0, MAX (chart_w - page_w, 0)),
                              0, MAX (chart_w, page_w), 20, page_w * 0.9, page_w);
  if (self->vadjustment)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     MAX (chart_h + self->bottom_inset - page_h, 0)),
                              0, MAX (chart_h + self->bottom_inset, page_h), PB_TIMELINE_ROW_HEIGHT, page_h * 0.9, page_h);
}

/* What assistive technology hears: how many rows, and the selected bar
 * in words. (GTK 4.8 cannot give a widget accessible children of its own;
 * the rows are reached with Up and Down, each announced here.) */
static void
update_accessible (PbTimelineView *self)
{
  g_autofree char *description = NULL;
  guint row = 0, n_rows = self->timeline ? pb_timeline_get_n_rows (self->timeline) : 0;

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_ROW_COUNT, (int) n_rows, -1);

  if (self->timeline && self->selected && self->store &&
      pb_timeline_get_item_row (self->timeline, self->selected, &row))
    {
      g_autoptr(PbItem) item = pb_store_get_record (self->store, PB_TYPE_ITEM, self->selected);
      const char *reason = NULL;
      const char *start, *due;
      PbHealth health;

      if (item)
        {
          health = pb_store_get_item_health (self->store, item, &self->today, &reason);
          start = pb_record_get_string (PB_RECORD (item), "start_date");
          due = pb_record_get_string (PB_RECORD (item), "due_date");
          g_autofree char *percent = pb_format_percent (pb_store_get_item_completion (self->store, item, &self->today));

          /* Translators: the selected bar, for screen readers: row, number and
           * title, start, due, progress (as 85%), health symbol and why */
          description = g_strdup_printf (_("Row %u of %u: %s %s, %s to %s, %s done, %s %s"),
                                         row + 1, n_rows, pb_item_get_number (item), pb_item_get_title (item),
                                         start ? start : "—", due ? due : "—",
                                         percent,
                                         pb_health_get_symbol (health), reason ? reason : "");
        }
    }
  if (description == NULL && self->header_focused && self->store)
    {
      g_autoptr(PbSection) section = self->focus_section > 0
                                     ? pb_store_get_record (self->store, PB_TYPE_SECTION, self->focus_section) : NULL;

      if (section)
        {
          g_autofree char *heading = pb_format_section_heading (pb_section_get_number (section),
                                                                pb_section_get_title (section));

          /* Translators: a section header the keyboard is on, for screen
           * readers; %s is its number and title, "二、保障措施" */
          description = g_strdup_printf (_("Section %s: Menu opens its menu, Return folds or opens it"), heading);
        }
    }
  if (description == NULL)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row; select one with Up and Down",
                                                "%u rows; select one with Up and Down", n_rows), n_rows);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void items_moved_cb (PbTimelineView *self);

/* The plan's live list of items, followed for moves (items_moved_cb ()). */
static void
ensure_items (PbTimelineView *self)
{
  if (self->items != NULL || self->plan == NULL || self->store == NULL)
    return;
  self->items = pb_store_list_items (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (items_moved_cb), self);
}

/* Builds the chart when the store or the view's plan changed since. */
static void
ensure_timeline (PbTimelineView *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->stale)
    return;
  ensure_items (self);
  self->stale = FALSE;
  self->moved = FALSE;
  g_clear_pointer (&self->held, g_ptr_array_unref);
  if (self->plan && self->store)
    {
      pb_trace_start ("timeline: building");
      self->held = pb_store_dup_plan_items (self->store, pb_record_get_id (PB_RECORD (self->plan)));
      /* Its milestone labels are formatted now, in the Amounts
       * preference of the moment (1.5万个 or 15,000个). */
      self->built_style = pb_format_get_style ();
      self->timeline = pb_timeline_new_from_store_full (self->store, pb_record_get_id (PB_RECORD (self->plan)),
                                                        g_date_get_julian (&self->today), self->collapsed, TRUE,
                                                        &error);
      if (self->timeline)
        {
          pb_timeline_set_zoom (self->timeline, self->zoom);
          pb_timeline_set_selected (self->timeline, self->selected);
          pb_timeline_set_chosen (self->timeline, self->chosen);
          pb_timeline_set_selected_dependency (self->timeline, self->selected_dep_from, self->selected_dep_to);
        }
      else
        g_warning ("%s", error->message);
    }
  pb_trace_start ("timeline: built");
  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The chart is out of date: rebuilt now when on screen, else when next
 * shown or asked for, so a hidden Timeline page costs nothing at start-up
 * or while the board is edited. */
static void
invalidate (PbTimelineView *self)
{
  g_clear_pointer (&self->timeline, pb_timeline_free);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_timeline (self);
}

/* An edit of items already on the chart updates their rows; anything
 * else makes the chart again. */
static gboolean
update_rows (PbTimelineView *self)
{
  g_autoptr(GArray) changed = NULL;

  if (self->timeline == NULL || self->stale || self->moved || self->held == NULL)
    return FALSE;
  changed = pb_store_dup_changed_ids (self->store, "item");
  if (changed == NULL ||
      !pb_timeline_update_from_store (self->timeline, self->store, pb_record_get_id (PB_RECORD (self->plan)),
                                      g_date_get_julian (&self->today), self->collapsed, changed, self->held))
    return FALSE;
  configure_adjustments (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
items_moved_cb (PbTimelineView *self)
{
  self->moved = TRUE;
}

static void
store_changed_cb (PbTimelineView *self,
                  const char     *table)
{
  /* What the chart shows; notes, actuals and aliases are not drawn. */
  static const char * const shown[] = {
    "plan", "section", "item", "item_org", "organisation", "indicator", "item_indicator", "target", "dependency", NULL
  };

  if (self->plan == NULL || !g_strv_contains (shown, table))
    return;
  if (g_str_equal (table, "plan") && pb_record_is_deleted (PB_RECORD (self->plan)))
    {
      pb_timeline_view_set_plan (self, NULL);
      return;
    }
  if (g_str_equal (table, "item") && update_rows (self))
    return;
  invalidate (self);
}

/* Widget point → chart coordinates, and back. */
static void
chart_point (PbTimelineView *self,
             double          x,
             double          y,
             double         *cx,
             double         *cy)
{
  *cx = x - label_width (self) + gtk_adjustment_get_value (self->hadjustment);
  *cy = y - PB_TIMELINE_HEADER_HEIGHT + gtk_adjustment_get_value (self->vadjustment);
}

void
pb_timeline_view_widget_point (PbTimelineView *self,
                               double          chart_x,
                               double          chart_y,
                               double         *x,
                               double         *y)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));
  *x = chart_x + label_width (self) - gtk_adjustment_get_value (self->hadjustment);
  *y = chart_y + PB_TIMELINE_HEADER_HEIGHT - gtk_adjustment_get_value (self->vadjustment);
}

static void
format_day (guint32  day,
            char    *out)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, day);
  pb_date_format (&d, out);
}

/* Sets an item's dates as one command, refusing a due date before its start. */
static gboolean
set_dates (PbTimelineView *self,
           gint64          item_id,
           guint32         start,
           guint32         due)
{
  g_autoptr(PbItem) item = pb_store_get_record (self->store, PB_TYPE_ITEM, item_id);
  g_autoptr(GError) error = NULL;
  char start_text[11], due_text[11];

  if (item == NULL || start == 0 || due == 0)
    return FALSE;
  if (due < start)
    {
      g_signal_emit (self, signals[HINT], 0, _("The due date cannot come before the start"));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  format_day (start, start_text);
  format_day (due, due_text);
  if (g_strcmp0 (pb_record_get_string (PB_RECORD (item), "start_date"), start_text) == 0 &&
      g_strcmp0 (pb_record_get_string (PB_RECORD (item), "due_date"), due_text) == 0)
    return FALSE;
  if (!pb_store_set_item_dates (self->store, item, start_text, due_text, &error))
    {
      g_signal_emit (self, signals[HINT], 0, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The chosen bars on the chart, in its order. */
static GArray *
chosen_on_chart (PbTimelineView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->timeline == NULL || g_hash_table_size (self->chosen) == 0)
    return ids;
  for (guint r = 0; r < pb_timeline_get_n_rows (self->timeline); r++)
    {
      gint64 id = pb_timeline_get_row_item (self->timeline, r);

      if (id != 0 && g_hash_table_contains (self->chosen, &id))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* Whether the zoom moves bars by calendar months (a key press moves or
 * stretches a bar a month, a drag moves it by whole months and snaps its
 * ends to months): Years, Quarters and Months, whose grid is months or
 * wider. Weeks, wide enough for days, moves them by days. */
static gboolean
moves_by_months (PbTimelineView *self)
{
  return self->zoom != PB_TIMELINE_ZOOM_WEEK;
}

/* @day (Julian) moved by @months calendar months, a month end staying a
 * month end (pb_date_add_months(), as the store shifts dates); 0 when
 * it would leave the calendar. */
static guint32
day_add_months (guint32 day,
                int     months)
{
  GDate d;

  if (day == 0)
    return 0;
  g_date_clear (&d, 1);
  g_date_set_julian (&d, day);
  pb_date_add_months (&d, months);
  return g_date_valid (&d) ? g_date_get_julian (&d) : 0;
}

/* The whole calendar months a bar starting on @from moves by when the
 * pointer moves @delta days: the move that takes @from nearest to
 * @from + @delta (the earlier on a tie), as a bar starting on the 1st
 * snaps to the nearest month's 1st. */
static int
months_for_delta (guint32 from,
                  int     delta)
{
  gint64 target = (gint64) from + delta;
  gint64 best_gap = G_MAXINT64;
  /* A month is 30.44 days on average; a few either side of that guess. */
  int guess = (int) ((gint64) delta * 10000 / 304369);
  int best = 0;

  for (int m = guess - 2; m <= guess + 2; m++)
    {
      guint32 d = day_add_months (from, m);
      gint64 gap;

      if (d == 0)
        continue;
      gap = ABS ((gint64) d - target);
      if (gap < best_gap)
        best = m, best_gap = gap;
    }
  return best;
}

/* Where a date of a bar moved by @days and @months goes, as
 * pb_store_shift_items() moves it: the months first. */
static guint32
shift_day (guint32 day,
           int     days,
           int     months)
{
  if (day == 0)
    return 0;
  if (months != 0)
    day = day_add_months (day, months);
  return day == 0 ? 0 : (guint32) ((gint64) day + days);
}

/* Moves every chosen bar by @days, or by @months calendar months, as one
 * command ("Reschedule 3 Items"), the bulk bar's Shift Dates…; refused
 * whole, saying why, when one of them would leave the plan's period. The
 * chosen bars stay chosen. */
static gboolean
shift_chosen (PbTimelineView *self,
              int             days,
              int             months)
{
  g_autoptr(GArray) ids = chosen_on_chart (self);
  g_autoptr(GError) error = NULL;

  if (ids->len == 0 || (days == 0 && months == 0))
    return FALSE;
  if (!pb_store_shift_items (self->store, (const gint64 *) ids->data, ids->len, days, months, &error))
    {
      g_signal_emit (self, signals[HINT], 0, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  DRAG_NONE,
  DRAG_DATES,
  DRAG_LINK,
} DragKind;

typedef struct
{
  DragKind kind;
  gint64   item_id;   /* the bar dragged */
  guint32  start;     /* DRAG_DATES: its new dates, snapped */
  guint32  due;
  gint64   to_id;     /* DRAG_LINK: the bar under the pointer, or 0 */
  gboolean clamped;   /* DRAG_DATES: held at the plan's period */
  /* DRAG_DATES of one of several chosen bars: they all move by @shift
   * days, or (@refused) none does, one of them leaving the period. */
  gboolean many;
  int      shift;
  gboolean refused;
  /* DRAG_DATES of a bar's middle by whole months (every zoom but
   * Weeks): every date moves by @months calendar months instead, its day
   * of the month kept, a month end staying a month end (@shift is 0). */
  int      months;
} DragProposal;

/* The plan's period as Julian days; FALSE when it has none. */
static gboolean
period_days (PbTimelineView *self,
             guint32        *first,
             guint32        *last)
{
  int y0 = self->plan ? pb_plan_get_period_start (self->plan) : 0;
  int y1 = self->plan ? pb_plan_get_period_end (self->plan) : 0;
  GDate d;

  if (y0 < 1 || y1 < y0 || y1 > 9999)
    return FALSE;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, G_DATE_JANUARY, y0);
  *first = g_date_get_julian (&d);
  g_date_set_dmy (&d, 31, G_DATE_DECEMBER, y1);
  *last = g_date_get_julian (&d);
  return TRUE;
}

/* A bar dragged beyond the plan's period stops at its edge: the plan runs
 * no earlier and no later (DESIGN: an item's dates lie in its plan's
 * period; the store refuses others). An end already outside it stays. */
static void
clamp_to_period (PbTimelineView *self,
                 PbTimelineHitKind kind,
                 guint32         start,
                 guint32         due,
                 DragProposal   *p)
{
  guint32 first, last;
  int shift;

  if (!period_days (self, &first, &last))
    return;
  switch (kind)
    {
    case PB_TIMELINE_HIT_BAR_START:
      if (p->start < first && p->start < start)
        p->start = MIN (first, start), p->clamped = TRUE;
      break;
    case PB_TIMELINE_HIT_BAR_END:
      if (p->due > last && p->due > due)
        p->due = MAX (last, due), p->clamped = TRUE;
      break;
    default:
      if (p->months != 0)
        {
          /* By whole months: the most months that keep it in the period. */
          int m = p->months;

          while (m != 0)
            {
              guint32 s = day_add_months (start, m), d = day_add_months (due, m);

              if (m < 0 && (s == 0 || (s < first && s < start)))
                m++, p->clamped = TRUE;
              else if (m > 0 && (d == 0 || (d > last && d > due)))
                m--, p->clamped = TRUE;
              else
                break;
            }
          p->months = m;
          p->start = m != 0 ? day_add_months (start, m) : start;
          p->due = m != 0 ? day_add_months (due, m) : due;
          break;
        }
      shift = (int) p->start - (int) start;
      if (shift < 0 && p->start < first)
        shift = MIN (0, (int) first - (int) start), p->clamped = TRUE;
      else if (shift > 0 && p->due > last)
        shift = MAX (0, (int) last - (int) due), p->clamped = TRUE;
      p->start = start + shift;
      p->due = due + shift;
      break;
    }
}

static GArray *chosen_on_chart (PbTimelineView *self);

/* Whether moving every chosen bar by @shift days, or @months months,
 * keeps them in the plan's period, as pb_store_shift_items() wants it (a
 * date already outside it may move). */
static gboolean
shift_stays_in_period (PbTimelineView *self,
                       int             shift,
                       int             months)
{
  g_autoptr(GArray) ids = chosen_on_chart (self);
  guint32 first, last;

  if (!period_days (self, &first, &last))
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    {
      guint32 start = 0, due = 0;

      if (!pb_timeline_get_item_dates (self->timeline, g_array_index (ids, gint64, i), &start, &due))
        continue;
      guint32 new_start = shift_day (start, shift, months);
      guint32 new_due = shift_day (due, shift, months);

      if (start != 0 && start >= first && start <= last && (new_start < first || new_start > last))
        return FALSE;
      if (due != 0 && due >= first && due <= last && (new_due < first || new_due > last))
        return FALSE;
    }
  return TRUE;
}

/* What releasing the pointer at (x1, y1) would do, without doing it. */
static DragProposal
drag_proposal (PbTimelineView  *self,
               double           x0,
               double           y0,
               double           x1,
               double           y1,
               GdkModifierType  modifiers)
{
  DragProposal p = { DRAG_NONE, 0, 0, 0, 0, FALSE, FALSE, 0, FALSE, 0 };
  PbTimelineHit from, to;
  double cx0, cy0, cx1, cy1;
  guint32 start, due, day0, day1;
  int delta;

  ensure_timeline (self);
  if (self->timeline == NULL)
    return p;

  chart_point (self, x0, y0, &cx0, &cy0);
  chart_point (self, x1, y1, &cx1, &cy1);
  pb_timeline_hit_test (self->timeline, cx0, cy0, &from);
  /* Bars and their ends; a target's diamond belongs to its year, not to a
   * drag (except as the start of a Ctrl+drag). */
  if (from.kind != PB_TIMELINE_HIT_BAR && from.kind != PB_TIMELINE_HIT_BAR_START &&
      from.kind != PB_TIMELINE_HIT_BAR_END &&
      !(from.kind == PB_TIMELINE_HIT_MILESTONE && (modifiers & GDK_CONTROL_MASK)))
    return p;
  p.item_id = from.item_id;

  if (modifiers & GDK_CONTROL_MASK)
    {
      p.kind = DRAG_LINK;
      pb_timeline_hit_test (self->timeline, cx1, cy1, &to);
      if (to.item_id != 0 && to.item_id != from.item_id && to.kind != PB_TIMELINE_HIT_SECTION)
        p.to_id = to.item_id;
      return p;
    }

  if (!pb_timeline_get_item_dates (self->timeline, from.item_id, &start, &due) || start == 0 || due == 0)
    return p;
  day0 = pb_timeline_day_for_x (self->timeline, cx0);
  day1 = pb_timeline_day_for_x (self->timeline, cx1);
  delta = (int) day1 - (int) day0;
  p.kind = DRAG_DATES;
  p.start = start;
  p.due = due;
  /* A chosen bar's middle, with others chosen: all of them move. */
  p.many = from.kind == PB_TIMELINE_HIT_BAR && g_hash_table_size (self->chosen) > 1 &&
           g_hash_table_contains (self->chosen, &from.item_id);
  if (delta == 0)
    return p;

  switch (from.kind)
    {
    case PB_TIMELINE_HIT_BAR_START:
      p.start = pb_timeline_snap_day (self->timeline, start + delta);
      break;
    case PB_TIMELINE_HIT_BAR_END:
      /* The bar ends after its due day: snap the end, then step back. */
      p.due = pb_timeline_snap_day (self->timeline, due + 1 + delta) - 1;
      break;
    default:
      if (moves_by_months (self))
        {
          /* A move by whole calendar months, every date as Shift+Left/
           * Right and Shift Dates… move it: the day of the month kept
           * (17 March a month on is 17 April), a month end staying a
           * month end (30 June + 2 months is 31 August). A move changes
           * when a task runs, not its dates' days: the start handle
           * snaps a start to a month's 1st. */
          p.months = months_for_delta (start, delta);
          p.start = day_add_months (start, p.months);
          p.due = day_add_months (due, p.months);
          if (p.months == 0 || p.start == 0 || p.due == 0)
            {
              p.months = 0;
              p.start = start;
              p.due = due;
            }
        }
      else
        {
          p.start = pb_timeline_snap_day (self->timeline, start + delta);
          p.due = due + (p.start - start);
        }
      break;
    }
  if (p.many)
    {
      /* The same days, or months, for every one, none held at the
       * period's edge: a move that takes one of them out of it is
       * refused whole, as Shift Dates… refuses it. */
      p.shift = p.months != 0 ? 0 : (int) p.start - (int) start;
      p.refused = !shift_stays_in_period (self, p.shift, p.months);
      return p;
    }
  clamp_to_period (self, from.kind, start, due, &p);
  return p;
}

/**
 * pb_timeline_view_drag:
 * @x0, @y0: where the drag began, in widget coordinates
 * @x1, @y1: where it ended
 * @modifiers: the keys held (Ctrl: add a dependency)
 *
 * What a pointer drag does, for the gesture and for tests.
 *
 * Returns: whether the store changed
 */
gboolean
pb_timeline_view_drag (PbTimelineView  *self,
                       double           x0,
                       double           y0,
                       double           x1,
                       double           y1,
                       GdkModifierType  modifiers)
{
  DragProposal p;

  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), FALSE);

  /* Released: the drag is over, cancelled or not. */
  self->dragging = FALSE;
  self->drag_cancelled = FALSE;
  p = drag_proposal (self, x0, y0, x1, y1, modifiers);
  if (p.kind == DRAG_NONE)
    return FALSE;

  if (p.kind == DRAG_LINK)
    {
      g_autoptr(GError) error = NULL;

      /* A dependency drawn leaves the selection and the chosen bars as
       * they were: the drag is about the two bars' order, not a choice. */
      if (p.to_id == 0)
        return FALSE;
      if (pb_store_add_dependency (self->store, p.item_id, p.to_id, 0, &error) == 0)
        {
          g_signal_emit (self, signals[HINT], 0, error->message);
          return FALSE;
        }
      /* Like every command's: a toast that names it, with Undo; or, when
       * the dates already say otherwise, one that says so (the planner
       * may move the dates next, or undo). */
      {
        g_autofree char *conflict = pb_ui_dup_dependency_conflict (self->store, p.item_id, p.to_id, 0,
                                                                     pb_store_get_undo_label (self->store));

        pb_ui_toast (GTK_WIDGET (self), conflict ? conflict : pb_store_get_undo_label (self->store), TRUE);
      }
      return TRUE;
    }

  pb_timeline_view_select (self, p.item_id);
  if (p.many)
    return shift_chosen (self, p.shift, p.months);

  {
    guint32 start = 0, due = 0;

    pb_timeline_get_item_dates (self->timeline, p.item_id, &start, &due);
    if (p.clamped)
      {
        /* Translators: a hint after a bar was dragged beyond the plan's
         * period; %d—%d are its first and last years */
        g_autofree char *hint = g_strdup_printf (_("Kept within the plan’s period, %d—%d"),
                                                 pb_plan_get_period_start (self->plan),
                                                 pb_plan_get_period_end (self->plan));

        g_signal_emit (self, signals[HINT], 0, hint);
        gtk_widget_error_bell (GTK_WIDGET (self));
      }
    if (p.start == start && p.due == due)
      return FALSE;
  }
  return set_dates (self, p.item_id, p.start, p.due);
}

/**
 * pb_timeline_view_drag_preview:
 * @self: a timeline view
 * @item_id: (out) (optional): the bar being dragged
 * @start_day: (out) (optional): where its start would go, as a Julian day
 * @due_day: (out) (optional): where its due day would go
 * @to_id: (out) (optional): for a Ctrl+drag, the bar under the pointer
 *
 * What the drag in progress shows: the bar at its snapped new dates, or
 * the line of a dependency being drawn.
 *
 * Returns: %TRUE while a drag of a bar is in progress
 */
gboolean
pb_timeline_view_drag_preview (PbTimelineView *self,
                               gint64         *item_id,
                               guint32        *start_day,
                               guint32        *due_day,
                               gint64         *to_id)
{
  DragProposal p = { DRAG_NONE, 0, 0, 0, 0, FALSE, FALSE, 0, FALSE, 0 };

  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), FALSE);

  if (self->dragging)
    p = drag_proposal (self, self->drag_x, self->drag_y, self->drag_to_x, self->drag_to_y, self->drag_modifiers);
  if (item_id)
    *item_id = p.item_id;
  if (start_day)
    *start_day = p.start;
  if (due_day)
    *due_day = p.due;
  if (to_id)
    *to_id = p.to_id;
  return p.kind != DRAG_NONE;
}

/* The ghosts of @p: the dragged bar, or every chosen one on the chart. */
static GArray *
proposal_ghosts (PbTimelineView     *self,
                 const DragProposal *p)
{
  GArray *ghosts = g_array_new (FALSE, FALSE, sizeof (PbTimelineGhost));

  if (p->kind != DRAG_DATES)
    return ghosts;
  if (p->many)
    {
      g_autoptr(GArray) ids = chosen_on_chart (self);

      for (guint i = 0; i < ids->len; i++)
        {
          PbTimelineGhost g = { g_array_index (ids, gint64, i), 0, 0 };

          if (!pb_timeline_get_item_dates (self->timeline, g.item_id, &g.start_day, &g.due_day) ||
              g.start_day == 0 || g.due_day == 0)
            continue;
          g.start_day = shift_day (g.start_day, p->shift, p->months);
          g.due_day = shift_day (g.due_day, p->shift, p->months);
          if (g.start_day == 0 || g.due_day == 0)
            continue;
          g_array_append_val (ghosts, g);
        }
    }
  else
    {
      PbTimelineGhost g = { p->item_id, p->start, p->due };

      g_array_append_val (ghosts, g);
    }
  return ghosts;
}

/**
 * pb_timeline_view_dup_drag_ghosts:
 * @self: a timeline view
 * @refused: (out) (optional): whether releasing would be refused, one of
 *   several bars leaving the plan's period
 *
 * The bars the drag in progress moves, where they would go: the dragged
 * one, or all the chosen ones when it is one of them.
 *
 * Returns: (transfer full) (element-type PbTimelineGhost): empty when no
 *   bar is being dragged
 */
GArray *
pb_timeline_view_dup_drag_ghosts (PbTimelineView *self,
                                  gboolean       *refused)
{
  DragProposal p = { DRAG_NONE, 0, 0, 0, 0, FALSE, FALSE, 0, FALSE, 0 };

  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), NULL);

  if (self->dragging)
    p = drag_proposal (self, self->drag_x, self->drag_y, self->drag_to_x, self->drag_to_y, self->drag_modifiers);
  if (refused)
    *refused = p.kind == DRAG_DATES && p.refused;
  return proposal_ghosts (self, &p);
}

/**
 * pb_timeline_view_drag_update:
 * @self: a timeline view
 * @x0, @y0: where the drag began, in widget coordinates
 * @x1, @y1: where the pointer is
 * @modifiers: the keys held
 *
 * Moves a drag in progress (the gesture calls it; so can tests).
 */
void
pb_timeline_view_drag_update (PbTimelineView  *self,
                              double           x0,
                              double           y0,
                              double           x1,
                              double           y1,
                              GdkModifierType  modifiers)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  self->dragging = !self->drag_cancelled;
  self->drag_x = x0;
  self->drag_y = y0;
  self->drag_to_x = x1;
  self->drag_to_y = y1;
  self->drag_modifiers = modifiers;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pb_timeline_view_cancel_drag:
 * @self: a timeline view
 *
 * Escape: the drag in progress ends without changing anything.
 *
 * Returns: %TRUE if a drag was cancelled
 */
gboolean
pb_timeline_view_cancel_drag (PbTimelineView *self)
{
  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), FALSE);

  if (!self->dragging)
    return FALSE;
  self->dragging = FALSE;
  self->drag_cancelled = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* The dragged bar's new dates beside it (and, for a move of several
 * that would be refused, why). */
static void
paint_drag_label (PbTimelineView     *self,
                  cairo_t            *cr,
                  int                 width,
                  const DragProposal *p,
                  guint               row)
{
  g_autofree char *start_text = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *text = NULL;
  GDate day;
  PangoLayout *layout;
  int tw, th;
  double x, y, x2, y2;
  double cy = pb_timeline_get_row_y (self->timeline, row);

  pb_timeline_view_widget_point (self, pb_timeline_x_for_day (self->timeline, p->start), cy, &x, &y);
  pb_timeline_view_widget_point (self, pb_timeline_x_for_day (self->timeline, p->due + 1), cy, &x2, &y2);
  /* As the locale writes dates: 2025年8月1日 in Chinese. */
  g_date_clear (&day, 1);
  g_date_set_julian (&day, p->start);
  start_text = pb_format_date (&day);
  g_date_set_julian (&day, p->due);
  due_text = pb_format_date (&day);
  /* Translators: a bar's dates while it is dragged, "2025-03-01 – 2027-12-31" */
  text = g_strdup_printf (_("%s – %s"), start_text, due_text);
  if (p->refused)
    {
      /* Translators: under a dragged bar's dates, when the chosen bars
       * dragged with it would leave the plan's period; %d—%d are its
       * first and last years */
      g_autofree char *why = g_strdup_printf (_("Not within the plan’s period, %d—%d: nothing will move"),
                                              pb_plan_get_period_start (self->plan),
                                              pb_plan_get_period_end (self->plan));
      g_autofree char *both = g_strdup_printf ("%s\n%s", text, why);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &tw, &th);
  {
    double lx = MIN (x2 + 8, width - tw - 12);
    double ly = y - th - 4 < PB_TIMELINE_HEADER_HEIGHT ? y + PB_TIMELINE_ROW_HEIGHT + 2 : y - th - 4;

    cairo_rectangle (cr, lx - 4, ly - 2, tw + 8, th + 4);
    cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.85);
    cairo_fill (cr);
    cairo_move_to (cr, lx, ly);
    cairo_set_source_rgb (cr, 1, 1, 1);
    pango_cairo_show_layout (cr, layout);
  }
  g_object_unref (layout);
}

/* The drag in progress, over the chart: the bar where it would go with
 * its new dates beside it, or a rubber band to the pointer with the bar
 * under it outlined. */
static void
paint_drag (PbTimelineView *self,
            cairo_t        *cr,
            int             width,
            int             height)
{
  DragProposal p;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };
  double x, y, x2, y2;
  guint row;

  if (!self->dragging || self->timeline == NULL)
    return;
  p = drag_proposal (self, self->drag_x, self->drag_y, self->drag_to_x, self->drag_to_y, self->drag_modifiers);
  if (p.kind == DRAG_NONE)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, label_width (self), PB_TIMELINE_HEADER_HEIGHT, width, height);
  cairo_clip (cr);
  if (p.kind == DRAG_LINK)
    {
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_move_to (cr, self->drag_x, self->drag_y);
      cairo_line_to (cr, self->drag_to_x, self->drag_to_y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (p.to_id != 0 && pb_timeline_get_item_row (self->timeline, p.to_id, &row))
        {
          pb_timeline_view_widget_point (self, 0, pb_timeline_get_row_y (self->timeline, row), &x, &y);
          cairo_rectangle (cr, label_width (self) + 1, y + 1, width - label_width (self) - 2, PB_TIMELINE_ROW_HEIGHT - 2);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.18);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.9);
          cairo_stroke (cr);
        }
    }
  else
    {
      g_autoptr(GArray) ghosts = proposal_ghosts (self, &p);
      /* A move that would be refused shows in the error colour. */
      GdkRGBA colour = p.refused ? (GdkRGBA) { 0.88, 0.11, 0.14, 1.0 } : accent;

      for (guint i = 0; i < ghosts->len; i++)
        {
          const PbTimelineGhost *g = &g_array_index (ghosts, PbTimelineGhost, i);
          double cy;

          if (!pb_timeline_get_item_row (self->timeline, g->item_id, &row))
            continue;
          cy = pb_timeline_get_row_y (self->timeline, row);
          pb_timeline_view_widget_point (self, pb_timeline_x_for_day (self->timeline, g->start_day), cy, &x, &y);
          pb_timeline_view_widget_point (self, pb_timeline_x_for_day (self->timeline, g->due_day + 1), cy, &x2, &y2);
          if (y + PB_TIMELINE_ROW_HEIGHT < PB_TIMELINE_HEADER_HEIGHT || y > height)
            continue;
          cairo_rectangle (cr, x, y + 6, MAX (x2 - x, 2), PB_TIMELINE_ROW_HEIGHT - 12);
          cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 0.35);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, 1.0);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
      /* The new dates of the bar under the pointer, beside it. */
      if (pb_timeline_get_item_row (self->timeline, p.item_id, &row))
        paint_drag_label (self, cr, width, &p, row);
    }
  cairo_restore (cr);
}

static gboolean section_row (PbTimelineView *self,
                             gint64          section_id,
                             guint          *row);

/* The section header the keyboard is on: tinted as a selected row, and
 * outlined while the view has the focus. */
static void
paint_header_focus (PbTimelineView *self,
                    cairo_t        *cr,
                    int             width,
                    gboolean        dark)
{
  guint row;
  double x, y;

  if (!section_row (self, self->focus_section, &row))
    return;
  pb_timeline_view_widget_point (self, 0, pb_timeline_get_row_y (self->timeline, row), &x, &y);
  if (y + PB_TIMELINE_SECTION_HEIGHT <= PB_TIMELINE_HEADER_HEIGHT)
    return;
  cairo_rectangle (cr, 0, PB_TIMELINE_HEADER_HEIGHT, width, gtk_widget_get_height (GTK_WIDGET (self)));
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, dark ? 0.25 : 0.14);
  cairo_rectangle (cr, 0, y, width, PB_TIMELINE_SECTION_HEIGHT);
  cairo_fill (cr);
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, y + 1, width - 2, PB_TIMELINE_SECTION_HEIGHT - 2);
      cairo_stroke (cr);
    }
}

/* ---- Input ---------------------------------------------------------------- */

static void chosen_changed (PbTimelineView *self);
static void choose_dependency (PbTimelineView *self,
                               gint64          from_id,
                               gint64          to_id);

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PbTimelineView *self)
{
  self->drag_x = x;
  self->drag_y = y;
  self->dragging = FALSE;
  self->drag_cancelled = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PbTimelineView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (self->drag_cancelled || (ABS (dx) < 3 && ABS (dy) < 3))
    return;
  /* A drag, not a click: a Ctrl-click pressed here chooses nothing. */
  self->click_pending = FALSE;
  pb_timeline_view_drag_update (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy, state);
}

/* Escape while dragging cancels the drag, and only then. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PbTimelineView        *self)
{
  return keyval == GDK_KEY_Escape && pb_timeline_view_cancel_drag (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             PbTimelineView *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean cancelled = self->drag_cancelled;

  self->dragging = FALSE;
  self->drag_cancelled = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (cancelled || (ABS (dx) < 3 && ABS (dy) < 3))
    return;
  pb_timeline_view_drag (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy, state);
}

/**
 * pb_timeline_view_toggle_section:
 * @section_id: a section's id (0: the items in no section)
 *
 * Collapses a section to its header, or opens it again.
 */
void
pb_timeline_view_toggle_section (PbTimelineView *self,
                                 gint64          section_id)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  if (!g_hash_table_remove (self->collapsed, &section_id))
    g_hash_table_add (self->collapsed, g_memdup2 (&section_id, sizeof section_id));
  invalidate (self);
}

/* A plain press on a bar among several chosen: the start of a drag of
 * them all, or, let go where it was, a click choosing that bar alone. */
static gboolean
pressed_on_chosen (PbTimelineView  *self,
                   double           x,
                   double           y,
                   GdkModifierType  state)
{
  PbTimelineHit hit;
  double cx, cy;

  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) || g_hash_table_size (self->chosen) < 2 ||
      x < label_width (self) || y < PB_TIMELINE_HEADER_HEIGHT)
    return FALSE;
  ensure_timeline (self);
  if (self->timeline == NULL)
    return FALSE;
  chart_point (self, x, y, &cx, &cy);
  pb_timeline_hit_test (self->timeline, cx, cy, &hit);
  return hit.kind == PB_TIMELINE_HIT_BAR && g_hash_table_contains (self->chosen, &hit.item_id);
}

static void
click_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          PbTimelineView  *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->click_pending = FALSE;
  if (((state & GDK_CONTROL_MASK) || pressed_on_chosen (self, x, y, state)) && n_press == 1)
    {
      /* Ctrl-click chooses on release, when no Ctrl+drag began; so does
       * a click on one of several chosen bars, which a drag moves
       * together. */
      self->click_pending = TRUE;
      self->click_x = x;
      self->click_y = y;
      self->click_state = state;
      return;
    }
  pb_timeline_view_click_full (self, x, y, n_press, state);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   PbTimelineView  *self)
{
  if (!self->click_pending)
    return;
  self->click_pending = FALSE;
  pb_timeline_view_click_full (self, self->click_x, self->click_y, 1, self->click_state);
}

/* The width of the "⋯" at the end of a section's header. */
#define MENU_HOT_WIDTH 28

/* A right-click on a section's header opens its menu. */
static void
context_click_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  PbTimelineView  *self)
{
  PbTimelineHit hit;
  double cx, cy;

  ensure_timeline (self);
  if (self->timeline == NULL || y < PB_TIMELINE_HEADER_HEIGHT)
    return;
  chart_point (self, MAX (x, label_width (self)), y, &cx, &cy);
  pb_timeline_hit_test (self->timeline, x < label_width (self) ? -1e6 : cx, cy, &hit);
  if (hit.kind == PB_TIMELINE_HIT_SECTION && hit.other_id > 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      pb_timeline_view_popup_section_menu (self, hit.other_id, x, y);
    }
  else if (hit.item_id != 0 && hit.kind != PB_TIMELINE_HIT_DEPENDENCY)
    {
      /* On a bar or its label: the chosen items' menu, as on the board.
       * A bar that is not among the chosen ones becomes the one chosen. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_grab_focus (GTK_WIDGET (self));
      if (!g_hash_table_contains (self->chosen, &hit.item_id))
        {
          if (g_hash_table_size (self->chosen) > 0)
            {
              g_hash_table_remove_all (self->chosen);
              chosen_changed (self);
            }
          self->anchor = hit.item_id;
          pb_timeline_view_select (self, hit.item_id);
        }
      g_signal_emit (self, signals[ITEMS_MENU], 0, x, y);
    }
}

/* The row of @section_id's header, if it is on the chart. */
static gboolean
section_row (PbTimelineView *self,
             gint64          section_id,
             guint          *row)
{
  ensure_timeline (self);
  if (self->timeline == NULL)
    return FALSE;
  for (guint r = 0; r < pb_timeline_get_n_rows (self->timeline); r++)
    {
      PbTimelineHit hit;

      pb_timeline_hit_test (self->timeline, -1e6, pb_timeline_get_row_y (self->timeline, r) + 1, &hit);
      if (hit.kind == PB_TIMELINE_HIT_SECTION && hit.other_id == section_id)
        {
          *row = r;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * pb_timeline_view_focus_section:
 * @section_id: a section on the chart (0: the items in no section)
 *
 * Puts the keyboard on the section's header, as Up and Down do: no bar is
 * selected then, Menu or Shift+F10 opens the section's menu and Return
 * folds or opens it.
 */
void
pb_timeline_view_focus_section (PbTimelineView *self,
                                gint64          section_id)
{
  guint row;

  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  pb_timeline_view_select (self, 0);
  choose_dependency (self, 0, 0);
  self->header_focused = TRUE;
  self->focus_section = section_id;
  if (section_row (self, section_id, &row))
    {
      double y = pb_timeline_get_row_y (self->timeline, row);
      double top = gtk_adjustment_get_value (self->vadjustment);
      double page = gtk_adjustment_get_page_size (self->vadjustment);

      if (y < top)
        gtk_adjustment_set_value (self->vadjustment, y);
      else if (y + PB_TIMELINE_SECTION_HEIGHT > top + page)
        gtk_adjustment_set_value (self->vadjustment, y + PB_TIMELINE_SECTION_HEIGHT - page);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pb_timeline_view_get_focused_section:
 * @section_id: (out) (optional): the section whose header has the keyboard
 *
 * Returns: whether the keyboard is on a section's header
 */
gboolean
pb_timeline_view_get_focused_section (PbTimelineView *self,
                                      gint64         *section_id)
{
  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), FALSE);

  if (section_id)
    *section_id = self->header_focused ? self->focus_section : 0;
  return self->header_focused;
}

/**
 * pb_timeline_view_popup_section_menu:
 * @section_id: a section
 * @x, @y: where it points to, in widget coordinates; negative: at the
 *   section's header
 *
 * Opens the section's menu, the same as a board column's.
 *
 * Returns: (transfer none): the menu (a #GtkPopoverMenu)
 */
GtkWidget *
pb_timeline_view_popup_section_menu (PbTimelineView *self,
                                     gint64          section_id,
                                     double          x,
                                     double          y)
{
  g_autoptr(GMenuModel) model = NULL;
  GdkRectangle rect;

  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), NULL);

  model = pb_ui_section_menu_new (self->store, section_id);

  if (x < 0 || y < 0)
    {
      guint row;

      x = label_width (self) - MENU_HOT_WIDTH / 2.0;
      y = PB_TIMELINE_HEADER_HEIGHT + PB_TIMELINE_SECTION_HEIGHT / 2;
      if (section_row (self, section_id, &row))
        y = PB_TIMELINE_HEADER_HEIGHT + pb_timeline_get_row_y (self->timeline, row) -
            gtk_adjustment_get_value (self->vadjustment) + PB_TIMELINE_SECTION_HEIGHT / 2;
    }
  /* A header scrolled out of view (Menu on a bar far below it): the
   * menu points at the nearest edge of the chart, never outside it. */
  x = CLAMP (x, 0, MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 1, 0));
  y = CLAMP (y, 0, MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 1, 0));
  rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->section_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->section_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->section_menu));
  return self->section_menu;
}

/* ---- Choosing several bars ------------------------------------------------ */

static void
chosen_changed (PbTimelineView *self)
{
  if (self->timeline)
    pb_timeline_set_chosen (self->timeline, self->chosen);
  g_object_notify (G_OBJECT (self), "n-selected");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The dependency a click on its arrow chose (0 and 0: none), drawn thick in
 * the selection's colour: what Delete removes. */
static void
choose_dependency (PbTimelineView *self,
                   gint64          from_id,
                   gint64          to_id)
{
  self->selected_dep_from = from_id;
  self->selected_dep_to = to_id;
  if (self->timeline)
    pb_timeline_set_selected_dependency (self->timeline, from_id, to_id);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Nothing chosen, as after a plain click on the chart's empty space: no
 * bar, no section header, no dependency; Delete then deletes nothing. */
static void
choose_nothing (PbTimelineView *self)
{
  if (g_hash_table_size (self->chosen) > 0)
    {
      g_hash_table_remove_all (self->chosen);
      chosen_changed (self);
    }
  self->anchor = 0;
  choose_dependency (self, 0, 0);
  pb_timeline_view_select (self, 0);
  update_accessible (self);
}

static void
choose (PbTimelineView *self,
        gint64          item_id)
{
  g_hash_table_add (self->chosen, g_memdup2 (&item_id, sizeof item_id));
}

/* The item rows from @from's to @to's, both in. */
static void
choose_run (PbTimelineView *self,
            gint64          from,
            gint64          to)
{
  guint a, b;

  if (!pb_timeline_get_item_row (self->timeline, from, &a) || !pb_timeline_get_item_row (self->timeline, to, &b))
    {
      choose (self, to);
      return;
    }
  for (guint r = MIN (a, b); r <= MAX (a, b); r++)
    {
      gint64 id = pb_timeline_get_row_item (self->timeline, r);

      if (id != 0)
        choose (self, id);
    }
}

/**
 * pb_timeline_view_select_all:
 *
 * Chooses every bar in view (the items of collapsed sections stay out).
 */
void
pb_timeline_view_select_all (PbTimelineView *self)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  ensure_timeline (self);
  g_hash_table_remove_all (self->chosen);
  if (self->timeline)
    for (guint r = 0; r < pb_timeline_get_n_rows (self->timeline); r++)
      {
        gint64 id = pb_timeline_get_row_item (self->timeline, r);

        if (id != 0)
          choose (self, id);
      }
  chosen_changed (self);
}

/**
 * pb_timeline_view_set_selected_items:
 * @item_ids: (array length=n_items) (nullable): the items to choose
 *
 * Chooses these bars (none: only the selected one stays).
 */
void
pb_timeline_view_set_selected_items (PbTimelineView *self,
                                     const gint64   *item_ids,
                                     guint           n_items)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  g_hash_table_remove_all (self->chosen);
  for (guint i = 0; i < n_items; i++)
    choose (self, item_ids[i]);
  chosen_changed (self);
}

/**
 * pb_timeline_view_get_selected_items:
 *
 * Returns: (transfer full): the ids of the chosen bars still on the chart,
 *   in the chart's order; else of the selected bar; else empty
 */
GArray *
pb_timeline_view_get_selected_items (PbTimelineView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), ids);

  ensure_timeline (self);
  if (g_hash_table_size (self->chosen) > 0 && self->timeline)
    for (guint r = 0; r < pb_timeline_get_n_rows (self->timeline); r++)
      {
        gint64 id = pb_timeline_get_row_item (self->timeline, r);

        if (id != 0 && g_hash_table_contains (self->chosen, &id))
          g_array_append_val (ids, id);
      }
  if (ids->len == 0 && self->selected != 0 &&
      (self->timeline == NULL || pb_timeline_get_item_row (self->timeline, self->selected, &(guint) { 0 })))
    g_array_append_val (ids, self->selected);
  return ids;
}

guint
pb_timeline_view_get_n_selected (PbTimelineView *self)
{
  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), 0);
  return g_hash_table_size (self->chosen);
}

/**
 * pb_timeline_view_click:
 * @x, @y: where, in widget coordinates
 * @n_press: 1 for a click, 2 for a double click
 *
 * What a click does, for the gesture and for tests: selects an item (a
 * double click opens it), selects a dependency, or opens or closes a
 * section.
 */
void
pb_timeline_view_click (PbTimelineView *self,
                        double          x,
                        double          y,
                        int             n_press)
{
  pb_timeline_view_click_full (self, x, y, n_press, 0);
}

/**
 * pb_timeline_view_click_full:
 * @state: the modifiers held: Ctrl adds or takes away a bar from the
 *   chosen ones, Shift chooses the run from the last bar clicked
 *
 * pb_timeline_view_click() with modifiers.
 */
void
pb_timeline_view_click_full (PbTimelineView  *self,
                             double           x,
                             double           y,
                             int              n_press,
                             GdkModifierType  state)
{
  PbTimelineHit hit;
  double cx, cy;

  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));
  ensure_timeline (self);
  if (self->timeline == NULL || y < PB_TIMELINE_HEADER_HEIGHT)
    return;
  chart_point (self, MAX (x, label_width (self)), y, &cx, &cy);
  pb_timeline_hit_test (self->timeline, x < label_width (self) ? -1e6 : cx, cy, &hit);
  if (hit.kind == PB_TIMELINE_HIT_SECTION)
    {
      guint row;
      /* The ▾/▸ before the heading (and the indent before it). */
      gboolean on_arrow = x < label_width (self) && section_row (self, hit.other_id, &row) &&
                          x < pb_timeline_get_row_label_x (self->timeline, row);

      /* The header is chosen, alone: the keyboard goes to it (Insert
       * adds there, Menu opens its menu) and no bar stays chosen for
       * Delete to take while the planner looks at the header; its "⋯"
       * opens the menu; its arrow, or a double click, folds or opens the
       * section, as in a tree. */
      choose_nothing (self);
      pb_timeline_view_focus_section (self, hit.other_id);
      if (hit.other_id > 0 && x >= label_width (self) - MENU_HOT_WIDTH && x < label_width (self))
        pb_timeline_view_popup_section_menu (self, hit.other_id, x, y);
      else if (on_arrow || n_press == 2)
        pb_timeline_view_toggle_section (self, hit.other_id);
      else
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (hit.kind == PB_TIMELINE_HIT_DEPENDENCY)
    {
      /* The arrow alone is chosen, drawn so, and named: no bar stays
       * chosen for Delete to take instead. */
      g_autoptr(PbItem) from = pb_store_get_record (self->store, PB_TYPE_ITEM, hit.other_id);
      g_autoptr(PbItem) to = pb_store_get_record (self->store, PB_TYPE_ITEM, hit.item_id);
      g_autofree char *from_name = from ? pb_item_dup_short_name (from) : g_strdup ("?");
      g_autofree char *to_name = to ? pb_item_dup_short_name (to) : g_strdup ("?");
      g_autofree char *hint = NULL;

      choose_nothing (self);
      choose_dependency (self, hit.other_id, hit.item_id);
      /* Translators: a hint as a dependency's arrow is chosen on the
       * timeline with a click: item "5 建设城市物联…" starts after item
       * "3 加快5G网络…" finishes */
      hint = g_strdup_printf (_("Dependency chosen: %s starts after %s. Delete removes it"), to_name, from_name);
      g_signal_emit (self, signals[HINT], 0, hint);
      return;
    }
  /* Empty space on the chart (no bar, target or arrow; the label of a
   * row chooses its item): a plain click chooses nothing, as in GNOME
   * Planner and Files, so that no bar stays chosen out of sight for
   * Delete; Ctrl or Shift keeps what is chosen. */
  if (hit.item_id == 0 || (hit.kind == PB_TIMELINE_HIT_NONE && x >= label_width (self)))
    {
      if (!(state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)))
        choose_nothing (self);
      return;
    }
  if (hit.item_id != 0 && (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) && n_press == 1)
    {
      /* Ctrl: this bar in or out; Shift: the run from the last one. */
      gint64 from = self->anchor ? self->anchor : self->selected;
      guint was = g_hash_table_size (self->chosen);

      if (g_hash_table_size (self->chosen) == 0 && self->selected != 0)
        choose (self, self->selected);
      if (state & GDK_SHIFT_MASK)
        {
          if (!(state & GDK_CONTROL_MASK))
            g_hash_table_remove_all (self->chosen);
          choose_run (self, from ? from : hit.item_id, hit.item_id);
        }
      else if (!g_hash_table_remove (self->chosen, &hit.item_id))
        choose (self, hit.item_id);
      if (!(state & GDK_SHIFT_MASK))
        self->anchor = hit.item_id;
      pb_timeline_view_select (self, hit.item_id);
      chosen_changed (self);
      /* Once, as several become chosen (their edits appear below): what
       * Ctrl and Shift do on the timeline. */
      if (was < 2 && g_hash_table_size (self->chosen) > 1)
        {
          /* No count here: the bulk bar below says how many are chosen
           * and stays true as more are added, while this toast would
           * not. */
          /* Translators: a hint as a second bar is chosen with Ctrl+click
           * (the bar of edits for the chosen items appears below); a bar
           * is an item's bar on the timeline. Keep it short: a toast. */
          const char *hint = _("Ctrl+click adds or drops a bar, Shift+click a run; Ctrl+drag to another bar adds a dependency");

          g_signal_emit (self, signals[HINT], 0, hint);
        }
      return;
    }
  if (hit.item_id != 0)
    {
      /* A plain click chooses this bar alone. */
      if (g_hash_table_size (self->chosen) > 0)
        {
          g_hash_table_remove_all (self->chosen);
          chosen_changed (self);
        }
      self->anchor = hit.item_id;
      pb_timeline_view_select (self, hit.item_id);
      if (n_press == 2)
        gtk_widget_activate_action (GTK_WIDGET (self), "timeline.activate", NULL);
    }
}

/* Zooms so that what the planner looks at stays where it is on screen, as
 * Gantt charts do: with the pointer over the chart (Ctrl+scroll, a pinch;
 * @pointer_x in widget x), the day under the pointer stays under it;
 * from the keyboard or a button (@pointer_x -1), the selected bar (its
 * start, else today's line where it crosses the bar, else its end,
 * whichever shows, a start at the view's very left edge not counting
 * before today's line; the view's middle when the bar covers it all),
 * else today's line, else the view's middle. A bar or
 * today out of view before the zoom is brought into view after it. A
 * chart x grows with the zoom's day width, from the same first day, so
 * the anchor's x scales by the ratio of the two; the adjustment is
 * configured for the new width before its value is set. */
static void
zoom_keeping (PbTimelineView *self,
              PbTimelineZoom  zoom,
              double          pointer_x)
{
  double lw = label_width (self);
  double page = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - lw, 1);
  double scroll, anchor = -1, before, after, value;
  guint32 first, start = 0, due = 0, reveal = 0;

  ensure_timeline (self);
  if (self->timeline == NULL || zoom == self->zoom)
    {
      pb_timeline_view_set_zoom (self, zoom);
      return;
    }
  scroll = gtk_adjustment_get_value (self->hadjustment);
  first = pb_timeline_day_for_x (self->timeline, 0);

  if (pointer_x >= lw)
    anchor = scroll + MIN (pointer_x - lw, page);
  else if (self->selected &&
           pb_timeline_get_item_dates (self->timeline, self->selected, &start, &due) && start && due >= start)
    {
      double x0 = pb_timeline_x_for_day (self->timeline, start);
      double x1 = pb_timeline_x_for_day (self->timeline, due + 1);
      guint32 today = g_date_valid (&self->today) ? g_date_get_julian (&self->today) : 0;
      double xt = today ? pb_timeline_x_for_day (self->timeline, today) : -1;

      /* A start at the view's left edge (a bar from the plan's first
       * day, the whole plan shown) is where the view begins, not a place
       * on the bar to keep: kept there, every zoom would go back to the
       * plan's first days. Today's line on the bar is kept instead. */
      if (x0 >= scroll + page / 20 && x0 <= scroll + page)
        anchor = x0;
      else if (today >= start && today <= due && xt >= scroll && xt <= scroll + page)
        anchor = xt;
      else if (x0 >= scroll && x0 <= scroll + page)
        anchor = x0;
      else if (x1 >= scroll && x1 <= scroll + page)
        anchor = x1;
      else if (x0 < scroll && x1 > scroll + page)
        anchor = scroll + page / 2;
      else
        reveal = start;
    }
  else if (g_date_valid (&self->today))
    {
      guint32 today = g_date_get_julian (&self->today);
      double xt = pb_timeline_x_for_day (self->timeline, today);
      double width = pb_timeline_get_width (self->timeline);

      if (today >= first && xt <= width)
        {
          if (xt >= scroll && xt <= scroll + page)
            anchor = xt;
          else
            reveal = today;
        }
    }
  if (anchor < 0)
    anchor = scroll + page / 2;

  before = pb_timeline_x_for_day (self->timeline, first + 1000);
  self->fit_pending = FALSE;
  self->zoom = zoom;
  pb_timeline_set_zoom (self->timeline, zoom);
  after = pb_timeline_x_for_day (self->timeline, first + 1000);
  configure_adjustments (self);
  if (reveal)
    /* Out of view before: a third of the way into the view after. */
    value = pb_timeline_x_for_day (self->timeline, reveal) - page / 3;
  else
    value = anchor * after / before - (anchor - scroll);
  gtk_adjustment_set_value (self->hadjustment, value);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PbTimelineView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      double at = self->pointer_in ? self->pointer_x : -1;

      if (dy < 0 && self->zoom < PB_TIMELINE_ZOOM_WEEK)
        zoom_keeping (self, self->zoom + 1, at);
      else if (dy > 0 && self->zoom > PB_TIMELINE_ZOOM_YEAR)
        zoom_keeping (self, self->zoom - 1, at);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dy * 60);
      return TRUE;
    }
  gtk_adjustment_set_value (self->hadjustment, gtk_adjustment_get_value (self->hadjustment) + dx * 60);
  gtk_adjustment_set_value (self->vadjustment, gtk_adjustment_get_value (self->vadjustment) + dy * 60);
  return TRUE;
}

static void
zoom_scale_cb (GtkGestureZoom *gesture,
               double          scale,
               PbTimelineView *self)
{
  double at = -1, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &at, &y))
    at = -1;
  if (scale > 1.6 && self->zoom < PB_TIMELINE_ZOOM_WEEK)
    {
      zoom_keeping (self, self->zoom + 1, at);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
    }
  else if (scale < 0.6 && self->zoom > PB_TIMELINE_ZOOM_YEAR)
    {
      zoom_keeping (self, self->zoom - 1, at);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
    }
}

static gboolean
query_tooltip_cb (PbTimelineView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autoptr(PbItem) item = NULL;
  g_autofree char *leads = NULL;
  g_autofree char *text = NULL;
  const char *reason = NULL;
  PbTimelineHit hit;
  double cx, cy;

  /* A window that opens (or a chart that appears) under a pointer resting
   * there gets no tooltip over the bars until the hand moves: GTK asks
   * 500 ms after the pointer "enters", which at start-up put a tooltip
   * nobody asked for over the chart (and half a second of waiting into
   * every start with the pointer on the chart). */
  if (!keyboard && !self->pointer_moved)
    return FALSE;
  ensure_timeline (self);
  if (self->timeline == NULL || y < PB_TIMELINE_HEADER_HEIGHT)
    return FALSE;
  chart_point (self, x, y, &cx, &cy);
  pb_timeline_hit_test (self->timeline, x < label_width (self) ? -1e6 : cx, cy, &hit);
  if (hit.item_id == 0 || hit.kind == PB_TIMELINE_HIT_SECTION)
    return FALSE;
  item = pb_store_get_record (self->store, PB_TYPE_ITEM, hit.item_id);
  if (item == NULL)
    return FALSE;
  pb_store_get_item_health (self->store, item, &self->today, &reason);
  leads = pb_store_dup_lead_names (self->store, hit.item_id);
  /* TRANSLATORS: a timeline tooltip: number and title, start – due, lead organisations, health */
  {
    g_autofree char *start = pb_format_iso_date (pb_record_get_string (PB_RECORD (item), "start_date") ?: "?");
    g_autofree char *due = pb_format_iso_date (pb_record_get_string (PB_RECORD (item), "due_date") ?: "?");

    text = g_strdup_printf (_("%s %s\n%s – %s\nLead: %s\n%s"),
                            pb_item_get_number (item), pb_item_get_title (item), start, due,
                            leads && leads[0] ? leads : _("none"), reason ? reason : "");
  }

  /* Over a target's diamond: the target, whole (its label may be
   * shortened where the chart ends). On a bar's end the grip is hit
   * first; a diamond there is looked for just outside it. */
  if (hit.kind == PB_TIMELINE_HIT_BAR_END || hit.kind == PB_TIMELINE_HIT_BAR_START)
    {
      PbTimelineHit beside;

      pb_timeline_hit_test (self->timeline, cx + (hit.kind == PB_TIMELINE_HIT_BAR_END ? 1 : -1) * (PB_TIMELINE_GRIP_REACH + 1),
                            cy, &beside);
      if (beside.kind == PB_TIMELINE_HIT_MILESTONE && beside.item_id == hit.item_id)
        hit = beside;
    }
  if (hit.kind == PB_TIMELINE_HIT_MILESTONE && hit.index < pb_timeline_get_n_milestones (self->timeline))
    {
      /* TRANSLATORS: a timeline tooltip's line over a target's diamond: the target, as "1.2万个" */
      g_autofree char *line = g_strdup_printf (_("Target: %s"),
                                               pb_timeline_get_milestone_label (self->timeline, hit.index));
      g_autofree char *with = g_strconcat (g_strstrip (text), "\n", line, NULL);

      g_free (text);
      text = g_steal_pointer (&with);
    }

  /* Since the last closed period, as the cards show it. */
  {
    g_autofree char *change = pb_ui_dup_period_change (self->store, item, &self->today);

    if (change[0] != '\0')
      {
        g_autofree char *line = g_strdup_printf (_("Since the last period: %s"), change);
        g_autofree char *with = g_strconcat (g_strstrip (text), "\n", line, NULL);

        g_free (text);
        text = g_steal_pointer (&with);
      }
  }

  pb_ui_tooltip_set_text (tooltip, g_strstrip (text));
  return TRUE;
}

/* The resize cursor over a bar's ends (the grips hit first), the default
 * elsewhere. */
static void
update_cursor (PbTimelineView *self,
               double          x,
               double          y)
{
  PbTimelineHit hit = { PB_TIMELINE_HIT_NONE };
  double cx, cy;

  if (self->timeline && y >= PB_TIMELINE_HEADER_HEIGHT && x >= label_width (self))
    {
      chart_point (self, x, y, &cx, &cy);
      pb_timeline_hit_test (self->timeline, cx, cy, &hit);
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hit.kind == PB_TIMELINE_HIT_BAR_START || hit.kind == PB_TIMELINE_HIT_BAR_END
                                   ? "ew-resize" : NULL);
}

static void
pointer_enter_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  PbTimelineView           *self)
{
  self->enter_x = x;
  self->enter_y = y;
  self->pointer_moved = FALSE;
  self->pointer_in = TRUE;
  self->pointer_x = x;
}

static void
pointer_motion_cb (GtkEventControllerMotion *motion,
                   double                    x,
                   double                    y,
                   PbTimelineView           *self)
{
  /* GTK also reports motion where the pointer did not move (after a
   * relayout under it): only a change of place counts. */
  if (x != self->enter_x || y != self->enter_y)
    self->pointer_moved = TRUE;
  self->pointer_in = TRUE;
  self->pointer_x = x;
  /* A bar's ends say that a drag there resizes it; a drag holds the
   * cursor it began with. */
  if (!self->dragging)
    update_cursor (self, x, y);
}

static void
pointer_leave_cb (GtkEventControllerMotion *motion,
                  PbTimelineView           *self)
{
  self->pointer_moved = FALSE;
  self->pointer_in = FALSE;
}

/* ---- Actions -------------------------------------------------------------- */

static void
select_step (PbTimelineView *self,
             int             step)
{
  guint n, row = 0;

  ensure_timeline (self);
  if (self->timeline == NULL)
    return;
  n = pb_timeline_get_n_rows (self->timeline);
  /* From the header or bar the keyboard is on, else from an end. */
  if (!(self->header_focused && section_row (self, self->focus_section, &row)) &&
      (self->selected == 0 || !pb_timeline_get_item_row (self->timeline, self->selected, &row)))
    row = step > 0 ? (guint) -1 : n;
  /* The next bar, or the next section's header (as a tree's rows). */
  for (int r = (int) row + step; r >= 0 && r < (int) n; r += step)
    {
      PbTimelineHit hit;

      pb_timeline_hit_test (self->timeline, -1e6, pb_timeline_get_row_y (self->timeline, r) + 1, &hit);
      if (hit.kind == PB_TIMELINE_HIT_SECTION)
        {
          pb_timeline_view_focus_section (self, hit.other_id);
          return;
        }
      if (hit.item_id != 0)
        {
          pb_timeline_view_select (self, hit.item_id);
          return;
        }
    }
}

static void
select_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  select_step (PB_TIMELINE_VIEW (widget), g_variant_get_int32 (param));
}

/**
 * pb_timeline_view_move_selected:
 * @self: a timeline view
 * @direction: -1 to move the selected item above the one before it in its
 *   section, 1 below the one after it
 *
 * Alt+↑/↓: one "Move Item" command; the item stays selected.
 *
 * Returns: whether the store changed
 */
gboolean
pb_timeline_view_move_selected (PbTimelineView *self,
                                int             direction)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(GError) error = NULL;
  gint64 section, before = -1;
  int here = -1, neighbour = -1;
  guint n;

  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), FALSE);

  if (self->plan == NULL || self->selected == 0 || direction == 0 ||
      (item = pb_store_get_record (self->store, PB_TYPE_ITEM, self->selected)) == NULL)
    return FALSE;
  section = pb_item_get_section_id (item);
  items = pb_store_list_items (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (items, i);

      if (it == item)
        here = i;
      else if (pb_item_get_section_id (it) == section)
        {
          if (direction < 0 && here < 0)
            neighbour = i;          /* the last one before it */
          else if (direction > 0 && here >= 0 && neighbour < 0)
            neighbour = i;          /* the first one after it */
        }
    }
  if (here < 0 || neighbour < 0)
    return FALSE;

  if (direction < 0)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (items, neighbour);
      before = pb_record_get_id (PB_RECORD (it));
    }
  else
    {
      g_autoptr(PbItem) it = (guint) neighbour + 1 < n ? g_list_model_get_item (items, neighbour + 1) : NULL;
      before = it ? pb_record_get_id (PB_RECORD (it)) : 0;
    }
  if (!pb_store_move_item (self->store, item, before, &error))
    {
      g_signal_emit (self, signals[HINT], 0, error->message);
      return FALSE;
    }
  pb_timeline_view_select (self, pb_record_get_id (PB_RECORD (item)));
  return TRUE;
}

static void
move_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  pb_timeline_view_move_selected (PB_TIMELINE_VIEW (widget), g_variant_get_int32 (param));
}

/* Shift the selected item by a unit, or (resize) move only its due date. */
static void
shift_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  gboolean resize = g_str_equal (name, "timeline.resize");
  int direction = g_variant_get_int32 (param);
  guint32 start, due, unit;
  gint64 bar;

  ensure_timeline (self);
  if (self->timeline == NULL)
    return;
  bar = self->selected;
  /* Several chosen (Ctrl+A selects no bar): a month is counted from
   * the first of them when no bar has the keyboard. */
  if (!resize && g_hash_table_size (self->chosen) > 1 &&
      (bar == 0 || !g_hash_table_contains (self->chosen, &bar)))
    {
      g_autoptr(GArray) ids = chosen_on_chart (self);

      bar = ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
    }
  if (bar == 0 || !pb_timeline_get_item_dates (self->timeline, bar, &start, &due) || start == 0 || due == 0)
    return;
  if (moves_by_months (self))
    {
      /* A month: every date a calendar month on (or back), a month end
       * staying a month end, other days clamped to the month's length,
       * as Shift Dates… moves them. */
      int months = direction > 0 ? 1 : -1;

      if (resize)
        set_dates (self, self->selected, start, day_add_months (due, months));
      else if (g_hash_table_size (self->chosen) > 1)
        shift_chosen (self, 0, months);
      else
        set_dates (self, self->selected, day_add_months (start, months), day_add_months (due, months));
      return;
    }
  /* Weeks: a day. */
  unit = 1;
  if (resize)
    set_dates (self, self->selected, start, direction > 0 ? due + unit : due - unit);
  else if (g_hash_table_size (self->chosen) > 1)
    /* Several chosen: all of them, by the same days as the one the
     * keyboard is on. */
    shift_chosen (self, direction > 0 ? (int) unit : -(int) unit, 0);
  else
    set_dates (self, self->selected, direction > 0 ? start + unit : start - unit,
               direction > 0 ? due + unit : due - unit);
}

/* The closest zoom at which the whole period fits the view. */
static void
zoom_to_fit (PbTimelineView *self)
{
  double page = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - label_width (self), 1);
  PbTimelineZoom z = PB_TIMELINE_ZOOM_WEEK;

  ensure_timeline (self);
  if (self->timeline == NULL)
    return;
  for (; z > PB_TIMELINE_ZOOM_YEAR; z--)
    {
      pb_timeline_set_zoom (self->timeline, z);
      if (pb_timeline_get_width (self->timeline) + pb_timeline_get_end_room (self->timeline) <= page)
        break;
    }
  pb_timeline_view_set_zoom (self, z);
  gtk_adjustment_set_value (self->hadjustment, 0);
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);

  if (g_str_equal (name, "timeline.zoom-in") && self->zoom < PB_TIMELINE_ZOOM_WEEK)
    zoom_keeping (self, self->zoom + 1, -1);
  else if (g_str_equal (name, "timeline.zoom-out") && self->zoom > PB_TIMELINE_ZOOM_YEAR)
    zoom_keeping (self, self->zoom - 1, -1);
  else if (g_str_equal (name, "timeline.zoom-fit"))
    zoom_to_fit (self);
}

/* Delete: the chosen dependency, else the chosen bars (the window deletes
 * them, naming them in its Undo toast), else nothing: never an item the
 * planner cannot see chosen, such as the one open in the editor. */
static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  g_autoptr(GListModel) deps = NULL;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  if (self->selected_dep_to == 0)
    {
      g_autoptr(GArray) ids = pb_timeline_view_get_selected_items (self);

      if (ids->len > 0)
        gtk_widget_activate_action (widget, "win.delete-items", NULL);
      return;
    }
  deps = pb_store_list_dependencies (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
    {
      g_autoptr(PbRecord) d = g_list_model_get_item (deps, i);

      if (pb_record_get_int (d, "from_item_id") == self->selected_dep_from &&
          pb_record_get_int (d, "to_item_id") == self->selected_dep_to)
        {
          g_autoptr(PbItem) from = pb_store_get_record (self->store, PB_TYPE_ITEM, self->selected_dep_from);
          g_autoptr(PbItem) to = pb_store_get_record (self->store, PB_TYPE_ITEM, self->selected_dep_to);
          g_autofree char *from_name = from ? pb_item_dup_short_name (from) : g_strdup ("?");
          g_autofree char *to_name = to ? pb_item_dup_short_name (to) : g_strdup ("?");

          if (!pb_store_delete (self->store, d, &error))
            {
              g_signal_emit (self, signals[HINT], 0, error->message);
              break;
            }
          {
            /* Translators: a toast with Undo: the dependency "item 5
             * 建设城市… starts after item 3 加快5G网络… finishes" was
             * deleted */
            g_autofree char *text = g_strdup_printf (_("Deleted the dependency: %s starts after %s"),
                                                     to_name, from_name);

            pb_ui_toast_destructive (widget, text);
          }
          break;
        }
    }
  choose_dependency (self, 0, 0);
}

static void
activate_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  g_autoptr(PbItem) item = NULL;
  guint row;

  if (self->header_focused)
    {
      if (section_row (self, self->focus_section, &row))
        pb_timeline_view_toggle_section (self, self->focus_section);
      return;
    }
  if (self->selected == 0)
    return;
  item = pb_store_get_record (self->store, PB_TYPE_ITEM, self->selected);
  if (item)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

/* Menu or Shift+F10: the menu of the chosen bars, or of the selected one,
 * pointing at its label. */
static void
items_menu_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  g_autoptr(GArray) ids = NULL;
  gint64 id;
  guint row;
  double y;

  /* On a section's header: the section's menu, as its "⋯" opens. */
  if (self->header_focused)
    {
      if (self->focus_section > 0 && section_row (self, self->focus_section, &row))
        pb_timeline_view_popup_section_menu (self, self->focus_section, -1, -1);
      else
        gtk_widget_error_bell (widget);
      return;
    }
  ids = pb_timeline_view_get_selected_items (self);
  if (ids->len == 0 || self->timeline == NULL)
    return;
  id = self->selected != 0 && (g_hash_table_size (self->chosen) == 0 || g_hash_table_contains (self->chosen, &self->selected))
       ? self->selected : g_array_index (ids, gint64, 0);
  if (!pb_timeline_get_item_row (self->timeline, id, &row))
    return;
  y = PB_TIMELINE_HEADER_HEIGHT + pb_timeline_get_row_y (self->timeline, row) -
      gtk_adjustment_get_value (self->vadjustment) + PB_TIMELINE_ROW_HEIGHT / 2;
  y = CLAMP (y, PB_TIMELINE_HEADER_HEIGHT, MAX (PB_TIMELINE_HEADER_HEIGHT, gtk_widget_get_height (widget) - 1));
  g_signal_emit (self, signals[ITEMS_MENU], 0, label_width (self) / 2, y);
}

/* The menu of the selected bar's section (from tests and the window). */
static void
section_menu_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  g_autoptr(PbItem) item = NULL;

  if (self->selected == 0 || (item = pb_store_get_record (self->store, PB_TYPE_ITEM, self->selected)) == NULL ||
      pb_item_get_section_id (item) == 0)
    return;
  pb_timeline_view_popup_section_menu (self, pb_item_get_section_id (item), -1, -1);
}

/* ---- GtkWidget ------------------------------------------------------------ */

static void
pb_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  cairo_t *cr;

  ensure_timeline (self);
  if (self->timeline == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pb_timeline_paint (self->timeline, cr,
                     gtk_adjustment_get_value (self->hadjustment),
                     gtk_adjustment_get_value (self->vadjustment),
                     width, height, dark, NULL);
  cairo_destroy (cr);
  if (self->header_focused)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      paint_header_focus (self, cr, width, dark);
      cairo_destroy (cr);
    }
  if (self->dragging)
    {
      /* On its own context: the painter leaves its clip behind. */
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      paint_drag (self, cr, width, height);
      cairo_destroy (cr);
    }
}

/* The chart asks for no width (it scrolls), but would like enough for its
 * item labels and a readable stretch of time: the editor beside it then
 * lies over it (AdwFlap's natural fold threshold) rather than squeeze the
 * labels to a few characters. */
static void
pb_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 0;
}

static void
pb_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);

  ensure_timeline (self);
  configure_adjustments (self);
  if (self->fit_pending && self->timeline && width > 0)
    zoom_to_fit (self);
  if (self->section_menu)
    gtk_popover_present (GTK_POPOVER (self->section_menu));
}

/* Preferences › Amounts changed: the labels are made again in the new
 * style (the application has set it: it connected first). */
static void
number_style_changed_cb (PbTimelineView *self)
{
  if (self->timeline && self->built_style != pb_format_get_style ())
    invalidate (self);
}

static void
pb_timeline_view_map (GtkWidget *widget)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (widget);
  GApplication *app = g_application_get_default ();

  GTK_WIDGET_CLASS (pb_timeline_view_parent_class)->map (widget);
  if (!self->follows_style && PB_IS_APPLICATION (app) && pb_application_get_settings (PB_APPLICATION (app)))
    {
      g_signal_connect_object (pb_application_get_settings (PB_APPLICATION (app)), "changed::number-style",
                               G_CALLBACK (number_style_changed_cb), self, G_CONNECT_SWAPPED);
      self->follows_style = TRUE;
    }
  /* Made in another style while hidden: made again. */
  if (self->timeline && self->built_style != pb_format_get_style ())
    invalidate (self);
  ensure_timeline (self);
}

static void
adjustment_changed_cb (PbTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (PbTimelineView  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed_cb, self);
      g_object_unref (*slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  configure_adjustments (self);
}

static void
pb_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    case PROP_N_SELECTED: g_value_set_uint (value, g_hash_table_size (self->chosen)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY: self->hscroll_policy = g_value_get_enum (value); break;
    case PROP_VSCROLL_POLICY: self->vscroll_policy = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_timeline_view_dispose (GObject *object)
{
  PbTimelineView *self = PB_TIMELINE_VIEW (object);

  g_clear_pointer (&self->timeline, pb_timeline_free);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->section_menu, gtk_widget_unparent);
  if (self->items)
    g_signal_handlers_disconnect_by_func (self->items, items_moved_cb, self);
  g_clear_object (&self->items);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  if (self->hadjustment)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed_cb, self);
  if (self->vadjustment)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (pb_timeline_view_parent_class)->dispose (object);
}

static void
pb_timeline_view_class_init (PbTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_timeline_view_dispose;
  object_class->get_property = pb_timeline_view_get_property;
  object_class->set_property = pb_timeline_view_set_property;
  widget_class->snapshot = pb_timeline_view_snapshot;
  widget_class->size_allocate = pb_timeline_view_size_allocate;
  widget_class->measure = pb_timeline_view_measure;
  widget_class->map = pb_timeline_view_map;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");
  g_object_class_install_property (object_class, PROP_N_SELECTED,
                                   g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_ITEM);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * PbTimelineView::items-menu:
   * @x, @y: where the menu points to, in the view's coordinates
   *
   * A right-click on a bar, or the Menu key with bars chosen: the window
   * opens the chosen items' menu there.
   */
  signals[ITEMS_MENU] =
    g_signal_new ("items-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[HINT] =
    g_signal_new ("hint", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "timeline.select", "i", select_action);
  gtk_widget_class_install_action (widget_class, "timeline.move", "i", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "timeline.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "timeline.move", "i", 1);
  gtk_widget_class_install_action (widget_class, "timeline.shift", "i", shift_action);
  gtk_widget_class_install_action (widget_class, "timeline.resize", "i", shift_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete-dependency", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "timeline.section-menu", NULL, section_menu_action);
  gtk_widget_class_install_action (widget_class, "timeline.items-menu", NULL, items_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "timeline.items-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "timeline.items-menu", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.select", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.select", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.shift", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.shift", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK | GDK_ALT_MASK, "timeline.resize", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK | GDK_ALT_MASK, "timeline.resize", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-fit", NULL);
  /* Ctrl with them, as in other GNOME applications. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "timeline.delete-dependency", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "pb-timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
pb_timeline_view_init (PbTimelineView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->zoom = PB_TIMELINE_ZOOM_QUARTER;
  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->section_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->section_menu), FALSE);
  gtk_widget_set_halign (self->section_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->section_menu, GTK_WIDGET (self));
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* The focused section header's outline comes and goes with the focus. */
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();

    g_signal_connect (motion, "enter", G_CALLBACK (pointer_enter_cb), self);
    g_signal_connect (motion, "motion", G_CALLBACK (pointer_motion_cb), self);
    g_signal_connect (motion, "leave", G_CALLBACK (pointer_leave_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
  }

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (click, "pressed", G_CALLBACK (click_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  {
    GtkGesture *context = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
    g_signal_connect (context, "pressed", G_CALLBACK (context_click_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (context));
  }
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"), -1);
}

GtkWidget *
pb_timeline_view_new (PbStore *store)
{
  PbTimelineView *self = g_object_new (PB_TYPE_TIMELINE_VIEW, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
pb_timeline_view_set_plan (PbTimelineView *self,
                           PbPlan         *plan)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  if (g_set_object (&self->plan, plan))
    {
      self->selected = 0;
      self->anchor = 0;
      self->header_focused = FALSE;
      choose_dependency (self, 0, 0);
      g_hash_table_remove_all (self->collapsed);
      /* Another plan: nothing of the last one stays chosen, nor its bar. */
      if (g_hash_table_size (self->chosen) > 0)
        {
          g_hash_table_remove_all (self->chosen);
          g_object_notify (G_OBJECT (self), "n-selected");
        }
      if (self->vadjustment)
        gtk_adjustment_set_value (self->vadjustment, 0);
      self->fit_pending = TRUE;
      if (self->items)
        g_signal_handlers_disconnect_by_func (self->items, items_moved_cb, self);
      g_clear_object (&self->items);
      /* The plan's live list is made with the chart, or when asked for
       * (ensure_items ()): a window opening on the board does not list
       * the items for a hidden Timeline (16 ms at 20,000 items). */
      invalidate (self);
    }
}

/**
 * pb_timeline_view_get_items:
 *
 * Returns: (transfer none) (nullable): the plan's items, a live list, as
 *   the timeline shows them; %NULL without a plan
 */
GListModel *
pb_timeline_view_get_items (PbTimelineView *self)
{
  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), NULL);

  ensure_items (self);
  return self->items;
}

void
pb_timeline_view_set_today (PbTimelineView *self,
                            const GDate    *today)
{
  self->today = *today;
  invalidate (self);
}

PbTimeline *
pb_timeline_view_get_timeline (PbTimelineView *self)
{
  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), NULL);
  ensure_timeline (self);
  return self->timeline;
}

void
pb_timeline_view_set_zoom (PbTimelineView *self,
                           PbTimelineZoom  zoom)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));
  g_return_if_fail (zoom <= PB_TIMELINE_ZOOM_WEEK);

  self->fit_pending = FALSE;
  if (self->timeline)
    {
      /* Keep the day at the view's left edge where it was. */
      guint32 day = pb_timeline_day_for_x (self->timeline, gtk_adjustment_get_value (self->hadjustment));

      self->zoom = zoom;
      pb_timeline_set_zoom (self->timeline, zoom);
      configure_adjustments (self);
      gtk_adjustment_set_value (self->hadjustment, pb_timeline_x_for_day (self->timeline, day));
    }
  self->zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
pb_timeline_view_get_selected (PbTimelineView *self)
{
  return self->selected;
}

/**
 * pb_timeline_view_get_selected_dependency:
 * @from_id: (out) (optional): its predecessor, 0 for none
 * @to_id: (out) (optional): its successor, 0 for none
 *
 * The dependency chosen with a click on its arrow, which Delete removes.
 *
 * Returns: whether one is chosen
 */
gboolean
pb_timeline_view_get_selected_dependency (PbTimelineView *self,
                                          gint64         *from_id,
                                          gint64         *to_id)
{
  g_return_val_if_fail (PB_IS_TIMELINE_VIEW (self), FALSE);

  if (from_id)
    *from_id = self->selected_dep_from;
  if (to_id)
    *to_id = self->selected_dep_to;
  return self->selected_dep_to != 0;
}

void
pb_timeline_view_select (PbTimelineView *self,
                         gint64          item_id)
{
  guint row;
  gboolean changed = self->selected != item_id || self->header_focused;

  /* A bar chosen: the arrow chosen before is not any more. */
  if (item_id != 0 && self->selected_dep_to != 0)
    choose_dependency (self, 0, 0);
  self->header_focused = FALSE;
  self->selected = item_id;
  if (changed)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0, item_id);
  if (changed)
    update_accessible (self);
  if (self->timeline)
    {
      pb_timeline_set_selected (self->timeline, item_id);
      /* Scroll the selected row into view. */
      if (item_id && pb_timeline_get_item_row (self->timeline, item_id, &row))
        {
          double y = pb_timeline_get_row_y (self->timeline, row);
          double top = gtk_adjustment_get_value (self->vadjustment);
          double page = gtk_adjustment_get_page_size (self->vadjustment);

          /* Above the bulk bar, which may lie over the bottom. */
          page = MAX (page - self->bottom_inset, PB_TIMELINE_ROW_HEIGHT);
          if (y < top)
            gtk_adjustment_set_value (self->vadjustment, y);
          else if (y + PB_TIMELINE_ROW_HEIGHT > top + page)
            gtk_adjustment_set_value (self->vadjustment, y + PB_TIMELINE_ROW_HEIGHT - page);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pb_timeline_view_set_bottom_inset:
 * @inset: pixels, 0 for none
 *
 * Lets the chart scroll @inset pixels past its last row, which then shows
 * above whatever lies over the view's bottom (the bulk bar of the
 * window), and keeps a selected row above it. A constant: the view keeps
 * its height, and the rows their place, as the bar comes and goes.
 */
void
pb_timeline_view_set_bottom_inset (PbTimelineView *self,
                                   double          inset)
{
  g_return_if_fail (PB_IS_TIMELINE_VIEW (self));

  self->bottom_inset = MAX (inset, 0);
  configure_adjustments (self);
}
