/* pb-forms-ui.h — collecting progress: forms out, returned forms reviewed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_FORM_STATUS_VIEW (pb_form_status_view_get_type ())
G_DECLARE_FINAL_TYPE (PbFormStatusView, pb_form_status_view, PB, FORM_STATUS_VIEW, GtkWidget)

GtkWidget *pb_form_status_view_new       (PbStore          *store);
void       pb_form_status_view_set_plan  (PbFormStatusView *self,
                                          PbPlan           *plan);
char      *pb_form_status_view_dup_text  (PbFormStatusView *self);

GtkWindow *pb_forms_collect_dialog_new   (GtkWindow        *parent,
                                          GtkWidget        *toast_widget,
                                          PbStore          *store,
                                          PbPlan           *plan);

GtkWindow *pb_forms_review_window_new    (GtkWindow        *parent,
                                          GtkWidget        *toast_widget,
                                          PbStore          *store,
                                          gint64            plan_id,
                                          GPtrArray        *paths,
                                          const GDate      *today);
guint      pb_forms_review_window_record (GtkWindow        *window,
                                          GError          **error);

G_END_DECLS
