/* pb-board-view.c — the plan as a board of task cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns group the plan's items by section, by status or by lead
 * organisation. Grouping is one pass over the plan's items: each item is
 * classified once and appended to its column's own list model
 * (PbBoardColumn), which then tells its view only the span that changed.
 * The work is linear in items + columns however the plan is grouped (a
 * filter per column would cost items × columns).
 *
 * The columns themselves are recycled: the board is a horizontal
 * GtkGridView over the columns, so a plan of 2,000 sections builds the
 * widgets of the few columns in view, not of all 2,000. Each column is a
 * one-column GtkGridView over its items' places (PbBoardSlot), so its
 * cards are recycled too; a regroup gives the columns and places their
 * new keys and items, and the cards already made show them.
 * (Not GtkListViews: GTK 4.8's keeps 200 rows of every list bound and
 * laid out; a grid view keeps about 30.) Moving a card — by drag and drop
 * or by Alt+arrows — is one "Move Item" command: the item's section,
 * status or lead changes and it takes its place in the plan's order,
 * and numbers that counted in order in its section count on
 * (pb_store_place_item()).
 */
#define G_LOG_DOMAIN "pb-board-view"

#include "config.h"
#include "pb-trace.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pb-format.h"
#include "pb-board-view.h"
#include "pb-outline.h"
#include "pb-health.h"
#include "pb-task-card.h"
#include "pb-ui-util.h"

/* Inserts n pointers (or n NULLs, for @data NULL) at position in one
 * move (GLib 2.74 has no g_ptr_array_insert_range; inserting one by one
 * is quadratic). The array takes the pointers as they are. */
static void
ptr_array_insert_range (GPtrArray *array,
                        guint      position,
                        gpointer  *data,
                        guint      n)
{
  guint len = array->len;

  if (n == 0)
    return;
  g_ptr_array_set_size (array, len + n);
  memmove (array->pdata + position + n, array->pdata + position, (len - position) * sizeof (gpointer));
  if (data != NULL)
    memcpy (array->pdata + position, data, n * sizeof (gpointer));
  else
    memset (array->pdata + position, 0, n * sizeof (gpointer));
}

/* ---- A card's place in a column ----------------------------------------- */

/* A column's cards view shows places, not items: a place keeps its card
 * widget while the item it holds changes, so regrouping the board (every
 * column's items replaced) shows the new items in the cards already made
 * and styled, instead of the views destroying ~200 cards and making as
 * many anew (that was two thirds of a regroup). */
#define PB_TYPE_BOARD_SLOT (pb_board_slot_get_type ())
G_DECLARE_FINAL_TYPE (PbBoardSlot, pb_board_slot, PB, BOARD_SLOT, GObject)

struct _PbBoardSlot
{
  GObject     parent_instance;

  PbItem     *item;   /* owned */
  PbTaskCard *card;   /* the card bound to this place, or NULL */
};

G_DEFINE_FINAL_TYPE (PbBoardSlot, pb_board_slot, G_TYPE_OBJECT)

static void
pb_board_slot_finalize (GObject *object)
{
  g_clear_object (&PB_BOARD_SLOT (object)->item);
  G_OBJECT_CLASS (pb_board_slot_parent_class)->finalize (object);
}

static void
pb_board_slot_class_init (PbBoardSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_board_slot_finalize;
}

static void
pb_board_slot_init (PbBoardSlot *self)
{
}

static PbBoardSlot *
pb_board_slot_new (PbItem *item)
{
  PbBoardSlot *self = g_object_new (PB_TYPE_BOARD_SLOT, NULL);

  self->item = g_object_ref (item);
  return self;
}

/* The places of a column, as the list model its cards view shows. */
#define PB_TYPE_BOARD_SLOTS (pb_board_slots_get_type ())
G_DECLARE_FINAL_TYPE (PbBoardSlots, pb_board_slots, PB, BOARD_SLOTS, GObject)

struct _PbBoardSlots
{
  GObject    parent_instance;

  GPtrArray *items;   /* PbItem, the column's (unowned) */
  GPtrArray *slots;   /* PbBoardSlot or NULL, owned: a place's object is
                       * made when the view first asks for it, so a column
                       * of 5,000 items holds objects only for the few
                       * dozen places its view has bound */
};

static GType
pb_board_slots_get_item_type (GListModel *model)
{
  return PB_TYPE_BOARD_SLOT;
}

static guint
pb_board_slots_get_n_items (GListModel *model)
{
  return PB_BOARD_SLOTS (model)->slots->len;
}

static gpointer
pb_board_slots_get_item (GListModel *model,
                         guint       position)
{
  PbBoardSlots *self = PB_BOARD_SLOTS (model);

  if (position >= self->slots->len)
    return NULL;
  if (self->slots->pdata[position] == NULL)
    self->slots->pdata[position] = pb_board_slot_new (g_ptr_array_index (self->items, position));
  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
pb_board_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_board_slots_get_item_type;
  iface->get_n_items = pb_board_slots_get_n_items;
  iface->get_item = pb_board_slots_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PbBoardSlots, pb_board_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pb_board_slots_list_model_init))

static void
pb_board_slots_finalize (GObject *object)
{
  g_ptr_array_unref (PB_BOARD_SLOTS (object)->slots);
  G_OBJECT_CLASS (pb_board_slots_parent_class)->finalize (object);
}

static void
pb_board_slots_class_init (PbBoardSlotsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_board_slots_finalize;
}

static void
slot_unref (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
pb_board_slots_init (PbBoardSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_unref);
}

/* Shows a card's item again (defined with the board). */
static void slot_card_rebind (PbBoardSlot *slot);

/* ---- A column: its key, title and items, as a list model ---------------- */

#define PB_TYPE_BOARD_COLUMN (pb_board_column_get_type ())
G_DECLARE_FINAL_TYPE (PbBoardColumn, pb_board_column, PB, BOARD_COLUMN, GObject)

struct _PbBoardColumn
{
  GObject    parent_instance;

  char      *key;
  char      *title;
  gint64     value;     /* the section, status or lead organisation */
  GPtrArray *items;     /* PbItem, owned: what the column shows */
  GPtrArray *next;      /* PbItem, unowned: what the grouping pass found */
  PbBoardSlots *cards;  /* the places of items, what the column's cards view shows */
  gpointer   widget;    /* its PbBoardColumnWidget while it has one, or NULL */
};

static GType
pb_board_column_get_item_type (GListModel *model)
{
  return PB_TYPE_ITEM;
}

static guint
pb_board_column_get_n_items (GListModel *model)
{
  return PB_BOARD_COLUMN (model)->items->len;
}

static gpointer
pb_board_column_get_item (GListModel *model,
                          guint       position)
{
  PbBoardColumn *self = PB_BOARD_COLUMN (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pb_board_column_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pb_board_column_get_item_type;
  iface->get_n_items = pb_board_column_get_n_items;
  iface->get_item = pb_board_column_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PbBoardColumn, pb_board_column, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pb_board_column_list_model_init))

static void
pb_board_column_finalize (GObject *object)
{
  PbBoardColumn *self = PB_BOARD_COLUMN (object);

  g_free (self->key);
  g_free (self->title);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->next);
  g_object_unref (self->cards);
  G_OBJECT_CLASS (pb_board_column_parent_class)->finalize (object);
}

static void
pb_board_column_class_init (PbBoardColumnClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_board_column_finalize;
}

static void
pb_board_column_init (PbBoardColumn *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->next = g_ptr_array_new ();
  self->cards = g_object_new (PB_TYPE_BOARD_SLOTS, NULL);
  self->cards->items = self->items;
}

static PbBoardColumn *
pb_board_column_new (const char *key,
                     const char *title,
                     gint64      value)
{
  PbBoardColumn *self = g_object_new (PB_TYPE_BOARD_COLUMN, NULL);

  self->key = g_strdup (key);
  self->title = g_strdup (title);
  self->value = value;
  return self;
}

/* Shows what the grouping pass found, telling the views only the span
 * between the unchanged head and tail: a card that changed place in a
 * column of 2,000 rebinds a few rows, not the column. Returns how many
 * items-changed its cards view was told (0 or 1). */
static guint
pb_board_column_take_next (PbBoardColumn *self)
{
  GPtrArray *old = self->items, *next = self->next;
  guint head = 0, tail = 0, removed, added, changes = 0;

  while (head < old->len && head < next->len && old->pdata[head] == next->pdata[head])
    head++;
  while (tail < old->len - head && tail < next->len - head &&
         old->pdata[old->len - 1 - tail] == next->pdata[next->len - 1 - tail])
    tail++;
  removed = old->len - head - tail;
  added = next->len - head - tail;

  if (removed > 0 || added > 0)
    {
      GPtrArray *slots = self->cards->slots;
      guint reused = MIN (removed, added);

      g_ptr_array_remove_range (old, head, removed);
      ptr_array_insert_range (old, head, next->pdata + head, added);
      for (guint i = 0; i < added; i++)
        g_object_ref (old->pdata[head + i]);

      /* The places of the changed span keep their cards and take the
       * span's new items; only the places beyond are removed or added. */
      for (guint i = 0; i < reused; i++)
        {
          PbBoardSlot *slot = slots->pdata[head + i];

          if (slot == NULL)
            continue;
          g_set_object (&slot->item, old->pdata[head + i]);
          if (slot->card)
            slot_card_rebind (slot);
        }
      if (removed > reused)
        g_ptr_array_remove_range (slots, head + reused, removed - reused);
      else if (added > reused)
        ptr_array_insert_range (slots, head + reused, NULL, added - reused);

      g_list_model_items_changed (G_LIST_MODEL (self), head, removed, added);
      if (removed != added)
        {
          g_list_model_items_changed (G_LIST_MODEL (self->cards), head + reused, removed - reused, added - reused);
          changes++;
        }
    }
  g_ptr_array_set_size (next, 0);
  return changes;
}

/* ---- A column's widget: header, count and its cards ---------------------- */

#define PB_TYPE_BOARD_COLUMN_WIDGET (pb_board_column_widget_get_type ())
G_DECLARE_FINAL_TYPE (PbBoardColumnWidget, pb_board_column_widget, PB, BOARD_COLUMN_WIDGET, GtkWidget)

struct _PbBoardColumnWidget
{
  GtkWidget          parent_instance;

  PbBoardView       *board;
  GtkListItem       *list_item;
  PbBoardColumn     *column;   /* while bound */
  GtkWidget         *header;
  GtkWidget         *title;
  GtkWidget         *parent_button; /* the parent section's menu, above the title */
  GtkWidget         *parent;        /* its label */
  GtkWidget         *count;
  GtkWidget         *add_button;
  GtkWidget         *menu_button;
  GtkWidget         *empty;    /* what to do in a column with no item */
  GtkWidget         *scroller;
  GtkWidget         *list;
  GtkNoSelection    *selection;
};

G_DEFINE_FINAL_TYPE (PbBoardColumnWidget, pb_board_column_widget, GTK_TYPE_WIDGET)

static void
pb_board_column_widget_dispose (GObject *object)
{
  PbBoardColumnWidget *self = PB_BOARD_COLUMN_WIDGET (object);

  g_clear_pointer (&self->header, gtk_widget_unparent);
  g_clear_pointer (&self->empty, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (pb_board_column_widget_parent_class)->dispose (object);
}

static void
pb_board_column_widget_class_init (PbBoardColumnWidgetClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pb_board_column_widget_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "boardcolumn");
}

static void
pb_board_column_widget_init (PbBoardColumnWidget *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

/* ---- The board ---------------------------------------------------------- */

/* An item's organisations: one block an item (20,000 items of a plan
 * made seven allocations each, strings of names among them, at every
 * start); their names are the board's org_names. */
typedef struct
{
  gint64   item_id;  /* the key in orgs */
  gint64   lead;     /* the first lead, or 0 */
  guint    n_leads;  /* orgs[0 .. n_leads) are the leads, in order */
  guint    n_responsible;
  guint    n_orgs;
  gint64   orgs[];   /* the leads, then the others, in order */
} ItemOrgs;

struct _PbBoardView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *columns_view; /* a horizontal GtkGridView of the columns */
  GListStore      *column_model; /* PbBoardColumn, what columns_view shows: shown */
  GPtrArray       *shown;        /* PbBoardColumn, owned: the columns on screen, in order (all
                                  * of columns, or while filtered those with a matching card) */
  GtkWidget       *no_match;     /* an AdwStatusPage: nothing matches the filter or search */
  GPtrArray       *column_widgets; /* PbBoardColumnWidget bound to a column, unowned */
  guint            fill_source;
  guint            reveal_tick;  /* a plan just shown: scroll to its first cards */
  guint            reveal_frames;
  guint            reveal_stable;
  gboolean         reveal_start; /* a filter or search changed: first back to the first column */

  PbStore         *store;
  PbPlan          *plan;
  GListModel      *items;
  GPtrArray       *held;        /* the plan's items in order, as items has them */
  GListModel      *sections;
  GPtrArray       *held_sections; /* the plan's sections, kept alive for the titles */
  GPtrArray       *columns;     /* PbBoardColumn, owned */
  GHashTable      *by_value;    /* gint64 * (the column's value) → PbBoardColumn */
  GPtrArray       *by_item_ids; /* GArray of gint64: the keys of by_item */
  GHashTable      *by_item;     /* gint64 * (an item's id) → PbBoardColumn, by section:
                                 * a section shown in two runs has two columns */
  GHashTable      *orgs;        /* item id → ItemOrgs */
  GHashTable      *org_names;   /* organisation id → its name */
  GHashTable      *indicator_counts; /* item id → gint64 */
  GHashTable      *bound_cards; /* PbTaskCard, unowned: the cards bound to an item */
  GDate            today;
  PbBoardGrouping  grouping;

  GHashTable      *selected;    /* item ids chosen with Ctrl/Shift-click or Ctrl+A */
  gint64           anchor;      /* the last card clicked, for Shift-click */
  gint64           cursor;      /* the card the keyboard is on, kept while a menu has it */
  gulong           focus_id;    /* the root's notify::focus-widget */

  char            *search;      /* casefolded, or NULL */
  gint64           filter_org;
  int              filter_status;
  int              filter_health;
  int              filter_kind;

  guint            n_classified; /* items put in a column, for the tests */
  guint            n_bound;      /* cards bound */
  guint            n_card_changes; /* items-changed told to the columns' cards views */
  guint            n_cards_made; /* card widgets made */
  guint            n_columns_made; /* column widgets made */
  guint            n_columns_built; /* column widgets given their header and list */
  guint            pending;      /* PENDING_*: what a change asked of the board while hidden */
  GdkFrameClock   *clock;        /* while realized: after each layout, show the cards in view */
  gulong           layout_id;
  guint            n_cards_shown; /* cards that set and shaped their item's labels, for the tests */
  guint            n_cards_late;  /* of them, made their labels after a layout (show_in_view) */
  int              width_hint;    /* the size the window expects to give it (pb_board_view_set_size_hint) */
  int              height_hint;
};

enum {
  PROP_0,
  PROP_GROUPING,
  PROP_N_SELECTED,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  ITEM_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PbBoardView, pb_board_view, GTK_TYPE_WIDGET)

/* ---- What each item belongs to ----------------------------------------- */

static void
collect_org (gint64      item_id,
             gint64      organisation_id,
             const char *name,
             PbRole      role,
             gpointer    user_data)
{
  PbBoardView *self = user_data;
  ItemOrgs *o = g_hash_table_lookup (self->orgs, &item_id);
  guint n = o ? o->n_orgs : 0;

  if (!g_hash_table_contains (self->org_names, &organisation_id))
    g_hash_table_insert (self->org_names, g_memdup2 (&organisation_id, sizeof organisation_id), g_strdup (name));

  /* Grown by one: its key moves with it. */
  if (o != NULL)
    g_hash_table_steal (self->orgs, &item_id);
  o = g_realloc (o, sizeof (ItemOrgs) + (n + 1) * sizeof (gint64));
  if (n == 0)
    {
      memset (o, 0, sizeof (ItemOrgs));
      o->item_id = item_id;
    }
  if (role == PB_ROLE_LEAD)
    {
      memmove (&o->orgs[o->n_leads + 1], &o->orgs[o->n_leads], (n - o->n_leads) * sizeof (gint64));
      o->orgs[o->n_leads++] = organisation_id;
      if (o->lead == 0)
        o->lead = organisation_id;
    }
  else
    {
      o->orgs[n] = organisation_id;
      o->n_responsible++;
    }
  o->n_orgs = n + 1;
  g_hash_table_insert (self->orgs, &o->item_id, o);
}

/* The leads' names joined by 、, as a card shows them. */
static char *
leads_text (PbBoardView *self,
            ItemOrgs    *o)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; o != NULL && i < o->n_leads; i++)
    {
      const char *name = g_hash_table_lookup (self->org_names, &o->orgs[i]);

      if (s->len > 0)
        g_string_append (s, "、");
      g_string_append (s, name ? name : "");
    }
  return g_string_free (s, FALSE);
}

static void
reload_orgs (PbBoardView *self)
{
  g_hash_table_remove_all (self->orgs);
  g_hash_table_remove_all (self->org_names);
  g_clear_pointer (&self->indicator_counts, g_hash_table_unref);
  if (self->plan)
    {
      pb_store_foreach_item_org (self->store, pb_record_get_id (PB_RECORD (self->plan)), collect_org, self);
      self->indicator_counts = pb_store_dup_indicator_counts (self->store, pb_record_get_id (PB_RECORD (self->plan)));
    }
}

static gint64
lead_of (PbBoardView *self,
         gint64       item_id)
{
  ItemOrgs *o = g_hash_table_lookup (self->orgs, &item_id);

  return o ? o->lead : 0;
}

/* What the item is grouped by: its section, status or first lead. */
static gint64
group_value (PbBoardView *self,
             PbItem      *item)
{
  switch (self->grouping)
    {
    case PB_BOARD_GROUPING_STATUS:
      return pb_item_get_status (item);
    case PB_BOARD_GROUPING_LEAD:
      return lead_of (self, pb_record_get_id (PB_RECORD (item)));
    case PB_BOARD_GROUPING_SECTION:
    default:
      return pb_item_get_section_id (item);
    }
}

/* The plan's items, held in their order: keeps the records in the store's
 * identity map (the grouping pass reads no rows), and follows the live
 * list span by span. */
static void
items_changed_cb (GListModel  *items,
                  guint        position,
                  guint        removed,
                  guint        added,
                  PbBoardView *self)
{
  g_ptr_array_remove_range (self->held, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->held, position + i, g_list_model_get_item (items, position + i));
}

static void
sections_changed_cb (GListModel  *sections,
                     guint        position,
                     guint        removed,
                     guint        added,
                     PbBoardView *self)
{
  g_ptr_array_remove_range (self->held_sections, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->held_sections, position + i, g_list_model_get_item (sections, position + i));
}

/* Whether one of the item's organisations' names holds @text. */
static gboolean
orgs_match (PbBoardView *self,
            ItemOrgs    *o,
            const char  *text)
{
  for (guint i = 0; i < o->n_orgs; i++)
    {
      const char *name = g_hash_table_lookup (self->org_names, &o->orgs[i]);

      if (name != NULL && strstr (name, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Whether a filter or a search is on. */
static gboolean
filtering (PbBoardView *self)
{
  return self->filter_status >= 0 || self->filter_kind >= 0 || self->filter_health >= 0 ||
         self->filter_org > 0 || self->search != NULL;
}

static gboolean
passes_filters (PbBoardView *self,
                PbItem      *item)
{
  gint64 id;
  ItemOrgs *o;

  if (!filtering (self))
    return TRUE;

  id = pb_record_get_id (PB_RECORD (item));
  o = g_hash_table_lookup (self->orgs, &id);
  if (self->filter_status >= 0 && (int) pb_item_get_status (item) != self->filter_status)
    return FALSE;
  if (self->filter_kind >= 0 && (int) pb_item_get_kind (item) != self->filter_kind)
    return FALSE;
  if (self->filter_health >= 0 &&
      (int) pb_store_get_item_health (self->store, item, &self->today, NULL) != self->filter_health)
    return FALSE;
  if (self->filter_org > 0)
    {
      gboolean found = FALSE;

      for (guint i = 0; o && i < o->n_orgs && !found; i++)
        found = o->orgs[i] == self->filter_org;
      if (!found)
        return FALSE;
    }
  if (self->search != NULL)
    {
      g_autofree char *title = g_utf8_casefold (pb_item_get_title (item), -1);
      g_autofree char *body = g_utf8_casefold (pb_record_get_string (PB_RECORD (item), "body"), -1);

      if (!strstr (title, self->search) && !strstr (body, self->search) &&
          !(o && orgs_match (self, o, self->search)) &&
          !strstr (pb_item_get_number (item), self->search))
        return FALSE;
    }
  return TRUE;
}

static void update_shown (PbBoardView *self);

/* The grouping pass: every item once, into its column; then each column
 * shows what changed, and the board the columns it now shows. */
static void
regroup (PbBoardView *self)
{
  for (guint i = 0; i < self->held->len; i++)
    {
      PbItem *item = g_ptr_array_index (self->held, i);
      gint64 value;
      PbBoardColumn *c;

      self->n_classified++;
      if (!passes_filters (self, item))
        continue;
      value = group_value (self, item);
      if (self->grouping == PB_BOARD_GROUPING_SECTION)
        {
          gint64 id = pb_record_get_id (PB_RECORD (item));
          c = g_hash_table_lookup (self->by_item, &id);
        }
      else
        c = g_hash_table_lookup (self->by_value, &value);
      if (c != NULL)
        g_ptr_array_add (c->next, item);
    }
  for (guint i = 0; i < self->columns->len; i++)
    self->n_card_changes += pb_board_column_take_next (g_ptr_array_index (self->columns, i));
  update_shown (self);
}

static void show_first_cards (PbBoardView *self);

/* The columns on screen: every column; while a filter or a search is on,
 * only those holding a card that matches (an empty column would only say
 * that nothing there matched, and push the cards found off screen). One
 * pass over the columns; the board's model is told only the span between
 * the unchanged head and tail, so a column that stays keeps its widget.
 * With a filter on and nothing matching, one message says so instead. */
static void
update_shown (PbBoardView *self)
{
  gboolean filtered = filtering (self);
  GPtrArray *old = self->shown;
  GPtrArray *next = g_ptr_array_new_full (self->columns->len, g_object_unref);
  guint head = 0, tail = 0;

  for (guint i = 0; i < self->columns->len; i++)
    {
      PbBoardColumn *c = g_ptr_array_index (self->columns, i);

      if (!filtered || c->items->len > 0)
        g_ptr_array_add (next, g_object_ref (c));
    }
  while (head < old->len && head < next->len && old->pdata[head] == next->pdata[head])
    head++;
  while (tail < old->len - head && tail < next->len - head &&
         old->pdata[old->len - 1 - tail] == next->pdata[next->len - 1 - tail])
    tail++;
  self->shown = next;
  if (head < old->len || head < next->len)
    g_list_store_splice (self->column_model, head, old->len - head - tail,
                         next->pdata + head, next->len - head - tail);
  g_ptr_array_unref (old);

  if (self->no_match)
    {
      gboolean none = filtered && self->plan != NULL && next->len == 0;

      if (none)
        {
          gboolean search_only = self->search != NULL && self->filter_org <= 0 && self->filter_status < 0 &&
                                 self->filter_health < 0 && self->filter_kind < 0;

          /* Translators: the board when no card matches what was typed in its search */
          adw_status_page_set_title (ADW_STATUS_PAGE (self->no_match),
                                     search_only ? _("No items match the search")
                                                 /* Translators: the board when no card matches its filters */
                                                 : _("No items match the filter"));
          gtk_button_set_label (GTK_BUTTON (adw_status_page_get_child (ADW_STATUS_PAGE (self->no_match))),
                                search_only ? _("_Clear Search") : _("_Clear Filter"));
        }
      gtk_widget_set_visible (self->no_match, none);
      gtk_widget_set_visible (self->scroller, !none);
    }
  /* The cards just bound, before the next frame (a board being mapped
   * does it once its children are: pb_board_view_map). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_first_cards (self);
}

/* ---- Columns ------------------------------------------------------------ */

static PbBoardColumn *
find_column (PbBoardView *self,
             const char  *key,
             guint       *index)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      PbBoardColumn *c = g_ptr_array_index (self->columns, i);

      if (g_str_equal (c->key, key))
        {
          if (index)
            *index = i;
          return c;
        }
    }
  return NULL;
}

static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            PbBoardView              *self);

/* Shows an item on a card. Asks the store nothing: the board knows
 * every item's organisations and indicator count. */
static void
card_show (PbBoardView *self,
           PbTaskCard  *card,
           PbItem      *item)
{
  gint64 id = pb_record_get_id (PB_RECORD (item));
  ItemOrgs *o = g_hash_table_lookup (self->orgs, &id);
  gint64 *n = self->indicator_counts ? g_hash_table_lookup (self->indicator_counts, &id) : NULL;
  g_autofree char *leads = leads_text (self, o);

  self->n_bound++;
  pb_task_card_set_details (card, leads, n ? *n : 0, o ? o->n_responsible : 0);
  pb_task_card_set_item (card, item);
  if (g_hash_table_contains (self->selected, &id))
    gtk_widget_add_css_class (GTK_WIDGET (card), "selected-card");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (card), "selected-card");
}

static void
card_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           PbBoardView              *self)
{
  PbTaskCard *card = PB_TASK_CARD (gtk_list_item_get_child (list_item));
  PbBoardSlot *slot = gtk_list_item_get_item (list_item);

  slot->card = card;
  if (self->bound_cards)
    g_hash_table_add (self->bound_cards, card);
  card_show (self, card, slot->item);
}

/* A place's item changed under its bound card (a regroup, or a card
 * moved within the column's changed span). */
static void
slot_card_rebind (PbBoardSlot *slot)
{
  PbBoardView *self = g_object_get_data (G_OBJECT (slot->card), "pb-board");

  if (self != NULL)
    card_show (self, slot->card, slot->item);
}

static void
card_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PbBoardView              *self)
{
  GtkWidget *card = gtk_list_item_get_child (list_item);
  PbBoardSlot *slot = gtk_list_item_get_item (list_item);

  if (slot && slot->card == PB_TASK_CARD (card))
    slot->card = NULL;
  if (self->bound_cards)
    g_hash_table_remove (self->bound_cards, card);
  pb_task_card_set_item (PB_TASK_CARD (card), NULL);
}

static void
list_activate_cb (GtkWidget           *list,
                  guint                position,
                  PbBoardColumnWidget *cw)
{
  g_autoptr(PbItem) item = NULL;

  if (cw->column == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (cw->column), position);
  if (item)
    g_signal_emit (cw->board, signals[ITEM_ACTIVATED], 0, item);
}

/* The card under (x, y) of a column's list, or NULL. */
static PbTaskCard *
card_at (GtkWidget *list,
         double     x,
         double     y)
{
  GtkWidget *w = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);

  while (w && w != list && !PB_IS_TASK_CARD (w))
    {
      /* A row's child is the card. */
      GtkWidget *child = gtk_widget_get_first_child (w);
      if (child && PB_IS_TASK_CARD (child))
        return PB_TASK_CARD (child);
      w = gtk_widget_get_parent (w);
    }
  return w && PB_IS_TASK_CARD (w) ? PB_TASK_CARD (w) : NULL;
}

/* A move the store refused (the library in use by another program, a
 * reporter's card): said in a toast, never only to the terminal. */
static void
refuse_move (GtkWidget    *board,
             const GError *error)
{
  /* Translators: a toast when a card could not be moved; %s is why */
  g_autofree char *text = g_strdup_printf (_("The card was not moved: %s"), error->message);

  pb_ui_toast (board, text, FALSE);
}

static gboolean
drop_cb (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         PbBoardColumnWidget *cw)
{
  g_autoptr(GError) error = NULL;
  PbTaskCard *under = card_at (cw->list, x, y);
  gint64 item_id = g_value_get_int64 (value);
  gint64 before = 0;

  if (cw->column == NULL)
    return FALSE;
  if (under != NULL && pb_task_card_get_item (under) != NULL)
    before = pb_record_get_id (PB_RECORD (pb_task_card_get_item (under)));
  if (before == item_id)
    return TRUE;

  if (!pb_board_view_move_card (cw->board, item_id, cw->column->key, before, &error))
    {
      refuse_move (GTK_WIDGET (cw->board), error);
      return FALSE;
    }
  return TRUE;
}

static void
update_count (PbBoardColumnWidget *cw)
{
  char text[16];

  if (cw->count == NULL)
    return;
  g_snprintf (text, sizeof text, "%u", cw->column ? cw->column->items->len : 0);
  gtk_label_set_text (GTK_LABEL (cw->count), text);
  /* An empty column (a new section) says how to fill it, not nothing. */
  if (cw->empty)
    gtk_widget_set_visible (cw->empty, cw->column != NULL && cw->column->items->len == 0);
}

static void
column_items_changed_cb (GListModel          *column,
                         guint                position,
                         guint                removed,
                         guint                added,
                         PbBoardColumnWidget *cw)
{
  update_count (cw);
}

/* A column's header, list and cards are made only when the column comes
 * into view: a bound column out of view is an empty widget, so a plan of
 * 500 sections makes the cards of the three to five columns on screen,
 * not of the thirty the sideways grid keeps bound. A column that comes
 * into view as the board scrolls is filled before the frame is painted
 * (show_in_view, after each layout). */
#define COLUMN_WIDTH_GUESS 284

static gboolean
column_in_view (PbBoardView         *self,
                PbBoardColumnWidget *cw)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double width = gtk_widget_get_width (self->scroller);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  graphene_rect_t bounds;
  double x, w;

  /* Not laid out yet (a board bound as the window is first shown): the
   * width its window expects to give it, else the window's width, no
   * more (the sidebar takes some of it). */
  if (width <= 0 && self->width_hint > 0)
    width = self->width_hint;
  else if (width <= 0)
    {
      int default_width = -1, default_height = -1;

      if (GTK_IS_WINDOW (root))
        gtk_window_get_default_size (GTK_WINDOW (root), &default_width, &default_height);
      width = default_width > 0 ? default_width : 1920;
    }
  if (gtk_widget_get_width (GTK_WIDGET (cw)) > 0 &&
      gtk_widget_compute_bounds (GTK_WIDGET (cw), self->scroller, &bounds))
    {
      x = bounds.origin.x;
      w = bounds.size.width;
    }
  else
    {
      x = gtk_list_item_get_position (cw->list_item) * (double) COLUMN_WIDTH_GUESS - gtk_adjustment_get_value (adj);
      w = COLUMN_WIDTH_GUESS;
    }
  return x < width && x + w > 0;
}

static void column_widget_build (PbBoardColumnWidget *cw);

static void
column_widget_fill (PbBoardColumnWidget *cw)
{
  if (cw->column == NULL)
    return;
  column_widget_build (cw);
  if (gtk_no_selection_get_model (cw->selection) == NULL)
    gtk_no_selection_set_model (cw->selection, G_LIST_MODEL (cw->column->cards));
}

static gboolean
fill_columns_in_view (gpointer data)
{
  PbBoardView *self = data;

  self->fill_source = 0;
  for (guint i = 0; i < self->column_widgets->len; i++)
    {
      PbBoardColumnWidget *cw = g_ptr_array_index (self->column_widgets, i);

      if (column_in_view (self, cw))
        column_widget_fill (cw);
    }
  /* Before the frame (this idle comes first): their first cards too. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_first_cards (self);
  return G_SOURCE_REMOVE;
}

/* After a scroll or a resize, before the next frame is laid out. */
static void
queue_fill_columns (PbBoardView *self)
{
  if (self->fill_source == 0)
    self->fill_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, fill_columns_in_view, self, NULL);
}

/* The first column holding cards, or G_MAXUINT. */
static guint
first_filled_column (PbBoardView *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    if (g_list_model_get_n_items (G_LIST_MODEL (g_ptr_array_index (self->shown, i))) > 0)
      return i;
  return G_MAXUINT;
}

/* A plan opens with its first column with cards in view: sections with
 * no items yet (a heading's prose parts, 指导思想; a section just added)
 * are columns in document order, and would otherwise fill a narrow window.
 * When that column is not in view once the grid is laid out, the grid
 * scrolls (with its own scroll-to-item, which knows the columns' places):
 * to the last column, then back to that one, which puts it at the left. */
static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  PbBoardView *self = PB_BOARD_VIEW (widget);
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double upper = gtk_adjustment_get_upper (adj), page = gtk_adjustment_get_page_size (adj);
  guint n = self->shown->len, first = first_filled_column (self);

  /* Another filter or search: back to the first column. Not in the
   * first tick, which runs before the frame's layout: the grid is then
   * as it was before the columns changed, and fails to scroll. */
  if (self->reveal_start)
    {
      if (self->reveal_frames++ == 0)
        return G_SOURCE_CONTINUE;
      self->reveal_start = FALSE;
      if (gtk_adjustment_get_value (adj) > 0)
        {
          gtk_adjustment_set_value (adj, 0);
          queue_fill_columns (self);
          return G_SOURCE_CONTINUE;
        }
    }
  if (self->plan == NULL || n == 0 || first == 0 || ++self->reveal_frames > 60)
    goto done;
  if (first == G_MAXUINT || page <= 0 || upper <= 0)
    return G_SOURCE_CONTINUE; /* not laid out, or no cards yet */

  switch (self->reveal_stable++)
    {
    case 0:
      /* In view already (the columns are all as wide)? */
      if ((first + 1) * (upper / n) <= gtk_adjustment_get_value (adj) + page + 1)
        goto done;
      gtk_widget_activate_action (self->columns_view, "list.scroll-to-item", "u", n - 1);
      return G_SOURCE_CONTINUE;
    case 1:
      gtk_widget_activate_action (self->columns_view, "list.scroll-to-item", "u", first);
      queue_fill_columns (self);
      return G_SOURCE_CONTINUE;
    default:
      queue_fill_columns (self);
      break;
    }

done:
  self->reveal_tick = 0;
  self->reveal_start = FALSE;
  return G_SOURCE_REMOVE;
}

static void flush_pending (PbBoardView *self);

static void
reveal_first_cards (PbBoardView *self)
{
  if (self->reveal_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_frames = self->reveal_stable = 0;
  self->reveal_tick = self->plan ? gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb, NULL, NULL) : 0;
}

/**
 * pb_board_view_get_first_filled_column:
 * @self: a board
 *
 * Returns: the first column holding cards, or 0
 */
guint
pb_board_view_get_first_filled_column (PbBoardView *self)
{
  guint first;

  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);
  flush_pending (self);
  first = first_filled_column (self);
  return first == G_MAXUINT ? 0 : first;
}

/**
 * pb_board_view_get_first_column_in_view:
 * @self: a board
 *
 * The column a planner sees first: the leftmost one at least half in
 * view. Before the board is laid out, the first column holding cards
 * (where it opens).
 *
 * Returns: a column shown, from 0
 */
guint
pb_board_view_get_first_column_in_view (PbBoardView *self)
{
  guint first = G_MAXUINT;

  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);
  flush_pending (self);
  for (guint i = 0; i < self->column_widgets->len; i++)
    {
      PbBoardColumnWidget *cw = g_ptr_array_index (self->column_widgets, i);
      double width = gtk_widget_get_width (self->scroller);
      graphene_rect_t bounds;
      guint position;

      if (cw->column == NULL || cw->list_item == NULL || !gtk_widget_get_mapped (GTK_WIDGET (cw)) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (cw), self->scroller, &bounds))
        continue;
      if (bounds.origin.x + bounds.size.width / 2 < 0 || bounds.origin.x + bounds.size.width / 2 > width)
        continue;
      position = gtk_list_item_get_position (cw->list_item);
      if (position < self->shown->len && position < first)
        first = position;
    }
  if (first == G_MAXUINT)
    first = first_filled_column (self);
  return first == G_MAXUINT ? 0 : first;
}

static void section_menu_create (GtkMenuButton *button,
                                 gpointer       data);
static void parent_menu_create (GtkMenuButton *button,
                                gpointer       data);

static void column_widget_show_header (PbBoardColumnWidget *cw);

/* A column's widget is made empty (as wide as any column: the columns are
 * at their minimum width, .board-column's); its header and its cards' list
 * are made when it first comes into view. The sideways grid keeps about
 * 30 columns bound, 4 or 5 of them on screen: making every one's header,
 * buttons and list was a fifth of a board's start. */
static void
column_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PbBoardView              *self)
{
  PbBoardColumnWidget *cw = g_object_new (PB_TYPE_BOARD_COLUMN_WIDGET, NULL);

  self->n_columns_made++;

  cw->board = self;
  cw->list_item = list_item;
  gtk_widget_add_css_class (GTK_WIDGET (cw), "board-column");
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, GTK_WIDGET (cw));
}

static void
header_secondary_cb (GtkGestureClick     *click,
                     int                  n_press,
                     double               x,
                     double               y,
                     PbBoardColumnWidget *cw)
{
  GtkWidget *picked = gtk_widget_pick (cw->header, x, y, GTK_PICK_DEFAULT);
  GtkWidget *button = cw->menu_button;

  if (picked && gtk_widget_get_visible (cw->parent_button) &&
      (picked == cw->parent_button || gtk_widget_is_ancestor (picked, cw->parent_button)))
    button = cw->parent_button;
  if (!gtk_widget_get_visible (button))
    return;
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
}

static void
column_widget_build (PbBoardColumnWidget *cw)
{
  PbBoardView *self = cw->board;
  GtkListItemFactory *cards;
  GtkDropTarget *drop;
  GtkWidget *texts;

  if (cw->header != NULL)
    return;
  self->n_columns_built++;

  cw->header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (cw->header, "column-header");
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* "title\nparent": a nested section's parent heading goes above the
   * title, as a menu with the parent's section actions. A heading whose
   * items all sit in its sub-sections has no column of its own; this is
   * where the board edits it (the timeline has its header). */
  cw->parent_button = gtk_menu_button_new ();
  cw->parent = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (cw->parent), 0);
  gtk_label_set_ellipsize (GTK_LABEL (cw->parent), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (cw->parent), 18);
  gtk_widget_add_css_class (cw->parent, "caption");
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
    GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

    gtk_widget_add_css_class (arrow, "dim-label");
    gtk_box_append (GTK_BOX (box), cw->parent);
    gtk_box_append (GTK_BOX (box), arrow);
    gtk_menu_button_set_child (GTK_MENU_BUTTON (cw->parent_button), box);
  }
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (cw->parent_button), parent_menu_create, cw, NULL);
  gtk_widget_add_css_class (cw->parent_button, "flat");
  gtk_widget_add_css_class (cw->parent_button, "column-parent");
  gtk_widget_set_halign (cw->parent_button, GTK_ALIGN_START);
  gtk_widget_set_visible (cw->parent_button, FALSE);
  pb_ui_menu_button_quiet_tooltip (GTK_MENU_BUTTON (cw->parent_button));
  gtk_box_append (GTK_BOX (texts), cw->parent_button);
  cw->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (cw->title), 0);
  /* A long section title on two lines, then ellipsized; the tooltip
   * has it whole. */
  gtk_label_set_wrap (GTK_LABEL (cw->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (cw->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (cw->title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (cw->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (cw->title), 18);
  gtk_widget_add_css_class (cw->title, "heading");
  gtk_box_append (GTK_BOX (texts), cw->title);
  gtk_widget_set_hexpand (texts, TRUE);
  cw->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (cw->count, "dim-label");
  gtk_widget_add_css_class (cw->count, "numeric");
  gtk_box_append (GTK_BOX (cw->header), texts);
  gtk_box_append (GTK_BOX (cw->header), cw->count);
  /* "+" adds an item to the column; a section's menu edits the section. */
  cw->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (cw->add_button, "flat");
  gtk_widget_set_valign (cw->add_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (cw->add_button, _("Add Item"));
  gtk_box_append (GTK_BOX (cw->header), cw->add_button);
  cw->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (cw->menu_button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (cw->menu_button), section_menu_create, NULL, NULL);
  gtk_widget_add_css_class (cw->menu_button, "flat");
  gtk_widget_set_valign (cw->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (cw->menu_button, _("Section"));
  pb_ui_menu_button_quiet_tooltip (GTK_MENU_BUTTON (cw->menu_button));
  gtk_box_append (GTK_BOX (cw->header), cw->menu_button);
  gtk_widget_set_parent (cw->header, GTK_WIDGET (cw));
  {
    GtkGesture *click = gtk_gesture_click_new ();

    /* A right-click on the header opens its menu, as on the timeline's
     * section headers: the parent's on the parent heading. */
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (header_secondary_cb), cw);
    gtk_widget_add_controller (cw->header, GTK_EVENT_CONTROLLER (click));
  }

  cards = gtk_signal_list_item_factory_new ();
  g_signal_connect (cards, "setup", G_CALLBACK (card_setup), self);
  g_signal_connect (cards, "bind", G_CALLBACK (card_bind), self);
  g_signal_connect (cards, "unbind", G_CALLBACK (card_unbind), self);
  cw->selection = gtk_no_selection_new (NULL);
  cw->list = gtk_grid_view_new (GTK_SELECTION_MODEL (cw->selection), cards);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (cw->list), 1);
  gtk_widget_add_css_class (cw->list, "board-list");
  gtk_widget_set_vexpand (cw->list, TRUE);
  g_signal_connect (cw->list, "activate", G_CALLBACK (list_activate_cb), cw);
  /* A list's own Ctrl+A selects in its selection model, which chooses
   * nothing here and ate the key: off, Ctrl+A reaches the board's, which
   * chooses every card in view. */
  gtk_widget_action_set_enabled (cw->list, "list.select-all", FALSE);
  gtk_widget_action_set_enabled (cw->list, "list.unselect-all", FALSE);

  drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), cw);
  gtk_widget_add_controller (cw->list, GTK_EVENT_CONTROLLER (drop));

  cw->empty = gtk_label_new (_("No items here. Add one with +, or drag a card here."));
  gtk_label_set_wrap (GTK_LABEL (cw->empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (cw->empty), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (cw->empty), 24);
  gtk_widget_set_margin_top (cw->empty, 24);
  gtk_widget_set_margin_start (cw->empty, 12);
  gtk_widget_set_margin_end (cw->empty, 12);
  gtk_widget_add_css_class (cw->empty, "dim-label");
  gtk_widget_set_visible (cw->empty, FALSE);
  gtk_widget_set_parent (cw->empty, GTK_WIDGET (cw));

  cw->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (cw->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (cw->scroller), cw->list);
  gtk_widget_set_vexpand (cw->scroller, TRUE);
  gtk_widget_set_parent (cw->scroller, GTK_WIDGET (cw));
  if (cw->column)
    column_widget_show_header (cw);
}

/* A column's "+" (Add Item to it) and, for a section, its menu: the
 * window's actions, aimed at this column or section. */
static void
column_header_bind (PbBoardColumnWidget *cw,
                    const char          *key,
                    const char          *name)
{
  g_autofree char *add_name = g_strdup_printf (_("Add Item to %s"), name);
  gint64 section = g_str_has_prefix (key, "section:") ? g_ascii_strtoll (key + 8, NULL, 10) : 0;

  /* The target before the name: the action takes a column key. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (cw->add_button), "s", key);
  if (gtk_actionable_get_action_name (GTK_ACTIONABLE (cw->add_button)) == NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (cw->add_button), "win.add-item-to");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cw->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add_name, -1);
  /* "No section" (a plan without sections) has a menu too: Add Section…,
   * where a planner looks for it. */
  gtk_widget_set_visible (cw->menu_button, section > 0 || g_str_equal (key, "section:0"));
  g_object_set_data (G_OBJECT (cw->menu_button), "pb-no-section", GINT_TO_POINTER (g_str_equal (key, "section:0")));
  /* The menu is made when opened (section_menu_create): a popover menu
   * per column bound cost a plan of 100 sections a third of its start. */
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (cw->menu_button), NULL);
  g_object_set_data (G_OBJECT (cw->menu_button), "pb-section", GINT_TO_POINTER (0));
  if (section > 0)
    {
      g_autofree char *menu_name = g_strdup_printf (_("Section menu of %s"), name);

      g_object_set_data_full (G_OBJECT (cw->menu_button), "pb-section", g_memdup2 (&section, sizeof section), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cw->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_name, -1);
    }
}

/* The menu of a column's parent section (its section menu, Add Item
 * first) and, for each further heading up the outline, a submenu with
 * the same. Made at each opening, from the store, so that it follows
 * renames and moves. */
static void
parent_menu_create (GtkMenuButton *button,
                    gpointer       data)
{
  PbBoardColumnWidget *cw = data;
  PbStore *store = cw->board->store;
  g_autoptr(PbSection) section = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenu) further = g_menu_new ();
  gint64 id, parent_id;

  if (store == NULL || cw->column == NULL || !g_str_has_prefix (cw->column->key, "section:"))
    return;
  id = g_ascii_strtoll (cw->column->key + 8, NULL, 10);
  section = id > 0 ? pb_store_get_record (store, PB_TYPE_SECTION, id) : NULL;
  parent_id = section ? pb_section_get_parent_id (section) : 0;
  if (parent_id == 0)
    {
      gtk_menu_button_set_menu_model (button, NULL);
      return;
    }
  menu = pb_ui_section_menu_new (store, parent_id);
  /* Headings further up (一、 above (一) above 1.): a submenu each. */
  for (guint depth = 0; depth < 16; depth++)
    {
      g_autoptr(PbSection) parent = pb_store_get_record (store, PB_TYPE_SECTION, parent_id);
      g_autoptr(PbSection) up = NULL;
      g_autoptr(GMenuModel) submenu = NULL;
      g_autofree char *heading = NULL;

      parent_id = parent ? pb_section_get_parent_id (parent) : 0;
      up = parent_id ? pb_store_get_record (store, PB_TYPE_SECTION, parent_id) : NULL;
      if (up == NULL)
        break;
      heading = pb_format_section_heading (pb_section_get_number (up), pb_section_get_title (up));
      submenu = pb_ui_section_menu_new (store, parent_id);
      g_menu_append_submenu (further, heading, submenu);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (further)) > 0)
    g_menu_append_section (G_MENU (menu), NULL, G_MENU_MODEL (further));
  gtk_menu_button_set_menu_model (button, menu);
}

static void
section_menu_create (GtkMenuButton *button,
                     gpointer       data)
{
  gint64 *section = g_object_get_data (G_OBJECT (button), "pb-section");
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (button), PB_TYPE_BOARD_VIEW);
  g_autoptr(GMenuModel) menu = NULL;

  if (view && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pb-no-section")))
    {
      g_autoptr(GMenu) none = g_menu_new ();
      g_autoptr(GMenuItem) add = g_menu_item_new (_("Add _Section…"), NULL);

      /* The plan menu's own Add Section… */
      g_menu_item_set_action_and_target_value (add, "win.add-section", g_variant_new_int64 (0));
      g_menu_append_item (none, add);
      gtk_menu_button_set_menu_model (button, G_MENU_MODEL (none));
      return;
    }
  if (section == NULL || *section <= 0 || view == NULL)
    return;
  /* Made anew at each opening (GtkMenuButton calls this every time): a
   * move that can no longer apply, or now can, since the last one shows
   * as it is. */
  menu = pb_ui_section_menu_new (PB_BOARD_VIEW (view)->store, *section);
  gtk_menu_button_set_menu_model (button, menu);
}

/* The column's header: its title, parent, "+" and menu. */
static void
column_widget_show_header (PbBoardColumnWidget *cw)
{
  PbBoardColumn *c = cw->column;
  g_auto(GStrv) lines = g_strsplit (c->title, "\n", 2);
  g_autofree char *name = g_strdelimit (g_strdup (c->title), "\n", ' ');

  gtk_label_set_text (GTK_LABEL (cw->title), lines[0]);
  pb_ui_set_tooltip_lazily (cw->title, lines[0]);
  gtk_label_set_text (GTK_LABEL (cw->parent), lines[0] && lines[1] ? lines[1] : "");
  gtk_widget_set_visible (cw->parent_button, lines[0] && lines[1]);
  if (lines[0] && lines[1])
    {
      g_autofree char *parent_name = g_strdup_printf (_("Section menu of %s"), lines[1]);

      gtk_widget_set_tooltip_text (cw->parent_button, lines[1]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cw->parent_button), GTK_ACCESSIBLE_PROPERTY_LABEL, parent_name, -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (cw->list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  update_count (cw);
  column_header_bind (cw, c->key, name);
}

static void
column_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PbBoardView              *self)
{
  PbBoardColumnWidget *cw = PB_BOARD_COLUMN_WIDGET (gtk_list_item_get_child (list_item));
  PbBoardColumn *c = gtk_list_item_get_item (list_item);

  cw->column = c;
  c->widget = cw;
  g_ptr_array_add (self->column_widgets, cw);
  g_signal_connect (c, "items-changed", G_CALLBACK (column_items_changed_cb), cw);
  if (cw->header)
    column_widget_show_header (cw);
  if (column_in_view (self, cw))
    column_widget_fill (cw);
  else
    queue_fill_columns (self);
}

static void
column_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbBoardView              *self)
{
  PbBoardColumnWidget *cw = PB_BOARD_COLUMN_WIDGET (gtk_list_item_get_child (list_item));

  if (cw->column)
    {
      g_signal_handlers_disconnect_by_func (cw->column, column_items_changed_cb, cw);
      if (cw->column->widget == cw)
        cw->column->widget = NULL;
    }
  if (self->column_widgets)
    g_ptr_array_remove_fast (self->column_widgets, cw);
  cw->column = NULL;
  if (cw->selection)
    gtk_no_selection_set_model (cw->selection, NULL);
}

/* The column keys and titles the plan needs now, in order, with the value
 * each groups by: key, title, value, key, title, value … */
typedef struct
{
  char   *key;
  char   *title;
  gint64  value;
  GArray *ids;    /* by section: the items of the column (gint64), or NULL */
} Wanted;

static void
wanted_clear (gpointer data)
{
  Wanted *w = data;

  g_free (w->key);
  g_free (w->title);
  g_clear_pointer (&w->ids, g_array_unref);
}

static GArray *
wanted_columns (PbBoardView *self)
{
  GArray *wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));

  g_array_set_clear_func (wanted, wanted_clear);
  if (self->plan == NULL)
    return wanted;

  if (self->grouping == PB_BOARD_GROUPING_STATUS)
    {
      static const PbItemStatus order[] = { PB_ITEM_STATUS_NOT_STARTED, PB_ITEM_STATUS_IN_PROGRESS,
                                            PB_ITEM_STATUS_DONE, PB_ITEM_STATUS_BLOCKED,
                                            PB_ITEM_STATUS_CANCELLED };
      static const char *titles[] = { N_("Not started"), N_("In progress"), N_("Done"), N_("Blocked"), N_("Cancelled") };
      g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_ITEM_STATUS);

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          Wanted w = { g_strconcat ("status:", g_enum_get_value (klass, order[i])->value_nick, NULL),
                       g_strdup (_(titles[i])), order[i] };
          g_array_append_val (wanted, w);
        }
    }
  else if (self->grouping == PB_BOARD_GROUPING_LEAD)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean unled = FALSE;

      for (guint i = 0; i < self->held->len; i++)
        {
          PbItem *item = g_ptr_array_index (self->held, i);
          ItemOrgs *o = g_hash_table_lookup (self->orgs, &(gint64) { pb_record_get_id (PB_RECORD (item)) });

          if (o == NULL || o->lead == 0)
            unled = TRUE;
          else if (!g_hash_table_contains (seen, &o->lead))
            {
              g_hash_table_add (seen, &o->lead);
              g_array_append_val (leads, o->lead);
            }
        }
      for (guint i = 0; i < leads->len; i++)
        {
          gint64 id = g_array_index (leads, gint64, i);
          PbBoardColumn *old = g_hash_table_lookup (self->by_value, &id);
          g_autoptr(PbOrganisation) org = NULL;
          Wanted w = { g_strdup_printf ("lead:%" G_GINT64_FORMAT, id), NULL, id };

          /* A lead already shown keeps its title until the organisation
           * table changes (then the columns are made afresh). */
          if (old && g_str_equal (old->key, w.key))
            w.title = g_strdup (old->title);
          else
            {
              org = pb_store_get_record (self->store, PB_TYPE_ORGANISATION, id);
              w.title = g_strdup (org ? pb_organisation_get_name (org) : "?");
            }
          g_array_append_val (wanted, w);
        }
      if (unled)
        {
          Wanted w = { g_strdup ("lead:0"), g_strdup (_("No lead organisation")), 0 };
          g_array_append_val (wanted, w);
        }
    }
  else
    {
      /* The sections in document order: a section whose items go on after
       * a sub-section of its own shows them in a second column there.
       * A nested one says its parent, so that two "(一)" columns are
       * told apart. A section with no items and no sub-sections is a
       * column too (a section just added is where its "+" and menu are);
       * a heading whose items all sit in its sub-sections is not. */
      g_autoptr(GPtrArray) runs = pb_outline_build_full (self->held_sections, self->held, TRUE);
      g_autoptr(GHashTable) parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      gboolean loose = FALSE;

      for (guint i = 0; i < self->held_sections->len; i++)
        {
          PbSection *s = g_ptr_array_index (self->held_sections, i);
          gint64 id = pb_record_get_id (PB_RECORD (s));

          g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), s);
          if (pb_section_get_parent_id (s) != 0)
            g_hash_table_add (parents, g_memdup2 (&(gint64) { pb_section_get_parent_id (s) }, sizeof (gint64)));
        }
      for (guint r = 0; r < runs->len; r++)
        {
          PbOutlineRun *run = g_ptr_array_index (runs, r);
          gint64 id = run->section ? pb_record_get_id (PB_RECORD (run->section)) : 0;
          gint64 parent_id = run->section ? pb_section_get_parent_id (run->section) : 0;
          PbSection *parent = parent_id ? g_hash_table_lookup (by_id, &parent_id) : NULL;
          guint n_seen = GPOINTER_TO_UINT (g_hash_table_lookup (seen, &id));
          g_autofree char *title = pb_outline_run_dup_title (run);
          Wanted w;

          if (run->section == NULL)
            loose = TRUE;
          else if (run->items->len == 0 && g_hash_table_contains (parents, &id))
            continue;
          g_hash_table_insert (seen, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n_seen + 1));
          w.key = n_seen == 0 ? g_strdup_printf ("section:%" G_GINT64_FORMAT, id)
                              : g_strdup_printf ("section:%" G_GINT64_FORMAT ":%u", id, n_seen + 1);
          w.value = id;
          if (parent)
            {
              g_autofree char *heading = pb_format_section_heading (pb_section_get_number (parent),
                                                                    pb_section_get_title (parent));

              w.title = g_strdup_printf ("%s\n%s", title, heading);
            }
          else
            w.title = g_steal_pointer (&title);
          w.ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), run->items->len);
          for (guint i = 0; i < run->items->len; i++)
            {
              gint64 item_id = pb_record_get_id (PB_RECORD (g_ptr_array_index (run->items, i)));
              g_array_append_val (w.ids, item_id);
            }
          g_array_append_val (wanted, w);
        }
      if (!loose && self->held_sections->len == 0)
        {
          Wanted w = { g_strdup ("section:0"), g_strdup (_("No section")), 0, NULL };
          g_array_append_val (wanted, w);
        }
    }

  return wanted;
}

static void replace_columns (PbBoardView *self,
                             GArray      *wanted,
                             gboolean     force);

/* Makes the columns the plan needs now; a column whose key and title stay
 * keeps its object, so its widget, cards and scroll position stay too. */
static void
rebuild_columns (PbBoardView *self,
                 gboolean     force)
{
  g_autoptr(GArray) wanted = wanted_columns (self);
  gboolean same = !force && wanted->len == self->columns->len;

  for (guint i = 0; same && i < self->columns->len; i++)
    {
      PbBoardColumn *c = g_ptr_array_index (self->columns, i);
      Wanted *w = &g_array_index (wanted, Wanted, i);

      same = g_str_equal (c->key, w->key) && g_str_equal (c->title, w->title);
    }
  if (!same)
    replace_columns (self, wanted, force);

  /* By section, each item goes to its run's column. The keys are the
   * runs' arrays of ids, kept with the table (no allocation per item). */
  g_hash_table_remove_all (self->by_item);
  g_ptr_array_set_size (self->by_item_ids, 0);
  for (guint i = 0; i < wanted->len; i++)
    {
      Wanted *w = &g_array_index (wanted, Wanted, i);

      if (w->ids == NULL)
        continue;
      for (guint k = 0; k < w->ids->len; k++)
        g_hash_table_insert (self->by_item, &g_array_index (w->ids, gint64, k), g_ptr_array_index (self->columns, i));
      g_ptr_array_add (self->by_item_ids, g_steal_pointer (&w->ids));
    }
}

static void
replace_columns (PbBoardView *self,
                 GArray      *wanted,
                 gboolean     force)
{
  g_autoptr(GHashTable) old = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) previous = NULL;

  previous = g_steal_pointer (&self->columns);
  self->columns = g_ptr_array_new_full (wanted->len, g_object_unref);
  g_hash_table_remove_all (self->by_value);
  if (!force)
    for (guint i = 0; i < previous->len; i++)
      {
        PbBoardColumn *c = g_ptr_array_index (previous, i);
        g_hash_table_insert (old, c->key, c);
      }

  for (guint i = 0; i < wanted->len; i++)
    {
      Wanted *w = &g_array_index (wanted, Wanted, i);
      PbBoardColumn *c = g_hash_table_lookup (old, w->key);

      if (c && g_str_equal (c->title, w->title))
        g_object_ref (c);
      else if (force && i < previous->len)
        {
          /* Made anew (another grouping, plan or organisations): the
           * column in this place takes the new key, keeping its widget
           * and cards; the grouping pass then gives it its items. */
          c = g_object_ref (g_ptr_array_index (previous, i));
          g_free (c->key);
          g_free (c->title);
          c->key = g_strdup (w->key);
          c->title = g_strdup (w->title);
          c->value = w->value;
          if (c->widget && ((PbBoardColumnWidget *) c->widget)->header)
            {
              PbBoardColumnWidget *cw = c->widget;
              GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (cw->scroller));

              column_widget_show_header (cw);
              gtk_adjustment_set_value (adj, gtk_adjustment_get_lower (adj));
            }
        }
      else
        c = pb_board_column_new (w->key, w->title, w->value);
      g_ptr_array_add (self->columns, c);
      g_hash_table_insert (self->by_value, &c->value, c);
    }

  /* The board's model follows in update_shown (after the grouping pass,
   * which tells which columns a filter leaves): the columns that stayed
   * in their places are not spliced, their widgets stay bound. */
}

/* A card that stays in its column is not bound again, and its item's
 * record may not change at all (an organisation link, an indicator, the
 * plan's period): whatever a table's change means for what a card shows
 * (its leads, counts, health) reaches every bound card here. */
static void
refresh_bound_cards (PbBoardView *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->bound_cards == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound_cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PbTaskCard *card = key;
      PbItem *item = pb_task_card_get_item (card);
      gint64 id;
      ItemOrgs *o;
      gint64 *n;
      char *leads;

      if (item == NULL || pb_record_is_deleted (PB_RECORD (item)))
        continue;
      id = pb_record_get_id (PB_RECORD (item));
      o = g_hash_table_lookup (self->orgs, &id);
      n = self->indicator_counts ? g_hash_table_lookup (self->indicator_counts, &id) : NULL;
      leads = leads_text (self, o);
      pb_task_card_set_details (card, leads, n ? *n : 0, o ? o->n_responsible : 0);
      g_free (leads);
      pb_task_card_set_item (card, item); /* the same item: shows it again */
    }
}

/* A hidden board (another page shown) does what the store's changes ask
 * of it when it is shown, or asked about, once: an edit on the Timeline
 * then costs the board nothing (regrouping 5,000 items was half of an
 * edit's CPU). */
enum {
  PENDING_ORGS    = 1 << 0,
  PENDING_COLUMNS = 1 << 1,
  PENDING_FORCE   = 1 << 2, /* the columns made anew */
  PENDING_REGROUP = 1 << 3,
  PENDING_CARDS   = 1 << 4,
  PENDING_REVEAL  = 1 << 5, /* a plan was set: show its first cards */
  PENDING_START   = 1 << 6, /* the filter or search changed: back to the first column */
};

static gboolean
defer (PbBoardView *self,
       guint        what)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  self->pending |= what;
  return TRUE;
}

static void
flush_pending (PbBoardView *self)
{
  guint pending = self->pending;
  self->pending = 0;
  pb_trace_start ("board: pending work");
  if (pending & PENDING_ORGS)
    reload_orgs (self);
  pb_trace_start ("board: organisations read");
  if (pending & PENDING_COLUMNS)
    rebuild_columns (self, (pending & PENDING_FORCE) != 0);
  pb_trace_start ("board: columns made (%u)", self->columns->len);
  if (pending & PENDING_REGROUP)
    regroup (self);
  else if (pending & PENDING_COLUMNS)
    update_shown (self);
  pb_trace_start ("board: items grouped (%u)", self->held->len);
  if (pending & PENDING_CARDS)
    refresh_bound_cards (self);
  if (pending & PENDING_START)
    self->reveal_start = TRUE;
  if (pending & PENDING_REVEAL)
    reveal_first_cards (self);
  pb_trace_start ("board: first cards revealed");
}

/* What changes asked of a hidden board is done before its children are
 * mapped: columns made while the board is mapped would each be mapped
 * and styled as they are made. */
static void
pb_board_view_map (GtkWidget *widget)
{
  flush_pending (PB_BOARD_VIEW (widget));
  GTK_WIDGET_CLASS (pb_board_view_parent_class)->map (widget);
  show_first_cards (PB_BOARD_VIEW (widget));
  pb_trace_start ("board: mapped, first cards shown");
}

static void
store_changed_cb (PbBoardView *self,
                  const char  *table)
{
  guint what = PENDING_CARDS;

  if (self->plan == NULL)
    return;

  if (g_str_equal (table, "item_org") || g_str_equal (table, "organisation") || g_str_equal (table, "indicator") || g_str_equal (table, "item_indicator"))
    what |= PENDING_ORGS;

  if (g_str_equal (table, "item") || g_str_equal (table, "item_org") ||
      g_str_equal (table, "organisation") || g_str_equal (table, "section"))
    {
      what |= PENDING_COLUMNS | PENDING_REGROUP;
      if (g_str_equal (table, "organisation") && self->grouping == PB_BOARD_GROUPING_LEAD)
        what |= PENDING_FORCE;
    }

  if (!defer (self, what))
    {
      self->pending |= what;
      flush_pending (self);
    }
}

/* Preferences › Amounts changed: the cards' health reasons (their
 * tooltips) are written again in the new style. */
static void
number_style_changed_cb (PbBoardView *self)
{
  if (self->plan == NULL)
    return;
  if (!defer (self, PENDING_CARDS))
    {
      self->pending |= PENDING_CARDS;
      flush_pending (self);
    }
}

/* ---- Moving cards -------------------------------------------------------- */

/* The item after @item_id in the plan's order, or 0. */
static gint64
next_in_plan (PbBoardView *self,
              gint64       item_id)
{
  guint n = g_list_model_get_n_items (self->items);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (self->items, i);

      if (pb_record_get_id (PB_RECORD (item)) == item_id)
        {
          g_autoptr(PbItem) next = g_list_model_get_item (self->items, i + 1);
          return pb_record_get_id (PB_RECORD (next));
        }
    }
  return 0;
}

/**
 * pb_board_view_move_card:
 * @self: a board
 * @item_id: the item to move
 * @column_key: the column it goes to
 * @before_id: the card it goes before, or 0 for the end of the column
 * @error: where to say why it failed
 *
 * Moves a card as one undoable command: the item takes the column's
 * section, status or lead organisation and its place in the order.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_board_view_move_card (PbBoardView  *self,
                         gint64        item_id,
                         const char   *column_key,
                         gint64        before_id,
                         GError      **error)
{
  g_autoptr(PbItem) item = NULL;
  PbBoardColumn *column;
  const char *value;
  gboolean ok = TRUE, placed = FALSE;

  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (column_key != NULL, FALSE);

  flush_pending (self);

  item = pb_store_get_record (self->store, PB_TYPE_ITEM, item_id);
  column = find_column (self, column_key, NULL);
  if (item == NULL || column == NULL || strchr (column_key, ':') == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The card or the column no longer exists."));
      return FALSE;
    }
  value = strchr (column_key, ':') + 1;

  /* At the end of the column: after its last card, in the plan's order. */
  if (before_id == 0)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (column));

      for (guint i = n; i > 0; i--)
        {
          g_autoptr(PbItem) last = g_list_model_get_item (G_LIST_MODEL (column), i - 1);
          gint64 last_id = pb_record_get_id (PB_RECORD (last));

          if (last_id != item_id)
            {
              before_id = next_in_plan (self, last_id);
              if (before_id == item_id)
                before_id = next_in_plan (self, item_id);
              break;
            }
        }
    }

  pb_store_begin_group (self->store, _("Move Item"));

  switch (self->grouping)
    {
    case PB_BOARD_GROUPING_SECTION:
      {
        /* Its section and its place at once: the numbers of the section
         * it left and of the one it joined keep counting. */
        gint64 section = g_ascii_strtoll (value, NULL, 10);
        if (section != pb_item_get_section_id (item))
          {
            ok = pb_store_place_item (self->store, item, section, before_id, error);
            placed = TRUE;
          }
      }
      break;
    case PB_BOARD_GROUPING_STATUS:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_ITEM_STATUS);
        GEnumValue *ev = g_enum_get_value_by_nick (klass, value);
        if (ev && (int) pb_item_get_status (item) != ev->value)
          ok = pb_store_set (self->store, item, error, "status", ev->value, NULL);
      }
      break;
    case PB_BOARD_GROUPING_LEAD:
      {
        gint64 org = g_ascii_strtoll (value, NULL, 10);
        if (org != lead_of (self, item_id))
          ok = pb_store_set_lead (self->store, item, org, error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && !placed)
    ok = pb_store_move_item (self->store, item, before_id, error);

  pb_store_end_group (self->store);

  return ok;
}

static void
move_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbBoardView *self = PB_BOARD_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *key;
  gint64 item_id, before_id;

  g_variant_get (parameter, "(x&sx)", &item_id, &key, &before_id);
  if (!pb_board_view_move_card (self, item_id, key, before_id, &error))
    refuse_move (GTK_WIDGET (self), error);
}

/* The focused card, and where it is. */
static PbTaskCard *
focused_card (PbBoardView *self,
              guint       *column,
              guint       *position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  PbTaskCard *card = NULL;

  for (GtkWidget *w = focus; w && w != GTK_WIDGET (self) && card == NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (PB_IS_TASK_CARD (w))
        card = PB_TASK_CARD (w);
      else if (child && PB_IS_TASK_CARD (child))
        card = PB_TASK_CARD (child);
    }
  if (card == NULL || pb_task_card_get_item (card) == NULL)
    return NULL;

  for (guint c = 0; c < self->shown->len; c++)
    {
      PbBoardColumn *col = g_ptr_array_index (self->shown, c);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (col));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbItem) item = g_list_model_get_item (G_LIST_MODEL (col), i);

          if (item == pb_task_card_get_item (card))
            {
              *column = c;
              *position = i;
              return card;
            }
        }
    }
  return NULL;
}

/* The card widget under @root that shows @item_id, if one is made. */
static GtkWidget *
card_widget_showing (GtkWidget *root,
                     gint64     item_id)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (PB_IS_TASK_CARD (c))
        {
          PbItem *item = pb_task_card_get_item (PB_TASK_CARD (c));

          if (item && pb_record_get_id (PB_RECORD (item)) == item_id && gtk_widget_get_child_visible (c))
            return c;
          continue;
        }
      if ((found = card_widget_showing (c, item_id)))
        return found;
    }
  return NULL;
}

static gboolean
focus_item (PbBoardView *self,
            gint64       item_id)
{
  for (guint c = 0; c < self->shown->len; c++)
    {
      PbBoardColumn *col = g_ptr_array_index (self->shown, c);

      for (guint i = 0; i < col->items->len; i++)
        {
          PbItem *item = g_ptr_array_index (col->items, i);

          if (pb_record_get_id (PB_RECORD (item)) != item_id)
            continue;

          /* A column out of view has no widget until the board scrolls
           * to it (which binds it at once). */
          if (col->widget == NULL)
            gtk_widget_activate_action (self->columns_view, "list.scroll-to-item", "u", c);
          if (col->widget != NULL)
            {
              PbBoardColumnWidget *cw = col->widget;

              GtkWidget *card;

              column_widget_fill (cw);
              gtk_widget_activate_action (cw->list, "list.scroll-to-item", "u", i);
              /* On the card's own row: the list's focus stays on the row
               * it had, which shows another card once this one moved. */
              card = card_widget_showing (cw->list, item_id);
              if (card && gtk_widget_get_parent (card) && gtk_widget_grab_focus (gtk_widget_get_parent (card)))
                return TRUE;
              return gtk_widget_grab_focus (cw->list);
            }
          return FALSE;
        }
    }
  return FALSE;
}

/* Alt+←/→ moves the focused card to the next column; Alt+↑/↓ within its
 * column: board.move-focused-card (dx, dy). */
static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *args)
{
  PbBoardView *self = PB_BOARD_VIEW (widget);
  g_autoptr(GError) error = NULL;
  PbTaskCard *card;
  guint column, position;
  int dx, dy;
  gint64 item_id, before = 0;
  PbBoardColumn *target;

  g_variant_get (args, "(ii)", &dx, &dy);
  card = focused_card (self, &column, &position);
  if (card == NULL)
    return;
  item_id = pb_record_get_id (PB_RECORD (pb_task_card_get_item (card)));

  /* The next column on screen: while filtered, the hidden ones are
   * skipped, as the keyboard skips them between columns. */
  if (dx != 0)
    {
      if ((int) column + dx < 0 || column + dx >= self->shown->len)
        return;
      target = g_ptr_array_index (self->shown, column + dx);
    }
  else
    {
      PbBoardColumn *col = g_ptr_array_index (self->shown, column);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (col));
      int to = (int) position + (dy < 0 ? -1 : 2);

      if (dy < 0 && position == 0)
        return;
      if (dy > 0 && position + 1 >= n)
        return;
      target = col;
      if (to < (int) n)
        {
          g_autoptr(PbItem) other = g_list_model_get_item (G_LIST_MODEL (col), to);
          before = pb_record_get_id (PB_RECORD (other));
        }
    }

  if (!pb_board_view_move_card (self, item_id, target->key, before, &error))
    refuse_move (GTK_WIDGET (self), error);
  /* Its new place first (the board regroups when idle), so the keyboard
   * goes with the card and the next Alt+arrow moves it again. */
  flush_pending (self);
  focus_item (self, item_id);
}

/* ←/→ from a card: the keyboard goes to the card at the same place (or
 * the last) of the next column on screen that has cards — past a filter's
 * hidden columns, and past empty ones. Each column is a list of its own,
 * whose arrow keys stay inside it: the board takes ←/→ first. */
static gboolean
focus_next_column (PbBoardView *self,
                   int          dx)
{
  guint column, position;
  PbBoardColumn *target = NULL;
  PbItem *item;

  flush_pending (self);
  if (focused_card (self, &column, &position) == NULL)
    return FALSE;
  for (int c = (int) column + dx; c >= 0 && c < (int) self->shown->len && target == NULL; c += dx)
    if (((PbBoardColumn *) g_ptr_array_index (self->shown, c))->items->len > 0)
      target = g_ptr_array_index (self->shown, c);
  if (target == NULL)
    return FALSE;
  item = g_ptr_array_index (target->items, MIN (position, target->items->len - 1));
  return focus_item (self, pb_record_get_id (PB_RECORD (item)));
}

/* ← (@data -1) or → (1): not taken (left to the list) when the keyboard
 * is not on a card or no column with cards lies that way. */
static gboolean
column_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  int dx = GPOINTER_TO_INT (data);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    dx = -dx;
  return focus_next_column (PB_BOARD_VIEW (widget), dx);
}

/* board.focus-column (dx): as ←/→ (for the tests and the shortcuts). */
static void
focus_column_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  focus_next_column (PB_BOARD_VIEW (widget), g_variant_get_int32 (parameter));
}

/* ---- Cards -------------------------------------------------------------- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 PbTaskCard    *card)
{
  PbItem *item = pb_task_card_get_item (card);

  if (item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, pb_record_get_id (PB_RECORD (item)));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               PbTaskCard    *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (card));

  gtk_drag_source_set_icon (source, paintable, 20, 20);
}

/* ---- Choosing several cards ------------------------------------------- */

static void
refresh_selection (PbBoardView *self)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      PbBoardColumn *col = g_ptr_array_index (self->columns, c);

      if (col->widget == NULL || ((PbBoardColumnWidget *) col->widget)->list == NULL)
        continue;
      for (GtkWidget *child = gtk_widget_get_first_child (((PbBoardColumnWidget *) col->widget)->list); child;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *card = gtk_widget_get_first_child (child);
          PbItem *item = card && PB_IS_TASK_CARD (card) ? pb_task_card_get_item (PB_TASK_CARD (card)) : NULL;
          gint64 id = item ? pb_record_get_id (PB_RECORD (item)) : 0;

          if (item && g_hash_table_contains (self->selected, &id))
            gtk_widget_add_css_class (card, "selected-card");
          else if (card)
            gtk_widget_remove_css_class (card, "selected-card");
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
select_id (PbBoardView *self,
           gint64       id)
{
  g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
}

/* The items shown between @a and @b, in the column that holds both. */
static void
select_range (PbBoardView *self,
              gint64       a,
              gint64       b)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      PbBoardColumn *col = g_ptr_array_index (self->columns, c);
      int first = -1, last = -1;

      for (guint i = 0; i < col->items->len; i++)
        {
          gint64 id = pb_record_get_id (g_ptr_array_index (col->items, i));

          if (id == a || id == b)
            {
              if (first < 0)
                first = i;
              last = i;
            }
        }
      if (first >= 0 && (a == b || first != last))
        {
          for (int i = first; i <= last; i++)
            select_id (self, pb_record_get_id (g_ptr_array_index (col->items, i)));
          return;
        }
    }
  select_id (self, b);
}

static void
card_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 PbTaskCard      *card)
{
  PbBoardView *self = PB_BOARD_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (card), PB_TYPE_BOARD_VIEW));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  PbItem *item = pb_task_card_get_item (card);
  gint64 id;

  if (self == NULL || item == NULL)
    return;
  id = pb_record_get_id (PB_RECORD (item));

  if (state & GDK_CONTROL_MASK)
    {
      /* The card the keyboard was on counts as chosen too. */
      if (g_hash_table_size (self->selected) == 0 && self->anchor != 0 && self->anchor != id)
        select_id (self, self->anchor);
      if (!g_hash_table_remove (self->selected, &id))
        select_id (self, id);
      self->anchor = id;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  else if (state & GDK_SHIFT_MASK)
    {
      select_range (self, self->anchor ? self->anchor : id, id);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  else
    {
      self->anchor = id;
      /* A plain click picks this one card: an open editor follows it. */
      if (n_press == 1)
        g_signal_emit (self, signals[ITEM_SELECTED], 0, item);
      if (g_hash_table_size (self->selected) == 0)
        return;
      g_hash_table_remove_all (self->selected);
    }
  refresh_selection (self);
}

/**
 * pb_board_view_select_all:
 * @self: a board
 *
 * Chooses every card the board shows (Ctrl+A).
 */
void
pb_board_view_select_all (PbBoardView *self)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  flush_pending (self);
  for (guint c = 0; c < self->columns->len; c++)
    {
      PbBoardColumn *col = g_ptr_array_index (self->columns, c);

      for (guint i = 0; i < col->items->len; i++)
        select_id (self, pb_record_get_id (g_ptr_array_index (col->items, i)));
    }
  refresh_selection (self);
}

/**
 * pb_board_view_set_selected:
 * @self: a board
 * @item_ids: (array length=n_items) (nullable): items
 * @n_items: how many; 0 chooses none
 */
void
pb_board_view_set_selected (PbBoardView  *self,
                            const gint64 *item_ids,
                            guint         n_items)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  g_hash_table_remove_all (self->selected);
  for (guint i = 0; i < n_items; i++)
    select_id (self, item_ids[i]);
  refresh_selection (self);
}

guint
pb_board_view_get_n_selected (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);
  return g_hash_table_size (self->selected);
}

/**
 * pb_board_view_get_focused_item:
 * @self: a board
 * @column_key: (out) (optional) (transfer none): the key of its column
 *
 * Returns: the id of the card the keyboard is on, or 0
 */
gint64
pb_board_view_get_focused_item (PbBoardView  *self,
                                const char  **column_key)
{
  guint column = 0, position = 0;
  PbTaskCard *card;

  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);

  flush_pending (self);
  card = focused_card (self, &column, &position);
  if (column_key)
    *column_key = card ? ((PbBoardColumn *) g_ptr_array_index (self->shown, column))->key : NULL;
  return card ? pb_record_get_id (PB_RECORD (pb_task_card_get_item (card))) : 0;
}

/**
 * pb_board_view_focus:
 * @self: a board
 *
 * Gives the keyboard to the board: to the first chosen card, else to the
 * first card of the first column that has cards.
 */
void
pb_board_view_focus (PbBoardView *self)
{
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  ids = pb_board_view_get_selected_items (self);
  if (ids->len > 0)
    focus_item (self, g_array_index (ids, gint64, 0));
  else if (self->shown->len > 0)
    {
      GListModel *column = pb_board_view_get_column_items (self, pb_board_view_get_first_filled_column (self));
      g_autoptr(PbItem) first = g_list_model_get_n_items (column) ? g_list_model_get_item (column, 0) : NULL;

      if (first)
        focus_item (self, pb_record_get_id (PB_RECORD (first)));
    }
}

/**
 * pb_board_view_focus_item:
 * @self: a board
 * @item_id: an item
 *
 * Gives the keyboard to @item_id's card, scrolled into view (as the item
 * editor closes, back to the card it was editing).
 *
 * Returns: %TRUE if the board shows the item and its card took the focus
 */
gboolean
pb_board_view_focus_item (PbBoardView *self,
                          gint64       item_id)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), FALSE);

  flush_pending (self);
  return item_id != 0 && focus_item (self, item_id);
}

/**
 * pb_board_view_get_selected_items:
 * @self: a board
 *
 * Returns: (transfer full): the ids of the chosen cards in the plan's
 *   order; else of the focused card; else empty
 */
GArray *
pb_board_view_get_selected_items (PbBoardView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), ids);

  if (g_hash_table_size (self->selected) > 0)
    {
      for (guint i = 0; i < self->held->len; i++)
        {
          gint64 id = pb_record_get_id (g_ptr_array_index (self->held, i));

          if (g_hash_table_contains (self->selected, &id))
            g_array_append_val (ids, id);
        }
    }
  else
    {
      gint64 id = pb_board_view_get_focused_item (self, NULL);

      if (id != 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/**
 * pb_board_view_get_cursor_item:
 * @self: a board
 *
 * The card the keyboard is on, or was on before it went into a menu or
 * onto a menu's button (from where the menu's commands are for that
 * card: a selection of one).
 *
 * Returns: the item's id, or 0 if no card that the board shows
 */
gint64
pb_board_view_get_cursor_item (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);

  if (self->cursor == 0)
    return 0;
  flush_pending (self);
  for (guint c = 0; c < self->columns->len; c++)
    {
      PbBoardColumn *col = g_ptr_array_index (self->columns, c);

      for (guint i = 0; i < col->items->len; i++)
        if (pb_record_get_id (g_ptr_array_index (col->items, i)) == self->cursor)
          return self->cursor;
    }
  return 0;
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pb_board_view_select_all (PB_BOARD_VIEW (widget));
}

static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            PbBoardView              *self)
{
  GtkWidget *card = pb_task_card_new_deferred (self->store);

  self->n_cards_made++;
  g_object_set_data (G_OBJECT (card), "pb-board", self);
  pb_task_card_set_today (PB_TASK_CARD (card), &self->today);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  /* Ctrl/Shift-click chooses several cards, before the list sees it. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (card_pressed_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (list_item, card);
}

/* The cards the columns' lists keep bound (about 30 a column) wait to show
 * their items (pb_task_card_new_deferred) until they are in view: after
 * each layout of the window, those now in view (or within a margin of it)
 * show theirs, which asks for another layout in the same frame. A board
 * of 5,000 items in 10 sections set and shaped the labels of 200 cards at
 * start, about 40 of them on screen. */
#define SHOW_MARGIN 200

static void
show_in_view (GdkFrameClock *clock,
                    PbBoardView   *self)
{
  GHashTableIter iter;
  gpointer key;
  double width, height;

  if (self->bound_cards == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  width = gtk_widget_get_width (self->scroller);
  height = gtk_widget_get_height (self->scroller);
  /* A column scrolled into view gets its header and list: its cards are
   * bound in the next layout, and shown after it. */
  for (guint i = 0; i < self->column_widgets->len; i++)
    {
      PbBoardColumnWidget *cw = g_ptr_array_index (self->column_widgets, i);

      if ((cw->selection == NULL || gtk_no_selection_get_model (cw->selection) == NULL) &&
          column_in_view (self, cw))
        column_widget_fill (cw);
    }
  g_hash_table_iter_init (&iter, self->bound_cards);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PbTaskCard *card = key;
      graphene_rect_t b;

      if (!pb_task_card_get_stale (card) || !gtk_widget_get_mapped (GTK_WIDGET (card)) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (card), self->scroller, &b) || b.size.height <= 0)
        continue;
      if (b.origin.x < width && b.origin.x + b.size.width > 0 &&
          b.origin.y < height + SHOW_MARGIN && b.origin.y + b.size.height > -SHOW_MARGIN)
        {
          /* Its labels made now, after the layout: styled next frame. */
          if (gtk_widget_get_first_child (GTK_WIDGET (card)) == NULL)
            self->n_cards_late++;
          pb_task_card_show_now (card);
          self->n_cards_shown++;
        }
    }
}

/* The cards a plan opens with, shown before its first frame. GTK 4.8
 * styles a widget made during a frame's layout only in the next frame
 * (the window's CSS is validated in the update phase, before layout):
 * cards shown by show_in_view () after the first layout made their
 * labels, stripe and bar then, were restyled a frame later, and that
 * frame laid them out and painted them again (12–28 ms of CPU at start). So
 * when a plan's cards have just been bound (opened, regrouped, filtered:
 * the columns' lists bind their first cards as they are given their
 * models, before any layout), the first cards of each column in view
 * show their items at once: as many as would be in view if every card
 * were as short as CARD_HEIGHT_SHORT, about a card with a one-line title
 * and a lead (most are taller: titles of two or three lines), below a
 * column's header (CARD_TOP_GUESS). A card this misses (shorter cards,
 * a window taller than its default) is shown after the layout as
 * before, restyled a frame later; one shown that ends below the view
 * costs its labels, nothing else. */
#define CARD_HEIGHT_SHORT 112
#define CARD_TOP_GUESS    80

static void
show_first_cards (PbBoardView *self)
{
  double height = gtk_widget_get_height (self->scroller);
  guint n;

  if (self->bound_cards == NULL || g_hash_table_size (self->bound_cards) == 0)
    return;
  /* Not laid out yet (a window opening on the board): the height its
   * window expects to give it, else the window's default height, which
   * the board's is less than. */
  if (height <= 0 && self->height_hint > 0)
    height = self->height_hint;
  else if (height <= 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      int default_width = -1, default_height = -1;

      if (GTK_IS_WINDOW (root))
        gtk_window_get_default_size (GTK_WINDOW (root), &default_width, &default_height);
      height = default_height > 0 ? default_height : 1080;
    }
  n = height > CARD_TOP_GUESS ? (guint) ceil ((height - CARD_TOP_GUESS) / CARD_HEIGHT_SHORT) : 1;
  for (guint i = 0; i < self->column_widgets->len; i++)
    {
      PbBoardColumnWidget *cw = g_ptr_array_index (self->column_widgets, i);
      GtkAdjustment *vadj;
      GPtrArray *slots;

      if (cw->column == NULL || cw->selection == NULL || gtk_no_selection_get_model (cw->selection) == NULL ||
          !column_in_view (self, cw))
        continue;
      /* A column scrolled down (a regroup keeps its place) shows its
       * cards after the layout, which knows where they are. */
      vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (cw->list));
      if (vadj && gtk_adjustment_get_value (vadj) > 0)
        continue;
      slots = cw->column->cards->slots;
      for (guint p = 0; p < MIN (n, slots->len); p++)
        {
          PbBoardSlot *slot = g_ptr_array_index (slots, p);

          if (slot && slot->card && pb_task_card_get_stale (slot->card))
            {
              pb_task_card_show_now (slot->card);
              self->n_cards_shown++;
            }
        }
    }
}

/* Where the keyboard went: onto a card, that card is the one the next
 * edit applies to; into a menu (the main menu, the chosen items' menu)
 * or onto a menu's button, the card it was on stays that one, as the
 * menu's commands are for it; anywhere else (another card-less part of
 * the board, the sidebar, a field), none is. */
static void
root_focus_changed_cb (PbBoardView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  PbTaskCard *card;
  guint column, position;

  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON))
    return;
  card = gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) ? focused_card (self, &column, &position) : NULL;
  self->cursor = card ? pb_record_get_id (PB_RECORD (pb_task_card_get_item (card))) : 0;
}

static void
pb_board_view_realize (GtkWidget *widget)
{
  PbBoardView *self = PB_BOARD_VIEW (widget);

  GTK_WIDGET_CLASS (pb_board_view_parent_class)->realize (widget);
  self->focus_id = g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                                            G_CALLBACK (root_focus_changed_cb), self, G_CONNECT_SWAPPED);
  self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  /* After GTK's own handler, which lays the window out. */
  self->layout_id = g_signal_connect_after (self->clock, "layout", G_CALLBACK (show_in_view), self);
}

static void
pb_board_view_unrealize (GtkWidget *widget)
{
  PbBoardView *self = PB_BOARD_VIEW (widget);

  if (self->clock)
    g_clear_signal_handler (&self->layout_id, self->clock);
  g_clear_object (&self->clock);
  g_clear_signal_handler (&self->focus_id, gtk_widget_get_root (widget));
  GTK_WIDGET_CLASS (pb_board_view_parent_class)->unrealize (widget);
}

/* ---- Public ------------------------------------------------------------- */

void
pb_board_view_set_plan (PbBoardView *self,
                        PbPlan      *plan)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  if (self->plan == plan)
    return;

  if (self->items)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  if (self->sections)
    g_signal_handlers_disconnect_by_func (self->sections, sections_changed_cb, self);
  g_set_object (&self->plan, plan);
  g_clear_object (&self->items);
  g_clear_object (&self->sections);
  /* Another plan: nothing of the last one stays chosen, nor its bar. */
  if (g_hash_table_size (self->selected) > 0)
    {
      g_hash_table_remove_all (self->selected);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
    }
  self->anchor = 0;
  self->cursor = 0;
  g_ptr_array_set_size (self->held, 0);
  g_ptr_array_set_size (self->held_sections, 0);

  if (plan)
    {
      gint64 plan_id = pb_record_get_id (PB_RECORD (plan));
      g_autoptr(GPtrArray) loaded = pb_store_dup_plan_items (self->store, plan_id);
      g_autoptr(GPtrArray) loaded_sections = NULL;

      self->items = pb_store_list_items (self->store, plan_id);
      items_changed_cb (self->items, 0, 0, g_list_model_get_n_items (self->items), self);
      g_signal_connect (self->items, "items-changed", G_CALLBACK (items_changed_cb), self);
      pb_trace_start ("board: items listed and held");
      /* The sections too, read in one query rather than one per section
       * as the list hands them out (2,000 queries at 20,000:2,000). */
      loaded_sections = pb_store_dup_records (self->store, PB_TYPE_SECTION, "plan_id", plan_id);
      self->sections = pb_store_list_sections (self->store, plan_id);
      sections_changed_cb (self->sections, 0, 0, g_list_model_get_n_items (self->sections), self);
      g_signal_connect (self->sections, "items-changed", G_CALLBACK (sections_changed_cb), self);
      pb_trace_start ("board: sections listed and held");
    }
  /* Grouped when the board is mapped, before its children are (see
   * pb_board_view_map), or when asked about: a window that opens on
   * another page (the Timeline as the last view) does not group the plan
   * at start-up. */
  self->pending = 0;
  if (!defer (self, (plan ? PENDING_ORGS : 0) | PENDING_COLUMNS | PENDING_FORCE | PENDING_REGROUP | PENDING_REVEAL))
    {
      if (plan)
        reload_orgs (self);
      rebuild_columns (self, TRUE);
      regroup (self);
      reveal_first_cards (self);
    }
}

PbBoardGrouping
pb_board_view_get_grouping (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), PB_BOARD_GROUPING_SECTION);
  return self->grouping;
}

void
pb_board_view_set_grouping (PbBoardView     *self,
                            PbBoardGrouping  grouping)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  if (self->grouping == grouping)
    return;

  self->grouping = grouping;
  if (!defer (self, PENDING_COLUMNS | PENDING_FORCE | PENDING_REGROUP))
    {
      flush_pending (self);
      rebuild_columns (self, TRUE);
      regroup (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING]);
}

/* Another filter or search: the columns it leaves, from the first (the
 * board scrolled far right stays there no more); cleared, the plan's
 * first cards, as when it opened. */
static void
filter_changed (PbBoardView *self)
{
  self->pending |= PENDING_REGROUP | PENDING_START | PENDING_REVEAL;
  if (!defer (self, 0))
    flush_pending (self);
}

void
pb_board_view_set_search (PbBoardView *self,
                          const char  *text)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  g_clear_pointer (&self->search, g_free);
  if (text && text[0])
    self->search = g_utf8_casefold (text, -1);
  filter_changed (self);
}

/**
 * pb_board_view_set_filter:
 * @self: a board
 * @organisation_id: only items this organisation is on, or 0 for all
 * @status: a #PbItemStatus, or -1 for all
 * @health: a #PbHealth, or -1 for all
 * @kind: a #PbItemKind, or -1 for all
 */
void
pb_board_view_set_filter (PbBoardView *self,
                          gint64       organisation_id,
                          int          status,
                          int          health,
                          int          kind)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  self->filter_org = organisation_id;
  self->filter_status = status;
  self->filter_health = health;
  self->filter_kind = kind;
  filter_changed (self);
}

/**
 * pb_board_view_is_filtering:
 * @self: a board
 *
 * Returns: whether a search or a filter hides cards that do not match
 */
gboolean
pb_board_view_is_filtering (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), FALSE);

  return filtering (self);
}

/**
 * pb_board_view_get_n_columns:
 * @self: a board
 *
 * Returns: how many columns the board shows: all, or while a filter or a
 *   search is on, those holding a matching card
 */
guint
pb_board_view_get_n_columns (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);
  flush_pending (self);
  return self->shown->len;
}

const char *
pb_board_view_get_column_key (PbBoardView *self,
                              guint        column)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), NULL);
  flush_pending (self);
  g_return_val_if_fail (column < self->shown->len, NULL);
  return ((PbBoardColumn *) g_ptr_array_index (self->shown, column))->key;
}

/**
 * pb_board_view_get_column_title:
 * @self: a board
 * @column: a column shown, from 0
 *
 * Returns: (transfer none): its title, as its header says it (a nested
 *   section's parent on a second line)
 */
const char *
pb_board_view_get_column_title (PbBoardView *self,
                                guint        column)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), NULL);
  flush_pending (self);
  g_return_val_if_fail (column < self->shown->len, NULL);
  return ((PbBoardColumn *) g_ptr_array_index (self->shown, column))->title;
}

/**
 * pb_board_view_show_column:
 * @self: a board
 * @key: a column's key ("section:12")
 *
 * Scrolls the board to the column, as after adding a section: a new
 * column is seen, not left beyond the edge.
 *
 * Returns: whether the board has that column
 */
/* Once the column is laid out: the board scrolled so that all of it is
 * in view (scroll-to-item leaves a column half beyond the edge as it is).
 * Tried on each frame until the column has its place, for a second at most. */
typedef struct
{
  char *key;
  guint frames;
} ShowColumn;

static void
show_column_free (gpointer data)
{
  ShowColumn *show = data;

  g_free (show->key);
  g_free (show);
}

static gboolean
show_column_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  PbBoardView *self = PB_BOARD_VIEW (widget);
  ShowColumn *show = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double width = gtk_widget_get_width (self->scroller);

  for (guint i = 0; i < self->columns->len; i++)
    {
      PbBoardColumn *c = g_ptr_array_index (self->columns, i);
      graphene_rect_t bounds;

      if (g_strcmp0 (c->key, show->key) != 0)
        continue;
      if (c->widget == NULL || gtk_widget_get_width (GTK_WIDGET (c->widget)) <= 0 ||
          !gtk_widget_compute_bounds (GTK_WIDGET (c->widget), self->scroller, &bounds))
        break;
      if (bounds.origin.x + bounds.size.width > width + 0.5)
        gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + bounds.origin.x + bounds.size.width - width);
      else if (bounds.origin.x < -0.5)
        gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + bounds.origin.x);
      else
        return G_SOURCE_REMOVE;
      break;
    }
  return ++show->frames < 60 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

gboolean
pb_board_view_show_column (PbBoardView *self,
                           const char  *key)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  flush_pending (self);
  for (guint i = 0; i < self->shown->len; i++)
    if (g_strcmp0 (((PbBoardColumn *) g_ptr_array_index (self->shown, i))->key, key) == 0)
      {
        gtk_widget_activate_action (self->columns_view, "list.scroll-to-item", "u", i);
        {
          ShowColumn *show = g_new0 (ShowColumn, 1);

          show->key = g_strdup (key);
          gtk_widget_add_tick_callback (GTK_WIDGET (self), show_column_tick, show, show_column_free);
        }
        return TRUE;
      }
  return FALSE;
}

/**
 * pb_board_view_get_column_items:
 * @self: a board
 * @column: a column index
 *
 * Returns: (transfer none): the items the column shows
 */
GListModel *
pb_board_view_get_column_items (PbBoardView *self,
                                guint        column)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), NULL);
  flush_pending (self);
  g_return_val_if_fail (column < self->shown->len, NULL);
  return G_LIST_MODEL (g_ptr_array_index (self->shown, column));
}

/**
 * pb_board_view_get_work:
 * @self: a board
 * @n_classified: (out) (optional): items put into columns so far
 * @n_bound: (out) (optional): cards bound to items so far
 *
 * Counts of the board's work since it was made, for tests and benchmarks
 * that hold the grouping linear in the plan's size.
 */
void
pb_board_view_get_work (PbBoardView *self,
                        guint       *n_classified,
                        guint       *n_bound)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));
  flush_pending (self);
  if (n_classified)
    *n_classified = self->n_classified;
  if (n_bound)
    *n_bound = self->n_bound;
}

/**
 * pb_board_view_get_shown_work:
 * @self: a board
 * @n_cards_shown: (out) (optional): times a card bound out of view set
 *   and shaped its item's labels as it came into view, so far
 * @n_columns_built: (out) (optional): column widgets given their header
 *   and cards' list (as they came into view) so far
 *
 * Counts for the tests that hold the board to showing what is in view
 * only. Like pb_board_view_get_widget_work(), does not first do what a
 * hidden board has left to do.
 */
void
pb_board_view_get_shown_work (PbBoardView *self,
                              guint       *n_cards_shown,
                              guint       *n_columns_built)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));
  if (n_cards_shown)
    *n_cards_shown = self->n_cards_shown;
  if (n_columns_built)
    *n_columns_built = self->n_columns_built;
}

/**
 * pb_board_view_set_size_hint:
 * @self: a board
 * @width: the width its window expects to give it, or -1
 * @height: the height, or -1
 *
 * What a window about to show the board expects its size to be (the
 * window's default size less its sidebar and header bar): until the
 * board is laid out, it makes the columns and shows the cards of that
 * much, not of the whole window's default size.
 */
void
pb_board_view_set_size_hint (PbBoardView *self,
                             int          width,
                             int          height)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));
  self->width_hint = width;
  self->height_hint = height;
}

/**
 * pb_board_view_get_late_cards:
 * @self: a board
 *
 * For the tests that hold a plan's first frame to being final: cards
 * that made their labels only after a frame's layout, so far. GTK styles
 * widgets made then in the next frame, which lays them out and paints
 * them again; the cards in view when a plan opens are made before.
 *
 * Returns: how many cards made their labels after a layout
 */
guint
pb_board_view_get_late_cards (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);
  return self->n_cards_late;
}

/**
 * pb_board_view_get_widget_work:
 * @self: a board
 * @n_cards_made: (out) (optional): card widgets made so far
 * @n_columns_made: (out) (optional): column widgets made so far
 * @n_card_changes: (out) (optional): items-changed the columns' cards
 *   views were told so far
 *
 * Counts for the tests that hold a regroup to reusing the widgets it has
 * (a regroup that keeps the number of columns makes no widget and tells
 * each cards view at most one change), and a hidden board to doing
 * nothing: unlike the other getters, this one does not first do what a
 * hidden board has left to do.
 */
void
pb_board_view_get_widget_work (PbBoardView *self,
                               guint       *n_cards_made,
                               guint       *n_columns_made,
                               guint       *n_card_changes)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));
  if (n_cards_made)
    *n_cards_made = self->n_cards_made;
  if (n_columns_made)
    *n_columns_made = self->n_columns_made;
  if (n_card_changes)
    *n_card_changes = self->n_card_changes;
}

static void
pb_board_view_dispose (GObject *object)
{
  PbBoardView *self = PB_BOARD_VIEW (object);

  if (self->items)
    g_signal_handlers_disconnect_by_func (self->items, items_changed_cb, self);
  if (self->sections)
    g_signal_handlers_disconnect_by_func (self->sections, sections_changed_cb, self);
  if (self->scroller)
    g_signal_handlers_disconnect_by_data (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller)), self);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->no_match, gtk_widget_unparent);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  if (self->reveal_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  g_clear_object (&self->column_model);
  g_clear_pointer (&self->column_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->by_value, g_hash_table_unref);
  g_clear_pointer (&self->by_item, g_hash_table_unref);
  g_clear_pointer (&self->by_item_ids, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->held_sections, g_ptr_array_unref);
  g_clear_object (&self->sections);
  g_clear_pointer (&self->orgs, g_hash_table_unref);
  g_clear_pointer (&self->org_names, g_hash_table_unref);
  g_clear_pointer (&self->indicator_counts, g_hash_table_unref);
  g_clear_pointer (&self->bound_cards, g_hash_table_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (pb_board_view_parent_class)->dispose (object);
}

static void
pb_board_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbBoardView *self = PB_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_GROUPING:
      g_value_set_int (value, self->grouping);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, g_hash_table_size (self->selected));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_board_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PbBoardView *self = PB_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_GROUPING:
      pb_board_view_set_grouping (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_board_view_class_init (PbBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_board_view_dispose;
  object_class->get_property = pb_board_view_get_property;
  object_class->set_property = pb_board_view_set_property;
  widget_class->map = pb_board_view_map;
  widget_class->realize = pb_board_view_realize;
  widget_class->unrealize = pb_board_view_unrealize;

  properties[PROP_GROUPING] =
    g_param_spec_int ("grouping", NULL, NULL, 0, PB_BOARD_GROUPING_LEAD, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbBoardView::item-activated:
   * @item: the card's item
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_ITEM);

  /**
   * PbBoardView::item-selected:
   * @item: the card's item
   *
   * A card was picked with a plain click (not Ctrl or Shift).
   */
  signals[ITEM_SELECTED] =
    g_signal_new ("item-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_ITEM);

  gtk_widget_class_install_action (widget_class, "board.move-card", "(xsx)", move_card_action);
  gtk_widget_class_install_action (widget_class, "board.move-focused-card", "(ii)", move_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "board.move-focused-card", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "board.move-focused-card", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "board.move-focused-card", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "board.move-focused-card", "(ii)", 0, 1);
  gtk_widget_class_install_action (widget_class, "board.focus-column", "i", focus_column_action);
  gtk_widget_class_install_action (widget_class, "board.select-all", NULL, select_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "board.select-all", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pb_board_view_init (PbBoardView *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_value = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_item = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_item_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->held_sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->orgs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  pb_ui_follow_number_style (GTK_WIDGET (self), G_CALLBACK (number_style_changed_cb));
  self->org_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->bound_cards = g_hash_table_new (NULL, NULL);
  self->filter_status = self->filter_health = self->filter_kind = -1;
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* The columns side by side, recycled as the board scrolls sideways. */
  self->column_model = g_list_store_new (PB_TYPE_BOARD_COLUMN);
  self->column_widgets = g_ptr_array_new ();
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (column_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (column_unbind), self);
  self->columns_view = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->column_model)))),
                                          factory);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns_view), GTK_ORIENTATION_HORIZONTAL);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (self->columns_view), 1);
  gtk_widget_add_css_class (self->columns_view, "board-columns");
  gtk_widget_action_set_enabled (self->columns_view, "list.select-all", FALSE);
  gtk_widget_action_set_enabled (self->columns_view, "list.unselect-all", FALSE);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  /* Its scrollbar rises above the window's bulk bar while that shows. */
  gtk_widget_add_css_class (self->scroller, "pb-above-bulk-bar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->columns_view);
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));

    g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (queue_fill_columns), self);
    g_signal_connect_swapped (adj, "changed", G_CALLBACK (queue_fill_columns), self);
  }
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  /* ←/→ reach the board before a column's list, which keeps them. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                                                            gtk_callback_action_new (column_key_cb, GINT_TO_POINTER (-1), NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                                                            gtk_callback_action_new (column_key_cb, GINT_TO_POINTER (1), NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  /* In place of the columns when a filter or a search leaves no card:
   * one message, and the way back to the whole plan (the window's). */
  {
    GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear Filter"));

    gtk_widget_set_halign (clear, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (clear, "pill");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "win.clear-filter");
    self->no_match = adw_status_page_new ();
    adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->no_match), "edit-find-symbolic");
    adw_status_page_set_title (ADW_STATUS_PAGE (self->no_match), _("No items match the filter"));
    adw_status_page_set_child (ADW_STATUS_PAGE (self->no_match), clear);
    gtk_widget_set_visible (self->no_match, FALSE);
    gtk_widget_set_parent (self->no_match, GTK_WIDGET (self));
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Board"), -1);
}

GtkWidget *
pb_board_view_new (PbStore *store)
{
  PbBoardView *self = g_object_new (PB_TYPE_BOARD_VIEW, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
