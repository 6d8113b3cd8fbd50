/* test-forms.c — progress forms out, filled by other programs, back in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 六盘水 corpus plan is imported, its forms exported for a quarter and
 * filled by spreadsheet programs that are not ours: openpyxl writes into
 * the cells (tests/fill-form.py) and LibreOffice Calc re-saves one form
 * as XLSX and as CSV, rewriting the whole package as Excel and WPS do.
 * The review must be exactly what is expected and the same whatever
 * program saved the form; the import records actuals and statuses that
 * `health --json` then shows; a second import records nothing; undo takes
 * a form's changes back. These tests need python3-openpyxl and
 * libreoffice-calc-nogui (build-aux/dev.sh installs them) and fail
 * without them.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-form-reader.h"
#include "pb-form-writer.h"
#include "pb-store.h"
#include "pb-xlsx.h"
#include "pb-test-util.h"

static const char *cli;
static const char *python;
static char *fill_script;
static char *dir;
static char *db;
static char *profile;

/* planboard-cli in @lang (a locale, as LANG), or in the tests' own */
static char *
run_cli_v (const char *lang,
           int        *status,
           const char *first,
           va_list     ap)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = -1;

  if (lang)
    {
      envp = g_environ_unsetenv (envp, "LC_ALL");
      envp = g_environ_unsetenv (envp, "LANGUAGE");
      envp = g_environ_setenv (envp, "LANG", lang, TRUE);
    }
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, db);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (dir, (char **) argv->pdata, envp, 0, NULL, NULL, &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (err && *err)
    g_test_message ("planboard-cli %s: %s", first, err);
  return out;
}

static char *
run_cli (int        *status,
         const char *first,
         ...)
{
  va_list ap;
  char *out;

  va_start (ap, first);
  out = run_cli_v (NULL, status, first, ap);
  va_end (ap);
  return out;
}

static char *
run_cli_lang (const char *lang,
              int        *status,
              const char *first,
              ...)
{
  va_list ap;
  char *out;

  va_start (ap, first);
  out = run_cli_v (lang, status, first, ap);
  va_end (ap);
  return out;
}

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
fill (const char *in,
      const char *out,
      const char *spec)
{
  g_autofree char *spec_path = path_in ("spec.json");
  g_autofree char *in_path = path_in (in);
  g_autofree char *out_path = path_in (out);
  g_autofree char *output = NULL;

  g_assert_true (g_file_set_contents (spec_path, spec, -1, NULL));
  output = pb_test_run_ok (python, fill_script, in_path, out_path, spec_path, NULL);
}

/* LibreOffice Calc headless, with a profile of its own. */
static void
soffice_convert (const char *in,
                 const char *format,
                 const char *outdir)
{
  g_autofree char *env = g_strdup_printf ("-env:UserInstallation=file://%s", profile);
  g_autofree char *in_path = path_in (in);
  g_autofree char *out_path = path_in (outdir);
  g_autofree char *output = pb_test_run_ok ("soffice", env, "--headless", "--convert-to", format,
                                            "--outdir", out_path, in_path, NULL);
}

/* The review text without its first line (which names the file). */
static char *
body (const char *review)
{
  const char *nl = strchr (review, '\n');

  return g_strdup (nl ? nl + 1 : "");
}

static JsonObject *
indicator_health (JsonNode   *root,
                  const char *name)
{
  JsonArray *ks = json_object_get_array_member (json_node_get_object (root), "indicators");

  for (guint i = 0; i < json_array_get_length (ks); i++)
    {
      JsonObject *k = json_array_get_object_element (ks, i);

      if (g_str_equal (json_object_get_string_member (k, "name"), name))
        return k;
    }
  g_error ("no indicator %s", name);
}

static JsonNode *
health (void)
{
  int status;
  g_autofree char *out = run_cli (&status, "health", "1", "--json", "--today", "2022-10-15", NULL);

  g_assert_cmpint (status, ==, 0);
  return json_from_string (out, NULL);
}

static const char spec_a[] =
  "[[\"中小型城市数据中心\", \"New Value\", \"number\", 1],"
  " [\"中小型城市数据中心\", \"As Of\", \"date\", \"2022-09-30\"],"
  " [\"item:加强算力基础设施建设\", \"Status\", \"text\", \"In progress\"],"
  " [\"item:加强算力基础设施建设\", \"Progress (%)\", \"number\", 30],"
  " [\"item:加强算力基础设施建设\", \"Note\", \"text\", \"已完成选址 <b>&\"],"
  " [\"通信光缆总长度\", \"New Value\", \"text\", \"15万\"],"
  " [\"通信光缆总长度\", \"As Of\", \"text\", \"2022-09-15\"],"
  " [\"互联网出市带宽\", \"Target\", \"number\", 3000]]";

/* Task 3 serves the goal's 新建5G基站 and 累计建成5G基站 too (one indicator
 * per quantity), so its rows are among those skipped. */
static const char expected_a[] =
  "市工业和信息化局 — 2022-Q3 (A.xlsx)\n"
  "  Warning: E10 2 完善基础通信网络设施 · 互联网出市带宽: the locked cell “Target” says “3000” where the library holds “2,600 (2022)”; the form’s text is ignored.\n"
  "  New value: G8 1 加强算力基础设施建设 · 中小型城市数据中心: — → 1个 (2022-09-30)\n"
  "  Status: I8 1 加强算力基础设施建设: Not started → In progress\n"
  "  Progress: J8 1 加强算力基础设施建设: 0% → 30%\n"
  "  Note: K8 1 加强算力基础设施建设: — → 已完成选址 <b>&\n"
  "  New value: G9 2 完善基础通信网络设施 · 通信光缆总长度: — → 150,000公里 (2022-09-15)\n"
  "  20 rows with nothing new were skipped.\n";

static const char spec_b[] =
  "[[\"智慧交通试点项目\", \"New Value\", \"text\", \"约2600\"],"
  " [\"智慧交通试点项目\", \"As Of\", \"date\", \"2022-12-31\"],"
  " [\"item:建设智慧交通基础设施\", \"Status\", \"text\", \"Done\"]]";

static const char spec_c[] =
  "[[\"互联网医院\", \"New Value\", \"number\", 1],"
  " [\"互联网医院\", \"As Of\", \"date\", \"2022-09-30\"],"
  " [\"远程医疗服务总量\", \"New Value\", \"number\", 52000],"
  " [\"item:建设公共卫生数字基础设施\", \"Status\", \"text\", \"进行中\"],"
  " [\"item:建设公共卫生数字基础设施\", \"Progress (%)\", \"number\", 45],"
  " [\"item:建设公共卫生数字基础设施\", \"Note\", \"text\", \"互联网医院已上线\"]]";

static void
test_round_trip (void)
{
  g_autofree char *corpus = pb_test_corpus_path ("liupanshui-2022.txt");
  g_autofree char *out = NULL;
  g_autofree char *review_a = NULL;
  g_autofree char *review_b = NULL;
  g_autofree char *review_c = NULL;
  g_autofree char *review_c_lo = NULL;
  g_autofree char *review_c_csv = NULL;
  g_autofree char *body_c = NULL, *body_c_lo = NULL, *body_c_csv = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 n_actuals, n_notes, n_forms;
  guint n_orgs;
  int status;

  /* The plan, and its forms for the third quarter of 2022 */
  out = run_cli (&status, "import", corpus, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "export", "1", "--period", "2022-Q3", "-o", "forms",
                 "--due", "2022-10-10", "--today", "2022-10-01", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  n_orgs = g_strv_length (lines);
  g_assert_cmpuint (n_orgs, ==, 17);
  g_assert_true (g_file_test (lines[0], G_FILE_TEST_EXISTS) ||
                 g_file_test (g_build_filename (dir, lines[0], NULL), G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "status", "1", "--today", "2022-10-01", NULL);
  g_assert_nonnull (strstr (out, "2022-Q3\n"));
  g_assert_nonnull (strstr (out, "sent\t市工业和信息化局\t2022-10-01\t2022-10-10\t-\n"));
  g_assert_nonnull (strstr (out, "not-sent 0 sent 17 returned 0 late 0\n"));

  /* What openpyxl sees: a protected sheet and a hidden one */
  {
    g_autofree char *form = path_in ("forms/市工业和信息化局.xlsx");
    g_autofree char *described = pb_test_run_ok (python, fill_script, "--describe", form, NULL);

    g_assert_nonnull (strstr (described, "\"sheets\": [\"Progress\", \"_planboard\"]"));
    g_assert_nonnull (strstr (described, "\"states\": [\"visible\", \"hidden\"]"));
    g_assert_nonnull (strstr (described, "\"protected\": true"));
  }

  /* Filled by openpyxl; C re-saved by LibreOffice as XLSX and as CSV */
  fill ("forms/市工业和信息化局.xlsx", "A.xlsx", spec_a);
  fill ("forms/市交通运输局.xlsx", "B.xlsx", spec_b);
  fill ("forms/市卫生健康局.xlsx", "C.xlsx", spec_c);
  g_assert_cmpint (g_mkdir_with_parents (g_build_filename (dir, "lo", NULL), 0700), ==, 0);
  soffice_convert ("C.xlsx", "xlsx", "lo");
  soffice_convert ("C.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76", "lo");

  /* The review, exactly */
  review_a = run_cli (&status, "forms", "import", "A.xlsx", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (review_a, ==, expected_a);
  review_b = run_cli (&status, "forms", "import", "B.xlsx", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (review_b, ==,
                   "市交通运输局 — 2022-Q3 (B.xlsx)\n"
                   "  Refused: G8: “约2600” is not a number.\n"
                   "  Refused: H8: 2022-12-31 is outside the period 2022-Q3.\n"
                   "  Nothing of this form will be recorded.\n");
  review_c = run_cli (&status, "forms", "import", "C.xlsx", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  review_c_lo = run_cli (&status, "forms", "import", "lo/C.xlsx", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  review_c_csv = run_cli (&status, "forms", "import", "lo/C.csv", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  body_c = body (review_c);
  body_c_lo = body (review_c_lo);
  body_c_csv = body (review_c_csv);
  g_assert_cmpstr (body_c, ==,
                   "  New value: G8 15 建设公共卫生数字基础设施 · 互联网医院: — → 1家 (2022-09-30)\n"
                   "  Status: I8 15 建设公共卫生数字基础设施: Not started → In progress\n"
                   "  Progress: J8 15 建设公共卫生数字基础设施: 0% → 45%\n"
                   "  Note: K8 15 建设公共卫生数字基础设施: — → 互联网医院已上线\n"
                   "  New value: G9 15 建设公共卫生数字基础设施 · 远程医疗服务总量: — → 52,000人次 (2022-09-30)\n");
  g_assert_cmpstr (body_c_lo, ==, body_c);
  g_assert_cmpstr (body_c_csv, ==, body_c);

  /* Nothing was written by the dry runs */
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, 0);
  before = health ();
  g_assert_true (json_node_get_node_type (json_object_get_member (indicator_health (before, "中小型城市数据中心"), "latest")) == JSON_NODE_NULL);

  /* Form A in process: one command, undone and redone */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = pb_store_open (db, PB_STORE_OPEN_DEFAULT, &error);
    g_autofree char *a = path_in ("A.xlsx");
    g_autoptr(PbFormReview) review = NULL;
    GDate today;

    g_assert_no_error (error);
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 8, 10, 2022);
    review = pb_form_review_read (store, 1, a, &today);
    g_assert_false (review->refused);
    g_assert_cmpuint (review->changes->len, ==, 5);
    g_assert_true (pb_form_review_apply (store, review, &today, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Import progress form from 市工业和信息化局 (2022-Q3)");
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE source = '市工业和信息化局' AND period = '2022-Q3'"), ==, 2);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM note"), ==, 1);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM item WHERE status = 'in-progress'"), ==, 1);
    g_assert_true (pb_store_undo (store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, 0);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM note"), ==, 0);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM item WHERE status = 'in-progress'"), ==, 0);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM progress_form WHERE returned_date IS NOT NULL"), ==, 0);
    g_assert_true (pb_store_redo (store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, 2);
  }

  /* The rest through the command line: B is refused, C recorded */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "B.xlsx", "lo/C.xlsx", "--today", "2022-10-09", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, 4);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE source = '市交通运输局'"), ==, 0);
  after = health ();
  g_assert_cmpfloat (json_object_get_double_member (indicator_health (after, "中小型城市数据中心"), "latest"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (indicator_health (after, "中小型城市数据中心"), "latest_date"), ==, "2022-09-30");
  g_assert_cmpfloat (json_object_get_double_member (indicator_health (after, "通信光缆总长度"), "latest"), ==, 150000);
  g_assert_cmpfloat (json_object_get_double_member (indicator_health (after, "远程医疗服务总量"), "latest"), ==, 52000);
  g_assert_cmpstr (json_object_get_string_member (indicator_health (before, "远程医疗服务总量"), "reason"), !=,
                   json_object_get_string_member (indicator_health (after, "远程医疗服务总量"), "reason"));

  /* A second import records nothing */
  n_actuals = pb_test_sql_int (db, "SELECT count(*) FROM actual");
  n_notes = pb_test_sql_int (db, "SELECT count(*) FROM note");
  n_forms = pb_test_sql_int (db, "SELECT count(*) FROM progress_form WHERE returned_date IS NOT NULL");
  g_assert_cmpint (n_forms, ==, 2);
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "A.xlsx", "C.xlsx", "lo/C.csv", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "市工业和信息化局 — 2022-Q3 (A.xlsx)\n"
                                 "  Warning: E10 2 完善基础通信网络设施 · 互联网出市带宽: the locked cell “Target” says “3000” where the library holds “2,600 (2022)”; the form’s text is ignored.\n"
                                 "  Nothing new.\n"));
  g_assert_nonnull (strstr (out, "市卫生健康局 — 2022-Q3 (C.csv)\n  Nothing new.\n"));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, n_actuals);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM note"), ==, n_notes);

  /* A later report moved item 15 on (its progress now 60 %); form C,
   * recorded already, imported again by mistake: its older 45 % is held
   * back with the reason, and nothing is recorded. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = pb_store_open (db, PB_STORE_OPEN_DEFAULT, &error);
    gint64 item = pb_test_sql_int (db, "SELECT id FROM item WHERE title = '建设公共卫生数字基础设施'");

    g_assert_no_error (error);
    g_autoptr(PbItem) record = pb_store_get_record (store, PB_TYPE_ITEM, item);

    g_assert_true (pb_store_set (store, record, &error, "progress", 0.6, NULL));
    g_assert_no_error (error);
  }
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "C.xlsx", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  Progress: J8 15 建设公共卫生数字基础设施: 60% → 45% (not recorded unless ticked: "
                                 "This form was recorded already, on "));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT round(progress * 100) FROM item WHERE title = '建设公共卫生数字基础设施'"), ==, 60);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, n_actuals);

  /* Progress typed as a percentage: 30% as Excel stores it (0.3, shown
   * 0%), or "40%" as text, reads 30 and 40. */
  fill ("C.xlsx", "P1.xlsx", "[[\"item:建设公共卫生数字基础设施\", \"Progress (%)\", \"percent\", 0.3]]");
  fill ("C.xlsx", "P2.xlsx", "[[\"item:建设公共卫生数字基础设施\", \"Progress (%)\", \"text\", \"40%\"]]");
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "P1.xlsx", "P2.xlsx", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  Progress: J8 15 建设公共卫生数字基础设施: 60% → 30% "));
  g_assert_nonnull (strstr (out, "  Progress: J8 15 建设公共卫生数字基础设施: 60% → 40% "));
  g_assert_null (strstr (out, "Refused"));

  /* Who has reported: two returned, the rest late after the due date */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "status", "1", "--today", "2022-10-11", NULL);
  g_assert_nonnull (strstr (out, "returned\t市工业和信息化局\t2022-10-01\t2022-10-10\t2022-10-08\n"));
  g_assert_nonnull (strstr (out, "late\t市交通运输局\t2022-10-01\t2022-10-10\t-\n"));
  g_assert_nonnull (strstr (out, "not-sent 0 sent 0 returned 2 late 15\n"));

  /* A value that differs from one recorded for the same day: a conflict,
   * kept unless the planner takes the form's value */
  fill ("C.xlsx", "C2.xlsx", "[[\"互联网医院\", \"New Value\", \"number\", 2]]");
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "C2.xlsx", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  Conflict: G8 15 建设公共卫生数字基础设施 · 互联网医院: 1家 (2022-09-30) → 2家 (2022-09-30) (the recorded value is kept)\n"));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT value FROM actual a JOIN indicator k ON k.id = a.indicator_id WHERE k.name = '互联网医院'"), ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "C2.xlsx", "--take-form-values", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "(the form’s value will replace the recorded one)"));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT value FROM actual a JOIN indicator k ON k.id = a.indicator_id WHERE k.name = '互联网医院'"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, n_actuals);

  /* A running total that falls (150,000 on 09-15, 120,000 on 09-30):
   * flagged with why and held back, as the editor asks first; ticked
   * (--take-form-values does not tick it), it would be recorded. */
  fill ("forms/市工业和信息化局.xlsx", "A3.xlsx",
        "[[\"通信光缆总长度\", \"New Value\", \"number\", 120000],"
        " [\"通信光缆总长度\", \"As Of\", \"date\", \"2022-09-30\"]]");
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "A3.xlsx", NULL);
  g_assert_cmpint (status, ==, 0);
  if (strstr (out, "(not recorded unless ticked: Lower than the 150,000 recorded on 2022-09-15") == NULL)
    g_error ("a falling running total is not flagged:\n%s", out);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual a JOIN indicator k ON k.id = a.indicator_id"
                                        " WHERE k.name = '通信光缆总长度' AND a.value = 120000"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, n_actuals);

  /* The report's optional part: who has reported (组织报送情况) */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "report", "1", "-o", "reporting.pdf", "--parts", "reporting", "--today", "2022-10-11", NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autofree char *pdf = path_in ("reporting.pdf");
    g_autofree char *text = pb_test_run_ok ("pdftotext", "-layout", pdf, "-", NULL);

    g_assert_nonnull (strstr (text, "Reporting Status, "));
    g_assert_true (g_regex_match_simple ("市工业和信息化局 +Returned +2022-10-01 +2022-10-10 +2022-10-08", text, 0, 0));
    g_assert_true (g_regex_match_simple ("市交通运输局 +Late +2022-10-01 +2022-10-10 +—", text, 0, 0));
  }

  /* Every other exported form, filled by openpyxl too: a value (when the
   * row has an indicator), an As Of date inside the period, a status and a
   * note in its first fill-in row, the other rows left empty */
  {
    g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();
    g_autoptr(JsonNode) later = NULL;
    gint64 n_actuals2, n_notes2;
    g_autofree char *status_out = NULL;

    for (guint i = 0; i < n_orgs; i++)
      {
        g_autofree char *base = g_path_get_basename (lines[i]);
        g_autofree char *org = g_strndup (base, strlen (base) - strlen (".xlsx"));
        g_autofree char *rel = g_build_filename ("forms", base, NULL);
        g_autofree char *form = path_in (rel);
        g_autofree char *described = NULL;
        g_autoptr(JsonNode) d = NULL;
        g_autoptr(GString) spec = g_string_new ("[");
        g_autoptr(GString) expected = g_string_new (NULL);
        g_autofree char *name = g_strdup_printf ("G%02u.xlsx", i);
        g_autofree char *note = g_strdup_printf ("%s已填报本季度进展", org);
        g_autofree char *review = NULL;
        JsonArray *rows, *row;
        const char *number, *title, *indicator, *unit;
        gint64 r;

        g_assert_true (g_str_has_suffix (base, ".xlsx"));
        if (g_str_equal (org, "市工业和信息化局") || g_str_equal (org, "市交通运输局") ||
            g_str_equal (org, "市卫生健康局"))
          continue;   /* A, B and C above */
        described = pb_test_run_ok (python, fill_script, "--describe", form, NULL);
        d = json_from_string (described, NULL);
        g_assert_nonnull (d);
        rows = json_object_get_array_member (json_node_get_object (d), "rows");
        g_assert_cmpuint (json_array_get_length (rows), >, 0);
        row = json_array_get_array_element (rows, 0);
        r = json_array_get_int_element (row, 0);
        number = json_array_get_string_element (row, 1);
        title = json_array_get_string_element (row, 2);
        indicator = json_array_get_null_element (row, 3) ? NULL : json_array_get_string_element (row, 3);
        unit = json_array_get_null_element (row, 4) ? "" : json_array_get_string_element (row, 4);
        g_assert_nonnull (number);
        g_assert_nonnull (title);

        g_string_append_printf (expected, "%s — 2022-Q3 (%s)\n", org, name);
        if (indicator)
          {
            g_string_append_printf (spec, "[\"%s\", \"New Value\", \"number\", 7], "
                                    "[\"%s\", \"As Of\", \"date\", \"2022-08-31\"], ",
                                    indicator, indicator);
            g_string_append_printf (expected, "  New value: G%" G_GINT64_FORMAT " %s %s · %s: — → 7%s (2022-08-31)\n",
                                    r, number, title, indicator, unit);
          }
        g_string_append_printf (spec, "[\"item:%s\", \"Status\", \"text\", \"In progress\"], "
                                "[\"item:%s\", \"Note\", \"text\", \"%s\"]]",
                                title, title, note);
        g_string_append_printf (expected, "  Status: I%" G_GINT64_FORMAT " %s %s: Not started → In progress\n"
                                "  Note: K%" G_GINT64_FORMAT " %s %s: — → %s\n",
                                r, number, title, r, number, title, note);
        fill (rel, name, spec->str);

        /* The dry run names the organisation and exactly these changes */
        review = run_cli (&status, "forms", "import", name, "--dry-run", NULL);
        g_assert_cmpint (status, ==, 0);
        g_assert_true (g_str_has_prefix (review, expected->str));
        if (strlen (review) > expected->len)
          g_assert_true (g_regex_match_simple ("^  [0-9]+ rows? with nothing new (was|were) skipped\\.\n$",
                                               review + expected->len, 0, 0));

        g_ptr_array_add (others, g_steal_pointer (&org));
        g_ptr_array_add (files, g_steal_pointer (&name));
        g_ptr_array_add (indicators, g_strdup (indicator));
        g_ptr_array_add (titles, g_strdup (title));
      }
    g_assert_cmpuint (others->len, ==, n_orgs - 3);

    /* Nothing recorded by the dry runs */
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, n_actuals);

    /* All of them imported at once */
    g_ptr_array_add (argv, (char *) "forms");
    g_ptr_array_add (argv, (char *) "import");
    for (guint i = 0; i < files->len; i++)
      g_ptr_array_add (argv, files->pdata[i]);
    g_ptr_array_add (argv, (char *) "--today");
    g_ptr_array_add (argv, (char *) "2022-10-12");
    g_ptr_array_add (argv, NULL);
    {
      g_autoptr(GPtrArray) full = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *o = NULL;
      int ws = -1;

      g_ptr_array_add (full, (char *) cli);
      g_ptr_array_add (full, (char *) "--db");
      g_ptr_array_add (full, db);
      for (guint i = 0; i < argv->len; i++)
        g_ptr_array_add (full, argv->pdata[i]);
      g_assert_true (g_spawn_sync (dir, (char **) full->pdata, NULL, 0, NULL, NULL, &o, NULL, &ws, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (ws) && WEXITSTATUS (ws) == 0);
    }
    later = health ();
    for (guint i = 0; i < others->len; i++)
      {
        const char *org = others->pdata[i];
        const char *indicator = indicators->pdata[i];
        g_autofree char *q_actual = g_strdup_printf ("SELECT count(*) FROM actual WHERE source = '%s' AND period = '2022-Q3'", org);
        g_autofree char *q_status = g_strdup_printf ("SELECT count(*) FROM item WHERE title = '%s' AND status = 'in-progress'",
                                                     (const char *) titles->pdata[i]);
        g_autofree char *q_note = g_strdup_printf ("SELECT count(*) FROM note WHERE text = '%s已填报本季度进展'", org);
        g_autofree char *q_returned = g_strdup_printf ("SELECT count(*) FROM progress_form f JOIN organisation o ON o.id = f.organisation_id "
                                                       "WHERE o.name = '%s' AND f.returned_date = '2022-10-12'", org);

        g_test_message ("form of %s", org);
        g_assert_cmpint (pb_test_sql_int (db, q_actual), ==, indicator ? 1 : 0);
        g_assert_cmpint (pb_test_sql_int (db, q_status), >=, 1);
        g_assert_cmpint (pb_test_sql_int (db, q_note), ==, 1);
        g_assert_cmpint (pb_test_sql_int (db, q_returned), ==, 1);
        if (indicator)
          {
            g_assert_cmpfloat (json_object_get_double_member (indicator_health (later, indicator), "latest"), ==, 7);
            g_assert_cmpstr (json_object_get_string_member (indicator_health (later, indicator), "latest_date"), ==, "2022-08-31");
          }
      }
    status_out = run_cli (&status, "forms", "status", "1", "--today", "2022-10-12", NULL);
    g_assert_nonnull (strstr (status_out, "not-sent 0 sent 0 returned 16 late 1\n"));

    /* A second import of all of them records nothing */
    n_actuals2 = pb_test_sql_int (db, "SELECT count(*) FROM actual");
    n_notes2 = pb_test_sql_int (db, "SELECT count(*) FROM note");
    for (guint i = 0; i < files->len; i++)
      {
        g_autofree char *o = run_cli (&status, "forms", "import", (const char *) files->pdata[i], NULL);
        g_autofree char *want = g_strdup_printf ("%s — 2022-Q3 (%s)\n  Nothing new.\n",
                                                 (const char *) others->pdata[i], (const char *) files->pdata[i]);

        g_assert_cmpint (status, ==, 0);
        g_assert_true (g_str_has_prefix (o, want));
        if (strlen (o) > strlen (want))
          g_assert_true (g_regex_match_simple ("^  [0-9]+ rows? with nothing new (was|were) skipped\\.\n$",
                                               o + strlen (want), 0, 0));
      }
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual"), ==, n_actuals2);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM note"), ==, n_notes2);
  }

  /* The quarter closed, a form returned late with a value dated in it:
   * marked with why and held back, --take-form-values alone does not
   * record it; --into-closed-period does, and the quarter keeps the
   * figure it was closed with. */
  {
    const char *q_new = "SELECT count(*) FROM actual a JOIN indicator k ON k.id = a.indicator_id"
                        " WHERE k.name = '通信光缆总长度' AND a.value = 160000";
    const char *q_kept = "SELECT CAST(pi.value AS INTEGER) FROM period_indicator pi JOIN period p ON p.id = pi.period_id"
                         " JOIN indicator k ON k.id = pi.indicator_id WHERE p.label = '2022-Q3' AND k.name = '通信光缆总长度'";
    gint64 kept;

    g_clear_pointer (&out, g_free);
    out = run_cli (&status, "period", "close", "1", "quarter", "2022", "3", NULL);
    g_assert_cmpint (status, ==, 0);
    kept = pb_test_sql_int (db, q_kept);
    fill ("forms/市工业和信息化局.xlsx", "A4.xlsx",
          "[[\"通信光缆总长度\", \"New Value\", \"number\", 160000],"
          " [\"通信光缆总长度\", \"As Of\", \"date\", \"2022-09-20\"]]");
    g_clear_pointer (&out, g_free);
    out = run_cli (&status, "forms", "import", "A4.xlsx", "--take-form-values", NULL);
    g_assert_cmpint (status, ==, 0);
    if (strstr (out, "(not recorded unless ticked: 2022 Q3 is closed: it keeps the figures it was closed with") == NULL)
      g_error ("a value in a closed quarter is not held back:\n%s", out);
    g_assert_cmpint (pb_test_sql_int (db, q_new), ==, 0);
    g_clear_pointer (&out, g_free);
    out = run_cli (&status, "forms", "import", "A4.xlsx", "--into-closed-period", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpint (pb_test_sql_int (db, q_new), ==, 1);
    g_assert_cmpint (pb_test_sql_int (db, q_kept), ==, kept);

    /* The library as the tests after this one expect it: the late value
     * and the closed quarter gone again. */
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = pb_store_open (db, PB_STORE_OPEN_DEFAULT, &error);
      g_autoptr(PbActual) late = NULL;
      g_autoptr(PbPeriod) quarter = NULL;

      g_assert_no_error (error);
      late = pb_store_get_record (store, PB_TYPE_ACTUAL,
                                  pb_test_sql_int (db, "SELECT a.id FROM actual a JOIN indicator k ON k.id = a.indicator_id"
                                                       " WHERE k.name = '通信光缆总长度' AND a.value = 160000"));
      quarter = pb_store_get_record (store, PB_TYPE_PERIOD,
                                     pb_test_sql_int (db, "SELECT id FROM period WHERE label = '2022-Q3'"));
      g_assert_nonnull (late);
      g_assert_nonnull (quarter);
      g_assert_true (pb_store_delete (store, late, &error));
      g_assert_true (pb_store_delete (store, quarter, &error));
      g_assert_no_error (error);
    }
    g_assert_cmpint (pb_test_sql_int (db, q_new), ==, 0);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM period"), ==, 0);
  }
}

static void
test_refusals (void)
{
  g_autofree char *other_db = path_in ("other.db");
  g_autofree char *corpus = pb_test_corpus_path ("liupanshui-2022.txt");
  g_autofree char *out = NULL;
  int status;

  /* Rows sorted by the reporter are still found by their content */
  fill ("forms/市工业和信息化局.xlsx", "sorted.xlsx",
        "[[\"swap\", \"item:建设新技术基础设施\", \"item:加强组织领导\", null],"
        " [\"item:加强组织领导\", \"Note\", \"text\", \"组织领导小组已成立\"]]");
  out = run_cli (&status, "forms", "import", "sorted.xlsx", "--dry-run", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  Note: K22 (一) 加强组织领导: — → 组织领导小组已成立\n"));

  /* An indicator renamed in the form: beyond matching */
  fill ("forms/市工业和信息化局.xlsx", "renamed.xlsx", "[[\"示范项目\", \"Indicator\", \"text\", \"改名\"]]");
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "renamed.xlsx", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "  Refused: Its rows were moved or changed so that “10 建设工业数字基础设施 示范项目” can no longer be matched; send the form again.\n"));

  /* The hidden sheet removed */
  fill ("forms/市工业和信息化局.xlsx", "nohidden.xlsx", "[[\"delete-sheet\", \"_planboard\", null, null]]");
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "nohidden.xlsx", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Refused: Its hidden identification sheet is missing"));

  /* A form from another library */
  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();
    g_autofree char *o = NULL;

    o = pb_test_run_ok (cli, "--db", other_db, "import", corpus, NULL);
    g_free (o);
    o = pb_test_run_ok (cli, "--db", other_db, "forms", "export", "1", "--period", "2022-Q3", "-o",
                        g_build_filename (dir, "other", NULL), NULL);
  }
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "other/市工业和信息化局.xlsx", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Refused: It was sent from another library.\n"));

  /* A spreadsheet that is not a form at all */
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *csv = path_in ("plain.csv");
    g_file_set_contents (csv, "a,b\n1,2\n", -1, NULL);
  }
  out = run_cli (&status, "forms", "import", "plain.csv", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Refused: It is not a progress form from Planboard: it has no form code.\n"));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE source = '市工业和信息化局'"), ==, 2);
}

static void
test_periods (void)
{
  PbFormPeriod p;

  g_assert_true (pb_form_period_parse ("2026-Q3", &p));
  g_assert_cmpint (p.kind, ==, PB_PERIOD_KIND_QUARTER);
  g_assert_cmpstr (p.label, ==, "2026-Q3");
  g_assert_cmpint (g_date_get_month (&p.start), ==, 7);
  g_assert_cmpint (g_date_get_day (&p.end), ==, 30);
  g_assert_cmpint (g_date_get_month (&p.end), ==, 9);
  g_assert_true (pb_form_period_parse ("2026-10", &p));
  g_assert_cmpint (p.kind, ==, PB_PERIOD_KIND_MONTH);
  g_assert_cmpint (g_date_get_day (&p.end), ==, 31);
  g_assert_cmpstr (p.label, ==, "2026-10");
  g_assert_false (pb_form_period_parse ("2026-Q5", &p));
  g_assert_false (pb_form_period_parse ("2026-13", &p));
  g_assert_false (pb_form_period_parse ("2026-1", &p));
  g_assert_false (pb_form_period_parse ("Q3", &p));
  g_assert_false (pb_form_period_parse ("2026-Q3x", &p));
  {
    g_autofree char *name = pb_form_file_name ("市工信局/办公室:1");
    g_assert_cmpstr (name, ==, "市工信局_办公室_1.xlsx");
  }
}

/* The locked cells (No. to Last Reported) of every row of a form, one line
 * per row, read with our own XLSX reader. */
static char *
locked_cells (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbXlsxBook) book = pb_xlsx_book_open (path, &error);
  GString *out = g_string_new (NULL);
  PbXlsxSheet *sheet;

  g_assert_no_error (error);
  sheet = pb_xlsx_book_find_sheet (book, pb_form_sheet_name ());
  g_assert_nonnull (sheet);
  for (guint r = PB_FORM_HEADER_ROW; r < pb_xlsx_sheet_get_n_rows (sheet); r++)
    {
      for (guint c = 0; c < PB_FORM_N_LOCKED; c++)
        {
          const char *text = pb_xlsx_sheet_get_text (sheet, r, c);
          g_string_append_printf (out, "%s%s", c ? " | " : "", text ? text : "");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Finding 5 (rev6): `forms export` wrote every "Last Reported" cell empty
 * while Collect Progress… filled it. Both now go through
 * pb_forms_collect (); the forms they write must be the same, with the
 * last value on file on the day they are made where the indicator has
 * one (test_last_reported). */
static void
test_cli_matches_window (void)
{
  g_autofree char *saved_db = db;
  g_autofree char *cli_dir = path_in ("collect-cli");
  g_autofree char *win_dir = path_in ("collect-window");
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) cli_paths = NULL;
  guint n_last = 0;
  GDate today;
  int status;

  db = path_in ("example.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  out = run_cli (&status, "forms", "export", "1", "--period", "2026-Q4", "-o", cli_dir,
                 "--due", "2027-01-10", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  cli_paths = g_strsplit (g_strstrip (out), "\n", -1);

  {
    /* The window's Collect Progress…, in this process */
    g_autoptr(PbStore) store = pb_store_open (db, PB_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 28, 11, 2026);
    paths = pb_forms_collect (store, 1, "2026-Q4", "2027-01-10", FALSE, win_dir, &today, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_strv_length (cli_paths), ==, paths->len);
  g_assert_cmpuint (paths->len, >, 0);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *win_path = g_ptr_array_index (paths, i);
      g_autofree char *base = g_path_get_basename (win_path);
      g_autofree char *cli_path = g_build_filename (cli_dir, base, NULL);
      g_autofree char *win_cells = locked_cells (win_path);
      g_autofree char *cli_cells = locked_cells (cli_path);

      g_assert_cmpstr (cli_path, ==, cli_paths[i]);
      g_assert_cmpstr (cli_cells, ==, win_cells);
      if (g_str_equal (base, "市通信管理办公室.xlsx"))
        {
          g_assert_nonnull (strstr (cli_cells, "| 5G基站 | 个 | 12,000 (2027) | 8,900 (2026-09-30)\n"));
          g_assert_nonnull (strstr (cli_cells, "| 千兆宽带用户 | 户 | 600,000 (2027) | 395,000 (2026-09-30)\n"));
        }
      for (char *p = strstr (cli_cells, ")\n"); p; p = strstr (p + 1, ")\n"))
        n_last++;
    }
  /* Every indicator row with an actual before 2026-10-01 says so. */
  g_assert_cmpuint (n_last, >=, 2);
  g_free (db);
  db = g_steal_pointer (&saved_db);
}

/* Issue 14: a value dated after the day the form is read (a month-end
 * 2026-11-30 typed on 2026-11-28) was listed with no warning, recorded,
 * and then ignored by completion and health until that day. The reader
 * applies the one rule for an actual's date: the value is listed with
 * the reason, never recorded (not even ticked), and the rest of the form
 * is. "Today" is passed in, never the clock's. */
static const char spec_future[] =
  "[[\"5G基站\", \"New Value\", \"number\", 9100],"
  " [\"5G基站\", \"As Of\", \"date\", \"2026-11-30\"],"
  " [\"千兆宽带用户\", \"New Value\", \"number\", 400000],"
  " [\"千兆宽带用户\", \"As Of\", \"date\", \"2026-11-20\"],"
  " [\"新建5G基站\", \"New Value\", \"number\", 3500],"
  " [\"item:加快5G网络规模化部署\", \"Note\", \"text\", \"11月底预计达到9100个\"]]";

static void
test_after_today (void)
{
  g_autofree char *saved_db = db;
  g_autofree char *out = NULL;
  g_autofree char *form = NULL;
  GDate today;
  int status;

  db = path_in ("future.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  out = run_cli (&status, "forms", "export", "1", "--period", "2026-Q4", "-o", "future",
                 "--due", "2027-01-10", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  fill ("future/市通信管理办公室.xlsx", "F.xlsx", spec_future);
  form = path_in ("F.xlsx");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 11, 2026);

  /* In process: the value dated after today carries the reason and is
   * unticked; ticked by force, it is still not recorded. A value with no
   * date, on a form of the running quarter, is today's, not the quarter's
   * end (2026-12-31, after today); so is the note. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PbStore) store = pb_store_open (db, PB_STORE_OPEN_DEFAULT, &error);
    g_autoptr(PbFormReview) review = NULL;
    guint n_refused = 0;

    g_assert_no_error (error);
    review = pb_form_review_read (store, 1, form, &today);
    g_assert_false (review->refused);
    g_assert_cmpuint (review->changes->len, ==, 4);
    for (guint i = 0; i < review->changes->len; i++)
      {
        PbFormChange *c = g_ptr_array_index (review->changes, i);

        if (c->refusal)
          {
            n_refused++;
            g_assert_cmpint (c->kind, ==, PB_FORM_CHANGE_ACTUAL);
            g_assert_cmpstr (c->refusal, ==, "H8: 2026-11-30 is after today.");
            g_assert_cmpstr (c->date, ==, "2026-11-30");
            g_assert_false (c->accept);
          }
        else
          g_assert_true (c->accept);
        if (c->kind == PB_FORM_CHANGE_NOTE || (c->kind == PB_FORM_CHANGE_ACTUAL && c->value == 3500))
          g_assert_cmpstr (c->date, ==, "2026-11-28");
        c->accept = TRUE;
      }
    g_assert_cmpuint (n_refused, ==, 1);
    g_assert_true (pb_form_review_apply (store, review, &today, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 9100"), ==, 0);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 400000 AND date = '2026-11-20'"), ==, 1);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 3500 AND date = '2026-11-28'"), ==, 1);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM note WHERE date = '2026-11-28'"), ==, 1);
    g_assert_true (pb_store_undo (store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value IN (400000, 3500)"), ==, 0);
  }

  /* The command line says the same, and --take-form-values does not
   * tick it; everything else on the form is recorded. */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "F.xlsx", "--dry-run", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==,
                   "市通信管理办公室 — 2026-Q4 (F.xlsx)\n"
                   "  New value: G8 1 加快5G网络规模化部署 · 5G基站: 8,900个 (2026-09-30) → 9,100个 (2026-11-30)"
                   " (not recorded: H8: 2026-11-30 is after today.)\n"
                   "  Note: K8 1 加快5G网络规模化部署: — → 11月底预计达到9100个\n"
                   "  New value: G9 1 加快5G网络规模化部署 · 新建5G基站: 3,200个 (2025-12-31) → 3,500个 (2026-11-28)\n"
                   "  New value: G10 2 推进千兆光网“双千兆”城市建设 · 千兆宽带用户: 395,000户 (2026-09-30) → 400,000户 (2026-11-20)\n");
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "F.xlsx", "--take-form-values", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, " (not recorded: H8: 2026-11-30 is after today.)\n"));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 9100"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 400000 AND date = '2026-11-20'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 3500 AND date = '2026-11-28'"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM progress_form WHERE returned_date = '2026-11-28'"), ==, 1);

  /* Once its day has come, the same value is recorded */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "F.xlsx", "--today", "2026-12-01", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "not recorded"));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 9100 AND date = '2026-11-30'"), ==, 1);
  /* …and the value with no date, recorded on 2026-11-28, is not new */
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM actual WHERE value = 3500"), ==, 1);
  g_assert_nonnull (strstr (out, "  New value: G8 1 加快5G网络规模化部署 · 5G基站: 8,900个 (2026-09-30) → 9,100个 (2026-11-30)\n"));
  g_assert_nonnull (strstr (out, "  2 rows with nothing new were skipped.\n"));

  g_free (db);
  db = g_steal_pointer (&saved_db);
}

/* Issue 14 (review): "Last Reported" showed the latest value before the
 * form's period (395,000 of 2026-09-30) even with a later one on file in
 * the period itself (450,000 of 2026-11-20, on a 2026-11 form made on
 * 2026-11-28), so the organisation was shown a figure it had long passed.
 * It is the latest value on file on the day the form is made (for a
 * period that has ended, on the period's end); a CSV, whose rows are
 * computed again on import, is computed as on the day it was sent. */
static const char spec_locked_target[] =
  "[[\"千兆宽带用户\", \"Target\", \"text\", \"500,000 (2027)\"]]";

/* The form's sheet saved as CSV by a program that is not ours. */
static const char to_csv[] =
  "import csv, sys, openpyxl\n"
  "ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
  "with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:\n"
  "    w = csv.writer(f)\n"
  "    for row in ws.iter_rows(values_only=True):\n"
  "        w.writerow(['' if v is None else v for v in row])\n";

static void
test_last_reported (void)
{
  g_autofree char *saved_db = db;
  g_autofree char *out = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *early = NULL;
  g_autofree char *past = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *form = NULL;
  g_autofree char *early_form = NULL;
  g_autofree char *past_form = NULL;
  int status;

  db = path_in ("last.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  /* 千兆宽带用户 is indicator 3 of the example plan */
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM indicator WHERE id = 3 AND name = '千兆宽带用户'"), ==, 1);
  g_free (run_cli (&status, "actual", "add", "1", "3", "2026-11-20", "450000", "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);

  /* Made on 2026-11-15, before the value came in: the September one */
  g_free (run_cli (&status, "forms", "export", "1", "--period", "2026-11", "-o", "last-early",
                   "--today", "2026-11-15", NULL));
  g_assert_cmpint (status, ==, 0);
  early_form = path_in ("last-early/市通信管理办公室.xlsx");
  early = locked_cells (early_form);
  g_assert_nonnull (strstr (early, "| 千兆宽带用户 | 户 | 600,000 (2027) | 395,000 (2026-09-30)\n"));

  /* Made on 2026-11-28: the value of 2026-11-20, inside its own period */
  g_free (run_cli (&status, "forms", "export", "1", "--period", "2026-11", "-o", "last",
                   "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);
  form = path_in ("last/市通信管理办公室.xlsx");
  cells = locked_cells (form);
  g_assert_nonnull (strstr (cells, "| 千兆宽带用户 | 户 | 600,000 (2027) | 450,000 (2026-11-20)\n"));
  g_assert_nonnull (strstr (cells, "| 5G基站 | 个 | 12,000 (2027) | 8,900 (2026-09-30)\n"));

  /* A form for the third quarter, made in November: what was on file at
   * the quarter's end */
  g_free (run_cli (&status, "forms", "export", "1", "--period", "2026-Q3", "-o", "last-q3",
                   "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);
  past_form = path_in ("last-q3/市通信管理办公室.xlsx");
  past = locked_cells (past_form);
  g_assert_nonnull (strstr (past, "| 千兆宽带用户 | 户 | 600,000 (2027) | 395,000 (2026-09-30)\n"));

  /* Returned as CSV after a newer value came in (2026-11-29): its rows are
   * still those it was sent with, so an edited locked cell is still
   * caught, not lost because the library now computes another row. */
  fill ("last/市通信管理办公室.xlsx", "last-T.xlsx", spec_locked_target);
  filled = path_in ("last-T.xlsx");
  csv = path_in ("last-T.csv");
  g_free (pb_test_run_ok (python, "-c", to_csv, filled, csv, NULL));
  g_free (run_cli (&status, "actual", "add", "1", "3", "2026-11-29", "460000", "--today", "2026-11-30", NULL));
  g_assert_cmpint (status, ==, 0);
  out = run_cli (&status, "forms", "import", "last-T.csv", "--dry-run", "--today", "2026-11-30", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "  Warning: E10 2 推进千兆光网“双千兆”城市建设 · 千兆宽带用户: the locked cell “Target” says "
                                 "“500,000 (2027)” where the library holds “600,000 (2027)”; the form’s text is ignored.\n"));
  g_assert_null (strstr (out, "Last Reported"));

  g_free (db);
  db = g_steal_pointer (&saved_db);
}

/* Journey 5 (review): 市通信管理办公室's form came back as CSV with the
 * locked Target cell E8 edited (12,000 (2027) → 99,999 (2027)) and a New
 * Value in conflict with the 9,600 recorded since the form was sent; the
 * review listed the conflict and nothing about E8: a CSV whose rows the
 * library now computes otherwise (its Last Reported moved on) had its
 * locked cells not looked at. Every edited locked cell is warned about,
 * with its row, what the form says and what the library holds, whichever
 * program saved it (openpyxl, LibreOffice as XLSX and as CSV), and
 * ignored; a figure written otherwise (12000 (2027) for 12,000 (2027), or
 * a Chinese form's 1.2万（2027年）) is no edit, and warns of nothing. */
static const char spec_locked_edited[] =
  "[[\"5G基站\", \"Target\", \"text\", \"99,999 (2027)\"],"
  " [\"5G基站\", \"New Value\", \"number\", 9700]]";
static const char spec_locked_kept[] =
  "[[\"5G基站\", \"New Value\", \"number\", 9700]]";
static const char spec_locked_rewritten[] =
  "[[\"5G基站\", \"Target\", \"text\", \"12000 (2027)\"],"
  " [\"千兆宽带用户\", \"Last Reported\", \"text\", \"395000 (2026-09-30)\"],"
  " [\"5G基站\", \"New Value\", \"number\", 9700]]";

/* A CSV with every figure's thousands separators dropped, as a
 * spreadsheet program may write them back, and E8 edited too: where the
 * checksum cannot tell what was sent, the figures are compared. */
static const char rewrite_csv[] =
  "import csv, re, sys\n"
  "rows = list(csv.reader(open(sys.argv[1], encoding='utf-8')))\n"
  "for row in rows[7:]:\n"
  "    for c in (4, 5):\n"
  "        if c < len(row):\n"
  "            row[c] = re.sub(r'(\\d),(\\d\\d\\d)', r'\\1\\2', row[c])\n"
  "rows[7][4] = '99999 (2027)'\n"
  "csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')).writerows(rows)\n";

static const char locked_warning[] =
  "  Warning: E8 1 加快5G网络规模化部署 · 5G基站: the locked cell “Target” says “99,999 (2027)” "
  "where the library holds “12,000 (2027)”; the form’s text is ignored.\n";
static const char locked_conflict[] =
  "  Conflict: G8 1 加快5G网络规模化部署 · 5G基站: 9,600个 (2026-11-28) → 9,700个 (2026-11-28) "
  "(the recorded value is kept)\n"
  "  2 rows with nothing new were skipped.\n";

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_locked_cells (void)
{
  g_autofree char *saved_db = db;
  g_autofree char *expected_edited = g_strconcat (locked_warning, locked_conflict, NULL);
  const char * const edited[] = { "locked-E.xlsx", "locked-lo/locked-E.xlsx", "locked-lo/locked-E.csv" };
  const char * const kept[] = { "locked-K.xlsx", "locked-lo/locked-K.xlsx", "locked-lo/locked-K.csv",
                                "locked-R.xlsx", "locked-lo/locked-R.xlsx", "locked-lo/locked-R.csv" };
  g_autofree char *out = NULL;
  int status;

  db = path_in ("locked.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM indicator WHERE id = 1 AND name = '5G基站'"), ==, 1);
  g_free (run_cli (&status, "forms", "export", "1", "--period", "2026-Q4", "-o", "locked",
                   "--due", "2027-01-10", "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);
  /* Recorded after the form was sent, dated that day: the library now
   * computes another Last Reported for the row than the form was sent with */
  g_free (run_cli (&status, "actual", "add", "1", "1", "2026-11-28", "9600", "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);

  fill ("locked/市通信管理办公室.xlsx", "locked-E.xlsx", spec_locked_edited);
  fill ("locked/市通信管理办公室.xlsx", "locked-K.xlsx", spec_locked_kept);
  fill ("locked/市通信管理办公室.xlsx", "locked-R.xlsx", spec_locked_rewritten);
  g_assert_cmpint (g_mkdir_with_parents (g_build_filename (dir, "locked-lo", NULL), 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      const char *name = (const char *[]) { "locked-E.xlsx", "locked-K.xlsx", "locked-R.xlsx" }[i];

      soffice_convert (name, "xlsx", "locked-lo");
      soffice_convert (name, "csv:Text - txt - csv (StarCalc):44,34,76", "locked-lo");
    }

  /* The edit is warned about, with its row and both texts, however saved */
  for (guint i = 0; i < G_N_ELEMENTS (edited); i++)
    {
      g_autofree char *review = run_cli (&status, "forms", "import", edited[i], "--dry-run", "--today", "2026-11-28", NULL);
      g_autofree char *text = body (review);

      g_assert_cmpint (status, ==, 0);
      if (!g_str_equal (text, expected_edited))
        g_error ("%s:\n%s", edited[i], review);
    }
  /* Nothing edited: no warning, also where the figures are written
   * otherwise than Planboard writes them */
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *review = run_cli (&status, "forms", "import", kept[i], "--dry-run", "--today", "2026-11-28", NULL);
      g_autofree char *text = body (review);

      g_assert_cmpint (status, ==, 0);
      if (!g_str_equal (text, locked_conflict))
        g_error ("%s:\n%s", kept[i], review);
    }
  /* The separators dropped and E8 edited: E8 alone */
  {
    g_autofree char *in = path_in ("locked-lo/locked-E.csv");
    g_autofree char *rewritten = path_in ("locked-S.csv");
    g_autofree char *review = NULL;

    g_free (pb_test_run_ok (python, "-c", rewrite_csv, in, rewritten, NULL));
    review = run_cli (&status, "forms", "import", "locked-S.csv", "--dry-run", "--today", "2026-11-28", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (review, "  Warning: E8 1 加快5G网络规模化部署 · 5G基站: the locked cell “Target” says "
                                      "“99999 (2027)” where the library holds “12,000 (2027)”; the form’s text is ignored.\n"));
    g_assert_cmpuint (count_of (review, "Warning:"), ==, 1);
  }

  /* Recorded for real: warned, and the target is not changed */
  out = run_cli (&status, "forms", "import", "locked-lo/locked-E.csv", "--take-form-values", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, locked_warning));
  g_assert_cmpint (pb_test_sql_int (db, "SELECT value FROM target WHERE indicator_id = 1 AND year = 2027"), ==, 12000);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT count(*) FROM target WHERE value = 99999"), ==, 0);
  g_assert_cmpint (pb_test_sql_int (db, "SELECT value FROM actual WHERE indicator_id = 1 AND date = '2026-11-28'"), ==, 9700);
  /* …and again: nothing new, still warned */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "import", "locked-lo/locked-E.csv", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, locked_warning));
  g_assert_nonnull (strstr (out, "  Nothing new.\n"));

  /* A form sent in Chinese (1.2万（2027年）, 8900（2026年9月30日）),
   * returned as CSV by LibreOffice, read in English and in Chinese */
  g_free (db);
  db = path_in ("locked-zh.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (run_cli_lang ("zh_CN.UTF-8", &status, "forms", "export", "1", "--period", "2026-Q4", "-o", "locked-zh",
                        "--due", "2027-01-10", "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (run_cli (&status, "actual", "add", "1", "1", "2026-11-28", "9600", "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);
  {
    g_autofree char *form = path_in ("locked-zh/市通信管理办公室.xlsx");
    g_autofree char *described = pb_test_run_ok (python, fill_script, "--describe", form, NULL);

    g_assert_nonnull (strstr (described, "\"5G基站\", \"个\", \"1.2万（2027年）\", \"8900（2026年9月30日）\"]"));
  }
  fill ("locked-zh/市通信管理办公室.xlsx", "locked-zh-E.xlsx",
        "[[\"5G基站\", \"Target\", \"text\", \"99,999（2027年）\"], [\"5G基站\", \"New Value\", \"number\", 9700]]");
  fill ("locked-zh/市通信管理办公室.xlsx", "locked-zh-K.xlsx", spec_locked_kept);
  soffice_convert ("locked-zh-E.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76", "locked-lo");
  soffice_convert ("locked-zh-K.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76", "locked-lo");
  {
    const char * const langs[] = { "C.UTF-8", "zh_CN.UTF-8" };

    for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
      {
        g_autofree char *review_e = run_cli_lang (langs[l], &status, "forms", "import", "locked-lo/locked-zh-E.csv",
                                                  "locked-zh-E.xlsx", "--dry-run", "--today", "2026-11-28", NULL);
        g_autofree char *review_k = run_cli_lang (langs[l], &status, "forms", "import", "locked-lo/locked-zh-K.csv",
                                                  "locked-zh-K.xlsx", "--dry-run", "--today", "2026-11-28", NULL);
        const char *warning = l == 0
          ? "E8 1 加快5G网络规模化部署 · 5G基站: the locked cell “Target” says “99,999（2027年）” where the library "
            "holds “12,000 (2027)”; the form’s text is ignored.\n"
          : "E8 1 加快5G网络规模化部署 · 5G基站：锁定单元格“目标值”填的是“99,999（2027年）”，方案库中为“1.2万（2027年）”；"
            "表中所填不予采用。\n";

        g_assert_cmpint (status, ==, 0);
        if (count_of (review_e, warning) != 2 || count_of (review_e, "E8") != 2)
          g_error ("%s:\n%s", langs[l], review_e);
        if (count_of (review_k, "E8") != 0 || count_of (review_k, "F8") != 0 || count_of (review_k, "G8") != 2)
          g_error ("%s:\n%s", langs[l], review_k);
      }
  }

  g_free (db);
  db = g_steal_pointer (&saved_db);
}

/* Numbers typed as text into a form are read by the one parser
 * (DESIGN §7), as the window and the command line read them: the form
 * reader had a copy of its own that dropped every comma, so a progress of
 * 62,5 was read as 625 and refused the whole form. */
static const char spec_typed[] =
  "[[\"千兆宽带用户\", \"New Value\", \"text\", \"46万\"],"
  " [\"千兆宽带用户\", \"As Of\", \"date\", \"2026-11-25\"],"
  " [\"5G基站\", \"New Value\", \"text\", \"9 100\"],"
  " [\"5G基站\", \"As Of\", \"date\", \"2026-11-25\"],"
  " [\"item:推进千兆光网“双千兆”城市建设\", \"Progress (%)\", \"text\", \"62,5\"],"
  " [\"item:加快5G网络规模化部署\", \"Progress (%)\", \"text\", \"70％\"]]";

static void
test_typed_numbers (void)
{
  g_autofree char *saved_db = db;
  g_autofree char *out = NULL;
  int status;

  db = path_in ("typed.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (run_cli (&status, "forms", "export", "1", "--period", "2026-11", "-o", "typed",
                   "--today", "2026-11-28", NULL));
  g_assert_cmpint (status, ==, 0);
  fill ("typed/市通信管理办公室.xlsx", "typed-N.xlsx", spec_typed);
  out = run_cli (&status, "forms", "import", "typed-N.xlsx", "--dry-run", "--today", "2026-11-28", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==,
                   "市通信管理办公室 — 2026-11 (typed-N.xlsx)\n"
                   "  New value: G8 1 加快5G网络规模化部署 · 5G基站: 8,900个 (2026-09-30) → 9,100个 (2026-11-25)\n"
                   "  Progress: J8 1 加快5G网络规模化部署: 62% → 70%\n"
                   "  New value: G10 2 推进千兆光网“双千兆”城市建设 · 千兆宽带用户: 395,000户 (2026-09-30) → 460,000户 (2026-11-25)\n"
                   "  Progress: J10 2 推进千兆光网“双千兆”城市建设: 48% → 62.5%\n"
                   "  1 row with nothing new was skipped.\n");

  g_free (db);
  db = g_steal_pointer (&saved_db);
}

/* Two rounds sent (the third quarter, then October): forms status with no
 * --period prints each round, the newest first, so the quarter's late
 * forms are not hidden behind October's (it printed October alone);
 * --period prints that round alone. The report's Reporting status part
 * lists both rounds, each under its heading with its counts, as the
 * window's Round drop-down names them; a page that goes on with a round
 * names it. */
static void
test_status_every_round (void)
{
  g_autofree char *saved_db = db;
  g_autofree char *out = NULL;
  g_autofree char *q3 = NULL, *october = NULL;
  g_auto(GStrv) blocks = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_orgs;
  int status;

  db = path_in ("rounds.db");
  g_free (run_cli (&status, "example", NULL));
  g_assert_cmpint (status, ==, 0);
  out = run_cli (&status, "forms", "export", "1", "--period", "2026-Q3", "-o", "rounds-q3",
                 "--due", "2026-10-10", "--today", "2026-10-01", NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  n_orgs = g_strv_length (lines);
  g_assert_cmpuint (n_orgs, >, 1);
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "export", "1", "--period", "2026-10", "-o", "rounds-10",
                 "--due", "2026-11-10", "--today", "2026-11-01", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&out, g_free);

  /* Both rounds, October first, a blank line between. */
  out = run_cli (&status, "forms", "status", "1", "--today", "2026-11-05", NULL);
  g_assert_cmpint (status, ==, 0);
  blocks = g_strsplit (out, "\n\n", -1);
  g_assert_cmpuint (g_strv_length (blocks), ==, 2);
  october = g_strdup_printf ("not-sent 0 sent %u returned 0 late 0", n_orgs);
  q3 = g_strdup_printf ("not-sent 0 sent 0 returned 0 late %u\n", n_orgs);
  g_assert_true (g_str_has_prefix (blocks[0], "2026-10\n"));
  g_assert_true (g_str_has_suffix (blocks[0], october));
  g_assert_nonnull (strstr (blocks[0], "sent\t市通信管理办公室\t2026-11-01\t2026-11-10\t-\n"));
  g_assert_true (g_str_has_prefix (blocks[1], "2026-Q3\n"));
  g_assert_true (g_str_has_suffix (blocks[1], q3));
  g_assert_nonnull (strstr (blocks[1], "late\t市通信管理办公室\t2026-10-01\t2026-10-10\t-\n"));

  /* --period: that round alone. */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "forms", "status", "1", "--period", "2026-Q3", "--today", "2026-11-05", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "2026-Q3\n"));
  g_assert_true (g_str_has_suffix (out, q3));
  g_assert_null (strstr (out, "2026-10\n"));
  g_assert_null (strstr (out, "\n\n"));

  /* The report: one table, a heading per round, newest first. */
  g_clear_pointer (&out, g_free);
  out = run_cli (&status, "report", "1", "-o", "rounds.pdf", "--parts", "reporting", "--today", "2026-11-05", NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autofree char *pdf = path_in ("rounds.pdf");
    g_autofree char *text = pb_test_run_ok ("pdftotext", "-layout", pdf, "-", NULL);
    g_autofree char *oct_heading = g_strdup_printf ("October 2026 · 0 of %u returned\n", n_orgs);
    g_autofree char *q3_heading = g_strdup_printf ("2026 Q3 · 0 of %u returned · %u late\n", n_orgs, n_orgs);
    const char *at_oct, *at_q3;

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "Reporting status"));
    at_oct = strstr (text, oct_heading);
    at_q3 = strstr (text, q3_heading);
    g_assert_nonnull (at_oct);
    g_assert_nonnull (at_q3);
    g_assert_true (at_oct < at_q3);
    g_assert_true (g_regex_match_simple ("市通信管理办公室 +Sent +2026-11-01 +2026-11-10 +—", at_oct, 0, 0));
    g_assert_true (g_regex_match_simple ("市通信管理办公室 +Late +2026-10-01 +2026-10-10 +—", at_q3, 0, 0));
    /* The quarter goes on to a second page, which names it. */
    {
      g_autofree char *cont = g_strdup_printf ("Reporting status (continued): 2026 Q3 · 0 of %u returned · %u late\n",
                                               n_orgs, n_orgs);

      g_assert_nonnull (strstr (at_q3, "\f"));
      g_assert_nonnull (strstr (strstr (at_q3, "\f"), cont));
    }
  }
  g_free (db);
  db = g_steal_pointer (&saved_db);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  cli = g_getenv ("PLANBOARD_CLI");
  g_assert_nonnull (cli);
  /* Debian's Python, which has python3-openpyxl, even under a pyenv */
  python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  {
    int status;
    g_autofree char *out = pb_test_run_status (&status, python, "-c", "import openpyxl", NULL);

    if (status != 0)
      g_error ("python3-openpyxl is needed: apt-get install python3-openpyxl (build-aux/dev.sh test does)");
    if (g_find_program_in_path ("soffice") == NULL)
      g_error ("LibreOffice Calc is needed: apt-get install libreoffice-calc-nogui (build-aux/dev.sh test does)");
  }
  fill_script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fill-form.py", NULL);
  dir = pb_test_make_dir ();
  db = g_build_filename (dir, "library.db", NULL);
  profile = g_build_filename (dir, "lo-profile", NULL);

  g_test_add_func ("/forms/periods", test_periods);
  g_test_add_func ("/forms/round-trip", test_round_trip);
  g_test_add_func ("/forms/refusals", test_refusals);
  g_test_add_func ("/forms/cli-matches-window", test_cli_matches_window);
  g_test_add_func ("/forms/after-today", test_after_today);
  g_test_add_func ("/forms/last-reported", test_last_reported);
  g_test_add_func ("/forms/locked-cells", test_locked_cells);
  g_test_add_func ("/forms/typed-numbers", test_typed_numbers);
  g_test_add_func ("/forms/status-every-round", test_status_every_round);
  rc = g_test_run ();
  pb_test_remove_dir (dir);
  return rc;
}
