/* test-edit-feedback.c — what a planner sees and presses while editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, with real key presses (XTest): Delete shows its Undo toast at
 * once in place of an older toast; Ctrl+Z works straight after a menu
 * action; several chosen cards bring up the bulk action bar whose buttons
 * run one command each; the header bar keeps Undo and the menu at 360 px.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "pb-board-view.h"
#include "pb-item-editor.h"
#include "pb-plan-properties.h"
#include "pb-format.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-timeline-view.h"
#include "pb-ui-util.h"
#include "pb-window-edit.h"

static PbTestApp t;

#define spin pb_test_spin

/* A real key press through the X server, to the window's focus, as a
 * planner's keyboard would send it. */
static void
press (guint           keyval,
       GdkModifierType mods)
{
  pb_test_x_press_in (GTK_WIDGET (t.window), keyval, mods);
}

/* A real click of @button through the X server at (@wx, @wy) in
 * @widget, with Ctrl or Shift held. */
static void
click_at (GtkWidget       *widget,
          double           wx,
          double           wy,
          guint            button,
          GdkModifierType  mods)
{
  pb_test_x_click_at (widget, wx, wy, button, mods);
}

/* A real click of @button at @widget's middle. */
static void
click_button (GtkWidget *widget,
              guint      button)
{
  click_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, button, 0);
}

static void
right_click (GtkWidget *widget)
{
  click_button (widget, 3);
}

static GtkWidget *
open_popover_menu (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER_MENU (c) && gtk_widget_get_mapped (c))
        return c;
      if ((found = open_popover_menu (c)))
        return found;
    }
  return NULL;
}

static void
act (const char *action,
     GVariant   *target)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (t.window), action, target));
  spin ();
}

static void
find_labels (GtkWidget  *root,
             const char *text,
             GPtrArray  *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && strstr (gtk_label_get_text (GTK_LABEL (c)), text))
        g_ptr_array_add (found, c);
      find_labels (c, text, found);
    }
}

/* Whether a drawn label under the window's toast overlay says @text. */
static gboolean
toast_on_screen (const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (pb_window_get_board (t.window), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  find_labels (overlay, text, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *l = g_ptr_array_index (labels, i);

      /* A toast, not a card that says the same. */
      if (gtk_widget_is_drawable (l) && !gtk_widget_get_ancestor (l, PB_TYPE_TASK_CARD) &&
          !gtk_widget_get_ancestor (l, GTK_TYPE_ACTION_BAR))
        return TRUE;
    }
  return FALSE;
}

static gint64
id_of (const char *title)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, title);

  return pb_record_get_id (PB_RECORD (item));
}

/* Shift Dates refuses to move a date out of the plan's period
 * (2025—2027), and most of the example's items end on its last day: the
 * items to shift end some months earlier, each a command of its own. */
static void
end_before_period_end (const gint64 *ids,
                       guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);

      if (g_strcmp0 (pb_record_get_string (PB_RECORD (item), "due_date"), "2027-06-30") > 0)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (pb_store_set_item_dates (t.store, item, pb_record_get_string (PB_RECORD (item), "start_date"),
                                                  "2027-06-30", &error));
          g_assert_no_error (error);
        }
    }
}

static void
choose_three (gint64 *ids)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));

  ids[0] = id_of ("加快5G网络规模化部署");
  ids[1] = id_of ("推进千兆光网“双千兆”城市建设");
  ids[2] = id_of ("统筹建设绿色数据中心");
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, ids, 3);
  spin ();
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 3);
}

/* Delete pressed after Undo and Redo: "Deleted 1 加快… and 2 more" with Undo is on
 * screen at once, and the older "Redone: …" toast is gone. */
static void
test_delete_toast (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  g_autofree char *before = NULL;
  gint64 ids[3];
  AdwToast *toast;

  choose_three (ids);
  act ("win.set-status", g_variant_new_string ("blocked"));
  act ("win.undo", NULL);
  act ("win.redo", NULL);
  pb_test_settle_for (400);
  g_assert_true (toast_on_screen ("Redone: Change Status of 3 Items"));

  pb_board_view_set_selected (board, ids, 3);
  spin ();
  before = pb_test_dump_store (t.store);
  gtk_widget_grab_focus (GTK_WIDGET (board));
  press (GDK_KEY_Delete, 0);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Delete 3 Items");
  toast = pb_ui_get_toast (GTK_WIDGET (board));
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "Deleted "));
  g_assert_true (g_str_has_suffix (adw_toast_get_title (toast), " and 2 more"));   /* names the first */
  pb_test_assert_undo_toast (toast, t.store);
  /* A destructive command: its Undo toast stays long enough to reach. */
  g_assert_cmpuint (adw_toast_get_timeout (toast), ==, 10);
  pb_test_settle_for (700);
  g_assert_true (toast_on_screen (" and 2 more"));
  g_assert_false (toast_on_screen ("Redone:"));

  /* Its Undo brings the three back. */
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
  pb_test_settle_for (700);
  g_assert_true (toast_on_screen ("Undone: Delete 3 Items"));
  g_assert_false (toast_on_screen (" and 2 more"));
}

/* A bulk status change from the main menu, the way the menu runs it (a
 * click on its item, which closes the popover), then Ctrl+Z and
 * Ctrl+Shift+Z as real key presses. */
static GtkWidget *
find_model_button (GtkWidget  *root,
                   const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkModelButton"))
        {
          g_autofree char *label = NULL;

          g_object_get (c, "text", &label, NULL);
          if (g_strcmp0 (label, text) == 0)
            return c;
        }
      if ((found = find_model_button (c, text)))
        return found;
    }
  return NULL;
}

static GtkMenuButton *
main_menu_button (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (c) && gtk_widget_get_mapped (c) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (c)))
        return GTK_MENU_BUTTON (c);
      if ((found = main_menu_button (c)))
        return found;
    }
  return NULL;
}

static void
test_undo_after_menu (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 ids[3];
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkMenuButton *menu;
  GtkWidget *popover, *done, *focus;

  choose_three (ids);
  gtk_widget_grab_focus (GTK_WIDGET (board));
  before = pb_test_dump_store (t.store);

  menu = main_menu_button (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  gtk_menu_button_popup (menu);
  pb_test_settle_for (200);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu));
  g_assert_true (gtk_widget_get_mapped (popover));
  done = find_model_button (popover, "Done");
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  pb_test_settle_for (300);
  g_assert_false (gtk_widget_get_mapped (popover));
  {
    g_autoptr(PbItem) first = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[0]);
    g_assert_cmpint (pb_item_get_status (first), ==, PB_ITEM_STATUS_DONE);
  }
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status of 3 Items");
  g_assert_null (pb_store_get_redo_label (t.store));
  after = pb_test_dump_store (t.store);

  /* The keyboard is back on the board, not on the closed menu's button
   * (once the menu's idle has run: a loaded machine takes a while). */
  for (int i = 0; i < 20; i++)
    {
      focus = gtk_root_get_focus (GTK_ROOT (t.window));
      if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (board)))
        break;
      pb_test_settle_for (100);
    }
  focus = gtk_root_get_focus (GTK_ROOT (t.window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (board) || gtk_widget_is_ancestor (focus, GTK_WIDGET (board)));

  press (GDK_KEY_z, GDK_CONTROL_MASK);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
  g_assert_cmpstr (pb_store_get_redo_label (t.store), ==, "Change Status of 3 Items");
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, after));
  }
  act ("win.undo", NULL);
}

static GtkWidget *
find_header_button (GtkWidget  *root,
                    const char *action,
                    const char *icon)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (gtk_widget_get_mapped (c) && gtk_widget_get_ancestor (c, ADW_TYPE_HEADER_BAR))
        {
          if (action && GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
            return c;
          if (icon && GTK_IS_MENU_BUTTON (c) && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (c)), icon) == 0)
            return c;
        }
      if ((found = find_header_button (c, action, icon)))
        return found;
    }
  return NULL;
}

/* Mapped, with its whole width inside the window's. */
static void
assert_inside_window (GtkWidget *widget)
{
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (GTK_WIDGET (t.window));

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (t.window), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 10);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
}

/* A phone-sized window, 360 px wide: Undo, Redo and the main menu stay in
 * the header bar, inside the window. */
static void
test_narrow_header (void)
{
  GtkWidget *menu, *menu_popover;

  gtk_window_set_default_size (GTK_WINDOW (t.window), 360, 700);
  pb_test_settle_for (500);
  if (g_getenv ("PB_TEST_SHOT"))
    {
      GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (t.window));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      pb_test_settle_for (300);
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (t.window)), 700);
      node = gtk_snapshot_free_to_node (snapshot);
      {
        GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (t.window));
        g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (t.window)), 700));
        gdk_texture_save_to_png (texture, g_getenv ("PB_TEST_SHOT"));
      }
      g_object_unref (paintable);
    }

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (t.window)), ==, 360);
  assert_inside_window (find_header_button (GTK_WIDGET (t.window), "win.undo", NULL));
  assert_inside_window (find_header_button (GTK_WIDGET (t.window), "win.redo", NULL));
  menu = find_header_button (GTK_WIDGET (t.window), NULL, "open-menu-symbolic");
  assert_inside_window (menu);
  assert_inside_window (pb_window_get_board (t.window));

  /* The menu opens and holds the plan's commands. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
  pb_test_settle_for (200);
  menu_popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)));
  g_assert_true (gtk_widget_get_mapped (menu_popover));
  g_assert_nonnull (find_model_button (menu_popover, "Plan Properties…"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu));
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (500);
}

/* Three cards chosen: the bar at the bottom says so and its buttons each
 * run one command over all three, which one Undo takes back. Enter opens
 * none of them. */
static void
test_bulk_bar (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
  GtkWidget *bar, *button, *dialog;
  g_autofree char *before = NULL;
  gint64 ids[3];

  g_assert_nonnull (revealer);
  bar = gtk_revealer_get_child (revealer);
  pb_board_view_set_selected (board, ids, 0);
  pb_test_settle_for (300);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  choose_three (ids);
  pb_test_settle_for (400);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_mapped (bar));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    find_labels (bar, "3 Items Selected", labels);
    g_assert_cmpuint (labels->len, ==, 1);
  }
  assert_inside_window (bar);

  /* Shift Dates…: a month later, one command for the three. */
  end_before_period_end (ids, 3);
  before = pb_test_dump_store (t.store);
  button = pb_test_button_labelled (bar, "Shift Dates…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  dialog = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Reschedule 3 Items");
  {
    g_autoptr(PbItem) a = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[0]);
    g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "start_date"), ==, "2025-02-01");
  }
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }

  /* Enter on one of the three opens none, and says why. */
  pb_window_close_editor (t.window);
  {
    g_autoptr(PbItem) a = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[1]);
    g_signal_emit_by_name (board, "item-activated", a);
  }
  spin ();
  g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window))));
  g_assert_true (g_str_has_prefix (adw_toast_get_title (pb_ui_get_toast (GTK_WIDGET (board))), "3 items are selected"));

  /* Right-click on one of the three: their menu; Done there is one
   * command for the three. */
  pb_board_view_set_selected (board, ids, 3);
  spin ();
  {
    GtkWidget *card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), ids[1]));
    GtkWidget *menu, *done;

    g_assert_nonnull (card);
    right_click (card);
    menu = open_popover_menu (GTK_WIDGET (t.window));
    g_assert_nonnull (menu);
    g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 3);
    done = find_model_button (menu, "Done");
    g_assert_nonnull (done);
    g_signal_emit_by_name (done, "clicked");
    pb_test_settle_for (300);
    g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status of 3 Items");
    act ("win.undo", NULL);
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_true (g_str_equal (now, before));
    }
    /* The Menu key opens it too. */
    press (GDK_KEY_Menu, 0);
    menu = open_popover_menu (GTK_WIDGET (t.window));
    g_assert_nonnull (menu);
    gtk_popover_popdown (GTK_POPOVER (menu));
    pb_test_settle_for (200);
  }

  /* Delete: the three go as one command; one Undo brings all back. */
  pb_board_view_set_selected (board, ids, 3);
  spin ();
  button = pb_test_button_labelled (bar, "Delete");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Delete 3 Items");
  g_assert_null (pb_store_get_record (t.store, PB_TYPE_ITEM, ids[2]));
  pb_test_settle_for (400);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
  pb_board_view_set_selected (board, NULL, 0);
}

/* Whether @model, or a section or submenu of it, has an item running
 * @action with @target. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action,
                 const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action) &&
          (target == NULL || (value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
                              g_str_equal (g_variant_get_string (value, NULL), target))))
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action, target);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

/* Drawn, and wholly inside @bar and the window. */
static gboolean
shown_inside (GtkWidget *widget,
              GtkWidget *bar)
{
  graphene_rect_t in_bar, in_window;

  if (!gtk_widget_is_drawable (widget) || !gtk_widget_get_child_visible (widget) ||
      !gtk_widget_compute_bounds (widget, bar, &in_bar) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (t.window), &in_window))
    return FALSE;
  return in_bar.size.width > 10 &&
         in_bar.origin.x >= 0 && in_bar.origin.x + in_bar.size.width <= gtk_widget_get_width (bar) + 0.5 &&
         in_window.origin.x >= 0 && in_window.origin.x + in_window.size.width <= gtk_widget_get_width (GTK_WIDGET (t.window)) + 0.5;
}

/* A button of the bar, drawn inside it, runs @action with @target, or
 * a menu button drawn inside it has it in its menu. */
static gboolean
bar_reaches (GtkWidget  *root,
             GtkWidget  *bar,
             const char *action,
             const char *target,
             gboolean   *via_menu)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_child_visible (c) || !gtk_widget_get_visible (c))
        continue;
      if (GTK_IS_MENU_BUTTON (c))
        {
          GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (c));

          if (model && menu_has_action (model, action, target) && shown_inside (c, bar))
            {
              *via_menu = TRUE;
              return TRUE;
            }
          continue;
        }
      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        {
          GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c));

          if ((target == NULL || (value && g_str_equal (g_variant_get_string (value, NULL), target))) &&
              shown_inside (c, bar))
            {
              *via_menu = FALSE;
              return TRUE;
            }
          continue;
        }
      if (bar_reaches (c, bar, action, target, via_menu))
        return TRUE;
    }
  return FALSE;
}

/* At @width px, with three cards chosen, the bulk bar fits the window
 * (asks for no more than it is given) and every edit of several items is
 * a button drawn inside it or in a menu whose button is. Returns how many
 * are reached through a menu. */
static guint
assert_bulk_bar_fits (int width)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
  GtkWidget *bar = gtk_revealer_get_child (revealer);
  static const char * const actions[][2] = {
    { "win.set-status", "done" }, { "win.bulk", "lead" }, { "win.bulk", "responsible" },
    { "win.bulk", "shift" }, { "win.bulk", "section" }, { "win.delete-items", NULL },
  };
  guint n_via_menu = 0;
  int minimum = 0;
  gint64 ids[3];

  gtk_window_set_default_size (GTK_WINDOW (t.window), width, 700);
  pb_test_settle_for (500);
  choose_three (ids);
  pb_test_settle_for (500);
  /* (At the screen's width, the window's shadow takes a few pixels.) */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (t.window)), <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (t.window)), >, width - 20);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (gtk_widget_get_mapped (bar));
  assert_inside_window (bar);
  gtk_widget_measure (bar, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, gtk_widget_get_width (bar));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    find_labels (bar, "3 Items Selected", labels);
    g_assert_cmpuint (labels->len, ==, 1);
    g_assert_true (shown_inside (g_ptr_array_index (labels, 0), bar));
  }
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gboolean via_menu = FALSE;

      if (!bar_reaches (bar, bar, actions[i][0], actions[i][1], &via_menu))
        g_error ("at %d px the bulk bar does not reach %s %s", width, actions[i][0], actions[i][1] ? actions[i][1] : "");
      n_via_menu += via_menu;
    }
  return n_via_menu;
}

/* The buttons drawn in @root. */
static void
collect_drawn_buttons (GtkWidget *root,
                       GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if ((GTK_IS_BUTTON (c) || GTK_IS_MENU_BUTTON (c)) && gtk_widget_is_drawable (c))
        g_ptr_array_add (found, c);
      else
        collect_drawn_buttons (c, found);
    }
}

/* At @width, three cards chosen and their status set: the "Undo" toast
 * shows, and not over any button of the bulk bar, which stays there. */
static void
assert_toast_clear_of_bulk_bar (int         width,
                                const char *shot)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
  GtkWidget *bar = gtk_revealer_get_child (revealer);
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (pb_window_get_board (t.window), ADW_TYPE_TOAST_OVERLAY));
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n_toasts = 0;
  gint64 ids[3];

  gtk_window_set_default_size (GTK_WINDOW (t.window), width, 700);
  pb_test_settle_for (500);
  choose_three (ids);
  act ("win.set-status", g_variant_new_string ("done"));
  pb_test_settle_for (700);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status of 3 Items");
  g_assert_true (gtk_revealer_get_child_revealed (revealer));
  g_assert_true (gtk_widget_get_mapped (bar));
  collect_drawn_buttons (bar, buttons);
  /* Status (or a menu of them all) and Delete at least. */
  g_assert_cmpuint (buttons->len, >=, 2);
  g_assert_true (toast_on_screen ("Change Status of 3 Items"));

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (overlay)); c; c = gtk_widget_get_next_sibling (c))
    {
      graphene_rect_t toast;

      if (c == adw_toast_overlay_get_child (overlay) || !gtk_widget_get_mapped (c))
        continue;
      g_assert_true (gtk_widget_compute_bounds (c, GTK_WIDGET (t.window), &toast));
      g_test_message ("%d px: toast at %.0f,%.0f %.0f×%.0f", width, toast.origin.x, toast.origin.y,
                      toast.size.width, toast.size.height);
      n_toasts++;
      for (guint i = 0; i < buttons->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (buttons, i);
          graphene_rect_t b;

          g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (t.window), &b));
          if (graphene_rect_intersection (&toast, &b, NULL))
            g_error ("at %d px the toast (%.0f,%.0f %.0f×%.0f) covers the bulk bar's button at %.0f,%.0f %.0f×%.0f",
                     width, toast.origin.x, toast.origin.y, toast.size.width, toast.size.height,
                     b.origin.x, b.origin.y, b.size.width, b.size.height);
        }
    }
  g_assert_cmpuint (n_toasts, >=, 1);
  if (shot)
    g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), shot));
  act ("win.undo", NULL);
  pb_test_settle_for (300);
}

/* An "Undo …" toast never covers the bulk bar's buttons: a planner can
 * set the status again while it shows (#14). */
static void
test_toast_above_bulk_bar (void)
{
  assert_toast_clear_of_bulk_bar (1280, "bulk-bar-with-toast.png");
  assert_toast_clear_of_bulk_bar (800, NULL);

  /* The bar is below the whole window now: a folded window showing the
   * list of plans hides it, and shows it again with the plan. */
  {
    GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
    AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (pb_window_get_board (t.window), ADW_TYPE_LEAFLET));
    gint64 ids[3];

    gtk_window_set_default_size (GTK_WINDOW (t.window), 360, 700);
    pb_test_settle_for (500);
    g_assert_true (adw_leaflet_get_folded (leaflet));
    choose_three (ids);
    pb_test_settle_for (300);
    g_assert_true (gtk_revealer_get_reveal_child (revealer));
    g_assert_true (adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK));
    pb_test_settle_for (500);
    g_assert_false (gtk_revealer_get_reveal_child (revealer));
    g_assert_true (adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD));
    pb_test_settle_for (500);
    g_assert_true (gtk_revealer_get_reveal_child (revealer));
  }
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (300);
}

/* The "…" menu button drawn in @root. */
static GtkWidget *
drawn_more_button (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (c) && gtk_widget_is_drawable (c) &&
          g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (c)), "view-more-symbolic") == 0)
        return c;
      if ((found = drawn_more_button (c)))
        return found;
    }
  return NULL;
}

/* A wide window shows every edit of several items as a button; narrower
 * ones keep the less used in a "…" menu, a phone-sized one all of them;
 * nothing is cut off. From the narrowest, the menu's Done is one command
 * over the three. */
static void
test_bulk_bar_widths (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  g_autofree char *before = NULL;
  GtkWidget *more, *menu, *done;

  pb_window_close_editor (t.window);
  /* Wide: a button for each (the status one opens the statuses). */
  g_assert_cmpuint (assert_bulk_bar_fits (1280), ==, 1);
  assert_bulk_bar_fits (1100);
  assert_bulk_bar_fits (800);
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "bulk-bar-800.png"));
  assert_bulk_bar_fits (360);
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "bulk-bar-360.png"));

  more = drawn_more_button (gtk_revealer_get_child (GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"))));
  g_assert_nonnull (more);
  before = pb_test_dump_store (t.store);
  gtk_menu_button_popup (GTK_MENU_BUTTON (more));
  pb_test_settle_for (300);
  menu = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (more)));
  g_assert_true (gtk_widget_get_mapped (menu));
  done = find_model_button (menu, "Done");
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status of 3 Items");
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }

  pb_board_view_set_selected (board, NULL, 0);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (500);
}

/* One card clicked (the keyboard on it, not Ctrl-chosen): the main
 * menu's Selected Items apply to it, a selection of one, when the menu is
 * opened and used with the mouse. With nothing selected at all, they are
 * insensitive. */
static void
test_menu_one_card (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 id = id_of ("统筹建设绿色数据中心");
  g_autofree char *before = NULL;
  GtkMenuButton *menu;
  GtkWidget *card, *popover, *done, *plan_list;
  PbItemStatus status;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (300);
  {
    g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, id);
    status = pb_item_get_status (item);
    g_assert_cmpint (status, !=, PB_ITEM_STATUS_DONE);
  }
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), id));
  g_assert_nonnull (card);
  click_button (card, 1);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 0);
  g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window))));
  before = pb_test_dump_store (t.store);

  /* The menu opened by a click on its button, Done clicked in it. */
  menu = main_menu_button (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  click_button (GTK_WIDGET (menu), 1);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  done = find_model_button (popover, "Done");
  g_assert_nonnull (done);
  g_assert_true (gtk_widget_is_sensitive (done));
  g_signal_emit_by_name (done, "clicked");
  pb_test_settle_for (300);
  g_assert_false (gtk_widget_get_mapped (popover));
  {
    g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, id);
    g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_DONE);
  }
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status");
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, id);
    g_assert_true (g_str_equal (now, before));
    g_assert_cmpint (pb_item_get_status (item), ==, status);
  }

  /* The keyboard in the list of plans: no card is selected; the menu's
   * commands on the selected items are insensitive, and back once it
   * has closed. */
  plan_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "plan_list"));
  g_assert_true (gtk_widget_grab_focus (plan_list));
  pb_test_settle_for (200);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 0);
  click_button (GTK_WIDGET (menu), 1);
  g_assert_true (gtk_widget_get_mapped (popover));
  done = find_model_button (popover, "Done");
  g_assert_nonnull (done);
  g_assert_false (gtk_widget_is_sensitive (done));
  g_assert_false (gtk_widget_is_sensitive (find_model_button (popover, "S_hift Dates…") ? find_model_button (popover, "S_hift Dates…")
                                                                                       : find_model_button (popover, "Shift Dates…")));
  g_assert_true (gtk_widget_is_sensitive (find_model_button (popover, "Plan Properties…")));
  gtk_menu_button_popdown (menu);
  pb_test_settle_for (300);
  g_assert_false (gtk_widget_get_mapped (popover));
  g_assert_true (gtk_widget_is_sensitive (done));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
}

/* The main menu, opened from its button at the top of a window filling a
 * 1280×800 screen, fits below the button without being cut or
 * scrolled: its natural height is within what is left of the screen. */
static void
test_main_menu_fits (void)
{
  GtkMenuButton *menu;
  GtkWidget *popover;
  graphene_rect_t bounds;
  int natural = 0, minimum = 0;
  GdkRectangle monitor;

  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (300);
  gdk_monitor_get_geometry (g_list_model_get_item (gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (t.window))), 0),
                            &monitor);
  g_assert_cmpint (monitor.height, ==, 800);
  menu = main_menu_button (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  gtk_menu_button_popup (menu);
  pb_test_settle_for (300);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (menu));
  g_assert_true (gtk_widget_get_mapped (popover));
  gtk_widget_measure (popover, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (menu), GTK_WIDGET (t.window), &bounds));
  g_test_message ("main menu: %d px tall below a button ending at %.0f px", natural, bounds.origin.y + bounds.size.height);
  if (g_getenv ("PB_TEST_MENU_HEIGHT"))
    g_printerr ("main menu: %d px tall below a button ending at %.0f px\n", natural, bounds.origin.y + bounds.size.height);
  g_assert_cmpint (natural, <=, monitor.height - (int) (bounds.origin.y + bounds.size.height));
  if (g_getenv ("PB_TEST_SCREEN_SHOT"))
    {
      /* The screen as it is, menu and all: $PB_TEST_SCREEN_SHOT names the file. */
      const char *argv[] = { "/usr/bin/import", "-window", "root", g_getenv ("PB_TEST_SCREEN_SHOT"), NULL };
      int status = 0;

      pb_test_settle_for (300);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
    }
  gtk_menu_button_popdown (menu);
  pb_test_settle_for (200);
}

/* The pointer, through the X server, to (@wx, @wy) in @widget, and a
 * pixel further, as a hand resting there would. */
static void
point_at (GtkWidget *widget,
          double     wx,
          double     wy)
{
  int root_x, root_y;

  pb_test_x_root_point (widget, wx, wy, &root_x, &root_y);
  pb_test_x_move (root_x, root_y);
  pb_test_settle_for (100);
  pb_test_x_move (root_x + 1, root_y + 1);
}

/* A tooltip on screen over the window. */
static gboolean
tooltip_shown (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if ((g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkTooltipWindow") && gtk_widget_get_mapped (c)) || tooltip_shown (c))
      return TRUE;
  return FALSE;
}

/* A label in the list of plans, whose tooltip is the plan's title. */
static GtkWidget *
plan_title_label (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && gtk_widget_is_drawable (c) && gtk_widget_get_tooltip_text (c) &&
          g_str_has_prefix (gtk_widget_get_tooltip_text (c), "云澜市新型基础设施建设"))
        return c;
      if ((found = plan_title_label (c)))
        return found;
    }
  return NULL;
}

/* A bulk dialog (Shift Dates…) open over the window: the list of plans
 * under it shows no tooltip however the pointer rests there, and none is
 * left once the dialog has gone. */
static void
test_no_tooltip_under_dialog (void)
{
  GtkWidget *plan_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "plan_list"));
  GtkWidget *title, *dialog;
  gint64 ids[3];

  choose_three (ids);
  title = plan_title_label (plan_list);
  g_assert_nonnull (title);

  /* Without a dialog, the title's tooltip shows where the pointer rests. */
  point_at (title, 20, gtk_widget_get_height (title) / 2.0);
  pb_test_settle_for (1500);
  g_assert_true (tooltip_shown (GTK_WIDGET (t.window)));

  /* Shift Dates… opened with the tooltip on screen (by its action: no key
   * or click that would hide it) takes it away. */
  dialog = pb_window_ask_bulk (t.window, "shift");
  g_assert_nonnull (dialog);
  pb_test_settle_for (300);
  /* Put where a window manager would, over the board and not over the
   * list of plans (Xvfb alone puts it at the top left). */
  pb_test_x_move_window (dialog, 600, 300);
  pb_test_settle_for (300);
  g_assert_false (tooltip_shown (GTK_WIDGET (t.window)));

  /* The pointer resting on the list of plans under the dialog: no tooltip. */
  point_at (title, 30, gtk_widget_get_height (title) / 2.0);
  pb_test_settle_for (1500);
  g_assert_false (tooltip_shown (GTK_WIDGET (t.window)));

  /* Closed, with the pointer on the board: none left. */
  point_at (pb_window_get_board (t.window), 10, 10);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  pb_test_settle_for (1500);
  g_assert_false (tooltip_shown (GTK_WIDGET (t.window)));
  /* And the window takes the pointer again: the tooltip shows. */
  point_at (title, 20, gtk_widget_get_height (title) / 2.0);
  pb_test_settle_for (1500);
  g_assert_true (tooltip_shown (GTK_WIDGET (t.window)));
  point_at (pb_window_get_board (t.window), 10, 10);
  pb_test_settle_for (300);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
}

/* A mapped menu button whose tooltip is @tooltip. */
static GtkWidget *
menu_button_with_tooltip (GtkWidget  *root,
                          const char *tooltip)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (c) && gtk_widget_get_mapped (c) && g_strcmp0 (gtk_widget_get_tooltip_text (c), tooltip) == 0)
        return c;
      if ((found = menu_button_with_tooltip (c, tooltip)))
        return found;
    }
  return NULL;
}

/* A section column's menu, opened by a click where the pointer had
 * rested long enough for the button's tooltip ("Section") to show: the
 * tooltip goes and stays away while the menu is open, instead of
 * covering its first entry, Add Section…; it is back once the menu has
 * closed. */
static void
test_no_tooltip_over_menu (void)
{
  GtkWidget *button = menu_button_with_tooltip (pb_window_get_board (t.window), "Section");
  GtkWidget *popover;
  double w, h;

  g_assert_nonnull (button);
  w = gtk_widget_get_width (button);
  h = gtk_widget_get_height (button);
  point_at (button, w / 2, h / 2);
  pb_test_settle_for (1500);
  g_assert_true (tooltip_shown (GTK_WIDGET (t.window)));

  click_at (button, w / 2 + 1, h / 2 + 1, 1, 0);
  pb_test_settle_for (1500);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_false (tooltip_shown (GTK_WIDGET (t.window)));
  /* The pointer resting there still: none comes back. */
  point_at (button, w / 2, h / 2);
  pb_test_settle_for (1500);
  g_assert_false (tooltip_shown (GTK_WIDGET (t.window)));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  pb_test_settle_for (300);
  g_assert_false (gtk_widget_get_mapped (popover));
  point_at (button, w / 2 + 1, h / 2);
  pb_test_settle_for (1500);
  g_assert_true (tooltip_shown (GTK_WIDGET (t.window)));
  point_at (pb_window_get_board (t.window), 10, 10);
  pb_test_settle_for (300);
}

/* How many cards the board shows, all columns together. */
static guint
n_cards_in_view (PbBoardView *board)
{
  guint n = 0;

  for (guint c = 0; c < pb_board_view_get_n_columns (board); c++)
    n += g_list_model_get_n_items (pb_board_view_get_column_items (board, c));
  return n;
}

/* The number the bulk bar says is chosen, 0 when it is hidden. */
static guint
n_chosen_shown (void)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
  GtkLabel *label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_label"));
  guint n = 0;

  pb_test_settle_for (300);
  if (!gtk_revealer_get_reveal_child (revealer))
    return 0;
  g_assert_cmpint (sscanf (gtk_label_get_text (label), "%u Items Selected", &n), ==, 1);
  return n;
}

/* Ctrl+A after a click on a card chooses every card in view: the click
 * puts the keyboard inside the card's column, whose list must not eat
 * the shortcut. */
static void
test_select_all_after_click (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 id = id_of ("统筹建设绿色数据中心");
  GtkWidget *card, *focus;
  guint n = n_cards_in_view (board);

  g_assert_cmpuint (n, >, 3);
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (300);
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), id));
  g_assert_nonnull (card);
  click_button (card, 1);
  focus = gtk_root_get_focus (GTK_ROOT (t.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (board)));

  press (GDK_KEY_a, GDK_CONTROL_MASK);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, n);
  g_assert_cmpuint (n_chosen_shown (), ==, n);

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (300);
}

/* The timeline scrolled to @id's row; returns the row's middle, in the
 * view's coordinates. */
static double
bar_on_screen (PbTimelineView *view,
               gint64          id)
{
  PbTimeline *tl = pb_timeline_view_get_timeline (view);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint row;
  double row_y, x, y;

  g_assert_true (pb_timeline_get_item_row (tl, id, &row));
  row_y = pb_timeline_get_row_y (tl, row);
  gtk_adjustment_set_value (vadj, MAX (row_y - 100, 0));
  pb_test_settle_for (200);
  pb_timeline_view_widget_point (view, 0, row_y + PB_TIMELINE_ROW_HEIGHT / 2, &x, &y);
  g_assert_cmpfloat (y, >, PB_TIMELINE_HEADER_HEIGHT);
  g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (view)));
  return y;
}

static void
assert_store_is (const char *expected)
{
  g_autofree char *now = pb_test_dump_store (t.store);

  g_assert_true (g_str_equal (now, expected));
}

/* On the timeline, as on the board: Ctrl-clicks choose three bars, the
 * bulk bar appears; a right-click on one of them opens their menu, whose
 * Done is one command for the three; the bar's Shift Dates… is another;
 * Ctrl+Z and Ctrl+Shift+Z take each back and make it again. */
static void
test_timeline_bulk (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
  GtkWidget *bar = gtk_revealer_get_child (revealer);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  char *starts_before[3] = { NULL, NULL, NULL };
  GtkWidget *menu, *done, *button, *dialog;
  gint64 ids[3];

  ids[0] = id_of ("加快5G网络规模化部署");
  ids[1] = id_of ("推进千兆光网“双千兆”城市建设");
  ids[2] = id_of ("统筹建设绿色数据中心");
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  end_before_period_end (ids, 3);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  before = pb_test_dump_store (t.store);

  /* A click, then two Ctrl-clicks, on the bars' labels. */
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, ids[0]), 1, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, ids[0]);
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, ids[2]), 1, GDK_CONTROL_MASK);
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, ids[1]), 1, GDK_CONTROL_MASK);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 3);
  g_assert_cmpuint (n_chosen_shown (), ==, 3);
  g_assert_true (gtk_widget_get_mapped (bar));
  assert_inside_window (bar);
  /* The hint toast shown at the second bar is still up at the third: it
   * never says "2 items chosen" beside a bar that says 3 (issue 14). */
  {
    AdwToast *hint = pb_ui_get_toast (GTK_WIDGET (view));
    guint said = 0;

    g_assert_nonnull (hint);
    g_assert_nonnull (strstr (adw_toast_get_title (hint), "Ctrl+click"));
    if (sscanf (adw_toast_get_title (hint), "%u item", &said) == 1)
      g_assert_cmpuint (said, ==, pb_timeline_view_get_n_selected (view));
  }

  /* Right-click on one of the three: their menu; Done sets all three. */
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, ids[2]), 3, 0);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_parent (menu) == GTK_WIDGET (view));
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 3);
  done = find_model_button (menu, "Done");
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status of 3 Items");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);
      g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_DONE);
    }
  after = pb_test_dump_store (t.store);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  assert_store_is (after);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 3);

  /* The Menu key opens the same menu, on the timeline. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press (GDK_KEY_Menu, 0);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_parent (menu) == GTK_WIDGET (view));
  g_assert_nonnull (find_model_button (menu, "Done"));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);

  /* The bar's Shift Dates…: a month later, the three in one command. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);
      starts_before[i] = g_strdup (pb_record_get_string (PB_RECORD (item), "start_date"));
    }
  button = pb_test_button_labelled (bar, "Shift Dates…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin ();
  dialog = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Reschedule 3 Items");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);
      g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "start_date"), >, starts_before[i]);
    }
  g_clear_pointer (&after, g_free);
  after = pb_test_dump_store (t.store);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  assert_store_is (after);
  act ("win.undo", NULL);
  assert_store_is (before);
  for (guint i = 0; i < 3; i++)
    g_free (starts_before[i]);

  pb_timeline_view_set_selected_items (view, NULL, 0);
  pb_test_settle_for (300);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (500);
}

static GtkWidget *
entry_row_titled (GtkWidget  *root,
                  const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (c) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return c;
      if ((found = entry_row_titled (c, title)))
        return found;
    }
  return NULL;
}

static GtkAdjustment *
editor_vadjustment (GtkWidget *editor)
{
  GtkWidget *page = gtk_widget_get_first_child (editor);
  GtkWidget *scroller;

  g_assert_true (ADW_IS_PREFERENCES_PAGE (page));
  for (scroller = gtk_widget_get_first_child (page); scroller && !GTK_IS_SCROLLED_WINDOW (scroller);
       scroller = gtk_widget_get_next_sibling (scroller))
    ;
  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* The editor open on @id, at its top, the keyboard in the title. */
static void
assert_editor_opened_on (gint64 id)
{
  GtkWidget *editor = pb_window_get_editor (t.window);
  PbItem *item = pb_item_editor_get_item (PB_ITEM_EDITOR (editor));
  GtkWidget *title = entry_row_titled (editor, "Title");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (t.window));

  g_assert_nonnull (item);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (item)), ==, id);
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_cmpfloat (gtk_adjustment_get_value (editor_vadjustment (editor)), ==, 0);
  g_assert_nonnull (focus);
  g_assert_true (focus == title || gtk_widget_is_ancestor (focus, title));
}

/* The keyboard on @id's card. */
static void
assert_focus_on_card (gint64 id)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (t.window));

  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_BUTTON (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (board)));
  g_assert_cmpint (pb_board_view_get_focused_item (board, NULL), ==, id);
}

/* Enter on a card opens the editor at its top with the title focused, even
 * after the one before was left scrolled down with the keyboard low in
 * it; Escape closes it and gives the keyboard back to that card, not to a
 * column's "+". */
static void
test_editor_focus (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 a = id_of ("统筹建设绿色数据中心");
  gint64 b = id_of ("加快5G网络规模化部署");
  GtkWidget *editor, *card;
  GtkAdjustment *vadj;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (500);

  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), a));
  g_assert_nonnull (card);
  click_button (card, 1);
  assert_focus_on_card (a);
  press (GDK_KEY_Return, 0);
  pb_test_settle_for (400);
  assert_editor_opened_on (a);

  /* Down at the bottom, the keyboard in a field there. */
  editor = pb_window_get_editor (t.window);
  vadj = editor_vadjustment (editor);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj), >, 100);
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  g_assert_true (gtk_widget_child_focus (editor, GTK_DIR_TAB_BACKWARD));
  pb_test_settle_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), >, 100);

  /* Escape: closed, the keyboard back on the card. */
  gtk_widget_grab_focus (entry_row_titled (editor, "Title"));
  press (GDK_KEY_Escape, 0);
  pb_test_settle_for (500);
  g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)));
  assert_focus_on_card (a);

  /* Left scrolled down, then another card opened while it is open. */
  press (GDK_KEY_Return, 0);
  pb_test_settle_for (400);
  assert_editor_opened_on (a);
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
  pb_test_settle_for (200);
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), b));
  g_assert_nonnull (card);
  click_button (card, 1);
  assert_focus_on_card (b);
  press (GDK_KEY_Return, 0);
  pb_test_settle_for (400);
  assert_editor_opened_on (b);
  press (GDK_KEY_Escape, 0);
  pb_test_settle_for (500);
  assert_focus_on_card (b);
}

/* A real drag with the first button from (@x0, @y0) to (@x1, @y1) in
 * @widget, Ctrl held if asked; @escape presses Escape before the button
 * is let go. */
static void
drag_with_pointer (GtkWidget       *widget,
                   double           x0,
                   double           y0,
                   double           x1,
                   double           y1,
                   GdkModifierType  mods,
                   gboolean         escape)
{
  pb_test_x_focus (GTK_WIDGET (t.window));
  for (int step = 0; step <= 10; step++)
    {
      int root_x, root_y;
      double f = step / 10.0;

      pb_test_x_root_point (widget, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, &root_x, &root_y);
      pb_test_x_move (root_x, root_y);
      if (step == 0)
        {
          if (mods & GDK_CONTROL_MASK)
            pb_test_x_key (GDK_KEY_Control_L, TRUE);
          pb_test_x_button (1, TRUE);
        }
      pb_test_settle_for (40);
    }
  if (escape)
    {
      pb_test_x_key (GDK_KEY_Escape, TRUE);
      pb_test_x_key (GDK_KEY_Escape, FALSE);
      pb_test_settle_for (100);
    }
  pb_test_x_button (1, FALSE);
  if (mods & GDK_CONTROL_MASK)
    pb_test_x_key (GDK_KEY_Control_L, FALSE);
  pb_test_settle_for (300);
}

/* The middle of @id's bar, in the view's coordinates; @scroll brings it
 * into view first, else it must be in view as the chart is scrolled. */
static void
bar_middle (PbTimelineView *view,
            gint64          id,
            gboolean        scroll,
            double         *x,
            double         *y)
{
  PbTimeline *tl = pb_timeline_view_get_timeline (view);
  GtkAdjustment *hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  guint32 start, due;
  guint row;
  double cx;

  g_assert_true (pb_timeline_get_item_dates (tl, id, &start, &due));
  g_assert_true (pb_timeline_get_item_row (tl, id, &row));
  cx = pb_timeline_x_for_day (tl, start + (due - start) / 2);
  if (scroll)
    {
      gtk_adjustment_set_value (hadj, MAX (cx - 200, 0));
      bar_on_screen (view, id);
    }
  pb_timeline_view_widget_point (view, cx, pb_timeline_get_row_y (tl, row) + PB_TIMELINE_ROW_HEIGHT / 2, x, y);
  g_assert_cmpfloat (*x, >, 0);
  g_assert_cmpfloat (*x, <, gtk_widget_get_width (GTK_WIDGET (view)) - 160);
  g_assert_cmpfloat (*y, >, PB_TIMELINE_HEADER_HEIGHT);
  g_assert_cmpfloat (*y, <, gtk_widget_get_height (GTK_WIDGET (view)));
}

/* A key's command changed the store; Ctrl+Z takes it back. */
static void
assert_changed_then_undo (const char *before)
{
  g_autofree char *now = pb_test_dump_store (t.store);

  g_assert_false (g_str_equal (now, before));
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);
}

/* A real click on @id's card, until the keyboard is on it (a busy
 * machine may still be laying the board out after the last command). */
static void
click_card (gint64 id)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));

  for (int tries = 0; tries < 5; tries++)
    {
      GtkWidget *card;

      pb_test_settle_for (200);
      card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), id));
      if (card == NULL)
        continue;
      click_button (card, 1);
      if (pb_board_view_get_focused_item (board, NULL) == id)
        return;
    }
  g_error ("could not click the card of item %" G_GINT64_FORMAT, id);
}

/* Every shortcut of the editing work that the shortcuts window lists,
 * pressed for real: Insert, Delete, Alt+Up/Down, Shift+F10, Alt+Return,
 * Ctrl- and Shift-click on the board; Alt+Up/Down, Escape during a drag
 * and Ctrl+drag on the timeline. */
static void
test_shortcuts (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  gint64 a = id_of ("加快5G网络规模化部署");
  gint64 b = id_of ("推进千兆光网“双千兆”城市建设");
  gint64 c = id_of ("统筹建设绿色数据中心");
  g_autofree char *before = NULL;
  GtkWidget *card, *menu, *dialog;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (400);
  before = pb_test_dump_store (t.store);

  /* Insert: a new item after the focused card, open in the editor. */
  click_card (a);
  press (GDK_KEY_Insert, 0);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Item");
  g_assert_nonnull (pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window))));
  press (GDK_KEY_Escape, 0);
  pb_test_settle_for (400);
  g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window))));
  /* Closed without a title, the new item goes again, its Add Item with
   * it (nothing to undo or redo of it). */
  assert_store_is (before);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), !=, "Add Item");
  g_assert_cmpstr (pb_store_get_redo_label (t.store), !=, "Add Item");

  /* Delete: the focused card's item. */
  click_card (c);
  press (GDK_KEY_Delete, 0);
  g_assert_null (pb_store_get_record (t.store, PB_TYPE_ITEM, c));
  assert_changed_then_undo (before);

  /* Alt+Down, Alt+Up: the card down its column and back. */
  click_card (a);
  press (GDK_KEY_Down, GDK_ALT_MASK);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Item");
  /* The keyboard goes with the card, for the next press. */
  g_assert_cmpint (pb_board_view_get_focused_item (board, NULL), ==, a);
  {
    g_autofree char *moved = pb_test_dump_store (t.store);

    g_assert_false (g_str_equal (moved, before));
    press (GDK_KEY_Up, GDK_ALT_MASK);
  }
  g_assert_cmpint (pb_board_view_get_focused_item (board, NULL), ==, a);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);

  /* Shift+F10: the focused card's menu. */
  click_card (a);
  press (GDK_KEY_F10, GDK_SHIFT_MASK);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_nonnull (find_model_button (menu, "Done"));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);

  /* Alt+Return: Plan Properties. */
  press (GDK_KEY_Return, GDK_ALT_MASK);
  pb_test_settle_for (300);
  dialog = pb_test_toplevel_of_type (PB_TYPE_PLAN_PROPERTIES);
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  pb_test_settle_for (300);
  assert_store_is (before);

  /* Ctrl-click adds a card, Shift-click the run in its column. */
  click_card (a);
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), c));
  click_at (card, 10, 10, 1, GDK_CONTROL_MASK);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 2);
  click_card (a);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 0);
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), b));
  click_at (card, 10, 10, 1, GDK_SHIFT_MASK);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), >=, 2);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (300);

  /* The timeline. */
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  {
    double ya = bar_on_screen (view, a), xa, yb, xb;

    /* Alt+Down and Alt+Up on the selected bar. */
    click_at (GTK_WIDGET (view), 40, ya, 1, 0);
    g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a);
    press (GDK_KEY_Down, GDK_ALT_MASK);
    g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Item");
    press (GDK_KEY_Up, GDK_ALT_MASK);
    press (GDK_KEY_z, GDK_CONTROL_MASK);
    press (GDK_KEY_z, GDK_CONTROL_MASK);
    assert_store_is (before);

    /* A bar dragged, then Escape before the button is let go: nothing.
     * (One shorter than the plan period, which a move could not keep.) */
    bar_middle (view, id_of ("建设智慧能源网络"), TRUE, &xa, &ya);
    drag_with_pointer (GTK_WIDGET (view), xa, ya, xa + 150, ya, 0, TRUE);
    assert_store_is (before);
    /* Without Escape the same drag moves it (the drag was a real one). */
    drag_with_pointer (GTK_WIDGET (view), xa, ya, xa + 150, ya, 0, FALSE);
    assert_changed_then_undo (before);

    /* Ctrl+drag from one bar to the next: a dependency. */
    bar_middle (view, a, TRUE, &xa, &ya);
    bar_middle (view, b, FALSE, &xb, &yb);
    drag_with_pointer (GTK_WIDGET (view), xa, ya, xb, yb, GDK_CONTROL_MASK, FALSE);
    g_assert_true (g_str_has_prefix (pb_store_get_undo_label (t.store), "Make "));
    assert_changed_then_undo (before);
  }
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (500);
}

/* Whether the store holds a dependency of @to on @from. */
static gboolean
has_dependency (gint64 from,
                gint64 to)
{
  g_autoptr(GListModel) deps = pb_store_list_dependencies (t.store, pb_record_get_id (PB_RECORD (pb_window_get_plan (t.window))));

  for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
    {
      g_autoptr(PbRecord) d = g_list_model_get_item (deps, i);

      if (pb_record_get_int (d, "from_item_id") == from && pb_record_get_int (d, "to_item_id") == to)
        return TRUE;
    }
  return FALSE;
}

/* A Ctrl+drag from one bar to another, with the real pointer: a
 * dependency, with an Undo toast that names the command; the selection
 * stays as it was (no bars chosen, no bulk bar, no "chosen" hint); Ctrl+Z
 * and Ctrl+Shift+Z take it back and make it again. A Ctrl-click without
 * a drag still chooses the bar, with a hint that says what Ctrl, Shift
 * and Ctrl+drag do on the timeline. */
static void
test_timeline_dependency_drag (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));
  gint64 a = id_of ("加快5G网络规模化部署");
  gint64 b = id_of ("推进千兆光网“双千兆”城市建设");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  AdwToast *toast;
  double xa, ya, xb, yb;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  pb_timeline_view_set_selected_items (view, NULL, 0);
  before = pb_test_dump_store (t.store);
  g_assert_false (has_dependency (a, b));

  /* Select b's bar with a plain click on its label: a Ctrl-click on a
   * would now choose both. */
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, b), 1, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, b);

  bar_middle (view, a, TRUE, &xa, &ya);
  bar_middle (view, b, FALSE, &xb, &yb);
  drag_with_pointer (GTK_WIDGET (view), xa, ya, xb, yb, GDK_CONTROL_MASK, FALSE);
  g_assert_true (has_dependency (a, b));
  /* Named: which item starts after which (titles shortened). */
  {
    g_autoptr(PbItem) item_a = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
    g_autoptr(PbItem) item_b = pb_store_get_record (t.store, PB_TYPE_ITEM, b);

    label = g_strdup_printf ("Make %s 推进千兆光网“双千兆… Start After %s 加快5G网络规模化部署",
                             pb_item_get_number (item_b), pb_item_get_number (item_a));
  }
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, label);
  /* The selection as it was: nothing chosen, no bulk bar. */
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, b);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  /* The toast names the command (and, as both start on 2025-01-01, that
   * the dates contradict it) and offers Undo; no "chosen" hint. */
  toast = pb_ui_get_undo_toast (GTK_WIDGET (view));
  g_assert_nonnull (toast);
  {
    g_autofree char *said = g_strdup_printf ("%s, but 2 starts before 1 ends", label);

    g_assert_cmpstr (adw_toast_get_title (toast), ==, said);
  }
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  pb_test_assert_undo_toast (toast, t.store);
  g_assert_true (pb_ui_get_toast (GTK_WIDGET (view)) == toast);

  after = pb_test_dump_store (t.store);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);
  g_assert_false (has_dependency (a, b));
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  assert_store_is (after);
  g_assert_true (has_dependency (a, b));
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);

  /* A Ctrl-click on a's bar, without a drag: a joins b as chosen. */
  bar_middle (view, a, FALSE, &xa, &ya);
  click_at (GTK_WIDGET (view), xa, ya, 1, GDK_CONTROL_MASK);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 2);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  toast = pb_ui_get_toast (GTK_WIDGET (view));
  g_assert_nonnull (toast);
  /* The hint says what Ctrl and Shift do; how many are chosen is the
   * bulk bar's to say, which stays true as more are chosen (issue 14). */
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Ctrl+click adds or drops a bar"));
  g_assert_null (strstr (adw_toast_get_title (toast), "chosen"));
  g_assert_cmpuint (n_chosen_shown (), ==, 2);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Shift+click"));
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Ctrl+drag"));
  assert_store_is (before);

  pb_timeline_view_set_selected_items (view, NULL, 0);
  pb_test_settle_for (300);
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (500);
}

/* The board column header whose title holds @text. */
static GtkWidget *
column_header_with (GtkWidget  *root,
                    const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (c, "column-header") && gtk_widget_get_mapped (c))
        {
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();

          find_labels (c, text, labels);
          if (labels->len > 0)
            return c;
        }
      if ((found = column_header_with (c, text)))
        return found;
    }
  return NULL;
}

/* On the board, as on the timeline's section headers: with the keyboard
 * on a section column's header, Menu and Shift+F10 open the section's
 * menu. */
static void
test_board_section_keys (void)
{
  GtkWidget *board = pb_window_get_board (t.window);
  GtkWidget *header, *button = NULL, *menu;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (board), NULL, 0);
  pb_test_settle_for (400);
  header = column_header_with (board, "建设高速泛在的信息基础设施");
  g_assert_nonnull (header);
  for (GtkWidget *c = gtk_widget_get_first_child (header); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_MENU_BUTTON (c))
      button = c;
  g_assert_nonnull (button);

  for (int key = 0; key < 2; key++)
    {
      g_assert_true (gtk_widget_grab_focus (button));
      if (key == 0)
        press (GDK_KEY_Menu, 0);
      else
        press (GDK_KEY_F10, GDK_SHIFT_MASK);
      menu = open_popover_menu (GTK_WIDGET (t.window));
      g_assert_nonnull (menu);
      g_assert_nonnull (find_model_button (menu, "Rename Section…"));
      g_assert_nonnull (find_model_button (menu, "Delete Section…"));
      gtk_popover_popdown (GTK_POPOVER (menu));
      pb_test_settle_for (300);
    }
}

static guint
n_items_in_section (gint64 section)
{
  g_autoptr(GListModel) items = pb_store_list_items (t.store, pb_window_get_selected_plan (t.window));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);

      n += pb_item_get_section_id (item) == section;
    }
  return n;
}

/* The column-parent menu button under @root, or NULL. */
static GtkWidget *
parent_menu_button (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (c) && gtk_widget_has_css_class (c, "column-parent"))
        return c;
      if ((found = parent_menu_button (c)))
        return found;
    }
  return NULL;
}

/* A heading whose items all sit in its sub-sections (一、总体要求) has no
 * column of its own; its sub-sections' columns show it above their
 * titles, as a menu with its section actions: a real click opens it,
 * its Move Down moves the heading (one command, Ctrl+Z takes it back);
 * from the keyboard, Space opens it and its Add Item adds an item to the
 * heading itself. A right-click opens the heading's menu, or on the
 * title the column's own. */
static void
test_board_parent_section (void)
{
  GtkWidget *board = pb_window_get_board (t.window);
  g_autoptr(GListModel) sections = pb_store_list_sections (t.store, pb_window_get_selected_plan (t.window));
  g_autofree char *before = NULL;
  GtkWidget *header, *button, *menu, *entry, *label = NULL;
  gint64 heading = 0, second = 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_before;

  /* The example's first heading and the next top-level section. */
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);

      if (pb_section_get_parent_id (s) != 0)
        continue;
      if (heading == 0)
        {
          g_assert_cmpstr (pb_section_get_title (s), ==, "总体要求");
          heading = pb_record_get_id (PB_RECORD (s));
        }
      else if (second == 0)
        second = pb_record_get_id (PB_RECORD (s));
    }
  g_assert_cmpint (second, >, 0);

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (board), NULL, 0);
  pb_test_settle_for (400);
  {
    g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, heading);

    /* No column of its own. */
    for (guint c = 0; c < pb_board_view_get_n_columns (PB_BOARD_VIEW (board)); c++)
      g_assert_false (g_str_equal (pb_board_view_get_column_key (PB_BOARD_VIEW (board), c), key));
  }
  header = column_header_with (board, "主要目标");
  g_assert_nonnull (header);
  button = parent_menu_button (header);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  find_labels (button, "一、总体要求", labels);
  g_assert_cmpuint (labels->len, ==, 1);
  label = g_ptr_array_index (labels, 0);
  g_assert_true (gtk_widget_is_drawable (label));

  /* A real click: the heading's menu; Move Down is offered and acts on
   * the heading, not on the column's own section. */
  before = pb_test_dump_store (t.store);
  click_button (button, 1);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_nonnull (find_model_button (menu, "Add Item"));
  g_assert_nonnull (find_model_button (menu, "Rename Section…"));
  g_assert_nonnull (find_model_button (menu, "Delete Section…"));
  entry = find_model_button (menu, "Move Down");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_sensitive (entry));
  g_assert_false (gtk_widget_is_sensitive (find_model_button (menu, "Move Up")));
  click_button (entry, 1);
  pb_test_settle_for (400);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Section Down");
  {
    g_autoptr(GListModel) now = pb_store_list_sections (t.store, pb_window_get_selected_plan (t.window));
    gint64 first_top = 0;

    for (guint i = 0; first_top == 0 && i < g_list_model_get_n_items (now); i++)
      {
        g_autoptr(PbSection) s = g_list_model_get_item (now, i);

        if (pb_section_get_parent_id (s) == 0)
          first_top = pb_record_get_id (PB_RECORD (s));
      }
    g_assert_cmpint (first_top, ==, second);
  }
  assert_changed_then_undo (before);
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Section Down");
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (before);

  /* The keyboard: Space on the heading's button opens the same menu;
   * Add Item adds to the heading itself. */
  pb_test_settle_for (300);
  header = column_header_with (board, "主要目标");
  g_assert_nonnull (header);
  button = parent_menu_button (header);
  g_assert_nonnull (button);
  n_before = n_items_in_section (heading);
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_first_child (button)));
  press (GDK_KEY_space, 0);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  click_button (find_model_button (menu, "Add Item"), 1);
  pb_test_settle_for (400);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Item");
  g_assert_cmpuint (n_items_in_section (heading), ==, n_before + 1);
  /* Closed untitled, the new item goes again (as after Insert). */
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  assert_store_is (before);

  /* A right-click on the heading opens its menu too; on the column's
   * title, the column's own section menu: (二) 主要目标 is the last of
   * its heading's sections, so there Move Down is greyed out. */
  header = column_header_with (board, "主要目标");
  g_assert_nonnull (header);
  button = parent_menu_button (header);
  right_click (button);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_nonnull (find_model_button (menu, "Add Item"));
  g_assert_true (gtk_widget_is_sensitive (find_model_button (menu, "Move Down")));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);
  g_ptr_array_set_size (labels, 0);
  find_labels (header, "(二) 主要目标", labels);
  g_assert_cmpuint (labels->len, ==, 1);
  right_click (g_ptr_array_index (labels, 0));
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_nonnull (find_model_button (menu, "Rename Section…"));
  g_assert_false (gtk_widget_is_sensitive (find_model_button (menu, "Move Down")));
  g_assert_true (gtk_widget_is_sensitive (find_model_button (menu, "Move Up")));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);
  assert_store_is (before);
}

/* On the timeline, with the keyboard on a section's header (no bar
 * chosen), Insert adds to that section, as its menu's Add Item does; not
 * to the board's first column. */
static void
test_timeline_insert_at_header (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  gint64 a = id_of ("建设智慧交通基础设施");
  g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
  gint64 section = pb_item_get_section_id (item), focused = 0;
  g_autofree char *before = NULL;
  PbItem *added;
  GtkWidget *menu;

  g_assert_cmpint (section, >, 0);
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  pb_timeline_view_set_selected_items (view, NULL, 0);
  before = pb_test_dump_store (t.store);

  /* Up from the section's first bar: its header. */
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, a), 1, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a);
  press (GDK_KEY_Up, 0);
  g_assert_true (pb_timeline_view_get_focused_section (view, &focused));
  g_assert_cmpint (focused, ==, section);

  press (GDK_KEY_Insert, 0);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Item");
  added = pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window)));
  g_assert_nonnull (added);
  g_assert_cmpint (pb_item_get_section_id (added), ==, section);
  /* Among tasks, a task. */
  g_assert_cmpint (pb_item_get_kind (added), ==, PB_ITEM_KIND_TASK);
  /* Closed untitled, it goes again. */
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  assert_store_is (before);

  /* The header's menu: Add Item, into the same section. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  pb_timeline_view_focus_section (view, section);
  press (GDK_KEY_Menu, 0);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  click_button (find_model_button (menu, "Add Item"), 1);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Item");
  added = pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window)));
  g_assert_nonnull (added);
  g_assert_cmpint (pb_item_get_section_id (added), ==, section);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  assert_store_is (before);
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (300);
}

/* The keyboard reaches a section's header on the timeline: Up from the
 * section's first bar; there Menu and Shift+F10 open the section's menu
 * (the board's column menu), whose Move Down is one undoable command;
 * Return folds and unfolds the section; Down goes back to the bar. */
static void
test_timeline_section_keys (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  gint64 a = id_of ("加快5G网络规模化部署");
  g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
  gint64 section = pb_item_get_section_id (item);
  g_autofree char *before = NULL;
  gint64 focused = 0;
  GtkWidget *menu, *down;

  g_assert_cmpint (section, >, 0);
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  pb_timeline_view_set_selected_items (view, NULL, 0);
  before = pb_test_dump_store (t.store);

  /* Up from the section's first bar: its header, no bar selected. */
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, a), 1, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a);
  press (GDK_KEY_Up, 0);
  g_assert_true (pb_timeline_view_get_focused_section (view, &focused));
  g_assert_cmpint (focused, ==, section);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, 0);

  /* Menu: the section's menu, on the timeline. */
  press (GDK_KEY_Menu, 0);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_parent (menu) == GTK_WIDGET (view));
  g_assert_nonnull (find_model_button (menu, "Rename Section…"));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);
  g_assert_null (open_popover_menu (GTK_WIDGET (t.window)));

  /* Shift+F10: the same menu; its Move Down is one command. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press (GDK_KEY_F10, GDK_SHIFT_MASK);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_parent (menu) == GTK_WIDGET (view));
  down = find_model_button (menu, "Move Down");
  g_assert_nonnull (down);
  g_signal_emit_by_name (down, "clicked");
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Section Down");
  assert_changed_then_undo (before);

  /* Return folds the section and opens it again. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  pb_timeline_view_focus_section (view, section);
  press (GDK_KEY_Return, 0);
  g_assert_false (pb_timeline_get_item_row (pb_timeline_view_get_timeline (view), a, NULL));
  g_assert_true (pb_timeline_view_get_focused_section (view, &focused));
  g_assert_cmpint (focused, ==, section);
  press (GDK_KEY_Return, 0);
  g_assert_true (pb_timeline_get_item_row (pb_timeline_view_get_timeline (view), a, NULL));

  /* Down: back to the first bar. */
  press (GDK_KEY_Down, 0);
  g_assert_false (pb_timeline_view_get_focused_section (view, NULL));
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a);
  assert_store_is (before);

  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (500);
}

/* With the editor open, a plain click on another card moves the editor
 * to that card: its fields never go on editing an item the planner has
 * left. What was typed in the title goes to the item it was typed for. */
static void
test_editor_follows_click (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 a = id_of ("统筹建设绿色数据中心");
  gint64 b = id_of ("加快5G网络规模化部署");
  g_autoptr(PbItem) item_a = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
  g_autofree char *title_b = NULL;
  PbItemEditor *editor;
  GtkWidget *card, *title;

  pb_board_view_set_selected (board, NULL, 0);
  pb_window_open_editor (t.window, item_a);
  pb_test_settle_for (400);
  editor = PB_ITEM_EDITOR (pb_window_get_editor (t.window));
  g_assert_cmpint (pb_record_get_id (PB_RECORD (pb_item_editor_get_item (editor))), ==, a);

  /* A title typed for A, not yet saved, then a click on B's card. */
  pb_item_editor_focus_title (editor);
  pb_test_settle_for (100);
  title = gtk_root_get_focus (GTK_ROOT (t.window));
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_ancestor (title, GTK_WIDGET (editor)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (title, ADW_TYPE_ENTRY_ROW)), "统筹建设绿色数据中心（改）");

  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), b));
  g_assert_nonnull (card);
  /* Near its left edge: the editor's flap lies over the rest. */
  click_at (card, 12, gtk_widget_get_height (card) / 2.0, 1, 0);
  pb_test_settle_for (300);

  g_assert_cmpint (pb_record_get_id (PB_RECORD (pb_item_editor_get_item (editor))), ==, b);
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, 0);
  {
    g_autoptr(PbItem) now_a = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
    g_autoptr(PbItem) now_b = pb_store_get_record (t.store, PB_TYPE_ITEM, b);

    g_assert_cmpstr (pb_record_get_string (PB_RECORD (now_a), "title"), ==, "统筹建设绿色数据中心（改）");
    g_assert_cmpstr (pb_record_get_string (PB_RECORD (now_b), "title"), ==, "加快5G网络规模化部署");
  }
  act ("win.undo", NULL);
  pb_test_settle_for (200);
  {
    g_autoptr(PbItem) now_a = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
    g_assert_cmpstr (pb_record_get_string (PB_RECORD (now_a), "title"), ==, "统筹建设绿色数据中心");
  }

  /* A Ctrl-click chooses; the editor stays where it is. */
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), a));
  click_at (card, 12, gtk_widget_get_height (card) / 2.0, 1, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (pb_item_editor_get_item (editor))), ==, b);

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (300);
}

/* The field of @column ("year", "value") of the firm target of @year of
 * the indicator named @indicator, in the open editor. */
static GtkWidget *
target_field_of (const char *indicator,
                 int         year,
                 const char *column)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, pb_window_get_editor (t.window));
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      PbRecord *r = g_object_get_data (G_OBJECT (w), "record");

      if (GTK_IS_ENTRY (w) && r && PB_IS_TARGET (r) && pb_target_get_year (PB_TARGET (r)) == year &&
          !pb_record_get_boolean (r, "stretch") && g_strcmp0 (g_object_get_data (G_OBJECT (w), "column"), column) == 0)
        {
          g_autoptr(PbIndicator) k = pb_store_get_record (t.store, PB_TYPE_INDICATOR, pb_record_get_int (r, "indicator_id"));

          if (k && g_str_equal (pb_indicator_get_name (k), indicator))
            return w;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_error ("no %s field of %s %d in the editor", column, indicator, year);
}

static void
open_indicator_rows (void)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, pb_window_get_editor (t.window));
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_EXPANDER_ROW (w))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  pb_test_settle_for (400);
}

/* Real keys in a target's field: what is typed and left by Tab is stored
 * (Ctrl+Z takes it back); a year outside the period typed and left by Tab
 * is refused under the field, the store unchanged; Escape takes it back
 * and the editor stays open. */
static void
test_target_tab (void)
{
  g_autoptr(PbItem) a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  g_autofree char *start = pb_test_dump_store (t.store);
  const char *value_sql = "SELECT t.value FROM target t JOIN indicator k ON k.id = t.indicator_id"
                          " WHERE k.name = '新建5G基站' AND t.year = 2025 AND t.stretch = 0";
  GtkWidget *entry, *label;
  GtkRoot *root;

  pb_window_open_editor (t.window, a);
  pb_test_settle_for (400);
  open_indicator_rows ();
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), value_sql), ==, 3000);

  entry = target_field_of ("新建5G基站", 2025, "value");
  g_assert_true (gtk_widget_grab_focus (entry));
  pb_test_settle_for (200);
  press (GDK_KEY_a, GDK_CONTROL_MASK);
  press (GDK_KEY_3, 0);
  press (GDK_KEY_6, 0);
  press (GDK_KEY_0, 0);
  press (GDK_KEY_0, 0);
  press (GDK_KEY_Tab, 0);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), value_sql), ==, 3600);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Target");
  root = gtk_widget_get_root (GTK_WIDGET (t.window));
  g_assert_true (gtk_root_get_focus (root) != NULL);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), value_sql), ==, 3000);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }

  /* A year outside the period: refused on leaving, said under it. */
  entry = target_field_of ("新建5G基站", 2025, "year");
  label = g_object_get_data (G_OBJECT (entry), "error-label");
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_grab_focus (entry));
  pb_test_settle_for (200);
  press (GDK_KEY_a, GDK_CONTROL_MASK);
  press (GDK_KEY_2, 0);
  press (GDK_KEY_0, 0);
  press (GDK_KEY_3, 0);
  press (GDK_KEY_0, 0);
  press (GDK_KEY_Tab, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2030");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "A target’s year lies within the plan’s period, 2025—2027.");
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
  /* Back into it, Escape: the stored year again, the editor open. */
  press (GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (root), entry));
  press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2025");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window))) == a);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

/* The widget of the open editor whose object data @key is set, and (for
 * an Add Target button) whose record is @indicator_id. */
static GtkWidget *
editor_widget_with (const char *key,
                    gint64      indicator_id)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, pb_window_get_editor (t.window));
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      PbRecord *r = g_object_get_data (G_OBJECT (w), "record");

      if (g_object_get_data (G_OBJECT (w), key) &&
          (indicator_id == 0 || (r && pb_record_get_id (r) == indicator_id)))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

/* @w scrolled into the editor's view, to be clicked. */
static void
scroll_into_view (GtkWidget *w)
{
  GtkWidget *sw = gtk_widget_get_ancestor (w, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  graphene_point_t p;
  double h;

  g_assert_nonnull (sw);
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
  g_assert_true (gtk_widget_compute_point (w, sw, &GRAPHENE_POINT_INIT (0, 0), &p));
  h = gtk_widget_get_height (sw);
  if (p.y < 0 || p.y + gtk_widget_get_height (w) > h)
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - h / 3);
  pb_test_settle_for (200);
  g_assert_true (gtk_widget_compute_point (w, sw, &GRAPHENE_POINT_INIT (0, 0), &p));
  g_assert_cmpfloat (p.y, >=, 0);
  g_assert_cmpfloat (p.y + gtk_widget_get_height (w), <=, h);
}

/* A real click on the Add Target button of indicator @k. */
static void
click_add_target_of (gint64 k)
{
  GtkWidget *add = editor_widget_with ("add-target", k);

  g_assert_nonnull (add);
  scroll_into_view (add);
  click_button (add, 1);
}

/* The new target's value field (the row being added), or %NULL. */
static GtkWidget *
draft_value_field (void)
{
  GtkWidget *row = editor_widget_with ("draft-value", 0);

  return row ? g_object_get_data (G_OBJECT (row), "draft-value") : NULL;
}

static void
type_digits (const char *digits)
{
  for (const char *d = digits; *d; d++)
    press (GDK_KEY_0 + (*d - '0'), 0);
}

static gint64
target_value_of (gint64 indicator_id,
                 int    year)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(value), -1) FROM target WHERE indicator_id = %"
                                          G_GINT64_FORMAT " AND year = %d AND stretch = 0", indicator_id, year);

  return pb_test_sql_int (pb_store_get_path (t.store), sql);
}

/* After the new target's year is refused (a firm target for it exists),
 * the refusal is judged again as soon as the row changes (issue 14), not
 * only on Return: another year typed clears it, the taken year typed
 * again brings it back; Stretch clicked clears it (a stretch target for
 * that year may be added), clicked again brings it back; clicked once
 * more, Return adds the stretch target as one "Add Target". Real keys
 * and clicks; the store checked at each step. */
static void
test_draft_target_recheck (void)
{
  g_autoptr(PbItem) a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  g_autofree char *start = pb_test_dump_store (t.store);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  GtkWidget *row, *year, *value, *stretch, *label;
  gint64 k;

#define ASSERT_UNCHANGED()                                   \
  G_STMT_START {                                             \
    g_autofree char *now_ = pb_test_dump_store (t.store);    \
    g_assert_cmpstr (now_, ==, before);                      \
  } G_STMT_END
#define ASSERT_REFUSED(text)                                              \
  G_STMT_START {                                                          \
    g_assert_true (gtk_widget_has_css_class (year, "error"));             \
    g_assert_true (gtk_widget_get_mapped (label));                        \
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, (text)); \
  } G_STMT_END
#define ASSERT_CLEAR()                                           \
  G_STMT_START {                                                 \
    g_assert_false (gtk_widget_has_css_class (year, "error"));   \
    g_assert_false (gtk_widget_get_visible (label));             \
    g_assert_false (gtk_widget_has_css_class (value, "error"));  \
  } G_STMT_END

  k = pb_store_add_indicator (t.store, pb_item_get_plan_id (a), pb_record_get_id (PB_RECORD (a)),
                              "物联网感知终端", "万个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_target (t.store, k, 2025, 100, PB_COMPARATOR_GE, FALSE, &error), >, 0);
  g_assert_no_error (error);
  before = pb_test_dump_store (t.store);

  pb_board_view_set_selected (board, NULL, 0);
  pb_window_open_editor (t.window, a);
  pb_test_settle_for (400);
  open_indicator_rows ();
  click_add_target_of (k);
  row = editor_widget_with ("draft-value", 0);
  g_assert_nonnull (row);
  year = g_object_get_data (G_OBJECT (row), "draft-year");
  value = g_object_get_data (G_OBJECT (row), "draft-value");
  stretch = g_object_get_data (G_OBJECT (row), "draft-stretch");
  label = g_object_get_data (G_OBJECT (year), "error-label");
  g_assert_true (GTK_IS_LABEL (label));
  /* The first year without a firm target, firm. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, "2026");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (stretch)));

  /* 2000 for 2025, Return: refused, the firm 2025 target being there. */
  type_digits ("2000");
  g_assert_true (gtk_widget_grab_focus (year));
  pb_test_settle_for (100);
  press (GDK_KEY_a, GDK_CONTROL_MASK);
  type_digits ("2025");
  /* Not judged while typed before any refusal. */
  ASSERT_CLEAR ();
  press (GDK_KEY_Return, 0);
  pb_test_settle_for (200);
  g_assert_true (editor_widget_with ("draft-value", 0) == row);
  ASSERT_REFUSED ("The indicator has a target for 2025 already.");
  ASSERT_UNCHANGED ();

  /* Another year typed: the refusal goes at once, nothing stored; the
   * taken year again: back. */
  press (GDK_KEY_a, GDK_CONTROL_MASK);
  type_digits ("2026");
  ASSERT_CLEAR ();
  ASSERT_UNCHANGED ();
  press (GDK_KEY_a, GDK_CONTROL_MASK);
  type_digits ("2025");
  ASSERT_REFUSED ("The indicator has a target for 2025 already.");

  /* Stretch: a stretch target for 2025 may be added; the refusal goes
   * with the click, before any Return. */
  scroll_into_view (stretch);
  click_button (stretch, 1);
  pb_test_settle_for (200);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (stretch)));
  ASSERT_CLEAR ();
  ASSERT_UNCHANGED ();
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "draft-target-stretch-recheck.png"));
  click_button (stretch, 1);
  pb_test_settle_for (200);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (stretch)));
  ASSERT_REFUSED ("The indicator has a target for 2025 already.");
  click_button (stretch, 1);
  pb_test_settle_for (200);
  ASSERT_CLEAR ();
  ASSERT_UNCHANGED ();

  /* Return (the keyboard still in the year): added, a stretch target. */
  g_assert_true (gtk_widget_has_focus (year) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (t.window)), year));
  press (GDK_KEY_Return, 0);
  pb_test_settle_for (200);
  g_assert_null (editor_widget_with ("draft-value", 0));
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM target WHERE indicator_id = %" G_GINT64_FORMAT
                                            " AND year = 2025 AND stretch = 1 AND value = 2000 AND comparator = '>='", k);

    g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql), ==, 1);
  }
  g_assert_cmpint (target_value_of (k, 2025), ==, 100);

  act ("win.undo", NULL);
  ASSERT_UNCHANGED ();
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  act ("win.undo", NULL);
  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
#undef ASSERT_UNCHANGED
#undef ASSERT_REFUSED
#undef ASSERT_CLEAR
}

/* A NEW target typed in the row Add Target opens is stored as the
 * keyboard leaves its value (Tab, a click on Add Target again, a click on
 * another card, the editor closed), one "Add Target" command each; a
 * value that is no value is refused under the field and kept; Escape
 * takes it back. Real keys and clicks; the store checked at each step. */
static void
test_draft_target_leave (void)
{
  g_autoptr(PbItem) a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  g_autofree char *start = pb_test_dump_store (t.store);
  g_autofree char *with_indicator = NULL;
  g_autoptr(GError) error = NULL;
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  PbItemEditor *editor;
  GtkWidget *value, *label, *card;
  GtkRoot *root = GTK_ROOT (t.window);
  gint64 k;

  k = pb_store_add_indicator (t.store, pb_item_get_plan_id (a), pb_record_get_id (PB_RECORD (a)),
                              "新建物联网基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);
  with_indicator = pb_test_dump_store (t.store);

  pb_board_view_set_selected (board, NULL, 0);
  pb_window_open_editor (t.window, a);
  pb_test_settle_for (400);
  editor = PB_ITEM_EDITOR (pb_window_get_editor (t.window));
  open_indicator_rows ();

  /* Add Target, 1000, Tab: stored, one command. */
  click_add_target_of (k);
  value = draft_value_field ();
  g_assert_nonnull (value);
  g_assert_true (gtk_widget_has_focus (value) || gtk_widget_is_ancestor (gtk_root_get_focus (root), value));
  type_digits ("1000");
  press (GDK_KEY_Tab, 0);
  pb_test_settle_for (200);
  g_assert_cmpint (target_value_of (k, 2025), ==, 1000);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");
  g_assert_null (draft_value_field ());
  /* The keyboard stays in the editor, on the new target's row. */
  g_assert_nonnull (gtk_root_get_focus (root));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (root), GTK_WIDGET (editor)));
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "draft-target-tab.png"));

  /* Add Target again, 20000, a click on Add Target: stored, and the next
   * year's row is open for typing. */
  click_add_target_of (k);
  value = draft_value_field ();
  g_assert_nonnull (value);
  type_digits ("20000");
  click_add_target_of (k);
  g_assert_cmpint (target_value_of (k, 2026), ==, 20000);
  g_assert_cmpint (target_value_of (k, 2025), ==, 1000);
  value = draft_value_field ();
  g_assert_nonnull (value);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (gtk_widget_get_ancestor (value, ADW_TYPE_ACTION_ROW)),
                                                                            "draft-year"))), ==, "2027");
  g_assert_true (gtk_widget_has_focus (value) || gtk_widget_is_ancestor (gtk_root_get_focus (root), value));

  /* No value: refused under the field, the text kept, nothing stored. */
  {
    g_autofree char *before = pb_test_dump_store (t.store);
    g_autofree char *now = NULL;

    press (GDK_KEY_x, 0);
    press (GDK_KEY_Tab, 0);
    pb_test_settle_for (200);
    value = draft_value_field ();
    g_assert_nonnull (value);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "x");
    g_assert_true (gtk_widget_has_css_class (value, "error"));
    label = g_object_get_data (G_OBJECT (value), "error-label");
    g_assert_true (GTK_IS_LABEL (label));
    g_assert_true (gtk_widget_get_mapped (label));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Not a value: type the target’s value, as 2600 or ≥1.3万.");
    g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "draft-target-refused.png"));
    now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);

    /* Back into it, Escape: the text goes, the editor stays. */
    g_assert_true (gtk_widget_grab_focus (value));
    pb_test_settle_for (100);
    press (GDK_KEY_Escape, 0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "");
    g_assert_false (gtk_widget_has_css_class (value, "error"));
    g_assert_false (gtk_widget_get_visible (label));
    g_assert_true (pb_item_editor_get_item (editor) == a);
    now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  /* 3000 typed, then a click on another card: stored for A before the
   * editor goes to B. */
  type_digits ("3000");
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), id_of ("统筹建设绿色数据中心")));
  g_assert_nonnull (card);
  click_at (card, 12, gtk_widget_get_height (card) / 2.0, 1, 0);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (pb_item_editor_get_item (editor))), ==, id_of ("统筹建设绿色数据中心"));
  g_assert_cmpint (target_value_of (k, 2027), ==, 3000);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");

  /* Undo and Redo, one target each. */
  act ("win.undo", NULL);
  g_assert_cmpint (target_value_of (k, 2027), ==, -1);
  g_assert_cmpint (target_value_of (k, 2026), ==, 20000);
  act ("win.redo", NULL);
  g_assert_cmpint (target_value_of (k, 2027), ==, 3000);
  act ("win.undo", NULL);
  act ("win.undo", NULL);
  g_assert_cmpint (target_value_of (k, 2026), ==, -1);
  act ("win.undo", NULL);
  g_assert_cmpint (target_value_of (k, 2025), ==, -1);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, with_indicator);
  }

  /* Typed, and the editor closed: stored. */
  pb_window_open_editor (t.window, a);
  pb_test_settle_for (400);
  open_indicator_rows ();
  click_add_target_of (k);
  g_assert_nonnull (draft_value_field ());
  type_digits ("500");
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  g_assert_cmpint (target_value_of (k, 2025), ==, 500);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");
  act ("win.undo", NULL);

  /* No value, and the editor closed: nothing stored, and a toast says
   * which target was not added and why. */
  pb_window_open_editor (t.window, a);
  pb_test_settle_for (400);
  open_indicator_rows ();
  click_add_target_of (k);
  g_assert_nonnull (draft_value_field ());
  press (GDK_KEY_x, 0);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  g_assert_true (toast_on_screen ("The new target of 新建物联网基站 was not added: Not a value"));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, with_indicator);
  }

  act ("win.undo", NULL);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (300);
}

/* The chart x under the view's widget x @wx. */
static double
chart_x_at (PbTimelineView *view,
            double          wx)
{
  double ox, oy;

  pb_timeline_view_widget_point (view, 0, 0, &ox, &oy);
  return wx - ox;
}

/* Zoomed by a real Ctrl+scroll, nothing selected, the day under the
 * pointer stays under it; zoomed by real Ctrl+= and Ctrl+minus with a bar
 * selected, the bar's start stays where it was on screen (#14). */
static void
test_timeline_zoom_real (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  PbTimeline *tl;
  gint64 id = id_of ("建设产业创新中心");
  guint32 under, start, due;
  double wx, wy, start_x, ox, oy;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  pb_timeline_view_set_selected_items (view, NULL, 0);
  pb_timeline_view_select (view, 0);
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  gtk_adjustment_set_value (h, 300);
  pb_test_settle_for (300);
  tl = pb_timeline_view_get_timeline (view);

  /* Ctrl+scroll up over the chart, two thirds across, on a row. */
  wy = bar_on_screen (view, id);
  pb_timeline_view_widget_point (view, 0, 0, &ox, &oy);
  wx = ox + gtk_adjustment_get_value (h) + (gtk_widget_get_width (GTK_WIDGET (view)) - (ox + gtk_adjustment_get_value (h))) * 2 / 3;
  under = pb_timeline_day_for_x (tl, chart_x_at (view, wx));
  click_at (GTK_WIDGET (view), wx, wy, 4, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_timeline_get_zoom (tl), ==, PB_TIMELINE_ZOOM_MONTH);
  g_test_message ("Ctrl+scroll at x %.0f: day %u under the pointer, now %u", wx, under,
                  pb_timeline_day_for_x (tl, chart_x_at (view, wx)));
  g_assert_cmpint (ABS ((int) pb_timeline_day_for_x (tl, chart_x_at (view, wx)) - (int) under), <=, 1);
  /* And back out. */
  click_at (GTK_WIDGET (view), wx, wy, 5, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_timeline_get_zoom (tl), ==, PB_TIMELINE_ZOOM_QUARTER);
  g_assert_cmpint (ABS ((int) pb_timeline_day_for_x (tl, chart_x_at (view, wx)) - (int) under), <=, 1);

  /* A click on the bar far to the right selects it; Ctrl+= twice, then
   * Ctrl+minus, keep its start where it was. */
  gtk_adjustment_set_value (h, 0);
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_YEAR);
  pb_test_settle_for (300);
  g_assert_true (pb_timeline_get_item_dates (tl, id, &start, &due));
  pb_timeline_view_widget_point (view, pb_timeline_x_for_day (tl, start + 20), 0, &wx, &oy);
  click_at (GTK_WIDGET (view), wx, wy, 1, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, id);
  pb_timeline_view_widget_point (view, pb_timeline_x_for_day (tl, start), 0, &start_x, &oy);
  for (int i = 0; i < 3; i++)
    {
      double x;

      press (i < 2 ? GDK_KEY_equal : GDK_KEY_minus, GDK_CONTROL_MASK);
      g_assert_cmpint (pb_timeline_get_zoom (tl), ==, i < 2 ? PB_TIMELINE_ZOOM_QUARTER + i : PB_TIMELINE_ZOOM_QUARTER);
      pb_timeline_view_widget_point (view, pb_timeline_x_for_day (tl, start), 0, &x, &oy);
      g_test_message ("Ctrl+%s: the bar starts at x %.1f (was %.1f)", i < 2 ? "=" : "minus", x, start_x);
      g_assert_cmpfloat (fabs (x - start_x), <=, 2);
    }

  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  gtk_adjustment_set_value (h, 0);
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (300);
}

/* The header bar's button of @action ("win.undo"). */
static GtkWidget *
action_button (const char *action)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, t.window);
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_error ("no button of %s", action);
}

/* Ctrl+Z with another plan on screen than the one the last command
 * changed: the Undo button says which plan, Ctrl+Z takes the command back
 * there and goes to that plan, and its toast names it; Redo likewise. */
static void
test_undo_other_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = pb_test_dump_store (t.store);
  g_autofree char *with_plan = NULL;
  gint64 shown = pb_window_get_selected_plan (t.window);
  GtkWidget *undo = action_button ("win.undo");
  GtkWidget *redo = action_button ("win.redo");
  gint64 other, a, b;
  const char *sql_count = NULL;
  g_autofree char *count_sql = NULL;

  other = pb_store_create_plan (t.store, "测试行动方案", 2025, 2027, &error);
  a = pb_store_add_item (t.store, other, 0, PB_ITEM_KIND_TASK, "1", "建设数据中心", &error);
  b = pb_store_add_item (t.store, other, 0, PB_ITEM_KIND_TASK, "2", "建设充电桩", &error);
  g_assert_no_error (error);
  with_plan = pb_test_dump_store (t.store);
  count_sql = g_strdup_printf ("SELECT count(*) FROM dependency WHERE from_item_id = %" G_GINT64_FORMAT
                               " AND to_item_id = %" G_GINT64_FORMAT, a, b);
  sql_count = count_sql;

  /* The dependency added in 测试行动方案, then back to the example. */
  pb_window_select_plan (t.window, other);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, other);
  pb_store_add_dependency (t.store, a, b, 0, &error);
  g_assert_no_error (error);
  pb_test_settle_for (100);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Make 2 建设充电桩 Start After 1 建设数据中心");
  pb_window_select_plan (t.window, shown);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, shown);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Make 2 建设充电桩 Start After 1 建设数据中心 in 测试行动方案");

  /* Ctrl+Z here asks first (a reviewer's Ctrl+Z took away a plan out of
   * sight); Escape, Cancel by default, changes nothing. */
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==,
                     "Undo “Make 2 建设充电桩 Start After 1 建设数据中心” in Another Plan?");
    g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                     "It was made in “测试行动方案”, not in the plan shown. That plan is shown after it.");
    g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
    adw_message_dialog_response (question, "cancel");
    gtk_window_close (GTK_WINDOW (question));
    pb_test_settle_for (300);
    g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql_count), ==, 1);
    g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, shown);
  }
  /* Asked again and answered Undo: undone there, and that plan shown. */
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_nonnull (pb_test_message_dialog ());
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    adw_message_dialog_response (question, "go");
    gtk_window_close (GTK_WINDOW (question));
  }
  pb_test_settle_for (300);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql_count), ==, 0);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, other);
  g_assert_true (toast_on_screen ("Undone: Make 2 建设充电桩 Start After 1 建设数据中心 in 测试行动方案"));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, with_plan);
  }
  /* In its plan now: said as usual. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (redo), ==, "Redo Make 2 建设充电桩 Start After 1 建设数据中心");

  /* Redo from the example: named, and done there. */
  pb_window_select_plan (t.window, shown);
  pb_test_settle_for (300);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (redo), ==, "Redo Make 2 建设充电桩 Start After 1 建设数据中心 in 测试行动方案");
  act ("win.redo", NULL);
  pb_test_settle_for (300);
  g_assert_nonnull (pb_test_message_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (pb_test_message_dialog ()), ==,
                   "Redo “Make 2 建设充电桩 Start After 1 建设数据中心” in Another Plan?");
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    adw_message_dialog_response (question, "go");
    gtk_window_close (GTK_WINDOW (question));
  }
  pb_test_settle_for (300);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql_count), ==, 1);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, other);
  g_assert_true (toast_on_screen ("Redone: Make 2 建设充电桩 Start After 1 建设数据中心 in 测试行动方案"));

  /* Back as it was: the dependency and both items undone; the plan's
   * own Undo, taking it away, asks first. */
  for (guint i = 0; i < 4; i++)
    act ("win.undo", NULL);
  pb_test_settle_for (300);
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Undo “New Plan”?");
    adw_message_dialog_response (question, "go");
    gtk_window_close (GTK_WINDOW (question));
  }
  pb_test_settle_for (300);
  pb_window_select_plan (t.window, shown);
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
}

/* An Undo toast takes back the command it names and nothing else: when
 * another change came after it (here an edit made while the toast was
 * up), its button says so and undoes nothing, where it used to take back
 * that later change in its place. */
static void
test_undo_toast_bound (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  g_autoptr(GError) error = NULL;
  g_autofree char *start = pb_test_dump_store (t.store);
  g_autofree char *deleted = NULL;
  g_autofree char *renamed = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(PbItem) other = NULL;
  gint64 ids[3];

  choose_three (ids);
  gtk_widget_grab_focus (GTK_WIDGET (board));
  press (GDK_KEY_Delete, 0);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Delete 3 Items");
  toast = g_object_ref (pb_ui_get_undo_toast (GTK_WIDGET (board)));
  pb_test_assert_undo_toast (toast, t.store);
  deleted = pb_test_dump_store (t.store);

  /* A later change, while the toast is up. */
  other = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  g_assert_true (pb_store_set (t.store, PB_RECORD (other), &error, "title", "建设城市物联感知体系（修改）", NULL));
  g_assert_no_error (error);
  renamed = pb_test_dump_store (t.store);
  g_assert_cmpstr (renamed, !=, deleted);

  /* The toast's button: nothing undone, and it says why. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (t.window), adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  pb_test_settle_for (300);
  g_assert_null (pb_test_message_dialog ());
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, renamed);
  }
  g_assert_true (toast_on_screen ("Nothing was undone: changes were made after it."));
  g_assert_null (pb_ui_get_undo_toast (GTK_WIDGET (board)));

  /* Ctrl+Z still goes back one change at a time. */
  gtk_widget_grab_focus (GTK_WIDGET (board));
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, deleted);
  }
  /* With nothing made since, a fresh toast's Undo does its work. */
  act ("win.redo", NULL);
  pb_test_settle_for (200);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
  pb_board_view_set_selected (board, ids, 3);
  spin ();
  gtk_widget_grab_focus (GTK_WIDGET (board));
  press (GDK_KEY_Delete, 0);
  g_clear_object (&toast);
  toast = g_object_ref (pb_ui_get_undo_toast (GTK_WIDGET (board)));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (t.window), adw_toast_get_action_name (toast),
                                                     adw_toast_get_action_target_value (toast)));
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
}

/* An Undo that takes a whole plan away (New Plan, an import) asks first,
 * even in the plan shown, and names the plan and its items; Cancel keeps
 * it. A question answered after the plans changed does nothing, and says
 * so (here a Redo asked about, then an edit made before the answer). */
static void
test_undo_plan_asks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = pb_test_dump_store (t.store);
  g_autofree char *with_plan = NULL;
  gint64 shown = pb_window_get_selected_plan (t.window);
  gint64 plan;

  plan = pb_store_create_plan (t.store, "测试市数字乡村行动方案", 2025, 2027, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_removed_plan (t.store), ==, plan);
  with_plan = pb_test_dump_store (t.store);
  pb_window_select_plan (t.window, plan);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, plan);

  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Undo “New Plan”?");
    g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                     "This takes away the plan “测试市数字乡村行动方案”. Redo brings it back until the next change.");
    g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
    adw_message_dialog_response (question, "cancel");
    gtk_window_close (GTK_WINDOW (question));
  }
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, with_plan);
  }
  /* An item's Undo in that plan does not ask. */
  g_assert_cmpint (pb_store_add_item (t.store, plan, 0, PB_ITEM_KIND_TASK, "1", "发展智慧农业", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_removed_plan (t.store), ==, 0);
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_null (pb_test_message_dialog ());
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, with_plan);
  }

  /* Asked again and answered Undo: the plan goes, the example is shown. */
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    g_assert_nonnull (question);
    adw_message_dialog_response (question, "go");
    gtk_window_close (GTK_WINDOW (question));
  }
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
  pb_window_select_plan (t.window, shown);
  pb_test_settle_for (300);

  /* Redo of New Plan brings the plan back (the example stays shown);
   * Redo of the item made in it then asks, from the example. An edit made
   * before the answer: nothing is redone. */
  act ("win.redo", NULL);
  pb_test_settle_for (300);
  g_assert_null (pb_test_message_dialog ());
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, with_plan);
  }
  act ("win.redo", NULL);
  pb_test_settle_for (300);
  {
    AdwMessageDialog *question = pb_test_message_dialog ();
    g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "建设城市物联感知体系");
    g_autofree char *edited = NULL;

    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Redo “Add Item” in Another Plan?");
    g_assert_true (pb_store_set (t.store, PB_RECORD (item), &error, "title", "建设城市物联感知体系（修改）", NULL));
    g_assert_no_error (error);
    edited = pb_test_dump_store (t.store);
    adw_message_dialog_response (question, "go");
    gtk_window_close (GTK_WINDOW (question));
    pb_test_settle_for (300);
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, edited);
    }
    g_assert_true (toast_on_screen ("Nothing was redone: the plans changed while the question was open."));
  }
  /* Back to the start: the edit, then the plan (asked again). */
  act ("win.undo", NULL);
  act ("win.undo", NULL);
  pb_test_settle_for (300);
  {
    AdwMessageDialog *question = pb_test_message_dialog ();

    g_assert_nonnull (question);
    adw_message_dialog_response (question, "go");
    gtk_window_close (GTK_WINDOW (question));
  }
  pb_test_settle_for (300);
  pb_window_select_plan (t.window, shown);
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
}

/* The widget under the open editor of @type whose row title is @title
 * (or, with %NULL, the first of @type). */
static GtkWidget *
editor_child (GType       type,
              const char *title)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, pb_window_get_editor (t.window));
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) &&
          (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_error ("no %s %s in the editor", g_type_name (type), title ? title : "");
}

/* Status → Done in the editor: the progress goes to 100 % in the store
 * and on the slider, as the card says; Undo takes both back. */
static void
test_done_progress (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  g_autofree char *start = pb_test_dump_store (t.store);
  g_autofree char *sql = g_strdup_printf ("SELECT round(progress * 100) FROM item WHERE id = %" G_GINT64_FORMAT
                                          " AND status = 'done'", pb_record_get_id (PB_RECORD (item)));
  GtkWidget *status, *scale;

  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpfloat (pb_item_get_progress (item), ==, 0);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  status = editor_child (ADW_TYPE_COMBO_ROW, "Status");
  scale = editor_child (GTK_TYPE_SCALE, NULL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (status), PB_ITEM_STATUS_DONE);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql), ==, 100);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Status");
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 100);
  act ("win.undo", NULL);
  pb_test_settle_for (300);
  g_assert_cmpfloat (gtk_range_get_value (GTK_RANGE (scale)), ==, 0);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, start);
  }
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

static char *
number_of (gint64 id)
{
  g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, id);

  return g_strdup (pb_item_get_number (item));
}

#define ASSERT_NUMBER(id, expected) G_STMT_START { \
    g_autofree char *n_ = number_of (id); \
    g_assert_cmpstr (n_, ==, expected); \
  } G_STMT_END

/* Issue 14, finding 6: Alt+↓ on a card, pressed for real, moves it below
 * the next one and the section's numbers count in the new order (the
 * example numbers its tasks 1…13 straight through): 推进千兆光网 is 1,
 * 加快5G 2 — not 2, 1, 3. One "Move Item" command: Ctrl+Z takes order and
 * numbers back, Ctrl+Shift+Z makes them again. Alt+↑ on a timeline bar
 * does the same; the measures' (一)(二)(三) count on in their style. */
static void
test_move_renumbers (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  gint64 a = id_of ("加快5G网络规模化部署");
  gint64 b = id_of ("推进千兆光网“双千兆”城市建设");
  gint64 c = id_of ("统筹建设绿色数据中心");
  gint64 m1 = id_of ("加强组织领导");
  gint64 m2 = id_of ("强化资金保障");
  g_autofree char *before = NULL;
  g_autofree char *moved = NULL;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (400);
  before = pb_test_dump_store (t.store);
  ASSERT_NUMBER (a, "1");
  ASSERT_NUMBER (b, "2");
  ASSERT_NUMBER (c, "3");

  click_card (a);
  press (GDK_KEY_Down, GDK_ALT_MASK);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Item");
  ASSERT_NUMBER (b, "1");
  ASSERT_NUMBER (a, "2");
  ASSERT_NUMBER (c, "3");
  ASSERT_NUMBER (id_of ("建设城市物联感知体系"), "4");
  /* Below 推进千兆光网 in the plan's order, as the board shows it. */
  {
    g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, a);
    g_autoptr(GListModel) items = pb_store_list_items (t.store, pb_item_get_plan_id (item));
    gint pa = -1, pb = -1;

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(PbItem) it = g_list_model_get_item (items, i);

        if (pb_record_get_id (PB_RECORD (it)) == a)
          pa = i;
        if (pb_record_get_id (PB_RECORD (it)) == b)
          pb = i;
      }
    g_assert_cmpint (pb, >=, 0);
    g_assert_cmpint (pa, ==, pb + 1);
  }
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "move-renumbers.png"));
  moved = pb_test_dump_store (t.store);

  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  assert_store_is (before);
  ASSERT_NUMBER (a, "1");
  ASSERT_NUMBER (b, "2");
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  pb_test_settle_for (300);
  assert_store_is (moved);
  ASSERT_NUMBER (a, "2");
  ASSERT_NUMBER (b, "1");
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  assert_store_is (before);

  /* The measures, (一) (二) (三): Alt+↑ on (二)'s card, in the last
   * column (the keyboard on it first scrolls it into view). */
  g_assert_true (pb_board_view_focus_item (board, m2));
  pb_test_settle_for (300);
  click_card (m2);
  press (GDK_KEY_Up, GDK_ALT_MASK);
  pb_test_settle_for (300);
  ASSERT_NUMBER (m2, "(一)");
  ASSERT_NUMBER (m1, "(二)");
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  assert_store_is (before);

  /* The timeline: Alt+↑ on 统筹建设绿色数据中心's bar. */
  pb_board_view_set_selected (board, NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  click_at (GTK_WIDGET (view), 40, bar_on_screen (view, c), 1, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, c);
  press (GDK_KEY_Up, GDK_ALT_MASK);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Item");
  ASSERT_NUMBER (a, "1");
  ASSERT_NUMBER (c, "2");
  ASSERT_NUMBER (b, "3");
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  assert_store_is (before);
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (300);
}

/* A card move the store refuses (another program holds the library) is
 * said in a toast, the store unchanged; with the library free again the
 * same keys move it. */
static void
test_move_refused (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 a = id_of ("统筹建设绿色数据中心");
  g_autofree char *before = pb_test_dump_store (t.store);
  sqlite3 *other = NULL;

  pb_board_view_set_selected (board, NULL, 0);
  click_card (a);
  g_assert_cmpint (pb_board_view_get_focused_item (board, NULL), ==, a);

  g_assert_cmpint (sqlite3_open (pb_store_get_path (t.store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  pb_store_set_busy_timeout (t.store, 200);
  press (GDK_KEY_Down, GDK_ALT_MASK);
  pb_test_settle_for (300);
  g_assert_true (toast_on_screen ("The card was not moved: "));
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "move-refused.png"));
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  pb_store_set_busy_timeout (t.store, 5000);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  /* Free again: moved, and taken back. */
  click_card (a);
  press (GDK_KEY_Down, GDK_ALT_MASK);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Item");
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (200);
}

/* A title typed while another program holds the library: refused in a
 * toast, the field kept and marked as not saved with the reason; with the
 * library free, closing the editor saves it (one command, undone). */
static void
test_title_refused (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  g_autofree char *before = pb_test_dump_store (t.store);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                                          " AND title = '建设城市物联感知体系ab'", pb_record_get_id (PB_RECORD (item)));
  PbItemEditor *editor;
  GtkWidget *title;
  sqlite3 *other = NULL;

  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = PB_ITEM_EDITOR (pb_window_get_editor (t.window));
  pb_item_editor_focus_title (editor);
  pb_test_settle_for (100);
  title = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (t.window)), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (title);

  g_assert_cmpint (sqlite3_open (pb_store_get_path (t.store), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  pb_store_set_busy_timeout (t.store, 200);
  press (GDK_KEY_End, 0);
  press (GDK_KEY_a, 0);
  press (GDK_KEY_b, 0);
  pb_test_settle_for (900);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "建设城市物联感知体系ab");
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (title));
  g_assert_true (toast_on_screen ("in use by another program"));
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  pb_store_set_busy_timeout (t.store, 5000);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  /* Free again: the editor closed saves it. */
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store), sql), ==, 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Rename Item");
  g_assert_false (gtk_widget_has_css_class (title, "error"));
  act ("win.undo", NULL);
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
}

static gint64
section_titled (const char *title)
{
  g_autoptr(GListModel) sections = pb_store_list_sections (t.store, pb_window_get_selected_plan (t.window));

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);

      if (g_str_equal (pb_section_get_title (s), title))
        return pb_record_get_id (PB_RECORD (s));
    }
  g_assert_not_reached ();
  return 0;
}

/* Delete Section… from the ⋮ menu of @title's board column (or, for a
 * heading without a column, from the heading's menu above the column of
 * @column, its sub-section), with real clicks: the question, with what
 * it proposes to move the items to. */
static GtkWidget *
ask_delete_with_clicks (const char *title,
                        const char *column)
{
  GtkWidget *board = pb_window_get_board (t.window);
  g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, section_titled (column ? column : title));
  GtkWidget *header, *button = NULL, *menu, *entry, *dialog;

  g_assert_true (pb_board_view_show_column (PB_BOARD_VIEW (board), key));
  pb_test_settle_for (400);
  header = column_header_with (board, column ? column : title);
  g_assert_nonnull (header);
  /* The column's own menu, not its heading's (column-parent). */
  if (column)
    button = parent_menu_button (header);
  else
    for (GtkWidget *c = gtk_widget_get_first_child (header); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_MENU_BUTTON (c) && !gtk_widget_has_css_class (c, "column-parent"))
        button = c;
  g_assert_nonnull (button);
  click_button (button, 1);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  entry = find_model_button (menu, "Delete Section…");
  g_assert_nonnull (entry);
  click_button (entry, 1);
  pb_test_settle_for (400);
  dialog = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static const char *
proposed_target (GtkWidget *dialog)
{
  GtkWidget *to = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, dialog);
  while (stack->len && to == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_DROP_DOWN (w))
        to = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_assert_nonnull (to);
  return gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (to)));
}

/* The Delete Section question (issue 14) proposes the natural place for
 * the items: the previous sibling section, else the next, else the
 * nearest section that holds items or has no sub-sections; never a
 * heading whose items all sit in its sub-sections (here 二、重点任务 and
 * 一、总体要求, which it proposed before). Real clicks; Move Items moves
 * them there, one command, and Undo takes it back. */
static void
test_delete_section_proposes (void)
{
  struct {
    const char *deleted, *proposed, *to;
    guint       n;
    const char *column;
  } cases[] = {
    /* No previous sibling: the next one. */
    { "建设高速泛在的信息基础设施", "(二) 建设智能协同的融合基础设施", "建设智能协同的融合基础设施", 4 },
    /* The previous sibling, 二、重点任务, only heads sub-sections: the
     * nearest section before that takes items, its last sub-section. */
    { "保障措施", "(三) 建设开放共享的创新基础设施", "建设开放共享的创新基础设施", 3 },
    /* The previous sibling, empty and without sub-sections. */
    { "主要目标", "(一) 指导思想", "指导思想", 3 },
    /* The previous sibling is a heading of sub-sections: the next one. */
    { "重点任务", "三、保障措施", "保障措施", 13, "建设高速泛在的信息基础设施" },
  };
  g_autofree char *start = NULL;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  pb_test_settle_for (400);
  start = pb_test_dump_store (t.store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 deleted = section_titled (cases[i].deleted);
      gint64 to = section_titled (cases[i].to);
      guint in_to = pb_store_count_section_items (t.store, to, NULL);
      GtkWidget *dialog, *move;
      g_autofree char *now = NULL;

      g_test_message ("deleting %s", cases[i].deleted);
      g_assert_cmpuint (pb_store_count_section_items (t.store, deleted, NULL), ==, cases[i].n);
      dialog = ask_delete_with_clicks (cases[i].deleted, cases[i].column);
      g_assert_cmpstr (proposed_target (dialog), ==, cases[i].proposed);
      if (i == 0)
        g_assert_true (pb_test_save_shot (dialog, "delete-section-proposes-next.png"));
      move = pb_test_button_labelled (dialog, "_Move Items");
      g_assert_nonnull (move);
      click_button (move, 1);
      pb_test_settle_for (400);
      g_assert_null (pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));
      /* Gone, its items in the section proposed, as one command. */
      g_assert_null (pb_store_get_record (t.store, PB_TYPE_SECTION, deleted));
      g_assert_cmpuint (pb_store_count_section_items (t.store, to, NULL), ==, in_to + cases[i].n);
      g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Delete Section");
      act ("win.undo", NULL);
      pb_test_settle_for (300);
      now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, start);
    }
}

/* The top-level sections' numbers in their order: "一 二 三". */
static char *
top_numbers (void)
{
  g_autoptr(GListModel) sections = pb_store_list_sections (t.store, pb_window_get_selected_plan (t.window));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);

      if (pb_section_get_parent_id (s) == 0)
        g_string_append_printf (out, "%s%s", out->len ? " " : "", pb_section_get_number (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_top_numbers (const char *expected)
{
  g_autofree char *now = top_numbers ();

  g_assert_cmpstr (now, ==, expected);
}

/* The ⋮ menu of @title's board column, opened with a real click. */
static GtkWidget *
open_column_menu (const char *title)
{
  GtkWidget *board = pb_window_get_board (t.window);
  g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, section_titled (title));
  GtkWidget *header, *button = NULL, *menu;

  g_assert_true (pb_board_view_show_column (PB_BOARD_VIEW (board), key));
  pb_test_settle_for (400);
  header = column_header_with (board, title);
  g_assert_nonnull (header);
  for (GtkWidget *c = gtk_widget_get_first_child (header); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_MENU_BUTTON (c) && !gtk_widget_has_css_class (c, "column-parent"))
      button = c;
  g_assert_nonnull (button);
  click_button (button, 1);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  return menu;
}

/* Issue 14, finding 13: Rename Section warns at once, under the number,
 * when the number typed is a sibling's (三、保障措施 given 二, 重点任务's);
 * it saves all the same. The column menu's Renumber Sections, greyed out
 * while the sections counted 一 二 三, is then offered and counts them
 * 一 二 三 again as one command; Ctrl+Z brings back the two 二, Ctrl+Shift+Z
 * renumbers again. Real clicks and keys throughout. */
static void
test_rename_clash_renumber (void)
{
  gint64 s3 = section_titled ("保障措施");
  g_autofree char *start = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *renumbered = NULL;
  GtkWidget *menu, *entry, *dialog, *number_row, *note, *title_row, *text;
  graphene_point_t at_note, at_title;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  pb_test_settle_for (400);
  start = pb_test_dump_store (t.store);
  assert_top_numbers ("一 二 三");

  /* Counting in order: Renumber Sections is there, greyed out. */
  menu = open_column_menu ("保障措施");
  entry = find_model_button (menu, "Renumber Sections");
  g_assert_nonnull (entry);
  g_assert_false (gtk_widget_is_sensitive (entry));
  entry = find_model_button (menu, "Rename Section…");
  g_assert_nonnull (entry);
  click_button (entry, 1);
  pb_test_settle_for (400);
  dialog = pb_test_toplevel_of_type (PB_TYPE_SECTION_DIALOG);
  g_assert_nonnull (dialog);
  number_row = GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_SECTION_DIALOG, "number_row"));
  title_row = GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_SECTION_DIALOG, "title_row"));
  note = GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_SECTION_DIALOG, "number_note"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, "三");
  g_assert_false (gtk_widget_get_visible (note));

  /* Into the number, everything chosen, 二 pasted over it (XTest has no
   * key for a Han character; a planner pastes or uses an input method). */
  click_button (number_row, 1);
  text = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (text);
  g_assert_true (gtk_widget_is_ancestor (text, number_row));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (text), "二");
  pb_test_x_press_in (dialog, GDK_KEY_a, GDK_CONTROL_MASK);
  pb_test_x_press_in (dialog, GDK_KEY_v, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, "二");

  /* Said at once, under the number, above the title; the field tells a
   * screen reader where its description is. */
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (gtk_widget_is_drawable (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, "二 is also the number of section 二、重点任务");
  g_assert_true (gtk_widget_compute_point (note, dialog, &GRAPHENE_POINT_INIT (0, 0), &at_note));
  g_assert_true (gtk_widget_compute_point (title_row, dialog, &GRAPHENE_POINT_INIT (0, 0), &at_title));
  {
    graphene_point_t at_number;

    g_assert_true (gtk_widget_compute_point (number_row, dialog, &GRAPHENE_POINT_INIT (0, 0), &at_number));
    g_assert_cmpfloat (at_note.y, >=, at_number.y + gtk_widget_get_height (number_row));
    g_assert_cmpfloat (at_note.y + gtk_widget_get_height (note), <=, at_title.y);
    /* The dialog grew for it: the title is whole on screen, with the
     * dialog's margin under it, not scrolled off or cut at the bottom. */
    g_test_message ("title at %g + %d, dialog %d", at_title.y, gtk_widget_get_height (title_row), gtk_widget_get_height (dialog));
    g_assert_cmpfloat (at_title.y + gtk_widget_get_height (title_row) + 12, <=, gtk_widget_get_height (dialog));
  }
  g_assert_true (pb_test_save_shot (dialog, "section-number-clash.png"));

  /* Typed back to its own number, the warning goes; 二 again, it is back. */
  pb_test_x_press_in (dialog, GDK_KEY_BackSpace, 0);
  g_assert_false (gtk_widget_get_visible (note));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (text), "（二）");
  pb_test_x_press_in (dialog, GDK_KEY_v, GDK_CONTROL_MASK);
  pb_test_settle_for (200);
  g_assert_false (gtk_widget_get_visible (note));
  pb_test_x_press_in (dialog, GDK_KEY_a, GDK_CONTROL_MASK);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (text), "二");
  pb_test_x_press_in (dialog, GDK_KEY_v, GDK_CONTROL_MASK);
  pb_test_settle_for (200);
  g_assert_true (gtk_widget_get_visible (note));

  /* A warning, not a refusal: Rename saves it. */
  click_button (pb_test_button_labelled (dialog, "_Rename"), 1);
  pb_test_settle_for (400);
  g_assert_null (pb_test_toplevel_of_type (PB_TYPE_SECTION_DIALOG));
  assert_top_numbers ("一 二 二");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Renumber Section");
  renamed = pb_test_dump_store (t.store);

  /* Renumber Sections, offered now, counts them again. */
  menu = open_column_menu ("保障措施");
  entry = find_model_button (menu, "Renumber Sections");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_sensitive (entry));
  click_button (entry, 1);
  pb_test_settle_for (400);
  assert_top_numbers ("一 二 三");
  {
    g_autoptr(PbSection) section = pb_store_get_record (t.store, PB_TYPE_SECTION, s3);

    g_assert_cmpstr (pb_section_get_number (section), ==, "三");
    g_assert_cmpstr (pb_section_get_title (section), ==, "保障措施");
  }
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Renumber Sections");
  renumbered = pb_test_dump_store (t.store);

  /* Ctrl+Z: the two 二 again; Ctrl+Shift+Z: 一 二 三 again. */
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_top_numbers ("一 二 二");
  assert_store_is (renamed);
  press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  assert_top_numbers ("一 二 三");
  assert_store_is (renumbered);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Renumber Sections");

  /* Counting in order again: greyed out again. */
  menu = open_column_menu ("保障措施");
  g_assert_false (gtk_widget_is_sensitive (find_model_button (menu, "Renumber Sections")));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);

  /* Both undone: the plan as it was. */
  act ("win.undo", NULL);
  act ("win.undo", NULL);
  pb_test_settle_for (300);
  assert_store_is (start);
}

/* The sub-sections of the section @parent_title, numbers and titles. */
static char *
sub_sections (const char *parent_title)
{
  g_autoptr(GListModel) sections = pb_store_list_sections (t.store, pb_window_get_selected_plan (t.window));
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 parent = section_titled (parent_title);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);

      if (pb_section_get_parent_id (s) == parent)
        g_string_append_printf (out, "%s%s%s", out->len ? " " : "", pb_section_get_number (s), pb_section_get_title (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Pastes @text over what the focused field of @dialog holds (XTest has
 * no key for a Han character; a planner pastes or uses an input method). */
static void
paste_over (GtkWidget  *dialog,
            const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  g_assert_nonnull (focus);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (focus), text);
  pb_test_x_press_in (dialog, GDK_KEY_a, GDK_CONTROL_MASK);
  pb_test_x_press_in (dialog, GDK_KEY_v, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
}

/* A reviewer's Add Section from (一)'s menu proposed the number at the end
 * ((四)), went in after (一) as (二) all the same, and renumbered the rest
 * unsaid; a number typed ((九)) was thrown away too. Now the dialog
 * proposes the number of the place it goes to and says where that is and
 * what it does to the numbers after it; what it says is what Add does,
 * and a number typed is kept, the others left alone. Real clicks, keys. */
static void
test_add_section_in_place (void)
{
  g_autofree char *start = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *now = NULL;
  GtkWidget *menu, *dialog, *number_row, *place;
  gint64 first = section_titled ("建设高速泛在的信息基础设施");

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  pb_test_settle_for (400);
  start = pb_test_dump_store (t.store);
  now = sub_sections ("重点任务");
  g_assert_cmpstr (now, ==, "(一)建设高速泛在的信息基础设施 (二)建设智能协同的融合基础设施 (三)建设开放共享的创新基础设施");
  {
    g_autoptr(PbSection) s = pb_store_get_record (t.store, PB_TYPE_SECTION, first);
    heading = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));
  }

  for (int typed = 0; typed <= 1; typed++)
    {
      menu = open_column_menu ("建设高速泛在的信息基础设施");
      click_button (find_model_button (menu, "Add Section…"), 1);
      pb_test_settle_for (400);
      dialog = pb_test_toplevel_of_type (PB_TYPE_SECTION_DIALOG);
      g_assert_nonnull (dialog);
      number_row = GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_SECTION_DIALOG, "number_row"));
      place = GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_SECTION_DIALOG, "place_note"));
      /* Proposed: the number of its place, and said where it goes. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, "(二)");
      g_assert_true (gtk_widget_is_drawable (place));
      g_clear_pointer (&expected, g_free);
      expected = g_strdup_printf ("Goes after %s; the 2 sections after it are numbered on.", heading);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (place)), ==, expected);
      if (typed == 0)
        g_assert_true (pb_test_save_shot (dialog, "add-section-place.png"));

      if (typed)
        {
          click_button (number_row, 1);
          paste_over (dialog, "(九)");
          g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, "(九)");
          g_clear_pointer (&expected, g_free);
          expected = g_strdup_printf ("Goes after %s.", heading);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (place)), ==, expected);
          click_button (GTK_WIDGET (gtk_widget_get_template_child (dialog, PB_TYPE_SECTION_DIALOG, "title_row")), 1);
        }
      paste_over (dialog, "加快数字化转型");
      click_button (pb_test_button_labelled (dialog, "_Add"), 1);
      pb_test_settle_for (400);
      g_assert_null (pb_test_toplevel_of_type (PB_TYPE_SECTION_DIALOG));

      g_clear_pointer (&now, g_free);
      now = sub_sections ("重点任务");
      if (typed)
        g_assert_cmpstr (now, ==, "(一)建设高速泛在的信息基础设施 (九)加快数字化转型 (二)建设智能协同的融合基础设施 "
                                  "(三)建设开放共享的创新基础设施");
      else
        g_assert_cmpstr (now, ==, "(一)建设高速泛在的信息基础设施 (二)加快数字化转型 (三)建设智能协同的融合基础设施 "
                                  "(四)建设开放共享的创新基础设施");
      g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Section");
      after_first = pb_test_dump_store (t.store);
      /* One command: Ctrl+Z, the plan as it was; Ctrl+Shift+Z, added again. */
      press (GDK_KEY_z, GDK_CONTROL_MASK);
      assert_store_is (start);
      press (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
      assert_store_is (after_first);
      g_clear_pointer (&after_first, g_free);
      act ("win.undo", NULL);
      pb_test_settle_for (300);
      assert_store_is (start);
    }
}

/* Reviewer's finding 17: (三) of 二、重点任务 renamed (五), the heading's
 * sub-sections read (一)(二)(五); the heading's own menu (the ▾ above its
 * sub-sections' columns) offers Renumber Sub-sections, which counts them
 * (一)(二)(三) again as one command; a section with no sub-sections has
 * no such entry. Real clicks and keys. */
static void
test_renumber_subsections (void)
{
  GtkWidget *board = pb_window_get_board (t.window);
  gint64 third = section_titled ("建设开放共享的创新基础设施");
  g_autoptr(PbSection) section = pb_store_get_record (t.store, PB_TYPE_SECTION, third);
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *now = NULL;
  GtkWidget *menu, *header, *button, *entry;

  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (board), NULL, 0);
  pb_test_settle_for (400);
  start = pb_test_dump_store (t.store);

  /* No sub-sections, no entry. */
  menu = open_column_menu ("保障措施");
  g_assert_null (find_model_button (menu, "Renumber Sub-sections"));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);

  g_assert_true (pb_store_rename_section (t.store, section, "(五)", "建设开放共享的创新基础设施", &error));
  g_assert_no_error (error);
  pb_test_settle_for (300);
  renamed = pb_test_dump_store (t.store);

  /* The heading's ▾ above (一)'s column. */
  {
    g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, section_titled ("建设高速泛在的信息基础设施"));
    g_assert_true (pb_board_view_show_column (PB_BOARD_VIEW (board), key));
  }
  pb_test_settle_for (400);
  header = column_header_with (board, "建设高速泛在的信息基础设施");
  g_assert_nonnull (header);
  button = parent_menu_button (header);
  g_assert_nonnull (button);
  click_button (button, 1);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  entry = find_model_button (menu, "Renumber Sub-sections");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_sensitive (entry));
  click_button (entry, 1);
  pb_test_settle_for (400);
  now = sub_sections ("重点任务");
  g_assert_cmpstr (now, ==, "(一)建设高速泛在的信息基础设施 (二)建设智能协同的融合基础设施 (三)建设开放共享的创新基础设施");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Renumber Sections in 二、重点任务");

  /* Counting in order again: greyed out. */
  click_button (button, 1);
  pb_test_settle_for (300);
  menu = open_popover_menu (GTK_WIDGET (t.window));
  g_assert_nonnull (menu);
  g_assert_false (gtk_widget_is_sensitive (find_model_button (menu, "Renumber Sub-sections")));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pb_test_settle_for (300);

  /* Ctrl+Z: (五) again; then the rename undone too. */
  press (GDK_KEY_z, GDK_CONTROL_MASK);
  assert_store_is (renamed);
  act ("win.undo", NULL);
  pb_test_settle_for (300);
  assert_store_is (start);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  pb_test_app_start (&t);

  g_test_add_func ("/edit-feedback/delete-toast", test_delete_toast);
  g_test_add_func ("/edit-feedback/undo-after-menu", test_undo_after_menu);
  g_test_add_func ("/edit-feedback/bulk-bar", test_bulk_bar);
  g_test_add_func ("/edit-feedback/bulk-bar-widths", test_bulk_bar_widths);
  g_test_add_func ("/edit-feedback/toast-above-bulk-bar", test_toast_above_bulk_bar);
  g_test_add_func ("/edit-feedback/timeline-zoom-real", test_timeline_zoom_real);
  g_test_add_func ("/edit-feedback/menu-one-card", test_menu_one_card);
  g_test_add_func ("/edit-feedback/main-menu-fits", test_main_menu_fits);
  g_test_add_func ("/edit-feedback/no-tooltip-under-dialog", test_no_tooltip_under_dialog);
  g_test_add_func ("/edit-feedback/no-tooltip-over-menu", test_no_tooltip_over_menu);
  g_test_add_func ("/edit-feedback/select-all-after-click", test_select_all_after_click);
  g_test_add_func ("/edit-feedback/timeline-bulk", test_timeline_bulk);
  g_test_add_func ("/edit-feedback/editor-focus", test_editor_focus);
  g_test_add_func ("/edit-feedback/shortcuts", test_shortcuts);
  g_test_add_func ("/edit-feedback/timeline-dependency-drag", test_timeline_dependency_drag);
  g_test_add_func ("/edit-feedback/timeline-section-keys", test_timeline_section_keys);
  g_test_add_func ("/edit-feedback/board-section-keys", test_board_section_keys);
  g_test_add_func ("/edit-feedback/narrow-header", test_narrow_header);
  g_test_add_func ("/edit-feedback/editor-follows-click", test_editor_follows_click);
  g_test_add_func ("/edit-feedback/target-tab", test_target_tab);
  g_test_add_func ("/edit-feedback/draft-target-leave", test_draft_target_leave);
  g_test_add_func ("/edit-feedback/draft-target-recheck", test_draft_target_recheck);
  g_test_add_func ("/edit-feedback/undo-other-plan", test_undo_other_plan);
  g_test_add_func ("/edit-feedback/undo-toast-bound", test_undo_toast_bound);
  g_test_add_func ("/edit-feedback/undo-plan-asks", test_undo_plan_asks);
  g_test_add_func ("/edit-feedback/done-progress", test_done_progress);
  g_test_add_func ("/edit-feedback/move-refused", test_move_refused);
  g_test_add_func ("/edit-feedback/move-renumbers", test_move_renumbers);
  g_test_add_func ("/edit-feedback/title-refused", test_title_refused);
  g_test_add_func ("/edit-feedback/board-parent-section", test_board_parent_section);
  g_test_add_func ("/edit-feedback/timeline-insert-at-header", test_timeline_insert_at_header);
  g_test_add_func ("/edit-feedback/delete-section-proposes", test_delete_section_proposes);
  g_test_add_func ("/edit-feedback/rename-clash-renumber", test_rename_clash_renumber);
  g_test_add_func ("/edit-feedback/add-section-in-place", test_add_section_in_place);
  g_test_add_func ("/edit-feedback/renumber-subsections", test_renumber_subsections);
  status = g_test_run ();

  pb_test_app_stop (&t);
  return status;
}
