/* pb-import-target-row.c — one target in the import review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A composite template (resources/ui/pb-import-target-row.ui) bound to a
 * target of the draft JSON: every field writes its member on each change,
 * so the draft is always what the fields show. Text that is no number or
 * year is refused under its field through the import window, which keeps
 * Create Plan back until it is corrected.
 */
#define G_LOG_DOMAIN "pb-import-target-row"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pb-draft-period.h"
#include "pb-format.h"
#include "pb-import-target-row.h"
#include "pb-import-window.h"
#include "pb-store.h"

struct _PbImportTargetRow
{
  AdwExpanderRow  parent_instance;

  GtkCheckButton *include_check;
  GtkWidget      *stretch_tag;
  GtkWidget      *borderline_icon;
  AdwEntryRow    *name_row;
  GtkWidget      *name_error_row;
  AdwEntryRow    *value_row;
  GtkWidget      *value_error_row;
  AdwComboRow    *comparator_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *unit_row;
  AdwEntryRow    *year_row;
  GtkWidget      *year_error_row;
  GtkSwitch      *stretch_switch;

  JsonObject     *target;   /* NULL while the fields are filled */
  JsonObject     *indicator; /* the target's indicator in the draft, or NULL */
  gboolean        syncing;   /* the name shown again, not typed */
};

G_DEFINE_FINAL_TYPE (PbImportTargetRow, pb_import_target_row, ADW_TYPE_EXPANDER_ROW)

enum {
  INCLUDE_TOGGLED,
  KIND_CHANGED,
  TARGET_EDITED,
  NAME_EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The store's nicks, in the order of PbComparator and of the combo row. */
static const char * const comparator_nicks[] = { "=", ">=", "<=", "~" };
/* …of PbIndicatorKind. */
static const char * const kind_nicks[] = { "cumulative", "annual" };

gboolean
pb_import_target_has_year (JsonObject *t)
{
  return pb_draft_target_has_year (t);
}

/**
 * pb_import_parse_year:
 * @text: a year as typed
 * @year: (out): the year, 0 for an empty @text (no year)
 * @message: (out): why @text is refused
 *
 * Reads a year through the one number parser.
 *
 * Returns: whether @text is a year or empty
 */
gboolean
pb_import_parse_year (const char *text,
                      int        *year,
                      char      **message)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  double v;

  *year = 0;
  if (clean[0] == '\0')
    return TRUE;
  if (!pb_parse_number (clean, &v) || v != floor (v) || v < 1900 || v > 2200)
    {
      /* TRANSLATORS: %s is what was typed in a year field */
      *message = g_strdup_printf (_("“%s” is not a year; write it as 2025."), clean);
      return FALSE;
    }
  *year = (int) v;
  return TRUE;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  const char *s = json_object_get_string_member_with_default (o, name, "");

  return s ? s : "";
}

static char *
format_target (JsonObject *t)
{
  const char *cmp = string_member (t, "comparator");
  const char *symbol = g_str_equal (cmp, ">=") ? "≥" : g_str_equal (cmp, "<=") ? "≤" : g_str_equal (cmp, "~") ? "≈" : "";
  g_autofree char *value = pb_format_number_compact (json_object_get_double_member_with_default (t, "value", 0), NULL, -1);

  if (!pb_import_target_has_year (t))
    /* TRANSLATORS: a target whose document gives no year: comparator, value, unit, e.g. ≥10000 个 */
    return g_strdup_printf (_("No year: %s%s %s"), symbol, value, string_member (t, "unit"));

  /* TRANSLATORS: a target: year, comparator, value, unit, e.g. 2024: ≥10000 个 */
  return g_strdup_printf (_("%d: %s%s %s"), (int) json_object_get_int_member_with_default (t, "year", 0),
                          symbol, value, string_member (t, "unit"));
}

static gboolean
is_annual (PbImportTargetRow *self)
{
  return self->indicator != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (self->indicator, "kind", "cumulative"), "annual") == 0;
}

/* The summary, again after an edit: the target as the title, its
 * indicator and how it is counted under it. */
static void
update_title (PbImportTargetRow *self)
{
  g_autofree char *label = format_target (self->target);
  g_autofree char *escaped = g_markup_escape_text (label, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped);
  if (self->indicator)
    /* TRANSLATORS: a target's indicator and how it is counted, as "5G基站 · Cumulative" */
    subtitle = g_strdup_printf (_("%s · %s"), string_member (self->target, "indicator"),
                                is_annual (self) ? _("Annual") : _("Cumulative"));
  else
    subtitle = g_strdup (string_member (self->target, "indicator"));
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped_subtitle);
}

static void
refuse (PbImportTargetRow *self,
        gpointer           field,
        GtkWidget         *error_row,
        const char        *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), PB_TYPE_IMPORT_WINDOW);

  if (window)
    pb_import_window_set_field_error (PB_IMPORT_WINDOW (window), GTK_WIDGET (field), error_row, message);
}

static void
include_toggled_cb (PbImportTargetRow *self)
{
  if (self->target == NULL)
    return;
  json_object_set_boolean_member (self->target, "_skip", !gtk_check_button_get_active (self->include_check));
  /* What is left out is not checked: the window settles its marks now. */
  g_signal_emit (self, signals[INCLUDE_TOGGLED], 0);
}

static void
value_changed_cb (PbImportTargetRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_row))));
  g_autofree char *message = NULL;
  double value;

  if (self->target == NULL)
    return;
  if (text[0] == '\0')
    message = g_strdup (_("A target needs a value; leave the target out if it has none."));
  else if (!pb_parse_number (text, &value))
    message = g_strdup_printf (_("“%s” is not a number; write it as 2600, 2.6万 or 0.85."), text);
  else if (fabs (value) > PB_MAX_NUMBER)
    message = g_strdup_printf (_("“%s” is too large a number."), text);
  else
    {
      json_object_set_double_member (self->target, "value", value);
      update_title (self);
    }
  refuse (self, self->value_row, self->value_error_row, message);
  if (message == NULL)
    g_signal_emit (self, signals[TARGET_EDITED], 0);
}

static void
year_changed_cb (PbImportTargetRow *self)
{
  g_autofree char *message = NULL;
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), PB_TYPE_IMPORT_WINDOW);
  int year;

  if (self->target == NULL)
    return;
  if (pb_import_parse_year (gtk_editable_get_text (GTK_EDITABLE (self->year_row)), &year, &message))
    {
      /* Kept as typed, but refused while it lies outside the period:
       * Create Plan waits until the year, the period or the choice to
       * leave the target out settles it. */
      if (window && year != 0)
        message = pb_import_window_year_outside_period (PB_IMPORT_WINDOW (window), year);
      if (year == 0)
        json_object_set_null_member (self->target, "year");
      else
        json_object_set_int_member (self->target, "year", year);
      /* The planner wrote it: the year is no longer inferred. */
      json_object_set_boolean_member (self->target, "year_implied", FALSE);
      update_title (self);
      /* Written, even while refused as outside the period. */
      g_signal_emit (self, signals[TARGET_EDITED], 0);
    }
  refuse (self, self->year_row, self->year_error_row, message);
}

/* The name is the indicator's, shared by its every target: the window
 * checks it and names the indicator (pb_import_window_rename_indicator()). */
static void
name_changed_cb (PbImportTargetRow *self)
{
  if (self->target == NULL || self->syncing)
    return;
  g_signal_emit (self, signals[NAME_EDITED], 0);
}

static void
unit_changed_cb (PbImportTargetRow *self)
{
  g_autofree char *unit = NULL;

  if (self->target == NULL)
    return;
  unit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_row))));
  json_object_set_string_member (self->target, "unit", unit);
  update_title (self);  g_signal_emit (self, signals[TARGET_EDITED], 0);
}

static void
comparator_changed_cb (PbImportTargetRow *self)
{
  guint i = adw_combo_row_get_selected (self->comparator_row);

  if (self->target == NULL || i >= G_N_ELEMENTS (comparator_nicks))
    return;
  json_object_set_string_member (self->target, "comparator", comparator_nicks[i]);
  update_title (self);  g_signal_emit (self, signals[TARGET_EDITED], 0);
}

/* How the target's indicator is counted: the indicator's, so every
 * target of it follows. */
static void
kind_changed_cb (PbImportTargetRow *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  if (self->target == NULL || self->indicator == NULL || i >= G_N_ELEMENTS (kind_nicks) ||
      g_strcmp0 (json_object_get_string_member_with_default (self->indicator, "kind", "cumulative"), kind_nicks[i]) == 0)
    return;
  json_object_set_string_member (self->indicator, "kind", kind_nicks[i]);
  update_title (self);
  /* The other targets of the indicator say how it is counted too. */
  g_signal_emit (self, signals[KIND_CHANGED], 0);
}

static void
stretch_changed_cb (PbImportTargetRow *self)
{
  gboolean stretch = gtk_switch_get_active (self->stretch_switch);

  gtk_widget_set_visible (self->stretch_tag, stretch);
  if (self->target)
    {
      json_object_set_boolean_member (self->target, "stretch", stretch);
      g_signal_emit (self, signals[TARGET_EDITED], 0);
    }
}

static void
pb_import_target_row_dispose (GObject *object)
{
  PbImportTargetRow *self = PB_IMPORT_TARGET_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_IMPORT_TARGET_ROW);
  g_clear_pointer (&self->target, json_object_unref);
  g_clear_pointer (&self->indicator, json_object_unref);

  G_OBJECT_CLASS (pb_import_target_row_parent_class)->dispose (object);
}

static void
pb_import_target_row_class_init (PbImportTargetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_import_target_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/planboard/Planboard/ui/pb-import-target-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, include_check);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, stretch_tag);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, borderline_icon);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, name_error_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, value_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, value_error_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, comparator_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, year_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, year_error_row);
  gtk_widget_class_bind_template_child (widget_class, PbImportTargetRow, stretch_switch);
  gtk_widget_class_bind_template_callback (widget_class, include_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, comparator_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stretch_changed_cb);

  /**
   * PbImportTargetRow::include-toggled:
   *
   * The planner ticked the target in or out.
   */
  signals[INCLUDE_TOGGLED] = g_signal_new ("include-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PbImportTargetRow::kind-changed:
   *
   * The planner changed how the target's indicator is counted, which
   * every target of that indicator shows: see pb_import_target_row_sync().
   */
  /**
   * PbImportTargetRow::target-edited:
   *
   * The planner corrected the target (its value, comparator, unit, year
   * or firmness) and the draft holds the correction: the window shows it
   * on every other copy of the same target, see
   * pb_import_target_row_copy_from().
   */
  signals[TARGET_EDITED] = g_signal_new ("target-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[KIND_CHANGED] = g_signal_new ("kind-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PbImportTargetRow::name-edited:
   *
   * The planner typed in the indicator's name; nothing is written yet:
   * the window checks the name and names the indicator and its every
   * target, see pb_import_target_row_get_name_field().
   */
  signals[NAME_EDITED] = g_signal_new ("name-edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_import_target_row_init (PbImportTargetRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pb_import_target_row_new:
 * @target: a target of the draft, edited in place
 * @kind: (nullable): its indicator in the draft, whose kind
 *   (cumulative or annual) the row shows and edits
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
pb_import_target_row_new (JsonObject *target,
                          JsonObject *kind)
{
  PbImportTargetRow *self = g_object_new (PB_TYPE_IMPORT_TARGET_ROW, NULL);
  g_autofree char *value = pb_format_editable (json_object_get_double_member_with_default (target, "value", 0));
  g_autofree char *year = pb_import_target_has_year (target)
    ? g_strdup_printf ("%d", (int) json_object_get_int_member_with_default (target, "year", 0)) : g_strdup ("");
  g_autofree char *indicator = g_markup_escape_text (string_member (target, "indicator"), -1);
  guint comparator = 0;

  for (guint i = 0; i < G_N_ELEMENTS (comparator_nicks); i++)
    if (g_str_equal (string_member (target, "comparator"), comparator_nicks[i]))
      comparator = i;

  /* Filled before the target is set: filling writes nothing back. */
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), string_member (target, "indicator"));
  g_object_set_data (G_OBJECT (self->name_row), "error-row", self->name_error_row);
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
  adw_combo_row_set_selected (self->comparator_row, comparator);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), string_member (target, "unit"));
  gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
  gtk_switch_set_active (self->stretch_switch, json_object_get_boolean_member_with_default (target, "stretch", FALSE));
  gtk_widget_set_visible (self->borderline_icon, g_str_equal (string_member (target, "confidence"), "borderline"));
  g_object_set_data (G_OBJECT (self->value_row), "error-row", self->value_error_row);
  g_object_set_data (G_OBJECT (self->year_row), "error-row", self->year_error_row);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), indicator);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), kind != NULL);
  if (kind)
    {
      adw_combo_row_set_selected (self->kind_row,
                                  g_strcmp0 (json_object_get_string_member_with_default (kind, "kind", "cumulative"),
                                             "annual") == 0 ? 1 : 0);
      self->indicator = json_object_ref (kind);
    }

  self->target = json_object_ref (target);
  update_title (self);
  return GTK_WIDGET (self);
}

JsonObject *
pb_import_target_row_get_target (PbImportTargetRow *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_TARGET_ROW (self), NULL);
  return self->target;
}

GtkWidget *
pb_import_target_row_get_year_field (PbImportTargetRow *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_TARGET_ROW (self), NULL);
  return GTK_WIDGET (self->year_row);
}

/**
 * pb_import_target_row_get_indicator:
 * @self: a target row
 *
 * Returns: (transfer none) (nullable): the target's indicator in the draft
 */
JsonObject *
pb_import_target_row_get_indicator (PbImportTargetRow *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_TARGET_ROW (self), NULL);
  return self->indicator;
}

/**
 * pb_import_target_row_sync:
 * @self: a target row
 *
 * Shows its indicator's kind and name again, after another target of the
 * same indicator changed them: the Counted row, the name and the subtitle
 * follow, and nothing is written back.
 */
void
pb_import_target_row_sync (PbImportTargetRow *self)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (PB_IS_IMPORT_TARGET_ROW (self));

  if (self->indicator)
    adw_combo_row_set_selected (self->kind_row, is_annual (self) ? 1 : 0);
  /* The name another copy of it was given (a field being corrected keeps
   * what is typed: the name is not written while it is refused). */
  shown = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->name_row), "error") &&
      g_strcmp0 (shown, string_member (self->target, "indicator")) != 0)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), string_member (self->target, "indicator"));
      self->syncing = FALSE;
    }
  update_title (self);
}

/**
 * pb_import_target_row_get_name_field:
 * @self: a target row
 *
 * Returns: (transfer none): the field of its indicator's name, whose
 *   "error-row" is where a refusal of it is said
 */
GtkWidget *
pb_import_target_row_get_name_field (PbImportTargetRow *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_TARGET_ROW (self), NULL);
  return GTK_WIDGET (self->name_row);
}

gboolean
pb_import_target_row_is_borderline (PbImportTargetRow *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_TARGET_ROW (self), FALSE);
  return gtk_widget_get_visible (self->borderline_icon);
}

static void
copy_text (AdwEntryRow *to,
           AdwEntryRow *from)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (from));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (to)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (to), text);
}

/**
 * pb_import_target_row_copy_from:
 * @self: a target row
 * @source: the row of another copy of the same target (a goal and a task
 *   stating one indicator's target for one year)
 *
 * Takes the correction made in @source: its value, comparator, unit, year
 * and firmness, through @self's own fields, so that @self's target in the
 * draft is written and checked as if typed there.
 */
void
pb_import_target_row_copy_from (PbImportTargetRow *self,
                                PbImportTargetRow *source)
{
  g_return_if_fail (PB_IS_IMPORT_TARGET_ROW (self));
  g_return_if_fail (PB_IS_IMPORT_TARGET_ROW (source));

  copy_text (self->value_row, source->value_row);
  if (adw_combo_row_get_selected (self->comparator_row) != adw_combo_row_get_selected (source->comparator_row))
    adw_combo_row_set_selected (self->comparator_row, adw_combo_row_get_selected (source->comparator_row));
  copy_text (self->unit_row, source->unit_row);
  copy_text (self->year_row, source->year_row);
  if (gtk_switch_get_active (self->stretch_switch) != gtk_switch_get_active (source->stretch_switch))
    gtk_switch_set_active (self->stretch_switch, gtk_switch_get_active (source->stretch_switch));
}
