/* pb-db.c — the store's database connection, whichever the backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dispatches each call to the connection's backend (pb-db-sqlite.c,
 * pb-db-pg.c). See pb-db.h.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

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

/* The value of @key in libpq's key=value form, unquoted. */
static char *
conninfo_value (const char *conninfo,
                const char *key)
{
  const char *p = conninfo;
  gsize len = strlen (key);

  while (*p)
    {
      p += strspn (p, " \t");
      if (strncmp (p, key, len) == 0 && strspn (p + len, " \t") + len < strlen (p) &&
          p[len + strspn (p + len, " \t")] == '=')
        {
          GString *value = g_string_new (NULL);

          p += len + strspn (p + len, " \t") + 1;
          p += strspn (p, " \t");
          if (*p == '\'')
            {
              for (p++; *p && *p != '\''; p++)
                {
                  if (*p == '\\' && p[1])
                    p++;
                  g_string_append_c (value, *p);
                }
            }
          else
            while (*p && !g_ascii_isspace (*p))
              g_string_append_c (value, *p++);
          return g_string_free (value, FALSE);
        }
      /* Skip this word (and a quoted value). */
      while (*p && !g_ascii_isspace (*p))
        {
          if (*p == '\'')
            {
              for (p++; *p && *p != '\''; p++)
                if (*p == '\\' && p[1])
                  p++;
            }
          if (*p)
            p++;
        }
    }
  return NULL;
}

/**
 * pb_db_server_login:
 * @path: a server URI
 *
 * Returns: (transfer full): the login a connection to @path uses: the
 *   URI's user, else libpq's default (PGUSER, else the system user)
 */
char *
pb_db_server_login (const char *path)
{
#ifdef PB_DB_HAVE_PG
  char *login = pb_db_pg_login (path);

  if (login != NULL)
    return login;
#endif
  if (g_getenv ("PGUSER") && *g_getenv ("PGUSER"))
    return g_strdup (g_getenv ("PGUSER"));
  return g_strdup (g_get_user_name ());
}

/**
 * pb_db_display_name:
 * @path: a library file or a server URI
 *
 * Returns: (transfer full): what to call the library in a title or a
 *   message: a file's name, or a shared library's database and server
 *   ("plans on db.example.org"), never its password
 */
char *
pb_db_display_name (const char *path)
{
  g_autofree char *dbname = NULL;
  g_autofree char *host = NULL;

  if (!pb_db_is_server_uri (path))
    return g_filename_display_basename (path);

  if (g_str_has_prefix (path, "postgres"))
    {
      const char *rest = strstr (path, "://") + 3;
      const char *slash = strchr (rest, '/');
      const char *at;
      g_autofree char *authority = g_strndup (rest, slash ? (gsize) (slash - rest) : strlen (rest));

      at = strrchr (authority, '@');
      host = g_strdup (at ? at + 1 : authority);
      if (slash != NULL)
        dbname = g_strndup (slash + 1, strcspn (slash + 1, "?"));
      if (dbname != NULL)
        {
          char *unescaped = g_uri_unescape_string (dbname, NULL);

          if (unescaped != NULL)
            {
              g_free (dbname);
              dbname = unescaped;
            }
        }
      if (host != NULL && host[0] == '\0')
        g_clear_pointer (&host, g_free);
      if (host == NULL && slash != NULL && strstr (slash, "host=") != NULL)
        {
          const char *h = strstr (slash, "host=") + 5;

          host = g_uri_unescape_segment (h, h + strcspn (h, "&"), NULL);
        }
    }
  else
    {
      dbname = conninfo_value (path, "dbname");
      host = conninfo_value (path, "host");
    }

  if (dbname == NULL || dbname[0] == '\0')
    {
      g_free (dbname);
      dbname = g_strdup ("planboard");
    }
  if (host == NULL || host[0] == '\0' || host[0] == '/')
    /* TRANSLATORS: a shared library on a server of this computer */
    return g_strdup_printf (_("%s on this computer"), dbname);
  /* TRANSLATORS: a shared library: "plans on db.example.org" */
  return g_strdup_printf (_("%s on %s"), dbname, host);
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

#ifndef PB_DB_HAVE_PG
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
#endif

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
  return pb_db_open_with_password (path, NULL, flags, db);
}

/**
 * pb_db_open_with_password:
 * @path: as for pb_db_open()
 * @password: (nullable): a shared library's password, as the planner
 *   typed it; it goes to libpq and nowhere else (never a log or a file)
 * @flags: PB_DB_OPEN_*
 * @db: (out): as for pb_db_open()
 *
 * pb_db_open(), with the password of a server that asks for one
 * (PB_DB_AUTH without one; PB_DB_AUTH_REJECTED when it was wrong).
 *
 * Returns: PB_DB_OK or an error code
 */
int
pb_db_open_with_password (const char  *path,
                          const char  *password,
                          int          flags,
                          PbDb       **db)
{
  if (pb_db_is_server_uri (path))
    {
#ifdef PB_DB_HAVE_PG
      return pb_db_pg_open (path, password, flags, db);
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
  int rc;

  if (!stmt->started)
    {
      stmt->started = TRUE;
      stmt->db->n_statements++;
    }
  rc = stmt->db->vt->step (stmt);
  if (rc == PB_DB_ROW)
    stmt->db->n_rows++;
  return rc;
}

int
pb_db_reset (PbDbStmt *stmt)
{
  if (stmt == NULL)
    return PB_DB_OK;
  stmt->started = FALSE;
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
  db->n_statements++;
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

/* As pb_db_data_version (), from what has arrived without asking the
 * server: no round trip, so a main loop never waits on a busy server; a
 * commit of another connection a moment ago may count at the next call. */
gint64
pb_db_data_version_arrived (PbDb *db)
{
  gint64 version;

  db->arrived_only = TRUE;
  version = pb_db_data_version (db);
  db->arrived_only = FALSE;
  return version;
}

gboolean
pb_db_take_changes (PbDb   *db,
                    GArray *changes)
{
  if (db->vt->take_changes == NULL)
    return FALSE;
  return db->vt->take_changes (db, changes);
}

gboolean
pb_db_is_lost (PbDb *db)
{
  return db->vt->is_lost != NULL && db->vt->is_lost (db);
}

int
pb_db_reconnect (PbDb *db,
                 int   budget_msec)
{
  if (db->vt->reconnect == NULL)
    return PB_DB_OK;
  return db->vt->reconnect (db, budget_msec);
}

PbDbReach
pb_db_get_reach (PbDb *db)
{
  if (db == NULL || db->vt->get_reach == NULL)
    return PB_DB_REACH_UNKNOWN;
  return db->vt->get_reach (db);
}

void
pb_db_get_counts (PbDb    *db,
                  guint64 *statements,
                  guint64 *rows)
{
  if (statements != NULL)
    *statements = db->n_statements;
  if (rows != NULL)
    *rows = db->n_rows;
}

/* The tables of the store, in the order the schema makes them. */
static const char *const store_tables[] = {
  "plan", "section", "item", "organisation", "item_org", "indicator", "target",
  "actual", "dependency", "note", "organisation_alias", "period",
  "period_indicator", "period_item", "progress_form", "item_indicator",
  "item_history",
};

/**
 * pb_db_pg_triggers_sql:
 *
 * What a shared library needs of the store on the server, besides its
 * tables (`library init` runs it, as the tables' owner, after the
 * schema): on every store table one row trigger, `pb_undo`, that
 *
 *  - notifies the channel "planboard" with "TABLE ID", so the other
 *    connections refresh (pb_db_data_version());
 *  - when the connection keeps an undo log (the store's session table
 *    `pg_temp.pb_undolog`), writes to it what puts the row back and what
 *    the row must still look like for that, as the SQLite store's
 *    temporary triggers do (see create_undo_log() in pb-store.c): the
 *    restoring SQL, the changed columns as the change left them (`chk`),
 *    and `pb_row_hash()` of the whole row but its id.
 *
 * The trigger is AFTER ROW, so a cascade's rows are logged before the
 * row that caused it and undo, running the log backwards, puts the
 * parent back before its children.
 *
 * Returns: SQL, idempotent
 */
const char *
pb_db_pg_triggers_sql (void)
{
  static gsize once;
  static char *sql;

  if (g_once_init_enter (&once))
    {
      GString *s = g_string_new (
        "CREATE OR REPLACE FUNCTION pb_row_hash(j jsonb) RETURNS bigint"
        " LANGUAGE sql IMMUTABLE AS"
        " $$ SELECT ('x' || substr(md5(j::text), 1, 16))::bit(64)::bigint $$;\n"
        "CREATE OR REPLACE FUNCTION pb_undo_log() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "DECLARE\n"
        "  o jsonb; n jsonb; k text; sets text := ''; chk text := 'true'; rid bigint;\n"
        "BEGIN\n"
        "  IF TG_OP = 'DELETE' THEN rid := OLD.id; ELSE rid := NEW.id; END IF;\n"
        "  IF TG_OP = 'UPDATE' THEN\n"
        "    o := to_jsonb(OLD); n := to_jsonb(NEW);\n"
        "    FOR k IN SELECT jsonb_object_keys(o) LOOP\n"
        "      IF k <> 'id' AND o->k IS DISTINCT FROM n->k THEN\n"
        "        sets := sets || format(',%I=%s', k, quote_nullable(o->>k));\n"
        "        chk := chk || format(' AND %I IS NOT DISTINCT FROM %s', k, quote_nullable(n->>k));\n"
        "      END IF;\n"
        "    END LOOP;\n"
        "    IF sets = '' THEN RETURN NULL; END IF;\n"
        "  END IF;\n"
        "  PERFORM pg_notify('planboard', TG_TABLE_NAME || ' ' || rid);\n"
        "  IF to_regclass('pg_temp.pb_undolog') IS NULL THEN RETURN NULL; END IF;\n"
        "  IF TG_OP = 'INSERT' THEN\n"
        "    INSERT INTO pg_temp.pb_undolog (tbl, row_id, sql, chk, hash)\n"
        "      VALUES (TG_TABLE_NAME, rid, format('DELETE FROM %I WHERE id=%s', TG_TABLE_NAME, rid),\n"
        "              NULL, pb_row_hash(to_jsonb(NEW) - 'id'));\n"
        "  ELSIF TG_OP = 'UPDATE' THEN\n"
        "    INSERT INTO pg_temp.pb_undolog (tbl, row_id, sql, chk, hash)\n"
        "      VALUES (TG_TABLE_NAME, rid, format('UPDATE %I SET %s WHERE id=%s', TG_TABLE_NAME, substr(sets, 2), rid),\n"
        "              chk, pb_row_hash(n - 'id'));\n"
        "  ELSE\n"
        "    INSERT INTO pg_temp.pb_undolog (tbl, row_id, sql, chk, hash)\n"
        "      VALUES (TG_TABLE_NAME, rid,\n"
        "              format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, %L)',\n"
        "                     TG_TABLE_NAME, TG_TABLE_NAME, to_jsonb(OLD)::text),\n"
        "              NULL, NULL);\n"
        "  END IF;\n"
        "  RETURN NULL;\n"
        "END $$;\n");

      for (guint i = 0; i < G_N_ELEMENTS (store_tables); i++)
        g_string_append_printf (s,
                                "DROP TRIGGER IF EXISTS pb_undo ON %1$s;\n"
                                "CREATE TRIGGER pb_undo AFTER INSERT OR UPDATE OR DELETE ON %1$s"
                                " FOR EACH ROW EXECUTE FUNCTION pb_undo_log();\n",
                                store_tables[i]);

      sql = g_string_free (s, FALSE);
      g_once_init_leave (&once, 1);
    }

  return sql;
}

/* The SQL that creates the session's undo log on a server (the SQLite
 * store makes its own, with temporary triggers). */
const char *
pb_db_pg_undo_log_sql (void)
{
  return "CREATE TEMP TABLE IF NOT EXISTS pb_undolog ("
         " seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
         " tbl text NOT NULL,"
         " row_id bigint NOT NULL,"
         " sql text NOT NULL,"
         " chk text,"
         " hash bigint)";
}
