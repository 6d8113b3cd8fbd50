/* pb-zip.c — libarchive and libxml2, loaded when a .docx or .xlsx is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See pb-zip.h.
 */
#define G_LOG_DOMAIN "pb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define PB_ZIP_NO_REDIRECT 1
#include "pb-zip.h"

PbArchiveFunctions pb_archive;
PbXmlFunctions pb_xml;

/**
 * pb_zip_load:
 * @message: (out) (optional): where to put, translated, why the libraries
 *   could not be loaded (the caller's error says it in its own domain)
 *
 * Loads libarchive and libxml2 and fills their tables, once per process;
 * later calls only say whether it worked. Safe to call from any thread.
 *
 * Returns: %TRUE when their functions can be called
 */
gboolean
pb_zip_load (char **message)
{
  static const PbModuleSymbol archive_symbols[] = {
#define PB_ZIP_SYMBOL(name) { #name, G_STRUCT_OFFSET (PbArchiveFunctions, name) },
    PB_ARCHIVE_FUNCTIONS (PB_ZIP_SYMBOL)
#undef PB_ZIP_SYMBOL
  };
  static const PbModuleSymbol xml_symbols[] = {
#define PB_ZIP_SYMBOL(name) { #name, G_STRUCT_OFFSET (PbXmlFunctions, name) },
    PB_XML_FUNCTIONS (PB_ZIP_SYMBOL)
#undef PB_ZIP_SYMBOL
    { "xmlFree", G_STRUCT_OFFSET (PbXmlFunctions, xmlFree) },
  };
  static const char *const archive_names[] = { "libarchive.so.13", "libarchive.so", NULL };
  static const char *const xml_names[] = { "libxml2.so.2", "libxml2.so", NULL };
  static GMutex lock;
  static gboolean loaded;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autoptr(GString) why = g_string_new (NULL);

  if (loaded)
    return TRUE;
  if (!pb_module_load (archive_names, archive_symbols, G_N_ELEMENTS (archive_symbols), &pb_archive, why) ||
      !pb_module_load (xml_names, xml_symbols, G_N_ELEMENTS (xml_symbols), &pb_xml, why))
    {
      if (message != NULL)
        /* TRANSLATORS: %s is the system's reason, in English */
        *message = g_strdup_printf (_("The libraries that read Word and Excel files (libarchive, libxml2) could not be loaded: %s"),
                                    why->str);
      return FALSE;
    }
  loaded = TRUE;
  return TRUE;
}

/* A part in UTF-16 (or starting with a NUL), which could hide a DOCTYPE
 * from pb_zip_xml_declares_dtd (): Word, Excel, LibreOffice and WPS write
 * UTF-8. */
gboolean
pb_zip_xml_not_utf8 (const guint8 *data,
                     gsize         len)
{
  return len >= 2 && (data[0] == 0 || data[1] == 0 || data[0] == 0xFE || data[0] == 0xFF);
}

static gboolean
has_bytes (const guint8 *data,
           gsize         len,
           const char   *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (data[i] == (guint8) needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* A part that declares a document type or entities, which Word and
 * Excel never write: "billion laughs" expands a few hundred bytes to
 * gigabytes in the parser. */
gboolean
pb_zip_xml_declares_dtd (const guint8 *data,
                         gsize         len)
{
  return has_bytes (data, len, "<!DOCTYPE") || has_bytes (data, len, "<!ENTITY");
}
