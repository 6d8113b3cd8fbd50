/* pb-plan-parser.h — a plan document's text → a plan (planboard-plan/1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *pb_plan_parse_text (const char    *text,
                              gssize         length,
                              GCancellable  *cancellable,
                              GError       **error);

G_END_DECLS
