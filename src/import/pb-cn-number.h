/* pb-cn-number.h — numbers as Chinese documents write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PB_CN_NUMBER_ARABIC  = 1 << 0,  /* written with digits: 2600, 6.5, 20,000 */
  PB_CN_NUMBER_CHINESE = 1 << 1,  /* written in characters: 两千, 十二 */
  PB_CN_NUMBER_SCALED  = 1 << 2,  /* a 万 or 亿 was applied */
} PbCnNumberFlags;

gsize    pb_cn_number_read  (const gunichar  *text,
                             gsize            length,
                             double          *value,
                             PbCnNumberFlags *flags);
gboolean pb_cn_number_parse (const char      *utf8,
                             double          *value);
int      pb_cn_digit        (gunichar         c);

G_END_DECLS
