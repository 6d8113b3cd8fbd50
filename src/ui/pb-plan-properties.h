/* pb-plan-properties.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_PLAN_PROPERTIES (pb_plan_properties_get_type ())
G_DECLARE_FINAL_TYPE (PbPlanProperties, pb_plan_properties, PB, PLAN_PROPERTIES, AdwWindow)

PbPlanProperties *pb_plan_properties_new (GtkWindow *parent,
                                          PbStore   *store,
                                          PbPlan    *plan);

#define PB_TYPE_SECTION_DIALOG (pb_section_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PbSectionDialog, pb_section_dialog, PB, SECTION_DIALOG, AdwWindow)

PbSectionDialog  *pb_section_dialog_new  (GtkWindow *parent,
                                          PbStore   *store,
                                          PbPlan    *plan,
                                          PbSection *section,
                                          gint64     parent_id,
                                          gint64     after_id);
gint64            pb_section_dialog_get_saved_id (PbSectionDialog *self);

G_END_DECLS
