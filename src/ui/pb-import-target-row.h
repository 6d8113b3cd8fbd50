/* pb-import-target-row.h — one target in the import review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PB_TYPE_IMPORT_TARGET_ROW (pb_import_target_row_get_type ())
G_DECLARE_FINAL_TYPE (PbImportTargetRow, pb_import_target_row, PB, IMPORT_TARGET_ROW, AdwExpanderRow)

GtkWidget  *pb_import_target_row_new            (JsonObject        *target,
                                                 JsonObject        *kind);
JsonObject *pb_import_target_row_get_target     (PbImportTargetRow *self);
GtkWidget  *pb_import_target_row_get_year_field (PbImportTargetRow *self);
GtkWidget  *pb_import_target_row_get_name_field (PbImportTargetRow *self);
JsonObject *pb_import_target_row_get_indicator  (PbImportTargetRow *self);
void        pb_import_target_row_sync           (PbImportTargetRow *self);
void        pb_import_target_row_copy_from      (PbImportTargetRow *self,
                                                 PbImportTargetRow *source);
gboolean    pb_import_target_row_is_borderline  (PbImportTargetRow *self);

gboolean    pb_import_parse_year                (const char        *text,
                                                 int               *year,
                                                 char             **message);
gboolean    pb_import_target_has_year           (JsonObject        *target);

G_END_DECLS
