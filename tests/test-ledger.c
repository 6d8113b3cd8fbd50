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
  /* Titles a spreadsheet program would run as formulas (CSV injection). */
  pb_store_add_item (f->lib.store, f->plan, 0, PB_ITEM_KIND_TASK, "15", "=HYPERLINK(\"http://x\",\"点击\")", &error);
  pb_store_add_item (f->lib.store, f->plan, 0, PB_ITEM_KIND_TASK, "16", "@SUM(1+1)", &error);
  pb_store_add_item (f->lib.store, f->plan, 0, PB_ITEM_KIND_TASK, "-17", "+cmd|' /C calc'!A0", &error);
  pb_store_add_item (f->lib.store, f->plan, 0, PB_ITEM_KIND_TASK, "18", "\t制表开头", &error);
  g_assert_no_error (error);
  /* A negative number: a number, not text to neutralise. */
  {
    g_autoptr(GListModel) indicators = pb_store_list_indicators (f->lib.store, f->plan);
    g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, g_list_model_get_n_items (indicators) - 1);

    pb_store_record_actual (f->lib.store, pb_record_get_id (PB_RECORD (k)), "2026-01-31", -5, "=调减", NULL, &error);
    g_assert_no_error (error);
  }
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

      const char *title = pb_item_get_title (item);
      const char *number = pb_item_get_number (item);

      g_assert_cmpuint (json_array_get_length (row), ==, 12);
      /* Text that begins like a formula is neutralised with a leading ';
       * everything else comes back as it is. */
      if (strchr ("=+-@\t\r", number[0]) && number[0] != '\0')
        {
          g_autofree char *quoted = g_strconcat ("'", number, NULL);
          g_assert_cmpstr (json_array_get_string_element (row, 0), ==, quoted);
        }
      else
        g_assert_cmpstr (json_array_get_string_element (row, 0), ==, number);
      if (strchr ("=+-@\t\r", title[0]) && title[0] != '\0')
        {
          g_autofree char *quoted = g_strconcat ("'", title, NULL);
          g_assert_cmpstr (json_array_get_string_element (row, 2), ==, quoted);
        }
      else
        g_assert_cmpstr (json_array_get_string_element (row, 2), ==, title);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (json_array_get_string_element (row, 10), NULL), want, 1e-9);
    }

  rows = json_node_get_array (indicators);
  g_assert_cmpuint (json_array_get_length (rows), ==, g_list_model_get_n_items (all_indicators) + 1);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (rows, 1), 1), ==, "5G基站");

  /* Nothing the plan states is lost: each year's firm target as a number
   * and, beside it, as stated (comparator included); stretch targets with
   * theirs. Negative numbers stay numbers, not neutralised text. */
  {
    JsonArray *head = json_array_get_array_element (rows, 0);
    guint n_columns = json_array_get_length (head);
    guint checked = 0;

    for (guint i = 0; i < g_list_model_get_n_items (all_indicators); i++)
      {
        g_autoptr(PbIndicator) k = g_list_model_get_item (all_indicators, i);
        g_autoptr(GListModel) targets = pb_store_list_targets (f->lib.store, pb_record_get_id (PB_RECORD (k)));
        JsonArray *row = json_array_get_array_element (rows, i + 1);

        g_assert_cmpuint (json_array_get_length (row), ==, n_columns);
        for (guint j = 0; j < g_list_model_get_n_items (targets); j++)
          {
            g_autoptr(PbTarget) t = g_list_model_get_item (targets, j);
            PbComparator cmp = pb_record_get_enum (PB_RECORD (t), "comparator");
            g_autofree char *year = g_strdup_printf ("%d", pb_target_get_year (t));
            g_autofree char *stated_head = g_strdup_printf ("%d as Stated", pb_target_get_year (t));
            g_autofree char *value = g_strdup_printf ("%.15g", pb_target_get_value (t));
            g_autofree char *stated = g_strconcat (cmp == PB_COMPARATOR_GE ? "≥" : cmp == PB_COMPARATOR_LE ? "≤"
                                                   : cmp == PB_COMPARATOR_ABOUT ? "~" : "", value, NULL);
            gboolean found = FALSE;

            for (guint c = 0; c < n_columns; c++)
              {
                const char *h = json_array_get_string_element (head, c);
                const char *cell = json_array_get_string_element (row, c);

                if (pb_record_get_boolean (PB_RECORD (t), "stretch"))
                  {
                    g_autofree char *line = g_strdup_printf ("%s: %s", year, stated);
                    found |= g_str_equal (h, "Stretch Targets") && strstr (cell, line) != NULL;
                  }
                else if (g_str_equal (h, year))
                  g_assert_cmpfloat (g_ascii_strtod (cell, NULL), ==, pb_target_get_value (t));
                else if (g_str_equal (h, stated_head))
                  found |= strstr (cell, stated) != NULL;
              }
            g_assert_true (found);
            checked += cmp != PB_COMPARATOR_EQ;
          }
      }
    /* The example plan states ≥ targets, which a bare number would lose. */
    g_assert_cmpuint (checked, >, 0);
  }

  for (guint i = 0; i < g_list_model_get_n_items (all_indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (all_indicators, i);
      n_actuals += pb_store_count (f->lib.store, PB_TYPE_ACTUAL, "indicator_id", pb_record_get_id (PB_RECORD (k)));
    }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (actuals)), ==, n_actuals + 1);
  {
    JsonArray *arows = json_node_get_array (actuals);
    gboolean negative = FALSE;

    for (guint i = 1; i < json_array_get_length (arows); i++)
      {
        JsonArray *row = json_array_get_array_element (arows, i);

        if (g_str_equal (json_array_get_string_element (row, 3), "-5"))
          {
            negative = TRUE;
            g_assert_cmpstr (json_array_get_string_element (row, 5), ==, "'=调减");
          }
      }
    g_assert_true (negative);
  }
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
