/* pb-window-edit.h — the window's actions for editing a plan by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-window.h"

G_BEGIN_DECLS

void       pb_window_edit_class_init      (GtkWidgetClass *widget_class);
void       pb_window_edit_update_actions  (PbWindow       *self);
GArray    *pb_window_get_selected_items   (PbWindow       *self);
gint64     pb_window_add_item             (PbWindow       *self,
                                           const char     *column_key);
gboolean   pb_window_delete_items         (PbWindow       *self);
GtkWidget *pb_window_ask_delete_section   (PbWindow       *self,
                                           PbSection      *section);
void       pb_window_edit_update_selection (PbWindow      *self);
gboolean   pb_window_edit_refuse_open_several (PbWindow   *self,
                                               guint       n);
void       pb_window_edit_setup_views     (PbWindow       *self);
GtkWidget *pb_window_popup_items_menu     (PbWindow       *self,
                                           GtkWidget      *anchor,
                                           double          x,
                                           double          y);
void       pb_window_focus_view           (PbWindow       *self);
void       pb_window_set_fresh_item       (PbWindow       *self,
                                           gint64          item_id);
void       pb_window_drop_fresh_item      (PbWindow       *self);
void       pb_window_edit_menu_shown      (PbWindow       *self,
                                           gboolean        shown);
GtkWidget *pb_window_ask_bulk             (PbWindow       *self,
                                           const char     *what);

G_END_DECLS
