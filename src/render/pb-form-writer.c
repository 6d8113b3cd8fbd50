/* pb-form-writer.c — progress forms as XLSX (libxlsxwriter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One workbook per organisation. The visible sheet ("Progress", translated)
 * has a header block (plan, organisation, period, date to return by, the
 * form's code), then the column titles and one row per item and indicator
 * (see pb_form_layout_build). Only New Value, As Of, Status, Progress (%)
 * and Note are unlocked and the sheet is protected without a password, so
 * a reporter cannot change a target by accident; the fill-in cells carry
 * data validation (a decimal, a date within the period, a status from the
 * list, 0–100). Status and progress are asked once per item, on its first
 * row, prefilled with what the library holds.
 *
 * A hidden sheet identifies the form: library id, plan, organisation,
 * period, the item/indicator id of every row with the row's locked cells
 * as written, and a checksum over them, so the reader matches a returned
 * form without trusting row order or names, and names any locked cell
 * that was edited. The form code in the header carries the same identity
 * for a form that comes back saved as CSV (which keeps only one sheet).
 */
#define G_LOG_DOMAIN "pb-form-writer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_XLSX
#include "pb-xlsxwriter.h"
#endif

#include "pb-format.h"
#include "pb-form-writer.h"
#include "pb-health-style.h"
#include "pb-ledger.h"

gboolean
pb_form_writer_is_supported (void)
{
#ifdef HAVE_XLSX
  return TRUE;
#else
  return FALSE;
#endif
}

const char *
pb_form_sheet_name (void)
{
  /* Translators: the name of the sheet a progress form is filled in on
   * (at most 31 characters, none of []:*?/\) */
  return C_("form sheet", "Progress");
}

/**
 * pb_form_file_name:
 *
 * Returns: (transfer full): "市工业和信息化局.xlsx": the organisation's
 *   name with the characters file systems refuse replaced
 */
char *
pb_form_file_name (const char *organisation)
{
  g_autofree char *name = g_strdup (organisation && *organisation ? organisation : "form");

  g_strdelimit (name, "/\\:*?\"<>|\n\r\t", '_');
  if (name[0] == '.')
    name[0] = '_';
  return g_strconcat (name, ".xlsx", NULL);
}

/**
 * pb_form_code:
 *
 * Returns: (transfer full): the form's identity as printed in its
 *   header: PB1:library:plan:organisation:period:role:checksum
 */
char *
pb_form_code (const PbFormLayout *layout,
              const char         *checksum)
{
  return g_strdup_printf ("PB1:%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s:%s:%.16s",
                          layout->library_id, layout->plan_id, layout->organisation_id,
                          layout->period.label, layout->all_roles ? "all" : "lead", checksum);
}

#ifdef HAVE_XLSX
static lxw_datetime
to_lxw (const GDate *date)
{
  lxw_datetime d = { g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0 };
  return d;
}

static char *
temp_beside (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp (tmpl);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

static void
write_hidden (lxw_workbook       *workbook,
              const PbFormLayout *layout,
              const char         *due_date,
              const char         *checksum)
{
  lxw_worksheet *ws = workbook_add_worksheet (workbook, PB_FORM_HIDDEN_SHEET);
  char start[11], end[11];
  int r = 0;

  pb_date_format (&layout->period.start, start);
  pb_date_format (&layout->period.end, end);
  worksheet_write_string (ws, r, 0, "planboard-form", NULL);
  worksheet_write_number (ws, r++, 1, 1, NULL);
  worksheet_write_string (ws, r, 0, "library", NULL);
  worksheet_write_string (ws, r++, 1, layout->library_id, NULL);
  worksheet_write_string (ws, r, 0, "plan", NULL);
  worksheet_write_number (ws, r, 1, layout->plan_id, NULL);
  worksheet_write_string (ws, r++, 2, layout->plan_title, NULL);
  worksheet_write_string (ws, r, 0, "organisation", NULL);
  worksheet_write_number (ws, r, 1, layout->organisation_id, NULL);
  worksheet_write_string (ws, r++, 2, layout->organisation, NULL);
  worksheet_write_string (ws, r, 0, "period", NULL);
  worksheet_write_string (ws, r, 1, layout->period.label, NULL);
  worksheet_write_string (ws, r, 2, start, NULL);
  worksheet_write_string (ws, r++, 3, end, NULL);
  worksheet_write_string (ws, r, 0, "due", NULL);
  if (due_date)
    worksheet_write_string (ws, r, 1, due_date, NULL);
  r++;
  worksheet_write_string (ws, r, 0, "role", NULL);
  worksheet_write_string (ws, r++, 1, layout->all_roles ? "all" : "lead", NULL);
  worksheet_write_string (ws, r, 0, "checksum", NULL);
  worksheet_write_string (ws, r++, 1, checksum, NULL);
  worksheet_write_string (ws, r, 0, "statuses", NULL);
  for (int s = PB_ITEM_STATUS_NOT_STARTED; s <= PB_ITEM_STATUS_CANCELLED; s++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (PB_TYPE_ITEM_STATUS);

      worksheet_write_string (ws, r, 1 + 2 * s, g_enum_get_value (klass, s)->value_nick, NULL);
      worksheet_write_string (ws, r, 2 + 2 * s, pb_status_get_name (s), NULL);
    }
  r++;
  worksheet_write_string (ws, r, 0, "rows", NULL);
  worksheet_write_number (ws, r++, 1, layout->rows->len, NULL);
  for (guint i = 0; i < layout->rows->len; i++, r++)
    {
      PbFormRow *row = g_ptr_array_index (layout->rows, i);

      worksheet_write_number (ws, r, 0, PB_FORM_HEADER_ROW + 2 + i, NULL);  /* 1-based sheet row */
      worksheet_write_number (ws, r, 1, row->item_id, NULL);
      worksheet_write_number (ws, r, 2, row->indicator_id, NULL);
      for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
        if (*row->cells[c])
          worksheet_write_string (ws, r, 3 + c, row->cells[c], NULL);
      /* The status the form was sent with: a status cell left as it was
       * reports nothing, even when another form changed it since */
      if (row->item_rows > 0)
        worksheet_write_number (ws, r, 3 + PB_FORM_N_LOCKED, row->status, NULL);
    }
  worksheet_hide (ws);
}

static gboolean
write_workbook (lxw_workbook       *workbook,
                const PbFormLayout *layout,
                const char         *due_date,
                GError            **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (workbook, pb_form_sheet_name ());
  lxw_format *title, *label, *head, *locked, *locked_grey, *code, *fill, *fill_number, *fill_date, *note_fmt;
  g_autofree char *checksum = pb_form_checksum (layout->library_id, layout->plan_id, layout->organisation_id,
                                                layout->period.label, layout->rows);
  g_autofree char *form_code = pb_form_code (layout, checksum);
  g_autofree char *start = pb_format_date (&layout->period.start);
  g_autofree char *end = pb_format_date (&layout->period.end);
  g_autofree char *period_text = NULL;
  g_autofree char *due_text = NULL;
  const char *status_names[PB_ITEM_STATUS_CANCELLED + 2];
  /* Last Reported holds a value and a full date: 3200（2025年12月31日） */
  static const double widths[PB_FORM_N_COLS] = { 6, 36, 22, 8, 16, 24, 12, 12, 11, 11, 30 };
  guint first = PB_FORM_HEADER_ROW + 1, last;
  lxw_data_validation dv;

  (void) error;
  title = workbook_add_format (workbook);
  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_text_wrap (title);
  label = workbook_add_format (workbook);
  format_set_bold (label);
  code = workbook_add_format (workbook);
  format_set_font_size (code, 8);
  format_set_font_color (code, 0x808080);
  head = workbook_add_format (workbook);
  format_set_bold (head);
  format_set_bg_color (head, 0xDCE6F2);
  format_set_border (head, LXW_BORDER_THIN);
  format_set_text_wrap (head);
  format_set_align (head, LXW_ALIGN_VERTICAL_CENTER);
  locked = workbook_add_format (workbook);
  format_set_border (locked, LXW_BORDER_THIN);
  format_set_text_wrap (locked);
  format_set_align (locked, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (locked, 0xF2F2F2);
  locked_grey = workbook_add_format (workbook);
  format_set_border (locked_grey, LXW_BORDER_THIN);
  format_set_bg_color (locked_grey, 0xD9D9D9);
  fill = workbook_add_format (workbook);
  format_set_unlocked (fill);
  format_set_border (fill, LXW_BORDER_THIN);
  format_set_align (fill, LXW_ALIGN_VERTICAL_TOP);
  fill_number = workbook_add_format (workbook);
  format_set_unlocked (fill_number);
  format_set_border (fill_number, LXW_BORDER_THIN);
  format_set_align (fill_number, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (fill_number, "General");
  fill_date = workbook_add_format (workbook);
  format_set_unlocked (fill_date);
  format_set_border (fill_date, LXW_BORDER_THIN);
  format_set_align (fill_date, LXW_ALIGN_VERTICAL_TOP);
  format_set_num_format (fill_date, "yyyy-mm-dd");
  note_fmt = workbook_add_format (workbook);
  format_set_unlocked (note_fmt);
  format_set_border (note_fmt, LXW_BORDER_THIN);
  format_set_text_wrap (note_fmt);
  format_set_align (note_fmt, LXW_ALIGN_VERTICAL_TOP);

  /* The header block */
  worksheet_set_row (ws, 0, 36, NULL);
  worksheet_merge_range (ws, 0, 0, 0, PB_FORM_N_COLS - 1, layout->plan_title, title);
  {
    g_autofree char *org_line = NULL;
    g_autofree char *period_line = NULL;
    g_autofree char *due_line = NULL;
    g_autofree char *code_line = NULL;

    /* Translators: a reporting period on a progress form: 2026-Q3 (first day – last day) */
    period_text = g_strdup_printf (_("%s (%s – %s)"), layout->period.label, start, end);
    if (due_date)
      {
        GDate due;

        if (pb_date_parse (due_date, &due))
          due_text = pb_format_date (&due);
      }
    /* Translators: the header lines of a progress form */
    org_line = g_strdup_printf (_("Organisation: %s"), layout->organisation);
    period_line = g_strdup_printf (_("Period: %s"), period_text);
    due_line = g_strdup_printf (_("Return by: %s"), due_text ? due_text : "—");
    code_line = g_strdup_printf (_("Form code: %s"), form_code);
    worksheet_merge_range (ws, 1, 0, 1, PB_FORM_N_COLS - 1, org_line, label);
    worksheet_merge_range (ws, 2, 0, 2, PB_FORM_N_COLS - 1, period_line, NULL);
    worksheet_merge_range (ws, 3, 0, 3, PB_FORM_N_COLS - 1, due_line, label);
    worksheet_merge_range (ws, 4, 0, 4, PB_FORM_N_COLS - 1, code_line, code);
  }
  worksheet_merge_range (ws, 5, 0, 5, PB_FORM_N_COLS - 1,
                         _("Fill in the white cells: New Value, As Of, Status, Progress (%) and Note. "
                           "Leave a cell empty when there is nothing new."), NULL);

  for (guint c = 0; c < PB_FORM_N_COLS; c++)
    {
      worksheet_set_column (ws, c, c, widths[c], NULL);
      worksheet_write_string (ws, PB_FORM_HEADER_ROW, c, pb_form_column_title (c), head);
    }
  worksheet_set_row (ws, PB_FORM_HEADER_ROW, 30, NULL);

  for (int s = 0; s <= PB_ITEM_STATUS_CANCELLED; s++)
    status_names[s] = pb_status_get_name (s);
  status_names[PB_ITEM_STATUS_CANCELLED + 1] = NULL;

  for (guint i = 0; i < layout->rows->len; i++)
    {
      PbFormRow *row = g_ptr_array_index (layout->rows, i);
      guint r = first + i;

      if (row->item_rows > 1)
        {
          worksheet_merge_range (ws, r, PB_FORM_COL_NUMBER, r + row->item_rows - 1, PB_FORM_COL_NUMBER,
                                 row->cells[PB_FORM_COL_NUMBER], locked);
          worksheet_merge_range (ws, r, PB_FORM_COL_ITEM, r + row->item_rows - 1, PB_FORM_COL_ITEM,
                                 row->cells[PB_FORM_COL_ITEM], locked);
        }
      else if (row->item_rows == 1)
        {
          worksheet_write_string (ws, r, PB_FORM_COL_NUMBER, row->cells[PB_FORM_COL_NUMBER], locked);
          worksheet_write_string (ws, r, PB_FORM_COL_ITEM, row->cells[PB_FORM_COL_ITEM], locked);
        }
      for (guint c = PB_FORM_COL_INDICATOR; c < PB_FORM_N_LOCKED; c++)
        worksheet_write_string (ws, r, c, row->cells[c], row->indicator_id ? locked : locked_grey);

      if (row->indicator_id)
        {
          worksheet_write_blank (ws, r, PB_FORM_COL_VALUE, fill_number);
          worksheet_write_blank (ws, r, PB_FORM_COL_AS_OF, fill_date);
        }
      else
        {
          worksheet_write_blank (ws, r, PB_FORM_COL_VALUE, locked_grey);
          worksheet_write_blank (ws, r, PB_FORM_COL_AS_OF, locked_grey);
        }
      if (row->item_rows > 0)
        {
          worksheet_write_string (ws, r, PB_FORM_COL_STATUS, pb_status_get_name (row->status), fill);
          worksheet_write_number (ws, r, PB_FORM_COL_PROGRESS, (double) (int) (row->progress * 100 + 0.5), fill_number);
          worksheet_write_blank (ws, r, PB_FORM_COL_NOTE, note_fmt);
        }
      else
        {
          worksheet_write_blank (ws, r, PB_FORM_COL_STATUS, locked_grey);
          worksheet_write_blank (ws, r, PB_FORM_COL_PROGRESS, locked_grey);
          worksheet_write_blank (ws, r, PB_FORM_COL_NOTE, locked_grey);
        }
    }
  last = first + MAX (layout->rows->len, 1u) - 1;

  /* Validation of the fill-in cells */
  memset (&dv, 0, sizeof dv);
  dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_number = -1e15;
  dv.maximum_number = 1e15;
  dv.error_title = (char *) _("Not a number");
  dv.error_message = (char *) _("Write the value as a number, such as 2600 or 0.85.");
  worksheet_data_validation_range (ws, first, PB_FORM_COL_VALUE, last, PB_FORM_COL_VALUE, &dv);

  memset (&dv, 0, sizeof dv);
  dv.validate = LXW_VALIDATION_TYPE_DATE;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_datetime = to_lxw (&layout->period.start);
  dv.maximum_datetime = to_lxw (&layout->period.end);
  dv.error_title = (char *) _("Date outside the period");
  dv.error_message = (char *) _("The date the value stood at must fall within the period of this form.");
  worksheet_data_validation_range (ws, first, PB_FORM_COL_AS_OF, last, PB_FORM_COL_AS_OF, &dv);

  memset (&dv, 0, sizeof dv);
  dv.validate = LXW_VALIDATION_TYPE_LIST;
  dv.value_list = (char **) status_names;
  dv.error_title = (char *) _("Unknown status");
  dv.error_message = (char *) _("Pick a status from the list.");
  worksheet_data_validation_range (ws, first, PB_FORM_COL_STATUS, last, PB_FORM_COL_STATUS, &dv);

  memset (&dv, 0, sizeof dv);
  dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_number = 0;
  dv.maximum_number = 100;
  dv.error_title = (char *) _("Progress out of range");
  dv.error_message = (char *) _("Progress is a percentage from 0 to 100.");
  worksheet_data_validation_range (ws, first, PB_FORM_COL_PROGRESS, last, PB_FORM_COL_PROGRESS, &dv);

  /* Frozen titles, print setup, protection */
  worksheet_freeze_panes (ws, PB_FORM_HEADER_ROW + 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);            /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);      /* fit to width, as many pages as it takes */
  worksheet_repeat_rows (ws, PB_FORM_HEADER_ROW, PB_FORM_HEADER_ROW);
  worksheet_set_margins (ws, 0.4, 0.4, 0.6, 0.6);
  worksheet_protect (ws, NULL, NULL);
  worksheet_activate (ws);

  write_hidden (workbook, layout, due_date, checksum);
  return TRUE;
}
#endif

/**
 * pb_form_write:
 * @layout: the form's rows (pb_form_layout_build)
 * @due_date: (nullable): the date to return it by, YYYY-MM-DD
 * @path: the .xlsx to write (written beside and renamed into place)
 *
 * Returns: whether the form was written
 */
gboolean
pb_form_write (const PbFormLayout  *layout,
               const char          *due_date,
               const char          *path,
               GError             **error)
{
#ifdef HAVE_XLSX
  g_autofree char *tmp = NULL;
  lxw_workbook *workbook;
  lxw_error status;
  locale_t c_locale, previous;

  if (!pb_xlsxwriter_load (error) || (tmp = temp_beside (path, error)) == NULL)
    return FALSE;

  /* libxlsxwriter formats numbers with printf: C numbers for this thread
   * while it does, the user's language for everything else (a base of 0
   * would turn the messages to C too). */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  previous = uselocale (c_locale);
  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      uselocale (previous);
      freelocale (c_locale);
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”."), path);
      return FALSE;
    }
  write_workbook (workbook, layout, due_date, error);
  status = workbook_close (workbook);
  uselocale (previous);
  freelocale (c_locale);
  if (status != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path, lxw_strerror (status));
      return FALSE;
    }
  return pb_replace_file (tmp, path, error);
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("This Planboard was built without XLSX support (libxlsxwriter)."));
  return FALSE;
#endif
}

/**
 * pb_forms_export:
 * @period: the reporting period
 * @all_roles: also the organisations that co-own items
 * @due_date: (nullable): the date to return the forms by
 * @dir: the folder to write into
 * @today: the day they are sent
 *
 * Writes one form per organisation that leads (or co-owns) an item of the
 * plan and records, as one undoable command, that they were sent.
 *
 * Returns: (transfer full) (element-type utf8): the files written, or
 *   %NULL with @error set
 */
GPtrArray *
pb_forms_export (PbStore            *store,
                 gint64              plan_id,
                 const PbFormPeriod *period,
                 gboolean            all_roles,
                 const char         *due_date,
                 const char         *dir,
                 const GDate        *today,
                 GError            **error)
{
  g_autoptr(GArray) orgs = pb_store_list_form_organisations (store, plan_id, all_roles);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (orgs->len == 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("No organisation leads an item of this plan, so there is nobody to send a form to."));
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < orgs->len; i++)
    {
      gint64 org_id = g_array_index (orgs, gint64, i);
      g_autoptr(PbFormLayout) layout = pb_form_layout_build (store, plan_id, org_id, period, all_roles, today, error);
      g_autofree char *file = NULL;
      char *path;

      if (layout == NULL)
        return NULL;
      if (layout->rows->len == 0)
        continue;   /* it answers only for cancelled items */
      file = pb_form_file_name (layout->organisation);
      if (g_hash_table_contains (names, file))
        {
          g_autofree char *stem = g_strndup (file, strlen (file) - 5);

          g_free (file);
          file = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".xlsx", stem, org_id);
        }
      g_hash_table_add (names, g_strdup (file));
      path = g_build_filename (dir, file, NULL);
      g_ptr_array_add (paths, path);
      if (!pb_form_write (layout, due_date, path, error))
        return NULL;
      g_array_append_val (sent, org_id);
    }

  if (!pb_store_record_forms_sent (store, plan_id, period->label, all_roles, due_date, sent, today, error))
    return NULL;
  return g_steal_pointer (&paths);
}

/**
 * pb_forms_collect:
 * @period: 2026-Q3 or 2026-10, as typed
 * @due_date: (nullable): YYYY-MM-DD, as typed; empty for none
 * @dir: the folder to write into
 * @today: (nullable): the day they are sent; %NULL for today
 *
 * What Collect Progress… does once its folder is chosen, and what
 * `planboard-cli forms export` does: one code path, so both write the
 * same forms.
 *
 * Returns: (transfer full): the forms written, or %NULL with @error set
 */
GPtrArray *
pb_forms_collect (PbStore     *store,
                  gint64       plan_id,
                  const char  *period,
                  const char  *due_date,
                  gboolean     all_roles,
                  const char  *dir,
                  const GDate *today,
                  GError     **error)
{
  PbFormPeriod p;
  GDate now, due;

  if (!pb_form_period_parse (period, &p))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a period; write a quarter as 2026-Q3 or a month as 2026-10."), period);
      return NULL;
    }
  if (due_date && *due_date && !pb_date_parse (due_date, &due))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2024-06-30."), due_date);
      return NULL;
    }
  if (due_date && *due_date && !pb_form_period_check_due (&p, &due, error))
    return NULL;
  if (today == NULL)
    {
      pb_date_today (&now);
      today = &now;
    }
  return pb_forms_export (store, plan_id, &p, all_roles, due_date && *due_date ? due_date : NULL, dir, today, error);
}
