/* test-writers-window.c — the window beside another writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. The window and planboard-cli write one library: the
 * window shows what the CLI wrote within two seconds, and Undo of the
 * window's own earlier edit of the same item is refused with a toast that
 * names the item, while the CLI's change stays.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-application.h"
#include "pb-board-view.h"
#include "pb-health-style.h"
#include "pb-item-editor.h"
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
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label_prefix (child, prefix)))
        return found;
    }
  return NULL;
}

static void
test_window_beside_cli (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autofree char *plan_arg = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PbItem) item = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  const char *done = pb_status_get_name (PB_ITEM_STATUS_DONE);
  PbWindow *window;
  PbStore *store;
  gint64 plan, item_id = 0, start, seen = 0;

  g_assert_nonnull (cli);
  g_setenv ("PLANBOARD_DB", db, TRUE);
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  spin ();

  store = pb_window_get_store (window);
  plan = pb_window_get_selected_plan (window);
  g_assert_cmpint (plan, >, 0);
  items = pb_store_list_items (store, plan);
  for (guint i = 0; i < g_list_model_get_n_items (items) && item == NULL; i++)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (items, i);

      if (g_str_equal (pb_item_get_number (it), "3"))
        item = g_steal_pointer (&it);
    }
  g_assert_nonnull (item);
  item_id = pb_record_get_id (PB_RECORD (item));
  g_assert_cmpint (pb_item_get_status (item), !=, PB_ITEM_STATUS_DONE);

  /* The window's own edit, as its editor makes it: one store command. */
  g_assert_true (pb_store_set (store, item, &error,
                               "status", PB_ITEM_STATUS_IN_PROGRESS, "progress", 0.4, NULL));
  g_assert_no_error (error);
  spin ();
  g_assert_true (pb_test_card_says (window, item_id, pb_status_get_name (PB_ITEM_STATUS_IN_PROGRESS)));

  /* planboard-cli marks the item done at 100 %. */
  plan_arg = g_strdup_printf ("%" G_GINT64_FORMAT, plan);
  g_free (pb_test_run_ok (cli, "--db", db, "item", "set", plan_arg, "3",
                          "--status", "done", "--progress", "100", NULL));

  /* The window shows it within 2 s, by itself. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      if (pb_test_card_says (window, item_id, done))
        {
          seen = g_get_monotonic_time () - start;
          break;
        }
      g_usleep (1000);
    }
  g_test_message ("the card showed the CLI's change after %" G_GINT64_FORMAT " ms", seen / 1000);
  g_assert_true (pb_test_card_says (window, item_id, done));
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_DONE);

  /* Undo of the window's edit is refused with a toast naming the item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  {
    GtkWidget *toast = find_label_prefix (GTK_WIDGET (window), "Someone else changed 3 ");

    g_assert_nonnull (toast);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (toast)), "nothing was undone"));
  }

  /* The CLI's change stays. */
  sql = g_strdup_printf ("SELECT status = 'done' AND progress = 1 FROM item WHERE id = %" G_GINT64_FORMAT, item_id);
  g_assert_cmpint (pb_test_sql_int (db, sql), ==, 1);
  g_assert_true (pb_test_card_says (window, item_id, done));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&item);
  g_clear_object (&items);
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) && gtk_widget_is_drawable (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_actionable (child, action)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_primary_menu (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_widget_is_drawable (child) &&
          gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)))
        return child;
      if ((found = find_primary_menu (child)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_label (GtkWidget  *root,
                   const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_is_drawable (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_label (child, label)))
        return found;
    }
  return NULL;
}

/* Another program holds the write lock on a library named "R&D <1>.db":
 * Undo waits a moment, not seconds (the window never freezes), then says
 * so in a toast that shows the name as it is (toasts are markup: an
 * unescaped "&" or "<" blanked them) and offers to try again, which works
 * once the lock is gone. */
static void
test_window_locked (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "R&D <1>.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PbItem) item = NULL;
  PbWindow *window;
  PbStore *store;
  GtkWidget *toast, *retry;
  sqlite3 *other = NULL;
  gint64 start, waited;

  g_setenv ("PLANBOARD_DB", db, TRUE);
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  spin ();

  store = pb_window_get_store (window);
  items = pb_store_list_items (store, pb_window_get_selected_plan (window));
  item = g_list_model_get_item (items, 4);
  g_assert_true (pb_store_set (store, item, &error, "title", "改过的标题", NULL));
  g_assert_no_error (error);
  spin ();

  g_assert_cmpint (sqlite3_open (db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE plan SET doc_number = doc_number;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  waited = g_get_monotonic_time () - start;
  g_test_message ("Undo gave up on the lock after %" G_GINT64_FORMAT " ms", waited / 1000);
  g_assert_cmpint (waited, <, G_USEC_PER_SEC);
  spin ();

  toast = find_label_prefix (GTK_WIDGET (window), "The library “R&D <1>.db” is in use by another program");
  g_assert_nonnull (toast);
  retry = find_button_label (GTK_WIDGET (window), "_Try Again");
  g_assert_nonnull (retry);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==, "win.undo");
  g_assert_cmpstr (pb_item_get_title (item), ==, "改过的标题");

  /* The other program finishes; Try Again undoes. */
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_assert_true (pb_store_can_undo (store));
  g_assert_true (gtk_widget_activate (retry));
  /* A button activated by the keyboard clicks after a short press. */
  start = g_get_monotonic_time ();
  while (g_str_equal (pb_item_get_title (item), "改过的标题") &&
         g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (pb_item_get_title (item), !=, "改过的标题");
  sql = g_strdup_printf ("SELECT count(*) FROM item WHERE title = '改过的标题'");
  g_assert_cmpint (pb_test_sql_int (db, sql), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&item);
  g_clear_object (&items);
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}


/* A library in a folder that cannot be written opens read-only: the
 * window shows the plan, says Read-Only and why, and offers no edit. The
 * window runs as the user nobody (as root, chmod stops no write). */
static void
test_window_read_only_folder (void)
{
  const char *dir = g_getenv ("PB_TEST_DIR");
  g_autofree char *folder = g_build_filename (dir, "shared", NULL);
  g_autofree char *db = g_build_filename (folder, "library.db", NULL);

  if (g_test_subprocess ())
    {
      g_autofree char *home = NULL;
      g_autoptr(PbApplication) app = NULL;
      g_autoptr(GError) error = NULL;
      PbWindow *window;
      PbStore *store;
      GtkWidget *toast;

      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (folder, TRUE);
      home = g_dir_make_tmp ("planboard-ro-home-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv ("HOME", home, TRUE);

      g_setenv ("PLANBOARD_DB", db, TRUE);
      app = pb_application_new ();
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_application_activate (G_APPLICATION (app));
      window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
      g_assert_nonnull (window);
      spin ();

      store = pb_window_get_store (window);
      g_assert_nonnull (store);
      g_assert_true (pb_store_get_read_only (store));
      g_assert_cmpint (pb_store_get_access (store), ==, PB_STORE_ACCESS_READ_ONLY_FOLDER);
      g_assert_cmpint (pb_window_get_selected_plan (window), >, 0);

      /* It says so, and why. */
      {
        GtkWidget *title = pb_test_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);

        g_assert_nonnull (title);
        g_assert_nonnull (strstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (title)),
                                  "Read-Only"));
      }
      toast = find_label_prefix (GTK_WIDGET (window), "This library is read-only: the folder of ");
      g_assert_nonnull (toast);

      /* Nothing that writes can be done: the Import button is off, and
       * the actions do nothing. */
      {
        GtkWidget *button = find_actionable (GTK_WIDGET (window), "win.import");
        g_autoptr(GListModel) plans = pb_store_list_plans (store);

        g_assert_nonnull (button);
        g_assert_false (gtk_widget_is_sensitive (button));
        gtk_widget_activate_action (GTK_WIDGET (window), "win.add-item", NULL);
        gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL);
        spin ();
        g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
        g_assert_false (pb_store_can_undo (store));
      }

      /* Reading works: the board shows the example plan's cards. */
      g_assert_nonnull (pb_test_find_card (GTK_WIDGET (window), 3));

      /* Two cards chosen: the bulk bar's Delete is off, and stays off once
       * the main menu (which turns its commands on the selected items on
       * or off while it is open) has opened and closed. */
      {
        GtkWidget *board = pb_window_get_board (window);
        gint64 ids[] = { 3, 4 };
        GtkWidget *delete, *menu;

        g_assert_nonnull (pb_test_find_card (GTK_WIDGET (window), 4));
        pb_board_view_set_selected (PB_BOARD_VIEW (board), ids, 2);
        pb_test_settle_for (500);
        delete = find_actionable (GTK_WIDGET (window), "win.delete-items");
        g_assert_nonnull (delete);
        g_assert_false (gtk_widget_is_sensitive (delete));
        menu = find_primary_menu (GTK_WIDGET (window));
        g_assert_nonnull (menu);
        gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
        pb_test_settle_for (300);
        gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
        pb_test_settle_for (300);
        g_assert_false (gtk_widget_is_sensitive (delete));
        g_assert_false (gtk_widget_is_sensitive (find_actionable (GTK_WIDGET (window), "win.import")));
        gtk_widget_activate_action (GTK_WIDGET (window), "win.set-status", "s", "done");
        spin ();
        g_assert_false (pb_store_can_undo (store));
      }

      /* The editor opens to read, its fields off, and still closes: by
       * its × and by Escape (both were off with the whole editor). */
      {
        g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, 3);
        GtkWidget *editor, *close, *title;

        for (guint by_key = 0; by_key < 2; by_key++)
          {
            pb_window_open_editor (window, item);
            pb_test_settle_for (400);
            editor = pb_window_get_editor (window);
            g_assert_nonnull (editor);
            g_assert_true (gtk_widget_get_mapped (editor));
            title = pb_test_find_type (editor, ADW_TYPE_ENTRY_ROW);
            g_assert_nonnull (title);
            g_assert_false (gtk_widget_is_sensitive (title));
            close = find_actionable (editor, "win.close-editor");
            g_assert_nonnull (close);
            g_assert_true (gtk_widget_is_sensitive (close));
            if (by_key)
              {
                gtk_widget_grab_focus (close);
                pb_test_x_press_in (GTK_WIDGET (window), GDK_KEY_Escape, 0);
              }
            else
              gtk_widget_activate (close);
            pb_test_settle_for (400);
            g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)));
          }
        g_assert_false (pb_store_can_undo (store));
      }

      gtk_window_destroy (GTK_WINDOW (window));
      spin ();
      g_unsetenv ("PLANBOARD_DB");
      pb_test_remove_dir (home);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    store = pb_store_open (db, PB_STORE_OPEN_CREATE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
    g_assert_finalize_object (g_steal_pointer (&store));
    pb_test_drop_side_files (db);
    g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
    before = pb_test_checksum_file (db);

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    after = pb_test_checksum_file (db);
    g_assert_cmpstr (before, ==, after);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  /* A subprocess works in its parent's folder. */
  dir = g_test_subprocess () ? g_strdup (g_getenv ("PB_TEST_DIR")) : pb_test_make_dir ();
  g_setenv ("PB_TEST_DIR", dir, TRUE);

  g_test_add_func ("/writers-window/beside-cli", test_window_beside_cli);
  g_test_add_func ("/writers-window/read-only-folder", test_window_read_only_folder);
  g_test_add_func ("/writers-window/locked", test_window_locked);
  ret = g_test_run ();
  if (!g_test_subprocess ())
    pb_test_remove_dir (dir);
  return ret;
}
