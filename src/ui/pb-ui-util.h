/* pb-ui-util.h — small things the views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-enums.h"
#include "pb-store.h"

G_BEGIN_DECLS

char       *pb_ui_format_value       (double       value);
gboolean    pb_ui_parse_value        (const char  *text,
                                      double      *value);
gboolean    pb_ui_parse_target       (const char  *text,
                                      PbComparator *comparator,
                                      double      *value);
const char *pb_ui_health_css_class   (PbHealth     health);
void        pb_ui_toast              (GtkWidget   *widget,
                                      const char  *text,
                                      gboolean     with_undo);
/* Seconds the Undo toast of a destructive command stays. */
#define PB_UI_DESTRUCTIVE_TOAST_TIMEOUT 10
void        pb_ui_toast_full         (GtkWidget   *widget,
                                      const char  *text,
                                      gboolean     with_undo,
                                      guint        timeout);
void        pb_ui_toast_destructive  (GtkWidget   *widget,
                                      const char  *text);
AdwToast   *pb_ui_show_toast         (GtkWidget   *widget,
                                      AdwToast    *toast);
AdwToast   *pb_ui_get_toast          (GtkWidget   *widget);
GMenuModel *pb_ui_section_menu_new   (PbStore     *store,
                                      gint64       section_id);
AdwToast   *pb_ui_get_undo_toast     (GtkWidget   *widget);
void        pb_ui_dismiss_undo_toast (GtkWidget   *widget);

char       *pb_ui_dup_dependency_conflict (PbStore *store,
                                      gint64       from_item_id,
                                      gint64       to_item_id,
                                      int          lag_days,
                                      const char  *command);
char       *pb_ui_dup_period_change  (PbStore     *store,
                                      PbItem      *item,
                                      const GDate *today);

GtkFileChooserNative *
            pb_ui_save_chooser       (GtkWindow   *parent,
                                      const char  *title,
                                      const char  *file_name);

/* A view rebuilt from the store: soon after a change when on screen,
 * else when next shown. */
typedef void (*PbRebuildFunc) (gpointer view);

typedef struct
{
  GtkWidget    *widget;
  PbRebuildFunc rebuild;
  guint         idle_id;
  gboolean      dirty;     /* changed while off screen */
} PbLazyRebuild;

GtkWidget  *pb_ui_tooltip_label_new  (const char *text);
void        pb_ui_install_tooltip_labels (void);
void        pb_ui_track_pointer_motion (GtkWidget *window);
gboolean    pb_ui_tooltip_wanted     (GtkWidget  *widget,
                                      gboolean    keyboard);
void        pb_ui_tooltip_set_text   (GtkTooltip *tooltip,
                                      const char *text);
void        pb_ui_set_tooltip_lazily (GtkWidget  *widget,
                                      const char *text);
void        pb_ui_keep_frame_memory  (void);
void        pb_ui_prefault_start_heap (gsize size);
void        pb_ui_settle_icon_theme  (void);
void        pb_ui_menu_button_quiet_tooltip (GtkMenuButton *button);
void        pb_ui_follow_number_style (GtkWidget *widget,
                                       GCallback  callback);
GtkWidget  *pb_ui_discard_dialog_new   (GtkWindow  *parent,
                                        const char *heading,
                                        const char *body);
GtkWidget  *pb_ui_plan_twin_dialog_new (GtkWindow  *parent,
                                        const char *source,
                                        const char *title);
void        pb_lazy_rebuild_init     (PbLazyRebuild *lazy,
                                      GtkWidget     *widget,
                                      PbRebuildFunc  rebuild);
void        pb_lazy_rebuild_queue    (PbLazyRebuild *lazy);
void        pb_lazy_rebuild_request  (PbLazyRebuild *lazy);
void        pb_lazy_rebuild_begin    (PbLazyRebuild *lazy);
void        pb_lazy_rebuild_flush    (PbLazyRebuild *lazy);
void        pb_lazy_rebuild_clear    (PbLazyRebuild *lazy);

G_END_DECLS
