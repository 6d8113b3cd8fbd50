/* pb-ledger.h — the ledger (台账) as XLSX or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

typedef enum
{
  PB_LEDGER_XLSX,
  PB_LEDGER_CSV,
} PbLedgerFormat;

gboolean pb_ledger_is_supported (PbLedgerFormat  format);
gboolean pb_ledger_write        (PbStore        *store,
                                 gint64          plan_id,
                                 PbLedgerFormat  format,
                                 const char     *path,
                                 const GDate    *today,
                                 GError        **error);

gboolean pb_replace_file        (const char     *tmp,
                                 const char     *path,
                                 GError        **error);

G_END_DECLS
