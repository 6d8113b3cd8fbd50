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

#include <sqlite3.h>

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
  sqlite3 *db = pb_store_get_db (f->store);
  Ticks t = { 0, 0 };
  gint64 id;

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD PB_TEST_ADD_LIBRARY
  ADD ("/writers/read/failure-mid-export", test_read_failure_mid_export);

  return g_test_run ();
}
