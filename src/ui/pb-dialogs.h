/* pb-dialogs.h — the small dialogs of supervision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-store.h"

G_BEGIN_DECLS

GtkWindow *pb_actual_dialog_new       (GtkWidget      *parent,
                                       PbStore        *store,
                                       PbIndicator    *indicator,
                                       PbActual       *actual);
GtkWindow *pb_close_period_dialog_new (GtkWidget      *parent,
                                       PbStore        *store,
                                       PbPlan         *plan);
GtkWindow *pb_indicator_merge_dialog_new (GtkWidget   *parent,
                                          PbStore     *store,
                                          PbIndicator *indicator);
GtkWindow *pb_merge_dialog_new        (GtkWidget      *parent,
                                       PbStore        *store,
                                       PbOrganisation *organisation);
GtkWindow *pb_rename_dialog_new       (GtkWidget      *parent,
                                       PbStore        *store,
                                       PbOrganisation *organisation);
GtkWindow *pb_rename_indicator_dialog_new (GtkWidget   *parent,
                                           PbStore     *store,
                                           PbIndicator *indicator);

G_END_DECLS
