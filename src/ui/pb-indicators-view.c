/* pb-indicators-view.c — the plan's indicators against their yearly targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A table of the plan's indicators, grouped under the items they serve (an
 * indicator a goal and a task share is listed under each, saying so, and
 * is one indicator: an actual recorded counts once for both): unit, kind, baseline, a column per plan year with its target
 * (firm; a stretch target 力争 beneath it), the latest actual, the value
 * expected today, completion, health and the change since the last closed
 * period. Kind, baseline and targets are edited in place; each edit is
 * one store command; the name and unit in a dialog (F2, the row menu,
 * the pencil beside the name). Beside the table, the selected indicator's chart,
 * the items it serves (each can be detached), a merge into another
 * indicator of the plan, its actuals (record, edit, delete) and the same
 * indicator in the library's other plans.
 */
#define G_LOG_DOMAIN "pb-indicators-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pb-charts.h"
#include "pb-dialogs.h"
#include "pb-editable-cell.h"
#include "pb-format.h"
#include "pb-health-style.h"
#include "pb-import-text.h"
#include "pb-indicator-links.h"
#include "pb-indicators-view.h"
#include "pb-supervision.h"
#include "pb-ui-util.h"

/* ---- Rows ------------------------------------------------------------------ */

#define PB_TYPE_INDICATOR_ROW (pb_indicator_row_get_type ())
G_DECLARE_FINAL_TYPE (PbIndicatorRow, pb_indicator_row, PB, INDICATOR_ROW, GObject)

struct _PbIndicatorRow
{
  GObject      parent_instance;
  PbItem      *item;       /* the group's item, or NULL for the plan */
  PbIndicator *indicator;  /* an indicator's row; NULL for the group's header */
  char        *shared;     /* the other items it serves, or NULL */
};

G_DEFINE_FINAL_TYPE (PbIndicatorRow, pb_indicator_row, G_TYPE_OBJECT)

static void
pb_indicator_row_finalize (GObject *object)
{
  PbIndicatorRow *self = PB_INDICATOR_ROW (object);

  g_clear_object (&self->item);
  g_clear_object (&self->indicator);
  g_free (self->shared);
  G_OBJECT_CLASS (pb_indicator_row_parent_class)->finalize (object);
}

static guint row_changed_signal;

static void
pb_indicator_row_class_init (PbIndicatorRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_indicator_row_finalize;

  /* What a row shows changed: its cells bind again, in place. */
  row_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_indicator_row_init (PbIndicatorRow *self)
{
}

static PbIndicatorRow *
row_new (PbItem      *item,
         PbIndicator *indicator)
{
  PbIndicatorRow *row = g_object_new (PB_TYPE_INDICATOR_ROW, NULL);

  row->item = item ? g_object_ref (item) : NULL;
  row->indicator = indicator ? g_object_ref (indicator) : NULL;
  return row;
}

/* ---- The view --------------------------------------------------------------- */

struct _PbIndicatorsView
{
  GtkWidget           parent_instance;

  PbStore            *store;
  PbPlan             *plan;
  GDate               today;
  GDate               fixed_today;   /* valid: today is this day, not the clock's */

  GtkWidget          *stack;
  GtkWidget          *paned;
  GtkColumnView      *columns;
  GListStore         *rows;
  GtkSingleSelection *selection;
  GPtrArray          *year_columns;
  GtkColumnViewColumn *change_column;
  int                 first_year;
  int                 last_year;
  int                 period_start;  /* the plan's own years, within those */
  int                 period_end;
  GtkLabel           *period_label;

  /* details */
  GtkWidget          *details_stack;
  GtkLabel           *title;
  GtkLabel           *subtitle;
  GtkLabel           *status;
  GtkListBox         *served;
  GtkWidget          *merge_button;
  GtkWidget          *row_menu;
  GtkWidget          *chart_area;
  GtkListBox         *history;
  GtkWidget          *compare_group;
  GtkWidget          *compare_area;
  GtkGrid            *compare_grid;
  GtkLabel           *compare_note;
  int                 compare_width;  /* the chart's last width */
  PbIndicatorChart   *chart;
  PbIndicatorChart   *compare_chart;

  GHashTable         *previous;   /* indicator id → PbPeriodIndicator */
  gint64              selected_id;
  gint64              selected_item_id;  /* the group it was chosen under */
  PbLazyRebuild       lazy;
  gboolean            binding;
  GPtrArray          *rest;       /* rows still to show after the first frame */
  guint               rest_shown; /* how many of them are in rows */
  guint               rest_id;
  guint               n_editing;  /* cells being edited */
  gboolean            rebuild_after_edit;
};

G_DEFINE_FINAL_TYPE (PbIndicatorsView, pb_indicators_view, GTK_TYPE_WIDGET)

static void rebuild (PbIndicatorsView *self);

/* A table of 5,000 indicators shows its first rows in the first frame and
 * the others at low priority after it, a chunk at a time: GTK 4.8's list
 * binds 200 rows of a model at once (each a dozen cells), which made the
 * page take a second to appear. */
#define ROWS_CHUNK 25

static void
cancel_rest (PbIndicatorsView *self)
{
  g_clear_handle_id (&self->rest_id, g_source_remove);
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  self->rest_shown = 0;
}

static void
show_more_rows (PbIndicatorsView *self,
                guint             n)
{
  /* n may be G_MAXUINT (every row): rest_shown + n would wrap. */
  guint end = self->rest_shown + MIN (n, self->rest->len - self->rest_shown);

  g_list_store_splice (self->rows, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), 0,
                       self->rest->pdata + self->rest_shown, end - self->rest_shown);
  self->rest_shown = end;
}

static gboolean
rest_cb (gpointer data)
{
  PbIndicatorsView *self = data;

  show_more_rows (self, ROWS_CHUNK);
  if (self->rest_shown < self->rest->len)
    return G_SOURCE_CONTINUE;
  self->rest_id = 0;
  g_clear_pointer (&self->rest, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/* Every row, now: before the view answers a question about its rows. */
static void
flush_rows (PbIndicatorsView *self)
{
  pb_lazy_rebuild_flush (&self->lazy);
  if (self->rest)
    show_more_rows (self, G_MAXUINT);
  cancel_rest (self);
}
static void update_details (PbIndicatorsView *self);

static PbIndicator *
selected_indicator (PbIndicatorsView *self)
{
  PbIndicatorRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? row->indicator : NULL;
}

/* The item the selected row is listed under, or 0. */
static gint64
selected_item_id (PbIndicatorsView *self)
{
  PbIndicatorRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row && row->item ? pb_record_get_id (PB_RECORD (row->item)) : 0;
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* ---- Cells ---------------------------------------------------------------- */

static PbIndicatorRow *
cell_row (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "pb-row");
}

/* A click or focus anywhere in a row's cell selects that row's
 * indicator: the side panel (and "Record Actual…") follows the row being
 * edited. */
static void
cell_focus_enter_cb (GtkEventControllerFocus *focus,
                     PbIndicatorsView        *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  PbIndicatorRow *row = cell_row (widget);
  guint position;

  if (row == NULL || row->indicator == NULL ||
      gtk_single_selection_get_selected_item (self->selection) == (gpointer) row)
    return;
  if (g_list_store_find (self->rows, row, &position))
    gtk_single_selection_set_selected (self->selection, position);
}

static void
follow_focus (PbIndicatorsView *self,
              GtkWidget        *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "enter", G_CALLBACK (cell_focus_enter_cb), self);
  gtk_widget_add_controller (widget, focus);
}

static PbTarget *
find_target (PbIndicatorsView *self,
             PbIndicator      *indicator,
             int               year,
             gboolean          stretch)
{
  g_autoptr(GListModel) targets = pb_store_list_targets (self->store, pb_record_get_id (PB_RECORD (indicator)));

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);

      if (pb_target_get_year (t) == year && pb_record_get_boolean (PB_RECORD (t), "stretch") == stretch)
        return g_steal_pointer (&t);
    }
  return NULL;
}

/* A target as the cell reads it (DESIGN §7: the one formatter, to the
 * indicator's precision, in the user's number style), or as its field
 * holds it while edited (the plain number, read back exactly). */
static char *
format_target (PbTarget *t,
               int       decimals,
               gboolean  editing)
{
  g_autofree char *value = editing ? pb_ui_format_value (pb_target_get_value (t))
                                   : pb_format_number_compact (pb_target_get_value (t), NULL, decimals);

  return g_strconcat (pb_format_comparator (pb_record_get_enum (PB_RECORD (t), "comparator")), value, NULL);
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbIndicatorsView         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *shared = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (shared), 0);
  gtk_label_set_ellipsize (GTK_LABEL (shared), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (shared, "caption");
  gtk_widget_add_css_class (shared, "dim-label");
  gtk_widget_set_name (shared, "shared");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), shared);
  g_object_set_data (G_OBJECT (box), "pb-name", label);
  g_object_set_data (G_OBJECT (box), "pb-shared", shared);
  gtk_list_item_set_child (list_item, box);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PbIndicatorsView         *self)
{
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "pb-name");
  GtkWidget *shared = g_object_get_data (G_OBJECT (box), "pb-shared");
  g_autofree char *text = NULL;

  /* A right click on the name finds its row (the row menu). */
  g_object_set_data (G_OBJECT (box), "pb-row", row);
  gtk_widget_set_visible (shared, row->indicator && row->shared);
  if (row->indicator)
    {
      text = g_strdup (pb_indicator_get_name (row->indicator));
      gtk_widget_remove_css_class (label, "heading");
      gtk_widget_set_margin_start (box, 12);
      if (row->shared)
        {
          /* Translators: under an indicator's name in the table, the other
           * items that serve it, as "Shared with 3, 主要目标" */
          g_autofree char *also = g_strdup_printf (_("Shared with %s"), row->shared);

          gtk_label_set_text (GTK_LABEL (shared), also);
          pb_ui_set_tooltip_lazily (shared, _("One indicator for these items: an actual recorded for it counts once, for each of them"));
        }
    }
  else
    {
      text = row->item ? g_strdup_printf ("%s %s", pb_item_get_number (row->item), pb_item_get_title (row->item))
                       : g_strdup (_("The plan as a whole"));
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_start (box, 0);
    }
  g_strstrip (text);
  gtk_label_set_text (GTK_LABEL (label), text);
  pb_ui_set_tooltip_lazily (label, text);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (xalign) ? 1.0 : 0.0);
  gtk_label_set_justify (GTK_LABEL (label), GPOINTER_TO_INT (xalign) ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  /* A line wider than its column (a long date in Chinese) wraps inside
   * it: unwrapped, the label's lines are aligned to its own width, and the
   * short ones fall outside the cell. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (list_item, label);
}

typedef enum
{
  TEXT_UNIT,
  TEXT_LATEST,
  TEXT_EXPECTED,
  TEXT_COMPLETION,
  TEXT_HEALTH,
  TEXT_WHY,
  TEXT_CHANGE,
} TextColumn;

static void
text_bind (PbIndicatorsView *self,
           GtkListItem      *list_item,
           TextColumn        what)
{
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const PbIndicatorStatus *st;
  g_autofree char *text = NULL;
  g_autofree char *latest_date = NULL;
  g_autofree char *explained = NULL;
  const char *tooltip = NULL;
  int decimals;

  for (PbHealth h = PB_HEALTH_NONE; h <= PB_HEALTH_RED; h++)
    gtk_widget_remove_css_class (label, pb_ui_health_css_class (h));
  gtk_widget_remove_css_class (label, "dim-label");
  g_object_set_data (G_OBJECT (label), "pb-row", row);
  g_object_set_data (G_OBJECT (label), "pb-text-column", GINT_TO_POINTER (what + 1));

  if (row->indicator == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), "");
      pb_ui_set_tooltip_lazily (label, NULL);
      return;
    }

  st = pb_store_get_indicator_status (self->store, row->indicator, &self->today);
  decimals = pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (row->indicator)));
  switch (what)
    {
    case TEXT_UNIT:
      text = g_strdup (pb_indicator_get_measure_unit (row->indicator));
      break;
    case TEXT_LATEST:
      if (st->has_actual)
        {
          text = pb_format_number_compact (st->latest, NULL, decimals);
          tooltip = latest_date = pb_format_iso_date (st->latest_date);
        }
      else
        {
          text = g_strdup ("—");
          gtk_widget_add_css_class (label, "dim-label");
        }
      /* An actual dated after today is recorded but not yet counted: the
       * row says so beneath the latest that counts (rev6 finding 4). */
      if (st->has_later)
        {
          g_autofree char *later = pb_format_number_compact (st->later, NULL, decimals);
          g_autofree char *when = pb_format_iso_date (st->later_date);
          g_autofree char *first = g_steal_pointer (&text);

          /* Translators: beneath the latest actual in the indicator table:
           * a value recorded with a date after today, and that date */
          text = g_strdup_printf (_("%s\n%s counts\nfrom %s"), first, later, when);
          /* Translators: a tooltip: the latest actual's date (or a dash),
           * then a value dated after today and its date */
          explained = g_strdup_printf (_("%s. %s dated %s is recorded; it counts from that date."),
                                       latest_date ? latest_date : "—", later, when);
          tooltip = explained;
        }
      break;
    case TEXT_EXPECTED:
      /* What the completion beside it is measured against (the value
       * expected on the latest actual's date), to the indicator's
       * precision: no 8,793.42 base stations. */
      text = pb_format_estimate (st->against, NULL, decimals);
      {
        g_autofree char *sum = pb_indicator_status_explain (st, pb_indicator_get_measure_unit (row->indicator));
        g_autofree char *today = pb_format_estimate (st->expected_today, pb_indicator_get_measure_unit (row->indicator),
                                                     decimals);

        if (sum && !isnan (st->expected_today))
          /* Translators: a tooltip: how the completion was worked out, then the value expected today */
          explained = g_strdup_printf (_("%s. Expected today: %s."), sum, today);
        else if (sum)
          explained = g_strdup_printf ("%s.", sum);
        tooltip = explained;
      }
      break;
    case TEXT_COMPLETION:
      text = pb_format_percent (st->completion);
      {
        g_autofree char *sum = pb_indicator_status_explain (st, pb_indicator_get_measure_unit (row->indicator));

        if (sum)
          {
            explained = g_strdup_printf ("%s\n%s.", st->reason, sum);
            tooltip = explained;
          }
        else
          tooltip = st->reason;
      }
      break;
    case TEXT_HEALTH:
      text = g_strdup (pb_health_get_symbol (st->health));
      gtk_widget_add_css_class (label, pb_ui_health_css_class (st->health));
      tooltip = st->reason;
      break;
    case TEXT_WHY:
      /* Why, beside the light, when the completion beside it does not
       * say it already (as the printed table has it): a 107% marked
       * behind says "No report since 2025-12-31" in the row (rev21
       * finding 9); the completion's own sentence stays in the tooltip. */
      text = g_strdup (st->health != PB_HEALTH_BLUE && !st->reason_is_completion && st->reason ? st->reason : "");
      tooltip = st->reason;
      break;
    case TEXT_CHANGE:
      {
        gint64 id = pb_record_get_id (PB_RECORD (row->indicator));
        PbRecord *then = self->previous ? g_hash_table_lookup (self->previous, &id) : NULL;
        double before = then ? pb_record_get_double (then, "value") : NAN;
        PbHealth was = then ? pb_record_get_enum (then, "health") : PB_HEALTH_NONE;
        g_autoptr(GString) s = g_string_new (NULL);

        double change;

        if (then == NULL)
          break;
        if (st->has_actual &&
            pb_indicator_change_since (pb_record_get_enum (PB_RECORD (row->indicator), "kind"), before,
                                       pb_record_get_string (then, "date"), st->latest, st->latest_date,
                                       &change))
          {
            if (change != 0)
              {
                g_autofree char *delta = pb_format_number_compact (fabs (change), NULL, decimals);
                g_string_append_printf (s, "%s%s", change > 0 ? "+" : "−", delta);
              }
          }
        else if (st->has_actual)
          g_string_append (s, _("new"));
        if (was != st->health && was != PB_HEALTH_NONE && st->health != PB_HEALTH_NONE)
          g_string_append_printf (s, "%s%s→%s", s->len ? " " : "",
                                  pb_health_get_symbol (was), pb_health_get_symbol (st->health));
        text = g_string_free (g_steal_pointer (&s), FALSE);
      }
      break;
    }

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  pb_ui_set_tooltip_lazily (label, tooltip);
}

#define TEXT_BIND(name, what)                                              \
  static void name (GtkSignalListItemFactory *f, GtkListItem *li,          \
                    PbIndicatorsView *self) { text_bind (self, li, what); }
TEXT_BIND (unit_bind_cb, TEXT_UNIT)
TEXT_BIND (latest_bind_cb, TEXT_LATEST)
TEXT_BIND (expected_bind_cb, TEXT_EXPECTED)
TEXT_BIND (completion_bind_cb, TEXT_COMPLETION)
TEXT_BIND (why_bind_cb, TEXT_WHY)
TEXT_BIND (health_bind_cb, TEXT_HEALTH)
TEXT_BIND (change_bind_cb, TEXT_CHANGE)

/* Kind: a menu button whose choices are made when it is opened (a
 * GtkDropDown per row builds its popover and list at once: 200 rows of
 * them were most of the page's first frame). */
static void
kind_set (GtkWidget        *choice,
          PbIndicatorsView *self)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (choice), "pb-kind-button");
  PbIndicatorRow *row = cell_row (button);
  g_autoptr(GError) error = NULL;
  PbIndicatorKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (choice), "pb-kind"));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  if (row == NULL || row->indicator == NULL ||
      pb_record_get_enum (PB_RECORD (row->indicator), "kind") == (int) kind)
    return;
  if (!pb_store_set (self->store, row->indicator, &error, "kind", kind, NULL))
    pb_ui_toast (GTK_WIDGET (self), error->message, FALSE);
}

static void
kind_create_popup (GtkMenuButton *button,
                   gpointer       data)
{
  PbIndicatorsView *self = data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  struct { PbIndicatorKind kind; const char *label; } kinds[] = {
    { PB_INDICATOR_KIND_CUMULATIVE, N_("Cumulative") },
    { PB_INDICATOR_KIND_ANNUAL, N_("Annual") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *choice = gtk_button_new_with_label (_(kinds[i].label));

      gtk_widget_add_css_class (choice, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (choice))), 0);
      g_object_set_data (G_OBJECT (choice), "pb-kind", GINT_TO_POINTER (kinds[i].kind));
      g_object_set_data (G_OBJECT (choice), "pb-kind-button", button);
      g_signal_connect (choice, "clicked", G_CALLBACK (kind_set), self);
      gtk_box_append (GTK_BOX (box), choice);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

static void
kind_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbIndicatorsView         *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_add_css_class (button, "kind-choice");
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), kind_create_popup, self, NULL);
  pb_ui_set_tooltip_lazily (button, _("Cumulative: a running total judged against the plan’s targets. Annual: each year on its own."));
  pb_ui_menu_button_quiet_tooltip (GTK_MENU_BUTTON (button));
  follow_focus (self, button);
  gtk_list_item_set_child (list_item, button);
}

static void
kind_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PbIndicatorsView         *self)
{
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *button = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (button), "pb-row", row);
  gtk_widget_set_visible (button, row->indicator != NULL);
  if (row->indicator)
    gtk_menu_button_set_label (GTK_MENU_BUTTON (button),
                               pb_record_get_enum (PB_RECORD (row->indicator), "kind") == PB_INDICATOR_KIND_ANNUAL
                               ? _("Annual") : _("Cumulative"));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PbIndicatorsView         *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *editable = g_object_get_data (G_OBJECT (child), "pb-editable");

  g_object_set_data (G_OBJECT (child), "pb-row", NULL);
  if (editable)
    g_object_set_data (G_OBJECT (editable), "pb-row", NULL);
}

/* Baseline and targets: editable labels that commit when editing ends. */
static void
committed_cb (PbEditableCell   *label,
              const char       *text,
              PbIndicatorsView *self)
{
  PbIndicatorRow *row = cell_row (GTK_WIDGET (label));
  g_autofree char *original = g_strdup (pb_editable_cell_get_text (label));
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "pb-year"));
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (row == NULL || row->indicator == NULL)
    return;

  if (year == 0)
    {
      double value;

      if (*text == '\0')
        ok = pb_store_set (self->store, row->indicator, &error, "baseline_value", NAN, NULL);
      else if (pb_parse_number_in_unit (text, pb_indicator_get_measure_unit (row->indicator), &value))
        ok = pb_store_set (self->store, row->indicator, &error, "baseline_value", value, NULL);
      else
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is not a number; write it as 2600, 2.6万 or 0.85."), text), ok = FALSE;
    }
  else
    {
      g_autoptr(PbTarget) target = find_target (self, row->indicator, year, FALSE);
      PbComparator comparator;
      double value;

      if (*text == '\0')
        ok = target == NULL || pb_store_delete (self->store, target, &error);
      else if (!pb_parse_target_in_unit (text, pb_indicator_get_measure_unit (row->indicator), &comparator, &value))
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is not a target; write it as ≥2600, ≤1.3 or 85."), text), ok = FALSE;
      else if (target)
        ok = pb_store_set (self->store, target, &error, "value", value, "comparator", comparator, NULL);
      else
        ok = pb_store_add_target (self->store, pb_record_get_id (PB_RECORD (row->indicator)),
                                  year, value, comparator, FALSE, &error) > 0;
    }

  if (!ok)
    {
      pb_ui_toast (GTK_WIDGET (self), error ? error->message : _("That did not work."), FALSE);
      pb_editable_cell_set_text (label, original);
    }
}

/* A rebuild while a cell is edited would bind its widget again, maybe to
 * another row, or take it away: the edit would end and the typing be
 * lost or committed to the wrong indicator. It waits for the edit to
 * end; the commit, which runs just after, comes first. */
static void
editing_changed_cb (PbEditableCell   *label,
                    GParamSpec       *pspec,
                    PbIndicatorsView *self)
{
  if (pb_editable_cell_get_editing (label))
    self->n_editing++;
  else if (self->n_editing > 0 && --self->n_editing == 0 && self->rebuild_after_edit)
    {
      self->rebuild_after_edit = FALSE;
      pb_lazy_rebuild_queue (&self->lazy);
    }
}

static GtkWidget *
make_editable (PbIndicatorsView *self,
               int               year)
{
  GtkWidget *label = pb_editable_cell_new ();

  g_object_set_data (G_OBJECT (label), "pb-year", GINT_TO_POINTER (year));
  g_signal_connect (label, "committed", G_CALLBACK (committed_cb), self);
  g_signal_connect (label, "notify::editing", G_CALLBACK (editing_changed_cb), self);
  return label;
}

static void
baseline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PbIndicatorsView         *self)
{
  GtkWidget *label = make_editable (self, 0);

  pb_ui_set_tooltip_lazily (label, _("The value when the plan began; click to edit"));
  g_object_set_data (G_OBJECT (label), "pb-editable", label);
  follow_focus (self, label);
  gtk_list_item_set_child (list_item, label);
}

static void
baseline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PbIndicatorsView         *self)
{
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  double baseline;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  g_object_set_data (G_OBJECT (label), "pb-row", row);
  gtk_widget_set_visible (label, row->indicator != NULL);
  if (row->indicator == NULL)
    return;
  baseline = pb_record_get_double (PB_RECORD (row->indicator), "baseline_value");
  text = isnan (baseline) ? g_strdup ("") : pb_ui_format_value (baseline);
  shown = isnan (baseline) ? g_strdup ("")
    : pb_format_number_compact (baseline, NULL,
                           pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (row->indicator))));
  pb_editable_cell_set_texts (PB_EDITABLE_CELL (label), text, shown);
}

static void
target_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PbIndicatorsView         *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pb-year"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = make_editable (self, year);
  GtkWidget *stretch = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (stretch, "stretch-target");
  gtk_widget_add_css_class (stretch, "caption");
  gtk_label_set_xalign (GTK_LABEL (stretch), 1);
  /* "stretch ≥25,000" whole: on a second line when the column is narrow,
   * never cut to "…tch ≥25000". */
  gtk_label_set_wrap (GTK_LABEL (stretch), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (stretch), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (stretch), GTK_JUSTIFY_RIGHT);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), stretch);
  g_object_set_data (G_OBJECT (box), "pb-editable", label);
  g_object_set_data (G_OBJECT (box), "pb-stretch", stretch);
  follow_focus (self, box);
  gtk_list_item_set_child (list_item, box);
}

static void
target_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PbIndicatorsView         *self)
{
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = g_object_get_data (G_OBJECT (box), "pb-editable");
  GtkWidget *stretch = g_object_get_data (G_OBJECT (box), "pb-stretch");
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "pb-year"));
  g_autoptr(PbTarget) firm = NULL;
  g_autoptr(PbTarget) extra = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  int decimals;

  g_object_set_data (G_OBJECT (box), "pb-row", row);
  g_object_set_data (G_OBJECT (label), "pb-row", row);
  gtk_widget_set_visible (box, row->indicator != NULL);
  if (row->indicator == NULL)
    return;

  firm = find_target (self, row->indicator, year, FALSE);
  extra = find_target (self, row->indicator, year, TRUE);
  decimals = pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (row->indicator)));
  text = firm ? format_target (firm, decimals, TRUE) : g_strdup ("");
  shown = firm ? format_target (firm, decimals, FALSE) : g_strdup ("");
  pb_editable_cell_set_texts (PB_EDITABLE_CELL (label), text, shown);
  {
    g_autofree char *tip = g_strdup_printf (_("The target for %d; click to edit (≥2600, ≤1.3, or empty for none)"), year);
    pb_ui_set_tooltip_lazily (label, tip);
  }

  if (extra)
    {
      g_autofree char *value = format_target (extra, decimals, FALSE);
      /* Translators: a stretch target, 力争 in a plan's own words */
      g_autofree char *stretch_text = g_strdup_printf (_("stretch %s"), value);
      gtk_label_set_text (GTK_LABEL (stretch), stretch_text);
    }
  gtk_widget_set_visible (stretch, extra != NULL);
}

typedef void (*BindFunc) (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          PbIndicatorsView         *self);

/* A row that changes binds its cells again in place: the table is not
 * rebuilt under a cell being edited. */
static void
rebind_cb (PbIndicatorRow *row,
           GtkListItem    *list_item)
{
  GtkSignalListItemFactory *factory = g_object_get_data (G_OBJECT (list_item), "pb-factory");
  BindFunc bind = g_object_get_data (G_OBJECT (factory), "pb-bind");

  bind (factory, list_item, g_object_get_data (G_OBJECT (factory), "pb-view"));
}

static void
bind_any_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PbIndicatorsView         *self)
{
  BindFunc bind = g_object_get_data (G_OBJECT (factory), "pb-bind");
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);

  bind (factory, list_item, self);
  g_object_set_data (G_OBJECT (list_item), "pb-factory", factory);
  g_object_set_data (G_OBJECT (list_item), "pb-changed-id",
                     GSIZE_TO_POINTER (g_signal_connect (row, "changed", G_CALLBACK (rebind_cb), list_item)));
}

static void
unbind_any_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbIndicatorsView         *self)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "pb-changed-id"));
  PbIndicatorRow *row = gtk_list_item_get_item (list_item);

  if (id && row)
    g_signal_handler_disconnect (row, id);
  g_object_set_data (G_OBJECT (list_item), "pb-changed-id", NULL);
  cell_unbind_cb (factory, list_item, self);
}

static void
connect_factory (GtkListItemFactory *factory,
                 PbIndicatorsView   *self,
                 BindFunc            bind)
{
  g_object_set_data (G_OBJECT (factory), "pb-bind", bind);
  g_object_set_data (G_OBJECT (factory), "pb-view", self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_any_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_any_cb), self);
}

static GtkColumnViewColumn *
add_column (PbIndicatorsView *self,
            const char       *title,
            GCallback         setup,
            gpointer          setup_data,
            GCallback         bind,
            int               fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, setup_data);
  connect_factory (factory, self, (BindFunc) bind);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->columns, column);
  g_object_unref (column);
  return column;
}

/* The column titles wrap rather than overflow their columns ("Expected
 * at Latest Actual" on two lines in its 170 px), their whole text in a
 * tooltip. GtkColumnView (4.8) has no API for its title widgets: they
 * are the labels in its header. */
static void
wrap_titles (GtkWidget *widget,
             gboolean   in_title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      gboolean title = in_title || g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnViewTitle");

      if (title && GTK_IS_LABEL (child))
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_NONE);
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (child), 0);
          gtk_widget_set_hexpand (child, TRUE);
          /* Completion says what it divides (rev21 finding 8): the
           * figures beside it are not a plain ratio of each other. */
          gtk_widget_set_tooltip_text (child, g_str_equal (gtk_label_get_text (GTK_LABEL (child)), _("Completion"))
                                              ? pb_indicator_completion_definition ()
                                              : gtk_label_get_text (GTK_LABEL (child)));
        }
      /* Only the header: the rows' cells come and go with the rows. */
      if (title || g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget"))
        wrap_titles (child, title);
    }
}

static void
build_columns (PbIndicatorsView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->columns);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->columns, c);
    }
  g_ptr_array_set_size (self->year_columns, 0);

  gtk_column_view_column_set_expand (add_column (self, _("Indicator"), G_CALLBACK (name_setup_cb), self,
                                                 G_CALLBACK (name_bind_cb), 220), TRUE);
  add_column (self, _("Unit"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (0), G_CALLBACK (unit_bind_cb), 72);
  add_column (self, _("Kind"), G_CALLBACK (kind_setup_cb), self, G_CALLBACK (kind_bind_cb), 118);
  add_column (self, _("Baseline"), G_CALLBACK (baseline_setup_cb), self, G_CALLBACK (baseline_bind_cb), 80);

  for (int year = self->first_year; self->first_year > 0 && year <= self->last_year; year++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      /* A target year the plan's period has left (it moved) is kept and
       * shown, marked as outside the period. */
      g_autofree char *title = (self->period_start > 0 && (year < self->period_start || year > self->period_end))
                               /* TRANSLATORS: a year column of the indicator table, for a year outside the plan's period */
                               ? g_strdup_printf (C_("year column", "%d (outside)"), year)
                               : g_strdup_printf ("%d", year);

      g_object_set_data (G_OBJECT (factory), "pb-year", GINT_TO_POINTER (year));
      g_signal_connect (factory, "setup", G_CALLBACK (target_setup_cb), self);
      connect_factory (factory, self, target_bind_cb);
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_fixed_width (column, 100);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->columns, column);
      g_ptr_array_add (self->year_columns, column);
    }

  add_column (self, _("Latest Actual"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (1), G_CALLBACK (latest_bind_cb), 136);
  /* The value the completion beside it is measured against: expected on
   * the latest actual's date, not today (DESIGN §5), so latest ÷ this
   * (from the baseline) is the completion shown (rev6 finding 3). */
  add_column (self, _("Expected at Latest Actual"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (1),
              G_CALLBACK (expected_bind_cb), 170);
  add_column (self, _("Completion"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (1), G_CALLBACK (completion_bind_cb), 96);
  add_column (self, _("Health"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (0), G_CALLBACK (health_bind_cb), 64);
  add_column (self, _("Why"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (0), G_CALLBACK (why_bind_cb), 190);
  self->change_column = add_column (self, _("Since Last Period"), G_CALLBACK (label_setup_cb), GINT_TO_POINTER (1),
                                    G_CALLBACK (change_bind_cb), 130);
  wrap_titles (GTK_WIDGET (self->columns), FALSE);
}

/* ---- Rebuilding --------------------------------------------------------------- */

static gint64
row_indicator_id (PbIndicatorRow *row)
{
  return row->indicator ? pb_record_get_id (PB_RECORD (row->indicator)) : 0;
}

static gint64
row_item_id (PbIndicatorRow *row)
{
  return row->item ? pb_record_get_id (PB_RECORD (row->item)) : 0;
}

/* An item as the table names it beside a shared indicator: its number
 * and the start of its title ("1 加快5G网络规…"). */
static char *
item_short_ref (PbItem *item)
{
  const char *number = pb_item_get_number (item);
  const char *title = pb_item_get_title (item);
  g_autofree char *shown = g_utf8_strlen (title, -1) > 8 ? NULL : g_strdup (title);

  if (shown == NULL)
    {
      g_autofree char *start = g_utf8_substring (title, 0, 7);
      shown = g_strconcat (start, "…", NULL);
    }
  return number && *number ? g_strdup_printf ("%s %s", number, shown) : g_steal_pointer (&shown);
}

static gboolean
same_rows (PbIndicatorsView *self,
           GPtrArray        *rows)
{
  GListModel *model = G_LIST_MODEL (self->rows);

  if (g_list_model_get_n_items (model) != rows->len)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(PbIndicatorRow) old = g_list_model_get_item (model, i);

      PbIndicatorRow *row = g_ptr_array_index (rows, i);

      if (row_indicator_id (old) != row_indicator_id (row) || row_item_id (old) != row_item_id (row) ||
          g_strcmp0 (old->shared, row->shared) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
rebuild (PbIndicatorsView *self)
{
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) serving = NULL;
  g_autoptr(GPtrArray) loaded_items = NULL;
  g_autoptr(GPtrArray) loaded_indicators = NULL;
  g_autoptr(PbPeriod) last = NULL;
  GPtrArray *loose;
  gint64 keep = self->selected_id;
  guint select = GTK_INVALID_LIST_POSITION;
  int first_year, last_year;

  pb_lazy_rebuild_begin (&self->lazy);
  if (self->n_editing > 0)
    {
      self->rebuild_after_edit = TRUE;
      return;
    }
  cancel_rest (self);
  g_clear_pointer (&self->previous, g_hash_table_unref);

  if (self->plan == NULL || pb_record_is_deleted (PB_RECORD (self->plan)))
    {
      g_list_store_remove_all (self->rows);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  if (g_date_valid (&self->fixed_today))
    self->today = self->fixed_today;
  else
    pb_date_today (&self->today);
  /* The plan's items and indicators read in one query each, not a query
   * per row as the lists hand them out. */
  loaded_items = pb_store_dup_plan_items (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  loaded_indicators = pb_store_dup_records (self->store, PB_TYPE_INDICATOR, "plan_id",
                                            pb_record_get_id (PB_RECORD (self->plan)));
  indicators = pb_store_list_indicators (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  serving = pb_store_dup_indicator_items (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  items = pb_store_list_items (self->store, pb_record_get_id (PB_RECORD (self->plan)));

  pb_store_get_plan_years (self->store, pb_record_get_id (PB_RECORD (self->plan)), &first_year, &last_year);
  if (first_year != self->first_year || last_year != self->last_year || self->year_columns->len == 0 ||
      pb_plan_get_period_start (self->plan) != self->period_start ||
      pb_plan_get_period_end (self->plan) != self->period_end)
    {
      self->first_year = first_year;
      self->last_year = last_year;
      self->period_start = pb_plan_get_period_start (self->plan);
      self->period_end = pb_plan_get_period_end (self->plan);
      build_columns (self);
    }

  last = pb_store_get_last_period (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  if (last)
    {
      g_autofree char *text = NULL;
      gboolean changed;
      g_autofree char *period = pb_format_period_label (pb_record_get_string (PB_RECORD (last), "label"));
      g_autofree char *closed = pb_format_iso_date (pb_record_get_string (PB_RECORD (last), "closed_date"));

      self->previous = pb_store_dup_period_indicators (self->store, pb_record_get_id (PB_RECORD (last)));
      changed = pb_store_period_changed_since_closing (self->store, pb_record_get_id (PB_RECORD (last)));
      if (changed)
        /* Translators: the period (2026年三季度, October 2026) and the day
         * it was closed; an actual dated in it was recorded, changed or
         * deleted since, so the figures it kept no longer match the data */
        text = g_strdup_printf (_("Compared with period %s, changed after closing (closed %s)"),
                                period, closed);
      else
        /* Translators: the period (2026年三季度, October 2026) and the day it was closed */
        text = g_strdup_printf (_("Compared with period %s, closed %s"),
                                period, closed);
      gtk_label_set_text (self->period_label, text);
      /* Whole in the tooltip when the bar is too narrow for it; a period
       * whose data changed since is marked, not only said. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_label), text);
      if (changed)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->period_label), "dim-label");
          gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "warning");
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "dim-label");
          gtk_widget_remove_css_class (GTK_WIDGET (self->period_label), "warning");
        }
    }
  else
    {
      gtk_label_set_text (self->period_label, _("No period closed yet: close one to see the change since"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->period_label), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->period_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "dim-label");
    }
  gtk_column_view_column_set_visible (self->change_column, last != NULL);

  /* Each indicator under every item it serves, in the plan's order;
   * one that serves none under the plan as a whole. */
  {
    g_autoptr(GHashTable) item_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        PbItem *item = g_list_model_get_item (items, i);
        gint64 id = pb_record_get_id (PB_RECORD (item));

        g_hash_table_insert (item_by_id, g_memdup2 (&id, sizeof id), item);
      }

    loose = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
      {
        g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
        gint64 indicator_id = pb_record_get_id (PB_RECORD (k));
        GArray *served = g_hash_table_lookup (serving, &indicator_id);
        guint placed = 0;

        for (guint j = 0; served && j < served->len; j++)
          {
            gint64 item_id = g_array_index (served, gint64, j);
            PbItem *item = g_hash_table_lookup (item_by_id, &item_id);
            GPtrArray *group;
            PbIndicatorRow *row;
            g_autoptr(GString) others = NULL;

            if (item == NULL)
              continue;
            group = g_hash_table_lookup (by_item, &item_id);
            if (group == NULL)
              {
                group = g_ptr_array_new_with_free_func (g_object_unref);
                g_hash_table_insert (by_item, g_memdup2 (&item_id, sizeof item_id), group);
              }
            row = row_new (item, k);
            for (guint o = 0; o < served->len; o++)
              {
                gint64 other_id = g_array_index (served, gint64, o);
                PbItem *other = g_hash_table_lookup (item_by_id, &other_id);
                g_autofree char *ref = NULL;

                if (other == NULL || other_id == item_id)
                  continue;
                ref = item_short_ref (other);
                if (others == NULL)
                  others = g_string_new (ref);
                else
                  /* Translators: between the items a shared indicator
                   * lists: ", " in English, "、" in Chinese */
                  g_string_append_printf (others, "%s%s", C_("list separator", ", "), ref);
              }
            row->shared = others ? g_string_free (g_steal_pointer (&others), FALSE) : NULL;
            g_ptr_array_add (group, row);
            placed++;
          }
        if (placed == 0)
          g_ptr_array_add (loose, row_new (NULL, k));
      }
  }

  if (loose->len > 0)
    {
      g_ptr_array_add (rows, row_new (NULL, NULL));
      for (guint i = 0; i < loose->len; i++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (loose, i)));
    }
  g_ptr_array_unref (loose);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      gint64 id = pb_record_get_id (PB_RECORD (item));
      GPtrArray *group = g_hash_table_lookup (by_item, &id);

      if (group == NULL)
        continue;
      g_ptr_array_add (rows, row_new (item, NULL));
      for (guint j = 0; j < group->len; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (group, j)));
    }

  /* The row chosen before: the same indicator under the same item, else
   * under its first item. */
  for (guint i = 0; i < rows->len; i++)
    {
      PbIndicatorRow *row = g_ptr_array_index (rows, i);

      if (row->indicator && row_indicator_id (row) == keep &&
          (select == GTK_INVALID_LIST_POSITION || row_item_id (row) == self->selected_item_id))
        select = i;
    }
  for (guint i = 0; keep == 0 && select == GTK_INVALID_LIST_POSITION && i < rows->len; i++)
    if (((PbIndicatorRow *) g_ptr_array_index (rows, i))->indicator)
      select = i;

  if (same_rows (self, rows))
    {
      /* The same rows: each binds again where it is. */
      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr(PbIndicatorRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
          g_signal_emit (row, row_changed_signal, 0);
        }
    }
  else if (rows->len > ROWS_CHUNK && (select == GTK_INVALID_LIST_POSITION || select < ROWS_CHUNK))
    {
      g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                           rows->pdata, ROWS_CHUNK);
      self->rest = g_ptr_array_ref (rows);
      self->rest_shown = ROWS_CHUNK;
      self->rest_id = g_idle_add_full (G_PRIORITY_LOW, rest_cb, self, NULL);
    }
  else
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                         rows->pdata, rows->len);
  if (gtk_single_selection_get_selected (self->selection) != select)
    gtk_single_selection_set_selected (self->selection, select);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), rows->len ? "table" : "empty");
  update_details (self);
}

static void
store_changed_cb (PbIndicatorsView *self,
                  const char       *table)
{
  static const char * const watched[] = { "plan", "item", "indicator", "item_indicator", "target", "actual",
                                          "period", "period_indicator", NULL };

  if (self->plan != NULL && g_strv_contains (watched, table))
    pb_lazy_rebuild_queue (&self->lazy);
}

/* ---- Details ------------------------------------------------------------------- */

static void
chart_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  PbIndicatorChart **chart = data;

  if (*chart)
    pb_indicator_chart_paint (*chart, cr, width, height, is_dark ());
}

static void
edit_actual_cb (GtkButton        *button,
                PbIndicatorsView *self)
{
  PbActual *actual = g_object_get_data (G_OBJECT (button), "pb-actual");
  PbIndicator *k = selected_indicator (self);

  if (actual && k)
    pb_actual_dialog_new (GTK_WIDGET (self), self->store, k, actual);
}

static void
delete_actual_now (PbIndicatorsView *self,
                   PbActual         *actual)
{
  g_autoptr(GError) error = NULL;

  if (pb_store_delete (self->store, actual, &error))
    pb_ui_toast (GTK_WIDGET (self), _("Actual deleted"), TRUE);
  else
    pb_ui_toast (GTK_WIDGET (self), error->message, FALSE);
}

static void
delete_closed_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           PbIndicatorsView *self)
{
  PbActual *actual = g_object_get_data (G_OBJECT (dialog), "pb-actual");

  if (g_str_equal (response, "delete") && actual && !pb_record_is_deleted (PB_RECORD (actual)))
    delete_actual_now (self, actual);
}

/**
 * pb_indicators_view_delete_actual:
 * @self: the view
 * @actual: an actual of the selected indicator
 *
 * Deletes @actual as its row's Delete button does: at once (undoable,
 * said in a toast), unless it is dated in a closed month or quarter.
 * Then it asks first, as Record Actual asks before recording there: the
 * period keeps the figures it was closed with and is marked as changed
 * since. When the closed periods cannot be read, nothing is deleted and
 * a toast says why.
 *
 * Returns: (transfer none) (nullable): the question asked, or %NULL
 *   when the actual was deleted at once (or not at all)
 */
GtkWindow *
pb_indicators_view_delete_actual (PbIndicatorsView *self,
                                  PbActual         *actual)
{
  g_autoptr(PbPeriod) closed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (PB_IS_INDICATORS_VIEW (self), NULL);
  g_return_val_if_fail (PB_IS_ACTUAL (actual), NULL);

  closed = pb_store_find_closed_period (self->store, pb_record_get_int (PB_RECORD (actual), "indicator_id"),
                                        pb_record_get_string (PB_RECORD (actual), "date"), &error);
  /* Whether it is closed is not known: nothing deleted, and said. */
  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why the library could not be read */
      message = g_strdup_printf (_("The actual was not deleted: %s"), error->message);
      pb_ui_toast (GTK_WIDGET (self), message, FALSE);
      return NULL;
    }
  if (closed == NULL)
    {
      delete_actual_now (self, actual);
      return NULL;
    }
  name = pb_format_period_label (pb_record_get_string (PB_RECORD (closed), "label"));
  /* Translators: %s is a closed period, "October 2026"; asked before an
   * actual dated in it is deleted */
  body = g_strdup_printf (_("%s is closed. Delete its figure anyway? The period keeps the figures it was closed with and is marked as changed since."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Delete Actual?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pb-actual", g_object_ref (actual), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_closed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
delete_actual_cb (GtkButton        *button,
                  PbIndicatorsView *self)
{
  PbActual *actual = g_object_get_data (G_OBJECT (button), "pb-actual");

  if (actual)
    pb_indicators_view_delete_actual (self, actual);
}

static GtkWidget *
history_row (PbIndicatorsView *self,
             PbIndicator      *k,
             PbActual         *a)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* As the table writes it beside (2.8 bn元, 28亿元); its editor has every digit. */
  g_autofree char *title = pb_format_number_compact (pb_record_get_double (PB_RECORD (a), "value"),
                                                     pb_indicator_get_measure_unit (k),
                                                     pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (k))));
  g_autofree char *date = pb_format_iso_date (pb_record_get_string (PB_RECORD (a), "date"));
  g_autoptr(GString) subtitle = g_string_new (date);
  const char *note = pb_record_get_string (PB_RECORD (a), "note");
  const char *source = pb_record_get_string (PB_RECORD (a), "source");
  GDate when;

  /* Dated after today: recorded, but it counts only from its date, as the
   * table says beside the latest actual (and the chart draws it hollow). */
  if (pb_date_parse (pb_record_get_string (PB_RECORD (a), "date"), &when) &&
      g_date_compare (&when, &self->today) > 0)
    {
      g_string_truncate (subtitle, 0);
      /* Translators: in the indicator's list of actuals, beneath an actual
       * dated after today, in place of its date: it counts from that date */
      g_string_append_printf (subtitle, _("counts from %s"), date);
      gtk_widget_add_css_class (row, "later");
      pb_ui_set_tooltip_lazily (row, _("Recorded with a date after today: completion and health count it from that date."));
    }

  if (source && *source)
    g_string_append_printf (subtitle, " · %s", source);
  if (note && *note)
    g_string_append_printf (subtitle, " · %s", note);

  /* Rows show plain text: titles and subtitles are markup in libadwaita. */
  {
    g_autofree char *t = g_markup_escape_text (g_strstrip (title), -1);
    g_autofree char *s = g_markup_escape_text (subtitle->str, -1);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
  }

  gtk_widget_set_tooltip_text (edit, _("Edit Actual"));
  gtk_widget_set_tooltip_text (remove, _("Delete Actual"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (edit), "pb-actual", g_object_ref (a), g_object_unref);
  g_object_set_data_full (G_OBJECT (remove), "pb-actual", g_object_ref (a), g_object_unref);
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_actual_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (delete_actual_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/* The comparison's height at @width: the plot keeps its height below a
 * legend of as many lines as the plans need. */
static void
compare_fit (PbIndicatorsView *self,
             int               width)
{
  int height = 200;

  /* Hidden, then shown at the same size, it hears of no resize: its last
   * width stands in until it does. */
  if (width > 0)
    self->compare_width = width;
  else
    width = self->compare_width > 0 ? self->compare_width : 260;
  if (self->compare_chart)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cairo_t *cr = cairo_create (surface);

      height = (int) pb_indicator_chart_measure (self->compare_chart, cr, width, 150);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  if (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self->compare_area)) != height)
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->compare_area), height);
}

static void
compare_resize_cb (GtkDrawingArea   *area,
                   int               width,
                   int               height,
                   PbIndicatorsView *self)
{
  compare_fit (self, width);
}

/* A unit in words, for a sentence: "个", or that there is none. */
static const char *
unit_words (const char *unit)
{
  /* Translators: an indicator counted without a measure unit, in "it
   * counts in %s" */
  return unit && *unit ? unit : _("no unit");
}

static void
update_compare (PbIndicatorsView *self,
                PbIndicator      *k)
{
  g_autoptr(GPtrArray) matches = pb_store_find_matching_indicators (self->store, pb_indicator_get_name (k),
                                                                     pb_import_name_key);
  g_autoptr(GPtrArray) compared = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) factors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) note = g_string_new (NULL);
  g_auto(GStrv) labels = NULL;
  const char *unit = pb_indicator_get_measure_unit (k);
  gint64 own_plan = pb_record_get_int (PB_RECORD (k), "plan_id");
  int own_decimals = pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (k)));
  GtkWidget *child;
  int first = 0, last = 0;
  gboolean other = FALSE;

  g_clear_pointer (&self->compare_chart, pb_indicator_chart_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->compare_grid))))
    gtk_grid_remove (self->compare_grid, child);

  /* Only worth showing when another plan has it too. */
  for (guint i = 0; i < matches->len; i++)
    other |= pb_record_get_int (g_ptr_array_index (matches, i), "plan_id") != own_plan;
  gtk_widget_set_visible (self->compare_group, other);
  if (!other)
    return;

  /* This plan's first, then the others that count in its unit, or in
   * one that converts (万个 and 个, DESIGN §7); the rest are named, with
   * why, never drawn on an axis they do not share. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < matches->len; i++)
      {
        PbIndicator *m = g_ptr_array_index (matches, i);
        gboolean own = pb_record_get_int (PB_RECORD (m), "plan_id") == own_plan;
        g_autoptr(PbPlan) plan = NULL;
        const char *title;
        double factor;

        if (own != (pass == 0) || (own && pb_record_get_id (PB_RECORD (m)) != pb_record_get_id (PB_RECORD (k))))
          continue;
        plan = pb_store_get_record (self->store, PB_TYPE_PLAN, pb_record_get_int (PB_RECORD (m), "plan_id"));
        title = plan ? pb_plan_get_title (plan) : "";
        factor = pb_unit_factor (pb_indicator_get_measure_unit (m), unit);
        if (isnan (factor))
          {
            if (note->len)
              g_string_append_c (note, '\n');
            /* Translators: beneath the comparison of an indicator across
             * plans: the first %s is a plan, the others measure units */
            g_string_append_printf (note, _("Left out: %s counts it in %s, this plan in %s."),
                                    title, unit_words (pb_indicator_get_measure_unit (m)), unit_words (unit));
            continue;
          }
        if (factor != 1)
          {
            if (note->len)
              g_string_append_c (note, '\n');
            /* Translators: beneath the comparison of an indicator across
             * plans: a plan (%s) counts it in 万个, shown in 个 */
            g_string_append_printf (note, _("%s counts it in %s: shown in %s."),
                                    title, unit_words (pb_indicator_get_measure_unit (m)), unit_words (unit));
          }
        g_ptr_array_add (compared, g_object_ref (m));
        g_array_append_val (factors, factor);
        g_ptr_array_add (titles, g_strdup (title));
      }
  g_ptr_array_add (titles, NULL);
  /* Side by side, titles read apart where they differ. */
  labels = pb_shorten_titles ((const char * const *) titles->pdata, 14);

  gtk_label_set_text (self->compare_note, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_note), note->len > 0);
  gtk_widget_set_visible (self->compare_area, compared->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_grid), compared->len > 1);
  if (compared->len < 2)
    return;

  self->compare_chart = pb_indicator_chart_new ();
  for (guint i = 0; i < compared->len; i++)
    pb_indicator_chart_add_series_scaled (self->compare_chart, self->store, g_ptr_array_index (compared, i),
                                          labels[i], FALSE, g_array_index (factors, double, i));
  pb_indicator_chart_get_range (self->compare_chart, &first, &last, NULL);
  compare_fit (self, gtk_widget_get_width (self->compare_area));
  gtk_widget_queue_draw (self->compare_area);

  /* The table: a year per row, a plan per column (plans are few, years
   * many: it stays within the pane), the latest actual last; figures in
   * this plan's unit. */
  {
    GtkWidget *year = gtk_label_new (_("Year"));

    gtk_label_set_xalign (GTK_LABEL (year), 0);
    gtk_widget_set_valign (year, GTK_ALIGN_END);
    gtk_grid_attach (self->compare_grid, year, 0, 0, 1, 1);
  }
  for (int y = first; first > 0 && y <= last; y++)
    {
      char year[8];
      GtkWidget *label;

      g_snprintf (year, sizeof year, "%d", y);
      label = gtk_label_new (year);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->compare_grid, label, 0, 1 + y - first, 1, 1);
    }
  {
    GtkWidget *latest = gtk_label_new (_("Latest"));

    gtk_label_set_xalign (GTK_LABEL (latest), 0);
    gtk_grid_attach (self->compare_grid, latest, 0, 2 + last - first, 1, 1);
  }

  for (guint i = 0; i < compared->len; i++)
    {
      PbIndicator *m = g_ptr_array_index (compared, i);
      double factor = g_array_index (factors, double, i);
      int decimals = MAX (own_decimals, MAX (0, pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (m)))
                                                - (int) round (log10 (factor))));
      const PbIndicatorStatus *st = pb_store_get_indicator_status (self->store, m, &self->today);
      GtkWidget *name = gtk_label_new (labels[i]);
      int column = 1 + i;

      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 8);
      gtk_label_set_xalign (GTK_LABEL (name), 1);
      gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (name, GTK_ALIGN_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (name, "caption-heading");
      pb_ui_set_tooltip_lazily (name, g_ptr_array_index (titles, i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      (const char *) g_ptr_array_index (titles, i), -1);
      gtk_grid_attach (self->compare_grid, name, column, 0, 1, 1);

      for (int y = first; first > 0 && y <= last; y++)
        {
          g_autoptr(PbTarget) t = find_target (self, m, y, FALSE);
          g_autofree char *value = t ? pb_format_number_compact (pb_target_get_value (t) * factor, NULL, decimals) : NULL;
          g_autofree char *text = t ? g_strconcat (pb_format_comparator (pb_record_get_enum (PB_RECORD (t), "comparator")),
                                                   value, NULL) : NULL;
          GtkWidget *label = gtk_label_new (text ? text : "—");

          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_grid_attach (self->compare_grid, label, column, 1 + y - first, 1, 1);
        }
      {
        g_autofree char *latest = st->has_actual
          ? pb_format_number_compact (st->latest * factor, NULL, decimals)
          : g_strdup ("—");
        g_autofree char *shown = g_strdup_printf ("%s %s", pb_health_get_symbol (st->health), latest);
        GtkWidget *label = gtk_label_new (shown);

        gtk_label_set_xalign (GTK_LABEL (label), 1);
        gtk_widget_add_css_class (label, pb_ui_health_css_class (st->health));
        pb_ui_set_tooltip_lazily (label, st->reason);
        gtk_grid_attach (self->compare_grid, label, column, 2 + last - first, 1, 1);
      }
    }
}

static void
detach_clicked_cb (GtkButton        *button,
                   PbIndicatorsView *self)
{
  gint64 item_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pb-item-id"));
  gint64 indicator_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pb-indicator-id"));

  pb_indicators_view_detach (self, item_id, indicator_id);
}

/* The items the indicator serves, each with a button that detaches it. */
static void
update_served (PbIndicatorsView *self,
               PbIndicator      *k)
{
  gint64 indicator_id = pb_record_get_id (PB_RECORD (k));
  g_autoptr(GListModel) serving = pb_store_list_indicator_items (self->store, indicator_id);
  guint n = g_list_model_get_n_items (serving);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (serving, i);
      gint64 item_id = pb_record_get_id (PB_RECORD (item));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *detach = gtk_button_new_with_label (_("Detach"));
      g_autofree char *title = g_strdup_printf ("%s %s", pb_item_get_number (item), pb_item_get_title (item));
      g_autofree char *escaped = g_markup_escape_text (g_strstrip (title), -1);
      g_autofree char *name = g_strdup_printf ("detach-%" G_GINT64_FORMAT, item_id);
      /* Translators: a button's tooltip: the item an indicator no longer serves */
      g_autofree char *tip = g_strdup_printf (_("“%s” stops counting for this item; its targets and actuals stay in the plan"),
                                              pb_indicator_get_name (k));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_set_name (detach, name);
      gtk_widget_set_valign (detach, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (detach, "flat");
      pb_ui_set_tooltip_lazily (detach, tip);
      g_object_set_data (G_OBJECT (detach), "pb-item-id", GSIZE_TO_POINTER ((gsize) item_id));
      g_object_set_data (G_OBJECT (detach), "pb-indicator-id", GSIZE_TO_POINTER ((gsize) indicator_id));
      g_signal_connect (detach, "clicked", G_CALLBACK (detach_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), detach);
      gtk_list_box_append (self->served, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No item: listed under the plan as a whole"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->served, row);
    }
}

static void
update_details (PbIndicatorsView *self)
{
  PbIndicator *k = selected_indicator (self);
  g_autoptr(GListModel) actuals = NULL;
  const PbIndicatorStatus *st;
  GtkWidget *child;
  g_autofree char *subtitle = NULL;
  g_autofree char *status = NULL;

  g_clear_pointer (&self->chart, pb_indicator_chart_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history))))
    gtk_list_box_remove (self->history, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->served))))
    gtk_list_box_remove (self->served, child);

  if (k == NULL)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->details_stack), "none");
      return;
    }
  self->selected_id = pb_record_get_id (PB_RECORD (k));
  self->selected_item_id = selected_item_id (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->details_stack), "indicator");

  st = pb_store_get_indicator_status (self->store, k, &self->today);
  gtk_label_set_text (self->title, pb_indicator_get_name (k));
  {
    const char *kind = pb_record_get_enum (PB_RECORD (k), "kind") == PB_INDICATOR_KIND_ANNUAL ? _("Annual") : _("Cumulative");
    const char *unit = pb_indicator_get_measure_unit (k);

    subtitle = unit && *unit ? g_strdup_printf ("%s · %s", kind, unit) : g_strdup (kind);
  }
  update_served (self, k);
  gtk_label_set_text (self->subtitle, g_strstrip (subtitle));
  status = g_strdup_printf ("%s %s", pb_health_get_symbol (st->health), st->reason);
  gtk_label_set_text (self->status, status);
  for (PbHealth h = PB_HEALTH_NONE; h <= PB_HEALTH_RED; h++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), pb_ui_health_css_class (h));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), pb_ui_health_css_class (st->health));

  self->chart = pb_indicator_chart_new_from_store (self->store, k);
  /* Actuals after today hollow, the latest figure the one that counts */
  pb_indicator_chart_set_today (self->chart, &self->today);
  gtk_widget_queue_draw (self->chart_area);

  actuals = pb_store_list_actuals (self->store, self->selected_id);
  for (guint i = g_list_model_get_n_items (actuals); i > 0; i--)
    {
      g_autoptr(PbActual) a = g_list_model_get_item (actuals, i - 1);
      gtk_list_box_append (self->history, history_row (self, k, a));
    }
  if (g_list_model_get_n_items (actuals) == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No actual recorded yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->history, row);
    }

  update_compare (self, k);
}

/* The row's commands (F2, the row menu) act on a chosen indicator only:
 * with none, F2 is the window's (Rename Plan). */
static void
update_actions (PbIndicatorsView *self)
{
  gboolean one = selected_indicator (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicators.rename", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicators.record-actual", one);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "indicators.merge", one);
}

static void
selection_changed_cb (PbIndicatorsView *self)
{
  PbIndicator *k = selected_indicator (self);

  update_actions (self);

  if (k)
    {
      self->selected_id = pb_record_get_id (PB_RECORD (k));
      self->selected_item_id = selected_item_id (self);
    }
  update_details (self);
}

static void
merge_clicked_cb (PbIndicatorsView *self)
{
  pb_indicators_view_merge_selected (self);
}

static void
record_clicked_cb (PbIndicatorsView *self)
{
  pb_indicators_view_record_actual (self);
}

static void
close_period_clicked_cb (PbIndicatorsView *self)
{
  pb_indicators_view_close_period (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pb_indicators_view_rename_selected (PB_INDICATORS_VIEW (widget));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pb_indicators_view_record_actual (PB_INDICATORS_VIEW (widget));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pb_indicators_view_merge_selected (PB_INDICATORS_VIEW (widget));
}

/* The row menu: a right click on an indicator's row chooses it and offers
 * what can be done with it. */
static void
row_menu_pressed_cb (GtkGestureClick  *gesture,
                     int               n_press,
                     double            x,
                     double            y,
                     PbIndicatorsView *self)
{
  GtkWidget *columns = GTK_WIDGET (self->columns);
  GtkWidget *picked = gtk_widget_pick (columns, x, y, GTK_PICK_DEFAULT);
  PbIndicatorRow *row = NULL;
  guint position;

  for (GtkWidget *w = picked; w != NULL && w != columns && row == NULL; w = gtk_widget_get_parent (w))
    row = cell_row (w);
  if (row == NULL || row->indicator == NULL || !g_list_store_find (self->rows, row, &position))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_single_selection_set_selected (self->selection, position);

  if (self->row_menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("Re_name Indicator…"), "indicators.rename");
      g_menu_append (menu, _("_Record Actual…"), "indicators.record-actual");
      g_menu_append (menu, _("_Merge Into…"), "indicators.merge");
      self->row_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_widget_set_name (self->row_menu, "row-menu");
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->row_menu, columns);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
activate_cb (GtkColumnView    *view,
             guint             position,
             PbIndicatorsView *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  pb_indicators_view_record_actual (self);
}

/* ---- Construction ------------------------------------------------------------- */

static void
pb_indicators_view_dispose (GObject *object)
{
  PbIndicatorsView *self = PB_INDICATORS_VIEW (object);
  GtkWidget *child;

  pb_lazy_rebuild_clear (&self->lazy);
  cancel_rest (self);
  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  /* A cell edited as the view goes ends its edit: nothing to rebuild. */
  self->rebuild_after_edit = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  pb_lazy_rebuild_clear (&self->lazy);
  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->rows);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->year_columns, g_ptr_array_unref);
  g_clear_pointer (&self->previous, g_hash_table_unref);
  g_clear_pointer (&self->chart, pb_indicator_chart_free);
  g_clear_pointer (&self->compare_chart, pb_indicator_chart_free);

  G_OBJECT_CLASS (pb_indicators_view_parent_class)->dispose (object);
}

/* Preferences › Amounts changed: every figure written again in the new
 * style, the table's and the details' alike. */
static void
number_style_changed_cb (PbIndicatorsView *self)
{
  if (self->plan != NULL)
    pb_lazy_rebuild_queue (&self->lazy);
}

static void
pb_indicators_view_map (GtkWidget *widget)
{
  PbIndicatorsView *self = (PbIndicatorsView *) widget;

  GTK_WIDGET_CLASS (pb_indicators_view_parent_class)->map (widget);
  pb_lazy_rebuild_flush (&self->lazy);
}

static void
pb_indicators_view_class_init (PbIndicatorsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = pb_indicators_view_map;

  G_OBJECT_CLASS (klass)->dispose = pb_indicators_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "indicatorsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "indicators.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "indicators.record-actual", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "indicators.merge", NULL, merge_action);
  /* F2 on the table renames the chosen indicator (a cell being edited
   * takes its own F2 first; with no indicator chosen, the window's F2
   * renames the plan). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "indicators.rename", NULL);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static void
pb_indicators_view_init (PbIndicatorsView *self)
{
  GtkWidget *main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_with_mnemonic (_("C_lose Period…"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *details_scroller = gtk_scrolled_window_new ();
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *record = gtk_button_new_with_mnemonic (_("_Record Actual…"));
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *none = adw_status_page_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Indicators"), -1);
  pb_lazy_rebuild_init (&self->lazy, GTK_WIDGET (self), (PbRebuildFunc) rebuild);
  pb_ui_follow_number_style (GTK_WIDGET (self), G_CALLBACK (number_style_changed_cb));
  self->year_columns = g_ptr_array_new ();
  self->rows = g_list_store_new (PB_TYPE_INDICATOR_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_date_clear (&self->fixed_today, 1);
  pb_date_today (&self->today);

  /* The bar above the table. */
  self->period_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->period_label), "period-compared");
  gtk_label_set_xalign (self->period_label, 0);
  gtk_label_set_ellipsize (self->period_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->period_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "dim-label");
  gtk_widget_set_tooltip_text (close, _("Keep this month’s or quarter’s figures, to compare the next with"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (close_period_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->period_label));
  gtk_box_append (GTK_BOX (bar), close);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (main_box), bar);

  self->columns = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (self->columns, TRUE);
  gtk_column_view_set_show_column_separators (self->columns, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->columns), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->columns), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Indicators and their yearly targets"), -1);
  g_signal_connect (self->columns, "activate", G_CALLBACK (activate_cb), self);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (row_menu_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->columns), GTK_EVENT_CONTROLLER (click));
  }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->columns));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (main_box), scroller);
  build_columns (self);

  /* Beside it, the selected indicator. */
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_xalign (self->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-3");
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "health-status");

  self->chart_area = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->chart_area, 260, 240);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart_area), chart_draw_cb, &self->chart, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chart of targets, expected trajectory and actuals"), -1);

  gtk_widget_add_css_class (record, "suggested-action");
  g_signal_connect_swapped (record, "clicked", G_CALLBACK (record_clicked_cb), self);
  self->merge_button = gtk_button_new_with_mnemonic (_("_Merge Into…"));
  gtk_widget_set_name (self->merge_button, "merge");
  gtk_widget_set_tooltip_text (self->merge_button,
                               _("Make this indicator and another of the plan one: its targets, actuals and items join the other"));
  g_signal_connect_swapped (self->merge_button, "clicked", G_CALLBACK (merge_clicked_cb), self);
  gtk_box_append (GTK_BOX (actions), record);
  gtk_box_append (GTK_BOX (actions), self->merge_button);


  self->served = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->served, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->served), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->served), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Items that serve the indicator"), -1);

  self->history = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history), "boxed-list");

  self->compare_group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->compare_group), heading (_("In Other Plans")));
  self->compare_area = gtk_drawing_area_new ();
  gtk_widget_set_name (self->compare_area, "compare-chart");
  gtk_widget_set_size_request (self->compare_area, 260, 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->compare_area), chart_draw_cb, &self->compare_chart, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The same indicator in the library’s plans"), -1);
  g_signal_connect (self->compare_area, "resize", G_CALLBACK (compare_resize_cb), self);
  gtk_box_append (GTK_BOX (self->compare_group), self->compare_area);
  /* What the chart leaves out, or shows in another unit, and why. */
  self->compare_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->compare_note), "compare-note");
  gtk_label_set_wrap (self->compare_note, TRUE);
  gtk_label_set_wrap_mode (self->compare_note, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->compare_note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->compare_note), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->compare_note), "caption");
  gtk_box_append (GTK_BOX (self->compare_group), GTK_WIDGET (self->compare_note));
  self->compare_grid = GTK_GRID (gtk_grid_new ());
  gtk_widget_set_name (GTK_WIDGET (self->compare_grid), "compare-table");
  gtk_grid_set_column_spacing (self->compare_grid, 12);
  gtk_grid_set_row_spacing (self->compare_grid, 4);
  {
    /* A year per row and a plan per column: with many plans it scrolls
     * sideways rather than widen the page past a phone's width. */
    GtkWidget *grid_scroller = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (grid_scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (grid_scroller), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (grid_scroller), GTK_WIDGET (self->compare_grid));
    gtk_box_append (GTK_BOX (self->compare_group), grid_scroller);
  }

  {
    /* Beside the name, a pencil renames it (the page stays as narrow as a
     * phone: no third button under the chart). */
    GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *rename = gtk_button_new_from_icon_name ("document-edit-symbolic");

    gtk_widget_set_name (rename, "rename");
    gtk_widget_add_css_class (rename, "flat");
    gtk_widget_set_valign (rename, GTK_ALIGN_START);
    gtk_widget_set_tooltip_text (rename, _("Rename Indicator (F2): its name and unit"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (rename), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rename Indicator"), -1);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (rename), "indicators.rename");
    gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
    gtk_box_append (GTK_BOX (title_box), GTK_WIDGET (self->title));
    gtk_box_append (GTK_BOX (title_box), rename);
    gtk_box_append (GTK_BOX (details), title_box);
  }
  gtk_box_append (GTK_BOX (details), GTK_WIDGET (self->subtitle));
  gtk_box_append (GTK_BOX (details), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (details), self->chart_area);
  gtk_box_append (GTK_BOX (details), actions);
  gtk_box_append (GTK_BOX (details), heading (_("Items Served")));
  gtk_box_append (GTK_BOX (details), GTK_WIDGET (self->served));
  gtk_box_append (GTK_BOX (details), heading (_("Actuals")));
  gtk_box_append (GTK_BOX (details), GTK_WIDGET (self->history));
  gtk_box_append (GTK_BOX (details), self->compare_group);
  gtk_widget_set_margin_start (details, 18);
  gtk_widget_set_margin_end (details, 18);
  gtk_widget_set_margin_top (details, 12);
  gtk_widget_set_margin_bottom (details, 18);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (details_scroller), details);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (details_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Indicator Selected"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none), _("Select an indicator to see its chart and actuals."));
  self->details_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->details_stack), none, "none");
  gtk_stack_add_named (GTK_STACK (self->details_stack), details_scroller, "indicator");
  gtk_widget_set_size_request (self->details_stack, 340, -1);
  gtk_widget_set_hexpand (self->details_stack, FALSE);

  /* Beside the table when there is room; over it, on request, when not. */
  self->paned = adw_flap_new ();
  adw_flap_set_flap_position (ADW_FLAP (self->paned), GTK_PACK_END);
  adw_flap_set_fold_policy (ADW_FLAP (self->paned), ADW_FLAP_FOLD_POLICY_AUTO);
  adw_flap_set_content (ADW_FLAP (self->paned), main_box);
  adw_flap_set_flap (ADW_FLAP (self->paned), self->details_stack);
  adw_flap_set_separator (ADW_FLAP (self->paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_widget_add_css_class (self->details_stack, "background");
  {
    GtkWidget *toggle = gtk_toggle_button_new ();
    gtk_button_set_icon_name (GTK_BUTTON (toggle), "sidebar-show-right-symbolic");
    gtk_widget_set_tooltip_text (toggle, _("Show the Selected Indicator"));
    g_object_bind_property (self->paned, "reveal-flap", toggle, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    gtk_box_append (GTK_BOX (bar), toggle);
  }

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Indicators"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Indicators come from the targets a plan states when it is imported; add more to a task in its editor."));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), self->paned, "table");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
pb_indicators_view_new (PbStore *store)
{
  PbIndicatorsView *self = g_object_new (PB_TYPE_INDICATORS_VIEW, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
pb_indicators_view_set_plan (PbIndicatorsView *self,
                             PbPlan           *plan)
{
  g_return_if_fail (PB_IS_INDICATORS_VIEW (self));

  if (self->plan == plan)
    return;
  g_set_object (&self->plan, plan);
  self->selected_id = 0;
  self->selected_item_id = 0;
  self->first_year = self->last_year = -1;
  pb_lazy_rebuild_request (&self->lazy);
}

/**
 * pb_indicators_view_select:
 * @self: the view
 * @indicator_id: an indicator of its plan
 *
 * Returns: whether it was found and selected
 */
gboolean
pb_indicators_view_select (PbIndicatorsView *self,
                           gint64            indicator_id)
{
  guint n;

  flush_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbIndicatorRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row->indicator && pb_record_get_id (PB_RECORD (row->indicator)) == indicator_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

gint64
pb_indicators_view_get_selected (PbIndicatorsView *self)
{
  PbIndicator *k = selected_indicator (self);

  return k ? pb_record_get_id (PB_RECORD (k)) : 0;
}

/**
 * pb_indicators_view_record_actual:
 * @self: the view
 *
 * Opens the dialog that records an actual of the selected indicator.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
pb_indicators_view_record_actual (PbIndicatorsView *self)
{
  PbIndicator *k = selected_indicator (self);

  if (k == NULL)
    return NULL;
  return pb_actual_dialog_new (GTK_WIDGET (self), self->store, k, NULL);
}

/**
 * pb_indicators_view_close_period:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the Close Period dialog
 */
GtkWindow *
pb_indicators_view_close_period (PbIndicatorsView *self)
{
  if (self->plan == NULL)
    return NULL;
  return pb_close_period_dialog_new (GTK_WIDGET (self), self->store, self->plan);
}

static GtkWidget *
find_cell (GtkWidget *widget,
           gint64     indicator_id,
           int        year)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (PB_IS_EDITABLE_CELL (child) && gtk_widget_get_mapped (child) &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "pb-year")) == year &&
          cell_row (child) && cell_row (child)->indicator &&
          pb_record_get_id (PB_RECORD (cell_row (child)->indicator)) == indicator_id)
        return child;
      if ((found = find_cell (child, indicator_id, year)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_text (GtkWidget *widget,
           gint64     indicator_id,
           int        what)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "pb-text-column")) == what + 1 &&
          cell_row (child) && cell_row (child)->indicator &&
          pb_record_get_id (PB_RECORD (cell_row (child)->indicator)) == indicator_id)
        return child;
      if ((found = find_text (child, indicator_id, what)))
        return found;
    }
  return NULL;
}

/**
 * pb_indicators_view_get_shown:
 * @self: the view
 * @indicator_id: an indicator
 * @column: "latest", "expected", "completion", "health" or "why"
 *
 * Returns: (nullable): what the table shows in that column of the
 *   indicator's row (for tests)
 */
const char *
pb_indicators_view_get_shown (PbIndicatorsView *self,
                              gint64            indicator_id,
                              const char       *column)
{
  GtkWidget *label = find_text (GTK_WIDGET (self->columns), indicator_id,
                                g_str_equal (column, "latest") ? TEXT_LATEST :
                                g_str_equal (column, "completion") ? TEXT_COMPLETION :
                                g_str_equal (column, "health") ? TEXT_HEALTH :
                                g_str_equal (column, "why") ? TEXT_WHY : TEXT_EXPECTED);

  return label ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/**
 * pb_indicators_view_set_today:
 * @self: the view
 * @today: (nullable): the day to show the indicators on, or %NULL for the
 *   clock's
 *
 * The view judges and marks actuals as on @today (tests, and a day other
 * than the clock's).
 */
void
pb_indicators_view_set_today (PbIndicatorsView *self,
                              const GDate      *today)
{
  g_return_if_fail (PB_IS_INDICATORS_VIEW (self));

  if (today)
    self->fixed_today = *today;
  else
    g_date_clear (&self->fixed_today, 1);
  if (self->plan)
    rebuild (self);
}

/**
 * pb_indicators_view_get_chart:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the selected indicator's chart
 */
PbIndicatorChart *
pb_indicators_view_get_chart (PbIndicatorsView *self)
{
  g_return_val_if_fail (PB_IS_INDICATORS_VIEW (self), NULL);
  return self->chart;
}

/**
 * pb_indicators_view_get_compare_chart:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the chart of the selected
 *   indicator in the library's plans ("In Other Plans"), when it has one
 */
PbIndicatorChart *
pb_indicators_view_get_compare_chart (PbIndicatorsView *self)
{
  g_return_val_if_fail (PB_IS_INDICATORS_VIEW (self), NULL);
  return self->compare_chart;
}

/**
 * pb_indicators_view_find_cell:
 * @self: the view
 * @indicator_id: an indicator
 * @year: a target year, or 0 for the baseline
 *
 * Returns: (transfer none) (nullable): the editable cell shown for it
 */
GtkWidget *
pb_indicators_view_find_cell (PbIndicatorsView *self,
                              gint64            indicator_id,
                              int               year)
{
  return find_cell (GTK_WIDGET (self->columns), indicator_id, year);
}

static void
merge_dialog_destroyed_cb (GtkWidget        *dialog,
                           PbIndicatorsView *self)
{
  gint64 kept = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "pb-kept-id"));

  /* The indicator merged is gone: the one it joined is chosen. */
  if (kept > 0)
    {
      self->selected_id = kept;
      self->selected_item_id = 0;
      pb_lazy_rebuild_queue (&self->lazy);
    }
}

/**
 * pb_indicators_view_merge_selected:
 * @self: the view
 *
 * Opens the dialog that merges the selected indicator into another of
 * its plan.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
pb_indicators_view_merge_selected (PbIndicatorsView *self)
{
  PbIndicator *k = selected_indicator (self);
  GtkWindow *dialog;

  if (k == NULL)
    return NULL;
  dialog = pb_indicator_merge_dialog_new (GTK_WIDGET (self), self->store, k);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (merge_dialog_destroyed_cb), self, 0);
  return dialog;
}

/**
 * pb_indicators_view_rename_selected:
 * @self: the view
 *
 * Opens the dialog that renames the selected indicator and sets its unit
 * (one "Rename Indicator" command).
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
pb_indicators_view_rename_selected (PbIndicatorsView *self)
{
  PbIndicator *k = selected_indicator (self);

  g_return_val_if_fail (PB_IS_INDICATORS_VIEW (self), NULL);

  if (k == NULL)
    return NULL;
  return pb_rename_indicator_dialog_new (GTK_WIDGET (self), self->store, k);
}

/**
 * pb_indicators_view_detach:
 * @self: the view
 * @item_id: an item
 * @indicator_id: an indicator it serves
 *
 * The item no longer serves the indicator, as one undoable command, with
 * an Undo toast.
 *
 * Returns: whether it was detached
 */
gboolean
pb_indicators_view_detach (PbIndicatorsView *self,
                           gint64            item_id,
                           gint64            indicator_id)
{
  g_autoptr(GError) error = NULL;

  if (!pb_store_detach_indicator (self->store, item_id, indicator_id, &error))
    {
      pb_ui_toast (GTK_WIDGET (self), error->message, FALSE);
      return FALSE;
    }
  /* The toast says what was done: the command's own label. */
  pb_ui_toast (GTK_WIDGET (self), pb_store_get_undo_label (self->store), TRUE);
  return TRUE;
}

/**
 * pb_indicators_view_select_under:
 * @self: the view
 * @indicator_id: an indicator of its plan
 * @item_id: an item it serves, or 0 for the plan as a whole
 *
 * Selects the indicator's row in the group of @item_id.
 *
 * Returns: whether that row was found
 */
gboolean
pb_indicators_view_select_under (PbIndicatorsView *self,
                                 gint64            indicator_id,
                                 gint64            item_id)
{
  guint n;

  flush_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbIndicatorRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row_indicator_id (row) == indicator_id && row_item_id (row) == item_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * pb_indicators_view_dup_listed_under:
 * @self: the view
 * @indicator_id: an indicator
 *
 * Returns: (transfer full) (element-type gint64): the items whose groups
 *   list the indicator, in the table's order (0 for the plan as a whole)
 */
GArray *
pb_indicators_view_dup_listed_under (PbIndicatorsView *self,
                                     gint64            indicator_id)
{
  GArray *under = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n;

  flush_rows (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbIndicatorRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row_indicator_id (row) == indicator_id)
        {
          gint64 item_id = row_item_id (row);
          g_array_append_val (under, item_id);
        }
    }
  return under;
}
