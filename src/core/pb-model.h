/* pb-model.h — the record types of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One final PbRecord subclass per table (DESIGN §4). Their properties are
 * the table's columns, read-only: change them through PbStore.
 */
#pragma once

#include "pb-enums.h"
#include "pb-enum-types.h"
#include "pb-record.h"

G_BEGIN_DECLS

#define PB_TYPE_PLAN (pb_plan_get_type ())
G_DECLARE_FINAL_TYPE (PbPlan, pb_plan, PB, PLAN, PbRecord)

#define PB_TYPE_SECTION (pb_section_get_type ())
G_DECLARE_FINAL_TYPE (PbSection, pb_section, PB, SECTION, PbRecord)

#define PB_TYPE_ITEM (pb_item_get_type ())
G_DECLARE_FINAL_TYPE (PbItem, pb_item, PB, ITEM, PbRecord)

#define PB_TYPE_ORGANISATION (pb_organisation_get_type ())
G_DECLARE_FINAL_TYPE (PbOrganisation, pb_organisation, PB, ORGANISATION, PbRecord)

#define PB_TYPE_ORGANISATION_ALIAS (pb_organisation_alias_get_type ())
G_DECLARE_FINAL_TYPE (PbOrganisationAlias, pb_organisation_alias, PB, ORGANISATION_ALIAS, PbRecord)

#define PB_TYPE_ITEM_ORG (pb_item_org_get_type ())
G_DECLARE_FINAL_TYPE (PbItemOrg, pb_item_org, PB, ITEM_ORG, PbRecord)

#define PB_TYPE_INDICATOR (pb_indicator_get_type ())
G_DECLARE_FINAL_TYPE (PbIndicator, pb_indicator, PB, INDICATOR, PbRecord)

#define PB_TYPE_ITEM_INDICATOR (pb_item_indicator_get_type ())
G_DECLARE_FINAL_TYPE (PbItemIndicator, pb_item_indicator, PB, ITEM_INDICATOR, PbRecord)

#define PB_TYPE_TARGET (pb_target_get_type ())
G_DECLARE_FINAL_TYPE (PbTarget, pb_target, PB, TARGET, PbRecord)

#define PB_TYPE_ACTUAL (pb_actual_get_type ())
G_DECLARE_FINAL_TYPE (PbActual, pb_actual, PB, ACTUAL, PbRecord)

#define PB_TYPE_DEPENDENCY (pb_dependency_get_type ())
G_DECLARE_FINAL_TYPE (PbDependency, pb_dependency, PB, DEPENDENCY, PbRecord)

#define PB_TYPE_NOTE (pb_note_get_type ())
G_DECLARE_FINAL_TYPE (PbNote, pb_note, PB, NOTE, PbRecord)

#define PB_TYPE_PERIOD (pb_period_get_type ())
G_DECLARE_FINAL_TYPE (PbPeriod, pb_period, PB, PERIOD, PbRecord)

#define PB_TYPE_PERIOD_INDICATOR (pb_period_indicator_get_type ())
G_DECLARE_FINAL_TYPE (PbPeriodIndicator, pb_period_indicator, PB, PERIOD_INDICATOR, PbRecord)

#define PB_TYPE_PERIOD_ITEM (pb_period_item_get_type ())
G_DECLARE_FINAL_TYPE (PbPeriodItem, pb_period_item, PB, PERIOD_ITEM, PbRecord)

#define PB_TYPE_PROGRESS_FORM (pb_progress_form_get_type ())
G_DECLARE_FINAL_TYPE (PbProgressForm, pb_progress_form, PB, PROGRESS_FORM, PbRecord)

#define PB_TYPE_ITEM_HISTORY (pb_item_history_get_type ())
G_DECLARE_FINAL_TYPE (PbItemHistory, pb_item_history, PB, ITEM_HISTORY, PbRecord)

/* The record types in dependency order: a table's foreign keys point only
 * at tables before it. */
const GType *pb_model_get_types (guint *n_types);
GType        pb_model_type_for_table (const char *table);

const char  *pb_plan_get_title          (PbPlan *self);
int          pb_plan_get_period_start   (PbPlan *self);
int          pb_plan_get_period_end     (PbPlan *self);

gint64       pb_section_get_plan_id     (PbSection *self);
gint64       pb_section_get_parent_id   (PbSection *self);
const char  *pb_section_get_number      (PbSection *self);
const char  *pb_section_get_title       (PbSection *self);

gint64       pb_item_get_plan_id        (PbItem *self);
gint64       pb_item_get_section_id     (PbItem *self);
PbItemKind   pb_item_get_kind           (PbItem *self);
const char  *pb_item_get_number         (PbItem *self);
const char  *pb_item_get_title          (PbItem *self);
PbItemStatus pb_item_get_status         (PbItem *self);
double       pb_item_get_progress       (PbItem *self);
char        *pb_item_dup_short_name     (PbItem *self);

const char  *pb_organisation_get_name   (PbOrganisation *self);

gint64       pb_item_org_get_item_id    (PbItemOrg *self);
gint64       pb_item_org_get_organisation_id (PbItemOrg *self);
PbRole       pb_item_org_get_role       (PbItemOrg *self);

const char  *pb_indicator_get_name      (PbIndicator *self);
const char  *pb_indicator_get_measure_unit (PbIndicator *self);

int          pb_target_get_year         (PbTarget *self);
double       pb_target_get_value        (PbTarget *self);

/* Dates as the library stores them: ISO 8601 text, YYYY-MM-DD. */
gboolean     pb_date_parse              (const char  *text,
                                         GDate       *date);
void         pb_date_format             (const GDate *date,
                                         char         out[11]);
void         pb_date_add_months         (GDate       *date,
                                         int          months);

G_END_DECLS
