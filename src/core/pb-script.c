/* pb-script.c — which script a plan is written in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same Unicode character is drawn differently in simplified and in
 * traditional Chinese fonts (骨, 直, 角, 说/說), and Pango picks the forms
 * from the text's language. A plan printed or charted must use its own
 * script's forms, whatever the reader's locale: a plan from Taiwan or Hong
 * Kong reads in TC forms in a zh_CN session, a mainland plan in SC forms
 * in a zh_TW or English one. The script is told by counting characters
 * that exist in one script only — common ones of plan documents, in pairs.
 */
#define G_LOG_DOMAIN "pb-script"

#include "config.h"

#include "pb-script.h"

/* Pairs, simplified then traditional, of characters plans use often. */
static const char simplified[] =
  "们个这来说时国会为与发业区设经济务网资讯电数据动机关门开长专医疗学术达实际点线铁车东应历标准规划"
  "体产进运总领导组织协调项质监测层级创单责县镇乡农书记环节财厅办处储链级验测试显营";
static const char traditional[] =
  "們個這來說時國會為與發業區設經濟務網資訊電數據動機關門開長專醫療學術達實際點線鐵車東應歷標準規劃"
  "體產進運總領導組織協調項質監測層級創單責縣鎮鄉農書記環節財廳辦處儲鏈級驗測試顯營";

static GHashTable *
script_table (void)
{
  static gsize once;
  static GHashTable *table;

  if (g_once_init_enter (&once))
    {
      GHashTable *t = g_hash_table_new (NULL, NULL);

      for (const char *s = simplified, *u = traditional; *s && *u; s = g_utf8_next_char (s), u = g_utf8_next_char (u))
        {
          gunichar sc = g_utf8_get_char (s), tc = g_utf8_get_char (u);

          if (sc == tc)
            continue;
          g_hash_table_insert (t, GUINT_TO_POINTER (sc), GINT_TO_POINTER (1));
          g_hash_table_insert (t, GUINT_TO_POINTER (tc), GINT_TO_POINTER (2));
        }
      table = t;
      g_once_init_leave (&once, 1);
    }
  return table;
}

/**
 * pb_script_guess_language:
 * @text: (nullable): Chinese text
 *
 * Returns: "zh-tw" when @text is written in traditional characters,
 *   "zh-cn" when in simplified ones, %NULL when it cannot tell
 */
const char *
pb_script_guess_language (const char *text)
{
  GHashTable *table = script_table ();
  guint counts[3] = { 0, 0, 0 };

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    counts[GPOINTER_TO_INT (g_hash_table_lookup (table, GUINT_TO_POINTER (g_utf8_get_char (p))))]++;
  if (counts[2] > counts[1])
    return "zh-tw";
  if (counts[1] > 0)
    return "zh-cn";
  return NULL;
}

/**
 * pb_store_get_plan_language:
 * @store: a store
 * @plan_id: a plan
 *
 * Returns: the language whose font forms the plan's Chinese takes:
 *   "zh-tw" for a plan in traditional characters, else "zh-cn"
 */
const char *
pb_store_get_plan_language (PbStore *store,
                            gint64   plan_id)
{
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *language;

  g_return_val_if_fail (PB_IS_STORE (store), "zh-cn");

  plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  if (plan == NULL)
    return "zh-cn";
  g_string_append (text, pb_plan_get_title (plan));
  items = pb_store_list_items (store, plan_id);
  for (guint i = 0; i < g_list_model_get_n_items (items) && text->len < 20000; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      g_string_append (text, pb_item_get_title (item));
    }
  language = pb_script_guess_language (text->str);
  return language ? language : "zh-cn";
}
