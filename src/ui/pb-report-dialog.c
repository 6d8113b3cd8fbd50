/* pb-report-dialog.c — Print… and Export PDF… through the report composer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dialog to choose the parts, the paper and how the timeline is laid
 * out, with a preview of the pages; it prints through GtkPrintOperation
 * (draw-page calls the composer) or exports a PDF. The report reads the
 * store on the main thread; paginating, the preview and the PDF are made
 * in a worker thread, with progress and Cancel. The choices are kept per
 * plan in GSettings.
 */
#define G_LOG_DOMAIN "pb-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-health.h"
#include "pb-report.h"
#include "pb-report-dialog.h"
#include "pb-ui-util.h"

/* ---- Exporting off the main thread -------------------------------------------------- */

typedef struct
{
  PbReport            *report;
  char                *path;
  PbReportProgressFunc progress;
  gpointer             progress_data;
  guint                done, total;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  pb_report_free (job->report);
  g_free (job->path);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  ExportJob *job = data;

  if (job->progress)
    job->progress (job->done, job->total, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_in_thread (guint    done,
                    guint    total,
                    gpointer data)
{
  ExportJob *job = data;

  job->done = done;
  job->total = total;
  g_main_context_invoke (NULL, progress_idle, job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (pb_report_write_pdf (job->report, job->path, progress_in_thread, job, cancellable, &error))
    g_task_return_int (task, pb_report_get_n_pages (job->report));
  else
    g_task_return_error (task, error);
}

/**
 * pb_report_export_async:
 * @store: the library
 * @plan_id: the plan
 * @options: the report's options
 * @path: the PDF to write
 * @cancellable: (nullable): to stop
 * @progress: (nullable): told on the main thread as pages are done
 * @progress_data: for @progress
 * @callback: when done
 * @user_data: for @callback
 *
 * What Export PDF… does once it has a file name: the same composer as
 * `planboard-cli report`.
 */
void
pb_report_export_async (PbStore               *store,
                        gint64                 plan_id,
                        const PbReportOptions *options,
                        const char            *path,
                        GCancellable          *cancellable,
                        PbReportProgressFunc   progress,
                        gpointer               progress_data,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  job->report = pb_report_new (store, plan_id, options, &error);
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, export_job_free);

  if (job->report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

/**
 * pb_report_export_finish:
 *
 * Returns: the number of pages written, or 0 with @error set
 */
guint
pb_report_export_finish (GAsyncResult  *result,
                         GError       **error)
{
  gssize n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? (guint) n : 0;
}

/* ---- Options kept per plan ----------------------------------------------------------- */

static void
load_options (GSettings       *settings,
              gint64           plan_id,
              PbReportOptions *o)
{
  g_autoptr(GVariant) all = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
  const char *text = NULL;

  pb_report_options_init (o);
  if (settings == NULL)
    return;
  {
    g_autofree char *paper = g_settings_get_string (settings, "default-paper");
    PbPaper p;

    if (pb_paper_from_string (paper, &p))
      o->paper = p;
    o->landscape = g_settings_get_boolean (settings, "default-landscape");
  }
  all = g_settings_get_value (settings, "report-options");
  if (g_variant_lookup (all, key, "&s", &text))
    {
      g_auto(GStrv) f = g_strsplit (text, ";", -1);

      if (g_strv_length (f) >= 5)
        {
          PbPaper paper;

          if (pb_paper_from_string (f[0], &paper))
            o->paper = paper;
          o->landscape = g_str_equal (f[1], "landscape");
          o->parts = CLAMP (g_ascii_strtoull (f[2], NULL, 10), 1, PB_REPORT_EVERY_PART);
          o->timeline_mode = MIN (g_ascii_strtoull (f[3], NULL, 10), PB_REPORT_TIMELINE_SHEET);
          o->zoom = MIN (g_ascii_strtoull (f[4], NULL, 10), PB_TIMELINE_ZOOM_WEEK);
        }
    }
}

static void
save_options (GSettings             *settings,
              gint64                 plan_id,
              const PbReportOptions *o)
{
  g_autoptr(GVariant) all = NULL;
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
  g_autofree char *text = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *k, *v;

  if (settings == NULL)
    return;
  text = g_strdup_printf ("%s;%s;%u;%u;%u", pb_paper_to_string (o->paper), o->landscape ? "landscape" : "portrait",
                          o->parts, o->timeline_mode, o->zoom);
  all = g_settings_get_value (settings, "report-options");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
    if (!g_str_equal (k, key))
      g_variant_builder_add (&builder, "{ss}", k, v);
  g_variant_builder_add (&builder, "{ss}", key, text);
  g_settings_set_value (settings, "report-options", g_variant_builder_end (&builder));
}

/* ---- The dialog ------------------------------------------------------------------------ */

typedef struct
{
  GtkWindow     *window;
  GtkWidget     *parent;
  PbStore       *store;
  PbPlan        *plan;
  GSettings     *settings;
  PbReportOptions options;

  GtkWidget     *parts[7];
  GtkWidget     *paper;
  GtkWidget     *orientation;
  GtkWidget     *timeline_mode;
  GtkWidget     *zoom;
  GtkWidget     *preview;       /* draws the page itself, at its own size and scale */
  GtkLabel      *page_label;
  GtkWidget     *prev, *next;
  GtkProgressBar *progress;
  GtkWidget     *cancel;
  GtkWidget     *buttons;
  GCancellable  *cancellable;
  GCancellable  *preview_cancellable;
  guint          page;
  guint          n_pages;
  guint          pulse_id;
  PbReport      *previewed;     /* laid out, for turning pages */
  char          *print_path;    /* tests: Print… into this PDF, no dialog */
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *d = data;

  if (d->cancellable)
    g_cancellable_cancel (d->cancellable);
  if (d->preview_cancellable)
    g_cancellable_cancel (d->preview_cancellable);
  g_clear_object (&d->cancellable);
  g_clear_object (&d->preview_cancellable);
  g_clear_pointer (&d->previewed, pb_report_free);
  g_clear_object (&d->store);
  g_clear_object (&d->plan);
  g_clear_object (&d->settings);
  g_free (d->print_path);
  g_free (d);
}

static void
read_options (Dialog *d)
{
  d->options.parts = 0;
  for (guint i = 0; i < G_N_ELEMENTS (d->parts); i++)
    if (gtk_switch_get_active (GTK_SWITCH (d->parts[i])))
      d->options.parts |= 1 << i;
  d->options.paper = adw_combo_row_get_selected (ADW_COMBO_ROW (d->paper));
  d->options.landscape = adw_combo_row_get_selected (ADW_COMBO_ROW (d->orientation)) == 0;
  d->options.timeline_mode = adw_combo_row_get_selected (ADW_COMBO_ROW (d->timeline_mode));
  d->options.zoom = adw_combo_row_get_selected (ADW_COMBO_ROW (d->zoom));
  pb_date_today (&d->options.today);
}

/* The preview: the report laid out in a worker thread; its page drawn
 * by the widget itself, as vectors at the widget's size and scale, so it
 * is as sharp as the screen allows (a bitmap scaled up is not). */
typedef struct
{
  PbReport        *report;
  guint            page;
  guint            n_pages;
} PreviewJob;

static void
preview_job_free (gpointer data)
{
  PreviewJob *job = data;

  pb_report_free (job->report);
  g_free (job);
}

/* Where a page of @page_w × @page_h points sits in a @width × @height
 * widget: scale and origin, with a margin for its shadow. */
static void
preview_fit (double  page_w,
             double  page_h,
             int     width,
             int     height,
             double *scale,
             double *x,
             double *y)
{
  double room_w = MAX (width - 16, 1), room_h = MAX (height - 16, 1);

  *scale = MIN (room_w / page_w, room_h / page_h);
  *x = (width - page_w * *scale) / 2;
  *y = (height - page_h * *scale) / 2;
}

static void
preview_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        data)
{
  Dialog *d = data;
  double w, h, scale, x, y;

  if (d->previewed == NULL || d->n_pages == 0)
    return;
  pb_report_get_page_size (d->previewed, d->page, &w, &h);
  preview_fit (w, h, width, height, &scale, &x, &y);

  /* The sheet, with a soft edge. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_rectangle (cr, x + 1, y + 2, w * scale, h * scale);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, w * scale, h * scale);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w * scale, h * scale);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  pb_report_draw_page (d->previewed, cr, d->page);
  cairo_restore (cr);
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  PreviewJob *job = data;

  job->n_pages = pb_report_paginate (job->report);
  if (job->n_pages > 0)
    job->page = MIN (job->page, job->n_pages - 1);
  g_task_return_boolean (task, TRUE);
}

static void
show_preview (Dialog *d)
{
  g_autofree char *label = NULL;

  if (d->previewed && d->n_pages > 0)
    label = g_strdup_printf (_("Page %u of %u"), d->page + 1, d->n_pages);
  else
    label = g_strdup (_("Choose at least one part"));
  gtk_widget_queue_draw (d->preview);
  gtk_label_set_text (d->page_label, label);
  gtk_widget_set_sensitive (d->prev, d->page > 0);
  gtk_widget_set_sensitive (d->next, d->page + 1 < d->n_pages);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Dialog *d = data;
  PreviewJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  /* Kept, laid out, for turning the pages without reading the store. */
  g_clear_pointer (&d->previewed, pb_report_free);
  d->previewed = g_steal_pointer (&job->report);
  d->n_pages = job->n_pages;
  d->page = job->page;
  show_preview (d);
}

/* The options changed: read the store again, lay out in a worker thread. */
static void
update_preview (Dialog *d)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PreviewJob *job = g_new0 (PreviewJob, 1);

  read_options (d);
  if (d->preview_cancellable)
    g_cancellable_cancel (d->preview_cancellable);
  g_clear_object (&d->preview_cancellable);
  d->preview_cancellable = g_cancellable_new ();
  g_clear_pointer (&d->previewed, pb_report_free);

  job->page = d->page;
  job->report = pb_report_new (d->store, pb_record_get_id (PB_RECORD (d->plan)), &d->options, &error);
  task = g_task_new (NULL, d->preview_cancellable, preview_done_cb, d);
  g_task_set_task_data (task, job, preview_job_free);
  if (job->report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gtk_label_set_text (d->page_label, _("Laying out the pages…"));
  g_task_run_in_thread (task, preview_thread);
}

/* Another page of the report already laid out: drawn here, at once. */
static void
turn_page (Dialog *d,
           int     delta)
{
  if (d->previewed == NULL || d->n_pages == 0)
    return;
  d->page = CLAMP ((int) d->page + delta, 0, (int) d->n_pages - 1);
  show_preview (d);
}

static void
options_changed (Dialog *d)
{
  d->page = 0;
  update_preview (d);
}

static void
prev_clicked (Dialog *d)
{
  turn_page (d, -1);
}

static void
next_clicked (Dialog *d)
{
  turn_page (d, 1);
}

static void
set_busy (Dialog   *d,
          gboolean  busy)
{
  gtk_widget_set_visible (GTK_WIDGET (d->progress), busy);
  gtk_widget_set_visible (d->cancel, busy);
  gtk_widget_set_sensitive (d->buttons, !busy);
}

static void
export_progress (guint    done,
                 guint    total,
                 gpointer data)
{
  Dialog *d = data;
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), done, total);

  gtk_progress_bar_set_fraction (d->progress, total ? (double) done / total : 0);
  gtk_progress_bar_set_text (d->progress, text);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GtkWindow *window = data;
  Dialog *d = g_object_get_data (G_OBJECT (window), "pb-dialog");
  g_autoptr(GError) error = NULL;
  guint n = pb_report_export_finish (result, &error);

  if (d == NULL || gtk_widget_in_destruction (GTK_WIDGET (window)) || d->parent == NULL)
    {
      g_object_unref (window);   /* closed meanwhile */
      return;
    }
  set_busy (d, FALSE);
  if (n == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_ui_toast (d->parent, error->message, FALSE);
      g_object_unref (window);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Report saved: %u page",
                                                          "Report saved: %u pages", n), n);
    pb_ui_toast (d->parent, text, FALSE);
  }
  gtk_window_destroy (window);
  g_object_unref (window);
}

static void
export_to (Dialog     *d,
           const char *path)
{
  read_options (d);
  save_options (d->settings, pb_record_get_id (PB_RECORD (d->plan)), &d->options);
  g_clear_object (&d->cancellable);
  d->cancellable = g_cancellable_new ();
  set_busy (d, TRUE);
  gtk_progress_bar_set_fraction (d->progress, 0);
  pb_report_export_async (d->store, pb_record_get_id (PB_RECORD (d->plan)), &d->options, path,
                          d->cancellable, export_progress, d, export_done_cb, g_object_ref (d->window));
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    GtkWindow       *window)
{
  Dialog *d = g_object_get_data (G_OBJECT (window), "pb-dialog");

  if (response == GTK_RESPONSE_ACCEPT && d)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path)
        export_to (d, path);
    }
  g_object_unref (chooser);
}

static void
export_clicked (Dialog *d)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("%s.pdf", pb_plan_get_title (d->plan));

  chooser = pb_ui_save_chooser (d->window, _("Export PDF"), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), d->window);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_clicked (Dialog *d)
{
  if (d->cancellable)
    g_cancellable_cancel (d->cancellable);
}

/* Closing the dialog stops what it started; nothing it does after that
 * may touch the window it was opened from. */
static void
destroyed_cb (Dialog *d)
{
  g_clear_handle_id (&d->pulse_id, g_source_remove);
  cancel_clicked (d);
  if (d->preview_cancellable)
    g_cancellable_cancel (d->preview_cancellable);
  d->parent = NULL;
}

/* ---- Printing ------------------------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                PbReport          *report)
{
  gtk_print_operation_set_n_pages (op, MAX (1, pb_report_paginate (report)));
}

static void
request_page_setup_cb (GtkPrintOperation *op,
                       GtkPrintContext   *context,
                       int                page,
                       GtkPageSetup      *setup,
                       PbReport          *report)
{
  double w, h;
  g_autoptr(GtkPaperSize) size = NULL;

  pb_report_get_page_size (report, page, &w, &h);
  size = gtk_paper_size_new_custom ("planboard", "Planboard", MIN (w, h), MAX (w, h), GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size (setup, size);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page,
              PbReport          *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w, h, scale;

  /* A printer's paper may not be the report's: fit the page to it. */
  pb_report_get_page_size (report, page, &w, &h);
  scale = MIN (gtk_print_context_get_width (context) / w, gtk_print_context_get_height (context) / h);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  pb_report_draw_page (report, cr, page);
  cairo_restore (cr);
}

/**
 * pb_report_print:
 * @parent: (nullable): the window to print from
 * @store: the library
 * @plan_id: the plan
 * @options: the report's options
 * @error: where to say why not
 *
 * Prints through the print dialog (the print portal under Flatpak).
 *
 * Returns: %TRUE unless printing failed
 */
gboolean
pb_report_print (GtkWindow              *parent,
                 PbStore                *store,
                 gint64                  plan_id,
                 const PbReportOptions  *options,
                 GError                **error)
{
  return pb_report_print_full (parent, store, plan_id, options, NULL, error);
}

/**
 * pb_report_print_full:
 * @export_path: (nullable): print without a dialog into this PDF, through
 *   the print operation's own PDF backend (what the tests use)
 *
 * Returns: %TRUE unless printing failed
 */
/* Prints @report (taken), paginated already or in begin-print. Says
 * whether it printed, was cancelled in the print dialog, or failed. */
static GtkPrintOperationResult
run_print (GtkWindow              *parent,
           PbReport               *report,
           const PbReportOptions  *options,
           const char             *export_path,
           GError                **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperationResult result;

  paper = gtk_paper_size_new (options->paper == PB_PAPER_A3 ? GTK_PAPER_NAME_A3 : GTK_PAPER_NAME_A4);
  if (options->paper == PB_PAPER_A1 || options->paper == PB_PAPER_A0)
    {
      double w, h;
      pb_paper_get_size (options->paper, FALSE, &w, &h);
      g_clear_pointer (&paper, gtk_paper_size_free);
      paper = gtk_paper_size_new_custom (pb_paper_to_string (options->paper), pb_paper_to_string (options->paper),
                                         w, h, GTK_UNIT_POINTS);
    }
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, options->landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_job_name (op, "Planboard");
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), report);
  g_signal_connect (op, "request-page-setup", G_CALLBACK (request_page_setup_cb), report);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), report);
  g_object_set_data_full (G_OBJECT (op), "pb-report", report, (GDestroyNotify) pb_report_free);

  if (export_path)
    gtk_print_operation_set_export_filename (op, export_path);
  result = gtk_print_operation_run (op, export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                    : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
  return result;
}

gboolean
pb_report_print_full (GtkWindow              *parent,
                      PbStore                *store,
                      gint64                  plan_id,
                      const PbReportOptions  *options,
                      const char             *export_path,
                      GError                **error)
{
  PbReport *report = pb_report_new (store, plan_id, options, error);

  return report != NULL
         && run_print (parent, report, options, export_path, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
paginate_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  g_task_return_int (task, pb_report_paginate (data));
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (data);
  return G_SOURCE_CONTINUE;
}

/* A long report is laid out in a worker thread before the print dialog
 * opens, with a pulsing bar, so the window never freezes. */
static void
paginated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GtkWindow *window = data;
  Dialog *d = g_object_get_data (G_OBJECT (window), "pb-dialog");
  /* The task holds the report without a destroy notify: it is ours here,
   * handed to the print operation or freed, exactly once. (Setting the
   * task data again would free it under the print operation.) */
  PbReport *report = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult printed;

  g_task_propagate_int (G_TASK (result), NULL);
  if (d == NULL || d->parent == NULL)
    {
      pb_report_free (report);
      g_object_unref (window);   /* closed meanwhile */
      return;
    }
  g_clear_handle_id (&d->pulse_id, g_source_remove);
  set_busy (d, FALSE);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      pb_report_free (report);
      g_object_unref (window);
      return;
    }

  printed = run_print (d->window, report, &d->options, d->print_path, &error);
  if (printed == GTK_PRINT_OPERATION_RESULT_ERROR)
    pb_ui_toast (d->parent, error->message, FALSE);
  else if (printed != GTK_PRINT_OPERATION_RESULT_CANCEL)
    gtk_window_destroy (d->window);
  /* Cancelled in the print dialog: back to the report's dialog. */
  g_object_unref (window);
}

static void
print_clicked (Dialog *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  PbReport *report;

  read_options (d);
  save_options (d->settings, pb_record_get_id (PB_RECORD (d->plan)), &d->options);
  report = pb_report_new (d->store, pb_record_get_id (PB_RECORD (d->plan)), &d->options, &error);
  if (report == NULL)
    {
      pb_ui_toast (d->parent, error->message, FALSE);
      return;
    }

  g_clear_object (&d->cancellable);
  d->cancellable = g_cancellable_new ();
  set_busy (d, TRUE);
  gtk_progress_bar_set_text (d->progress, _("Laying out the pages…"));
  d->pulse_id = g_timeout_add (100, pulse_cb, d->progress);
  task = g_task_new (NULL, d->cancellable, paginated_cb, g_object_ref (d->window));
  g_task_set_task_data (task, report, NULL);   /* paginated_cb frees or hands it on */
  g_task_run_in_thread (task, paginate_thread);
}

static GtkWidget *
combo_row (GtkWidget          *group,
           const char         *name,
           const char         *title,
           const char * const *choices,
           guint               selected,
           Dialog             *d)
{
  GtkWidget *row = adw_combo_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (choices)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (options_changed), d);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/**
 * pb_report_dialog_new:
 * @parent: the widget it is for (toasts go to its window)
 * @store: the library
 * @plan: the plan
 * @settings: (nullable): where the choices are kept per plan
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
pb_report_dialog_new (GtkWidget *parent,
                      PbStore   *store,
                      PbPlan    *plan,
                      GSettings *settings)
{
  const char *part_names[] = { _("Cover"), _("Summary"), _("Timeline"), _("Key Tasks and Responsibilities"),
                               _("Indicators"), _("Organisations"), _("Reporting status") };
  const char *papers[] = { "A4", "A3", "A1", "A0", NULL };
  const char *orientations[] = { _("Landscape"), _("Portrait"), NULL };
  const char *modes[] = { _("Fit to the page width"), _("Tiled for a wall chart"), _("One large sheet (A1 or A0)"), NULL };
  const char *zooms[] = { _("Years"), _("Quarters"), _("Months"), _("Weeks"), NULL };
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *parts = adw_preferences_group_new ();
  GtkWidget *layout = adw_preferences_group_new ();
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *print = gtk_button_new_with_mnemonic (_("_Print…"));
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  GtkRoot *root = gtk_widget_get_root (parent);

  d->window = GTK_WINDOW (window);
  d->parent = parent;
  d->store = g_object_ref (store);
  d->plan = g_object_ref (plan);
  d->settings = settings ? g_object_ref (settings) : NULL;
  load_options (settings, pb_record_get_id (PB_RECORD (plan)), &d->options);
  g_object_set_data_full (G_OBJECT (window), "pb-dialog", d, dialog_free);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (destroyed_cb), d);

  gtk_window_set_title (GTK_WINDOW (window), _("Print or Export Report"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 700);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  /* Escape closes it, as it does every other dialog */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }

  d->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_widget_set_name (export, "export");
  gtk_widget_set_name (print, "print");
  gtk_box_append (GTK_BOX (d->buttons), print);
  gtk_box_append (GTK_BOX (d->buttons), export);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), d->buttons);
  g_signal_connect_swapped (print, "clicked", G_CALLBACK (print_clicked), d);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked), d);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (parts), _("Parts"));
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      d->parts[i] = gtk_switch_new ();
      gtk_widget_set_valign (d->parts[i], GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (d->parts[i]), (d->options.parts & (1 << i)) != 0);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), part_names[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), d->parts[i]);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), d->parts[i]);
      g_signal_connect_swapped (d->parts[i], "notify::active", G_CALLBACK (options_changed), d);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (parts), row);
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (layout), _("Paper and Timeline"));
  d->paper = combo_row (layout, "paper", _("Paper"), papers, d->options.paper, d);
  d->orientation = combo_row (layout, "orientation", _("Orientation"), orientations, d->options.landscape ? 0 : 1, d);
  d->timeline_mode = combo_row (layout, "timeline", _("Timeline"), modes, d->options.timeline_mode, d);
  d->zoom = combo_row (layout, "zoom", _("Timeline Scale"), zooms, d->options.zoom, d);

  gtk_box_append (GTK_BOX (form), parts);
  gtk_box_append (GTK_BOX (form), layout);
  gtk_widget_set_size_request (form, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), form);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);

  d->preview = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (d->preview), preview_draw_cb, d, NULL);
  gtk_widget_set_size_request (d->preview, 240, 240);
  gtk_widget_set_vexpand (GTK_WIDGET (d->preview), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (d->preview), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (d->preview), "report-preview");
  gtk_accessible_update_property (GTK_ACCESSIBLE (d->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview of the report's page"), -1);
  d->prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  d->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (d->prev, _("Previous Page"));
  gtk_widget_set_tooltip_text (d->next, _("Next Page"));
  g_signal_connect_swapped (d->prev, "clicked", G_CALLBACK (prev_clicked), d);
  g_signal_connect_swapped (d->next, "clicked", G_CALLBACK (next_clicked), d);
  d->page_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (d->page_label), TRUE);
  gtk_box_append (GTK_BOX (nav), d->prev);
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (d->page_label));
  gtk_box_append (GTK_BOX (nav), d->next);
  d->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (d->progress, TRUE);
  d->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_halign (d->cancel, GTK_ALIGN_END);
  g_signal_connect_swapped (d->cancel, "clicked", G_CALLBACK (cancel_clicked), d);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (d->preview));
  gtk_box_append (GTK_BOX (side), nav);
  gtk_box_append (GTK_BOX (side), GTK_WIDGET (d->progress));
  gtk_box_append (GTK_BOX (side), d->cancel);
  set_busy (d, FALSE);

  gtk_box_append (GTK_BOX (body), scroller);
  gtk_box_append (GTK_BOX (body), side);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), body);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_window_present (GTK_WINDOW (window));
  update_preview (d);
  return GTK_WINDOW (window);
}

/**
 * pb_report_dialog_export:
 * @dialog: a report dialog
 * @path: the PDF to write, as if chosen in the file chooser
 *
 * What Export PDF… does after the file chooser; the dialog closes when
 * the PDF is written.
 */
void
pb_report_dialog_export (GtkWindow  *dialog,
                         const char *path)
{
  Dialog *d = g_object_get_data (G_OBJECT (dialog), "pb-dialog");

  g_return_if_fail (d != NULL);
  export_to (d, path);
}

/**
 * pb_report_dialog_print_to:
 * @dialog: the dialog
 * @path: a PDF to print into
 *
 * Presses Print… as a test would: the report is laid out in a worker
 * thread and printed through the same print operation, into @path
 * through GTK's own PDF backend instead of the print dialog.
 */
void
pb_report_dialog_print_to (GtkWindow  *dialog,
                           const char *path)
{
  Dialog *d = g_object_get_data (G_OBJECT (dialog), "pb-dialog");

  g_return_if_fail (d != NULL);
  g_free (d->print_path);
  d->print_path = g_strdup (path);
  print_clicked (d);
}

/**
 * pb_report_dialog_get_n_pages:
 *
 * Returns: the pages of the report as previewed (0 until laid out)
 */
guint
pb_report_dialog_get_n_pages (GtkWindow *dialog)
{
  Dialog *d = g_object_get_data (G_OBJECT (dialog), "pb-dialog");

  return d ? d->n_pages : 0;
}
