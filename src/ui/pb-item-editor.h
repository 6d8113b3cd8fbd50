/* pb-item-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_ITEM_EDITOR (pb_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (PbItemEditor, pb_item_editor, PB, ITEM_EDITOR, GtkWidget)

GtkWidget *pb_item_editor_new      (PbStore      *store);
PbItem    *pb_item_editor_get_item (PbItemEditor *self);
void       pb_item_editor_set_read_only (PbItemEditor *self,
                                         gboolean      read_only);
void       pb_item_editor_set_item (PbItemEditor *self,
                                    PbItem       *item);
void       pb_item_editor_flush    (PbItemEditor *self);
void       pb_item_editor_focus_title (PbItemEditor *self);
void       pb_item_editor_show_top    (PbItemEditor *self);

G_END_DECLS
