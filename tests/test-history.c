/* test-history.c — every change is one undoable command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo must bring the library back to exactly what it was: the tests
 * compare dumps of every table, row by row.
 */
#include "config.h"

#include "pb-test-util.h"

static void
undo_ok (PbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_undo (store, &error));
  g_assert_no_error (error);
}

static void
redo_ok (PbStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_redo (store, &error));
  g_assert_no_error (error);
}

static void
test_undo_redo_each_command (PbTestLibrary *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PbItem) item = NULL;
  gint64 plan, section, a, b, org_row, indicator, target;

  g_assert_false (pb_store_can_undo (f->store));
  g_assert_false (pb_store_undo (f->store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NO_HISTORY);
  g_clear_error (&error);

  g_ptr_array_add (states, pb_test_dump_store (f->store));
  plan = pb_store_create_plan (f->store, "绍兴市新型基础设施建设行动方案", 2020, 2022, &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  section = pb_store_add_section (f->store, plan, 0, "二", "重点任务", &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  a = pb_store_add_item (f->store, plan, section, PB_ITEM_KIND_TASK, "1", "5G网络建设", &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  b = pb_store_add_item (f->store, plan, section, PB_ITEM_KIND_TASK, "2", "数据中心", &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  org_row = pb_store_assign_organisation (f->store, a, "市经信局", PB_ROLE_LEAD, &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  indicator = pb_store_add_indicator (f->store, plan, a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  target = pb_store_add_target (f->store, indicator, 2022, 6500.5, PB_COMPARATOR_GE, FALSE, &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  pb_store_add_actual (f->store, indicator, "2021-06-30", 0.1 + 0.2, "上半年", &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  pb_store_add_dependency (f->store, a, b, 5, &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  pb_store_add_note (f->store, a, "2021-07-01", 0, "进展顺利", &error);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  item = pb_store_get_record (f->store, PB_TYPE_ITEM, a);
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_DONE, "due_date", "2022-12-31",
                "health_override", PB_HEALTH_RED, "health_reason", "用地未落实", NULL);
  g_ptr_array_add (states, pb_test_dump_store (f->store));
  g_assert_no_error (error);
  g_assert_cmpint (org_row, >, 0);
  g_assert_cmpint (target, >, 0);

  g_assert_true (pb_store_can_undo (f->store));
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Change Status");

  /* Undo walks back through every state, redo forward again. */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = NULL;

      undo_ok (f->store);
      now = pb_test_dump_store (f->store);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (pb_store_can_undo (f->store));
  g_assert_true (pb_store_can_redo (f->store));
  g_assert_cmpstr (pb_store_get_redo_label (f->store), ==, "New Plan");

  /* The record was deleted by undoing its creation. */
  g_assert_true (pb_record_is_deleted (PB_RECORD (item)));

  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      redo_ok (f->store);
      now = pb_test_dump_store (f->store);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (pb_store_can_redo (f->store));
  g_assert_false (pb_store_redo (f->store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NO_HISTORY);
}

static void
test_undo_delete_plan (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(GListModel) plans = pb_store_list_plans (f->store);
  g_autofree char *before = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *json_before = NULL;
  g_autofree char *json_after = NULL;
  gint64 id;

  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  before = pb_test_dump_store (f->store);
  json_before = pb_test_export_string (f->store, id);

  plan = pb_store_get_record (f->store, PB_TYPE_PLAN, id);
  g_assert_true (pb_store_delete (f->store, plan, &error));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Delete Plan");

  /* Every cascaded row comes back, with its id, in one step. */
  undo_ok (f->store);
  restored = pb_test_dump_store (f->store);
  g_assert_cmpstr (restored, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  json_after = pb_test_export_string (f->store, id);
  g_assert_cmpstr (json_after, ==, json_before);
  /* A server checks every (deferred) key at COMMIT itself: the undo
   * committed, so they hold. */
  if (!pb_test_on_server ())
    g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  redo_ok (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item"), ==, 0);
}

static void
test_import_is_one_command (PbTestLibrary *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = pb_test_dump_store (f->store);
  g_autofree char *now = NULL;
  gint64 id;

  id = pb_test_add_big_plan (f->store, "大方案", 500, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item"), ==, 500);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Import plan");

  undo_ok (f->store);
  now = pb_test_dump_store (f->store);
  g_assert_cmpstr (now, ==, empty);
  g_assert_false (pb_store_can_undo (f->store));
  (void) id;
}

static void
test_group (PbTestLibrary *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  gint64 plan, section_a, section_b, item;
  g_autoptr(PbItem) record = NULL;

  plan = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  section_a = pb_store_add_section (f->store, plan, 0, "一", "甲", &error);
  section_b = pb_store_add_section (f->store, plan, 0, "二", "乙", &error);
  item = pb_store_add_item (f->store, plan, section_a, PB_ITEM_KIND_TASK, "1", "任务", &error);
  g_assert_no_error (error);
  record = pb_store_get_record (f->store, PB_TYPE_ITEM, item);
  before = pb_test_dump_store (f->store);

  /* A compound edit, such as moving a card: several commands, one undo. */
  pb_store_begin_group (f->store, "Move card");
  pb_store_set (f->store, record, &error, "section_id", section_b, NULL);
  pb_store_begin_group (f->store, "inner");
  pb_store_set (f->store, record, &error, "position", (gint64) 7, NULL);
  pb_store_end_group (f->store);
  pb_store_set (f->store, record, &error, "status", PB_ITEM_STATUS_IN_PROGRESS, NULL);
  pb_store_end_group (f->store);
  g_assert_no_error (error);
  after = pb_test_dump_store (f->store);

  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Move card");
  undo_ok (f->store);
  now = pb_test_dump_store (f->store);
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpint (pb_item_get_section_id (record), ==, section_a);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Add Item");

  redo_ok (f->store);
  g_free (now);
  now = pb_test_dump_store (f->store);
  g_assert_cmpstr (now, ==, after);
  g_assert_cmpint (pb_item_get_section_id (record), ==, section_b);
}

static void
test_new_command_drops_redo (PbTestLibrary *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pb_store_create_plan (f->store, "甲", 0, 0, &error);
  pb_store_create_plan (f->store, "乙", 0, 0, &error);
  undo_ok (f->store);
  g_assert_true (pb_store_can_redo (f->store));

  pb_store_create_plan (f->store, "丙", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_can_redo (f->store));
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 2);

  undo_ok (f->store);
  undo_ok (f->store);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 0);
}

static void
test_failed_command_not_recorded (PbTestLibrary *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 plan, id;

  plan = pb_store_create_plan (f->store, "方案", 0, 0, &error);
  id = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "1", "任务", &error);
  g_assert_no_error (error);
  item = pb_store_get_record (f->store, PB_TYPE_ITEM, id);
  before = pb_test_dump_store (f->store);

  /* The title change is rolled back with the invalid progress. */
  g_assert_false (pb_store_set (f->store, item, &error, "title", "新标题", "progress", 2.0, NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pb_store_add_item (f->store, 4242, 0, PB_ITEM_KIND_TASK, "", "", &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);

  after = pb_test_dump_store (f->store);
  g_assert_cmpstr (after, ==, before);

  /* Neither failure is in the history: undo takes back the item. */
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Add Item");
  undo_ok (f->store);
  g_assert_true (pb_record_is_deleted (PB_RECORD (item)));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify (PbTestLibrary *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint can_undo = 0;

  g_signal_connect (f->store, "notify::can-undo", G_CALLBACK (count_notify), &can_undo);
  pb_store_create_plan (f->store, "方案", 0, 0, &error);
  g_assert_cmpuint (can_undo, >=, 1);

  pb_store_clear_history (f->store);
  g_assert_false (pb_store_can_undo (f->store));
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 1);
}

/* Each command knows the one plan it changed, through what a row belongs
 * to (a target's indicator, a dependency's items), after Undo and Redo
 * too; a group over two plans, none. Undo in a window showing another
 * plan says (and shows) where it acts. */
static void
test_command_plan (PbTestLibrary *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = NULL;
  gint64 p1, p2, a, b, c, k;

  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, 0);
  p1 = pb_store_create_plan (f->store, "甲方案", 2025, 2027, &error);
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p1);
  p2 = pb_store_create_plan (f->store, "乙方案", 2025, 2027, &error);
  a = pb_store_add_item (f->store, p1, 0, PB_ITEM_KIND_TASK, "1", "建设数据中心", &error);
  b = pb_store_add_item (f->store, p1, 0, PB_ITEM_KIND_TASK, "2", "建设充电桩", &error);
  c = pb_store_add_item (f->store, p2, 0, PB_ITEM_KIND_TASK, "1", "推广5G应用", &error);
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p2);
  pb_store_add_dependency (f->store, a, b, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Make 2 建设充电桩 Start After 1 建设数据中心");
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p1);
  k = pb_store_add_indicator (f->store, p2, c, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_target (f->store, k, 2026, 1000, PB_COMPARATOR_GE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p2);

  /* Taken back, the command is Redo's, with its plan. */
  undo_ok (f->store);
  g_assert_cmpint (pb_store_get_redo_plan (f->store), ==, p2);
  undo_ok (f->store);
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p1);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Make 2 建设充电桩 Start After 1 建设数据中心");
  undo_ok (f->store);
  g_assert_cmpint (pb_store_get_redo_plan (f->store), ==, p1);
  redo_ok (f->store);
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p1);
  g_assert_cmpint (pb_store_get_redo_plan (f->store), ==, p2);

  /* A deleted item: its plan still told. */
  item = pb_store_get_record (f->store, PB_TYPE_ITEM, b);
  g_assert_true (pb_store_delete (f->store, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, p1);

  /* One command over two plans: no one plan. */
  {
    g_autoptr(PbItem) ia = pb_store_get_record (f->store, PB_TYPE_ITEM, a);
    g_autoptr(PbItem) ic = pb_store_get_record (f->store, PB_TYPE_ITEM, c);

    pb_store_begin_group (f->store, "Mark Done");
    pb_store_set (f->store, ia, &error, "status", PB_ITEM_STATUS_DONE, NULL);
    pb_store_set (f->store, ic, &error, "status", PB_ITEM_STATUS_DONE, NULL);
    pb_store_end_group (f->store);
    g_assert_no_error (error);
    g_assert_cmpint (pb_store_get_undo_plan (f->store), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD PB_TEST_ADD_LIBRARY
  ADD ("/history/undo-redo/each-command", test_undo_redo_each_command);
  ADD ("/history/undo-redo/delete-plan", test_undo_delete_plan);
  ADD ("/history/import-is-one-command", test_import_is_one_command);
  ADD ("/history/group", test_group);
  ADD ("/history/new-command-drops-redo", test_new_command_drops_redo);
  ADD ("/history/failed-command", test_failed_command_not_recorded);
  ADD ("/history/notify", test_notify);
  ADD ("/history/command-plan", test_command_plan);
#undef ADD

  return g_test_run ();
}
