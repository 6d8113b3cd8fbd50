/* pb-indicator-links.c — indicators belong to the plan, items serve them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An indicator (5G基站, 个) belongs to its plan; `item_indicator` says which
 * items serve it, so the goal "新建5G基站2600个" and task 3 that builds the
 * stations share one indicator, and one recorded actual counts for both.
 *
 * Two indicators of a plan are the same quantity when their names meet
 * (pb_fold_name_key(): width, script and case folded), their units meet,
 * they are of one kind and direction, their baselines agree, and no year
 * has two different targets of the same firmness. Such duplicates — what
 * older libraries and plan files hold for a quantity a goal and a task both
 * state — merge into one when a library is upgraded (schema 7) and when an
 * older plan file is imported, keeping every target and actual. The user
 * merges any two indicators, or detaches one from an item, as one command.
 */
#define G_LOG_DOMAIN "pb-indicator-links"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pb-fold.h"
#include "pb-format.h"
#include "pb-indicator-links.h"
#include "pb-store-private.h"

/* ---- On a raw connection ------------------------------------------------- */

static gboolean
raw_error (PbDb     *db,
           GError  **error)
{
  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
               "%s", pb_db_errmsg (db));
  return FALSE;
}

static gboolean
raw_exec_ids (PbDb        *db,
              const char  *sql,
              gint64       first,
              gint64       second,
              GError     **error)
{
  PbDbStmt *stmt = NULL;
  int rc;

  if (pb_db_prepare (db, sql, &stmt) != PB_DB_OK)
    return raw_error (db, error);
  pb_db_bind_int64 (stmt, 1, first);
  pb_db_bind_int64 (stmt, 2, second);
  rc = pb_db_step (stmt);
  pb_db_finalize (stmt);
  if (rc != PB_DB_DONE && rc != PB_DB_ROW)
    return raw_error (db, error);
  return TRUE;
}

/**
 * pb_indicators_find_conflict:
 * @db: a library connection
 * @a: an indicator
 * @b: another
 *
 * Whether the two cannot be one indicator without losing what the plan
 * states: different kinds or directions, different baselines, or a year
 * with two different firm (or two different stretch) targets.
 *
 * Returns: (transfer full) (nullable): why not, in words; %NULL if they can
 */
char *
pb_indicators_find_conflict (PbDb    *db,
                             gint64   a,
                             gint64   b)
{
  PbDbStmt *stmt = NULL;
  char *why = NULL;

  if (pb_db_prepare (db,
                     "SELECT x.kind <> y.kind OR x.direction <> y.direction,"
                     " x.baseline_value IS NOT NULL AND y.baseline_value IS NOT NULL"
                     "  AND (x.baseline_value <> y.baseline_value"
                     "       OR coalesce(x.baseline_date, '') <> coalesce(y.baseline_date, '')),"
                     " x.measure_unit, y.measure_unit"
                     " FROM indicator x, indicator y WHERE x.id = ?1 AND y.id = ?2", &stmt) != PB_DB_OK)
    return g_strdup (pb_db_errmsg (db));
  pb_db_bind_int64 (stmt, 1, a);
  pb_db_bind_int64 (stmt, 2, b);
  if (pb_db_step (stmt) != PB_DB_ROW)
    why = g_strdup (_("one of them no longer exists"));
  else
    {
      g_autofree char *x_unit = g_strstrip (g_strdup (pb_db_column_text (stmt, 2) ? (const char *) pb_db_column_text (stmt, 2) : ""));
      g_autofree char *y_unit = g_strstrip (g_strdup (pb_db_column_text (stmt, 3) ? (const char *) pb_db_column_text (stmt, 3) : ""));
      g_autofree char *x_key = pb_fold_name_key (x_unit);
      g_autofree char *y_key = pb_fold_name_key (y_unit);

      /* Counted in different units, they are different quantities (个
       * and 公里; 个 and 万个 too: merging moves the figures as they are);
       * 个 and 個 are one unit in two scripts. */
      if (x_unit[0] && y_unit[0] && g_strcmp0 (x_key, y_key) != 0)
        /* Translators: why two indicators cannot be merged: their two measure units */
        why = g_strdup_printf (_("they are counted in different units (%s and %s)"), x_unit, y_unit);
      else if (pb_db_column_int (stmt, 0))
        why = g_strdup (_("one is cumulative or decreasing and the other is not"));
      else if (pb_db_column_int (stmt, 1))
        why = g_strdup (_("their baselines differ"));
    }
  pb_db_finalize (stmt);
  if (why != NULL)
    return why;

  if (pb_db_prepare (db,
                     "SELECT x.year, x.value, y.value FROM target x JOIN target y"
                     " ON y.year = x.year AND y.stretch = x.stretch"
                     " WHERE x.indicator_id = ?1 AND y.indicator_id = ?2"
                     " AND (x.value <> y.value OR x.comparator <> y.comparator)"
                     " ORDER BY x.year LIMIT 1", &stmt) != PB_DB_OK)
    return g_strdup (pb_db_errmsg (db));
  pb_db_bind_int64 (stmt, 1, a);
  pb_db_bind_int64 (stmt, 2, b);
  if (pb_db_step (stmt) == PB_DB_ROW)
    {
      /* Every digit that differs shows: the compact form is exact. */
      g_autofree char *x = pb_format_number_compact (pb_db_column_double (stmt, 1), NULL, -1);
      g_autofree char *y = pb_format_number_compact (pb_db_column_double (stmt, 2), NULL, -1);

      /* Translators: why two indicators cannot be merged: a year and two
       * different target values for it */
      why = g_strdup_printf (_("their targets for %d differ (%s and %s)"),
                             pb_db_column_int (stmt, 0), x, y);
    }
  pb_db_finalize (stmt);
  return why;
}

/**
 * pb_indicators_merge_rows:
 * @db: a library connection, in a transaction
 * @keep_id: the indicator that stays
 * @gone_id: the indicator merged into it
 * @error: where to say why it failed
 *
 * Moves every target, actual and serving item of @gone_id to @keep_id
 * (a baseline @keep_id lacks too), keeps the period snapshot of @keep_id
 * where both have one, and deletes @gone_id. The caller checks
 * pb_indicators_find_conflict() first.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_indicators_merge_rows (PbDb     *db,
                          gint64    keep_id,
                          gint64    gone_id,
                          GError  **error)
{
  static const char * const steps[] = {
    "UPDATE indicator SET"
    " baseline_value = coalesce(baseline_value, (SELECT baseline_value FROM indicator WHERE id = ?2)),"
    " baseline_date = coalesce(baseline_date, (SELECT baseline_date FROM indicator WHERE id = ?2))"
    " WHERE id = ?1 AND baseline_value IS NULL",
    "UPDATE target SET indicator_id = ?1 WHERE indicator_id = ?2",
    "UPDATE actual SET indicator_id = ?1 WHERE indicator_id = ?2",
    "DELETE FROM period_indicator WHERE indicator_id = ?2 AND period_id IN"
    " (SELECT period_id FROM period_indicator WHERE indicator_id = ?1)",
    "UPDATE period_indicator SET indicator_id = ?1 WHERE indicator_id = ?2",
    "INSERT OR IGNORE INTO item_indicator (item_id, indicator_id, position)"
    " SELECT item_id, ?1, position FROM item_indicator WHERE indicator_id = ?2 ORDER BY id",
    "DELETE FROM item_indicator WHERE indicator_id = ?2",
    "DELETE FROM indicator WHERE id = ?2",
  };

  g_return_val_if_fail (keep_id != gone_id, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!raw_exec_ids (db, steps[i], keep_id, gone_id, error))
      return FALSE;
  return TRUE;
}

typedef struct
{
  gint64  id;
  gint64  plan_id;
  char   *key;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;
  g_free (c->key);
}

/**
 * pb_indicators_merge_duplicates:
 * @db: a library connection, in a transaction
 * @plan_id: a plan, or 0 for every plan
 * @error: where to say why it failed
 *
 * Merges the indicators of each plan that are one quantity (the same
 * folded name and unit, no conflict): into the first of them in the
 * plan's order, each later one that does not conflict with what the first
 * has gathered so far.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_indicators_merge_duplicates (PbDb     *db,
                                gint64    plan_id,
                                GError  **error)
{
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GHashTable) firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  PbDbStmt *stmt = NULL;

  g_array_set_clear_func (all, candidate_clear);

  if (pb_db_prepare (db,
                     "SELECT id, plan_id, name, measure_unit FROM indicator"
                     " WHERE ?1 = 0 OR plan_id = ?1 ORDER BY plan_id, position, id", &stmt) != PB_DB_OK)
    return raw_error (db, error);
  pb_db_bind_int64 (stmt, 1, plan_id);
  while (pb_db_step (stmt) == PB_DB_ROW)
    {
      g_autofree char *name = pb_fold_name_key ((const char *) pb_db_column_text (stmt, 2));
      g_autofree char *unit = pb_fold_name_key ((const char *) pb_db_column_text (stmt, 3));
      Candidate c = {
        pb_db_column_int64 (stmt, 0),
        pb_db_column_int64 (stmt, 1),
        g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", (gint64) pb_db_column_int64 (stmt, 1), name, unit),
      };

      g_array_append_val (all, c);
    }
  pb_db_finalize (stmt);

  for (guint i = 0; i < all->len; i++)
    {
      Candidate *c = &g_array_index (all, Candidate, i);
      GPtrArray *kept = g_hash_table_lookup (firsts, c->key);
      gboolean merged = FALSE;

      if (kept == NULL)
        {
          kept = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (firsts, g_strdup (c->key), kept);
        }

      /* Into the first indicator of this quantity it agrees with. */
      for (guint j = 0; j < kept->len && !merged; j++)
        {
          gint64 keep_id = *(gint64 *) g_ptr_array_index (kept, j);
          g_autofree char *why = pb_indicators_find_conflict (db, keep_id, c->id);

          if (why == NULL)
            {
              if (!pb_indicators_merge_rows (db, keep_id, c->id, error))
                return FALSE;
              merged = TRUE;
            }
        }
      if (!merged)
        g_ptr_array_add (kept, g_memdup2 (&c->id, sizeof c->id));
    }

  return TRUE;
}

/* ---- Reading ------------------------------------------------------------- */

/**
 * pb_store_dup_indicator_items:
 * @self: a store
 * @plan_id: a plan
 *
 * Returns: (transfer full): indicator id (gint64) → #GArray of the ids
 *   (gint64) of the items that serve it, in the plan's order, for the
 *   indicators that any item serves
 */
GHashTable *
pb_store_dup_indicator_items (PbStore *self,
                              gint64   plan_id)
{
  GHashTable *map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  PbDbStmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (self), map);

  stmt = pb_store_prepare (self,
                           "SELECT l.indicator_id, l.item_id FROM item_indicator l"
                           " JOIN item i ON i.id = l.item_id"
                           " WHERE i.plan_id = ?1 ORDER BY l.indicator_id, i.position, i.id", NULL);
  if (stmt == NULL)
    return map;
  pb_db_bind_int64 (stmt, 1, plan_id);
  while (pb_db_step (stmt) == PB_DB_ROW)
    {
      gint64 indicator = pb_db_column_int64 (stmt, 0);
      gint64 item = pb_db_column_int64 (stmt, 1);
      GArray *items = g_hash_table_lookup (map, &indicator);

      if (items == NULL)
        {
          items = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (map, g_memdup2 (&indicator, sizeof indicator), items);
        }
      g_array_append_val (items, item);
    }
  pb_db_reset (stmt);
  return map;
}

/**
 * pb_store_dup_indicator_item_numbers:
 * @self: a store
 * @indicator_id: an indicator
 *
 * Returns: (transfer full): the numbers of the items that serve it, as a
 *   table cell writes them ("1, 3"; an item without a number by its title)
 */
char *
pb_store_dup_indicator_item_numbers (PbStore *self,
                                     gint64   indicator_id)
{
  g_autoptr(GListModel) items = pb_store_list_indicator_items (self, indicator_id);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      const char *number = pb_item_get_number (item);

      if (out->len)
        /* Translators: between the numbers of the items an indicator serves */
        g_string_append (out, _(", "));
      g_string_append (out, number && *number ? number : pb_item_get_title (item));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pb_store_get_indicator_decimals:
 * @self: a store
 * @indicator_id: an indicator
 *
 * An indicator's precision: the most decimals among its baseline, targets
 * and actuals (a count of base stations has none, so its expected value
 * never reads 8,793.42).
 *
 * Returns: 0 to 9
 */
int
pb_store_get_indicator_decimals (PbStore *self,
                                 gint64   indicator_id)
{
  PbDbStmt *stmt;
  int decimals = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  stmt = pb_store_prepare (self,
                           "SELECT value FROM target WHERE indicator_id = ?1"
                           " UNION ALL SELECT value FROM actual WHERE indicator_id = ?1"
                           " UNION ALL SELECT baseline_value FROM indicator WHERE id = ?1 AND baseline_value IS NOT NULL",
                           NULL);
  if (stmt == NULL)
    return 2;
  pb_db_bind_int64 (stmt, 1, indicator_id);
  while (pb_db_step (stmt) == PB_DB_ROW)
    decimals = MAX (decimals, pb_format_decimals_of (pb_db_column_double (stmt, 0)));
  pb_db_reset (stmt);
  return decimals;
}

/* ---- Commands ------------------------------------------------------------ */

static gboolean
not_found (GError **error)
{
  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
               _("The thing being changed no longer exists."));
  return FALSE;
}

/* An item as a command's label names it: "3 推进5G网络建设", a long title
 * cut short. */
static char *
item_ref (PbItem *item)
{
  const char *title = pb_item_get_title (item);
  const char *number = pb_item_get_number (item);
  g_autofree char *shown = NULL;

  if (g_utf8_strlen (title, -1) > 16)
    {
      g_autofree char *start = g_utf8_substring (title, 0, 15);
      shown = g_strconcat (start, "…", NULL);
    }
  else
    shown = g_strdup (title);
  return number && *number ? g_strdup_printf ("%s %s", number, shown) : g_steal_pointer (&shown);
}

/**
 * pb_store_link_indicator:
 * @self: a store
 * @item_id: an item
 * @indicator_id: an indicator of the item's plan
 * @error: where to say why it failed
 *
 * Makes @item_id serve @indicator_id, as one command. Linking twice is
 * refused.
 *
 * Returns: the link's id, or 0 with @error set
 */
gint64
pb_store_link_indicator (PbStore  *self,
                         gint64    item_id,
                         gint64    indicator_id,
                         GError  **error)
{
  g_autoptr(PbItem) item = NULL;
  g_autoptr(PbIndicator) indicator = NULL;
  PbDbStmt *stmt;
  gint64 id = 0, position = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  item = pb_store_get_record (self, PB_TYPE_ITEM, item_id);
  indicator = pb_store_get_record (self, PB_TYPE_INDICATOR, indicator_id);
  if (item == NULL || indicator == NULL)
    return not_found (error);
  if (pb_item_get_plan_id (item) != pb_record_get_int (PB_RECORD (indicator), "plan_id"))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("An item can only serve the indicators of its own plan."));
      return 0;
    }
  if (pb_store_count (self, PB_TYPE_ITEM_INDICATOR, "item_id", item_id) > 0)
    {
      stmt = pb_store_prepare (self, "SELECT 1 FROM item_indicator WHERE item_id = ?1 AND indicator_id = ?2", error);
      if (stmt == NULL)
        return 0;
      pb_db_bind_int64 (stmt, 1, item_id);
      pb_db_bind_int64 (stmt, 2, indicator_id);
      if (pb_db_step (stmt) == PB_DB_ROW)
        {
          pb_db_reset (stmt);
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("The item already serves “%s”."), pb_indicator_get_name (indicator));
          return 0;
        }
      pb_db_reset (stmt);
    }

  if (!pb_store_begin (self, error))
    return 0;

  stmt = pb_store_prepare (self, "SELECT coalesce(max(position) + 1, 0) FROM item_indicator WHERE item_id = ?1", error);
  if (stmt != NULL)
    {
      pb_db_bind_int64 (stmt, 1, item_id);
      if (pb_db_step (stmt) == PB_DB_ROW)
        position = pb_db_column_int64 (stmt, 0);
      pb_db_reset (stmt);
      id = pb_store_insert (self, PB_TYPE_ITEM_INDICATOR, error,
                            "item_id", item_id,
                            "indicator_id", indicator_id,
                            "position", position,
                            NULL);
    }

  {
    g_autofree char *where = item_ref (item);
    /* Translators: an undoable command: an indicator's name and an item,
     * as "Link “5G基站” to 3 推进5G网络建设" */
    g_autofree char *label = g_strdup_printf (_("Link “%s” to %s"), pb_indicator_get_name (indicator), where);

    return pb_store_finish (self, id > 0, label, error) ? id : 0;
  }
}

/**
 * pb_store_detach_indicator:
 * @self: a store
 * @item_id: an item
 * @indicator_id: an indicator it serves
 * @error: where to say why it failed
 *
 * The item no longer serves the indicator, as one command; the indicator,
 * its targets and actuals stay in the plan (the targets the item stated
 * are then stated by no item).
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_detach_indicator (PbStore  *self,
                           gint64    item_id,
                           gint64    indicator_id,
                           GError  **error)
{
  g_autoptr(PbItem) item = NULL;
  g_autoptr(PbIndicator) indicator = NULL;
  g_autofree char *where = NULL;
  g_autofree char *label = NULL;
  PbDbStmt *stmt;
  gboolean found;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  item = pb_store_get_record (self, PB_TYPE_ITEM, item_id);
  indicator = pb_store_get_record (self, PB_TYPE_INDICATOR, indicator_id);
  if (item == NULL || indicator == NULL)
    return not_found (error);
  where = item_ref (item);
  /* Translators: an undoable command: an indicator's name and an item, as
   * "Detach “5G基站” from 3 推进5G网络建设" */
  label = g_strdup_printf (_("Detach “%s” from %s"), pb_indicator_get_name (indicator), where);

  stmt = pb_store_prepare (self, "SELECT 1 FROM item_indicator WHERE item_id = ?1 AND indicator_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, item_id);
  pb_db_bind_int64 (stmt, 2, indicator_id);
  found = pb_db_step (stmt) == PB_DB_ROW;
  pb_db_reset (stmt);
  if (!found)
    return not_found (error);

  if (!pb_store_begin (self, error))
    return FALSE;

  return pb_store_finish (self,
                          pb_store_exec_ids (self, "DELETE FROM item_indicator WHERE item_id = ?1 AND indicator_id = ?2",
                                             item_id, indicator_id, error) &&
                          pb_store_exec_ids (self, "UPDATE target SET item_id = NULL WHERE item_id = ?1 AND indicator_id = ?2",
                                             item_id, indicator_id, error),
                          label, error);
}

/**
 * pb_store_merge_indicators:
 * @self: a store
 * @keep_id: the indicator that stays
 * @gone_id: another indicator of the same plan, merged into it
 * @error: where to say why it failed
 *
 * One indicator of the two, as one command: @gone_id's targets, actuals and
 * the items it serves move to @keep_id, and @gone_id is deleted. Refused,
 * saying why, when they cannot be one (pb_indicators_find_conflict()).
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_merge_indicators (PbStore  *self,
                           gint64    keep_id,
                           gint64    gone_id,
                           GError  **error)
{
  g_autoptr(PbIndicator) keep = NULL;
  g_autoptr(PbIndicator) gone = NULL;
  g_autofree char *why = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  keep = pb_store_get_record (self, PB_TYPE_INDICATOR, keep_id);
  gone = pb_store_get_record (self, PB_TYPE_INDICATOR, gone_id);
  if (keep == NULL || gone == NULL)
    return not_found (error);
  if (keep_id == gone_id ||
      pb_record_get_int (PB_RECORD (keep), "plan_id") != pb_record_get_int (PB_RECORD (gone), "plan_id"))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("Only two different indicators of one plan can be merged."));
      return FALSE;
    }

  why = pb_indicators_find_conflict (pb_store_get_conn (self), keep_id, gone_id);
  if (why != NULL)
    {
      /* Translators: the first two %s are indicator names, the last why
       * they cannot be one */
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” and “%s” cannot be merged: %s."),
                   pb_indicator_get_name (keep), pb_indicator_get_name (gone), why);
      return FALSE;
    }

  if (!pb_store_begin (self, error))
    return FALSE;

  {
    /* Translators: an undoable command: the indicator merged and the one
     * it joins, as "Merge indicator “5G基站” into “新建5G基站”" */
    g_autofree char *label = g_strdup_printf (_("Merge indicator “%s” into “%s”"),
                                              pb_indicator_get_name (gone), pb_indicator_get_name (keep));

    return pb_store_finish (self, pb_indicators_merge_rows (pb_store_get_conn (self), keep_id, gone_id, error),
                            label, error);
  }
}
