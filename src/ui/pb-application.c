/* pb-application.c — the Planboard application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pb-application"

#include "config.h"
#include "pb-trace.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-db.h"
#include "pb-format.h"
#include "pb-health.h"
#include "pb-password-dialog.h"
#include "pb-preferences.h"
#include "pb-ui-util.h"
#include "pb-window.h"

struct _PbApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  char           *password_uri;  /* a shared library that asked for a password */
  char           *import_path;
  PbStore        *store;
  GError         *store_error;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (PbApplication, pb_application, ADW_TYPE_APPLICATION)

PbApplication *
pb_application_new (void)
{
  return g_object_new (PB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

static void
open_library (PbApplication *self)
{
  g_autofree char *path = self->db_path ? g_strdup (self->db_path) : pb_store_default_path ();

  self->store = pb_store_open (path, PB_STORE_OPEN_CREATE, &self->store_error);

  /* A shared library whose server is away: the planner's own library
   * opens instead, and the window says why (pb_window shows store_error
   * as a toast when there is a store). */
  if (self->store == NULL && pb_db_is_server_uri (path) &&
      (g_error_matches (self->store_error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE) ||
       g_error_matches (self->store_error, PB_STORE_ERROR, PB_STORE_ERROR_NEEDS_PASSWORD)))
    {
      g_autofree char *local = g_build_filename (g_get_user_data_dir (), "planboard", "library.db", NULL);

      /* One that asks for a password gets it through a dialog over
       * the window (pb_application_activate). */
      if (g_error_matches (self->store_error, PB_STORE_ERROR, PB_STORE_ERROR_NEEDS_PASSWORD))
        self->password_uri = g_strdup (path);
      self->store = pb_store_open (local, PB_STORE_OPEN_CREATE, NULL);
    }
  if (self->store == NULL)
    return;

  /* The window never freezes waiting for another program's lock: a write
   * waits a moment, then fails with a toast that offers to try again. */
  pb_store_set_busy_timeout (self->store, 250);

  /* A new library starts with the example plan, so there is something to
   * look at; it is deleted like any other plan. */
  if (pb_store_get_created (self->store))
    {
      g_autoptr(GError) error = NULL;

      if (!pb_store_add_example_plan (self->store, &error))
        g_warning ("Could not add the example plan: %s", error->message);
      pb_store_clear_history (self->store);
    }
}

static void
thresholds_changed_cb (PbApplication *self)
{
  double blue = g_settings_get_double (self->settings, "health-blue-threshold");
  double yellow = g_settings_get_double (self->settings, "health-yellow-threshold");

  if (blue <= 0 || yellow > blue)
    {
      g_warning ("Health thresholds blue %.2f, yellow %.2f make no sense; keeping the defaults", blue, yellow);
      return;
    }
  pb_health_set_thresholds (blue, yellow);
}

static void
number_style_changed_cb (PbApplication *self)
{
  static const char * const styles[] = { "auto", "chinese", "grouped", "plain" };
  g_autofree char *style = g_settings_get_string (self->settings, "number-style");

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (style, styles[i]))
      pb_format_set_style (i);
}

/**
 * pb_application_color_scheme_for_style:
 * @style: a value of the `style` key: follow, light or dark
 *
 * Returns: the colour scheme libadwaita applies for @style; an unknown
 *   value follows the system
 */
AdwColorScheme
pb_application_color_scheme_for_style (const char *style)
{
  if (g_strcmp0 (style, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (style, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  /* ADW_COLOR_SCHEME_DEFAULT: light unless the system asks for dark. */
  return ADW_COLOR_SCHEME_DEFAULT;
}

static void
style_changed_cb (PbApplication *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "style");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      pb_application_color_scheme_for_style (style));
}

static void
pb_application_startup (GApplication *app)
{
  PbApplication *self = PB_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  pb_trace_start ("startup");
  G_APPLICATION_CLASS (pb_application_parent_class)->startup (app);
  pb_trace_start ("GtkApplication/AdwApplication startup (gtk_init, adw_init)");
  pb_ui_settle_icon_theme ();
  pb_trace_start ("icon theme settled");
  pb_ui_install_tooltip_labels ();
  /* The heap the plan's start fills (26 MB at 5,000 items), made present
   * in one call rather than a page fault at a time: here, after GTK and
   * GLib have started (without a session bus GLib forks to look for one,
   * and pages made present before a fork fault again when written). */
  pb_ui_prefault_start_heap (24 * 1024 * 1024);
  pb_trace_start ("heap made present");

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_swapped (self->settings, "changed::health-blue-threshold",
                                G_CALLBACK (thresholds_changed_cb), self);
      g_signal_connect_swapped (self->settings, "changed::health-yellow-threshold",
                                G_CALLBACK (thresholds_changed_cb), self);
      thresholds_changed_cb (self);
      g_signal_connect_swapped (self->settings, "changed::number-style",
                                G_CALLBACK (number_style_changed_cb), self);
      number_style_changed_cb (self);
      g_signal_connect_swapped (self->settings, "changed::style",
                                G_CALLBACK (style_changed_cb), self);
      style_changed_cb (self);
      /* The primary menu's Style radio items: a stateful action whose
       * state is the key's value. */
      {
        g_autoptr(GAction) style_action = g_settings_create_action (self->settings, "style");

        g_action_map_add_action (G_ACTION_MAP (self), style_action);
      }
    }
  else
    g_message ("Settings schema %s is not installed; window state will not be kept", APP_ID);

  pb_trace_start ("settings");
  open_library (self);
  pb_trace_start ("library open");
}

static void
pb_application_activate (GApplication *app)
{
  PbApplication *self = PB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  pb_trace_start ("activate");
  if (window == NULL)
    window = GTK_WINDOW (pb_window_new (self));
  pb_trace_start ("window made");

  gtk_window_present (window);
  pb_trace_start ("window presented (realized, mapped)");

  if (self->password_uri != NULL)
    {
      g_autofree char *uri = g_steal_pointer (&self->password_uri);

      pb_password_dialog_present (window, self, uri, FALSE);
    }

  if (self->import_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->import_path);

      g_clear_pointer (&self->import_path, g_free);
      pb_window_import_file (PB_WINDOW (window), file);
    }
}

static int
pb_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PbApplication *self = PB_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    self->db_path = g_strdup (db);
  if (g_variant_dict_lookup (options, "import", "^&ay", &db))
    self->import_path = g_strdup (db);

  /* The library's checks (quick_check reads the whole file: 40–50 ms at
   * 20,000 items) run in a thread while GTK and libadwaita start;
   * open_library () waits for them and refuses a damaged file as before. */
  {
    g_autofree char *path = self->db_path ? g_strdup (self->db_path) : pb_store_default_path ();

    pb_store_check_ahead (path);
    pb_trace_start ("local options, check ahead started");
  }

  return -1;
}

static void
pb_application_finalize (GObject *object)
{
  PbApplication *self = PB_APPLICATION (object);

  pb_store_check_ahead_cancel ();
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->password_uri, g_free);
  g_clear_pointer (&self->import_path, g_free);

  G_OBJECT_CLASS (pb_application_parent_class)->finalize (object);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Planboard developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", "Planboard",
                        "application-icon", APP_ID,
                        "developer-name", _("The Planboard developers"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* TRANSLATORS: credit yourself here */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Import, schedule, track and print multi-year action plans."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PbApplication *self = user_data;

  if (self->settings == NULL)
    return;
  pb_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)), self->settings);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  g_list_foreach (windows, (GFunc) (void (*) (void)) g_object_ref, NULL);

  /* Each window goes first, its editor storing what it still holds (a
   * progress in its pause, a field being typed): quitting alone would
   * leave them unmade. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);
  g_application_quit (G_APPLICATION (user_data));
}

static void
pb_application_class_init (PbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pb_application_finalize;
  app_class->startup = pb_application_startup;
  app_class->activate = pb_application_activate;
  app_class->handle_local_options = pb_application_handle_local_options;
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
pb_application_init (PbApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *undo_accels[] = { "<Control>z", NULL };
  static const char *redo_accels[] = { "<Control><Shift>z", "<Control>y", NULL };
  static const char *delete_accels[] = { "<Control>Delete", NULL };
  static const char *import_accels[] = { "<Control>i", "<Control>o", NULL };
  static const char *report_accels[] = { "<Control>p", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *help_overlay_accels[] = { "<Control>question", NULL };

  g_application_add_main_option (G_APPLICATION (self), "db", 0, 0, G_OPTION_ARG_FILENAME,
                                 _("Open the library at PATH"), _("PATH"));
  g_application_add_main_option (G_APPLICATION (self), "import", 0, 0, G_OPTION_ARG_FILENAME,
                                 _("Import the plan document FILE"), _("FILE"));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.undo", undo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.redo", redo_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.delete-plan", delete_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.report", report_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  /* GTK's own for the shortcuts window; PbWindow makes that window when
   * it is first asked for (GTK would build it with every window). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_overlay_accels);
}

static gboolean
destroy_window_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/**
 * pb_application_use_store:
 * @self: the application
 * @store: a library opened since (a shared library whose password the
 *   planner gave)
 *
 * Makes @store the application's library: its window is made again on it
 * and the window on the old library goes.
 */
void
pb_application_use_store (PbApplication *self,
                          PbStore       *store)
{
  GtkWindow *old = gtk_application_get_active_window (GTK_APPLICATION (self));
  PbWindow *window;

  g_return_if_fail (PB_IS_APPLICATION (self));
  g_return_if_fail (PB_IS_STORE (store));

  g_clear_error (&self->store_error);
  g_set_object (&self->store, store);
  pb_store_set_busy_timeout (self->store, 250);
  window = pb_window_new (self);
  gtk_window_present (GTK_WINDOW (window));
  /* Not from inside the handler of the dialog over it. */
  if (old != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window_cb, g_object_ref (old), g_object_unref);
}

PbStore *
pb_application_get_store (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);
  return self->store;
}

const GError *
pb_application_get_store_error (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);
  return self->store_error;
}

GSettings *
pb_application_get_settings (PbApplication *self)
{
  g_return_val_if_fail (PB_IS_APPLICATION (self), NULL);
  return self->settings;
}
