/* pb-forms.c — progress forms: what is asked of whom, and what came back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A progress form asks one organisation, for one reporting period, about
 * the items it leads (or also co-owns) and their indicators. This file
 * holds what the writer (src/render/pb-form-writer.c) and the reader
 * (src/import/pb-form-reader.c) share: the form's rows computed from the
 * store (pb_form_layout_build), the checksum of its locked cells, the
 * periods, and the store's side of the round trip: which forms were sent,
 * when they came back (table progress_form, schema v5), and recording a
 * returned form as one undoable command.
 */
#define G_LOG_DOMAIN "pb-forms"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pb-format.h"
#include "pb-forms.h"
#include "pb-indicator-links.h"
#include "pb-store-private.h"
#include "pb-supervision.h"

const char *
pb_form_column_title (PbFormColumn column)
{
  switch (column)
    {
    case PB_FORM_COL_NUMBER: return _("No.");
    case PB_FORM_COL_ITEM: return _("Item");
    case PB_FORM_COL_INDICATOR: return _("Indicator");
    case PB_FORM_COL_UNIT: return _("Unit");
    case PB_FORM_COL_TARGET: return C_("indicator value", "Target");
    /* Translators: a column of a progress form: the latest value on file
     * when the form is made, which may lie inside the form's own period
     * (so not "last period's value") */
    case PB_FORM_COL_LAST: return _("Last Reported");
    case PB_FORM_COL_VALUE: return _("New Value");
    case PB_FORM_COL_AS_OF: return _("As Of");
    case PB_FORM_COL_STATUS: return C_("item", "Status");
    case PB_FORM_COL_PROGRESS: return _("Progress (%)");
    case PB_FORM_COL_NOTE: return _("Note");
    case PB_FORM_N_COLS:
    default: g_return_val_if_reached ("");
    }
}

static void
period_fill (PbFormPeriod *period)
{
  int first_month = period->kind == PB_PERIOD_KIND_QUARTER ? (period->number - 1) * 3 + 1 : period->number;
  g_autofree char *label = NULL;

  g_date_clear (&period->start, 1);
  g_date_set_dmy (&period->start, 1, first_month, period->year);
  pb_period_bounds (period->kind, period->year, period->number, &period->end, &label);
  g_strlcpy (period->label, label, sizeof period->label);
}

/**
 * pb_form_period_parse:
 * @text: 2026-Q3 or 2026-10
 * @period: (out): the period and its first and last days
 *
 * Returns: whether @text names a quarter or a month
 */
gboolean
pb_form_period_parse (const char   *text,
                      PbFormPeriod *period)
{
  int year, number;
  char q, extra;

  memset (period, 0, sizeof *period);
  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%4d-%c%d%c", &year, &q, &number, &extra) == 3 && (q == 'Q' || q == 'q') &&
      number >= 1 && number <= 4)
    period->kind = PB_PERIOD_KIND_QUARTER;
  else if (sscanf (text, "%4d-%2d%c", &year, &number, &extra) == 2 && number >= 1 && number <= 12 &&
           strlen (text) == 7)
    period->kind = PB_PERIOD_KIND_MONTH;
  else
    return FALSE;
  if (year < 1900 || year > 2999)
    return FALSE;
  period->year = year;
  period->number = number;
  period_fill (period);
  return TRUE;
}

/* The quarter holding @date. */
void
pb_form_period_for_date (const GDate  *date,
                         PbFormPeriod *period)
{
  memset (period, 0, sizeof *period);
  period->kind = PB_PERIOD_KIND_QUARTER;
  period->year = g_date_get_year (date);
  period->number = (g_date_get_month (date) - 1) / 3 + 1;
  period_fill (period);
}

/**
 * pb_form_period_for_plan:
 * @date: today
 * @period_start: the plan's first year, 0 when unknown
 * @period_end: the plan's last year, 0 when unknown
 * @period: (out): the quarter to report on
 *
 * The quarter holding @date, kept within the plan's period: for a plan
 * that has ended, its last quarter (2024 Q4 for a plan of 2022–2024);
 * for one not yet begun, its first.
 *
 * Returns: whether the plan's period has ended before @date
 */
gboolean
pb_form_period_for_plan (const GDate  *date,
                         int           period_start,
                         int           period_end,
                         PbFormPeriod *period)
{
  int year = g_date_get_year (date);

  pb_form_period_for_date (date, period);
  if (period_end > 0 && year > period_end)
    {
      period->year = period_end;
      period->number = 4;
      period_fill (period);
      return TRUE;
    }
  if (period_start > 0 && year < period_start && (period_end <= 0 || period_start <= period_end))
    {
      period->year = period_start;
      period->number = 1;
      period_fill (period);
    }
  return FALSE;
}

/**
 * pb_form_period_default_due:
 * @period: a reporting period
 * @due: (out): the date its forms are due back when nobody said otherwise
 *
 * Ten days after the period's end: 2027-01-10 for 2026 Q4, 2026-12-10
 * for November 2026.
 */
void
pb_form_period_default_due (const PbFormPeriod *period,
                            GDate              *due)
{
  g_return_if_fail (period != NULL && due != NULL);

  *due = period->end;
  g_date_add_days (due, 10);
}

/**
 * pb_form_period_check_due:
 * @period: a reporting period
 * @due: the date its forms are to be returned by
 * @error: where to say why not
 *
 * A form reports on its whole period, so it cannot be due back before
 * the period's last day.
 *
 * Returns: whether @due is on or after @period's end
 */
gboolean
pb_form_period_check_due (const PbFormPeriod *period,
                          const GDate        *due,
                          GError            **error)
{
  g_autofree char *due_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (period != NULL && due != NULL, FALSE);

  if (g_date_compare (due, &period->end) >= 0)
    return TRUE;
  due_text = pb_format_date (due);
  end_text = pb_format_date (&period->end);
  shown = pb_format_period_label (period->label);
  /* Translators: a Return By date refused: the date typed, the period's
   * last day, the period (as "2026-11-20", "2026-11-30", "November 2026") */
  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
               _("Return by %s is before %s, the end of %s: forms report on the whole period."),
               due_text, end_text, shown);
  return FALSE;
}

static void
row_free (gpointer data)
{
  PbFormRow *row = data;

  for (guint i = 0; i < PB_FORM_N_LOCKED; i++)
    g_free (row->cells[i]);
  g_free (row);
}

void
pb_form_layout_free (PbFormLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->library_id);
  g_free (layout->plan_title);
  g_free (layout->organisation);
  g_ptr_array_unref (layout->rows);
  g_free (layout);
}

/**
 * pb_store_dup_library_id:
 *
 * Returns: (transfer full): the library's id, which its forms carry
 */
char *
pb_store_dup_library_id (PbStore *store)
{
  PbDbStmt *stmt = pb_store_prepare (store, "SELECT value FROM library_info WHERE key = 'id'", NULL);
  char *id = NULL;

  if (stmt && pb_store_step (store, stmt, NULL))
    id = g_strdup ((const char *) pb_db_column_text (stmt, 0));
  if (stmt)
    pb_db_reset (stmt);
  return id ? id : g_strdup ("");
}

typedef struct
{
  gint64      organisation_id;
  gboolean    all_roles;
  GHashTable *items;      /* item ids it answers for */
  GHashTable *orgs;       /* organisation ids answering for something */
  GArray     *org_order;
} OrgScan;

static void
scan_item_org (gint64      item_id,
               gint64      organisation_id,
               const char *name,
               PbRole      role,
               gpointer    user_data)
{
  OrgScan *scan = user_data;

  if (role != PB_ROLE_LEAD && !scan->all_roles)
    return;
  if (scan->items && organisation_id == scan->organisation_id)
    g_hash_table_add (scan->items, g_memdup2 (&item_id, sizeof item_id));
  if (scan->orgs && !g_hash_table_contains (scan->orgs, &organisation_id))
    {
      g_hash_table_add (scan->orgs, g_memdup2 (&organisation_id, sizeof organisation_id));
      g_array_append_val (scan->org_order, organisation_id);
    }
}

/**
 * pb_store_list_form_organisations:
 * @all_roles: also organisations that only co-own items
 *
 * Returns: (transfer full) (element-type gint64): the organisations that
 *   get a form, in the order they first appear in the plan
 */
GArray *
pb_store_list_form_organisations (PbStore  *store,
                                  gint64    plan_id,
                                  gboolean  all_roles)
{
  OrgScan scan = { 0, all_roles, NULL, NULL, NULL };

  scan.orgs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  scan.org_order = g_array_new (FALSE, FALSE, sizeof (gint64));
  pb_store_foreach_item_org (store, plan_id, scan_item_org, &scan);
  g_hash_table_unref (scan.orgs);
  return scan.org_order;
}

/* The indicators an item serves, in the item's order. */
static GPtrArray *
item_indicators (PbStore *store,
                 gint64   item_id)
{
  g_autoptr(GListModel) served = pb_store_list_item_indicators (store, item_id);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (served); i++)
    g_ptr_array_add (out, g_list_model_get_item (served, i));
  return out;
}

static char *
target_text (PbStore            *store,
             PbIndicator        *k,
             const PbFormPeriod *period)
{
  g_autoptr(GListModel) targets = pb_store_list_targets (store, pb_record_get_id (PB_RECORD (k)));
  g_autoptr(PbTarget) best = NULL;
  g_autofree char *value = NULL;
  guint n = g_list_model_get_n_items (targets);

  /* The firm target of the period's year, else the next one, else the last. */
  for (int pass = 0; pass < 2 && best == NULL; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PbTarget) t = g_list_model_get_item (targets, i);
        int year = pb_target_get_year (t);

        if (pb_record_get_boolean (PB_RECORD (t), "stretch") && pass == 0)
          continue;
        if (year >= period->year && (best == NULL || year < pb_target_get_year (best)))
          g_set_object (&best, t);
      }
  for (guint i = 0; i < n && best == NULL; i++)
    {
      g_autoptr(PbTarget) t = g_list_model_get_item (targets, n - 1 - i);
      g_set_object (&best, t);
    }
  if (best == NULL)
    return g_strdup ("");

  value = pb_format_number (pb_target_get_value (best), NULL);
  /* Translators: a target on a progress form: its comparator and value, and its year */
  return g_strdup_printf (_("%s%s (%d)"),
                          pb_format_comparator (pb_record_get_enum (PB_RECORD (best), "comparator")),
                          value, pb_target_get_year (best));
}

/* The latest value on file on @until (the day the form is made, or the
 * period's end if that came first), so that an organisation sees what it
 * last reported, also when that was earlier in the form's own period: a
 * November form made on 2026-11-28 shows the 450,000 of 2026-11-20, not
 * the 395,000 of September before it. */
static char *
last_reported_text (PbStore     *store,
                    PbIndicator *k,
                    const GDate *until)
{
  g_autoptr(GListModel) actuals = pb_store_list_actuals (store, pb_record_get_id (PB_RECORD (k)));
  char last[11];
  /* A copy: the record the date belongs to may be gone once the loop lets
   * go of it (the CLI holds no other reference, unlike the window). */
  g_autofree char *best_date = NULL;
  double best_value = NAN;
  g_autofree char *value = NULL;
  g_autofree char *date = NULL;
  GDate d;

  pb_date_format (until, last);
  for (guint i = 0; i < g_list_model_get_n_items (actuals); i++)
    {
      g_autoptr(PbActual) a = g_list_model_get_item (actuals, i);
      const char *when = pb_record_get_string (PB_RECORD (a), "date");

      if (pb_date_parse (when, &d) && strcmp (when, last) <= 0 &&
          (best_date == NULL || strcmp (when, best_date) >= 0))
        {
          g_free (best_date);
          best_date = g_strdup (when);
          best_value = pb_record_get_double (PB_RECORD (a), "value");
        }
    }
  if (best_date == NULL || !pb_date_parse (best_date, &d))
    return g_strdup ("");
  value = pb_format_number (best_value, NULL);
  date = pb_format_date (&d);
  /* Translators: the last reported value of an indicator and its date, on a progress form */
  return g_strdup_printf (_("%s (%s)"), value, date);
}

static gint64 find_form (PbStore    *store,
                         gint64      plan_id,
                         gint64      organisation_id,
                         const char *period);

/* The day the form for @period was sent, as recorded (a CSV's rows are
 * computed again as they were written); FALSE when none was. */
static gboolean
form_sent_date (PbStore            *store,
                gint64              plan_id,
                gint64              organisation_id,
                const PbFormPeriod *period,
                GDate              *date)
{
  gint64 id = find_form (store, plan_id, organisation_id, period->label);
  g_autoptr(PbRecord) form = id ? pb_store_get_record (store, PB_TYPE_PROGRESS_FORM, id) : NULL;

  g_date_clear (date, 1);
  return form != NULL && pb_date_parse (pb_record_get_string (form, "sent_date"), date);
}

/**
 * pb_form_layout_build:
 * @organisation_id: the organisation the form is for
 * @period: the reporting period
 * @all_roles: also the items it co-owns
 * @made: (nullable): the day the form is made; %NULL for the day it was
 *   sent, as recorded (the period's end if it never was)
 *
 * Computes a form's rows: per item the organisation answers for (plan
 * order, cancelled items left out), one row per indicator of the item, or
 * one row when it has none. The locked cells are formatted in the
 * current locale; "Last Reported" is the latest value on file on @made
 * (or on the period's end, for a form made after its period).
 *
 * Returns: (transfer full): the layout, or %NULL with @error set
 */
PbFormLayout *
pb_form_layout_build (PbStore            *store,
                      gint64              plan_id,
                      gint64              organisation_id,
                      const PbFormPeriod *period,
                      gboolean            all_roles,
                      const GDate        *made,
                      GError            **error)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  GDate until;
  g_autoptr(PbOrganisation) org = pb_store_get_record (store, PB_TYPE_ORGANISATION, organisation_id);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GHashTable) answered = NULL;
  OrgScan scan = { organisation_id, all_roles, NULL, NULL, NULL };
  PbFormLayout *layout;

  if (plan == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("The plan no longer exists."));
      return NULL;
    }
  if (org == NULL || pb_record_get_int (PB_RECORD (org), "plan_id") != plan_id)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The organisation is no longer in this plan."));
      return NULL;
    }

  if (made != NULL && g_date_valid (made))
    until = *made;
  else if (!form_sent_date (store, plan_id, organisation_id, period, &until))
    until = period->end;
  if (g_date_compare (&until, &period->end) > 0)
    until = period->end;

  answered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  scan.items = answered;
  pb_store_foreach_item_org (store, plan_id, scan_item_org, &scan);

  layout = g_new0 (PbFormLayout, 1);
  layout->library_id = pb_store_dup_library_id (store);
  layout->plan_id = plan_id;
  layout->plan_title = g_strdup (pb_plan_get_title (plan));
  layout->organisation_id = organisation_id;
  layout->organisation = g_strdup (pb_organisation_get_name (org));
  layout->period = *period;
  layout->all_roles = all_roles;
  layout->rows = g_ptr_array_new_with_free_func (row_free);

  items = pb_store_list_items (store, plan_id);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      gint64 item_id = pb_record_get_id (PB_RECORD (item));
      g_autoptr(GPtrArray) ks = NULL;
      guint first = layout->rows->len;

      if (!g_hash_table_contains (answered, &item_id) ||
          pb_item_get_status (item) == PB_ITEM_STATUS_CANCELLED)
        continue;
      ks = item_indicators (store, item_id);
      for (guint j = 0; j < MAX (ks->len, 1u); j++)
        {
          PbFormRow *row = g_new0 (PbFormRow, 1);
          PbIndicator *k = j < ks->len ? g_ptr_array_index (ks, j) : NULL;

          row->item_id = item_id;
          row->status = pb_item_get_status (item);
          row->progress = pb_item_get_progress (item);
          row->cells[PB_FORM_COL_NUMBER] = g_strdup (pb_item_get_number (item));
          row->cells[PB_FORM_COL_ITEM] = g_strdup (pb_item_get_title (item));
          if (k)
            {
              row->indicator_id = pb_record_get_id (PB_RECORD (k));
              row->cells[PB_FORM_COL_INDICATOR] = g_strdup (pb_indicator_get_name (k));
              row->cells[PB_FORM_COL_UNIT] = g_strdup (pb_indicator_get_measure_unit (k));
              row->cells[PB_FORM_COL_TARGET] = target_text (store, k, period);
              row->cells[PB_FORM_COL_LAST] = last_reported_text (store, k, &until);
            }
          for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
            if (row->cells[c] == NULL)
              row->cells[c] = g_strdup ("");
          g_ptr_array_add (layout->rows, row);
        }
      ((PbFormRow *) g_ptr_array_index (layout->rows, first))->item_rows = layout->rows->len - first;
    }

  return layout;
}

/**
 * pb_form_checksum:
 * @rows: (element-type PbFormRow): the form's rows
 *
 * Returns: (transfer full): SHA-256 of the form's identity and every
 *   locked cell, in hex
 */
char *
pb_form_checksum (const char *library_id,
                  gint64      plan_id,
                  gint64      organisation_id,
                  const char *period,
                  GPtrArray  *rows)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *head = g_strdup_printf ("planboard-form/1\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%s\x1e",
                                           library_id, plan_id, organisation_id, period);

  g_checksum_update (sum, (const guchar *) head, -1);
  for (guint i = 0; i < rows->len; i++)
    {
      PbFormRow *row = g_ptr_array_index (rows, i);
      g_autofree char *ids = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT, row->item_id, row->indicator_id);

      g_checksum_update (sum, (const guchar *) ids, -1);
      for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
        {
          g_checksum_update (sum, (const guchar *) "\x1f", 1);
          g_checksum_update (sum, (const guchar *) row->cells[c], -1);
        }
      g_checksum_update (sum, (const guchar *) "\x1e", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* ---- Who has reported ---- */

void
pb_form_status_free (PbFormStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->organisation);
  g_free (status->sent_date);
  g_free (status->due_date);
  g_free (status->returned_date);
  g_free (status);
}

/**
 * pb_store_dup_form_period:
 *
 * Returns: (transfer full) (nullable): the period forms were last sent
 *   for, or %NULL when none has been
 */
char *
pb_store_dup_form_period (PbStore *store,
                          gint64   plan_id)
{
  PbDbStmt *stmt = pb_store_prepare (store,
                                         "SELECT period FROM progress_form WHERE plan_id = ?1"
                                         " ORDER BY sent_date DESC, id DESC LIMIT 1", NULL);
  char *period = NULL;

  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, plan_id);
  if (pb_store_step (store, stmt, NULL))
    period = g_strdup ((const char *) pb_db_column_text (stmt, 0));
  pb_db_reset (stmt);
  return period;
}

static gint64
find_form (PbStore    *store,
           gint64      plan_id,
           gint64      organisation_id,
           const char *period)
{
  PbDbStmt *stmt = pb_store_prepare (store,
                                         "SELECT id FROM progress_form WHERE plan_id = ?1"
                                         " AND organisation_id = ?2 AND period = ?3", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  pb_db_bind_int64 (stmt, 1, plan_id);
  pb_db_bind_int64 (stmt, 2, organisation_id);
  pb_db_bind_text (stmt, 3, period);
  if (pb_store_step (store, stmt, NULL))
    id = pb_db_column_int64 (stmt, 0);
  pb_db_reset (stmt);
  return id;
}

/**
 * pb_store_dup_form_held_back:
 * @store: the library
 * @plan_id: the plan
 * @organisation_id: the organisation that returned the form
 * @period: the form's period
 *
 * Why the statuses and progress a returned form gives must not replace
 * the items' own without the planner's word: the same form was recorded
 * already (imported again by mistake, its figures may be older than what
 * came since), or a form of a later period from the organisation was.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL
 */
char *
pb_store_dup_form_held_back (PbStore            *store,
                             gint64              plan_id,
                             gint64              organisation_id,
                             const PbFormPeriod *period)
{
  PbDbStmt *stmt = pb_store_prepare (store,
                                     "SELECT period, returned_date FROM progress_form WHERE plan_id = ?1"
                                     " AND organisation_id = ?2 AND returned_date IS NOT NULL", NULL);
  char *reason = NULL;
  g_autofree char *later = NULL;

  if (stmt == NULL)
    return NULL;
  pb_db_bind_int64 (stmt, 1, plan_id);
  pb_db_bind_int64 (stmt, 2, organisation_id);
  while (reason == NULL && pb_store_step (store, stmt, NULL))
    {
      const char *text = (const char *) pb_db_column_text (stmt, 0);
      PbFormPeriod other;

      if (g_strcmp0 (text, period->label) == 0)
        {
          g_autofree char *when = pb_format_iso_date ((const char *) pb_db_column_text (stmt, 1));

          /* Translators: a returned form imported again; %s is the date it was recorded */
          reason = g_strdup_printf (_("This form was recorded already, on %s: what came since may be newer. "
                                      "Tick it to record it again."), when);
        }
      else if (later == NULL && pb_form_period_parse (text, &other) &&
               g_date_compare (&other.end, &period->end) > 0)
        later = g_strdup (text);
    }
  pb_db_reset (stmt);
  if (reason == NULL && later != NULL)
    /* Translators: %s is a later period (2026-12) whose form from the same organisation is recorded */
    reason = g_strdup_printf (_("The form for %s, a later period, is recorded already. Tick it to record this "
                                "older figure anyway."), later);
  return reason;
}

/**
 * pb_store_list_form_status:
 * @period: a period label (2026-Q3)
 * @today: the day that decides lateness
 *
 * Every organisation that leads an item of the plan or was sent a form
 * for @period, in plan order: not sent, sent (and when), returned (and
 * when), or late (sent, not returned, past its return date).
 *
 * Returns: (transfer full) (element-type PbFormStatus): the rows
 */
GPtrArray *
pb_store_list_form_status (PbStore     *store,
                           gint64       plan_id,
                           const char  *period,
                           const GDate *today)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_form_status_free);
  g_autoptr(GArray) orgs = pb_store_list_form_organisations (store, plan_id, FALSE);
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  PbDbStmt *stmt;
  char today_text[11];

  pb_date_format (today, today_text);
  for (guint i = 0; i < orgs->len; i++)
    {
      PbFormStatus *s = g_new0 (PbFormStatus, 1);
      g_autoptr(PbOrganisation) org = pb_store_get_record (store, PB_TYPE_ORGANISATION,
                                                           g_array_index (orgs, gint64, i));

      s->organisation_id = g_array_index (orgs, gint64, i);
      s->organisation = g_strdup (org ? pb_organisation_get_name (org) : "");
      g_ptr_array_add (out, s);
      g_hash_table_insert (index, &s->organisation_id, s);
    }

  stmt = pb_store_prepare (store,
                           "SELECT f.organisation_id, o.name, f.sent_date, f.due_date, f.returned_date"
                           " FROM progress_form f JOIN organisation o ON o.id = f.organisation_id"
                           " WHERE f.plan_id = ?1 AND f.period = ?2 ORDER BY f.id", NULL);
  if (stmt == NULL || period == NULL)
    return out;
  pb_db_bind_int64 (stmt, 1, plan_id);
  pb_db_bind_text (stmt, 2, period);
  while (pb_store_step (store, stmt, NULL))
    {
      gint64 org_id = pb_db_column_int64 (stmt, 0);
      PbFormStatus *s = g_hash_table_lookup (index, &org_id);
      const char *due;

      if (s == NULL)
        {
          s = g_new0 (PbFormStatus, 1);
          s->organisation_id = org_id;
          s->organisation = g_strdup ((const char *) pb_db_column_text (stmt, 1));
          g_ptr_array_add (out, s);
          g_hash_table_insert (index, &s->organisation_id, s);
        }
      s->sent_date = g_strdup ((const char *) pb_db_column_text (stmt, 2));
      s->due_date = g_strdup ((const char *) pb_db_column_text (stmt, 3));
      s->returned_date = g_strdup ((const char *) pb_db_column_text (stmt, 4));
      due = s->due_date;
      if (s->returned_date)
        s->state = PB_FORM_STATE_RETURNED;
      else if (due && strcmp (due, today_text) < 0)
        s->state = PB_FORM_STATE_LATE;
      else
        s->state = PB_FORM_STATE_SENT;
    }
  pb_db_reset (stmt);
  return out;
}

void
pb_form_round_free (PbFormRound *round)
{
  if (round == NULL)
    return;
  g_free (round->period);
  g_free (round->sent_date);
  g_free (round->due_date);
  g_free (round);
}

/**
 * pb_store_list_form_rounds:
 * @today: the day that decides lateness
 *
 * The plan's rounds of forms, one per period forms were sent for, the
 * newest first (the one a form went out for last, as
 * pb_store_dup_form_period () has it): how many forms went out, came back
 * and are late, counted as pb_store_list_form_status () shows them.
 *
 * Returns: (transfer full) (element-type PbFormRound): the rounds, or
 *   %NULL when the library could not be read
 */
GPtrArray *
pb_store_list_form_rounds (PbStore     *store,
                           gint64       plan_id,
                           const GDate *today)
{
  PbDbStmt *stmt = pb_store_prepare (store,
                                     "SELECT f.period, MAX(f.sent_date), MAX(f.due_date), COUNT(*),"
                                     " COUNT(f.returned_date),"
                                     " SUM(CASE WHEN f.returned_date IS NULL AND f.due_date < ?2 THEN 1 ELSE 0 END)"
                                     " FROM progress_form f JOIN organisation o ON o.id = f.organisation_id"
                                     " WHERE f.plan_id = ?1 GROUP BY f.period"
                                     " ORDER BY MAX(f.sent_date) DESC, MAX(f.id) DESC", NULL);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GError) error = NULL;
  char today_text[11];

  g_return_val_if_fail (PB_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_form_round_free);
  pb_date_format (today, today_text);
  pb_db_bind_int64 (stmt, 1, plan_id);
  pb_db_bind_text (stmt, 2, today_text);
  while (pb_store_step (store, stmt, &error))
    {
      PbFormRound *r = g_new0 (PbFormRound, 1);

      r->period = g_strdup ((const char *) pb_db_column_text (stmt, 0));
      r->sent_date = g_strdup ((const char *) pb_db_column_text (stmt, 1));
      r->due_date = g_strdup ((const char *) pb_db_column_text (stmt, 2));
      r->n_sent = pb_db_column_int64 (stmt, 3);
      r->n_returned = pb_db_column_int64 (stmt, 4);
      r->n_late = pb_db_column_int64 (stmt, 5);
      g_ptr_array_add (out, r);
    }
  pb_db_reset (stmt);
  if (error)
    {
      g_warning ("Could not read the rounds of progress forms: %s", error->message);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * pb_store_record_forms_sent:
 * @period: the period label
 * @due_date: (nullable): the day to return the forms by
 * @organisation_ids: (element-type gint64): who got one
 *
 * Remembers that forms went out, as one undoable command. Sending a form
 * again for the same period updates its dates and keeps a return.
 *
 * Returns: whether it was recorded
 */
gboolean
pb_store_record_forms_sent (PbStore     *store,
                            gint64       plan_id,
                            const char  *period,
                            gboolean     all_roles,
                            const char  *due_date,
                            GArray      *organisation_ids,
                            const GDate *today,
                            GError     **error)
{
  g_autofree char *label = NULL;
  char today_text[11];
  gboolean ok = TRUE;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  pb_date_format (today, today_text);
  if (!pb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < organisation_ids->len; i++)
    {
      gint64 org_id = g_array_index (organisation_ids, gint64, i);
      gint64 id = find_form (store, plan_id, org_id, period);

      if (id)
        ok = pb_store_update (store, PB_TYPE_PROGRESS_FORM, id, error,
                              "sent_date", today_text,
                              "due_date", due_date,
                              "role", all_roles ? "all" : "lead",
                              NULL);
      else
        ok = pb_store_insert (store, PB_TYPE_PROGRESS_FORM, error,
                              "plan_id", plan_id,
                              "organisation_id", org_id,
                              "period", period,
                              "role", all_roles ? "all" : "lead",
                              "sent_date", today_text,
                              "due_date", due_date,
                              NULL) > 0;
    }
  /* Translators: an undo label; %s is a period such as 2026-Q3 */
  label = g_strdup_printf (_("Send progress forms for %s"), period);
  return pb_store_finish (store, ok, label, error);
}

/* ---- What a returned form changes ---- */

void
pb_form_change_free (PbFormChange *change)
{
  if (change == NULL)
    return;
  g_free (change->cell);
  g_free (change->subject);
  g_free (change->before);
  g_free (change->after);
  g_free (change->text);
  g_free (change->warning);
  g_free (change->refusal);
  g_free (change);
}

/**
 * pb_store_apply_form:
 * @organisation_id: who returned it
 * @period: the period it reports on
 * @changes: (element-type PbFormChange): the reviewed changes; those
 *   with @accept set are recorded, never one with a @refusal
 * @today: the day it came back
 *
 * Records a returned form as ONE undoable command: new actuals (with the
 * organisation as their source and the period), replaced values where
 * the planner took the form's side of a conflict, statuses, progress and
 * notes, and the form's return. A form that changes nothing and was
 * already returned records nothing.
 *
 * Returns: whether it was recorded (or there was nothing to record)
 */
gboolean
pb_store_apply_form (PbStore     *store,
                     gint64       plan_id,
                     gint64       organisation_id,
                     const char  *period,
                     GPtrArray   *changes,
                     const GDate *today,
                     GError     **error)
{
  g_autoptr(PbOrganisation) org = pb_store_get_record (store, PB_TYPE_ORGANISATION, organisation_id);
  g_autofree char *label = NULL;
  char today_text[11];
  gint64 form_id;
  gboolean returned = FALSE, any = FALSE, ok = TRUE;
  PbDbStmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (store), FALSE);

  if (org == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The organisation is no longer in this plan."));
      return FALSE;
    }
  pb_date_format (today, today_text);
  form_id = find_form (store, plan_id, organisation_id, period);
  if (form_id)
    {
      stmt = pb_store_prepare (store, "SELECT returned_date IS NOT NULL FROM progress_form WHERE id = ?1", NULL);
      if (stmt)
        {
          pb_db_bind_int64 (stmt, 1, form_id);
          returned = pb_store_step (store, stmt, NULL) && pb_db_column_int (stmt, 0);
          pb_db_reset (stmt);
        }
    }
  for (guint i = 0; i < changes->len; i++)
    {
      PbFormChange *c = g_ptr_array_index (changes, i);

      any |= c->accept && c->refusal == NULL;
    }
  if (!any && returned)
    return TRUE;

  if (!pb_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < changes->len; i++)
    {
      PbFormChange *c = g_ptr_array_index (changes, i);

      /* A value the reader refused (dated after today) is never recorded,
       * whatever ticked it. */
      if (!c->accept || c->refusal)
        continue;
      switch (c->kind)
        {
        case PB_FORM_CHANGE_ACTUAL:
          if (c->conflict_id)
            ok = pb_store_update (store, PB_TYPE_ACTUAL, c->conflict_id, error,
                                  "value", c->value,
                                  "source", pb_organisation_get_name (org),
                                  "period", period,
                                  NULL);
          else
            ok = pb_store_insert (store, PB_TYPE_ACTUAL, error,
                                  "indicator_id", c->indicator_id,
                                  "date", c->date,
                                  "value", c->value,
                                  "source", pb_organisation_get_name (org),
                                  "period", period,
                                  NULL) > 0;
          break;
        /* The item's history has them on the day the form says they are
         * as of (a period closed late keeps what they were at its end). */
        case PB_FORM_CHANGE_STATUS:
          pb_store_set_change_date (store, c->date[0] ? c->date : NULL);
          ok = pb_store_update (store, PB_TYPE_ITEM, c->item_id, error, "status", c->status, NULL);
          pb_store_set_change_date (store, NULL);
          break;
        case PB_FORM_CHANGE_PROGRESS:
          pb_store_set_change_date (store, c->date[0] ? c->date : NULL);
          ok = pb_store_update (store, PB_TYPE_ITEM, c->item_id, error, "progress", CLAMP (c->progress, 0, 1), NULL);
          pb_store_set_change_date (store, NULL);
          break;
        case PB_FORM_CHANGE_NOTE:
          ok = pb_store_insert (store, PB_TYPE_NOTE, error,
                                "item_id", c->item_id,
                                "date", c->date,
                                "organisation_id", organisation_id,
                                "text", c->text,
                                "status", c->status,
                                NULL) > 0;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  if (ok && form_id)
    {
      if (!returned)
        ok = pb_store_update (store, PB_TYPE_PROGRESS_FORM, form_id, error, "returned_date", today_text, NULL);
    }
  else if (ok)
    ok = pb_store_insert (store, PB_TYPE_PROGRESS_FORM, error,
                          "plan_id", plan_id,
                          "organisation_id", organisation_id,
                          "period", period,
                          "role", "lead",
                          "sent_date", today_text,
                          "returned_date", today_text,
                          NULL) > 0;

  /* Translators: an undo label: the organisation and the period */
  label = g_strdup_printf (_("Import progress form from %s (%s)"), pb_organisation_get_name (org), period);
  return pb_store_finish (store, ok, label, error);
}
