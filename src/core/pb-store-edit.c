/* pb-store-edit.c — editing a plan by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The commands a planner uses to build and reshape a plan in the window:
 * insert and delete items, add, rename, move, nest and delete sections,
 * change the plan's properties, and change many items at once. Each
 * function is one transaction and one command in the history, whose label
 * says what it did ("Delete 3 Items", "Move Section").
 */
#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pb-format.h"
#include "pb-health.h"
#include "pb-outline.h"
#include "pb-record-private.h"
#include "pb-store-private.h"

#define SUBTREE_SQL \
  "WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS BIGINT) UNION ALL" \
  " SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id) "

static gboolean
not_found (GError **error)
{
  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
               _("The thing being changed no longer exists."));
  return FALSE;
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, message);
  return FALSE;
}

/* One integer from a query with parameters ?1 and ?2 into @value;
 * @fallback when no row (or NULL). A read that fails is an error, never
 * the fallback: every read is checked (a failed position read put a new
 * item first in its plan, a failed count deleted a section unasked). */
static gboolean
query_ids (PbStore    *self,
           const char *sql,
           gint64      first,
           gint64      second,
           gint64      fallback,
           gint64     *value,
           GError    **error)
{
  g_autoptr(GError) local = NULL;
  PbDbStmt *stmt = pb_store_prepare (self, sql, error);

  *value = fallback;
  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, first);
  pb_db_bind_int64 (stmt, 2, second);
  if (pb_store_step (self, stmt, &local) && pb_db_column_type (stmt, 0) != PB_DB_NULL)
    *value = pb_db_column_int64 (stmt, 0);
  pb_db_reset (stmt);
  if (local != NULL)
    {
      *value = fallback;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Whether the row of @sql (?1 = @id; its plan id) is in @plan_id: else
 * "no longer exists", or why it could not be read. */
static gboolean
in_plan (PbStore    *self,
         const char *sql,
         gint64      id,
         gint64      plan_id,
         GError    **error)
{
  gint64 got;

  if (!query_ids (self, sql, id, 0, 0, &got, error))
    return FALSE;
  return got == plan_id || not_found (error);
}

/* The position after which an item joins @section_id when nothing says
 * where: after the section's last item; in a section with none, after the
 * last item of the sections before it in document order (section.position),
 * its sub-sections not counted. So a
 * heading's own items come before its sub-sections' (as its words come
 * before (一) in the document), and the first item of an empty section
 * takes the section's place in the plan's order, not the end of the
 * plan. Items being moved (temp.pb_moving, with @moving) do not count.
 * -1: first in the plan. Without a section: last in the plan. %FALSE
 * with @error when it cannot be read. */
static gboolean
section_end_position (PbStore  *self,
                      gint64    plan_id,
                      gint64    section_id,
                      gboolean  moving,
                      gint64   *position,
                      GError  **error)
{
  gint64 own, last;

  if (!query_ids (self, moving ? "SELECT coalesce(max(position), -1) FROM item WHERE plan_id = ?1"
                                 " AND id NOT IN (SELECT id FROM temp.pb_moving)"
                               : "SELECT coalesce(max(position), -1) FROM item WHERE plan_id = ?1",
                  plan_id, 0, -1, &last, error))
    return FALSE;

  *position = last;
  if (section_id == 0)
    return TRUE;
  if (!query_ids (self, moving ? "SELECT max(position) FROM item WHERE plan_id = ?1 AND section_id = ?2"
                                 " AND id NOT IN (SELECT id FROM temp.pb_moving)"
                               : "SELECT max(position) FROM item WHERE plan_id = ?1 AND section_id = ?2",
                  plan_id, section_id, -2, &own, error))
    return FALSE;
  if (own != -2)
    {
      *position = own;
      return TRUE;
    }
  return query_ids (self, moving ? "SELECT coalesce(max(i.position), -1) FROM item i JOIN section s ON s.id = i.section_id"
                                   " WHERE i.plan_id = ?1 AND s.position <= (SELECT position FROM section WHERE id = ?2)"
                                   " AND i.id NOT IN (SELECT id FROM temp.pb_moving)"
                                 : "SELECT coalesce(max(i.position), -1) FROM item i JOIN section s ON s.id = i.section_id"
                                   " WHERE i.plan_id = ?1 AND s.position <= (SELECT position FROM section WHERE id = ?2)",
                    plan_id, section_id, last, position, error);
}

/* The ids, without duplicates, of rows that exist in one plan; else an error. */
static GArray *
check_items (PbStore       *self,
             const gint64  *item_ids,
             guint          n_items,
             gint64        *plan_id,
             GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  *plan_id = 0;
  if (n_items == 0)
    {
      invalid (error, _("No item is selected."));
      return NULL;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (self, PB_TYPE_ITEM, item_ids[i]);

      if (item == NULL)
        {
          not_found (error);
          return NULL;
        }
      if (*plan_id != 0 && pb_item_get_plan_id (item) != *plan_id)
        {
          invalid (error, _("The items are not in the same plan."));
          return NULL;
        }
      *plan_id = pb_item_get_plan_id (item);
      if (g_hash_table_add (seen, (gpointer) &item_ids[i]))
        g_array_append_val (ids, item_ids[i]);
    }

  return g_steal_pointer (&ids);
}

/**
 * pb_store_describe_items:
 * @self: a store
 * @item_ids: (array length=n_items): items
 * @n_items: how many
 *
 * Says which items these are, for a toast: "3 加快5G网络规模化部署" for one,
 * "3 加快5G网络规模化部署 and 2 more" for several (an item given twice
 * counts once), "3 items" when the first is not there.
 *
 * Returns: (transfer full): the words
 */
char *
pb_store_describe_items (PbStore      *self,
                         const gint64 *item_ids,
                         guint         n_items)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(PbItem) item = NULL;
  g_autofree char *name = NULL;
  guint n = 0;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  for (guint i = 0; i < n_items; i++)
    if (g_hash_table_add (seen, (gpointer) &item_ids[i]))
      n++;
  if (n_items > 0)
    item = pb_store_get_record (self, PB_TYPE_ITEM, item_ids[0]);
  if (item == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);

  {
    const char *number = pb_item_get_number (item);
    const char *title = pb_item_get_title (item);

    if (title[0] == '\0')
      title = _("Untitled item");
    name = number[0] ? g_strdup_printf ("%s %s", number, title) : g_strdup (title);
  }
  if (n == 1)
    return g_steal_pointer (&name);
  /* Translators: items named in a toast or a dialog; %s is the first
   * ("3 加快5G网络规模化部署"), %u how many others there are */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more", "%s and %u more", n - 1),
                          name, n - 1);
}

/* ---- Items ----------------------------------------------------------- */

/* How a plan numbers its items of one kind, as far as their numbers are
 * whole numbers ("10", not "(一)"). */
typedef struct
{
  gint64      largest;        /* in the section asked about */
  gint64      count;          /* the section's items of the kind */
  gint64      plan_largest;
  GHashTable *used;           /* numbers of the plan's items of the kind */
  gboolean    restarts;       /* each section counts from 1 again */
  gint64      plan_count;     /* the plan's items of the kind */
  gint64      plan_numbered;  /* …that carry a number of any sort */
} Numbering;

static gboolean
whole_number (const char *number,
              gint64     *n)
{
  char *end = NULL;

  if (number == NULL || !g_ascii_isdigit (number[0]))
    return FALSE;
  *n = g_ascii_strtoll (number, &end, 10);
  return end != NULL && *end == '\0';
}

/* Reads how @plan_id numbers its items of @kind, seen from @section_id.
 * The plan restarts its numbering in each section when two sections or
 * more each count from 1 (一、… 1 2 3, 二、… 1 2); else it numbers its
 * items straight through its sections, as Chinese plans number their key
 * tasks (1…4 in (一), 5…10 in (二)), and a number that is repeated
 * there by mistake does not make it a plan that restarts. */
static void
numbering_read (PbStore    *self,
                gint64      plan_id,
                gint64      section_id,
                PbItemKind  kind,
                Numbering  *out)
{
  g_autoptr(GListModel) items = pb_store_list_items (self, plan_id);
  g_autoptr(GHashTable) starting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  memset (out, 0, sizeof *out);
  out->used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      gint64 section = pb_item_get_section_id (item);
      gint64 n;

      if (pb_item_get_kind (item) != kind)
        continue;
      if (section == section_id)
        out->count++;
      out->plan_count++;
      if (pb_item_get_number (item) && pb_item_get_number (item)[0] != '\0')
        out->plan_numbered++;
      if (!whole_number (pb_item_get_number (item), &n))
        continue;
      if (section == section_id && n > out->largest)
        out->largest = n;
      out->plan_largest = MAX (out->plan_largest, n);
      g_hash_table_add (out->used, g_memdup2 (&n, sizeof n));
      if (n == 1)
        g_hash_table_add (starting, g_memdup2 (&section, sizeof section));
    }
  out->restarts = g_hash_table_size (starting) >= 2;
}

/**
 * pb_store_propose_item_number:
 * @self: a store
 * @plan_id: a plan
 * @section_id: a section of it, or 0 for the items outside any section
 * @kind: the new item's kind: tasks, goals and measures are each
 *   numbered on their own
 *
 * The number a new item of @kind in a section takes. Where the plan
 * restarts its numbering in each section, the section's next: one more
 * than the largest number its items carry ("4" after "1"…"3"), else one
 * more than its count of items. Where the plan numbers its items straight
 * through its sections (as Chinese plans number their key tasks: 1…4 in
 * (一), 5…9 in (二), 10…13 in (三)), the section's next when no item of
 * the plan carries it yet, else the next number of the plan's sequence,
 * one more than its largest ("14", never a second "10"). Where the plan
 * numbers none of its items of @kind (its goals, often), none: "".
 *
 * Returns: (transfer full): the number, as text
 */
char *
pb_store_propose_item_number (PbStore    *self,
                              gint64      plan_id,
                              gint64      section_id,
                              PbItemKind  kind)
{
  Numbering n;
  gint64 next;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  numbering_read (self, plan_id, section_id, kind, &n);
  if (n.plan_count > 0 && n.plan_numbered == 0)
    {
      g_hash_table_unref (n.used);
      return g_strdup ("");
    }
  next = (n.largest > 0 ? n.largest : n.count) + 1;
  /* Straight-through numbering: the section's next may be taken. */
  if (!n.restarts && g_hash_table_contains (n.used, &next))
    next = n.plan_largest + 1;
  g_hash_table_unref (n.used);
  return g_strdup_printf ("%" G_GINT64_FORMAT, next);
}

/**
 * pb_store_next_item_number:
 * @self: a store
 * @plan_id: a plan
 * @section_id: a section of it, or 0 for the items outside any section
 *
 * The number a new task in the section takes: see
 * pb_store_propose_item_number().
 *
 * Returns: (transfer full): the number, as text
 */
char *
pb_store_next_item_number (PbStore *self,
                           gint64   plan_id,
                           gint64   section_id)
{
  return pb_store_propose_item_number (self, plan_id, section_id, PB_ITEM_KIND_TASK);
}

/**
 * pb_store_find_number_clash:
 * @self: a store
 * @item: an item
 * @number: the number it is given (typed, not yet stored)
 *
 * Another item that carries @number where @item's plan would not want it
 * twice: an item of the same kind anywhere in a plan that numbers its
 * items straight through its sections; in the same section, in a plan
 * that restarts its numbering in each (see pb_store_propose_item_number()).
 *
 * Returns: (transfer full) (nullable): the first such item, in plan order
 */
PbItem *
pb_store_find_number_clash (PbStore    *self,
                            PbItem     *item,
                            const char *number)
{
  g_autoptr(GListModel) items = NULL;
  g_autofree char *wanted = NULL;
  gint64 plan_id, section_id, id;
  PbItemKind kind;
  Numbering n;
  gboolean restarts;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_ITEM (item), NULL);

  wanted = g_strstrip (g_strdup (number ? number : ""));
  if (wanted[0] == '\0')
    return NULL;
  plan_id = pb_item_get_plan_id (item);
  section_id = pb_item_get_section_id (item);
  kind = pb_item_get_kind (item);
  id = pb_record_get_id (PB_RECORD (item));
  numbering_read (self, plan_id, section_id, kind, &n);
  restarts = n.restarts;
  g_hash_table_unref (n.used);

  items = pb_store_list_items (self, plan_id);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) other = g_list_model_get_item (items, i);
      g_autofree char *theirs = g_strstrip (g_strdup (pb_item_get_number (other)));

      if (pb_record_get_id (PB_RECORD (other)) == id || pb_item_get_kind (other) != kind)
        continue;
      if (restarts && pb_item_get_section_id (other) != section_id)
        continue;
      if (g_str_equal (theirs, wanted))
        return g_steal_pointer (&other);
    }
  return NULL;
}

static GArray  *load_item_rows       (PbStore     *self,
                                      gint64       plan_id,
                                      GError     **error);
static gboolean renumber_moved_items (PbStore     *self,
                                      gint64       plan_id,
                                      GArray      *before,
                                      GHashTable  *moved,
                                      GError     **error);

/**
 * pb_store_insert_item:
 * @self: a store
 * @plan_id: the plan
 * @section_id: its section, or 0
 * @after_item_id: the item it follows, or 0 to go after the section's last
 *   item (or last in the plan)
 * @kind: goal, task or measure
 * @number: (nullable): its number; %NULL for the number of its place: the
 *   items around it count on, as after a move (pb_store_move_item())
 * @title: its title
 * @status: its status (the column it is added to when grouped by status)
 * @lead_organisation_id: its lead (the column when grouped by lead), or 0
 * @error: where to say why not
 *
 * Adds an item as one "Add Item" command, dated from today (or the
 * period's first day, before the period; its last year's first day, after
 * it) to the end of the plan's period: an item dated from a first day
 * long past would start out behind its schedule, red, before anyone
 * worked on it.
 *
 * Returns: the new item's id, or 0
 */
gint64
pb_store_insert_item (PbStore      *self,
                      gint64        plan_id,
                      gint64        section_id,
                      gint64        after_item_id,
                      PbItemKind    kind,
                      const char   *number,
                      const char   *title,
                      PbItemStatus  status,
                      gint64        lead_organisation_id,
                      GError      **error)
{
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(GArray) rows_before = NULL;
  g_autofree char *next = NULL;
  char start[11] = "", due[11] = "";
  gint64 position, id = 0;
  gboolean numbered_here = number == NULL;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  plan = pb_store_get_record (self, PB_TYPE_PLAN, plan_id);
  if (plan == NULL)
    return not_found (error);
  if (section_id != 0 &&
      !in_plan (self, "SELECT plan_id FROM section WHERE id = ?1", section_id, plan_id, error))
    return 0;
  if (after_item_id != 0 &&
      !in_plan (self, "SELECT plan_id FROM item WHERE id = ?1", after_item_id, plan_id, error))
    return 0;
  if (lead_organisation_id != 0 &&
      !in_plan (self, "SELECT plan_id FROM organisation WHERE id = ?1", lead_organisation_id, plan_id, error))
    return 0;

  if (pb_plan_get_period_start (plan) > 0)
    {
      int first = pb_plan_get_period_start (plan);
      int last = MAX (pb_plan_get_period_end (plan), first);
      GDate today;

      pb_date_today (&today);
      if (g_date_get_year (&today) < first)
        g_snprintf (start, sizeof start, "%04d-01-01", first);
      else if (g_date_get_year (&today) > last)
        g_snprintf (start, sizeof start, "%04d-01-01", last);
      else
        pb_date_format (&today, start);
    }
  if (pb_plan_get_period_end (plan) > 0)
    g_snprintf (due, sizeof due, "%04d-12-31", pb_plan_get_period_end (plan));
  if (number == NULL)
    number = next = pb_store_propose_item_number (self, plan_id, section_id, kind);

  if (!pb_store_begin (self, error))
    return 0;

  /* Numbered by its place: the plan's items as they were, to count on
   * from (a new item before tasks 1…4 is 1, and they 2…5). */
  ok = TRUE;
  if (numbered_here)
    {
      rows_before = load_item_rows (self, plan_id, error);
      ok = rows_before != NULL;
    }

  /* Where it goes: after @after_item_id, else at the end of its section
   * in document order (section_end_position()). */
  if (!ok)
    ;
  else if (after_item_id != 0)
    ok = query_ids (self, "SELECT position + 1 FROM item WHERE id = ?1", after_item_id, 0, 0, &position, error);
  else if ((ok = section_end_position (self, plan_id, section_id, FALSE, &position, error)))
    position++;

  if (ok)
    ok = pb_store_exec_ids (self, "UPDATE item SET position = position + 1 WHERE plan_id = ?1 AND position >= ?2",
                            plan_id, position, error);
  if (ok)
    id = pb_store_insert (self, PB_TYPE_ITEM, error,
                          "plan_id", plan_id,
                          "section_id", section_id,
                          "kind", kind,
                          /* Numbered by its place below, after it is in. */
                          "number", numbered_here ? "" : number,
                          "title", title ? title : "",
                          "status", status,
                          "start_date", start[0] ? start : NULL,
                          "due_date", due[0] ? due : NULL,
                          "position", position,
                          NULL);
  ok = id > 0;
  if (ok && numbered_here)
    {
      g_autoptr(GHashTable) added = g_hash_table_new (g_int64_hash, g_int64_equal);

      g_autofree char *given = NULL;

      g_hash_table_add (added, &id);
      ok = renumber_moved_items (self, plan_id, rows_before, added, error);
      /* Where nothing around it counts in a style to follow (the
       * plan's first numbered item of its kind, say): the number
       * proposed for its section. */
      if (ok)
        {
          PbDbStmt *stmt = pb_store_prepare (self, "SELECT coalesce(number, '') FROM item WHERE id = ?1", error);

          ok = stmt != NULL;
          if (ok)
            {
              pb_db_bind_int64 (stmt, 1, id);
              if (pb_db_step (stmt) == PB_DB_ROW)
                given = g_strdup ((const char *) pb_db_column_text (stmt, 0));
              else
                ok = not_found (error);
              pb_db_reset (stmt);
            }
        }
      if (ok && given[0] == '\0' && next[0] != '\0')
        ok = pb_store_update (self, PB_TYPE_ITEM, id, error, "number", next, NULL);
    }
  /* Done is all of it, as when an item is set to Done (a card added in
   * the Done column): the editor says 100 %, as the card does. */
  if (ok && status == PB_ITEM_STATUS_DONE)
    ok = pb_store_exec_ids (self, "UPDATE item SET progress = 1 WHERE id = ?1", id, 0, error);
  if (ok && lead_organisation_id != 0)
    ok = pb_store_insert (self, PB_TYPE_ITEM_ORG, error,
                          "item_id", id,
                          "organisation_id", lead_organisation_id,
                          "role", PB_ROLE_LEAD,
                          "position", (gint64) 0,
                          NULL) > 0;

  return pb_store_finish (self, ok, _("Add Item"), error) ? id : 0;
}

/**
 * pb_store_delete_items:
 * @self: a store
 * @item_ids: (array length=n_items): the items, of one plan
 * @n_items: how many
 * @error: where to say why not
 *
 * Deletes the items with everything they own, as one command.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_delete_items (PbStore       *self,
                       const gint64  *item_ids,
                       guint          n_items,
                       GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *label = NULL;
  gint64 plan_id;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_items (self, item_ids, n_items, &plan_id, error);
  if (ids == NULL)
    return FALSE;

  label = ids->len == 1 ? g_strdup (_("Delete Item"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Item", "Delete %u Items", ids->len),
                                           ids->len);

  if (!pb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = pb_store_exec_ids (self, "DELETE FROM item WHERE id = ?1", g_array_index (ids, gint64, i), 0, error);

  return pb_store_finish (self, ok, label, error);
}

/* ---- Moving items: their numbers keep counting ----------------------- */

typedef struct
{
  gint64  id;
  gint64  section;
  char   *kind;
  char   *number;
  guint   rank;     /* in document order */
} ItemRow;

static void
item_row_clear (gpointer data)
{
  ItemRow *row = data;

  g_free (row->kind);
  g_free (row->number);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const ItemRow *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Puts @rows in the plan's document order (pb-outline.c): sections in
 * their order, each section's items and sub-sections by the items' order.
 * An item added to an earlier section than the last one's comes later in
 * the items' own order (its position is past theirs), but is read before
 * them: a task added to 一、总体要求 is read before the tasks of 二、. */
/* The plan's rows of @type in their order, read now, as records of their
 * own: inside a command the store's live records still hold what the last
 * commit left (they take its changes when it commits). */
static GPtrArray *
read_fresh (PbStore  *self,
            GType     type,
            gint64    plan_id,
            GError  **error)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (type);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  PbDbStmt *stmt;
  int rc;

  for (guint i = 0; i < klass->n_columns; i++)
    g_string_append_printf (sql, "%s%s", i ? "," : "", klass->columns[i].name);
  g_string_append_printf (sql, " FROM main.%s WHERE plan_id = ?1 ORDER BY position, id", klass->table);
  stmt = pb_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, plan_id);
  while ((rc = pb_db_step (stmt)) == PB_DB_ROW)
    g_ptr_array_add (records, pb_record_new_from_row (type, stmt));
  pb_db_reset (stmt);
  if (rc != PB_DB_DONE)
    {
      pb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&records);
}

static gboolean
order_as_read (PbStore  *self,
               gint64    plan_id,
               GArray   *rows,
               GError  **error)
{
  g_autoptr(GPtrArray) sections = read_fresh (self, PB_TYPE_SECTION, plan_id, error);
  g_autoptr(GPtrArray) items = sections ? read_fresh (self, PB_TYPE_ITEM, plan_id, error) : NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GHashTable) rank = NULL;
  guint n = 0;

  if (sections == NULL || items == NULL)
    return FALSE;
  runs = pb_outline_build (sections, items);
  rank = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint r = 0; runs && r < runs->len; r++)
    {
      PbOutlineRun *run = g_ptr_array_index (runs, r);

      for (guint i = 0; i < run->items->len; i++)
        {
          gint64 id = pb_record_get_id (PB_RECORD (g_ptr_array_index (run->items, i)));

          g_hash_table_insert (rank, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (++n));
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      ItemRow *row = &g_array_index (rows, ItemRow, i);
      gpointer found = g_hash_table_lookup (rank, &row->id);

      /* Not in the outline (it cannot be): after the others, as stored. */
      row->rank = found ? GPOINTER_TO_UINT (found) : n + 1 + i;
    }
  g_array_sort (rows, compare_rank);
  return TRUE;
}

/* The plan's items in document order; %NULL when they cannot be read. */
static GArray *
load_item_rows (PbStore  *self,
                gint64    plan_id,
                GError  **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ItemRow));
  PbDbStmt *stmt = pb_store_prepare (self, "SELECT id, coalesce(section_id, 0), kind, coalesce(number, '')"
                                           " FROM item WHERE plan_id = ?1 ORDER BY position, id", error);
  int rc;

  g_array_set_clear_func (rows, item_row_clear);
  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, plan_id);
  while ((rc = pb_db_step (stmt)) == PB_DB_ROW)
    {
      ItemRow row = {
        .id = pb_db_column_int64 (stmt, 0),
        .section = pb_db_column_int64 (stmt, 1),
        .kind = g_strdup (pb_db_column_text (stmt, 2)),
        .number = g_strdup (pb_db_column_text (stmt, 3)),
      };

      g_array_append_val (rows, row);
    }
  pb_db_reset (stmt);
  if (rc != PB_DB_DONE)
    {
      pb_store_set_error (self, rc, error);
      return NULL;
    }
  if (!order_as_read (self, plan_id, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* A move's items of one kind, before and after, and the numbers they are
 * to carry (item id → number). */
typedef struct
{
  GPtrArray  *before;         /* ItemRow *, the plan's order before */
  GPtrArray  *after;          /* …and after */
  GHashTable *was;            /* id → ItemRow * before */
  GHashTable *changes;        /* id → new number */
  gboolean    restarts;       /* two sections or more count from 1 */
} Recount;

static const char *
final_number (Recount *r,
              ItemRow *row)
{
  const char *changed = g_hash_table_lookup (r->changes, &row->id);

  return changed ? changed : row->number;
}

static void
set_number (Recount    *r,
            gint64      id,
            const char *number)
{
  g_hash_table_insert (r->changes, g_memdup2 (&id, sizeof id), g_strdup (number));
}

/* The largest count the items of the kind carry, once renumbered. */
static int
largest_value (Recount *r)
{
  int largest = 0;

  for (guint i = 0; i < r->after->len; i++)
    largest = MAX (largest, pb_format_section_number_value (final_number (r, g_ptr_array_index (r->after, i))));
  return largest;
}

/* Whether an item of the kind outside @section carries the count @value,
 * in a plan that numbers its items straight through its sections (one
 * that restarts in each section has a 1 in each). */
static gboolean
value_taken (Recount *r,
             gint64   section,
             int      value)
{
  if (r->restarts)
    return FALSE;
  for (guint i = 0; i < r->after->len; i++)
    {
      ItemRow *row = g_ptr_array_index (r->after, i);

      if (row->section != section && pb_format_section_number_value (final_number (r, row)) == value)
        return TRUE;
    }
  return FALSE;
}

static char **
numbers_of_rows (GPtrArray *rows)
{
  char **out = g_new0 (char *, rows->len + 1);

  for (guint i = 0; i < rows->len; i++)
    out[i] = g_strdup (((ItemRow *) g_ptr_array_index (rows, i))->number);
  return out;
}

static GPtrArray *
rows_in (GPtrArray *rows,
         gint64     section)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (((ItemRow *) g_ptr_array_index (rows, i))->section == section)
      g_ptr_array_add (out, g_ptr_array_index (rows, i));
  return out;
}

static gboolean
joined (Recount *r,
        ItemRow *row)
{
  ItemRow *old = g_hash_table_lookup (r->was, &row->id);

  return old == NULL || old->section != row->section;
}

/* The items that joined @section take its next numbers, in the style of
 * its last numbered item (or their own, in a section that had none): one
 * more than the largest it carries, 1 in an empty section of a plan that
 * restarts in each; where the plan numbers straight through its sections
 * and that number is another section's, the plan's next. An item whose
 * number is no number keeps it. */
static void
number_joined (Recount   *r,
               gint64     section,
               GPtrArray *now)
{
  const char *like = NULL;
  int next = 0;

  for (guint i = 0; i < now->len; i++)
    {
      ItemRow *row = g_ptr_array_index (now, i);
      int value;

      if (joined (r, row))
        continue;
      value = pb_format_section_number_value (final_number (r, row));
      if (value > 0)
        {
          like = final_number (r, row);
          next = MAX (next, value + 1);
        }
    }
  if (next == 0)
    next = r->restarts ? 1 : largest_value (r) + 1;

  for (guint i = 0; i < now->len; i++)
    {
      ItemRow *row = g_ptr_array_index (now, i);
      g_autofree char *number = NULL;

      if (!joined (r, row))
        continue;
      if (value_taken (r, section, next))
        next = largest_value (r) + 1;
      number = pb_format_number_like (like ? like : row->number, next);
      if (number != NULL)
        {
          set_number (r, row->id, number);
          next++;
        }
    }
}

/* One section the move changed: when its items of the kind counted in
 * order before (pb_format_recount()), they count in their new order from
 * the same start, those that joined included; else those that joined take
 * its next numbers and the others keep theirs. */
static void
recount_section (Recount *r,
                 gint64   section)
{
  g_autoptr(GPtrArray) was = rows_in (r->before, section);
  g_autoptr(GPtrArray) now = rows_in (r->after, section);
  g_auto(GStrv) was_numbers = numbers_of_rows (was);
  g_auto(GStrv) now_numbers = numbers_of_rows (now);
  g_auto(GStrv) counted = NULL;
  int start = 0;

  if (was->len > 0)
    counted = pb_format_recount ((const char *const *) was_numbers, (const char *const *) now_numbers, &start);
  if (counted != NULL)
    {
      gboolean clash = FALSE;

      /* The counts past the section's old ones must be nobody else's. */
      for (guint i = was->len; i < now->len && !clash; i++)
        clash = value_taken (r, section, start + (int) i);
      if (!clash)
        {
          for (guint i = 0; i < now->len; i++)
            set_number (r, ((ItemRow *) g_ptr_array_index (now, i))->id, counted[i]);
          return;
        }
    }
  number_joined (r, section, now);
}

static void
add_section_once (GArray *sections,
                  gint64  section)
{
  for (guint i = 0; i < sections->len; i++)
    if (g_array_index (sections, gint64, i) == section)
      return;
  g_array_append_val (sections, section);
}

/* The items of @kind after a move that changed some of them (@moved):
 * where the plan's items of the kind counted 1, 2, 3… in its order, they
 * count in the new order; else each section the move changed keeps
 * counting (recount_section()), the ones they left first. */
static void
recount_kind (Recount    *r,
              GArray     *before,
              GArray     *after,
              GHashTable *moved,
              const char *kind)
{
  g_autoptr(GHashTable) starting = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) was_numbers = NULL;
  g_auto(GStrv) now_numbers = NULL;
  g_auto(GStrv) counted = NULL;
  int start = 0;

  for (guint i = 0; i < before->len; i++)
    if (g_str_equal (g_array_index (before, ItemRow, i).kind, kind))
      {
        ItemRow *row = &g_array_index (before, ItemRow, i);

        g_ptr_array_add (r->before, row);
        g_hash_table_insert (r->was, &row->id, row);
        if (pb_format_section_number_value (row->number) == 1)
          g_hash_table_add (starting, &row->section);
      }
  for (guint i = 0; i < after->len; i++)
    if (g_str_equal (g_array_index (after, ItemRow, i).kind, kind))
      g_ptr_array_add (r->after, &g_array_index (after, ItemRow, i));
  r->restarts = g_hash_table_size (starting) >= 2;

  was_numbers = numbers_of_rows (r->before);
  now_numbers = numbers_of_rows (r->after);
  counted = pb_format_recount ((const char *const *) was_numbers, (const char *const *) now_numbers, &start);
  if (counted != NULL && start == 1)
    {
      for (guint i = 0; i < r->after->len; i++)
        set_number (r, ((ItemRow *) g_ptr_array_index (r->after, i))->id, counted[i]);
      return;
    }

  /* The sections the items left (or moved in), then those they joined. */
  for (guint i = 0; i < r->before->len; i++)
    {
      ItemRow *row = g_ptr_array_index (r->before, i);

      if (g_hash_table_contains (moved, &row->id))
        add_section_once (sections, row->section);
    }
  for (guint i = 0; i < r->after->len; i++)
    {
      ItemRow *row = g_ptr_array_index (r->after, i);

      if (g_hash_table_contains (moved, &row->id))
        add_section_once (sections, row->section);
    }
  for (guint i = 0; i < sections->len; i++)
    recount_section (r, g_array_index (sections, gint64, i));
}

/* After items (@moved, ids) moved among the plan's items or to another
 * section, from @before (load_item_rows()) to where they are now: the
 * numbers that counted in order count in the new order, inside the
 * command that moved them. Numbers that did not count (a planner's own,
 * a document's 1, 3, 7) stay as written. */
static gboolean
renumber_moved_items (PbStore     *self,
                      gint64       plan_id,
                      GArray      *before,
                      GHashTable  *moved,
                      GError     **error)
{
  g_autoptr(GArray) after = load_item_rows (self, plan_id, error);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();

  if (after == NULL)
    return FALSE;
  /* (An item just added is only in @after.) */
  for (guint i = 0; i < before->len + after->len; i++)
    {
      ItemRow *row = i < before->len ? &g_array_index (before, ItemRow, i)
                                     : &g_array_index (after, ItemRow, i - before->len);

      if (g_hash_table_contains (moved, &row->id) &&
          !g_ptr_array_find_with_equal_func (kinds, row->kind, g_str_equal, NULL))
        g_ptr_array_add (kinds, row->kind);
    }

  for (guint k = 0; k < kinds->len; k++)
    {
      Recount r = {
        .before = g_ptr_array_new (),
        .after = g_ptr_array_new (),
        .was = g_hash_table_new (g_int64_hash, g_int64_equal),
        .changes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
      };
      gboolean ok = TRUE;

      recount_kind (&r, before, after, moved, g_ptr_array_index (kinds, k));
      for (guint i = 0; ok && i < r.after->len; i++)
        {
          ItemRow *row = g_ptr_array_index (r.after, i);
          const char *number = g_hash_table_lookup (r.changes, &row->id);

          if (number != NULL && !g_str_equal (number, row->number))
            ok = pb_store_update (self, PB_TYPE_ITEM, row->id, error, "number", number, NULL);
        }
      g_ptr_array_unref (r.before);
      g_ptr_array_unref (r.after);
      g_hash_table_unref (r.was);
      g_hash_table_unref (r.changes);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Puts @item in @section_id (-1: its own) before @before_id in the plan's
 * order (0: last), its section's numbers counting on, as one command. */
static gboolean
place_item (PbStore  *self,
            PbItem   *item,
            gint64    section_id,
            gint64    before_id,
            GError  **error)
{
  g_autoptr(GArray) before = NULL;
  g_autoptr(GHashTable) moved = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 plan_id = pb_item_get_plan_id (item);
  gint64 item_id = pb_record_get_id (PB_RECORD (item));
  gint64 position = 0;
  gboolean ok;

  if (!pb_store_begin (self, error))
    return FALSE;

  before = load_item_rows (self, plan_id, error);
  ok = before != NULL;
  if (ok)
    {
      gint64 exists;

      ok = query_ids (self, "SELECT 1 FROM item WHERE id = ?1 AND plan_id = ?2", item_id, plan_id, 0, &exists, error);
      if (ok && exists == 0)
        ok = not_found (error);
    }
  if (ok && section_id > 0)
    ok = in_plan (self, "SELECT plan_id FROM section WHERE id = ?1", section_id, plan_id, error);

  if (ok && before_id == item_id)
    /* Before itself: it keeps its place (and changes section). */
    ok = query_ids (self, "SELECT position FROM item WHERE id = ?1", item_id, 0, 0, &position, error);
  else if (ok && before_id > 0)
    {
      ok = query_ids (self, "SELECT position FROM item WHERE id = ?1 AND plan_id = ?2", before_id, plan_id, -1,
                      &position, error);
      if (ok && position < 0)
        ok = not_found (error);
      /* Make room: everything from there on moves one down. */
      if (ok)
        {
          PbDbStmt *stmt = pb_store_prepare (self, "UPDATE item SET position = position + 1"
                                                   " WHERE plan_id = ?1 AND position >= ?2 AND id <> ?3", error);

          ok = stmt != NULL;
          if (ok)
            {
              pb_db_bind_int64 (stmt, 1, plan_id);
              pb_db_bind_int64 (stmt, 2, position);
              pb_db_bind_int64 (stmt, 3, item_id);
              ok = pb_store_step_done (self, stmt, error);
            }
        }
    }
  else if (ok)
    ok = query_ids (self, "SELECT coalesce(max(position) + 1, 0) FROM item WHERE plan_id = ?1", plan_id, 0, 0,
                    &position, error);

  if (ok)
    ok = pb_store_update (self, PB_TYPE_ITEM, item_id, error, "position", position, NULL);
  if (ok && section_id >= 0 && section_id != pb_item_get_section_id (item))
    ok = pb_store_update (self, PB_TYPE_ITEM, item_id, error, "section_id", section_id, NULL);
  if (ok)
    {
      g_hash_table_add (moved, &item_id);
      ok = renumber_moved_items (self, plan_id, before, moved, error);
    }

  return pb_store_finish (self, ok, _("Move Item"), error);
}

/**
 * pb_store_move_item:
 * @self: a store
 * @item: the item to move
 * @before_id: the item it goes before in its plan's order, or 0 for last
 * @error: where to say why it failed
 *
 * Moves an item among the plan's items, in its section, as one "Move
 * Item" command. When its section's items (of its kind) counted in order
 * — 1, 2, 3; "（一）" "（二）"; "一、" "二、"; or 5, 6, 7 in a plan that
 * numbers them straight through its sections — they count in their new
 * order (a section never reads 2, 1, 3); numbers that did not count (a
 * planner's own, a document's 1, 3, 7) stay as written.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_move_item (PbStore  *self,
                    PbItem   *item,
                    gint64    before_id,
                    GError  **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);

  if (before_id == pb_record_get_id (PB_RECORD (item)))
    return TRUE;
  return place_item (self, item, -1, before_id, error);
}

/**
 * pb_store_place_item:
 * @self: a store
 * @item: the item to move
 * @section_id: the section it goes to (its own, or another of its plan;
 *   0 for none)
 * @before_id: the item it goes before in its plan's order, or 0 for last
 * @error: where to say why it failed
 *
 * Moves an item to a place in a section (a card dropped in a board's
 * column), as one "Move Item" command. The section it left and the one
 * it joined keep counting as pb_store_move_item() says: the item takes
 * its place in its new section's count, or, where that section's numbers
 * do not count, the section's next number.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_place_item (PbStore  *self,
                     PbItem   *item,
                     gint64    section_id,
                     gint64    before_id,
                     GError  **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);
  g_return_val_if_fail (section_id >= 0, FALSE);

  if (before_id == pb_record_get_id (PB_RECORD (item)) && section_id == pb_item_get_section_id (item))
    return TRUE;
  return place_item (self, item, section_id, before_id, error);
}

/* ---- Sections -------------------------------------------------------- */

typedef struct
{
  gint64 id;
  gint64 parent;
  gint64 position;
} SectionRow;

/* The plan's sections in their order. */
static GArray *
load_sections (PbStore *self,
               gint64   plan_id)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (SectionRow));
  PbDbStmt *stmt = pb_store_prepare (self, "SELECT id, coalesce(parent_id, 0), position FROM section"
                                               " WHERE plan_id = ?1 ORDER BY position, id", NULL);

  if (stmt == NULL)
    return rows;
  pb_db_bind_int64 (stmt, 1, plan_id);
  while (pb_db_step (stmt) == PB_DB_ROW)
    {
      SectionRow row = { pb_db_column_int64 (stmt, 0), pb_db_column_int64 (stmt, 1), pb_db_column_int64 (stmt, 2) };
      g_array_append_val (rows, row);
    }
  pb_db_reset (stmt);

  /* A parent outside the plan makes a top-level section. */
  for (guint i = 0; i < rows->len; i++)
    {
      SectionRow *row = &g_array_index (rows, SectionRow, i);
      gboolean found = row->parent == 0;

      for (guint j = 0; !found && j < rows->len; j++)
        found = g_array_index (rows, SectionRow, j).id == row->parent;
      if (!found)
        row->parent = 0;
    }
  return rows;
}

static SectionRow *
find_section (GArray *rows,
              gint64  id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, SectionRow, i).id == id)
      return &g_array_index (rows, SectionRow, i);
  return NULL;
}

/* The children of @parent, in order. */
static GArray *
children_of (GArray *rows,
             gint64  parent)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, SectionRow, i).parent == parent)
      g_array_append_val (ids, g_array_index (rows, SectionRow, i).id);
  return ids;
}

static gboolean
is_within (GArray *rows,
           gint64  id,
           gint64  ancestor)
{
  for (guint depth = 0; id != 0 && depth <= rows->len; depth++)
    {
      SectionRow *row;

      if (id == ancestor)
        return TRUE;
      row = find_section (rows, id);
      id = row ? row->parent : 0;
    }
  return FALSE;
}

/* Depth first: each section, then its children, in their order. */
static void
flatten (GArray  *rows,
         gint64   parent,
         GArray  *order,
         guint    depth)
{
  g_autoptr(GArray) children = children_of (rows, parent);

  if (depth > rows->len)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      gint64 id = g_array_index (children, gint64, i);

      g_array_append_val (order, id);
      flatten (rows, id, order, depth + 1);
    }
}

/* Writes @rows with @moved under @parent before its sibling @before (0:
 * last); every section's position follows the tree's order. Inside a
 * transaction. */
static gboolean
place_section (PbStore  *self,
               GArray   *rows,
               gint64    moved,
               gint64    parent,
               gint64    before,
               GError  **error)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reordered = g_array_new (FALSE, FALSE, sizeof (SectionRow));
  SectionRow *row = find_section (rows, moved);
  gint64 old_parent;
  gboolean ok = TRUE;

  g_assert (row != NULL);
  old_parent = row->parent;

  /* Rebuild the row list with the moved section in its new place among
   * its new siblings: children_of() keeps the list's order. */
  for (guint i = 0; i < rows->len; i++)
    {
      SectionRow r = g_array_index (rows, SectionRow, i);

      if (r.id == moved)
        continue;
      if (r.id == before)
        {
          SectionRow m = { moved, parent, 0 };
          g_array_append_val (reordered, m);
        }
      g_array_append_val (reordered, r);
    }
  if (before == 0 || find_section (rows, before) == NULL)
    {
      SectionRow m = { moved, parent, 0 };
      g_array_append_val (reordered, m);
    }

  flatten (reordered, 0, order, 0);
  g_assert (order->len == rows->len);

  for (guint i = 0; ok && i < order->len; i++)
    {
      gint64 id = g_array_index (order, gint64, i);
      SectionRow *old = find_section (rows, id);

      if (old == NULL || old->position != (gint64) i)
        ok = pb_store_exec_ids (self, "UPDATE section SET position = ?2 WHERE id = ?1", id, i, error);
    }
  if (ok && old_parent != parent)
    ok = parent == 0
      ? pb_store_exec_ids (self, "UPDATE section SET parent_id = NULL WHERE id = ?1", moved, 0, error)
      : pb_store_exec_ids (self, "UPDATE section SET parent_id = ?2 WHERE id = ?1", moved, parent, error);
  return ok;
}

/* The plan's section numbers by id; %NULL when they cannot be read. */
static GHashTable *
load_section_numbers (PbStore  *self,
                      gint64    plan_id,
                      gboolean *chinese,
                      GError  **error)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PbDbStmt *stmt = pb_store_prepare (self, "SELECT id, coalesce(number, '') FROM section WHERE plan_id = ?1", error);
  int rc;

  *chinese = FALSE;
  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, plan_id);
  while ((rc = pb_db_step (stmt)) == PB_DB_ROW)
    {
      const char *number = pb_db_column_text (stmt, 1);

      g_hash_table_insert (numbers, g_memdup2 (&(gint64) { pb_db_column_int64 (stmt, 0) }, sizeof (gint64)),
                           g_strdup (number ? number : ""));
      for (const char *c = number; c && *c; c = g_utf8_next_char (c))
        if (g_utf8_get_char (c) >= 0x4e00 && g_utf8_get_char (c) < 0xa000)
          *chinese = TRUE;
    }
  pb_db_reset (stmt);
  if (rc != PB_DB_DONE)
    {
      pb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&numbers);
}

static char **
numbers_of (GHashTable *numbers,
            GArray     *ids)
{
  char **out = g_new0 (char *, ids->len + 1);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *n = g_hash_table_lookup (numbers, &g_array_index (ids, gint64, i));

      out[i] = g_strdup (n ? n : "");
    }
  return out;
}

/* A list of sibling sections (@before, then @after a change) numbered
 * again if it counted 1, 2, 3… (pb_format_renumber_sections ()), inside
 * the command that changed it; with @force, @after counted 1, 2, 3…
 * whether or not it did (pb_format_renumber_sections_forced (), Renumber
 * Sections; @before and @first unused). */
static gboolean
renumber_siblings (PbStore    *self,
                   GHashTable *numbers,
                   GArray     *before,
                   GArray     *after,
                   const char *first,
                   gboolean    force,
                   GError    **error)
{
  g_auto(GStrv) old_before = force ? NULL : numbers_of (numbers, before);
  g_auto(GStrv) old_after = numbers_of (numbers, after);
  g_auto(GStrv) renumbered = force ? pb_format_renumber_sections_forced ((const char *const *) old_after)
                                   : pb_format_renumber_sections ((const char *const *) old_before,
                                                                  (const char *const *) old_after, first);

  for (guint i = 0; renumbered && renumbered[i]; i++)
    if (!g_str_equal (renumbered[i], old_after[i]) &&
        !pb_store_update (self, PB_TYPE_SECTION, g_array_index (after, gint64, i), error,
                          "number", renumbered[i], NULL))
      return FALSE;
  return TRUE;
}

/* After @moved went from @old_rows' place to its place in the store:
 * the list it left and the list it joined keep counting in order. */
static gboolean
renumber_after_move (PbStore  *self,
                     gint64    plan_id,
                     GArray   *old_rows,
                     gint64    moved,
                     GError  **error)
{
  g_autoptr(GArray) new_rows = load_sections (self, plan_id);
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GArray) left_before = NULL;
  g_autoptr(GArray) left_after = NULL;
  SectionRow *old_row = find_section (old_rows, moved);
  SectionRow *new_row = find_section (new_rows, moved);
  gboolean chinese;

  if (old_row == NULL || new_row == NULL)
    return TRUE;
  if ((numbers = load_section_numbers (self, plan_id, &chinese, error)) == NULL)
    return FALSE;

  left_before = children_of (old_rows, old_row->parent);
  left_after = children_of (new_rows, old_row->parent);
  if (!renumber_siblings (self, numbers, left_before, left_after, NULL, FALSE, error))
    return FALSE;
  if (new_row->parent != old_row->parent)
    {
      g_autoptr(GArray) joined_before = children_of (old_rows, new_row->parent);
      g_autoptr(GArray) joined_after = children_of (new_rows, new_row->parent);
      g_autofree char *first = NULL;
      guint depth = 0;

      /* A section written without a number (an annex) joins as it is. */
      if (pb_format_section_number_value (g_hash_table_lookup (numbers, &moved)) == 0)
        return TRUE;
      for (SectionRow *r = find_section (new_rows, new_row->parent); r && depth <= new_rows->len;
           r = find_section (new_rows, r->parent))
        depth++;
      first = pb_format_first_section_number (depth, chinese);
      if (!renumber_siblings (self, numbers, joined_before, joined_after, first, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
move_section_command (PbStore     *self,
                      PbSection   *section,
                      gint64       parent,
                      gint64       before,
                      const char  *label,
                      GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  gint64 id = pb_record_get_id (PB_RECORD (section));
  SectionRow *row;

  if (!pb_store_begin (self, error))
    return FALSE;

  rows = load_sections (self, pb_section_get_plan_id (section));
  row = find_section (rows, id);
  if (row == NULL)
    return pb_store_finish (self, not_found (error), label, error);
  if (parent != 0 && (find_section (rows, parent) == NULL || is_within (rows, parent, id)))
    return pb_store_finish (self, invalid (error, _("A section cannot go inside itself.")), label, error);
  if (before != 0)
    {
      SectionRow *next = find_section (rows, before);

      if (next == NULL || next->parent != parent)
        before = 0;
    }

  return pb_store_finish (self,
                          place_section (self, rows, id, parent, before, error) &&
                          renumber_after_move (self, pb_section_get_plan_id (section), rows, id, error),
                          label, error);
}

/* The number a section added after @after_id among @siblings (their
 * numbers in @numbers) takes in their count, "二" after "一" of 一 二 三,
 * when they count in order and it does not go last; %NULL otherwise. With
 * @n_after, how many of them follow it (and count on). */
static char *
number_in_place (GHashTable *numbers,
                 GArray     *siblings,
                 gint64      after_id,
                 guint      *n_after)
{
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) counted = NULL;
  g_auto(GStrv) with_new = NULL;
  g_auto(GStrv) placed = NULL;
  guint k;

  for (k = 0; k < siblings->len && g_array_index (siblings, gint64, k) != after_id; k++)
    ;
  if (k + 1 >= siblings->len)
    return NULL;
  old = numbers_of (numbers, siblings);
  counted = pb_format_renumber_sections_forced ((const char *const *) old);
  if (counted == NULL)
    return NULL;
  for (guint i = 0; old[i]; i++)
    if (!g_str_equal (counted[i], old[i]))
      return NULL;

  /* Counted on from the one it follows, in their style. */
  with_new = g_new0 (char *, k + 3);
  for (guint i = 0; i <= k; i++)
    with_new[i] = g_strdup (old[i]);
  with_new[k + 1] = g_strdup (old[k + 1]);
  placed = pb_format_renumber_sections_forced ((const char *const *) with_new);
  if (placed == NULL || pb_format_section_number_value (placed[k + 1]) == 0)
    return NULL;
  if (n_after)
    *n_after = siblings->len - k - 1;
  return g_strdup (placed[k + 1]);
}

/**
 * pb_store_section_number_in_place:
 * @self: a store
 * @plan_id: the plan
 * @parent_id: the section a new one goes in, or 0 for the top level
 * @after_section_id: the sibling it is to follow
 * @n_after: (out) (optional): how many siblings follow it and count on
 * @error: where to say why the sections could not be read
 *
 * The number a section added after @after_section_id takes where it
 * goes, when its siblings count in order and it does not go last: "二"
 * after 一 of 一、二、, the old 二 counting on as 三. Adding it with that
 * number renumbers those after it (pb_store_insert_section()); with
 * another, they keep theirs.
 *
 * Returns: (transfer full) (nullable): the number, or %NULL (with @error
 *   unset when there is no such place)
 */
char *
pb_store_section_number_in_place (PbStore  *self,
                                  gint64    plan_id,
                                  gint64    parent_id,
                                  gint64    after_section_id,
                                  guint    *n_after,
                                  GError  **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) siblings = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  gboolean chinese;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);

  if (n_after)
    *n_after = 0;
  if (after_section_id == 0)
    return NULL;
  if ((numbers = load_section_numbers (self, plan_id, &chinese, error)) == NULL)
    return NULL;
  rows = load_sections (self, plan_id);
  siblings = children_of (rows, parent_id);
  return number_in_place (numbers, siblings, after_section_id, n_after);
}

/**
 * pb_store_insert_section:
 * @self: a store
 * @plan_id: the plan
 * @parent_id: the section it goes in, or 0 for the top level
 * @after_section_id: the sibling it follows, or 0 to go last under @parent_id
 * @number: its number (一, (二))
 * @title: its title
 * @error: where to say why not
 *
 * Returns: the new section's id, or 0
 */
gint64
pb_store_insert_section (PbStore     *self,
                         gint64       plan_id,
                         gint64       parent_id,
                         gint64       after_section_id,
                         const char  *number,
                         const char  *title,
                         GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) siblings = NULL;
  g_autofree char *clean = NULL;
  gint64 id, before = 0;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  clean = g_strstrip (g_strdup (title ? title : ""));
  if (clean[0] == '\0')
    return invalid (error, _("A section needs a title."));
  {
    gint64 exists;

    if (!query_ids (self, "SELECT 1 FROM plan WHERE id = ?1", plan_id, 0, 0, &exists, error))
      return 0;
    if (exists == 0)
      return not_found (error);
  }

  if (!pb_store_begin (self, error))
    return 0;

  rows = load_sections (self, plan_id);
  if (parent_id != 0 && find_section (rows, parent_id) == NULL)
    return pb_store_finish (self, not_found (error), NULL, error);

  siblings = children_of (rows, parent_id);
  for (guint i = 0; i + 1 < siblings->len; i++)
    if (g_array_index (siblings, gint64, i) == after_section_id)
      before = g_array_index (siblings, gint64, i + 1);

  id = pb_store_insert (self, PB_TYPE_SECTION, error,
                        "plan_id", plan_id,
                        "parent_id", parent_id,
                        "number", number ? number : "",
                        "title", clean,
                        "position", (gint64) rows->len,
                        NULL);
  ok = id > 0;
  if (ok)
    {
      SectionRow row = { id, parent_id, rows->len };

      g_array_append_val (rows, row);
      ok = place_section (self, rows, id, parent_id, before, error);
    }
  /* Put between two of its siblings that count in order with the number
   * of its place there, it takes that place in the count and those after
   * it count on: (二) added after (一) of (一)(二) is (二), the old (二)
   * (三). Another number ((九), typed) is the planner's: nothing else
   * changes. */
  if (ok && before != 0 && number != NULL && pb_format_section_number_value (number) > 0)
    {
      gboolean chinese;
      g_autoptr(GHashTable) numbers = load_section_numbers (self, plan_id, &chinese, error);
      g_autofree char *in_place = NULL;

      ok = numbers != NULL;
      /* @siblings are those it went among, without it. */
      if (ok)
        in_place = number_in_place (numbers, siblings, after_section_id, NULL);
      if (in_place && pb_format_section_number_value (in_place) == pb_format_section_number_value (number))
        {
          g_autoptr(GArray) now = load_sections (self, plan_id);
          g_autoptr(GArray) siblings_after = children_of (now, parent_id);

          ok = renumber_siblings (self, numbers, siblings, siblings_after, NULL, FALSE, error);
        }
    }

  return pb_store_finish (self, ok, _("Add Section"), error) ? id : 0;
}

/**
 * pb_store_rename_section:
 * @self: a store
 * @section: a section
 * @number: its new number
 * @title: its new title
 * @error: where to say why not
 *
 * One "Rename Section" command (or "Renumber Section" when only the
 * number changes).
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_rename_section (PbStore     *self,
                         PbSection   *section,
                         const char  *number,
                         const char  *title,
                         GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *clean_number = NULL;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_SECTION (section), FALSE);

  clean = g_strstrip (g_strdup (title ? title : ""));
  clean_number = g_strstrip (g_strdup (number ? number : ""));
  if (clean[0] == '\0')
    return invalid (error, _("A section needs a title."));
  if (g_str_equal (clean, pb_section_get_title (section)) &&
      g_str_equal (clean_number, pb_section_get_number (section)))
    return TRUE;

  if (!pb_store_begin (self, error))
    return FALSE;
  ok = pb_store_update (self, PB_TYPE_SECTION, pb_record_get_id (PB_RECORD (section)), error,
                        "number", clean_number, "title", clean, NULL);
  return pb_store_finish (self, ok,
                          g_str_equal (clean, pb_section_get_title (section)) ? _("Renumber Section") : _("Rename Section"),
                          error);
}

/**
 * pb_store_move_section:
 * @self: a store
 * @section: a section
 * @parent_id: the section it is to go in, or 0 for the top level
 * @before_id: the sibling it goes before, or 0 for last
 * @error: where to say why not
 *
 * Moves a section with its subsections; refuses to put a section inside
 * itself.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_move_section (PbStore    *self,
                       PbSection  *section,
                       gint64      parent_id,
                       gint64      before_id,
                       GError    **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_SECTION (section), FALSE);

  return move_section_command (self, section, parent_id, before_id, _("Move Section"), error);
}

/**
 * pb_store_shift_section:
 * @self: a store
 * @section: a section
 * @delta: -1 to move it above its previous sibling, 1 below its next
 * @error: where to say why not
 *
 * Returns: %TRUE on success, also when it is already first or last
 */
gboolean
pb_store_shift_section (PbStore    *self,
                        PbSection  *section,
                        int         delta,
                        GError    **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) siblings = NULL;
  gint64 id, parent, before = 0;
  guint index = 0;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_SECTION (section), FALSE);

  id = pb_record_get_id (PB_RECORD (section));
  rows = load_sections (self, pb_section_get_plan_id (section));
  {
    SectionRow *row = find_section (rows, id);

    if (row == NULL)
      return not_found (error);
    parent = row->parent;
  }
  siblings = children_of (rows, parent);
  while (g_array_index (siblings, gint64, index) != id)
    index++;

  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= siblings->len) || delta == 0)
    return TRUE;
  if (delta < 0)
    before = g_array_index (siblings, gint64, index - 1);
  else if (index + 2 < siblings->len)
    before = g_array_index (siblings, gint64, index + 2);

  return move_section_command (self, section, parent, before,
                               delta < 0 ? _("Move Section Up") : _("Move Section Down"), error);
}

/**
 * pb_store_indent_section:
 * @self: a store
 * @section: a section
 * @indent: %TRUE to nest it under the sibling above it, %FALSE to take it
 *   out of its parent (after the parent)
 * @error: where to say why not
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_indent_section (PbStore    *self,
                         PbSection  *section,
                         gboolean    indent,
                         GError    **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) siblings = NULL;
  gint64 id;
  SectionRow *row;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_SECTION (section), FALSE);

  id = pb_record_get_id (PB_RECORD (section));
  rows = load_sections (self, pb_section_get_plan_id (section));
  row = find_section (rows, id);
  if (row == NULL)
    return not_found (error);

  if (indent)
    {
      gint64 above = 0;

      siblings = children_of (rows, row->parent);
      for (guint i = 1; i < siblings->len; i++)
        if (g_array_index (siblings, gint64, i) == id)
          above = g_array_index (siblings, gint64, i - 1);
      if (above == 0)
        return invalid (error, _("There is no section above this one to put it in."));
      return move_section_command (self, section, above, 0, _("Indent Section"), error);
    }
  else
    {
      SectionRow *parent = find_section (rows, row->parent);
      gint64 before = 0;

      if (parent == NULL)
        return invalid (error, _("This section is already at the top level."));
      siblings = children_of (rows, parent->parent);
      for (guint i = 0; i + 1 < siblings->len; i++)
        if (g_array_index (siblings, gint64, i) == parent->id)
          before = g_array_index (siblings, gint64, i + 1);
      return move_section_command (self, section, parent->parent, before, _("Outdent Section"), error);
    }
}

/* Whether Renumber Sections would change the numbers of @parent's
 * sub-sections (the top level's, for 0). */
static gboolean
sections_recount (PbStore *self,
                  gint64   plan_id,
                  GArray  *rows,
                  gint64   parent)
{
  g_autoptr(GArray) siblings = children_of (rows, parent);
  g_autoptr(GHashTable) numbers = NULL;
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) recounted = NULL;
  gboolean chinese;

  if (siblings->len == 0 || (numbers = load_section_numbers (self, plan_id, &chinese, NULL)) == NULL)
    return FALSE;
  old = numbers_of (numbers, siblings);
  recounted = pb_format_renumber_sections_forced ((const char *const *) old);
  return recounted != NULL && !g_strv_equal ((const char *const *) old, (const char *const *) recounted);
}

/**
 * pb_store_renumber_sections:
 * @self: a store
 * @plan_id: the plan
 * @parent_id: the section whose sub-sections are numbered again, or 0 for
 *   the top-level sections
 * @error: where to say why not
 *
 * Renumber Sections: the sub-sections of @parent_id counted 1, 2, 3… in
 * their order, in the style of the first numbered one, even when they do
 * not count in order now (two "(二)", a number skipped): see
 * pb_format_renumber_sections_forced(). One command, "Renumber Sections
 * in 二、重点任务" (for the top level "Renumber Sections"); nothing is
 * recorded when the numbers already count in order.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_renumber_sections (PbStore  *self,
                            gint64    plan_id,
                            gint64    parent_id,
                            GError  **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) siblings = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(PbSection) parent = NULL;
  g_autofree char *label = NULL;
  gboolean chinese;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (parent_id != 0)
    {
      g_autofree char *heading = NULL;

      parent = pb_store_get_record (self, PB_TYPE_SECTION, parent_id);
      if (parent == NULL || pb_section_get_plan_id (parent) != plan_id)
        return not_found (error);
      heading = pb_format_section_heading (pb_section_get_number (parent), pb_section_get_title (parent));
      /* Translators: an undoable command: the sub-sections of a section
       * numbered again, 1, 2, 3… in order; %s is that section's number and
       * title ("二、重点任务") */
      label = g_strdup_printf (_("Renumber Sections in %s"), g_strstrip (heading));
    }
  else
    {
      gint64 exists;

      if (!query_ids (self, "SELECT 1 FROM plan WHERE id = ?1", plan_id, 0, 0, &exists, error))
        return FALSE;
      if (exists == 0)
        return not_found (error);
      label = g_strdup (_("Renumber Sections"));
    }

  if (!pb_store_begin (self, error))
    return FALSE;
  rows = load_sections (self, plan_id);
  if (parent_id != 0 && find_section (rows, parent_id) == NULL)
    return pb_store_finish (self, not_found (error), label, error);
  siblings = children_of (rows, parent_id);
  if ((numbers = load_section_numbers (self, plan_id, &chinese, error)) == NULL)
    return pb_store_finish (self, FALSE, label, error);
  return pb_store_finish (self, renumber_siblings (self, numbers, NULL, siblings, NULL, TRUE, error), label, error);
}

/**
 * pb_store_find_section_number_clash:
 * @self: a store
 * @section: a section
 * @number: the number it is given (typed, not yet stored)
 *
 * A sibling of @section (a section under the same parent) that carries
 * @number already, as a reader sees it (pb_format_same_section_number():
 * "（二）" is "(二)"), for a warning under the field as it is typed: a
 * plan being renumbered may hold two "(二)" for a while, so a clash is not
 * refused.
 *
 * Returns: (transfer full) (nullable): the first such sibling, in order
 */
PbSection *
pb_store_find_section_number_clash (PbStore    *self,
                                    PbSection  *section,
                                    const char *number)
{
  g_autoptr(GListModel) sections = NULL;
  gint64 id, parent;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (PB_IS_SECTION (section), NULL);

  id = pb_record_get_id (PB_RECORD (section));
  parent = pb_section_get_parent_id (section);
  sections = pb_store_list_sections (self, pb_section_get_plan_id (section));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) other = g_list_model_get_item (sections, i);

      if (pb_record_get_id (PB_RECORD (other)) != id && pb_section_get_parent_id (other) == parent &&
          pb_format_same_section_number (pb_section_get_number (other), number))
        return g_steal_pointer (&other);
    }
  return NULL;
}

/**
 * pb_store_get_section_moves:
 * @self: a store
 * @section_id: a section
 *
 * Which of the section's moves can apply: Move Up (a sibling above),
 * Move Down (a sibling below), Indent (a sibling above to go into),
 * Outdent (a parent to leave) and Renumber Sections (its siblings, itself
 * included, numbered otherwise than 1, 2, 3… in order: see
 * pb_store_renumber_sections()), so its menu offers only those.
 *
 * Returns: the #PbSectionMoves that apply; none for an unknown section
 */
PbSectionMoves
pb_store_get_section_moves (PbStore *self,
                            gint64   section_id)
{
  g_autoptr(PbSection) section = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) siblings = NULL;
  PbSectionMoves moves = 0;
  SectionRow *row;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  section = pb_store_get_record (self, PB_TYPE_SECTION, section_id);
  if (section == NULL)
    return 0;
  rows = load_sections (self, pb_section_get_plan_id (section));
  row = find_section (rows, section_id);
  if (row == NULL)
    return 0;
  siblings = children_of (rows, row->parent);
  for (guint i = 0; i < siblings->len; i++)
    if (g_array_index (siblings, gint64, i) == section_id)
      {
        if (i > 0)
          moves |= PB_SECTION_MOVE_UP | PB_SECTION_MOVE_INDENT;
        if (i + 1 < siblings->len)
          moves |= PB_SECTION_MOVE_DOWN;
      }
  if (find_section (rows, row->parent) != NULL)
    moves |= PB_SECTION_MOVE_OUTDENT;
  if (sections_recount (self, pb_section_get_plan_id (section), rows, row->parent))
    moves |= PB_SECTION_MOVE_RENUMBER;
  /* Its own sub-sections: a heading is where a planner looks to put
   * their count right. */
  {
    g_autoptr(GArray) children = children_of (rows, section_id);

    if (children->len > 0)
      moves |= PB_SECTION_HAS_SUBS;
    if (children->len > 0 && sections_recount (self, pb_section_get_plan_id (section), rows, section_id))
      moves |= PB_SECTION_MOVE_RENUMBER_SUBS;
  }
  return moves;
}

/**
 * pb_store_count_section_items:
 * @self: a store
 * @section_id: a section
 * @error: where to say why they could not be counted
 *
 * Returns: how many items the section and its subsections hold; 0 with
 *   @error set when they cannot be read (never 0 for "none" then)
 */
guint
pb_store_count_section_items (PbStore  *self,
                              gint64    section_id,
                              GError  **error)
{
  gint64 n;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  if (!query_ids (self, SUBTREE_SQL "SELECT count(*) FROM item WHERE section_id IN (SELECT id FROM sub)",
                  section_id, 0, 0, &n, error))
    return 0;
  return n;
}

/**
 * pb_store_delete_section:
 * @self: a store
 * @section: a section
 * @move_items_to: the section that is to receive its items (and its
 *   subsections' items), or 0 to delete them with it
 * @error: where to say why not
 *
 * Deletes a section and its subsections as one "Delete Section" command.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_delete_section (PbStore    *self,
                         PbSection  *section,
                         gint64      move_items_to,
                         GError    **error)
{
  g_autoptr(GArray) siblings_before = NULL;
  g_autoptr(GArray) siblings_after = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  gint64 id, plan_id;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_SECTION (section), FALSE);

  id = pb_record_get_id (PB_RECORD (section));
  plan_id = pb_section_get_plan_id (section);
  if (move_items_to != 0)
    {
      gint64 inside;

      if (!in_plan (self, "SELECT plan_id FROM section WHERE id = ?1", move_items_to, plan_id, error))
        return FALSE;
      if (!query_ids (self, SUBTREE_SQL "SELECT count(*) FROM sub WHERE id = ?2", id, move_items_to, 0, &inside, error))
        return FALSE;
      if (inside > 0)
        return invalid (error, _("The items cannot go to a section that is being deleted."));
    }

  if (!pb_store_begin (self, error))
    return FALSE;

  /* Its siblings, before and after, and their numbers. */
  {
    g_autoptr(GArray) rows = load_sections (self, plan_id);
    SectionRow *row = find_section (rows, id);
    gboolean chinese;

    if (row == NULL)
      return pb_store_finish (self, not_found (error), NULL, error);
    siblings_before = children_of (rows, row->parent);
    siblings_after = g_array_copy (siblings_before);
    for (guint i = 0; i < siblings_after->len; i++)
      if (g_array_index (siblings_after, gint64, i) == id)
        g_array_remove_index (siblings_after, i--);
    if ((numbers = load_section_numbers (self, plan_id, &chinese, error)) == NULL)
      return pb_store_finish (self, FALSE, NULL, error);
  }

  if (move_items_to != 0)
    {
      /* Last in their new section, in their order: after its last item,
       * or, in a section with none of its own (a heading of
       * sub-sections), where it stands in the document, before its
       * sub-sections' items (section_end_position()). */
      gint64 after = -1, n = 0;

      ok = query_ids (self, SUBTREE_SQL "SELECT count(*) FROM item WHERE section_id IN (SELECT id FROM sub)",
                      id, 0, 0, &n, error) &&
           pb_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS pb_moving (id INTEGER PRIMARY KEY)", error) &&
           pb_store_exec (self, "DELETE FROM temp.pb_moving", error) &&
           pb_store_exec_ids (self, SUBTREE_SQL "INSERT INTO temp.pb_moving (id)"
                                                " SELECT id FROM item WHERE section_id IN (SELECT id FROM sub)",
                              id, 0, error);
      if (ok)
        ok = section_end_position (self, plan_id, move_items_to, TRUE, &after, error);
      if (ok)
        {
          PbDbStmt *stmt = pb_store_prepare (self, SUBTREE_SQL "UPDATE item SET position = position + ?3"
                                                                   " WHERE plan_id = ?4 AND position > ?2"
                                                                   " AND coalesce(section_id, 0) NOT IN (SELECT id FROM sub)",
                                                 error);
          ok = stmt != NULL;
          if (ok)
            {
              pb_db_bind_int64 (stmt, 1, id);
              pb_db_bind_int64 (stmt, 2, after);
              pb_db_bind_int64 (stmt, 3, n);
              pb_db_bind_int64 (stmt, 4, plan_id);
              ok = pb_store_step_done (self, stmt, error);
            }
        }
      if (ok)
        {
          PbDbStmt *stmt = pb_store_prepare (self, SUBTREE_SQL ", moved(id, rank) AS"
                                                       " (SELECT id, row_number() OVER (ORDER BY position, id) FROM item"
                                                       "  WHERE section_id IN (SELECT id FROM sub))"
                                                       " UPDATE item SET section_id = ?2,"
                                                       "  position = ?3 + (SELECT rank FROM moved WHERE moved.id = item.id)"
                                                       " WHERE id IN (SELECT id FROM moved)", error);
          ok = stmt != NULL;
          if (ok)
            {
              pb_db_bind_int64 (stmt, 1, id);
              pb_db_bind_int64 (stmt, 2, move_items_to);
              pb_db_bind_int64 (stmt, 3, after);
              ok = pb_store_step_done (self, stmt, error);
            }
        }
      if (ok)
        ok = pb_store_exec (self, "DELETE FROM temp.pb_moving", error);
    }
  else
    ok = pb_store_exec_ids (self, SUBTREE_SQL "DELETE FROM item WHERE section_id IN (SELECT id FROM sub)", id, 0, error);

  if (ok)
    ok = pb_store_exec_ids (self, "DELETE FROM section WHERE id = ?1", id, 0, error);
  /* The sections beside it keep counting in order. */
  if (ok && numbers != NULL)
    ok = renumber_siblings (self, numbers, siblings_before, siblings_after, NULL, FALSE, error);

  return pb_store_finish (self, ok, _("Delete Section"), error);
}

/* ---- The plan -------------------------------------------------------- */

/**
 * pb_store_count_default_dated_items:
 * @self: a store
 * @plan: a plan
 *
 * Returns: how many of its items start on the first day of its period,
 *   are due on its last day, or have no dates at all: those Plan
 *   Properties offers to move with the period (the undated ones are given
 *   the new period's first and last days)
 */
guint
pb_store_count_default_dated_items (PbStore *self,
                                    PbPlan  *plan)
{
  g_autofree char *start = NULL;
  g_autofree char *due = NULL;
  PbDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PLAN (plan), 0);

  start = g_strdup_printf ("%04d-01-01", pb_plan_get_period_start (plan));
  due = g_strdup_printf ("%04d-12-31", pb_plan_get_period_end (plan));
  stmt = pb_store_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1 AND (start_date = ?2 OR due_date = ?3"
                                 " OR (start_date IS NULL AND due_date IS NULL))", NULL);
  if (stmt == NULL)
    return 0;
  pb_db_bind_int64 (stmt, 1, pb_record_get_id (PB_RECORD (plan)));
  pb_db_bind_text (stmt, 2, start);
  pb_db_bind_text (stmt, 3, due);
  if (pb_db_step (stmt) == PB_DB_ROW)
    count = pb_db_column_int (stmt, 0);
  pb_db_reset (stmt);
  return count;
}

/**
 * pb_store_count_undated_items:
 * @self: a store
 * @plan: a plan
 *
 * Returns: how many of its items have neither a start nor a due date
 *   (among those pb_store_count_default_dated_items() counts)
 */
guint
pb_store_count_undated_items (PbStore *self,
                              PbPlan  *plan)
{
  PbDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PLAN (plan), 0);

  stmt = pb_store_prepare (self, "SELECT count(*) FROM item WHERE plan_id = ?1"
                                 " AND start_date IS NULL AND due_date IS NULL", NULL);
  if (stmt == NULL)
    return 0;
  pb_db_bind_int64 (stmt, 1, pb_record_get_id (PB_RECORD (plan)));
  if (pb_store_step (self, stmt, NULL))
    count = pb_db_column_int (stmt, 0);
  pb_db_reset (stmt);
  return count;
}

/**
 * pb_store_count_targets_outside:
 * @self: a store
 * @plan: a plan
 * @first: the first year of a period
 * @last: its last year
 *
 * Returns: how many of the plan's targets (firm or stretch; one stated
 *   by a goal and a task counts once) are for a year before @first or
 *   after @last: those a new period would leave outside it. Changing the
 *   period keeps them.
 */
guint
pb_store_count_targets_outside (PbStore *self,
                                PbPlan  *plan,
                                int      first,
                                int      last)
{
  PbDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (PB_IS_PLAN (plan), 0);

  /* A goal and a task often state one target: it counts once, as the
   * indicator table shows it once. */
  stmt = pb_store_prepare (self, "SELECT count(*) FROM (SELECT DISTINCT t.indicator_id, t.year, t.stretch"
                                 " FROM target t JOIN indicator k ON k.id = t.indicator_id"
                                 " WHERE k.plan_id = ?1 AND (t.year < ?2 OR t.year > ?3)) AS outside", NULL);
  if (stmt == NULL)
    return 0;
  pb_db_bind_int64 (stmt, 1, pb_record_get_id (PB_RECORD (plan)));
  pb_db_bind_int (stmt, 2, first);
  pb_db_bind_int (stmt, 3, last);
  if (pb_store_step (self, stmt, NULL))
    count = pb_db_column_int (stmt, 0);
  pb_db_reset (stmt);
  return count;
}


/* Moves the items pb_store_count_default_dated_items() counts (on the
 * old period's first or last day, or with no dates) with the period: a
 * date on the old boundary goes to the new one; any other date shifts by
 * the years the period moved when it moved whole, and otherwise stays
 * (kept inside the new period); both then lie inside the new period, the
 * start never after the due date. An item with no dates gets the new
 * period's first and last days. Inside the caller's transaction. */
static gboolean
move_period_items (PbStore     *self,
                   gint64       plan_id,
                   int          old_start,
                   int          old_end,
                   int          new_start,
                   int          new_end,
                   GError     **error)
{
  g_autofree char *old_first = g_strdup_printf ("%04d-01-01", old_start);
  g_autofree char *old_last = g_strdup_printf ("%04d-12-31", old_end);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", new_start);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", new_end);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  PbDbStmt *stmt;
  int rc;

  stmt = pb_store_prepare (self, "SELECT id, start_date, due_date FROM item WHERE plan_id = ?1"
                                 " AND (start_date = ?2 OR due_date = ?3 OR (start_date IS NULL AND due_date IS NULL))", error);
  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, plan_id);
  pb_db_bind_text (stmt, 2, old_first);
  pb_db_bind_text (stmt, 3, old_last);
  while ((rc = pb_db_step (stmt)) == PB_DB_ROW)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, pb_db_column_int64 (stmt, 0));
      row[1] = g_strdup (pb_db_column_text (stmt, 1));
      row[2] = g_strdup (pb_db_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  pb_db_reset (stmt);
  if (rc != PB_DB_DONE)
    return pb_store_set_error (self, rc, error);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      char *dates[2] = { NULL, NULL };
      gboolean undated = row[1] == NULL && row[2] == NULL;

      for (guint k = 0; k < 2; k++)
        {
          const char *old = row[1 + k];
          GDate d;

          if (undated)
            {
              dates[k] = g_strdup (k == 0 ? first : last);
              continue;
            }
          if (old == NULL || !pb_date_parse (old, &d))
            continue;
          if (g_str_equal (old, k == 0 ? old_first : old_last))
            dates[k] = g_strdup (k == 0 ? first : last);
          else
            {
              char buf[16];

              /* Shifted only when the whole period moved (2025—2027 to
               * 2026—2028); a period that grew or shrank at one end keeps
               * the item's other date where it was, inside the new period
               * (an item from 2026-01-01 to 2027-12-31 keeps its start when
               * 2025—2027 becomes 2026—2027). */
              if (new_start - old_start == new_end - old_end)
                {
                  if (new_start > old_start)
                    g_date_add_years (&d, new_start - old_start);
                  else if (new_start < old_start)
                    g_date_subtract_years (&d, old_start - new_start);
                }
              g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
              dates[k] = g_strdup (strcmp (buf, first) < 0 ? first : strcmp (buf, last) > 0 ? last : buf);
            }
        }
      if (dates[0] && dates[1] && strcmp (dates[0], dates[1]) > 0)
        {
          g_free (dates[0]);
          dates[0] = g_strdup (dates[1]);
        }
      stmt = pb_store_prepare (self, "UPDATE item SET start_date = ?2, due_date = ?3 WHERE id = ?1", error);
      if (stmt == NULL)
        {
          g_free (dates[0]);
          g_free (dates[1]);
          return FALSE;
        }
      pb_db_bind_int64 (stmt, 1, g_ascii_strtoll (row[0], NULL, 10));
      if (dates[0])
        pb_db_bind_text (stmt, 2, dates[0]);
      else
        pb_db_bind_null (stmt, 2);
      if (dates[1])
        pb_db_bind_text (stmt, 3, dates[1]);
      else
        pb_db_bind_null (stmt, 3);
      g_free (dates[0]);
      g_free (dates[1]);
      if (!pb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pb_store_set_plan_properties:
 * @self: a store
 * @plan: a plan
 * @title: its title (not empty)
 * @doc_number: (nullable): its document number (云政发〔2025〕8号)
 * @issuer: (nullable): who issued it
 * @issue_date: (nullable): when, YYYY-MM-DD
 * @period_start: its first year
 * @period_end: its last year
 * @move_default_dates: when the period changes, items that start on the
 *   old period's first day or are due on its last day move with it, and
 *   items with no dates get the new period's first and last days
 * @error: where to say why not
 *
 * One "Change Plan Properties" command.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set_plan_properties (PbStore     *self,
                              PbPlan      *plan,
                              const char  *title,
                              const char  *doc_number,
                              const char  *issuer,
                              const char  *issue_date,
                              int          period_start,
                              int          period_end,
                              gboolean     move_default_dates,
                              GError     **error)
{
  g_autofree char *clean = NULL;
  gint64 plan_id;
  GDate date;
  gboolean ok;
  int old_start, old_end;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_PLAN (plan), FALSE);

  clean = g_strstrip (g_strdup (title ? title : ""));
  if (clean[0] == '\0')
    return invalid (error, _("A plan needs a title."));
  if (issue_date && issue_date[0] && !pb_date_parse (issue_date, &date))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2024-06-30."), issue_date);
      return FALSE;
    }
  if (period_start < 1900 || period_start > 2200 || period_end < 1900 || period_end > 2200)
    return invalid (error, _("A plan’s period is given in years, such as 2025 to 2027."));
  if (period_end < period_start)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A plan cannot end (%d) before it starts (%d)."), period_end, period_start);
      return FALSE;
    }

  plan_id = pb_record_get_id (PB_RECORD (plan));
  old_start = pb_plan_get_period_start (plan);
  old_end = pb_plan_get_period_end (plan);

  if (!pb_store_begin (self, error))
    return FALSE;

  ok = pb_store_update (self, PB_TYPE_PLAN, plan_id, error,
                        "title", clean,
                        "doc_number", doc_number && doc_number[0] ? doc_number : NULL,
                        "issuer", issuer && issuer[0] ? issuer : NULL,
                        "issue_date", issue_date && issue_date[0] ? issue_date : NULL,
                        "period_start", (gint64) period_start,
                        "period_end", (gint64) period_end,
                        NULL);

  /* A plan that had no period has no default dates, only undated items. */
  if (ok && move_default_dates)
    ok = move_period_items (self, plan_id, old_start, old_end, period_start, period_end, error);

  return pb_store_finish (self, ok, _("Change Plan Properties"), error);
}

/* ---- Many items at once ---------------------------------------------- */


/**
 * pb_store_set_items_status:
 * @self: a store
 * @item_ids: (array length=n_items): items of one plan
 * @n_items: how many
 * @status: their new status
 * @error: where to say why not
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set_items_status (PbStore       *self,
                           const gint64  *item_ids,
                           guint          n_items,
                           PbItemStatus   status,
                           GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *label = NULL;
  gint64 plan_id;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_items (self, item_ids, n_items, &plan_id, error);
  if (ids == NULL)
    return FALSE;
  label = ids->len == 1 ? g_strdup (_("Change Status"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Change Status of %u Item", "Change Status of %u Items", ids->len), ids->len);

  if (!pb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = pb_store_update (self, PB_TYPE_ITEM, g_array_index (ids, gint64, i), error, "status", status, NULL);
  return pb_store_finish (self, ok, label, error);
}

/* The organisation of the plan with this name or alias, added when new.
 * Inside a transaction. */
static gint64
ensure_organisation (PbStore     *self,
                     gint64       plan_id,
                     const char  *name,
                     GError     **error)
{
  gint64 id = pb_store_find_organisation (self, plan_id, name);

  if (id == 0)
    id = pb_store_insert (self, PB_TYPE_ORGANISATION, error, "plan_id", plan_id, "name", name, NULL);
  return id;
}

static char *
clean_name (const char  *name,
            GError     **error)
{
  char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (clean[0] == '\0')
    {
      g_free (clean);
      invalid (error, _("An organisation needs a name."));
      return NULL;
    }
  return clean;
}

/* The items of one plan and a clean organisation name, for the commands
 * that give several items an organisation. */
static GArray *
check_org_items (PbStore       *self,
                 const gint64  *item_ids,
                 guint          n_items,
                 const char    *organisation,
                 char         **name,
                 gint64        *plan_id,
                 GError       **error)
{
  if ((*name = clean_name (organisation, error)) == NULL)
    return NULL;
  return check_items (self, item_ids, n_items, plan_id, error);
}

/**
 * pb_store_set_items_lead:
 * @self: a store
 * @item_ids: (array length=n_items): items of one plan
 * @n_items: how many
 * @organisation: the name (or an alias) of the organisation that is to
 *   lead them; a new name adds it to the plan
 * @error: where to say why not
 *
 * Makes the organisation each item's only lead; their other leads become
 * responsible organisations, so nobody is lost from an item.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set_items_lead (PbStore       *self,
                         const gint64  *item_ids,
                         guint          n_items,
                         const char    *organisation,
                         GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  gint64 plan_id, org_id;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_org_items (self, item_ids, n_items, organisation, &name, &plan_id, error);
  if (ids == NULL)
    return FALSE;
  label = ids->len == 1 ? g_strdup (_("Change Lead Organisation"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Change Lead of %u Item", "Change Lead of %u Items", ids->len), ids->len);

  if (!pb_store_begin (self, error))
    return FALSE;
  org_id = ensure_organisation (self, plan_id, name, error);
  ok = org_id > 0;
  for (guint i = 0; ok && i < ids->len; i++)
    {
      gint64 item_id = g_array_index (ids, gint64, i);

      ok = pb_store_exec_ids (self, "UPDATE item_org SET role = 'responsible'"
                                    " WHERE item_id = ?1 AND role = 'lead' AND organisation_id <> ?2",
                              item_id, org_id, error) &&
           pb_store_exec_ids (self, "UPDATE item_org SET role = 'lead'"
                                    " WHERE item_id = ?1 AND organisation_id = ?2 AND role <> 'lead'",
                              item_id, org_id, error) &&
           pb_store_exec_ids (self, "INSERT INTO item_org (item_id, organisation_id, role, position)"
                                    " SELECT ?1, ?2, 'lead', (SELECT coalesce(max(position) + 1, 0) FROM item_org WHERE item_id = ?1)"
                                    " WHERE NOT EXISTS (SELECT 1 FROM item_org WHERE item_id = ?1 AND organisation_id = ?2)",
                              item_id, org_id, error);
    }
  return pb_store_finish (self, ok, label, error);
}

/**
 * pb_store_add_items_responsible:
 * @self: a store
 * @item_ids: (array length=n_items): items of one plan
 * @n_items: how many
 * @organisation: the name (or an alias) of an organisation; a new name
 *   adds it to the plan
 * @error: where to say why not
 *
 * Adds the organisation as responsible to each item it is not already on.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_add_items_responsible (PbStore       *self,
                                const gint64  *item_ids,
                                guint          n_items,
                                const char    *organisation,
                                GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  gint64 plan_id, org_id;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_org_items (self, item_ids, n_items, organisation, &name, &plan_id, error);
  if (ids == NULL)
    return FALSE;
  label = ids->len == 1 ? g_strdup (_("Add Responsible Organisation"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add Responsible Organisation to %u Item", "Add Responsible Organisation to %u Items", ids->len), ids->len);

  if (!pb_store_begin (self, error))
    return FALSE;
  org_id = ensure_organisation (self, plan_id, name, error);
  ok = org_id > 0;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = pb_store_exec_ids (self, "INSERT INTO item_org (item_id, organisation_id, role, position)"
                                  " SELECT ?1, ?2, 'responsible', (SELECT coalesce(max(position) + 1, 0) FROM item_org WHERE item_id = ?1)"
                                  " WHERE NOT EXISTS (SELECT 1 FROM item_org WHERE item_id = ?1 AND organisation_id = ?2)",
                            g_array_index (ids, gint64, i), org_id, error);
  return pb_store_finish (self, ok, label, error);
}

static char *
shift_date (const char *text,
            int         days,
            int         months)
{
  GDate date;
  char out[11];

  if (!pb_date_parse (text, &date))
    return NULL;
  /* Month ends stay month ends, as the timeline moves them. */
  if (months != 0)
    pb_date_add_months (&date, months);
  if (g_date_valid (&date) && days > 0)
    g_date_add_days (&date, days);
  else if (g_date_valid (&date) && days < 0)
    g_date_subtract_days (&date, -days);
  if (!g_date_valid (&date))
    return NULL;
  pb_date_format (&date, out);
  return g_strdup (out);
}

/* Whether a date (YYYY-MM-DD) falls in the years @first to @last. */
static gboolean
year_in (const char *date,
         int         first,
         int         last)
{
  GDate d;

  return pb_date_parse (date, &d) && g_date_get_year (&d) >= first && g_date_get_year (&d) <= last;
}

/* Every item's new dates, each checked: @starts and @dues (may be NULL)
 * get them in @ids' order; %FALSE, saying why, when one of them would
 * leave the calendar or the plan's period. @before_apply words the reason
 * for a dialog that has not applied anything yet. */
static gboolean
shift_items_dates (PbStore   *self,
                   GArray    *ids,
                   gint64     plan_id,
                   int        days,
                   int        months,
                   gboolean   before_apply,
                   GPtrArray *starts,
                   GPtrArray *dues,
                   GError   **error)
{
  g_autofree char *first_refused = NULL;
  g_autofree char *first_refused_date = NULL;
  g_autoptr(PbPlan) plan = NULL;
  guint n_refused = 0;
  gboolean has_period = FALSE;
  int first = 0, last = 0;

  plan = pb_store_get_record (self, PB_TYPE_PLAN, plan_id);
  if (plan && pb_plan_get_period_start (plan) > 0 && pb_plan_get_period_end (plan) >= pb_plan_get_period_start (plan))
    {
      has_period = TRUE;
      first = pb_plan_get_period_start (plan);
      last = pb_plan_get_period_end (plan);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (self, PB_TYPE_ITEM, g_array_index (ids, gint64, i));
      const char *start = item ? pb_record_get_string (PB_RECORD (item), "start_date") : NULL;
      const char *due = item ? pb_record_get_string (PB_RECORD (item), "due_date") : NULL;
      g_autofree char *new_start = start ? shift_date (start, days, months) : NULL;
      g_autofree char *new_due = due ? shift_date (due, days, months) : NULL;
      const char *outside;

      if ((start && !new_start) || (due && !new_due))
        return invalid (error, _("The dates would move out of the calendar."));
      /* A month shift may shorten an item (31 March − 1 month); never
       * below a day. */
      if (new_start && new_due && strcmp (new_start, new_due) > 0)
        {
          g_free (new_start);
          new_start = g_strdup (new_due);
        }
      /* Within the plan's period, as pb_store_check_item_dates() wants
       * it of one item's dates. A date already outside it (Plan
       * Properties' Keep Dates leaves such items) may still move. */
      outside = has_period && new_start && !year_in (new_start, first, last) && year_in (start, first, last) ? new_start
              : has_period && new_due && !year_in (new_due, first, last) && year_in (due, first, last) ? new_due
              : NULL;
      if (outside)
        {
          if (first_refused == NULL)
            {
              gint64 id = g_array_index (ids, gint64, i);

              first_refused = pb_store_describe_items (self, &id, 1);
              first_refused_date = before_apply ? pb_format_iso_date (outside) : g_strdup (outside);
            }
          n_refused++;
          continue;
        }
      if (starts)
        g_ptr_array_add (starts, g_steal_pointer (&new_start));
      if (dues)
        g_ptr_array_add (dues, g_steal_pointer (&new_due));
    }
  if (n_refused == 0)
    return TRUE;

  if (before_apply && n_refused == 1)
    /* Translators: beside the Shift Dates dialog's field, before Apply:
     * "This would move 3 统筹建设绿色数据中心 to 2028年1月31日, outside
     * the plan’s period, 2025—2027." */
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                 _("This would move %s to %s, outside the plan’s period, %d—%d."),
                 first_refused, first_refused_date, first, last);
  else if (before_apply)
    /* Translators: beside the Shift Dates dialog's field, before Apply:
     * the count of items that would leave the period, the period, then
     * the first of them and where it would go */
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "This would move %u item outside the plan’s period, %d—%d, among them %s to %s.",
                              "This would move %u items outside the plan’s period, %d—%d, among them %s to %s.",
                              n_refused),
                 n_refused, first, last, first_refused, first_refused_date);
  else if (n_refused == 1)
    /* Translators: "Rescheduling would move 3 统筹建设绿色数据中心 to
     * 2028-01-31, outside the plan’s period, 2025—2027. …" */
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                 _("Rescheduling would move %s to %s, outside the plan’s period, %d—%d. Nothing was changed."),
                 first_refused, first_refused_date, first, last);
  else
    /* Translators: the count of items that would leave the period,
     * the period, then the first of them and where it would go */
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Rescheduling would move %u item outside the plan’s period, %d—%d, among them %s to %s. Nothing was changed.",
                              "Rescheduling would move %u items outside the plan’s period, %d—%d, among them %s to %s. Nothing was changed.",
                              n_refused),
                 n_refused, first, last, first_refused, first_refused_date);
  return FALSE;
}

/**
 * pb_store_shift_items:
 * @self: a store
 * @item_ids: (array length=n_items): items of one plan
 * @n_items: how many
 * @days: days to move their dates by (negative: earlier)
 * @months: months to move them by, first, as pb_date_add_months() does
 *   (31 January + 1 month is 28 or 29 February, 30 June + 2 months is
 *   31 August)
 * @error: where to say why not
 *
 * Moves the start and due dates of the items; dates not set stay unset.
 * Refused as a whole, nothing changed, when a date would leave the
 * calendar or the plan's period (when the plan has one), as
 * pb_store_check_item_dates() refuses it for one item; a date already
 * outside the period is not held to it.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_shift_items (PbStore       *self,
                      const gint64  *item_ids,
                      guint          n_items,
                      int            days,
                      int            months,
                      GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GPtrArray) dues = NULL;
  g_autofree char *label = NULL;
  gint64 plan_id;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_items (self, item_ids, n_items, &plan_id, error);
  if (ids == NULL)
    return FALSE;
  if (days == 0 && months == 0)
    return TRUE;
  label = ids->len == 1 ? g_strdup (_("Reschedule Item"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reschedule %u Item", "Reschedule %u Items", ids->len), ids->len);

  /* Every item's new dates first, each checked: nothing is written when
   * one of them is refused. */
  starts = g_ptr_array_new_with_free_func (g_free);
  dues = g_ptr_array_new_with_free_func (g_free);
  if (!shift_items_dates (self, ids, plan_id, days, months, FALSE, starts, dues, error))
    return FALSE;

  if (!pb_store_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = pb_store_update (self, PB_TYPE_ITEM, g_array_index (ids, gint64, i), error,
                          "start_date", g_ptr_array_index (starts, i), "due_date", g_ptr_array_index (dues, i), NULL);
  return pb_store_finish (self, ok, label, error);
}

/**
 * pb_store_check_shift_items:
 * @self: a store
 * @item_ids: (array length=n_items): items of one plan
 * @n_items: how many
 * @days: days to add (negative: earlier)
 * @months: months to add (negative: earlier)
 * @error: where to say why not
 *
 * Whether pb_store_shift_items() would take this shift, without writing
 * anything: for a dialog to say why not beside its field, before Apply.
 * The reason is worded for that ("This would move 3 items outside the
 * plan's period, …"), dates as the locale writes them.
 *
 * Returns: %TRUE if the shift would be taken
 */
gboolean
pb_store_check_shift_items (PbStore       *self,
                            const gint64  *item_ids,
                            guint          n_items,
                            int            days,
                            int            months,
                            GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 plan_id;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_items (self, item_ids, n_items, &plan_id, error);
  if (ids == NULL)
    return FALSE;
  if (days == 0 && months == 0)
    return TRUE;
  return shift_items_dates (self, ids, plan_id, days, months, TRUE, NULL, NULL, error);
}

/**
 * pb_store_move_items_to_section:
 * @self: a store
 * @item_ids: (array length=n_items): items of one plan
 * @n_items: how many
 * @section_id: a section of that plan, or 0 for none
 * @error: where to say why not
 *
 * Moves the items, in their order, to the end of the section: after its
 * last item, or, in a section with none of its own, where the section
 * stands in the document (before its sub-sections' items). They take the
 * section's next numbers, and the sections they left close the gap when
 * their numbers counted in order (see pb_store_place_item()).
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_move_items_to_section (PbStore       *self,
                                const gint64  *item_ids,
                                guint          n_items,
                                gint64         section_id,
                                GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) before = NULL;
  g_autofree char *label = NULL;
  gint64 plan_id, after = -1;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  ids = check_items (self, item_ids, n_items, &plan_id, error);
  if (ids == NULL)
    return FALSE;
  if (section_id != 0 &&
      !in_plan (self, "SELECT plan_id FROM section WHERE id = ?1", section_id, plan_id, error))
    return FALSE;
  label = ids->len == 1 ? g_strdup (_("Move Item"))
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Item", "Move %u Items", ids->len), ids->len);

  if (!pb_store_begin (self, error))
    return FALSE;

  before = load_item_rows (self, plan_id, error);
  ok = before != NULL &&
       pb_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS pb_moving (id INTEGER PRIMARY KEY)", error) &&
       pb_store_exec (self, "DELETE FROM temp.pb_moving", error);
  for (guint i = 0; ok && i < ids->len; i++)
    ok = pb_store_exec_ids (self, "INSERT INTO temp.pb_moving (id) VALUES (?1)", g_array_index (ids, gint64, i), 0, error);

  /* At the end of the section in document order, among the items that
   * stay (section_end_position()). */
  if (ok)
    ok = section_end_position (self, plan_id, section_id, TRUE, &after, error);
  if (ok)
    {
      PbDbStmt *stmt = pb_store_prepare (self, "UPDATE item SET position = position + ?3 WHERE plan_id = ?1"
                                                   " AND position > ?2 AND id NOT IN (SELECT id FROM temp.pb_moving)", error);
      ok = stmt != NULL;
      if (ok)
        {
          pb_db_bind_int64 (stmt, 1, plan_id);
          pb_db_bind_int64 (stmt, 2, after);
          pb_db_bind_int64 (stmt, 3, ids->len);
          ok = pb_store_step_done (self, stmt, error);
        }
    }
  if (ok)
    {
      PbDbStmt *stmt = pb_store_prepare (self, "WITH moved(id, rank) AS"
                                                   " (SELECT id, row_number() OVER (ORDER BY position, id) FROM item"
                                                   "  WHERE id IN (SELECT id FROM temp.pb_moving))"
                                                   " UPDATE item SET section_id = nullif(?1, 0),"
                                                   "  position = ?2 + (SELECT rank FROM moved WHERE moved.id = item.id)"
                                                   " WHERE id IN (SELECT id FROM moved)", error);
      ok = stmt != NULL;
      if (ok)
        {
          pb_db_bind_int64 (stmt, 1, section_id);
          pb_db_bind_int64 (stmt, 2, after);
          ok = pb_store_step_done (self, stmt, error);
        }
    }
  if (ok)
    ok = pb_store_exec (self, "DELETE FROM temp.pb_moving", error);
  if (ok)
    {
      g_autoptr(GHashTable) moved = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (moved, &g_array_index (ids, gint64, i));
      ok = renumber_moved_items (self, plan_id, before, moved, error);
    }

  return pb_store_finish (self, ok, label, error);
}

/**
 * pb_store_check_item_dates:
 * @self: a store
 * @item: an item
 * @start: (nullable): a start for it, YYYY-MM-DD, or empty for none
 * @due: (nullable): a due date for it
 * @column: (out) (optional): the column at fault, `start_date` or
 *   `due_date`, so that an editor can mark the field that is wrong
 * @error: where to say why not
 *
 * Whether pb_store_set_item_dates() would take these dates: each one a
 * date, the due date not before the start, both in the plan's period
 * (when the plan has one).
 *
 * Returns: %TRUE if they are acceptable
 */
gboolean
pb_store_check_item_dates (PbStore     *self,
                           PbItem      *item,
                           const char  *start,
                           const char  *due,
                           const char **column,
                           GError     **error)
{
  g_autoptr(PbPlan) plan = NULL;
  GDate s, d;
  gboolean has_s, has_d;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);

  has_s = start && *start;
  has_d = due && *due;
  if ((has_s && !pb_date_parse (start, &s)) || (has_d && !pb_date_parse (due, &d)))
    {
      gboolean start_bad = has_s && !pb_date_parse (start, &s);

      if (column)
        *column = start_bad ? "start_date" : "due_date";
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("“%s” is not a date; write it as 2024-06-30."),
                   start_bad ? start : due);
      return FALSE;
    }
  if (has_s && has_d && g_date_compare (&d, &s) < 0)
    {
      if (column)
        *column = "due_date";
      return invalid (error, _("The due date cannot come before the start"));
    }

  plan = pb_store_get_record (self, PB_TYPE_PLAN, pb_item_get_plan_id (item));
  if (plan && pb_plan_get_period_start (plan) > 0 && pb_plan_get_period_end (plan) >= pb_plan_get_period_start (plan))
    {
      int first = pb_plan_get_period_start (plan), last = pb_plan_get_period_end (plan);
      const char *outside = NULL;

      if (has_s && (g_date_get_year (&s) < first || g_date_get_year (&s) > last))
        outside = start;
      else if (has_d && (g_date_get_year (&d) < first || g_date_get_year (&d) > last))
        outside = due;
      if (outside)
        {
          if (column)
            *column = outside == start ? "start_date" : "due_date";
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("%s is outside the plan’s period, %d—%d."), outside, first, last);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * pb_store_set_item_dates:
 * @self: a store
 * @item: an item
 * @start: (nullable): its new start, YYYY-MM-DD, or empty for none
 * @due: (nullable): its new due date
 * @error: where to say why not
 *
 * Sets an item's dates as one command, refusing what
 * pb_store_check_item_dates() refuses, with the message it gives. The
 * command is named for what changed: "Change Dates", or "Change Start
 * Date" or "Change Due Date" when only one did; nothing is done when
 * neither did.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set_item_dates (PbStore     *self,
                         PbItem      *item,
                         const char  *start,
                         const char  *due,
                         GError     **error)
{
  const char *new_start, *new_due;
  gboolean start_changed, due_changed;

  if (!pb_store_check_item_dates (self, item, start, due, NULL, error))
    return FALSE;

  new_start = start && *start ? start : NULL;
  new_due = due && *due ? due : NULL;
  start_changed = g_strcmp0 (new_start, pb_record_get_string (PB_RECORD (item), "start_date")) != 0;
  due_changed = g_strcmp0 (new_due, pb_record_get_string (PB_RECORD (item), "due_date")) != 0;
  if (start_changed && due_changed)
    return pb_store_set (self, item, error, "start_date", new_start, "due_date", new_due, NULL);
  if (start_changed)
    return pb_store_set (self, item, error, "start_date", new_start, NULL);
  if (due_changed)
    return pb_store_set (self, item, error, "due_date", new_due, NULL);
  return TRUE;
}

/**
 * pb_store_set_health_override:
 * @self: a store
 * @item: an item
 * @health: the health set by hand, or %PB_HEALTH_NONE to clear it
 * @reason: (nullable): why; required unless clearing
 *
 * Sets an item's health by hand, with its reason and today's date (a
 * manual override wins over every rule, DESIGN §5), or clears it, as one
 * command.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set_health_override (PbStore     *self,
                              PbItem      *item,
                              PbHealth     health,
                              const char  *reason,
                              GError     **error)
{
  g_autofree char *why = NULL;
  g_autofree char *date = NULL;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);

  g_return_val_if_fail (health >= PB_HEALTH_NONE && health <= PB_HEALTH_RED, FALSE);

  if (health != PB_HEALTH_NONE)
    {
      GDate today;

      why = g_strstrip (g_strdup (reason ? reason : ""));
      if (*why == '\0')
        return invalid (error, _("Say why the health is set by hand: the reason is required."));
      pb_date_today (&today);
      date = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&today),
                              g_date_get_month (&today), g_date_get_day (&today));
    }

  if (!pb_store_begin (self, error))
    return FALSE;
  ok = pb_store_update (self, PB_TYPE_ITEM, pb_record_get_id (PB_RECORD (item)), error,
                        "health_override", health,
                        "health_reason", why,
                        "health_date", date,
                        NULL);
  return pb_store_finish (self, ok,
                          health != PB_HEALTH_NONE ? _("Set Health by Hand")
                                                   : _("Clear Health Set by Hand"),
                          error);
}

/* ---- Targets ------------------------------------------------------------ */

/* Whether @a and @b are one target: of one indicator, for one year and
 * firmness, with one comparator and value (a goal and its task often both
 * state it, each as a row of its own). */
static gboolean
same_target (PbTarget *a,
             PbTarget *b)
{
  return pb_record_get_int (PB_RECORD (a), "indicator_id") == pb_record_get_int (PB_RECORD (b), "indicator_id") &&
         pb_target_get_year (a) == pb_target_get_year (b) &&
         pb_record_get_boolean (PB_RECORD (a), "stretch") == pb_record_get_boolean (PB_RECORD (b), "stretch") &&
         pb_record_get_enum (PB_RECORD (a), "comparator") == pb_record_get_enum (PB_RECORD (b), "comparator") &&
         pb_target_get_value (a) == pb_target_get_value (b);
}

/**
 * pb_store_list_target_twins:
 * @self: a store
 * @target: a target
 *
 * Returns: (transfer full) (element-type PbTarget): @target first, then
 *   the rows of its indicator that state the same target (year, firmness,
 *   comparator and value) for another item, in the indicator's order
 */
GPtrArray *
pb_store_list_target_twins (PbStore  *self,
                            PbTarget *target)
{
  g_autoptr(GListModel) all = NULL;
  GPtrArray *twins = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PB_IS_STORE (self), twins);
  g_return_val_if_fail (PB_IS_TARGET (target), twins);

  g_ptr_array_add (twins, g_object_ref (target));
  all = pb_store_list_targets (self, pb_record_get_int (PB_RECORD (target), "indicator_id"));
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (all, i);

      if (pb_record_get_id (PB_RECORD (t)) != pb_record_get_id (PB_RECORD (target)) && same_target (t, target))
        g_ptr_array_add (twins, g_steal_pointer (&t));
    }
  return twins;
}

/**
 * pb_store_change_target:
 * @self: a store
 * @target: a target
 * @year: its new year
 * @value: its new value
 * @comparator: its new comparator
 * @stretch: whether it is a stretch target (力争)
 * @error: where to say why not
 *
 * Changes a target, and with it the rows that state the same target for
 * another item (pb_store_list_target_twins()), as one command: "Change
 * Target Year" when the year changes, else "Change Target". Refuses a new
 * year outside the plan's period and a second target of the indicator
 * for one year and firmness, changing nothing. A target already outside
 * the period (the period moved) keeps its year and may change otherwise.
 *
 * Returns: %TRUE on success, or when nothing changes
 */
gboolean
pb_store_change_target (PbStore       *self,
                        PbTarget      *target,
                        int            year,
                        double         value,
                        PbComparator   comparator,
                        gboolean       stretch,
                        GError       **error)
{
  g_autoptr(GPtrArray) twins = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(PbIndicator) indicator = NULL;
  gboolean year_changed, ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_TARGET (target), FALSE);

  if (pb_record_is_deleted (PB_RECORD (target)))
    return not_found (error);
  if (!isfinite (value))
    return invalid (error, _("Not a value: type the target’s value, as 2600 or ≥1.3万."));
  year_changed = year != pb_target_get_year (target);
  if (!year_changed && value == pb_target_get_value (target) &&
      (int) comparator == pb_record_get_enum (PB_RECORD (target), "comparator") &&
      !stretch == !pb_record_get_boolean (PB_RECORD (target), "stretch"))
    return TRUE;

  indicator = pb_store_get_record (self, PB_TYPE_INDICATOR, pb_record_get_int (PB_RECORD (target), "indicator_id"));
  if (indicator == NULL)
    return not_found (error);
  if (year_changed)
    {
      g_autoptr(PbPlan) plan = pb_store_get_record (self, PB_TYPE_PLAN, pb_record_get_int (PB_RECORD (indicator), "plan_id"));
      int first = plan ? pb_plan_get_period_start (plan) : 0;
      int last = plan ? pb_plan_get_period_end (plan) : 0;

      if (first > 0 && last >= first && (year < first || year > last))
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("A target’s year lies within the plan’s period, %d—%d."), first, last);
          return FALSE;
        }
    }

  /* One firm and one stretch target a year at most, as Add Target
   * keeps it; the twins move together. */
  twins = pb_store_list_target_twins (self, target);
  all = pb_store_list_targets (self, pb_record_get_id (PB_RECORD (indicator)));
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (all, i);
      gboolean twin = FALSE;

      for (guint j = 0; j < twins->len && !twin; j++)
        twin = pb_record_get_id (g_ptr_array_index (twins, j)) == pb_record_get_id (PB_RECORD (t));
      if (!twin && pb_target_get_year (t) == year && !pb_record_get_boolean (PB_RECORD (t), "stretch") == !stretch)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       stretch ? _("The indicator has a stretch target for %d already.")
                               : _("The indicator has a target for %d already."), year);
          return FALSE;
        }
    }

  if (!pb_store_begin (self, error))
    return FALSE;
  for (guint j = 0; j < twins->len && ok; j++)
    ok = pb_store_update (self, PB_TYPE_TARGET, pb_record_get_id (g_ptr_array_index (twins, j)), error,
                          "year", (gint64) year,
                          "value", value,
                          "comparator", comparator,
                          "stretch", stretch,
                          NULL);
  return pb_store_finish (self, ok, year_changed ? _("Change Target Year") : _("Change Target"), error);
}

/**
 * pb_store_delete_target:
 * @self: a store
 * @target: a target
 * @error: where to say why not
 *
 * Deletes a target with the rows that state the same target for another
 * item (pb_store_list_target_twins()), as one command, "Delete Target".
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_delete_target (PbStore   *self,
                        PbTarget  *target,
                        GError   **error)
{
  g_autoptr(GPtrArray) twins = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_TARGET (target), FALSE);

  if (pb_record_is_deleted (PB_RECORD (target)))
    return not_found (error);
  twins = pb_store_list_target_twins (self, target);
  if (!pb_store_begin (self, error))
    return FALSE;
  for (guint j = 0; j < twins->len && ok; j++)
    {
      PbDbStmt *stmt = pb_store_prepare (self, "DELETE FROM main.target WHERE id = ?1", error);

      ok = stmt != NULL;
      if (ok)
        {
          pb_db_bind_int64 (stmt, 1, pb_record_get_id (g_ptr_array_index (twins, j)));
          ok = pb_store_step_done (self, stmt, error);
        }
    }
  return pb_store_finish (self, ok, _("Delete Target"), error);
}

/* The item (its number and title) that @indicator_id serves and another of
 * its indicators is named @name, or, for an indicator of the plan that
 * serves no item, "" when another such indicator is; NULL when none. */
static char *
find_indicator_name_clash (PbStore    *self,
                           gint64      indicator_id,
                           const char *name,
                           GError    **error)
{
  PbDbStmt *stmt = pb_store_prepare (self,
                                     "SELECT i.number, i.title FROM main.item_indicator a"
                                     " JOIN main.item_indicator b ON b.item_id = a.item_id AND b.indicator_id <> a.indicator_id"
                                     " JOIN main.indicator o ON o.id = b.indicator_id"
                                     " JOIN main.item i ON i.id = a.item_id"
                                     " WHERE a.indicator_id = ?1 AND o.name = ?2"
                                     " UNION ALL"
                                     " SELECT '', '' FROM main.indicator k JOIN main.indicator o"
                                     "  ON o.plan_id = k.plan_id AND o.id <> k.id AND o.name = ?2"
                                     " WHERE k.id = ?1"
                                     "  AND NOT EXISTS (SELECT 1 FROM main.item_indicator x WHERE x.indicator_id = k.id)"
                                     "  AND NOT EXISTS (SELECT 1 FROM main.item_indicator x WHERE x.indicator_id = o.id)"
                                     " LIMIT 1", error);
  char *clash = NULL;

  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, indicator_id);
  pb_db_bind_text (stmt, 2, name);
  if (pb_store_step (self, stmt, error))
    {
      const char *number = pb_db_column_text (stmt, 0);
      const char *title = pb_db_column_text (stmt, 1);

      clash = g_strstrip (g_strdup_printf ("%s %s", number ? number : "", title ? title : ""));
    }
  pb_db_reset (stmt);
  return clash;
}

/**
 * pb_store_rename_indicator:
 * @self: a store
 * @indicator: an indicator
 * @name: its new name
 * @measure_unit: (nullable): its new unit; %NULL or "" for none (stored as "")
 * @error: where to say why not
 *
 * Renames an indicator and sets its unit, as one command, "Rename
 * Indicator". Refuses an empty name, and a name another indicator of an
 * item it serves already has (two indicators of one task under one name
 * could not be told apart in its table, forms and ledger). Its targets and
 * actuals keep their numbers: a unit changed from 万个 to 个 is a label
 * corrected, not a conversion.
 *
 * Returns: %TRUE on success (also when nothing changes)
 */
gboolean
pb_store_rename_indicator (PbStore      *self,
                           PbIndicator  *indicator,
                           const char   *name,
                           const char   *measure_unit,
                           GError      **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *clean_unit = NULL;
  g_autofree char *clash = NULL;
  g_autoptr(GError) local = NULL;
  const char *old_unit;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_INDICATOR (indicator), FALSE);

  if (pb_record_is_deleted (PB_RECORD (indicator)))
    return not_found (error);
  clean = g_strstrip (g_strdup (name ? name : ""));
  clean_unit = g_strstrip (g_strdup (measure_unit ? measure_unit : ""));
  if (clean[0] == '\0')
    return invalid (error, _("An indicator needs a name."));
  old_unit = pb_indicator_get_measure_unit (indicator);
  if (g_str_equal (clean, pb_indicator_get_name (indicator)) &&
      g_str_equal (clean_unit, old_unit ? old_unit : ""))
    return TRUE;

  clash = find_indicator_name_clash (self, pb_record_get_id (PB_RECORD (indicator)), clean, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (clash != NULL)
    {
      g_autofree char *message = NULL;

      if (clash[0] == '\0')
        /* Translators: an indicator cannot take the name of another
         * indicator of the plan (one that serves no item) */
        message = g_strdup_printf (_("The plan already has an indicator named “%s”; choose another name, or merge the two."),
                                   clean);
      else
        /* Translators: an indicator cannot take the name of another
         * indicator of an item it serves; the second %s is the item, as
         * "3 建设城市物联感知体系" */
        message = g_strdup_printf (_("“%s” is already the name of another indicator of %s; choose another name, or merge the two."),
                                   clean, clash);
      return invalid (error, message);
    }

  if (!pb_store_begin (self, error))
    return FALSE;
  ok = pb_store_update (self, PB_TYPE_INDICATOR, pb_record_get_id (PB_RECORD (indicator)), error,
                        "name", clean,
                        "measure_unit", clean_unit,
                        NULL);
  return pb_store_finish (self, ok, _("Rename Indicator"), error);
}
