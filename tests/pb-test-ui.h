/* pb-test-ui.h — the application under test, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-application.h"
#include "pb-task-card.h"
#include "pb-window.h"

G_BEGIN_DECLS

typedef struct
{
  char          *dir;
  PbApplication *app;
  PbWindow      *window;
  PbStore       *store;
} PbTestApp;

void pb_test_app_start (PbTestApp *t);
void pb_test_app_stop  (PbTestApp *t);
void pb_test_spin      (void);
void pb_test_settle_for (guint ms);
PbItem *pb_test_app_item_titled (PbTestApp  *t,
                                 const char *title);

PbTaskCard *pb_test_find_card (GtkWidget *root,
                               gint64     item_id);
gboolean pb_test_card_says (PbWindow   *window,
                            gint64      item_id,
                            const char *text);

GtkWidget *pb_test_toplevel_of_type (GType type);
gboolean   pb_test_save_shot        (GtkWidget  *widget,
                                      const char *name);

G_END_DECLS
