/* test-xlsx.c — the XLSX reader on hand-made packages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Packages are written here with libarchive's zip writer, part by part,
 * so each test says exactly what the file holds: the shapes Excel, WPS,
 * LibreOffice and openpyxl write (shared and inline strings, rich text,
 * booleans, date serials and ISO dates, merged cells, prefixed
 * namespaces), and hostile ones (entity bombs, paths out of the package,
 * parts over the size cap). The forms round trip with real spreadsheet
 * programs is in test-forms.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-xlsx.h"

static char *tmpdir;

/* Writes a zip of name/content pairs (NULL-terminated). */
static char *
write_zip (const char *file,
           ...)
{
  char *path = g_build_filename (tmpdir, file, NULL);
  struct archive *a = archive_write_new ();
  va_list ap;
  const char *name;

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  va_start (ap, file);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *content = va_arg (ap, const char *);
      struct archive_entry *e = archive_entry_new ();

      archive_entry_set_pathname (e, name);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      archive_entry_set_size (e, strlen (content));
      g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, content, strlen (content)), ==, (la_ssize_t) strlen (content));
      archive_entry_free (e);
    }
  va_end (ap);
  archive_write_close (a);
  archive_write_free (a);
  return path;
}

#define RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" \
  "</Relationships>"

#define WB_RELS(sheet2) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"" sheet2 "\"/>" \
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" \
  "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"/xl/styles.xml\"/>" \
  "</Relationships>"

#define WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<workbookPr/><sheets>" \
  "<sheet name=\"进度\" sheetId=\"1\" r:id=\"rId1\"/>" \
  "<sheet name=\"_planboard\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>" \
  "</sheets></workbook>"

#define STRINGS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">" \
  "<si><t>新建5G基站</t></si>" \
  "<si><r><rPr><b/></rPr><t>市</t></r><r><t xml:space=\"preserve\">工信局 </t></r><rPh sb=\"0\" eb=\"1\"><t>シ</t></rPh></si>" \
  "<si><t>&lt;b&gt;&amp;</t></si>" \
  "</sst>"

#define STYLES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>" \
  "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00;&quot;day&quot;\"/></numFmts>" \
  "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"4\"/></cellXfs>" \
  "</styleSheet>"

#define SHEET1 \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>" \
  "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c></x:row>" \
  "<x:row r=\"3\"><x:c r=\"B3\" t=\"s\"><x:v>1</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>内联</x:t></x:is></x:c>" \
  "<x:c r=\"D3\"><x:v>2600.5</x:v></x:c><x:c r=\"E3\" t=\"b\"><x:v>1</x:v></x:c><x:c r=\"F3\" t=\"e\"><x:v>#DIV/0!</x:v></x:c></x:row>" \
  "<x:row r=\"4\"><x:c r=\"A4\" s=\"1\"><x:v>46295</x:v></x:c><x:c r=\"B4\" s=\"2\"><x:v>46022</x:v></x:c>" \
  "<x:c r=\"C4\" s=\"3\"><x:v>12</x:v></x:c><x:c r=\"D4\" s=\"4\"><x:v>1.2E4</x:v></x:c><x:c r=\"E4\" t=\"d\"><x:v>2026-09-30</x:v></x:c>" \
  "<x:c r=\"F4\" t=\"s\"><x:v>2</x:v></x:c><x:c r=\"G4\" t=\"str\"><x:f>A1</x:f><x:v>公式</x:v></x:c><x:c r=\"H4\" s=\"1\"/></x:row>" \
  "<x:row r=\"5\"><x:c r=\"AB5\"><x:v>-3</x:v></x:c></x:row>" \
  "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:C2\"/></x:mergeCells></x:worksheet>"

#define SHEET2 \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
  "<row><c><v>7</v></c><c t=\"inlineStr\"><is><t>id</t></is></c></row>" \
  "</sheetData></worksheet>"

static void
test_cells (void)
{
  g_autofree char *path = write_zip ("cells.xlsx",
                                     "_rels/.rels", RELS,
                                     "xl/workbook.xml", WORKBOOK,
                                     "xl/_rels/workbook.xml.rels", WB_RELS ("worksheets/../worksheets/sheet2.xml"),
                                     "xl/sharedStrings.xml", STRINGS,
                                     "xl/styles.xml", STYLES,
                                     "xl/worksheets/sheet1.xml", SHEET1,
                                     "xl/worksheets/sheet2.xml", SHEET2,
                                     "xl/media/image1.png", "\x89PNG",
                                     NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbXlsxBook) book = pb_xlsx_book_open (path, &error);
  PbXlsxSheet *sheet, *hidden;
  const PbXlsxCell *cell;
  GDate date;

  g_assert_no_error (error);
  g_assert_cmpuint (pb_xlsx_book_get_n_sheets (book), ==, 2);
  sheet = pb_xlsx_book_find_sheet (book, "进度");
  g_assert_nonnull (sheet);
  g_assert_false (pb_xlsx_sheet_get_hidden (sheet));
  hidden = pb_xlsx_book_find_sheet (book, "_planboard");
  g_assert_true (pb_xlsx_sheet_get_hidden (hidden));
  g_assert_cmpuint (pb_xlsx_sheet_get_n_rows (sheet), ==, 5);
  g_assert_cmpuint (pb_xlsx_sheet_get_n_cols (sheet), ==, 28);

  /* Shared strings; a merged range reads as its first cell everywhere */
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 0, 0), ==, "新建5G基站");
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 1, 2), ==, "新建5G基站");
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 0, 3), ==, "");
  /* Rich text runs joined, the phonetic reading left out */
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 2, 1), ==, "市工信局 ");
  /* An inline string in a cell without r, after B3 */
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 2, 2), ==, "内联");
  cell = pb_xlsx_sheet_get_cell (sheet, 2, 3);
  g_assert_cmpint (cell->type, ==, PB_XLSX_CELL_NUMBER);
  g_assert_cmpfloat (cell->number, ==, 2600.5);
  g_assert_false (cell->is_date);
  cell = pb_xlsx_sheet_get_cell (sheet, 2, 4);
  g_assert_cmpint (cell->type, ==, PB_XLSX_CELL_BOOL);
  g_assert_cmpfloat (cell->number, ==, 1);
  cell = pb_xlsx_sheet_get_cell (sheet, 2, 5);
  g_assert_cmpint (cell->type, ==, PB_XLSX_CELL_ERROR);
  g_assert_cmpstr (cell->text, ==, "#DIV/0!");

  /* Dates: a built-in date style, a custom Chinese one; [Red] and a
   * quoted "day" are not dates, nor is the thousands style */
  cell = pb_xlsx_sheet_get_cell (sheet, 3, 0);
  g_assert_true (cell->is_date);
  g_assert_true (pb_xlsx_serial_to_date (cell->number, FALSE, &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&date), ==, 9);
  g_assert_cmpint (g_date_get_day (&date), ==, 30);
  g_assert_true (pb_xlsx_sheet_get_cell (sheet, 3, 1)->is_date);
  g_assert_false (pb_xlsx_sheet_get_cell (sheet, 3, 2)->is_date);
  cell = pb_xlsx_sheet_get_cell (sheet, 3, 3);
  g_assert_false (cell->is_date);
  g_assert_cmpfloat (cell->number, ==, 12000);
  cell = pb_xlsx_sheet_get_cell (sheet, 3, 4);
  g_assert_cmpint (cell->type, ==, PB_XLSX_CELL_STRING);
  g_assert_cmpstr (cell->text, ==, "2026-09-30");
  /* Markup characters come back as text */
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 3, 5), ==, "<b>&");
  g_assert_cmpstr (pb_xlsx_sheet_get_text (sheet, 3, 6), ==, "公式");
  /* A styled cell without a value is empty */
  g_assert_null (pb_xlsx_sheet_get_cell (sheet, 3, 7));
  g_assert_cmpfloat (pb_xlsx_sheet_get_cell (sheet, 4, 27)->number, ==, -3);

  /* The hidden sheet: cells without r, numbered in order */
  g_assert_cmpstr (pb_xlsx_sheet_get_text (hidden, 0, 0), ==, "7");
  g_assert_cmpstr (pb_xlsx_sheet_get_text (hidden, 0, 1), ==, "id");
}

static void
test_names (void)
{
  guint row, col;
  GDate date;
  g_autofree char *a1 = pb_xlsx_cell_name (0, 0);
  g_autofree char *ab12 = pb_xlsx_cell_name (11, 27);

  g_assert_cmpstr (a1, ==, "A1");
  g_assert_cmpstr (ab12, ==, "AB12");
  g_assert_true (pb_xlsx_parse_cell_name ("$G$12", &row, &col));
  g_assert_cmpuint (row, ==, 11);
  g_assert_cmpuint (col, ==, 6);
  g_assert_false (pb_xlsx_parse_cell_name ("A0", &row, &col));
  g_assert_false (pb_xlsx_parse_cell_name ("XFE1", &row, &col));
  g_assert_false (pb_xlsx_parse_cell_name ("A1048577", &row, &col));
  g_assert_false (pb_xlsx_parse_cell_name ("12", &row, &col));

  /* 1900 system: 1 = 1900-01-01, 61 = 1900-03-01, 60 does not exist */
  g_assert_true (pb_xlsx_serial_to_date (1, FALSE, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  g_assert_cmpint (g_date_get_month (&date), ==, 1);
  g_assert_true (pb_xlsx_serial_to_date (61, FALSE, &date));
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_false (pb_xlsx_serial_to_date (60, FALSE, &date));
  g_assert_true (pb_xlsx_serial_to_date (0, TRUE, &date) == FALSE);
  g_assert_true (pb_xlsx_serial_to_date (44833, TRUE, &date));
  g_assert_cmpint (g_date_get_year (&date), ==, 2026);
  g_assert_false (pb_xlsx_serial_to_date (-5, FALSE, &date));
}

static void
assert_refused (const char  *file,
                PbXlsxError  code,
                const char  *words,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbXlsxBook) book = NULL;
  g_autofree char *path = NULL;
  va_list ap;
  const char *name;
  struct archive *a = archive_write_new ();
  struct archive_entry *e;

  path = g_build_filename (tmpdir, file, NULL);
  archive_write_set_format_zip (a);
  archive_write_open_filename (a, path);
  va_start (ap, words);
  while ((name = va_arg (ap, const char *)) != NULL)
    {
      const char *content = va_arg (ap, const char *);
      gsize len = va_arg (ap, gsize);

      e = archive_entry_new ();
      archive_entry_set_pathname (e, name);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      archive_entry_set_size (e, len);
      archive_write_header (a, e);
      archive_write_data (a, content, len);
      archive_entry_free (e);
    }
  va_end (ap);
  archive_write_close (a);
  archive_write_free (a);

  book = pb_xlsx_book_open (path, &error);
  g_assert_null (book);
  g_assert_error (error, PB_XLSX_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_nonnull (strstr (error->message, words));
}

#define S(x) x, strlen (x)

static void
test_hostile (void)
{
  static const char bomb[] =
    "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&c;</t></si></sst>";
  static const char external[] =
    "<?xml version=\"1.0\"?><!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>";
  static const char escaping_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"../../../etc/passwd\"/></Relationships>";
  static const char sheet[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>";
  static const char workbook1[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  static const char one_sheet_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
  static const char far_cell[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A2000000\"><v>1</v></c></row></sheetData></worksheet>";
  g_autofree char *big = NULL;
  gsize big_len = 33 * 1024 * 1024;

  /* An entity bomb in the shared strings: refused, nothing expanded */
  assert_refused ("bomb.xlsx", PB_XLSX_ERROR_DAMAGED, "document type",
                  "_rels/.rels", S (RELS), "xl/workbook.xml", S (workbook1),
                  "xl/_rels/workbook.xml.rels", S (one_sheet_rels),
                  "xl/sharedStrings.xml", S (bomb),
                  "xl/worksheets/sheet1.xml", S (sheet), NULL);
  /* An external DTD is never loaded */
  assert_refused ("external.xlsx", PB_XLSX_ERROR_DAMAGED, "document type",
                  "_rels/.rels", S (RELS), "xl/workbook.xml", S (workbook1),
                  "xl/_rels/workbook.xml.rels", S (one_sheet_rels),
                  "xl/worksheets/sheet1.xml", S (external), NULL);
  /* A zip entry or a relationship that leaves the package */
  assert_refused ("traversal.xlsx", PB_XLSX_ERROR_DAMAGED, "outside",
                  "_rels/.rels", S (RELS), "../../evil.xml", S (sheet), NULL);
  assert_refused ("absolute.xlsx", PB_XLSX_ERROR_DAMAGED, "outside",
                  "_rels/.rels", S (RELS), "/tmp/evil.xml", S (sheet), NULL);
  assert_refused ("rels.xlsx", PB_XLSX_ERROR_DAMAGED, "outside",
                  "_rels/.rels", S (RELS), "xl/workbook.xml", S (workbook1),
                  "xl/_rels/workbook.xml.rels", S (escaping_rels), NULL);
  /* A cell beyond the sheet's limits */
  assert_refused ("far.xlsx", PB_XLSX_ERROR_DAMAGED, "outside the sheet",
                  "_rels/.rels", S (RELS), "xl/workbook.xml", S (workbook1),
                  "xl/_rels/workbook.xml.rels", S (one_sheet_rels),
                  "xl/worksheets/sheet1.xml", S (far_cell), NULL);
  /* A part over the cap (zeros compress to almost nothing: a zip bomb) */
  big = g_malloc0 (big_len);
  assert_refused ("big.xlsx", PB_XLSX_ERROR_TOO_LARGE, "too large",
                  "_rels/.rels", S (RELS), "xl/worksheets/sheet1.xml", big, big_len, NULL);
  /* Not a workbook at all */
  assert_refused ("empty.xlsx", PB_XLSX_ERROR_NOT_XLSX, "not an XLSX",
                  "word/document.xml", S (sheet), NULL);
  {
    g_autofree char *path = g_build_filename (tmpdir, "text.xlsx", NULL);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (path, "No.,Item\n1,x\n", -1, NULL);
    g_assert_null (pb_xlsx_book_open (path, &error));
    g_assert_error (error, PB_XLSX_ERROR, PB_XLSX_ERROR_NOT_XLSX);
  }
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("pb-xlsx-XXXXXX", NULL);
  g_test_add_func ("/xlsx/cells", test_cells);
  g_test_add_func ("/xlsx/names-and-dates", test_names);
  g_test_add_func ("/xlsx/hostile", test_hostile);
  rc = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *p = g_build_filename (tmpdir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (tmpdir);
  }
  return rc;
}
