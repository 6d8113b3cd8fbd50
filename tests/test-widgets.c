/* test-widgets.c — the board's widgets on their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The libadwaita pattern: each widget is ref_sink'd, its properties
 * round-trip, setting the same value notifies nothing, and it is
 * finalized when let go (no leaks through the store's signals).
 */
#include "config.h"

#include "pb-board-view.h"
#include "pb-item-editor.h"
#include "pb-task-card.h"
#include "pb-test-util.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static PbItem *
first_item (PbStore *store,
            gint64   plan)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan);

  return g_list_model_get_item (items, 3);
}

static void
test_task_card (PbTestLibrary *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_add_example_plan (f->store, &error);
  g_autoptr(PbItem) item = first_item (f->store, plan);
  g_autoptr(PbItem) got = NULL;
  g_autoptr(GDate) late = g_date_new_dmy (1, 1, 2030);
  PbTaskCard *card;
  guint notified = 0, health_notified = 0;

  card = g_object_ref_sink (PB_TASK_CARD (pb_task_card_new (f->store)));
  g_signal_connect (card, "notify::item", G_CALLBACK (count_notify), &notified);
  g_signal_connect (card, "notify::health", G_CALLBACK (count_notify), &health_notified);

  g_object_set (card, "item", item, NULL);
  g_object_get (card, "item", &got, NULL);
  g_assert_true (got == item);
  g_assert_cmpuint (notified, ==, 1);
  g_object_set (card, "item", item, NULL);
  g_assert_cmpuint (notified, ==, 1);

  /* The card follows the store; its health follows the date, and is
   * notified only when it changes. */
  g_assert_cmpint (pb_task_card_get_health (card), ==, PB_HEALTH_BLUE);
  g_assert_cmpuint (health_notified, ==, 1);   /* none → blue on showing the item */
  pb_task_card_set_today (card, late);
  g_assert_cmpint (pb_task_card_get_health (card), ==, PB_HEALTH_RED);
  g_assert_cmpuint (health_notified, ==, 2);
  pb_task_card_set_today (card, late);
  g_assert_cmpuint (health_notified, ==, 2);
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_DONE, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (pb_task_card_get_health (card), ==, PB_HEALTH_BLUE);

  pb_task_card_set_item (card, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_finalize_object (card);
}

static void
test_item_editor (PbTestLibrary *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_add_example_plan (f->store, &error);
  g_autoptr(PbItem) item = first_item (f->store, plan);
  g_autoptr(PbItem) got = NULL;
  PbItemEditor *editor;
  guint notified = 0;

  guint64 generation = pb_store_get_generation (f->store);

  editor = g_object_ref_sink (PB_ITEM_EDITOR (pb_item_editor_new (f->store)));
  g_signal_connect (editor, "notify::item", G_CALLBACK (count_notify), &notified);

  g_object_set (editor, "item", item, NULL);
  g_object_get (editor, "item", &got, NULL);
  g_assert_true (got == item);
  g_assert_cmpuint (notified, ==, 1);
  pb_item_editor_set_item (editor, item);
  g_assert_cmpuint (notified, ==, 1);

  /* Showing an item changes nothing in the store. */
  g_assert_cmpuint (pb_store_get_generation (f->store), ==, generation);

  pb_item_editor_set_item (editor, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_finalize_object (editor);
}

static void
test_board_view (PbTestLibrary *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_add_example_plan (f->store, &error);
  g_autoptr(PbPlan) plan = pb_store_get_record (f->store, PB_TYPE_PLAN, id);
  PbBoardView *board;
  guint notified = 0, total = 0;
  int grouping = -1;

  board = g_object_ref_sink (PB_BOARD_VIEW (pb_board_view_new (f->store)));
  g_signal_connect (board, "notify::grouping", G_CALLBACK (count_notify), &notified);
  pb_board_view_set_plan (board, plan);

  /* Section grouping: every item in exactly one column. */
  for (guint c = 0; c < pb_board_view_get_n_columns (board); c++)
    total += g_list_model_get_n_items (pb_board_view_get_column_items (board, c));
  g_assert_cmpuint (total, ==, 19);

  g_object_set (board, "grouping", PB_BOARD_GROUPING_STATUS, NULL);
  g_object_get (board, "grouping", &grouping, NULL);
  g_assert_cmpint (grouping, ==, PB_BOARD_GROUPING_STATUS);
  g_assert_cmpuint (notified, ==, 1);
  pb_board_view_set_grouping (board, PB_BOARD_GROUPING_STATUS);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (pb_board_view_get_column_key (board, 0), ==, "status:not-started");

  /* A new item appears in its column. */
  pb_store_add_item (f->store, id, 0, PB_ITEM_KIND_TASK, "20", "新增任务", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_board_view_get_column_items (board, 0)), ==, 3);

  pb_board_view_set_plan (board, NULL);
  g_assert_finalize_object (board);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  PB_TEST_ADD_LIBRARY ("/widgets/task-card", test_task_card);
  PB_TEST_ADD_LIBRARY ("/widgets/item-editor", test_item_editor);
  PB_TEST_ADD_LIBRARY ("/widgets/board-view", test_board_view);

  return g_test_run ();
}
