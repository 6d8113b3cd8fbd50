/* pb-outline.h — a plan's sections and items in document order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-model.h"
#include "pb-store.h"

G_BEGIN_DECLS

typedef struct
{
  PbSection *section;    /* (nullable): NULL for the items in no section */
  guint      depth;      /* 0 for a top-level section */
  gboolean   continued;  /* the section goes on after a sub-section of its own */
  GPtrArray *items;      /* PbItem, in document order */
} PbOutlineRun;

void       pb_outline_run_free (PbOutlineRun *run);
GPtrArray *pb_outline_build    (GPtrArray    *sections,
                                GPtrArray    *items);
GPtrArray *pb_outline_build_full (GPtrArray  *sections,
                                  GPtrArray  *items,
                                  gboolean    every_section);
GPtrArray *pb_outline_new_from_store_full (PbStore *store,
                                           gint64   plan_id,
                                           gboolean every_section);
char      *pb_outline_run_dup_title (const PbOutlineRun *run);
GPtrArray *pb_outline_new_from_store (PbStore *store,
                                      gint64   plan_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOutlineRun, pb_outline_run_free)

G_END_DECLS
