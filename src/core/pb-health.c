/* pb-health.c — blue / yellow / red (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An item's health from its own dates and status. (Its indicators'
 * health joins in when indicators are tracked; the worst one wins.)
 *   - a manual override wins, with its reason;
 *   - done is blue; cancelled has no health;
 *   - due date passed and not done: red;
 *   - less than 10 % of its time left and progress below 50 %: yellow;
 *   - otherwise blue.
 */
#define G_LOG_DOMAIN "pb-health"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pb-health.h"

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * pb_item_compute_health:
 * @item: an item
 * @today: the date to judge on
 * @reason: (out) (optional) (transfer none): why, in words for a tooltip
 *
 * Returns: the item's health on @today
 */
PbHealth
pb_item_compute_health (PbItem      *item,
                        const GDate *today,
                        const char **reason)
{
  PbRecord *r = PB_RECORD (item);
  PbHealth override = pb_record_get_enum (r, "health_override");
  PbItemStatus status = pb_item_get_status (item);
  double progress = pb_item_get_progress (item);
  GDate start, due;
  const char *why = NULL;
  PbHealth health = PB_HEALTH_BLUE;

  g_return_val_if_fail (PB_IS_ITEM (item), PB_HEALTH_NONE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), PB_HEALTH_NONE);

  if (override != PB_HEALTH_NONE)
    {
      why = pb_record_get_string (r, "health_reason");
      health = override;
    }
  else if (status == PB_ITEM_STATUS_DONE)
    {
      why = _("Done");
      health = PB_HEALTH_BLUE;
    }
  else if (status == PB_ITEM_STATUS_CANCELLED)
    {
      why = _("Cancelled");
      health = PB_HEALTH_NONE;
    }
  else if (parse_date (pb_record_get_string (r, "due_date"), &due) && g_date_compare (today, &due) > 0)
    {
      why = _("Past its due date and not done");
      health = PB_HEALTH_RED;
    }
  else if (parse_date (pb_record_get_string (r, "start_date"), &start) &&
           parse_date (pb_record_get_string (r, "due_date"), &due) &&
           g_date_compare (&start, &due) < 0)
    {
      double span = g_date_days_between (&start, &due);
      double left = g_date_days_between (today, &due);

      if (left / span < 0.10 && progress < 0.5)
        {
          why = _("Less than a tenth of its time left and less than half done");
          health = PB_HEALTH_YELLOW;
        }
      else
        why = _("On track");
    }
  else
    why = _("On track");

  if (reason)
    *reason = why;
  return health;
}
