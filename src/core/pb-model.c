/* pb-model.c — the record types of a plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pb-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "pb-model.h"

#define INT(n)          { n, PB_COLUMN_INT, NULL, FALSE, NULL }
#define INT_NULL(n)     { n, PB_COLUMN_INT, NULL, TRUE, NULL }
#define REF(n, t)       { n, PB_COLUMN_INT, NULL, FALSE, t }
#define REF_NULL(n, t)  { n, PB_COLUMN_INT, NULL, TRUE, t }
#define TEXT(n)         { n, PB_COLUMN_TEXT, NULL, FALSE, NULL }
#define TEXT_NULL(n)    { n, PB_COLUMN_TEXT, NULL, TRUE, NULL }
#define REAL(n)         { n, PB_COLUMN_REAL, NULL, FALSE, NULL }
#define REAL_NULL(n)    { n, PB_COLUMN_REAL, NULL, TRUE, NULL }
#define BOOL(n)         { n, PB_COLUMN_BOOL, NULL, FALSE, NULL }
#define ENUM(n, t)      { n, PB_COLUMN_ENUM, t, FALSE, NULL }
#define ENUM_NULL(n, t) { n, PB_COLUMN_ENUM, t, TRUE, NULL }

/* Defines a final record type whose instances hold nothing of their own. */
#define PB_DEFINE_RECORD(TypeName, type_name, table, ...)                    \
  struct _##TypeName { PbRecord parent_instance; };                          \
  static const PbColumn type_name##_columns[] = { __VA_ARGS__ };             \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, PB_TYPE_RECORD)                  \
  static void type_name##_class_init (TypeName##Class *klass)                \
  {                                                                          \
    pb_record_class_set_table (PB_RECORD_CLASS (klass), table,               \
                               type_name##_columns,                          \
                               G_N_ELEMENTS (type_name##_columns));          \
  }                                                                          \
  static void type_name##_init (TypeName *self) { }

PB_DEFINE_RECORD (PbPlan, pb_plan, "plan",
  INT ("id"),
  TEXT ("title"),
  TEXT_NULL ("doc_number"),
  TEXT_NULL ("issuer"),
  TEXT_NULL ("issue_date"),
  INT_NULL ("period_start"),
  INT_NULL ("period_end"),
  TEXT_NULL ("source_text"))

PB_DEFINE_RECORD (PbSection, pb_section, "section",
  INT ("id"),
  REF ("plan_id", "plan"),
  REF_NULL ("parent_id", "section"),
  TEXT ("number"),
  TEXT ("title"),
  INT ("position"))

PB_DEFINE_RECORD (PbItem, pb_item, "item",
  INT ("id"),
  REF ("plan_id", "plan"),
  REF_NULL ("section_id", "section"),
  ENUM ("kind", pb_item_kind_get_type),
  TEXT ("number"),
  TEXT ("title"),
  TEXT ("body"),
  TEXT_NULL ("start_date"),
  TEXT_NULL ("due_date"),
  ENUM ("status", pb_item_status_get_type),
  REAL ("progress"),
  ENUM ("progress_mode", pb_progress_mode_get_type),
  INT ("position"),
  ENUM_NULL ("health_override", pb_health_get_type),
  TEXT_NULL ("health_reason"),
  TEXT_NULL ("health_date"))

PB_DEFINE_RECORD (PbOrganisation, pb_organisation, "organisation",
  INT ("id"),
  REF ("plan_id", "plan"),
  TEXT ("name"),
  TEXT_NULL ("short_name"))

PB_DEFINE_RECORD (PbOrganisationAlias, pb_organisation_alias, "organisation_alias",
  INT ("id"),
  REF ("organisation_id", "organisation"),
  TEXT ("alias"))

PB_DEFINE_RECORD (PbItemOrg, pb_item_org, "item_org",
  INT ("id"),
  REF ("item_id", "item"),
  REF ("organisation_id", "organisation"),
  ENUM ("role", pb_role_get_type),
  INT ("position"))

PB_DEFINE_RECORD (PbIndicator, pb_indicator, "indicator",
  INT ("id"),
  REF ("plan_id", "plan"),
  TEXT ("name"),
  TEXT ("measure_unit"),
  ENUM ("kind", pb_indicator_kind_get_type),
  ENUM ("direction", pb_direction_get_type),
  REAL_NULL ("baseline_value"),
  TEXT_NULL ("baseline_date"),
  INT ("position"))

PB_DEFINE_RECORD (PbItemIndicator, pb_item_indicator, "item_indicator",
  INT ("id"),
  REF ("item_id", "item"),
  REF ("indicator_id", "indicator"),
  INT ("position"))

PB_DEFINE_RECORD (PbTarget, pb_target, "target",
  INT ("id"),
  REF ("indicator_id", "indicator"),
  INT ("year"),
  REAL ("value"),
  ENUM ("comparator", pb_comparator_get_type),
  BOOL ("stretch"),
  REF_NULL ("item_id", "item"),
  BOOL ("year_implied"),
  TEXT_NULL ("text"),
  ENUM ("confidence", pb_confidence_get_type))

PB_DEFINE_RECORD (PbActual, pb_actual, "actual",
  INT ("id"),
  REF ("indicator_id", "indicator"),
  TEXT ("date"),
  REAL ("value"),
  TEXT_NULL ("note"),
  TEXT_NULL ("source"),
  TEXT_NULL ("period"))

PB_DEFINE_RECORD (PbDependency, pb_dependency, "dependency",
  INT ("id"),
  REF ("from_item_id", "item"),
  REF ("to_item_id", "item"),
  INT ("lag_days"))

PB_DEFINE_RECORD (PbNote, pb_note, "note",
  INT ("id"),
  REF ("item_id", "item"),
  TEXT ("date"),
  REF_NULL ("organisation_id", "organisation"),
  TEXT ("text"),
  ENUM ("status", pb_item_status_get_type))

PB_DEFINE_RECORD (PbPeriod, pb_period, "period",
  INT ("id"),
  REF ("plan_id", "plan"),
  ENUM ("kind", pb_period_kind_get_type),
  TEXT ("label"),
  TEXT ("end_date"),
  TEXT ("closed_date"))

PB_DEFINE_RECORD (PbPeriodIndicator, pb_period_indicator, "period_indicator",
  INT ("id"),
  REF ("period_id", "period"),
  REF ("indicator_id", "indicator"),
  REAL_NULL ("value"),
  TEXT_NULL ("date"),
  REAL_NULL ("completion"),
  ENUM ("health", pb_health_get_type))

PB_DEFINE_RECORD (PbPeriodItem, pb_period_item, "period_item",
  INT ("id"),
  REF ("period_id", "period"),
  REF ("item_id", "item"),
  ENUM ("status", pb_item_status_get_type),
  REAL ("progress"),
  ENUM ("health", pb_health_get_type))

PB_DEFINE_RECORD (PbProgressForm, pb_progress_form, "progress_form",
  INT ("id"),
  REF ("plan_id", "plan"),
  REF ("organisation_id", "organisation"),
  TEXT ("period"),
  TEXT ("role"),
  TEXT ("sent_date"),
  TEXT_NULL ("due_date"),
  TEXT_NULL ("returned_date"))

/* What an item's status and progress became, and had been, on a day
 * (schema 8). */
PB_DEFINE_RECORD (PbItemHistory, pb_item_history, "item_history",
  INT ("id"),
  REF ("item_id", "item"),
  TEXT ("date"),
  ENUM ("status", pb_item_status_get_type),
  REAL ("progress"),
  ENUM ("status_before", pb_item_status_get_type),
  REAL ("progress_before"))

const GType *
pb_model_get_types (guint *n_types)
{
  static GType types[17];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      guint i = 0;
      types[i++] = PB_TYPE_PLAN;
      types[i++] = PB_TYPE_SECTION;
      types[i++] = PB_TYPE_ITEM;
      types[i++] = PB_TYPE_ORGANISATION;
      types[i++] = PB_TYPE_ORGANISATION_ALIAS;
      types[i++] = PB_TYPE_ITEM_ORG;
      types[i++] = PB_TYPE_INDICATOR;
      types[i++] = PB_TYPE_ITEM_INDICATOR;
      types[i++] = PB_TYPE_TARGET;
      types[i++] = PB_TYPE_ACTUAL;
      types[i++] = PB_TYPE_DEPENDENCY;
      types[i++] = PB_TYPE_NOTE;
      types[i++] = PB_TYPE_PERIOD;
      types[i++] = PB_TYPE_PERIOD_INDICATOR;
      types[i++] = PB_TYPE_PERIOD_ITEM;
      types[i++] = PB_TYPE_PROGRESS_FORM;
      types[i++] = PB_TYPE_ITEM_HISTORY;
      g_assert (i == G_N_ELEMENTS (types));
      g_once_init_leave (&initialised, 1);
    }

  *n_types = G_N_ELEMENTS (types);
  return types;
}

GType
pb_model_type_for_table (const char *table)
{
  guint n;
  const GType *types = pb_model_get_types (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbRecordClass) klass = g_type_class_ref (types[i]);

      if (g_str_equal (klass->table, table))
        return types[i];
    }

  return G_TYPE_INVALID;
}

#define REC(x) PB_RECORD (x)

const char  *pb_plan_get_title (PbPlan *self) { return pb_record_get_string (REC (self), "title"); }
int          pb_plan_get_period_start (PbPlan *self) { return pb_record_get_int (REC (self), "period_start"); }
int          pb_plan_get_period_end (PbPlan *self) { return pb_record_get_int (REC (self), "period_end"); }

gint64       pb_section_get_plan_id (PbSection *self) { return pb_record_get_int (REC (self), "plan_id"); }
gint64       pb_section_get_parent_id (PbSection *self) { return pb_record_get_int (REC (self), "parent_id"); }
const char  *pb_section_get_number (PbSection *self) { return pb_record_get_string (REC (self), "number"); }
const char  *pb_section_get_title (PbSection *self) { return pb_record_get_string (REC (self), "title"); }

gint64       pb_item_get_plan_id (PbItem *self) { return pb_record_get_int (REC (self), "plan_id"); }
gint64       pb_item_get_section_id (PbItem *self) { return pb_record_get_int (REC (self), "section_id"); }
PbItemKind   pb_item_get_kind (PbItem *self) { return pb_record_get_enum (REC (self), "kind"); }
const char  *pb_item_get_number (PbItem *self) { return pb_record_get_string (REC (self), "number"); }
const char  *pb_item_get_title (PbItem *self) { return pb_record_get_string (REC (self), "title"); }
PbItemStatus pb_item_get_status (PbItem *self) { return pb_record_get_enum (REC (self), "status"); }
double       pb_item_get_progress (PbItem *self) { return pb_record_get_double (REC (self), "progress"); }

/**
 * pb_item_dup_short_name:
 * @self: an item
 *
 * The item as a command, a toast or a note names it in passing: its
 * number and the start of its title, "3 加快5G网络规模化…".
 *
 * Returns: (transfer full): the name
 */
char *
pb_item_dup_short_name (PbItem *self)
{
  const char *number = pb_item_get_number (self);
  const char *title = pb_item_get_title (self);
  g_autofree char *shown = NULL;

  if (title == NULL)
    title = "";
  if (g_utf8_strlen (title, -1) > 12)
    {
      g_autofree char *start = g_utf8_substring (title, 0, 10);
      shown = g_strconcat (start, "…", NULL);
    }
  else
    shown = g_strdup (title);

  if (number == NULL || *number == '\0')
    return g_steal_pointer (&shown);
  if (*shown == '\0')
    return g_strdup (number);
  return g_strdup_printf ("%s %s", number, shown);
}

const char  *pb_organisation_get_name (PbOrganisation *self) { return pb_record_get_string (REC (self), "name"); }

gint64       pb_item_org_get_item_id (PbItemOrg *self) { return pb_record_get_int (REC (self), "item_id"); }
gint64       pb_item_org_get_organisation_id (PbItemOrg *self) { return pb_record_get_int (REC (self), "organisation_id"); }
PbRole       pb_item_org_get_role (PbItemOrg *self) { return pb_record_get_enum (REC (self), "role"); }

const char  *pb_indicator_get_name (PbIndicator *self) { return pb_record_get_string (REC (self), "name"); }
const char  *pb_indicator_get_measure_unit (PbIndicator *self) { return pb_record_get_string (REC (self), "measure_unit"); }

int          pb_target_get_year (PbTarget *self) { return pb_record_get_int (REC (self), "year"); }
double       pb_target_get_value (PbTarget *self) { return pb_record_get_double (REC (self), "value"); }

/**
 * pb_date_parse:
 * @text: (nullable): a stored date, YYYY-MM-DD
 * @date: (out): the date; cleared when @text is not one
 *
 * Returns: whether @text is a valid date
 */
gboolean
pb_date_parse (const char *text,
               GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  /* Exactly YYYY-MM-DD: no signs, spaces, short fields, trailing text or
   * five-digit years, so what is stored is what every reader parses. */
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  /* The digits are checked: read them as they are (atoi () cost more
   * than the rest of an item's health at a start). */
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[5] - '0') * 10 + (text[6] - '0');
  d = (text[8] - '0') * 10 + (text[9] - '0');
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * pb_date_format:
 * @date: a valid date
 * @out: (out caller-allocates): YYYY-MM-DD and a NUL
 */
void
pb_date_format (const GDate *date,
                char         out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/**
 * pb_date_add_months:
 * @date: a valid date
 * @months: calendar months to move it by (negative: earlier)
 *
 * Moves @date by calendar months as plans count them: the last day of a
 * month stays the last day of the new month (30 June + 2 months is
 * 31 August: a deadline "by the end of June" stays a month end), other
 * days keep their day, clamped to the new month's length (31 January + 1
 * month is 28 or 29 February, 29 February + 12 months is 28 February).
 * @date is cleared (invalid) when it would leave the years 1 to 9999
 * that pb_date_parse() reads.
 */
void
pb_date_add_months (GDate *date,
                    int    months)
{
  int y, m, d, days;
  gboolean month_end;
  gint64 index;

  g_return_if_fail (date != NULL && g_date_valid (date));

  y = g_date_get_year (date);
  m = g_date_get_month (date);
  d = g_date_get_day (date);
  month_end = d == g_date_get_days_in_month (m, y);
  index = (gint64) y * 12 + (m - 1) + months;
  if (index < 12 || index > (gint64) 9999 * 12 + 11)
    {
      g_date_clear (date, 1);
      return;
    }
  y = (int) (index / 12);
  m = (int) (index % 12) + 1;
  days = g_date_get_days_in_month (m, y);
  g_date_set_dmy (date, month_end || d > days ? days : d, m, y);
}
