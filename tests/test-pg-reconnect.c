/* test-pg-reconnect.c — a shared library's connection breaks and comes back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/pg-server.sh against a real, throwaway server. The
 * store's connection is ended by the server (pg_terminate_backend, as
 * when an administrator ends it or the server restarts): the store says
 * it is offline, refuses writes saying they were not saved, reconnects,
 * listens again and brings in what others changed meanwhile.
 */
#include "config.h"

#include <string.h>

#include "pb-store-private.h"
#include "pb-test-util.h"

static void
online_cb (PbStore    *store,
           GParamSpec *pspec,
           GString    *seen)
{
  g_string_append_c (seen, pb_store_get_online (store) ? '+' : '-');
}

static gint64
backend_pid (PbStore *store)
{
  g_autoptr(PbDbStmt) stmt = NULL;

  g_assert_cmpint (pb_db_prepare (pb_store_get_conn (store), "SELECT pg_backend_pid()", &stmt), ==, PB_DB_OK);
  g_assert_cmpint (pb_db_step (stmt), ==, PB_DB_ROW);
  return pb_db_column_int64 (stmt, 0);
}

static void
psql_ok (const char *conninfo,
         const char *sql)
{
  g_autofree char *out = NULL;
  int status;

  out = pb_test_psql (&status, conninfo, sql);
  if (status != 0)
    g_error ("psql: %s: %s", sql, out);
}

static char *
psql_value (const char *conninfo,
            const char *sql)
{
  g_autofree char *out = NULL;
  int status;

  out = pb_test_psql (&status, conninfo, sql);
  g_assert_cmpint (status, ==, 0);
  return g_strstrip (g_strdup (out));
}

/* Calls pb_store_refresh () as the window's timer does, until @done or 5 s. */
static gboolean
refresh_until (PbStore  *store,
               gboolean (*done) (PbStore *store, gpointer data),
               gpointer  data)
{
  for (guint i = 0; i < 500; i++)
    {
      pb_store_refresh (store);
      if (done (store, data))
        return TRUE;
      g_usleep (10000);
    }
  return FALSE;
}

static gboolean
is_online (PbStore *store,
           gpointer data)
{
  return pb_store_get_online (store);
}

static gboolean
title_is (PbStore *store,
          gpointer data)
{
  return g_str_equal (pb_record_get_string (PB_RECORD (data), "title"), "数字政府建设行动方案（修订）");
}

static void
test_terminated (void)
{
  g_autofree char *library = pb_test_pg_library ();
  g_autofree char *admin = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(PbPlan) theirs = NULL;
  g_autoptr(GString) seen = g_string_new ("");
  gint64 plan_id, pid;

  if (library == NULL)
    return;
  admin = g_strdup (library);

  store = pb_store_open (library, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_get_online (store));
  g_signal_connect (store, "notify::online", G_CALLBACK (online_cb), seen);

  plan_id = pb_store_create_plan (store, "数字政府建设行动方案", 2024, 2026, &error);
  g_assert_no_error (error);
  plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  g_assert_true (pb_store_can_undo (store));

  /* The server ends the store's connection, and does not let it back in
   * for now (as a server that is restarting). */
  pid = backend_pid (store);
  sql = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS false;"
                         " SELECT pg_terminate_backend(%" G_GINT64_FORMAT ");",
                         strstr (library, "dbname=") + strlen ("dbname="), pid);
  {
    g_autofree char *postgres = g_strdup_printf ("%s dbname=postgres", g_getenv ("PLANBOARD_TEST_PG"));

    psql_ok (postgres, sql);
    g_free (sql);

    /* A write before the store has noticed fails, saying it was not saved. */
    g_assert_false (pb_store_set (store, plan, &error, "title", "数字政府建设行动方案（办公室改）", NULL));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE);
    g_assert_nonnull (strstr (error->message, "not saved"));
    g_clear_error (&error);
    g_assert_cmpstr (pb_plan_get_title (plan), ==, "数字政府建设行动方案");

    /* The window's timer: the store notices, goes offline and cannot get
     * back in yet. */
    pb_store_refresh (store);
    g_assert_false (pb_store_get_online (store));
    g_assert_cmpstr (seen->str, ==, "-");
    for (guint i = 0; i < 20; i++)
      {
        g_assert_false (pb_store_refresh (store));
        g_usleep (10000);
      }
    g_assert_false (pb_store_get_online (store));

    /* Writes meanwhile are refused at once, saying they were not saved. */
    g_assert_false (pb_store_set (store, plan, &error, "title", "数字政府建设行动方案（办公室改）", NULL));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE);
    g_assert_nonnull (strstr (error->message, "not saved"));
    g_clear_error (&error);

    /* Meanwhile another desk changes the plan. */
    sql = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS true",
                           strstr (library, "dbname=") + strlen ("dbname="));
    psql_ok (postgres, sql);
  }
  other = pb_store_open (library, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = pb_store_get_record (other, PB_TYPE_PLAN, plan_id);
  g_assert_true (pb_store_set (other, theirs, &error, "title", "数字政府建设行动方案（修订）", NULL));
  g_assert_no_error (error);

  /* The store comes back within a few refreshes, and shows the change
   * it did not hear of while it was away. */
  g_assert_true (refresh_until (store, is_online, NULL));
  g_assert_cmpstr (seen->str, ==, "-+");
  g_assert_true (refresh_until (store, title_is, plan));
  g_assert_cmpint (backend_pid (store), !=, pid);

  /* The undo history lived in the lost session. */
  g_assert_false (pb_store_can_undo (store));

  /* It listens again: the next change by the other desk arrives by its
   * notification. */
  g_assert_true (pb_store_set (other, theirs, &error, "title", "数字政府建设行动方案（第二次修订）", NULL));
  g_assert_no_error (error);
  {
    gboolean refreshed = FALSE;

    for (guint i = 0; i < 200 && !refreshed; i++)
      {
        refreshed = pb_store_refresh (store);
        if (!refreshed)
          g_usleep (10000);
      }
    g_assert_true (refreshed);
    g_assert_cmpstr (pb_plan_get_title (plan), ==, "数字政府建设行动方案（第二次修订）");
  }

  /* And it writes again, with its undo. */
  g_assert_true (pb_store_set (store, plan, &error, "title", "数字政府建设行动方案（办公室改）", NULL));
  g_assert_no_error (error);
  g_assert_true (pb_store_can_undo (store));
  sql = g_strdup_printf ("SELECT title FROM plan WHERE id = %" G_GINT64_FORMAT, plan_id);
  value = psql_value (admin, sql);
  g_assert_cmpstr (value, ==, "数字政府建设行动方案（办公室改）");
  g_assert_cmpstr (seen->str, ==, "-+");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg-reconnect/terminated", test_terminated);

  return g_test_run ();
}
