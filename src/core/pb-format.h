/* pb-format.h — numbers and dates as the reader's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pb-enums.h"

G_BEGIN_DECLS

typedef enum
{
  PB_NUMBER_STYLE_AUTO,     /* from the locale: Chinese in zh_*, else grouped */
  PB_NUMBER_STYLE_CHINESE,  /* 2600, 6.5万, 1400亿 */
  PB_NUMBER_STYLE_GROUPED,  /* 2,600, 65,000 */
  PB_NUMBER_STYLE_PLAIN,    /* 2600, 65000 */
} PbNumberStyle;

void          pb_format_set_style        (PbNumberStyle  style);
PbNumberStyle pb_format_get_style        (void);
PbNumberStyle pb_format_style_for_locale (const char    *locale);
char         *pb_format_number_styled    (double         value,
                                          const char    *unit,
                                          PbNumberStyle  style);
char         *pb_format_number           (double         value,
                                          const char    *unit);
char         *pb_format_number_full      (double         value,
                                          const char    *unit,
                                          PbNumberStyle  style,
                                          int            decimals);
char         *pb_format_number_to        (double         value,
                                          const char    *unit,
                                          int            decimals);
char         *pb_format_number_compact   (double         value,
                                          const char    *unit,
                                          int            decimals);
char         *pb_format_number_scaled    (double         value,
                                          const char    *unit,
                                          int            decimals,
                                          double         scale);
char         *pb_format_estimate         (double         value,
                                          const char    *unit,
                                          int            decimals);
int           pb_format_decimals_of      (double         value);
char         *pb_format_percent          (double         fraction);
char         *pb_format_editable         (double         value);
char         *pb_format_iso_date         (const char    *iso);
gboolean      pb_parse_number            (const char    *text,
                                          double        *value);
gboolean      pb_parse_target            (const char    *text,
                                          PbComparator  *comparator,
                                          double        *value);
gboolean      pb_parse_number_in_unit    (const char    *text,
                                          const char    *unit,
                                          double        *value);
gboolean      pb_parse_target_in_unit    (const char    *text,
                                          const char    *unit,
                                          PbComparator  *comparator,
                                          double        *value);
char         *pb_format_date_styled      (const GDate   *date,
                                          PbNumberStyle  style);
char         *pb_format_date             (const GDate   *date);
char         *pb_format_month_styled     (int            year,
                                          int            month,
                                          PbNumberStyle  style);
char         *pb_format_iso_month        (const char    *iso);
const char   *pb_format_comparator       (PbComparator   comparator);
const char   *pb_format_quarter          (int            quarter,
                                          gboolean       formal);
char         *pb_format_year_quarter     (int            year,
                                          int            quarter,
                                          gboolean       formal);
char         *pb_format_period_label     (const char    *label);
char         *pb_format_section_heading  (const char    *number,
                                          const char    *title);
char         *pb_format_next_section_number (const char *const *siblings,
                                             gboolean           nested,
                                             gboolean           chinese);
char        **pb_format_renumber_sections (const char *const *before,
                                           const char *const *after,
                                           const char        *first);
char        **pb_format_renumber_sections_forced (const char *const *numbers);
gboolean      pb_format_same_section_number (const char *a,
                                             const char *b);
char        **pb_format_recount          (const char *const *before,
                                          const char *const *after,
                                          int               *start);
char         *pb_format_number_like      (const char    *like,
                                          int            value);
int           pb_format_section_number_value (const char *number);
char         *pb_format_first_section_number (guint    depth,
                                              gboolean chinese);
double        pb_unit_factor             (const char    *from,
                                          const char    *to);

G_END_DECLS
