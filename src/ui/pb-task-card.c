/* pb-task-card.c — one item on the board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Number and title (long Chinese titles wrap, then ellipsize with the whole
 * title as a tooltip), the lead organisations as chips, the date range, a
 * progress bar, the health as a coloured and patterned stripe with a symbol
 * (readable without colour), and counts of indicators and responsible
 * organisations. The card follows its item: a change in the store updates
 * it.
 */
#define G_LOG_DOMAIN "pb-task-card"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-health.h"
#include "pb-health-style.h"
#include "pb-task-card.h"
#include "pb-ui-util.h"

struct _PbTaskCard
{
  GtkWidget    parent_instance;

  PbStore     *store;
  PbItem      *item;
  gulong       notify_id;
  GDate        today;
  PbHealth     health;
  gboolean     has_details;
  char        *health_reason; /* a copy: the store's is judged again when the
                                * thresholds or Preferences › Amounts change */
  char        *leads_text;
  guint        n_indicators;
  guint        n_responsible;
  gboolean     deferred;   /* shows its item only when asked (pb_task_card_show_now) */
  gboolean     stale;      /* deferred, and not showing its item yet */

  GtkWidget   *stripe;
  GtkWidget   *number;
  GtkWidget   *title;
  GtkWidget   *symbol;
  GtkWidget   *by_hand;    /* the mark of a health set by hand */
  GtkWidget   *leads;
  GtkWidget   *details;
  GtkWidget   *progress;
  GtkWidget   *change;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_ITEM,
  PROP_HEALTH,
  PROP_DEFERRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PbTaskCard, pb_task_card, GTK_TYPE_WIDGET)

static void
draw_stripe (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  PbTaskCard *self = user_data;

  pb_health_paint_swatch (cr, self->health, 0, 0, width, height);
}

static void update_now (PbTaskCard *self);

#define DEFERRED_HEIGHT 120 /* a deferred card before its first item: about a card */

/* A deferred card given a new item shows it only when it comes into view
 * (pb_task_card_show_now): the board's lists keep about 30 cards of a
 * column bound, 5 or 6 in view, and setting and shaping their labels was
 * most of a board's start. Until then changes wait too. */
static void
update (PbTaskCard *self)
{
  if (self->stale)
    return;
  update_now (self);
}

static void build_children (PbTaskCard *self);

static void
update_now (PbTaskCard *self)
{
  PbRecord *r;
  g_autofree char *own_leads = NULL;
  g_autofree char *start = NULL;
  g_autofree char *due = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *indicators = NULL;
  g_autofree char *responsible = NULL;
  const char *reason = NULL;
  const char *leads;
  PbHealth health;
  gboolean by_hand;
  guint n_indicators, n_responsible;
  gint64 id;

  if (self->item == NULL || self->store == NULL || pb_record_is_deleted (PB_RECORD (self->item)))
    return;
  if (!g_date_valid (&self->today))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }
  if (self->stripe == NULL)
    {
      build_children (self);
      gtk_widget_set_size_request (GTK_WIDGET (self), -1, -1);
    }

  r = PB_RECORD (self->item);
  id = pb_record_get_id (r);

  /* What the board knows of every item at once, else ask the store. */
  if (self->has_details)
    {
      leads = self->leads_text ? self->leads_text : "";
      n_indicators = self->n_indicators;
      n_responsible = self->n_responsible;
    }
  else
    {
      own_leads = pb_store_dup_lead_names (self->store, id);
      leads = own_leads;
      n_indicators = pb_store_count (self->store, PB_TYPE_ITEM_INDICATOR, "item_id", id);
      n_responsible = pb_store_count_item_orgs (self->store, id, PB_ROLE_RESPONSIBLE);
    }

  health = pb_store_get_item_health (self->store, self->item, &self->today, &reason);
  if (health != self->health)
    {
      static const char *classes[] = { "health-none", "health-blue", "health-yellow", "health-red" };

      gtk_widget_remove_css_class (GTK_WIDGET (self), classes[self->health]);
      gtk_widget_add_css_class (GTK_WIDGET (self), classes[health]);
      self->health = health;
      /* No health, no symbol: as a new card shows it (a card the board
       * reuses for another item must look the same). */
      gtk_label_set_text (GTK_LABEL (self->symbol), health == PB_HEALTH_NONE ? "" : pb_health_get_symbol (health));
      gtk_widget_queue_draw (self->stripe);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH]);
    }
  g_free (self->health_reason);
  self->health_reason = g_strdup (reason);
  /* A light set by hand is marked as such beside it, not taken for one
   * the figures earned (rev21 finding 21); its tooltip says when and why. */
  by_hand = health != PB_HEALTH_NONE && pb_item_health_is_set_by_hand (self->item);
  gtk_widget_set_visible (self->by_hand, by_hand);

  gtk_label_set_text (GTK_LABEL (self->number), pb_item_get_number (self->item));
  gtk_widget_set_visible (self->number, pb_item_get_number (self->item)[0] != '\0');
  gtk_label_set_text (GTK_LABEL (self->title), pb_item_get_title (self->item));

  gtk_label_set_text (GTK_LABEL (self->leads), leads);
  gtk_widget_set_visible (self->leads, leads[0] != '\0');

  /* Months as the language writes them: 2025年1月, 2025-01 (DESIGN §7). */
  start = pb_format_iso_month (pb_record_get_string (r, "start_date"));
  due = pb_format_iso_month (pb_record_get_string (r, "due_date"));
  indicators = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators", n_indicators),
                                n_indicators);
  /* TRANSLATORS: how many organisations are responsible for an item */
  responsible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u responsible", "%u responsible", n_responsible),
                                 n_responsible);
  {
    /* TRANSLATORS: an item's months on its card, "2025-01 – 2027-12" */
    g_autofree char *span = g_strdup_printf (C_("month range", "%s – %s"), start, due);

    details = g_strdup_printf ("%s · %s\n%s · %s", span, pb_status_get_name (pb_item_get_status (self->item)),
                               indicators, responsible);
  }
  gtk_label_set_text (GTK_LABEL (self->details), details);

  /* Since the last closed period: the health it had, and the progress made. */
  {
    g_autofree char *change = pb_ui_dup_period_change (self->store, self->item, &self->today);

    gtk_label_set_text (GTK_LABEL (self->change), change);
    gtk_widget_set_visible (self->change, change[0] != '\0');
    if (change[0] != '\0')
      {
        /* Translators: on a card, what changed since the last closed period */
        g_autofree char *tip = g_strdup_printf (_("Since the last period: %s"), change);
        gtk_widget_set_tooltip_text (self->change, tip);
      }
  }


  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress),
                                 CLAMP (pb_store_get_item_completion (self->store, self->item, &self->today), 0.0, 1.0));

  {
    /* Translators: a card's health for a screen reader, when it is set by
     * hand: "On track, set by hand" */
    g_autofree char *health_words = by_hand ? g_strdup_printf (_("%s, set by hand"), pb_health_get_name (health))
                                            : g_strdup (pb_health_get_name (health));

    /* TRANSLATORS: what a screen reader says for a card: number, title,
     * lead organisations, status, health */
    accessible = g_strdup_printf (_("%s %s. Lead: %s. %s. %s."),
                                  pb_item_get_number (self->item), pb_item_get_title (self->item),
                                  leads[0] ? leads : _("none"),
                                  pb_status_get_name (pb_item_get_status (self->item)), health_words);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/**
 * pb_task_card_set_details:
 * @self: a card
 * @leads: (nullable): the lead organisations' names, joined
 * @n_indicators: the item's indicators
 * @n_responsible: its responsible organisations
 *
 * What a board that knows every item's organisations at once tells the
 * card, so that showing a card asks the store nothing. Call before
 * pb_task_card_set_item().
 */
void
pb_task_card_set_details (PbTaskCard *self,
                          const char *leads,
                          guint       n_indicators,
                          guint       n_responsible)
{
  g_return_if_fail (PB_IS_TASK_CARD (self));

  self->has_details = TRUE;
  g_free (self->leads_text);
  self->leads_text = g_strdup (leads);
  self->n_indicators = n_indicators;
  self->n_responsible = n_responsible;
}

PbItem *
pb_task_card_get_item (PbTaskCard *self)
{
  g_return_val_if_fail (PB_IS_TASK_CARD (self), NULL);
  return self->item;
}

void
pb_task_card_set_item (PbTaskCard *self,
                       PbItem     *item)
{
  g_return_if_fail (PB_IS_TASK_CARD (self));
  g_return_if_fail (item == NULL || PB_IS_ITEM (item));

  if (self->item == item)
    {
      /* Rebound to the same item with new details. */
      update (self);
      return;
    }

  if (self->item)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  if (item)
    self->notify_id = g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  self->stale = self->deferred && item != NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

PbHealth
pb_task_card_get_health (PbTaskCard *self)
{
  g_return_val_if_fail (PB_IS_TASK_CARD (self), PB_HEALTH_NONE);
  pb_task_card_show_now (self);
  return self->health;
}

/**
 * pb_task_card_get_stale:
 * @self: a card
 *
 * Returns: %TRUE while a deferred card does not show its item yet
 */
gboolean
pb_task_card_get_stale (PbTaskCard *self)
{
  g_return_val_if_fail (PB_IS_TASK_CARD (self), FALSE);
  return self->stale;
}

/**
 * pb_task_card_show_now:
 * @self: a card
 *
 * Shows the card's item now if it waits to (a deferred card coming into
 * view). A card that shows its item already follows it by itself.
 */
void
pb_task_card_show_now (PbTaskCard *self)
{
  g_return_if_fail (PB_IS_TASK_CARD (self));

  if (!self->stale)
    return;
  self->stale = FALSE;
  update_now (self);
}

void
pb_task_card_set_today (PbTaskCard  *self,
                        const GDate *today)
{
  g_return_if_fail (PB_IS_TASK_CARD (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_valid (&self->today) && g_date_compare (&self->today, today) == 0)
    return;
  self->today = *today;
  update (self);
}

/* Tooltips are made when asked for: setting one on every update costs a
 * round trip to the display server. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  PbTaskCard *self)
{
  g_autofree char *text = NULL;

  if (self->item == NULL || !pb_ui_tooltip_wanted (widget, keyboard))
    return FALSE;

  if (widget == self->symbol || widget == self->by_hand)
    text = g_strdup_printf ("%s — %s", pb_health_get_name (self->health), self->health_reason ? self->health_reason : "");
  else if (widget == self->leads)
    text = g_strdup (gtk_label_get_text (GTK_LABEL (self->leads)));
  else
    text = g_strdup (pb_item_get_title (self->item));

  pb_ui_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pb_task_card_dispose (GObject *object)
{
  PbTaskCard *self = PB_TASK_CARD (object);
  GtkWidget *child;

  if (self->item)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
  g_clear_object (&self->store);
  g_clear_pointer (&self->leads_text, g_free);
  g_clear_pointer (&self->health_reason, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_task_card_parent_class)->dispose (object);
}

static void
pb_task_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PbTaskCard *self = PB_TASK_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_HEALTH:
      g_value_set_enum (value, self->health);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_task_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PbTaskCard *self = PB_TASK_CARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ITEM:
      pb_task_card_set_item (self, g_value_get_object (value));
      break;
    case PROP_DEFERRED:
      self->deferred = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_task_card_constructed (GObject *object)
{
  PbTaskCard *self = PB_TASK_CARD (object);

  G_OBJECT_CLASS (pb_task_card_parent_class)->constructed (object);
  if (self->deferred)
    gtk_widget_set_size_request (GTK_WIDGET (self), -1, DEFERRED_HEIGHT);
  else
    build_children (self);
}

static void
pb_task_card_class_init (PbTaskCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pb_task_card_constructed;
  object_class->dispose = pb_task_card_dispose;
  object_class->get_property = pb_task_card_get_property;
  object_class->set_property = pb_task_card_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, PB_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEALTH] =
    g_param_spec_enum ("health", NULL, NULL, PB_TYPE_HEALTH, PB_HEALTH_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFERRED] =
    g_param_spec_boolean ("deferred", NULL, NULL, FALSE,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taskcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* A card's labels, stripe and bar: made with the card, or for a deferred
 * card when it first shows an item (until then it is an empty card of
 * about a card's height). */

static void
build_children (PbTaskCard *self)
{
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->stripe = gtk_drawing_area_new ();
  gtk_widget_set_size_request (self->stripe, 8, -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->stripe), draw_stripe, self, NULL);
  gtk_widget_add_css_class (self->stripe, "health-stripe");
  gtk_widget_set_parent (self->stripe, GTK_WIDGET (self));

  gtk_widget_set_hexpand (body, TRUE);
  gtk_widget_set_margin_start (body, 10);
  gtk_widget_set_margin_end (body, 10);
  gtk_widget_set_margin_top (body, 8);
  gtk_widget_set_margin_bottom (body, 8);
  gtk_widget_set_parent (body, GTK_WIDGET (self));

  self->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->number, "card-number");
  gtk_label_set_yalign (GTK_LABEL (self->number), 0);
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (self->title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->title), 16);
  /* The natural width of a wrapped label is found by trying widths, each a
   * full Pango layout; a card's width is the column's, so skip that. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (self->title), GTK_NATURAL_WRAP_NONE);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_widget_add_css_class (self->title, "heading");
  self->symbol = gtk_label_new (NULL);
  gtk_label_set_yalign (GTK_LABEL (self->symbol), 0);
  gtk_widget_add_css_class (self->symbol, "health-symbol");
  self->by_hand = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (self->by_hand, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->by_hand, 2);
  gtk_widget_add_css_class (self->by_hand, "health-by-hand");
  gtk_widget_set_visible (self->by_hand, FALSE);
  /* Translators: the accessible name of the mark on a card whose health
   * was set by hand */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->by_hand), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Health set by hand"), -1);
  for (GtkWidget **w = (GtkWidget *[]) { self->title, self->symbol, self->by_hand, NULL }; *w; w++)
    {
      gtk_widget_set_has_tooltip (*w, TRUE);
      g_signal_connect (*w, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
    }
  gtk_box_append (GTK_BOX (head), self->number);
  gtk_box_append (GTK_BOX (head), self->title);
  gtk_box_append (GTK_BOX (head), self->by_hand);
  gtk_box_append (GTK_BOX (head), self->symbol);
  gtk_box_append (GTK_BOX (body), head);

  self->leads = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->leads), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->leads), PANGO_ELLIPSIZE_END);
  gtk_widget_set_halign (self->leads, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->leads, "lead-chip");
  gtk_widget_set_has_tooltip (self->leads, TRUE);
  g_signal_connect (self->leads, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_box_append (GTK_BOX (body), self->leads);

  self->details = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->details), 0);
  gtk_widget_add_css_class (self->details, "caption");
  gtk_widget_add_css_class (self->details, "dim-label");
  gtk_box_append (GTK_BOX (body), self->details);

  self->change = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->change), 0);
  gtk_widget_add_css_class (self->change, "caption");
  gtk_widget_add_css_class (self->change, "period-change");
  gtk_widget_set_visible (self->change, FALSE);
  gtk_box_append (GTK_BOX (body), self->change);
  self->progress = gtk_progress_bar_new ();
  gtk_box_append (GTK_BOX (body), self->progress);
}

static void
pb_task_card_init (PbTaskCard *self)
{
  /* Today is found when first needed (update_now), unless given first:
   * the board gives its day to every card it makes, and the local time
   * zone's look-up was a few percent of a regroup's new cards. */
  g_date_clear (&self->today, 1);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

GtkWidget *
pb_task_card_new (PbStore *store)
{
  return g_object_new (PB_TYPE_TASK_CARD, "store", store, NULL);
}

/**
 * pb_task_card_new_deferred:
 * @store: a store
 *
 * A card that shows an item it is given only when asked to
 * (pb_task_card_show_now(), as it comes into view): until then it keeps
 * the item (pb_task_card_get_item()) but neither sets nor shapes its
 * labels, and before its first item it has no labels at all, only a
 * card's height. Once shown, it follows its item's changes as any card.
 * The board's lists keep about 30 cards of each column bound, 5 or 6 of
 * them on screen.
 *
 * Returns: a card
 */
GtkWidget *
pb_task_card_new_deferred (PbStore *store)
{
  return g_object_new (PB_TYPE_TASK_CARD, "store", store, "deferred", TRUE, NULL);
}
