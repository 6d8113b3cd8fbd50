/* test-charts.c — the indicator chart's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "pb-charts.h"
#include "pb-format.h"
#include "pb-test-util.h"

/* The no-break space of "2.8 bn": never broken at the end of a line. */
#define NBSP "\xc2\xa0"

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

/* A 28亿元 target and a 21亿元 actual: the chart writes them as the
 * indicator table and the details do, "2.8 bn" and "2.1 bn" in English
 * (its axis too: "1 bn", "2 bn"), 28亿 and 21亿 in zh_CN; never every
 * digit of a billion. */
static void
test_large_amounts (PbTestLibrary *f,
                    gconstpointer  data)
{
  static const struct { const char *locale; const char *target, *actual, *tick, *never; } locales[] = {
    { "C.UTF-8", "2.8" NBSP "bn", "2.1" NBSP "bn", "2" NBSP "bn", ",000,000" },
    { "zh_CN.UTF-8", "28亿", "21亿", "20亿", "bn" },
  };
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "新型基础设施建设三年行动方案", 2025, 2027, &error);
  gint64 item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "1", "扩大新型基础设施投资", &error);
  gint64 k = pb_store_add_indicator (f->store, plan, item, "新型基础设施投资", "元", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_autoptr(PbIndicator) indicator = NULL;

  pb_store_add_target (f->store, k, 2026, 2800000000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (f->store, k, "2025-12-31", 2100000000, NULL, &error);
  g_assert_no_error (error);
  indicator = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k);

  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autoptr(PbIndicatorChart) chart = NULL;
      g_autofree char *all = NULL;
      GPtrArray *labels;

      if (setlocale (LC_ALL, locales[l].locale) == NULL)
        g_error ("no %s locale (build-aux/dev.sh test makes it with localedef)", locales[l].locale);
      chart = pb_indicator_chart_new_from_store (f->store, indicator);
      paint (chart);
      labels = pb_indicator_chart_get_labels (chart);
      g_ptr_array_add (labels, NULL);
      all = g_strjoinv (" | ", (char **) labels->pdata);
      g_ptr_array_remove_index (labels, labels->len - 1);
      if (!has_label (labels, locales[l].target) || !has_label (labels, locales[l].actual) ||
          !has_label (labels, locales[l].tick) || strstr (all, locales[l].never) != NULL)
        g_error ("%s: the chart writes %s, not %s, %s and %s", locales[l].locale, all,
                 locales[l].target, locales[l].actual, locales[l].tick);
    }
  setlocale (LC_ALL, "C.UTF-8");

  /* 9亿 and 12亿: the axis in one unit, 0.5 bn beside 1 bn; 5亿 and 10亿 */
  {
    static const struct { PbNumberStyle style; const char *ticks[4]; const char *never; } axes[] = {
      { PB_NUMBER_STYLE_GROUPED, { "0", "0.5" NBSP "bn", "1" NBSP "bn", "1.5" NBSP "bn" }, "500,000,000" },
      { PB_NUMBER_STYLE_CHINESE, { "0", "5亿", "10亿", "15亿" }, "bn" },
    };
    gint64 k2 = pb_store_add_indicator (f->store, plan, item, "数字基础设施投资", "元", PB_INDICATOR_KIND_CUMULATIVE, &error);
    g_autoptr(PbIndicator) smaller = NULL;

    pb_store_add_target (f->store, k2, 2025, 900000000, PB_COMPARATOR_GE, FALSE, &error);
    pb_store_add_target (f->store, k2, 2027, 1200000000, PB_COMPARATOR_GE, FALSE, &error);
    g_assert_no_error (error);
    smaller = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k2);
    for (guint a = 0; a < G_N_ELEMENTS (axes); a++)
      {
        g_autoptr(PbIndicatorChart) chart = pb_indicator_chart_new_from_store (f->store, smaller);
        GPtrArray *labels;

        pb_format_set_style (axes[a].style);
        paint (chart);
        labels = pb_indicator_chart_get_labels (chart);
        for (guint i = 0; i < G_N_ELEMENTS (axes[a].ticks); i++)
          if (!has_label (labels, axes[a].ticks[i]))
            g_error ("style %d: no tick %s", axes[a].style, axes[a].ticks[i]);
        for (guint i = 0; i < labels->len; i++)
          if (strstr (g_ptr_array_index (labels, i), axes[a].never))
            g_error ("style %d: a label reads %s", axes[a].style, (char *) g_ptr_array_index (labels, i));
      }
    pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  }
}

/* Issue 14: an actual dated after today counts only from its date. The
 * chart, given today, draws it hollow and writes the latest figure that
 * counts (the indicator table's); its legend says what the hollow point
 * is, whole, at the side pane's width. Without today, every point alike. */
static void
test_later_actual (PbTestLibrary *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "测试方案", 2025, 2027, &error);
  gint64 item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "", "加快5G网络规模化部署", &error);
  gint64 k = pb_store_add_indicator (f->store, plan, item, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_autoptr(PbIndicator) indicator = NULL;
  g_autoptr(PbIndicatorChart) chart = NULL;
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GPtrArray *labels;
  GDate today;

  pb_store_add_target (f->store, k, 2027, 12000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (f->store, k, "2026-09-30", 8900, NULL, &error);
  pb_store_add_actual (f->store, k, "2026-11-30", 9100, NULL, &error);
  g_assert_no_error (error);
  indicator = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k);
  chart = pb_indicator_chart_new_from_store (f->store, indicator);
  pb_format_set_style (PB_NUMBER_STYLE_GROUPED);

  paint (chart);
  labels = pb_indicator_chart_get_labels (chart);
  g_assert_cmpuint (pb_indicator_chart_get_n_later (chart), ==, 0);
  g_assert_true (has_label (labels, "9,100"));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 11, 2026);
  pb_indicator_chart_set_today (chart, &today);
  surface = cairo_pdf_surface_create (pdf, 300, 220);
  cr = cairo_create (surface);
  pb_indicator_chart_paint (chart, cr, 300, 220, FALSE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  labels = pb_indicator_chart_get_labels (chart);
  g_assert_cmpuint (pb_indicator_chart_get_n_later (chart), ==, 1);
  g_assert_true (has_label (labels, "8,900"));
  g_assert_false (has_label (labels, "9,100"));
  text = pb_test_run_ok ("pdftotext", "-raw", pdf, "-", NULL);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Counts from its date"));
  g_assert_nonnull (strstr (text, "Actual"));

  /* Its day come: filled, and the figure */
  g_date_set_dmy (&today, 30, 11, 2026);
  pb_indicator_chart_set_today (chart, &today);
  paint (chart);
  g_assert_cmpuint (pb_indicator_chart_get_n_later (chart), ==, 0);
  g_assert_true (has_label (pb_indicator_chart_get_labels (chart), "9,100"));
  pb_format_set_style (PB_NUMBER_STYLE_AUTO);
  pb_test_remove_dir (dir);
}

/* The runs of the chart's strokes of @width (2: the actuals' line; 1.5
 * and dashed: the expected trajectory), counted as the "M" (move to) of
 * their paths in the chart painted as SVG. */
static guint
count_runs (PbIndicatorChart *chart,
            const char       *dir,
            const char       *style)
{
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *surface = cairo_svg_surface_create (svg, 300, 220);
  cairo_t *cr = cairo_create (surface);
  guint runs = 0;

  pb_indicator_chart_paint (chart, cr, 300, 220, FALSE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  for (const char *p = text; (p = strstr (p, "<path ")); p++)
    {
      const char *end = strstr (p, "/>");
      g_autofree char *element = g_strndup (p, end ? (gsize) (end - p) : strlen (p));
      const char *d = strstr (element, " d=\"");

      if (strstr (element, style) == NULL || d == NULL)
        continue;
      for (const char *c = d; *c; c++)
        runs += *c == 'M';
    }
  return runs;
}

/* Issue 14 (13a): an annual indicator's figure starts again each year,
 * so its actuals are a line within each year, never one line across the
 * years (nor is its expected trajectory); a cumulative one's actuals stay
 * one line. */
static void
test_annual_runs (PbTestLibrary *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "测试方案", 2025, 2027, &error);
  gint64 item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "", "加快5G网络规模化部署", &error);
  gint64 annual = pb_store_add_indicator (f->store, plan, item, "新建5G基站", "个", PB_INDICATOR_KIND_ANNUAL, &error);
  gint64 total = pb_store_add_indicator (f->store, plan, item, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  const char *dates[] = { "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30" };
  const double annual_values[] = { 700, 1500, 2300, 3100, 800, 1700 };
  const double total_values[] = { 700, 1500, 2300, 3100, 3900, 4800 };
  g_autofree char *dir = pb_test_make_dir ();
  g_autoptr(PbIndicator) k_annual = NULL;
  g_autoptr(PbIndicator) k_total = NULL;
  g_autoptr(PbIndicatorChart) chart_annual = NULL;
  g_autoptr(PbIndicatorChart) chart_total = NULL;

  for (int y = 2025; y <= 2027; y++)
    {
      pb_store_add_target (f->store, annual, y, 3000 + 500 * (y - 2025), PB_COMPARATOR_GE, FALSE, &error);
      pb_store_add_target (f->store, total, y, 3000 * (y - 2024), PB_COMPARATOR_GE, FALSE, &error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      pb_store_add_actual (f->store, annual, dates[i], annual_values[i], NULL, &error);
      pb_store_add_actual (f->store, total, dates[i], total_values[i], NULL, &error);
    }
  g_assert_no_error (error);
  k_annual = pb_store_get_record (f->store, PB_TYPE_INDICATOR, annual);
  k_total = pb_store_get_record (f->store, PB_TYPE_INDICATOR, total);
  chart_annual = pb_indicator_chart_new_from_store (f->store, k_annual);
  chart_total = pb_indicator_chart_new_from_store (f->store, k_total);

  /* Actuals: 2025's four points, then 2026's two, apart. */
  g_assert_cmpuint (count_runs (chart_annual, dir, "stroke-width:2;"), ==, 2);
  g_assert_cmpuint (count_runs (chart_total, dir, "stroke-width:2;"), ==, 1);
  /* The expected trajectory: a run per year, 2025 to 2027. */
  g_assert_cmpuint (count_runs (chart_annual, dir, "stroke-dasharray:5,4;"), ==, 3);
  g_assert_cmpuint (count_runs (chart_total, dir, "stroke-dasharray:5,4;"), ==, 1);
  pb_test_remove_dir (dir);
}

/* Issue 14: a comparison's legend has an entry for every series, on as
 * many lines as they need at the side pane's width (never cut off where
 * the first line ends), and the chart measures the height that keeps its
 * plot whole below it; a series in 万个 is read in 个. */
static void
test_compare_legend (PbTestLibrary *f,
                     gconstpointer  data)
{
  const char *labels[] = { "…(2025—2027年)", "…(2022—2024年)", "临江市信息基础设施提升行动…", "数字临江建设方案" };
  const char *units[] = { "个", "个", "万个", "个" };
  const double values[] = { 12000, 10000, 1.0, 8000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbIndicatorChart) chart = pb_indicator_chart_new ();
  g_autoptr(PbIndicatorChart) one = pb_indicator_chart_new ();
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "compare.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  const double width = 304;
  double height, one_line;
  cairo_surface_t *surface;
  cairo_t *cr;
  double max;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gint64 plan = pb_store_create_plan (f->store, labels[i], 2025, 2027, &error);
      gint64 item = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, "", "加快5G网络规模化部署", &error);
      gint64 k = pb_store_add_indicator (f->store, plan, item, "5G基站", units[i], PB_INDICATOR_KIND_CUMULATIVE, &error);
      g_autoptr(PbIndicator) indicator = NULL;

      pb_store_add_target (f->store, k, 2027, values[i], PB_COMPARATOR_GE, FALSE, &error);
      g_assert_no_error (error);
      indicator = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k);
      pb_indicator_chart_add_series_scaled (chart, f->store, indicator, labels[i], FALSE,
                                            pb_unit_factor (units[i], "个"));
      if (i < 2)
        pb_indicator_chart_add_series (one, f->store, indicator, labels[i], FALSE);
    }
  pb_indicator_chart_get_range (chart, NULL, NULL, &max);
  g_assert_cmpfloat (max, ==, 12000);

  surface = cairo_pdf_surface_create (pdf, width, 400);
  cr = cairo_create (surface);
  /* Two short entries share a line; four take more. */
  one_line = pb_indicator_chart_measure (one, cr, width, 150);
  height = pb_indicator_chart_measure (chart, cr, width, 150);
  g_assert_cmpfloat (height, >, one_line);
  pb_indicator_chart_paint (chart, cr, width, height, FALSE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  text = pb_test_run_ok ("pdftotext", "-raw", pdf, "-", NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (joined, g_utf8_get_char (p));
  g_test_message ("%s", joined->str);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autofree char *whole = g_utf8_substring (labels[i], 1, g_utf8_strlen (labels[i], -1) - 1);

      if (strstr (joined->str, whole) == NULL)
        g_error ("the legend does not show “%s”: %s", labels[i], joined->str);
    }
  pb_test_remove_dir (dir);
}

static PbOrgStats *
org (const char *name,
     double      completion,
     guint       rank)
{
  PbOrgStats *s = g_new0 (PbOrgStats, 1);

  s->name = g_strdup (name);
  s->completion = completion;
  s->rank = rank;
  s->previous_completion = NAN;
  return s;
}

/* The ranking chart at the Organisations page's width (284 px): every
 * name whole, never cut to "…" (a long one wraps and its row grows), and
 * a point on a row finds that row (for its tooltip). */
static void
test_ranking_names (void)
{
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_org_stats_free);
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "ranking.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  double height, one_line;
  const double width = 284;

  g_ptr_array_add (stats, org ("市发展改革委", 0.92, 1));
  g_ptr_array_add (stats, org ("市工业和信息化局", 0.86, 2));
  g_ptr_array_add (stats, org ("市住房和城乡建设局", 0.71, 3));
  g_ptr_array_add (stats, org ("市住房和城乡建设局（市人民防空办公室）", 0.64, 4));
  g_ptr_array_add (stats, org ("国网云澜供电公司", 0.5, 5));

  surface = cairo_pdf_surface_create (pdf, width, 400);
  cr = cairo_create (surface);
  height = pb_org_ranking_measure (stats, cr, width);
  /* The long name takes a second line: taller than five one-line rows. */
  one_line = pb_org_ranking_get_height (stats->len);
  g_assert_cmpfloat (height, >, one_line);
  g_assert_cmpfloat (height, <, one_line + 40);
  pb_org_ranking_paint (stats, cr, width, height, FALSE);
  /* Each row is found where it is painted, the wrapped one too. */
  g_assert_cmpint (pb_org_ranking_row_at (stats, cr, width, 10), ==, 0);
  g_assert_cmpint (pb_org_ranking_row_at (stats, cr, width, height - 10), ==, 4);
  g_assert_cmpint (pb_org_ranking_row_at (stats, cr, width, height + 10), ==, -1);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  text = pb_test_run_ok ("pdftotext", "-raw", pdf, "-", NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (joined, g_utf8_get_char (p));
  g_test_message ("%s", joined->str);
  g_assert_null (strstr (joined->str, "…"));
  for (guint i = 0; i < stats->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (stats, i);

      if (strstr (joined->str, s->name) == NULL)
        g_error ("the ranking does not show “%s” whole: %s", s->name, joined->str);
    }
  pb_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  PB_TEST_ADD_LIBRARY ("/charts/decimals", test_decimals);
  PB_TEST_ADD_LIBRARY ("/charts/later-actual", test_later_actual);
  PB_TEST_ADD_LIBRARY ("/charts/large-amounts", test_large_amounts);
  PB_TEST_ADD_LIBRARY ("/charts/annual-runs", test_annual_runs);
  PB_TEST_ADD_LIBRARY ("/charts/compare-legend", test_compare_legend);
  g_test_add_func ("/charts/ranking-names", test_ranking_names);

  return g_test_run ();
}
