/* pb-draft-period.h — the period of a plan draft, and its items' dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean pb_draft_target_has_year (JsonObject *target);
gboolean pb_draft_stated_period   (JsonNode   *draft,
                                   int        *start,
                                   int        *end);
gboolean pb_draft_propose_period  (JsonNode   *draft,
                                   int        *start,
                                   int        *end);
void     pb_draft_date_items      (JsonArray  *items,
                                   int         old_start,
                                   int         old_end,
                                   int         start,
                                   int         end);
void     pb_draft_set_period      (JsonNode   *draft,
                                   int         start,
                                   int         end);

G_END_DECLS
