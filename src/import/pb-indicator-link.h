/* pb-indicator-link.h — one indicator per quantity in a parsed plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void pb_indicator_link (JsonNode *plan);

G_END_DECLS
