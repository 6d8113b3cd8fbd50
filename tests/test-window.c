/* test-window.c — the real main window, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (see README): the application starts on a new library,
 * which it seeds with the example plan, and the test drives the window's
 * actions and checks the store and what the window shows.
 */
#include "config.h"

#include "pb-application.h"
#include "pb-board-view.h"
#include "pb-forms-ui.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-indicators-view.h"
#include "pb-organisations-view.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-window.h"

static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      /* A text ending in "…" matches a label that starts with it. */
      if (GTK_IS_LABEL (child) && gtk_widget_is_drawable (child) &&
          (g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0 ||
           (g_str_has_suffix (text, "…") &&
            strncmp (gtk_label_get_text (GTK_LABEL (child)), text, strlen (text) - strlen ("…")) == 0)))
        return child;
      if ((found = find_label (child, text)))
        return found;
    }

  return NULL;
}

/* The example plan's first task is drawn: the board is made and filled
 * when first shown, which may take a few frames on a loaded machine. */
static gboolean
shows_first_task (gpointer window)
{
  return find_label (GTK_WIDGET (window), "加快5G网络规模化部署") != NULL;
}

/* Starts the application on the library at @db and waits for its window. */
static PbApplication *
start_app (const char  *db,
           GtkWindow  **window)
{
  g_autoptr(GError) error = NULL;
  PbApplication *app;

  g_setenv ("PLANBOARD_DB", db, TRUE);
  app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (*window);
  wait_for (is_mapped, *window);
  spin ();
  return app;
}

static void
test_window (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GListModel) plans = NULL;
  PbStore *store;
  PbWindow *window;
  const char *title = "云澜市新型基础设施建设三年行动方案(2025—2027年)";

  app = start_app (db, (GtkWindow **) &window);

  /* A new library holds the example plan, which is not undoable work. */
  store = pb_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  plans = pb_store_list_plans (store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_false (pb_store_can_undo (store));
  g_assert_cmpint (pb_window_get_selected_plan (window), ==, 1);

  /* It shows: the plan in the sidebar and the header, its items listed. */
  wait_for (shows_first_task, window);
  g_assert_nonnull (find_label (GTK_WIDGET (window), title));
  /* The sidebar row: period, item count, then health counts. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "2025—2027 · 19 items · ●…"));

  /* Delete the plan, undo, redo — each through the window's actions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_assert_cmpint (pb_window_get_selected_plan (window), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "No Plans"));
  g_assert_true (pb_store_can_undo (store));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_cmpint (pb_window_get_selected_plan (window), ==, 1);
  g_assert_cmpint (pb_store_count (store, PB_TYPE_ITEM, "plan_id", 1), ==, 19);
  wait_for (shows_first_task, window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);

  /* From the empty state, the example plan comes back on request. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-example", NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_cmpint (pb_window_get_selected_plan (window), >, 0);
  wait_for (shows_first_task, window);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&plans);
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* The plan's row in the sidebar: "2025—2027 · 19 items · ●15 ▲2 ■1". */
static char *
plan_row_health (PbStore *store,
                 gint64   plan_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GString *text = g_string_new (NULL);
  guint counts[PB_HEALTH_RED + 1];
  GDate today;

  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pb_store_count_plan_health (store, plan_id, &today, counts);
  for (PbHealth h = PB_HEALTH_BLUE; h <= PB_HEALTH_RED; h++)
    if (counts[h] > 0)
      g_string_append_printf (text, " %s%u", pb_health_get_symbol (h), counts[h]);
  return g_string_free (text, FALSE);
}

static gboolean
row_shows (PbWindow   *window,
           const char *health)
{
  GtkWidget *label = find_label (GTK_WIDGET (window), "2025—2027 · 19 items ·…");

  return label != NULL && g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), health);
}

/* A change that is not an item's own (a dependency, a target) can change
 * an item's health: the sidebar's counts follow it at once, as the board
 * does, and follow its undo and redo. */
static void
test_window_plan_row_follows_health (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PbStore *store;
  PbWindow *window;
  guint n;
  gboolean changed = FALSE;

  app = start_app (db, (GtkWindow **) &window);
  store = pb_application_get_store (app);
  wait_for (shows_first_task, window);
  before = plan_row_health (store, 1);
  g_assert_true (row_shows (window, before));

  /* A dependency that makes some item start before another finishes. */
  items = pb_store_list_items (store, 1);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n && !changed; i++)
    for (guint j = 0; j < n && !changed; j++)
      {
        g_autoptr(PbItem) from = g_list_model_get_item (items, i);
        g_autoptr(PbItem) to = g_list_model_get_item (items, j);
        g_autoptr(GError) error = NULL;
        g_autofree char *now = NULL;

        if (i == j || pb_store_add_dependency (store, pb_record_get_id (PB_RECORD (from)),
                                               pb_record_get_id (PB_RECORD (to)), 0, &error) == 0)
          continue;
        now = plan_row_health (store, 1);
        if (g_strcmp0 (now, before) != 0)
          changed = TRUE;
        else
          g_assert_true (pb_store_undo (store, NULL));
      }
  g_assert_true (changed);
  spin ();
  after = plan_row_health (store, 1);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (row_shows (window, after));

  /* Undo and redo through the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_assert_true (row_shows (window, before));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin ();
  g_assert_true (row_shows (window, after));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* A phone-sized window, 360 px wide, holds everything: once the leaflet
 * folds, its content asks for no more, window controls included. */
static void
test_window_narrow (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.planboard.Planboard");
  PbWindow *window;
  GtkWidget *content;
  int minimum = 0;

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 700);
  app = start_app (db, (GtkWindow **) &window);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (content), <=, 360);
  wait_for (shows_first_task, window);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* A library cut short (a copy that stopped half way): the window says in
 * the planner's words that it is damaged, not SQLite's English inside
 * the sentence ("…已损坏（database disk image is malformed）…"); SQLite's
 * words are in the page's tooltip. */
static void
test_window_damaged_library (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *whole = g_build_filename (dir, "library.db", NULL);
  g_autofree char *db = g_build_filename (dir, "trunc.planboard", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  GtkWidget *said, *page;
  gsize length;

  {
    PbStore *store = pb_store_open (whole, PB_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
    g_assert_finalize_object (store);
  }
  g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096 + 100);
  g_assert_true (g_file_set_contents (db, contents, 3 * 4096 + 100, NULL));
  app = start_app (db, &window);

  g_assert_null (pb_application_get_store (app));
  said = find_label (GTK_WIDGET (window), "The library “trunc.planboard” is damaged: part of it cannot be read. It was not changed.");
  g_assert_nonnull (said);
  g_assert_true (gtk_widget_get_mapped (said));
  page = gtk_widget_get_ancestor (said, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page), ==, "database disk image is malformed");

  gtk_window_destroy (window);
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* A library that cannot be opened gives a window that says why. */
static void
test_window_bad_library (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  GtkWindow *window;

  g_file_set_contents (db, "this is not a library", -1, NULL);
  app = start_app (db, &window);

  g_assert_null (pb_application_get_store (app));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "The Library Could Not Be Opened"));
  /* Nothing to switch between or search on that page; a way to another
   * library instead, on the page and in the main menu. */
  {
    AdwViewSwitcherTitle *switcher = ADW_VIEW_SWITCHER_TITLE (
      gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW, "switcher_title"));
    GtkWidget *search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), PB_TYPE_WINDOW, "search_button"));
    GtkWidget *label = find_label (GTK_WIDGET (window), "Open Another Library…");
    GtkWidget *button = label ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;

    g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (switcher));
    g_assert_false (gtk_widget_is_sensitive (search));
    g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL) &&
                    gtk_widget_is_sensitive (search));
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_get_mapped (button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.open-library");
    g_assert_true (gtk_widget_is_sensitive (button));
  }
  /* The actions that need a library do nothing, and the file that could
   * not be opened is left as it was. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-plan", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-example", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  spin ();
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "this is not a library");
  }

  gtk_window_destroy (window);
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return find_label (args[0], args[1]) != NULL;
}

/* A window that opens on the Timeline gives the board its plan when the
 * board is first shown (or asked for), not at start; the board then shows
 * that plan as it would have. */
static void
test_window_opens_on_timeline (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.planboard.Planboard");
  AdwViewStack *stack;
  PbWindow *window;
  GtkWidget *board;

  g_settings_set_string (settings, "last-view", "timeline");
  g_settings_set_int64 (settings, "last-plan", 1);
  app = start_app (db, (GtkWindow **) &window);
  board = pb_window_peek_board (window);
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (pb_window_get_timeline (window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "timeline");
  g_assert_cmpint (pb_window_get_selected_plan (window), ==, 1);
  g_assert_cmpuint (pb_board_view_get_n_columns (PB_BOARD_VIEW (board)), ==, 0);

  /* Shown, it has the plan's sections and cards. */
  adw_view_stack_set_visible_child_name (stack, "board");
  wait_for (label_shown, (gpointer[]) { board, "加快5G网络规模化部署" });
  g_assert_cmpuint (pb_board_view_get_n_columns (PB_BOARD_VIEW (board)), >, 0);

  /* Another plan chosen on the Timeline: the board waits again, with
   * nothing of the old plan on it, and the accessor gives it the plan. */
  adw_view_stack_set_visible_child_name (stack, "timeline");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-example", NULL));
  spin ();
  g_assert_cmpint (pb_window_get_selected_plan (window), ==, 2);
  g_assert_cmpuint (pb_board_view_get_n_columns (PB_BOARD_VIEW (board)), ==, 0);
  g_assert_true (pb_window_get_board (window) == board);
  g_assert_cmpuint (pb_board_view_get_n_columns (PB_BOARD_VIEW (board)), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "last-plan");
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

static void
collect_menu_buttons (GtkWidget *root,
                      GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        g_ptr_array_add (found, child);
      collect_menu_buttons (child, found);
    }
}

/* The header bars' menus are made when first opened, and are then the
 * menus they were: the main menu (both of its buttons) and Group Cards By. */
static void
test_window_menus (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n_main = 0, n_grouping = 0;
  PbWindow *window;

  app = start_app (db, (GtkWindow **) &window);
  collect_menu_buttons (GTK_WIDGET (window), buttons);
  g_assert_cmpuint (buttons->len, >=, 3);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      const char *tip = gtk_widget_get_tooltip_text (GTK_WIDGET (button));
      GMenuModel *model;

      if (g_strcmp0 (tip, "Main Menu") != 0 && g_strcmp0 (tip, "Group Cards By") != 0)
        continue;
      g_assert_null (gtk_menu_button_get_popover (button));
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
      gtk_menu_button_popup (button);
      spin ();
      model = gtk_menu_button_get_menu_model (button);
      g_assert_nonnull (model);
      g_assert_nonnull (gtk_menu_button_get_popover (button));
      if (g_str_equal (tip, "Main Menu"))
        {
          g_autofree char *label = NULL;
          g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);

          g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
          g_assert_cmpstr (label, ==, "_New Plan…");
          n_main++;
        }
      else
        {
          g_autofree char *action = NULL;
          g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);

          g_assert_true (g_menu_model_get_item_attribute (section, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
          g_assert_cmpstr (action, ==, "win.grouping");
          n_grouping++;
        }
      gtk_menu_button_popdown (button);
      spin ();
      /* Opened again, the same menu. */
      gtk_menu_button_popup (button);
      spin ();
      g_assert_true (gtk_menu_button_get_menu_model (button) == model);
      gtk_menu_button_popdown (button);
      spin ();
    }
  g_assert_cmpuint (n_main, ==, 2);
  g_assert_cmpuint (n_grouping, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* The Indicators and Organisations pages are made when first shown (or
 * asked for), and then show the open plan, as they did when made at start. */
static void
test_window_pages_made_when_shown (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  AdwViewStack *stack;
  PbWindow *window;

  app = start_app (db, (GtkWindow **) &window);
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (pb_window_get_timeline (window), ADW_TYPE_VIEW_STACK));
  g_assert_null (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_INDICATORS_VIEW));
  g_assert_null (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_ORGANISATIONS_VIEW));
  g_assert_null (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_FORM_STATUS_VIEW));

  adw_view_stack_set_visible_child_name (stack, "indicators");
  wait_for (label_shown, (gpointer[]) { window, "5G基站" });
  g_assert_true (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_INDICATORS_VIEW) == pb_window_get_indicators (window));
  g_assert_null (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_ORGANISATIONS_VIEW));

  adw_view_stack_set_visible_child_name (stack, "organisations");
  wait_for (label_shown, (gpointer[]) { window, "市工业和信息化局" });
  g_assert_true (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_ORGANISATIONS_VIEW) == pb_window_get_organisations (window));
  g_assert_true (pb_test_find_type (GTK_WIDGET (window), PB_TYPE_FORM_STATUS_VIEW) == pb_window_get_form_status (window));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

static void
collect_shortcuts (GtkWidget *root,
                   GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (c))
        g_ptr_array_add (found, c);
      collect_shortcuts (c, found);
    }
}

/* The keyboard shortcuts window is made when first asked for (Ctrl+?),
 * not with the window, and is then what GTK would have made: modal, over
 * the window, hidden (not destroyed) on close. */
static void
test_window_shortcuts (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_auto(GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;
  GLogLevelFlags fatal;
  PbWindow *window;

  app = start_app (db, (GtkWindow **) &window);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstrv (accels, ((const char *[]) { "<Control>question", NULL }));

  /* GTK 4.8's shortcuts window warns about two of its own labels
   * ("reported min width -3"), as it did when GTK made it: not fatal. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  wait_for (is_mapped, overlay);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_nonnull (find_label (GTK_WIDGET (overlay), "Rename Plan"));

  /* Every shortcut of editing a plan by hand is listed (#14): keys by
   * their title and accelerator, mouse gestures by their title. */
  {
    static const char *const listed[][2] = {
      { "Add an item after the selected one", "Insert" },
      { "Delete the selected items", "Delete" },
      { "Move the item up or down in its column", "<Alt>Up <Alt>Down" },
      { "Move the item to the previous or next column", "<Alt>Left <Alt>Right" },
      { "Move the item up or down in its section", "<Alt>Up <Alt>Down" },
      { "Select all cards in view", "<Control>a" },
      { "Select all bars in view", "<Control>a" },
      { "Open the menu of the selected cards", "Menu <Shift>F10" },
      { "Open the menu of the selected bars", "Menu <Shift>F10" },
      { "Open the menu of the selected section header", "Menu <Shift>F10" },
      { "Open the section menu of the focused column header", "Menu <Shift>F10" },
      { "Fold or unfold the selected section", "Return" },
      { "Select the previous or next item or section header", "Up Down" },
      { "Plan Properties", "<Alt>Return" },
      { "Cancel a drag", "Escape" },
      { "Close the Editor", "Escape" },
      { "Zoom in", "plus <Control>equal" },
      { "Zoom out", "minus <Control>minus" },
      { "Fit the plan period", "0 <Control>0" },
      { "Choose several cards", NULL },
      { "Choose several bars", NULL },
      { "Add a dependency", NULL },
    };
    g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

    collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
    for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < shortcuts->len && !found; j++)
          {
            g_autofree char *title = NULL;
            g_autofree char *accel = NULL;
            GtkShortcutType type;

            g_object_get (g_ptr_array_index (shortcuts, j), "title", &title, "accelerator", &accel,
                          "shortcut-type", &type, NULL);
            found = g_strcmp0 (title, listed[i][0]) == 0 &&
                    (listed[i][1] ? g_strcmp0 (accel, listed[i][1]) == 0 : type == GTK_SHORTCUT_GESTURE);
          }
        if (!found)
          g_error ("the shortcuts window does not list “%s” (%s)", listed[i][0], listed[i][1] ? listed[i][1] : "gesture");
      }
  }

  /* It fits the screen (1280×800 under the tests' Xvfb): no column is
   * cut off at the right, nor a row at the bottom (#14). */
  {
    GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (overlay));
    GdkMonitor *monitor = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (overlay)));
    GdkRectangle screen;
    int min_w, min_h;

    g_assert_nonnull (monitor);
    gdk_monitor_get_geometry (monitor, &screen);
    for (gint64 end = g_get_monotonic_time () + 200 * 1000; g_get_monotonic_time () < end;)
      g_main_context_iteration (NULL, FALSE);
    gtk_widget_measure (GTK_WIDGET (overlay), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (overlay), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
    g_test_message ("shortcuts window %d×%d (at least %d×%d), screen %d×%d",
                    gtk_widget_get_width (GTK_WIDGET (overlay)), gtk_widget_get_height (GTK_WIDGET (overlay)),
                    min_w, min_h, screen.width, screen.height);
    g_assert_cmpint (screen.width, >=, 1280);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (overlay)), <=, screen.width);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (overlay)), <=, screen.height);
    g_assert_cmpint (min_w, <=, screen.width);
    g_assert_cmpint (min_h, <=, screen.height);
  }

  /* Closed, it is kept and shown again. */
  gtk_window_close (GTK_WINDOW (overlay));
  spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == overlay);
  wait_for (is_mapped, overlay);

  g_log_set_always_fatal (fatal);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* A library file opens without the PostgreSQL client: libpq, and the
 * OpenSSL, Kerberos and LDAP it needs, are loaded only when a shared
 * library is opened (src/core/pb-pq.h); test-pg-library shows that one
 * still opens. Neither program links it. */
static void
test_window_file_library_no_libpq (void)
{
  /* Nor poppler (and NSS), loaded when a PDF is first imported; nor
   * libarchive, loaded when a .docx or .xlsx is first read, or
   * libxlsxwriter when a workbook is first written (pb-module.h). */
  static const char *const clients[] = { "libpq.so", "libgssapi_krb5.so", "libldap", "libkrb5.so",
                                         "libpoppler", "libnss3.so", "libarchive.so", "libxlsxwriter.so",
                                         "libminizip.so" };
  /* Neither program links libxml2 (ICU) or OpenCC either; but the window
   * may load them: GTK's SVG icons go through librsvg, which needs
   * libxml2, and the example plan of a new library folds its names. */
  static const char *const unlinked[] = { "libxml2.so", "libicuuc.so", "libopencc.so", "libmarisa.so" };
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(PbApplication) app = NULL;
  PbWindow *window;

  if (!g_test_subprocess ())
    {
      for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
        {
          g_assert_false (pb_test_program_loads (g_getenv ("PLANBOARD_APP"), clients[i]));
          g_assert_false (pb_test_program_loads (g_getenv ("PLANBOARD_CLI"), clients[i]));
        }
      for (guint i = 0; i < G_N_ELEMENTS (unlinked); i++)
        {
          g_assert_false (pb_test_program_loads (g_getenv ("PLANBOARD_APP"), unlinked[i]));
          g_assert_false (pb_test_program_loads (g_getenv ("PLANBOARD_CLI"), unlinked[i]));
        }
      /* The window, in a process of its own: nothing else loaded them. */
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = pb_test_make_dir ();
  db = g_build_filename (dir, "data", "library.db", NULL);
  app = start_app (db, (GtkWindow **) &window);
  wait_for (shows_first_task, window);
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    g_assert_false (pb_test_maps_have (clients[i]));
  /* The test sees what is mapped: the libraries the window uses are. */
  g_assert_true (pb_test_maps_have ("libsqlite3.so"));
  g_assert_true (pb_test_maps_have ("libgtk-4.so"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

/* Style: Follow System / Light / Dark, from the main menu or Preferences,
 * kept in GSettings and applied through AdwStyleManager. */
static void
test_window_style (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "data", "library.db", NULL);
  g_autoptr(PbApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.planboard.Planboard");
  g_autoptr(GMenuModel) style_menu = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWindow *prefs;
  GtkWidget *row;
  GMenuModel *menu;
  GListModel *windows;
  const char *targets[] = { "follow", "light", "dark" };
  PbWindow *window;

  g_settings_reset (settings, "style");
  app = start_app (db, (GtkWindow **) &window);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);

  /* The main menu has a Style submenu of three radio items. */
  menu = NULL;
  collect_menu_buttons (GTK_WIDGET (window), buttons);
  for (guint i = 0; i < buttons->len && menu == NULL; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), "Main Menu") != 0)
        continue;
      gtk_menu_button_popup (button);
      spin ();
      menu = gtk_menu_button_get_menu_model (button);
      gtk_menu_button_popdown (button);
      spin ();
    }
  g_assert_nonnull (menu);
  for (int i = 0; i < g_menu_model_get_n_items (menu) && style_menu == NULL; i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section && j < g_menu_model_get_n_items (section) && style_menu == NULL; j++)
        {
          g_autofree char *label = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
              g_str_equal (label, "_Style"))
            style_menu = g_menu_model_get_item_link (section, j, G_MENU_LINK_SUBMENU);
        }
    }
  g_assert_nonnull (style_menu);
  g_assert_cmpint (g_menu_model_get_n_items (style_menu), ==, 3);
  for (int j = 0; j < 3; j++)
    {
      g_autofree char *action = NULL, *target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (style_menu, j, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_true (g_menu_model_get_item_attribute (style_menu, j, G_MENU_ATTRIBUTE_TARGET, "s", &target));
      g_assert_cmpstr (action, ==, "app.style");
      g_assert_cmpstr (target, ==, targets[j]);
    }

  /* Choosing Dark there stores it and darkens the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.style", "s", "dark"));
  spin ();
  {
    g_autofree char *style = g_settings_get_string (settings, "style");
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (app), "style");

    g_assert_cmpstr (style, ==, "dark");
    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "dark");
  }
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));

  /* Preferences shows it and sets it back to Light. */
  windows = gtk_window_get_toplevels ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  spin ();
  prefs = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (windows) && prefs == NULL; i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (windows, i);

      if (ADW_IS_PREFERENCES_WINDOW (w))
        prefs = w;
    }
  g_assert_nonnull (prefs);
  row = pb_test_find_named (GTK_WIDGET (prefs), "style");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  spin ();
  {
    g_autofree char *style = g_settings_get_string (settings, "style");

    g_assert_cmpstr (style, ==, "light");
  }
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));

  /* Follow System hands it back to the system (no dark preference here). */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  spin ();
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (pb_application_color_scheme_for_style ("nonsense"), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_settings_reset (settings, "style");
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

static void
icon_theme_changed_cb (GtkIconTheme *theme,
                       guint        *n_with_window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (g_list_model_get_n_items (toplevels) > 0)
    (*n_with_window)++;
}

/* GtkApplication's startup adds the application's icon path to an icon
 * theme GTK has already loaded, which queues the theme's "changed"; run
 * after the first frame, it told every widget of the window the theme had
 * changed: a second full frame at every start (51 ms of CPU at 5,000
 * items). The change now comes and goes before the window exists. In a
 * process of its own, started as the application starts. */
static void
test_window_icon_theme_settled (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(PbApplication) app = NULL;
  GtkIconTheme *theme;
  PbWindow *window;
  guint n_with_window = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = pb_test_make_dir ();
  db = g_build_filename (dir, "data", "library.db", NULL);
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_signal_connect (theme, "changed", G_CALLBACK (icon_theme_changed_cb), &n_with_window);
  app = start_app (db, (GtkWindow **) &window);
  wait_for (shows_first_task, window);
  {
    gint64 end = g_get_monotonic_time () + 500 * 1000;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  /* The application's own icons are found. */
  g_assert_true (gtk_icon_theme_has_icon (theme, "io.github.planboard.Planboard-symbolic"));
  g_assert_cmpuint (n_with_window, ==, 0);

  g_signal_handlers_disconnect_by_func (theme, icon_theme_changed_cb, &n_with_window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/example-plan", test_window);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/plan-row-follows-health", test_window_plan_row_follows_health);
  g_test_add_func ("/window/bad-library", test_window_bad_library);
  g_test_add_func ("/window/damaged-library", test_window_damaged_library);
  g_test_add_func ("/window/file-library-loads-no-libpq", test_window_file_library_no_libpq);
  g_test_add_func ("/window/shortcuts-window", test_window_shortcuts);
  g_test_add_func ("/window/opens-on-timeline", test_window_opens_on_timeline);
  g_test_add_func ("/window/menus", test_window_menus);
  g_test_add_func ("/window/style", test_window_style);
  g_test_add_func ("/window/pages-made-when-shown", test_window_pages_made_when_shown);
  g_test_add_func ("/window/icon-theme-settled-before-window", test_window_icon_theme_settled);

  return g_test_run ();
}
