/* make-pdf.c — writes a text file as a typeset A4 PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: make-pdf IN.txt OUT.pdf
 *
 * Lays out each line as a justified paragraph with Pango (so long ones
 * wrap over several lines, as in a published PDF), numbers the pages
 * "- N -" at the foot, and breaks pages mid-paragraph. The tests import
 * the result to check the PDF reader and the unwrapping of its lines.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 72.0

int
main (int    argc,
      char **argv)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  double y = MARGIN;
  int page = 1;

  if (argc != 3 || !g_file_get_contents (argv[1], &text, NULL, NULL))
    return 2;

  surface = cairo_pdf_surface_create (argv[2], PAGE_W, PAGE_H);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Noto Sans CJK SC 11");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (PAGE_W - 2 * MARGIN) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      PangoLayoutIter *iter;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;

      pango_layout_set_text (layout, lines[i], -1);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          int baseline = pango_layout_iter_get_baseline (iter);
          PangoRectangle logical;
          int top;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          top = logical.y;
          if (y + (logical.height / (double) PANGO_SCALE) > PAGE_H - MARGIN)
            {
              char footer[32];

              /* The page number, as a converted PDF shows it. */
              snprintf (footer, sizeof footer, "- %d -", page++);
              cairo_move_to (cr, PAGE_W / 2 - 10, PAGE_H - MARGIN / 2);
              cairo_show_text (cr, footer);
              cairo_show_page (cr);
              y = MARGIN;
            }
          cairo_move_to (cr, MARGIN, y + (baseline - top) / (double) PANGO_SCALE);
          pango_cairo_show_layout_line (cr, line);
          y += logical.height / (double) PANGO_SCALE;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      y += 4;
    }

  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return 1;
  cairo_surface_destroy (surface);
  return 0;
}
