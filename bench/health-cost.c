/* health-cost.c — what the health cache costs to make at a start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: health-cost LIBRARY [RUNS]
 *
 * Opens LIBRARY (a library side-by-side.py made: plan 1) RUNS times (7),
 * each time in a fresh store: the CPU time of pb_store_count_plan_health ()
 * (the plan's items read as records and judged, what a window's start does
 * first), then of pb_store_dup_plan_items () (the board's read, the records
 * already made). Prints the median, min and max of each (docs/BENCHMARKS.md,
 * session 8).
 */
#include <stdlib.h>
#include <time.h>

#include "pb-health.h"
#include "pb-store.h"

static double
cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 2 ? atoi (argv[2]) : 7;
  g_autofree double *judged = NULL;
  g_autofree double *read = NULL;
  GDate today;

  if (argc < 2 || runs < 1 || runs > 1000)
    {
      g_printerr ("usage: health-cost LIBRARY [RUNS]\n");
      return 2;
    }
  judged = g_new0 (double, runs);
  read = g_new0 (double, runs);
  pb_date_today (&today);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = pb_store_open (argv[1], 0, &error);
      g_autoptr(GPtrArray) items = NULL;
      guint counts[PB_HEALTH_RED + 1] = { 0 };
      double t0, t1, t2;

      if (store == NULL)
        {
          g_printerr ("health-cost: %s\n", error->message);
          return 1;
        }
      t0 = cpu_ms ();
      pb_store_count_plan_health (store, 1, &today, counts);
      t1 = cpu_ms ();
      items = pb_store_dup_plan_items (store, 1);
      t2 = cpu_ms ();
      judged[i] = t1 - t0;
      read[i] = t2 - t1;
      if (i == 0)
        g_print ("%u items: %u without health, %u blue, %u yellow, %u red\n",
                 items->len, counts[PB_HEALTH_NONE], counts[PB_HEALTH_BLUE],
                 counts[PB_HEALTH_YELLOW], counts[PB_HEALTH_RED]);
    }
  qsort (judged, runs, sizeof (double), compare_doubles);
  qsort (read, runs, sizeof (double), compare_doubles);
  g_print ("health cache (items read and judged): median %.1f ms CPU (min %.1f, max %.1f)\n",
           judged[runs / 2], judged[0], judged[runs - 1]);
  g_print ("items read again (records kept): median %.1f ms CPU (min %.1f, max %.1f)\n",
           read[runs / 2], read[0], read[runs - 1]);
  return 0;
}
