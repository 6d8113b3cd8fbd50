/* pb-script.h — which script a plan is written in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

const char *pb_script_guess_language (const char *text);
const char *pb_store_get_plan_language (PbStore *store,
                                        gint64   plan_id);

G_END_DECLS
