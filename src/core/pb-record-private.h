/* pb-record-private.h — what the store alone may do to a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-db.h"

#include "pb-record.h"

G_BEGIN_DECLS

PbRecord *pb_record_new_from_row   (GType          type,
                                    PbDbStmt      *stmt);
void      pb_record_update_from_row (PbRecord     *self,
                                     PbDbStmt *stmt);
void      pb_record_mark_deleted    (PbRecord     *self);
PbRecord *pb_record_dup_with        (PbRecord     *self,
                                     const char   *column,
                                     const GValue *value);
const GValue *pb_record_peek_values (PbRecord     *self);
void      pb_column_read            (const PbColumn *column,
                                     PbDbStmt       *stmt,
                                     int             index,
                                     GValue         *value);
int       pb_column_bind            (const PbColumn *column,
                                     PbDbStmt       *stmt,
                                     int             index,
                                     const GValue   *value);
gboolean  pb_column_value_from_string (const PbColumn *column,
                                       const char     *text,
                                       GValue         *value);

G_END_DECLS
