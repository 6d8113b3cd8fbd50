/* fuzz-parser.c — libFuzzer target for the document readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte chooses what the rest is:
 *   'D'  a .docx file's bytes, read by the DOCX reader;
 *   'X'  a Word document's word/document.xml, zipped here into a .docx
 *        and read by the DOCX reader (so that the XML, not the zip
 *        container, is what the fuzzer varies);
 *   'J'  planboard-plan/1 JSON, imported into a library (the exchange
 *        reader's checks, then the store);
 *   else the whole input is a text document: decoded as a document would
 *        be, read as a number, and parsed as a plan.
 * Built with clang -fsanitize=fuzzer,address,undefined by run-fuzz.sh,
 * which runs it for a bounded time in the test suite.
 */
#include "config.h"

#include <stdint.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "pb-cn-number.h"
#include "pb-document.h"
#include "pb-plan-parser.h"
#include "pb-store.h"
#include "pb-text-source.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
read_document (const char    *path,
               const uint8_t *data,
               size_t         size)
{
  g_autofree char *text = NULL;

  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return;
  text = pb_document_read_text (path, NULL, NULL);
  if (text != NULL)
    {
      JsonNode *plan = pb_plan_parse_text (text, -1, NULL, NULL);
      if (plan != NULL)
        json_node_unref (plan);
    }
}

/* A .docx holding @data as its word/document.xml. */
static void
read_docx_xml (const uint8_t *data,
               size_t         size)
{
  struct archive *a = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  size_t buffer_size = size + 4096, used = 0;
  g_autofree uint8_t *buffer = g_malloc (buffer_size);

  archive_write_set_format_zip (a);
  archive_write_zip_set_compression_store (a);
  if (archive_write_open_memory (a, buffer, buffer_size, &used) != ARCHIVE_OK)
    goto out;
  archive_entry_set_pathname (entry, "word/document.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  if (archive_write_header (a, entry) != ARCHIVE_OK ||
      archive_write_data (a, data, size) != (la_ssize_t) size)
    goto out;
  archive_write_close (a);
  read_document ("fuzz-input.docx", buffer, used);

out:
  archive_entry_free (entry);
  archive_write_free (a);
}

static void
import_json (const uint8_t *data,
             size_t         size)
{
  static PbStore *store;
  static guint uses;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return;

  /* A fresh library now and then, so that it does not grow all run. */
  if (store != NULL && ++uses % 256 == 0)
    g_clear_object (&store);
  if (store == NULL)
    {
      g_unlink ("fuzz-library.db");
      g_unlink ("fuzz-library.db-wal");
      g_unlink ("fuzz-library.db-shm");
      store = pb_store_open ("fuzz-library.db", PB_STORE_OPEN_CREATE, NULL);
      if (store == NULL)
        abort ();
    }
  pb_store_import_plan_json (store, json_parser_get_root (parser), NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  JsonNode *plan;
  double value;

  if (size > 0 && data[0] == 'D')
    {
      read_document ("fuzz-input.docx", data + 1, size - 1);
      return 0;
    }
  if (size > 0 && data[0] == 'X')
    {
      read_docx_xml (data + 1, size - 1);
      return 0;
    }
  if (size > 0 && data[0] == 'J')
    {
      import_json (data + 1, size - 1);
      return 0;
    }

  text = pb_text_decode ((const char *) data, size, NULL, NULL);
  if (text == NULL)
    return 0;

  /* The number reader on its own, on short inputs. */
  if (strlen (text) < 64)
    pb_cn_number_parse (text, &value);

  plan = pb_plan_parse_text (text, -1, NULL, NULL);
  if (plan != NULL)
    json_node_unref (plan);

  return 0;
}
