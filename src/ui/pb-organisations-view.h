/* pb-organisations-view.h — who is on track: organisations ranked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_ORGANISATIONS_VIEW (pb_organisations_view_get_type ())
G_DECLARE_FINAL_TYPE (PbOrganisationsView, pb_organisations_view, PB, ORGANISATIONS_VIEW, GtkWidget)

GtkWidget *pb_organisations_view_new             (PbStore             *store);
void       pb_organisations_view_set_plan        (PbOrganisationsView *self,
                                                  PbPlan              *plan);
void       pb_organisations_view_set_all_plans   (PbOrganisationsView *self,
                                                  gboolean             all_plans);
gboolean   pb_organisations_view_select          (PbOrganisationsView *self,
                                                  gint64               organisation_id);
GPtrArray *pb_organisations_view_get_ranking     (PbOrganisationsView *self);
void       pb_organisations_view_show_selected   (PbOrganisationsView *self);
GtkWindow *pb_organisations_view_merge_selected  (PbOrganisationsView *self);
GtkWindow *pb_organisations_view_rename_selected (PbOrganisationsView *self);

G_END_DECLS
