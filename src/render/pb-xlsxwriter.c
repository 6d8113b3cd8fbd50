/* pb-xlsxwriter.c — libxlsxwriter, loaded when a workbook is first written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See pb-xlsxwriter.h.
 */
#define G_LOG_DOMAIN "pb-render"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#define PB_XLSXWRITER_NO_REDIRECT 1
#include "pb-xlsxwriter.h"

PbXlsxwriterFunctions pb_xlsxwriter;

/**
 * pb_xlsxwriter_load:
 * @error: where to say why libxlsxwriter could not be loaded
 *
 * Loads libxlsxwriter and fills pb_xlsxwriter, once per process; later
 * calls only say whether it worked. Safe to call from any thread.
 *
 * Returns: %TRUE when its functions can be called
 */
gboolean
pb_xlsxwriter_load (GError **error)
{
  static const PbModuleSymbol symbols[] = {
#define PB_XLSXWRITER_SYMBOL(name) { #name, G_STRUCT_OFFSET (PbXlsxwriterFunctions, name) },
    PB_XLSXWRITER_FUNCTIONS (PB_XLSXWRITER_SYMBOL)
#undef PB_XLSXWRITER_SYMBOL
  };
  static const char *const names[] = { "libxlsxwriter.so.4", "libxlsxwriter.so", NULL };
  static GMutex lock;
  static gboolean loaded;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autoptr(GString) why = g_string_new (NULL);

  if (loaded)
    return TRUE;
  if (!pb_module_load (names, symbols, G_N_ELEMENTS (symbols), &pb_xlsxwriter, why))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* TRANSLATORS: %s is the system's reason, in English */
                   _("The library that writes Excel workbooks (libxlsxwriter) could not be loaded: %s"), why->str);
      return FALSE;
    }
  loaded = TRUE;
  return TRUE;
}
