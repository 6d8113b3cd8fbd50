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

static GArray *
query_ids (PbRecordList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  PbDbStmt *stmt;

  stmt = pb_store_prepare (self->store, self->sql, &error);
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

void
pb_record_list_refresh (PbRecordList *self)
{
  g_autoptr(GArray) old = NULL;
  const gint64 *a, *b;
  guint n_old, n_new, prefix = 0, suffix = 0;

  if (self->store == NULL)
    return;

  old = self->ids;
  self->ids = query_ids (self);

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
