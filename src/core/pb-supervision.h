/* pb-supervision.h — supervision (督查督办): organisations, periods, comparisons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-health.h"

G_BEGIN_DECLS

/* ---- Organisations ---- */

typedef struct
{
  char    *name;
  gint64   id;              /* 0 when counted across plans */
  guint    n_plans;
  guint    led;             /* items it leads */
  guint    coowned;         /* items it is responsible for, not leading */
  guint    health[4];       /* the items it leads (or is responsible for) by PbHealth */
  double   completion;      /* their mean completion, or NAN */
  guint    rank;            /* 1 = best; equal completion and reds, equal rank; 0: none */
  double   previous_completion; /* at the end of the last period, or NAN */
  guint    previous_rank;   /* then, or 0 */
} PbOrgStats;

void       pb_org_stats_free (PbOrgStats *stats);
char      *pb_org_stats_format_rank_change (const PbOrgStats *stats);

GPtrArray *pb_store_compute_organisation_stats (PbStore     *store,
                                                gint64       plan_id,
                                                const GDate *today);
GPtrArray *pb_store_compute_organisation_ranking (PbStore     *store,
                                                  gint64       plan_id,
                                                  PbRole       role,
                                                  const GDate *today);

gboolean   pb_store_merge_organisations (PbStore  *store,
                                         gint64    keep_id,
                                         gint64    merged_id,
                                         GError  **error);
gboolean   pb_store_rename_organisation (PbStore    *store,
                                         gint64      organisation_id,
                                         const char *name,
                                         GError    **error);

/* ---- Reporting periods ---- */

void        pb_period_bounds       (PbPeriodKind  kind,
                                    int           year,
                                    int           number,
                                    GDate        *end,
                                    char        **label);
/* A period that can be closed, as the Close Period dialog offers it. */
typedef struct
{
  PbPeriodKind kind;
  int          year;
  int          number;
  gboolean     ended;     /* its last day is before today */
} PbPeriodChoice;

GArray     *pb_period_choices      (PbPeriodKind  kind,
                                    int           period_start,
                                    int           period_end,
                                    const GDate  *today);
gboolean    pb_period_check_closable (PbPeriodKind  kind,
                                      int           year,
                                      int           number,
                                      int           period_start,
                                      int           period_end,
                                      const GDate  *today,
                                      GError      **error);
guint       pb_store_count_items_unknown_at_end (PbStore      *store,
                                                 gint64        plan_id,
                                                 PbPeriodKind  kind,
                                                 int           year,
                                                 int           number,
                                                 char        **since);
gint64      pb_store_close_period  (PbStore      *store,
                                    gint64        plan_id,
                                    PbPeriodKind  kind,
                                    int           year,
                                    int           number,
                                    GError      **error);
GListModel *pb_store_list_periods  (PbStore      *store,
                                    gint64        plan_id);
PbPeriod   *pb_store_get_last_period (PbStore    *store,
                                      gint64      plan_id);
PbPeriod   *pb_store_find_closed_period (PbStore    *store,
                                         gint64      indicator_id,
                                         const char *date,
                                         GError    **error);
gboolean    pb_store_period_changed_since_closing (PbStore *store,
                                                   gint64   period_id);
GHashTable *pb_store_dup_period_indicators (PbStore *store,
                                            gint64   period_id);
GHashTable *pb_store_dup_period_items      (PbStore *store,
                                            gint64   period_id);
gboolean    pb_indicator_change_since (PbIndicatorKind  kind,
                                       double           kept,
                                       const char      *kept_date,
                                       double           latest,
                                       const char      *latest_date,
                                       double          *change);

/* ---- Across plans ---- */

typedef char *(*PbNameKeyFunc) (const char *name);

char       *pb_name_key (const char *name);
GPtrArray  *pb_store_find_matching_indicators (PbStore       *store,
                                               const char    *name,
                                               PbNameKeyFunc  key_func);
char      **pb_shorten_titles (const char * const *titles,
                               guint               max_chars);

char       *pb_store_check_falling_actual (PbStore    *store,
                                           gint64      indicator_id,
                                           const char *date,
                                           double      value,
                                           gint64      except_actual_id);

gboolean    pb_check_actual_date        (const char   *date,
                                         int           first_year,
                                         int           last_year,
                                         const GDate  *today,
                                         GError      **error);
gboolean    pb_store_check_actual_date  (PbStore      *store,
                                         gint64        indicator_id,
                                         const char   *date,
                                         const GDate  *today,
                                         GError      **error);
void        pb_plan_default_actual_date (PbPlan       *plan,
                                         const GDate  *today,
                                         char          out[11]);

G_END_DECLS
