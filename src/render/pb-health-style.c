/* pb-health-style.c — how health is shown on screen and on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 蓝黄红三色管理 needs colour, but a briefing is often printed in grey
 * and some readers do not see red from green: every health also has a
 * fill pattern and a symbol, so the three stay apart without colour.
 * Blue is solid, yellow is hatched one way, red is cross-hatched.
 */
#define G_LOG_DOMAIN "pb-health-style"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "pb-format.h"
#include "pb-health-style.h"

/* GNOME palette: blue 3, yellow 5, red 3; grey for "no health". */
static const PbRgb colours[] = {
  [PB_HEALTH_NONE]   = { 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0 },
  [PB_HEALTH_BLUE]   = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },
  [PB_HEALTH_YELLOW] = { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0 },
  [PB_HEALTH_RED]    = { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
};

void
pb_health_get_rgb (PbHealth  health,
                   PbRgb    *rgb)
{
  g_return_if_fail (rgb != NULL);

  if ((guint) health >= G_N_ELEMENTS (colours))
    health = PB_HEALTH_NONE;

  *rgb = colours[health];
}

/**
 * pb_health_get_symbol:
 * @health: a health
 *
 * Returns: a symbol that tells the health apart without colour, for tables
 */
const char *
pb_health_get_symbol (PbHealth health)
{
  switch (health)
    {
    case PB_HEALTH_BLUE:   return "●";
    case PB_HEALTH_YELLOW: return "▲";
    case PB_HEALTH_RED:    return "■";
    case PB_HEALTH_NONE:
    default:               return "○";
    }
}

static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   width,
       double   height,
       double   direction)
{
  const double step = 4.0;

  for (double d = -height; d < width + height; d += step)
    {
      if (direction > 0)
        {
          cairo_move_to (cr, x + d, y + height);
          cairo_line_to (cr, x + d + height, y);
        }
      else
        {
          cairo_move_to (cr, x + d, y);
          cairo_line_to (cr, x + d + height, y + height);
        }
    }
}

/* On raster targets the hatching comes from a repeating tile, drawn once:
 * stroking a bar's every hatch line cost a timeline frame milliseconds.
 * Vector targets (PDF, SVG, print) keep the strokes, sharp at any zoom.
 * The tile is 16 px, a multiple of the 4 px step, so it repeats seamlessly. */
static cairo_pattern_t *
hatch_tile (PbHealth health)
{
  static cairo_pattern_t *tiles[2];
  static GMutex lock;
  cairo_pattern_t *tile;
  guint index = health == PB_HEALTH_RED;

  g_mutex_lock (&lock);
  if (tiles[index] == NULL)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 16);
      cairo_t *cr = cairo_create (surface);

      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 1.2);
      hatch (cr, -16, 0, 48, 16, 1);
      if (health == PB_HEALTH_RED)
        hatch (cr, -16, 0, 48, 16, -1);
      cairo_stroke (cr);
      cairo_destroy (cr);
      tiles[index] = cairo_pattern_create_for_surface (surface);
      cairo_pattern_set_extend (tiles[index], CAIRO_EXTEND_REPEAT);
      cairo_surface_destroy (surface);
    }
  tile = tiles[index];
  g_mutex_unlock (&lock);
  return tile;
}

/* Whether @cr ends up as pixels: an image, or a recording surface, which
 * is what a GTK widget's cairo drawing is (GtkDrawingArea,
 * gtk_snapshot_append_cairo ()), replayed onto the window at every frame
 * it is in. Stroking each hatch line there cost a board frame of cards
 * 10 ms of CPU; the tile costs one composite. Our PDF, SVG and print
 * targets are never recording surfaces, so they keep the strokes. */
static gboolean
is_raster (cairo_t *cr)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));

  return type == CAIRO_SURFACE_TYPE_IMAGE || type == CAIRO_SURFACE_TYPE_RECORDING;
}

/**
 * pb_health_paint_swatch:
 * @cr: where to paint
 * @health: the health to show
 * @x: left edge
 * @y: top edge
 * @width: width
 * @height: height
 *
 * Paints a rectangle in the health's colour and pattern.
 */
void
pb_health_paint_swatch (cairo_t  *cr,
                        PbHealth  health,
                        double    x,
                        double    y,
                        double    width,
                        double    height)
{
  PbRgb rgb;

  g_return_if_fail (cr != NULL);

  pb_health_get_rgb (health, &rgb);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip_preserve (cr);

  if (health == PB_HEALTH_NONE)
    {
      cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
      return;
    }

  cairo_set_source_rgb (cr, rgb.red, rgb.green, rgb.blue);
  cairo_fill (cr);

  if ((health == PB_HEALTH_YELLOW || health == PB_HEALTH_RED) && is_raster (cr))
    {
      cairo_set_source (cr, hatch_tile (health));
      cairo_paint (cr);
    }
  else if (health == PB_HEALTH_YELLOW || health == PB_HEALTH_RED)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 1.2);
      hatch (cr, x, y, width, height, 1);
      if (health == PB_HEALTH_RED)
        hatch (cr, x, y, width, height, -1);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

/* A target's diamond, centred on @x, @y, @r from centre to tip: the path
 * only, for the caller to fill or stroke. */
void
pb_paint_diamond_path (cairo_t *cr,
                       double   x,
                       double   y,
                       double   r)
{
  cairo_move_to (cr, x, y - r);
  cairo_line_to (cr, x + r, y);
  cairo_line_to (cr, x, y + r);
  cairo_line_to (cr, x - r, y);
  cairo_close_path (cr);
}

/**
 * pb_format_amount:
 * @value: a target or an actual
 * @unit: (nullable): its unit, as 个
 *
 * Returns: (transfer full): the amount as planners write it: 2600个,
 *   1.2万个, 1400亿元 (1,400 bn元 in English, as the indicator table
 *   writes it: pb_format_number_compact())
 */
char *
pb_format_amount (double      value,
                  const char *unit)
{
  return pb_format_number_compact (value, unit, -1);
}

/* The words shown with the colour and the symbol. */
const char *
pb_health_get_name (PbHealth health)
{
  switch (health)
    {
    case PB_HEALTH_BLUE: return _("On track");
    case PB_HEALTH_YELLOW: return _("Behind");
    case PB_HEALTH_RED: return _("Seriously behind");
    case PB_HEALTH_NONE:
    default: return _("No health");
    }
}

const char *
pb_status_get_name (PbItemStatus status)
{
  switch (status)
    {
    case PB_ITEM_STATUS_IN_PROGRESS: return _("In progress");
    case PB_ITEM_STATUS_DONE: return _("Done");
    case PB_ITEM_STATUS_BLOCKED: return _("Blocked");
    case PB_ITEM_STATUS_CANCELLED: return _("Cancelled");
    case PB_ITEM_STATUS_NOT_STARTED:
    default: return _("Not started");
    }
}

static cairo_user_data_key_t language_key;

/**
 * pb_render_set_language:
 * @cr: a cairo context
 * @language: (nullable): "zh-cn" or "zh-tw" (pb_store_get_plan_language())
 *
 * Says which script's font forms the text drawn on @cr takes: a plan's
 * own, whatever the reader's locale.
 */
void
pb_render_set_language (cairo_t    *cr,
                        const char *language)
{
  cairo_set_user_data (cr, &language_key, language ? (void *) g_intern_string (language) : NULL, NULL);
}

/**
 * pb_render_get_language:
 * @cr: a cairo context
 *
 * Returns: (nullable): what pb_render_set_language() said, or %NULL
 */
const char *
pb_render_get_language (cairo_t *cr)
{
  return cairo_get_user_data (cr, &language_key);
}

/**
 * pb_render_set_font_script:
 * @desc: a font description
 * @language: (nullable): "zh-cn" or "zh-tw"
 *
 * Puts the CJK face of @language's script first in @desc's families, the
 * family it named after it: the language alone does not decide the forms
 * (fontconfig follows the locale's), the family does.
 */
void
pb_render_set_font_script (PangoFontDescription *desc,
                           const char           *language)
{
  const char *family = pango_font_description_get_family (desc);
  g_autofree char *families = NULL;

  if (language == NULL)
    return;
  families = g_strdup_printf ("%s, %s", g_str_equal (language, "zh-tw") ? "Noto Sans CJK TC" : "Noto Sans CJK SC",
                              family ? family : "Sans");
  pango_font_description_set_family (desc, families);
}
