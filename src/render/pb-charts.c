/* pb-charts.c — indicator charts and the organisation ranking, on any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An indicator chart runs over the years of its targets and actuals:
 * each year's target a diamond at the year's end (filled when firm,
 * hollow when a stretch target, 力争), the expected trajectory the health
 * rules judge by as a dashed line, and the actuals as points joined by a
 * line — within a year, for an annual indicator, whose figure starts
 * again each year (DESIGN §5), so a year's actuals never join the next
 * year's. Several series (the same indicator in several plans) share the
 * axes, one colour each. Given today, an actual dated after it (recorded,
 * counted only from its date, as the health rules have it) is a hollow
 * point on a dashed line, and the latest figure written is the latest
 * that counts, as the indicator table shows it.
 */
#define G_LOG_DOMAIN "pb-charts"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pb-charts.h"
#include "pb-format.h"
#include "pb-health-style.h"
#include "pb-indicator-links.h"

typedef struct
{
  int      year;
  double   value;
  gboolean stretch;
} ChartTarget;

typedef struct
{
  guint32 julian;
  double  value;
} ChartPoint;

typedef struct
{
  char   *label;
  char   *unit;
  int      decimals;   /* the indicator's precision */
  gboolean annual;     /* a year's amount: actuals start again each year */
  GArray *targets;     /* ChartTarget */
  GArray *expected;    /* ChartPoint, empty without a trajectory */
  GArray *actuals;     /* ChartPoint */
} Series;

struct _PbIndicatorChart
{
  GPtrArray *series;
  GPtrArray *labels;   /* the figures the last paint wrote */
  guint32    today;    /* Julian day; actuals after it count later; 0: none */
  guint      n_later;  /* the points the last paint drew hollow */
};

static const PbRgb palette[] = {
  { 0.110, 0.443, 0.847 },  /* blue */
  { 0.902, 0.380, 0.000 },  /* orange */
  { 0.180, 0.761, 0.494 },  /* green */
  { 0.569, 0.255, 0.675 },  /* purple */
  { 0.525, 0.369, 0.235 },  /* brown */
  { 0.000, 0.569, 0.600 },  /* teal */
};

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->label);
  g_free (s->unit);
  g_array_unref (s->targets);
  g_array_unref (s->expected);
  g_array_unref (s->actuals);
  g_free (s);
}

PbIndicatorChart *
pb_indicator_chart_new (void)
{
  PbIndicatorChart *chart = g_new0 (PbIndicatorChart, 1);

  chart->series = g_ptr_array_new_with_free_func (series_free);
  chart->labels = g_ptr_array_new_with_free_func (g_free);
  return chart;
}

void
pb_indicator_chart_free (PbIndicatorChart *chart)
{
  if (chart == NULL)
    return;
  g_ptr_array_unref (chart->series);
  g_ptr_array_unref (chart->labels);
  g_free (chart);
}

guint
pb_indicator_chart_get_n_series (PbIndicatorChart *chart)
{
  return chart->series->len;
}

/**
 * pb_indicator_chart_set_today:
 * @chart: a chart
 * @today: (nullable): the day the chart is read on, or %NULL to draw every
 *   actual alike
 *
 * An actual dated after @today is recorded but counts only from its date
 * (DESIGN §5): it is drawn hollow, joined by a dashed line, and the
 * latest figure written is the latest actual on or before @today.
 */
void
pb_indicator_chart_set_today (PbIndicatorChart *chart,
                              const GDate      *today)
{
  chart->today = today && g_date_valid (today) ? g_date_get_julian (today) : 0;
}

/**
 * pb_indicator_chart_get_n_later:
 * @chart: a chart
 *
 * Returns: how many actuals the last pb_indicator_chart_paint() drew as
 *   dated after today (hollow)
 */
guint
pb_indicator_chart_get_n_later (PbIndicatorChart *chart)
{
  return chart->n_later;
}

static guint32
julian_of (int year,
           int month,
           int day)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, CLAMP (year, 1, 9999));
  return g_date_get_julian (&d);
}

/**
 * pb_indicator_chart_add_series:
 * @chart: a chart
 * @store: the store
 * @indicator: an indicator
 * @label: (nullable): what the legend calls it (the plan, when comparing)
 * @with_trajectory: whether to draw the expected trajectory
 */
void
pb_indicator_chart_add_series (PbIndicatorChart *chart,
                               PbStore          *store,
                               PbIndicator      *indicator,
                               const char       *label,
                               gboolean          with_trajectory)
{
  pb_indicator_chart_add_series_scaled (chart, store, indicator, label, with_trajectory, 1);
}

/**
 * pb_indicator_chart_add_series_scaled:
 * @chart: a chart
 * @store: the store
 * @indicator: an indicator
 * @label: (nullable): what the legend calls it (the plan, when comparing)
 * @with_trajectory: whether to draw the expected trajectory
 * @factor: what multiplies its figures to read them in the chart's unit
 *   (pb_unit_factor(): 10000 for an indicator in 万个 on a chart in 个)
 *
 * Series share one value axis: only figures in one unit may meet there.
 */
void
pb_indicator_chart_add_series_scaled (PbIndicatorChart *chart,
                                      PbStore          *store,
                                      PbIndicator      *indicator,
                                      const char       *label,
                                      gboolean          with_trajectory,
                                      double            factor)
{
  gint64 id = pb_record_get_id (PB_RECORD (indicator));
  g_autoptr(GListModel) targets = pb_store_list_targets (store, id);
  g_autoptr(GListModel) actuals = pb_store_list_actuals (store, id);
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, pb_record_get_int (PB_RECORD (indicator), "plan_id"));
  Series *s = g_new0 (Series, 1);
  int first = G_MAXINT, last = 0;
  GDate origin;

  s->label = g_strdup (label);
  s->unit = g_strdup (pb_indicator_get_measure_unit (indicator));
  if (!(factor > 0) || !isfinite (factor))
    factor = 1;
  /* 0.45万个 is 4500个: the digits move with the unit. */
  s->decimals = MAX (0, pb_store_get_indicator_decimals (store, id) - (int) round (log10 (factor)));
  s->annual = pb_record_get_enum (PB_RECORD (indicator), "kind") == PB_INDICATOR_KIND_ANNUAL;
  s->targets = g_array_new (FALSE, FALSE, sizeof (ChartTarget));
  s->expected = g_array_new (FALSE, FALSE, sizeof (ChartPoint));
  s->actuals = g_array_new (FALSE, FALSE, sizeof (ChartPoint));

  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);
      ChartTarget ct = { pb_target_get_year (t), pb_target_get_value (t) * factor,
                         pb_record_get_boolean (PB_RECORD (t), "stretch") };

      g_array_append_val (s->targets, ct);
      first = MIN (first, ct.year);
      last = MAX (last, ct.year);
    }

  for (guint i = 0; i < g_list_model_get_n_items (actuals); i++)
    {
      g_autoptr(PbActual) a = g_list_model_get_item (actuals, i);
      GDate d;

      if (!pb_date_parse (pb_record_get_string (PB_RECORD (a), "date"), &d))
        continue;
      ChartPoint p = { g_date_get_julian (&d), pb_record_get_double (PB_RECORD (a), "value") * factor };
      g_array_append_val (s->actuals, p);
      first = MIN (first, (int) g_date_get_year (&d));
      last = MAX (last, (int) g_date_get_year (&d));
    }

  g_date_clear (&origin, 1);
  if (plan && pb_plan_get_period_start (plan) > 0)
    {
      g_date_set_dmy (&origin, 1, G_DATE_JANUARY, pb_plan_get_period_start (plan));
      first = MIN (first, pb_plan_get_period_start (plan));
      last = MAX (last, pb_plan_get_period_end (plan));
    }

  if (with_trajectory && s->targets->len > 0 && last >= first)
    {
      guint32 j0 = julian_of (first, 1, 1), j1 = julian_of (last, 12, 31);

      for (guint32 j = j0; j <= j1 + 6; j += 7)
        {
          GDate d;
          double v;
          ChartPoint p;

          g_date_clear (&d, 1);
          g_date_set_julian (&d, MIN (j, j1));
          /* An annual amount starts again each year: the trajectory runs
           * to the year's last day and breaks there. */
          if (s->annual && s->expected->len > 0)
            {
              ChartPoint *prev = &g_array_index (s->expected, ChartPoint, s->expected->len - 1);
              GDate pd;

              g_date_clear (&pd, 1);
              g_date_set_julian (&pd, prev->julian);
              if (!isnan (prev->value) && g_date_get_year (&pd) != g_date_get_year (&d))
                {
                  GDate end;
                  ChartPoint gap = { 0, NAN };

                  g_date_clear (&end, 1);
                  g_date_set_dmy (&end, 31, G_DATE_DECEMBER, g_date_get_year (&pd));
                  if (prev->julian < g_date_get_julian (&end) &&
                      pb_indicator_expected_value (indicator, targets, &origin, &end, &v))
                    {
                      ChartPoint last_day = { g_date_get_julian (&end), v * factor };
                      g_array_append_val (s->expected, last_day);
                    }
                  gap.julian = g_date_get_julian (&end);
                  g_array_append_val (s->expected, gap);
                  g_date_set_dmy (&end, 1, G_DATE_JANUARY, g_date_get_year (&d));
                  if (g_date_get_julian (&end) < g_date_get_julian (&d) &&
                      pb_indicator_expected_value (indicator, targets, &origin, &end, &v))
                    {
                      ChartPoint first_day = { g_date_get_julian (&end), v * factor };
                      g_array_append_val (s->expected, first_day);
                    }
                }
            }
          if (!pb_indicator_expected_value (indicator, targets, &origin, &d, &v))
            {
              /* A gap: a point of NAN breaks the line. */
              p.julian = MIN (j, j1);
              p.value = NAN;
            }
          else
            {
              p.julian = MIN (j, j1);
              p.value = v * factor;
            }
          g_array_append_val (s->expected, p);
          if (j >= j1)
            break;
        }
    }

  g_ptr_array_add (chart->series, s);
}

PbIndicatorChart *
pb_indicator_chart_new_from_store (PbStore     *store,
                                   PbIndicator *indicator)
{
  PbIndicatorChart *chart = pb_indicator_chart_new ();

  pb_indicator_chart_add_series (chart, store, indicator, pb_indicator_get_name (indicator), TRUE);
  return chart;
}

void
pb_indicator_chart_get_range (PbIndicatorChart *chart,
                              int              *first_year,
                              int              *last_year,
                              double           *max_value)
{
  int first = G_MAXINT, last = 0;
  double max = 0;

  for (guint i = 0; i < chart->series->len; i++)
    {
      Series *s = g_ptr_array_index (chart->series, i);

      for (guint j = 0; j < s->targets->len; j++)
        {
          ChartTarget *t = &g_array_index (s->targets, ChartTarget, j);
          first = MIN (first, t->year);
          last = MAX (last, t->year);
          max = MAX (max, t->value);
        }
      for (guint j = 0; j < s->actuals->len; j++)
        {
          ChartPoint *p = &g_array_index (s->actuals, ChartPoint, j);
          GDate d;

          g_date_clear (&d, 1);
          g_date_set_julian (&d, p->julian);
          first = MIN (first, (int) g_date_get_year (&d));
          last = MAX (last, (int) g_date_get_year (&d));
          max = MAX (max, p->value);
        }
      for (guint j = 0; j < s->expected->len; j++)
        {
          ChartPoint *p = &g_array_index (s->expected, ChartPoint, j);
          GDate d;

          if (isnan (p->value))
            continue;
          g_date_clear (&d, 1);
          g_date_set_julian (&d, p->julian);
          first = MIN (first, (int) g_date_get_year (&d));
          last = MAX (last, (int) g_date_get_year (&d));
          max = MAX (max, p->value);
        }
    }

  if (first_year)
    *first_year = first == G_MAXINT ? 0 : first;
  if (last_year)
    *last_year = last;
  if (max_value)
    *max_value = max;
}

/* A round step for about @n ticks up to @max: 1, 2 or 5 × 10ⁿ. */
static double
nice_step (double max,
           int    n)
{
  double raw = max / MAX (n, 1);
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* A tick of the value axis, through the one formatter (DESIGN §7: 80万
 * and 1.2万 in Chinese, 800,000 elsewhere, 25亿 and 2.5 bn as the
 * indicator table writes them), to the decimals its step needs (0.5, 1,
 * 1.5 …), in the unit of the top tick @ymax (0.5 bn under 1.5 bn). */
static char *
format_tick (double value,
             double step,
             double ymax)
{
  return pb_format_number_scaled (value, NULL, MIN (pb_format_decimals_of (step), 6), ymax);
}

/* A figure the user entered (a target, an actual), by the one number
 * formatter and never rounded below its own digits: 12.5 reads 12.5,
 * 2,800,000,000 reads 2.8 bn (28亿) as in the indicator table. */
static char *
format_figure (Series *s,
               double  value)
{
  return pb_format_number_compact (value, NULL, MAX (s->decimals, pb_format_decimals_of (value)));
}

/**
 * pb_indicator_chart_get_labels:
 * @chart: a chart
 *
 * The figures the last pb_indicator_chart_paint() wrote (the value axis's
 * ticks, then the targets' and the latest actual's labels), in that
 * order: what a reader of the chart sees, for tests and assistive text.
 *
 * Returns: (transfer none) (element-type utf8): the labels
 */
GPtrArray *
pb_indicator_chart_get_labels (PbIndicatorChart *chart)
{
  return chart->labels;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  const char *language = pb_render_get_language (cr);

  /* The plan's own script's forms, when the caller says which. */
  if (language)
    {
      pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string (language));
      pango_layout_context_changed (layout);
    }
  pb_render_set_font_script (desc, language);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       yalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - w * xalign), round (y - h * yalign));
  pango_cairo_show_layout (cr, layout);
}

#define LEGEND_ROW 16

static int
year_of (guint32 julian)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  return g_date_get_year (&d);
}

/* Whether the line of actuals starts again at actual @j: an annual
 * amount's figures of one year never join the next year's. */
static gboolean
new_run (Series *s,
         guint   j)
{
  return s->annual && j > 0 &&
         year_of (g_array_index (s->actuals, ChartPoint, j).julian) !=
         year_of (g_array_index (s->actuals, ChartPoint, j - 1).julian);
}

/* The words of a one-series chart's legend (the last, for a hollow point,
 * only when an actual is dated after today); returns how many. */
static guint
legend_words (PbIndicatorChart *chart,
              const char       *words[5])
{
  gboolean later = FALSE;

  words[0] = C_("indicator value", "Target");
  words[1] = _("Stretch target");
  words[2] = _("Expected");
  words[3] = C_("indicator value", "Actual");
  /* Translators: the chart's legend: a hollow point, an actual dated
   * after today that counts only from its date */
  words[4] = C_("indicator value", "Counts from its date");
  for (guint i = 0; chart->today && i < chart->series->len; i++)
    {
      Series *s = g_ptr_array_index (chart->series, i);

      for (guint j = 0; j < s->actuals->len; j++)
        later |= g_array_index (s->actuals, ChartPoint, j).julian > chart->today;
    }
  return later ? 5 : 4;
}

/* The top of the plot below a one-series chart's legend, on a second
 * line when the first is full. */
static double
words_top (PangoLayout  *small,
           const char  **words,
           guint         n_words,
           double        width)
{
  double x = 4, top = 28;

  for (guint k = 0; k < n_words; k++)
    {
      int w, h;

      pango_layout_set_text (small, words[k], -1);
      pango_layout_get_pixel_size (small, &w, &h);
      if (x > 4 && x + 18 + w > width - 4)
        x = 4, top += LEGEND_ROW;
      x += 18 + w + 10;
    }
  return top;
}

/* The legend of a comparison: an entry per series, its colour and its
 * label, flowing onto as many lines as they need (a label wider than the
 * chart wraps): every series has its entry. Painted when @cr is given;
 * returns the top of the plot below it. */
static double
series_legend (PbIndicatorChart *chart,
               PangoLayout      *small,
               double            width,
               cairo_t          *cr,
               double            fg)
{
  double x = 4, row_top = 4, row_h = 0;
  int line_h, w, h;

  pango_layout_set_width (small, -1);
  pango_layout_set_text (small, "Ag", -1);
  pango_layout_get_pixel_size (small, NULL, &line_h);
  pango_layout_set_width (small, (int) (MAX (40, width - 8 - 16) * PANGO_SCALE));
  pango_layout_set_wrap (small, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_NONE);
  for (guint i = 0; i < chart->series->len; i++)
    {
      Series *s = g_ptr_array_index (chart->series, i);
      const PbRgb *c = &palette[i % G_N_ELEMENTS (palette)];

      pango_layout_set_text (small, s->label ? s->label : "", -1);
      pango_layout_get_pixel_size (small, &w, &h);
      if (x > 4 && x + 16 + w > width - 4)
        {
          x = 4;
          row_top += MAX (row_h, line_h) + 3;
          row_h = 0;
        }
      if (cr)
        {
          cairo_set_source_rgb (cr, c->red, c->green, c->blue);
          cairo_rectangle (cr, x, round (row_top + line_h / 2.0 - 5), 12, 10);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, fg, fg, fg, 0.8);
          cairo_move_to (cr, x + 16, row_top);
          pango_cairo_show_layout (cr, small);
        }
      row_h = MAX (row_h, h);
      x += 16 + w + 14;
    }
  pango_layout_set_width (small, -1);
  return row_top + MAX (row_h, line_h) + 11;
}

/**
 * pb_indicator_chart_measure:
 * @chart: a chart
 * @cr: the context it will be painted on (for its fonts)
 * @width: the width it will be painted at
 * @plot_height: the height its plot should have
 *
 * Returns: the height that gives the plot @plot_height below the whole
 *   legend (on several lines when it needs them) and above the years
 */
double
pb_indicator_chart_measure (PbIndicatorChart *chart,
                            cairo_t          *cr,
                            double            width,
                            double            plot_height)
{
  g_autoptr(PangoLayout) small = NULL;
  const char *words[5];
  double top;

  g_return_val_if_fail (chart != NULL, 0);
  small = make_layout (cr, "Sans 8");
  if (chart->series->len > 1)
    top = series_legend (chart, small, width, NULL, 0);
  else
    top = words_top (small, words, legend_words (chart, words), width);
  return ceil (top + plot_height + 24);
}

/**
 * pb_indicator_chart_paint:
 * @chart: a chart
 * @cr: where to paint, origin at the chart's top left
 * @width: its width
 * @height: its height
 * @dark: whether the background is dark
 */
void
pb_indicator_chart_paint (PbIndicatorChart *chart,
                          cairo_t          *cr,
                          double            width,
                          double            height,
                          gboolean          dark)
{
  g_autoptr(PangoLayout) small = NULL;
  double fg = dark ? 1.0 : 0.0;
  double left, right = 16, top = 28, bottom = 24, plot_w, plot_h;
  double max, step, ymax;
  int first, last, n_years;
  guint32 j0, j1;
  gboolean single = chart->series->len == 1;
  const char *words[5];
  guint n_words;

  g_ptr_array_set_size (chart->labels, 0);
  chart->n_later = 0;
  cairo_save (cr);
  small = make_layout (cr, "Sans 8");

  /* The legend's lines set the plot's top. */
  n_words = legend_words (chart, words);
  top = single ? words_top (small, words, n_words, width) : series_legend (chart, small, width, NULL, 0);
  pb_indicator_chart_get_range (chart, &first, &last, &max);

  if (first == 0 || last < first)
    {
      cairo_set_source_rgba (cr, fg, fg, fg, 0.55);
      show_text (cr, small, _("No targets or actuals to chart"), width / 2, height / 2, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }

  if (max <= 0)
    max = 1;
  step = nice_step (max * 1.05, 4);
  ymax = ceil (max * 1.05 / step) * step;

  /* The widest tick label sets the left margin: not always the top one
   * ("1.5万" is wider than "2万", "5000" than "1万"). */
  left = 12;
  for (int k = 0; k * step <= ymax + step / 2; k++)
    {
      g_autofree char *tick = format_tick (k * step, step, ymax);
      int w, h;

      pango_layout_set_text (small, tick, -1);
      pango_layout_get_pixel_size (small, &w, &h);
      left = MAX (left, w + 12);
    }

  plot_w = MAX (10, width - left - right);
  plot_h = MAX (10, height - top - bottom);
  n_years = last - first + 1;
  j0 = julian_of (first, 1, 1);
  j1 = julian_of (last, 12, 31) + 1;

#define X(j) (left + ((double) (j) - j0) / (j1 - j0) * plot_w)
#define Y(v) (top + plot_h - (v) / ymax * plot_h)

  /* Grid: a band per year, a line per tick. */
  cairo_set_line_width (cr, 1);
  for (int y = 0; y <= n_years; y++)
    {
      double x = round (X (julian_of (first + y, 1, 1))) + 0.5;

      cairo_set_source_rgba (cr, fg, fg, fg, 0.12);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + plot_h);
      cairo_stroke (cr);
      if (y < n_years)
        {
          char label[8];

          g_snprintf (label, sizeof label, "%d", first + y);
          cairo_set_source_rgba (cr, fg, fg, fg, 0.7);
          show_text (cr, small, label, (X (julian_of (first + y, 1, 1)) + X (julian_of (first + y, 12, 31))) / 2,
                     top + plot_h + 4, 0.5, 0);
        }
    }
  for (int k = 0; k * step <= ymax + step / 2; k++)
    {
      double v = k * step;
      g_autofree char *label = format_tick (v, step, ymax);
      double y = round (Y (v)) + 0.5;

      cairo_set_source_rgba (cr, fg, fg, fg, v == 0 ? 0.35 : 0.12);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + plot_w, y);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.7);
      show_text (cr, small, label, left - 6, y, 1, 0.5);
      g_ptr_array_add (chart->labels, g_strdup (label));
    }

  for (guint i = 0; i < chart->series->len; i++)
    {
      Series *s = g_ptr_array_index (chart->series, i);
      const PbRgb *c = &palette[i % G_N_ELEMENTS (palette)];
      gboolean pen = FALSE;

      /* The expected trajectory, dashed. */
      cairo_save (cr);
      if (single)
        cairo_set_source_rgba (cr, fg, fg, fg, 0.45);
      else
        cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.6);
      cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
      cairo_set_line_width (cr, 1.5);
      for (guint j = 0; j < s->expected->len; j++)
        {
          ChartPoint *p = &g_array_index (s->expected, ChartPoint, j);

          if (isnan (p->value))
            {
              if (pen)
                cairo_stroke (cr);
              pen = FALSE;
              continue;
            }
          if (pen)
            cairo_line_to (cr, X (p->julian), Y (p->value));
          else
            cairo_move_to (cr, X (p->julian), Y (p->value));
          pen = TRUE;
        }
      if (pen)
        cairo_stroke (cr);
      cairo_restore (cr);

      /* Targets: diamonds at the year's end. */
      for (guint j = 0; j < s->targets->len; j++)
        {
          ChartTarget *t = &g_array_index (s->targets, ChartTarget, j);
          double x = X (julian_of (t->year, 12, 31) + 1), y = Y (t->value);

          pb_paint_diamond_path (cr, x, y, 6);
          if (t->stretch)
            {
              cairo_set_source_rgb (cr, dark ? 0.14 : 1, dark ? 0.14 : 1, dark ? 0.14 : 1);
              cairo_fill_preserve (cr);
              cairo_set_source_rgb (cr, c->red, c->green, c->blue);
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
          else
            {
              cairo_set_source_rgb (cr, c->red, c->green, c->blue);
              cairo_fill (cr);
            }
          if (single)
            {
              g_autofree char *label = format_figure (s, t->value);
              int w, h;

              /* Left of its mark, or right of it where it would reach
               * over the value axis's ticks ("900,000,000" by 2025). */
              pango_layout_set_text (small, label, -1);
              pango_layout_get_pixel_size (small, &w, &h);
              cairo_set_source_rgb (cr, c->red, c->green, c->blue);
              if (x - 8 - w < left)
                show_text (cr, small, label, x + 8, y - 3, 0, 1);
              else
                show_text (cr, small, label, x - 8, y - 3, 1, 1);
              g_ptr_array_add (chart->labels, g_strdup (label));
            }
        }

      /* Actuals: a line through points; those dated after today (they
       * count from their date) hollow, on a dashed line. */
      {
        guint n_known = 0;
        double line_r, line_g, line_b;

        for (guint j = 0; j < s->actuals->len; j++)
          if (chart->today == 0 || g_array_index (s->actuals, ChartPoint, j).julian <= chart->today)
            n_known = j + 1;
        if (single)
          line_r = line_g = line_b = fg * 0.9 + (dark ? 0 : 0.1);
        else
          line_r = c->red, line_g = c->green, line_b = c->blue;
        cairo_set_source_rgb (cr, line_r, line_g, line_b);
        cairo_set_line_width (cr, 2);
        for (guint j = 0; j < n_known; j++)
          {
            ChartPoint *p = &g_array_index (s->actuals, ChartPoint, j);

            if (j == 0 || new_run (s, j))
              cairo_move_to (cr, X (p->julian), Y (p->value));
            else
              cairo_line_to (cr, X (p->julian), Y (p->value));
          }
        cairo_stroke (cr);
        if (n_known < s->actuals->len)
          {
            cairo_save (cr);
            cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
            cairo_set_line_width (cr, 1.5);
            for (guint j = n_known > 0 ? n_known - 1 : 0; j < s->actuals->len; j++)
              {
                ChartPoint *p = &g_array_index (s->actuals, ChartPoint, j);

                if (j == (n_known > 0 ? n_known - 1 : 0) || new_run (s, j))
                  cairo_move_to (cr, X (p->julian), Y (p->value));
                else
                  cairo_line_to (cr, X (p->julian), Y (p->value));
              }
            cairo_stroke (cr);
            cairo_restore (cr);
          }
        for (guint j = 0; j < s->actuals->len; j++)
          {
            ChartPoint *p = &g_array_index (s->actuals, ChartPoint, j);

            cairo_new_sub_path (cr);
            cairo_arc (cr, X (p->julian), Y (p->value), 3.5, 0, 2 * G_PI);
            if (j < n_known)
              cairo_fill (cr);
            else
              {
                cairo_set_source_rgb (cr, dark ? 0.14 : 1, dark ? 0.14 : 1, dark ? 0.14 : 1);
                cairo_fill_preserve (cr);
                cairo_set_source_rgb (cr, line_r, line_g, line_b);
                cairo_set_line_width (cr, 1.5);
                cairo_stroke (cr);
                chart->n_later++;
              }
          }

        /* The latest figure: the latest that counts, as the table has it */
        if (single && n_known > 0)
          {
            ChartPoint *p = &g_array_index (s->actuals, ChartPoint, n_known - 1);
            g_autofree char *label = format_figure (s, p->value);

            double lx = X (p->julian) + 6, ly = Y (p->value) + 2;
            int w, h;

            /* Inside the plot: left of the point when it is near the right
             * edge, above it when it is near the axis (never over the year
             * labels). */
            pango_layout_set_text (small, label, -1);
            pango_layout_get_pixel_size (small, &w, &h);
            /* Points after it: above and left of its own point, clear of
             * the hollow ones to its right */
            if (n_known < s->actuals->len)
              lx = X (p->julian) - 6 - w, ly = Y (p->value) - 4 - h;
            if (lx + w > width - 2)
              lx = X (p->julian) - 6 - w;
            if (ly + h > top + plot_h)
              ly = Y (p->value) - 4 - h;
            lx = MAX (lx, left + 2);
            ly = MAX (ly, top);
            show_text (cr, small, label, lx, ly, 0, 0);
            g_ptr_array_add (chart->labels, g_strdup (label));
          }
      }
    }

  /* The legend, across the top. */
  {
    double x = 4;
    int w, h;

    if (single)
      {
        const PbRgb *c = &palette[0];
        double ly = 10;

        for (guint k = 0; k < n_words; k++)
          {
            pango_layout_set_text (small, words[k], -1);
            pango_layout_get_pixel_size (small, &w, &h);
            if (x > 4 && x + 18 + w > width - 4)
              x = 4, ly += LEGEND_ROW;
            cairo_save (cr);
            cairo_new_path (cr);
            cairo_translate (cr, 0, ly - 10);
            if (k == 0 || k == 1)
              {
                pb_paint_diamond_path (cr, x + 6, 10, 5);
                if (k == 1)
                  {
                    cairo_set_source_rgb (cr, c->red, c->green, c->blue);
                    cairo_set_line_width (cr, 1.5);
                    cairo_stroke (cr);
                  }
                else
                  {
                    cairo_set_source_rgb (cr, c->red, c->green, c->blue);
                    cairo_fill (cr);
                  }
              }
            else if (k == 2)
              {
                cairo_set_source_rgba (cr, fg, fg, fg, 0.45);
                cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
                cairo_set_line_width (cr, 1.5);
                cairo_move_to (cr, x, 10);
                cairo_line_to (cr, x + 14, 10);
                cairo_stroke (cr);
              }
            else
              {
                cairo_set_source_rgb (cr, fg, fg, fg);
                cairo_new_sub_path (cr);
                cairo_arc (cr, x + 7, 10, 3.5, 0, 2 * G_PI);
                if (k == 4)
                  {
                    cairo_set_line_width (cr, 1.5);
                    cairo_stroke (cr);
                  }
                else
                  cairo_fill (cr);
              }
            cairo_restore (cr);
            cairo_set_source_rgba (cr, fg, fg, fg, 0.8);
            cairo_move_to (cr, x + 18, ly - h / 2.0);
            pango_cairo_show_layout (cr, small);
            x += 18 + w + 10;
          }
      }
    else
      series_legend (chart, small, width, cr, fg);
  }

#undef X
#undef Y
  cairo_restore (cr);
}

/* ---- The organisation ranking ----------------------------------------------- */

#define RANK_ROW 26.0
#define RANK_W 28.0
#define RANK_TAIL_W 88.0
#define RANK_MIN_BAR 40.0

double
pb_org_ranking_get_height (guint n_organisations)
{
  return MAX (1, n_organisations) * RANK_ROW + 8;
}

/* Where each row goes for @width: a name is the ranking's point, so it is
 * never cut to "…". The name column is as wide as the longest name, within
 * what leaves the bars room; a name longer than that wraps, and its row
 * grows to hold it. @tops gets n + 1 values (row i spans tops[i] to
 * tops[i + 1]); the total height is returned. */
static double
ranking_layout (GPtrArray   *stats,
                PangoLayout *text,
                double       width,
                double      *label_w_out,
                double      *tops)
{
  double widest = 0, label_w, y = 4;
  int w, h;

  pango_layout_set_width (text, -1);
  for (guint i = 0; i < stats->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (stats, i);

      pango_layout_set_text (text, s->name, -1);
      pango_layout_get_pixel_size (text, &w, &h);
      widest = MAX (widest, w);
    }
  label_w = MIN (ceil (widest) + 2, MAX (90, width - RANK_W - 8 - RANK_MIN_BAR - RANK_TAIL_W));
  label_w = MAX (label_w, MIN (90, widest + 2));

  pango_layout_set_width (text, (int) (label_w * PANGO_SCALE));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_NONE);
  for (guint i = 0; i < stats->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (stats, i);

      pango_layout_set_text (text, s->name, -1);
      pango_layout_get_pixel_size (text, &w, &h);
      if (tops)
        tops[i] = y;
      y += MAX (RANK_ROW, h + 8);
    }
  if (tops)
    tops[stats->len] = y;
  pango_layout_set_width (text, -1);
  if (label_w_out)
    *label_w_out = label_w;
  return stats->len ? y + 4 : pb_org_ranking_get_height (0);
}

/**
 * pb_org_ranking_measure:
 * @stats: (element-type PbOrgStats): the ranking, best first
 * @cr: the context it will be painted on (for its fonts and language)
 * @width: the width it will be painted at
 *
 * Returns: the height the ranking needs at @width, every name whole
 */
double
pb_org_ranking_measure (GPtrArray *stats,
                        cairo_t   *cr,
                        double     width)
{
  g_autoptr(PangoLayout) text = make_layout (cr, "Sans 9");

  g_return_val_if_fail (stats != NULL, 0);
  return ranking_layout (stats, text, width, NULL, NULL);
}

/**
 * pb_org_ranking_row_at:
 * @stats: (element-type PbOrgStats): the ranking, best first
 * @cr: the context it is painted on
 * @width: the width it is painted at
 * @y: a height in it
 *
 * Returns: the index in @stats of the row at @y, or -1
 */
int
pb_org_ranking_row_at (GPtrArray *stats,
                       cairo_t   *cr,
                       double     width,
                       double     y)
{
  g_autoptr(PangoLayout) text = make_layout (cr, "Sans 9");
  g_autofree double *tops = g_new0 (double, stats->len + 1);

  ranking_layout (stats, text, width, NULL, tops);
  for (guint i = 0; i < stats->len; i++)
    if (y >= tops[i] && y < tops[i + 1])
      return (int) i;
  return -1;
}

/**
 * pb_org_ranking_paint:
 * @stats: (element-type PbOrgStats): the ranking, best first
 * @cr: where to paint
 * @width: the width
 * @height: the height (rows that do not fit are left out; see
 *   pb_org_ranking_measure() for the height that holds them all)
 * @dark: whether the background is dark
 *
 * A bar per organisation, as long as its mean completion, with the
 * percentage and the change of rank since the last period. Names are
 * shown whole, wrapped when long.
 */
void
pb_org_ranking_paint (GPtrArray *stats,
                      cairo_t   *cr,
                      double     width,
                      double     height,
                      gboolean   dark)
{
  g_autoptr(PangoLayout) text = NULL;
  g_autofree double *tops = NULL;
  double fg = dark ? 1.0 : 0.0;
  double label_w, bar_x, bar_w;

  cairo_save (cr);
  text = make_layout (cr, "Sans 9");

  if (stats->len == 0)
    {
      cairo_set_source_rgba (cr, fg, fg, fg, 0.55);
      show_text (cr, text, _("No organisations in this plan"), width / 2, height / 2, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }

  tops = g_new0 (double, stats->len + 1);
  ranking_layout (stats, text, width, &label_w, tops);
  bar_x = RANK_W + label_w + 8;
  bar_w = MAX (20, width - bar_x - RANK_TAIL_W);

  for (guint i = 0; i < stats->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (stats, i);
      double y = tops[i], row_h = tops[i + 1] - tops[i];
      double mid = y + row_h / 2;
      char rank[16];

      if (y + row_h > height + 1)
        break;

      cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
      g_snprintf (rank, sizeof rank, s->rank > 0 ? "%u" : "—", s->rank);
      show_text (cr, text, rank, RANK_W - 8, mid, 1, 0.5);

      cairo_set_source_rgba (cr, fg, fg, fg, 0.9);
      pango_layout_set_width (text, (int) (label_w * PANGO_SCALE));
      pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
      show_text (cr, text, s->name, RANK_W, mid, 0, 0.5);
      pango_layout_set_width (text, -1);

      /* The track, then the bar. */
      cairo_set_source_rgba (cr, fg, fg, fg, 0.08);
      cairo_rectangle (cr, bar_x, mid - RANK_ROW / 2 + 6, bar_w, RANK_ROW - 12);
      cairo_fill (cr);
      if (!isnan (s->completion))
        {
          double w = round (CLAMP (s->completion, 0, 1) * bar_w);
          g_autofree char *percent = pb_format_percent (s->completion);

          /* Completion is progress, not health: one neutral colour, so a
           * bar is not read as red when the plan is young. */
          if (w > 0)
            {
              cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
              cairo_rectangle (cr, bar_x, mid - RANK_ROW / 2 + 6, w, RANK_ROW - 12);
              cairo_fill (cr);
            }
          cairo_set_source_rgba (cr, fg, fg, fg, 0.9);
          show_text (cr, text, percent, bar_x + bar_w + 6, mid, 0, 0.5);

          {
            g_autofree char *change = pb_org_stats_format_rank_change (s);

            if (change != NULL && !g_str_equal (change, "="))
              show_text (cr, text, change, bar_x + bar_w + 50, mid, 0, 0.5);
          }
        }
    }

  cairo_restore (cr);
}
