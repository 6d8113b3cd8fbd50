/* pb-store-edit.h — editing a plan by hand: items, sections, plan
 * properties and many items at once, each one undoable command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by pb-store.h; implemented in pb-store-edit.c.
 */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

/* Items */
char        *pb_store_next_item_number (PbStore      *self,
                                        gint64        plan_id,
                                        gint64        section_id);
char        *pb_store_propose_item_number (PbStore    *self,
                                           gint64      plan_id,
                                           gint64      section_id,
                                           PbItemKind  kind);
PbItem      *pb_store_find_number_clash (PbStore    *self,
                                         PbItem     *item,
                                         const char *number);
gint64       pb_store_insert_item      (PbStore      *self,
                                        gint64        plan_id,
                                        gint64        section_id,
                                        gint64        after_item_id,
                                        PbItemKind    kind,
                                        const char   *number,
                                        const char   *title,
                                        PbItemStatus  status,
                                        gint64        lead_organisation_id,
                                        GError      **error);
gboolean     pb_store_check_item_dates (PbStore      *self,
                                        PbItem       *item,
                                        const char   *start,
                                        const char   *due,
                                        const char  **column,
                                        GError      **error);
gboolean     pb_store_set_item_dates   (PbStore      *self,
                                        PbItem       *item,
                                        const char   *start,
                                        const char   *due,
                                        GError      **error);
gboolean     pb_store_set_health_override (PbStore    *self,
                                           PbItem     *item,
                                           PbHealth    health,
                                           const char *reason,
                                           GError    **error);
gboolean     pb_store_delete_items     (PbStore      *self,
                                        const gint64 *item_ids,
                                        guint         n_items,
                                        GError      **error);

/* Targets: one a goal and its task both state is one, changed and
 * deleted together. */
GPtrArray   *pb_store_list_target_twins (PbStore     *self,
                                         PbTarget    *target);
gboolean     pb_store_change_target    (PbStore      *self,
                                        PbTarget     *target,
                                        int           year,
                                        double        value,
                                        PbComparator  comparator,
                                        gboolean      stretch,
                                        GError      **error);
gboolean     pb_store_delete_target    (PbStore      *self,
                                        PbTarget     *target,
                                        GError      **error);

/* Sections */
gint64       pb_store_insert_section   (PbStore      *self,
                                        gint64        plan_id,
                                        gint64        parent_id,
                                        gint64        after_section_id,
                                        const char   *number,
                                        const char   *title,
                                        GError      **error);
gboolean     pb_store_rename_section   (PbStore      *self,
                                        PbSection    *section,
                                        const char   *number,
                                        const char   *title,
                                        GError      **error);
gboolean     pb_store_move_section     (PbStore      *self,
                                        PbSection    *section,
                                        gint64        parent_id,
                                        gint64        before_id,
                                        GError      **error);
gboolean     pb_store_shift_section    (PbStore      *self,
                                        PbSection    *section,
                                        int           delta,
                                        GError      **error);
gboolean     pb_store_indent_section   (PbStore      *self,
                                        PbSection    *section,
                                        gboolean      indent,
                                        GError      **error);
gboolean     pb_store_renumber_sections (PbStore     *self,
                                         gint64       plan_id,
                                         gint64       parent_id,
                                         GError     **error);
char        *pb_store_section_number_in_place (PbStore  *self,
                                               gint64    plan_id,
                                               gint64    parent_id,
                                               gint64    after_section_id,
                                               guint    *n_after,
                                               GError  **error);
PbSection   *pb_store_find_section_number_clash (PbStore    *self,
                                                 PbSection  *section,
                                                 const char *number);
typedef enum
{
  PB_SECTION_MOVE_UP       = 1 << 0,
  PB_SECTION_MOVE_DOWN     = 1 << 1,
  PB_SECTION_MOVE_INDENT   = 1 << 2,
  PB_SECTION_MOVE_OUTDENT  = 1 << 3,
  PB_SECTION_MOVE_RENUMBER = 1 << 4,
  /* It has sub-sections, and they do not count 1, 2, 3… in order. */
  PB_SECTION_MOVE_RENUMBER_SUBS = 1 << 5,
  /* It has sub-sections. */
  PB_SECTION_HAS_SUBS      = 1 << 6,
} PbSectionMoves;

PbSectionMoves pb_store_get_section_moves (PbStore   *self,
                                           gint64     section_id);
guint        pb_store_count_section_items (PbStore   *self,
                                           gint64     section_id,
                                           GError   **error);
gboolean     pb_store_delete_section   (PbStore      *self,
                                        PbSection    *section,
                                        gint64        move_items_to,
                                        GError      **error);

/* The plan */
guint        pb_store_count_default_dated_items (PbStore *self,
                                                 PbPlan  *plan);
guint        pb_store_count_undated_items (PbStore *self,
                                           PbPlan  *plan);
guint        pb_store_count_targets_outside (PbStore *self,
                                             PbPlan  *plan,
                                             int      first,
                                             int      last);
gboolean     pb_store_set_plan_properties (PbStore    *self,
                                           PbPlan     *plan,
                                           const char *title,
                                           const char *doc_number,
                                           const char *issuer,
                                           const char *issue_date,
                                           int         period_start,
                                           int         period_end,
                                           gboolean    move_default_dates,
                                           GError    **error);

/* Many items at once */
gboolean     pb_store_set_items_status (PbStore      *self,
                                        const gint64 *item_ids,
                                        guint         n_items,
                                        PbItemStatus  status,
                                        GError      **error);
gboolean     pb_store_set_items_lead   (PbStore      *self,
                                        const gint64 *item_ids,
                                        guint         n_items,
                                        const char   *organisation,
                                        GError      **error);
gboolean     pb_store_add_items_responsible (PbStore      *self,
                                             const gint64 *item_ids,
                                             guint         n_items,
                                             const char   *organisation,
                                             GError      **error);
gboolean     pb_store_shift_items      (PbStore      *self,
                                        const gint64 *item_ids,
                                        guint         n_items,
                                        int           days,
                                        int           months,
                                        GError      **error);
gboolean     pb_store_check_shift_items (PbStore      *self,
                                         const gint64 *item_ids,
                                         guint         n_items,
                                         int           days,
                                         int           months,
                                         GError      **error);
gboolean     pb_store_place_item       (PbStore      *self,
                                        PbItem       *item,
                                        gint64        section_id,
                                        gint64        before_id,
                                        GError      **error);
gboolean     pb_store_move_items_to_section (PbStore      *self,
                                             const gint64 *item_ids,
                                             guint         n_items,
                                             gint64        section_id,
                                             GError      **error);

gboolean     pb_store_rename_indicator (PbStore      *self,
                                        PbIndicator  *indicator,
                                        const char   *name,
                                        const char   *measure_unit,
                                        GError      **error);

/* Labels */
char        *pb_store_describe_items   (PbStore      *self,
                                        const gint64 *item_ids,
                                        guint         n_items);

G_END_DECLS
