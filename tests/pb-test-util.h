/* pb-test-util.h — helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

/* A fresh library in a fresh folder, for g_test_add (). */
typedef struct
{
  char    *dir;
  char    *path;
  PbStore *store;
} PbTestLibrary;

void      pb_test_library_set_up    (PbTestLibrary *f,
                                     gconstpointer  data);
void      pb_test_library_tear_down (PbTestLibrary *f,
                                     gconstpointer  data);

void      pb_test_library_run       (PbTestLibrary *f,
                                     gconstpointer  data);

/* The library is a file, or with PB_TEST_BACKEND=postgresql (the "-pg"
 * runs of tests/meson.build, under pg-server.sh) a fresh shared library
 * on the test server: the same test runs on both backends. */
#define PB_TEST_ADD_LIBRARY(path, func) \
  g_test_add (path, PbTestLibrary, (gconstpointer) (func), pb_test_library_set_up, \
              pb_test_library_run, pb_test_library_tear_down)

gboolean  pb_test_on_server     (void);
char     *pb_test_pg_library    (void);

char     *pb_test_make_dir      (void);
guint32   pb_test_julian        (int         year,
                                 int         month,
                                 int         day);
void      pb_test_remove_dir    (const char *dir);
char     *pb_test_checksum_file (const char *path);
char     *pb_test_dump_db       (const char *path);
char     *pb_test_dump_store    (PbStore    *store);
char     *pb_test_json_string   (JsonNode   *node);
char     *pb_test_export_string (PbStore    *store,
                                 gint64      plan_id);
void      pb_test_drop_side_files (const char *path);
gint64    pb_test_sql_int       (const char *path,
                                 const char *sql);
gint64    pb_test_add_big_plan  (PbStore    *store,
                                 const char *title,
                                 guint       n_items,
                                 GError    **error);
char     *pb_test_corpus_path   (const char *name);
char     *pb_test_run_status    (int        *status,
                                 const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;
char     *pb_test_run_ok        (const char *first,
                                 ...) G_GNUC_NULL_TERMINATED;
void      pb_test_drop_privileges     (void);
void      pb_test_assert_cannot_write (const char *path,
                                       gboolean    is_folder);

/* Whether a shared object whose file name starts with @prefix
 * ("libpq.so") is mapped into this process. */
gboolean  pb_test_maps_have     (const char *prefix);
/* Whether the dynamic loader would load it for the program @path. */
gboolean  pb_test_program_loads (const char *path,
                                 const char *prefix);

/* A throwaway PostgreSQL server (tests/pg-server.sh). */
char     *pb_test_pg_database   (void);
char     *pb_test_pg_as         (const char *conninfo,
                                 const char *user);
char     *pb_test_psql          (int        *status,
                                 const char *conninfo,
                                 const char *sql);

G_END_DECLS
