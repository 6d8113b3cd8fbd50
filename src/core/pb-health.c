/* pb-health.c — blue / yellow / red (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Indicators. A target is due at the end of its year. For a cumulative
 * indicator the expected value runs linearly from the baseline (its value
 * and date; else 0 at the start of the plan period) through each year's
 * target; after the last target it stays there. For an annual indicator
 * the expected value is the year's target taken pro rata over the year
 * (a cap, for a decreasing one, holds all year). Completion is the
 * progress made over the progress expected, on the date of the latest
 * actual: blue at or above the blue threshold (90 %), yellow at or above
 * the yellow one (70 %), red below — and red when a target's year is over
 * and the target is unmet, or no actual was ever reported for it. A firm
 * target is judged before a stretch one (力争), which counts only for a
 * year that has no firm target.
 *
 * An indicator whose latest report is older than the start of the last
 * closed reporting period (with none closed, older than 100 days) is at
 * least yellow, "No report since …", while it still has targets to come.
 *
 * Items (the table of §5; the worst rule wins and its reason is shown). A
 * manual override wins, with its reason; done is blue; cancelled has no
 * health. Otherwise: past its due date, red; blocked, yellow (red with
 * under a quarter of its time left); not started with a tenth of its time
 * gone, yellow (red from half); in progress or blocked, from a tenth of
 * its time gone, its progress by hand over the share of its time gone
 * (序时进度) by the completion thresholds; starting before a predecessor
 * that is not done finishes (plus the lag), yellow; and its indicators.
 * A goal is as good as the indicators it carries. An item without dates
 * runs over the plan period.
 */
#define G_LOG_DOMAIN "pb-health"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "pb-health.h"
#include "pb-format.h"
#include "pb-indicator-links.h"
#include "pb-store-private.h"
#include "pb-trace.h"

static double threshold_blue = PB_HEALTH_DEFAULT_BLUE;
static double threshold_yellow = PB_HEALTH_DEFAULT_YELLOW;
static guint threshold_serial;

/**
 * pb_health_set_thresholds:
 * @blue: completion from which an indicator is blue (0 to 1)
 * @yellow: completion from which it is yellow, below @blue
 *
 * Sets the thresholds for the whole process (the application reads them
 * from GSettings).
 */
void
pb_health_set_thresholds (double blue,
                          double yellow)
{
  g_return_if_fail (blue > 0 && blue <= 1);
  g_return_if_fail (yellow >= 0 && yellow <= blue);

  if (blue == threshold_blue && yellow == threshold_yellow)
    return;
  threshold_blue = blue;
  threshold_yellow = yellow;
  threshold_serial++;
}

void
pb_health_get_thresholds (double *blue,
                          double *yellow)
{
  if (blue)
    *blue = threshold_blue;
  if (yellow)
    *yellow = threshold_yellow;
}

PbHealth
pb_health_from_completion (double completion)
{
  if (isnan (completion))
    return PB_HEALTH_NONE;
  /* A hair of tolerance, so that 0.9 reached through arithmetic counts. */
  if (completion >= threshold_blue - 1e-9)
    return PB_HEALTH_BLUE;
  if (completion >= threshold_yellow - 1e-9)
    return PB_HEALTH_YELLOW;
  return PB_HEALTH_RED;
}

/* Red is worse than yellow, yellow than blue; none says nothing. */
PbHealth
pb_health_worst (PbHealth a,
                 PbHealth b)
{
  return MAX (a, b);
}

void
pb_date_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

void
pb_indicator_status_clear (PbIndicatorStatus *status)
{
  g_clear_pointer (&status->reason, g_free);
}

/**
 * pb_indicator_get_precision:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets
 * @actuals: (element-type PbActual) (nullable): its actuals
 *
 * The indicator's precision (DESIGN §7): the most decimals among its
 * baseline, targets and actuals. A count (2600个) has none, so its
 * expected value reads 1733, never 1733.33.
 *
 * Returns: 0 to 9
 */
int
pb_indicator_get_precision (PbIndicator *indicator,
                            GListModel  *targets,
                            GListModel  *actuals)
{
  double baseline = pb_record_get_double (PB_RECORD (indicator), "baseline_value");
  int decimals = isnan (baseline) ? 0 : pb_format_decimals_of (baseline);

  for (guint i = 0; targets && i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);
      decimals = MAX (decimals, pb_format_decimals_of (pb_target_get_value (t)));
    }
  for (guint i = 0; actuals && i < g_list_model_get_n_items (actuals); i++)
    {
      g_autoptr(PbRecord) a = g_list_model_get_item (actuals, i);
      decimals = MAX (decimals, pb_format_decimals_of (pb_record_get_double (a, "value")));
    }
  return decimals;
}

/* A value in a reason: the one formatter, to the indicator's precision,
 * as the indicator table writes it (28 bn and 280亿 whole; DESIGN §7). */
static char *
format_value (double value,
              int    decimals)
{
  return pb_format_number_compact (value, NULL, decimals);
}

static char *
format_percent (double fraction)
{
  return pb_format_percent (fraction);
}

/* ---- Indicators ---------------------------------------------------------- */

typedef struct
{
  int          year;
  double       value;
  PbComparator comparator;
  gboolean     stretch;
  PbTarget    *target;
} Goal;

/* One target per year: the firm one, else the stretch one. Sorted. */
static GArray *
collect_goals (GListModel *targets)
{
  GArray *goals = g_array_new (FALSE, FALSE, sizeof (Goal));
  guint n = g_list_model_get_n_items (targets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);
      Goal g = {
        pb_target_get_year (t),
        pb_target_get_value (t),
        pb_record_get_enum (PB_RECORD (t), "comparator"),
        pb_record_get_boolean (PB_RECORD (t), "stretch"),
        t,
      };
      guint j;

      for (j = 0; j < goals->len; j++)
        if (g_array_index (goals, Goal, j).year >= g.year)
          break;

      if (j < goals->len && g_array_index (goals, Goal, j).year == g.year)
        {
          Goal *old = &g_array_index (goals, Goal, j);

          /* A firm target replaces a stretch one; of two alike, the last. */
          if (old->stretch || !g.stretch)
            *old = g;
        }
      else
        g_array_insert_val (goals, j, g);
    }

  return goals;
}

static gboolean
goal_decreases (PbIndicator *indicator,
                const Goal  *g)
{
  if (g->comparator == PB_COMPARATOR_LE)
    return TRUE;
  if (g->comparator == PB_COMPARATOR_GE)
    return FALSE;
  return pb_record_get_enum (PB_RECORD (indicator), "direction") == PB_DIRECTION_DECREASE;
}

static gboolean
goal_met (PbIndicator *indicator,
          const Goal  *g,
          double       value)
{
  double slack = g->comparator == PB_COMPARATOR_ABOUT ? 0.05 * fabs (g->value) : 1e-9 * MAX (1, fabs (g->value));

  if (goal_decreases (indicator, g))
    return value <= g->value + slack;
  return value >= g->value - slack;
}

gboolean
pb_target_is_met (PbIndicator *indicator,
                  PbTarget    *target,
                  double       value)
{
  Goal g = {
    pb_target_get_year (target),
    pb_target_get_value (target),
    pb_record_get_enum (PB_RECORD (target), "comparator"),
    pb_record_get_boolean (PB_RECORD (target), "stretch"),
    target,
  };

  return goal_met (indicator, &g, value);
}

static void
year_end (int    year,
          GDate *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 31, G_DATE_DECEMBER, CLAMP (year, 1, 9999));
}

static gboolean
indicator_baseline (PbIndicator *indicator,
                    const GDate *origin,
                    double      *value,
                    GDate       *date)
{
  double v = pb_record_get_double (PB_RECORD (indicator), "baseline_value"); /* NAN when unknown */
  gboolean known = !isnan (v);

  *value = known ? v : 0;
  if (!pb_date_parse (pb_record_get_string (PB_RECORD (indicator), "baseline_date"), date))
    {
      g_date_clear (date, 1);
      if (origin && g_date_valid (origin))
        *date = *origin;
    }
  return known;
}

/* Whether the baseline has a date of its own (else the plan's start). */
static gboolean
baseline_dated (PbIndicator *indicator)
{
  GDate date;

  return pb_date_parse (pb_record_get_string (PB_RECORD (indicator), "baseline_date"), &date);
}

static gboolean
is_annual (PbIndicator *indicator)
{
  return pb_record_get_enum (PB_RECORD (indicator), "kind") == PB_INDICATOR_KIND_ANNUAL;
}

static const Goal *
goal_for_year (GArray *goals,
               int     year)
{
  for (guint i = 0; i < goals->len; i++)
    if (g_array_index (goals, Goal, i).year == year)
      return &g_array_index (goals, Goal, i);
  return NULL;
}

static gboolean
expected_from_goals (PbIndicator *indicator,
                     GArray      *goals,
                     const GDate *origin,
                     const GDate *date,
                     double      *value)
{
  if (goals->len == 0 || date == NULL || !g_date_valid (date))
    return FALSE;

  if (is_annual (indicator))
    {
      int year = g_date_get_year (date);
      const Goal *g = goal_for_year (goals, year);
      double fraction;

      if (g == NULL)
        return FALSE;
      if (goal_decreases (indicator, g))
        {
          *value = g->value;
          return TRUE;
        }
      fraction = (double) g_date_get_day_of_year (date) / (g_date_is_leap_year (year) ? 366 : 365);
      *value = g->value * fraction;
      return TRUE;
    }
  else
    {
      double prev_value;
      GDate prev_date, due;
      gboolean known = indicator_baseline (indicator, origin, &prev_value, &prev_date);

      /* A target whose year ended before the plan's start (its period
       * moved past it) is expected whole: the trajectory runs on from
       * it, never from 0 at the later start, which would expect nothing
       * by the target's own year. */
      if (g_date_valid (&prev_date) && !baseline_dated (indicator))
        for (guint i = 0; i < goals->len; i++)
          {
            const Goal *g = &g_array_index (goals, Goal, i);

            year_end (g->year, &due);
            if (g_date_compare (&due, &prev_date) < 0)
              {
                prev_value = g->value;
                known = TRUE;
              }
          }

      /* With no start to run from (a falling value does not fall from
       * 0), the expected value is the target of the year. */
      if (!g_date_valid (&prev_date) ||
          (!known && goal_decreases (indicator, &g_array_index (goals, Goal, goals->len - 1))))
        {
          for (guint i = 0; i < goals->len; i++)
            if (g_array_index (goals, Goal, i).year >= g_date_get_year (date) || i + 1 == goals->len)
              {
                *value = g_array_index (goals, Goal, i).value;
                return TRUE;
              }
        }

      if (g_date_compare (date, &prev_date) <= 0)
        {
          *value = prev_value;
          return TRUE;
        }

      for (guint i = 0; i < goals->len; i++)
        {
          const Goal *g = &g_array_index (goals, Goal, i);

          year_end (g->year, &due);
          if (g_date_compare (&due, &prev_date) <= 0)
            continue;
          if (g_date_compare (date, &due) <= 0)
            {
              double span = g_date_days_between (&prev_date, &due);
              double done = g_date_days_between (&prev_date, date);

              *value = prev_value + (g->value - prev_value) * (done / span);
              return TRUE;
            }
          prev_value = g->value;
          prev_date = due;
        }

      *value = prev_value;
      return TRUE;
    }
}

/**
 * pb_indicator_expected_value:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets
 * @origin: (nullable): where a cumulative indicator without a baseline
 *   date starts: the first day of the plan period
 * @date: the day
 * @value: (out): the value expected on @date
 *
 * Returns: %FALSE when no target says what to expect on @date
 */
gboolean
pb_indicator_expected_value (PbIndicator *indicator,
                             GListModel  *targets,
                             const GDate *origin,
                             const GDate *date,
                             double      *value)
{
  g_autoptr(GArray) goals = NULL;

  g_return_val_if_fail (PB_IS_INDICATOR (indicator), FALSE);

  goals = collect_goals (targets);
  return expected_from_goals (indicator, goals, origin, date, value);
}

/* Progress made over progress expected. @from is set to the value
 * progress is counted from, or NAN for a plain ratio. */
static double
completion_of (PbIndicator *indicator,
               const Goal  *g,
               double       baseline,
               gboolean     baseline_known,
               double       expected,
               double       actual,
               double      *from)
{
  *from = NAN;
  if (goal_decreases (indicator, g))
    {
      if (actual <= expected)
        return 1;
      if (baseline_known && baseline > expected)
        {
          *from = baseline;
          return MAX (0, (baseline - actual) / (baseline - expected));
        }
      return actual > 0 ? MAX (0, expected / actual) : 0;
    }

  if (is_annual (indicator) || !baseline_known)
    baseline = 0;
  if (expected - baseline <= 1e-12)
    return actual >= expected ? 1 : (expected > 0 ? MAX (0, actual / expected) : 0);
  if (baseline != 0)
    *from = baseline;
  return MAX (0, (actual - baseline) / (expected - baseline));
}

/**
 * pb_indicator_status_explain:
 * @status: an indicator's status
 * @unit: (nullable): its unit
 *
 * The completion as a sum a reader can redo from the figures shown beside
 * it: "(17,200 − 12,000) ÷ (20,975 − 12,000) = 58%, against the 20,975
 * expected by 2026-06-30, the latest actual's date".
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with no completion
 */
char *
pb_indicator_status_explain (const PbIndicatorStatus *status,
                             const char              *unit)
{
  g_autofree char *latest = NULL, *against = NULL, *from = NULL, *percent = NULL, *sum = NULL, *when = NULL;
  GDate date;

  g_return_val_if_fail (status != NULL, NULL);
  if (!status->has_actual || isnan (status->completion) || isnan (status->against))
    return NULL;
  latest = format_value (status->latest, status->decimals);
  against = pb_format_estimate (status->against, NULL, status->decimals);
  percent = format_percent (status->completion);
  if (!isnan (status->against_from))
    {
      from = format_value (status->against_from, status->decimals);
      if (status->decreasing)
        /* Translators: a completion worked out: (baseline − latest) ÷ (baseline − expected) = percent */
        sum = g_strdup_printf (_("(%s − %s) ÷ (%s − %s) = %s"), from, latest, from, against, percent);
      else
        /* Translators: a completion worked out: (latest − baseline) ÷ (expected − baseline) = percent */
        sum = g_strdup_printf (_("(%s − %s) ÷ (%s − %s) = %s"), latest, from, against, from, percent);
    }
  else if (status->decreasing && status->latest > status->against)
    /* Translators: a completion worked out: expected ÷ latest = percent */
    sum = g_strdup_printf (_("%s ÷ %s = %s"), against, latest, percent);
  else if (status->decreasing || status->completion >= 1)
    /* Translators: a completion worked out when the latest actual reaches what was expected */
    sum = g_strdup_printf (_("%s reaches %s: %s"), latest, against, percent);
  else
    sum = g_strdup_printf (_("%s ÷ %s = %s"), latest, against, percent);

  g_free (against);
  against = pb_format_estimate (status->against, unit, status->decimals);
  if (status->against_target)
    /* Translators: a completion worked out, then the missed target it is measured against and its year */
    return g_strdup_printf (_("Completion %s, measured against the %d target of %s"), sum, status->judged_year, against);
  if (!pb_date_parse (status->latest_date, &date))
    return NULL;
  when = pb_format_date (&date);
  /* Translators: a completion worked out, then the value expected on the latest actual's date and that date */
  return g_strdup_printf (_("Completion %s, measured against the %s expected by %s, the latest actual’s date"),
                          sum, against, when);
}

/* A step between two values of @unit, as a briefing writes it: a
 * change of a rate in % is in percentage points (16个百分点), never
 * "16%" (which reads as 16 % of something). */
static char *
format_step (double      value,
             const char *unit,
             int         decimals,
             gboolean    estimate)
{
  if (unit && (g_str_equal (unit, "%") || g_str_equal (unit, "％")))
    {
      g_autofree char *n = estimate ? pb_format_estimate (value, NULL, decimals)
                                    : pb_format_number_compact (value, NULL, decimals);

      /* Translators: a change of a rate: "16 percentage points", 16个百分点 */
      return g_strdup_printf (_("%s percentage points"), n);
    }
  return estimate ? pb_format_estimate (value, unit, decimals) : pb_format_number_compact (value, unit, decimals);
}

/* The reason of a completion counted from a baseline, saying what is
 * divided (rev21 finding 8): the change made since the baseline and the
 * change expected by the latest actual's date, both from the baseline,
 * so that 17,200 against 20,975 expected from 12,000 reads "58% of the
 * rise of 8,975 expected: up 5,200 from the 12,000 baseline", never
 * "58% of the 20,975 expected" (17,200 is 82 % of it).
 * As a Chinese briefing writes it: 完成率 = 实际增量 ÷ 序时应完成增量. */
static char *
reason_from_baseline (const PbIndicatorStatus *status,
                      const char              *unit,
                      const char              *percent,
                      const char              *when)
{
  double made = status->decreasing ? status->against_from - status->latest : status->latest - status->against_from;
  double owed = status->decreasing ? status->against_from - status->against : status->against - status->against_from;
  g_autofree char *base = pb_format_number_compact (status->against_from, unit, status->decimals);
  g_autofree char *got = format_step (fabs (made), unit, status->decimals, FALSE);
  g_autofree char *need = format_step (owed, unit, status->decimals, TRUE);

  if (status->decreasing && made >= 0)
    /* Translators: a fall from a baseline against the fall expected by
     * the latest actual's date: "50% of the fall of 0.2 expected by
     * 2026-06-30: down 0.1 from the 1.7 baseline";
     * 完成率 = 实际降幅 ÷ 序时应降幅 */
    return g_strdup_printf (_("%1$s of the fall of %5$s expected by %2$s: down %3$s from the %4$s baseline"),
                            percent, when, got, base, need);
  if (status->decreasing)
    /* Translators: a value that should fall is above its baseline:
     * "0% of the fall of 0.2 expected by 2026-06-30: 0.1 above the 1.7
     * baseline" */
    return g_strdup_printf (_("%1$s of the fall of %5$s expected by %2$s: %3$s above the %4$s baseline"),
                            percent, when, got, base, need);
  if (made >= 0)
    /* Translators: a rise from a baseline against the rise expected by
     * the latest actual's date: "58% of the rise of 8,975架 expected by
     * 2026-06-30: up 5,200架 from the 12,000架 baseline";
     * 完成率 = 实际增量 ÷ 序时应完成增量 */
    return g_strdup_printf (_("%1$s of the rise of %5$s expected by %2$s: up %3$s from the %4$s baseline"),
                            percent, when, got, base, need);
  /* Translators: a value that should rise is below its baseline: "0% of
   * the rise of 8,975架 expected by 2026-06-30: 300架 below the 12,000架
   * baseline" */
  return g_strdup_printf (_("%1$s of the rise of %5$s expected by %2$s: %3$s below the %4$s baseline"),
                          percent, when, got, base, need);
}

/**
 * pb_indicator_completion_definition:
 *
 * What an indicator's completion is, in a sentence for a column's
 * tooltip and a printed table's footnote (DESIGN §5).
 *
 * Returns: (transfer none): the sentence
 */
const char *
pb_indicator_completion_definition (void)
{
  return _("Completion: the progress made (from the baseline, where there is one) ÷ the progress expected by the date of the latest actual; over 100% is ahead of schedule.");
}

/**
 * pb_organisation_completion_definition:
 *
 * What an organisation's completion is, in a sentence for a column's
 * tooltip and a printed table's footnote (DESIGN §5): the mean of its
 * items' completion, each capped at 100 % (pb_store_get_item_health_completion()).
 *
 * Returns: (transfer none): the sentence
 */
const char *
pb_organisation_completion_definition (void)
{
  return _("Completion: the mean of the completion of the items the organisation leads, each capped at 100%. The completion of an item is its progress ÷ the share of its time gone, or the completion of its worst indicator when that is lower or the item is measured by its indicators.");
}

/* Completion against the targets, missed targets and missing reports.
 * With @from_year (an item's first year; 0 for the indicator itself),
 * only the targets of that year and later are judged, met, missed or
 * unreported (@actuals are then the reports from that year on); the
 * value expected on a date still runs through every target. */
static void
evaluate_targets (PbIndicator       *indicator,
                  GListModel        *targets,
                  GListModel        *actuals,
                  const GDate       *origin,
                  const GDate       *today,
                  int                from_year,
                  PbIndicatorStatus *status)
{
  g_autoptr(GArray) goals = NULL;
  g_autoptr(PbActual) latest = NULL;
  guint n_actuals;
  GDate date, due;
  double baseline, expected;
  gboolean baseline_known;
  const Goal *g = NULL;

  g_return_if_fail (PB_IS_INDICATOR (indicator));
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (status != NULL);

  memset (status, 0, sizeof *status);
  status->expected = NAN;
  status->expected_today = NAN;
  status->completion = NAN;
  status->against = NAN;
  status->against_from = NAN;
  status->later = NAN;
  status->progress = -1;
  status->decimals = pb_indicator_get_precision (indicator, targets, actuals);

  goals = collect_goals (targets);
  n_actuals = g_list_model_get_n_items (actuals);
  {
    GDate baseline_date;
    baseline_known = indicator_baseline (indicator, origin, &baseline, &baseline_date);
  }

  if (!expected_from_goals (indicator, goals, origin, today, &status->expected_today))
    status->expected_today = NAN;

  /* For an item, no target in the years it runs is none to judge by. */
  if (goals->len == 0 || g_array_index (goals, Goal, goals->len - 1).year < from_year)
    {
      status->reason = g_strdup (_("No target to judge by"));
      return;
    }

  if (n_actuals == 0)
    {
      const Goal *first = &g_array_index (goals, Goal, 0);

      for (guint i = 0; first->year < from_year && i + 1 < goals->len; i++)
        first = &g_array_index (goals, Goal, i + 1);

      /* A first target year that has begun with no report at all. */
      if (g_date_get_year (today) >= first->year)
        {
          status->health = PB_HEALTH_RED;
          status->judged_year = first->year;
          status->reason = g_strdup_printf (_("No actual reported for %d"), first->year);
        }
      else
        status->reason = g_strdup (_("No actual reported yet"));
      return;
    }

  latest = g_list_model_get_item (actuals, n_actuals - 1);
  status->has_actual = TRUE;
  status->latest = pb_record_get_double (PB_RECORD (latest), "value");
  g_strlcpy (status->latest_date, pb_record_get_string (PB_RECORD (latest), "date"), sizeof status->latest_date);
  status->progress = pb_indicator_compute_progress_on (indicator, targets, actuals, today);

  if (!pb_date_parse (status->latest_date, &date))
    {
      status->reason = g_strdup (_("The latest actual has no valid date"));
      return;
    }

  /* The target the latest actual answers. */
  if (is_annual (indicator))
    g = goal_for_year (goals, g_date_get_year (&date));
  else
    for (guint i = 0; i < goals->len && g == NULL; i++)
      if (g_array_index (goals, Goal, i).year >= g_date_get_year (&date) || i + 1 == goals->len)
        g = &g_array_index (goals, Goal, i);

  if (g == NULL)
    {
      const Goal *first = &g_array_index (goals, Goal, 0);

      for (guint i = 0; first->year < from_year && i + 1 < goals->len; i++)
        first = &g_array_index (goals, Goal, i + 1);

      /* An annual figure stands for its own year alone: one of a year
       * before the first target's is no report of that year, which,
       * begun, is red as with no report at all. */
      if (is_annual (indicator) && (int) g_date_get_year (&date) < first->year &&
          (int) g_date_get_year (today) >= first->year)
        {
          status->health = PB_HEALTH_RED;
          status->judged_year = first->year;
          status->reason = g_strdup_printf (_("No actual reported for %d"), first->year);
          return;
        }
      status->reason = g_strdup_printf (_("No target for %d"), g_date_get_year (&date));
      return;
    }
  status->judged_year = g->year;

  /* A year that is over: the target is met or missed. */
  year_end (g->year, &due);
  if (g_date_compare (today, &due) > 0 && !goal_met (indicator, g, status->latest))
    {
      g_autofree char *target = format_value (g->value, status->decimals);
      g_autofree char *actual = format_value (status->latest, status->decimals);

      if (expected_from_goals (indicator, goals, origin, &date, &expected))
        status->expected = expected;
      status->completion = completion_of (indicator, g, baseline, baseline_known, g->value, status->latest,
                                          &status->against_from);
      status->against = g->value;
      status->against_target = TRUE;
      status->decreasing = goal_decreases (indicator, g);
      status->health = PB_HEALTH_RED;
      status->reason = g_strdup_printf (_("Missed its %d target of %s: %s"), g->year, target, actual);
      return;
    }

  if (!expected_from_goals (indicator, goals, origin, &date, &expected))
    {
      status->reason = g_strdup_printf (_("No target for %d"), g_date_get_year (&date));
      return;
    }

  status->expected = expected;
  status->completion = completion_of (indicator, g, baseline, baseline_known, expected, status->latest,
                                      &status->against_from);
  status->against = expected;
  status->decreasing = goal_decreases (indicator, g);
  status->health = pb_health_from_completion (status->completion);
  {
    g_autofree char *percent = format_percent (status->completion);
    /* Computed, not reported: 44.7万个, as a briefing writes it, with
     * the indicator's unit (DESIGN §7: 2600个, 1.2万个). */
    g_autofree char *value = pb_format_estimate (expected, pb_indicator_get_measure_unit (indicator),
                                                 status->decimals);
    g_autofree char *when = pb_format_date (&date);  /* 2023年6月30日 in Chinese */

    if (origin && g_date_valid (origin) && g->year < (int) g_date_get_year (origin) && !baseline_dated (indicator))
      {
        g_autofree char *target = format_value (g->value, status->decimals);

        if (!isnan (status->against_from))
          {
            g_autofree char *base = format_value (status->against_from, status->decimals);

            /* Translators: "50% of the way from the 10 baseline to its 2026
             * target of 12.5, a year before the plan period": counted from
             * the baseline, (latest − baseline) ÷ (target − baseline) */
            status->reason = g_strdup_printf (_("%1$s of the way from the %2$s baseline to its %3$d target of %4$s, a year before the plan period"),
                                              percent, base, g->year, target);
          }
        else
          /* Translators: "90% of its 2026 target of 12.5, a year before the
           * plan period": a target left behind when the period moved */
          status->reason = g_strdup_printf (_("%s of its %d target of %s, a year before the plan period"),
                                            percent, g->year, target);
      }
    else if (!isnan (status->against_from))
      status->reason = reason_from_baseline (status, pb_indicator_get_measure_unit (indicator), percent, when);
    else
      /* Translators: "92% of the 1950 expected by 2023-06-30" */
      status->reason = g_strdup_printf (_("%s of the %s expected by %s"), percent, value, when);
    status->reason_is_completion = TRUE;
  }
}

/* The actuals (by date) dated on or before @today: @actuals itself when
 * none is later. An actual without a valid date is kept (it is said to
 * have none). */
static GListModel *
actuals_until (GListModel  *actuals,
               const GDate *today)
{
  guint n = g_list_model_get_n_items (actuals);
  GListStore *known = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbRecord) actual = g_list_model_get_item (actuals, i);
      GDate date;
      gboolean later = pb_date_parse (pb_record_get_string (actual, "date"), &date) &&
                       g_date_compare (&date, today) > 0;

      if (later && known == NULL)
        {
          known = g_list_store_new (G_OBJECT_TYPE (actual));
          for (guint j = 0; j < i; j++)
            {
              g_autoptr(GObject) before = g_list_model_get_item (actuals, j);
              g_list_store_append (known, before);
            }
        }
      else if (!later && known != NULL)
        g_list_store_append (known, actual);
    }
  return known ? G_LIST_MODEL (known) : g_object_ref (actuals);
}

/* The last day reports are still owed: the end of the last target's year. */
static gboolean
reports_owed (GListModel  *targets,
              const GDate *today)
{
  int last = 0;

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);
      last = MAX (last, pb_target_get_year (t));
    }
  return last > 0 && g_date_get_year (today) <= last;
}

static void evaluate_since (PbIndicator       *indicator,
                            GListModel        *targets,
                            GListModel        *actuals,
                            const GDate       *origin,
                            const GDate       *today,
                            const GDate       *report_since,
                            int                from_year,
                            PbIndicatorStatus *status);
static GListModel *actuals_from (GListModel *actuals,
                                 int         from_year);

/**
 * pb_indicator_evaluate_since:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets
 * @actuals: (element-type PbActual): its actuals, by date
 * @origin: (nullable): the first day of the plan period
 * @today: the day to judge on
 * @report_since: (nullable): the first day of the last closed reporting
 *   period: a latest report older than it is late. %NULL: a report older
 *   than 100 days is late
 * @status: (out caller-allocates): what the rules say; clear it with
 *   pb_indicator_status_clear()
 *
 * The rules of DESIGN §5 for an indicator: completion against the
 * expected trajectory, a target year over and unmet red, a first target
 * year begun with no report red, and a late report (while targets are
 * still to come) at least yellow, "No report since …".
 */
void
pb_indicator_evaluate_since (PbIndicator       *indicator,
                             GListModel        *targets,
                             GListModel        *actuals,
                             const GDate       *origin,
                             const GDate       *today,
                             const GDate       *report_since,
                             PbIndicatorStatus *status)
{
  g_return_if_fail (PB_IS_INDICATOR (indicator));
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (status != NULL);

  evaluate_since (indicator, targets, actuals, origin, today, report_since, 0, status);
}

/* Whether @targets has one for a year before @first_year. */
static gboolean
targets_before (GListModel *targets,
                int         first_year)
{
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);

      if (pb_target_get_year (t) < first_year)
        return TRUE;
    }
  return FALSE;
}

/**
 * pb_indicator_evaluate_for_item:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets
 * @actuals: (element-type PbActual): its actuals, by date
 * @origin: (nullable): the first day of the plan period
 * @today: the day to judge on
 * @report_since: (nullable): as for pb_indicator_evaluate_since()
 * @first_year: the year the item starts in
 * @status: (out caller-allocates): what the rules say for the item
 *
 * The indicator's part of the health of an item that starts in
 * @first_year (DESIGN §5, docs/ARCHITECTURE.md "Health"): an item is
 * judged on the target years it runs in. When the indicator has a target
 * for a year before @first_year, that target, and the reports dated
 * before @first_year, neither make the item red nor yellow: the targets
 * from @first_year on are judged by the indicator's rules on the reports
 * from @first_year on (a first one of those years begun with no report is
 * red), against the value expected on a date through every target. The
 * indicator itself is still judged on all its years
 * (pb_indicator_evaluate_since()), and so is every item that ran in
 * them. Without a target before @first_year this is
 * pb_indicator_evaluate_since().
 */
void
pb_indicator_evaluate_for_item (PbIndicator       *indicator,
                                GListModel        *targets,
                                GListModel        *actuals,
                                const GDate       *origin,
                                const GDate       *today,
                                const GDate       *report_since,
                                int                first_year,
                                PbIndicatorStatus *status)
{
  g_return_if_fail (PB_IS_INDICATOR (indicator));
  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (status != NULL);

  evaluate_since (indicator, targets, actuals, origin, today, report_since,
                  targets_before (targets, first_year) ? first_year : 0, status);
}

/* The actuals dated in @from_year or later (or with no valid date, which
 * is said); @actuals itself with @from_year 0. */
static GListModel *
actuals_from (GListModel *actuals,
              int         from_year)
{
  GListStore *kept = NULL;
  guint n = g_list_model_get_n_items (actuals);

  if (from_year <= 0)
    return g_object_ref (actuals);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbRecord) actual = g_list_model_get_item (actuals, i);
      GDate date;

      if (kept == NULL)
        kept = g_list_store_new (G_OBJECT_TYPE (actual));
      if (!pb_date_parse (pb_record_get_string (actual, "date"), &date) ||
          (int) g_date_get_year (&date) >= from_year)
        g_list_store_append (kept, actual);
    }
  return kept ? G_LIST_MODEL (kept) : g_object_ref (actuals);
}

static void
evaluate_since (PbIndicator       *indicator,
                GListModel        *targets,
                GListModel        *actuals,
                const GDate       *origin,
                const GDate       *today,
                const GDate       *report_since,
                int                from_year,
                PbIndicatorStatus *status)
{
  GDate since, latest;

  g_autoptr(GListModel) known = NULL;
  g_autoptr(GListModel) judged = NULL;

  /* Judged as on @today: what was reported by then, never a later
   * actual (`health --today 2025-04-15` on a library reported into
   * 2026 judged the 2026 figures against 2026's expectation). */
  known = actuals_until (actuals, today);
  judged = actuals_from (known, from_year);
  evaluate_targets (indicator, targets, judged, origin, today, from_year, status);
  /* An item's progress is the indicator's, from every report. */
  if (judged != known)
    status->progress = pb_indicator_compute_progress_on (indicator, targets, known, today);

  /* An actual dated after @today is recorded but counts only from its
   * date; the views say so beside the latest one that counts. */
  if (g_list_model_get_n_items (known) < g_list_model_get_n_items (actuals))
    for (guint i = 0; i < g_list_model_get_n_items (actuals) && !status->has_later; i++)
      {
        g_autoptr(PbRecord) a = g_list_model_get_item (actuals, i);
        const char *when = pb_record_get_string (a, "date");
        GDate d;

        if (pb_date_parse (when, &d) && g_date_compare (&d, today) > 0)
          {
            status->has_later = TRUE;
            status->later = pb_record_get_double (a, "value");
            g_strlcpy (status->later_date, when, sizeof status->later_date);
          }
      }

  if (!status->has_actual || status->health >= PB_HEALTH_YELLOW || !reports_owed (targets, today) ||
      !pb_date_parse (status->latest_date, &latest))
    return;

  if (report_since != NULL && g_date_valid (report_since))
    since = *report_since;
  else
    {
      since = *today;
      g_date_subtract_days (&since, 100);
    }

  if (g_date_compare (&latest, &since) < 0)
    {
      g_autofree char *when = pb_format_date (&latest);

      status->health = PB_HEALTH_YELLOW;
      status->reason_is_completion = FALSE;
      g_free (status->reason);
      /* Translators: an indicator whose latest report is too old; the date of that report */
      status->reason = g_strdup_printf (_("No report since %s"), when);
    }
}

/**
 * pb_indicator_evaluate:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets
 * @actuals: (element-type PbActual): its actuals, by date
 * @origin: (nullable): the first day of the plan period
 * @today: the day to judge on
 * @status: (out caller-allocates): what the rules say
 *
 * pb_indicator_evaluate_since() for a plan with no closed period.
 */
void
pb_indicator_evaluate (PbIndicator       *indicator,
                       GListModel        *targets,
                       GListModel        *actuals,
                       const GDate       *origin,
                       const GDate       *today,
                       PbIndicatorStatus *status)
{
  pb_indicator_evaluate_since (indicator, targets, actuals, origin, today, NULL, status);
}

/**
 * pb_indicator_compute_progress:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets, by year
 * @actuals: (element-type PbActual): its actuals, by date
 *
 * How far the latest actual has come towards the target it answers:
 * for a cumulative indicator the last target, for an annual one the
 * target of the actual's own year — a year without a target of its own
 * has none to answer (its health says "No target for 2023"; a 2023
 * figure is never measured against 2025's). Progress is counted as
 * completion is (DESIGN §5), from the baseline when there is one: made
 * over needed, (latest − baseline) ÷ (target − baseline), and for a
 * decreasing indicator (能耗, 以内) (baseline − latest) ÷ (baseline −
 * target), complete at or under its target. This is an item's progress,
 * not its health.
 *
 * Returns: 0 to 1, or -1 when there is no actual or no target to judge by
 */
double
pb_indicator_compute_progress (PbIndicator *indicator,
                               GListModel  *targets,
                               GListModel  *actuals)
{
  return pb_indicator_compute_progress_on (indicator, targets, actuals, NULL);
}

/**
 * pb_indicator_compute_progress_on:
 * @indicator: an indicator
 * @targets: (element-type PbTarget): its targets, by year
 * @actuals: (element-type PbActual): its actuals, by date
 * @today: (nullable): the day it is judged on
 *
 * As pb_indicator_compute_progress(), on @today: an annual indicator
 * whose year of @today has a target, and no actual of that year yet, has
 * made none of this year's way (0) — last year's figure, met or not, is
 * not this year's progress (a reviewer saw a task at 86 % in November
 * 2026 from 2025's 新建5G基站 3200 of 3000, with nothing reported for
 * 2026's 4000).
 *
 * Returns: 0 to 1, or -1 when there is no actual or no target to judge by
 */
double
pb_indicator_compute_progress_on (PbIndicator *indicator,
                                  GListModel  *targets,
                                  GListModel  *actuals,
                                  const GDate *today)
{
  g_autoptr(GArray) goals = NULL;
  g_autoptr(PbActual) actual = NULL;
  guint n_actuals;
  const Goal *g;
  double value, baseline, from;
  gboolean baseline_known;
  GDate date, baseline_date;

  g_return_val_if_fail (PB_IS_INDICATOR (indicator), -1);

  goals = collect_goals (targets);
  n_actuals = g_list_model_get_n_items (actuals);
  if (goals->len == 0 || n_actuals == 0)
    return -1;

  actual = g_list_model_get_item (actuals, n_actuals - 1);
  value = pb_record_get_double (PB_RECORD (actual), "value");

  if (is_annual (indicator))
    {
      /* The target the latest actual answers, as its health takes it
       * (evaluate_targets()): an annual figure answers its own year's. */
      if (!pb_date_parse (pb_record_get_string (PB_RECORD (actual), "date"), &date))
        return -1;
      /* A year with a target of its own and no figure yet: none of it. */
      if (today != NULL && g_date_valid (today) && g_date_get_year (&date) < g_date_get_year (today) &&
          goal_for_year (goals, g_date_get_year (today)) != NULL)
        return 0;
      g = goal_for_year (goals, g_date_get_year (&date));
      if (g == NULL)
        return -1;
    }
  else
    g = &g_array_index (goals, Goal, goals->len - 1);

  /* The same sum as completion's, with the target as what is expected. */
  baseline_known = indicator_baseline (indicator, NULL, &baseline, &baseline_date);
  return CLAMP (completion_of (indicator, g, baseline, baseline_known, g->value, value, &from), 0, 1);
}

/* ---- Items ---------------------------------------------------------------- */

/* The worst rule so far and its reason; of two alike, the first. */
typedef struct
{
  PbHealth health;
  char    *reason;
} Verdict;

static void
verdict_consider (Verdict  *v,
                  PbHealth  health,
                  char     *reason)
{
  if (v->reason == NULL || health > v->health)
    {
      g_free (v->reason);
      v->health = health;
      v->reason = reason;
    }
  else
    g_free (reason);
}

static char *
percent_text (double fraction)
{
  return pb_format_percent (fraction);
}

/**
 * pb_item_completion_at:
 * @status: the item's status
 * @progress: its progress by hand, 0 to 1
 * @start: (nullable): its start (the plan's when it has none)
 * @due: (nullable): its due date (the plan's when it has none)
 * @date: the day
 *
 * An item's completion on @date (DESIGN §5): its progress over the share
 * of its time gone (序时进度), capped at 100 %, once a tenth of its time has
 * gone. Done: 100 %. Cancelled, not yet a tenth of its time gone (or not
 * begun), or without dates: none (NAN), and left out of every mean.
 *
 * Returns: the completion, 0 to 1, or NAN
 */
double
pb_item_completion_at (PbItemStatus  status,
                       double        progress,
                       const GDate  *start,
                       const GDate  *due,
                       const GDate  *date)
{
  double span, elapsed;

  if (status == PB_ITEM_STATUS_CANCELLED)
    return NAN;
  if (status == PB_ITEM_STATUS_DONE)
    return 1;
  if (start == NULL || due == NULL || date == NULL ||
      !g_date_valid (start) || !g_date_valid (due) || !g_date_valid (date))
    return NAN;
  span = g_date_days_between (start, due);
  if (span <= 0)
    return NAN;
  elapsed = g_date_days_between (start, date) / span;
  if (elapsed < 0.10 - 1e-12)
    return NAN;
  if (status == PB_ITEM_STATUS_NOT_STARTED || isnan (progress))
    progress = 0;
  return CLAMP (progress / MIN (elapsed, 1.0), 0, 1);
}

/**
 * pb_item_compute_completion:
 * @item: an item
 * @default_start: (nullable): its start when it has none: the plan's
 * @default_due: (nullable): its due date when it has none: the plan's
 * @date: the day
 *
 * pb_item_completion_at() for @item's own status, progress and dates.
 *
 * Returns: the completion, 0 to 1, or NAN
 */
/* What an item's rules read, read from its record once: an item is judged
 * by several rules, each of which read the record's columns by name and
 * parsed its dates again (a start of 20,000 items judged each about ten
 * times). */
typedef struct
{
  PbItemKind     kind;
  PbItemStatus   status;
  double         progress;
  PbProgressMode progress_mode;
  PbHealth       override;
  const char    *health_reason; /* the record's; NULL when none */
  const char    *health_date;
  gboolean       has_start;
  gboolean       has_due;
  GDate          start;         /* its own, valid when has_start */
  GDate          due;           /* its own, valid when has_due */
} ItemFacts;

enum
{
  FACT_KIND, FACT_STATUS, FACT_PROGRESS, FACT_PROGRESS_MODE, FACT_OVERRIDE,
  FACT_HEALTH_REASON, FACT_HEALTH_DATE, FACT_START_DATE, FACT_DUE_DATE, N_FACTS
};

static void
item_facts (PbItem    *item,
            ItemFacts *f)
{
  static const struct { const char *name; PbColumnType type; } columns[N_FACTS] = {
    [FACT_KIND] = { "kind", PB_COLUMN_ENUM },
    [FACT_STATUS] = { "status", PB_COLUMN_ENUM },
    [FACT_PROGRESS] = { "progress", PB_COLUMN_REAL },
    [FACT_PROGRESS_MODE] = { "progress_mode", PB_COLUMN_ENUM },
    [FACT_OVERRIDE] = { "health_override", PB_COLUMN_ENUM },
    [FACT_HEALTH_REASON] = { "health_reason", PB_COLUMN_TEXT },
    [FACT_HEALTH_DATE] = { "health_date", PB_COLUMN_TEXT },
    [FACT_START_DATE] = { "start_date", PB_COLUMN_TEXT },
    [FACT_DUE_DATE] = { "due_date", PB_COLUMN_TEXT },
  };
  /* The item table's columns, looked up once: each value is of its
   * column's type (pb_record_get_enum () and the others read them so). */
  static guint index[N_FACTS];
  static gsize looked_up;
  const GValue *v;

  if (g_once_init_enter (&looked_up))
    {
      g_autoptr(PbRecordClass) klass = g_type_class_ref (PB_TYPE_ITEM);

      for (guint i = 0; i < N_FACTS; i++)
        {
          const PbColumn *c = pb_record_class_find_column (klass, columns[i].name, &index[i]);

          g_assert (c != NULL && c->type == columns[i].type);
        }
      g_once_init_leave (&looked_up, 1);
    }

  g_return_if_fail (PB_IS_ITEM (item));
  v = pb_record_peek_values ((PbRecord *) item);
  f->kind = (int) v[index[FACT_KIND]].data[0].v_long;
  f->status = (int) v[index[FACT_STATUS]].data[0].v_long;
  f->progress = v[index[FACT_PROGRESS]].data[0].v_double;
  f->progress_mode = (int) v[index[FACT_PROGRESS_MODE]].data[0].v_long;
  f->override = (int) v[index[FACT_OVERRIDE]].data[0].v_long;
  f->health_reason = v[index[FACT_HEALTH_REASON]].data[0].v_pointer;
  f->health_date = v[index[FACT_HEALTH_DATE]].data[0].v_pointer;
  f->has_start = pb_date_parse (v[index[FACT_START_DATE]].data[0].v_pointer, &f->start);
  f->has_due = pb_date_parse (v[index[FACT_DUE_DATE]].data[0].v_pointer, &f->due);
}

static double
facts_completion (const ItemFacts *f,
                  const GDate     *default_start,
                  const GDate     *default_due,
                  const GDate     *date)
{
  GDate start, due;

  g_date_clear (&start, 1);
  g_date_clear (&due, 1);
  if (f->has_start)
    start = f->start;
  else if (default_start)
    start = *default_start;
  if (f->has_due)
    due = f->due;
  else if (default_due)
    due = *default_due;
  return pb_item_completion_at (f->status, f->progress, &start, &due, date);
}

double
pb_item_compute_completion (PbItem      *item,
                            const GDate *default_start,
                            const GDate *default_due,
                            const GDate *date)
{
  ItemFacts f;

  g_return_val_if_fail (PB_IS_ITEM (item), NAN);

  item_facts (item, &f);
  return facts_completion (&f, default_start, default_due, date);
}

/* A health set by hand says so first, then its day and its reason, in
 * every tooltip, table and report that gives the reason: a light the
 * office set is not read as one the figures earned (rev21 finding 21). */
static char *
override_reason (const ItemFacts *f)
{
  const char *given = f->health_reason && *f->health_reason ? f->health_reason : NULL;
  GDate set_on;

  if (f->health_date != NULL && pb_date_parse (f->health_date, &set_on))
    {
      g_autofree char *when = pb_format_date (&set_on);

      return given
             /* Translators: a health set by hand: the day it was set, then its reason */
             ? g_strdup_printf (_("Set by hand on %s: %s"), when, given)
             /* Translators: a health set by hand, with no reason: the day it was set */
             : g_strdup_printf (_("Set by hand on %s"), when);
    }
  return given
         /* Translators: a health set by hand: its reason */
         ? g_strdup_printf (_("Set by hand: %s"), given)
         : g_strdup (_("Set by hand"));
}

/**
 * pb_item_compute_health:
 * @item: an item
 * @default_start: (nullable): its start when it has none: the plan's
 * @default_due: (nullable): its due date when it has none: the plan's
 * @today: the date to judge on
 * @reason: (out) (optional) (transfer full): why, in words for a tooltip
 *
 * The item's health from its own dates, status and override (DESIGN §5,
 * the item table), leaving its dependencies and indicators out;
 * pb_store_get_item_health() adds them. A manual override wins; done is
 * blue; cancelled has none; otherwise the worst of: past its due date,
 * red; blocked, yellow (red with under a quarter of its time left); not
 * started with a tenth of its time gone, yellow (red from half); in
 * progress or blocked, from a tenth of its time gone, its progress (by
 * hand) over the share of its time gone, by the completion thresholds.
 *
 * Returns: the item's health on @today
 */
static PbHealth
facts_health (const ItemFacts *f,
              const GDate     *default_start,
              const GDate     *default_due,
              const GDate     *today,
              char           **reason)
{
  PbHealth override = f->override;
  PbItemStatus status = f->status;
  GDate start, due;
  gboolean has_start, has_due;
  Verdict v = { PB_HEALTH_BLUE, NULL };

  g_date_clear (&start, 1);
  g_date_clear (&due, 1);
  has_start = f->has_start;
  if (has_start)
    start = f->start;
  else if (default_start && g_date_valid (default_start))
    {
      start = *default_start;
      has_start = TRUE;
    }
  has_due = f->has_due;
  if (has_due)
    due = f->due;
  else if (default_due && g_date_valid (default_due))
    {
      due = *default_due;
      has_due = TRUE;
    }

  if (override != PB_HEALTH_NONE)
    verdict_consider (&v, override, override_reason (f));
  else if (status == PB_ITEM_STATUS_DONE)
    verdict_consider (&v, PB_HEALTH_BLUE, g_strdup (_("Done")));
  else if (status == PB_ITEM_STATUS_CANCELLED)
    verdict_consider (&v, PB_HEALTH_NONE, g_strdup (_("Cancelled")));
  else
    {
      gboolean past_due = has_due && g_date_compare (today, &due) > 0;
      double span = has_start && has_due ? g_date_days_between (&start, &due) : 0;
      double elapsed = NAN, left = NAN;

      if (span > 0)
        {
          elapsed = g_date_days_between (&start, today) / span;
          left = g_date_days_between (today, &due) / span;
        }

      if (past_due)
        verdict_consider (&v, PB_HEALTH_RED, g_strdup (_("Past its due date and not done")));

      if (status == PB_ITEM_STATUS_BLOCKED)
        verdict_consider (&v, past_due || (!isnan (left) && left < 0.25 - 1e-12) ? PB_HEALTH_RED : PB_HEALTH_YELLOW,
                          g_strdup (_("Blocked")));

      if (status == PB_ITEM_STATUS_NOT_STARTED && !isnan (elapsed) && elapsed >= 0.10 - 1e-12)
        {
          int days = g_date_days_between (&start, today);

          verdict_consider (&v, elapsed >= 0.50 - 1e-12 ? PB_HEALTH_RED : PB_HEALTH_YELLOW,
                            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not started %d day after its start",
                                                          "Not started %d days after its start", days), days));
        }

      /* 序时进度: progress (by hand) against the share of the time gone. */
      if ((status == PB_ITEM_STATUS_IN_PROGRESS || status == PB_ITEM_STATUS_BLOCKED) &&
          f->progress_mode == PB_PROGRESS_MODE_MANUAL &&
          !isnan (elapsed) && elapsed >= 0.10 - 1e-12)
        {
          double progress = f->progress;
          double share = MIN (elapsed, 1.0);
          g_autofree char *done = percent_text (progress);
          g_autofree char *gone = percent_text (share);

          /* Translators: an item's progress and the share of its time gone, "40% done with 63% of the time gone" */
          verdict_consider (&v, pb_health_from_completion (progress / share),
                            g_strdup_printf (_("%s done with %s of the time gone"), done, gone));
        }
    }

  if (v.reason == NULL)
    v.reason = g_strdup (_("On track"));
  if (reason)
    *reason = v.reason;
  else
    g_free (v.reason);
  return v.health;
}

PbHealth
pb_item_compute_health (PbItem      *item,
                        const GDate *default_start,
                        const GDate *default_due,
                        const GDate *today,
                        char       **reason)
{
  ItemFacts f;

  g_return_val_if_fail (PB_IS_ITEM (item), PB_HEALTH_NONE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), PB_HEALTH_NONE);

  item_facts (item, &f);
  return facts_health (&f, default_start, default_due, today, reason);
}

/* ---- The cache ------------------------------------------------------------ */

typedef struct
{
  PbHealth health;
  char    *reason;
  double   completion;        /* its progress (bars): see pb_store_get_item_completion() */
  double   health_completion; /* DESIGN §5 completion, or NAN: see pb_store_get_item_health_completion() */
  double   indicator_progress;  /* mean progress of its indicators, or -1 */
  gboolean has_previous;      /* in the last closed period */
  PbHealth previous_health;
  double   previous_completion;
  double   previous_health_completion; /* at the end of the last closed period, or NAN */
} ItemHealth;

typedef struct
{
  guint64       generation;
  guint         serial;
  int           julian;
  PbNumberStyle style;     /* the figures in the reasons are written in it */
  GHashTable *items;       /* item id → ItemHealth */
  GHashTable *indicators;  /* indicator id → PbIndicatorStatus */
  GHashTable *by_item;     /* item id → ItemIndicators, pointing into indicators */
  /* What an item's health is computed from, kept so that an edit of a few
   * items recomputes those items and the items after them, not the plan. */
  GHashTable *item_by_id;  /* item id → PbItem (a ref) */
  GHashTable *predecessors; /* item id → GPtrArray of PbDependency into it */
  GHashTable *successors;  /* item id → GArray of the item ids depending on it */
  GHashTable *previous;    /* item id → PbPeriodItem of the last closed period */
  GHashTable *previous_indicators; /* indicator id → PbPeriodIndicator of it */
  GDate       origin, end; /* the plan period */
  GDate       previous_end; /* the last day of the last closed period, or invalid */
  guint       n_computed;  /* items judged so far, carried on, for the tests */
  GArray     *updated;     /* the item ids the last update judged again, or
                            * NULL when it judged the whole plan */
  /* What the indicators' part is computed from, kept so that new or
   * changed actuals and targets judge again their indicators and the
   * items those serve, not the plan (a shared library's reporters add
   * hundreds a second). */
  GHashTable *indicator_by_id; /* indicator id → PbIndicator (a ref) */
  GHashTable *rows_of[2];      /* ROWS_TARGET, ROWS_ACTUAL: indicator id →
                                * GListStore of its rows, in list order */
  GHashTable *row_indicator[2]; /* row id → the indicator id it is kept under */
  GHashTable *indicators_of;   /* item id → GArray of the indicator ids serving
                                * it, in the indicators' order */
  GHashTable *serving;         /* indicator id → GArray of item ids */
  gboolean    has_since;
  GDate       since;           /* the first day after the last closed period */
} PlanHealth;

enum { ROWS_TARGET, ROWS_ACTUAL };

static void
item_health_free (gpointer data)
{
  ItemHealth *h = data;

  g_free (h->reason);
  g_free (h);
}

static void
indicator_status_free (gpointer data)
{
  pb_indicator_status_clear (data);
  g_free (data);
}

static void
plan_health_free (gpointer data)
{
  PlanHealth *p = data;

  g_hash_table_unref (p->items);
  g_clear_pointer (&p->by_item, g_hash_table_unref);
  g_clear_pointer (&p->indicators, g_hash_table_unref);
  g_clear_pointer (&p->item_by_id, g_hash_table_unref);
  g_clear_pointer (&p->predecessors, g_hash_table_unref);
  g_clear_pointer (&p->successors, g_hash_table_unref);
  g_clear_pointer (&p->previous, g_hash_table_unref);
  g_clear_pointer (&p->previous_indicators, g_hash_table_unref);
  g_clear_pointer (&p->updated, g_array_unref);
  g_clear_pointer (&p->indicator_by_id, g_hash_table_unref);
  for (guint r = 0; r < 2; r++)
    {
      g_clear_pointer (&p->rows_of[r], g_hash_table_unref);
      g_clear_pointer (&p->row_indicator[r], g_hash_table_unref);
    }
  g_clear_pointer (&p->indicators_of, g_hash_table_unref);
  g_clear_pointer (&p->serving, g_hash_table_unref);
  g_free (p);
}

/* The plan period: the first day of its first year, the last of its last. */
static void
plan_period (PbStore *store,
             gint64   plan_id,
             GDate   *origin,
             GDate   *end)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);

  g_date_clear (origin, 1);
  g_date_clear (end, 1);
  if (plan && pb_plan_get_period_start (plan) > 0)
    g_date_set_dmy (origin, 1, G_DATE_JANUARY, pb_plan_get_period_start (plan));
  if (plan && pb_plan_get_period_end (plan) >= MAX (pb_plan_get_period_start (plan), 1))
    g_date_set_dmy (end, 31, G_DATE_DECEMBER, pb_plan_get_period_end (plan));
}

/* The first day of a closed period. */
static gboolean
period_start (PbRecord *period,
              GDate    *start)
{
  GDate end;
  int months = pb_record_get_enum (period, "kind") == PB_PERIOD_KIND_QUARTER ? 3 : 1;

  if (!pb_date_parse (pb_record_get_string (period, "end_date"), &end))
    return FALSE;
  g_date_clear (start, 1);
  g_date_set_dmy (start, 1, g_date_get_month (&end), g_date_get_year (&end));
  g_date_subtract_months (start, months - 1);
  return TRUE;
}

/* An item's dates, the plan's where it has none. */
static void
item_dates (const ItemFacts *f,
            const GDate     *origin,
            const GDate     *end,
            GDate           *start,
            GDate           *due)
{
  *start = f->has_start ? f->start : *origin;
  *due = f->has_due ? f->due : *end;
}

static gboolean
item_past_due (const ItemFacts *f,
               const GDate     *end,
               const GDate     *today)
{
  GDate due = f->has_due ? f->due : *end;

  return g_date_valid (&due) && g_date_compare (today, &due) > 0;
}

/* "3 加快…": an item's number and the start of its title. */
static char *
item_short_name (PbItem *item)
{
  const char *number = pb_item_get_number (item);
  const char *title = pb_item_get_title (item);
  GString *s = g_string_new (number);

  if (title && *title)
    {
      glong n = g_utf8_strlen (title, -1);

      if (s->len > 0)
        g_string_append_c (s, ' ');
      if (n > 8)
        {
          g_string_append_len (s, title, g_utf8_offset_to_pointer (title, 6) - title);
          g_string_append (s, "…");
        }
      else
        g_string_append (s, title);
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  PbIndicatorStatus *status; /* the worst of the item's indicators */
  char              *name;
  double             progress_sum;
  guint              progress_count;
} ItemIndicators;

static void
item_indicators_free (gpointer data)
{
  ItemIndicators *w = data;

  g_free (w->name);
  g_free (w);
}

/* Rows of a table with an indicator_id, as indicator id → GListStore,
 * keeping their order. Takes @rows. */
static GHashTable *
group_by_indicator (GPtrArray *rows)
{
  GHashTable *by = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      PbRecord *row = g_ptr_array_index (rows, i);
      gint64 id = pb_record_get_int (row, "indicator_id");
      GListStore *list = g_hash_table_lookup (by, &id);

      if (list == NULL)
        {
          list = g_list_store_new (G_OBJECT_TYPE (row));
          g_hash_table_insert (by, g_memdup2 (&id, sizeof id), list);
        }
      g_list_store_append (list, row);
    }
  g_ptr_array_unref (rows);
  return by;
}

/* The indicator's rows in @by, or an empty list. */
static GListModel *
by_indicator_model (GHashTable *by,
                    gint64      indicator_id)
{
  static GListStore *empty;
  GListStore *list = g_hash_table_lookup (by, &indicator_id);

  if (list == NULL)
    {
      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, g_list_store_new (PB_TYPE_RECORD));
      list = empty;
    }
  return G_LIST_MODEL (list);
}

/* Row id → indicator id, for the rows grouped in @by. */
static GHashTable *
index_rows (GHashTable *by)
{
  GHashTable *index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, by);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (guint i = 0; i < g_list_model_get_n_items (value); i++)
      {
        g_autoptr(PbRecord) row = g_list_model_get_item (value, i);
        gint64 id = pb_record_get_id (row);

        g_hash_table_insert (index, g_memdup2 (&id, sizeof id), g_memdup2 (key, sizeof (gint64)));
      }
  return index;
}

/* An indicator's status counts for an item it serves: the worst one
 * decides (the first in the indicators' order on a tie), the progress
 * is the mean. */
static void
add_indicator_status (ItemIndicators    *w,
                      PbIndicatorStatus *status,
                      PbIndicator       *indicator)
{
  if (status->progress >= 0)
    {
      w->progress_sum += status->progress;
      w->progress_count++;
    }
  if (status->health != PB_HEALTH_NONE && (w->status == NULL || status->health > w->status->health))
    {
      w->status = status;
      g_free (w->name);
      w->name = g_strdup (pb_indicator_get_name (indicator));
    }
}

/* The item's indicators as they count for it (pb_indicator_evaluate_for_item()):
 * @w, the indicators' own statuses, unless the item has a start date and
 * one of them has a target for a year before that date's year; then @own, with such an
 * indicator judged on the item's years (its statuses kept in
 * @statuses). */
static ItemIndicators *
item_view (PlanHealth      *p,
           gint64           id,
           const ItemFacts *f,
           const GDate     *today,
           ItemIndicators  *w,
           ItemIndicators  *own,
           GPtrArray      **statuses)
{
  GArray *of = g_hash_table_lookup (p->indicators_of, &id);
  gboolean any = FALSE;
  int first_year;

  if (w == NULL || of == NULL || p->rows_of[ROWS_TARGET] == NULL || p->rows_of[ROWS_ACTUAL] == NULL)
    return w;
  /* An item without a start date of its own runs over the plan period,
   * and answers for every target of it, one the period has left behind
   * included (test_target_before_period). */
  if (!f->has_start)
    return w;
  first_year = g_date_get_year (&f->start);
  for (guint i = 0; i < of->len && !any; i++)
    any = targets_before (by_indicator_model (p->rows_of[ROWS_TARGET], g_array_index (of, gint64, i)), first_year);
  if (!any)
    return w;

  *statuses = g_ptr_array_new_with_free_func (indicator_status_free);
  for (guint i = 0; i < of->len; i++)
    {
      gint64 *indicator = &g_array_index (of, gint64, i);
      PbIndicator *k = g_hash_table_lookup (p->indicator_by_id, indicator);
      PbIndicatorStatus *status = g_hash_table_lookup (p->indicators, indicator);
      GListModel *targets = by_indicator_model (p->rows_of[ROWS_TARGET], *indicator);

      if (k == NULL || status == NULL)
        continue;
      if (targets_before (targets, first_year))
        {
          PbIndicatorStatus *mine = g_new0 (PbIndicatorStatus, 1);

          pb_indicator_evaluate_for_item (k, targets, by_indicator_model (p->rows_of[ROWS_ACTUAL], *indicator),
                                          &p->origin, today, p->has_since ? &p->since : NULL, first_year, mine);
          g_ptr_array_add (*statuses, mine);
          status = mine;
        }
      add_indicator_status (own, status, k);
    }
  return own;
}

/* One item's health, from what @p keeps: its own rules, its predecessors
 * and its indicators. */
static ItemHealth *
compute_item_health (PlanHealth  *p,
                     PbItem      *item,
                     const GDate *today)
{
  gint64 id = pb_record_get_id ((PbRecord *) item);
  ItemHealth *h = g_new0 (ItemHealth, 1);
  char *why = NULL;
  ItemIndicators *w = g_hash_table_lookup (p->by_item, &id);
  ItemIndicators own = { NULL, NULL, 0, 0 };
  g_autoptr(GPtrArray) own_statuses = NULL;
  GPtrArray *deps;
  ItemFacts f;
  PbItemStatus status;
  gboolean judged;
  const GDate *origin = &p->origin, *end = &p->end;

  item_facts (item, &f);
  status = f.status;
  judged = f.override == PB_HEALTH_NONE && status != PB_ITEM_STATUS_DONE && status != PB_ITEM_STATUS_CANCELLED;
  p->n_computed++;
  /* Judged on the years it runs in: a target of a year before it
   * started does not count against it. */
  w = item_view (p, id, &f, today, w, &own, &own_statuses);

  if (judged && f.kind == PB_ITEM_KIND_GOAL && w != NULL && w->status != NULL)
    {
      /* A goal is as good as the indicators it carries. */
      h->health = w->status->health;
      /* Translators: an indicator's name and why it has its health */
      h->reason = g_strdup_printf (_("%s: %s"), w->name, w->status->reason);
    }
  else if (judged && f.kind == PB_ITEM_KIND_GOAL)
    {
      /* …and with none, it has no health (未评估), whatever its own
       * progress and dates say. */
      h->health = PB_HEALTH_NONE;
      h->reason = g_strdup (_("No indicators to judge it by"));
    }
  else
    {
      h->health = facts_health (&f, origin, end, today, &why);
      h->reason = why;
    }

  /* Finish-to-start: it starts before a predecessor, not done, finishes. */
  deps = g_hash_table_lookup (p->predecessors, &id);
  for (guint d = 0; judged && deps != NULL && d < deps->len; d++)
    {
      PbRecord *dep = g_ptr_array_index (deps, d);
      gint64 from_id = pb_record_get_int (dep, "from_item_id");
      PbItem *before;
      ItemFacts bf;
      GDate start, due, from_start, from_due;

      if ((before = g_hash_table_lookup (p->item_by_id, &from_id)) == NULL)
        continue;
      item_facts (before, &bf);
      if (bf.status == PB_ITEM_STATUS_DONE || bf.status == PB_ITEM_STATUS_CANCELLED)
        continue;
      item_dates (&f, origin, end, &start, &due);
      item_dates (&bf, origin, end, &from_start, &from_due);
      if (!g_date_valid (&start) || !g_date_valid (&from_due))
        continue;
      g_date_add_days (&from_due, MAX (pb_record_get_int (dep, "lag_days"), 0));
      if (g_date_compare (&start, &from_due) <= 0 && PB_HEALTH_YELLOW > h->health)
        {
          g_autofree char *name = item_short_name (before);

          h->health = PB_HEALTH_YELLOW;
          g_free (h->reason);
          /* Translators: a predecessor's number and the start of its title, "3 加快…" */
          h->reason = g_strdup_printf (_("Starts before %s finishes"), name);
        }
    }

  h->indicator_progress = w != NULL && w->progress_count > 0 ? w->progress_sum / w->progress_count : -1;
  if (status == PB_ITEM_STATUS_DONE)
    h->completion = 1;
  else if (f.progress_mode == PB_PROGRESS_MODE_INDICATORS && h->indicator_progress >= 0)
    h->completion = h->indicator_progress;
  else
    h->completion = f.progress;

  /* DESIGN §5 completion, what health and rankings are judged by: done,
   * 100 %; cancelled, none; a goal, or an item measured by its
   * indicators, its indicators' (the worst one's, which decides its
   * health; none without indicators); otherwise progress by hand over
   * the share of its time gone. */
  if (status == PB_ITEM_STATUS_DONE || status == PB_ITEM_STATUS_CANCELLED)
    h->health_completion = pb_item_completion_at (status, 0, NULL, NULL, NULL);
  else if (f.kind == PB_ITEM_KIND_GOAL || f.progress_mode == PB_PROGRESS_MODE_INDICATORS)
    h->health_completion = w != NULL && w->status != NULL ? w->status->completion : NAN;
  else
    h->health_completion = facts_completion (&f, origin, end, today);

  /* Its indicators: the worse decides; on a tie the measured figure
   * says more than the item's own progress, but not more than a due
   * date that has passed. */
  if (judged && w != NULL && w->status != NULL &&
      (w->status->health > h->health ||
       (w->status->health == h->health && h->health >= PB_HEALTH_YELLOW && !item_past_due (&f, end, today))))
    {
      h->health = w->status->health;
      g_free (h->reason);
      h->reason = g_strdup_printf (_("%s: %s"), w->name, w->status->reason);
    }
  /* The completion ranked is the worst of the rules that apply (DESIGN
   * §5), as its health is: an item yellow at 81 % of its indicator's
   * target ranks at 81 %, and one yellow both ways, 79 % of its own
   * schedule and 97 % of an indicator late to report, at 79 %. */
  if (judged && w != NULL && w->status != NULL && !isnan (w->status->completion) &&
      !isnan (h->health_completion))
    h->health_completion = MIN (h->health_completion, w->status->completion);
  /* Too early to judge its own progress (under 10 % of its time gone):
   * what its indicators have measured is its completion. */
  if (judged && isnan (h->health_completion) && status != PB_ITEM_STATUS_CANCELLED &&
      w != NULL && w->status != NULL && !isnan (w->status->completion))
    h->health_completion = w->status->completion;
  /* An item's completion is capped at 100 % whichever rule gave it, as
   * progress over the share of time gone is (pb_item_completion_at()): an
   * indicator's year over-fulfilled (3,200 of 3,000) does not rank an item
   * above one that is done. The indicator's own completion keeps its
   * figure (117 %) where the indicator is shown. */
  if (!isnan (h->health_completion))
    h->health_completion = MIN (h->health_completion, 1.0);

  {
    PbRecord *then = g_hash_table_lookup (p->previous, &id);

    if (then != NULL)
      {
        h->has_previous = TRUE;
        h->previous_health = pb_record_get_enum (then, "health");
        h->previous_completion = pb_record_get_double (then, "progress");
        h->previous_health_completion = NAN;
        if (pb_record_get_enum (then, "status") == PB_ITEM_STATUS_DONE)
          h->previous_health_completion = 1;
        else if (pb_record_get_enum (then, "status") != PB_ITEM_STATUS_CANCELLED)
          {
            /* The same rules as today's, on what the period kept: its
             * own progress over the time gone then, and the worst of
             * its indicators as kept then (the first on a tie). */
            GArray *of = g_hash_table_lookup (p->indicators_of, &id);
            PbRecord *worst = NULL;
            double kept = NAN;

            for (guint i = 0; of != NULL && i < of->len; i++)
              {
                PbRecord *row = g_hash_table_lookup (p->previous_indicators,
                                                     &g_array_index (of, gint64, i));

                if (row != NULL && pb_record_get_enum (row, "health") != PB_HEALTH_NONE &&
                    (worst == NULL || pb_record_get_enum (row, "health") > pb_record_get_enum (worst, "health")))
                  worst = row;
              }
            if (worst != NULL)
              kept = pb_record_get_double (worst, "completion");

            if (f.kind != PB_ITEM_KIND_GOAL && f.progress_mode != PB_PROGRESS_MODE_INDICATORS)
              {
                GDate start, due;

                item_dates (&f, origin, end, &start, &due);
                h->previous_health_completion =
                  pb_item_completion_at (pb_record_get_enum (then, "status"), h->previous_completion,
                                         &start, &due, &p->previous_end);
                if (!isnan (kept) && !isnan (h->previous_health_completion) &&
                    f.override == PB_HEALTH_NONE)
                  h->previous_health_completion = MIN (h->previous_health_completion, kept);
              }
            else
              h->previous_health_completion = kept;
            if (!isnan (h->previous_health_completion))
              h->previous_health_completion = MIN (h->previous_health_completion, 1.0);
          }
      }
    else
      h->previous_health_completion = NAN;
  }

  g_free (own.name);
  return h;
}

/* The plan's health. @reuse, when given, is the plan's last health, whose
 * indicators have not changed since: their statuses are kept (an edit of
 * an item then costs the items' rules, not every indicator's figures). */
static PlanHealth *
compute_plan_health (PbStore     *store,
                     gint64       plan_id,
                     const GDate *today,
                     PlanHealth  *reuse,
                     guint        n_computed,
                     GHashTable  *as_of)
{
  PlanHealth *p = g_new0 (PlanHealth, 1);
  /* Every item and indicator read in one query each, not one per row. */
  g_autoptr(GPtrArray) loaded_items = pb_store_dup_plan_items (store, plan_id);
  g_autoptr(GPtrArray) loaded_indicators = reuse ? NULL : pb_store_dup_records (store, PB_TYPE_INDICATOR, "plan_id", plan_id);
  g_autoptr(GPtrArray) loaded_dependencies =
    pb_store_dup_records_where (store, PB_TYPE_DEPENDENCY,
                                "from_item_id IN (SELECT id FROM item WHERE plan_id = ?1)", plan_id);
  g_autoptr(GListModel) indicators = reuse ? NULL : pb_store_list_indicators (store, plan_id);
  GHashTable *by_item;
  g_autoptr(GHashTable) serving = reuse ? NULL : pb_store_dup_indicator_items (store, plan_id);
  g_autoptr(GListModel) dependencies = pb_store_list_dependencies (store, plan_id);
  /* Every target and actual of the plan's indicators, in the order of
   * pb_store_list_targets () and pb_store_list_actuals (), in one query
   * each (by indicator, they were two queries and a row each). */
  GHashTable *targets_of = reuse ? NULL :
    group_by_indicator (pb_store_dup_records_where (store, PB_TYPE_TARGET,
                                                    "indicator_id IN (SELECT id FROM indicator WHERE plan_id = ?1)"
                                                    " ORDER BY indicator_id, year, stretch, id", plan_id));
  GHashTable *actuals_of = reuse ? NULL :
    group_by_indicator (pb_store_dup_records_where (store, PB_TYPE_ACTUAL,
                                                    "indicator_id IN (SELECT id FROM indicator WHERE plan_id = ?1)"
                                                    " ORDER BY indicator_id, date, id", plan_id));
  GDate origin, end, since;
  gboolean has_since = FALSE;

  p->n_computed = n_computed;
  p->item_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  p->predecessors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  p->successors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  p->previous = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  p->previous_indicators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_date_clear (&p->previous_end, 1);

  /* Each item as the last closed period kept it. */
  {
    g_autoptr(GListModel) last = pb_store_list_query (store, PB_TYPE_PERIOD,
                                                      "SELECT id FROM period WHERE plan_id = ?1"
                                                      " ORDER BY end_date DESC, id DESC LIMIT 1", plan_id, "period");

    if (g_list_model_get_n_items (last) > 0)
      {
        g_autoptr(PbRecord) period = g_list_model_get_item (last, 0);
        g_autoptr(GListModel) rows = pb_store_list_query (store, PB_TYPE_PERIOD_ITEM,
                                                          "SELECT id FROM period_item WHERE period_id = ?1",
                                                          pb_record_get_id (period), "period_item");

        has_since = period_start (period, &since);
        p->has_since = has_since;
        p->since = since;
        pb_date_parse (pb_record_get_string (period, "end_date"), &p->previous_end);

        for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
          {
            PbRecord *row = g_list_model_get_item (rows, i);
            gint64 item_id = pb_record_get_int (row, "item_id");

            g_hash_table_insert (p->previous, g_memdup2 (&item_id, sizeof item_id), row);
          }

        /* …and each indicator: an item's completion then is judged by
         * the same rules as today's, its indicators' included. */
        {
          g_autoptr(GListModel) kept = pb_store_list_query (store, PB_TYPE_PERIOD_INDICATOR,
                                                            "SELECT id FROM period_indicator WHERE period_id = ?1",
                                                            pb_record_get_id (period), "period_indicator");

          for (guint i = 0; i < g_list_model_get_n_items (kept); i++)
            {
              PbRecord *row = g_list_model_get_item (kept, i);
              gint64 indicator_id = pb_record_get_int (row, "indicator_id");

              g_hash_table_insert (p->previous_indicators, g_memdup2 (&indicator_id, sizeof indicator_id), row);
            }
        }
      }
  }

  p->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, item_health_free);
  plan_period (store, plan_id, &origin, &end);
  p->origin = origin;
  p->end = end;
  if (reuse)
    {
      p->indicators = g_steal_pointer (&reuse->indicators);
      p->by_item = g_steal_pointer (&reuse->by_item);
      p->indicator_by_id = g_steal_pointer (&reuse->indicator_by_id);
      for (guint r = 0; r < 2; r++)
        {
          p->rows_of[r] = g_steal_pointer (&reuse->rows_of[r]);
          p->row_indicator[r] = g_steal_pointer (&reuse->row_indicator[r]);
        }
      p->indicators_of = g_steal_pointer (&reuse->indicators_of);
      p->serving = g_steal_pointer (&reuse->serving);
    }
  else
    {
      p->indicators = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, indicator_status_free);
      p->by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, item_indicators_free);
      p->indicator_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      p->rows_of[ROWS_TARGET] = targets_of;
      p->rows_of[ROWS_ACTUAL] = actuals_of;
      for (guint r = 0; r < 2; r++)
        p->row_indicator[r] = index_rows (p->rows_of[r]);
      p->indicators_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
    }
  by_item = p->by_item;

  for (guint i = 0; indicators != NULL && i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      gint64 id = pb_record_get_id (PB_RECORD (k));
      GArray *served = g_hash_table_lookup (serving, &id);
      GListModel *targets = by_indicator_model (targets_of, id);
      GListModel *actuals = by_indicator_model (actuals_of, id);
      PbIndicatorStatus *status = g_new0 (PbIndicatorStatus, 1);
      ItemIndicators *w;

      pb_indicator_evaluate_since (k, targets, actuals, &origin, today, has_since ? &since : NULL, status);
      g_hash_table_insert (p->indicators, g_memdup2 (&id, sizeof id), status);
      g_hash_table_insert (p->indicator_by_id, g_memdup2 (&id, sizeof id), g_object_ref (k));

      /* It counts for every item that serves it. */
      for (guint j = 0; served && j < served->len; j++)
        {
          gint64 item_id = g_array_index (served, gint64, j);
          GArray *of = g_hash_table_lookup (p->indicators_of, &item_id);

          w = g_hash_table_lookup (by_item, &item_id);
          if (w == NULL)
            {
              w = g_new0 (ItemIndicators, 1);
              g_hash_table_insert (by_item, g_memdup2 (&item_id, sizeof item_id), w);
            }
          add_indicator_status (w, status, k);
          if (of == NULL)
            {
              of = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (p->indicators_of, g_memdup2 (&item_id, sizeof item_id), of);
            }
          g_array_append_val (of, id);
        }
    }
  if (serving != NULL)
    p->serving = g_steal_pointer (&serving);

  for (guint i = 0; i < loaded_items->len; i++)
    {
      PbItem *item = g_ptr_array_index (loaded_items, i);
      gint64 id = pb_record_get_id ((PbRecord *) item);
      PbItem *then = as_of ? g_hash_table_lookup (as_of, &id) : NULL;

      /* As it stood on another day, when asked (its status and progress
       * then): its successors are judged by that too. */
      if (then != NULL)
        {
          g_object_unref (item);
          g_ptr_array_index (loaded_items, i) = item = g_object_ref (then);
        }
      g_hash_table_insert (p->item_by_id, g_memdup2 (&id, sizeof id), g_object_ref (item));
    }

  /* Each item's predecessors, and the items after each. */
  for (guint d = 0; d < g_list_model_get_n_items (dependencies); d++)
    {
      PbRecord *dep = g_list_model_get_item (dependencies, d);
      gint64 to_id = pb_record_get_int (dep, "to_item_id");
      gint64 from_id = pb_record_get_int (dep, "from_item_id");
      GPtrArray *list = g_hash_table_lookup (p->predecessors, &to_id);
      GArray *after = g_hash_table_lookup (p->successors, &from_id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (p->predecessors, g_memdup2 (&to_id, sizeof to_id), list);
        }
      g_ptr_array_add (list, dep);
      if (after == NULL)
        {
          after = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (p->successors, g_memdup2 (&from_id, sizeof from_id), after);
        }
      g_array_append_val (after, to_id);
    }

  for (guint i = 0; i < loaded_items->len; i++)
    {
      PbItem *item = g_ptr_array_index (loaded_items, i);
      gint64 id = pb_record_get_id ((PbRecord *) item);

      g_hash_table_insert (p->items, g_memdup2 (&id, sizeof id), compute_item_health (p, item, today));
    }
  pb_trace_start ("health: plan %" G_GINT64_FORMAT " judged, %u items", plan_id, loaded_items->len);

  return p;
}

/* The tables an item's health is read from (pb_health_reads_table()). */
static const char * const health_tables[] = {
  "plan", "item", "indicator", "item_indicator", "target", "actual", "period", "period_item",
  "period_indicator", "dependency", NULL
};

/* Brings @p, the plan's health before the command being published, up to
 * date when that command changed items and nothing else health reads.
 * Returns FALSE, leaving @p as it was, when it cannot. */
static gboolean
update_items (PbStore     *store,
              gint64       plan_id,
              PlanHealth  *p,
              const GDate *today)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) redo = NULL;
  GHashTableIter iter;
  gpointer key;

  for (guint t = 0; health_tables[t]; t++)
    if (!g_str_equal (health_tables[t], "item") &&
        pb_store_get_table_generation (store, health_tables[t]) > p->generation)
      return FALSE;
  /* The rows of this command (NULL outside ::changed, or for another
   * program's change, which names none). */
  ids = pb_store_dup_changed_ids (store, "item");
  if (ids == NULL)
    return FALSE;

  redo = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);
      g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, *id);
      GArray *after = g_hash_table_lookup (p->successors, id);

      if (item == NULL || pb_record_is_deleted (PB_RECORD (item)) || pb_item_get_plan_id (item) != plan_id)
        {
          g_hash_table_remove (p->item_by_id, id);
          g_hash_table_remove (p->items, id);
        }
      else
        {
          g_hash_table_replace (p->item_by_id, g_memdup2 (id, sizeof *id), g_object_ref (item));
          g_hash_table_add (redo, id);
        }
      /* A predecessor's status and dates judge the items after it. */
      for (guint j = 0; after != NULL && j < after->len; j++)
        g_hash_table_add (redo, &g_array_index (after, gint64, j));
    }

  if (p->updated == NULL)
    p->updated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (p->updated, 0);
  for (guint i = 0; i < ids->len; i++) /* deleted ones too */
    if (!g_hash_table_contains (redo, &g_array_index (ids, gint64, i)))
      g_array_append_val (p->updated, g_array_index (ids, gint64, i));
  g_hash_table_iter_init (&iter, redo);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PbItem *item = g_hash_table_lookup (p->item_by_id, key);

      g_array_append_val (p->updated, *(gint64 *) key);
      if (item != NULL)
        g_hash_table_replace (p->items, g_memdup2 (key, sizeof (gint64)), compute_item_health (p, item, today));
    }
  return TRUE;
}

static int
compare_actuals (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  int c = g_strcmp0 (pb_record_get_string ((PbRecord *) a, "date"), pb_record_get_string ((PbRecord *) b, "date"));
  gint64 x = pb_record_get_id ((PbRecord *) a), y = pb_record_get_id ((PbRecord *) b);

  return c != 0 ? c : (x > y) - (x < y);
}

static int
compare_targets (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  gint64 ya = pb_record_get_int ((PbRecord *) a, "year"), yb = pb_record_get_int ((PbRecord *) b, "year");
  gboolean sa = pb_record_get_boolean ((PbRecord *) a, "stretch"), sb = pb_record_get_boolean ((PbRecord *) b, "stretch");
  gint64 x = pb_record_get_id ((PbRecord *) a), y = pb_record_get_id ((PbRecord *) b);

  if (ya != yb)
    return ya < yb ? -1 : 1;
  if (sa != sb)
    return sa ? 1 : -1;
  return (x > y) - (x < y);
}

/* Brings @p, the plan's health before the command being published, up to
 * date when that command (or another connection's change) added, changed
 * or deleted actuals or targets and nothing else health reads: their
 * indicators are judged again from the rows @p keeps, and the items those
 * serve; no query, as the rows published are live records. Returns FALSE,
 * leaving @p as it was, when it cannot. */
static gboolean
update_indicators (PbStore     *store,
                   gint64       plan_id,
                   PlanHealth  *p,
                   const GDate *today)
{
  static const char * const other_tables[] = {
    "plan", "item", "indicator", "item_indicator", "period", "period_item", "period_indicator",
    "dependency", NULL
  };
  static const char * const row_tables[] = { "target", "actual" };
  const GType row_types[] = { PB_TYPE_TARGET, PB_TYPE_ACTUAL };
  const GCompareDataFunc compare[] = { compare_targets, compare_actuals };
  g_autoptr(GArray) target_ids = NULL;
  g_autoptr(GArray) actual_ids = NULL;
  GArray **ids[2] = { &target_ids, &actual_ids };
  g_autoptr(GHashTable) judge = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) redo = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;
  gboolean any = FALSE;

  if (p->indicator_by_id == NULL || p->rows_of[ROWS_ACTUAL] == NULL || p->serving == NULL)
    return FALSE;
  for (guint t = 0; other_tables[t]; t++)
    if (pb_store_get_table_generation (store, other_tables[t]) > p->generation)
      return FALSE;
  for (guint r = 0; r < 2; r++)
    if (pb_store_get_table_generation (store, row_tables[r]) > p->generation)
      {
        /* The rows of this command or change (NULL when not known). */
        *ids[r] = pb_store_dup_changed_ids (store, row_tables[r]);
        if (*ids[r] == NULL)
          return FALSE;
        any = TRUE;
      }
  if (!any)
    return FALSE;

  for (guint r = 0; r < 2; r++)
    for (guint i = 0; *ids[r] != NULL && i < (*ids[r])->len; i++)
      {
        gint64 id = g_array_index (*ids[r], gint64, i);
        gint64 *was = g_hash_table_lookup (p->row_indicator[r], &id);
        g_autoptr(PbRecord) row = NULL;
        gint64 now;
        GListStore *rows;

        if (was != NULL)
          {
            /* The row kept is the live record, already up to date. */
            GListStore *old = g_hash_table_lookup (p->rows_of[r], was);
            guint n = old ? g_list_model_get_n_items (G_LIST_MODEL (old)) : 0;

            for (guint j = 0; j < n; j++)
              {
                g_autoptr(PbRecord) kept = g_list_model_get_item (G_LIST_MODEL (old), j);

                if (pb_record_get_id (kept) == id)
                  {
                    row = g_steal_pointer (&kept);
                    g_list_store_remove (old, j);
                    break;
                  }
              }
            g_hash_table_add (judge, g_memdup2 (was, sizeof *was));
            g_hash_table_remove (p->row_indicator[r], &id);
          }
        if (row == NULL)
          row = pb_store_get_record (store, row_types[r], id);
        if (row == NULL || pb_record_is_deleted (row))
          continue;
        now = pb_record_get_int (row, "indicator_id");
        if (!g_hash_table_contains (p->indicator_by_id, &now))
          continue; /* another plan's */
        rows = g_hash_table_lookup (p->rows_of[r], &now);
        if (rows == NULL)
          {
            rows = g_list_store_new (row_types[r]);
            g_hash_table_insert (p->rows_of[r], g_memdup2 (&now, sizeof now), rows);
          }
        g_list_store_insert_sorted (rows, row, compare[r], NULL);
        g_hash_table_insert (p->row_indicator[r], g_memdup2 (&id, sizeof id), g_memdup2 (&now, sizeof now));
        g_hash_table_add (judge, g_memdup2 (&now, sizeof now));
      }

  /* The indicators judged again, then the items they serve. */
  g_hash_table_iter_init (&iter, judge);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PbIndicator *k = g_hash_table_lookup (p->indicator_by_id, key);
      PbIndicatorStatus *status = g_new0 (PbIndicatorStatus, 1);
      GArray *served = g_hash_table_lookup (p->serving, key);

      pb_indicator_evaluate_since (k, by_indicator_model (p->rows_of[ROWS_TARGET], *(gint64 *) key),
                                   by_indicator_model (p->rows_of[ROWS_ACTUAL], *(gint64 *) key),
                                   &p->origin, today, p->has_since ? &p->since : NULL, status);
      g_hash_table_replace (p->indicators, g_memdup2 (key, sizeof (gint64)), status);
      for (guint j = 0; served != NULL && j < served->len; j++)
        g_hash_table_add (redo, &g_array_index (served, gint64, j));
    }

  if (p->updated == NULL)
    p->updated = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (p->updated, 0);
  g_hash_table_iter_init (&iter, redo);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ItemIndicators *w = g_hash_table_lookup (p->by_item, key);
      GArray *of = g_hash_table_lookup (p->indicators_of, key);
      PbItem *item = g_hash_table_lookup (p->item_by_id, key);

      if (w == NULL)
        continue;
      w->status = NULL;
      g_clear_pointer (&w->name, g_free);
      w->progress_sum = 0;
      w->progress_count = 0;
      for (guint j = 0; of != NULL && j < of->len; j++)
        {
          gint64 *indicator = &g_array_index (of, gint64, j);

          add_indicator_status (w, g_hash_table_lookup (p->indicators, indicator),
                                g_hash_table_lookup (p->indicator_by_id, indicator));
        }
      g_array_append_val (p->updated, *(gint64 *) key);
      if (item != NULL)
        g_hash_table_replace (p->items, g_memdup2 (key, sizeof (gint64)), compute_item_health (p, item, today));
    }
  return TRUE;
}

static GQuark
cache_quark (void)
{
  return g_quark_from_static_string ("pb-health-cache");
}

/* Judged by the same thresholds on the same day, its reasons' figures
 * written in the same style (Preferences › Amounts: "28 bn" or
 * "28,000,000,000" as the rest of the window writes them). */
static gboolean
same_rules (const PlanHealth *p,
            int               julian)
{
  return p != NULL && p->serial == threshold_serial && p->julian == julian && p->style == pb_format_get_style ();
}

static PlanHealth *
get_plan_health (PbStore     *store,
                 gint64       plan_id,
                 const GDate *today)
{
  GHashTable *cache = g_object_get_qdata (G_OBJECT (store), cache_quark ());
  guint64 generation = pb_store_get_generation (store);
  int julian = g_date_get_julian (today);
  PlanHealth *p;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, plan_health_free);
      g_object_set_qdata_full (G_OBJECT (store), cache_quark (), cache, (GDestroyNotify) g_hash_table_unref);
    }

  p = g_hash_table_lookup (cache, &plan_id);
  if (same_rules (p, julian) && p->generation == generation)
    return p;

  /* An edit of items alone, being published now: recompute those items
   * and the items that depend on them, not the plan (one edit at 5,000
   * items cost 20 ms of rules before). */
  if (same_rules (p, julian) && p->indicators != NULL &&
      p->generation + 1 == generation && update_items (store, plan_id, p, today))
    {
      p->generation = generation;
      return p;
    }
  /* New actuals or targets alone (reporters recording): their indicators
   * and the items those serve. */
  if (same_rules (p, julian) && p->indicators != NULL &&
      p->generation + 1 == generation && update_indicators (store, plan_id, p, today))
    {
      p->generation = generation;
      return p;
    }

  /* The indicators' part outlives changes to items and dependencies. */
  {
    static const char * const indicator_tables[] = {
      "plan", "indicator", "item_indicator", "target", "actual", "period", "period_item", "period_indicator", NULL
    };
    gboolean keep = same_rules (p, julian) && p->indicators != NULL;

    for (guint t = 0; keep && indicator_tables[t]; t++)
      keep = pb_store_get_table_generation (store, indicator_tables[t]) <= p->generation;
    guint n_computed = p ? p->n_computed : 0;

    pb_trace_start ("health: judging plan %" G_GINT64_FORMAT, plan_id);
    p = compute_plan_health (store, plan_id, today, keep ? p : NULL, n_computed, NULL);
  }
  p->generation = generation;
  p->serial = threshold_serial;
  p->julian = julian;
  p->style = pb_format_get_style ();
  g_hash_table_insert (cache, g_memdup2 (&plan_id, sizeof plan_id), p);
  return p;
}

/**
 * pb_store_judge_items_as_of:
 * @store: a store
 * @plan_id: a plan
 * @day: the day to judge on
 * @as_of: (element-type gint64 PbItem): item id → the item as it stood
 *   on @day (a copy with its status and progress then), for the items
 *   that stood otherwise than they do now
 *
 * Every item of the plan judged on @day as pb_store_get_item_health()
 * and pb_store_get_item_completion() would, with the items of @as_of in
 * place of the store's: closing a period late keeps each item as it stood
 * at the period's end. Not cached.
 *
 * Returns: (transfer full): item id → #PbItemJudgement
 */
GHashTable *
pb_store_judge_items_as_of (PbStore     *store,
                            gint64       plan_id,
                            const GDate *day,
                            GHashTable  *as_of)
{
  GHashTable *judged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PlanHealth *p;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PB_IS_STORE (store), judged);
  g_return_val_if_fail (day != NULL && g_date_valid (day), judged);

  p = compute_plan_health (store, plan_id, day, NULL, 0, as_of);
  g_hash_table_iter_init (&iter, p->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ItemHealth *h = value;
      PbItemJudgement *j = g_new0 (PbItemJudgement, 1);

      j->health = h->health;
      j->completion = h->completion;
      g_hash_table_insert (judged, g_memdup2 (key, sizeof (gint64)), j);
    }
  plan_health_free (p);
  return judged;
}

/**
 * pb_item_health_is_set_by_hand:
 * @item: an item
 *
 * A health set by hand wins over every rule (DESIGN §5); every view that
 * shows the item's light marks it as set by hand, and its reason (from
 * pb_store_get_item_health()) begins by saying so.
 *
 * Returns: %TRUE when the item's health is set by hand
 */
gboolean
pb_item_health_is_set_by_hand (PbItem *item)
{
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);

  return pb_record_get_enum (PB_RECORD (item), "health_override") != PB_HEALTH_NONE;
}

/**
 * pb_store_get_item_health:
 * @store: a store
 * @item: an item
 * @today: the day to judge on
 * @reason: (out) (optional) (transfer none): why; valid until the store
 *   next changes
 *
 * Returns: the item's health: its dates, status, override and indicators
 */
PbHealth
pb_store_get_item_health (PbStore     *store,
                          PbItem      *item,
                          const GDate *today,
                          const char **reason)
{
  PlanHealth *p;
  ItemHealth *h;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (store), PB_HEALTH_NONE);
  g_return_val_if_fail (PB_IS_ITEM (item), PB_HEALTH_NONE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), PB_HEALTH_NONE);

  id = pb_record_get_id (PB_RECORD (item));
  p = get_plan_health (store, pb_item_get_plan_id (item), today);
  h = g_hash_table_lookup (p->items, &id);
  if (h == NULL) /* a record no longer in the library */
    {
      PbHealth health;
      char *why = NULL;

      health = pb_item_compute_health (item, NULL, NULL, today, &why);
      if (reason)
        *reason = g_intern_string (why); /* it must outlive this call */
      g_free (why);
      return health;
    }

  if (reason)
    *reason = h->reason;
  return h->health;
}

/**
 * pb_health_reads_table:
 * @table: a table of the store, such as "target"
 *
 * Whether an item's health can change when @table changes: what shows
 * health or counts it (the list of plans, say) follows these tables'
 * changes, not only the items'.
 *
 * Returns: %TRUE when the health rules read @table
 */
gboolean
pb_health_reads_table (const char *table)
{
  g_return_val_if_fail (table != NULL, FALSE);

  return g_strv_contains (health_tables, table);
}

/**
 * pb_store_count_plan_health:
 * @store: a store
 * @plan_id: a plan
 * @today: the day to judge on
 * @counts: (out caller-allocates) (array fixed-size=4): how many of the
 *   plan's items have each health, indexed by #PbHealth
 *
 * What pb_store_get_item_health() says of each of the plan's items,
 * counted from the cache without reading the items again (the list of
 * plans shows these counts for every plan).
 *
 * Returns: the number of items in the plan
 */
guint
pb_store_count_plan_health (PbStore     *store,
                            gint64       plan_id,
                            const GDate *today,
                            guint        counts[PB_HEALTH_RED + 1])
{
  GHashTableIter iter;
  gpointer value;
  PlanHealth *p;

  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  memset (counts, 0, sizeof (guint) * (PB_HEALTH_RED + 1));
  p = get_plan_health (store, plan_id, today);
  g_hash_table_iter_init (&iter, p->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    counts[((ItemHealth *) value)->health]++;
  return g_hash_table_size (p->items);
}

/**
 * pb_store_get_item_change:
 * @store: a store
 * @item: an item
 * @today: the day
 * @previous_health: (out) (optional): its health at the end of the last
 *   closed period
 * @previous_completion: (out) (optional): its completion then
 *
 * Returns: %TRUE when a closed period kept the item
 */
gboolean
pb_store_get_item_change (PbStore     *store,
                          PbItem      *item,
                          const GDate *today,
                          PbHealth    *previous_health,
                          double      *previous_completion)
{
  PlanHealth *p;
  ItemHealth *h;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);

  id = pb_record_get_id (PB_RECORD (item));
  p = get_plan_health (store, pb_item_get_plan_id (item), today);
  h = g_hash_table_lookup (p->items, &id);
  if (h == NULL || !h->has_previous)
    return FALSE;
  if (previous_health)
    *previous_health = h->previous_health;
  if (previous_completion)
    *previous_completion = h->previous_completion;
  return TRUE;
}

/**
 * pb_store_get_item_completion:
 * @store: a store
 * @item: an item
 * @today: the day
 *
 * Returns: how far the item has got, 0 to 1, for bars: its progress,
 *   from its indicators when it says so, 1 when done. Not the completion
 *   of DESIGN §5 (progress over time gone): that is
 *   pb_store_get_item_health_completion()
 */
double
pb_store_get_item_completion (PbStore     *store,
                              PbItem      *item,
                              const GDate *today)
{
  PlanHealth *p;
  ItemHealth *h;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (PB_IS_ITEM (item), 0);

  id = pb_record_get_id (PB_RECORD (item));
  p = get_plan_health (store, pb_item_get_plan_id (item), today);
  h = g_hash_table_lookup (p->items, &id);
  return h ? h->completion : pb_item_get_progress (item);
}

/**
 * pb_store_get_item_health_completion:
 * @store: a store
 * @item: an item
 * @today: the day
 * @previous: (out) (optional): its completion at the end of the last
 *   closed period, or NAN
 *
 * The completion of DESIGN §5 that the item's health is judged by and
 * that organisations are ranked by (pb_item_completion_at(); a goal's or
 * an item's measured by indicators is its worst indicator's). Every view,
 * the report and the CLI read this one value.
 *
 * Returns: 0 to 1, or NAN when the item has none (cancelled, too early,
 *   a goal without indicators)
 */
double
pb_store_get_item_health_completion (PbStore     *store,
                                     PbItem      *item,
                                     const GDate *today,
                                     double      *previous)
{
  PlanHealth *p;
  ItemHealth *h;
  gint64 id;

  if (previous)
    *previous = NAN;
  g_return_val_if_fail (PB_IS_STORE (store), NAN);
  g_return_val_if_fail (PB_IS_ITEM (item), NAN);

  id = pb_record_get_id (PB_RECORD (item));
  p = get_plan_health (store, pb_item_get_plan_id (item), today);
  h = g_hash_table_lookup (p->items, &id);
  if (h == NULL)
    return NAN;
  if (previous && h->has_previous)
    *previous = h->previous_health_completion;
  return h->health_completion;
}

/**
 * pb_store_get_indicator_status:
 * @store: a store
 * @indicator: an indicator
 * @today: the day to judge on
 *
 * Returns: (transfer none): what the rules say, valid until the store
 *   next changes
 */
const PbIndicatorStatus *
pb_store_get_indicator_status (PbStore     *store,
                               PbIndicator *indicator,
                               const GDate *today)
{
  PlanHealth *p;
  PbIndicatorStatus *status;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_INDICATOR (indicator), NULL);

  id = pb_record_get_id (PB_RECORD (indicator));
  p = get_plan_health (store, pb_record_get_int (PB_RECORD (indicator), "plan_id"), today);
  status = g_hash_table_lookup (p->indicators, &id);
  if (status == NULL)
    {
      /* Not in the library (any more): judge it on its own. */
      g_autoptr(GListModel) targets = pb_store_list_targets (store, id);
      g_autoptr(GListModel) actuals = pb_store_list_actuals (store, id);

      status = g_new0 (PbIndicatorStatus, 1);
      pb_indicator_evaluate (indicator, targets, actuals, NULL, today, status);
      g_hash_table_insert (p->indicators, g_memdup2 (&id, sizeof id), status);
    }
  return status;
}

/**
 * pb_store_compute_item_progress:
 * @store: a store
 * @item: an item
 *
 * An item's progress from its indicators: the mean progress of those
 * that have both a target and an actual.
 *
 * Returns: 0 to 1, or -1 when none of its indicators can say
 */
double
pb_store_compute_item_progress (PbStore *store,
                                PbItem  *item)
{
  gint64 id = pb_record_get_id (PB_RECORD (item));
  ItemHealth *h;
  GDate today;

  g_return_val_if_fail (PB_IS_STORE (store), -1);
  g_return_val_if_fail (PB_IS_ITEM (item), -1);

  /* The plan's health for today, cached, has every item's. */
  pb_date_today (&today);
  h = g_hash_table_lookup (get_plan_health (store, pb_item_get_plan_id (item), &today)->items, &id);
  return h ? h->indicator_progress : -1;
}

/**
 * pb_store_get_n_item_healths_computed:
 * @store: a store
 *
 * For the tests and benchmarks: how many item healths the store's health
 * cache has computed, over every plan, since it was made.
 *
 * Returns: the count
 */
guint
pb_store_get_n_item_healths_computed (PbStore *store)
{
  GHashTable *cache = g_object_get_qdata (G_OBJECT (store), cache_quark ());
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  if (cache == NULL)
    return 0;
  g_hash_table_iter_init (&iter, cache);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((PlanHealth *) value)->n_computed;
  return n;
}

/**
 * pb_store_dup_item_health_updates:
 * @store: a store
 * @plan_id: a plan
 * @today: the day
 *
 * After a change, which items' health may have changed: when the health
 * of the plan's items was brought up to date by judging only the items
 * the change touched and the items waiting for them, their ids. A view
 * that shows every item's health updates those alone.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids
 *   (deleted items among them), or %NULL when any item's may have changed
 */
GArray *
pb_store_dup_item_health_updates (PbStore     *store,
                                  gint64       plan_id,
                                  const GDate *today)
{
  PlanHealth *p;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  p = get_plan_health (store, plan_id, today);
  return p->updated ? g_array_copy (p->updated) : NULL;
}
