/* test-store.c — the store: opening, records, lists, writing, text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sqlite3.h>

#include "pb-forms.h"
#include "pb-health.h"
#include "pb-indicator-links.h"
#include "pb-schema.h"
#include "pb-store-private.h"
#include "pb-test-util.h"

static void
test_open_create (PbTestLibrary *f,
                  gconstpointer  data)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) again = NULL;

  if (pb_test_on_server ())
    {
      /* A shared library is made by `library init` (test-pg-library). */
      g_test_skip ("the file, its header and WAL: a library file only");
      return;
    }

  g_assert_true (pb_store_get_created (f->store));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (pb_test_sql_int (f->path, "PRAGMA application_id"), ==, PB_APPLICATION_ID);
  g_assert_cmpint (pb_test_sql_int (f->path, "PRAGMA user_version"), ==, PB_SCHEMA_VERSION);

  /* The store's own connection: WAL, foreign keys, FULL sync, a timeout. */
  sqlite3_open (f->path, &db);
  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpint (pb_store_count (f->store, PB_TYPE_PLAN, "id", 1), ==, 0);

  /* Opening it again does not create anything. */
  again = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_get_created (again));
}

static void
test_open_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "nope.db", NULL);
  PbStore *store = pb_store_open (path, PB_STORE_OPEN_DEFAULT, &error);

  g_assert_null (store);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  pb_test_remove_dir (dir);
}

/* SQLite's words for what went wrong are English whatever the language:
 * a store error says what happened in its first line, translated, and
 * keeps SQLite's text after it, for the log and a tooltip. Opening a
 * damaged library said "…已损坏（database disk image is malformed）…". */
static void
test_sqlite_words_kept_apart (PbTestLibrary *f,
                              gconstpointer  data)
{
  static const int codes[] = { PB_DB_CORRUPT, PB_DB_NOTADB, PB_DB_BUSY, PB_DB_LOCKED,
                               PB_DB_READONLY, PB_DB_FULL, PB_DB_IOERR, PB_DB_CANTOPEN };
  g_autofree char *name = g_path_get_basename (f->path);
  g_autofree char *trunc = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  g_autofree char *detail = NULL;
  PbStore *opened;
  gsize length;

  if (pb_test_on_server ())
    {
      g_test_skip ("a damaged library file: a library file only");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autofree char *first = NULL;
      g_autofree char *rest = NULL;

      g_assert_false (pb_store_set_error (f->store, codes[i], &e));
      g_assert_nonnull (e);
      first = pb_store_error_split (e->message, &rest);
      g_test_message ("%s: %s | %s", pb_db_errstr (codes[i]), first, rest ? rest : "");
      g_assert_null (strstr (first, pb_db_errstr (codes[i])));
      g_assert_null (strstr (first, "database"));
      g_assert_null (strstr (first, "malformed"));
      g_assert_null (strchr (first, '('));
      if (codes[i] == PB_DB_CORRUPT || codes[i] == PB_DB_NOTADB)
        {
          g_assert_true (g_error_matches (e, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT));
          g_assert_nonnull (strstr (first, "is damaged"));
        }
    }

  /* A library cut short, as a copy that stopped half way. */
  g_assert_cmpint (pb_store_add_example_plan (f->store, NULL), >, 0);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  trunc = g_build_filename (f->dir, "trunc.planboard", NULL);
  g_assert_true (g_file_set_contents (trunc, contents, 3 * 4096 + 100, NULL));
  opened = pb_store_open (trunc, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (opened);
  g_assert_true (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT));
  said = pb_store_error_split (error->message, &detail);
  g_test_message ("%s | %s", said, detail ? detail : "");
  g_assert_nonnull (strstr (said, "“trunc.planboard”"));
  g_assert_null (strstr (said, "database"));
  g_assert_null (strstr (said, "malformed"));
}

static void
test_pragmas_on_connection (PbTestLibrary *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan, item;

  /* Foreign keys are enforced: an item of a missing plan is refused. */
  item = pb_store_add_item (f->store, 999, 0, PB_ITEM_KIND_TASK, "1", "孤立的任务", &error);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpint (item, ==, 0);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item"), ==, 0);
  g_clear_error (&error);

  plan = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan, >, 0);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_records (PbTestLibrary *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(PbPlan) same = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autofree char *title = NULL;
  guint notified = 0;
  gint64 plan_id, section_id, item_id;

  plan_id = pb_store_create_plan (f->store, "六盘水市新型基础设施建设三年行动方案(2022—2024年)", 2022, 2024, &error);
  g_assert_no_error (error);
  section_id = pb_store_add_section (f->store, plan_id, 0, "二", "重点任务", &error);
  g_assert_no_error (error);
  item_id = pb_store_add_item (f->store, plan_id, section_id, PB_ITEM_KIND_TASK, "1",
                               "加强算力基础设施建设", &error);
  g_assert_no_error (error);

  plan = pb_store_get_record (f->store, PB_TYPE_PLAN, plan_id);
  same = pb_store_get_record (f->store, PB_TYPE_PLAN, plan_id);
  g_assert_true (plan == same);
  g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2022);
  g_object_get (plan, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "六盘水市新型基础设施建设三年行动方案(2022—2024年)");
  g_assert_null (pb_record_get_string (PB_RECORD (plan), "doc_number"));

  item = pb_store_get_record (f->store, PB_TYPE_ITEM, item_id);
  g_assert_cmpint (pb_item_get_kind (item), ==, PB_ITEM_KIND_TASK);
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpint (pb_item_get_section_id (item), ==, section_id);
  g_assert_cmpfloat (pb_item_get_progress (item), ==, 0.0);

  /* A change notifies the live record once per changed property … */
  g_signal_connect (item, "notify::status", G_CALLBACK (count_notify), &notified);
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_IN_PROGRESS, "progress", 0.25, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_IN_PROGRESS);
  g_assert_cmpfloat (pb_item_get_progress (item), ==, 0.25);

  /* … and setting the same value again emits nothing. */
  pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_IN_PROGRESS, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);

  /* Records cannot be written around the store. */
  g_assert_false (G_OBJECT_GET_CLASS (item) == NULL);
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (item), "title")->flags & G_PARAM_WRITABLE);

  /* A deleted row's record says so and the store forgets it. */
  g_assert_true (pb_store_delete (f->store, item, &error));
  g_assert_no_error (error);
  g_assert_true (pb_record_is_deleted (PB_RECORD (item)));
  g_assert_null (pb_store_get_record (f->store, PB_TYPE_ITEM, item_id));
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
count_changed (PbStore    *store,
               const char *table,
               GPtrArray  *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static void
test_lists (PbTestLibrary *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) plans = pb_store_list_plans (f->store);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PbItem) second = NULL;
  guint plans_changed = 0, items_changed = 0;
  gint64 plan_id, a, b;

  g_signal_connect (plans, "items-changed", G_CALLBACK (count_items_changed), &plans_changed);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), tables);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_assert_true (g_list_model_get_item_type (plans) == PB_TYPE_PLAN);

  plan_id = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_cmpuint (plans_changed, ==, 1);
  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tables, 0), ==, "plan");

  items = pb_store_list_items (f->store, plan_id);
  g_signal_connect (items, "items-changed", G_CALLBACK (count_items_changed), &items_changed);
  a = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "1", "第一项", &error);
  b = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "2", "第二项", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_cmpuint (items_changed, ==, 2);
  second = g_list_model_get_item (items, 1);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (second)), ==, b);
  g_assert_null (g_list_model_get_item (items, 2));

  /* An edit that does not move a row changes no list. */
  pb_store_set (f->store, second, &error, "title", "第二项(修改)", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (items_changed, ==, 2);
  g_assert_cmpuint (plans_changed, ==, 1);

  /* Reordering does. */
  pb_store_set (f->store, second, &error, "position", (gint64) -1, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (items_changed, ==, 3);
  {
    g_autoptr(PbItem) first = g_list_model_get_item (items, 0);
    g_assert_cmpint (pb_record_get_id (PB_RECORD (first)), ==, b);
  }

  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM, "plan_id", plan_id), ==, 2);

  /* Reading a plan's rows at once gives the live records: the one already
   * held, and a new one that pb_store_get_record () then hands out again. */
  {
    g_autoptr(GPtrArray) loaded = pb_store_dup_records (f->store, PB_TYPE_ITEM, "plan_id", plan_id);
    g_autoptr(GPtrArray) none = pb_store_dup_records (f->store, PB_TYPE_ITEM, "plan_id", plan_id + 1);
    g_autoptr(GPtrArray) all_plans = pb_store_dup_records (f->store, PB_TYPE_PLAN, NULL, 0);
    g_autoptr(PbItem) first = pb_store_get_record (f->store, PB_TYPE_ITEM, a);
    gboolean has_second = FALSE, has_first = FALSE;

    g_assert_cmpuint (loaded->len, ==, 2);
    for (guint i = 0; i < loaded->len; i++)
      {
        has_second |= g_ptr_array_index (loaded, i) == (gpointer) second;
        has_first |= g_ptr_array_index (loaded, i) == (gpointer) first;
      }
    g_assert_true (has_second);
    g_assert_true (has_first);
    g_assert_cmpstr (pb_item_get_title (first), ==, "第一项");
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (all_plans->len, ==, 1);
  }
}

static void
test_cascade (PbTestLibrary *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) plan = NULL;
  gint64 plan_id;

  plan_id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item"), ==, 19);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM target"), >, 20);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM actual"), >, 10);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM organisation_alias"), ==, 1);

  plan = pb_store_get_record (f->store, PB_TYPE_PLAN, plan_id);
  g_assert_true (pb_store_delete (f->store, plan, &error));
  g_assert_no_error (error);

  for (const char * const *t = (const char * const[]) { "plan", "section", "item", "organisation",
                                                         "organisation_alias", "item_org", "indicator",
                                                         "target", "actual", "dependency", "note", NULL };
       *t; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", *t);
      g_assert_cmpint (pb_test_sql_int (f->path, sql), ==, 0);
    }
}

static void
test_invalid (PbTestLibrary *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 plan_id, item_id;

  plan_id = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  item_id = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "1", "任务", &error);
  g_assert_no_error (error);
  item = pb_store_get_record (f->store, PB_TYPE_ITEM, item_id);
  before = pb_test_dump_store (f->store);

  /* (A write that breaks a CHECK is rolled back whole: test-history.) */
  g_assert_cmpint (pb_store_create_plan (f->store, "倒置", 2024, 2022, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (pb_store_add_dependency (f->store, item_id, item_id, 0, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  after = pb_test_dump_store (f->store);
  g_assert_cmpstr (before, ==, after);

  /* No loop of dependencies: 2 after 1 and 3 after 2, then 1 after 3
   * (or after 2) would have each wait for the other. Refused with the
   * reason, nothing written; the other way round is fine. */
  {
    gint64 two = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "2", "任务二", &error);
    gint64 three = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "3", "任务三", &error);
    g_autofree char *chain = NULL;
    g_autofree char *now = NULL;

    g_assert_cmpint (pb_store_add_dependency (f->store, item_id, two, 0, &error), >, 0);
    g_assert_cmpint (pb_store_add_dependency (f->store, two, three, 0, &error), >, 0);
    g_assert_no_error (error);
    chain = pb_test_dump_store (f->store);
    g_assert_cmpint (pb_store_add_dependency (f->store, three, item_id, 0, &error), ==, 0);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "1 任务"));
    g_assert_nonnull (strstr (error->message, "3 任务三"));
    g_clear_error (&error);
    g_assert_cmpint (pb_store_add_dependency (f->store, two, item_id, 0, &error), ==, 0);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (pb_store_check_dependency (f->store, three, two, &error));
    g_clear_error (&error);
    now = pb_test_dump_store (f->store);
    g_assert_cmpstr (now, ==, chain);
    /* 3 after 1 as well: no loop. */
    g_assert_true (pb_store_check_dependency (f->store, item_id, three, &error));
    g_assert_cmpint (pb_store_add_dependency (f->store, item_id, three, 0, &error), >, 0);
    g_assert_no_error (error);
  }

  /* A record whose row is gone cannot be edited. */
  g_assert_true (pb_store_delete (f->store, item, &error));
  g_assert_false (pb_store_set (f->store, item, &error, "title", "x", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
}

static void
test_organisations (PbTestLibrary *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) orgs = NULL;
  g_autoptr(GListModel) roles = NULL;
  g_autofree char *leads = NULL;
  gint64 plan_id, a, b;

  plan_id = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  a = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "1", "任务一", &error);
  b = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "2", "任务二", &error);
  g_assert_no_error (error);

  g_assert_cmpint (pb_store_assign_organisation (f->store, a, "市工业和信息化局", PB_ROLE_LEAD, &error), >, 0);
  g_assert_cmpint (pb_store_assign_organisation (f->store, a, " 各区、县〔市〕政府 ", PB_ROLE_RESPONSIBLE, &error), >, 0);
  g_assert_cmpint (pb_store_assign_organisation (f->store, b, "市工业和信息化局", PB_ROLE_RESPONSIBLE, &error), >, 0);
  g_assert_no_error (error);

  /* One organisation per name across the plan. */
  orgs = pb_store_list_organisations (f->store, plan_id);
  g_assert_cmpuint (g_list_model_get_n_items (orgs), ==, 2);
  {
    g_autoptr(PbOrganisation) second = g_list_model_get_item (orgs, 1);
    g_assert_cmpstr (pb_organisation_get_name (second), ==, "各区、县〔市〕政府");
  }

  roles = pb_store_list_item_orgs (f->store, a);
  g_assert_cmpuint (g_list_model_get_n_items (roles), ==, 2);
  {
    g_autoptr(PbItemOrg) first = g_list_model_get_item (roles, 0);
    g_assert_cmpint (pb_item_org_get_role (first), ==, PB_ROLE_LEAD);
  }

  leads = pb_store_dup_lead_names (f->store, a);
  g_assert_cmpstr (leads, ==, "市工业和信息化局");

  /* The same organisation twice on one item is refused. */
  g_assert_cmpint (pb_store_assign_organisation (f->store, a, "市工业和信息化局", PB_ROLE_RESPONSIBLE, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (pb_store_assign_organisation (f->store, a, "  ", PB_ROLE_LEAD, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
}

/* Text of every kind comes back as it went in, through the store, a
 * reopened file, JSON and a .planboard file. */
static void
test_text_round_trip (PbTestLibrary *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(PbStore) reopened = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autofree char *planboard = g_build_filename (f->dir, "交换 <文件>.planboard", NULL);
  const char *texts[] = {
    "<b>粗体</b> & \"引号\" 'apostrophe' &amp; <script>",
    "表情 🎉🚀 和 组合字符 é 与 全角 ABC(括号)〔2022〕10号",
    "繁體字:臺灣省資訊產業發展計畫",
    "line one\nline two\r\n\ttabbed",
    NULL,
  };
  gint64 plan_id, copy_id;

  for (int i = 0; i < 20000; i++)
    g_string_append (long_text, "新型基础设施");

  plan_id = pb_store_create_plan (f->store, texts[0], 2022, 2024, &error);
  g_assert_no_error (error);

  for (guint i = 0; texts[i]; i++)
    {
      gint64 id = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, texts[i], texts[i], &error);
      g_assert_no_error (error);
      g_clear_object (&item);
      item = pb_store_get_record (f->store, PB_TYPE_ITEM, id);
      pb_store_set (f->store, item, &error, "body", long_text->str, NULL);
      g_assert_no_error (error);
      pb_store_assign_organisation (f->store, id, texts[i], PB_ROLE_LEAD, &error);
      g_assert_no_error (error);
    }

  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GListModel) items = pb_store_list_items (f->store, plan_id);

    for (guint i = 0; texts[i]; i++)
      {
        g_autoptr(PbItem) it = g_list_model_get_item (items, i);
        g_autofree char *lead = pb_store_dup_lead_names (f->store, pb_record_get_id (PB_RECORD (it)));

        g_assert_cmpstr (pb_item_get_title (it), ==, texts[i]);
        g_assert_cmpstr (pb_item_get_number (it), ==, texts[i]);
        g_assert_cmpstr (pb_record_get_string (PB_RECORD (it), "body"), ==, long_text->str);
        g_assert_cmpstr (lead, ==, texts[i]);
      }
  }

  g_assert_true (pb_store_export_planboard (f->store, plan_id, planboard, &error));
  g_assert_no_error (error);
  copy_id = pb_store_import_planboard (f->store, planboard, &error);
  g_assert_no_error (error);

  {
    g_autofree char *a = pb_test_export_string (f->store, plan_id);
    g_autofree char *b = pb_test_export_string (f->store, copy_id);

    g_assert_cmpstr (a, ==, b);
    g_assert_nonnull (strstr (a, "🎉🚀"));
  }
  (void) reopened;
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;

  g_setenv ("PLANBOARD_DB", "/tmp/elsewhere.db", TRUE);
  path = pb_store_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/elsewhere.db");
  g_free (path);

  g_unsetenv ("PLANBOARD_DB");
  path = pb_store_default_path ();
  g_assert_true (g_str_has_suffix (path, "/planboard/library.db"));
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
}

/* Two indicators for one quantity merge into one, as one command with a
 * label; undo brings both back whole, redo merges again. */
static void
test_merge_indicators (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) goal_list = NULL;
  g_autoptr(GListModel) served = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 plan_id, goal, task, other, a, b, c;

  plan_id = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  goal = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_GOAL, "", "主要目标", &error);
  task = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "3", "推进5G网络建设", &error);
  other = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "4", "建设数据中心", &error);
  a = pb_store_add_indicator (f->store, plan_id, goal, "新建5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  b = pb_store_add_indicator (f->store, plan_id, task, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  c = pb_store_add_indicator (f->store, plan_id, other, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_target (f->store, a, 2024, 10000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, b, 2022, 2600, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, c, 2024, 500, PB_COMPARATOR_EQ, FALSE, &error);
  pb_store_record_actual (f->store, b, "2023-06-30", 5000, NULL, NULL, &error);
  g_assert_no_error (error);
  before = pb_test_dump_store (f->store);

  g_assert_true (pb_store_merge_indicators (f->store, a, b, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Merge indicator “5G基站” into “新建5G基站”");
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM indicator"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM target WHERE indicator_id = 1"), ==, 2);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM actual WHERE indicator_id = 1"), ==, 1);
  served = pb_store_list_indicator_items (f->store, a);
  g_assert_cmpuint (g_list_model_get_n_items (served), ==, 2);
  goal_list = pb_store_list_item_indicators (f->store, task);
  g_assert_cmpuint (g_list_model_get_n_items (goal_list), ==, 1);

  /* A third with another 2024 target is another quantity: refused, why said. */
  g_assert_false (pb_store_merge_indicators (f->store, a, c, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2024"));
  g_clear_error (&error);
  g_assert_false (pb_store_merge_indicators (f->store, a, a, &error));
  g_clear_error (&error);
  /* Another unit is another quantity, whatever the targets say. */
  {
    gint64 km = pb_store_add_indicator (f->store, plan_id, other, "5G基站", "公里", PB_INDICATOR_KIND_CUMULATIVE, &error);
    g_autofree char *held = pb_test_dump_store (f->store);

    g_assert_no_error (error);
    g_assert_false (pb_store_merge_indicators (f->store, a, km, &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "“新建5G基站” is counted in 个 and “5G基站” in 公里: they cannot be one indicator.");
    g_clear_error (&error);
    {
      g_autofree char *now = pb_test_dump_store (f->store);
      g_assert_cmpstr (now, ==, held);
    }
    g_assert_true (pb_store_undo (f->store, &error));
  }

  after = pb_test_dump_store (f->store);
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *undone = pb_test_dump_store (f->store);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_cmpuint (g_list_model_get_n_items (served), ==, 1);
  g_assert_true (pb_store_redo (f->store, &error));
  {
    g_autofree char *redone = pb_test_dump_store (f->store);
    g_assert_cmpstr (redone, ==, after);
  }
  g_assert_cmpuint (g_list_model_get_n_items (served), ==, 2);
}

/* Why two indicators cannot be one, said before any merge is tried and
 * the same when one is: each case in its own words, naming both (the
 * annual one first: it counts each year's figure; the decreasing one
 * first: it counts down to its target); nothing changes on a refusal. */
static void
test_merge_refusals (PbTestLibrary *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *held = NULL;
  gint64 plan_id, other_plan, total, yearly, down, km, based, aimed, fresh, elsewhere;
  g_autoptr(PbIndicator) down_k = NULL;
  g_autoptr(PbIndicator) based_k = NULL;
  g_autoptr(PbIndicator) total_k = NULL;
  const struct { gint64 *keep, *gone; const char *why; } cases[] = {
    { &total, &yearly, "“新建5G基站” counts each year’s figure on its own and “5G基站” the running total: they cannot be one indicator." },
    { &yearly, &total, "“新建5G基站” counts each year’s figure on its own and “5G基站” the running total: they cannot be one indicator." },
    { &total, &down, "“5G基站能耗” counts down to its target (lower is better) and “5G基站” up to its target: they cannot be one indicator." },
    { &total, &km, "“5G基站” is counted in 个 and “5G光缆” in 公里: they cannot be one indicator." },
    { &total, &based, "“5G基站” starts from 3,200 and “5G基站（续）” from 0: they cannot be one indicator." },
    { &total, &aimed, "“5G基站” aims at ≥12,000 for 2027 and “5G基站（任务）” at 12,000: they cannot be one indicator." },
    { &total, &total, "Only two different indicators of one plan can be merged." },
    { &total, &elsewhere, "Only two different indicators of one plan can be merged." },
  };

  plan_id = pb_store_create_plan (f->store, "方案", 2025, 2027, &error);
  other_plan = pb_store_create_plan (f->store, "另一方案", 2025, 2027, &error);
  total = pb_store_add_indicator (f->store, plan_id, 0, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  yearly = pb_store_add_indicator (f->store, plan_id, 0, "新建5G基站", "个", PB_INDICATOR_KIND_ANNUAL, &error);
  down = pb_store_add_indicator (f->store, plan_id, 0, "5G基站能耗", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  km = pb_store_add_indicator (f->store, plan_id, 0, "5G光缆", "公里", PB_INDICATOR_KIND_CUMULATIVE, &error);
  based = pb_store_add_indicator (f->store, plan_id, 0, "5G基站（续）", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  aimed = pb_store_add_indicator (f->store, plan_id, 0, "5G基站（任务）", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  fresh = pb_store_add_indicator (f->store, plan_id, 0, "5G基站", "個", PB_INDICATOR_KIND_CUMULATIVE, &error);
  elsewhere = pb_store_add_indicator (f->store, other_plan, 0, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);
  down_k = pb_store_get_record (f->store, PB_TYPE_INDICATOR, down);
  based_k = pb_store_get_record (f->store, PB_TYPE_INDICATOR, based);
  total_k = pb_store_get_record (f->store, PB_TYPE_INDICATOR, total);
  g_assert_true (pb_store_set (f->store, down_k, &error, "direction", PB_DIRECTION_DECREASE, NULL));
  g_assert_true (pb_store_set (f->store, total_k, &error, "baseline_value", 3200.0, NULL));
  g_assert_true (pb_store_set (f->store, based_k, &error, "baseline_value", 0.0, NULL));
  pb_store_add_target (f->store, total, 2027, 12000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, aimed, 2027, 12000, PB_COMPARATOR_EQ, FALSE, &error);
  pb_store_add_target (f->store, fresh, 2027, 12000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_record_actual (f->store, fresh, "2025-06-30", 5000, NULL, NULL, &error);
  g_assert_no_error (error);
  held = pb_test_dump_store (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = pb_store_dup_merge_conflict (f->store, *cases[i].keep, *cases[i].gone);
      g_autofree char *now = NULL;

      g_assert_cmpstr (why, ==, cases[i].why);
      g_assert_false (pb_store_merge_indicators (f->store, *cases[i].keep, *cases[i].gone, &error));
      g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].why);
      g_clear_error (&error);
      now = pb_test_dump_store (f->store);
      g_assert_cmpstr (now, ==, held);
    }

  /* One quantity, 个 and 個, one target agreed, no baseline on one side:
   * nothing stands in the way, and the merge is made. */
  g_assert_null (pb_store_dup_merge_conflict (f->store, total, fresh));
  g_assert_true (pb_store_merge_indicators (f->store, total, fresh, &error));
  g_assert_no_error (error);
  g_assert_null (pb_store_get_record (f->store, PB_TYPE_INDICATOR, fresh));
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ACTUAL, "indicator_id", total), ==, 1);
  g_assert_cmpstr (pb_store_dup_merge_conflict (f->store, total, fresh), ==, "One of the two indicators no longer exists.");
}

/* Detaching an indicator from an item leaves the indicator, its targets and
 * actuals in the plan, as one undoable command. */
static void
test_detach_indicator (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *before = NULL;
  gint64 plan_id, goal, task, k;

  plan_id = pb_store_create_plan (f->store, "方案", 2022, 2024, &error);
  goal = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_GOAL, "", "主要目标", &error);
  task = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "3", "推进5G网络建设", &error);
  k = pb_store_add_indicator (f->store, plan_id, goal, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_cmpint (pb_store_link_indicator (f->store, task, k, &error), >, 0);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Link “5G基站” to 3 推进5G网络建设");
  g_assert_cmpint (pb_store_link_indicator (f->store, task, k, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  pb_store_add_target (f->store, k, 2024, 10000, PB_COMPARATOR_GE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT item_id FROM target"), ==, goal);

  list = pb_store_list_item_indicators (f->store, goal);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  before = pb_test_dump_store (f->store);

  g_assert_true (pb_store_detach_indicator (f->store, goal, k, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Detach “5G基站” from 主要目标");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM indicator"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM target WHERE item_id IS NULL"), ==, 1);
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item_indicator"), ==, 1);

  /* Not served: nothing to detach. */
  g_assert_false (pb_store_detach_indicator (f->store, goal, k, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (pb_store_undo (f->store, &error));
  {
    g_autofree char *undone = pb_test_dump_store (f->store);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (pb_store_redo (f->store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  /* Deleting an item keeps the indicators it served. */
  {
    g_autoptr(PbItem) item = pb_store_get_record (f->store, PB_TYPE_ITEM, task);
    g_assert_true (pb_store_delete (f->store, item, &error));
    g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM indicator"), ==, 1);
    g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM item_indicator"), ==, 0);
  }
}

static PbItem *
item_numbered (PbStore    *store,
               gint64      plan,
               const char *number)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (items, i);

      if (g_str_equal (pb_item_get_number (it), number))
        return g_steal_pointer (&it);
    }
  return NULL;
}

/* Two writers edit one row: the second, who has not seen the first's
 * change, is refused with a message naming the item, and then sees the
 * first's value; the last writer does not silently win. */
static void
test_conflict_one_row (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbItem) mine = NULL;
  g_autoptr(PbItem) theirs = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *undo_before = NULL;

  g_assert_true (pb_store_add_example_plan (f->store, &error));
  g_assert_no_error (error);
  plans = pb_store_list_plans (f->store);
  plan = g_list_model_get_item (plans, 0);
  mine = item_numbered (f->store, pb_record_get_id (PB_RECORD (plan)), "3");
  g_assert_nonnull (mine);

  other = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = item_numbered (other, pb_record_get_id (PB_RECORD (plan)), "3");
  g_assert_nonnull (theirs);

  g_assert_true (pb_store_set (other, theirs, &error, "title", "统筹建设绿色数据中心（市发改委改）", NULL));
  g_assert_no_error (error);

  /* This store has not looked yet: its record still shows the old title. */
  undo_before = g_strdup (pb_store_get_undo_label (f->store));
  g_assert_false (pb_store_set (f->store, mine, &error, "title", "统筹建设绿色数据中心（办公室改）", NULL));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Someone else changed 3 "));
  g_clear_error (&error);

  /* It now shows the other writer's value, which stays. */
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (mine), "title"), ==, "统筹建设绿色数据中心（市发改委改）");
  sql = g_strdup_printf ("SELECT count(*) FROM item WHERE id = %" G_GINT64_FORMAT
                         " AND title = '统筹建设绿色数据中心（市发改委改）'", pb_record_get_id (PB_RECORD (mine)));
  g_assert_cmpint (pb_test_sql_int (f->path, sql), ==, 1);
  /* Nothing was written: the refused change is no step to undo. */
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, undo_before);

  /* Having seen it, the planner's change goes through. */
  g_assert_true (pb_store_set (f->store, mine, &error, "title", "统筹建设绿色数据中心（办公室改）", NULL));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (mine), "title"), ==, "统筹建设绿色数据中心（办公室改）");

  g_clear_object (&theirs);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
count_notify_cb (GObject    *record,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

/* Another connection changes 3 of 60 items: a refresh brings them in. On
 * a shared library, whose notifications name the rows, it reads those 3
 * rows in one query and the one list they are in, and nothing else. */
static void
test_refresh_named_rows (PbTestLibrary *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) sections = NULL;
  guint64 statements0, rows0, statements1, rows1;
  guint notified = 0;
  gint64 plan_id, changed[3];
  gboolean refreshed = FALSE;

  plan_id = pb_test_add_big_plan (f->store, "新型基础设施建设三年行动方案", 60, &error);
  g_assert_no_error (error);

  /* The other desk: its window holds every item, the plan's list of
   * items and of sections. */
  other = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  items = pb_store_dup_records (other, PB_TYPE_ITEM, "plan_id", plan_id);
  g_assert_cmpuint (items->len, ==, 60);
  list = pb_store_list_items (other, plan_id);
  sections = pb_store_list_sections (other, plan_id);
  for (guint i = 0; i < items->len; i++)
    g_signal_connect (items->pdata[i], "notify", G_CALLBACK (count_notify_cb), &notified);

  /* This desk changes three of them, one command each. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (f->store, PB_TYPE_ITEM,
                                                    pb_record_get_id (items->pdata[10 + 20 * i]));
      g_autofree char *title = g_strdup_printf ("第%u项：推进5G基站建设（市工信局改）", 11 + 20 * i);

      changed[i] = pb_record_get_id (PB_RECORD (item));
      g_assert_true (pb_store_set (f->store, item, &error, "title", title, NULL));
      g_assert_no_error (error);
    }

  /* The other desk looks (as its window does every second). */
  pb_db_get_counts (pb_store_get_conn (other), &statements0, &rows0);
  for (guint tries = 0; !refreshed && tries < 200; tries++)
    {
      refreshed = pb_store_refresh (other);
      if (!refreshed)
        g_usleep (10000);
    }
  g_assert_true (refreshed);
  pb_db_get_counts (pb_store_get_conn (other), &statements1, &rows1);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (other, PB_TYPE_ITEM, changed[i]);
      g_autofree char *title = g_strdup_printf ("第%u项：推进5G基站建设（市工信局改）", 11 + 20 * i);

      g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "title"), ==, title);
    }
  /* Only the three changed records told their views. */
  g_assert_cmpuint (notified, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 60);

  if (pb_test_on_server ())
    {
      /* One query for the three rows; the list of items (they are in
       * it) puts them in place itself, the sections' list and the other
       * 57 items are not read. */
      g_test_message ("refresh: %" G_GUINT64_FORMAT " statements, %" G_GUINT64_FORMAT " rows",
                      statements1 - statements0, rows1 - rows0);
      g_assert_cmpuint (statements1 - statements0, ==, 1);
      g_assert_cmpuint (rows1 - rows0, ==, 3);
    }

  /* Nothing more happened: nothing more is read. */
  g_assert_false (pb_store_refresh (other));
  {
    guint64 statements2;

    pb_db_get_counts (pb_store_get_conn (other), &statements2, NULL);
    g_assert_cmpuint (statements2, <=, statements1 + 1);
  }
}

static void
ask_health_cb (PbStore    *store,
               const char *table,
               PbItem     *item)
{
  GDate today;

  /* As a board does while the change is published. */
  g_date_set_dmy (&today, 15, 6, 2026);
  pb_store_get_item_health (store, item, &today, NULL);
}

static void
assert_same_ids (GListModel *a,
                 GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(PbRecord) x = g_list_model_get_item (a, i);
      g_autoptr(PbRecord) y = g_list_model_get_item (b, i);

      g_assert_cmpint (pb_record_get_id (x), ==, pb_record_get_id (y));
    }
}

/* Another connection records, changes and deletes actuals and moves an
 * item: the lists the window holds place the rows themselves, and the
 * health it judges again for the indicators touched alone, and both are
 * what a store opened afresh reads. */
static void
test_refresh_in_place (PbTestLibrary *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) other = NULL;
  g_autoptr(PbStore) fresh = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GPtrArray) actual_lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) item_list = NULL;
  g_autoptr(GArray) recorded = g_array_new (FALSE, FALSE, sizeof (gint64));
  GDate today;
  gint64 plan_id;

  g_date_set_dmy (&today, 15, 6, 2026);
  plan_id = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  indicators = pb_store_dup_records (f->store, PB_TYPE_INDICATOR, "plan_id", plan_id);
  g_assert_cmpuint (indicators->len, >=, 2);

  other = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  items = pb_store_dup_records (other, PB_TYPE_ITEM, "plan_id", plan_id);
  item_list = pb_store_list_items (other, plan_id);
  for (guint k = 0; k < indicators->len; k++)
    g_ptr_array_add (actual_lists, pb_store_list_actuals (other, pb_record_get_id (indicators->pdata[k])));
  for (guint i = 0; i < items->len; i++)
    pb_store_get_item_health (other, items->pdata[i], &today, NULL);
  g_signal_connect (other, "changed", G_CALLBACK (ask_health_cb), items->pdata[0]);

  /* Rounds of changes, each taken in by one refresh. */
  for (guint round = 0; round < 4; round++)
    {
      for (guint n = 0; n < 6; n++)
        {
          PbRecord *k = indicators->pdata[(round + n) % indicators->len];
          /* Dates out of order: the rows go between the ones there. */
          g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + (n * 5 + round * 3) % 12, 1 + n % 27);
          gint64 id = pb_store_record_actual (f->store, pb_record_get_id (k), date, 10.0 * (n + 1) + round,
                                              "按月报送", "reporter", &error);

          g_assert_no_error (error);
          g_array_append_val (recorded, id);
        }
      if (round > 0)
        {
          /* One moved to another day, one taken back, one item moved. */
          g_autoptr(PbRecord) moved = pb_store_get_record (f->store, PB_TYPE_ACTUAL, g_array_index (recorded, gint64, round));
          g_autoptr(PbRecord) gone = pb_store_get_record (f->store, PB_TYPE_ACTUAL, g_array_index (recorded, gint64, round + 6));
          g_autoptr(PbItem) item = pb_store_get_record (f->store, PB_TYPE_ITEM, pb_record_get_id (items->pdata[round]));

          g_assert_true (pb_store_set (f->store, moved, &error, "date", "2025-12-31", "value", 999.0, NULL));
          g_assert_no_error (error);
          g_assert_true (pb_store_delete (f->store, gone, &error));
          g_assert_no_error (error);
          if (round % 2 == 1)
            {
              g_assert_true (pb_store_set (f->store, item, &error, "position", (gint64) 1000 + round, NULL));
              g_assert_no_error (error);
            }
        }

      g_assert_true (pb_store_refresh (other));
      if (pb_test_on_server () && round % 2 == 0)
        {
          /* Actuals alone: the items judged again are those of the
           * indicators touched, not the whole plan. */
          g_autoptr(GArray) updated = pb_store_dup_item_health_updates (other, plan_id, &today);

          g_assert_nonnull (updated);
          g_assert_cmpuint (updated->len, <, items->len);
        }

      fresh = pb_store_open (f->path, PB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < indicators->len; k++)
        {
          g_autoptr(GListModel) read = pb_store_list_actuals (fresh, pb_record_get_id (indicators->pdata[k]));

          assert_same_ids (actual_lists->pdata[k], read);
        }
      {
        g_autoptr(GListModel) read = pb_store_list_items (fresh, plan_id);

        assert_same_ids (item_list, read);
      }
      for (guint i = 0; i < items->len; i++)
        {
          g_autoptr(PbItem) again = pb_store_get_record (fresh, PB_TYPE_ITEM, pb_record_get_id (items->pdata[i]));
          const char *why = NULL, *why_fresh = NULL;

          g_assert_cmpint (pb_store_get_item_health (other, items->pdata[i], &today, &why), ==,
                           pb_store_get_item_health (fresh, again, &today, &why_fresh));
          g_assert_cmpstr (why, ==, why_fresh);
          g_assert_cmpfloat_with_epsilon (pb_store_get_item_completion (other, items->pdata[i], &today),
                                          pb_store_get_item_completion (fresh, again, &today), 1e-9);
        }
      g_clear_object (&fresh);
    }
}

/* The rounds of progress forms (JOURNEYS 5): forms for 2026-Q4 went out
 * on 2026-11-27, three came back; then November's went out, to the same
 * organisations, on 2026-11-28. Both rounds are listed, the newest first,
 * each with its own counts; lateness is counted against the day given. */
static void
test_form_rounds (PbTestLibrary *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) orgs = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  GDate sent_q4, sent_nov, today, later;
  PbFormRound *r;
  gint64 plan;

  plan = pb_store_add_example_plan (f->store, &error);
  g_assert_no_error (error);
  g_date_clear (&sent_q4, 1);
  g_date_set_dmy (&sent_q4, 27, 11, 2026);
  g_date_clear (&sent_nov, 1);
  g_date_set_dmy (&sent_nov, 28, 11, 2026);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 11, 2026);
  g_date_clear (&later, 1);
  g_date_set_dmy (&later, 11, 12, 2026);

  /* None sent yet: no round */
  rounds = pb_store_list_form_rounds (f->store, plan, &today);
  g_assert_nonnull (rounds);
  g_assert_cmpuint (rounds->len, ==, 0);
  g_clear_pointer (&rounds, g_ptr_array_unref);

  orgs = pb_store_list_form_organisations (f->store, plan, FALSE);
  g_assert_cmpuint (orgs->len, >=, 4);
  g_assert_true (pb_store_record_forms_sent (f->store, plan, "2026-Q4", FALSE, "2027-01-10", orgs, &sent_q4, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (pb_store_apply_form (f->store, plan, g_array_index (orgs, gint64, i), "2026-Q4", none,
                                          &today, &error));
      g_assert_no_error (error);
    }
  g_assert_true (pb_store_record_forms_sent (f->store, plan, "2026-11", FALSE, "2026-12-10", orgs, &sent_nov, &error));
  g_assert_no_error (error);
  /* One November form came back too */
  g_assert_true (pb_store_apply_form (f->store, plan, g_array_index (orgs, gint64, 3), "2026-11", none,
                                      &today, &error));
  g_assert_no_error (error);

  rounds = pb_store_list_form_rounds (f->store, plan, &today);
  g_assert_nonnull (rounds);
  g_assert_cmpuint (rounds->len, ==, 2);
  r = g_ptr_array_index (rounds, 0);
  g_assert_cmpstr (r->period, ==, "2026-11");
  g_assert_cmpstr (r->sent_date, ==, "2026-11-28");
  g_assert_cmpstr (r->due_date, ==, "2026-12-10");
  g_assert_cmpuint (r->n_sent, ==, orgs->len);
  g_assert_cmpuint (r->n_returned, ==, 1);
  g_assert_cmpuint (r->n_late, ==, 0);
  r = g_ptr_array_index (rounds, 1);
  g_assert_cmpstr (r->period, ==, "2026-Q4");
  g_assert_cmpstr (r->sent_date, ==, "2026-11-27");
  g_assert_cmpstr (r->due_date, ==, "2027-01-10");
  g_assert_cmpuint (r->n_sent, ==, orgs->len);
  g_assert_cmpuint (r->n_returned, ==, 3);
  g_assert_cmpuint (r->n_late, ==, 0);
  g_clear_pointer (&rounds, g_ptr_array_unref);

  /* The day after November's date: its outstanding forms are late, the
   * quarter's are not; the counts agree with the status list. */
  rounds = pb_store_list_form_rounds (f->store, plan, &later);
  g_assert_cmpuint (rounds->len, ==, 2);
  r = g_ptr_array_index (rounds, 0);
  g_assert_cmpuint (r->n_late, ==, orgs->len - 1);
  g_assert_cmpuint (((PbFormRound *) g_ptr_array_index (rounds, 1))->n_late, ==, 0);
  for (guint k = 0; k < rounds->len; k++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      guint n[4] = { 0 };

      r = g_ptr_array_index (rounds, k);
      rows = pb_store_list_form_status (f->store, plan, r->period, &later);
      for (guint i = 0; i < rows->len; i++)
        n[((PbFormStatus *) g_ptr_array_index (rows, i))->state]++;
      g_assert_cmpuint (n[PB_FORM_STATE_RETURNED], ==, r->n_returned);
      g_assert_cmpuint (n[PB_FORM_STATE_LATE], ==, r->n_late);
      g_assert_cmpuint (n[PB_FORM_STATE_RETURNED] + n[PB_FORM_STATE_LATE] + n[PB_FORM_STATE_SENT], ==, r->n_sent);
    }
  g_clear_pointer (&rounds, g_ptr_array_unref);

  /* The quarter's forms sent again, later: it is the newest round now */
  g_assert_true (pb_store_record_forms_sent (f->store, plan, "2026-Q4", FALSE, "2027-01-10", orgs, &later, &error));
  g_assert_no_error (error);
  rounds = pb_store_list_form_rounds (f->store, plan, &later);
  g_assert_cmpuint (rounds->len, ==, 2);
  g_assert_cmpstr (((PbFormRound *) g_ptr_array_index (rounds, 0))->period, ==, "2026-Q4");
  g_assert_cmpuint (((PbFormRound *) g_ptr_array_index (rounds, 0))->n_returned, ==, 3);
  g_clear_pointer (&rounds, g_ptr_array_unref);

  /* Another plan's rounds are its own */
  rounds = pb_store_list_form_rounds (f->store, plan + 1000, &later);
  g_assert_cmpuint (rounds->len, ==, 0);
}

/* A dependency the dates already contradict: the successor starts (its
 * start, else its due date) on or before the day the predecessor ends (its
 * due, else its start) plus the lag. Such a one may be added all the same;
 * items without dates contradict nothing. */
static void
test_dependency_contradicts (PbTestLibrary *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan_id = pb_store_create_plan (f->store, "方案", 2025, 2027, &error);
  gint64 a = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "3", "加快5G网络规模化部署建设", &error);
  gint64 b = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "5", "建设城市物联感知体系", &error);
  gint64 c = pb_store_add_item (f->store, plan_id, 0, PB_ITEM_KIND_TASK, "6", "无日期", &error);
  g_autoptr(PbItem) ia = pb_store_get_record (f->store, PB_TYPE_ITEM, a);
  g_autoptr(PbItem) ib = pb_store_get_record (f->store, PB_TYPE_ITEM, b);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_true (pb_store_set (f->store, ia, &error, "start_date", "2025-01-01", "due_date", "2025-12-31", NULL));
  g_assert_true (pb_store_set (f->store, ib, &error, "start_date", "2026-01-01", "due_date", "2026-06-30", NULL));
  g_assert_no_error (error);

  /* B starts the day after A ends: agreed, both ways round only one. */
  g_assert_false (pb_store_dependency_contradicts (f->store, a, b, 0));
  g_assert_true (pb_store_dependency_contradicts (f->store, b, a, 0));
  /* A lag of a day: B would have to start on 2026-01-02. */
  g_assert_true (pb_store_dependency_contradicts (f->store, a, b, 1));
  /* B starting on A's last day starts before A ends. */
  g_assert_true (pb_store_set (f->store, ib, &error, "start_date", "2025-12-31", NULL));
  g_assert_true (pb_store_dependency_contradicts (f->store, a, b, 0));
  /* Only a due date: B is a milestone on it. */
  g_assert_true (pb_store_set (f->store, ib, &error, "start_date", NULL, "due_date", "2026-03-31", NULL));
  g_assert_no_error (error);
  g_assert_false (pb_store_dependency_contradicts (f->store, a, b, 0));
  g_assert_true (pb_store_set (f->store, ia, &error, "due_date", "2026-06-30", NULL));
  g_assert_true (pb_store_dependency_contradicts (f->store, a, b, 0));
  /* No dates, nothing contradicted; nor with an item that is not there. */
  g_assert_false (pb_store_dependency_contradicts (f->store, a, c, 0));
  g_assert_false (pb_store_dependency_contradicts (f->store, c, a, 0));
  g_assert_false (pb_store_dependency_contradicts (f->store, a, 999999, 0));
  /* It is added all the same. */
  g_assert_cmpint (pb_store_add_dependency (f->store, a, b, 0, &error), >, 0);
  g_assert_no_error (error);

  /* The short name commands and toasts use. */
  name = pb_item_dup_short_name (ia);
  g_assert_cmpstr (name, ==, "3 加快5G网络规模化部…");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD PB_TEST_ADD_LIBRARY
  ADD ("/store/open/create", test_open_create);
  g_test_add_func ("/store/open/missing", test_open_missing);
  g_test_add_func ("/store/open/default-path", test_default_path);
  ADD ("/store/foreign-keys", test_pragmas_on_connection);
  ADD ("/store/sqlite-words-kept-apart", test_sqlite_words_kept_apart);
  ADD ("/store/records", test_records);
  ADD ("/store/lists", test_lists);
  ADD ("/store/cascade", test_cascade);
  ADD ("/store/invalid", test_invalid);
  ADD ("/store/dependency-contradicts", test_dependency_contradicts);
  ADD ("/store/organisations", test_organisations);
  ADD ("/store/text-round-trip", test_text_round_trip);
  ADD ("/store/indicators/merge", test_merge_indicators);
  ADD ("/store/indicators/merge-refusals", test_merge_refusals);
  ADD ("/store/indicators/detach", test_detach_indicator);
  ADD ("/store/conflict/one-row", test_conflict_one_row);
  ADD ("/store/refresh/named-rows", test_refresh_named_rows);
  ADD ("/store/refresh/in-place", test_refresh_in_place);
  ADD ("/store/form-rounds", test_form_rounds);
#undef ADD

  return g_test_run ();
}
