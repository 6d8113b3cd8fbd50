/* test-shared-window.c — the window on a shared library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and tests/pg-server.sh. The window opens a shared
 * library from a connection string, says which library it is on, and
 * shows within a second what another connection changed (LISTEN/NOTIFY);
 * Undo of its own earlier edit of that item is refused, naming the item.
 * A shared library whose server is away opens the planner's own library
 * instead, with the reason, within a few seconds.
 */
#include "config.h"

#include <string.h>

#include "pb-application.h"
#include "pb-health-style.h"
#ifdef HAVE_LIBPQ
#include "pb-pg-schema.h"
#endif
#include "pb-task-card.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-window.h"

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child) &&
          strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return child;
      if ((found = find_label_containing (child, text)))
        return found;
    }
  return NULL;
}

static PbItem *
find_item (PbStore    *store,
           gint64      plan,
           const char *number)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (items, i);

      if (g_str_equal (pb_item_get_number (it), number))
        return g_steal_pointer (&it);
    }
  return NULL;
}

static void
test_other_connection (void)
{
  g_autofree char *conninfo = pb_test_pg_library ();
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(PbItem) other_item = NULL;
  g_autoptr(GError) error = NULL;
  const char *done = pb_status_get_name (PB_ITEM_STATUS_DONE);
  PbWindow *window;
  PbStore *store;
  gint64 plan, item_id, start, seen = -1;

  if (conninfo == NULL)
    return;

  /* The office's other desk: its own connection to the same library. */
  other = pb_store_open (conninfo, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_add_example_plan (other, &error));
  g_assert_no_error (error);

  g_setenv ("PLANBOARD_DB", conninfo, TRUE);
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  spin ();

  /* The window says which library it is on. */
  store = pb_window_get_store (window);
  g_assert_true (pb_store_is_shared (store));
  {
    g_autofree char *name = pb_store_dup_display_name (store);

    g_assert_nonnull (strstr (name, "pbtest_"));
    g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), name));
    g_assert_nonnull (find_label_containing (GTK_WIDGET (window), name));
  }

  plan = pb_window_get_selected_plan (window);
  g_assert_cmpint (plan, >, 0);
  item = find_item (store, plan, "3");
  g_assert_nonnull (item);
  item_id = pb_record_get_id (PB_RECORD (item));

  /* The window's own edit first. */
  g_assert_true (pb_store_set (store, item, &error,
                               "status", PB_ITEM_STATUS_IN_PROGRESS, "progress", 0.4, NULL));
  g_assert_no_error (error);
  spin ();
  g_assert_false (pb_test_card_says (window, item_id, done));

  /* The other desk marks the item done. */
  pb_store_refresh (other);
  other_item = find_item (other, plan, "3");
  g_assert_nonnull (other_item);
  g_assert_true (pb_store_set (other, other_item, &error,
                               "status", PB_ITEM_STATUS_DONE, "progress", 1.0, NULL));
  g_assert_no_error (error);

  /* The window shows it within a second, by itself. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      if (pb_test_card_says (window, item_id, done))
        {
          seen = g_get_monotonic_time () - start;
          break;
        }
      g_usleep (1000);
    }
  g_test_message ("the card showed the other connection's change after %" G_GINT64_FORMAT " ms",
                  seen / 1000);
  g_assert_cmpint (seen, >=, 0);
  g_assert_cmpint (seen, <=, G_USEC_PER_SEC);
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_DONE);

  /* Undo of the window's edit would revert the other desk's: refused,
   * naming the item; the other desk's change stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  {
    GtkWidget *toast = find_label_containing (GTK_WIDGET (window), "Someone else changed 3 ");

    g_assert_nonnull (toast);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (toast)), "nothing was undone"));
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                                            " AND status = 'done' AND progress = 1", item_id);

    g_assert_cmpint (pb_test_sql_int (conninfo, sql), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&item);
  g_unsetenv ("PLANBOARD_DB");
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_actionable (child, action)))
        return found;
    }
  return NULL;
}

/* A shared library with the example plan, a viewer (wang) and a reporter
 * for 市工业和信息化局 (zhang), which is responsible for 1 加快5G网络规模化部署
 * and for nothing in 4 建设城市物联感知体系. */
static char *
make_members_library (void)
{
  char *conninfo = pb_test_pg_library ();
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (conninfo == NULL)
    return NULL;
  store = pb_store_open (conninfo, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_add_example_plan (store, &error));
  g_assert_no_error (error);
#ifdef HAVE_LIBPQ
  {
    PGconn *conn = pb_pg_connect (conninfo, &error);

    g_assert_no_error (error);
    g_assert_true (pb_pg_member_add (conn, "wang", "viewer", NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (pb_pg_member_add (conn, "zhang", "reporter", "市工业和信息化局", NULL, &error));
    g_assert_no_error (error);
    PQfinish (conn);
  }
#endif
  return conninfo;
}

static PbWindow *
open_window_as (PbApplication **app,
                const char     *conninfo,
                const char     *login)
{
  g_autofree char *as = pb_test_pg_as (conninfo, login);
  g_autoptr(GError) error = NULL;
  PbWindow *window;

  g_setenv ("PLANBOARD_DB", as, TRUE);
  *app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (*app), NULL, &error));
  g_application_activate (G_APPLICATION (*app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
  g_assert_nonnull (window);
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  return window;
}

static const char *
window_subtitle (PbWindow *window)
{
  GtkWidget *title = pb_test_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

  g_assert_nonnull (title);
  return adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (title));
}

/* A viewer's window reads every plan, says Read-Only and why, and offers
 * nothing that writes. */
static void
test_viewer (void)
{
  g_autofree char *conninfo = make_members_library ();
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  PbWindow *window;
  PbStore *store;

  if (conninfo == NULL)
    return;

  window = open_window_as (&app, conninfo, "wang");
  store = pb_window_get_store (window);
  g_assert_true (pb_store_is_shared (store));
  g_assert_cmpint (pb_store_get_member_role (store, NULL), ==, PB_STORE_MEMBER_VIEWER);
  g_assert_true (pb_store_get_read_only (store));
  g_assert_cmpint (pb_store_get_access (store), ==, PB_STORE_ACCESS_SHARED_VIEWER);
  g_assert_false (pb_store_check_writable (store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==,
                   "You are a viewer of this shared library: you can read every plan but change nothing.");
  g_clear_error (&error);

  /* It says so, and why. */
  g_assert_cmpint (pb_window_get_selected_plan (window), >, 0);
  g_assert_nonnull (strstr (window_subtitle (window), "Read-Only"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "Shared, Read-Only: "));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "You are a viewer of this shared library"));

  /* Reading works: the board shows the example plan's cards. */
  g_assert_nonnull (pb_test_find_card (GTK_WIDGET (window), 3));

  /* Nothing that writes: the buttons are off and the actions do nothing. */
  {
    g_autoptr(GListModel) plans = pb_store_list_plans (store);
    g_autoptr(GListModel) items = pb_store_list_items (store, pb_window_get_selected_plan (window));
    guint n_items = g_list_model_get_n_items (items);
    GtkWidget *button = find_actionable (GTK_WIDGET (window), "win.import");

    g_assert_nonnull (button);
    g_assert_false (gtk_widget_is_sensitive (button));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.add-item", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.set-status", "s", "done");
    spin ();
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_items);
    g_assert_false (pb_store_can_undo (store));
    g_assert_cmpint (pb_test_sql_int (conninfo, "SELECT count(*) FROM plan"), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* A reporter's window says whose items it reports on; what only the
 * office may do is off; reporting on its own items works. */
static void
test_reporter (void)
{
  g_autofree char *conninfo = make_members_library ();
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) own = NULL;
  g_autoptr(PbItem) other = NULL;
  const char *organisation = NULL;
  PbWindow *window;
  PbStore *store;
  gint64 plan;

  if (conninfo == NULL)
    return;

  window = open_window_as (&app, conninfo, "zhang");
  store = pb_window_get_store (window);
  g_assert_cmpint (pb_store_get_member_role (store, &organisation), ==, PB_STORE_MEMBER_REPORTER);
  g_assert_cmpstr (organisation, ==, "市工业和信息化局");
  g_assert_false (pb_store_get_read_only (store));

  /* It says whose items it reports on. */
  g_assert_nonnull (strstr (window_subtitle (window), "Reporting for 市工业和信息化局"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "You report for 市工业和信息化局: actuals, notes, status and progress"));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "Reporting for 市工业和信息化局"));

  /* What only the office may do is off. */
  plan = pb_window_get_selected_plan (window);
  {
    g_autoptr(GListModel) plans = pb_store_list_plans (store);
    g_autoptr(GListModel) items = pb_store_list_items (store, plan);
    guint n_items = g_list_model_get_n_items (items);
    GtkWidget *button = find_actionable (GTK_WIDGET (window), "win.import");

    g_assert_nonnull (button);
    g_assert_false (gtk_widget_is_sensitive (button));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.add-item", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL);
    spin ();
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_items);
  }

  /* Its own item's status and progress: recorded, and undoable. */
  own = find_item (store, plan, "1");
  other = find_item (store, plan, "4");
  g_assert_true (pb_store_set (store, own, &error, "status", PB_ITEM_STATUS_DONE, "progress", 1.0, NULL));
  g_assert_no_error (error);
  spin ();
  g_assert_true (pb_store_can_undo (store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_assert_cmpint (pb_item_get_status (own), ==, PB_ITEM_STATUS_IN_PROGRESS);

  /* Another organisation's: refused by the server, naming the rule. */
  g_assert_false (pb_store_set (store, other, &error, "status", PB_ITEM_STATUS_DONE, NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "and the office may report on 4 "));
  g_clear_error (&error);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&own);
  g_clear_object (&other);
}

/* The row of @root's item editor whose title is @title. */
static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row_titled (child, title)))
        return found;
    }
  return NULL;
}

/* The icon an entry row shows at its end while not being edited (hidden
 * while the keyboard is in it): a pencil where the planner may type, a
 * lock where it may not. */
static const char *
entry_row_icon (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (GTK_IS_IMAGE (child) && gtk_widget_has_css_class (child, "edit-icon"))
        return gtk_image_get_icon_name (GTK_IMAGE (child));
      if ((found = entry_row_icon (child)))
        return found;
    }
  return NULL;
}

static void
assert_office_only (GtkWidget  *editor,
                    const char *title)
{
  GtkWidget *row = find_row_titled (editor, title);

  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (row));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, "Only the office may change this");
  /* No pencil where nothing can be typed: a lock. */
  if (ADW_IS_ENTRY_ROW (row))
    g_assert_cmpstr (entry_row_icon (row), ==, "changes-prevent-symbolic");
}

/* An entry row the planner may type in shows the pencil. */
static void
assert_pencil (GtkWidget  *editor,
               const char *title)
{
  GtkWidget *row = find_row_titled (editor, title);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_true (gtk_widget_is_sensitive (row));
  g_assert_cmpstr (entry_row_icon (row), ==, "document-edit-symbolic");
}

/* A reporter's item editor: on its own organisation's item, the status,
 * progress and notes are on and change the item; the title, dates,
 * organisations, indicators and the rest are off, saying only the office
 * may change them. On another organisation's item everything is off,
 * saying whose it is. The office's editor has everything on. */
static void
test_reporter_editor (void)
{
  g_autofree char *conninfo = make_members_library ();
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(PbItem) own = NULL;
  g_autoptr(PbItem) other = NULL;
  PbWindow *window;
  GtkWidget *editor;
  PbStore *store;
  gint64 plan;

  if (conninfo == NULL)
    return;

  window = open_window_as (&app, conninfo, "zhang");
  store = pb_window_get_store (window);
  plan = pb_window_get_selected_plan (window);
  own = find_item (store, plan, "1");
  other = find_item (store, plan, "4");
  g_assert_true (pb_store_may_report_on_item (store, pb_record_get_id (PB_RECORD (own))));
  g_assert_false (pb_store_may_report_on_item (store, pb_record_get_id (PB_RECORD (other))));

  /* Its own item. */
  pb_window_open_editor (window, own);
  spin ();
  editor = pb_window_get_editor (window);
  g_assert_nonnull (find_label_containing (editor, "You report on this item for 市工业和信息化局"));
  g_assert_nonnull (find_label_containing (editor, "Only the office may change the rest."));
  assert_office_only (editor, "Title");
  assert_office_only (editor, "Number");
  assert_office_only (editor, "Kind");
  assert_office_only (editor, "Section");
  assert_office_only (editor, "Start (YYYY-MM-DD)");
  assert_office_only (editor, "Due (YYYY-MM-DD)");
  assert_office_only (editor, "Progress From");
  assert_office_only (editor, "Add organisation");
  assert_office_only (editor, "Add from this plan");
  assert_office_only (editor, "Add: starts after");
  assert_office_only (editor, "市工业和信息化局"); /* its organisations' rows */
  g_assert_true (gtk_widget_is_sensitive (find_row_titled (editor, "Status")));
  g_assert_null (gtk_widget_get_tooltip_text (find_row_titled (editor, "Status")));
  g_assert_true (gtk_widget_is_sensitive (find_row_titled (editor, "Progress")));
  g_assert_true (gtk_widget_is_sensitive (find_row_titled (editor, "Add a progress note")));
  assert_pencil (editor, "Add a progress note");
  pb_test_settle_for (500);
  pb_test_save_shot (GTK_WIDGET (window), "reporter-own-item.png");

  /* …and what is on works: the status chosen is the item's, on the server. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row_titled (editor, "Status")), PB_ITEM_STATUS_BLOCKED);
  spin ();
  g_assert_cmpint (pb_item_get_status (own), ==, PB_ITEM_STATUS_BLOCKED);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                                            " AND status = 'blocked'", pb_record_get_id (PB_RECORD (own)));

    g_assert_cmpint (pb_test_sql_int (conninfo, sql), ==, 1);
  }

  /* Another organisation's item: all off, saying whose it is. */
  pb_window_open_editor (window, other);
  spin ();
  g_assert_nonnull (find_label_containing (editor, "and the office may report on this item; you may read it."));
  g_assert_null (find_label_containing (editor, "You report on this item"));
  assert_office_only (editor, "Title");
  {
    GtkWidget *status = find_row_titled (editor, "Status");

    g_assert_false (gtk_widget_is_sensitive (status));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (status), "and the office may report on this item"));
    g_assert_false (gtk_widget_is_sensitive (find_row_titled (editor, "Progress")));
    g_assert_false (gtk_widget_is_sensitive (find_row_titled (editor, "Add a progress note")));
    pb_test_settle_for (500);
    pb_test_save_shot (GTK_WIDGET (window), "reporter-other-item.png");
    /* Locked, saying who may report on it: no pencil. */
    g_assert_cmpstr (entry_row_icon (find_row_titled (editor, "Add a progress note")), ==, "changes-prevent-symbolic");
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (find_row_titled (editor, "Add a progress note")),
                              "and the office may report on this item"));
  }

  /* Back on its own: on again. */
  pb_window_open_editor (window, own);
  spin ();
  g_assert_true (gtk_widget_is_sensitive (find_row_titled (editor, "Status")));
  g_assert_null (gtk_widget_get_tooltip_text (find_row_titled (editor, "Status")));
  assert_pencil (editor, "Add a progress note");
  assert_office_only (editor, "Title");
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&app);

  /* The office: everything on, nothing said. */
  g_setenv ("PLANBOARD_DB", conninfo, TRUE);
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  store = pb_window_get_store (window);
  g_assert_cmpint (pb_store_get_member_role (store, NULL), ==, PB_STORE_MEMBER_OFFICE);
  {
    g_autoptr(PbItem) item = find_item (store, pb_window_get_selected_plan (window), "4");

    pb_window_open_editor (window, item);
    spin ();
    editor = pb_window_get_editor (window);
    g_assert_true (gtk_widget_is_sensitive (find_row_titled (editor, "Title")));
    g_assert_null (gtk_widget_get_tooltip_text (find_row_titled (editor, "Title")));
    assert_pencil (editor, "Title");
    assert_pencil (editor, "Due (YYYY-MM-DD)");
    assert_pencil (editor, "Add a progress note");
    g_assert_true (gtk_widget_is_sensitive (find_row_titled (editor, "Status")));
    g_assert_null (find_label_containing (editor, "Only the office"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

/* Spins the main loop until a label with @text shows, for up to 3 s. */
static GtkWidget *
wait_for_label (GtkWidget  *window,
                const char *text)
{
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      GtkWidget *label;

      g_main_context_iteration (NULL, FALSE);
      if ((label = find_label_containing (window, text)) != NULL)
        return label;
      g_usleep (1000);
    }
  return NULL;
}

/* The server ends the window's connection: the window says so, a write
 * meanwhile says it was not saved, and once the server lets it back in
 * the window says it reconnected and shows others' changes again. */
static void
test_reconnect (void)
{
  g_autofree char *conninfo = pb_test_pg_library ();
  g_autofree char *postgres = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *out = NULL;
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(PbItem) other_item = NULL;
  g_autoptr(GError) error = NULL;
  const char *done = pb_status_get_name (PB_ITEM_STATUS_DONE);
  PbWindow *window;
  PbStore *store;
  GtkWidget *label;
  gint64 plan, item_id, start, seen = -1;
  int status;

  if (conninfo == NULL)
    return;
  postgres = g_strdup_printf ("%s dbname=postgres", g_getenv ("PLANBOARD_TEST_PG"));
  dbname = g_strdup (strstr (conninfo, "dbname=") + strlen ("dbname="));

  other = pb_store_open (conninfo, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_add_example_plan (other, &error));
  g_assert_no_error (error);

  g_setenv ("PLANBOARD_DB", conninfo, TRUE);
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  spin ();
  store = pb_window_get_store (window);
  plan = pb_window_get_selected_plan (window);
  item = find_item (store, plan, "3");
  g_assert_nonnull (item);
  item_id = pb_record_get_id (PB_RECORD (item));

  /* The server ends the window's connection and, restarting, does not
   * let it back in for now. */
  sql = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS false;"
                         " SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = '%s' AND application_name = 'planboard' AND pid <> pg_backend_pid();",
                         dbname, dbname);
  g_clear_object (&other);
  out = pb_test_psql (&status, postgres, sql);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&sql, g_free);

  label = wait_for_label (GTK_WIDGET (window), "Lost the connection to");
  g_assert_nonnull (label);
  {
    g_autofree char *name = pb_store_dup_display_name (store);

    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), name));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "reconnecting"));
  }
  g_assert_false (pb_store_get_online (store));

  /* A change meanwhile is not saved, and says so. */
  g_assert_false (pb_store_set (store, item, &error, "status", PB_ITEM_STATUS_DONE, NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "not saved"));
  g_clear_error (&error);

  /* The server lets it in again: the window says so by itself. */
  sql = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS true", dbname);
  out = pb_test_psql (&status, postgres, sql);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (wait_for_label (GTK_WIDGET (window), "Reconnected"));
  g_assert_true (pb_store_get_online (store));
  /* …and the message that it was lost goes (once its animation ends). */
  start = g_get_monotonic_time ();
  while (find_label_containing (GTK_WIDGET (window), "Lost the connection to") != NULL &&
         g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (find_label_containing (GTK_WIDGET (window), "Lost the connection to"));

  /* It hears the other desk again: a change shows within a second. */
  other = pb_store_open (conninfo, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  other_item = find_item (other, plan, "3");
  g_assert_true (pb_store_set (other, other_item, &error,
                               "status", PB_ITEM_STATUS_DONE, "progress", 1.0, NULL));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      if (pb_test_card_says (window, item_id, done))
        {
          seen = g_get_monotonic_time () - start;
          break;
        }
      g_usleep (1000);
    }
  g_assert_cmpint (seen, >=, 0);
  g_assert_cmpint (seen, <=, G_USEC_PER_SEC);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&item);
  g_unsetenv ("PLANBOARD_DB");
}

/* The server is away: the planner's own library opens, and a toast says
 * why, without a long wait. */
static char *data_home;

static void
test_server_away (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *conninfo = g_strdup_printf ("host=%s/no-server port=5432 dbname=plans connect_timeout=3", dir);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  PbWindow *window;
  gint64 start;

  g_setenv ("PLANBOARD_DB", conninfo, TRUE);
  start = g_get_monotonic_time ();
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  spin ();
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  /* The local library, not the shared one. */
  g_assert_nonnull (pb_window_get_store (window));
  g_assert_false (pb_store_is_shared (pb_window_get_store (window)));
  g_assert_true (g_str_has_prefix (pb_store_get_path (pb_window_get_store (window)), data_home));
  /* In one short line, in plain words; libpq's own words (which name the
   * socket) are in the tooltip. */
  {
    GtkWidget *label = find_label_containing (GTK_WIDGET (window), "the server is not answering");
    const char *text;

    g_assert_nonnull (label);
    text = gtk_label_get_text (GTK_LABEL (label));
    g_assert_null (strchr (text, '\n'));
    g_assert_null (strstr (text, "no-server"));
    g_assert_nonnull (strstr (text, "Could not reach the shared library"));
    g_assert_nonnull (gtk_widget_get_tooltip_text (label));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (label), "no-server"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* ---- The password dialog ------------------------------------------------ */

#define PASSWORD "云澜-督办-2026"

/* A shared library whose login must give its password (pg-server.sh
 * --password-login); the window is opened on it with no password in
 * libpq's usual places. */
static char *
make_password_library (const char **login)
{
  char *conninfo = make_members_library ();
  g_autoptr(GError) error = NULL;

  if (conninfo == NULL)
    return NULL;
  *login = g_getenv ("PLANBOARD_TEST_PG_PASSWORD_LOGIN");
  if (*login == NULL)
    g_error ("run this test through tests/pg-server.sh --password-login LOGIN");
#ifdef HAVE_LIBPQ
  {
    PGconn *conn = pb_pg_connect (conninfo, &error);

    g_assert_no_error (error);
    g_assert_true (pb_pg_member_add (conn, *login, "office", NULL, PASSWORD, &error));
    g_assert_no_error (error);
    PQfinish (conn);
  }
#endif
  g_unsetenv ("PGPASSWORD");
  g_setenv ("PGPASSFILE", "/nonexistent/planboard-test-pgpass", TRUE);
  return conninfo;
}

static void
type_and_connect (AdwMessageDialog *dialog,
                  const char       *password)
{
  GtkWidget *entry = pb_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY);
  GtkWidget *connect = pb_test_button_labelled (GTK_WIDGET (dialog), "C_onnect");

  g_assert_nonnull (entry);
  g_assert_nonnull (connect);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_get_sensitive (connect));  /* nothing typed yet */
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_object_ref (entry);
  g_signal_emit_by_name (connect, "clicked");
  /* Tried and wiped at once, whatever the answer. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_object_unref (entry);
  spin ();
}

static void
test_password (void)
{
  const char *login = NULL;
  g_autofree char *conninfo = make_password_library (&login);
  g_autofree char *as = NULL;
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  PbWindow *window;
  PbStore *store;

  if (conninfo == NULL)
    return;
  as = pb_test_pg_as (conninfo, login);

  /* The store says what is missing, and what was wrong. */
  g_assert_null (pb_store_open (as, PB_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEEDS_PASSWORD);
  g_assert_nonnull (strstr (error->message, login));
  g_clear_error (&error);
  g_assert_null (pb_store_open_with_password (as, "wrong", PB_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* The window opens on the planner's own library and asks, naming the
   * login and the library's database and server. */
  window = open_window_as (&app, conninfo, login);
  store = pb_window_get_store (window);
  g_assert_false (pb_store_is_shared (store));
  g_assert_true (g_str_has_prefix (pb_store_get_path (store), data_home));
  dialog = pb_test_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Password for the Shared Library");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), login));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "pbtest_"));
  g_assert_null (find_label_containing (GTK_WIDGET (window), "could not be opened"));
  g_assert_null (find_label_containing (GTK_WIDGET (window), "Could not open the shared library"));
  g_assert_null (find_label_containing (GTK_WIDGET (window), "Could not reach the shared library"));

  /* A wrong password: said plainly, and asked again. */
  type_and_connect (dialog, "wrong");
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_false (pb_store_is_shared (pb_window_get_store (window)));
  dialog = pb_test_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Wrong Password");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "was not accepted"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), login));

  /* The right one: the window is on the shared library. */
  type_and_connect (dialog, PASSWORD);
  spin ();
  g_assert_null (pb_test_message_dialog ());
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  store = pb_window_get_store (window);
  g_assert_true (pb_store_is_shared (store));
  g_assert_cmpint (pb_store_get_member_role (store, NULL), ==, PB_STORE_MEMBER_OFFICE);
  g_assert_cmpint (pb_window_get_selected_plan (window), >, 0);
  g_assert_nonnull (pb_test_find_card (GTK_WIDGET (window), 3));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "Shared: "));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PGPASSFILE");
}

/* Cancel: the window stays on the planner's own library, saying so. */
static void
test_password_cancel (void)
{
  const char *login = NULL;
  g_autofree char *conninfo = make_password_library (&login);
  g_autoptr(PbApplication) app = NULL;
  AdwMessageDialog *dialog;
  PbWindow *window;

  if (conninfo == NULL)
    return;

  window = open_window_as (&app, conninfo, login);
  dialog = pb_test_message_dialog ();
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (pb_test_button_labelled (GTK_WIDGET (dialog), "_Cancel"), "clicked");
  spin ();
  g_assert_null (pb_test_message_dialog ());
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_false (pb_store_is_shared (pb_window_get_store (window)));
  g_assert_true (g_str_has_prefix (pb_store_get_path (pb_window_get_store (window)), data_home));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "was not opened: this is your own library"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PGPASSFILE");
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* The planner's own library of test_server_away () is made here, never
   * in the real home (GLib reads XDG_DATA_HOME once). */
  data_home = pb_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shared-window/other-connection", test_other_connection);
  g_test_add_func ("/shared-window/server-away", test_server_away);
  g_test_add_func ("/shared-window/viewer", test_viewer);
  g_test_add_func ("/shared-window/reporter", test_reporter);
  g_test_add_func ("/shared-window/reporter-editor", test_reporter_editor);
  g_test_add_func ("/shared-window/password", test_password);
  g_test_add_func ("/shared-window/password-cancel", test_password_cancel);
  g_test_add_func ("/shared-window/reconnect", test_reconnect);
  status = g_test_run ();
  pb_test_remove_dir (data_home);
  g_free (data_home);
  return status;
}
