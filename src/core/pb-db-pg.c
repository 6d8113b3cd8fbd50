/* pb-db-pg.c — the PostgreSQL backend of pb-db.h (a shared library)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's SQL is written for SQLite and runs here through libpq:
 *
 *  - `?` and `?N` placeholders become `$N`; parameters are sent as text
 *    of unknown type, so the server types them from where they are used
 *    (as SQLite's would be).
 *  - SQLite's schema names go: `main.item` is `item`, `temp.pb_undolog`
 *    is the session's `pg_temp.pb_undolog`.
 *  - `INSERT OR IGNORE` is `INSERT … ON CONFLICT DO NOTHING`; `BEGIN
 *    IMMEDIATE` is `BEGIN`; `PRAGMA defer_foreign_keys = ON` is `SET
 *    CONSTRAINTS ALL DEFERRED`; other PRAGMAs are nothing here.
 *  - An INSERT into a store table returns its id (RETURNING id, read by
 *    the backend, never seen by the caller) for pb_db_last_insert_id().
 *  - Results come as text: booleans read as 1 and 0, numbers are parsed.
 *  - Another connection's commit arrives as a NOTIFY on the channel
 *    "planboard" (the triggers of pb_db_pg_triggers_sql()); each one
 *    moves pb_db_data_version(), as SQLite's PRAGMA data_version does,
 *    and its payload ("TABLE ID", also read: "TABLE ID,ID,…", "TABLE *",
 *    "*") names the rows, which pb_db_take_changes() hands out coalesced.
 *  - A connection that breaks (the server restarted, an administrator
 *    ended it) is lost (pb_db_is_lost()) until pb_db_reconnect() makes a
 *    new one with PQconnectStartParams()/PQconnectPoll(), a few
 *    milliseconds at a time, so a window's main loop never waits on it.
 *  - The server's errors get SQLite's codes by SQLSTATE class; a refusal
 *    by a rule (42501, or PB001 from the library's own checks) is
 *    PB_DB_PERM with the server's message.
 */
#define G_LOG_DOMAIN "pb-db"

#include "config.h"

#define _GNU_SOURCE 1

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "pb-db-private.h"
#include "pb-pg-schema.h"
#include "pb-pq.h"

/* How long a connection may take before the server is said to be away. */
#define CONNECT_TIMEOUT_SEC "5"

/* Rows named by other connections' notifications kept before the list
 * gives way to "everything changed". */
#define MAX_PENDING_ROWS 5000

/* Type oids (catalog/pg_type_d.h). */
#define BOOLOID    16
#define INT8OID    20
#define INT2OID    21
#define INT4OID    23
#define OIDOID     26
#define FLOAT4OID  700
#define FLOAT8OID  701
#define NUMERICOID 1700
#define TEXTOID    25

typedef struct
{
  PbDb     parent;
  PGconn  *conn;
  char    *message;
  int      rc;
  int      changes;
  gint64   last_id;
  gint64   version;
  char    *conninfo;     /* as opened, for reconnecting */
  char    *password;     /* as typed, for reconnecting, or NULL */
  int      flags;
  int      lock_timeout; /* msec, 0 for the server's default */
  /* Other connections' changes not yet taken: table (interned) → set of
   * ids (gint64 *), or NULL for every row of it. */
  GHashTable *pending;
  guint    n_pending;
  gboolean pending_all;
  /* A new connection being made for a lost one. */
  PGconn  *next;
  PostgresPollingStatusType next_poll;
  gint64   next_started; /* monotonic µs */
  PbDbReach reach;       /* why the connection could not be made */
} PgDb;

typedef struct
{
  PbDbStmt   parent;
  char      *sql;          /* as given */
  char      *pg_sql;       /* as sent */
  gboolean   returning;    /* RETURNING id added by us */
  int        n_params;
  char     **values;       /* n_params, NULL is NULL */
  Oid       *types;        /* n_params: 0 (the server's guess) or text */
  PGresult  *result;
  int        row;          /* the current row, -1 before the first */
  gboolean   executed;
} PgStmt;

#define PG(db) ((PgDb *) (db))
#define ST(stmt) ((PgStmt *) (stmt))

/* ---- SQL translation --------------------------------------------------- */

static gboolean
is_ident_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || (guchar) c >= 0x80;
}

static gboolean
word_at (const char *p,
         const char *start,
         const char *word)
{
  gsize len = strlen (word);

  return (p == start || !is_ident_char (p[-1])) &&
         g_ascii_strncasecmp (p, word, len) == 0 &&
         !is_ident_char (p[len]);
}

/* Tables whose INSERTs return the new id (every table of the store; not
 * library_info, whose key is its name). */
static gboolean
inserts_return_id (const char *sql)
{
  const char *p = sql + strspn (sql, " \t\n");
  char table[64];
  gsize n = 0;

  if (g_ascii_strncasecmp (p, "INSERT", 6) != 0)
    return FALSE;
  p = strstr (p, "INTO");
  if (p == NULL && (p = strstr (sql, "into")) == NULL)
    return FALSE;
  p += 4;
  p += strspn (p, " \t\n");
  if (g_ascii_strncasecmp (p, "main.", 5) == 0)
    p += 5;
  if (g_ascii_strncasecmp (p, "temp.", 5) == 0 || g_ascii_strncasecmp (p, "pg_temp.", 8) == 0)
    return FALSE;
  while (n < sizeof table - 1 && (is_ident_char (p[n]) || p[n] == '"'))
    {
      table[n] = p[n];
      n++;
    }
  table[n] = '\0';

  return n > 0 && g_ascii_strcasecmp (table, "library_info") != 0 &&
         g_ascii_strncasecmp (table, "pb_", 3) != 0 &&
         strcasestr (sql, "RETURNING") == NULL;
}

/* Finishes one statement of @out (from @stmt_start): what was asked for
 * at its start is added at its end. */
static void
end_statement (GString  *out,
               gsize     stmt_start,
               gboolean *ignore,
               gboolean *pragma)
{
  if (*pragma)
    {
      const char *text = out->str + stmt_start;

      if (strcasestr (text, "defer_foreign_keys") != NULL &&
          (strcasestr (text, "ON") != NULL || strstr (text, "1") != NULL))
        {
          g_string_truncate (out, stmt_start);
          g_string_append (out, "SET CONSTRAINTS ALL DEFERRED");
        }
      else
        g_string_truncate (out, stmt_start);
    }
  else if (*ignore)
    {
      /* Before the statement's trailing blanks. */
      gsize end = out->len;

      while (end > stmt_start && g_ascii_isspace (out->str[end - 1]))
        end--;
      g_string_insert (out, end, " ON CONFLICT DO NOTHING");
    }
  *ignore = FALSE;
  *pragma = FALSE;
}

/* Translates the store's SQL (see above); *@n_params is the highest
 * parameter number. */
static char *
translate (const char *sql,
           int        *n_params,
           Oid       **types)
{
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (gboolean));
  GString *out = g_string_sized_new (strlen (sql) + 32);
  const char *p = sql;
  gsize stmt_start = 0;
  gboolean at_start = TRUE, ignore = FALSE, pragma = FALSE;
  int highest = 0;

  while (*p)
    {
      if (*p == '\'' || *p == '"')
        {
          /* A literal or a quoted name, '' or "" inside it. */
          char q = *p;

          g_string_append_c (out, *p++);
          while (*p)
            {
              if (*p == q && p[1] == q)
                {
                  g_string_append_len (out, p, 2);
                  p += 2;
                  continue;
                }
              if (*p == q)
                break;
              g_string_append_c (out, *p++);
            }
          if (*p)
            g_string_append_c (out, *p++);
          at_start = FALSE;
          continue;
        }
      if (p[0] == '-' && p[1] == '-')
        {
          while (*p && *p != '\n')
            g_string_append_c (out, *p++);
          continue;
        }
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");
          gsize len = end ? (gsize) (end + 2 - p) : strlen (p);

          g_string_append_len (out, p, len);
          p += len;
          continue;
        }
      if (*p == ';')
        {
          end_statement (out, stmt_start, &ignore, &pragma);
          g_string_append_c (out, ';');
          p++;
          stmt_start = out->len;
          at_start = TRUE;
          continue;
        }
      if (*p == '?')
        {
          int n;

          p++;
          if (g_ascii_isdigit (*p))
            {
              n = 0;
              while (g_ascii_isdigit (*p))
                n = n * 10 + (*p++ - '0');
            }
          else
            n = highest + 1;
          highest = MAX (highest, n);
          if ((guint) n > used->len)
            g_array_set_size (used, n);
          g_array_index (used, gboolean, n - 1) = TRUE;
          g_string_append_printf (out, "$%d", n);
          at_start = FALSE;
          continue;
        }
      if (g_ascii_isspace (*p))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (at_start && word_at (p, sql, "PRAGMA"))
        {
          pragma = TRUE;
          at_start = FALSE;
          g_string_append_len (out, p, 6);
          p += 6;
          continue;
        }
      if (at_start && word_at (p, sql, "BEGIN"))
        {
          const char *q = p + 5;

          q += strspn (q, " \t\n");
          g_string_append (out, "BEGIN");
          if (word_at (q, sql, "IMMEDIATE") || word_at (q, sql, "DEFERRED") || word_at (q, sql, "EXCLUSIVE"))
            q += strcspn (q, " \t\n;");
          else if (*q && *q != ';')
            g_string_append_c (out, ' ');
          p = q;
          at_start = FALSE;
          continue;
        }
      if (at_start && word_at (p, sql, "INSERT"))
        {
          const char *q = p + 6;

          q += strspn (q, " \t\n");
          g_string_append (out, "INSERT ");
          if (word_at (q, sql, "OR"))
            {
              const char *r = q + 2;

              r += strspn (r, " \t\n");
              if (word_at (r, sql, "IGNORE"))
                {
                  ignore = TRUE;
                  q = r + 6;
                }
            }
          p = q;
          at_start = FALSE;
          continue;
        }
      if ((word_at (p, sql, "main") && p[4] == '.') )
        {
          p += 5;
          at_start = FALSE;
          continue;
        }
      if (word_at (p, sql, "temp") && p[4] == '.' && (p == sql || p[-1] != '.'))
        {
          g_string_append (out, "pg_temp.");
          p += 5;
          at_start = FALSE;
          continue;
        }
      if (is_ident_char (*p))
        {
          while (is_ident_char (*p) || *p == '$')
            g_string_append_c (out, *p++);
          at_start = FALSE;
          continue;
        }
      g_string_append_c (out, *p++);
      at_start = FALSE;
    }
  end_statement (out, stmt_start, &ignore, &pragma);

  /* A parameter the statement never uses (?2 alone) cannot be typed from
   * where it is used: say it is text. The others are typed by the server. */
  *n_params = highest;
  if (types != NULL)
    {
      *types = g_new0 (Oid, MAX (highest, 1));
      for (int i = 0; i < highest; i++)
        if ((guint) i >= used->len || !g_array_index (used, gboolean, i))
          (*types)[i] = TEXTOID;
    }
  return g_string_free (out, FALSE);
}

/* ---- Errors ------------------------------------------------------------ */

static int
code_for_sqlstate (const char *state)
{
  if (state == NULL)
    return PB_DB_IOERR;  /* no answer: the connection */
  if (g_str_equal (state, "42501") || g_str_has_prefix (state, "PB"))
    return PB_DB_PERM;
  if (g_str_has_prefix (state, "23"))
    return PB_DB_CONSTRAINT;
  if (g_str_has_prefix (state, "22"))
    return PB_DB_MISMATCH;
  if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    return PB_DB_BUSY;
  if (g_str_equal (state, "25006"))
    return PB_DB_READONLY;
  if (g_str_equal (state, "53100"))
    return PB_DB_FULL;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P") || g_str_has_prefix (state, "58"))
    return PB_DB_IOERR;
  if (g_str_equal (state, "57014"))
    return PB_DB_INTERRUPT;
  if (g_str_has_prefix (state, "28"))
    return PB_DB_AUTH;
  return PB_DB_ERROR;
}

static void
set_message (PgDb       *db,
             int         rc,
             const char *message)
{
  g_free (db->message);
  db->message = g_strdup (message);
  db->rc = rc;
}

/* Takes the error of @result (or of the connection when it is NULL). */
static int
take_error (PgDb     *db,
            PGresult *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *detail = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL) : NULL;
  g_autofree char *message = NULL;
  int rc = code_for_sqlstate (state);

  /* A rule of the library refused it: say which, in the user's words. */
  if (rc == PB_DB_PERM)
    message = pb_pg_refusal_message (state, primary, detail,
                                     result ? PQresultErrorField (result, PG_DIAG_MESSAGE_HINT) : NULL);

  if (message != NULL)
    ;
  else if (primary == NULL)
    message = g_strstrip (g_strdup (PQerrorMessage (db->conn)));
  else if (detail != NULL && rc != PB_DB_PERM)
    message = g_strdup_printf ("%s (%s)", primary, detail);
  else
    message = g_strdup (primary);

  if (state == NULL && PQstatus (db->conn) == CONNECTION_BAD)
    rc = PB_DB_IOERR;

  set_message (db, rc, message);
  return rc;
}

/* ---- Notifications ----------------------------------------------------- */

static void
pending_add (PgDb       *db,
             const char *table,
             gint64      id)
{
  GHashTable *ids;

  if (db->pending_all)
    return;
  if (db->n_pending >= MAX_PENDING_ROWS)
    {
      db->pending_all = TRUE;
      g_hash_table_remove_all (db->pending);
      db->n_pending = 0;
      return;
    }

  table = g_intern_string (table);
  if (!g_hash_table_lookup_extended (db->pending, table, NULL, (gpointer *) &ids))
    {
      ids = id == 0 ? NULL : g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (db->pending, (gpointer) table, ids);
    }
  else if (ids != NULL && id == 0)
    {
      db->n_pending -= g_hash_table_size (ids);
      g_hash_table_insert (db->pending, (gpointer) table, NULL);
      return;
    }
  if (ids != NULL && !g_hash_table_contains (ids, &id))
    {
      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
      db->n_pending++;
    }
}

/* Reads a notification's payload: "TABLE ID", "TABLE ID,ID,…", "TABLE *"
 * (every row of it) or "*" (anything); whatever else it says is taken as
 * anything, so a change is never missed. */
static void
pending_add_payload (PgDb       *db,
                     const char *payload)
{
  const char *space = strchr (payload, ' ');
  g_autofree char *table = NULL;
  const char *p;

  if (space == NULL || space == payload || strspn (payload, "abcdefghijklmnopqrstuvwxyz_") != (gsize) (space - payload))
    {
      db->pending_all = TRUE;
      g_hash_table_remove_all (db->pending);
      db->n_pending = 0;
      return;
    }
  table = g_strndup (payload, space - payload);
  p = space + 1;
  if (g_str_equal (p, "*"))
    {
      pending_add (db, table, 0);
      return;
    }
  while (*p != '\0')
    {
      char *end;
      gint64 id = g_ascii_strtoll (p, &end, 10);

      if (end == p || id <= 0 || (*end != ',' && *end != '\0'))
        {
          pending_add (db, table, 0);
          return;
        }
      pending_add (db, table, id);
      p = *end == ',' ? end + 1 : end;
    }
}

/* Counts the notifications of other connections that have arrived, and
 * keeps the rows they name. */
static void
drain_notifies (PgDb *db)
{
  PGnotify *n;
  int self_pid = PQbackendPID (db->conn);

  while ((n = PQnotifies (db->conn)) != NULL)
    {
      if (n->be_pid != self_pid)
        {
          db->version++;
          pending_add_payload (db, n->extra != NULL ? n->extra : "");
        }
      PQfreemem (n);
    }
}

static gboolean
pg_take_changes (PbDb   *db,
                 GArray *changes)
{
  PgDb *self = PG (db);
  GHashTableIter iter, rows;
  gpointer table, ids, id;

  if (self->pending_all)
    {
      PbDbChange all = { NULL, 0 };

      g_array_append_val (changes, all);
    }
  else
    {
      g_hash_table_iter_init (&iter, self->pending);
      while (g_hash_table_iter_next (&iter, &table, &ids))
        {
          if (ids == NULL)
            {
              PbDbChange change = { table, 0 };

              g_array_append_val (changes, change);
              continue;
            }
          g_hash_table_iter_init (&rows, ids);
          while (g_hash_table_iter_next (&rows, &id, NULL))
            {
              PbDbChange change = { table, *(gint64 *) id };

              g_array_append_val (changes, change);
            }
        }
    }
  g_hash_table_remove_all (self->pending);
  self->n_pending = 0;
  self->pending_all = FALSE;
  return TRUE;
}

static gint64
pg_data_version (PbDb *db)
{
  PgDb *self = PG (db);

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    return -1;
  if (!PQconsumeInput (self->conn))
    {
      /* The server went away between two queries: say so now, not at
       * the next write. */
      if (PQstatus (self->conn) == CONNECTION_BAD)
        take_error (self, NULL);
      return -1;
    }
  /* A commit of another connection that returned before this call is
   * counted: its notification may still be on its way from the server,
   * which sends what it holds before answering (an empty query costs one
   * round trip). */
  if (!db->arrived_only && PQtransactionStatus (self->conn) == PQTRANS_IDLE)
    {
      PGresult *r = PQexec (self->conn, "");

      PQclear (r);
      if (PQstatus (self->conn) == CONNECTION_BAD)
        {
          take_error (self, NULL);
          return -1;
        }
    }
  drain_notifies (self);
  return self->version;
}

/* ---- Statements -------------------------------------------------------- */

static int
pg_prepare (PbDb        *db,
            const char  *sql,
            gboolean     persistent,
            PbDbStmt   **out)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->parent.db = db;
  stmt->sql = g_strdup (sql);
  stmt->pg_sql = translate (sql, &stmt->n_params, &stmt->types);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->row = -1;
  if (inserts_return_id (sql) && strchr (sql, ';') == NULL)
    {
      char *with = g_strconcat (stmt->pg_sql, " RETURNING id", NULL);

      g_free (stmt->pg_sql);
      stmt->pg_sql = with;
      stmt->returning = TRUE;
    }

  *out = &stmt->parent;
  return PB_DB_OK;
}

static int
pg_reset (PbDbStmt *stmt)
{
  PgStmt *self = ST (stmt);

  g_clear_pointer (&self->result, PQclear);
  self->executed = FALSE;
  self->row = -1;
  return PB_DB_OK;
}

static int
pg_step (PbDbStmt *stmt)
{
  PgStmt *self = ST (stmt);
  PgDb *db = PG (stmt->db);

  if (!self->executed)
    {
      ExecStatusType status;

      self->executed = TRUE;
      self->row = -1;
      g_clear_pointer (&self->result, PQclear);
      self->result = PQexecParams (db->conn, self->pg_sql, self->n_params, self->types,
                                   (const char *const *) self->values, NULL, NULL, 0);
      drain_notifies (db);
      status = PQresultStatus (self->result);
      switch (status)
        {
        case PGRES_TUPLES_OK:
          if (self->returning)
            {
              int n = PQntuples (self->result);

              if (n > 0)
                db->last_id = g_ascii_strtoll (PQgetvalue (self->result, n - 1, 0), NULL, 10);
              db->changes = n;
              g_clear_pointer (&self->result, PQclear);
              return PB_DB_DONE;
            }
          break;
        case PGRES_COMMAND_OK:
          {
            const char *tuples = PQcmdTuples (self->result);

            if (tuples[0] != '\0')
              db->changes = atoi (tuples);
          }
          g_clear_pointer (&self->result, PQclear);
          return PB_DB_DONE;
        case PGRES_EMPTY_QUERY:
          g_clear_pointer (&self->result, PQclear);
          return PB_DB_DONE;
        default:
          {
            int rc = take_error (db, self->result);

            g_debug ("%s: %s", db->message, self->pg_sql);
            g_clear_pointer (&self->result, PQclear);
            return rc;
          }
        }
    }

  if (self->result == NULL)
    return PB_DB_DONE;
  self->row++;
  if (self->row < PQntuples (self->result))
    return PB_DB_ROW;
  g_clear_pointer (&self->result, PQclear);
  return PB_DB_DONE;
}

static int
pg_clear_bindings (PbDbStmt *stmt)
{
  PgStmt *self = ST (stmt);

  for (int i = 0; i < self->n_params; i++)
    g_clear_pointer (&self->values[i], g_free);
  return PB_DB_OK;
}

static int
pg_finalize (PbDbStmt *stmt)
{
  PgStmt *self = ST (stmt);

  pg_reset (stmt);
  pg_clear_bindings (stmt);
  g_free (self->values);
  g_free (self->types);
  g_free (self->sql);
  g_free (self->pg_sql);
  g_free (self);
  return PB_DB_OK;
}

static const char *
pg_sql (PbDbStmt *stmt)
{
  return ST (stmt)->sql;
}

static int
set_value (PbDbStmt *stmt,
           int       index,
           char     *value)
{
  PgStmt *self = ST (stmt);

  if (index < 1 || index > self->n_params)
    {
      g_free (value);
      return PB_DB_RANGE;
    }
  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
  return PB_DB_OK;
}

static int
pg_bind_int64 (PbDbStmt *stmt,
               int       index,
               gint64    value)
{
  return set_value (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static int
pg_bind_double (PbDbStmt *stmt,
                int       index,
                double    value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* 17 significant digits: the same double comes back. */
  return set_value (stmt, index, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value)));
}

static int
pg_bind_text (PbDbStmt   *stmt,
              int         index,
              const char *value)
{
  return set_value (stmt, index, g_strdup (value));
}

static int
pg_bind_null (PbDbStmt *stmt,
              int       index)
{
  return set_value (stmt, index, NULL);
}

static gboolean
has_row (PgStmt *self,
         int     index)
{
  return self->result != NULL && self->row >= 0 && self->row < PQntuples (self->result) &&
         index >= 0 && index < PQnfields (self->result);
}

static int
pg_column_count (PbDbStmt *stmt)
{
  PgStmt *self = ST (stmt);

  return self->result ? PQnfields (self->result) : 0;
}

static int
pg_column_type (PbDbStmt *stmt,
                int       index)
{
  PgStmt *self = ST (stmt);

  if (!has_row (self, index) || PQgetisnull (self->result, self->row, index))
    return PB_DB_NULL;

  switch (PQftype (self->result, index))
    {
    case BOOLOID:
    case INT2OID:
    case INT4OID:
    case INT8OID:
    case OIDOID:
      return PB_DB_INTEGER;
    case FLOAT4OID:
    case FLOAT8OID:
      return PB_DB_FLOAT;
    case NUMERICOID:
      return strpbrk (PQgetvalue (self->result, self->row, index), ".eE") ? PB_DB_FLOAT : PB_DB_INTEGER;
    default:
      return PB_DB_TEXT;
    }
}

static gint64
pg_column_int64 (PbDbStmt *stmt,
                 int       index)
{
  PgStmt *self = ST (stmt);
  const char *text;
  char *end = NULL;
  gint64 value;

  if (!has_row (self, index) || PQgetisnull (self->result, self->row, index))
    return 0;

  text = PQgetvalue (self->result, self->row, index);
  if (PQftype (self->result, index) == BOOLOID)
    return text[0] == 't';

  value = g_ascii_strtoll (text, &end, 10);
  if (end != NULL && (*end == '.' || *end == 'e' || *end == 'E'))
    return (gint64) g_ascii_strtod (text, NULL);
  return value;
}

static double
pg_column_double (PbDbStmt *stmt,
                  int       index)
{
  PgStmt *self = ST (stmt);
  const char *text;

  if (!has_row (self, index) || PQgetisnull (self->result, self->row, index))
    return 0.0;

  text = PQgetvalue (self->result, self->row, index);
  if (PQftype (self->result, index) == BOOLOID)
    return text[0] == 't' ? 1.0 : 0.0;
  return g_ascii_strtod (text, NULL);
}

static const char *
pg_column_text (PbDbStmt *stmt,
                int       index)
{
  PgStmt *self = ST (stmt);

  if (!has_row (self, index) || PQgetisnull (self->result, self->row, index))
    return NULL;
  if (PQftype (self->result, index) == BOOLOID)
    return PQgetvalue (self->result, self->row, index)[0] == 't' ? "1" : "0";
  return PQgetvalue (self->result, self->row, index);
}

static const char *
pg_column_name (PbDbStmt *stmt,
                int       index)
{
  PgStmt *self = ST (stmt);

  if (self->result == NULL || index < 0 || index >= PQnfields (self->result))
    return NULL;
  return PQfname (self->result, index);
}

/* ---- The connection ---------------------------------------------------- */

static int
pg_exec (PbDb       *db,
         const char *sql)
{
  PgDb *self = PG (db);
  int n_params, rc = PB_DB_OK;
  g_autofree char *pg_sql = translate (sql, &n_params, NULL);
  PGresult *result;

  if (n_params > 0)
    {
      set_message (self, PB_DB_RANGE, "a statement run with exec has no parameters");
      return PB_DB_RANGE;
    }

  result = PQexec (self->conn, pg_sql);
  drain_notifies (self);
  switch (PQresultStatus (result))
    {
    case PGRES_COMMAND_OK:
      {
        const char *tuples = PQcmdTuples (result);

        if (tuples[0] != '\0')
          self->changes = atoi (tuples);
      }
      break;
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      break;
    default:
      rc = take_error (self, result);
      g_debug ("%s: %s", self->message, pg_sql);
      break;
    }
  PQclear (result);
  return rc;
}

static int
pg_close (PbDb *db)
{
  PgDb *self = PG (db);

  if (self->conn != NULL)
    PQfinish (self->conn);
  if (self->next != NULL)
    PQfinish (self->next);
  g_free (self->message);
  g_free (self->conninfo);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_free (self);
  return PB_DB_OK;
}

static int
pg_changes (PbDb *db)
{
  return PG (db)->changes;
}

static gint64
pg_last_insert_id (PbDb *db)
{
  return PG (db)->last_id;
}

static gboolean
pg_get_autocommit (PbDb *db)
{
  return PQtransactionStatus (PG (db)->conn) == PQTRANS_IDLE;
}

static int
pg_begin (PbDb *db)
{
  return pg_exec (db, "BEGIN");
}

static void
pg_busy_timeout (PbDb *db,
                 int   msec)
{
  g_autofree char *sql = g_strdup_printf ("SET lock_timeout = %d", MAX (msec, 1));

  PG (db)->lock_timeout = MAX (msec, 1);
  pg_exec (db, sql);
}

static const char *
pg_errmsg (PbDb *db)
{
  PgDb *self = PG (db);

  return self->message ? self->message : "not an error";
}

static int
pg_errcode (PbDb *db)
{
  return PG (db)->rc;
}

static const char *const conn_keys[] = { "connect_timeout", "fallback_application_name", "client_encoding", "dbname", NULL };

/* What every connection of the store sets up: it hears the others. */
static int
setup_session (PgDb *db)
{
  int rc = pg_exec (&db->parent,
                    "SET client_min_messages = warning;"
                    "SET standard_conforming_strings = on;"
                    "LISTEN planboard;");

  if (rc == PB_DB_OK && (db->flags & PB_DB_OPEN_READONLY) && !(db->flags & PB_DB_OPEN_READWRITE))
    rc = pg_exec (&db->parent, "SET default_transaction_read_only = on");
  if (rc == PB_DB_OK && db->lock_timeout > 0)
    pg_busy_timeout (&db->parent, db->lock_timeout);
  return rc;
}

static gboolean
pg_is_lost (PbDb *db)
{
  PgDb *self = PG (db);

  return self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD;
}

static void
give_up_next (PgDb       *db,
              int         rc,
              const char *why)
{
  g_autofree char *message = NULL;

  if (why == NULL && db->next != NULL)
    why = PQerrorMessage (db->next);
  message = g_strstrip (g_strdup (why != NULL ? why : "no connection"));
  g_strdelimit (message, "\n", ' ');
  set_message (db, rc, message);
  g_clear_pointer (&db->next, PQfinish);
}

static int
pg_reconnect (PbDb *db,
              int   budget_msec)
{
  PgDb *self = PG (db);
  gint64 deadline = g_get_monotonic_time () + (gint64) MAX (budget_msec, 0) * 1000;
  const char *const keys[] = { "connect_timeout", "fallback_application_name", "client_encoding", "dbname",
                               self->password ? "password" : NULL, NULL };
  const char *const values[] = { CONNECT_TIMEOUT_SEC, "planboard", "UTF8", self->conninfo, self->password, NULL };

  if (!pg_is_lost (db))
    return PB_DB_OK;

  if (self->next == NULL)
    {
      self->next = PQconnectStartParams (keys, values, 1);
      if (self->next == NULL)
        {
          set_message (self, PB_DB_NOMEM, "out of memory");
          return PB_DB_NOMEM;
        }
      if (PQstatus (self->next) == CONNECTION_BAD)
        {
          give_up_next (self, PB_DB_CANTOPEN, NULL);
          return PB_DB_CANTOPEN;
        }
      self->next_poll = PGRES_POLLING_WRITING;
      self->next_started = g_get_monotonic_time ();
    }

  /* PQconnectPoll () does not keep connect_timeout: this does. */
  while (self->next_poll != PGRES_POLLING_OK)
    {
      struct pollfd fd = { PQsocket (self->next), 0, 0 };
      gint64 now = g_get_monotonic_time ();
      int n;

      if (self->next_poll == PGRES_POLLING_FAILED)
        {
          give_up_next (self, PQconnectionNeedsPassword (self->next) ? PB_DB_AUTH : PB_DB_CANTOPEN, NULL);
          return self->rc;
        }
      if (now - self->next_started > atoi (CONNECT_TIMEOUT_SEC) * G_USEC_PER_SEC)
        {
          give_up_next (self, PB_DB_CANTOPEN, "timeout expired");
          return PB_DB_CANTOPEN;
        }
      if (now >= deadline)
        return PB_DB_BUSY;

      fd.events = self->next_poll == PGRES_POLLING_READING ? POLLIN : POLLOUT;
      n = fd.fd < 0 ? 1 : poll (&fd, 1, (int) ((deadline - now + 999) / 1000));
      if (n < 0 && errno != EINTR)
        {
          give_up_next (self, PB_DB_CANTOPEN, g_strerror (errno));
          return PB_DB_CANTOPEN;
        }
      if (n > 0)
        self->next_poll = PQconnectPoll (self->next);
    }

  /* Back: the new connection replaces the broken one. What others did
   * meanwhile was not heard, so everything may have changed. */
  if (self->conn != NULL)
    PQfinish (self->conn);
  self->conn = g_steal_pointer (&self->next);
  g_hash_table_remove_all (self->pending);
  self->n_pending = 0;
  self->pending_all = TRUE;
  self->version++;
  return setup_session (self);
}

static int
pg_get_reach (PbDb *db)
{
  return PG (db)->reach;
}

/* Why connecting failed after @elapsed µs: a server that let the full
 * timeout pass did not answer; otherwise a ping (as pg_isready does)
 * tells a server that is off from one that answered and refused. */
static PbDbReach
classify_failure (const char *const *values,
                  gint64             elapsed)
{
  if (elapsed >= (atoi (CONNECT_TIMEOUT_SEC) - 1) * G_USEC_PER_SEC)
    return PB_DB_REACH_NO_ANSWER;
  switch (PQpingParams (conn_keys, values, 1))
    {
    case PQPING_OK:
      return PB_DB_REACH_REFUSED;
    case PQPING_REJECT:
      return PB_DB_REACH_NOT_READY;
    case PQPING_NO_RESPONSE:
      return PB_DB_REACH_NO_ANSWER;
    case PQPING_NO_ATTEMPT:
    default:
      return PB_DB_REACH_UNKNOWN;
    }
}

static const PbDbVTable pg_vtable = {
  .backend = PB_DB_BACKEND_POSTGRESQL,
  .close = pg_close,
  .prepare = pg_prepare,
  .step = pg_step,
  .reset = pg_reset,
  .clear_bindings = pg_clear_bindings,
  .finalize = pg_finalize,
  .sql = pg_sql,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .column_count = pg_column_count,
  .column_type = pg_column_type,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_name = pg_column_name,
  .exec = pg_exec,
  .changes = pg_changes,
  .last_insert_id = pg_last_insert_id,
  .get_autocommit = pg_get_autocommit,
  .begin = pg_begin,
  .busy_timeout = pg_busy_timeout,
  .errmsg = pg_errmsg,
  .errcode = pg_errcode,
  .data_version = pg_data_version,
  .take_changes = pg_take_changes,
  .is_lost = pg_is_lost,
  .reconnect = pg_reconnect,
  .get_reach = pg_get_reach,
};

/* The user named in @conninfo, or %NULL. */
char *
pb_db_pg_login (const char *conninfo)
{
  PQconninfoOption *options;
  char *login = NULL;

  if (!pb_pq_load (NULL))
    return NULL;
  options = PQconninfoParse (conninfo, NULL);
  if (options == NULL)
    return NULL;
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (g_str_equal (o->keyword, "user") && o->val && *o->val)
      login = g_strdup (o->val);
  PQconninfoFree (options);
  return login;
}

/* Opens a connection to @conninfo (a URI or libpq's key=value form). A
 * server that does not answer is given up after CONNECT_TIMEOUT_SEC
 * seconds, unless the conninfo says otherwise. */
int
pb_db_pg_open (const char  *conninfo,
               const char  *password,
               int          flags,
               PbDb       **out)
{
  /* Later entries win over earlier ones, the expanded dbname included:
   * the timeout is a default the conninfo may override; a password the
   * planner typed wins over the conninfo's. libpq keeps its own copy (for
   * the connection's life) and clears it when the connection closes. */
  const char *const keys[] = { "connect_timeout", "fallback_application_name", "client_encoding", "dbname",
                               password ? "password" : NULL, NULL };
  const char *const values[] = { CONNECT_TIMEOUT_SEC, "planboard", "UTF8", conninfo, password, NULL };
  PgDb *db = g_new0 (PgDb, 1);
  int rc;
  gint64 started;

  g_autoptr(GError) error = NULL;

  db->parent.vt = &pg_vtable;
  db->conninfo = g_strdup (conninfo);
  db->password = g_strdup (password);
  db->flags = flags;
  db->pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  *out = &db->parent;

  /* libpq is loaded with the first shared library (pb-pq.h). */
  if (!pb_pq_load (&error))
    {
      set_message (db, PB_DB_CANTOPEN, error->message);
      return PB_DB_CANTOPEN;
    }

  started = g_get_monotonic_time ();
  db->conn = PQconnectdbParams (keys, values, 1);
  if (db->conn == NULL)
    {
      set_message (db, PB_DB_NOMEM, "out of memory");
      return PB_DB_NOMEM;
    }
  if (PQstatus (db->conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strstrip (g_strdup (PQerrorMessage (db->conn)));
      /* libpq's message can span lines ("connection to server … failed:
       * …"); one line reads better in a log. */
      g_strdelimit (message, "\n", ' ');
      if (PQconnectionNeedsPassword (db->conn))
        rc = PB_DB_AUTH;
      else if (PQconnectionUsedPassword (db->conn) && strstr (message, "password authentication failed"))
        rc = PB_DB_AUTH_REJECTED;  /* 28P01: the server's words, in English on most servers */
      else
        rc = PB_DB_CANTOPEN;
      set_message (db, rc, message);
      db->reach = rc != PB_DB_CANTOPEN ? PB_DB_REACH_REFUSED : classify_failure (values, g_get_monotonic_time () - started);
      return db->rc;
    }

  return setup_session (db);
}
