/* test-read-only.c — a library that cannot be written is read, never changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library in a read-only folder, a read-only library file, and a
 * read-only library whose -wal still holds committed data open for
 * reading: the store lists and exports, planboard-cli lists, reports and
 * exports, every write says "This library is read-only: …", and nothing
 * is left beside the file (no -wal or -shm, least of all with mode 0444).
 *
 * As root, chmod stops no write, so a test that only chmods would pass
 * without testing anything. Each case therefore runs in a subprocess that
 * first drops to the user nobody (pb_test_drop_privileges()) and then
 * checks that it really cannot write before it checks anything else.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pb-test-util.h"

static char *dir;

static const char * const side_suffixes[] = { "-wal", "-shm", "-journal" };

static void
assert_no_side_files (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, side_suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left beside the library", side);
    }
}

/* The bytes and modification time of a file, to compare. */
static char *
file_state (const char *path)
{
  g_autofree char *sum = pb_test_checksum_file (path);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT ".%09ld %o", sum, (gint64) st.st_mtim.tv_sec,
                          st.st_mtim.tv_nsec, (unsigned) (st.st_mode & 07777));
}

/* A library with the example plan, closed cleanly (WAL mode), the file
 * alone (pb_test_drop_side_files()). */
static char *
make_library (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  char *path;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  path = g_build_filename (folder, "library.db", NULL);
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
  pb_test_drop_side_files (path);
  assert_no_side_files (path);

  return path;
}

static char *
run_cli (int         *status,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  char *out = NULL;
  int wait_status = -1;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL,
                               &out, err, &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

/* What every read-only library must do, run as nobody: the store opens
 * read-only for @why, lists the example plan, exports it exactly as
 * @expected_json (the export while it was writable), and refuses a
 * change in words; planboard-cli lists, reports health and exports JSON
 * and a .planboard file, and refuses `item set` the same way. */
static void
check_reads_and_refuses (const char    *path,
                         PbStoreAccess  why,
                         const char    *expected_json,
                         const char    *expected_title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autofree char *json = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *out_json = NULL;
  g_autofree char *out_planboard = NULL;
  g_autofree char *plan_arg = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file_json = NULL;
  int status;

  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_get_read_only (store));
  g_assert_cmpint (pb_store_get_access (store), ==, why);

  plans = pb_store_list_plans (store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  plan = g_list_model_get_item (plans, 0);
  g_assert_cmpstr (pb_plan_get_title (plan), ==, expected_title);
  json = pb_test_export_string (store, pb_record_get_id (PB_RECORD (plan)));
  if (expected_json != NULL)
    g_assert_cmpstr (json, ==, expected_json);

  g_assert_false (pb_store_set (store, plan, &error, "title", "改名", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, "This library is read-only: "));
  g_assert_null (strstr (error->message, "not saved"));
  g_clear_error (&error);
  g_assert_cmpint (pb_store_create_plan (store, "新方案", 2025, 2027, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pb_store_check_writable (store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&plan);
  g_clear_object (&plans);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* planboard-cli, as the same unprivileged user. */
  out_dir = g_dir_make_tmp ("planboard-ro-out-XXXXXX", &error);
  g_assert_no_error (error);
  out = run_cli (&status, &err, "--db", path, "list", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, expected_title));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (&status, &err, "--db", path, "health", "1", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\"health\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out_json = g_build_filename (out_dir, "plan.json", NULL);
  g_free (run_cli (&status, &err, "--db", path, "export", "1", "--format", "json", "-o", out_json, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (out_json, &file_json, NULL, NULL));
  g_assert_nonnull (strstr (file_json, expected_title));
  g_clear_pointer (&err, g_free);

  out_planboard = g_build_filename (out_dir, "plan.planboard", NULL);
  g_free (run_cli (&status, &err, "--db", path, "export", "1", "--format", "planboard", "-o", out_planboard, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (out_planboard, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&err, g_free);

  g_free (run_cli (&status, &err, "--db", path, "item", "set", "1", "3", "--status", "done", NULL));
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "This library is read-only: "));
  g_assert_null (strstr (err, "not saved"));
  g_clear_pointer (&err, g_free);

  /* Importing into it is refused in the same words. */
  g_free (run_cli (&status, &err, "--db", path, "import", out_json, NULL));
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "This library is read-only: "));
  g_clear_pointer (&err, g_free);

  pb_test_remove_dir (out_dir);
}

/* The temporary copies this process made and still has. */
static guint
count_own_copies (void)
{
  g_autoptr(GDir) d = g_dir_open (g_get_tmp_dir (), 0, NULL);
  g_autofree char *prefix = g_strdup_printf ("planboard-import-%d-", (int) getpid ());
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

/* A private copy as a reader that was killed leaves it: named with a pid
 * that no longer runs. */
static char *
make_stale_copy (void)
{
  g_autofree char *name = NULL;
  char *path;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  name = g_strdup_printf ("planboard-import-%d-AbCdEf.db-wal", (int) pid);
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_assert_true (g_file_set_contents (path, "left behind", -1, NULL));
  return path;
}

/* ---- Cases --------------------------------------------------------------- */

/* The library's folder cannot be written: SQLite cannot make a -wal or a
 * -shm there, so a WAL library is read as immutable. */
static void
test_folder (void)
{
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autofree char *path = g_build_filename (folder, "library.db", NULL);
  g_autofree char *json_path = g_build_filename (dir, "folder.json", NULL);

  if (g_test_subprocess ())
    {
      g_autofree char *json = NULL;

      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (folder, TRUE);
      g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
      check_reads_and_refuses (path, PB_STORE_ACCESS_READ_ONLY_FOLDER, json,
                               "云澜市新型基础设施建设三年行动方案(2025—2027年)");
      assert_no_side_files (path);
      return;
    }

  {
    g_autofree char *made = make_library (folder);
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = pb_store_open (made, PB_STORE_OPEN_DEFAULT, &error);
    g_autofree char *json = pb_test_export_string (store, 1);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_finalize_object (g_steal_pointer (&store));
    pb_test_drop_side_files (made);
    g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
    g_assert_cmpint (g_chmod (json_path, 0644), ==, 0);
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

/* The library file is 0444 in a folder that can be written. A read-only
 * connection would leave -wal and -shm with mode 0444 beside it, in the
 * way of whoever may write it later. */
static void
test_file (void)
{
  g_autofree char *folder = g_build_filename (dir, "file", NULL);
  g_autofree char *path = g_build_filename (folder, "library.db", NULL);

  if (g_test_subprocess ())
    {
      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (path, FALSE);
      check_reads_and_refuses (path, PB_STORE_ACCESS_READ_ONLY_FILE, NULL,
                               "云澜市新型基础设施建设三年行动方案(2025—2027年)");
      assert_no_side_files (path);
      return;
    }

  {
    g_autofree char *made = make_library (folder);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = NULL;
    g_autoptr(GListModel) plans = NULL;
    g_autoptr(PbPlan) plan = NULL;

    g_assert_cmpint (g_chmod (folder, 0777), ==, 0);
    g_assert_cmpint (g_chmod (made, 0444), ==, 0);
    before = file_state (made);

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    after = file_state (made);
    g_assert_cmpstr (before, ==, after);
    assert_no_side_files (made);

    /* Made writable again, it takes a change at once. */
    g_assert_cmpint (g_chmod (made, 0644), ==, 0);
    store = pb_store_open (made, PB_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_false (pb_store_get_read_only (store));
    plans = pb_store_list_plans (store);
    plan = g_list_model_get_item (plans, 0);
    g_assert_true (pb_store_set (store, plan, &error, "title", "可以再写了", NULL));
    g_assert_no_error (error);
  }
}

/* A read-only folder whose library still has committed data in its -wal
 * (its writer was killed, or the folder was made read-only while it was
 * open): the data in the -wal is read (an immutable read would drop it),
 * through a private copy that goes when the store closes. */
static void
test_folder_with_wal (void)
{
  g_autofree char *folder = g_build_filename (dir, "wal", NULL);
  g_autofree char *path = g_build_filename (folder, "library.db", NULL);
  const char *title = "只在WAL里的标题";

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = NULL;
      g_autofree char *stale = NULL;

      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (folder, TRUE);

      /* What a reader killed while reading left in the temporary folder
       * (its pid is gone) goes when the next reader opens. */
      stale = make_stale_copy ();
      store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_own_copies (), >, 0);
      g_assert_finalize_object (g_steal_pointer (&store));
      g_assert_cmpuint (count_own_copies (), ==, 0);

      check_reads_and_refuses (path, PB_STORE_ACCESS_READ_ONLY_FOLDER, NULL, title);
      g_assert_cmpuint (count_own_copies (), ==, 0);
      return;
    }

  {
    g_autofree char *made = make_library (folder);
    g_autofree char *wal = g_strconcat (made, "-wal", NULL);
    g_autofree char *kept = g_build_filename (dir, "wal-kept", NULL);
    g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
    g_autofree char *data = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *wal_before = NULL;
    g_autofree char *wal_after = NULL;
    g_autofree char *sql = g_strdup_printf ("UPDATE plan SET title = '%s'", title);
    g_autofree char *shm = g_strconcat (made, "-shm", NULL);
    sqlite3 *db = NULL;
    gsize length;

    /* Commit a change that stays in the -wal, and keep the two files as
     * they are while the writer still has them open. */
    g_assert_cmpint (sqlite3_open (made, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (g_file_get_contents (made, &data, &length, NULL));
    g_assert_true (g_file_set_contents (kept, data, length, NULL));
    g_clear_pointer (&data, g_free);
    g_assert_true (g_file_get_contents (wal, &data, &length, NULL));
    g_assert_cmpuint (length, >, 0);
    g_assert_true (g_file_set_contents (kept_wal, data, length, NULL));
    sqlite3_close (db);
    g_assert_cmpint (g_rename (kept, made), ==, 0);
    g_assert_cmpint (g_rename (kept_wal, wal), ==, 0);
    g_unlink (shm);
    g_assert_cmpint (g_chmod (made, 0644), ==, 0);
    g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
    before = file_state (made);
    wal_before = file_state (wal);

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    after = file_state (made);
    wal_after = file_state (wal);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpstr (wal_before, ==, wal_after);
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  }
}

/* A folder we may only read, holding a library another program has open
 * and is writing (a colleague's): it is read through the writer's -wal and
 * -shm, so what it committed and has not checkpointed shows (an immutable
 * read would miss it), with no private copy, and nothing is added. */
static void
test_folder_beside_writer (void)
{
  g_autofree char *folder = g_build_filename (dir, "colleague", NULL);
  g_autofree char *path = g_build_filename (folder, "library.db", NULL);
  const char *title = "同事刚改的标题";

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = NULL;

      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (folder, TRUE);

      /* Read through the writer's files, not from a copy. */
      store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_own_copies (), ==, 0);
      g_assert_finalize_object (g_steal_pointer (&store));

      check_reads_and_refuses (path, PB_STORE_ACCESS_READ_ONLY_FOLDER, NULL, title);
      return;
    }

  {
    g_autofree char *made = make_library (folder);
    g_autofree char *wal = g_strconcat (made, "-wal", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) writer = NULL;
    g_autoptr(GListModel) plans = NULL;
    g_autoptr(PbPlan) plan = NULL;
    g_autofree char *listing_before = NULL;
    g_autofree char *listing_after = NULL;

    writer = pb_store_open (made, PB_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    plans = pb_store_list_plans (writer);
    plan = g_list_model_get_item (plans, 0);
    g_assert_true (pb_store_set (writer, plan, &error, "title", title, NULL));
    g_assert_no_error (error);
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
    listing_before = pb_test_run_ok ("ls", "-a", folder, NULL);

    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    listing_after = pb_test_run_ok ("ls", "-a", folder, NULL);
    g_assert_cmpstr (listing_before, ==, listing_after);
  }
}

/* Opened read-only on purpose (planboard-cli health, report, timeline) a
 * library that can be written leaves nothing beside it either. */
static void
test_opened_read_only (void)
{
  g_autofree char *folder = g_build_filename (dir, "asked", NULL);
  g_autofree char *path = make_library (folder);
  g_autofree char *before = file_state (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autofree char *err = NULL;
  int status;

  store = pb_store_open (path, PB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_get_read_only (store));
  g_assert_cmpint (pb_store_get_access (store), ==, PB_STORE_ACCESS_OPENED_READ_ONLY);
  plans = pb_store_list_plans (store);
  plan = g_list_model_get_item (plans, 0);
  g_assert_false (pb_store_set (store, plan, &error, "title", "改名", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, "This library is read-only: "));
  g_clear_error (&error);
  g_clear_object (&plan);
  g_clear_object (&plans);
  g_assert_finalize_object (g_steal_pointer (&store));
  assert_no_side_files (path);

  g_free (run_cli (&status, &err, "--db", path, "health", "1", NULL));
  g_assert_cmpint (status, ==, 0);
  assert_no_side_files (path);

  after = file_state (path);
  g_assert_cmpstr (before, ==, after);
}

/* Another library in a read-only folder is imported whole (through the
 * backup API), and nothing is left beside it. */
static void
test_import_from_read_only (void)
{
  g_autofree char *folder = g_build_filename (dir, "source", NULL);
  g_autofree char *path = g_build_filename (folder, "library.db", NULL);
  g_autofree char *target_dir = g_build_filename (dir, "target", NULL);
  g_autofree char *target = g_build_filename (target_dir, "library.db", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = NULL;
      g_autoptr(GListModel) plans = NULL;

      pb_test_drop_privileges ();
      pb_test_assert_cannot_write (folder, TRUE);
      store = pb_store_open (target, PB_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (pb_store_import_planboard (store, path, &error), >, 0);
      g_assert_no_error (error);
      plans = pb_store_list_plans (store);
      g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
      g_clear_object (&plans);
      g_assert_finalize_object (g_steal_pointer (&store));
      assert_no_side_files (path);
      return;
    }

  {
    g_autofree char *made = make_library (folder);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_cmpint (g_mkdir_with_parents (target_dir, 0777), ==, 0);
    g_assert_cmpint (g_chmod (target_dir, 0777), ==, 0);
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

/* A library on a read-only disk: EROFS stops root as well, so this runs
 * as whoever runs the tests, in a mount namespace of its own (unshare -m)
 * with a tmpfs remounted read-only. Where mounting is not allowed (no
 * CAP_SYS_ADMIN) the test says so and skips. */
static void
test_disk (void)
{
  g_autofree char *source_dir = g_build_filename (dir, "disk-source", NULL);
  g_autofree char *source = make_library (source_dir);
  g_autofree char *mount_point = g_build_filename (dir, "disk", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  int wait_status = -1;

  g_assert_nonnull (cli);
  g_assert_cmpint (g_mkdir_with_parents (mount_point, 0755), ==, 0);
  {
    const char *probe[] = { "unshare", "-m", "sh", "-c", "mount -t tmpfs tmpfs \"$0\"", mount_point, NULL };

    if (!g_spawn_sync (NULL, (char **) probe, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                       G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, NULL) ||
        !WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
      {
        g_test_skip ("a read-only disk cannot be mounted here (unshare -m and mount need CAP_SYS_ADMIN)");
        return;
      }
  }

  script = g_strdup_printf (
    "set -e\n"
    "M=\"$0\"; CLI=\"$1\"\n"
    "mount -t tmpfs -o size=16m tmpfs \"$M\"\n"
    "cp \"$2\" \"$M/library.db\"\n"
    "mount -o remount,ro \"$M\"\n"
    "if touch \"$M/probe\" 2>/dev/null; then echo WRITABLE; exit 3; fi\n"
    "\"$CLI\" --db \"$M/library.db\" list\n"
    "\"$CLI\" --db \"$M/library.db\" health 1 --json >/dev/null\n"
    "\"$CLI\" --db \"$M/library.db\" export 1 --format json -o \"$3\"\n"
    "if \"$CLI\" --db \"$M/library.db\" item set 1 3 --status done; then echo CHANGED; exit 4; fi\n"
    "echo FILES; ls -a \"$M\"\n");
  {
    g_autofree char *json = g_build_filename (dir, "disk.json", NULL);
    const char *argv[] = { "unshare", "-m", "sh", "-c", script, mount_point, cli, source, json, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, &err, &wait_status, &error));
    g_assert_no_error (error);
    g_test_message ("%s\n%s", out, err);
    g_assert_true (WIFEXITED (wait_status));
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
    g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_nonnull (strstr (out, "云澜市新型基础设施建设三年行动方案"));
  g_assert_nonnull (strstr (err, "This library is read-only: “library.db” is on a read-only disk."));
  g_assert_null (strstr (err, "not saved"));
  g_assert_null (strstr (strstr (out, "FILES"), "-wal"));
  g_assert_null (strstr (strstr (out, "FILES"), "-shm"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* A subprocess works in its parent's folder. */
  if (g_test_subprocess ())
    dir = g_strdup (g_getenv ("PB_TEST_DIR"));
  else
    {
      dir = pb_test_make_dir ();
      /* The unprivileged subprocesses must reach it. */
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
    }
  g_setenv ("PB_TEST_DIR", dir, TRUE);

  g_test_add_func ("/read-only/folder", test_folder);
  g_test_add_func ("/read-only/file", test_file);
  g_test_add_func ("/read-only/folder-with-wal", test_folder_with_wal);
  g_test_add_func ("/read-only/folder-beside-writer", test_folder_beside_writer);
  g_test_add_func ("/read-only/opened-read-only", test_opened_read_only);
  g_test_add_func ("/read-only/import-from", test_import_from_read_only);
  g_test_add_func ("/read-only/disk", test_disk);

  ret = g_test_run ();
  if (!g_test_subprocess ())
    pb_test_remove_dir (dir);
  return ret;
}
