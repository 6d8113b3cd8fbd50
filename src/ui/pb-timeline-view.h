/* pb-timeline-view.h — the plan's Gantt chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-store.h"
#include "pb-timeline.h"

G_BEGIN_DECLS

#define PB_TYPE_TIMELINE_VIEW (pb_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (PbTimelineView, pb_timeline_view, PB, TIMELINE_VIEW, GtkWidget)

GtkWidget      *pb_timeline_view_new          (PbStore        *store);
void            pb_timeline_view_set_plan     (PbTimelineView *self,
                                               PbPlan         *plan);
GListModel     *pb_timeline_view_get_items    (PbTimelineView *self);
void            pb_timeline_view_set_today    (PbTimelineView *self,
                                               const GDate    *today);
PbTimeline     *pb_timeline_view_get_timeline (PbTimelineView *self);
void            pb_timeline_view_set_zoom     (PbTimelineView *self,
                                               PbTimelineZoom  zoom);
gint64          pb_timeline_view_get_selected (PbTimelineView *self);
gboolean        pb_timeline_view_get_selected_dependency (PbTimelineView *self,
                                                          gint64         *from_id,
                                                          gint64         *to_id);
void            pb_timeline_view_select       (PbTimelineView *self,
                                               gint64          item_id);
void            pb_timeline_view_widget_point (PbTimelineView *self,
                                               double          chart_x,
                                               double          chart_y,
                                               double         *x,
                                               double         *y);
void            pb_timeline_view_click_full   (PbTimelineView *self,
                                               double          x,
                                               double          y,
                                               int             n_press,
                                               GdkModifierType state);
void            pb_timeline_view_select_all   (PbTimelineView *self);
void            pb_timeline_view_set_selected_items (PbTimelineView *self,
                                                     const gint64   *item_ids,
                                                     guint           n_items);
GArray         *pb_timeline_view_get_selected_items (PbTimelineView *self);
guint           pb_timeline_view_get_n_selected (PbTimelineView *self);
void            pb_timeline_view_focus_section (PbTimelineView *self,
                                                gint64          section_id);
gboolean        pb_timeline_view_get_focused_section (PbTimelineView *self,
                                                      gint64         *section_id);
GtkWidget      *pb_timeline_view_popup_section_menu (PbTimelineView *self,
                                                     gint64          section_id,
                                                     double          x,
                                                     double          y);
void            pb_timeline_view_toggle_section (PbTimelineView *self,
                                                 gint64          section_id);
void            pb_timeline_view_click        (PbTimelineView *self,
                                               double          x,
                                               double          y,
                                               int             n_press);
gboolean        pb_timeline_view_drag         (PbTimelineView *self,
                                               double          x0,
                                               double          y0,
                                               double          x1,
                                               double          y1,
                                               GdkModifierType modifiers);

gboolean        pb_timeline_view_drag_preview (PbTimelineView *self,
                                               gint64         *item_id,
                                               guint32        *start_day,
                                               guint32        *due_day,
                                               gint64         *to_id);
/* A bar where the drag in progress would put it. */
typedef struct
{
  gint64  item_id;
  guint32 start_day;
  guint32 due_day;
} PbTimelineGhost;

GArray         *pb_timeline_view_dup_drag_ghosts (PbTimelineView *self,
                                                  gboolean       *refused);
void            pb_timeline_view_drag_update  (PbTimelineView *self,
                                               double          x0,
                                               double          y0,
                                               double          x1,
                                               double          y1,
                                               GdkModifierType modifiers);
gboolean        pb_timeline_view_cancel_drag  (PbTimelineView *self);
gboolean        pb_timeline_view_move_selected (PbTimelineView *self,
                                                int             direction);

void            pb_timeline_view_set_bottom_inset (PbTimelineView *self,
                                                   double          inset);

G_END_DECLS
