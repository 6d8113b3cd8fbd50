/* pb-supervision.c — supervision (督查督办): organisations, periods, comparisons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a monthly bulletin (通报) needs: each organisation's items and how
 * they are doing, ranked; the state of every indicator and item kept at
 * the end of each closed month or quarter, to show what changed since;
 * and one indicator set against the same indicator in other plans.
 */
#define G_LOG_DOMAIN "pb-supervision"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "pb-fold.h"
#include "pb-format.h"
#include "pb-indicator-links.h"
#include "pb-store-private.h"
#include "pb-supervision.h"

/* ---- Organisations ------------------------------------------------------- */

void
pb_org_stats_free (PbOrgStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->name);
  g_free (stats);
}

/**
 * pb_org_stats_format_rank_change:
 * @stats: an organisation's figures
 *
 * The change of rank since the end of the last closed period, as the
 * Organisations table and the printed report show it: "↑2" (two places
 * better), "↓1", or "=" when unchanged.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when there is
 *   nothing to compare (no period closed, or no rank then or now)
 */
char *
pb_org_stats_format_rank_change (const PbOrgStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  if (stats->previous_rank == 0 || stats->rank == 0)
    return NULL;
  if (stats->previous_rank == stats->rank)
    return g_strdup ("=");
  if (stats->rank < stats->previous_rank)
    return g_strdup_printf ("↑%u", stats->previous_rank - stats->rank);
  return g_strdup_printf ("↓%u", stats->rank - stats->previous_rank);
}

/**
 * pb_name_key:
 * @name: a name as printed
 *
 * The key under which names meet, across plans and within one: see
 * pb_fold_name_key(). "5G 基站", "５Ｇ基站" and "5G基站" meet.
 *
 * Returns: (transfer full): the key
 */
char *
pb_name_key (const char *name)
{
  return pb_fold_name_key (name);
}

typedef struct
{
  GHashTable *by_key;     /* key → PbOrgStats */
  GHashTable *items;      /* item id → PbItem */
  GHashTable *previous;   /* item id → PbPeriodItem, or NULL */
  GHashTable *seen;       /* "key/item" already counted */
  GHashTable *org_plans;  /* "key/plan" */
  GHashTable *sums;       /* key → double[4]: completion sum, count, previous sum, previous count */
  PbStore    *store;
  const GDate *today;
  gboolean    across;
  PbRole      role;       /* the items ranked: those it leads, or is responsible for */
} StatsRun;

static void
count_item_org (gint64      item_id,
                gint64      organisation_id,
                const char *name,
                PbRole      role,
                gpointer    user_data)
{
  StatsRun *run = user_data;
  PbItem *item = g_hash_table_lookup (run->items, &item_id);
  g_autofree char *key = run->across ? pb_name_key (name) : g_strdup_printf ("%" G_GINT64_FORMAT, organisation_id);
  g_autofree char *seen = g_strdup_printf ("%s/%" G_GINT64_FORMAT, key, item_id);
  PbOrgStats *s;
  double *sums;

  if (item == NULL || g_hash_table_contains (run->seen, seen))
    return;
  g_hash_table_add (run->seen, g_steal_pointer (&seen));

  s = g_hash_table_lookup (run->by_key, key);
  if (s == NULL)
    {
      s = g_new0 (PbOrgStats, 1);
      s->name = g_strdup (name);
      s->id = run->across ? 0 : organisation_id;
      s->completion = NAN;
      s->previous_completion = NAN;
      g_hash_table_insert (run->by_key, g_strdup (key), s);
      g_hash_table_insert (run->sums, g_strdup (key), g_new0 (double, 4));
    }
  sums = g_hash_table_lookup (run->sums, key);

  {
    g_autofree char *plan_key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, key, pb_item_get_plan_id (item));
    if (!g_hash_table_contains (run->org_plans, plan_key))
      {
        g_hash_table_add (run->org_plans, g_steal_pointer (&plan_key));
        s->n_plans++;
      }
  }

  if (role == PB_ROLE_LEAD)
    s->led++;
  else
    s->coowned++;

  if (role == run->role && pb_item_get_status (item) != PB_ITEM_STATUS_CANCELLED)
    {
      PbPeriodItem *then = run->previous ? g_hash_table_lookup (run->previous, &item_id) : NULL;

      double previous = NAN;
      /* DESIGN §5 completion, the one the health is judged by; an item
       * without one (too early, a goal without indicators) is left out of
       * the mean. */
      double completion = pb_store_get_item_health_completion (run->store, item, run->today, &previous);

      s->health[pb_store_get_item_health (run->store, item, run->today, NULL)]++;
      if (!isnan (completion))
        {
          sums[0] += completion;
          sums[1] += 1;
        }
      if (then != NULL && !isnan (previous))
        {
          sums[2] += previous;
          sums[3] += 1;
        }
    }
}

/* Means that differ only by rounding are equal. */
static gboolean
same_completion (double a,
                 double b)
{
  return fabs (a - b) < 1e-9;
}

/* DESIGN §5: by mean completion, then by the count of red items; equal
 * on both, equal rank. */
static gboolean
same_place (const PbOrgStats *a,
            const PbOrgStats *b)
{
  return !isnan (a->completion) && !isnan (b->completion) && same_completion (a->completion, b->completion) &&
         a->health[PB_HEALTH_RED] == b->health[PB_HEALTH_RED];
}

static int
compare_stats (gconstpointer a,
               gconstpointer b)
{
  const PbOrgStats *x = *(const PbOrgStats * const *) a;
  const PbOrgStats *y = *(const PbOrgStats * const *) b;
  double cx = isnan (x->completion) ? -1 : x->completion;
  double cy = isnan (y->completion) ? -1 : y->completion;

  if (!same_completion (cx, cy))
    return cx > cy ? -1 : 1;
  if (x->health[PB_HEALTH_RED] != y->health[PB_HEALTH_RED])
    return x->health[PB_HEALTH_RED] < y->health[PB_HEALTH_RED] ? -1 : 1;
  if (x->led + x->coowned != y->led + y->coowned)
    return x->led + x->coowned > y->led + y->coowned ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static int
compare_previous (gconstpointer a,
                  gconstpointer b)
{
  const PbOrgStats *x = *(const PbOrgStats * const *) a;
  const PbOrgStats *y = *(const PbOrgStats * const *) b;
  double cx = isnan (x->previous_completion) ? -1 : x->previous_completion;
  double cy = isnan (y->previous_completion) ? -1 : y->previous_completion;

  if (!same_completion (cx, cy))
    return cx > cy ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/**
 * pb_store_compute_organisation_stats:
 * @store: a store
 * @plan_id: a plan, or 0 for every plan in the library (organisations
 *   then meet by name)
 * @today: the day to judge on
 *
 * Each organisation's items led and co-owned, their health, their mean
 * completion and its rank, best first, and — for one plan with a closed
 * period — the completion and rank at the end of that period.
 *
 * Returns: (transfer full) (element-type PbOrgStats): the ranking
 */
GPtrArray *
pb_store_compute_organisation_stats (PbStore     *store,
                                     gint64       plan_id,
                                     const GDate *today)
{
  return pb_store_compute_organisation_ranking (store, plan_id, PB_ROLE_LEAD, today);
}

/**
 * pb_store_compute_organisation_ranking:
 * @store: a store
 * @plan_id: a plan, or 0 for every plan in the library (organisations
 *   then meet by name)
 * @role: rank by the items each leads (%PB_ROLE_LEAD, DESIGN §5) or is
 *   responsible for without leading (%PB_ROLE_RESPONSIBLE)
 * @today: the day to judge on
 *
 * Each organisation's items led and co-owned; the health counts, mean
 * completion and rank over the items of @role: best mean completion
 * first, then fewest red items; equal on both, equal rank. An
 * organisation with no item of @role has no completion and no rank (0)
 * and comes last.
 *
 * Returns: (transfer full) (element-type PbOrgStats): the ranking
 */
GPtrArray *
pb_store_compute_organisation_ranking (PbStore     *store,
                                       gint64       plan_id,
                                       PbRole       role,
                                       const GDate *today)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) org_plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) previous = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_org_stats_free);
  StatsRun run = { by_key, items, NULL, seen, org_plans, sums, store, today, plan_id == 0, role };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PB_IS_STORE (store), result);
  g_return_val_if_fail (today != NULL && g_date_valid (today), result);

  if (plan_id > 0)
    {
      PbPlan *plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
      g_autoptr(PbPeriod) last = pb_store_get_last_period (store, plan_id);

      if (plan)
        g_ptr_array_add (plans, plan);
      if (last)
        previous = pb_store_dup_period_items (store, pb_record_get_id (PB_RECORD (last)));
      run.previous = previous;
    }
  else
    {
      g_autoptr(GListModel) all = pb_store_list_plans (store);
      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        g_ptr_array_add (plans, g_list_model_get_item (all, i));
    }

  for (guint p = 0; p < plans->len; p++)
    {
      gint64 id = pb_record_get_id (g_ptr_array_index (plans, p));
      g_autoptr(GListModel) plan_items = pb_store_list_items (store, id);

      for (guint i = 0; i < g_list_model_get_n_items (plan_items); i++)
        {
          PbItem *item = g_list_model_get_item (plan_items, i);
          gint64 item_id = pb_record_get_id (PB_RECORD (item));

          g_hash_table_insert (items, g_memdup2 (&item_id, sizeof item_id), item);
        }
      pb_store_foreach_item_org (store, id, count_item_org, &run);
    }

  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PbOrgStats *s = value;
      double *sum = g_hash_table_lookup (sums, key);

      if (sum[1] > 0)
        s->completion = sum[0] / sum[1];
      if (sum[3] > 0)
        s->previous_completion = sum[2] / sum[3];
      g_ptr_array_add (result, s);
    }

  /* Ranks then: equal completion, equal rank. */
  if (previous != NULL)
    {
      g_ptr_array_sort (result, compare_previous);
      for (guint i = 0; i < result->len; i++)
        {
          PbOrgStats *s = g_ptr_array_index (result, i);
          PbOrgStats *before = i > 0 ? g_ptr_array_index (result, i - 1) : NULL;

          if (isnan (s->previous_completion))
            continue;
          s->previous_rank = before && !isnan (before->previous_completion) &&
                             same_completion (before->previous_completion, s->previous_completion)
                             ? before->previous_rank : i + 1;
        }
    }

  g_ptr_array_sort (result, compare_stats);
  for (guint i = 0; i < result->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (result, i);
      PbOrgStats *before = i > 0 ? g_ptr_array_index (result, i - 1) : NULL;

      if (isnan (s->completion))
        s->rank = 0;
      else
        s->rank = before && same_place (before, s) ? before->rank : i + 1;
    }

  return result;
}

/**
 * pb_store_merge_organisations:
 * @store: a store
 * @keep_id: the organisation that stays
 * @merged_id: the same organisation under another name, in the same plan
 * @error: where to say why not
 *
 * One undoable command: @merged_id's items, notes and aliases move to
 * @keep_id (leading where either led), its name becomes an alias of
 * @keep_id, and it is gone.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_merge_organisations (PbStore  *store,
                              gint64    keep_id,
                              gint64    merged_id,
                              GError  **error)
{
  g_autoptr(PbOrganisation) keep = NULL;
  g_autoptr(PbOrganisation) merged = NULL;
  g_autofree char *merged_name = NULL;
  g_autofree char *merged_short = NULL;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  keep = pb_store_get_record (store, PB_TYPE_ORGANISATION, keep_id);
  merged = pb_store_get_record (store, PB_TYPE_ORGANISATION, merged_id);
  if (keep == NULL || merged == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The organisation to merge no longer exists."));
      return FALSE;
    }
  if (keep_id == merged_id ||
      pb_record_get_int (PB_RECORD (keep), "plan_id") != pb_record_get_int (PB_RECORD (merged), "plan_id"))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("Only two different organisations of the same plan can be merged."));
      return FALSE;
    }
  merged_name = g_strdup (pb_organisation_get_name (merged));
  merged_short = g_strdup (pb_record_get_string (PB_RECORD (merged), "short_name"));

  if (!pb_store_begin (store, error))
    return FALSE;

  ok = pb_store_exec_ids (store, "UPDATE item_org SET role = 'lead' WHERE organisation_id = ?1 AND role <> 'lead'"
                       " AND item_id IN (SELECT item_id FROM item_org WHERE organisation_id = ?2 AND role = 'lead')",
                keep_id, merged_id, error) &&
       pb_store_exec_ids (store, "DELETE FROM item_org WHERE organisation_id = ?2"
                       " AND item_id IN (SELECT item_id FROM item_org WHERE organisation_id = ?1)",
                keep_id, merged_id, error) &&
       pb_store_exec_ids (store, "UPDATE item_org SET organisation_id = ?1 WHERE organisation_id = ?2",
                keep_id, merged_id, error) &&
       pb_store_exec_ids (store, "UPDATE note SET organisation_id = ?1 WHERE organisation_id = ?2",
                keep_id, merged_id, error) &&
       pb_store_exec_ids (store, "INSERT INTO organisation_alias (organisation_id, alias)"
                       " SELECT ?1, alias FROM organisation_alias WHERE organisation_id = ?2"
                       " AND alias NOT IN (SELECT alias FROM organisation_alias WHERE organisation_id = ?1)",
                keep_id, merged_id, error) &&
       pb_store_exec_ids (store, "DELETE FROM organisation_alias WHERE organisation_id = ?2", keep_id, merged_id, error) &&
       /* Their progress forms merge too (review 22, finding 27: a form
        * the merged name had returned was lost, and the round counted the
        * kept one as only sent). A period both were sent: one form, sent
        * at the earlier date, returned if either was, at the earlier. */
       pb_store_exec_ids (store,
                          "UPDATE progress_form SET"
                          " returned_date = CASE"
                          "  WHEN (SELECT m.returned_date FROM progress_form m WHERE m.organisation_id = ?2"
                          "        AND m.plan_id = progress_form.plan_id AND m.period = progress_form.period) IS NULL"
                          "  THEN returned_date"
                          "  WHEN returned_date IS NULL OR (SELECT m.returned_date FROM progress_form m WHERE m.organisation_id = ?2"
                          "        AND m.plan_id = progress_form.plan_id AND m.period = progress_form.period) < returned_date"
                          "  THEN (SELECT m.returned_date FROM progress_form m WHERE m.organisation_id = ?2"
                          "        AND m.plan_id = progress_form.plan_id AND m.period = progress_form.period)"
                          "  ELSE returned_date END,"
                          " sent_date = CASE"
                          "  WHEN (SELECT m.sent_date FROM progress_form m WHERE m.organisation_id = ?2"
                          "        AND m.plan_id = progress_form.plan_id AND m.period = progress_form.period) < sent_date"
                          "  THEN (SELECT m.sent_date FROM progress_form m WHERE m.organisation_id = ?2"
                          "        AND m.plan_id = progress_form.plan_id AND m.period = progress_form.period)"
                          "  ELSE sent_date END"
                          " WHERE organisation_id = ?1 AND EXISTS (SELECT 1 FROM progress_form m WHERE m.organisation_id = ?2"
                          "  AND m.plan_id = progress_form.plan_id AND m.period = progress_form.period)",
                          keep_id, merged_id, error) &&
       pb_store_exec_ids (store,
                          "DELETE FROM progress_form WHERE organisation_id = ?2 AND EXISTS"
                          " (SELECT 1 FROM progress_form k WHERE k.organisation_id = ?1"
                          "  AND k.plan_id = progress_form.plan_id AND k.period = progress_form.period)",
                          keep_id, merged_id, error) &&
       pb_store_exec_ids (store, "UPDATE progress_form SET organisation_id = ?1 WHERE organisation_id = ?2",
                          keep_id, merged_id, error);

  if (ok && g_strcmp0 (merged_name, pb_organisation_get_name (keep)) != 0)
    {
      PbDbStmt *stmt = pb_store_prepare (store, "INSERT OR IGNORE INTO organisation_alias (organisation_id, alias)"
                                                    " VALUES (?1, ?2)", error);
      ok = stmt != NULL;
      if (ok)
        {
          pb_db_bind_int64 (stmt, 1, keep_id);
          pb_db_bind_text (stmt, 2, merged_name);
          ok = pb_store_step_done (store, stmt, error);
        }
    }

  if (ok && merged_short && *merged_short && pb_record_get_string (PB_RECORD (keep), "short_name") == NULL)
    ok = pb_store_update (store, PB_TYPE_ORGANISATION, keep_id, error, "short_name", merged_short, NULL);

  if (ok)
    ok = pb_store_exec_ids (store, "DELETE FROM organisation WHERE id = ?2", keep_id, merged_id, error);

  return pb_store_finish (store, ok, _("Merge organisations"), error);
}

/**
 * pb_store_rename_organisation:
 * @store: a store
 * @organisation_id: an organisation
 * @name: its new name
 * @error: where to say why not
 *
 * Renames it, keeping the old name as an alias. A name another
 * organisation of the plan has is refused: merge them instead.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_rename_organisation (PbStore    *store,
                              gint64      organisation_id,
                              const char *name,
                              GError    **error)
{
  g_autoptr(PbOrganisation) org = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *old = NULL;
  gint64 plan_id, other;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  org = pb_store_get_record (store, PB_TYPE_ORGANISATION, organisation_id);
  clean = g_strstrip (g_strdup (name ? name : ""));
  if (org == NULL || *clean == '\0')
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("An organisation needs a name."));
      return FALSE;
    }
  old = g_strdup (pb_organisation_get_name (org));
  if (g_str_equal (old, clean))
    return TRUE;

  plan_id = pb_record_get_int (PB_RECORD (org), "plan_id");
  other = pb_store_find_organisation (store, plan_id, clean);
  if (other != 0 && other != organisation_id)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is already the name of another organisation of this plan; merge the two instead."), clean);
      return FALSE;
    }

  if (!pb_store_begin (store, error))
    return FALSE;

  ok = pb_store_update (store, PB_TYPE_ORGANISATION, organisation_id, error, "name", clean, NULL);
  if (ok)
    {
      PbDbStmt *stmt = pb_store_prepare (store, "DELETE FROM organisation_alias WHERE organisation_id = ?1 AND alias = ?2", error);
      ok = stmt != NULL;
      if (ok)
        {
          pb_db_bind_int64 (stmt, 1, organisation_id);
          pb_db_bind_text (stmt, 2, clean);
          ok = pb_store_step_done (store, stmt, error);
        }
      if (ok)
        {
          stmt = pb_store_prepare (store, "INSERT OR IGNORE INTO organisation_alias (organisation_id, alias) VALUES (?1, ?2)", error);
          ok = stmt != NULL;
          if (ok)
            {
              pb_db_bind_int64 (stmt, 1, organisation_id);
              pb_db_bind_text (stmt, 2, old);
              ok = pb_store_step_done (store, stmt, error);
            }
        }
    }

  return pb_store_finish (store, ok, _("Rename organisation"), error);
}

/* ---- Reporting periods ----------------------------------------------------- */

/**
 * pb_period_bounds:
 * @kind: month or quarter
 * @year: its year
 * @number: the month (1–12) or quarter (1–4)
 * @end: (out) (optional): its last day
 * @label: (out) (optional) (transfer full): "2026-10" or "2026-Q3"
 */
void
pb_period_bounds (PbPeriodKind  kind,
                  int           year,
                  int           number,
                  GDate        *end,
                  char        **label)
{
  int month = kind == PB_PERIOD_KIND_QUARTER ? CLAMP (number, 1, 4) * 3 : CLAMP (number, 1, 12);

  if (end)
    {
      g_date_clear (end, 1);
      g_date_set_dmy (end, g_date_get_days_in_month (month, year), month, year);
    }
  if (label)
    *label = kind == PB_PERIOD_KIND_QUARTER ? g_strdup_printf ("%04d-Q%d", year, CLAMP (number, 1, 4))
                                            : g_strdup_printf ("%04d-%02d", year, month);
}

static void
period_first_day (PbPeriodKind  kind,
                  int           year,
                  int           number,
                  GDate        *start)
{
  int month = kind == PB_PERIOD_KIND_QUARTER ? (CLAMP (number, 1, 4) - 1) * 3 + 1 : CLAMP (number, 1, 12);

  g_date_clear (start, 1);
  g_date_set_dmy (start, 1, month, year);
}

/* The month or quarter holding @date. */
static void
period_holding (PbPeriodKind  kind,
                const GDate  *date,
                int          *year,
                int          *number)
{
  *year = g_date_get_year (date);
  *number = g_date_get_month (date);
  if (kind == PB_PERIOD_KIND_QUARTER)
    *number = (*number - 1) / 3 + 1;
}

/**
 * pb_period_choices:
 * @kind: months or quarters
 * @period_start: the plan's first year, 0 when unknown
 * @period_end: the plan's last year, 0 when unknown
 * @today: today
 *
 * The periods that can be closed, newest first: those within the plan's
 * period that have begun by @today (the one under way included, so a
 * planner can close it on its last day). For a plan that has ended, its
 * last period first; for one with no period, the twelve up to today.
 *
 * Returns: (transfer full) (element-type PbPeriodChoice): the choices,
 *   empty when the plan's period has not begun
 */
GArray *
pb_period_choices (PbPeriodKind  kind,
                   int           period_start,
                   int           period_end,
                   const GDate  *today)
{
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (PbPeriodChoice));
  gboolean bounded = period_start > 0 && period_end >= period_start;
  int per_year = kind == PB_PERIOD_KIND_QUARTER ? 4 : 12;
  int year, number;

  g_return_val_if_fail (today != NULL, choices);

  period_holding (kind, today, &year, &number);
  if (bounded && year > period_end)
    {
      year = period_end;
      number = per_year;
    }
  for (guint n = 0; ; n++)
    {
      PbPeriodChoice c = { kind, year, number, FALSE };
      GDate end;

      if (bounded ? year < period_start : n >= 12)
        break;
      pb_period_bounds (kind, year, number, &end, NULL);
      c.ended = g_date_compare (&end, today) < 0;
      g_array_append_val (choices, c);
      if (--number == 0)
        {
          number = per_year;
          year--;
        }
    }
  return choices;
}

/**
 * pb_period_check_closable:
 * @kind: month or quarter
 * @year: the period's year
 * @number: its month or quarter
 * @period_start: the plan's first year, 0 when unknown
 * @period_end: the plan's last year, 0 when unknown
 * @today: today
 * @error: where to say why not
 *
 * A period can be closed once it has begun, and only within the plan's
 * period.
 *
 * Returns: whether the period can be closed
 */
gboolean
pb_period_check_closable (PbPeriodKind  kind,
                          int           year,
                          int           number,
                          int           period_start,
                          int           period_end,
                          const GDate  *today,
                          GError      **error)
{
  g_autofree char *label = NULL;
  g_autofree char *shown = NULL;
  GDate start;

  pb_period_bounds (kind, year, number, NULL, &label);
  shown = pb_format_period_label (label);
  if (period_start > 0 && period_end >= period_start && (year < period_start || year > period_end))
    {
      /* Translators: a period refused: the period ("2024 Q4"), the plan's
       * first and last years */
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("%s lies outside the plan’s period, %d—%d."), shown, period_start, period_end);
      return FALSE;
    }
  period_first_day (kind, year, number, &start);
  if (g_date_compare (&start, today) > 0)
    {
      /* Translators: a period refused: the period ("2027 Q1") */
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("%s has not begun yet: a period can be closed once it has begun."), shown);
      return FALSE;
    }
  return TRUE;
}

/* What a closed period keeps of an indicator and of an item. */
typedef struct
{
  gint64   id;
  gboolean has_actual;
  double   value;
  char     date[11];
  double   completion;
  PbHealth health;
} IndicatorSnapshot;

typedef struct
{
  gint64       id;
  PbItemStatus status;
  double       progress;
  PbHealth     health;
} ItemSnapshot;

/* An item's status from its nick, as stored. */
static gboolean
status_from_nick (const char   *nick,
                  PbItemStatus *status)
{
  g_autoptr(GEnumClass) statuses = g_type_class_ref (PB_TYPE_ITEM_STATUS);
  GEnumValue *v = nick ? g_enum_get_value_by_nick (statuses, nick) : NULL;

  if (v == NULL)
    return FALSE;
  *status = v->value;
  return TRUE;
}

/* The items of @items (the plan's) as they stood at the end of @end, from
 * their history (item_history, schema 8): the last entry dated on or
 * before it; with entries only after it, what the first of those found;
 * with none, the item as it is. Returns item id → a copy of the item with
 * its status and progress then, for the items that stood otherwise than
 * they do; *@unknown counts the items whose value at the end cannot be
 * known (the library began keeping history after it and no entry reaches
 * back to it, or the item's own history begins after it: its first entry
 * changes nothing, as a plan from another library has); *@since is that
 * day (the latest, when they differ). NULL on a failed read. */
static GHashTable *
items_as_of (PbStore     *store,
             gint64       plan_id,
             GListModel  *items,
             const char  *end,
             guint       *unknown,
             char       **since,
             GError     **error)
{
  g_autoptr(GHashTable) as_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) begins = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *began = NULL;
  const char *latest = NULL;
  PbDbStmt *stmt;
  gint64 current = 0;
  gboolean have = FALSE, at_end = FALSE;
  PbItemStatus status = PB_ITEM_STATUS_NOT_STARTED;
  double progress = 0;

  *unknown = 0;
  stmt = pb_store_prepare (store, "SELECT value FROM library_info WHERE key = 'item_history_since'", error);
  if (stmt == NULL)
    return NULL;
  if (pb_store_step (store, stmt, NULL))
    began = g_strdup (pb_db_column_text (stmt, 0));
  pb_db_reset (stmt);

  stmt = pb_store_prepare (store, "SELECT h.item_id, h.date, h.status, h.progress, h.status_before, h.progress_before"
                                  " FROM item_history h JOIN item i ON i.id = h.item_id"
                                  " WHERE i.plan_id = ?1 ORDER BY h.item_id, h.date, h.id", error);
  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, plan_id);
  for (;;)
    {
      g_autoptr(GError) local = NULL;
      gboolean row = pb_store_step (store, stmt, &local);
      gint64 id = row ? pb_db_column_int64 (stmt, 0) : 0;

      if (local != NULL)
        {
          pb_db_reset (stmt);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      /* The item before is done: keep what it had at the end. */
      if (have && (!row || id != current))
        {
          g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, current);

          if (item != NULL &&
              (pb_item_get_status (item) != status || pb_item_get_progress (item) != progress))
            {
              g_auto(GValue) v = G_VALUE_INIT;
              g_autoptr(PbRecord) with_status = NULL;

              g_value_init (&v, G_VALUE_TYPE (pb_record_peek_value (PB_RECORD (item), "status")));
              g_value_set_enum (&v, status);
              with_status = pb_record_dup_with (PB_RECORD (item), "status", &v);
              g_value_unset (&v);
              g_value_init (&v, G_TYPE_DOUBLE);
              g_value_set_double (&v, progress);
              g_hash_table_insert (as_of, g_memdup2 (&current, sizeof current),
                                   pb_record_dup_with (with_status, "progress", &v));
            }
          if (at_end)
            g_hash_table_add (known, g_memdup2 (&current, sizeof current));
          have = at_end = FALSE;
        }
      if (!row)
        break;

      if (id != current || !have)
        {
          /* Its first entry: after the end, what it had before is what
           * it had at the end; on or before, what it became, unless a
           * later one on or before the end says otherwise. */
          current = id;
          have = TRUE;
          if (g_strcmp0 (pb_db_column_text (stmt, 1), end) > 0)
            {
              if (!status_from_nick (pb_db_column_text (stmt, 4), &status))
                status = PB_ITEM_STATUS_NOT_STARTED;
              progress = pb_db_column_double (stmt, 5);
              /* An entry that changes nothing, first, is where the
               * item's history begins (a plan from another library,
               * pb-plan-json.c): before it, the item cannot be known. */
              if (g_strcmp0 (pb_db_column_text (stmt, 2), pb_db_column_text (stmt, 4)) == 0 &&
                  pb_db_column_double (stmt, 3) == progress)
                g_hash_table_insert (begins, g_memdup2 (&current, sizeof current),
                                     g_strdup (pb_db_column_text (stmt, 1)));
              continue;
            }
        }
      if (g_strcmp0 (pb_db_column_text (stmt, 1), end) <= 0)
        {
          if (!status_from_nick (pb_db_column_text (stmt, 2), &status))
            status = PB_ITEM_STATUS_NOT_STARTED;
          progress = pb_db_column_double (stmt, 3);
          at_end = TRUE;
        }
    }

  /* Before the library kept history, a change was not recorded: an item
   * no entry by the end speaks for is as it stood when history began
   * (the library's, or the item's own when that begins after the end). */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbRecord) item = g_list_model_get_item (items, i);
      gint64 id = pb_record_get_id (item);
      const char *own = g_hash_table_lookup (begins, &id);

      if (g_hash_table_contains (known, &id) ||
          (own == NULL && (began == NULL || g_strcmp0 (began, end) <= 0)))
        continue;
      (*unknown)++;
      if (latest == NULL || strcmp (own ? own : began, latest) > 0)
        latest = own ? own : began;
    }
  /* The day given is the latest beginning of those. */
  if (latest != NULL && latest != began)
    {
      g_autofree char *day = g_strdup (latest);

      g_free (began);
      began = g_steal_pointer (&day);
    }
  if (since != NULL)
    *since = g_steal_pointer (&began);
  return g_steal_pointer (&as_of);
}

/**
 * pb_store_count_items_unknown_at_end:
 * @store: a store
 * @plan_id: a plan
 * @kind: month or quarter
 * @year: the period's year
 * @number: its month or quarter
 * @since: (out) (optional) (transfer full): the day the library began
 *   keeping its items' history
 *
 * How many of the plan's items cannot be known as they stood at the
 * period's end: the library began keeping the history of status and
 * progress after it (a library of an earlier version), and no entry
 * reaches back to it. Closing the period keeps them as they stood on
 * *@since or later.
 *
 * Returns: the count; 0 when all are known
 */
guint
pb_store_count_items_unknown_at_end (PbStore      *store,
                                     gint64        plan_id,
                                     PbPeriodKind  kind,
                                     int           year,
                                     int           number,
                                     char        **since)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GHashTable) as_of = NULL;
  g_autofree char *label = NULL;
  g_autofree char *began = NULL;
  char end_text[11];
  GDate end;
  guint unknown = 0;

  g_return_val_if_fail (PB_IS_STORE (store), 0);

  pb_period_bounds (kind, year, number, &end, &label);
  pb_date_format (&end, end_text);
  items = pb_store_list_items (store, plan_id);
  as_of = items_as_of (store, plan_id, items, end_text, &unknown, &began, NULL);
  if (since != NULL)
    *since = g_steal_pointer (&began);
  return unknown;
}

/**
 * pb_store_close_period:
 * @store: a store
 * @plan_id: a plan
 * @kind: month or quarter
 * @year: the period's year
 * @number: its month or quarter
 * @error: where to say why not
 *
 * One undoable command that keeps, as they stood at the period's end,
 * every indicator's latest actual, completion and health and every item's
 * status, completion and health. A period is closed once.
 *
 * Returns: the period's id, or 0
 */
gint64
pb_store_close_period (PbStore      *store,
                       gint64        plan_id,
                       PbPeriodKind  kind,
                       int           year,
                       int           number,
                       GError      **error)
{
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GArray) indicator_snaps = NULL;
  g_autoptr(GArray) item_snaps = NULL;
  g_autoptr(GHashTable) as_of = NULL;
  g_autoptr(GHashTable) judged = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PbPlan) plan = NULL;
  char end_text[11], today_text[11];
  guint unknown = 0;
  GDate end, today;
  gint64 period_id;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (store), 0);

  plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  if (plan == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("The plan no longer exists."));
      return 0;
    }

  pb_period_bounds (kind, year, number, &end, &label);
  pb_date_format (&end, end_text);
  pb_date_today (&today);
  pb_date_format (&today, today_text);
  if (!pb_period_check_closable (kind, year, number, pb_plan_get_period_start (plan), pb_plan_get_period_end (plan),
                                 &today, error))
    return 0;

  {
    g_autoptr(GListModel) periods = pb_store_list_periods (store, plan_id);
    for (guint i = 0; i < g_list_model_get_n_items (periods); i++)
      {
        g_autoptr(PbRecord) p = g_list_model_get_item (periods, i);
        if (g_strcmp0 (pb_record_get_string (p, "label"), label) == 0)
          {
            g_autofree char *shown = pb_format_period_label (label);

            g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                         _("The period %s is already closed."), shown);
            return 0;
          }
      }
  }

  /* Everything as it stood at the period's end, judged before the
   * transaction: health reads the store, and the period being closed is
   * not yet the "last closed period" its own end is judged against (an
   * indicator and the items it serves are judged alike). Only the actuals
   * dated by the period's end count: an actual carries the date of its
   * figure, so Q3's figures recorded in early October are dated 30
   * September and count, October's do not. */
  indicators = pb_store_list_indicators (store, plan_id);
  items = pb_store_list_items (store, plan_id);
  /* Each item as it stood at the end, from its history (a month closed
   * in mid-November keeps October's progress, not today's), judged on
   * the end with that. */
  as_of = items_as_of (store, plan_id, items, end_text, &unknown, NULL, error);
  if (as_of == NULL)
    return 0;
  judged = pb_store_judge_items_as_of (store, plan_id, &end, as_of);
  indicator_snaps = g_array_sized_new (FALSE, TRUE, sizeof (IndicatorSnapshot), g_list_model_get_n_items (indicators));
  item_snaps = g_array_sized_new (FALSE, TRUE, sizeof (ItemSnapshot), g_list_model_get_n_items (items));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      const PbIndicatorStatus *status = pb_store_get_indicator_status (store, k, &end);
      IndicatorSnapshot snap = { pb_record_get_id (PB_RECORD (k)), status->has_actual, status->latest, "",
                                 status->completion, status->health };

      if (status->has_actual)
        memcpy (snap.date, status->latest_date, sizeof snap.date);
      g_array_append_val (indicator_snaps, snap);
    }
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      gint64 id = pb_record_get_id (PB_RECORD (item));
      PbItem *then = g_hash_table_lookup (as_of, &id);
      PbItemJudgement *j = g_hash_table_lookup (judged, &id);
      ItemSnapshot snap = { id, pb_item_get_status (then ? then : item),
                            CLAMP (j ? j->completion : pb_item_get_progress (then ? then : item), 0.0, 1.0),
                            j ? j->health : PB_HEALTH_NONE };

      g_array_append_val (item_snaps, snap);
    }

  if (!pb_store_begin (store, error))
    return 0;

  period_id = pb_store_insert (store, PB_TYPE_PERIOD, error,
                               "plan_id", plan_id,
                               "kind", kind,
                               "label", label,
                               "end_date", end_text,
                               "closed_date", today_text,
                               NULL);
  ok = period_id > 0;

  for (guint i = 0; ok && i < indicator_snaps->len; i++)
    {
      IndicatorSnapshot *snap = &g_array_index (indicator_snaps, IndicatorSnapshot, i);

      ok = pb_store_insert (store, PB_TYPE_PERIOD_INDICATOR, error,
                            "period_id", period_id,
                            "indicator_id", snap->id,
                            "value", snap->has_actual ? snap->value : NAN,
                            "date", snap->has_actual ? snap->date : NULL,
                            "completion", snap->completion,
                            "health", snap->health,
                            NULL) > 0;
    }

  for (guint i = 0; ok && i < item_snaps->len; i++)
    {
      ItemSnapshot *snap = &g_array_index (item_snaps, ItemSnapshot, i);

      ok = pb_store_insert (store, PB_TYPE_PERIOD_ITEM, error,
                            "period_id", period_id,
                            "item_id", snap->id,
                            "status", snap->status,
                            "progress", snap->progress,
                            "health", snap->health,
                            NULL) > 0;
    }

  return pb_store_finish (store, ok, _("Close period"), error) ? period_id : 0;
}

GListModel *
pb_store_list_periods (PbStore *store,
                       gint64   plan_id)
{
  return pb_store_list_query (store, PB_TYPE_PERIOD,
                              "SELECT id FROM period WHERE plan_id = ?1 ORDER BY end_date, id",
                              plan_id, "period");
}

/**
 * pb_store_get_last_period:
 * @store: a store
 * @plan_id: a plan
 *
 * Returns: (transfer full) (nullable): the closed period that ends last
 */
PbPeriod *
pb_store_get_last_period (PbStore *store,
                          gint64   plan_id)
{
  g_autoptr(GListModel) periods = pb_store_list_periods (store, plan_id);
  guint n = g_list_model_get_n_items (periods);

  return n ? g_list_model_get_item (periods, n - 1) : NULL;
}

/**
 * pb_store_find_closed_period:
 * @store: a store
 * @indicator_id: the indicator an actual is for
 * @date: (nullable): the actual's date, YYYY-MM-DD
 * @error: where to say that the periods could not be read
 *
 * The closed reporting period of the indicator's plan whose days hold
 * @date: an actual recorded, changed or deleted there changes a month or
 * quarter whose figures were kept when it was closed. A month is named
 * before a closed quarter that holds the same day.
 *
 * "No closed period" and "the periods could not be read" differ: only
 * the first leaves @error unset. A caller about to change an actual asks
 * first in the one case and changes nothing in the other.
 *
 * Returns: (transfer full) (nullable): the period, or %NULL when @date
 *   falls in no closed period (or is not a date), or with @error set when
 *   the library could not be read
 */
PbPeriod *
pb_store_find_closed_period (PbStore    *store,
                             gint64      indicator_id,
                             const char *date,
                             GError    **error)
{
  g_autoptr(GError) local = NULL;
  PbPeriod *found;
  PbDbStmt *stmt;
  gint64 found_id = 0;
  gboolean found_month = FALSE;
  char day[11];
  GDate parsed;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (date == NULL || !pb_date_parse (date, &parsed))
    return NULL;
  pb_date_format (&parsed, day);

  /* Read here, each failure said: the lists and records of the store
   * answer "none" when a read fails, which would read as "not closed". */
  stmt = pb_store_prepare (store,
                           "SELECT p.id, p.kind, p.end_date FROM period p"
                           " JOIN indicator k ON k.plan_id = p.plan_id"
                           " WHERE k.id = ?1 ORDER BY p.end_date, p.id", error);
  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, indicator_id);
  while (pb_store_step (store, stmt, &local))
    {
      gboolean month = g_strcmp0 (pb_db_column_text (stmt, 1), "month") == 0;
      const char *end = pb_db_column_text (stmt, 2);
      int year = 0, m = 0, d = 0;
      char start[11];

      if (end == NULL || sscanf (end, "%4d-%2d-%2d", &year, &m, &d) != 3 || m < 1 || m > 12)
        continue;
      if (!month)
        m = (m - 1) / 3 * 3 + 1;
      g_snprintf (start, sizeof start, "%04d-%02d-01", year, m);
      if (strcmp (day, start) < 0 || strcmp (day, end) > 0)
        continue;
      if (found_id == 0 || (!found_month && month))
        {
          found_id = pb_db_column_int64 (stmt, 0);
          found_month = month;
        }
    }
  pb_db_reset (stmt);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (found_id == 0)
    return NULL;

  found = pb_store_get_record (store, PB_TYPE_PERIOD, found_id);
  if (found == NULL)
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                 _("The closed periods of the plan could not be read."));
  return found;
}

/**
 * pb_store_period_changed_since_closing:
 * @store: a store
 * @period_id: a closed period
 *
 * Whether an indicator's figure at the period's end is no longer the one
 * the period kept when it was closed: an actual dated by its end was
 * recorded, changed or deleted afterwards. The kept figures stay (they
 * are what was reported); this says they no longer match the data.
 *
 * Returns: %TRUE when the data changed after closing
 */
gboolean
pb_store_period_changed_since_closing (PbStore *store,
                                       gint64   period_id)
{
  g_autoptr(PbPeriod) period = NULL;
  g_autoptr(GHashTable) kept = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *end;
  PbDbStmt *stmt;
  gboolean changed = FALSE;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  period = pb_store_get_record (store, PB_TYPE_PERIOD, period_id);
  if (period == NULL)
    return FALSE;
  end = pb_record_get_string (PB_RECORD (period), "end_date");
  kept = pb_store_dup_period_indicators (store, period_id);
  /* The latest date by the period's end, and whether one actual of that
   * day has the kept value (two on one day: either may be the kept one). */
  stmt = pb_store_prepare (store,
                           "SELECT date, value FROM actual"
                           " WHERE indicator_id = ?1 AND date = (SELECT MAX(date) FROM actual"
                           "   WHERE indicator_id = ?1 AND date <= ?2)", NULL);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, kept);
  while (!changed && g_hash_table_iter_next (&iter, &key, &value))
    {
      PbRecord *snap = value;
      const char *kept_date = pb_record_get_string (snap, "date");
      double kept_value = pb_record_get_double (snap, "value");
      gboolean any = FALSE, same = FALSE;
      int rc;

      pb_db_bind_int64 (stmt, 1, *(gint64 *) key);
      pb_db_bind_text (stmt, 2, end);
      while ((rc = pb_db_step (stmt)) == PB_DB_ROW)
        {
          const char *date = pb_db_column_text (stmt, 0);
          double v = pb_db_column_double (stmt, 1);

          any = TRUE;
          if (g_strcmp0 (date, kept_date) == 0 &&
              fabs (v - kept_value) <= 1e-9 * MAX (1.0, fabs (kept_value)))
            same = TRUE;
        }
      pb_db_reset (stmt);
      if (rc != PB_DB_DONE)
        break;
      if (kept_date == NULL || *kept_date == '\0')
        changed = any;
      else
        changed = !same;
    }
  return changed;
}

static GHashTable *
dup_snapshot (PbStore    *store,
              GType       type,
              const char *table_name,
              const char *sql,
              const char *key_column,
              gint64      period_id)
{
  g_autoptr(GListModel) rows = pb_store_list_query (store, type, sql, period_id, table_name);
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      PbRecord *r = g_list_model_get_item (rows, i);
      gint64 id = pb_record_get_int (r, key_column);

      g_hash_table_insert (table, g_memdup2 (&id, sizeof id), r);
    }
  return table;
}

/**
 * pb_store_dup_period_indicators:
 * @store: a store
 * @period_id: a closed period
 *
 * Returns: (transfer full): indicator id → #PbPeriodIndicator
 */
GHashTable *
pb_store_dup_period_indicators (PbStore *store,
                                gint64   period_id)
{
  return dup_snapshot (store, PB_TYPE_PERIOD_INDICATOR, "period_indicator",
                       "SELECT id FROM period_indicator WHERE period_id = ?1", "indicator_id", period_id);
}

/**
 * pb_store_dup_period_items:
 * @store: a store
 * @period_id: a closed period
 *
 * Returns: (transfer full): item id → #PbPeriodItem
 */
GHashTable *
pb_store_dup_period_items (PbStore *store,
                           gint64   period_id)
{
  return dup_snapshot (store, PB_TYPE_PERIOD_ITEM, "period_item",
                       "SELECT id FROM period_item WHERE period_id = ?1", "item_id", period_id);
}

/**
 * pb_indicator_change_since:
 * @kind: the indicator's kind
 * @kept: the actual the last closed period kept, or NAN for none
 * @kept_date: (nullable): its date, YYYY-MM-DD
 * @latest: the latest actual
 * @latest_date: (nullable): its date
 * @change: (out): what the latest actual adds to the kept one
 *
 * The change of an indicator since the last closed period, as the
 * Indicators page's "Since Last Period" shows it. An annual indicator
 * counts each year from nothing: 2,600 new base stations so far in 2026
 * after 3,200 in 2025 is +2,600 in 2026, not 600 fewer.
 *
 * Returns: %FALSE when the period kept no actual to compare with (the
 *   figure is new)
 */
gboolean
pb_indicator_change_since (PbIndicatorKind  kind,
                           double           kept,
                           const char      *kept_date,
                           double           latest,
                           const char      *latest_date,
                           double          *change)
{
  GDate then, now;

  g_return_val_if_fail (change != NULL, FALSE);

  *change = NAN;
  if (isnan (kept))
    return FALSE;
  if (kind == PB_INDICATOR_KIND_ANNUAL && kept_date && latest_date &&
      pb_date_parse (kept_date, &then) && pb_date_parse (latest_date, &now) &&
      g_date_get_year (&now) > g_date_get_year (&then))
    {
      /* Another year's amount: this year's began at nothing. */
      *change = latest;
      return TRUE;
    }
  *change = latest - kept;
  return TRUE;
}

/* ---- Across plans ------------------------------------------------------------ */

/**
 * pb_store_find_matching_indicators:
 * @store: a store
 * @name: an indicator's name
 * @key_func: (nullable): how names meet; pb_name_key() when %NULL
 *
 * Returns: (transfer full) (element-type PbIndicator): the indicators of
 *   every plan whose name meets @name, by plan
 */
GPtrArray *
pb_store_find_matching_indicators (PbStore       *store,
                                   const char    *name,
                                   PbNameKeyFunc  key_func)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), found);

  if (key_func == NULL)
    key_func = pb_name_key;
  key = key_func (name);
  plans = pb_store_list_plans (store);

  for (guint p = 0; p < g_list_model_get_n_items (plans); p++)
    {
      g_autoptr(PbPlan) plan = g_list_model_get_item (plans, p);
      g_autoptr(GListModel) indicators = pb_store_list_indicators (store, pb_record_get_id (PB_RECORD (plan)));

      for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
        {
          g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
          g_autofree char *other = key_func (pb_indicator_get_name (k));

          if (g_str_equal (key, other))
            g_ptr_array_add (found, g_steal_pointer (&k));
        }
    }

  return found;
}

/* Where a title's words part: after a space or a separator, at an
 * opening bracket. */
static gboolean
opens_part (gunichar c)
{
  return c == 0xFF08 /* （ */ || c == '(' || c == 0x3014 /* 〔 */ || c == '[' ||
         c == 0x3010 /* 【 */ || c == 0x300A /* 《 */;
}

static gboolean
ends_part (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00B7 /* · */ || c == 0x2014 /* — */ || c == '-' ||
         c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */ || c == ':' || c == 0xFF1A /* ： */;
}

/**
 * pb_shorten_titles:
 * @titles: (array zero-terminated=1): plan titles, side by side (a
 *   chart's legend, a table's columns)
 * @max_chars: the most characters a short title may have (at least 4)
 *
 * Titles that fit stay whole. A longer one is cut to @max_chars with
 * "…", at its end when what sets it apart from the others comes early,
 * else from the part that does (云澜市5G网络建设三年行动方案（2025—2027年）
 * beside its （2022—2024年） edition reads "…（2025—2027年）"), so two
 * titles never read the same where they differ.
 *
 * Returns: (transfer full) (array zero-terminated=1): the short titles,
 *   in the order of @titles
 */
char **
pb_shorten_titles (const char * const *titles,
                   guint               max_chars)
{
  guint n = titles ? g_strv_length ((char **) titles) : 0;
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree gunichar **chars = g_new0 (gunichar *, n + 1);
  g_autofree glong *lengths = g_new0 (glong, n + 1);
  char **shortened;

  max_chars = MAX (max_chars, 4);
  for (guint i = 0; i < n; i++)
    chars[i] = g_utf8_to_ucs4_fast (titles[i], -1, &lengths[i]);

  for (guint i = 0; i < n; i++)
    {
      glong len = lengths[i], shared = 0, start;
      g_autoptr(GString) out = g_string_new (NULL);

      /* The longest start it shares with another title. */
      for (guint j = 0; j < n; j++)
        {
          glong k = 0;

          if (j == i)
            continue;
          while (k < len && k < lengths[j] && chars[i][k] == chars[j][k])
            k++;
          shared = MAX (shared, k);
        }

      if ((guint) len <= max_chars)
        {
          g_strv_builder_add (builder, titles[i]);
          continue;
        }
      if (shared + 1 < (glong) max_chars || shared >= len)
        {
          /* What sets it apart is before the "…" (or nothing does). */
          for (glong k = 0; k < (glong) max_chars - 1; k++)
            g_string_append_unichar (out, chars[i][k]);
          g_string_append (out, "…");
          g_strv_builder_add (builder, out->str);
          continue;
        }

      /* From the part where it differs: its bracket, the word after a
       * separator, its whole number, else two characters before. */
      start = shared >= 2 ? shared - 2 : 0;
      for (glong k = shared; k >= 0 && k >= shared - 6; k--)
        {
          if (k < shared && opens_part (chars[i][k]))
            {
              start = k;
              break;
            }
          if (k > 0 && k <= shared && ends_part (chars[i][k - 1]))
            {
              start = k;
              break;
            }
        }
      if (start == shared - 2 || start == 0)
        {
          glong k = shared;

          while (k > 0 && g_unichar_isdigit (chars[i][k - 1]) && g_unichar_isdigit (chars[i][shared]))
            k--;
          if (k < shared)
            start = k;
        }

      g_string_append (out, "…");
      if (len - start <= (glong) max_chars - 1)
        for (glong k = start; k < len; k++)
          g_string_append_unichar (out, chars[i][k]);
      else
        {
          for (glong k = start; k < start + (glong) max_chars - 2; k++)
            g_string_append_unichar (out, chars[i][k]);
          g_string_append (out, "…");
        }
      g_strv_builder_add (builder, out->str);
    }

  for (guint i = 0; i < n; i++)
    g_free (chars[i]);
  shortened = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return shortened;
}

/**
 * pb_store_check_falling_actual:
 * @store: a store
 * @indicator_id: an indicator
 * @date: the new actual's date, YYYY-MM-DD
 * @value: its value
 * @except_actual_id: the actual being changed, or 0 for a new one
 *
 * A cumulative figure (a running total that rises) should not fall: a
 * value lower than one recorded on or before @date is most often a typing
 * slip, or this year's figure where the total was wanted. The store
 * accepts it (corrections happen); the editor asks, the CLI warns.
 *
 * Returns: (transfer full) (nullable): the warning, in words, as "Lower
 *   than the 9,000 recorded on 2026-09-30; a cumulative figure should not
 *   fall."; %NULL when the value does not fall or the indicator is not a
 *   rising cumulative one
 */
char *
pb_store_check_falling_actual (PbStore    *store,
                               gint64      indicator_id,
                               const char *date,
                               double      value,
                               gint64      except_actual_id)
{
  g_autoptr(PbIndicator) k = NULL;
  g_autofree char *earlier_date = NULL;
  double earlier = NAN;
  PbDbStmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  k = pb_store_get_record (store, PB_TYPE_INDICATOR, indicator_id);
  if (k == NULL || date == NULL ||
      pb_record_get_enum (PB_RECORD (k), "kind") != PB_INDICATOR_KIND_CUMULATIVE ||
      pb_record_get_enum (PB_RECORD (k), "direction") != PB_DIRECTION_INCREASE)
    return NULL;

  /* The highest figure recorded up to that day, the latest of equals. */
  stmt = pb_store_prepare (store,
                           "SELECT value, date FROM actual"
                           " WHERE indicator_id = ?1 AND date <= ?2 AND id <> ?3 AND value > ?4"
                           " ORDER BY value DESC, date DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, indicator_id);
  pb_db_bind_text (stmt, 2, date);
  pb_db_bind_int64 (stmt, 3, except_actual_id);
  pb_db_bind_double (stmt, 4, value);
  if (pb_db_step (stmt) == PB_DB_ROW)
    {
      earlier = pb_db_column_double (stmt, 0);
      earlier_date = g_strdup (pb_db_column_text (stmt, 1));
    }
  pb_db_reset (stmt);
  if (earlier_date == NULL)
    return NULL;

  {
    int decimals = MAX (pb_store_get_indicator_decimals (store, indicator_id), pb_format_decimals_of (value));
    g_autofree char *amount = pb_format_number_compact (earlier, NULL, decimals);
    g_autofree char *when = pb_format_iso_date (earlier_date);

    /* Translators: a warning when a running total is recorded lower than
     * before: the earlier figure and its date */
    return g_strdup_printf (_("Lower than the %s recorded on %s; a cumulative figure should not fall."), amount, when);
  }
}

/* ---- The date of an actual ------------------------------------------------ */

/**
 * pb_check_actual_date:
 * @date: the actual's date as typed, YYYY-MM-DD
 * @first_year: the first year of the plan's period, or 0 when it has none
 * @last_year: its last year
 * @today: (nullable): today, or %NULL for the clock's
 * @error: where to say why not
 *
 * The one rule for the date of a reported figure, shared by the Record
 * Actual dialog, `planboard-cli actual add` and whatever reads returned
 * forms: it is a date; it is not after today (a figure is reported for a
 * day that has come; a later one is a typing slip, 2027 for 2026, and
 * would be left out of every completion until that day); and it is not
 * long outside the plan's period, before the year ahead of its first year
 * or after the year following its last (a baseline reported the year
 * before, a final figure the year after, are normal).
 *
 * Returns: %TRUE when the date is one an actual can have; else @error
 *   says why in words, as "2027-01-15 is after today."
 */
gboolean
pb_check_actual_date (const char   *date,
                      int           first_year,
                      int           last_year,
                      const GDate  *today,
                      GError      **error)
{
  GDate parsed, now;
  char iso[11];
  int year;

  if (date == NULL || !pb_date_parse (date, &parsed))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2024-06-30."), date ? date : "");
      return FALSE;
    }
  pb_date_format (&parsed, iso);
  if (today)
    now = *today;
  else
    pb_date_today (&now);
  if (g_date_compare (&parsed, &now) > 0)
    {
      /* Translators: a date refused for a reported figure, as 2027-01-15 */
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("%s is after today."), iso);
      return FALSE;
    }
  year = g_date_get_year (&parsed);
  if (first_year > 0 && last_year >= first_year &&
      (year < first_year - 1 || year > last_year + 1))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   /* Translators: a date refused for a reported figure, then
                    * the plan's first and last years */
                   _("%s is long outside the plan’s period, %d—%d: a figure is reported from the year before it to the year after."),
                   iso, first_year, last_year);
      return FALSE;
    }
  return TRUE;
}

/**
 * pb_store_check_actual_date:
 * @store: a store
 * @indicator_id: the indicator the figure is for
 * @date: its date
 * @today: (nullable): today, or %NULL for the clock's
 * @error: where to say why not
 *
 * pb_check_actual_date() against the period of the indicator's plan.
 *
 * Returns: %TRUE when the date is one an actual of the indicator can have
 */
gboolean
pb_store_check_actual_date (PbStore     *store,
                            gint64       indicator_id,
                            const char  *date,
                            const GDate *today,
                            GError     **error)
{
  g_autoptr(PbIndicator) k = NULL;
  g_autoptr(PbPlan) plan = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  k = pb_store_get_record (store, PB_TYPE_INDICATOR, indicator_id);
  if (k)
    plan = pb_store_get_record (store, PB_TYPE_PLAN, pb_record_get_int (PB_RECORD (k), "plan_id"));
  return pb_check_actual_date (date,
                               plan ? pb_plan_get_period_start (plan) : 0,
                               plan ? pb_plan_get_period_end (plan) : 0,
                               today, error);
}

/**
 * pb_plan_default_actual_date:
 * @plan: (nullable): the plan
 * @today: (nullable): today, or %NULL for the clock's
 * @out: the date, YYYY-MM-DD
 *
 * The date a new actual starts with: today, or for a plan whose period
 * has ended, the period's last day (its final figure).
 */
void
pb_plan_default_actual_date (PbPlan      *plan,
                             const GDate *today,
                             char         out[11])
{
  GDate now;

  if (today)
    now = *today;
  else
    pb_date_today (&now);
  if (plan && pb_plan_get_period_start (plan) > 0 &&
      pb_plan_get_period_end (plan) >= pb_plan_get_period_start (plan) &&
      g_date_get_year (&now) > pb_plan_get_period_end (plan))
    g_date_set_dmy (&now, 31, G_DATE_DECEMBER, pb_plan_get_period_end (plan));
  pb_date_format (&now, out);
}
