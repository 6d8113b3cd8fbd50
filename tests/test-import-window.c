/* test-import-window.c — importing a plan through the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real import window under Xvfb: pasted text and a file are
 * read in a worker thread, the review is edited through its widgets, and
 * Create Plan adds the edited plan to the store; Cancel stops a long read
 * and adds nothing.
 */
#include "config.h"

#include "pb-application.h"
#include "pb-import-window.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-window.h"

static PbTestApp t;
static PbApplication *app;
static PbWindow *window;
static char *dir;

#define spin pb_test_spin

static void
wait_for_page (PbImportWindow *import,
               const char     *page)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!g_str_equal (pb_import_window_get_page (import), page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (pb_import_window_get_page (import), ==, page);
  spin ();
}

static PbImportWindow *
open_import_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  spin ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (PB_IS_IMPORT_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return PB_IMPORT_WINDOW (w);
    }
  g_assert_not_reached ();
}

/* The entry rows of the review, in order: the plan's title first, then per
 * item its title, lead and responsible organisations. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        g_ptr_array_add (out, c);
      collect (c, type, out);
    }
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title,
          guint       nth)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0 && nth-- == 0)
      return g_ptr_array_index (rows, i);
  g_error ("no row %s", title);
}

static GtkCheckButton *
first_check (GtkWidget *root)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect (root, GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, >, 0);
  return g_ptr_array_index (checks, 0);
}

static guint
count_plans (PbStore *store)
{
  g_autoptr(GListModel) plans = pb_store_list_plans (store);

  return g_list_model_get_n_items (plans);
}

static PbPlan *
newest_plan (PbStore *store)
{
  g_autoptr(GListModel) plans = pb_store_list_plans (store);

  return g_list_model_get_item (plans, g_list_model_get_n_items (plans) - 1);
}

static void
test_paste_review_create (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "work-plan.txt", NULL);
  g_autofree char *text = NULL;
  PbStore *store = pb_application_get_store (app);
  PbImportWindow *import = open_import_window ();
  g_autoptr(PbPlan) plan = NULL;
  GtkWidget *row;
  gint64 id;
  guint before = count_plans (store);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  pb_import_window_read_text (import, text);
  wait_for_page (import, "review");

  /* The review shows what was found: the title … */
  row = find_row (GTK_WIDGET (import), ADW_TYPE_ENTRY_ROW, "Title", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "青川市2023年数字经济发展工作要点");
  gtk_editable_set_text (GTK_EDITABLE (row), "青川市2023年数字经济工作要点(修订)");

  /* … each item, whose title and organisations can be corrected … */
  row = find_row (GTK_WIDGET (import), ADW_TYPE_ENTRY_ROW, "Title", 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "加快5G网络建设");
  gtk_editable_set_text (GTK_EDITABLE (row), "加快5G网络规模化建设");
  row = find_row (GTK_WIDGET (import), ADW_TYPE_ENTRY_ROW, "Lead organisations", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "市通信管理办");
  gtk_editable_set_text (GTK_EDITABLE (row), "市通信管理办、市经信局");

  /* … and an item can be left out. */
  row = find_row (GTK_WIDGET (import), ADW_TYPE_EXPANDER_ROW, "5 推进工业互联网应用", 0);
  gtk_check_button_set_active (first_check (row), FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import), "import.create", NULL));
  spin ();

  /* One new plan, as edited, selected in the window. */
  g_assert_cmpuint (count_plans (store), ==, before + 1);
  plan = newest_plan (store);
  id = pb_record_get_id (PB_RECORD (plan));
  g_assert_cmpstr (pb_plan_get_title (plan), ==, "青川市2023年数字经济工作要点(修订)");
  g_assert_cmpint (pb_window_get_selected_plan (window), ==, id);
  g_assert_cmpuint (pb_store_count (store, PB_TYPE_ITEM, "plan_id", id), ==, 4);
  {
    g_autoptr(GListModel) items = pb_store_list_items (store, id);
    g_autoptr(PbItem) first = g_list_model_get_item (items, 0);
    g_autofree char *leads = pb_store_dup_lead_names (store, pb_record_get_id (PB_RECORD (first)));

    g_assert_cmpstr (pb_item_get_title (first), ==, "加快5G网络规模化建设");
    g_assert_cmpstr (leads, ==, "市通信管理办、市经信局");
  }
  /* Items 1–4 state five targets, each its own indicator. */
  g_assert_cmpint (pb_store_count (store, PB_TYPE_INDICATOR, "plan_id", id), ==, 5);

  /* The import is one undoable command. */
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Import plan");
}

static void
test_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "units-and-rules.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PbStore *store = pb_application_get_store (app);
  PbImportWindow *import = open_import_window ();
  g_autoptr(PbPlan) plan = NULL;

  pb_import_window_read_file (import, file);
  wait_for_page (import, "review");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import), "import.create", NULL));
  spin ();

  plan = newest_plan (store);
  g_assert_cmpstr (pb_plan_get_title (plan), ==, "溪山市新型基础设施建设行动计划(2021—2023年)");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (plan), "doc_number"), ==, "溪府办发〔2021〕7号");
  g_assert_cmpuint (pb_store_count (store, PB_TYPE_ITEM, "plan_id", pb_record_get_id (PB_RECORD (plan))), ==, 9);
}

/* A long read can be stopped; nothing is added. */
static void
test_cancel (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "work-plan.txt", NULL);
  g_autofree char *one = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  PbStore *store = pb_application_get_store (app);
  PbImportWindow *import = open_import_window ();
  guint before = count_plans (store);

  g_file_get_contents (path, &one, NULL, NULL);
  while (text->len < 40 * 1000 * 1000)
    g_string_append (text, one);

  pb_import_window_read_text (import, text->str);
  g_assert_cmpstr (pb_import_window_get_page (import), ==, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (import), "import.cancel", NULL));
  wait_for_page (import, "source");

  g_assert_cmpuint (count_plans (store), ==, before);
  gtk_window_close (GTK_WINDOW (import));
  spin ();
}

/* Bad input says why and stays on the source page. */
static void
test_bad_file (void)
{
  g_autofree char *path = g_build_filename (dir, "binary.txt", NULL);
  g_autoptr(GFile) file = NULL;
  PbImportWindow *import = open_import_window ();

  g_file_set_contents (path, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL);
  file = g_file_new_for_path (path);
  pb_import_window_read_file (import, file);
  wait_for_page (import, "source");
  gtk_window_close (GTK_WINDOW (import));
  spin ();
}

int
main (int    argc,
      char **argv)
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  pb_test_app_start (&t);
  app = t.app;
  window = t.window;
  dir = t.dir;

  g_test_add_func ("/import-window/paste-review-create", test_paste_review_create);
  g_test_add_func ("/import-window/file", test_file);
  g_test_add_func ("/import-window/cancel", test_cancel);
  g_test_add_func ("/import-window/bad-file", test_bad_file);

  ret = g_test_run ();
  pb_test_app_stop (&t);
  return ret;
}
