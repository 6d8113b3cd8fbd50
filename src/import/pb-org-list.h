/* pb-org-list.h — lists of organisation names as plans print them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-import-text.h"

G_BEGIN_DECLS

GPtrArray *pb_org_list_split    (const PbText *t,
                                 gsize         start,
                                 gsize         end);
gboolean   pb_org_name_has_head (const PbText *t,
                                 gsize         start,
                                 gsize         end);
GPtrArray *pb_org_names_split_edited (const char         *text,
                                      const char * const *known);

G_END_DECLS
