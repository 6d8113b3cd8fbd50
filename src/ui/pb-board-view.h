/* pb-board-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-store.h"

G_BEGIN_DECLS

typedef enum
{
  PB_BOARD_GROUPING_SECTION, /*< nick=section >*/
  PB_BOARD_GROUPING_STATUS,  /*< nick=status >*/
  PB_BOARD_GROUPING_LEAD,    /*< nick=lead >*/
} PbBoardGrouping;

#define PB_TYPE_BOARD_VIEW (pb_board_view_get_type ())
G_DECLARE_FINAL_TYPE (PbBoardView, pb_board_view, PB, BOARD_VIEW, GtkWidget)

GtkWidget       *pb_board_view_new             (PbStore        *store);
void             pb_board_view_set_plan        (PbBoardView    *self,
                                                PbPlan         *plan);
PbBoardGrouping  pb_board_view_get_grouping    (PbBoardView    *self);
void             pb_board_view_set_grouping    (PbBoardView    *self,
                                                PbBoardGrouping grouping);
void             pb_board_view_set_search      (PbBoardView    *self,
                                                const char     *text);
gboolean         pb_board_view_is_filtering    (PbBoardView    *self);
void             pb_board_view_set_filter      (PbBoardView    *self,
                                                gint64          organisation_id,
                                                int             status,
                                                int             health,
                                                int             kind);
guint            pb_board_view_get_n_columns   (PbBoardView    *self);
guint            pb_board_view_get_first_filled_column (PbBoardView *self);
guint            pb_board_view_get_first_column_in_view (PbBoardView *self);
const char      *pb_board_view_get_column_key  (PbBoardView    *self,
                                                guint           column);
const char      *pb_board_view_get_column_title (PbBoardView   *self,
                                                 guint          column);
gboolean         pb_board_view_show_column     (PbBoardView    *self,
                                                const char     *key);
GListModel      *pb_board_view_get_column_items (PbBoardView   *self,
                                                 guint          column);
gboolean         pb_board_view_move_card       (PbBoardView    *self,
                                                gint64          item_id,
                                                const char     *column_key,
                                                gint64          before_id,
                                                GError        **error);

void             pb_board_view_get_work        (PbBoardView    *self,
                                                guint          *n_classified,
                                                guint          *n_bound);
void             pb_board_view_get_widget_work (PbBoardView    *self,
                                                guint          *n_cards_made,
                                                guint          *n_columns_made,
                                                guint          *n_card_changes);
void             pb_board_view_get_shown_work  (PbBoardView    *self,
                                                guint          *n_cards_shown,
                                                guint          *n_columns_built);
guint            pb_board_view_get_late_cards  (PbBoardView    *self);
void             pb_board_view_set_size_hint   (PbBoardView    *self,
                                                int             width,
                                                int             height);

void             pb_board_view_select_all      (PbBoardView    *self);
void             pb_board_view_set_selected    (PbBoardView    *self,
                                                const gint64   *item_ids,
                                                guint           n_items);
guint            pb_board_view_get_n_selected  (PbBoardView    *self);
GArray          *pb_board_view_get_selected_items (PbBoardView *self);
void             pb_board_view_focus           (PbBoardView    *self);
gboolean         pb_board_view_focus_item      (PbBoardView    *self,
                                                gint64          item_id);
gint64           pb_board_view_get_cursor_item (PbBoardView    *self);
gint64           pb_board_view_get_focused_item (PbBoardView   *self,
                                                 const char   **column_key);

G_END_DECLS
