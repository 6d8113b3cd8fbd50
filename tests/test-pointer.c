/* test-pointer.c — what the pointer does, moved and clicked for real
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, with a real pointer (XTest): passing over the list of plans
 * (on the way to a menu, or as a menu closes above it) never changes the
 * plan on show; a click on a plan does.
 */
#include "config.h"

#include <string.h>

#include "pb-board-view.h"
#include "pb-format.h"
#include "pb-health-style.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-task-card.h"
#include "pb-item-editor.h"
#include "pb-import-window.h"
#include "pb-timeline-view.h"
#include "pb-ui-util.h"

static PbTestApp t;

static GtkWidget *
find_drawn_label (GtkWidget  *root,
                  const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && gtk_widget_is_drawable (c) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = find_drawn_label (c, text)))
        return found;
    }
  return NULL;
}

/* Moves the real pointer to the middle of @widget. */
static void
point_at (GtkWidget *widget)
{
  int rx = 0, ry = 0;

  pb_test_x_raise (widget);
  pb_test_x_root_point (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0, &rx, &ry);
  /* Arrive from elsewhere, as a hand on a mouse does. */
  pb_test_x_move (rx + 40, ry - 30);
  pb_test_settle_for (100);
  pb_test_x_move (rx, ry);
  pb_test_settle_for (400);
}

static void
click (void)
{
  pb_test_x_click (1, 0);
  pb_test_settle_for (100);
}

/* The list of plans is a list a planner passes over on the way to the
 * main menu, and under it when a menu closes: the pointer over a plan
 * must not show that plan; a click on it does. */
static void
test_plan_list_hover (void)
{
  g_autoptr(GError) error = NULL;
  const char *other = "测试用的第二个方案";
  gint64 first, second;
  GtkWidget *row;

  pb_test_app_start (&t);
  first = pb_window_get_selected_plan (t.window);
  g_assert_cmpint (first, >, 0);
  second = pb_store_create_plan (t.store, other, 2025, 2027, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, 0);
  pb_test_settle_for (300);
  pb_window_select_plan (t.window, first);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, first);

  row = find_drawn_label (GTK_WIDGET (t.window), other);
  g_assert_nonnull (row);
  point_at (row);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, first);

  click ();
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, second);

  /* And back over the first one: still the second, until clicked. */
  row = find_drawn_label (GTK_WIDGET (t.window), "云澜市新型基础设施建设三年行动方案(2025—2027年)");
  g_assert_nonnull (row);
  point_at (row);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, second);
  click ();
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, first);

  pb_test_app_stop (&t);
}

/* In the folded window (360 px), a click on a plan goes on to its page,
 * and passing over one does not. */
static void
test_plan_list_folded (void)
{
  g_autoptr(GError) error = NULL;
  const char *other = "测试用的第二个方案";
  AdwLeaflet *leaflet;
  GtkWidget *row;
  gint64 first, second;

  pb_test_app_start (&t);
  gtk_window_set_default_size (GTK_WINDOW (t.window), 360, 700);
  pb_test_settle_for (500);
  first = pb_window_get_selected_plan (t.window);
  second = pb_store_create_plan (t.store, other, 2025, 2027, &error);
  g_assert_no_error (error);
  pb_test_settle_for (300);
  pb_window_select_plan (t.window, first);
  leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (pb_window_get_board (t.window), ADW_TYPE_LEAFLET));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  pb_test_settle_for (600);

  row = find_drawn_label (GTK_WIDGET (t.window), other);
  g_assert_nonnull (row);
  point_at (row);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, first);
  g_assert_true (gtk_widget_is_ancestor (row, adw_leaflet_get_visible_child (leaflet)));

  click ();
  pb_test_settle_for (400);
  g_assert_cmpint (pb_window_get_selected_plan (t.window), ==, second);
  g_assert_false (gtk_widget_is_ancestor (row, adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (gtk_widget_is_ancestor (pb_window_get_board (t.window), adw_leaflet_get_visible_child (leaflet)));

  pb_test_app_stop (&t);
}

/* The label of the tooltip on show, if one is; NULL if none. */
static const char *
tooltip_shown (void)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (t.window)); c; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (G_OBJECT_TYPE_NAME (c), "GtkTooltipWindow") == 0 && gtk_widget_get_mapped (c))
      {
        for (GtkWidget *w = c; w; )
          {
            if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w))
              return gtk_label_get_text (GTK_LABEL (w));
            w = gtk_widget_get_first_child (w) ? gtk_widget_get_first_child (w) : gtk_widget_get_next_sibling (w);
          }
        return "";
      }
  return NULL;
}

/* Moves the real pointer to (@x, @y) of @widget, straight there. */
static void
move_to (GtkWidget *widget,
         double     x,
         double     y)
{
  pb_test_x_move_to (widget, x, y);
}

/* A bar's tooltip shows when the pointer moves over it, and not when the
 * window opens under a pointer resting there (GTK would ask the chart
 * 500 ms after the window appeared: a tooltip nobody asked for, and half
 * a second more before a start is done). */
static void
test_timeline_tooltip_waits_for_motion (void)
{
  PbTimelineView *view;
  PbTimeline *timeline;
  g_autoptr(PbItem) item = NULL;
  const char *shown;
  double x, y;
  guint row;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  pb_test_settle_for (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 400);
  pb_test_x_raise (GTK_WIDGET (t.window));

  item = pb_test_app_item_titled (&t, "统筹建设绿色数据中心");
  timeline = pb_timeline_view_get_timeline (view);
  g_assert_true (pb_timeline_get_item_row (timeline, pb_record_get_id (PB_RECORD (item)), &row));
  /* On the item's row, in the column of titles. */
  pb_timeline_view_widget_point (view, 0, pb_timeline_get_row_y (timeline, row) + PB_TIMELINE_ROW_HEIGHT / 2, &x, &y);
  x = 40;

  /* Moved there: the tooltip comes, naming the item. */
  move_to (GTK_WIDGET (view), x + 30, y - 5);
  pb_test_settle_for (100);
  move_to (GTK_WIDGET (view), x, y);
  pb_test_settle_for (1200);
  shown = tooltip_shown ();
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, "统筹建设绿色数据中心"));

  /* The window closes and opens again under the resting pointer: no
   * tooltip, however long the pointer rests. */
  gtk_widget_set_visible (GTK_WIDGET (t.window), FALSE);
  pb_test_settle_for (300);
  g_assert_null (tooltip_shown ());
  gtk_window_present (GTK_WINDOW (t.window));
  pb_test_settle_for (1500);
  g_assert_null (tooltip_shown ());

  /* The hand moves a little: the tooltip comes. */
  move_to (GTK_WIDGET (view), x + 3, y + 1);
  pb_test_settle_for (1200);
  shown = tooltip_shown ();
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, "统筹建设绿色数据中心"));

  pb_test_app_stop (&t);
}

/* The title label of the first card on show. */
static GtkWidget *
first_card_title (GtkWidget *root,
                  gboolean   in_card)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (c))
        continue;
      if (in_card && GTK_IS_LABEL (c) && gtk_widget_has_css_class (c, "heading"))
        return c;
      if ((found = first_card_title (c, in_card || PB_IS_TASK_CARD (c))))
        return found;
    }
  return NULL;
}

/* The label under @root reading @text, or NULL. */
static GtkWidget *
label_reading (GtkWidget  *root,
               const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (c)), text) == 0)
        return c;
      if ((found = label_reading (c, text)))
        return found;
    }
  return NULL;
}

/* The tooltip shown when the pointer comes to rest over @widget, or fails. */
static char *
tooltip_over (GtkWidget *widget)
{
  GtkWidget *board = pb_window_get_board (t.window);
  gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  const char *shown;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  /* From where there is none, then moving onto it, as a hand does. */
  move_to (board, gtk_widget_get_width (board) - 4, gtk_widget_get_height (board) - 4);
  while (tooltip_shown () != NULL && g_get_monotonic_time () < end)
    pb_test_settle_for (50);
  move_to (widget, w / 2 + 6, h / 2);
  pb_test_settle_for (100);
  move_to (widget, w / 2, h / 2);
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while ((shown = tooltip_shown ()) == NULL && g_get_monotonic_time () < end)
    pb_test_settle_for (50);
  g_assert_nonnull (shown);
  return g_strdup (shown);
}

/* A card's health symbol says why in a tooltip, its figures as every
 * view writes them (DESIGN §7): a missed 28亿元 target reads "2.8 bn"
 * in English; once Preferences › Amounts is 万/亿, "28亿", with nothing
 * else changed. */
static void
test_card_tooltip_amounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PbItem) first = NULL;
  g_autofree char *english = NULL;
  g_autofree char *chinese = NULL;
  GSettings *settings;
  PbTaskCard *card;
  GtkWidget *symbol;
  gint64 plan, item, k;

  pb_test_app_start (&t);
  settings = pb_application_get_settings (t.app);
  g_settings_set_string (settings, "number-style", "grouped");
  plan = pb_window_get_selected_plan (t.window);
  items = pb_store_list_items (t.store, plan);
  first = g_list_model_get_item (items, 0);
  /* In the first column, its own indicator deciding its health */
  item = pb_store_add_item (t.store, plan, pb_record_get_int (PB_RECORD (first), "section_id"), PB_ITEM_KIND_TASK,
                            "", "扩大新型基础设施投资", &error);
  k = pb_store_add_indicator (t.store, plan, item, "新型基础设施投资", "元", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_target (t.store, k, 2025, 2800000000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (t.store, k, "2025-12-31", 2100000000, NULL, &error);
  g_assert_no_error (error);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (pb_window_get_board (t.window),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         "board");
  pb_test_settle_for (500);
  pb_test_x_raise (GTK_WIDGET (t.window));
  card = pb_test_find_card (GTK_WIDGET (t.window), item);
  g_assert_nonnull (card);
  g_assert_cmpint (pb_task_card_get_health (card), ==, PB_HEALTH_RED);
  symbol = label_reading (GTK_WIDGET (card), pb_health_get_symbol (PB_HEALTH_RED));
  g_assert_nonnull (symbol);
  g_assert_true (gtk_widget_get_mapped (symbol));

  english = tooltip_over (symbol);
  if (strstr (english, "Missed its 2025 target of 2.8\u00a0bn: 2.1\u00a0bn") == NULL)
    g_error ("the card says “%s”", english);

  g_settings_set_string (settings, "number-style", "chinese");
  pb_test_settle_for (300);
  chinese = tooltip_over (symbol);
  if (strstr (chinese, "Missed its 2025 target of 28亿: 21亿") == NULL)
    g_error ("in 万/亿 the card says “%s”", chinese);

  g_settings_reset (settings, "number-style");
  pb_test_app_stop (&t);
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

/* The same for the board (and every tooltip of the main window): a card
 * under the pointer when the window opens shows no tooltip until the
 * pointer moves. */
static void
test_board_tooltip_waits_for_motion (void)
{
  g_autofree char *text = NULL;
  GtkWidget *title;
  const char *shown;
  int w, h;

  pb_test_app_start (&t);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (pb_window_get_board (t.window),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         "board");
  pb_test_settle_for (500);
  pb_test_x_raise (GTK_WIDGET (t.window));
  title = first_card_title (pb_window_get_board (t.window), FALSE);
  g_assert_nonnull (title);
  text = g_strdup (gtk_label_get_text (GTK_LABEL (title)));
  w = gtk_widget_get_width (title);
  h = gtk_widget_get_height (title);
  g_assert_cmpint (w, >, 20);

  /* Moved there: the tooltip comes, naming the item. */
  move_to (title, w / 2 + 8, h / 2);
  pb_test_settle_for (100);
  move_to (title, w / 2, h / 2);
  pb_test_settle_for (1200);
  shown = tooltip_shown ();
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, text));

  /* The pointer goes where there is no tooltip, the window closes, the
   * pointer comes back over the card's place, and the window opens under
   * it, as at start: no tooltip, however long the pointer rests. */
  {
    GtkWidget *board = pb_window_get_board (t.window);
    gint64 end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    double bx = 0, by = 0;

    g_assert_true (gtk_widget_translate_coordinates (title, board, w / 2, h / 2, &bx, &by));
    move_to (board, gtk_widget_get_width (board) - 4, gtk_widget_get_height (board) - 4);
    while (tooltip_shown () != NULL && g_get_monotonic_time () < end)
      pb_test_settle_for (50);
    g_assert_null (tooltip_shown ());
    gtk_widget_set_visible (GTK_WIDGET (t.window), FALSE);
    pb_test_settle_for (300);
    g_assert_null (tooltip_shown ());
    move_to (board, bx, by);
    pb_test_settle_for (200);
    gtk_window_present (GTK_WINDOW (t.window));
    pb_test_settle_for (1500);
    g_assert_null (tooltip_shown ());
  }

  /* The hand moves a little: the tooltip comes. */
  title = first_card_title (pb_window_get_board (t.window), FALSE);
  move_to (title, w / 2 + 3, h / 2 + 1);
  pb_test_settle_for (1200);
  shown = tooltip_shown ();
  g_assert_nonnull (shown);
  g_assert_nonnull (strstr (shown, text));

  pb_test_app_stop (&t);
}

/* The button, or a key, pressed or let go through the X server. */
static void
button (gboolean down)
{
  pb_test_x_button (1, down);
  pb_test_settle_for (150);
}

static void
key (guint    keyval,
     gboolean down)
{
  pb_test_x_key (keyval, down);
  pb_test_settle_for (50);
}

/* The widget point of Julian day @at on @item's row of the chart. */
static void
bar_point (PbTimelineView *view,
           PbItem         *item,
           guint32         at,
           double         *x,
           double         *y)
{
  PbTimeline *timeline = pb_timeline_view_get_timeline (view);
  guint row;

  g_assert_true (pb_timeline_get_item_row (timeline, pb_record_get_id (PB_RECORD (item)), &row));
  pb_timeline_view_widget_point (view, pb_timeline_x_for_day (timeline, at) + 1,
                                 pb_timeline_get_row_y (timeline, row) + PB_TIMELINE_ROW_HEIGHT / 2, x, y);
}

/* The pointer pressed on a bar, moved by steps to (@x1, @y), as a hand
 * drags; the button stays down. */
static void
press_and_drag (GtkWidget *widget,
                double     x0,
                double     x1,
                double     y)
{
  move_to (widget, x0, y);
  pb_test_settle_for (150);
  button (TRUE);
  for (int i = 1; i <= 6; i++)
    {
      move_to (widget, x0 + (x1 - x0) * i / 6, y);
      pb_test_settle_for (60);
    }
  pb_test_settle_for (300);
}

/* The pointer pressed at (@x0, @y0) and moved by steps to (@x1, @y1);
 * the button stays down. */
static void
press_and_drag_to (GtkWidget *widget,
                   double     x0,
                   double     y0,
                   double     x1,
                   double     y1)
{
  move_to (widget, x0, y0);
  pb_test_settle_for (150);
  button (TRUE);
  for (int i = 1; i <= 8; i++)
    {
      move_to (widget, x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8);
      pb_test_settle_for (60);
    }
  pb_test_settle_for (300);
}

static guint
n_ghosts (PbTimelineView *view)
{
  g_autoptr(GArray) ghosts = pb_timeline_view_dup_drag_ghosts (view, NULL);

  return ghosts->len;
}

static void
assert_item_dates (PbItem     *item,
                   const char *start,
                   const char *due)
{
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "start_date"), ==, start);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "due_date"), ==, due);
}

/* Two bars chosen with real Ctrl+clicks; a real drag of one of them
 * moves both (each shown where it goes while the button is down) as one
 * undoable command and leaves both chosen; Escape during such a drag
 * moves nothing; a click on one of them without a drag chooses it
 * alone. */
static void
test_timeline_drag_many (void)
{
  PbTimelineView *view;
  GtkWidget *w;
  g_autoptr(PbItem) a = NULL;
  g_autoptr(PbItem) b = NULL;
  g_autofree char *before = NULL;
  GDate d;
  double x0, x1, y, ya, yb;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  pb_test_settle_for (500);
  g_assert_cmpint (gtk_widget_get_width (w), >, 400);
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  pb_test_settle_for (200);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));

  a = pb_test_app_item_titled (&t, "统筹建设绿色数据中心");
  b = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  assert_item_dates (a, "2025-03-01", "2027-12-31");
  assert_item_dates (b, "2026-01-01", "2027-12-31");
  g_date_clear (&d, 1);

  /* A click on A's title, a Ctrl+click on B's. */
  bar_point (view, a, 0, &x0, &ya);
  bar_point (view, b, 0, &x0, &yb);
  move_to (w, 40, ya);
  pb_test_settle_for (100);
  button (TRUE);
  button (FALSE);
  move_to (w, 40, yb);
  pb_test_settle_for (100);
  key (GDK_KEY_Control_L, TRUE);
  button (TRUE);
  button (FALSE);
  key (GDK_KEY_Control_L, FALSE);
  pb_test_settle_for (200);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 2);
  before = pb_test_dump_store (t.store);

  /* A's bar dragged a month earlier with the button down: both bars
   * show where they go, nothing is stored yet. Both move by a calendar
   * month, the month-end due dates staying month ends. */
  g_date_set_dmy (&d, 11, G_DATE_MARCH, 2025);
  bar_point (view, a, g_date_get_julian (&d), &x0, &y);
  g_date_set_dmy (&d, 11, G_DATE_FEBRUARY, 2025);
  bar_point (view, a, g_date_get_julian (&d), &x1, &y);
  press_and_drag (w, x0, x1, y);
  g_assert_cmpuint (n_ghosts (view), ==, 2);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  button (FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-02-01", "2027-11-30");
  assert_item_dates (b, "2025-12-01", "2027-11-30");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Reschedule 2 Items");
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.redo", NULL));
  pb_test_settle_for (200);
  assert_item_dates (a, "2025-02-01", "2027-11-30");
  assert_item_dates (b, "2025-12-01", "2027-11-30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  pb_test_settle_for (200);

  /* Real Shift+Left: both a calendar month earlier, one command;
   * both stay chosen. */
  gtk_widget_grab_focus (w);
  pb_test_settle_for (100);
  key (GDK_KEY_Shift_L, TRUE);
  key (GDK_KEY_Left, TRUE);
  key (GDK_KEY_Left, FALSE);
  key (GDK_KEY_Shift_L, FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-02-01", "2027-11-30");
  assert_item_dates (b, "2025-12-01", "2027-11-30");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Reschedule 2 Items");
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  /* Escape while dragging both: nothing moves, both stay chosen. */
  press_and_drag (w, x0, x1, y);
  g_assert_cmpuint (n_ghosts (view), ==, 2);
  key (GDK_KEY_Escape, TRUE);
  key (GDK_KEY_Escape, FALSE);
  pb_test_settle_for (200);
  g_assert_cmpuint (n_ghosts (view), ==, 0);
  button (FALSE);
  pb_test_settle_for (300);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 2);

  /* A click on A's bar, no drag: A alone is chosen. */
  move_to (w, x0, y);
  pb_test_settle_for (150);
  button (TRUE);
  button (FALSE);
  pb_test_settle_for (300);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, pb_record_get_id (PB_RECORD (a)));

  /* The picture (docs/screenshots/timeline-drag-many.png): the whole
   * period, three bars chosen, dragged two months earlier. */
  {
    g_autoptr(PbItem) c = pb_test_app_item_titled (&t, "建设智慧交通基础设施");
    gint64 ids[] = { pb_record_get_id (PB_RECORD (a)), pb_record_get_id (PB_RECORD (b)), pb_record_get_id (PB_RECORD (c)) };
    AdwToast *toast;

    g_assert_true (gtk_widget_activate_action (w, "timeline.zoom-fit", NULL));
    pb_timeline_view_set_selected_items (view, ids, 3);
    pb_timeline_view_select (view, ids[0]);
    while ((toast = pb_ui_get_toast (w)))
      {
        adw_toast_dismiss (toast);
        pb_test_settle_for (100);
      }
    pb_test_settle_for (300);
    g_date_set_dmy (&d, 1, G_DATE_SEPTEMBER, 2025);
    bar_point (view, a, g_date_get_julian (&d), &x0, &y);
    g_date_set_dmy (&d, 1, G_DATE_JULY, 2025);
    bar_point (view, a, g_date_get_julian (&d), &x1, &y);
    press_and_drag (w, x0, x1, y);
    g_assert_cmpuint (n_ghosts (view), ==, 3);
    g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-drag-many.png"));
    key (GDK_KEY_Escape, TRUE);
    key (GDK_KEY_Escape, FALSE);
    button (FALSE);
    pb_test_settle_for (200);
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, before);
    }
  }

  pb_test_app_stop (&t);
}

/* The Julian day of @y-@m-@d. */
static guint32
julian (int y,
        int m,
        int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

/* Scrolls the chart so that @day is a little right of its left edge. */
static void
scroll_to_day (PbTimelineView *view,
               guint32         day)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  gtk_adjustment_set_value (h, pb_timeline_x_for_day (pb_timeline_view_get_timeline (view), day) - 30);
  pb_test_settle_for (200);
}

/* The widget x of Julian day @at on the chart, checked to be in view. */
static double
chart_x (PbTimelineView *view,
         guint32         at)
{
  double x, y, left;

  pb_timeline_view_widget_point (view, pb_timeline_x_for_day (pb_timeline_view_get_timeline (view), at), 0, &x, &y);
  pb_timeline_view_widget_point (view, gtk_adjustment_get_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view))),
                                 0, &left, &y);
  g_assert_cmpfloat (x, >=, left);
  g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (view)) - 4);
  return x;
}

static void
undo_redo (gboolean undo)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), undo ? "win.undo" : "win.redo", NULL));
  pb_test_settle_for (200);
}

/* Real Shift (and Alt) with Left or Right, on the focused chart. */
static void
shift_key (guint    arrow,
           gboolean alt)
{
  if (alt)
    key (GDK_KEY_Alt_L, TRUE);
  key (GDK_KEY_Shift_L, TRUE);
  key (arrow, TRUE);
  key (arrow, FALSE);
  key (GDK_KEY_Shift_L, FALSE);
  if (alt)
    key (GDK_KEY_Alt_L, FALSE);
  pb_test_settle_for (300);
}

/* At the Months zoom every move and resize, by the real pointer and by
 * real keys, goes by calendar months, never by weeks: a move shifts both
 * dates by whole calendar months, keeping the start's day of the month
 * (a bar from 17 March moved a month starts 17 April, as Shift+Right and
 * Shift Dates… move it) and keeping a month-end due date at a month end
 * (30 June a month on is 31 July, not 14 July); a drag of an end snaps it
 * to a month's 1st or last day. Each is one command, undone whole. */
static void
test_timeline_months_zoom (void)
{
  g_autoptr(GError) error = NULL;
  PbTimelineView *view;
  GtkWidget *w;
  g_autoptr(PbItem) a = NULL;
  g_autofree char *before = NULL;
  double x0, x1, y;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  pb_test_settle_for (500);
  g_assert_cmpint (gtk_widget_get_width (w), >, 400);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));

  a = pb_test_app_item_titled (&t, "统筹建设绿色数据中心");
  g_assert_true (pb_store_set_item_dates (t.store, a, "2025-03-17", "2025-06-30", &error));
  g_assert_no_error (error);
  pb_timeline_view_select (view, pb_record_get_id (PB_RECORD (a)));
  /* The Months zoom from the Quarters one, by a real "+". */
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  pb_test_settle_for (200);
  gtk_widget_grab_focus (w);
  pb_test_settle_for (100);
  key (GDK_KEY_plus, TRUE);
  key (GDK_KEY_plus, FALSE);
  pb_test_settle_for (300);
  g_assert_cmpint (pb_timeline_get_zoom (pb_timeline_view_get_timeline (view)), ==, PB_TIMELINE_ZOOM_MONTH);
  scroll_to_day (view, julian (2025, 3, 1));
  before = pb_test_dump_store (t.store);

  /* The bar's middle dragged 30 days later (past half a month): while
   * the button is down the bar shows a calendar month on, nothing is
   * stored; let go, both dates move a calendar month. */
  bar_point (view, a, julian (2025, 4, 10), &x0, &y);
  x0 = chart_x (view, julian (2025, 4, 10));
  x1 = chart_x (view, julian (2025, 5, 10));
  press_and_drag (w, x0, x1, y);
  {
    g_autoptr(GArray) ghosts = pb_timeline_view_dup_drag_ghosts (view, NULL);
    g_autofree char *now = pb_test_dump_store (t.store);
    PbTimelineGhost *g;

    g_assert_cmpuint (ghosts->len, ==, 1);
    g = &g_array_index (ghosts, PbTimelineGhost, 0);
    g_assert_cmpuint (g->start_day, ==, julian (2025, 4, 17));
    g_assert_cmpuint (g->due_day, ==, julian (2025, 7, 31));
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-months-drag.png"));
  button (FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-04-17", "2025-07-31");
  undo_redo (TRUE);
  assert_item_dates (a, "2025-03-17", "2025-06-30");
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  undo_redo (FALSE);
  assert_item_dates (a, "2025-04-17", "2025-07-31");
  undo_redo (TRUE);

  /* Two weeks is no month: the bar stays where it was. */
  x1 = chart_x (view, julian (2025, 4, 24));
  press_and_drag (w, x0, x1, y);
  button (FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-03-17", "2025-06-30");

  /* Dragged two months earlier: the 17th again, May's end. */
  x1 = chart_x (view, julian (2025, 4, 24));
  press_and_drag (w, x1, chart_x (view, julian (2025, 3, 1)) + 2, y);
  button (FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-01-17", "2025-04-30");
  undo_redo (TRUE);
  assert_item_dates (a, "2025-03-17", "2025-06-30");

  /* Real Shift+Right and Shift+Left agree with the drag: a calendar
   * month, the 17th kept, the month end kept. */
  gtk_widget_grab_focus (w);
  pb_test_settle_for (100);
  shift_key (GDK_KEY_Right, FALSE);
  assert_item_dates (a, "2025-04-17", "2025-07-31");
  undo_redo (TRUE);
  assert_item_dates (a, "2025-03-17", "2025-06-30");
  shift_key (GDK_KEY_Left, FALSE);
  assert_item_dates (a, "2025-02-17", "2025-05-31");
  undo_redo (TRUE);

  /* Real Alt+Shift+Right / Left: the due date a calendar month later or
   * earlier, at a month end. */
  shift_key (GDK_KEY_Right, TRUE);
  assert_item_dates (a, "2025-03-17", "2025-07-31");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Due Date");
  undo_redo (TRUE);
  shift_key (GDK_KEY_Left, TRUE);
  assert_item_dates (a, "2025-03-17", "2025-05-31");
  undo_redo (TRUE);
  assert_item_dates (a, "2025-03-17", "2025-06-30");

  /* The end dragged 20 days later: to the nearest month's end (31 July),
   * not to a week. */
  scroll_to_day (view, julian (2025, 5, 1));
  x0 = chart_x (view, julian (2025, 7, 1)) - 1;
  x1 = chart_x (view, julian (2025, 7, 21)) - 1;
  {
    PbTimelineHit hit;
    double cx, cy;

    cx = pb_timeline_x_for_day (pb_timeline_view_get_timeline (view), julian (2025, 7, 1)) - 2;
    pb_timeline_get_item_row (pb_timeline_view_get_timeline (view), pb_record_get_id (PB_RECORD (a)), &hit.row);
    cy = pb_timeline_get_row_y (pb_timeline_view_get_timeline (view), hit.row) + PB_TIMELINE_ROW_HEIGHT / 2;
    pb_timeline_hit_test (pb_timeline_view_get_timeline (view), cx, cy, &hit);
    g_assert_cmpint (hit.kind, ==, PB_TIMELINE_HIT_BAR_END);
  }
  press_and_drag (w, x0, x1, y);
  button (FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-03-17", "2025-07-31");
  undo_redo (TRUE);
  assert_item_dates (a, "2025-03-17", "2025-06-30");

  /* The start dragged 10 days earlier: to the nearest month's 1st. */
  scroll_to_day (view, julian (2025, 3, 1));
  x0 = chart_x (view, julian (2025, 3, 17)) + 1;
  x1 = chart_x (view, julian (2025, 3, 7)) + 1;
  press_and_drag (w, x0, x1, y);
  button (FALSE);
  pb_test_settle_for (300);
  assert_item_dates (a, "2025-03-01", "2025-06-30");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Start Date");
  undo_redo (TRUE);
  assert_item_dates (a, "2025-03-17", "2025-06-30");

  pb_test_app_stop (&t);
}

/* @widget as drawn now, as BGRA bytes (Cairo's order) of its size. */
static guchar *
widget_pixels (GtkWidget *widget,
               gsize     *stride)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  *stride = (gsize) w * 4;
  data = g_malloc (*stride * h);
  gdk_texture_download (texture, data, *stride);
  return data;
}

static gboolean
has_dependency (gint64 plan,
                gint64 from,
                gint64 to)
{
  g_autoptr(GListModel) deps = pb_store_list_dependencies (t.store, plan);

  for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
    {
      g_autoptr(PbRecord) dep = g_list_model_get_item (deps, i);

      if (pb_record_get_int (dep, "from_item_id") == from && pb_record_get_int (dep, "to_item_id") == to)
        return TRUE;
    }
  return FALSE;
}

/* A real Ctrl+drag from one bar to another: while the button is down, a
 * rubber band runs from where it was pressed to the pointer and the bar
 * under the pointer is outlined (the view's drag, and its pixels); the
 * release adds the dependency as one command, which Undo takes back and
 * Redo puts again. */
static void
test_timeline_link_drag (void)
{
  PbTimelineView *view;
  GtkWidget *w;
  g_autoptr(PbItem) a = NULL;
  g_autoptr(PbItem) b = NULL;
  g_autofree char *before = NULL;
  g_autofree guchar *still = NULL;
  g_autofree guchar *dragging = NULL;
  gsize stride;
  gint64 plan, from = 0, to = 0, a_id, b_id;
  guint32 start, due;
  GDate d;
  double x0, x1, ya, yb, lw;
  guint band = 0, outline = 0;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  pb_test_settle_for (500);
  g_assert_true (gtk_widget_activate_action (w, "timeline.zoom-fit", NULL));
  pb_test_settle_for (300);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  plan = pb_window_get_selected_plan (t.window);
  a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  b = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  a_id = pb_record_get_id (PB_RECORD (a));
  b_id = pb_record_get_id (PB_RECORD (b));
  g_assert_false (has_dependency (plan, a_id, b_id));
  before = pb_test_dump_store (t.store);

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, G_DATE_JUNE, 2025);
  bar_point (view, a, g_date_get_julian (&d), &x0, &ya);
  g_date_set_dmy (&d, 1, G_DATE_AUGUST, 2026);
  bar_point (view, b, g_date_get_julian (&d), &x1, &yb);
  lw = pb_timeline_get_label_width (pb_timeline_view_get_timeline (view));
  g_assert_cmpfloat (x0, >, lw);
  g_assert_cmpfloat (x1, <, gtk_widget_get_width (w));
  g_assert_cmpfloat (yb, <, gtk_widget_get_height (w));
  move_to (w, x0, ya);
  pb_test_settle_for (200);
  still = widget_pixels (w, &stride);

  /* Ctrl held, pressed on A's bar and dragged to B's. */
  key (GDK_KEY_Control_L, TRUE);
  press_and_drag_to (w, x0, ya, x1, yb);
  g_assert_true (pb_timeline_view_drag_preview (view, &from, &start, &due, &to));
  g_assert_cmpint (from, ==, a_id);
  g_assert_cmpint (to, ==, b_id);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  dragging = widget_pixels (w, &stride);
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-link-drag.png"));
  /* The band: blue pixels along the line from the press to the pointer
   * (dashed: some steps fall in its gaps). */
  for (int i = 10; i <= 90; i++)
    {
      int px = (int) (x0 + (x1 - x0) * i / 100.0), py = (int) (ya + (yb - ya) * i / 100.0);
      const guchar *now = dragging + py * stride + px * 4, *was = still + py * stride + px * 4;

      if (memcmp (now, was, 3) != 0 && now[0] > now[2] + 60)
        band++;
    }
  g_test_message ("rubber band: %u of 81 points", band);
  g_assert_cmpuint (band, >=, 30);
  /* B's row outlined, the length of the chart; A's not. */
  for (int px = (int) lw + 3; px < gtk_widget_get_width (w) - 3; px += 7)
    {
      const guchar *now = dragging + (int) (yb - PB_TIMELINE_ROW_HEIGHT / 2 + 1) * stride + px * 4;
      const guchar *was = still + (int) (yb - PB_TIMELINE_ROW_HEIGHT / 2 + 1) * stride + px * 4;

      if (memcmp (now, was, 3) != 0 && now[0] > now[2] + 60)
        outline++;
    }
  g_test_message ("outline: %u points", outline);
  g_assert_cmpuint (outline, >=, (gtk_widget_get_width (w) - lw - 6) / 7 - 2);

  button (FALSE);
  key (GDK_KEY_Control_L, FALSE);
  pb_test_settle_for (300);
  g_assert_false (pb_timeline_view_drag_preview (view, &from, &start, &due, &to));
  g_assert_true (has_dependency (plan, a_id, b_id));
  g_assert_cmpuint (pb_timeline_get_dependency_path (pb_timeline_view_get_timeline (view), a_id, b_id,
                                                     (double[12]) { 0 }), >, 0);
  g_assert_true (g_str_has_prefix (pb_store_get_undo_label (t.store), "Make "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  pb_test_settle_for (200);
  g_assert_false (has_dependency (plan, a_id, b_id));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.redo", NULL));
  pb_test_settle_for (200);
  g_assert_true (has_dependency (plan, a_id, b_id));

  pb_test_app_stop (&t);
}

/* Chart point (@cx, @cy) of @view, scrolled into view (rows only: not
 * under the scale, nor the window's bottom), as a widget point. */
static void
chart_point_in_view (PbTimelineView *view,
                     double          cx,
                     double          cy,
                     double         *x,
                     double         *y)
{
  GtkWidget *w = GTK_WIDGET (view);

  pb_timeline_view_widget_point (view, cx, cy, x, y);
  if (*y < PB_TIMELINE_HEADER_HEIGHT + 20 || *y > gtk_widget_get_height (w) - 80)
    {
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), cy - 200);
      pb_test_settle_for (200);
      pb_timeline_view_widget_point (view, cx, cy, x, y);
    }
  g_assert_cmpfloat (*y, >, PB_TIMELINE_HEADER_HEIGHT + 10);
  g_assert_cmpfloat (*y, <, gtk_widget_get_height (w) - 40);
  g_assert_cmpfloat (*x, >, pb_timeline_get_label_width (pb_timeline_view_get_timeline (view)));
  g_assert_cmpfloat (*x, <, gtk_widget_get_width (w) - 10);
}

/* A chart point on @item's row with nothing within 12 px of it: no bar,
 * target or arrow; in the part of the chart in view. */
static void
empty_chart_point (PbTimelineView *view,
                   PbItem         *item,
                   double         *cx,
                   double         *cy)
{
  PbTimeline *timeline = pb_timeline_view_get_timeline (view);
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  double left = gtk_adjustment_get_value (h), page = gtk_adjustment_get_page_size (h);
  guint row;

  g_assert_true (pb_timeline_get_item_row (timeline, pb_record_get_id (PB_RECORD (item)), &row));
  *cy = pb_timeline_get_row_y (timeline, row) + PB_TIMELINE_ROW_HEIGHT / 2;
  for (double x = left + page - 30; x > left + 30; x -= 4)
    {
      gboolean empty = TRUE;

      for (double dx = -12; empty && dx <= 12; dx += 2)
        for (double dy = -8; empty && dy <= 8; dy += 4)
          {
            PbTimelineHit hit;

            pb_timeline_hit_test (timeline, x + dx, *cy + dy, &hit);
            empty = hit.kind == PB_TIMELINE_HIT_NONE;
          }
      if (empty)
        {
          *cx = x;
          return;
        }
    }
  g_assert_not_reached ();
}

/* A real click at a widget point, then time enough that the next is no
 * double click. */
static void
click_at (GtkWidget      *widget,
          double          x,
          double          y,
          GdkModifierType mods)
{
  pb_test_x_click_at (widget, x, y, 1, mods);
  pb_test_settle_for (500);
}

/* Finding 14: a click on the chart's empty space chooses nothing, so that
 * Delete then deletes nothing (not the bar chosen before, far away, nor
 * the row's item, nor the item open in the editor); Ctrl or Shift keeps
 * what is chosen. A chosen bar scrolled out of view is deleted by Delete
 * with a toast that names it, and Undo brings it back. */
static void
test_timeline_click_empty (void)
{
  PbTimelineView *view;
  GtkWidget *w, *editor;
  g_autoptr(PbItem) a = NULL;
  g_autoptr(PbItem) e = NULL;
  g_autoptr(PbItem) last = NULL;
  g_autofree char *before = NULL;
  AdwToast *toast;
  gint64 plan, a_id;
  double x, y, ex, ey, cx, cy;
  guint n;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  pb_test_settle_for (500);
  g_assert_true (gtk_widget_activate_action (w, "timeline.zoom-fit", NULL));
  pb_test_settle_for (300);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  plan = pb_window_get_selected_plan (t.window);
  n = pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan);
  a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  a_id = pb_record_get_id (PB_RECORD (a));
  /* 2025-01-01 → 2026-06-30: the chart is empty after it on its row. */
  e = pb_test_app_item_titled (&t, "建设智慧能源网络");
  before = pb_test_dump_store (t.store);

  /* A's bar chosen with a click; then a click on empty chart, on E's row. */
  bar_point (view, a, julian (2025, 7, 1), &x, &y);
  click_at (w, x, y, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a_id);
  empty_chart_point (view, e, &cx, &cy);
  chart_point_in_view (view, cx, cy, &ex, &ey);
  bar_point (view, a, julian (2025, 7, 1), &x, &y);
  g_assert_cmpfloat (y, >, PB_TIMELINE_HEADER_HEIGHT);
  click_at (w, ex, ey, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, 0);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 0);
  g_assert_false (pb_timeline_view_get_selected_dependency (view, NULL, NULL));
  /* Delete: nothing goes. */
  pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_Delete, 0);
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  /* Ctrl+click and Shift+click on empty chart keep the chosen bar. */
  click_at (w, x, y, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a_id);
  click_at (w, ex, ey, GDK_CONTROL_MASK);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a_id);
  click_at (w, ex, ey, GDK_SHIFT_MASK);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, a_id);

  /* Finding 7: A and E chosen (Ctrl+click), then a click on a section's
   * header: the header is chosen, the bars are not, and Delete deletes
   * neither of them, nor anything else. */
  click_at (w, x, y, 0);
  {
    PbTimeline *timeline = pb_timeline_view_get_timeline (view);
    double e_x, e_y, hx, hy;
    guint row, header = 0;

    bar_point (view, e, julian (2025, 7, 1), &e_x, &e_y);
    click_at (w, e_x, e_y, GDK_CONTROL_MASK);
    g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 2);
    g_assert_true (pb_timeline_get_item_row (timeline, pb_record_get_id (PB_RECORD (e)), &row));
    for (guint r = row + 1; r < pb_timeline_get_n_rows (timeline) && header == 0; r++)
      if (pb_timeline_get_row_item (timeline, r) == 0)
        header = r;
    g_assert_cmpuint (header, >, 0);
    /* Out from under the bulk bar the two chosen bring up. */
    gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)),
                              pb_timeline_get_row_y (timeline, header) - 200);
    pb_test_settle_for (200);
    pb_timeline_view_widget_point (view, 0, pb_timeline_get_row_y (timeline, header) + PB_TIMELINE_SECTION_HEIGHT / 2,
                                   &hx, &hy);
    g_assert_cmpfloat (hy, >, PB_TIMELINE_HEADER_HEIGHT);
    g_assert_cmpfloat (hy, <, gtk_widget_get_height (w));
    /* On its title, not its fold arrow nor its "⋯". */
    click_at (w, pb_timeline_get_row_label_x (timeline, header) + 24, hy, 0);
    g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 0);
    g_assert_cmpint (pb_timeline_view_get_selected (view), ==, 0);
    pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_Delete, 0);
    pb_test_settle_for (200);
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_cmpstr (now, ==, before);
    }
    g_assert_false (pb_record_is_deleted (PB_RECORD (a)));
    g_assert_false (pb_record_is_deleted (PB_RECORD (e)));
    gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0);
    pb_test_settle_for (200);
    bar_point (view, a, julian (2025, 7, 1), &x, &y);
    click_at (w, x, y, 0);
  }

  /* A open in the editor beside the chart (Return): a click on empty
   * chart, then Delete, deletes nothing either, not the item open. */
  pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_Return, 0);
  pb_test_settle_for (500);
  editor = pb_window_get_editor (t.window);
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) == a);
  /* (The chart is narrower beside the editor.) */
  empty_chart_point (view, e, &cx, &cy);
  chart_point_in_view (view, cx, cy, &ex, &ey);
  click_at (w, ex, ey, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, 0);
  g_assert_true (gtk_widget_has_focus (w));
  pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_Delete, 0);
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) == a);
  gtk_widget_activate_action (GTK_WIDGET (t.window), "win.close-editor", NULL);
  pb_test_settle_for (500);

  /* The last bar chosen, then scrolled out of view: Delete deletes it,
   * and the toast names it, with Undo. */
  last = pb_test_app_item_titled (&t, "保障用地和用能");
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 1e6);
  pb_test_settle_for (200);
  bar_point (view, last, julian (2025, 7, 1), &x, &y);
  click_at (w, x, y, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, pb_record_get_id (PB_RECORD (last)));
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)), 0);
  pb_test_settle_for (200);
  bar_point (view, last, julian (2025, 7, 1), &x, &y);
  g_assert_cmpfloat (y - PB_TIMELINE_ROW_HEIGHT / 2, >, gtk_widget_get_height (w));
  pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_Delete, 0);
  pb_test_settle_for (200);
  g_assert_true (pb_record_is_deleted (PB_RECORD (last)));
  g_assert_cmpuint (pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan), ==, n - 1);
  toast = pb_ui_get_toast (w);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted (三) 保障用地和用能");
  pb_test_assert_undo_toast (toast, t.store);
  undo_redo (TRUE);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  pb_test_app_stop (&t);
}

/* Finding 14: a click 2 px beside a dependency's arrow chooses it (here
 * where it crosses a section's header, which took such a click before),
 * and it alone: the bar chosen before is not any more. Delete removes the
 * dependency and nothing else, saying so with Undo; Undo brings it back. */
static void
test_timeline_dependency_click (void)
{
  PbTimelineView *view;
  PbTimeline *timeline;
  GtkWidget *w;
  g_autoptr(PbItem) a = NULL;
  g_autoptr(PbItem) from = NULL;
  g_autoptr(PbItem) to = NULL;
  g_autofree char *before = NULL;
  AdwToast *toast;
  gint64 plan, from_id, to_id, chosen_from = 0, chosen_to = 0;
  double pt[12], x, y, cx = -1, cy = -1;
  guint n, n_pts;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  pb_test_settle_for (500);
  g_assert_true (gtk_widget_activate_action (w, "timeline.zoom-fit", NULL));
  pb_test_settle_for (300);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  plan = pb_window_get_selected_plan (t.window);
  n = pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan);
  a = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  /* The example's dependency: 12 starts after 3, two sections below. */
  from = pb_test_app_item_titled (&t, "统筹建设绿色数据中心");
  to = pb_test_app_item_titled (&t, "建设算力调度平台");
  from_id = pb_record_get_id (PB_RECORD (from));
  to_id = pb_record_get_id (PB_RECORD (to));
  g_assert_true (has_dependency (plan, from_id, to_id));
  before = pb_test_dump_store (t.store);

  /* Where its down leg crosses a section's header, 2 px right of it. */
  timeline = pb_timeline_view_get_timeline (view);
  n_pts = pb_timeline_get_dependency_path (timeline, from_id, to_id, pt);
  g_assert_cmpuint (n_pts, >=, 4);
  for (guint s = 0; cy < 0 && s + 1 < n_pts; s++)
    {
      double y0 = MIN (pt[2 * s + 1], pt[2 * s + 3]), y1 = MAX (pt[2 * s + 1], pt[2 * s + 3]);

      if (pt[2 * s] != pt[2 * s + 2])
        continue;
      for (guint r = 0; r < pb_timeline_get_n_rows (timeline); r++)
        {
          double mid = pb_timeline_get_row_y (timeline, r) + PB_TIMELINE_SECTION_HEIGHT / 2;

          if (pb_timeline_get_row_item (timeline, r) == 0 && mid > y0 + 4 && mid < y1 - 4)
            {
              cx = pt[2 * s] + 2;
              cy = mid;
              break;
            }
        }
    }
  g_assert_cmpfloat (cy, >, 0);

  /* A's bar chosen first. */
  bar_point (view, a, julian (2025, 7, 1), &x, &y);
  click_at (w, x, y, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, pb_record_get_id (PB_RECORD (a)));

  chart_point_in_view (view, cx, cy, &x, &y);
  click_at (w, x, y, 0);
  g_assert_true (pb_timeline_view_get_selected_dependency (view, &chosen_from, &chosen_to));
  g_assert_cmpint (chosen_from, ==, from_id);
  g_assert_cmpint (chosen_to, ==, to_id);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, 0);
  g_assert_cmpuint (pb_timeline_view_get_n_selected (view), ==, 0);
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-dependency-chosen.png"));

  /* Delete: the dependency goes, every item stays; the toast says which,
   * with Undo. */
  pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_Delete, 0);
  pb_test_settle_for (200);
  g_assert_false (has_dependency (plan, from_id, to_id));
  g_assert_cmpuint (pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan), ==, n);
  g_assert_false (pb_timeline_view_get_selected_dependency (view, NULL, NULL));
  toast = pb_ui_get_toast (w);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted the dependency: 12 建设算力调度平台 starts after 3 统筹建设绿色数据中心");
  pb_test_assert_undo_toast (toast, t.store);

  /* Undo (Ctrl+Z): back, and the store as it was. */
  pb_test_x_press_in (GTK_WIDGET (t.window), GDK_KEY_z, GDK_CONTROL_MASK);
  pb_test_settle_for (200);
  g_assert_true (has_dependency (plan, from_id, to_id));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }

  pb_test_app_stop (&t);
}

/* The first drawn widget under @root whose tooltip is @text. */
static GtkWidget *
drawn_with_tooltip (GtkWidget  *root,
                    const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (gtk_widget_is_drawable (c) && g_strcmp0 (gtk_widget_get_tooltip_text (c), text) == 0)
        return c;
      if ((found = drawn_with_tooltip (c, text)))
        return found;
    }
  return NULL;
}

static guint
n_plans (void)
{
  g_autoptr(GListModel) plans = pb_store_list_plans (t.store);

  return g_list_model_get_n_items (plans);
}

/* The first drawn button under @root that activates @action. */
static GtkWidget *
drawn_button_for (GtkWidget  *root,
                  const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && gtk_widget_is_drawable (c) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      if ((found = drawn_button_for (c, action)))
        return found;
    }
  return NULL;
}

/* Import Plan… clicked in the header, a pasted plan reviewed, Create Plan
 * clicked: the plan is in the list of plans and shown. The header's Undo
 * button, clicked, takes it away (gone from the list); its Redo brings it
 * back. */
static void
test_import_create_undo (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "work-plan.txt", NULL);
  g_autofree char *text = NULL;
  const char *title = "青川市2023年数字经济发展工作要点";
  GListModel *toplevels = gtk_window_get_toplevels ();
  PbImportWindow *import = NULL;
  GtkWidget *button, *create;
  g_autofree char *before = NULL;
  gint64 end;
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  pb_test_app_start (&t);
  pb_test_settle_for (300);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  n = n_plans ();
  before = pb_test_dump_store (t.store);
  g_assert_null (find_drawn_label (GTK_WIDGET (t.window), title));

  button = drawn_with_tooltip (GTK_WIDGET (t.window), "Import Plan…");
  g_assert_nonnull (button);
  point_at (button);
  click ();
  pb_test_settle_for (300);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (PB_IS_IMPORT_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        import = PB_IMPORT_WINDOW (w);
    }
  g_assert_nonnull (import);
  pb_import_window_read_text (import, text);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_str_equal (pb_import_window_get_page (import), "review") && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (pb_import_window_get_page (import), ==, "review");
  pb_test_settle_for (400);

  create = drawn_button_for (GTK_WIDGET (import), "import.create");
  g_assert_nonnull (create);
  point_at (create);
  click ();
  pb_test_settle_for (500);
  g_assert_cmpuint (n_plans (), ==, n + 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Import plan");
  g_assert_nonnull (find_drawn_label (GTK_WIDGET (t.window), title));

  /* The header's Undo, clicked: the plan is gone, from the list too. */
  button = drawn_button_for (GTK_WIDGET (t.window), "win.undo");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Undo Import plan");
  point_at (button);
  click ();
  pb_test_settle_for (400);
  /* It takes the whole plan away: asked first, Cancel keeps it. */
  pb_test_answer_question ("Undo “Import plan”?", "cancel");
  g_assert_cmpuint (n_plans (), ==, n + 1);
  point_at (button);
  click ();
  pb_test_settle_for (400);
  pb_test_answer_question ("Undo “Import plan”?", "go");
  pb_test_settle_for (300);
  g_assert_cmpuint (n_plans (), ==, n);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_null (find_drawn_label (GTK_WIDGET (t.window), title));

  /* Its Redo, clicked: back. */
  button = drawn_button_for (GTK_WIDGET (t.window), "win.redo");
  g_assert_nonnull (button);
  point_at (button);
  click ();
  pb_test_settle_for (400);
  g_assert_cmpuint (n_plans (), ==, n + 1);
  g_assert_nonnull (find_drawn_label (GTK_WIDGET (t.window), title));

  pb_test_app_stop (&t);
}

/* The item editor's menu → Delete, clicked with the real pointer: the
 * item goes, the editor closes, and a toast names what went and offers
 * Undo, which brings it back; Redo takes it again. */
static void
test_editor_menu_delete (void)
{
  GtkWidget *editor, *menu_button, *popover, *entry;
  g_autoptr(PbItem) item = NULL;
  g_autofree char *before = NULL;
  AdwToast *toast;
  gint64 plan;
  guint n;

  pb_test_app_start (&t);
  pb_test_settle_for (300);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  plan = pb_window_get_selected_plan (t.window);
  n = pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan);
  item = pb_test_app_item_titled (&t, "加快5G网络规模化部署");
  pb_window_open_editor (t.window, item);
  pb_test_settle_for (400);
  editor = pb_window_get_editor (t.window);
  g_assert_true (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)) == item);
  before = pb_test_dump_store (t.store);

  menu_button = drawn_with_tooltip (editor, "Item Menu");
  g_assert_nonnull (menu_button);
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  point_at (menu_button);
  click ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  /* Named for what it deletes: "Delete" beside the Delete key read twice. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint deletes = 0;

    pb_test_collect (popover, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      if (gtk_widget_is_drawable (labels->pdata[i]) &&
          g_str_equal (gtk_label_get_text (labels->pdata[i]), "Delete"))
        deletes++;
    g_assert_cmpuint (deletes, <=, 1);
  }
  entry = find_drawn_label (popover, "Delete Item");
  g_assert_nonnull (entry);
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "editor-menu.png"));
  point_at (entry);
  click ();
  pb_test_settle_for (300);

  g_assert_true (pb_record_is_deleted (PB_RECORD (item)));
  g_assert_cmpuint (pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan), ==, n - 1);
  g_assert_null (pb_item_editor_get_item (PB_ITEM_EDITOR (editor)));
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Delete Item");
  toast = pb_ui_get_undo_toast (pb_window_get_board (t.window));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Deleted 1 加快5G网络规模化部署");
  pb_test_assert_undo_toast (toast, t.store);

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (t.window), adw_toast_get_action_name (toast),
                                                 adw_toast_get_action_target_value (toast)));
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.redo", NULL));
  pb_test_settle_for (200);
  g_assert_cmpuint (pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan), ==, n - 1);

  pb_test_app_stop (&t);
}

/* "Add Item" in the main menu, as a planner reaches it: the real pointer
 * opens the menu and clicks the item in its popover (not the action
 * behind it). A new item, numbered next, open in the editor; one command,
 * undone and redone. */
static void
test_menu_add_item (void)
{
  GtkWidget *menu_button, *popover, *entry;
  PbItemEditor *editor;
  PbItem *item;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 plan;
  guint n;

  pb_test_app_start (&t);
  pb_test_settle_for (300);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  plan = pb_window_get_selected_plan (t.window);
  n = pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan);
  before = pb_test_dump_store (t.store);

  menu_button = drawn_with_tooltip (GTK_WIDGET (t.window), "Main Menu");
  g_assert_nonnull (menu_button);
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  point_at (menu_button);
  click ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  entry = find_drawn_label (popover, "Add Item");
  g_assert_nonnull (entry);
  /* Nothing yet: the menu is only open. */
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  point_at (entry);
  click ();
  pb_test_settle_for (300);

  g_assert_false (gtk_widget_get_mapped (popover));
  g_assert_cmpuint (pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan), ==, n + 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Item");
  editor = PB_ITEM_EDITOR (pb_window_get_editor (t.window));
  item = pb_item_editor_get_item (editor);
  g_assert_nonnull (item);
  /* Nothing chosen: the first column in view, the example's (一) 指导思想,
   * empty and before the plan's tasks 1–13: a task, numbered 1 as its
   * place is, the tasks after it counting on 2–14 (issue 14, finding 3). */
  {
    PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
    g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, pb_item_get_section_id (item));

    g_assert_cmpstr (key, ==, pb_board_view_get_column_key (board, 0));
  }
  g_assert_cmpint (pb_item_get_kind (item), ==, PB_ITEM_KIND_TASK);
  g_assert_cmpstr (pb_item_get_number (item), ==, "1");
  {
    g_autoptr(PbItem) was_first = pb_test_app_item_titled (&t, "加快5G网络规模化部署");

    g_assert_cmpstr (pb_item_get_number (was_first), ==, "2");
  }
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "due_date"), ==, "2027-12-31");
  after = pb_test_dump_store (t.store);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.undo", NULL));
  pb_test_settle_for (200);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.redo", NULL));
  pb_test_settle_for (200);
  g_assert_cmpuint (pb_store_count (t.store, PB_TYPE_ITEM, "plan_id", plan), ==, n + 1);

  pb_test_app_stop (&t);
}


/* A click on a column's "+" puts its tooltip away: "Add Item" does not
 * stay over the first card while the editor opens, nor come back while
 * the pointer stays on the button (even moving on it); it comes again
 * once the pointer has left the button and returned. */
static void
test_click_hides_tooltip (void)
{
  GtkWidget *add;
  const char *shown;
  int w, h;

  pb_test_app_start (&t);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (pb_window_get_board (t.window),
                                                                                  ADW_TYPE_VIEW_STACK)),
                                         "board");
  pb_test_settle_for (500);
  pb_test_x_raise (GTK_WIDGET (t.window));
  add = drawn_with_tooltip (pb_window_get_board (t.window), "Add Item");
  g_assert_true (GTK_IS_BUTTON (add));
  w = gtk_widget_get_width (add);
  h = gtk_widget_get_height (add);

  /* The pointer rests on it: its tooltip. */
  move_to (add, w / 2 + 6, h / 2);
  pb_test_settle_for (100);
  move_to (add, w / 2, h / 2);
  pb_test_settle_for (1200);
  shown = tooltip_shown ();
  g_assert_cmpstr (shown, ==, "Add Item");

  /* Clicked: the editor opens on a new item, and no tooltip shows,
   * however long the pointer rests or moves on the button. */
  click ();
  g_assert_nonnull (pb_item_editor_get_item (PB_ITEM_EDITOR (pb_window_get_editor (t.window))));
  pb_test_settle_for (1500);
  g_assert_null (tooltip_shown ());
  move_to (add, w / 2 + 2, h / 2 + 1);
  pb_test_settle_for (1200);
  g_assert_null (tooltip_shown ());

  /* Out and back: it comes again. */
  move_to (add, w / 2, h + 40);
  pb_test_settle_for (300);
  move_to (add, w / 2, h / 2);
  pb_test_settle_for (1200);
  g_assert_cmpstr (tooltip_shown (), ==, "Add Item");

  pb_test_app_stop (&t);
}

/* The Julian day at widget x @x of the chart. */
static guint32
day_at (PbTimelineView *view,
        double          x)
{
  double origin, y;

  pb_timeline_view_widget_point (view, 0, 0, &origin, &y);
  return pb_timeline_day_for_x (pb_timeline_view_get_timeline (view), x - origin);
}

static void
scroll_up_with_ctrl (void)
{
  key (GDK_KEY_Control_L, TRUE);
  pb_test_x_button (4, TRUE);
  pb_test_x_button (4, FALSE);
  pb_test_settle_for (150);
  key (GDK_KEY_Control_L, FALSE);
  pb_test_settle_for (300);
}

/* Issue 14: with the pointer on today's line of a plan shown whole at
 * the year zoom (and a bar chosen whose start shows), each real
 * Ctrl+scroll up zooms in and keeps the day under the pointer under it,
 * down to the week zoom, instead of going back to the plan's first
 * days. From the keyboard with nothing chosen, a zoom brings today's
 * line into view. */
static void
test_timeline_zoom_at_pointer (void)
{
  PbTimelineView *view;
  GtkWidget *w;
  GtkAdjustment *h;
  g_autoptr(PbItem) a = NULL;
  GDate today;
  guint32 day;
  double xt, y, x, page, lw;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  pb_timeline_view_set_today (view, &today);
  pb_test_settle_for (500);
  g_assert_cmpint (gtk_widget_get_width (w), >, 400);
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_YEAR);
  pb_test_settle_for (200);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);

  /* A bar chosen whose start shows: the pointer still wins. */
  a = pb_test_app_item_titled (&t, "统筹建设绿色数据中心");
  pb_timeline_view_select (view, pb_record_get_id (PB_RECORD (a)));
  pb_test_settle_for (200);

  pb_timeline_view_widget_point (view, pb_timeline_x_for_day (pb_timeline_view_get_timeline (view),
                                                              g_date_get_julian (&today)),
                                 0, &xt, &y);
  y = gtk_widget_get_height (w) / 2.0;
  move_to (w, xt + 8, y);
  pb_test_settle_for (100);
  move_to (w, xt, y);
  pb_test_settle_for (300);
  day = day_at (view, xt);
  g_assert_cmpint (ABS ((gint64) day - (gint64) g_date_get_julian (&today)), <=, 3);

  for (PbTimelineZoom zoom = PB_TIMELINE_ZOOM_QUARTER; zoom <= PB_TIMELINE_ZOOM_WEEK; zoom++)
    {
      guint32 now;

      scroll_up_with_ctrl ();
      g_assert_cmpint (pb_timeline_get_zoom (pb_timeline_view_get_timeline (view)), ==, zoom);
      now = day_at (view, xt);
      g_test_message ("zoom %d: day under the pointer %u (was %u), scrolled to %.0f", zoom, now, day,
                      gtk_adjustment_get_value (h));
      /* Within the old zoom's day at that pixel (a year-zoom pixel is
       * several days wide), and a day at the week zoom. */
      g_assert_cmpint (ABS ((gint64) now - (gint64) day), <=, zoom == PB_TIMELINE_ZOOM_QUARTER ? 3 : 1);
      day = now;
    }
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-zoom-at-pointer.png"));

  /* From the keyboard, nothing chosen, today out of view at the month
   * zoom: zooming in brings today's line into view. */
  pb_timeline_view_select (view, 0);
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_MONTH);
  pb_test_settle_for (200);
  gtk_adjustment_set_value (h, 0);
  pb_test_settle_for (200);
  pb_timeline_view_widget_point (view, 0, 0, &lw, &y);
  page = gtk_adjustment_get_page_size (h);
  x = pb_timeline_x_for_day (pb_timeline_view_get_timeline (view), g_date_get_julian (&today));
  g_assert_cmpfloat (x, >, page);
  g_assert_true (gtk_widget_activate_action (w, "timeline.zoom-in", NULL));
  pb_test_settle_for (300);
  g_assert_cmpint (pb_timeline_get_zoom (pb_timeline_view_get_timeline (view)), ==, PB_TIMELINE_ZOOM_WEEK);
  x = pb_timeline_x_for_day (pb_timeline_view_get_timeline (view), g_date_get_julian (&today));
  g_assert_cmpfloat (x, >=, gtk_adjustment_get_value (h));
  g_assert_cmpfloat (x, <=, gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h));

  pb_test_app_stop (&t);
}

/* Finding 13: a task due on the day its target falls due (most of a
 * plan's tasks: due 2027-12-31 with a 2027 target) is drawn to its real
 * end, the target's label beside the diamond, not on a plate over the
 * bar's last months, also where the view ends just after the bar (the
 * label then waits for a scroll to show it whole, never moves left over
 * the bar). The pixels of the bar run to its due date; there the pointer
 * shows the resize cursor; a real drag from where the bar visibly ends
 * changes its due date only, as one command. */
static void
test_timeline_end_label_drag (void)
{
  PbTimelineView *view;
  PbTimeline *tl;
  GtkWidget *w;
  GtkAdjustment *h;
  g_autoptr(PbItem) a = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *start = NULL;
  g_autofree char *due = NULL;
  gsize stride;
  GDate today;
  guint32 s, d;
  guint row, i;
  double x1, y, xin, end;
  const guchar *sample;
  gboolean labelled = FALSE;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  pb_timeline_view_set_today (view, &today);
  pb_test_settle_for (500);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  tl = pb_timeline_view_get_timeline (view);
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  /* 4 建设城市物联感知体系: not started (its bar all track), due on the
   * day of its 2027 target "500,000个" (50万个 in Chinese). */
  a = pb_test_app_item_titled (&t, "建设城市物联感知体系");
  start = g_strdup (pb_record_get_string (PB_RECORD (a), "start_date"));
  due = g_strdup (pb_record_get_string (PB_RECORD (a), "due_date"));
  g_assert_cmpstr (due, ==, "2027-12-31");
  g_assert_true (pb_timeline_get_item_dates (tl, pb_record_get_id (PB_RECORD (a)), &s, &d));
  g_assert_true (pb_timeline_get_item_row (tl, pb_record_get_id (PB_RECORD (a)), &row));
  for (i = 0; i < pb_timeline_get_n_milestones (tl); i++)
    labelled |= g_strcmp0 (pb_timeline_get_milestone_label (tl, i), "500,000个") == 0;
  g_assert_true (labelled);

  /* At the Quarters zoom, scrolled so that the bar ends 40 px before the
   * view's right edge: no room for the label right of the diamond. */
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  pb_test_settle_for (200);
  gtk_adjustment_set_value (h, pb_timeline_x_for_day (tl, d + 1) + 40 - gtk_adjustment_get_page_size (h));
  pb_test_settle_for (300);
  bar_point (view, a, d + 1, &x1, &y);
  x1 -= 1;
  g_assert_cmpfloat (x1, <, gtk_widget_get_width (w) - 30);

  /* The bar's pixels, along its middle, from four months before its end
   * (after today's line) to where they stop. */
  pixels = widget_pixels (w, &stride);
  bar_point (view, a, d - 120, &xin, &y);
  sample = pixels + (gsize) y * stride + (gsize) xin * 4;
  for (end = xin; end < gtk_widget_get_width (w); end++)
    {
      const guchar *px = pixels + (gsize) y * stride + (gsize) end * 4;

      if (ABS (px[0] - sample[0]) > 8 || ABS (px[1] - sample[1]) > 8 || ABS (px[2] - sample[2]) > 8)
        break;
    }
  g_test_message ("the bar ends at x %.0f; drawn to x %.0f", x1, end);
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-end-label.png"));
  /* To its due date: to the diamond drawn there, 6 px either side of it
   * (the old label's plate stopped it some 70 px before). */
  g_assert_cmpfloat (end, >=, x1 - 8);

  /* There, the resize cursor. */
  move_to (w, end - 3, y + 4);
  pb_test_settle_for (100);
  move_to (w, end - 2, y);
  pb_test_settle_for (200);
  g_assert_nonnull (gtk_widget_get_cursor (w));
  g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (w)), ==, "ew-resize");

  /* A drag from there three months earlier: the due date alone moves. */
  press_and_drag (w, end - 2, end - 2 - 92 * 2.0, y);
  button (FALSE);
  pb_test_settle_for (300);
  g_test_message ("after the drag: %s to %s", pb_record_get_string (PB_RECORD (a), "start_date"),
                  pb_record_get_string (PB_RECORD (a), "due_date"));
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "start_date"), ==, start);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "due_date"), ==, "2027-09-30");
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Due Date");
  undo_redo (TRUE);
  assert_item_dates (a, start, due);

  pb_test_app_stop (&t);
}

/* Finding 16: the whole plan shown at the year zoom, a bar chosen that
 * runs from the plan's first day across today's line: each real "+"
 * keeps today's line where it was on screen, on the chosen bar, instead
 * of going back to the plan's first days with the bar's start. */
static void
test_timeline_zoom_keeps_chosen (void)
{
  PbTimelineView *view;
  PbTimeline *tl;
  GtkWidget *w;
  GtkAdjustment *h;
  g_autoptr(PbItem) a = NULL;
  GDate today;
  guint32 s, d, now;
  double xt, y, x, bx;

  pb_test_app_start (&t);
  view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  w = GTK_WIDGET (view);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (w, ADW_TYPE_VIEW_STACK)),
                                         "timeline");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
  pb_timeline_view_set_today (view, &today);
  now = g_date_get_julian (&today);
  pb_test_settle_for (500);
  pb_test_x_raise (GTK_WIDGET (t.window));
  pb_test_x_focus (GTK_WIDGET (t.window));
  g_assert_true (gtk_widget_activate_action (w, "timeline.zoom-fit", NULL));
  pb_test_settle_for (300);
  tl = pb_timeline_view_get_timeline (view);
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  g_assert_cmpint (pb_timeline_get_zoom (tl), ==, PB_TIMELINE_ZOOM_YEAR);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);

  /* 9 发展智慧教育和智慧医疗, 2025-01-01 to 2027-12-31, chosen by a real
   * click on its bar. */
  a = pb_test_app_item_titled (&t, "发展智慧教育和智慧医疗");
  g_assert_true (pb_timeline_get_item_dates (tl, pb_record_get_id (PB_RECORD (a)), &s, &d));
  g_assert_cmpuint (s, ==, julian (2025, 1, 1));
  g_assert_cmpuint (d, >, now);
  bar_point (view, a, julian (2026, 3, 1), &bx, &y);
  click_at (w, bx, y, 0);
  g_assert_cmpint (pb_timeline_view_get_selected (view), ==, pb_record_get_id (PB_RECORD (a)));
  pb_timeline_view_widget_point (view, pb_timeline_x_for_day (tl, now), 0, &xt, &x);

  for (PbTimelineZoom zoom = PB_TIMELINE_ZOOM_QUARTER; zoom <= PB_TIMELINE_ZOOM_WEEK; zoom++)
    {
      key (GDK_KEY_plus, TRUE);
      key (GDK_KEY_plus, FALSE);
      pb_test_settle_for (300);
      g_assert_cmpint (pb_timeline_get_zoom (tl), ==, zoom);
      pb_timeline_view_widget_point (view, pb_timeline_x_for_day (tl, now), 0, &x, &y);
      g_test_message ("zoom %d: today's line at x %.1f (was %.1f), scrolled to %.0f", zoom, x, xt,
                      gtk_adjustment_get_value (h));
      g_assert_cmpfloat (fabs (x - xt), <=, 2);
      /* On the chosen bar, in view. */
      g_assert_cmpint (pb_timeline_view_get_selected (view), ==, pb_record_get_id (PB_RECORD (a)));
      g_assert_cmpfloat (gtk_adjustment_get_value (h), >, pb_timeline_x_for_day (tl, s));
      g_assert_cmpfloat (gtk_adjustment_get_value (h), <, pb_timeline_x_for_day (tl, d + 1));
    }
  g_assert_true (pb_test_save_shot (GTK_WIDGET (t.window), "timeline-zoom-keeps-chosen.png"));

  pb_test_app_stop (&t);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pointer/plan-list-hover", test_plan_list_hover);
  g_test_add_func ("/pointer/plan-list-folded", test_plan_list_folded);
  g_test_add_func ("/pointer/timeline-tooltip-waits-for-motion", test_timeline_tooltip_waits_for_motion);
  g_test_add_func ("/pointer/board-tooltip-waits-for-motion", test_board_tooltip_waits_for_motion);
  g_test_add_func ("/pointer/card-tooltip-amounts", test_card_tooltip_amounts);
  g_test_add_func ("/pointer/click-hides-tooltip", test_click_hides_tooltip);
  g_test_add_func ("/pointer/timeline-drag-many", test_timeline_drag_many);
  g_test_add_func ("/pointer/timeline-months-zoom", test_timeline_months_zoom);
  g_test_add_func ("/pointer/timeline-link-drag", test_timeline_link_drag);
  g_test_add_func ("/pointer/timeline-click-empty", test_timeline_click_empty);
  g_test_add_func ("/pointer/timeline-dependency-click", test_timeline_dependency_click);
  g_test_add_func ("/pointer/timeline-zoom-at-pointer", test_timeline_zoom_at_pointer);
  g_test_add_func ("/pointer/timeline-end-label-drag", test_timeline_end_label_drag);
  g_test_add_func ("/pointer/timeline-zoom-keeps-chosen", test_timeline_zoom_keeps_chosen);
  g_test_add_func ("/pointer/menu-add-item", test_menu_add_item);
  g_test_add_func ("/pointer/editor-menu-delete", test_editor_menu_delete);
  g_test_add_func ("/pointer/import-create-undo", test_import_create_undo);

  return g_test_run ();
}
