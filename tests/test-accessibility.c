/* test-accessibility.c — what assistive technology is told
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb on the real window: every custom widget has a role and a
 * name, the timeline tells its row count and the selected bar in words,
 * and the custom widgets take keyboard focus.
 */
#include "config.h"

#include "pb-editable-cell.h"
#include "pb-health.h"
#include "pb-indicators-view.h"
#include "pb-task-card.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-timeline-view.h"

static void
show_page (PbTestApp  *t,
           GtkWidget  *view,
           const char *name)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK)), name);
  while (!gtk_widget_get_mapped (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  pb_test_spin ();
}

static void
test_roles_and_names (void)
{
  PbTestApp t = { 0 };
  GtkWidget *card, *timeline, *indicators, *cell;
  g_autoptr(PbItem) item = NULL;
  guint n_rows;

  pb_test_app_start (&t);

  /* A card: a group named by its number, title, lead and health. */
  card = pb_test_find_type (GTK_WIDGET (t.window), PB_TYPE_TASK_CARD);
  g_assert_nonnull (card);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_ROLE_GROUP);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_widget_get_focusable (card) || gtk_widget_get_focusable (gtk_widget_get_parent (card)));

  /* The timeline: a grid that says how many rows it has and, when a bar
   * is selected, which one and how it is doing. */
  timeline = pb_window_get_timeline (t.window);
  show_page (&t, timeline, "timeline");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_ROLE_GRID);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline");
  n_rows = pb_timeline_get_n_rows (pb_timeline_view_get_timeline (PB_TIMELINE_VIEW (timeline)));
  g_assert_cmpuint (n_rows, >, 10);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_RELATION_ROW_COUNT, (int) n_rows);
  g_assert_true (gtk_widget_get_focusable (timeline));

  item = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  pb_timeline_view_select (PB_TIMELINE_VIEW (timeline), pb_record_get_id (PB_RECORD (item)));
  {
    guint row = 0;
    g_autofree char *expected = NULL;
    GDate today;
    const char *reason = NULL;
    PbHealth health;

    pb_date_today (&today);
    health = pb_store_get_item_health (t.store, item, &today, &reason);
    g_assert_true (pb_timeline_get_item_row (pb_timeline_view_get_timeline (PB_TIMELINE_VIEW (timeline)),
                                             pb_record_get_id (PB_RECORD (item)), &row));
    expected = g_strdup_printf ("Row %u of %u: 1 加快5G网络规模化部署, 2025-01-01 to 2027-12-31, %.0f%% done, %s %s",
                                row + 1, n_rows, pb_store_get_item_completion (t.store, item, &today) * 100,
                                health == PB_HEALTH_BLUE ? "●" : health == PB_HEALTH_YELLOW ? "▲" : health == PB_HEALTH_RED ? "■" : "○",
                                reason);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }

  /* The Indicators page, its table and its chart are named; a target
   * cell is a button that takes focus. */
  indicators = pb_window_get_indicators (t.window);
  show_page (&t, indicators, "indicators");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (indicators), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (indicators), GTK_ACCESSIBLE_PROPERTY_LABEL, "Indicators");
  {
    GtkWidget *columns = pb_test_find_type (indicators, GTK_TYPE_COLUMN_VIEW);
    GtkWidget *chart = pb_test_find_type (indicators, GTK_TYPE_DRAWING_AREA);

    g_assert_nonnull (columns);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (columns), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Indicators and their yearly targets");
    g_assert_nonnull (chart);
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL));
  }
  cell = pb_test_find_type (indicators, PB_TYPE_EDITABLE_CELL);
  g_assert_nonnull (cell);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_ROLE_BUTTON);
  g_assert_true (gtk_widget_get_focusable (cell));
  /* Enter on a focused cell edits it; Escape leaves it as it was. */
  gtk_widget_grab_focus (cell);
  pb_editable_cell_start_editing (PB_EDITABLE_CELL (cell));
  g_assert_true (pb_editable_cell_get_editing (PB_EDITABLE_CELL (cell)));
  pb_editable_cell_stop_editing (PB_EDITABLE_CELL (cell), FALSE);
  g_assert_false (pb_editable_cell_get_editing (PB_EDITABLE_CELL (cell)));

  pb_test_app_stop (&t);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accessibility/roles-and-names", test_roles_and_names);

  return g_test_run ();
}
