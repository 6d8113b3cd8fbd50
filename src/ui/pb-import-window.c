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
#include <math.h>
#include <string.h>

#include "pb-document.h"
#include "pb-draft-period.h"
#include "pb-format.h"
#include "pb-import-target-row.h"
#include "pb-import-window.h"
#include "pb-org-list.h"
#include "pb-ui-util.h"
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
  GtkWidget           *title_error_row;
  AdwEntryRow         *doc_number_row;
  AdwEntryRow         *issuer_row;
  AdwEntryRow         *start_row;
  GtkWidget           *start_error_row;
  AdwEntryRow         *end_row;
  GtkWidget           *end_error_row;
  GtkWidget           *period_note_row;
  GtkImage            *period_note_icon;
  GtkLabel            *period_note;
  AdwActionRow        *summary_row;
  GtkWidget           *summary_mark; /* red, while targets lie outside the period */
  guint                scroll_id;    /* showing the first refused field */
  guint                scroll_frames;
  GtkWidget           *scroll_to;
  AdwStatusPage       *empty_page;
  AdwActionRow        *file_row;
  GtkWidget           *read_again_button;
  GtkButton           *back_button;
  GtkButton           *empty_back_button;
  GtkButton           *create_button;

  PbStore             *store;
  GCancellable        *cancellable;
  JsonNode            *draft;
  GHashTable          *known_names;  /* the draft's names with a 、 of their own → how many fields hold each */
  GHashTable          *orgs;         /* the summary's organisations: a name → how many fields of items not left out hold it */
  guint                n_items;      /* the summary's items, targets and targets outside the period, */
  guint                n_targets;    /*   as last counted by update_summary () */
  guint                n_outside;
  GPtrArray           *groups;       /* review groups to remove on re-read */
  GHashTable          *invalid;      /* fields whose text is refused */
  GHashTable          *year_fields;  /* a target (JsonObject) → its Year row */
  gboolean             years_checked; /* Create Plan asked: duplicate years are marked too */
  gboolean             copying;       /* a correction is being copied to a target's other copies */
  int                  found_start;   /* the period the document states (0: none), */
  int                  found_end;     /*   whose first and last days its items carry */
  int                  proposed_start; /* the period proposed from the targets' years */
  int                  proposed_end;   /*   when the document states none (0: none) */
  GFile               *file;         /* the last file read, to read again */
  char                *source_name;  /* the file's name, or "Pasted text" */
  char                *draft_text;   /* the pasted text the draft was read from */
  guint                pulse_id;
  GtkFileChooserNative *chooser;
  char                *pristine;     /* the review's fields as built, to tell corrections */
  GtkWidget           *focus_field;  /* the review field with the focus (weak) */
  gboolean             discarding;   /* closing: the corrections may go */
  AdwMessageDialog    *discard_dialog;
};

enum {
  PLAN_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PbImportWindow, pb_import_window, ADW_TYPE_WINDOW)

/* A year of the period at the top left empty: the items are dated from
 * the period, so Create Plan waits for it. */
static gboolean
period_missing (PbImportWindow *self)
{
  g_autofree char *start = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->start_row))));
  g_autofree char *end = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->end_row))));

  return start[0] == '\0' || end[0] == '\0';
}

static void
update_actions (PbImportWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean back = g_str_equal (page, "review") || g_str_equal (page, "empty");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.create",
                                 g_str_equal (page, "review") && !period_missing (self));
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), g_str_equal (page, "review"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", back);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  /* Back to what was read: the pasted text, or the file */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button),
                               self->draft_text ? _("Back to the Text") : _("Back to the Document"));
  gtk_button_set_label (self->empty_back_button,
                        self->draft_text ? _("_Back to the Text") : _("_Back to the Document"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.read-again", self->file != NULL);
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

  pb_ui_show_toast (GTK_WIDGET (self->toast_overlay), adw_toast_new (escaped));
}

/* ---- Review ------------------------------------------------------------- */

/* The item kinds, as the store's nicks, in the order of PbItemKind. */
static const char * const kind_nicks[] = { "goal", "task", "measure" };

static guint
index_of (const char * const *nicks,
          guint               n,
          const char         *nick,
          guint               fallback)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      return i;
  return fallback;
}

static char *
join_names (JsonArray *names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; names && i < json_array_get_length (names); i++)
    g_string_append_printf (s, "%s%s", i ? "、" : "", json_array_get_string_element (names, i));
  return g_string_free (s, FALSE);
}

/* Counts (@delta 1) or uncounts (-1) the names in @units that hold a 、
 * of their own (各区、县〔市〕政府, found by the parser), as known names. */
static void
count_known_names (GHashTable *known,
                   JsonArray  *units,
                   int         delta)
{
  for (guint u = 0; units != NULL && u < json_array_get_length (units); u++)
    {
      const char *name = json_array_get_string_element (units, u);
      guint n;

      if (name == NULL || strstr (name, "、") == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (known, name));
      if (delta > 0)
        g_hash_table_insert (known, g_strdup (name), GUINT_TO_POINTER (n + 1));
      else if (n > 1)
        g_hash_table_insert (known, g_strdup (name), GUINT_TO_POINTER (n - 1));
      else
        g_hash_table_remove (known, name);
    }
}

/* The known names of the draft, gathered once when a draft is read (not
 * on every keystroke in an organisation field): each name with a 、 of
 * its own that some item's organisations hold, with how many fields hold
 * it. units_changed_cb() keeps the counts as fields are edited, so a name
 * is known exactly while the draft holds it. */
static void
gather_known_names (PbImportWindow *self)
{
  JsonArray *items = self->draft ? json_object_get_array_member (json_node_get_object (self->draft), "items") : NULL;

  g_clear_pointer (&self->known_names, g_hash_table_unref);
  g_clear_pointer (&self->orgs, g_hash_table_unref);
  self->known_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *members[] = { "lead_units", "responsible_units" };

      for (guint m = 0; item != NULL && m < G_N_ELEMENTS (members); m++)
        count_known_names (self->known_names,
                           json_object_has_member (item, members[m]) ? json_object_get_array_member (item, members[m]) : NULL,
                           1);
    }
}

/* "市经信局、市发改委，各区政府" → the names, for an edited list. The
 * names the draft holds already stay whole: 各区、县〔市〕政府, found by
 * the parser, is one organisation, not 各区 and 县〔市〕政府. */
static JsonArray *
split_names (GHashTable *known,
             const char *text)
{
  g_autofree gpointer *names_known = g_hash_table_get_keys_as_array (known, NULL);
  g_autoptr(GPtrArray) names = pb_org_names_split_edited (text, (const char * const *) names_known);
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < names->len; i++)
    json_array_add_string_element (a, g_ptr_array_index (names, i));
  return a;
}

/* A refusal, said in the row under the field it is about; the field is
 * marked and Create Plan waits until it is corrected. */
void
pb_import_window_set_field_error (PbImportWindow *self,
                                  GtkWidget      *field,
                                  GtkWidget      *error_row,
                                  const char     *message)
{
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (error_row));

  gtk_label_set_text (GTK_LABEL (label), message ? message : "");
  gtk_widget_set_visible (error_row, message != NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  if (message)
    {
      gtk_widget_add_css_class (field, "error");
      g_hash_table_add (self->invalid, field);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      g_hash_table_remove (self->invalid, field);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static JsonObject *
field_object (gpointer field)
{
  return g_object_get_data (G_OBJECT (field), "object");
}

static void
set_field_object (gpointer    field,
                  JsonObject *object)
{
  g_object_set_data_full (G_OBJECT (field), "object", json_object_ref (object),
                          (GDestroyNotify) json_object_unref);
}

static JsonObject *find_indicator (JsonArray  *indicators,
                                   const char *id);

/**
 * pb_import_window_year_outside_period:
 * @self: the import window
 * @year: a target's year
 *
 * Returns: (transfer full) (nullable): why @year cannot be imported as it
 *   stands, when it lies outside the period given at the top (as typed
 *   there; nothing when the period is not given or not valid)
 */
char *
pb_import_window_year_outside_period (PbImportWindow *self,
                                      int             year)
{
  g_autofree char *unused = NULL;
  int start = 0, end = 0;

  if (!pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start, &unused) ||
      !pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &end, &unused) ||
      start == 0 || end < start || (year >= start && year <= end))
    return NULL;
  /* TRANSLATORS: a target's year, then the plan's first and last year */
  return g_strdup_printf (_("%d lies outside the plan’s period, %d—%d: correct the year, widen the period above, or leave the target out."),
                          year, start, end);
}

/* Why the target whose Year field is @field cannot be imported as it
 * stands because its year lies outside the period; nothing when it lies
 * inside, is not given or not a year, or the target or its item is left
 * out. The one check behind the mark under the Year, the count on its
 * item's row and the count in the summary. */
static char *
target_outside_period (PbImportWindow *self,
                       JsonObject     *target,
                       GtkWidget      *field)
{
  g_autofree char *unused = NULL;
  JsonObject *item = g_object_get_data (G_OBJECT (field), "item");
  int year;

  if (!pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (field)), &year, &unused) || year == 0 ||
      json_object_get_boolean_member_with_default (target, "_skip", FALSE) ||
      (item && json_object_get_boolean_member_with_default (item, "_skip", FALSE)))
    return NULL;
  return pb_import_window_year_outside_period (self, year);
}

/* The item's heading and subtitle, again after an edit; an item with
 * targets outside the period says how many, marked in red, while it is
 * closed too. */
static void
update_item_row (AdwExpanderRow *row,
                 JsonObject     *item)
{
  guint n_outside = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "n-outside"));
  GtkWidget *mark = g_object_get_data (G_OBJECT (row), "outside-mark");
  JsonArray *targets = json_object_get_array_member (item, "targets");
  const char *number = json_object_get_string_member_with_default (item, "number", "");
  const char *name = json_object_get_string_member_with_default (item, "title", "");
  g_autofree char *heading = g_strdup_printf ("%s%s%s", number, number[0] ? " " : "", name);
  g_autofree char *escaped = g_markup_escape_text (heading, -1);
  g_autofree char *leads = join_names (json_object_get_array_member (item, "lead_units"));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint n_targets = 0;
  g_autofree char *sub = NULL;

  /* The targets that will be imported: one left out no longer counts. */
  for (guint i = 0; targets && i < json_array_get_length (targets); i++)
    if (!json_object_get_boolean_member_with_default (json_array_get_object_element (targets, i), "_skip", FALSE))
      n_targets++;

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
  if (n_outside > 0)
    {
      /* TRANSLATORS: on an item's row in the import review; %u is a count of its targets */
      g_autofree char *outside = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u outside the plan’s period",
                                                               "%u outside the plan’s period", n_outside),
                                                  n_outside);
      g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", outside);
    }
  if (mark)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_outside);
      /* TRANSLATORS: the tooltip of the red mark on an item's row in the import review */
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u target lies outside the plan’s period: open the item to correct it",
                                                           "%u targets lie outside the plan’s period: open the item to correct them",
                                                           n_outside), n_outside);

      gtk_label_set_text (g_object_get_data (G_OBJECT (mark), "count"), count);
      gtk_widget_set_tooltip_text (mark, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_widget_set_visible (mark, n_outside > 0);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  sub = g_markup_escape_text (subtitle->str, -1);
  adw_expander_row_set_subtitle (row, sub);
}

static void
item_title_changed_cb (GtkEditable    *editable,
                       PbImportWindow *self)
{
  JsonObject *item = field_object (editable);

  json_object_set_string_member (item, "title", gtk_editable_get_text (editable));
  update_item_row (g_object_get_data (G_OBJECT (editable), "expander"), item);
}

/* An entry shows one line: a list longer than a short one is shown
 * whole, wrapped, in the row under it, and in the field's tooltip. */
#define UNITS_SHOWN_IN_FULL 20

static void
show_units_in_full (GtkWidget *entry)
{
  GtkWidget *full_row = g_object_get_data (G_OBJECT (entry), "full-row");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean long_list = g_utf8_strlen (text, -1) > UNITS_SHOWN_IN_FULL;
  g_autofree char *tip = NULL;

  if (full_row)
    {
      gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (full_row))), text);
      gtk_widget_set_visible (full_row, long_list);
    }
  /* TRANSLATORS: a field's tooltip: the organisations it holds, then how to edit them */
  tip = text[0] ? g_strdup_printf (_("%s\n\nSeveral organisations are separated by “、”; clear the field to remove them all"), text)
                : g_strdup (_("Several organisations are separated by “、”; clear the field to remove them all"));
  gtk_widget_set_tooltip_text (entry, tip);
}

static void update_summary (PbImportWindow *self);
static void show_summary (PbImportWindow *self);
static void count_orgs (GHashTable *orgs,
                        JsonArray  *names,
                        int         delta);
static gboolean skipped (JsonObject *object);

static void
units_changed_cb (GtkEditable    *editable,
                  PbImportWindow *self)
{
  JsonObject *item = field_object (editable);
  const char *member = g_object_get_data (G_OBJECT (editable), "member");
  JsonArray *names;

  if (self->known_names == NULL)
    gather_known_names (self);
  /* Split with the names known before this edit (this field's own
   * included), then count the field's new names instead of its old. */
  names = split_names (self->known_names, gtk_editable_get_text (editable));
  count_known_names (self->known_names,
                     json_object_has_member (item, member) ? json_object_get_array_member (item, member) : NULL,
                     -1);
  count_known_names (self->known_names, names, 1);
  /* Only the summary's organisations can change, and only by this
   * field's names: swapped in the counts, not the whole draft walked
   * again on every keystroke (a draft of 2,000 items: 50 ms a key). */
  if (self->orgs != NULL && !skipped (item))
    {
      count_orgs (self->orgs,
                  json_object_has_member (item, member) ? json_object_get_array_member (item, member) : NULL,
                  -1);
      count_orgs (self->orgs, names, 1);
    }
  json_object_set_array_member (item, member, names);
  update_item_row (g_object_get_data (G_OBJECT (editable), "expander"), item);
  show_units_in_full (GTK_WIDGET (editable));
  if (self->orgs != NULL)
    show_summary (self);
  else
    update_summary (self);
}

static void
kind_changed_cb (AdwComboRow    *combo,
                 GParamSpec     *pspec,
                 PbImportWindow *self)
{
  guint kind = adw_combo_row_get_selected (combo);

  if (kind < G_N_ELEMENTS (kind_nicks))
    json_object_set_string_member (field_object (combo), "kind", kind_nicks[kind]);
}

static void recheck_years (PbImportWindow *self);

static gboolean
skipped (JsonObject *object)
{
  return json_object_get_boolean_member_with_default (object, "_skip", FALSE);
}

/* Counts (@delta 1) or uncounts (-1) the organisations @names holds,
 * in the summary's @orgs. */
static void
count_orgs (GHashTable *orgs,
            JsonArray  *names,
            int         delta)
{
  for (guint k = 0; names && k < json_array_get_length (names); k++)
    {
      const char *name = json_array_get_string_element (names, k);
      guint n;

      if (name == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (orgs, name));
      if (delta > 0)
        g_hash_table_insert (orgs, g_strdup (name), GUINT_TO_POINTER (n + 1));
      else if (n > 1)
        g_hash_table_insert (orgs, g_strdup (name), GUINT_TO_POINTER (n - 1));
      else
        g_hash_table_remove (orgs, name);
    }
}

/* The summary from the counts update_summary () and units_changed_cb ()
 * keep. */
static void
show_summary (PbImportWindow *self)
{
  JsonArray *sections = json_object_get_array_member (json_node_get_object (self->draft), "sections");
  g_autofree char *summary = NULL;

  /* TRANSLATORS: what the importer found; each %u is a count */
  summary = g_strdup_printf (_("%u sections, %u items, %u organisations, %u targets"),
                             sections ? json_array_get_length (sections) : 0, self->n_items,
                             g_hash_table_size (self->orgs), self->n_targets);
  if (self->n_outside > 0)
    {
      /* TRANSLATORS: under what the importer found; %u is a count of targets */
      g_autofree char *outside = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u target lies outside the plan’s period",
                                                               "%u targets lie outside the plan’s period",
                                                               self->n_outside), self->n_outside);
      g_autofree char *both = g_strdup_printf ("%s\n%s", summary, outside);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
  gtk_widget_set_visible (self->summary_mark, self->n_outside > 0);
  adw_action_row_set_subtitle (self->summary_row, summary);
}

/* What will be imported, counted again after every change: an item or a
 * target left out (and the organisations only it names) no longer
 * counts. An organisation field edited keeps the counts itself
 * (units_changed_cb ()). */
static void
update_summary (PbImportWindow *self)
{
  JsonObject *plan = json_node_get_object (self->draft);
  JsonArray *items = json_object_get_array_member (plan, "items");
  g_autoptr(GHashTable) item_rows = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer target, field, row;

  g_clear_pointer (&self->orgs, g_hash_table_unref);
  self->orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->n_items = self->n_targets = self->n_outside = 0;
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      JsonArray *targets = json_object_get_array_member (it, "targets");
      const char * const members[] = { "lead_units", "responsible_units" };

      if (skipped (it))
        continue;
      self->n_items++;
      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        if (!skipped (json_array_get_object_element (targets, k)))
          self->n_targets++;
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        count_orgs (self->orgs, json_object_get_array_member (it, members[m]), 1);
    }

  /* The targets outside the period, by item: counted by the check that
   * marks their Year, so the counts and the marks agree. */
  g_hash_table_iter_init (&iter, self->year_fields);
  while (g_hash_table_iter_next (&iter, &target, &field))
    {
      GtkWidget *target_row = gtk_widget_get_ancestor (field, PB_TYPE_IMPORT_TARGET_ROW);
      g_autofree char *message = target_outside_period (self, target, field);
      guint n;

      row = target_row ? g_object_get_data (G_OBJECT (target_row), "item-row") : NULL;
      if (row == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (item_rows, row));
      if (message)
        {
          n++;
          self->n_outside++;
        }
      g_hash_table_insert (item_rows, row, GUINT_TO_POINTER (n));
    }
  g_hash_table_iter_init (&iter, item_rows);
  while (g_hash_table_iter_next (&iter, &row, &field))
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "n-outside")) != GPOINTER_TO_UINT (field))
      {
        g_object_set_data (G_OBJECT (row), "n-outside", field);
        update_item_row (row, g_object_get_data (G_OBJECT (row), "item"));
      }

  show_summary (self);
}

static void
include_toggled_cb (GtkCheckButton *check,
                    PbImportWindow *self)
{
  json_object_set_boolean_member (field_object (check), "_skip", !gtk_check_button_get_active (check));
  update_summary (self);
  /* The targets of an item left out are not checked: their marks go now
   * (and come back when it is ticked in again). */
  recheck_years (self);
}

static GtkWidget *
include_check (PbImportWindow *self,
               JsonObject     *object,
               const char     *tooltip)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  set_field_object (check, object);
  g_signal_connect (check, "toggled", G_CALLBACK (include_toggled_cb), self);
  return check;
}

/* Every target row of the review. */
static GPtrArray *
target_rows (PbImportWindow *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer field;

  g_hash_table_iter_init (&iter, self->year_fields);
  while (g_hash_table_iter_next (&iter, NULL, &field))
    {
      GtkWidget *row = gtk_widget_get_ancestor (field, PB_TYPE_IMPORT_TARGET_ROW);

      if (row)
        g_ptr_array_add (rows, row);
    }
  return rows;
}

/* An indicator the importer named with how it is counted, "5G基站（年度）"
 * beside "5G基站（累计）", is named again when the planner counts it the
 * other way, and its targets with it. */
static void
rename_with_kind (PbImportWindow *self,
                  JsonObject     *indicator)
{
  static const char * const words[] = { "（累计）", "（累計）", "（年度）" };
  const char *name = json_object_get_string_member_with_default (indicator, "name", "");
  const char *id = json_object_get_string_member_with_default (indicator, "id", NULL);
  gboolean annual = g_strcmp0 (json_object_get_string_member_with_default (indicator, "kind", "cumulative"), "annual") == 0;
  JsonArray *items = json_object_get_array_member (json_node_get_object (self->draft), "items");
  const char *now = NULL, *wanted;
  g_autofree char *renamed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (words) && now == NULL; i++)
    if (g_str_has_suffix (name, words[i]) && strlen (name) > strlen (words[i]))
      now = words[i];
  if (now == NULL || id == NULL)
    return;
  wanted = annual ? "（年度）" : g_str_equal (now, "（年度）") ? "（累计）" : now;
  if (g_str_equal (now, wanted))
    return;
  renamed = g_strdup_printf ("%.*s%s", (int) (strlen (name) - strlen (now)), name, wanted);
  json_object_set_string_member (indicator, "name", renamed);
  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonArray *targets = json_object_get_array_member (json_array_get_object_element (items, i), "targets");

      for (guint j = 0; targets && j < json_array_get_length (targets); j++)
        {
          JsonObject *t = json_array_get_object_element (targets, j);

          if (g_strcmp0 (json_object_get_string_member_with_default (t, "indicator_id", NULL), id) == 0)
            json_object_set_string_member (t, "indicator", renamed);
        }
    }
}

/* A target's indicator counted another way: every target of it says so. */
static void
target_kind_changed_cb (PbImportTargetRow *changed,
                        PbImportWindow    *self)
{
  g_autoptr(GPtrArray) rows = target_rows (self);
  JsonObject *indicator = pb_import_target_row_get_indicator (changed);

  if (indicator && self->draft)
    rename_with_kind (self, indicator);
  for (guint i = 0; i < rows->len; i++)
    if (pb_import_target_row_get_indicator (g_ptr_array_index (rows, i)) == indicator)
      pb_import_target_row_sync (g_ptr_array_index (rows, i));
}

/* Whether two targets of the draft are of one indicator. */
static gboolean
same_indicator (JsonObject *a,
                JsonObject *b)
{
  const char *ia = json_object_get_string_member_with_default (a, "indicator_id", NULL);
  const char *ib = json_object_get_string_member_with_default (b, "indicator_id", NULL);

  return a == b || (ia != NULL && g_strcmp0 (ia, ib) == 0);
}

/* The indicator's name typed in a target's row (the importer took many
 * wrongly: "国控" for 国控、省控断面水质自动监测站). An empty name, or the
 * name of another indicator of the same item, is refused under the field
 * and Create Plan waits; otherwise the indicator and its every target are
 * named so, in the draft the plan is created from, and every row of it
 * shows the name. */
static void
target_name_edited_cb (PbImportTargetRow *changed,
                       PbImportWindow    *self)
{
  GtkWidget *field = pb_import_target_row_get_name_field (changed);
  GtkWidget *error_row = g_object_get_data (G_OBJECT (field), "error-row");
  JsonObject *t = pb_import_target_row_get_target (changed);
  JsonObject *k = pb_import_target_row_get_indicator (changed);
  JsonObject *item = g_object_get_data (G_OBJECT (changed), "item");
  const char *id = json_object_get_string_member_with_default (t, "indicator_id", NULL);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))));
  JsonArray *targets = item ? json_object_get_array_member (item, "targets") : NULL;
  JsonArray *defined = item && json_object_has_member (item, "indicators")
                       ? json_object_get_array_member (item, "indicators") : NULL;
  JsonArray *items;
  gboolean clash = FALSE;
  g_autoptr(GPtrArray) rows = NULL;

  if (self->draft == NULL || t == NULL)
    return;
  if (name[0] == '\0')
    {
      pb_import_window_set_field_error (self, field, error_row, _("An indicator needs a name."));
      update_summary (self);
      return;
    }
  for (guint i = 0; targets && i < json_array_get_length (targets) && !clash; i++)
    {
      JsonObject *o = json_array_get_object_element (targets, i);

      clash = !same_indicator (o, t) &&
              g_strcmp0 (json_object_get_string_member_with_default (o, "indicator", NULL), name) == 0;
    }
  for (guint i = 0; defined && i < json_array_get_length (defined) && !clash; i++)
    {
      JsonObject *d = json_array_get_object_element (defined, i);

      clash = d != k && g_strcmp0 (json_object_get_string_member_with_default (d, "id", NULL), id) != 0 &&
              g_strcmp0 (json_object_get_string_member_with_default (d, "name", NULL), name) == 0;
    }
  if (clash)
    {
      g_autofree char *what = g_strstrip (g_strdup_printf ("%s %s",
                                                           json_object_get_string_member_with_default (item, "number", ""),
                                                           json_object_get_string_member_with_default (item, "title", "")));
      /* Translators: in the import review, an indicator cannot take the
       * name of another indicator of its item; the second %s is the item,
       * as "3 建设城市物联感知体系" */
      g_autofree char *message = g_strdup_printf (_("“%s” is already the name of another indicator of %s; choose another name."),
                                                  name, what);

      pb_import_window_set_field_error (self, field, error_row, message);
      update_summary (self);
      return;
    }
  pb_import_window_set_field_error (self, field, error_row, NULL);

  if (k != NULL)
    json_object_set_string_member (k, "name", name);
  if (id == NULL)
    json_object_set_string_member (t, "indicator", name);
  items = json_object_get_array_member (json_node_get_object (self->draft), "items");
  for (guint i = 0; id && items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      JsonArray *ts = json_object_has_member (it, "targets") ? json_object_get_array_member (it, "targets") : NULL;

      for (guint j = 0; ts && j < json_array_get_length (ts); j++)
        {
          JsonObject *o = json_array_get_object_element (ts, j);

          if (g_strcmp0 (json_object_get_string_member_with_default (o, "indicator_id", NULL), id) == 0)
            json_object_set_string_member (o, "indicator", name);
        }
    }

  /* Every row of it shows the name; the others' refusals of a name go
   * with the name (they were of the old one). */
  rows = target_rows (self);
  for (guint i = 0; i < rows->len; i++)
    {
      PbImportTargetRow *r = g_ptr_array_index (rows, i);

      if (same_indicator (pb_import_target_row_get_target (r), t))
        {
          GtkWidget *f = pb_import_target_row_get_name_field (r);

          if (r != changed)
            pb_import_window_set_field_error (self, f, g_object_get_data (G_OBJECT (f), "error-row"), NULL);
          pb_import_target_row_sync (r);
        }
    }
  update_summary (self);
}

/* A goal and a task often state one target of one indicator (the same
 * year, firm or stretch): each item holds its own copy in the draft, but
 * it is one target, so a correction made on one copy is made on every
 * other, and the plan is created with one value. Not a copy in the same
 * item: two targets of one year there are a duplicate to settle. */
static void
target_edited_cb (PbImportTargetRow *row,
                  PbImportWindow    *self)
{
  GPtrArray *twins = g_object_get_data (G_OBJECT (row), "twins");
  JsonObject *item = g_object_get_data (G_OBJECT (row), "item");

  /* A year typed may bring its target into the period or take it out. */
  update_summary (self);
  if (twins == NULL || self->copying)
    return;
  self->copying = TRUE;
  for (guint i = 0; i < twins->len; i++)
    {
      PbImportTargetRow *twin = g_ptr_array_index (twins, i);

      if (twin != row && g_object_get_data (G_OBJECT (twin), "item") != item)
        pb_import_target_row_copy_from (twin, row);
    }
  self->copying = FALSE;
}

/* The copies of each target, found as the review is built: the rows of
 * one indicator's target for one year and firmness. */
static void
find_twins (PbImportWindow *self)
{
  g_autoptr(GPtrArray) rows = target_rows (self);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  GPtrArray *group;

  for (guint i = 0; i < rows->len; i++)
    {
      PbImportTargetRow *row = g_ptr_array_index (rows, i);
      JsonObject *t = pb_import_target_row_get_target (row);
      const char *id = json_object_get_string_member_with_default (t, "indicator_id", NULL);
      g_autofree char *key = NULL;

      if (id == NULL)
        continue;
      key = g_strdup_printf ("%s/%" G_GINT64_FORMAT "/%d", id,
                             pb_import_target_has_year (t) ? json_object_get_int_member_with_default (t, "year", 0) : (gint64) -1,
                             json_object_get_boolean_member_with_default (t, "stretch", FALSE));
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, g_steal_pointer (&key), group);
        }
      g_ptr_array_add (group, row);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
    for (guint i = 0; group->len > 1 && i < group->len; i++)
      g_object_set_data_full (g_ptr_array_index (group, i), "twins", g_ptr_array_ref (group),
                              (GDestroyNotify) g_ptr_array_unref);
}

static void
target_include_toggled_cb (PbImportTargetRow *row,
                           PbImportWindow    *self)
{
  /* Its item's count of targets and the summary follow at once. */
  update_item_row (g_object_get_data (G_OBJECT (row), "item-row"), g_object_get_data (G_OBJECT (row), "item"));
  update_summary (self);
  recheck_years (self);
}

static GtkWidget *
units_row (PbImportWindow *self,
           AdwExpanderRow *expander,
           JsonObject     *item,
           const char     *member,
           const char     *title)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = join_names (json_object_get_array_member (item, member));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  set_field_object (row, item);
  g_object_set_data (G_OBJECT (row), "member", (gpointer) member);
  g_object_set_data (G_OBJECT (row), "expander", expander);
  g_signal_connect (row, "changed", G_CALLBACK (units_changed_cb), self);
  return row;
}

/* The row that shows @entry's organisations whole, wrapped, under it. */
static GtkWidget *
units_full_row (GtkWidget *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "pb-units-in-full");
  g_object_set_data (G_OBJECT (entry), "full-row", row);
  show_units_in_full (entry);
  return row;
}

/* A target's indicator in the draft: defined on its item, on the plan,
 * or (one indicator served by several items) on the first item that
 * serves it; so every target of one indicator edits one definition. */
static JsonObject *
draft_indicator (PbImportWindow *self,
                 JsonObject     *item,
                 const char     *id)
{
  JsonObject *plan = self->draft ? json_node_get_object (self->draft) : NULL;
  JsonArray *items = plan ? json_object_get_array_member (plan, "items") : NULL;
  JsonObject *k = find_indicator (json_object_get_array_member (item, "indicators"), id);

  if (k == NULL && plan)
    k = find_indicator (json_object_get_array_member (plan, "indicators"), id);
  for (guint i = 0; k == NULL && items && i < json_array_get_length (items); i++)
    k = find_indicator (json_object_get_array_member (json_array_get_object_element (items, i), "indicators"), id);
  return k;
}

static GtkWidget *
item_row (PbImportWindow *self,
          JsonObject     *item)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *kind = adw_combo_row_new ();
  JsonArray *targets = json_object_get_array_member (item, "targets");
  const char * const kinds[] = { _("Goal"), _("Task"), _("Measure"), NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  gboolean doubtful = json_object_get_boolean_member_with_default (item, "review", FALSE);
  guint n_targets = targets ? json_array_get_length (targets) : 0;

  {
    GtkWidget *mark = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
    GtkWidget *count = gtk_label_new (NULL);

    gtk_box_append (GTK_BOX (mark), gtk_image_new_from_icon_name ("dialog-error-symbolic"));
    gtk_box_append (GTK_BOX (mark), count);
    gtk_widget_add_css_class (mark, "error");
    gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
    gtk_widget_set_visible (mark, FALSE);
    g_object_set_data (G_OBJECT (mark), "count", count);
    g_object_set_data (G_OBJECT (row), "outside-mark", mark);
    adw_expander_row_add_action (row, mark);
  }
  g_object_set_data_full (G_OBJECT (row), "item", json_object_ref (item), (GDestroyNotify) json_object_unref);
  update_item_row (row, item);
  adw_expander_row_add_prefix (row, include_check (self, item, _("Import this item")));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (title), json_object_get_string_member_with_default (item, "title", ""));
  set_field_object (title, item);
  g_object_set_data (G_OBJECT (title), "expander", row);
  g_signal_connect (title, "changed", G_CALLBACK (item_title_changed_cb), self);
  adw_expander_row_add_row (row, title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kind_model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind),
                              index_of (kind_nicks, G_N_ELEMENTS (kind_nicks),
                                        json_object_get_string_member_with_default (item, "kind", "task"), 1));
  set_field_object (kind, item);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  adw_expander_row_add_row (row, kind);

  {
    GtkWidget *leads = units_row (self, row, item, "lead_units", _("Lead organisations"));
    GtkWidget *responsible = units_row (self, row, item, "responsible_units", _("Responsible organisations"));

    adw_expander_row_add_row (row, leads);
    adw_expander_row_add_row (row, units_full_row (leads));
    adw_expander_row_add_row (row, responsible);
    adw_expander_row_add_row (row, units_full_row (responsible));
  }

  for (guint i = 0; i < n_targets; i++)
    {
      JsonObject *t = json_array_get_object_element (targets, i);
      const char *indicator_id = json_object_get_string_member_with_default (t, "indicator_id", NULL);
      JsonObject *k = NULL;
      GtkWidget *target;

      if (indicator_id)
        k = draft_indicator (self, item, indicator_id);
      target = pb_import_target_row_new (t, k);
      g_signal_connect (target, "kind-changed", G_CALLBACK (target_kind_changed_cb), self);
      g_signal_connect (target, "include-toggled", G_CALLBACK (target_include_toggled_cb), self);
      g_signal_connect (target, "target-edited", G_CALLBACK (target_edited_cb), self);
      g_signal_connect (target, "name-edited", G_CALLBACK (target_name_edited_cb), self);
      /* Its item, for the checks that leave out what is left out. */
      g_object_set_data_full (G_OBJECT (pb_import_target_row_get_year_field (PB_IMPORT_TARGET_ROW (target))), "item",
                              json_object_ref (item), (GDestroyNotify) json_object_unref);
      g_object_set_data_full (G_OBJECT (target), "item", json_object_ref (item), (GDestroyNotify) json_object_unref);
      g_object_set_data (G_OBJECT (target), "item-row", row);

      doubtful |= pb_import_target_row_is_borderline (PB_IMPORT_TARGET_ROW (target));
      g_hash_table_insert (self->year_fields, json_array_get_object_element (targets, i),
                           pb_import_target_row_get_year_field (PB_IMPORT_TARGET_ROW (target)));
      adw_expander_row_add_row (row, target);
    }

  if (doubtful)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Check this item: its organisations or targets are uncertain"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Needs review"), -1);
      adw_expander_row_add_action (row, icon);
    }

  return GTK_WIDGET (row);
}

static void
clear_review (PbImportWindow *self)
{
  /* The item fields go with their rows; the plan's own fields stay. */
  g_hash_table_remove_all (self->invalid);
  g_hash_table_remove_all (self->year_fields);
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

/* ---- The plan's own fields ---------------------------------------------- */

static void check_outside_years (PbImportWindow *self);

/* What the period at the top is: proposed from the targets' years (the
 * document states none), or still to be set (Create Plan waits for it);
 * nothing to say once it is the document's or the planner's own. */
static void
update_period_note (PbImportWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *unused = NULL;
  int start = 0, end = 0;
  gboolean missing = period_missing (self);

  pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start, &unused);
  g_clear_pointer (&unused, g_free);
  pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &end, &unused);

  if (missing && self->found_start == 0 && self->proposed_start == 0)
    text = g_strdup (_("Set the plan’s period first: the document states none, and none of its targets gives a year. "
                       "Its items are dated from the period."));
  else if (missing)
    text = g_strdup (_("Set the plan’s period first: its items are dated from the period."));
  else if (self->proposed_start != 0 && start == self->proposed_start && end == self->proposed_end)
    /* TRANSLATORS: the first and the last year proposed for the plan */
    text = g_strdup_printf (_("The document states no period: %d—%d is proposed, from the earliest and the latest "
                              "year of its targets. Its items are dated from it; correct it if the plan runs longer."),
                            start, end);

  gtk_label_set_text (self->period_note, text ? text : "");
  gtk_widget_set_visible (self->period_note_row, text != NULL);
  gtk_image_set_from_icon_name (self->period_note_icon, missing ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (self->period_note), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->period_note), "warning");
  /* Create Plan says why it waits (the fields' own relations are their
   * refusals'). */
  if (missing)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->create_button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    self->period_note, NULL, -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->create_button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

static void
check_period (PbImportWindow *self)
{
  g_autofree char *start_message = NULL, *end_message = NULL;
  int start = 0, end = 0;
  gboolean start_ok = pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start, &start_message);
  gboolean end_ok = pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &end, &end_message);

  /* A year left empty is said once, in the note under the period. */
  if (start_ok && end_ok && start != 0 && end != 0 && end < start)
    end_message = g_strdup (_("The last year cannot come before the first."));
  pb_import_window_set_field_error (self, GTK_WIDGET (self->start_row), self->start_error_row, start_message);
  pb_import_window_set_field_error (self, GTK_WIDGET (self->end_row), self->end_error_row, end_message);
  /* The targets' years against the period as it now stands. */
  recheck_years (self);
  update_period_note (self);
  update_actions (self);
}

static void
plan_field_changed_cb (PbImportWindow *self,
                       GtkEditable    *row)
{
  if (row == GTK_EDITABLE (self->title_row))
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (row)));
      /* Said only once Create Plan is pressed: an empty title while typing is no fault. */
      if (title[0])
        pb_import_window_set_field_error (self, GTK_WIDGET (self->title_row), self->title_error_row, NULL);
    }
  else if (row == GTK_EDITABLE (self->start_row) || row == GTK_EDITABLE (self->end_row))
    check_period (self);
}

static void
set_entry_member (AdwEntryRow *row,
                  JsonObject  *plan,
                  const char  *member)
{
  gtk_editable_set_text (GTK_EDITABLE (row), json_object_get_string_member_with_default (plan, member, "") ?: "");
}

static void
set_year (AdwEntryRow *row,
          JsonObject  *period,
          const char  *member)
{
  gint64 year = period ? json_object_get_int_member_with_default (period, member, 0) : 0;
  g_autofree char *text = year > 0 ? g_strdup_printf ("%d", (int) year) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* A document that states no period: the earliest and the latest year of
 * its targets, as the period proposed (none when no target has a year);
 * the command line's import proposes the same (pb-draft-period.c). */
static void
propose_period (PbImportWindow *self)
{
  self->proposed_start = self->proposed_end = 0;
  if (self->found_start != 0)
    return;
  pb_draft_propose_period (self->draft, &self->proposed_start, &self->proposed_end);
}

/* Everything the planner can correct on the review, as it stands: each
 * field's text, each tick, choice and switch, in the order shown. */
static void
append_state (GtkWidget *root,
              GString   *state)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_ENTRY_ROW (c))
        {
          g_string_append_printf (state, "e%s\x1f", gtk_editable_get_text (GTK_EDITABLE (c)));
          continue;
        }
      if (GTK_IS_CHECK_BUTTON (c))
        g_string_append_printf (state, "c%d\x1f", gtk_check_button_get_active (GTK_CHECK_BUTTON (c)));
      else if (ADW_IS_COMBO_ROW (c))
        g_string_append_printf (state, "k%u\x1f", adw_combo_row_get_selected (ADW_COMBO_ROW (c)));
      else if (GTK_IS_SWITCH (c))
        g_string_append_printf (state, "s%d\x1f", gtk_switch_get_active (GTK_SWITCH (c)));
      append_state (c, state);
    }
}

static char *
review_state (PbImportWindow *self)
{
  GString *state = g_string_new (NULL);

  append_state (GTK_WIDGET (self->review_page), state);
  return g_string_free (state, FALSE);
}

/* The planner has corrected something on the review (and not taken it
 * back since). */
static gboolean
review_corrected (PbImportWindow *self)
{
  g_autofree char *now = NULL;

  if (self->pristine == NULL || !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "review"))
    return FALSE;
  now = review_state (self);
  return !g_str_equal (now, self->pristine);
}

/* Each field's text as the review was built: what Escape takes a refused
 * field back to when it held the refused text already as it got the
 * focus. */
static void
remember_texts (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (ADW_IS_ENTRY_ROW (c))
        g_object_set_data_full (G_OBJECT (c), "pb-review-text",
                                g_strdup (gtk_editable_get_text (GTK_EDITABLE (c))), g_free);
      else
        remember_texts (c);
    }
}

static void
build_review (PbImportWindow *self)
{
  JsonObject *plan = json_node_get_object (self->draft);
  JsonArray *sections = json_object_get_array_member (plan, "sections");
  JsonArray *items = json_object_get_array_member (plan, "items");
  JsonNode *period = json_object_get_member (plan, "period");
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  AdwPreferencesGroup *loose = NULL;

  clear_review (self);
  self->years_checked = FALSE;
  set_entry_member (self->title_row, plan, "title");
  pb_import_window_set_field_error (self, GTK_WIDGET (self->title_row), self->title_error_row, NULL);
  set_entry_member (self->doc_number_row, plan, "doc_number");
  set_entry_member (self->issuer_row, plan, "issuer");
  {
    JsonObject *found = period && JSON_NODE_HOLDS_OBJECT (period) ? json_node_get_object (period) : NULL;

    self->found_start = found ? (int) json_object_get_int_member_with_default (found, "start", 0) : 0;
    self->found_end = found ? (int) json_object_get_int_member_with_default (found, "end", 0) : 0;
    if (self->found_start == 0 || self->found_end == 0)
      self->found_start = self->found_end = 0;
    propose_period (self);
    if (self->proposed_start != 0)
      {
        g_autofree char *start = g_strdup_printf ("%d", self->proposed_start);
        g_autofree char *end = g_strdup_printf ("%d", self->proposed_end);

        gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
        gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
      }
    else
      {
        set_year (self->start_row, found, "start");
        set_year (self->end_row, found, "end");
      }
  }
  check_period (self);

  /* One group per section that holds items, in document order. */
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      g_autofree char *title = pb_format_section_heading (json_object_get_string_member_with_default (s, "number", ""),
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

      if (group == NULL)
        {
          if (loose == NULL)
            loose = add_group (self, _("Other Items"), NULL);
          group = loose;
        }
      adw_preferences_group_add (group, item_row (self, it));
    }

  find_twins (self);
  update_summary (self);
  /* A target the document dates outside the plan's period is marked
   * with the reason now, not found out at Create Plan. */
  check_outside_years (self);
  /* What the review shows before the planner corrects anything. */
  g_free (self->pristine);
  self->pristine = review_state (self);
  remember_texts (GTK_WIDGET (self->review_page));
  g_clear_weak_pointer (&self->focus_field);
}

/* A document in which nothing was found says so, and what to do. */
static void
show_nothing_found (PbImportWindow *self)
{
  JsonObject *plan = json_node_get_object (self->draft);
  JsonArray *sections = json_object_get_array_member (plan, "sections");
  g_autofree char *what = NULL, *text = NULL, *escaped = NULL;

  if (sections && json_array_get_length (sections) > 0)
    /* TRANSLATORS: %s is a file name or "Pasted text" */
    what = g_strdup_printf (_("No tasks were found in “%s”, only section headings."), self->source_name);
  else
    /* TRANSLATORS: %s is a file name or "Pasted text" */
    what = g_strdup_printf (_("No sections or tasks were found in “%s”."), self->source_name);
  text = g_strdup_printf ("%s\n\n%s", what,
                          _("Planboard looks for numbered headings such as “一、”, “（一）” and “1.”. "
                            "Check that this is the plan itself, not its covering notice; a scanned PDF holds "
                            "pictures, not text, so paste its text instead. Go back to choose another file or "
                            "to correct the pasted text."));
  escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->empty_page, escaped);
  show_page (self, "empty");
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

static gboolean
draft_is_empty (PbImportWindow *self)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (self->draft), "items");

  return items == NULL || json_array_get_length (items) == 0;
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
  g_clear_pointer (&self->orgs, g_hash_table_unref);
  self->draft = plan;
  gather_known_names (self);
  g_free (self->draft_text);
  self->draft_text = g_strdup (((ReadData *) g_task_get_task_data (G_TASK (result)))->text);
  if (draft_is_empty (self))
    {
      clear_review (self);
      show_nothing_found (self);
      return;
    }
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
  g_free (self->source_name);
  self->source_name = g_strdup (what);
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
  /* Kept, so that Back shows the file chosen and can read it again. */
  if (self->file != file)
    {
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *folder = parent ? g_file_get_parse_name (parent) : NULL;
      g_autofree char *escaped_folder = g_markup_escape_text (folder ? folder : "", -1);

      g_set_object (&self->file, file);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), escaped);
      adw_action_row_set_subtitle (self->file_row, escaped_folder);
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->file_row)), TRUE);
    }
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
  /* The same text again, after Back: the review as the planner left it. */
  if (self->draft && g_strcmp0 (text, self->draft_text) == 0)
    {
      show_page (self, draft_is_empty (self) ? "empty" : "review");
      return;
    }
  pb_import_window_read_text (self, text);
}

static void
read_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);

  if (self->file)
    {
      g_autoptr(GFile) file = g_object_ref (self->file);
      pb_import_window_read_file (self, file);
    }
}

/* Back to the document: the file chosen and the pasted text are still there. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);

  show_page (self, "source");
  /* Where the planner was: the pasted text, or the file to read again. */
  if (self->draft_text == NULL && self->file != NULL)
    gtk_widget_grab_focus (self->read_again_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
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

/* A text member, or null when the field is empty. */
static void
set_text_member (JsonObject  *object,
                 const char  *member,
                 AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0])
    json_object_set_string_member (object, member, text);
  else
    json_object_set_null_member (object, member);
}

static JsonObject *
find_indicator (JsonArray  *indicators,
                const char *id)
{
  for (guint i = 0; id && indicators && i < json_array_get_length (indicators); i++)
    {
      JsonObject *k = json_array_get_object_element (indicators, i);

      if (k && g_strcmp0 (json_object_get_string_member_with_default (k, "id", NULL), id) == 0)
        return k;
    }
  return NULL;
}

/* A unit corrected on a target is its indicator's unit. Two targets of one
 * indicator given different units measure two quantities: the later one
 * becomes an indicator of its own (by name and unit) for the same item. */
static void
carry_unit (JsonObject *plan,
            JsonObject *item,
            JsonObject *t,
            GHashTable *units)
{
  const char *id = json_object_get_string_member_with_default (t, "indicator_id", NULL);
  const char *unit = json_object_get_string_member_with_default (t, "unit", "");
  JsonObject *k;
  const char *seen;

  if (id == NULL)
    return;
  k = find_indicator (json_object_get_array_member (item, "indicators"), id);
  if (k == NULL)
    k = find_indicator (json_object_get_array_member (plan, "indicators"), id);
  if (k == NULL)
    return;

  seen = g_hash_table_lookup (units, id);
  if (seen == NULL)
    {
      g_hash_table_insert (units, (gpointer) id, (gpointer) unit);
      json_object_set_string_member (k, "unit", unit);
    }
  else if (!g_str_equal (seen, unit))
    json_object_remove_member (t, "indicator_id");
}

/* A copy that shares nothing with @node (json_node_copy () shares the
 * objects and arrays inside). */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *from = json_node_get_object (node), *to = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

      json_object_iter_init_ordered (&iter, from);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (to, name, deep_copy (member));
      json_node_take_object (copy, to);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *from = json_node_get_array (node), *to = json_array_sized_new (json_array_get_length (from));
      JsonNode *copy = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (from); i++)
        json_array_add_element (to, deep_copy (json_array_get_element (from, i)));
      json_node_take_array (copy, to);
      return copy;
    }
  return json_node_copy (node);
}

static JsonNode *
deep_copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return deep_copy (node);
}

/* @object's array @member, or NULL (none, or not an array). */
static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* @array without the ids (strings) or the definitions (objects with an
 * "id") in @dead. */
static void
drop_dead (JsonObject *object,
           const char *member,
           GHashTable *dead)
{
  JsonArray *array = array_member (object, member);
  JsonArray *alive;

  if (array == NULL)
    return;
  alive = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
        ? json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL)
        : JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      if (id == NULL || !g_hash_table_contains (dead, id))
        json_array_add_element (alive, json_node_copy (node));
    }
  json_object_set_array_member (object, member, alive);
}

/* The indicators of what is kept. One whose every target was left out
 * (the targets, or the items stating them) is not created; one defined
 * on an item left out but stated by a kept item is defined on the first
 * such item instead, so that it keeps how it is counted and the items
 * that serve it still find it. @found: the items as found, every target
 * in them; @all: the same in the copy being accepted; @kept: the items
 * imported, their targets already those imported. */
static void
keep_indicators (JsonObject *plan,
                 JsonArray  *found,
                 JsonArray  *all,
                 JsonArray  *kept)
{
  g_autoptr(GHashTable) definitions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stated = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) dead = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *own = array_member (plan, "indicators");
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *it = json_array_get_object_element (all, i);
      JsonArray *defined = array_member (it, "indicators");

      for (guint k = 0; defined && k < json_array_get_length (defined); k++)
        {
          JsonObject *d = json_array_get_object_element (defined, k);
          const char *key = json_object_get_string_member_with_default (d, "id", NULL);

          if (key && !g_hash_table_contains (definitions, key))
            g_hash_table_insert (definitions, (gpointer) key, d);
        }
    }
  /* Every target found, those left out too. */
  for (guint i = 0; i < json_array_get_length (found); i++)
    {
      JsonArray *targets = array_member (json_array_get_object_element (found, i), "targets");

      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        {
          const char *key = json_object_get_string_member_with_default (json_array_get_object_element (targets, k),
                                                                        "indicator_id", NULL);
          if (key)
            g_hash_table_add (stated, (gpointer) key);
        }
    }
  for (guint i = 0; i < json_array_get_length (kept); i++)
    {
      JsonArray *targets = array_member (json_array_get_object_element (kept, i), "targets");

      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        {
          const char *key = json_object_get_string_member_with_default (json_array_get_object_element (targets, k),
                                                                        "indicator_id", NULL);
          if (key)
            g_hash_table_add (live, (gpointer) key);
        }
    }
  g_hash_table_iter_init (&iter, stated);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (live, id))
      g_hash_table_add (dead, id);

  if (own)
    {
      drop_dead (plan, "indicators", dead);
      own = array_member (plan, "indicators");
      for (guint k = 0; k < json_array_get_length (own); k++)
        {
          const char *key = json_object_get_string_member_with_default (json_array_get_object_element (own, k), "id", NULL);
          if (key)
            g_hash_table_add (placed, (gpointer) key);
        }
    }
  for (guint i = 0; i < json_array_get_length (kept); i++)
    {
      JsonObject *it = json_array_get_object_element (kept, i);
      JsonArray *defined;

      drop_dead (it, "indicators", dead);
      drop_dead (it, "indicator_ids", dead);
      defined = array_member (it, "indicators");
      for (guint k = 0; defined && k < json_array_get_length (defined); k++)
        {
          const char *key = json_object_get_string_member_with_default (json_array_get_object_element (defined, k), "id", NULL);
          if (key)
            g_hash_table_add (placed, (gpointer) key);
        }
    }
  /* Definitions that went with an item left out. */
  for (guint i = 0; i < json_array_get_length (kept); i++)
    {
      JsonObject *it = json_array_get_object_element (kept, i);
      JsonArray *serves = array_member (it, "indicator_ids");
      JsonArray *targets = array_member (it, "targets");
      g_autoptr(GPtrArray) wanted = g_ptr_array_new ();

      for (guint k = 0; serves && k < json_array_get_length (serves); k++)
        g_ptr_array_add (wanted, (gpointer) json_array_get_string_element (serves, k));
      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        g_ptr_array_add (wanted, (gpointer) json_object_get_string_member_with_default (json_array_get_object_element (targets, k),
                                                                                       "indicator_id", NULL));
      for (guint k = 0; k < wanted->len; k++)
        {
          const char *key = g_ptr_array_index (wanted, k);
          JsonObject *d = key ? g_hash_table_lookup (definitions, key) : NULL;

          if (d == NULL || g_hash_table_contains (placed, key))
            continue;
          if (array_member (it, "indicators") == NULL)
            json_object_set_array_member (it, "indicators", json_array_new ());
          json_array_add_element (array_member (it, "indicators"), deep_copy_object (d));
          g_hash_table_add (placed, (gpointer) key);
        }
    }
}

/* Every item dated from the period at the top. The parser gives an item
 * the first and the last day of the period the document states, or no
 * dates when it states none; nothing in the review shows or edits an
 * item's dates, so those dates follow the period as corrected, silently:
 * they are the document's period, not dates anyone chose. A date the
 * draft gives otherwise (a plan file's own) stays. The command line's
 * import dates them by the same rule (pb_draft_date_items()). */
static void
date_items (PbImportWindow *self,
            JsonArray      *items,
            int             start,
            int             end)
{
  pb_draft_date_items (items, self->found_start, self->found_end, start, end);
}

/* The draft as corrected, without what the review left out. */
static JsonNode *
accepted_draft (PbImportWindow *self)
{
  JsonNode *copy = deep_copy (self->draft);
  JsonObject *plan = json_node_get_object (copy);
  JsonArray *items = json_object_get_array_member (plan, "items");
  JsonArray *kept = json_array_new ();
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);
  int start = 0, end = 0;
  g_autofree char *unused = NULL;

  set_text_member (plan, "title", self->title_row);
  set_text_member (plan, "doc_number", self->doc_number_row);
  set_text_member (plan, "issuer", self->issuer_row);
  /* Checked by create_action before. */
  pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start, &unused);
  pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &end, &unused);
  if (start && end)
    {
      JsonObject *period = json_object_new ();

      json_object_set_int_member (period, "start", start);
      json_object_set_int_member (period, "end", end);
      json_object_set_object_member (plan, "period", period);
    }
  else
    json_object_set_null_member (plan, "period");

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
      json_object_remove_member (it, "_skip");
      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        {
          JsonObject *t = json_array_get_object_element (targets, k);

          if (json_object_get_boolean_member_with_default (t, "_skip", FALSE))
            continue;
          json_object_remove_member (t, "_skip");
          carry_unit (plan, it, t, units);
          json_array_add_object_element (kept_targets, json_object_ref (t));
        }
      json_object_set_array_member (it, "targets", kept_targets);
      json_array_add_object_element (kept, json_object_ref (it));
    }
  keep_indicators (plan, json_object_get_array_member (json_node_get_object (self->draft), "items"), items, kept);
  date_items (self, kept, start, end);
  json_object_set_array_member (plan, "items", kept);

  return copy;
}

/* An item states one target a year of each firmness for an indicator: a
 * year corrected onto another target's is refused under it. (A goal and a
 * task stating the same target are two items, and both keep it.) Each Year is read again
 * first, so a refusal the planner resolved elsewhere goes. */
/* Each target's Year read again, refused while it lies outside the
 * period (unless the target or its item is left out). */
static void
check_outside_years (PbImportWindow *self)
{
  GHashTableIter iter;
  gpointer target, field;

  g_hash_table_iter_init (&iter, self->year_fields);
  while (g_hash_table_iter_next (&iter, &target, &field))
    {
      g_autofree char *message = NULL;
      int year;

      if (pb_import_parse_year (gtk_editable_get_text (field), &year, &message))
        message = target_outside_period (self, target, field);
      pb_import_window_set_field_error (self, field, g_object_get_data (G_OBJECT (field), "error-row"), message);
    }
  /* The counts on the items' rows and in the summary with them. */
  update_summary (self);
}

static void
check_target_years (PbImportWindow *self)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (self->draft), "items");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  check_outside_years (self);

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      JsonArray *targets = json_object_get_array_member (it, "targets");

      if (json_object_get_boolean_member_with_default (it, "_skip", FALSE))
        continue;
      for (guint k = 0; targets && k < json_array_get_length (targets); k++)
        {
          JsonObject *t = json_array_get_object_element (targets, k);
          const char *id = json_object_get_string_member_with_default (t, "indicator_id", NULL);
          GtkWidget *year_field = g_hash_table_lookup (self->year_fields, t);
          g_autofree char *key = NULL;
          int year;

          if (id == NULL || year_field == NULL || !pb_import_target_has_year (t) ||
              json_object_get_boolean_member_with_default (t, "_skip", FALSE) ||
              g_hash_table_contains (self->invalid, year_field))
            continue;
          year = (int) json_object_get_int_member_with_default (t, "year", 0);
          key = g_strdup_printf ("%u/%s/%d/%d", i, id, year, json_object_get_boolean_member_with_default (t, "stretch", FALSE));
          if (g_hash_table_contains (seen, key))
            {
              /* TRANSLATORS: %s is an indicator, %d a year */
              g_autofree char *message = g_strdup_printf (_("“%s” already has a target for %d; correct the year or leave one of them out."),
                                                          json_object_get_string_member_with_default (t, "indicator", ""), year);
              pb_import_window_set_field_error (self, year_field, g_object_get_data (G_OBJECT (year_field), "error-row"), message);
            }
          else
            g_hash_table_add (seen, g_steal_pointer (&key));
        }
    }
}

/* The marks on the targets' years again, after the period changed or a
 * target or item was ticked in or out: outside the period always; once
 * Create Plan has asked, a year given twice too (leaving one of them out
 * settles it at once). */
static void
recheck_years (PbImportWindow *self)
{
  if (self->draft == NULL)
    return;
  if (self->years_checked)
    check_target_years (self);
  else
    check_outside_years (self);
}

/* The first refused field in the order the review shows them (the plan's
 * own fields, then the items and their targets from the top), closed rows
 * included. */
static GtkWidget *
first_invalid (PbImportWindow *self,
               GtkWidget      *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_hash_table_contains (self->invalid, c))
        return c;
      if ((found = first_invalid (self, c)))
        return found;
    }
  return NULL;
}

/* Once the rows opened are laid out, the field is scrolled to (with its
 * target's heading above it) and focused. */
static gboolean
scroll_to_invalid_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);
  GtkWidget *field = self->scroll_to;
  GtkWidget *scrolled = gtk_widget_get_ancestor (field, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *target = gtk_widget_get_ancestor (field, PB_TYPE_IMPORT_TARGET_ROW);
  GtkWidget *top = target ? target : field;
  gboolean settled = TRUE;
  graphene_point_t p;

  /* Still opening: the rows below an opening one are not yet in place. */
  for (GtkWidget *w = gtk_widget_get_parent (field); w; w = gtk_widget_get_parent (w))
    if (GTK_IS_REVEALER (w) && !gtk_revealer_get_child_revealed (GTK_REVEALER (w)))
      settled = FALSE;

  if (scrolled && gtk_widget_get_mapped (field) &&
      gtk_widget_compute_point (top, scrolled, &GRAPHENE_POINT_INIT (0, 0), &p))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* Its target's heading a little below the top of the view. */
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + p.y - 12);
    }
  /* Laid out once more after the rows have opened. */
  if (!settled)
    self->scroll_frames = 0;
  if (self->scroll_frames++ < 3)
    return G_SOURCE_CONTINUE;

  gtk_widget_grab_focus (field);
  self->scroll_id = 0;
  g_clear_object (&self->scroll_to);
  return G_SOURCE_REMOVE;
}

/* The first refused field, shown: its item and target opened, scrolled
 * to, focused. */
static void
show_first_invalid (PbImportWindow *self)
{
  GtkWidget *field = first_invalid (self, GTK_WIDGET (self));

  if (field == NULL)
    return;

  for (GtkWidget *w = gtk_widget_get_parent (field); w; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);
  gtk_widget_grab_focus (field);
  g_set_object (&self->scroll_to, field);
  self->scroll_frames = 0;
  if (self->scroll_id == 0)
    self->scroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_invalid_cb, NULL, NULL);
}

static gboolean
close_when_idle (gpointer data)
{
  PB_IMPORT_WINDOW (data)->discarding = TRUE;
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* ---- Escape and closing ------------------------------------------------- */

/* The review's entry field @widget is in, if any. */
static GtkWidget *
review_field_of (PbImportWindow *self,
                 GtkWidget      *widget)
{
  GtkWidget *row = widget ? gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) : NULL;

  if (row && gtk_widget_is_ancestor (row, GTK_WIDGET (self->review_page)))
    return row;
  return NULL;
}

/* A review field getting the focus: what it holds now is what Escape
 * takes it back to. */
static void
focus_changed_cb (PbImportWindow *self)
{
  GtkWidget *field = review_field_of (self, gtk_root_get_focus (GTK_ROOT (self)));

  if (field == self->focus_field)
    return;
  g_set_weak_pointer (&self->focus_field, field);
  if (field)
    g_object_set_data_full (G_OBJECT (field), "pb-focus-text",
                            g_strdup (gtk_editable_get_text (GTK_EDITABLE (field))), g_free);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PbImportWindow   *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  /* Closed once the question has gone: it is this window's child. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (self), g_object_unref);
}

/* Corrections made on the review are not thrown away without asking. */
static void
ask_discard (PbImportWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->discard_dialog)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (pb_ui_discard_dialog_new (GTK_WINDOW (self), _("Discard the corrections?"),
                                                         _("The corrections made on the review will be lost, and no plan is imported.")));
  g_set_weak_pointer (&self->discard_dialog, dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Closing (Escape with nothing to take back, Cancel, the window's close
 * button): once the planner has corrected the review, asked first. */
static gboolean
pb_import_window_close_request (GtkWindow *window)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (window);

  if (!self->discarding && review_corrected (self))
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pb_import_window_parent_class)->close_request (window);
}

/* Escape takes back one field: the review field with the focus, when it
 * differs from what it held as it got the focus, or shows a refusal;
 * with nothing to take back, it closes the window (asking first once the
 * review has been corrected). */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);
  GtkWidget *field = review_field_of (self, gtk_root_get_focus (GTK_ROOT (self)));

  if (field && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "review"))
    {
      const char *now = gtk_editable_get_text (GTK_EDITABLE (field));
      const char *held = g_object_get_data (G_OBJECT (field), "pb-focus-text");
      const char *built = g_object_get_data (G_OBJECT (field), "pb-review-text");
      g_autofree char *back = NULL;

      if (held && !g_str_equal (now, held))
        back = g_strdup (held);
      else if (gtk_widget_has_css_class (field, "error") && built && !g_str_equal (now, built))
        back = g_strdup (built);
      if (back)
        {
          gtk_editable_set_text (GTK_EDITABLE (field), back);
          gtk_editable_set_position (GTK_EDITABLE (field), -1);
          return TRUE;
        }
    }
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* The library holds the plan already (the same title and document
 * number: a document imported twice): open that one, add this one as
 * "… (copy)", or go back to the review; as Open Plan File… asks. */
static void
twin_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PbImportWindow   *self)
{
  JsonNode *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  gint64 twin = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "twin");
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (g_str_equal (response, "open"))
    id = twin;
  else if (g_str_equal (response, "copy"))
    {
      id = pb_store_import_plan_json_full (self->store, plan, PB_IMPORT_MARK_COPIES, &error);
      if (id == 0)
        {
          toast (self, error->message);
          return;
        }
    }
  else
    return;

  g_signal_emit (self, signals[PLAN_CREATED], 0, id);
  /* Closed once the question has gone: it is this window's child. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (self), g_object_unref);
}

static void
ask_twin (PbImportWindow *self,
          JsonNode       *plan,
          gint64          twin)
{
  g_autoptr(PbPlan) existing = pb_store_get_record (self->store, PB_TYPE_PLAN, twin);
  GtkWidget *dialog;

  /* The same question as Open Plan File… asks. */
  dialog = pb_ui_plan_twin_dialog_new (GTK_WINDOW (self), self->source_name,
                                       existing ? pb_plan_get_title (existing) : NULL);
  g_object_set_data_full (G_OBJECT (dialog), "plan", json_node_ref (plan), (GDestroyNotify) json_node_unref);
  g_object_set_data_full (G_OBJECT (dialog), "twin", g_memdup2 (&twin, sizeof twin), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (twin_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbImportWindow *self = PB_IMPORT_WINDOW (widget);
  g_autoptr(JsonNode) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id, twin;

  if (self->draft == NULL)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  if (title[0] == '\0')
    pb_import_window_set_field_error (self, GTK_WIDGET (self->title_row), self->title_error_row, _("A plan needs a title."));
  check_target_years (self);
  self->years_checked = TRUE;
  if (g_hash_table_size (self->invalid) > 0)
    {
      toast (self, _("Correct the fields marked in red first."));
      show_first_invalid (self);
      return;
    }

  plan = accepted_draft (self);
  twin = pb_store_find_plan_json_twin (self->store, plan);
  if (twin != 0)
    {
      ask_twin (self, plan, twin);
      return;
    }
  id = pb_store_import_plan_json (self->store, plan, &error);
  if (id == 0)
    {
      toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[PLAN_CREATED], 0, id);
  /* The corrections are in the plan now. */
  self->discarding = TRUE;
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
  if (self->scroll_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_id);
  self->scroll_id = 0;
  g_clear_object (&self->scroll_to);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_pointer (&self->draft, json_node_unref);
  g_clear_pointer (&self->known_names, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->invalid, g_hash_table_unref);
  g_clear_pointer (&self->year_fields, g_hash_table_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->draft_text, g_free);
  g_clear_pointer (&self->pristine, g_free);
  g_clear_weak_pointer (&self->focus_field);
  g_clear_weak_pointer (&self->discard_dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_IMPORT_WINDOW);

  G_OBJECT_CLASS (pb_import_window_parent_class)->dispose (object);
}

static void
pb_import_window_class_init (PbImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_import_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pb_import_window_close_request;

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
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, title_error_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, doc_number_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, start_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, start_error_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, end_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, end_error_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, period_note_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, period_note_icon);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, period_note);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, summary_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, file_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, read_again_button);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, empty_back_button);
  gtk_widget_class_bind_template_callback (widget_class, plan_field_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, PbImportWindow, create_button);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.read-text", NULL, read_text_action);
  gtk_widget_class_install_action (widget_class, "import.read-again", NULL, read_again_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "import.create", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
pb_import_window_init (PbImportWindow *self)
{
  self->invalid = g_hash_table_new (NULL, NULL);
  self->year_fields = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->summary_mark = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_add_css_class (self->summary_mark, "error");
  gtk_widget_set_valign (self->summary_mark, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->summary_mark, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Targets outside the plan’s period"), -1);
  adw_action_row_add_prefix (self->summary_row, self->summary_mark);
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
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
