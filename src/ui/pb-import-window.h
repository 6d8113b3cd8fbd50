/* pb-import-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_IMPORT_WINDOW (pb_import_window_get_type ())
G_DECLARE_FINAL_TYPE (PbImportWindow, pb_import_window, PB, IMPORT_WINDOW, AdwWindow)

PbImportWindow *pb_import_window_new       (GtkWindow      *parent,
                                            PbStore        *store);
void            pb_import_window_read_file (PbImportWindow *self,
                                            GFile          *file);
void            pb_import_window_read_text (PbImportWindow *self,
                                            const char     *text);
const char     *pb_import_window_get_page  (PbImportWindow *self);
char           *pb_import_window_year_outside_period (PbImportWindow *self,
                                                      int             year);
void            pb_import_window_set_field_error (PbImportWindow *self,
                                                  GtkWidget      *field,
                                                  GtkWidget      *error_row,
                                                  const char     *message);

G_END_DECLS
