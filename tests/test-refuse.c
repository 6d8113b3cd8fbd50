/* test-refuse.c — bad files and faults: a clear error, nothing lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "pb-schema.h"
#include "pb-test-util.h"

static char *dir;
/* Whether assert_refused () starts the checks ahead, as the application
 * does (pb_store_check_ahead ()). */
static gboolean check_ahead;

static char *
make_library (const char *name,
              guint       n_items)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  PbStore *store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  pb_store_add_example_plan (store, &error);
  g_assert_no_error (error);
  if (n_items)
    pb_test_add_big_plan (store, "大方案", n_items, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  pb_test_drop_side_files (path);

  return path;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The bytes, modification time and mode of a file, to compare. */
static char *
file_state (const char *path)
{
  g_autofree char *sum = pb_test_checksum_file (path);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT ".%09ld %o", sum, (gint64) st.st_mtim.tv_sec,
                          st.st_mtim.tv_nsec, (unsigned) (st.st_mode & 07777));
}

static void
assert_no_side_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left beside the refused file", side);
    }
}

/* The file's header says it is in WAL mode (format versions 2). */
static gboolean
is_wal_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return length >= 20 && (guchar) data[18] == 2 && (guchar) data[19] == 2;
}

/* Opens @path expecting @code, and checks that the file is unchanged (its
 * bytes and its modification time) and that no side file (-wal, -shm,
 * -journal) is left beside it. */
static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PbStore *store;

  assert_no_side_files (path);
  before = file_state (path);

  /* As the application opens it: checked in a thread while it starts. */
  if (check_ahead)
    pb_store_check_ahead (path);
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, code);
  /* The line shown says it; SQLite's own words, if any, come after it,
   * for the log and a tooltip (pb_store_error_split()). */
  {
    g_autofree char *shown = pb_store_error_split (error->message, NULL);

    g_assert_nonnull (strstr (shown, words));
  }

  after = file_state (path);
  g_assert_cmpstr (before, ==, after);
  assert_no_side_files (path);

  /* Importing it is refused the same way, leaving nothing either. */
  if (code != PB_STORE_ERROR_NOT_FOUND)
    {
      g_autofree char *other_path = g_build_filename (dir, "importer.db", NULL);
      g_autoptr(PbStore) other = pb_store_open (other_path, PB_STORE_OPEN_CREATE, &error);

      g_clear_error (&error);
      g_assert_nonnull (other);
      g_assert_cmpint (pb_store_import_planboard (other, path, &error), ==, 0);
      g_assert_error (error, PB_STORE_ERROR, code);
      g_clear_error (&error);
      g_clear_object (&other);

      g_free (after);
      after = file_state (path);
      g_assert_cmpstr (before, ==, after);
      assert_no_side_files (path);
    }
}

static void
test_foreign_database (void)
{
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);

  exec_sql (path, "PRAGMA application_id = 12345; CREATE TABLE contacts (name TEXT); "
                  "INSERT INTO contacts VALUES ('张三');");
  assert_refused (path, PB_STORE_ERROR_NOT_A_LIBRARY, "another program");

  /* No application id at all, but tables: still someone else's. */
  g_free (path);
  path = g_build_filename (dir, "plain.sqlite", NULL);
  exec_sql (path, "CREATE TABLE plan (id INTEGER PRIMARY KEY, title TEXT);");
  assert_refused (path, PB_STORE_ERROR_NOT_A_LIBRARY, "another program");
}

static void
test_not_a_database (void)
{
  g_autofree char *path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 500; i++)
    g_string_append (text, "这不是数据库。This is not a database.\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  assert_refused (path, PB_STORE_ERROR_NOT_A_LIBRARY, "not a database");
}

static void
test_newer_schema (void)
{
  g_autofree char *path = make_library ("newer.db", 0);
  g_autofree char *expected = NULL;

  exec_sql (path, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;");
  expected = g_strdup_printf ("format 99; this version knows up to %d", PB_SCHEMA_VERSION);
  assert_refused (path, PB_STORE_ERROR_NEWER_SCHEMA, expected);
}

/* The same refusals of a file in WAL mode, the mode every library is in:
 * a read-only connection to it would make a -wal and a -shm, and could
 * not remove them. */
static void
test_newer_schema_wal (void)
{
  g_autofree char *path = make_library ("newer-wal.db", 0);
  g_autofree char *expected = NULL;

  exec_sql (path, "PRAGMA user_version = 99;");
  g_assert_true (is_wal_file (path));
  expected = g_strdup_printf ("format 99; this version knows up to %d", PB_SCHEMA_VERSION);
  assert_refused (path, PB_STORE_ERROR_NEWER_SCHEMA, expected);
}

static void
test_foreign_database_wal (void)
{
  g_autofree char *path = g_build_filename (dir, "other-wal.sqlite", NULL);

  exec_sql (path, "PRAGMA journal_mode = WAL; PRAGMA application_id = 12345;"
                  " CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('张三');");
  g_assert_true (is_wal_file (path));
  assert_refused (path, PB_STORE_ERROR_NOT_A_LIBRARY, "another program");
}

static void
test_corrupt_wal (void)
{
  g_autofree char *path = make_library ("corrupt-wal.db", 3000);
  g_autofree char *data = NULL;
  gsize length;
  int page_size;

  g_assert_true (is_wal_file (path));
  page_size = pb_test_sql_int (path, "PRAGMA page_size");
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 40 * (gsize) page_size);
  for (gsize page = length / page_size / 2; page < length / page_size / 2 + 6; page++)
    memset (data + page * page_size + 8, 0xA5, page_size - 16);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
  g_assert_true (is_wal_file (path));

  assert_refused (path, PB_STORE_ERROR_CORRUPT, "damaged");
}

/* A newer WAL library in a folder this process cannot write: refused in
 * the same words, and still nothing beside it (run as nobody: as root,
 * chmod stops no write). */
static void
test_newer_schema_wal_read_only (void)
{
  g_autofree char *folder = g_build_filename (dir, "ro", NULL);
  g_autofree char *path = g_build_filename (folder, "newer.db", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("format 99; this version knows up to %d", PB_SCHEMA_VERSION);

      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (folder, TRUE);
      g_assert_null (pb_store_open (path, PB_STORE_OPEN_CREATE, &error));
      g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEWER_SCHEMA);
      g_assert_nonnull (strstr (error->message, expected));
      assert_no_side_files (path);
      return;
    }

  {
    g_autofree char *made = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
    made = make_library ("ro/newer.db", 0);
    exec_sql (made, "PRAGMA user_version = 99;");
    g_assert_true (is_wal_file (made));
    g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
    before = file_state (made);

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    after = file_state (made);
    g_assert_cmpstr (before, ==, after);
    assert_no_side_files (made);
    g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  }
}

static void
test_corrupt (void)
{
  g_autofree char *path = make_library ("corrupt.db", 3000);
  g_autofree char *data = NULL;
  gsize length;
  int page_size;

  exec_sql (path, "PRAGMA journal_mode = DELETE;");
  page_size = pb_test_sql_int (path, "PRAGMA page_size");
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 40 * (gsize) page_size);

  /* Scribble over the body of pages in the middle of the file. */
  for (gsize page = length / page_size / 2; page < length / page_size / 2 + 6; page++)
    memset (data + page * page_size + 8, 0xA5, page_size - 16);
  g_assert_true (g_file_set_contents (path, data, length, NULL));

  assert_refused (path, PB_STORE_ERROR_CORRUPT, "damaged");
}

static void
test_truncated (void)
{
  g_autofree char *path = make_library ("truncated.db", 3000);
  g_autofree char *data = NULL;
  gsize length;

  exec_sql (path, "PRAGMA journal_mode = DELETE;");
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_file_set_contents (path, data, length / 2, NULL));

  assert_refused (path, PB_STORE_ERROR_CORRUPT, "damaged");
}

static void
test_directory (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_store_open (dir, PB_STORE_OPEN_CREATE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_LIBRARY);
}

static void
test_read_only (void)
{
  g_autofree char *path = make_library ("readonly.db", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autofree char *before = pb_test_dump_db (path);
  g_autofree char *after = NULL;

  store = pb_store_open (path, PB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_get_read_only (store));

  /* Reading works … */
  plans = pb_store_list_plans (store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  plan = g_list_model_get_item (plans, 0);

  /* … writing says why it cannot. */
  g_assert_false (pb_store_set (store, plan, &error, "title", "改名", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_cmpint (pb_store_create_plan (store, "新方案", 0, 0, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);

  after = pb_test_dump_db (path);
  g_assert_cmpstr (before, ==, after);
}

/* Another program holds the write lock: the change waits, then fails with
 * a clear message; nothing is half-written and the store goes on working. */
static void
test_locked (void)
{
  g_autofree char *path = make_library ("locked.db", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbStore) reader = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *other = NULL;
  gint64 start;

  store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  pb_store_set_busy_timeout (store, 200);
  before = pb_test_dump_store (store);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; INSERT INTO plan (title) VALUES ('别人的修改');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* Opening for reading is not blocked by a writer (WAL). */
  reader = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&reader);

  start = g_get_monotonic_time ();
  g_assert_cmpint (pb_store_create_plan (store, "新方案", 2022, 2024, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
  g_clear_error (&error);
  g_assert_false (pb_store_can_undo (store));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  after = pb_test_dump_store (store);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (pb_store_create_plan (store, "新方案", 2022, 2024, &error), >, 0);
  g_assert_no_error (error);
  plans = pb_store_list_plans (store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
}

/* The disk fills up in the middle of a large import. The file-size limit
 * stands in for a full disk: writes past it fail as they would there. */
static void
test_disk_full (void)
{
  g_autofree char *path = g_build_filename (dir, "full.db", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
      struct rlimit limit = { 256 * 1024, RLIM_INFINITY };

      g_assert_no_error (error);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_cmpint (pb_test_add_big_plan (store, "放不下的方案", 20000, &error), ==, 0);
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_FULL) ||
                     g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_IO));
      g_assert_nonnull (strstr (error->message, "not saved"));
      g_printerr ("%s\n", error->message);
      g_assert_false (pb_store_can_undo (store));
      return;
    }

  {
    g_autofree char *made = make_library ("full.db", 0);
    g_autofree char *before = pb_test_dump_db (made);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = NULL;

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*not saved*");

    /* The library opens, passes its checks and holds what it held. */
    store = pb_store_open (made, PB_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pb_test_sql_int (made, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
    after = pb_test_dump_db (made);
    g_assert_cmpstr (before, ==, after);
  }
}

/* The same refusals when the checks ran in a thread before the open
 * (what the application does while GTK starts). */
static void
test_ahead (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;
  char *outer = dir;

  /* In a folder of their own: the tests make the same files' names. */
  dir = g_build_filename (outer, "ahead", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  check_ahead = TRUE;
  func ();
  check_ahead = FALSE;
  g_free (dir);
  dir = outer;
}

/* A check made ahead stands only for the file it checked: a damaged file
 * opened after a good one was checked ahead is still refused, and a good
 * one opened after a damaged one was checked opens. */
static void
test_ahead_other_file (void)
{
  g_autofree char *good = make_library ("ahead-good.db", 50);
  g_autofree char *bad = make_library ("ahead-bad.db", 3000);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  PbStore *store;
  gsize length;
  int page_size;

  exec_sql (bad, "PRAGMA journal_mode = DELETE;");
  page_size = pb_test_sql_int (bad, "PRAGMA page_size");
  g_assert_true (g_file_get_contents (bad, &data, &length, NULL));
  for (gsize page = length / page_size / 2; page < length / page_size / 2 + 6; page++)
    memset (data + page * page_size + 8, 0xA5, page_size - 16);
  g_assert_true (g_file_set_contents (bad, data, length, NULL));

  pb_store_check_ahead (good);
  g_assert_null (pb_store_open (bad, 0, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  pb_store_check_ahead (bad);
  store = pb_store_open (good, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_finalize_object (store);

  /* Checked ahead and opened: the good one opens, with its plans. */
  pb_store_check_ahead (good);
  store = pb_store_open (good, 0, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GListModel) plans = pb_store_list_plans (store);

    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  }
  g_assert_finalize_object (store);

  /* A check nobody took is waited for and forgotten. */
  pb_store_check_ahead (bad);
  pb_store_check_ahead_cancel ();
  pb_store_check_ahead_cancel ();
  store = pb_store_open (good, 0, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* A subprocess works in its parent's folder. */
  dir = g_test_subprocess () ? g_strdup (g_getenv ("PB_TEST_DIR")) : pb_test_make_dir ();
  g_setenv ("PB_TEST_DIR", dir, TRUE);

  g_test_add_func ("/refuse/foreign-database", test_foreign_database);
  g_test_add_func ("/refuse/not-a-database", test_not_a_database);
  g_test_add_func ("/refuse/newer-schema", test_newer_schema);
  g_test_add_func ("/refuse/corrupt", test_corrupt);
  g_test_add_func ("/refuse/truncated", test_truncated);
  g_test_add_func ("/refuse/directory", test_directory);
  g_test_add_func ("/refuse/wal/newer-schema", test_newer_schema_wal);
  g_test_add_func ("/refuse/wal/foreign-database", test_foreign_database_wal);
  g_test_add_func ("/refuse/wal/corrupt", test_corrupt_wal);
  g_test_add_func ("/refuse/wal/newer-schema-read-only-folder", test_newer_schema_wal_read_only);
  g_test_add_data_func ("/refuse/ahead/foreign-database", (gconstpointer) test_foreign_database, test_ahead);
  g_test_add_data_func ("/refuse/ahead/not-a-database", (gconstpointer) test_not_a_database, test_ahead);
  g_test_add_data_func ("/refuse/ahead/newer-schema", (gconstpointer) test_newer_schema, test_ahead);
  g_test_add_data_func ("/refuse/ahead/corrupt", (gconstpointer) test_corrupt, test_ahead);
  g_test_add_data_func ("/refuse/ahead/truncated", (gconstpointer) test_truncated, test_ahead);
  g_test_add_data_func ("/refuse/ahead/wal/corrupt", (gconstpointer) test_corrupt_wal, test_ahead);
  g_test_add_func ("/refuse/ahead/other-file", test_ahead_other_file);
  g_test_add_func ("/fault/read-only", test_read_only);
  g_test_add_func ("/fault/locked", test_locked);
  g_test_add_func ("/fault/disk-full", test_disk_full);

  ret = g_test_run ();
  if (!g_test_subprocess ())
    pb_test_remove_dir (dir);
  return ret;
}
