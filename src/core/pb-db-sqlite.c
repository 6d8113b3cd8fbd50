/* pb-db-sqlite.c — the SQLite backend of pb-db.h (a library file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One to one onto SQLite's own calls; what only SQLite has (the backup
 * API, data_version, the header pragmas, application functions) lives
 * here too.
 */
#include "config.h"

/* F_OFD_SETLK */
#define _GNU_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "pb-db-private.h"

G_STATIC_ASSERT (PB_DB_OK == SQLITE_OK);
G_STATIC_ASSERT (PB_DB_PERM == SQLITE_PERM);
G_STATIC_ASSERT (PB_DB_BUSY == SQLITE_BUSY);
G_STATIC_ASSERT (PB_DB_LOCKED == SQLITE_LOCKED);
G_STATIC_ASSERT (PB_DB_READONLY == SQLITE_READONLY);
G_STATIC_ASSERT (PB_DB_IOERR == SQLITE_IOERR);
G_STATIC_ASSERT (PB_DB_CORRUPT == SQLITE_CORRUPT);
G_STATIC_ASSERT (PB_DB_FULL == SQLITE_FULL);
G_STATIC_ASSERT (PB_DB_CANTOPEN == SQLITE_CANTOPEN);
G_STATIC_ASSERT (PB_DB_CONSTRAINT == SQLITE_CONSTRAINT);
G_STATIC_ASSERT (PB_DB_MISMATCH == SQLITE_MISMATCH);
G_STATIC_ASSERT (PB_DB_RANGE == SQLITE_RANGE);
G_STATIC_ASSERT (PB_DB_NOTADB == SQLITE_NOTADB);
G_STATIC_ASSERT (PB_DB_ROW == SQLITE_ROW);
G_STATIC_ASSERT (PB_DB_DONE == SQLITE_DONE);
G_STATIC_ASSERT (PB_DB_NULL == SQLITE_NULL);
G_STATIC_ASSERT (PB_DB_TEXT == SQLITE_TEXT);
G_STATIC_ASSERT (PB_DB_OPEN_READONLY == SQLITE_OPEN_READONLY);
G_STATIC_ASSERT (PB_DB_OPEN_READWRITE == SQLITE_OPEN_READWRITE);
G_STATIC_ASSERT (PB_DB_OPEN_CREATE == SQLITE_OPEN_CREATE);

typedef struct
{
  PbDb     parent;
  sqlite3 *handle;
  /* The -wal and -shm this connection writes, as first seen open
   * (pb_db_check_files()). */
  gboolean side_known;
  dev_t    wal_dev, shm_dev;
  ino_t    wal_ino, shm_ino;
  /* Descriptors of the library file and its -shm holding this
   * connection's open-file-description locks (pb_db_hold_library()), or
   * -1. */
  int      hold_db_fd, hold_shm_fd;
} SqliteDb;

typedef struct
{
  PbDbStmt      parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define DB(db)     (((SqliteDb *) (db))->handle)
#define STMT(stmt) (((SqliteStmt *) (stmt))->handle)

static void release_holds (SqliteDb *db, gboolean close_fds);

static int
sq_close (PbDb *db)
{
  int rc;

  /* The locks go just before SQLite closes the connection, so that as the
   * last connection it can take the library exclusively and checkpoint;
   * their descriptors only after it (pb_db_hold_library()). */
  release_holds ((SqliteDb *) db, FALSE);
  rc = sqlite3_close_v2 (DB (db));
  release_holds ((SqliteDb *) db, TRUE);

  g_free (db);
  return rc;
}

static int
sq_prepare (PbDb        *db,
            const char  *sql,
            gboolean     persistent,
            PbDbStmt   **out)
{
  sqlite3_stmt *handle = NULL;
  SqliteStmt *stmt;
  int rc;

  rc = sqlite3_prepare_v3 (DB (db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                           &handle, NULL);
  if (rc != SQLITE_OK || handle == NULL)
    {
      sqlite3_finalize (handle);
      return rc != SQLITE_OK ? rc : SQLITE_MISUSE;
    }

  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.db = db;
  stmt->handle = handle;
  *out = &stmt->parent;
  return SQLITE_OK;
}

static int
sq_step (PbDbStmt *stmt)
{
  return sqlite3_step (STMT (stmt));
}

static int
sq_reset (PbDbStmt *stmt)
{
  return sqlite3_reset (STMT (stmt));
}

static int
sq_clear_bindings (PbDbStmt *stmt)
{
  return sqlite3_clear_bindings (STMT (stmt));
}

static int
sq_finalize (PbDbStmt *stmt)
{
  int rc = sqlite3_finalize (STMT (stmt));

  g_free (stmt);
  return rc;
}

static const char *
sq_sql (PbDbStmt *stmt)
{
  return sqlite3_sql (STMT (stmt));
}

static int
sq_bind_int64 (PbDbStmt *stmt,
               int       index,
               gint64    value)
{
  return sqlite3_bind_int64 (STMT (stmt), index, value);
}

static int
sq_bind_double (PbDbStmt *stmt,
                int       index,
                double    value)
{
  return sqlite3_bind_double (STMT (stmt), index, value);
}

static int
sq_bind_text (PbDbStmt   *stmt,
              int         index,
              const char *value)
{
  return sqlite3_bind_text (STMT (stmt), index, value, -1, SQLITE_TRANSIENT);
}

static int
sq_bind_null (PbDbStmt *stmt,
              int       index)
{
  return sqlite3_bind_null (STMT (stmt), index);
}

static int
sq_column_count (PbDbStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static int
sq_column_type (PbDbStmt *stmt,
                int       index)
{
  return sqlite3_column_type (STMT (stmt), index);
}

static gint64
sq_column_int64 (PbDbStmt *stmt,
                 int       index)
{
  return sqlite3_column_int64 (STMT (stmt), index);
}

static double
sq_column_double (PbDbStmt *stmt,
                  int       index)
{
  return sqlite3_column_double (STMT (stmt), index);
}

static const char *
sq_column_text (PbDbStmt *stmt,
                int       index)
{
  return (const char *) sqlite3_column_text (STMT (stmt), index);
}

static const char *
sq_column_name (PbDbStmt *stmt,
                int       index)
{
  return sqlite3_column_name (STMT (stmt), index);
}

static int
sq_exec (PbDb       *db,
         const char *sql)
{
  return sqlite3_exec (DB (db), sql, NULL, NULL, NULL);
}

static int
sq_changes (PbDb *db)
{
  return sqlite3_changes (DB (db));
}

static gint64
sq_last_insert_id (PbDb *db)
{
  return sqlite3_last_insert_rowid (DB (db));
}

static gboolean
sq_get_autocommit (PbDb *db)
{
  return sqlite3_get_autocommit (DB (db)) != 0;
}

static int
sq_begin (PbDb *db)
{
  return sqlite3_exec (DB (db), "BEGIN IMMEDIATE", NULL, NULL, NULL);
}

static void
sq_busy_timeout (PbDb *db,
                 int   msec)
{
  sqlite3_busy_timeout (DB (db), msec);
}

static const char *
sq_errmsg (PbDb *db)
{
  return sqlite3_errmsg (DB (db));
}

static int
sq_errcode (PbDb *db)
{
  return sqlite3_extended_errcode (DB (db));
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc_out)
    *rc_out = rc;
  return value;
}

static gint64
sq_data_version (PbDb *db)
{
  int rc;
  gint64 version = query_int (DB (db), "PRAGMA main.data_version", &rc);

  return rc == SQLITE_OK ? version : -1;
}

static const PbDbVTable sqlite_vtable = {
  .backend = PB_DB_BACKEND_SQLITE,
  .close = sq_close,
  .prepare = sq_prepare,
  .step = sq_step,
  .reset = sq_reset,
  .clear_bindings = sq_clear_bindings,
  .finalize = sq_finalize,
  .sql = sq_sql,
  .bind_int64 = sq_bind_int64,
  .bind_double = sq_bind_double,
  .bind_text = sq_bind_text,
  .bind_null = sq_bind_null,
  .column_count = sq_column_count,
  .column_type = sq_column_type,
  .column_int64 = sq_column_int64,
  .column_double = sq_column_double,
  .column_text = sq_column_text,
  .column_name = sq_column_name,
  .exec = sq_exec,
  .changes = sq_changes,
  .last_insert_id = sq_last_insert_id,
  .get_autocommit = sq_get_autocommit,
  .begin = sq_begin,
  .busy_timeout = sq_busy_timeout,
  .errmsg = sq_errmsg,
  .errcode = sq_errcode,
  .data_version = sq_data_version,
};

int
pb_db_sqlite_open (const char  *path,
                   int          flags,
                   PbDb       **out)
{
  SqliteDb *db = g_new0 (SqliteDb, 1);
  int rc;

  db->parent.vt = &sqlite_vtable;
  db->hold_db_fd = db->hold_shm_fd = -1;
  rc = sqlite3_open_v2 (path, &db->handle, flags, NULL);
  if (db->handle == NULL)
    {
      /* Out of memory: there is nothing to ask for a message. */
      g_free (db);
      *out = NULL;
      return rc != SQLITE_OK ? rc : SQLITE_NOMEM;
    }
  if (rc == SQLITE_OK)
    sqlite3_extended_result_codes (db->handle, 1);

  *out = &db->parent;
  return rc;
}

const char *
pb_db_errstr (int rc)
{
  return sqlite3_errstr (rc);
}

struct sqlite3 *
pb_db_get_sqlite (PbDb *db)
{
  if (db == NULL || db->vt != &sqlite_vtable)
    return NULL;
  return DB (db);
}

/* Whether the file's header says it is in WAL mode (format versions 2). */
static gboolean
header_says_wal (const char *path)
{
  guchar header[20];
  gboolean wal = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  if (read (fd, header, sizeof header) == (ssize_t) sizeof header &&
      memcmp (header, "SQLite format 3", 16) == 0)
    wal = header[18] == 2 && header[19] == 2;
  close (fd);

  return wal;
}

static gboolean
side_file_has_data (const char *path,
                    const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  return g_stat (side, &st) == 0 && st.st_size > 0;
}

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

static gboolean
copy_file (const char  *from,
           const char  *to)
{
  g_autofree char *data = NULL;
  gsize length;

  return g_file_get_contents (from, &data, &length, NULL) &&
         g_file_set_contents_full (to, data, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL);
}

/* Opens @path, which @access says whether we may write, for reading only,
 * so that nothing is left beside it:
 *
 *  - writable: an ordinary read-write connection that never writes; the
 *    -wal and -shm it made go when it closes (a read-only connection
 *    could not remove them, and would leave them with the file's mode, in
 *    the way of later writers), the ones that were there stay;
 *  - not writable, in WAL mode, with a -wal and a -shm that a writer
 *    elsewhere is using: `mode=ro`, sharing them, so its commits show;
 *  - not writable, in WAL mode, with nothing in a -wal: the main file is
 *    the whole library and nobody can be writing it, so it is read as
 *    immutable (SQLite would otherwise need to make a -shm beside it);
 *  - not writable, in WAL mode, with committed data in a -wal (a writer
 *    was killed, or the folder was made read-only while it was open): a
 *    private copy of both, in the temporary folder, named so that a later
 *    run removes it if this one is killed; *@copy is its path;
 *  - not writable, rollback journal: `mode=ro`, which makes nothing.
 */
static int
open_reader (const char  *path,
             gboolean     writable,
             sqlite3    **db,
             char       **copy)
{
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;

  *db = NULL;
  *copy = NULL;

  if (writable)
    {
      /* -wal and -shm that are there may be another program's, which may
       * have lost its locks (pb_db_set_keep_wal()): they stay. The ones
       * this connection makes go when it closes, so that reading (or
       * refusing) a library nobody has open leaves nothing beside it. */
      gboolean shared = side_file_exists (path, "-wal") || side_file_exists (path, "-shm");
      int rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READWRITE, NULL);

      if (rc == SQLITE_OK && shared)
        {
          int keep = 1;
          sqlite3_file_control (*db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
        }
      return rc;
    }

  escaped = g_uri_escape_string (path, "/", FALSE);

  /* Another program may be writing it (a colleague's library in a folder
   * we may only read): its -wal and -shm are there, and a plain read-only
   * connection shares them and sees what it commits. An immutable read
   * would miss what is in the -wal, and a copy would not follow. */
  if (header_says_wal (path) && side_file_exists (path, "-wal") && side_file_exists (path, "-shm"))
    {
      uri = g_strdup_printf ("file:%s?mode=ro", escaped);
      if (sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
          sqlite3_exec (*db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK)
        return SQLITE_OK;
      /* No writer to share them with (a leftover -shm): read as below. */
      sqlite3_close_v2 (*db);
      *db = NULL;
      g_clear_pointer (&uri, g_free);
    }

  if (header_says_wal (path) && side_file_has_data (path, "-wal"))
    {
      g_autofree char *pattern = g_strdup_printf (PB_DB_COPY_PREFIX "%d-XXXXXX.db", (int) getpid ());
      g_autofree char *tmp = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *tmp_wal = NULL;
      int fd;

      fd = g_file_open_tmp (pattern, &tmp, NULL);
      if (fd < 0)
        return SQLITE_CANTOPEN;
      close (fd);
      tmp_wal = g_strconcat (tmp, "-wal", NULL);
      if (!copy_file (path, tmp) || !copy_file (wal, tmp_wal))
        {
          g_unlink (tmp);
          g_unlink (tmp_wal);
          return SQLITE_CANTOPEN;
        }
      *copy = g_steal_pointer (&tmp);
      return sqlite3_open_v2 (*copy, db, SQLITE_OPEN_READWRITE, NULL);
    }

  uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                         header_says_wal (path) ? "&immutable=1" : "");
  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
}

void
pb_db_remove_copy (const char *copy)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; copy != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (copy, suffixes[i], NULL);
      g_unlink (p);
    }
}

/**
 * pb_db_open_reader:
 * @path: a library file
 * @writable: whether this process may write the file and its folder
 * @db: (out): the connection, set even on failure (close it either way)
 * @copy: (out): the private copy read instead of @path, or %NULL; remove
 *   it with pb_db_remove_copy() after closing @db
 *
 * Opens @path to read it, never write it, leaving nothing beside it.
 *
 * Returns: PB_DB_OK or an error code
 */
int
pb_db_open_reader (const char  *path,
                   gboolean     writable,
                   PbDb       **out,
                   char       **copy)
{
  SqliteDb *db = g_new0 (SqliteDb, 1);
  int rc;

  db->parent.vt = &sqlite_vtable;
  db->hold_db_fd = db->hold_shm_fd = -1;
  rc = open_reader (path, writable, &db->handle, copy);
  if (db->handle == NULL)
    {
      g_free (db);
      *out = NULL;
      return rc != SQLITE_OK ? rc : SQLITE_NOMEM;
    }
  sqlite3_extended_result_codes (db->handle, 1);

  *out = &db->parent;
  return rc;
}

/* Whether this process may write @path and its folder (as root, access()
 * says a 0444 file is writable, and it is). */
static gboolean
file_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs fs;

  if (statvfs (dir, &fs) == 0 && (fs.f_flag & ST_RDONLY))
    return FALSE;
  return access (dir, W_OK) == 0 && access (path, W_OK) == 0;
}

/* Copies the database at @path into @copy through SQLite's backup API: a
 * consistent snapshot that includes what is committed but still in the
 * source's WAL (a library open in another program), which copying the
 * main file alone would silently drop. The source is only read. */
int
pb_db_backup_file (const char *path,
                   const char *copy)
{
  sqlite3 *src = NULL, *dst = NULL;
  g_autofree char *src_copy = NULL;
  sqlite3_backup *backup;
  int rc;

  /* Read so that nothing is left beside the file, even when it or its
   * folder is read-only. */
  rc = open_reader (path, file_writable (path), &src, &src_copy);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (src, 5000);
      rc = sqlite3_open_v2 (copy, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    }
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dst, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dst);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (50);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (dst);
        }
    }

  sqlite3_close_v2 (dst);
  sqlite3_close_v2 (src);
  pb_db_remove_copy (src_copy);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The header pragmas of a library file. */
int
pb_db_read_header (PbDb   *db,
                   gint64 *application_id,
                   gint64 *user_version,
                   gint64 *n_objects)
{
  int rc;

  g_return_val_if_fail (pb_db_get_sqlite (db) != NULL, SQLITE_MISUSE);

  *application_id = query_int (DB (db), "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    *user_version = query_int (DB (db), "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    *n_objects = query_int (DB (db), "SELECT count(*) FROM sqlite_master", &rc);
  return rc;
}

int
pb_db_quick_check (PbDb     *db,
                   gboolean *ok)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (pb_db_get_sqlite (db) != NULL, SQLITE_MISUSE);

  *ok = FALSE;
  rc = sqlite3_prepare_v2 (DB (db), "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    *ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  return rc;
}

/* pb_row_hash(…): a 64-bit FNV-1a hash of its arguments' types and values,
 * a row's fingerprint in the undo log. A number is hashed by value, so 3
 * and 3.0 agree. */
static void
row_hash_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

#define MIX(ptr, len) G_STMT_START {                                      \
    const guchar *p_ = (const guchar *) (ptr);                            \
    for (gsize i_ = 0; i_ < (gsize) (len); i_++)                          \
      h = (h ^ p_[i_]) * G_GUINT64_CONSTANT (0x100000001b3);              \
  } G_STMT_END

  for (int i = 0; i < argc; i++)
    {
      int type = sqlite3_value_type (argv[i]);
      guchar tag;

      switch (type)
        {
        case SQLITE_INTEGER:
        case SQLITE_FLOAT:
          {
            double d = sqlite3_value_double (argv[i]);
            gint64 n = sqlite3_value_int64 (argv[i]);

            if (type == SQLITE_INTEGER || (d == (double) n && d > -9e18 && d < 9e18))
              {
                tag = 'i';
                MIX (&tag, 1);
                MIX (&n, sizeof n);
              }
            else
              {
                tag = 'r';
                MIX (&tag, 1);
                MIX (&d, sizeof d);
              }
          }
          break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
          tag = type == SQLITE_TEXT ? 't' : 'b';
          MIX (&tag, 1);
          {
            const void *data = type == SQLITE_TEXT ? (const void *) sqlite3_value_text (argv[i])
                                                   : sqlite3_value_blob (argv[i]);
            int len = sqlite3_value_bytes (argv[i]);

            MIX (&len, sizeof len);
            MIX (data, len);
          }
          break;
        default:
          tag = 'n';
          MIX (&tag, 1);
          break;
        }
    }
#undef MIX

  sqlite3_result_int64 (context, (gint64) h);
}

int
pb_db_install_functions (PbDb *db)
{
  if (pb_db_get_sqlite (db) == NULL)
    return PB_DB_OK;

  return sqlite3_create_function (DB (db), "pb_row_hash", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                  NULL, row_hash_func, NULL, NULL);
}

/**
 * pb_db_set_keep_wal:
 * @db: a connection
 * @keep: whether the -wal and -shm stay when it closes
 *
 * SQLITE_FCNTL_PERSIST_WAL on the main file. When the connection closes
 * and can lock the library exclusively, SQLite checkpoints the -wal into
 * it either way; with @keep it then leaves the -wal (its frames all
 * copied, so the next opener's recovery finds nothing new) and the -shm
 * where they are instead of unlinking them, so another program that
 * still has them open, its locks lost, goes on writing where everybody
 * reads. The WAL is not truncated (no journal_size_limit): truncating it
 * under such a program would be as bad as unlinking it.
 *
 * Returns: PB_DB_OK or an error code
 */
int
pb_db_set_keep_wal (PbDb     *db,
                    gboolean  keep)
{
  int value = keep ? 1 : 0;

  if (pb_db_get_sqlite (db) == NULL)
    return PB_DB_OK;
  return sqlite3_file_control (DB (db), "main", SQLITE_FCNTL_PERSIST_WAL, &value);
}

/* Whether the connection has its -wal open (WAL mode, read at least once). */
static gboolean
wal_is_open (sqlite3 *handle)
{
  sqlite3_file *journal = NULL;

  if (sqlite3_file_control (handle, "main", SQLITE_FCNTL_JOURNAL_POINTER, &journal) != SQLITE_OK)
    return FALSE;
  return journal != NULL && journal->pMethods != NULL;
}

/**
 * pb_db_check_files:
 * @db: a connection
 *
 * Whether the files @db has open are still the library's. The main file
 * is asked of SQLite (SQLITE_FCNTL_HAS_MOVED: unlinked, or another file
 * renamed over it). The -wal and -shm have no such question: their
 * device and inode are noted the first time they are seen open (when
 * the store opens the library) and compared with what is at their paths
 * each time after. A missing -wal or -shm, or another one, means another
 * program removed them while this connection had them open: what this
 * connection commits goes into files nobody else will read.
 *
 * Returns: PB_DB_OK, or PB_DB_IOERR when they are not
 */
int
pb_db_check_files (PbDb *db)
{
  SqliteDb *sq = (SqliteDb *) db;
  const char *file;
  g_autofree char *shm = NULL;
  GStatBuf wal_st, shm_st;
  int moved = 0;

  if (pb_db_get_sqlite (db) == NULL)
    return PB_DB_OK;

  if (sqlite3_file_control (sq->handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved)
    return SQLITE_IOERR;

  file = sqlite3_db_filename (sq->handle, "main");
  if (file == NULL || file[0] == '\0')
    return SQLITE_OK;
  shm = g_strconcat (file, "-shm", NULL);

  if (!sq->side_known)
    {
      /* Not in WAL mode (yet), or nothing read: nothing to compare. */
      if (!wal_is_open (sq->handle) ||
          g_stat (sqlite3_filename_wal (file), &wal_st) != 0 ||
          g_stat (shm, &shm_st) != 0)
        return SQLITE_OK;
      sq->wal_dev = wal_st.st_dev;
      sq->wal_ino = wal_st.st_ino;
      sq->shm_dev = shm_st.st_dev;
      sq->shm_ino = shm_st.st_ino;
      sq->side_known = TRUE;
      return SQLITE_OK;
    }

  if (g_stat (sqlite3_filename_wal (file), &wal_st) != 0 ||
      wal_st.st_dev != sq->wal_dev || wal_st.st_ino != sq->wal_ino ||
      g_stat (shm, &shm_st) != 0 ||
      shm_st.st_dev != sq->shm_dev || shm_st.st_ino != sq->shm_ino)
    return SQLITE_IOERR;

  return SQLITE_OK;
}

/* Holding a library against other programs (pb_db_hold_library()).
 *
 * The lock bytes of SQLite 3.40's unix VFS (os_unix.c, os.h): in the
 * -shm, the "dead man switch" UNIX_SHM_DMS = UNIX_SHM_BASE (120) +
 * SQLITE_SHM_NLOCK (8), which every connection that has the WAL index
 * mapped read-locks and which a first opener write-locks to reset the
 * index; in the main file, the SHARED range (SHARED_FIRST = PENDING_BYTE
 * 0x40000000 + 2, 510 bytes), which every reader read-locks and an
 * EXCLUSIVE lock (the last connection's checkpoint and removal of the
 * -wal, leaving WAL mode) write-locks whole. */
#define HOLD_SHM_DMS_BYTE  128
#define HOLD_SHARED_FIRST  (0x40000000 + 2)

/* The library files this process holds, by device and inode: how many
 * holds each has, and the descriptors of holds already released but not
 * yet closed. Closing any descriptor of a file drops every POSIX lock
 * this process has on it, SQLite's included, so a released hold's
 * descriptor is closed only once no other hold of this process is left
 * on that file. */
typedef struct
{
  dev_t   dev;
  ino_t   ino;
  guint   holds;
  GArray *unused;   /* of int */
} HeldFile;

static GMutex held_mutex;
static GPtrArray *held_files;

static HeldFile *
held_file_find (const struct stat *st,
                guint             *index)
{
  for (guint i = 0; held_files != NULL && i < held_files->len; i++)
    {
      HeldFile *held = g_ptr_array_index (held_files, i);

      if (held->dev == st->st_dev && held->ino == st->st_ino)
        {
          if (index)
            *index = i;
          return held;
        }
    }
  return NULL;
}

static void
held_file_add (int fd)
{
  struct stat st;
  HeldFile *held;

  if (fstat (fd, &st) != 0)
    return;

  g_mutex_lock (&held_mutex);
  held = held_file_find (&st, NULL);
  if (held == NULL)
    {
      held = g_new0 (HeldFile, 1);
      held->dev = st.st_dev;
      held->ino = st.st_ino;
      held->unused = g_array_new (FALSE, FALSE, sizeof (int));
      if (held_files == NULL)
        held_files = g_ptr_array_new ();
      g_ptr_array_add (held_files, held);
    }
  held->holds++;
  g_mutex_unlock (&held_mutex);
}

/* Closes @fd, a released hold's descriptor, or keeps it for later while
 * another hold of this process is on its file. */
static void
held_file_close (int fd)
{
  struct stat st;
  HeldFile *held;
  guint index;

  if (fstat (fd, &st) != 0)
    {
      close (fd);
      return;
    }

  g_mutex_lock (&held_mutex);
  held = held_file_find (&st, &index);
  if (held != NULL && held->holds > 1)
    {
      held->holds--;
      g_array_append_val (held->unused, fd);
      fd = -1;
    }
  else if (held != NULL)
    {
      for (guint i = 0; i < held->unused->len; i++)
        close (g_array_index (held->unused, int, i));
      g_array_unref (held->unused);
      g_ptr_array_remove_index_fast (held_files, index);
      g_free (held);
    }
  g_mutex_unlock (&held_mutex);

  if (fd >= 0)
    close (fd);
}

/* Opens @path on a descriptor of its own and read-locks its byte @offset
 * as an open file description lock; *@out is the descriptor, kept (and
 * closed with held_file_close()) even when the lock could not be had:
 * closing it here would drop this process's other locks on the file. */
static int
hold_byte (const char *path,
           off_t       offset,
           int        *out)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  *out = fd;
  if (fd < 0)
    return SQLITE_CANTOPEN;
  held_file_add (fd);

#ifdef F_OFD_SETLK
  for (int attempt = 0; ; attempt++)
    {
      struct flock lock = { 0 };

      lock.l_type = F_RDLCK;
      lock.l_whence = SEEK_SET;
      lock.l_start = offset;
      lock.l_len = 1;
      lock.l_pid = 0;
      if (fcntl (fd, F_OFD_SETLK, &lock) == 0)
        return SQLITE_OK;

      if (errno == EINVAL || errno == ENOLCK || errno == EOPNOTSUPP)
        {
          /* A kernel or file system without them: SQLite's own locks are
           * all there is, as before. */
          g_message ("Could not hold “%s” against other programs: %s", path, g_strerror (errno));
          return SQLITE_OK;
        }
      /* Another program holds a write lock on it for a moment (it is
       * resetting a WAL index nobody else had mapped, or checkpointing as
       * the last one out). */
      if ((errno != EAGAIN && errno != EACCES && errno != EINTR) || attempt >= 250)
        return SQLITE_BUSY;
      g_usleep (20 * 1000);
    }
#else
  (void) offset;
  return SQLITE_OK;
#endif
}

/* Drops the locks of @db's holds (@close_fds FALSE), or closes their
 * descriptors (TRUE). */
static void
release_holds (SqliteDb *db,
               gboolean  close_fds)
{
  int *fds[] = { &db->hold_shm_fd, &db->hold_db_fd };

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    {
      if (*fds[i] < 0)
        continue;
      if (close_fds)
        {
          held_file_close (*fds[i]);
          *fds[i] = -1;
        }
      else
        {
#ifdef F_OFD_SETLK
          struct flock lock = { 0 };

          lock.l_type = F_UNLCK;
          lock.l_whence = SEEK_SET;
          lock.l_start = 0;
          lock.l_len = 0;
          lock.l_pid = 0;
          fcntl (*fds[i], F_OFD_SETLK, &lock);
#endif
        }
    }
}

/**
 * pb_db_hold_library:
 * @db: a read-write connection to a library file in WAL mode
 *
 * Besides SQLite's own locks, which are POSIX record locks (they belong
 * to the process, and the process loses them all on a file as soon as
 * it closes any descriptor of that file, even one SQLite never saw),
 * @db now holds Linux open file description locks (F_OFD_SETLK), on
 * descriptors of its own kept open until it closes: a read lock on the
 * -shm's dead man switch byte and one on a byte of the library file's
 * SHARED range. They belong to those descriptors, so no other close()
 * in this process drops them, and they conflict with the POSIX locks of
 * every other process. So while @db is open, another program (a sqlite3
 * shell, planboard-cli) never takes itself for the first connection (it
 * would reset the WAL index @db has mapped) nor for the last (it would
 * checkpoint and, without SQLITE_FCNTL_PERSIST_WAL, remove the -wal and
 * -shm @db writes).
 *
 * They are read locks: this process's own SQLite connections, which
 * only read-lock those bytes while the library is in WAL mode, open,
 * read and write as ever, but none can lock the library exclusively
 * (leave WAL mode) until pb_db_release_library(). pb_db_close() releases
 * them just before SQLite closes the connection, so the last connection
 * still checkpoints. Not in WAL mode (a file system without it), or not
 * a library file: nothing to hold, PB_DB_OK.
 *
 * Returns: PB_DB_OK, or an error code when another program kept the
 *   library locked
 */
int
pb_db_hold_library (PbDb *db)
{
  SqliteDb *sq = (SqliteDb *) db;
  g_autofree char *shm = NULL;
  const char *file;
  int rc;

  if (pb_db_get_sqlite (db) == NULL || sq->hold_db_fd >= 0 || sq->hold_shm_fd >= 0)
    return PB_DB_OK;
  if (!wal_is_open (sq->handle))
    return PB_DB_OK;
  file = sqlite3_db_filename (sq->handle, "main");
  if (file == NULL || file[0] == '\0')
    return PB_DB_OK;

  shm = g_strconcat (file, "-shm", NULL);
  rc = hold_byte (shm, HOLD_SHM_DMS_BYTE, &sq->hold_shm_fd);
  if (rc == SQLITE_OK)
    rc = hold_byte (file, HOLD_SHARED_FIRST, &sq->hold_db_fd);
  return rc;
}

/**
 * pb_db_release_library:
 * @db: a connection
 *
 * Lets go of what pb_db_hold_library() holds, before the connection
 * leaves WAL mode (which needs the library exclusively): only for a file
 * nobody else has open.
 */
void
pb_db_release_library (PbDb *db)
{
  if (pb_db_get_sqlite (db) == NULL)
    return;
  release_holds ((SqliteDb *) db, FALSE);
  release_holds ((SqliteDb *) db, TRUE);
}
