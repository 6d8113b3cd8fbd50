/* pb-window-edit.c — the window's actions for editing a plan by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add Item (Insert), Delete (the chosen items, with an Undo toast that
 * names them), Plan Properties… (Alt+Return), the section actions the
 * board's column menus and the plan menu offer, and the edits of several
 * chosen cards at once. Each calls one store command (pb-store-edit.c).
 */
#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-format.h"
#include "pb-board-view.h"
#include "pb-item-editor.h"
#include "pb-plan-properties.h"
#include "pb-task-card.h"
#include "pb-timeline-view.h"
#include "pb-ui-util.h"
#include "pb-window-edit.h"

static void
toast (PbWindow   *self,
       const char *text,
       gboolean    with_undo)
{
  /* Any widget under the window's toast overlay will do. */
  GtkWidget *anchor = pb_window_peek_board (self);

  pb_ui_toast (anchor ? anchor : GTK_WIDGET (self), text, with_undo);
}

/* The Undo toast of a destructive command: it stays longer. */
static void
toast_destructive (PbWindow   *self,
                   const char *text)
{
  GtkWidget *anchor = pb_window_peek_board (self);

  pb_ui_toast_destructive (anchor ? anchor : GTK_WIDGET (self), text);
}

static void
refuse (PbWindow     *self,
        const GError *error)
{
  toast (self, error->message, FALSE);
}

/* After a command: a toast that names it, with Undo. One that changed
 * nothing (the items already had that status, lead or organisation)
 * recorded nothing: it says so, and offers no Undo, which would take
 * back the command before, perhaps in another plan (a reviewer undid a
 * whole plan's import from such a toast). @mark is the store's undo mark
 * from before the command. */
static void
toast_command (PbWindow *self,
               gint64    mark)
{
  PbStore *store = pb_window_get_store (self);

  if (pb_store_get_undo_mark (store) == mark)
    toast (self, _("Nothing changed: the chosen items were already like that."), FALSE);
  else if (pb_store_can_undo (store))
    toast (self, pb_store_get_undo_label (store), TRUE);
}

static gboolean
timeline_shown (PbWindow *self)
{
  GtkWidget *timeline = pb_window_get_timeline (self);

  return timeline && gtk_widget_get_mapped (timeline);
}

static gboolean
focus_view_idle (gpointer data)
{
  g_autoptr(PbWindow) self = data;
  GtkWidget *view, *focus;

  /* The window may have closed meanwhile. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  view = timeline_shown (self) ? pb_window_get_timeline (self) : pb_window_get_board (self);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (view && gtk_widget_get_mapped (view) &&
      (focus == NULL || (focus != view && !gtk_widget_is_ancestor (focus, view))))
    {
      if (PB_IS_BOARD_VIEW (view))
        pb_board_view_focus (PB_BOARD_VIEW (view));
      else
        gtk_widget_grab_focus (view);
    }
  return G_SOURCE_REMOVE;
}

/**
 * pb_window_focus_view:
 * @self: the main window
 *
 * After a command run from a menu, a popover, a dialog or the action bar,
 * gives the keyboard back to the board or timeline (once the popover has
 * closed and put the focus on its button), so Ctrl+Z, Delete and the arrow
 * keys work straight away.
 */
static void
menu_closed_cb (GtkPopover *popover,
                PbWindow   *self)
{
  g_signal_handlers_disconnect_by_func (popover, menu_closed_cb, self);
  g_idle_add_full (G_PRIORITY_LOW, focus_view_idle, g_object_ref (self), NULL);
}

void
pb_window_focus_view (PbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *popover = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) : NULL;

  /* From a menu: once it has closed and handed the focus to its button. */
  if (popover && gtk_widget_get_visible (popover))
    g_signal_connect_object (popover, "closed", G_CALLBACK (menu_closed_cb), self, 0);
  g_idle_add_full (G_PRIORITY_LOW, focus_view_idle, g_object_ref (self), NULL);
}

/**
 * pb_window_get_selected_items:
 * @self: the main window
 *
 * Returns: (transfer full): the ids of the items the next edit applies to:
 *   the bars chosen on the timeline, or its selected one; else the cards chosen on the board or
 *   the card the keyboard is on (or was on, before a menu took it); else the item in the editor
 */
GArray *
pb_window_get_selected_items (PbWindow *self)
{
  GtkWidget *editor = pb_window_peek_editor (self);
  GtkWidget *board;
  GArray *ids = NULL;

  if (timeline_shown (self))
    ids = pb_timeline_view_get_selected_items (PB_TIMELINE_VIEW (pb_window_get_timeline (self)));
  else if ((board = pb_window_get_board (self)))
    {
      ids = pb_board_view_get_selected_items (PB_BOARD_VIEW (board));
      /* From the main menu: the card the keyboard was on before the
       * menu took it (a selection of one). */
      if (ids->len == 0 && gtk_widget_get_mapped (board))
        {
          gint64 id = pb_board_view_get_cursor_item (PB_BOARD_VIEW (board));

          if (id != 0)
            g_array_append_val (ids, id);
        }
    }
  else
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (ids->len == 0 && editor && pb_item_editor_get_item (PB_ITEM_EDITOR (editor)))
    {
      gint64 id = pb_record_get_id (PB_RECORD (pb_item_editor_get_item (PB_ITEM_EDITOR (editor))));
      g_array_append_val (ids, id);
    }
  return ids;
}

/* ---- Modal dialogs -------------------------------------------------------- */

static void
modal_unmapped_cb (GtkWidget *dialog,
                   PbWindow  *self)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));

  g_signal_handlers_disconnect_by_func (dialog, modal_unmapped_cb, self);
  if (content)
    gtk_widget_set_can_target (content, TRUE);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* While @dialog, modal, is on screen, the window under it takes no
 * pointer: GTK would otherwise still show the tooltips of what the pointer
 * rests on there (the list of plans), which then stayed on screen over
 * the window once the dialog had gone. A tooltip shown before it opened
 * goes now; on closing, the tooltips are asked again for where the
 * pointer is. */
static void
present_modal (PbWindow  *self,
               GtkWidget *dialog)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));

  if (content)
    gtk_widget_set_can_target (content, FALSE);
  g_signal_connect_object (dialog, "unmap", G_CALLBACK (modal_unmapped_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (modal_unmapped_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* ---- Add Item ----------------------------------------------------------- */

/* What a board column's key says a new item in it is: "section:12",
 * "status:blocked", "lead:7". */
static void
read_column_key (const char   *key,
                 gint64       *section_id,
                 PbItemStatus *status,
                 gint64       *lead_id)
{
  if (key == NULL)
    return;
  if (g_str_has_prefix (key, "section:"))
    *section_id = g_ascii_strtoll (key + 8, NULL, 10);
  else if (g_str_has_prefix (key, "lead:"))
    *lead_id = g_ascii_strtoll (key + 5, NULL, 10);
  else if (g_str_has_prefix (key, "status:"))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_ITEM_STATUS);
      GEnumValue *value = g_enum_get_value_by_nick (klass, key + 7);

      if (value)
        *status = value->value;
    }
}

/* Where a new task goes when only its status or lead is known: the first
 * section that holds tasks, not a chapter heading whose content is in its
 * sub-sections; else the first section with no sub-sections; else the
 * first. */
static gint64
first_section (PbStore *store,
               gint64   plan_id)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan_id);
  g_autoptr(GListModel) sections = pb_store_list_sections (store, plan_id);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (sections);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);

      if (pb_item_get_kind (item) == PB_ITEM_KIND_TASK && pb_item_get_section_id (item) != 0)
        return pb_item_get_section_id (item);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      gint64 parent = pb_section_get_parent_id (s);

      g_hash_table_add (parents, g_memdup2 (&parent, sizeof parent));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      gint64 id = pb_record_get_id (PB_RECORD (s));

      if (!g_hash_table_contains (parents, &id))
        return id;
    }
  if (n > 0)
    {
      g_autoptr(PbSection) first = g_list_model_get_item (sections, 0);

      return pb_record_get_id (PB_RECORD (first));
    }
  return 0;
}

/* The kind a new item in @section_id takes: the kind of all its items when
 * they are of one kind (a column of goals gets a goal), else a task. */
static PbItemKind
section_kind (PbStore *store,
              gint64   section_id)
{
  g_autoptr(GListModel) items = section_id ? pb_store_list_section_items (store, section_id) : NULL;
  guint n = items ? g_list_model_get_n_items (items) : 0;
  PbItemKind kind = PB_ITEM_KIND_TASK;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);

      if (i > 0 && pb_item_get_kind (item) != kind)
        return PB_ITEM_KIND_TASK;
      kind = pb_item_get_kind (item);
    }
  return kind;
}

static gboolean
focus_title_idle (gpointer data)
{
  g_autoptr(PbWindow) self = data;
  GtkWidget *editor = pb_window_get_editor (self);

  if (editor)
    pb_item_editor_focus_title (PB_ITEM_EDITOR (editor));
  return G_SOURCE_REMOVE;
}

/**
 * pb_window_add_item:
 * @self: the main window
 * @column_key: (nullable): the board column it goes in ("section:12"…);
 *   %NULL: after the selected card or bar, else at the end of the first
 *   column
 *
 * Adds an item, numbered next in its section and dated over the plan's
 * period, and opens it in the editor with its title selected.
 *
 * Returns: the new item's id, or 0
 */
gint64
pb_window_add_item (PbWindow   *self,
                    const char *column_key)
{
  PbStore *store = pb_window_get_store (self);
  PbPlan *plan = pb_window_get_plan (self);
  /* The new item opens on the board, which has the plan from now on. */
  GtkWidget *board = pb_window_get_board (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = NULL;
  PbItemStatus status = PB_ITEM_STATUS_NOT_STARTED;
  PbItemKind kind = PB_ITEM_KIND_TASK;
  gint64 plan_id, after = 0, section = -1, lead = 0, id;
  gboolean keyed_section = FALSE;
  const char *key = column_key;
  g_autofree char *header_key = NULL;

  if (plan == NULL || store == NULL)
    return 0;
  /* An untitled item added just before goes first (Insert twice), before
   * the place of the new one is worked out from what is chosen. */
  pb_window_drop_fresh_item (self);
  plan_id = pb_record_get_id (PB_RECORD (plan));

  if (key == NULL)
    {
      if (timeline_shown (self))
        {
          PbTimelineView *timeline = PB_TIMELINE_VIEW (pb_window_get_timeline (self));
          gint64 header = 0;

          after = pb_timeline_view_get_selected (timeline);
          /* The keyboard on a section's header: the end of that section. */
          if (after == 0 && pb_timeline_view_get_focused_section (timeline, &header) && header > 0)
            key = header_key = g_strdup_printf ("section:%" G_GINT64_FORMAT, header);
        }
      else if (board)
        after = pb_board_view_get_focused_item (PB_BOARD_VIEW (board), &key);
      if (after == 0)
        {
          g_autoptr(GArray) ids = pb_window_get_selected_items (self);
          after = ids->len ? g_array_index (ids, gint64, ids->len - 1) : 0;
        }
    }

  if (after != 0)
    {
      g_autoptr(PbItem) before = pb_store_get_record (store, PB_TYPE_ITEM, after);

      if (before == NULL)
        after = 0;
      else
        {
          section = pb_item_get_section_id (before);
          /* A goal after a goal, a measure after a measure. */
          kind = pb_item_get_kind (before);
          if (board && column_key == NULL)
            {
              /* The new item joins the column of the one it follows,
               * whether it was chosen by a click or has the keyboard
               * (then @key is that column's, and says the same). */
              PbBoardGrouping grouping = pb_board_view_get_grouping (PB_BOARD_VIEW (board));

              if (grouping == PB_BOARD_GROUPING_STATUS)
                status = pb_item_get_status (before);
              else if (grouping == PB_BOARD_GROUPING_LEAD)
                {
                  g_autoptr(GListModel) orgs = pb_store_list_item_orgs (store, after);

                  for (guint i = 0; lead == 0 && i < g_list_model_get_n_items (orgs); i++)
                    {
                      g_autoptr(PbItemOrg) o = g_list_model_get_item (orgs, i);
                      if (pb_item_org_get_role (o) == PB_ROLE_LEAD)
                        lead = pb_item_org_get_organisation_id (o);
                    }
                }
            }
        }
    }

  /* Nothing chosen: the first column the planner sees, the leftmost in
   * view (the board opens at the first column with cards when the empty
   * ones before it would fill the window). */
  if (after == 0 && key == NULL && board && !timeline_shown (self) && pb_board_view_get_n_columns (PB_BOARD_VIEW (board)) > 0)
    key = pb_board_view_get_column_key (PB_BOARD_VIEW (board),
                                        pb_board_view_get_first_column_in_view (PB_BOARD_VIEW (board)));
  if (after == 0 || column_key)
    {
      gint64 keyed = -1;

      read_column_key (key, &keyed, &status, &lead);
      if (keyed >= 0)
        {
          section = keyed;
          keyed_section = TRUE;
        }
      else
        kind = PB_ITEM_KIND_TASK;
    }
  if (section < 0)
    section = first_section (store, plan_id);
  if (keyed_section)
    kind = section_kind (store, section);

  id = pb_store_insert_item (store, plan_id, section, column_key ? 0 : after, kind, NULL, "",
                             status, lead, &error);
  if (id == 0)
    {
      refuse (self, error);
      return 0;
    }

  item = pb_store_get_record (store, PB_TYPE_ITEM, id);
  /* It opens beside the Timeline when added there, else on the Board,
   * where a search or a filter would hide it (its title is still empty):
   * they are cleared, and the toast says why the other cards came back. */
  if (timeline_shown (self))
    pb_timeline_view_select (PB_TIMELINE_VIEW (pb_window_get_timeline (self)), id);
  else
    {
      GtkWidget *shown = pb_window_peek_board (self);

      if (shown && pb_board_view_is_filtering (PB_BOARD_VIEW (shown)))
        {
          gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-filter", NULL);
          toast (self, _("The search and filters were cleared to show the new item."), FALSE);
        }
      pb_window_show_board (self);
    }
  pb_window_open_editor (self, item);
  pb_window_set_fresh_item (self, id);
  /* After the flap has opened and the rows have their text. */
  g_idle_add (focus_title_idle, g_object_ref (self));
  return id;
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pb_window_add_item (PB_WINDOW (widget), parameter ? g_variant_get_string (parameter, NULL) : NULL);
}

/* ---- Delete ------------------------------------------------------------- */

/**
 * pb_window_delete_items:
 * @self: the main window
 *
 * Deletes the chosen items as one command and says which went, with Undo.
 *
 * Returns: %TRUE if something was deleted
 */
gboolean
pb_window_delete_items (PbWindow *self)
{
  PbStore *store = pb_window_get_store (self);
  /* A board waiting to be shown has nothing chosen. */
  GtkWidget *board = pb_window_peek_board (self);
  GtkWidget *editor = pb_window_peek_editor (self);
  g_autoptr(GArray) ids = pb_window_get_selected_items (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;

  if (store == NULL || ids->len == 0)
    return FALSE;

  what = pb_store_describe_items (store, (gint64 *) ids->data, ids->len);
  if (!pb_store_delete_items (store, (gint64 *) ids->data, ids->len, &error))
    {
      refuse (self, error);
      return FALSE;
    }

  if (editor && pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) &&
      pb_record_is_deleted (PB_RECORD (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)))))
    pb_window_close_editor (self);
  if (board)
    pb_board_view_set_selected (PB_BOARD_VIEW (board), NULL, 0);
  if (pb_window_get_timeline (self))
    pb_timeline_view_set_selected_items (PB_TIMELINE_VIEW (pb_window_get_timeline (self)), NULL, 0);

  /* Translators: a toast; %s is "3 加快5G网络规模化部署" or "3 items" */
  text = g_strdup_printf (_("Deleted %s"), what);
  toast_destructive (self, text);
  pb_window_focus_view (self);
  return TRUE;
}

static void
delete_items_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pb_window_delete_items (PB_WINDOW (widget));
}

/* ---- Plan Properties ---------------------------------------------------- */

static void
plan_properties_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  if (pb_window_get_plan (self))
    pb_plan_properties_new (GTK_WINDOW (self), pb_window_get_store (self), pb_window_get_plan (self));
}

/* ---- Sections ----------------------------------------------------------- */

/* The section an action with parameter 0 is about: the chosen item's. */
static PbSection *
target_section (PbWindow *self,
                GVariant *parameter)
{
  PbStore *store = pb_window_get_store (self);
  gint64 id = parameter ? g_variant_get_int64 (parameter) : 0;

  if (id == 0)
    {
      g_autoptr(GArray) ids = pb_window_get_selected_items (self);
      g_autoptr(PbItem) item = ids->len ? pb_store_get_record (store, PB_TYPE_ITEM, g_array_index (ids, gint64, 0)) : NULL;

      id = item ? pb_item_get_section_id (item) : 0;
    }
  return id ? pb_store_get_record (store, PB_TYPE_SECTION, id) : NULL;
}

/* The section just added, brought into view on the board: a new column
 * beyond the edge would look as if nothing had happened. */
static void
section_added_cb (GtkWidget *dialog,
                  PbWindow  *self)
{
  gint64 id = pb_section_dialog_get_saved_id (PB_SECTION_DIALOG (dialog));
  GtkWidget *board = pb_window_peek_board (self);

  if (id > 0 && board != NULL && pb_board_view_get_grouping (PB_BOARD_VIEW (board)) == PB_BOARD_GROUPING_SECTION)
    {
      g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, id);
      pb_board_view_show_column (PB_BOARD_VIEW (board), key);
    }
}

static void
add_section_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(PbSection) current = NULL;
  PbSectionDialog *dialog;

  if (pb_window_get_plan (self) == NULL)
    return;
  /* After the chosen item's section, beside it. */
  current = target_section (self, parameter);
  dialog = pb_section_dialog_new (GTK_WINDOW (self), pb_window_get_store (self), pb_window_get_plan (self), NULL,
                                  current ? pb_section_get_parent_id (current) : 0,
                                  current ? pb_record_get_id (PB_RECORD (current)) : 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (section_added_cb), self, 0);
}

static void
rename_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(PbSection) section = target_section (self, parameter);

  if (section == NULL)
    {
      toast (self, _("Choose an item of the section first."), FALSE);
      return;
    }
  pb_section_dialog_new (GTK_WINDOW (self), pb_window_get_store (self), pb_window_get_plan (self), section, 0, 0);
}

static void
move_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbStore *store = pb_window_get_store (self);
  g_autoptr(PbSection) section = target_section (self, parameter);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (section == NULL)
    return;
  if (g_str_equal (action_name, "win.section-up"))
    ok = pb_store_shift_section (store, section, -1, &error);
  else if (g_str_equal (action_name, "win.section-down"))
    ok = pb_store_shift_section (store, section, 1, &error);
  else
    ok = pb_store_indent_section (store, section, g_str_equal (action_name, "win.section-indent"), &error);
  if (!ok)
    refuse (self, error);
}

/* Renumber Sections: the section and its siblings counted 1, 2, 3… in
 * their order (a repair after two were given one number), one command;
 * Renumber Sub-sections, offered on a heading whose list reads wrong,
 * the same for the section's own sub-sections. */
static void
renumber_sections_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(PbSection) section = target_section (self, parameter);
  g_autoptr(GError) error = NULL;
  gint64 parent;

  if (section == NULL)
    return;
  parent = g_str_equal (action_name, "win.renumber-subsections") ? pb_record_get_id (PB_RECORD (section))
                                                                  : pb_section_get_parent_id (section);
  if (!pb_store_renumber_sections (pb_window_get_store (self), pb_section_get_plan_id (section), parent, &error))
    refuse (self, error);
}

/* Never enabled: the section menu's greyed-out moves point here. */
static void
cannot_move_section_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
}

typedef struct
{
  PbWindow  *window;
  PbSection *section;
  GArray    *targets;
  GtkWidget *drop_down;
} DeleteSection;

static void
delete_section_free (gpointer data)
{
  DeleteSection *d = data;

  g_object_unref (d->window);
  g_object_unref (d->section);
  g_array_unref (d->targets);
  g_free (d);
}

static void
delete_section_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            DeleteSection    *d)
{
  PbStore *store = pb_window_get_store (d->window);
  g_autoptr(GError) error = NULL;
  gint64 move_to = 0;
  g_autofree char *text = NULL;

  if (g_str_equal (response, "move"))
    {
      guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->drop_down));
      if (i >= d->targets->len)
        return;
      move_to = g_array_index (d->targets, gint64, i);
    }
  else if (!g_str_equal (response, "delete"))
    return;

  {
    g_autofree char *heading = pb_format_section_heading (pb_section_get_number (d->section),
                                                          pb_section_get_title (d->section));

    /* Translators: a toast; %s is the section's number and title, "二、保障措施" */
    text = g_strdup_printf (_("Deleted section %s"), heading);
  }
  if (!pb_store_delete_section (store, d->section, move_to, &error))
    refuse (d->window, error);
  else
    toast_destructive (d->window, text);
}

/* What the Delete Section question says: what the section holds (its
 * items, with its sub-sections', and its sub-sections: the one named, or
 * counted), and what the buttons offered do with them: delete them with
 * it, or, when another section can take them, move the items there (the
 * sub-sections go with it either way). */
static char *
delete_section_body (guint       n,
                     guint       n_subs,
                     const char *sub_name,
                     gboolean    can_move)
{
  g_autofree char *subs = NULL;

  if (n_subs == 0)
    return g_strdup_printf (can_move
                            ? g_dngettext (GETTEXT_PACKAGE,
                                           "It holds %u item. Delete it with the section, or move it to another section.",
                                           "It holds %u items. Delete them with the section, or move them to another section.",
                                           n)
                            : g_dngettext (GETTEXT_PACKAGE,
                                           "It holds %u item. It is deleted with the section.",
                                           "It holds %u items. They are deleted with the section.",
                                           n),
                            n);
  if (n_subs == 1)
    return g_strdup_printf (can_move
                            /* Translators: the Delete Section question; %u is how many
                             * items it and its sub-section hold, %s the sub-section's number
                             * and title, "(一) 推进5G网络建设" */
                            ? g_dngettext (GETTEXT_PACKAGE,
                                           "It holds %u item and the sub-section “%s”. The sub-section is deleted with it; delete the item too, or move it to another section.",
                                           "It holds %u items and the sub-section “%s”. The sub-section is deleted with it; delete the items too, or move them to another section.",
                                           n)
                            /* Translators: the Delete Section question when no other section
                             * can take the items; %u is how many items it and its sub-section
                             * hold, %s the sub-section's number and title */
                            : g_dngettext (GETTEXT_PACKAGE,
                                           "It holds %u item and the sub-section “%s”. They are deleted with it.",
                                           "It holds %u items and the sub-section “%s”. They are deleted with it.",
                                           n),
                            n, sub_name);
  /* Translators: in the Delete Section question, "It holds 3 items and 2 sub-sections" */
  subs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sub-section", "%u sub-sections", n_subs), n_subs);
  return g_strdup_printf (can_move
                          /* Translators: the Delete Section question; %u is how many items
                           * it and its sub-sections hold, %s how many sub-sections, "2 sub-sections" */
                          ? g_dngettext (GETTEXT_PACKAGE,
                                         "It holds %u item and %s. The sub-sections are deleted with it; delete the item too, or move it to another section.",
                                         "It holds %u items and %s. The sub-sections are deleted with it; delete the items too, or move them to another section.",
                                         n)
                          /* Translators: the Delete Section question when no other section
                           * can take the items; %u is how many items it and its sub-sections
                           * hold, %s how many sub-sections, "2 sub-sections" */
                          : g_dngettext (GETTEXT_PACKAGE,
                                         "It holds %u item and %s. They are deleted with it.",
                                         "It holds %u items and %s. They are deleted with it.",
                                         n),
                          n, subs);
}

/* Where the question proposes to move the items of @section (at @self in
 * @all, the plan's sections in document order, @inside marking it and its
 * sub-sections): the section that reads as the natural place for them.
 * A section "takes items" when it holds items of its own or, its subtree
 * gone, has no sub-section left: never a heading whose items all sit in
 * its sub-sections while another will do. In that order: the previous
 * sibling, the next sibling, the nearest such section before it in the
 * document, the nearest after it; else the first section that may take
 * them. Returns an index into @all, or -1 when none may. */
static int
natural_move_target (PbStore        *store,
                     GPtrArray      *all,
                     const gboolean *inside,
                     guint           self)
{
  PbSection *section = g_ptr_array_index (all, self);
  gint64 parent = pb_section_get_parent_id (section);
  g_autofree gboolean *takes = g_new0 (gboolean, all->len);
  int prev = -1, next = -1, first = -1;

  for (guint i = 0; i < all->len; i++)
    {
      PbSection *s = g_ptr_array_index (all, i);
      gint64 id = pb_record_get_id (PB_RECORD (s));
      gboolean has_sub = FALSE;

      if (inside[i])
        continue;
      if (first < 0)
        first = i;
      for (guint j = 0; j < all->len && !has_sub; j++)
        has_sub = !inside[j] && pb_section_get_parent_id (g_ptr_array_index (all, j)) == id;
      if (has_sub)
        {
          g_autoptr(GListModel) own = pb_store_list_section_items (store, id);

          takes[i] = g_list_model_get_n_items (own) > 0;
        }
      else
        takes[i] = TRUE;
      if (pb_section_get_parent_id (s) == parent)
        {
          if (i < self)
            prev = i;
          else if (next < 0)
            next = i;
        }
    }
  if (prev >= 0 && takes[prev])
    return prev;
  if (next >= 0 && takes[next])
    return next;
  for (int i = (int) self - 1; i >= 0; i--)
    if (takes[i])
      return i;
  for (guint i = self + 1; i < all->len; i++)
    if (takes[i])
      return i;
  return first;
}

/**
 * pb_window_ask_delete_section:
 * @self: the main window
 * @section: a section
 *
 * Asks before deleting a section that holds items: delete them with it, or
 * move them to another section. An empty section goes at once.
 *
 * Returns: (transfer none) (nullable): the question, when asked
 */
GtkWidget *
pb_window_ask_delete_section (PbWindow  *self,
                              PbSection *section)
{
  PbStore *store = pb_window_get_store (self);
  g_autoptr(GError) error = NULL;
  guint n = pb_store_count_section_items (store, pb_record_get_id (PB_RECORD (section)), &error);
  g_autoptr(GListModel) sections = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sub_name = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree gboolean *inside = NULL;
  guint n_subs = 0, self_at = G_MAXUINT, proposed = 0;
  DeleteSection *d;
  GtkWidget *dialog;

  /* Items that cannot be counted are never taken for none: nothing is
   * deleted unasked. */
  if (error != NULL)
    {
      refuse (self, error);
      return NULL;
    }

  d = g_new0 (DeleteSection, 1);
  d->window = g_object_ref (self);
  d->section = g_object_ref (section);
  d->targets = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (n == 0)
    {
      delete_section_response_cb (NULL, "delete", d);
      delete_section_free (d);
      return NULL;
    }

  /* The sections outside this one's subtree can take its items. */
  sections = pb_store_list_sections (store, pb_section_get_plan_id (section));
  all = g_ptr_array_new_with_free_func (g_object_unref);
  inside = g_new0 (gboolean, g_list_model_get_n_items (sections));
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      gint64 id = pb_record_get_id (PB_RECORD (s));

      for (g_autoptr(PbSection) up = g_object_ref (s); up && !inside[i];)
        {
          gint64 parent = pb_section_get_parent_id (up);

          inside[i] = pb_record_get_id (PB_RECORD (up)) == pb_record_get_id (PB_RECORD (section));
          g_clear_object (&up);
          if (parent)
            up = pb_store_get_record (store, PB_TYPE_SECTION, parent);
        }
      if (id == pb_record_get_id (PB_RECORD (section)))
        self_at = all->len;
      g_ptr_array_add (all, g_steal_pointer (&s));
    }
  for (guint i = 0; i < all->len; i++)
    {
      PbSection *s = g_ptr_array_index (all, i);
      gint64 id = pb_record_get_id (PB_RECORD (s));

      /* Its sub-sections (at any depth) go with it: the question
       * names the one, or counts them. */
      if (inside[i])
        {
          if (id != pb_record_get_id (PB_RECORD (section)) && n_subs++ == 0)
            sub_name = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));
          continue;
        }
      {
        g_autofree char *name = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));
        gtk_string_list_append (names, g_strstrip (name));
        g_array_append_val (d->targets, id);
      }
    }
  /* Proposed: the section that reads as the natural place for them. */
  if (self_at < all->len)
    {
      int natural = natural_move_target (store, all, inside, self_at);

      for (int i = 0; i < natural; i++)
        proposed += !inside[i];
    }

  heading = g_strdup_printf (_("Delete Section “%s”?"), pb_section_get_title (section));
  body = delete_section_body (n, n_subs, sub_name, d->targets->len > 0);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Items"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  if (d->targets->len > 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (_("Move the items to"));

      d->drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (d->drop_down), proposed < d->targets->len ? proposed : 0);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (d->drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Move the items to"), -1);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), d->drop_down);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "move", _("_Move Items"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_section_response_cb), d,
                         (GClosureNotify) (void (*) (void)) delete_section_free, 0);
  present_modal (self, dialog);
  return dialog;
}

static void
delete_section_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(PbSection) section = target_section (self, parameter);

  if (section)
    pb_window_ask_delete_section (self, section);
}

/* ---- Several items at once ---------------------------------------------- */

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GArray) ids = pb_window_get_selected_items (self);
  g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_ITEM_STATUS);
  GEnumValue *value = g_enum_get_value_by_nick (klass, g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;

  gint64 mark;

  if (value == NULL || ids->len == 0)
    return;
  mark = pb_store_get_undo_mark (pb_window_get_store (self));
  if (!pb_store_set_items_status (pb_window_get_store (self), (gint64 *) ids->data, ids->len, value->value, &error))
    refuse (self, error);
  else
    toast_command (self, mark);
  pb_window_focus_view (self);
}

typedef enum
{
  ASK_LEAD,
  ASK_RESPONSIBLE,
  ASK_SHIFT,
  ASK_SECTION,
} AskKind;

typedef struct
{
  PbWindow  *window;
  AskKind    kind;
  GArray    *ids;
  GArray    *sections;
  GtkWidget *entry;
  GtkWidget *spin;
  GtkWidget *unit;
  GtkWidget *error;
  GtkWidget *dialog;   /* (unowned): the dialog owns the Ask */
  /* Lead… and Add Responsible…: the plan's organisations to choose from */
  gint64      plan_id;
  GListModel *orgs;
  GHashTable *aliases; /* organisation id → its aliases, "\n"-joined */
  GtkWidget  *org_list;
  GtkWidget  *org_frame;
  GtkWidget  *note;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *a = data;

  g_object_unref (a->window);
  g_array_unref (a->ids);
  g_clear_pointer (&a->sections, g_array_unref);
  g_clear_object (&a->orgs);
  g_clear_pointer (&a->aliases, g_hash_table_unref);
  g_free (a);
}

/* Runs the command; a refusal stays in the dialog, beside the field, or
 * shows in a toast when the dialog has already closed. */
static gboolean
ask_run (Ask *a)
{
  PbStore *store = pb_window_get_store (a->window);
  const gint64 *ids = (const gint64 *) a->ids->data;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  gint64 mark = pb_store_get_undo_mark (store);

  switch (a->kind)
    {
    case ASK_LEAD:
      ok = pb_store_set_items_lead (store, ids, a->ids->len, gtk_editable_get_text (GTK_EDITABLE (a->entry)), &error);
      break;
    case ASK_RESPONSIBLE:
      ok = pb_store_add_items_responsible (store, ids, a->ids->len, gtk_editable_get_text (GTK_EDITABLE (a->entry)), &error);
      break;
    case ASK_SHIFT:
      {
        int n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (a->spin));
        gboolean months = gtk_drop_down_get_selected (GTK_DROP_DOWN (a->unit)) == 1;

        ok = pb_store_shift_items (store, ids, a->ids->len, months ? 0 : n, months ? n : 0, &error);
      }
      break;
    case ASK_SECTION:
      {
        guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (a->entry));

        if (i < a->sections->len)
          ok = pb_store_move_items_to_section (store, ids, a->ids->len, g_array_index (a->sections, gint64, i), &error);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok && error)
    {
      GtkWidget *dialog = GTK_WIDGET (gtk_widget_get_root (a->error));

      gtk_label_set_text (GTK_LABEL (a->error), error->message);
      gtk_widget_set_visible (a->error, TRUE);
      /* A dialog button closes the dialog before it answers (libadwaita
       * 1.2): then the reason goes where the planner is looking. */
      if (dialog == NULL || !gtk_widget_get_visible (dialog))
        refuse (a->window, error);
      return FALSE;
    }
  if (ok)
    toast_command (a->window, mark);
  pb_window_focus_view (a->window);
  return TRUE;
}

/* The shift asked for, checked as it is typed: when it would take an
 * item out of the plan's period the reason shows beside the field, whole
 * and before Apply, and Apply waits for a shift that is taken. */
static void
ask_check_shift (Ask *a)
{
  int n = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (a->spin));
  gboolean months = gtk_drop_down_get_selected (GTK_DROP_DOWN (a->unit)) == 1;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = pb_store_check_shift_items (pb_window_get_store (a->window), (const gint64 *) a->ids->data, a->ids->len,
                                   months ? 0 : n, months ? n : 0, &error);
  gtk_label_set_text (GTK_LABEL (a->error), ok ? "" : error->message);
  gtk_widget_set_visible (a->error, !ok);
  gtk_accessible_update_state (GTK_ACCESSIBLE (a->spin), GTK_ACCESSIBLE_STATE_INVALID,
                               ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (ok)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (a->spin), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (a->spin), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, a->error, NULL, -1);
  if (a->dialog)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (a->dialog), "apply", ok);
}

static void
ask_shift_changed_cb (GObject    *object,
                      GParamSpec *pspec,
                      Ask        *a)
{
  ask_check_shift (a);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Ask              *a)
{
  if (g_str_equal (response, "apply"))
    ask_run (a);
}

/* Enter in the field applies, unless refused: then the dialog stays. */
static void
ask_activate_cb (GtkWidget *entry,
                 Ask       *a)
{
  if (ask_run (a))
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (entry)));
}

/* ---- Lead… / Add Responsible…: the plan's known organisations ---------- */

/* Whether @org answers to @typed (casefolded): in its name, short name or
 * an alias; anything, when nothing is typed. */
static gboolean
org_matches (Ask            *a,
             PbOrganisation *org,
             const char     *typed)
{
  gint64 id = pb_record_get_id (PB_RECORD (org));
  const char *short_name = pb_record_get_string (PB_RECORD (org), "short_name");
  const char *aliases = g_hash_table_lookup (a->aliases, &id);
  const char *names[] = { pb_organisation_get_name (org), short_name, aliases };

  if (typed == NULL || typed[0] == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *folded = names[i] ? g_utf8_casefold (names[i], -1) : NULL;

      if (folded && strstr (folded, typed))
        return TRUE;
    }
  return FALSE;
}

static char *
ask_typed_name (Ask *a)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (a->entry))));
}

static gboolean
org_row_filter (GtkListBoxRow *row,
                gpointer       data)
{
  Ask *a = data;
  PbOrganisation *org = g_object_get_data (G_OBJECT (row), "pb-organisation");
  g_autofree char *typed = ask_typed_name (a);
  g_autofree char *folded = g_utf8_casefold (typed, -1);

  return org && org_matches (a, org, folded);
}

static GtkWidget *
org_row_new (gpointer item,
             gpointer data)
{
  PbOrganisation *org = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (pb_organisation_get_name (org));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "pb-organisation", g_object_ref (org), g_object_unref);
  return row;
}

/* As the name is typed: the known organisations that answer to it (the
 * one it names chosen), and, for a name the plan does not know yet, that
 * Apply will add it (a half-typed "市" is not silently a new
 * organisation). */
static void
ask_org_changed_cb (GtkEditable *entry,
                    Ask         *a)
{
  PbStore *store = pb_window_get_store (a->window);
  g_autofree char *typed = ask_typed_name (a);
  g_autofree char *folded = g_utf8_casefold (typed, -1);
  gint64 known = typed[0] ? pb_store_find_organisation (store, a->plan_id, typed) : 0;
  GtkListBoxRow *chosen = NULL;
  guint n_shown = 0;

  gtk_list_box_invalidate_filter (GTK_LIST_BOX (a->org_list));
  for (guint i = 0; i < g_list_model_get_n_items (a->orgs); i++)
    {
      g_autoptr(PbOrganisation) org = g_list_model_get_item (a->orgs, i);

      if (!org_matches (a, org, folded))
        continue;
      n_shown++;
      if (known && pb_record_get_id (PB_RECORD (org)) == known)
        chosen = gtk_list_box_get_row_at_index (GTK_LIST_BOX (a->org_list), i);
    }
  gtk_list_box_select_row (GTK_LIST_BOX (a->org_list), chosen);
  gtk_widget_set_visible (a->org_frame, n_shown > 0);

  if (typed[0] && known == 0)
    {
      /* Translators: below the organisation typed in Set Lead
       * Organisation or Add Responsible Organisation, before Apply */
      g_autofree char *text = g_strdup_printf (_("“%s” is not yet an organisation of this plan: it will be added."), typed);

      gtk_label_set_text (GTK_LABEL (a->note), text);
    }
  gtk_widget_set_visible (a->note, typed[0] && known == 0);
  if (a->error)
    gtk_widget_set_visible (a->error, FALSE);
}

static void
org_row_activated_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      Ask           *a)
{
  PbOrganisation *org = g_object_get_data (G_OBJECT (row), "pb-organisation");

  if (org == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (a->entry), pb_organisation_get_name (org));
  gtk_editable_set_position (GTK_EDITABLE (a->entry), -1);
  gtk_widget_grab_focus (a->entry);
}

/* Down from the field goes into the list of organisations. */
static gboolean
org_entry_key_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  Ask                   *a)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (a->org_list), i);

      if (row == NULL)
        return FALSE;
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        return gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* Enter on an organisation of the list takes it into the field (the
 * dialog would apply what the field holds): Apply is one more Enter. */
static gboolean
org_list_key_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 Ask                   *a)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (a->org_list));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter && keyval != GDK_KEY_space)
    return FALSE;
  if (row == NULL || !gtk_widget_is_ancestor (row, a->org_list))
    return FALSE;
  org_row_activated_cb (GTK_LIST_BOX (a->org_list), GTK_LIST_BOX_ROW (row), a);
  return TRUE;
}

/* The field, the list of the plan's organisations under it and the note
 * that says a name is new, in @box. */
static void
ask_org_build (Ask        *a,
               GtkWidget  *box,
               const char *label)
{
  PbStore *store = pb_window_get_store (a->window);
  GtkWidget *scrolled;
  GtkEventController *keys;

  a->plan_id = pb_window_get_selected_plan (a->window);
  a->orgs = pb_store_list_organisations (store, a->plan_id);
  a->aliases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (a->orgs); i++)
    {
      g_autoptr(PbOrganisation) org = g_list_model_get_item (a->orgs, i);
      gint64 id = pb_record_get_id (PB_RECORD (org));
      g_autoptr(GListModel) aliases = pb_store_list_organisation_aliases (store, id);
      GString *joined = g_string_new (NULL);

      for (guint j = 0; j < g_list_model_get_n_items (aliases); j++)
        {
          g_autoptr(PbRecord) alias = g_list_model_get_item (aliases, j);
          g_string_append_printf (joined, "%s%s", j ? "\n" : "", pb_record_get_string (alias, "alias"));
        }
      g_hash_table_insert (a->aliases, g_memdup2 (&id, sizeof id), g_string_free (joined, FALSE));
    }

  a->entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (a->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (a->entry), label);
  g_signal_connect (a->entry, "activate", G_CALLBACK (ask_activate_cb), a);
  g_signal_connect (a->entry, "changed", G_CALLBACK (ask_org_changed_cb), a);
  keys = gtk_event_controller_key_new ();
  /* Before the entry's text, which keeps Down to itself. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (org_entry_key_cb), a);
  gtk_widget_add_controller (a->entry, keys);
  gtk_box_append (GTK_BOX (box), a->entry);

  a->org_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (a->org_list), GTK_SELECTION_SINGLE);
  /* Rows of their own (a list box bound to a model filters nothing): the
   * organisations as the dialog opens. */
  for (guint i = 0; i < g_list_model_get_n_items (a->orgs); i++)
    {
      g_autoptr(PbOrganisation) org = g_list_model_get_item (a->orgs, i);

      gtk_list_box_append (GTK_LIST_BOX (a->org_list), org_row_new (org, a));
    }
  gtk_list_box_set_filter_func (GTK_LIST_BOX (a->org_list), org_row_filter, a, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (a->org_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Organisations of this plan"), -1);
  g_signal_connect (a->org_list, "row-activated", G_CALLBACK (org_row_activated_cb), a);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (org_list_key_cb), a);
  gtk_widget_add_controller (a->org_list, keys);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), a->org_list);
  a->org_frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (a->org_frame), scrolled);
  gtk_widget_set_visible (a->org_frame, g_list_model_get_n_items (a->orgs) > 0);
  gtk_box_append (GTK_BOX (box), a->org_frame);

  a->note = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (a->note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (a->note), 0);
  gtk_widget_add_css_class (a->note, "warning");
  gtk_widget_set_visible (a->note, FALSE);
  gtk_box_append (GTK_BOX (box), a->note);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (a->entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, a->note, NULL, -1);
}

/**
 * pb_window_ask_bulk:
 * @self: the main window
 * @what: "lead", "responsible", "shift" or "section"
 *
 * Asks for the organisation, the shift or the section to apply to the
 * chosen items.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
pb_window_ask_bulk (PbWindow   *self,
                    const char *what)
{
  PbStore *store = pb_window_get_store (self);
  g_autoptr(GArray) ids = pb_window_get_selected_items (self);
  g_autofree char *items = NULL;
  GtkWidget *dialog, *box;
  const char *heading, *label;
  Ask *a;

  if (store == NULL || ids->len == 0)
    {
      toast (self, _("Choose the items first: Ctrl-click or Shift-click their cards or bars."), FALSE);
      return NULL;
    }

  a = g_new0 (Ask, 1);
  a->window = g_object_ref (self);
  a->ids = g_array_ref (ids);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  if (g_str_equal (what, "lead") || g_str_equal (what, "responsible"))
    {
      a->kind = g_str_equal (what, "lead") ? ASK_LEAD : ASK_RESPONSIBLE;
      heading = a->kind == ASK_LEAD ? _("Set Lead Organisation") : _("Add Responsible Organisation");
      label = a->kind == ASK_LEAD ? _("Lead organisation") : _("Responsible organisation");
      ask_org_build (a, box, label);
    }
  else if (g_str_equal (what, "shift"))
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      const char *units[] = { _("days"), _("months"), NULL };

      a->kind = ASK_SHIFT;
      heading = _("Shift Dates");
      a->spin = gtk_spin_button_new_with_range (-3650, 3650, 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (a->spin), 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (a->spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("By how much (negative: earlier)"), -1);
      a->unit = gtk_drop_down_new_from_strings (units);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (a->unit), 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (a->unit), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unit"), -1);
      gtk_widget_set_hexpand (a->spin, TRUE);
      gtk_box_append (GTK_BOX (row), a->spin);
      gtk_box_append (GTK_BOX (row), a->unit);
      gtk_box_append (GTK_BOX (box), row);
    }
  else
    {
      g_autoptr(GListModel) sections = pb_store_list_sections (store, pb_window_get_selected_plan (self));
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      a->kind = ASK_SECTION;
      heading = _("Move to Section");
      a->sections = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
        {
          g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
          g_autofree char *shown = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));
          g_autofree char *name = g_strdup_printf ("%s%s", pb_section_get_parent_id (s) ? "    " : "", shown);
          gint64 id = pb_record_get_id (PB_RECORD (s));

          gtk_string_list_append (names, name);
          g_array_append_val (a->sections, id);
        }
      a->entry = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (a->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Section"), -1);
      gtk_box_append (GTK_BOX (box), a->entry);
    }

  a->error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (a->error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (a->error), 0);
  /* The dialog keeps its size as a reason comes and goes: the reason
   * wraps in the width the fields give it and asks for no more (a long
   * one widened the dialog to 610 px, and it fell back to 300 px, the
   * number field to 70 px, once the shift was taken). */
  gtk_label_set_max_width_chars (GTK_LABEL (a->error), 10);
  gtk_widget_set_size_request (box, 340, -1);
  gtk_widget_add_css_class (a->error, "field-error");
  gtk_widget_set_visible (a->error, FALSE);
  gtk_box_append (GTK_BOX (box), a->error);

  items = pb_store_describe_items (store, (gint64 *) ids->data, ids->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, items);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (ask_response_cb), a,
                         (GClosureNotify) (void (*) (void)) ask_free, 0);
  a->dialog = dialog;
  if (a->kind == ASK_SHIFT)
    {
      g_signal_connect (a->spin, "notify::value", G_CALLBACK (ask_shift_changed_cb), a);
      g_signal_connect (a->unit, "notify::selected", G_CALLBACK (ask_shift_changed_cb), a);
      ask_check_shift (a);
    }
  present_modal (self, dialog);
  gtk_widget_grab_focus (a->entry ? a->entry : a->spin);
  return dialog;
}

static void
bulk_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pb_window_ask_bulk (PB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWidget *board;

  if (timeline_shown (PB_WINDOW (widget)))
    pb_timeline_view_select_all (PB_TIMELINE_VIEW (pb_window_get_timeline (PB_WINDOW (widget))));
  else if ((board = pb_window_get_board (PB_WINDOW (widget))))
    pb_board_view_select_all (PB_BOARD_VIEW (board));
  pb_window_focus_view (PB_WINDOW (widget));
}

/* ---- The bulk action bar ------------------------------------------------ */

static guint
n_chosen (PbWindow *self)
{
  /* (A board still waiting to be shown has nothing chosen: peeking at it
   * leaves it waiting.) */
  GtkWidget *board = pb_window_peek_board (self);

  if (timeline_shown (self))
    return pb_timeline_view_get_n_selected (PB_TIMELINE_VIEW (pb_window_get_timeline (self)));
  return board && gtk_widget_get_mapped (board) ? pb_board_view_get_n_selected (PB_BOARD_VIEW (board)) : 0;
}

/**
 * pb_window_edit_update_selection:
 * @self: the main window
 *
 * With two or more cards or bars chosen, the bar at the bottom says how
 * many and offers the edits of several items at once; else it hides.
 */
void
pb_window_edit_update_selection (PbWindow *self)
{
  GtkRevealer *revealer;
  GtkLabel *label;
  guint n;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (self), PB_TYPE_WINDOW, "bulk_revealer"));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (self), PB_TYPE_WINDOW, "bulk_label"));
  if (revealer == NULL || label == NULL)
    return;
  n = pb_window_get_plan (self) ? n_chosen (self) : 0;
  /* The bar lies over the views: not when a folded window shows only the
   * list of plans. */
  {
    GObject *leaflet = gtk_widget_get_template_child (GTK_WIDGET (self), PB_TYPE_WINDOW, "leaflet");
    GtkWidget *board = pb_window_peek_board (self);
    GtkWidget *shown = leaflet ? adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) : NULL;

    if (leaflet && board && shown && adw_leaflet_get_folded (ADW_LEAFLET (leaflet)) &&
        !gtk_widget_is_ancestor (board, shown))
      n = 0;
  }

  if (n >= 2)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Item Selected", "%u Items Selected", n), n);

      gtk_label_set_text (label, text);
    }
  gtk_revealer_set_reveal_child (revealer, n >= 2);
  /* The toasts and the views' horizontal scrollbars rise above the bar
   * while it shows (setup_bulk_inset ()). */
  {
    GtkWidget *overlay = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), PB_TYPE_WINDOW, "toast_overlay"));

    GtkWidget *views = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), PB_TYPE_WINDOW, "bulk_overlay"));

    if (n >= 2)
      {
        gtk_widget_add_css_class (overlay, "pb-toasts-raised");
        gtk_widget_add_css_class (views, "pb-bulk-shown");
      }
    else
      {
        gtk_widget_remove_css_class (overlay, "pb-toasts-raised");
        gtk_widget_remove_css_class (views, "pb-bulk-shown");
      }
  }
}

/**
 * pb_window_edit_refuse_open_several:
 * @self: the main window
 * @n: how many items are chosen
 *
 * Enter on one of several chosen cards or bars opens none of them: it says
 * so, and where the edits of several items are.
 *
 * Returns: %TRUE if several are chosen (and nothing opens)
 */
gboolean
pb_window_edit_refuse_open_several (PbWindow *self,
                                    guint     n)
{
  g_autofree char *text = NULL;

  if (n < 2)
    return FALSE;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u item is selected: change it with the bar below, or click one card to open it",
                                       "%u items are selected: change them together with the bar below, or click one to open it",
                                       n), n);
  toast (self, text, FALSE);
  return TRUE;
}

/* ---- The chosen items' context menu ------------------------------------- */

static gboolean
unparent_idle (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover))
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

static void
context_menu_closed_cb (GtkPopover *popover)
{
  /* After the chosen item's action has run from it; once, and with the
   * menu kept alive until then (its anchor may go first). */
  g_signal_handlers_disconnect_by_func (popover, context_menu_closed_cb, NULL);
  g_idle_add_full (G_PRIORITY_LOW, unparent_idle, g_object_ref (popover), g_object_unref);
}

/**
 * pb_window_popup_items_menu:
 * @self: the main window
 * @anchor: the widget it points into (a card, the board, the timeline)
 * @x, @y: where, in @anchor's coordinates; negative: @anchor's middle
 *
 * The menu of the chosen items (right-click or the Menu key on a card or
 * a bar): status, lead, responsible, dates, section, delete — each one
 * command over all of them, as in the action bar.
 *
 * Returns: (transfer none): the menu (a #GtkPopoverMenu)
 */
GtkWidget *
pb_window_popup_items_menu (PbWindow  *self,
                            GtkWidget *anchor,
                            double     x,
                            double     y)
{
  GMenuModel *model = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), PB_TYPE_WINDOW, "items_menu"));
  GtkWidget *popover = gtk_popover_menu_new_from_model (model);
  GdkRectangle rect;

  if (x < 0 || y < 0)
    {
      x = gtk_widget_get_width (anchor) / 2.0;
      y = gtk_widget_get_height (anchor) / 2.0;
    }
  rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  gtk_widget_set_parent (popover, anchor);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  g_signal_connect (popover, "closed", G_CALLBACK (context_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  return popover;
}

static GtkWidget *
find_card (GtkWidget *root,
           gint64     item_id)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (PB_IS_TASK_CARD (c) && gtk_widget_get_mapped (c) && pb_task_card_get_item (PB_TASK_CARD (c)) &&
          pb_record_get_id (PB_RECORD (pb_task_card_get_item (PB_TASK_CARD (c)))) == item_id)
        return c;
      if ((found = find_card (c, item_id)))
        return found;
    }
  return NULL;
}

/* Right-click on a card: it becomes the chosen one, unless it is among
 * the chosen already; then the menu. */
static void
board_context_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  PbWindow        *self)
{
  GtkWidget *board = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (board, x, y, GTK_PICK_DEFAULT);
  GtkWidget *card = picked ? gtk_widget_get_ancestor (picked, PB_TYPE_TASK_CARD) : NULL;
  g_autoptr(GArray) chosen = NULL;
  gint64 id;
  gboolean among = FALSE;

  if (card == NULL || pb_task_card_get_item (PB_TASK_CARD (card)) == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  id = pb_record_get_id (PB_RECORD (pb_task_card_get_item (PB_TASK_CARD (card))));
  chosen = pb_board_view_get_selected_items (PB_BOARD_VIEW (board));
  for (guint i = 0; i < chosen->len && !among; i++)
    among = g_array_index (chosen, gint64, i) == id;
  if (!among || pb_board_view_get_n_selected (PB_BOARD_VIEW (board)) == 0)
    pb_board_view_set_selected (PB_BOARD_VIEW (board), &id, 1);
  pb_window_popup_items_menu (self, board, x, y);
}

/* A right-click on a bar, or the Menu key on the timeline. */
static void
timeline_items_menu_cb (GtkWidget *timeline,
                        double     x,
                        double     y,
                        PbWindow  *self)
{
  pb_window_popup_items_menu (self, timeline, x, y);
}

/**
 * pb_window_edit_setup_views:
 * @self: the main window
 *
 * Right-click on the board's cards or the timeline's bars opens the chosen
 * items' menu.
 */
void
pb_window_edit_setup_views (PbWindow *self)
{
  GtkGesture *context = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), GDK_BUTTON_SECONDARY);
  g_signal_connect (context, "pressed", G_CALLBACK (board_context_cb), self);
  gtk_widget_add_controller (pb_window_get_board (self), GTK_EVENT_CONTROLLER (context));
  g_signal_connect_object (pb_window_get_timeline (self), "items-menu", G_CALLBACK (timeline_items_menu_cb), self, 0);
}

/* The section menu button of the board column header the keyboard is in
 * (on its "+" or its "⋯"), if any. */
static GtkWidget *
focused_column_menu (PbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w; w = gtk_widget_get_parent (w))
    if (gtk_widget_has_css_class (w, "column-header"))
      {
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          if (GTK_IS_MENU_BUTTON (c) && gtk_widget_get_visible (c))
            return c;
        return NULL;
      }
  return NULL;
}

/* The Menu key, Shift+F10: the menu at the chosen card or bar; on a
 * board column's header, its section's menu (as on a timeline section
 * header, which handles the keys itself). */
static void
items_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GArray) ids = NULL;
  GtkWidget *anchor;

  if (!timeline_shown (self) && (anchor = focused_column_menu (self)) != NULL)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (anchor));
      return;
    }
  ids = pb_window_get_selected_items (self);
  if (ids->len == 0)
    return;
  if (timeline_shown (self))
    {
      /* At the chosen bar (the timeline emits ::items-menu). */
      gtk_widget_activate_action (pb_window_get_timeline (self), "timeline.items-menu", NULL);
      return;
    }
  anchor = find_card (pb_window_get_board (self), g_array_index (ids, gint64, 0));
  if (anchor == NULL)
    anchor = pb_window_get_board (self);
  if (pb_board_view_get_n_selected (PB_BOARD_VIEW (pb_window_get_board (self))) == 0)
    pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (self)), (gint64 *) ids->data, ids->len);
  pb_window_popup_items_menu (self, anchor, -1, -1);
}

/* ---- Installation ------------------------------------------------------- */

static const char * const plan_actions[] = {
  "win.add-item", "win.add-item-to", "win.delete-items", "win.plan-properties", "win.add-section",
  "win.rename-section", "win.delete-section", "win.section-up", "win.section-down", "win.section-indent",
  "win.section-outdent", "win.renumber-sections", "win.renumber-subsections", "win.set-status", "win.bulk", "win.select-all", "win.items-menu",
};

void
pb_window_edit_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.items-menu", NULL, items_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "win.items-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "win.items-menu", NULL);

  gtk_widget_class_install_action (widget_class, "win.add-item", NULL, add_item_action);
  gtk_widget_class_install_action (widget_class, "win.add-item-to", "s", add_item_action);
  gtk_widget_class_install_action (widget_class, "win.delete-items", NULL, delete_items_action);
  gtk_widget_class_install_action (widget_class, "win.plan-properties", NULL, plan_properties_action);
  gtk_widget_class_install_action (widget_class, "win.add-section", "x", add_section_action);
  gtk_widget_class_install_action (widget_class, "win.rename-section", "x", rename_section_action);
  gtk_widget_class_install_action (widget_class, "win.delete-section", "x", delete_section_action);
  gtk_widget_class_install_action (widget_class, "win.section-up", "x", move_section_action);
  gtk_widget_class_install_action (widget_class, "win.section-down", "x", move_section_action);
  gtk_widget_class_install_action (widget_class, "win.section-indent", "x", move_section_action);
  gtk_widget_class_install_action (widget_class, "win.section-outdent", "x", move_section_action);
  gtk_widget_class_install_action (widget_class, "win.renumber-sections", "x", renumber_sections_action);
  gtk_widget_class_install_action (widget_class, "win.renumber-subsections", "x", renumber_sections_action);
  gtk_widget_class_install_action (widget_class, "win.section-cannot-move", "x", cannot_move_section_action);
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "win.bulk", "s", bulk_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);

  /* The keypad's keys first: menus show the last binding of an action. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Insert, 0, "win.add-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "win.add-item", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-items", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-items", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK, "win.plan-properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.plan-properties", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);
}

static const char * const selection_actions[] = { "win.set-status", "win.bulk", "win.delete-items" };

/**
 * pb_window_edit_menu_shown:
 * @self: the main window
 * @shown: whether the main menu is open
 *
 * While the main menu is open, the commands on the selected items are
 * insensitive when nothing is selected (no chosen cards or bars, no card
 * or bar the keyboard was on, no item open in the editor); once it has
 * closed they are as before.
 */
void
pb_window_edit_menu_shown (PbWindow *self,
                           gboolean  shown)
{
  gboolean has_plan = pb_window_get_plan (self) != NULL;
  g_autoptr(GArray) ids = shown && has_plan ? pb_window_get_selected_items (self) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), selection_actions[i], has_plan && (!shown || ids->len > 0));
}

/**
 * pb_window_edit_update_actions:
 * @self: the main window
 *
 * The editing actions work when a plan is open.
 */
void
pb_window_edit_update_actions (PbWindow *self)
{
  gboolean has_plan = pb_window_get_plan (self) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (plan_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), plan_actions[i], has_plan);
  /* What a section menu's move that cannot apply points at: never on. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.section-cannot-move", FALSE);
}
