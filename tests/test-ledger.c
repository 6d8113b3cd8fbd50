/* test-ledger.c — the ledger (台账) as XLSX and CSV, read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `planboard-cli export --format xlsx|csv`, then tests/check-ledger.py
 * reads the files as a spreadsheet program would (Python's zipfile and
 * csv), and the cells are compared with the library.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "pb-health.h"
#include "pb-test-util.h"

#define run pb_test_run_ok

static JsonNode *
check (const char *kind,
       const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-ledger.py", NULL);
  g_autofree char *out = run ("python3", script, kind, path, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (out, &error);

  g_assert_no_error (error);
  return node;
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), text) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  PbTestLibrary lib;
  gint64        plan;
  char         *cli;
  GDate         today;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pb_test_library_set_up (&f->lib, data);
  f->plan = pb_store_add_example_plan (f->lib.store, &error);
  g_assert_no_error (error);
  /* A title a naive CSV writer would break: a comma, quotes, a newline. */
  pb_store_add_item (f->lib.store, f->plan, 0, PB_ITEM_KIND_TASK, "14", "推进\"双千兆\", 城市\n建设", &error);
  g_assert_no_error (error);
  f->cli = g_strdup (g_getenv ("PLANBOARD_CLI"));
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 22, 11, 2026);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_free (f->cli);
  pb_test_library_tear_down (&f->lib, data);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->lib.dir, "台账.xlsx", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->plan);
  g_autofree char *out = run (f->cli, "--db", f->lib.path, "export", id, "--format", "xlsx", "-o", path,
                              "--today", "2026-11-22", NULL);
  g_autoptr(JsonNode) node = check ("xlsx", path);
  JsonObject *o = json_node_get_object (node);
  JsonArray *sheets = json_object_get_array_member (o, "sheets");
  JsonArray *strings = json_object_get_array_member (o, "strings");
  JsonObject *numbers = json_object_get_object_member (o, "sheet1_numbers");
  g_autoptr(GListModel) items = pb_store_list_items (f->lib.store, f->plan);

  g_assert_cmpuint (json_array_get_length (sheets), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (sheets, 0), ==, "Tasks");
  g_assert_true (json_object_get_boolean_member (o, "sheet1_frozen"));
  g_assert_true (json_object_get_boolean_member (o, "sheet2_frozen"));
  g_assert_cmpint (json_object_get_int_member (o, "sheet1_cols"), ==, 12);

  g_assert_true (array_has_string (strings, "加快5G网络规模化部署"));
  g_assert_true (array_has_string (strings, "市通信管理办公室"));
  g_assert_true (array_has_string (strings, "数据中心标准机架"));
  g_assert_true (array_has_string (strings, "Progress (%)"));

  /* Progress, as numbers written the C way, in column K of each row. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      g_autofree char *cell = g_strdup_printf ("K%u", i + 2);
      double want = round (pb_store_get_item_completion (f->lib.store, item, &f->today) * 1000) / 10;
      const char *got = json_object_get_string_member_with_default (numbers, cell, NULL);

      g_assert_nonnull (got);
      g_assert_null (strchr (got, ','));
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (got, NULL), want, 1e-9);
    }
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->lib.dir, "ledger.csv", NULL);
  g_autofree char *indicators_path = g_build_filename (f->lib.dir, "ledger-indicators.csv", NULL);
  g_autofree char *actuals_path = g_build_filename (f->lib.dir, "ledger-actuals.csv", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->plan);
  g_autofree char *out = run (f->cli, "--db", f->lib.path, "export", id, "--format", "csv", "-o", path,
                              "--today", "2026-11-22", NULL);
  g_autoptr(JsonNode) tasks = check ("csv", path);
  g_autoptr(JsonNode) indicators = check ("csv", indicators_path);
  g_autoptr(JsonNode) actuals = check ("csv", actuals_path);
  JsonArray *rows = json_node_get_array (tasks);
  g_autoptr(GListModel) items = pb_store_list_items (f->lib.store, f->plan);
  g_autoptr(GListModel) all_indicators = pb_store_list_indicators (f->lib.store, f->plan);
  guint n_actuals = 0;

  /* Round trip: every item, its title (quotes, comma and newline
   * included) and its progress come back as they are in the library. */
  g_assert_cmpuint (json_array_get_length (rows), ==, g_list_model_get_n_items (items) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      JsonArray *row = json_array_get_array_element (rows, i + 1);
      double want = round (pb_store_get_item_completion (f->lib.store, item, &f->today) * 1000) / 10;

      g_assert_cmpuint (json_array_get_length (row), ==, 12);
      g_assert_cmpstr (json_array_get_string_element (row, 0), ==, pb_item_get_number (item));
      g_assert_cmpstr (json_array_get_string_element (row, 2), ==, pb_item_get_title (item));
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (json_array_get_string_element (row, 10), NULL), want, 1e-9);
    }

  rows = json_node_get_array (indicators);
  g_assert_cmpuint (json_array_get_length (rows), ==, g_list_model_get_n_items (all_indicators) + 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 1), 1), ==, "5G基站");

  for (guint i = 0; i < g_list_model_get_n_items (all_indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (all_indicators, i);
      n_actuals += pb_store_count (f->lib.store, PB_TYPE_ACTUAL, "indicator_id", pb_record_get_id (PB_RECORD (k)));
    }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (actuals)), ==, n_actuals + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ledger/xlsx", Fixture, NULL, setup, test_xlsx, teardown);
  g_test_add ("/ledger/csv", Fixture, NULL, setup, test_csv, teardown);

  return g_test_run ();
}
