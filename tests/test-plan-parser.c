/* test-plan-parser.c — reading plan documents, convention by convention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents in tests/data/import are written for these tests, one or
 * more conventions each (DESIGN §1, shared/corpus/SCHEMA.md). The real
 * documents in shared/corpus are scored by check-corpus.sh.
 */
#include "config.h"

#include <math.h>

#include "pb-cn-number.h"
#include "pb-document.h"
#include "pb-plan-parser.h"
#include "pb-text-source.h"

static JsonObject *
parse_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *node = pb_document_parse (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  /* The fixture is kept alive by the test's lifetime. */
  return json_node_get_object (node);
}

static JsonObject *
item (JsonObject *plan,
      const char *number,
      const char *title)
{
  JsonArray *items = json_object_get_array_member (plan, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (it, "number"), number) &&
          g_str_equal (json_object_get_string_member (it, "title"), title))
        return it;
    }
  g_error ("no item %s %s", number, title);
}

static char *
joined (JsonObject *it,
        const char *member)
{
  JsonArray *a = json_object_get_array_member (it, member);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (a); i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", json_array_get_string_element (a, i));
  return g_string_free (s, FALSE);
}

#define assert_units(it, member, expected) \
  G_STMT_START { g_autofree char *_j = joined (it, member); g_assert_cmpstr (_j, ==, expected); } G_STMT_END

/* A target as "year value unit comparator [stretch] [implied] [borderline]". */
static char *
targets_of (JsonObject *it)
{
  JsonArray *a = json_object_get_array_member (it, "targets");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *t = json_array_get_object_element (a, i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT " %g %s %s%s%s%s", i ? "; " : "",
                              json_object_get_int_member (t, "year"),
                              json_object_get_double_member (t, "value"),
                              json_object_get_string_member (t, "unit"),
                              json_object_get_string_member (t, "comparator"),
                              json_object_get_boolean_member (t, "stretch") ? " stretch" : "",
                              json_object_get_boolean_member (t, "year_implied") ? " implied" : "",
                              g_str_equal (json_object_get_string_member (t, "confidence"), "borderline") ? " borderline" : "");
    }
  return g_string_free (s, FALSE);
}

#define assert_targets(it, expected) \
  G_STMT_START { g_autofree char *_t = targets_of (it); g_assert_cmpstr (_t, ==, expected); } G_STMT_END

static void
test_numbers (void)
{
  struct { const char *text; double value; } good[] = {
    { "2600", 2600 }, { "6.5万", 65000 }, { "1400亿", 1.4e11 }, { "两千", 2000 },
    { "十二", 12 }, { "一百五十", 150 }, { "20,000", 20000 }, { "1.2万亿", 1.2e12 },
    { "3千万", 3e7 }, { "2.5", 2.5 }, { "十", 10 }, { "三千五百", 3500 }, { "1万", 1e4 },
    { "２６００", 2600 },
  };
  const char *bad[] = { "", "万", "abc", "二〇二二", "1.2.3", "五G" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      double v = -1;

      if (!pb_cn_number_parse (good[i].text, &v))
        g_error ("%s is a number", good[i].text);
      g_assert_cmpfloat_with_epsilon (v, good[i].value, good[i].value * 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v;
      if (pb_cn_number_parse (bad[i], &v))
        g_error ("%s is not a number", bad[i]);
    }
}

/* 工作要点: X牵头 in the prose and in brackets, 配合, 按职责分工负责,
 * Chinese numerals, a one-year period, 已建成 facts, 1、 headings. */
static void
test_work_plan (void)
{
  JsonObject *plan = parse_file ("work-plan.txt");
  JsonObject *period = json_object_get_object_member (plan, "period");

  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "青川市2023年数字经济发展工作要点");
  g_assert_cmpint (json_object_get_int_member (period, "start"), ==, 2023);
  g_assert_cmpint (json_object_get_int_member (period, "end"), ==, 2023);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "sections")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 5);

  assert_units (item (plan, "1", "加快5G网络建设"), "lead_units", "市通信管理办");
  assert_units (item (plan, "1", "加快5G网络建设"), "responsible_units", "市住建局|市自然资源局");
  assert_targets (item (plan, "1", "加快5G网络建设"), "2023 1500 个 = implied");

  assert_units (item (plan, "2", "推进数据中心建设"), "lead_units", "市发改委");
  assert_targets (item (plan, "2", "推进数据中心建设"), "2023 2000 架 >= implied");

  assert_units (item (plan, "3", "提升城市感知能力"), "lead_units", "");
  assert_units (item (plan, "3", "提升城市感知能力"), "responsible_units", "市大数据局|市住建局");
  assert_targets (item (plan, "3", "提升城市感知能力"), "2023 2000 个 = implied");

  assert_targets (item (plan, "4", "培育数字经济企业"), "2023 12 家 = implied; 2023 10 % ~ implied");
  assert_units (item (plan, "5", "推进工业互联网应用"), "responsible_units", "各县(市、区)人民政府");
  /* 已建成的3个平台 is a fact, not a target. */
  assert_targets (item (plan, "5", "推进工业互联网应用"), "2023 200 家 >= implied");
}

/* A traditional-script repost: keywords match, names stay as printed. */
static void
test_traditional (void)
{
  JsonObject *plan = parse_file ("traditional.txt");
  JsonObject *task = item (plan, "1", "加快5G網絡建設");
  JsonObject *t;

  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "雲河市新型基礎設施建設三年行動方案(2022—2024年)");
  assert_units (task, "lead_units", "市工業和信息化局");
  assert_units (task, "responsible_units", "各區、縣〔市〕政府|市住房城鄉建設局");
  assert_targets (task, "2024 10000 個 >=; 2024 12000 個 = stretch");
  t = json_array_get_object_element (json_object_get_array_member (task, "targets"), 1);
  g_assert_cmpstr (json_object_get_string_member (t, "indicator"), ==, "累計建成5G基站");
  g_assert_cmpstr (json_object_get_string_member (item (plan, "(一)", "加強組織領導"), "kind"), ==, "measure");
}

/* 推进单位 (no lead), several groups, 含…下同 notes, 等, the comma rule
 * stated after a group, ranges, 不低于, 以内, 不超过, 三年内, 年底前, goals
 * with —— bullets, a document number under the title. */
static void
test_units_and_rules (void)
{
  JsonObject *plan = parse_file ("units-and-rules.txt");

  g_assert_cmpstr (json_object_get_string_member (plan, "doc_number"), ==, "溪府办发〔2021〕7号");

  g_assert_cmpstr (json_object_get_string_member (item (plan, "", "主要目标"), "kind"), ==, "goal");
  assert_targets (item (plan, "", "网络设施"), "2023 8000 个 >= implied; 2023 300000 户 = implied");
  assert_targets (item (plan, "", "算力设施"), "2023 15000 架 = implied");

  assert_units (item (plan, "1", "建设5G网络"), "lead_units", "");
  assert_units (item (plan, "1", "建设5G网络"), "responsible_units", "市通信管理局|铁塔溪山分公司");
  assert_targets (item (plan, "1", "建设5G网络"), "2023 5000 个 =; 2021 1000 个 =");

  assert_units (item (plan, "2", "建设光纤网络"), "lead_units", "市经信局");
  assert_units (item (plan, "2", "建设光纤网络"), "responsible_units", "各区(市)县政府|市住建局|市城管局|市广电网络公司");

  assert_units (item (plan, "3", "推进IPv6规模部署"), "lead_units", "市经信局");
  assert_units (item (plan, "3", "推进IPv6规模部署"), "responsible_units", "市大数据局|各区(市)县政府");
  assert_targets (item (plan, "3", "推进IPv6规模部署"), "2023 60 % >= implied; 2023 15 个工作日 <= implied");

  /* The rule holds for later groups (下同): two leads before the comma. */
  assert_units (item (plan, "4", "建设工业互联网平台"), "lead_units", "市经信局|市科技局");
  assert_targets (item (plan, "4", "建设工业互联网平台"), "2023 3 个 >= implied; 2023 5 个 <= implied borderline");

  assert_units (item (plan, "5", "建设算力中心"), "lead_units", "市大数据局");
  assert_targets (item (plan, "5", "建设算力中心"), "2023 1.25  <= implied; 2023 500 PFlops ~ implied");

  assert_units (item (plan, "(一)", "强化资金保障"), "lead_units", "市财政局");
  assert_targets (item (plan, "(一)", "强化资金保障"), "2023 2e+08 元 >= implied");
}

/* A speech is not a plan, but its numbered points are items. */
static void
test_speech (void)
{
  JsonObject *plan = parse_file ("speech.txt");

  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "在全市新型基础设施建设推进会上的讲话");
  g_assert_true (json_object_get_null_member (plan, "period"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 3);
  item (plan, "一", "充分认识新基建的重要意义");
  item (plan, "二", "突出抓好重点项目");
}

static void
test_no_structure (void)
{
  JsonObject *plan = parse_file ("no-structure.txt");

  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "关于新型基础设施建设的几点思考");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 0);
  g_assert_nonnull (strstr (json_object_get_string_member (plan, "source_text"), "形成工作合力"));
}

/* Page markers are not items; a group broken over a page is one group. */
static void
test_page_markers (void)
{
  JsonObject *plan = parse_file ("pdf-like.txt");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 3);
  assert_units (item (plan, "2", "建设智慧交通"), "lead_units", "市交通运输局");
  assert_units (item (plan, "3", "建设智慧社区"), "lead_units", "市民政局");
  assert_targets (item (plan, "1", "建设城市大脑"), "2025 60 个 >=");
}

/* The same document in GB18030, UTF-16 with a BOM, with CRLF and with
 * full-width digits gives the same plan. */
static void
test_encodings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "work-plan.txt", NULL);
  g_autofree char *utf8 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reference = NULL;
  const char *encodings[] = { "GB18030", "UTF-16LE", "UTF-16BE", "CRLF", "FULLWIDTH" };

  g_assert_true (g_file_get_contents (path, &utf8, NULL, NULL));
  reference = pb_plan_parse_text (utf8, -1, NULL, &error);
  g_assert_no_error (error);

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(JsonNode) parsed = NULL;
      g_autofree char *text = NULL;
      JsonArray *a, *b;

      if (g_str_equal (encodings[e], "CRLF"))
        {
          g_auto(GStrv) lines = g_strsplit (utf8, "\n", -1);
          g_autofree char *crlf = g_strjoinv ("\r\n", lines);
          g_byte_array_append (bytes, (const guint8 *) crlf, strlen (crlf));
        }
      else if (g_str_equal (encodings[e], "FULLWIDTH"))
        {
          /* Full-width digits, as some documents print them. */
          GString *s = g_string_new (NULL);
          for (const char *c = utf8; *c; c = g_utf8_next_char (c))
            {
              gunichar u = g_utf8_get_char (c);
              g_string_append_unichar (s, u >= '0' && u <= '9' ? u + 0xFEE0 : u);
            }
          g_byte_array_append (bytes, (const guint8 *) s->str, s->len);
          g_string_free (s, TRUE);
        }
      else
        {
          gsize n;
          g_autofree char *converted = g_convert (utf8, -1, encodings[e], "UTF-8", NULL, &n, &error);

          g_assert_no_error (error);
          if (g_str_has_prefix (encodings[e], "UTF-16"))
            g_byte_array_append (bytes, (const guint8 *) (g_str_equal (encodings[e], "UTF-16LE") ? "\xFF\xFE" : "\xFE\xFF"), 2);
          g_byte_array_append (bytes, (const guint8 *) converted, n);
        }

      text = pb_text_decode ((const char *) bytes->data, bytes->len, NULL, &error);
      g_assert_no_error (error);
      parsed = pb_plan_parse_text (text, -1, NULL, &error);
      g_assert_no_error (error);

      a = json_object_get_array_member (json_node_get_object (reference), "items");
      b = json_object_get_array_member (json_node_get_object (parsed), "items");
      g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *x = json_array_get_object_element (a, i);
          JsonObject *y = json_array_get_object_element (b, i);
          g_autofree char *tx = targets_of (x);
          g_autofree char *ty = targets_of (y);
          g_autofree char *lx = joined (x, "lead_units");
          g_autofree char *ly = joined (y, "lead_units");

          if (!g_str_equal (encodings[e], "FULLWIDTH"))
            g_assert_cmpstr (json_object_get_string_member (x, "title"), ==, json_object_get_string_member (y, "title"));
          g_assert_cmpstr (tx, ==, ty);
          g_assert_cmpstr (lx, ==, ly);
        }
    }
}

/* Bad input: a clear error or a best-effort plan, never a crash. */
static void
test_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) nested = g_string_new ("测试方案\n");
  g_autoptr(GString) long_heading = g_string_new ("测试方案\n一、");
  g_autoptr(GString) brackets = g_string_new ("测试方案\n一、任务\n1.任务。");
  JsonNode *node;

  g_assert_null (pb_plan_parse_text ("", 0, NULL, &error));
  g_assert_error (error, PB_IMPORT_ERROR, PB_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (pb_plan_parse_text ("\xE6\x96", 2, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Headings nested as deep as the conventions go, many times over. */
  for (int i = 0; i < 2000; i++)
    g_string_append_printf (nested, "第%d章\n一、甲\n(一)乙\n1.丙\n(1)丁\n①戊。目标100个。\n——己\n", i % 9 + 1);
  node = pb_plan_parse_text (nested->str, nested->len, NULL, &error);
  g_assert_no_error (error);
  json_node_unref (node);

  /* An absurdly long heading. */
  for (int i = 0; i < 200000; i++)
    g_string_append (long_heading, "建设");
  node = pb_plan_parse_text (long_heading->str, long_heading->len, NULL, &error);
  g_assert_no_error (error);
  json_node_unref (node);

  /* Thousands of unbalanced brackets. */
  for (int i = 0; i < 50000; i++)
    g_string_append (brackets, i % 3 ? "(牵头单位:" : "]〔“《");
  node = pb_plan_parse_text (brackets->str, brackets->len, NULL, &error);
  g_assert_no_error (error);
  json_node_unref (node);
}

/* A 50 MB text is read whole, within memory, and gives a plan. */
static void
test_huge (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "units-and-rules.txt", NULL);
  g_autofree char *one = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *items;

  g_file_get_contents (path, &one, NULL, NULL);
  while (text->len < 50 * 1000 * 1000)
    g_string_append (text, one);

  node = pb_plan_parse_text (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (node), "items");
  g_assert_cmpuint (json_array_get_length (items), >, 10000);
}

static void
test_cancel (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "work-plan.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  g_cancellable_cancel (cancellable);
  g_assert_null (pb_plan_parse_text (text, -1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-parser/numbers", test_numbers);
  g_test_add_func ("/plan-parser/work-plan", test_work_plan);
  g_test_add_func ("/plan-parser/traditional", test_traditional);
  g_test_add_func ("/plan-parser/units-and-rules", test_units_and_rules);
  g_test_add_func ("/plan-parser/speech", test_speech);
  g_test_add_func ("/plan-parser/no-structure", test_no_structure);
  g_test_add_func ("/plan-parser/page-markers", test_page_markers);
  g_test_add_func ("/plan-parser/encodings", test_encodings);
  g_test_add_func ("/plan-parser/bad-input", test_bad_input);
  g_test_add_func ("/plan-parser/huge", test_huge);
  g_test_add_func ("/plan-parser/cancel", test_cancel);

  return g_test_run ();
}
