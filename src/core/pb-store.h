/* pb-store.h — the library database: the single source of truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pb-model.h"

G_BEGIN_DECLS

#define PB_STORE_ERROR (pb_store_error_quark ())

/* The largest magnitude a stored number may have: every JSON reader reads
 * it back exactly enough, and 1e20 can never be written as "1e+20.0". */
#define PB_MAX_NUMBER 1e15

typedef enum
{
  PB_STORE_ERROR_NOT_A_LIBRARY,
  PB_STORE_ERROR_NEWER_SCHEMA,
  PB_STORE_ERROR_CORRUPT,
  PB_STORE_ERROR_READ_ONLY,
  PB_STORE_ERROR_FULL,
  PB_STORE_ERROR_BUSY,
  PB_STORE_ERROR_IO,
  PB_STORE_ERROR_INVALID,
  PB_STORE_ERROR_NOT_FOUND,
  PB_STORE_ERROR_NO_HISTORY,
  PB_STORE_ERROR_CONFLICT,
  PB_STORE_ERROR_REFUSED,      /* a shared library's rules refused the change */
  PB_STORE_ERROR_UNREACHABLE,  /* a shared library's server did not answer */
  PB_STORE_ERROR_NEEDS_PASSWORD,  /* a shared library's server asks for a password */
  PB_STORE_ERROR_WRONG_PASSWORD,  /* ... and did not accept the one given */
} PbStoreError;

typedef enum
{
  PB_STORE_OPEN_DEFAULT   = 0,
  PB_STORE_OPEN_CREATE    = 1 << 0,
  PB_STORE_OPEN_READ_ONLY = 1 << 1,
} PbStoreOpenFlags;

/* Whether a library can be written, and if not, why. */
typedef enum
{
  PB_STORE_ACCESS_WRITABLE,
  PB_STORE_ACCESS_OPENED_READ_ONLY,
  PB_STORE_ACCESS_READ_ONLY_FILE,
  PB_STORE_ACCESS_READ_ONLY_FOLDER,
  PB_STORE_ACCESS_READ_ONLY_DISK,
  PB_STORE_ACCESS_SHARED_VIEWER,     /* a viewer of a shared library */
} PbStoreAccess;

/* Who the planner is in a shared library (the server's roles); a library
 * file is the planner's own, the office's. */
typedef enum
{
  PB_STORE_MEMBER_OFFICE,
  PB_STORE_MEMBER_REPORTER,
  PB_STORE_MEMBER_VIEWER,
} PbStoreMember;

typedef void (*PbItemOrgFunc) (gint64      item_id,
                               gint64      organisation_id,
                               const char *name,
                               PbRole      role,
                               gpointer    user_data);

#define PB_TYPE_STORE (pb_store_get_type ())
G_DECLARE_FINAL_TYPE (PbStore, pb_store, PB, STORE, GObject)

GQuark       pb_store_error_quark     (void);
char        *pb_store_default_path    (void);

PbStore     *pb_store_open            (const char        *path,
                                       PbStoreOpenFlags   flags,
                                       GError           **error);
PbStore     *pb_store_open_with_password (const char     *path,
                                          const char     *password,
                                          PbStoreOpenFlags flags,
                                          GError        **error);
void         pb_store_check_ahead     (const char        *path);
void         pb_store_check_ahead_cancel (void);
const char  *pb_store_get_path        (PbStore           *self);
char        *pb_store_dup_display_name (PbStore          *self);
gboolean     pb_store_is_shared       (PbStore           *self);
gboolean     pb_store_get_online      (PbStore           *self);
char        *pb_store_error_split     (const char        *message,
                                       char             **detail);
gboolean     pb_store_get_created     (PbStore           *self);
gboolean     pb_store_get_read_only   (PbStore           *self);
PbStoreAccess pb_store_get_access     (PbStore           *self);
PbStoreMember pb_store_get_member_role (PbStore          *self,
                                        const char      **organisation);
gboolean     pb_store_may_report_on_item (PbStore        *self,
                                          gint64          item_id);
gboolean     pb_store_check_writable  (PbStore           *self,
                                       GError           **error);
guint64      pb_store_get_generation  (PbStore           *self);
gboolean     pb_store_refresh         (PbStore           *self);
gboolean     pb_store_refresh_arrived (PbStore           *self);
gboolean     pb_store_is_library_file (PbStore           *self,
                                       const char        *path);
guint64      pb_store_get_table_generation (PbStore      *self,
                                            const char   *table);
void         pb_store_set_busy_timeout (PbStore          *self,
                                        guint             msec);

/* Reading */
gpointer     pb_store_get_record      (PbStore    *self,
                                       GType       type,
                                       gint64      id);
GPtrArray   *pb_store_dup_records     (PbStore    *self,
                                       GType       type,
                                       const char *column,
                                       gint64      value);
GPtrArray   *pb_store_dup_plan_items  (PbStore    *self,
                                       gint64      plan_id);
GArray      *pb_store_dup_changed_ids (PbStore    *self,
                                       const char *table);
GPtrArray   *pb_store_dup_records_where (PbStore  *self,
                                       GType       type,
                                       const char *where,
                                       gint64      param);
GListModel  *pb_store_list_plans      (PbStore    *self);
GListModel  *pb_store_list_sections   (PbStore    *self,
                                       gint64      plan_id);
GListModel  *pb_store_list_items      (PbStore    *self,
                                       gint64      plan_id);
GListModel  *pb_store_list_section_items (PbStore *self,
                                          gint64   section_id);
GListModel  *pb_store_list_organisations (PbStore *self,
                                          gint64   plan_id);
GListModel  *pb_store_list_organisation_aliases (PbStore *self,
                                                 gint64   organisation_id);
GListModel  *pb_store_list_item_orgs  (PbStore    *self,
                                       gint64      item_id);
GListModel  *pb_store_list_indicators (PbStore    *self,
                                       gint64      plan_id);
GListModel  *pb_store_list_targets    (PbStore    *self,
                                       gint64      indicator_id);
GListModel  *pb_store_list_actuals    (PbStore    *self,
                                       gint64      indicator_id);
GListModel  *pb_store_list_dependencies (PbStore  *self,
                                         gint64    plan_id);
GListModel  *pb_store_list_notes      (PbStore    *self,
                                       gint64      item_id);
guint        pb_store_count           (PbStore    *self,
                                       GType       type,
                                       const char *column,
                                       gint64      value);
char        *pb_store_dup_lead_names  (PbStore    *self,
                                       gint64      item_id);
guint        pb_store_count_item_orgs (PbStore    *self,
                                       gint64      item_id,
                                       PbRole      role);
GHashTable  *pb_store_dup_first_leads (PbStore    *self,
                                       gint64      plan_id);
GHashTable  *pb_store_dup_org_names   (PbStore    *self,
                                       gint64      plan_id,
                                       PbRole      role);
void         pb_store_get_plan_years  (PbStore    *self,
                                       gint64      plan_id,
                                       int        *first,
                                       int        *last);
GHashTable  *pb_store_dup_section_titles (PbStore *self,
                                          gint64   plan_id);
GHashTable  *pb_store_dup_indicator_counts (PbStore *self,
                                            gint64   plan_id);
void         pb_store_foreach_item_org (PbStore       *self,
                                        gint64         plan_id,
                                        PbItemOrgFunc  func,
                                        gpointer       user_data);
gint64       pb_store_find_organisation (PbStore    *self,
                                         gint64      plan_id,
                                         const char *name);

/* Writing: every call is one transaction and one undoable command. */
gint64       pb_store_create_plan     (PbStore     *self,
                                       const char  *title,
                                       int          period_start,
                                       int          period_end,
                                       GError     **error);
gint64       pb_store_add_section     (PbStore     *self,
                                       gint64       plan_id,
                                       gint64       parent_id,
                                       const char  *number,
                                       const char  *title,
                                       GError     **error);
gint64       pb_store_add_item        (PbStore     *self,
                                       gint64       plan_id,
                                       gint64       section_id,
                                       PbItemKind   kind,
                                       const char  *number,
                                       const char  *title,
                                       GError     **error);
gint64       pb_store_assign_organisation (PbStore     *self,
                                           gint64       item_id,
                                           const char  *name,
                                           PbRole       role,
                                           GError     **error);
gint64       pb_store_add_indicator   (PbStore        *self,
                                       gint64          plan_id,
                                       gint64          item_id,
                                       const char     *name,
                                       const char     *measure_unit,
                                       PbIndicatorKind kind,
                                       GError        **error);
gint64       pb_store_add_target      (PbStore      *self,
                                       gint64        indicator_id,
                                       int           year,
                                       double        value,
                                       PbComparator  comparator,
                                       gboolean      stretch,
                                       GError      **error);
gint64       pb_store_add_actual      (PbStore     *self,
                                       gint64       indicator_id,
                                       const char  *date,
                                       double       value,
                                       const char  *note,
                                       GError     **error);
gint64       pb_store_record_actual   (PbStore     *self,
                                       gint64       indicator_id,
                                       const char  *date,
                                       double       value,
                                       const char  *note,
                                       const char  *source,
                                       GError     **error);
gint64       pb_store_add_note        (PbStore     *self,
                                       gint64       item_id,
                                       const char  *date,
                                       gint64       organisation_id,
                                       const char  *text,
                                       GError     **error);
gboolean     pb_store_check_dependency (PbStore    *self,
                                        gint64      from_item_id,
                                        gint64      to_item_id,
                                        GError    **error);
gboolean     pb_store_dependency_contradicts (PbStore *self,
                                              gint64   from_item_id,
                                              gint64   to_item_id,
                                              int      lag_days);
gint64       pb_store_add_dependency  (PbStore     *self,
                                       gint64       from_item_id,
                                       gint64       to_item_id,
                                       int          lag_days,
                                       GError     **error);
gboolean     pb_store_set             (PbStore     *self,
                                       gpointer     record,
                                       GError     **error,
                                       const char  *first_column,
                                       ...) G_GNUC_NULL_TERMINATED;
gboolean     pb_store_set_value       (PbStore      *self,
                                       gpointer      record,
                                       const char   *column,
                                       const GValue *value,
                                       GError      **error);
gboolean     pb_store_delete          (PbStore     *self,
                                       gpointer     record,
                                       GError     **error);
gboolean     pb_store_move_item       (PbStore     *self,
                                       PbItem      *item,
                                       gint64       before_id,
                                       GError     **error);
gboolean     pb_store_set_lead        (PbStore     *self,
                                       PbItem      *item,
                                       gint64       organisation_id,
                                       GError     **error);
gint64       pb_store_duplicate_plan  (PbStore     *self,
                                       gint64       plan_id,
                                       GError     **error);

/* History */
gboolean     pb_store_can_undo        (PbStore  *self);
gboolean     pb_store_can_redo        (PbStore  *self);
const char  *pb_store_get_undo_label  (PbStore  *self);
const char  *pb_store_get_redo_label  (PbStore  *self);
gint64       pb_store_get_undo_plan   (PbStore  *self);
gint64       pb_store_get_redo_plan   (PbStore  *self);
gint64       pb_store_get_undo_removed_plan (PbStore *self);
gboolean     pb_store_undo            (PbStore  *self,
                                       GError  **error);
gboolean     pb_store_redo            (PbStore  *self,
                                       GError  **error);
void         pb_store_clear_history   (PbStore  *self);
gint64       pb_store_get_undo_mark   (PbStore  *self);
gboolean     pb_store_withdraw        (PbStore  *self,
                                       gint64    mark,
                                       GError  **error);
void         pb_store_begin_group     (PbStore    *self,
                                       const char *label);
void         pb_store_end_group       (PbStore    *self);

/* Exchange (pb-plan-json.c, pb-plan-file.c, pb-example.c) */
JsonNode    *pb_store_export_plan_json (PbStore   *self,
                                        gint64     plan_id,
                                        GError   **error);
gint64       pb_store_import_plan_json (PbStore   *self,
                                        JsonNode  *root,
                                        GError   **error);
gint64       pb_store_import_file     (PbStore     *self,
                                       const char  *path,
                                       GError     **error);
typedef enum
{
  PB_IMPORT_KEEP_TITLES = 0,
  PB_IMPORT_MARK_COPIES = 1 << 0,
} PbImportFlags;
gint64       pb_store_import_file_full (PbStore        *self,
                                        const char     *path,
                                        PbImportFlags   flags,
                                        GError        **error);
gint64       pb_store_find_plan_file_twin (PbStore     *self,
                                           const char  *path,
                                           GError     **error);
gint64       pb_store_find_plan_json_twin (PbStore     *self,
                                           JsonNode    *root);
gint64       pb_store_import_plan_json_full (PbStore        *self,
                                             JsonNode       *root,
                                             PbImportFlags   flags,
                                             GError        **error);
gboolean     pb_store_export_planboard (PbStore    *self,
                                        gint64      plan_id,
                                        const char *path,
                                        GError    **error);
gint64       pb_store_import_planboard (PbStore    *self,
                                        const char *path,
                                        GError    **error);
gboolean     pb_store_export_json_file (PbStore    *self,
                                        gint64      plan_id,
                                        const char *path,
                                        GError    **error);
char        *pb_json_to_data           (JsonNode  *root,
                                        gsize     *length);
gint64       pb_store_add_example_plan (PbStore   *self,
                                        GError   **error);

G_END_DECLS

/* Editing a plan by hand (pb-store-edit.c) */
#include "pb-store-edit.h"
