/* pb-window.c — the main window: the library of plans and the open plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window reads the store's live lists and changes nothing itself:
 * every action calls one store function, which the history can undo.
 */
#define G_LOG_DOMAIN "pb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-import-window.h"
#include "pb-window.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListView          *plan_list;
  GtkListView          *item_list;
  GtkStack             *stack;
  AdwWindowTitle       *plan_title;
  AdwStatusPage        *error_page;

  PbStore              *store;
  GListModel           *plans;
  GtkSingleSelection   *plan_selection;
  GListModel           *items;
  PbPlan               *plan;
  gulong                plan_notify_id;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_error (PbWindow     *self,
            const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* ---- Plan list (sidebar) ---------------------------------------------- */

static char *
format_period (PbPlan *plan)
{
  int start = pb_plan_get_period_start (plan);
  int end = pb_plan_get_period_end (plan);

  if (start && end)
    return g_strdup_printf ("%d—%d", start, end);
  if (start || end)
    return g_strdup_printf ("%d", start ? start : end);
  return g_strdup ("");
}

static void
plan_row_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
plan_row_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbWindow                 *self)
{
  PbPlan *plan = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *period = format_period (plan);
  g_autofree char *text = NULL;
  guint n_items = pb_store_count (self->store, PB_TYPE_ITEM, "plan_id", pb_record_get_id (PB_RECORD (plan)));

  gtk_label_set_text (GTK_LABEL (title), pb_plan_get_title (plan));
  gtk_widget_set_tooltip_text (title, pb_plan_get_title (plan));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u item", "%s · %u items", n_items),
                          period, n_items);
  gtk_label_set_text (GTK_LABEL (subtitle), text);
}

/* ---- Item list (content) ---------------------------------------------- */

static void
item_row_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_label_set_yalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "item-number");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (row), number);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static const char *
kind_label (PbItemKind kind)
{
  switch (kind)
    {
    case PB_ITEM_KIND_GOAL:    return _("Goal");
    case PB_ITEM_KIND_MEASURE: return _("Measure");
    case PB_ITEM_KIND_TASK:
    default:                   return _("Task");
    }
}

static void
item_row_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PbWindow                 *self)
{
  PbItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *number = gtk_widget_get_first_child (row);
  GtkWidget *texts = gtk_widget_get_next_sibling (number);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autoptr(PbSection) section = pb_store_get_record (self->store, PB_TYPE_SECTION, pb_item_get_section_id (item));
  g_autofree char *leads = pb_store_dup_lead_names (self->store, pb_record_get_id (PB_RECORD (item)));
  g_autoptr(GString) line = g_string_new (kind_label (pb_item_get_kind (item)));

  if (section != NULL)
    g_string_append_printf (line, " · %s %s", pb_section_get_number (section), pb_section_get_title (section));
  if (leads[0] != '\0')
    {
      /* TRANSLATORS: %s is the lead organisations of an item */
      g_autofree char *lead = g_strdup_printf (_("Lead: %s"), leads);
      g_string_append_printf (line, " · %s", lead);
    }

  gtk_label_set_text (GTK_LABEL (number), pb_item_get_number (item));
  gtk_label_set_text (GTK_LABEL (title), pb_item_get_title (item));
  gtk_label_set_text (GTK_LABEL (subtitle), line->str);
}

/* ---- Selection -------------------------------------------------------- */

static void
update_title (PbWindow *self)
{
  const char *doc_number;

  if (self->plan == NULL)
    {
      adw_window_title_set_title (self->plan_title, _("Planboard"));
      adw_window_title_set_subtitle (self->plan_title, NULL);
      return;
    }

  doc_number = pb_record_get_string (PB_RECORD (self->plan), "doc_number");
  adw_window_title_set_title (self->plan_title, pb_plan_get_title (self->plan));
  adw_window_title_set_subtitle (self->plan_title, doc_number);
}

static void
set_plan (PbWindow *self,
          PbPlan   *plan)
{
  if (self->plan == plan)
    return;

  g_clear_signal_handler (&self->plan_notify_id, self->plan);
  g_set_object (&self->plan, plan);
  g_clear_object (&self->items);

  if (plan != NULL)
    {
      self->plan_notify_id = g_signal_connect_object (plan, "notify", G_CALLBACK (update_title),
                                                      self, G_CONNECT_SWAPPED);
      self->items = pb_store_list_items (self->store, pb_record_get_id (PB_RECORD (plan)));
      gtk_list_view_set_model (self->item_list,
                               GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->items))));
      gtk_stack_set_visible_child_name (self->stack, "plan");
    }
  else
    {
      gtk_list_view_set_model (self->item_list, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }

  update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-plan", plan != NULL);
}

static void
selection_changed_cb (PbWindow *self)
{
  PbPlan *plan = gtk_single_selection_get_selected_item (self->plan_selection);

  set_plan (self, plan);

  if (plan == NULL && self->store != NULL && g_list_model_get_n_items (self->plans) > 0)
    gtk_single_selection_set_selected (self->plan_selection, 0);
}

static void
plan_activated_cb (PbWindow *self,
                   guint     position)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (PbWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
pb_window_select_plan (PbWindow *self,
                       gint64    plan_id)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  for (guint i = 0; self->plans && i < g_list_model_get_n_items (self->plans); i++)
    {
      g_autoptr(PbRecord) plan = g_list_model_get_item (self->plans, i);

      if (pb_record_get_id (plan) == plan_id)
        {
          gtk_single_selection_set_selected (self->plan_selection, i);
          return;
        }
    }
}

gint64
pb_window_get_selected_plan (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), 0);
  return self->plan ? pb_record_get_id (PB_RECORD (self->plan)) : 0;
}

/* ---- Actions ---------------------------------------------------------- */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pb_store_undo (self->store, &error))
    show_error (self, error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pb_store_redo (self->store, &error))
    show_error (self, error);
}

static void
add_example_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pb_store_add_example_plan (self->store, &error);
  if (id == 0)
    show_error (self, error);
  else
    pb_window_select_plan (self, id);
}

static void
plan_created_cb (PbWindow *self,
                 gint64    plan_id)
{
  pb_window_select_plan (self, plan_id);
}

static PbImportWindow *
open_import_window (PbWindow *self)
{
  PbImportWindow *import;

  if (self->store == NULL)
    return NULL;

  import = pb_import_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (import, "plan-created", G_CALLBACK (plan_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (import));
  return import;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_import_window (PB_WINDOW (widget));
}

/**
 * pb_window_import_file:
 * @self: the main window
 * @file: a plan document
 *
 * Opens the import window on @file, which it reads for review.
 */
void
pb_window_import_file (PbWindow *self,
                       GFile    *file)
{
  PbImportWindow *import = open_import_window (self);

  if (import != NULL)
    pb_import_window_read_file (import, file);
}

static void
toast_undo_cb (PbWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pb_store_undo (self->store, &error))
    show_error (self, error);
}

static void
delete_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (self->plan == NULL)
    return;

  title = g_strdup (pb_plan_get_title (self->plan));
  if (!pb_store_delete (self->store, self->plan, &error))
    {
      show_error (self, error);
      return;
    }

  /* Toast titles are markup. */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new_format (_("“%s” deleted"), escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
history_changed_cb (PbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->store != NULL && pb_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->store != NULL && pb_store_can_redo (self->store));
}

/* ---- Window state ----------------------------------------------------- */

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);
  PbApplication *app = PB_APPLICATION (gtk_window_get_application (window));
  GSettings *settings = app ? pb_application_get_settings (app) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_int64 (settings, "last-plan", pb_window_get_selected_plan (self));
    }

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = PB_WINDOW (object);

  if (self->plan)
    g_clear_signal_handler (&self->plan_notify_id, self->plan);
  g_clear_object (&self->plan);
  g_clear_object (&self->items);
  g_clear_object (&self->plan_selection);
  g_clear_object (&self->plans);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  window_class->close_request = pb_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, plan_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, item_list);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, plan_title);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-example", NULL, add_example_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.delete-plan", NULL, delete_plan_action);
}

static void
pb_window_init (PbWindow *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (plan_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (plan_row_bind), self);
  gtk_list_view_set_factory (self->plan_list, factory);
  g_object_unref (factory);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (item_row_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (item_row_bind), self);
  gtk_list_view_set_factory (self->item_list, factory);
  g_object_unref (factory);

  g_signal_connect_object (self->plan_list, "activate", G_CALLBACK (plan_activated_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
pb_window_set_application_store (PbWindow      *self,
                                 PbApplication *app)
{
  GSettings *settings = pb_application_get_settings (app);
  const GError *error = pb_application_get_store_error (app);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  self->store = pb_application_get_store (app);
  if (self->store == NULL)
    {
      adw_status_page_set_description (self->error_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-example", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-plan", FALSE);
      history_changed_cb (self);
      return;
    }
  g_object_ref (self->store);

  g_signal_connect_object (self->store, "notify::can-undo", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::can-redo", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  history_changed_cb (self);

  self->plans = pb_store_list_plans (self->store);
  self->plan_selection = gtk_single_selection_new (g_object_ref (self->plans));
  gtk_single_selection_set_autoselect (self->plan_selection, TRUE);
  g_signal_connect_object (self->plan_selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->plan_list, GTK_SELECTION_MODEL (self->plan_selection));

  if (settings != NULL)
    pb_window_select_plan (self, g_settings_get_int64 (settings, "last-plan"));
  selection_changed_cb (self);
}

PbWindow *
pb_window_new (PbApplication *application)
{
  PbWindow *self = g_object_new (PB_TYPE_WINDOW, "application", application, NULL);

  pb_window_set_application_store (self, application);
  return self;
}
