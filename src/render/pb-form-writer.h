/* pb-form-writer.h — progress forms as XLSX (libxlsxwriter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-forms.h"

G_BEGIN_DECLS

#define PB_FORM_HIDDEN_SHEET "_planboard"
#define PB_FORM_HEADER_ROW   6      /* 0-based row of the column titles */

gboolean   pb_form_writer_is_supported (void);
const char *pb_form_sheet_name      (void);
char      *pb_form_file_name        (const char          *organisation);
char      *pb_form_code             (const PbFormLayout  *layout,
                                     const char          *checksum);
gboolean   pb_form_write            (const PbFormLayout  *layout,
                                     const char          *due_date,
                                     const char          *path,
                                     GError             **error);
GPtrArray *pb_forms_export          (PbStore             *store,
                                     gint64               plan_id,
                                     const PbFormPeriod  *period,
                                     gboolean             all_roles,
                                     const char          *due_date,
                                     const char          *dir,
                                     const GDate         *today,
                                     GError             **error);
GPtrArray *pb_forms_collect         (PbStore             *store,
                                     gint64               plan_id,
                                     const char          *period,
                                     const char          *due_date,
                                     gboolean             all_roles,
                                     const char          *dir,
                                     const GDate         *today,
                                     GError             **error);

G_END_DECLS
