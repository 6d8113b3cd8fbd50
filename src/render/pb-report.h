/* pb-report.h — the printed report: pages drawn with Cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One composer for Print…, Export PDF… and `planboard-cli report`. No GTK.
 * pb_report_new() reads what the report shows from the store (main
 * thread); after that the report holds its own copy, so paginating and
 * drawing may run in a worker thread.
 */
#pragma once

#include <cairo.h>

#include "pb-store.h"
#include "pb-timeline.h"

G_BEGIN_DECLS

typedef enum
{
  PB_PAPER_A4,
  PB_PAPER_A3,
  PB_PAPER_A1,
  PB_PAPER_A0,
} PbPaper;

typedef enum
{
  PB_REPORT_COVER         = 1 << 0,
  PB_REPORT_SUMMARY       = 1 << 1,
  PB_REPORT_TIMELINE      = 1 << 2,
  PB_REPORT_TASKS         = 1 << 3,
  PB_REPORT_INDICATORS    = 1 << 4,
  PB_REPORT_ORGANISATIONS = 1 << 5,
  PB_REPORT_ALL           = (1 << 6) - 1,   /* the parts printed by default */
  PB_REPORT_REPORTING     = 1 << 6,         /* optional: who has returned the period's forms */
  PB_REPORT_EVERY_PART    = (1 << 7) - 1,
} PbReportParts;

typedef enum
{
  PB_REPORT_TIMELINE_FIT,    /* scaled to the page width, rows over pages */
  PB_REPORT_TIMELINE_TILE,   /* at the zoom, tiled across pages (挂图) */
  PB_REPORT_TIMELINE_SHEET,  /* on one large sheet (A1, or A0) */
} PbReportTimelineMode;

typedef struct
{
  PbPaper              paper;
  gboolean             landscape;
  double               margin;         /* points */
  PbReportParts        parts;
  PbReportTimelineMode timeline_mode;
  PbTimelineZoom       zoom;
  GDate                today;          /* the date printed, and judged on */
} PbReportOptions;

typedef struct _PbReport PbReport;

typedef void (*PbReportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

void        pb_report_options_init   (PbReportOptions *options);
gboolean    pb_paper_from_string     (const char      *text,
                                      PbPaper         *paper);
const char *pb_paper_to_string       (PbPaper          paper);
void        pb_paper_get_size        (PbPaper          paper,
                                      gboolean         landscape,
                                      double          *width,
                                      double          *height);
const char * const *pb_report_part_names (void);
char       *pb_report_part_list      (const char      *separator);
gboolean    pb_report_parts_from_string (const char   *text,
                                         PbReportParts *parts);

PbReport   *pb_report_new            (PbStore               *store,
                                      gint64                 plan_id,
                                      const PbReportOptions *options,
                                      GError               **error);
void        pb_report_free           (PbReport        *report);
guint       pb_report_paginate       (PbReport        *report);
guint       pb_report_get_n_pages    (PbReport        *report);
void        pb_report_get_page_size  (PbReport        *report,
                                      guint            page,
                                      double          *width,
                                      double          *height);
void        pb_report_draw_page      (PbReport        *report,
                                      cairo_t         *cr,
                                      guint            page);
gboolean    pb_report_write_pdf      (PbReport             *report,
                                      const char           *path,
                                      PbReportProgressFunc  progress,
                                      gpointer              user_data,
                                      GCancellable         *cancellable,
                                      GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbReport, pb_report_free)

G_END_DECLS
