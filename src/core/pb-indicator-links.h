/* pb-indicator-links.h — indicators belong to the plan, items serve them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-db.h"

#include "pb-store.h"

G_BEGIN_DECLS

/* Reading */
GListModel  *pb_store_list_item_indicators (PbStore *self,
                                            gint64   item_id);
GListModel  *pb_store_list_indicator_items (PbStore *self,
                                            gint64   indicator_id);
GHashTable  *pb_store_dup_indicator_items  (PbStore *self,
                                            gint64   plan_id);
char        *pb_store_dup_indicator_item_numbers (PbStore *self,
                                                  gint64   indicator_id);
int          pb_store_get_indicator_decimals (PbStore *self,
                                              gint64   indicator_id);
char        *pb_store_dup_merge_conflict     (PbStore *self,
                                              gint64   keep_id,
                                              gint64   gone_id);

/* Commands: each one transaction and one undoable command. */
gint64       pb_store_link_indicator   (PbStore  *self,
                                        gint64    item_id,
                                        gint64    indicator_id,
                                        GError  **error);
gboolean     pb_store_detach_indicator (PbStore  *self,
                                        gint64    item_id,
                                        gint64    indicator_id,
                                        GError  **error);
gboolean     pb_store_merge_indicators (PbStore  *self,
                                        gint64    keep_id,
                                        gint64    gone_id,
                                        GError  **error);

/* On a raw connection, inside the caller's transaction (the schema
 * migration, the import of a plan file). */
char        *pb_indicators_find_conflict    (PbDb     *db,
                                             gint64    a,
                                             gint64    b);
gboolean     pb_indicators_merge_rows       (PbDb     *db,
                                             gint64    keep_id,
                                             gint64    gone_id,
                                             GError  **error);
gboolean     pb_indicators_merge_duplicates (PbDb     *db,
                                             gint64    plan_id,
                                             GError  **error);

G_END_DECLS
