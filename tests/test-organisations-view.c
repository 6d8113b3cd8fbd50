/* test-organisations-view.c — the Organisations table and the health
 * every view shows, read back from the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, on the example plan and on a corpus plan imported from its
 * document (../shared/corpus/liupanshui-2022.txt): the Organisations
 * table's rendered cells are read back and checked against the store's
 * ranking — each figure under its own heading, Completion present — at
 * several window widths, for this plan and for all plans, and choosing
 * All Plans leaves the selected plan alone. Then `planboard-cli health
 * --json` on the same library must agree with what the cards and the
 * store's cached health (what every view reads) say, item by item.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "pb-format.h"
#include "pb-board-view.h"
#include "pb-document.h"
#include "pb-health-style.h"
#include "pb-organisations-view.h"
#include "pb-plan-parser.h"
#include "pb-supervision.h"
#include "pb-task-card.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"

static PbTestApp t;

#define spin pb_test_spin

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

static void
wait_until (gboolean (*check) (GtkWidget *), GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!check (widget) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  g_assert_true (check (widget));
  spin ();
}

static void
show_page (const char *name)
{
  GtkWidget *view = g_str_equal (name, "board") ? pb_window_get_board (t.window) : pb_window_get_organisations (t.window);
  GtkWidget *leaflet = gtk_widget_get_ancestor (view, ADW_TYPE_LEAFLET);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK)), name);
  /* A folded window shows the plan's pages, not the list of plans. */
  if (leaflet && adw_leaflet_get_folded (ADW_LEAFLET (leaflet)))
    adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  wait_until (is_shown, view);
  pb_test_wait_frame (view);
}

/* Resizes the window and waits until it has about that width (its
 * client-side decorations take a few pixels). */
static void
set_width (int width)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (t.window), width, 760);
  while (abs (gtk_widget_get_width (GTK_WIDGET (t.window)) - width) > 16 && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  g_assert_cmpint (abs (gtk_widget_get_width (GTK_WIDGET (t.window)) - width), <=, 16);
  for (int i = 0; i < 5; i++)
    {
      spin ();
      g_usleep (20000);
    }
}

static void
collect (GtkWidget  *root,
         GPtrArray  *titles,
         GPtrArray  *cells)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnViewTitle"))
        g_ptr_array_add (titles, child);
      else if (GTK_IS_LABEL (child) && g_object_get_data (G_OBJECT (child), "pb-org-column"))
        g_ptr_array_add (cells, child);
      collect (child, titles, cells);
    }
}

/* The columns as the view builds them (pb-organisations-view.c). */
enum { COL_RANK, COL_NAME, COL_PLANS, COL_LED, COL_COOWNED, COL_BLUE, COL_YELLOW, COL_RED, COL_COMPLETION, COL_CHANGE };

static const char *
column_title (int column)
{
  static const char *titles[] = { "Rank", "Organisation", "Plans", "Leads", "Co-owns", "On Track", "Behind",
                                  "Seriously Behind", "Completion", "Change" };
  return titles[column];
}

/* What a cell of @s in @column must read. */
static char *
expected_text (const PbOrgStats *s,
               int               column)
{
  switch (column)
    {
    case COL_RANK: return s->rank > 0 ? g_strdup_printf ("%u", s->rank) : g_strdup ("—");
    case COL_NAME: return g_strdup (s->name);
    case COL_PLANS: return g_strdup_printf ("%u", s->n_plans);
    case COL_LED: return g_strdup_printf ("%u", s->led);
    case COL_COOWNED: return g_strdup_printf ("%u", s->coowned);
    case COL_BLUE: return g_strdup_printf ("%s %u", pb_health_get_symbol (PB_HEALTH_BLUE), s->health[PB_HEALTH_BLUE]);
    case COL_YELLOW: return g_strdup_printf ("%s %u", pb_health_get_symbol (PB_HEALTH_YELLOW), s->health[PB_HEALTH_YELLOW]);
    case COL_RED: return g_strdup_printf ("%s %u", pb_health_get_symbol (PB_HEALTH_RED), s->health[PB_HEALTH_RED]);
    case COL_COMPLETION: return pb_format_percent (s->completion);
    default: return NULL;
    }
}

typedef struct
{
  double     y;
  GPtrArray *cells;
} Row;

static void
row_free (gpointer data)
{
  Row *r = data;

  g_ptr_array_unref (r->cells);
  g_free (r);
}

/* Reads the rendered table back and checks it against the store. */
static void
check_table (const char *what,
             gboolean    all_plans)
{
  GtkWidget *view = pb_window_get_organisations (t.window);
  GtkWidget *columns = pb_test_find_type (view, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *scroller = gtk_widget_get_ancestor (columns, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GPtrArray) expected = NULL;
  graphene_rect_t title_box[COL_CHANGE + 1];
  gboolean has_title[COL_CHANGE + 1] = { FALSE, };
  guint checked = 0;
  GDate today;

  g_test_message ("%s, %d px", what, gtk_widget_get_width (GTK_WIDGET (t.window)));
  g_assert_nonnull (columns);
  pb_date_today (&today);
  expected = pb_store_compute_organisation_stats (t.store, all_plans ? 0 : pb_window_get_selected_plan (t.window), &today);
  g_assert_cmpuint (expected->len, >, 0);

  collect (columns, titles, cells);

  /* The headings: each once, whole (not cut), Completion among them. */
  for (guint i = 0; i < titles->len; i++)
    {
      GtkWidget *title = g_ptr_array_index (titles, i);
      GtkWidget *label = pb_test_find_type (title, GTK_TYPE_LABEL);
      graphene_rect_t box;
      int column;

      if (!gtk_widget_is_drawable (title) || label == NULL)
        continue;
      for (column = 0; column <= COL_CHANGE; column++)
        if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), column_title (column)))
          break;
      g_assert_cmpint (column, <=, COL_CHANGE);
      g_assert_false (has_title[column]);
      g_assert_true (gtk_widget_compute_bounds (title, columns, &box));
      {
        int natural = 0;
        gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
        if (gtk_widget_get_width (label) < natural || gtk_widget_get_width (title) < natural)
          g_error ("%s: the heading “%s” is cut: %d of %d px", what, column_title (column),
                   MIN (gtk_widget_get_width (label), gtk_widget_get_width (title)), natural);
      }
      title_box[column] = box;
      has_title[column] = TRUE;
      /* Completion says what it measures (rev21 findings 4, 4c): a mean
       * of the items' completion, each capped at 100 %, not "done". */
      if (column == COL_COMPLETION &&
          g_strcmp0 (gtk_widget_get_tooltip_text (label), pb_organisation_completion_definition ()) != 0)
        g_error ("%s: the Completion heading's tooltip is “%s”", what, gtk_widget_get_tooltip_text (label));
    }
  for (int column = 0; column <= COL_COMPLETION; column++)
    if (column != COL_PLANS || all_plans)
      if (!has_title[column])
        g_error ("%s: no heading %s", what, column_title (column));
  g_assert_cmpint (has_title[COL_PLANS], ==, all_plans);

  /* Completion is in view without scrolling sideways. */
  {
    graphene_rect_t in_scroller;
    GtkWidget *completion_title = NULL;

    for (guint i = 0; i < titles->len; i++)
      {
        GtkWidget *label = pb_test_find_type (g_ptr_array_index (titles, i), GTK_TYPE_LABEL);
        if (label && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "Completion"))
          completion_title = g_ptr_array_index (titles, i);
      }
    g_assert_nonnull (completion_title);
    g_assert_true (gtk_widget_compute_bounds (completion_title, scroller, &in_scroller));
    if (in_scroller.origin.x < 0 || in_scroller.origin.x + in_scroller.size.width > gtk_widget_get_width (scroller) + 0.5)
      g_error ("%s: Completion lies at %.0f–%.0f px, out of the table's %d px", what, in_scroller.origin.x,
               in_scroller.origin.x + in_scroller.size.width, gtk_widget_get_width (scroller));
  }

  /* The cells, by row. */
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      graphene_rect_t box;
      Row *row = NULL;

      if (!gtk_widget_is_drawable (cell) || !gtk_widget_compute_bounds (cell, columns, &box))
        continue;
      if (box.origin.y + box.size.height < 0 || box.origin.y > gtk_widget_get_height (scroller))
        continue;
      for (guint r = 0; r < rows->len && row == NULL; r++)
        if (fabs (((Row *) g_ptr_array_index (rows, r))->y - (box.origin.y + box.size.height / 2)) < 3)
          row = g_ptr_array_index (rows, r);
      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->y = box.origin.y + box.size.height / 2;
          row->cells = g_ptr_array_new ();
          g_ptr_array_add (rows, row);
        }
      g_ptr_array_add (row->cells, cell);

      /* Each figure under its own heading. */
      {
        int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "pb-org-column")) - 1;
        double middle = box.origin.x + box.size.width / 2;

        if (!has_title[column])
          g_error ("%s: a cell of %s (%s) under no heading", what, column_title (column), gtk_label_get_text (GTK_LABEL (cell)));
        if (middle < title_box[column].origin.x || middle > title_box[column].origin.x + title_box[column].size.width ||
            box.origin.x < title_box[column].origin.x - 1 ||
            box.origin.x + box.size.width > title_box[column].origin.x + title_box[column].size.width + 1)
          g_error ("%s: “%s” (%s) at %.0f–%.0f px is not under its heading at %.0f–%.0f px", what,
                   gtk_label_get_text (GTK_LABEL (cell)), column_title (column), box.origin.x, box.origin.x + box.size.width,
                   title_box[column].origin.x, title_box[column].origin.x + title_box[column].size.width);
      }
    }

  /* Each row says what the store says of that organisation. */
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      const PbOrgStats *s = NULL;
      guint position = G_MAXUINT;

      for (guint c = 0; c < row->cells->len; c++)
        {
          GtkWidget *cell = g_ptr_array_index (row->cells, c);
          if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "pb-org-column")) - 1 == COL_NAME)
            for (guint k = 0; k < expected->len; k++)
              if (g_str_equal (((PbOrgStats *) g_ptr_array_index (expected, k))->name, gtk_label_get_text (GTK_LABEL (cell))))
                {
                  s = g_ptr_array_index (expected, k);
                  position = k;
                  /* The name is read on screen whole, at every width (360 px
                   * too): never cut to "…", and at least a few characters
                   * wide (it wraps, or the table scrolls). */
                  if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (cell))))
                    g_error ("%s: the name “%s” is shown ellipsized", what, s->name);
                  if (gtk_widget_get_width (cell) < 48)
                    g_error ("%s: the name “%s” is %d px wide", what, s->name, gtk_widget_get_width (cell));
                }
        }
      if (s == NULL)
        continue;
      g_assert_cmpuint (row->cells->len, ==, (all_plans ? 10 : 9) - (has_title[COL_CHANGE] ? 0 : 1));
      for (guint c = 0; c < row->cells->len; c++)
        {
          GtkWidget *cell = g_ptr_array_index (row->cells, c);
          int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "pb-org-column")) - 1;
          g_autofree char *want = expected_text (s, column);

          if (want && g_strcmp0 (gtk_label_get_text (GTK_LABEL (cell)), want) != 0)
            g_error ("%s: %s's %s reads “%s”, the store says “%s”", what, s->name, column_title (column),
                     gtk_label_get_text (GTK_LABEL (cell)), want);
        }
      /* Rows in the order of the ranking. */
      for (guint q = 0; q < rows->len; q++)
        {
          Row *other = g_ptr_array_index (rows, q);
          if (other->y < row->y)
            g_assert_cmpuint (position, >, 0);
        }
      checked++;
    }
  if (checked < MIN (expected->len, 5))
    g_error ("%s: only %u rows read back", what, checked);
}

static void
set_all_plans (gboolean all)
{
  GtkWidget *view = pb_window_get_organisations (t.window);
  GtkDropDown *scope = GTK_DROP_DOWN (pb_test_find_type (view, GTK_TYPE_DROP_DOWN));

  /* As the user does: the scope menu. */
  gtk_drop_down_set_selected (scope, all ? 1 : 0);
  /* The Plans column comes and goes: read the frame that shows it. */
  pb_test_wait_frame (view);
}

static gint64
import_corpus_plan (void)
{
  g_autofree char *path = pb_test_corpus_path ("liupanshui-2022.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  gint64 plan;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("no corpus at %s: the tests need ../shared beside the source tree", path);
  text = pb_document_read_text (path, NULL, &error);
  g_assert_no_error (error);
  parsed = pb_plan_parse_text (text, -1, NULL, &error);
  g_assert_no_error (error);
  plan = pb_store_import_plan_json (t.store, parsed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan, >, 0);
  return plan;
}

static void
test_table (void)
{
  static const int widths[] = { 1280, 1024, 800, 600, 360 };
  gint64 example, corpus;

  pb_test_app_start (&t);
  wait_until (is_shown, GTK_WIDGET (t.window));
  example = pb_window_get_selected_plan (t.window);
  g_assert_cmpint (example, >, 0);
  corpus = import_corpus_plan ();
  spin ();

  for (guint p = 0; p < 2; p++)
    {
      gint64 plan = p == 0 ? example : corpus;
      const char *name = p == 0 ? "example plan" : "liupanshui-2022";

      pb_window_select_plan (t.window, plan);
      spin ();
      g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, plan);

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          g_autofree char *this_plan = g_strdup_printf ("%s, this plan", name);
          g_autofree char *all = g_strdup_printf ("%s, all plans", name);

          set_width (widths[w]);
          show_page ("organisations");
          check_table (this_plan, FALSE);

          /* The selected plan's reporting status ("Reporting Status,
           * <month>", Collect Progress…, Import…) shows under its ranking… */
          g_assert_true (gtk_widget_get_mapped (pb_window_get_form_status (t.window)));
          /* All Plans: every plan's organisations; the plan stays selected. */
          set_all_plans (TRUE);
          check_table (all, TRUE);
          g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, plan);
          /* …but not under every plan's: an officer comparing plans is not
           * shown, nor offered to collect, one plan's forms unnamed. */
          g_assert_false (gtk_widget_get_mapped (pb_window_get_form_status (t.window)));
          /* And back, the Plans column gone again, the status back. */
          set_all_plans (FALSE);
          check_table (this_plan, FALSE);
          g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, plan);
          g_assert_true (gtk_widget_get_mapped (pb_window_get_form_status (t.window)));
        }

      /* The library menu's "all plans" leaves the selected plan alone too. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.organisations-all-plans", NULL));
      spin ();
      g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, plan);
      set_all_plans (FALSE);
    }

  pb_test_app_stop (&t);
}

/* ---- `planboard-cli health --json` agrees with the window ----------------- */

static const char *
health_nick (PbHealth health)
{
  static const char * const nicks[] = { "none", "blue", "yellow", "red" };
  return nicks[health];
}

static JsonNode *
cli_health (const char *db,
            gint64      plan,
            const char *today)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan);
  const char *argv[] = { g_getenv ("PLANBOARD_CLI"), "--db", db, "health", id, "--json", "--today", today, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("planboard-cli health failed: %s", err);
  return json_from_string (out, &error);
}

static void
collect_cards (GtkWidget  *root,
               GHashTable *cards)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (PB_IS_TASK_CARD (child) && gtk_widget_is_drawable (child))
        {
          g_autoptr(PbItem) item = NULL;

          g_object_get (child, "item", &item, NULL);
          if (item)
            g_hash_table_insert (cards, g_memdup2 (&(gint64) { pb_record_get_id (PB_RECORD (item)) }, sizeof (gint64)), child);
        }
      collect_cards (child, cards);
    }
}

/* The mean completion of the items each organisation leads, from the
 * CLI's per-item figures: name → double[2] (sum, count). */
typedef struct
{
  GHashTable *cli;   /* item id → completion (a double, NAN for null) */
  GHashTable *sums;
} OrgMeans;

static void
add_led_item (gint64      item_id,
              gint64      organisation_id,
              const char *name,
              PbRole      role,
              gpointer    user_data)
{
  OrgMeans *m = user_data;
  double *c = g_hash_table_lookup (m->cli, &item_id);
  double *sum;

  if (role != PB_ROLE_LEAD || c == NULL || isnan (*c))
    return;
  if ((sum = g_hash_table_lookup (m->sums, name)) == NULL)
    g_hash_table_insert (m->sums, g_strdup (name), sum = g_new0 (double, 2));
  sum[0] += *c;
  sum[1] += 1;
}

static void
check_cli_agrees (const char *what,
                  gint64      plan)
{
  g_autofree char *db = g_build_filename (t.dir, "library.db", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) cli_completion = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  JsonArray *items;
  char today_text[11];
  guint n_cards = 0;
  guint colours[4] = { 0, };
  GDate today;

  pb_date_today (&today);
  pb_date_format (&today, today_text);
  root = cli_health (db, plan, today_text);
  g_assert_nonnull (root);
  items = json_object_get_array_member (json_node_get_object (root), "items");

  pb_window_select_plan (t.window, plan);
  show_page ("board");
  collect_cards (pb_window_get_board (t.window), cards);

  {
    g_autoptr(GListModel) all = pb_store_list_items (t.store, plan);
    g_assert_cmpuint (json_array_get_length (items), ==, g_list_model_get_n_items (all));
  }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      gint64 id = json_object_get_int_member (o, "id");
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, id);
      const char *reason = NULL;
      PbHealth health;
      PbTaskCard *card;

      g_assert_nonnull (item);
      health = pb_store_get_item_health (t.store, item, &today, &reason);
      colours[health]++;
      if (g_strcmp0 (json_object_get_string_member (o, "health"), health_nick (health)) != 0 ||
          g_strcmp0 (json_object_get_string_member (o, "reason"), reason) != 0)
        g_error ("%s: item %s %s: the CLI says %s (%s), the window %s (%s)", what,
                 pb_item_get_number (item), pb_item_get_title (item),
                 json_object_get_string_member (o, "health"), json_object_get_string_member (o, "reason"),
                 health_nick (health), reason);

      /* The same completion (DESIGN §5, null when none). */
      {
        double want = pb_store_get_item_health_completion (t.store, item, &today, NULL);
        JsonNode *node = json_object_get_member (o, "completion");
        double got = node == NULL || JSON_NODE_HOLDS_NULL (node) ? NAN : json_node_get_double (node);

        if (isnan (want) != isnan (got) || (!isnan (want) && fabs (want - got) > 1e-6))
          g_error ("%s: item %s's completion: the CLI says %f, the window %f", what,
                   pb_item_get_title (item), got, want);
        g_hash_table_insert (cli_completion, g_memdup2 (&id, sizeof id), g_memdup2 (&got, sizeof got));
      }

      card = g_hash_table_lookup (cards, &id);
      if (card)
        {
          if (pb_task_card_get_health (card) != health)
            g_error ("%s: item %s's card shows %d, the CLI %s", what, pb_item_get_title (item),
                     pb_task_card_get_health (card), json_object_get_string_member (o, "health"));
          n_cards++;
        }
    }
  g_test_message ("%s: %u items agree, %u of them on cards in view; %u blue, %u yellow, %u red", what,
                  json_array_get_length (items), n_cards, colours[PB_HEALTH_BLUE], colours[PB_HEALTH_YELLOW],
                  colours[PB_HEALTH_RED]);
  g_assert_cmpuint (n_cards, >=, 3);

  /* Each organisation's mean completion on the Organisations page (whose
   * cells test_table reads back) is the mean of the CLI's figures for the
   * items it leads. */
  {
    g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GPtrArray) stats = pb_store_compute_organisation_stats (t.store, plan, &today);
    OrgMeans m = { cli_completion, sums };
    guint n_ranked = 0;

    pb_store_foreach_item_org (t.store, plan, add_led_item, &m);
    for (guint i = 0; i < stats->len; i++)
      {
        PbOrgStats *s = g_ptr_array_index (stats, i);
        double *sum = g_hash_table_lookup (sums, s->name);
        double want = sum ? sum[0] / sum[1] : NAN;

        if (isnan (want) != isnan (s->completion) || (!isnan (want) && fabs (want - s->completion) > 1e-6))
          g_error ("%s: %s's mean completion: the page %f, from the CLI %f", what, s->name, s->completion, want);
        n_ranked += s->rank > 0;
      }
    g_assert_cmpuint (n_ranked, >, 0);
  }
}

static void
test_cli_agrees (void)
{
  gint64 example, corpus;

  pb_test_app_start (&t);
  wait_until (is_shown, GTK_WIDGET (t.window));
  example = pb_window_get_selected_plan (t.window);
  corpus = import_corpus_plan ();
  spin ();
  set_width (1280);

  check_cli_agrees ("example plan", example);
  check_cli_agrees ("liupanshui-2022", corpus);

  pb_test_app_stop (&t);
}

/* ---- Dark style: every count is readable -------------------------------- */

static double
luminance (const guint8 *px)
{
  double c[3];

  /* Cairo's ARGB32 as gdk_texture_download gives it: B, G, R, A. */
  for (int i = 0; i < 3; i++)
    {
      double v = px[2 - i] / 255.0;
      c[i] = v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* The WCAG contrast of the most contrasting pixel inside @label, as
 * drawn in @data, against the pixel at its top-left corner (the row's
 * background). */
static double
drawn_contrast (GtkWidget    *label,
                const guint8 *data,
                gsize         stride,
                int           width,
                int           height)
{
  graphene_rect_t b;
  double bg, best = 1.0;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (label, GTK_WIDGET (t.window), &b));
  x0 = CLAMP ((int) b.origin.x, 0, width - 1);
  y0 = CLAMP ((int) b.origin.y, 0, height - 1);
  x1 = CLAMP ((int) (b.origin.x + b.size.width), 0, width);
  y1 = CLAMP ((int) (b.origin.y + b.size.height), 0, height);
  bg = luminance (data + y0 * stride + x0 * 4);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double l = luminance (data + y * stride + x * 4);
        double ratio = (MAX (l, bg) + 0.05) / (MIN (l, bg) + 0.05);

        best = MAX (best, ratio);
      }
  return best;
}

/* In the dark style, the zero counts of the health columns (dimmed, as
 * nothing is to be coloured) and the other counts read at least 4.5:1
 * against the table's background (WCAG AA), as drawn. */
static void
test_dark_counts (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *data = NULL;
  guint n_zero = 0, n_counts = 0;
  int width, height;
  gsize stride;

  pb_test_app_start (&t);
  wait_until (is_shown, GTK_WIDGET (t.window));
  set_width (1280);
  /* The colours measured are the dark style's own, not a frame of the
   * theme's transitions between light and dark (on a loaded machine the
   * settle below can end inside one). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "app.style", "s", "dark"));
  pb_test_settle_for (300);
  g_assert_true (adw_style_manager_get_dark (manager));
  show_page ("organisations");
  pb_test_settle_for (500);

  width = gtk_widget_get_width (GTK_WIDGET (t.window));
  height = gtk_widget_get_height (GTK_WIDGET (t.window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (t.window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (t.window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (g_getenv ("PB_TEST_SHOT_DIR"))
    {
      g_autofree char *path = g_build_filename (g_getenv ("PB_TEST_SHOT_DIR"), "organisations-dark.png", NULL);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  stride = (gsize) width * 4;
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);

  collect (pb_window_get_organisations (t.window), titles, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "pb-org-column")) - 1;
      const char *text = gtk_label_get_text (GTK_LABEL (cell));
      double contrast;

      if ((column != COL_BLUE && column != COL_YELLOW && column != COL_RED) || !gtk_widget_is_drawable (cell))
        continue;
      contrast = drawn_contrast (cell, data, stride, width, height);
      if (contrast < 4.5)
        g_error ("in the dark style, the count \"%s\" under %s reads at %.2f:1 only", text, column_title (column), contrast);
      if (g_str_has_suffix (text, " 0"))
        n_zero++;
      else
        n_counts++;
    }
  g_assert_cmpuint (n_zero, >, 0);
  g_assert_cmpuint (n_counts, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "app.style", "s", "follow"));
  pb_test_settle_for (300);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  pb_test_app_stop (&t);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/organisations-view/table", test_table);
  g_test_add_func ("/organisations-view/dark-counts", test_dark_counts);
  g_test_add_func ("/health/cli-agrees-with-window", test_cli_agrees);

  return g_test_run ();
}
