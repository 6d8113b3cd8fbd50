/* pb-window.c — the main window: the library of plans and the open plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window reads the store's live lists and changes nothing itself:
 * every action calls one store function, which the history can undo.
 */
#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-board-view.h"
#include "pb-form-reader.h"
#include "pb-forms-ui.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-import-window.h"
#include "pb-item-editor.h"
#include "pb-window.h"
#include "pb-timeline-view.h"
#include "pb-indicators-view.h"
#include "pb-organisations-view.h"
#include "pb-ledger.h"
#include "pb-report-dialog.h"
#include "pb-ui-util.h"
#include "pb-window-edit.h"
#include "pb-trace.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *plans_title;
  AdwLeaflet           *leaflet;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkListView          *plan_list;
  GtkStack             *stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwStatusPage        *error_page;
  AdwBin               *board_bin;
  AdwBin               *indicators_bin;
  GtkWindow            *report_dialog;
  AdwBin               *organisations_bin;
  GtkWidget            *indicators;
  GtkWidget            *organisations_view;
  GtkWidget            *form_status_view;
  GtkWindow            *forms_dialog;
  GtkScrolledWindow    *timeline_scroller;
  GtkStack             *timeline_stack;
  GListModel           *timeline_items; /* the plan's, to show the empty page */
  guint                 timeline_empty_id;
  AdwViewStack         *view_stack;
  GtkWidget            *timeline;
  AdwBin               *editor_bin;
  AdwFlap              *editor_flap;    /* the flap the editor is in: board_flap or timeline_flap */
  AdwFlap              *board_flap;
  AdwFlap              *timeline_flap;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *org_filter;
  GtkDropDown          *status_filter;
  GtkDropDown          *health_filter;
  GtkDropDown          *kind_filter;
  GtkWidget            *board;
  GtkWidget            *editor;
  /* The item Insert/Add Item just made, and its command's mark: left
   * without a title when its editor closes, it goes again. */
  gint64                fresh_item;
  gint64                fresh_mark;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkMenuButton        *sidebar_menu_button;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GMenuModel           *grouping_menu;
  GtkWidget            *grouping_button;
  /* Used by pb-window-edit.c through gtk_widget_get_template_child () */
  GtkWidget            *bulk_revealer;
  GtkWidget            *bulk_overlay;
  GtkMenuButton        *bulk_more_button;
  int                   bulk_inset;
  GtkMenuButton        *bulk_all_button;
  GtkWidget            *bulk_label;
  GMenuModel           *items_menu;
  GListModel           *organisations;
  gboolean              restoring;

  PbStore              *store;
  GListModel           *plans;
  GtkSingleSelection   *plan_selection;
  PbPlan               *plan;
  gulong                plan_notify_id;
  guint                 refresh_id;
  gboolean              board_pending; /* the board gets the plan when shown */
  AdwToast             *offline_toast;  /* while the server's connection is lost */
};

/* How often the window looks for what other programs wrote to the library
 * (PRAGMA data_version: one cheap query). */
#define REFRESH_MSEC 1000

enum {
  PROP_0,
  PROP_GROUPING_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const grouping_names[] = { "section", "status", "lead" };

/* Toast titles are markup: the message is escaped (a library named
 * "R&D <1>.db" must not blank the toast). A library locked by another
 * program gives up quickly (see pb-application.c) and offers @retry, the
 * action to run again. */
static void
show_error_retry (PbWindow     *self,
                  const GError *error,
                  const char   *retry)
{
  g_autofree char *detail = NULL;
  g_autofree char *said = pb_store_error_split (error->message, &detail);
  g_autofree char *escaped = g_markup_escape_text (said, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* The server's own words (long, several lines, maybe English) are for
   * the log and a tooltip; the toast says what happened in one line. */
  if (detail != NULL)
    {
      GtkWidget *title = gtk_label_new (said);

      g_message ("%s (%s)", said, detail);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_lines (GTK_LABEL (title), 2);
      gtk_widget_set_tooltip_text (title, detail);
      gtk_widget_add_css_class (title, "heading");
      adw_toast_set_custom_title (toast, title);
    }

  if (retry != NULL && g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY))
    {
      adw_toast_set_button_label (toast, _("_Try Again"));
      adw_toast_set_action_name (toast, retry);
    }
  adw_toast_set_timeout (toast, 8);
  pb_ui_show_toast (GTK_WIDGET (self->toast_overlay), toast);
}

static void
show_error (PbWindow     *self,
            const GError *error)
{
  show_error_retry (self, error, NULL);
}

/**
 * pb_window_add_toast:
 * @self: the main window
 * @text: what to say, plain text
 *
 * Says @text in a toast.
 */
void
pb_window_add_toast (PbWindow   *self,
                     const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- Plan list (sidebar) ---------------------------------------------- */

static char *
format_period (PbPlan *plan)
{
  int start = pb_plan_get_period_start (plan);
  int end = pb_plan_get_period_end (plan);

  if (start && end)
    return g_strdup_printf ("%d—%d", start, end);
  if (start || end)
    return g_strdup_printf ("%d", start ? start : end);
  return g_strdup ("");
}

static void
plan_row_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

/* "2025—2027 · 19 items · ●15 ▲2 ■1" */
static void
update_plan_row (PbWindow  *self,
                 GtkWidget *box)
{
  PbPlan *plan = g_object_get_data (G_OBJECT (box), "plan");
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *period = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) health = g_string_new (NULL);
  guint counts[PB_HEALTH_RED + 1] = { 0 };
  GDate today;
  guint n_items;

  if (plan == NULL || self->store == NULL)
    return;

  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  /* Counted in the health cache, which the board and the timeline use
   * too: the items are not read again for the row. */
  n_items = pb_store_count_plan_health (self->store, pb_record_get_id (PB_RECORD (plan)), &today, counts);
  for (PbHealth h = PB_HEALTH_BLUE; h <= PB_HEALTH_RED; h++)
    if (counts[h] > 0)
      g_string_append_printf (health, " %s%u", pb_health_get_symbol (h), counts[h]);

  period = format_period (plan);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u item", "%s · %u items", n_items),
                          period, n_items);
  gtk_label_set_text (GTK_LABEL (title), pb_plan_get_title (plan));
  gtk_widget_set_tooltip_text (title, pb_plan_get_title (plan));
  {
    g_autofree char *line = g_strconcat (text, health->len ? " ·" : "", health->str, NULL);
    gtk_label_set_text (GTK_LABEL (subtitle), line);
  }
}

static void
plan_row_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbWindow                 *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  g_object_set_data_full (G_OBJECT (box), "plan", g_object_ref (gtk_list_item_get_item (list_item)), g_object_unref);
  update_plan_row (self, box);
}

static void
plan_row_unbind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PbWindow                 *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "plan", NULL);
}

/* The rows' counts and health follow the items, and whatever else
 * decides their health: a target added, an actual, a dependency. */
static void
plans_changed_cb (PbWindow   *self,
                  const char *table)
{
  if (!pb_health_reads_table (table))
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->plan_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      if (box && g_object_get_data (G_OBJECT (box), "plan"))
        update_plan_row (self, box);
    }
}

/* ---- Board, editor, filters -------------------------------------------- */

static GSettings *
window_settings (PbWindow *self)
{
  PbApplication *app = PB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  return app ? pb_application_get_settings (app) : NULL;
}

static const char *
get_grouping_name (PbWindow *self)
{
  return self->board ? grouping_names[pb_board_view_get_grouping (PB_BOARD_VIEW (self->board))] : "section";
}

static void
set_grouping_name (PbWindow   *self,
                   const char *name)
{
  GSettings *settings = window_settings (self);

  for (guint i = 0; i < G_N_ELEMENTS (grouping_names); i++)
    if (g_strcmp0 (name, grouping_names[i]) == 0 && self->board)
      {
        if (pb_board_view_get_grouping (PB_BOARD_VIEW (self->board)) == (PbBoardGrouping) i)
          return;
        pb_board_view_set_grouping (PB_BOARD_VIEW (self->board), i);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING_NAME]);

        /* Remembered per plan. */
        if (settings && self->plan && !self->restoring)
          {
            g_autoptr(GVariant) old = g_settings_get_value (settings, "board-groupings");
            g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, pb_record_get_id (PB_RECORD (self->plan)));
            GVariantBuilder builder;
            GVariantIter iter;
            const char *k, *v;

            g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
            g_variant_iter_init (&iter, old);
            while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
              if (!g_str_equal (k, key))
                g_variant_builder_add (&builder, "{ss}", k, v);
            g_variant_builder_add (&builder, "{ss}", key, name);
            g_settings_set_value (settings, "board-groupings", g_variant_builder_end (&builder));
          }
        return;
      }
}

static void
restore_grouping (PbWindow *self)
{
  GSettings *settings = window_settings (self);
  const char *name = "section";
  g_autoptr(GVariant) all = NULL;
  g_autofree char *key = NULL;

  if (settings && self->plan)
    {
      all = g_settings_get_value (settings, "board-groupings");
      key = g_strdup_printf ("%" G_GINT64_FORMAT, pb_record_get_id (PB_RECORD (self->plan)));
      g_variant_lookup (all, key, "&s", &name);
    }

  self->restoring = TRUE;
  set_grouping_name (self, name);
  self->restoring = FALSE;
}

/* The editor is made when first asked for: a window opens without it
 * (its fields, lists and popovers cost the first frame ~20 ms). */
static GtkWidget *
ensure_editor (PbWindow *self)
{
  if (self->editor == NULL && self->store != NULL)
    {
      self->editor = pb_item_editor_new (self->store);
      adw_bin_set_child (self->editor_bin, self->editor);
      if (pb_store_get_read_only (self->store))
        pb_item_editor_set_read_only (PB_ITEM_EDITOR (self->editor), TRUE);
    }
  return self->editor;
}

/**
 * pb_window_set_fresh_item:
 * @self: the main window
 * @item_id: the item Add Item just made, its command the latest
 */
void
pb_window_set_fresh_item (PbWindow *self,
                          gint64    item_id)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  self->fresh_item = item_id;
  self->fresh_mark = item_id && self->store ? pb_store_get_undo_mark (self->store) : 0;
}

/**
 * pb_window_drop_fresh_item:
 * @self: the main window
 *
 * A new item whose editor closed (or moved to another item, or another
 * item is being added) with its title still empty was made by mistake (an
 * Insert pressed behind a filter): its Add Item is taken back and
 * forgotten, when nothing came after it, so neither the plan nor the Undo
 * history keeps a stray untitled item. An item with a title typed stays.
 */
void
pb_window_drop_fresh_item (PbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = NULL;
  gint64 id = self->fresh_item;
  gint64 mark = self->fresh_mark;
  g_autofree char *title = NULL;

  if (id == 0)
    return;
  /* A title typed and not saved yet counts. */
  if (self->editor)
    pb_item_editor_flush (PB_ITEM_EDITOR (self->editor));
  self->fresh_item = 0;
  self->fresh_mark = 0;
  if (self->store == NULL ||
      (item = pb_store_get_record (self->store, PB_TYPE_ITEM, id)) == NULL)
    return;
  title = g_strstrip (g_strdup (pb_item_get_title (item)));
  if (*title != '\0')
    return;
  if (!pb_store_withdraw (self->store, mark, &error) && error != NULL)
    show_error (self, error);
}

void
pb_window_close_editor (PbWindow *self)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  if (self->editor)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      pb_item_editor_flush (PB_ITEM_EDITOR (self->editor));
      pb_item_editor_set_item (PB_ITEM_EDITOR (self->editor), NULL);
      pb_window_drop_fresh_item (self);
      /* The keyboard does not stay in a field that goes out of sight: it
       * goes back to the board or timeline. */
      if (focus && gtk_widget_is_ancestor (focus, self->editor))
        {
          gtk_root_set_focus (GTK_ROOT (self), NULL);
          pb_window_focus_view (self);
        }
    }
  adw_flap_set_reveal_flap (self->editor_flap, FALSE);
}

/* A closed editor is hidden, not only slid out of sight: AdwFlap lays out
 * its flap at every reveal progress, 0 included, so the closed editor was
 * still measured and allocated beside the board, and the emptied editor's
 * text scroller queued resizes while being allocated when the board came
 * back after its closing animation was cut short (see
 * visible_view_changed_cb ()). A hidden editor is not laid out at all; it
 * is shown again before it opens. */
static void
editor_reveal_progress_cb (AdwFlap    *flap,
                           GParamSpec *pspec,
                           PbWindow   *self)
{
  if (flap == self->editor_flap &&
      !adw_flap_get_reveal_flap (flap) &&
      adw_flap_get_reveal_progress (flap) <= 0)
    gtk_widget_set_visible (GTK_WIDGET (self->editor_bin), FALSE);
}

/* The editor opens beside the view it was opened from: the Board's and
 * the Timeline's pages each have a flap, and the editor (with what it
 * shows, open or closed) goes along to the one shown, so that opening an
 * item or adding one on the Timeline keeps the planner on the Timeline. */
static void
place_editor (PbWindow *self,
              AdwFlap  *flap)
{
  gboolean reveal;

  if (flap == self->editor_flap)
    return;
  reveal = adw_flap_get_reveal_flap (self->editor_flap);
  g_object_ref (self->editor_bin);
  adw_flap_set_flap (self->editor_flap, NULL);
  adw_flap_set_reveal_flap (self->editor_flap, FALSE);
  self->editor_flap = flap;
  gtk_widget_set_visible (GTK_WIDGET (self->editor_bin), reveal);
  adw_flap_set_flap (flap, GTK_WIDGET (self->editor_bin));
  g_object_unref (self->editor_bin);
  adw_flap_set_reveal_flap (flap, reveal);
}

/**
 * pb_window_open_editor:
 * @self: the main window
 * @item: the item to edit
 *
 * Shows the item editor beside the board.
 */
void
pb_window_open_editor (PbWindow *self,
                       PbItem   *item)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  if (ensure_editor (self) == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->editor_bin), TRUE);
  if (self->fresh_item != 0 && (item == NULL || pb_record_get_id (PB_RECORD (item)) != self->fresh_item))
    {
      pb_item_editor_flush (PB_ITEM_EDITOR (self->editor));
      pb_item_editor_set_item (PB_ITEM_EDITOR (self->editor), item);
      pb_window_drop_fresh_item (self);
    }
  else
    pb_item_editor_set_item (PB_ITEM_EDITOR (self->editor), item);
  adw_flap_set_reveal_flap (self->editor_flap, TRUE);
  /* It opens at its top, the keyboard in the title. */
  if (item)
    pb_item_editor_show_top (PB_ITEM_EDITOR (self->editor));
  /* The timeline selects what the editor shows. */
  if (self->timeline && item)
    pb_timeline_view_select (PB_TIMELINE_VIEW (self->timeline), pb_record_get_id (PB_RECORD (item)));
}

static void ensure_indicators (PbWindow *self);
static void ensure_organisations (PbWindow *self);

/* The board gets the open plan when it is first shown, or asked for: a
 * window that opens on the Timeline (or goes there and then changes plan)
 * does not group thousands of items into columns nobody sees. Until then
 * it holds no plan, so nothing on it is chosen or focused. */
static gboolean
board_shown (PbWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "board") == 0;
}

static void
give_board_plan (PbWindow *self,
                 gboolean  now)
{
  if (self->board == NULL)
    return;
  if (now || self->plan == NULL)
    {
      self->board_pending = FALSE;
      pb_board_view_set_plan (PB_BOARD_VIEW (self->board), self->plan);
    }
  else
    {
      self->board_pending = TRUE;
      pb_board_view_set_plan (PB_BOARD_VIEW (self->board), NULL);
    }
}

static void
flush_board (PbWindow *self)
{
  if (self->board_pending)
    give_board_plan (self, TRUE);
}

static void follow_timeline_items (PbWindow *self,
                                   gboolean  now);

static void
visible_view_changed_cb (PbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* The Timeline's chart or its empty page: its list of items is made
   * only when the Timeline is shown (d58f12f: not for a hidden one). */
  if (g_strcmp0 (name, "timeline") == 0)
    {
      follow_timeline_items (self, TRUE);
      place_editor (self, self->timeline_flap);
    }
  else if (g_strcmp0 (name, "board") == 0)
    place_editor (self, self->board_flap);

  /* The view shown is measured again before it is allocated. AdwViewStack
   * only queues an allocation when its visible page changes (its pages
   * are homogeneous), and a page that changed while hidden (an edit
   * undone on the timeline while the board was away, the editor emptied
   * as its flap was still closing) was then laid out inside the frame
   * that shows it: its scrolled windows and text views queued resizes
   * while being allocated, and GTK 4.8 drew that frame with the window's
   * leaflet or gizmo still waiting for its allocation ("Trying to snapshot
   * AdwLeaflet … without a current allocation"). Pages that did not change
   * answer from their size caches, so this costs a switch next to nothing. */
  /* The search and filters choose the board's cards: shown with the
   * board only, not over a timeline or table they leave as it is (a
   * reviewer set "严重滞后" and read every indicator under it). */
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), g_strcmp0 (name, "board") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_bar), g_strcmp0 (name, "board") == 0);

  gtk_widget_queue_resize (GTK_WIDGET (self->view_stack));
  if (board_shown (self))
    flush_board (self);
  else if (g_strcmp0 (name, "indicators") == 0)
    ensure_indicators (self);
  else if (g_strcmp0 (name, "organisations") == 0)
    ensure_organisations (self);
}

/**
 * pb_window_get_board:
 * @self: the main window
 *
 * Returns: (transfer none) (nullable): the board, showing the open plan
 *   (given to it now if it was waiting to be shown)
 */
GtkWidget *
pb_window_get_board (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  flush_board (self);
  return self->board;
}

/**
 * pb_window_peek_board:
 * @self: the main window
 *
 * Returns: (transfer none) (nullable): the board as it is: without a plan
 *   while it waits to be shown (see pb_window_get_board())
 */
GtkWidget *
pb_window_peek_board (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->board;
}

GtkWidget *
pb_window_get_editor (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return ensure_editor (self);
}

/**
 * pb_window_peek_editor:
 * @self: the main window
 *
 * Returns: (nullable) (transfer none): the item editor, or %NULL when it
 *   has not been needed yet (nothing was opened in it)
 */
GtkWidget *
pb_window_peek_editor (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->editor;
}

static void
item_activated_cb (PbWindow *self,
                   PbItem   *item)
{
  if (pb_window_edit_refuse_open_several (self, pb_board_view_get_n_selected (PB_BOARD_VIEW (self->board))))
    return;
  pb_window_open_editor (self, item);
}

/* An item opened on the timeline: its editor opens beside the timeline. */
static void
timeline_item_activated_cb (PbWindow *self,
                            PbItem   *item)
{
  if (pb_window_edit_refuse_open_several (self, pb_timeline_view_get_n_selected (PB_TIMELINE_VIEW (self->timeline))))
    return;
  pb_window_open_editor (self, item);
}

/* ...and an open editor follows the timeline's selection. */
static void
timeline_selection_changed_cb (PbWindow *self,
                               gint64    item_id)
{
  g_autoptr(PbItem) item = NULL;
  PbItem *shown;

  if (self->editor == NULL || item_id == 0 || !adw_flap_get_reveal_flap (self->editor_flap))
    return;
  shown = pb_item_editor_get_item (PB_ITEM_EDITOR (self->editor));
  if (shown && pb_record_get_id (PB_RECORD (shown)) == item_id)
    return;
  item = pb_store_get_record (self->store, PB_TYPE_ITEM, item_id);
  if (item)
    pb_item_editor_set_item (PB_ITEM_EDITOR (self->editor), item);
}

/* A card picked with a click: the open editor follows it, as it follows
 * the Timeline's selection, so that its fields never edit another item
 * than the one the planner is looking at. What was typed in the editor
 * is saved to the item it was showing first (pb_item_editor_set_item ()
 * flushes). */
static void
board_item_selected_cb (PbWindow *self,
                        PbItem   *item)
{
  timeline_selection_changed_cb (self, item ? pb_record_get_id (PB_RECORD (item)) : 0);
}

/* Whether @markup reads whole as a toast's one line (a toast's title
 * is cut, never wrapped): its width in the toast's bold, with room for
 * the toast's margins, its close button and a button of its own. */
static gboolean
toast_fits (PbWindow   *self,
            const char *markup)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->toast_overlay), NULL);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int width;

  pango_layout_set_markup (layout, markup, -1);
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width <= gtk_widget_get_width (GTK_WIDGET (self->toast_overlay)) - 220;
}

/* The start of @hint, to its first comma, colon or full stop, and "…". */
static char *
hint_start (const char *hint)
{
  static const char *stops[] = { ", ", "，", ": ", "：", ". ", "。", "（", " (" };
  const char *end = hint + strlen (hint);

  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      const char *at = strstr (hint, stops[i]);

      if (at && at > hint && at < end)
        end = at;
    }
  return g_strndup (hint, end - hint);
}

static void
timeline_hint_cb (PbWindow   *self,
                  const char *hint)
{
  /* Toast titles are markup. */
  g_autofree char *escaped = g_markup_escape_text (hint, -1);
  AdwToast *toast;

  /* A hint too long for a toast's one line (a refused reschedule names
   * the period, the items and a date) is not cut mid-sentence: the toast
   * says how it starts, and Details… shows it whole. */
  if (toast_fits (self, escaped))
    toast = adw_toast_new (escaped);
  else
    {
      g_autofree char *start = hint_start (hint);
      g_autofree char *start_escaped = g_markup_escape_text (start, -1);
      g_autofree char *title = g_strconcat (start_escaped, "…", NULL);

      toast = adw_toast_new (title);
      /* Translators: the button of a toast too short for what it says */
      adw_toast_set_button_label (toast, _("Details…"));
      adw_toast_set_action_name (toast, "win.show-hint");
      adw_toast_set_action_target_value (toast, g_variant_new_string (hint));
      adw_toast_set_timeout (toast, 8);
      pb_ui_show_toast (GTK_WIDGET (self->toast_overlay), toast);
      return;
    }
  adw_toast_set_timeout (toast, 3);
  pb_ui_show_toast (GTK_WIDGET (self->toast_overlay), toast);
}

/* A hint whole, from its toast's Details…: wrapped in a dialog. */
static void
show_hint_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (widget), NULL,
                                                                         g_variant_get_string (parameter, NULL)));

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
pb_window_get_indicators (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  ensure_indicators (self);
  return self->indicators;
}

GtkWidget *
pb_window_get_organisations (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  ensure_organisations (self);
  return self->organisations_view;
}

GtkWidget *
pb_window_get_timeline (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->timeline;
}

/**
 * pb_window_get_store:
 *
 * Returns: (transfer none) (nullable): the library the window shows
 */
PbStore *
pb_window_get_store (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * pb_window_get_plan:
 *
 * Returns: (transfer none) (nullable): the open plan
 */
PbPlan *
pb_window_get_plan (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->plan;
}

void
pb_window_show_board (PbWindow *self)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, "board");
}

/* Escape or the editor's close button: the keyboard goes back to the card
 * (or bar) that was being edited, not to whatever GTK finds next once the
 * editor hides. */
static void
close_editor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbItem *item = self->editor ? pb_item_editor_get_item (PB_ITEM_EDITOR (self->editor)) : NULL;
  gint64 id = item ? pb_record_get_id (PB_RECORD (item)) : 0;
  gboolean focused = FALSE;

  pb_window_close_editor (self);
  if (id == 0)
    return;
  if (self->timeline && gtk_widget_get_mapped (self->timeline))
    {
      pb_timeline_view_select (PB_TIMELINE_VIEW (self->timeline), id);
      focused = pb_timeline_view_get_selected (PB_TIMELINE_VIEW (self->timeline)) == id &&
                gtk_widget_grab_focus (self->timeline);
    }
  else if (self->board && gtk_widget_get_mapped (self->board))
    focused = pb_board_view_focus_item (PB_BOARD_VIEW (self->board), id);
  /* Gone meanwhile: the view has it. */
  if (!focused)
    pb_window_focus_view (self);
}

/* From the library's menu: every organisation of every plan, ranked. */
static void
organisations_all_plans_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  ensure_organisations (self);
  if (self->organisations_view == NULL || self->plan == NULL)
    return;
  pb_organisations_view_set_all_plans (PB_ORGANISATIONS_VIEW (self->organisations_view), TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, "organisations");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
search_changed_cb (PbWindow *self)
{
  if (self->board)
    pb_board_view_set_search (PB_BOARD_VIEW (self->board), gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
filter_changed_cb (PbWindow *self)
{
  guint org = gtk_drop_down_get_selected (self->org_filter);
  gint64 org_id = 0;

  if (self->board == NULL)
    return;

  if (org != GTK_INVALID_LIST_POSITION && org > 0 && self->organisations)
    {
      g_autoptr(PbOrganisation) o = g_list_model_get_item (self->organisations, org - 1);
      if (o)
        org_id = pb_record_get_id (PB_RECORD (o));
    }

  pb_board_view_set_filter (PB_BOARD_VIEW (self->board), org_id,
                            (int) gtk_drop_down_get_selected (self->status_filter) - 1,
                            (int) gtk_drop_down_get_selected (self->health_filter) - 1,
                            (int) gtk_drop_down_get_selected (self->kind_filter) - 1);
}

/* The board, filtered to one organisation's items. */
static void
show_organisation_cb (PbWindow *self,
                      gint64    organisation_id)
{
  for (guint i = 0; self->organisations && i < g_list_model_get_n_items (self->organisations); i++)
    {
      g_autoptr(PbOrganisation) o = g_list_model_get_item (self->organisations, i);

      if (pb_record_get_id (PB_RECORD (o)) == organisation_id)
        {
          gtk_drop_down_set_selected (self->org_filter, i + 1);
          break;
        }
    }
  gtk_toggle_button_set_active (self->search_button, TRUE);
  adw_view_stack_set_visible_child_name (self->view_stack, "board");
}

static void
update_organisation_filter (PbWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_object (&self->organisations);
  gtk_string_list_append (names, _("Any organisation"));
  if (self->plan && self->store)
    {
      self->organisations = pb_store_list_organisations (self->store, pb_record_get_id (PB_RECORD (self->plan)));
      for (guint i = 0; i < g_list_model_get_n_items (self->organisations); i++)
        {
          g_autoptr(PbOrganisation) o = g_list_model_get_item (self->organisations, i);
          gtk_string_list_append (names, pb_organisation_get_name (o));
        }
    }
  gtk_drop_down_set_model (self->org_filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->org_filter, 0);
}

/* The Indicators page and the Organisations page (the ranking above, who
 * has reported below) are made when first shown or asked for: a window
 * opening on the board or the timeline does not build their tables. */
static void
ensure_indicators (PbWindow *self)
{
  if (self->indicators != NULL || self->store == NULL)
    return;
  self->indicators = pb_indicators_view_new (self->store);
  adw_bin_set_child (self->indicators_bin, self->indicators);
  if (self->plan != NULL)
    pb_indicators_view_set_plan (PB_INDICATORS_VIEW (self->indicators), self->plan);
}

static void
ensure_organisations (PbWindow *self)
{
  GtkWidget *page, *status_box;

  if (self->organisations_view != NULL || self->store == NULL)
    return;
  self->organisations_view = pb_organisations_view_new (self->store);
  self->form_status_view = pb_form_status_view_new (self->store);
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_vexpand (self->organisations_view, TRUE);
  gtk_box_append (GTK_BOX (page), self->organisations_view);
  /* (Its separator is its own: it goes with it when there is nothing to report.)
   * It is one plan's reporting: with the ranking comparing every plan it
   * steps aside (in a box of its own, which it does not show and hide). */
  status_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (status_box), self->form_status_view);
  gtk_box_append (GTK_BOX (page), status_box);
  g_object_bind_property (self->organisations_view, "all-plans", status_box, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  adw_bin_set_child (self->organisations_bin, page);
  g_signal_connect_object (self->organisations_view, "show-organisation", G_CALLBACK (show_organisation_cb),
                           self, G_CONNECT_SWAPPED);
  if (self->plan != NULL)
    {
      pb_organisations_view_set_plan (PB_ORGANISATIONS_VIEW (self->organisations_view), self->plan);
      pb_form_status_view_set_plan (PB_FORM_STATUS_VIEW (self->form_status_view), self->plan);
    }
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* It searches the board's cards: from another page, to the board. */
  if (g_strcmp0 (name, "board") != 0)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "board");
      gtk_toggle_button_set_active (self->search_button, TRUE);
    }
  else
    gtk_toggle_button_set_active (self->search_button, !gtk_toggle_button_get_active (self->search_button));
  if (gtk_toggle_button_get_active (self->search_button))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void clear_filter_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter);

/* Closing the search bar clears the search and filters, as GNOME's
 * search bars do: a board left filtered under a closed bar showed two
 * cards of a plan with nothing on screen to say so. */
static void
search_mode_cb (PbWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  clear_filter_action (GTK_WIDGET (self), "win.clear-filter", NULL);
}

/* The board's "Clear Filter" when nothing matched: the search and every
 * filter back to all, so the whole plan shows again. */
static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->org_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->health_filter, 0);
  gtk_drop_down_set_selected (self->kind_filter, 0);
  /* The search entry tells the board after a delay: at once here. */
  search_changed_cb (self);
}

/* ---- Selection -------------------------------------------------------- */

static void
update_title (PbWindow *self)
{
  const char *doc_number;
  const char *organisation = NULL;

  if (self->plan == NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Planboard"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  doc_number = pb_record_get_string (PB_RECORD (self->plan), "doc_number");
  adw_view_switcher_title_set_title (self->switcher_title, pb_plan_get_title (self->plan));
  if (self->store != NULL && pb_store_get_member_role (self->store, &organisation) == PB_STORE_MEMBER_REPORTER)
    {
      /* Translators: the window's subtitle for a reporter of a shared
       * library; %s is its organisation, 市工业和信息化局 */
      g_autofree char *reporting = g_strdup_printf (_("Reporting for %s"), organisation);
      /* Translators: the window's subtitle: the plan's document number,
       * then "Reporting for 市工业和信息化局" */
      g_autofree char *subtitle = doc_number && *doc_number
                                  ? g_strdup_printf (_("%s · %s"), doc_number, reporting)
                                  : g_strdup (reporting);
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
  else if (self->store != NULL && pb_store_get_read_only (self->store))
    {
      /* Translators: the window's subtitle when the library cannot be
       * written; %s is the plan's document number, or empty */
      g_autofree char *subtitle = doc_number && *doc_number
                                  ? g_strdup_printf (_("%s · Read-Only"), doc_number)
                                  : g_strdup (_("Read-Only"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
    }
  else
    adw_view_switcher_title_set_subtitle (self->switcher_title, doc_number ? doc_number : "");
}

/* A library that cannot be written (a read-only file, folder or disk)
 * opens for reading: it lists, reports and exports, and every action that
 * would change it is off, the editor included. */
static const char * const write_actions[] = {
  "win.undo", "win.undo-command", "win.redo", "win.add-example", "win.import", "win.new-plan", "win.rename-plan",
  "win.duplicate-plan", "win.delete-plan", "win.open-plan-file", "win.collect-progress", "win.import-forms",
  "win.add-item", "win.add-item-to", "win.delete-items", "win.plan-properties", "win.add-section",
  "win.rename-section", "win.delete-section", "win.section-up", "win.section-down", "win.section-indent",
  "win.section-outdent", "win.renumber-sections", "win.renumber-subsections", "win.set-status", "win.bulk",
};

/* The sidebar's subtitle and the window's title name a shared library
 * ("Shared: plans on db.example.org"), so a planner always knows whether
 * what they change is seen by the whole office. */
static void
show_library (PbWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  const char *organisation = NULL;

  if (self->store == NULL || !pb_store_is_shared (self->store))
    return;

  name = pb_store_dup_display_name (self->store);
  /* Translators: the sidebar's subtitle on a library on a server; %s is
   * "plans on db.example.org" */
  subtitle = pb_store_get_read_only (self->store) ? g_strdup_printf (_("Shared, Read-Only: %s"), name)
                                                  : g_strdup_printf (_("Shared: %s"), name);
  adw_window_title_set_subtitle (self->plans_title, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->plans_title), subtitle);
  if (pb_store_get_member_role (self->store, &organisation) == PB_STORE_MEMBER_REPORTER)
    {
      /* Translators: the sidebar title's tooltip for a reporter; the
       * first %s is "Shared: plans on db.example.org", the second its
       * organisation */
      g_autofree char *tooltip = g_strdup_printf (_("%s. You report for %s."), subtitle, organisation);
      /* (The window's title names the library; in a wide window the
       * sidebar is where the reporter's organisation always shows.) */
      g_autofree char *reporting = g_strdup_printf (_("Reporting for %s"), organisation);

      adw_window_title_set_subtitle (self->plans_title, reporting);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->plans_title), tooltip);
    }
  /* Translators: the window's title on a shared library */
  title = g_strdup_printf (_("Planboard — %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* What only the office may do in a shared library: a reporter records
 * actuals, notes, status and progress of its organisation's items, and
 * undoes what it did; the server refuses the rest anyway. */
static const char * const office_actions[] = {
  "win.add-example", "win.import", "win.new-plan", "win.rename-plan",
  "win.duplicate-plan", "win.delete-plan", "win.open-plan-file", "win.collect-progress", "win.import-forms",
  "win.add-item", "win.add-item-to", "win.delete-items", "win.plan-properties", "win.add-section",
  "win.rename-section", "win.delete-section", "win.section-up", "win.section-down", "win.section-indent",
  "win.section-outdent", "win.renumber-sections", "win.renumber-subsections", "win.bulk",
};

static void
apply_read_only (PbWindow *self)
{
  if (self->store != NULL && pb_store_get_member_role (self->store, NULL) == PB_STORE_MEMBER_REPORTER)
    {
      for (guint i = 0; i < G_N_ELEMENTS (office_actions); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), office_actions[i], FALSE);
      return;
    }
  if (self->store == NULL || !pb_store_get_read_only (self->store))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (write_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), write_actions[i], FALSE);
  if (pb_store_is_shared (self->store))
    show_library (self);
  else
    adw_window_title_set_subtitle (self->plans_title, _("Read-Only"));
  if (self->editor != NULL)
    pb_item_editor_set_read_only (PB_ITEM_EDITOR (self->editor), TRUE);
  if (self->board != NULL)
    gtk_widget_set_sensitive (self->board, TRUE);
}

/* What other programs wrote shows up: the store re-reads its live records
 * and lists when another connection committed. */
static gboolean
refresh_cb (gpointer data)
{
  PbWindow *self = data;

  /* What the server has sent: no round trip on the main loop. */
  if (self->store != NULL)
    pb_store_refresh_arrived (self->store);
  return G_SOURCE_CONTINUE;
}

/* A shared library's connection broke or came back (the store reconnects
 * on its own, from refresh_cb): say so briefly, in plain words. */
static void
online_changed_cb (PbWindow *self)
{
  g_autofree char *name = pb_store_dup_display_name (self->store);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  AdwToast *toast;

  if (self->offline_toast != NULL)
    {
      adw_toast_dismiss (self->offline_toast);
      g_clear_object (&self->offline_toast);
    }

  if (!pb_store_get_online (self->store))
    {
      /* TRANSLATORS: %s is a shared library, such as "plans on db.example.org" */
      toast = adw_toast_new_format (_("Lost the connection to %s; reconnecting…"), escaped);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      self->offline_toast = g_object_ref (toast);
    }
  else
    {
      toast = adw_toast_new (_("Reconnected"));
      adw_toast_set_timeout (toast, 3);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
active_changed_cb (PbWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    refresh_cb (self);
}

/* A plan without items: the Timeline says so and offers Add Item (the
 * board's "+"), instead of a bare year grid under an empty "Item". */
static void
show_timeline_page (PbWindow *self)
{
  gboolean empty = self->timeline_items != NULL && g_list_model_get_n_items (self->timeline_items) == 0;

  gtk_stack_set_visible_child_name (self->timeline_stack, empty ? "empty" : "chart");
}

static gboolean
show_timeline_empty_idle (gpointer data)
{
  PbWindow *self = data;

  self->timeline_empty_id = 0;
  show_timeline_page (self);
  return G_SOURCE_REMOVE;
}

/* When idle: the list changes while the views lay out (an undo), and a
 * page switched then would be drawn before it has a size. */
static void
update_timeline_empty (PbWindow *self)
{
  if (self->timeline_empty_id == 0)
    self->timeline_empty_id = g_idle_add (show_timeline_empty_idle, self);
}

/* Follows the plan's items while the Timeline is shown (@self->plan NULL
 * or the Timeline hidden: follows nothing, and is asked again when the
 * Timeline is shown); the page follows @now (the Timeline just shown) or
 * when idle (another plan chosen, maybe by an undo during a layout). */
static void
follow_timeline_items (PbWindow *self,
                       gboolean  now)
{
  gboolean shown = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "timeline") == 0;
  GListModel *items = shown ? pb_timeline_view_get_items (PB_TIMELINE_VIEW (self->timeline)) : NULL;

  if (self->timeline_items != items)
    {
      if (self->timeline_items)
        g_signal_handlers_disconnect_by_func (self->timeline_items, update_timeline_empty, self);
      g_set_object (&self->timeline_items, items);
      if (items)
        g_signal_connect_object (items, "items-changed", G_CALLBACK (update_timeline_empty), self, G_CONNECT_SWAPPED);
    }
  if (shown && now)
    show_timeline_page (self);
  else if (shown)
    update_timeline_empty (self);
}

static void update_organisation_filter (PbWindow *self);
static void restore_grouping (PbWindow *self);
static void update_history_tips (PbWindow *self);

static void
set_plan (PbWindow *self,
          PbPlan   *plan)
{
  if (self->plan == plan)
    return;

  g_clear_signal_handler (&self->plan_notify_id, self->plan);
  g_set_object (&self->plan, plan);
  pb_window_close_editor (self);
  /* Undo names the plan of a command made in another. */
  update_history_tips (self);

  if (plan != NULL)
    {
      self->plan_notify_id = g_signal_connect_object (plan, "notify", G_CALLBACK (update_title),
                                                      self, G_CONNECT_SWAPPED);
      restore_grouping (self);
      pb_trace_start ("window: grouping restored");
      give_board_plan (self, board_shown (self));
      pb_trace_start ("window: board given the plan");
      pb_timeline_view_set_plan (PB_TIMELINE_VIEW (self->timeline), plan);
      if (self->indicators != NULL)
        pb_indicators_view_set_plan (PB_INDICATORS_VIEW (self->indicators), plan);
      if (self->organisations_view != NULL)
        {
          pb_organisations_view_set_plan (PB_ORGANISATIONS_VIEW (self->organisations_view), plan);
          pb_form_status_view_set_plan (PB_FORM_STATUS_VIEW (self->form_status_view), plan);
        }
      gtk_stack_set_visible_child_name (self->stack, "plan");
    }
  else
    {
      give_board_plan (self, TRUE);
      pb_timeline_view_set_plan (PB_TIMELINE_VIEW (self->timeline), NULL);
      if (self->indicators != NULL)
        pb_indicators_view_set_plan (PB_INDICATORS_VIEW (self->indicators), NULL);
      if (self->organisations_view != NULL)
        {
          pb_organisations_view_set_plan (PB_ORGANISATIONS_VIEW (self->organisations_view), NULL);
          pb_form_status_view_set_plan (PB_FORM_STATUS_VIEW (self->form_status_view), NULL);
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  pb_trace_start ("window: views given the plan");
  follow_timeline_items (self, FALSE);
  update_organisation_filter (self);
  pb_trace_start ("window: organisation filter");
  update_title (self);
  for (const char * const *a = (const char * const[]) { "win.delete-plan", "win.rename-plan", "win.duplicate-plan",
                                                        "win.export-plan", "win.report", "win.export-ledger",
                                                        "win.collect-progress", "win.import-forms", NULL }; *a; a++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), *a, plan != NULL);
  pb_window_edit_update_actions (self);
  apply_read_only (self);
}

static void
selection_changed_cb (PbWindow *self)
{
  PbPlan *plan = gtk_single_selection_get_selected_item (self->plan_selection);

  set_plan (self, plan);

  if (plan == NULL && self->store != NULL && g_list_model_get_n_items (self->plans) > 0)
    gtk_single_selection_set_selected (self->plan_selection, 0);
}

static void
plan_activated_cb (PbWindow *self,
                   guint     position)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* A click on a plan selects it (which shows it) and, in the folded
 * window, goes on to its page. The list does not activate on a single
 * click: a GtkListView that does selects whatever the pointer passes
 * over, and a planner on the way to the main menu, or under a menu as
 * it closes, would find another plan on show. */
static gboolean
navigate_forward_idle (gpointer data)
{
  PbWindow *self = data;

  if (adw_leaflet_get_folded (self->leaflet) &&
      gtk_single_selection_get_selected_item (self->plan_selection) != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
plan_list_released_cb (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       PbWindow        *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->plan_list), x, y, GTK_PICK_DEFAULT);

  /* On a plan's row, not the empty list below the rows. */
  if (picked == NULL || picked == GTK_WIDGET (self->plan_list) || self->plan_selection == NULL)
    return;
  g_idle_add_full (G_PRIORITY_DEFAULT, navigate_forward_idle, g_object_ref (self), g_object_unref);
}

static void
back_clicked_cb (PbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
pb_window_select_plan (PbWindow *self,
                       gint64    plan_id)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  for (guint i = 0; self->plans && i < g_list_model_get_n_items (self->plans); i++)
    {
      g_autoptr(PbRecord) plan = g_list_model_get_item (self->plans, i);

      if (pb_record_get_id (plan) == plan_id)
        {
          gtk_single_selection_set_selected (self->plan_selection, i);
          return;
        }
    }
}

gint64
pb_window_get_selected_plan (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), 0);
  return self->plan ? pb_record_get_id (PB_RECORD (self->plan)) : 0;
}

/* ---- Actions ---------------------------------------------------------- */

/* The title of @plan_id when it is not the plan shown (Undo then acts
 * there, and says so), else %NULL. */
static char *
dup_other_plan_title (PbWindow *self,
                      gint64    plan_id)
{
  g_autoptr(PbPlan) plan = NULL;

  if (self->store == NULL || plan_id <= 0 || plan_id == pb_window_get_selected_plan (self))
    return NULL;
  plan = pb_store_get_record (self->store, PB_TYPE_PLAN, plan_id);
  return plan ? g_strdup (pb_plan_get_title (plan)) : NULL;
}

/* Undo and Redo take back the last command wherever it was made; one made
 * in another plan than the one shown is named with its plan, and the
 * window goes to that plan to show what changed. */
static void
undo_redo (PbWindow *self,
           gboolean  undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *other = NULL;
  gint64 plan_id;

  if (self->store == NULL)
    return;
  label = g_strdup (undo ? pb_store_get_undo_label (self->store) : pb_store_get_redo_label (self->store));
  plan_id = undo ? pb_store_get_undo_plan (self->store) : pb_store_get_redo_plan (self->store);
  other = dup_other_plan_title (self, plan_id);

  pb_ui_dismiss_undo_toast (GTK_WIDGET (self->board_bin));
  if (!(undo ? pb_store_undo (self->store, &error) : pb_store_redo (self->store, &error)))
    {
      show_error_retry (self, error, undo ? "win.undo" : "win.redo");
      return;
    }
  if (label == NULL)
    return;
  if (other)
    {
      g_autofree char *text = NULL;

      if (undo)
        /* Translators: a toast after Undo of a command made in another
         * plan than the one shown: the command, then the plan's title,
         * "Add Dependency in 测试行动方案" */
        text = g_strdup_printf (_("Undone: %s in %s"), label, other);
      else
        /* Translators: a toast after Redo of a command made in another
         * plan: the command, then the plan's title */
        text = g_strdup_printf (_("Redone: %s in %s"), label, other);
      /* To the plan changed, if it is still there (Undo of a new plan
       * takes it away). */
      pb_window_select_plan (self, plan_id);
      pb_ui_toast (GTK_WIDGET (self->board_bin), text, FALSE);
    }
  else
    {
      g_autofree char *text = NULL;

      if (undo)
        /* Translators: a toast after Undo; %s is what was undone, "Delete 3 Items" */
        text = g_strdup_printf (_("Undone: %s"), label);
      else
        /* Translators: a toast after Redo; %s is what was done again */
        text = g_strdup_printf (_("Redone: %s"), label);
      pb_ui_toast (GTK_WIDGET (self->board_bin), text, FALSE);
    }
}

static void
other_plan_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PbWindow         *self)
{
  gboolean undo = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "undo"));
  gint64 mark = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "mark");

  if (!g_str_equal (response, "go") || self->store == NULL)
    return;
  /* Only what was asked about: not a command made, undone or redone
   * since (each moves the undo mark; Redo's command stays on top of its
   * stack as long as the mark holds). */
  if (pb_store_get_undo_mark (self->store) != mark)
    {
      pb_ui_toast (GTK_WIDGET (self->board_bin),
                   undo
                   /* Translators: after the question before Undo, when the
                    * plans changed while it was open */
                   ? _("Nothing was undone: the plans changed while the question was open.")
                   : _("Nothing was redone: the plans changed while the question was open."),
                   FALSE);
      return;
    }
  undo_redo (self, undo);
}

/* Undo or Redo of a command made in another plan than the one shown asks
 * first: a reviewer's Ctrl+Z "to be sure" in one plan took away a whole
 * plan imported before, out of sight, and the next edit made it final.
 * So does an Undo that would take a whole plan away (New Plan, an
 * import), even the one shown. */
static void
undo_redo_asking (PbWindow *self,
                  gboolean  undo)
{
  g_autofree char *other = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PbPlan) removed = NULL;
  const char *label;
  GtkWidget *dialog;
  gint64 removed_id;

  if (self->store == NULL)
    return;
  label = undo ? pb_store_get_undo_label (self->store) : pb_store_get_redo_label (self->store);
  other = dup_other_plan_title (self, undo ? pb_store_get_undo_plan (self->store) : pb_store_get_redo_plan (self->store));
  removed_id = undo ? pb_store_get_undo_removed_plan (self->store) : 0;
  if (removed_id > 0)
    removed = pb_store_get_record (self->store, PB_TYPE_PLAN, removed_id);
  if (label == NULL || (other == NULL && removed == NULL))
    {
      undo_redo (self, undo);
      return;
    }

  if (removed != NULL)
    {
      g_autoptr(GListModel) items = pb_store_list_items (self->store, removed_id);
      guint n = items ? g_list_model_get_n_items (items) : 0;

      /* Translators: a question before Undo of the command that made a
       * whole plan; %s is the command, "Import Plan" */
      heading = g_strdup_printf (_("Undo “%s”?"), label);
      if (n == 0)
        /* Translators: the question's body for a plan without items; %s is its title */
        body = g_strdup_printf (_("This takes away the plan “%s”. Redo brings it back until the next change."),
                                pb_plan_get_title (removed));
      else
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the question's body: the plan's title, its number of items */
                                           "This takes away the whole plan “%s” with its %u item, its targets and reports. Redo brings it back until the next change.",
                                           "This takes away the whole plan “%s” with its %u items, their targets and reports. Redo brings it back until the next change.",
                                           n),
                              pb_plan_get_title (removed), n);
    }
  else
    {
      /* Translators: a question before Undo of a command made in another
       * plan than the one shown; %s is the command, "Import Plan" */
      heading = g_strdup_printf (undo ? _("Undo “%s” in Another Plan?") : _("Redo “%s” in Another Plan?"), label);
      /* Translators: the question's body; %s is the other plan's title */
      body = g_strdup_printf (_("It was made in “%s”, not in the plan shown. That plan is shown after it."), other);
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "go", undo ? _("_Undo") : _("_Redo"), NULL);
  if (removed != NULL)
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "go", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "undo", GINT_TO_POINTER (undo));
  g_object_set_data_full (G_OBJECT (dialog), "mark",
                          g_memdup2 (&(gint64) { pb_store_get_undo_mark (self->store) }, sizeof (gint64)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (other_plan_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo_asking (PB_WINDOW (widget), TRUE);
}

/* An Undo toast's button: it takes back the command the toast named, and
 * nothing else. @parameter is the store's undo mark just after that
 * command; when something was done since, Undo would take back that later
 * change instead, so it says so and does nothing. */
static void
undo_command_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  gint64 mark = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;
  if (mark != 0 && pb_store_get_undo_mark (self->store) == mark)
    {
      undo_redo_asking (self, TRUE);
      return;
    }
  pb_ui_dismiss_undo_toast (GTK_WIDGET (self->board_bin));
  pb_ui_toast (GTK_WIDGET (self->board_bin),
               /* Translators: after a click on an old toast's Undo when
                * other changes were made after its command */
               _("Nothing was undone: changes were made after it. Undo in the header bar takes back the latest change first."),
               FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo_asking (PB_WINDOW (widget), FALSE);
}

static void
add_example_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pb_store_add_example_plan (self->store, &error);
  if (id == 0)
    show_error (self, error);
  else
    pb_window_select_plan (self, id);
}

static void
plan_created_cb (PbWindow *self,
                 gint64    plan_id)
{
  pb_window_select_plan (self, plan_id);
}

static PbImportWindow *
open_import_window (PbWindow *self)
{
  PbImportWindow *import;

  if (self->store == NULL)
    return NULL;

  import = pb_import_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (import, "plan-created", G_CALLBACK (plan_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (import));
  return import;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_import_window (PB_WINDOW (widget));
}

/**
 * pb_window_import_file:
 * @self: the main window
 * @file: a plan document
 *
 * Opens the import window on @file, which it reads for review.
 */
void
pb_window_import_file (PbWindow *self,
                       GFile    *file)
{
  PbImportWindow *import = open_import_window (self);

  if (import != NULL)
    pb_import_window_read_file (import, file);
}

/* ---- Plan actions ------------------------------------------------------- */

typedef void (*TitleDone) (PbWindow *self, const char *title);

static void
title_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PbWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  TitleDone done = g_object_get_data (G_OBJECT (dialog), "done");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "ok") && title[0] != '\0')
    done (self, title);
}

static void
ask_title (PbWindow   *self,
           const char *heading,
           const char *ok_label,
           const char *initial,
           TitleDone   done)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Plan title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", ok_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "done", done);
  g_signal_connect (dialog, "response", G_CALLBACK (title_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A year typed in the New Plan dialog, or FALSE when it is not one. */
static gboolean
parse_plan_year (GtkEditable *field,
                 int         *year)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (field)));
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, 1900, 2200, &value, NULL))
    return FALSE;
  *year = (int) value;
  return TRUE;
}

static void
mark_field (GtkWidget *field,
            gboolean   refused)
{
  if (refused)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

/* The New Plan dialog checked as the planner types: a title, and a period
 * whose last year is not before its first; the reason under the years. */
static gboolean
new_plan_check (AdwMessageDialog *dialog)
{
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *first = g_object_get_data (G_OBJECT (dialog), "first");
  GtkEditable *last = g_object_get_data (G_OBJECT (dialog), "last");
  GtkLabel *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (title)));
  const char *message = NULL;
  int start = 0, end = 0;
  gboolean first_ok = parse_plan_year (first, &start);
  gboolean last_ok = parse_plan_year (last, &end);

  if (!first_ok)
    message = _("The first year is not a year: write it as 2026.");
  else if (!last_ok)
    message = _("The last year is not a year: write it as 2028.");
  else if (end < start)
    message = _("The last year cannot come before the first.");
  mark_field (GTK_WIDGET (first), !first_ok);
  mark_field (GTK_WIDGET (last), first_ok && (!last_ok || end < start));
  gtk_label_set_text (reason, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (reason), message != NULL);
  adw_message_dialog_set_response_enabled (dialog, "ok", message == NULL && text[0] != '\0');
  return message == NULL && text[0] != '\0';
}

static void
new_plan_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PbWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int start = 0, end = 0;
  gint64 id;

  if (!g_str_equal (response, "ok") || !new_plan_check (dialog))
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "title"))));
  parse_plan_year (g_object_get_data (G_OBJECT (dialog), "first"), &start);
  parse_plan_year (g_object_get_data (G_OBJECT (dialog), "last"), &end);
  id = pb_store_create_plan (self->store, title, start, end, &error);
  if (id == 0)
    show_error (self, error);
  else
    pb_window_select_plan (self, id);
}

/* Return in a field creates the plan, as the Create button does. */
static void
new_plan_activated_cb (AdwEntryRow      *row,
                       AdwMessageDialog *dialog)
{
  if (!new_plan_check (dialog))
    return;
  adw_message_dialog_response (dialog, "ok");
  gtk_window_close (GTK_WINDOW (dialog));
}

static GtkWidget *
new_plan_row (GtkWidget        *list,
              AdwMessageDialog *dialog,
              const char       *title,
              const char       *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (new_plan_check), dialog);
  g_signal_connect (row, "entry-activated", G_CALLBACK (new_plan_activated_cb), dialog);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* New Plan: its title and its period, the period proposed from this
 * year (three years) and shown, to correct before it is created. */
static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_autofree char *first = g_strdup_printf ("%d", year);
  g_autofree char *last = g_strdup_printf ("%d", year + 2);
  AdwMessageDialog *dialog;
  GtkWidget *box, *list, *title, *first_row, *last_row, *reason;

  if (self->store == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Plan"), NULL));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  title = new_plan_row (list, dialog, _("Title"), "");
  first_row = new_plan_row (list, dialog, _("First Year"), first);
  last_row = new_plan_row (list, dialog, _("Last Year"), last);
  reason = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_widget_add_css_class (reason, "error");
  gtk_widget_set_visible (reason, FALSE);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (last_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, reason, NULL, -1);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "ok", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "first", first_row);
  g_object_set_data (G_OBJECT (dialog), "last", last_row);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  new_plan_check (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (new_plan_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

static void
rename_plan (PbWindow   *self,
             const char *title)
{
  g_autoptr(GError) error = NULL;

  if (self->plan && !pb_store_set (self->store, self->plan, &error, "title", title, NULL))
    show_error (self, error);
}

static void
rename_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->plan)
    ask_title (self, _("Rename Plan"), _("_Rename"), pb_plan_get_title (self->plan), rename_plan);
}

static void
duplicate_plan_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->plan == NULL)
    return;
  id = pb_store_duplicate_plan (self->store, pb_record_get_id (PB_RECORD (self->plan)), &error);
  if (id == 0)
    show_error (self, error);
  else
    pb_window_select_plan (self, id);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->plan)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!pb_store_export_planboard (self->store, pb_record_get_id (PB_RECORD (self->plan)), path, &error))
        show_error (self, error);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *escaped = g_markup_escape_text (name, -1);
          pb_ui_show_toast (GTK_WIDGET (self->toast_overlay), adw_toast_new_format (_("Saved as “%s”"), escaped));
        }
    }
  g_object_unref (chooser);
}

static void
export_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;
  name = g_strdup_printf ("%s.planboard", pb_plan_get_title (self->plan));
  chooser = pb_ui_save_chooser (GTK_WINDOW (self), _("Export Plan"), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print or Export Report…: parts, paper, timeline layout and a preview. */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->plan == NULL || self->store == NULL)
    return;
  self->report_dialog = pb_report_dialog_new (GTK_WIDGET (self->toast_overlay), self->store, self->plan,
                                              window_settings (self));
  g_object_add_weak_pointer (G_OBJECT (self->report_dialog), (gpointer *) &self->report_dialog);
}

static void
export_ledger_response_cb (GtkNativeDialog *chooser,
                           int              response,
                           PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->plan)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path && pb_window_export_ledger (self, path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Ledger saved as “%s”"), name);
          pb_ui_toast (GTK_WIDGET (self->toast_overlay), text, FALSE);
        }
      else if (error)
        show_error (self, error);
    }
  g_object_unref (chooser);
}

/**
 * pb_window_export_ledger:
 * @self: the window
 * @path: a .xlsx or a .csv file
 * @error: where to say why not
 *
 * Writes the plan's ledger (台账), as Export Ledger… does after its file
 * chooser.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_window_export_ledger (PbWindow    *self,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  g_return_val_if_fail (self->plan != NULL, FALSE);
  return pb_ledger_write (self->store, pb_record_get_id (PB_RECORD (self->plan)),
                          g_str_has_suffix (lower, ".csv") ? PB_LEDGER_CSV : PB_LEDGER_XLSX, path, NULL, error);
}

static void
export_ledger_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  GtkFileFilter *xlsx = gtk_file_filter_new ();
  GtkFileFilter *csv = gtk_file_filter_new ();

  if (self->plan == NULL)
    return;
  /* Translators: the file name of a plan's ledger, 台账 */
  name = g_strdup_printf (_("%s ledger.xlsx"), pb_plan_get_title (self->plan));
  chooser = pb_ui_save_chooser (GTK_WINDOW (self), _("Export Ledger"), name);
  gtk_file_filter_set_name (xlsx, _("Spreadsheet (.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_filter_set_name (csv, _("Comma-separated values (.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_signal_connect (chooser, "response", G_CALLBACK (export_ledger_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Collecting progress ------------------------------------------------ */

/**
 * pb_window_collect_progress:
 *
 * Collect Progress…: the dialog asking for the period, the date to return
 * by and a folder.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWindow *
pb_window_collect_progress (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  if (self->plan == NULL || self->store == NULL)
    return NULL;
  {
    g_autoptr(GListModel) orgs = pb_store_list_organisations (self->store, pb_record_get_id (PB_RECORD (self->plan)));

    /* Nobody to send a form to (a new, empty plan): say so, not an
     * empty dialog. */
    if (g_list_model_get_n_items (orgs) == 0)
      {
        pb_ui_toast (GTK_WIDGET (self->toast_overlay),
                     _("This plan names no organisations yet: give a task a lead or responsible organisation first."),
                     FALSE);
        return NULL;
      }
  }
  return pb_forms_collect_dialog_new (GTK_WINDOW (self), GTK_WIDGET (self->toast_overlay), self->store, self->plan);
}

/**
 * pb_window_import_forms:
 * @paths: (element-type filename): returned progress forms
 *
 * Reads the forms and shows their review; Record writes each form as one
 * command.
 *
 * Returns: (transfer none) (nullable): the review window
 */
GtkWindow *
pb_window_import_forms (PbWindow  *self,
                        GPtrArray *paths)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  if (self->plan == NULL || self->store == NULL || paths->len == 0)
    return NULL;
  if (self->forms_dialog)
    gtk_window_destroy (self->forms_dialog);
  self->forms_dialog = pb_forms_review_window_new (GTK_WINDOW (self), GTK_WIDGET (self->toast_overlay), self->store,
                                                   pb_record_get_id (PB_RECORD (self->plan)), paths, NULL);
  g_object_add_weak_pointer (G_OBJECT (self->forms_dialog), (gpointer *) &self->forms_dialog);
  return self->forms_dialog;
}

GtkWidget *
pb_window_get_form_status (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  ensure_organisations (self);
  return self->form_status_view;
}

static void
collect_progress_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->forms_dialog)
    gtk_window_destroy (self->forms_dialog);
  self->forms_dialog = pb_window_collect_progress (self);
  if (self->forms_dialog)
    g_object_add_weak_pointer (G_OBJECT (self->forms_dialog), (gpointer *) &self->forms_dialog);
}

static void
import_forms_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path)
            g_ptr_array_add (paths, path);
        }
      pb_window_import_forms (self, paths);
    }
  g_object_unref (chooser);
}

static void
import_forms_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->plan == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Import Returned Forms"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Review"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Progress forms (.xlsx, .csv)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_forms_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Returned forms dropped on the window go to the review. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PbWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (GSList *l = files; l; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path && pb_form_is_supported_file (path))
        g_ptr_array_add (paths, path);
      else
        g_free (path);
    }
  if (paths->len == 0 || self->plan == NULL)
    return FALSE;
  pb_window_import_forms (self, paths);
  return TRUE;
}

/**
 * pb_window_get_report_dialog:
 *
 * Returns: (transfer none) (nullable): the report dialog, when open
 */
GtkWindow *
pb_window_get_report_dialog (PbWindow *self)
{
  return self->report_dialog;
}

/* Adds the file's plans (one undoable command), a plan the library holds
 * already titled "… (copy)", and shows the last. */
static void
add_plan_file (PbWindow   *self,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pb_store_import_file_full (self->store, path, PB_IMPORT_MARK_COPIES, &error);

  if (id == 0)
    show_error (self, error);
  else
    pb_window_select_plan (self, id);
}

static void
plan_file_twin_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PbWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  gint64 *twin = g_object_get_data (G_OBJECT (dialog), "twin");

  if (g_str_equal (response, "open"))
    pb_window_select_plan (self, *twin);
  else if (g_str_equal (response, "copy"))
    add_plan_file (self, path);
}

/**
 * pb_window_open_plan_file:
 * @self: the main window
 * @path: a `.planboard` or `.json` plan file
 *
 * Open Plan File…: adds the file's plan to the library and shows it. When
 * the library already holds a plan with the same title and document
 * number (a file exported from it), asks first: open the existing plan,
 * or add a copy, titled "… (copy)".
 *
 * Returns: (transfer none) (nullable): the question, when asked
 */
GtkWidget *
pb_window_open_plan_file (PbWindow   *self,
                          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) existing = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;
  gint64 twin;

  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  twin = pb_store_find_plan_file_twin (self->store, path, &error);
  if (error != NULL)
    {
      show_error (self, error);
      return NULL;
    }
  if (twin == 0)
    {
      add_plan_file (self, path);
      return NULL;
    }

  existing = pb_store_get_record (self->store, PB_TYPE_PLAN, twin);
  name = g_filename_display_basename (path);
  dialog = pb_ui_plan_twin_dialog_new (GTK_WINDOW (self), name, existing ? pb_plan_get_title (existing) : NULL);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "twin", g_memdup2 (&twin, sizeof twin), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (plan_file_twin_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
open_plan_file_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        pb_window_open_plan_file (self, path);
    }
  g_object_unref (chooser);
}

static void
open_plan_file_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->store == NULL)
    return;
  gtk_file_filter_set_name (filter, _("Plan files"));
  gtk_file_filter_add_suffix (filter, "planboard");
  gtk_file_filter_add_suffix (filter, "json");
  chooser = gtk_file_chooser_native_new (_("Open a Plan File"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_plan_file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * pb_window_open_library:
 * @self: the main window
 * @path: a library file
 *
 * Opens the library at @path in a window of its own, as `planboard --db
 * PATH` does, and closes this one: the window is made for one library.
 *
 * Returns: whether the new window's program was started
 */
gboolean
pb_window_open_library (PbWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { program ? program : "planboard", "--db", path, NULL };

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_spawn_async (NULL, (char **) argv, NULL, program ? G_SPAWN_DEFAULT : G_SPAWN_SEARCH_PATH,
                      NULL, NULL, NULL, error))
    return FALSE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
open_library_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path && !pb_window_open_library (self, path, &error))
        show_error (self, error);
    }
  g_object_unref (chooser);
}

/* Open Another Library…: from the main menu, or from the page that says
 * the library could not be opened. */
static void
open_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Planboard libraries"));
  gtk_file_filter_add_suffix (filter, "db");
  chooser = gtk_file_chooser_native_new (_("Open a Library"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_library_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
delete_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (self->plan == NULL)
    return;

  title = g_strdup (pb_plan_get_title (self->plan));
  if (!pb_store_delete (self->store, self->plan, &error))
    {
      show_error (self, error);
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), title);
  pb_ui_toast_destructive (GTK_WIDGET (self->toast_overlay), text);
}

/* The buttons say what they undo and redo: "Undo Change Due Date", and
 * where, for a command made in another plan than the one shown. */
static void
update_history_tips (PbWindow *self)
{
  {
    g_autofree char *undo = NULL;
    g_autofree char *redo = NULL;

    if (self->store && pb_store_can_undo (self->store))
      {
        g_autofree char *other = dup_other_plan_title (self, pb_store_get_undo_plan (self->store));

        if (other)
          /* Translators: the Undo button's tooltip when the command was made
           * in another plan than the one shown: the command, then the
           * plan's title, "Undo Add Dependency in 测试行动方案" */
          undo = g_strdup_printf (_("Undo %s in %s"), pb_store_get_undo_label (self->store), other);
        else
          /* Translators: the Undo button's tooltip; %s is a command, "Move 3 Items" */
          undo = g_strdup_printf (_("Undo %s"), pb_store_get_undo_label (self->store));
      }
    if (self->store && pb_store_can_redo (self->store))
      {
        g_autofree char *other = dup_other_plan_title (self, pb_store_get_redo_plan (self->store));

        if (other)
          /* Translators: the Redo button's tooltip when the command was made
           * in another plan: the command, then the plan's title */
          redo = g_strdup_printf (_("Redo %s in %s"), pb_store_get_redo_label (self->store), other);
        else
          /* Translators: the Redo button's tooltip; %s is a command */
          redo = g_strdup_printf (_("Redo %s"), pb_store_get_redo_label (self->store));
      }
    gtk_widget_set_tooltip_text (self->undo_button, undo ? undo : _("Undo"));
    gtk_widget_set_tooltip_text (self->redo_button, redo ? redo : _("Redo"));
  }
}

static void
history_changed_cb (PbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->store != NULL && pb_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-command",
                                 self->store != NULL && pb_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->store != NULL && pb_store_can_redo (self->store));

  update_history_tips (self);
  apply_read_only (self);
}

/* ---- Window state ----------------------------------------------------- */

static void
pb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_GROUPING_NAME:
      g_value_set_string (value, get_grouping_name (PB_WINDOW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_GROUPING_NAME:
      set_grouping_name (PB_WINDOW (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);
  PbApplication *app = PB_APPLICATION (gtk_window_get_application (window));
  GSettings *settings = app ? pb_application_get_settings (app) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_int64 (settings, "last-plan", pb_window_get_selected_plan (self));
      if (adw_view_stack_get_visible_child_name (self->view_stack))
        g_settings_set_string (settings, "last-view", adw_view_stack_get_visible_child_name (self->view_stack));
    }

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = PB_WINDOW (object);

  /* What the editor still holds (a progress in its pause, a field being
   * typed) is stored while the window is whole: the commands it makes
   * update the window's Undo and Redo. */
  if (self->editor && self->store)
    pb_item_editor_flush (PB_ITEM_EDITOR (self->editor));
  if (self->plan)
    g_clear_signal_handler (&self->plan_notify_id, self->plan);
  g_clear_object (&self->plan);
  if (self->timeline_items)
    g_signal_handlers_disconnect_by_func (self->timeline_items, update_timeline_empty, self);
  g_clear_object (&self->timeline_items);
  g_clear_handle_id (&self->timeline_empty_id, g_source_remove);
  g_clear_object (&self->organisations);
  g_clear_object (&self->offline_toast);
  if (self->forms_dialog)
    {
      GtkWindow *dialog = self->forms_dialog;

      g_clear_weak_pointer (&self->forms_dialog);
      gtk_window_destroy (dialog);
    }
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->board = NULL;
  self->editor = NULL;
  g_clear_object (&self->plan_selection);
  g_clear_object (&self->plans);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->get_property = pb_window_get_property;
  object_class->set_property = pb_window_set_property;
  window_class->close_request = pb_window_close_request;

  properties[PROP_GROUPING_NAME] =
    g_param_spec_string ("grouping-name", NULL, NULL, "section",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, plans_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, plan_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, board_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, indicators_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, organisations_bin);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, timeline_scroller);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, editor_bin);
  gtk_widget_class_bind_template_child_full (widget_class, "editor_flap", FALSE, G_STRUCT_OFFSET (PbWindow, board_flap));
  gtk_widget_class_bind_template_child (widget_class, PbWindow, timeline_flap);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, org_filter);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, health_filter);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, grouping_menu);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, grouping_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, bulk_revealer);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, bulk_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, bulk_more_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, bulk_all_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, items_menu);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.show-hint", "s", show_hint_action);
  gtk_widget_class_install_action (widget_class, "win.undo-command", "x", undo_command_action);
  gtk_widget_class_install_action (widget_class, "win.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "win.export-ledger", NULL, export_ledger_action);
  gtk_widget_class_install_action (widget_class, "win.collect-progress", NULL, collect_progress_action);
  gtk_widget_class_install_action (widget_class, "win.import-forms", NULL, import_forms_action);
  gtk_widget_class_install_action (widget_class, "win.organisations-all-plans", NULL, organisations_all_plans_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-example", NULL, add_example_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_property_action (widget_class, "win.grouping", "grouping-name");
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.close-editor", NULL, close_editor_action);
  gtk_widget_class_install_action (widget_class, "win.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.rename-plan", NULL, rename_plan_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-plan", NULL, duplicate_plan_action);
  gtk_widget_class_install_action (widget_class, "win.export-plan", NULL, export_plan_action);
  gtk_widget_class_install_action (widget_class, "win.open-plan-file", NULL, open_plan_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-library", NULL, open_library_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename-plan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-plan", NULL);
  gtk_widget_class_install_action (widget_class, "win.delete-plan", NULL, delete_plan_action);
  pb_window_edit_class_init (widget_class);
}

/* The keyboard shortcuts window, made when first shown: GTK makes it with
 * every window from gtk/help-overlay.ui, a few hundred widgets nobody sees
 * at start. gtk_application_window_set_help_overlay() then does what GTK
 * does with it (modal, transient, hidden on close) and keeps it. */
static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/planboard/Planboard/ui/pb-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_widget_show (GTK_WIDGET (overlay));
}

/* A menu button's menu is made when first opened: a popover menu made
 * from its model at start is a third of what the window's template costs,
 * for menus not yet opened. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       model)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

static void
primary_menu_closed_cb (PbWindow *self)
{
  pb_window_edit_menu_shown (self, FALSE);
  /* (What a read-only library or a reporter may not do stays off.) */
  apply_read_only (self);
}

/* The main menu, about to open: its commands on the selected items are
 * insensitive while nothing is selected. */
static void
primary_menu_popup_cb (GtkMenuButton *button,
                       gpointer       data)
{
  PbWindow *self = PB_WINDOW (data);

  GtkPopover *popover;

  create_menu_cb (button, self->primary_menu);
  popover = gtk_menu_button_get_popover (button);
  if (popover && g_signal_handler_find (popover, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                        primary_menu_closed_cb, self) == 0)
    g_signal_connect_swapped (popover, "closed", G_CALLBACK (primary_menu_closed_cb), self);
  pb_window_edit_menu_shown (self, TRUE);
  apply_read_only (self);
}

static void trace_realize_cb (GtkWidget *widget);

/* The bulk bar lies over the bottom of the views (bulk_overlay), which
 * keep their height as it comes and goes, so that no row or card moves
 * under the pointer (issue 14). Their content ends the bar's height
 * higher, a constant, so that the last row or card shows above the bar;
 * and the toasts and the views' horizontal scrollbars rise above it while
 * it shows (.pb-toasts-raised, .pb-bulk-shown). */
static void
setup_bulk_inset (PbWindow *self)
{
  static GtkCssProvider *provider;
  static int provided;
  GtkWidget *bar = gtk_revealer_get_child (GTK_REVEALER (self->bulk_revealer));
  int natural = 0;

  gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  self->bulk_inset = MAX (natural, 1);
  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  if (provided != self->bulk_inset)
    {
      /* 24 px: libadwaita's own margin under a toast. */
      g_autofree char *css = g_strdup_printf (".board-column gridview.board-list { padding-bottom: %dpx; }\n"
                                              "toastoverlay.pb-toasts-raised > toast { margin-bottom: %dpx; }\n"
                                              ".pb-bulk-shown scrolledwindow.pb-above-bulk-bar > scrollbar.horizontal"
                                              " { margin-bottom: %dpx; }\n",
                                              self->bulk_inset, self->bulk_inset + 24, self->bulk_inset);

      gtk_css_provider_load_from_data (provider, css, -1);
      provided = self->bulk_inset;
    }
}

/* The view switcher bar lies below the whole window, out of the toasts'
 * overlay (a toast covered its tabs at 800 px): it shows when the header
 * is too narrow for the tabs, with a plan on show, and not under the
 * list of plans when that is all a folded window shows. */
static void
update_switcher_bar (PbWindow *self)
{
  gboolean reveal;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  reveal = adw_view_switcher_title_get_title_visible (self->switcher_title) &&
           g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "plan") == 0;
  if (reveal && adw_leaflet_get_folded (self->leaflet))
    {
      GtkWidget *shown = adw_leaflet_get_visible_child (self->leaflet);

      reveal = shown && gtk_widget_is_ancestor (GTK_WIDGET (self->stack), shown);
    }
  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

/* libadwaita 1.2's AdwViewSwitcherTitle shows, in an AdwSqueezer, the
 * first of its wide tabs (icon beside label), narrow tabs (icon above
 * label) and title that fits the width its header bar gives it. It is
 * made showing the wide tabs, and a switch made while the window is
 * mapped goes through the squeezer's animation, whose end one frame later
 * unmaps the tabs left and lays the window out again; at 360 px the
 * title's switch also reveals the view switcher bar below the window
 * with its own animation, a frame at a time. Before the window maps (at
 * its realize), the header bar is laid out once at the width the
 * window's default width will give it, so that the squeezer makes its
 * choice while no animation can run and the first frame already shows
 * it. The squeezer still chooses at every allocation, by the same rule:
 * a width guessed wrong (a maximized window, a sidebar wider than
 * measured) costs the frame this saves, never what shows. */
static void
settle_switcher_title_cb (PbWindow *self)
{
  GtkWidget *title = GTK_WIDGET (self->switcher_title);
  GtkWidget *header = gtk_widget_get_ancestor (title, ADW_TYPE_HEADER_BAR);
  GtkWidget *squeezer = gtk_widget_get_first_child (title);
  GListModel *pages = G_LIST_MODEL (adw_leaflet_get_pages (self->leaflet));
  int width, height, header_min, header_height;
  double frame_x, frame_y;
  int fold_min = 0, beside = 0;
  guint n_pages = g_list_model_get_n_items (pages);

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width <= 0 || header == NULL || !ADW_IS_SQUEEZER (squeezer) ||
      gtk_window_is_maximized (GTK_WINDOW (self)) || gtk_window_is_fullscreen (GTK_WINDOW (self)) ||
      !gtk_widget_get_visible (GTK_WIDGET (self->stack)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "plan") != 0)
    {
      g_object_unref (pages);
      return;
    }
  /* Only the header bar and what lies beside it are measured here (the
   * views are laid out with the window, once). The window's frame: its
   * border and shadow, with client-side decorations. */
  pb_trace_start ("window: realize (surface made)");
  gtk_native_get_surface_transform (GTK_NATIVE (self), &frame_x, &frame_y);
  width -= 2 * CLAMP ((int) frame_x, 0, 64);
  /* Unfolded, the leaflet gives the pages before the content (the list of
   * plans, its separator) their natural width, the content the rest; it
   * folds below the sum of their minimum widths (the content's is its
   * size request). */
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr (AdwLeafletPage) page = g_list_model_get_item (pages, i);
      GtkWidget *child = adw_leaflet_page_get_child (page);
      int min, nat;

      if (!gtk_widget_get_visible (child))
        continue;
      if (gtk_widget_is_ancestor (header, child))
        {
          gtk_widget_get_size_request (child, &min, NULL);
          fold_min += MAX (min, 0);
          continue;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      fold_min += min;
      beside += nat;
    }
  g_object_unref (pages);
  if (adw_leaflet_get_can_unfold (self->leaflet) && width >= fold_min)
    width -= beside;

  gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &header_min, NULL, NULL, NULL);
  width = MAX (width, header_min);
  gtk_widget_measure (header, GTK_ORIENTATION_VERTICAL, width, &header_height, NULL, NULL, NULL);
  gtk_widget_allocate (header, width, header_height, -1, NULL);
  /* The board below it: the columns and cards it makes before its first
   * layout are those of this much (the window's default size, less the
   * sidebar, the frame and the header bar). */
  if (self->board)
    pb_board_view_set_size_hint (PB_BOARD_VIEW (self->board), width,
                                 height - 2 * CLAMP ((int) frame_y, 0, 64) - header_height);
  pb_trace_start ("window: header laid out at %d px, %s", width,
                  adw_view_switcher_title_get_title_visible (self->switcher_title) ? "title" : "tabs");
}

static void
pb_window_init (PbWindow *self)
{
  GtkListItemFactory *factory;

  pb_trace_start ("window: init");
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_trace_start ("window: template");
  g_signal_connect (self, "realize", G_CALLBACK (settle_switcher_title_cb), NULL);
  if (pb_trace_start_on)
    g_signal_connect (self, "realize", G_CALLBACK (trace_realize_cb), NULL);
  /* Open Another Library… is for a library that could not be opened
   * (pb_window_set_application_store ()): the main menu of an open one
   * keeps its height (a laptop screen's, test-edit-feedback). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-library", FALSE);
  /* A tooltip waits for the pointer to move in the window, not for the
   * window to open under it (pb_ui_tooltip_wanted ()). */
  pb_ui_track_pointer_motion (GTK_WIDGET (self));
  self->editor_flap = self->board_flap;
  g_signal_connect_object (self->board_flap, "notify::reveal-progress",
                           G_CALLBACK (editor_reveal_progress_cb), self, 0);
  g_signal_connect_object (self->timeline_flap, "notify::reveal-progress",
                           G_CALLBACK (editor_reveal_progress_cb), self, 0);

  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, primary_menu_popup_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, primary_menu_popup_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->grouping_button), create_menu_cb, self->grouping_menu, NULL);
  /* No tooltip left over an open menu. */
  pb_ui_menu_button_quiet_tooltip (self->sidebar_menu_button);
  pb_ui_menu_button_quiet_tooltip (self->menu_button);
  pb_ui_menu_button_quiet_tooltip (GTK_MENU_BUTTON (self->grouping_button));
  /* The bulk bar's "⋯" of a narrower window, whose tooltip lay over its
   * own menu (issue 14). */
  pb_ui_menu_button_quiet_tooltip (self->bulk_more_button);
  pb_ui_menu_button_quiet_tooltip (self->bulk_all_button);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (plan_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (plan_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (plan_row_unbind), self);
  gtk_list_view_set_factory (self->plan_list, factory);
  g_object_unref (factory);

  /* At 360 px the content's header bar holds back, Undo, Redo, the title,
   * the main menu and three window controls: searching (Ctrl+F) and the
   * grouping move into the main menu, which the folded window shows here. */
  g_object_bind_property (self->leaflet, "folded", self->search_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (self->leaflet, "folded", self->grouping_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (self->switcher_title, "notify::title-visible", G_CALLBACK (update_switcher_bar),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (update_switcher_bar),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_switcher_bar),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (update_switcher_bar),
                           self, G_CONNECT_SWAPPED);
  update_switcher_bar (self);
  setup_bulk_inset (self);

  g_signal_connect_object (self->plan_list, "activate", G_CALLBACK (plan_activated_cb),
                           self, G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "released", G_CALLBACK (plan_list_released_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->plan_list), GTK_EVENT_CONTROLLER (click));
  }

  {
    g_autoptr(GSimpleAction) help = g_simple_action_new ("show-help-overlay", NULL);

    g_signal_connect_object (help, "activate", G_CALLBACK (show_help_overlay_cb), self, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));
  }
}

/* PLANBOARD_TRACE_START: the window's frames, and the main loop's first
 * idle moment after each. */
static guint trace_frames;

static gboolean
trace_idle_cb (gpointer data)
{
  pb_trace_start ("idle after frame %u", GPOINTER_TO_UINT (data));
  return G_SOURCE_REMOVE;
}

static void
trace_layout_cb (GdkFrameClock *clock)
{
  pb_trace_start ("frame %u: layout", trace_frames + 1);
}

static void
trace_paint_cb (GdkFrameClock *clock)
{
  pb_trace_start ("frame %u: layout done, paint", trace_frames + 1);
}

static void
trace_after_paint_cb (GdkFrameClock *clock)
{
  trace_frames++;
  pb_trace_start ("frame %u: painted", trace_frames);
  g_idle_add_full (G_PRIORITY_LOW, trace_idle_cb, GUINT_TO_POINTER (trace_frames), NULL);
}

static void
trace_realize_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  pb_trace_start ("window: realized");
  g_signal_connect (clock, "layout", G_CALLBACK (trace_layout_cb), NULL);
  g_signal_connect_after (clock, "paint", G_CALLBACK (trace_paint_cb), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (trace_after_paint_cb), NULL);
}

static void
pb_window_set_application_store (PbWindow      *self,
                                 PbApplication *app)
{
  GSettings *settings = pb_application_get_settings (app);
  const GError *error = pb_application_get_store_error (app);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  self->store = pb_application_get_store (app);
  if (self->store == NULL)
    {
      g_autofree char *detail = NULL;
      g_autofree char *said = error ? pb_store_error_split (error->message, &detail) : NULL;
      g_autofree char *escaped = said ? g_markup_escape_text (said, -1) : NULL;

      /* A status page's description is markup; the library's name is not.
       * What SQLite or the server said in its own words (English) is for
       * the log and the page's tooltip: the page says it in the
       * planner's language. */
      adw_status_page_set_description (self->error_page, escaped);
      if (detail != NULL)
        {
          g_message ("%s (%s)", said, detail);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_page), detail);
        }
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-example", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-plan", FALSE);
      /* Nothing to switch between or search: only a way to another
       * library (the page's button, the main menu's entry). */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-plan", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-plan-file", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.organisations-all-plans", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", FALSE);
      adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-library", TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
      history_changed_cb (self);
      return;
    }
  g_object_ref (self->store);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (plans_changed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  pb_trace_start ("window: store given");
  self->board = pb_board_view_new (self->store);
  adw_bin_set_child (self->board_bin, self->board);
  g_signal_connect_object (self->board, "item-activated", G_CALLBACK (item_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->board, "item-selected", G_CALLBACK (board_item_selected_cb), self, G_CONNECT_SWAPPED);
  self->timeline = pb_timeline_view_new (self->store);
  gtk_scrolled_window_set_child (self->timeline_scroller, self->timeline);
  pb_timeline_view_set_bottom_inset (PB_TIMELINE_VIEW (self->timeline), self->bulk_inset);
  g_signal_connect_object (self->timeline, "item-activated", G_CALLBACK (timeline_item_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "hint", G_CALLBACK (timeline_hint_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "selection-changed", G_CALLBACK (timeline_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* The Indicators and Organisations pages are made when first shown
   * (ensure_indicators (), ensure_organisations ()). */
  pb_window_edit_setup_views (self);
  pb_trace_start ("window: board and timeline made");
  g_signal_connect_object (self->board, "notify::n-selected", G_CALLBACK (pb_window_edit_update_selection),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::n-selected", G_CALLBACK (pb_window_edit_update_selection),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (pb_window_edit_update_selection),
                           self, G_CONNECT_SWAPPED);
  /* The bulk bar lies below the whole leaflet: a folded one showing the
   * list of plans hides it. */
  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (pb_window_edit_update_selection),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (pb_window_edit_update_selection),
                           self, G_CONNECT_SWAPPED);

  /* Which library this is, when it is not the planner's own file: a
   * shared library names its database and server; one that could not be
   * reached says so, over the local library that opened instead. */
  show_library (self);
  /* (A password the server asks for is asked in a dialog instead.) */
  if (error != NULL && !g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_NEEDS_PASSWORD))
    show_error (self, error);

  self->refresh_id = g_timeout_add (REFRESH_MSEC, refresh_cb, self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);

  g_signal_connect_object (self->store, "notify::online", G_CALLBACK (online_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::can-undo", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::can-redo", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::undo-label", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  history_changed_cb (self);

  /* A library that cannot be written opens for reading; say why (the
   * sidebar's title keeps saying "Read-Only"). */
  {
    g_autoptr(GError) read_only = NULL;

    const char *organisation = NULL;

    if (!pb_store_check_writable (self->store, &read_only))
      {
        show_error (self, read_only);
      }
    else if (pb_store_get_member_role (self->store, &organisation) == PB_STORE_MEMBER_REPORTER)
      {
        g_autofree char *escaped = g_markup_escape_text (organisation, -1);
        /* Translators: said once when a reporter opens a shared library;
         * %s is its organisation, 市工业和信息化局 */
        AdwToast *toast = adw_toast_new_format (_("You report for %s: actuals, notes, status and progress of its items only."),
                                                escaped);

        adw_toast_set_timeout (toast, 8);
        adw_toast_overlay_add_toast (self->toast_overlay, toast);
      }
  }

  pb_trace_start ("window: library shown, checked writable");
  self->plans = pb_store_list_plans (self->store);
  self->plan_selection = gtk_single_selection_new (g_object_ref (self->plans));
  gtk_single_selection_set_autoselect (self->plan_selection, TRUE);
  g_signal_connect_object (self->plan_selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->plan_list, GTK_SELECTION_MODEL (self->plan_selection));
  pb_trace_start ("window: plans listed");

  /* The last page first, so that the plan goes to the page shown (the
   * board gets it when it is shown). */
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (visible_view_changed_cb),
                           self, G_CONNECT_SWAPPED);
  if (settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (settings, "last-view");

      if (adw_view_stack_get_child_by_name (self->view_stack, view))
        adw_view_stack_set_visible_child_name (self->view_stack, view);
      pb_trace_start ("window: last view shown");
      pb_window_select_plan (self, g_settings_get_int64 (settings, "last-plan"));
    }
  selection_changed_cb (self);
  pb_trace_start ("window: last plan selected");

  /* A narrow window opens on the plan it shows, not on the list of plans
   * (the leaflet's first child), however late it folds. */
  if (gtk_single_selection_get_selected_item (self->plan_selection) != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

PbWindow *
pb_window_new (PbApplication *application)
{
  PbWindow *self = g_object_new (PB_TYPE_WINDOW, "application", application, NULL);

  pb_window_set_application_store (self, application);
  return self;
}
