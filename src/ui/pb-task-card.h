/* pb-task-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_TASK_CARD (pb_task_card_get_type ())
G_DECLARE_FINAL_TYPE (PbTaskCard, pb_task_card, PB, TASK_CARD, GtkWidget)

GtkWidget *pb_task_card_new       (PbStore    *store);
GtkWidget *pb_task_card_new_deferred (PbStore *store);
PbItem    *pb_task_card_get_item  (PbTaskCard *self);
void       pb_task_card_set_item  (PbTaskCard *self,
                                   PbItem     *item);
PbHealth   pb_task_card_get_health (PbTaskCard *self);
void       pb_task_card_set_today (PbTaskCard  *self,
                                   const GDate *today);
void       pb_task_card_set_details (PbTaskCard *self,
                                     const char *leads,
                                     guint       n_indicators,
                                     guint       n_responsible);

gboolean   pb_task_card_get_stale (PbTaskCard *self);
void       pb_task_card_show_now  (PbTaskCard *self);

G_END_DECLS
