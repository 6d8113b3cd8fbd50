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

#include "pb-health.h"

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
  else if (pb_date_parse (pb_record_get_string (r, "due_date"), &due) && g_date_compare (today, &due) > 0)
    {
      why = _("Past its due date and not done");
      health = PB_HEALTH_RED;
    }
  else if (pb_date_parse (pb_record_get_string (r, "start_date"), &start) &&
           pb_date_parse (pb_record_get_string (r, "due_date"), &due) &&
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

/**
 * pb_indicator_compute_completion:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets, by year
 * @actuals: (element-type PbActual): its actuals, by date
 *
 * How far the latest actual has come towards the target it answers:
 * for a cumulative indicator the last firm target (from the baseline, when
 * there is one), for an annual one the target of the actual's year, else
 * the last. A decreasing indicator (能耗, 以内) is complete at or under
 * its target.
 *
 * Returns: 0 to 1, or -1 when there is no actual or no target to judge by
 */
double
pb_indicator_compute_completion (PbIndicator *indicator,
                                 GListModel  *targets,
                                 GListModel  *actuals)
{
  PbRecord *k = PB_RECORD (indicator);
  guint n_targets = g_list_model_get_n_items (targets);
  guint n_actuals = g_list_model_get_n_items (actuals);
  g_autoptr(PbRecord) actual = NULL;
  g_autoptr(PbTarget) chosen = NULL;
  const GValue *baseline_value;
  double value, target, baseline = 0, done;
  int year = 0;

  g_return_val_if_fail (PB_IS_INDICATOR (indicator), -1);

  if (n_targets == 0 || n_actuals == 0)
    return -1;

  actual = g_list_model_get_item (actuals, n_actuals - 1);
  value = pb_record_get_double (actual, "value");
  {
    GDate date;

    if (pb_date_parse (pb_record_get_string (actual, "date"), &date))
      year = g_date_get_year (&date);
  }

  /* The last firm target, or for an annual indicator the year's; a
   * stretch target (力争) only when there is no firm one. */
  for (int stretch = FALSE; chosen == NULL && stretch <= TRUE; stretch++)
    for (guint i = 0; i < n_targets; i++)
      {
        g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);

        if (pb_record_get_boolean (PB_RECORD (t), "stretch") != stretch)
          continue;
        if (pb_record_get_enum (k, "kind") == PB_INDICATOR_KIND_ANNUAL &&
            chosen && pb_target_get_year (chosen) == year)
          continue;
        g_set_object (&chosen, t);
      }
  if (chosen == NULL)
    return -1;
  target = pb_target_get_value (chosen);

  if (pb_record_get_enum (k, "direction") == PB_DIRECTION_DECREASE)
    {
      if (value <= target)
        return 1;
      return value > 0 ? CLAMP (target / value, 0, 1) : -1;
    }

  baseline_value = pb_record_peek_value (k, "baseline_value");
  if (pb_record_get_enum (k, "kind") == PB_INDICATOR_KIND_CUMULATIVE &&
      baseline_value && G_VALUE_HOLDS_DOUBLE (baseline_value) && g_value_get_double (baseline_value) < target)
    baseline = g_value_get_double (baseline_value);

  if (target - baseline <= 0)
    return value >= target ? 1 : 0;
  done = (value - baseline) / (target - baseline);
  return CLAMP (done, 0, 1);
}

/**
 * pb_store_compute_item_progress:
 * @store: a store
 * @item: an item
 *
 * An item's progress from its indicators: the mean completion of those
 * that have both a target and an actual.
 *
 * Returns: 0 to 1, or -1 when none of its indicators can say
 */
double
pb_store_compute_item_progress (PbStore *store,
                                PbItem  *item)
{
  g_autoptr(GListModel) indicators = NULL;
  gint64 id = pb_record_get_id (PB_RECORD (item));
  double sum = 0;
  guint counted = 0;

  g_return_val_if_fail (PB_IS_STORE (store), -1);
  g_return_val_if_fail (PB_IS_ITEM (item), -1);

  indicators = pb_store_list_indicators (store, pb_item_get_plan_id (item));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      g_autoptr(GListModel) targets = NULL;
      g_autoptr(GListModel) actuals = NULL;
      double done;

      if (pb_record_get_int (PB_RECORD (k), "item_id") != id)
        continue;
      targets = pb_store_list_targets (store, pb_record_get_id (PB_RECORD (k)));
      actuals = pb_store_list_actuals (store, pb_record_get_id (PB_RECORD (k)));
      done = pb_indicator_compute_completion (k, targets, actuals);
      if (done >= 0)
        {
          sum += done;
          counted++;
        }
    }

  return counted ? sum / counted : -1;
}
