/* pb-xlsxwriter.h — libxlsxwriter, loaded when a workbook is first written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ledger and the forms (pb-ledger.c, pb-form-writer.c) include this
 * header instead of <xlsxwriter.h> and call its functions by their usual
 * names; they go through a table that pb_xlsxwriter_load() fills the first
 * time (see pb-module.h in src/core): neither program links libxlsxwriter
 * (nor minizip). A function not yet listed does not link: add it to both
 * lists.
 */
#pragma once

#include <xlsxwriter.h>

#include "pb-module.h"

G_BEGIN_DECLS

#define PB_XLSXWRITER_FUNCTIONS(F) \
  F (format_set_align) \
  F (format_set_bg_color) \
  F (format_set_bold) \
  F (format_set_border) \
  F (format_set_font_color) \
  F (format_set_font_size) \
  F (format_set_num_format) \
  F (format_set_text_wrap) \
  F (format_set_unlocked) \
  F (lxw_strerror) \
  F (workbook_add_format) \
  F (workbook_add_worksheet) \
  F (workbook_close) \
  F (workbook_new) \
  F (worksheet_activate) \
  F (worksheet_autofilter) \
  F (worksheet_data_validation_range) \
  F (worksheet_fit_to_pages) \
  F (worksheet_freeze_panes) \
  F (worksheet_hide) \
  F (worksheet_merge_range) \
  F (worksheet_protect) \
  F (worksheet_repeat_rows) \
  F (worksheet_set_column) \
  F (worksheet_set_landscape) \
  F (worksheet_set_margins) \
  F (worksheet_set_paper) \
  F (worksheet_set_row) \
  F (worksheet_write_blank) \
  F (worksheet_write_number) \
  F (worksheet_write_string)

typedef struct
{
  PB_XLSXWRITER_FUNCTIONS (PB_MODULE_POINTER)
} PbXlsxwriterFunctions;

extern PbXlsxwriterFunctions pb_xlsxwriter;

gboolean pb_xlsxwriter_load (GError **error);

#ifndef PB_XLSXWRITER_NO_REDIRECT
#define format_set_align                (pb_xlsxwriter.format_set_align)
#define format_set_bg_color             (pb_xlsxwriter.format_set_bg_color)
#define format_set_bold                 (pb_xlsxwriter.format_set_bold)
#define format_set_border               (pb_xlsxwriter.format_set_border)
#define format_set_font_color           (pb_xlsxwriter.format_set_font_color)
#define format_set_font_size            (pb_xlsxwriter.format_set_font_size)
#define format_set_num_format           (pb_xlsxwriter.format_set_num_format)
#define format_set_text_wrap            (pb_xlsxwriter.format_set_text_wrap)
#define format_set_unlocked             (pb_xlsxwriter.format_set_unlocked)
#define lxw_strerror                    (pb_xlsxwriter.lxw_strerror)
#define workbook_add_format             (pb_xlsxwriter.workbook_add_format)
#define workbook_add_worksheet          (pb_xlsxwriter.workbook_add_worksheet)
#define workbook_close                  (pb_xlsxwriter.workbook_close)
#define workbook_new                    (pb_xlsxwriter.workbook_new)
#define worksheet_activate              (pb_xlsxwriter.worksheet_activate)
#define worksheet_autofilter            (pb_xlsxwriter.worksheet_autofilter)
#define worksheet_data_validation_range (pb_xlsxwriter.worksheet_data_validation_range)
#define worksheet_fit_to_pages          (pb_xlsxwriter.worksheet_fit_to_pages)
#define worksheet_freeze_panes          (pb_xlsxwriter.worksheet_freeze_panes)
#define worksheet_hide                  (pb_xlsxwriter.worksheet_hide)
#define worksheet_merge_range           (pb_xlsxwriter.worksheet_merge_range)
#define worksheet_protect               (pb_xlsxwriter.worksheet_protect)
#define worksheet_repeat_rows           (pb_xlsxwriter.worksheet_repeat_rows)
#define worksheet_set_column            (pb_xlsxwriter.worksheet_set_column)
#define worksheet_set_landscape         (pb_xlsxwriter.worksheet_set_landscape)
#define worksheet_set_margins           (pb_xlsxwriter.worksheet_set_margins)
#define worksheet_set_paper             (pb_xlsxwriter.worksheet_set_paper)
#define worksheet_set_row               (pb_xlsxwriter.worksheet_set_row)
#define worksheet_write_blank           (pb_xlsxwriter.worksheet_write_blank)
#define worksheet_write_number          (pb_xlsxwriter.worksheet_write_number)
#define worksheet_write_string          (pb_xlsxwriter.worksheet_write_string)
#endif

G_END_DECLS
