/* pb-preferences.h — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWindow *pb_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
