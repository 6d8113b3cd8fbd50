/* test-exchange.c — plan exchange JSON and .planboard files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "pb-store-private.h"
#include "pb-supervision.h"
#include "pb-test-util.h"

static void
test_json_round_trip (PbTestLibrary *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 id, copy;

  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  first = pb_store_export_plan_json (f->store, id, &error);
  g_assert_no_error (error);

  copy = pb_store_import_plan_json (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, !=, id);

  a = pb_test_export_string (f->store, id);
  b = pb_test_export_string (f->store, copy);
  g_assert_cmpstr (a, ==, b);

  /* Everything the library holds is in there. */
  for (const char * const *w = (const char * const[]) {
         "\"doc_number\" : \"云府办发〔2025〕8号\"", "\"issue_date\" : \"2025-03-18\"",
         "\"aliases\" : [\n        \"市经信局\"", "\"health_override\"", "\"depends_on\" : [\n        {\n          \"item\" : \"i6\"",
         "\"actuals\"", "\"baseline\" : 3200", "\"notes\"", "\"stretch\" : true", "\"comparator\" : \"<=\"",
         "\"kind\" : \"annual\"", "\"status\" : \"blocked\"", NULL };
       *w; w++)
    if (strstr (a, *w) == NULL)
      g_error ("export lacks %s", *w);

  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 2);
}

/* The reference annotations in shared/corpus are planboard-plan/1: every
 * section, item, organisation and target survives import and export. */
static void
test_gold_files (PbTestLibrary *f,
                 gconstpointer  data)
{
  const char *names[] = { "chengdu-2020.gold.json", "liupanshui-2022.gold.json", "shaoxing-2020.gold.json" };
  g_autofree char *first = pb_test_corpus_path (names[0]);

  /* The corpus sits beside the project, never in it: a build from the
   * source tree alone (the Flatpak's) has none. */
  if (!g_file_test (first, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no ../shared/corpus beside the source tree");
      return;
    }

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *gold_path = pb_test_corpus_path (names[n]);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) exported = NULL;
      JsonObject *gold, *out;
      JsonArray *gi, *oi, *gs, *os;
      gint64 id;

      g_assert_true (json_parser_load_from_file (parser, gold_path, &error));
      g_assert_no_error (error);
      id = pb_store_import_plan_json (f->store, json_parser_get_root (parser), &error);
      g_assert_no_error (error);
      exported = pb_store_export_plan_json (f->store, id, &error);
      g_assert_no_error (error);

      gold = json_node_get_object (json_parser_get_root (parser));
      out = json_node_get_object (exported);
      g_assert_cmpstr (json_object_get_string_member (gold, "title"), ==, json_object_get_string_member (out, "title"));

      gs = json_object_get_array_member (gold, "sections");
      os = json_object_get_array_member (out, "sections");
      g_assert_cmpuint (json_array_get_length (gs), ==, json_array_get_length (os));
      for (guint i = 0; i < json_array_get_length (gs); i++)
        {
          JsonObject *g = json_array_get_object_element (gs, i);
          JsonObject *o = json_array_get_object_element (os, i);
          g_assert_cmpstr (json_object_get_string_member (g, "number"), ==, json_object_get_string_member (o, "number"));
          g_assert_cmpstr (json_object_get_string_member (g, "title"), ==, json_object_get_string_member (o, "title"));
          g_assert_cmpint (json_object_get_null_member (g, "parent"), ==, json_object_get_null_member (o, "parent"));
        }

      gi = json_object_get_array_member (gold, "items");
      oi = json_object_get_array_member (out, "items");
      g_assert_cmpuint (json_array_get_length (gi), ==, json_array_get_length (oi));
      for (guint i = 0; i < json_array_get_length (gi); i++)
        {
          JsonObject *g = json_array_get_object_element (gi, i);
          JsonObject *o = json_array_get_object_element (oi, i);
          g_autoptr(JsonNode) gl = json_node_copy (json_object_get_member (g, "lead_units"));
          g_autoptr(JsonNode) ol = json_node_copy (json_object_get_member (o, "lead_units"));
          JsonArray *gt = json_object_get_array_member (g, "targets");
          JsonArray *ot = json_object_get_array_member (o, "targets");

          g_assert_cmpstr (json_object_get_string_member (g, "kind"), ==, json_object_get_string_member (o, "kind"));
          g_assert_cmpstr (json_object_get_string_member (g, "number"), ==, json_object_get_string_member (o, "number"));
          g_assert_cmpstr (json_object_get_string_member (g, "title"), ==, json_object_get_string_member (o, "title"));
          g_assert_true (json_node_equal (gl, ol));
          g_assert_true (json_node_equal (json_object_get_member (g, "responsible_units"),
                                          json_object_get_member (o, "responsible_units")));
          g_assert_cmpuint (json_array_get_length (gt), ==, json_array_get_length (ot));
          for (guint t = 0; t < json_array_get_length (gt); t++)
            {
              JsonObject *a = json_array_get_object_element (gt, t);
              JsonObject *b = json_array_get_object_element (ot, t);

              for (const char * const *m = (const char * const[]) { "indicator", "unit", "comparator", "text", "confidence", NULL }; *m; m++)
                g_assert_cmpstr (json_object_get_string_member (a, *m), ==, json_object_get_string_member (b, *m));
              g_assert_cmpint (json_object_get_int_member (a, "year"), ==, json_object_get_int_member (b, "year"));
              g_assert_cmpfloat (json_object_get_double_member (a, "value"), ==, json_object_get_double_member (b, "value"));
              g_assert_cmpint (json_object_get_boolean_member (a, "stretch"), ==, json_object_get_boolean_member (b, "stretch"));
              g_assert_cmpint (json_object_get_boolean_member (a, "year_implied"), ==, json_object_get_boolean_member (b, "year_implied"));
            }
        }
    }
}

static gint64
import_text (PbStore     *store,
             const char  *json,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return pb_store_import_plan_json (store, json_parser_get_root (parser), error);
}

/* A file whose dependencies make a loop (1 after 2, 2 after 1: no
 * schedule holds both) imports with the one that closes it left out. */
static void
test_dependency_loop (PbTestLibrary *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = import_text (f->store,
                             "{\"format\": \"planboard-plan/1\", \"title\": \"循环\", \"items\": ["
                             "{\"id\": \"i1\", \"number\": \"1\", \"title\": \"甲\", \"depends_on\": [{\"item\": \"i2\"}]},"
                             "{\"id\": \"i2\", \"number\": \"2\", \"title\": \"乙\", \"depends_on\": [{\"item\": \"i1\"}]},"
                             "{\"id\": \"i3\", \"number\": \"3\", \"title\": \"丙\", \"depends_on\": [{\"item\": \"i2\"}]}]}",
                             &error);

  g_assert_no_error (error);
  g_assert_cmpint (plan, >, 0);
  /* 1 after 2 and 3 after 2 stand; 2 after 1 would close the loop. */
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM dependency"), ==, 2);
}

static void
test_bad_json (PbTestLibrary *f,
               gconstpointer  data)
{
  const char *bad[] = {
    "[]",
    "{\"format\": \"planboard-plan/2\", \"title\": \"x\"}",
    "{\"title\": \"no format\"}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"section\": \"s9\", \"title\": \"x\"}]}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"title\": \"x\", \"status\": \"finished-ish\"}]}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"title\": \"x\", \"due\": \"2024-13-45\"}]}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"title\": \"x\", \"targets\": [{\"indicator\": \"a\", \"value\": 1}]}]}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"title\": \"x\", \"targets\": [{\"indicator\": \"a\", \"year\": 2024, \"value\": \"many\"}]}]}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"title\": \"x\", \"lead_units\": [3]}]}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"id\": \"i1\", \"title\": \"x\", \"depends_on\": [{\"item\": \"i7\"}]}]}",
    "{\"format\": \"planboard-plan/1\", \"period\": {\"start\": 2024, \"end\": 2020}}",
    "{\"format\": \"planboard-plan/1\", \"items\": [{\"title\": \"x\", \"progress\": 7}]}",
    /* An item's history: a bad day, a progress beyond 0..1, an unknown
     * status, no status, not a list, not entries; a bad history_since. */
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-02-30\", \"status\": \"done\", \"progress\": 1}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-03-31\", \"status\": \"in-progress\", \"progress\": 1.5}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-03-31\", \"status\": \"in-progress\", \"progress\": 0.5, \"progress_before\": -0.1}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-03-31\", \"status\": \"finished-ish\", \"progress\": 0.5}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-03-31\", \"status\": \"done\", \"progress\": 1, \"status_before\": \"nope\"}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-03-31\", \"progress\": 0.5}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [{\"date\": \"2026-03-31\", \"status\": \"done\", \"progress\": \"1\"}]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": {\"date\": \"2026-03-31\"}}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"items\": [{\"title\": \"x\", \"history\": [\"2026-03-31\"]}]}",
    "{\"format\": \"planboard-plan/1\", \"title\": \"x\", \"history_since\": \"yesterday\", \"items\": [{\"title\": \"x\"}]}",
  };
  g_autofree char *before = pb_test_dump_store (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (import_text (f->store, bad[i], &error), ==, 0);
      g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
      after = pb_test_dump_store (f->store);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (pb_store_can_undo (f->store));
    }

  /* A history far longer than any item's is refused, saying so. */
  {
    g_autoptr(GString) huge = g_string_new ("{\"format\": \"planboard-plan/1\", \"title\": \"x\","
                                            " \"items\": [{\"title\": \"x\", \"history\": [");
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    for (guint i = 0; i < 20001; i++)
      g_string_append_printf (huge, "%s{\"date\": \"2026-03-31\", \"status\": \"in-progress\", \"progress\": 0.5}",
                              i ? "," : "");
    g_string_append (huge, "]}]}");
    g_assert_cmpint (import_text (f->store, huge->str, &error), ==, 0);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "more than 20000 entries"));
    after = pb_test_dump_store (f->store);
    g_assert_cmpstr (after, ==, before);
  }

  /* A file that is not JSON at all. */
  {
    g_autofree char *path = g_build_filename (f->dir, "broken.json", NULL);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (path, "{\"format\": \"planboard-plan/1\", \"title\": \"未完", -1, NULL);
    g_assert_cmpint (pb_store_import_file (f->store, path, &error), ==, 0);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "broken.json"));
  }
}

static void
test_planboard_file (PbTestLibrary *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "云澜 方案.planboard", NULL);
  g_autofree char *wal = g_strconcat (file, "-wal", NULL);
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GListModel) plans = pb_store_list_plans (f->store);
  gint64 id, first, second;

  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_export_planboard (f->store, id, file, &error));
  g_assert_no_error (error);

  /* A standalone library with one plan, no side files, no WAL flag. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (pb_test_sql_int (file, "SELECT count(*) FROM plan"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (file, "SELECT count(*) FROM item"), ==, 19);
  g_assert_cmpint (pb_test_sql_int (file, "PRAGMA application_id"), ==, 0x504C4244);
  {
    g_autofree char *head = NULL;
    gsize length;
    g_file_get_contents (file, &head, &length, NULL);
    g_assert_cmpint (head[18], ==, 1);  /* legacy journal, not WAL */
  }
  /* No temporary file is left beside it. */
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)))
      g_assert_false (name[0] == '.');
  }

  sum = pb_test_checksum_file (file);

  /* Importing twice gives two new plans, never a merge. */
  first = pb_store_import_planboard (f->store, file, &error);
  g_assert_no_error (error);
  second = pb_store_import_planboard (f->store, file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, !=, second);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item"), ==, 3 * 19);

  original = pb_test_export_string (f->store, id);
  {
    g_autofree char *a = pb_test_export_string (f->store, first);
    g_autofree char *b = pb_test_export_string (f->store, second);
    g_assert_cmpstr (a, ==, original);
    g_assert_cmpstr (b, ==, original);
  }

  /* Reading a file never changes it. */
  sum_after = pb_test_checksum_file (file);
  g_assert_cmpstr (sum, ==, sum_after);

  /* An import is one undoable command. */
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Import plan");
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);

  /* Exporting over an existing file replaces it whole. */
  g_assert_true (pb_store_export_planboard (f->store, first, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (file, "SELECT count(*) FROM plan"), ==, 1);
}

static void
test_planboard_old_and_bad (PbTestLibrary *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "library-v1.db", NULL);
  g_autofree char *old = g_build_filename (f->dir, "old.planboard", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.planboard", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;
  gint64 id;

  /* A file from an older version is upgraded in a private copy. */
  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (old, contents, length, NULL));
  sum = pb_test_checksum_file (old);
  id = pb_store_import_file (f->store, old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_count (f->store, PB_TYPE_ITEM, "plan_id", id), ==, 2);
  sum_after = pb_test_checksum_file (old);
  g_assert_cmpstr (sum, ==, sum_after);
  g_assert_cmpint (pb_test_sql_int (old, "PRAGMA user_version"), ==, 1);

  /* A damaged or foreign file adds nothing and names the file. */
  before = pb_test_dump_store (f->store);
  g_file_set_contents (junk, "SQLite format 3\0 but then nothing useful at all", 48, NULL);
  g_assert_cmpint (pb_store_import_file (f->store, junk, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "junk.planboard"));
  g_clear_error (&error);

  g_assert_cmpint (pb_store_import_file (f->store, "/nonexistent/x.planboard", &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_file_set_contents (junk, "plain text", -1, NULL);
  {
    g_autofree char *doc = g_build_filename (f->dir, "方案.doc", NULL);
    g_file_set_contents (doc, "plain text", -1, NULL);
    g_assert_cmpint (pb_store_import_file (f->store, doc, &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }

  after = pb_test_dump_store (f->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_duplicate (PbTestLibrary *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) copy = NULL;
  gint64 id, dup;

  id = pb_store_add_example_plan (f->store, &error);
  dup = pb_store_duplicate_plan (f->store, id, &error);
  g_assert_no_error (error);
  copy = pb_store_get_record (f->store, PB_TYPE_PLAN, dup);
  g_assert_true (g_str_has_suffix (pb_plan_get_title (copy), "(copy)"));
  g_assert_cmpint (pb_store_count (f->store, PB_TYPE_ITEM, "plan_id", dup), ==, 19);
}

static char *
plan_title (PbStore *store,
            gint64   id)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, id);

  return g_strdup (plan ? pb_plan_get_title (plan) : NULL);
}

/* Issue 14 (13c): a plan file exported from this library, opened again.
 * The library finds its twin (same title and document number); imported
 * marking copies, it is "… (copy)", then "… (copy 2)", each one undoable
 * command; a plan with another document number is no twin; a .json file
 * the same. Importing as is keeps the title. */
static void
test_planboard_twin (PbTestLibrary *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "云澜 方案.planboard", NULL);
  g_autofree char *json = g_build_filename (f->dir, "云澜 方案.json", NULL);
  g_autofree char *other = g_build_filename (f->dir, "另一方案.planboard", NULL);
  g_autofree char *title = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GListModel) plans = pb_store_list_plans (f->store);
  gint64 id, copy, copy2, renumbered;

  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  title = plan_title (f->store, id);
  g_assert_true (pb_store_export_planboard (f->store, id, file, &error));
  g_assert_true (pb_store_export_json_file (f->store, id, json, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pb_store_find_plan_file_twin (f->store, file, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_find_plan_file_twin (f->store, json, &error), ==, id);
  g_assert_no_error (error);

  /* Marked: "… (copy)", one command that undoes whole. */
  before = pb_test_dump_store (f->store);
  copy = pb_store_import_file_full (f->store, file, PB_IMPORT_MARK_COPIES, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, id);
  {
    g_autofree char *expected = g_strdup_printf ("%s (copy)", title);
    g_autofree char *got = plan_title (f->store, copy);

    g_assert_cmpstr (got, ==, expected);
  }
  g_assert_cmpint (pb_store_count (f->store, PB_TYPE_ITEM, "plan_id", copy), ==, 19);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Import plan");
  g_assert_true (pb_store_undo (f->store, &error));
  {
    g_autofree char *after = pb_test_dump_store (f->store);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_true (pb_store_redo (f->store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);

  /* Again: the copy's title is taken too. */
  copy2 = pb_store_import_file_full (f->store, json, PB_IMPORT_MARK_COPIES, &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_strdup_printf ("%s (copy 2)", title);
    g_autofree char *got = plan_title (f->store, copy2);

    g_assert_cmpstr (got, ==, expected);
  }

  /* Another document number: no twin, the title as it is. */
  {
    g_autoptr(PbPlan) plan = pb_store_get_record (f->store, PB_TYPE_PLAN, copy2);

    g_assert_true (pb_store_set (f->store, plan, &error, "title", title, "doc_number", "云府办发〔2026〕1号", NULL));
    g_assert_no_error (error);
  }
  g_assert_true (pb_store_export_planboard (f->store, copy2, other, &error));
  {
    g_autoptr(PbPlan) plan = pb_store_get_record (f->store, PB_TYPE_PLAN, copy2);

    g_assert_true (pb_store_delete (f->store, plan, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (pb_store_find_plan_file_twin (f->store, other, &error), ==, 0);
  g_assert_no_error (error);
  renumbered = pb_store_import_file_full (f->store, other, PB_IMPORT_MARK_COPIES, &error);
  g_assert_no_error (error);
  {
    g_autofree char *got = plan_title (f->store, renumbered);
    g_assert_cmpstr (got, ==, title);
  }

  /* As is: the same title (what pb_store_import_file did and does). */
  {
    gint64 same = pb_store_import_file (f->store, file, &error);
    g_autofree char *got = plan_title (f->store, same);

    g_assert_no_error (error);
    g_assert_cmpstr (got, ==, title);
  }

  /* A file that cannot be read says so. */
  g_assert_cmpint (pb_store_find_plan_file_twin (f->store, "/nonexistent/x.planboard", &error), ==, 0);
  g_assert_nonnull (error);
}

/* ---- An item's history of status and progress ---------------------- */

/* The item's status and progress set in one command, as of @date (NULL:
 * today), as a progress form does: the library records the change in
 * the item's history on that day. */
static void
set_as_of (PbStore      *store,
           gint64        item,
           const char   *date,
           PbItemStatus  status,
           double        progress)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_true (pb_store_begin (store, &error));
  pb_store_set_change_date (store, date);
  ok = pb_store_update (store, PB_TYPE_ITEM, item, &error, "status", status, "progress", progress, NULL);
  g_assert_no_error (error);
  g_assert_true (pb_store_finish (store, ok, "Set progress", &error));
  g_assert_no_error (error);
}

static gint64
nth_item (PbStore *store,
          gint64   plan,
          guint    n)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan);
  g_autoptr(PbRecord) item = g_list_model_get_item (items, n);

  g_assert_nonnull (item);
  return pb_record_get_id (item);
}

/* The example plan in a library that has kept history since 1 January
 * 2025, three of its tasks changed during 2026. */
static gint64
add_plan_with_history (PbStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_add_example_plan (store, &error);

  g_assert_no_error (error);
  g_assert_true (pb_store_exec (store, "UPDATE library_info SET value = '2025-01-01' WHERE key = 'item_history_since'",
                                &error));
  g_assert_no_error (error);

  /* i1 (55 % now): 30 % by mid-February, 45 % by May. */
  set_as_of (store, nth_item (store, id, 0), "2026-02-15", PB_ITEM_STATUS_IN_PROGRESS, 0.3);
  set_as_of (store, nth_item (store, id, 0), "2026-05-20", PB_ITEM_STATUS_IN_PROGRESS, 0.45);
  set_as_of (store, nth_item (store, id, 0), NULL, PB_ITEM_STATUS_IN_PROGRESS, 0.55);
  /* i11 (done): reopened in April, done again at the end of June. */
  set_as_of (store, nth_item (store, id, 10), "2026-04-10", PB_ITEM_STATUS_IN_PROGRESS, 0.8);
  set_as_of (store, nth_item (store, id, 10), "2026-06-30", PB_ITEM_STATUS_DONE, 1.0);
  /* i14 (blocked at 10 %): blocked since August. */
  set_as_of (store, nth_item (store, id, 13), "2026-03-31", PB_ITEM_STATUS_IN_PROGRESS, 0.05);
  set_as_of (store, nth_item (store, id, 13), "2026-08-01", PB_ITEM_STATUS_BLOCKED, 0.1);

  return id;
}

/* What closing the period "as of" its end says and keeps for the plan:
 * how many tasks cannot be known then, and from when; each item in the
 * plan's order with the status, completion and health kept. The close is
 * undone again. */
static char *
as_of_answer (PbStore      *store,
              gint64        plan,
              PbPeriodKind  kind,
              int           year,
              int           number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = pb_store_list_items (store, plan);
  g_autoptr(GHashTable) kept = NULL;
  g_autofree char *since = NULL;
  GString *s = g_string_new (NULL);
  guint unknown;
  gint64 period;

  unknown = pb_store_count_items_unknown_at_end (store, plan, kind, year, number, &since);
  g_string_append_printf (s, "%u unknown since %s\n", unknown, unknown ? since : "-");
  period = pb_store_close_period (store, plan, kind, year, number, &error);
  g_assert_no_error (error);
  kept = pb_store_dup_period_items (store, period);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbRecord) item = g_list_model_get_item (items, i);
      gint64 id = pb_record_get_id (item);
      PbRecord *snap = g_hash_table_lookup (kept, &id);

      g_assert_nonnull (snap);
      g_string_append_printf (s, "%u %d %.6f %d\n", i, pb_record_get_enum (snap, "status"),
                              pb_record_get_double (snap, "progress"), pb_record_get_enum (snap, "health"));
    }
  g_assert_true (pb_store_undo (store, &error));
  g_assert_no_error (error);
  return g_string_free (s, FALSE);
}

static const struct { PbPeriodKind kind; int year, number; } as_of_periods[] = {
  { PB_PERIOD_KIND_MONTH, 2026, 1 }, { PB_PERIOD_KIND_QUARTER, 2026, 1 }, { PB_PERIOD_KIND_MONTH, 2026, 4 },
  { PB_PERIOD_KIND_QUARTER, 2026, 2 }, { PB_PERIOD_KIND_MONTH, 2026, 7 }, { PB_PERIOD_KIND_QUARTER, 2026, 3 },
};

/* Every period of as_of_periods closed on @plan of @a and on @copy of @b
 * keeps the same, and says the same of what cannot be known; before the
 * history began (December 2024, not closable: only counted), too. */
static void
assert_same_as_of (PbStore *a,
                   gint64   plan,
                   PbStore *b,
                   gint64   copy)
{
  g_autofree char *since_a = NULL;
  g_autofree char *since_b = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (as_of_periods); i++)
    {
      g_autofree char *here = as_of_answer (a, plan, as_of_periods[i].kind, as_of_periods[i].year, as_of_periods[i].number);
      g_autofree char *there = as_of_answer (b, copy, as_of_periods[i].kind, as_of_periods[i].year, as_of_periods[i].number);

      g_assert_cmpstr (there, ==, here);
      /* Every task is known from the history kept since 2025. */
      g_assert_true (g_str_has_prefix (here, "0 unknown"));
    }
  g_assert_cmpuint (pb_store_count_items_unknown_at_end (a, plan, PB_PERIOD_KIND_MONTH, 2024, 12, &since_a), ==, 19);
  g_assert_cmpuint (pb_store_count_items_unknown_at_end (b, copy, PB_PERIOD_KIND_MONTH, 2024, 12, &since_b), ==, 19);
  g_assert_cmpstr (since_a, ==, "2025-01-01");
  g_assert_cmpstr (since_b, ==, "2025-01-01");
}

static JsonObject *
item_object (JsonNode *root,
             guint     n)
{
  return json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "items"), n);
}

/* A plan exported as JSON carries each item's history, and the day the
 * library began keeping it; imported into another library (one that
 * began only today), closing a period "as of" its end keeps and says the
 * same as in the first. Imported into the same library, it exports the
 * same JSON again. */
static void
test_json_history (PbTestLibrary *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  JsonArray *history;
  JsonObject *entry;
  gint64 id, copy, here;

  id = add_plan_with_history (f->store);
  json = pb_store_export_plan_json (f->store, id, &error);
  g_assert_no_error (error);

  /* i1: three entries, by date, with what it had before. */
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "history_since"), ==, "2025-01-01");
  history = json_object_get_array_member (item_object (json, 0), "history");
  g_assert_nonnull (history);
  g_assert_cmpuint (json_array_get_length (history), ==, 3);
  entry = json_array_get_object_element (history, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "date"), ==, "2026-02-15");
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "in-progress");
  g_assert_cmpfloat (json_object_get_double_member (entry, "progress"), ==, 0.3);
  g_assert_cmpstr (json_object_get_string_member (entry, "status_before"), ==, "in-progress");
  g_assert_cmpfloat (json_object_get_double_member (entry, "progress_before"), ==, 0.55);
  entry = json_array_get_object_element (json_object_get_array_member (item_object (json, 13), "history"), 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "date"), ==, "2026-08-01");
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "blocked");
  g_assert_cmpstr (json_object_get_string_member (entry, "status_before"), ==, "in-progress");
  /* An item with none has no member. */
  g_assert_false (json_object_has_member (item_object (json, 1), "history"));

  /* The same library: the same JSON again, no entry more. */
  here = pb_store_import_plan_json (f->store, json, &error);
  g_assert_no_error (error);
  a = pb_test_export_string (f->store, id);
  b = pb_test_export_string (f->store, here);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", nth_item (f->store, here, 0)), ==, 3);

  /* Another library, which began keeping history today: one command. */
  other = pb_store_open (other_path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  copy = pb_store_import_plan_json (other, json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (other), ==, "Import plan");
  assert_same_as_of (f->store, id, other, copy);

  /* Undone, the history goes with the plan. */
  g_assert_true (pb_store_undo (other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (other_path, "SELECT count(*) FROM item_history"), ==, 0);
}

/* A .planboard file (a library of its own, made today) carries the
 * history too, and the day it began; the plan opened from it in another
 * library closes periods as the original does. */
static void
test_planboard_history (PbTestLibrary *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autofree char *file = g_build_filename (f->dir, "历史.planboard", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  gint64 id, copy, back;

  id = add_plan_with_history (f->store);
  g_assert_true (pb_store_export_planboard (f->store, id, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (file, "SELECT count(*) FROM item_history"
                                          " WHERE date <> '2025-01-01' AND item_id = (SELECT min(id) FROM item)"), ==, 3);

  other = pb_store_open (other_path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  copy = pb_store_import_planboard (other, file, &error);
  g_assert_no_error (error);
  assert_same_as_of (f->store, id, other, copy);

  /* And back into the first library, as is. */
  back = pb_store_import_planboard (f->store, file, &error);
  g_assert_no_error (error);
  assert_same_as_of (f->store, id, f->store, back);
}

/* Duplicate Plan copies the history with the plan. */
static void
test_duplicate_history (PbTestLibrary *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  gint64 id, dup;

  id = add_plan_with_history (f->store);
  dup = pb_store_duplicate_plan (f->store, id, &error);
  g_assert_no_error (error);
  a = pb_store_export_plan_json (f->store, id, &error);
  b = pb_store_export_plan_json (f->store, dup, &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (a), "items"),
                                  json_object_get_member (json_node_get_object (b), "items")));
  g_assert_cmpint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", nth_item (f->store, dup, 0)), ==, 3);
  assert_same_as_of (f->store, id, f->store, dup);
}

/* A file written before items' history travelled (no "history", no
 * "history_since") still imports, with no history. */
static void
test_json_without_history (PbTestLibrary *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  JsonArray *items;
  gint64 id, copy;

  id = add_plan_with_history (f->store);
  json = pb_store_export_plan_json (f->store, id, &error);
  g_assert_no_error (error);
  json_object_remove_member (json_node_get_object (json), "history_since");
  items = json_object_get_array_member (json_node_get_object (json), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    json_object_remove_member (json_array_get_object_element (items, i), "history");

  other = pb_store_open (other_path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  copy = pb_store_import_plan_json (other, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_count (other, PB_TYPE_ITEM, "plan_id", copy), ==, 19);
  g_assert_cmpint (pb_test_sql_int (other_path, "SELECT count(*) FROM item_history"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD PB_TEST_ADD_LIBRARY
  ADD ("/exchange/json/round-trip", test_json_round_trip);
  ADD ("/exchange/json/gold-files", test_gold_files);
  ADD ("/exchange/json/bad", test_bad_json);
  ADD ("/exchange/json/dependency-loop", test_dependency_loop);
  ADD ("/exchange/planboard/round-trip", test_planboard_file);
  ADD ("/exchange/planboard/old-and-bad", test_planboard_old_and_bad);
  ADD ("/exchange/duplicate", test_duplicate);
  ADD ("/exchange/planboard/twin", test_planboard_twin);
  ADD ("/exchange/json/history", test_json_history);
  ADD ("/exchange/json/without-history", test_json_without_history);
  ADD ("/exchange/planboard/history", test_planboard_history);
  ADD ("/exchange/duplicate/history", test_duplicate_history);
#undef ADD

  return g_test_run ();
}
