/* pb-item-editor.c — everything about one item, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title, number, text, kind, section, dates, status and progress; its lead
 * and responsible organisations; its indicators and their targets; its
 * dependencies; the progress log. Typing saves by itself after a pause,
 * each save one undoable command; leaving a field saves at once.
 */
#define G_LOG_DOMAIN "pb-item-editor"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "pb-indicator-links.h"
#include "pb-item-editor.h"
#include "pb-format.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-ui-util.h"

#define SAVE_DELAY_MSEC 400

typedef enum
{
  FIELD_TITLE,
  FIELD_NUMBER,
  FIELD_BODY,
  FIELD_START,
  FIELD_DUE,
  N_FIELDS
} FieldId;

struct _PbItemEditor
{
  GtkWidget            parent_instance;

  PbStore             *store;
  PbItem              *item;
  PbIndicator         *removing_indicator; /* its bin clicked, to act when idle */
  guint                remove_indicator_id;
  GBindingGroup       *bindings;       /* the fields, to the item's properties */
  GSignalGroup        *item_signals;
  gboolean             dirty[N_FIELDS];
  /* What Escape takes a field back to: the item's value when the field
   * got the focus (or the item was opened), and whether it was typed in
   * since. */
  char                *focus_text[N_FIELDS];
  gboolean             typed[N_FIELDS];
  guint                save_id;
  /* The progress slider: one gesture, one command. A drag (press to
   * release) is stored at the release, keys after a pause or as the
   * keyboard leaves; the slider and its figure follow at once. */
  guint                progress_save_id;
  gboolean             progress_pressed;
  gboolean             loading;        /* a picker's model being replaced */

  GtkWidget           *page;
  AdwPreferencesGroup *item_group;
  AdwEntryRow         *title_row;
  GtkWidget           *close_button;
  AdwEntryRow         *number_row;
  GtkLabel            *number_note;
  GtkLabel            *title_error;
  GtkLabel            *date_error;
  GtkTextView         *body_view;
  GtkTextBuffer       *body_buffer;
  AdwComboRow         *kind_row;
  AdwComboRow         *section_row;
  AdwComboRow         *status_row;
  AdwComboRow         *progress_mode_row;
  AdwActionRow        *progress_row;
  GtkScale            *progress_scale;
  GtkAdjustment       *progress_adjustment;
  AdwActionRow        *health_row;
  GtkButton           *health_clear_button;
  GtkMenuButton       *health_button;
  GtkPopover          *health_popover;
  GtkDropDown         *health_dropdown;
  GtkEntry            *health_reason_entry;
  GtkButton           *health_set_button;
  AdwEntryRow         *start_row;
  AdwEntryRow         *due_row;
  AdwPreferencesGroup *orgs_group;
  AdwEntryRow         *add_org_row;
  AdwComboRow         *pick_org_row;
  GListModel          *plan_orgs;
  AdwPreferencesGroup *indicators_group;
  AdwEntryRow         *add_indicator_row;
  AdwPreferencesGroup *deps_group;
  AdwComboRow         *add_dep_row;
  GListModel          *plan_items;
  GArray              *dep_choices;  /* item ids, as add_dep_row lists them after "Choose…" */
  guint                pickers_id;   /* the pickers back to "Choose…" after a pick */
  AdwPreferencesGroup *notes_group;
  AdwEntryRow         *add_note_row;
  GPtrArray           *dynamic_rows;   /* rows rebuilt on change */
  GListModel          *sections;

  /* A target being added: shown as a row, not in the store until it has
   * a value (a target of 0 would make the item red). */
  gint64               draft_indicator; /* 0: none */
  int                  draft_year;
  gboolean             draft_focus;     /* put the keyboard in its value once shown */
  /* What its fields hold, kept through a rebuild of the lists. */
  char                *draft_year_text;
  char                *draft_value_text;
  char                *draft_year_error;
  char                *draft_value_error;
  int                  draft_comparator;
  gboolean             draft_stretch;
  gboolean             draft_propose_stretch; /* every year has a firm target: a 力争 one */
  gboolean             draft_saved;
  /* Add Target pressed: opened once the click is over (the button goes
   * with the lists it rebuilds). */
  guint                add_target_id;
  gint64               add_target_indicator;
  /* What a rebuild of the lists keeps: the indicators open, and where the
   * keyboard was. */
  GHashTable          *expanded;        /* indicator ids (gint64 *) */
  /* A reporter of a shared library changes only the status, progress and
   * notes of its own organisation's items; the rest is the office's. */
  gboolean             office_only;    /* the planner is a reporter */
  gboolean             may_report;     /* …on this item */
  char                *report_refusal; /* why it may not, or NULL */
};

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PbItemEditor, pb_item_editor, GTK_TYPE_WIDGET)

static void
report (PbItemEditor *self,
        const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    {
      /* Toast titles are markup. At once, in place of the toast before
       * (an overlay would queue it behind an older one). */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      pb_ui_show_toast (overlay, adw_toast_new (escaped));
    }
  else
    g_warning ("%s", error->message);
}

static void     commit_target_field (PbItemEditor *self,
                                     GtkEditable  *entry);
typedef enum
{
  DRAFT_ENTER,  /* Return in its year or value */
  DRAFT_LEAVE,  /* the keyboard left it: Tab, a click elsewhere, Add Target */
  DRAFT_FLUSH,  /* another item opens, the editor closes */
} DraftCommit;
static gboolean commit_draft        (PbItemEditor *self,
                                     GtkEditable  *entry,
                                     DraftCommit   how);
static gboolean target_field_typed  (GtkEditable  *entry);

/* ---- Fields bound to the item's properties ------------------------------ */

/* The title, number, text and dates show the item's properties through
 * bindings, so that a change to one of them by the store (undo, another
 * window, another program) shows in that field alone. A field the
 * planner has typed in and not saved yet is "dirty": the store's value
 * does not overwrite it until it is saved or taken back with Escape. */

static const char *const field_columns[N_FIELDS] = {
  [FIELD_TITLE] = "title",
  [FIELD_NUMBER] = "number",
  [FIELD_BODY] = "body",
  [FIELD_START] = "start_date",
  [FIELD_DUE] = "due_date",
};

static GtkWidget *
field_widget (PbItemEditor *self,
              FieldId       id)
{
  switch (id)
    {
    case FIELD_TITLE:  return GTK_WIDGET (self->title_row);
    case FIELD_NUMBER: return GTK_WIDGET (self->number_row);
    case FIELD_BODY:   return GTK_WIDGET (self->body_view);
    case FIELD_START:  return GTK_WIDGET (self->start_row);
    case FIELD_DUE:    return GTK_WIDGET (self->due_row);
    case N_FIELDS:
    default:           g_assert_not_reached ();
    }
}

static FieldId
field_of (PbItemEditor *self,
          gpointer      widget)
{
  if (widget == self->body_buffer)
    return FIELD_BODY;
  for (FieldId id = 0; id < N_FIELDS; id++)
    if (field_widget (self, id) == widget)
      return id;
  return N_FIELDS;
}

static char *
field_text (PbItemEditor *self,
            FieldId       id)
{
  if (id == FIELD_BODY)
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_bounds (self->body_buffer, &a, &b);
      return gtk_text_buffer_get_text (self->body_buffer, &a, &b, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field_widget (self, id))));
}

static const char *
stored_text (PbItemEditor *self,
             FieldId       id)
{
  const char *text = pb_record_get_string (PB_RECORD (self->item), field_columns[id]);

  return text ? text : "";
}

/* Whether the field shows something else than the item holds. */
static void
field_update_dirty (PbItemEditor *self,
                    FieldId       id)
{
  g_autofree char *text = NULL;

  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    {
      self->dirty[id] = FALSE;
      return;
    }
  text = field_text (self, id);
  self->dirty[id] = g_strcmp0 (text, stored_text (self, id)) != 0;
}

/* A date's refusal: the field at fault turns red and the reason shows
 * right under the dates; %NULL clears both. */
static void
show_date_error (PbItemEditor *self,
                 FieldId       id,
                 const char   *message)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
  if (message)
    {
      gtk_widget_add_css_class (field_widget (self, id), "error");
      gtk_label_set_text (self->date_error, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->date_error), message != NULL);
}

/* A number another item carries where the plan wants it once (anywhere
 * in a plan numbered straight through its sections, in the section where
 * each section counts from 1), said under the field as it is typed: "10
 * is also the number of 推进政务服务“一网通办” in (三) …". Saving it is
 * not refused: a plan may be being renumbered. */
static void
update_number_note (PbItemEditor *self)
{
  g_autofree char *number = NULL;
  g_autoptr(PbItem) other = NULL;
  g_autofree char *text = NULL;

  if (self->item && !pb_record_is_deleted (PB_RECORD (self->item)))
    {
      number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
      other = pb_store_find_number_clash (self->store, self->item, number);
    }
  if (other)
    {
      gint64 section_id = pb_item_get_section_id (other);
      g_autoptr(PbSection) section = section_id ? pb_store_get_record (self->store, PB_TYPE_SECTION, section_id) : NULL;
      const char *title = pb_item_get_title (other)[0] ? pb_item_get_title (other) : _("Untitled item");

      if (section)
        {
          g_autofree char *heading = pb_format_section_heading (pb_section_get_number (section),
                                                                pb_section_get_title (section));

          /* Translators: under an item's number in the editor: the number,
           * the other item's title, its section ("(三) 建设开放共享的创新基础设施") */
          text = g_strdup_printf (_("%s is also the number of %s in %s"), number, title, g_strstrip (heading));
        }
      else
        /* Translators: under an item's number in the editor: the number,
         * the other item's title */
        text = g_strdup_printf (_("%s is also the number of %s"), number, title);
      gtk_label_set_text (self->number_note, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->number_note), other != NULL);
  if (other)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->number_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    self->number_note, NULL, -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->number_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

/* The item's value to the field, unless the field is being typed in. */
static gboolean
to_field (GBinding     *binding,
          const GValue *from,
          GValue       *to,
          gpointer      user_data)
{
  gboolean *dirty = user_data;
  const char *text = g_value_get_string (from);

  if (*dirty)
    return FALSE;
  g_value_set_string (to, text ? text : "");
  return TRUE;
}

static gboolean
enum_to_selected (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_uint (to, g_value_get_enum (from));
  return TRUE;
}

static gboolean
progress_to_percent (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  double progress = g_value_get_double (from);

  g_value_set_double (to, isnan (progress) ? 0 : CLAMP (progress, 0, 1) * 100);
  return TRUE;
}

/* Progress from indicators is computed, not set by hand. */
static gboolean
mode_to_scale_sensitive (GBinding     *binding,
                         const GValue *from,
                         GValue       *to,
                         gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_enum (from) != PB_PROGRESS_MODE_INDICATORS);
  return TRUE;
}

static gboolean
section_to_selected (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  PbItemEditor *self = user_data;
  gint64 section = g_value_get_int64 (from);
  guint index = 0;

  for (guint i = 0; self->sections && i < g_list_model_get_n_items (self->sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (self->sections, i);

      if (pb_record_get_id (PB_RECORD (s)) == section)
        index = i + 1;
    }
  g_value_set_uint (to, index);
  return TRUE;
}

/* ---- Saving ------------------------------------------------------------- */

static void
show_title_error (PbItemEditor *self,
                  gboolean      refused)
{
  GtkWidget *row = field_widget (self, FIELD_TITLE);

  if (refused)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_label_set_text (self->title_error, _("An item needs a title. Type one, or press Escape to take back the one it had."));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->title_error, NULL, -1);
    }
  else if (gtk_widget_get_visible (GTK_WIDGET (self->title_error)))
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->title_error), refused);
}

/* A title, number or text saved or taken back: no longer marked as not
 * saved. */
static void
unmark_unsaved (PbItemEditor *self,
                FieldId       id)
{
  if (id > FIELD_BODY || !gtk_widget_has_css_class (field_widget (self, id), "error"))
    return;
  gtk_widget_remove_css_class (field_widget (self, id), "error");
  gtk_widget_set_tooltip_text (field_widget (self, id), NULL);
}

static void
save_now (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *texts[N_FIELDS] = { NULL };
  const char *columns[4] = { NULL };
  const char *values[4] = { NULL };
  gboolean title_refused;
  guint n = 0;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;

  for (FieldId id = 0; id < N_FIELDS; id++)
    {
      field_update_dirty (self, id);
      texts[id] = field_text (self, id);
    }

  /* An item keeps a title: one erased (a Delete meant for the card, a
   * slip) is refused with the reason, the item keeping its title, until
   * one is typed or Escape takes the field back. */
  {
    g_autofree char *title = g_strstrip (g_strdup (texts[FIELD_TITLE] ? texts[FIELD_TITLE] : ""));

    title_refused = self->dirty[FIELD_TITLE] && title[0] == '\0';
  }
  show_title_error (self, title_refused);

  /* Title, number and text: one command for what changed, named for it
   * ("Rename Item"); the first unused pair ends the list. */
  for (FieldId id = FIELD_TITLE; id <= FIELD_BODY; id++)
    if (self->dirty[id] && !(id == FIELD_TITLE && title_refused))
      {
        columns[n] = field_columns[id];
        values[n] = texts[id];
        n++;
      }
  if (n > 0 &&
      !pb_store_set (self->store, self->item, &error,
                     columns[0], values[0], columns[1], values[1], columns[2], values[2], NULL))
    {
      /* Refused (the library in use by another program): what was typed
       * stays, marked as not saved with the reason, and is saved when the
       * field is typed in or left again, or the editor moves on. */
      for (FieldId id = FIELD_TITLE; id <= FIELD_BODY; id++)
        if (self->dirty[id])
          {
            gtk_widget_add_css_class (field_widget (self, id), "error");
            gtk_widget_set_tooltip_text (field_widget (self, id), error->message);
          }
      report (self, error);
      g_clear_error (&error);
    }
  else
    for (FieldId id = FIELD_TITLE; id <= FIELD_BODY; id++)
      if (!(id == FIELD_TITLE && title_refused))
        unmark_unsaved (self, id);

  /* The dates through the store's check: each a date, the due date not
   * before the start, both in the plan's period. A refusal says why,
   * under the dates, until they are right or taken back. */
  if (self->dirty[FIELD_START] || self->dirty[FIELD_DUE])
    {
      const char *column = NULL;

      if (!pb_store_check_item_dates (self->store, self->item, texts[FIELD_START], texts[FIELD_DUE],
                                      &column, &error))
        show_date_error (self, g_strcmp0 (column, "start_date") == 0 ? FIELD_START : FIELD_DUE,
                         error->message);
      else if (!pb_store_set_item_dates (self->store, self->item, texts[FIELD_START], texts[FIELD_DUE], &error))
        report (self, error);
      else
        show_date_error (self, FIELD_DUE, NULL);
  show_title_error (self, FALSE);
    }

  for (FieldId id = 0; id < N_FIELDS; id++)
    field_update_dirty (self, id);
}

/* Escape in a field takes back what was typed there, and only there.
 * Typing not saved yet (or refused: red, with the reason) goes back to
 * what the item holds, as the field shows the item's value again. With
 * nothing unsaved, a field that holds something else than when it got
 * the focus (typed, then saved after the pause in typing) goes back to
 * that, saved as one more command named as usual ("Rename Item"), and
 * the editor stays open on the item. In a field with nothing to take
 * back, Escape goes on to close the editor. */
static gboolean
field_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      PbItemEditor          *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  FieldId id = field_of (self, row);

  if (keyval != GDK_KEY_Escape || self->item == NULL || id == N_FIELDS ||
      pb_record_is_deleted (PB_RECORD (self->item)))
    return FALSE;
  field_update_dirty (self, id);
  if (!self->dirty[id] && !gtk_widget_has_css_class (row, "error"))
    {
      g_autofree char *back = NULL;

      if (!self->typed[id] || self->focus_text[id] == NULL ||
          g_strcmp0 (stored_text (self, id), self->focus_text[id]) == 0)
        return FALSE;
      back = g_strdup (self->focus_text[id]);
      gtk_editable_set_text (GTK_EDITABLE (row), back);
      save_now (self);
      self->typed[id] = FALSE;
      return TRUE;
    }

  /* Through the binding: the field shows the item's value again. */
  self->dirty[id] = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (row), stored_text (self, id));
  gtk_widget_remove_css_class (row, "error");
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->start_row), "error") &&
      !gtk_widget_has_css_class (GTK_WIDGET (self->due_row), "error"))
    gtk_widget_set_visible (GTK_WIDGET (self->date_error), FALSE);
  show_title_error (self, FALSE);
  return TRUE;
}

/* Where Escape in a field goes back to: what the item holds as the field
 * gets the focus, unless the field holds typing not saved yet (refused:
 * the library in use, a wrong date), which keeps where it started. */
static void
remember_field (PbItemEditor *self,
                FieldId       id)
{
  g_clear_pointer (&self->focus_text[id], g_free);
  self->typed[id] = FALSE;
  if (self->item != NULL && !pb_record_is_deleted (PB_RECORD (self->item)))
    self->focus_text[id] = g_strdup (stored_text (self, id));
}

static void
field_focus_enter_cb (GtkEventControllerFocus *controller,
                      PbItemEditor            *self)
{
  FieldId id = field_of (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (id == N_FIELDS)
    return;
  field_update_dirty (self, id);
  if (self->dirty[id] || gtk_widget_has_css_class (field_widget (self, id), "error"))
    return;
  remember_field (self, id);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PbItemEditor *self = user_data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/* Typing marks the field dirty and saves after a pause; the binding
 * writing the item's value makes it clean again. */
static void
text_changed_cb (PbItemEditor *self,
                 gpointer      sender)
{
  FieldId id = field_of (self, sender);

  if (id == N_FIELDS)
    return;
  field_update_dirty (self, id);
  if (self->dirty[id])
    self->typed[id] = TRUE;
  if (id == FIELD_NUMBER)
    update_number_note (self);
  if (!self->dirty[id])
    {
      /* Back to what the item holds: nothing to refuse there any more. */
      unmark_unsaved (self, id);
      if (id == FIELD_START || id == FIELD_DUE)
        {
          gtk_widget_remove_css_class (field_widget (self, id), "error");
          if (!gtk_widget_has_css_class (GTK_WIDGET (self->start_row), "error") &&
              !gtk_widget_has_css_class (GTK_WIDGET (self->due_row), "error"))
            gtk_widget_set_visible (GTK_WIDGET (self->date_error), FALSE);
        }
      return;
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MSEC, save_timeout_cb, self);
}

static void save_progress (PbItemEditor *self);

/**
 * pb_item_editor_flush:
 * @self: an editor
 *
 * Saves what is typed but not saved yet.
 */
void
pb_item_editor_flush (PbItemEditor *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (PB_IS_ITEM_EDITOR (self));

  /* A progress being changed with the keys, or dragged. */
  if (self->progress_save_id != 0 || self->progress_pressed)
    {
      self->progress_pressed = FALSE;
      save_progress (self);
    }

  /* Typed and not saved yet, or refused before (the library was in use):
   * saved now. */
  if (self->save_id != 0 ||
      (self->item != NULL &&
       (gtk_widget_has_css_class (field_widget (self, FIELD_TITLE), "error") ||
        gtk_widget_has_css_class (field_widget (self, FIELD_NUMBER), "error") ||
        gtk_widget_has_css_class (field_widget (self, FIELD_BODY), "error"))))
    save_now (self);

  /* A target's year or value being typed in, as Enter would (another
   * item opens, the editor closes). */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus && !GTK_IS_ENTRY (focus))
    focus = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
  if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
      PB_IS_TARGET (g_object_get_data (G_OBJECT (focus), "record")) &&
      g_object_get_data (G_OBJECT (focus), "shown") != NULL &&
      target_field_typed (GTK_EDITABLE (focus)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), g_object_get_data (G_OBJECT (focus), "refused")) != 0)
    commit_target_field (self, GTK_EDITABLE (focus));

  /* A new target typed and not yet added, wherever the keyboard is. */
  commit_draft (self, NULL, DRAFT_FLUSH);
}

static void
combo_changed_cb (PbItemEditor *self,
                  GParamSpec   *pspec,
                  AdwComboRow  *row)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok = TRUE;

  if (self->loading || self->item == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row == self->kind_row && (int) selected != (int) pb_item_get_kind (self->item))
    ok = pb_store_set (self->store, self->item, &error, "kind", (int) selected, NULL);
  else if (row == self->status_row && (int) selected != (int) pb_item_get_status (self->item))
    ok = pb_store_set (self->store, self->item, &error, "status", (int) selected, NULL);
  else if (row == self->progress_mode_row &&
           (int) selected != pb_record_get_enum (PB_RECORD (self->item), "progress_mode"))
    {
      double progress = pb_item_get_progress (self->item);

      /* From indicators: the mean completion of those with an actual;
       * when none has one yet the progress stays as it was. */
      if (selected == PB_PROGRESS_MODE_INDICATORS)
        {
          double computed = pb_store_compute_item_progress (self->store, self->item);

          if (computed >= 0)
            progress = computed;
        }
      ok = pb_store_set (self->store, self->item, &error, "progress_mode", (int) selected,
                         "progress", progress, NULL);
    }
  else if (row == self->section_row)
    {
      gint64 section = 0;

      if (selected > 0)
        {
          g_autoptr(PbSection) s = g_list_model_get_item (self->sections, selected - 1);
          section = pb_record_get_id (PB_RECORD (s));
        }
      /* Moved there as Move to Section… moves it: to the end of the
       * section, the numbers it leaves and joins counting on (one "Move
       * Item"), not dropped among another section's numbers as it was. */
      if (section != pb_item_get_section_id (self->item))
        {
          gint64 id = pb_record_get_id (PB_RECORD (self->item));

          ok = pb_store_move_items_to_section (self->store, &id, 1, section, &error);
        }
    }

  if (!ok)
    report (self, error);
}

/* The slider's value to the item, one command ("Change Progress"), if
 * it is another. */
static void
save_progress (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  double value;

  g_clear_handle_id (&self->progress_save_id, g_source_remove);
  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;
  value = CLAMP (gtk_adjustment_get_value (self->progress_adjustment), 0, 100) / 100.0;
  if (ABS (value - pb_item_get_progress (self->item)) > 0.001 &&
      !pb_store_set (self->store, self->item, &error, "progress", value, NULL))
    {
      report (self, error);
      /* The slider shows what the item holds again. */
      g_object_notify (G_OBJECT (self->item), "progress");
    }
}

static gboolean
save_progress_cb (gpointer user_data)
{
  PbItemEditor *self = user_data;

  self->progress_save_id = 0;
  save_progress (self);
  return G_SOURCE_REMOVE;
}

/* The slider moves (and its figure with it) at every step of a drag or
 * key; the item changes once the gesture is over: at the release of a
 * drag or click, after a pause in pressing keys. */
static gboolean
progress_changed_cb (GtkRange      *range,
                     GtkScrollType  scroll,
                     double         value,
                     PbItemEditor  *self)
{
  if (self->loading || self->item == NULL)
    return FALSE;
  g_clear_handle_id (&self->progress_save_id, g_source_remove);
  if (!self->progress_pressed)
    self->progress_save_id = g_timeout_add (SAVE_DELAY_MSEC, save_progress_cb, self);
  return FALSE;
}

/* Seen before the slider's own gestures, and left to them: where a drag
 * starts and ends. Stored when idle after the release, once the slider
 * has taken its last position. */
static gboolean
progress_event_cb (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   PbItemEditor             *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      self->progress_pressed = TRUE;
      g_clear_handle_id (&self->progress_save_id, g_source_remove);
      break;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
      if (self->progress_pressed)
        {
          self->progress_pressed = FALSE;
          g_clear_handle_id (&self->progress_save_id, g_source_remove);
          self->progress_save_id = g_idle_add (save_progress_cb, self);
        }
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* The keyboard leaving the slider stores what its keys did. */
static void
progress_leave_cb (GtkEventControllerFocus *controller,
                   PbItemEditor            *self)
{
  if (self->progress_save_id != 0 && !self->progress_pressed)
    save_progress (self);
}

/* ---- Lists: organisations, indicators, dependencies, notes -------------- */

static void
delete_record_cb (GtkButton    *button,
                  PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  PbRecord *record = g_object_get_data (G_OBJECT (button), "record");

  if (!pb_store_delete (self->store, record, &error))
    report (self, error);
}

static GtkWidget *
remove_button (PbItemEditor *self,
               PbRecord     *record,
               const char   *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (record), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (delete_record_cb), self);
  return button;
}

/* The items an indicator serves, counted. */
static guint
n_indicator_items (PbItemEditor *self,
                   gint64        indicator_id)
{
  g_autoptr(GListModel) items = pb_store_list_indicator_items (self->store, indicator_id);

  return items ? g_list_model_get_n_items (items) : 0;
}

/* Deletes the indicator, its targets and actuals, as one command, and
 * says so in a toast with Undo. */
static void
delete_indicator (PbItemEditor *self,
                  PbIndicator  *indicator)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!pb_store_delete (self->store, PB_RECORD (indicator), &error))
    {
      report (self, error);
      return;
    }
  /* Translators: a toast; %s is an indicator's name */
  text = g_strdup_printf (_("Deleted indicator “%s”"), pb_indicator_get_name (indicator));
  pb_ui_toast (GTK_WIDGET (self), text, TRUE);
}

static void
delete_indicator_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              PbItemEditor     *self)
{
  PbIndicator *indicator = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_str_equal (response, "delete") && indicator != NULL)
    delete_indicator (self, indicator);
}

/* The bin beside an indicator: an indicator another item serves too is
 * only taken from this item (its targets, its actuals and the other
 * items keep it); one only this item serves is deleted, after a question
 * when actuals were recorded for it, which go with it. Either way a
 * toast says what went, with Undo. */
static gboolean
remove_indicator_idle (gpointer data)
{
  PbItemEditor *self = data;
  g_autoptr(PbIndicator) indicator = g_steal_pointer (&self->removing_indicator);
  gint64 id = indicator ? pb_record_get_id (PB_RECORD (indicator)) : 0;
  g_autoptr(GError) error = NULL;
  guint n_actuals;

  self->remove_indicator_id = 0;
  if (self->item == NULL || indicator == NULL)
    return G_SOURCE_REMOVE;
  if (n_indicator_items (self, id) > 1)
    {
      if (!pb_store_detach_indicator (self->store, pb_record_get_id (PB_RECORD (self->item)), id, &error))
        report (self, error);
      else
        pb_ui_toast (GTK_WIDGET (self), pb_store_get_undo_label (self->store), TRUE);
      return G_SOURCE_REMOVE;
    }
  n_actuals = pb_store_count (self->store, PB_TYPE_ACTUAL, "indicator_id", id);
  if (n_actuals == 0)
    {
      delete_indicator (self, indicator);
      return G_SOURCE_REMOVE;
    }
  {
    /* Translators: a question's heading; %s is an indicator's name */
    g_autofree char *heading = g_strdup_printf (_("Delete Indicator “%s”?"), pb_indicator_get_name (indicator));
    g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "The %u actual recorded for it is deleted with it.",
                                                          "The %u actuals recorded for it are deleted with it.",
                                                          n_actuals),
                                             n_actuals);
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (indicator), g_object_unref);
    g_signal_connect_object (dialog, "response", G_CALLBACK (delete_indicator_response_cb), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
  return G_SOURCE_REMOVE;
}

/* After the click is done: what it removes rebuilds the list the button
 * sits in, which a button still pressed must not be taken from. */
static void
remove_indicator_cb (GtkButton    *button,
                     PbItemEditor *self)
{
  PbIndicator *indicator = g_object_get_data (G_OBJECT (button), "record");

  if (indicator == NULL || self->remove_indicator_id != 0)
    return;
  g_set_object (&self->removing_indicator, indicator);
  self->remove_indicator_id = g_idle_add_full (G_PRIORITY_DEFAULT, remove_indicator_idle, self, NULL);
}

static void
toggle_role_cb (GtkButton    *button,
                PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  PbItemOrg *row = g_object_get_data (G_OBJECT (button), "record");
  PbRole role = pb_item_org_get_role (row) == PB_ROLE_LEAD ? PB_ROLE_RESPONSIBLE : PB_ROLE_LEAD;

  if (!pb_store_set (self->store, row, &error, "role", role, NULL))
    report (self, error);
}

static void
move_org_up_cb (GtkButton    *button,
                PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  PbItemOrg *row = g_object_get_data (G_OBJECT (button), "record");
  PbItemOrg *above = g_object_get_data (G_OBJECT (button), "above");
  gint64 a = pb_record_get_int (PB_RECORD (row), "position");
  gint64 b = pb_record_get_int (PB_RECORD (above), "position");

  /* Swapping two places is one command. */
  pb_store_begin_group (self->store, _("Reorder organisations"));
  if (pb_store_set (self->store, row, &error, "position", a == b ? b - 1 : b, NULL))
    pb_store_set (self->store, above, &error, "position", a, NULL);
  pb_store_end_group (self->store);
  if (error)
    report (self, error);
}

static void plan_period (PbItemEditor *self,
                         int          *first,
                         int          *last);
static void rebuild_lists (PbItemEditor *self);
static char *target_value_text (PbItemEditor *self,
                                PbTarget     *target);
static GtkWidget *refusals_row (GtkWidget *refusal_box);

/* A target field's refusal, said right under the field (the field turns
 * red and keeps what was typed); %NULL clears it. */
static void
show_target_error (GtkEditable *entry,
                   const char  *message)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (entry), "error-label");

  if (message)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  /* What was refused, not to be refused again as the keyboard leaves. */
  g_object_set_data_full (G_OBJECT (entry), "refused",
                          message ? g_strdup (gtk_editable_get_text (entry)) : NULL, g_free);
  /* Back to what the field said before (a target outside the period). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), message ? message : g_object_get_data (G_OBJECT (entry), "tip"));
  if (label)
    {
      GtkWidget *row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
      gboolean any = FALSE;

      gtk_label_set_text (GTK_LABEL (label), message ? message : "");
      gtk_widget_set_visible (label, message != NULL);
      /* The line of refusals shows while one of them does. */
      for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (label)); c; c = gtk_widget_get_next_sibling (c))
        any = any || gtk_widget_get_visible (c);
      if (row)
        gtk_widget_set_visible (row, any);
    }
}

/* Whether @entry is still one of the editor's fields (a rebuild of the
 * lists replaces them). */
static gboolean
in_editor (PbItemEditor *self,
           GtkWidget    *widget)
{
  return gtk_widget_get_root (widget) != NULL && gtk_widget_is_ancestor (widget, GTK_WIDGET (self));
}

/* A target's refusal: under its field while the field is in the editor,
 * else (the planner has gone on to another item) in a toast. */
static void
refuse_target (PbItemEditor *self,
               GtkEditable  *entry,
               const GError *error)
{
  if (entry && in_editor (self, GTK_WIDGET (entry)))
    show_target_error (entry, error->message);
  else
    report (self, error);
}

/* Enter in a target's year or value, or the keyboard leaving it (Tab, a
 * click elsewhere): what was typed is stored, as one command (with the
 * same target another item states), or refused with the reason under
 * the field and nothing changed. */
static void
commit_target_field (PbItemEditor *self,
                     GtkEditable  *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbTarget) target = g_object_ref (g_object_get_data (G_OBJECT (entry), "record"));
  const char *column = g_object_get_data (G_OBJECT (entry), "column");
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));
  PbComparator comparator = pb_record_get_enum (PB_RECORD (target), "comparator");
  gboolean is_year = g_str_equal (column, "year");
  int year = pb_target_get_year (target);
  double value = pb_target_get_value (target);
  g_autofree char *unit = NULL;
  double parsed;

  if (pb_record_is_deleted (PB_RECORD (target)))
    return;
  /* What the Indicators page reads: 1.3万, ≥2600, 85%, 0.85, 2.600 (de),
   * in the indicator's unit ("2万" in 万个 is 2万个). */
  {
    g_autoptr(PbIndicator) k = pb_store_get_record (self->store, PB_TYPE_INDICATOR,
                                                    pb_record_get_int (PB_RECORD (target), "indicator_id"));

    unit = g_strdup (k ? pb_indicator_get_measure_unit (k) : NULL);
  }
  if (is_year ? !pb_parse_number (text, &parsed) || parsed != floor (parsed) || fabs (parsed) > 9999
              : !pb_parse_target_in_unit (text, unit, &comparator, &parsed))
    {
      int first, last;

      plan_period (self, &first, &last);
      if (is_year)
        g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                     _("A target’s year lies within the plan’s period, %d—%d."), first, last);
      else
        g_set_error_literal (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                             _("Not a value: type the target’s value, as 2600 or ≥1.3万."));
      refuse_target (self, entry, error);
      return;
    }
  /* A bare number keeps the target's comparator; ≥, ≤, ~ or = set it. */
  if (is_year)
    year = (int) parsed;
  else
    {
      const char *first = text;

      value = parsed;
      while (*first == ' ')
        first++;
      if (g_ascii_isdigit (*first) || *first == '-' || *first == '+' || *first == '.' ||
          g_unichar_isdigit (g_utf8_get_char (first)))
        comparator = pb_record_get_enum (PB_RECORD (target), "comparator");
    }

  if (!pb_store_change_target (self->store, target, year, value, comparator,
                               pb_record_get_boolean (PB_RECORD (target), "stretch"), &error))
    {
      refuse_target (self, entry, error);
      return;
    }
  if (in_editor (self, GTK_WIDGET (entry)))
    {
      show_target_error (entry, NULL);
      /* Nothing changed (the same value typed again, or 1.5万 for
       * 15,000): the field shows it as stored, the value written as
       * Planboard writes numbers. */
      if (!is_year)
        {
          g_autofree char *shown = target_value_text (self, target);

          g_object_set_data_full (G_OBJECT (entry), "stored", g_strdup (shown), g_free);
          if (g_strcmp0 (gtk_editable_get_text (entry), shown) != 0)
            {
              gtk_editable_set_text (entry, shown);
              gtk_editable_set_position (entry, -1);
            }
          g_object_set_data_full (G_OBJECT (entry), "shown", g_strdup (shown), g_free);
        }
      else
        g_object_set_data_full (G_OBJECT (entry), "shown", g_strdup (text), g_free);
    }
}

static void
target_value_cb (GtkEditable  *entry,
                 PbItemEditor *self)
{
  commit_target_field (self, entry);
}

/* What a target's field shows when nothing is typed in it. */
static char *
target_field_stored (GtkEditable *entry)
{
  return g_strdup (g_object_get_data (G_OBJECT (entry), "stored"));
}

/* A target's value as Planboard writes numbers (DESIGN §7, Preferences ›
 * Amounts): 15,000 or 1.5万 as the summary above says it, never raw
 * 15000; to the indicator's precision, and never fewer decimals than the
 * value has (the field is what is stored). What is typed is read by
 * pb_parse_target(): 15000, 15,000, 1.5万, ≥1.5万 alike. */
static char *
target_value_text (PbItemEditor *self,
                   PbTarget     *target)
{
  double value = pb_target_get_value (target);
  int decimals;

  if (!isfinite (value))
    return g_strdup ("");
  decimals = MAX (pb_store_get_indicator_decimals (self->store, pb_record_get_int (PB_RECORD (target), "indicator_id")),
                  pb_format_decimals_of (value));
  return pb_format_number_to (value, NULL, decimals);
}

/* Whether the planner has typed in a target's field since it was shown. */
static gboolean
target_field_typed (GtkEditable *entry)
{
  return g_strcmp0 (gtk_editable_get_text (entry), g_object_get_data (G_OBJECT (entry), "shown")) != 0 ||
         gtk_widget_has_css_class (GTK_WIDGET (entry), "error");
}

typedef struct
{
  GWeakRef      editor;
  GtkEditable  *entry; /* a ref */
} PendingCommit;

static gboolean
commit_on_leave_idle (gpointer data)
{
  PendingCommit *pending = data;
  g_autoptr(PbItemEditor) self = g_weak_ref_get (&pending->editor);

  /* Committed even when the field has gone from the editor (the planner
   * clicked another card, the lists were rebuilt): what was typed is not
   * lost, and a refusal is then said in a toast. */
  if (self && target_field_typed (pending->entry))
    commit_target_field (self, pending->entry);
  return G_SOURCE_REMOVE;
}

static void
pending_commit_free (gpointer data)
{
  PendingCommit *pending = data;

  g_weak_ref_clear (&pending->editor);
  g_object_unref (pending->entry);
  g_free (pending);
}

/* The keyboard left a target's field: committed as Enter does, once the
 * focus has settled (the store's change rebuilds the lists, and the
 * focus is then found again where Tab took it), before the next event.
 * A field nothing was typed in is left alone: a rebuild after an undo
 * takes its old field away, and that must not store its value again. */
static void
target_leave_cb (GtkEventControllerFocus *controller,
                 PbItemEditor            *self)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  PendingCommit *pending;

  if (!target_field_typed (entry) ||
      g_strcmp0 (gtk_editable_get_text (entry), g_object_get_data (G_OBJECT (entry), "refused")) == 0)
    return;
  pending = g_new0 (PendingCommit, 1);
  g_weak_ref_init (&pending->editor, self);
  pending->entry = g_object_ref (entry);
  g_idle_add_full (G_PRIORITY_HIGH, commit_on_leave_idle, pending, pending_commit_free);
}

/* Escape in a target's field takes back what was typed there (and its
 * refusal); in a field with nothing to take back it closes the editor. */
static gboolean
target_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       PbItemEditor          *self)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  g_autofree char *stored = NULL;

  if (keyval != GDK_KEY_Escape || !target_field_typed (entry))
    return FALSE;
  stored = target_field_stored (entry);
  g_object_set_data_full (G_OBJECT (entry), "shown", g_strdup (stored), g_free);
  gtk_editable_set_text (entry, stored);
  gtk_editable_set_position (entry, -1);
  show_target_error (entry, NULL);
  return TRUE;
}

/* The target's comparator, stretch flag: one command each, with the same
 * target another item states; a refusal (a second stretch target for
 * the year) is said and the control shows the target as it is. */
static void
change_target (PbItemEditor *self,
               PbTarget     *target,
               PbComparator  comparator,
               gboolean      stretch)
{
  g_autoptr(GError) error = NULL;

  if (!pb_store_change_target (self->store, target, pb_target_get_year (target), pb_target_get_value (target),
                               comparator, stretch, &error))
    {
      report (self, error);
      rebuild_lists (self);
    }
}

static void
target_comparator_cb (GtkDropDown  *dropdown,
                      GParamSpec   *pspec,
                      PbItemEditor *self)
{
  PbTarget *target = g_object_get_data (G_OBJECT (dropdown), "record");
  int cmp = gtk_drop_down_get_selected (dropdown);

  if (cmp != pb_record_get_enum (PB_RECORD (target), "comparator"))
    change_target (self, target, cmp, pb_record_get_boolean (PB_RECORD (target), "stretch"));
}

static void
target_stretch_cb (GtkToggleButton *toggle,
                   PbItemEditor    *self)
{
  PbTarget *target = g_object_get_data (G_OBJECT (toggle), "record");
  gboolean stretch = gtk_toggle_button_get_active (toggle);

  if (stretch != pb_record_get_boolean (PB_RECORD (target), "stretch"))
    change_target (self, target, pb_record_get_enum (PB_RECORD (target), "comparator"), stretch);
}

static void
delete_target_cb (GtkButton    *button,
                  PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  PbTarget *target = g_object_get_data (G_OBJECT (button), "record");

  if (!pb_store_delete_target (self->store, target, &error))
    report (self, error);
}

/* A target's field showing @text, what is stored (Escape gives it back). */
static GtkWidget *
number_entry (PbItemEditor *self,
              PbRecord     *record,
              const char   *column,
              const char   *text,
              int           chars,
              const char   *label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_object_set_data_full (G_OBJECT (entry), "stored", g_strdup (text), g_free);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), chars);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (entry), "record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (entry), "column", (gpointer) column);
  g_object_set_data_full (G_OBJECT (entry), "shown", g_strdup (text), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (target_value_cb), self);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (target_leave_cb), self);
    gtk_widget_add_controller (entry, focus);
    /* Before the editor's own Escape (close the editor). */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (target_key_pressed_cb), self);
    gtk_widget_add_controller (entry, keys);
  }
  return entry;
}

/* The place of a target field's refusal, in @box: a line of the row
 * under the target's row, as wide as the editor (the field itself is a
 * few characters wide). */
static void
add_refusal_label (GtkWidget *box,
                   GtkWidget *entry)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  /* Held: a field left by the keyboard may outlive its row (its pending
   * commit holds it). */
  g_object_set_data_full (G_OBJECT (entry), "error-label", g_object_ref (label), g_object_unref);
  gtk_box_append (GTK_BOX (box), label);
}

/* The plan's period, or this year alone for a plan without one. */
static void
plan_period (PbItemEditor *self,
             int          *first,
             int          *last)
{
  g_autoptr(PbPlan) plan = self->item ? pb_store_get_record (self->store, PB_TYPE_PLAN, pb_item_get_plan_id (self->item))
                                      : NULL;

  *first = plan ? pb_plan_get_period_start (plan) : 0;
  *last = plan ? pb_plan_get_period_end (plan) : 0;
  if (*first <= 0 || *last < *first)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      *first = *last = g_date_time_get_year (now);
    }
}

/* The items that state a target, "1 加快5G网络规模化部署、建成高速泛在的
 *信息基础设施", or %NULL when it is only the open item (or none). */
static char *
dup_stating_items (PbItemEditor *self,
                   GPtrArray    *twins)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean others = FALSE;

  for (guint i = 0; i < twins->len; i++)
    {
      gint64 item_id = pb_record_get_int (PB_RECORD (g_ptr_array_index (twins, i)), "item_id");
      g_autoptr(PbItem) item = NULL;
      g_autofree char *name = NULL;
      gboolean again = FALSE;

      for (guint j = 0; j < seen->len && !again; j++)
        again = g_array_index (seen, gint64, j) == item_id;
      if (item_id <= 0 || again)
        continue;
      g_array_append_val (seen, item_id);
      item = pb_store_get_record (self->store, PB_TYPE_ITEM, item_id);
      if (item == NULL)
        continue;
      if (item_id != pb_record_get_id (PB_RECORD (self->item)))
        others = TRUE;
      name = g_strdup_printf ("%s %s", pb_item_get_number (item), pb_item_get_title (item));
      if (names->len > 0)
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, g_strstrip (name));
    }
  if (!others)
    return NULL;
  /* Translators: the items whose text states a target, as
   * "Stated by 建成高速泛在的信息基础设施, 1 加快5G网络规模化部署" */
  return g_strdup_printf (_("Stated by %s"), names->str);
}

/* ---- An indicator's name and unit ---------------------------------------- */

/* Enter (or the row's ✓) in the name or the unit: both, as one "Rename
 * Indicator"; a refusal (an empty name, the name of another indicator of
 * the item) is said under them, and what was typed stays to be put right. */
/* The widget named @name in the rows of indicator @kid, or NULL. */
static GtkWidget *
find_indicator_field (GtkWidget  *root,
                      gint64      kid,
                      const char *name,
                      gboolean    inside)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      gint64 *id = ADW_IS_EXPANDER_ROW (c) ? g_object_get_data (G_OBJECT (c), "indicator-id") : NULL;
      gboolean in = inside || (id != NULL && *id == kid);
      GtkWidget *found;

      if (in && g_strcmp0 (gtk_widget_get_name (c), name) == 0)
        return c;
      if ((id == NULL || *id == kid) && (found = find_indicator_field (c, kid, name, in)))
        return found;
    }
  return NULL;
}

static void
indicator_name_apply_cb (AdwEntryRow  *entry,
                         PbItemEditor *self)
{
  g_autoptr(PbIndicator) k = g_object_ref (g_object_get_data (G_OBJECT (entry), "record"));
  g_autofree char *field = g_strdup (gtk_widget_get_name (GTK_WIDGET (entry)));
  GtkWidget *name = g_object_get_data (G_OBJECT (entry), "name-row");
  GtkWidget *unit = g_object_get_data (G_OBJECT (entry), "unit-row");
  GtkWidget *refusal = g_object_get_data (G_OBJECT (entry), "error-label");
  g_autoptr(GError) error = NULL;

  GtkWidget *line = gtk_widget_get_ancestor (refusal, GTK_TYPE_LIST_BOX_ROW);

  if (pb_store_rename_indicator (self->store, k, gtk_editable_get_text (GTK_EDITABLE (name)),
                                 gtk_editable_get_text (GTK_EDITABLE (unit)), &error))
    {
      GtkWidget *again;

      gtk_widget_remove_css_class (name, "error");
      gtk_widget_set_visible (refusal, FALSE);
      if (line)
        gtk_widget_set_visible (line, FALSE);
      /* The lists were made again: the keyboard stays in the field. */
      again = find_indicator_field (GTK_WIDGET (self->indicators_group), pb_record_get_id (PB_RECORD (k)), field, FALSE);
      if (again && again != GTK_WIDGET (entry))
        gtk_widget_grab_focus (again);
      return;
    }
  gtk_label_set_text (GTK_LABEL (refusal), error->message);
  gtk_widget_add_css_class (name, "error");
  gtk_widget_set_visible (refusal, TRUE);
  if (line)
    gtk_widget_set_visible (line, TRUE);
  gtk_widget_error_bell (GTK_WIDGET (entry));
}

/* The first rows of an indicator's expander: its name and unit, each
 * applied with Enter or its ✓ (the importer took many names wrongly:
 * "国控" for 国控、省控断面水质自动监测站). */
static void
add_indicator_name_rows (PbItemEditor *self,
                         GtkWidget    *expander,
                         PbIndicator  *k)
{
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *unit = adw_entry_row_new ();
  GtkWidget *refusal = gtk_label_new (NULL);
  GtkWidget *rows[] = { name, unit };
  GtkWidget *refusal_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Indicator Name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (unit), _("Unit"));
  gtk_widget_set_name (name, "indicator-name");
  gtk_widget_set_name (unit, "indicator-unit");
  gtk_editable_set_text (GTK_EDITABLE (name), pb_indicator_get_name (k));
  gtk_editable_set_text (GTK_EDITABLE (unit), pb_indicator_get_measure_unit (k) ? pb_indicator_get_measure_unit (k) : "");
  gtk_label_set_wrap (GTK_LABEL (refusal), TRUE);
  gtk_label_set_xalign (GTK_LABEL (refusal), 0);
  gtk_widget_add_css_class (refusal, "error");
  /* Shown with a refusal only: an error never shows empty or leaks onto
   * the next item opened (/edit-window/editor-target-no-leak). */
  gtk_widget_set_visible (refusal, FALSE);
  gtk_box_append (GTK_BOX (refusal_box), refusal);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (rows[i]), TRUE);
      g_object_set_data_full (G_OBJECT (rows[i]), "record", g_object_ref (k), g_object_unref);
      g_object_set_data (G_OBJECT (rows[i]), "name-row", name);
      g_object_set_data (G_OBJECT (rows[i]), "unit-row", unit);
      g_object_set_data (G_OBJECT (rows[i]), "error-label", refusal);
      g_signal_connect (rows[i], "apply", G_CALLBACK (indicator_name_apply_cb), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), rows[i]);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), refusals_row (refusal_box));
}

/* A target's row fits the editor pane, which keeps its width (360
 * pixels): the value takes what the row leaves (it scrolls what it does
 * not show), and a long measure unit is cut short, whole in its tooltip
 * (it is whole in the indicator's title above). */
static void
fit_target_row (GtkWidget *row,
                GtkWidget *value,
                GtkWidget *unit)
{
  gtk_widget_add_css_class (row, "pb-target-row");
  /* The row's empty title would share the room left with the value. */
  for (GtkWidget *header = gtk_widget_get_first_child (row); header; header = gtk_widget_get_next_sibling (header))
    for (GtkWidget *c = gtk_widget_get_first_child (header); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_BOX (c) && gtk_widget_has_css_class (c, "title"))
        gtk_widget_set_visible (c, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 2);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (value), 7);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (unit), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (unit), 4);
  gtk_label_set_single_line_mode (GTK_LABEL (unit), TRUE);
  gtk_widget_set_tooltip_text (unit, gtk_label_get_text (GTK_LABEL (unit)));
}

/* One target, editable in place: year, comparator, value, stretch. The
 * same target a goal and its task both state (@twins, @target first) is
 * one row, which says which items state it. */
static GtkWidget *
target_row (PbItemEditor  *self,
            PbIndicator   *indicator,
            GPtrArray     *twins,
            GtkWidget    **refusals)
{
  PbTarget *target = g_ptr_array_index (twins, 0);
  GtkWidget *refusal_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value_entry;
  g_autofree char *stated = dup_stating_items (self, twins);
  static const char *comparators[] = { "=", "≥", "≤", "≈", NULL };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *cmp = gtk_drop_down_new_from_strings (comparators);
  GtkWidget *stretch = gtk_toggle_button_new_with_label (_("Stretch"));
  GtkWidget *unit = gtk_label_new (pb_indicator_get_measure_unit (indicator));

  /* The fields say it all; a title would squeeze into one glyph a line. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, C_("indicator value", "Target"), -1);
  {
    g_autofree char *year_text = pb_format_editable (pb_target_get_year (target));
    GtkWidget *year = number_entry (self, PB_RECORD (target), "year", year_text, 4, _("Year"));

    gtk_editable_set_max_width_chars (GTK_EDITABLE (year), 4);
    int first, last;

    /* A target the period has left (it moved) is kept, and said to be
     * outside it. */
    plan_period (self, &first, &last);
    if (pb_target_get_year (target) < first || pb_target_get_year (target) > last)
      {
        g_autofree char *tip = g_strdup_printf (_("%d lies outside the plan’s period, %d—%d; the target is kept."),
                                                pb_target_get_year (target), first, last);
        g_autofree char *both = stated ? g_strconcat (tip, "\n", stated, NULL) : NULL;

        gtk_widget_add_css_class (year, "warning");
        gtk_widget_set_tooltip_text (year, tip);
        g_object_set_data_full (G_OBJECT (year), "tip", g_strdup (tip), g_free);
        gtk_widget_set_tooltip_text (row, both ? both : tip);
      }
    else if (stated)
      gtk_widget_set_tooltip_text (row, stated);
    if (stated)
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, stated, -1);
    add_refusal_label (refusal_box, year);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), year);
  }

  gtk_drop_down_set_selected (GTK_DROP_DOWN (cmp), pb_record_get_enum (PB_RECORD (target), "comparator"));
  gtk_widget_set_valign (cmp, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cmp), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparator"), -1);
  g_object_set_data_full (G_OBJECT (cmp), "record", g_object_ref (target), g_object_unref);
  g_signal_connect (cmp, "notify::selected", G_CALLBACK (target_comparator_cb), self);
  /* Named, as the fields are, so that the keyboard is found again here
   * when the lists are rebuilt (Tab out of a field commits it). */
  g_object_set_data (G_OBJECT (cmp), "column", (gpointer) "comparator");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), cmp);

  {
    g_autofree char *value_text = target_value_text (self, target);

    value_entry = number_entry (self, PB_RECORD (target), "value", value_text, 7, _("Value"));
  }
  add_refusal_label (refusal_box, value_entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value_entry);
  gtk_widget_add_css_class (unit, "dim-label");
  fit_target_row (row, value_entry, unit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stretch), pb_record_get_boolean (PB_RECORD (target), "stretch"));
  gtk_widget_set_valign (stretch, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (stretch, _("A stretch target (力争)"));
  g_object_set_data_full (G_OBJECT (stretch), "record", g_object_ref (target), g_object_unref);
  g_signal_connect (stretch, "toggled", G_CALLBACK (target_stretch_cb), self);
  g_object_set_data (G_OBJECT (stretch), "column", (gpointer) "stretch");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), stretch);

  {
    GtkWidget *remove = remove_button (self, PB_RECORD (target), _("Remove target"));

    /* With the same target another item states. */
    g_signal_handlers_disconnect_by_func (remove, delete_record_cb, self);
    g_signal_connect (remove, "clicked", G_CALLBACK (delete_target_cb), self);
    g_object_set_data (G_OBJECT (remove), "column", (gpointer) "remove");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  }

  /* Under the row, hidden until a field of it is refused. */
  *refusals = refusals_row (refusal_box);
  return row;
}

/* A wheel over the progress slider scrolls the editor, as it does
 * everywhere else in the pane; changing progress takes a drag, a click or
 * the keyboard, so reading down the editor never edits it by accident. */
static gboolean
scale_scroll_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 gpointer                  user_data)
{
  GtkWidget *scale = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled = gtk_widget_get_ancestor (scale, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj;
  double delta;

  if (scrolled == NULL)
    return FALSE;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta = dy * pow (gtk_adjustment_get_page_size (adj), 2.0 / 3.0);
  else
    delta = dy;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + delta);
  return TRUE;
}

/* Whether @indicator_id has a firm target (or, with @stretch, a stretch
 * target) for @year: one of each a year at most, as Add Target keeps it. */
static gboolean
year_taken (PbItemEditor *self,
            gint64        indicator_id,
            int           year,
            gboolean      stretch)
{
  g_autoptr(GListModel) targets = pb_store_list_targets (self->store, indicator_id);

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);

      if (pb_target_get_year (t) == year && !pb_record_get_boolean (PB_RECORD (t), "stretch") == !stretch)
        return TRUE;
    }
  return FALSE;
}

/* The years the open item runs in, its start's to its due date's (the
 * plan's period where it has neither), within the plan's period
 * [@first, @last]; the whole period when they do not meet it. */
static void
item_years (PbItemEditor *self,
            int           first,
            int           last,
            int          *from,
            int          *to)
{
  GDate start, due;

  *from = first;
  *to = last;
  if (self->item == NULL)
    return;
  if (pb_date_parse (pb_record_get_string (PB_RECORD (self->item), "start_date"), &start))
    *from = MAX (first, (int) g_date_get_year (&start));
  if (pb_date_parse (pb_record_get_string (PB_RECORD (self->item), "due_date"), &due))
    *to = MIN (last, (int) g_date_get_year (&due));
  if (*from > *to)
    {
      *from = first;
      *to = last;
    }
}

/* The first year with no firm target (or, with @stretch, no stretch
 * target) for @indicator_id: first among the years the open item runs in
 * (issue 14: a task from 2026-11 is not offered 2025, a year before it
 * began), then among the plan's other years, in order; never a year
 * outside the plan's period. 0 when every year of the period has one. */
static int
first_year_without (PbItemEditor *self,
                    gint64        indicator_id,
                    gboolean      stretch)
{
  int first, last, from, to;

  plan_period (self, &first, &last);
  item_years (self, first, last, &from, &to);
  for (int pass = 0; pass < 2; pass++)
    for (int y = pass == 0 ? from : first; y <= (pass == 0 ? to : last); y++)
      if (!(pass == 1 && y >= from && y <= to) && !year_taken (self, indicator_id, y, stretch))
        return y;
  return 0;
}

static int
first_free_year (PbItemEditor *self,
                 gint64        indicator_id)
{
  return first_year_without (self, indicator_id, FALSE);
}

/* Where the keyboard is in the lists, to find again once rebuilt: a
 * target's field (its id and column), the new target's field, or an Add
 * Target button (its indicator). */
typedef struct
{
  gint64      record_id;
  const char *column;     /* "year", "value", "comparator", "stretch", "remove", "draft-year",
                           * "draft-value", "add-target" */
} ListFocus;

static gboolean
find_list_focus (PbItemEditor *self,
                 ListFocus    *focus)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *w = root ? gtk_root_get_focus (root) : NULL;

  focus->record_id = 0;
  focus->column = NULL;
  for (; w && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      PbRecord *r = g_object_get_data (G_OBJECT (w), "record");
      GtkWidget *row = gtk_widget_get_parent (w);

      if (r && PB_IS_TARGET (r) && g_object_get_data (G_OBJECT (w), "column"))
        {
          focus->record_id = pb_record_get_id (r);
          focus->column = g_object_get_data (G_OBJECT (w), "column");
          return TRUE;
        }
      if (r && g_object_get_data (G_OBJECT (w), "add-target"))
        {
          focus->record_id = pb_record_get_id (r);
          focus->column = "add-target";
          return TRUE;
        }
      row = gtk_widget_get_ancestor (w, ADW_TYPE_ACTION_ROW);
      if (row && g_object_get_data (G_OBJECT (row), "draft-value") == w)
        {
          focus->column = "draft-value";
          return TRUE;
        }
      if (row && g_object_get_data (G_OBJECT (row), "draft-year") == w)
        {
          focus->column = "draft-year";
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
list_focus_widget (PbItemEditor    *self,
                   const ListFocus *focus)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    g_ptr_array_add (stack, g_ptr_array_index (self->dynamic_rows, i));
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      PbRecord *r = g_object_get_data (G_OBJECT (w), "record");

      if (g_str_has_prefix (focus->column, "draft-") && g_object_get_data (G_OBJECT (w), focus->column))
        return g_object_get_data (G_OBJECT (w), focus->column);
      if (r && pb_record_get_id (r) == focus->record_id &&
          (g_strcmp0 (focus->column, "add-target") == 0 ? g_object_get_data (G_OBJECT (w), "add-target") != NULL
                                                        : PB_IS_TARGET (r) &&
                                                          g_strcmp0 (g_object_get_data (G_OBJECT (w), "column"), focus->column) == 0))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

/* The new target's row is gone (added, discarded, another item opened):
 * what its fields held goes with it. */
static void
clear_draft (PbItemEditor *self)
{
  self->draft_indicator = 0;
  self->draft_saved = FALSE;
  self->draft_propose_stretch = FALSE;
  g_clear_pointer (&self->draft_year_text, g_free);
  g_clear_pointer (&self->draft_value_text, g_free);
  g_clear_pointer (&self->draft_year_error, g_free);
  g_clear_pointer (&self->draft_value_error, g_free);
}

/* The row of the target being added, or %NULL. */
static GtkWidget *
find_draft_row (PbItemEditor *self)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    g_ptr_array_add (stack, g_ptr_array_index (self->dynamic_rows, i));
  while (stack->len)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (g_object_get_data (G_OBJECT (w), "draft-value"))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

/* What the new target's fields hold, for the row a rebuild makes. */
static void
save_draft (PbItemEditor *self)
{
  GtkWidget *row = self->draft_indicator ? find_draft_row (self) : NULL;
  GtkWidget *year, *value;

  if (row == NULL)
    return;
  year = g_object_get_data (G_OBJECT (row), "draft-year");
  value = g_object_get_data (G_OBJECT (row), "draft-value");
  g_free (self->draft_year_text);
  self->draft_year_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (year)));
  g_free (self->draft_value_text);
  self->draft_value_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (value)));
  g_free (self->draft_year_error);
  self->draft_year_error = gtk_widget_has_css_class (year, "error") ? g_strdup (gtk_widget_get_tooltip_text (year)) : NULL;
  g_free (self->draft_value_error);
  self->draft_value_error = gtk_widget_has_css_class (value, "error") ? g_strdup (gtk_widget_get_tooltip_text (value)) : NULL;
  self->draft_comparator = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "draft-comparator"));
  self->draft_stretch = gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (row), "draft-stretch"));
  self->draft_saved = TRUE;
}

/* A refusal of the new target: under the field while the planner is at
 * it, else (another item opens) in a toast that names the indicator. */
static gboolean
refuse_draft (PbItemEditor *self,
              GtkEditable  *field,
              const GError *error,
              DraftCommit   how)
{
  if (how == DRAFT_FLUSH || !in_editor (self, GTK_WIDGET (field)))
    {
      g_autoptr(PbIndicator) k = pb_store_get_record (self->store, PB_TYPE_INDICATOR, self->draft_indicator);
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *message = NULL;
      g_autofree char *escaped = NULL;
      AdwToast *toast;

      /* TRANSLATORS: a new target typed in the item editor could not be
       * stored as the editor moved on: the indicator, then the reason */
      message = g_strdup_printf (_("The new target of %s was not added: %s"),
                                 k ? pb_indicator_get_name (k) : "", error->message);
      if (overlay == NULL)
        {
          g_warning ("%s", message);
          return FALSE;
        }
      /* At once, in place of any toast before: what was typed is gone. */
      escaped = g_markup_escape_text (message, -1);
      toast = adw_toast_new (escaped);
      pb_ui_show_toast (overlay, toast);
      return FALSE;
    }
  show_target_error (field, error->message);
  if (how == DRAFT_ENTER)
    gtk_widget_grab_focus (GTK_WIDGET (field));
  return FALSE;
}

/* The new target, added as one command ("Add Target") once its value is
 * typed: by Return, by the keyboard leaving the row's fields, or when the
 * editor moves on. A year outside the period, a value that is no value, a
 * second target for the year are refused with the reason under the field,
 * the text kept. A row with no value typed is left as it is (on Return
 * it says what it needs). Returns %FALSE when it was refused. */
static gboolean
commit_draft (PbItemEditor *self,
              GtkEditable  *entry,
              DraftCommit   how)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = self->draft_indicator ? find_draft_row (self) : NULL;
  GtkEditable *year_entry, *value_entry;
  GtkDropDown *cmp;
  GtkToggleButton *stretch;
  g_autofree char *clean = NULL;
  PbComparator comparator;
  double year, value;
  int first, last;
  gint64 indicator_id = self->draft_indicator, added;
  const char *column = NULL;
  gboolean parsed_ok;

  if (row == NULL)
    return TRUE;
  year_entry = g_object_get_data (G_OBJECT (row), "draft-year");
  value_entry = g_object_get_data (G_OBJECT (row), "draft-value");
  cmp = g_object_get_data (G_OBJECT (row), "draft-comparator");
  stretch = g_object_get_data (G_OBJECT (row), "draft-stretch");
  comparator = gtk_drop_down_get_selected (cmp);
  clean = g_strstrip (g_strdup (gtk_editable_get_text (value_entry)));

  /* Nothing typed: nothing to store, and the row stays (Add Target, or
   * the editor closing, leaves an empty row). */
  if (clean[0] == '\0' && how != DRAFT_ENTER)
    return TRUE;

  plan_period (self, &first, &last);
  if (!pb_parse_number (gtk_editable_get_text (year_entry), &year) || year != floor (year) ||
      year < first || year > last)
    {
      g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A target’s year lies within the plan’s period, %d—%d."), first, last);
      return refuse_draft (self, year_entry, error, how);
    }
  show_target_error (year_entry, NULL);

  if (clean[0] == '\0')
    {
      /* Return in the year goes on to the value. */
      if (entry == year_entry)
        {
          gtk_widget_grab_focus (GTK_WIDGET (value_entry));
          return TRUE;
        }
      g_set_error_literal (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                           _("Type the target’s value, as 2600 or ≥1.3万, then press Enter."));
      return refuse_draft (self, value_entry, error, how);
    }
  {
    g_autoptr(PbIndicator) k = pb_store_get_record (self->store, PB_TYPE_INDICATOR, self->draft_indicator);

    parsed_ok = pb_parse_target_in_unit (clean, k ? pb_indicator_get_measure_unit (k) : NULL, &comparator, &value);
  }
  if (!parsed_ok)
    {
      g_set_error_literal (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                           _("Not a value: type the target’s value, as 2600 or ≥1.3万."));
      return refuse_draft (self, value_entry, error, how);
    }
  /* A bare number takes the comparator chosen beside it. */
  if (g_ascii_isdigit (*clean) || *clean == '.' || *clean == '-' || *clean == '+' ||
      g_unichar_isdigit (g_utf8_get_char (clean)))
    comparator = gtk_drop_down_get_selected (cmp);

  /* The keyboard, if Tab took it on in the row (to Stretch), goes to the
   * same place in the added target's row. */
  if (how == DRAFT_LEAVE)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      if (focus && (focus == GTK_WIDGET (stretch) || gtk_widget_is_ancestor (focus, GTK_WIDGET (stretch))))
        column = "stretch";
      else if (focus && g_object_get_data (G_OBJECT (row), "draft-discard") &&
               (focus == g_object_get_data (G_OBJECT (row), "draft-discard") ||
                gtk_widget_is_ancestor (focus, g_object_get_data (G_OBJECT (row), "draft-discard"))))
        column = "remove";
    }

  /* The row goes as the store's change rebuilds the lists with the
   * target in them (the indicator still open). */
  self->draft_year = (int) year;
  self->draft_indicator = 0;
  added = pb_store_add_target (self->store, indicator_id, (int) year, value, comparator,
                               gtk_toggle_button_get_active (stretch), &error);
  if (added == 0)
    {
      /* A second target for the year and firmness: said, and the row
       * stays to be corrected. */
      self->draft_indicator = indicator_id;
      return refuse_draft (self, year_entry, error, how);
    }
  clear_draft (self);
  self->draft_year = (int) year;

  if (how == DRAFT_ENTER)
    {
      /* Added: the keyboard goes to Add Target, for the next one. */
      ListFocus next = { indicator_id, "add-target" };
      GtkWidget *w = list_focus_widget (self, &next);

      if (w)
        gtk_widget_grab_focus (w);
    }
  else if (column)
    {
      ListFocus next = { added, column };
      GtkWidget *w = list_focus_widget (self, &next);

      if (w)
        gtk_widget_grab_focus (w);
    }
  return TRUE;
}

/* Add Target opens a row for the first year with no firm target yet,
 * the item's own years first (never a year outside the period), its
 * value to type; nothing is stored until the value is given. A new target typed in an open row is
 * added first (a click here is how a planner goes on to the next year);
 * refused, its row stays with the reason. */
static void
open_draft (PbItemEditor *self,
            gint64        id)
{
  g_autoptr(GError) error = NULL;
  gboolean stretch = FALSE;
  int year;

  if (self->draft_indicator != 0 && !commit_draft (self, NULL, DRAFT_LEAVE))
    return;
  /* One at a time: an empty row is where the keyboard goes back to. */
  if (self->draft_indicator == id)
    {
      self->draft_focus = TRUE;
      rebuild_lists (self);
      return;
    }
  year = first_free_year (self, id);
  /* Every year has its firm target: the plan's 力争 figures are what is
   * left to state, a stretch target for the first year without one. */
  if (year == 0)
    stretch = (year = first_year_without (self, id, TRUE)) != 0;
  if (year == 0)
    {
      g_set_error_literal (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                           _("Every year of the plan’s period has a target and a stretch target already."));
      report (self, error);
      return;
    }
  clear_draft (self);
  self->draft_propose_stretch = stretch;
  self->draft_indicator = id;
  self->draft_year = year;
  self->draft_focus = TRUE;
  g_hash_table_add (self->expanded, g_memdup2 (&id, sizeof id));
  rebuild_lists (self);
}

static gboolean
add_target_idle (gpointer data)
{
  PbItemEditor *self = data;

  self->add_target_id = 0;
  open_draft (self, self->add_target_indicator);
  return G_SOURCE_REMOVE;
}

/* The button is replaced by the rebuild the new row makes: done once
 * the click is over, not inside it. */
static void
add_target_cb (GtkButton    *button,
               PbItemEditor *self)
{
  PbIndicator *indicator = g_object_get_data (G_OBJECT (button), "record");

  if (first_year_without (self, pb_record_get_id (PB_RECORD (indicator)), FALSE) == 0 &&
      first_year_without (self, pb_record_get_id (PB_RECORD (indicator)), TRUE) == 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Every year of the plan’s period has a target and a stretch target already."));
  self->add_target_indicator = pb_record_get_id (PB_RECORD (indicator));
  if (self->add_target_id == 0)
    self->add_target_id = g_idle_add_full (G_PRIORITY_HIGH, add_target_idle, self, NULL);
}

static gboolean
discard_draft_idle (gpointer data)
{
  g_autoptr(PbItemEditor) self = data;

  clear_draft (self);
  rebuild_lists (self);
  return G_SOURCE_REMOVE;
}

static void
discard_draft_cb (GtkButton    *button,
                  PbItemEditor *self)
{
  g_idle_add_full (G_PRIORITY_HIGH, discard_draft_idle, g_object_ref (self), NULL);
}

/* Why the new target's year (with its firmness) cannot be added as it
 * stands, or %NULL when it can: what Add Target would refuse. */
static char *
draft_year_refusal (PbItemEditor *self,
                    GtkWidget    *row)
{
  GtkEditable *year_entry = g_object_get_data (G_OBJECT (row), "draft-year");
  GtkToggleButton *stretch = g_object_get_data (G_OBJECT (row), "draft-stretch");
  double year;
  int first, last;

  plan_period (self, &first, &last);
  if (!pb_parse_number (gtk_editable_get_text (year_entry), &year) || year != floor (year) ||
      year < first || year > last)
    return g_strdup_printf (_("A target’s year lies within the plan’s period, %d—%d."), first, last);
  if (year_taken (self, self->draft_indicator, (int) year, gtk_toggle_button_get_active (stretch)))
    return g_strdup_printf (gtk_toggle_button_get_active (stretch)
                            ? _("The indicator has a stretch target for %d already.")
                            : _("The indicator has a target for %d already."), (int) year);
  return NULL;
}

/* Once the new target has been refused, its row is judged again as soon
 * as any of its fields changes (the year typed, Stretch toggled, the
 * comparator chosen, the value typed): a refusal goes the moment the row
 * is right (a stretch target for a year whose firm one exists) and, while
 * wrong, says why now. Nothing is stored here: Return or leaving the row
 * adds it as ever. */
static void
recheck_draft (PbItemEditor *self,
               GtkWidget    *field)
{
  GtkWidget *row = gtk_widget_get_ancestor (field, ADW_TYPE_ACTION_ROW);
  GtkEditable *year_entry, *value_entry;
  g_autofree char *year_message = NULL;
  g_autofree char *clean = NULL;
  const char *value_message = NULL;
  PbComparator comparator;
  double value;

  if (row == NULL || self->draft_indicator == 0 || g_object_get_data (G_OBJECT (row), "draft-value") == NULL)
    return;
  year_entry = g_object_get_data (G_OBJECT (row), "draft-year");
  value_entry = g_object_get_data (G_OBJECT (row), "draft-value");
  if (gtk_widget_has_css_class (GTK_WIDGET (year_entry), "error") ||
      gtk_widget_has_css_class (GTK_WIDGET (value_entry), "error"))
    g_object_set_data (G_OBJECT (row), "draft-judged", GINT_TO_POINTER (TRUE));
  if (!g_object_get_data (G_OBJECT (row), "draft-judged"))
    return;

  year_message = draft_year_refusal (self, row);
  show_target_error (year_entry, year_message);
  /* An empty value is refused only once Return asked for it. */
  clean = g_strstrip (g_strdup (gtk_editable_get_text (value_entry)));
  if (clean[0] == '\0')
    {
      if (gtk_widget_has_css_class (GTK_WIDGET (value_entry), "error"))
        value_message = _("Type the target’s value, as 2600 or ≥1.3万, then press Enter.");
    }
  else if (!pb_parse_target (clean, &comparator, &value))
    value_message = _("Not a value: type the target’s value, as 2600 or ≥1.3万.");
  show_target_error (value_entry, value_message);
}

static void
draft_changed_cb (GtkWidget    *field,
                  PbItemEditor *self)
{
  recheck_draft (self, field);
}

static void
draft_comparator_cb (GtkWidget    *cmp,
                     GParamSpec   *pspec,
                     PbItemEditor *self)
{
  recheck_draft (self, cmp);
}

/* Return in the new target's value (or year). */
static void
draft_activate_cb (GtkEditable  *entry,
                   PbItemEditor *self)
{
  commit_draft (self, entry, DRAFT_ENTER);
}

/* Whether the keyboard is in the new target's year, comparator or value:
 * the target is still being stated. */
static gboolean
in_draft_fields (GtkWidget *row,
                 GtkWidget *focus)
{
  static const char *keys[] = { "draft-year", "draft-comparator", "draft-value" };

  if (focus == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *w = g_object_get_data (G_OBJECT (row), keys[i]);

      if (focus == w || gtk_widget_is_ancestor (focus, w))
        return TRUE;
    }
  return FALSE;
}

static gboolean
draft_leave_idle (gpointer data)
{
  PendingCommit *pending = data;
  g_autoptr(PbItemEditor) self = g_weak_ref_get (&pending->editor);
  GtkWidget *row;
  GtkRoot *root;

  /* The field a rebuild took away (its text is in the new row), or the
   * row gone with its item (stored by pb_item_editor_flush()). */
  if (self == NULL || self->draft_indicator == 0 || !in_editor (self, GTK_WIDGET (pending->entry)))
    return G_SOURCE_REMOVE;
  row = gtk_widget_get_ancestor (GTK_WIDGET (pending->entry), ADW_TYPE_ACTION_ROW);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (row == NULL || row != find_draft_row (self) || in_draft_fields (row, root ? gtk_root_get_focus (root) : NULL))
    return G_SOURCE_REMOVE;
  commit_draft (self, pending->entry, DRAFT_LEAVE);
  return G_SOURCE_REMOVE;
}

/* The keyboard left the new target's year, comparator or value: once
 * the focus has settled, and unless it went on to another of them, the
 * target is added as Return does, or refused under the field. */
static void
draft_leave_cb (GtkEventControllerFocus *controller,
                PbItemEditor            *self)
{
  GtkWidget *field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *row = gtk_widget_get_ancestor (field, ADW_TYPE_ACTION_ROW);
  GtkEditable *value = row ? g_object_get_data (G_OBJECT (row), "draft-value") : NULL;
  PendingCommit *pending;

  if (value == NULL || gtk_editable_get_text (value)[0] == '\0')
    return;
  /* Refused already, and not changed since. */
  if (GTK_IS_EDITABLE (field) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field)), g_object_get_data (G_OBJECT (field), "refused")) == 0)
    return;
  pending = g_new0 (PendingCommit, 1);
  g_weak_ref_init (&pending->editor, self);
  pending->entry = g_object_ref (GTK_EDITABLE (value));
  g_idle_add_full (G_PRIORITY_HIGH, draft_leave_idle, pending, pending_commit_free);
}

/* Escape in the new target's year or value takes back what was typed
 * there (and its refusal); with nothing to take back it closes the
 * editor, the empty row with it. */
static gboolean
draft_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      PbItemEditor          *self)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  const char *shown = g_object_get_data (G_OBJECT (entry), "shown");

  if (keyval != GDK_KEY_Escape ||
      (g_strcmp0 (gtk_editable_get_text (entry), shown) == 0 && !gtk_widget_has_css_class (GTK_WIDGET (entry), "error")))
    return FALSE;
  gtk_editable_set_text (entry, shown);
  gtk_editable_set_position (entry, -1);
  show_target_error (entry, NULL);
  return TRUE;
}

/* The new target's year or value field: Return adds it, leaving it adds
 * it, Escape takes back what was typed. */
static void
draft_field (PbItemEditor *self,
             GtkWidget    *entry,
             const char   *shown)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_object_set_data_full (G_OBJECT (entry), "shown", g_strdup (shown), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (draft_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (draft_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (draft_key_pressed_cb), self);
  gtk_widget_add_controller (entry, keys);
}

/* The line under a target's row where its fields' refusals are said,
 * hidden until one is. */
static GtkWidget *
refusals_row (GtkWidget *refusal_box)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (refusal_box, 12);
  gtk_widget_set_margin_end (refusal_box, 12);
  gtk_widget_set_margin_top (refusal_box, 6);
  gtk_widget_set_margin_bottom (refusal_box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), refusal_box);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

/* The row of a target being added: its year proposed, its value empty
 * and waiting (or, rebuilt, what was typed in them), with the line of
 * its refusals in @refusals. */
static GtkWidget *
draft_row (PbItemEditor  *self,
           PbIndicator   *indicator,
           GtkWidget    **refusals)
{
  static const char *comparators[] = { "=", "≥", "≤", "≈", NULL };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *year = gtk_entry_new ();
  GtkWidget *cmp = gtk_drop_down_new_from_strings (comparators);
  GtkWidget *value = gtk_entry_new ();
  GtkWidget *unit = gtk_label_new (pb_indicator_get_measure_unit (indicator));
  GtkWidget *stretch = gtk_toggle_button_new_with_label (_("Stretch"));
  GtkWidget *discard = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *refusal_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkEventController *focus;
  char text[16];

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New target"), -1);
  gtk_widget_add_css_class (row, "pb-draft-target");

  g_snprintf (text, sizeof text, "%d", self->draft_year);
  draft_field (self, year, text);
  gtk_editable_set_text (GTK_EDITABLE (year), self->draft_saved ? self->draft_year_text : text);
  gtk_editable_set_width_chars (GTK_EDITABLE (year), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (year), 4);
  gtk_widget_set_valign (year, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (year), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year"), -1);
  add_refusal_label (refusal_box, year);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), year);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (cmp), self->draft_saved ? self->draft_comparator : PB_COMPARATOR_GE);
  gtk_widget_set_valign (cmp, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cmp), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comparator"), -1);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (draft_leave_cb), self);
  gtk_widget_add_controller (cmp, focus);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), cmp);

  draft_field (self, value, "");
  gtk_editable_set_text (GTK_EDITABLE (value), self->draft_saved ? self->draft_value_text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (value), 7);
  gtk_widget_set_valign (value, GTK_ALIGN_CENTER);
  /* TRANSLATORS: the placeholder of a new target's empty value */
  gtk_entry_set_placeholder_text (GTK_ENTRY (value), C_("target value", "Value"));
  gtk_widget_set_tooltip_text (value, _("Type the target’s value, then press Enter to add it"));
  g_object_set_data_full (G_OBJECT (value), "tip", g_strdup (_("Type the target’s value, then press Enter to add it")), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  add_refusal_label (refusal_box, value);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (unit, "dim-label");
  fit_target_row (row, value, unit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);

  /* A click on Stretch or on the discard button leaves the keyboard in
   * the value: the target is still being stated (a click on Stretch) or
   * is not to be added at all. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (stretch),
                                self->draft_saved ? self->draft_stretch : self->draft_propose_stretch);
  gtk_widget_set_valign (stretch, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (stretch, FALSE);
  gtk_widget_set_tooltip_text (stretch, _("A stretch target (力争)"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), stretch);

  gtk_widget_add_css_class (discard, "flat");
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_set_focus_on_click (discard, FALSE);
  gtk_widget_set_tooltip_text (discard, _("Do not add this target"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Do not add this target"), -1);
  g_signal_connect (discard, "clicked", G_CALLBACK (discard_draft_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);

  g_object_set_data (G_OBJECT (row), "draft-year", year);
  g_object_set_data (G_OBJECT (row), "draft-value", value);
  g_object_set_data (G_OBJECT (row), "draft-comparator", cmp);
  g_object_set_data (G_OBJECT (row), "draft-stretch", stretch);
  g_object_set_data (G_OBJECT (row), "draft-discard", discard);
  g_object_set_data (G_OBJECT (row), "draft-indicator", indicator);

  *refusals = refusals_row (refusal_box);
  /* A refusal said before the rebuild is said again. */
  if (self->draft_saved)
    {
      if (self->draft_year_error)
        show_target_error (GTK_EDITABLE (year), self->draft_year_error);
      if (self->draft_value_error)
        show_target_error (GTK_EDITABLE (value), self->draft_value_error);
    }
  /* A refusal is judged again as any field of the row changes. */
  g_signal_connect (year, "changed", G_CALLBACK (draft_changed_cb), self);
  g_signal_connect (value, "changed", G_CALLBACK (draft_changed_cb), self);
  g_signal_connect (stretch, "toggled", G_CALLBACK (draft_changed_cb), self);
  g_signal_connect (cmp, "notify::selected", G_CALLBACK (draft_comparator_cb), self);
  return row;
}

static void
add_indicator_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_indicator_row))));
  char *space;
  const char *unit = "";

  if (self->item == NULL || text[0] == '\0')
    return;
  /* "5G基站 个": the last word is the measure unit. */
  space = strrchr (text, ' ');
  if (space && space != text)
    {
      *space = '\0';
      unit = space + 1;
    }
  if (!pb_store_add_indicator (self->store, pb_item_get_plan_id (self->item), pb_record_get_id (PB_RECORD (self->item)),
                               g_strstrip (text), unit, PB_INDICATOR_KIND_CUMULATIVE, &error))
    report (self, error);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->add_indicator_row), "");
}

static void
pick_org_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->pick_org_row);
  g_autoptr(PbOrganisation) org = NULL;
  gint64 item_id;

  if (self->loading || self->item == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return;
  org = g_list_model_get_item (self->plan_orgs, selected - 1);
  item_id = pb_record_get_id (PB_RECORD (self->item));
  if (org && !pb_store_assign_organisation (self->store, item_id, pb_organisation_get_name (org),
                                            pb_store_count_item_orgs (self->store, item_id, PB_ROLE_LEAD) == 0
                                            ? PB_ROLE_LEAD : PB_ROLE_RESPONSIBLE, &error))
    report (self, error);
}

static void
add_dependency_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->add_dep_row);

  if (self->loading || self->item == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return;
  if (self->dep_choices == NULL || selected - 1 >= self->dep_choices->len)
    return;
  /* Added even when the dates say otherwise: the planner may move the
   * dates next. Its row says so (update_dependency_notes ()). */
  if (!pb_store_add_dependency (self->store, g_array_index (self->dep_choices, gint64, selected - 1),
                                pb_record_get_id (PB_RECORD (self->item)), 0, &error))
    report (self, error);
}

/* The pencil an entry row shows while it is not being edited (its
 * "edit-icon" image), or NULL. */
static GtkWidget *
find_edit_icon (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_IMAGE (child) && gtk_widget_has_css_class (child, "edit-icon"))
        return child;
      if ((found = find_edit_icon (child)))
        return found;
    }
  return NULL;
}

/* An entry row shows its pencil even when it is off, as if it could be
 * edited: one the planner may not change shows a lock in its place (the
 * row's tooltip says who may change it), one it may the pencil again. */
static void
show_edit_icon (GtkWidget *widget,
                gboolean   allowed)
{
  GtkWidget *icon;

  if (!ADW_IS_ENTRY_ROW (widget) || (icon = find_edit_icon (widget)) == NULL)
    return;
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), allowed ? "document-edit-symbolic" : "changes-prevent-symbolic");
}

/* Turns @widget off, saying why, or back on. */
static void
allow (GtkWidget  *widget,
       gboolean    allowed,
       const char *why)
{
  gboolean was_refused = g_object_get_data (G_OBJECT (widget), "pb-refused") != NULL;

  gtk_widget_set_sensitive (widget, allowed);
  show_edit_icon (widget, allowed);
  if (!allowed)
    {
      gtk_widget_set_tooltip_text (widget, why);
      g_object_set_data (G_OBJECT (widget), "pb-refused", GINT_TO_POINTER (1));
    }
  else if (was_refused)
    {
      gtk_widget_set_tooltip_text (widget, NULL);
      g_object_set_data (G_OBJECT (widget), "pb-refused", NULL);
    }
}

/* The item's lead and responsible organisations, leads first, joined as
 * the server names them in its refusals (、). */
static char *
dup_item_orgs (PbItemEditor *self)
{
  g_autoptr(GListModel) roles = pb_store_list_item_orgs (self->store, pb_record_get_id (PB_RECORD (self->item)));
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(PbItemOrg) r = g_list_model_get_item (roles, i);
      g_autoptr(PbOrganisation) org = pb_store_get_record (self->store, PB_TYPE_ORGANISATION,
                                                           pb_item_org_get_organisation_id (r));

      if (org == NULL)
        continue;
      if (names->len > 0)
        /* Translators: between organisations' names in a sentence */
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, pb_organisation_get_name (org));
    }
  return g_string_free (names, FALSE);
}

/* What the planner may change of the item: a reporter, its own items'
 * status, progress and notes; the fields that are the office's are off,
 * each saying so, and the group's description says why. */
static void
update_rights (PbItemEditor *self)
{
  const char *organisation = NULL;
  const char *office = _("Only the office may change this");
  GtkWidget *office_fields[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->number_row), GTK_WIDGET (self->kind_row),
    GTK_WIDGET (self->section_row), GTK_WIDGET (self->body_view), GTK_WIDGET (self->start_row),
    GTK_WIDGET (self->due_row), GTK_WIDGET (self->progress_mode_row), GTK_WIDGET (self->add_org_row),
    GTK_WIDGET (self->pick_org_row), GTK_WIDGET (self->add_indicator_row), GTK_WIDGET (self->add_dep_row),
    GTK_WIDGET (self->health_button), GTK_WIDGET (self->health_clear_button),
  };
  GtkWidget *report_fields[] = {
    GTK_WIDGET (self->status_row), GTK_WIDGET (self->progress_row), GTK_WIDGET (self->add_note_row),
  };
  g_autofree char *description = NULL;

  g_clear_pointer (&self->report_refusal, g_free);
  self->office_only = self->store != NULL &&
                      pb_store_get_member_role (self->store, &organisation) == PB_STORE_MEMBER_REPORTER;
  self->may_report = TRUE;
  if (self->office_only && self->item != NULL && !pb_record_is_deleted (PB_RECORD (self->item)))
    {
      self->may_report = pb_store_may_report_on_item (self->store, pb_record_get_id (PB_RECORD (self->item)));
      if (!self->may_report)
        {
          g_autofree char *orgs = dup_item_orgs (self);

          self->report_refusal = orgs[0]
                                 /* Translators: %s is the item's organisations, "市发展改革委、市工业和信息化局" */
                                 ? g_strdup_printf (_("Only %s and the office may report on this item"), orgs)
                                 : g_strdup (_("Only the office may report on this item"));
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (office_fields); i++)
    allow (office_fields[i], !self->office_only, office);
  for (guint i = 0; i < G_N_ELEMENTS (report_fields); i++)
    allow (report_fields[i], self->may_report, self->report_refusal);

  if (self->office_only && self->may_report)
    /* Translators: at the top of a reporter's item editor; %s is its
     * organisation, 市工业和信息化局 */
    description = g_strdup_printf (_("You report on this item for %s: its status, progress and notes. "
                                     "Only the office may change the rest."), organisation);
  else if (self->office_only)
    /* Translators: at the top of a reporter's item editor, for an item
     * of other organisations; %s says whose it is */
    description = g_strdup_printf (_("%s; you may read it."), self->report_refusal);
  adw_preferences_group_set_description (self->item_group, description);
}

/* The rows rebuilt with the lists follow update_rights (): organisations,
 * indicators and dependencies are the office's, notes the reporter's. */
static void
restrict_dynamic_rows (PbItemEditor *self)
{
  if (!self->office_only)
    return;
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group == GTK_WIDGET (self->notes_group))
        allow (row, self->may_report, self->report_refusal);
      else
        allow (row, FALSE, _("Only the office may change this"));
    }
}

static void
add_row (PbItemEditor        *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, row);
}

/* Under each dependency, a note when the dates already contradict it:
 * this item starts before the one it waits for ends (DESIGN §5's "Starts
 * before … finishes"). Kept true as either item's dates change. */
static void
update_dependency_notes (PbItemEditor *self)
{
  gint64 id;

  if (self->item == NULL)
    return;
  id = pb_record_get_id (PB_RECORD (self->item));
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      PbRecord *d = g_object_get_data (G_OBJECT (row), "dependency");
      g_autofree char *note = NULL;
      g_autofree char *escaped = NULL;

      if (d == NULL || pb_record_is_deleted (d))
        continue;
      note = pb_ui_dup_dependency_conflict (self->store, pb_record_get_int (d, "from_item_id"), id,
                                            (int) pb_record_get_int (d, "lag_days"), NULL);
      escaped = note ? g_markup_escape_text (note, -1) : NULL;
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped ? escaped : "");
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "dependency-warning"), note != NULL);
    }
}

static void
rebuild_lists (PbItemEditor *self)
{
  gint64 id;
  ListFocus focus;
  gboolean had_focus = find_list_focus (self, &focus);
  gboolean draft_shown = FALSE;

  save_draft (self);

  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
      gint64 *indicator = g_object_get_data (G_OBJECT (row), "indicator-id");

      /* An indicator the planner opened stays open through the rebuild
       * an edit of its targets makes. */
      if (indicator && ADW_IS_EXPANDER_ROW (row))
        {
          if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
            g_hash_table_add (self->expanded, g_memdup2 (indicator, sizeof *indicator));
          else
            g_hash_table_remove (self->expanded, indicator);
        }
      if (group)
        adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);

  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;
  id = pb_record_get_id (PB_RECORD (self->item));

  /* Organisations, leads first. */
  {
    g_autoptr(GListModel) roles = pb_store_list_item_orgs (self->store, id);

    for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
      {
        g_autoptr(PbItemOrg) r = g_list_model_get_item (roles, i);
        g_autoptr(PbItemOrg) above = i > 0 ? g_list_model_get_item (roles, i - 1) : NULL;
        g_autoptr(PbOrganisation) org = pb_store_get_record (self->store, PB_TYPE_ORGANISATION,
                                                             pb_item_org_get_organisation_id (r));
        GtkWidget *row = adw_action_row_new ();
        GtkWidget *role = gtk_button_new_with_label (pb_item_org_get_role (r) == PB_ROLE_LEAD ? C_("organisation role", "Lead")
                                                                                               : C_("organisation role", "Responsible"));
        g_autofree char *name = g_markup_escape_text (org ? pb_organisation_get_name (org) : "", -1);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
        gtk_widget_set_valign (role, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (role, _("Switch between lead and responsible"));
        if (pb_item_org_get_role (r) == PB_ROLE_LEAD)
          gtk_widget_add_css_class (role, "accent");
        g_object_set_data_full (G_OBJECT (role), "record", g_object_ref (r), g_object_unref);
        g_signal_connect (role, "clicked", G_CALLBACK (toggle_role_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), role);
        if (above && pb_item_org_get_role (above) == pb_item_org_get_role (r))
          {
            GtkWidget *up = gtk_button_new_from_icon_name ("go-up-symbolic");

            gtk_widget_add_css_class (up, "flat");
            gtk_widget_set_valign (up, GTK_ALIGN_CENTER);
            gtk_widget_set_tooltip_text (up, _("Move up"));
            gtk_accessible_update_property (GTK_ACCESSIBLE (up), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Move up"), -1);
            g_object_set_data_full (G_OBJECT (up), "record", g_object_ref (r), g_object_unref);
            g_object_set_data_full (G_OBJECT (up), "above", g_object_ref (above), g_object_unref);
            g_signal_connect (up, "clicked", G_CALLBACK (move_org_up_cb), self);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
          }
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button (self, PB_RECORD (r), _("Remove organisation")));
        add_row (self, self->orgs_group, row);
      }
  }

  /* Indicators with their targets. */
  {
    g_autoptr(GListModel) all = pb_store_list_item_indicators (self->store, id);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(PbIndicator) k = g_list_model_get_item (all, i);
        g_autoptr(GListModel) targets = NULL;
        g_autoptr(GPtrArray) groups = NULL;
        g_autoptr(GString) summary = g_string_new (NULL);
        GtkWidget *row;
        g_autofree char *name = NULL;
        g_autofree char *sub = NULL;

        /* A goal and its task often state the same target, each as a
         * row of the store: it is one target, shown and edited once. */
        targets = pb_store_list_targets (self->store, pb_record_get_id (PB_RECORD (k)));
        groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
        for (guint t = 0; t < g_list_model_get_n_items (targets); t++)
          {
            g_autoptr(PbTarget) target = g_list_model_get_item (targets, t);
            gboolean seen = FALSE;

            for (guint u = 0; u < groups->len && !seen; u++)
              {
                GPtrArray *twins = g_ptr_array_index (groups, u);
                PbTarget *first = g_ptr_array_index (twins, 0);

                seen = pb_target_get_year (first) == pb_target_get_year (target) &&
                       pb_target_get_value (first) == pb_target_get_value (target) &&
                       pb_record_get_enum (PB_RECORD (first), "comparator") ==
                       pb_record_get_enum (PB_RECORD (target), "comparator") &&
                       pb_record_get_boolean (PB_RECORD (first), "stretch") ==
                       pb_record_get_boolean (PB_RECORD (target), "stretch");
                if (seen)
                  g_ptr_array_add (twins, g_object_ref (target));
              }
            if (!seen)
              {
                GPtrArray *twins = g_ptr_array_new_with_free_func (g_object_unref);

                g_ptr_array_add (twins, g_object_ref (target));
                g_ptr_array_add (groups, twins);
              }
          }
        for (guint u = 0; u < groups->len; u++)
          {
            GPtrArray *twins = g_ptr_array_index (groups, u);
            PbTarget *target = g_ptr_array_index (twins, 0);
            int cmp = pb_record_get_enum (PB_RECORD (target), "comparator");
            const char *symbol = cmp == PB_COMPARATOR_GE ? "≥" : cmp == PB_COMPARATOR_LE ? "≤" : cmp == PB_COMPARATOR_ABOUT ? "≈" : "";
            g_autofree char *value = pb_format_number_compact (pb_target_get_value (target), pb_indicator_get_measure_unit (k),
                                                               pb_store_get_indicator_decimals (self->store, pb_record_get_id (PB_RECORD (k))));

            if (summary->len)
              g_string_append (summary, " · ");
            /* TRANSLATORS: a target in a list: year, comparator, value with
             * its unit, and " (stretch)" or nothing, as "2027: ≥1.2万个" */
            g_string_append_printf (summary, C_("target in a list", "%d: %s%s%s"),
                                    pb_target_get_year (target), symbol, value,
                                    pb_record_get_boolean (PB_RECORD (target), "stretch") ? _(" (stretch)") : "");
          }

        row = adw_expander_row_new ();
        {
          /* TRANSLATORS: an indicator and its measure unit, as "5G基站 (个)" */
          const char *unit = pb_indicator_get_measure_unit (k);
          g_autofree char *title = unit && *unit ? g_strdup_printf (_("%s (%s)"), pb_indicator_get_name (k), unit)
                                                 : g_strdup (pb_indicator_get_name (k));
          name = g_markup_escape_text (title, -1);
        }
        sub = g_markup_escape_text (summary->str, -1);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), sub);
        {
          /* Shared: taken from this item only (remove_indicator_cb()). */
          gboolean shared = n_indicator_items (self, pb_record_get_id (PB_RECORD (k))) > 1;
          GtkWidget *remove = remove_button (self, PB_RECORD (k),
                                             shared ? _("Detach from this item") : _("Delete indicator"));

          g_signal_handlers_disconnect_by_func (remove, delete_record_cb, self);
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_indicator_cb), self);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
        }
        add_indicator_name_rows (self, row, k);
        for (guint u = 0; u < groups->len; u++)
          {
            GtkWidget *refusals = NULL;

            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), target_row (self, k, g_ptr_array_index (groups, u), &refusals));
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), refusals);
          }
        if (self->draft_indicator == pb_record_get_id (PB_RECORD (k)))
          {
            GtkWidget *refusals = NULL;

            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), draft_row (self, k, &refusals));
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), refusals);
            draft_shown = TRUE;
          }
        {
          GtkWidget *add = adw_action_row_new ();
          GtkWidget *button = gtk_button_new_with_label (_("Add Target"));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), "");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (button), "record", g_object_ref (k), g_object_unref);
          g_object_set_data (G_OBJECT (button), "add-target", GINT_TO_POINTER (TRUE));
          /* A click leaves the keyboard where it is: a new target being
           * typed is added by the click, not by the focus leaving it. */
          gtk_widget_set_focus_on_click (button, FALSE);
          g_signal_connect (button, "clicked", G_CALLBACK (add_target_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (add), button);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add);
        }
        {
          gint64 kid = pb_record_get_id (PB_RECORD (k));

          g_object_set_data_full (G_OBJECT (row), "indicator-id", g_memdup2 (&kid, sizeof kid), g_free);
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, &kid));
        }
        add_row (self, self->indicators_group, row);
      }
  }

  /* Dependencies: what this item waits for. */
  {
    g_autoptr(GListModel) deps = pb_store_list_dependencies (self->store, pb_item_get_plan_id (self->item));

    for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
      {
        g_autoptr(PbDependency) d = g_list_model_get_item (deps, i);
        g_autoptr(PbItem) from = NULL;
        GtkWidget *row;
        g_autofree char *title = NULL;
        g_autofree char *escaped = NULL;

        if (pb_record_get_int (PB_RECORD (d), "to_item_id") != id)
          continue;
        from = pb_store_get_record (self->store, PB_TYPE_ITEM, pb_record_get_int (PB_RECORD (d), "from_item_id"));
        if (from == NULL)
          continue;
        /* TRANSLATORS: a dependency: this item starts after %s %s finishes */
        title = g_strdup_printf (_("After %s %s"), pb_item_get_number (from), pb_item_get_title (from));
        escaped = g_markup_escape_text (title, -1);
        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
        {
          GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (warning, "warning");
          gtk_widget_set_visible (warning, FALSE);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning);
          g_object_set_data (G_OBJECT (row), "dependency-warning", warning);
        }
        g_object_set_data_full (G_OBJECT (row), "dependency", g_object_ref (d), g_object_unref);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button (self, PB_RECORD (d), _("Remove dependency")));
        add_row (self, self->deps_group, row);
      }
    update_dependency_notes (self);
  }

  /* The progress log, newest first. */
  {
    g_autoptr(GListModel) notes = pb_store_list_notes (self->store, id);

    for (guint i = g_list_model_get_n_items (notes); i > 0; i--)
      {
        g_autoptr(PbNote) n = g_list_model_get_item (notes, i - 1);
        GtkWidget *row = adw_action_row_new ();
        g_autofree char *text = g_markup_escape_text (pb_record_get_string (PB_RECORD (n), "text"), -1);
        g_autofree char *shown = pb_format_iso_date (pb_record_get_string (PB_RECORD (n), "date"));
        g_autofree char *date = g_markup_escape_text (shown, -1);

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button (self, PB_RECORD (n), _("Remove note")));
        add_row (self, self->notes_group, row);
      }
  }

  /* A new target whose indicator went (an undo) goes with it. */
  if (!draft_shown)
    clear_draft (self);

  /* The keyboard where it was: in the new target's value when it has
   * just been asked for, else in the field it was in. */
  if (self->draft_focus && draft_shown)
    {
      ListFocus draft = { 0, "draft-value" };
      GtkWidget *w = list_focus_widget (self, &draft);

      if (w)
        gtk_widget_grab_focus (w);
    }
  else if (had_focus)
    {
      GtkWidget *w = list_focus_widget (self, &focus);

      if (w)
        gtk_widget_grab_focus (w);
    }
  self->draft_focus = FALSE;
  restrict_dynamic_rows (self);
}

static void
add_org_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->add_org_row));
  gboolean lead;

  if (self->item == NULL || name[0] == '\0')
    return;
  lead = pb_store_count_item_orgs (self->store, pb_record_get_id (PB_RECORD (self->item)), PB_ROLE_LEAD) == 0;
  if (!pb_store_assign_organisation (self->store, pb_record_get_id (PB_RECORD (self->item)), name,
                                     lead ? PB_ROLE_LEAD : PB_ROLE_RESPONSIBLE, &error))
    report (self, error);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->add_org_row), "");
}

static void
add_note_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_note_row));

  if (self->item == NULL || text[0] == '\0')
    return;
  if (!pb_store_add_note (self->store, pb_record_get_id (PB_RECORD (self->item)), date, 0, text, &error))
    report (self, error);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->add_note_row), "");
}

/* ---- What the item's properties do not hold ---------------------------- */

/* Whether progress from indicators has anything to go on, and what it measures. */
static void
update_progress_subtitle (PbItemEditor *self)
{
  gboolean from_indicators;

  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;
  from_indicators = pb_record_get_enum (PB_RECORD (self->item), "progress_mode") == PB_PROGRESS_MODE_INDICATORS;
  adw_action_row_set_subtitle (self->progress_row,
                               !from_indicators ? ""
                               : pb_store_compute_item_progress (self->store, self->item) >= 0
                               ? _("The latest actuals against their baselines and targets")
                               : _("No actuals yet; kept as it was"));
  /* From its indicators, the slider (read only) shows what they measure
   * now, as the card's and the timeline's bars do, never the figure kept
   * from when the mode was chosen (62 beside a bar at 65 % once an
   * actual came in). Not a change of the item: nothing is stored. */
  if (from_indicators)
    {
      GDate today;

      pb_date_today (&today);
      gtk_adjustment_set_value (self->progress_adjustment,
                                CLAMP (pb_store_get_item_completion (self->store, self->item, &today), 0, 1) * 100);
    }
}

/* The health every view shows, and, set by hand, its reason and date
 * (the health module's reason says both); a way to set it by hand or to
 * clear what was. */
static void
update_health_row (PbItemEditor *self)
{
  const char *reason = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  PbHealth health;
  gboolean by_hand;
  GDate today;

  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;
  pb_date_today (&today);
  health = pb_store_get_item_health (self->store, self->item, &today, &reason);
  by_hand = pb_record_get_enum (PB_RECORD (self->item), "health_override") != PB_HEALTH_NONE;
  /* A reason that only repeats the health ("On track") is not said twice. */
  subtitle = reason && *reason && g_strcmp0 (reason, pb_health_get_name (health)) != 0
                 ? g_strdup_printf ("%s — %s", pb_health_get_name (health), reason)
                 : g_strdup (pb_health_get_name (health));
  /* Row subtitles are markup. */
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (self->health_row, escaped);
  /* The subtitle has a line limit (the .ui says why): the whole of it here. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->health_row), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->health_clear_button), by_hand);
  gtk_menu_button_set_label (self->health_button, by_hand ? _("Change…") : _("Set by Hand…"));
}

/* The popover opens on the health set by hand (or blue) and its reason. */
static void
health_popover_show_cb (PbItemEditor *self)
{
  PbHealth health;
  const char *reason;

  if (self->item == NULL)
    return;
  health = pb_record_get_enum (PB_RECORD (self->item), "health_override");
  reason = pb_record_get_string (PB_RECORD (self->item), "health_reason");
  gtk_drop_down_set_selected (self->health_dropdown, health == PB_HEALTH_NONE ? 0 : health - PB_HEALTH_BLUE);
  gtk_editable_set_text (GTK_EDITABLE (self->health_reason_entry), reason ? reason : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->health_reason_entry));
}

/* No health by hand without its reason. */
static void
health_reason_changed_cb (PbItemEditor *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->health_reason_entry))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->health_set_button), *reason != '\0');
}

static void
health_set_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;
  PbHealth health = PB_HEALTH_BLUE + gtk_drop_down_get_selected (self->health_dropdown);

  if (self->item == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->health_set_button)))
    return;
  if (!pb_store_set_health_override (self->store, self->item, CLAMP (health, PB_HEALTH_BLUE, PB_HEALTH_RED),
                                     gtk_editable_get_text (GTK_EDITABLE (self->health_reason_entry)), &error))
    {
      report (self, error);
      return;
    }
  gtk_popover_popdown (self->health_popover);
  update_health_row (self);
}

static void
health_clear_cb (PbItemEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->item == NULL)
    return;
  if (!pb_store_set_health_override (self->store, self->item, PB_HEALTH_NONE, NULL, &error))
    report (self, error);
  update_health_row (self);
}

/* The plan's sections to choose from, "No section" first; the item's
 * own section chosen. */
static void
rebuild_sections (PbItemEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  if (self->sections == NULL)
    return;
  gtk_string_list_append (labels, _("No section"));
  for (guint i = 0; i < g_list_model_get_n_items (self->sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (self->sections, i);
      g_autofree char *label = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));

      gtk_string_list_append (labels, g_strstrip (label));
      if (self->item && pb_record_get_id (PB_RECORD (s)) == pb_item_get_section_id (self->item))
        selected = i + 1;
    }
  self->loading = TRUE;
  adw_combo_row_set_model (self->section_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->section_row, selected);
  self->loading = FALSE;
}

/* The plan's organisations and items, to add from, "Choose…" first. */
static void
rebuild_pickers (PbItemEditor *self)
{
  g_autoptr(GtkStringList) orgs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) waits_for = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_clear_handle_id (&self->pickers_id, g_source_remove);
  gtk_string_list_append (orgs, _("Choose…"));
  for (guint i = 0; self->plan_orgs && i < g_list_model_get_n_items (self->plan_orgs); i++)
    {
      g_autoptr(PbOrganisation) o = g_list_model_get_item (self->plan_orgs, i);
      gtk_string_list_append (orgs, pb_organisation_get_name (o));
    }
  gtk_string_list_append (items, _("Choose…"));
  g_clear_pointer (&self->dep_choices, g_array_unref);
  self->dep_choices = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* What the item already waits for is not offered again. */
  if (self->item != NULL)
    {
      g_autoptr(GListModel) deps = pb_store_list_dependencies (self->store, pb_item_get_plan_id (self->item));
      gint64 item_id = pb_record_get_id (PB_RECORD (self->item));

      for (guint i = 0; i < g_list_model_get_n_items (deps); i++)
        {
          g_autoptr(PbDependency) d = g_list_model_get_item (deps, i);
          gint64 from = pb_record_get_int (PB_RECORD (d), "from_item_id");

          if (pb_record_get_int (PB_RECORD (d), "to_item_id") == item_id)
            g_hash_table_add (waits_for, g_memdup2 (&from, sizeof from));
        }
    }
  for (guint i = 0; self->plan_items && i < g_list_model_get_n_items (self->plan_items); i++)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (self->plan_items, i);
      g_autofree char *label = NULL;
      gint64 id = pb_record_get_id (PB_RECORD (it));

      /* An item cannot wait on itself: it is not offered. */
      if (self->item != NULL && id == pb_record_get_id (PB_RECORD (self->item)))
        continue;
      if (g_hash_table_contains (waits_for, &id))
        continue;
      label = g_strdup_printf ("%s %s", pb_item_get_number (it), pb_item_get_title (it));
      gtk_string_list_append (items, g_strstrip (label));
      g_array_append_val (self->dep_choices, id);
    }

  self->loading = TRUE;
  adw_combo_row_set_model (self->pick_org_row, G_LIST_MODEL (orgs));
  adw_combo_row_set_selected (self->pick_org_row, 0);
  adw_combo_row_set_model (self->add_dep_row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (self->add_dep_row, 0);
  self->loading = FALSE;
}

static gboolean
pickers_idle (gpointer data)
{
  PbItemEditor *self = data;

  self->pickers_id = 0;
  rebuild_pickers (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (PbItemEditor *self,
                  const char   *table)
{
  if (self->item == NULL)
    return;
  /* Whose item it is decides what a reporter may change. */
  if (g_str_equal (table, "item_org") || g_str_equal (table, "organisation") ||
      g_str_equal (table, "organisation_alias"))
    update_rights (self);
  /* The plan's period says which targets lie outside it. */
  if (g_str_equal (table, "plan") || g_str_equal (table, "item_org") || g_str_equal (table, "organisation") ||
      g_str_equal (table, "indicator") || g_str_equal (table, "item_indicator") || g_str_equal (table, "target") ||
      g_str_equal (table, "dependency") || g_str_equal (table, "note"))
    rebuild_lists (self);
  if (g_str_equal (table, "section"))
    rebuild_sections (self);
  if (g_str_equal (table, "organisation"))
    rebuild_pickers (self);
  /* A pick made ("Add: starts after", an organisation) is done: the
   * picker shows "Choose…" again, never the last choice, and no longer
   * offers what was added. Not from within the picker's own handler:
   * after it, when idle. */
  else if ((g_str_equal (table, "dependency") || g_str_equal (table, "item_org")) && self->pickers_id == 0)
    self->pickers_id = g_idle_add (pickers_idle, self);
  if (g_str_equal (table, "actual") || g_str_equal (table, "target") || g_str_equal (table, "item_indicator"))
    update_progress_subtitle (self);
  /* Its dates, or those of an item it waits for. */
  if (g_str_equal (table, "item"))
    update_dependency_notes (self);
  /* The health reads the item, its indicators, actuals and more. */
  update_health_row (self);
}

PbItem *
pb_item_editor_get_item (PbItemEditor *self)
{
  g_return_val_if_fail (PB_IS_ITEM_EDITOR (self), NULL);
  return self->item;
}

static void scroll_to_top (PbItemEditor *self);

/* Everything under @widget but the way to @keep, and @keep itself, made
 * (in)sensitive: rows added later to a list go with their list. */
static void
set_sensitive_but (GtkWidget *widget,
                   GtkWidget *keep,
                   gboolean   sensitive)
{
  if (widget == keep)
    return;
  if (!gtk_widget_is_ancestor (keep, widget))
    {
      gtk_widget_set_sensitive (widget, sensitive);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    set_sensitive_but (c, keep, sensitive);
}

/**
 * pb_item_editor_set_read_only:
 * @self: an item editor
 * @read_only: whether its library cannot be written
 *
 * In a read-only library every field is off, but the editor still closes
 * (its × and Escape), which an editor made insensitive as a whole did not.
 */
void
pb_item_editor_set_read_only (PbItemEditor *self,
                              gboolean      read_only)
{
  g_return_if_fail (PB_IS_ITEM_EDITOR (self));

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    set_sensitive_but (c, self->close_button, !read_only);
}

void
pb_item_editor_set_item (PbItemEditor *self,
                         PbItem       *item)
{
  gint64 plan_id = 0;

  g_return_if_fail (PB_IS_ITEM_EDITOR (self));
  g_return_if_fail (item == NULL || PB_IS_ITEM (item));

  if (self->item == item)
    return;

  pb_item_editor_flush (self);
  if (self->item)
    plan_id = pb_item_get_plan_id (self->item);
  g_set_object (&self->item, item);

  /* A refusal and what was typed belong to the item they were about. */
  for (FieldId id = 0; id < N_FIELDS; id++)
    {
      self->dirty[id] = FALSE;
      unmark_unsaved (self, id);
    }
  clear_draft (self);
  g_clear_handle_id (&self->add_target_id, g_source_remove);
  g_hash_table_remove_all (self->expanded);
  show_date_error (self, FIELD_DUE, NULL);
  show_title_error (self, FALSE);

  /* The plan's sections, organisations and items, live, for the
   * pickers: read again only for another plan. */
  if (item == NULL || pb_item_get_plan_id (item) != plan_id || self->sections == NULL)
    {
      g_clear_object (&self->sections);
      g_clear_object (&self->plan_orgs);
      g_clear_object (&self->plan_items);
      if (item)
        {
          self->sections = pb_store_list_sections (self->store, pb_item_get_plan_id (item));
          g_signal_connect_object (self->sections, "items-changed", G_CALLBACK (rebuild_sections), self,
                                   G_CONNECT_SWAPPED);
          self->plan_orgs = pb_store_list_organisations (self->store, pb_item_get_plan_id (item));
          g_signal_connect_object (self->plan_orgs, "items-changed", G_CALLBACK (rebuild_pickers), self,
                                   G_CONNECT_SWAPPED);
          self->plan_items = pb_store_list_items (self->store, pb_item_get_plan_id (item));
          g_signal_connect_object (self->plan_items, "items-changed", G_CALLBACK (rebuild_pickers), self,
                                   G_CONNECT_SWAPPED);
        }
    }
  if (item)
    {
      rebuild_sections (self);
      rebuild_pickers (self);
    }

  /* Every field shows the new item's value through its binding. */
  g_binding_group_set_source (self->bindings, item);
  g_signal_group_set_target (self->item_signals, item);
  for (FieldId id = 0; id < N_FIELDS; id++)
    remember_field (self, id);
  update_progress_subtitle (self);
  update_number_note (self);
  update_health_row (self);
  update_rights (self);
  rebuild_lists (self);
  /* Another item is read from its top. */
  if (item)
    scroll_to_top (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * pb_item_editor_focus_title:
 * @self: an editor
 *
 * Puts the keyboard in the title with all of it selected, for typing over
 * a new item's empty or proposed title.
 */
void
pb_item_editor_focus_title (PbItemEditor *self)
{
  GtkWidget *title = GTK_WIDGET (self->title_row);
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (PB_IS_ITEM_EDITOR (self));

  /* Selected as the focus comes in, not after: GTK 4.8 starts the
   * cursor's blinking when a field takes the focus with nothing selected,
   * and a selection made later under a blinking cursor makes it warn. The
   * title may have the focus already (the editor opens with it there). */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus && (focus == title || gtk_widget_is_ancestor (focus, title)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_grab_focus (title);
  gtk_editable_select_region (GTK_EDITABLE (title), 0, -1);
}

static GtkScrolledWindow *
first_scrolled_window (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (c))
        return GTK_SCROLLED_WINDOW (c);
      if ((found = first_scrolled_window (c)))
        return found;
    }
  return NULL;
}

/* The page's own scroller (AdwPreferencesPage has no call for it in
 * libadwaita 1.2) is the first one under the editor. */
static void
scroll_to_top (PbItemEditor *self)
{
  GtkScrolledWindow *scroller = first_scrolled_window (GTK_WIDGET (self));

  if (scroller)
    {
      GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (scroller);

      gtk_adjustment_set_value (vadj, gtk_adjustment_get_lower (vadj));
    }
}

/**
 * pb_item_editor_show_top:
 * @self: an editor
 *
 * Scrolls the editor to its top and puts the keyboard in the title, the
 * cursor after its text: how an item opens, whatever field and place the
 * item before was left at.
 */
void
pb_item_editor_show_top (PbItemEditor *self)
{
  g_return_if_fail (PB_IS_ITEM_EDITOR (self));

  scroll_to_top (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_set_position (GTK_EDITABLE (self->title_row), -1);
}

/* ---- Construction ------------------------------------------------------- */

static void
pb_item_editor_dispose (GObject *object)
{
  PbItemEditor *self = PB_ITEM_EDITOR (object);

  g_clear_handle_id (&self->remove_indicator_id, g_source_remove);
  g_clear_object (&self->removing_indicator);

  /* The window closes (or the application quits) with a progress still
   * to be stored (a drag not let go, keys in their pause) or a field
   * typed in its pause: stored now, one command each, as another item
   * opening stores them, not dropped with the editor. */
  if (self->item != NULL && self->store != NULL)
    {
      if (self->progress_save_id != 0 || self->progress_pressed)
        {
          self->progress_pressed = FALSE;
          save_progress (self);
        }
      if (self->save_id != 0)
        save_now (self);
    }
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->pickers_id, g_source_remove);
  g_clear_handle_id (&self->add_target_id, g_source_remove);
  clear_draft (self);
  if (self->bindings)
    g_binding_group_set_source (self->bindings, NULL);
  g_clear_object (&self->bindings);
  g_clear_object (&self->item_signals);
  g_clear_object (&self->item);
  g_clear_object (&self->sections);
  g_clear_object (&self->plan_orgs);
  g_clear_object (&self->plan_items);
  g_clear_pointer (&self->dep_choices, g_array_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->report_refusal, g_free);
  g_clear_handle_id (&self->progress_save_id, g_source_remove);
  for (FieldId id = 0; id < N_FIELDS; id++)
    g_clear_pointer (&self->focus_text[id], g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_ITEM_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_item_editor_parent_class)->dispose (object);
}

static void
pb_item_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbItemEditor *self = PB_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_item_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PbItemEditor *self = PB_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      pb_item_editor_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_item_editor_class_init (PbItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_item_editor_dispose;
  object_class->get_property = pb_item_editor_get_property;
  object_class->set_property = pb_item_editor_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, PB_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "itemeditor");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-editor", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, page);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, item_group);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, number_note);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, section_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, body_buffer);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, date_error);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, progress_mode_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, progress_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, progress_scale);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, progress_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_clear_button);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_button);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_popover);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_reason_entry);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, health_set_button);
  gtk_widget_class_bind_template_callback (widget_class, health_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, health_reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, health_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, health_clear_cb);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, orgs_group);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, add_org_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, pick_org_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, indicators_group);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, add_indicator_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, deps_group);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, add_dep_row);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, PbItemEditor, add_note_row);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_now);
  gtk_widget_class_bind_template_callback (widget_class, field_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_event_cb);
  gtk_widget_class_bind_template_callback (widget_class, progress_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_scroll_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_org_cb);
  gtk_widget_class_bind_template_callback (widget_class, pick_org_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_indicator_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_dependency_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_note_cb);
}

/* Preferences › Amounts changed: the health's reason and the indicators'
 * targets written again in the new style (the fields keep every digit). */
static void
number_style_changed_cb (PbItemEditor *self)
{
  if (self->item == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;
  update_health_row (self);
  rebuild_lists (self);
}

static void
pb_item_editor_init (PbItemEditor *self)
{
  self->dynamic_rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  pb_ui_follow_number_style (GTK_WIDGET (self), G_CALLBACK (number_style_changed_cb));
  for (FieldId id = 0; id < N_FIELDS; id++)
    if (id != FIELD_BODY)
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect (focus, "enter", G_CALLBACK (field_focus_enter_cb), self);
        gtk_widget_add_controller (field_widget (self, id), focus);
      }

  /* Each field follows its property of the item; writing goes through
   * store commands (save_now (), combo_changed_cb () …), which change the
   * item, which comes back here. */
  self->bindings = g_binding_group_new ();
  g_binding_group_bind_full (self->bindings, "title", self->title_row, "text", G_BINDING_SYNC_CREATE,
                             to_field, NULL, &self->dirty[FIELD_TITLE], NULL);
  g_binding_group_bind_full (self->bindings, "number", self->number_row, "text", G_BINDING_SYNC_CREATE,
                             to_field, NULL, &self->dirty[FIELD_NUMBER], NULL);
  g_binding_group_bind_full (self->bindings, "body", self->body_buffer, "text", G_BINDING_SYNC_CREATE,
                             to_field, NULL, &self->dirty[FIELD_BODY], NULL);
  g_binding_group_bind_full (self->bindings, "start-date", self->start_row, "text", G_BINDING_SYNC_CREATE,
                             to_field, NULL, &self->dirty[FIELD_START], NULL);
  g_binding_group_bind_full (self->bindings, "due-date", self->due_row, "text", G_BINDING_SYNC_CREATE,
                             to_field, NULL, &self->dirty[FIELD_DUE], NULL);
  g_binding_group_bind_full (self->bindings, "kind", self->kind_row, "selected", G_BINDING_SYNC_CREATE,
                             enum_to_selected, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "status", self->status_row, "selected", G_BINDING_SYNC_CREATE,
                             enum_to_selected, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "progress-mode", self->progress_mode_row, "selected",
                             G_BINDING_SYNC_CREATE, enum_to_selected, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "progress-mode", self->progress_scale, "sensitive",
                             G_BINDING_SYNC_CREATE, mode_to_scale_sensitive, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "progress", self->progress_adjustment, "value",
                             G_BINDING_SYNC_CREATE, progress_to_percent, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "section-id", self->section_row, "selected",
                             G_BINDING_SYNC_CREATE, section_to_selected, NULL, self, NULL);

  self->item_signals = g_signal_group_new (PB_TYPE_ITEM);
  g_signal_group_connect_swapped (self->item_signals, "notify::progress-mode",
                                  G_CALLBACK (update_progress_subtitle), self);
  g_signal_group_connect_swapped (self->item_signals, "notify::progress",
                                  G_CALLBACK (update_progress_subtitle), self);
}

GtkWidget *
pb_item_editor_new (PbStore *store)
{
  PbItemEditor *self = g_object_new (PB_TYPE_ITEM_EDITOR, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
