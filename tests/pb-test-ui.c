/* pb-test-ui.c — the application under test, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-test-ui.h"
#include "pb-test-util.h"

/* Lets pending work (redraws, idle handlers, list updates) happen. */
void
pb_test_spin (void)
{
  for (int i = 0; i < 30; i++)
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
