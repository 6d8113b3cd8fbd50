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
#include "pb-org-list.h"
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

/* A plan from text written in the test. */
static JsonObject *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = pb_plan_parse_text (text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_node_get_object (node);
}

static gboolean
period_is (JsonObject *plan,
           int         start,
           int         end)
{
  JsonObject *period;

  if (json_object_get_null_member (plan, "period"))
    return start == 0 && end == 0;
  period = json_object_get_object_member (plan, "period");
  return json_object_get_int_member (period, "start") == start &&
         json_object_get_int_member (period, "end") == end;
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
                              json_object_get_null_member (t, "year") ? (gint64) 0 : json_object_get_int_member (t, "year"),
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
  /* 累計建成 says how it is counted: the name is what is counted. */
  g_assert_cmpstr (json_object_get_string_member (t, "indicator"), ==, "5G基站");
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
  assert_targets (item (plan, "1", "建设5G网络"), "2023 5000 个 = implied; 2021 1000 个 =");

  assert_units (item (plan, "2", "建设光纤网络"), "lead_units", "市经信局");
  assert_units (item (plan, "2", "建设光纤网络"), "responsible_units", "各区(市)县政府|市住建局|市城管局|市广电网络公司");

  assert_units (item (plan, "3", "推进IPv6规模部署"), "lead_units", "市经信局");
  assert_units (item (plan, "3", "推进IPv6规模部署"), "responsible_units", "市大数据局|各区(市)县政府");
  assert_targets (item (plan, "3", "推进IPv6规模部署"), "2023 60 % >= implied; 2023 15 个工作日 <= implied");

  /* The rule holds for later groups (下同): two leads before the comma. */
  assert_units (item (plan, "4", "建设工业互联网平台"), "lead_units", "市经信局|市科技局");
  /* A range, 3—5个: at least 3, striving for 5 (力争), one indicator. */
  assert_targets (item (plan, "4", "建设工业互联网平台"), "2023 3 个 >= implied; 2023 5 个 >= stretch implied borderline");
  {
    JsonArray *ts = json_object_get_array_member (item (plan, "4", "建设工业互联网平台"), "targets");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ts, 0), "indicator_id"), ==,
                     json_object_get_string_member (json_array_get_object_element (ts, 1), "indicator_id"));
  }

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

/* Pattern 7: a title's year without 年 is the period; a cited plan gives
 * neither title nor period; with no period, a target has no year. */
static void
test_period_and_title (void)
{
  JsonObject *plan;

  plan = parse_text ("数字云岭2024行动方案\n一、建设基础设施\n(一)建设网络。建成基站800个。\n");
  g_assert_true (period_is (plan, 2024, 2024));
  assert_targets (item (plan, "(一)", "建设网络"), "2024 800 个 = implied");

  plan = parse_text ("智慧溪城建设行动计划(2023-2025)\n一、任务\n(一)建设平台。\n");
  g_assert_true (period_is (plan, 2023, 2025));

  /* The notice names what it issues; the plan it implements is cited. */
  plan = parse_text ("各县人民政府,市直各部门:\n"
                     "为贯彻落实《某省数字经济发展规划(2019-2024年)》,现将《青河市数据要素行动计划》印发给你们。\n"
                     "一、重点任务\n(一)开放数据。开放数据集300个。\n");
  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "青河市数据要素行动计划");
  g_assert_true (period_is (plan, 0, 0));
  assert_targets (item (plan, "(一)", "开放数据"), "0 300 个 = implied borderline");

  plan = parse_text ("某办公室关于印发青河市2025年算力建设工作计划的通知\n各区政府:\n一、年度目标\n新增机架2000架。\n");
  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "青河市2025年算力建设工作计划");
  g_assert_true (period_is (plan, 2025, 2025));

  /* An addressee line is not a title; cited 《》 are not either. */
  plan = parse_text ("各区市人民政府,市政府各部门:\n为深入贯彻《关于推进数据共享的意见》,制定本意见。\n一、培育产业\n1.提高质量。加强管理。\n");
  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "");
}

/* Pattern 3: attribution lines under a heading, not in brackets, for the
 * heading's items; person names after 责任人/责任领导 are not units. */
static void
test_attribution_lines (void)
{
  JsonObject *plan = parse_text ("青河市数字经济工作方案\n一、重点工作\n(一)数据创新专项\n责任领导:王某某\n"
                                 "牵头单位:市数据局;责任人:李某\n配合单位:市经信局、市财政局;责任人:张某、赵某\n"
                                 "1.建设数据平台。完成平台建设。\n2.开放公共数据。推进开放。\n"
                                 "(二)网络专项\n3.建设基站。推进建设。\n牵头单位:市通信办\n");

  assert_units (item (plan, "1", "建设数据平台"), "lead_units", "市数据局");
  assert_units (item (plan, "1", "建设数据平台"), "responsible_units", "市经信局|市财政局");
  assert_units (item (plan, "2", "开放公共数据"), "lead_units", "市数据局");
  /* An item's own line. */
  assert_units (item (plan, "3", "建设基站"), "lead_units", "市通信办");
  assert_units (item (plan, "3", "建设基站"), "responsible_units", "");
}

/* Pattern 8: targets. */
static void
test_targets_general (void)
{
  JsonObject *plan = parse_text ("青河市信息基础设施三年行动计划(2024—2026年)\n一、重点任务\n"
                                 /* 力争 covers its own clause only */
                                 "(一)建设光网。光缆总长度力争达到8万公里,城市出口带宽达到900Gbps。\n"
                                 /* 力争 after the year phrase covers the sentence */
                                 "(二)建设基站。到2025年,力争建成基站3000个,覆盖楼宇120栋。\n"
                                 /* a count with 万 and no measure word, 万亿 with no digit, 超 */
                                 "(三)扩大规模。连接数突破80万,惠及3万商户,产业规模首次突破万亿元。\n"
                                 /* the year after the quantity; the paragraph's year in the next sentence */
                                 "(四)整合机房。关停12个老旧机房,到2025年底,新建绿色机房2个。改造机柜500架。\n"
                                 /* 三年内: the end year, implied */
                                 "(五)培育企业。三年内培育企业40家。\n"
                                 /* a whole-sentence heading states its target */
                                 "(六)争取立项支持6个以上。\n");

  assert_targets (item (plan, "(一)", "建设光网"), "2026 80000 公里 = stretch implied; 2026 900 Gbps = implied");
  assert_targets (item (plan, "(二)", "建设基站"), "2025 3000 个 = stretch; 2025 120 栋 = stretch");
  assert_targets (item (plan, "(三)", "扩大规模"), "2026 800000  >= implied; 2026 30000  = implied; 2026 1e+12 元 >= implied");
  assert_targets (item (plan, "(四)", "整合机房"), "2025 12 个 =; 2025 2 个 =; 2025 500 架 = implied");
  assert_targets (item (plan, "(五)", "培育企业"), "2026 40 家 = implied");
  assert_targets (item (plan, "(六)", "争取立项支持6个以上"), "2026 6 个 >= stretch implied");
}

/* A heading the end of the text cuts off is not an item; its section stays. */
static void
test_cut_heading (void)
{
  JsonObject *plan = parse_text ("青河市工作计划(2024年)\n一、重点工作\n(一)数据专项\n牵头单位:市数据局\n1.梳理发布数据目录,推动20");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "sections")), ==, 2);
}

/* Pattern 1: text converted from PDF by a document site. Page numbers glued
 * to the next page's first line are dropped and the broken line joined (a
 * name, a list of organisations); headings inside a line start their own. */
static void
test_converted_pdf (void)
{
  JsonObject *plan = parse_text ("1、 下载即可编辑 青河市数据中心建设工作方案 (一)建设算力设施。 1.建设城市算力中心。"
                                 "到2025年建成算力中心1个。(责任单位:市数据局、市经\n2、济和信息化局\n"
                                 "3、、市发展改革委,各县区政府) 2.推进机房整合。关停机房8个。\n"
                                 "4、(责任单位:市数据局)");
  JsonObject *one = item (plan, "1", "建设城市算力中心");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "sections")), ==, 1);
  assert_units (one, "responsible_units", "市数据局|市经济和信息化局|市发展改革委|各县区政府");
  assert_units (item (plan, "2", "推进机房整合"), "responsible_units", "市数据局");

  /* A heading after 。 or : in a line; 2、 that no 1、 came before is the
   * page's number, not a heading. */
  plan = parse_text ("在全市数据工作会上的讲话\n同志们,我讲三点意见:一、抓好网络建设。网络是基础。\n"
                     "2、抓好督导。二、抓好数据中心建设。数据中心要集约。三、抓好应用推广。");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 3);
  item (plan, "一", "抓好网络建设");
  item (plan, "二", "抓好数据中心建设");
  item (plan, "三", "抓好应用推广");
}

/* Pattern 2: a speech's or report's points 一是/二是 are items; a title
 * from a file's name loses its extension; a heading that runs into its body
 * with no punctuation ends where the body takes up its subject again. */
static void
test_speech_points (void)
{
  JsonObject *plan = parse_text ("在全区算力建设推进会上的讲话.pdf\n对下一步工作,我提三点要求。\n"
                                 "一是加快进度,抓好项目落地。确保建成机架3000架。\n二是强化协同。各部门要配合。\n"
                                 "三是营造氛围。加强宣传。\n");

  g_assert_cmpstr (json_object_get_string_member (plan, "title"), ==, "在全区算力建设推进会上的讲话");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 3);
  item (plan, "一", "加快进度,抓好项目落地");
  item (plan, "三", "营造氛围");

  plan = parse_text ("在全市会议上的讲话\n一、提高站位,深刻认识算力设施建设的重要意义算力设施是数字经济的底座。要抓紧。\n");
  item (plan, "一", "提高站位,深刻认识算力设施建设的重要意义");

  /* Inside an item, 一是…二是… are its text, not items. */
  plan = parse_text ("青河市工作方案(2024年)\n一、重点任务\n(一)强化保障。\n一是加强领导。\n二是加强督查。\n");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 1);
}

/* Linear time and memory: a paragraph of quantities that never ends a
 * clause gives targets whose text is a window around the number, and an
 * item with hundreds of quantities (a table) stops at a bound and asks for
 * review. */
static void
test_long_line (void)
{
  g_autoptr(GString) text = g_string_new ("青河市算力建设三年行动方案(2024—2026年)\n一、重点任务\n(一)建设设施。");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *it;
  JsonArray *targets;

  for (int i = 0; text->len < 2000000; i++)
    g_string_append_printf (text, "建成基站%d个新增机架%d架", 1000 + i % 9000, 10 + i % 900);
  node = pb_plan_parse_text (text->str, text->len, NULL, &error);
  g_assert_no_error (error);
  it = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "items"), 0);
  targets = json_object_get_array_member (it, "targets");
  g_assert_cmpuint (json_array_get_length (targets), >=, 100);
  g_assert_cmpuint (json_array_get_length (targets), <=, 1000);
  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *t = json_array_get_object_element (targets, i);

      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (t, "text"), -1), <=, 200);
      g_assert_cmpint (g_utf8_strlen (json_object_get_string_member (t, "indicator"), -1), <=, 200);
    }
  g_assert_true (json_object_get_boolean_member (it, "review"));
}

/* Pattern 4: separators in lists of organisations. */
static void
test_separators (void)
{
  JsonObject *plan = parse_text ("青河市数据工作方案(2024年)\n一、重点任务\n"
                                 "(一)建设平台。推进建设。(责任单位:市数据局及各县区政府)\n"
                                 "(二)改造设施。推进改造。(责任单位:市住房和城乡建设局、市发展和改革委员会与市水务局)\n"
                                 "(三)管理工地。推进管理。(责任单位:各县〔区〕、青河开发区建设管理部门)\n"
                                 "(四)开放数据。推进开放。(市数据局牵头,市财政局,市统计局等有关单位按职责分工负责)\n"
                                 "(五)建设机房。推进建设。(责任单位:市经信局、市住建局\n"
                                 "(六)整合系统。推进整合。(责任单位:市数据局、市公安局");

  assert_units (item (plan, "(一)", "建设平台"), "responsible_units", "市数据局|各县区政府");
  assert_units (item (plan, "(二)", "改造设施"), "responsible_units", "市住房和城乡建设局|市发展和改革委员会|市水务局");
  assert_units (item (plan, "(三)", "管理工地"), "responsible_units", "各县〔区〕、青河开发区建设管理部门");
  assert_units (item (plan, "(四)", "开放数据"), "lead_units", "市数据局");
  assert_units (item (plan, "(四)", "开放数据"), "responsible_units", "市财政局|市统计局");
  /* Brackets left open at a paragraph's end and at the text's end. */
  assert_units (item (plan, "(五)", "建设机房"), "responsible_units", "市经信局|市住建局");
  assert_units (item (plan, "(六)", "整合系统"), "responsible_units", "市数据局|市公安局");
}

/* Pattern 5: a rule that later items inherit, in other words. */
static void
test_inherit_rules (void)
{
  JsonObject *plan = parse_text ("青河市数据工作方案(2024年)\n一、重点任务\n"
                                 "除另有说明外,以下各项均涉及各县区政府,不再列出。\n"
                                 "(一)建设平台。推进建设。(责任单位:市数据局)\n"
                                 "(二)开放数据。推进开放。(牵头单位:市经信局)\n");

  assert_units (item (plan, "(一)", "建设平台"), "responsible_units", "市数据局|各县区政府");
  assert_units (item (plan, "(二)", "开放数据"), "responsible_units", "各县区政府");

  plan = parse_text ("青河市数据工作方案(2024年)\n一、重点任务\n"
                     "(一)建设平台。推进建设。(责任单位:市数据局;以下各项责任单位均含市财政局,不再一一列出)\n"
                     "(二)开放数据。推进开放。(牵头单位:市经信局)\n");
  assert_units (item (plan, "(二)", "开放数据"), "lead_units", "市经信局");
  assert_units (item (plan, "(二)", "开放数据"), "responsible_units", "市财政局");
}

/* Pattern 6: headings. A combined general-and-goals part with its own body
 * states the goals; a heading printed again is one section; 保障 makes a
 * measures section only for the plan's safeguards part. */
static void
test_headings_general (void)
{
  JsonObject *plan = parse_text ("青河市算力建设行动方案(2024—2026年)\n"
                                 "一、总体要求和发展目标\n到2026年,建成算力中心3个。\n"
                                 "二、重点任务\n(一)加强安全保障能力建设。推进建设。\n"
                                 "(二)建设网络。推进建设。\n二、重点任务\n(三)建设平台。推进建设。\n"
                                 "三、保障措施\n(一)加强组织领导。推进落实。\n");
  JsonArray *sections = json_object_get_array_member (plan, "sections");
  guint tasks = 0;

  g_assert_cmpstr (json_object_get_string_member (item (plan, "", "总体要求和发展目标"), "kind"), ==, "goal");
  assert_targets (item (plan, "", "总体要求和发展目标"), "2026 3 个 =");
  g_assert_cmpstr (json_object_get_string_member (item (plan, "(一)", "加强安全保障能力建设"), "kind"), ==, "task");
  g_assert_cmpstr (json_object_get_string_member (item (plan, "(一)", "加强组织领导"), "kind"), ==, "measure");
  for (guint i = 0; i < json_array_get_length (sections); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (sections, i), "title"), "重点任务"))
      tasks++;
  g_assert_cmpuint (tasks, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item (plan, "(三)", "建设平台"), "section"), ==,
                   json_object_get_string_member (item (plan, "(一)", "加强安全保障能力建设"), "section"));

  /* With 指导思想 and 基本原则 under it, it is the general part. */
  plan = parse_text ("青河市算力建设行动方案(2024—2026年)\n一、总体要求和发展目标\n(一)指导思想\n坚持创新。\n"
                     "(二)发展目标\n建成算力中心3个。\n二、重点任务\n(一)建设网络。推进建设。\n");
  g_assert_cmpstr (json_object_get_string_member (item (plan, "", "发展目标"), "kind"), ==, "goal");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (plan, "items")), ==, 2);
}

/* Pattern 8: more targets and what is not one. */
static void
test_targets_more (void)
{
  JsonObject *plan = parse_text ("青河市网络建设三年行动方案(2024—2026年)\n一、重点任务\n"
                                 "(一)扩容出口。出口带宽达到20T,部署10G带宽专线500条,新建5G基站超3000个。\n"
                                 "(二)建设平台。建设汽车、家电等8个行业平台。\n"
                                 "(三)覆盖农村。全县有30个待建基站,实现100人以上行政村通5G,建成1.5米望远镜观测站1座。\n"
                                 "(四)推进任务。本方案提出8个重点任务。引进7T磁共振设备。\n");

  assert_targets (item (plan, "(一)", "扩容出口"),
                  "2026 20 T = implied; 2026 10 G = implied; 2026 500 条 = implied; 2026 3000 个 >= implied");
  assert_targets (item (plan, "(二)", "建设平台"), "2026 8 个 = implied borderline");
  assert_targets (item (plan, "(三)", "覆盖农村"), "2026 1 座 = implied");
  assert_targets (item (plan, "(四)", "推进任务"), "");
}

/* A cumulative marker (累计, 总计, 共) and the verb that builds the thing
 * (建成, 新建, 安装, 打造) say how a quantity is counted, not what is
 * counted: a year's figure and a later cumulative one name one indicator,
 * whose kind says how it is counted; a yearly 新建 one stays another. */
static const char *
indicator_kind (JsonObject *plan,
                const char *id)
{
  JsonArray *items = json_object_get_array_member (plan, "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *it = json_array_get_object_element (items, i);
      JsonArray *defs = json_object_get_array_member (it, "indicators");

      for (guint j = 0; defs && j < json_array_get_length (defs); j++)
        {
          JsonObject *k = json_array_get_object_element (defs, j);

          if (g_strcmp0 (json_object_get_string_member (k, "id"), id) == 0)
            return json_object_get_string_member (k, "kind");
        }
    }
  return NULL;
}

static void
test_cumulative_names (void)
{
  JsonObject *plan = parse_text ("青河市智慧农机三年行动方案(2025—2027年)\n"
                                 "一、主要目标\n到2027年,累计新建数字农场40个。\n"
                                 "二、重点任务\n"
                                 "(一)装备农机。2025年,安装农机北斗终端120台,累计建成农机服务站9座。"
                                 "到2027年,力争累计安装农机北斗终端900台,总计建成农机服务站30座以上。\n"
                                 "(二)建设农场。2025年,新建数字农场10个。到2027年,共打造数字农场40个。\n");
  JsonObject *machines = item (plan, "(一)", "装备农机");
  JsonObject *farms = item (plan, "(二)", "建设农场");
  JsonObject *goal = item (plan, "", "主要目标");
  JsonArray *ts = json_object_get_array_member (machines, "targets");
  JsonArray *fs = json_object_get_array_member (farms, "targets");
  JsonObject *gt = json_array_get_object_element (json_object_get_array_member (goal, "targets"), 0);
  const char *names[] = { "农机北斗终端", "农机服务站", "农机北斗终端", "农机服务站" };

  assert_targets (machines, "2025 120 台 =; 2025 9 座 =; 2027 900 台 = stretch; 2027 30 座 >= stretch");
  g_assert_cmpuint (json_array_get_length (ts), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ts, i), "indicator"), ==, names[i]);
  /* One indicator per quantity: the year's 120 and the cumulative 900. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ts, 0), "indicator_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (ts, 2), "indicator_id"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ts, 1), "indicator_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (ts, 3), "indicator_id"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (machines, "indicator_ids")), ==, 2);
  g_assert_cmpstr (indicator_kind (plan, json_object_get_string_member (json_array_get_object_element (ts, 2), "indicator_id")), ==, "cumulative");

  /* 新建 alone counts the year's new farms; 共打造 the total, which is
   * the goal's quantity too (the indicator-link pass joins them). Two
   * indicators of one name, each named with how it is counted. */
  g_assert_cmpuint (json_array_get_length (fs), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fs, 0), "indicator"), ==, "数字农场（年度）");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fs, 1), "indicator"), ==, "数字农场（累计）");
  g_assert_cmpstr (json_object_get_string_member (gt, "indicator"), ==, "数字农场（累计）");
  g_assert_cmpstr (indicator_kind (plan, json_object_get_string_member (json_array_get_object_element (fs, 0), "indicator_id")), ==, "annual");
  g_assert_cmpstr (indicator_kind (plan, json_object_get_string_member (json_array_get_object_element (fs, 1), "indicator_id")), ==, "cumulative");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fs, 0), "indicator_id"), !=,
                   json_object_get_string_member (json_array_get_object_element (fs, 1), "indicator_id"));
  g_assert_cmpstr (json_object_get_string_member (gt, "indicator_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (fs, 1), "indicator_id"));
}

/* Pattern 9: an appendix is the plan's text, not a list of tasks: its
 * member lists are not the plan's organisations, its numbers not targets. */
static void
test_appendix (void)
{
  JsonObject *plan = parse_text ("青河市算力建设行动方案(2024—2026年)\n一、重点任务\n"
                                 "(一)建设网络。建成基站300个。(牵头单位:市经信局)\n"
                                 "附件:青河市算力建设联席会议制度\n一、主要职责\n由市发改委牵头,统筹推进。每年召开会议2次。\n"
                                 "二、成员单位\n成员单位:市发改委、市经信局、市财政局。\n");
  JsonObject *duty = item (plan, "一", "主要职责");

  assert_units (duty, "lead_units", "");
  assert_targets (duty, "");
  assert_units (item (plan, "二", "成员单位"), "responsible_units", "");
  g_assert_cmpstr (json_object_get_string_member (duty, "kind"), ==, "measure");
  g_assert_nonnull (strstr (json_object_get_string_member (item (plan, "二", "成员单位"), "body"), "市财政局"));
  assert_units (item (plan, "(一)", "建设网络"), "lead_units", "市经信局");
}

/* An appendix that lists or tabulates — a task table, a contact list,
 * rows flattened into numbered lines — is kept as the plan's appendix
 * text, not read as items; the list of attachments under the notice
 * (附件:1.X ⏎ 2.Y) is neither a section nor an item. */
static void
test_appendix_records (void)
{
  JsonObject *plan = parse_text ("白河县智慧农业行动方案(2023—2025年)\n一、重点任务\n"
                                 "(一)建设农业物联网。到2025年建成示范基地5个。(责任单位:县农业农村局)\n"
                                 "二、保障措施\n(一)加强组织领导。成立工作专班。\n"
                                 "附件:1.重点任务分工表\n2.工作专班联系人名单\n"
                                 "附件1\n重点任务分工表\n序号\t重点任务\t牵头单位\t完成时限\n"
                                 "1\t建设农业物联网\t县农业农村局\t2025年底\n"
                                 "附件2\n工作专班联系人名单\n1.王五 县农业农村局副局长 13700001111\n"
                                 "2.赵六 县财政局科长 13700002222\n"
                                 "附表\n各乡镇建设任务\n一、东坪镇:建成示范基地2个。\n二、西岭镇:建成示范基地3个。\n"
                                 "附件3\n重点项目\n1.东坪智慧果园  县农业农村局  2024年\n2.西岭数字牧场  县畜牧局  2025年\n");
  JsonArray *items = json_object_get_array_member (plan, "items");
  JsonArray *sections = json_object_get_array_member (plan, "sections");
  JsonArray *appendices = json_object_get_array_member (plan, "appendices");
  static const char * const numbers[] = { "附件1", "附件2", "附表", "附件3" };
  static const char * const titles[] = { "重点任务分工表", "工作专班联系人名单", "各乡镇建设任务", "重点项目" };
  static const char * const texts[] = { "1\t建设农业物联网\t县农业农村局\t2025年底", "赵六", "西岭镇:建成示范基地3个", "西岭数字牧场" };

  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  item (plan, "(一)", "建设农业物联网");
  item (plan, "(一)", "加强组织领导");
  g_assert_cmpuint (json_array_get_length (sections), ==, 2 + G_N_ELEMENTS (numbers));
  g_assert_nonnull (appendices);
  g_assert_cmpuint (json_array_get_length (appendices), ==, G_N_ELEMENTS (numbers));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, 2 + i);
      JsonObject *appendix = json_array_get_object_element (appendices, i);

      g_assert_cmpstr (json_object_get_string_member (section, "number"), ==, numbers[i]);
      g_assert_cmpstr (json_object_get_string_member (section, "title"), ==, titles[i]);
      g_assert_cmpstr (json_object_get_string_member (appendix, "section"), ==,
                       json_object_get_string_member (section, "id"));
      g_assert_cmpstr (json_object_get_string_member (appendix, "title"), ==, titles[i]);
      g_assert_nonnull (strstr (json_object_get_string_member (appendix, "text"), texts[i]));
      g_assert_false (g_str_has_prefix (json_object_get_string_member (appendix, "text"), titles[i]));
    }
}

/* A list typed in one field: 、 , ; part names, brackets keep theirs, and
 * a name known whole keeps its own 、. */
static void
test_edited_names (void)
{
  const char *known[] = { "各区、县〔市〕政府", "各区", NULL };
  g_autoptr(GPtrArray) a = pb_org_names_split_edited ("市住建局、各区、县〔市〕政府、市财政局", known);
  g_autoptr(GPtrArray) b = pb_org_names_split_edited (" 市经信局，各区（县、市）人民政府；市发改委、 ", NULL);
  g_autoptr(GPtrArray) c = pb_org_names_split_edited ("各区、县〔市〕政府办公室、各区", known);
  g_autoptr(GPtrArray) d = pb_org_names_split_edited ("", known);

  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (a, 0), ==, "市住建局");
  g_assert_cmpstr (g_ptr_array_index (a, 1), ==, "各区、县〔市〕政府");
  g_assert_cmpstr (g_ptr_array_index (a, 2), ==, "市财政局");
  g_assert_cmpuint (b->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (b, 0), ==, "市经信局");
  g_assert_cmpstr (g_ptr_array_index (b, 1), ==, "各区（县、市）人民政府");
  g_assert_cmpstr (g_ptr_array_index (b, 2), ==, "市发改委");
  /* A known name only where it stands whole between separators. */
  g_assert_cmpuint (c->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (c, 0), ==, "各区");
  g_assert_cmpstr (g_ptr_array_index (c, 1), ==, "县〔市〕政府办公室");
  g_assert_cmpstr (g_ptr_array_index (c, 2), ==, "各区");
  g_assert_cmpuint (d->len, ==, 0);
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
  g_test_add_func ("/plan-parser/period-and-title", test_period_and_title);
  g_test_add_func ("/plan-parser/attribution-lines", test_attribution_lines);
  g_test_add_func ("/plan-parser/targets-general", test_targets_general);
  g_test_add_func ("/plan-parser/cut-heading", test_cut_heading);
  g_test_add_func ("/plan-parser/converted-pdf", test_converted_pdf);
  g_test_add_func ("/plan-parser/speech-points", test_speech_points);
  g_test_add_func ("/plan-parser/long-line", test_long_line);
  g_test_add_func ("/plan-parser/separators", test_separators);
  g_test_add_func ("/plan-parser/inherit-rules", test_inherit_rules);
  g_test_add_func ("/plan-parser/headings-general", test_headings_general);
  g_test_add_func ("/plan-parser/targets-more", test_targets_more);
  g_test_add_func ("/plan-parser/cumulative-names", test_cumulative_names);
  g_test_add_func ("/plan-parser/appendix", test_appendix);
  g_test_add_func ("/plan-parser/edited-names", test_edited_names);
  g_test_add_func ("/plan-parser/appendix-records", test_appendix_records);

  return g_test_run ();
}
