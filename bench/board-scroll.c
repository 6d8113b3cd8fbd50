/* board-scroll.c — does a plan of thousands of items stay smooth?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (needs a display): xvfb-run -a bench/board-scroll [N_ITEMS] [STEPS] [FRAMES] [REGROUPS]
 *
 * Makes a plan of N_ITEMS items in a temporary library, opens it on a board
 * in a 1280×800 window, and prints:
 *   open   time from setting the plan to the first painted frame;
 *   after  the frames painted in the 200 ms after it, and their CPU time
 *          (cards styled a frame late were laid out and painted again);
 *   scroll median and 95th percentile time from moving a column's scroll
 *          position to the next painted frame, over STEPS random positions;
 *   smooth the same, scrolling the columns 120 px a frame for FRAMES frames
 *          (120 unless given; more to profile the scrolling alone);
 *   regroup time to regroup the board by status and paint; then
 *          REGROUPS cycles (1 unless given) of lead → section → status,
 *          each to its painted frame.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pb-board-view.h"
#include "pb-store.h"
#include "pb-ui-util.h"

static gboolean painted;
static guint n_painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
  n_painted++;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* CPU time of this process, ms: what our code costs, whatever the display
 * server's pacing of frames. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double last_cpu;

static double
wait_for_frame (gint64 start)
{
  double cpu = cpu_ms ();

  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  last_cpu = cpu_ms () - cpu;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static gint64
make_plan (PbStore *store,
           guint    n)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "planboard-plan/1");
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, "大型方案");
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, 2024);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, 2027);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint s = 0; s < 8; s++)
    {
      g_autofree char *sid = g_strdup_printf ("s%u", s);
      g_autofree char *title = g_strdup_printf ("第%u板块:推进新型基础设施建设", s + 1);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, sid);
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, "");
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sid = g_strdup_printf ("s%u", i % 8);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *title = g_strdup_printf ("第%u项:加快5G网络规模化部署和千兆光网建设", i + 1);
      g_autofree char *lead = g_strdup_printf ("市第%u局", i % 40);
      static const char *status[] = { "not-started", "in-progress", "done", "blocked" };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "section");
      json_builder_add_string_value (b, sid);
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, number);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, title);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status[i % 4]);
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, "2024-01-01");
      json_builder_set_member_name (b, "due");
      json_builder_add_string_value (b, "2027-12-31");
      json_builder_set_member_name (b, "lead_units");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, lead);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "responsible_units");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "各区县政府");
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  id = pb_store_import_plan_json (store, root, &error);
  g_assert_no_error (error);
  return id;
}

static GtkScrolledWindow *nth_column_scroller (GtkWidget *root, guint *n);

/* The columns in view have widgets; the others are made when scrolled to. */
static guint
n_column_scrollers (GtkWidget *root)
{
  guint n = G_MAXUINT;

  nth_column_scroller (root, &n);
  return G_MAXUINT - n;
}

static GtkScrolledWindow *
nth_column_scroller (GtkWidget *root,
                     guint     *n)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkScrolledWindow *found;

      GtkWidget *child = GTK_IS_SCROLLED_WINDOW (c) ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (c)) : NULL;

      /* A column's own scroller, with its cards (the board's sideways one
       * holds the columns; a column out of view has no cards yet). */
      if (child && gtk_widget_has_css_class (child, "board-list") &&
          gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_grid_view_get_model (GTK_GRID_VIEW (child)))) != NULL)
        {
          if ((*n)-- == 0)
            return GTK_SCROLLED_WINDOW (c);
        }
      else if ((found = nth_column_scroller (c, n)))
        return found;
    }
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  guint n_items = argc > 1 ? atoi (argv[1]) : 5000;
  guint steps = argc > 2 ? atoi (argv[2]) : 200;
  guint frames = argc > 3 ? MAX (atoi (argv[3]), 1) : 120;
  guint regroups = argc > 4 ? atoi (argv[4]) : 1;
  g_autoptr(GArray) regroup_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("planboard-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  double open_cpu, regroup_cpu, after_open_cpu;
  guint after_open_frames;
  GtkWidget *window, *board;
  GdkFrameClock *clock;
  double open_ms, regroup_ms;
  gint64 start, id;

  pb_ui_keep_frame_memory ();   /* as the application's main () */
  adw_init ();
  /* The desktop font, as a Chinese desktop has it (PB_BENCH_FONT overrides;
   * without a CJK font first, every label falls back glyph by glyph). */
  g_object_set (gtk_settings_get_default (), "gtk-font-name",
                g_getenv ("PB_BENCH_FONT") ? g_getenv ("PB_BENCH_FONT") : "Noto Sans CJK SC 11", NULL);
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  id = make_plan (store, n_items);
  printf ("import of %u items: %.0f ms\n", n_items, (g_get_monotonic_time () - start) / 1000.0);
  plan = pb_store_get_record (store, PB_TYPE_PLAN, id);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  board = pb_board_view_new (store);
  gtk_window_set_child (GTK_WINDOW (window), board);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  wait_for_frame (g_get_monotonic_time ());

  /* The display's own pace: a frame in which nothing changed. */
  for (guint s = 0; s < 20; s++)
    {
      double t;
      start = g_get_monotonic_time ();
      gtk_widget_queue_draw (window);
      t = wait_for_frame (start);
      g_array_append_val (idle, t);
    }
  g_array_sort (idle, compare_double);

  start = g_get_monotonic_time ();
  {
    double c0 = cpu_ms ();
    pb_board_view_set_plan (PB_BOARD_VIEW (board), plan);
    gtk_widget_queue_draw (window);
    open_ms = wait_for_frame (start);
    open_cpu = cpu_ms () - c0;

  }
  /* What the opening asks after its first frame: frames GTK paints by
   * itself in the next 200 ms (cards restyled, laid out again), and the
   * CPU they take. */
  {
    gboolean done = FALSE;
    guint n0 = n_painted;
    double c0 = cpu_ms ();

    g_timeout_add (200, timeout_cb, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    after_open_cpu = cpu_ms () - c0;
    after_open_frames = n_painted - n0;
  }

  for (guint s = 0; s < steps; s++)
    {
      guint column = g_random_int_range (0, n_column_scrollers (board));
      GtkScrolledWindow *scroller = nth_column_scroller (board, &column);
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
      double t;

      start = g_get_monotonic_time ();
      gtk_adjustment_set_value (adj, g_random_double_range (gtk_adjustment_get_lower (adj),
                                                            gtk_adjustment_get_upper (adj)));
      /* A frame even when the jump moved nothing on screen (a column
       * out of view), which would otherwise wait for ever. */
      gtk_widget_queue_draw (window);
      t = wait_for_frame (start);
      g_array_append_val (times, t);
      g_array_append_val (cpu, last_cpu);
    }
  g_array_sort (times, compare_double);
  g_array_sort (cpu, compare_double);

  /* Scrolling as a person does: 120 px a frame down every column. */
  {
    g_autoptr(GArray) smooth = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) smooth_cpu = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint f = 0; f < frames; f++)
      {
        guint column = f % n_column_scrollers (board);
        GtkScrolledWindow *scroller = nth_column_scroller (board, &column);
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);
        double t;

        start = g_get_monotonic_time ();
        gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + 120);
        t = wait_for_frame (start);
        g_array_append_val (smooth, t);
        g_array_append_val (smooth_cpu, last_cpu);
      }
    g_array_sort (smooth, compare_double);
    g_array_sort (smooth_cpu, compare_double);
    printf ("smooth:  median %.1f ms, p95 %.1f ms per frame scrolling 120 px; CPU median %.1f ms, p95 %.1f ms\n",
            g_array_index (smooth, double, smooth->len / 2),
            g_array_index (smooth, double, smooth->len * 95 / 100),
            g_array_index (smooth_cpu, double, smooth_cpu->len / 2),
            g_array_index (smooth_cpu, double, smooth_cpu->len * 95 / 100));
  }

  start = g_get_monotonic_time ();
  {
    double c0 = cpu_ms ();
    pb_board_view_set_grouping (PB_BOARD_VIEW (board), PB_BOARD_GROUPING_STATUS);
    regroup_ms = wait_for_frame (start);
    regroup_cpu = cpu_ms () - c0;
  }
  for (guint r = 0; r < regroups * 3; r++)
    {
      static const PbBoardGrouping cycle[] = { PB_BOARD_GROUPING_LEAD, PB_BOARD_GROUPING_SECTION,
                                               PB_BOARD_GROUPING_STATUS };
      double c0 = cpu_ms ();

      pb_board_view_set_grouping (PB_BOARD_VIEW (board), cycle[r % 3]);
      wait_for_frame (g_get_monotonic_time ());
      c0 = cpu_ms () - c0;
      g_array_append_val (regroup_cpus, c0);
    }

  printf ("board of %u items in %u columns (wall time; CPU time of this process)\n", n_items, 8);
  printf ("idle:    median %.1f ms per frame with nothing changed (the display's pace)\n",
          g_array_index (idle, double, idle->len / 2));
  printf ("open:    %.0f ms to the first frame; %.0f ms CPU\n", open_ms, open_cpu);
  printf ("after:   %u frames in the 200 ms after the first, %.1f ms CPU\n", after_open_frames, after_open_cpu);
  printf ("scroll:  median %.1f ms, p95 %.1f ms per jump to a random position; CPU median %.1f ms, p95 %.1f ms (%u jumps)\n",
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len * 95 / 100),
          g_array_index (cpu, double, cpu->len / 2),
          g_array_index (cpu, double, cpu->len * 95 / 100), steps);
  printf ("regroup: %.0f ms to regroup by status and paint; %.0f ms CPU\n", regroup_ms, regroup_cpu);

  if (regroup_cpus->len > 0)
    {
      g_autoptr(GString) each = g_string_new (NULL);

      for (guint r = 0; r < regroup_cpus->len; r++)
        g_string_append_printf (each, "%s%.0f", r ? ", " : "", g_array_index (regroup_cpus, double, r));
      g_array_sort (regroup_cpus, compare_double);
      printf ("regroups: lead, section, status … CPU ms to the painted frame: %s; median %.0f ms\n",
              each->str, g_array_index (regroup_cpus, double, regroup_cpus->len / 2));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
