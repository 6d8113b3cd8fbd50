/* pb-schema.h — the library's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "pb-db.h"

G_BEGIN_DECLS

/* "PLBD": PRAGMA application_id of every Planboard database. */
#define PB_APPLICATION_ID 0x504C4244

/* The newest schema this code knows; PRAGMA user_version. */
#define PB_SCHEMA_VERSION 8

/* A migration whose SQL is this is done by code: every table is rebuilt
 * with AUTOINCREMENT row ids (version 6). */
#define PB_SCHEMA_REBUILD_AUTOINCREMENT "/* rebuild every table with AUTOINCREMENT ids */ SELECT 1"

/* The SQL that takes a database from version @to - 1 to @to. */
const char *pb_schema_migration (int to);

/* Code a migration runs between two parts of its SQL: @plan_id 0 is every
 * plan. */
typedef gboolean (*PbMigrationStep) (PbDb     *db,
                                     gint64    plan_id,
                                     GError  **error);

PbMigrationStep pb_schema_migration_step (int          to,
                                          const char **sql_after);

G_END_DECLS
