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

/* A target's comparator as stored ('>=') as a target writes it (≥). */
static const char *
comparator_sign (const char *stored)
{
  if (g_str_equal (stored, ">="))
    return pb_format_comparator (PB_COMPARATOR_GE);
  if (g_str_equal (stored, "<="))
    return pb_format_comparator (PB_COMPARATOR_LE);
  if (g_str_equal (stored, "~"))
    return pb_format_comparator (PB_COMPARATOR_ABOUT);
  return pb_format_comparator (PB_COMPARATOR_EQ);
}

/* A baseline as the refusal says it: its value, and its date when the
 * two differ only there. */
static char *
baseline_text (double      value,
               const char *date,
               gboolean    with_date)
{
  g_autofree char *number = pb_format_number_compact (value, NULL, -1);
  g_autofree char *day = NULL;

  if (!with_date)
    return g_steal_pointer (&number);
  day = date && *date ? pb_format_iso_date (date) : g_strdup ("…");
  /* Translators: a baseline value and the date it was measured on, as
   * "3200（2022年12月31日）" */
  return g_strdup_printf (_("%s (%s)"), number, day);
}

/**
 * pb_indicators_find_conflict:
 * @db: a library connection
 * @a: an indicator
 * @b: another
 *
 * Whether the two cannot be one indicator without losing what the plan
 * states: different units, kinds (a running total and each year's
 * figure) or directions (one counts up to its target, the other down),
 * different baselines, or a year with two different firm (or two
 * different stretch) targets.
 *
 * Returns: (transfer full) (nullable): why not, as a sentence that names
 *   both, in words an officer reads; %NULL if they can be one
 */
char *
pb_indicators_find_conflict (PbDb    *db,
                             gint64   a,
                             gint64   b)
{
  PbDbStmt *stmt = NULL;
  char *why = NULL;
  g_autofree char *a_name = NULL;
  g_autofree char *b_name = NULL;

  if (pb_db_prepare (db,
                     "SELECT x.name, y.name, x.measure_unit, y.measure_unit,"
                     " x.kind, y.kind, x.direction, y.direction,"
                     " x.baseline_value, y.baseline_value,"
                     " coalesce(x.baseline_date, ''), coalesce(y.baseline_date, ''),"
                     " x.baseline_value IS NOT NULL AND y.baseline_value IS NOT NULL"
                     " FROM indicator x, indicator y WHERE x.id = ?1 AND y.id = ?2", &stmt) != PB_DB_OK)
    return g_strdup (pb_db_errmsg (db));
  pb_db_bind_int64 (stmt, 1, a);
  pb_db_bind_int64 (stmt, 2, b);
  if (pb_db_step (stmt) != PB_DB_ROW)
    why = g_strdup (_("One of the two indicators no longer exists."));
  else
    {
#define TEXT(i) (pb_db_column_text (stmt, (i)) ? (const char *) pb_db_column_text (stmt, (i)) : "")
      g_autofree char *x_unit = g_strstrip (g_strdup (TEXT (2)));
      g_autofree char *y_unit = g_strstrip (g_strdup (TEXT (3)));
      g_autofree char *x_key = pb_fold_name_key (x_unit);
      g_autofree char *y_key = pb_fold_name_key (y_unit);
      gboolean x_annual = g_str_equal (TEXT (4), "annual");
      gboolean y_annual = g_str_equal (TEXT (5), "annual");
      gboolean x_down = g_str_equal (TEXT (6), "decrease");
      gboolean y_down = g_str_equal (TEXT (7), "decrease");

      a_name = g_strdup (TEXT (0));
      b_name = g_strdup (TEXT (1));

      /* Counted in different units, they are different quantities (个
       * and 公里; 个 and 万个 too: merging moves the figures as they are);
       * 个 and 個 are one unit in two scripts. */
      if (x_unit[0] && y_unit[0] && g_strcmp0 (x_key, y_key) != 0)
        /* Translators: why two indicators cannot be merged: each name
         * with its measure unit, as "“5G基站” is counted in 个 and
         * “光纤网络” in 公里" */
        why = g_strdup_printf (_("“%s” is counted in %s and “%s” in %s: they cannot be one indicator."),
                               a_name, x_unit, b_name, y_unit);
      else if (x_annual != y_annual)
        /* Translators: why two indicators cannot be merged: the first
         * %s has a target for each year on its own (新建5G基站: the
         * stations built that year), the second a running total
         * (5G基站: all the stations built so far) */
        why = g_strdup_printf (_("“%s” counts each year’s figure on its own and “%s” the running total: "
                                 "they cannot be one indicator."),
                               x_annual ? a_name : b_name, x_annual ? b_name : a_name);
      else if (x_down != y_down)
        /* Translators: why two indicators cannot be merged: the first
         * %s is met by falling to its target (单位GDP能耗: lower is
         * better), the second by rising to its target */
        why = g_strdup_printf (_("“%s” counts down to its target (lower is better) and “%s” up to its target: "
                                 "they cannot be one indicator."),
                               x_down ? a_name : b_name, x_down ? b_name : a_name);
      else if (pb_db_column_int (stmt, 12) &&
               (pb_db_column_double (stmt, 8) != pb_db_column_double (stmt, 9) ||
                !g_str_equal (TEXT (10), TEXT (11))))
        {
          gboolean dates = pb_db_column_double (stmt, 8) == pb_db_column_double (stmt, 9);
          g_autofree char *x_base = baseline_text (pb_db_column_double (stmt, 8), TEXT (10), dates);
          g_autofree char *y_base = baseline_text (pb_db_column_double (stmt, 9), TEXT (11), dates);

          /* Translators: why two indicators cannot be merged: each name
           * with the baseline it starts from, as "“5G基站” starts from
           * 3200 and “智能化改造路口” from 0" */
          why = g_strdup_printf (_("“%s” starts from %s and “%s” from %s: they cannot be one indicator."),
                                 a_name, x_base, b_name, y_base);
        }
#undef TEXT
    }
  pb_db_finalize (stmt);
  if (why != NULL)
    return why;

  if (pb_db_prepare (db,
                     "SELECT x.year, x.value, y.value, x.comparator, y.comparator FROM target x JOIN target y"
                     " ON y.year = x.year AND y.stretch = x.stretch"
                     " WHERE x.indicator_id = ?1 AND y.indicator_id = ?2"
                     " AND (x.value <> y.value OR x.comparator <> y.comparator)"
                     " ORDER BY x.year LIMIT 1", &stmt) != PB_DB_OK)
    return g_strdup (pb_db_errmsg (db));
  pb_db_bind_int64 (stmt, 1, a);
  pb_db_bind_int64 (stmt, 2, b);
  if (pb_db_step (stmt) == PB_DB_ROW)
    {
      /* Every digit that differs shows: the compact form is exact; the
       * comparators too, where only they differ (≥2600 and 2600). */
      g_autofree char *x = pb_format_number_compact (pb_db_column_double (stmt, 1), NULL, -1);
      g_autofree char *y = pb_format_number_compact (pb_db_column_double (stmt, 2), NULL, -1);
      const char *x_cmp = pb_db_column_text (stmt, 3) ? (const char *) pb_db_column_text (stmt, 3) : "";
      const char *y_cmp = pb_db_column_text (stmt, 4) ? (const char *) pb_db_column_text (stmt, 4) : "";
      g_autofree char *x_text = g_strconcat (comparator_sign (x_cmp), x, NULL);
      g_autofree char *y_text = g_strconcat (comparator_sign (y_cmp), y, NULL);

      /* Translators: why two indicators cannot be merged: each name with
       * its target for one year, as "“5G基站” aims at ≥1.2万 for 2027 and
       * “新建5G基站” at ≥3000" */
      why = g_strdup_printf (_("“%s” aims at %s for %d and “%s” at %s: they cannot be one indicator."),
                             a_name, x_text, pb_db_column_int (stmt, 0), b_name, y_text);
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
 * pb_store_dup_merge_conflict:
 * @self: a store
 * @keep_id: the indicator that would stay
 * @gone_id: the indicator that would be merged into it
 *
 * Why pb_store_merge_indicators() would refuse to merge the two, before
 * anything is tried: the Merge Into dialog says it as soon as an
 * indicator is chosen.
 *
 * Returns: (transfer full) (nullable): the reason, a sentence naming
 *   both; %NULL when they can be one
 */
char *
pb_store_dup_merge_conflict (PbStore *self,
                             gint64   keep_id,
                             gint64   gone_id)
{
  g_autoptr(PbIndicator) keep = NULL;
  g_autoptr(PbIndicator) gone = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  keep = pb_store_get_record (self, PB_TYPE_INDICATOR, keep_id);
  gone = pb_store_get_record (self, PB_TYPE_INDICATOR, gone_id);
  if (keep == NULL || gone == NULL)
    return g_strdup (_("One of the two indicators no longer exists."));
  if (keep_id == gone_id ||
      pb_record_get_int (PB_RECORD (keep), "plan_id") != pb_record_get_int (PB_RECORD (gone), "plan_id"))
    return g_strdup (_("Only two different indicators of one plan can be merged."));
  return pb_indicators_find_conflict (pb_store_get_conn (self), keep_id, gone_id);
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
 * saying why, when they cannot be one (pb_store_dup_merge_conflict()).
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

  why = pb_store_dup_merge_conflict (self, keep_id, gone_id);
  if (why != NULL)
    {
      g_set_error_literal (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, why);
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
