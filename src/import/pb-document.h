/* pb-document.h — reading plan documents: .txt, .docx, .pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean  pb_document_is_supported (const char    *path);
char     *pb_document_read_text    (const char    *path,
                                    GCancellable  *cancellable,
                                    GError       **error);
char     *pb_document_unwrap_layout (const char   *text);
JsonNode *pb_document_parse        (const char    *path,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
