/* pb-outline.c — a plan's sections and items in document order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A part of a plan can hold items and sub-sections mixed: 三、保障措施 with
 * items (一), (二), a sub-section (三) with items 1–4, then item (四).
 * Grouping items by section alone shows (四) before (三). The outline walks
 * the section tree in the sections' order and, inside each section, puts
 * its own items and its sub-sections together by the items' order (a
 * sub-section goes where its first item is). It gives runs: a section with
 * the items that follow its heading directly; where a section's items go on
 * after a sub-section, a second run of the same section says it continues.
 * The board's columns, the timeline's rows, the report and the ledger read
 * the plan in this order. Items in no section come last.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-format.h"
#include "pb-outline.h"

void
pb_outline_run_free (PbOutlineRun *run)
{
  if (run == NULL)
    return;
  g_clear_object (&run->section);
  g_ptr_array_unref (run->items);
  g_free (run);
}

typedef struct
{
  GPtrArray *sections;   /* PbSection */
  GPtrArray *items;      /* PbItem */
  GArray   **children;   /* per section: guint indices of its sub-sections */
  GArray   **direct;     /* per section: guint indices of its own items */
  guint     *first;      /* per section: the first item of its subtree, or G_MAXUINT */
  gboolean  *visited;    /* its first item is known */
  gboolean  *done;       /* emitted */
  gboolean  *shown;      /* a run of it holds items already */
  gboolean   every;      /* a section with no items of its own gets a run too */
  GPtrArray *out;
} Outline;

static guint
first_item (Outline *o,
            guint    s)
{
  guint first = o->direct[s]->len ? g_array_index (o->direct[s], guint, 0) : G_MAXUINT;

  if (o->visited[s])
    return G_MAXUINT;  /* a cycle in damaged data: each section once */
  o->visited[s] = TRUE;
  for (guint c = 0; c < o->children[s]->len; c++)
    first = MIN (first, first_item (o, g_array_index (o->children[s], guint, c)));
  o->first[s] = first;
  return first;
}

static PbOutlineRun *
run_new (Outline   *o,
         PbSection *section,
         guint      depth,
         gboolean   continued)
{
  PbOutlineRun *run = g_new0 (PbOutlineRun, 1);

  run->section = section ? g_object_ref (section) : NULL;
  run->depth = depth;
  run->continued = continued;
  run->items = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (o->out, run);
  return run;
}

static void
add_item (Outline       *o,
          PbOutlineRun **run,
          guint          s,
          guint          depth,
          guint          item)
{
  if (*run == NULL)
    {
      *run = run_new (o, g_ptr_array_index (o->sections, s), depth, o->shown[s]);
      o->shown[s] = TRUE;
    }
  g_ptr_array_add ((*run)->items, g_object_ref (g_ptr_array_index (o->items, item)));
}

/* Emits section @s and its subtree; returns how many items it emitted. */
static guint
emit (Outline *o,
      guint    s,
      guint    depth)
{
  GArray *direct = o->direct[s];
  GArray *children = o->children[s];
  PbOutlineRun *run = NULL;
  guint d = 0, n = 0, place = 0;

  if (o->done[s])
    return 0;
  o->done[s] = TRUE;
  /* Its heading, where its own items would be, above its sub-sections. */
  if (o->every && direct->len == 0)
    {
      run_new (o, g_ptr_array_index (o->sections, s), depth, FALSE);
      o->shown[s] = TRUE;
    }

  for (guint c = 0; c < children->len; c++)
    {
      guint child = g_array_index (children, guint, c);
      guint emitted;

      /* A sub-section goes before the first own item that comes after
       * its own first item. One without items goes after the section's
       * own items that come before its next sibling with items, so after
       * its sibling, and after all of them when none follows: a
       * sub-section just added inside a section with items comes after
       * them, not before its own parent's items. */
      if (o->first[child] != G_MAXUINT)
        place = MAX (place, o->first[child]);
      else
        {
          guint next = G_MAXUINT;

          for (guint k = c + 1; k < children->len && next == G_MAXUINT; k++)
            next = o->first[g_array_index (children, guint, k)];
          place = MAX (place, next);
        }
      while (d < direct->len && g_array_index (direct, guint, d) < place)
        {
          add_item (o, &run, s, depth, g_array_index (direct, guint, d++));
          n++;
        }
      emitted = emit (o, child, depth + 1);
      if (emitted > 0)
        run = NULL;  /* the section's next items continue it */
      n += emitted;
    }
  while (d < direct->len)
    {
      add_item (o, &run, s, depth, g_array_index (direct, guint, d++));
      n++;
    }
  return n;
}

/**
 * pb_outline_build:
 * @sections: (element-type PbSection): a plan's sections in their order
 * @items: (element-type PbItem): its items in their order
 *
 * Returns: (transfer full) (element-type PbOutlineRun): the runs in
 *   document order, each with at least one item
 */
GPtrArray *
pb_outline_build (GPtrArray *sections,
                  GPtrArray *items)
{
  return pb_outline_build_full (sections, items, FALSE);
}

/**
 * pb_outline_build_full:
 * @every_section: %TRUE: a section with no items of its own gets a run
 *   too, with no items (where a section just added is seen and edited)
 *
 * pb_outline_build() with the choice of empty sections.
 */
GPtrArray *
pb_outline_build_full (GPtrArray *sections,
                       GPtrArray *items,
                       gboolean   every_section)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = g_new (gint64, sections->len + 1);
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) loose = g_array_new (FALSE, FALSE, sizeof (guint));
  Outline o = { sections, items };
  guint n = sections->len;

  o.every = every_section;
  o.out = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_outline_run_free);
  o.children = g_new (GArray *, n + 1);
  o.direct = g_new (GArray *, n + 1);
  o.first = g_new (guint, n + 1);
  for (guint s = 0; s <= n; s++)
    o.first[s] = G_MAXUINT;
  o.visited = g_new0 (gboolean, n + 1);
  o.done = g_new0 (gboolean, n + 1);
  o.shown = g_new0 (gboolean, n + 1);

  for (guint s = 0; s < n; s++)
    {
      ids[s] = pb_record_get_id (PB_RECORD (g_ptr_array_index (sections, s)));
      g_hash_table_insert (index, &ids[s], GUINT_TO_POINTER (s + 1));
      o.children[s] = g_array_new (FALSE, FALSE, sizeof (guint));
      o.direct[s] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  for (guint s = 0; s < n; s++)
    {
      gint64 parent = pb_section_get_parent_id (g_ptr_array_index (sections, s));
      guint at = parent ? GPOINTER_TO_UINT (g_hash_table_lookup (index, &parent)) : 0;

      if (at != 0 && at - 1 != s)
        g_array_append_val (o.children[at - 1], s);
      else
        g_array_append_val (roots, s);
    }
  for (guint i = 0; i < items->len; i++)
    {
      gint64 section = pb_item_get_section_id (g_ptr_array_index (items, i));
      guint at = section ? GPOINTER_TO_UINT (g_hash_table_lookup (index, &section)) : 0;

      if (at != 0)
        g_array_append_val (o.direct[at - 1], i);
      else
        g_array_append_val (loose, i);
    }

  for (guint r = 0; r < roots->len; r++)
    first_item (&o, g_array_index (roots, guint, r));
  for (guint r = 0; r < roots->len; r++)
    emit (&o, g_array_index (roots, guint, r), 0);
  /* Sections whose parents make a cycle (damaged data) still show. */
  for (guint s = 0; s < n; s++)
    if (!o.done[s])
      {
        first_item (&o, s);
        emit (&o, s, 0);
      }

  if (loose->len > 0)
    {
      PbOutlineRun *run = run_new (&o, NULL, 0, FALSE);

      for (guint i = 0; i < loose->len; i++)
        g_ptr_array_add (run->items, g_object_ref (g_ptr_array_index (items, g_array_index (loose, guint, i))));
    }

  for (guint s = 0; s < n; s++)
    {
      g_array_unref (o.children[s]);
      g_array_unref (o.direct[s]);
    }
  g_free (o.children);
  g_free (o.direct);
  g_free (o.first);
  g_free (o.visited);
  g_free (o.done);
  g_free (o.shown);
  return o.out;
}

static GPtrArray *
list_to_array (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);
  GPtrArray *array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (list, i));
  return array;
}

/**
 * pb_outline_new_from_store:
 * @store: a store
 * @plan_id: the plan
 *
 * Returns: (transfer full) (element-type PbOutlineRun): the plan's runs in
 *   document order (see pb_outline_build())
 */
GPtrArray *
pb_outline_new_from_store (PbStore *store,
                           gint64   plan_id)
{
  return pb_outline_new_from_store_full (store, plan_id, FALSE);
}

/**
 * pb_outline_new_from_store_full:
 * @every_section: see pb_outline_build_full()
 *
 * Returns: (transfer full) (element-type PbOutlineRun): the plan's runs
 */
GPtrArray *
pb_outline_new_from_store_full (PbStore *store,
                                gint64   plan_id,
                                gboolean every_section)
{
  g_autoptr(GListModel) section_list = pb_store_list_sections (store, plan_id);
  g_autoptr(GListModel) item_list = pb_store_list_items (store, plan_id);
  g_autoptr(GPtrArray) sections = list_to_array (section_list);
  g_autoptr(GPtrArray) items = list_to_array (item_list);

  return pb_outline_build_full (sections, items, every_section);
}

/**
 * pb_outline_run_dup_title:
 * @run: a run
 *
 * Returns: (transfer full): its section's number and title, said to
 *   continue where the run continues the section
 */
char *
pb_outline_run_dup_title (const PbOutlineRun *run)
{
  g_autofree char *title = NULL;

  if (run->section == NULL)
    return g_strdup (_("No section"));
  title = pb_format_section_heading (pb_section_get_number (run->section), pb_section_get_title (run->section));
  if (!run->continued)
    return g_steal_pointer (&title);
  /* TRANSLATORS: a section's heading again, after a sub-section of its
   * own, above the rest of its items; %s is its number and title */
  return g_strdup_printf (_("%s (continued)"), title);
}
