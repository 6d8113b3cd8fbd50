/* pb-test-util.c — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pb-db.h"
#ifdef HAVE_LIBPQ
#include "pb-pg-schema.h"
#endif
#include "pb-test-util.h"

/* A fresh folder per test, so every library is a real file with real WAL. */
char *
pb_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("planboard-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The library sits in a folder that does not exist yet, so opening it
 * makes the folder, as on a first start. */
void
pb_test_library_set_up (PbTestLibrary *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pb_test_make_dir ();
  if (pb_test_on_server ())
    {
      /* NULL: the test skips (no server), said by pb_test_pg_library (). */
      f->path = pb_test_pg_library ();
      if (f->path == NULL)
        return;
    }
  else
    f->path = g_build_filename (f->dir, "data", "library.db", NULL);
  f->store = pb_store_open (f->path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

/* Runs the test function given as @data, unless the library could not be
 * made because the test skips. */
void
pb_test_library_run (PbTestLibrary *f,
                     gconstpointer  data)
{
  void (*func) (PbTestLibrary *, gconstpointer) = (void (*) (PbTestLibrary *, gconstpointer)) data;

  if (f->store != NULL)
    func (f, NULL);
}

void
pb_test_library_tear_down (PbTestLibrary *f,
                           gconstpointer  data)
{
  /* Nothing may keep the store alive: that would be a leak. */
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  pb_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

void
pb_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        pb_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

char *
pb_test_checksum_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return g_strdup ("missing");

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

static char *
dump_connection (sqlite3 *db)
{
  static const char * const tables[] = {
    "plan", "section", "item", "organisation", "organisation_alias", "item_org",
    "indicator", "target", "actual", "dependency", "note",
  };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM main.%s ORDER BY id", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              switch (sqlite3_column_type (stmt, c))
                {
                case SQLITE_NULL:
                  g_string_append (out, "NULL");
                  break;
                case SQLITE_FLOAT:
                  g_string_append_printf (out, "%.17g", sqlite3_column_double (stmt, c));
                  break;
                default:
                  g_string_append_printf (out, "'%s'", sqlite3_column_text (stmt, c));
                }
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

/* Every row of every table, as text: two dumps are equal when the
 * libraries hold the same data. */
/* The same dump through the store's own interface, for a shared library. */
static char *
dump_server (const char *path)
{
  static const char * const tables[] = {
    "plan", "section", "item", "organisation", "organisation_alias", "item_org",
    "indicator", "target", "actual", "dependency", "note",
  };
  GString *out = g_string_new (NULL);
  PbDb *db = NULL;

  g_assert_cmpint (pb_db_open (path, PB_DB_OPEN_READONLY, &db), ==, PB_DB_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[t]);
      PbDbStmt *stmt = NULL;

      g_assert_cmpint (pb_db_prepare (db, sql, &stmt), ==, PB_DB_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (pb_db_step (stmt) == PB_DB_ROW)
        {
          for (int c = 0; c < pb_db_column_count (stmt); c++)
            {
              switch (pb_db_column_type (stmt, c))
                {
                case PB_DB_NULL:
                  g_string_append (out, "NULL");
                  break;
                case PB_DB_FLOAT:
                  g_string_append_printf (out, "%.17g", pb_db_column_double (stmt, c));
                  break;
                default:
                  g_string_append_printf (out, "'%s'", pb_db_column_text (stmt, c));
                }
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      pb_db_finalize (stmt);
    }
  pb_db_close (db);

  return g_string_free (out, FALSE);
}

char *
pb_test_dump_db (const char *path)
{
  sqlite3 *db = NULL;
  char *dump;

  if (pb_db_is_server_uri (path))
    return dump_server (path);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  dump = dump_connection (db);
  sqlite3_close (db);

  return dump;
}

char *
pb_test_dump_store (PbStore *store)
{
  return pb_test_dump_db (pb_store_get_path (store));
}

/* Planboard keeps a library's -wal and -shm when it closes it (another
 * program may still be using them: pb_db_set_keep_wal()). Tests that start
 * from the library file alone let SQLite itself tidy them: a plain
 * connection that reads, alone, checkpoints the -wal into the file and
 * removes both as it closes. */
void
pb_test_drop_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

gint64
pb_test_sql_int (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (pb_db_is_server_uri (path))
    {
      PbDb *conn = NULL;
      PbDbStmt *query = NULL;

      g_assert_cmpint (pb_db_open (path, PB_DB_OPEN_READONLY, &conn), ==, PB_DB_OK);
      g_assert_cmpint (pb_db_prepare (conn, sql, &query), ==, PB_DB_OK);
      if (pb_db_step (query) == PB_DB_ROW)
        value = pb_db_column_int64 (query, 0);
      pb_db_finalize (query);
      pb_db_close (conn);
      return value;
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

char *
pb_test_json_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
pb_test_export_string (PbStore *store,
                       gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pb_store_export_plan_json (store, plan_id, &error);

  g_assert_no_error (error);
  return pb_test_json_string (node);
}

/* A plan with @n_items items, each with two organisations and an
 * indicator with a target, imported as one command. */
gint64
pb_test_add_big_plan (PbStore     *store,
                      const char  *title,
                      guint        n_items,
                      GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "planboard-plan/1");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, "s1");
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, "一");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "重点任务");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *item_title = g_strdup_printf ("第%u项重点任务:推进新型基础设施建设", i + 1);
      g_autofree char *lead = g_strdup_printf ("牵头单位%u", i % 37);
      g_autofree char *indicator = g_strdup_printf ("指标%u", i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "section");
      json_builder_add_string_value (b, "s1");
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, number);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, item_title);
      json_builder_set_member_name (b, "body");
      json_builder_add_string_value (b, "到2024年,累计建成5G基站1万个以上,力争达到2万个。");
      json_builder_set_member_name (b, "lead_units");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, lead);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "responsible_units");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "各区(市)县政府");
      json_builder_end_array (b);
      json_builder_set_member_name (b, "targets");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "indicator");
      json_builder_add_string_value (b, indicator);
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, 2024);
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, 10000 + i);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, "个");
      json_builder_end_object (b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return pb_store_import_plan_json (store, root, error);
}

char *
pb_test_corpus_path (const char *name)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  return g_build_filename (srcdir ? srcdir : ".", "..", "..", "shared", "corpus", name, NULL);
}

/* A date as a Julian day, as the timeline counts days. */
guint32
pb_test_julian (int year,
                int month,
                int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/* Runs a program (searched in PATH) and returns its standard output;
 * @status gets its exit status, and its standard error is logged when it
 * is not 0. */
static char *
run_valist (int        *status,
            const char *first,
            va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = -1;

  g_ptr_array_add (argv, (char *) first);
  for (const char *a = va_arg (args, const char *); a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (*status != 0)
    g_test_message ("%s exited with %d: %s", first, *status, err);
  return out;
}

char *
pb_test_run_status (int        *status,
                    const char *first,
                    ...)
{
  va_list args;
  char *out;

  va_start (args, first);
  out = run_valist (status, first, args);
  va_end (args);
  return out;
}

/* As pb_test_run_status(), and the test fails unless the program succeeds. */
char *
pb_test_run_ok (const char *first,
                ...)
{
  va_list args;
  int status;
  char *out;

  va_start (args, first);
  out = run_valist (&status, first, args);
  va_end (args);
  if (status != 0)
    g_error ("%s failed with exit status %d", first, status);
  return out;
}

/* The PostgreSQL tests run under tests/pg-server.sh, which starts a
 * throwaway server and sets PLANBOARD_TEST_PG. Without one they skip with
 * the reason, or fail when PLANBOARD_REQUIRE_PG=1 (build-aux/dev.sh, so the
 * CI cannot pass without running them). */
static gboolean
pg_available (void)
{
  const char *reason = NULL;

#ifndef HAVE_LIBPQ
  reason = "built without libpq (libpq-dev; meson option postgresql)";
#else
  if (!g_getenv ("PLANBOARD_TEST_PG"))
    reason = g_getenv ("PLANBOARD_TEST_PG_SKIP");
  if (!reason && !g_getenv ("PLANBOARD_TEST_PG"))
    reason = "no test server: run the test through tests/pg-server.sh";
#endif
  if (!reason)
    return TRUE;
  if (g_strcmp0 (g_getenv ("PLANBOARD_REQUIRE_PG"), "1") == 0)
    g_error ("PostgreSQL is required (PLANBOARD_REQUIRE_PG=1): %s", reason);
  g_test_skip (reason);
  return FALSE;
}

/* Runs @sql with psql on @conninfo; returns its standard output and
 * standard error together; @status gets psql's exit status. */
char *
pb_test_psql (int        *status,
              const char *conninfo,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *psql = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *bindir = g_getenv ("PGBINDIR");
  int wait_status = -1;

  psql = bindir ? g_build_filename (bindir, "psql", NULL) : g_strdup ("psql");
  const char *argv[] = { psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                         "-d", conninfo, "-c", sql, NULL };
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return g_strconcat (out, err, NULL);
}

/* @conninfo as the login @user. */
char *
pb_test_pg_as (const char *conninfo,
               const char *user)
{
  return g_strdup_printf ("%s user=%s", conninfo, user);
}

static gboolean
lines_name (const char *text,
            const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      const char *slash = strrchr (lines[i], '/');
      const char *name = slash ? slash + 1 : g_strstrip (lines[i]);

      if (g_str_has_prefix (name, prefix))
        return TRUE;
    }
  return FALSE;
}

gboolean
pb_test_maps_have (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, &error));
  g_assert_no_error (error);
  return lines_name (maps, prefix);
}

/* What the dynamic loader loads for @path, as ldd asks it: every object
 * the program needs, and what those need, each on a line ending in
 * "=> /usr/lib/…/libname.so.N (0x…)". */
gboolean
pb_test_program_loads (const char *path,
                       const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LD_TRACE_LOADED_OBJECTS", "1", TRUE);
  const char *argv[] = { path, NULL };
  g_auto(GStrv) lines = NULL;
  int status = -1;

  g_assert_nonnull (path);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The list is not empty: the program needs libc at least. */
  g_assert_nonnull (strstr (out, "libc.so"));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *arrow = strstr (lines[i], " => ");

      /* "libpq.so.5 => /usr/lib/x86_64-linux-gnu/libpq.so.5 (0x…)" */
      *(arrow ? arrow : lines[i] + strlen (lines[i])) = '\0';
      if (g_str_has_prefix (g_strstrip (lines[i]), prefix))
        return TRUE;
    }
  return FALSE;
}

/* Whether the library tests run on a shared library (PB_TEST_BACKEND). */
gboolean
pb_test_on_server (void)
{
  return g_strcmp0 (g_getenv ("PB_TEST_BACKEND"), "postgresql") == 0;
}

/* Returns: (nullable): the connection string of a new shared library (a
 * fresh database, `library init` done), as the server's superuser (who
 * counts as the office); %NULL when the test skips. */
char *
pb_test_pg_library (void)
{
#ifdef HAVE_LIBPQ
  g_autoptr(GError) error = NULL;
  char *conninfo = pb_test_pg_database ();
  PGconn *conn;

  if (conninfo == NULL)
    return NULL;
  conn = pb_pg_connect (conninfo, &error);
  g_assert_no_error (error);
  pb_pg_library_init (conn, &error);
  g_assert_no_error (error);
  PQfinish (conn);
  return conninfo;
#else
  return pb_test_pg_database ();
#endif
}

/* Returns: (nullable): the connection string of a new, empty database on
 * the test server, as its superuser; %NULL when the test skips. */
char *
pb_test_pg_database (void)
{
  static guint counter;
  g_autofree char *name = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sql = NULL;
  int status;

  if (!pg_available ())
    return NULL;

  name = g_strdup_printf ("pbtest_%d_%u", (int) getpid (), ++counter);
  admin = g_strdup_printf ("%s dbname=postgres", g_getenv ("PLANBOARD_TEST_PG"));
  sql = g_strdup_printf ("CREATE DATABASE %s", name);
  out = pb_test_psql (&status, admin, sql);
  if (status != 0)
    g_error ("could not create the test database %s: %s", name, out);
  return g_strdup_printf ("%s dbname=%s", g_getenv ("PLANBOARD_TEST_PG"), name);
}

/* Runs the rest of this process as the user nobody, when it runs as root:
 * root writes through any mode, so a test of read-only files run as root
 * would pass without testing anything. The test fails, never skips, when
 * the privileges cannot be dropped. */
void
pb_test_drop_privileges (void)
{
  struct passwd *pw;

  if (geteuid () != 0)
    return;

  pw = getpwnam ("nobody");
  if (pw == NULL)
    g_error ("Running as root, and there is no user nobody to run the read-only checks as");
  g_assert_cmpint (setgroups (0, NULL), ==, 0);
  g_assert_cmpint (setgid (pw->pw_gid), ==, 0);
  g_assert_cmpint (setuid (pw->pw_uid), ==, 0);
  g_assert_cmpint (geteuid (), !=, 0);
  g_assert_cmpint (setuid (0), !=, 0);
}

/* Fails the test unless this process really cannot write @path: make a
 * file in it (@is_folder) or open it for writing. */
void
pb_test_assert_cannot_write (const char *path,
                             gboolean    is_folder)
{
  g_autofree char *probe = is_folder ? g_build_filename (path, "probe", NULL) : NULL;
  int fd;

  fd = is_folder ? g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0644) : g_open (path, O_WRONLY, 0);
  if (fd >= 0)
    {
      close (fd);
      if (probe)
        g_unlink (probe);
      g_error ("%s can be written: this check would test nothing", path);
    }
  g_assert_true (errno == EACCES || errno == EPERM || errno == EROFS);
}
