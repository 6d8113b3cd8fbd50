/* test-document.c — hostile Word documents are refused quickly, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A .docx is a zip of XML parts. A 611-byte one whose document.xml nests
 * entities ("billion laughs") once took 4 GB and 28 s; one whose text part
 * inflates to gigabytes ("zip bomb") could take all memory. Both must be
 * refused in well under a second, with a message a planner can read, and
 * import nothing. The packages are made here with libarchive.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "pb-document.h"
#include "pb-test-util.h"
#include "pb-text-source.h"

static char *dir;

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

typedef gsize (*FillFunc) (guint8 *buffer, gsize size, gsize offset, gpointer data);

/* Writes a .docx at @path whose word/document.xml is @size bytes from
 * @fill, deflated; @declared_size, if not 0, is what the zip headers say
 * instead of the truth. Returns the file's size. */
static gsize
write_docx_full (const char *path,
                 gsize       size,
                 FillFunc    fill,
                 gpointer    data,
                 guint32     declared_size)
{
  struct archive *a = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  g_autofree guint8 *chunk = g_malloc (1024 * 1024);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_zip_set_compression_deflate (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "word/document.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
  for (gsize offset = 0; offset < size;)
    {
      gsize n = fill (chunk, MIN (size - offset, 1024 * 1024), offset, data);

      g_assert_cmpint (archive_write_data (a, chunk, n), ==, (la_ssize_t) n);
      offset += n;
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_entry_free (entry);
  archive_write_free (a);

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));

  /* Make the headers lie about the inflated size: the local header's and
   * the central directory's "uncompressed size" fields. */
  if (declared_size != 0)
    {
      guint patched = 0;

      for (gsize i = 0; i + 46 <= length; i++)
        {
          guint8 *p = (guint8 *) bytes + i;
          gsize at;

          if (memcmp (p, "PK\003\004", 4) == 0)
            at = 22;
          else if (memcmp (p, "PK\001\002", 4) == 0)
            at = 24;
          else
            continue;
          p[at] = declared_size & 0xff;
          p[at + 1] = (declared_size >> 8) & 0xff;
          p[at + 2] = (declared_size >> 16) & 0xff;
          p[at + 3] = (declared_size >> 24) & 0xff;
          patched++;
        }
      g_assert_cmpuint (patched, ==, 2);
      g_assert_true (g_file_set_contents (path, bytes, length, NULL));
    }

  return length;
}

static gsize
fill_text (guint8   *buffer,
           gsize     size,
           gsize     offset,
           gpointer  data)
{
  memcpy (buffer, (const char *) data + offset, size);
  return size;
}

static gsize
write_docx (const char *path,
            const char *xml)
{
  return write_docx_full (path, strlen (xml), fill_text, (gpointer) xml, 0);
}

/* A text part of @size bytes: one paragraph, then spaces. */
static gsize
fill_spaces (guint8   *buffer,
             gsize     size,
             gsize     offset,
             gpointer  data)
{
  static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS
                             "><w:body><w:p><w:r><w:t>加快5G网络建设</w:t></w:r></w:p>";

  memset (buffer, ' ', size);
  if (offset == 0)
    memcpy (buffer, head, strlen (head));
  return size;
}

/* CPU seconds this process (or its children, waited for) has used: what
 * a refusal costs, whatever else the machine is doing. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (who, &usage), ==, 0);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
run_cli (int         *status,
         char       **err,
         gint64      *usec,
         double      *cpu,
         glong       *max_rss_kb,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  char *out = NULL;
  int wait_status = -1;
  va_list args;
  struct rusage usage;
  gint64 start;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  *cpu = cpu_seconds (RUSAGE_CHILDREN);
  start = g_get_monotonic_time ();
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL,
                               &out, err, &wait_status, &error));
  *usec = g_get_monotonic_time () - start;
  *cpu = cpu_seconds (RUSAGE_CHILDREN) - *cpu;
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  /* The largest of the children so far: each test runs the CLI on small
   * inputs only before this, so it is this run's. */
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  *max_rss_kb = usage.ru_maxrss;
  return out;
}

/* Imports @docx with planboard-cli into a fresh library: it must fail,
 * quickly, saying @words, and leave the library without a plan. */
static void
assert_cli_refuses (const char *docx,
                    const char *words,
                    double      max_cpu,
                    glong       max_rss_kb)
{
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  gint64 usec;
  double cpu;
  glong rss;
  int status;

  g_unlink (db);
  out = run_cli (&status, &err, &usec, &cpu, &rss, "--db", db, "import", docx, NULL);
  g_test_message ("planboard-cli import %s: exit %d in %" G_GINT64_FORMAT " ms (%.3f s of CPU), %ld MB at most: %s",
                  docx, status, usec / 1000, cpu, rss / 1024, err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, words));
  g_assert_cmpfloat (cpu, <, max_cpu);
  /* The machine may be busy; a refusal must still not take long. */
  g_assert_cmpint (usec, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (rss, <, max_rss_kb);
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM plan"), ==, 0);
}

static void
test_plain (void)
{
  g_autofree char *path = g_build_filename (dir, "plain.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  write_docx (path, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    "<w:document " W_NS "><w:body>"
                    "<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t xml:space=\"preserve\">1. 加快5G网络</w:t></w:r><w:r><w:t>建设 &amp; 应用</w:t></w:r></w:p>"
                    "</w:body></w:document>");
  text = pb_document_read_text (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "一、总体要求\n1. 加快5G网络建设 & 应用\n");
}

/* The classic: ten entities, each ten of the one before. */
static const char billion_laughs[] =
  "<?xml version=\"1.0\"?>"
  "<!DOCTYPE w:document ["
  "<!ENTITY a \"lollollollollollollollollollol\">"
  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
  "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
  "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
  "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
  "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
  "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
  "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
  "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
  "<!ENTITY j \"&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;\">"
  "]>"
  "<w:document " W_NS "><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>";

static void
test_billion_laughs (void)
{
  g_autofree char *path = g_build_filename (dir, "laughs.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize size;
  gint64 start, usec;

  size = write_docx (path, billion_laughs);
  g_test_message ("the billion-laughs .docx is %" G_GSIZE_FORMAT " bytes", size);
  g_assert_cmpuint (size, <, 1024);

  start = g_get_monotonic_time ();
  text = pb_document_read_text (path, NULL, &error);
  usec = g_get_monotonic_time () - start;
  g_test_message ("refused in %" G_GINT64_FORMAT " µs", usec);
  g_assert_null (text);
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "laughs.docx"));
  g_assert_nonnull (strstr (error->message, "document type"));
  g_assert_cmpint (usec, <, G_USEC_PER_SEC / 10);

  /* Through the command line: refused, under a second, in little memory,
   * nothing imported. */
  assert_cli_refuses (path, "was refused", 0.5, 100 * 1024);
}

/* An external entity (a file of the machine, or the network) is refused
 * the same way: entities are never expanded or loaded. */
static void
test_external_entity (void)
{
  g_autofree char *path = g_build_filename (dir, "external.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  write_docx (path, "<?xml version=\"1.0\"?>"
                    "<!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    "<w:document " W_NS "><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>");
  text = pb_document_read_text (path, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "document type"));
}

/* A text part that inflates past 200 MB, with honest headers (refused
 * before inflating) and with headers that say it is 100 bytes (refused
 * as it inflates, long before the cap, since a document's XML never
 * deflates 200 times). */
static void
test_zip_bomb (void)
{
  g_autofree char *honest = g_build_filename (dir, "bomb-honest.docx", NULL);
  g_autofree char *lying = g_build_filename (dir, "bomb-lying.docx", NULL);
  gsize inflated = (gsize) 210 * 1024 * 1024;
  gsize size;

  size = write_docx_full (honest, inflated, fill_spaces, NULL, 0);
  g_test_message ("the zip bomb is %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " MB inflated",
                  size, inflated / (1024 * 1024));
  g_assert_cmpuint (size, <, inflated / 500);
  write_docx_full (lying, inflated, fill_spaces, NULL, 100);

  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? honest : lying;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      double cpu = cpu_seconds (RUSAGE_SELF);
      gint64 start = g_get_monotonic_time (), usec;
      const char *words;

      text = pb_document_read_text (path, NULL, &error);
      usec = g_get_monotonic_time () - start;
      cpu = cpu_seconds (RUSAGE_SELF) - cpu;
      g_test_message ("%s refused in %" G_GINT64_FORMAT " ms (%.3f s of CPU)", path, usec / 1000, cpu);
      g_assert_null (text);
      g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY);
      /* Honest headers: refused before inflating. Lying ones: refused as
       * it inflates, once the text is far denser than a document's. */
      words = i == 0 ? "larger than 200 MB" : "zip bomb";
      g_assert_nonnull (strstr (error->message, words));
      g_assert_cmpfloat (cpu, <, 0.5);

      assert_cli_refuses (path, words, 0.5, 100 * 1024);
    }
}

/* A package of more parts than any Word document has is refused before
 * its text is looked for, and says so: not that its text is too large. */
static void
test_many_entries (void)
{
  g_autofree char *path = g_build_filename (dir, "many-parts.docx", NULL);
  struct archive *a = archive_write_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < 10001; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      g_autofree char *name = g_strdup_printf ("word/media/part%u.bin", i);

      archive_entry_set_pathname (entry, name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, 1);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (a, "x", 1), ==, 1);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);

  text = pb_document_read_text (path, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "many-parts.docx"));
  g_assert_nonnull (strstr (error->message, "more than 10000 parts"));
  g_assert_null (strstr (error->message, "200 MB"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = pb_test_make_dir ();

  g_test_add_func ("/document/docx/plain", test_plain);
  g_test_add_func ("/document/docx/billion-laughs", test_billion_laughs);
  g_test_add_func ("/document/docx/external-entity", test_external_entity);
  g_test_add_func ("/document/docx/zip-bomb", test_zip_bomb);
  g_test_add_func ("/document/docx/many-parts", test_many_entries);

  ret = g_test_run ();
  pb_test_remove_dir (dir);
  return ret;
}
