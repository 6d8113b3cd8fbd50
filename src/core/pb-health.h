/* pb-health.h — blue / yellow / red (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-model.h"

G_BEGIN_DECLS

PbHealth pb_item_compute_health (PbItem      *item,
                                 const GDate *today,
                                 const char **reason);

G_END_DECLS
