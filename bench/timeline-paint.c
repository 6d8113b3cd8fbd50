/* timeline-paint.c — how long a timeline frame and a layout take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   timeline-paint [FRAMES] [ITEMS]
 *
 * Lays out plans of 1,000, 10,000 and 100,000 items (sections of 50, a
 * target milestone on every item, a dependency on every other one), then
 * paints FRAMES (default 300) 1920×1080 frames of each at scattered scroll
 * positions onto a Cairo image surface. Prints the layout time, the median
 * and p95 per frame, and the 100k/1k ratio of the medians. Then it scrolls
 * each plan as a person does, three rows a frame from a random place
 * (FRAMES frames), where a frame repaints mostly the rows of the last
 * one. Each figure is wall time and this thread's CPU time (the machine is
 * shared: CPU time is what the painter costs, whatever else runs).
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "pb-timeline.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Separate functions, so that callgrind --toggle-collect counts each kind
 * of frame on its own (repeatable where wall time is not). */
static G_GNUC_NO_INLINE void
paint_scattered_frame (PbTimeline *t, cairo_t *cr, double sx, double sy, PbTimelinePaintStats *stats)
{
  pb_timeline_paint (t, cr, sx, sy, 1920, 1080, FALSE, stats);
  cairo_surface_flush (cairo_get_target (cr));
}

static G_GNUC_NO_INLINE void
paint_scroll_frame (PbTimeline *t, cairo_t *cr, double sx, double sy)
{
  pb_timeline_paint (t, cr, sx, sy, 1920, 1080, FALSE, NULL);
  cairo_surface_flush (cairo_get_target (cr));
}

static guint32
day (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

int
main (int   argc,
      char *argv[])
{
  guint sizes[] = { 1000, 10000, 100000 };
  guint frames = argc > 1 ? (guint) atoi (argv[1]) : 300;
  double medians[3] = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (42);

  g_print ("%-8s %10s %10s %10s %10s %10s %10s %6s\n", "items", "layout ms", "median ms", "p95 ms",
           "CPU med", "scroll med", "scroll CPU", "rows");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = sizes[s];

      if (argc > 2 && (guint) atoi (argv[2]) != n)
        continue;
      PbTimeline *t = pb_timeline_new (day (2022, 1, 1), day (2024, 12, 31), day (2023, 6, 1));
      g_autofree double *times = g_new (double, frames);
      g_autofree double *cpu = g_new (double, frames);
      g_autofree double *scroll = g_new (double, frames);
      g_autofree double *scroll_cpu = g_new (double, frames);
      PbTimelinePaintStats stats = { 0 };
      gint64 begin;
      double layout_ms, height, width;

      for (guint i = 1; i <= n; i++)
        {
          guint32 start = day (2022, 1, 1) + (i * 37) % 900;
          g_autofree char *number = g_strdup_printf ("%u", i);

          if (i % 50 == 1)
            pb_timeline_add_section (t, "(一) 建设高速泛在的信息基础设施");
          pb_timeline_add_item (t, i, number, "加快5G网络规模化部署,推进千兆光网建设", "市通信管理办公室",
                                start, start + 30 + (i * 13) % 400, (i % 10) / 10.0,
                                (PbHealth) (1 + i % 3), PB_ITEM_STATUS_IN_PROGRESS, FALSE);
          pb_timeline_add_milestone (t, i, start + 20, "2600个");
          if (i % 2 == 0)
            pb_timeline_add_dependency (t, i - 1, i, 0);
        }
      pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
      begin = g_get_monotonic_time ();
      pb_timeline_layout (t);
      layout_ms = (g_get_monotonic_time () - begin) / 1000.0;
      height = pb_timeline_get_height (t);
      width = pb_timeline_get_width (t);

      /* One frame to warm the font caches. */
      pb_timeline_paint (t, cr, 0, 0, 1920, 1080, FALSE, NULL);
      for (guint f = 0; f < frames; f++)
        {
          double sx = g_rand_double_range (rand, 0, MAX (width - 1600, 1));
          double sy = g_rand_double_range (rand, 0, MAX (height - 1000, 1));

          double c0 = cpu_ms ();

          begin = g_get_monotonic_time ();
          paint_scattered_frame (t, cr, sx, sy, &stats);
          times[f] = (g_get_monotonic_time () - begin) / 1000.0;
          cpu[f] = cpu_ms () - c0;
        }
      /* Scrolling: three rows a frame, from a random place. */
      {
        double sx = g_rand_double_range (rand, 0, MAX (width - 1600, 1));
        double sy = g_rand_double_range (rand, 0, MAX (height - 1000 - frames * 96.0, 1));

        for (guint f = 0; f < frames; f++)
          {
            double c0 = cpu_ms ();

            begin = g_get_monotonic_time ();
            paint_scroll_frame (t, cr, sx, sy + f * 96.0);
            scroll[f] = (g_get_monotonic_time () - begin) / 1000.0;
            scroll_cpu[f] = cpu_ms () - c0;
          }
      }
      qsort (times, frames, sizeof (double), compare_doubles);
      qsort (cpu, frames, sizeof (double), compare_doubles);
      qsort (scroll, frames, sizeof (double), compare_doubles);
      qsort (scroll_cpu, frames, sizeof (double), compare_doubles);
      medians[s] = times[frames / 2];
      g_print ("%-8u %10.2f %10.3f %10.3f %10.3f %10.3f %10.3f %6u\n", n, layout_ms, times[frames / 2],
               times[(guint) (frames * 0.95)], cpu[frames / 2], scroll[frames / 2], scroll_cpu[frames / 2],
               stats.rows_painted);
      pb_timeline_free (t);
    }
  g_print ("ratio 100k/1k of the medians: %.2f\n", medians[2] / medians[0]);

  g_rand_free (rand);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
