/* test-pg-server.c — the throwaway PostgreSQL server the tests use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/pg-server.sh (see tests/meson.build). Shows the
 * server is there, speaks UTF-8 and gives every test its own database.
 */
#include "config.h"

#include "pb-test-util.h"

static void
test_fresh_databases (void)
{
  g_autofree char *a = pb_test_pg_database ();
  g_autofree char *b = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!a)
    return;
  b = pb_test_pg_database ();
  g_assert_cmpstr (a, !=, b);

  out = pb_test_psql (&status, a,
                      "CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('市工业和信息化局');"
                      "SELECT name, length(name), current_setting('server_encoding') FROM t");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "市工业和信息化局|8|UTF8\n");

  /* The other database is empty: each test starts from nothing. */
  g_clear_pointer (&out, g_free);
  out = pb_test_psql (&status, b, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "0\n");

  /* A failing statement is reported as such. */
  g_clear_pointer (&out, g_free);
  out = pb_test_psql (&status, b, "SELECT * FROM missing");
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (out, "missing"));
}

/* The server listens on its own socket only: nothing on TCP. */
static void
test_socket_only (void)
{
  g_autofree char *db = pb_test_pg_database ();
  g_autofree char *out = NULL;
  int status;

  if (!db)
    return;
  out = pb_test_psql (&status, db, "SELECT current_setting('listen_addresses') = ''");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "t\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pg-server/fresh-databases", test_fresh_databases);
  g_test_add_func ("/pg-server/socket-only", test_socket_only);
  return g_test_run ();
}
