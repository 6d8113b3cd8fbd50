/* pb-store-private.h — the store's helpers for the code that extends it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only src/core uses these. A command is:
 *
 *   if (!pb_store_begin (self, error))
 *     return 0;
 *   ok = … pb_store_insert () / pb_store_update () / pb_store_exec () …;
 *   return pb_store_finish (self, ok, _("Label"), error) ? id : 0;
 */
#pragma once

#include "pb-db.h"

#include "pb-record-private.h"
#include "pb-store.h"

G_BEGIN_DECLS

gboolean      pb_store_begin    (PbStore     *self,
                                 GError     **error);
gboolean      pb_store_finish   (PbStore     *self,
                                 gboolean     ok,
                                 const char  *label,
                                 GError     **error);
gint64        pb_store_insert   (PbStore     *self,
                                 GType        type,
                                 GError     **error,
                                 const char  *first_column,
                                 ...) G_GNUC_NULL_TERMINATED;
gboolean      pb_store_update   (PbStore     *self,
                                 GType        type,
                                 gint64       id,
                                 GError     **error,
                                 const char  *first_column,
                                 ...) G_GNUC_NULL_TERMINATED;
gboolean      pb_store_exec     (PbStore     *self,
                                 const char  *sql,
                                 GError     **error);
PbDbStmt     *pb_store_prepare  (PbStore     *self,
                                 const char  *sql,
                                 GError     **error);
gboolean      pb_store_step     (PbStore      *self,
                                 PbDbStmt     *stmt,
                                 GError      **error);
gboolean      pb_store_step_done (PbStore      *self,
                                  PbDbStmt     *stmt,
                                  GError      **error);
gboolean      pb_store_set_error (PbStore     *self,
                                  int          rc,
                                  GError     **error);
PbDb         *pb_store_get_conn (PbStore     *self);
/* The SQLite handle of a store on a library file (NULL on a server): for
 * tests that poke at the connection on purpose. */
struct sqlite3 *pb_store_get_db (PbStore     *self);
gboolean      pb_store_exec_ids (PbStore     *self,
                                 const char  *sql,
                                 gint64       first,
                                 gint64       second,
                                 GError     **error);
GListModel   *pb_store_list_query (PbStore    *self,
                                   GType       type,
                                   const char *sql,
                                   gint64      param,
                                   const char *table);
gboolean      pb_store_check_file (const char  *path,
                                   GError     **error);
gint64        pb_store_import_plan_json_in (PbStore   *self,
                                            JsonNode  *root,
                                            GError   **error);
void          pb_store_remove_stale_files (const char *dir,
                                           const char *prefix);
/* The day the item changes of status and progress made next, in the
 * open command, are as of (a progress form's "as of" day); NULL is today,
 * as it is again once the command finishes. */
void          pb_store_set_change_date (PbStore    *self,
                                        const char *date);

G_END_DECLS
