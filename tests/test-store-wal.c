/* test-store-wal.c — another program never makes a library lose writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's locks on a library file are POSIX record locks: they belong to
 * the process, and the process loses all of them on a file as soon as it
 * closes ANY descriptor of that file. GTK's file chooser does exactly
 * that in the app's own process when it shows the library's folder: GIO
 * sniffs the content type of lib.db, lib.db-wal and lib.db-shm (open
 * O_RDONLY|O_NOATIME, read 4 KiB, close; seen with strace, see
 * docs/ARCHITECTURE.md). A second program on the library (planboard-cli) then
 * believed it was alone: on closing it checkpointed and unlinked the -wal
 * and -shm the app still had open, and every later change of the app went
 * into the unlinked -wal and was lost without a word.
 *
 * These tests do what the chooser does with plain open()/read()/close(),
 * run the real planboard-cli on the same library, then write through the
 * store, close it, open the library again and look for the write.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pb-store-private.h"
#include "pb-test-util.h"

/* What GIO's content-type sniffing does to each file it lists: open it,
 * read its start, close it. */
static void
sniff (const char *path)
{
  char buf[4096];
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, buf, sizeof buf), >=, 0);
  g_assert_cmpint (close (fd), ==, 0);
}

static void
sniff_library (const char *path)
{
  static const char * const suffixes[] = { "-shm", "-wal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      sniff (p);
    }
}

static void
run_cli_list (const char *path)
{
  const char *cli = g_getenv ("PLANBOARD_CLI");
  g_autofree char *out = NULL;

  g_assert_nonnull (cli);
  out = pb_test_run_ok (cli, "--db", path, "list", NULL);
  g_assert_nonnull (strstr (out, "云澜"));
}

static gint64
count_plans (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GListModel) plans = NULL;

  g_assert_no_error (error);
  plans = pb_store_list_plans (store);
  return g_list_model_get_n_items (plans);
}

/* The app's side of the user's exact steps, in a process of its own: it
 * has the library open and has saved a plan, the file chooser looks into
 * the library's folder, planboard-cli lists it, the app saves another
 * plan and the process ends. With @close the store is closed first; the
 * app never counts on that (a crash, or a quit that leaves the store to
 * the end of the process): what was committed must be in the library
 * either way. */
static void
app_side (gboolean close_store,
          int      rounds)
{
  const char *path = g_getenv ("PB_TEST_WAL_LIBRARY");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store;

  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
  g_assert_no_error (error);

  for (int round = 0; round < rounds; round++)
    {
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
      sniff_library (path);
      run_cli_list (path);

      /* The -wal and -shm the store writes are still the library's. */
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));

      g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
      g_assert_no_error (error);
    }

  if (close_store)
    g_assert_finalize_object (store);
  _exit (0);
}

static void
run_app_side (const char *test,
              int         expect_plans)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "方案 库.db", NULL);
  g_autofree char *child = g_strconcat (test, "/subprocess", NULL);

  g_setenv ("PB_TEST_WAL_LIBRARY", path, TRUE);
  g_test_trap_subprocess (child, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_cmpint (count_plans (path), ==, expect_plans);
  pb_test_remove_dir (dir);
}

static void
test_chooser_then_cli (void)
{
  run_app_side ("/store-wal/chooser-then-cli", 2);
}

static void
chooser_then_cli_child (void)
{
  app_side (FALSE, 1);
}

static void
test_chooser_then_cli_closed (void)
{
  run_app_side ("/store-wal/chooser-then-cli-closed", 2);
}

static void
chooser_then_cli_closed_child (void)
{
  app_side (TRUE, 1);
}

/* The chooser and the CLI again and again, a write after each. */
static void
test_repeated (void)
{
  run_app_side ("/store-wal/repeated", 4);
}

static void
repeated_child (void)
{
  app_side (FALSE, 3);
}

/* Another program (a sqlite3 shell, a sync tool) removes the -wal and
 * -shm while the store has them open. The store's next command is
 * refused, saying so, and what it had committed before is rescued into
 * the library: nobody wrote the library since. */
static void
removed_child (void)
{
  const char *path = g_getenv ("PB_TEST_WAL_LIBRARY");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  PbStore *store;

  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
  g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);

  g_assert_cmpint (pb_store_add_example_plan (store, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Another program removed the working files of the library “方案 库.db”"));
  g_assert_nonnull (strstr (error->message, "Everything saved until now was written into the library"));
  g_clear_error (&error);

  /* And every command after it. */
  g_assert_cmpint (pb_store_add_example_plan (store, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO);
  _exit (0);
}

static void
test_removed (void)
{
  run_app_side ("/store-wal/removed", 2);
}

/* The same, but another program (planboard-cli, in a process of its own)
 * has written the library since, through a -wal of its own: rescuing
 * would overwrite its work, so the store only says what was not saved. */
static void
removed_and_written_child (void)
{
  const char *path = g_getenv ("PB_TEST_WAL_LIBRARY");
  const char *cli = g_getenv ("PLANBOARD_CLI");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  PbStore *store;

  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
  g_assert_true (pb_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
  /* Committed into the -wal only. */
  g_assert_true (pb_store_exec (store, "PRAGMA wal_autocheckpoint = 0", &error));
  g_assert_cmpint (pb_store_create_plan (store, "不会保存的方案", 2025, 2027, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (wal), ==, 0);
  g_assert_cmpint (g_unlink (shm), ==, 0);
  out = pb_test_run_ok (cli, "--db", path, "example", NULL);

  g_assert_cmpint (pb_store_create_plan (store, "新方案", 2025, 2027, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Another program removed or replaced the files of the library “方案 库.db”"));
  g_assert_nonnull (strstr (error->message, "Your changes since "));
  _exit (0);
}

static void
test_removed_and_written (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "方案 库.db", NULL);

  g_setenv ("PB_TEST_WAL_LIBRARY", path, TRUE);
  g_test_trap_subprocess ("/store-wal/removed-and-written/subprocess", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The library has the store's first plan and the CLI's, untouched by
   * a rescue; the plan committed into the removed -wal is not there. */
  g_assert_cmpint (count_plans (path), ==, 2);
  g_assert_cmpint (pb_test_sql_int (path, "SELECT count(*) FROM plan WHERE title = '不会保存的方案'"), ==, 0);
  pb_test_remove_dir (dir);
}

/* The sqlite3 command-line shell (Debian's sqlite3, in build-aux/dev.sh):
 * a program that, unlike planboard-cli, removes the -wal and -shm when it
 * takes itself for the last connection. These tests need it; they fail
 * without it rather than pass without trying. */
static const char *
sqlite3_shell (void)
{
  static char *shell;

  if (shell == NULL)
    shell = g_find_program_in_path ("sqlite3");
  if (shell == NULL)
    g_error ("these tests need the sqlite3 shell (Debian package sqlite3)");
  return shell;
}

static gint64
shell_count_plans (const char *path)
{
  g_autofree char *out = pb_test_run_ok (sqlite3_shell (), "-batch", path,
                                         "SELECT count(*) FROM plan", NULL);

  return g_ascii_strtoll (out, NULL, 10);
}

static void
assert_same_file (const char     *path,
                  const GStatBuf *before)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_dev, ==, before->st_dev);
  g_assert_cmpuint (st.st_ino, ==, before->st_ino);
}

/* The WAL index header of the -shm (its two copies: 96 bytes), read the
 * way any other program in the process might (which drops this process's
 * POSIX locks on it once more). It changes only when a connection
 * commits, or when a first opener resets the -shm and rebuilds it. */
static void
read_wal_index_header (const char *shm,
                       guchar      header[96])
{
  int fd = open (shm, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, header, 96), ==, 96);
  g_assert_cmpint (close (fd), ==, 0);
}

/* The app has the library open and its POSIX locks lost (the three files
 * opened and closed in its process); then the sqlite3 shell reads it and
 * planboard-cli lists it, and both exit. Neither may take itself for the
 * last connection: the -wal and -shm are still there, the very files the
 * store writes, and its next write is in the library for a fresh reader.
 * Without the store's open file description locks the shell checkpoints
 * and removes them as it exits. */
static void
other_programs_child (void)
{
  const char *path = g_getenv ("PB_TEST_WAL_LIBRARY");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf wal_st, shm_st;
  PbStore *store;

  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &wal_st), ==, 0);
  g_assert_cmpint (g_stat (shm, &shm_st), ==, 0);

  for (int round = 0; round < 2; round++)
    {
      sniff_library (path);
      g_assert_cmpint (shell_count_plans (path), ==, round + 1);
      assert_same_file (wal, &wal_st);
      assert_same_file (shm, &shm_st);

      sniff_library (path);
      run_cli_list (path);
      assert_same_file (wal, &wal_st);
      assert_same_file (shm, &shm_st);

      g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
      g_assert_no_error (error);
      /* A reader that was not there before sees it. */
      g_assert_cmpint (shell_count_plans (path), ==, round + 2);
      assert_same_file (wal, &wal_st);
      assert_same_file (shm, &shm_st);
    }
  _exit (0);
}

static void
test_other_programs (void)
{
  sqlite3_shell ();
  run_app_side ("/store-wal/other-programs", 3);
}

/* The same steps; this time what is watched is the WAL index in the -shm
 * the store has mapped: another program opening the library after the
 * store's POSIX locks were lost must not take itself for the first
 * connection and reset it under the store (rebuilt from the -wal while
 * the store reads and writes it). Its header stays as the store's last
 * commit left it, and the store goes on reading what it wrote. */
static void
shm_kept_child (void)
{
  const char *path = g_getenv ("PB_TEST_WAL_LIBRARY");
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  guchar before[96], after[96];
  PbStore *store;

  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpint (pb_store_add_example_plan (store, &error), >, 0);
      g_assert_no_error (error);
    }

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GListModel) plans = NULL;

      sniff_library (path);
      read_wal_index_header (shm, before);
      run_cli_list (path);
      read_wal_index_header (shm, after);
      g_assert_cmpmem (before, sizeof before, after, sizeof after);

      g_assert_cmpint (shell_count_plans (path), ==, 3 + round);
      read_wal_index_header (shm, after);
      g_assert_cmpmem (before, sizeof before, after, sizeof after);

      plans = pb_store_list_plans (store);
      g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3 + round);
      g_assert_cmpint (pb_store_create_plan (store, "共享内存未重置", 2025, 2027, &error), >, 0);
      g_assert_no_error (error);
      g_clear_object (&plans);
      plans = pb_store_list_plans (store);
      g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 4 + round);
      g_assert_cmpint (shell_count_plans (path), ==, 4 + round);
    }
  _exit (0);
}

static void
test_shm_kept (void)
{
  sqlite3_shell ();
  run_app_side ("/store-wal/shm-kept", 5);
}

/* How many descriptors of @path this process has open. */
static guint
n_open_descriptors (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *real = realpath (path, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  g_assert_nonnull (real);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      n += g_strcmp0 (target, real) == 0;
    }
  return n;
}

/* The store's own locks never get in the way of this process: a second
 * store on the same library (the exchange or the report code, the CLI's
 * commands inside tests), a read-only one, one opened after the process
 * lost its POSIX locks, all open, read and write; closing them leaves the
 * first one writing; the last one to close still checkpoints, so the
 * library file alone holds everything; no descriptor is left open. */
static void
same_process_child (void)
{
  const char *path = g_getenv ("PB_TEST_WAL_LIBRARY");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *copy = g_build_filename (dir, "副本.db", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = NULL;
  PbStore *first, *second, *reader, *third;
  gsize length;

  first = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_example_plan (first, &error), >, 0);
  g_assert_no_error (error);

  second = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  plans = pb_store_list_plans (second);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_clear_object (&plans);
  g_assert_cmpint (pb_store_create_plan (second, "第二个连接的方案", 2025, 2027, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_create_plan (first, "第一个连接的方案", 2025, 2027, &error), >, 0);
  g_assert_no_error (error);
  plans = pb_store_list_plans (first);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);
  g_clear_object (&plans);

  reader = pb_store_open (path, PB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  plans = pb_store_list_plans (reader);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);
  g_clear_object (&plans);
  g_assert_finalize_object (reader);

  /* After the process lost its POSIX locks. */
  sniff_library (path);
  third = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_create_plan (third, "第三个连接的方案", 2025, 2027, &error), >, 0);
  g_assert_no_error (error);
  g_assert_finalize_object (third);

  /* planboard-cli in a process of its own writes too. */
  g_free (pb_test_run_ok (g_getenv ("PLANBOARD_CLI"), "--db", path, "example", NULL));

  g_assert_finalize_object (second);
  g_assert_cmpint (pb_store_create_plan (first, "最后的方案", 2025, 2027, &error), >, 0);
  g_assert_no_error (error);
  plans = pb_store_list_plans (first);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 6);
  g_clear_object (&plans);
  g_assert_finalize_object (first);

  /* Nothing left open, and everything checkpointed into the file. */
  g_assert_cmpuint (n_open_descriptors (path), ==, 0);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data, length, NULL));
  g_assert_cmpint (count_plans (copy), ==, 6);
  _exit (0);
}

static void
test_same_process (void)
{
  run_app_side ("/store-wal/same-process", 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-wal/chooser-then-cli", test_chooser_then_cli);
  g_test_add_func ("/store-wal/chooser-then-cli/subprocess", chooser_then_cli_child);
  g_test_add_func ("/store-wal/chooser-then-cli-closed", test_chooser_then_cli_closed);
  g_test_add_func ("/store-wal/chooser-then-cli-closed/subprocess", chooser_then_cli_closed_child);
  g_test_add_func ("/store-wal/repeated", test_repeated);
  g_test_add_func ("/store-wal/repeated/subprocess", repeated_child);
  g_test_add_func ("/store-wal/removed", test_removed);
  g_test_add_func ("/store-wal/removed/subprocess", removed_child);
  g_test_add_func ("/store-wal/removed-and-written", test_removed_and_written);
  g_test_add_func ("/store-wal/removed-and-written/subprocess", removed_and_written_child);

  g_test_add_func ("/store-wal/other-programs", test_other_programs);
  g_test_add_func ("/store-wal/other-programs/subprocess", other_programs_child);
  g_test_add_func ("/store-wal/shm-kept", test_shm_kept);
  g_test_add_func ("/store-wal/shm-kept/subprocess", shm_kept_child);
  g_test_add_func ("/store-wal/same-process", test_same_process);
  g_test_add_func ("/store-wal/same-process/subprocess", same_process_child);

  return g_test_run ();
}
