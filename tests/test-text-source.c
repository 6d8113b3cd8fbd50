/* test-text-source.c — reading a document's bytes as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-text-source.h"

static const char sample[] = "六盘水市新型基础设施建设三年行動方案\n(牵头单位:市工业和信息化局;责任单位:各市〔特区、区〕人民政府)\n";

static char *
decode (const char  *data,
        gsize        length,
        const char **encoding,
        GError     **error)
{
  return pb_text_decode (data, length, encoding, error);
}

static void
test_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", sample, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *encoding = NULL;

  a = decode (sample, strlen (sample), &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, sample);
  g_assert_cmpstr (encoding, ==, "UTF-8");

  b = decode (with_bom, strlen (with_bom), &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, sample);
}

static void
test_utf16 (void)
{
  const char *order[] = { "UTF-16LE", "UTF-16BE" };
  const char *bom[] = { "\xFF\xFE", "\xFE\xFF" };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize n;
      g_autofree char *body = g_convert (sample, -1, order[i], "UTF-8", NULL, &n, &error);
      g_autofree char *data = g_malloc (n + 2);
      g_autofree char *text = NULL;
      const char *encoding = NULL;

      g_assert_no_error (error);
      memcpy (data, bom[i], 2);
      memcpy (data + 2, body, n);
      text = decode (data, n + 2, &encoding, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, sample);
      g_assert_cmpstr (encoding, ==, order[i]);
    }
}

static void
test_gb18030 (void)
{
  g_autoptr(GError) error = NULL;
  gsize n;
  g_autofree char *data = g_convert (sample, -1, "GB18030", "UTF-8", NULL, &n, &error);
  g_autofree char *text = NULL;
  const char *encoding = NULL;

  g_assert_no_error (error);
  g_assert_false (g_utf8_validate (data, n, NULL));
  text = decode (data, n, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, sample);
  g_assert_cmpstr (encoding, ==, "GB18030");
}

static void
test_line_ends (void)
{
  g_autoptr(GError) error = NULL;
  const char *crlf = "一、总体要求\r\n(一)指导思想\r二、重点任务\r\n";
  g_autofree char *text = decode (crlf, strlen (crlf), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "一、总体要求\n(一)指导思想\n二、重点任务\n");
}

static void
test_truncated_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  /* "建设" cut in the middle of its last character. */
  const char *cut = "推进新型基础设施建\xE8\xAE";
  g_autofree char *text = decode (cut, strlen (cut), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "推进新型基础设施建");
}

static void
test_bad (void)
{
  g_autoptr(GError) error = NULL;
  const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  g_assert_null (decode ("", 0, NULL, &error));
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (decode (" \n\r\n\t ", 6, NULL, &error));
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (decode (binary, sizeof binary - 1, NULL, &error));
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY);
  g_clear_error (&error);

  /* Bytes that are neither UTF-8 nor GB18030. */
  g_assert_null (decode ("\x81\x20\x81\x20\xFF\xFF", 6, NULL, &error));
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_ENCODING);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-source/utf8", test_utf8);
  g_test_add_func ("/text-source/utf16", test_utf16);
  g_test_add_func ("/text-source/gb18030", test_gb18030);
  g_test_add_func ("/text-source/line-ends", test_line_ends);
  g_test_add_func ("/text-source/truncated-utf8", test_truncated_utf8);
  g_test_add_func ("/text-source/bad", test_bad);

  return g_test_run ();
}
