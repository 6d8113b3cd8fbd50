/* pb-timeline.h — the Gantt chart: layout, geometry and painting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One painter for the screen, the command line and print (DESIGN §3).
 * A PbTimeline holds the laid-out chart: rows, dates → x, milestones and
 * dependencies, computed when the data or the zoom changes. Painting a
 * viewport touches only the rows and dependencies that show in it.
 */
#pragma once

#include <cairo.h>

#include "pb-enums.h"
#include "pb-store.h"

G_BEGIN_DECLS

typedef enum
{
  PB_TIMELINE_ZOOM_YEAR,     /* years over quarters */
  PB_TIMELINE_ZOOM_QUARTER,  /* quarters over months */
  PB_TIMELINE_ZOOM_MONTH,    /* months over weeks */
  PB_TIMELINE_ZOOM_WEEK,     /* months over weeks, wide enough for days */
} PbTimelineZoom;

typedef enum
{
  PB_TIMELINE_HIT_NONE,
  PB_TIMELINE_HIT_SECTION,
  PB_TIMELINE_HIT_LABEL,
  PB_TIMELINE_HIT_BAR,
  PB_TIMELINE_HIT_BAR_START,
  PB_TIMELINE_HIT_BAR_END,
  PB_TIMELINE_HIT_MILESTONE,
  PB_TIMELINE_HIT_DEPENDENCY,
} PbTimelineHitKind;

typedef struct
{
  PbTimelineHitKind kind;
  gint64            item_id;     /* the row's item, or the dependency's successor */
  gint64            other_id;    /* a dependency's predecessor; a section's id */
  guint             row;
  guint             index;       /* a milestone's or dependency's index */
} PbTimelineHit;

typedef struct
{
  guint rows_painted;
  guint milestones_painted;
  guint arrows_painted;
  guint labels_shaped;       /* labels Pango shaped this frame */
  guint labels_from_glyphs;  /* labels laid out from kept glyphs */
} PbTimelinePaintStats;

typedef struct _PbTimeline PbTimeline;

#define PB_TIMELINE_HEADER_HEIGHT  48.0
#define PB_TIMELINE_ROW_HEIGHT     32.0
#define PB_TIMELINE_SECTION_HEIGHT 28.0
/* How far from a dependency's line a point still hits it, either side, in
 * the chart's units: logical pixels, which GTK's pointer events come in and
 * which a HiDPI screen draws with 2 or 3 device pixels each, so the reach
 * is the same to the eye and the hand at any scale. */
#define PB_TIMELINE_DEPENDENCY_REACH 5.0
/* How far from a bar's end a point still grips it to resize it, either
 * side (inside, up to 5 px more where a target's diamond covers the end);
 * nothing else drawn in a row (a target's label) covers that. */
#define PB_TIMELINE_GRIP_REACH 5.0
/* The least room after the chart's last day, for the labels of the
 * targets due on it, right of their diamonds (pb_timeline_get_end_room()
 * gives what they take). */
#define PB_TIMELINE_END_ROOM 120.0

PbTimeline   *pb_timeline_new             (guint32         first_day,
                                           guint32         last_day,
                                           guint32         today);
PbTimeline   *pb_timeline_new_from_store  (PbStore        *store,
                                           gint64          plan_id,
                                           guint32         today,
                                           GHashTable     *collapsed,
                                           GError        **error);
PbTimeline   *pb_timeline_new_from_store_full (PbStore     *store,
                                              gint64       plan_id,
                                              guint32      today,
                                              GHashTable  *collapsed,
                                              gboolean     every_section,
                                              GError     **error);
gboolean      pb_timeline_update_from_store (PbTimeline   *self,
                                           PbStore        *store,
                                           gint64          plan_id,
                                           guint32         today,
                                           GHashTable     *collapsed,
                                           GArray         *changed,
                                           GPtrArray      *items);
void          pb_timeline_free            (PbTimeline     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTimeline, pb_timeline_free)

void          pb_timeline_set_formal      (PbTimeline     *self,
                                           gboolean        formal);

void          pb_timeline_add_section     (PbTimeline     *self,
                                           const char     *title);
void          pb_timeline_add_section_full (PbTimeline    *self,
                                           gint64          id,
                                           const char     *title,
                                           gboolean        collapsed);
void          pb_timeline_add_section_at_depth (PbTimeline *self,
                                           gint64          id,
                                           const char     *title,
                                           gboolean        collapsed,
                                           guint           depth);
void          pb_timeline_add_item        (PbTimeline     *self,
                                           gint64          id,
                                           const char     *number,
                                           const char     *title,
                                           const char     *lead,
                                           guint32         start_day,
                                           guint32         due_day,
                                           double          progress,
                                           PbHealth        health,
                                           PbItemStatus    status,
                                           gboolean        milestone);
gboolean      pb_timeline_update_item     (PbTimeline     *self,
                                           gint64          id,
                                           gint64          section_id,
                                           const char     *number,
                                           const char     *title,
                                           guint32         start_day,
                                           guint32         due_day,
                                           double          progress,
                                           PbHealth        health,
                                           PbItemStatus    status,
                                           gboolean        milestone);
void          pb_timeline_set_item_health (PbTimeline     *self,
                                           gint64          id,
                                           double          progress,
                                           PbHealth        health);
guint         pb_timeline_get_n_milestones (PbTimeline    *self);
const char   *pb_timeline_get_milestone_label (PbTimeline *self,
                                               guint       index);
void          pb_timeline_add_milestone   (PbTimeline     *self,
                                           gint64          item_id,
                                           guint32         day,
                                           const char     *label);
void          pb_timeline_add_dependency  (PbTimeline     *self,
                                           gint64          from_id,
                                           gint64          to_id,
                                           int             lag_days);

void          pb_timeline_set_zoom        (PbTimeline     *self,
                                           PbTimelineZoom  zoom);
PbTimelineZoom pb_timeline_get_zoom       (PbTimeline     *self);
void          pb_timeline_set_label_width (PbTimeline     *self,
                                           double          width);
double        pb_timeline_get_label_width (PbTimeline     *self);
void          pb_timeline_layout          (PbTimeline     *self);

guint         pb_timeline_get_n_rows      (PbTimeline     *self);
double        pb_timeline_get_width       (PbTimeline     *self);
double        pb_timeline_get_natural_width (PbTimeline   *self);
double        pb_timeline_get_end_room    (PbTimeline     *self);
double        pb_timeline_get_height      (PbTimeline     *self);
double        pb_timeline_x_for_day       (PbTimeline     *self,
                                           guint32         day);
guint32       pb_timeline_day_for_x       (PbTimeline     *self,
                                           double          x);
guint32       pb_timeline_snap_day        (PbTimeline     *self,
                                           guint32         day);
gboolean      pb_timeline_get_item_row    (PbTimeline     *self,
                                           gint64          item_id,
                                           guint          *row);
gboolean      pb_timeline_get_item_dates  (PbTimeline     *self,
                                           gint64          item_id,
                                           guint32        *start_day,
                                           guint32        *due_day);
void          pb_timeline_set_selected    (PbTimeline     *self,
                                           gint64          item_id);
void          pb_timeline_set_chosen      (PbTimeline     *self,
                                           GHashTable     *ids);
void          pb_timeline_set_selected_dependency (PbTimeline *self,
                                           gint64          from_id,
                                           gint64          to_id);
gint64        pb_timeline_get_row_item    (PbTimeline     *self,
                                           guint           row);
double        pb_timeline_get_row_label_x (PbTimeline     *self,
                                           guint           row);
double        pb_timeline_get_row_y       (PbTimeline     *self,
                                           guint           row);
guint         pb_timeline_row_at_y        (PbTimeline     *self,
                                           double          y);
guint         pb_timeline_get_dependency_path (PbTimeline *self,
                                           gint64          from_id,
                                           gint64          to_id,
                                           double          pts[12]);
void          pb_timeline_hit_test        (PbTimeline     *self,
                                           double          x,
                                           double          y,
                                           PbTimelineHit  *hit);

void          pb_timeline_paint           (PbTimeline     *self,
                                           cairo_t        *cr,
                                           double          scroll_x,
                                           double          scroll_y,
                                           double          width,
                                           double          height,
                                           gboolean        dark,
                                           PbTimelinePaintStats *stats);

void          pb_timeline_set_shape_all   (PbTimeline     *self,
                                           gboolean        shape_all);

gboolean      pb_timeline_write_file      (PbTimeline     *self,
                                           const char     *path,
                                           double          width,
                                           GError        **error);

G_END_DECLS
