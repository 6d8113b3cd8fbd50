/* pb-record.c — a row of the library, as a GObject
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every model object (plan, section, item …) is a PbRecord whose
 * properties are the columns of its table. Records are read-only to
 * everyone but the store: views read properties and listen to notify::,
 * and change data only through PbStore calls, which update the records
 * after the transaction commits.
 */
#define G_LOG_DOMAIN "pb-record"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pb-record-private.h"

typedef struct
{
  GValue   *values;
  gboolean  deleted;
} PbRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PbRecord, pb_record, G_TYPE_OBJECT)

static void
pb_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbRecord *self = PB_RECORD (object);
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  PbRecordClass *klass = PB_RECORD_GET_CLASS (self);

  if (prop_id == 0 || prop_id > klass->n_columns)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_copy (&priv->values[prop_id - 1], value);
}

static void
pb_record_finalize (GObject *object)
{
  PbRecord *self = PB_RECORD (object);
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  PbRecordClass *klass = PB_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_columns; i++)
    g_value_unset (&priv->values[i]);
  g_free (priv->values);

  G_OBJECT_CLASS (pb_record_parent_class)->finalize (object);
}

static void
pb_record_class_init (PbRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_record_finalize;
}

static void
pb_record_init (PbRecord *self)
{
}

/**
 * pb_record_class_set_table:
 * @klass: a record class, from its class_init
 * @table: the SQL table
 * @columns: (array length=n_columns): the table's columns; the first is `id`
 * @n_columns: the number of columns
 *
 * Installs one read-only property per column.
 */
void
pb_record_class_set_table (PbRecordClass  *klass,
                           const char     *table,
                           const PbColumn *columns,
                           guint           n_columns)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (n_columns > 0 && g_str_equal (columns[0].name, "id"));

  klass->table = table;
  klass->columns = columns;
  klass->n_columns = n_columns;
  klass->pspecs = g_new0 (GParamSpec *, n_columns + 1);

  object_class->get_property = pb_record_get_property;

  for (guint i = 0; i < n_columns; i++)
    {
      const PbColumn *column = &columns[i];
      g_autofree char *dashed = g_strdelimit (g_strdup (column->name), "_", '-');
      /* G_PARAM_STATIC_STRINGS: the name must outlive the class. */
      const char *name = g_intern_string (dashed);
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
      GParamSpec *pspec = NULL;

      switch (column->type)
        {
        case PB_COLUMN_INT:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case PB_COLUMN_TEXT:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case PB_COLUMN_REAL:
          pspec = g_param_spec_double (name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                       0.0, flags);
          break;
        case PB_COLUMN_BOOL:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case PB_COLUMN_ENUM:
          pspec = g_param_spec_enum (name, NULL, NULL, column->enum_type (), 0, flags);
          break;
        default:
          g_assert_not_reached ();
        }

      /* The names are static for the life of the class. */
      klass->pspecs[i] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

/**
 * pb_record_class_find_column:
 * @klass: a record class
 * @name: a column name (`due_date`) or property name (`due-date`)
 * @index: (out) (optional): the column's index
 *
 * Returns: (nullable): the column, or %NULL if the table has none of that name
 */
static gboolean
column_is_named (const PbColumn *column,
                 const char     *name)
{
  const char *a = column->name;
  const char *b = name;

  while (*a && *b && (*a == *b || (*a == '_' && *b == '-')))
    a++, b++;
  return *a == '\0' && *b == '\0';
}

const PbColumn *
pb_record_class_find_column (PbRecordClass *klass,
                             const char    *name,
                             guint         *index)
{
  /* Callers name columns by literals ("due_date"): the index last found
   * for a name's address is tried first, and checked (another string may
   * have come to that address since), before every column is. Each entry
   * is one word, the address shifted left by 8 bits and the index + 1,
   * read and written atomically: a record is read from any thread. */
  guintptr address = (guintptr) name;
  guint slot = (guint) ((address ^ (address >> 5)) & (G_N_ELEMENTS (klass->found) - 1));
  gboolean cacheable = (address >> (sizeof (guintptr) * 8 - 9)) == 0;

  g_return_val_if_fail (PB_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (cacheable)
    {
      guintptr entry = (guintptr) g_atomic_pointer_get (&klass->found[slot]);
      guint i = (guint) (entry & 0xff);

      if (entry >> 8 == address && i > 0 && i <= klass->n_columns && column_is_named (&klass->columns[i - 1], name))
        {
          if (index)
            *index = i - 1;
          return &klass->columns[i - 1];
        }
    }

  for (guint i = 0; i < klass->n_columns; i++)
    if (column_is_named (&klass->columns[i], name))
      {
        if (cacheable && i < 255)
          g_atomic_pointer_set (&klass->found[slot], (gpointer) ((address << 8) | (i + 1)));
        if (index)
          *index = i;
        return &klass->columns[i];
      }

  return NULL;
}

void
pb_column_read (const PbColumn *column,
                PbDbStmt       *stmt,
                int             index,
                GValue         *value)
{
  const char *text;

  /* A NULL is told by the text being NULL where a column is read as
   * text (both backends give NULL for it, and only for it): asking the
   * type of every value was a fifth of reading a row. */
  switch (column->type)
    {
    case PB_COLUMN_INT:
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, pb_db_column_int64 (stmt, index));
      break;
    case PB_COLUMN_TEXT:
      g_value_init (value, G_TYPE_STRING);
      text = (const char *) pb_db_column_text (stmt, index);
      if (text != NULL)
        g_value_set_string (value, text);
      break;
    case PB_COLUMN_REAL:
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, pb_db_column_type (stmt, index) == PB_DB_NULL ? NAN : pb_db_column_double (stmt, index));
      break;
    case PB_COLUMN_BOOL:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, pb_db_column_int (stmt, index) != 0);
      break;
    case PB_COLUMN_ENUM:
      g_value_init (value, column->enum_type ());
      text = (const char *) pb_db_column_text (stmt, index);
      if (text != NULL)
        pb_column_value_from_string (column, text, value);
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
pb_column_value_from_string (const PbColumn *column,
                             const char     *text,
                             GValue         *value)
{
  GType type;
  GEnumClass *enum_class;
  GEnumValue *ev;

  g_assert (column->type == PB_COLUMN_ENUM);

  type = column->enum_type ();
  if (!G_IS_VALUE (value))
    g_value_init (value, type);

  if (text == NULL)
    return column->nullable;

  /* The enum's class, made once and kept (a reference taken and dropped
   * for each value read was a tenth of reading a row). */
  enum_class = g_type_class_peek (type);
  if (enum_class == NULL)
    enum_class = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (enum_class, text);
  if (ev == NULL)
    return FALSE;

  g_value_set_enum (value, ev->value);
  return TRUE;
}

int
pb_column_bind (const PbColumn *column,
                PbDbStmt       *stmt,
                int             index,
                const GValue   *value)
{
  switch (column->type)
    {
    case PB_COLUMN_INT:
      {
        gint64 v = g_value_get_int64 (value);
        if (column->nullable && v == 0)
          return pb_db_bind_null (stmt, index);
        return pb_db_bind_int64 (stmt, index, v);
      }
    case PB_COLUMN_TEXT:
      {
        const char *s = g_value_get_string (value);
        if (s == NULL)
          return column->nullable ? pb_db_bind_null (stmt, index)
                                  : pb_db_bind_text (stmt, index, "");
        return pb_db_bind_text (stmt, index, s);
      }
    case PB_COLUMN_REAL:
      {
        double d = g_value_get_double (value);
        if (isnan (d))
          return column->nullable ? pb_db_bind_null (stmt, index) : PB_DB_MISMATCH;
        if (!isfinite (d))
          return PB_DB_MISMATCH;
        return pb_db_bind_double (stmt, index, d);
      }
    case PB_COLUMN_BOOL:
      return pb_db_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
    case PB_COLUMN_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (column->enum_type ());
        int v = g_value_get_enum (value);
        GEnumValue *ev = g_enum_get_value (enum_class, v);

        if (ev == NULL)
          return PB_DB_MISMATCH;
        if (column->nullable && v == 0)
          return pb_db_bind_null (stmt, index);
        return pb_db_bind_text (stmt, index, ev->value_nick);
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  switch (G_VALUE_TYPE (a))
    {
    case G_TYPE_INT64:   return g_value_get_int64 (a) == g_value_get_int64 (b);
    case G_TYPE_BOOLEAN: return g_value_get_boolean (a) == g_value_get_boolean (b);
    case G_TYPE_STRING:  return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
    case G_TYPE_DOUBLE:
      {
        double x = g_value_get_double (a), y = g_value_get_double (b);
        return x == y || (isnan (x) && isnan (y));
      }
    default:
      if (G_VALUE_HOLDS_ENUM (a))
        return g_value_get_enum (a) == g_value_get_enum (b);
      g_assert_not_reached ();
    }
}

PbRecord *
pb_record_new_from_row (GType         type,
                        PbDbStmt *stmt)
{
  PbRecord *self = g_object_new (type, NULL);
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  PbRecordClass *klass = PB_RECORD_GET_CLASS (self);

  g_assert (pb_db_column_count (stmt) == (int) klass->n_columns);

  priv->values = g_new0 (GValue, klass->n_columns);
  for (guint i = 0; i < klass->n_columns; i++)
    pb_column_read (&klass->columns[i], stmt, i, &priv->values[i]);

  return self;
}

/* A copy of @self that is no row's: what the row held, with @column set
 * to @value (of the column's type), for judging a record as it stood on
 * another day. */
PbRecord *
pb_record_dup_with (PbRecord     *self,
                    const char   *column,
                    const GValue *value)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  PbRecordClass *klass = PB_RECORD_GET_CLASS (self);
  PbRecord *copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  PbRecordPrivate *cp = pb_record_get_instance_private (copy);
  guint index = G_MAXUINT;

  if (column != NULL && !pb_record_class_find_column (klass, column, &index))
    g_critical ("Table %s has no column %s", klass->table, column);
  cp->values = g_new0 (GValue, klass->n_columns);
  for (guint i = 0; i < klass->n_columns; i++)
    {
      const GValue *from = i == index ? value : &priv->values[i];

      if (G_VALUE_TYPE (&priv->values[i]) == G_TYPE_INVALID)
        continue;
      g_value_init (&cp->values[i], G_VALUE_TYPE (&priv->values[i]));
      g_value_copy (from, &cp->values[i]);
    }
  return copy;
}

/* Takes the row's values and notifies each property that really changed. */
void
pb_record_update_from_row (PbRecord     *self,
                           PbDbStmt *stmt)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  PbRecordClass *klass = PB_RECORD_GET_CLASS (self);

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < klass->n_columns; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      pb_column_read (&klass->columns[i], stmt, i, &value);
      if (!values_equal (&value, &priv->values[i]))
        {
          g_value_unset (&priv->values[i]);
          priv->values[i] = value;
          memset (&value, 0, sizeof value);
          g_object_notify_by_pspec (G_OBJECT (self), klass->pspecs[i]);
        }
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
pb_record_mark_deleted (PbRecord *self)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);

  priv->deleted = TRUE;
}

/**
 * pb_record_is_deleted:
 * @self: a record
 *
 * Returns: %TRUE once the row behind @self has been deleted. An undo that
 *   brings the row back gives a new record for it.
 */
gboolean
pb_record_is_deleted (PbRecord *self)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);

  g_return_val_if_fail (PB_IS_RECORD (self), TRUE);

  return priv->deleted;
}

gint64
pb_record_get_id (PbRecord *self)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);

  g_return_val_if_fail (PB_IS_RECORD (self), 0);

  /* Every table's first column is its id, an INT (pb_column_read ()). */
  return priv->values[0].data[0].v_int64;
}

/* The record's values, in its class's column order, each of its
 * column's type: for a reader of many records that has looked its
 * columns up once (the health cache). */
const GValue *
pb_record_peek_values (PbRecord *self)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);

  return priv->values;
}

const char *
pb_record_get_table (PbRecord *self)
{
  g_return_val_if_fail (PB_IS_RECORD (self), NULL);

  return PB_RECORD_GET_CLASS (self)->table;
}

/**
 * pb_record_peek_value:
 * @self: a record
 * @column: a column name
 *
 * Returns: (transfer none): the column's value
 */
const GValue *
pb_record_peek_value (PbRecord   *self,
                      const char *column)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  guint index;

  g_return_val_if_fail (PB_IS_RECORD (self), NULL);

  if (!pb_record_class_find_column (PB_RECORD_GET_CLASS (self), column, &index))
    {
      g_critical ("Table %s has no column %s", pb_record_get_table (self), column);
      return NULL;
    }

  return &priv->values[index];
}

/* The value of @column, which must be of @type. Every value was made of
 * its column's type (pb_column_read ()), so the column's type says what
 * the GValue holds: a getter reads it without GType checks, the largest
 * part of a getter's cost (a health cache of 20,000 items makes hundreds
 * of thousands of them at a start). */
static const GValue *
peek_typed (PbRecord     *self,
            const char   *column,
            PbColumnType  type)
{
  PbRecordPrivate *priv = pb_record_get_instance_private (self);
  PbRecordClass *klass;
  const PbColumn *c;
  guint index;

  g_return_val_if_fail (PB_IS_RECORD (self), NULL);

  klass = PB_RECORD_GET_CLASS (self);
  c = pb_record_class_find_column (klass, column, &index);
  if (c == NULL)
    {
      g_critical ("Table %s has no column %s", klass->table, column);
      return NULL;
    }
  if (c->type != type)
    {
      g_critical ("Column %s.%s is not of the type asked for", klass->table, column);
      return NULL;
    }
  return &priv->values[index];
}

const char *
pb_record_get_string (PbRecord   *self,
                      const char *column)
{
  const GValue *value = peek_typed (self, column, PB_COLUMN_TEXT);

  return value ? value->data[0].v_pointer : NULL;
}

gint64
pb_record_get_int (PbRecord   *self,
                   const char *column)
{
  const GValue *value = peek_typed (self, column, PB_COLUMN_INT);

  return value ? value->data[0].v_int64 : 0;
}

double
pb_record_get_double (PbRecord   *self,
                      const char *column)
{
  const GValue *value = peek_typed (self, column, PB_COLUMN_REAL);

  return value ? value->data[0].v_double : NAN;
}

gboolean
pb_record_get_boolean (PbRecord   *self,
                       const char *column)
{
  const GValue *value = peek_typed (self, column, PB_COLUMN_BOOL);

  return value ? value->data[0].v_int != 0 : FALSE;
}

int
pb_record_get_enum (PbRecord   *self,
                    const char *column)
{
  const GValue *value = peek_typed (self, column, PB_COLUMN_ENUM);

  return value ? (int) value->data[0].v_long : 0;
}
