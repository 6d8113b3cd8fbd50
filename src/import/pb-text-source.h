/* pb-text-source.h — a document's bytes as UTF-8 text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_IMPORT_ERROR (pb_import_error_quark ())

typedef enum
{
  PB_IMPORT_ERROR_EMPTY,
  PB_IMPORT_ERROR_BINARY,
  PB_IMPORT_ERROR_ENCODING,
} PbImportError;

GQuark  pb_import_error_quark (void);

char   *pb_text_decode        (const char  *data,
                               gsize        length,
                               const char **encoding,
                               GError     **error);

G_END_DECLS
