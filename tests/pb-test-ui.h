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
void pb_test_wait_frame (GtkWidget *widget);
void pb_test_assert_undo_toast (AdwToast *toast,
                                PbStore  *store);
PbItem *pb_test_app_item_titled (PbTestApp  *t,
                                 const char *title);

PbTaskCard *pb_test_find_card (GtkWidget *root,
                               gint64     item_id);
gboolean pb_test_card_says (PbWindow   *window,
                            gint64      item_id,
                            const char *text);

GtkWidget *pb_test_toplevel_of_type (GType type);
AdwMessageDialog *pb_test_message_dialog (void);
void pb_test_answer_question (const char *heading,
                              const char *response);

/* Widgets under @root (not @root itself), depth first in the order the
 * widget tree holds them: the first that fits, or NULL. */
GtkWidget *pb_test_find_type       (GtkWidget  *root,
                                    GType       type);
GtkWidget *pb_test_child_of_type   (GtkWidget  *root,
                                    GType       type,
                                    const char *title);
GtkWidget *pb_test_button_labelled (GtkWidget  *root,
                                    const char *label);
GtkWidget *pb_test_find_named      (GtkWidget  *root,
                                    const char *name);
GtkWidget *pb_test_menu_entry      (GtkWidget  *root,
                                    const char *label);
void       pb_test_collect         (GtkWidget  *root,
                                    GType       type,
                                    GPtrArray  *out);
gboolean   pb_test_save_shot        (GtkWidget  *widget,
                                      const char *name);

/* Real input through the X server (XTest), for the suites that press keys
 * and drive the pointer as a planner's hands do: they need Xvfb. Keys are
 * GDK keyvals (GDK_KEY_Escape...). */
void pb_test_x_raise       (GtkWidget *widget);
void pb_test_x_focus       (GtkWidget *widget);
void pb_test_x_move_window (GtkWidget *widget,
                            int        x,
                            int        y);
void pb_test_x_key         (guint      keyval,
                            gboolean   down);
void pb_test_x_button      (guint      button,
                            gboolean   down);
void pb_test_x_root_point  (GtkWidget *widget,
                            double     x,
                            double     y,
                            int       *root_x,
                            int       *root_y);
void pb_test_x_move        (int        root_x,
                            int        root_y);
void pb_test_x_move_to     (GtkWidget *widget,
                            double     x,
                            double     y);
void pb_test_x_send_key    (GtkWidget       *window,
                            guint            keyval,
                            GdkModifierType  mods);
void pb_test_x_press_in    (GtkWidget       *window,
                            guint            keyval,
                            GdkModifierType  mods);
void pb_test_x_type        (GtkWidget       *widget,
                            guint            keyval,
                            GdkModifierType  mods);
void pb_test_x_click       (guint            button,
                            GdkModifierType  mods);
void pb_test_x_click_at    (GtkWidget       *widget,
                            double           x,
                            double           y,
                            guint            button,
                            GdkModifierType  mods);

G_END_DECLS
