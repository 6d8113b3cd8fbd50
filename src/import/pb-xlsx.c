/* pb-xlsx.c — reading XLSX workbooks (libarchive + libxml2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No library in Debian reads XLSX from C, so this reads the package
 * itself: a zip (libarchive) of XML parts (libxml2). It follows the
 * relationships from _rels/.rels to the workbook and from the workbook to
 * its sheets, reads the shared strings (rich text runs joined, phonetic
 * runs left out), the cell styles (to tell a date serial from a number)
 * and every sheet's cells: shared and inline strings, formula strings,
 * numbers, booleans, errors and ISO dates (t="d"), and its merged ranges
 * (a cell inside a merged range reads as the range's first cell).
 *
 * A returned form comes from outside, so the reader is hardened: a part
 * with a document type declaration is refused before parsing (no entity
 * can be declared, so none is expanded; no DTD or network is ever
 * loaded), parts, the package and the cell count are capped, and a zip
 * entry or relationship that points outside the package ("..", absolute
 * paths) refuses the whole file. Nothing is written to disk.
 */
#define G_LOG_DOMAIN "pb-xlsx"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#ifdef HAVE_DOCX
#include "pb-zip.h"
#endif

#include "pb-xlsx.h"

#define MAX_PART_SIZE    (32 * 1024 * 1024)   /* one XML part, uncompressed */
#define MAX_PACKAGE_SIZE (128 * 1024 * 1024)  /* all parts read, uncompressed */
#define MAX_ENTRIES      4096
#define MAX_CELLS        (2 * 1024 * 1024)
#define MAX_ROW          1048576
#define MAX_COL          16384

typedef struct
{
  guint r1, c1, r2, c2;
} Range;

struct _PbXlsxSheet
{
  char       *name;
  gboolean    hidden;
  GHashTable *cells;    /* guint64 key → PbXlsxCell* */
  GArray     *merges;   /* Range */
  guint       n_rows, n_cols;
};

struct _PbXlsxBook
{
  GPtrArray *sheets;
  gboolean   date1904;
};

G_DEFINE_QUARK (pb-xlsx-error-quark, pb_xlsx_error)

static void
cell_free (gpointer data)
{
  PbXlsxCell *cell = data;

  g_free (cell->text);
  g_free (cell);
}

static void
sheet_free (gpointer data)
{
  PbXlsxSheet *sheet = data;

  g_free (sheet->name);
  g_hash_table_unref (sheet->cells);
  g_array_unref (sheet->merges);
  g_free (sheet);
}

void
pb_xlsx_book_free (PbXlsxBook *book)
{
  if (book == NULL)
    return;
  g_ptr_array_unref (book->sheets);
  g_free (book);
}

static guint64
cell_key (guint row,
          guint col)
{
  return ((guint64) row << 16) | col;
}

/**
 * pb_xlsx_cell_name:
 * @row: 0-based row
 * @col: 0-based column
 *
 * Returns: (transfer full): the cell's A1 name, e.g. "G12"
 */
char *
pb_xlsx_cell_name (guint row,
                   guint col)
{
  char letters[8];
  int n = 0;
  GString *out = g_string_new (NULL);

  col++;
  while (col > 0 && n < (int) sizeof letters)
    {
      letters[n++] = 'A' + (col - 1) % 26;
      col = (col - 1) / 26;
    }
  while (n > 0)
    g_string_append_c (out, letters[--n]);
  g_string_append_printf (out, "%u", row + 1);
  return g_string_free (out, FALSE);
}

/**
 * pb_xlsx_parse_cell_name:
 * @name: an A1 name ("AB12", "$C$3")
 * @row: (out): 0-based row
 * @col: (out): 0-based column
 *
 * Returns: whether @name is a cell name within the sheet's limits
 */
gboolean
pb_xlsx_parse_cell_name (const char *name,
                         guint      *row,
                         guint      *col)
{
  guint64 c = 0, r = 0;
  const char *p = name;

  if (p == NULL)
    return FALSE;
  if (*p == '$')
    p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (c > MAX_COL)
        return FALSE;
      p++;
    }
  if (*p == '$')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    {
      r = r * 10 + (*p - '0');
      if (r > MAX_ROW)
        return FALSE;
      p++;
    }
  if (*p != '\0' || r == 0)
    return FALSE;
  *row = (guint) r - 1;
  *col = (guint) c - 1;
  return TRUE;
}

/**
 * pb_xlsx_serial_to_date:
 * @serial: a spreadsheet date serial (days, fraction = time of day)
 * @date1904: the workbook counts from 1904
 * @date: (out): the day
 *
 * Serial 1 is 1900-01-01 and, as Excel and Lotus count it, 60 is the
 * 29 February 1900 that never was; serials from 61 on are days since
 * 1899-12-30.
 *
 * Returns: whether @serial is a day between 1900 and 9999
 */
gboolean
pb_xlsx_serial_to_date (double    serial,
                        gboolean  date1904,
                        GDate    *date)
{
  gint64 days = (gint64) serial;

  g_date_clear (date, 1);
  if (!(serial >= 1 && serial < 2958466))
    return FALSE;
  if (date1904)
    {
      g_date_set_dmy (date, 1, 1, 1904);
      g_date_add_days (date, days);
      return TRUE;
    }
  if (days == 60)
    return FALSE;
  g_date_set_dmy (date, 30, 12, 1899);
  g_date_add_days (date, days < 60 ? days + 1 : days);
  return TRUE;
}

guint
pb_xlsx_book_get_n_sheets (PbXlsxBook *book)
{
  return book->sheets->len;
}

PbXlsxSheet *
pb_xlsx_book_get_sheet (PbXlsxBook *book,
                        guint       index)
{
  g_return_val_if_fail (index < book->sheets->len, NULL);
  return g_ptr_array_index (book->sheets, index);
}

PbXlsxSheet *
pb_xlsx_book_find_sheet (PbXlsxBook *book,
                         const char *name)
{
  for (guint i = 0; i < book->sheets->len; i++)
    {
      PbXlsxSheet *sheet = g_ptr_array_index (book->sheets, i);

      if (g_strcmp0 (sheet->name, name) == 0)
        return sheet;
    }
  return NULL;
}

gboolean
pb_xlsx_book_get_date1904 (PbXlsxBook *book)
{
  return book->date1904;
}

const char *
pb_xlsx_sheet_get_name (PbXlsxSheet *sheet)
{
  return sheet->name;
}

gboolean
pb_xlsx_sheet_get_hidden (PbXlsxSheet *sheet)
{
  return sheet->hidden;
}

guint
pb_xlsx_sheet_get_n_rows (PbXlsxSheet *sheet)
{
  return sheet->n_rows;
}

guint
pb_xlsx_sheet_get_n_cols (PbXlsxSheet *sheet)
{
  return sheet->n_cols;
}

/**
 * pb_xlsx_sheet_get_cell:
 *
 * Returns: (nullable): the cell at @row, @col (0-based); inside a merged
 *   range, the range's first cell; %NULL when empty
 */
const PbXlsxCell *
pb_xlsx_sheet_get_cell (PbXlsxSheet *sheet,
                        guint        row,
                        guint        col)
{
  guint64 key;

  for (guint i = 0; i < sheet->merges->len; i++)
    {
      Range *m = &g_array_index (sheet->merges, Range, i);

      if (row >= m->r1 && row <= m->r2 && col >= m->c1 && col <= m->c2)
        {
          row = m->r1;
          col = m->c1;
          break;
        }
    }
  key = cell_key (row, col);
  return g_hash_table_lookup (sheet->cells, &key);
}

/**
 * pb_xlsx_sheet_get_text:
 *
 * Returns: the cell's text (a number as written in the file), or "" when
 *   the cell is empty
 */
const char *
pb_xlsx_sheet_get_text (PbXlsxSheet *sheet,
                        guint        row,
                        guint        col)
{
  const PbXlsxCell *cell = pb_xlsx_sheet_get_cell (sheet, row, col);

  return cell && cell->text ? cell->text : "";
}

#ifdef HAVE_DOCX

typedef struct
{
  const char *display_name;
  GHashTable *parts;   /* zip name → GBytes */
  GPtrArray  *shared;  /* char* */
  GArray     *date_styles; /* gboolean per cellXfs index */
  GArray     *percent_styles; /* gboolean per cellXfs index: 0%, 0.0% */
} Reader;

static gboolean
fail (Reader      *rd,
      GError     **error,
      PbXlsxError  code,
      const char  *why)
{
  g_set_error (error, PB_XLSX_ERROR, code,
               /* Translators: the first %s is a file name, the second why */
               _("“%s” cannot be read as a spreadsheet: %s."), rd->display_name, why);
  return FALSE;
}

/* A zip entry name as a plain relative path, or NULL for one that could
 * point outside the package. */
static gboolean
entry_name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '/' || strchr (name, '\\') != NULL ||
      strchr (name, ':') != NULL)
    return FALSE;
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

static gboolean
wanted_part (const char *name)
{
  return g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".rels");
}

static gboolean
read_package (Reader          *rd,
              struct archive  *a,
              GError         **error)
{
  struct archive_entry *entry;
  gsize total = 0;
  guint n_entries = 0;
  int rc;

  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      g_autoptr(GByteArray) data = NULL;
      char buffer[65536];
      la_ssize_t got;

      if (++n_entries > MAX_ENTRIES)
        return fail (rd, error, PB_XLSX_ERROR_TOO_LARGE, _("it holds too many parts"));
      if (!entry_name_is_safe (name))
        return fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a part’s name points outside the file"));
      if (!wanted_part (name) || archive_entry_filetype (entry) != AE_IFREG)
        {
          archive_read_data_skip (a);
          continue;
        }
      if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > MAX_PART_SIZE)
        return fail (rd, error, PB_XLSX_ERROR_TOO_LARGE, _("a part is too large"));

      data = g_byte_array_new ();
      while ((got = archive_read_data (a, buffer, sizeof buffer)) > 0)
        {
          if (data->len + got > MAX_PART_SIZE)
            return fail (rd, error, PB_XLSX_ERROR_TOO_LARGE, _("a part is too large"));
          if (total + got > MAX_PACKAGE_SIZE)
            return fail (rd, error, PB_XLSX_ERROR_TOO_LARGE, _("it is too large"));
          total += got;
          g_byte_array_append (data, (const guint8 *) buffer, got);
        }
      if (got < 0)
        return fail (rd, error, PB_XLSX_ERROR_DAMAGED, archive_error_string (a));
      g_hash_table_replace (rd->parts, g_strdup (name), g_byte_array_free_to_bytes (g_steal_pointer (&data)));
    }
  if (rc != ARCHIVE_EOF)
    return fail (rd, error, n_entries == 0 ? PB_XLSX_ERROR_NOT_XLSX : PB_XLSX_ERROR_DAMAGED,
                 n_entries == 0 ? _("it is not an XLSX workbook") : archive_error_string (a));
  return TRUE;
}

/* Parses a part, or NULL with @error set. A missing optional part gives
 * NULL without an error. */
static xmlDoc *
parse_part (Reader      *rd,
            const char  *name,
            gboolean     required,
            GError     **error)
{
  GBytes *bytes = g_hash_table_lookup (rd->parts, name);
  const guint8 *data;
  gsize len;
  xmlDoc *doc;

  if (bytes == NULL)
    {
      if (required)
        fail (rd, error, PB_XLSX_ERROR_NOT_XLSX, _("a part of the workbook is missing"));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  /* UTF-16 or another encoding could hide a DOCTYPE from the scan below;
   * Excel, LibreOffice and WPS write UTF-8. */
  if (pb_zip_xml_not_utf8 (data, len))
    {
      fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a part is not UTF-8 XML"));
      return NULL;
    }
  if (pb_zip_xml_declares_dtd (data, len))
    {
      fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a part declares a document type, which workbooks never do"));
      return NULL;
    }
  doc = xmlReadMemory ((const char *) data, (int) len, name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL || doc->intSubset != NULL)
    {
      if (doc)
        xmlFreeDoc (doc);
      fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a part of it is damaged"));
      return NULL;
    }
  return doc;
}

static gboolean
is_element (xmlNode    *n,
            const char *name)
{
  return n->type == XML_ELEMENT_NODE && g_str_equal ((const char *) n->name, name);
}

static xmlNode *
child (xmlNode    *parent,
       const char *name)
{
  for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
    if (is_element (n, name))
      return n;
  return NULL;
}

static char *
prop (xmlNode    *n,
      const char *name)
{
  xmlChar *v = xmlGetProp (n, (const xmlChar *) name);
  char *out = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return out;
}

/* r:id and friends: an attribute of that local name in any namespace. */
static char *
prop_any_ns (xmlNode    *n,
             const char *local)
{
  for (xmlAttr *a = n->properties; a; a = a->next)
    if (g_str_equal ((const char *) a->name, local) && a->ns != NULL)
      {
        xmlChar *v = xmlNodeListGetString (n->doc, a->children, 1);
        char *out = g_strdup (v ? (const char *) v : "");

        xmlFree (v);
        return out;
      }
  return NULL;
}

static void
append_text_runs (xmlNode *node,
                  GString *out)
{
  for (xmlNode *n = node->children; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (n, "rPh") || is_element (n, "phoneticPr"))
        continue;   /* the reading of the text, not the text */
      if (is_element (n, "t"))
        {
          xmlChar *content = xmlNodeGetContent (n);

          g_string_append (out, content ? (const char *) content : "");
          xmlFree (content);
        }
      else
        append_text_runs (n, out);
    }
}

/* Resolves a relationship target against the part that holds it;
 * refuses one that leaves the package. */
static char *
resolve_target (const char *source_dir,
                const char *target)
{
  g_autoptr(GPtrArray) segs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_auto(GStrv) parts = NULL;

  if (target == NULL || strchr (target, '\\') != NULL || strstr (target, "://") != NULL)
    return NULL;
  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    joined = g_strconcat (source_dir, target, NULL);
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i]; i++)
    {
      if (parts[i][0] == '\0' || g_str_equal (parts[i], "."))
        continue;
      if (g_str_equal (parts[i], ".."))
        {
          if (segs->len == 0)
            return NULL;
          g_ptr_array_remove_index (segs, segs->len - 1);
          continue;
        }
      g_ptr_array_add (segs, g_strdup (parts[i]));
    }
  if (segs->len == 0)
    return NULL;
  g_ptr_array_add (segs, NULL);
  return g_strjoinv ("/", (char **) segs->pdata);
}

/* The relationships of @part (Id → resolved target); FALSE when one
 * leaves the package. */
static gboolean
read_rels (Reader      *rd,
           const char  *part,
           GHashTable **out,
           GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rels_name = NULL;
  xmlDoc *doc;
  GError *local = NULL;

  *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (part[0] == '\0')
    {
      dir = g_strdup ("");
      rels_name = g_strdup ("_rels/.rels");
    }
  else
    {
      const char *slash = strrchr (part, '/');

      dir = slash ? g_strndup (part, slash - part + 1) : g_strdup ("");
      base = g_strdup (slash ? slash + 1 : part);
      rels_name = g_strconcat (dir, "_rels/", base, ".rels", NULL);
    }

  doc = parse_part (rd, rels_name, FALSE, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (doc == NULL)
    return TRUE;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    if (is_element (n, "Relationship"))
      {
        g_autofree char *id = prop (n, "Id");
        g_autofree char *target = prop (n, "Target");
        g_autofree char *mode = prop (n, "TargetMode");
        char *resolved;

        if (id == NULL || target == NULL || g_strcmp0 (mode, "External") == 0)
          continue;
        resolved = resolve_target (dir, target);
        if (resolved == NULL)
          {
            xmlFreeDoc (doc);
            return fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a part’s name points outside the file"));
          }
        g_hash_table_replace (*out, g_steal_pointer (&id), resolved);
      }
  xmlFreeDoc (doc);
  return TRUE;
}

/* What a number format shows, read once outside quotes and escapes: a
 * date or a time (d, m, y; [h], [mm] elapsed — [$-804], [Red] are not),
 * and whether it shows the number as a percentage (0%, 0.00%: the cell
 * holds 0.3 for what reads 30%). */
static void
scan_format_code (const char *code,
                  gboolean   *is_date,
                  gboolean   *is_percent)
{
  gboolean quoted = FALSE;

  *is_date = *is_percent = FALSE;
  for (const char *p = code; p && *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1])
            p++;
        }
      else if (*p == '%')
        *is_percent = TRUE;
      else if (*p == '[')
        {
          const char *end = strchr (p, ']');

          if (end == NULL)
            break;
          if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 's')
            *is_date = TRUE;
          if (memchr (p, '%', end - p) != NULL)
            *is_percent = TRUE;
          p = end;
        }
      else if (strchr ("yYdDmM", *p) != NULL)
        *is_date = TRUE;
    }
}

static gboolean
builtin_date_format (int id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

static gboolean
read_styles (Reader      *rd,
             const char  *name,
             GError     **error)
{
  g_autoptr(GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GError *local = NULL;
  xmlDoc *doc = name ? parse_part (rd, name, FALSE, &local) : NULL;
  xmlNode *root, *fmts, *xfs;

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (doc == NULL)
    return TRUE;
  root = xmlDocGetRootElement (doc);
  fmts = child (root, "numFmts");
  for (xmlNode *n = fmts ? fmts->children : NULL; n; n = n->next)
    if (is_element (n, "numFmt"))
      {
        g_autofree char *id = prop (n, "numFmtId");
        g_autofree char *code = prop (n, "formatCode");

        if (id)
          g_hash_table_replace (custom, GINT_TO_POINTER (atoi (id)), g_steal_pointer (&code));
      }
  xfs = child (root, "cellXfs");
  for (xmlNode *n = xfs ? xfs->children : NULL; n; n = n->next)
    if (is_element (n, "xf"))
      {
        g_autofree char *id_text = prop (n, "numFmtId");
        int id = id_text ? atoi (id_text) : 0;
        const char *code = g_hash_table_lookup (custom, GINT_TO_POINTER (id));
        gboolean is_date, is_percent;

        if (code)
          scan_format_code (code, &is_date, &is_percent);
        else
          {
            is_date = builtin_date_format (id);
            is_percent = id == 9 || id == 10;
          }

        g_array_append_val (rd->date_styles, is_date);
        g_array_append_val (rd->percent_styles, is_percent);
      }
  xmlFreeDoc (doc);
  return TRUE;
}

static gboolean
read_shared_strings (Reader      *rd,
                     const char  *name,
                     GError     **error)
{
  GError *local = NULL;
  xmlDoc *doc = name ? parse_part (rd, name, FALSE, &local) : NULL;

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (doc == NULL)
    return TRUE;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n; n = n->next)
    if (is_element (n, "si"))
      {
        GString *s = g_string_new (NULL);

        append_text_runs (n, s);
        g_ptr_array_add (rd->shared, g_string_free (s, FALSE));
      }
  xmlFreeDoc (doc);
  return TRUE;
}

static gboolean
parse_range (const char *ref,
             Range      *range)
{
  g_auto(GStrv) ends = g_strsplit (ref ? ref : "", ":", 3);

  if (ends[0] == NULL || !pb_xlsx_parse_cell_name (ends[0], &range->r1, &range->c1))
    return FALSE;
  if (ends[1] == NULL)
    {
      range->r2 = range->r1;
      range->c2 = range->c1;
      return TRUE;
    }
  if (ends[2] != NULL || !pb_xlsx_parse_cell_name (ends[1], &range->r2, &range->c2))
    return FALSE;
  if (range->r2 < range->r1 || range->c2 < range->c1)
    return FALSE;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static gboolean
read_sheet (Reader       *rd,
            PbXlsxSheet  *sheet,
            const char   *name,
            guint        *n_cells,
            GError      **error)
{
  xmlDoc *doc = parse_part (rd, name, TRUE, error);
  xmlNode *root, *data, *merges;
  guint next_row = 0;

  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  data = child (root, "sheetData");
  for (xmlNode *row = data ? data->children : NULL; row; row = row->next)
    {
      g_autofree char *r_text = NULL;
      guint r, next_col = 0;

      if (!is_element (row, "row"))
        continue;
      r_text = prop (row, "r");
      r = r_text ? (guint) g_ascii_strtoull (r_text, NULL, 10) - 1 : next_row;
      if (r >= MAX_ROW)
        {
          xmlFreeDoc (doc);
          return fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a cell lies outside the sheet"));
        }
      next_row = r + 1;

      for (xmlNode *c = row->children; c; c = c->next)
        {
          g_autofree char *ref = NULL;
          g_autofree char *t = NULL;
          g_autofree char *s = NULL;
          g_autofree char *v_text = NULL;
          xmlNode *v;
          PbXlsxCell *cell;
          guint cr = r, cc = next_col;
          guint64 *key;

          if (!is_element (c, "c"))
            continue;
          ref = prop (c, "r");
          if (ref && !pb_xlsx_parse_cell_name (ref, &cr, &cc))
            {
              xmlFreeDoc (doc);
              return fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a cell lies outside the sheet"));
            }
          next_col = cc + 1;
          t = prop (c, "t");
          s = prop (c, "s");
          v = child (c, "v");
          if (v)
            {
              xmlChar *content = xmlNodeGetContent (v);
              v_text = g_strdup (content ? (const char *) content : "");
              xmlFree (content);
            }

          cell = g_new0 (PbXlsxCell, 1);
          if (g_strcmp0 (t, "s") == 0)
            {
              guint64 idx = v_text ? g_ascii_strtoull (v_text, NULL, 10) : G_MAXUINT64;

              if (idx >= rd->shared->len)
                {
                  cell_free (cell);
                  xmlFreeDoc (doc);
                  return fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a cell refers to a missing string"));
                }
              cell->type = PB_XLSX_CELL_STRING;
              cell->text = g_strdup (g_ptr_array_index (rd->shared, idx));
            }
          else if (g_strcmp0 (t, "inlineStr") == 0)
            {
              GString *str = g_string_new (NULL);
              xmlNode *is = child (c, "is");

              if (is)
                append_text_runs (is, str);
              cell->type = PB_XLSX_CELL_STRING;
              cell->text = g_string_free (str, FALSE);
            }
          else if (g_strcmp0 (t, "str") == 0 || g_strcmp0 (t, "d") == 0)
            {
              cell->type = v_text ? PB_XLSX_CELL_STRING : PB_XLSX_CELL_EMPTY;
              cell->text = g_steal_pointer (&v_text);
            }
          else if (g_strcmp0 (t, "b") == 0)
            {
              cell->type = PB_XLSX_CELL_BOOL;
              cell->number = v_text && g_strcmp0 (g_strstrip (v_text), "1") == 0 ? 1 : 0;
              cell->text = g_strdup (cell->number ? "TRUE" : "FALSE");
            }
          else if (g_strcmp0 (t, "e") == 0)
            {
              cell->type = PB_XLSX_CELL_ERROR;
              cell->text = g_steal_pointer (&v_text);
            }
          else if (v_text != NULL && *v_text != '\0')
            {
              guint64 style = s ? g_ascii_strtoull (s, NULL, 10) : 0;

              if (!parse_number (v_text, &cell->number))
                {
                  cell_free (cell);
                  xmlFreeDoc (doc);
                  return fail (rd, error, PB_XLSX_ERROR_DAMAGED, _("a number cell holds no number"));
                }
              cell->type = PB_XLSX_CELL_NUMBER;
              cell->text = g_steal_pointer (&v_text);
              cell->is_date = style < rd->date_styles->len &&
                              g_array_index (rd->date_styles, gboolean, style);
              cell->is_percent = style < rd->percent_styles->len &&
                                 g_array_index (rd->percent_styles, gboolean, style);
            }

          if (cell->type == PB_XLSX_CELL_EMPTY || (cell->type == PB_XLSX_CELL_STRING && cell->text == NULL))
            {
              cell_free (cell);
              continue;
            }
          if (++*n_cells > MAX_CELLS)
            {
              cell_free (cell);
              xmlFreeDoc (doc);
              return fail (rd, error, PB_XLSX_ERROR_TOO_LARGE, _("it holds too many cells"));
            }
          key = g_new (guint64, 1);
          *key = cell_key (cr, cc);
          g_hash_table_replace (sheet->cells, key, cell);
          sheet->n_rows = MAX (sheet->n_rows, cr + 1);
          sheet->n_cols = MAX (sheet->n_cols, cc + 1);
        }
    }

  merges = child (root, "mergeCells");
  for (xmlNode *m = merges ? merges->children : NULL; m; m = m->next)
    if (is_element (m, "mergeCell"))
      {
        g_autofree char *ref = prop (m, "ref");
        Range range;

        if (parse_range (ref, &range))
          g_array_append_val (sheet->merges, range);
      }
  xmlFreeDoc (doc);
  return TRUE;
}

static char *
find_rel_by_type (Reader      *rd,
                  const char  *part,
                  const char  *type_suffix)
{
  g_autofree char *dir = NULL;
  g_autofree char *rels_name = NULL;
  const char *slash = strrchr (part, '/');
  xmlDoc *doc;
  char *found = NULL;

  dir = slash ? g_strndup (part, slash - part + 1) : g_strdup ("");
  rels_name = part[0] ? g_strconcat (dir, "_rels/", slash ? slash + 1 : part, ".rels", NULL)
                      : g_strdup ("_rels/.rels");
  doc = parse_part (rd, rels_name, FALSE, NULL);
  if (doc == NULL)
    return NULL;
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n && !found; n = n->next)
    if (is_element (n, "Relationship"))
      {
        g_autofree char *type = prop (n, "Type");
        g_autofree char *target = prop (n, "Target");

        if (type && target && g_str_has_suffix (type, type_suffix))
          found = resolve_target (dir, target);
      }
  xmlFreeDoc (doc);
  return found;
}

static PbXlsxBook *
read_book (Reader  *rd,
           GError **error)
{
  g_autoptr(GHashTable) rels = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *strings = NULL;
  PbXlsxBook *book;
  xmlDoc *doc;
  xmlNode *root, *sheets, *pr;
  guint n_cells = 0;

  /* The package's relationships name the workbook; check them all. */
  if (!read_rels (rd, "", &rels, error))
    return NULL;
  g_clear_pointer (&rels, g_hash_table_unref);
  workbook = find_rel_by_type (rd, "", "/officeDocument");
  if (workbook == NULL)
    workbook = g_strdup ("xl/workbook.xml");
  if (!g_hash_table_contains (rd->parts, workbook))
    {
      fail (rd, error, PB_XLSX_ERROR_NOT_XLSX, _("it is not an XLSX workbook"));
      return NULL;
    }
  if (!read_rels (rd, workbook, &rels, error))
    return NULL;

  styles = find_rel_by_type (rd, workbook, "/styles");
  strings = find_rel_by_type (rd, workbook, "/sharedStrings");
  if (!read_styles (rd, styles, error) || !read_shared_strings (rd, strings, error))
    return NULL;

  doc = parse_part (rd, workbook, TRUE, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  book = g_new0 (PbXlsxBook, 1);
  book->sheets = g_ptr_array_new_with_free_func (sheet_free);
  pr = child (root, "workbookPr");
  if (pr)
    {
      g_autofree char *d = prop (pr, "date1904");

      book->date1904 = d && (g_str_equal (d, "1") || g_ascii_strcasecmp (d, "true") == 0);
    }
  sheets = child (root, "sheets");
  for (xmlNode *n = sheets ? sheets->children : NULL; n; n = n->next)
    if (is_element (n, "sheet"))
      {
        g_autofree char *rid = prop_any_ns (n, "id");
        g_autofree char *state = prop (n, "state");
        const char *target = rid ? g_hash_table_lookup (rels, rid) : NULL;
        PbXlsxSheet *sheet;

        if (target == NULL || !g_hash_table_contains (rd->parts, target))
          continue;   /* a chart sheet or a missing part: no cells to read */
        sheet = g_new0 (PbXlsxSheet, 1);
        sheet->name = prop (n, "name");
        sheet->hidden = state && !g_str_equal (state, "visible");
        sheet->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, cell_free);
        sheet->merges = g_array_new (FALSE, FALSE, sizeof (Range));
        g_ptr_array_add (book->sheets, sheet);
        if (!read_sheet (rd, sheet, target, &n_cells, error))
          {
            xmlFreeDoc (doc);
            pb_xlsx_book_free (book);
            return NULL;
          }
      }
  xmlFreeDoc (doc);
  if (book->sheets->len == 0)
    {
      pb_xlsx_book_free (book);
      fail (rd, error, PB_XLSX_ERROR_NOT_XLSX, _("it has no sheets"));
      return NULL;
    }
  return book;
}

static PbXlsxBook *
open_archive (struct archive  *a,
              const char      *display_name,
              GError         **error)
{
  Reader rd = { display_name, NULL, NULL, NULL };
  PbXlsxBook *book = NULL;

  rd.parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  rd.shared = g_ptr_array_new_with_free_func (g_free);
  rd.date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  rd.percent_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  if (read_package (&rd, a, error))
    book = read_book (&rd, error);
  archive_read_free (a);
  g_hash_table_unref (rd.parts);
  g_ptr_array_unref (rd.shared);
  g_array_unref (rd.date_styles);
  g_array_unref (rd.percent_styles);
  return book;
}
#endif

/**
 * pb_xlsx_book_open:
 * @path: an .xlsx file
 *
 * Reads every sheet of the workbook.
 *
 * Returns: (transfer full): the book, or %NULL with @error saying why
 */
PbXlsxBook *
pb_xlsx_book_open (const char  *path,
                   GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
#ifdef HAVE_DOCX
  g_autofree char *why = NULL;
  struct archive *a;

  if (!pb_zip_load (&why))
    {
      g_set_error_literal (error, PB_XLSX_ERROR, PB_XLSX_ERROR_UNSUPPORTED, why);
      return NULL;
    }
  a = archive_read_new ();
  archive_read_support_format_zip (a);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, PB_XLSX_ERROR, PB_XLSX_ERROR_NOT_XLSX,
                   _("“%s” cannot be read as a spreadsheet: %s."), name, archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }
  return open_archive (a, name, error);
#else
  g_set_error (error, PB_XLSX_ERROR, PB_XLSX_ERROR_UNSUPPORTED,
               _("“%s” cannot be read: this Planboard was built without XLSX reading."), name);
  return NULL;
#endif
}

/**
 * pb_xlsx_book_open_bytes:
 * @bytes: the file's contents
 * @display_name: what to call it in messages
 *
 * Returns: (transfer full): the book, or %NULL with @error saying why
 */
PbXlsxBook *
pb_xlsx_book_open_bytes (GBytes      *bytes,
                         const char  *display_name,
                         GError     **error)
{
#ifdef HAVE_DOCX
  g_autofree char *why = NULL;
  struct archive *a;
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  if (!pb_zip_load (&why))
    {
      g_set_error_literal (error, PB_XLSX_ERROR, PB_XLSX_ERROR_UNSUPPORTED, why);
      return NULL;
    }
  a = archive_read_new ();
  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, len) != ARCHIVE_OK)
    {
      g_set_error (error, PB_XLSX_ERROR, PB_XLSX_ERROR_NOT_XLSX,
                   _("“%s” cannot be read as a spreadsheet: %s."), display_name, archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }
  return open_archive (a, display_name, error);
#else
  g_set_error (error, PB_XLSX_ERROR, PB_XLSX_ERROR_UNSUPPORTED,
               _("“%s” cannot be read: this Planboard was built without XLSX reading."), display_name);
  return NULL;
#endif
}
