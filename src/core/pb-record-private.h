/* pb-record-private.h — what the store alone may do to a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pb-record.h"

G_BEGIN_DECLS

PbRecord *pb_record_new_from_row   (GType          type,
                                    sqlite3_stmt  *stmt);
void      pb_record_update_from_row (PbRecord     *self,
                                     sqlite3_stmt *stmt);
void      pb_record_mark_deleted    (PbRecord     *self);
void      pb_column_read            (const PbColumn *column,
                                     sqlite3_stmt   *stmt,
                                     int             index,
                                     GValue         *value);
int       pb_column_bind            (const PbColumn *column,
                                     sqlite3_stmt   *stmt,
                                     int             index,
                                     const GValue   *value);
gboolean  pb_column_value_from_string (const PbColumn *column,
                                       const char     *text,
                                       GValue         *value);

G_END_DECLS
