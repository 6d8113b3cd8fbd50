/* pb-organisations-view.c — who is on track: organisations ranked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every organisation of the plan (or, across the library, every name):
 * the items it leads and co-owns, how many are blue, yellow and red, its
 * mean completion and its rank, as a monthly bulletin (通报) ranks them,
 * with the change of rank since the last closed period; beside it, the
 * ranking as a bar chart. An organisation can be shown on the board,
 * renamed, or merged with another name of itself.
 */
#define G_LOG_DOMAIN "pb-organisations-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pb-charts.h"
#include "pb-dialogs.h"
#include "pb-format.h"
#include "pb-health-style.h"
#include "pb-organisations-view.h"
#include "pb-script.h"
#include "pb-supervision.h"
#include "pb-ui-util.h"

#define PB_TYPE_ORG_ROW (pb_org_row_get_type ())
G_DECLARE_FINAL_TYPE (PbOrgRow, pb_org_row, PB, ORG_ROW, GObject)

struct _PbOrgRow
{
  GObject    parent_instance;
  PbOrgStats stats;
};

G_DEFINE_FINAL_TYPE (PbOrgRow, pb_org_row, G_TYPE_OBJECT)

static void
pb_org_row_finalize (GObject *object)
{
  g_free (PB_ORG_ROW (object)->stats.name);
  G_OBJECT_CLASS (pb_org_row_parent_class)->finalize (object);
}

static void
pb_org_row_class_init (PbOrgRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_org_row_finalize;
}

static void
pb_org_row_init (PbOrgRow *self)
{
}

struct _PbOrganisationsView
{
  GtkWidget           parent_instance;

  PbStore            *store;
  PbPlan             *plan;
  gboolean            all_plans;
  const char         *language;     /* the plan's script, for the chart */
  GDate               today;

  GtkWidget          *stack;
  GtkDropDown        *scope;
  GtkLabel           *period_label;
  GtkWidget          *show_button;
  GtkWidget          *rename_button;
  GtkWidget          *merge_button;
  GtkColumnView      *columns;
  GtkColumnViewColumn *plans_column;
  GtkColumnViewColumn *change_column;
  GListStore         *rows;
  GtkSingleSelection *selection;
  GtkWidget          *chart_area;
  GPtrArray          *stats;       /* PbOrgStats, for the chart */

  gint64              selected_id;
  char               *selected_name;
  PbLazyRebuild       lazy;
};

G_DEFINE_FINAL_TYPE (PbOrganisationsView, pb_organisations_view, GTK_TYPE_WIDGET)

enum {
  SHOW_ORGANISATION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ALL_PLANS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PbOrgRow *
selected_row (PbOrganisationsView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_buttons (PbOrganisationsView *self)
{
  PbOrgRow *row = selected_row (self);
  gboolean one = row != NULL && row->stats.id > 0;

  gtk_widget_set_sensitive (self->show_button, one);
  gtk_widget_set_sensitive (self->rename_button, one);
  gtk_widget_set_sensitive (self->merge_button, one);
}

/* ---- Cells ---------------------------------------------------------------- */

typedef enum
{
  COL_RANK,
  COL_NAME,
  COL_PLANS,
  COL_LED,
  COL_COOWNED,
  COL_BLUE,
  COL_YELLOW,
  COL_RED,
  COL_COMPLETION,
  COL_CHANGE,
} Column;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pb-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_NAME ? 0.0 : 1.0);
  /* A name is what the ranking is read by: it wraps rather than being
   * cut to "…", and keeps a few characters' width however narrow the
   * window (the table scrolls sideways instead). */
  if (column == COL_NAME)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  if (column == COL_BLUE)
    gtk_widget_add_css_class (label, "health-blue");
  else if (column == COL_YELLOW)
    gtk_widget_add_css_class (label, "health-yellow");
  else if (column == COL_RED)
    gtk_widget_add_css_class (label, "health-red");
  gtk_widget_add_css_class (label, "numeric");
  /* Which column a cell is, for the tests that read the table back. */
  g_object_set_data (G_OBJECT (label), "pb-org-column", GINT_TO_POINTER (column + 1));
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pb-column"));
  PbOrgRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const PbOrgStats *s = &row->stats;
  g_autofree char *text = NULL;

  switch (column)
    {
    case COL_RANK: text = s->rank > 0 ? g_strdup_printf ("%u", s->rank) : g_strdup ("—"); break;
    case COL_NAME: text = g_strdup (s->name); gtk_widget_set_tooltip_text (label, s->name); break;
    case COL_PLANS: text = g_strdup_printf ("%u", s->n_plans); break;
    case COL_LED: text = g_strdup_printf ("%u", s->led); break;
    case COL_COOWNED: text = g_strdup_printf ("%u", s->coowned); break;
    case COL_BLUE: text = g_strdup_printf ("%s %u", pb_health_get_symbol (PB_HEALTH_BLUE), s->health[PB_HEALTH_BLUE]); break;
    case COL_YELLOW: text = g_strdup_printf ("%s %u", pb_health_get_symbol (PB_HEALTH_YELLOW), s->health[PB_HEALTH_YELLOW]); break;
    case COL_RED: text = g_strdup_printf ("%s %u", pb_health_get_symbol (PB_HEALTH_RED), s->health[PB_HEALTH_RED]); break;
    case COL_COMPLETION:
      text = pb_format_percent (s->completion);
      break;
    case COL_CHANGE:
      text = pb_org_stats_format_rank_change (s);
      if (text == NULL)
        text = g_strdup ("");
      if (s->previous_rank > 0 && !isnan (s->previous_completion) && !isnan (s->completion))
        {
          g_autofree char *percent = pb_format_percent (s->previous_completion);
          /* Translators: a rank and a completion, as 3 and 85% */
          g_autofree char *tip = g_strdup_printf (_("Rank %u and %s at the end of the last period"),
                                                  s->previous_rank, percent);
          gtk_widget_set_tooltip_text (label, tip);
        }
      break;
    }
  if ((column == COL_BLUE || column == COL_YELLOW || column == COL_RED) &&
      s->health[column == COL_BLUE ? PB_HEALTH_BLUE : column == COL_YELLOW ? PB_HEALTH_YELLOW : PB_HEALTH_RED] == 0)
    {
      /* Nothing to colour: the text's own colour, dimmed, which reads
       * in the dark style too (a dimmed health colour does not). */
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "zero-count");
    }
  else
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_remove_css_class (label, "zero-count");
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static GtkColumnViewColumn *
add_column (PbOrganisationsView *self,
            const char          *title,
            Column               column,
            int                  width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;

  g_object_set_data (G_OBJECT (factory), "pb-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
  c = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (c, TRUE);
  /* Figures take the width of their heading or their widest cell, so a
   * heading is never cut and each figure stays under it; the name takes
   * what is left. */
  if (width > 0)
    gtk_column_view_column_set_fixed_width (c, width);
  if (column == COL_NAME)
    gtk_column_view_column_set_expand (c, TRUE);
  gtk_column_view_append_column (self->columns, c);
  g_object_unref (c);
  return c;
}

/* The Completion column's title says what it measures (rev21 findings
 * 4, 4c): a mean of capped items' completion, not "how much is done".
 * GtkColumnView (4.8) has no API for its title widgets: they are the
 * labels in its header. */
static void
explain_completion_title (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), _("Completion")))
        gtk_widget_set_tooltip_text (child, pb_organisation_completion_definition ());
      /* Only the header: the rows' cells come and go with the rows. */
      if (!g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListView"))
        explain_completion_title (child);
    }
}

/* ---- Rebuilding ------------------------------------------------------------ */

/* A scratch context with the plan's language, to measure the chart. */
static cairo_t *
chart_scratch (PbOrganisationsView *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  pb_render_set_language (cr, self->language);
  return cr;
}

/* The chart is as tall as its rows at @width, long names wrapped. */
static void
chart_fit (PbOrganisationsView *self,
           int                  width)
{
  int height = (int) pb_org_ranking_get_height (self->stats ? self->stats->len : 0);

  if (self->stats && width > 0)
    {
      cairo_t *cr = chart_scratch (self);

      height = (int) ceil (pb_org_ranking_measure (self->stats, cr, width));
      cairo_destroy (cr);
    }
  if (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self->chart_area)) != height)
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->chart_area), height);
}

static void
rebuild (PbOrganisationsView *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbPeriod) last = NULL;
  guint select = GTK_INVALID_LIST_POSITION;
  gint64 plan_id;

  pb_lazy_rebuild_begin (&self->lazy);
  g_clear_pointer (&self->stats, g_ptr_array_unref);

  if (self->plan == NULL || pb_record_is_deleted (PB_RECORD (self->plan)))
    {
      g_list_store_remove_all (self->rows);
      self->stats = g_ptr_array_new ();
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  pb_date_today (&self->today);
  plan_id = self->all_plans ? 0 : pb_record_get_id (PB_RECORD (self->plan));
  self->language = plan_id > 0 ? pb_store_get_plan_language (self->store, plan_id) : NULL;
  self->stats = pb_store_compute_organisation_stats (self->store, plan_id, &self->today);

  for (guint i = 0; i < self->stats->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (self->stats, i);
      PbOrgRow *row = g_object_new (PB_TYPE_ORG_ROW, NULL);

      row->stats = *s;
      row->stats.name = g_strdup (s->name);
      g_ptr_array_add (rows, row);
      if ((self->selected_id > 0 && s->id == self->selected_id) ||
          (self->selected_id == 0 && g_strcmp0 (self->selected_name, s->name) == 0))
        select = i;
    }

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
  gtk_single_selection_set_selected (self->selection, select);

  last = self->all_plans ? NULL : pb_store_get_last_period (self->store, plan_id);
  if (self->all_plans)
    gtk_label_set_text (self->period_label, _("Every plan in the library; organisations meet by name"));
  else if (last)
    {
      g_autofree char *period = pb_format_period_label (pb_record_get_string (PB_RECORD (last), "label"));
      g_autofree char *closed = pb_format_iso_date (pb_record_get_string (PB_RECORD (last), "closed_date"));
      g_autofree char *text = g_strdup_printf (_("Compared with period %s, closed %s"), period, closed);
      gtk_label_set_text (self->period_label, text);
    }
  else
    gtk_label_set_text (self->period_label, _("No period closed yet: close one to see the change since"));

  gtk_column_view_column_set_visible (self->plans_column, self->all_plans);
  gtk_column_view_column_set_visible (self->change_column, last != NULL);
  chart_fit (self, gtk_widget_get_width (self->chart_area));
  gtk_widget_queue_draw (self->chart_area);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), rows->len ? "ranking" : "empty");
  update_buttons (self);
}

static void
store_changed_cb (PbOrganisationsView *self,
                  const char          *table)
{
  static const char * const watched[] = { "plan", "item", "organisation", "item_org", "indicator", "item_indicator",
                                          "target", "actual", "period", "period_item", NULL };

  if (self->plan != NULL && g_strv_contains (watched, table))
    pb_lazy_rebuild_queue (&self->lazy);
}

static void
chart_resize_cb (GtkDrawingArea      *area,
                 int                  width,
                 int                  height,
                 PbOrganisationsView *self)
{
  chart_fit (self, width);
}

/* The full name of the row under the pointer, and its figures. */
static gboolean
chart_query_tooltip_cb (GtkWidget           *area,
                        int                  x,
                        int                  y,
                        gboolean             keyboard,
                        GtkTooltip          *tooltip,
                        PbOrganisationsView *self)
{
  PbOrgStats *s;
  cairo_t *cr;
  int row;

  if (self->stats == NULL || keyboard || !pb_ui_tooltip_wanted (area, keyboard))
    return FALSE;
  cr = chart_scratch (self);
  row = pb_org_ranking_row_at (self->stats, cr, gtk_widget_get_width (area), y);
  cairo_destroy (cr);
  if (row < 0)
    return FALSE;
  s = g_ptr_array_index (self->stats, row);
  if (isnan (s->completion))
    pb_ui_tooltip_set_text (tooltip, s->name);
  else
    {
      g_autofree char *percent = pb_format_percent (s->completion);
      /* Translators: the ranking chart's tooltip: an organisation, then
       * its mean completion: "市工业和信息化局: 86%" */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), s->name, percent);

      pb_ui_tooltip_set_text (tooltip, text);
    }
  return TRUE;
}

static void
chart_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  PbOrganisationsView *self = data;

  /* One plan's names in its own script's forms. */
  pb_render_set_language (cr, self->language);
  if (self->stats)
    pb_org_ranking_paint (self->stats, cr, width, height,
                          adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
selection_changed_cb (PbOrganisationsView *self)
{
  PbOrgRow *row = selected_row (self);

  if (row)
    {
      self->selected_id = row->stats.id;
      g_free (self->selected_name);
      self->selected_name = g_strdup (row->stats.name);
    }
  update_buttons (self);
}

static void
scope_changed_cb (PbOrganisationsView *self)
{
  pb_organisations_view_set_all_plans (self, gtk_drop_down_get_selected (self->scope) == 1);
}

static void
activate_cb (GtkColumnView       *view,
             guint                position,
             PbOrganisationsView *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  pb_organisations_view_show_selected (self);
}

/* ---- Construction --------------------------------------------------------------- */

static void
pb_organisations_view_dispose (GObject *object)
{
  PbOrganisationsView *self = PB_ORGANISATIONS_VIEW (object);
  GtkWidget *child;

  pb_lazy_rebuild_clear (&self->lazy);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_object (&self->rows);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->stats, g_ptr_array_unref);
  g_clear_pointer (&self->selected_name, g_free);

  G_OBJECT_CLASS (pb_organisations_view_parent_class)->dispose (object);
}

static void
pb_organisations_view_map (GtkWidget *widget)
{
  PbOrganisationsView *self = (PbOrganisationsView *) widget;

  GTK_WIDGET_CLASS (pb_organisations_view_parent_class)->map (widget);
  pb_lazy_rebuild_flush (&self->lazy);
}

static void
pb_organisations_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PbOrganisationsView *self = PB_ORGANISATIONS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ALL_PLANS:
      g_value_set_boolean (value, self->all_plans);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_organisations_view_class_init (PbOrganisationsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->map = pb_organisations_view_map;
  G_OBJECT_CLASS (klass)->get_property = pb_organisations_view_get_property;

  /**
   * PbOrganisationsView:all-plans:
   *
   * Whether the ranking compares every plan in the library (the page's
   * one-plan parts, such as its reporting status, then step aside).
   */
  properties[PROP_ALL_PLANS] = g_param_spec_boolean ("all-plans", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  G_OBJECT_CLASS (klass)->dispose = pb_organisations_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "organisationsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /**
   * PbOrganisationsView::show-organisation:
   * @organisation_id: the organisation whose items to show
   */
  signals[SHOW_ORGANISATION] = g_signal_new ("show-organisation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
pb_organisations_view_init (PbOrganisationsView *self)
{
  const char *scopes[] = { _("This Plan"), _("All Plans"), NULL };
  GtkWidget *main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *chart_scroller = gtk_scrolled_window_new ();
  GtkWidget *chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *chart_title = gtk_label_new (_("Ranking by Mean Completion"));
  GtkWidget *paned = adw_flap_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisations"), -1);
  pb_lazy_rebuild_init (&self->lazy, GTK_WIDGET (self), (PbRebuildFunc) rebuild);
  self->rows = g_list_store_new (PB_TYPE_ORG_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);

  self->scope = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (scopes));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scope), _("Rank the organisations of this plan, or of every plan"));
  g_signal_connect_swapped (self->scope, "notify::selected", G_CALLBACK (scope_changed_cb), self);
  self->period_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->period_label, 0);
  gtk_label_set_ellipsize (self->period_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->period_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "dim-label");
  self->show_button = gtk_button_new ();
  {
    /* Its label gives way before the bar outgrows a phone. */
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Show on Board"));
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_button_set_child (GTK_BUTTON (self->show_button), label);
    gtk_widget_set_tooltip_text (self->show_button, _("Show the organisation’s items on the board"));
  }
  self->rename_button = gtk_button_new_with_mnemonic (_("Re_name…"));
  self->merge_button = gtk_button_new_with_mnemonic (_("_Merge…"));
  gtk_widget_set_tooltip_text (self->merge_button, _("Merge with another name of the same organisation"));
  g_signal_connect_swapped (self->show_button, "clicked", G_CALLBACK (pb_organisations_view_show_selected), self);
  g_signal_connect_swapped (self->rename_button, "clicked", G_CALLBACK (pb_organisations_view_rename_selected), self);
  g_signal_connect_swapped (self->merge_button, "clicked", G_CALLBACK (pb_organisations_view_merge_selected), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->scope));
  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    gtk_widget_set_hexpand (spacer, TRUE);
    gtk_box_append (GTK_BOX (bar), spacer);
  }
  gtk_box_append (GTK_BOX (bar), self->show_button);
  {
    /* Rename and merge are rarer: behind a menu, so the bar fits a phone. */
    GtkWidget *more = gtk_menu_button_new ();
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
    gtk_widget_set_tooltip_text (more, _("More Actions on the Organisation"));
    pb_ui_menu_button_quiet_tooltip (GTK_MENU_BUTTON (more));
    gtk_widget_add_css_class (self->rename_button, "flat");
    gtk_widget_add_css_class (self->merge_button, "flat");
    g_signal_connect_swapped (self->rename_button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
    g_signal_connect_swapped (self->merge_button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
    gtk_box_append (GTK_BOX (box), self->rename_button);
    gtk_box_append (GTK_BOX (box), self->merge_button);
    gtk_popover_set_child (GTK_POPOVER (popover), box);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (more), popover);
    gtk_box_append (GTK_BOX (bar), more);
  }
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);

  self->columns = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (self->columns, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->columns), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->columns), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Organisations ranked by completion"), -1);
  g_signal_connect (self->columns, "activate", G_CALLBACK (activate_cb), self);
  /* As a bulletin reads: rank, name, completion, then the counts. */
  add_column (self, _("Rank"), COL_RANK, -1);
  add_column (self, _("Organisation"), COL_NAME, -1);
  add_column (self, _("Completion"), COL_COMPLETION, -1);
  self->plans_column = add_column (self, _("Plans"), COL_PLANS, -1);
  add_column (self, _("Leads"), COL_LED, -1);
  add_column (self, _("Co-owns"), COL_COOWNED, -1);
  add_column (self, _("On Track"), COL_BLUE, -1);
  add_column (self, _("Behind"), COL_YELLOW, -1);
  add_column (self, _("Seriously Behind"), COL_RED, -1);
  self->change_column = add_column (self, _("Change"), COL_CHANGE, -1);
  explain_completion_title (GTK_WIDGET (self->columns));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->columns));
  /* The table asks for its whole width, so the chart beside it folds
   * away before the table would need scrolling. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (main_box), bar);
  gtk_widget_set_margin_start (GTK_WIDGET (self->period_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->period_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->period_label), 6);
  gtk_box_append (GTK_BOX (main_box), GTK_WIDGET (self->period_label));
  gtk_box_append (GTK_BOX (main_box), scroller);

  gtk_label_set_xalign (GTK_LABEL (chart_title), 0);
  gtk_widget_add_css_class (chart_title, "heading");
  self->chart_area = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->chart_area), chart_draw_cb, self, NULL);
  gtk_widget_set_size_request (self->chart_area, 260, -1);
  g_signal_connect (self->chart_area, "resize", G_CALLBACK (chart_resize_cb), self);
  gtk_widget_set_has_tooltip (self->chart_area, TRUE);
  g_signal_connect (self->chart_area, "query-tooltip", G_CALLBACK (chart_query_tooltip_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bar chart of the organisations’ mean completion"), -1);
  gtk_box_append (GTK_BOX (chart_box), chart_title);
  /* What the bars measure, under the title (in sight however long the
   * chart), as under the printed ranking. */
  gtk_widget_set_tooltip_text (chart_title, pb_organisation_completion_definition ());
  {
    GtkWidget *caption = gtk_label_new (pb_organisation_completion_definition ());

    gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (caption), 0);
    gtk_label_set_max_width_chars (GTK_LABEL (caption), 30);
    gtk_widget_add_css_class (caption, "caption");
    gtk_widget_add_css_class (caption, "dim-label");
    gtk_box_append (GTK_BOX (chart_box), caption);
  }
  gtk_box_append (GTK_BOX (chart_box), self->chart_area);
  gtk_widget_set_margin_start (chart_box, 18);
  gtk_widget_set_margin_end (chart_box, 18);
  gtk_widget_set_margin_top (chart_box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (chart_scroller), chart_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (chart_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (chart_scroller, 320, -1);

  adw_flap_set_flap_position (ADW_FLAP (paned), GTK_PACK_END);
  adw_flap_set_fold_policy (ADW_FLAP (paned), ADW_FLAP_FOLD_POLICY_AUTO);
  adw_flap_set_fold_threshold_policy (ADW_FLAP (paned), ADW_FOLD_THRESHOLD_POLICY_NATURAL);
  adw_flap_set_content (ADW_FLAP (paned), main_box);
  adw_flap_set_flap (ADW_FLAP (paned), chart_scroller);
  adw_flap_set_separator (ADW_FLAP (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_widget_add_css_class (chart_scroller, "background");
  {
    GtkWidget *toggle = gtk_toggle_button_new ();
    gtk_button_set_icon_name (GTK_BUTTON (toggle), "sidebar-show-right-symbolic");
    gtk_widget_set_tooltip_text (toggle, _("Show the Ranking Chart"));
    g_object_bind_property (paned, "reveal-flap", toggle, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    gtk_box_append (GTK_BOX (bar), toggle);
  }

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "system-users-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Organisations"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Organisations come from the lead and responsible units a plan names; add them to a task in its editor."));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_add_named (GTK_STACK (self->stack), paned, "ranking");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
  update_buttons (self);
}

GtkWidget *
pb_organisations_view_new (PbStore *store)
{
  PbOrganisationsView *self = g_object_new (PB_TYPE_ORGANISATIONS_VIEW, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
pb_organisations_view_set_plan (PbOrganisationsView *self,
                                PbPlan              *plan)
{
  g_return_if_fail (PB_IS_ORGANISATIONS_VIEW (self));

  if (self->plan == plan)
    return;
  g_set_object (&self->plan, plan);
  self->selected_id = 0;
  g_clear_pointer (&self->selected_name, g_free);
  pb_lazy_rebuild_request (&self->lazy);
}

void
pb_organisations_view_set_all_plans (PbOrganisationsView *self,
                                     gboolean             all_plans)
{
  g_return_if_fail (PB_IS_ORGANISATIONS_VIEW (self));

  all_plans = !!all_plans;
  if (gtk_drop_down_get_selected (self->scope) != (guint) all_plans)
    gtk_drop_down_set_selected (self->scope, all_plans);
  if (self->all_plans == all_plans)
    return;
  self->all_plans = all_plans;
  self->selected_id = 0;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALL_PLANS]);
}

gboolean
pb_organisations_view_select (PbOrganisationsView *self,
                              gint64               organisation_id)
{
  pb_lazy_rebuild_flush (&self->lazy);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(PbOrgRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row->stats.id == organisation_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * pb_organisations_view_get_ranking:
 * @self: the view
 *
 * Returns: (transfer none) (element-type PbOrgStats): what it shows
 */
GPtrArray *
pb_organisations_view_get_ranking (PbOrganisationsView *self)
{
  pb_lazy_rebuild_flush (&self->lazy);
  return self->stats;
}

void
pb_organisations_view_show_selected (PbOrganisationsView *self)
{
  PbOrgRow *row = selected_row (self);

  if (row && row->stats.id > 0)
    g_signal_emit (self, signals[SHOW_ORGANISATION], 0, row->stats.id);
}

static PbOrganisation *
selected_organisation (PbOrganisationsView *self)
{
  PbOrgRow *row = selected_row (self);

  if (row == NULL || row->stats.id <= 0)
    return NULL;
  return pb_store_get_record (self->store, PB_TYPE_ORGANISATION, row->stats.id);
}

/**
 * pb_organisations_view_merge_selected:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the Merge dialog
 */
GtkWindow *
pb_organisations_view_merge_selected (PbOrganisationsView *self)
{
  g_autoptr(PbOrganisation) org = selected_organisation (self);

  return org ? pb_merge_dialog_new (GTK_WIDGET (self), self->store, org) : NULL;
}

/**
 * pb_organisations_view_rename_selected:
 * @self: the view
 *
 * Returns: (transfer none) (nullable): the Rename dialog
 */
GtkWindow *
pb_organisations_view_rename_selected (PbOrganisationsView *self)
{
  g_autoptr(PbOrganisation) org = selected_organisation (self);

  return org ? pb_rename_dialog_new (GTK_WIDGET (self), self->store, org) : NULL;
}
