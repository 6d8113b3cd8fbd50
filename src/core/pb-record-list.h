/* pb-record-list.h — a live list of records from one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_RECORD_LIST (pb_record_list_get_type ())
G_DECLARE_FINAL_TYPE (PbRecordList, pb_record_list, PB, RECORD_LIST, GObject)

PbRecordList *pb_record_list_new         (PbStore            *store,
                                          GType               item_type,
                                          const char         *sql,
                                          gint64              param,
                                          const char * const *depends_on);
gboolean      pb_record_list_depends_on  (PbRecordList       *self,
                                          const char         *table);
void          pb_record_list_refresh     (PbRecordList       *self);
void          pb_record_list_set_key     (PbRecordList       *self,
                                          const char         *column);
const char   *pb_record_list_get_key     (PbRecordList       *self,
                                          gint64             *param);
gboolean      pb_record_list_has_any     (PbRecordList       *self,
                                          GHashTable         *ids);
PbRecordList *pb_record_list_new_keyed   (PbStore            *store,
                                          GType               item_type,
                                          const char         *table,
                                          const char         *column,
                                          gint64              param,
                                          const char         *order);
gboolean      pb_record_list_can_apply   (PbRecordList       *self);
void          pb_record_list_apply       (PbRecordList       *self,
                                          GHashTable         *ids,
                                          GPtrArray          *rows);

G_END_DECLS
