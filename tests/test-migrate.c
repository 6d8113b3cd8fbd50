/* test-migrate.c — upgrading a library written by an older version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/library-v1.db is a library as schema version 1 left it
 * (tests/data/library-v1.sql is its source).
 */
#include "config.h"

#include <sqlite3.h>

#include "pb-health.h"
#include "pb-indicator-links.h"
#include "pb-schema.h"
#include "pb-supervision.h"
#include "pb-test-util.h"

static char *
copy_fixture (const char *dir)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "library-v1.db", NULL);
  char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &data, &length, NULL));
  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

static char *
schema_of (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

static void
test_from_v1 (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = copy_fixture (dir);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbStore) fresh = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(PbOrganisation) org = NULL;
  g_autofree char *upgraded_schema = NULL;
  g_autofree char *fresh_schema = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, 1);

  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_get_created (store));
  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, PB_SCHEMA_VERSION);
  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA application_id"), ==, PB_APPLICATION_ID);

  /* The data survived, and the new columns were filled sensibly. */
  item = pb_store_get_record (store, PB_TYPE_ITEM, 2);
  g_assert_cmpstr (pb_item_get_title (item), ==, "推进5G网络建设");
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_DONE);
  g_assert_cmpint (pb_record_get_enum (PB_RECORD (item), "health_override"), ==, PB_HEALTH_NONE);
  org = pb_store_get_record (store, PB_TYPE_ORGANISATION, 2);
  g_assert_cmpstr (pb_organisation_get_name (org), ==, "各市〔特区、区〕人民政府");
  g_assert_null (pb_record_get_string (PB_RECORD (org), "short_name"));
  /* v2: a note takes the item's status; v3: a target, its indicator's item. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM note WHERE status = 'done'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM target WHERE item_id = 2"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM target WHERE confidence = 'clear'"), ==, 2);

  json = pb_test_export_string (store, 1);
  g_assert_nonnull (strstr (json, "六盘水府办发〔2022〕10号"));
  g_assert_nonnull (strstr (json, "\"comparator\" : \">=\""));

  /* The upgraded library is still fully usable, undo included. */
  pb_store_assign_organisation (store, 2, "市通信管理局", PB_ROLE_RESPONSIBLE, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_undo (store, &error));

  /* An upgraded library has exactly the schema of a new one. */
  fresh = pb_store_open (fresh_path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  upgraded_schema = schema_of (path);
  fresh_schema = schema_of (fresh_path);
  g_assert_cmpstr (upgraded_schema, ==, fresh_schema);

  g_clear_object (&item);
  g_clear_object (&org);
  g_clear_object (&store);
  g_clear_object (&fresh);
  pb_test_remove_dir (dir);
}

/* Each step is its own transaction: when step 3 fails, step 2 stays
 * committed, step 3 leaves nothing, and a later open finishes the job. */
static void
test_failed_step (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = copy_fixture (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;

  g_setenv ("PB_TEST_FAIL_MIGRATION", "3", TRUE);
  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("PB_TEST_FAIL_MIGRATION");

  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "format 3"));
  g_clear_error (&error);

  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM pragma_table_info('target') WHERE name = 'confidence'"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM pragma_table_info('item') WHERE name = 'health_reason'"), ==, 1);

  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, PB_SCHEMA_VERSION);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item"), ==, 2);

  g_clear_object (&store);
  pb_test_remove_dir (dir);
}

static void
test_read_only_needs_upgrade (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = copy_fixture (dir);
  g_autofree char *sum = pb_test_checksum_file (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PbStore *store;

  store = pb_store_open (path, PB_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  after = pb_test_checksum_file (path);
  g_assert_cmpstr (sum, ==, after);

  pb_test_remove_dir (dir);
}


/* A library as schema version 4 left it: built from the migrations
 * themselves, so the fixture is exactly what version 4 wrote. Plan 1's
 * goal and task 2 each hold their own "5G基站" (the goal's overall target,
 * the task's yearly one), task 3 a "5G基站" whose 2024 target differs,
 * and the goal and task 2 a charging-pile indicator written in two scripts.
 * Plan 2 has its own "5G基站". */
static char *
make_v4_library (const char *dir)
{
  char *path = g_build_filename (dir, "library-v4.db", NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  for (int v = 1; v <= 4; v++)
    g_string_append_printf (sql, "%s;", pb_schema_migration (v));
  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = 4;", PB_APPLICATION_ID);
  g_string_append (sql,
    "INSERT INTO plan (id, title, period_start, period_end) VALUES"
    " (1, '云澜市新型基础设施建设三年行动方案', 2022, 2024), (2, '另一个方案', 2022, 2024);"
    "INSERT INTO item (id, plan_id, kind, number, title, status, progress_mode, position,"
    "                  start_date, due_date) VALUES"
    " (1, 1, 'goal', '', '主要目标', 'in-progress', 'indicators', 0, '2022-01-01', '2024-12-31'),"
    " (2, 1, 'task', '1', '推进5G网络建设', 'in-progress', 'indicators', 1, '2022-01-01', '2024-12-31'),"
    " (3, 1, 'task', '2', '建设城市数据中心', 'in-progress', 'manual', 2, '2022-01-01', '2024-12-31'),"
    " (4, 2, 'task', '1', '基站', 'in-progress', 'manual', 0, '2022-01-01', '2024-12-31');"
    "INSERT INTO indicator (id, plan_id, item_id, name, measure_unit, position) VALUES"
    " (1, 1, 1, '5G基站', '个', 0),"
    " (2, 1, 2, '5G 基站', '个', 1),"
    " (3, 1, 3, '5G基站', '个', 2),"
    " (4, 1, 1, '充电桩', '个', 3),"
    " (5, 1, 2, '充電樁', '個', 4),"
    " (6, 2, 4, '5G基站', '个', 0);"
    "INSERT INTO target (indicator_id, item_id, year, value, comparator, stretch, text) VALUES"
    " (1, 1, 2024, 10000, '>=', 0, '到2024年累计建成1万个'),"
    " (2, 2, 2022, 2600, '>=', 0, '2022年新建5G基站2600个以上'),"
    " (2, 2, 2024, 10000, '>=', 0, '到2024年累计建成1万个'),"
    " (2, 2, 2024, 20000, '>=', 1, '力争达到2万个'),"
    " (3, 3, 2024, 5000, '=', 0, NULL),"
    " (4, 1, 2024, 3000, '=', 0, NULL),"
    " (6, 4, 2024, 800, '=', 0, NULL);"
    "INSERT INTO actual (indicator_id, date, value) VALUES"
    " (1, '2022-12-31', 2700), (2, '2023-06-30', 5000), (5, '2023-06-30', 1200);"
    "INSERT INTO period (id, plan_id, kind, label, end_date, closed_date) VALUES"
    " (1, 1, 'quarter', '2023-Q2', '2023-06-30', '2023-07-05');"
    "INSERT INTO period_indicator (period_id, indicator_id, value, date, health) VALUES"
    " (1, 1, 2700, '2022-12-31', 'yellow'), (1, 2, 5000, '2023-06-30', 'blue');");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql->str, NULL, NULL, &message) != SQLITE_OK)
    g_error ("v4 fixture: %s", message);
  sqlite3_close (db);
  return path;
}

static gint64
indicator_named (const char *path,
                 const char *sql)
{
  return pb_test_sql_int (path, sql);
}

static void
test_from_v4_merges_indicators (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = make_v4_library (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) goal_indicators = NULL;
  g_autoptr(GListModel) task_indicators = NULL;
  g_autoptr(GListModel) served_by = NULL;
  g_autoptr(PbItem) goal = NULL;
  g_autoptr(PbItem) task = NULL;
  g_autofree char *json = NULL;
  GDate today;
  gint64 base, piles;

  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, 4);
  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, PB_SCHEMA_VERSION);

  /* Indicators belong to the plan: the column is gone. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM pragma_table_info('indicator') WHERE name = 'item_id'"), ==, 0);
  /* Ids are still never reused: the rebuilt table goes on from 6. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT seq FROM sqlite_sequence WHERE name = 'indicator'"), ==, 6);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM sqlite_sequence WHERE name LIKE 'indicator_v%'"), ==, 0);

  /* The goal's and task 2's 5G基站 are one; task 3's (another 2024 target)
   * and plan 2's stay apart; the two scripts of 充电桩 meet. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE plan_id = 1"), ==, 3);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE plan_id = 2"), ==, 1);
  base = indicator_named (path, "SELECT indicator_id FROM item_indicator WHERE item_id = 1 ORDER BY position LIMIT 1");
  g_assert_cmpint (base, ==, 1);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE id = 2"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE id = 3"), ==, 1);
  piles = indicator_named (path, "SELECT id FROM indicator WHERE id IN (4, 5)");
  g_assert_cmpint (piles, ==, 4);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE id IN (4, 5)"), ==, 1);

  /* Every target and actual kept, each target with the item stating it. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM target WHERE indicator_id = 1"), ==, 4);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM target WHERE indicator_id = 1 AND item_id = 2"), ==, 3);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM target"), ==, 7);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE indicator_id = 1"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE indicator_id = 4"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual"), ==, 3);
  /* A closed period keeps one snapshot per indicator. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM period_indicator WHERE indicator_id = 1"), ==, 1);

  /* Both items serve both merged indicators; task 3 its own. */
  goal_indicators = pb_store_list_item_indicators (store, 1);
  task_indicators = pb_store_list_item_indicators (store, 2);
  g_assert_cmpuint (g_list_model_get_n_items (goal_indicators), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (task_indicators), ==, 2);
  served_by = pb_store_list_indicator_items (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (served_by), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT indicator_id FROM item_indicator WHERE item_id = 3"), ==, 3);

  /* One actual recorded counts for both the goal and the task. */
  goal = pb_store_get_record (store, PB_TYPE_ITEM, 1);
  task = pb_store_get_record (store, PB_TYPE_ITEM, 2);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 30, 6, 2024);
  {
    double before_goal = pb_store_get_item_completion (store, goal, &today);
    double before_task = pb_store_get_item_completion (store, task, &today);

    g_assert_cmpfloat_with_epsilon (before_goal, before_task, 1e-9);
    g_assert_cmpint (pb_store_record_actual (store, 1, "2024-06-30", 9500, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpfloat (pb_store_get_item_completion (store, goal, &today), >, before_goal);
    g_assert_cmpfloat_with_epsilon (pb_store_get_item_completion (store, goal, &today),
                                    pb_store_get_item_completion (store, task, &today), 1e-9);
  }

  /* The export says which items serve which indicator. */
  json = pb_test_export_string (store, 1);
  g_assert_nonnull (strstr (json, "\"indicator_links\" : true"));
  g_assert_nonnull (strstr (json, "\"indicator_ids\" : [\n"));

  g_clear_object (&goal);
  g_clear_object (&task);
  g_clear_object (&goal_indicators);
  g_clear_object (&task_indicators);
  g_clear_object (&served_by);
  g_clear_object (&store);
  pb_test_remove_dir (dir);
}

/* A plan file written before items shared indicators (or by a reader of the
 * base shape): the goal's and the task's targets of one quantity, named a
 * little differently, become one indicator that both serve. */
static const char old_json[] =
  "{\"format\": \"planboard-plan/1\", \"title\": \"六盘水市新型基础设施建设三年行动方案\","
  " \"period\": {\"start\": 2022, \"end\": 2024},"
  " \"sections\": [{\"id\": \"s1\", \"parent\": null, \"number\": \"一\", \"title\": \"主要目标\"},"
  "                {\"id\": \"s2\", \"parent\": null, \"number\": \"二\", \"title\": \"重点任务\"}],"
  " \"items\": ["
  "  {\"section\": \"s1\", \"kind\": \"goal\", \"number\": \"\", \"title\": \"主要目标\","
  "   \"lead_units\": [], \"responsible_units\": [],"
  "   \"targets\": [{\"indicator\": \"5G基站\", \"year\": 2024, \"value\": 10000, \"unit\": \"个\","
  "                  \"comparator\": \">=\", \"stretch\": false, \"text\": \"累计建成5G基站1万个\"}]},"
  "  {\"section\": \"s2\", \"kind\": \"task\", \"number\": \"1\", \"title\": \"推进5G网络建设\","
  "   \"lead_units\": [\"市工业和信息化局\"], \"responsible_units\": [],"
  "   \"targets\": [{\"indicator\": \"5G 基站\", \"year\": 2022, \"value\": 2600, \"unit\": \"个\","
  "                  \"comparator\": \">=\", \"stretch\": false, \"text\": \"新建5G基站2600个以上\"},"
  "                 {\"indicator\": \"5G基站\", \"year\": 2024, \"value\": 10000, \"unit\": \"个\","
  "                  \"comparator\": \">=\", \"stretch\": false, \"text\": \"到2024年累计建成1万个\"}]},"
  "  {\"section\": \"s2\", \"kind\": \"task\", \"number\": \"2\", \"title\": \"建设数据中心\","
  "   \"lead_units\": [], \"responsible_units\": [],"
  "   \"targets\": [{\"indicator\": \"5G基站\", \"year\": 2024, \"value\": 500, \"unit\": \"个\","
  "                  \"comparator\": \"=\", \"stretch\": false, \"text\": \"配套5G基站500个\"}]}"
  " ]}";

static void
test_json_merges_indicators (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *file = g_build_filename (dir, "old.json", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(JsonNode) exported = NULL;
  gint64 plan, copy;

  g_assert_true (g_file_set_contents (file, old_json, -1, NULL));
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  plan = pb_store_import_file (store, file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan, >, 0);

  /* The goal and task 1 share one 5G基站 with all three targets; task 2's
   * 500 conflicts with the 2024 target and stays its own. */
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM target"), ==, 4);
  g_assert_cmpint (pb_test_sql_int (path,
                                    "SELECT count(DISTINCT l.item_id) FROM item_indicator l"
                                    " JOIN target t ON t.indicator_id = l.indicator_id WHERE t.value = 2600"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path,
                                    "SELECT count(*) FROM item_indicator l JOIN item i ON i.id = l.item_id"
                                    " WHERE i.kind = 'goal'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (path,
                                    "SELECT count(*) FROM target WHERE value = 500 AND indicator_id ="
                                    " (SELECT indicator_id FROM target WHERE value = 2600)"), ==, 0);

  /* Undo takes the whole import back, merge included. */
  g_assert_true (pb_store_undo (store, &error));
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator"), ==, 0);
  g_assert_true (pb_store_redo (store, &error));
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item_indicator"), ==, 3);

  /* The links survive export and import, and nothing more merges. */
  first = pb_test_export_string (store, plan);
  exported = pb_store_export_plan_json (store, plan, &error);
  g_assert_no_error (error);
  copy = pb_store_import_plan_json (store, exported, &error);
  g_assert_no_error (error);
  second = pb_test_export_string (store, copy);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item_indicator"), ==, 6);

  g_clear_object (&store);
  pb_test_remove_dir (dir);
}

/* A library of version 7 (the one before items kept a history) opens and
 * closes periods as before: an item with no history is kept as it is;
 * the dialog's count says which cannot be known as they stood at the
 * end (the history began today). A change after the upgrade is recorded
 * with what the item had before, and a period closed after it keeps that. */
static void
test_from_v7_history (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = copy_fixture (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(GHashTable) kept = NULL;
  g_autofree char *since = NULL;
  char today_text[11];
  PbRecord *snap;
  GDate today, end;
  PbHealth before;
  gint64 id = 1, period;

  /* Stopped at version 7 by the real migrations: the previous version's
   * library. */
  g_setenv ("PB_TEST_FAIL_MIGRATION", "8", TRUE);
  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("PB_TEST_FAIL_MIGRATION");
  g_assert_null (store);
  g_clear_error (&error);
  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, 7);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'item_history'"), ==, 0);

  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (path, "PRAGMA user_version"), ==, PB_SCHEMA_VERSION);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item_history"), ==, 0);
  pb_date_today (&today);
  pb_date_format (&today, today_text);

  /* 2023 Q2: item 1 (加强算力基础设施建设) at 40 %, in progress, as it is;
   * health judged on the end as before the history. */
  item = pb_store_get_record (store, PB_TYPE_ITEM, id);
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 30, 6, 2023);
  before = pb_store_get_item_health (store, item, &end, NULL);
  g_assert_cmpuint (pb_store_count_items_unknown_at_end (store, 1, PB_PERIOD_KIND_QUARTER, 2023, 2, &since), ==, 2);
  g_assert_cmpstr (since, ==, today_text);
  period = pb_store_close_period (store, 1, PB_PERIOD_KIND_QUARTER, 2023, 2, &error);
  g_assert_no_error (error);
  kept = pb_store_dup_period_items (store, period);
  snap = g_hash_table_lookup (kept, &id);
  g_assert_cmpfloat_with_epsilon (pb_record_get_double (snap, "progress"), 0.4, 1e-9);
  g_assert_cmpint (pb_record_get_enum (snap, "status"), ==, PB_ITEM_STATUS_IN_PROGRESS);
  g_assert_cmpint (pb_record_get_enum (snap, "health"), ==, before);
  id = 2;
  snap = g_hash_table_lookup (kept, &id);
  g_assert_cmpint (pb_record_get_enum (snap, "status"), ==, PB_ITEM_STATUS_DONE);
  g_assert_cmpfloat_with_epsilon (pb_record_get_double (snap, "progress"), 1.0, 1e-9);

  /* Changed today: recorded; Q3 (ended long before) keeps what it had. */
  g_assert_true (pb_store_set (store, item, &error, "progress", 0.55, NULL));
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item_history WHERE item_id = 1"), ==, 1);
  g_clear_pointer (&kept, g_hash_table_unref);
  period = pb_store_close_period (store, 1, PB_PERIOD_KIND_QUARTER, 2023, 3, &error);
  g_assert_no_error (error);
  kept = pb_store_dup_period_items (store, period);
  id = 1;
  g_assert_cmpfloat_with_epsilon (pb_record_get_double (g_hash_table_lookup (kept, &id), "progress"), 0.4, 1e-9);

  g_clear_object (&item);
  g_clear_object (&store);
  pb_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrate/from-v1", test_from_v1);
  g_test_add_func ("/migrate/failed-step", test_failed_step);
  g_test_add_func ("/migrate/read-only-needs-upgrade", test_read_only_needs_upgrade);
  g_test_add_func ("/migrate/from-v4/merge-indicators", test_from_v4_merges_indicators);
  g_test_add_func ("/migrate/json/merge-indicators", test_json_merges_indicators);
  g_test_add_func ("/migrate/from-v7/history", test_from_v7_history);

  return g_test_run ();
}
