/* test-migrate.c — upgrading a library written by an older version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/library-v1.db is a library as schema version 1 left it
 * (tests/data/library-v1.sql is its source).
 */
#include "config.h"

#include <sqlite3.h>

#include "pb-schema.h"
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrate/from-v1", test_from_v1);
  g_test_add_func ("/migrate/failed-step", test_failed_step);
  g_test_add_func ("/migrate/read-only-needs-upgrade", test_read_only_needs_upgrade);

  return g_test_run ();
}
