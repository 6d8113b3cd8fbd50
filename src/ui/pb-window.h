/* pb-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-application.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW (pb_window_get_type ())
G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

PbWindow *pb_window_new              (PbApplication *application);
void      pb_window_select_plan      (PbWindow      *self,
                                      gint64         plan_id);
gint64    pb_window_get_selected_plan (PbWindow     *self);
void      pb_window_import_file      (PbWindow      *self,
                                      GFile         *file);
GtkWidget *pb_window_open_plan_file  (PbWindow      *self,
                                      const char    *path);
void      pb_window_open_editor      (PbWindow      *self,
                                      PbItem        *item);
void      pb_window_close_editor     (PbWindow      *self);
GtkWidget *pb_window_get_board       (PbWindow      *self);
GtkWidget *pb_window_peek_board      (PbWindow      *self);
GtkWidget *pb_window_get_timeline    (PbWindow      *self);
GtkWidget *pb_window_get_editor      (PbWindow      *self);
GtkWidget *pb_window_peek_editor     (PbWindow      *self);
GtkWidget *pb_window_get_indicators  (PbWindow      *self);
GtkWindow *pb_window_get_report_dialog (PbWindow    *self);
gboolean   pb_window_export_ledger   (PbWindow      *self,
                                      const char    *path,
                                      GError       **error);
GtkWidget *pb_window_get_organisations (PbWindow    *self);
PbStore   *pb_window_get_store       (PbWindow      *self);
void       pb_window_add_toast       (PbWindow      *self,
                                      const char    *text);
PbPlan    *pb_window_get_plan        (PbWindow      *self);
void       pb_window_show_board      (PbWindow      *self);
GtkWidget *pb_window_get_form_status (PbWindow      *self);
GtkWindow *pb_window_collect_progress (PbWindow     *self);
GtkWindow *pb_window_import_forms    (PbWindow      *self,
                                      GPtrArray     *paths);

gboolean   pb_window_open_library (PbWindow    *self,
                                   const char  *path,
                                   GError     **error);

G_END_DECLS
