/* pb-test-ui.c — the application under test, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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
