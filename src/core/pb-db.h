/* pb-db.h — the store's database connection, whichever the backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small interface that mirrors SQLite's C API call for call, so that
 * the store's SQL runs on SQLite (the default: a library file) or on
 * PostgreSQL (a shared library on a server) unchanged:
 *
 *   sqlite3               PbDb
 *   sqlite3_stmt          PbDbStmt
 *   sqlite3_open_v2       pb_db_open
 *   sqlite3_prepare_v2    pb_db_prepare
 *   sqlite3_bind_int64    pb_db_bind_int64 (also _int, _double, _text, _null)
 *   sqlite3_step          pb_db_step (PB_DB_ROW, PB_DB_DONE or an error)
 *   sqlite3_column_int64  pb_db_column_int64 (also _int, _double, _text,
 *                         _type, _count)
 *   sqlite3_reset         pb_db_reset
 *   sqlite3_finalize      pb_db_finalize
 *   sqlite3_exec          pb_db_exec (no callback: for statements only)
 *   sqlite3_changes       pb_db_changes
 *   sqlite3_last_insert_rowid  pb_db_last_insert_id
 *   sqlite3_errmsg        pb_db_errmsg
 *
 * Result codes have SQLite's numbers (PB_DB_OK = SQLITE_OK …), so the
 * store's messages for a busy, read-only or damaged library stay as they
 * are; another backend maps its own errors onto them. Text binds are
 * always copied (SQLITE_TRANSIENT); a NULL text binds NULL.
 *
 * Placeholders are `?` or `?N`; each backend translates them. SQL that
 * differs between backends (PRAGMAs, the undo log's triggers, change
 * detection, upserts) is asked of the backend through the calls at the
 * end of this file, never written inline for one of them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PbDb     PbDb;
typedef struct _PbDbStmt PbDbStmt;

/* Result codes: SQLite's primary codes. */
enum {
  PB_DB_OK         = 0,
  PB_DB_ERROR      = 1,
  PB_DB_PERM       = 3,   /* refused by the server's rules */
  PB_DB_ABORT      = 4,
  PB_DB_BUSY       = 5,
  PB_DB_LOCKED     = 6,
  PB_DB_NOMEM      = 7,
  PB_DB_READONLY   = 8,
  PB_DB_INTERRUPT  = 9,
  PB_DB_IOERR      = 10,
  PB_DB_CORRUPT    = 11,
  PB_DB_FULL       = 13,
  PB_DB_CANTOPEN   = 14,
  PB_DB_CONSTRAINT = 19,
  PB_DB_MISMATCH   = 20,
  PB_DB_MISUSE     = 21,
  PB_DB_AUTH       = 23,  /* a server needs a password */
  PB_DB_RANGE      = 25,
  PB_DB_NOTADB     = 26,
  PB_DB_ROW        = 100,
  PB_DB_DONE       = 101,
  /* Extended: a server did not accept the password it was given. */
  PB_DB_AUTH_REJECTED = PB_DB_AUTH | (1 << 8),
};

/* Column types: SQLite's fundamental types. */
enum {
  PB_DB_INTEGER = 1,
  PB_DB_FLOAT   = 2,
  PB_DB_TEXT    = 3,
  PB_DB_BLOB    = 4,
  PB_DB_NULL    = 5,
};

/* Open flags: SQLite's. */
enum {
  PB_DB_OPEN_READONLY  = 0x01,
  PB_DB_OPEN_READWRITE = 0x02,
  PB_DB_OPEN_CREATE    = 0x04,
};

typedef enum {
  PB_DB_BACKEND_SQLITE,
  PB_DB_BACKEND_POSTGRESQL,
} PbDbBackend;

gboolean     pb_db_is_server_uri   (const char  *path);
gboolean     pb_db_have_backend    (PbDbBackend  backend);
char        *pb_db_display_name    (const char  *path);
char        *pb_db_server_login    (const char  *path);

int          pb_db_open            (const char  *path,
                                    int          flags,
                                    PbDb       **db);
int          pb_db_open_with_password (const char *path,
                                       const char *password,
                                       int         flags,
                                       PbDb      **db);
int          pb_db_close           (PbDb        *db);
PbDbBackend  pb_db_get_backend     (PbDb        *db);

int          pb_db_prepare         (PbDb        *db,
                                    const char  *sql,
                                    PbDbStmt   **stmt);
int          pb_db_prepare_persistent (PbDb       *db,
                                       const char *sql,
                                       PbDbStmt  **stmt);
int          pb_db_step            (PbDbStmt    *stmt);
int          pb_db_reset           (PbDbStmt    *stmt);
int          pb_db_clear_bindings  (PbDbStmt    *stmt);
int          pb_db_finalize        (PbDbStmt    *stmt);
const char  *pb_db_sql             (PbDbStmt    *stmt);
PbDb        *pb_db_stmt_db         (PbDbStmt    *stmt);

int          pb_db_bind_int64      (PbDbStmt    *stmt,
                                    int          index,
                                    gint64       value);
int          pb_db_bind_int        (PbDbStmt    *stmt,
                                    int          index,
                                    int          value);
int          pb_db_bind_double     (PbDbStmt    *stmt,
                                    int          index,
                                    double       value);
int          pb_db_bind_text       (PbDbStmt    *stmt,
                                    int          index,
                                    const char  *value);
int          pb_db_bind_null       (PbDbStmt    *stmt,
                                    int          index);

int          pb_db_column_count    (PbDbStmt    *stmt);
int          pb_db_column_type     (PbDbStmt    *stmt,
                                    int          index);
gint64       pb_db_column_int64    (PbDbStmt    *stmt,
                                    int          index);
int          pb_db_column_int      (PbDbStmt    *stmt,
                                    int          index);
double       pb_db_column_double   (PbDbStmt    *stmt,
                                    int          index);
const char  *pb_db_column_text     (PbDbStmt    *stmt,
                                    int          index);
const char  *pb_db_column_name     (PbDbStmt    *stmt,
                                    int          index);

int          pb_db_exec            (PbDb        *db,
                                    const char  *sql);
int          pb_db_changes         (PbDb        *db);
gint64       pb_db_last_insert_id  (PbDb        *db);
gboolean     pb_db_get_autocommit  (PbDb        *db);
int          pb_db_begin           (PbDb        *db);
int          pb_db_commit          (PbDb        *db);
int          pb_db_rollback        (PbDb        *db);
void         pb_db_busy_timeout    (PbDb        *db,
                                    int          msec);
const char  *pb_db_errmsg          (PbDb        *db);
int          pb_db_errcode         (PbDb        *db);
const char  *pb_db_errstr          (int          rc);

/* What only some backends have. */

/* A number that changes when another connection commits (SQLite's
 * PRAGMA data_version); -1 when it cannot be read. */
gint64       pb_db_data_version    (PbDb        *db);
gint64       pb_db_data_version_arrived (PbDb   *db);

/* Why a connection to a server could not be made, as far as can be told
 * (libpq's own message, which may be in the user's language, is the
 * detail: pb_db_errmsg()). */
typedef enum
{
  PB_DB_REACH_UNKNOWN,    /* not a server, it connected, or no telling */
  PB_DB_REACH_NO_ANSWER,  /* nothing answered: the server is off or cut off */
  PB_DB_REACH_NOT_READY,  /* the server is starting up or shutting down */
  PB_DB_REACH_REFUSED,    /* it answered and refused: login, password, database */
} PbDbReach;

PbDbReach    pb_db_get_reach       (PbDb        *db);

/* What another connection changed, as far as the backend knows: a row
 * (@table and @id), every row of @table (@id 0), or anything at all
 * (@table NULL). @table is an interned string. */
typedef struct
{
  const char *table;
  gint64      id;
} PbDbChange;

/* Moves into @changes (of PbDbChange) what other connections changed
 * since the last call, coalesced (each row once). Returns FALSE when the
 * backend cannot tell which rows (SQLite: only that something changed,
 * by pb_db_data_version()); @changes is then left as it was. */
gboolean     pb_db_take_changes    (PbDb        *db,
                                    GArray      *changes);

/* A server connection that broke (the server restarted, the network
 * went, an administrator ended it): TRUE until pb_db_reconnect() has
 * made a new one. Always FALSE for a library file. */
gboolean     pb_db_is_lost         (PbDb        *db);

/* Works towards a new connection for a lost one, without blocking for
 * more than about @budget_msec: PB_DB_OK once it is back (its session
 * set up and listening again), PB_DB_BUSY while it is still being made
 * (call again later), or another code when this attempt failed (the
 * next call starts another). */
int          pb_db_reconnect       (PbDb        *db,
                                    int          budget_msec);

/* What the connection ran since it opened, for tests and benchmarks:
 * statements executed (a statement's first step, or an exec) and rows
 * read. */
void         pb_db_get_counts      (PbDb        *db,
                                    guint64     *statements,
                                    guint64     *rows);

/* SQLite only (elsewhere PB_DB_OK and nothing): whether closing @db may
 * remove the library's -wal and -shm (SQLITE_FCNTL_PERSIST_WAL). A
 * connection removes them when it believes it is the last one, which it
 * judges by the POSIX locks of the others; a process loses all its locks
 * on a file when it closes any descriptor of it (GTK's file chooser
 * sniffing the library's folder does), so that belief can be wrong and
 * the -wal another program still writes would be unlinked under it.
 * With @keep they stay (checkpointed) beside the library. */
int          pb_db_set_keep_wal    (PbDb        *db,
                                    gboolean     keep);

/* SQLite only (elsewhere PB_DB_OK): whether the files @db has open are
 * still the library's: PB_DB_OK, or PB_DB_IOERR when the main file was
 * moved or removed, or the -wal or -shm it writes was removed or
 * replaced (another program did it: a write would then be lost or
 * make the library inconsistent). */
int          pb_db_check_files     (PbDb        *db);

/* SQLite only (elsewhere PB_DB_OK): holds the library file and its -shm
 * with open file description locks of @db's own, which no close() in
 * this process drops, so that no other program resets the WAL index @db
 * has mapped or removes the -wal it writes; pb_db_close() lets go of
 * them. pb_db_release_library() lets go before leaving WAL mode. */
int          pb_db_hold_library    (PbDb        *db);
void         pb_db_release_library (PbDb        *db);

/* SQLite only: copies the library file @path into @copy through the
 * backup API (a consistent snapshot, WAL included). */
int          pb_db_backup_file     (const char  *path,
                                    const char  *copy);

/* SQLite only: opens the library file @path to read it and never write
 * it, leaving nothing beside it (no -wal or -shm), even when this process
 * may not write the file or its folder (@writable FALSE). When a private
 * copy was read instead, *@copy is its path, for pb_db_remove_copy()
 * after pb_db_close(); copies are named PB_DB_COPY_PREFIX<pid>-…, so
 * the ones a killed reader left can be told apart and removed. */
#define PB_DB_COPY_PREFIX "planboard-import-"

int          pb_db_open_reader     (const char  *path,
                                    gboolean     writable,
                                    PbDb       **db,
                                    char       **copy);
void         pb_db_remove_copy     (const char  *copy);

/* SQLite only: the header of a library file (application id, format,
 * whether it holds anything) and its quick check, read only. */
int          pb_db_read_header     (PbDb        *db,
                                    gint64      *application_id,
                                    gint64      *user_version,
                                    gint64      *n_objects);
int          pb_db_quick_check     (PbDb        *db,
                                    gboolean    *ok);

/* Makes the store's own SQL functions (pb_row_hash(…), the undo log's
 * row fingerprint) known to the connection. */
int          pb_db_install_functions (PbDb      *db);

/* PostgreSQL: the store's triggers (undo log, NOTIFY) for `library init`,
 * and the session's undo log table. Plain text: no libpq needed. */
const char  *pb_db_pg_triggers_sql (void);
const char  *pb_db_pg_undo_log_sql (void);

/* The SQLite handle under @db, or NULL on another backend: for tests
 * that poke at the connection on purpose. */
struct sqlite3 *pb_db_get_sqlite   (PbDb        *db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDbStmt, pb_db_finalize)

G_END_DECLS
