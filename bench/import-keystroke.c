/* import-keystroke.c — what one keystroke in the import review's
 * organisation field costs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage (needs a display):
 *   xvfb-run -a bench/import-keystroke DOCUMENT [ROUNDS]
 *
 * Reads DOCUMENT in the import window, as Import… does, and on its review
 * page types into the first item's Responsible organisations field as a
 * planner does: ROUNDS times "、市财政局" one character at a time, then
 * back one character at a time (10 keystrokes a round). Each keystroke is
 * one change of the field's text; the field's handler (the names split
 * again, the item's row and the summary updated) runs within it. Prints
 * the median and 95th percentile of this process's CPU time per keystroke.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pb-import-window.h"
#include "pb-store.h"
#include "pb-ui-util.h"

static double
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (c) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return c;
      if ((found = find_row (c, title)))
        return found;
    }
  return NULL;
}

static void
count_rows (GtkWidget  *root,
            const char *title,
            guint      *n)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_ENTRY_ROW (c) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        (*n)++;
      count_rows (c, title, n);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *typed = "、市财政局";
  guint rounds = argc > 2 ? atoi (argv[2]) : 200;
  g_autofree char *dir = g_dir_make_tmp ("planboard-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) cost = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *start = NULL;
  PbImportWindow *import;
  GtkWidget *field;
  gint64 end;
  guint n_items = 0, n_chars = g_utf8_strlen (typed, -1);

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DOCUMENT [ROUNDS]\n", argv[0]);
      return 2;
    }
  pb_ui_keep_frame_memory ();   /* as the application's main () */
  adw_init ();
  store = pb_store_open (path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  import = pb_import_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (import));
  file = g_file_new_for_commandline_arg (argv[1]);
  pb_import_window_read_file (import, file);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!g_str_equal (pb_import_window_get_page (import), "review") && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!g_str_equal (pb_import_window_get_page (import), "review"))
    g_error ("%s: no review page (page %s)", argv[1], pb_import_window_get_page (import));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  count_rows (GTK_WIDGET (import), "Responsible organisations", &n_items);
  field = find_row (GTK_WIDGET (import), "Responsible organisations");
  g_assert_nonnull (field);
  start = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));

  for (guint r = 0; r < rounds; r++)
    for (guint k = 1; k <= 2 * n_chars; k++)
      {
        guint n = k <= n_chars ? k : 2 * n_chars - k;
        const char *cut = g_utf8_offset_to_pointer (typed, n);
        g_autofree char *text = g_strdup_printf ("%s%.*s", start, (int) (cut - typed), typed);
        double before = cpu_us (), us;

        gtk_editable_set_text (GTK_EDITABLE (field), text);
        us = cpu_us () - before;
        g_array_append_val (cost, us);
        /* Let the frame clock run now and then, as between a planner's keys. */
        if (k == n_chars)
          for (int i = 0; i < 5; i++)
            g_main_context_iteration (NULL, FALSE);
      }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, start);

  g_array_sort (cost, compare_double);
  printf ("%s: %u items with an organisation field, %u keystrokes\n", argv[1], n_items, cost->len);
  printf ("keystroke CPU: median %.1f µs, p95 %.1f µs\n",
          g_array_index (cost, double, cost->len / 2),
          g_array_index (cost, double, cost->len * 95 / 100));

  gtk_window_destroy (GTK_WINDOW (import));
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
  return 0;
}
