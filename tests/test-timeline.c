/* test-timeline.c — the Gantt painter: geometry, hit testing, culling, pixels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "pb-health-style.h"
#include "pb-test-util.h"
#include "pb-timeline.h"

#define day pb_test_julian

/* A section; A (2022), B (2023-03 … 2023-06) after A; a milestone item M
 * (2024-06-30); targets on A at 2022-06-30 (2600个) and at its end (1万个). */
static PbTimeline *
fixture (guint32 today)
{
  PbTimeline *t = pb_timeline_new (day (2022, 1, 1), day (2024, 12, 31), today);

  pb_timeline_add_section (t, "(一) 建设高速泛在的信息基础设施");
  pb_timeline_add_item (t, 1, "1", "加快5G网络规模化部署", "市通信管理办公室",
                        day (2022, 1, 1), day (2022, 12, 31), 1.0, PB_HEALTH_BLUE, PB_ITEM_STATUS_DONE, FALSE);
  pb_timeline_add_item (t, 2, "2", "推进千兆光网建设", "市工业和信息化局",
                        day (2023, 3, 1), day (2023, 6, 30), 0.0, PB_HEALTH_RED, PB_ITEM_STATUS_NOT_STARTED, FALSE);
  pb_timeline_add_item (t, 3, "3", "算力平台建成", NULL,
                        day (2024, 6, 30), day (2024, 6, 30), 0.0, PB_HEALTH_BLUE, PB_ITEM_STATUS_NOT_STARTED, TRUE);
  pb_timeline_add_milestone (t, 1, day (2022, 6, 30), "2600个");
  pb_timeline_add_milestone (t, 1, day (2022, 12, 31), "1万个");
  pb_timeline_add_milestone (t, 99, day (2022, 6, 30), "no such item");
  pb_timeline_add_dependency (t, 1, 2, 0);
  pb_timeline_add_dependency (t, 1, 99, 0);
  return t;
}

static void
test_geometry (void)
{
  g_autoptr(PbTimeline) t = fixture (0);
  double last_px = 0;
  guint row;

  for (PbTimelineZoom zoom = PB_TIMELINE_ZOOM_YEAR; zoom <= PB_TIMELINE_ZOOM_WEEK; zoom++)
    {
      double px;

      pb_timeline_set_zoom (t, zoom);
      /* x 0 is 1 January of the plan's first year; a day is a fixed width,
       * wider at each closer zoom. */
      g_assert_cmpfloat (pb_timeline_x_for_day (t, day (2022, 1, 1)), ==, 0);
      px = pb_timeline_x_for_day (t, day (2022, 1, 2));
      g_assert_cmpfloat (px, >, last_px);
      last_px = px;
      g_assert_cmpfloat_with_epsilon (pb_timeline_x_for_day (t, day (2023, 1, 1)), 365 * px, 1e-6);
      /* x → day is its inverse, anywhere within the day. */
      for (guint32 d = day (2022, 1, 1); d < day (2025, 1, 1); d += 37)
        {
          g_assert_cmpuint (pb_timeline_day_for_x (t, pb_timeline_x_for_day (t, d)), ==, d);
          g_assert_cmpuint (pb_timeline_day_for_x (t, pb_timeline_x_for_day (t, d) + px * 0.9), ==, d);
        }
      /* The chart spans whole years: 2022 to 2024. */
      g_assert_cmpfloat_with_epsilon (pb_timeline_get_width (t), (day (2025, 1, 1) - day (2022, 1, 1)) * px, 1e-6);
    }

  /* Rows: the section, then the items in order. */
  g_assert_cmpuint (pb_timeline_get_n_rows (t), ==, 4);
  g_assert_true (pb_timeline_get_item_row (t, 1, &row));
  g_assert_cmpuint (row, ==, 1);
  g_assert_true (pb_timeline_get_item_row (t, 3, &row));
  g_assert_cmpuint (row, ==, 3);
  g_assert_false (pb_timeline_get_item_row (t, 99, NULL));
  g_assert_cmpfloat (pb_timeline_get_row_y (t, 1), ==, PB_TIMELINE_SECTION_HEIGHT);
  g_assert_cmpfloat (pb_timeline_get_row_y (t, 2), ==, PB_TIMELINE_SECTION_HEIGHT + PB_TIMELINE_ROW_HEIGHT);
  g_assert_cmpfloat (pb_timeline_get_height (t), ==, PB_TIMELINE_SECTION_HEIGHT + 3 * PB_TIMELINE_ROW_HEIGHT);
  g_assert_cmpuint (pb_timeline_row_at_y (t, 0), ==, 0);
  g_assert_cmpuint (pb_timeline_row_at_y (t, PB_TIMELINE_SECTION_HEIGHT - 0.5), ==, 0);
  g_assert_cmpuint (pb_timeline_row_at_y (t, PB_TIMELINE_SECTION_HEIGHT), ==, 1);
  g_assert_cmpuint (pb_timeline_row_at_y (t, 1e9), ==, 3);

  /* Snapping: to the nearest month's 1st at the year, quarter and month
   * zooms (plans date tasks by months; the month zoom's grid shows weeks,
   * but a Wednesday is no deadline), days at the week zoom. */
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 3, 14)), ==, day (2023, 3, 1));
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 3, 20)), ==, day (2023, 4, 1));
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_MONTH);
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 3, 15)), ==, day (2023, 3, 1));  /* a Wednesday */
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 3, 17)), ==, day (2023, 4, 1));  /* a Friday */
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 2, 15)), ==, day (2023, 2, 1));  /* a tie: the earlier */
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 12, 30)), ==, day (2024, 1, 1));
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_YEAR);
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 3, 17)), ==, day (2023, 4, 1));
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_WEEK);
  g_assert_cmpuint (pb_timeline_snap_day (t, day (2023, 3, 17)), ==, day (2023, 3, 17));
}

static void
test_hit_testing (void)
{
  g_autoptr(PbTimeline) t = fixture (0);
  PbTimelineHit hit;
  double row1, row2, x0, x1, fx, tx;

  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_MONTH);
  row1 = pb_timeline_get_row_y (t, 1) + PB_TIMELINE_ROW_HEIGHT / 2;
  row2 = pb_timeline_get_row_y (t, 2) + PB_TIMELINE_ROW_HEIGHT / 2;
  x0 = pb_timeline_x_for_day (t, day (2022, 1, 1));
  x1 = pb_timeline_x_for_day (t, day (2023, 1, 1));

  pb_timeline_hit_test (t, (x0 + x1) / 4, row1, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_BAR);
  g_assert_cmpint (hit.item_id, ==, 1);
  g_assert_cmpuint (hit.row, ==, 1);
  pb_timeline_hit_test (t, x0 + 2, row1, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_BAR_START);
  /* The end grip wins over the target drawn at the bar's end. */
  pb_timeline_hit_test (t, x1 - 2, row1, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_BAR_END);
  pb_timeline_hit_test (t, x1 + 6, row1, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_MILESTONE);

  /* The target's diamond sits at the end of its day, over the bar. */
  pb_timeline_hit_test (t, pb_timeline_x_for_day (t, day (2022, 7, 1)), row1 - 3, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_MILESTONE);
  g_assert_cmpint (hit.item_id, ==, 1);

  /* The arrow from A's end runs into B's start along B's row. */
  fx = x1;
  tx = pb_timeline_x_for_day (t, day (2023, 3, 1));
  pb_timeline_hit_test (t, (fx + 6 + tx) / 2, row2, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
  g_assert_cmpint (hit.item_id, ==, 2);
  g_assert_cmpint (hit.other_id, ==, 1);
  /* ...and down beside A's end. */
  pb_timeline_hit_test (t, fx + 6, (row1 + row2) / 2 + 4, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);

  /* With a lag of 30 days the path stays level for them before turning. */
  {
    g_autoptr(PbTimeline) lagged = pb_timeline_new (day (2022, 1, 1), day (2024, 12, 31), 0);
    double px;

    pb_timeline_add_section (lagged, "板块");
    pb_timeline_add_item (lagged, 1, "1", "甲", NULL, day (2022, 1, 1), day (2022, 12, 31), 0, PB_HEALTH_BLUE,
                          PB_ITEM_STATUS_IN_PROGRESS, FALSE);
    pb_timeline_add_item (lagged, 2, "2", "乙", NULL, day (2023, 6, 1), day (2023, 12, 31), 0, PB_HEALTH_BLUE,
                          PB_ITEM_STATUS_IN_PROGRESS, FALSE);
    pb_timeline_add_dependency (lagged, 1, 2, 30);
    pb_timeline_set_zoom (lagged, PB_TIMELINE_ZOOM_MONTH);
    px = pb_timeline_x_for_day (lagged, day (2022, 1, 2));
    /* Level along A's row through the lag... */
    pb_timeline_hit_test (lagged, x1 + 20 * px, row1, &hit);
    g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
    /* ...turning down only after it. */
    pb_timeline_hit_test (lagged, x1 + 30 * px + 6, (row1 + row2) / 2 + 4, &hit);
    g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
    pb_timeline_hit_test (lagged, x1 + 6, (row1 + row2) / 2 + 4, &hit);
    g_assert_cmpint (hit.kind, !=, PB_TIMELINE_HIT_DEPENDENCY);
  }

  /* Empty chart, the section band, and outside the rows. */
  pb_timeline_hit_test (t, pb_timeline_x_for_day (t, day (2024, 1, 1)), row2, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_NONE);
  g_assert_cmpint (hit.item_id, ==, 2);
  pb_timeline_hit_test (t, 10, 4, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_SECTION);
  pb_timeline_hit_test (t, 10, -1, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_NONE);
  pb_timeline_hit_test (t, 10, pb_timeline_get_height (t) + 1, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_NONE);
}

/* A frame paints the rows in the viewport and the arrows that meet them,
 * however large the plan. */
static void
test_culling (void)
{
  g_autoptr(PbTimeline) t = pb_timeline_new (day (2022, 1, 1), day (2024, 12, 31), day (2023, 6, 1));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  PbTimelinePaintStats stats;
  guint n = 20000, visible;

  for (guint i = 1; i <= n; i++)
    {
      guint32 start = day (2022, 1, 1) + (i * 37) % 900;

      if (i % 100 == 1)
        pb_timeline_add_section (t, "板块");
      pb_timeline_add_item (t, i, "1", "任务", "市发展改革委", start, start + 120, 0.5,
                            PB_HEALTH_YELLOW, PB_ITEM_STATUS_IN_PROGRESS, FALSE);
      pb_timeline_add_milestone (t, i, start + 60, "10个");
      if (i > 1)
        pb_timeline_add_dependency (t, i - 1, i, 0);
    }
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
  visible = (guint) ((1080 - PB_TIMELINE_HEADER_HEIGHT) / PB_TIMELINE_SECTION_HEIGHT) + 2;

  for (double y = 0; y < pb_timeline_get_height (t); y += pb_timeline_get_height (t) / 7)
    {
      pb_timeline_paint (t, cr, 0, y, 1920, 1080, FALSE, &stats);
      g_assert_cmpuint (stats.rows_painted, >, 20);
      g_assert_cmpuint (stats.rows_painted, <=, visible);
      g_assert_cmpuint (stats.milestones_painted, <=, stats.rows_painted);
      g_assert_cmpuint (stats.arrows_painted, <=, stats.rows_painted + 1);
      g_assert_cmpuint (stats.arrows_painted, >, 0);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              const PbRgb     *rgb,
              const char      *what)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 px = *(guint32 *) (data + (int) y * stride + (int) x * 4);
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

  if (ABS (r - rgb->red * 255) > 12 || ABS (g - rgb->green * 255) > 12 || ABS (b - rgb->blue * 255) > 12)
    g_error ("%s at (%.0f, %.0f): #%02x%02x%02x, not #%02x%02x%02x", what, x, y, r, g, b,
             (int) (rgb->red * 255), (int) (rgb->green * 255), (int) (rgb->blue * 255));
}

/* Pixels where the fixture's bars, milestone and today line must be. */
static void
test_render (void)
{
  g_autoptr(PbTimeline) t = fixture (day (2023, 1, 16));
  cairo_surface_t *surface;
  cairo_t *cr;
  double lw = 240, top = PB_TIMELINE_HEADER_HEIGHT;
  double row1, row2, row3;
  PbRgb blue, red, black = { 0.12, 0.12, 0.14 }, white = { 1, 1, 1 };
  g_autofree char *png = NULL;
  g_autofree char *dir = pb_test_make_dir ();

  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
  pb_timeline_set_label_width (t, lw);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (lw + pb_timeline_get_width (t)), 300);
  cr = cairo_create (surface);
  pb_timeline_paint (t, cr, 0, 0, cairo_image_surface_get_width (surface), 300, FALSE, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  png = g_build_filename (dir, "timeline.png", NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);

  pb_health_get_rgb (PB_HEALTH_BLUE, &blue);
  pb_health_get_rgb (PB_HEALTH_RED, &red);
  row1 = top + pb_timeline_get_row_y (t, 1) + PB_TIMELINE_ROW_HEIGHT / 2;
  row2 = top + pb_timeline_get_row_y (t, 2) + PB_TIMELINE_ROW_HEIGHT / 2;
  row3 = top + pb_timeline_get_row_y (t, 3) + PB_TIMELINE_ROW_HEIGHT / 2;

  /* A is done and on track: filled blue, away from its diamond. */
  assert_pixel (surface, lw + pb_timeline_x_for_day (t, day (2022, 3, 1)), row1, &blue, "A's bar");
  assert_pixel (surface, lw + pb_timeline_x_for_day (t, day (2022, 11, 1)), row1, &blue, "A's bar");
  /* Its target's diamond, dark over the bar. */
  assert_pixel (surface, lw + pb_timeline_x_for_day (t, day (2022, 7, 1)), row1, &black, "the 2600个 diamond");
  /* B has not started: its track, not red, at its middle; nothing after. */
  {
    PbRgb track = { 0.85, 0.85, 0.87 };

    assert_pixel (surface, lw + pb_timeline_x_for_day (t, day (2023, 5, 1)), row2, &track, "B's empty track");
    assert_pixel (surface, lw + pb_timeline_x_for_day (t, day (2023, 9, 1)), row2 - 12, &white, "after B");
  }
  /* The milestone item: a diamond in its health's colour. */
  assert_pixel (surface, lw + pb_timeline_x_for_day (t, day (2024, 7, 1)), row3, &blue, "the milestone");
  /* Today, 2023-01-16: the line, from the scale down through the rows. */
  {
    PbRgb today = { 0.88, 0.11, 0.14 };
    double x = lw + pb_timeline_x_for_day (t, day (2023, 1, 16)) - 0.5;

    assert_pixel (surface, x, top + 4, &today, "the today line");
    assert_pixel (surface, x, row3 + 10, &today, "the today line");
  }
  cairo_surface_destroy (surface);
  pb_test_remove_dir (dir);
}

/* Dark (text) pixels in a box of the image. */
static guint
count_dark (cairo_surface_t *surface,
            double           x0,
            double           x1,
            double           y0,
            double           y1)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface);
  guint n = 0;

  for (int y = MAX (0, (int) y0); y < (int) y1; y++)
    for (int x = MAX (0, (int) x0); x < MIN (w, (int) x1); x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + x * 4);

        if (((px >> 16) & 0xff) < 0x70 && ((px >> 8) & 0xff) < 0x70 && (px & 0xff) < 0x70)
          n++;
      }
  return n;
}

/* A target due on the chart's last day: its label goes left of the diamond,
 * whole, rather than past the right edge where it would be cut; one with
 * room keeps to the right. The same in a viewport scrolled to the end. */
static void
test_milestone_label_edge (void)
{
  g_autoptr(PbTimeline) t = fixture (day (2023, 1, 16));
  double lw = 240, top = PB_TIMELINE_HEADER_HEIGHT;

  pb_timeline_add_milestone (t, 3, day (2024, 12, 31), "累计建成1.2万个");
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
  pb_timeline_set_label_width (t, lw);
  for (int scrolled = 0; scrolled <= 1; scrolled++)
    {
      double chart_w = pb_timeline_get_width (t);
      double width = scrolled ? lw + 500 : lw + chart_w;
      double scroll_x = scrolled ? chart_w - 500 : 0;
      double mx = lw - scroll_x + pb_timeline_x_for_day (t, day (2025, 1, 1));
      double row3 = top + pb_timeline_get_row_y (t, 3);
      double row1 = top + pb_timeline_get_row_y (t, 1);
      double m1 = lw - scroll_x + pb_timeline_x_for_day (t, day (2022, 7, 1));
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, 300);
      cairo_t *cr = cairo_create (surface);

      pb_timeline_paint (t, cr, scroll_x, 0, width, 300, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (g_getenv ("PB_TEST_SHOT_DIR"))
        {
          g_autofree char *name = g_strdup_printf ("milestone-edge-%d.png", scrolled);
          g_autofree char *path = g_build_filename (g_getenv ("PB_TEST_SHOT_DIR"), name, NULL);
          cairo_surface_write_to_png (surface, path);
        }
      /* The diamond is at the very edge; its label, some 90 px of text,
       * is left of it, none of it beyond. */
      g_assert_cmpfloat (mx, <=, width + 0.5);
      g_assert_cmpuint (count_dark (surface, mx - 130, mx - 8, row3 + 2, row3 + PB_TIMELINE_ROW_HEIGHT - 2), >, 40);
      g_assert_cmpuint (count_dark (surface, mx + 8, width, row3, row3 + PB_TIMELINE_ROW_HEIGHT), ==, 0);
      /* 2600个, far from the edge, stays right of its diamond. */
      if (!scrolled)
        g_assert_cmpuint (count_dark (surface, m1 + 8, m1 + 60, row1 + 2, row1 + PB_TIMELINE_ROW_HEIGHT - 2), >, 20);
      cairo_surface_destroy (surface);
    }
}

/* A target due on its bar's last day (累计建成1.2万个 on B, due
 * 2023-06-30): in a view that ends 150 px after the bar its label is
 * whole, right of the diamond; in one that ends 60 px after it, too
 * little for the label, it is left out (the diamond's tooltip names it),
 * never moved left over the bar's end, which would seem to end a label's
 * width early and put a plate where the pointer grips the bar to resize
 * it (finding 13), nor cut to a figure that reads as another number. The
 * picture of the whole chart is wide enough for such labels whole. */
static void
test_milestone_label_bar_end (void)
{
  g_autoptr(PbTimeline) t = fixture (day (2023, 1, 16));
  double lw = 240, top = PB_TIMELINE_HEADER_HEIGHT;
  double row2, x1;

  pb_timeline_add_milestone (t, 2, day (2023, 6, 30), "累计建成1.2万个");
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
  pb_timeline_set_label_width (t, lw);
  row2 = top + pb_timeline_get_row_y (t, 2);
  x1 = pb_timeline_x_for_day (t, day (2023, 7, 1));
  for (int after = 60; after <= 150; after += 90)
    {
      double width = lw + 500, scroll_x = x1 + after - 500;
      double mx = lw - scroll_x + x1;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, 300);
      cairo_t *cr = cairo_create (surface);
      PbTimelineHit hit;

      pb_timeline_paint (t, cr, scroll_x, 0, width, 300, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (g_getenv ("PB_TEST_SHOT_DIR"))
        {
          g_autofree char *name = g_strdup_printf ("milestone-bar-end-%d.png", after);
          g_autofree char *path = g_build_filename (g_getenv ("PB_TEST_SHOT_DIR"), name, NULL);
          cairo_surface_write_to_png (surface, path);
        }
      g_assert_cmpfloat (mx, ==, width - after);
      /* Over the bar's last 150 px: no text. */
      g_assert_cmpuint (count_dark (surface, mx - 150, mx - 8, row2 + 2, row2 + PB_TIMELINE_ROW_HEIGHT - 2), ==, 0);
      /* After the diamond: the label where it fits whole, else nothing. */
      if (after == 150)
        g_assert_cmpuint (count_dark (surface, mx + 8, width, row2 + 2, row2 + PB_TIMELINE_ROW_HEIGHT - 2), >, 60);
      else
        g_assert_cmpuint (count_dark (surface, mx + 8, width, row2 + 2, row2 + PB_TIMELINE_ROW_HEIGHT - 2), ==, 0);
      cairo_surface_destroy (surface);

      /* Where the bar is seen to end, left of the diamond, it is gripped
       * to resize it. */
      pb_timeline_hit_test (t, x1 - 8, row2 - top + PB_TIMELINE_ROW_HEIGHT / 2, &hit);
      g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_BAR_END);
      g_assert_cmpint (hit.item_id, ==, 2);
    }

  /* The picture: room after the last day for a label due on it. */
  g_assert_cmpfloat (pb_timeline_get_natural_width (t), >=,
                     lw + pb_timeline_get_width (t) + PB_TIMELINE_END_ROOM);
}

/* Scrolled so that a target's diamond is just left of the chart, its
 * label is drawn whole from the chart's left edge, not cut at its start;
 * once the label would lie wholly left of the edge it is gone. */
static void
test_milestone_label_sticky (void)
{
  g_autoptr(PbTimeline) t = fixture (day (2023, 1, 16));
  double lw = 240, top = PB_TIMELINE_HEADER_HEIGHT, width = lw + 500;
  double row1, m1;
  guint whole = 0;

  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);
  pb_timeline_set_label_width (t, lw);
  row1 = top + pb_timeline_get_row_y (t, 1);
  m1 = pb_timeline_x_for_day (t, day (2022, 7, 1));   /* 2600个's diamond, in the chart */
  for (int step = 0; step < 3; step++)
    {
      /* 0: the diamond 100 px into the chart; 1: 20 px left of it; 2: 90 px left. */
      double at = step == 0 ? lw + 100 : step == 1 ? lw - 20 : lw - 90;
      double scroll_x = m1 - (at - lw);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, 300);
      cairo_t *cr = cairo_create (surface);
      guint n;

      g_assert_cmpfloat (scroll_x, >, 0);
      pb_timeline_paint (t, cr, scroll_x, 0, width, 300, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (g_getenv ("PB_TEST_SHOT_DIR"))
        {
          g_autofree char *name = g_strdup_printf ("milestone-sticky-%d.png", step);
          g_autofree char *path = g_build_filename (g_getenv ("PB_TEST_SHOT_DIR"), name, NULL);
          cairo_surface_write_to_png (surface, path);
        }
      if (step == 0)
        {
          /* The whole label, right of its diamond. */
          whole = count_dark (surface, at + 8, at + 110, row1 + 2, row1 + PB_TIMELINE_ROW_HEIGHT - 2);
          g_assert_cmpuint (whole, >, 20);
        }
      else
        {
          n = count_dark (surface, lw, lw + 110, row1 + 2, row1 + PB_TIMELINE_ROW_HEIGHT - 2);
          if (step == 1)
            /* As much text as the whole label (glyphs land on whole
             * pixels both times; allow for the diamond's 3 px). */
            g_assert_cmpuint (n, >=, whole - whole / 20);
          else
            g_assert_cmpuint (n, ==, 0);
        }
      cairo_surface_destroy (surface);
    }
}

/* The printed chart shows a section's heading without the screen's ▾/▸
 * that folds it: where the triangle is drawn on screen, paper shows the
 * heading's background. */
static void
test_formal_headings (void)
{
  for (int formal = 0; formal <= 1; formal++)
    {
      g_autoptr(PbTimeline) t = fixture (day (2023, 1, 16));
      cairo_surface_t *surface;
      cairo_t *cr;
      double cy;
      guchar *data;
      int stride;
      guint32 glyph, beside;

      pb_timeline_set_formal (t, formal);
      pb_timeline_set_label_width (t, 240);
      pb_timeline_layout (t);
      cy = PB_TIMELINE_HEADER_HEIGHT + pb_timeline_get_row_y (t, 0) + PB_TIMELINE_SECTION_HEIGHT / 2;
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 200);
      cr = cairo_create (surface);
      pb_timeline_paint (t, cr, 0, 0, 600, 200, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      glyph = *(guint32 *) (data + (int) (cy - 1) * stride + 12 * 4) & 0xffffff;
      beside = *(guint32 *) (data + (int) cy * stride + 3 * 4) & 0xffffff;
      if (formal)
        g_assert_cmphex (glyph, ==, beside);   /* no triangle */
      else
        g_assert_cmphex (glyph, !=, beside);   /* the screen's triangle */
      cairo_surface_destroy (surface);
    }
}

static void
capture_changed (PbStore    *store,
                 const char *table,
                 GArray    **changed)
{
  if (g_str_equal (table, "item"))
    {
      g_clear_pointer (changed, g_array_unref);
      *changed = pb_store_dup_changed_ids (store, "item");
    }
}

/* The same pixels from two charts. */
static gboolean
same_paint (PbTimeline *a,
            PbTimeline *b)
{
  cairo_surface_t *sa = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 500);
  cairo_surface_t *sb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 500);
  cairo_t *cr;
  gboolean same;

  cr = cairo_create (sa);
  pb_timeline_paint (a, cr, 0, 0, 900, 500, FALSE, NULL);
  cairo_destroy (cr);
  cr = cairo_create (sb);
  pb_timeline_paint (b, cr, 0, 0, 900, 500, FALSE, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (sa);
  cairo_surface_flush (sb);
  same = memcmp (cairo_image_surface_get_data (sa), cairo_image_surface_get_data (sb),
                 (gsize) cairo_image_surface_get_stride (sa) * 500) == 0;
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  return same;
}

/* An edit of an item updates its row (and everyone's health) in place: the
 * chart then paints as one made afresh; a move to another section is
 * refused, for the caller to make the chart again. */
static void
test_update_from_store (PbTestLibrary *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id = pb_store_add_example_plan (f->store, &error);
  g_autoptr(GListModel) items = pb_store_list_items (f->store, plan_id);
  g_autoptr(GPtrArray) all = pb_store_dup_records (f->store, PB_TYPE_ITEM, "plan_id", plan_id);
  g_autoptr(PbItem) item = g_list_model_get_item (items, 4);
  g_autoptr(PbItem) elsewhere = NULL;
  g_autoptr(PbTimeline) t = NULL;
  g_autoptr(GArray) changed = NULL;
  guint32 today = day (2026, 3, 1), start, due;

  g_assert_no_error (error);
  t = pb_timeline_new_from_store (f->store, plan_id, today, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (capture_changed), &changed);
  /* Painted once, so that its labels are kept shaped. */
  {
    g_autoptr(PbTimeline) first = pb_timeline_new_from_store (f->store, plan_id, today, NULL, &error);
    g_assert_true (same_paint (t, first));
  }

  g_assert_true (pb_store_set (f->store, item, &error, "title", "推进千兆光网“双千兆”城市建设(修订)",
                               "start_date", "2025-04-01", "due_date", "2026-02-28",
                               "status", PB_ITEM_STATUS_BLOCKED, NULL));
  g_assert_no_error (error);
  g_assert_nonnull (changed);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_true (pb_timeline_update_from_store (t, f->store, plan_id, today, NULL, changed, all));
  g_assert_true (pb_timeline_get_item_dates (t, pb_record_get_id (PB_RECORD (item)), &start, &due));
  g_assert_cmpuint (start, ==, day (2025, 4, 1));
  g_assert_cmpuint (due, ==, day (2026, 2, 28));
  {
    g_autoptr(PbTimeline) fresh = pb_timeline_new_from_store (f->store, plan_id, today, NULL, &error);

    g_assert_cmpuint (pb_timeline_get_n_rows (t), ==, pb_timeline_get_n_rows (fresh));
    g_assert_true (same_paint (t, fresh));
  }

  /* Outside a change, the store tells no rows. */
  g_assert_null (pb_store_dup_changed_ids (f->store, "item"));

  /* Another section: the rows move. */
  for (guint i = 0; i < g_list_model_get_n_items (items) && elsewhere == NULL; i++)
    {
      g_autoptr(PbItem) other = g_list_model_get_item (items, i);
      if (pb_item_get_section_id (other) != pb_item_get_section_id (item))
        elsewhere = g_steal_pointer (&other);
    }
  g_assert_nonnull (elsewhere);
  g_assert_true (pb_store_set (f->store, item, &error, "section_id", pb_item_get_section_id (elsewhere), NULL));
  g_assert_false (pb_timeline_update_from_store (t, f->store, plan_id, today, NULL, changed, all));

  g_signal_handlers_disconnect_by_func (f->store, capture_changed, &changed);
}

/* planboard-cli timeline: PNG, SVG and PDF without a display. */
static void
test_cli (void)
{
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  const char *formats[] = { "png", "svg", "pdf" };
  const char *cli = g_getenv ("PLANBOARD_CLI");
  int status;

  g_assert_nonnull (cli);
  {
    const char *argv[] = { cli, "--db", db, "example", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_strdup_printf ("%s/chart.%s", dir, formats[i]);
      const char *argv[] = { cli, "--db", db, "timeline", "1", "-o", out, "--zoom", "year",
                             "--width", "1200", "--today", "2026-06-30", NULL };
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autofree char *err = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, (char *[]) { "DISPLAY=", "WAYLAND_DISPLAY=", NULL },
                                   G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL));
      g_assert_cmpstr (err, ==, "");
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      if (i == 0)
        {
          g_autoptr(GError) error = NULL;
          cairo_surface_t *s = cairo_image_surface_create_from_png (out);

          g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1200);
          /* Every row: the header and 19 items in 4 sections. */
          g_assert_cmpint (cairo_image_surface_get_height (s), >, 48 + 19 * 32);
          cairo_surface_destroy (s);
        }
      else if (i == 1)
        g_assert_nonnull (strstr (contents, "<svg"));
      else
        g_assert_true (g_str_has_prefix (contents, "%PDF"));
    }

  /* With no --width: the whole plan, every heading (一、总体要求 holds only
   * sub-sections, (一) 指导思想 nothing) and every year to 2027 Q4, as
   * printed: no screen-only ⋯ menus or folding triangles. */
  {
    g_autofree char *png = g_strdup_printf ("%s/whole.png", dir);
    g_autofree char *pdf = g_strdup_printf ("%s/whole.pdf", dir);
    g_autofree char *text = NULL;
    const char *png_argv[] = { cli, "--db", db, "timeline", "1", "-o", png, "--today", "2026-06-30", NULL };
    const char *pdf_argv[] = { cli, "--db", db, "timeline", "1", "-o", pdf, "--today", "2026-06-30", NULL };
    const char *wanted[] = { "一、总体要求", "(一) 指导思想", "(二) 主要目标", "三、保障措施", "(三) 保障用地和用能",
                             "2025 Q1", "2027 Q4", "12,000个", NULL };
    cairo_surface_t *s;
    guchar *data;
    int stride;
    double cy = PB_TIMELINE_HEADER_HEIGHT + PB_TIMELINE_SECTION_HEIGHT / 2;

    g_assert_true (g_spawn_sync (NULL, (char **) png_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_assert_true (g_spawn_sync (NULL, (char **) pdf_argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    text = pb_test_run_ok ("pdftotext", "-layout", pdf, "-", NULL);
    for (guint w = 0; wanted[w]; w++)
      if (strstr (text, wanted[w]) == NULL)
        g_error ("the exported timeline lacks “%s”:\n%s", wanted[w], text);

    s = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
    /* Three years at the quarter zoom, beside the label column. */
    g_assert_cmpint (cairo_image_surface_get_width (s), >, 260 + 3 * 365 * 2);
    /* Every row of the example: 8 headings and 19 items. */
    g_assert_cmpint (cairo_image_surface_get_height (s), >=,
                     PB_TIMELINE_HEADER_HEIGHT + 8 * PB_TIMELINE_SECTION_HEIGHT + 19 * PB_TIMELINE_ROW_HEIGHT);
    /* The first heading's row: where the screen draws ⋯ and ▾, the
     * heading's plain background. */
    data = cairo_image_surface_get_data (s);
    stride = cairo_image_surface_get_stride (s);
    {
      guint32 plain = *(guint32 *) (data + (int) cy * stride + 226 * 4) & 0xffffff;

      for (int x = 236; x < 256; x++)
        g_assert_cmphex (*(guint32 *) (data + (int) cy * stride + x * 4) & 0xffffff, ==, plain);
      for (int x = 4; x < 20; x++)
        g_assert_cmphex (*(guint32 *) (data + (int) (cy - 2) * stride + x * 4) & 0xffffff, ==, plain);
    }
    cairo_surface_destroy (s);
  }

  /* A bad name or plan: a clear message and a failing status. */
  {
    g_autofree char *out = g_strdup_printf ("%s/chart.bmp", dir);
    const char *argv[] = { cli, "--db", db, "timeline", "1", "-o", out, NULL };
    g_autofree char *err = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    g_assert_nonnull (strstr (err, ".png, .svg or .pdf"));
  }
  {
    g_autofree char *out = g_strdup_printf ("%s/chart.png", dir);
    const char *argv[] = { cli, "--db", db, "timeline", "42", "-o", out, NULL };
    g_autofree char *err = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, NULL));
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
    g_assert_nonnull (strstr (err, "42"));
  }
  pb_test_remove_dir (dir);
}

/* Paints @t (1000×@height at @lw) onto a new image surface. */
static cairo_surface_t *
paint_image (PbTimeline           *t,
             double                lw,
             double                scroll_x,
             int                   height,
             PbTimelinePaintStats *stats)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, height);
  cairo_t *cr = cairo_create (surface);

  pb_timeline_set_label_width (t, lw);
  pb_timeline_paint (t, cr, scroll_x, 0, 1000, height, FALSE, stats);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* On raster targets most labels are laid out from glyphs shaped once per
 * character, not shaped each time their rows come into view: the chart
 * must look exactly as when Pango shapes every label (ellipsized titles,
 * CJK and full-width punctuation, digits, a lead without text), and the
 * labels the shortcut cannot take (Latin words, which Pango kerns; a
 * combining mark) still come from Pango. */
static void
test_labels_from_glyphs (void)
{
  const char *titles[] = {
    "加快5G网络规模化部署，推进千兆光网“双千兆”城市建设（第一阶段）",
    "算力平台建成",
    "推进IPv6规模部署和应用",
    "建设城市信息模型(CIM)平台",
    "完善数据要素市场：交易额达到100亿元；覆盖率95%",
    "e\xcc\x81tude de faisabilite\xcc\x81",
    "健全「一网通办」政务服务体系・第二期",
  };
  const char *leads[] = { "市通信管理办公室", "", "市发展和改革委员会（市数据局）", "Planboard公司", "市财政局", "市教育局", "市人力资源和社会保障局" };
  const char *marks[] = { "2600个", "1万个", "≥95%", "100亿元", "完成", "TBD", "第2期" };
  PbTimeline *t[2];
  PbTimelinePaintStats stats[2];

  for (int k = 0; k < 2; k++)
    {
      t[k] = pb_timeline_new (day (2022, 1, 1), day (2024, 12, 31), day (2023, 6, 1));
      pb_timeline_add_section (t[k], "（一）建设高速泛在、集约高效的新型信息基础设施体系");
      for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
        {
          g_autofree char *number = g_strdup_printf ("%u", i + 1);

          if (i == 4)
            pb_timeline_add_section (t[k], "(二) Smart City 智慧城市");
          pb_timeline_add_item (t[k], i + 1, i == 1 ? "" : number, titles[i], leads[i][0] ? leads[i] : NULL,
                                day (2022, 3, 1) + i * 40, day (2023, 1, 1) + i * 30, 0.3, (PbHealth) (1 + i % 3),
                                PB_ITEM_STATUS_IN_PROGRESS, FALSE);
          pb_timeline_add_milestone (t[k], i + 1, day (2022, 5, 1) + i * 50, marks[i]);
        }
      pb_timeline_set_zoom (t[k], PB_TIMELINE_ZOOM_QUARTER);
      pb_timeline_set_shape_all (t[k], k == 1);
    }

  for (int pass = 0; pass < 3; pass++)
    {
      /* Two label widths (the ellipsis falls elsewhere), then scrolled. */
      double lw = pass == 1 ? 180 : 300, scroll_x = pass == 2 ? 120 : 0;
      cairo_surface_t *a = paint_image (t[0], lw, scroll_x, 400, &stats[0]);
      cairo_surface_t *b = paint_image (t[1], lw, scroll_x, 400, &stats[1]);

      if (g_getenv ("PB_TEST_SHOT_DIR"))
        {
          g_autofree char *name = g_strdup_printf ("labels-from-glyphs-%d.png", pass);
          g_autofree char *path = g_build_filename (g_getenv ("PB_TEST_SHOT_DIR"), name, NULL);
          g_autofree char *name_b = g_strdup_printf ("labels-shaped-%d.png", pass);
          g_autofree char *path_b = g_build_filename (g_getenv ("PB_TEST_SHOT_DIR"), name_b, NULL);

          cairo_surface_write_to_png (a, path);
          cairo_surface_write_to_png (b, path_b);
        }
      g_assert_cmpint (cairo_image_surface_get_stride (a), ==, cairo_image_surface_get_stride (b));
      g_assert_true (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                             (gsize) cairo_image_surface_get_stride (a) * 400) == 0);
      /* Pango shapes every label of the second chart, the first chart's
       * only those the shortcut cannot take (and none again while their
       * rows stay in view). */
      g_assert_cmpuint (stats[1].labels_from_glyphs, ==, 0);
      g_assert_cmpuint (stats[0].labels_from_glyphs, >=, 15);
      if (pass == 0)
        {
          g_assert_cmpuint (stats[1].labels_shaped, >=, 20);
          g_assert_cmpuint (stats[0].labels_shaped, >=, 3);
          g_assert_cmpuint (stats[0].labels_shaped, <=, 6);
        }
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
  pb_timeline_free (t[0]);
  pb_timeline_free (t[1]);
}

/* A plan whose tasks start on its first day, at the very left of the
 * chart: 甲 (row 1) → 乙 (row 2, all of 2024), and 丁 (row 4) → 丙 (row 3,
 * three days), the predecessor below. */
static PbTimeline *
left_edge_chart (gboolean with_deps)
{
  PbTimeline *t = pb_timeline_new (day (2024, 1, 1), day (2026, 12, 31), 0);

  pb_timeline_add_section (t, "(一) 加快数字基础设施建设");
  pb_timeline_add_item (t, 1, "1", "编制算力设施布局规划", "市发展改革委", day (2024, 3, 1), day (2024, 8, 31), 0.5,
                        PB_HEALTH_BLUE, PB_ITEM_STATUS_IN_PROGRESS, FALSE);
  pb_timeline_add_item (t, 2, "2", "加快5G网络规模化部署", "市通信管理办公室", day (2024, 1, 1), day (2024, 12, 31), 0.3,
                        PB_HEALTH_YELLOW, PB_ITEM_STATUS_IN_PROGRESS, FALSE);
  pb_timeline_add_item (t, 3, "3", "启动千兆光网试点", "市工业和信息化局", day (2024, 1, 1), day (2024, 1, 3), 0,
                        PB_HEALTH_BLUE, PB_ITEM_STATUS_NOT_STARTED, FALSE);
  pb_timeline_add_item (t, 4, "4", "制定试点方案", "市工业和信息化局", day (2024, 2, 1), day (2024, 5, 31), 0,
                        PB_HEALTH_BLUE, PB_ITEM_STATUS_NOT_STARTED, FALSE);
  if (with_deps)
    {
      pb_timeline_add_dependency (t, 1, 2, 0);
      pb_timeline_add_dependency (t, 4, 3, 0);
    }
  pb_timeline_set_label_width (t, 200);
  return t;
}

/* An arrow into a bar that starts on the chart's first day reaches the
 * bar: its head lands on the bar, and nothing of it lies left of the
 * chart (where the label column hides it), at every zoom (#14). */
static void
test_arrow_left_edge (void)
{
  g_autoptr(PbTimeline) t = left_edge_chart (TRUE);
  g_autoptr(PbTimeline) bare = left_edge_chart (FALSE);
  static const gint64 deps[][2] = { { 1, 2 }, { 4, 3 } };
  const double width = 1280, height = 400;

  for (PbTimelineZoom zoom = PB_TIMELINE_ZOOM_YEAR; zoom <= PB_TIMELINE_ZOOM_WEEK; zoom++)
    {
      cairo_surface_t *with = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_surface_t *without = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_t *cr;

      pb_timeline_set_zoom (t, zoom);
      pb_timeline_set_zoom (bare, zoom);
      cr = cairo_create (with);
      pb_timeline_paint (t, cr, 0, 0, width, height, FALSE, NULL);
      cairo_destroy (cr);
      cr = cairo_create (without);
      pb_timeline_paint (bare, cr, 0, 0, width, height, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (with);
      cairo_surface_flush (without);

      for (guint k = 0; k < G_N_ELEMENTS (deps); k++)
        {
          double pt[12], x0, x1, y0, y1, tx, ty, dx, dy, len, hx, hy;
          guint32 start, due;
          guint row, n;
          int px, py;
          const guint32 *a, *b;

          g_test_message ("zoom %d, %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT, zoom, deps[k][0], deps[k][1]);
          n = pb_timeline_get_dependency_path (t, deps[k][0], deps[k][1], pt);
          g_assert_cmpuint (n, >=, 2);
          g_assert_true (pb_timeline_get_item_row (t, deps[k][1], &row));
          g_assert_true (pb_timeline_get_item_dates (t, deps[k][1], &start, &due));
          g_assert_cmpuint (start, ==, day (2024, 1, 1));
          x0 = pb_timeline_x_for_day (t, start);
          g_assert_cmpfloat (x0, ==, 0);
          x1 = pb_timeline_x_for_day (t, due + 1);
          y0 = pb_timeline_get_row_y (t, row) + 8;
          y1 = pb_timeline_get_row_y (t, row) + PB_TIMELINE_ROW_HEIGHT - 8;

          /* Nothing left of the chart's first day. */
          for (guint i = 0; i < n; i++)
            g_assert_cmpfloat (pt[2 * i], >=, 0);
          /* The head's tip is on the bar (its edge counts). */
          tx = pt[2 * n - 2];
          ty = pt[2 * n - 1];
          g_assert_cmpfloat (tx, >=, x0);
          g_assert_cmpfloat (tx, <=, x1);
          g_assert_cmpfloat (ty, >=, y0);
          g_assert_cmpfloat (ty, <=, y1);
          /* ...at the bar's start: within its first 6 px. */
          g_assert_cmpfloat (tx - x0, <=, 6);
          /* It comes from outside the bar, along a leg long enough for the
           * head (6 px), whose base stays right of the chart's left edge. */
          dx = tx - pt[2 * n - 4];
          dy = ty - pt[2 * n - 3];
          len = hypot (dx, dy);
          g_assert_cmpfloat (len, >=, 6);
          g_assert_false (pt[2 * n - 4] > x0 && pt[2 * n - 4] < x1 &&
                          pt[2 * n - 3] > y0 && pt[2 * n - 3] < y1);
          dx /= len;
          dy /= len;
          g_assert_cmpfloat (tx - 6 * dx - 4 * fabs (dy), >=, 0);

          /* And it is drawn: the head's middle (3 px back from the tip)
           * differs from the same chart without the dependencies. */
          hx = 200 + tx - 3 * dx;
          hy = PB_TIMELINE_HEADER_HEIGHT + ty - 3 * dy;
          px = (int) floor (hx);
          py = (int) floor (hy);
          a = (const guint32 *) (cairo_image_surface_get_data (with) + py * cairo_image_surface_get_stride (with)) + px;
          b = (const guint32 *) (cairo_image_surface_get_data (without) + py * cairo_image_surface_get_stride (without)) + px;
          g_assert_cmphex (*a & 0xffffff, !=, *b & 0xffffff);
        }
      cairo_surface_destroy (with);
      cairo_surface_destroy (without);
    }
}

/* The leftmost pixel of a row's label column that is not its background
 * (the background read at x = 1). */
static int
leftmost_ink (cairo_surface_t *surface,
              double           y0,
              double           height,
              int              lw)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int best = G_MAXINT;

  for (int y = (int) ceil (y0) + 2; y < (int) (y0 + height) - 2; y++)
    {
      const guint32 *line = (const guint32 *) (data + y * stride);

      for (int x = 2; x < lw - 60 && x < best; x++)
        if ((line[x] & 0xffffff) != (line[1] & 0xffffff))
          best = x;
    }
  return best;
}

/* Sections nested in the store are indented by depth in the label column,
 * their items with them, on screen and on paper alike. */
static void
test_nested_sections (PbTestLibrary *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id = pb_store_create_plan (f->store, "数字经济发展行动方案", 2025, 2027, &error);
  gint64 sections[3], items[3];
  gint64 parent = 0;
  /* Numbers that start with the same glyph, for the ink to compare. */
  const char *numbers[3] = { "（一）", "（二）", "（三）" };
  const char *titles[3] = { "建设高速泛在的信息基础设施", "加快5G网络规模化部署", "推进千兆光网建设" };

  g_assert_no_error (error);
  for (guint d = 0; d < 3; d++)
    {
      sections[d] = pb_store_add_section (f->store, plan_id, parent, numbers[d], titles[d], &error);
      g_assert_no_error (error);
      items[d] = pb_store_add_item (f->store, plan_id, sections[d], PB_ITEM_KIND_TASK, "1", "算力平台建成", &error);
      g_assert_no_error (error);
      parent = sections[d];
    }

  for (int formal = 0; formal <= 1; formal++)
    {
      g_autoptr(PbTimeline) t = pb_timeline_new_from_store_full (f->store, plan_id, day (2026, 3, 1), NULL, !formal,
                                                                  &error);
      guint section_rows[3], item_rows[3];
      int section_ink[3], item_ink[3];
      cairo_surface_t *surface;
      cairo_t *cr;

      g_assert_no_error (error);
      pb_timeline_set_formal (t, formal);
      pb_timeline_set_label_width (t, 300);
      pb_timeline_layout (t);
      for (guint d = 0; d < 3; d++)
        {
          g_assert_true (pb_timeline_get_item_row (t, items[d], &item_rows[d]));
          g_assert_cmpuint (item_rows[d], >, 0);
          section_rows[d] = item_rows[d] - 1;
          g_assert_cmpint (pb_timeline_get_row_item (t, section_rows[d]), ==, 0);
        }

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 400);
      cr = cairo_create (surface);
      pb_timeline_paint (t, cr, 0, 0, 800, 400, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (g_getenv ("PB_TEST_SAVE"))
        cairo_surface_write_to_png (surface, formal ? "/tmp/w5-nested-1.png" : "/tmp/w5-nested-0.png");
      for (guint d = 0; d < 3; d++)
        {
          double sy = PB_TIMELINE_HEADER_HEIGHT + pb_timeline_get_row_y (t, section_rows[d]);
          double iy = PB_TIMELINE_HEADER_HEIGHT + pb_timeline_get_row_y (t, item_rows[d]);

          section_ink[d] = leftmost_ink (surface, sy, PB_TIMELINE_SECTION_HEIGHT, 300);
          item_ink[d] = leftmost_ink (surface, iy, PB_TIMELINE_ROW_HEIGHT, 300);
          g_test_message ("formal %d depth %u: section ink %d item ink %d", formal, d, section_ink[d], item_ink[d]);
          g_assert_cmpint (section_ink[d], <, 300);
          g_assert_cmpint (item_ink[d], <, 300);
          if (d == 0)
            continue;
          /* Deeper is further right, a step a level, in the geometry and
           * in the pixels painted. */
          g_assert_cmpfloat (pb_timeline_get_row_label_x (t, section_rows[d]), >=,
                             pb_timeline_get_row_label_x (t, section_rows[d - 1]) + 12);
          g_assert_cmpfloat (pb_timeline_get_row_label_x (t, item_rows[d]), >=,
                             pb_timeline_get_row_label_x (t, item_rows[d - 1]) + 12);
          g_assert_cmpint (section_ink[d], >=, section_ink[d - 1] + 12);
          g_assert_cmpint (item_ink[d], >=, item_ink[d - 1] + 12);
        }
      /* An item's label sits under its own section's, not its parent's. */
      g_assert_cmpfloat (pb_timeline_get_row_label_x (t, item_rows[1]), >, pb_timeline_get_row_label_x (t, section_rows[0]));
      cairo_surface_destroy (surface);
    }
}

/* A click a few pixels beside a dependency's line chooses it: along every
 * leg, where it crosses another section's header, and on its head beside
 * the successor's start (the grip is the bar's own edge). Beyond the
 * reach it is empty space. The chosen one is drawn thick in the
 * selection's colour. */
static void
test_dependency_reach (void)
{
  g_autoptr(PbTimeline) t = pb_timeline_new (day (2022, 1, 1), day (2024, 12, 31), 0);
  PbTimelineHit hit;
  double pt[12], ux, uy, len;
  guint n, row;

  pb_timeline_add_section_full (t, 10, "(一) 基础设施", FALSE);
  pb_timeline_add_item (t, 1, "1", "加快5G网络规模化部署", NULL, day (2022, 1, 1), day (2022, 12, 31), 0,
                        PB_HEALTH_BLUE, PB_ITEM_STATUS_IN_PROGRESS, FALSE);
  pb_timeline_add_section_full (t, 20, "(二) 数字应用", FALSE);
  pb_timeline_add_item (t, 2, "2", "建设城市物联感知体系", NULL, day (2023, 6, 1), day (2024, 6, 30), 0,
                        PB_HEALTH_BLUE, PB_ITEM_STATUS_IN_PROGRESS, FALSE);
  pb_timeline_add_dependency (t, 1, 2, 0);
  pb_timeline_set_zoom (t, PB_TIMELINE_ZOOM_QUARTER);

  n = pb_timeline_get_dependency_path (t, 1, 2, pt);
  g_assert_cmpuint (n, ==, 4);
  /* Its legs, 2 px either side of each, at every other pixel. */
  for (guint s = 0; s + 1 < n; s++)
    {
      len = hypot (pt[2 * s + 2] - pt[2 * s], pt[2 * s + 3] - pt[2 * s + 1]);
      ux = (pt[2 * s + 2] - pt[2 * s]) / len;
      uy = (pt[2 * s + 3] - pt[2 * s + 1]) / len;
      for (double u = 1; u < len - 1; u += 2)
        for (int side = -1; side <= 1; side += 2)
          {
            double x = pt[2 * s] + ux * u - side * 2 * uy, y = pt[2 * s + 1] + uy * u + side * 2 * ux;

            pb_timeline_hit_test (t, x, y, &hit);
            if (hit.kind != PB_TIMELINE_HIT_DEPENDENCY)
              g_test_message ("leg %u at %.0f, side %d: kind %d", s, u, side, hit.kind);
            g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
            g_assert_cmpint (hit.other_id, ==, 1);
            g_assert_cmpint (hit.item_id, ==, 2);
          }
    }

  /* Where the down leg crosses section (二)'s header. */
  g_assert_true (pb_timeline_get_item_row (t, 2, &row));
  pb_timeline_hit_test (t, pt[2] + 2, pb_timeline_get_row_y (t, row - 1) + PB_TIMELINE_SECTION_HEIGHT / 2, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
  /* ...the header itself, away from it. */
  pb_timeline_hit_test (t, pt[2] + 40, pb_timeline_get_row_y (t, row - 1) + PB_TIMELINE_SECTION_HEIGHT / 2, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_SECTION);
  g_assert_cmpint (hit.other_id, ==, 20);
  /* Labels have no arrows. */
  pb_timeline_hit_test (t, -1e6, pt[3], &hit);
  g_assert_cmpint (hit.kind, !=, PB_TIMELINE_HIT_DEPENDENCY);

  /* The head, just left of B's start, 2 px above the line: the arrow;
   * just inside the bar, its grip. */
  pb_timeline_hit_test (t, pt[6] - 3, pt[7] - 2, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
  pb_timeline_hit_test (t, pt[6] + 2, pt[7] - 2, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_BAR_START);
  g_assert_cmpint (hit.item_id, ==, 2);

  /* Within the reach, and beyond it: B's row, left of the down leg. */
  pb_timeline_hit_test (t, pt[4] - PB_TIMELINE_DEPENDENCY_REACH + 0.5, pt[5] - 10, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_DEPENDENCY);
  pb_timeline_hit_test (t, pt[4] - PB_TIMELINE_DEPENDENCY_REACH - 2, pt[5] - 10, &hit);
  g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_NONE);
  g_assert_cmpint (hit.item_id, ==, 2);

  /* Chosen, it is drawn in the selection's blue, thick: on its level leg
   * into B, and 1.5 px beside its middle; not chosen, a thin grey line. */
  for (int chosen = 0; chosen <= 1; chosen++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1600, 300);
      cairo_t *cr = cairo_create (surface);
      int x = (int) ((pt[4] + pt[6]) / 2) + 300, y = (int) (pt[7] + PB_TIMELINE_HEADER_HEIGHT);

      g_assert_cmpint (x, <, 1600);
      pb_timeline_set_label_width (t, 300);
      pb_timeline_set_selected_dependency (t, chosen ? 1 : 0, chosen ? 2 : 0);
      pb_timeline_paint (t, cr, 0, 0, 1600, 300, FALSE, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      for (int dy = -2; dy <= 0; dy += 2)
        {
          const guint32 *px = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                                 (y + dy) * cairo_image_surface_get_stride (surface)) + x;
          guint r = (*px >> 16) & 0xff, g = (*px >> 8) & 0xff, b = *px & 0xff;

          g_test_message ("chosen %d, %d px: %u %u %u", chosen, dy, r, g, b);
          if (chosen)
            g_assert_cmpuint (b, >, r + 60);
          else if (dy == 0)
            g_assert_true (b < 200 && b < r + 20);
        }
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/geometry", test_geometry);
  g_test_add_func ("/timeline/hit-testing", test_hit_testing);
  g_test_add_func ("/timeline/culling", test_culling);
  g_test_add_func ("/timeline/arrow-left-edge", test_arrow_left_edge);
  g_test_add_func ("/timeline/dependency-reach", test_dependency_reach);
  g_test_add_func ("/timeline/render", test_render);
  g_test_add_func ("/timeline/milestone-label-edge", test_milestone_label_edge);
  g_test_add_func ("/timeline/milestone-label-sticky", test_milestone_label_sticky);
  g_test_add_func ("/timeline/milestone-label-bar-end", test_milestone_label_bar_end);
  g_test_add_func ("/timeline/formal-headings", test_formal_headings);
  g_test_add_func ("/timeline/labels-from-glyphs", test_labels_from_glyphs);
  g_test_add_func ("/timeline/cli", test_cli);
  PB_TEST_ADD_LIBRARY ("/timeline/update-from-store", test_update_from_store);
  PB_TEST_ADD_LIBRARY ("/timeline/nested-sections", test_nested_sections);

  return g_test_run ();
}
