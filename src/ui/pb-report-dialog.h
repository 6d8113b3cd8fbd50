/* pb-report-dialog.h — Print… and Export PDF… through the report composer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-report.h"

G_BEGIN_DECLS

GtkWindow *pb_report_dialog_new          (GtkWidget              *parent,
                                          PbStore                *store,
                                          PbPlan                 *plan,
                                          GSettings              *settings);
void       pb_report_dialog_export       (GtkWindow              *dialog,
                                          const char             *path);
void       pb_report_dialog_print_to     (GtkWindow              *dialog,
                                          const char             *path);
guint      pb_report_dialog_get_n_pages  (GtkWindow              *dialog);

void       pb_report_export_async        (PbStore                *store,
                                          gint64                  plan_id,
                                          const PbReportOptions  *options,
                                          const char             *path,
                                          GCancellable           *cancellable,
                                          PbReportProgressFunc    progress,
                                          gpointer                progress_data,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
guint      pb_report_export_finish       (GAsyncResult           *result,
                                          GError                **error);
gboolean   pb_report_print               (GtkWindow              *parent,
                                          PbStore                *store,
                                          gint64                  plan_id,
                                          const PbReportOptions  *options,
                                          GError                **error);

gboolean   pb_report_print_full          (GtkWindow              *parent,
                                          PbStore                *store,
                                          gint64                  plan_id,
                                          const PbReportOptions  *options,
                                          const char             *export_path,
                                          GError                **error);

G_END_DECLS
