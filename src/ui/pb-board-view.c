/* pb-board-view.c — the plan as a board of task cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns group the plan's items by section, by status or by lead
 * organisation. Each column is a one-column GtkGridView over one filter of
 * the plan's live item list, so rows are recycled and a plan of thousands
 * of items scrolls smoothly. (Not a GtkListView: GTK 4.8's keeps 200 rows
 * of every list bound and laid out; a grid view keeps about 33.) Moving a card — by drag and drop or by Alt+arrows —
 * is one "Move card" command: the item's section, status or lead changes
 * and it takes its place in the plan's order.
 */
#define G_LOG_DOMAIN "pb-board-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-board-view.h"
#include "pb-health.h"
#include "pb-task-card.h"

typedef struct
{
  PbBoardView        *board;
  char               *key;
  char               *title;
  GtkFilterListModel *model;
  GtkWidget          *box;
  GtkWidget          *count;
  GtkWidget          *list;     /* a one-column GtkGridView */
} Column;

typedef struct
{
  GString *names;    /* every organisation, for search */
  GString *leads;    /* the leads, joined by 、 */
  GArray  *orgs;     /* gint64 */
  gint64   lead;     /* the first lead, or 0 */
  guint    n_responsible;
} ItemOrgs;

struct _PbBoardView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *columns_box;

  PbStore         *store;
  PbPlan          *plan;
  GListModel      *items;
  GPtrArray       *held;        /* the plan's items, kept alive for the filters */
  GPtrArray       *columns;     /* Column */
  GHashTable      *orgs;        /* item id → ItemOrgs */
  GHashTable      *indicator_counts; /* item id → gint64 */
  GDate            today;
  PbBoardGrouping  grouping;

  char            *search;      /* casefolded, or NULL */
  gint64           filter_org;
  int              filter_status;
  int              filter_health;
  int              filter_kind;
};

enum {
  PROP_0,
  PROP_GROUPING,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PbBoardView, pb_board_view, GTK_TYPE_WIDGET)

static void
item_orgs_free (gpointer data)
{
  ItemOrgs *o = data;

  g_string_free (o->names, TRUE);
  g_string_free (o->leads, TRUE);
  g_array_unref (o->orgs);
  g_free (o);
}

/* A column that goes stops listening at once: its list view may outlive
 * it a little (a drag, a pending frame), but its filter must not run. */
static void
column_free (gpointer data)
{
  Column *c = data;

  if (c->model)
    {
      g_signal_handlers_disconnect_by_data (c->model, c);
      gtk_filter_list_model_set_filter (c->model, NULL);
      gtk_filter_list_model_set_model (c->model, NULL);
    }
  g_clear_object (&c->model);
  g_free (c->key);
  g_free (c->title);
  g_free (c);
}

/* ---- What each item belongs to ----------------------------------------- */

static void
collect_org (gint64      item_id,
             gint64      organisation_id,
             const char *name,
             PbRole      role,
             gpointer    user_data)
{
  GHashTable *orgs = user_data;
  ItemOrgs *o = g_hash_table_lookup (orgs, &item_id);

  if (o == NULL)
    {
      o = g_new0 (ItemOrgs, 1);
      o->names = g_string_new (NULL);
      o->leads = g_string_new (NULL);
      o->orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (orgs, g_memdup2 (&item_id, sizeof item_id), o);
    }
  g_string_append_printf (o->names, "%s\n", name);
  g_array_append_val (o->orgs, organisation_id);
  if (role == PB_ROLE_LEAD)
    {
      if (o->lead == 0)
        o->lead = organisation_id;
      g_string_append_printf (o->leads, "%s%s", o->leads->len ? "、" : "", name);
    }
  else
    o->n_responsible++;
}

static void
reload_orgs (PbBoardView *self)
{
  g_hash_table_remove_all (self->orgs);
  g_clear_pointer (&self->indicator_counts, g_hash_table_unref);
  if (self->plan)
    {
      pb_store_foreach_item_org (self->store, pb_record_get_id (PB_RECORD (self->plan)), collect_org, self->orgs);
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

static char *
key_for (PbBoardView *self,
         PbItem      *item)
{
  g_autoptr(GEnumClass) klass = NULL;

  switch (self->grouping)
    {
    case PB_BOARD_GROUPING_STATUS:
      klass = g_type_class_ref (PB_TYPE_ITEM_STATUS);
      return g_strconcat ("status:", g_enum_get_value (klass, pb_item_get_status (item))->value_nick, NULL);
    case PB_BOARD_GROUPING_LEAD:
      return g_strdup_printf ("lead:%" G_GINT64_FORMAT, lead_of (self, pb_record_get_id (PB_RECORD (item))));
    case PB_BOARD_GROUPING_SECTION:
    default:
      return g_strdup_printf ("section:%" G_GINT64_FORMAT, pb_item_get_section_id (item));
    }
}

/* The columns' filters look at every item; holding the records keeps them
 * in the store's identity map, so a filter run reads no rows. */
static void
hold_items (PbBoardView *self)
{
  guint n = self->items ? g_list_model_get_n_items (self->items) : 0;

  g_ptr_array_set_size (self->held, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->held, g_list_model_get_item (self->items, i));
}

static gboolean
passes_filters (PbBoardView *self,
                PbItem      *item)
{
  gint64 id = pb_record_get_id (PB_RECORD (item));
  ItemOrgs *o = g_hash_table_lookup (self->orgs, &id);

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

      for (guint i = 0; o && i < o->orgs->len && !found; i++)
        found = g_array_index (o->orgs, gint64, i) == self->filter_org;
      if (!found)
        return FALSE;
    }
  if (self->search != NULL)
    {
      g_autofree char *title = g_utf8_casefold (pb_item_get_title (item), -1);
      g_autofree char *body = g_utf8_casefold (pb_record_get_string (PB_RECORD (item), "body"), -1);

      if (!strstr (title, self->search) && !strstr (body, self->search) &&
          !(o && strstr (o->names->str, self->search)) &&
          !strstr (pb_item_get_number (item), self->search))
        return FALSE;
    }
  return TRUE;
}

static gboolean
column_match (gpointer item,
              gpointer user_data)
{
  Column *c = user_data;
  g_autofree char *key = key_for (c->board, item);

  return g_str_equal (key, c->key) && passes_filters (c->board, item);
}

static void
refilter (PbBoardView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      gtk_filter_changed (gtk_filter_list_model_get_filter (c->model), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

/* ---- Columns ------------------------------------------------------------ */

static Column *
find_column (PbBoardView *self,
             const char  *key,
             guint       *index)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);

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
update_count (Column *c)
{
  g_autofree char *text = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (c->model)));

  gtk_label_set_text (GTK_LABEL (c->count), text);
}

static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            PbBoardView              *self);

/* Binding asks the store nothing: the board knows every item's
 * organisations and indicator count (GTK 4.8 keeps up to 200 rows of each
 * list bound, so this is the hot path of opening a big plan). */
static void
card_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           PbBoardView              *self)
{
  PbTaskCard *card = PB_TASK_CARD (gtk_list_item_get_child (list_item));
  PbItem *item = gtk_list_item_get_item (list_item);
  gint64 id = pb_record_get_id (PB_RECORD (item));
  ItemOrgs *o = g_hash_table_lookup (self->orgs, &id);
  gint64 *n = self->indicator_counts ? g_hash_table_lookup (self->indicator_counts, &id) : NULL;

  pb_task_card_set_details (card, o ? o->leads->str : "", n ? *n : 0, o ? o->n_responsible : 0);
  pb_task_card_set_item (card, item);
}

static void
card_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PbBoardView              *self)
{
  pb_task_card_set_item (PB_TASK_CARD (gtk_list_item_get_child (list_item)), NULL);
}

static void
list_activate_cb (GtkWidget *list,
                  guint      position,
                  Column    *c)
{
  g_autoptr(PbItem) item = g_list_model_get_item (G_LIST_MODEL (c->model), position);

  if (item)
    g_signal_emit (c->board, signals[ITEM_ACTIVATED], 0, item);
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

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         Column        *c)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  PbTaskCard *under = card_at (list, x, y);
  gint64 item_id = g_value_get_int64 (value);
  gint64 before = 0;

  if (under != NULL && pb_task_card_get_item (under) != NULL)
    before = pb_record_get_id (PB_RECORD (pb_task_card_get_item (under)));
  if (before == item_id)
    return TRUE;

  if (!pb_board_view_move_card (c->board, item_id, c->key, before, &error))
    {
      g_warning ("Cannot move the card: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static Column *
add_column (PbBoardView *self,
            const char  *key,
            const char  *title)
{
  Column *c = g_new0 (Column, 1);
  GtkCustomFilter *filter;
  GtkListItemFactory *factory;
  GtkDropTarget *drop;
  GtkWidget *header, *label, *scroller;

  c->board = self;
  c->key = g_strdup (key);
  c->title = g_strdup (title);
  filter = gtk_custom_filter_new (column_match, c, NULL);
  c->model = gtk_filter_list_model_new (g_object_ref (self->items), GTK_FILTER (filter));

  c->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (c->box, "board-column");
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (header, "column-header");
  {
    /* "title\nparent": the parent as a dim second line. */
    g_auto(GStrv) lines = g_strsplit (title, "\n", 2);
    GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    label = gtk_label_new (lines[0]);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
    gtk_widget_set_tooltip_text (label, lines[0]);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (texts), label);
    if (lines[0] && lines[1])
      {
        GtkWidget *parent = gtk_label_new (lines[1]);
        gtk_label_set_xalign (GTK_LABEL (parent), 0);
        gtk_label_set_ellipsize (GTK_LABEL (parent), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (parent), 18);
        gtk_widget_add_css_class (parent, "caption");
        gtk_widget_add_css_class (parent, "dim-label");
        gtk_box_append (GTK_BOX (texts), parent);
      }
    gtk_widget_set_hexpand (texts, TRUE);
    label = texts;
  }
  c->count = gtk_label_new (NULL);
  gtk_widget_add_css_class (c->count, "dim-label");
  gtk_widget_add_css_class (c->count, "numeric");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), c->count);
  gtk_box_append (GTK_BOX (c->box), header);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (card_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (card_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (card_unbind), self);
  c->list = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (c->model)))),
                               factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (c->list), 1);
  gtk_widget_add_css_class (c->list, "board-list");
  gtk_widget_set_vexpand (GTK_WIDGET (c->list), TRUE);
  {
    g_autofree char *name = g_strdelimit (g_strdup (title), "\n", ' ');
    gtk_accessible_update_property (GTK_ACCESSIBLE (c->list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  g_signal_connect (c->list, "activate", G_CALLBACK (list_activate_cb), c);

  drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), c);
  gtk_widget_add_controller (GTK_WIDGET (c->list), GTK_EVENT_CONTROLLER (drop));

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (c->list));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (c->box), scroller);

  gtk_box_append (GTK_BOX (self->columns_box), c->box);
  g_signal_connect_swapped (c->model, "items-changed", G_CALLBACK (update_count), c);
  update_count (c);

  g_ptr_array_add (self->columns, c);
  return c;
}

/* The column keys and titles the plan needs now, in order. */
static GPtrArray *
wanted_columns (PbBoardView *self)
{
  GPtrArray *wanted = g_ptr_array_new_with_free_func (g_free);  /* key, title, key, title … */
  guint n = self->items ? g_list_model_get_n_items (self->items) : 0;

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
          g_ptr_array_add (wanted, g_strconcat ("status:", g_enum_get_value (klass, order[i])->value_nick, NULL));
          g_ptr_array_add (wanted, g_strdup (_(titles[i])));
        }
    }
  else if (self->grouping == PB_BOARD_GROUPING_LEAD)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean unled = FALSE;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbItem) item = g_list_model_get_item (self->items, i);
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
          g_autoptr(PbOrganisation) org = pb_store_get_record (self->store, PB_TYPE_ORGANISATION, id);

          g_ptr_array_add (wanted, g_strdup_printf ("lead:%" G_GINT64_FORMAT, id));
          g_ptr_array_add (wanted, g_strdup (org ? pb_organisation_get_name (org) : "?"));
        }
      if (unled)
        {
          g_ptr_array_add (wanted, g_strdup ("lead:0"));
          g_ptr_array_add (wanted, g_strdup (_("No lead organisation")));
        }
    }
  else
    {
      g_autoptr(GListModel) sections = pb_store_list_sections (self->store, pb_record_get_id (PB_RECORD (self->plan)));
      g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      gboolean loose = FALSE;
      guint n_sections = g_list_model_get_n_items (sections);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbItem) item = g_list_model_get_item (self->items, i);
          gint64 s = pb_item_get_section_id (item);

          if (s == 0)
            loose = TRUE;
          else
            g_hash_table_add (used, g_memdup2 (&s, sizeof s));
        }
      /* The sections that hold items; a nested one says its parent, so
       * that two "(一)" columns are told apart. */
      for (guint i = 0; i < n_sections; i++)
        {
          g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
          gint64 id = pb_record_get_id (PB_RECORD (s));
          g_autoptr(PbSection) parent = NULL;
          g_autofree char *title = NULL;

          if (!g_hash_table_contains (used, &id))
            continue;

          parent = pb_store_get_record (self->store, PB_TYPE_SECTION, pb_section_get_parent_id (s));
          title = g_strstrip (g_strdup_printf ("%s %s", pb_section_get_number (s), pb_section_get_title (s)));
          g_ptr_array_add (wanted, g_strdup_printf ("section:%" G_GINT64_FORMAT, id));
          if (parent)
            g_ptr_array_add (wanted, g_strdup_printf ("%s\n%s %s", title, pb_section_get_number (parent),
                                                      pb_section_get_title (parent)));
          else
            g_ptr_array_add (wanted, g_steal_pointer (&title));
        }
      if (loose || n_sections == 0)
        {
          g_ptr_array_add (wanted, g_strdup ("section:0"));
          g_ptr_array_add (wanted, g_strdup (_("No section")));
        }
    }

  return wanted;
}

static void
rebuild_columns (PbBoardView *self,
                 gboolean     force)
{
  g_autoptr(GPtrArray) wanted = wanted_columns (self);
  gboolean same = !force && wanted->len / 2 == self->columns->len;

  for (guint i = 0; same && i < self->columns->len; i++)
    {
      Column *c = g_ptr_array_index (self->columns, i);
      same = g_str_equal (c->key, g_ptr_array_index (wanted, 2 * i)) &&
             g_str_equal (c->title, g_ptr_array_index (wanted, 2 * i + 1));
    }
  if (same)
    return;

  for (guint i = 0; i < self->columns->len; i++)
    gtk_box_remove (GTK_BOX (self->columns_box), ((Column *) g_ptr_array_index (self->columns, i))->box);
  g_ptr_array_set_size (self->columns, 0);

  for (guint i = 0; i + 1 < wanted->len; i += 2)
    add_column (self, g_ptr_array_index (wanted, i), g_ptr_array_index (wanted, i + 1));
}

static void
store_changed_cb (PbBoardView *self,
                  const char  *table)
{
  if (self->plan == NULL)
    return;

  if (g_str_equal (table, "item_org") || g_str_equal (table, "organisation") || g_str_equal (table, "indicator"))
    reload_orgs (self);

  if (g_str_equal (table, "item") || g_str_equal (table, "item_org") ||
      g_str_equal (table, "organisation") || g_str_equal (table, "section"))
    {
      rebuild_columns (self, FALSE);
      refilter (self);
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
  Column *column;
  const char *value;
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (column_key != NULL, FALSE);

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
      guint n = g_list_model_get_n_items (G_LIST_MODEL (column->model));

      for (guint i = n; i > 0; i--)
        {
          g_autoptr(PbItem) last = g_list_model_get_item (G_LIST_MODEL (column->model), i - 1);
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

  pb_store_begin_group (self->store, _("Move card"));

  switch (self->grouping)
    {
    case PB_BOARD_GROUPING_SECTION:
      {
        gint64 section = g_ascii_strtoll (value, NULL, 10);
        if (section != pb_item_get_section_id (item))
          ok = pb_store_set (self->store, item, error, "section_id", section, NULL);
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

  if (ok)
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
    g_warning ("Cannot move the card: %s", error->message);
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

  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *col = g_ptr_array_index (self->columns, c);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (col->model));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbItem) item = g_list_model_get_item (G_LIST_MODEL (col->model), i);

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

static void
focus_item (PbBoardView *self,
            gint64       item_id)
{
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *col = g_ptr_array_index (self->columns, c);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (col->model));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbItem) item = g_list_model_get_item (G_LIST_MODEL (col->model), i);

          if (pb_record_get_id (PB_RECORD (item)) == item_id)
            {
              gtk_widget_activate_action (GTK_WIDGET (col->list), "list.scroll-to-item", "u", i);
              gtk_widget_grab_focus (GTK_WIDGET (col->list));
              return;
            }
        }
    }
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
  Column *target;

  g_variant_get (args, "(ii)", &dx, &dy);
  card = focused_card (self, &column, &position);
  if (card == NULL)
    return;
  item_id = pb_record_get_id (PB_RECORD (pb_task_card_get_item (card)));

  if (dx != 0)
    {
      if ((int) column + dx < 0 || column + dx >= self->columns->len)
        return;
      target = g_ptr_array_index (self->columns, column + dx);
    }
  else
    {
      Column *col = g_ptr_array_index (self->columns, column);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (col->model));
      int to = (int) position + (dy < 0 ? -1 : 2);

      if (dy < 0 && position == 0)
        return;
      if (dy > 0 && position + 1 >= n)
        return;
      target = col;
      if (to < (int) n)
        {
          g_autoptr(PbItem) other = g_list_model_get_item (G_LIST_MODEL (col->model), to);
          before = pb_record_get_id (PB_RECORD (other));
        }
    }

  if (!pb_board_view_move_card (self, item_id, target->key, before, &error))
    g_warning ("Cannot move the card: %s", error->message);
  focus_item (self, item_id);
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

static void
card_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            PbBoardView              *self)
{
  GtkWidget *card = pb_task_card_new (self->store);

  pb_task_card_set_today (PB_TASK_CARD (card), &self->today);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), card);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (list_item, card);
}

/* ---- Public ------------------------------------------------------------- */

void
pb_board_view_set_plan (PbBoardView *self,
                        PbPlan      *plan)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  if (self->plan == plan)
    return;

  for (guint i = 0; i < self->columns->len; i++)
    gtk_box_remove (GTK_BOX (self->columns_box), ((Column *) g_ptr_array_index (self->columns, i))->box);
  g_ptr_array_set_size (self->columns, 0);
  g_set_object (&self->plan, plan);
  g_clear_object (&self->items);

  g_ptr_array_set_size (self->held, 0);
  if (plan)
    {
      self->items = pb_store_list_items (self->store, pb_record_get_id (PB_RECORD (plan)));
      hold_items (self);
      g_signal_connect_object (self->items, "items-changed", G_CALLBACK (hold_items), self, G_CONNECT_SWAPPED);
      reload_orgs (self);
      rebuild_columns (self, TRUE);
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
  rebuild_columns (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING]);
}

void
pb_board_view_set_search (PbBoardView *self,
                          const char  *text)
{
  g_return_if_fail (PB_IS_BOARD_VIEW (self));

  g_clear_pointer (&self->search, g_free);
  if (text && text[0])
    self->search = g_utf8_casefold (text, -1);
  refilter (self);
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
  refilter (self);
}

guint
pb_board_view_get_n_columns (PbBoardView *self)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), 0);
  return self->columns->len;
}

const char *
pb_board_view_get_column_key (PbBoardView *self,
                              guint        column)
{
  g_return_val_if_fail (PB_IS_BOARD_VIEW (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return ((Column *) g_ptr_array_index (self->columns, column))->key;
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
  g_return_val_if_fail (column < self->columns->len, NULL);
  return G_LIST_MODEL (((Column *) g_ptr_array_index (self->columns, column))->model);
}

static void
pb_board_view_dispose (GObject *object)
{
  PbBoardView *self = PB_BOARD_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->orgs, g_hash_table_unref);
  g_clear_pointer (&self->indicator_counts, g_hash_table_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_pointer (&self->search, g_free);

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

  properties[PROP_GROUPING] =
    g_param_spec_int ("grouping", NULL, NULL, 0, PB_BOARD_GROUPING_LEAD, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbBoardView::item-activated:
   * @item: the card's item
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PB_TYPE_ITEM);

  gtk_widget_class_install_action (widget_class, "board.move-card", "(xsx)", move_card_action);
  gtk_widget_class_install_action (widget_class, "board.move-focused-card", "(ii)", move_focused_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "board.move-focused-card", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "board.move-focused-card", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "board.move-focused-card", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "board.move-focused-card", "(ii)", 0, 1);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "board");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pb_board_view_init (PbBoardView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->orgs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, item_orgs_free);
  self->filter_status = self->filter_health = self->filter_kind = -1;

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  self->columns_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (self->columns_box, 12);
  gtk_widget_set_margin_end (self->columns_box, 12);
  gtk_widget_set_margin_top (self->columns_box, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->columns_box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
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
