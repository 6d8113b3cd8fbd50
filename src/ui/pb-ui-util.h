/* pb-ui-util.h — small things the views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-enums.h"

G_BEGIN_DECLS

char       *pb_ui_format_value       (double       value);
gboolean    pb_ui_parse_value        (const char  *text,
                                      double      *value);
gboolean    pb_ui_parse_target       (const char  *text,
                                      PbComparator *comparator,
                                      double      *value);
const char *pb_ui_comparator_symbol  (PbComparator comparator);
const char *pb_ui_health_css_class   (PbHealth     health);
void        pb_ui_toast              (GtkWidget   *widget,
                                      const char  *text,
                                      gboolean     with_undo);

G_END_DECLS
