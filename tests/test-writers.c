/* test-writers.c — one library, several writers, nothing lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test here reproduces a way data was lost or hidden: reads that
 * failed half-way and returned part of a plan as all of it, undo that
 * reverted another writer's work, ids reused under a restored row, files
 * that could not be read back, imports that dropped what sat in the WAL,
 * read-only storage, hostile input.
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "pb-store-private.h"
#include "pb-test-util.h"

/* ---- Every read is checked --------------------------------------------- */

typedef struct
{
  guint ticks;
  guint trip_at;   /* 0: never */
} Ticks;

static int
count_ticks (void *data)
{
  Ticks *t = data;

  t->ticks++;
  return t->trip_at > 0 && t->ticks >= t->trip_at;
}

/* An interrupt half-way through reading a plan (as an I/O error or a
 * damaged page would stop it) makes the export, duplicating and the
 * .planboard writer fail: none of them returns part of a plan. */
static void
test_read_failure_mid_export (PbTestLibrary *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) whole = NULL;
  g_autoptr(JsonNode) part = NULL;
  g_autofree char *out = g_build_filename (f->dir, "plan.planboard", NULL);
  sqlite3 *db;
  Ticks t = { 0, 0 };
  gint64 id;

  if (pb_test_on_server ())
    {
      g_test_skip ("the read failures are injected with SQLite's progress handler: SQLite only");
      return;
    }
  db = pb_store_get_db (f->store);
  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);

  /* Count how much work a whole export is… */
  sqlite3_progress_handler (db, 10, count_ticks, &t);
  whole = pb_store_export_plan_json (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t.ticks, >, 20);

  /* …then stop it at every tenth of the way. */
  for (guint tenth = 1; tenth < 10; tenth++)
    {
      Ticks trip = { 0, 0 };

      trip.trip_at = t.ticks * tenth / 10;
      sqlite3_progress_handler (db, 10, count_ticks, &trip);
      part = pb_store_export_plan_json (f->store, id, &error);
      g_assert_null (part);
      g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO);
      g_clear_error (&error);

      trip.ticks = 0;
      g_assert_cmpint (pb_store_duplicate_plan (f->store, id, &error), ==, 0);
      g_assert_nonnull (error);
      g_clear_error (&error);

      trip.ticks = 0;
      g_assert_false (pb_store_export_planboard (f->store, id, out, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  sqlite3_progress_handler (db, 0, NULL, NULL);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 1);

  /* The store still works afterwards. */
  part = pb_store_export_plan_json (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (part);
}


/* ---- Several writers ---------------------------------------------------- */

/* A second connection to the same library: another window, planboard-cli. */
static PbStore *
open_other (PbTestLibrary *f)
{
  g_autoptr(GError) error = NULL;
  PbStore *other = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return other;
}

static gint64
first_item (PbStore *store,
            gint64   plan_id)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan_id);
  g_autoptr(PbRecord) item = g_list_model_get_item (items, 2);

  return pb_record_get_id (item);
}

/* The window sets an item's progress; planboard-cli marks it done at
 * 100 %. Undo in the window must not put it back to "in progress, 40 %":
 * it is refused, naming the item, and the other writer's change stays. */
static void
test_undo_refused_after_other_writer (PbTestLibrary *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbItem) mine = NULL;
  g_autoptr(PbItem) theirs = NULL;
  g_autofree char *number = NULL;
  gint64 plan, item;

  plan = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  pb_store_clear_history (f->store);
  item = first_item (f->store, plan);
  mine = pb_store_get_record (f->store, PB_TYPE_ITEM, item);
  number = g_strdup (pb_item_get_number (mine));

  g_assert_true (pb_store_set (f->store, mine, &error,
                               "status", PB_ITEM_STATUS_IN_PROGRESS, "progress", 0.4, NULL));
  g_assert_no_error (error);

  other = open_other (f);
  theirs = pb_store_get_record (other, PB_TYPE_ITEM, item);
  g_assert_true (pb_store_set (other, theirs, &error,
                               "status", PB_ITEM_STATUS_DONE, "progress", 1.0, NULL));
  g_assert_no_error (error);

  /* The window sees it (what its timer does)… */
  g_assert_true (pb_store_refresh (f->store));
  g_assert_false (pb_store_refresh (f->store));
  g_assert_cmpfloat (pb_item_get_progress (mine), ==, 1.0);
  g_assert_cmpint (pb_item_get_status (mine), ==, PB_ITEM_STATUS_DONE);

  /* …and Undo is refused, naming the item. */
  g_assert_true (pb_store_can_undo (f->store));
  g_assert_false (pb_store_undo (f->store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, number));
  g_assert_nonnull (strstr (error->message, "nothing was undone"));
  g_clear_error (&error);

  g_assert_cmpint (pb_item_get_status (theirs), ==, PB_ITEM_STATUS_DONE);
  g_assert_cmpfloat (pb_item_get_progress (mine), ==, 1.0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT status = 'done' AND progress = 1 FROM item WHERE id = %" G_GINT64_FORMAT, item);
    g_assert_cmpint (pb_test_sql_int (f->path, sql), ==, 1);
  }

  /* The refused step is gone; the history stays usable. */
  g_assert_false (pb_store_can_undo (f->store));
  g_assert_true (pb_store_set (f->store, mine, &error, "title", "加快5G网络建设（修订）", NULL));
  g_assert_no_error (error);
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_item_get_status (mine), ==, PB_ITEM_STATUS_DONE);
}

/* Undo restores only the columns its command changed: the window renames
 * an item, the CLI marks it done, Undo of the rename keeps "done". */
static void
test_undo_keeps_other_columns (PbTestLibrary *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbItem) mine = NULL;
  g_autoptr(PbItem) theirs = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sql = NULL;
  gint64 plan, item;

  plan = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  item = first_item (f->store, plan);
  mine = pb_store_get_record (f->store, PB_TYPE_ITEM, item);
  title = g_strdup (pb_item_get_title (mine));

  g_assert_true (pb_store_set (f->store, mine, &error, "title", "新标题", NULL));
  other = open_other (f);
  theirs = pb_store_get_record (other, PB_TYPE_ITEM, item);
  g_assert_true (pb_store_set (other, theirs, &error,
                               "status", PB_ITEM_STATUS_DONE, "progress", 1.0, NULL));
  g_assert_no_error (error);

  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("SELECT status = 'done' AND progress = 1 FROM item WHERE id = %" G_GINT64_FORMAT, item);
  g_assert_cmpint (pb_test_sql_int (f->path, sql), ==, 1);
  g_assert_cmpstr (pb_item_get_title (mine), ==, title);
  g_assert_cmpint (pb_item_get_status (mine), ==, PB_ITEM_STATUS_DONE);
}

/* The window deletes a plan; planboard-cli adds a plan meanwhile. Undo
 * brings the deleted plan back whole: the CLI's rows took new ids, never
 * the deleted ones. */
static void
test_undo_delete_after_other_inserts (PbTestLibrary *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 a, b, c;

  a = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  b = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  before = pb_test_export_string (f->store, b);

  plan = pb_store_get_record (f->store, PB_TYPE_PLAN, b);
  g_assert_true (pb_store_delete (f->store, plan, &error));
  g_assert_no_error (error);

  other = open_other (f);
  c = pb_store_add_example_plan (other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c, >, b);

  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  after = pb_test_export_string (f->store, b);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 3);
  /* (A shared library's server checks every foreign key at commit.) */
  if (!pb_test_on_server ())
    g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  (void) a;
}

/* The window adds an item; another writer records a note on it. Undo of
 * "Add item" would delete their note with the item: refused. */
static void
test_undo_refused_when_cascading_into_other_rows (PbTestLibrary *f,
                                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  gint64 plan, item;

  plan = pb_store_create_plan (f->store, "绍兴市新型基础设施建设行动方案", 2020, 2022, &error);
  item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "3", "加快5G网络建设和应用推广", &error);
  g_assert_no_error (error);

  other = open_other (f);
  g_assert_cmpint (pb_store_add_note (other, item, "2021-06-30", 0, "已完成基站建设", &error), >, 0);
  g_assert_no_error (error);

  g_assert_false (pb_store_undo (f->store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "3 加快5G"));
  g_clear_error (&error);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM note"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item"), ==, 1);

  /* The step before (the plan) is still there, and still guarded. */
  g_assert_true (pb_store_can_undo (f->store));
  g_assert_false (pb_store_undo (f->store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM note"), ==, 1);
}

/* Redo is guarded the same way. */
static void
test_redo_refused_after_other_writer (PbTestLibrary *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbItem) mine = NULL;
  g_autoptr(PbItem) theirs = NULL;
  gint64 plan, item;

  plan = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  item = first_item (f->store, plan);
  mine = pb_store_get_record (f->store, PB_TYPE_ITEM, item);
  g_assert_true (pb_store_set (f->store, mine, &error, "progress", 0.25, NULL));
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);

  other = open_other (f);
  theirs = pb_store_get_record (other, PB_TYPE_ITEM, item);
  g_assert_true (pb_store_set (other, theirs, &error, "progress", 0.75, NULL));

  g_assert_false (pb_store_redo (f->store, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "nothing was redone"));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT progress * 100 FROM item WHERE id = %" G_GINT64_FORMAT, item);
    g_assert_cmpint (pb_test_sql_int (f->path, sql), ==, 75);
  }
}

/* Every table's ids are AUTOINCREMENT, in new and upgraded libraries. */
static void
test_ids_never_reused (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbRecord) note = NULL;
  gint64 plan, item, first, second;

  if (pb_test_on_server ())
    {
      /* A shared library's ids come from identity sequences, which never
       * give an id twice. */
      g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM information_schema.columns"
                                        " WHERE table_schema = 'public' AND column_name = 'id'"), >, 10);
      g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM information_schema.columns"
                                        " WHERE table_schema = 'public' AND column_name = 'id'"
                                        " AND is_identity <> 'YES'"), ==, 0);
    }
  else
    g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                      " AND name NOT LIKE 'sqlite_%' AND sql LIKE '%id INTEGER PRIMARY KEY%'"
                                      " AND sql NOT LIKE '%AUTOINCREMENT%'"), ==, 0);

  plan = pb_store_create_plan (f->store, "方案", 2020, 2022, &error);
  item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "1", "任务", &error);
  first = pb_store_add_note (f->store, item, "2021-01-01", 0, "一", &error);
  note = pb_store_get_record (f->store, PB_TYPE_NOTE, first);
  g_assert_true (pb_store_delete (f->store, note, &error));
  second = pb_store_add_note (f->store, item, "2021-01-02", 0, "二", &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);
}

/* ---- Whole files -------------------------------------------------------- */

/* planboard-cli imports a library that another program holds open with
 * commits still in its WAL (never checkpointed): every plan arrives. */
static void
test_import_open_library (PbTestLibrary *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  /* Into a new library file, or into the shared library. */
  g_autofree char *target = pb_test_on_server () ? g_strdup (f->path) : g_build_filename (f->dir, "target.db", NULL);
  g_autofree char *wal = g_strconcat (other, "-wal", NULL);
  const char *cli = g_getenv ("PLANBOARD_CLI");
  g_autoptr(PbStore) open_one = NULL;
  GStatBuf st;

  g_assert_nonnull (cli);
  open_one = pb_store_open (other, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  /* Nothing goes into the main file until the holder checkpoints. */
  g_assert_cmpint (sqlite3_exec (pb_store_get_db (open_one), "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 3; i++)
    {
      g_assert_cmpint (pb_store_add_example_plan (open_one, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  g_free (pb_test_run_ok (cli, "--db", target, "import", other, NULL));

  g_assert_cmpint (pb_test_sql_int (target, "SELECT count(*) FROM plan"), ==, 3);
  g_assert_cmpint (pb_test_sql_int (target, "SELECT count(*) FROM item"), ==,
                   pb_test_sql_int (other, "SELECT count(*) FROM item"));
  g_assert_cmpint (pb_test_sql_int (target, "SELECT count(*) FROM actual"), ==,
                   pb_test_sql_int (other, "SELECT count(*) FROM actual"));
}

static int
count_commit (void *data)
{
  (*(guint *) data)++;
  return 0;
}

/* A library of several plans comes in as one transaction: one command,
 * which one Undo takes back whole. */
static void
test_import_several_plans_one_command (PbTestLibrary *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PbStore) source = pb_store_open (other, PB_STORE_OPEN_CREATE, &error);
  guint commits = 0;

  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (pb_store_add_example_plan (source, &error), >, 0);
  g_clear_object (&source);

  pb_store_clear_history (f->store);
  /* (SQLite's commit hook counts the transactions; a shared library has
   * none, and there the one command is what Undo takes back below.) */
  if (!pb_test_on_server ())
    sqlite3_commit_hook (pb_store_get_db (f->store), count_commit, &commits);
  g_assert_cmpint (pb_store_import_file (f->store, other, &error), >, 0);
  g_assert_no_error (error);
  if (!pb_test_on_server ())
    sqlite3_commit_hook (pb_store_get_db (f->store), NULL, NULL);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 3);
  /* One transaction: a kill can leave all three plans or none. */
  if (!pb_test_on_server ())
    g_assert_cmpuint (commits, ==, 1);

  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (pb_store_can_undo (f->store));
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 0);
}

/* Exporting onto the open library is refused; the library is intact. */
static void
test_export_onto_library (PbTestLibrary *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
  g_autofree char *id_arg = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  gint64 id;
  int status;

  if (pb_test_on_server ())
    {
      g_test_skip ("a shared library is no file an export could overwrite: SQLite only");
      return;
    }
  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  before = pb_test_export_string (f->store, id);
  id_arg = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_assert_false (pb_store_export_planboard (f->store, id, f->path, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_export_json_file (f->store, id, f->path, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Under another name too, and from planboard-cli, in every format. */
  g_assert_cmpint (symlink (f->path, link), ==, 0);
  for (const char * const *format = (const char * const[]) { "planboard", "json", "csv", "xlsx", NULL }; *format; format++)
    {
      g_free (pb_test_run_status (&status, cli, "--db", f->path, "export", id_arg,
                                  "--format", *format, "-o", link, NULL));
      g_assert_cmpint (status, !=, 0);
    }

  after = pb_test_export_string (f->store, id);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, 1);
}

/* What a killed export left beside its destination is removed by the next
 * export; a .planboard file is one file in rollback-journal mode. */
static void
test_export_temp_files (PbTestLibrary *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "方案.planboard", NULL);
  g_autofree char *stale = NULL;
  g_autofree char *stale_journal = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  GPid pid;
  gint64 id;
  char *argv[] = { (char *) "true", NULL };

  id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);

  /* A pid that is surely gone: a child that has exited. */
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  waitpid (pid, NULL, 0);
  stale = g_strdup_printf ("%s/.方案.planboard.pb-tmp-%d-Ab12Cd", f->dir, (int) pid);
  stale_journal = g_strconcat (stale, "-journal", NULL);
  g_assert_true (g_file_set_contents (stale, "half a plan", -1, NULL));
  g_assert_true (g_file_set_contents (stale_journal, "half a journal", -1, NULL));

  g_assert_true (pb_store_export_planboard (f->store, id, out, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_journal, G_FILE_TEST_EXISTS));

  d = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".方案.planboard"));
  g_assert_cmpint (pb_test_sql_int (out, "PRAGMA journal_mode"), ==, 0);
  {
    g_autofree char *wal = g_strconcat (out, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* ---- Strict values at every door -------------------------------------- */

static gint64
first_indicator (PbStore *store,
                 gint64   plan)
{
  g_autoptr(GListModel) indicators = pb_store_list_indicators (store, plan);
  g_autoptr(PbRecord) k = g_list_model_get_item (indicators, 0);

  return pb_record_get_id (k);
}

/* What `actual add` accepted and the export could then not be read back. */
static void
test_strict_cli_values (PbTestLibrary *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  g_autofree char *plan_arg = NULL;
  g_autofree char *k_arg = NULL;
  gint64 plan, before;
  int status;

  plan = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  plan_arg = g_strdup_printf ("%" G_GINT64_FORMAT, plan);
  k_arg = g_strdup_printf ("%" G_GINT64_FORMAT, first_indicator (f->store, plan));
  before = pb_test_sql_int (f->path, "SELECT count(*) FROM actual");

  for (const char * const *d = (const char * const[]) { "2025-6-5", "2025-06-30xyz", " 2025-12-01",
                                                        "99999-01-01", "2025-02-30", "+2025-01-01", NULL }; *d; d++)
    {
      g_free (pb_test_run_status (&status, cli, "--db", f->path, "actual", "add", plan_arg, k_arg, *d, "5", NULL));
      g_assert_cmpint (status, !=, 0);
    }
  for (const char * const *v = (const char * const[]) { "1e20", "-1e16", "inf", "nan", NULL }; *v; v++)
    {
      g_free (pb_test_run_status (&status, cli, "--db", f->path, "actual", "add", plan_arg, k_arg, "2025-06-05", *v, NULL));
      g_assert_cmpint (status, !=, 0);
    }
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM actual"), ==, before);

  g_free (pb_test_run_ok (cli, "--db", f->path, "actual", "add", plan_arg, k_arg, "2025-06-05", "1e15", NULL));
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM actual"), ==, before + 1);
}

/* Every number the library can hold is written so that a JSON parser reads
 * it back, and equal; 1e20 never gets in. */
static void
test_numbers_round_trip (PbTestLibrary *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 plan, k;
  JsonArray *indicators, *actuals;
  guint found = 0;

  plan = pb_store_create_plan (f->store, "数值", 2020, 2025, &error);
  k = pb_store_add_indicator (f->store, plan, 0, "指标", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);
  for (int e = -9; e <= 15; e++)
    for (const double *m = (const double[]) { 1, 1.5, 3.3333333333333335, 9.999999999999998, 0 }; *m; m++)
      {
        double v = *m * pow (10, e);

        if (v > 1e15)
          continue;
        g_array_append_val (values, v);
        g_assert_cmpint (pb_store_add_actual (f->store, k, "2024-01-01", v, NULL, &error), >, 0);
        g_assert_no_error (error);
        v = -v;
        g_array_append_val (values, v);
        g_assert_cmpint (pb_store_add_actual (f->store, k, "2024-01-01", v, NULL, &error), >, 0);
      }
  g_assert_cmpint (pb_store_add_actual (f->store, k, "2024-01-01", 1e20, NULL, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(JsonNode) root = pb_store_export_plan_json (f->store, plan, &error);

    g_assert_no_error (error);
    text = pb_json_to_data (root, NULL);
  }
  g_assert_null (strstr (text, "e+20"));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  indicators = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "indicators");
  actuals = json_object_get_array_member (json_array_get_object_element (indicators, 0), "actuals");
  for (guint i = 0; i < json_array_get_length (actuals); i++)
    {
      JsonNode *n = json_object_get_member (json_array_get_object_element (actuals, i), "value");
      double v = json_node_get_value_type (n) == G_TYPE_INT64 ? json_node_get_int (n) : json_node_get_double (n);

      for (guint j = 0; j < values->len; j++)
        if (g_array_index (values, double, j) == v)
          {
            found++;
            break;
          }
    }
  g_assert_cmpuint (json_array_get_length (actuals), ==, values->len);
  g_assert_cmpuint (found, ==, values->len);
}

static void
import_text_fails (PbTestLibrary *f,
                   const char    *json,
                   const char    *field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "plan.json", NULL);
  gint64 plans = pb_test_sql_int (f->path, "SELECT count(*) FROM plan");

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  g_assert_cmpint (pb_store_import_file (f->store, path, &error), ==, 0);
  g_assert_nonnull (error);
  if (field != NULL && strstr (error->message, field) == NULL)
    g_error ("“%s” does not name %s", error->message, field);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM plan"), ==, plans);
}

/* Hostile or mistyped JSON is refused, naming what is wrong, and never
 * crashes the reader. */
static void
test_strict_json (PbTestLibrary *f,
                  gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new ("{\"format\":\"planboard-plan/1\",\"title\":");

  import_text_fails (f, "{\"format\":\"planboard-plan/1\",\"title\":\"a\\ud800b\"}", "title");
  import_text_fails (f, "{\"format\":\"planboard-plan/1\",\"title\":\"t\",\"items\":{\"number\":\"1\"}}", "items");
  import_text_fails (f, "{\"format\":\"planboard-plan/1\",\"title\":12}", "title");
  import_text_fails (f, "{\"format\":\"planboard-plan/1\",\"title\":\"t\",\"items\":[{\"title\":\"x\",\"progress\":\"50%\"}]}",
                     "progress");
  import_text_fails (f, "{\"format\":\"planboard-plan/1\",\"title\":\"t\",\"items\":[{\"title\":\"x\",\"start\":\"2025-6-5\"}]}",
                     NULL);

  /* 100,000 deep: refused before parsing, no stack overflow. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  import_text_fails (f, deep->str, NULL);

  /* Many siblings are not depth: a plan of 200 items, 3 deep, imports. */
  {
    g_autoptr(GString) wide = g_string_new ("{\"format\":\"planboard-plan/1\",\"title\":\"宽方案\",\"items\":[");
    g_autofree char *path = g_build_filename (f->dir, "wide.json", NULL);
    g_autoptr(GError) error = NULL;
    gint64 id;

    for (int i = 0; i < 200; i++)
      g_string_append_printf (wide, "%s{\"number\":\"%d\",\"title\":\"任务%d\",\"lead_units\":[\"市经信局\"]}",
                              i ? "," : "", i + 1, i + 1);
    g_string_append (wide, "]}");
    g_assert_true (g_file_set_contents (path, wide->str, -1, NULL));
    id = pb_store_import_file (f->store, path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item WHERE plan_id = (SELECT max(id) FROM plan)"), ==, 200);
    g_assert_cmpint (id, >, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD PB_TEST_ADD_LIBRARY
  ADD ("/writers/read/failure-mid-export", test_read_failure_mid_export);
  ADD ("/writers/undo/refused-after-other-writer", test_undo_refused_after_other_writer);
  ADD ("/writers/undo/keeps-other-columns", test_undo_keeps_other_columns);
  ADD ("/writers/undo/delete-after-other-inserts", test_undo_delete_after_other_inserts);
  ADD ("/writers/undo/refused-when-cascading", test_undo_refused_when_cascading_into_other_rows);
  ADD ("/writers/redo/refused-after-other-writer", test_redo_refused_after_other_writer);
  ADD ("/writers/ids-never-reused", test_ids_never_reused);
  ADD ("/writers/strict/cli-values", test_strict_cli_values);
  ADD ("/writers/strict/numbers-round-trip", test_numbers_round_trip);
  ADD ("/writers/strict/json", test_strict_json);
  ADD ("/writers/files/import-open-library", test_import_open_library);
  ADD ("/writers/files/import-several-plans-one-command", test_import_several_plans_one_command);
  ADD ("/writers/files/export-onto-library", test_export_onto_library);
  ADD ("/writers/files/export-temp-files", test_export_temp_files);

  return g_test_run ();
}
