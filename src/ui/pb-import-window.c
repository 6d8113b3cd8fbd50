/* pb-import-window.c — import a plan document, review it, create the plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three pages: the source (a file, or pasted text); reading, which runs in
 * a worker thread and can be cancelled; and the review, where the officer
 * corrects what the importer found before anything is saved. The draft is
 * the importer's planboard-plan/1 JSON; the review edits it in place, and
 * Create Plan hands it to the store as one command.
 */
#define G_LOG_DOMAIN "pb-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-document.h"
#include "pb-format.h"
#include "pb-import-window.h"
#include "pb-plan-parser.h"

struct _PbImportWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  GtkTextView         *text_view;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *progress_page;
  AdwPreferencesPage  *review_page;
  AdwPreferencesGroup *plan_group;
  AdwEntryRow         *title_row;
  AdwActionRow        *summary_row;
  GtkButton           *create_button;

  PbStore             *store;
  GCancellable        *cancellable;
  JsonNode            *draft;
  GPtrArray           *groups;       /* review groups to remove on re-read */
  guint                pulse_id;
  GtkFileChooserNative *chooser;
};

enum {
  PLAN_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PbImportWindow, pb_import_window, ADW_TYPE_WINDOW)

static void
update_actions (PbImportWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.create", g_str_equal (page, "review"));
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), g_str_equal (page, "review"));
}

static void
show_page (PbImportWindow *self,
           const char     *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

const char *
pb_import_window_get_page (PbImportWindow *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
toast (PbImportWindow *self,
       const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* ---- Review ------------------------------------------------------------- */

static char *
join_names (JsonArray *names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; names && i < json_array_get_length (names); i++)
    g_string_append_printf (s, "%s%s", i ? "、" : "", json_array_get_string_element (names, i));
  return g_string_free (s, FALSE);
}

/* "市经信局、市发改委,各区政府" → the names, for an edited list. */
static JsonArray *
split_names (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[、,,;;]", text, 0, 0);
  JsonArray *a = json_array_new ();

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0])
        json_array_add_string_element (a, parts[i]);
    }
  return a;
}

static char *
format_target (JsonObject *t)
{
  const char *cmp = json_object_get_string_member_with_default (t, "comparator", "=");
  const char *symbol = g_str_equal (cmp, ">=") ? "≥" : g_str_equal (cmp, "<=") ? "≤" : g_str_equal (cmp, "~") ? "≈" : "";
  g_autofree char *value = pb_format_number (json_object_get_double_member_with_default (t, "value", 0), NULL);

  if (json_object_has_member (t, "year") && json_object_get_null_member (t, "year"))
    /* TRANSLATORS: a target whose document gives no year: comparator, value, unit, e.g. ≥10000 个 */
    return g_strdup_printf (_("No year: %s%s %s"), symbol, value,
                            json_object_get_string_member_with_default (t, "unit", ""));

  /* TRANSLATORS: a target: year, comparator, value, unit, e.g. 2024: ≥10000 个 */
  return g_strdup_printf (_("%d: %s%s %s"), (int) json_object_get_int_member_with_default (t, "year", 0),
                          symbol, value, json_object_get_string_member_with_default (t, "unit", ""));
}

static void
title_changed_cb (GtkEditable *editable,
                  JsonObject  *object)
{
  json_object_set_string_member (object, "title", gtk_editable_get_text (editable));
}

static void
units_changed_cb (GtkEditable *editable,
                  JsonObject  *item)
{
  const char *member = g_object_get_data (G_OBJECT (editable), "member");

  json_object_set_array_member (item, member, split_names (gtk_editable_get_text (editable)));
}

static void
include_toggled_cb (GtkCheckButton *check,
                    JsonObject     *object)
{
  json_object_set_boolean_member (object, "_skip", !gtk_check_button_get_active (check));
}

static GtkWidget *
include_check (JsonObject *object,
               const char *tooltip)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_signal_connect_data (check, "toggled", G_CALLBACK (include_toggled_cb),
                         json_object_ref (object), (GClosureNotify) (void (*)(void)) json_object_unref, 0);
  return check;
}

static GtkWidget *
units_row (JsonObject *item,
           const char *member,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = join_names (json_object_get_array_member (item, member));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_object_set_data (G_OBJECT (row), "member", (gpointer) member);
  g_signal_connect_data (row, "changed", G_CALLBACK (units_changed_cb),
                         json_object_ref (item), (GClosureNotify) (void (*)(void)) json_object_unref, 0);
  return row;
}

static GtkWidget *
item_row (JsonObject *item)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *title = adw_entry_row_new ();
  JsonArray *targets = json_object_get_array_member (item, "targets");
  const char *number = json_object_get_string_member_with_default (item, "number", "");
  const char *name = json_object_get_string_member_with_default (item, "title", "");
  g_autofree char *heading = g_strdup_printf ("%s%s%s", number, number[0] ? " " : "", name);
  g_autofree char *escaped = g_markup_escape_text (heading, -1);
  g_autofree char *leads = join_names (json_object_get_array_member (item, "lead_units"));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gboolean doubtful = json_object_get_boolean_member_with_default (item, "review", FALSE);
  guint n_targets = targets ? json_array_get_length (targets) : 0;

  if (leads[0])
    {
      /* TRANSLATORS: %s is the lead organisations of an item */
      g_autofree char *lead = g_strdup_printf (_("Lead: %s"), leads);
      g_string_append (subtitle, lead);
    }
  if (n_targets > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target", "%u targets", n_targets),
                                                n_targets);
      g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", count);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  {
    g_autofree char *sub = g_markup_escape_text (subtitle->str, -1);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), sub);
  }
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row),
                               include_check (item, _("Import this item")));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (title), name);
  g_signal_connect_data (title, "changed", G_CALLBACK (title_changed_cb),
                         json_object_ref (item), (GClosureNotify) (void (*)(void)) json_object_unref, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), units_row (item, "lead_units", _("Lead organisations")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), units_row (item, "responsible_units", _("Responsible organisations")));

  for (guint i = 0; i < n_targets; i++)
    {
      JsonObject *t = json_array_get_object_element (targets, i);
      GtkWidget *target = adw_action_row_new ();
      g_autofree char *label = format_target (t);
      g_autofree char *label_escaped = g_markup_escape_text (label, -1);
      g_autofree char *indicator = g_markup_escape_text (json_object_get_string_member_with_default (t, "indicator", ""), -1);
      gboolean borderline = g_strcmp0 (json_object_get_string_member_with_default (t, "confidence", "clear"), "borderline") == 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target), label_escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (target), indicator);
      adw_action_row_add_prefix (ADW_ACTION_ROW (target), include_check (t, _("Import this target")));
      if (json_object_get_boolean_member_with_default (t, "stretch", FALSE))
        {
          GtkWidget *tag = gtk_label_new (_("Stretch"));
          gtk_widget_add_css_class (tag, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (target), tag);
        }
      if (borderline)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_set_tooltip_text (icon, _("Readers could disagree that this is a target: check it"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Uncertain target"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (target), icon);
          doubtful = TRUE;
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target);
    }

  if (doubtful)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Check this item: its organisations or targets are uncertain"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Needs review"), -1);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
    }

  return row;
}

static void
clear_review (PbImportWindow *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->review_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static AdwPreferencesGroup *
add_group (PbImportWindow *self,
           const char     *title,
           const char     *parent)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
  if (parent != NULL)
    {
      g_autofree char *escaped_parent = g_markup_escape_text (parent, -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped_parent);
    }
  adw_preferences_page_add (self->review_page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
build_review (PbImportWindow *self)
{
  JsonObject *plan = json_node_get_object (self->draft);
  JsonArray *sections = json_object_get_array_member (plan, "sections");
  JsonArray *items = json_object_get_array_member (plan, "items");
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) orgs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  AdwPreferencesGroup *loose = NULL;
  guint n_targets = 0;
  g_autofree char *summary = NULL;

  clear_review (self);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         json_object_get_string_member_with_default (plan, "title", ""));

  /* One group per section that holds items, in document order. */
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      g_autofree char *title = g_strdup_printf ("%s %s", json_object_get_string_member_with_default (s, "number", ""),
                                                json_object_get_string_member_with_default (s, "title", ""));
      const char *id = json_object_get_string_member (s, "id");
      const char *parent = json_object_get_string_member_with_default (s, "parent", NULL);
      gboolean used = FALSE;

      g_hash_table_insert (titles, (gpointer) id, g_strstrip (g_strdup (title)));

      for (guint k = 0; k < json_array_get_length (items) && !used; k++)
        used = g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (items, k), "section", ""), id) == 0;
      if (used)
        g_hash_table_insert (groups, (gpointer) id,
                             add_group (self, g_strstrip (title),
                                        parent ? g_hash_table_lookup (titles, parent) : NULL));
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      const char *section = json_object_get_string_member_with_default (it, "section", NULL);
      AdwPreferencesGroup *group = section ? g_hash_table_lookup (groups, section) : NULL;
      JsonArray *leads = json_object_get_array_member (it, "lead_units");
      JsonArray *resp = json_object_get_array_member (it, "responsible_units");

      if (group == NULL)
        {
          if (loose == NULL)
            loose = add_group (self, _("Other Items"), NULL);
          group = loose;
        }
      adw_preferences_group_add (group, item_row (it));

      n_targets += json_array_get_length (json_object_get_array_member (it, "targets"));
      for (guint k = 0; leads && k < json_array_get_length (leads); k++)
        g_hash_table_add (orgs, (gpointer) json_array_get_string_element (leads, k));
      for (guint k = 0; resp && k < json_array_get_length (resp); k++)
        g_hash_table_add (orgs, (gpointer) json_array_get_string_element (resp, k));
    }

  /* TRANSLATORS: what the importer found; each %u is a count */
  summary = g_strdup_printf (_("%u sections, %u items, %u organisations, %u targets"),
                             json_array_get_length (sections), json_array_get_length (items),
                             g_hash_table_size (orgs), n_targets);
  adw_action_row_set_subtitle (self->summary_row, summary);
  if (json_array_get_length (items) == 0)
    toast (self, _("No numbered items were found. Check that this is a plan document."));
}

/* ---- Reading ------------------------------------------------------------ */

typedef struct
{
  GFile *file;
  char  *text;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_free (data->text);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  JsonNode *plan;

  if (data->file)
    {
      g_autofree char *path = g_file_get_path (data->file);
      plan = pb_document_parse (path, cancellable, &error);
    }
  else
    plan = pb_plan_parse_text (data->text, -1, cancellable, &error);

  if (plan)
    g_task_return_pointer (task, plan, (GDestroyNotify) json_node_unref);
  else
    g_task_return_error (task, error);
}

static gboolean
pulse_cb (gpointer user_data)
{
  PbImportWindow *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  JsonNode *plan = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);

  if (plan == NULL)
    {
      show_page (self, "source");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->draft, json_node_unref);
  self->draft = plan;
  build_review (self);
  show_page (self, "review");
}

static void
start_reading (PbImportWindow *self,
               ReadData       *data,
               const char     *what)
{
  g_autoptr(GTask) task = NULL;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  self->cancellable = g_cancellable_new ();

  {
    /* A status page's description is markup; a file name is not. */
    g_autofree char *escaped = g_markup_escape_text (what, -1);
    adw_status_page_set_description (self->progress_page, escaped);
  }
  show_page (self, "progress");
  self->pulse_id = g_timeout_add (100, pulse_cb, self);

  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * pb_import_window_read_file:
 * @self: an import window
 * @file: a plan document
 *
 * Reads @file in a worker thread, then shows what was found for review.
 */
void
pb_import_window_read_file (PbImportWindow *self,
                            GFile          *file)
{
  ReadData *data = g_new0 (ReadData, 1);
  g_autofree char *name = g_file_get_basename (file);

  g_return_if_fail (PB_IS_IMPORT_WINDOW (self));

  data->file = g_object_ref (file);
  start_reading (self, data, name);
}

void
pb_import_window_read_text (PbImportWindow *self,
                            const char     *text)
{
  ReadData *data = g_new0 (ReadData, 1);

  g_return_if_fail (PB_IS_IMPORT_WINDOW (self));

  data->text = g_strdup (text);
  start_reading (self, data, _("Pasted text"));
}

/* ---- Actions ------------------------------------------------------------ */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PbImportWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      pb_import_window_read_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Plan documents"));
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "docx");
  gtk_file_filter_add_suffix (filter, "pdf");

  self->chooser = gtk_file_chooser_native_new (_("Choose a Plan Document"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
read_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strstrip (text)[0] == '\0')
    {
      toast (self, _("Paste the plan's text first."));
      return;
    }
  pb_import_window_read_text (self, text);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);

  /* While reading, Cancel stops reading; otherwise it closes. */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* The draft without what the review left out. */
static JsonNode *
accepted_draft (PbImportWindow *self)
{
  JsonNode *copy = json_node_copy (self->draft);
  JsonObject *plan = json_node_get_object (copy);
  JsonArray *items = json_object_get_array_member (plan, "items");
  JsonArray *kept = json_array_new ();

  json_object_set_string_member (plan, "title", gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      JsonArray *targets = json_object_get_array_member (it, "targets");
      JsonArray *kept_targets = json_array_new ();

      if (json_object_get_boolean_member_with_default (it, "_skip", FALSE))
        {
          json_array_unref (kept_targets);
          continue;
        }
      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        {
          JsonObject *t = json_array_get_object_element (targets, k);
          if (!json_object_get_boolean_member_with_default (t, "_skip", FALSE))
            json_array_add_object_element (kept_targets, json_object_ref (t));
        }
      json_object_set_array_member (it, "targets", kept_targets);
      json_array_add_object_element (kept, json_object_ref (it));
    }
  json_object_set_array_member (plan, "items", kept);

  return copy;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->draft == NULL)
    return;

  plan = accepted_draft (self);
  id = pb_store_import_plan_json (self->store, plan, &error);
  if (id == 0)
    {
      toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[PLAN_CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- Object ------------------------------------------------------------- */

static void
pb_import_window_dispose (GObject *object)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_pointer (&self->draft, json_node_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_IMPORT_WINDOW);

  G_OBJECT_CLASS (pb_import_window_parent_class)->dispose (object);
}

static void
pb_import_window_class_init (PbImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_import_window_dispose;

  /**
   * PbImportWindow::plan-created:
   * @plan_id: the new plan
   */
  signals[PLAN_CREATED] =
    g_signal_new ("plan-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, plan_group);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, summary_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, create_button);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.read-text", NULL, read_text_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.create", NULL);
}

static void
pb_import_window_init (PbImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  update_actions (self);
}

PbImportWindow *
pb_import_window_new (GtkWindow *parent,
                      PbStore   *store)
{
  PbImportWindow *self = g_object_new (PB_TYPE_IMPORT_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  return self;
}
