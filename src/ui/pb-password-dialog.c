/* pb-password-dialog.c — the password of a shared library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A shared library whose server asks for a password that libpq's usual
 * places (PGPASSWORD, ~/.pgpass, the URI) did not give: the window opens
 * on the planner's own library and asks for it here, naming the login
 * and the server. Connect tries the password; a wrong one asks again,
 * saying so; Cancel stays on the own library, as when the server is away.
 *
 * The password lives only in the entry's buffer (GtkPasswordEntry keeps
 * it in non-swappable memory and wipes it when it changes) and in libpq's
 * connection, which wipes it on close: it is handed to
 * pb_store_open_with_password() straight from the entry, never copied,
 * logged or written, and the entry is emptied as soon as it was tried.
 */
#define G_LOG_DOMAIN "pb-password"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-db.h"
#include "pb-password-dialog.h"
#include "pb-window.h"

typedef struct
{
  GtkWindow     *parent;   /* weak */
  PbApplication *app;      /* weak */
  char          *uri;
  GtkWidget     *entry;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *a = data;

  g_clear_weak_pointer (&a->parent);
  g_clear_weak_pointer (&a->app);
  g_free (a->uri);
  g_free (a);
}

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "connect", *gtk_editable_get_text (entry) != '\0');
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *a)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* The entry lets go of the keyboard (GTK 4.8's password entry watches
   * its Caps Lock state while focused, and would be called after the
   * dialog is gone). */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);

  if (g_str_equal (response, "connect") && a->app != NULL)
    {
      store = pb_store_open_with_password (a->uri, gtk_editable_get_text (GTK_EDITABLE (a->entry)),
                                           PB_STORE_OPEN_DEFAULT, &error);
      gtk_editable_set_text (GTK_EDITABLE (a->entry), "");
      if (store != NULL)
        {
          /* The window is made again on the shared library. */
          pb_application_use_store (a->app, store);
          return;
        }
      if (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_WRONG_PASSWORD) && a->parent != NULL)
        {
          pb_password_dialog_present (a->parent, a->app, a->uri, TRUE);
          return;
        }
      /* The server went away, or refused for another reason: say why,
       * over the own library. */
      if (a->parent != NULL && PB_IS_WINDOW (a->parent))
        pb_window_add_toast (PB_WINDOW (a->parent), error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (a->entry), "");
  if (a->parent != NULL && PB_IS_WINDOW (a->parent))
    {
      g_autofree char *name = pb_db_display_name (a->uri);
      /* Translators: after Cancel in the password dialog; %s is
       * "plans on db.example.org" */
      g_autofree char *text = g_strdup_printf (_("The shared library “%s” was not opened: this is your own library."),
                                               name);

      pb_window_add_toast (PB_WINDOW (a->parent), text);
    }
}

/**
 * pb_password_dialog_present:
 * @parent: the window, on the planner's own library
 * @app: the application, whose window moves to the shared library
 * @uri: the shared library
 * @rejected: whether the server did not accept the password just tried
 *
 * Asks for the password of @uri's login.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
pb_password_dialog_present (GtkWindow     *parent,
                            PbApplication *app,
                            const char    *uri,
                            gboolean       rejected)
{
  g_autofree char *name = pb_db_display_name (uri);
  g_autofree char *login = pb_db_server_login (uri);
  g_autofree char *label = NULL;
  GtkWidget *dialog;
  Ask *a = g_new0 (Ask, 1);

  g_set_weak_pointer (&a->parent, parent);
  g_set_weak_pointer (&a->app, app);
  a->uri = g_strdup (uri);

  dialog = adw_message_dialog_new (parent,
                                   rejected ? _("Wrong Password") : _("Password for the Shared Library"),
                                   NULL);
  if (rejected)
    /* Translators: %s is the login ("zhang"), then the library ("plans
     * on db.example.org") */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The password of “%s” was not accepted by the shared library “%s”. Type it again, or cancel to work in your own library."),
                                    login, name);
  else
    /* Translators: %s is the library ("plans on db.example.org"), then
     * the login ("zhang") */
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The shared library “%s” asks for the password of the login “%s”."),
                                    name, login);

  a->entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (a->entry), TRUE);
  g_object_set (a->entry, "activates-default", TRUE, NULL);
  /* Translators: the password field's accessible name; %s is the login */
  label = g_strdup_printf (_("Password of %s"), login);
  gtk_accessible_update_property (GTK_ACCESSIBLE (a->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), a->entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "connect", FALSE);
  g_signal_connect (a->entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), a,
                         (GClosureNotify) (void (*) (void)) ask_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (a->entry);
  return dialog;
}
