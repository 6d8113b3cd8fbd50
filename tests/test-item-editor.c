/* test-item-editor.c — the item editor's fields in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, with real clicks and keys (XTest): a health set by hand with its
 * reason in the editor (issue 14, DESIGN §5), on the card at once, undone,
 * redone and cleared, each one command.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pb-board-view.h"
#include "pb-indicator-links.h"
#include "pb-item-editor.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-ui-util.h"
#include "pb-window-edit.h"

static PbTestApp t;

/* A real click through the X server at @widget's middle. */
static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_drawable (widget));
  pb_test_x_click_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, 1, 0);
}

/* A real key press through the X server to the window's focus. */
static void
press (guint keyval)
{
  pb_test_x_send_key (GTK_WIDGET (t.window), keyval, 0);
  pb_test_settle_for (100);
}

static void
act (const char *action)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (t.window), action, NULL));
  pb_test_settle_for (300);
}

/* The first widget of @type under @root whose row title (for rows) is
 * @title, or %NULL. */
static GtkWidget *
find_child (GtkWidget  *root,
            GType       type,
            const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) &&
          (title == NULL || (ADW_IS_PREFERENCES_ROW (c) &&
                             g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)))
        return c;
      if ((found = find_child (c, type, title)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if ((GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0) ||
          (GTK_IS_MENU_BUTTON (c) && g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (c)), label) == 0))
        return c;
      if ((found = find_button (c, label)))
        return found;
    }
  return NULL;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The Health row says the health, and a reason only when it says more:
 * an item on track for no particular reason read "On track — On track". */
static void
test_health_said_once (void)
{
  const char *name = pb_health_get_name (PB_HEALTH_BLUE);
  PbItem *item;
  GtkWidget *editor, *row;
  const char *reason = NULL;
  GDate today;

  /* A new task, as Insert makes it after a task: on track, for no
   * particular reason. */
  g_autoptr(PbItem) task = pb_test_app_item_titled (&t, "加快5G网络规模化部署");

  pb_window_open_editor (t.window, task);
  pb_test_settle_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.add-item", NULL));
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  item = pb_item_editor_get_item (PB_ITEM_EDITOR (editor));
  g_assert_nonnull (item);
  g_assert_cmpint (pb_item_get_kind (item), ==, PB_ITEM_KIND_TASK);
  pb_date_today (&today);
  g_assert_cmpint (pb_store_get_item_health (t.store, item, &today, &reason), ==, PB_HEALTH_BLUE);
  g_assert_cmpstr (reason, ==, name);

  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Health");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, name);

  pb_window_close_editor (t.window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  pb_test_settle_for (300);
}

/* The mark beside a card's light that says it was set by hand, when the
 * card shows it (rev21 finding 21): an image with an accessible name. */
static GtkWidget *
by_hand_mark (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_IMAGE (c) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (c)), "document-edit-symbolic") == 0)
        return c;
      if ((found = by_hand_mark (c)))
        return found;
    }
  return NULL;
}

static gboolean
card_marked_by_hand (PbTaskCard *card)
{
  GtkWidget *mark = by_hand_mark (GTK_WIDGET (card));

  if (mark == NULL || !gtk_widget_get_mapped (mark))
    return FALSE;
  /* Named for a screen reader, and its tooltip says when and why. */
  {
    g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                 "Health set by hand");
    g_assert_null (wrong);
  }
  g_assert_true (gtk_widget_get_has_tooltip (mark));
  return TRUE;
}

/* Health → Set by Hand…: red with a reason, in the store with today's
 * date as one command; the card and the row follow; Undo, Redo, Clear. */
static void
test_health_override (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  gint64 id = pb_record_get_id (PB_RECORD (item));
  g_autofree char *before = pb_test_dump_store (t.store);
  g_autofree char *today = today_text ();
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                                          " AND health_override = 'red'"
                                          " AND health_reason = '土地报批未完成，延期开工'"
                                          " AND health_date = '%s'", id, today);
  g_autofree char *cleared = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                                              " AND health_override IS NULL AND health_reason IS NULL"
                                              " AND health_date IS NULL", id);
  const char *path = pb_store_get_path (t.store);
  GtkWidget *editor, *row, *set_by_hand, *popover, *dropdown, *entry, *set, *clear;
  PbTaskCard *card;
  PbHealth computed;

  card = pb_test_find_card (GTK_WIDGET (t.window), id);
  g_assert_nonnull (card);
  computed = pb_task_card_get_health (card);
  g_assert_cmpint (computed, !=, PB_HEALTH_RED);
  g_assert_false (card_marked_by_hand (card));
  g_assert_cmpint (pb_test_sql_int (path, cleared), ==, 1);

  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Health");
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  pb_test_settle_for (200);
  set_by_hand = find_button (row, "Set by Hand…");
  g_assert_nonnull (set_by_hand);
  clear = find_button (row, "Clear");
  g_assert_nonnull (clear);
  g_assert_false (gtk_widget_get_visible (clear));

  click (set_by_hand);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (set_by_hand)));
  g_assert_true (gtk_widget_get_mapped (popover));
  dropdown = find_child (popover, GTK_TYPE_DROP_DOWN, NULL);
  entry = find_child (popover, GTK_TYPE_ENTRY, NULL);
  set = find_button (popover, "Set");
  g_assert_nonnull (dropdown);
  g_assert_nonnull (entry);
  g_assert_nonnull (set);

  /* No reason, no health by hand. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  pb_test_settle_for (100);
  g_assert_false (gtk_widget_get_sensitive (set));

  gtk_editable_set_text (GTK_EDITABLE (entry), "土地报批未完成，延期开工");
  pb_test_settle_for (100);
  g_assert_true (gtk_widget_get_sensitive (set));
  click (set);
  pb_test_settle_for (300);

  g_assert_cmpint (pb_test_sql_int (path, sql), ==, 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Set Health by Hand");
  g_assert_false (gtk_widget_get_mapped (popover));
  card = pb_test_find_card (GTK_WIDGET (t.window), id);
  g_assert_cmpint (pb_task_card_get_health (card), ==, PB_HEALTH_RED);
  /* The card marks a light set by hand, and its reason says so first,
   * with the day and the reason given (rev21 finding 21). */
  g_assert_true (card_marked_by_hand (card));
  {
    const char *reason = NULL;
    GDate day;
    g_autofree char *want = g_strdup_printf ("Set by hand on %s: 土地报批未完成，延期开工", today);

    pb_date_today (&day);
    pb_store_get_item_health (t.store, item, &day, &reason);
    g_assert_cmpstr (reason, ==, want);
  }
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "土地报批未完成，延期开工"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), today));
  g_assert_true (gtk_widget_get_visible (clear));
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "editor-health-override.png"));

  /* Undo: as before; Redo: set again. */
  act ("win.undo");
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  card = pb_test_find_card (GTK_WIDGET (t.window), id);
  g_assert_cmpint (pb_task_card_get_health (card), ==, computed);
  g_assert_false (card_marked_by_hand (card));
  g_assert_false (gtk_widget_get_visible (clear));
  act ("win.redo");
  g_assert_cmpint (pb_test_sql_int (path, sql), ==, 1);
  card = pb_test_find_card (GTK_WIDGET (t.window), id);
  g_assert_cmpint (pb_task_card_get_health (card), ==, PB_HEALTH_RED);
  g_assert_true (card_marked_by_hand (card));

  /* Clear: the rules decide again, one command, undone. */
  g_assert_true (gtk_widget_get_visible (clear));
  click (clear);
  g_assert_cmpint (pb_test_sql_int (path, cleared), ==, 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Clear Health Set by Hand");
  card = pb_test_find_card (GTK_WIDGET (t.window), id);
  g_assert_cmpint (pb_task_card_get_health (card), ==, computed);
  g_assert_false (card_marked_by_hand (card));
  g_assert_false (gtk_widget_get_visible (clear));
  act ("win.undo");
  g_assert_cmpint (pb_test_sql_int (path, sql), ==, 1);
  act ("win.undo");
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

/* A long health reason wraps in the Health row: "Set by Hand…" stays
 * whole inside the editor and the editor does not scroll sideways,
 * beside the board at 1280 px and alone at 360 px. "Behind — Starts
 * before 2 推进千兆光网建设 finishes" pushed the button past the
 * editor's edge ("Set by Hanc"). */
static void
test_health_long_reason (void)
{
  g_autoptr(PbItem) task = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  g_autoptr(PbItem) before = pb_test_app_item_titled (&t, "推进千兆光网“双千兆”城市建设");
  g_autoptr(GError) error = NULL;
  GtkWidget *editor, *row, *button, *scrolled;
  static const int widths[] = { 1280, 360 };
  g_autofree char *dump = pb_test_dump_store (t.store);
  PbItem *item;

  /* A new task, as Insert makes it after a task; then it is to start
   * after 推进千兆光网建设, which runs to the end of the plan. */
  pb_window_open_editor (t.window, task);
  pb_test_settle_for (300);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.add-item", NULL));
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  item = pb_item_editor_get_item (PB_ITEM_EDITOR (editor));
  g_assert_nonnull (item);
  g_assert_true (pb_store_set (t.store, before, &error, "title", "推进千兆光网建设", NULL));
  g_assert_cmpint (pb_store_add_dependency (t.store, pb_record_get_id (PB_RECORD (before)),
                                            pb_record_get_id (PB_RECORD (item)), 0, &error), >, 0);
  g_assert_no_error (error);
  pb_test_settle_for (400);
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Health");
  g_assert_nonnull (row);
  g_test_message ("Health: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  {
    g_autofree char *said = g_strdup_printf ("Starts before %s 推进千兆光网建设 finishes", pb_item_get_number (before));

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), said));
    /* The whole reason, should a long one reach the subtitle's line limit. */
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), said));
  }
  button = find_button (row, "Set by Hand…");
  g_assert_nonnull (button);
  scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkAdjustment *h;
      graphene_rect_t bounds;
      int natural;

      gtk_window_set_default_size (GTK_WINDOW (t.window), widths[i], 800);
      pb_test_settle_for (600);
      gtk_widget_grab_focus (row);
      pb_test_settle_for (300);
      g_assert_true (gtk_widget_get_mapped (button));
      h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
      g_assert_true (gtk_widget_compute_bounds (button, scrolled, &bounds));
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("window %d: editor %d, scrolled %d, row %d, button %.0f..%.0f (natural %d), sideways %.0f of %.0f",
                      gtk_widget_get_width (GTK_WIDGET (t.window)), gtk_widget_get_width (editor),
                      gtk_widget_get_width (scrolled), gtk_widget_get_width (row),
                      bounds.origin.x, bounds.origin.x + bounds.size.width, natural,
                      gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
      /* No sideways scroll. */
      g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 0.5);
      /* The button whole, inside the editor. */
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scrolled));
      g_assert_cmpfloat (bounds.size.width, >=, natural);
      if (i == 0)
        g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "editor-health-long-reason.png"));
      else
        g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "editor-health-long-reason-narrow.png"));
    }
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (500);

  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  act ("win.undo");
  act ("win.undo");
  act ("win.undo");
  {
    g_autofree char *now = pb_test_dump_store (t.store);

    g_assert_cmpstr (now, ==, dump);
  }
}

/* README: "Escape takes back one field". Card 11 → Enter (the title has
 * the keyboard) → Home → Delete: one character gone, saved after the
 * pause in typing and shown on the card. The first Escape takes the
 * title back to what it was when the field got the focus, as one more
 * "Rename Item" (Undo still gives the slip), and leaves the editor open
 * on the item; only the second Escape closes it. Before, the first
 * Escape closed the editor and kept "设重大科技基础设施". */
static void
test_escape_takes_back (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "建设重大科技基础设施");
  gint64 id = pb_record_get_id (PB_RECORD (item));
  GtkWidget *editor, *title, *focus;
  gint64 mark;

  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  /* The keyboard on card 11 (scrolled to), as a planner's arrows put it. */
  g_assert_true (pb_board_view_focus_item (PB_BOARD_VIEW (pb_window_get_board (t.window)), id));
  pb_test_settle_for (300);
  g_assert_nonnull (pb_test_find_card (GTK_WIDGET (t.window), id));
  press (GDK_KEY_Return);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) == item);
  title = find_child (editor, ADW_TYPE_ENTRY_ROW, "Title");
  g_assert_nonnull (title);
  focus = gtk_root_get_focus (GTK_ROOT (t.window));
  g_assert_true (focus != NULL && (focus == title || gtk_widget_is_ancestor (focus, title)));

  /* Home, Delete: typed, then saved by the pause. */
  mark = pb_store_get_undo_mark (t.store);
  press (GDK_KEY_Home);
  press (GDK_KEY_Delete);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "设重大科技基础设施");
  pb_test_settle_for (800);
  g_assert_cmpstr (pb_item_get_title (item), ==, "设重大科技基础设施");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Rename Item");
  g_assert_cmpint (pb_store_get_undo_mark (t.store), !=, mark);
  g_assert_true (pb_test_card_says (t.window, id, "设重大科技基础设施"));
  g_assert_false (pb_test_card_says (t.window, id, "建设重大科技基础设施"));
  mark = pb_store_get_undo_mark (t.store);

  /* Escape: the title back, one more command, the editor still open on
   * the item with the keyboard in the title. */
  press (GDK_KEY_Escape);
  pb_test_settle_for (200);
  g_assert_cmpstr (pb_item_get_title (item), ==, "建设重大科技基础设施");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "建设重大科技基础设施");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Rename Item");
  g_assert_cmpint (pb_store_get_undo_mark (t.store), !=, mark);
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) == item);
  g_assert_true (gtk_widget_get_mapped (editor));
  focus = gtk_root_get_focus (GTK_ROOT (t.window));
  g_assert_true (focus != NULL && (focus == title || gtk_widget_is_ancestor (focus, title)));
  g_assert_true (pb_test_card_says (t.window, id, "建设重大科技基础设施"));

  /* Nothing left to take back: the second Escape closes the editor and
   * keeps the title. */
  press (GDK_KEY_Escape);
  pb_test_settle_for (500);
  g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)));
  g_assert_cmpstr (pb_item_get_title (item), ==, "建设重大科技基础设施");

  /* Undo still works: the take-back, then the slip. */
  act ("win.undo");
  g_assert_cmpstr (pb_item_get_title (item), ==, "设重大科技基础设施");
  act ("win.undo");
  g_assert_cmpstr (pb_item_get_title (item), ==, "建设重大科技基础设施");
}

static GtkWidget *
child_named (GtkWidget  *root,
             const char *css_name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_css_name (c), css_name) == 0)
        return c;
      if ((found = child_named (c, css_name)))
        return found;
    }
  return NULL;
}

/* One gesture on the progress slider is one command: a real drag (press,
 * moves, release) is stored once, at the release, while the slider and
 * its figure follow the pointer; Undo once gives the progress before the
 * drag. Arrow keys in a row are one command too, stored after the pause.
 * Before, a drag from 40 to 80 left five "Change Progress" to undo. */
static void
test_progress_one_gesture (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "发展智慧教育和智慧医疗");
  GtkWidget *editor, *row, *scale, *trough, *slider;
  GtkAdjustment *adj;
  gint64 mark;
  int rx, ry, tx, ty;
  double dragged;

  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Progress");
  g_assert_nonnull (row);
  scale = find_child (row, GTK_TYPE_SCALE, NULL);
  g_assert_nonnull (scale);
  adj = gtk_range_get_adjustment (GTK_RANGE (scale));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 40, 1e-6);
  /* In sight (scrolled to), then dragged by its knob. */
  gtk_widget_grab_focus (scale);
  pb_test_settle_for (300);
  trough = child_named (scale, "trough");
  slider = trough ? child_named (trough, "slider") : NULL;
  g_assert_nonnull (slider);
  g_assert_true (gtk_widget_is_drawable (slider));

  mark = pb_store_get_undo_mark (t.store);
  pb_test_x_root_point (slider, gtk_widget_get_width (slider) / 2.0, gtk_widget_get_height (slider) / 2.0, &rx, &ry);
  pb_test_x_root_point (trough, gtk_widget_get_width (trough) * 0.8, gtk_widget_get_height (trough) / 2.0, &tx, &ty);
  pb_test_x_move (rx, ry);
  pb_test_settle_for (100);
  pb_test_x_button (1, TRUE);
  pb_test_settle_for (100);
  for (int i = 1; i <= 8; i++)
    {
      pb_test_x_move (rx + (tx - rx) * i / 8, ry);
      /* Longer than the pause that stores typing: still not stored. */
      pb_test_settle_for (i == 4 ? 600 : 80);
    }
  /* The figure follows, the item does not yet. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 70);
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);
  pb_test_x_button (1, FALSE);
  pb_test_settle_for (300);
  dragged = pb_item_get_progress (item);
  g_assert_cmpfloat (dragged, >, 0.7);
  g_assert_cmpfloat_with_epsilon (dragged * 100, gtk_adjustment_get_value (adj), 0.01);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Progress");

  /* One Undo: before the drag, and nothing else of it left to undo. */
  act ("win.undo");
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 40, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);
  act ("win.redo");
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), dragged, 1e-6);
  act ("win.undo");

  /* Three presses of Right: 40 → 55, one command after the pause. */
  gtk_widget_grab_focus (scale);
  pb_test_settle_for (100);
  press (GDK_KEY_Right);
  press (GDK_KEY_Right);
  press (GDK_KEY_Right);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 55, 1e-6);
  pb_test_settle_for (800);
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.55, 1e-6);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Progress");
  act ("win.undo");
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);

  /* Keys and then straight away another item: stored all the same. */
  gtk_widget_grab_focus (scale);
  pb_test_settle_for (100);
  press (GDK_KEY_Left);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.35, 1e-6);
  act ("win.undo");
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);
}

/* "Progress From: Indicators": the progress shows as a bar beside its
 * subtitle ("The latest actuals against their baselines and targets"), read only, and
 * keeps a readable width (it was squeezed to a stub of ~20 px), in the
 * editor beside the board and in a window as narrow as the editor. */
static void
test_progress_from_indicators_width (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "统筹建设绿色数据中心");
  GtkWidget *editor, *row, *mode, *scale, *trough;
  static const int widths[] = { 1280, 360 };

  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  mode = find_child (editor, ADW_TYPE_COMBO_ROW, "Progress From");
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Progress");
  g_assert_nonnull (mode);
  g_assert_nonnull (row);
  scale = find_child (row, GTK_TYPE_SCALE, NULL);
  g_assert_nonnull (scale);
  trough = child_named (scale, "trough");
  g_assert_nonnull (trough);

  adw_combo_row_set_selected (ADW_COMBO_ROW (mode), PB_PROGRESS_MODE_INDICATORS);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_record_get_enum (PB_RECORD (item), "progress_mode"), ==, PB_PROGRESS_MODE_INDICATORS);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "The latest actuals against their baselines and targets");
  g_assert_false (gtk_widget_get_sensitive (scale));

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (t.window), widths[i], 800);
      pb_test_settle_for (600);
      /* The row in sight: the keyboard on the row after it. */
      gtk_widget_grab_focus (find_child (editor, ADW_TYPE_ACTION_ROW, "Health"));
      pb_test_settle_for (300);
      g_test_message ("window %d: editor %d, row %d, scale %d, trough %d", gtk_widget_get_width (GTK_WIDGET (t.window)),
                      gtk_widget_get_width (editor), gtk_widget_get_width (row), gtk_widget_get_width (scale),
                      gtk_widget_get_width (trough));
      g_assert_true (gtk_widget_get_mapped (trough));
      g_assert_cmpint (gtk_widget_get_width (trough), >=, 160);
      if (i == 0 && g_getenv ("PB_TEST_SHOT_DIR"))
        {
          /* The Undo toast of the test before gone first. */
          pb_test_settle_for (5500);
          g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "editor-progress-from-indicators.png"));
        }
    }
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (500);

  act ("win.undo");
  g_assert_cmpint (pb_record_get_enum (PB_RECORD (item), "progress_mode"), ==, PB_PROGRESS_MODE_MANUAL);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

/* From its indicators, the slider shows what they measure now, the
 * figure of the card's bar, as new actuals come in: it kept the value of
 * the moment the mode was chosen (82 beside a bar at 88 %). */
static void
test_progress_from_indicators_follows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  PbStore *store = pb_window_get_store (t.window);
  GtkWidget *editor, *row, *mode, *scale;
  double before, after, kept;
  gint64 k;
  GDate today;

  pb_date_today (&today);
  {
    g_autoptr(GListModel) all = pb_store_list_indicators (store, pb_item_get_plan_id (item));

    k = 0;
    for (guint i = 0; i < g_list_model_get_n_items (all) && k == 0; i++)
      {
        g_autoptr(PbIndicator) one = g_list_model_get_item (all, i);

        if (g_strcmp0 (pb_indicator_get_name (one), "5G基站") == 0)
          k = pb_record_get_id (PB_RECORD (one));
      }
  }
  g_assert_cmpint (k, >, 0);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  mode = find_child (editor, ADW_TYPE_COMBO_ROW, "Progress From");
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Progress");
  scale = find_child (row, GTK_TYPE_SCALE, NULL);
  g_assert_nonnull (scale);

  adw_combo_row_set_selected (ADW_COMBO_ROW (mode), PB_PROGRESS_MODE_INDICATORS);
  pb_test_settle_for (300);
  kept = pb_item_get_progress (item);
  before = pb_store_get_item_completion (store, item, &today);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), before * 100, 1e-6);

  /* A new actual, as the Record Actual dialog or the command line adds it. */
  g_assert_cmpint (pb_store_add_actual (store, k, "2026-10-31", 9800, NULL, &error), >, 0);
  g_assert_no_error (error);
  pb_test_settle_for (300);
  after = pb_store_get_item_completion (store, item, &today);
  g_test_message ("slider %.1f, bar %.1f %% (was %.1f %%)", gtk_range_get_value (GTK_RANGE (scale)), after * 100,
                  before * 100);
  g_assert_cmpfloat (fabs (after - before), >, 0.01);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), after * 100, 1e-6);
  /* Shown, not stored: the item is as it was, one command to undo. */
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), kept, 1e-9);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Record Actual");

  act ("win.undo");
  pb_test_settle_for (300);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), before * 100, 1e-6);
  act ("win.undo");
  pb_test_settle_for (300);
  g_assert_cmpint (pb_record_get_enum (PB_RECORD (item), "progress_mode"), ==, PB_PROGRESS_MODE_MANUAL);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

/* The editor's Section drop-down moves the item as Move to Section… does:
 * to the end of that section, one "Move Item", the numbers counting on
 * (the example numbers its tasks straight through: 4 at the end of
 * (二) is 10, and (二)'s first, 5, is 4), not dropped with its 4 among
 * (二)'s 5–10 as it was. Undo takes section and numbers back. */
static void
test_section_moves (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  g_autoptr(PbItem) next = pb_test_app_item_titled (&t, "建设智慧交通基础设施");
  g_autofree char *before = pb_test_dump_store (t.store);
  GtkWidget *editor, *row;
  GListModel *labels;
  gint64 from = pb_item_get_section_id (item), to = pb_item_get_section_id (next);
  guint wanted = GTK_INVALID_LIST_POSITION;

  g_assert_cmpstr (pb_item_get_number (item), ==, "4");
  g_assert_cmpstr (pb_item_get_number (next), ==, "5");
  g_assert_cmpint (from, !=, to);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  row = find_child (editor, ADW_TYPE_COMBO_ROW, "Section");
  g_assert_nonnull (row);
  labels = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), "建设智能协同的融合基础设施"))
      wanted = i;
  g_assert_cmpuint (wanted, !=, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), wanted);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Move Item");
  g_assert_cmpint (pb_item_get_section_id (item), ==, to);
  g_assert_cmpstr (pb_item_get_number (item), ==, "10");
  g_assert_cmpstr (pb_item_get_number (next), ==, "4");

  act ("win.undo");
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), !=, wanted);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

/* The window closed while the progress slider still holds a change it
 * has not stored: three presses of Right in their pause, a drag not let
 * go, then two presses of Left and Ctrl+Q. Closing or quitting disposes
 * the editor; the change is stored, one "Change Progress" each, as
 * opening another item stores it (it was dropped). The window is made
 * again each time, for the tests after. */
static void
test_progress_saved_on_close (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "发展智慧教育和智慧医疗");
  GtkWidget *editor, *row, *scale, *trough, *slider;
  GtkAdjustment *adj;
  gint64 mark;
  int rx, ry, tx, ty;
  double shown;

  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  mark = pb_store_get_undo_mark (t.store);

  /* Keys, and the window closed within the pause. */
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Progress");
  g_assert_nonnull (row);
  scale = find_child (row, GTK_TYPE_SCALE, NULL);
  g_assert_nonnull (scale);
  adj = gtk_range_get_adjustment (GTK_RANGE (scale));
  gtk_widget_grab_focus (scale);
  pb_test_settle_for (300);
  press (GDK_KEY_Right);
  press (GDK_KEY_Right);
  press (GDK_KEY_Right);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 55, 1e-6);
  /* Not stored yet: the pause is not over. */
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);
  gtk_window_close (GTK_WINDOW (t.window));
  pb_test_settle_for (300);
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.55, 1e-6);
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store),
                                    "SELECT round(progress * 100) FROM item WHERE title = '发展智慧教育和智慧医疗'"), ==, 55);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Progress");
  g_assert_true (pb_store_undo (t.store, NULL));
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);

  /* A new window; a drag, and the window closed before the release. */
  g_application_activate (G_APPLICATION (t.app));
  t.window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (600);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Progress");
  scale = find_child (row, GTK_TYPE_SCALE, NULL);
  adj = gtk_range_get_adjustment (GTK_RANGE (scale));
  gtk_widget_grab_focus (scale);
  pb_test_settle_for (300);
  trough = child_named (scale, "trough");
  slider = trough ? child_named (trough, "slider") : NULL;
  g_assert_nonnull (slider);
  g_assert_true (gtk_widget_is_drawable (slider));
  pb_test_x_root_point (slider, gtk_widget_get_width (slider) / 2.0, gtk_widget_get_height (slider) / 2.0, &rx, &ry);
  pb_test_x_root_point (trough, gtk_widget_get_width (trough) * 0.8, gtk_widget_get_height (trough) / 2.0, &tx, &ty);
  pb_test_x_move (rx, ry);
  pb_test_settle_for (100);
  pb_test_x_button (1, TRUE);
  pb_test_settle_for (100);
  for (int i = 1; i <= 8; i++)
    {
      pb_test_x_move (rx + (tx - rx) * i / 8, ry);
      pb_test_settle_for (80);
    }
  shown = gtk_adjustment_get_value (adj);
  g_assert_cmpfloat (shown, >, 70);
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);
  gtk_window_close (GTK_WINDOW (t.window));
  pb_test_settle_for (200);
  pb_test_x_button (1, FALSE);
  pb_test_settle_for (200);
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item) * 100, shown, 0.01);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Progress");
  g_assert_true (pb_store_undo (t.store, NULL));
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);

  /* A new window; keys, and Quit (Ctrl+Q) within the pause. */
  g_application_activate (G_APPLICATION (t.app));
  t.window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (600);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  row = find_child (editor, ADW_TYPE_ACTION_ROW, "Progress");
  scale = find_child (row, GTK_TYPE_SCALE, NULL);
  adj = gtk_range_get_adjustment (GTK_RANGE (scale));
  gtk_widget_grab_focus (scale);
  pb_test_settle_for (300);
  press (GDK_KEY_Left);
  press (GDK_KEY_Left);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adj), 30, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);
  pb_test_x_send_key (GTK_WIDGET (t.window), GDK_KEY_q, GDK_CONTROL_MASK);
  pb_test_settle_for (300);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (t.app)));
  g_assert_cmpint (pb_test_sql_int (pb_store_get_path (t.store),
                                    "SELECT round(progress * 100) FROM item WHERE title = '发展智慧教育和智慧医疗'"), ==, 30);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Progress");
  g_assert_true (pb_store_undo (t.store, NULL));
  g_assert_cmpfloat_with_epsilon (pb_item_get_progress (item), 0.4, 1e-6);
  g_assert_cmpint (pb_store_get_undo_mark (t.store), ==, mark);

  g_application_activate (G_APPLICATION (t.app));
  t.window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.window);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 1280, 800);
  pb_test_settle_for (600);
}

/* A real click on @widget, scrolled into the editor's view first (the
 * keyboard on it scrolls its viewport there), as a planner scrolls. */
static void
click_in_view (GtkWidget *widget)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  pb_test_settle_for (300);
  click (widget);
}

/* The button under @root whose tooltip is @tooltip, drawn, or NULL. */
static GtkWidget *
button_with_tooltip (GtkWidget  *root,
                     const char *tooltip)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && gtk_widget_is_drawable (c) && g_strcmp0 (gtk_widget_get_tooltip_text (c), tooltip) == 0)
        return c;
      if ((found = button_with_tooltip (c, tooltip)))
        return found;
    }
  return NULL;
}

static gint64
sql_int (const char *fmt,
         ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, fmt);
  sql = g_strdup_vprintf (fmt, args);
  va_end (args);
  return pb_test_sql_int (pb_store_get_path (t.store), sql);
}

/* The bin beside an indicator in one item's editor: an indicator another
 * item serves too is only taken from this item (its actuals and the
 * other item keep it), with a toast; one only this item serves, with
 * actuals, asks first and then deletes it with them. Each is one command
 * that Undo takes back. */
static void
test_remove_indicator (void)
{
  g_autoptr(GListModel) items = pb_store_list_items (t.store, pb_window_get_selected_plan (t.window));
  g_autofree char *before = pb_test_dump_store (t.store);
  gint64 shared = 0, shared_item = 0, own = 0, own_item = 0;
  GtkWidget *editor, *bin, *dialog;

  /* From the store: an indicator two items serve, one only one item
   * serves, each with actuals. */
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      gint64 id = pb_record_get_id (PB_RECORD (item));
      g_autoptr(GListModel) indicators = pb_store_list_item_indicators (t.store, id);

      for (guint k = 0; k < g_list_model_get_n_items (indicators); k++)
        {
          g_autoptr(PbIndicator) indicator = g_list_model_get_item (indicators, k);
          gint64 kid = pb_record_get_id (PB_RECORD (indicator));
          gint64 n_items = sql_int ("SELECT count(*) FROM item_indicator WHERE indicator_id = %" G_GINT64_FORMAT, kid);
          gint64 n_actuals = sql_int ("SELECT count(*) FROM actual WHERE indicator_id = %" G_GINT64_FORMAT, kid);

          if (n_actuals == 0)
            continue;
          if (n_items > 1 && shared == 0)
            {
              shared = kid;
              shared_item = id;
            }
          if (n_items == 1 && own == 0)
            {
              own = kid;
              own_item = id;
            }
        }
    }
  g_assert_cmpint (shared, >, 0);
  g_assert_cmpint (own, >, 0);

  /* Shared: detached from this item only. */
  {
    g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, shared_item);
    gint64 n_actuals = sql_int ("SELECT count(*) FROM actual WHERE indicator_id = %" G_GINT64_FORMAT, shared);
    gint64 n_items = sql_int ("SELECT count(*) FROM item_indicator WHERE indicator_id = %" G_GINT64_FORMAT, shared);

    pb_window_open_editor (t.window, item);
    pb_test_settle_for (500);
    editor = pb_window_get_editor (t.window);
    bin = button_with_tooltip (editor, "Detach from this item");
    g_assert_nonnull (bin);
    g_assert_null (button_with_tooltip (editor, "Remove indicator"));
    click_in_view (bin);
    pb_test_settle_for (400);
    g_assert_true (g_str_has_prefix (pb_store_get_undo_label (t.store), "Detach "));
    g_assert_cmpint (sql_int ("SELECT count(*) FROM indicator WHERE id = %" G_GINT64_FORMAT, shared), ==, 1);
    g_assert_cmpint (sql_int ("SELECT count(*) FROM actual WHERE indicator_id = %" G_GINT64_FORMAT, shared), ==, n_actuals);
    g_assert_cmpint (sql_int ("SELECT count(*) FROM item_indicator WHERE indicator_id = %" G_GINT64_FORMAT, shared), ==, n_items - 1);
    g_assert_cmpint (sql_int ("SELECT count(*) FROM item_indicator WHERE indicator_id = %" G_GINT64_FORMAT
                              " AND item_id = %" G_GINT64_FORMAT, shared, shared_item), ==, 0);
    act ("win.undo");
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, before);
    }
  }

  /* Its own, with actuals: asked first; Cancel leaves it, Delete takes
   * it with its actuals. */
  {
    g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, own_item);

    pb_window_open_editor (t.window, item);
    pb_test_settle_for (500);
    editor = pb_window_get_editor (t.window);
    bin = button_with_tooltip (editor, "Delete indicator");
    g_assert_nonnull (bin);
    click_in_view (bin);
    pb_test_settle_for (400);
    dialog = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "Delete Indicator “"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    pb_test_settle_for (300);
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, before);
    }
    bin = button_with_tooltip (pb_window_get_editor (t.window), "Delete indicator");
    g_assert_nonnull (bin);
    click_in_view (bin);
    pb_test_settle_for (400);
    dialog = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
    pb_test_settle_for (400);
    g_assert_cmpint (sql_int ("SELECT count(*) FROM indicator WHERE id = %" G_GINT64_FORMAT, own), ==, 0);
    g_assert_cmpint (sql_int ("SELECT count(*) FROM actual WHERE indicator_id = %" G_GINT64_FORMAT, own), ==, 0);
    act ("win.undo");
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, before);
    }
  }
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

/* The Add Target button of indicator @k in the open editor. */
static GtkWidget *
add_target_button (GtkWidget *root,
                   gint64     k)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      PbRecord *r;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), "Add Target") == 0 &&
          (r = g_object_get_data (G_OBJECT (c), "record")) && pb_record_get_id (r) == k)
        return c;
      if ((found = add_target_button (c, k)))
        return found;
    }
  return NULL;
}

/* The indicator @k's row (an expander) in the open editor. */
static GtkWidget *
indicator_row (GtkWidget *root,
               gint64     k)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      gint64 *id;

      if (ADW_IS_EXPANDER_ROW (c) && (id = g_object_get_data (G_OBJECT (c), "indicator-id")) && *id == k)
        return c;
      if ((found = indicator_row (c, k)))
        return found;
    }
  return NULL;
}

/* The new target's row in the open editor, or %NULL. */
static GtkWidget *
draft_row (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (c) && g_object_get_data (G_OBJECT (c), "draft-value"))
        return c;
      if ((found = draft_row (c)))
        return found;
    }
  return NULL;
}

/* The stored target of @k for @year (firm), its value, or NAN. */
static double
stored_target (gint64 k,
               int    year)
{
  g_autoptr(GListModel) targets = pb_store_list_targets (t.store, k);

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) target = g_list_model_get_item (targets, i);

      if (pb_target_get_year (target) == year && !pb_record_get_boolean (PB_RECORD (target), "stretch"))
        return pb_target_get_value (target);
    }
  return NAN;
}

/* The value field of @k's stored target for @year in the open editor. */
static GtkWidget *
target_value_entry (GtkWidget *root,
                    gint64     k,
                    int        year)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;
      PbRecord *r;

      if (GTK_IS_ENTRY (c) && g_strcmp0 (g_object_get_data (G_OBJECT (c), "column"), "value") == 0 &&
          (r = g_object_get_data (G_OBJECT (c), "record")) && PB_IS_TARGET (r) &&
          pb_record_get_int (r, "indicator_id") == k && pb_target_get_year (PB_TARGET (r)) == year)
        return c;
      if ((found = target_value_entry (c, k, year)))
        return found;
    }
  return NULL;
}

/* Types @text with real keys (digits, a point, a comma) and presses Return. */
static void
type_and_return (const char *text)
{
  for (const char *p = text; *p; p++)
    press (*p == '.' ? GDK_KEY_period : *p == ',' ? GDK_KEY_comma : GDK_KEY_0 + (*p - '0'));
  press (GDK_KEY_Return);
  pb_test_settle_for (300);
}

/* Issue 14: a task that runs 2026-11-28 – 2027-12-31 in a 2025—2027 plan.
 * Add Target, pressed with the keyboard, proposes 2026 (the first year the
 * task runs in), then 2027, and only then 2025, the plan's year before
 * the task began; each value typed with real keys is stored for the year
 * proposed, one "Add Target" each. Before, 2025 came first. */
static void
test_add_target_item_years (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) neighbour = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  gint64 plan = pb_item_get_plan_id (neighbour);
  g_autoptr(PbPlan) p = pb_store_get_record (t.store, PB_TYPE_PLAN, plan);
  gint64 id, k;
  g_autoptr(PbItem) item = NULL;
  GtkWidget *editor, *add, *row, *focus;
  static const int expected_years[] = { 2026, 2027, 2025 };
  static const char *values[] = { "15000", "30000", "100" };
  static const char *shown[] = { "15,000", "30,000", "100" };
  g_autoptr(GSettings) settings = g_settings_new ("io.github.planboard.Planboard");

  g_assert_cmpint (pb_plan_get_period_start (p), ==, 2025);
  g_assert_cmpint (pb_plan_get_period_end (p), ==, 2027);
  id = pb_store_add_item (t.store, plan, pb_item_get_section_id (neighbour), PB_ITEM_KIND_TASK, "", "测试任务", &error);
  g_assert_no_error (error);
  item = pb_store_get_record (t.store, PB_TYPE_ITEM, id);
  g_assert_true (pb_store_set (t.store, item, &error, "start_date", "2026-11-28", "due_date", "2027-12-31", NULL));
  k = pb_store_add_indicator (t.store, plan, id, "测试站点数", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);

  pb_window_open_editor (t.window, item);
  pb_test_settle_for (500);
  editor = pb_window_get_editor (t.window);
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) == item);

  /* The indicator's row opened by the keyboard, as a planner opens it. */
  row = indicator_row (editor, k);
  g_assert_nonnull (row);
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (gtk_widget_grab_focus (find_child (row, GTK_TYPE_LIST_BOX_ROW, NULL)));
  pb_test_settle_for (100);
  focus = gtk_root_get_focus (GTK_ROOT (t.window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, row));
  press (GDK_KEY_Return);
  pb_test_settle_for (300);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  for (guint round = 0; round < G_N_ELEMENTS (expected_years); round++)
    {
      g_autofree char *year = g_strdup_printf ("%d", expected_years[round]);

      add = add_target_button (editor, k);
      g_assert_nonnull (add);
      /* The first time the keyboard is put there; after a target is
       * added by Return, it is on Add Target already. */
      if (round == 0)
        {
          gtk_widget_grab_focus (add);
          pb_test_settle_for (100);
        }
      focus = gtk_root_get_focus (GTK_ROOT (t.window));
      g_assert_true (focus == add);
      press (GDK_KEY_space);
      pb_test_settle_for (300);

      row = draft_row (editor);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (row), "draft-year")), ==, year);
      /* Nothing stored before the value is typed. */
      g_assert_true (isnan (stored_target (k, expected_years[round])));
      focus = gtk_root_get_focus (GTK_ROOT (t.window));
      g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, g_object_get_data (G_OBJECT (row), "draft-value")));

      type_and_return (values[round]);
      g_assert_cmpfloat (stored_target (k, expected_years[round]), ==, g_ascii_strtod (values[round], NULL));
      g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Target");
      g_assert_null (draft_row (editor));
      /* Stored, the value reads as the summary and every view write it
       * (DESIGN §7), not as typed: 15,000, not 15000. */
      {
        GtkWidget *value = target_value_entry (editor, k, expected_years[round]);

        g_assert_nonnull (value);
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, shown[round]);
      }
    }
  {
    g_autoptr(GListModel) targets = pb_store_list_targets (t.store, k);
    g_assert_cmpuint (g_list_model_get_n_items (targets), ==, 3);
  }

  /* A stored value typed again as the planner writes it, with real keys:
   * "16,000" is 16,000; what is typed is read, what is shown is
   * Planboard's. */
  {
    GtkWidget *value = target_value_entry (editor, k, 2026);

    g_assert_true (gtk_widget_grab_focus (value));
    pb_test_settle_for (100);
    press (GDK_KEY_End);
    for (int i = 0; i < 8; i++)
      press (GDK_KEY_BackSpace);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "");
    type_and_return ("16,000");
    g_assert_cmpfloat (stored_target (k, 2026), ==, 16000);
    g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Target");
    value = target_value_entry (editor, k, 2026);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "16,000");
  }

  /* Preferences › Amounts in the Chinese style: the fields read 1.6万 and
   * 3万, and 1.5万 typed (Return by a real key) is stored as 15,000 and
   * shown as typed, 1.5万. */
  g_settings_set_string (settings, "number-style", "chinese");
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (500);
  editor = pb_window_get_editor (t.window);
  row = indicator_row (editor, k);
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pb_test_settle_for (200);
  {
    GtkWidget *value = target_value_entry (editor, k, 2026);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "1.6万");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target_value_entry (editor, k, 2027))), ==, "3万");
    g_assert_true (gtk_widget_grab_focus (value));
    pb_test_settle_for (100);
    gtk_editable_set_text (GTK_EDITABLE (value), "1.5万");
    press (GDK_KEY_Return);
    pb_test_settle_for (300);
    g_assert_cmpfloat (stored_target (k, 2026), ==, 15000);
    value = target_value_entry (editor, k, 2026);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value)), ==, "1.5万");
  }
  g_settings_reset (settings, "number-style");
  pb_test_settle_for (200);

  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  g_assert_true (pb_store_delete (t.store, item, &error));
  g_assert_no_error (error);
  pb_test_settle_for (300);
}

/* Issue 14 (review 22): an indicator the importer named wrongly is renamed
 * in the item editor, in its row under Indicators and Targets: the name
 * of the item's other indicator typed and Return (a real key) is refused
 * under the fields, nothing stored; a new name, a new unit and Return in
 * the unit: one command "Rename Indicator" with both, the row's title says
 * so, the keyboard stays in the field, and Ctrl+Z / Ctrl+Shift+Z take both back and again. */
static void
test_rename_indicator (void)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  g_autoptr(GListModel) all = pb_store_list_item_indicators (t.store, pb_record_get_id (PB_RECORD (item)));
  g_autoptr(PbIndicator) k = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *editor, *row, *name, *unit, *refusal;
  gint64 id;

  for (guint i = 0; i < g_list_model_get_n_items (all) && k == NULL; i++)
    {
      g_autoptr(PbIndicator) c = g_list_model_get_item (all, i);

      if (g_str_equal (pb_indicator_get_name (c), "新建5G基站"))
        k = g_steal_pointer (&c);
    }
  g_assert_nonnull (k);
  id = pb_record_get_id (PB_RECORD (k));
  before = pb_test_dump_store (t.store);

  pb_window_open_editor (t.window, item);
  pb_test_settle_for (500);
  editor = pb_window_get_editor (t.window);
  row = indicator_row (editor, id);
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pb_test_settle_for (300);
  name = pb_test_find_named (row, "indicator-name");
  unit = pb_test_find_named (row, "indicator-unit");
  g_assert_nonnull (name);
  g_assert_nonnull (unit);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "新建5G基站");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit)), ==, "个");

  /* The name of the item's other indicator: refused, said under it. */
  g_assert_true (gtk_widget_grab_focus (name));
  pb_test_settle_for (100);
  gtk_editable_set_text (GTK_EDITABLE (name), "5G基站");
  pb_test_x_type (GTK_WIDGET (t.window), GDK_KEY_Return, 0);
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  refusal = g_object_get_data (G_OBJECT (name), "error-label");
  g_assert_nonnull (refusal);
  g_assert_true (gtk_widget_get_mapped (refusal));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (refusal)), ==,
                   "“5G基站” is already the name of another indicator of 1 加快5G网络规模化部署; "
                   "choose another name, or merge the two.");

  /* A new name, a new unit, Return in the unit: one command, both. */
  gtk_editable_set_text (GTK_EDITABLE (name), "当年新建5G基站");
  g_assert_true (gtk_widget_grab_focus (unit));
  pb_test_settle_for (100);
  press (GDK_KEY_End);
  press (GDK_KEY_BackSpace);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (unit), "座");
  pb_test_x_type (GTK_WIDGET (t.window), GDK_KEY_Return, 0);
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_indicator_get_name (k), ==, "当年新建5G基站");
  g_assert_cmpstr (pb_indicator_get_measure_unit (k), ==, "座");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Rename Indicator");
  after = pb_test_dump_store (t.store);
  row = indicator_row (editor, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "当年新建5G基站 (座)");
  /* The keyboard stays in the unit, though the rows were made again. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (t.window));

    g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, pb_test_find_named (row, "indicator-unit")));
  }
  pb_test_save_shot (GTK_WIDGET (t.window), "rename-indicator-editor.png");

  /* Ctrl+Z: both back, in one step; Ctrl+Shift+Z: both again. */
  pb_test_x_send_key (GTK_WIDGET (t.window), GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (400);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpstr (pb_indicator_get_name (k), ==, "新建5G基站");
  g_assert_cmpstr (pb_indicator_get_measure_unit (k), ==, "个");
  row = indicator_row (editor, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_find_named (row, "indicator-name"))), ==, "新建5G基站");
  pb_test_x_send_key (GTK_WIDGET (t.window), GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  pb_test_settle_for (400);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, after);
  }

  /* Left as it was, for the tests after. */
  act ("win.undo");
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  pb_test_app_start (&t);

  g_test_add_func ("/item-editor/health-override", test_health_override);
  g_test_add_func ("/item-editor/health-said-once", test_health_said_once);
  g_test_add_func ("/item-editor/health-long-reason", test_health_long_reason);
  g_test_add_func ("/item-editor/escape-takes-back", test_escape_takes_back);
  g_test_add_func ("/item-editor/progress-one-gesture", test_progress_one_gesture);
  g_test_add_func ("/item-editor/progress-from-indicators-follows", test_progress_from_indicators_follows);
  g_test_add_func ("/item-editor/progress-from-indicators-width", test_progress_from_indicators_width);
  g_test_add_func ("/item-editor/add-target-item-years", test_add_target_item_years);
  g_test_add_func ("/item-editor/section-moves", test_section_moves);
  /* Last: it closes the window (and makes another). */
  g_test_add_func ("/item-editor/progress-saved-on-close", test_progress_saved_on_close);
  g_test_add_func ("/item-editor/rename-indicator", test_rename_indicator);
  g_test_add_func ("/item-editor/remove-indicator", test_remove_indicator);
  status = g_test_run ();

  pb_test_app_stop (&t);
  return status;
}
