/* test-bulk-edit.c — editing several chosen items at once, as a first-time
 * user does it (issue 14)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, with real clicks (XTest) on the board's cards: Shift Dates…
 * says before Apply, whole and beside its field, why a shift that would
 * leave the plan's period is refused; Lead… offers the plan's known
 * organisations and says when a typed name is new; the item editor warns
 * when its number is another item's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pb-board-view.h"
#include "pb-format.h"
#include "pb-item-editor.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"
#include "pb-timeline-view.h"
#include "pb-ui-util.h"
#include "pb-window-edit.h"

static PbTestApp t;

/* A real click of the first button through the X server at (@wx, @wy) in
 * @widget, with Ctrl held when @ctrl. */
static void
click_at (GtkWidget *widget,
          double     wx,
          double     wy,
          gboolean   ctrl)
{
  pb_test_x_click_at (widget, wx, wy, 1, ctrl ? GDK_CONTROL_MASK : 0);
}

/* A real key press through the X server, to @window's focus. */
static void
press_in (GtkWidget *window,
          guint      keyval)
{
  pb_test_x_send_key (window, keyval, 0);
  pb_test_settle_for (400);
}

static void
press (guint keyval)
{
  press_in (GTK_WIDGET (t.window), keyval);
}

static gint64
id_of (const char *title)
{
  g_autoptr(PbItem) item = pb_test_app_item_titled (&t, title);

  return pb_record_get_id (PB_RECORD (item));
}

/* The first widget of @type under @root with the CSS class @css (any,
 * when NULL). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) && (css == NULL || gtk_widget_has_css_class (c, css)))
        return c;
      if ((found = find_widget (c, type, css)))
        return found;
    }
  return NULL;
}

static GtkWidget *
bulk_bar (void)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (t.window), PB_TYPE_WINDOW, "bulk_revealer"));

  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  return gtk_revealer_get_child (revealer);
}

/* A click on the first card, Ctrl-clicks on the others, as a planner
 * chooses them on the board. */
static void
ctrl_click_cards (const gint64 *ids,
                  guint         n)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (board), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, "board");
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (400);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), ids[i]));

      g_assert_nonnull (card);
      click_at (card, 12, 12, i > 0);
    }
  g_assert_cmpuint (pb_board_view_get_n_selected (board), ==, n);
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
}

static GtkWidget *
open_bulk_dialog (const char *button_label)
{
  GtkWidget *button = pb_test_button_labelled (bulk_bar (), button_label);
  GtkWidget *dialog;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  pb_test_settle_for (400);
  dialog = pb_test_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_mapped (dialog));
  return dialog;
}

/* Whether @label shows all its text: not ellipsised, and given at least
 * the height its wrapped lines need at the width it has. */
static void
assert_label_whole (GtkWidget *label)
{
  int min_h, nat_h;

  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &min_h, &nat_h, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (label), >=, nat_h);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
}

/* Board: three cards Ctrl-clicked, Shift Dates…, +1 month from dates that
 * end on the period's last day. The dialog says, beside its field and
 * before Apply, the whole reason (not a toast cut where the reason is),
 * and Apply waits; a shift that stays inside is taken, as one command. */
static void
test_shift_refused_in_dialog (void)
{
  gint64 ids[3];
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *dialog, *error, *spin;
  GtkDropDown *unit;
  int dialog_width, spin_width;

  ids[0] = id_of ("建设智慧交通基础设施");
  ids[1] = id_of ("加快充电基础设施建设");
  ids[2] = id_of ("推动工业互联网平台建设");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);
      g_autoptr(GError) err = NULL;

      /* Until the period's last day, from some months into it. */
      g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "due_date"), ==, "2027-12-31");
      g_assert_true (pb_store_set_item_dates (t.store, item, "2025-03-01", "2027-12-31", &err));
      g_assert_no_error (err);
    }
  before = pb_test_dump_store (t.store);
  ctrl_click_cards (ids, 3);

  dialog = open_bulk_dialog ("Shift Dates…");
  spin = find_widget (dialog, GTK_TYPE_SPIN_BUTTON, NULL);
  unit = GTK_DROP_DOWN (find_widget (dialog, GTK_TYPE_DROP_DOWN, NULL));
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (unit), ==, 1);   /* months */

  /* Before Apply: the reason, whole, beside the field; Apply waits. */
  error = find_widget (dialog, GTK_TYPE_LABEL, "field-error");
  g_assert_nonnull (error);
  {
    g_autofree char *first = pb_store_describe_items (t.store, &ids[0], 1);

    expected = g_strdup_printf ("This would move 3 items outside the plan’s period, 2025—2027, among them %s to 2028-01-31.",
                                first);
  }
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==, expected);
  assert_label_whole (error);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  pb_test_save_shot (dialog, "bulk-shift-refused.png");
  /* The dialog keeps its size as the reason comes and goes: the reason
   * wraps in the width the dialog has (it grew to 610 px with it, and
   * fell to 300 px, the number field to 70 px, without). */
  dialog_width = gtk_widget_get_width (dialog);
  spin_width = gtk_widget_get_width (spin);
  g_test_message ("dialog %d px, field %d px, with the reason", dialog_width, spin_width);
  g_assert_cmpint (spin_width, >=, 150);

  /* Days instead: 1 day still leaves; −1 month stays inside. */
  gtk_drop_down_set_selected (unit, 0);
  pb_test_settle_for (200);
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "2028-01-01"));
  gtk_drop_down_set_selected (unit, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -1);
  pb_test_settle_for (400);
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  g_test_message ("dialog %d px, field %d px, without", gtk_widget_get_width (dialog), gtk_widget_get_width (spin));
  g_assert_cmpint (gtk_widget_get_width (dialog), ==, dialog_width);
  g_assert_cmpint (gtk_widget_get_width (spin), ==, spin_width);
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }

  /* Back to +1 month: refused again. Then −1 month, applied: one
   * command. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1);
  pb_test_settle_for (400);
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply"));
  g_assert_cmpint (gtk_widget_get_width (dialog), ==, dialog_width);
  assert_label_whole (error);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -1);
  pb_test_settle_for (200);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Reschedule 3 Items");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);
      g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "due_date"), ==, "2027-11-30");
    }
  g_assert_true (pb_store_undo (t.store, NULL));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  pb_test_settle_for (300);
}

/* The rows of @list the planner sees (the filter lets through). */
static guint
n_rows_shown (GtkListBox *list)
{
  guint n = 0;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
      n++;
  return n;
}

static GtkListBoxRow *
row_named (GtkListBox *list,
           const char *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    {
      GtkWidget *label = gtk_list_box_row_get_child (row);

      if (GTK_IS_LABEL (label) && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), name))
        return row;
    }
  return NULL;
}

static guint
n_orgs_with (const char *part)
{
  g_autoptr(GListModel) orgs = pb_store_list_organisations (t.store, pb_window_get_selected_plan (t.window));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (orgs); i++)
    {
      g_autoptr(PbOrganisation) org = g_list_model_get_item (orgs, i);

      n += part == NULL || strstr (pb_organisation_get_name (org), part) != NULL;
    }
  return n;
}

/* With @ids chosen (on the board or the timeline): Lead… lists the plan's
 * organisations; typing 市 narrows the list to those with 市 and says that
 * 市 itself is new; a click on 市大数据局 takes it, and Apply makes it the
 * lead of the three in one command, adding no organisation. Then 市 typed
 * and applied adds it, saying so first, again one command. */
static void
check_lead_dialog (const gint64 *ids,
                   const char   *shot)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *dialog, *entry, *note;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint n_orgs = n_orgs_with (NULL);

  g_assert_cmpuint (n_orgs, >, 5);
  before = pb_test_dump_store (t.store);
  dialog = open_bulk_dialog ("Lead…");
  entry = find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  list = GTK_LIST_BOX (find_widget (dialog, GTK_TYPE_LIST_BOX, NULL));
  g_assert_nonnull (entry);
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list)));
  g_assert_cmpuint (n_rows_shown (list), ==, n_orgs);

  /* 市, half typed: the known ones with 市; 市 itself is new, and said. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "市");
  pb_test_settle_for (200);
  g_assert_cmpuint (n_rows_shown (list), ==, n_orgs_with ("市"));
  g_assert_cmpuint (n_rows_shown (list), <, n_orgs);
  note = find_widget (dialog, GTK_TYPE_LABEL, "warning");
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_mapped (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==,
                   "“市” is not yet an organisation of this plan: it will be added.");
  g_assert_null (gtk_list_box_get_selected_row (list));
  if (shot)
    pb_test_save_shot (dialog, shot);

  /* A click on a known one takes its name; nothing is new any more. */
  row = row_named (list, "市大数据局");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (row)));
  click_at (GTK_WIDGET (row), 20, gtk_widget_get_height (GTK_WIDGET (row)) / 2.0, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "市大数据局");
  g_assert_false (gtk_widget_get_visible (note));
  g_assert_true (gtk_list_box_get_selected_row (list) == row);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_settle_for (300);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Lead of 3 Items");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *leads = pb_store_dup_lead_names (t.store, ids[i]);
      g_assert_cmpstr (leads, ==, "市大数据局");
    }
  g_assert_cmpuint (n_orgs_with (NULL), ==, n_orgs);
  after = pb_test_dump_store (t.store);
  g_assert_true (pb_store_undo (t.store, NULL));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
  g_assert_true (pb_store_redo (t.store, NULL));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, after));
  }
  g_assert_true (pb_store_undo (t.store, NULL));

  /* 市 applied as typed, after being told: added, one command. */
  dialog = open_bulk_dialog ("Lead…");
  entry = find_widget (dialog, GTK_TYPE_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "市");
  pb_test_settle_for (200);
  g_assert_true (gtk_widget_get_mapped (find_widget (dialog, GTK_TYPE_LABEL, "warning")));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_settle_for (300);
  g_assert_cmpuint (n_orgs_with (NULL), ==, n_orgs + 1);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Lead of 3 Items");
  g_assert_true (pb_store_undo (t.store, NULL));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
}

static void
test_lead_known_orgs_board (void)
{
  gint64 ids[3];

  ids[0] = id_of ("建设智慧交通基础设施");
  ids[1] = id_of ("加快充电基础设施建设");
  ids[2] = id_of ("推动工业互联网平台建设");
  ctrl_click_cards (ids, 3);
  check_lead_dialog (ids, "bulk-lead-board.png");

  /* By keyboard: Down from the field into the list, Enter on a known
   * organisation takes it into the field (not Apply with 市); Enter
   * again applies it. */
  {
    g_autofree char *before = pb_test_dump_store (t.store);
    GtkWidget *dialog = open_bulk_dialog ("Lead…");
    GtkWidget *entry = find_widget (dialog, GTK_TYPE_ENTRY, NULL);

    gtk_widget_grab_focus (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "市");
    pb_test_settle_for (200);
    press_in (dialog, GDK_KEY_Down);
    g_assert_true (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), GTK_TYPE_LIST_BOX_ROW) != NULL);
    press_in (dialog, GDK_KEY_Down);
    press_in (dialog, GDK_KEY_Down);
    press_in (dialog, GDK_KEY_Down);
    press_in (dialog, GDK_KEY_Return);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "市大数据局");
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_true (g_str_equal (now, before));
    }
    press_in (dialog, GDK_KEY_Return);
    pb_test_settle_for (300);
    g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Change Lead of 3 Items");
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *leads = pb_store_dup_lead_names (t.store, ids[i]);
        g_assert_cmpstr (leads, ==, "市大数据局");
      }
    g_assert_true (pb_store_undo (t.store, NULL));
    {
      g_autofree char *now = pb_test_dump_store (t.store);
      g_assert_true (g_str_equal (now, before));
    }
  }
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  pb_test_settle_for (300);
}

static void
test_lead_known_orgs_timeline (void)
{
  PbTimelineView *view = PB_TIMELINE_VIEW (pb_window_get_timeline (t.window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK));
  gint64 ids[3];

  ids[0] = id_of ("加快5G网络规模化部署");
  ids[1] = id_of ("推进千兆光网“双千兆”城市建设");
  ids[2] = id_of ("统筹建设绿色数据中心");
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (PB_BOARD_VIEW (pb_window_get_board (t.window)), NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "timeline");
  pb_test_settle_for (500);
  pb_timeline_view_set_selected_items (view, ids, 3);
  pb_test_settle_for (300);
  check_lead_dialog (ids, "bulk-lead-timeline.png");
  pb_timeline_view_set_selected_items (view, NULL, 0);
  adw_view_stack_set_visible_child_name (stack, "board");
  pb_test_settle_for (500);
}

/* Issue 14: a plan numbering its key tasks straight through its sections
 * (its goals numbered on their own, 1…3), task 10 in (三) after 11…13.
 * Insert after task 9, the last of (二): the new task is numbered 14, not
 * a second 10; typing 10 in its number says, beside the field, which task
 * carries it; a free number says nothing. */
static void
test_number_warning (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  const char *goals[] = { "主要目标", "建成高速泛在的信息基础设施", "建成智能协同的融合基础设施" };
  gint64 ten = id_of ("推进政务服务“一网通办”");
  gint64 nine = id_of ("发展智慧教育和智慧医疗");
  gint64 eleven = id_of ("建设重大科技基础设施");
  g_autoptr(PbItem) eleven_item = pb_store_get_record (t.store, PB_TYPE_ITEM, eleven);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *editor, *number_row, *note, *card;
  PbItem *added;

  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    {
      g_autoptr(PbItem) goal = pb_test_app_item_titled (&t, goals[i]);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      g_assert_true (pb_store_set (t.store, goal, &error, "number", n, NULL));
      g_assert_no_error (error);
    }
  {
    /* Moved, the items would count on in order (a48a417): the plan this
     * case is about keeps its numbers as written, 10 after 11…13. */
    g_autoptr(GListModel) items = pb_store_list_items (t.store, pb_window_get_selected_plan (t.window));
    g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(PbItem) it = g_list_model_get_item (items, i);
        g_hash_table_insert (numbers, g_memdup2 (&(gint64) { pb_record_get_id (PB_RECORD (it)) }, sizeof (gint64)),
                             g_strdup (pb_item_get_number (it)));
      }
    g_assert_true (pb_store_move_items_to_section (t.store, &ten, 1, pb_item_get_section_id (eleven_item), &error));
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(PbItem) it = g_list_model_get_item (items, i);
        gint64 id = pb_record_get_id (PB_RECORD (it));
        const char *was = g_hash_table_lookup (numbers, &id);

        if (g_strcmp0 (pb_item_get_number (it), was) != 0)
          g_assert_true (pb_store_set (t.store, it, &error, "number", was, NULL));
        g_assert_no_error (error);
      }
  }
  {
    g_autoptr(PbSection) s = pb_store_get_record (t.store, PB_TYPE_SECTION, pb_item_get_section_id (eleven_item));
    heading = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));
  }
  before = pb_test_dump_store (t.store);

  /* A click on task 9, then Insert. */
  pb_window_close_editor (t.window);
  pb_board_view_set_selected (board, NULL, 0);
  pb_test_settle_for (400);
  card = GTK_WIDGET (pb_test_find_card (GTK_WIDGET (board), nine));
  g_assert_nonnull (card);
  click_at (card, 12, 12, FALSE);
  press (GDK_KEY_Insert);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, "Add Item");
  editor = pb_window_get_editor (t.window);
  added = pb_item_editor_get_item (PB_ITEM_EDITOR (editor));
  g_assert_nonnull (added);
  {
    g_autoptr(PbItem) nine_item = pb_store_get_record (t.store, PB_TYPE_ITEM, nine);
    g_assert_cmpint (pb_item_get_section_id (added), ==, pb_item_get_section_id (nine_item));
  }
  g_assert_cmpstr (pb_item_get_number (added), ==, "14");
  {
    g_autoptr(GListModel) items = pb_store_list_items (t.store, pb_window_get_selected_plan (t.window));
    guint tens = 0;

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(PbItem) it = g_list_model_get_item (items, i);
        tens += g_str_equal (pb_item_get_number (it), "10");
      }
    g_assert_cmpuint (tens, ==, 1);
  }

  number_row = GTK_WIDGET (gtk_widget_get_template_child (editor, PB_TYPE_ITEM_EDITOR, "number_row"));
  note = GTK_WIDGET (gtk_widget_get_template_child (editor, PB_TYPE_ITEM_EDITOR, "number_note"));
  g_assert_nonnull (note);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number_row)), ==, "14");
  g_assert_false (gtk_widget_get_visible (note));

  /* 10 typed: said beside the field, which task and where. */
  gtk_editable_set_text (GTK_EDITABLE (number_row), "10");
  pb_test_settle_for (300);
  expected = g_strdup_printf ("10 is also the number of 推进政务服务“一网通办” in %s", g_strstrip (heading));
  g_assert_true (gtk_widget_get_mapped (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==, expected);
  pb_test_save_shot (GTK_WIDGET (t.window), "number-warning.png");
  /* A free number: nothing to say. */
  gtk_editable_set_text (GTK_EDITABLE (number_row), "15");
  pb_test_settle_for (300);
  g_assert_false (gtk_widget_get_visible (note));

  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  while (pb_store_can_undo (t.store) && g_strcmp0 (pb_store_get_undo_label (t.store), "Add Item") != 0)
    g_assert_true (pb_store_undo (t.store, NULL));
  g_assert_true (pb_store_undo (t.store, NULL));
  {
    g_autofree char *now = pb_test_dump_store (t.store);
    g_assert_true (g_str_equal (now, before));
  }
}

/* Reviewer's finding 11: a bulk edit that changes nothing (two tasks
 * already In progress set In progress) recorded nothing, but its toast
 * named the command before, an import of another plan, and its Undo took
 * that plan away. Now it says nothing changed, with no Undo, and Undo is
 * where it was. */
static void
test_noop_says_so (void)
{
  PbBoardView *board = PB_BOARD_VIEW (pb_window_get_board (t.window));
  gint64 ids[] = { id_of ("加快5G网络规模化部署"), id_of ("推进千兆光网“双千兆”城市建设") };
  g_autofree char *before = NULL;
  g_autofree char *label = NULL;
  g_autofree char *now = NULL;
  AdwToast *toast;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (t.store, PB_TYPE_ITEM, ids[i]);
      g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_IN_PROGRESS);
    }
  pb_window_close_editor (t.window);
  pb_test_settle_for (300);
  /* A command before it, as the import was. */
  {
    gint64 other = id_of ("建设智慧能源网络");
    g_autoptr(GError) error = NULL;

    g_assert_true (pb_store_set_items_status (t.store, &other, 1, PB_ITEM_STATUS_BLOCKED, &error));
    g_assert_no_error (error);
  }
  before = pb_test_dump_store (t.store);
  label = g_strdup (pb_store_get_undo_label (t.store));
  g_assert_nonnull (label);
  pb_board_view_set_selected (board, ids, G_N_ELEMENTS (ids));
  pb_test_settle_for (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.set-status", "s", "in-progress"));
  pb_test_settle_for (300);

  now = pb_test_dump_store (t.store);
  g_assert_cmpstr (now, ==, before);
  g_assert_cmpstr (pb_store_get_undo_label (t.store), ==, label);
  toast = pb_ui_get_toast (GTK_WIDGET (board));
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Nothing changed: the chosen items were already like that.");
  g_assert_null (adw_toast_get_action_name (toast));
  pb_board_view_set_selected (board, NULL, 0);
  g_assert_true (pb_store_undo (t.store, NULL));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  pb_test_app_start (&t);

  g_test_add_func ("/bulk-edit/shift-refused-in-dialog", test_shift_refused_in_dialog);
  g_test_add_func ("/bulk-edit/lead-known-orgs-board", test_lead_known_orgs_board);
  g_test_add_func ("/bulk-edit/lead-known-orgs-timeline", test_lead_known_orgs_timeline);
  g_test_add_func ("/bulk-edit/number-warning", test_number_warning);
  g_test_add_func ("/bulk-edit/noop-says-so", test_noop_says_so);
  status = g_test_run ();

  pb_test_app_stop (&t);
  return status;
}
