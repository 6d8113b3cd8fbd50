/* pb-crash-writer.c — writes large imports until it is killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: pb-crash-writer LIBRARY N_ITEMS
 * Prints "begin K" before and "commit K" after each import of a plan
 * titled "crash K N_ITEMS", and "undone K" after undoing every third one,
 * so the test knows what was in flight when it killed the process.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pb-test-util.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  guint n_items;

  if (argc != 3)
    return 2;

  n_items = atoi (argv[2]);
  store = pb_store_open (argv[1], PB_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  for (guint k = 0; ; k++)
    {
      g_autofree char *title = g_strdup_printf ("crash %u %u", k, n_items);

      printf ("begin %u\n", k);
      fflush (stdout);
      if (!pb_test_add_big_plan (store, title, n_items, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("commit %u\n", k);
      fflush (stdout);
      /* Undo is part of the write path too: it must be atomic as well. */
      if (k % 3 == 2)
        {
          if (!pb_store_undo (store, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          printf ("undone %u\n", k);
          fflush (stdout);
        }
    }
}
