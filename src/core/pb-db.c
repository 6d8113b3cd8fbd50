/* pb-db.c — the store's database connection, whichever the backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dispatches each call to the connection's backend (pb-db-sqlite.c,
 * pb-db-pg.c). See pb-db.h.
 */
#include "config.h"

#include <string.h>

#include "pb-db-private.h"

/**
 * pb_db_is_server_uri:
 * @path: what was given as a library
 *
 * Returns: %TRUE if @path names a PostgreSQL database rather than a file:
 *   a `postgresql://` or `postgres://` URI, or libpq's `key=value` form
 *   (`host=/run/pg dbname=plans`)
 */
gboolean
pb_db_is_server_uri (const char *path)
{
  static const char *const keys[] = {
    "host", "hostaddr", "port", "dbname", "user", "password", "passfile",
    "connect_timeout", "options", "application_name", "sslmode", "service",
    "target_session_attrs", "gssencmode", "sslrootcert", "channel_binding",
  };
  const char *eq;

  if (path == NULL)
    return FALSE;
  if (g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://"))
    return TRUE;

  /* libpq's form starts with one of its keys and `=` (spaces allowed
   * around it); no file name a planner picks looks like that. */
  path += strspn (path, " \t");
  eq = strchr (path, '=');
  if (eq == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gsize len = strlen (keys[i]);

      if (strncmp (path, keys[i], len) == 0 &&
          strspn (path + len, " \t") == (gsize) (eq - path - len))
        return TRUE;
    }

  return FALSE;
}

gboolean
pb_db_have_backend (PbDbBackend backend)
{
  switch (backend)
    {
    case PB_DB_BACKEND_SQLITE:
      return TRUE;
    case PB_DB_BACKEND_POSTGRESQL:
#ifdef PB_DB_HAVE_PG
      return TRUE;
#else
      return FALSE;
#endif
    default:
      return FALSE;
    }
}

/* A connection that could not be made: only its message can be read. */
typedef struct
{
  PbDb  parent;
  char *message;
  int   rc;
} FailedDb;

static int failed_close (PbDb *db) { g_free (((FailedDb *) db)->message); g_free (db); return PB_DB_OK; }
static const char *failed_errmsg (PbDb *db) { return ((FailedDb *) db)->message; }
static int failed_errcode (PbDb *db) { return ((FailedDb *) db)->rc; }

static const PbDbVTable failed_vtable = {
  .backend = PB_DB_BACKEND_POSTGRESQL,
  .close = failed_close,
  .errmsg = failed_errmsg,
  .errcode = failed_errcode,
};

/**
 * pb_db_open:
 * @path: a library file, or a PostgreSQL URI (see pb_db_is_server_uri())
 * @flags: PB_DB_OPEN_*
 * @db: (out): the connection; set even on failure, so pb_db_errmsg()
 *   says why (close it either way)
 *
 * Returns: PB_DB_OK or an error code
 */
int
pb_db_open (const char  *path,
            int          flags,
            PbDb       **db)
{
  if (pb_db_is_server_uri (path))
    {
#ifdef PB_DB_HAVE_PG
      return pb_db_pg_open (path, flags, db);
#else
      FailedDb *failed = g_new0 (FailedDb, 1);

      failed->parent.vt = &failed_vtable;
      failed->message = g_strdup ("this Planboard was built without PostgreSQL support");
      failed->rc = PB_DB_CANTOPEN;
      *db = &failed->parent;
      return PB_DB_CANTOPEN;
#endif
    }

  return pb_db_sqlite_open (path, flags, db);
}

int
pb_db_close (PbDb *db)
{
  if (db == NULL)
    return PB_DB_OK;
  return db->vt->close (db);
}

PbDbBackend
pb_db_get_backend (PbDb *db)
{
  return db->vt->backend;
}

int
pb_db_prepare (PbDb        *db,
               const char  *sql,
               PbDbStmt   **stmt)
{
  *stmt = NULL;
  return db->vt->prepare (db, sql, FALSE, stmt);
}

/* A statement that is kept and used again and again. */
int
pb_db_prepare_persistent (PbDb        *db,
                          const char  *sql,
                          PbDbStmt   **stmt)
{
  *stmt = NULL;
  return db->vt->prepare (db, sql, TRUE, stmt);
}

int
pb_db_step (PbDbStmt *stmt)
{
  return stmt->db->vt->step (stmt);
}

int
pb_db_reset (PbDbStmt *stmt)
{
  if (stmt == NULL)
    return PB_DB_OK;
  return stmt->db->vt->reset (stmt);
}

int
pb_db_clear_bindings (PbDbStmt *stmt)
{
  return stmt->db->vt->clear_bindings (stmt);
}

int
pb_db_finalize (PbDbStmt *stmt)
{
  if (stmt == NULL)
    return PB_DB_OK;
  return stmt->db->vt->finalize (stmt);
}

const char *
pb_db_sql (PbDbStmt *stmt)
{
  return stmt->db->vt->sql (stmt);
}

PbDb *
pb_db_stmt_db (PbDbStmt *stmt)
{
  return stmt->db;
}

int
pb_db_bind_int64 (PbDbStmt *stmt,
                  int       index,
                  gint64    value)
{
  return stmt->db->vt->bind_int64 (stmt, index, value);
}

int
pb_db_bind_int (PbDbStmt *stmt,
                int       index,
                int       value)
{
  return stmt->db->vt->bind_int64 (stmt, index, value);
}

int
pb_db_bind_double (PbDbStmt *stmt,
                   int       index,
                   double    value)
{
  return stmt->db->vt->bind_double (stmt, index, value);
}

int
pb_db_bind_text (PbDbStmt   *stmt,
                 int         index,
                 const char *value)
{
  if (value == NULL)
    return stmt->db->vt->bind_null (stmt, index);
  return stmt->db->vt->bind_text (stmt, index, value);
}

int
pb_db_bind_null (PbDbStmt *stmt,
                 int       index)
{
  return stmt->db->vt->bind_null (stmt, index);
}

int
pb_db_column_count (PbDbStmt *stmt)
{
  return stmt->db->vt->column_count (stmt);
}

int
pb_db_column_type (PbDbStmt *stmt,
                   int       index)
{
  return stmt->db->vt->column_type (stmt, index);
}

gint64
pb_db_column_int64 (PbDbStmt *stmt,
                    int       index)
{
  return stmt->db->vt->column_int64 (stmt, index);
}

int
pb_db_column_int (PbDbStmt *stmt,
                  int       index)
{
  return (int) stmt->db->vt->column_int64 (stmt, index);
}

double
pb_db_column_double (PbDbStmt *stmt,
                     int       index)
{
  return stmt->db->vt->column_double (stmt, index);
}

const char *
pb_db_column_text (PbDbStmt *stmt,
                   int       index)
{
  return stmt->db->vt->column_text (stmt, index);
}

const char *
pb_db_column_name (PbDbStmt *stmt,
                   int       index)
{
  return stmt->db->vt->column_name (stmt, index);
}

/* Runs @sql, one or more statements separated by `;`, reading no rows. */
int
pb_db_exec (PbDb       *db,
            const char *sql)
{
  return db->vt->exec (db, sql);
}

int
pb_db_changes (PbDb *db)
{
  return db->vt->changes (db);
}

gint64
pb_db_last_insert_id (PbDb *db)
{
  return db->vt->last_insert_id (db);
}

gboolean
pb_db_get_autocommit (PbDb *db)
{
  return db->vt->get_autocommit (db);
}

/* Opens a write transaction (SQLite: BEGIN IMMEDIATE). */
int
pb_db_begin (PbDb *db)
{
  return db->vt->begin (db);
}

int
pb_db_commit (PbDb *db)
{
  return db->vt->exec (db, "COMMIT");
}

int
pb_db_rollback (PbDb *db)
{
  return db->vt->exec (db, "ROLLBACK");
}

void
pb_db_busy_timeout (PbDb *db,
                    int   msec)
{
  if (db->vt->busy_timeout)
    db->vt->busy_timeout (db, msec);
}

const char *
pb_db_errmsg (PbDb *db)
{
  if (db == NULL)
    return "out of memory";
  return db->vt->errmsg (db);
}

int
pb_db_errcode (PbDb *db)
{
  return db->vt->errcode (db);
}

gint64
pb_db_data_version (PbDb *db)
{
  if (db->vt->data_version == NULL)
    return -1;
  return db->vt->data_version (db);
}
