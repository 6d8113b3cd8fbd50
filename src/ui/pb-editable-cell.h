/* pb-editable-cell.h — a table cell that becomes an entry when edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_EDITABLE_CELL (pb_editable_cell_get_type ())
G_DECLARE_FINAL_TYPE (PbEditableCell, pb_editable_cell, PB, EDITABLE_CELL, GtkWidget)

GtkWidget  *pb_editable_cell_new           (void);
void        pb_editable_cell_set_text      (PbEditableCell *self,
                                            const char     *text);
void        pb_editable_cell_set_texts     (PbEditableCell *self,
                                            const char     *text,
                                            const char     *display);
const char *pb_editable_cell_get_text      (PbEditableCell *self);
const char *pb_editable_cell_get_display_text (PbEditableCell *self);
gboolean    pb_editable_cell_get_editing   (PbEditableCell *self);
void        pb_editable_cell_start_editing (PbEditableCell *self);
void        pb_editable_cell_stop_editing  (PbEditableCell *self,
                                            gboolean        commit);
GtkEditable *pb_editable_cell_get_editable (PbEditableCell *self);

G_END_DECLS
