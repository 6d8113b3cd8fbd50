/* parse-throughput.c — how fast plan documents are read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: parse-throughput [--runs N] [--megabytes M] DOCUMENT.txt…
 *
 * Two measures, each the median of N runs:
 *   documents  the documents parsed one after another, round and round,
 *              until M MB of text have been read (the usual case);
 *   one file   the documents concatenated into a single M MB text, parsed
 *              once (a huge document: does the parser stay linear?).
 * Prints MB/s (MB = 10^6 bytes of UTF-8), by the clock and by the
 * process's CPU time (which a machine shared with other work disturbs
 * less).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pb-plan-parser.h"
#include "pb-text-source.h"

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) docs_rate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_rate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) docs_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) one_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) big = g_string_new (NULL);
  int runs = 5;
  double megabytes = 10;
  gsize corpus_bytes = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autofree char *raw = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      char *text;

      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          runs = atoi (argv[++i]);
          continue;
        }
      if (g_str_equal (argv[i], "--megabytes") && i + 1 < argc)
        {
          megabytes = g_ascii_strtod (argv[++i], NULL);
          continue;
        }
      if (!g_file_get_contents (argv[i], &raw, &length, &error) ||
          !(text = pb_text_decode (raw, length, NULL, &error)))
        {
          g_printerr ("%s: %s\n", argv[i], error->message);
          return 1;
        }
      corpus_bytes += strlen (text);
      g_ptr_array_add (texts, text);
    }

  if (texts->len == 0)
    {
      g_printerr ("usage: parse-throughput [--runs N] [--megabytes M] DOCUMENT.txt…\n");
      return 2;
    }

  while (big->len < megabytes * 1e6)
    for (guint i = 0; i < texts->len; i++)
      g_string_append_printf (big, "%s\n", (const char *) g_ptr_array_index (texts, i));

  for (int r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      gsize done = 0;
      double rate;

      for (guint i = 0; done < megabytes * 1e6; i = (i + 1) % texts->len)
        {
          const char *text = g_ptr_array_index (texts, i);
          JsonNode *plan = pb_plan_parse_text (text, -1, NULL, NULL);

          g_assert (plan != NULL);
          json_node_unref (plan);
          done += strlen (text);
        }
      rate = done / 1e6 / ((g_get_monotonic_time () - start) / 1e6);
      g_array_append_val (docs_rate, rate);
      rate = done / 1e6 / (cpu_seconds () - cpu);
      g_array_append_val (docs_cpu, rate);

      start = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      {
        JsonNode *plan = pb_plan_parse_text (big->str, big->len, NULL, NULL);
        g_assert (plan != NULL);
        json_node_unref (plan);
      }
      rate = big->len / 1e6 / ((g_get_monotonic_time () - start) / 1e6);
      g_array_append_val (one_rate, rate);
      rate = big->len / 1e6 / (cpu_seconds () - cpu);
      g_array_append_val (one_cpu, rate);
    }

  printf ("corpus: %u documents, %.1f kB; %d runs of %.0f MB each\n",
          texts->len, corpus_bytes / 1e3, runs, megabytes);
  printf ("documents, parsed one by one: median %.1f MB/s (%.1f MB per CPU second)\n",
          median (docs_rate), median (docs_cpu));
  printf ("one %.1f MB document:          median %.1f MB/s (%.1f MB per CPU second)\n",
          big->len / 1e6, median (one_rate), median (one_cpu));
  return 0;
}
