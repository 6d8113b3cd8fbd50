/* test-cli.c — planboard-cli as scripts use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <sys/wait.h>

#include "pb-report.h"

#include "pb-test-util.h"

static char *dir;
static char *db;

/* A library for the tests: a file in the test's folder or, with
 * PB_TEST_BACKEND=postgresql (cli-pg), a fresh shared library on the test
 * server, which planboard-cli opens by its connection string. %NULL when
 * the test skips (no server). */
static char *
library (const char *name)
{
  if (pb_test_on_server ())
    return pb_test_pg_library ();
  return g_build_filename (dir, name, NULL);
}

/* The library the first tests share (one after the other). */
static gboolean
main_library (void)
{
  if (db == NULL)
    db = library ("library.db");
  return db != NULL;
}

static int
run_v (char       **envp,
       char       **out,
       char       **err,
       const char  *first,
       va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("PLANBOARD_CLI"));
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* Runs planboard-cli; returns its exit status. */
static int
run (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = run_v (NULL, out, err, first, args);
  va_end (args);
  return status;
}

/* The same as a user whose LANG is @lang runs it (no LC_ALL). The locale
 * must exist (build-aux/dev.sh makes it): without it the test fails
 * rather than pass for the wrong reason. */
static int
run_lang (const char  *lang,
          char       **out,
          char       **err,
          const char  *first,
          ...)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  va_list args;
  int status;

  if (setlocale (LC_ALL, lang) == NULL)
    g_error ("The %s locale is needed (build-aux/dev.sh test makes it)", lang);
  setlocale (LC_ALL, saved);
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LANG", lang, TRUE);
  va_start (args, first);
  status = run_v (envp, out, err, first, args);
  va_end (args);
  return status;
}

static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && lines[n - 1][0] == '\0')
    n--;
  return g_strdup (n ? lines[n - 1] : "");
}

static void
assert_one_line_error (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "planboard-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_list_export_import (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *json = g_build_filename (dir, "方案.json", NULL);
  g_autofree char *json2 = g_build_filename (dir, "copy.json", NULL);
  g_autofree char *file = g_build_filename (dir, "方案.planboard", NULL);
  g_autofree char *db2 = g_build_filename (dir, "另一库.db", NULL);
  g_autofree char *id = NULL;
  g_autofree char *a = NULL, *b = NULL;

  if (!main_library ())
    return;

  /* An empty, missing library lists nothing. */
  g_assert_cmpint (run (&out, &err, "--db", db, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "example", NULL), ==, 0);
  id = last_line (out);
  g_assert_cmpstr (id, ==, "1");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\t云澜市新型基础设施建设三年行动方案(2025—2027年)\t2025-2027\t19\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", "--format", "json", "-o", json, NULL), ==, 0);
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", "--format", "planboard", "-o", file, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* import prints the new id as its last line. */
  g_assert_cmpint (run (&out, &err, "--db", db, "import", json, NULL), ==, 0);
  g_free (id);
  id = last_line (out);
  g_assert_cmpstr (id, ==, "2");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "import", file, NULL), ==, 0);
  g_free (id);
  id = last_line (out);
  g_assert_cmpstr (id, ==, "3");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Imported into the library they came from, the plans are no
   * indistinguishable twins of the first: "… (copy)", "… (copy 2)", and
   * the import says so (issue 14, 13c). */
  g_assert_cmpint (run (&out, &err, "--db", db, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "1\t云澜市新型基础设施建设三年行动方案(2025—2027年)\t2025-2027\t19\n"
                   "2\t云澜市新型基础设施建设三年行动方案(2025—2027年) (copy)\t2025-2027\t19\n"
                   "3\t云澜市新型基础设施建设三年行动方案(2025—2027年) (copy 2)\t2025-2027\t19\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", db2, "import", file, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", db2, "import", file, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "planboard-cli: the library already holds this plan: added as "
                            "“云澜市新型基础设施建设三年行动方案(2025—2027年) (copy)”.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The round trip, into another library: what was exported comes back. */
  g_assert_cmpint (run (&out, &err, "--db", db2, "export", "1", "-o", json2, NULL), ==, 0);
  g_assert_true (g_file_get_contents (json, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (json2, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
}

static void
test_failures (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);

  if (!main_library ())
    return;

  /* Usage errors: status 2. */
  g_assert_cmpint (run (&out, &err, "--db", db, "frobnicate", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", "--format", "xml", "-o", "x", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Failures: status 1 and one line saying why. */
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "999", "-o", missing, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "import", missing, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_file_set_contents (foreign, "not a database, just text", -1, NULL);
  g_assert_cmpint (run (&out, &err, "--db", foreign, "list", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "not a Planboard library"));
}

static JsonObject *
find_member (JsonArray  *array,
             const char *key,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      if (g_strcmp0 (json_object_get_string_member (o, key), value) == 0)
        return o;
    }
  g_error ("No %s %s", key, value);
}

/* An actual recorded from the command line moves the health it reports. */
static void
test_actual_and_health (void)
{
  g_autofree char *path = library ("health.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *k, *item;
  g_autofree char *k_id = NULL;

  if (path == NULL)
    return;
  g_assert_cmpint (run (&out, &err, "--db", path, "example", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", path, "health", "1", "--json", "--today", "2026-12-01", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "today"), ==, "2026-12-01");
  k = find_member (json_object_get_array_member (root, "indicators"), "name", "数据中心标准机架");
  g_assert_cmpstr (json_object_get_string_member (k, "health"), ==, "red");
  k_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (k, "id"));
  item = find_member (json_object_get_array_member (root, "items"), "title", "统筹建设绿色数据中心");
  g_assert_cmpstr (json_object_get_string_member (item, "health"), ==, "red");
  g_assert_true (strstr (json_object_get_string_member (item, "reason"), "数据中心标准机架") != NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Refused: a date that is not one, a value that is not a number, an
   * indicator of no such plan. Nothing is written. */
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-13-40", "30000", NULL), ==, 1);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-11-30", "三万", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "7", k_id, "2026-11-30", "30000", NULL), ==, 1);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A date after today (a slip, 2027 for 2026) or long outside the
   * plan's period (2025—2027): refused with the reason, nothing written. */
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2027-01-15", "30000",
                        "--today", "2026-11-28", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "planboard-cli: 2027-01-15 is after today.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2029-01-15", "30000",
                        "--today", "2030-01-01", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "2029-01-15 is long outside the plan’s period, 2025—2027"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 30000"), ==, 0);

  /* Far ahead of the expected value: blue. */
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-11-30", "30000",
                        "--today", "2026-12-01",
                        "--note", "含在建机架", "--source", "市发展改革委", NULL), ==, 0);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE note = '含在建机架' AND source = '市发展改革委'"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", path, "health", "1", "--json", "--today", "2026-12-01", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  k = find_member (json_object_get_array_member (root, "indicators"), "name", "数据中心标准机架");
  g_assert_cmpstr (json_object_get_string_member (k, "health"), ==, "blue");
  g_assert_cmpfloat (json_object_get_double_member (k, "latest"), ==, 30000);
  g_assert_cmpstr (json_object_get_string_member (k, "latest_date"), ==, "2026-11-30");
  g_assert_cmpfloat (json_object_get_double_member (k, "completion"), >=, 0.9);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A period closed from the command line, once. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "period", "close", "1", "quarter", "2026", "3", NULL), ==, 0);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM period WHERE label = '2026-Q3'"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "period", "close", "1", "quarter", "2026", "3", NULL), ==, 1);
  assert_one_line_error (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "period", "close", "1", "quarter", "2026", "5", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An actual dated in the closed quarter: refused in one line naming
   * the period and the flag, nothing written; with the flag, recorded
   * and said. The quarter keeps the figure it was closed with. */
  {
    gint64 kept = pb_test_sql_int (path, "SELECT count(*) * 1000000 + coalesce(sum(CAST(pi.value AS INTEGER)), -1) FROM period_indicator pi JOIN period p ON p.id = pi.period_id"
                                                    " JOIN indicator k ON k.id = pi.indicator_id"
                                                    " WHERE p.label = '2026-Q3' AND k.name = '数据中心标准机架'");

    g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-08-15", "29000",
                          "--today", "2026-12-01", NULL), ==, 1);
    assert_one_line_error (err);
    g_assert_cmpstr (err, ==, "planboard-cli: 2026 Q3 is closed; nothing recorded. "
                              "Add --into-closed-period to record into it anyway.\n");
    g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 29000"), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-08-15", "29000",
                          "--today", "2026-12-01", "--into-closed-period", NULL), ==, 0);
    g_assert_nonnull (strstr (err, "recorded into 2026 Q3, which is closed"));
    g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 29000 AND date = '2026-08-15'"), ==, 1);
    {
      gint64 still = pb_test_sql_int (path, "SELECT count(*) * 1000000 + coalesce(sum(CAST(pi.value AS INTEGER)), -1) FROM period_indicator pi JOIN period p ON p.id = pi.period_id"
                                                       " JOIN indicator k ON k.id = pi.indicator_id"
                                                       " WHERE p.label = '2026-Q3' AND k.name = '数据中心标准机架'");
      g_assert_cmpint (kept, >=, 1000000);
      g_assert_cmpint (still, ==, kept);
    }
    /* Deleting it again: the same refusal, nothing deleted; with the
     * flag, deleted and said. */
    {
      g_autofree char *actual_id = g_strstrip (g_strdup (out));

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (&out, &err, "--db", path, "actual", "delete", "1", actual_id, NULL), ==, 1);
      assert_one_line_error (err);
      g_assert_cmpstr (err, ==, "planboard-cli: 2026 Q3 is closed; nothing deleted. "
                                "Add --into-closed-period to delete from it anyway.\n");
      g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 29000 AND date = '2026-08-15'"), ==, 1);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      /* Not this plan's actual, or no number: refused. */
      g_assert_cmpint (run (&out, &err, "--db", path, "actual", "delete", "2", actual_id, "--into-closed-period", NULL), ==, 1);
      assert_one_line_error (err);
      g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 29000 AND date = '2026-08-15'"), ==, 1);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (&out, &err, "--db", path, "actual", "delete", "1", "x", NULL), ==, 2);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (&out, &err, "--db", path, "actual", "delete", "1", actual_id, "--into-closed-period", NULL), ==, 0);
      g_assert_cmpstr (err, ==, "planboard-cli: warning: deleted from 2026 Q3, which is closed: "
                                "it keeps the figures it was closed with, marked as changed since.\n");
      g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 29000 AND date = '2026-08-15'"), ==, 0);
      {
        gint64 still = pb_test_sql_int (path, "SELECT count(*) * 1000000 + coalesce(sum(CAST(pi.value AS INTEGER)), -1) FROM period_indicator pi JOIN period p ON p.id = pi.period_id"
                                                         " JOIN indicator k ON k.id = pi.indicator_id"
                                                         " WHERE p.label = '2026-Q3' AND k.name = '数据中心标准机架'");
        g_assert_cmpint (still, ==, kept);
      }
    }
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* After the quarter: as before. */
    g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-10-05", "29500",
                          "--today", "2026-12-01", NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* The plain form: a line per item and per indicator. */
  g_assert_cmpint (run (&out, &err, "--db", path, "health", "1", "--today", "2026-12-01", NULL), ==, 0);
  g_assert_true (strstr (out, "indicator\t") != NULL);
  g_assert_true (strstr (out, "\t统筹建设绿色数据中心\t") != NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A running total lower than before: recorded (corrections happen),
   * with a warning; a rising one says nothing. */
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-12-15", "28000",
                        "--today", "2026-12-31", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "planboard-cli: warning: Lower than the 30,000 recorded on 2026-11-30; "
                            "a cumulative figure should not fall.\n");
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE value = 28000 AND date = '2026-12-15'"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", k_id, "2026-12-31", "31000",
                        "--today", "2026-12-31", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

/* A text that is not a plan is refused, as the window's importer refuses
 * it: a line on stderr, a non-zero status, nothing written; and the store
 * takes no plan without a title from a plan file either. */
static void
test_import_not_a_plan (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *lib = library ("not-a-plan.db");
  g_autofree char *text = g_build_filename (dir, "随笔.txt", NULL);
  g_autofree char *dry = g_build_filename (dir, "随笔.json", NULL);
  g_autofree char *untitled = g_build_filename (dir, "untitled.json", NULL);
  g_autofree char *titled = g_build_filename (dir, "titled.json", NULL);
  g_autofree char *plan = g_build_filename (dir, "方案.txt", NULL);
  const char *item = "\"items\":[{\"id\":\"i1\",\"kind\":\"task\",\"number\":\"1\",\"title\":\"建设网络\"}]}";
  g_autofree char *untitled_json = g_strconcat ("{\"format\":\"planboard-plan/1\",\"title\":\" \",", item, NULL);
  g_autofree char *nameless = g_build_filename (dir, "无题方案.txt", NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *titled_json = g_strconcat ("{\"format\":\"planboard-plan/1\",\"title\":\"青河市测试方案\",", item, NULL);

  if (lib == NULL)
    return;
  g_assert_true (g_file_set_contents (text, "周末天气晴朗，我们一起去湖边骑车，傍晚回家吃饭。\n", -1, NULL));
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", text, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "随笔.txt"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", lib, "import", text, "--dry-run", "--json", dry, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_false (g_file_test (dry, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A plan file whose title is blank: the store refuses it. */
  g_assert_true (g_file_set_contents (untitled, untitled_json, -1, NULL));
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", untitled, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "title"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing was written. */
  g_assert_cmpint (run (&out, &err, "--db", lib, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file with a title, and a text that is a plan, import. */
  g_assert_true (g_file_set_contents (titled, titled_json, -1, NULL));
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", titled, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* (Neither states a period nor a target year: the period is given.) */
  g_assert_true (g_file_set_contents (plan, "青河市网络建设工作方案\n一、重点任务\n(一)建设网络。建成基站300个。\n", -1, NULL));
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", plan, "--period", "2025-2027", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* A plan text with no title line is named by its file. */
  g_assert_true (g_file_set_contents (nameless, "一、重点任务\n(一)建设网络。建成基站300个。\n", -1, NULL));
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", nameless, "--period", "2025-2027", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", lib, "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t无题方案\t"));
  g_assert_nonnull (strstr (out, "\t青河市测试方案\t"));
  g_assert_nonnull (strstr (out, "\t青河市网络建设工作方案\t"));
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
}

/* How many items of plan @id lack a date, and how many carry exactly
 * @first–@last. */
static void
assert_items_dated (const char *lib,
                    const char *id,
                    const char *first,
                    const char *last,
                    gint64      n_items)
{
  g_autofree char *undated = g_strdup_printf ("SELECT count(*) FROM item WHERE plan_id = %s "
                                              "AND (start_date IS NULL OR due_date IS NULL)", id);
  g_autofree char *dated = g_strdup_printf ("SELECT count(*) FROM item WHERE plan_id = %s "
                                            "AND start_date = '%s' AND due_date = '%s'", id, first, last);

  g_assert_cmpint (pb_test_sql_int (lib, undated), ==, 0);
  g_assert_cmpint (pb_test_sql_int (lib, dated), ==, n_items);
}

static void
assert_plan_period (const char *lib,
                    const char *id,
                    gint64      start,
                    gint64      end)
{
  g_autofree char *q_start = g_strdup_printf ("SELECT period_start FROM plan WHERE id = %s", id);
  g_autofree char *q_end = g_strdup_printf ("SELECT period_end FROM plan WHERE id = %s", id);

  g_assert_cmpint (pb_test_sql_int (lib, q_start), ==, start);
  g_assert_cmpint (pb_test_sql_int (lib, q_end), ==, end);
}

/* A document that states no period, as the window's import review does
 * it: the period is proposed from its targets' years and said; with no
 * target year either it is refused until --period gives it; items are
 * always dated from the plan's period. */
static void
test_import_period (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *lib = library ("import-period.db");
  g_autofree char *years = g_build_filename (dir, "新基建工作方案.txt", NULL);
  g_autofree char *none = g_build_filename (dir, "充电设施工作方案.txt", NULL);
  g_autofree char *stated = g_build_filename (dir, "数字乡村行动方案.txt", NULL);
  g_autofree char *plan_file = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *id = NULL;

  if (lib == NULL)
    return;
  g_assert_true (g_file_set_contents (years,
                                      "青河市新型基础设施建设工作方案\n"
                                      "一、重点任务\n"
                                      "(一)加快5G网络建设。2025年新建5G基站300个，到2027年累计建成5G基站1200个。"
                                      "(牵头单位:市通信管理办;责任单位:各区县政府)\n"
                                      "(二)推进充电设施建设。建成公共充电桩500个。(牵头单位:市发展改革委)\n", -1, NULL));
  g_assert_true (g_file_set_contents (none,
                                      "青河市充电设施建设工作方案\n"
                                      "一、重点任务\n"
                                      "(一)完善公共充电网络。建成公共充电桩500个。(牵头单位:市发展改革委)\n"
                                      "(二)推进居民小区充电设施建设。(牵头单位:市住房城乡建设局)\n", -1, NULL));
  g_assert_true (g_file_set_contents (stated,
                                      "青河市数字乡村建设行动方案（2024—2026年）\n"
                                      "一、重点任务\n"
                                      "(一)推进乡村网络覆盖。到2025年行政村5G通达率达到90%。(牵头单位:市农业农村局)\n", -1, NULL));

  /* Target years 2025 and 2027: 2025—2027 is proposed, and said. */
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", years, NULL), ==, 0);
  id = last_line (out);
  assert_items_dated (lib, id, "2025-01-01", "2027-12-31", 2);
  assert_plan_period (lib, id, 2025, 2027);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "2025—2027 is proposed"));
  g_assert_nonnull (strstr (err, "--period"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&id, g_free);

  /* --period instead of the proposal. */
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", years, "--period", "2024-2028", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  id = last_line (out);
  assert_plan_period (lib, id, 2024, 2028);
  assert_items_dated (lib, id, "2024-01-01", "2028-12-31", 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&id, g_free);

  /* Neither a period nor a target year: refused, saying how to give it,
   * and nothing is written. */
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", none, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "充电设施工作方案.txt"));
  g_assert_nonnull (strstr (err, "--period 2025-2027"));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (pb_test_sql_int (lib, "SELECT count(*) FROM plan"), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Given: every item dated from it (one year, or as a plan writes it). */
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", none, "--period", "2025—2026", NULL), ==, 0);
  id = last_line (out);
  assert_plan_period (lib, id, 2025, 2026);
  assert_items_dated (lib, id, "2025-01-01", "2026-12-31", 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&id, g_free);
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", none, "--period", "2026", NULL), ==, 0);
  id = last_line (out);
  assert_items_dated (lib, id, "2026-01-01", "2026-12-31", 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&id, g_free);

  /* The period the document states: nothing to say. */
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", stated, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  id = last_line (out);
  assert_plan_period (lib, id, 2024, 2026);
  assert_items_dated (lib, id, "2024-01-01", "2026-12-31", 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A period that is not one; --period for a plan file. */
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", none, "--period", "2027-2025", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", none, "--period", "明年", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", lib, "export", id, "--format", "json", "-o", plan_file, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", lib, "import", plan_file, "--period", "2025-2027", NULL), ==, 2);
  g_assert_cmpint (pb_test_sql_int (lib, "SELECT count(*) FROM plan"), ==, 5);
}

/* Issue 14 (review): the command line read a value with g_ascii_strtod,
 * so 45万, 1.3万, 450,000 and 85% — all read by the window's Record
 * Actual — were refused with the whole usage. It reads them with the one
 * parser (DESIGN §7), and a refusal is one line naming what was typed. */
static void
test_typed_numbers (void)
{
  g_autofree char *path = library ("numbers.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* In the example plan: 千兆宽带用户 (户) is indicator 3, 公共充电桩 (个)
   * 6, 重点工业企业上云率 (%) 7, as `health --json` lists them. */
  const char *broadband = "3", *chargers = "6", *cloud = "7";

  if (path == NULL)
    return;
  g_assert_cmpint (run (&out, &err, "--db", path, "example", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE id = 3 AND name = '千兆宽带用户'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE id = 6 AND name = '公共充电桩'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM indicator WHERE id = 7 AND measure_unit = '%'"), ==, 1);

  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", broadband, "2026-11-20", "45万",
                        "--today", "2026-12-01", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE indicator_id = 3 AND date = '2026-11-20' AND value = 450000"), ==, 1);

  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", broadband, "2026-11-25", "450,000",
                        "--today", "2026-12-01", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE indicator_id = 3 AND date = '2026-11-25' AND value = 450000"), ==, 1);

  g_assert_cmpint (run_lang ("zh_CN.UTF-8", &out, &err, "--db", path, "actual", "add", "1", chargers, "2026-11-20", "1.8万",
                             "--today", "2026-12-01", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE indicator_id = 6 AND date = '2026-11-20' AND value = 18000"), ==, 1);

  /* A percentage keeps its number, as the plan writes it (达到85%). */
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", cloud, "2026-11-20", "85%",
                        "--today", "2026-12-01", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE indicator_id = 7 AND date = '2026-11-20' AND value = 85"), ==, 1);

  /* Refused: one line naming the text, no usage, status 2, nothing written. */
  g_assert_cmpint (run (&out, &err, "--db", path, "actual", "add", "1", broadband, "2026-11-26", "45万户多",
                        "--today", "2026-12-01", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "planboard-cli: “45万户多” is not a number; write it as 2600, 2.6万 or 0.85.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_lang ("zh_CN.UTF-8", &out, &err, "--db", path, "actual", "add", "1", broadband, "2026-11-26", "四十五万",
                             "--today", "2026-12-01", NULL), ==, 2);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "四十五万"));
  g_assert_null (strstr (err, "planboard-cli [--db"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM actual WHERE date = '2026-11-26'"), ==, 0);

  /* An item's progress, the same way: 62.5% is 0.625. */
  g_assert_cmpint (run (&out, &err, "--db", path, "item", "set", "1", "1", "--progress", "62.5%", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item WHERE plan_id = 1 AND number = '1' AND progress = 0.625"), ==, 1);
  g_assert_cmpint (run (&out, &err, "--db", path, "item", "set", "1", "1", "--progress", "120%", NULL), ==, 2);
  g_assert_cmpstr (err, ==, "planboard-cli: --progress is a percentage from 0 to 100, not “120%”.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM item WHERE plan_id = 1 AND number = '1' AND progress = 0.625"), ==, 1);
}

/* Issue 14 (review): the usage's `--parts` list left out `reporting`,
 * which the report takes. Every part the report takes (every bit of
 * PB_REPORT_EVERY_PART has a name that pb_report_parts_from_string()
 * reads back) is in the usage, in English and in Chinese, and in the
 * line that refuses an unknown part. */
static void
test_usage_parts (void)
{
  const char * const *names = pb_report_part_names ();
  const char *langs[] = { NULL, "zh_CN.UTF-8", "zh_TW.UTF-8" };
  g_autofree char *path = library ("parts.db");
  guint n = 0;

  if (path == NULL)
    return;
  {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run (&out, &err, "--db", path, "example", NULL), ==, 0);
  }

  for (; names[n]; n++)
    {
      PbReportParts parts = 0;

      g_assert_true (pb_report_parts_from_string (names[n], &parts));
      g_assert_cmpint (parts, ==, 1 << n);
    }
  g_assert_cmpint ((1 << n) - 1, ==, PB_REPORT_EVERY_PART);
  g_assert_cmpstr (names[6], ==, "reporting");

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *out = NULL, *err = NULL, *refused = NULL, *out2 = NULL;
      const char *list, *list_end;

      if (langs[l])
        g_assert_cmpint (run_lang (langs[l], &out, &err, "--help", NULL), ==, 0);
      else
        g_assert_cmpint (run (&out, &err, "--help", NULL), ==, 0);
      list = strstr (err, "[--parts ");
      g_assert_nonnull (list);
      list += strlen ("[--parts ");
      list_end = strchr (list, ']');
      g_assert_nonnull (list_end);
      {
        g_autofree char *typed = g_strndup (list, list_end - list);
        g_auto(GStrv) words = g_strsplit (typed, ",", -1);
        PbReportParts parts = 0;

        /* What the usage lists, typed after --parts, is every part */
        g_assert_cmpuint (g_strv_length (words), ==, n);
        g_assert_true (pb_report_parts_from_string (typed, &parts));
        g_assert_cmpint (parts, ==, PB_REPORT_EVERY_PART);
      }
      if (langs[l])
        g_assert_cmpint (run_lang (langs[l], &out2, &refused, "--db", path, "report", "1", "-o", "x.pdf", "--parts", "cover,封面", NULL), ==, 2);
      else
        g_assert_cmpint (run (&out2, &refused, "--db", path, "report", "1", "-o", "x.pdf", "--parts", "cover,封面", NULL), ==, 2);
      assert_one_line_error (refused);
      g_assert_nonnull (strstr (refused, "cover,封面"));
      for (guint i = 0; i < n; i++)
        g_assert_nonnull (strstr (refused, names[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = pb_test_make_dir ();

  g_test_add_func ("/cli/list-export-import", test_list_export_import);
  g_test_add_func ("/cli/failures", test_failures);
  g_test_add_func ("/cli/import-not-a-plan", test_import_not_a_plan);
  g_test_add_func ("/cli/import-period", test_import_period);
  g_test_add_func ("/cli/actual-and-health", test_actual_and_health);
  g_test_add_func ("/cli/typed-numbers", test_typed_numbers);
  g_test_add_func ("/cli/usage-parts", test_usage_parts);

  ret = g_test_run ();
  pb_test_remove_dir (dir);
  g_free (db);
  return ret;
}
