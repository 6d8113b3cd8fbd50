/* pb-ledger.c — the ledger (台账) as XLSX or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three tables: tasks (number, section, title, kind, lead, responsible,
 * dates, status, health, progress), indicators (targets by year, latest
 * actual, completion, health) and actuals (every reported value). XLSX
 * holds them as sheets with styled, frozen header rows and set column
 * widths; numbers are written with the C locale whatever the user's, so a
 * German desktop does not write 0,85. CSV is UTF-8 with a BOM (spreadsheet
 * programs then read Chinese right), RFC 4180 quoting, one file per table:
 * OUT.csv, OUT-indicators.csv and OUT-actuals.csv. Every file is written
 * beside its destination and renamed into place.
 */
#define G_LOG_DOMAIN "pb-ledger"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_XLSX
#include "pb-xlsxwriter.h"
#endif

#include "pb-format.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-indicator-links.h"
#include "pb-ledger.h"

/* A cell: text, or a number (text NULL), or empty (both unset). */
typedef struct
{
  char    *text;
  double   number;
  gboolean is_number;
} Cell;

typedef struct
{
  const char *name;     /* sheet name */
  GPtrArray  *headers;  /* char * */
  GArray     *widths;   /* double, characters */
  GPtrArray  *rows;     /* GArray of Cell */
} Sheet;

static void
cell_clear (gpointer data)
{
  g_free (((Cell *) data)->text);
}

static GArray *
new_row (void)
{
  GArray *row = g_array_new (FALSE, TRUE, sizeof (Cell));

  g_array_set_clear_func (row, cell_clear);
  return row;
}

static void
add_text (GArray     *row,
          const char *text)
{
  Cell c = { g_strdup (text ? text : ""), 0, FALSE };
  g_array_append_val (row, c);
}

static void
add_number (GArray *row,
            double  value)
{
  Cell c = { NULL, value, !isnan (value) };
  g_array_append_val (row, c);
}

static Sheet *
sheet_new (const char *name)
{
  Sheet *s = g_new0 (Sheet, 1);

  s->name = name;
  s->headers = g_ptr_array_new_with_free_func (g_free);
  s->widths = g_array_new (FALSE, FALSE, sizeof (double));
  s->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return s;
}

static void
sheet_free (Sheet *s)
{
  g_ptr_array_unref (s->headers);
  g_array_unref (s->widths);
  g_ptr_array_unref (s->rows);
  g_free (s);
}

static void
header (Sheet      *s,
        const char *title,
        double      width)
{
  g_ptr_array_add (s->headers, g_strdup (title));
  g_array_append_val (s->widths, width);
}

/* In the ledger an item without health has an empty cell. */
/* A target as the plan states it, with a number as C writes it: ≥2600,
 * ≤1.3, ~100, 50. */
static char *
stated_target (PbTarget *t)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strconcat (pb_format_comparator (pb_record_get_enum (PB_RECORD (t), "comparator")),
                      g_ascii_formatd (buf, sizeof buf, "%.15g", pb_target_get_value (t)), NULL);
}

/* Whether @list ("a; b") has @part, so that a target a goal and its task
 * both state is written once. */
static gboolean
has_part (const char *list,
          const char *part)
{
  g_auto(GStrv) parts = g_strsplit (list, "; ", -1);

  return g_strv_contains ((const char * const *) parts, part);
}

static const char *
ledger_health (PbHealth health)
{
  return health == PB_HEALTH_NONE ? "" : pb_health_get_name (health);
}

/* Reads the plan into three sheets. */
static GPtrArray *
collect (PbStore     *store,
         gint64       plan_id,
         const GDate *today,
         GError     **error)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GHashTable) section_titles = NULL;
  g_autoptr(GHashTable) leads = NULL;
  g_autoptr(GHashTable) responsible = NULL;
  g_autoptr(GHashTable) item_numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) serving = pb_store_dup_indicator_items (store, plan_id);
  GPtrArray *sheets;
  Sheet *tasks, *ind, *act;
  int first_year, last_year;

  if (plan == NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no plan with the id %s."), id);
      return NULL;
    }

  sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  tasks = sheet_new ("Tasks");
  ind = sheet_new ("Indicators");
  act = sheet_new ("Actuals");
  g_ptr_array_add (sheets, tasks);
  g_ptr_array_add (sheets, ind);
  g_ptr_array_add (sheets, act);

  section_titles = pb_store_dup_section_titles (store, plan_id);
  leads = pb_store_dup_org_names (store, plan_id, PB_ROLE_LEAD);
  responsible = pb_store_dup_org_names (store, plan_id, PB_ROLE_RESPONSIBLE);

  header (tasks, _("No."), 6);
  header (tasks, _("Section"), 24);
  header (tasks, _("Task"), 36);
  header (tasks, _("Kind"), 8);
  header (tasks, C_("organisation role", "Lead"), 20);
  header (tasks, C_("organisation role", "Responsible"), 30);
  header (tasks, C_("item date", "Start"), 11);
  header (tasks, C_("item date", "Due"), 11);
  header (tasks, C_("item", "Status"), 11);
  header (tasks, _("Health"), 14);
  header (tasks, _("Progress (%)"), 11);
  header (tasks, _("Why"), 40);

  items = pb_store_list_items (store, plan_id);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      gint64 id = pb_record_get_id (PB_RECORD (item));
      gint64 section = pb_item_get_section_id (item);
      const char *lead = g_hash_table_lookup (leads, &id);
      const char *resp = g_hash_table_lookup (responsible, &id);
      const char *reason = NULL;
      PbHealth health = pb_store_get_item_health (store, item, today, &reason);
      static const char * const kinds[] = { N_("Goal"), N_("Task"), N_("Measure") };
      GArray *row = new_row ();

      g_hash_table_insert (item_numbers, g_memdup2 (&id, sizeof id), g_strdup (pb_item_get_number (item)));
      add_text (row, pb_item_get_number (item));
      add_text (row, g_hash_table_lookup (section_titles, &section));
      add_text (row, pb_item_get_title (item));
      add_text (row, _(kinds[CLAMP (pb_item_get_kind (item), 0, 2)]));
      add_text (row, lead);
      add_text (row, resp);
      add_text (row, pb_record_get_string (PB_RECORD (item), "start_date"));
      add_text (row, pb_record_get_string (PB_RECORD (item), "due_date"));
      add_text (row, pb_status_get_name (pb_item_get_status (item)));
      add_text (row, ledger_health (health));
      add_number (row, round (pb_store_get_item_completion (store, item, today) * 1000) / 10);
      add_text (row, reason);
      g_ptr_array_add (tasks->rows, row);
    }

  /* Indicators: the plan's years as columns. */
  indicators = pb_store_list_indicators (store, plan_id);
  pb_store_get_plan_years (store, plan_id, &first_year, &last_year);

  header (ind, _("No."), 6);
  header (ind, _("Indicator"), 28);
  header (ind, _("Unit"), 8);
  header (ind, _("Kind"), 10);
  header (ind, _("Baseline"), 11);
  for (int y = first_year; first_year > 0 && y <= last_year; y++)
    {
      char title[8];
      g_autofree char *stated = NULL;

      g_snprintf (title, sizeof title, "%d", y);
      header (ind, title, 11);
      /* Translators: a ledger column: a year's target as the plan states
       * it, comparator included (≥2600) */
      stated = g_strdup_printf (_("%d as Stated"), y);
      header (ind, stated, 12);
    }
  header (ind, _("Stretch Targets"), 18);
  header (ind, _("Latest Actual"), 13);
  header (ind, _("Date"), 11);
  header (ind, _("Completion (%)"), 13);
  header (ind, _("Health"), 14);

  header (act, _("No."), 6);
  header (act, _("Indicator"), 28);
  header (act, _("Date"), 11);
  header (act, _("Value"), 13);
  header (act, _("Unit"), 8);
  header (act, _("Note"), 30);
  header (act, _("Reported By"), 20);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      gint64 id = pb_record_get_id (PB_RECORD (k));
      GArray *served = g_hash_table_lookup (serving, &id);
      g_autoptr(GString) numbers = g_string_new (NULL);
      const char *number;
      g_autoptr(GListModel) targets = pb_store_list_targets (store, id);
      g_autoptr(GListModel) actuals = pb_store_list_actuals (store, id);
      const PbIndicatorStatus *st = pb_store_get_indicator_status (store, k, today);
      g_autoptr(GString) stretch = g_string_new (NULL);
      GArray *row = new_row ();

      /* The numbers of every item the indicator serves: "1, 3". */
      for (guint j = 0; served && j < served->len; j++)
        {
          const char *n = g_hash_table_lookup (item_numbers, &g_array_index (served, gint64, j));

          if (n && *n)
            g_string_append_printf (numbers, "%s%s", numbers->len ? ", " : "", n);
        }
      number = numbers->str;

      add_text (row, number);
      add_text (row, pb_indicator_get_name (k));
      add_text (row, pb_indicator_get_measure_unit (k));
      add_text (row, pb_record_get_enum (PB_RECORD (k), "kind") == PB_INDICATOR_KIND_ANNUAL ? _("Annual") : _("Cumulative"));
      add_number (row, pb_record_get_double (PB_RECORD (k), "baseline_value"));
      /* Each year: the firm target as a number, then as the plan states
       * it (≥2600), so no comparator is lost; stretch targets in words. */
      for (int y = first_year; first_year > 0 && y <= last_year; y++)
        {
          g_autoptr(GString) stated = g_string_new (NULL);
          double value = NAN;

          for (guint j = 0; j < g_list_model_get_n_items (targets); j++)
            {
              g_autoptr(PbTarget) t = g_list_model_get_item (targets, j);
              g_autofree char *text = NULL;

              if (pb_target_get_year (t) != y)
                continue;
              text = stated_target (t);
              if (pb_record_get_boolean (PB_RECORD (t), "stretch"))
                {
                  g_autofree char *line = g_strdup_printf ("%d: %s", y, text);

                  if (!has_part (stretch->str, line))
                    g_string_append_printf (stretch, "%s%s", stretch->len ? "; " : "", line);
                }
              else
                {
                  value = pb_target_get_value (t);
                  if (!has_part (stated->str, text))
                    g_string_append_printf (stated, "%s%s", stated->len ? "; " : "", text);
                }
            }
          add_number (row, value);
          add_text (row, stated->str);
        }
      add_text (row, stretch->str);
      add_number (row, st->has_actual ? st->latest : NAN);
      add_text (row, st->has_actual ? st->latest_date : "");
      add_number (row, isnan (st->completion) ? NAN : round (st->completion * 1000) / 10);
      add_text (row, ledger_health (st->health));
      g_ptr_array_add (ind->rows, row);

      for (guint j = 0; j < g_list_model_get_n_items (actuals); j++)
        {
          g_autoptr(PbActual) a = g_list_model_get_item (actuals, j);
          GArray *arow = new_row ();

          add_text (arow, number);
          add_text (arow, pb_indicator_get_name (k));
          add_text (arow, pb_record_get_string (PB_RECORD (a), "date"));
          add_number (arow, pb_record_get_double (PB_RECORD (a), "value"));
          add_text (arow, pb_indicator_get_measure_unit (k));
          add_text (arow, pb_record_get_string (PB_RECORD (a), "note"));
          add_text (arow, pb_record_get_string (PB_RECORD (a), "source"));
          g_ptr_array_add (act->rows, arow);
        }
    }

  return sheets;
}

/* ---- Writing ----------------------------------------------------------------- */

/* A temporary file beside @path, for renaming into place. */
static char *
temp_beside (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  char *tmp = g_build_filename (dir, ".planboard-ledger-XXXXXX", NULL);
  int fd = g_mkstemp (tmp);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write in “%s”: %s"), dir, g_strerror (saved));
      g_free (tmp);
      return NULL;
    }
  close (fd);
  return tmp;
}

/**
 * pb_replace_file:
 * @tmp: a finished temporary file beside @path (from g_mkstemp, so 0600)
 * @path: where it goes
 * @error: where to say why not
 *
 * Gives @tmp the permissions a new file would have and renames it over
 * @path; on failure @tmp is removed and @path untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_replace_file (const char  *tmp,
                 const char  *path,
                 GError     **error)
{
  mode_t mask = umask (0);

  umask (mask);
  g_chmod (tmp, 0666 & ~mask);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* A number as C writes it, whatever the locale: 0.85, never 0,85. */
static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/* A text cell, RFC 4180 quoted, and neutralised as OWASP advises against
 * CSV injection: text that a spreadsheet program would run as a formula
 * (beginning with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe. Numbers are written by append_number() and stay numbers. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                     text[0] == '\t' || text[0] == '\r';

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (out, '\'');
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
csv_of (Sheet *s)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");   /* the BOM */

  for (guint c = 0; c < s->headers->len; c++)
    {
      if (c)
        g_string_append_c (out, ',');
      append_csv_field (out, g_ptr_array_index (s->headers, c));
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < s->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (s->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          Cell *cell = &g_array_index (row, Cell, c);

          if (c)
            g_string_append_c (out, ',');
          if (cell->is_number)
            append_number (out, cell->number);
          else if (cell->text)
            append_csv_field (out, cell->text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static char *
sibling_path (const char *path,
              const char *suffix)
{
  g_autofree char *stem = g_str_has_suffix (path, ".csv") ? g_strndup (path, strlen (path) - 4) : g_strdup (path);

  return g_strdup_printf ("%s-%s.csv", stem, suffix);
}

static gboolean
write_csv (GPtrArray   *sheets,
           const char  *path,
           GError     **error)
{
  for (guint i = 0; i < sheets->len; i++)
    {
      Sheet *s = g_ptr_array_index (sheets, i);
      g_autofree char *target = i == 0 ? g_strdup (path) : sibling_path (path, i == 1 ? "indicators" : "actuals");
      g_autofree char *text = csv_of (s);
      g_autofree char *tmp = temp_beside (target, error);

      if (tmp == NULL)
        return FALSE;
      if (!g_file_set_contents (tmp, text, -1, error))
        {
          g_unlink (tmp);
          return FALSE;
        }
      if (!pb_replace_file (tmp, target, error))
        return FALSE;
    }
  return TRUE;
}

#ifdef HAVE_XLSX
static gboolean
write_xlsx (GPtrArray   *sheets,
            const char  *path,
            GError     **error)
{
  g_autofree char *tmp = NULL;
  lxw_workbook *workbook;
  lxw_format *head, *wrap;
  lxw_error status;
  locale_t c_locale, previous;

  if (!pb_xlsxwriter_load (error) || (tmp = temp_beside (path, error)) == NULL)
    return FALSE;

  /* libxlsxwriter formats numbers with printf: the C locale for this
   * thread while it does, so 0.85 is never written 0,85. */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
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
  head = workbook_add_format (workbook);
  format_set_bold (head);
  format_set_bg_color (head, 0xDCE6F2);
  format_set_border (head, LXW_BORDER_THIN);
  format_set_text_wrap (head);
  format_set_align (head, LXW_ALIGN_VERTICAL_CENTER);
  wrap = workbook_add_format (workbook);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);

  for (guint i = 0; i < sheets->len; i++)
    {
      Sheet *s = g_ptr_array_index (sheets, i);
      lxw_worksheet *ws = workbook_add_worksheet (workbook, s->name);

      for (guint c = 0; c < s->headers->len; c++)
        {
          worksheet_set_column (ws, c, c, g_array_index (s->widths, double, c), NULL);
          worksheet_write_string (ws, 0, c, g_ptr_array_index (s->headers, c), head);
        }
      worksheet_freeze_panes (ws, 1, 0);
      worksheet_autofilter (ws, 0, 0, s->rows->len, s->headers->len - 1);

      for (guint r = 0; r < s->rows->len; r++)
        {
          GArray *row = g_ptr_array_index (s->rows, r);

          for (guint c = 0; c < row->len; c++)
            {
              Cell *cell = &g_array_index (row, Cell, c);

              if (cell->is_number)
                worksheet_write_number (ws, r + 1, c, cell->number, NULL);
              else if (cell->text && *cell->text)
                worksheet_write_string (ws, r + 1, c, cell->text, wrap);
            }
        }
    }

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
}
#endif

gboolean
pb_ledger_is_supported (PbLedgerFormat format)
{
#ifdef HAVE_XLSX
  return TRUE;
#else
  return format == PB_LEDGER_CSV;
#endif
}

/**
 * pb_ledger_write:
 * @store: the library
 * @plan_id: the plan
 * @format: XLSX or CSV
 * @path: the file (for CSV, the tasks; the others beside it)
 * @today: (nullable): the day health is judged on; today when %NULL
 * @error: where to say why not
 *
 * Returns: %TRUE when every file is written
 */
gboolean
pb_ledger_write (PbStore        *store,
                 gint64          plan_id,
                 PbLedgerFormat  format,
                 const char     *path,
                 const GDate    *today,
                 GError        **error)
{
  g_autoptr(GPtrArray) sheets = NULL;
  GDate day;

  if (today && g_date_valid (today))
    day = *today;
  else
    pb_date_today (&day);

  if (!pb_ledger_is_supported (format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This build of Planboard cannot write XLSX (it was built without libxlsxwriter)."));
      return FALSE;
    }

  sheets = collect (store, plan_id, &day, error);
  if (sheets == NULL)
    return FALSE;

#ifdef HAVE_XLSX
  if (format == PB_LEDGER_XLSX)
    return write_xlsx (sheets, path, error);
#endif
  return write_csv (sheets, path, error);
}
