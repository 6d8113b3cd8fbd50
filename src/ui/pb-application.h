/* pb-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_APPLICATION (pb_application_get_type ())
G_DECLARE_FINAL_TYPE (PbApplication, pb_application, PB, APPLICATION, AdwApplication)

PbApplication *pb_application_new        (void);
PbStore       *pb_application_get_store  (PbApplication *self);
void           pb_application_use_store  (PbApplication *self,
                                          PbStore       *store);
const GError  *pb_application_get_store_error (PbApplication *self);
GSettings     *pb_application_get_settings (PbApplication *self);
AdwColorScheme pb_application_color_scheme_for_style (const char *style);

G_END_DECLS
