/* pb-module.h — libraries loaded when first needed, not linked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library only some commands use (the import's libarchive, libxml2 and
 * OpenCC, the XLSX writer) is not linked: linked, it and what it needs
 * would be loaded and relocated at every start of the window. The code
 * that uses one lists the functions it calls, keeps pointers to them in a
 * table, and redirects the usual names to the table (see pb-zip.h in
 * src/import, pb-xlsxwriter.h in src/render); pb_module_load() fills the
 * table the first time. libpq (pb-pq.h) and poppler (pb-document.c) were
 * done the same way before this helper existed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  gsize       offset;
} PbModuleSymbol;

/* One table member per function: `PB_MODULE_FUNCTIONS (PB_MODULE_POINTER)`. */
#define PB_MODULE_POINTER(name) __typeof__ (name) *name;

gboolean pb_module_load (const char *const    *names,
                         const PbModuleSymbol *symbols,
                         guint                 n_symbols,
                         gpointer              table,
                         GString              *why);

G_END_DECLS
