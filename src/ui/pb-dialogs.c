/* pb-dialogs.c — the small dialogs of supervision: record an actual,
 * close a period, rename or merge indicators, merge or rename an organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each is a modal window with Cancel and one suggested button (named
 * "primary" for the tests). The button makes one store command; a refusal
 * is shown in the dialog, which stays open so nothing typed is lost.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-dialogs.h"
#include "pb-format.h"
#include "pb-fold.h"
#include "pb-health.h"
#include "pb-indicator-links.h"
#include "pb-supervision.h"
#include "pb-ui-util.h"

typedef gboolean (*CommitFunc) (GtkWindow  *dialog,
                                GError    **error);

typedef struct
{
  PbStore     *store;
  GtkWidget   *parent;    /* where the toast goes */
  GtkLabel    *error;
  CommitFunc   commit;
  char        *done_text;
  gboolean     done_destructive; /* its Undo toast stays longer */
  /* what the dialogs edit */
  PbIndicator *indicator;
  PbActual    *actual;
  PbPlan      *plan;
  PbOrganisation *organisation;
  GListModel  *choices;   /* organisations or periods to choose from */
  GtkWidget   *rows[4];
  GtkWidget   *primary;
  char        *confirmed; /* the date and value the user chose to keep anyway */
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  g_clear_object (&d->store);
  g_clear_object (&d->indicator);
  g_clear_object (&d->actual);
  g_clear_object (&d->plan);
  g_clear_object (&d->organisation);
  g_clear_object (&d->choices);
  g_free (d->done_text);
  g_free (d->confirmed);
  g_free (d);
}

static Dialog *
get_dialog (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "pb-dialog");
}

static void
primary_clicked_cb (GtkButton *button,
                    GtkWindow *window)
{
  Dialog *d = get_dialog (window);
  g_autoptr(GError) error = NULL;

  if (!d->commit (window, &error))
    {
      /* A commit that said why itself (a question, not a refusal). */
      if (error == NULL && gtk_widget_get_visible (GTK_WIDGET (d->error)))
        return;
      gtk_widget_remove_css_class (GTK_WIDGET (d->error), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (d->error), "error");
      gtk_label_set_text (d->error, error ? error->message : _("That did not work."));
      gtk_widget_set_visible (GTK_WIDGET (d->error), TRUE);
      gtk_widget_error_bell (GTK_WIDGET (window));
      return;
    }

  if (d->done_text && d->parent)
    {
      if (d->done_destructive)
        pb_ui_toast_destructive (d->parent, d->done_text);
      else
        pb_ui_toast (d->parent, d->done_text, TRUE);
    }
  gtk_window_destroy (window);
}

/* A modal window: header bar with Cancel and @primary, a group of rows,
 * a line for what went wrong. */
static GtkWindow *
dialog_new (GtkWidget   *parent,
            PbStore     *store,
            const char  *title,
            const char  *primary,
            const char  *description,
            CommitFunc   commit,
            GtkWidget  **group_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *ok = gtk_button_new_with_mnemonic (primary);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *error = gtk_label_new (NULL);
  GtkRoot *root = parent ? gtk_widget_get_root (parent) : NULL;
  Dialog *d = g_new0 (Dialog, 1);

  d->store = g_object_ref (store);
  d->parent = parent;
  d->error = GTK_LABEL (error);
  d->commit = commit;
  g_object_set_data_full (G_OBJECT (window), "pb-dialog", d, dialog_free);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 440, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), ok);
  gtk_widget_add_css_class (ok, "suggested-action");
  gtk_widget_set_name (ok, "primary");
  d->primary = ok;
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect (ok, "clicked", G_CALLBACK (primary_clicked_cb), window);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (content), group);

  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (content), error);
  gtk_box_append (GTK_BOX (box), content);

  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), ok);

  /* Escape is Cancel, as in every dialog (a popover or drop-down open
   * in it takes its own Escape first). */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }

  *group_out = group;
  return GTK_WINDOW (window);
}

static GtkWidget *
add_entry_row (GtkWidget  *group,
               const char *name,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* ---- Record an actual ---------------------------------------------------- */

static gboolean
commit_actual (GtkWindow  *window,
               GError    **error)
{
  Dialog *d = get_dialog (window);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (d->rows[0]));
  const char *value_text = gtk_editable_get_text (GTK_EDITABLE (d->rows[1]));
  const char *note = gtk_editable_get_text (GTK_EDITABLE (d->rows[2]));
  guint source_index = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[3]));
  g_autofree char *source = NULL;
  double value;

  /* Not after today, not long outside the plan's period: the one rule
   * of core (the CLI and the form import share it); the date field is
   * marked and the reason shows under the fields. */
  gtk_widget_remove_css_class (d->rows[0], "error");
  if (!pb_store_check_actual_date (d->store, pb_record_get_id (PB_RECORD (d->indicator)), date, NULL, error))
    {
      gtk_widget_add_css_class (d->rows[0], "error");
      gtk_widget_grab_focus (d->rows[0]);
      return FALSE;
    }
  /* In the indicator's unit: "2万" in 万个 is 2万个, not 2万 万个. */
  if (!pb_parse_number_in_unit (value_text, pb_indicator_get_measure_unit (d->indicator), &value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not a number; write it as 2600, 2.6万 or 0.85."), value_text);
      return FALSE;
    }
  /* A running total lower than before, or a figure dated in a closed
   * month or quarter (or moved out of one, or changed there): asked
   * once, kept if confirmed. */
  {
    gint64 indicator_id = pb_record_get_id (PB_RECORD (d->indicator));
    g_autofree char *key = g_strdup_printf ("%s|%.17g", date, value);
    g_autofree char *falling = pb_store_check_falling_actual (d->store, indicator_id,
                                                               date, value,
                                                               d->actual ? pb_record_get_id (PB_RECORD (d->actual)) : 0);
    g_autoptr(PbPeriod) closed = NULL;

    /* A closed period that cannot be read is no "not closed": refused,
     * nothing saved. */
    if (d->actual == NULL)
      {
        closed = pb_store_find_closed_period (d->store, indicator_id, date, error);
        if (closed == NULL && error != NULL && *error != NULL)
          return FALSE;
      }
    else
      {
        const char *old_date = pb_record_get_string (PB_RECORD (d->actual), "date");
        double old_value = pb_record_get_double (PB_RECORD (d->actual), "value");
        g_autoptr(GDate) parsed = g_date_new ();
        char iso[11] = "";

        if (pb_date_parse (date, parsed))
          pb_date_format (parsed, iso);
        /* The note or the source alone changes no figure. */
        if (g_strcmp0 (iso, old_date) != 0 || value != old_value)
          {
            g_autoptr(GError) local = NULL;

            closed = pb_store_find_closed_period (d->store, indicator_id, date, &local);
            if (closed == NULL && local == NULL)
              closed = pb_store_find_closed_period (d->store, indicator_id, old_date, &local);
            if (local != NULL)
              {
                g_propagate_error (error, g_steal_pointer (&local));
                return FALSE;
              }
          }
      }

    if ((falling || closed) && g_strcmp0 (key, d->confirmed) != 0)
      {
        g_autofree char *ask = NULL;

        if (closed)
          {
            g_autofree char *name = pb_format_period_label (pb_record_get_string (PB_RECORD (closed), "label"));
            g_autofree char *question = NULL;

            question = d->actual
              /* Translators: %s is a closed period, "October 2026"; asked
               * before an actual dated in it is changed */
              ? g_strdup_printf (_("%s is closed. Change its figure anyway? The period keeps the figures it was closed with and is marked as changed since."), name)
              /* Translators: %s is a closed period, "October 2026"; asked
               * before an actual dated in it is recorded */
              : g_strdup_printf (_("%s is closed. Record into it anyway? The period keeps the figures it was closed with and is marked as changed since."), name);
            ask = falling ? g_strdup_printf ("%s %s", falling, question) : g_steal_pointer (&question);
          }
        else
          /* Translators: after the warning that a cumulative figure falls */
          ask = g_strdup_printf (_("%s Keep it anyway?"), falling);

        g_free (d->confirmed);
        d->confirmed = g_steal_pointer (&key);
        gtk_label_set_text (d->error, ask);
        gtk_widget_remove_css_class (GTK_WIDGET (d->error), "error");
        gtk_widget_add_css_class (GTK_WIDGET (d->error), "warning");
        gtk_widget_set_visible (GTK_WIDGET (d->error), TRUE);
        gtk_button_set_label (GTK_BUTTON (d->primary), d->actual ? _("_Save Anyway") : _("_Record Anyway"));
        gtk_button_set_use_underline (GTK_BUTTON (d->primary), TRUE);
        gtk_widget_remove_css_class (d->primary, "suggested-action");
        gtk_widget_add_css_class (d->primary, "destructive-action");
        return FALSE;
      }
  }

  if (source_index != GTK_INVALID_LIST_POSITION && source_index > 0)
    {
      GObject *o = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (d->rows[3])), source_index);
      source = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (o)));
      g_object_unref (o);
    }

  if (d->actual == NULL)
    return pb_store_record_actual (d->store, pb_record_get_id (PB_RECORD (d->indicator)),
                                   date, value, note, source, error) > 0;

  return pb_store_set (d->store, d->actual, error,
                       "date", date,
                       "value", value,
                       "note", *note ? note : NULL,
                       "source", source,
                       NULL);
}

/**
 * pb_actual_dialog_new:
 * @parent: the widget it is for
 * @store: the store
 * @indicator: the indicator
 * @actual: (nullable): the actual to edit, or %NULL to record one
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_actual_dialog_new (GtkWidget   *parent,
                      PbStore     *store,
                      PbIndicator *indicator,
                      PbActual    *actual)
{
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(GListModel) orgs = NULL;
  g_autofree char *value = NULL;
  g_autofree char *value_title = NULL;
  const char *unit = pb_indicator_get_measure_unit (indicator);
  const char *current_source = actual ? pb_record_get_string (PB_RECORD (actual), "source") : NULL;
  char today[11];
  GtkWidget *group;
  GtkWindow *window;
  Dialog *d;
  guint selected = 0;

  /* Today, or the last day of a plan whose period has ended. */
  {
    g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN,
                                                  pb_record_get_int (PB_RECORD (indicator), "plan_id"));
    pb_plan_default_actual_date (plan, NULL, today);
  }
  /* A short title fits the header bar between its two buttons; the
   * indicator's name, however long, wraps above the fields. */
  window = dialog_new (parent, store, actual ? _("Edit Actual") : _("Record Actual"),
                       actual ? _("_Save") : _("_Record"),
                       _("The value the indicator stood at on the day: for a cumulative indicator the running total, for an annual one the total so far this year."),
                       commit_actual, &group);
  {
    GtkWidget *subject = gtk_label_new (pb_indicator_get_name (indicator));

    gtk_label_set_wrap (GTK_LABEL (subject), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (subject), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (subject), 0);
    gtk_widget_set_name (subject, "subject");
    gtk_widget_add_css_class (subject, "title-4");
    gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (group)), subject);
  }
  d = get_dialog (window);
  d->indicator = g_object_ref (indicator);
  d->actual = actual ? g_object_ref (actual) : NULL;
  d->done_text = g_strdup (actual ? _("Actual changed") : _("Actual recorded"));

  if (actual)
    value = pb_ui_format_value (pb_record_get_double (PB_RECORD (actual), "value"));

  d->rows[0] = add_entry_row (group, "date", _("Date"), actual ? pb_record_get_string (PB_RECORD (actual), "date") : today);
  value_title = unit && *unit ? g_strdup_printf (_("Value (%s)"), unit) : g_strdup (_("Value"));
  d->rows[1] = add_entry_row (group, "value", value_title, value);
  d->rows[2] = add_entry_row (group, "note", _("Note"), actual ? pb_record_get_string (PB_RECORD (actual), "note") : NULL);

  gtk_string_list_append (sources, _("Not said"));
  orgs = pb_store_list_organisations (store, pb_record_get_int (PB_RECORD (indicator), "plan_id"));
  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(PbOrganisation) o = g_list_model_get_item (orgs, i);

      gtk_string_list_append (sources, pb_organisation_get_name (o));
      if (g_strcmp0 (current_source, pb_organisation_get_name (o)) == 0)
        selected = i + 1;
    }
  if (current_source && selected == 0)
    {
      gtk_string_list_append (sources, current_source);
      selected = g_list_model_get_n_items (G_LIST_MODEL (sources)) - 1;
    }
  d->rows[3] = adw_combo_row_new ();
  gtk_widget_set_name (d->rows[3], "source");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[3]), _("Reported By"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->rows[3]), G_LIST_MODEL (sources));
  adw_combo_row_set_selected (ADW_COMBO_ROW (d->rows[3]), selected);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[3]);

  gtk_window_present (window);
  gtk_widget_grab_focus (d->rows[actual ? 0 : 1]);
  return window;
}

/* ---- Close a period -------------------------------------------------------- */

static char *
period_title (const PbPeriodChoice *c)
{
  g_autofree char *label = NULL;

  pb_period_bounds (c->kind, c->year, c->number, NULL, &label);
  return pb_format_period_label (label);
}

/* The periods within the plan's period that have begun (pb_period_choices);
 * none when the plan's period has not begun, said plainly instead. */
static void
fill_periods (Dialog *d)
{
  PbPeriodKind kind = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[0])) == 1
                      ? PB_PERIOD_KIND_QUARTER : PB_PERIOD_KIND_MONTH;
  int start = pb_plan_get_period_start (d->plan), end = pb_plan_get_period_end (d->plan);
  g_autoptr(GArray) choices = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GListModel) closed = pb_store_list_periods (d->store, pb_record_get_id (PB_RECORD (d->plan)));
  guint first_open = GTK_INVALID_LIST_POSITION;
  guint newest_closed = GTK_INVALID_LIST_POSITION;
  GDate today;

  pb_date_today (&today);
  choices = pb_period_choices (kind, start, end, &today);
  for (guint i = 0; i < choices->len; i++)
    {
      PbPeriodChoice *c = &g_array_index (choices, PbPeriodChoice, i);
      g_autofree char *title = period_title (c);
      g_autofree char *label = NULL;
      gboolean done = FALSE;

      pb_period_bounds (c->kind, c->year, c->number, NULL, &label);
      for (guint j = 0; j < g_list_model_get_n_items (closed); j++)
        {
          g_autoptr(PbRecord) p = g_list_model_get_item (closed, j);
          done |= g_strcmp0 (pb_record_get_string (p, "label"), label) == 0;
        }
      if (done)
        {
          g_autofree char *with = g_strdup_printf (_("%s (closed)"), title);
          gtk_string_list_append (titles, with);
          if (newest_closed == GTK_INVALID_LIST_POSITION)
            newest_closed = i;
        }
      else
        {
          gtk_string_list_append (titles, title);
          /* Offer the last period that has ended and is not closed, if
           * it is after the last one closed (the choices run newest
           * first): never September once October is closed. */
          if (first_open == GTK_INVALID_LIST_POSITION && newest_closed == GTK_INVALID_LIST_POSITION && c->ended)
            first_open = i;
        }
    }
  /* None ended since: the one after the last closed, under way (it can
   * be closed on its last day); none after it: the last closed, which
   * says it is closed. */
  if (first_open == GTK_INVALID_LIST_POSITION && newest_closed != GTK_INVALID_LIST_POSITION)
    first_open = newest_closed > 0 ? newest_closed - 1 : newest_closed;

  g_object_set_data_full (G_OBJECT (d->rows[1]), "choices", g_array_ref (choices), (GDestroyNotify) g_array_unref);
  adw_combo_row_set_model (ADW_COMBO_ROW (d->rows[1]), G_LIST_MODEL (titles));
  if (choices->len > 0)
    adw_combo_row_set_selected (ADW_COMBO_ROW (d->rows[1]), first_open == GTK_INVALID_LIST_POSITION
                                                           ? MIN (1, choices->len - 1) : first_open);

  gtk_widget_set_visible (d->rows[1], choices->len > 0);
  gtk_widget_set_visible (d->rows[2], choices->len == 0);
  gtk_widget_set_sensitive (d->primary, choices->len > 0);
  if (choices->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("Nothing can be closed yet: the plan’s period begins in %d."), start);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[2]), text);
    }
}

/* The heading asks about the period chosen ("Close 2026 Q3?"); the
 * button says what it does ("Close Period"), as the GNOME HIG has it. */
static void
update_period_heading (Dialog *d)
{
  GArray *choices = g_object_get_data (G_OBJECT (d->rows[1]), "choices");
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[1]));
  GtkRoot *window = gtk_widget_get_root (d->rows[1]);
  g_autofree char *period = NULL;
  g_autofree char *heading = NULL;
  guint unknown = 0;

  /* Items the library cannot know as they stood at the period's end
   * (their history, the library's or the one a plan file brought, begins
   * after it): said, with how many and from when. */
  if (d->rows[3] != NULL && choices != NULL && i < choices->len)
    {
      PbPeriodChoice *c = &g_array_index (choices, PbPeriodChoice, i);
      g_autofree char *since = NULL;

      unknown = pb_store_count_items_unknown_at_end (d->store, pb_record_get_id (PB_RECORD (d->plan)),
                                                     c->kind, c->year, c->number, &since);
      if (unknown > 0)
        {
          GDate day;
          g_autofree char *shown = since && pb_date_parse (since, &day) ? pb_format_date (&day) : g_strdup (since);
          g_autofree char *text =
            /* Translators: %1$u is a number of items (goals, tasks and
             * measures: closing keeps every item's status), %2$s a date */
            g_strdup_printf (ngettext ("Status and progress have been recorded only since %2$s: for %1$u item, the status and progress at the period’s end cannot be known, so it is kept as it stood on that day.",
                                       "Status and progress have been recorded only since %2$s: for %1$u items, the status and progress at the period’s end cannot be known, so they are kept as they stood on that day.",
                                       unknown),
                             unknown, shown ? shown : "");

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[3]), text);
        }
    }
  if (d->rows[3] != NULL)
    gtk_widget_set_visible (d->rows[3], unknown > 0);

  if (!GTK_IS_WINDOW (window))
    return;
  if (choices == NULL || i >= choices->len)
    {
      gtk_window_set_title (GTK_WINDOW (window), _("Close a Period?"));
      return;
    }
  period = period_title (&g_array_index (choices, PbPeriodChoice, i));
  /* Translators: the Close Period dialog's heading; %s is a month or a
   * quarter, as "October 2026" or "2026 Q3" */
  heading = g_strdup_printf (_("Close %s?"), period);
  gtk_window_set_title (GTK_WINDOW (window), heading);
}

static gboolean
commit_period (GtkWindow  *window,
               GError    **error)
{
  Dialog *d = get_dialog (window);
  GArray *choices = g_object_get_data (G_OBJECT (d->rows[1]), "choices");
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[1]));
  PbPeriodChoice *c;

  if (choices == NULL || i >= choices->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose a period to close."));
      return FALSE;
    }
  c = &g_array_index (choices, PbPeriodChoice, i);
  return pb_store_close_period (d->store, pb_record_get_id (PB_RECORD (d->plan)), c->kind, c->year, c->number, error) > 0;
}

/**
 * pb_close_period_dialog_new:
 * @parent: the widget it is for
 * @store: the store
 * @plan: the plan
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_close_period_dialog_new (GtkWidget *parent,
                            PbStore   *store,
                            PbPlan    *plan)
{
  GtkWidget *group;
  GtkWindow *window;
  Dialog *d;
  const char *kinds[] = { _("Month"), _("Quarter"), NULL };

  window = dialog_new (parent, store, _("Close Period"), _("C_lose Period"),
                       _("Keeps every indicator’s latest actual and every item’s status and health as they stood at the period’s end, so the next bulletin can show what changed since."),
                       commit_period, &group);
  d = get_dialog (window);
  d->plan = g_object_ref (plan);
  d->done_text = g_strdup (_("Period closed"));

  d->rows[0] = adw_combo_row_new ();
  gtk_widget_set_name (d->rows[0], "kind");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[0]), _("Reporting Cycle"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->rows[0]), G_LIST_MODEL (gtk_string_list_new (kinds)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[0]);

  d->rows[1] = adw_combo_row_new ();
  gtk_widget_set_name (d->rows[1], "period");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[1]), C_("reporting period", "Period"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[1]);
  g_signal_connect_swapped (d->rows[1], "notify::selected", G_CALLBACK (update_period_heading), d);

  /* Said instead of the periods when there is none to close. */
  d->rows[2] = adw_action_row_new ();
  gtk_widget_set_name (d->rows[2], "no-period");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (d->rows[2]), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (d->rows[2]), gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[2]);

  /* Said when some item cannot be known as it stood at the end. */
  d->rows[3] = adw_action_row_new ();
  gtk_widget_set_name (d->rows[3], "unknown-at-end");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (d->rows[3]), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (d->rows[3]), gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  gtk_widget_set_visible (d->rows[3], FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[3]);
  fill_periods (d);
  g_signal_connect_swapped (d->rows[0], "notify::selected", G_CALLBACK (fill_periods), d);
  update_period_heading (d);

  gtk_window_present (window);
  return window;
}

/* ---- Merge and rename organisations ------------------------------------------ */

static gboolean
commit_merge (GtkWindow  *window,
              GError    **error)
{
  Dialog *d = get_dialog (window);
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[0]));
  g_autoptr(PbOrganisation) other = NULL;

  if (i == GTK_INVALID_LIST_POSITION || (other = g_list_model_get_item (d->choices, i)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose the organisation to merge with."));
      return FALSE;
    }

  /* The one chosen to keep its name stays; the other becomes its alias. */
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[1])) == 0)
    return pb_store_merge_organisations (d->store, pb_record_get_id (PB_RECORD (d->organisation)),
                                         pb_record_get_id (PB_RECORD (other)), error);
  return pb_store_merge_organisations (d->store, pb_record_get_id (PB_RECORD (other)),
                                       pb_record_get_id (PB_RECORD (d->organisation)), error);
}

static void
update_merge_names (Dialog *d)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[0]));
  g_autoptr(PbOrganisation) other = i != GTK_INVALID_LIST_POSITION ? g_list_model_get_item (d->choices, i) : NULL;
  const char *names[3] = { pb_organisation_get_name (d->organisation),
                           other ? pb_organisation_get_name (other) : "—", NULL };
  guint keep = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[1]));

  adw_combo_row_set_model (ADW_COMBO_ROW (d->rows[1]), G_LIST_MODEL (gtk_string_list_new (names)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (d->rows[1]), keep == 1 ? 1 : 0);
}

/**
 * pb_merge_dialog_new:
 * @parent: the widget it is for
 * @store: the store
 * @organisation: one of the two
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_merge_dialog_new (GtkWidget      *parent,
                     PbStore        *store,
                     PbOrganisation *organisation)
{
  g_autoptr(GListModel) orgs = pb_store_list_organisations (store, pb_record_get_int (PB_RECORD (organisation), "plan_id"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListStore *others = g_list_store_new (PB_TYPE_ORGANISATION);
  g_autofree char *title = g_strdup_printf (_("Merge “%s”"), pb_organisation_get_name (organisation));
  GtkWidget *group;
  GtkWindow *window;
  Dialog *d;

  window = dialog_new (parent, store, title, _("_Merge"),
                       _("For two names of one organisation (市经信局 and 市经济和信息化局): its tasks, notes and aliases join the name kept, and the other name becomes an alias, found on import."),
                       commit_merge, &group);
  d = get_dialog (window);
  d->organisation = g_object_ref (organisation);
  d->done_text = g_strdup (_("Organisations merged"));
  d->done_destructive = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(PbOrganisation) o = g_list_model_get_item (orgs, i);

      if (pb_record_get_id (PB_RECORD (o)) == pb_record_get_id (PB_RECORD (organisation)))
        continue;
      g_list_store_append (others, o);
      gtk_string_list_append (names, pb_organisation_get_name (o));
    }
  d->choices = G_LIST_MODEL (others);

  d->rows[0] = adw_combo_row_new ();
  gtk_widget_set_name (d->rows[0], "other");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[0]), _("Same Organisation As"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->rows[0]), G_LIST_MODEL (names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[0]);

  d->rows[1] = adw_combo_row_new ();
  gtk_widget_set_name (d->rows[1], "keep");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[1]), _("Name to Keep"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[1]);
  update_merge_names (d);
  g_signal_connect_swapped (d->rows[0], "notify::selected", G_CALLBACK (update_merge_names), d);

  gtk_window_present (window);
  return window;
}

static gboolean
commit_rename (GtkWindow  *window,
               GError    **error)
{
  Dialog *d = get_dialog (window);

  return pb_store_rename_organisation (d->store, pb_record_get_id (PB_RECORD (d->organisation)),
                                       gtk_editable_get_text (GTK_EDITABLE (d->rows[0])), error);
}

/**
 * pb_rename_dialog_new:
 * @parent: the widget it is for
 * @store: the store
 * @organisation: the organisation
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_rename_dialog_new (GtkWidget      *parent,
                      PbStore        *store,
                      PbOrganisation *organisation)
{
  GtkWidget *group;
  GtkWindow *window;
  Dialog *d;

  window = dialog_new (parent, store, _("Rename Organisation"), _("_Rename"),
                       _("The old name stays as an alias, so documents that use it still find the organisation."),
                       commit_rename, &group);
  d = get_dialog (window);
  d->organisation = g_object_ref (organisation);
  d->done_text = g_strdup (_("Organisation renamed"));
  d->rows[0] = add_entry_row (group, "name", _("Name"), pb_organisation_get_name (organisation));

  gtk_window_present (window);
  gtk_widget_grab_focus (d->rows[0]);
  return window;
}

/* ---- Rename an indicator ------------------------------------------------------- */

static gboolean
commit_rename_indicator (GtkWindow  *window,
                         GError    **error)
{
  Dialog *d = get_dialog (window);

  return pb_store_rename_indicator (d->store, d->indicator,
                                    gtk_editable_get_text (GTK_EDITABLE (d->rows[0])),
                                    gtk_editable_get_text (GTK_EDITABLE (d->rows[1])), error);
}

/**
 * pb_rename_indicator_dialog_new:
 * @parent: the widget it is for
 * @store: the store
 * @indicator: the indicator
 *
 * Its name and unit, as one "Rename Indicator" command: for a name the
 * importer took wrongly ("国控" for 国控、省控断面水质自动监测站).
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_rename_indicator_dialog_new (GtkWidget   *parent,
                                PbStore     *store,
                                PbIndicator *indicator)
{
  GtkWidget *group;
  GtkWindow *window;
  Dialog *d;

  window = dialog_new (parent, store, _("Rename Indicator"), _("_Rename"),
                       _("Its targets and actuals stay as they are: a changed unit is a label corrected, not a conversion."),
                       commit_rename_indicator, &group);
  d = get_dialog (window);
  d->indicator = g_object_ref (indicator);
  d->done_text = g_strdup (_("Indicator renamed"));
  d->rows[0] = add_entry_row (group, "name", _("Name"), pb_indicator_get_name (indicator));
  d->rows[1] = add_entry_row (group, "unit", _("Unit"), pb_indicator_get_measure_unit (indicator));

  gtk_window_present (window);
  gtk_widget_grab_focus (d->rows[0]);
  return window;
}

/* ---- Merge two indicators ------------------------------------------------------ */

/* An item as the merge dialog names it: its number, or a goal's title. */
static char *
item_refs (PbStore *store,
           gint64   indicator_id)
{
  g_autoptr(GListModel) items = pb_store_list_indicator_items (store, indicator_id);
  g_autoptr(GString) refs = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      const char *number = pb_item_get_number (item);

      if (refs->len)
        g_string_append (refs, C_("list separator", ", "));
      g_string_append (refs, number && *number ? number : pb_item_get_title (item));
    }
  return g_string_free (g_steal_pointer (&refs), FALSE);
}

/* How likely @other is the same quantity as @k, by name: the same name
 * 2, a name within the other's 1 (5G基站 in 新建5G基站), else 0. Whether
 * they can be one is the store's to say (pb_store_dup_merge_conflict()). */
static int
likeness (PbIndicator *k,
          PbIndicator *other)
{
  g_autofree char *a = pb_fold_name_key (pb_indicator_get_name (k));
  g_autofree char *b = pb_fold_name_key (pb_indicator_get_name (other));

  if (g_str_equal (a, b))
    return 2;
  return strstr (a, b) || strstr (b, a) ? 1 : 0;
}

static PbIndicator *
merge_choice (Dialog *d)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (d->rows[0]));

  return i == GTK_INVALID_LIST_POSITION ? NULL : g_list_model_get_item (d->choices, i);
}

/* What the merge will do, in words, for the indicator chosen; or, when
 * the two cannot be one, why not, and Merge cannot be pressed. */
static void
update_merge_summary (Dialog *d)
{
  g_autoptr(PbIndicator) other = merge_choice (d);
  gint64 id = pb_record_get_id (PB_RECORD (d->indicator));
  guint n_targets = pb_store_count (d->store, PB_TYPE_TARGET, "indicator_id", id);
  guint n_actuals = pb_store_count (d->store, PB_TYPE_ACTUAL, "indicator_id", id);
  g_autofree char *targets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target", "%u targets", n_targets), n_targets);
  g_autofree char *actuals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u actual", "%u actuals", n_actuals), n_actuals);
  g_autofree char *items = item_refs (d->store, id);
  g_autofree char *text = NULL;
  g_autofree char *conflict = NULL;
  const char *name = pb_indicator_get_name (d->indicator);
  GtkWidget *summary = d->rows[1];

  /* A refusal said after an earlier press no longer applies. */
  gtk_widget_set_visible (GTK_WIDGET (d->error), FALSE);
  gtk_widget_remove_css_class (summary, "error");
  if (other == NULL)
    {
      gtk_label_set_text (GTK_LABEL (summary), "");
      gtk_widget_set_sensitive (d->primary, FALSE);
      return;
    }
  conflict = pb_store_dup_merge_conflict (d->store, pb_record_get_id (PB_RECORD (other)), id);
  gtk_widget_set_sensitive (d->primary, conflict == NULL);
  if (conflict != NULL)
    {
      gtk_label_set_text (GTK_LABEL (summary), conflict);
      gtk_widget_add_css_class (summary, "error");
      return;
    }
  /* Translators: what merging two indicators does: the indicator merged,
   * the one it joins, its targets and actuals ("3 targets", "2 actuals"),
   * the items it serves ("3, 主要目标"), the one it joins, the one merged */
  text = g_strdup_printf (_("“%s” joins “%s”: its %s and %s move there and are kept, "
                            "the items it serves (%s) then serve “%s”, and “%s” is removed. "
                            "Undo restores it."),
                          name, pb_indicator_get_name (other), targets, actuals,
                          *items ? items : _("none"), pb_indicator_get_name (other), name);
  gtk_label_set_text (GTK_LABEL (summary), text);
}

static gboolean
commit_indicator_merge (GtkWindow  *window,
                        GError    **error)
{
  Dialog *d = get_dialog (window);
  g_autoptr(PbIndicator) other = merge_choice (d);
  gint64 keep;

  if (other == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose the indicator to merge into."));
      return FALSE;
    }
  keep = pb_record_get_id (PB_RECORD (other));
  if (!pb_store_merge_indicators (d->store, keep, pb_record_get_id (PB_RECORD (d->indicator)), error))
    return FALSE;
  /* The toast says what was done, as the Undo button will. */
  g_free (d->done_text);
  d->done_text = g_strdup (pb_store_get_undo_label (d->store));
  g_object_set_data (G_OBJECT (window), "pb-kept-id", GSIZE_TO_POINTER ((gsize) keep));
  return TRUE;
}

/**
 * pb_indicator_merge_dialog_new:
 * @parent: the widget it is for
 * @store: the store
 * @indicator: the indicator to merge into another of its plan
 *
 * The other indicators of the plan, those it can be merged into first,
 * the likeliest first, and what the merge does; Merge makes it one
 * undoable command. For one it cannot be merged into (two different
 * quantities) the dialog says why as soon as it is chosen, and Merge
 * cannot be pressed.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_indicator_merge_dialog_new (GtkWidget   *parent,
                               PbStore     *store,
                               PbIndicator *indicator)
{
  g_autoptr(GListModel) all = pb_store_list_indicators (store, pb_record_get_int (PB_RECORD (indicator), "plan_id"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *others = g_list_store_new (PB_TYPE_INDICATOR);
  /* Translators: a dialog's title: the indicator to merge into another */
  g_autofree char *title = g_strdup_printf (_("Merge “%s”"), pb_indicator_get_name (indicator));
  GtkWidget *group, *summary;
  GtkWindow *window;
  Dialog *d;

  window = dialog_new (parent, store, title, _("_Merge"),
                       _("For one quantity the plan states twice (a goal’s 新建5G基站 and a task’s 5G基站): they become one indicator, so an actual recorded once counts for every item."),
                       commit_indicator_merge, &group);
  d = get_dialog (window);
  d->indicator = g_object_ref (indicator);

  /* Of those named alike, the ones it can be merged into first, the
   * likeliest first, then the ones it cannot (chosen, they say why); then
   * the unrelated names, never proposed ahead of a likely one: 5G基站
   * could join 新增公共充电桩, but that is no quantity it states twice. */
  {
    gint64 id = pb_record_get_id (PB_RECORD (indicator));
    guint n = g_list_model_get_n_items (all);
    g_autofree int *scores = g_new0 (int, n);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PbIndicator) k = g_list_model_get_item (all, i);
        gint64 k_id = pb_record_get_id (PB_RECORD (k));
        g_autofree char *conflict = NULL;
        int like;

        if (k_id == id)
          {
            scores[i] = -1;
            continue;
          }
        conflict = pb_store_dup_merge_conflict (store, k_id, id);
        like = likeness (indicator, k);
        scores[i] = like > 0 ? (conflict == NULL ? 4 : 2) + like : conflict == NULL ? 1 : 0;
      }
    for (int score = 6; score >= 0; score--)
      for (guint i = 0; i < n; i++)
        if (scores[i] == score)
          g_ptr_array_add (ranked, g_list_model_get_item (all, i));
  }
  for (guint i = 0; i < ranked->len; i++)
    {
      PbIndicator *k = g_ptr_array_index (ranked, i);
      g_autofree char *items = item_refs (store, pb_record_get_id (PB_RECORD (k)));
      const char *unit = pb_indicator_get_measure_unit (k);
      g_autoptr(GString) label = g_string_new (pb_indicator_get_name (k));

      if (unit && *unit)
        g_string_append_printf (label, " · %s", unit);
      if (*items)
        g_string_append_printf (label, " · %s", items);
      g_list_store_append (others, k);
      gtk_string_list_append (names, label->str);
    }
  d->choices = G_LIST_MODEL (others);

  d->rows[0] = adw_combo_row_new ();
  gtk_widget_set_name (d->rows[0], "other");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->rows[0]), _("Merge Into"));
  adw_combo_row_set_model (ADW_COMBO_ROW (d->rows[0]), G_LIST_MODEL (names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), d->rows[0]);

  summary = gtk_label_new (NULL);
  gtk_widget_set_name (summary, "summary");
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_set_margin_top (summary, 12);
  d->rows[1] = summary;
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), summary);
  /* Merge is pressable only for a merge the store would make. */
  update_merge_summary (d);
  g_signal_connect_swapped (d->rows[0], "notify::selected", G_CALLBACK (update_merge_summary), d);

  gtk_window_present (window);
  return window;
}
