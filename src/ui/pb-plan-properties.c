/* pb-plan-properties.c — Plan Properties… and the section dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are composite templates (resources/ui/pb-plan-properties.ui,
 * pb-section-dialog.ui) whose Save is one store command. A refusal is said
 * under the field it is about, and goes when that field is edited.
 */
#define G_LOG_DOMAIN "pb-plan-properties"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-plan-properties.h"
#include "pb-ui-util.h"

/* ---- Plan Properties ---------------------------------------------------- */

struct _PbPlanProperties
{
  AdwWindow       parent_instance;

  AdwEntryRow    *title_row;
  GtkLabel       *title_error;
  AdwEntryRow    *doc_number_row;
  AdwEntryRow    *issuer_row;
  AdwEntryRow    *issue_date_row;
  GtkLabel       *issue_date_error;
  GtkSpinButton  *start_spin;
  GtkSpinButton  *end_spin;
  GtkLabel       *period_error;
  GtkLabel       *period_warning;
  GtkWidget      *save_button;

  PbStore        *store;
  PbPlan         *plan;
  char           *opened;       /* the fields as the dialog opened */
  gboolean        closing;      /* saved, or the changes let go */
  GtkWindow      *discard_dialog;
};

G_DEFINE_FINAL_TYPE (PbPlanProperties, pb_plan_properties, ADW_TYPE_WINDOW)

/* What the fields hold, to tell whether anything was changed. */
static char *
fields_state (PbPlanProperties *self)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d",
                          gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->doc_number_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->issuer_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->issue_date_row)),
                          gtk_spin_button_get_value_as_int (self->start_spin),
                          gtk_spin_button_get_value_as_int (self->end_spin));
}

static gboolean
close_when_idle (gpointer data)
{
  g_autoptr(PbPlanProperties) self = data;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PbPlanProperties *self)
{
  if (g_str_equal (response, "discard"))
    g_idle_add (close_when_idle, g_object_ref (self));
}

/* Escape, Cancel or the window's close: changes typed are not thrown
 * away without asking (a first-time user lost a document number, an
 * issuer and a period to one Escape). */
static gboolean
pb_plan_properties_close_request (GtkWindow *window)
{
  PbPlanProperties *self = PB_PLAN_PROPERTIES (window);
  g_autofree char *now = NULL;
  AdwMessageDialog *dialog;

  if (self->closing || self->opened == NULL ||
      g_str_equal ((now = fields_state (self)), self->opened))
    return GTK_WINDOW_CLASS (pb_plan_properties_parent_class)->close_request (window);
  if (self->discard_dialog)
    {
      gtk_window_present (self->discard_dialog);
      return TRUE;
    }
  dialog = ADW_MESSAGE_DIALOG (pb_ui_discard_dialog_new (window, _("Discard the Changes?"),
                                                         _("The changes made to the plan’s properties will be lost.")));
  g_set_weak_pointer (&self->discard_dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
show_field_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (row == NULL)
    return;
  if (message)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static void
field_changed_cb (PbPlanProperties *self,
                  GtkEditable      *row)
{
  if (row == GTK_EDITABLE (self->title_row))
    show_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
  else
    show_field_error (GTK_WIDGET (self->issue_date_row), self->issue_date_error, NULL);
}

/* "3 targets lie outside 2027—2028. They are kept…": what a new period
 * does to the targets it leaves out; NULL when it leaves none. */
static char *
targets_outside_text (PbPlanProperties *self,
                      int               start,
                      int               end)
{
  guint n;

  if (self->store == NULL || self->plan == NULL || end < start)
    return NULL;
  n = pb_store_count_targets_outside (self->store, self->plan, start, end);
  if (n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u target lies outside %d—%d. It is kept, and shown as outside the period; nothing is deleted.",
                                       "%u targets lie outside %d—%d. They are kept, and shown as outside the period; nothing is deleted.",
                                       n),
                          n, start, end);
}

static void
period_changed_cb (PbPlanProperties *self)
{
  int start = gtk_spin_button_get_value_as_int (self->start_spin);
  int end = gtk_spin_button_get_value_as_int (self->end_spin);
  g_autofree char *warning = NULL;

  show_field_error (NULL, self->period_error,
                    end < start ? _("The last year cannot come before the first.") : NULL);
  /* Said as the years are chosen, before anything is saved. */
  if (self->plan && (start != pb_plan_get_period_start (self->plan) || end != pb_plan_get_period_end (self->plan)))
    warning = targets_outside_text (self, start, end);
  gtk_label_set_text (self->period_warning, warning ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->period_warning), warning != NULL);
}

/* Saves every field as one command; @move: the items on the old period's
 * first or last day move with it. */
static gboolean
close_idle (gpointer data)
{
  g_autoptr(GtkWindow) window = data;

  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

static gboolean
save (PbPlanProperties *self,
      gboolean          move,
      gboolean          close_now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *doc = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->doc_number_row))));
  g_autofree char *issuer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->issuer_row))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->issue_date_row))));

  if (!pb_store_set_plan_properties (self->store, self->plan, title, doc, issuer, date,
                                     gtk_spin_button_get_value_as_int (self->start_spin),
                                     gtk_spin_button_get_value_as_int (self->end_spin), move, &error))
    {
      show_field_error (NULL, self->period_error, error->message);
      return FALSE;
    }
  self->closing = TRUE;
  /* From the question's response: once the question has gone. */
  if (close_now)
    gtk_window_close (GTK_WINDOW (self));
  else
    g_idle_add (close_idle, g_object_ref (self));
  return TRUE;
}

static void
move_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PbPlanProperties *self)
{
  if (g_str_equal (response, "move") || g_str_equal (response, "keep") || g_str_equal (response, "change"))
    save (self, g_str_equal (response, "move"), FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbPlanProperties *self = PB_PLAN_PROPERTIES (widget);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->issue_date_row))));
  int start = gtk_spin_button_get_value_as_int (self->start_spin);
  int end = gtk_spin_button_get_value_as_int (self->end_spin);
  GDate parsed;

  /* Each refusal beside its field; nothing is saved while one stands. */
  if (title[0] == '\0')
    {
      show_field_error (GTK_WIDGET (self->title_row), self->title_error, _("A plan needs a title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }
  if (date[0] && !pb_date_parse (date, &parsed))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date; write it as 2024-06-30."), date);
      show_field_error (GTK_WIDGET (self->issue_date_row), self->issue_date_error, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->issue_date_row));
      return;
    }
  if (end < start)
    {
      show_field_error (NULL, self->period_error, _("The last year cannot come before the first."));
      return;
    }

  /* A new period: ask before moving the items that still carry the old
   * one's default dates (they may have been meant as they are), and say
   * what becomes of the targets it leaves out. */
  if (start != pb_plan_get_period_start (self->plan) || end != pb_plan_get_period_end (self->plan))
    {
      guint n = pb_store_count_default_dated_items (self->store, self->plan);
      guint undated = n > 0 ? pb_store_count_undated_items (self->store, self->plan) : 0;
      g_autofree char *outside = targets_outside_text (self, start, end);

      if (n > 0 || outside != NULL)
        {
          g_autofree char *heading = NULL;
          g_autofree char *items = NULL;
          g_autofree char *body = NULL;
          GtkWidget *dialog;

          if (n > 0)
            {
              heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Move %u Item to the New Period?",
                                                      "Move %u Items to the New Period?", n), n);
              if (undated == n)
                /* TRANSLATORS: a count of items, then the plan's new period */
                items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u item has no dates. It can be dated from the new period (%d—%d), or stay as it is.",
                                                      "%u items have no dates. They can be dated from the new period (%d—%d), or stay as they are.",
                                                      n),
                                         n, start, end);
              else if (undated > 0)
                /* TRANSLATORS: a count of items, the plan's old period, then its new one */
                items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u item starts on the first day of %d—%d, is due on its last day, or has no dates. Its dates can move with the period (%d—%d), or stay as they are.",
                                                      "%u items start on the first day of %d—%d, are due on its last day, or have no dates. Their dates can move with the period (%d—%d), or stay as they are.",
                                                      n),
                                         n, pb_plan_get_period_start (self->plan),
                                         pb_plan_get_period_end (self->plan), start, end);
              else
                items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u item starts on the first day of %d—%d or is due on its last day. Its dates can move with the period (%d—%d), or stay as they are.",
                                                      "%u items start on the first day of %d—%d or are due on its last day. Their dates can move with the period (%d—%d), or stay as they are.",
                                                      n),
                                         n, pb_plan_get_period_start (self->plan),
                                         pb_plan_get_period_end (self->plan), start, end);
            }
          else
            /* TRANSLATORS: the plan's new period, as "Change the Period to 2027—2028?" */
            heading = g_strdup_printf (_("Change the Period to %d—%d?"), start, end);
          body = items && outside ? g_strconcat (items, "\n\n", outside, NULL)
                                  : g_strdup (items ? items : outside);
          dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

          if (n > 0)
            {
              adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                                "cancel", _("_Cancel"),
                                                "keep", _("_Keep Dates"),
                                                "move", _("_Move Items"),
                                                NULL);
              adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move", ADW_RESPONSE_SUGGESTED);
              adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
            }
          else
            {
              adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                                "cancel", _("_Cancel"),
                                                "change", _("C_hange Period"),
                                                NULL);
              adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change", ADW_RESPONSE_SUGGESTED);
              adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
            }
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect_object (dialog, "response", G_CALLBACK (move_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }
  save (self, FALSE, TRUE);
}

static void
pb_plan_properties_dispose (GObject *object)
{
  PbPlanProperties *self = PB_PLAN_PROPERTIES (object);

  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_pointer (&self->opened, g_free);
  g_clear_weak_pointer (&self->discard_dialog);
  G_OBJECT_CLASS (pb_plan_properties_parent_class)->dispose (object);
}

static void
pb_plan_properties_class_init (PbPlanPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_plan_properties_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pb_plan_properties_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-plan-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, title_row);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, title_error);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, doc_number_row);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, issue_date_row);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, issue_date_error);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, start_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, end_spin);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, period_error);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, period_warning);
  gtk_widget_class_bind_template_child (widget_class, PbPlanProperties, save_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_install_action (widget_class, "plan-properties.save", NULL, save_action);
}

static void
pb_plan_properties_init (PbPlanProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/**
 * pb_plan_properties_new:
 * @parent: the main window
 * @store: the library
 * @plan: the plan whose title, document number, issuer, issue date and
 *   period are edited
 *
 * Returns: (transfer none): the dialog, shown
 */
PbPlanProperties *
pb_plan_properties_new (GtkWindow *parent,
                        PbStore   *store,
                        PbPlan    *plan)
{
  PbPlanProperties *self = g_object_new (PB_TYPE_PLAN_PROPERTIES, "transient-for", parent, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int start = pb_plan_get_period_start (plan), end = pb_plan_get_period_end (plan);

  self->store = g_object_ref (store);
  self->plan = g_object_ref (plan);
  set_text (self->title_row, pb_plan_get_title (plan));
  set_text (self->doc_number_row, pb_record_get_string (PB_RECORD (plan), "doc_number"));
  set_text (self->issuer_row, pb_record_get_string (PB_RECORD (plan), "issuer"));
  set_text (self->issue_date_row, pb_record_get_string (PB_RECORD (plan), "issue_date"));
  if (start <= 0)
    start = g_date_time_get_year (now);
  if (end <= 0)
    end = start;
  gtk_spin_button_set_value (self->start_spin, start);
  gtk_spin_button_set_value (self->end_spin, end);
  show_field_error (NULL, self->title_error, NULL);
  period_changed_cb (self);
  self->opened = fields_state (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* ---- Add or rename a section ------------------------------------------- */

struct _PbSectionDialog
{
  AdwWindow    parent_instance;

  AdwEntryRow *number_row;
  GtkLabel    *number_note;
  AdwEntryRow *title_row;
  GtkLabel    *title_error;
  AdwComboRow *parent_row;
  GtkLabel    *place_note;
  GtkWidget   *ok_button;

  PbStore     *store;
  PbPlan      *plan;
  PbSection   *section;     /* renaming it, or NULL to add one */
  GArray      *parents;     /* section ids the combo offers; 0 first */
  char        *proposed;    /* the number proposed, while not edited */
  gint64       after_id;
  gint64       saved_id;
};

G_DEFINE_FINAL_TYPE (PbSectionDialog, pb_section_dialog, ADW_TYPE_WINDOW)

static void
title_changed_cb (PbSectionDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->title_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
}

/* The parent the combo has chosen for a new section. */
static gint64
chosen_parent (PbSectionDialog *self)
{
  guint i = adw_combo_row_get_selected (self->parent_row);

  return self->parents && i < self->parents->len ? g_array_index (self->parents, gint64, i) : 0;
}

/* The section a new one follows, when it goes among its siblings there
 * (the chosen parent is the one it was asked after); 0 when it goes last. */
static gint64
chosen_after (PbSectionDialog *self)
{
  g_autoptr(PbSection) after = NULL;

  if (self->after_id == 0)
    return 0;
  after = pb_store_get_record (self->store, PB_TYPE_SECTION, self->after_id);
  return after && pb_section_get_parent_id (after) == chosen_parent (self) ? self->after_id : 0;
}

/* Where a new section goes, said under the parent it goes in: after
 * which section, and whether those after it are numbered on (the number
 * of its place was kept) or keep theirs; or last. What the dialog says
 * is what Add does (a reviewer's 三 went in as 二 unsaid). */
static void
update_place_note (PbSectionDialog *self)
{
  g_autofree char *text = NULL;
  gint64 after_id;

  if (self->section != NULL || self->parents == NULL)
    return;
  after_id = chosen_after (self);
  if (after_id)
    {
      g_autoptr(PbSection) after = pb_store_get_record (self->store, PB_TYPE_SECTION, after_id);
      g_autofree char *heading = pb_format_section_heading (pb_section_get_number (after), pb_section_get_title (after));
      g_autofree char *number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
      g_autofree char *in_place = NULL;
      guint n_after = 0;

      in_place = pb_store_section_number_in_place (self->store, pb_record_get_id (PB_RECORD (self->plan)),
                                                   chosen_parent (self), after_id, &n_after, NULL);
      if (in_place && n_after > 0 && pb_format_section_number_value (number) > 0 &&
          pb_format_section_number_value (number) == pb_format_section_number_value (in_place))
        /* Translators: where Add Section puts a new section: after the
         * one named ("一、总体要求"), and the sections after it take the
         * next numbers */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Goes after %s; the section after it is numbered on.",
                                             "Goes after %s; the %u sections after it are numbered on.", n_after),
                                g_strstrip (heading), n_after);
      else
        /* Translators: where Add Section puts a new section: after the one named */
        text = g_strdup_printf (_("Goes after %s."), g_strstrip (heading));
    }
  else
    text = g_strdup (_("Goes last."));
  gtk_label_set_text (self->place_note, text);
}

/* A number a sibling section carries already, said under the field as
 * it is typed: "二 is also the number of 重点任务". Saving it is not
 * refused: a planner may be halfway through renumbering, and Renumber
 * Sections puts the count right. */
static void
number_changed_cb (PbSectionDialog *self)
{
  g_autofree char *number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
  g_autoptr(PbSection) other = NULL;

  if (self->section && !pb_record_is_deleted (PB_RECORD (self->section)))
    other = pb_store_find_section_number_clash (self->store, self->section, number);
  if (other)
    {
      g_autofree char *heading = pb_format_section_heading (pb_section_get_number (other),
                                                            pb_section_get_title (other));
      g_autofree char *text = NULL;

      /* Translators: under a section's number in Rename Section: the
       * number typed, and the sibling section that has it already, with
       * its number and title ("二、重点任务") */
      text = g_strdup_printf (_("%s is also the number of section %s"), number, g_strstrip (heading));
      gtk_label_set_text (self->number_note, text);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->number_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->number_note, NULL, -1);
    }
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->number_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_widget_set_visible (GTK_WIDGET (self->number_note), other != NULL);
  update_place_note (self);
}

static void
section_save_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PbSectionDialog *self = PB_SECTION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  gboolean ok;

  if (self->section)
    {
      ok = pb_store_rename_section (self->store, self->section, number, title, &error);
      if (ok)
        self->saved_id = pb_record_get_id (PB_RECORD (self->section));
    }
  else
    {
      guint i = adw_combo_row_get_selected (self->parent_row);
      gint64 parent = i < self->parents->len ? g_array_index (self->parents, gint64, i) : 0;

      self->saved_id = pb_store_insert_section (self->store, pb_record_get_id (PB_RECORD (self->plan)), parent,
                                                self->after_id, number, title, &error);
      ok = self->saved_id > 0;
    }

  if (!ok)
    {
      gtk_label_set_text (self->title_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->title_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
pb_section_dialog_dispose (GObject *object)
{
  PbSectionDialog *self = PB_SECTION_DIALOG (object);

  g_clear_object (&self->section);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_pointer (&self->parents, g_array_unref);
  g_clear_pointer (&self->proposed, g_free);
  G_OBJECT_CLASS (pb_section_dialog_parent_class)->dispose (object);
}

static void
pb_section_dialog_class_init (PbSectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_section_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-section-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, number_note);
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, place_note);
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, title_error);
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, PbSectionDialog, ok_button);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_changed_cb);
  gtk_widget_class_install_action (widget_class, "section.save", NULL, section_save_action);
}

static void
pb_section_dialog_init (PbSectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->ok_button);
  self->parents = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Whether the plan is written in Chinese: its title has a Han character. */
static gboolean
plan_is_chinese (PbPlan *plan)
{
  const char *title = pb_plan_get_title (plan);

  for (const char *p = title ? title : ""; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* A new section proposes the next number in the style of the sections it
 * goes beside (the chosen parent's), unless the planner typed another. */
static void
propose_number (PbSectionDialog *self)
{
  g_autoptr(GListModel) sections = NULL;
  g_autoptr(GPtrArray) siblings = g_ptr_array_new_with_free_func (g_free);
  const char *now = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  gint64 parent = chosen_parent (self);
  char *in_place;

  if (self->parents == NULL || self->section != NULL || (*now != '\0' && g_strcmp0 (now, self->proposed) != 0))
    {
      update_place_note (self);
      return;
    }
  /* Going among siblings that count in order, the number of its place
   * there ("二" after 一 of 一 二 三): those after it count on. */
  in_place = chosen_after (self) ? pb_store_section_number_in_place (self->store, pb_record_get_id (PB_RECORD (self->plan)),
                                                                    parent, chosen_after (self), NULL, NULL)
                                 : NULL;
  if (in_place)
    {
      g_free (self->proposed);
      self->proposed = in_place;
      gtk_editable_set_text (GTK_EDITABLE (self->number_row), self->proposed);
      update_place_note (self);
      return;
    }
  sections = pb_store_list_sections (self->store, pb_record_get_id (PB_RECORD (self->plan)));
  for (guint k = 0; k < g_list_model_get_n_items (sections); k++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, k);

      if (pb_section_get_parent_id (s) == parent)
        g_ptr_array_add (siblings, g_strdup (pb_section_get_number (s)));
    }
  g_ptr_array_add (siblings, NULL);
  g_free (self->proposed);
  self->proposed = pb_format_next_section_number ((const char *const *) siblings->pdata, parent != 0,
                                                  plan_is_chinese (self->plan));
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), self->proposed);
  update_place_note (self);
}

/**
 * pb_section_dialog_new:
 * @parent: the main window
 * @store: the library
 * @plan: the plan
 * @section: (nullable): the section to rename and renumber; %NULL adds one
 * @parent_id: for a new section, the section it goes in (0: top level)
 * @after_id: for a new section, the sibling it follows (0: last)
 *
 * Returns: (transfer none): the dialog, shown
 */
PbSectionDialog *
pb_section_dialog_new (GtkWindow *parent,
                       PbStore   *store,
                       PbPlan    *plan,
                       PbSection *section,
                       gint64     parent_id,
                       gint64     after_id)
{
  PbSectionDialog *self = g_object_new (PB_TYPE_SECTION_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) sections = pb_store_list_sections (store, pb_record_get_id (PB_RECORD (plan)));
  gint64 none = 0;
  guint selected = 0;

  self->store = g_object_ref (store);
  self->plan = g_object_ref (plan);
  self->after_id = after_id;
  g_set_object (&self->section, section);

  gtk_window_set_title (GTK_WINDOW (self), section ? _("Rename Section") : _("Add Section"));
  gtk_button_set_label (GTK_BUTTON (self->ok_button), section ? _("_Rename") : _("_Add"));

  gtk_string_list_append (names, _("Top level"));
  g_array_append_val (self->parents, none);
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      g_autofree char *heading = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));
      g_autofree char *name = g_strdup_printf ("%s%s", pb_section_get_parent_id (s) ? "    " : "", heading);
      gint64 id = pb_record_get_id (PB_RECORD (s));

      gtk_string_list_append (names, name);
      g_array_append_val (self->parents, id);
      if (id == parent_id)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->parent_row, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), section == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->place_note), section == NULL);

  if (section)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->number_row), pb_section_get_number (section));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), pb_section_get_title (section));
    }
  else
    {
      propose_number (self);
      g_signal_connect_swapped (self->parent_row, "notify::selected", G_CALLBACK (propose_number), self);
    }
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}

gint64
pb_section_dialog_get_saved_id (PbSectionDialog *self)
{
  g_return_val_if_fail (PB_IS_SECTION_DIALOG (self), 0);
  return self->saved_id;
}
