/* test-chrome.c — the window's chrome, with real keys and a real pointer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, through XTest (issue 14): the shortcuts
 * window lists every key the window and its views answer to, and each
 * key it lists is one they answer to; the timeline's zoom keys, pressed.
 */
#include "config.h"

#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-board-view.h"
#include "pb-item-editor.h"
#include "pb-timeline.h"
#include "pb-timeline-view.h"
#include "pb-ui-util.h"

static PbTestApp t;

static Display *
xdisplay (void)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (t.window));

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("these tests press keys and move the pointer through XTest and need an X display (run them under Xvfb)");
  return gdk_x11_display_get_xdisplay (display);
}

/* A real key press through the X server, to the window's focus. */
static void
press (guint           keyval,
       GdkModifierType mods)
{
  Display *x = xdisplay ();
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (t.window)));
  KeyCode code = XKeysymToKeycode (x, keyval);
  KeyCode ctrl = XKeysymToKeycode (x, XK_Control_L);
  KeyCode shift = XKeysymToKeycode (x, XK_Shift_L);

  g_assert_cmpuint (code, !=, 0);
  XSetInputFocus (x, xid, RevertToParent, CurrentTime);
  XSync (x, False);
  pb_test_settle_for (50);
  if (mods & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (x, ctrl, True, CurrentTime);
  if (mods & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (x, shift, True, CurrentTime);
  XTestFakeKeyEvent (x, code, True, CurrentTime);
  XTestFakeKeyEvent (x, code, False, CurrentTime);
  if (mods & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (x, shift, False, CurrentTime);
  if (mods & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (x, ctrl, False, CurrentTime);
  XSync (x, False);
  pb_test_settle_for (250);
}

static void
show_page (const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (pb_window_get_timeline (t.window), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, name);
  pb_test_settle_for (500);
}

/* ---- The shortcuts window --------------------------------------------- */

static void
collect_shortcuts (GtkWidget *root,
                   GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (c))
        g_ptr_array_add (found, c);
      collect_shortcuts (c, found);
    }
}

typedef struct
{
  guint           keyval;
  GdkModifierType mods;
  char           *where;
} Key;

static void
key_clear (gpointer data)
{
  g_free (((Key *) data)->where);
}

static guint main_keyval (guint keyval);

static gboolean
key_in (GArray          *keys,
        guint            keyval,
        GdkModifierType  mods)
{
  keyval = main_keyval (gdk_keyval_to_lower (keyval));
  for (guint i = 0; i < keys->len; i++)
    {
      Key *k = &g_array_index (keys, Key, i);

      if (main_keyval (gdk_keyval_to_lower (k->keyval)) == keyval && k->mods == mods)
        return TRUE;
    }
  return FALSE;
}

static void
add_key (GArray          *keys,
         guint            keyval,
         GdkModifierType  mods,
         const char      *where)
{
  Key k = { keyval, mods & gtk_accelerator_get_default_mod_mask (), g_strdup (where) };

  g_array_append_val (keys, k);
}

/* The keys @widget's shortcut controllers (its class's bindings among
 * them) answer to. */
static void
add_widget_keys (GArray     *keys,
                 GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr(GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (s);

          if (GTK_IS_KEYVAL_TRIGGER (trigger))
            add_key (keys, gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                     gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)),
                     G_OBJECT_TYPE_NAME (widget));
        }
    }
}

/* Keypad twins of listed keys (KP_Add for plus…) need no row of their
 * own, nor = and + (one key, with Shift or without). */
static guint
main_keyval (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Add: return GDK_KEY_equal;
    case GDK_KEY_plus: return GDK_KEY_equal;
    case GDK_KEY_KP_Subtract: return GDK_KEY_minus;
    case GDK_KEY_KP_Enter: return GDK_KEY_Return;
    case GDK_KEY_KP_Insert: return GDK_KEY_Insert;
    case GDK_KEY_KP_Delete: return GDK_KEY_Delete;
    default: return keyval;
    }
}

/* Every key the application, the window and its views (board, timeline,
 * editor) answer to is in the shortcuts window, and every key the
 * shortcuts window lists is one they answer to. */
static void
test_shortcuts_listed (void)
{
  g_autoptr(GArray) bound = g_array_new (FALSE, TRUE, sizeof (Key));
  g_autoptr(GArray) listed = g_array_new (FALSE, TRUE, sizeof (Key));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(GStrv) actions = NULL;
  GtkShortcutsWindow *overlay;
  GLogLevelFlags fatal;
  GtkWidget *views[] = {
    GTK_WIDGET (t.window), pb_window_get_board (t.window),
    pb_window_get_timeline (t.window), pb_window_get_editor (t.window),
  };

  g_array_set_clear_func (bound, key_clear);
  g_array_set_clear_func (listed, key_clear);

  /* What is bound: the application's accelerators, the widgets' keys. */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (t.app));
  for (guint i = 0; actions[i]; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (t.app), actions[i]);

      for (guint j = 0; accels[j]; j++)
        {
          guint keyval;
          GdkModifierType mods;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
          add_key (bound, keyval, mods, actions[i]);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    add_widget_keys (bound, views[i]);
  /* GTK's own keys of every application window (F10 for a menu bar)
   * are not the application's. */
  {
    g_autoptr(GArray) gtk_keys = g_array_new (FALSE, TRUE, sizeof (Key));
    GtkWidget *plain = g_object_ref_sink (adw_application_window_new (GTK_APPLICATION (t.app)));

    g_array_set_clear_func (gtk_keys, key_clear);
    add_widget_keys (gtk_keys, plain);
    for (guint i = bound->len; i-- > 0;)
      {
        Key *k = &g_array_index (bound, Key, i);

        if (g_str_equal (k->where, "PbWindow") && key_in (gtk_keys, k->keyval, k->mods))
          g_array_remove_index (bound, i);
      }
    gtk_window_destroy (GTK_WINDOW (plain));
    g_object_unref (plain);
  }
  g_assert_cmpuint (bound->len, >, 20);

  /* What is listed. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (t.window));
  g_assert_nonnull (overlay);
  pb_test_settle_for (500);
  collect_shortcuts (GTK_WIDGET (overlay), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accel = NULL;
      g_autofree char *action = NULL;
      GtkShortcutType type;

      g_object_get (g_ptr_array_index (rows, i), "title", &title, "accelerator", &accel,
                    "action-name", &action, "shortcut-type", &type, NULL);
      if (type != GTK_SHORTCUT_ACCELERATOR)
        continue;
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (t.app), action);

          if (accels[0] == NULL)
            g_error ("the shortcuts window lists “%s” (%s), which has no key", title, action);
          for (guint j = 0; accels[j]; j++)
            {
              guint keyval;
              GdkModifierType mods;

              g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
              add_key (listed, keyval, mods, title);
            }
        }
      else
        {
          g_auto(GStrv) keys = g_strsplit (accel, " ", -1);

          for (guint j = 0; keys[j]; j++)
            {
              guint keyval;
              GdkModifierType mods;

              if (*keys[j] == '\0')
                continue;
              if (!gtk_accelerator_parse (keys[j], &keyval, &mods))
                g_error ("“%s” lists “%s”, not a key", title, keys[j]);
              add_key (listed, keyval, mods, title);
            }
        }
    }
  gtk_window_close (GTK_WINDOW (overlay));
  pb_test_settle_for (300);
  g_log_set_always_fatal (fatal);

  for (guint i = 0; i < bound->len; i++)
    {
      Key *k = &g_array_index (bound, Key, i);
      g_autofree char *name = gtk_accelerator_name (k->keyval, k->mods);

      g_test_message ("bound: %s (%s)", name, k->where);
      if (!key_in (listed, main_keyval (k->keyval), k->mods))
        g_error ("%s answers to %s, which the shortcuts window does not list", k->where, name);
    }
  for (guint i = 0; i < listed->len; i++)
    {
      Key *k = &g_array_index (listed, Key, i);
      g_autofree char *name = gtk_accelerator_name (k->keyval, k->mods);

      /* Keys a view's own key handler or a list takes (Escape during a
       * drag, Return on a card), and the import window's Ctrl+Return,
       * are pressed for real in test-edit-feedback and test-import-window. */
      if ((k->keyval == GDK_KEY_Escape && k->mods == 0) ||
          (k->keyval == GDK_KEY_Return && k->mods == 0) ||
          (k->keyval == GDK_KEY_Return && k->mods == GDK_CONTROL_MASK))
        continue;
      if (!key_in (bound, k->keyval, k->mods))
        g_error ("the shortcuts window lists %s for “%s”, which nothing answers to", name, k->where);
    }
}

/* The timeline's zoom keys as listed, pressed for real: +, Ctrl+=, −,
 * Ctrl+−, 0 and Ctrl+0. */
static void
test_zoom_keys (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  PbTimeline *tl = pb_timeline_view_get_timeline (view);
  static const struct { guint keyval; GdkModifierType mods; int step; } keys[] = {
    { GDK_KEY_plus, GDK_SHIFT_MASK, 1 },
    { GDK_KEY_equal, GDK_CONTROL_MASK, 1 },
    { GDK_KEY_minus, 0, -1 },
    { GDK_KEY_minus, GDK_CONTROL_MASK, -1 },
  };

  show_page ("timeline");
  gtk_widget_grab_focus (GTK_WIDGET (view));
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  pb_test_settle_for (300);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      PbTimelineZoom before = pb_timeline_get_zoom (tl);

      press (keys[i].keyval, keys[i].mods);
      g_test_message ("%s%s: zoom %d to %d", keys[i].mods & GDK_CONTROL_MASK ? "Ctrl+" : "",
                      gdk_keyval_name (keys[i].keyval), before, pb_timeline_get_zoom (tl));
      g_assert_cmpint (pb_timeline_get_zoom (tl), ==, (int) before + keys[i].step);
    }

  /* 0 and Ctrl+0 fit the plan period, from any zoom. */
  for (guint i = 0; i < 2; i++)
    {
      PbTimelineZoom fit;

      pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
      pb_test_settle_for (200);
      press (GDK_KEY_0, 0);
      fit = pb_timeline_get_zoom (tl);
      pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_WEEK);
      pb_test_settle_for (200);
      press (GDK_KEY_0, i ? GDK_CONTROL_MASK : 0);
      g_assert_cmpint (pb_timeline_get_zoom (tl), ==, fit);
    }
  pb_timeline_view_set_zoom (view, PB_TIMELINE_ZOOM_QUARTER);
  show_page ("board");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  pb_test_app_start (&t);

  g_test_add_func ("/chrome/shortcuts-listed", test_shortcuts_listed);
  g_test_add_func ("/chrome/zoom-keys", test_zoom_keys);
  status = g_test_run ();

  pb_test_app_stop (&t);
  return status;
}
