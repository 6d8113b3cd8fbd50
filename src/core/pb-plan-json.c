/* pb-plan-json.c — plan exchange JSON (`planboard-plan/1`)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape is the one in shared/corpus/SCHEMA.md, which the importer also
 * writes. Export adds what the library holds beyond a parse, as extra
 * members that readers of the base shape ignore:
 *
 *   top level  issue_date, source_text, organisations [{name, short_name,
 *              aliases}], indicators (those no item serves), targets
 *              (those stated by no item), indicator_links (true: the file
 *              says which items serve which indicator), history_since
 *              (the day the library began keeping its items' history)
 *   item       id, body, start, due, status, progress, progress_mode,
 *              health_override {health, reason, date}, indicators (those
 *              whose first serving item it is), indicator_ids (every
 *              indicator it serves, in its order), notes [{date,
 *              organisation, text, status}], depends_on [{item, lag_days}],
 *              history [{date, status, progress, status_before,
 *              progress_before}] (only when it has one)
 *   indicator  id, name, unit, kind, direction, baseline, baseline_date,
 *              position, actuals [{date, value, note, source, period}]
 *   target     indicator_id (besides the base shape's indicator name)
 *
 * Importing an export and exporting again gives the same JSON.
 *
 * Indicators belong to the plan and items serve them (docs/PLAN-JSON.md):
 * an item serves the indicators it defines, those in its indicator_ids and
 * those of the targets it states. A file without indicator_links (written
 * before items shared indicators, or by a reader of the base shape) has
 * the duplicates of one quantity merged on import, as schema 7 merges them
 * in a library.
 */
#define G_LOG_DOMAIN "pb-plan-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pb-indicator-links.h"
#include "pb-store-private.h"

#define FORMAT "planboard-plan/1"

/* The day the library began keeping its items' history of status and
 * progress (library_info's 'item_history_since', schema 8), or NULL. */
static char *
history_since (PbStore  *store,
               GError  **error)
{
  PbDbStmt *stmt = pb_store_prepare (store, "SELECT value FROM library_info WHERE key = 'item_history_since'", error);
  g_autoptr(GError) local = NULL;
  char *since = NULL;
  GDate day;

  if (stmt == NULL)
    return NULL;
  if (pb_store_step (store, stmt, &local) && pb_db_column_text (stmt, 0) != NULL &&
      pb_date_parse ((const char *) pb_db_column_text (stmt, 0), &day))
    since = g_strdup ((const char *) pb_db_column_text (stmt, 0));
  pb_db_reset (stmt);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return since;
}

/* ---- Export ------------------------------------------------------------ */

typedef struct
{
  PbStore      *store;
  PbDb         *db;
  JsonBuilder  *b;
  GHashTable   *section_ids;   /* db id → "sN" */
  GHashTable   *item_ids;      /* db id → "iN" */
  GHashTable   *indicator_ids; /* db id → "kN" */
  GError       *error;         /* the first failure: the export is void */
} Export;

static PbDbStmt *
query (Export     *e,
       const char *sql,
       gint64      param)
{
  PbDbStmt *stmt = NULL;
  int rc;

  if (e->error != NULL)
    return NULL;

  rc = pb_db_prepare (e->db, sql, &stmt);
  if (rc != PB_DB_OK)
    {
      pb_store_set_error (e->store, rc, &e->error);
      return NULL;
    }
  pb_db_bind_int64 (stmt, 1, param);
  return stmt;
}

/* The next row, checked: a failure mid-read voids the whole export rather
 * than ending a loop early and returning part of the plan. */
static gboolean
next_row (Export       *e,
          PbDbStmt *stmt)
{
  if (stmt == NULL || e->error != NULL)
    return FALSE;

  return pb_store_step (e->store, stmt, &e->error);
}

static const char *
col_text (PbDbStmt     *stmt,
          int           i)
{
  return (const char *) pb_db_column_text (stmt, i);
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_number (JsonBuilder  *b,
            const char   *member,
            PbDbStmt *stmt,
            int           i)
{
  json_builder_set_member_name (b, member);
  switch (pb_db_column_type (stmt, i))
    {
    case PB_DB_NULL:
      json_builder_add_null_value (b);
      break;
    case PB_DB_INTEGER:
      json_builder_add_int_value (b, pb_db_column_int64 (stmt, i));
      break;
    default:
      json_builder_add_double_value (b, pb_db_column_double (stmt, i));
      break;
    }
}

static const char *
id_for (GHashTable *ids,
        gint64      id)
{
  return g_hash_table_lookup (ids, &id);
}

static void
assign_ids (Export     *e,
            GHashTable *ids,
            const char *sql,
            gint64      plan_id,
            char        prefix)
{
  PbDbStmt *stmt = query (e, sql, plan_id);
  guint n = 0;

  while (next_row (e, stmt))
    {
      gint64 id = pb_db_column_int64 (stmt, 0);
      g_hash_table_insert (ids, g_memdup2 (&id, sizeof id), g_strdup_printf ("%c%u", prefix, ++n));
    }
  pb_db_finalize (stmt);
}

static void
export_targets (Export     *e,
                const char *sql,
                gint64      param)
{
  PbDbStmt *stmt = query (e, sql, param);

  json_builder_begin_array (e->b);
  while (next_row (e, stmt))
    {
      json_builder_begin_object (e->b);
      add_string_or_null (e->b, "indicator", col_text (stmt, 0));
      add_string_or_null (e->b, "indicator_id", id_for (e->indicator_ids, pb_db_column_int64 (stmt, 1)));
      add_number (e->b, "year", stmt, 2);
      json_builder_set_member_name (e->b, "year_implied");
      json_builder_add_boolean_value (e->b, pb_db_column_int (stmt, 3));
      add_number (e->b, "value", stmt, 4);
      add_string_or_null (e->b, "unit", col_text (stmt, 5));
      add_string_or_null (e->b, "comparator", col_text (stmt, 6));
      json_builder_set_member_name (e->b, "stretch");
      json_builder_add_boolean_value (e->b, pb_db_column_int (stmt, 7));
      add_string_or_null (e->b, "text", col_text (stmt, 8));
      add_string_or_null (e->b, "confidence", col_text (stmt, 9));
      json_builder_end_object (e->b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (e->b);
}

#define TARGET_COLUMNS \
  "SELECT k.name, k.id, t.year, t.year_implied, t.value, k.measure_unit," \
  " t.comparator, t.stretch, t.text, t.confidence" \
  " FROM target t JOIN indicator k ON k.id = t.indicator_id "

static void
export_indicators (Export     *e,
                   const char *sql,
                   gint64      param)
{
  PbDbStmt *stmt = query (e, sql, param);

  json_builder_begin_array (e->b);
  while (next_row (e, stmt))
    {
      gint64 id = pb_db_column_int64 (stmt, 0);
      PbDbStmt *actuals;

      json_builder_begin_object (e->b);
      add_string_or_null (e->b, "id", id_for (e->indicator_ids, id));
      add_string_or_null (e->b, "name", col_text (stmt, 1));
      add_string_or_null (e->b, "unit", col_text (stmt, 2));
      add_string_or_null (e->b, "kind", col_text (stmt, 3));
      add_string_or_null (e->b, "direction", col_text (stmt, 4));
      add_number (e->b, "baseline", stmt, 5);
      add_string_or_null (e->b, "baseline_date", col_text (stmt, 6));
      add_number (e->b, "position", stmt, 7);

      json_builder_set_member_name (e->b, "actuals");
      json_builder_begin_array (e->b);
      actuals = query (e, "SELECT date, value, note, source, period FROM actual"
                          " WHERE indicator_id = ?1 ORDER BY date, id", id);
      while (next_row (e, actuals))
        {
          json_builder_begin_object (e->b);
          add_string_or_null (e->b, "date", col_text (actuals, 0));
          add_number (e->b, "value", actuals, 1);
          add_string_or_null (e->b, "note", col_text (actuals, 2));
          add_string_or_null (e->b, "source", col_text (actuals, 3));
          if (col_text (actuals, 4))  /* reported on a progress form */
            {
              json_builder_set_member_name (e->b, "period");
              json_builder_add_string_value (e->b, col_text (actuals, 4));
            }
          json_builder_end_object (e->b);
        }
      pb_db_finalize (actuals);
      json_builder_end_array (e->b);

      json_builder_end_object (e->b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (e->b);
}

#define INDICATOR_COLUMNS \
  "SELECT k.id, k.name, k.measure_unit, k.kind, k.direction, k.baseline_value, k.baseline_date, k.position" \
  " FROM indicator k "

static void
export_units (Export     *e,
              gint64      item_id,
              const char *member,
              const char *role)
{
  g_autofree char *sql = g_strdup_printf ("SELECT o.name FROM item_org io"
                                          " JOIN organisation o ON o.id = io.organisation_id"
                                          " WHERE io.item_id = ?1 AND io.role = '%s'"
                                          " ORDER BY io.position, io.id", role);
  PbDbStmt *stmt = query (e, sql, item_id);

  json_builder_set_member_name (e->b, member);
  json_builder_begin_array (e->b);
  while (next_row (e, stmt))
    json_builder_add_string_value (e->b, col_text (stmt, 0));
  pb_db_finalize (stmt);
  json_builder_end_array (e->b);
}

static void
export_item (Export       *e,
             PbDbStmt *row)
{
  gint64 id = pb_db_column_int64 (row, 0);
  gboolean history = FALSE;
  PbDbStmt *stmt;

  json_builder_begin_object (e->b);
  add_string_or_null (e->b, "id", id_for (e->item_ids, id));
  add_string_or_null (e->b, "section",
                      pb_db_column_type (row, 1) == PB_DB_NULL ? NULL
                      : id_for (e->section_ids, pb_db_column_int64 (row, 1)));
  add_string_or_null (e->b, "kind", col_text (row, 2));
  add_string_or_null (e->b, "number", col_text (row, 3));
  add_string_or_null (e->b, "title", col_text (row, 4));
  export_units (e, id, "lead_units", "lead");
  export_units (e, id, "responsible_units", "responsible");

  json_builder_set_member_name (e->b, "targets");
  export_targets (e, TARGET_COLUMNS "WHERE t.item_id = ?1 ORDER BY t.id", id);

  add_string_or_null (e->b, "body", col_text (row, 5));
  add_string_or_null (e->b, "start", col_text (row, 6));
  add_string_or_null (e->b, "due", col_text (row, 7));
  add_string_or_null (e->b, "status", col_text (row, 8));
  add_number (e->b, "progress", row, 9);
  add_string_or_null (e->b, "progress_mode", col_text (row, 10));

  json_builder_set_member_name (e->b, "health_override");
  if (pb_db_column_type (row, 11) == PB_DB_NULL)
    json_builder_add_null_value (e->b);
  else
    {
      json_builder_begin_object (e->b);
      add_string_or_null (e->b, "health", col_text (row, 11));
      add_string_or_null (e->b, "reason", col_text (row, 12));
      add_string_or_null (e->b, "date", col_text (row, 13));
      json_builder_end_object (e->b);
    }

  json_builder_set_member_name (e->b, "indicators");
  export_indicators (e, INDICATOR_COLUMNS
                     "WHERE (SELECT l.item_id FROM item_indicator l JOIN item i ON i.id = l.item_id"
                     "       WHERE l.indicator_id = k.id ORDER BY i.position, i.id LIMIT 1) = ?1"
                     " ORDER BY k.position, k.id", id);

  json_builder_set_member_name (e->b, "indicator_ids");
  json_builder_begin_array (e->b);
  stmt = query (e, "SELECT indicator_id FROM item_indicator WHERE item_id = ?1 ORDER BY position, id", id);
  while (stmt && pb_db_step (stmt) == PB_DB_ROW)
    json_builder_add_string_value (e->b, id_for (e->indicator_ids, pb_db_column_int64 (stmt, 0)));
  pb_db_finalize (stmt);
  json_builder_end_array (e->b);

  json_builder_set_member_name (e->b, "notes");
  json_builder_begin_array (e->b);
  stmt = query (e, "SELECT n.date, o.name, n.text, n.status FROM note n"
                   " LEFT JOIN organisation o ON o.id = n.organisation_id"
                   " WHERE n.item_id = ?1 ORDER BY n.date, n.id", id);
  while (next_row (e, stmt))
    {
      json_builder_begin_object (e->b);
      add_string_or_null (e->b, "date", col_text (stmt, 0));
      add_string_or_null (e->b, "organisation", col_text (stmt, 1));
      add_string_or_null (e->b, "text", col_text (stmt, 2));
      add_string_or_null (e->b, "status", col_text (stmt, 3));
      json_builder_end_object (e->b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (e->b);

  json_builder_set_member_name (e->b, "depends_on");
  json_builder_begin_array (e->b);
  stmt = query (e, "SELECT from_item_id, lag_days FROM dependency WHERE to_item_id = ?1 ORDER BY id", id);
  while (next_row (e, stmt))
    {
      json_builder_begin_object (e->b);
      add_string_or_null (e->b, "item", id_for (e->item_ids, pb_db_column_int64 (stmt, 0)));
      add_number (e->b, "lag_days", stmt, 1);
      json_builder_end_object (e->b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (e->b);

  /* Its dated history of status and progress (schema 8), when it has one. */
  stmt = query (e, "SELECT date, status, progress, status_before, progress_before FROM item_history"
                   " WHERE item_id = ?1 ORDER BY date, id", id);
  for (guint n = 0; next_row (e, stmt); n++)
    {
      if (n == 0)
        {
          json_builder_set_member_name (e->b, "history");
          json_builder_begin_array (e->b);
          history = TRUE;
        }
      json_builder_begin_object (e->b);
      add_string_or_null (e->b, "date", col_text (stmt, 0));
      add_string_or_null (e->b, "status", col_text (stmt, 1));
      add_number (e->b, "progress", stmt, 2);
      add_string_or_null (e->b, "status_before", col_text (stmt, 3));
      add_number (e->b, "progress_before", stmt, 4);
      json_builder_end_object (e->b);
    }
  pb_db_finalize (stmt);
  if (history)
    json_builder_end_array (e->b);

  json_builder_end_object (e->b);
}

/**
 * pb_store_export_plan_json:
 * @self: a store
 * @plan_id: the plan
 * @error: where to say why it failed
 *
 * Returns: (transfer full): the plan as `planboard-plan/1` JSON
 */
JsonNode *
pb_store_export_plan_json (PbStore  *self,
                           gint64    plan_id,
                           GError  **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) section_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) item_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) indicator_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  Export e = { self, pb_store_get_conn (self), b, section_ids, item_ids, indicator_ids, NULL };
  PbDbStmt *plan, *stmt;
  gboolean own_transaction;
  int rc;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  /* One read transaction, so the export is one consistent snapshot (or
   * the command's own, when a command exports). */
  own_transaction = pb_db_get_autocommit (e.db);
  if (own_transaction && (rc = pb_db_exec (e.db, "BEGIN")) != PB_DB_OK)
    {
      pb_store_set_error (self, rc, error);
      return NULL;
    }

  plan = query (&e, "SELECT title, doc_number, issuer, issue_date, period_start, period_end,"
                    " source_text FROM plan WHERE id = ?1", plan_id);
  if (!next_row (&e, plan))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);

      pb_db_finalize (plan);
      if (own_transaction)
        pb_db_exec (e.db, "ROLLBACK");
      if (e.error != NULL)
        g_propagate_error (error, e.error);
      else
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                     _("There is no plan with the id %s."), id);
      return NULL;
    }

  assign_ids (&e, section_ids, "SELECT id FROM section WHERE plan_id = ?1 ORDER BY position, id", plan_id, 's');
  assign_ids (&e, item_ids, "SELECT id FROM item WHERE plan_id = ?1 ORDER BY position, id", plan_id, 'i');
  assign_ids (&e, indicator_ids, "SELECT id FROM indicator WHERE plan_id = ?1 ORDER BY position, id", plan_id, 'k');

  json_builder_begin_object (b);
  add_string_or_null (b, "format", FORMAT);
  add_string_or_null (b, "title", col_text (plan, 0));
  add_string_or_null (b, "doc_number", col_text (plan, 1));
  add_string_or_null (b, "issuer", col_text (plan, 2));
  json_builder_set_member_name (b, "period");
  if (pb_db_column_type (plan, 4) == PB_DB_NULL && pb_db_column_type (plan, 5) == PB_DB_NULL)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_object (b);
      add_number (b, "start", plan, 4);
      add_number (b, "end", plan, 5);
      json_builder_end_object (b);
    }
  add_string_or_null (b, "issue_date", col_text (plan, 3));

  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  stmt = query (&e, "SELECT id, parent_id, number, title FROM section WHERE plan_id = ?1 ORDER BY position, id", plan_id);
  while (next_row (&e, stmt))
    {
      json_builder_begin_object (b);
      add_string_or_null (b, "id", id_for (section_ids, pb_db_column_int64 (stmt, 0)));
      add_string_or_null (b, "parent", pb_db_column_type (stmt, 1) == PB_DB_NULL ? NULL
                          : id_for (section_ids, pb_db_column_int64 (stmt, 1)));
      add_string_or_null (b, "number", col_text (stmt, 2));
      add_string_or_null (b, "title", col_text (stmt, 3));
      json_builder_end_object (b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  stmt = query (&e, "SELECT id, section_id, kind, number, title, body, start_date, due_date,"
                    " status, progress, progress_mode, health_override, health_reason, health_date"
                    " FROM item WHERE plan_id = ?1 ORDER BY position, id", plan_id);
  while (next_row (&e, stmt))
    export_item (&e, stmt);
  pb_db_finalize (stmt);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "organisations");
  json_builder_begin_array (b);
  stmt = query (&e, "SELECT id, name, short_name FROM organisation WHERE plan_id = ?1 ORDER BY id", plan_id);
  while (next_row (&e, stmt))
    {
      PbDbStmt *aliases;

      json_builder_begin_object (b);
      add_string_or_null (b, "name", col_text (stmt, 1));
      add_string_or_null (b, "short_name", col_text (stmt, 2));
      json_builder_set_member_name (b, "aliases");
      json_builder_begin_array (b);
      aliases = query (&e, "SELECT alias FROM organisation_alias WHERE organisation_id = ?1 ORDER BY id",
                       pb_db_column_int64 (stmt, 0));
      while (next_row (&e, aliases))
        json_builder_add_string_value (b, col_text (aliases, 0));
      pb_db_finalize (aliases);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "indicators");
  export_indicators (&e, INDICATOR_COLUMNS
                      "WHERE k.plan_id = ?1 AND NOT EXISTS (SELECT 1 FROM item_indicator l WHERE l.indicator_id = k.id)"
                      " ORDER BY k.position, k.id", plan_id);

  json_builder_set_member_name (b, "indicator_links");
  json_builder_add_boolean_value (b, TRUE);

  json_builder_set_member_name (b, "targets");
  export_targets (&e, TARGET_COLUMNS "WHERE k.plan_id = ?1 AND t.item_id IS NULL ORDER BY t.id", plan_id);

  json_builder_set_member_name (b, "periods");
  json_builder_begin_array (b);
  stmt = query (&e, "SELECT id, kind, label, end_date, closed_date FROM period WHERE plan_id = ?1"
                    " ORDER BY end_date, id", plan_id);
  while (next_row (&e, stmt))
    {
      gint64 period_id = pb_db_column_int64 (stmt, 0);
      PbDbStmt *rows;

      json_builder_begin_object (b);
      add_string_or_null (b, "kind", col_text (stmt, 1));
      add_string_or_null (b, "label", col_text (stmt, 2));
      add_string_or_null (b, "end_date", col_text (stmt, 3));
      add_string_or_null (b, "closed_date", col_text (stmt, 4));

      json_builder_set_member_name (b, "indicators");
      json_builder_begin_array (b);
      rows = query (&e, "SELECT indicator_id, value, date, completion, health FROM period_indicator"
                        " WHERE period_id = ?1 ORDER BY id", period_id);
      while (next_row (&e, rows))
        {
          json_builder_begin_object (b);
          add_string_or_null (b, "indicator", id_for (indicator_ids, pb_db_column_int64 (rows, 0)));
          add_number (b, "value", rows, 1);
          add_string_or_null (b, "date", col_text (rows, 2));
          add_number (b, "completion", rows, 3);
          add_string_or_null (b, "health", col_text (rows, 4));
          json_builder_end_object (b);
        }
      pb_db_finalize (rows);
      json_builder_end_array (b);

      json_builder_set_member_name (b, "items");
      json_builder_begin_array (b);
      rows = query (&e, "SELECT item_id, status, progress, health FROM period_item"
                        " WHERE period_id = ?1 ORDER BY id", period_id);
      while (next_row (&e, rows))
        {
          json_builder_begin_object (b);
          add_string_or_null (b, "item", id_for (item_ids, pb_db_column_int64 (rows, 0)));
          add_string_or_null (b, "status", col_text (rows, 1));
          add_number (b, "progress", rows, 2);
          add_string_or_null (b, "health", col_text (rows, 3));
          json_builder_end_object (b);
        }
      pb_db_finalize (rows);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  pb_db_finalize (stmt);
  json_builder_end_array (b);

  /* The day the library began keeping history (docs/PLAN-JSON.md): an
   * item's begins then, unless its first entry changes nothing, which
   * says where it begins (import_history()). */
  if (e.error == NULL)
    {
      g_autofree char *since = history_since (self, &e.error);

      if (since != NULL)
        add_string_or_null (b, "history_since", since);
    }

  add_string_or_null (b, "source_text", col_text (plan, 6));
  json_builder_end_object (b);

  pb_db_finalize (plan);
  if (own_transaction)
    {
      if (e.error == NULL && (rc = pb_db_exec (e.db, "COMMIT")) != PB_DB_OK)
        pb_store_set_error (self, rc, &e.error);
      if (e.error != NULL)
        pb_db_exec (e.db, "ROLLBACK");
    }

  if (e.error != NULL)
    {
      g_propagate_error (error, e.error);
      return NULL;
    }

  return json_builder_get_root (b);
}

/* ---- Import ------------------------------------------------------------ */

typedef struct
{
  PbStore    *store;
  gint64      plan_id;
  GHashTable *sections;    /* "sN" → id */
  GHashTable *items;       /* "iN" → id */
  GHashTable *indicators;  /* declared "kN" → id */
  GHashTable *by_name;     /* "name\x1funit" → id */
  gint64      n_indicators;
  GError    **error;
  const char *history_since; /* the file's: its items' history is kept from then */
  char       *here_since;    /* this library's 'item_history_since' */
} Import;

static gboolean
fail (Import     *im,
      const char *what)
{
  if (im->error && *im->error == NULL)
    g_set_error (im->error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                 _("The plan file is not valid: %s."), what);
  return FALSE;
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
array_member (JsonObject *o,
              const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return NULL;
}

static gboolean
number_member (JsonObject *o,
               const char *name,
               double     *value)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  GType t;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;

  t = json_node_get_value_type (n);
  if (t == G_TYPE_INT64)
    *value = json_node_get_int (n);
  else if (t == G_TYPE_DOUBLE)
    *value = json_node_get_double (n);
  else
    return FALSE;

  return isfinite (*value) && fabs (*value) <= PB_MAX_NUMBER;
}

static gboolean
bool_member (JsonObject *o,
             const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN
         && json_node_get_boolean (n);
}

static JsonObject *
element_object (JsonArray *a,
                guint      i)
{
  JsonNode *n = json_array_get_element (a, i);

  return JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gboolean
valid_date (const char *s)
{
  GDate date;

  return s == NULL || pb_date_parse (s, &date);
}

/* Reads an enum member by nick; a missing member gives @fallback. */
static gboolean
enum_member (JsonObject *o,
             const char *name,
             GType       type,
             int         fallback,
             int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  const char *nick = string_member (o, name);
  GEnumValue *ev;

  if (nick == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

static gint64
lookup_id (GHashTable *ids,
           const char *key)
{
  gpointer v = key ? g_hash_table_lookup (ids, key) : NULL;

  return v ? *(gint64 *) v : 0;
}

static void
remember_id (GHashTable *ids,
             const char *key,
             gint64      id)
{
  g_hash_table_insert (ids, g_strdup (key), g_memdup2 (&id, sizeof id));
}

static gint64
organisation_for (Import     *im,
                  const char *name)
{
  gint64 id = pb_store_find_organisation (im->store, im->plan_id, name);

  if (id == 0)
    id = pb_store_insert (im->store, PB_TYPE_ORGANISATION, im->error,
                          "plan_id", im->plan_id,
                          "name", name,
                          NULL);
  return id;
}

static gboolean
import_units (Import     *im,
              JsonObject *item,
              gint64      item_id,
              const char *member,
              PbRole      role,
              gint64     *position)
{
  JsonArray *units = array_member (item, member);

  for (guint i = 0; units && i < json_array_get_length (units); i++)
    {
      const char *name = json_array_get_string_element (units, i);
      g_autofree char *clean = NULL;
      PbDbStmt *stmt;
      gint64 org;

      if (name == NULL)
        return fail (im, "an organisation name is not text");

      clean = g_strstrip (g_strdup (name));
      if (clean[0] == '\0')
        continue;

      if ((org = organisation_for (im, clean)) == 0)
        return FALSE;

      /* The same organisation named twice on one item keeps its first role. */
      stmt = pb_store_prepare (im->store, "SELECT 1 FROM item_org WHERE item_id = ?1 AND organisation_id = ?2", im->error);
      if (stmt == NULL)
        return FALSE;
      pb_db_bind_int64 (stmt, 1, item_id);
      pb_db_bind_int64 (stmt, 2, org);
      {
        g_autoptr(GError) local = NULL;
        gboolean seen = pb_store_step (im->store, stmt, &local);

        pb_db_reset (stmt);
        if (local != NULL)
          {
            g_propagate_error (im->error, g_steal_pointer (&local));
            return FALSE;
          }
        if (seen)
          continue;
      }

      if (!pb_store_insert (im->store, PB_TYPE_ITEM_ORG, im->error,
                            "item_id", item_id,
                            "organisation_id", org,
                            "role", role,
                            "position", (*position)++,
                            NULL))
        return FALSE;
    }

  return TRUE;
}

/* The item serves the indicator (once, in the order links are made). */
static gboolean
link_item (Import *im,
           gint64  item_id,
           gint64  indicator_id)
{
  return pb_store_exec_ids (im->store,
                            "INSERT OR IGNORE INTO item_indicator (item_id, indicator_id, position)"
                            " SELECT ?1, ?2, coalesce(max(position) + 1, 0) FROM item_indicator WHERE item_id = ?1",
                            item_id, indicator_id, im->error);
}

static char *
indicator_key (const char *name,
               const char *unit)
{
  return g_strconcat (name, "\x1f", unit ? unit : "", NULL);
}

static gboolean
import_indicators (Import     *im,
                   JsonArray  *indicators,
                   gint64      item_id)
{
  for (guint i = 0; indicators && i < json_array_get_length (indicators); i++)
    {
      JsonObject *k = element_object (indicators, i);
      const char *name = string_member (k, "name");
      const char *unit = string_member (k, "unit");
      const char *key = string_member (k, "id");
      JsonArray *actuals = array_member (k, "actuals");
      int kind, direction;
      double baseline = NAN, position;
      gint64 id;

      if (name == NULL)
        return fail (im, "an indicator has no name");
      if (!enum_member (k, "kind", PB_TYPE_INDICATOR_KIND, PB_INDICATOR_KIND_CUMULATIVE, &kind) ||
          !enum_member (k, "direction", PB_TYPE_DIRECTION, PB_DIRECTION_INCREASE, &direction))
        return fail (im, "an indicator has an unknown kind or direction");
      if (!valid_date (string_member (k, "baseline_date")))
        return fail (im, "an indicator has an invalid baseline date");
      number_member (k, "baseline", &baseline);
      if (!number_member (k, "position", &position))
        position = im->n_indicators;
      im->n_indicators = MAX (im->n_indicators, (gint64) position + 1);

      id = pb_store_insert (im->store, PB_TYPE_INDICATOR, im->error,
                            "plan_id", im->plan_id,
                            "name", name,
                            "measure_unit", unit ? unit : "",
                            "kind", kind,
                            "direction", direction,
                            "baseline_value", baseline,
                            "baseline_date", string_member (k, "baseline_date"),
                            "position", (gint64) position,
                            NULL);
      if (id == 0 || (item_id > 0 && !link_item (im, item_id, id)))
        return FALSE;

      if (key)
        remember_id (im->indicators, key, id);
      {
        g_autofree char *nk = indicator_key (name, unit);
        if (!g_hash_table_contains (im->by_name, nk))
          remember_id (im->by_name, nk, id);
      }

      for (guint j = 0; actuals && j < json_array_get_length (actuals); j++)
        {
          JsonObject *a = element_object (actuals, j);
          const char *date = string_member (a, "date");
          double value;

          if (date == NULL || !valid_date (date) || !number_member (a, "value", &value))
            return fail (im, "an actual has no valid date or value");

          if (!pb_store_insert (im->store, PB_TYPE_ACTUAL, im->error,
                                "indicator_id", id,
                                "date", date,
                                "value", value,
                                "note", string_member (a, "note"),
                                "source", string_member (a, "source"),
                                "period", string_member (a, "period"),
                                NULL))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
target_conflicts (Import       *im,
                  gint64        indicator,
                  int           year,
                  double        value,
                  PbComparator  comparator,
                  gboolean      stretch)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_COMPARATOR);
  PbDbStmt *stmt = pb_store_prepare (im->store,
                                         "SELECT 1 FROM target WHERE indicator_id = ?1 AND year = ?2 AND stretch = ?3"
                                         " AND (value <> ?4 OR comparator <> ?5)", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, indicator);
  pb_db_bind_int (stmt, 2, year);
  pb_db_bind_int (stmt, 3, stretch ? 1 : 0);
  pb_db_bind_double (stmt, 4, value);
  pb_db_bind_text (stmt, 5, g_enum_get_value (klass, comparator)->value_nick);
  found = pb_db_step (stmt) == PB_DB_ROW;
  pb_db_reset (stmt);
  return found;
}

static gboolean
import_targets (Import    *im,
                JsonArray *targets,
                gint64     item_id)
{
  for (guint i = 0; targets && i < json_array_get_length (targets); i++)
    {
      JsonObject *t = element_object (targets, i);
      const char *name = string_member (t, "indicator");
      const char *unit = string_member (t, "unit");
      g_autofree char *key = NULL;
      double year = 0, value;
      int comparator, confidence;
      gint64 indicator;
      gboolean no_year;

      if (name == NULL || name[0] == '\0')
        name = string_member (t, "text");
      if (name == NULL)
        return fail (im, "a target names no indicator");
      /* A quantity the document gives no year for (a speech without a
       * period) is an indicator still, with no target until one is set. */
      no_year = json_object_has_member (t, "year") && JSON_NODE_HOLDS_NULL (json_object_get_member (t, "year"));
      if (!no_year && (!number_member (t, "year", &year) || year < 1 || year > 9999 || year != floor (year)))
        return fail (im, "a target has no valid year");
      if (!number_member (t, "value", &value))
        return fail (im, "a target has no valid value");
      if (!enum_member (t, "comparator", PB_TYPE_COMPARATOR, PB_COMPARATOR_EQ, &comparator) ||
          !enum_member (t, "confidence", PB_TYPE_CONFIDENCE, PB_CONFIDENCE_CLEAR, &confidence))
        return fail (im, "a target has an unknown comparator or confidence");

      key = indicator_key (name, unit);
      indicator = lookup_id (im->indicators, string_member (t, "indicator_id"));
      if (indicator == 0)
        {
          indicator = lookup_id (im->by_name, key);
          /* Not the indicator of that name when it already has another
           * target for the year: that is another quantity. */
          if (indicator != 0 && target_conflicts (im, indicator, (int) year, value, comparator,
                                                  bool_member (t, "stretch")))
            indicator = 0;
        }
      if (indicator == 0)
        {
          /* An indicator named alike in the goals and a task is one
           * indicator, which both serve. */
          indicator = pb_store_insert (im->store, PB_TYPE_INDICATOR, im->error,
                                       "plan_id", im->plan_id,
                                       "name", name,
                                       "measure_unit", unit ? unit : "",
                                       "position", im->n_indicators++,
                                       NULL);
          if (indicator == 0)
            return FALSE;
          if (lookup_id (im->by_name, key) == 0)
            remember_id (im->by_name, key, indicator);
        }
      if (item_id > 0 && !link_item (im, item_id, indicator))
        return FALSE;

      if (no_year)
        continue;
      if (!pb_store_insert (im->store, PB_TYPE_TARGET, im->error,
                            "indicator_id", indicator,
                            "item_id", item_id,
                            "year", (gint64) year,
                            "value", value,
                            "comparator", comparator,
                            "stretch", bool_member (t, "stretch"),
                            "year_implied", bool_member (t, "year_implied"),
                            "text", string_member (t, "text"),
                            "confidence", confidence,
                            NULL))
        return FALSE;
    }

  return TRUE;
}

/* An item's history holds at most this many entries: one change a day
 * for the longest plan is a few thousand. */
#define MAX_HISTORY 20000

typedef struct
{
  const char *date;
  int         status;
  double      progress;
  int         status_before;
  double      progress_before;
} HistoryEntry;

static gboolean
insert_history (Import             *im,
                gint64              item_id,
                const HistoryEntry *h)
{
  return pb_store_insert (im->store, PB_TYPE_ITEM_HISTORY, im->error,
                          "item_id", item_id,
                          "date", h->date,
                          "status", h->status,
                          "progress", h->progress,
                          "status_before", h->status_before,
                          "progress_before", h->progress_before,
                          NULL) > 0;
}

/* The item's dated history of status and progress, on the new item.
 *
 * An entry that changes nothing (status and progress as they were
 * before) is never a change: it says the item's history is kept from its
 * day, and first in an item's history it is read so (items_as_of() in
 * pb-supervision.c). This library's history of the item begins when the
 * file's "history_since" says (the sending library's day, or the item's
 * own such first entry), not when this library began keeping its own:
 * an item whose history does not already begin so gets such an entry, on
 * that day or on its first entry's if earlier, with what it had then. A
 * period closed "as of" its end here then keeps what it would have kept
 * where the plan came from, and says the same of what cannot be known. */
static gboolean
import_history (Import     *im,
                JsonObject *it,
                gint64      item_id)
{
  JsonArray *history = array_member (it, "history");
  guint n = history ? json_array_get_length (history) : 0;
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, TRUE, sizeof (HistoryEntry), n);
  const HistoryEntry *first = NULL;
  int status = PB_ITEM_STATUS_NOT_STARTED;
  double progress = 0;

  if (n > MAX_HISTORY)
    {
      g_autofree char *what = g_strdup_printf ("an item's history has more than %u entries", MAX_HISTORY);
      return fail (im, what);
    }

  /* What the item is now; before its first entry, what that says. */
  enum_member (it, "status", PB_TYPE_ITEM_STATUS, PB_ITEM_STATUS_NOT_STARTED, &status);
  number_member (it, "progress", &progress);

  for (guint j = 0; j < n; j++)
    {
      JsonObject *o = element_object (history, j);
      HistoryEntry h = { string_member (o, "date"), 0, 0, 0, 0 };
      const HistoryEntry *previous = j > 0 ? &g_array_index (entries, HistoryEntry, j - 1) : NULL;

      if (o == NULL)
        return fail (im, "an item's history holds something other than entries");
      if (h.date == NULL || !valid_date (h.date))
        return fail (im, "an item's history has an entry with no valid date");
      if (string_member (o, "status") == NULL ||
          !enum_member (o, "status", PB_TYPE_ITEM_STATUS, 0, &h.status))
        return fail (im, "an item's history has an entry with no known status");
      if (!number_member (o, "progress", &h.progress) || h.progress < 0 || h.progress > 1)
        return fail (im, "an item's history has an entry whose progress is not between 0 and 1");
      /* What it had before: as written, else what the entry before it
       * became, else what it became (the history begins there). */
      if (!enum_member (o, "status_before", PB_TYPE_ITEM_STATUS, previous ? previous->status : h.status,
                        &h.status_before))
        return fail (im, "an item's history has an entry with no known status");
      h.progress_before = previous ? previous->progress : h.progress;
      if (json_object_has_member (o, "progress_before") &&
          (!number_member (o, "progress_before", &h.progress_before) ||
           h.progress_before < 0 || h.progress_before > 1))
        return fail (im, "an item's history has an entry whose progress is not between 0 and 1");
      g_array_append_val (entries, h);
    }

  /* Its first entry: the earliest, the first written of a day. */
  for (guint j = 0; j < entries->len; j++)
    if (first == NULL || strcmp (g_array_index (entries, HistoryEntry, j).date, first->date) < 0)
      first = &g_array_index (entries, HistoryEntry, j);

  if (im->history_since != NULL && g_strcmp0 (im->history_since, im->here_since) != 0 &&
      (first == NULL || first->status != first->status_before || first->progress != first->progress_before))
    {
      HistoryEntry since = { im->history_since, status, progress, status, progress };

      if (first != NULL)
        {
          if (strcmp (first->date, since.date) < 0)
            since.date = first->date;
          since.status = since.status_before = first->status_before;
          since.progress = since.progress_before = first->progress_before;
        }
      if (!insert_history (im, item_id, &since))
        return FALSE;
    }

  for (guint j = 0; j < entries->len; j++)
    if (!insert_history (im, item_id, &g_array_index (entries, HistoryEntry, j)))
      return FALSE;

  return TRUE;
}

/* Closed reporting periods and what they kept. */
static gboolean
import_periods (Import    *im,
                JsonArray *periods)
{
  for (guint i = 0; periods && i < json_array_get_length (periods); i++)
    {
      JsonObject *p = element_object (periods, i);
      JsonArray *indicators = array_member (p, "indicators");
      JsonArray *items = array_member (p, "items");
      const char *label = string_member (p, "label");
      const char *end_date = string_member (p, "end_date");
      const char *closed_date = string_member (p, "closed_date");
      int kind;
      gint64 period_id;

      if (label == NULL || end_date == NULL || !valid_date (end_date) ||
          closed_date == NULL || !valid_date (closed_date))
        return fail (im, "a period has no label or no valid dates");
      if (!enum_member (p, "kind", PB_TYPE_PERIOD_KIND, PB_PERIOD_KIND_MONTH, &kind))
        return fail (im, "a period is neither a month nor a quarter");

      period_id = pb_store_insert (im->store, PB_TYPE_PERIOD, im->error,
                                   "plan_id", im->plan_id,
                                   "kind", kind,
                                   "label", label,
                                   "end_date", end_date,
                                   "closed_date", closed_date,
                                   NULL);
      if (period_id == 0)
        return FALSE;

      for (guint j = 0; indicators && j < json_array_get_length (indicators); j++)
        {
          JsonObject *k = element_object (indicators, j);
          gint64 indicator_id = lookup_id (im->indicators, string_member (k, "indicator"));
          const char *date = string_member (k, "date");
          double value = NAN, completion = NAN;
          int health;

          if (indicator_id == 0)
            return fail (im, "a period names an indicator that does not exist");
          if (date && !valid_date (date))
            return fail (im, "a period's actual has no valid date");
          if (!enum_member (k, "health", PB_TYPE_HEALTH, PB_HEALTH_NONE, &health))
            return fail (im, "a period has an unknown health");
          number_member (k, "value", &value);
          number_member (k, "completion", &completion);
          if (!pb_store_insert (im->store, PB_TYPE_PERIOD_INDICATOR, im->error,
                                "period_id", period_id,
                                "indicator_id", indicator_id,
                                "value", value,
                                "date", date,
                                "completion", completion,
                                "health", health,
                                NULL))
            return FALSE;
        }

      for (guint j = 0; items && j < json_array_get_length (items); j++)
        {
          JsonObject *it = element_object (items, j);
          gint64 item_id = lookup_id (im->items, string_member (it, "item"));
          double progress = 0;
          int status, health;

          if (item_id == 0)
            return fail (im, "a period names an item that does not exist");
          if (!enum_member (it, "status", PB_TYPE_ITEM_STATUS, PB_ITEM_STATUS_NOT_STARTED, &status) ||
              !enum_member (it, "health", PB_TYPE_HEALTH, PB_HEALTH_NONE, &health))
            return fail (im, "a period has an unknown status or health");
          number_member (it, "progress", &progress);
          if (!pb_store_insert (im->store, PB_TYPE_PERIOD_ITEM, im->error,
                                "period_id", period_id,
                                "item_id", item_id,
                                "status", status,
                                "progress", CLAMP (progress, 0.0, 1.0),
                                "health", health,
                                NULL))
            return FALSE;
        }
    }

  return TRUE;
}

typedef enum { T_STRING, T_NUMBER, T_BOOL, T_ARRAY, T_OBJECT } JsonKind;

/* A member that is there must be of its kind (or null): items as an
 * object, a numeric title or a progress written as text are refused with
 * the member named, never read as "absent". */
static gboolean
expect_kind (Import     *im,
             JsonObject *o,
             const char *where,
             const char *name,
             JsonKind    kind)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  gboolean ok;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;

  switch (kind)
    {
    case T_ARRAY:
      ok = JSON_NODE_HOLDS_ARRAY (n);
      break;
    case T_OBJECT:
      ok = JSON_NODE_HOLDS_OBJECT (n);
      break;
    case T_STRING:
      ok = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING;
      break;
    case T_BOOL:
      ok = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_BOOLEAN;
      break;
    case T_NUMBER:
    default:
      ok = JSON_NODE_HOLDS_VALUE (n) && (json_node_get_value_type (n) == G_TYPE_INT64 ||
                                         json_node_get_value_type (n) == G_TYPE_DOUBLE);
      if (ok)
        {
          double v = json_node_get_value_type (n) == G_TYPE_INT64 ? json_node_get_int (n) : json_node_get_double (n);

          if (!isfinite (v) || fabs (v) > PB_MAX_NUMBER)
            {
              g_autofree char *what = g_strdup_printf ("“%s%s” is a number beyond ±10¹⁵", where, name);
              return fail (im, what);
            }
        }
      break;
    }

  if (!ok)
    {
      static const char * const kinds[] = { "text", "a number", "true or false", "a list", "an object" };
      g_autofree char *what = g_strdup_printf ("“%s%s” should be %s", where, name, kinds[kind]);
      return fail (im, what);
    }

  /* JSON can spell a lone UTF-16 surrogate (\ud800), which is no text. */
  if (kind == T_STRING && !g_utf8_validate (json_node_get_string (n), -1, NULL))
    {
      g_autofree char *what = g_strdup_printf ("“%s%s” is not valid text", where, name);
      return fail (im, what);
    }

  return TRUE;
}

static gboolean
check_kinds (Import     *im,
             JsonObject *root)
{
  static const struct { const char *name; JsonKind kind; } top[] = {
    { "title", T_STRING }, { "doc_number", T_STRING }, { "issuer", T_STRING }, { "issue_date", T_STRING },
    { "source_text", T_STRING }, { "period", T_OBJECT }, { "sections", T_ARRAY }, { "items", T_ARRAY },
    { "organisations", T_ARRAY }, { "indicators", T_ARRAY }, { "targets", T_ARRAY }, { "periods", T_ARRAY },
    { "history_since", T_STRING },
  }, item[] = {
    { "id", T_STRING }, { "section", T_STRING }, { "kind", T_STRING }, { "number", T_STRING },
    { "title", T_STRING }, { "body", T_STRING }, { "start", T_STRING }, { "due", T_STRING },
    { "status", T_STRING }, { "progress", T_NUMBER }, { "progress_mode", T_STRING },
    { "lead_units", T_ARRAY }, { "responsible_units", T_ARRAY }, { "targets", T_ARRAY },
    { "indicators", T_ARRAY }, { "notes", T_ARRAY }, { "depends_on", T_ARRAY }, { "health_override", T_OBJECT },
    { "history", T_ARRAY },
  }, section[] = {
    { "id", T_STRING }, { "parent", T_STRING }, { "number", T_STRING }, { "title", T_STRING },
  }, entry[] = {
    { "date", T_STRING }, { "status", T_STRING }, { "progress", T_NUMBER },
    { "status_before", T_STRING }, { "progress_before", T_NUMBER },
  };
  JsonArray *items, *sections, *history;

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    if (!expect_kind (im, root, "", top[i].name, top[i].kind))
      return FALSE;

  sections = array_member (root, "sections");
  for (guint i = 0; sections && i < json_array_get_length (sections); i++)
    {
      JsonObject *o = element_object (sections, i);

      if (o == NULL)
        return fail (im, "“sections” should hold objects");
      for (guint j = 0; j < G_N_ELEMENTS (section); j++)
        if (!expect_kind (im, o, "sections[].", section[j].name, section[j].kind))
          return FALSE;
    }

  items = array_member (root, "items");
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *o = element_object (items, i);

      if (o == NULL)
        return fail (im, "“items” should hold objects");
      for (guint j = 0; j < G_N_ELEMENTS (item); j++)
        if (!expect_kind (im, o, "items[].", item[j].name, item[j].kind))
          return FALSE;

      history = array_member (o, "history");
      for (guint j = 0; history && j < json_array_get_length (history) && j <= MAX_HISTORY; j++)
        {
          JsonObject *h = element_object (history, j);

          if (h == NULL)
            return fail (im, "“items[].history” should hold objects");
          for (guint k = 0; k < G_N_ELEMENTS (entry); k++)
            if (!expect_kind (im, h, "items[].history[].", entry[k].name, entry[k].kind))
              return FALSE;
        }
    }

  return TRUE;
}

static gboolean
import_plan (Import     *im,
             JsonObject *root)
{
  JsonObject *period = object_member (root, "period");
  JsonArray *sections = array_member (root, "sections");
  JsonArray *items = array_member (root, "items");
  JsonArray *orgs = array_member (root, "organisations");
  double start = 0, end = 0;

  if (!check_kinds (im, root))
    return FALSE;

  number_member (period, "start", &start);
  number_member (period, "end", &end);
  if (start < 0 || end < 0 || start > 9999 || end > 9999 || (start && end && end < start))
    return fail (im, "the period is not a pair of years");
  if (!valid_date (string_member (root, "issue_date")))
    return fail (im, "the issue date is invalid");
  im->history_since = string_member (root, "history_since");
  if (!valid_date (im->history_since))
    return fail (im, "the day the history is kept from (“history_since”) is invalid");
  /* A plan with no title would be a blank row in the sidebar: an
   * importer that found none has found no plan. */
  {
    g_autofree char *title = g_strstrip (g_strdup (string_member (root, "title") ? string_member (root, "title") : ""));

    if (title[0] == '\0')
      {
        if (im->error && *im->error == NULL)
          g_set_error (im->error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("A plan needs a title."));
        return FALSE;
      }
  }

  im->plan_id = pb_store_insert (im->store, PB_TYPE_PLAN, im->error,
                                 "title", string_member (root, "title") ? string_member (root, "title") : "",
                                 "doc_number", string_member (root, "doc_number"),
                                 "issuer", string_member (root, "issuer"),
                                 "issue_date", string_member (root, "issue_date"),
                                 "period_start", (gint64) start,
                                 "period_end", (gint64) end,
                                 "source_text", string_member (root, "source_text"),
                                 NULL);
  if (im->plan_id == 0)
    return FALSE;

  /* Organisations first, so their short names and aliases are there when
   * items name them. */
  for (guint i = 0; orgs && i < json_array_get_length (orgs); i++)
    {
      JsonObject *o = element_object (orgs, i);
      const char *name = string_member (o, "name");
      JsonArray *aliases = array_member (o, "aliases");
      gint64 id;

      if (name == NULL || name[0] == '\0')
        return fail (im, "an organisation has no name");

      id = pb_store_insert (im->store, PB_TYPE_ORGANISATION, im->error,
                            "plan_id", im->plan_id,
                            "name", name,
                            "short_name", string_member (o, "short_name"),
                            NULL);
      if (id == 0)
        return FALSE;

      for (guint j = 0; aliases && j < json_array_get_length (aliases); j++)
        {
          const char *alias = json_array_get_string_element (aliases, j);

          if (alias == NULL || !pb_store_insert (im->store, PB_TYPE_ORGANISATION_ALIAS, im->error,
                                                 "organisation_id", id,
                                                 "alias", alias,
                                                 NULL))
            return fail (im, "an organisation alias is not text");
        }
    }

  for (guint i = 0; sections && i < json_array_get_length (sections); i++)
    {
      JsonObject *s = element_object (sections, i);
      const char *key = string_member (s, "id");
      const char *parent = string_member (s, "parent");
      gint64 id;

      if (s == NULL)
        return fail (im, "a section is not an object");
      if (parent && lookup_id (im->sections, parent) == 0)
        return fail (im, "a section's parent comes after it or does not exist");

      id = pb_store_insert (im->store, PB_TYPE_SECTION, im->error,
                            "plan_id", im->plan_id,
                            "parent_id", lookup_id (im->sections, parent),
                            "number", string_member (s, "number"),
                            "title", string_member (s, "title"),
                            "position", (gint64) i,
                            NULL);
      if (id == 0)
        return FALSE;
      if (key)
        remember_id (im->sections, key, id);
    }

  /* Items, with their organisations; indicators and targets once every
   * item exists, so a target can name an indicator declared later. */
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = element_object (items, i);
      JsonObject *health = object_member (it, "health_override");
      const char *section = string_member (it, "section");
      const char *key = string_member (it, "id");
      int kind, status, mode, override = PB_HEALTH_NONE;
      double progress = 0;
      gint64 id, position = 0;

      if (it == NULL)
        return fail (im, "an item is not an object");
      if (section && lookup_id (im->sections, section) == 0)
        return fail (im, "an item names a section that does not exist");
      if (!enum_member (it, "kind", PB_TYPE_ITEM_KIND, PB_ITEM_KIND_TASK, &kind) ||
          !enum_member (it, "status", PB_TYPE_ITEM_STATUS, PB_ITEM_STATUS_NOT_STARTED, &status) ||
          !enum_member (it, "progress_mode", PB_TYPE_PROGRESS_MODE, PB_PROGRESS_MODE_MANUAL, &mode) ||
          (health && !enum_member (health, "health", PB_TYPE_HEALTH, PB_HEALTH_NONE, &override)))
        return fail (im, "an item has an unknown kind, status or health");
      if (!valid_date (string_member (it, "start")) || !valid_date (string_member (it, "due")) ||
          !valid_date (string_member (health, "date")))
        return fail (im, "an item has an invalid date");
      number_member (it, "progress", &progress);
      if (progress < 0 || progress > 1)
        return fail (im, "an item's progress is not between 0 and 1");

      id = pb_store_insert (im->store, PB_TYPE_ITEM, im->error,
                            "plan_id", im->plan_id,
                            "section_id", lookup_id (im->sections, section),
                            "kind", kind,
                            "number", string_member (it, "number"),
                            "title", string_member (it, "title"),
                            "body", string_member (it, "body"),
                            "start_date", string_member (it, "start"),
                            "due_date", string_member (it, "due"),
                            "status", status,
                            "progress", progress,
                            "progress_mode", mode,
                            "health_override", override,
                            "health_reason", string_member (health, "reason"),
                            "health_date", string_member (health, "date"),
                            "position", (gint64) i,
                            NULL);
      if (id == 0)
        return FALSE;

      if (key)
        remember_id (im->items, key, id);
      else
        {
          g_autofree char *implicit = g_strdup_printf ("i%u", i + 1);
          remember_id (im->items, implicit, id);
        }

      if (!import_units (im, it, id, "lead_units", PB_ROLE_LEAD, &position) ||
          !import_units (im, it, id, "responsible_units", PB_ROLE_RESPONSIBLE, &position))
        return FALSE;
    }

  if (!import_indicators (im, array_member (root, "indicators"), 0))
    return FALSE;

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = element_object (items, i);
      g_autofree char *implicit = g_strdup_printf ("i%u", i + 1);
      const char *key = string_member (it, "id");
      JsonArray *serves = array_member (it, "indicator_ids");
      gint64 item_id = lookup_id (im->items, key ? key : implicit);

      /* Every indicator must exist before an item lists what it serves. */
      if (!import_indicators (im, array_member (it, "indicators"), serves ? 0 : item_id))
        return FALSE;
    }

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = element_object (items, i);
      g_autofree char *implicit = g_strdup_printf ("i%u", i + 1);
      const char *key = string_member (it, "id");
      JsonArray *serves = array_member (it, "indicator_ids");
      gint64 item_id = lookup_id (im->items, key ? key : implicit);

      for (guint j = 0; serves && j < json_array_get_length (serves); j++)
        {
          gint64 indicator = lookup_id (im->indicators, json_array_get_string_element (serves, j));

          if (indicator == 0)
            return fail (im, "an item serves an indicator that does not exist");
          if (!link_item (im, item_id, indicator))
            return FALSE;
        }
    }

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = element_object (items, i);
      g_autofree char *implicit = g_strdup_printf ("i%u", i + 1);
      const char *key = string_member (it, "id");
      gint64 item_id = lookup_id (im->items, key ? key : implicit);
      JsonArray *notes = array_member (it, "notes");
      JsonArray *deps = array_member (it, "depends_on");

      if (!import_targets (im, array_member (it, "targets"), item_id) ||
          !import_history (im, it, item_id))
        return FALSE;

      for (guint j = 0; notes && j < json_array_get_length (notes); j++)
        {
          JsonObject *n = element_object (notes, j);
          const char *date = string_member (n, "date");
          const char *org = string_member (n, "organisation");
          gint64 org_id = 0;
          int status;

          if (date == NULL || !valid_date (date))
            return fail (im, "a note has no valid date");
          if (!enum_member (n, "status", PB_TYPE_ITEM_STATUS, PB_ITEM_STATUS_NOT_STARTED, &status))
            return fail (im, "a note has an unknown status");
          if (org && (org_id = organisation_for (im, org)) == 0)
            return FALSE;

          if (!pb_store_insert (im->store, PB_TYPE_NOTE, im->error,
                                "item_id", item_id,
                                "date", date,
                                "organisation_id", org_id,
                                "text", string_member (n, "text"),
                                "status", status,
                                NULL))
            return FALSE;
        }

      for (guint j = 0; deps && j < json_array_get_length (deps); j++)
        {
          JsonObject *d = element_object (deps, j);
          gint64 from = lookup_id (im->items, string_member (d, "item"));
          double lag = 0;

          if (from == 0 || from == item_id)
            return fail (im, "a dependency names an item that does not exist");
          number_member (d, "lag_days", &lag);
          /* One that would close a loop (each item waiting for the other,
           * which no schedule holds; a library could make one before
           * Planboard refused them) is left out. */
          {
            g_autoptr(GError) loop = NULL;

            if (!pb_store_check_dependency (im->store, from, item_id, &loop))
              {
                if (!g_error_matches (loop, PB_STORE_ERROR, PB_STORE_ERROR_INVALID))
                  {
                    g_propagate_error (im->error, g_steal_pointer (&loop));
                    return FALSE;
                  }
                g_message ("Import: %s", loop->message);
                continue;
              }
          }

          if (!pb_store_insert (im->store, PB_TYPE_DEPENDENCY, im->error,
                                "from_item_id", from,
                                "to_item_id", item_id,
                                "lag_days", (gint64) lag,
                                NULL))
            return FALSE;
        }
    }

  if (!import_targets (im, array_member (root, "targets"), 0) ||
      !import_periods (im, array_member (root, "periods")))
    return FALSE;

  /* A file that does not say which items serve which indicator holds one
   * indicator per item for a quantity a goal and a task both state. */
  if (!bool_member (root, "indicator_links") &&
      !pb_indicators_merge_duplicates (pb_store_get_conn (im->store), im->plan_id, im->error))
    return FALSE;

  return TRUE;
}

/**
 * pb_store_import_plan_json_in: (skip)
 * @self: a store, inside pb_store_begin()
 * @root: a `planboard-plan/1` document
 * @error: where to say why it failed
 *
 * Adds the plan inside the command that is open, so several plans can be
 * one transaction (a `.planboard` file or a library holding many).
 *
 * Returns: the new plan's id, or 0 with @error set
 */
gint64
pb_store_import_plan_json_in (PbStore   *self,
                              JsonNode  *root,
                              GError   **error)
{
  g_autoptr(GHashTable) sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Import im = { self, 0, sections, items, indicators, by_name, 0, error, NULL, NULL };
  g_autofree char *here_since = NULL;
  JsonObject *object;
  const char *format;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  format = string_member (object, "format");
  if (g_strcmp0 (format, FORMAT) != 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("This is not a Planboard plan file (its format is “%s”, not “%s”)."),
                   format ? format : "?", FORMAT);
      return 0;
    }

  {
    g_autoptr(GError) local = NULL;

    here_since = history_since (self, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return 0;
      }
    im.here_since = here_since;
  }

  return import_plan (&im, object) ? im.plan_id : 0;
}

/**
 * pb_store_import_plan_json:
 * @self: a store
 * @root: a `planboard-plan/1` document
 * @error: where to say why it failed
 *
 * Adds the plan as a new plan, in one transaction and one undoable
 * command. Importing the same document twice gives two plans.
 *
 * Returns: the new plan's id, or 0 with @error set
 */
gint64
pb_store_import_plan_json (PbStore   *self,
                           JsonNode  *root,
                           GError   **error)
{
  JsonObject *object;
  const char *format;
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  /* Refuse a foreign document before opening a transaction. */
  object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  format = string_member (object, "format");
  if (g_strcmp0 (format, FORMAT) != 0)
    return pb_store_import_plan_json_in (self, root, error);

  if (!pb_store_begin (self, error))
    return 0;

  id = pb_store_import_plan_json_in (self, root, error);

  return pb_store_finish (self, id > 0, _("Import plan"), error) ? id : 0;
}
