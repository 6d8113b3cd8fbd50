/* pb-health-style.h — how health is shown on screen and on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include <cairo.h>

#include "pb-enums.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
} PbRgb;

void        pb_health_get_rgb         (PbHealth  health,
                                       PbRgb    *rgb);
const char *pb_health_get_symbol      (PbHealth  health);
void        pb_health_paint_swatch    (cairo_t  *cr,
                                       PbHealth  health,
                                       double    x,
                                       double    y,
                                       double    width,
                                       double    height);

void        pb_paint_diamond_path     (cairo_t  *cr,
                                       double    x,
                                       double    y,
                                       double    r);

const char *pb_health_get_name        (PbHealth      health);
const char *pb_status_get_name        (PbItemStatus  status);
char       *pb_format_amount          (double       value,
                                       const char  *unit);

/* The language whose font forms a drawing's Chinese takes ("zh-cn" for
 * simplified, "zh-tw" for traditional), carried by the cairo_t so every
 * painter drawing on it (report, timeline, charts) agrees. */
void        pb_render_set_language    (cairo_t    *cr,
                                       const char *language);
const char *pb_render_get_language    (cairo_t    *cr);
void        pb_render_set_font_script (PangoFontDescription *desc,
                                       const char           *language);

G_END_DECLS
