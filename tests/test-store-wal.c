/* test-store-wal.c — another program never makes a library lose writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's locks on a library file are POSIX record locks: they belong to
 * the process, and the process loses all of them on a file as soon as it
 * closes ANY descriptor of that file. GTK's file chooser does exactly
 * that in the app's own process when it shows the library's folder (it
 * opens lib.db, lib.db-wal and lib.db-shm to guess their content type and
 * closes them). A second program on the library (planboard-cli) then
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

  return g_test_run ();
}
