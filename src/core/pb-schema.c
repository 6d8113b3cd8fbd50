/* pb-schema.c — the library's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new database runs every migration from 1 up, so a new library and an
 * upgraded one have the same schema. Migrations are append-only: once a
 * version has shipped, its SQL never changes; later changes are new steps.
 * Each step runs in its own transaction (see pb-store.c).
 *
 * Enumerations are stored as their nicks (see pb-enums.h); dates as ISO
 * 8601 text (YYYY-MM-DD).
 *
 * A shared library on PostgreSQL has the same tables (pb-pg-schema.c): a
 * migration added here needs its PostgreSQL step in pb_pg_migration()
 * too, or `library init` refuses; test-pg-library compares the columns.
 */
#include "config.h"

#include "pb-indicator-links.h"
#include "pb-schema.h"

/* Version 1: the plan, its structure, organisations, indicators and the
 * progress log. */
static const char migration_1[] =
  "CREATE TABLE plan ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  doc_number TEXT,"
  "  issuer TEXT,"
  "  issue_date TEXT,"
  "  period_start INTEGER,"
  "  period_end INTEGER,"
  "  source_text TEXT"
  ");"
  "CREATE TABLE section ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  parent_id INTEGER REFERENCES section(id) ON DELETE CASCADE,"
  "  number TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX section_plan ON section(plan_id, position);"
  "CREATE INDEX section_parent ON section(parent_id);"
  "CREATE TABLE item ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  section_id INTEGER REFERENCES section(id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL DEFAULT 'task' CHECK (kind IN ('goal', 'task', 'measure')),"
  "  number TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  start_date TEXT,"
  "  due_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'not-started'"
  "    CHECK (status IN ('not-started', 'in-progress', 'done', 'blocked', 'cancelled')),"
  "  progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),"
  "  progress_mode TEXT NOT NULL DEFAULT 'manual' CHECK (progress_mode IN ('manual', 'indicators')),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX item_plan ON item(plan_id, position);"
  "CREATE INDEX item_section ON item(section_id, position);"
  "CREATE TABLE organisation ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  UNIQUE (plan_id, name)"
  ");"
  "CREATE TABLE item_org ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (item_id, organisation_id)"
  ");"
  "CREATE INDEX item_org_organisation ON item_org(organisation_id);"
  "CREATE TABLE indicator ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  item_id INTEGER REFERENCES item(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  measure_unit TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'cumulative' CHECK (kind IN ('cumulative', 'annual')),"
  "  direction TEXT NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),"
  "  baseline_value REAL,"
  "  baseline_date TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX indicator_plan ON indicator(plan_id, position);"
  "CREATE INDEX indicator_item ON indicator(item_id);"
  "CREATE TABLE target ("
  "  id INTEGER PRIMARY KEY,"
  "  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  value REAL NOT NULL,"
  "  comparator TEXT NOT NULL DEFAULT '=' CHECK (comparator IN ('=', '>=', '<=', '~')),"
  "  stretch INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX target_indicator ON target(indicator_id, year);"
  "CREATE TABLE actual ("
  "  id INTEGER PRIMARY KEY,"
  "  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  value REAL NOT NULL,"
  "  note TEXT,"
  "  source TEXT"
  ");"
  "CREATE INDEX actual_indicator ON actual(indicator_id, date);"
  "CREATE TABLE dependency ("
  "  id INTEGER PRIMARY KEY,"
  "  from_item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  to_item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  lag_days INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (from_item_id, to_item_id),"
  "  CHECK (from_item_id <> to_item_id)"
  ");"
  "CREATE INDEX dependency_to ON dependency(to_item_id);"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  organisation_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,"
  "  text TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX note_item ON note(item_id, date);"
  "CREATE INDEX note_organisation ON note(organisation_id);";

/* Version 2: organisation short names and aliases (市经信局 =
 * 市经济和信息化局), a manual health override with its reason and date,
 * and the item's status recorded with each progress note. */
static const char migration_2[] =
  "ALTER TABLE organisation ADD COLUMN short_name TEXT;"
  "CREATE TABLE organisation_alias ("
  "  id INTEGER PRIMARY KEY,"
  "  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,"
  "  alias TEXT NOT NULL,"
  "  UNIQUE (organisation_id, alias)"
  ");"
  "ALTER TABLE item ADD COLUMN health_override TEXT"
  "  CHECK (health_override IN ('blue', 'yellow', 'red'));"
  "ALTER TABLE item ADD COLUMN health_reason TEXT;"
  "ALTER TABLE item ADD COLUMN health_date TEXT;"
  "ALTER TABLE note ADD COLUMN status TEXT NOT NULL DEFAULT 'not-started'"
  "  CHECK (status IN ('not-started', 'in-progress', 'done', 'blocked', 'cancelled'));"
  /* A note written before version 2 took the item's status of the day. */
  "UPDATE note SET status = (SELECT status FROM item WHERE item.id = note.item_id);";

/* Version 3: what the importer knows of each target: the item whose text
 * states it, whether its year was implied, the clause itself and whether
 * reasonable readers could disagree that it is a target. */
static const char migration_3[] =
  "ALTER TABLE target ADD COLUMN item_id INTEGER REFERENCES item(id) ON DELETE SET NULL;"
  "ALTER TABLE target ADD COLUMN year_implied INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE target ADD COLUMN text TEXT;"
  "ALTER TABLE target ADD COLUMN confidence TEXT NOT NULL DEFAULT 'clear'"
  "  CHECK (confidence IN ('clear', 'borderline'));"
  "UPDATE target SET item_id = (SELECT item_id FROM indicator WHERE indicator.id = target.indicator_id);"
  "CREATE INDEX target_item ON target(item_id);";

/* Version 4: reporting periods. Closing a month or a quarter keeps every
 * indicator's latest actual and health and every item's status, progress
 * and health as they stood at its end, for "change since last period". */
static const char migration_4[] =
  "CREATE TABLE period ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('month', 'quarter')),"
  "  label TEXT NOT NULL,"
  "  end_date TEXT NOT NULL,"
  "  closed_date TEXT NOT NULL,"
  "  UNIQUE (plan_id, label)"
  ");"
  "CREATE INDEX period_plan ON period(plan_id, end_date);"
  "CREATE TABLE period_indicator ("
  "  id INTEGER PRIMARY KEY,"
  "  period_id INTEGER NOT NULL REFERENCES period(id) ON DELETE CASCADE,"
  "  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
  "  value REAL,"
  "  date TEXT,"
  "  completion REAL,"
  "  health TEXT NOT NULL DEFAULT 'none' CHECK (health IN ('none', 'blue', 'yellow', 'red'))"
  ");"
  "CREATE INDEX period_indicator_period ON period_indicator(period_id);"
  "CREATE INDEX period_indicator_indicator ON period_indicator(indicator_id);"
  "CREATE TABLE period_item ("
  "  id INTEGER PRIMARY KEY,"
  "  period_id INTEGER NOT NULL REFERENCES period(id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL"
  "    CHECK (status IN ('not-started', 'in-progress', 'done', 'blocked', 'cancelled')),"
  "  progress REAL NOT NULL DEFAULT 0,"
  "  health TEXT NOT NULL DEFAULT 'none' CHECK (health IN ('none', 'blue', 'yellow', 'red'))"
  ");"
  "CREATE INDEX period_item_period ON period_item(period_id);"
  "CREATE INDEX period_item_item ON period_item(item_id);";

/* Version 5: collecting progress on forms. The library gets an id that a
 * form carries so it is matched back to the library that sent it; a form
 * sent to an organisation for a period is remembered (sent, due, returned);
 * an actual keeps the period it was reported for (its source names the
 * reporting organisation). */
static const char migration_5[] =
  "CREATE TABLE library_info ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO library_info (key, value) VALUES ('id', lower(hex(randomblob(16))));"
  "ALTER TABLE actual ADD COLUMN period TEXT;"
  "CREATE TABLE progress_form ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,"
  "  period TEXT NOT NULL,"
  "  role TEXT NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'all')),"
  "  sent_date TEXT NOT NULL,"
  "  due_date TEXT,"
  "  returned_date TEXT,"
  "  UNIQUE (plan_id, organisation_id, period)"
  ");"
  "CREATE INDEX progress_form_organisation ON progress_form(organisation_id);";

/* Version 6: row ids are never reused. Every table is rebuilt with
 * `id INTEGER PRIMARY KEY AUTOINCREMENT`, so a row another program adds
 * never takes the id of a row this one deleted, and undoing the delete can
 * always put the row back under its own id. The rebuild is done by the
 * store from each table's own definition (see rebuild_autoincrement() in
 * pb-store.c); tables made by later steps declare AUTOINCREMENT
 * themselves. */
static const char migration_6[] = PB_SCHEMA_REBUILD_AUTOINCREMENT;

/* Version 7: an indicator belongs to the plan; items refer to the
 * indicators they serve (a goal's "新建5G基站2600个" and task 3's are one
 * indicator, so one actual counts for both). Every item keeps the
 * indicators it owned and gains those it states targets of; then
 * (pb_schema_migration_step) the indicators of one plan with the same
 * folded name and unit and no conflicting targets merge into one, keeping
 * every target and actual; then the indicator table loses its item. */
static const char migration_7[] =
  "CREATE TABLE item_indicator ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (item_id, indicator_id)"
  ");"
  "CREATE INDEX item_indicator_indicator ON item_indicator(indicator_id);"
  "INSERT INTO item_indicator (item_id, indicator_id, position)"
  "  SELECT item_id, id, position FROM indicator WHERE item_id IS NOT NULL ORDER BY item_id, position, id;"
  "INSERT OR IGNORE INTO item_indicator (item_id, indicator_id, position)"
  "  SELECT DISTINCT t.item_id, t.indicator_id, k.position FROM target t"
  "  JOIN indicator k ON k.id = t.indicator_id"
  "  JOIN item i ON i.id = t.item_id AND i.plan_id = k.plan_id"
  "  ORDER BY t.item_id, k.position, t.indicator_id;";

static const char migration_7_after[] =
  "DROP INDEX indicator_item;"
  "CREATE TABLE indicator_v7 ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  measure_unit TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'cumulative' CHECK (kind IN ('cumulative', 'annual')),"
  "  direction TEXT NOT NULL DEFAULT 'increase' CHECK (direction IN ('increase', 'decrease')),"
  "  baseline_value REAL,"
  "  baseline_date TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO indicator_v7 (id, plan_id, name, measure_unit, kind, direction, baseline_value,"
  "                         baseline_date, position)"
  "  SELECT id, plan_id, name, measure_unit, kind, direction, baseline_value, baseline_date, position"
  "  FROM indicator;"
  /* Ids are never reused (version 6): the new table goes on from where
   * the old one's sequence was, merged and deleted ids included. */
  "INSERT INTO sqlite_sequence (name, seq) SELECT 'indicator_v7', 0"
  "  WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'indicator_v7');"
  "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'indicator'), 0))"
  "  WHERE name = 'indicator_v7';"
  "DROP TABLE indicator;"
  "ALTER TABLE indicator_v7 RENAME TO indicator;"
  "CREATE INDEX indicator_plan ON indicator(plan_id, position);";

/* Version 8: a dated history of each item's status and progress. Every
 * change of either (the editor, the board, many items at once, a progress
 * form, the CLI) records what the item had before and what it became, on
 * the day it is as of (a form's "as of" day, otherwise the day it was
 * made), in the same command; closing a period late reads it to keep the
 * item as it stood at the period's end. library_info's
 * 'item_history_since' is the day the library began keeping it: a change
 * before then was not recorded. */
static const char migration_8[] =
  "CREATE TABLE item_history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  status TEXT NOT NULL"
  "    CHECK (status IN ('not-started', 'in-progress', 'done', 'blocked', 'cancelled')),"
  "  progress REAL NOT NULL,"
  "  status_before TEXT NOT NULL"
  "    CHECK (status_before IN ('not-started', 'in-progress', 'done', 'blocked', 'cancelled')),"
  "  progress_before REAL NOT NULL"
  ");"
  "CREATE INDEX item_history_item ON item_history(item_id, date);"
  "INSERT INTO library_info (key, value) VALUES ('item_history_since', date('now', 'localtime'));";

typedef struct
{
  const char     *sql;
  PbMigrationStep step;
  const char     *sql_after;
} Migration;

static const Migration migrations[] = {
  { NULL, NULL, NULL },
  { migration_1, NULL, NULL },
  { migration_2, NULL, NULL },
  { migration_3, NULL, NULL },
  { migration_4, NULL, NULL },
  { migration_5, NULL, NULL },
  { migration_6, NULL, NULL },
  { migration_7, pb_indicators_merge_duplicates, migration_7_after },
  { migration_8, NULL, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PB_SCHEMA_VERSION + 1);

/**
 * pb_schema_migration:
 * @to: a version
 *
 * Returns: the SQL that takes a database from version @to - 1 to @to (the
 *   whole of it, unless pb_schema_migration_step() has more to do)
 */
const char *
pb_schema_migration (int to)
{
  g_return_val_if_fail (to >= 1 && to <= PB_SCHEMA_VERSION, NULL);

  return migrations[to].sql;
}

/**
 * pb_schema_migration_step:
 * @to: a version
 * @sql_after: (out) (optional): SQL to run after the step
 *
 * Some migrations need code between two parts of their SQL, in the same
 * transaction: run pb_schema_migration(), then the step (on every plan,
 * plan id 0), then @sql_after.
 *
 * Returns: (nullable): the step, or %NULL
 */
PbMigrationStep
pb_schema_migration_step (int          to,
                          const char **sql_after)
{
  g_return_val_if_fail (to >= 1 && to <= PB_SCHEMA_VERSION, NULL);

  if (sql_after)
    *sql_after = migrations[to].sql_after;
  return migrations[to].step;
}
