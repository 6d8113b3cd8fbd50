/* pb-record-list.c — a live list of records from one query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds only row ids, in the query's order; records come from
 * the store's identity map when asked for, so a list of 100,000 items
 * costs 800 kB until it is scrolled. After each command the store asks
 * the lists that depend on a changed table to refresh: the query runs
 * again and the list emits items-changed for the span that differs.
 */
#define G_LOG_DOMAIN "pb-record-list"

#include "config.h"

#include <string.h>

#include "pb-record-list.h"
#include "pb-store-private.h"

struct _PbRecordList
{
  GObject   parent_instance;

  PbStore  *store;       /* weak */
  GType     item_type;
  char     *sql;
  gint64    param;
  char    **depends_on;
  char     *key;         /* the column of its one table that ?1 selects on */
  GArray   *ids;
  /* A keyed list ordered by columns of its table keeps each row's values
   * of them, as one string that sorts as the query does: changed rows
   * then go to their places without the query running again. */
  int      *order;       /* the order's columns in the record class, -1 ended, or NULL */
  char     *order_sql;   /* the query, also reading the order's columns */
  GPtrArray *sort_keys;  /* char *, one per id */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbRecordList, pb_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
pb_record_list_get_item_type (GListModel *model)
{
  return PB_RECORD_LIST (model)->item_type;
}

static guint
pb_record_list_get_n_items (GListModel *model)
{
  return PB_RECORD_LIST (model)->ids->len;
}

static gpointer
pb_record_list_get_item (GListModel *model,
                         guint       position)
{
  PbRecordList *self = PB_RECORD_LIST (model);

  if (position >= self->ids->len || self->store == NULL)
    return NULL;

  return pb_store_get_record (self->store, self->item_type,
                              g_array_index (self->ids, gint64, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_record_list_get_item_type;
  iface->get_n_items = pb_record_list_get_n_items;
  iface->get_item = pb_record_list_get_item;
}

static void
pb_record_list_finalize (GObject *object)
{
  PbRecordList *self = PB_RECORD_LIST (object);

  g_clear_weak_pointer (&self->store);
  g_clear_pointer (&self->sql, g_free);
  g_clear_pointer (&self->depends_on, g_strfreev);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->order_sql, g_free);
  g_clear_pointer (&self->sort_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_record_list_parent_class)->finalize (object);
}

static void
pb_record_list_class_init (PbRecordListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_record_list_finalize;
}

static void
pb_record_list_init (PbRecordList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Sixteen lowercase hex digits, as "%016" G_GINT64_MODIFIER "x" gives
 * (without printf: a list of 18,000 items makes 36,000 of them). */
static void
append_hex64 (GString *key,
              guint64  v)
{
  char digits[16];

  for (int i = 15; i >= 0; i--, v >>= 4)
    digits[i] = "0123456789abcdef"[v & 0xf];
  g_string_append_len (key, digits, sizeof digits);
}

/* One value of an order column, as a string that sorts by strcmp() as
 * the value does: integers biased and in hex, reals by their bits. */
static void
append_sort_value (GString     *key,
                   PbColumnType type,
                   gint64       i,
                   double       d,
                   const char  *text)
{
  if (key->len > 0)
    g_string_append_c (key, '\x01');
  switch (type)
    {
    case PB_COLUMN_TEXT:
      g_string_append (key, text ? text : "");
      break;
    case PB_COLUMN_REAL:
      {
        guint64 bits;

        memcpy (&bits, &d, sizeof bits);
        bits = (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
        append_hex64 (key, bits);
      }
      break;
    default:
      append_hex64 (key, (guint64) i ^ G_GUINT64_CONSTANT (0x8000000000000000));
      break;
    }
}

static char *
sort_key_of_row (PbRecordList  *self,
                 PbRecordClass *klass,
                 PbDbStmt      *stmt)
{
  GString *key = g_string_sized_new (48);

  for (guint o = 0; self->order[o] >= 0; o++)
    {
      const PbColumn *c = &klass->columns[self->order[o]];

      append_sort_value (key, c->type, pb_db_column_int64 (stmt, o + 1), pb_db_column_double (stmt, o + 1),
                         (const char *) pb_db_column_text (stmt, o + 1));
    }
  return g_string_free (key, FALSE);
}

static char *
sort_key_of_record (PbRecordList *self,
                    PbRecord     *record)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (self->item_type);
  GString *key = g_string_new (NULL);

  for (guint o = 0; self->order[o] >= 0; o++)
    {
      const PbColumn *c = &klass->columns[self->order[o]];

      switch (c->type)
        {
        case PB_COLUMN_TEXT:
          append_sort_value (key, c->type, 0, 0, pb_record_get_string (record, c->name));
          break;
        case PB_COLUMN_REAL:
          append_sort_value (key, c->type, 0, pb_record_get_double (record, c->name), NULL);
          break;
        case PB_COLUMN_BOOL:
          append_sort_value (key, c->type, pb_record_get_boolean (record, c->name) ? 1 : 0, 0, NULL);
          break;
        default:
          append_sort_value (key, c->type, g_str_equal (c->name, "id") ? pb_record_get_id (record)
                                                                      : pb_record_get_int (record, c->name), 0, NULL);
          break;
        }
    }
  return g_string_free (key, FALSE);
}

static GArray *
query_ids (PbRecordList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbRecordClass) klass = g_type_class_ref (self->item_type);
  PbDbStmt *stmt;

  if (self->order != NULL)
    {
      g_clear_pointer (&self->sort_keys, g_ptr_array_unref);
      self->sort_keys = g_ptr_array_new_with_free_func (g_free);
    }
  stmt = pb_store_prepare (self->store, self->order_sql ? self->order_sql : self->sql, &error);
  if (stmt == NULL)
    {
      g_critical ("Cannot list records: %s", error->message);
      return ids;
    }

  if (strstr (self->sql, "?1") != NULL)
    pb_db_bind_int64 (stmt, 1, self->param);

  while (pb_store_step (self->store, stmt, &error))
    {
      gint64 id = pb_db_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
      if (self->order != NULL)
        g_ptr_array_add (self->sort_keys, sort_key_of_row (self, klass, stmt));
    }

  if (error != NULL)
    g_warning ("Listing records stopped early: %s", error->message);

  pb_db_reset (stmt);
  return ids;
}

PbRecordList *
pb_record_list_new (PbStore            *store,
                    GType               item_type,
                    const char         *sql,
                    gint64              param,
                    const char * const *depends_on)
{
  PbRecordList *self = g_object_new (PB_TYPE_RECORD_LIST, NULL);

  g_set_weak_pointer (&self->store, store);
  self->item_type = item_type;
  self->sql = g_strdup (sql);
  self->param = param;
  self->depends_on = g_strdupv ((char **) depends_on);

  g_array_unref (self->ids);
  self->ids = query_ids (self);

  return self;
}

gboolean
pb_record_list_depends_on (PbRecordList *self,
                           const char   *table)
{
  return g_strv_contains ((const char * const *) self->depends_on, table);
}

static void emit_difference (PbRecordList *self, GArray *old);

void
pb_record_list_refresh (PbRecordList *self)
{
  g_autoptr(GArray) old = NULL;

  if (self->store == NULL)
    return;

  old = self->ids;
  self->ids = query_ids (self);
  emit_difference (self, old);
}

/* Emits items-changed for the span where @old and the list differ. */
static void
emit_difference (PbRecordList *self,
                 GArray       *old)
{
  const gint64 *a, *b;
  guint n_old, n_new, prefix = 0, suffix = 0;

  a = (const gint64 *) (gpointer) old->data;
  b = (const gint64 *) (gpointer) self->ids->data;
  n_old = old->len;
  n_new = self->ids->len;

  while (prefix < n_old && prefix < n_new && a[prefix] == b[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         a[n_old - 1 - suffix] == b[n_new - 1 - suffix])
    suffix++;

  if (prefix == n_old && prefix == n_new)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              n_old - prefix - suffix,
                              n_new - prefix - suffix);
}

/* Says that the list is exactly the rows of its one table whose @column
 * is its parameter (`… FROM t WHERE column = ?1 ORDER BY …`), so that a
 * change to rows of that table that neither are in the list nor have
 * that value cannot change it: the store then does not query it again. */
void
pb_record_list_set_key (PbRecordList *self,
                        const char   *column)
{
  g_return_if_fail (g_strv_length (self->depends_on) == 1);

  g_free (self->key);
  self->key = g_strdup (column);
}

/* The column set by pb_record_list_set_key (), or NULL; and the value. */
const char *
pb_record_list_get_key (PbRecordList *self,
                        gint64       *param)
{
  if (param != NULL)
    *param = self->param;
  return self->key;
}

/* Whether the list holds any of @ids (a set of gint64 *). */
gboolean
pb_record_list_has_any (PbRecordList *self,
                        GHashTable   *ids)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_hash_table_contains (ids, &g_array_index (self->ids, gint64, i)))
      return TRUE;
  return FALSE;
}

/* Says that the list's order (its query's ORDER BY, @order) is of columns
 * of its table, so that pb_record_list_apply () can place changed rows
 * itself. An order of anything else (an expression, an enum stored as
 * its name) leaves the list to its query. Call before the list is read. */
static void
set_order (PbRecordList *self,
           const char   *table,
           const char   *order)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (self->item_type);
  g_auto(GStrv) terms = g_strsplit (order, ",", -1);
  g_autofree int *columns = g_new (int, g_strv_length (terms) + 1);
  g_autoptr(GString) select = g_string_new ("SELECT id");

  g_return_if_fail (self->key != NULL);

  for (guint o = 0; terms[o]; o++)
    {
      const char *name = g_strstrip (terms[o]);

      columns[o] = -1;
      for (guint c = 0; c < klass->n_columns; c++)
        if (g_str_equal (klass->columns[c].name, name) && klass->columns[c].type != PB_COLUMN_ENUM &&
            !klass->columns[c].nullable)
          columns[o] = c;
      if (columns[o] < 0)
        return;
      g_string_append_printf (select, ",%s", name);
    }
  columns[g_strv_length (terms)] = -1;
  g_string_append_printf (select, " FROM %s WHERE %s = ?1 ORDER BY %s", table, self->key, order);

  g_free (self->order);
  self->order = g_steal_pointer (&columns);
  g_free (self->order_sql);
  self->order_sql = g_string_free (g_steal_pointer (&select), FALSE);
}

/* A list of the rows of @table whose @column is @param, in @order: see
 * pb_record_list_set_key (); when @order is of the table's columns, the
 * list places changed rows itself (pb_record_list_apply ()). */
PbRecordList *
pb_record_list_new_keyed (PbStore    *store,
                          GType       item_type,
                          const char *table,
                          const char *column,
                          gint64      param,
                          const char *order)
{
  PbRecordList *self = g_object_new (PB_TYPE_RECORD_LIST, NULL);

  g_set_weak_pointer (&self->store, store);
  self->item_type = item_type;
  self->sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1 ORDER BY %s", table, column, order);
  self->param = param;
  self->depends_on = g_strdupv ((char **) (const char * const[]) { table, NULL });
  self->key = g_strdup (column);
  set_order (self, table, order);

  g_array_unref (self->ids);
  self->ids = query_ids (self);

  return self;
}

/* Whether pb_record_list_apply () can bring the list up to date. */
gboolean
pb_record_list_can_apply (PbRecordList *self)
{
  return self->order != NULL && self->sort_keys != NULL;
}

/* Brings a keyed, ordered list up to date after the rows @ids (a set of
 * gint64 *) of its table changed, without a query: @rows are the records
 * of those still there, as they are now. The rows among @ids whose key is
 * the list's go to their places in its order; the others leave it. */
void
pb_record_list_apply (PbRecordList *self,
                      GHashTable   *ids,
                      GPtrArray    *rows)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  g_return_if_fail (pb_record_list_can_apply (self));

  old = self->ids;
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), old->len + rows->len);
  keys = g_steal_pointer (&self->sort_keys);
  self->sort_keys = g_ptr_array_new_full (keys->len + rows->len, g_free);
  for (guint i = 0; i < old->len; i++)
    if (!g_hash_table_contains (ids, &g_array_index (old, gint64, i)))
      {
        g_array_append_val (self->ids, g_array_index (old, gint64, i));
        g_ptr_array_add (self->sort_keys, g_steal_pointer (&keys->pdata[i]));
      }

  for (guint r = 0; r < rows->len; r++)
    {
      PbRecord *record = g_ptr_array_index (rows, r);
      gint64 id = pb_record_get_id (record);
      char *key;
      guint lo = 0, hi = self->ids->len;

      if (pb_record_is_deleted (record) || pb_record_get_int (record, self->key) != self->param)
        continue;
      key = sort_key_of_record (self, record);
      while (lo < hi) /* after the rows that sort before it or with it */
        {
          guint mid = (lo + hi) / 2;

          if (strcmp (g_ptr_array_index (self->sort_keys, mid), key) <= 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_insert_val (self->ids, lo, id);
      g_ptr_array_insert (self->sort_keys, lo, key);
    }
  emit_difference (self, old);
}
