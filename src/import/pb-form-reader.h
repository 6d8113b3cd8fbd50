/* pb-form-reader.h — returned progress forms: read, match, review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-forms.h"

G_BEGIN_DECLS

typedef struct
{
  char         *path;
  char         *file_name;
  gboolean      refused;        /* nothing of it can be recorded */
  GPtrArray    *refusals;       /* char *: why, with the cell */
  GPtrArray    *warnings;       /* char *: what was ignored, with the cell */
  GPtrArray    *changes;        /* PbFormChange */
  gint64        plan_id;
  gint64        organisation_id;
  char         *organisation;
  PbFormPeriod  period;
  guint         n_rows;
  guint         n_unchanged;    /* rows with nothing new */
  GDate         today;          /* the day it is read on: no value after it */
} PbFormReview;

PbFormReview *pb_form_review_read   (PbStore       *store,
                                     gint64         plan_id,
                                     const char    *path,
                                     const GDate   *today);
void          pb_form_review_free   (PbFormReview  *review);
guint         pb_form_review_count  (PbFormReview  *review,
                                     PbFormChangeKind kind,
                                     gboolean       conflicts);
char         *pb_form_review_format (PbFormReview  *review);
gboolean      pb_form_review_apply  (PbStore       *store,
                                     PbFormReview  *review,
                                     const GDate   *today,
                                     GError       **error);
gboolean      pb_form_is_supported_file (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbFormReview, pb_form_review_free)

G_END_DECLS
