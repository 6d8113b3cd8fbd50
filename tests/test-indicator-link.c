/* test-indicator-link.c — the importer links one quantity to one indicator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pb-health.h"
#include "pb-indicator-link.h"
#include "pb-indicator-links.h"
#include "pb-plan-parser.h"
#include "pb-test-util.h"

static JsonObject *
item_numbered (JsonObject *root,
               const char *kind,
               const char *number)
{
  JsonArray *items = json_object_get_array_member (root, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (it, "kind"), kind) &&
          g_str_equal (json_object_get_string_member (it, "number"), number))
        return it;
    }
  g_error ("no %s %s", kind, number);
}

static const char *
target_id (JsonObject *item,
           int         year,
           double      value)
{
  JsonArray *targets = json_object_get_array_member (item, "targets");

  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *t = json_array_get_object_element (targets, i);

      if (json_object_get_int_member (t, "year") == year && json_object_get_double_member (t, "value") == value)
        return json_object_get_string_member (t, "indicator_id");
    }
  g_error ("no target %d: %g", year, value);
}

/* The pass on its own: names that meet under the fold are one quantity,
 * unless a year would get two values; every indicator defined once. */
static void
test_pass (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = json_from_string (
    "{\"format\": \"planboard-plan/1\", \"items\": ["
    " {\"kind\": \"goal\", \"number\": \"\", \"title\": \"主要目标\","
    "  \"targets\": [{\"indicator\": \"5G基站\", \"indicator_id\": \"k1\", \"year\": 2024, \"value\": 10000, \"unit\": \"个\", \"comparator\": \">=\"}],"
    "  \"indicators\": [{\"id\": \"k1\", \"name\": \"5G基站\", \"unit\": \"个\", \"kind\": \"cumulative\"}]},"
    " {\"kind\": \"task\", \"number\": \"3\", \"title\": \"推进5G网络建设\","
    "  \"targets\": [{\"indicator\": \"5G 基站\", \"indicator_id\": \"k2\", \"year\": 2022, \"value\": 2600, \"unit\": \"个\", \"comparator\": \">=\"},"
    "               {\"indicator\": \"5G基站\", \"indicator_id\": \"k1\", \"year\": 2024, \"value\": 10000, \"unit\": \"个\", \"comparator\": \">=\"}],"
    "  \"indicators\": [{\"id\": \"k2\", \"name\": \"5G 基站\", \"unit\": \"个\", \"kind\": \"cumulative\"}]},"
    " {\"kind\": \"task\", \"number\": \"4\", \"title\": \"建设充电设施\","
    "  \"targets\": [{\"indicator\": \"5G基站\", \"indicator_id\": \"k1\", \"year\": 2024, \"value\": 500, \"unit\": \"个\"},"
    "               {\"indicator\": \"充電樁\", \"indicator_id\": \"k3\", \"year\": 2024, \"value\": 3000, \"unit\": \"個\"}],"
    "  \"indicators\": [{\"id\": \"k3\", \"name\": \"充電樁\", \"unit\": \"個\", \"kind\": \"cumulative\"}]},"
    " {\"kind\": \"task\", \"number\": \"5\", \"title\": \"推广新能源汽车\","
    "  \"targets\": [{\"indicator\": \"充电桩\", \"indicator_id\": \"k4\", \"year\": 2022, \"value\": 1000, \"unit\": \"个\"}],"
    "  \"indicators\": [{\"id\": \"k4\", \"name\": \"充电桩\", \"unit\": \"个\", \"kind\": \"cumulative\"}]}"
    "]}", &error);
  JsonObject *root;
  JsonObject *goal, *task3, *task4, *task5;
  const char *base, *piles;

  g_assert_no_error (error);
  pb_indicator_link (plan);
  root = json_node_get_object (plan);
  g_assert_true (json_object_get_boolean_member (root, "indicator_links"));
  goal = item_numbered (root, "goal", "");
  task3 = item_numbered (root, "task", "3");
  task4 = item_numbered (root, "task", "4");
  task5 = item_numbered (root, "task", "5");

  base = target_id (goal, 2024, 10000);
  g_assert_cmpstr (target_id (task3, 2022, 2600), ==, base);
  g_assert_cmpstr (target_id (task3, 2024, 10000), ==, base);
  /* 500 in 2024 beside 10000: another quantity, with an id of its own. */
  g_assert_cmpstr (target_id (task4, 2024, 500), !=, base);
  g_assert_cmpstr (target_id (task4, 2024, 500), !=, target_id (task4, 2024, 3000));
  /* Traditional and simplified script meet. */
  piles = target_id (task4, 2024, 3000);
  g_assert_cmpstr (target_id (task5, 2022, 1000), ==, piles);

  /* Every item lists what it serves; each indicator is defined once, on
   * its first serving item. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task3, "indicator_ids")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (task3, "indicator_ids"), 0), ==, base);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (goal, "indicators")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task3, "indicators")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task4, "indicators")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (task5, "indicators")), ==, 0);
}

static const char *
indicator_of (JsonObject *item,
              int         year,
              double      value)
{
  JsonArray *targets = json_object_get_array_member (item, "targets");

  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *t = json_array_get_object_element (targets, i);

      if (json_object_get_int_member (t, "year") == year && json_object_get_double_member (t, "value") == value)
        return json_object_get_string_member (t, "indicator");
    }
  g_error ("no target %d: %g", year, value);
}

/* The definition of @id, wherever it is. */
static JsonObject *
definition (JsonObject *root,
            const char *id)
{
  JsonArray *items = json_object_get_array_member (root, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonArray *defs = json_object_get_array_member (json_array_get_object_element (items, i), "indicators");

      for (guint j = 0; defs && j < json_array_get_length (defs); j++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (defs, j), "id"), id))
          return json_array_get_object_element (defs, j);
    }
  g_error ("no indicator %s", id);
}

/* A quantity stated both a year at a time (新建) and in all (累计建成) is
 * two indicators; each is named with how it is counted, so a planner
 * tells them apart wherever indicators are listed. A name counted one
 * way only keeps its name. (An invented plan.) */
static void
test_kinds_named (void)
{
  const char *text =
    "江川市充电基础设施建设三年行动方案（2023—2025年）\n\n"
    "一、主要目标\n"
    "到2025年，累计建成公共充电桩1.2万个，数据中心机架达到5000架。\n\n"
    "二、重点任务\n"
    "1.加快公共充电桩建设。2023年新建公共充电桩3000个，2024年新建公共充电桩4000个，"
    "到2025年累计建成公共充电桩1.2万个。（牵头单位：市发展改革委）\n"
    "2.建设数据中心。到2025年数据中心机架达到5000架。（牵头单位：市大数据局）\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = pb_plan_parse_text (text, -1, NULL, &error);
  g_autoptr(JsonNode) traditional = NULL;
  JsonObject *root, *goal, *task1, *task2;
  const char *annual, *cumulative;

  g_assert_no_error (error);
  root = json_node_get_object (plan);
  goal = item_numbered (root, "goal", "");
  task1 = item_numbered (root, "task", "1");
  task2 = item_numbered (root, "task", "2");

  annual = target_id (task1, 2023, 3000);
  cumulative = target_id (task1, 2025, 12000);
  g_assert_cmpstr (annual, !=, cumulative);
  g_assert_cmpstr (target_id (task1, 2024, 4000), ==, annual);
  g_assert_cmpstr (target_id (goal, 2025, 12000), ==, cumulative);
  g_assert_cmpstr (json_object_get_string_member (definition (root, annual), "kind"), ==, "annual");
  g_assert_cmpstr (json_object_get_string_member (definition (root, annual), "name"), ==, "公共充电桩（年度）");
  g_assert_cmpstr (json_object_get_string_member (definition (root, cumulative), "kind"), ==, "cumulative");
  g_assert_cmpstr (json_object_get_string_member (definition (root, cumulative), "name"), ==, "公共充电桩（累计）");
  /* The targets name their indicator as it is named. */
  g_assert_cmpstr (indicator_of (task1, 2023, 3000), ==, "公共充电桩（年度）");
  g_assert_cmpstr (indicator_of (task1, 2025, 12000), ==, "公共充电桩（累计）");
  g_assert_cmpstr (indicator_of (goal, 2025, 12000), ==, "公共充电桩（累计）");
  /* Counted one way only: as written. */
  g_assert_cmpstr (json_object_get_string_member (definition (root, target_id (task2, 2025, 5000)), "name"), ==, "数据中心机架");
  g_assert_cmpstr (indicator_of (task2, 2025, 5000), ==, "数据中心机架");

  /* A plan in traditional characters says 累計; a name that already says
   * how it is counted is left as it is. */
  traditional = json_from_string (
    "{\"format\": \"planboard-plan/1\", \"items\": ["
    " {\"kind\": \"task\", \"number\": \"1\", \"title\": \"建設充電樁\","
    "  \"targets\": [{\"indicator\": \"充電樁\", \"year\": 2023, \"value\": 300, \"unit\": \"個\", \"text\": \"2023年新建充電樁300個\"},"
    "               {\"indicator\": \"充電樁\", \"year\": 2025, \"value\": 1000, \"unit\": \"個\", \"text\": \"到2025年累計建成充電樁1000個\"},"
    "               {\"indicator\": \"累計充電站\", \"year\": 2025, \"value\": 50, \"unit\": \"座\", \"text\": \"累計建成充電站50座\"},"
    "               {\"indicator\": \"充電站\", \"year\": 2023, \"value\": 10, \"unit\": \"座\", \"text\": \"新建充電站10座\"}],"
    "  \"indicators\": []}]}", &error);
  g_assert_no_error (error);
  {
    JsonObject *troot = json_node_get_object (traditional);
    JsonArray *targets = json_object_get_array_member (item_numbered (troot, "task", "1"), "targets");

    /* Kinds as the parser gives them. */
    json_object_set_string_member (json_array_get_object_element (targets, 0), "indicator_id", "k1");
    json_object_set_string_member (json_array_get_object_element (targets, 1), "indicator_id", "k2");
    json_object_set_string_member (json_array_get_object_element (targets, 2), "indicator_id", "k3");
    json_object_set_string_member (json_array_get_object_element (targets, 3), "indicator_id", "k4");
    json_object_set_array_member (troot, "indicators", json_array_new ());
    {
      JsonArray *defs = json_object_get_array_member (troot, "indicators");
      const char *specs[][4] = { { "k1", "充電樁", "個", "annual" }, { "k2", "充電樁", "個", "cumulative" },
                                 { "k3", "累計充電站", "座", "cumulative" }, { "k4", "充電站", "座", "annual" } };

      for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
        {
          JsonObject *k = json_object_new ();

          json_object_set_string_member (k, "id", specs[i][0]);
          json_object_set_string_member (k, "name", specs[i][1]);
          json_object_set_string_member (k, "unit", specs[i][2]);
          json_object_set_string_member (k, "kind", specs[i][3]);
          json_array_add_object_element (defs, k);
        }
    }
    pb_indicator_link (traditional);
    task1 = item_numbered (troot, "task", "1");
    g_assert_cmpstr (indicator_of (task1, 2023, 300), ==, "充電樁（年度）");
    g_assert_cmpstr (indicator_of (task1, 2025, 1000), ==, "充電樁（累計）");
    g_assert_cmpstr (indicator_of (task1, 2025, 50), ==, "累計充電站");
    g_assert_cmpstr (indicator_of (task1, 2023, 10), ==, "充電站（年度）");
  }
}

/* A real plan: 六盘水's goals and task 3 state the same 5G base stations;
 * imported, they serve one indicator and one actual counts for both. */
static void
test_corpus (PbTestLibrary *f,
             gconstpointer  data)
{
  g_autofree char *path = pb_test_corpus_path ("liupanshui-2022.txt");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(PbItem) goal_item = NULL;
  g_autoptr(PbItem) task_item = NULL;
  JsonObject *root, *goal, *task;
  const char *annual, *cumulative;
  gint64 plan_id, goal_id, task_id, indicator_id;
  GDate today;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  plan = pb_plan_parse_text (text, -1, NULL, &error);
  g_assert_no_error (error);
  root = json_node_get_object (plan);
  g_assert_true (json_object_get_boolean_member (root, "indicator_links"));
  goal = item_numbered (root, "goal", "");
  task = item_numbered (root, "task", "3");
  annual = target_id (goal, 2022, 2600);
  cumulative = target_id (goal, 2024, 10000);
  g_assert_cmpstr (target_id (task, 2022, 2600), ==, annual);
  g_assert_cmpstr (target_id (task, 2024, 10000), ==, cumulative);

  plan_id = pb_store_import_plan_json (f->store, plan, &error);
  g_assert_no_error (error);
  goal_id = pb_test_sql_int (f->path, "SELECT id FROM item WHERE kind = 'goal' ORDER BY position LIMIT 1");
  task_id = pb_test_sql_int (f->path, "SELECT id FROM item WHERE kind = 'task' AND number = '3'");
  indicator_id = pb_test_sql_int (f->path, "SELECT indicator_id FROM target WHERE year = 2024 AND value = 10000 LIMIT 1");
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(DISTINCT indicator_id) FROM target WHERE value = 10000"), ==, 1);
  {
    g_autoptr(GListModel) items = pb_store_list_indicator_items (f->store, indicator_id);
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  }

  /* One actual, both items' progress from indicators moves. */
  goal_item = pb_store_get_record (f->store, PB_TYPE_ITEM, goal_id);
  task_item = pb_store_get_record (f->store, PB_TYPE_ITEM, task_id);
  g_assert_true (pb_store_set (f->store, goal_item, &error, "progress_mode", PB_PROGRESS_MODE_INDICATORS, NULL));
  g_assert_true (pb_store_set (f->store, task_item, &error, "progress_mode", PB_PROGRESS_MODE_INDICATORS, NULL));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 30, 6, 2023);
  {
    double goal_before = pb_store_get_item_completion (f->store, goal_item, &today);
    double task_before = pb_store_get_item_completion (f->store, task_item, &today);

    g_assert_cmpint (pb_store_record_actual (f->store, indicator_id, "2023-06-30", 6000, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpfloat (pb_store_get_item_completion (f->store, goal_item, &today), >, goal_before);
    g_assert_cmpfloat (pb_store_get_item_completion (f->store, task_item, &today), >, task_before);
  }
  g_assert_cmpint (plan_id, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/indicator-link/pass", test_pass);
  g_test_add_func ("/indicator-link/kinds-named", test_kinds_named);
  PB_TEST_ADD_LIBRARY ("/indicator-link/corpus", test_corpus);

  return g_test_run ();
}
