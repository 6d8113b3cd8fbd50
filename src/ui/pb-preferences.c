/* pb-preferences.c — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user sets once: the light or dark style, the health thresholds, how amounts are written,
 * and the paper a new plan's report is laid out for. Each row is bound to
 * its GSettings key, so a change applies at once and is kept.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-preferences.h"

static const char * const number_styles[] = { "auto", "chinese", "grouped", "plain", NULL };
static const char * const styles[] = { "follow", "light", "dark", NULL };
static const char * const papers[] = { "a4", "a3", "a1", "a0", NULL };

static gboolean
percent_get (GValue   *value,
             GVariant *variant,
             gpointer  data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 100);
  return TRUE;
}

static GVariant *
percent_set (const GValue       *value,
             const GVariantType *type,
             gpointer            data)
{
  return g_variant_new_double (g_value_get_double (value) / 100);
}

static gboolean
choice_get (GValue   *value,
            GVariant *variant,
            gpointer  data)
{
  const char * const *choices = data;
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; choices[i]; i++)
    if (g_str_equal (s, choices[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
choice_set (const GValue       *value,
            const GVariantType *type,
            gpointer            data)
{
  const char * const *choices = data;
  guint i = g_value_get_uint (value);

  return g_variant_new_string (choices[MIN (i, g_strv_length ((char **) choices) - 1)]);
}

static GtkWidget *
percent_row (GSettings  *settings,
             const char *key,
             const char *title,
             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 5);

  gtk_widget_set_name (spin, key);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("%"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_settings_bind_with_mapping (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                percent_get, percent_set, NULL, NULL);
  return row;
}

/* A choice reads whole, in the closed row as in its list: never cut to
 * "…" (libadwaita's own labels stop at about 20 characters), wrapped
 * when the row is narrower than its words. The list marks the chosen one
 * with a check, as libadwaita's does. */
static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  in_list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (in_list)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_list_item_set_child (item, box);
}

static void
choice_update_check (GtkListItem *item,
                     GParamSpec  *pspec,
                     AdwComboRow *row)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  if (GTK_IS_IMAGE (check))
    gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
choice_selected_cb (AdwComboRow *row,
                    GParamSpec  *pspec,
                    GtkListItem *item)
{
  choice_update_check (item, NULL, row);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  in_list)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  AdwComboRow *row = g_object_get_data (G_OBJECT (factory), "pb-row");

  gtk_label_set_text (GTK_LABEL (label), choice ? gtk_string_object_get_string (choice) : "");
  if (in_list && row)
    {
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_selected_cb), item, 0);
      choice_update_check (item, NULL, row);
    }
}

static void
choice_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  in_list)
{
  AdwComboRow *row = g_object_get_data (G_OBJECT (factory), "pb-row");

  if (in_list && row)
    g_signal_handlers_disconnect_by_func (row, choice_selected_cb, item);
}

static GtkListItemFactory *
choice_factory (AdwComboRow *row,
                gboolean     in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  /* The row owns the factory: a plain pointer back to it. */
  g_object_set_data (G_OBJECT (factory), "pb-row", row);
  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "unbind", G_CALLBACK (choice_unbind_cb), GINT_TO_POINTER (in_list));
  return factory;
}

static GtkWidget *
choice_row (GSettings          *settings,
            const char         *key,
            const char         *title,
            const char * const *labels,
            const char * const *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkListItemFactory) factory = choice_factory (ADW_COMBO_ROW (row), FALSE);
  g_autoptr(GtkListItemFactory) list_factory = choice_factory (ADW_COMBO_ROW (row), TRUE);

  adw_combo_row_set_factory (ADW_COMBO_ROW (row), factory);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), list_factory);
  gtk_widget_set_name (row, key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (labels)));
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_get, choice_set, (gpointer) choices, NULL);
  return row;
}

/**
 * pb_preferences_window_new:
 * @parent: (nullable): the main window
 * @settings: the application's settings
 *
 * Returns: (transfer none): the window, shown
 */
GtkWindow *
pb_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  const char *style_labels[] = { _("As the language writes them"), _("In 万 and 亿: 6.5万"),
                                 _("With separators: 65,000"), _("Plain: 65000"), NULL };
  const char *paper_labels[] = { "A4", "A3", "A1", "A0", NULL };
  const char *style_choice_labels[] = { _("Follow System"), _("Light"), _("Dark"), NULL };
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *appearance = adw_preferences_group_new ();
  GtkWidget *health = adw_preferences_group_new ();
  GtkWidget *numbers = adw_preferences_group_new ();
  GtkWidget *printing = adw_preferences_group_new ();
  GtkWidget *landscape = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("Preferences"));
  if (parent)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (appearance), _("Appearance"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (appearance),
                             choice_row (settings, "style", _("Style"), style_choice_labels, styles));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (health), _("Health"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (health),
                                         _("Completion is the progress made over the progress expected by the date of the latest actual."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (health),
                             percent_row (settings, "health-blue-threshold", _("On Track From"),
                                          _("Blue ● at or above this completion")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (health),
                             percent_row (settings, "health-yellow-threshold", _("Behind From"),
                                          _("Yellow ▲ at or above this; red ■ below")));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (numbers), _("Numbers"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (numbers),
                             choice_row (settings, "number-style", _("Amounts"), style_labels, number_styles));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (printing), _("Reports"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (printing),
                                         _("For a plan's first report; each plan then keeps its own."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (printing),
                             choice_row (settings, "default-paper", _("Paper"), paper_labels, papers));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (landscape), _("Landscape"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_name (toggle, "default-landscape");
  adw_action_row_add_suffix (ADW_ACTION_ROW (landscape), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (landscape), toggle);
  g_settings_bind (settings, "default-landscape", toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (printing), landscape);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (appearance));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (health));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (numbers));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (printing));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
