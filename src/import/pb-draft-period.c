/* pb-draft-period.c — the period of a plan draft, and its items' dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rule for the window's import review and the command line's import:
 * a document that states no period is given one from its targets' years
 * (the earliest to the latest), and every item is dated from the plan's
 * period: an item the parser left undated, or dated with the period the
 * document states, takes the first and the last day of the period as
 * it now stands. Neither a period nor a target year: nothing is proposed,
 * and the caller asks for the period (the review waits, the command line
 * refuses).
 */
#define G_LOG_DOMAIN "pb-draft-period"

#include "config.h"

#include <string.h>

#include "pb-draft-period.h"

/* Years a plan can run in; anything else read as a year is a misreading. */
#define YEAR_MIN 1900
#define YEAR_MAX 2200

static JsonArray *
items_of (JsonNode *draft)
{
  JsonNode *node = json_object_get_member (json_node_get_object (draft), "items");

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/**
 * pb_draft_target_has_year:
 * @target: a target of a draft
 *
 * Returns: whether the document gives @target a year
 */
gboolean
pb_draft_target_has_year (JsonObject *target)
{
  JsonNode *year;

  g_return_val_if_fail (target != NULL, FALSE);

  year = json_object_get_member (target, "year");
  return year != NULL && !JSON_NODE_HOLDS_NULL (year);
}

/**
 * pb_draft_stated_period:
 * @draft: a plan draft (docs/PLAN-JSON.md)
 * @start: (out): its first year, or 0
 * @end: (out): its last year, or 0
 *
 * Returns: whether the draft states a whole period, both years
 */
gboolean
pb_draft_stated_period (JsonNode *draft,
                        int      *start,
                        int      *end)
{
  JsonObject *plan;
  JsonNode *period;

  g_return_val_if_fail (draft != NULL && JSON_NODE_HOLDS_OBJECT (draft), FALSE);

  *start = *end = 0;
  plan = json_node_get_object (draft);
  period = json_object_get_member (plan, "period");
  if (period && JSON_NODE_HOLDS_OBJECT (period))
    {
      JsonObject *o = json_node_get_object (period);

      *start = (int) json_object_get_int_member_with_default (o, "start", 0);
      *end = (int) json_object_get_int_member_with_default (o, "end", 0);
    }
  if (*start == 0 || *end == 0)
    *start = *end = 0;
  return *start != 0;
}

/**
 * pb_draft_propose_period:
 * @draft: a plan draft
 * @start: (out): the earliest year any target of it gives, or 0
 * @end: (out): the latest, or 0
 *
 * The period proposed for a document that states none.
 *
 * Returns: whether any target gives a year
 */
gboolean
pb_draft_propose_period (JsonNode *draft,
                         int      *start,
                         int      *end)
{
  JsonArray *items;

  g_return_val_if_fail (draft != NULL && JSON_NODE_HOLDS_OBJECT (draft), FALSE);

  *start = *end = 0;
  items = items_of (draft);
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      JsonNode *node = it ? json_object_get_member (it, "targets") : NULL;
      JsonArray *targets = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        {
          JsonObject *t = json_array_get_object_element (targets, k);
          int year;

          if (t == NULL || !pb_draft_target_has_year (t))
            continue;
          year = (int) json_object_get_int_member_with_default (t, "year", 0);
          if (year < YEAR_MIN || year > YEAR_MAX)
            continue;
          if (*start == 0 || year < *start)
            *start = year;
          if (year > *end)
            *end = year;
        }
    }
  return *start != 0;
}

/**
 * pb_draft_date_items:
 * @items: a draft's items
 * @old_start: the first year of the period the document states, or 0
 * @old_end: its last year, or 0
 * @start: the plan's first year
 * @end: its last year
 *
 * Dates every item from the period @start–@end: an undated item, or one
 * dated with the stated period's first or last day (the document's
 * period, not a date anyone chose), takes the period's first and last
 * days; a date of the draft's own (a plan file's) stays. Never a start
 * after the due date. Nothing happens without a whole period.
 */
void
pb_draft_date_items (JsonArray *items,
                     int        old_start,
                     int        old_end,
                     int        start,
                     int        end)
{
  g_autofree char *old_first = g_strdup_printf ("%04d-01-01", old_start);
  g_autofree char *old_last = g_strdup_printf ("%04d-12-31", old_end);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", start);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", end);

  g_return_if_fail (items != NULL);

  if (start == 0 || end == 0)
    return;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      const char *from;
      const char *due;
      g_autofree char *new_from = NULL;
      g_autofree char *new_due = NULL;

      if (it == NULL)
        continue;
      from = json_object_get_string_member_with_default (it, "start", NULL);
      due = json_object_get_string_member_with_default (it, "due", NULL);
      new_from = g_strdup (from == NULL || g_str_equal (from, old_first) ? first : from);
      new_due = g_strdup (due == NULL || g_str_equal (due, old_last) ? last : due);

      if (strcmp (new_from, new_due) > 0)
        {
          g_free (new_from);
          new_from = g_strdup (strcmp (first, new_due) <= 0 ? first : new_due);
        }
      json_object_set_string_member (it, "start", new_from);
      json_object_set_string_member (it, "due", new_due);
    }
}

/**
 * pb_draft_set_period:
 * @draft: a plan draft
 * @start: the plan's first year
 * @end: its last year
 *
 * Gives the draft the period @start–@end and dates its items from it
 * (pb_draft_date_items(), against the period the draft stated).
 */
void
pb_draft_set_period (JsonNode *draft,
                     int       start,
                     int       end)
{
  JsonObject *plan;
  JsonObject *period;
  JsonArray *items;
  int old_start, old_end;

  g_return_if_fail (draft != NULL && JSON_NODE_HOLDS_OBJECT (draft));
  g_return_if_fail (start > 0 && end >= start);

  plan = json_node_get_object (draft);
  pb_draft_stated_period (draft, &old_start, &old_end);
  items = items_of (draft);
  if (items)
    pb_draft_date_items (items, old_start, old_end, start, end);
  period = json_object_new ();
  json_object_set_int_member (period, "start", start);
  json_object_set_int_member (period, "end", end);
  json_object_set_object_member (plan, "period", period);
}
