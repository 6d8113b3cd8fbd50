/* test-health-style.c — health stays readable without colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pb-health-style.h"

/* Paints a swatch and reads it back as grey levels, the way a
 * black-and-white printer sees it. */
static void
grey_stats (PbHealth  health,
            double   *mean,
            double   *spread)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 20);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  double sum = 0, sum2 = 0;
  int n = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  pb_health_paint_swatch (cr, health, 0, 0, 40, 20);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 2; y < 18; y++)
    for (int x = 2; x < 38; x++)
      {
        const guint32 p = *(const guint32 *) (data + y * stride + x * 4);
        double grey = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
        sum += grey;
        sum2 += grey * grey;
        n++;
      }

  *mean = sum / n;
  *spread = sqrt (MAX (0, sum2 / n - *mean * *mean));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_greyscale (void)
{
  double blue_mean, blue_spread, yellow_mean, yellow_spread, red_mean, red_spread;

  grey_stats (PB_HEALTH_BLUE, &blue_mean, &blue_spread);
  grey_stats (PB_HEALTH_YELLOW, &yellow_mean, &yellow_spread);
  grey_stats (PB_HEALTH_RED, &red_mean, &red_spread);

  /* Blue is solid; yellow and red carry a pattern … */
  g_assert_cmpfloat (blue_spread, <, 1.0);
  g_assert_cmpfloat (yellow_spread, >, 10.0);
  g_assert_cmpfloat (red_spread, >, 10.0);

  /* … and red's cross-hatch covers more than yellow's single hatch. */
  g_assert_cmpfloat (fabs (red_mean - yellow_mean), >, 8.0);
}

static void
test_symbols (void)
{
  g_assert_cmpstr (pb_health_get_symbol (PB_HEALTH_BLUE), !=, pb_health_get_symbol (PB_HEALTH_YELLOW));
  g_assert_cmpstr (pb_health_get_symbol (PB_HEALTH_YELLOW), !=, pb_health_get_symbol (PB_HEALTH_RED));
  g_assert_cmpstr (pb_health_get_symbol (PB_HEALTH_RED), !=, pb_health_get_symbol (PB_HEALTH_NONE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health-style/greyscale", test_greyscale);
  g_test_add_func ("/health-style/symbols", test_symbols);

  return g_test_run ();
}
