/* test-report-view.c — Print or Export Report… in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb: Ctrl+P's dialog previews the pages and exports a PDF through
 * the worker thread; the PDF is the CLI's, page for page and word for word.
 * Export Ledger… writes a workbook.
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "pb-health.h"
#include "pb-report-dialog.h"
#include "pb-test-ui.h"
#include "pb-test-util.h"

#define run pb_test_run_ok

static PbTestApp t;

static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return done (data);
}

static gboolean
previewed (gpointer dialog)
{
  return pb_report_dialog_get_n_pages (dialog) > 0;
}

static gboolean
dialog_closed (gpointer data)
{
  return pb_window_get_report_dialog (t.window) == NULL;
}

static GtkWidget *
find_class (GtkWidget  *root,
            const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_class (child, css_class)))
        return found;
    }
  return NULL;
}

/* Counts the bitmaps and the Cairo drawings in a render tree. */
static void
count_nodes (GskRenderNode *node,
             guint         *textures,
             guint         *drawings,
             double        *drawing_width)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_nodes (gsk_container_node_get_child (node, i), textures, drawings, drawing_width);
      break;
    case GSK_TRANSFORM_NODE:
      count_nodes (gsk_transform_node_get_child (node), textures, drawings, drawing_width);
      break;
    case GSK_CLIP_NODE:
      count_nodes (gsk_clip_node_get_child (node), textures, drawings, drawing_width);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_nodes (gsk_rounded_clip_node_get_child (node), textures, drawings, drawing_width);
      break;
    case GSK_OPACITY_NODE:
      count_nodes (gsk_opacity_node_get_child (node), textures, drawings, drawing_width);
      break;
    case GSK_DEBUG_NODE:
      count_nodes (gsk_debug_node_get_child (node), textures, drawings, drawing_width);
      break;
    case GSK_TEXTURE_NODE:
      (*textures)++;
      break;
    case GSK_CAIRO_NODE:
      {
        graphene_rect_t bounds;
        gsk_render_node_get_bounds (node, &bounds);
        (*drawings)++;
        *drawing_width = MAX (*drawing_width, bounds.size.width);
      }
      break;
    default:
      break;
    }
}

/* The preview is the page drawn by the widget at its own size (vectors,
 * so as sharp as the screen), not a small bitmap scaled up. */
static void
assert_sharp_preview (GtkWindow *dialog)
{
  GtkWidget *preview = find_class (GTK_WIDGET (dialog), "report-preview");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  guint textures = 0, drawings = 0;
  double drawing_width = 0;
  int width, height;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_nonnull (preview);
  gtk_window_set_default_size (dialog, 1200, 900);
  while ((!gtk_widget_get_mapped (preview) || gtk_widget_get_width (preview) < 600) && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  width = gtk_widget_get_width (preview);
  height = gtk_widget_get_height (preview);
  g_test_message ("the preview is %d × %d px", width, height);
  /* Bigger than the 560 px bitmap the preview used to be scaled from. */
  g_assert_cmpint (MAX (width, height), >, 560);

  paintable = gtk_widget_paintable_new (preview);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  count_nodes (node, &textures, &drawings, &drawing_width);
  g_assert_cmpuint (textures, ==, 0);
  g_assert_cmpuint (drawings, >=, 1);
  g_assert_cmpfloat (drawing_width, >=, width - 1);
}

static void
test_export_pdf (void)
{
  g_autofree char *gui_pdf = NULL;
  g_autofree char *cli_pdf = NULL;
  g_autofree char *db = NULL;
  g_autofree char *gui_text = NULL;
  g_autofree char *cli_text = NULL;
  g_autofree char *gui_info = NULL;
  g_autofree char *cli_info = NULL;
  g_autofree char *today = NULL;
  GtkWindow *dialog;
  GDate date;

  pb_test_app_start (&t);
  gui_pdf = g_build_filename (t.dir, "gui.pdf", NULL);
  cli_pdf = g_build_filename (t.dir, "cli.pdf", NULL);
  db = g_build_filename (t.dir, "library.db", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.report", NULL));
  dialog = pb_window_get_report_dialog (t.window);
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (previewed, dialog));
  g_assert_cmpuint (pb_report_dialog_get_n_pages (dialog), ==, 9);   /* three of tasks, with their reasons */
  assert_sharp_preview (dialog);

  /* Export PDF…, as after the file chooser. */
  pb_report_dialog_export (dialog, gui_pdf);
  g_assert_true (wait_for (dialog_closed, NULL));
  g_assert_true (g_file_test (gui_pdf, G_FILE_TEST_EXISTS));

  /* The same report from the command line (same library, same day). */
  pb_date_today (&date);
  today = g_malloc (11);
  pb_date_format (&date, today);
  g_free (run (g_getenv ("PLANBOARD_CLI"), "--db", db, "report", "1", "-o", cli_pdf, "--today", today, NULL));

  gui_info = run ("pdfinfo", gui_pdf, NULL);
  cli_info = run ("pdfinfo", cli_pdf, NULL);
  g_assert_nonnull (strstr (gui_info, "Pages:           9"));
  g_assert_nonnull (strstr (cli_info, "Pages:           9"));

  gui_text = run ("pdftotext", "-layout", gui_pdf, "-", NULL);
  cli_text = run ("pdftotext", "-layout", cli_pdf, "-", NULL);
  g_assert_cmpstr (gui_text, ==, cli_text);
  g_assert_nonnull (strstr (gui_text, "加快5G网络规模化部署"));

  /* Print…: GtkPrintOperation's draw-page through the same composer, into
   * GTK's own PDF backend instead of a printer. */
  {
    g_autofree char *printed = g_build_filename (t.dir, "printed.pdf", NULL);
    g_autofree char *printed_info = NULL;
    g_autofree char *printed_text = NULL;
    g_autoptr(GError) error = NULL;
    PbReportOptions options;

    pb_report_options_init (&options);
    g_assert_true (pb_report_print_full (GTK_WINDOW (t.window), t.store, 1, &options, printed, &error));
    g_assert_no_error (error);
    printed_info = run ("pdfinfo", printed, NULL);
    g_assert_nonnull (strstr (printed_info, "Pages:           9"));
    printed_text = run ("pdftotext", "-f", "4", "-l", "4", printed, "-", NULL);
    g_assert_nonnull (strstr (printed_text, "Key Tasks and Responsibilities"));
    g_assert_nonnull (strstr (printed_text, "Page 4 of 9"));
  }

  pb_test_app_stop (&t);
}

/* The shortcut @window has for @keyval, activated as the key would */
static gboolean
press_shortcut (GtkWidget *window,
                guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), key))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, window, NULL);
        }
    }
  return FALSE;
}

/* Print… in the dialog: the report laid out in a worker thread is handed
 * to the print operation once, printed whole, and the dialog closes. It
 * used to be freed as it was handed on: a double free when the print
 * dialog was cancelled or printed (a reviewer's crash). */
static void
test_print_from_dialog (void)
{
  g_autofree char *printed = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  pb_test_app_start (&t);
  printed = g_build_filename (t.dir, "printed-from-dialog.pdf", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.report", NULL));
  dialog = pb_window_get_report_dialog (t.window);
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (previewed, dialog));
  pb_report_dialog_print_to (dialog, printed);
  g_assert_true (wait_for (dialog_closed, NULL));
  info = run ("pdfinfo", printed, NULL);
  g_assert_nonnull (strstr (info, "Pages:           9"));
  text = run ("pdftotext", "-f", "9", "-l", "9", printed, "-", NULL);
  g_assert_nonnull (strstr (text, "Page 9 of 9"));
  pb_test_app_stop (&t);
}

/* Escape closes the Print or Export Report dialog */
static void
test_escape_closes (void)
{
  GtkWindow *dialog;

  pb_test_app_start (&t);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.report", NULL));
  dialog = pb_window_get_report_dialog (t.window);
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (previewed, dialog));
  g_assert_true (press_shortcut (GTK_WIDGET (dialog), GDK_KEY_Escape));
  g_assert_true (wait_for (dialog_closed, NULL));
  pb_test_app_stop (&t);
}

static void
test_export_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *content = NULL;

  pb_test_app_start (&t);
  xlsx = g_build_filename (t.dir, "台账.xlsx", NULL);
  csv = g_build_filename (t.dir, "台账.csv", NULL);

  g_assert_true (pb_window_export_ledger (t.window, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &content, NULL, NULL));
  g_assert_true (g_str_has_prefix (content, "PK"));   /* a zip package */
  g_clear_pointer (&content, g_free);

  g_assert_true (pb_window_export_ledger (t.window, csv, &error));
  g_assert_true (g_file_get_contents (csv, &content, NULL, NULL));
  g_assert_true (g_str_has_prefix (content, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (content, "加快5G网络规模化部署"));

  pb_test_app_stop (&t);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-view/export-pdf", test_export_pdf);
  g_test_add_func ("/report-view/export-ledger", test_export_ledger);
  g_test_add_func ("/report-view/escape-closes", test_escape_closes);
  g_test_add_func ("/report-view/print-from-dialog", test_print_from_dialog);

  return g_test_run ();
}
