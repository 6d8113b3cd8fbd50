/* edit-cost.c — what one edit costs a big plan, and what showing a page costs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (needs a display): xvfb-run -a bench/edit-cost [N_ITEMS] [EDITS]
 *
 * Makes a plan of N_ITEMS items (each with an indicator and a target) in a
 * temporary library and shows it as the window does: a stack holding the
 * Timeline page (shown) and the board (hidden; it follows every change).
 * Then, EDITS times, one store command on a random item — its status, or
 * its dates moved a week as a drag of its bar does — and prints the
 * median and 95th percentile of this process's CPU time
 *   command: from the call to the store until it returned (the command,
 *            and every view's handler of the change);
 *   painted: until the next frame was painted (the views updated).
 * Last, the CPU and wall time from showing the Indicators page, then the
 * Organisations page, to their first painted frame.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pb-board-view.h"
#include "pb-indicators-view.h"
#include "pb-organisations-view.h"
#include "pb-store.h"
#include "pb-ui-util.h"
#include "pb-test-util.h"
#include "pb-timeline-view.h"

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
wait_for_frame (GtkWidget *window)
{
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

/* The frame the views asked for themselves (only what changed is
 * redrawn), or none within a second. */
static void
wait_for_their_frame (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

  painted = FALSE;
  while (!painted && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static char *
shift_date (const char *text,
            int         days)
{
  GDate d;
  char out[16];

  g_date_clear (&d, 1);
  g_date_set_parse (&d, text && text[0] ? text : "2025-01-01");
  if (!g_date_valid (&d))
    g_date_set_dmy (&d, 1, 1, 2025);
  if (days > 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  g_date_strftime (out, sizeof out, "%Y-%m-%d", &d);
  return g_strdup (out);
}

static void
show_page (GtkWidget  *stack,
           GtkWidget  *window,
           const char *name)
{
  double c0 = cpu_ms ();
  gint64 t0 = g_get_monotonic_time ();

  gtk_stack_set_visible_child_name (GTK_STACK (stack), name);
  wait_for_frame (window);
  printf ("%-14s %6.0f ms CPU, %6.0f ms wall to the first painted frame\n", name,
          cpu_ms () - c0, (g_get_monotonic_time () - t0) / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  guint n_items = argc > 1 ? atoi (argv[1]) : 5000;
  guint edits = argc > 2 ? atoi (argv[2]) : 60;
  g_autofree char *dir = g_dir_make_tmp ("planboard-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GArray) command = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *stack, *timeline, *board, *indicators, *organisations;
  gint64 id;

  pb_ui_keep_frame_memory ();   /* as the application's main () */
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-font-name",
                g_getenv ("PB_BENCH_FONT") ? g_getenv ("PB_BENCH_FONT") : "Noto Sans CJK SC 11", NULL);
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  id = pb_test_add_big_plan (store, "大型方案", n_items, &error);
  g_assert_no_error (error);
  plan = pb_store_get_record (store, PB_TYPE_PLAN, id);
  items = pb_store_list_items (store, id);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  stack = gtk_stack_new ();
  timeline = pb_timeline_view_new (store);
  board = pb_board_view_new (store);
  indicators = pb_indicators_view_new (store);
  organisations = pb_organisations_view_new (store);
  gtk_stack_add_named (GTK_STACK (stack), timeline, "timeline");
  gtk_stack_add_named (GTK_STACK (stack), board, "board");
  gtk_stack_add_named (GTK_STACK (stack), indicators, "indicators");
  gtk_stack_add_named (GTK_STACK (stack), organisations, "organisations");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "timeline");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);

  pb_timeline_view_set_plan (PB_TIMELINE_VIEW (timeline), plan);
  pb_board_view_set_plan (PB_BOARD_VIEW (board), plan);
  pb_indicators_view_set_plan (PB_INDICATORS_VIEW (indicators), plan);
  pb_organisations_view_set_plan (PB_ORGANISATIONS_VIEW (organisations), plan);
  wait_for_frame (window);
  wait_for_frame (window);

  for (guint e = 0; e < edits; e++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, g_random_int_range (0, n_items));
      double c0 = cpu_ms (), c1;
      gboolean ok;

      if (e % 2 == 0)
        ok = pb_store_set (store, item, &error, "status",
                           pb_item_get_status (item) == PB_ITEM_STATUS_BLOCKED ? PB_ITEM_STATUS_IN_PROGRESS
                                                                               : PB_ITEM_STATUS_BLOCKED, NULL);
      else
        {
          g_autofree char *start = shift_date (pb_record_get_string (PB_RECORD (item), "start_date"), 7);
          g_autofree char *due = shift_date (pb_record_get_string (PB_RECORD (item), "due_date"), 7);

          ok = pb_store_set (store, item, &error, "start_date", start, "due_date", due, NULL);
        }
      g_assert_no_error (error);
      g_assert_true (ok);
      c1 = cpu_ms () - c0;
      g_array_append_val (command, c1);
      wait_for_their_frame ();
      c1 = cpu_ms () - c0;
      g_array_append_val (frame, c1);
    }
  g_array_sort (command, compare_double);
  g_array_sort (frame, compare_double);
  printf ("plan of %u items; %u edits (status, or dates a week later), timeline shown, board hidden\n",
          n_items, edits);
  printf ("command: median %.2f ms, p95 %.2f ms CPU, from the store call until it returned\n",
          g_array_index (command, double, command->len / 2),
          g_array_index (command, double, command->len * 95 / 100));
  printf ("painted: median %.2f ms, p95 %.2f ms CPU, until the next frame was painted\n",
          g_array_index (frame, double, frame->len / 2),
          g_array_index (frame, double, frame->len * 95 / 100));

  show_page (stack, window, "indicators");
  show_page (stack, window, "organisations");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
