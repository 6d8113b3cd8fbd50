/* test-forms-view.c — Collect Progress… and Import Returned Forms… in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, on the example plan: Collect Progress… writes the forms and
 * the Organisations page's tracking table shows them sent; one form is
 * filled by openpyxl (a program that is not ours) and comes back through
 * Import Returned Forms…, whose review lists its changes; Record writes
 * it, the table shows it returned, and undo takes it back.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-format.h"
#include "pb-forms.h"
#include "pb-form-writer.h"
#include "pb-forms-ui.h"
#include "pb-form-writer.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"

static PbTestApp t;

#define spin pb_test_spin

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, out);
}

static GtkWidget *
button_labelled (GtkWidget  *root,
                 const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button %s", label);
}

static char *
status_text (void)
{
  return pb_form_status_view_dup_text (PB_FORM_STATUS_VIEW (pb_window_get_form_status (t.window)));
}

static void
test_round_trip (void)
{
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fill-form.py", NULL);
  g_autofree char *forms = NULL;
  g_autofree char *text = NULL;
  g_autofree char *described = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *spec_path = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *first = NULL;
  g_autoptr(JsonNode) form = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GDir) listing = NULL;
  GtkWindow *dialog, *review;
  const char *indicator = NULL;
  gint64 plan_id = pb_window_get_selected_plan (t.window);
  PbFormPeriod period;
  guint n_forms = 0;
  GDate today;
  char day[11];

  g_assert_cmpint (plan_id, >, 0);
  pb_date_today (&today);
  pb_form_period_for_date (&today, &period);
  /* Dated today: within the period, and never after today (the period's
   * end would be, and is refused: see /forms-view/after-today) */
  pb_date_format (&today, day);

  /* Nothing sent yet */
  text = status_text ();
  g_assert_nonnull (strstr (text, "Reporting Status"));
  g_assert_nonnull (strstr (text, "0 returned · 0 sent, not yet due · 0 late"));
  g_assert_nonnull (strstr (text, "\tNot sent\n"));

  /* Collect Progress…: the dialog, its Choose Folder… response */
  forms = g_build_filename (t.dir, "forms", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.collect-progress", NULL));
  spin ();
  {
    GList *toplevels = gtk_window_list_toplevels ();

    dialog = NULL;
    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Collect Progress");
  g_object_set_data_full (G_OBJECT (dialog), "pb-test-folder", g_strdup (forms), g_free);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  spin ();

  listing = g_dir_open (forms, 0, NULL);
  g_assert_nonnull (listing);
  for (const char *name; (name = g_dir_read_name (listing)); )
    if (g_str_has_suffix (name, ".xlsx"))
      {
        n_forms++;
        if (first == NULL || strcmp (name, first) < 0)
          {
            g_free (first);
            first = g_strdup (name);
          }
      }
  g_assert_cmpuint (n_forms, >, 1);
  g_clear_pointer (&text, g_free);
  text = status_text ();
  {
    g_autofree char *shown = pb_format_period_label (period.label);
    g_assert_nonnull (strstr (text, shown));
  }
  g_assert_null (strstr (text, "\tNot sent\n"));
  {
    g_autofree char *counts = g_strdup_printf ("0 returned · %u sent, not yet due · 0 late · 0 not sent", n_forms);
    g_assert_nonnull (strstr (text, counts));
  }

  /* One form filled by openpyxl: a value on its first indicator */
  {
    g_autofree char *path = g_build_filename (forms, first, NULL);
    JsonArray *form_rows;

    described = pb_test_run_ok (python, script, "--describe", path, NULL);
    form = json_from_string (described, NULL);
    form_rows = json_object_get_array_member (json_node_get_object (form), "rows");
    for (guint i = 0; i < json_array_get_length (form_rows) && indicator == NULL; i++)
      {
        JsonArray *row = json_array_get_array_element (form_rows, i);

        if (!json_node_is_null (json_array_get_element (row, 3)))
          indicator = json_array_get_string_element (row, 3);
      }
    g_assert_nonnull (indicator);
    spec = g_strdup_printf ("[[\"%s\", \"New Value\", \"number\", 4321], [\"%s\", \"As Of\", \"date\", \"%s\"]]",
                            indicator, indicator, day);
    spec_path = g_build_filename (t.dir, "spec.json", NULL);
    g_assert_true (g_file_set_contents (spec_path, spec, -1, NULL));
    filled = g_build_filename (t.dir, first, NULL);
    g_free (pb_test_run_ok (python, script, path, filled, spec_path, NULL));
  }

  /* Import Returned Forms…: the review lists the new value */
  g_ptr_array_add (paths, g_strdup (filled));
  review = pb_window_import_forms (t.window, paths);
  g_assert_nonnull (review);
  spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (review)));
  collect_widgets (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), indicator));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "4,321"));
  /* One way out, Cancel: no window close button beside it. */
  {
    g_autoptr(GPtrArray) controls = g_ptr_array_new ();
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    guint n_cancel = 0;

    collect_widgets (GTK_WIDGET (review), GTK_TYPE_WINDOW_CONTROLS, controls);
    for (guint i = 0; i < controls->len; i++)
      g_assert_true (!gtk_widget_get_mapped (g_ptr_array_index (controls, i)) ||
                     gtk_window_controls_get_empty (g_ptr_array_index (controls, i)));
    collect_widgets (GTK_WIDGET (review), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      n_cancel += gtk_widget_get_mapped (g_ptr_array_index (buttons, i)) &&
                  g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Cancel") == 0;
    g_assert_cmpuint (n_cancel, ==, 1);
  }
  pb_test_save_shot (GTK_WIDGET (review), "forms-review.png");
  g_signal_emit_by_name (button_labelled (GTK_WIDGET (review), "_Record"), "clicked");
  spin ();

  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store),
                                    "SELECT count(*) FROM actual WHERE value = 4321 AND period IS NOT NULL"), ==, 1);
  g_clear_pointer (&text, g_free);
  text = status_text ();
  g_assert_nonnull (strstr (text, "1 returned · "));
  g_assert_nonnull (strstr (text, "\tReturned "));

  /* Undo takes the form back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), "SELECT count(*) FROM actual WHERE value = 4321"), ==, 0);
  g_clear_pointer (&text, g_free);
  text = status_text ();
  g_assert_nonnull (strstr (text, "0 returned · "));
}

/* Issue 14: a value dated after the day the forms are read (a month-end
 * 2026-11-30 typed on 2026-11-28) is shown refused with the reason,
 * unticked and impossible to tick, and is not recorded; the rest of the
 * form is. The review is given its day, never the clock's. */
static void
test_after_today (void)
{
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fill-form.py", NULL);
  g_autofree char *dir = g_build_filename (t.dir, "future-forms", NULL);
  g_autofree char *spec_path = g_build_filename (t.dir, "future-spec.json", NULL);
  g_autofree char *filled = g_build_filename (t.dir, "future-filled.xlsx", NULL);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 plan_id = pb_window_get_selected_plan (t.window);
  GtkWidget *refused = NULL;
  GtkWindow *review;
  const char *db = pb_store_get_path (t.store);
  GDate today;
  guint n_ticked = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 11, 2026);
  paths = pb_forms_collect (t.store, plan_id, "2026-Q4", "2027-01-10", FALSE, dir, &today, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (spec_path,
                                      "[[\"5G基站\", \"New Value\", \"number\", 9100],"
                                      " [\"5G基站\", \"As Of\", \"date\", \"2026-11-30\"],"
                                      " [\"千兆宽带用户\", \"New Value\", \"number\", 400000],"
                                      " [\"千兆宽带用户\", \"As Of\", \"date\", \"2026-11-20\"],"
                                      " [\"item:加快5G网络规模化部署\", \"Note\", \"text\", \"11月底预计达到9100个\"]]",
                                      -1, NULL));
  {
    g_autofree char *form = g_build_filename (dir, "市通信管理办公室.xlsx", NULL);
    g_free (pb_test_run_ok (python, script, form, filled, spec_path, NULL));
  }
  g_ptr_array_set_size (paths, 0);
  g_ptr_array_add (paths, g_strdup (filled));
  review = pb_forms_review_window_new (GTK_WINDOW (t.window), GTK_WIDGET (t.window), t.store, plan_id, paths, &today);
  spin ();
  pb_test_settle_for (300);
  collect_widgets (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) checks = g_ptr_array_new ();

      collect_widgets (row, GTK_TYPE_CHECK_BUTTON, checks);
      g_assert_cmpuint (checks->len, ==, 1);
      if (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), " · 5G基站"))
        {
          GtkWidget *check = g_ptr_array_index (checks, 0);

          refused = row;
          g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                           "(G8). Not recorded: H8: 2026-11-30 is after today."));
          g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
          g_assert_false (gtk_widget_is_sensitive (check));
          /* Activating the row does not tick it either */
          g_signal_emit_by_name (row, "activated");
          g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
        }
      else
        n_ticked += gtk_check_button_get_active (GTK_CHECK_BUTTON (g_ptr_array_index (checks, 0)));
    }
  g_assert_nonnull (refused);
  g_assert_cmpuint (n_ticked, ==, 2);
  pb_test_save_shot (GTK_WIDGET (review), "forms-review-after-today.png");

  /* Recorded: all but the refused value */
  g_assert_cmpuint (pb_forms_review_window_record (review, &error), ==, 1);
  g_assert_no_error (error);
  gtk_window_destroy (review);
  spin ();
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 9100"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 400000 AND date = '2026-11-20'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM note WHERE text = '11月底预计达到9100个'"), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 400000"), ==, 0);
}

/* A plan of 2022–2024, looked at in a later year: the status is for its
 * last quarter, 2024 Q4, not for today's; the view says the plan has
 * ended; Collect Progress… proposes that quarter too. */
static void
test_ended_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *dialog = NULL;
  gint64 plan_id;
  GDate today;

  pb_date_today (&today);
  g_assert_cmpint (g_date_get_year (&today), >, 2024);
  plan_id = pb_store_create_plan (t.store, "云澜市数字乡村建设行动方案(2022—2024年)", 2022, 2024, &error);
  g_assert_no_error (error);
  /* A task with a lead: an organisation to collect progress from (a
   * plan naming none has no reporting status at all). */
  {
    gint64 item = pb_store_add_item (t.store, plan_id, 0, PB_ITEM_KIND_TASK, "1", "推进乡村信息基础设施建设", &error);

    g_assert_no_error (error);
    g_assert_cmpint (pb_store_assign_organisation (t.store, item, "市农业农村局", PB_ROLE_LEAD, &error), >, 0);
    g_assert_no_error (error);
  }
  pb_window_select_plan (t.window, plan_id);
  spin ();
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, plan_id);

  {
    /* As the planner sees it, on the Organisations page. */
    GtkWidget *view = pb_window_get_organisations (t.window);
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK)),
                                           "organisations");
    while (!gtk_widget_get_mapped (view) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    pb_test_settle_for (500);
    pb_test_save_shot (GTK_WIDGET (t.window), "forms-ended-plan.png");
  }
  text = status_text ();
  g_assert_true (g_str_has_prefix (text, "Reporting Status, 2024 Q4\n"));
  g_assert_nonnull (strstr (text, "\nThis plan’s period ended in 2024: no forms are due after it.\n"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.collect-progress", NULL));
  spin ();
  {
    GList *toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "period")), ==, "2024-Q4");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  spin ();
}

static AdwMessageDialog *
open_collect_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  GList *toplevels;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.collect-progress", NULL));
  spin ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  return dialog;
}

static const char *
dialog_text (AdwMessageDialog *dialog,
             const char       *field)
{
  return gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), field));
}

static void
set_dialog_text (AdwMessageDialog *dialog,
                 const char       *field,
                 const char       *text)
{
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), field), text);
  spin ();
}

/* Return By follows the Period while the officer has not set it; once set
 * by hand it stays, and a date before the period's end is refused with
 * the reason under the field. November's forms say December's date. */
static void
test_return_by_follows_period (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *error_row, *due;
  AdwMessageDialog *dialog;
  PbFormPeriod offered, month, later;
  gint64 plan_id = pb_test_sql_int (pb_store_get_path (t.store), "SELECT min(id) FROM plan");
  g_autofree char *month_text = NULL;
  g_autofree char *later_text = NULL;
  g_autofree char *sql = NULL;
  GDate by;
  char by_text[11], end_text[11], hand_text[11];

  pb_window_select_plan (t.window, plan_id);
  spin ();
  dialog = open_collect_dialog ();
  due = g_object_get_data (G_OBJECT (dialog), "due");

  /* The quarter offered, due ten days after its end. */
  g_assert_true (pb_form_period_parse (dialog_text (dialog, "period"), &offered));
  g_assert_cmpint (offered.kind, ==, PB_PERIOD_KIND_QUARTER);
  pb_form_period_default_due (&offered, &by);
  pb_date_format (&by, by_text);
  g_assert_cmpstr (dialog_text (dialog, "due"), ==, by_text);

  /* The quarter's middle month instead: Return By follows it. */
  month_text = g_strdup_printf ("%04d-%02d", offered.year, (offered.number - 1) * 3 + 2);
  g_assert_true (pb_form_period_parse (month_text, &month));
  set_dialog_text (dialog, "period", month_text);
  pb_form_period_default_due (&month, &by);
  pb_date_format (&by, by_text);
  g_assert_cmpstr (dialog_text (dialog, "due"), ==, by_text);
  /* The reason for a refusal, under the field: none so far. */
  error_row = g_object_get_data (G_OBJECT (dialog), "due-error-row");
  g_assert_nonnull (error_row);
  g_assert_false (gtk_widget_get_visible (error_row));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "choose"));

  /* Set by hand: a day after the month's end. The month before keeps it. */
  by = month.end;
  g_date_add_days (&by, 1);
  pb_date_format (&by, hand_text);
  set_dialog_text (dialog, "due", hand_text);
  {
    g_autofree char *first = g_strdup_printf ("%04d-%02d", offered.year, (offered.number - 1) * 3 + 1);

    set_dialog_text (dialog, "period", first);
  }
  g_assert_cmpstr (dialog_text (dialog, "due"), ==, hand_text);
  g_assert_false (gtk_widget_get_visible (error_row));

  /* The quarter's last month ends after it: refused, and said why, under
   * the field; Choose Folder… waits. */
  later_text = g_strdup_printf ("%04d-%02d", offered.year, offered.number * 3);
  g_assert_true (pb_form_period_parse (later_text, &later));
  set_dialog_text (dialog, "period", later_text);
  g_assert_cmpstr (dialog_text (dialog, "due"), ==, hand_text);
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  {
    GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));

    pb_date_format (&later.end, end_text);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "is before"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), end_text));
  }
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "choose"));
  pb_test_settle_for (300);
  pb_test_save_shot (GTK_WIDGET (dialog), "collect-return-by-refused.png");

  /* The core refuses it too (the command line's forms export). */
  g_assert_null (pb_forms_collect (t.store, plan_id, later_text, hand_text, FALSE, t.dir, NULL, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A date after it: accepted again. */
  by = later.end;
  g_date_add_days (&by, 3);
  pb_date_format (&by, hand_text);
  set_dialog_text (dialog, "due", hand_text);
  g_assert_false (gtk_widget_get_visible (error_row));
  g_assert_false (gtk_widget_has_css_class (due, "error"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "choose"));

  /* A date half typed is no fault yet (Choose Folder… waits); said once
   * Enter is pressed in it. */
  gtk_widget_grab_focus (due);
  spin ();
  if (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (dialog))) &&
      gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), due))
    {
      set_dialog_text (dialog, "due", "2027-0");
      g_assert_false (gtk_widget_get_visible (error_row));
      g_assert_false (adw_message_dialog_get_response_enabled (dialog, "choose"));
      g_signal_emit_by_name (due, "entry-activated");
      spin ();
      g_assert_true (gtk_widget_get_visible (error_row));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row)))),
                                "is not a date"));
    }
  else
    g_test_message ("the dialog has no keyboard focus on this display: the half-typed date is not checked");
  adw_message_dialog_response (dialog, "cancel");
  spin ();

  /* Forms for the month, written as the planner would: they are due ten
   * days after the month, not after the quarter. */
  dialog = open_collect_dialog ();
  set_dialog_text (dialog, "period", month_text);
  pb_test_settle_for (300);
  pb_test_save_shot (GTK_WIDGET (dialog), "collect-return-by-month.png");
  {
    g_autofree char *folder = g_build_filename (t.dir, "month-forms", NULL);

    g_object_set_data_full (G_OBJECT (dialog), "pb-test-folder", g_steal_pointer (&folder), g_free);
  }
  adw_message_dialog_response (dialog, "choose");
  spin ();
  pb_form_period_default_due (&month, &by);
  pb_date_format (&by, by_text);
  sql = g_strdup_printf ("SELECT count(*) FROM progress_form WHERE period = '%s' AND due_date = '%s'",
                         month.label, by_text);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql), >, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM progress_form WHERE period = '%s' AND due_date <> '%s'",
                         month.label, by_text);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  pb_test_app_start (&t);
  g_test_add_func ("/forms-view/round-trip", test_round_trip);
  g_test_add_func ("/forms-view/after-today", test_after_today);
  g_test_add_func ("/forms-view/ended-plan", test_ended_plan);
  g_test_add_func ("/forms-view/return-by-follows-period", test_return_by_follows_period);
  rc = g_test_run ();
  pb_test_app_stop (&t);
  return rc;
}
