/* pb-text-source.c — a document's bytes as UTF-8 text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chinese plan documents arrive as UTF-8 (with or without a BOM), UTF-16
 * with a BOM (Windows "Unicode" text) or GB18030/GBK. The encoding is
 * detected, never asked for: a BOM decides; else valid UTF-8 is UTF-8;
 * else GB18030, which is a superset of GBK and GB2312. Line ends become
 * "\n".
 */
#define G_LOG_DOMAIN "pb-text-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pb-text-source.h"

G_DEFINE_QUARK (pb-import-error-quark, pb_import_error)

static char *
normalise_line_ends (char *text)
{
  char *r = text, *w = text;

  while (*r)
    {
      if (*r == '\r')
        {
          *w++ = '\n';
          r += r[1] == '\n' ? 2 : 1;
        }
      else
        *w++ = *r++;
    }
  *w = '\0';

  return text;
}

/* Length of @data that is valid UTF-8 when at most a partial character is
 * cut off at the end (a truncated file), else -1. */
static gssize
utf8_prefix (const char *data,
             gsize       length)
{
  const char *end = NULL;

  if (g_utf8_validate_len (data, length, &end))
    return length;

  if (length - (end - data) < 4 &&
      g_utf8_get_char_validated (end, length - (end - data)) == (gunichar) -2)
    return end - data;

  return -1;
}

/**
 * pb_text_decode:
 * @data: the document's bytes
 * @length: their number
 * @encoding: (out) (optional) (transfer none): the encoding found
 * @error: where to say why it failed
 *
 * Returns: (transfer full): the text in UTF-8 with "\n" line ends, or
 *   %NULL with @error set for empty, binary or undecodable data
 */
char *
pb_text_decode (const char  *data,
                gsize        length,
                const char **encoding,
                GError     **error)
{
  g_autofree char *text = NULL;
  const char *found = NULL;
  gssize valid;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3, length -= 3;
      found = "UTF-8";
    }
  else if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      found = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
      text = g_convert (data + 2, (length - 2) & ~(gsize) 1, "UTF-8", found, NULL, NULL, NULL);
      if (text == NULL)
        {
          g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_ENCODING,
                       _("The document says it is UTF-16 text but is not."));
          return NULL;
        }
    }

  if (text == NULL)
    {
      /* No text encoding but UTF-16 puts NUL bytes in text. */
      if (memchr (data, '\0', length) != NULL)
        goto binary;

      valid = utf8_prefix (data, length);
      if (valid >= 0)
        {
          text = g_strndup (data, valid);
          found = found ? found : "UTF-8";
        }
      else
        {
          text = g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
          if (text == NULL)
            {
              g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_ENCODING,
                           _("The document is not text in UTF-8, UTF-16 or GB18030 (GBK), the encodings Planboard reads."));
              return NULL;
            }
          found = "GB18030";
        }
    }

  if (strlen (text) == 0 || text[strspn (text, " \t\r\n")] == '\0')
    {
      g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_EMPTY,
                   _("The document is empty."));
      return NULL;
    }

  if (encoding)
    *encoding = found;

  return normalise_line_ends (g_steal_pointer (&text));

binary:
  g_set_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_BINARY,
               _("The document is not text (it holds binary data)."));
  return NULL;
}
