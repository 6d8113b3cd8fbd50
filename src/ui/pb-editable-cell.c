/* pb-editable-cell.c — a table cell that becomes an entry when edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label; a click, Enter or F2 turns it into a text field, and so does
 * typing on it (the field then holds what was typed). Enter or
 * leaving the field commits ("committed" with the new text, when it
 * changed), Escape puts the old text back. A new value set while the
 * field is being edited (the table refreshed under it) does not replace
 * what is typed; it shows in a field not typed in yet. (GtkEditableLabel in GTK 4.8
 * leaves an idle behind that outlives the widget when a table is rebuilt
 * or the window closed while it has focus; this cell does all its work
 * synchronously.)
 */
#include "config.h"

#include "pb-editable-cell.h"

struct _PbEditableCell
{
  GtkWidget  parent_instance;

  GtkWidget *stack;
  GtkWidget *label;
  GtkWidget *text;
  char      *value;
  char      *display;
  char      *started;   /* what the field held when the edit began */
  gboolean   editing;
};

G_DEFINE_FINAL_TYPE (PbEditableCell, pb_editable_cell, GTK_TYPE_WIDGET)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pb_editable_cell_start_editing (PbEditableCell *self)
{
  g_return_if_fail (PB_IS_EDITABLE_CELL (self));

  if (self->editing)
    return;
  self->editing = TRUE;
  g_free (self->started);
  self->started = g_strdup (self->value ? self->value : "");
  gtk_editable_set_text (GTK_EDITABLE (self->text), self->started);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->text);
  gtk_widget_grab_focus (self->text);
  gtk_editable_select_region (GTK_EDITABLE (self->text), 0, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

void
pb_editable_cell_stop_editing (PbEditableCell *self,
                               gboolean        commit)
{
  g_autofree char *text = NULL;

  g_return_if_fail (PB_IS_EDITABLE_CELL (self));

  if (!self->editing)
    return;
  self->editing = FALSE;
  g_clear_pointer (&self->started, g_free);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text))));
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->label);
  if (gtk_widget_has_focus (self->text))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  g_object_ref (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  if (commit && g_strcmp0 (text, self->value ? self->value : "") != 0)
    g_signal_emit (self, signals[COMMITTED], 0, text);
  g_object_unref (self);
}

static void
activate_cb (PbEditableCell *self)
{
  pb_editable_cell_stop_editing (self, TRUE);
}

static gboolean
text_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             PbEditableCell        *self)
{
  if (keyval == GDK_KEY_Escape)
    {
      pb_editable_cell_stop_editing (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
text_leave_cb (PbEditableCell *self)
{
  pb_editable_cell_stop_editing (self, TRUE);
}

static gboolean
cell_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             PbEditableCell        *self)
{
  gunichar c;

  if (self->editing)
    return FALSE;
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_F2)
    {
      pb_editable_cell_start_editing (self);
      return TRUE;
    }
  /* Typing on a cell starts its edit with what is typed, as in a
   * spreadsheet: the keys are never dropped while the cell has focus
   * and the field does not (a click, then Enter, then "5000"). */
  c = gdk_keyval_to_unicode (keyval);
  if (c != 0 && g_unichar_isprint (c) && !g_unichar_isspace (c) &&
      !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)))
    {
      char typed[8] = { 0 };

      g_unichar_to_utf8 (c, typed);
      pb_editable_cell_start_editing (self);
      gtk_editable_set_text (GTK_EDITABLE (self->text), typed);
      gtk_editable_set_position (GTK_EDITABLE (self->text), -1);
      return TRUE;
    }
  return FALSE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PbEditableCell  *self)
{
  /* The second press of a double-click is the cell's too: it lands on
   * the field the first one opened, and the table row, left with it,
   * takes a double-click as its own, takes the focus to its first
   * control (another column's drop-down) and so ends the edit. A single
   * press on the open field stays the field's (the caret, a drag). */
  if (!self->editing)
    pb_editable_cell_start_editing (self);
  else if (n_press < 2)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
pb_editable_cell_dispose (GObject *object)
{
  PbEditableCell *self = PB_EDITABLE_CELL (object);

  /* Gone while edited: whoever waits for the edit to end (a table's
   * rebuild) is told, nothing is committed. */
  if (self->editing)
    {
      self->editing = FALSE;
      g_object_notify_by_pspec (object, properties[PROP_EDITING]);
    }
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->display, g_free);
  g_clear_pointer (&self->started, g_free);
  G_OBJECT_CLASS (pb_editable_cell_parent_class)->dispose (object);
}

static void
pb_editable_cell_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbEditableCell *self = PB_EDITABLE_CELL (object);

  switch (prop_id)
    {
    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_editable_cell_class_init (PbEditableCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pb_editable_cell_dispose;
  G_OBJECT_CLASS (klass)->get_property = pb_editable_cell_get_property;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "editablecell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);

  /**
   * PbEditableCell::committed:
   * @text: the new text, trimmed
   */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PbEditableCell:editing:
   *
   * Whether the cell is a text field being edited.
   */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
}

static void
pb_editable_cell_init (PbEditableCell *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *text_key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->stack = gtk_stack_new ();
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  self->text = gtk_text_new ();
  gtk_editable_set_alignment (GTK_EDITABLE (self->text), 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->text), 4);
  gtk_stack_add_child (GTK_STACK (self->stack), self->label);
  gtk_stack_add_child (GTK_STACK (self->stack), self->text);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  g_signal_connect_swapped (self->text, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (text_key, "key-pressed", G_CALLBACK (text_key_cb), self);
  gtk_widget_add_controller (self->text, text_key);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (text_leave_cb), self);
  gtk_widget_add_controller (self->text, focus);
  g_signal_connect (key, "key-pressed", G_CALLBACK (cell_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
pb_editable_cell_new (void)
{
  return g_object_new (PB_TYPE_EDITABLE_CELL, NULL);
}

void
pb_editable_cell_set_text (PbEditableCell *self,
                           const char     *text)
{
  pb_editable_cell_set_texts (self, text, NULL);
}

/**
 * pb_editable_cell_set_texts:
 * @self: a cell
 * @text: what the field holds while editing (a plain number)
 * @display: (nullable): what the cell reads otherwise (the number as
 *   DESIGN §7 writes it), or %NULL for @text
 */
void
pb_editable_cell_set_texts (PbEditableCell *self,
                            const char     *text,
                            const char     *display)
{
  g_return_if_fail (PB_IS_EDITABLE_CELL (self));

  g_free (self->value);
  g_free (self->display);
  self->value = g_strdup (text ? text : "");
  self->display = g_strdup (display ? display : self->value);
  gtk_label_set_text (GTK_LABEL (self->label), self->display);
  /* While editing, what is typed stays; a field not typed in yet shows
   * the new value (and commits nothing when left as it is). */
  if (self->editing && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->text)), self->started) == 0)
    {
      g_free (self->started);
      self->started = g_strdup (self->value);
      gtk_editable_set_text (GTK_EDITABLE (self->text), self->value);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->display, -1);
}

/**
 * pb_editable_cell_get_display_text:
 * @self: a cell
 *
 * Returns: what the cell reads when it is not being edited
 */
const char *
pb_editable_cell_get_display_text (PbEditableCell *self)
{
  g_return_val_if_fail (PB_IS_EDITABLE_CELL (self), NULL);
  return self->display ? self->display : "";
}

const char *
pb_editable_cell_get_text (PbEditableCell *self)
{
  g_return_val_if_fail (PB_IS_EDITABLE_CELL (self), NULL);
  return self->value;
}

gboolean
pb_editable_cell_get_editing (PbEditableCell *self)
{
  return self->editing;
}

/**
 * pb_editable_cell_get_editable:
 * @self: a cell
 *
 * Returns: (transfer none): the text field used while editing
 */
GtkEditable *
pb_editable_cell_get_editable (PbEditableCell *self)
{
  return GTK_EDITABLE (self->text);
}
