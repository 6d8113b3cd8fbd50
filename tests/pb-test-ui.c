/* pb-test-ui.c — the application under test, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/Xatom.h>
#include <X11/keysym.h>

#include "pb-task-card.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"

/* Lets pending work (redraws, idle handlers, list updates) happen. */
void
pb_test_spin (void)
{
  for (int i = 0; i < 30; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Lets the frame clock lay out, draw and animate for @ms. */
void
pb_test_settle_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/* Asserts that @toast offers Undo of the latest command in @store, and of
 * that command only: its action carries the store's undo mark. */
void
pb_test_assert_undo_toast (AdwToast *toast,
                           PbStore  *store)
{
  GVariant *target;

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo-command");
  target = adw_toast_get_action_target_value (toast);
  g_assert_nonnull (target);
  g_assert_true (g_variant_is_of_type (target, G_VARIANT_TYPE_INT64));
  g_assert_cmpint (g_variant_get_int64 (target), ==, pb_store_get_undo_mark (store));
}

/* Waits until @widget's window has been laid out and painted after
 * everything queued so far: a test that changed the view reads what the
 * user sees, not the allocations of the frame before. */
void
pb_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gulong id;

  pb_test_spin ();
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  while (!painted && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
  pb_test_spin ();
}

/* The real application on a new library in a fresh folder: it seeds the
 * library with the example plan and opens its window. */
void
pb_test_app_start (PbTestApp *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  t->dir = pb_test_make_dir ();
  db = g_build_filename (t->dir, "library.db", NULL);
  g_setenv ("PLANBOARD_DB", db, TRUE);
  t->app = pb_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (t->app));
  t->window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t->app)));
  t->store = pb_application_get_store (t->app);
  g_assert_nonnull (t->window);
  g_assert_nonnull (t->store);
  gtk_window_set_default_size (GTK_WINDOW (t->window), 1280, 800);
  pb_test_spin ();
}

void
pb_test_app_stop (PbTestApp *t)
{
  gtk_window_destroy (GTK_WINDOW (t->window));
  pb_test_spin ();
  g_clear_object (&t->app);
  g_unsetenv ("PLANBOARD_DB");
  pb_test_remove_dir (t->dir);
  g_clear_pointer (&t->dir, g_free);
}

/* The item of the window's plan with this title; the test fails without it. */
PbItem *
pb_test_app_item_titled (PbTestApp  *t,
                         const char *title)
{
  g_autoptr(GListModel) items = pb_store_list_items (t->store, pb_window_get_selected_plan (t->window));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      PbItem *item = g_list_model_get_item (items, i);

      if (g_str_equal (pb_item_get_title (item), title))
        return item;
      g_object_unref (item);
    }
  g_error ("no item %s", title);
}

/**
 * pb_test_find_card:
 * @root: a widget
 * @item_id: an item
 *
 * Returns: (nullable) (transfer none): the drawn card under @root that shows
 *   @item_id
 */
PbTaskCard *
pb_test_find_card (GtkWidget *root,
                   gint64     item_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      PbTaskCard *found;

      if (PB_IS_TASK_CARD (child) && gtk_widget_is_drawable (child) &&
          pb_task_card_get_item (PB_TASK_CARD (child)) != NULL &&
          pb_record_get_id (PB_RECORD (pb_task_card_get_item (PB_TASK_CARD (child)))) == item_id)
        return PB_TASK_CARD (child);
      if ((found = pb_test_find_card (child, item_id)))
        return found;
    }
  return NULL;
}

static void
card_text (GtkWidget *root,
           GString   *s)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_string_append_printf (s, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
      card_text (child, s);
    }
}

/**
 * pb_test_card_says:
 * @window: a window
 * @item_id: an item
 * @text: what to look for
 *
 * Returns: whether @item_id's card is drawn and one of its labels
 *   contains @text
 */
gboolean
pb_test_card_says (PbWindow   *window,
                   gint64      item_id,
                   const char *text)
{
  PbTaskCard *card = pb_test_find_card (GTK_WIDGET (window), item_id);
  g_autoptr(GString) s = g_string_new (NULL);

  if (card == NULL)
    return FALSE;
  card_text (GTK_WIDGET (card), s);
  return strstr (s->str, text) != NULL;
}

/* The visible toplevel window of @type (a dialog the test opened), or NULL. */
GtkWidget *
pb_test_toplevel_of_type (GType type)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (windows, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

/* The visible message dialog (a question the test caused), or NULL; two
 * at once are a fault of their own. */
AdwMessageDialog *
pb_test_message_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w))
        {
          g_assert_null (found);  /* one at a time */
          found = ADW_MESSAGE_DIALOG (w);
        }
    }
  return found;
}

/* Answers the question open now, whose heading must be @heading, with
 * @response ("go", "cancel"…), and closes it. */
void
pb_test_answer_question (const char *heading,
                         const char *response)
{
  AdwMessageDialog *question = pb_test_message_dialog ();

  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  adw_message_dialog_response (question, response);
  gtk_window_close (GTK_WINDOW (question));
  pb_test_settle_for (100);
}

/* The first widget of @type under @root. */
GtkWidget *
pb_test_find_type (GtkWidget *root,
                   GType      type)
{
  return pb_test_child_of_type (root, type, NULL);
}

/* The first widget of @type under @root; with @title, the first row of
 * that title (@type is then a kind of AdwPreferencesRow). */
GtkWidget *
pb_test_child_of_type (GtkWidget  *root,
                       GType       type,
                       const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) &&
          (title == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0))
        return c;
      if ((found = pb_test_child_of_type (c, type, title)))
        return found;
    }
  return NULL;
}

/* The first button under @root whose label is @label. */
GtkWidget *
pb_test_button_labelled (GtkWidget  *root,
                         const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = pb_test_button_labelled (c, label)))
        return found;
    }
  return NULL;
}

/* The first widget under @root named @name (gtk_widget_set_name ()). */
GtkWidget *
pb_test_find_named (GtkWidget  *root,
                    const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (c), name) == 0)
        return c;
      if ((found = pb_test_find_named (c, name)))
        return found;
    }
  return NULL;
}

/* The entry of an open menu (a popover menu's model button) under @root
 * whose text is @label. */
GtkWidget *
pb_test_menu_entry (GtkWidget  *root,
                    const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (c) && g_object_class_find_property (G_OBJECT_GET_CLASS (c), "text"))
        {
          g_autofree char *text = NULL;

          g_object_get (c, "text", &text, NULL);
          if (g_strcmp0 (text, label) == 0)
            return c;
        }
      if ((found = pb_test_menu_entry (c, label)))
        return found;
    }
  return NULL;
}

/* Adds every widget of @type under @root to @out, depth first. */
void
pb_test_collect (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        g_ptr_array_add (out, c);
      pb_test_collect (c, type, out);
    }
}

/**
 * pb_test_save_shot:
 * @widget: a widget on screen (a window, a dialog)
 * @name: the PNG's file name
 *
 * With PB_TEST_SHOT_DIR set, saves @widget as drawn to @name there (the
 * screenshots in docs/screenshots/, or to look at what a test asserts).
 *
 * Returns: %FALSE only when the file could not be written
 */
gboolean
pb_test_save_shot (GtkWidget  *widget,
                   const char *name)
{
  const char *dir = g_getenv ("PB_TEST_SHOT_DIR");
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return TRUE;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  return gdk_texture_save_to_png (texture, path);
}

/* Real input through the X server (XTest): the keyboard and the pointer as
 * a planner's hands send them, focus, grabs and shortcut controllers
 * included. Each stops the test when the display is not X11. */
static Display *
pb_test_x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("these tests press keys and drive the pointer through XTest and need an X display (run them under Xvfb)");
  return gdk_x11_display_get_xdisplay (display);
}

static Window
pb_test_x_window_of (GtkWidget *widget)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (gtk_widget_get_native (widget)));
}

/* Holds (@down) or lets go of the modifiers in @mods. */
static void
pb_test_x_mods (Display         *x,
                GdkModifierType  mods,
                gboolean         down)
{
  if (down)
    {
      if (mods & GDK_CONTROL_MASK)
        XTestFakeKeyEvent (x, XKeysymToKeycode (x, XK_Control_L), True, CurrentTime);
      if (mods & GDK_SHIFT_MASK)
        XTestFakeKeyEvent (x, XKeysymToKeycode (x, XK_Shift_L), True, CurrentTime);
      if (mods & GDK_ALT_MASK)
        XTestFakeKeyEvent (x, XKeysymToKeycode (x, XK_Alt_L), True, CurrentTime);
    }
  else
    {
      if (mods & GDK_ALT_MASK)
        XTestFakeKeyEvent (x, XKeysymToKeycode (x, XK_Alt_L), False, CurrentTime);
      if (mods & GDK_SHIFT_MASK)
        XTestFakeKeyEvent (x, XKeysymToKeycode (x, XK_Shift_L), False, CurrentTime);
      if (mods & GDK_CONTROL_MASK)
        XTestFakeKeyEvent (x, XKeysymToKeycode (x, XK_Control_L), False, CurrentTime);
    }
}

/* Raises the window (or dialog, or popover) @widget is in. */
void
pb_test_x_raise (GtkWidget *widget)
{
  XRaiseWindow (pb_test_x_display (), pb_test_x_window_of (widget));
}

/* Gives the keyboard focus to the window @widget is in. */
void
pb_test_x_focus (GtkWidget *widget)
{
  XSetInputFocus (pb_test_x_display (), pb_test_x_window_of (widget), RevertToParent, CurrentTime);
}

/* Moves the window @widget is in to (@x, @y) of the screen, as a window
 * manager would place it. */
void
pb_test_x_move_window (GtkWidget *widget,
                       int        x,
                       int        y)
{
  Display *d = pb_test_x_display ();

  XMoveWindow (d, pb_test_x_window_of (widget), x, y);
  XSync (d, False);
}

/* One key (a GDK keyval, which is its X keysym) pressed (@down) or let
 * go; nothing settles. */
void
pb_test_x_key (guint    keyval,
               gboolean down)
{
  Display *d = pb_test_x_display ();

  XTestFakeKeyEvent (d, XKeysymToKeycode (d, keyval), down, CurrentTime);
  XSync (d, False);
}

/* Pointer @button (1 the first, 3 the menu one, 4 and 5 the wheel)
 * pressed (@down) or let go where the pointer is; nothing settles. */
void
pb_test_x_button (guint    button,
                  gboolean down)
{
  Display *d = pb_test_x_display ();

  XTestFakeButtonEvent (d, button, down, CurrentTime);
  XSync (d, False);
}

/* The screen point of (@x, @y) in @widget, through the window (or
 * dialog, or popover) it is in. */
void
pb_test_x_root_point (GtkWidget *widget,
                      double     x,
                      double     y,
                      int       *root_x,
                      int       *root_y)
{
  Display *d = pb_test_x_display ();
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t p;
  Window child;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (d, pb_test_x_window_of (widget), DefaultRootWindow (d),
                         (int) (p.x + sx), (int) (p.y + sy), root_x, root_y, &child);
}

/* The real pointer moved straight to (@root_x, @root_y) of the screen;
 * nothing settles. */
void
pb_test_x_move (int root_x,
                int root_y)
{
  Display *d = pb_test_x_display ();

  XTestFakeMotionEvent (d, -1, root_x, root_y, CurrentTime);
  XSync (d, False);
}

/* The real pointer moved straight to (@x, @y) of @widget; nothing
 * settles. */
void
pb_test_x_move_to (GtkWidget *widget,
                   double     x,
                   double     y)
{
  int root_x, root_y;

  pb_test_x_root_point (widget, x, y, &root_x, &root_y);
  pb_test_x_move (root_x, root_y);
}

/* A real key press (@keyval with @mods held) to the focus of @window, as
 * a planner's keyboard sends it; nothing settles after it. */
void
pb_test_x_send_key (GtkWidget       *window,
                    guint            keyval,
                    GdkModifierType  mods)
{
  Display *x = pb_test_x_display ();
  KeyCode code = XKeysymToKeycode (x, keyval);

  g_assert_cmpuint (code, !=, 0);
  XSetInputFocus (x, pb_test_x_window_of (window), RevertToParent, CurrentTime);
  XSync (x, False);
  pb_test_settle_for (50);
  pb_test_x_mods (x, mods, TRUE);
  XTestFakeKeyEvent (x, code, True, CurrentTime);
  XTestFakeKeyEvent (x, code, False, CurrentTime);
  pb_test_x_mods (x, mods, FALSE);
  XSync (x, False);
}

/* pb_test_x_send_key(), then 250 ms to settle. */
void
pb_test_x_press_in (GtkWidget       *window,
                    guint            keyval,
                    GdkModifierType  mods)
{
  pb_test_x_send_key (window, keyval, mods);
  pb_test_settle_for (250);
}

/* A real click of @button where the pointer is, with @mods held, then
 * 300 ms to settle. */
void
pb_test_x_click (guint           button,
                 GdkModifierType mods)
{
  Display *x = pb_test_x_display ();

  pb_test_x_mods (x, mods, TRUE);
  XTestFakeButtonEvent (x, button, True, CurrentTime);
  XTestFakeButtonEvent (x, button, False, CurrentTime);
  pb_test_x_mods (x, mods, FALSE);
  XSync (x, False);
  pb_test_settle_for (300);
}

/* A real click of @button at (@x, @y) in @widget (the pointer moved
 * there straight), with @mods held, then 300 ms to settle. */
void
pb_test_x_click_at (GtkWidget       *widget,
                    double           x,
                    double           y,
                    guint            button,
                    GdkModifierType  mods)
{
  Display *d = pb_test_x_display ();
  int root_x, root_y;

  pb_test_x_root_point (widget, x, y, &root_x, &root_y);
  XTestFakeMotionEvent (d, -1, root_x, root_y, CurrentTime);
  pb_test_x_click (button, mods);
}

/* ---- Keys that reach their window -------------------------------------
 *
 * The suites share one X server: a window another suite presents takes
 * the X focus (there is no window manager), and a menu it opens grabs the
 * keyboard. A key sent then goes to that program, not to the window under
 * test. pb_test_x_type () sends a key only when its window has the focus,
 * as GTK saw it, and knows whether the key reached it: after the key, the
 * window's own X property is changed (a sentinel), and the X server
 * reports that change to this program after the key events it sent to
 * it; GDK reads X events only once it has handled those read before. */

typedef struct
{
  Window   window;
  Atom     sentinel;
  long     sent;
  long     seen;
  KeyCode  code;
  gboolean pressed;
} KeyWatch;

static gboolean
key_watch_xevent (GdkX11Display *display,
                  const XEvent  *xevent,
                  KeyWatch      *watch)
{
  if (xevent->type == PropertyNotify &&
      xevent->xproperty.window == watch->window &&
      xevent->xproperty.atom == watch->sentinel &&
      xevent->xproperty.state == PropertyNewValue)
    watch->seen++;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
key_watch_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   KeyWatch              *watch)
{
  if (keycode == watch->code)
    watch->pressed = TRUE;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Changes the sentinel and waits until this program has read every X
 * event the server sent it before the change (at most until @end). */
static gboolean
key_watch_sync (Display  *d,
                KeyWatch *watch,
                gint64    end)
{
  long n = ++watch->sent;

  XChangeProperty (d, watch->window, watch->sentinel, XA_INTEGER, 32, PropModeReplace,
                   (unsigned char *) &n, 1);
  XFlush (d);
  while (watch->seen < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return watch->seen >= n;
}

/**
 * pb_test_x_type:
 * @widget: a widget in the window to type into
 * @keyval: the key (a GDK keyval, which is its X keysym)
 * @mods: the modifiers held
 *
 * A real key press and release that reaches @widget's window, as a
 * planner's keyboard sends it: the window is given the X focus and,
 * once GTK has it active (not while another program holds the
 * keyboard), the focus is given again and the key sent with the X
 * server grabbed, so that nothing comes in between. A key that another
 * program took all the same (its grab came first) is sent again when the
 * window is active again. Returns once the window has handled the key
 * (whatever the application did with it: that is the caller's to check),
 * after pending idle work; fails the test when it cannot in 20 s.
 */
void
pb_test_x_type (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  mods)
{
  Display *d = pb_test_x_display ();
  GdkDisplay *display = gdk_display_get_default ();
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_native (widget));
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  KeyWatch watch = { 0 };
  GtkEventController *controller;
  gulong xevent_id;
  guint wake_id;
  int tries = 0;

  g_assert_true (GTK_IS_WINDOW (window));
  watch.window = pb_test_x_window_of (window);
  watch.sentinel = XInternAtom (d, "_PB_TEST_SENTINEL", False);
  watch.code = XKeysymToKeycode (d, keyval);
  g_assert_cmpuint (watch.code, !=, 0);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_watch_pressed), &watch);
  gtk_widget_add_controller (window, controller);
  xevent_id = g_signal_connect (display, "xevent", G_CALLBACK (key_watch_xevent), &watch);
  /* Waits below block in the main loop: this wakes them to see the time. */
  wake_id = g_timeout_add (50, wake, NULL);

  while (!watch.pressed && g_get_monotonic_time () < end)
    {
      /* The focus, as GTK sees it once it has read what came before. */
      gdk_x11_display_error_trap_push (display);
      XSetInputFocus (d, watch.window, RevertToParent, CurrentTime);
      if (gdk_x11_display_error_trap_pop (display) != 0)
        {
          /* Not viewable yet (BadMatch): mapped soon. */
          g_main_context_iteration (NULL, TRUE);
          continue;
        }
      if (!key_watch_sync (d, &watch, end))
        break;
      if (!gtk_window_is_active (GTK_WINDOW (window)))
        {
          /* Another program holds the keyboard (GDK takes its grab for
           * the focus going there): the focus is given again after a
           * wake-up, or an event, until it comes back. */
          g_main_context_iteration (NULL, TRUE);
          continue;
        }
      if (tries == 10)
        break;

      /* The key, nothing in between. */
      tries++;
      XGrabServer (d);
      gdk_x11_display_error_trap_push (display);
      XSetInputFocus (d, watch.window, RevertToParent, CurrentTime);
      pb_test_x_mods (d, mods, TRUE);
      XTestFakeKeyEvent (d, watch.code, True, CurrentTime);
      XTestFakeKeyEvent (d, watch.code, False, CurrentTime);
      pb_test_x_mods (d, mods, FALSE);
      XUngrabServer (d);
      key_watch_sync (d, &watch, end);
      gdk_x11_display_error_trap_pop_ignored (display);
    }

  g_source_remove (wake_id);
  g_signal_handler_disconnect (display, xevent_id);
  gtk_widget_remove_controller (window, controller);
  if (!watch.pressed)
    g_error ("the key %s, sent %d times, never reached the %s (%s)", gdk_keyval_name (keyval), tries,
             G_OBJECT_TYPE_NAME (window),
             gtk_window_is_active (GTK_WINDOW (window)) ? "active" : "not active: another program has the keyboard");
  if (tries > 1)
    g_test_message ("the key %s reached the %s at try %d", gdk_keyval_name (keyval), G_OBJECT_TYPE_NAME (window), tries);
  pb_test_spin ();
}
