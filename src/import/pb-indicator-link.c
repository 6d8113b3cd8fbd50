/* pb-indicator-link.c — one indicator per quantity in a parsed plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan states the same quantity in several places: the goals give the
 * overall target ("到2024年累计建成5G基站1万个") and a task the same one, or
 * its yearly steps ("2022年新建5G基站2600个以上……到2024年累计建成1万个").
 * After the parser has read every target, this pass gives each quantity
 * one indicator that every item stating it serves (docs/PLAN-JSON.md):
 *
 *  - targets are one quantity when their indicators' names and units meet
 *    under pb_fold_name_key() (width, traditional/simplified script, case,
 *    spaces and punctuation: "5G 基站" = "5G基站", "充電樁" = "充电桩") and
 *    they are of one kind (a yearly 新建 count is not a cumulative total);
 *  - but not when a year would then have two different targets of the
 *    same firmness ("配套5G基站500个" in another task is another quantity);
 *  - each indicator is defined once, on the first item that serves it,
 *    every item lists what it serves in `indicator_ids`, every target names
 *    its indicator by `indicator_id`, and the plan says `indicator_links`.
 *
 * It runs on the exchange JSON, so it is the same for text, DOCX and PDF,
 * and the store imports the links as they are.
 */
#define G_LOG_DOMAIN "pb-indicator-link"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pb-fold.h"
#include "pb-indicator-link.h"

typedef struct
{
  char       *id;        /* "kN" */
  JsonObject *def;       /* its definition: name, unit, kind, … */
  GHashTable *targets;   /* year * 2 + stretch → Stated: one per year and firmness */
  gboolean    placed;    /* defined on an item already */
} Quantity;

typedef struct
{
  int      year;
  gboolean stretch;
  double   value;
  char    *comparator;
} Stated;

static void
stated_free (gpointer data)
{
  g_free (((Stated *) data)->comparator);
  g_free (data);
}

static GHashTable *
stated_table (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, stated_free);
}

static gpointer
stated_key (const Stated *t)
{
  return GINT_TO_POINTER (t->year * 2 + (t->stretch ? 1 : 0));
}

static void
quantity_free (gpointer data)
{
  Quantity *q = data;

  g_free (q->id);
  json_object_unref (q->def);
  g_hash_table_unref (q->targets);
  g_free (q);
}

static const char *
member_string (JsonObject *o,
               const char *name,
               const char *fallback)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return fallback;
}

static double
member_number (JsonObject *o,
               const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n && JSON_NODE_HOLDS_VALUE (n))
    {
      GType t = json_node_get_value_type (n);

      if (t == G_TYPE_INT64)
        return json_node_get_int (n);
      if (t == G_TYPE_DOUBLE)
        return json_node_get_double (n);
    }
  return NAN;
}

static JsonArray *
member_array (JsonObject *o,
              const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static JsonObject *
element (JsonArray *a,
         guint      i)
{
  JsonNode *n = json_array_get_element (a, i);

  return JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* The words before what is counted that name how it is counted: the kind
 * says that (新建 yearly, 累计 cumulative), so "新建市级及以上创新平台" in
 * the goals and "市级及以上创新平台" in task 17 are one quantity. */
static char *
strip_verbs (char *key)
{
  static const char * const verbs[] = { "累计", "总计", "合计", "共计", "新建", "建成", "建设", "安装", "打造", "新增", "创建", "培育", "达到" };
  gboolean again = TRUE;
  char *p = key;

  while (again)
    {
      again = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        if (g_str_has_prefix (p, verbs[i]) && g_utf8_strlen (p + strlen (verbs[i]), -1) >= 2)
          {
            p += strlen (verbs[i]);
            again = TRUE;
          }
    }
  memmove (key, p, strlen (p) + 1);
  return key;
}

static char *
quantity_key (JsonObject *def,
              JsonObject *target)
{
  g_autofree char *name = strip_verbs (pb_fold_name_key (member_string (def, "name", member_string (target, "indicator", ""))));
  g_autofree char *unit = pb_fold_name_key (member_string (def, "unit", member_string (target, "unit", "")));

  return g_strconcat (name, "\x1f", unit, "\x1f", member_string (def, "kind", "cumulative"), NULL);
}

/* Whether @t states another value for a year @q already has. */
static gboolean
conflicts (Quantity     *q,
           const Stated *t)
{
  const Stated *s = g_hash_table_lookup (q->targets, stated_key (t));

  return s != NULL && (s->value != t->value || g_strcmp0 (s->comparator, t->comparator) != 0);
}

/* Whether @t is the upper end of a range whose lower end is @prev, as the
 * parser gives 培育1—2个: ≥1, then ≤2 (borderline), both from one clause. */
static gboolean
is_range_upper_end (JsonObject *prev,
                    JsonObject *t)
{
  const char *text = member_string (t, "text", NULL);

  return prev != NULL && text != NULL && text[0] != '\0' &&
         g_strcmp0 (member_string (t, "comparator", "="), "<=") == 0 &&
         g_strcmp0 (member_string (prev, "comparator", "="), ">=") == 0 &&
         !json_object_get_boolean_member_with_default (t, "stretch", FALSE) &&
         !json_object_get_boolean_member_with_default (prev, "stretch", FALSE) &&
         g_strcmp0 (member_string (prev, "text", NULL), text) == 0 &&
         g_strcmp0 (member_string (prev, "indicator", ""), member_string (t, "indicator", "")) == 0 &&
         g_strcmp0 (member_string (prev, "unit", ""), member_string (t, "unit", "")) == 0 &&
         member_number (prev, "year") == member_number (t, "year") &&
         member_number (prev, "value") < member_number (t, "value");
}

static void
add_id (JsonArray  *ids,
        const char *id)
{
  for (guint i = 0; i < json_array_get_length (ids); i++)
    if (g_strcmp0 (json_array_get_string_element (ids, i), id) == 0)
      return;
  json_array_add_string_element (ids, id);
}

/* Every definition of the plan, by id, taken out of where it was. */
static void
take_definitions (JsonObject *root,
                  JsonArray  *items,
                  GHashTable *defs)
{
  JsonArray *top = member_array (root, "indicators");

  for (guint i = 0; top && i < json_array_get_length (top); i++)
    {
      JsonObject *k = element (top, i);
      const char *id = member_string (k, "id", NULL);

      if (id && !g_hash_table_contains (defs, id))
        g_hash_table_insert (defs, g_strdup (id), json_object_ref (k));
    }
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonArray *declared = member_array (element (items, i), "indicators");

      for (guint j = 0; declared && j < json_array_get_length (declared); j++)
        {
          JsonObject *k = element (declared, j);
          const char *id = member_string (k, "id", NULL);

          if (id && !g_hash_table_contains (defs, id))
            g_hash_table_insert (defs, g_strdup (id), json_object_ref (k));
        }
    }
}

/* How a target's text writes "cumulative": 累计, or 累計 in a plan
 * written in traditional characters. */
static const char *
cumulative_word (Quantity  *q,
                 JsonArray *items)
{
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonArray *targets = member_array (element (items, i), "targets");

      for (guint j = 0; targets && j < json_array_get_length (targets); j++)
        {
          JsonObject *t = element (targets, j);

          if (t && g_strcmp0 (member_string (t, "indicator_id", NULL), q->id) == 0 &&
              strstr (member_string (t, "text", ""), "累計") != NULL)
            return "累計";
        }
    }
  return "累计";
}

/* One quantity counted two ways ("2022年新建5G基站2600个" a year,
 * "到2024年累计建成1万个" in all) is two indicators of one name: each is
 * named with how it is counted, "5G基站（年度）" and "5G基站（累计）", so
 * that a planner tells them apart wherever an indicator is listed. A
 * name that says it already, and a name no other kind shares, stay. */
static void
qualify_kinds (GPtrArray *quantities,
               JsonArray *items)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* Which kinds each name and unit is counted in: bit 1 cumulative, 2 annual. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < quantities->len; i++)
      {
        Quantity *q = g_ptr_array_index (quantities, i);
        const char *name = member_string (q->def, "name", "");
        gboolean annual = g_strcmp0 (member_string (q->def, "kind", "cumulative"), "annual") == 0;
        g_autofree char *folded = strip_verbs (pb_fold_name_key (name));
        g_autofree char *unit = pb_fold_name_key (member_string (q->def, "unit", ""));
        g_autofree char *key = g_strconcat (folded, "\x1f", unit, NULL);
        guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (kinds, key));
        const char *word;

        if (pass == 0)
          {
            g_hash_table_insert (kinds, g_steal_pointer (&key), GUINT_TO_POINTER (seen | (annual ? 2 : 1)));
            continue;
          }
        if (seen != 3 || name[0] == '\0')
          continue;
        word = annual ? "年度" : cumulative_word (q, items);
        if (strstr (name, word) != NULL || (!annual && (strstr (name, "累计") || strstr (name, "累計"))))
          continue;
        /* Its name, qualified; its targets name it so too. */
        g_hash_table_insert (renamed, q->id, g_strdup_printf ("%s（%s）", name, word));
        json_object_set_string_member (q->def, "name", g_hash_table_lookup (renamed, q->id));
      }

  for (guint i = 0; g_hash_table_size (renamed) > 0 && items && i < json_array_get_length (items); i++)
    {
      JsonArray *targets = member_array (element (items, i), "targets");

      for (guint j = 0; targets && j < json_array_get_length (targets); j++)
        {
          JsonObject *t = element (targets, j);
          const char *name = t ? g_hash_table_lookup (renamed, member_string (t, "indicator_id", "")) : NULL;

          if (name)
            json_object_set_string_member (t, "indicator", name);
        }
    }
}

/**
 * pb_indicator_link:
 * @plan: a parsed plan (`planboard-plan/1`), changed in place
 *
 * Links the targets of one quantity to one indicator that every item
 * stating them serves (see the top of this file).
 */
void
pb_indicator_link (JsonNode *plan)
{
  g_autoptr(GHashTable) defs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) used_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) referenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) quantities = g_ptr_array_new_with_free_func (quantity_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray *items;
  JsonArray *loose;
  guint next_id = 1;

  g_return_if_fail (plan != NULL);
  if (!JSON_NODE_HOLDS_OBJECT (plan))
    return;
  root = json_node_get_object (plan);
  items = member_array (root, "items");

  take_definitions (root, items, defs);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, defs);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        const char *id = key;

        if (id[0] == 'k' && atoi (id + 1) >= (int) next_id)
          next_id = atoi (id + 1) + 1;
      }
  }

  /* Each target, in document order, to the first indicator of its quantity
   * it agrees with. */
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *item = element (items, i);
      JsonArray *targets = member_array (item, "targets");
      JsonArray *serves = json_array_new ();

      for (guint j = 0; targets && j < json_array_get_length (targets); j++)
        {
          JsonObject *t = element (targets, j);
          const char *old_id;
          JsonObject *def;
          g_autofree char *key = NULL;
          GPtrArray *same;
          Quantity *q = NULL;
          double year;
          Stated s;

          if (t == NULL)
            continue;
          /* A range's upper end: a planner reads "1—2个" as at least 1,
           * striving for 2 (力争), one quantity — not a second indicator
           * of the same name whose every report is entered twice, with
           * a ceiling that makes 3 "behind". */
          if (is_range_upper_end (j > 0 ? element (targets, j - 1) : NULL, t))
            {
              json_object_set_boolean_member (t, "stretch", TRUE);
              json_object_set_string_member (t, "comparator", ">=");
            }
          old_id = member_string (t, "indicator_id", NULL);
          def = old_id ? g_hash_table_lookup (defs, old_id) : NULL;
          if (old_id)
            g_hash_table_add (referenced, g_strdup (old_id));
          key = quantity_key (def, t);
          /* A target of a text with no period has no year (null): 0 here. */
          year = member_number (t, "year");
          s.year = isfinite (year) && fabs (year) < 100000 ? (int) year : 0;
          s.stretch = json_object_get_boolean_member_with_default (t, "stretch", FALSE);
          s.value = member_number (t, "value");
          s.comparator = g_strdup (member_string (t, "comparator", "="));

          same = g_hash_table_lookup (by_key, key);
          if (same == NULL)
            {
              same = g_ptr_array_new ();
              g_hash_table_insert (by_key, g_strdup (key), same);
            }
          for (guint k = 0; k < same->len && q == NULL; k++)
            if (!conflicts (g_ptr_array_index (same, k), &s))
              q = g_ptr_array_index (same, k);

          if (q == NULL)
            {
              q = g_new0 (Quantity, 1);
              q->targets = stated_table ();
              /* Its own id, unless another quantity has it already. */
              if (old_id && def && !g_hash_table_contains (used_ids, old_id))
                {
                  q->id = g_strdup (old_id);
                  q->def = json_object_ref (def);
                }
              else
                {
                  q->id = g_strdup_printf ("k%u", next_id++);
                  q->def = json_object_new ();
                  json_object_set_string_member (q->def, "name", member_string (def, "name", member_string (t, "indicator", "")));
                  json_object_set_string_member (q->def, "unit", member_string (def, "unit", member_string (t, "unit", "")));
                  json_object_set_string_member (q->def, "kind", member_string (def, "kind", "cumulative"));
                  json_object_set_string_member (q->def, "direction", member_string (def, "direction", "increase"));
                }
              json_object_set_string_member (q->def, "id", q->id);
              g_hash_table_add (used_ids, q->id);
              g_ptr_array_add (same, q);
              g_ptr_array_add (quantities, q);
            }

          if (g_hash_table_contains (q->targets, stated_key (&s)))
            g_free (s.comparator);
          else
            g_hash_table_insert (q->targets, stated_key (&s), g_memdup2 (&s, sizeof s));
          json_object_set_string_member (t, "indicator_id", q->id);
          add_id (serves, q->id);
        }

      /* What the item declared without stating a target for it stays. */
      {
        JsonArray *declared = member_array (item, "indicators");

        for (guint j = 0; declared && j < json_array_get_length (declared); j++)
          {
            const char *id = member_string (element (declared, j), "id", NULL);

            /* (Not one whose targets went to another indicator.) */
            if (id && !g_hash_table_contains (used_ids, id) && !g_hash_table_contains (referenced, id) &&
                g_hash_table_contains (defs, id))
              {
                Quantity *q = g_new0 (Quantity, 1);

                q->id = g_strdup (id);
                q->def = json_object_ref (g_hash_table_lookup (defs, id));
                q->targets = stated_table ();
                g_hash_table_add (used_ids, q->id);
                g_ptr_array_add (quantities, q);
                add_id (serves, q->id);
              }
          }
      }

      json_object_set_array_member (item, "indicator_ids", serves);
    }

  qualify_kinds (quantities, items);

  /* Each indicator defined once: on the first item that serves it. */
  for (guint i = 0; i < quantities->len; i++)
    {
      Quantity *q = g_ptr_array_index (quantities, i);
      g_hash_table_insert (by_id, q->id, q);
    }
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *item = element (items, i);
      JsonArray *serves = member_array (item, "indicator_ids");
      JsonArray *declared = json_array_new ();

      if (item == NULL)
        {
          json_array_unref (declared);
          continue;
        }
      for (guint j = 0; serves && j < json_array_get_length (serves); j++)
        {
          const char *id = json_array_get_string_element (serves, j);

          Quantity *q = g_hash_table_lookup (by_id, id);

          if (q != NULL && !q->placed)
            {
              json_array_add_object_element (declared, json_object_ref (q->def));
              q->placed = TRUE;
            }
        }
      json_object_set_array_member (item, "indicators", declared);
    }

  /* The plan's own: defined at the top, served by no item. */
  loose = json_array_new ();
  {
    JsonArray *top = member_array (root, "indicators");

    for (guint i = 0; top && i < json_array_get_length (top); i++)
      {
        JsonObject *k = element (top, i);
        const char *id = member_string (k, "id", NULL);
        gboolean placed = FALSE;

        if (id)
          {
            Quantity *q = g_hash_table_lookup (by_id, id);
            placed = q != NULL && q->placed;
          }
        if (k && !placed)
          json_array_add_object_element (loose, json_object_ref (k));
      }
  }
  json_object_set_array_member (root, "indicators", loose);
  json_object_set_boolean_member (root, "indicator_links", TRUE);
}
