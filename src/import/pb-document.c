/* pb-document.c — reading plan documents: .txt, .docx, .pdf
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text files are decoded by pb-text-source.c. A .docx is a zip archive
 * whose word/document.xml holds the paragraphs (read with libarchive and
 * libxml2); a .pdf's text comes from poppler. Each gives plain text with
 * one paragraph per line, which pb-plan-parser.c reads.
 */
#define G_LOG_DOMAIN "pb-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#ifdef HAVE_DOCX
#include "pb-zip.h"
#endif
#ifdef HAVE_PDF
#include <gmodule.h>
#include <poppler.h>
#endif

#include "pb-document.h"
#include "pb-plan-parser.h"
#include "pb-text-source.h"

/* Documents larger than this are refused before reading. */
#define MAX_DOCUMENT_SIZE (512 * 1024 * 1024)

static gboolean
has_suffix (const char *path,
            const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

gboolean
pb_document_is_supported (const char *path)
{
  return has_suffix (path, ".txt") || has_suffix (path, ".text") ||
         has_suffix (path, ".docx") || has_suffix (path, ".pdf");
}

#ifdef HAVE_DOCX
static void
append_paragraphs (xmlNode *node,
                   GString *out)
{
  for (xmlNode *n = node; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;

      if (g_str_equal ((const char *) n->name, "t"))
        {
          xmlChar *content = xmlNodeGetContent (n);
          g_string_append (out, (const char *) content);
          xmlFree (content);
          continue;
        }
      if (g_str_equal ((const char *) n->name, "tab"))
        g_string_append_c (out, '\t');
      else if (g_str_equal ((const char *) n->name, "br") || g_str_equal ((const char *) n->name, "cr"))
        g_string_append_c (out, '\n');

      append_paragraphs (n->children, out);

      /* Each paragraph, and each table cell, ends a line. */
      if (g_str_equal ((const char *) n->name, "p"))
        g_string_append_c (out, '\n');
    }
}

/* A hostile .docx is refused before it costs time or memory: the text
 * part may inflate to MAX_DOCX_PART_SIZE, counted as it inflates (a zip
 * header's sizes are the sender's word), the package to at most
 * MAX_DOCX_ENTRIES entries, and a part that inflates far more than any
 * document's is refused as soon as that shows; the XML is parsed without a DTD, entities or
 * libxml2's "huge" mode, and a DOCTYPE, which Word never writes, is refused
 * before parsing (a 611-byte "billion laughs" expands to gigabytes). */
#define MAX_DOCX_PART_SIZE (200 * 1024 * 1024)
#define MAX_DOCX_ENTRIES   10000
#define MAX_DOCX_RATIO_AFTER (16 * 1024 * 1024)
#define MAX_DOCX_RATIO     100

static char *
read_docx (const char  *path,
           GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *why = NULL;
  struct archive *a;
  struct archive_entry *entry;
  g_autoptr(GByteArray) xml = NULL;
  char *text = NULL;
  guint n_entries = 0;
  gboolean too_large = FALSE, too_dense = FALSE, damaged = FALSE;
  guint64 file_size = 1;
  GStatBuf st;
  int rc;

  if (!pb_zip_load (&why))
    {
      g_set_error_literal (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY, why);
      return NULL;
    }
  a = archive_read_new ();
  if (g_stat (path, &st) == 0)
    file_size = MAX (st.st_size, 1);
  archive_read_support_format_zip (a);
  if (archive_read_open_filename (a, path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” is not a Word document that Planboard can read (%s)."),
                   name, archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }

  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK && ++n_entries <= MAX_DOCX_ENTRIES)
    {
      if (g_strcmp0 (archive_entry_pathname (entry), "word/document.xml") == 0)
        {
          char buffer[65536];
          la_ssize_t got;

          if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > MAX_DOCX_PART_SIZE)
            {
              too_large = TRUE;
              break;
            }
          xml = g_byte_array_new ();
          while ((got = archive_read_data (a, buffer, sizeof buffer)) > 0)
            {
              if (xml->len + (gsize) got > MAX_DOCX_PART_SIZE)
                {
                  too_large = TRUE;
                  break;
                }
              g_byte_array_append (xml, (const guint8 *) buffer, got);
              /* Word's XML deflates 5 to 20 times; a bomb near 1000.
               * Past 16 MB, more than 100 times the whole file is refused
               * at once, not at the cap. */
              if (xml->len > MAX_DOCX_RATIO_AFTER && xml->len / MAX_DOCX_RATIO > file_size)
                {
                  too_dense = TRUE;
                  break;
                }
            }
          damaged = got < 0;
          break;
        }
      archive_read_data_skip (a);
    }
  archive_read_free (a);

  if (n_entries > MAX_DOCX_ENTRIES)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” was refused: it is packed from more than %d parts, which no Word document is. It may be damaged or made to harm."),
                   name, MAX_DOCX_ENTRIES);
      return NULL;
    }
  if (too_large)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” was refused: unpacked, its text would be larger than %d MB, which no plan is. It may be damaged or made to harm."),
                   name, MAX_DOCX_PART_SIZE / (1024 * 1024));
      return NULL;
    }
  if (too_dense)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” was refused: its text is packed hundreds of times more tightly than a document’s can be (a “zip bomb”). It may be damaged or made to harm."),
                   name);
      return NULL;
    }
  if (damaged)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” is damaged: its text could not be read."), name);
      return NULL;
    }
  if (xml == NULL || xml->len == 0)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” is not a Word document that Planboard can read (it has no document text)."), name);
      return NULL;
    }

  /* UTF-16 could hide a DOCTYPE from the scan below; Word writes UTF-8. */
  if (pb_zip_xml_not_utf8 (xml->data, xml->len) || pb_zip_xml_declares_dtd (xml->data, xml->len))
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” was refused: its text declares a document type or entities, which Word documents never do. It may be damaged or made to harm."),
                   name);
      return NULL;
    }

  {
    /* No XML_PARSE_HUGE (depth and sizes stay within libxml2's limits), no
     * XML_PARSE_NOENT or DTD loading (entities are never expanded), no
     * network. */
    xmlDoc *doc = xmlReadMemory ((const char *) xml->data, (int) xml->len, "document.xml", "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    g_autoptr(GString) out = g_string_new (NULL);

    if (doc != NULL && doc->intSubset != NULL)
      g_clear_pointer (&doc, xmlFreeDoc);
    if (doc == NULL)
      {
        g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                     _("“%s” is damaged: its text could not be read."), name);
        return NULL;
      }
    append_paragraphs (xmlDocGetRootElement (doc), out);
    xmlFreeDoc (doc);
    text = g_string_free (g_steal_pointer (&out), FALSE);
  }

  return text;
}
#endif

/* A page's text comes as the layout's lines: a paragraph wraps over
 * several. A line as long as a full line, without the punctuation that
 * ends a paragraph, goes on in the next one; page numbers between pages
 * go. */
static gboolean
is_page_number (const char *line)
{
  gboolean digit = FALSE;

  for (const char *c = line; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (g_unichar_isdigit (u))
        digit = TRUE;
      else if (!(g_unichar_isspace (u) || u == '-' || u == 0x2014 || u == 0x2013 || u == 0x7B2C /* 第 */ ||
                 u == 0x9875 /* 页 */ || u == 0x5171 /* 共 */ || u == '/'))
        return FALSE;
    }
  return digit;
}

static gboolean
ends_paragraph (const char *line)
{
  gunichar last = 0;

  for (const char *c = line; *c; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      last = g_utf8_get_char (c);

  return last == 0x3002 /* 。 */ || last == 0xFF1A /* : */ || last == 0xFF1B /* ; */ ||
         last == ':' || last == ';' || last == 0xFF01 || last == 0xFF1F || last == '!' || last == '?';
}

/* 一、 (一) 1. 1、 (1) 附件 at the start of a line. */
static gboolean
looks_like_heading (const char *line)
{
  g_autofree gunichar *u = g_utf8_to_ucs4_fast (line, 16, NULL);
  guint i = 0;

  if (u == NULL || u[0] == 0)
    return FALSE;
  if (u[0] == '(' || u[0] == 0xFF08)
    i = 1;
  if (g_unichar_isdigit (u[i]))
    {
      while (g_unichar_isdigit (u[i]))
        i++;
    }
  else
    {
      guint start = i;
      while (u[i] && g_utf8_strchr ("一二三四五六七八九十", -1, u[i]) != NULL)
        i++;
      if (i == start)
        return g_str_has_prefix (line, "附件");
    }
  return u[i] == 0x3001 || u[i] == '.' || u[i] == 0xFF0E || u[i] == ')' || u[i] == 0xFF09;
}

static gboolean
ends_with_close (const char *line)
{
  return g_str_has_suffix (line, ")") || g_str_has_suffix (line, ")") ||
         g_str_has_suffix (line, "]") || g_str_has_suffix (line, "】") ||
         g_str_has_suffix (line, "”");
}

static int
compare_long (gconstpointer a,
              gconstpointer b)
{
  glong x = *(const glong *) a, y = *(const glong *) b;

  return (x > y) - (x < y);
}

/**
 * pb_document_unwrap_layout:
 * @text: text as a page layout gives it, one printed line per line
 *
 * Returns: (transfer full): the text with one paragraph per line
 */
char *
pb_document_unwrap_layout (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (glong));
  GString *out = g_string_new (NULL);
  glong full = 0;
  gboolean joining = FALSE;
  const char *prev = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      glong n;

      g_strstrip (lines[i]);
      n = g_utf8_strlen (lines[i], -1);
      if (n > 10)
        g_array_append_val (lengths, n);
    }

  /* A full line: the 80th percentile of long lines' lengths, robust to
   * a few over-long ones. */
  g_array_sort (lengths, compare_long);
  if (lengths->len > 0)
    full = g_array_index (lengths, glong, (lengths->len * 4) / 5);

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = lines[i];
      glong n = g_utf8_strlen (line, -1);

      if (line[0] == '\0' || is_page_number (line))
        continue;

      /* A heading after a line that closes a bracket (an attribution) or
       * a quotation starts a new paragraph even if that line was full. */
      if (joining && looks_like_heading (line) && prev != NULL && ends_with_close (prev))
        joining = FALSE;

      if (!joining && out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);

      joining = full > 10 && n >= full * 85 / 100 && !ends_paragraph (line);
      prev = line;
    }
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

#ifdef HAVE_PDF
/* poppler is loaded when a PDF is first read, not linked: it and what it
 * brings (NSS, lcms2, openjpeg: ten objects) were loaded and relocated at
 * every start of the window and the CLI, for the few imports of a PDF. */
#define PB_POPPLER_FUNCTIONS(F) \
  F (poppler_document_new_from_gfile) \
  F (poppler_document_get_n_pages) \
  F (poppler_document_get_page) \
  F (poppler_page_get_text)

static struct
{
#define PB_POPPLER_POINTER(name) __typeof__ (name) *name;
  PB_POPPLER_FUNCTIONS (PB_POPPLER_POINTER)
#undef PB_POPPLER_POINTER
} pb_poppler;

static gboolean
load_poppler (GError **error)
{
  static const struct { const char *name; gsize offset; } symbols[] = {
#define PB_POPPLER_SYMBOL(name) { #name, G_STRUCT_OFFSET (__typeof__ (pb_poppler), name) },
    PB_POPPLER_FUNCTIONS (PB_POPPLER_SYMBOL)
#undef PB_POPPLER_SYMBOL
  };
  const char *const names[] = {
    "libpoppler-glib.so.8",
#ifdef PB_POPPLER_LIBDIR
    PB_POPPLER_LIBDIR "/libpoppler-glib.so.8",
#endif
    "libpoppler-glib.so",
  };
  static GMutex lock;
  static gboolean loaded;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autoptr(GString) why = g_string_new (NULL);
  __typeof__ (pb_poppler) functions = { 0 };
  GModule *module = NULL;

  if (loaded)
    return TRUE;
  for (guint i = 0; module == NULL && i < G_N_ELEMENTS (names); i++)
    {
      module = g_module_open (names[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      if (module == NULL && why->len == 0)
        g_string_append (why, g_module_error ());
    }
  for (guint i = 0; module != NULL && i < G_N_ELEMENTS (symbols); i++)
    {
      gpointer symbol = NULL;

      if (!g_module_symbol (module, symbols[i].name, &symbol) || symbol == NULL)
        {
          g_string_assign (why, g_module_error ());
          g_clear_pointer (&module, g_module_close);
          break;
        }
      G_STRUCT_MEMBER (gpointer, &functions, symbols[i].offset) = symbol;
    }
  if (module == NULL)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   /* TRANSLATORS: %s is the system's reason, in English */
                   _("The PDF library (poppler) could not be loaded: %s"), why->str);
      return FALSE;
    }
  /* Its objects and types may outlive anything that could close it. */
  g_module_make_resident (module);
  pb_poppler = functions;
  loaded = TRUE;
  return TRUE;
}

#define poppler_document_new_from_gfile (pb_poppler.poppler_document_new_from_gfile)
#define poppler_document_get_n_pages    (pb_poppler.poppler_document_get_n_pages)
#define poppler_document_get_page       (pb_poppler.poppler_document_get_page)
#define poppler_page_get_text           (pb_poppler.poppler_page_get_text)

static char *
read_pdf (const char    *path,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *doc;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  int pages;

  if (!load_poppler (error))
    return NULL;
  doc = poppler_document_new_from_gfile (file, NULL, cancellable, &local);
  if (doc == NULL)
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
                   _("“%s” is not a PDF that Planboard can read (%s)."), name, local->message);
      return NULL;
    }

  pages = poppler_document_get_n_pages (doc);
  for (int i = 0; i < pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = page ? poppler_page_get_text (page) : NULL;

      g_clear_object (&page);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_object_unref (doc);
          return NULL;
        }
      if (text)
        g_string_append_printf (out, "%s\n", text);
    }
  g_object_unref (doc);

  return pb_document_unwrap_layout (out->str);
}
#endif

/**
 * pb_document_read_text:
 * @path: a .txt, .docx or .pdf file
 * @cancellable: (nullable): to stop early
 * @error: where to say why it failed
 *
 * Returns: (transfer full): the document's text in UTF-8, or %NULL
 */
char *
pb_document_read_text (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no file “%s”."), name);
      return NULL;
    }
  if (st.st_size > MAX_DOCUMENT_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("“%s” is too large to be a plan document (%s)."), name,
                   g_format_size (st.st_size));
      return NULL;
    }

  if (has_suffix (path, ".docx"))
    {
#ifdef HAVE_DOCX
      return read_docx (path, error);
#else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build of Planboard cannot read Word documents; save “%s” as text."), name);
      return NULL;
#endif
    }

  if (has_suffix (path, ".pdf"))
    {
#ifdef HAVE_PDF
      return read_pdf (path, cancellable, error);
#else
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build of Planboard cannot read PDF files; save “%s” as text."), name);
      return NULL;
#endif
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return pb_text_decode (contents, length, NULL, error);
}

/**
 * pb_document_parse:
 * @path: a plan document
 * @cancellable: (nullable): to stop early
 * @error: where to say why it failed
 *
 * Returns: (transfer full): the plan as `planboard-plan/1`, or %NULL
 */
JsonNode *
pb_document_parse (const char    *path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *text = pb_document_read_text (path, cancellable, error);

  if (text == NULL)
    return NULL;

  return pb_plan_parse_text (text, -1, cancellable, error);
}
