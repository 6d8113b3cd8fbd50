/* pb-fold.h — one way for names to meet: width, script and case folded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gunichar  pb_fold_simplified (gunichar    c);
char     *pb_fold_name_key   (const char *name);

G_END_DECLS
