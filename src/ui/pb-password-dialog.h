/* pb-password-dialog.h — the password of a shared library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-application.h"

G_BEGIN_DECLS

GtkWidget *pb_password_dialog_present (GtkWindow     *parent,
                                       PbApplication *app,
                                       const char    *uri,
                                       gboolean       rejected);

G_END_DECLS
