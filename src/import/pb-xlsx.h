/* pb-xlsx.h — reading XLSX workbooks (libarchive + libxml2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_XLSX_ERROR (pb_xlsx_error_quark ())

typedef enum
{
  PB_XLSX_ERROR_NOT_XLSX,   /* not a zip, or no workbook in it */
  PB_XLSX_ERROR_DAMAGED,    /* a part that does not parse or points outside the package */
  PB_XLSX_ERROR_TOO_LARGE,  /* over the size caps */
  PB_XLSX_ERROR_UNSUPPORTED,/* built without libarchive/libxml2 */
} PbXlsxError;

typedef enum
{
  PB_XLSX_CELL_EMPTY,
  PB_XLSX_CELL_STRING,
  PB_XLSX_CELL_NUMBER,
  PB_XLSX_CELL_BOOL,
  PB_XLSX_CELL_ERROR,
} PbXlsxCellType;

typedef struct
{
  PbXlsxCellType type;
  char          *text;     /* the string, the number as written, TRUE/FALSE, #N/A… */
  double         number;   /* numbers and booleans (1/0) */
  gboolean       is_date;  /* a number whose style is a date format */
  gboolean       is_percent; /* a number shown as a percentage (0.3 reads 30%) */
} PbXlsxCell;

typedef struct _PbXlsxBook  PbXlsxBook;
typedef struct _PbXlsxSheet PbXlsxSheet;

GQuark             pb_xlsx_error_quark      (void);

PbXlsxBook        *pb_xlsx_book_open        (const char   *path,
                                             GError      **error);
PbXlsxBook        *pb_xlsx_book_open_bytes  (GBytes       *bytes,
                                             const char   *display_name,
                                             GError      **error);
void               pb_xlsx_book_free        (PbXlsxBook   *book);
guint              pb_xlsx_book_get_n_sheets (PbXlsxBook  *book);
PbXlsxSheet       *pb_xlsx_book_get_sheet   (PbXlsxBook   *book,
                                             guint         index);
PbXlsxSheet       *pb_xlsx_book_find_sheet  (PbXlsxBook   *book,
                                             const char   *name);
gboolean           pb_xlsx_book_get_date1904 (PbXlsxBook  *book);

const char        *pb_xlsx_sheet_get_name   (PbXlsxSheet  *sheet);
gboolean           pb_xlsx_sheet_get_hidden (PbXlsxSheet  *sheet);
guint              pb_xlsx_sheet_get_n_rows (PbXlsxSheet  *sheet);
guint              pb_xlsx_sheet_get_n_cols (PbXlsxSheet  *sheet);
const PbXlsxCell  *pb_xlsx_sheet_get_cell   (PbXlsxSheet  *sheet,
                                             guint         row,
                                             guint         col);
const char        *pb_xlsx_sheet_get_text   (PbXlsxSheet  *sheet,
                                             guint         row,
                                             guint         col);

char              *pb_xlsx_cell_name        (guint         row,
                                             guint         col);
gboolean           pb_xlsx_parse_cell_name  (const char   *name,
                                             guint        *row,
                                             guint        *col);
gboolean           pb_xlsx_serial_to_date   (double        serial,
                                             gboolean      date1904,
                                             GDate        *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbXlsxBook, pb_xlsx_book_free)

G_END_DECLS
