/* pb-health.h — blue / yellow / red (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-model.h"
#include "pb-store.h"

G_BEGIN_DECLS

PbHealth pb_item_compute_health (PbItem      *item,
                                 const GDate *today,
                                 const char **reason);

double   pb_indicator_compute_completion (PbIndicator *indicator,
                                          GListModel  *targets,
                                          GListModel  *actuals);
double   pb_store_compute_item_progress  (PbStore     *store,
                                          PbItem      *item);

G_END_DECLS
