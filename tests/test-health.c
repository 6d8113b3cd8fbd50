/* test-health.c — an item's health from its dates and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-health.h"
#include "pb-test-util.h"

static PbItem *
make_item (PbTestLibrary *f,
           const char    *start,
           const char    *due,
           PbItemStatus   status,
           double         progress)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  gint64 id = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "1", "任务", &error);
  PbItem *item = pb_store_get_record (f->store, PB_TYPE_ITEM, id);

  pb_store_set (f->store, item, &error, "start_date", start, "due_date", due,
                "status", status, "progress", progress, NULL);
  g_assert_no_error (error);
  return item;
}

static PbHealth
health_on (PbItem     *item,
           int         y,
           int         m,
           int         d)
{
  g_autoptr(GDate) date = g_date_new_dmy (d, m, y);

  return pb_item_compute_health (item, date, NULL);
}

static void
test_rules (PbTestLibrary *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = make_item (f, "2022-01-01", "2024-12-31", PB_ITEM_STATUS_IN_PROGRESS, 0.3);
  const char *reason = NULL;

  /* Early on: blue. */
  g_assert_cmpint (health_on (item, 2023, 6, 1), ==, PB_HEALTH_BLUE);
  /* Under a tenth of the time left and under half done: yellow. */
  g_assert_cmpint (health_on (item, 2024, 11, 15), ==, PB_HEALTH_YELLOW);
  /* Past due and not done: red. */
  g_assert_cmpint (health_on (item, 2025, 1, 2), ==, PB_HEALTH_RED);

  /* Enough progress keeps it blue near the end. */
  pb_store_set (f->store, item, &error, "progress", 0.6, NULL);
  g_assert_cmpint (health_on (item, 2024, 11, 15), ==, PB_HEALTH_BLUE);

  /* Done is always blue; cancelled has no health. */
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_DONE, NULL);
  g_assert_cmpint (health_on (item, 2026, 1, 1), ==, PB_HEALTH_BLUE);
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_CANCELLED, NULL);
  g_assert_cmpint (health_on (item, 2026, 1, 1), ==, PB_HEALTH_NONE);

  /* A manual override wins and keeps its reason. */
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_IN_PROGRESS,
                "health_override", PB_HEALTH_RED, "health_reason", "用地未落实",
                "health_date", "2023-03-01", NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GDate) date = g_date_new_dmy (1, 6, 2023);
    g_assert_cmpint (pb_item_compute_health (item, date, &reason), ==, PB_HEALTH_RED);
    g_assert_cmpstr (reason, ==, "用地未落实");
  }
}

static void
test_no_dates (PbTestLibrary *f,
               gconstpointer  data)
{
  g_autoptr(PbItem) item = make_item (f, NULL, NULL, PB_ITEM_STATUS_NOT_STARTED, 0);

  g_assert_cmpint (health_on (item, 2030, 1, 1), ==, PB_HEALTH_BLUE);
}

static void
test_move_and_lead (PbTestLibrary *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PbItem) c = NULL;
  g_autofree char *before = NULL;
  g_autofree char *leads = NULL;
  gint64 plan, a, b, cid;

  plan = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  a = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "1", "甲", &error);
  b = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "2", "乙", &error);
  cid = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "3", "丙", &error);
  pb_store_assign_organisation (f->store, cid, "市经信局", PB_ROLE_LEAD, &error);
  pb_store_assign_organisation (f->store, cid, "市发改委", PB_ROLE_RESPONSIBLE, &error);
  g_assert_no_error (error);
  items = pb_store_list_items (f->store, plan);
  c = pb_store_get_record (f->store, PB_TYPE_ITEM, cid);
  before = pb_test_dump_store (f->store);

  /* 丙 before 甲. */
  g_assert_true (pb_store_move_item (f->store, c, a, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PbItem) first = g_list_model_get_item (items, 0);
    g_autoptr(PbItem) last = g_list_model_get_item (items, 2);
    g_assert_cmpint (pb_record_get_id (PB_RECORD (first)), ==, cid);
    g_assert_cmpint (pb_record_get_id (PB_RECORD (last)), ==, b);
  }
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Move item");

  /* The responsible organisation leads now; the old lead stays, responsible. */
  {
    gint64 org = pb_store_find_organisation (f->store, plan, "市发改委");
    g_assert_true (pb_store_set_lead (f->store, c, org, &error));
  }
  leads = pb_store_dup_lead_names (f->store, cid);
  g_assert_cmpstr (leads, ==, "市发改委");
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_ORG, "item_id", cid), ==, 2);

  /* No lead at all. */
  g_assert_true (pb_store_set_lead (f->store, c, 0, &error));
  g_free (leads);
  leads = pb_store_dup_lead_names (f->store, cid);
  g_assert_cmpstr (leads, ==, "");

  /* Each step undoes on its own, back to the start. */
  for (int i = 0; i < 3; i++)
    g_assert_true (pb_store_undo (f->store, &error));
  {
    g_autofree char *now = pb_test_dump_store (f->store);
    g_assert_cmpstr (now, ==, before);
  }

  /* To the end. */
  g_assert_true (pb_store_move_item (f->store, c, 0, &error));
  {
    g_autoptr(PbItem) last = g_list_model_get_item (items, 2);
    g_assert_cmpint (pb_record_get_id (PB_RECORD (last)), ==, cid);
  }
}

/* Progress from indicators: the latest actual against the target it answers. */
static void
test_indicator_progress (PbTestLibrary *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = make_item (f, "2022-01-01", "2024-12-31", PB_ITEM_STATUS_IN_PROGRESS, 0.3);
  gint64 plan = pb_item_get_plan_id (item);
  gint64 item_id = pb_record_get_id (PB_RECORD (item));
  gint64 total = pb_store_add_indicator (f->store, plan, item_id, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 annual = pb_store_add_indicator (f->store, plan, item_id, "新建5G基站", "个", PB_INDICATOR_KIND_ANNUAL, &error);
  gint64 energy = pb_store_add_indicator (f->store, plan, 0, "数据中心电能利用效率", "", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_autoptr(PbIndicator) k = NULL;
  g_autoptr(GListModel) targets = NULL;
  g_autoptr(GListModel) actuals = NULL;

  g_assert_no_error (error);
  pb_store_add_target (f->store, total, 2022, 2600, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, total, 2024, 10000, PB_COMPARATOR_EQ, FALSE, &error);
  pb_store_add_target (f->store, total, 2024, 12000, PB_COMPARATOR_EQ, TRUE, &error);
  g_assert_no_error (error);

  /* No actual yet: nothing to say, and the item keeps its own progress. */
  g_assert_cmpfloat (pb_store_compute_item_progress (f->store, item), ==, -1);

  /* Cumulative: against the last firm target, not the stretch one. */
  pb_store_add_actual (f->store, total, "2023-06-30", 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pb_store_compute_item_progress (f->store, item), 0.5, 1e-9);
  /* From the baseline, when there is one. */
  k = pb_store_get_record (f->store, PB_TYPE_INDICATOR, total);
  pb_store_set (f->store, k, &error, "baseline_value", 2000.0, NULL);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pb_store_compute_item_progress (f->store, item), 0.375, 1e-9);

  /* Annual: the year's own target; the item's progress is the mean. */
  pb_store_add_target (f->store, annual, 2022, 2600, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, annual, 2023, 3000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, annual, 2024, 4400, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (f->store, annual, "2023-12-31", 1500, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pb_store_compute_item_progress (f->store, item), (0.375 + 0.5) / 2, 1e-9);

  /* Past the target: complete, never more. */
  pb_store_add_actual (f->store, annual, "2024-12-31", 9000, NULL, &error);
  g_assert_cmpfloat_with_epsilon (pb_store_compute_item_progress (f->store, item), (0.375 + 1) / 2, 1e-9);

  /* Decreasing (PUE 1.3 以下): complete at or under the target. */
  g_clear_object (&k);
  k = pb_store_get_record (f->store, PB_TYPE_INDICATOR, energy);
  pb_store_set (f->store, k, &error, "direction", PB_DIRECTION_DECREASE, NULL);
  pb_store_add_target (f->store, energy, 2024, 1.3, PB_COMPARATOR_LE, FALSE, &error);
  pb_store_add_actual (f->store, energy, "2023-01-01", 1.625, NULL, &error);
  g_assert_no_error (error);
  targets = pb_store_list_targets (f->store, energy);
  actuals = pb_store_list_actuals (f->store, energy);
  g_assert_cmpfloat_with_epsilon (pb_indicator_compute_completion (k, targets, actuals), 0.8, 1e-9);
  pb_store_add_actual (f->store, energy, "2024-01-01", 1.2, NULL, &error);
  g_clear_object (&actuals);
  actuals = pb_store_list_actuals (f->store, energy);
  g_assert_cmpfloat (pb_indicator_compute_completion (k, targets, actuals), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  PB_TEST_ADD_LIBRARY ("/health/rules", test_rules);
  PB_TEST_ADD_LIBRARY ("/health/no-dates", test_no_dates);
  PB_TEST_ADD_LIBRARY ("/health/indicator-progress", test_indicator_progress);
  PB_TEST_ADD_LIBRARY ("/store/move-and-lead", test_move_and_lead);

  return g_test_run ();
}
