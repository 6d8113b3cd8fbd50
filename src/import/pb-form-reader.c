/* pb-form-reader.c — returned progress forms: read, match, review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A returned form is read (XLSX through pb-xlsx.c, or the same form saved
 * as CSV), matched back to the library, plan, organisation and period it
 * was sent for, and turned into a review: the new actuals, statuses,
 * progress and notes it brings, each with its before and after, the
 * conflicts with values already recorded, the locked cells someone edited
 * (warned and ignored) and the reasons it cannot be recorded at all.
 *
 * Matching. An XLSX form carries a hidden sheet with the item/indicator id
 * of every row, the sheet row it was written to and its locked cells as
 * written, and a checksum over them. A row is found where it was written,
 * or else as the one row whose number, item and indicator still read the
 * same; a row found nowhere (or twice) refuses the form. A CSV keeps one
 * sheet only, so it is matched through the form code in its header: the
 * form's rows are computed again from the library and found the same way.
 *
 * Locked cells. An edited one (a target, a unit, a Last Reported) is
 * warned about, with its row, what the form says and what the library
 * holds, and ignored. An XLSX says what each was sent with; for a CSV the
 * checksum in its form code tells it, also when the library has moved on
 * since (csv_cells_as_sent()). A figure is compared as a figure: 12,000
 * (2027), 12000 (2027) and 1.2万（2027年） say the same.
 *
 * Refusals (nothing of the form is recorded): another library, another
 * plan, a missing hidden sheet, rows reordered beyond matching, a value
 * that is not a number, a date outside the period, an unknown status, a
 * progress outside 0–100. A value whose date the one rule for actuals
 * refuses (pb_store_check_actual_date(): after the day the form is read,
 * as a month-end 2026-11-30 typed on 2026-11-28) is refused alone: listed
 * with the reason, never recorded, the rest of the form recorded; a value
 * or note with no date is dated the period's end, or today while the
 * period runs.
 * Importing the same form twice finds nothing
 * new: an actual of the same indicator, day and value, the same status
 * and progress and a note already in the progress log are not changes.
 */
#define G_LOG_DOMAIN "pb-form-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pb-cn-number.h"
#include "pb-form-reader.h"
#include "pb-format.h"
#include "pb-supervision.h"
#include "pb-xlsx.h"

#define HIDDEN_SHEET "_planboard"
#define HEADER_ROW   6
#define MAX_CSV_SIZE (16 * 1024 * 1024)

/* A sheet to read cells from: an XLSX sheet or the rows of a CSV. */
typedef struct
{
  PbXlsxSheet *sheet;
  gboolean     date1904;
  GPtrArray   *csv;       /* GPtrArray of char * per row */
} Grid;

static const char *
grid_text (Grid  *g,
           guint  row,
           guint  col)
{
  if (g->sheet)
    return pb_xlsx_sheet_get_text (g->sheet, row, col);
  if (row < g->csv->len)
    {
      GPtrArray *r = g_ptr_array_index (g->csv, row);

      if (col < r->len)
        return g_ptr_array_index (r, col);
    }
  return "";
}

static const PbXlsxCell *
grid_cell (Grid  *g,
           guint  row,
           guint  col)
{
  return g->sheet ? pb_xlsx_sheet_get_cell (g->sheet, row, col) : NULL;
}

static guint
grid_rows (Grid *g)
{
  return g->sheet ? pb_xlsx_sheet_get_n_rows (g->sheet) : g->csv->len;
}

static char *
clean (const char *text)
{
  char *out = g_strdup (text ? text : "");

  return g_strstrip (out);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *x = clean (a);
  g_autofree char *y = clean (b);

  return g_str_equal (x, y);
}

/* ---- CSV ---- */

static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, any = FALSE;
  char sep = ',';
  const char *nl = strchr (text, '\n');
  guint commas = 0, semis = 0, tabs = 0;

  /* The separator the spreadsheet program chose, from the first line */
  for (const char *p = text; *p && (nl == NULL || p < nl); p++)
    commas += *p == ',', semis += *p == ';', tabs += *p == '\t';
  if (semis > commas && semis >= tabs)
    sep = ';';
  else if (tabs > commas)
    sep = '\t';

  for (const char *p = text; ; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '\0')
            quoted = FALSE;
          else if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
              continue;
            }
          else if (c == '"')
            {
              quoted = FALSE;
              continue;
            }
          else
            {
              g_string_append_c (field, c);
              continue;
            }
        }
      if (c == '"' && field->len == 0)
        {
          quoted = any = TRUE;
          continue;
        }
      if (c == sep)
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          any = TRUE;
          continue;
        }
      if (c == '\r')
        continue;
      if (c == '\n' || c == '\0')
        {
          if (any || field->len > 0 || row->len > 0)
            g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          any = FALSE;
          if (c == '\0')
            break;
          continue;
        }
      g_string_append_c (field, c);
    }
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static GPtrArray *
read_csv (const char  *path,
          char       **why)
{
  g_autofree char *data = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *text;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      *why = g_strdup (error->message);
      return NULL;
    }
  if (len > MAX_CSV_SIZE)
    {
      *why = g_strdup (_("it is too large"));
      return NULL;
    }
  text = data;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    text += 3, len -= 3;
  if (!g_utf8_validate_len (text, len, NULL))
    {
      /* Saved by a Chinese Windows spreadsheet program in its code page */
      converted = g_convert (text, len, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (converted == NULL)
        {
          *why = g_strdup (_("it is neither UTF-8 nor GB18030 text"));
          return NULL;
        }
      text = converted;
    }
  return parse_csv (text);
}

/* ---- Reading cells ---- */

/* A number typed as text: read by the one parser, as the window and the
 * command line read it (DESIGN §7: 2,600, 62,5, 1.3万, 30%, 30％, full-width
 * digits), then as the plans write numbers in words (两千). */
static gboolean
parse_number_text (const char *text,
                   double     *value)
{
  g_autofree char *t = clean (text);

  if (*t == '\0')
    return FALSE;
  if (pb_parse_number (t, value) && isfinite (*value))
    return TRUE;
  return pb_cn_number_parse (t, value) && isfinite (*value);
}

static gboolean
parse_date_text (const char *text,
                 GDate      *date)
{
  g_autofree char *t = clean (text);
  int y, m, d;
  char extra;

  g_date_clear (date, 1);
  if ((sscanf (t, "%d-%d-%d%c", &y, &m, &d, &extra) == 3 ||
       sscanf (t, "%d/%d/%d%c", &y, &m, &d, &extra) == 3 ||
       sscanf (t, "%d.%d.%d%c", &y, &m, &d, &extra) == 3 ||
       sscanf (t, "%d年%d月%d日%c", &y, &m, &d, &extra) == 3 ||
       sscanf (t, "%d-%d-%d %*d:%*d", &y, &m, &d) == 3 ||
       sscanf (t, "%d-%d-%dT%*d:%*d", &y, &m, &d) == 3) &&
      y > 1900 && g_date_valid_dmy (d, m, y))
    {
      g_date_set_dmy (date, d, m, y);
      return TRUE;
    }
  return FALSE;
}

typedef enum { READ_EMPTY, READ_OK, READ_BAD } ReadResult;

static ReadResult
read_number (Grid   *g,
             guint   row,
             guint   col,
             double *value)
{
  const PbXlsxCell *cell = grid_cell (g, row, col);
  g_autofree char *text = clean (grid_text (g, row, col));

  /* A cell formatted as a percentage holds 0.3 for the 30% it shows, as
   * Excel and WPS store a typed 30%: the form's figures are what it shows. */
  if (cell && cell->type == PB_XLSX_CELL_NUMBER)
    {
      *value = cell->is_percent ? cell->number * 100 : cell->number;
      return READ_OK;
    }
  if (*text == '\0')
    return READ_EMPTY;
  if (cell && cell->type != PB_XLSX_CELL_STRING)
    return READ_BAD;
  return parse_number_text (text, value) ? READ_OK : READ_BAD;
}

static ReadResult
read_date (Grid  *g,
           guint  row,
           guint  col,
           GDate *date)
{
  const PbXlsxCell *cell = grid_cell (g, row, col);
  g_autofree char *text = clean (grid_text (g, row, col));

  if (cell && cell->type == PB_XLSX_CELL_NUMBER)
    return pb_xlsx_serial_to_date (cell->number, g->date1904, date) ? READ_OK : READ_BAD;
  if (*text == '\0')
    return READ_EMPTY;
  return parse_date_text (text, date) ? READ_OK : READ_BAD;
}

/* ---- The review ---- */

void
pb_form_review_free (PbFormReview *review)
{
  if (review == NULL)
    return;
  g_free (review->path);
  g_free (review->file_name);
  g_ptr_array_unref (review->refusals);
  g_ptr_array_unref (review->warnings);
  g_ptr_array_unref (review->changes);
  g_free (review->organisation);
  g_free (review);
}

static void
refuse (PbFormReview *review,
        const char   *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
refuse (PbFormReview *review,
        const char   *format,
        ...)
{
  va_list ap;

  va_start (ap, format);
  g_ptr_array_add (review->refusals, g_strdup_vprintf (format, ap));
  va_end (ap);
  review->refused = TRUE;
}

gboolean
pb_form_is_supported_file (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx") || g_str_has_suffix (lower, ".csv");
}

/* The form's identity and rows, from the hidden sheet or the form code. */
typedef struct
{
  char      *library_id;
  gint64     plan_id;
  gint64     organisation_id;
  char      *period;
  gboolean   all_roles;
  char      *checksum;
  GPtrArray *rows;           /* PbFormRow, cells as written */
  GArray    *sheet_rows;     /* guint, 0-based, where each was written */
  GHashTable *statuses;      /* label or nick → status + 1 */
  gboolean   from_code;      /* a CSV: rows computed again */
  gboolean   code_matches;   /* …and the library still computes the same */
  GPtrArray *sent;           /* PbFormRow per row: its locked cells as sent,
                              * or NULL when a CSV's cannot be told */
  GPtrArray *library;        /* PbFormRow per row, as the library computes
                              * it now (NULL where it no longer does); borrowed */
  PbFormLayout *layout;      /* an XLSX's rows computed now, for @library */
} Identity;

static void
identity_clear (Identity *id)
{
  g_free (id->library_id);
  g_free (id->period);
  g_free (id->checksum);
  g_clear_pointer (&id->rows, g_ptr_array_unref);
  g_clear_pointer (&id->sheet_rows, g_array_unref);
  g_clear_pointer (&id->statuses, g_hash_table_unref);
  g_clear_pointer (&id->sent, g_ptr_array_unref);
  g_clear_pointer (&id->library, g_ptr_array_unref);
  g_clear_pointer (&id->layout, pb_form_layout_free);
}

static void
form_row_free (gpointer data)
{
  PbFormRow *row = data;

  for (guint i = 0; i < PB_FORM_N_LOCKED; i++)
    g_free (row->cells[i]);
  g_free (row);
}

static PbFormRow *
form_row_copy (const PbFormRow *src)
{
  PbFormRow *row = g_new (PbFormRow, 1);

  *row = *src;
  for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
    row->cells[c] = g_strdup (src->cells[c]);
  return row;
}

static gboolean
parse_int (const char *text,
           gint64     *value)
{
  g_autofree char *t = clean (text);
  char *end = NULL;
  double v = g_ascii_strtod (t, &end);

  if (end == t || *end != '\0' || v < 0 || v > (double) G_MAXINT64 || v != floor (v))
    return FALSE;
  *value = (gint64) v;
  return TRUE;
}

static gboolean
read_hidden (PbXlsxSheet  *hidden,
             Identity     *id,
             PbFormReview *review)
{
  Grid g = { hidden, FALSE, NULL };
  guint n = pb_xlsx_sheet_get_n_rows (hidden);
  gint64 n_rows = -1;
  guint r;

  if (!g_str_equal (grid_text (&g, 0, 0), "planboard-form"))
    {
      refuse (review, _("Its identification sheet is not one Planboard wrote."));
      return FALSE;
    }
  for (r = 1; r < n && n_rows < 0; r++)
    {
      const char *key = grid_text (&g, r, 0);

      if (g_str_equal (key, "library"))
        id->library_id = clean (grid_text (&g, r, 1));
      else if (g_str_equal (key, "plan"))
        parse_int (grid_text (&g, r, 1), &id->plan_id);
      else if (g_str_equal (key, "organisation"))
        parse_int (grid_text (&g, r, 1), &id->organisation_id);
      else if (g_str_equal (key, "period"))
        id->period = clean (grid_text (&g, r, 1));
      else if (g_str_equal (key, "role"))
        id->all_roles = g_str_equal (grid_text (&g, r, 1), "all");
      else if (g_str_equal (key, "checksum"))
        id->checksum = clean (grid_text (&g, r, 1));
      else if (g_str_equal (key, "statuses"))
        for (int s = 0; s <= PB_ITEM_STATUS_CANCELLED; s++)
          {
            const char *label = grid_text (&g, r, 2 + 2 * s);

            if (*label)
              g_hash_table_insert (id->statuses, clean (label), GINT_TO_POINTER (s + 1));
          }
      else if (g_str_equal (key, "rows"))
        parse_int (grid_text (&g, r, 1), &n_rows);
    }
  if (id->library_id == NULL || id->plan_id <= 0 || id->organisation_id <= 0 || id->period == NULL ||
      id->checksum == NULL || n_rows < 0 || r + n_rows > n + 1)
    {
      refuse (review, _("Its identification sheet is incomplete."));
      return FALSE;
    }
  for (gint64 i = 0; i < n_rows; i++, r++)
    {
      PbFormRow *row = g_new0 (PbFormRow, 1);
      gint64 sheet_row = 0;
      guint zero_based;

      g_ptr_array_add (id->rows, row);
      if (!parse_int (grid_text (&g, r, 0), &sheet_row) || sheet_row < 1 || sheet_row > 1048576 ||
          !parse_int (grid_text (&g, r, 1), &row->item_id) || !parse_int (grid_text (&g, r, 2), &row->indicator_id))
        {
          refuse (review, _("Its identification sheet is incomplete."));
          return FALSE;
        }
      for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
        row->cells[c] = g_strdup (grid_text (&g, r, 3 + c));
      {
        gint64 sent = -1;

        if (parse_int (grid_text (&g, r, 3 + PB_FORM_N_LOCKED), &sent) && sent >= 0 && sent <= PB_ITEM_STATUS_CANCELLED)
          row->sent_status = (int) sent + 1;
      }
      zero_based = (guint) sheet_row - 1;
      g_array_append_val (id->sheet_rows, zero_based);
      /* An item's first row asks for its status */
      row->item_rows = (i == 0 || ((PbFormRow *) g_ptr_array_index (id->rows, i - 1))->item_id != row->item_id);
    }
  {
    g_autofree char *sum = pb_form_checksum (id->library_id, id->plan_id, id->organisation_id, id->period, id->rows);

    if (!g_str_equal (sum, id->checksum))
      {
        refuse (review, _("Its identification sheet was altered, so its rows cannot be trusted."));
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
read_code (PbStore      *store,
           Grid         *g,
           Identity     *id,
           PbFormReview *review)
{
  g_auto(GStrv) parts = NULL;
  PbFormPeriod period;
  g_autoptr(PbFormLayout) layout = NULL;

  for (guint r = 0; r < MIN (grid_rows (g), (guint) HEADER_ROW + 1) && parts == NULL; r++)
    for (guint c = 0; c < 6 && parts == NULL; c++)
      {
        /* "Form code: PB1:…", the label in the form's language */
        const char *code = strstr (grid_text (g, r, c), "PB1:");

        if (code)
          {
            g_autofree char *token = g_strndup (code, strcspn (code, " \t\r\n"));
            parts = g_strsplit (token, ":", -1);
          }
      }
  if (parts == NULL || g_strv_length (parts) != 7 ||
      !parse_int (parts[2], &id->plan_id) || !parse_int (parts[3], &id->organisation_id) ||
      !pb_form_period_parse (parts[4], &period))
    {
      refuse (review, _("It is not a progress form from Planboard: it has no form code."));
      return FALSE;
    }
  id->library_id = g_strdup (parts[1]);
  id->period = g_strdup (period.label);
  id->all_roles = g_str_equal (parts[5], "all");
  id->checksum = g_strdup (parts[6]);
  id->from_code = TRUE;

  /* Checked by the caller; computing the rows needs the right library */
  {
    g_autofree char *mine = pb_store_dup_library_id (store);
    if (!g_str_equal (mine, id->library_id))
      return TRUE;
  }
  /* As on the day the form was sent: its "Last Reported" is what was on
   * file then, not what came back since. */
  layout = pb_form_layout_build (store, id->plan_id, id->organisation_id, &period, id->all_roles, NULL, NULL);
  if (layout == NULL)
    return TRUE;
  {
    g_autofree char *sum = pb_form_checksum (id->library_id, id->plan_id, id->organisation_id, id->period, layout->rows);
    id->code_matches = g_str_has_prefix (sum, id->checksum);
  }
  for (guint i = 0; i < layout->rows->len; i++)
    {
      PbFormRow *src = g_ptr_array_index (layout->rows, i);
      PbFormRow *row = g_new0 (PbFormRow, 1);
      guint sheet_row = HEADER_ROW + 1 + i;

      *row = *src;
      for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
        row->cells[c] = g_strdup (src->cells[c]);
      row->item_rows = src->item_rows > 0;
      g_ptr_array_add (id->rows, row);
      g_array_append_val (id->sheet_rows, sheet_row);
    }
  return TRUE;
}

/* The key a row is found by: number, item and indicator. */
static gboolean
row_has_key (Grid      *g,
             guint      r,
             PbFormRow *row,
             const char *number,
             const char *item)
{
  return same_text (number, row->cells[PB_FORM_COL_NUMBER]) &&
         same_text (item, row->cells[PB_FORM_COL_ITEM]) &&
         same_text (grid_text (g, r, PB_FORM_COL_INDICATOR), row->cells[PB_FORM_COL_INDICATOR]);
}

/* A CSV keeps a merged cell's text in its first row only. */
static void
row_key_texts (Grid        *g,
               guint        r,
               const char **number,
               const char **item)
{
  *number = grid_text (g, r, PB_FORM_COL_NUMBER);
  *item = grid_text (g, r, PB_FORM_COL_ITEM);
  if (g->csv)
    while (r > HEADER_ROW + 1 && **number == '\0' && **item == '\0')
      {
        r--;
        *number = grid_text (g, r, PB_FORM_COL_NUMBER);
        *item = grid_text (g, r, PB_FORM_COL_ITEM);
      }
}

static gboolean
match_rows (Grid         *g,
            Identity     *id,
            GArray       *found,
            PbFormReview *review)
{
  guint n = grid_rows (g);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < id->rows->len; i++)
    {
      PbFormRow *row = g_ptr_array_index (id->rows, i);
      guint expected = g_array_index (id->sheet_rows, guint, i);
      const char *number, *item;
      guint at = G_MAXUINT, hits = 0;

      row_key_texts (g, expected, &number, &item);
      if (expected < n && row_has_key (g, expected, row, number, item))
        at = expected;
      else
        for (guint r = HEADER_ROW + 1; r < n; r++)
          {
            row_key_texts (g, r, &number, &item);
            if (row_has_key (g, r, row, number, item))
              {
                hits++;
                at = r;
              }
          }
      if (at == G_MAXUINT || hits > 1 || g_hash_table_contains (taken, GUINT_TO_POINTER (at + 1)))
        {
          refuse (review,
                  /* Translators: %s is an item's number and title, then an indicator */
                  _("Its rows were moved or changed so that “%s %s %s” can no longer be matched; send the form again."),
                  row->cells[PB_FORM_COL_NUMBER], row->cells[PB_FORM_COL_ITEM], row->cells[PB_FORM_COL_INDICATOR]);
          return FALSE;
        }
      g_hash_table_add (taken, GUINT_TO_POINTER (at + 1));
      g_array_append_val (found, at);
    }
  return TRUE;
}

/* ---- Locked cells ---- */

/* A locked cell's text as the form shows it: No. and Item from a merged
 * cell's first row in a CSV. */
static const char *
form_cell (Grid  *g,
           guint  r,
           guint  c)
{
  const char *number, *item;

  row_key_texts (g, r, &number, &item);
  return c == PB_FORM_COL_NUMBER ? number : c == PB_FORM_COL_ITEM ? item : grid_text (g, r, c);
}

/* What a locked figure says, whoever wrote it: a comparator, a number and
 * the year or date in brackets, as "≥|12000|Y2027". Planboard writes
 * "12,000 (2027)", in Chinese "1.2万（2027年）" and "8,900（2026年9月30日）";
 * a spreadsheet program may write "12000 (2027)" back. NULL for a text
 * that is not a figure (a unit), compared as text. */
static char *
locked_meaning (const char *text)
{
  static const char * const comparators[][2] = {
    { "≥", "≥" }, { ">=", "≥" }, { "＞＝", "≥" }, { "≤", "≤" }, { "<=", "≤" }, { "＜＝", "≤" },
    { "~", "~" }, { "～", "~" }, { "〜", "~" },
  };
  g_autoptr(GString) t = g_string_new (text ? text : "");
  g_autofree char *paren_key = NULL;
  const char *cmp = "";
  char *head, *open;
  double value;

  g_string_replace (t, "（", "(", 0);
  g_string_replace (t, "）", ")", 0);
  head = g_strstrip (t->str);
  if (g_str_has_suffix (head, ")") && (open = strrchr (head, '(')) != NULL)
    {
      char *inner = open + 1;
      char *end = NULL;
      gint64 year;
      GDate date;

      head[strlen (head) - 1] = '\0';
      *open = '\0';
      g_strstrip (inner);
      year = g_ascii_strtoll (inner, &end, 10);
      if (end != inner && g_ascii_isdigit (*inner) && (*end == '\0' || g_str_equal (end, "年")) &&
          year > 1900 && year < 10000)
        paren_key = g_strdup_printf ("Y%" G_GINT64_FORMAT, year);
      else if (parse_date_text (inner, &date))
        paren_key = g_strdup_printf ("D%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date));
      else
        paren_key = g_strconcat ("T", inner, NULL);
      g_strstrip (head);
    }
  for (guint i = 0; i < G_N_ELEMENTS (comparators); i++)
    if (g_str_has_prefix (head, comparators[i][0]))
      {
        cmp = comparators[i][1];
        head += strlen (comparators[i][0]);
        break;
      }
  if (!parse_number_text (head, &value))
    return NULL;
  return g_strdup_printf ("%s|%.10g|%s", cmp, round (value * 100) / 100, paren_key ? paren_key : "");
}

/* Whether two texts of a locked cell say the same */
static gboolean
locked_same (const char *a,
             const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (same_text (a, b))
    return TRUE;
  x = locked_meaning (a);
  y = locked_meaning (b);
  return x && y && g_str_equal (x, y);
}

/* Whether @text ("8,900 (2026-09-30)") names a value on file for the
 * indicator: a Last Reported the form may have been sent with. */
static gboolean
names_actual_on_file (PbStore    *store,
                      gint64      indicator_id,
                      const char *text)
{
  g_autofree char *meaning = locked_meaning (text);
  g_autoptr(GListModel) actuals = NULL;

  if (meaning == NULL || indicator_id <= 0)
    return FALSE;
  actuals = pb_store_list_actuals (store, indicator_id);
  for (guint i = 0; i < g_list_model_get_n_items (actuals); i++)
    {
      g_autoptr(PbActual) a = g_list_model_get_item (actuals, i);
      g_autofree char *key = g_strdup_printf ("|%.10g|D%s", round (pb_record_get_double (PB_RECORD (a), "value") * 100) / 100,
                                              pb_record_get_string (PB_RECORD (a), "date"));

      if (g_str_equal (key, meaning))
        return TRUE;
    }
  return FALSE;
}

#define MAX_GUESSED_CELLS 10

/* A CSV's rows are computed again from the library, which may have moved
 * on since the form was sent: a value recorded since, dated before the
 * day it was sent, changes its Last Reported; a target may have been
 * edited. The form code's checksum is of the cells as sent, so of the
 * cells where the form and the library now differ, the one choice of
 * form or library text whose checksum is the code's tells which ones the
 * reporter edited (the library's text was sent) and which the library
 * changed since (the form's text was sent). NULL when no choice gives
 * it (a cell both edited and changed since, or rewritten by the program
 * that saved the CSV). */
static GPtrArray *
csv_cells_as_sent (Grid     *g,
                   Identity *id,
                   GArray   *found)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (form_row_free);
  guint diff_row[MAX_GUESSED_CELLS], diff_col[MAX_GUESSED_CELLS];
  guint n = 0;

  if (strlen (id->checksum) < 16)
    return NULL;
  for (guint i = 0; i < id->rows->len; i++)
    {
      PbFormRow *row = g_ptr_array_index (id->rows, i);

      g_ptr_array_add (rows, form_row_copy (row));
      for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
        if (!g_str_equal (form_cell (g, g_array_index (found, guint, i), c), row->cells[c]))
          {
            if (n == MAX_GUESSED_CELLS)
              return NULL;
            diff_row[n] = i;
            diff_col[n++] = c;
          }
    }
  /* Every form text first: the form as sent, the library changed since */
  for (guint mask = (1u << n) - 1; ; mask--)
    {
      g_autofree char *sum = NULL;

      for (guint j = 0; j < n; j++)
        {
          PbFormRow *row = g_ptr_array_index (rows, diff_row[j]);
          const char *text = (mask & (1u << j))
            ? form_cell (g, g_array_index (found, guint, diff_row[j]), diff_col[j])
            : ((PbFormRow *) g_ptr_array_index (id->rows, diff_row[j]))->cells[diff_col[j]];

          g_free (row->cells[diff_col[j]]);
          row->cells[diff_col[j]] = g_strdup (text);
        }
      sum = pb_form_checksum (id->library_id, id->plan_id, id->organisation_id, id->period, rows);
      if (g_str_has_prefix (sum, id->checksum))
        return g_steal_pointer (&rows);
      if (mask == 0)
        return NULL;
    }
}

/* The cells each row was sent with, and what the library holds now. */
static void
locked_cells_resolve (PbStore            *store,
                      Grid               *g,
                      Identity           *id,
                      GArray             *found,
                      const PbFormPeriod *period)
{
  id->library = g_ptr_array_new ();
  if (id->from_code)
    {
      /* A CSV: its rows are the library's, computed again */
      for (guint i = 0; i < id->rows->len; i++)
        g_ptr_array_add (id->library, g_ptr_array_index (id->rows, i));
      if (!id->code_matches)
        {
          id->sent = csv_cells_as_sent (g, id, found);
          return;
        }
    }
  else
    {
      /* An XLSX: sent as its hidden sheet says; the library's rows now */
      id->layout = pb_form_layout_build (store, id->plan_id, id->organisation_id, period, id->all_roles, NULL, NULL);
      for (guint i = 0; i < id->rows->len; i++)
        {
          PbFormRow *row = g_ptr_array_index (id->rows, i);
          PbFormRow *now = NULL;

          for (guint j = 0; id->layout && j < id->layout->rows->len && now == NULL; j++)
            {
              PbFormRow *candidate = g_ptr_array_index (id->layout->rows, j);

              if (candidate->item_id == row->item_id && candidate->indicator_id == row->indicator_id)
                now = candidate;
            }
          g_ptr_array_add (id->library, now);
        }
    }
  id->sent = g_ptr_array_new_with_free_func (form_row_free);
  for (guint i = 0; i < id->rows->len; i++)
    g_ptr_array_add (id->sent, form_row_copy (g_ptr_array_index (id->rows, i)));
}

/* Whether the form's @now of locked cell @c of row @i is what it was
 * sent with. When a CSV's cells as sent cannot be told, the library's
 * text now stands for them: the same figure however written, or for Last
 * Reported a value on file (the one sent, before a later one came in) or
 * nothing (there may have been none). */
static gboolean
locked_as_sent (PbStore    *store,
                Identity   *id,
                guint       i,
                guint       c,
                const char *now)
{
  PbFormRow *row = g_ptr_array_index (id->rows, i);
  g_autofree char *t = NULL;

  if (id->sent)
    return locked_same (now, ((PbFormRow *) g_ptr_array_index (id->sent, i))->cells[c]);
  if (locked_same (now, row->cells[c]))
    return TRUE;
  t = clean (now);
  return c == PB_FORM_COL_LAST && (*t == '\0' || names_actual_on_file (store, row->indicator_id, t));
}

static gboolean
status_from_text (Identity     *id,
                  const char   *text,
                  PbItemStatus *status)
{
  static const char * const names[][4] = {
    { "not-started", "Not started", "未开始", "未開始" },
    { "in-progress", "In progress", "进行中", "進行中" },
    { "done", "Done", "已完成", "已完成" },
    { "blocked", "Blocked", "受阻", "受阻" },
    { "cancelled", "Cancelled", "已取消", "已取消" },
  };
  g_autofree char *t = clean (text);
  gpointer found = g_hash_table_lookup (id->statuses, t);

  if (found)
    {
      *status = GPOINTER_TO_INT (found) - 1;
      return TRUE;
    }
  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    for (guint k = 0; k < G_N_ELEMENTS (names[s]); k++)
      if (g_ascii_strcasecmp (t, names[s][k]) == 0 || g_str_equal (t, g_dgettext (GETTEXT_PACKAGE, names[s][1])))
        {
          *status = s;
          return TRUE;
        }
  return FALSE;
}

static const char *
status_name (PbItemStatus status)
{
  static const char * const names[] = { N_("Not started"), N_("In progress"), N_("Done"), N_("Blocked"), N_("Cancelled") };

  return status < G_N_ELEMENTS (names) ? _(names[status]) : "";
}

static char *
subject_of (PbFormRow *row)
{
  if (row->indicator_id)
    return g_strdup_printf ("%s %s · %s", row->cells[PB_FORM_COL_NUMBER], row->cells[PB_FORM_COL_ITEM],
                            row->cells[PB_FORM_COL_INDICATOR]);
  return g_strdup_printf ("%s %s", row->cells[PB_FORM_COL_NUMBER], row->cells[PB_FORM_COL_ITEM]);
}

static char *
value_text (double      value,
            const char *unit,
            const char *date)
{
  g_autofree char *v = pb_format_number (value, unit);
  GDate d;

  if (date && pb_date_parse (date, &d))
    {
      g_autofree char *ds = pb_format_date (&d);
      return g_strdup_printf (_("%s (%s)"), v, ds);
    }
  return g_steal_pointer (&v);
}

/* A progress in percent as the reader typed it, to its own decimals. */
static char *
format_progress (double percent)
{
  g_autofree char *n = pb_format_number_to (percent, NULL, MIN (pb_format_decimals_of (round (percent * 1e6) / 1e6), 6));

  return g_strconcat (n, "%", NULL);
}

static PbFormChange *
change_new (PbFormChangeKind kind,
            PbFormRow       *row,
            guint            r,
            guint            c)
{
  PbFormChange *change = g_new0 (PbFormChange, 1);

  change->kind = kind;
  change->cell = pb_xlsx_cell_name (r, c);
  change->item_id = row->item_id;
  change->indicator_id = row->indicator_id;
  if (kind == PB_FORM_CHANGE_ACTUAL)
    change->subject = subject_of (row);
  else
    change->subject = g_strdup_printf ("%s %s", row->cells[PB_FORM_COL_NUMBER], row->cells[PB_FORM_COL_ITEM]);
  change->accept = TRUE;
  return change;
}

/* A value dated in a closed month or quarter changes figures already kept
 * and reported: held back with why, as Record Actual… asks first. */
static void
hold_back_closed (PbStore      *store,
                  PbFormChange *change)
{
  g_autoptr(PbPeriod) closed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *why = NULL;

  if (change->refusal)
    return;
  closed = pb_store_find_closed_period (store, change->indicator_id, change->date, &error);
  /* Whether its period is closed is not known: not recorded, and why. */
  if (error != NULL)
    {
      change->refusal = g_strdup (error->message);
      change->accept = FALSE;
      return;
    }
  if (closed == NULL)
    return;
  name = pb_format_period_label (pb_record_get_string (PB_RECORD (closed), "label"));
  /* Translators: why a value of a returned form is held back; %s is a
   * closed period, "October 2026" or "2026 Q3" */
  why = g_strdup_printf (_("%s is closed: it keeps the figures it was closed with and would be marked as changed since."), name);
  change->closed_period = TRUE;
  change->closed_only = change->warning == NULL && change->conflict_id == 0;
  if (change->warning)
    {
      char *both = g_strdup_printf ("%s %s", change->warning, why);

      g_free (change->warning);
      change->warning = both;
    }
  else
    change->warning = g_steal_pointer (&why);
  change->accept = FALSE;
}

static void
review_actual (PbStore      *store,
               PbFormReview *review,
               PbFormRow    *row,
               guint         r,
               double        value,
               const GDate  *as_of,
               gboolean      undated,
               const char   *date_cell)
{
  g_autoptr(PbIndicator) k = pb_store_get_record (store, PB_TYPE_INDICATOR, row->indicator_id);
  g_autoptr(GListModel) actuals = pb_store_list_actuals (store, row->indicator_id);
  const char *unit = k ? pb_indicator_get_measure_unit (k) : NULL;
  char date[11];
  g_autofree char *latest_date = NULL;
  double latest = NAN;
  PbFormChange *change;
  g_autoptr(GError) why = NULL;
  g_autofree char *refusal = NULL;

  pb_date_format (as_of, date);
  /* The one rule for an actual's date, as Record Actual… applies it */
  if (!pb_store_check_actual_date (store, row->indicator_id, date, &review->today, &why))
    /* Translators: a value of a returned form that cannot be recorded: the
     * cell of its date (H8), then why, as "2026-11-30 is after today." */
    refusal = g_strdup_printf (_("%s: %s"), date_cell, why->message);
  for (guint i = 0; i < g_list_model_get_n_items (actuals); i++)
    {
      g_autoptr(PbActual) a = g_list_model_get_item (actuals, i);
      const char *when = pb_record_get_string (PB_RECORD (a), "date");
      double v = pb_record_get_double (PB_RECORD (a), "value");

      /* A value with no date, dated today while the period runs: the same
       * value recorded from a form of this period is it, whatever its day
       * (the form imported again finds nothing new). */
      if (undated && fabs (v - value) <= 1e-9 * MAX (1.0, fabs (v)) &&
          g_strcmp0 (pb_record_get_string (PB_RECORD (a), "period"), review->period.label) == 0)
        return;
      if (g_strcmp0 (when, date) == 0)
        {
          if (fabs (v - value) <= 1e-9 * MAX (1.0, fabs (v)))
            return;   /* already recorded */
          change = change_new (PB_FORM_CHANGE_ACTUAL, row, r, PB_FORM_COL_VALUE);
          change->conflict_id = pb_record_get_id (PB_RECORD (a));
          change->accept = FALSE;
          change->refusal = g_steal_pointer (&refusal);
          change->before = value_text (v, unit, when);
          change->after = value_text (value, unit, date);
          change->value = value;
          memcpy (change->date, date, sizeof change->date);
          hold_back_closed (store, change);
          g_ptr_array_add (review->changes, change);
          return;
        }
      if (g_strcmp0 (when, date) < 0 && (latest_date == NULL || strcmp (when, latest_date) >= 0))
        {
          /* A copy: the record may go with this iteration */
          g_free (latest_date);
          latest_date = g_strdup (when);
          latest = v;
        }
    }
  change = change_new (PB_FORM_CHANGE_ACTUAL, row, r, PB_FORM_COL_VALUE);
  change->before = latest_date ? value_text (latest, unit, latest_date) : NULL;
  change->after = value_text (value, unit, date);
  change->value = value;
  /* A running total that falls: held back and said why, as the editor
   * asks before it records one (the same rule). */
  if (refusal)
    {
      change->refusal = g_steal_pointer (&refusal);
      change->accept = FALSE;
    }
  else
    change->warning = pb_store_check_falling_actual (store, row->indicator_id, date, value, 0);
  if (change->warning)
    change->accept = FALSE;
  memcpy (change->date, date, sizeof change->date);
  hold_back_closed (store, change);
  g_ptr_array_add (review->changes, change);
}

static void
hold_back (PbFormChange *change,
           const char   *reason)
{
  if (reason == NULL)
    return;
  g_free (change->warning);
  change->warning = g_strdup (reason);
  change->accept = FALSE;
}

static gboolean
note_exists (PbStore    *store,
             gint64      item_id,
             gint64      organisation_id,
             const char *text)
{
  g_autoptr(GListModel) notes = pb_store_list_notes (store, item_id);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(PbNote) n = g_list_model_get_item (notes, i);

      if (pb_record_get_int (PB_RECORD (n), "organisation_id") == organisation_id &&
          g_strcmp0 (pb_record_get_string (PB_RECORD (n), "text"), text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The day of what the form says without a date: the period's end, or
 * today while the period runs (a form of this month returned before its
 * end reports today's figure, never one dated after today). */
static void
undated_day (PbFormReview *review,
             GDate        *day)
{
  *day = review->period.end;
  if (g_date_compare (&review->today, &review->period.end) < 0 &&
      g_date_compare (&review->today, &review->period.start) >= 0)
    *day = review->today;
}

static void
review_row (PbStore      *store,
            PbFormReview *review,
            Identity     *id,
            Grid         *g,
            guint         i,
            guint         r)
{
  PbFormRow *row = g_ptr_array_index (id->rows, i);
  g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, row->item_id);
  guint before = review->changes->len, refusals = review->refusals->len;
  PbItemStatus new_status;
  gboolean status_changed = FALSE;

  if (item == NULL || pb_item_get_plan_id (item) != review->plan_id)
    {
      refuse (review, _("Item “%s” is no longer in the plan."), row->cells[PB_FORM_COL_ITEM]);
      return;
    }
  new_status = pb_item_get_status (item);

  /* Locked cells that were edited anyway: warned, ignored. Said with
   * the row, what the form says and what the library holds; a figure
   * written otherwise (12000 for 12,000, 1.2万 in Chinese) is the same. */
  for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
    {
      const char *now = form_cell (g, r, c);
      PbFormRow *library = g_ptr_array_index (id->library, i);
      const char *held = library ? library->cells[c] : row->cells[c];
      g_autofree char *cell = NULL;
      g_autofree char *subject = NULL;
      g_autofree char *says = NULL;
      g_autofree char *holds = NULL;

      if (locked_as_sent (store, id, i, c, now) || locked_same (now, held))
        continue;
      cell = pb_xlsx_cell_name (r, c);
      subject = subject_of (row);
      says = clean (now);
      holds = clean (held);
      g_ptr_array_add (review->warnings,
                       /* Translators: a locked cell of a returned form that was
                        * edited: the cell (E8), its row (the item's number and
                        * title · the indicator), the column title, what the
                        * form says, what the library holds */
                       g_strdup_printf (_("%s %s: the locked cell “%s” says “%s” where the library holds “%s”; the form’s text is ignored."),
                                        cell, subject, pb_form_column_title (c), *says ? says : "—", *holds ? holds : "—"));
    }

  if (row->indicator_id)
    {
      double value;
      GDate as_of;
      ReadResult rv = read_number (g, r, PB_FORM_COL_VALUE, &value);
      ReadResult rd = read_date (g, r, PB_FORM_COL_AS_OF, &as_of);
      g_autofree char *vcell = pb_xlsx_cell_name (r, PB_FORM_COL_VALUE);
      g_autofree char *dcell = pb_xlsx_cell_name (r, PB_FORM_COL_AS_OF);

      if (rv == READ_BAD)
        refuse (review, _("%s: “%s” is not a number."), vcell, grid_text (g, r, PB_FORM_COL_VALUE));
      if (rd == READ_BAD)
        refuse (review, _("%s: “%s” is not a date."), dcell, grid_text (g, r, PB_FORM_COL_AS_OF));
      else if (rd == READ_OK && (g_date_compare (&as_of, &review->period.start) < 0 ||
                                 g_date_compare (&as_of, &review->period.end) > 0))
        {
          g_autofree char *shown = pb_format_date (&as_of);
          refuse (review, _("%s: %s is outside the period %s."), dcell, shown, review->period.label);
        }
      if (rd != READ_OK)
        undated_day (review, &as_of);
      if (rv == READ_OK && review->refusals->len == refusals)
        review_actual (store, review, row, r, value, &as_of, rd != READ_OK, dcell);
    }

  if (row->item_rows > 0)
    {
      g_autofree char *scell = pb_xlsx_cell_name (r, PB_FORM_COL_STATUS);
      g_autofree char *pcell = pb_xlsx_cell_name (r, PB_FORM_COL_PROGRESS);
      g_autofree char *status_text = clean (grid_text (g, r, PB_FORM_COL_STATUS));
      g_autofree char *note = clean (grid_text (g, r, PB_FORM_COL_NOTE));
      double percent;
      ReadResult rp = read_number (g, r, PB_FORM_COL_PROGRESS, &percent);

      /* The form recorded already, or a later one: what it says of the
       * item is held back, for the planner to tick. */
      g_autofree char *held = pb_store_dup_form_held_back (store, review->plan_id, review->organisation_id,
                                                           &review->period);
      /* The day its status and progress are as of: the row's "as of"
       * when it holds one within the period and not after today, else
       * the day of what the form says undated. */
      GDate as_of;
      char as_of_text[11];

      if (read_date (g, r, PB_FORM_COL_AS_OF, &as_of) != READ_OK ||
          g_date_compare (&as_of, &review->period.start) < 0 ||
          g_date_compare (&as_of, &review->period.end) > 0 ||
          g_date_compare (&as_of, &review->today) > 0)
        undated_day (review, &as_of);
      pb_date_format (&as_of, as_of_text);

      if (*status_text)
        {
          PbItemStatus status;

          if (!status_from_text (id, status_text, &status))
            refuse (review, _("%s: “%s” is not a status; pick one from the list."), scell, status_text);
          else if (status != pb_item_get_status (item) &&
                   /* left as it was sent: nothing to report */
                   !(row->sent_status > 0 && (int) status == row->sent_status - 1))
            {
              PbFormChange *change = change_new (PB_FORM_CHANGE_STATUS, row, r, PB_FORM_COL_STATUS);

              change->status = status;
              memcpy (change->date, as_of_text, sizeof change->date);
              change->before = g_strdup (status_name (pb_item_get_status (item)));
              change->after = g_strdup (status_name (status));
              hold_back (change, held);
              g_ptr_array_add (review->changes, change);
              new_status = status;
              status_changed = TRUE;
            }
        }
      if (rp == READ_BAD)
        refuse (review, _("%s: “%s” is not a number."), pcell, grid_text (g, r, PB_FORM_COL_PROGRESS));
      else if (rp == READ_OK && (percent < 0 || percent > 100))
        {
          g_autofree char *typed = pb_format_number (percent, NULL);

          refuse (review, _("%s: progress is a percentage from 0 to 100, not %s."), pcell, typed);
        }
      else if (rp == READ_OK && fabs (percent / 100 - pb_item_get_progress (item)) >= 0.005)
        {
          PbFormChange *change = change_new (PB_FORM_CHANGE_PROGRESS, row, r, PB_FORM_COL_PROGRESS);

          change->progress = percent / 100;
          memcpy (change->date, as_of_text, sizeof change->date);
          /* As typed: 62.5% stays 62.5%, never "62%". */
          change->before = format_progress (pb_item_get_progress (item) * 100);
          change->after = format_progress (percent);
          hold_back (change, held);
          g_ptr_array_add (review->changes, change);
        }
      if (*note && !note_exists (store, row->item_id, review->organisation_id, note))
        {
          GDate day;
          PbFormChange *change = change_new (PB_FORM_CHANGE_NOTE, row, r, PB_FORM_COL_NOTE);

          change->text = g_strdup (note);
          change->after = g_strdup (note);
          change->status = new_status;
          undated_day (review, &day);
          pb_date_format (&day, change->date);
          g_ptr_array_add (review->changes, change);
        }
    }
  (void) status_changed;

  if (review->changes->len == before && review->refusals->len == refusals)
    review->n_unchanged++;
}

/**
 * pb_form_review_read:
 * @store: the library
 * @plan_id: the plan the forms should belong to, or 0 for any plan
 * @path: a returned form, .xlsx or .csv
 * @today: (nullable): the day it is read on, or %NULL for the clock's: a
 *   value dated after it is refused (listed, never recorded)
 *
 * Reads and reviews a returned form. Nothing is written.
 *
 * Returns: (transfer full): the review; when the form cannot be recorded,
 *   @refused is set and @refusals say why
 */
PbFormReview *
pb_form_review_read (PbStore     *store,
                     gint64       plan_id,
                     const char  *path,
                     const GDate *today)
{
  PbFormReview *review = g_new0 (PbFormReview, 1);
  g_autoptr(PbXlsxBook) book = NULL;
  g_autoptr(GPtrArray) csv = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *library_id = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(PbOrganisation) org = NULL;
  Identity id = { 0 };
  Grid g = { 0 };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (today)
    review->today = *today;
  else
    pb_date_today (&review->today);
  review->path = g_strdup (path);
  review->file_name = g_filename_display_basename (path);
  review->refusals = g_ptr_array_new_with_free_func (g_free);
  review->warnings = g_ptr_array_new_with_free_func (g_free);
  review->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_form_change_free);
  id.rows = g_ptr_array_new_with_free_func (form_row_free);
  id.sheet_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  id.statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_str_has_suffix (lower, ".csv"))
    {
      g_autofree char *why = NULL;

      csv = read_csv (path, &why);
      if (csv == NULL)
        {
          refuse (review, _("It cannot be read: %s."), why);
          goto out;
        }
      g.csv = csv;
      if (!read_code (store, &g, &id, review))
        goto out;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      PbXlsxSheet *hidden;

      book = pb_xlsx_book_open (path, &error);
      if (book == NULL)
        {
          refuse (review, "%s", error->message);
          goto out;
        }
      for (guint i = 0; i < pb_xlsx_book_get_n_sheets (book) && g.sheet == NULL; i++)
        if (!pb_xlsx_sheet_get_hidden (pb_xlsx_book_get_sheet (book, i)))
          g.sheet = pb_xlsx_book_get_sheet (book, i);
      g.date1904 = pb_xlsx_book_get_date1904 (book);
      hidden = pb_xlsx_book_find_sheet (book, HIDDEN_SHEET);
      if (hidden == NULL || g.sheet == NULL)
        {
          refuse (review, _("Its hidden identification sheet is missing, so it cannot be matched to the form that was sent."));
          goto out;
        }
      if (!read_hidden (hidden, &id, review))
        goto out;
    }

  library_id = pb_store_dup_library_id (store);
  if (!g_str_equal (library_id, id.library_id))
    {
      refuse (review, _("It was sent from another library."));
      goto out;
    }
  plan = pb_store_get_record (store, PB_TYPE_PLAN, id.plan_id);
  if (plan == NULL || (plan_id > 0 && id.plan_id != plan_id))
    {
      refuse (review, plan ? _("It belongs to another plan, “%s”.") : _("It belongs to a plan that is no longer in the library."),
              plan ? pb_plan_get_title (plan) : "");
      goto out;
    }
  org = pb_store_get_record (store, PB_TYPE_ORGANISATION, id.organisation_id);
  if (org == NULL || pb_record_get_int (PB_RECORD (org), "plan_id") != id.plan_id)
    {
      refuse (review, _("The organisation it was sent to is no longer in the plan."));
      goto out;
    }
  if (!pb_form_period_parse (id.period, &review->period))
    {
      refuse (review, _("Its identification sheet is incomplete."));
      goto out;
    }
  review->plan_id = id.plan_id;
  review->organisation_id = id.organisation_id;
  review->organisation = g_strdup (pb_organisation_get_name (org));
  review->n_rows = id.rows->len;
  if (id.rows->len == 0)
    goto out;

  if (!match_rows (&g, &id, found, review))
    goto out;
  locked_cells_resolve (store, &g, &id, found, &review->period);
  for (guint i = 0; i < id.rows->len; i++)
    review_row (store, review, &id, &g, i, g_array_index (found, guint, i));

out:
  identity_clear (&id);
  return review;
}

/**
 * pb_form_review_count:
 * @conflicts: count conflicts (else new values) among actuals
 *
 * Returns: how many changes of @kind the review holds
 */
guint
pb_form_review_count (PbFormReview     *review,
                      PbFormChangeKind  kind,
                      gboolean          conflicts)
{
  guint n = 0;

  for (guint i = 0; i < review->changes->len; i++)
    {
      PbFormChange *c = g_ptr_array_index (review->changes, i);

      if (c->kind == kind && (kind != PB_FORM_CHANGE_ACTUAL || (c->conflict_id != 0) == conflicts))
        n++;
    }
  return n;
}

/**
 * pb_form_review_format:
 *
 * Returns: (transfer full): the review as text, one change per line,
 *   as `planboard-cli forms import --dry-run` prints it
 */
char *
pb_form_review_format (PbFormReview *review)
{
  GString *out = g_string_new (NULL);

  if (review->organisation)
    /* Translators: a returned form: organisation, period, file name */
    g_string_append_printf (out, _("%s — %s (%s)\n"), review->organisation, review->period.label, review->file_name);
  else
    g_string_append_printf (out, "%s\n", review->file_name);

  if (review->refused)
    {
      for (guint i = 0; i < review->refusals->len; i++)
        g_string_append_printf (out, "  %s %s\n", _("Refused:"), (char *) g_ptr_array_index (review->refusals, i));
      g_string_append_printf (out, "  %s\n", _("Nothing of this form will be recorded."));
    }
  for (guint i = 0; i < review->warnings->len; i++)
    g_string_append_printf (out, "  %s %s\n", _("Warning:"), (char *) g_ptr_array_index (review->warnings, i));
  if (!review->refused)
    {
      for (guint i = 0; i < review->changes->len; i++)
        {
          PbFormChange *c = g_ptr_array_index (review->changes, i);
          const char *kind;

          switch (c->kind)
            {
            case PB_FORM_CHANGE_ACTUAL: kind = c->conflict_id ? _("Conflict:") : _("New value:"); break;
            case PB_FORM_CHANGE_STATUS: kind = _("Status:"); break;
            case PB_FORM_CHANGE_PROGRESS: kind = _("Progress:"); break;
            case PB_FORM_CHANGE_NOTE: kind = _("Note:"); break;
            default: kind = ""; break;
            }
          g_string_append (out, "  ");
          /* Translators: a line of the review: the kind of change ("New value:"),
           * the cell, the item and indicator, before and after */
          g_string_append_printf (out, _("%s %s %s: %s → %s"), kind, c->cell, c->subject,
                                  c->before ? c->before : "—", c->after ? c->after : "—");
          if (c->refusal)
            {
              /* Translators: a value of a returned form that cannot be
               * recorded; %s says why, as "H8: 2026-11-30 is after today." */
              g_autofree char *refused = g_strdup_printf (_("(not recorded: %s)"), c->refusal);
              g_string_append_printf (out, " %s", refused);
            }
          else if (c->conflict_id)
            {
              g_string_append_printf (out, " %s", c->accept ? _("(the form’s value will replace the recorded one)")
                                                            : _("(the recorded value is kept)"));
              if (c->closed_period)
                g_string_append_printf (out, " %s", c->warning);
            }
          else if (c->warning && !c->accept)
            {
              /* Translators: a falling running total held back; %s says why */
              g_autofree char *held = g_strdup_printf (_("(not recorded unless ticked: %s)"), c->warning);
              g_string_append_printf (out, " %s", held);
            }
          g_string_append_c (out, '\n');
        }
      if (review->changes->len == 0)
        g_string_append_printf (out, "  %s\n", _("Nothing new."));
      if (review->n_unchanged > 0)
        {
          g_string_append (out, "  ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u row with nothing new was skipped.",
                                                    "%u rows with nothing new were skipped.", review->n_unchanged),
                                  review->n_unchanged);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * pb_form_review_apply:
 *
 * Records the accepted changes of a review as one undoable command.
 *
 * Returns: whether it was recorded (a refused form never is)
 */
gboolean
pb_form_review_apply (PbStore       *store,
                      PbFormReview  *review,
                      const GDate   *today,
                      GError       **error)
{
  if (review->refused)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, "%s: %s", review->file_name,
                   review->refusals->len ? (char *) g_ptr_array_index (review->refusals, 0) : "");
      return FALSE;
    }
  return pb_store_apply_form (store, review->plan_id, review->organisation_id, review->period.label,
                              review->changes, today, error);
}
