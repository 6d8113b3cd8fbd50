/* pb-db-private.h — what a backend of pb-db.h implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-db.h"

G_BEGIN_DECLS

typedef struct
{
  PbDbBackend  backend;

  int          (*close)          (PbDb *db);
  int          (*prepare)        (PbDb *db, const char *sql, gboolean persistent, PbDbStmt **stmt);
  int          (*step)           (PbDbStmt *stmt);
  int          (*reset)          (PbDbStmt *stmt);
  int          (*clear_bindings) (PbDbStmt *stmt);
  int          (*finalize)       (PbDbStmt *stmt);
  const char  *(*sql)            (PbDbStmt *stmt);

  int          (*bind_int64)     (PbDbStmt *stmt, int index, gint64 value);
  int          (*bind_double)    (PbDbStmt *stmt, int index, double value);
  int          (*bind_text)      (PbDbStmt *stmt, int index, const char *value);
  int          (*bind_null)      (PbDbStmt *stmt, int index);

  int          (*column_count)   (PbDbStmt *stmt);
  int          (*column_type)    (PbDbStmt *stmt, int index);
  gint64       (*column_int64)   (PbDbStmt *stmt, int index);
  double       (*column_double)  (PbDbStmt *stmt, int index);
  const char  *(*column_text)    (PbDbStmt *stmt, int index);
  const char  *(*column_name)    (PbDbStmt *stmt, int index);

  int          (*exec)           (PbDb *db, const char *sql);
  int          (*changes)        (PbDb *db);
  gint64       (*last_insert_id) (PbDb *db);
  gboolean     (*get_autocommit) (PbDb *db);
  int          (*begin)          (PbDb *db);
  void         (*busy_timeout)   (PbDb *db, int msec);
  const char  *(*errmsg)         (PbDb *db);
  int          (*errcode)        (PbDb *db);
  gint64       (*data_version)   (PbDb *db);
  gboolean     (*take_changes)   (PbDb *db, GArray *changes);
  gboolean     (*is_lost)        (PbDb *db);
  int          (*reconnect)      (PbDb *db, int budget_msec);
  int          (*get_reach)      (PbDb *db);
} PbDbVTable;

struct _PbDb
{
  const PbDbVTable *vt;
  guint64           n_statements;
  guint64           n_rows;
  gboolean          arrived_only; /* pb_db_data_version_arrived () */
};

struct _PbDbStmt
{
  PbDb     *db;
  gboolean  started;   /* stepped since the last reset */
};

int pb_db_sqlite_open (const char *path, int flags, PbDb **db);
#ifdef PB_DB_HAVE_PG
int pb_db_pg_open     (const char *conninfo, const char *password, int flags, PbDb **db);
char *pb_db_pg_login  (const char *conninfo);
#endif

G_END_DECLS
