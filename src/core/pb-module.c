/* pb-module.c — libraries loaded when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See pb-module.h.
 */
#define G_LOG_DOMAIN "pb-module"

#include "config.h"

#include <gmodule.h>
#include <string.h>

#include "pb-module.h"

/**
 * pb_module_load:
 * @names: (array zero-terminated=1): the library's file names to try, in
 *   order (its soname first)
 * @symbols: (array length=n_symbols): each symbol and the offset of its
 *   pointer in @table
 * @n_symbols: how many
 * @table: the table of pointers to fill
 * @why: where to say, in the system's English, why it failed
 *
 * Opens the first of @names that loads and looks up every symbol; fills
 * @table only when all are found, and then keeps the library loaded for
 * the life of the process (what it made may outlive anything that could
 * close it). The caller serialises calls for the same table.
 *
 * Returns: whether @table was filled
 */
gboolean
pb_module_load (const char *const    *names,
                const PbModuleSymbol *symbols,
                guint                 n_symbols,
                gpointer              table,
                GString              *why)
{
  g_autofree gpointer found = NULL;
  GModule *module = NULL;
  gsize size = 0;

  for (guint i = 0; i < n_symbols; i++)
    size = MAX (size, symbols[i].offset + sizeof (gpointer));
  found = g_malloc0 (MAX (size, 1));

  for (guint i = 0; module == NULL && names[i] != NULL; i++)
    {
      module = g_module_open (names[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      if (module == NULL && why->len == 0)
        g_string_append (why, g_module_error ());
    }
  for (guint i = 0; module != NULL && i < n_symbols; i++)
    {
      gpointer symbol = NULL;

      if (!g_module_symbol (module, symbols[i].name, &symbol) || symbol == NULL)
        {
          g_string_assign (why, g_module_error ());
          g_clear_pointer (&module, g_module_close);
          break;
        }
      G_STRUCT_MEMBER (gpointer, found, symbols[i].offset) = symbol;
    }
  if (module == NULL)
    return FALSE;

  g_module_make_resident (module);
  memcpy (table, found, size);
  return TRUE;
}
