/* pb-forms-ui.c — collecting progress: forms out, returned forms reviewed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pieces of the month-end round trip (JOURNEYS 5):
 *
 * - PbFormStatusView, the Organisations page's "Reporting Status"
 *   section: a round of forms (the period they were sent for), picked
 *   from the plan's rounds, each with how many came back; for it each
 *   organisation's form (not sent, sent, returned, late) with its date,
 *   and the counts.
 * - Collect Progress…: the period, the date to return by and whether
 *   co-owners get a form too, then a folder; one XLSX per organisation
 *   (src/render/pb-form-writer.c) and one undoable "Send progress forms".
 * - The review of returned forms (Import Returned Forms… or files dropped
 *   on the window): per form its new values, statuses, progress and notes
 *   with before and after, its conflicts (unticked: the recorded value is
 *   kept unless the planner ticks the form's), the locked cells edited and
 *   why a form is refused; Record writes each form as one command.
 */
#define G_LOG_DOMAIN "pb-forms-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-form-reader.h"
#include "pb-form-writer.h"
#include "pb-forms-ui.h"
#include "pb-health.h"
#include "pb-ui-util.h"

/* ---- Reporting status --------------------------------------------------- */

struct _PbFormStatusView
{
  GtkWidget   parent_instance;

  PbStore    *store;
  PbPlan     *plan;
  GtkWidget  *outer;     /* the separator and the scroller: hidden when no organisation reports */
  GtkWidget  *scroller;
  GtkWidget  *box;
  GtkLabel   *title;
  GtkLabel   *ended;     /* "This plan ended in 2024…", when it has */
  GtkLabel   *counts;
  GtkWidget  *round_box; /* "Round" and the drop-down: hidden before any form is sent */
  GtkDropDown *round;
  GtkStringList *round_names;
  GPtrArray  *rounds;    /* PbFormRound, as in the drop-down */
  char       *chosen;    /* the period the officer picked, or NULL: the default */
  gboolean    filling;   /* the drop-down is being refilled, not picked from */
  GtkWidget  *grid;
  GPtrArray  *rows;      /* PbFormStatus, as shown */
  PbLazyRebuild lazy;
};

G_DEFINE_FINAL_TYPE (PbFormStatusView, pb_form_status_view, GTK_TYPE_WIDGET)

static char *
state_text (PbFormStatus *s,
            const char  **css)
{
  GDate d;
  g_autofree char *date = NULL;
  const char *when = s->state == PB_FORM_STATE_RETURNED ? s->returned_date :
                     s->state == PB_FORM_STATE_LATE ? s->due_date : s->sent_date;

  if (when && pb_date_parse (when, &d))
    date = pb_format_date (&d);
  switch (s->state)
    {
    case PB_FORM_STATE_RETURNED:
      *css = "success";
      /* Translators: a progress form's state and the day it came back */
      return g_strdup_printf (_("Returned %s"), date ? date : "");
    case PB_FORM_STATE_LATE:
      *css = "error";
      /* Translators: a progress form not returned by its date */
      return g_strdup_printf (_("Late (due %s)"), date ? date : "");
    case PB_FORM_STATE_SENT:
      *css = "accent";
      return g_strdup_printf (_("Sent %s"), date ? date : "");
    case PB_FORM_STATE_NOT_SENT:
    default:
      *css = "dim-label";
      return g_strdup (_("Not sent"));
    }
}

static char *
round_text (PbFormRound *r)
{
  g_autofree char *shown = pb_format_period_label (r->period);

  if (r->n_late > 0)
    /* Translators: a round of progress forms in the Reporting Status
     * drop-down: the period, how many came back of how many sent, how
     * many are late */
    return g_strdup_printf (_("%s · %u of %u returned · %u late"), shown, r->n_returned, r->n_sent, r->n_late);
  /* Translators: a round of progress forms in the Reporting Status
   * drop-down: the period, how many came back of how many sent */
  return g_strdup_printf (_("%s · %u of %u returned"), shown, r->n_returned, r->n_sent);
}

/* The round shown: the one picked while it is still there, else the
 * newest that still waits for a form, else the newest. */
static guint
round_default (PbFormStatusView *self)
{
  for (guint i = 0; self->chosen && i < self->rounds->len; i++)
    if (g_strcmp0 (((PbFormRound *) g_ptr_array_index (self->rounds, i))->period, self->chosen) == 0)
      return i;
  for (guint i = 0; i < self->rounds->len; i++)
    {
      PbFormRound *r = g_ptr_array_index (self->rounds, i);

      if (r->n_returned < r->n_sent)
        return i;
    }
  return 0;
}

/* The plan's rounds into the drop-down; returns the period to show, or
 * NULL before any form is sent. */
static char *
rounds_fill (PbFormStatusView *self,
             const GDate      *today)
{
  g_autoptr(GPtrArray) rounds = pb_store_list_form_rounds (self->store, pb_record_get_id (PB_RECORD (self->plan)), today);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint shown;

  /* Unreadable: the rounds as they were, rather than none */
  if (rounds == NULL && self->rounds != NULL)
    rounds = g_ptr_array_ref (self->rounds);
  else if (rounds == NULL)
    rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_form_round_free);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  self->rounds = g_ptr_array_ref (rounds);
  for (guint i = 0; i < rounds->len; i++)
    g_ptr_array_add (names, round_text (g_ptr_array_index (rounds, i)));
  g_ptr_array_add (names, NULL);

  self->filling = TRUE;
  /* Refilled only when a round or its counts changed: the list stays put
   * under the pointer otherwise */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->round_names));
    gboolean same = n == rounds->len;

    for (guint i = 0; same && i < n; i++)
      same = g_strcmp0 (gtk_string_list_get_string (self->round_names, i), g_ptr_array_index (names, i)) == 0;
    if (!same)
      gtk_string_list_splice (self->round_names, 0, n, (const char * const *) names->pdata);
  }
  shown = round_default (self);
  if (rounds->len > 0)
    gtk_drop_down_set_selected (self->round, shown);
  self->filling = FALSE;
  gtk_widget_set_visible (self->round_box, rounds->len > 0);
  return rounds->len > 0 ? g_strdup (((PbFormRound *) g_ptr_array_index (rounds, shown))->period) : NULL;
}

static void
round_selected_cb (PbFormStatusView *self)
{
  guint i = gtk_drop_down_get_selected (self->round);

  if (self->filling || self->rounds == NULL || i >= self->rounds->len)
    return;
  g_free (self->chosen);
  self->chosen = g_strdup (((PbFormRound *) g_ptr_array_index (self->rounds, i))->period);
  /* Not from within the drop-down's own signal: it is refilled */
  pb_lazy_rebuild_queue (&self->lazy);
}

static void
status_rebuild (gpointer data)
{
  PbFormStatusView *self = data;
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  guint n[4] = { 0 };
  GtkWidget *child;
  GDate today;
  PbFormPeriod p;
  gboolean ended;

  pb_lazy_rebuild_begin (&self->lazy);
  while ((child = gtk_widget_get_first_child (self->grid)))
    gtk_grid_remove (GTK_GRID (self->grid), child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  if (self->plan == NULL || pb_record_is_deleted (PB_RECORD (self->plan)))
    {
      self->rows = g_ptr_array_new ();
      g_clear_pointer (&self->rounds, g_ptr_array_unref);
      gtk_widget_set_visible (self->outer, FALSE);
      return;
    }

  pb_date_today (&today);
  /* The round picked (by default the newest still waiting for forms),
   * else today's quarter within the plan's period: an ended plan's last
   * quarter, never one after it. */
  ended = pb_form_period_for_plan (&today, pb_plan_get_period_start (self->plan),
                                   pb_plan_get_period_end (self->plan), &p);
  period = rounds_fill (self, &today);
  if (period == NULL)
    period = g_strdup (p.label);
  gtk_widget_set_visible (GTK_WIDGET (self->ended), ended);
  if (ended)
    {
      /* Translators: under the Reporting Status heading; %d is the plan's last year */
      g_autofree char *text = g_strdup_printf (_("This plan’s period ended in %d: no forms are due after it."),
                                               pb_plan_get_period_end (self->plan));
      gtk_label_set_text (self->ended, text);
    }
  self->rows = pb_store_list_form_status (self->store, pb_record_get_id (PB_RECORD (self->plan)), period, &today);
  /* A plan that names no organisation yet (a new, empty one) has nobody
   * to collect progress from: no heading over an empty table, no Collect
   * Progress… that would send nothing. */
  gtk_widget_set_visible (self->outer, self->rows->len > 0);

  {
    g_autofree char *shown = pb_format_period_label (period);
    /* Translators: the heading of the Organisations page's form tracking, with the period */
    title = g_strdup_printf (_("Reporting Status, %s"), shown);
  }
  gtk_label_set_text (self->title, title);

  {
    const char *heads[] = { _("Organisation"), _("Progress Form") };

    for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
      {
        GtkWidget *label = gtk_label_new (heads[c]);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "heading");
        gtk_grid_attach (GTK_GRID (self->grid), label, c, 0, 1, 1);
      }
  }
  for (guint i = 0; i < self->rows->len; i++)
    {
      PbFormStatus *s = g_ptr_array_index (self->rows, i);
      const char *css = NULL;
      g_autofree char *text = state_text (s, &css);
      GtkWidget *name = gtk_label_new (s->organisation);
      GtkWidget *state = gtk_label_new (text);

      n[s->state]++;
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (state), 0);
      gtk_label_set_ellipsize (GTK_LABEL (state), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_add_css_class (state, css);
      gtk_grid_attach (GTK_GRID (self->grid), name, 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), state, 1, i + 1, 1, 1);
    }

  /* Translators: counts of progress forms by state */
  counts = g_strdup_printf (_("%u returned · %u sent, not yet due · %u late · %u not sent"),
                            n[PB_FORM_STATE_RETURNED], n[PB_FORM_STATE_SENT], n[PB_FORM_STATE_LATE],
                            n[PB_FORM_STATE_NOT_SENT]);
  gtk_label_set_text (self->counts, counts);
}

static void
status_store_changed_cb (PbFormStatusView *self,
                         const char       *table)
{
  static const char * const watched[] = { "plan", "organisation", "item_org", "progress_form", NULL };

  if (self->plan != NULL && g_strv_contains (watched, table))
    pb_lazy_rebuild_queue (&self->lazy);
}

static void
round_item_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
round_item_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
pb_form_status_view_dispose (GObject *object)
{
  PbFormStatusView *self = PB_FORM_STATUS_VIEW (object);

  pb_lazy_rebuild_clear (&self->lazy);
  g_clear_pointer (&self->outer, gtk_widget_unparent);
  self->scroller = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_clear_pointer (&self->chosen, g_free);
  G_OBJECT_CLASS (pb_form_status_view_parent_class)->dispose (object);
}

static void
pb_form_status_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pb_form_status_view_parent_class)->map (widget);
  pb_lazy_rebuild_flush (&PB_FORM_STATUS_VIEW (widget)->lazy);
}

static void
pb_form_status_view_class_init (PbFormStatusViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_form_status_view_dispose;
  widget_class->map = pb_form_status_view_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pb_form_status_view_init (PbFormStatusView *self)
{
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *collect = gtk_button_new ();
  GtkWidget *import = gtk_button_new ();

  pb_lazy_rebuild_init (&self->lazy, GTK_WIDGET (self), status_rebuild);
  /* The section scrolls as a whole: it asks for no height of its own, so
   * the page fits a phone-sized window */
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 300);
  self->outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->outer), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->outer), self->scroller);
  gtk_widget_set_parent (self->outer, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reporting status"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (collect), "win.collect-progress");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "win.import-forms");
  /* Labels that ellipsize, so the page still fits a phone-sized window */
  {
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Collect Progress…"));

    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_button_set_child (GTK_BUTTON (collect), label);
    label = gtk_label_new_with_mnemonic (_("_Import Returned Forms…"));
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_button_set_child (GTK_BUTTON (import), label);
  }
  gtk_box_append (GTK_BOX (head), collect);
  gtk_box_append (GTK_BOX (head), import);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->title));
  self->ended = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->ended, 0);
  gtk_label_set_wrap (self->ended, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->ended), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->ended), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->ended));
  {
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Round"));
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    self->round_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    self->round_names = gtk_string_list_new (NULL);
    self->round = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->round_names), NULL));
    /* The button's label ellipsizes, so the page still fits a
     * phone-sized window; the list shows each round whole. */
    g_signal_connect (factory, "setup", G_CALLBACK (round_item_setup_cb), GINT_TO_POINTER (TRUE));
    g_signal_connect (factory, "bind", G_CALLBACK (round_item_bind_cb), NULL);
    gtk_drop_down_set_factory (self->round, factory);
    g_object_unref (factory);
    factory = gtk_signal_list_item_factory_new ();
    g_signal_connect (factory, "setup", G_CALLBACK (round_item_setup_cb), GINT_TO_POINTER (FALSE));
    g_signal_connect (factory, "bind", G_CALLBACK (round_item_bind_cb), NULL);
    gtk_drop_down_set_list_factory (self->round, factory);
    g_object_unref (factory);
    gtk_widget_set_hexpand (GTK_WIDGET (self->round), TRUE);
    gtk_widget_set_halign (GTK_WIDGET (self->round), GTK_ALIGN_START);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->round));
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->round), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    g_signal_connect_swapped (self->round, "notify::selected", G_CALLBACK (round_selected_cb), self);
    gtk_box_append (GTK_BOX (self->round_box), label);
    gtk_box_append (GTK_BOX (self->round_box), GTK_WIDGET (self->round));
    gtk_widget_set_visible (self->round_box, FALSE);
    gtk_box_append (GTK_BOX (self->box), self->round_box);
  }
  gtk_box_append (GTK_BOX (self->box), head);

  self->counts = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->counts, 0);
  gtk_label_set_wrap (self->counts, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->counts), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->counts));

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_box_append (GTK_BOX (self->box), self->grid);
}

GtkWidget *
pb_form_status_view_new (PbStore *store)
{
  PbFormStatusView *self = g_object_new (PB_TYPE_FORM_STATUS_VIEW, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (status_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
pb_form_status_view_set_plan (PbFormStatusView *self,
                              PbPlan           *plan)
{
  g_return_if_fail (PB_IS_FORM_STATUS_VIEW (self));

  if (g_set_object (&self->plan, plan))
    {
      /* Another plan's rounds: its own default */
      g_clear_pointer (&self->chosen, g_free);
      g_clear_pointer (&self->rounds, g_ptr_array_unref);
      pb_lazy_rebuild_request (&self->lazy);
    }
}

/**
 * pb_form_status_view_dup_text:
 *
 * Returns: (transfer full): what the section shows, one organisation a
 *   line ("name\tstate"), after the heading and the counts
 */
char *
pb_form_status_view_dup_text (PbFormStatusView *self)
{
  GString *out = g_string_new (NULL);

  pb_lazy_rebuild_flush (&self->lazy);
  if (self->rows == NULL)
    status_rebuild (self);
  g_string_append_printf (out, "%s\n", gtk_label_get_text (self->title));
  if (gtk_widget_get_visible (GTK_WIDGET (self->ended)))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (self->ended));
  g_string_append_printf (out, "%s\n", gtk_label_get_text (self->counts));
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    {
      PbFormStatus *s = g_ptr_array_index (self->rows, i);
      const char *css;
      g_autofree char *text = state_text (s, &css);

      g_string_append_printf (out, "%s\t%s\n", s->organisation, text);
    }
  return g_string_free (out, FALSE);
}

/* ---- Collect Progress… -------------------------------------------------- */

typedef struct
{
  GtkWindow *parent;
  GtkWidget *toast_widget;
  PbStore   *store;
  PbPlan    *plan;
  char      *period;
  char      *due;
  gboolean   all_roles;
} Collect;

static void
collect_free (Collect *c)
{
  g_clear_object (&c->store);
  g_clear_object (&c->plan);
  g_clear_weak_pointer (&c->toast_widget);
  g_free (c->period);
  g_free (c->due);
  g_free (c);
}

static void
collect_into (Collect    *c,
              const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = pb_forms_collect (c->store, pb_record_get_id (PB_RECORD (c->plan)), c->period, c->due, c->all_roles,
                                                dir, NULL, &error);

  if (c->toast_widget == NULL)
    return;
  if (paths)
    {
      g_autofree char *name = g_path_get_basename (dir);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u progress form written to “%s”",
                                                            "%u progress forms written to “%s”", paths->len),
                                               paths->len, name);
      pb_ui_toast (c->toast_widget, text, TRUE);
    }
  else
    pb_ui_toast (c->toast_widget, error->message, FALSE);
}

static void
folder_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Collect         *c)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *dir = g_file_get_path (file);

      if (dir)
        collect_into (c, dir);
    }
  g_object_unref (chooser);
  collect_free (c);
}

static void
collect_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Collect          *c)
{
  if (g_str_equal (response, "choose"))
    {
      GtkEditable *period = g_object_get_data (G_OBJECT (dialog), "period");
      GtkEditable *due = g_object_get_data (G_OBJECT (dialog), "due");
      GtkCheckButton *all = g_object_get_data (G_OBJECT (dialog), "all");
      GtkFileChooserNative *chooser;
      PbFormPeriod p;
      GDate d;

      c->period = g_strstrip (g_strdup (gtk_editable_get_text (period)));
      c->due = g_strstrip (g_strdup (gtk_editable_get_text (due)));
      c->all_roles = gtk_check_button_get_active (all);
      if (!pb_form_period_parse (c->period, &p))
        {
          g_autofree char *text = g_strdup_printf (_("“%s” is not a period; write a quarter as 2026-Q3 or a month as 2026-10."), c->period);
          pb_ui_toast (c->toast_widget, text, FALSE);
          collect_free (c);
          return;
        }
      if (*c->due && !pb_date_parse (c->due, &d))
        {
          g_autofree char *text = g_strdup_printf (_("“%s” is not a date; write it as 2024-06-30."), c->due);
          pb_ui_toast (c->toast_widget, text, FALSE);
          collect_free (c);
          return;
        }
      /* Tests name the folder instead of driving the file chooser */
      if (g_object_get_data (G_OBJECT (dialog), "pb-test-folder"))
        {
          collect_into (c, g_object_get_data (G_OBJECT (dialog), "pb-test-folder"));
          collect_free (c);
          return;
        }
      chooser = gtk_file_chooser_native_new (_("Folder for the Progress Forms"), c->parent,
                                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write Forms"), _("_Cancel"));
      g_signal_connect (chooser, "response", G_CALLBACK (folder_response_cb), c);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }
  collect_free (c);
}

/* Return By follows the period until the officer types a date of their
 * own; a date of their own is kept when the period changes, but checked
 * against it, with the reason under the field and Choose Folder… waiting. */
static void
check_due (AdwMessageDialog *dialog)
{
  GtkEditable *period = g_object_get_data (G_OBJECT (dialog), "period");
  GtkWidget *due = g_object_get_data (G_OBJECT (dialog), "due");
  GtkWidget *error_row = g_object_get_data (G_OBJECT (dialog), "due-error-row");
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (due))));
  g_autofree char *period_text = g_strstrip (g_strdup (gtk_editable_get_text (period)));
  g_autofree char *message = NULL;
  gboolean invalid = FALSE;
  PbFormPeriod p;
  GDate d;

  if (text[0] && !pb_date_parse (text, &d))
    {
      GtkEventController *focus = g_object_get_data (G_OBJECT (dialog), "due-focus");

      /* A date half typed is no fault yet: said once it is whole
       * (2024-06-30), left, or entered; Choose Folder… waits meanwhile. */
      invalid = TRUE;
      if (strlen (text) >= 10 || focus == NULL ||
          !gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (focus)) ||
          g_object_get_data (G_OBJECT (dialog), "due-entered"))
        message = g_strdup_printf (_("“%s” is not a date; write it as 2024-06-30."), text);
    }
  else if (text[0] && pb_form_period_parse (period_text, &p))
    {
      g_autoptr(GError) error = NULL;

      if (!pb_form_period_check_due (&p, &d, &error))
        message = g_strdup (error->message);
    }

  gtk_label_set_text (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_visible (error_row, message != NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (due), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  if (message)
    {
      gtk_widget_add_css_class (due, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (due), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (due, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (due), GTK_ACCESSIBLE_STATE_INVALID);
    }
  adw_message_dialog_set_response_enabled (dialog, "choose", message == NULL && !invalid);
}

static void
collect_due_entered_cb (AdwEntryRow      *due,
                        AdwMessageDialog *dialog)
{
  g_object_set_data (G_OBJECT (dialog), "due-entered", GINT_TO_POINTER (TRUE));
  check_due (dialog);
}

static void
collect_period_changed_cb (GtkEditable      *period,
                           AdwMessageDialog *dialog)
{
  GtkEditable *due = g_object_get_data (G_OBJECT (dialog), "due");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (period)));
  PbFormPeriod p;

  if (!g_object_get_data (G_OBJECT (dialog), "due-by-hand") && pb_form_period_parse (text, &p))
    {
      GDate by;
      char due_text[11];

      pb_form_period_default_due (&p, &by);
      pb_date_format (&by, due_text);
      g_object_set_data (G_OBJECT (dialog), "due-following", GINT_TO_POINTER (TRUE));
      gtk_editable_set_text (due, due_text);
      g_object_set_data (G_OBJECT (dialog), "due-following", NULL);
    }
  check_due (dialog);
}

static void
collect_due_changed_cb (GtkEditable      *due,
                        AdwMessageDialog *dialog)
{
  /* A date the officer typed is theirs from now on. */
  if (!g_object_get_data (G_OBJECT (dialog), "due-following"))
    g_object_set_data (G_OBJECT (dialog), "due-by-hand", GINT_TO_POINTER (TRUE));
  g_object_set_data (G_OBJECT (dialog), "due-entered", NULL);
  check_due (dialog);
}

/**
 * pb_forms_collect_dialog_new:
 * @toast_widget: a widget inside the window's toast overlay
 *
 * Collect Progress…: asks for the period, the date to return by and the
 * roles, then a folder.
 *
 * Returns: (transfer none): the dialog, presented
 */
GtkWindow *
pb_forms_collect_dialog_new (GtkWindow *parent,
                             GtkWidget *toast_widget,
                             PbStore   *store,
                             PbPlan    *plan)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *period = adw_entry_row_new ();
  GtkWidget *due = adw_entry_row_new ();
  GtkWidget *due_error_row = adw_preferences_row_new ();
  GtkWidget *all = gtk_check_button_new_with_mnemonic (_("Also send forms to _responsible organisations"));
  g_autoptr(GArray) leads = pb_store_list_form_organisations (store, pb_record_get_id (PB_RECORD (plan)), FALSE);
  Collect *c = g_new0 (Collect, 1);
  PbFormPeriod p;
  GDate today, by;
  char due_text[11];

  pb_date_today (&today);
  /* Today's quarter within the plan's period: an ended plan's last. */
  pb_form_period_for_plan (&today, pb_plan_get_period_start (plan), pb_plan_get_period_end (plan), &p);
  pb_form_period_default_due (&p, &by);
  pb_date_format (&by, due_text);

  /* Translators: %s is the plan's title, %u how many organisations lead its items */
  body = g_strdup_printf (_("One spreadsheet goes to each organisation that leads items of “%s” (%u in all). "
                            "They can be filled in Excel, WPS or LibreOffice and sent back."),
                          pb_plan_get_title (plan), leads->len);
  dialog = adw_message_dialog_new (parent, _("Collect Progress"), body);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (period), _("Period (2026-Q3 or 2026-10)"));
  gtk_editable_set_text (GTK_EDITABLE (period), p.label);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due), _("Return By (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (due), due_text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), period);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), due);
  {
    GtkWidget *label = gtk_label_new (NULL);

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (due_error_row), FALSE);
    gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (due_error_row), FALSE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    /* Wraps within the dialog as it is, never widens it. */
    gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
    gtk_widget_set_margin_start (label, 12);
    gtk_widget_set_margin_end (label, 12);
    gtk_widget_set_margin_top (label, 6);
    gtk_widget_set_margin_bottom (label, 6);
    gtk_widget_add_css_class (label, "field-error");
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (due_error_row), label);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), due_error_row);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), all);
  gtk_widget_set_margin_top (all, 6);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_object_set_data (G_OBJECT (dialog), "period", period);
  g_object_set_data (G_OBJECT (dialog), "due", due);
  g_object_set_data (G_OBJECT (dialog), "all", all);
  g_object_set_data (G_OBJECT (dialog), "due-error-row", due_error_row);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("_Choose Folder…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (period, "changed", G_CALLBACK (collect_period_changed_cb), dialog);
  g_signal_connect (due, "changed", G_CALLBACK (collect_due_changed_cb), dialog);
  g_signal_connect (due, "entry-activated", G_CALLBACK (collect_due_entered_cb), dialog);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (focus, "notify::contains-focus", G_CALLBACK (check_due), dialog);
    gtk_widget_add_controller (due, focus);
    g_object_set_data (G_OBJECT (dialog), "due-focus", focus);
  }
  check_due (ADW_MESSAGE_DIALOG (dialog));

  c->parent = parent;
  c->toast_widget = toast_widget;
  g_object_add_weak_pointer (G_OBJECT (toast_widget), (gpointer *) &c->toast_widget);
  c->store = g_object_ref (store);
  c->plan = g_object_ref (plan);
  g_signal_connect (dialog, "response", G_CALLBACK (collect_response_cb), c);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* ---- The review of returned forms --------------------------------------- */

typedef struct
{
  PbStore   *store;
  GPtrArray *reviews;   /* PbFormReview */
  GtkWidget *toast_widget;
  GDate      today;     /* the day the forms were read and are recorded on */
} Review;

static void
review_free (gpointer data)
{
  Review *r = data;

  g_clear_object (&r->store);
  g_ptr_array_unref (r->reviews);
  g_clear_weak_pointer (&r->toast_widget);
  g_free (r);
}

static void
accept_toggled_cb (GtkCheckButton *check,
                   PbFormChange   *change)
{
  change->accept = gtk_check_button_get_active (check);
}

static const char *
change_kind (PbFormChange *c)
{
  switch (c->kind)
    {
    case PB_FORM_CHANGE_ACTUAL: return c->conflict_id ? _("Conflict:") : _("New value:");
    case PB_FORM_CHANGE_STATUS: return _("Status:");
    case PB_FORM_CHANGE_PROGRESS: return _("Progress:");
    case PB_FORM_CHANGE_NOTE: return _("Note:");
    default: return "";
    }
}

static GtkWidget *
message_row (const char *text,
             const char *icon,
             const char *css)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  gtk_widget_add_css_class (image, css);
  return row;
}

static GtkWidget *
review_group (PbFormReview *review)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;
  guint n_refused = 0;

  if (review->organisation)
    title = g_strdup_printf (_("%s — %s (%s)\n"), review->organisation, review->period.label, review->file_name);
  else
    title = g_strdup (review->file_name);
  g_strstrip (title);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);

  for (guint i = 0; i < review->changes->len; i++)
    n_refused += ((PbFormChange *) g_ptr_array_index (review->changes, i))->refusal != NULL;
  if (review->refused)
    description = g_strdup (_("Nothing of this form will be recorded."));
  else if (review->changes->len == 0)
    description = g_strdup (_("Nothing new."));
  else
    {
      guint n = review->changes->len - n_refused;
      g_autoptr(GString) d = g_string_new (NULL);

      if (n > 0)
        g_string_append_printf (d, g_dngettext (GETTEXT_PACKAGE, "%u change; untick what should not be recorded.",
                                                "%u changes; untick what should not be recorded.", n), n);
      if (n > 0 && n_refused > 0)
        g_string_append_c (d, ' ');
      if (n_refused > 0)
        g_string_append_printf (d, g_dngettext (GETTEXT_PACKAGE, "%u value cannot be recorded; the reason is beside it.",
                                                "%u values cannot be recorded; the reason is beside each.", n_refused),
                                n_refused);
      description = g_string_free (g_steal_pointer (&d), FALSE);
    }
  {
    g_autofree char *d = g_markup_escape_text (description, -1);
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), d);
  }

  for (guint i = 0; i < review->refusals->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               message_row (g_ptr_array_index (review->refusals, i), "dialog-error-symbolic", "error"));
  for (guint i = 0; i < review->warnings->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               message_row (g_ptr_array_index (review->warnings, i), "dialog-warning-symbolic", "warning"));
  if (review->refused)
    return group;

  for (guint i = 0; i < review->changes->len; i++)
    {
      PbFormChange *c = g_ptr_array_index (review->changes, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *row_title = g_strdup_printf ("%s %s", change_kind (c), c->subject);
      g_autofree char *subtitle = NULL;
      g_autofree char *t = g_markup_escape_text (row_title, -1);
      g_autofree char *s = NULL;

      if (c->refusal)
        /* Translators: a value of a returned form that cannot be recorded:
         * before → after (the form's cell), then why, as
         * "H8: 2026-11-30 is after today." */
        subtitle = g_strdup_printf (_("%s → %s (%s). Not recorded: %s"),
                                    c->before ? c->before : "—", c->after ? c->after : "—", c->cell, c->refusal);
      else if (c->conflict_id && c->closed_period)
        /* Translators: a conflict in a closed period: the recorded value,
         * the form's value, the cell, then that the period is closed */
        subtitle = g_strdup_printf (_("Recorded %s; the form says %s (%s). %s Tick to take the form’s value."),
                                    c->before, c->after, c->cell, c->warning);
      else if (c->conflict_id)
        /* Translators: a conflict: the recorded value, the form's value, the cell */
        subtitle = g_strdup_printf (_("Recorded %s; the form says %s (%s). Tick to take the form’s value."),
                                    c->before, c->after, c->cell);
      else if (c->warning)
        /* Translators: a falling running total: before → after (the form's
         * cell), then why it is not ticked */
        subtitle = g_strdup_printf (_("%s → %s (%s). %s Tick to record it anyway."),
                                    c->before ? c->before : "—", c->after ? c->after : "—", c->cell, c->warning);
      else
        /* Translators: a change on a returned form: before → after (the form's cell) */
        subtitle = g_strdup_printf (_("%s → %s (%s)"), c->before ? c->before : "—", c->after ? c->after : "—", c->cell);
      s = g_markup_escape_text (subtitle, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), c->accept);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, row_title, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (accept_toggled_cb), c);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      if (c->refusal)
        {
          /* Refused: unticked, and it cannot be ticked */
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (icon, "error");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          gtk_widget_set_sensitive (check, FALSE);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), NULL);
          gtk_widget_add_css_class (row, "refused");
        }
      else if (c->conflict_id || c->warning)
        gtk_widget_add_css_class (row, "conflict");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/**
 * pb_forms_review_window_record:
 * @window: a review window
 *
 * Records every form that is not refused, each as one command, and
 * closes the window.
 *
 * Returns: how many forms recorded something
 */
guint
pb_forms_review_window_record (GtkWindow  *window,
                               GError    **error)
{
  Review *r = g_object_get_data (G_OBJECT (window), "pb-review");
  guint n = 0;

  g_return_val_if_fail (r != NULL, 0);
  for (guint i = 0; i < r->reviews->len; i++)
    {
      PbFormReview *review = g_ptr_array_index (r->reviews, i);

      if (review->refused)
        continue;
      {
        guint64 before = pb_store_get_generation (r->store);

        if (!pb_form_review_apply (r->store, review, &r->today, error))
          break;
        /* A form that brought nothing new records nothing */
        n += pb_store_get_generation (r->store) != before;
      }
    }
  return n;
}

static void
record_clicked_cb (GtkWindow *window)
{
  Review *r = g_object_get_data (G_OBJECT (window), "pb-review");
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) toast_widget = r->toast_widget ? g_object_ref (r->toast_widget) : NULL;
  guint n = pb_forms_review_window_record (window, &error);

  if (toast_widget && error)
    pb_ui_toast (toast_widget, error->message, FALSE);
  else if (toast_widget)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u progress form recorded",
                                                            "%u progress forms recorded", n), n);
      pb_ui_toast (toast_widget, text, n > 0);
    }
  gtk_window_destroy (window);
}

/**
 * pb_forms_review_window_new:
 * @plan_id: the plan the forms should belong to
 * @paths: (element-type filename): the returned forms
 * @today: (nullable): the day they are read and recorded on, or %NULL for
 *   the clock's: a value dated after it is listed, refused, never ticked
 *
 * Reads the forms and shows their review.
 *
 * Returns: (transfer none): the window, presented
 */
GtkWindow *
pb_forms_review_window_new (GtkWindow   *parent,
                            GtkWidget   *toast_widget,
                            PbStore     *store,
                            gint64       plan_id,
                            GPtrArray   *paths,
                            const GDate *today)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *record = gtk_button_new_with_mnemonic (_("_Record"));
  GtkWidget *page = adw_preferences_page_new ();
  Review *r = g_new0 (Review, 1);
  guint recordable = 0;

  r->store = g_object_ref (store);
  if (today)
    r->today = *today;
  else
    pb_date_today (&r->today);
  r->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_form_review_free);
  r->toast_widget = toast_widget;
  g_object_add_weak_pointer (G_OBJECT (toast_widget), (gpointer *) &r->toast_widget);
  for (guint i = 0; i < paths->len; i++)
    {
      PbFormReview *review = pb_form_review_read (store, plan_id, g_ptr_array_index (paths, i), &r->today);

      g_ptr_array_add (r->reviews, review);
      recordable += !review->refused;
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (review_group (review)));
    }
  g_object_set_data_full (G_OBJECT (window), "pb-review", r, review_free);

  gtk_window_set_title (GTK_WINDOW (window), _("Review Returned Forms"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 620);
  /* One way out: Cancel (or Escape), no window close button beside it,
   * as the GNOME HIG has it for a dialog with a header bar Cancel. */
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), record);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  gtk_widget_add_css_class (record, "suggested-action");
  gtk_widget_set_sensitive (record, recordable > 0);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect_swapped (record, "clicked", G_CALLBACK (record_clicked_cb), window);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
