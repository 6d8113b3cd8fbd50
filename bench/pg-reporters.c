/* pg-reporters.c — many reporters recording actuals into one shared library at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tests/pg-server.sh build/bench/pg-reporters [--reporters 20] [--actuals 200] [--via store|libpq|owner]
 *
 * On the server in $PLANBOARD_TEST_PG (tests/pg-server.sh starts a
 * throwaway one) it makes a database, runs library init, adds a plan of
 * one task per reporter (each led by its own organisation, with one
 * indicator) and one reporter login per organisation, then starts one
 * process per reporter. At the same moment each records its actuals, one
 * at a time, each in its own transaction, as its own login, on its own
 * task's indicator: through Planboard's store (--via store, the default:
 * what the window and `planboard-cli actual add` do) or as bare INSERTs
 * (--via libpq, the server's own cost under the same rules; --via owner,
 * the same as the library's owner, whom the rules do not hold). Then it
 * checks that every actual is in the library exactly once and prints the
 * time taken, the rate, and each actual's latency (median, 95th
 * percentile, worst).
 *
 * --window (needs a display: xvfb-run -a): meanwhile this process shows
 * the plan's board in a window, on the shared library as the office,
 * and prints how late a 10 ms main-loop timer ran while the reporters
 * wrote (the window's responsiveness), the frames painted, and how long
 * after the last reporter finished the window's own lists held all the
 * actuals (changes by others arriving through LISTEN/NOTIFY).
 */
#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>

#include "pb-board-view.h"
#include "pb-pg-schema.h"
#include "pb-store.h"
#include "pb-store-private.h"

static int n_reporters = 20;
static int n_actuals = 200;
static const char *via = "store";
static gboolean window_mode;

/* The window's side: main-loop lateness and frames while the reporters run. */
static GArray *lateness;
static gint64 last_tick;
static double worst_late;
static gint64 start; /* real time µs the reporters start at */
static gint64 spawned = G_MAXINT64; /* real time µs all the reporters were started */
static guint frames_total;
static gint64 worst_at; /* real time µs */
static guint frames;
static guint running;
static gint64 end;
static GArray *latencies;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  double late = (now - last_tick) / 1000.0 - 10.0;

  /* From the first tick after the reporters start, and after this
   * process started them all (spawning 20 processes on a loaded machine
   * can take longer than the 3 s they wait: the main loop waits on it,
   * which is the bench's doing, not the window's). */
  if (running > 0 && g_get_real_time () - (now - last_tick) >= MAX (start, spawned))
    {
      g_array_append_val (lateness, late);
      if (late > worst_late)
        {
          worst_late = late;
          worst_at = g_get_real_time ();
        }
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* As PbWindow does (REFRESH_MSEC in pb-window.c): once a second the store
 * takes in what other connections committed (the NOTIFYs that arrived,
 * pb_store_refresh_arrived ()) and updates its live records and lists. */
static GArray *refreshes;
static GArray *refresh_statements;
static GArray *refresh_cpu;

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
static GArray *refresh_rows;

static gboolean
refresh_cb (gpointer data)
{
  gint64 t0 = g_get_monotonic_time ();
  double cpu0 = thread_cpu_ms (), cpu;
  guint64 statements0, rows0, statements1, rows1;
  double ms;

  pb_db_get_counts (pb_store_get_conn (data), &statements0, &rows0);
  pb_store_refresh_arrived (data);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  cpu = thread_cpu_ms () - cpu0;
  pb_db_get_counts (pb_store_get_conn (data), &statements1, &rows1);
  if (running > 0 && g_get_real_time () >= start)
    {
      double statements = statements1 - statements0, rows = rows1 - rows0;

      g_array_append_val (refreshes, ms);
      g_array_append_val (refresh_cpu, cpu);
      g_array_append_val (refresh_statements, statements);
      g_array_append_val (refresh_rows, rows);
      if (g_getenv ("PB_BENCH_VERBOSE"))
        g_print ("refresh: %.1f ms (%.1f ms of CPU), %.0f statements, %.0f rows\n", ms, cpu, statements, rows);
    }
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  frames_total++;
  if (running > 0 && g_get_real_time () >= start)
    frames++;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
must (PGconn     *conn,
      const char *sql)
{
  PGresult *r = PQexec (conn, sql);

  if (PQresultStatus (r) != PGRES_COMMAND_OK && PQresultStatus (r) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (r));
  PQclear (r);
}

static gint64
scalar (PGconn     *conn,
        const char *sql)
{
  PGresult *r = PQexec (conn, sql);
  gint64 v;

  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (r));
  v = g_ascii_strtoll (PQgetvalue (r, 0, 0), NULL, 10);
  PQclear (r);
  return v;
}

/* One reporter: waits for @at (real time, µs), records, prints its
 * latencies in ms, one per line, after a line "END <real time µs>". */
static int
child (const char *conninfo,
       int         index,
       gint64      at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *source = g_strdup_printf ("reporter-%02d", index);
  PGconn *conn = NULL;
  gint64 indicator = index + 1;

  if (g_str_equal (via, "store"))
    {
      store = pb_store_open (conninfo, PB_STORE_OPEN_DEFAULT, &error);
      if (store == NULL)
        g_error ("reporter %d: %s", index, error->message);
    }
  else if (!(conn = pb_pg_connect (conninfo, &error)))
    g_error ("reporter %d: %s", index, error->message);

  latencies = g_array_new (FALSE, FALSE, sizeof (double));
  while (g_get_real_time () < at)
    g_usleep (1000);

  for (int n = 0; n < n_actuals; n++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02d-%02d", 1 + n % 12, 1 + n % 28);
      g_autofree char *note = g_strdup_printf ("%d", n);
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      if (store)
        {
          if (pb_store_record_actual (store, indicator, date, 100 + n, note, source, &error) == 0)
            g_error ("reporter %d, actual %d: %s", index, n, error->message);
        }
      else
        {
          g_autofree char *ind = g_strdup_printf ("%" G_GINT64_FORMAT, indicator);
          g_autofree char *value = g_strdup_printf ("%d", 100 + n);
          const char *params[] = { ind, date, value, note, source };
          PGresult *r = PQexecParams (conn,
                                      "INSERT INTO actual (indicator_id, date, value, note, source)"
                                      " VALUES ($1, $2, $3, $4, $5)", 5, NULL, params, NULL, NULL, 0);

          if (PQresultStatus (r) != PGRES_COMMAND_OK)
            g_error ("reporter %d, actual %d: %s", index, n, PQresultErrorMessage (r));
          PQclear (r);
        }
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (latencies, ms);
    }

  g_print ("END %" G_GINT64_FORMAT "\n", g_get_real_time ());
  for (guint i = 0; i < latencies->len; i++)
    g_print ("%.3f\n", g_array_index (latencies, double, i));
  if (conn)
    PQfinish (conn);
  return 0;
}

static void
reporter_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, NULL, &error))
    g_error ("%s", error->message);
  if (!g_subprocess_get_successful (G_SUBPROCESS (source)))
    g_error ("a reporter failed");
  lines = g_strsplit (out, "\n", -1);
  for (guint l = 0; lines[l] && lines[l][0]; l++)
    {
      if (g_str_has_prefix (lines[l], "END "))
        end = MAX (end, g_ascii_strtoll (lines[l] + 4, NULL, 10));
      else
        {
          double ms = g_ascii_strtod (lines[l], NULL);
          g_array_append_val (latencies, ms);
        }
    }
  running--;
}

/* The actuals the window's store holds in its live lists. */
static guint
window_actuals (GPtrArray *lists)
{
  guint n = 0;

  for (guint i = 0; i < lists->len; i++)
    n += g_list_model_get_n_items (lists->pdata[i]);
  return n;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) procs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PbStore) window_store = NULL;
  g_autoptr(GPtrArray) window_lists = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *window = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *dbname = NULL;
  g_autofree char *admin_info = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *server = g_getenv ("PLANBOARD_TEST_PG");
  int child_index = -1;
  PGconn *admin, *postgres;
  double seconds;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--reporters") && i + 1 < argc)
        n_reporters = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--actuals") && i + 1 < argc)
        n_actuals = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--via") && i + 1 < argc)
        via = argv[++i];
      else if (g_str_equal (argv[i], "--window"))
        window_mode = TRUE;
      else if (g_str_equal (argv[i], "--child") && i + 3 < argc)
        {
          child_index = atoi (argv[i + 2]);
          return child (argv[i + 1], child_index, g_ascii_strtoll (argv[i + 3], NULL, 10));
        }
      else
        {
          g_printerr ("usage: tests/pg-server.sh %s [--reporters N] [--actuals N] [--via store|libpq|owner] [--window]\n", argv[0]);
          return 2;
        }
    }
  latencies = g_array_new (FALSE, FALSE, sizeof (double));
  lateness = g_array_new (FALSE, FALSE, sizeof (double));
  refreshes = g_array_new (FALSE, FALSE, sizeof (double));
  refresh_statements = g_array_new (FALSE, FALSE, sizeof (double));
  refresh_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  refresh_rows = g_array_new (FALSE, FALSE, sizeof (double));
  if (server == NULL)
    {
      g_printerr ("no server: run under tests/pg-server.sh (PLANBOARD_TEST_PG)\n");
      return 2;
    }

  /* The library: a plan of one task per reporter, each with its own lead
   * organisation and indicator. */
  dbname = g_strdup_printf ("bench_%d", (int) getpid ());
  {
    g_autofree char *pg_info = g_strdup_printf ("%s dbname=postgres", server);
    g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", dbname);

    if (!(postgres = pb_pg_connect (pg_info, &error)))
      g_error ("%s", error->message);
    must (postgres, create);
  }
  admin_info = g_strdup_printf ("%s dbname=%s", server, dbname);
  if (!(admin = pb_pg_connect (admin_info, &error)) || !pb_pg_library_init (admin, &error))
    g_error ("%s", error->message);

  g_string_append (sql, "INSERT INTO plan (title, period_start, period_end)"
                        " VALUES ('云澜市新型基础设施建设三年行动方案', 2025, 2027);");
  for (int i = 0; i < n_reporters; i++)
    g_string_append_printf (sql,
                            "INSERT INTO item (plan_id, kind, number, title, position)"
                            " VALUES (1, 'task', '%d', '任务%d', %d);"
                            "INSERT INTO organisation (plan_id, name) VALUES (1, '市第%d局');"
                            "INSERT INTO item_org (item_id, organisation_id, role) VALUES (%d, %d, 'lead');"
                            "INSERT INTO indicator (plan_id, name, measure_unit, position) VALUES (1, '指标%d', '个', %d);"
                            "INSERT INTO item_indicator (item_id, indicator_id) VALUES (%d, %d);",
                            i + 1, i + 1, i, i + 1, i + 1, i + 1, i + 1, i, i + 1, i + 1);
  must (admin, sql->str);
  for (int i = 0; i < n_reporters; i++)
    {
      g_autofree char *login = g_strdup_printf ("%s_r%02d", dbname, i);
      g_autofree char *org = g_strdup_printf ("市第%d局", i + 1);

      if (!pb_pg_member_add (admin, login, "reporter", org, NULL, &error))
        g_error ("%s", error->message);
    }

  /* The office's window on the plan, open before the reporters start. */
  if (window_mode)
    {
      g_autoptr(PbPlan) plan = NULL;
      GdkFrameClock *clock;

      adw_init ();
      g_object_set (gtk_settings_get_default (), "gtk-font-name", "Noto Sans CJK SC 11", NULL);
      window_store = pb_store_open (admin_info, PB_STORE_OPEN_DEFAULT, &error);
      if (window_store == NULL)
        g_error ("the window's store: %s", error->message);
      for (int i = 0; i < n_reporters; i++)
        g_ptr_array_add (window_lists, pb_store_list_actuals (window_store, i + 1));
      plan = pb_store_get_record (window_store, PB_TYPE_PLAN, 1);
      window = gtk_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_set_child (GTK_WINDOW (window), pb_board_view_new (window_store));
      pb_board_view_set_plan (PB_BOARD_VIEW (gtk_window_get_child (GTK_WINDOW (window))), plan);
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (window))
        g_main_context_iteration (NULL, TRUE);
      clock = gtk_widget_get_frame_clock (window);
      g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
      /* The board shown and settled (its columns built, its fonts
       * loaded) before the reporters start: what is measured is the
       * window while they write, not its first frames. */
      while (frames_total < 3)
        g_main_context_iteration (NULL, TRUE);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      last_tick = g_get_monotonic_time ();
      g_timeout_add (10, tick_cb, NULL);
      g_timeout_add (1000, refresh_cb, window_store);
    }

  /* The reporters, all starting at the same moment once connected. */
  start = g_get_real_time () + 3 * G_USEC_PER_SEC;
  for (int i = 0; i < n_reporters; i++)
    {
      /* --via owner: the same INSERTs as the library's owner, whom row
       * security does not hold: what the rules cost. */
      g_autofree char *info = g_str_equal (via, "owner")
        ? g_strdup (admin_info)
        : g_strdup_printf ("%s user=%s_r%02d", admin_info, dbname, i);
      g_autofree char *index = g_strdup_printf ("%d", i);
      g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, start);
      g_autofree char *count = g_strdup_printf ("%d", n_actuals);
      GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                         self, "--via", via, "--actuals", count,
                                         "--child", info, index, at, NULL);
      if (p == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (procs, p);
    }
  running = procs->len;
  spawned = g_get_real_time ();
  for (guint i = 0; i < procs->len; i++)
    g_subprocess_communicate_utf8_async (procs->pdata[i], NULL, NULL, reporter_done_cb, NULL);
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);
  seconds = (end - start) / (double) G_USEC_PER_SEC;

  if (window_mode)
    {
      gint64 deadline = g_get_real_time () + 30 * G_USEC_PER_SEC;
      double caught_up;
      guint seen;

      /* Keep the window running until its own lists hold every actual. */
      while ((seen = window_actuals (window_lists)) < (guint) (n_reporters * n_actuals) &&
             g_get_real_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      caught_up = (g_get_real_time () - end) / 1000.0;
      g_array_sort (lateness, compare_double);
      g_print ("window: a 10 ms main-loop timer late by median %.1f ms, p99 %.1f ms;"
               " longest main-loop stall %.1f ms (over %u ticks); %u frames painted while the reporters wrote\n",
               g_array_index (lateness, double, lateness->len / 2),
               g_array_index (lateness, double, (guint) (lateness->len * 0.99)),
               g_array_index (lateness, double, lateness->len - 1), lateness->len, frames);
      g_array_sort (refreshes, compare_double);
      if (refreshes->len > 0)
        g_print ("window: %u refreshes (pb_store_refresh_arrived) took median %.1f ms, worst %.1f ms\n",
                 refreshes->len, g_array_index (refreshes, double, refreshes->len / 2),
                 g_array_index (refreshes, double, refreshes->len - 1));
      g_array_sort (refresh_cpu, compare_double);
      if (refresh_cpu->len > 0)
        g_print ("window: the main thread's CPU time in a refresh: median %.1f ms, worst %.1f ms\n",
                 g_array_index (refresh_cpu, double, refresh_cpu->len / 2),
                 g_array_index (refresh_cpu, double, refresh_cpu->len - 1));
      g_array_sort (refresh_statements, compare_double);
      g_array_sort (refresh_rows, compare_double);
      if (refresh_statements->len > 0)
        g_print ("window: a refresh ran median %.0f statements (worst %.0f) reading median %.0f rows (worst %.0f)\n",
                 g_array_index (refresh_statements, double, refresh_statements->len / 2),
                 g_array_index (refresh_statements, double, refresh_statements->len - 1),
                 g_array_index (refresh_rows, double, refresh_rows->len / 2),
                 g_array_index (refresh_rows, double, refresh_rows->len - 1));
      g_print ("window: the worst stall ended %.1f s after the reporters started\n",
               (worst_at - start) / (double) G_USEC_PER_SEC);
      g_print ("window: its lists held %u of %d actuals %.0f ms after the last reporter finished\n",
               seen, n_reporters * n_actuals, caught_up);
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_pointer (&window_lists, g_ptr_array_unref);
      g_clear_object (&window_store);
    }

  /* Every actual exactly once: each reporter's n = 0 … N-1, on its own
   * indicator, no more, no less. */
  {
    gint64 total = scalar (admin, "SELECT count(*) FROM actual");
    g_autofree char *q = g_strdup_printf (
      "SELECT count(*) FROM (SELECT source, note FROM actual GROUP BY source, note HAVING count(*) = 1) s"
      " WHERE note::int BETWEEN 0 AND %d", n_actuals - 1);
    gint64 once = scalar (admin, q);
    gint64 misplaced = scalar (admin, "SELECT count(*) FROM actual"
                                      " WHERE indicator_id <> substr(source, 10)::int + 1");

    g_array_sort (latencies, compare_double);
    g_print ("%d reporters x %d actuals via %s: %" G_GINT64_FORMAT " recorded, %" G_GINT64_FORMAT
             " exactly once, %" G_GINT64_FORMAT " on another's indicator\n",
             n_reporters, n_actuals, via, total, once, misplaced);
    g_print ("time %.2f s, %.0f actuals/s; latency per actual: median %.1f ms, p95 %.1f ms, max %.1f ms\n",
             seconds, total / seconds,
             g_array_index (latencies, double, latencies->len / 2),
             g_array_index (latencies, double, (guint) (latencies->len * 0.95)),
             g_array_index (latencies, double, latencies->len - 1));
    if (total != (gint64) n_reporters * n_actuals || once != total || misplaced != 0)
      {
        g_printerr ("FAILED: not every actual recorded exactly once\n");
        return 1;
      }
  }

  PQfinish (admin);
  {
    g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", dbname);
    must (postgres, drop);
  }
  PQfinish (postgres);
  return 0;
}
