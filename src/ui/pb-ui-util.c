/* pb-ui-util.c — small things the views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
#endif

#include "pb-application.h"
#include "pb-format.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-ui-util.h"
#include "pb-window.h"

/**
 * pb_ui_format_value:
 * @value: a number
 *
 * Returns: (transfer full): @value for a text field: pb_format_editable()
 */
char *
pb_ui_format_value (double value)
{
  return isnan (value) ? g_strdup ("—") : pb_format_editable (value);
}

/**
 * pb_ui_parse_value:
 * @text: what was typed
 * @value: (out): the number
 *
 * Returns: whether @text is a number, read by pb_parse_number()
 */
gboolean
pb_ui_parse_value (const char *text,
                   double     *value)
{
  return pb_parse_number (text, value);
}

/**
 * pb_ui_parse_target:
 * @text: what was typed
 * @comparator: (out): the comparator (= when none is written)
 * @value: (out): the number
 *
 * Returns: whether @text is a target, read by pb_parse_target()
 */
gboolean
pb_ui_parse_target (const char   *text,
                    PbComparator *comparator,
                    double       *value)
{
  return pb_parse_target (text, comparator, value);
}

const char *
pb_ui_health_css_class (PbHealth health)
{
  static const char * const classes[] = { "health-none", "health-blue", "health-yellow", "health-red" };

  return classes[CLAMP (health, PB_HEALTH_NONE, PB_HEALTH_RED)];
}

/* A toast that went (timed out, closed, replaced) is no longer the one
 * shown, nor the one that offers Undo. */
static void
toast_dismissed_cb (AdwToast  *toast,
                    GtkWidget *overlay)
{
  if (g_object_get_data (G_OBJECT (overlay), "pb-toast") == toast)
    g_object_set_data (G_OBJECT (overlay), "pb-toast", NULL);
  if (g_object_get_data (G_OBJECT (overlay), "pb-undo-toast") == toast)
    g_object_set_data (G_OBJECT (overlay), "pb-undo-toast", NULL);
}

/* libadwaita 1.2 frees a toast dismissed while it still slides in (500 ms
 * when it replaced another) and then crashes when the slide ends: a toast
 * younger than this is changed in place instead of dismissed. */
#define YOUNG_TOAST_USEC (650 * G_TIME_SPAN_MILLISECOND)

static gboolean
toast_is_young (AdwToast *toast)
{
  gint64 *shown = g_object_get_data (G_OBJECT (toast), "pb-shown-at");

  return shown && g_get_monotonic_time () - *shown < YOUNG_TOAST_USEC;
}

/**
 * pb_ui_show_toast:
 * @widget: a widget inside the window's toast overlay
 * @toast: (transfer full): the toast
 *
 * Shows @toast at once in place of the one shown before: an overlay queues
 * its toasts, so "Deleted 3 …" would wait seconds behind an older
 * "Redone: …" that no longer matters. A toast that only just appeared
 * takes the new text, button and timeout instead (see YOUNG_TOAST_USEC).
 *
 * Returns: (transfer none) (nullable): the toast on screen that says it
 */
AdwToast *
pb_ui_show_toast (GtkWidget *widget,
                  AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *shown;

  g_return_val_if_fail (ADW_IS_TOAST (toast), NULL);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return NULL;
    }

  shown = g_object_get_data (G_OBJECT (overlay), "pb-toast");
  if (shown && toast_is_young (shown))
    {
      /* The button's action changes in three steps, each notified on its
       * own: never a name with another action's target (Undo's mark). */
      adw_toast_set_action_name (shown, NULL);
      adw_toast_set_action_target_value (shown, adw_toast_get_action_target_value (toast));
      g_object_set (shown,
                    "title", adw_toast_get_title (toast),
                    "button-label", adw_toast_get_button_label (toast),
                    "timeout", adw_toast_get_timeout (toast),
                    NULL);
      adw_toast_set_action_name (shown, adw_toast_get_action_name (toast));
      g_object_unref (toast);
      if (g_object_get_data (G_OBJECT (overlay), "pb-undo-toast") == shown)
        g_object_set_data (G_OBJECT (overlay), "pb-undo-toast", NULL);
      /* Adding the toast on screen again restarts its timeout. */
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (shown));
      return shown;
    }

  if (shown)
    adw_toast_dismiss (shown);
  g_object_set_data_full (G_OBJECT (toast), "pb-shown-at", g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)),
                          g_free);
  g_object_set_data_full (G_OBJECT (overlay), "pb-toast", g_object_ref (toast), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

/**
 * pb_ui_get_toast:
 * @widget: a widget inside the window's toast overlay
 *
 * Returns: (transfer none) (nullable): the toast on screen, if it came
 *   through pb_ui_show_toast()
 */
AdwToast *
pb_ui_get_toast (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  return overlay ? g_object_get_data (G_OBJECT (overlay), "pb-toast") : NULL;
}

/**
 * pb_ui_toast:
 * @widget: a widget inside the window's toast overlay
 * @text: plain text (it is escaped here)
 * @with_undo: whether the toast offers Undo of the latest command (win.undo-command)
 *
 * Shows the toast at once, in place of the one before.
 */
void
pb_ui_toast (GtkWidget  *widget,
             const char *text,
             gboolean    with_undo)
{
  pb_ui_toast_full (widget, text, with_undo, 0);
}

/**
 * pb_ui_toast_destructive:
 * @widget: a widget inside the window's toast overlay
 * @text: plain text (it is escaped here)
 *
 * The Undo toast of a destructive command (items or a section deleted,
 * organisations merged): it stays PB_UI_DESTRUCTIVE_TOAST_TIMEOUT
 * seconds, long enough to read what went and reach Undo.
 */
void
pb_ui_toast_destructive (GtkWidget  *widget,
                         const char *text)
{
  pb_ui_toast_full (widget, text, TRUE, PB_UI_DESTRUCTIVE_TOAST_TIMEOUT);
}

/**
 * pb_ui_toast_full:
 * @widget: a widget inside the window's toast overlay
 * @text: plain text (it is escaped here)
 * @with_undo: whether the toast offers Undo of the latest command (win.undo-command)
 * @timeout: seconds it stays, or 0 for libadwaita's default
 *
 * Shows the toast at once, in place of the one before.
 */
void
pb_ui_toast_full (GtkWidget  *widget,
                  const char *text,
                  gboolean    with_undo,
                  guint       timeout)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *detail = NULL;
  /* A store error's own words (SQLite's, in English) after its first
   * line are for the log: the toast says the first line. */
  g_autofree char *said = pb_store_error_split (text, &detail);
  g_autofree char *escaped = g_markup_escape_text (said, -1);
  AdwToast *toast;
  gint64 mark = 0;

  if (detail != NULL)
    g_message ("%s (%s)", said, detail);
  if (overlay == NULL)
    {
      g_message ("%s", said);
      return;
    }

  /* Undo is bound to the command the toast names, by the store's undo
   * mark just after it: if anything was done after it (an edit in the
   * editor, another plan's change), the button does not take back that
   * later change in its place. */
  if (with_undo)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      PbStore *store = PB_IS_WINDOW (root) ? pb_window_get_store (PB_WINDOW (root)) : NULL;

      mark = store ? pb_store_get_undo_mark (store) : 0;
      with_undo = mark != 0;
    }

  toast = adw_toast_new (escaped);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-command");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (mark));
    }
  if (timeout > 0)
    adw_toast_set_timeout (toast, timeout);
  toast = pb_ui_show_toast (overlay, toast);
  /* Kept until Undo or Redo runs, which dismisses it: an offer to undo
   * what was just undone must not linger. */
  if (with_undo)
    g_object_set_data_full (G_OBJECT (overlay), "pb-undo-toast", g_object_ref (toast), g_object_unref);
}

/* An item named in passing after the command that named it in full: its
 * number, else its short name. */
static char *
item_reference (PbItem *item)
{
  const char *number = pb_item_get_number (item);

  return number && *number ? g_strdup (number) : pb_item_dup_short_name (item);
}

/**
 * pb_ui_dup_dependency_conflict:
 * @store: the store
 * @from_item_id: a dependency's predecessor
 * @to_item_id: its successor
 * @lag_days: its lag
 * @command: (nullable): the command that just added it, for its toast;
 *   %NULL for a note beside the dependency
 *
 * What to say of a dependency that the two items' dates contradict
 * (pb_store_dependency_contradicts ()): it is kept all the same, for the
 * planner may move the dates next. With @command, the toast names the
 * command first, as every Undo toast does.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL when the dates
 *   agree
 */
char *
pb_ui_dup_dependency_conflict (PbStore    *store,
                               gint64      from_item_id,
                               gint64      to_item_id,
                               int         lag_days,
                               const char *command)
{
  g_autoptr(PbItem) from = NULL;
  g_autoptr(PbItem) to = NULL;
  g_autofree char *from_name = NULL;
  g_autofree char *to_name = NULL;

  if (!pb_store_dependency_contradicts (store, from_item_id, to_item_id, lag_days))
    return NULL;
  from = pb_store_get_record (store, PB_TYPE_ITEM, from_item_id);
  to = pb_store_get_record (store, PB_TYPE_ITEM, to_item_id);
  if (from == NULL || to == NULL)
    return NULL;
  if (command)
    {
      from_name = item_reference (from);
      to_name = item_reference (to);
      /* Translators: a toast with Undo, as a dependency is added that the
       * dates contradict: the command ("Make 5 建设城市物联… Start After
       * 3 加快5G网络…"), then the two items' numbers: 5 starts on or
       * before the day 3 is due */
      return g_strdup_printf (_("%s, but %s starts before %s ends"), command, to_name, from_name);
    }
  from_name = pb_item_dup_short_name (from);
  to_name = pb_item_dup_short_name (to);
  /* Translators: a note under a dependency that the dates contradict:
   * item "5 建设城市物联…" waits for item "3 加快5G网络…", but its start
   * date is on or before 3's due date */
  return g_strdup_printf (_("%s starts before %s ends"), to_name, from_name);
}

/**
 * pb_ui_section_menu_new:
 * @store: the store
 * @section_id: a section
 *
 * The section's menu, the same on the board's column headers and the
 * timeline's section headers: Add Item and the window's section actions,
 * aimed at it.
 * A move that cannot apply (Move Up on the first section, Outdent on a
 * top-level one, Renumber Sections where the section and its siblings
 * count 1, 2, 3… already) is shown greyed out.
 *
 * Returns: (transfer full): the menu
 */
GMenuModel *
pb_ui_section_menu_new (PbStore *store,
                        gint64   section_id)
{
  PbSectionMoves moves = store ? pb_store_get_section_moves (store, section_id) : 0;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) end = g_menu_new ();
  struct { GMenu *menu; const char *label, *action; PbSectionMoves needs; } entries[] = {
    { menu, N_("_Add Section…"), "win.add-section", 0 },
    { menu, N_("_Rename Section…"), "win.rename-section", 0 },
    { order, N_("Move _Up"), "win.section-up", PB_SECTION_MOVE_UP },
    { order, N_("Move _Down"), "win.section-down", PB_SECTION_MOVE_DOWN },
    { order, N_("_Indent"), "win.section-indent", PB_SECTION_MOVE_INDENT },
    { order, N_("_Outdent"), "win.section-outdent", PB_SECTION_MOVE_OUTDENT },
    { order, N_("Re_number Sections"), "win.renumber-sections", PB_SECTION_MOVE_RENUMBER },
    /* Only for a section with sub-sections (skipped below otherwise). */
    { order, N_("Renumber _Sub-sections"), "win.renumber-subsections", PB_SECTION_MOVE_RENUMBER_SUBS },
    { end, N_("_Delete Section…"), "win.delete-section", 0 },
  };

  /* Add Item first: the end of this section (win.add-item-to takes a
   * board column's key). */
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("Add _Item"), NULL);
    g_autofree char *key = g_strdup_printf ("section:%" G_GINT64_FORMAT, section_id);

    g_menu_item_set_action_and_target_value (item, "win.add-item-to", g_variant_new_string (key));
    g_menu_append_item (menu, item);
  }
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (entries[i].needs == PB_SECTION_MOVE_RENUMBER_SUBS && !(moves & PB_SECTION_HAS_SUBS))
        continue;
      item = g_menu_item_new (_(entries[i].label), NULL);
      /* A move that cannot apply names the window's never-enabled
       * action, still aimed at the section, which greys it out (an
       * item with no action at all would stay clickable). */
      g_menu_item_set_action_and_target_value (item,
                                               entries[i].needs != 0 && (moves & entries[i].needs) == 0
                                                 ? "win.section-cannot-move" : entries[i].action,
                                               g_variant_new_int64 (section_id));
      g_menu_append_item (entries[i].menu, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (end));
  return G_MENU_MODEL (menu);
}

/**
 * pb_ui_get_undo_toast:
 * @widget: a widget inside the window's toast overlay
 *
 * Returns: (transfer none) (nullable): the last toast that offered Undo,
 *   until Undo or Redo dismissed it
 */
AdwToast *
pb_ui_get_undo_toast (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  return overlay ? g_object_get_data (G_OBJECT (overlay), "pb-undo-toast") : NULL;
}

/**
 * pb_ui_dismiss_undo_toast:
 * @widget: a widget inside the window's toast overlay
 *
 * Takes away the last toast that offered Undo (Undo or Redo just ran).
 */
void
pb_ui_dismiss_undo_toast (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = overlay ? g_object_get_data (G_OBJECT (overlay), "pb-undo-toast") : NULL;

  if (toast == NULL)
    return;
  g_object_ref (toast);
  g_object_set_data (G_OBJECT (overlay), "pb-undo-toast", NULL);
  if (toast_is_young (toast))
    /* Too young to dismiss safely (see YOUNG_TOAST_USEC): it stops
     * offering Undo, and the toast that follows takes its place. */
    g_object_set (toast, "button-label", NULL, "action-name", NULL, NULL);
  else
    adw_toast_dismiss (toast);
  g_object_unref (toast);
}

/**
 * pb_ui_dup_period_change:
 * @store: the library
 * @item: an item
 * @today: the day
 *
 * Returns: (transfer full): what changed since the last closed period, as
 *   cards and tooltips show it: "▲→● +12%"; empty when nothing did or no
 *   period was closed
 */
char *
pb_ui_dup_period_change (PbStore     *store,
                         PbItem      *item,
                         const GDate *today)
{
  GString *change = g_string_new (NULL);
  PbHealth was, health;
  double then, now;

  if (pb_store_get_item_change (store, item, today, &was, &then))
    {
      health = pb_store_get_item_health (store, item, today, NULL);
      now = pb_store_get_item_completion (store, item, today);
      if (was != health && was != PB_HEALTH_NONE && health != PB_HEALTH_NONE)
        g_string_append_printf (change, "%s→%s", pb_health_get_symbol (was), pb_health_get_symbol (health));
      if (fabs (now - then) >= 0.005)
        g_string_append_printf (change, "%s%+.0f%%", change->len ? " " : "", (now - then) * 100);
    }
  return g_string_free (change, FALSE);
}

/**
 * pb_ui_save_chooser:
 * @parent: the window it is for
 * @title: the chooser's title
 * @file_name: the name to offer; a plan title's slashes become _
 *
 * Returns: (transfer full): a Save chooser (the portal under Flatpak), not
 *   yet shown
 */
GtkFileChooserNative *
pb_ui_save_chooser (GtkWindow  *parent,
                    const char *title,
                    const char *file_name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));
  g_autofree char *name = g_strdelimit (g_strdup (file_name), "/\\", '_');

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

/* ---- Rebuilt when shown ---------------------------------------------------- */

void
pb_lazy_rebuild_init (PbLazyRebuild *lazy,
                      GtkWidget     *widget,
                      PbRebuildFunc  rebuild)
{
  lazy->widget = widget;
  lazy->rebuild = rebuild;
  lazy->idle_id = 0;
  lazy->dirty = FALSE;
}

static gboolean
lazy_idle_cb (gpointer data)
{
  PbLazyRebuild *lazy = data;

  lazy->idle_id = 0;
  lazy->rebuild (lazy->widget);
  return G_SOURCE_REMOVE;
}

/* After a change: at low priority when on screen (changes in one command
 * come together), else when next shown — not on every change. */
void
pb_lazy_rebuild_queue (PbLazyRebuild *lazy)
{
  if (lazy->idle_id)
    return;
  if (!gtk_widget_get_mapped (lazy->widget))
    lazy->dirty = TRUE;
  else
    lazy->idle_id = g_idle_add_full (G_PRIORITY_LOW, lazy_idle_cb, lazy, NULL);
}

/* Now when on screen (a new plan), else when next shown. */
void
pb_lazy_rebuild_request (PbLazyRebuild *lazy)
{
  if (gtk_widget_get_mapped (lazy->widget))
    lazy->rebuild (lazy->widget);
  else
    lazy->dirty = TRUE;
}

/* Called by the rebuild itself: nothing is pending any more. */
void
pb_lazy_rebuild_begin (PbLazyRebuild *lazy)
{
  g_clear_handle_id (&lazy->idle_id, g_source_remove);
  lazy->dirty = FALSE;
}

/* Rebuilds now if a rebuild is pending: when shown, or before the view
 * answers a question about what it shows. */
void
pb_lazy_rebuild_flush (PbLazyRebuild *lazy)
{
  if (lazy->idle_id || lazy->dirty)
    lazy->rebuild (lazy->widget);
}

void
pb_lazy_rebuild_clear (PbLazyRebuild *lazy)
{
  g_clear_handle_id (&lazy->idle_id, g_source_remove);
  lazy->dirty = FALSE;
}

/**
 * pb_ui_tooltip_label_new:
 * @text: a tooltip's text
 *
 * GTK 4.8's own tooltip label may be given its minimum width, which
 * for Chinese text, breakable after any character, is a character or
 * two: a title then wraps every few characters. This label asks for the
 * width of its text up to 40 characters (a short tooltip on one line, a
 * long one wrapped at a readable width), never more than 60.
 *
 * Returns: (transfer floating): the label
 */
static GtkWidget *
tooltip_label_new (const char *text,
                   const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);
  glong chars = 0;

  if (markup != NULL)
    gtk_label_set_markup (GTK_LABEL (label), markup);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  /* The text shown, for its width */
  text = gtk_label_get_text (GTK_LABEL (label));

  /* The widest line, in characters; a CJK one counts twice (it is
   * about two "average characters" wide). */
  for (const char *line = text ? text : ""; *line;)
    {
      const char *end = strchr (line, '\n');
      glong n = 0;

      for (const char *p = line; *p && p != end; p = g_utf8_next_char (p))
        n += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      chars = MAX (chars, n);
      if (end == NULL)
        break;
      line = end + 1;
    }
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (chars, 40));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

GtkWidget *
pb_ui_tooltip_label_new (const char *text)
{
  return tooltip_label_new (text, NULL);
}

/**
 * pb_ui_tooltip_set_text:
 * @tooltip: a tooltip being shown
 * @text: its text
 *
 * gtk_tooltip_set_text() with pb_ui_tooltip_label_new()'s label.
 */
void
pb_ui_tooltip_set_text (GtkTooltip *tooltip,
                        const char *text)
{
  gtk_tooltip_set_custom (tooltip, pb_ui_tooltip_label_new (text));
}

/* Where the pointer was last seen in a window, and whether it has moved
 * there since it came in. */
typedef struct
{
  double     x;
  double     y;
  gboolean   seen;
  gboolean   moved;
  GtkWidget *window;
  GWeakRef   clicked;   /* the widget clicked, quiet until the pointer leaves it */
} PointerMotion;

static void
pointer_motion_free (PointerMotion *state)
{
  g_weak_ref_clear (&state->clicked);
  g_free (state);
}

/* Whether the pointer, at (@x, @y) of the window, is still over the
 * widget clicked last. */
static gboolean
over_clicked (PointerMotion *state,
              double         x,
              double         y)
{
  g_autoptr(GtkWidget) clicked = g_weak_ref_get (&state->clicked);
  GtkWidget *under;

  if (clicked == NULL)
    return FALSE;
  under = gtk_widget_pick (state->window, x, y, GTK_PICK_DEFAULT);
  return under != NULL && (under == clicked || gtk_widget_is_ancestor (under, clicked));
}

static void
window_pointer_motion_cb (GtkEventControllerMotion *motion,
                          double                    x,
                          double                    y,
                          PointerMotion            *state)
{
  /* GTK's own motion events (after a relayout under the pointer, or a
   * window mapped under it) are not the hand's: only the display
   * server's count, and a motion to the place the pointer rested at as
   * it came in does not. */
  if (gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (motion)) == GDK_CURRENT_TIME)
    return;
  if (!state->seen || x != state->x || y != state->y)
    state->moved = TRUE;
  /* Out of the widget clicked: its tooltip may come again. */
  if (!over_clicked (state, x, y))
    g_weak_ref_set (&state->clicked, NULL);
  state->x = x;
  state->y = y;
  state->seen = TRUE;
}

static void
window_pointer_enter_cb (GtkEventControllerMotion *motion,
                         double                    x,
                         double                    y,
                         PointerMotion            *state)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (window));
  GdkDevice *pointer = seat ? gdk_seat_get_pointer (seat) : NULL;
  double sx, sy, px, py;

  /* Where the pointer is now: the place the "enter" gives may be an
   * earlier one (GTK reports a crossing after the motion that caused
   * it). One round trip to the display, as GTK's tooltip makes. */
  if (surface == NULL || pointer == NULL ||
      !gdk_surface_get_device_position (surface, pointer, &px, &py, NULL))
    return;
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  state->x = px - sx;
  state->y = py - sy;
  state->seen = TRUE;
}

static void
window_pointer_leave_cb (GtkEventControllerMotion *motion,
                         PointerMotion            *state)
{
  state->seen = FALSE;
  state->moved = FALSE;
  g_weak_ref_set (&state->clicked, NULL);
}

/* A click puts away the tooltip of what was clicked (the column's "+"
 * whose "Add Item" would stay over the card it opens): it does not come
 * back until the pointer leaves that widget and returns; and, as after
 * the window opened, no tooltip comes before the hand moves (what the
 * click opens moves the widgets under a resting pointer). */
static gboolean
window_pointer_event_cb (GtkEventControllerLegacy *legacy,
                         GdkEvent                 *event,
                         PointerMotion            *state)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (legacy));
  GtkWidget *under, *tipped;
  double x, y, sx, sy;

  if (gdk_event_get_event_type (event) != GDK_BUTTON_PRESS || !gdk_event_get_position (event, &x, &y))
    return FALSE;
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  under = gtk_widget_pick (window, x - sx, y - sy, GTK_PICK_DEFAULT);
  /* The widget whose tooltip the pointer would show there. */
  for (tipped = under; tipped && !gtk_widget_get_has_tooltip (tipped); tipped = gtk_widget_get_parent (tipped))
    ;
  g_weak_ref_set (&state->clicked, tipped ? tipped : under);
  state->moved = FALSE;
  if (tipped)
    gtk_widget_trigger_tooltip_query (tipped);
  return FALSE;
}

/**
 * pb_ui_track_pointer_motion:
 * @window: a toplevel window
 *
 * From now on, the pointer's tooltips in @window (pb_ui_tooltip_wanted ())
 * wait for the pointer to move in it. GTK asks for a tooltip 500 ms after
 * the pointer enters a window, and a window opening under a pointer
 * resting there is entered: at start, the widget under the pointer (a
 * card of the board, a button) would show a tooltip nobody asked for, and
 * every start would wait the half second for it. Keyboard tooltips are
 * unchanged.
 */
void
pb_ui_track_pointer_motion (GtkWidget *window)
{
  GtkEventController *motion;
  PointerMotion *state;

  g_return_if_fail (GTK_IS_ROOT (window));

  if (g_object_get_data (G_OBJECT (window), "pb-pointer-motion") != NULL)
    return;
  state = g_new0 (PointerMotion, 1);
  state->window = window;
  g_weak_ref_init (&state->clicked, NULL);
  g_object_set_data_full (G_OBJECT (window), "pb-pointer-motion", state, (GDestroyNotify) pointer_motion_free);
  motion = gtk_event_controller_motion_new ();
  /* Before any widget of the window can stop the event. */
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "enter", G_CALLBACK (window_pointer_enter_cb), state);
  g_signal_connect (motion, "motion", G_CALLBACK (window_pointer_motion_cb), state);
  g_signal_connect (motion, "leave", G_CALLBACK (window_pointer_leave_cb), state);
  gtk_widget_add_controller (window, motion);
  motion = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "event", G_CALLBACK (window_pointer_event_cb), state);
  gtk_widget_add_controller (window, motion);
}

/**
 * pb_ui_tooltip_wanted:
 * @widget: a widget asked for its tooltip ("query-tooltip")
 * @keyboard: whether the keyboard asked
 *
 * Returns: %FALSE if the pointer asked and has not moved in @widget's
 *   window since it entered it (pb_ui_track_pointer_motion ()): the
 *   tooltip waits for the hand to move
 */
gboolean
pb_ui_tooltip_wanted (GtkWidget *widget,
                      gboolean   keyboard)
{
  GtkRoot *root;
  PointerMotion *state;

  if (keyboard)
    return TRUE;
  root = gtk_widget_get_root (widget);
  state = root ? g_object_get_data (G_OBJECT (root), "pb-pointer-motion") : NULL;
  if (state == NULL)
    return TRUE;
  {
    g_autoptr(GtkWidget) clicked = g_weak_ref_get (&state->clicked);

    /* The widget clicked, or what holds it or is in it: quiet. */
    if (clicked && (widget == clicked || gtk_widget_is_ancestor (widget, clicked) ||
                    gtk_widget_is_ancestor (clicked, widget)))
      return FALSE;
  }
  return state->moved;
}

static gboolean (*default_query_tooltip) (GtkWidget  *widget,
                                          int         x,
                                          int         y,
                                          gboolean    keyboard,
                                          GtkTooltip *tooltip);

static gboolean
query_tooltip_override (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  const char *markup = gtk_widget_get_tooltip_markup (widget);

  if (!pb_ui_tooltip_wanted (widget, keyboard))
    return FALSE;
  /* A widget's tooltip-text or tooltip-markup, unless its class shows
   * tooltips its own way (an entry's icons) */
  if (GTK_WIDGET_GET_CLASS (widget)->query_tooltip == default_query_tooltip
      && gtk_widget_get_has_tooltip (widget)
      && markup != NULL && *markup != '\0')
    {
      GtkWidget *label = tooltip_label_new (NULL, markup);

      g_object_set_data (G_OBJECT (tooltip), "pb-tooltip-label", label);
      gtk_tooltip_set_custom (tooltip, label);
      return TRUE;
    }
  {
    gboolean handled = FALSE;

    g_signal_chain_from_overridden_handler (widget, x, y, keyboard, tooltip, &handled);
    return handled;
  }
}

/**
 * pb_ui_install_tooltip_labels:
 *
 * Every widget's plain tooltip (tooltip-text, tooltip-markup) shown with
 * pb_ui_tooltip_label_new()'s label: GTK 4.8's own label is given its
 * minimum width, one Chinese character ("主/菜/单" down the main menu
 * button, over the menu it opens). Call once, before tooltips show.
 */
void
pb_ui_install_tooltip_labels (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      GtkWidgetClass *klass = g_type_class_ref (GTK_TYPE_WIDGET);

      default_query_tooltip = klass->query_tooltip;
      g_signal_override_class_handler ("query-tooltip", GTK_TYPE_WIDGET,
                                       G_CALLBACK (query_tooltip_override));
      g_once_init_leave (&installed, 1);
    }
}

static gboolean
lazy_tooltip_cb (GtkWidget  *widget,
                 int         x,
                 int         y,
                 gboolean    keyboard,
                 GtkTooltip *tooltip,
                 gpointer    data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "pb-lazy-tooltip");

  if (text == NULL || *text == '\0' || !pb_ui_tooltip_wanted (widget, keyboard))
    return FALSE;
  pb_ui_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * pb_ui_set_tooltip_lazily:
 * @widget: a widget
 * @text: (nullable): its tooltip, or %NULL for none
 *
 * Like gtk_widget_set_tooltip_text (), for widgets bound again and again
 * (table cells): GTK 4.8 asks the display server where the pointer is
 * each time a tooltip is set (a round trip; 1,000 cells of a table bound
 * at once spent a fifth of a second there). The text is given when the
 * tooltip is asked for.
 */
void
pb_ui_set_tooltip_lazily (GtkWidget  *widget,
                          const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_object_get_data (G_OBJECT (widget), "pb-lazy-tooltip-set") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "pb-lazy-tooltip-set", GINT_TO_POINTER (1));
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (lazy_tooltip_cb), NULL);
    }
  g_object_set_data_full (G_OBJECT (widget), "pb-lazy-tooltip", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL && *text != '\0');
}

/**
 * pb_ui_keep_frame_memory:
 *
 * Keeps freed blocks of a frame's size in the process's heap instead of
 * giving them back to the system. With GTK's cairo renderer every frame
 * allocates images of the window's size (the frame's surface; the
 * Timeline's drawing, a cairo recording that cairo replays into an image
 * of the damaged area) and frees them; glibc handed those megabytes back
 * and mapped them again at the next frame, and touching the fresh pages
 * (page faults) was half of the CPU of a Timeline frame after an edit
 * (`perf`: `pixman_fill` → `exc_page_fault`). Blocks under 16 MB now
 * come from the heap, and up to 32 MB of free heap is kept. Call first
 * thing in main(); a no-op without glibc.
 */
void
pb_ui_keep_frame_memory (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 16 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 32 * 1024 * 1024);
#endif
}

/**
 * pb_ui_prefault_start_heap:
 * @size: how much of the heap to make present, in bytes (under 32 MB)
 *
 * Makes the first @size bytes of heap a start will use present in one
 * system call (`MADV_POPULATE_WRITE`, Linux 5.14), instead of one page
 * fault per 4 KB page as the start's allocations first touch them (a
 * fault costs about 5 µs of CPU on a virtual machine, a page made present
 * this way about 1.4 µs). Call once, after pb_ui_keep_frame_memory ()
 * (whose trim threshold, 32 MB, keeps the freed blocks in the heap) and
 * after GLib's start: pages made present before a fork (GLib looking for
 * a session bus) fault again when written. The pages are the same small
 * pages, of the heap the start fills anyway (26 MB at 5,000 items, 57 MB
 * at 20,000): no huge pages (reverted in session 6), nothing changed for
 * later work. A no-op without glibc on Linux.
 */
void
pb_ui_prefault_start_heap (gsize size)
{
#if defined (__GLIBC__) && defined (__linux__)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
  /* Two blocks under the mmap threshold (16 MB): both from the heap. */
  char *a = malloc (size / 2), *b = malloc (size / 2);

  if (a != NULL && b != NULL)
    {
      guintptr page = 4096;
      guintptr lo = (MIN ((guintptr) a, (guintptr) b) + page - 1) & ~(page - 1);
      guintptr hi = (MAX ((guintptr) a, (guintptr) b) + size / 2) & ~(page - 1);

      /* Adjacent blocks of the heap (not two mappings): populate both. */
      if (hi > lo && hi - lo < size + 2 * page)
        madvise ((void *) lo, hi - lo, MADV_POPULATE_WRITE);
    }
  free (b);
  free (a);
#endif
}

static void
icon_theme_changed_cb (GtkIconTheme *theme,
                       gboolean     *changed)
{
  *changed = TRUE;
}

/**
 * pb_ui_settle_icon_theme:
 *
 * Lets the default display's icon theme announce a change already queued,
 * before any window exists. GTK loads the icon theme at its start (in a
 * thread); GtkApplication's startup then adds the application's icon
 * path (`RESOURCE_BASE_PATH/icons`), which, the theme being loaded,
 * queues the theme's "changed" in an idle. Nothing iterates the main loop
 * between startup and the window's first frame, and the frame clock's
 * sources come first, so that idle ran after the first frame: it told
 * every widget of the window the icon theme had changed (every image
 * measured and drawn again), a second full frame at every start, 51 ms of
 * CPU at 5,000 items in 500 sections. Run here, with no window, the
 * change costs nothing. Call once, from startup, after chaining up.
 */
void
pb_ui_settle_icon_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme;
  gboolean changed = FALSE;
  gulong id;

  if (display == NULL)
    return;
  theme = gtk_icon_theme_get_for_display (display);
  id = g_signal_connect (theme, "changed", G_CALLBACK (icon_theme_changed_cb), &changed);
  /* Only what is already due (no wait), and a bounded number of sources:
   * if no change was queued (the path added before the theme loaded),
   * this returns at once. */
  for (guint i = 0; i < 32 && !changed && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (theme, id);
}

/* The menu's popover open or closed: its button's tooltip off while it
 * is open, back when it closes. */
static void
quiet_popover_visible_cb (GtkWidget  *popover,
                          GParamSpec *pspec,
                          GtkWidget  *button)
{
  if (gtk_widget_get_visible (popover))
    {
      if (gtk_widget_get_has_tooltip (button))
        {
          g_object_set_data (G_OBJECT (button), "pb-tooltip-quieted", GINT_TO_POINTER (TRUE));
          gtk_widget_set_has_tooltip (button, FALSE);
        }
    }
  else if (g_object_get_data (G_OBJECT (button), "pb-tooltip-quieted"))
    {
      g_object_set_data (G_OBJECT (button), "pb-tooltip-quieted", NULL);
      gtk_widget_set_has_tooltip (button, TRUE);
    }
  /* A tooltip already on screen goes at once, not when the pointer moves. */
  gtk_widget_trigger_tooltip_query (button);
}

static void
quiet_popover_changed_cb (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (popover && g_object_get_data (G_OBJECT (popover), "pb-quiet-tooltip") == NULL)
    {
      g_object_set_data (G_OBJECT (popover), "pb-quiet-tooltip", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (popover, "notify::visible", G_CALLBACK (quiet_popover_visible_cb), button, 0);
    }
}

/**
 * pb_ui_menu_button_quiet_tooltip:
 * @button: a menu button with a tooltip
 *
 * Hides @button's tooltip while its menu is open: GTK 4.8 leaves it on
 * screen, over the menu's first entry (a column's "Section" tooltip
 * covered "Add Section…"). Works with a popover made when the menu
 * opens (gtk_menu_button_set_create_popup_func ()) or replaced later.
 */
void
pb_ui_menu_button_quiet_tooltip (GtkMenuButton *button)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  /* Marked, for the tests that check every menu button of the window. */
  g_object_set_data (G_OBJECT (button), "pb-quiet-tooltip", GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "notify::popover", G_CALLBACK (quiet_popover_changed_cb), NULL);
  quiet_popover_changed_cb (button);
}

/**
 * pb_ui_discard_dialog_new:
 * @parent: the window whose changes would be lost
 * @heading: the question ("Discard the Changes?")
 * @body: what is lost
 *
 * The question asked before a window with changes typed in it closes:
 * Cancel (the default, also Escape) or Discard ("discard", destructive).
 * The caller connects ::response and presents it.
 *
 * Returns: (transfer floating): an #AdwMessageDialog
 */
GtkWidget *
pb_ui_discard_dialog_new (GtkWindow  *parent,
                          const char *heading,
                          const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/**
 * pb_ui_plan_twin_dialog_new:
 * @parent: the window it asks over
 * @source: the file (or document) that holds the plan, as shown
 * @title: the title of the library's plan that it repeats
 *
 * The question asked when a plan file or a document holds a plan the
 * library has already (same title and document number): Open the
 * Existing Plan ("open", the default), Add a Copy ("copy") or Cancel
 * ("cancel"). The caller connects ::response and presents it.
 *
 * Returns: (transfer floating): an #AdwMessageDialog
 */
GtkWidget *
pb_ui_plan_twin_dialog_new (GtkWindow  *parent,
                            const char *source,
                            const char *title)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the body of the question asked when a plan file holds a
   * plan the library has already; the first %s is the file's name, the
   * second the plan's title */
  body = g_strdup_printf (_("The library already holds the plan in “%s”: %s. Open that plan, or add the file’s plan as a copy beside it?"),
                          source ? source : "", title ? title : "");
  dialog = adw_message_dialog_new (parent, _("Plan Already in the Library"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "copy", _("_Add a Copy"),
                                    "open", _("_Open the Existing Plan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/**
 * pb_ui_follow_number_style:
 * @widget: a widget that shows figures
 * @callback: called as `callback (widget)` when Preferences › Amounts
 *   changes, the new style already set (pb_format_get_style())
 *
 * Makes @widget write its figures again in the style the user chose, for
 * as long as it lives. Nothing without a #PbApplication.
 */
void
pb_ui_follow_number_style (GtkWidget *widget,
                           GCallback  callback)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = PB_IS_APPLICATION (app) ? pb_application_get_settings (PB_APPLICATION (app)) : NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* The application connected first: the style is set when this runs. */
  if (settings)
    g_signal_connect_object (settings, "changed::number-style", callback, widget, G_CONNECT_SWAPPED);
}
