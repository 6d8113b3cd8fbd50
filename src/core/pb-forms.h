/* pb-forms.h — progress forms: what is asked of whom, and what came back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-health.h"

G_BEGIN_DECLS

/* The locked columns of a form row, in order; the fill-in columns follow. */
typedef enum
{
  PB_FORM_COL_NUMBER,
  PB_FORM_COL_ITEM,
  PB_FORM_COL_INDICATOR,
  PB_FORM_COL_UNIT,
  PB_FORM_COL_TARGET,
  PB_FORM_COL_LAST,
  PB_FORM_N_LOCKED,
  PB_FORM_COL_VALUE = PB_FORM_N_LOCKED,
  PB_FORM_COL_AS_OF,
  PB_FORM_COL_STATUS,
  PB_FORM_COL_PROGRESS,
  PB_FORM_COL_NOTE,
  PB_FORM_N_COLS,
} PbFormColumn;

const char *pb_form_column_title (PbFormColumn column);

/* A reporting period named as on the command line: 2026-Q3 or 2026-10. */
typedef struct
{
  PbPeriodKind kind;
  int          year;
  int          number;
  GDate        start;
  GDate        end;
  char         label[12];
} PbFormPeriod;

gboolean pb_form_period_parse (const char    *text,
                               PbFormPeriod  *period);
void     pb_form_period_for_date (const GDate *date,
                                  PbFormPeriod *period);
gboolean pb_form_period_for_plan (const GDate  *date,
                                  int           period_start,
                                  int           period_end,
                                  PbFormPeriod *period);
void     pb_form_period_default_due (const PbFormPeriod *period,
                                     GDate              *due);
gboolean pb_form_period_check_due   (const PbFormPeriod *period,
                                     const GDate        *due,
                                     GError            **error);

typedef struct
{
  gint64        item_id;
  gint64        indicator_id;       /* 0: the item's own row */
  char         *cells[PB_FORM_N_LOCKED];
  PbItemStatus  status;             /* the item's, for the fill-in cells */
  double        progress;           /* 0–1 */
  guint         item_rows;          /* on an item's first row: how many rows it has; else 0 */
  int           sent_status;        /* read back: the status the form was sent with + 1; 0 unknown */
} PbFormRow;

typedef struct
{
  char         *library_id;
  gint64        plan_id;
  char         *plan_title;
  gint64        organisation_id;
  char         *organisation;
  PbFormPeriod  period;
  gboolean      all_roles;          /* also the items it co-owns */
  GPtrArray    *rows;               /* PbFormRow */
} PbFormLayout;

void          pb_form_layout_free     (PbFormLayout *layout);
PbFormLayout *pb_form_layout_build    (PbStore            *store,
                                       gint64              plan_id,
                                       gint64              organisation_id,
                                       const PbFormPeriod *period,
                                       gboolean            all_roles,
                                       const GDate        *made,
                                       GError            **error);
char         *pb_form_checksum        (const char         *library_id,
                                       gint64              plan_id,
                                       gint64              organisation_id,
                                       const char         *period,
                                       GPtrArray          *rows);
GArray       *pb_store_list_form_organisations (PbStore   *store,
                                                gint64     plan_id,
                                                gboolean   all_roles);
char         *pb_store_dup_library_id (PbStore            *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbFormLayout, pb_form_layout_free)

/* ---- Who has reported ---- */

typedef enum
{
  PB_FORM_STATE_NOT_SENT,
  PB_FORM_STATE_SENT,
  PB_FORM_STATE_RETURNED,
  PB_FORM_STATE_LATE,
} PbFormState;

typedef struct
{
  gint64       organisation_id;
  char        *organisation;
  PbFormState  state;
  char        *sent_date;
  char        *due_date;
  char        *returned_date;
} PbFormStatus;

void        pb_form_status_free       (PbFormStatus *status);
char       *pb_store_dup_form_period  (PbStore      *store,
                                       gint64        plan_id);
GPtrArray  *pb_store_list_form_status (PbStore      *store,
                                       gint64        plan_id,
                                       const char   *period,
                                       const GDate  *today);
/* One round of forms: every form sent for one period. */
typedef struct
{
  char  *period;       /* 2026-Q4 */
  char  *sent_date;    /* the last day a form of it went out */
  char  *due_date;     /* the latest date to return one by, or NULL */
  guint  n_sent;
  guint  n_returned;
  guint  n_late;       /* not returned, past its date */
} PbFormRound;

void        pb_form_round_free        (PbFormRound  *round);
GPtrArray  *pb_store_list_form_rounds (PbStore      *store,
                                       gint64        plan_id,
                                       const GDate  *today);
gboolean    pb_store_record_forms_sent (PbStore     *store,
                                        gint64       plan_id,
                                        const char  *period,
                                        gboolean     all_roles,
                                        const char  *due_date,
                                        GArray      *organisation_ids,
                                        const GDate *today,
                                        GError     **error);

/* ---- What a returned form changes ---- */

typedef enum
{
  PB_FORM_CHANGE_ACTUAL,
  PB_FORM_CHANGE_STATUS,
  PB_FORM_CHANGE_PROGRESS,
  PB_FORM_CHANGE_NOTE,
} PbFormChangeKind;

typedef struct
{
  PbFormChangeKind kind;
  char            *cell;           /* where on the form, e.g. "G12" */
  gint64           item_id;
  gint64           indicator_id;
  char            *subject;        /* "3 加快5G网络建设 · 5G基站" */
  char            *before;         /* as shown, or NULL */
  char            *after;
  char             date[11];       /* the actual's or the note's date; the day
                                    * a status or progress is as of ("" today) */
  double           value;
  PbItemStatus     status;
  double           progress;       /* 0–1 */
  char            *text;           /* the note */
  gint64           conflict_id;    /* an actual of that day with another value */
  char            *warning;        /* why it is held back: a running total that falls */
  char            *refusal;        /* why it cannot be recorded at all, with the cell
                                    * ("H8: 2026-11-30 is after today."): never ticked */
  gboolean         accept;         /* record it (a conflict: replace the value) */
  gboolean         closed_period;  /* dated in a closed period: held back for it */
  gboolean         closed_only;    /* ... and for nothing else */
} PbFormChange;

char    *pb_store_dup_form_held_back (PbStore            *store,
                                      gint64              plan_id,
                                      gint64              organisation_id,
                                      const PbFormPeriod *period);
void     pb_form_change_free   (PbFormChange *change);
gboolean pb_store_apply_form   (PbStore     *store,
                                gint64       plan_id,
                                gint64       organisation_id,
                                const char  *period,
                                GPtrArray   *changes,
                                const GDate *today,
                                GError     **error);

G_END_DECLS
