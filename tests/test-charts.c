/* test-charts.c — the indicator chart's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-charts.h"
#include "pb-format.h"
#include "pb-test-util.h"

static gboolean
has_label (GPtrArray  *labels,
           const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), text))
      return TRUE;
  return FALSE;
}

static void
paint (PbIndicatorChart *chart)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 220);
  cairo_t *cr = cairo_create (surface);

  pb_indicator_chart_paint (chart, cr, 300, 220, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A target of 12.5 km and an actual of 11.25 read as entered, not "12"
 * and "11"; the axis ticks show the decimals of their step. */
static void
test_decimals (PbTestLibrary *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "测试方案", 2026, 2028, &error);
  gint64 item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "", "拓宽环城路", &error);
  gint64 k = pb_store_add_indicator (f->store, plan, item, "道路长度", "km", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_autoptr(PbIndicator) indicator = NULL;
  g_autoptr(PbIndicatorChart) chart = NULL;
  GPtrArray *labels;

  pb_store_add_target (f->store, k, 2026, 12.5, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (f->store, k, "2026-11-27", 11.25, NULL, &error);
  g_assert_no_error (error);
  indicator = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k);
  chart = pb_indicator_chart_new_from_store (f->store, indicator);

  pb_format_set_style (PB_NUMBER_STYLE_GROUPED);
  paint (chart);
  labels = pb_indicator_chart_get_labels (chart);
  g_assert_true (has_label (labels, "12.5"));
  g_assert_true (has_label (labels, "11.25"));
  g_assert_false (has_label (labels, "12"));
  g_assert_false (has_label (labels, "11"));

  /* Small values: ticks of 0.5 read 0.5, 1, 1.5 …, never "0" and "1" twice. */
  {
    gint64 k2 = pb_store_add_indicator (f->store, plan, item, "电能利用效率", "", PB_INDICATOR_KIND_CUMULATIVE, &error);
    g_autoptr(PbIndicator) small = NULL;
    g_autoptr(PbIndicatorChart) chart2 = NULL;

    pb_store_add_target (f->store, k2, 2027, 1.25, PB_COMPARATOR_LE, FALSE, &error);
    g_assert_no_error (error);
    small = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k2);
    chart2 = pb_indicator_chart_new_from_store (f->store, small);
    paint (chart2);
    labels = pb_indicator_chart_get_labels (chart2);
    g_assert_true (has_label (labels, "1.25"));
    for (guint i = 0; i < labels->len; i++)
      for (guint j = i + 1; j < labels->len; j++)
        if (g_str_equal (g_ptr_array_index (labels, i), g_ptr_array_index (labels, j)))
          g_error ("two labels read %s", (char *) g_ptr_array_index (labels, i));
  }

  /* Chinese style: the same formatter, 1.2万 for 12000. */
  {
    gint64 k3 = pb_store_add_indicator (f->store, plan, item, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
    g_autoptr(PbIndicator) big = NULL;
    g_autoptr(PbIndicatorChart) chart3 = NULL;

    pb_store_add_target (f->store, k3, 2027, 12000, PB_COMPARATOR_GE, FALSE, &error);
    pb_store_add_actual (f->store, k3, "2026-06-30", 8793, NULL, &error);
    g_assert_no_error (error);
    big = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k3);
    chart3 = pb_indicator_chart_new_from_store (f->store, big);
    pb_format_set_style (PB_NUMBER_STYLE_CHINESE);
    paint (chart3);
    labels = pb_indicator_chart_get_labels (chart3);
    g_assert_true (has_label (labels, "1.2万"));
    g_assert_true (has_label (labels, "8793"));
  }
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  PB_TEST_ADD_LIBRARY ("/charts/decimals", test_decimals);

  return g_test_run ();
}
