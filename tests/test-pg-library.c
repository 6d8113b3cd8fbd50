/* test-pg-library.c — a shared library on PostgreSQL: set-up, members, rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/pg-server.sh against a real, throwaway server. The
 * rules are asserted through plain psql as each login: the server holds a
 * reporter to them whatever program it uses.
 */
#include "config.h"

#include <sqlite3.h>
#include <sys/wait.h>

#include "pb-pg-schema.h"
#include "pb-schema.h"
#include "pb-test-util.h"

/* Runs planboard-cli; returns its exit status. */
static int
cli (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("PLANBOARD_CLI"));
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
cli_ok (const char *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("PLANBOARD_CLI"));
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("planboard-cli %s failed: %s", first, err);
}

/* psql as @user (NULL: the superuser); the test fails unless psql's exit
 * status is @expect_ok's. Returns what psql printed. */
static char *
sql_as (const char *db,
        const char *user,
        gboolean    expect_ok,
        const char *sql)
{
  g_autofree char *conninfo = user ? pb_test_pg_as (db, user) : g_strdup (db);
  int status;
  char *out = pb_test_psql (&status, conninfo, sql);

  if ((status == 0) != expect_ok)
    g_error ("psql as %s: expected %s, exit status %d for: %s\n%s",
             user ? user : "superuser", expect_ok ? "success" : "failure", status, sql, out);
  return out;
}

static gint64
sql_int (const char *db,
         const char *sql)
{
  g_autofree char *out = sql_as (db, NULL, TRUE, sql);

  return g_ascii_strtoll (out, NULL, 10);
}

/* ---- library init ------------------------------------------------------ */

static void
test_init_empty (void)
{
  g_autofree char *db = pb_test_pg_database ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *version = NULL;

  if (!db)
    return;

  g_assert_cmpint (cli (&out, &err, "--db", db, "library", "init", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "member add"));

  version = sql_as (db, NULL, TRUE, "SELECT value FROM library_info WHERE key = 'schema_version'");
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), ==, PB_SCHEMA_VERSION);
  /* The forms match a library by its id: 32 hex digits, as in SQLite. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM library_info WHERE key = 'id'"
                                " AND value ~ '^[0-9a-f]{32}$'"), ==, 1);
  /* The three roles of this database. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_roles WHERE rolname IN"
                                " (current_database() || '_office', current_database() || '_reporter',"
                                "  current_database() || '_viewer') AND NOT rolcanlogin"), ==, 3);
  /* Foreign keys as in SQLite (item_history's item since schema 8), and
   * deferrable for undo. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), ==, 26);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                                " AND NOT (condeferrable AND NOT condeferred)"), ==, 0);
  /* Row security on every table of the library. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                                " AND tablename <> 'pb_member' AND NOT rowsecurity"), ==, 0);

  /* Once only: the second time is refused and changes nothing. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", db, "library", "init", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already holds a library"));
  /* id, schema_version and the day the items' history began. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM library_info"), ==, 3);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM library_info WHERE key = 'item_history_since'"
                                " AND value = to_char (current_date, 'YYYY-MM-DD')"), ==, 1);
}

static void
test_init_not_empty (void)
{
  g_autofree char *db = pb_test_pg_database ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!db)
    return;

  g_free (sql_as (db, NULL, TRUE, "CREATE TABLE payroll (name text)"));
  g_assert_cmpint (cli (&out, &err, "--db", db, "library", "init", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "is not empty"));
  /* Nothing of a library was made beside it. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), ==, 1);
}

static void
test_init_unreachable (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *uri = g_strdup_printf ("host=%s dbname=nothing", dir);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();

#ifndef HAVE_LIBPQ
  g_test_skip ("built without libpq");
  return;
#endif
  g_assert_cmpint (cli (&out, &err, "--db", uri, "library", "init", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "planboard-cli: Could not connect to the shared library: "));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  pb_test_remove_dir (dir);
}

/* The PostgreSQL tables have SQLite's columns in SQLite's order: a
 * migration added to pb-schema.c needs its PostgreSQL step in
 * pb-pg-schema.c. */
static void
test_schema_matches_sqlite (void)
{
  g_autofree char *db = pb_test_pg_database ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pg = NULL;
  g_autoptr(GString) lite = g_string_new (NULL);
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *sq;
  sqlite3_stmt *stmt;

  if (!db)
    return;
  cli_ok ("--db", db, "library", "init", NULL);

  dir = pb_test_make_dir ();
  path = g_build_filename (dir, "library.db", NULL);
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &sq), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sq, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", (char *) tables->pdata[i]);

      g_assert_cmpint (sqlite3_prepare_v2 (sq, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (lite, "%s.%s\n", (char *) tables->pdata[i], sqlite3_column_text (stmt, 1));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (sq);

  pg = sql_as (db, NULL, TRUE,
               "SELECT table_name || '.' || column_name FROM information_schema.columns"
               " WHERE table_schema = 'public' AND table_name <> 'pb_member'"
               " ORDER BY table_name COLLATE \"C\", ordinal_position");
  g_assert_cmpstr (pg, ==, lite->str);
  pb_test_remove_dir (dir);
}

/* ---- members ------------------------------------------------------------ */

static void
test_members (void)
{
  g_autofree char *db = pb_test_pg_database ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!db)
    return;
  cli_ok ("--db", db, "library", "init", NULL);

  cli_ok ("--db", db, "member", "add", "wang", "--role", "viewer", NULL);
  cli_ok ("--db", db, "member", "add", "zhang", "--role", "reporter", "--organisation", "市工业和信息化局", NULL);
  cli_ok ("--db", db, "member", "add", "li", "--role", "office", NULL);
  g_assert_cmpint (cli (&out, &err, "--db", db, "member", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "li\toffice\t\n"
                   "zhang\treporter\t市工业和信息化局\n"
                   "wang\tviewer\t\n");

  /* A reporter names its organisation. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", db, "member", "add", "zhao", "--role", "reporter", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "planboard-cli: A reporter needs an organisation (--organisation NAME).\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", db, "member", "add", "zhao", "--role", "boss", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "office, reporter or viewer"));
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_roles WHERE rolname = 'zhao'"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", db, "member", "add", "zhao", NULL), ==, 2);

  /* Adding again changes the member: one role at a time. */
  cli_ok ("--db", db, "member", "add", "wang", "--role", "reporter", "--organisation", "市住房和城乡建设局", NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", db, "member", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "li\toffice\t\n"
                   "wang\treporter\t市住房和城乡建设局\n"
                   "zhang\treporter\t市工业和信息化局\n");
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_auth_members am"
                                " JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles u ON u.oid = am.member"
                                " WHERE u.rolname = 'wang'"), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM pg_auth_members am"
                                " JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles u ON u.oid = am.member"
                                " WHERE u.rolname = 'wang' AND g.rolname = current_database() || '_reporter'"), ==, 1);

  /* A password is set hashed (SCRAM), never as given. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) p = NULL;
    g_autofree char *pw = NULL;

    p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                          g_getenv ("PLANBOARD_CLI"), "--db", db, "member", "add", "li",
                          "--role", "office", "--password", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (p, "公文s3cret\n", NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (p));
    pw = sql_as (db, NULL, TRUE, "SELECT rolpassword FROM pg_authid WHERE rolname = 'li'");
    g_assert_true (g_str_has_prefix (pw, "SCRAM-SHA-256$"));
    g_assert_null (strstr (pw, "s3cret"));
  }

  /* Not a shared library: a file path is refused with the reason. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", "/tmp/x.db", "member", "list", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "postgresql://"));
}

/* ---- who may change what ------------------------------------------------ */

/* A plan of two tasks: 3 (市工业和信息化局 leads, 市通信管理局 responsible)
 * and 5 (市住房和城乡建设局 leads), an indicator each, and three members. */
static char *
make_library (void)
{
  char *db = pb_test_pg_database ();

  if (!db)
    return NULL;
  cli_ok ("--db", db, "library", "init", NULL);
  g_free (sql_as (db, NULL, TRUE,
                  "INSERT INTO plan (title, period_start, period_end)"
                  "  VALUES ('云澜市新型基础设施建设三年行动方案', 2025, 2027);"
                  "INSERT INTO item (plan_id, kind, number, title, position) VALUES"
                  "  (1, 'task', '3', '加快5G网络建设，新建5G基站2600个', 0),"
                  "  (1, 'task', '5', '推进老旧小区改造', 1);"
                  "INSERT INTO organisation (plan_id, name, short_name) VALUES"
                  "  (1, '市工业和信息化局', '市工信局'), (1, '市通信管理局', NULL),"
                  "  (1, '市住房和城乡建设局', '市住建局');"
                  "INSERT INTO item_org (item_id, organisation_id, role, position) VALUES"
                  "  (1, 1, 'lead', 0), (1, 2, 'responsible', 1), (2, 3, 'lead', 0);"
                  "INSERT INTO indicator (plan_id, name, measure_unit) VALUES"
                  "  (1, '5G基站', '个'), (1, '改造老旧小区', '个');"
                  "INSERT INTO item_indicator (item_id, indicator_id) VALUES (1, 1), (2, 2);"
                  "INSERT INTO target (indicator_id, year, value, item_id) VALUES"
                  "  (1, 2027, 2600, 1), (2, 2027, 120, 2);"
                  "INSERT INTO actual (indicator_id, date, value) VALUES (2, '2026-06-30', 40);"));
  cli_ok ("--db", db, "member", "add", "li", "--role", "office", NULL);
  cli_ok ("--db", db, "member", "add", "zhang", "--role", "reporter", "--organisation", "市工业和信息化局", NULL);
  /* By the short name: 市住建局 is 市住房和城乡建设局. */
  cli_ok ("--db", db, "member", "add", "zhao", "--role", "reporter", "--organisation", "市住建局", NULL);
  cli_ok ("--db", db, "member", "add", "wang", "--role", "viewer", NULL);
  return db;
}

static void
assert_has (const char *text,
            const char *part)
{
  if (!strstr (text, part))
    g_error ("expected “%s” in: %s", part, text);
}

static void
test_reporter (void)
{
  g_autofree char *db = make_library ();
  char *out;

  if (!db)
    return;

  /* Its own item: an actual, a note, the status and progress. */
  g_free (sql_as (db, "zhang", TRUE,
                  "INSERT INTO actual (indicator_id, date, value, source) VALUES (1, '2026-06-30', 1200, '市工业和信息化局')"));
  g_free (sql_as (db, "zhang", TRUE,
                  "INSERT INTO note (item_id, date, text, status) VALUES (1, '2026-06-30', '已建成1200个', 'in-progress')"));
  g_free (sql_as (db, "zhang", TRUE, "UPDATE item SET status = 'in-progress', progress = 0.46 WHERE number = '3'"));
  g_free (sql_as (db, "zhang", TRUE, "UPDATE actual SET value = 1210 WHERE indicator_id = 1"));
  g_assert_cmpint (sql_int (db, "SELECT value FROM actual WHERE indicator_id = 1"), ==, 1210);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM item WHERE status = 'in-progress' AND progress = 0.46"), ==, 1);

  /* Another organisation's item: refused, naming the rule. */
  out = sql_as (db, "zhang", FALSE,
                "INSERT INTO actual (indicator_id, date, value) VALUES (2, '2026-06-30', 50)");
  assert_has (out, "ERROR:  Only 市住房和城乡建设局 and the office may report on 5 推进老旧小区改造");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "INSERT INTO note (item_id, date, text) VALUES (2, '2026-06-30', '代报')");
  assert_has (out, "Only 市住房和城乡建设局 and the office may report on 5 推进老旧小区改造");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "UPDATE item SET status = 'done' WHERE number = '5'");
  assert_has (out, "Only 市住房和城乡建设局 and the office may report on 5 推进老旧小区改造");
  g_free (out);
  /* Changing or deleting another's actual, or moving its own onto
   * another's indicator. */
  out = sql_as (db, "zhang", FALSE, "DELETE FROM actual WHERE indicator_id = 2");
  assert_has (out, "Only 市住房和城乡建设局 and the office may report on 5");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "UPDATE actual SET indicator_id = 2 WHERE indicator_id = 1");
  assert_has (out, "Only 市住房和城乡建设局 and the office may report on 5");
  g_free (out);
  /* The other way round, with two organisations and a long title. */
  out = sql_as (db, "zhao", FALSE, "INSERT INTO actual (indicator_id, date, value) VALUES (1, '2026-06-30', 9)");
  assert_has (out, "Only 市工业和信息化局、市通信管理局 and the office may report on 3 加快5G网络建设，新建5…");
  g_free (out);
  g_free (sql_as (db, "zhao", TRUE, "INSERT INTO actual (indicator_id, date, value) VALUES (2, '2026-09-30', 60)"));

  /* Nothing else: not a target, not an item's title, not a plan. */
  out = sql_as (db, "zhang", FALSE, "UPDATE target SET value = 100 WHERE item_id = 1");
  assert_has (out, "permission denied for table target");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "UPDATE item SET title = '改了' WHERE number = '3'");
  assert_has (out, "permission denied for table item");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "DELETE FROM plan");
  assert_has (out, "permission denied for table plan");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "DELETE FROM item WHERE number = '3'");
  assert_has (out, "permission denied for table item");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "INSERT INTO organisation (plan_id, name) VALUES (1, '市工信局二处')");
  assert_has (out, "permission denied for table organisation");
  g_free (out);

  /* Reads every plan. */
  out = sql_as (db, "zhang", TRUE, "SELECT count(*) FROM actual");
  g_assert_cmpstr (out, ==, "3\n");
  g_free (out);

  /* Nothing is half-written: one refused row undoes the statement's
   * others, and the transaction's. */
  out = sql_as (db, "zhang", FALSE,
                "BEGIN; INSERT INTO actual (indicator_id, date, value) VALUES (1, '2026-09-30', 1500);"
                "INSERT INTO actual (indicator_id, date, value) VALUES (2, '2026-09-30', 70); COMMIT;");
  g_free (out);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM actual WHERE date = '2026-09-30'"), ==, 1);

  /* All the rows that survive are as they were. */
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM actual"), ==, 3);
  g_assert_cmpint (sql_int (db, "SELECT value FROM target WHERE item_id = 1"), ==, 2600);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM item WHERE status = 'not-started' AND number = '5'"), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM plan"), ==, 1);
}

/* A reporter cannot make itself the office with a temporary table of the
 * same name, nor turn the rules off. */
static void
test_reporter_cannot_escape (void)
{
  g_autofree char *db = make_library ();
  char *out;

  if (!db)
    return;

  out = sql_as (db, "zhang", FALSE,
                "CREATE TEMP TABLE pb_member (login text, role text, organisation text);"
                "INSERT INTO pb_member VALUES ('zhang', 'office', NULL);"
                "CREATE TEMP TABLE item_org AS SELECT * FROM public.item_org;"
                "INSERT INTO item_org (id, item_id, organisation_id, role) VALUES (99, 2, 1, 'lead');"
                "INSERT INTO actual (indicator_id, date, value) VALUES (2, '2026-06-30', 50)");
  assert_has (out, "Only 市住房和城乡建设局 and the office may report on 5");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "ALTER TABLE actual DISABLE TRIGGER pb_check");
  assert_has (out, "must be owner");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "SET session_replication_role = replica");
  assert_has (out, "permission denied");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "UPDATE pb_member SET role = 'office' WHERE login = 'zhang'");
  assert_has (out, "permission denied for table pb_member");
  g_free (out);
  out = sql_as (db, "zhang", FALSE, "SELECT pb_member_add ('zhang', 'office', NULL)");
  assert_has (out, "permission denied for function pb_member_add");
  g_free (out);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM actual WHERE indicator_id = 2"), ==, 1);
}

static void
test_viewer_and_office (void)
{
  g_autofree char *db = make_library ();
  char *out;

  if (!db)
    return;

  /* A viewer reads and writes nothing. */
  out = sql_as (db, "wang", TRUE, "SELECT number || ' ' || title FROM item ORDER BY position");
  g_assert_cmpstr (out, ==, "3 加快5G网络建设，新建5G基站2600个\n5 推进老旧小区改造\n");
  g_free (out);
  out = sql_as (db, "wang", FALSE, "INSERT INTO actual (indicator_id, date, value) VALUES (1, '2026-06-30', 1)");
  assert_has (out, "permission denied for table actual");
  g_free (out);
  out = sql_as (db, "wang", FALSE, "UPDATE item SET status = 'done'");
  assert_has (out, "permission denied for table item");
  g_free (out);
  out = sql_as (db, "wang", FALSE, "DELETE FROM note");
  assert_has (out, "permission denied for table note");
  g_free (out);

  /* The office changes anything. */
  g_free (sql_as (db, "li", TRUE,
                  "UPDATE target SET value = 3000 WHERE item_id = 1;"
                  "UPDATE item SET title = '推进老旧小区改造提升' WHERE number = '5';"
                  "INSERT INTO actual (indicator_id, date, value) VALUES (1, '2026-06-30', 1300);"
                  "INSERT INTO item (plan_id, number, title) VALUES (1, '6', '新增任务');"
                  "DELETE FROM item WHERE number = '6'"));
  g_assert_cmpint (sql_int (db, "SELECT value FROM target WHERE item_id = 1"), ==, 3000);
  /* ... but not the library's id and version. */
  out = sql_as (db, "li", FALSE, "UPDATE library_info SET value = '1' WHERE key = 'schema_version'");
  assert_has (out, "permission denied for table library_info");
  g_free (out);
  g_free (sql_as (db, "li", TRUE, "DELETE FROM plan"));
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM item"), ==, 0);

  /* A login that is no member of this library cannot even connect. */
  g_free (sql_as (db, NULL, TRUE, "CREATE ROLE stranger LOGIN"));
  out = sql_as (db, "stranger", FALSE, "SELECT 1");
  assert_has (out, "permission denied for database");
  g_free (out);
}

/* The same rules through Planboard: planboard-cli and the store, opened
 * on the shared library as each login, get the server's refusal as the
 * message a planner reads, and nothing changes. */
static void
test_through_planboard (void)
{
  g_autofree char *db = make_library ();
  g_autofree char *as_zhang = NULL;
  g_autofree char *as_wang = NULL;
  g_autofree char *as_li = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) targets = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(PbTarget) target = NULL;
  g_autoptr(PbPlan) plan = NULL;
  char *out = NULL, *err = NULL;

  if (!db)
    return;
  as_zhang = pb_test_pg_as (db, "zhang");
  as_wang = pb_test_pg_as (db, "wang");
  as_li = pb_test_pg_as (db, "li");

  /* A reporter records an actual and sets the status of its own item. */
  g_assert_cmpint (cli (&out, &err, "--db", as_zhang, "actual", "add", "1", "1", "2026-06-30", "1200",
                        "--source", "市工业和信息化局", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM actual WHERE indicator_id = 1 AND value = 1200"), ==, 1);
  g_assert_cmpint (cli (&out, &err, "--db", as_zhang, "item", "set", "1", "3", "--status", "in-progress",
                        "--progress", "46", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM item WHERE number = '3' AND status = 'in-progress'"), ==, 1);

  /* Another organisation's item: the message names the rule. */
  g_assert_cmpint (cli (&out, &err, "--db", as_zhang, "actual", "add", "1", "2", "2026-06-30", "50", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "planboard-cli: The shared library refused the change: Only 市住房和城乡建设局"
                            " and the office may report on 5 推进老旧小区改造. Nothing was changed.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (&out, &err, "--db", as_zhang, "item", "set", "1", "5", "--status", "done", NULL), ==, 1);
  assert_has (err, "Only 市住房和城乡建设局 and the office may report on 5 推进老旧小区改造");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A viewer records nothing: its store knows it is a viewer's and says
   * so before the server has to refuse (which psql shows it does). */
  g_assert_cmpint (cli (&out, &err, "--db", as_wang, "actual", "add", "1", "1", "2026-06-30", "1", NULL), ==, 1);
  assert_has (err, "You are a viewer of this shared library: you can read every plan but change nothing.");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Through the store: a reporter cannot change a target or delete the
   * plan. */
  store = pb_store_open (as_zhang, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  targets = pb_store_list_targets (store, 1);
  target = g_list_model_get_item (targets, 0);
  g_assert_false (pb_store_set (store, target, &error, "value", 100.0, NULL));
  g_assert_nonnull (error);
  assert_has (error->message, "only the office may");
  g_clear_error (&error);
  plans = pb_store_list_plans (store);
  plan = g_list_model_get_item (plans, 0);
  g_assert_false (pb_store_delete (store, plan, &error));
  g_assert_nonnull (error);
  assert_has (error->message, "only the office may");
  g_clear_error (&error);
  g_clear_object (&target);
  g_clear_object (&plan);
  g_clear_object (&targets);
  g_clear_object (&plans);
  g_assert_finalize_object (g_steal_pointer (&store));

  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM actual"), ==, 2);
  g_assert_cmpint (sql_int (db, "SELECT value FROM target WHERE item_id = 1"), ==, 2600);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM plan"), ==, 1);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM item WHERE number = '5' AND status = 'not-started'"), ==, 1);

  /* The office changes anything, the example plan included. */
  g_assert_cmpint (cli (&out, &err, "--db", as_li, "example", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sql_int (db, "SELECT count(*) FROM plan"), ==, 2);
}

/* The messages a client shows for a refusal. */
static void
test_refusal_messages (void)
{
  g_autofree char *a = pb_pg_refusal_message ("PB001", "x", "市工业和信息化局", "3 加快5G…");
  g_autofree char *b = pb_pg_refusal_message ("PB001", "x", NULL, "5G基站");
  g_autofree char *c = pb_pg_refusal_message ("PB002", "x", NULL, "3 加快5G…");
  g_autofree char *d = pb_pg_refusal_message ("PB003", "x", "viewer", NULL);
  g_autofree char *e = pb_pg_refusal_message ("42501", "permission denied for table target", NULL, NULL);
  g_autofree char *f = pb_pg_refusal_message ("23505", "duplicate key", NULL, NULL);

  g_assert_cmpstr (a, ==, "Only 市工业和信息化局 and the office may report on 3 加快5G…");
  g_assert_cmpstr (b, ==, "Only the office may report on 5G基站");
  g_assert_cmpstr (c, ==, "A reporter may change only the status and progress of 3 加快5G…");
  g_assert_cmpstr (d, ==, "A viewer may only read this library");
  g_assert_cmpstr (e, ==, "Your role may not make this change; only the office may");
  g_assert_null (f);
}

/* libpq is loaded when a shared library is opened, not before (see
 * test-window's /window/file-library-loads-no-libpq), and the store then
 * works on it. In a process of its own, where nothing loaded it yet. */
static void
test_libpq_loaded_on_open (void)
{
#ifndef HAVE_LIBPQ
  g_test_skip ("built without libpq");
#else
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_autofree char *conninfo = pb_test_pg_library ();

      if (conninfo == NULL)
        return;
      g_setenv ("PB_TEST_CONNINFO", conninfo, TRUE);
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("PB_TEST_CONNINFO");
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_false (pb_pq_is_loaded ());
  g_assert_false (pb_test_maps_have ("libpq.so"));
  store = pb_store_open (g_getenv ("PB_TEST_CONNINFO"), PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_is_shared (store));
  g_assert_true (pb_pq_is_loaded ());
  g_assert_true (pb_test_maps_have ("libpq.so"));
  g_assert_true (pb_store_add_example_plan (store, &error));
  g_assert_no_error (error);
  plans = pb_store_list_plans (store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pg-library/init/empty", test_init_empty);
  g_test_add_func ("/pg-library/init/not-empty", test_init_not_empty);
  g_test_add_func ("/pg-library/init/unreachable", test_init_unreachable);
  g_test_add_func ("/pg-library/schema-matches-sqlite", test_schema_matches_sqlite);
  g_test_add_func ("/pg-library/members", test_members);
  g_test_add_func ("/pg-library/rules/reporter", test_reporter);
  g_test_add_func ("/pg-library/rules/reporter-cannot-escape", test_reporter_cannot_escape);
  g_test_add_func ("/pg-library/rules/viewer-and-office", test_viewer_and_office);
  g_test_add_func ("/pg-library/rules/through-planboard", test_through_planboard);
  g_test_add_func ("/pg-library/refusal-messages", test_refusal_messages);
  g_test_add_func ("/pg-library/libpq-loaded-on-open", test_libpq_loaded_on_open);
  return g_test_run ();
}
