/* report-size.c — how long the full report of a large plan takes, and how big it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   report-size [ITEMS] [RUNS]
 *
 * Makes a plan of ITEMS (default 1,000) items — each with a lead, a
 * responsible organisation, an indicator with a target and a stretch
 * target, in one section — in a library in a temporary folder, then writes
 * its full report (every part, A4 landscape, timeline fitted) RUNS times
 * (default 5). Prints the time to read the store, to paginate and to write
 * the PDF, the median of the total, the pages and the file size.
 * Targets (issue #7): ≤ 2 s and ≤ 3 MB for 1,000 items.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "pb-report.h"
#include "pb-test-util.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  guint n_items = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = pb_store_open (db, PB_STORE_OPEN_CREATE, &error);
  g_autofree double *totals = g_new (double, runs);
  PbReportOptions options;
  gint64 plan;
  GStatBuf st;
  guint pages = 0;

  g_assert_no_error (error);
  plan = pb_test_add_big_plan (store, "新型基础设施建设三年行动方案(测试)", n_items, &error);
  g_assert_no_error (error);

  pb_report_options_init (&options);
  g_print ("%u items, full report, A4 landscape, timeline fitted\n", n_items);
  g_print ("%-4s %10s %12s %10s %10s\n", "run", "read ms", "paginate ms", "write ms", "total ms");
  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3;
      g_autoptr(PbReport) report = pb_report_new (store, plan, &options, &error);

      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      pages = pb_report_paginate (report);
      t2 = g_get_monotonic_time ();
      g_assert_true (pb_report_write_pdf (report, pdf, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      t3 = g_get_monotonic_time ();
      totals[r] = (t3 - t0) / 1000.0;
      g_print ("%-4u %10.0f %12.0f %10.0f %10.0f\n", r + 1, (t1 - t0) / 1000.0, (t2 - t1) / 1000.0,
               (t3 - t2) / 1000.0, totals[r]);
    }
  qsort (totals, runs, sizeof (double), compare_doubles);
  g_stat (pdf, &st);
  g_print ("median %.0f ms; %u pages; %.2f MB (%ld bytes)\n", totals[runs / 2], pages,
           st.st_size / 1048576.0, (long) st.st_size);

  pb_test_remove_dir (dir);
  return 0;
}
