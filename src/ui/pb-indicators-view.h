/* pb-indicators-view.h — the plan's indicators against their yearly targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-charts.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_INDICATORS_VIEW (pb_indicators_view_get_type ())
G_DECLARE_FINAL_TYPE (PbIndicatorsView, pb_indicators_view, PB, INDICATORS_VIEW, GtkWidget)

GtkWidget *pb_indicators_view_new           (PbStore          *store);
void       pb_indicators_view_set_plan      (PbIndicatorsView *self,
                                             PbPlan           *plan);
gboolean   pb_indicators_view_select        (PbIndicatorsView *self,
                                             gint64            indicator_id);
gint64     pb_indicators_view_get_selected  (PbIndicatorsView *self);
GtkWindow *pb_indicators_view_record_actual (PbIndicatorsView *self);
GtkWindow *pb_indicators_view_delete_actual (PbIndicatorsView *self,
                                             PbActual         *actual);
GtkWindow *pb_indicators_view_close_period  (PbIndicatorsView *self);
GtkWindow *pb_indicators_view_merge_selected (PbIndicatorsView *self);
GtkWindow *pb_indicators_view_rename_selected (PbIndicatorsView *self);
gboolean   pb_indicators_view_detach        (PbIndicatorsView *self,
                                             gint64            item_id,
                                             gint64            indicator_id);
gboolean   pb_indicators_view_select_under  (PbIndicatorsView *self,
                                             gint64            indicator_id,
                                             gint64            item_id);
GArray    *pb_indicators_view_dup_listed_under (PbIndicatorsView *self,
                                                gint64            indicator_id);
const char *pb_indicators_view_get_shown    (PbIndicatorsView *self,
                                            gint64            indicator_id,
                                            const char       *column);
void       pb_indicators_view_set_today     (PbIndicatorsView *self,
                                             const GDate      *today);
PbIndicatorChart *pb_indicators_view_get_chart (PbIndicatorsView *self);
PbIndicatorChart *pb_indicators_view_get_compare_chart (PbIndicatorsView *self);
GtkWidget *pb_indicators_view_find_cell     (PbIndicatorsView *self,
                                             gint64            indicator_id,
                                             int               year);

G_END_DECLS
