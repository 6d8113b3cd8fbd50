/* test-props-window.c — Plan Properties' period question and the item
 * editor's Add Target, in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb: the window on a library with the example plan (2025—2027),
 * driven through its dialogs and the editor's widgets, asserting on the
 * store after each command, its undo and its redo.
 */
#include "config.h"

#include <string.h>

#include "pb-board-view.h"
#include "pb-health.h"
#include "pb-item-editor.h"
#include "pb-plan-properties.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-ui-util.h"

static PbTestApp t;

#define spin pb_test_spin

static void
act (const char *action,
     GVariant   *target)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (t.window), action, target));
  spin ();
}

/* The visible label under @root whose text contains @text. */
static GtkWidget *
label_showing (GtkWidget  *root,
               const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  pb_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *l = g_ptr_array_index (labels, i);

      if (gtk_widget_get_mapped (l) && strstr (gtk_label_get_text (GTK_LABEL (l)), text))
        return l;
    }
  return NULL;
}

static gint64
sql_int (const char *query)
{
  return pb_test_sql_int (pb_store_get_path (t.store), query);
}

/* Targets of the plan outside @first—@last, one per indicator, year and
 * firmness, counted straight from the database. */
static gint64
targets_outside (int first,
                 int last)
{
  g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM (SELECT DISTINCT indicator_id, year, stretch FROM target"
                                            " WHERE year < %d OR year > %d)", first, last);
  return sql_int (query);
}

/* Set the period in an open Plan Properties and press Save. */
static GtkWidget *
properties_with_period (int first,
                        int last)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *dialog;

  act ("win.plan-properties", NULL);
  dialog = pb_test_toplevel_of_type (PB_TYPE_PLAN_PROPERTIES);
  g_assert_nonnull (dialog);
  pb_test_collect (dialog, GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 2);
  /* The last year first: 2027 as a first year never stands after it. */
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), last);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), first);
  spin ();
  return dialog;
}

static void
show_page (GtkWidget  *view,
           const char *name)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK)), name);
  while (!gtk_widget_get_mapped (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  spin ();
}

static void
respond (const char *response)
{
  GtkWidget *question = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (question);
  /* It goes with the Plan Properties window it belongs to. */
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), response);
  if (question)
    gtk_window_destroy (GTK_WINDOW (question));
  spin ();
}

/* Whether the Indicators page has a year column titled @title. */
static gboolean
indicators_have_column (const char *title)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GListModel *columns;

  pb_test_collect (pb_window_get_indicators (t.window), GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, >, 0);
  columns = gtk_column_view_get_columns (g_ptr_array_index (views, 0));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (c), title) == 0)
        return TRUE;
    }
  return FALSE;
}

/* 2025—2027 to 2027—2028: before anything is saved the dialog says how many
 * targets the new period leaves out and that they are kept; the question
 * says it again; Keep Dates changes the period and keeps every target,
 * shown as outside the period; undo and redo take it as one command. */
static void
test_period_targets (void)
{
  PbPlan *plan = pb_window_get_plan (t.window);
  g_autofree char *before = pb_test_dump_store (t.store);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *says = NULL;
  gint64 n_targets = sql_int ("SELECT count(*) FROM target");
  gint64 n_out = targets_outside (2027, 2028);
  GtkWidget *dialog, *warning, *question;

  g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2025);
  /* The example plan has targets for 2025 and 2026. */
  g_assert_cmpint (n_out, >=, 3);
  g_assert_cmpint (targets_outside (2025, 2027), ==, 0);
  g_assert_cmpuint (pb_store_count_targets_outside (t.store, plan, 2027, 2028), ==, n_out);
  says = g_strdup_printf ("%" G_GINT64_FORMAT " targets lie outside 2027—2028.", n_out);

  /* The period as it is: nothing to say. */
  act ("win.plan-properties", NULL);
  dialog = pb_test_toplevel_of_type (PB_TYPE_PLAN_PROPERTIES);
  g_assert_null (label_showing (dialog, "lie outside"));
  gtk_window_close (GTK_WINDOW (dialog));
  spin ();

  dialog = properties_with_period (2027, 2028);
  /* Said under the period as the years are chosen. */
  warning = label_showing (dialog, says);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "They are kept, and shown as outside the period"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "nothing is deleted"));
  /* Back to the plan's own period: the warning goes. */
  {
    g_autoptr(GPtrArray) spins = g_ptr_array_new ();

    pb_test_collect (dialog, GTK_TYPE_SPIN_BUTTON, spins);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 2025);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 2027);
    spin ();
    g_assert_false (gtk_widget_get_visible (warning));
    gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 2028);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 2027);
    spin ();
    g_assert_true (gtk_widget_get_visible (warning));
  }

  gtk_widget_activate_action (dialog, "plan-properties.save", NULL);
  spin ();
  /* The question: the items on the old dates, then the targets. */
  question = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  {
    guint n = pb_store_count_default_dated_items (t.store, plan);
    g_autofree char *heading = g_strdup_printf ("Move %u Items to the New Period?", n);
    const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question));
    g_autofree char *now = pb_test_dump_store (t.store);

    g_assert_cmpuint (n, >, 1);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, heading);
    g_assert_nonnull (strstr (body, "items start on the first day of 2025—2027"));
    g_assert_nonnull (strstr (body, says));
    g_assert_nonnull (strstr (body, "They are kept, and shown as outside the period; nothing is deleted."));
    /* Nothing is saved while it asks. */
    g_assert_cmpstr (now, ==, before);
  }

  /* Cancel: nothing changes, the dialog stays to be corrected. */
  respond ("cancel");
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (gtk_widget_get_visible (dialog));
  gtk_widget_activate_action (dialog, "plan-properties.save", NULL);
  spin ();

  /* Keep Dates: the period changes; every target stays. */
  respond ("keep");
  g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2027);
  g_assert_cmpint (pb_plan_get_period_end (plan), ==, 2028);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM target"), ==, n_targets);
  g_assert_cmpint (targets_outside (2027, 2028), ==, n_out);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM item WHERE start_date = '2025-01-01'"), >, 0);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Plan Properties");
  /* Shown as outside the period on the Indicators page. */
  show_page (pb_window_get_indicators (t.window), "indicators");
  g_assert_true (indicators_have_column ("2025 (outside)"));
  g_assert_true (indicators_have_column ("2026 (outside)"));
  g_assert_true (indicators_have_column ("2027"));

  /* One command: undo takes all of it back, redo all of it again. */
  after = pb_test_dump_store (t.store);
  act ("win.undo", NULL);
  undone = pb_test_dump_store (t.store);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2025);
  spin ();
  g_assert_false (indicators_have_column ("2025 (outside)"));
  g_assert_true (indicators_have_column ("2025"));
  act ("win.redo", NULL);
  redone = pb_test_dump_store (t.store);
  g_assert_cmpstr (redone, ==, after);
  act ("win.undo", NULL);

  /* Move Items: the items go with the period, the targets stay. */
  dialog = properties_with_period (2027, 2028);
  gtk_widget_activate_action (dialog, "plan-properties.save", NULL);
  spin ();
  respond ("move");
  g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2027);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM item WHERE start_date = '2025-01-01'"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM target"), ==, n_targets);
  g_assert_cmpint (targets_outside (2027, 2028), ==, n_out);
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  show_page (pb_window_get_board (t.window), "board");
}

/* ---- Add Target --------------------------------------------------------- */

/* The expander of indicator @name in the open editor. */
static GtkWidget *
indicator_expander (const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  pb_test_collect (pb_window_get_editor (t.window), ADW_TYPE_EXPANDER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      gint64 *id = g_object_get_data (G_OBJECT (row), "indicator-id");
      g_autoptr(PbIndicator) k = id ? pb_store_get_record (t.store, PB_TYPE_INDICATOR, *id) : NULL;

      if (k && g_str_equal (pb_indicator_get_name (k), name))
        return row;
    }
  return NULL;
}

static GtkWidget *
add_target_button (GtkWidget *expander)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  pb_test_collect (expander, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "Add Target") == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* The new target's row under @expander, or NULL. */
static GtkWidget *
draft_row (GtkWidget *expander)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  pb_test_collect (expander, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (G_OBJECT (g_ptr_array_index (rows, i)), "draft-value"))
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The value entry of the stored target for @year under @expander. */
static GtkWidget *
target_entry (GtkWidget  *expander,
              int         year,
              const char *column)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  pb_test_collect (expander, GTK_TYPE_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *e = g_ptr_array_index (entries, i);
      PbRecord *r = g_object_get_data (G_OBJECT (e), "record");

      if (r && PB_IS_TARGET (r) && pb_target_get_year (PB_TARGET (r)) == year &&
          g_strcmp0 (g_object_get_data (G_OBJECT (e), "column"), column) == 0)
        return e;
    }
  return NULL;
}

/* Whether the keyboard is in @widget (or an entry's text inside it). */
static gboolean
has_keyboard (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (t.window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
press_return (GtkWidget *entry,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  spin ();
}

static gint64
firm_targets (gint64 k,
              int    year)
{
  g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM target WHERE indicator_id = %" G_GINT64_FORMAT
                                        " AND year = %d AND NOT stretch", k, year);
  return sql_int (q);
}

/* Review finding 8: Add Target on 5G基站 (a 2027 target; the plan runs
 * 2025—2027) opens a row for 2025 with its value to type and stores
 * nothing, so the item's health stays as it was; Return with no value
 * asks for one; Return with a value adds the target as one command and
 * keeps the editor open, the indicator expanded, the keyboard on Add
 * Target; a second target for a year and firmness is refused with the
 * reason, as is a year outside the period; with every year taken, no
 * row opens. Return in a stored target's value saves it and stays
 * there. */
static void
test_add_target (void)
{
  PbItemEditor *editor = PB_ITEM_EDITOR (pb_window_get_editor (t.window));
  g_autoptr(PbItem) a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  g_autofree char *before = NULL;
  g_autofree char *added = NULL;
  GtkWidget *expander, *add, *draft, *year, *value;
  PbHealth health;
  GDate today;
  gint64 k;

  pb_date_today (&today);
  pb_window_open_editor (t.window, a);
  spin ();
  expander = indicator_expander ("5G基站");
  g_assert_nonnull (expander);
  k = *(gint64 *) g_object_get_data (G_OBJECT (expander), "indicator-id");
  g_assert_cmpint (firm_targets (k, 2027), >=, 1);
  g_assert_cmpint (firm_targets (k, 2025), ==, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  spin ();
  health = pb_store_get_item_health (t.store, a, &today, NULL);
  before = pb_test_dump_store (t.store);

  /* A row for 2025, waiting for its value: nothing stored, no red. */
  add = add_target_button (expander);
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  spin ();
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpint (pb_store_get_item_health (t.store, a, &today, NULL), ==, health);
  expander = indicator_expander ("5G基站");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  draft = draft_row (expander);
  g_assert_nonnull (draft);
  year = g_object_get_data (G_OBJECT (draft), "draft-year");
  value = g_object_get_data (G_OBJECT (draft), "draft-value");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, "2025");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "");
  g_assert_true (has_keyboard (value));

  /* Return with no value: it asks for one, stores nothing. */
  press_return (value, "");
  g_assert_true (gtk_widget_has_css_class (value, "error"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (value), "Type the target’s value"));
  g_assert_true (draft_row (indicator_expander ("5G基站")) == draft);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  /* Return with a value: added, the editor open on the item, the
   * indicator still open, the keyboard on Add Target. */
  press_return (value, "3000");
  g_assert_cmpint (firm_targets (k, 2025), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM target WHERE year = 2025 AND value = 3000 AND comparator = '>='"), >=, 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");
  g_assert_true (pb_item_editor_get_item (editor) == a);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  expander = indicator_expander ("5G基站");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  g_assert_null (draft_row (expander));
  g_assert_nonnull (target_entry (expander, 2025, "value"));
  g_assert_true (has_keyboard (add_target_button (expander)));
  added = pb_test_dump_store (t.store);
  /* One command. */
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  act ("win.redo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, added);
  }

  /* Next: 2026 proposed. A second firm target for 2025 is refused with
   * the reason beside the year; so is a year outside the period. */
  expander = indicator_expander ("5G基站");
  g_signal_emit_by_name (add_target_button (expander), "clicked");
  spin ();
  draft = draft_row (indicator_expander ("5G基站"));
  g_assert_nonnull (draft);
  year = g_object_get_data (G_OBJECT (draft), "draft-year");
  value = g_object_get_data (G_OBJECT (draft), "draft-value");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, "2026");
  gtk_editable_set_text (GTK_EDITABLE (year), "2025");
  press_return (value, "5000");
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (year), ==, "The indicator has a target for 2025 already.");
  g_assert_cmpint (firm_targets (k, 2025), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (year), "2030");
  press_return (value, "5000");
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (year), ==, "A target’s year lies within the plan’s period, 2025—2027.");
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, added);
  }
  /* 2026 with a comparator typed: added. */
  gtk_editable_set_text (GTK_EDITABLE (year), "2026");
  press_return (value, "≤4000");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM target WHERE year = 2026 AND value = 4000 AND comparator = '<='"), >=, 1);

  /* Every year of 2025—2027 has a firm target: what is left to state is
   * the plan's 力争 figures, so the row proposes a stretch target for
   * 2025, added as one command beside the firm one. */
  {
    g_autofree char *firm = pb_test_dump_store (t.store);
    GtkToggleButton *stretch;

    expander = indicator_expander ("5G基站");
    g_signal_emit_by_name (add_target_button (expander), "clicked");
    spin ();
    draft = draft_row (indicator_expander ("5G基站"));
    g_assert_nonnull (draft);
    year = g_object_get_data (G_OBJECT (draft), "draft-year");
    value = g_object_get_data (G_OBJECT (draft), "draft-value");
    stretch = g_object_get_data (G_OBJECT (draft), "draft-stretch");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, "2025");
    g_assert_true (gtk_toggle_button_get_active (stretch));
    press_return (value, "6000");
    g_assert_cmpint (firm_targets (k, 2025), ==, 1);
    g_assert_cmpint (sql_int ("SELECT count(*) FROM target WHERE year = 2025 AND value = 6000 AND stretch"), ==, 1);
    g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");
    act ("win.undo", NULL);
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, firm);
    }
  }

  /* Return in a stored target's value: saved, the editor open, the
   * keyboard back in that value. */
  {
    GtkWidget *entry = target_entry (indicator_expander ("5G基站"), 2026, "value");

    g_assert_nonnull (entry);
    gtk_widget_grab_focus (entry);
    press_return (entry, "4500");
    g_assert_cmpint (sql_int ("SELECT count(*) FROM target WHERE year = 2026 AND value = 4500"), >=, 1);
    g_assert_true (pb_item_editor_get_item (editor) == a);
    expander = indicator_expander ("5G基站");
    g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
    entry = target_entry (expander, 2026, "value");
    g_assert_true (has_keyboard (entry));
  }

  /* The new target's row can be let go: nothing stored. */
  {
    g_autofree char *mark = NULL;
    GtkWidget *discard = NULL;
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    act ("win.undo", NULL);
    act ("win.undo", NULL);
    mark = pb_test_dump_store (t.store);
    g_signal_emit_by_name (add_target_button (indicator_expander ("5G基站")), "clicked");
    spin ();
    draft = draft_row (indicator_expander ("5G基站"));
    g_assert_nonnull (draft);
    pb_test_collect (draft, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), "Do not add this target") == 0)
        discard = g_ptr_array_index (buttons, i);
    g_assert_nonnull (discard);
    g_signal_emit_by_name (discard, "clicked");
    spin ();
    g_assert_null (draft_row (indicator_expander ("5G基站")));
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, mark);
    }
  }
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  pb_window_close_editor (t.window);
}

/* ---- A new section on the board ---------------------------------------- */

static GtkWidget *
add_button_for (GtkWidget  *root,
                const char *key)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), "win.add-item-to") == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c));

          if (target && g_strcmp0 (g_variant_get_string (target, NULL), key) == 0 && gtk_widget_get_mapped (c))
            return c;
        }
      if ((found = add_button_for (c, key)))
        return found;
    }
  return NULL;
}

/* A section added after the board's third column (its own column then
 * half beyond the right edge) is brought wholly into view, and says how
 * to fill it; undone, it goes. */
static void
test_new_section_shown (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  g_autofree char *before = pb_test_dump_store (t.store);
  g_autofree char *key = NULL;
  const char *last_key;
  GtkWidget *dialog, *plus = NULL, *column, *scroller, *empty = NULL;
  gint64 last, added;
  graphene_rect_t bounds;

  show_page (GTK_WIDGET (board), "board");
  pb_test_settle_for (300);
  g_assert_cmpint (pb_board_view_get_grouping (board), ==, PB_BOARD_GROUPING_SECTION);
  g_assert_cmpuint (pb_board_view_get_n_columns (board), >, 4);
  last_key = pb_board_view_get_column_key (board, 2);
  g_assert_true (g_str_has_prefix (last_key, "section:"));
  last = g_ascii_strtoll (last_key + 8, NULL, 10);

  act ("win.add-section", g_variant_new_int64 (last));
  dialog = pb_test_toplevel_of_type (PB_TYPE_SECTION_DIALOG);
  g_assert_nonnull (dialog);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    pb_test_collect (dialog, ADW_TYPE_ENTRY_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));

        if (g_str_equal (title, "Number"))
          gtk_editable_set_text (g_ptr_array_index (rows, i), "(四)");
        else if (g_str_equal (title, "Title"))
          gtk_editable_set_text (g_ptr_array_index (rows, i), "建设安全可靠的网络安全基础设施");
      }
  }
  gtk_widget_activate_action (dialog, "section.save", NULL);
  pb_test_settle_for (500);
  added = sql_int ("SELECT id FROM section WHERE title = '建设安全可靠的网络安全基础设施'");
  g_assert_cmpint (added, >, 0);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Section");
  key = g_strdup_printf ("section:%" G_GINT64_FORMAT, added);
  g_assert_cmpstr (pb_board_view_get_column_key (board, 3), ==, key);

  /* In view: its "+" on screen, the column inside the board's width. */
  plus = add_button_for (GTK_WIDGET (board), key);
  g_assert_nonnull (plus);
  column = gtk_widget_get_parent (gtk_widget_get_parent (plus));
  scroller = gtk_widget_get_ancestor (column, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_bounds (column, scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scroller) + 1);
  /* Empty, it says how to fill it. */
  for (GtkWidget *c = gtk_widget_get_first_child (column); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c))
      empty = c;
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_visible (empty));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (empty)), ==, "No items here. Add one with +, or drag a card here.");

  /* An item added with its "+": the hint goes; undone, it comes back. */
  g_signal_emit_by_name (plus, "clicked");
  pb_test_settle_for (300);
  g_assert_false (gtk_widget_get_visible (empty));
  pb_window_close_editor (t.window);
  act ("win.undo", NULL);
  pb_test_settle_for (300);
  g_assert_true (gtk_widget_get_visible (empty));

  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
}

/* Items with no dates (as an import without a period left them) are in
 * the period question too, and Move Items dates them from the new period,
 * in the same one command. */
static void
test_undated_items (void)
{
  PbPlan *plan = pb_window_get_plan (t.window);
  g_autoptr(GListModel) items = pb_store_list_items (t.store, pb_record_get_id (PB_RECORD (plan)));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = pb_test_dump_store (t.store);
  g_autofree char *cleared = NULL;
  GtkWidget *question;
  int start = pb_plan_get_period_start (plan), end = pb_plan_get_period_end (plan);
  guint n;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);

      g_assert_true (pb_store_set_item_dates (t.store, item, "", "", &error));
      g_assert_no_error (error);
    }
  spin ();
  cleared = pb_test_dump_store (t.store);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM item WHERE start_date IS NULL AND due_date IS NULL"), ==, 2);
  g_assert_cmpuint (pb_store_count_undated_items (t.store, plan), ==, 2);
  n = pb_store_count_default_dated_items (t.store, plan);
  g_assert_cmpuint (n, >=, 2);

  properties_with_period (start, end + 1);
  gtk_widget_activate_action (pb_test_toplevel_of_type (PB_TYPE_PLAN_PROPERTIES), "plan-properties.save", NULL);
  spin ();
  question = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  {
    g_autofree char *heading = g_strdup_printf ("Move %u Items to the New Period?", n);

    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, heading);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question)), "no dates"));
    g_assert_true (pb_test_save_shot (question, "plan-properties-undated.png"));
  }
  respond ("move");

  /* Dated from the new period; none left without dates. */
  {
    g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM item WHERE start_date = '%d-01-01' AND due_date = '%d-12-31'",
                                              start, end + 1);

    g_assert_cmpint (sql_int ("SELECT count(*) FROM item WHERE start_date IS NULL OR due_date IS NULL"), ==, 0);
    g_assert_cmpint (sql_int (query), >=, 2);
  }
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Plan Properties");
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, cleared);
  }
  act ("win.undo", NULL);
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
}

/* Changes typed in Plan Properties are not lost to one Escape or Cancel:
 * closing asks; Cancel keeps the dialog and what was typed; Discard
 * closes, the plan unchanged. Nothing typed: it closes at once. */
static void
test_properties_discard (void)
{
  g_autofree char *before = pb_test_dump_store (t.store);
  GtkWidget *dialog, *question;
  AdwEntryRow *doc = NULL;

  act ("win.plan-properties", NULL);
  dialog = pb_test_toplevel_of_type (PB_TYPE_PLAN_PROPERTIES);
  g_assert_nonnull (dialog);
  for (GtkWidget *w = dialog; w; )
    {
      /* Depth first through the dialog for the Document Number row. */
      if (ADW_IS_ENTRY_ROW (w) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "Document Number") == 0)
        {
          doc = ADW_ENTRY_ROW (w);
          break;
        }
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && w != dialog && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w && w != dialog) ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (doc);
  gtk_editable_set_text (GTK_EDITABLE (doc), "云府办发〔2025〕9号");

  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  question = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==, "Discard the Changes?");
  g_assert_true (gtk_widget_get_visible (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  spin ();
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (doc)), ==, "云府办发〔2025〕9号");

  gtk_window_close (GTK_WINDOW (dialog));
  spin ();
  question = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  spin ();
  spin ();
  g_assert_null (pb_test_toplevel_of_type (PB_TYPE_PLAN_PROPERTIES));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  pb_test_app_start (&t);

  g_test_add_func ("/props-window/period-targets", test_period_targets);
  g_test_add_func ("/props-window/add-target", test_add_target);
  g_test_add_func ("/props-window/new-section-shown", test_new_section_shown);
  g_test_add_func ("/props-window/undated-items", test_undated_items);
  g_test_add_func ("/props-window/properties-discard", test_properties_discard);
  status = g_test_run ();

  pb_test_app_stop (&t);
  return status;
}
