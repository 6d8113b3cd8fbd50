/* test-document-order.c — every view shows a plan in document order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document written for the test whose numbering runs out of order and
 * repeats, and whose 保障措施 part mixes items with a sub-section of
 * its own: (一), (二), sub-section (三) with 1, 2, 2, then (四). It is
 * imported, and the order is checked where an officer reads it: the
 * store's lists, the board's columns and cards, the timeline's rows, the
 * printed report (tasks table and timeline), the ledger and
 * `planboard-cli health`.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "pb-board-view.h"
#include "pb-ledger.h"
#include "pb-outline.h"
#include "pb-plan-parser.h"
#include "pb-report.h"
#include "pb-test-util.h"
#include "pb-timeline.h"

static const char document[] =
  "某县数字乡村建设行动方案(2023—2025年)\n"
  "为加快推进数字乡村建设,制定本方案。\n"
  "一、重点任务\n"
  "(一)完善乡村网络。到2025年,新建基站120个。(责任单位:县工信局)\n"
  "(二)发展智慧农业。建成数字农业基地5个。(责任单位:县农业农村局)\n"
  "(四)推进电商进村。建设村级服务站80个。(责任单位:县商务局)\n"
  "(三)提升乡村治理。推广网格化管理。(责任单位:县委政法委)\n"
  "二、保障措施\n"
  "(一)加强组织领导。成立工作专班,统筹推进各项工作。\n"
  "(二)强化统筹协调。各部门按职责分工推进。\n"
  "(三)强化要素保障\n"
  "1.强化用地保障。优先安排项目用地。\n"
  "2.强化资金保障。统筹各类资金。\n"
  "2.强化人才保障。引进培养专业人才。\n"
  "(四)加强宣传引导。总结推广典型经验。\n";

/* The items as the document has them. */
static const char * const order[] = {
  "完善乡村网络", "发展智慧农业", "推进电商进村", "提升乡村治理",
  "加强组织领导", "强化统筹协调", "强化用地保障", "强化资金保障",
  "强化人才保障", "加强宣传引导",
};
#define N_ITEMS G_N_ELEMENTS (order)

static gint64
import_document (PbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = pb_plan_parse_text (document, -1, NULL, &error);
  gint64 plan_id;

  g_assert_no_error (error);
  plan_id = pb_store_import_plan_json (store, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan_id, >, 0);
  return plan_id;
}

static guint
index_of (const char *title)
{
  for (guint i = 0; i < N_ITEMS; i++)
    if (g_str_equal (order[i], title))
      return i;
  g_error ("unexpected item %s", title);
  return 0;
}

/* Each title of @order found in @text in the document's order. */
static void
assert_text_in_order (const char *what,
                      const char *text)
{
  const char *at = text;

  for (guint i = 0; i < N_ITEMS; i++)
    {
      const char *found = strstr (at, order[i]);

      if (found == NULL)
        g_error ("%s: %s is missing or out of order:\n%s", what, order[i], text);
      at = found + strlen (order[i]);
    }
}

static void
test_store_and_outline (PbTestLibrary *f,
                        gconstpointer  data)
{
  gint64 plan_id = import_document (f->store);
  g_autoptr(GListModel) items = pb_store_list_items (f->store, plan_id);
  g_autoptr(GPtrArray) runs = NULL;
  static const char * const run_titles[] = {
    "一 重点任务", "二 保障措施", "(三) 强化要素保障", "二 保障措施",
  };
  static const guint run_sizes[] = { 4, 2, 3, 1 };
  guint n = 0;

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, N_ITEMS);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      g_assert_cmpstr (pb_item_get_title (item), ==, order[i]);
    }

  runs = pb_outline_new_from_store (f->store, plan_id);
  g_assert_cmpuint (runs->len, ==, G_N_ELEMENTS (run_titles));
  for (guint r = 0; r < runs->len; r++)
    {
      PbOutlineRun *run = g_ptr_array_index (runs, r);
      g_autofree char *number_title = g_strdup_printf ("%s %s", pb_section_get_number (run->section),
                                                       pb_section_get_title (run->section));

      g_assert_cmpstr (number_title, ==, run_titles[r]);
      g_assert_cmpint (run->continued, ==, r == 3);
      g_assert_cmpuint (run->depth, ==, r == 2 ? 1 : 0);
      g_assert_cmpuint (run->items->len, ==, run_sizes[r]);
      for (guint i = 0; i < run->items->len; i++)
        g_assert_cmpstr (pb_item_get_title (g_ptr_array_index (run->items, i)), ==, order[n++]);
    }
  g_assert_cmpuint (n, ==, N_ITEMS);
}

static void
test_board (PbTestLibrary *f,
            gconstpointer  data)
{
  gint64 plan_id = import_document (f->store);
  g_autoptr(PbPlan) plan = pb_store_get_record (f->store, PB_TYPE_PLAN, plan_id);
  GtkWidget *board = g_object_ref_sink (pb_board_view_new (f->store));
  guint n = 0, n_columns;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) moved = NULL;
  g_autoptr(GListModel) items = NULL;

  pb_board_view_set_plan (PB_BOARD_VIEW (board), plan);
  n_columns = pb_board_view_get_n_columns (PB_BOARD_VIEW (board));
  g_assert_cmpuint (n_columns, ==, 4);
  /* Read left to right, top to bottom: the document. */
  for (guint c = 0; c < n_columns; c++)
    {
      GListModel *column = pb_board_view_get_column_items (PB_BOARD_VIEW (board), c);

      for (guint i = 0; i < g_list_model_get_n_items (column); i++)
        {
          g_autoptr(PbItem) item = g_list_model_get_item (column, i);
          g_assert_cmpstr (pb_item_get_title (item), ==, order[n++]);
        }
    }
  g_assert_cmpuint (n, ==, N_ITEMS);
  /* The part's items after its sub-section: a column of their own, of
   * the same section. */
  g_assert_true (g_str_has_prefix (pb_board_view_get_column_key (PB_BOARD_VIEW (board), 3), "section:"));
  g_assert_cmpint (g_ascii_strtoll (pb_board_view_get_column_key (PB_BOARD_VIEW (board), 3) + 8, NULL, 10), ==,
                   g_ascii_strtoll (pb_board_view_get_column_key (PB_BOARD_VIEW (board), 1) + 8, NULL, 10));
  g_assert_cmpstr (pb_board_view_get_column_key (PB_BOARD_VIEW (board), 3), !=,
                   pb_board_view_get_column_key (PB_BOARD_VIEW (board), 1));

  /* A card moved to the end of the first 保障措施 column stays there. */
  items = pb_store_list_items (f->store, plan_id);
  moved = g_list_model_get_item (items, N_ITEMS - 1);
  g_assert_true (pb_board_view_move_card (PB_BOARD_VIEW (board), pb_record_get_id (PB_RECORD (moved)),
                                          pb_board_view_get_column_key (PB_BOARD_VIEW (board), 1), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_board_view_get_n_columns (PB_BOARD_VIEW (board)), ==, 3);
  {
    GListModel *column = pb_board_view_get_column_items (PB_BOARD_VIEW (board), 1);
    g_autoptr(PbItem) last = g_list_model_get_item (column, 2);

    g_assert_cmpuint (g_list_model_get_n_items (column), ==, 3);
    g_assert_true (last == moved);
  }
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_board_view_get_n_columns (PB_BOARD_VIEW (board)), ==, 4);

  pb_board_view_set_plan (PB_BOARD_VIEW (board), NULL);
  g_object_unref (board);
}

static void
test_timeline (PbTestLibrary *f,
               gconstpointer  data)
{
  gint64 plan_id = import_document (f->store);
  g_autoptr(GListModel) items = pb_store_list_items (f->store, plan_id);
  g_autoptr(GError) error = NULL;
  PbTimeline *t = pb_timeline_new_from_store (f->store, plan_id, pb_test_julian (2024, 6, 1), NULL, &error);
  guint rows[N_ITEMS];

  g_assert_no_error (error);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);

      g_assert_true (pb_timeline_get_item_row (t, pb_record_get_id (PB_RECORD (item)), &rows[i]));
      if (i > 0)
        g_assert_cmpuint (rows[i], >, rows[i - 1]);
    }
  /* Headers: 一 above the first item, 二 above 加强组织领导, (三) above
   * 强化用地保障, and 二 again above 加强宣传引导. */
  g_assert_cmpuint (rows[0], ==, 1);
  g_assert_cmpuint (rows[4], ==, rows[3] + 2);
  g_assert_cmpuint (rows[6], ==, rows[5] + 2);
  g_assert_cmpuint (rows[9], ==, rows[8] + 2);
  g_assert_cmpuint (pb_timeline_get_n_rows (t), ==, N_ITEMS + 4);
  pb_timeline_free (t);
}

/* Folding 二、保障措施 hides everything under it: its items, its
 * sub-section (三) with its items, and its item (四) after that; the
 * header stays (a first-time user folded a chapter and saw no change). */
static void
test_timeline_fold (PbTestLibrary *f,
                    gconstpointer  data)
{
  gint64 plan_id = import_document (f->store);
  g_autoptr(GListModel) sections = pb_store_list_sections (f->store, plan_id);
  g_autoptr(GHashTable) collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  gint64 second = 0;
  PbTimeline *t;

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);

      if (pb_section_get_parent_id (s) == 0 && strstr (pb_section_get_title (s), "保障措施"))
        second = pb_record_get_id (PB_RECORD (s));
    }
  g_assert_cmpint (second, >, 0);
  g_hash_table_add (collapsed, g_memdup2 (&second, sizeof second));
  t = pb_timeline_new_from_store (f->store, plan_id, pb_test_julian (2024, 6, 1), collapsed, &error);
  g_assert_no_error (error);
  /* 一 and its four items, then 二 alone. */
  g_assert_cmpuint (pb_timeline_get_n_rows (t), ==, 1 + 4 + 1);
  pb_timeline_free (t);
}

static void
test_report_ledger_cli (PbTestLibrary *f,
                        gconstpointer  data)
{
  gint64 plan_id = import_document (f->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "ledger.csv", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
  g_autofree char *ledger = NULL;
  g_autofree char *health = NULL;
  const char *cli = g_getenv ("PLANBOARD_CLI");
  PbReportParts parts[] = { PB_REPORT_TASKS, PB_REPORT_TIMELINE };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2024);

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      PbReportOptions options;
      g_autoptr(PbReport) report = NULL;
      g_autofree char *text = NULL;

      pb_report_options_init (&options);
      options.parts = parts[p];
      options.today = today;
      report = pb_report_new (f->store, plan_id, &options, &error);
      g_assert_no_error (error);
      g_assert_true (pb_report_write_pdf (report, pdf, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      text = pb_test_run_ok ("pdftotext", "-layout", pdf, "-", NULL);
      assert_text_in_order (p == 0 ? "report tasks" : "report timeline", text);
    }

  g_assert_true (pb_ledger_write (f->store, plan_id, PB_LEDGER_CSV, csv, &today, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &ledger, NULL, &error));
  g_assert_no_error (error);
  assert_text_in_order ("ledger", ledger);

  g_assert_nonnull (cli);
  g_assert_cmpuint (index_of ("强化人才保障"), ==, 8);
  g_object_unref (f->store);  /* the CLI opens the library itself */
  f->store = NULL;
  health = pb_test_run_ok (cli, "--db", f->path, "health", id, "--today", "2024-06-01", NULL);
  assert_text_in_order ("planboard-cli health", health);
  f->store = pb_store_open (f->path, PB_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

/* Runs as "一: 1 2 3 | (一): -": a section's title and its items' numbers. */
static char *
runs_text (PbStore *store,
           gint64   plan_id)
{
  g_autoptr(GPtrArray) runs = pb_outline_new_from_store_full (store, plan_id, TRUE);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < runs->len; r++)
    {
      PbOutlineRun *run = g_ptr_array_index (runs, r);

      g_string_append_printf (out, "%s%s:", r ? " | " : "", run->section ? pb_section_get_number (run->section) : "");
      for (guint i = 0; i < run->items->len; i++)
        g_string_append_printf (out, " %s", pb_item_get_number (g_ptr_array_index (run->items, i)));
      if (run->items->len == 0)
        g_string_append (out, " -");
    }
  return g_string_free (out, FALSE);
}

/* A sub-section added inside a section that holds items, before it holds
 * any itself, comes after its parent's items (where Add Section puts it),
 * on the board, the timeline and in print alike; not before its parent
 * (a first-time user saw the column (一) left of 一、). Another empty
 * one added after it stays after it; one placed before a sibling with
 * items goes before that sibling. */
static void
test_empty_subsection (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "测试市数字经济行动方案", 2025, 2027, &error);
  gint64 s1 = pb_store_add_section (f->store, plan, 0, "一、", "加快数字基础设施建设", &error);
  gint64 s2 = pb_store_add_section (f->store, plan, 0, "二、", "保障措施", &error);
  gint64 a, b, c;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  pb_store_add_item (f->store, plan, s1, PB_ITEM_KIND_TASK, "1", "建设5G基站", &error);
  pb_store_add_item (f->store, plan, s1, PB_ITEM_KIND_TASK, "2", "推进千兆光网", &error);
  pb_store_add_item (f->store, plan, s1, PB_ITEM_KIND_TASK, "3", "建设数据中心", &error);
  pb_store_add_item (f->store, plan, s2, PB_ITEM_KIND_TASK, "4", "加强组织领导", &error);
  g_assert_no_error (error);

  a = pb_store_insert_section (f->store, plan, s1, 0, "(一)", "推进5G网络建设", &error);
  g_assert_no_error (error);
  text = runs_text (f->store, plan);
  g_assert_cmpstr (text, ==, "一、: 1 2 3 | (一): - | 二、: 4");

  b = pb_store_insert_section (f->store, plan, s1, a, "(二)", "推进算力建设", &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = runs_text (f->store, plan);
  g_assert_cmpstr (text, ==, "一、: 1 2 3 | (一): - | (二): - | 二、: 4");

  /* An item of the second sub-section: the empty first one goes before
   * it, after the parent's items that precede it. */
  c = pb_store_add_item (f->store, plan, b, PB_ITEM_KIND_TASK, "5", "建设智算中心", &error);
  g_assert_no_error (error);
  g_assert_cmpint (c, >, 0);
  g_clear_pointer (&text, g_free);
  text = runs_text (f->store, plan);
  g_assert_cmpstr (text, ==, "一、: 1 2 3 | (一): - | (二): 5 | 二、: 4");
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  PB_TEST_ADD_LIBRARY ("/document-order/store-and-outline", test_store_and_outline);
  PB_TEST_ADD_LIBRARY ("/document-order/board", test_board);
  PB_TEST_ADD_LIBRARY ("/document-order/timeline", test_timeline);
  PB_TEST_ADD_LIBRARY ("/document-order/timeline-fold", test_timeline_fold);
  PB_TEST_ADD_LIBRARY ("/document-order/empty-subsection", test_empty_subsection);
  PB_TEST_ADD_LIBRARY ("/document-order/report-ledger-cli", test_report_ledger_cli);

  return g_test_run ();
}
