/* pb-test-ui.h — the application under test, for the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-application.h"
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
PbItem *pb_test_app_item_titled (PbTestApp  *t,
                                 const char *title);

G_END_DECLS
