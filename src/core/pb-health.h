/* pb-health.h — blue / yellow / red (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that says how an indicator or an item is doing. Cards,
 * timeline bars, tables, charts and reports all ask here.
 */
#pragma once

#include "pb-model.h"
#include "pb-store.h"

G_BEGIN_DECLS

/* Completion (progress made / progress expected) at or above which an
 * indicator is blue, and at or above which it is yellow rather than red. */
#define PB_HEALTH_DEFAULT_BLUE   0.90
#define PB_HEALTH_DEFAULT_YELLOW 0.70

void     pb_health_set_thresholds  (double blue,
                                    double yellow);
void     pb_health_get_thresholds  (double *blue,
                                    double *yellow);
PbHealth pb_health_from_completion (double completion);
PbHealth pb_health_worst           (PbHealth a,
                                    PbHealth b);

/* What the health module says of one indicator on one day. */
typedef struct
{
  PbHealth health;
  char    *reason;          /* why, for tooltips and tables; never NULL */
  gboolean reason_is_completion; /* @reason only says the completion ("88% of
                                  * the … expected by …"), which a table shows
                                  * beside it already */
  gboolean has_actual;
  double   latest;          /* the latest actual */
  char     latest_date[11]; /* its date, YYYY-MM-DD */
  double   expected;        /* expected on the latest actual's date, or NAN */
  double   expected_today;  /* expected today, or NAN */
  double   completion;      /* progress made / progress expected, or NAN */
  double   progress;        /* towards the last target, 0 to 1, or -1 */
  int      judged_year;     /* the target year judged against, or 0 */
  int      decimals;        /* the indicator's precision: its values' most decimals */
  /* What the completion is measured against (rev6 finding 3): the value
   * expected on the latest actual's date, or the target a year that is
   * over missed; and the value progress is counted from (the baseline),
   * or NAN when the completion is a plain ratio. */
  double   against;
  double   against_from;
  gboolean against_target;  /* @against is a missed year's target */
  gboolean decreasing;      /* a ≤ target: progress is a fall */
  /* The first actual dated after the day judged on: recorded, but it
   * counts only from its date (rev6 finding 4). */
  gboolean has_later;
  double   later;
  char     later_date[11];
} PbIndicatorStatus;

char    *pb_indicator_status_explain (const PbIndicatorStatus *status,
                                      const char              *unit);

void     pb_indicator_status_clear (PbIndicatorStatus *status);

const char *pb_indicator_completion_definition    (void);
const char *pb_organisation_completion_definition (void);
int      pb_indicator_get_precision (PbIndicator *indicator,
                                     GListModel  *targets,
                                     GListModel  *actuals);

gboolean pb_indicator_expected_value (PbIndicator *indicator,
                                      GListModel  *targets,
                                      const GDate *origin,
                                      const GDate *date,
                                      double      *value);
void     pb_indicator_evaluate_since (PbIndicator       *indicator,
                                      GListModel        *targets,
                                      GListModel        *actuals,
                                      const GDate       *origin,
                                      const GDate       *today,
                                      const GDate       *report_since,
                                      PbIndicatorStatus *status);
void     pb_indicator_evaluate_for_item (PbIndicator       *indicator,
                                         GListModel        *targets,
                                         GListModel        *actuals,
                                         const GDate       *origin,
                                         const GDate       *today,
                                         const GDate       *report_since,
                                         int                first_year,
                                         PbIndicatorStatus *status);
void     pb_indicator_evaluate       (PbIndicator       *indicator,
                                      GListModel        *targets,
                                      GListModel        *actuals,
                                      const GDate       *origin,
                                      const GDate       *today,
                                      PbIndicatorStatus *status);
double   pb_indicator_compute_progress (PbIndicator *indicator,
                                        GListModel  *targets,
                                        GListModel  *actuals);
double   pb_indicator_compute_progress_on (PbIndicator *indicator,
                                           GListModel  *targets,
                                           GListModel  *actuals,
                                           const GDate *today);
gboolean pb_target_is_met            (PbIndicator *indicator,
                                      PbTarget    *target,
                                      double       value);

/* An item from its own dates and status alone (the plan's dates where it
 * has none). */
PbHealth pb_item_compute_health (PbItem      *item,
                                 const GDate *default_start,
                                 const GDate *default_due,
                                 const GDate *today,
                                 char       **reason);

/* Whether the item's health is set by hand (an override, which wins over
 * every rule): what shows a light marks it so. */
gboolean pb_item_health_is_set_by_hand (PbItem *item);

/* Completion (DESIGN §5): progress over the share of the time gone. */
double   pb_item_completion_at      (PbItemStatus  status,
                                     double        progress,
                                     const GDate  *start,
                                     const GDate  *due,
                                     const GDate  *date);
double   pb_item_compute_completion (PbItem      *item,
                                     const GDate *default_start,
                                     const GDate *default_due,
                                     const GDate *date);

/* An item judged on a day as it stood then (pb_store_judge_items_as_of()). */
typedef struct
{
  PbHealth health;
  double   completion; /* as pb_store_get_item_completion () */
} PbItemJudgement;

GHashTable *pb_store_judge_items_as_of (PbStore     *store,
                                        gint64       plan_id,
                                        const GDate *day,
                                        GHashTable  *as_of);

/* An item from its dates, status, indicators and override: what every
 * view shows. Cached per plan and day until the store changes. */
PbHealth pb_store_get_item_health (PbStore     *store,
                                   PbItem      *item,
                                   const GDate *today,
                                   const char **reason);
const PbIndicatorStatus *
         pb_store_get_indicator_status (PbStore     *store,
                                        PbIndicator *indicator,
                                        const GDate *today);
double   pb_store_compute_item_progress  (PbStore     *store,
                                          PbItem      *item);
guint    pb_store_get_n_item_healths_computed (PbStore *store);
GArray  *pb_store_dup_item_health_updates (PbStore     *store,
                                           gint64       plan_id,
                                           const GDate *today);
gboolean pb_health_reads_table           (const char  *table);
guint    pb_store_count_plan_health      (PbStore     *store,
                                          gint64       plan_id,
                                          const GDate *today,
                                          guint        counts[PB_HEALTH_RED + 1]);
gboolean pb_store_get_item_change        (PbStore     *store,
                                          PbItem      *item,
                                          const GDate *today,
                                          PbHealth    *previous_health,
                                          double      *previous_completion);
double   pb_store_get_item_completion    (PbStore     *store,
                                          PbItem      *item,
                                          const GDate *today);
double   pb_store_get_item_health_completion (PbStore     *store,
                                              PbItem      *item,
                                              const GDate *today,
                                              double      *previous);

void     pb_date_today (GDate *date);

G_END_DECLS
