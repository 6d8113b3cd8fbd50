/* parse-worst.c — the parser on inputs built to be hard: time and memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: parse-worst single-line|table [--megabytes M]
 *
 *   single-line  one paragraph of M MB: quantities without a comma or a
 *                full stop between them (建成基站1234个新增机架56架…);
 *   table        a table of M MB flattened to 、-separated cells
 *                (市经信局、1234个、56%、基站建设、2025年、…).
 *
 * Builds the text, parses it once and writes the plan as JSON (what an
 * import does before the store), then prints the seconds and the peak
 * resident memory of the process. Run each case in its own process: the
 * peak is the process's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "pb-plan-parser.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GString) text = g_string_new ("青河市算力设施建设三年行动方案(2024—2026年)\n一、重点任务\n(一)建设算力设施。");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) plan = NULL;
  g_autofree char *json = NULL;
  const char *kind = argc > 1 ? argv[1] : "";
  double megabytes = 5;
  struct rusage usage;
  GRand *rand = g_rand_new_with_seed (16);
  gint64 start;
  JsonArray *items;
  guint targets = 0;

  for (int i = 2; i < argc; i++)
    if (g_str_equal (argv[i], "--megabytes") && i + 1 < argc)
      megabytes = g_ascii_strtod (argv[++i], NULL);

  if (!g_str_equal (kind, "single-line") && !g_str_equal (kind, "table"))
    {
      g_printerr ("usage: parse-worst single-line|table [--megabytes M]\n");
      return 2;
    }

  while (text->len < megabytes * 1e6)
    if (g_str_equal (kind, "single-line"))
      g_string_append_printf (text, "建成基站%d个新增机架%d架出口带宽达到%dGbps",
                              g_rand_int_range (rand, 1, 9999), g_rand_int_range (rand, 1, 999),
                              g_rand_int_range (rand, 1, 99));
    else
      g_string_append_printf (text, "市经信局、%d个、%d%%、基站建设、%d年、",
                              g_rand_int_range (rand, 1, 9999), g_rand_int_range (rand, 1, 99),
                              g_rand_int_range (rand, 2020, 2030));
  g_rand_free (rand);

  start = g_get_monotonic_time ();
  plan = pb_plan_parse_text (text->str, text->len, NULL, &error);
  if (plan == NULL)
    {
      g_printerr ("parse-worst: %s\n", error->message);
      return 1;
    }
  json = json_to_string (plan, FALSE);

  items = json_object_get_array_member (json_node_get_object (plan), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    targets += json_array_get_length (json_object_get_array_member (json_array_get_object_element (items, i), "targets"));

  getrusage (RUSAGE_SELF, &usage);
  printf ("%s: %.1f MB in %.2f s, peak memory %.0f MB (%u items, %u targets, %.1f MB of JSON)\n",
          kind, text->len / 1e6, (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss / 1024.0,
          json_array_get_length (items), targets, strlen (json) / 1e6);
  return 0;
}
