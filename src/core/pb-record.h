/* pb-record.h — a row of the library, as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PB_COLUMN_INT,
  PB_COLUMN_TEXT,
  PB_COLUMN_REAL,
  PB_COLUMN_BOOL,
  PB_COLUMN_ENUM,
} PbColumnType;

/**
 * PbColumn:
 * @name: the column's name in SQL; the property has the same name with
 *   `_` written as `-`
 * @type: how the column is stored
 * @enum_type: for %PB_COLUMN_ENUM, the enum's get_type function
 * @nullable: whether SQL NULL is allowed. NULL reads as 0 for integers and
 *   enums, NaN for reals and %NULL for text, and those values write NULL.
 * @references: for a foreign key, the table it points at, else %NULL
 */
typedef struct
{
  const char   *name;
  PbColumnType  type;
  GType       (*enum_type) (void);
  gboolean      nullable;
  const char   *references;
} PbColumn;

#define PB_TYPE_RECORD (pb_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (PbRecord, pb_record, PB, RECORD, GObject)

struct _PbRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  const char      *table;
  const PbColumn  *columns;
  guint            n_columns;
  GParamSpec     **pspecs;
  /* Column name's address → its index (pb_record_class_find_column ()) */
  gpointer         found[32];
};

void            pb_record_class_set_table  (PbRecordClass  *klass,
                                            const char     *table,
                                            const PbColumn *columns,
                                            guint           n_columns);
const PbColumn *pb_record_class_find_column (PbRecordClass *klass,
                                             const char    *name,
                                             guint         *index);

gint64          pb_record_get_id           (PbRecord   *self);
const char     *pb_record_get_table        (PbRecord   *self);
gboolean        pb_record_is_deleted       (PbRecord   *self);
const GValue   *pb_record_peek_value       (PbRecord   *self,
                                            const char *column);
const char     *pb_record_get_string       (PbRecord   *self,
                                            const char *column);
gint64          pb_record_get_int          (PbRecord   *self,
                                            const char *column);
double          pb_record_get_double       (PbRecord   *self,
                                            const char *column);
gboolean        pb_record_get_boolean      (PbRecord   *self,
                                            const char *column);
int             pb_record_get_enum         (PbRecord   *self,
                                            const char *column);

G_END_DECLS
