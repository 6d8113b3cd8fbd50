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
  pb_test_collect (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), indicator));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "4,321"));
  /* One way out, Cancel: no window close button beside it. */
  {
    g_autoptr(GPtrArray) controls = g_ptr_array_new ();
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    guint n_cancel = 0;

    pb_test_collect (GTK_WIDGET (review), GTK_TYPE_WINDOW_CONTROLS, controls);
    for (guint i = 0; i < controls->len; i++)
      g_assert_true (!gtk_widget_get_mapped (g_ptr_array_index (controls, i)) ||
                     gtk_window_controls_get_empty (g_ptr_array_index (controls, i)));
    pb_test_collect (GTK_WIDGET (review), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      n_cancel += gtk_widget_get_mapped (g_ptr_array_index (buttons, i)) &&
                  g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Cancel") == 0;
    g_assert_cmpuint (n_cancel, ==, 1);
  }
  pb_test_save_shot (GTK_WIDGET (review), "forms-review.png");
  g_signal_emit_by_name (pb_test_button_labelled (GTK_WIDGET (review), "_Record"), "clicked");
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
  pb_test_collect (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) checks = g_ptr_array_new ();

      pb_test_collect (row, GTK_TYPE_CHECK_BUTTON, checks);
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

/* Journey 5 (review): 市通信管理办公室's form came back as CSV, saved by
 * LibreOffice, with the locked Target cell E8 edited and a New Value in
 * conflict with the 9,600 recorded since the form went out; the review
 * listed the conflict and nothing about E8. It shows the warning, with
 * the cell, its row, what the form says and what the library holds, above
 * the changes; the target is not changed. */
static void
test_locked_cell (void)
{
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fill-form.py", NULL);
  g_autofree char *dir = g_build_filename (t.dir, "locked-forms", NULL);
  g_autofree char *spec_path = g_build_filename (t.dir, "locked-spec.json", NULL);
  g_autofree char *filled = g_build_filename (t.dir, "locked-filled.xlsx", NULL);
  g_autofree char *lo_dir = g_build_filename (t.dir, "locked-lo", NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/locked-lo-profile", t.dir);
  g_autofree char *csv = g_build_filename (lo_dir, "locked-filled.csv", NULL);
  g_autofree char *number = NULL;
  g_autofree char *held = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 plan_id = pb_window_get_selected_plan (t.window);
  const char *db = pb_store_get_path (t.store);
  g_autofree char *k_sql = g_strdup_printf ("SELECT id FROM indicator WHERE name = '5G基站' AND plan_id = %" G_GINT64_FORMAT,
                                            plan_id);
  gint64 k = pb_test_sql_int (db, k_sql);
  GtkWidget *warning = NULL, *conflict = NULL;
  GtkWindow *review;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 11, 2026);
  paths = pb_forms_collect (t.store, plan_id, "2026-Q4", "2027-01-10", FALSE, dir, &today, &error);
  g_assert_no_error (error);
  /* Recorded after the form went out, dated that day */
  g_assert_cmpint (pb_store_add_actual (t.store, k, "2026-11-28", 9600, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (spec_path,
                                      "[[\"5G基站\", \"Target\", \"text\", \"99,999 (2027)\"],"
                                      " [\"5G基站\", \"New Value\", \"number\", 9700]]",
                                      -1, NULL));
  {
    g_autofree char *form = g_build_filename (dir, "市通信管理办公室.xlsx", NULL);
    g_free (pb_test_run_ok (python, script, form, filled, spec_path, NULL));
  }
  g_free (pb_test_run_ok ("soffice", profile, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                          "--outdir", lo_dir, filled, NULL));
  g_ptr_array_set_size (paths, 0);
  g_ptr_array_add (paths, g_strdup (csv));
  review = pb_forms_review_window_new (GTK_WINDOW (t.window), GTK_WIDGET (t.window), t.store, plan_id, paths, &today);
  spin ();
  pb_test_settle_for (300);

  /* What the library holds, as the window's language writes it */
  number = pb_format_number (12000, NULL);
  held = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s%s (%d)"), "", number, 2027);
  expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s %s: the locked cell “%s” says “%s” where the library holds “%s”; "
                                                           "the form’s text is ignored."),
                              "E8", "1 加快5G网络规模化部署 · 5G基站", pb_form_column_title (PB_FORM_COL_TARGET),
                              "99,999 (2027)", held);
  pb_test_collect (GTK_WIDGET (review), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (g_str_equal (title, expected))
        {
          g_autoptr(GPtrArray) images = g_ptr_array_new ();
          guint n_icons = 0;

          g_assert_null (warning);
          warning = row;
          /* With the warning sign, on screen */
          pb_test_collect (row, GTK_TYPE_IMAGE, images);
          for (guint j = 0; j < images->len; j++)
            n_icons += gtk_widget_get_mapped (g_ptr_array_index (images, j)) &&
                       g_strcmp0 (gtk_image_get_icon_name (g_ptr_array_index (images, j)), "dialog-warning-symbolic") == 0;
          g_assert_cmpuint (n_icons, ==, 1);
          g_assert_true (gtk_widget_get_mapped (row));
        }
      else if (g_str_has_suffix (title, " · 5G基站"))
        conflict = row;
      else
        g_assert_null (strstr (title, "E8"));
    }
  if (warning == NULL)
    {
      g_autoptr(GString) shown = g_string_new (NULL);

      for (guint i = 0; i < rows->len; i++)
        g_string_append_printf (shown, "%s\n", adw_preferences_row_get_title (g_ptr_array_index (rows, i)));
      g_error ("no warning “%s” in the review:\n%s", expected, shown->str);
    }
  if (g_str_equal (g_dgettext (GETTEXT_PACKAGE, "Warning:"), "Warning:"))
    g_assert_nonnull (strstr (expected, "where the library holds “12,000 (2027)”"));
  /* …and the conflict with the value recorded since, below it */
  g_assert_nonnull (conflict);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (conflict)),
                                   g_dgettext (GETTEXT_PACKAGE, "Conflict:")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (conflict)), "(G8)"));
  pb_test_save_shot (GTK_WIDGET (review), "forms-review-locked.png");

  gtk_window_destroy (review);
  spin ();
  /* The value recorded for the test taken back */
  g_assert_true (pb_store_undo (t.store, &error));
  g_assert_no_error (error);
  spin ();
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value IN (9600, 9700)"), ==, 0);
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

/* A widget inside the window, drawn on its own (pb_test_save_shot ()
 * takes a window), into PB_TEST_SHOT_DIR when set. */
static void
save_section_shot (GtkWidget  *widget,
                   const char *name)
{
  const char *dir = g_getenv ("PB_TEST_SHOT_DIR");
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  /* On the window's background, as it is seen */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1 }, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkDropDown *
round_drop_down (void)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  pb_test_collect (pb_window_get_form_status (t.window), GTK_TYPE_DROP_DOWN, found);
  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

/* The rounds in the drop-down, one a line, the one shown marked "*". */
static char *
rounds_text (void)
{
  GtkDropDown *round = round_drop_down ();
  GListModel *model = gtk_drop_down_get_model (round);
  GString *out = g_string_new (NULL);

  g_free (pb_form_status_view_dup_text (PB_FORM_STATUS_VIEW (pb_window_get_form_status (t.window))));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (round))));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s\n", i == gtk_drop_down_get_selected (round) ? "*" : "",
                              gtk_string_object_get_string (item));
    }
  return g_string_free (out, FALSE);
}

static void
other_sends (PbStore     *other,
             gint64       plan_id,
             const char  *period,
             int          sent_days_ago,
             int          due_in_days,
             GArray      *orgs,
             guint        n_returned)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GDate sent, due;
  char due_text[11];

  pb_date_today (&sent);
  g_date_subtract_days (&sent, sent_days_ago);
  pb_date_today (&due);
  if (due_in_days >= 0)
    g_date_add_days (&due, due_in_days);
  else
    g_date_subtract_days (&due, -due_in_days);
  pb_date_format (&due, due_text);
  pb_store_refresh (other);
  g_assert_true (pb_store_record_forms_sent (other, plan_id, period, FALSE, due_text, orgs, &sent, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_returned; i++)
    {
      g_assert_true (pb_store_apply_form (other, plan_id, g_array_index (orgs, gint64, i), period, none, &sent, &error));
      g_assert_no_error (error);
    }
}

/* Reviewer finding (JOURNEYS 5, following up late forms): a new round of
 * forms hid the older one, outstanding forms and all. The section lets
 * the officer pick the round, each with how many came back; by default
 * the newest still waiting for forms. Every round here is written by
 * another connection (as planboard-cli would) while the window is open. */
static void
test_rounds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(GArray) orgs = NULL;
  g_autofree char *rounds = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *q_shown = NULL;
  g_autofree char *m1_shown = NULL;
  g_autofree char *m2_shown = NULL;
  char m1[8], m2[8];
  PbFormPeriod quarter;
  GDate day;
  gint64 plan_id;
  guint n;

  /* Periods around today: the quarter before, last month, this month */
  pb_date_today (&day);
  g_snprintf (m2, sizeof m2, "%04d-%02d", g_date_get_year (&day), g_date_get_month (&day));
  g_date_subtract_days (&day, 35);
  g_snprintf (m1, sizeof m1, "%04d-%02d", g_date_get_year (&day), g_date_get_month (&day));
  g_date_subtract_days (&day, 65);
  pb_form_period_for_date (&day, &quarter);
  q_shown = pb_format_period_label (quarter.label);
  m1_shown = pb_format_period_label (m1);
  m2_shown = pb_format_period_label (m2);

  plan_id = pb_store_add_example_plan (t.store, &error);
  g_assert_no_error (error);
  pb_window_select_plan (t.window, plan_id);
  spin ();
  {
    GtkWidget *view = pb_window_get_organisations (t.window);
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK)),
                                           "organisations");
    while (!gtk_widget_get_mapped (view) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  /* Nothing sent for this plan: nothing to pick */
  g_free (pb_form_status_view_dup_text (PB_FORM_STATUS_VIEW (pb_window_get_form_status (t.window))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (round_drop_down ()))));

  other = pb_store_open (pb_store_get_path (t.store), PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  orgs = pb_store_list_form_organisations (other, plan_id, FALSE);
  n = orgs->len;
  g_assert_cmpuint (n, >=, 4);

  /* The quarter's round, a month ago, two back and the rest past their
   * date; then last month's, yesterday, one back. */
  other_sends (other, plan_id, quarter.label, 30, -5, orgs, 2);
  other_sends (other, plan_id, m1, 1, 20, orgs, 1);
  g_assert_true (pb_store_refresh (t.store));
  spin ();
  rounds = rounds_text ();
  expected = g_strdup_printf ("*%s · 1 of %u returned\n"
                              "%s · 2 of %u returned · %u late\n", m1_shown, n, q_shown, n, n - 2);
  g_assert_cmpstr (rounds, ==, expected);
  text = status_text ();
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Reporting Status, %s\n", m1_shown);
  g_assert_true (g_str_has_prefix (text, expected));

  /* The older round picked: its organisations, returned and late */
  gtk_drop_down_set_selected (round_drop_down (), 1);
  spin ();
  g_clear_pointer (&text, g_free);
  text = status_text ();
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Reporting Status, %s\n", q_shown);
  g_assert_true (g_str_has_prefix (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\n2 returned · 0 sent, not yet due · %u late · 0 not sent\n", n - 2);
  g_assert_nonnull (strstr (text, expected));
  {
    guint n_returned = 0, n_late = 0;

    for (const char *line = strchr (text, '\t'); line; line = strchr (line + 1, '\t'))
      {
        n_returned += g_str_has_prefix (line, "\tReturned ");
        n_late += g_str_has_prefix (line, "\tLate (due ");
      }
    g_assert_cmpuint (n_returned, ==, 2);
    g_assert_cmpuint (n_late, ==, n - 2);
  }
  pb_test_settle_for (300);
  /* The section alone: no toast of an earlier test over it */
  save_section_shot (pb_window_get_form_status (t.window), "reporting-status-rounds.png");

  /* A new round written by the other connection appears, first; the
   * round the officer picked stays shown. */
  other_sends (other, plan_id, m2, 0, 30, orgs, 0);
  g_assert_true (pb_store_refresh (t.store));
  spin ();
  g_clear_pointer (&rounds, g_free);
  rounds = rounds_text ();
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s · 0 of %u returned\n"
                              "%s · 1 of %u returned\n"
                              "*%s · 2 of %u returned · %u late\n", m2_shown, n, m1_shown, n, q_shown, n, n - 2);
  g_assert_cmpstr (rounds, ==, expected);
  g_clear_pointer (&text, g_free);
  text = status_text ();
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Reporting Status, %s\n", q_shown);
  g_assert_true (g_str_has_prefix (text, expected));

  /* The plan opened afresh: the newest round still waiting */
  pb_window_select_plan (t.window, pb_test_sql_int (pb_store_get_path (t.store), "SELECT min(id) FROM plan"));
  spin ();
  pb_window_select_plan (t.window, plan_id);
  spin ();
  g_clear_pointer (&text, g_free);
  text = status_text ();
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Reporting Status, %s\n", m2_shown);
  g_assert_true (g_str_has_prefix (text, expected));
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
  g_test_add_func ("/forms-view/rounds", test_rounds);
  g_test_add_func ("/forms-view/locked-cell", test_locked_cell);
  rc = g_test_run ();
  pb_test_app_stop (&t);
  return rc;
}
