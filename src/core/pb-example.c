/* pb-example.c — the example plan shipped with Planboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fictional city's three-year new-infrastructure plan, written for
 * Planboard, in the exchange format. A new library starts with it.
 */
#define G_LOG_DOMAIN "pb-example"

#include "config.h"

#include "pb-core-resources.h"
#include "pb-store.h"

/**
 * pb_store_add_example_plan:
 * @self: a store
 * @error: where to say why it failed
 *
 * Returns: the example plan's id, or 0 with @error set
 */
gint64
pb_store_add_example_plan (PbStore  *self,
                           GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  bytes = g_resource_lookup_data (pb_core_get_resource (),
                                  "/io/github/planboard/Planboard/example-plan.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return 0;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), error))
    return 0;

  return pb_store_import_plan_json (self, json_parser_get_root (parser), error);
}
