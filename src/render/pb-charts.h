/* pb-charts.h — indicator charts and the organisation ranking, on any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same painters serve the Indicators and Organisations pages and the
 * printed report. No GTK.
 */
#pragma once

#include <cairo.h>

#include "pb-supervision.h"

G_BEGIN_DECLS

typedef struct _PbIndicatorChart PbIndicatorChart;

PbIndicatorChart *pb_indicator_chart_new        (void);
void              pb_indicator_chart_free       (PbIndicatorChart *chart);
void              pb_indicator_chart_add_series (PbIndicatorChart *chart,
                                                 PbStore          *store,
                                                 PbIndicator      *indicator,
                                                 const char       *label,
                                                 gboolean          with_trajectory);
void              pb_indicator_chart_add_series_scaled (PbIndicatorChart *chart,
                                                        PbStore          *store,
                                                        PbIndicator      *indicator,
                                                        const char       *label,
                                                        gboolean          with_trajectory,
                                                        double            factor);
PbIndicatorChart *pb_indicator_chart_new_from_store (PbStore     *store,
                                                     PbIndicator *indicator);
guint             pb_indicator_chart_get_n_series (PbIndicatorChart *chart);
void              pb_indicator_chart_set_today  (PbIndicatorChart *chart,
                                                 const GDate      *today);
guint             pb_indicator_chart_get_n_later (PbIndicatorChart *chart);
GPtrArray        *pb_indicator_chart_get_labels (PbIndicatorChart *chart);
void              pb_indicator_chart_get_range  (PbIndicatorChart *chart,
                                                 int              *first_year,
                                                 int              *last_year,
                                                 double           *max_value);
double            pb_indicator_chart_measure    (PbIndicatorChart *chart,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            plot_height);
void              pb_indicator_chart_paint      (PbIndicatorChart *chart,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            height,
                                                 gboolean          dark);

void              pb_org_ranking_paint          (GPtrArray        *stats,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            height,
                                                 gboolean          dark);
double            pb_org_ranking_get_height     (guint             n_organisations);
double            pb_org_ranking_measure        (GPtrArray        *stats,
                                                 cairo_t          *cr,
                                                 double            width);
int               pb_org_ranking_row_at         (GPtrArray        *stats,
                                                 cairo_t          *cr,
                                                 double            width,
                                                 double            y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbIndicatorChart, pb_indicator_chart_free)

G_END_DECLS
