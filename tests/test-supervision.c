/* test-supervision.c — organisations merged and ranked, periods closed,
 * indicators compared across plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-forms.h"
#include "pb-store-private.h"
#include "pb-supervision.h"
#include "pb-test-util.h"

typedef struct
{
  gint64 plan, a, b, c, d;
} Fixture;

/* Four items led by three offices, one of them under two names. */
static void
make_plan (PbTestLibrary *f,
           Fixture       *x)
{
  g_autoptr(GError) error = NULL;

  x->plan = pb_store_create_plan (f->store, "新型基础设施建设三年行动方案", 2022, 2024, &error);
  x->a = pb_store_add_item (f->store, x->plan, 0, PB_ITEM_KIND_TASK, "1", "建设5G基站", &error);
  x->b = pb_store_add_item (f->store, x->plan, 0, PB_ITEM_KIND_TASK, "2", "建设数据中心", &error);
  x->c = pb_store_add_item (f->store, x->plan, 0, PB_ITEM_KIND_TASK, "3", "推进工业互联网", &error);
  x->d = pb_store_add_item (f->store, x->plan, 0, PB_ITEM_KIND_TASK, "4", "建设充电桩", &error);
  pb_store_assign_organisation (f->store, x->a, "市经济和信息化局", PB_ROLE_LEAD, &error);
  pb_store_assign_organisation (f->store, x->a, "市通信管理办", PB_ROLE_RESPONSIBLE, &error);
  pb_store_assign_organisation (f->store, x->b, "市经信局", PB_ROLE_LEAD, &error);
  pb_store_assign_organisation (f->store, x->b, "市经济和信息化局", PB_ROLE_RESPONSIBLE, &error);
  pb_store_assign_organisation (f->store, x->c, "市经信局", PB_ROLE_RESPONSIBLE, &error);
  pb_store_assign_organisation (f->store, x->d, "市发展改革委", PB_ROLE_LEAD, &error);
  g_assert_no_error (error);

  /* Their progress as reported in mid-January 2023 (the day it is as
   * of, as a progress form's, not the day the test runs): the periods the
   * tests close end after it. */
  for (gint64 id = x->a; id <= x->d; id++)
    {
      double progress[] = { 0.8, 0.4, 0.8, 0.2 };

      g_assert_true (pb_store_begin (f->store, &error));
      pb_store_set_change_date (f->store, "2023-01-15");
      g_assert_true (pb_store_finish (f->store,
                                      pb_store_update (f->store, PB_TYPE_ITEM, id, &error,
                                                       "start_date", "2022-01-01", "due_date", "2024-12-31",
                                                       "status", PB_ITEM_STATUS_IN_PROGRESS,
                                                       "progress", progress[id - x->a], NULL),
                                      "Change Item", &error));
      g_assert_no_error (error);
    }
}

static PbOrgStats *
find_stats (GPtrArray  *stats,
            const char *name)
{
  for (guint i = 0; i < stats->len; i++)
    {
      PbOrgStats *s = g_ptr_array_index (stats, i);
      if (g_str_equal (s->name, name))
        return s;
    }
  g_error ("No organisation %s in the ranking", name);
}

/* Review 22, finding 27: merged organisations merge their progress
 * forms. A round sent to both, returned by the one that goes: the kept
 * one counts as returned, the round 1 of 1 (it read sent, 0 of 1, and
 * the returned form was gone); Undo puts both forms back. A period only
 * the merged one was sent goes to the kept one. */
static void
test_merge_forms (PbTestLibrary *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) orgs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) only_gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDate) today = g_date_new_dmy (28, 11, 2026);
  g_autoptr(GPtrArray) forms = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autofree char *before = NULL;
  Fixture x;
  gint64 keep, gone;

  make_plan (f, &x);
  keep = pb_store_find_organisation (f->store, x.plan, "市经济和信息化局");
  gone = pb_store_find_organisation (f->store, x.plan, "市经信局");
  g_array_append_val (orgs, keep);
  g_array_append_val (orgs, gone);
  g_array_append_val (only_gone, gone);
  g_assert_true (pb_store_record_forms_sent (f->store, x.plan, "2026-11", FALSE, NULL, orgs, today, &error));
  g_assert_true (pb_store_record_forms_sent (f->store, x.plan, "2026-10", FALSE, NULL, only_gone, today, &error));
  g_assert_no_error (error);
  forms = pb_store_dup_records_where (f->store, PB_TYPE_PROGRESS_FORM, "organisation_id = ?1 AND period = '2026-11'", gone);
  g_assert_cmpuint (forms->len, ==, 1);
  g_assert_true (pb_store_set (f->store, g_ptr_array_index (forms, 0), &error, "returned_date", "2026-11-20", NULL));
  g_assert_no_error (error);
  before = pb_test_dump_store (f->store);

  g_assert_true (pb_store_merge_organisations (f->store, keep, gone, &error));
  g_assert_no_error (error);
  rounds = pb_store_list_form_rounds (f->store, x.plan, today);
  for (guint i = 0; i < rounds->len; i++)
    {
      PbFormRound *r = g_ptr_array_index (rounds, i);

      if (g_str_equal (r->period, "2026-11"))
        {
          g_assert_cmpuint (r->n_sent, ==, 1);
          g_assert_cmpuint (r->n_returned, ==, 1);
        }
      else if (g_str_equal (r->period, "2026-10"))
        g_assert_cmpuint (r->n_sent, ==, 1);
    }
  g_assert_cmpint (pb_test_sql_int (f->path, "SELECT count(*) FROM progress_form WHERE organisation_id IN (SELECT id FROM organisation)"),
                   ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM progress_form WHERE organisation_id = %" G_GINT64_FORMAT
                                            " AND period = '2026-11' AND returned_date = '2026-11-20'", keep);
    g_assert_cmpint (pb_test_sql_int (f->path, sql), ==, 1);
  }

  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = pb_test_dump_store (f->store);
    g_assert_cmpstr (now, ==, before);
  }
}

static void
test_merge (PbTestLibrary *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *leads = NULL;
  g_autoptr(GListModel) aliases = NULL;
  Fixture x;
  gint64 keep, gone;

  make_plan (f, &x);
  keep = pb_store_find_organisation (f->store, x.plan, "市经济和信息化局");
  gone = pb_store_find_organisation (f->store, x.plan, "市经信局");
  before = pb_test_dump_store (f->store);

  g_assert_true (pb_store_merge_organisations (f->store, keep, gone, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Merge organisations");

  /* One organisation: it leads 建设数据中心 (where either led), stays
   * responsible for 推进工业互联网, and answers to its other name. */
  g_assert_null (pb_store_get_record (f->store, PB_TYPE_ORGANISATION, gone));
  g_assert_cmpint (pb_store_find_organisation (f->store, x.plan, "市经信局"), ==, keep);
  leads = pb_store_dup_lead_names (f->store, x.b);
  g_assert_cmpstr (leads, ==, "市经济和信息化局");
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_ORG, "item_id", x.b), ==, 1);
  g_assert_cmpuint (pb_store_count_item_orgs (f->store, x.c, PB_ROLE_RESPONSIBLE), ==, 1);
  aliases = pb_store_list_organisation_aliases (f->store, keep);
  g_assert_cmpuint (g_list_model_get_n_items (aliases), ==, 1);

  /* Not with itself, nor across plans. */
  g_assert_false (pb_store_merge_organisations (f->store, keep, keep, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* One undo puts everything back. */
  g_assert_true (pb_store_undo (f->store, &error));
  {
    g_autofree char *now = pb_test_dump_store (f->store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (pb_store_redo (f->store, &error));
  g_assert_cmpint (pb_store_find_organisation (f->store, x.plan, "市经信局"), ==, keep);
}

static void
test_rename (PbTestLibrary *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Fixture x;
  gint64 org;

  make_plan (f, &x);
  org = pb_store_find_organisation (f->store, x.plan, "市发展改革委");

  /* Another organisation's name is refused: that is a merge. */
  g_assert_false (pb_store_rename_organisation (f->store, org, "市经信局", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pb_store_rename_organisation (f->store, org, " 市发展和改革委员会 ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_find_organisation (f->store, x.plan, "市发展和改革委员会"), ==, org);
  /* The old name still finds it. */
  g_assert_cmpint (pb_store_find_organisation (f->store, x.plan, "市发展改革委"), ==, org);

  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_cmpint (pb_store_find_organisation (f->store, x.plan, "市发展和改革委员会"), ==, 0);
}

static void
test_ranking (PbTestLibrary *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 6, 2023);
  PbOrgStats *s;
  Fixture x;

  make_plan (f, &x);
  stats = pb_store_compute_organisation_stats (f->store, x.plan, today);
  g_assert_cmpuint (stats->len, ==, 4);

  /* DESIGN §5: the mean completion (progress over the share of the time
   * gone, capped at 100 %) of the items each leads, then the count of red
   * items. On 2023-06-01 516 of 1095 days (47 %) are gone:
   * 市经济和信息化局 leads 1 (80 % done: 100 %, blue), 市经信局 2 (40 %
   * done: 85 %, yellow), 市发展改革委 4 (20 % done: 42 %, red);
   * 市通信管理办 leads nothing: unranked, last. (Until §5 said so, every
   * item an organisation took part in counted; until issue #13 the mean
   * was of raw progress.) */
  s = g_ptr_array_index (stats, 0);
  g_assert_cmpstr (s->name, ==, "市经济和信息化局");
  g_assert_cmpuint (s->rank, ==, 1);
  g_assert_cmpuint (s->led, ==, 1);
  g_assert_cmpuint (s->coowned, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->completion, 1.0, 1e-9);
  g_assert_cmpuint (s->health[PB_HEALTH_BLUE], ==, 1);
  s = g_ptr_array_index (stats, 1);
  g_assert_cmpstr (s->name, ==, "市经信局");
  g_assert_cmpuint (s->rank, ==, 2);
  g_assert_cmpfloat_with_epsilon (s->completion, 0.4 / (516.0 / 1095), 1e-9);
  g_assert_cmpuint (s->health[PB_HEALTH_YELLOW], ==, 1);
  s = g_ptr_array_index (stats, 2);
  g_assert_cmpstr (s->name, ==, "市发展改革委");
  g_assert_cmpuint (s->rank, ==, 3);
  g_assert_cmpuint (s->health[PB_HEALTH_RED], ==, 1);
  g_assert_cmpfloat_with_epsilon (s->completion, 0.2 / (516.0 / 1095), 1e-9);
  g_assert_true (isnan (s->previous_completion));
  s = g_ptr_array_index (stats, 3);
  g_assert_cmpstr (s->name, ==, "市通信管理办");
  g_assert_cmpuint (s->rank, ==, 0);
  g_assert_cmpuint (s->coowned, ==, 1);
  g_assert_true (isnan (s->completion));

  /* On request, by the items each is responsible for: 市通信管理办 and
   * 市经信局 (item 3) at 80 % done (100 %), equal; 市经济和信息化局
   * (item 2) 40 % done (85 %). */
  g_clear_pointer (&stats, g_ptr_array_unref);
  stats = pb_store_compute_organisation_ranking (f->store, x.plan, PB_ROLE_RESPONSIBLE, today);
  g_assert_cmpuint (find_stats (stats, "市通信管理办")->rank, ==, 1);
  g_assert_cmpuint (find_stats (stats, "市经信局")->rank, ==, 1);
  g_assert_cmpuint (find_stats (stats, "市经济和信息化局")->rank, ==, 3);
  g_assert_cmpuint (find_stats (stats, "市发展改革委")->rank, ==, 0);

  /* Equal completion and equal reds: equal rank, and the next rank skips. */
  {
    g_autoptr(PbItem) b = pb_store_get_record (f->store, PB_TYPE_ITEM, x.b);
    pb_store_set (f->store, b, &error, "progress", 0.8, NULL);
    g_assert_no_error (error);
    g_clear_pointer (&stats, g_ptr_array_unref);
    stats = pb_store_compute_organisation_stats (f->store, x.plan, today);
    g_assert_cmpuint (find_stats (stats, "市经济和信息化局")->rank, ==, 1);
    g_assert_cmpuint (find_stats (stats, "市经信局")->rank, ==, 1);
    g_assert_cmpuint (find_stats (stats, "市发展改革委")->rank, ==, 3);

    /* Equal completion, one more red: behind. */
    pb_store_set (f->store, b, &error, "due_date", "2023-05-31", NULL);
    g_assert_no_error (error);
    g_clear_pointer (&stats, g_ptr_array_unref);
    stats = pb_store_compute_organisation_stats (f->store, x.plan, today);
    g_assert_cmpstr (((PbOrgStats *) g_ptr_array_index (stats, 0))->name, ==, "市经济和信息化局");
    g_assert_cmpuint (find_stats (stats, "市经济和信息化局")->rank, ==, 1);
    g_assert_cmpuint (find_stats (stats, "市经信局")->rank, ==, 2);
    g_assert_cmpuint (find_stats (stats, "市经信局")->health[PB_HEALTH_RED], ==, 1);
    g_assert_true (pb_store_undo (f->store, &error));
    g_assert_true (pb_store_undo (f->store, &error));
  }

  /* After a merge the ranking follows: it leads items 1 and 2 now. */
  g_assert_true (pb_store_merge_organisations (f->store,
                                               pb_store_find_organisation (f->store, x.plan, "市经济和信息化局"),
                                               pb_store_find_organisation (f->store, x.plan, "市经信局"), &error));
  g_clear_pointer (&stats, g_ptr_array_unref);
  stats = pb_store_compute_organisation_stats (f->store, x.plan, today);
  g_assert_cmpuint (stats->len, ==, 3);
  s = find_stats (stats, "市经济和信息化局");
  g_assert_cmpuint (s->led, ==, 2);
  g_assert_cmpuint (s->coowned, ==, 1);
  g_assert_cmpfloat_with_epsilon (s->completion, (1.0 + 0.4 / (516.0 / 1095)) / 2, 1e-9);
}

static void
test_across_plans (PbTestLibrary *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 6, 2023);
  Fixture x, y;
  PbOrgStats *s;

  make_plan (f, &x);
  make_plan (f, &y);
  pb_store_add_indicator (f->store, x.plan, x.a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_indicator (f->store, y.plan, y.a, "5G 基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_indicator (f->store, y.plan, y.b, "５Ｇ基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_indicator (f->store, y.plan, y.b, "数据中心机架", "架", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);

  /* Organisations meet by name across plans. */
  stats = pb_store_compute_organisation_stats (f->store, 0, today);
  g_assert_cmpuint (stats->len, ==, 4);
  s = find_stats (stats, "市发展改革委");
  g_assert_cmpuint (s->n_plans, ==, 2);
  g_assert_cmpuint (s->led, ==, 2);
  g_assert_cmpint (s->id, ==, 0);

  /* Indicators meet by name, whatever the spacing and width. */
  matches = pb_store_find_matching_indicators (f->store, "5G基站", NULL);
  g_assert_cmpuint (matches->len, ==, 3);
}

static void
test_close_period (PbTestLibrary *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) indicators = NULL;
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(PbPeriod) last = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 6, 2023);
  g_autofree char *label = NULL;
  Fixture x;
  gint64 k, period;
  PbRecord *snap;
  GDate end;

  make_plan (f, &x);
  k = pb_store_add_indicator (f->store, x.plan, x.a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_target (f->store, k, 2022, 2600, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_target (f->store, k, 2024, 10000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (f->store, k, "2022-12-31", 2700, NULL, &error);
  /* A figure dated after the period's end (as of 30 April): not in its
   * snapshot. */
  pb_store_add_actual (f->store, k, "2023-04-30", 5000, NULL, &error);
  g_assert_no_error (error);

  pb_period_bounds (PB_PERIOD_KIND_QUARTER, 2023, 1, &end, &label);
  g_assert_cmpstr (label, ==, "2023-Q1");
  g_assert_cmpint (g_date_get_day (&end), ==, 31);
  g_assert_cmpint (g_date_get_month (&end), ==, 3);
  g_clear_pointer (&label, g_free);
  pb_period_bounds (PB_PERIOD_KIND_MONTH, 2024, 2, &end, &label);
  g_assert_cmpstr (label, ==, "2024-02");
  g_assert_cmpint (g_date_get_day (&end), ==, 29);

  period = pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_QUARTER, 2023, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (period, >, 0);
  g_assert_cmpstr (pb_store_get_undo_label (f->store), ==, "Close period");

  last = pb_store_get_last_period (f->store, x.plan);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (last)), ==, period);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (last), "end_date"), ==, "2023-03-31");

  indicators = pb_store_dup_period_indicators (f->store, period);
  snap = g_hash_table_lookup (indicators, &k);
  g_assert_nonnull (snap);
  g_assert_cmpfloat (pb_record_get_double (snap, "value"), ==, 2700);
  g_assert_cmpstr (pb_record_get_string (snap, "date"), ==, "2022-12-31");
  g_assert_cmpint (pb_record_get_enum (snap, "health"), ==, PB_HEALTH_BLUE);

  items = pb_store_dup_period_items (f->store, period);
  g_assert_cmpuint (g_hash_table_size (items), ==, 4);
  snap = g_hash_table_lookup (items, &x.b);
  g_assert_cmpfloat_with_epsilon (pb_record_get_double (snap, "progress"), 0.4, 1e-9);
  g_assert_cmpint (pb_record_get_enum (snap, "status"), ==, PB_ITEM_STATUS_IN_PROGRESS);

  /* Once only. */
  g_assert_cmpint (pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_QUARTER, 2023, 1, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Only within the plan's period (2022–2024), and nothing is written. */
  {
    guint64 generation = pb_store_get_generation (f->store);

    g_assert_cmpint (pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_QUARTER, 2025, 1, &error), ==, 0);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "2025 Q1 lies outside the plan’s period, 2022—2024.");
    g_clear_error (&error);
    g_assert_cmpint (pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_MONTH, 2021, 12, &error), ==, 0);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (pb_store_get_generation (f->store), ==, generation);
  }

  /* The ranking knows where each stood then. */
  {
    g_autoptr(PbItem) d = pb_store_get_record (f->store, PB_TYPE_ITEM, x.d);
    pb_store_set (f->store, d, &error, "progress", 0.9, NULL);
  }
  stats = pb_store_compute_organisation_stats (f->store, x.plan, today);
  /* What every view asks: how an item stood then. */
  {
    g_autoptr(PbItem) d = pb_store_get_record (f->store, PB_TYPE_ITEM, x.d);
    g_autoptr(PbItem) a = pb_store_get_record (f->store, PB_TYPE_ITEM, x.a);
    PbHealth was = PB_HEALTH_NONE;
    double then = -1;

    g_assert_true (pb_store_get_item_change (f->store, d, today, &was, &then));
    g_assert_cmpfloat_with_epsilon (then, 0.2, 1e-9);
    g_assert_cmpfloat_with_epsilon (pb_store_get_item_completion (f->store, d, today), 0.9, 1e-9);
    g_assert_true (pb_store_get_item_change (f->store, a, today, &was, NULL));
    g_assert_cmpint (was, ==, PB_HEALTH_BLUE);
  }
  {
    PbOrgStats *s = find_stats (stats, "市发展改革委");
    g_assert_cmpuint (s->rank, ==, 1);
    /* Last of the three that lead (§5 ranks by the items led). */
    g_assert_cmpuint (s->previous_rank, ==, 3);
    /* Its completion then: 20 % done on 2023-03-31, 454 of 1095 days gone. */
    g_assert_cmpfloat_with_epsilon (s->previous_completion, 0.2 / (454.0 / 1095), 1e-9);
  }

  /* A plan file keeps its periods: export, import, export again. */
  {
    g_autofree char *first = pb_test_export_string (f->store, x.plan);
    g_autoptr(JsonNode) node = pb_store_export_plan_json (f->store, x.plan, &error);
    gint64 copy = pb_store_import_plan_json (f->store, node, &error);
    g_autofree char *second = NULL;
    g_autoptr(PbPeriod) copied = NULL;

    g_assert_no_error (error);
    g_assert_true (strstr (first, "\"periods\"") != NULL);
    second = pb_test_export_string (f->store, copy);
    g_assert_cmpstr (first, ==, second);
    copied = pb_store_get_last_period (f->store, copy);
    g_assert_nonnull (copied);
    g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_PERIOD_ITEM, "period_id", pb_record_get_id (PB_RECORD (copied))), ==, 4);
    g_assert_true (pb_store_undo (f->store, &error));
  }

  /* Undo both: no period is left. */
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_true (pb_store_undo (f->store, &error));
  g_clear_object (&last);
  last = pb_store_get_last_period (f->store, x.plan);
  g_assert_null (last);
  {
    g_autoptr(PbItem) d = pb_store_get_record (f->store, PB_TYPE_ITEM, x.d);
    g_assert_false (pb_store_get_item_change (f->store, d, today, NULL, NULL));
  }
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_PERIOD_ITEM, "period_id", period), ==, 0);

  /* The second quarter closed in early July: an actual carries the date
   * of its figure, so the figure as of 30 June (recorded in July) is the
   * quarter's, one as of 5 July is not; the indicator and the item it
   * serves are judged alike, on the period's end. */
  pb_store_add_actual (f->store, k, "2023-06-30", 6000, "二季度末", &error);
  pb_store_add_actual (f->store, k, "2023-07-05", 9000, NULL, &error);
  g_assert_no_error (error);
  period = pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_QUARTER, 2023, 2, &error);
  g_assert_no_error (error);
  g_clear_pointer (&indicators, g_hash_table_unref);
  indicators = pb_store_dup_period_indicators (f->store, period);
  snap = g_hash_table_lookup (indicators, &k);
  g_assert_cmpfloat (pb_record_get_double (snap, "value"), ==, 6000);
  g_assert_cmpstr (pb_record_get_string (snap, "date"), ==, "2023-06-30");
  g_assert_cmpint (pb_record_get_enum (snap, "health"), ==, PB_HEALTH_BLUE);
  g_clear_pointer (&items, g_hash_table_unref);
  items = pb_store_dup_period_items (f->store, period);
  g_assert_cmpint (pb_record_get_enum (g_hash_table_lookup (items, &x.a), "health"), ==, PB_HEALTH_BLUE);
  {
    GDate q2_end;
    const PbIndicatorStatus *st;
    g_autoptr(PbIndicator) stations = pb_store_get_record (f->store, PB_TYPE_INDICATOR, k);

    /* Judged as on that day afterwards, the same figure. */
    g_date_clear (&q2_end, 1);
    g_date_set_dmy (&q2_end, 30, 6, 2023);
    st = pb_store_get_indicator_status (f->store, stations, &q2_end);
    g_assert_cmpfloat (st->latest, ==, 6000);
    g_assert_cmpstr (st->latest_date, ==, "2023-06-30");
  }
  g_assert_true (pb_store_undo (f->store, &error));
}

/* Denies every read of the period table, as a broken or unreadable
 * library would. */
static int
deny_periods (void       *data,
              int         action,
              const char *a,
              const char *b,
              const char *database,
              const char *trigger)
{
  return action == SQLITE_READ && g_strcmp0 (a, "period") == 0 ? SQLITE_DENY : SQLITE_OK;
}

/* Whether an actual's day lies in a closed period, when the periods
 * cannot be read: an error, not "no closed period" (a delete or a record
 * that would ask first would otherwise go ahead without asking). Read
 * again, the period is found as before. */
static void
test_closed_period_unreadable (PbTestLibrary *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPeriod) october = NULL;
  Fixture x;
  gint64 k, id;

  if (pb_test_on_server ())
    {
      g_test_skip ("the read failure is made with SQLite's authorizer: SQLite only");
      return;
    }
  make_plan (f, &x);
  k = pb_store_add_indicator (f->store, x.plan, x.a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);
  id = pb_store_add_actual (f->store, k, "2023-10-20", 3000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_MONTH, 2023, 10, &error), >, 0);
  g_assert_no_error (error);
  october = pb_store_find_closed_period (f->store, k, "2023-10-20", &error);
  g_assert_no_error (error);
  g_assert_nonnull (october);
  /* The record stays alive: a cached record must not hide the failure. */

  sqlite3_set_authorizer (pb_store_get_db (f->store), deny_periods, NULL);
  {
    g_autoptr(PbPeriod) p = pb_store_find_closed_period (f->store, k, "2023-10-20", &error);

    g_assert_null (p);
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO);
    g_clear_error (&error);
    /* Not a date: nothing to read, no error. */
    g_assert_null (pb_store_find_closed_period (f->store, k, "不是日期", &error));
    g_assert_no_error (error);
  }
  sqlite3_set_authorizer (pb_store_get_db (f->store), NULL, NULL);

  {
    g_autoptr(PbPeriod) p = pb_store_find_closed_period (f->store, k, "2023-10-20", &error);

    g_assert_no_error (error);
    g_assert_true (p == october);
    g_assert_null (pb_store_find_closed_period (f->store, k, "2023-11-20", &error));
    g_assert_no_error (error);
  }
}


/* An actual dated in a closed month or quarter is known as such (the
 * window asks, the CLI refuses without --into-closed-period, the form
 * review marks it); the period keeps its figures, and says when the data
 * no longer match them: recorded, changed, deleted, undone, redone. */
static void
test_closed_period_actual (PbTestLibrary *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) indicators = NULL;
  g_autoptr(PbActual) september = NULL;
  Fixture x;
  gint64 k, other, october, quarter, id;
  struct { const char *date; const char *label; } cases[] = {
    { "2023-09-30", NULL },
    { "2023-10-01", "2023-10" },
    { "2023-10-15", "2023-10" },
    { "2023-10-31", "2023-10" },
    { "2023-11-02", "2023-Q4" },
    { "2023-12-31", "2023-Q4" },
    { "2024-01-01", NULL },
    { "不是日期", NULL },
  };

  make_plan (f, &x);
  k = pb_store_add_indicator (f->store, x.plan, x.a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_target (f->store, k, 2023, 5000, PB_COMPARATOR_GE, FALSE, &error);
  id = pb_store_add_actual (f->store, k, "2023-09-20", 3000, NULL, &error);
  g_assert_no_error (error);
  september = pb_store_get_record (f->store, PB_TYPE_ACTUAL, id);
  /* Another plan's closed month is not this indicator's. */
  {
    gint64 plan2 = pb_store_create_plan (f->store, "数字经济发展规划", 2022, 2025, &error);

    other = pb_store_add_indicator (f->store, plan2, 0, "数据中心机架", "架", PB_INDICATOR_KIND_CUMULATIVE, &error);
    g_assert_cmpint (pb_store_close_period (f->store, plan2, PB_PERIOD_KIND_MONTH, 2023, 9, &error), >, 0);
    g_assert_no_error (error);
  }

  october = pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_MONTH, 2023, 10, &error);
  g_assert_no_error (error);
  quarter = pb_store_close_period (f->store, x.plan, PB_PERIOD_KIND_QUARTER, 2023, 4, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbPeriod) p = pb_store_find_closed_period (f->store, k, cases[i].date, &error);

      g_assert_no_error (error);
      if (cases[i].label == NULL)
        g_assert_null (p);
      else
        {
          g_assert_nonnull (p);
          g_assert_cmpstr (pb_record_get_string (PB_RECORD (p), "label"), ==, cases[i].label);
        }
    }
  {
    g_autoptr(PbPeriod) p = pb_store_find_closed_period (f->store, other, "2023-10-15", NULL);
    g_autoptr(PbPeriod) q = pb_store_find_closed_period (f->store, other, "2023-09-15", NULL);

    g_assert_null (p);
    g_assert_nonnull (q);
  }

  /* Closed on the data as it stood: nothing changed yet. */
  g_assert_false (pb_store_period_changed_since_closing (f->store, october));
  g_assert_false (pb_store_period_changed_since_closing (f->store, quarter));

  /* Recorded into October afterwards: October's kept figure stays 3000
   * (what was reported), and October says it changed since. */
  id = pb_store_record_actual (f->store, k, "2023-10-15", 4000, "补报", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  indicators = pb_store_dup_period_indicators (f->store, october);
  g_assert_cmpfloat (pb_record_get_double (g_hash_table_lookup (indicators, &k), "value"), ==, 3000);
  g_assert_true (pb_store_period_changed_since_closing (f->store, october));
  g_assert_true (pb_store_period_changed_since_closing (f->store, quarter));

  /* Undone: the data match the kept figures again; redone: changed. */
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_false (pb_store_period_changed_since_closing (f->store, october));
  g_assert_true (pb_store_redo (f->store, &error));
  g_assert_true (pb_store_period_changed_since_closing (f->store, october));
  g_assert_no_error (error);

  /* Deleted again: as closed. */
  {
    g_autoptr(PbActual) added = pb_store_get_record (f->store, PB_TYPE_ACTUAL, id);

    g_assert_true (pb_store_delete (f->store, added, &error));
    g_assert_no_error (error);
    g_assert_false (pb_store_period_changed_since_closing (f->store, october));
  }

  /* The kept September figure corrected, or deleted: changed. */
  g_assert_true (pb_store_set (f->store, september, &error, "value", 3100.0, NULL));
  g_assert_true (pb_store_period_changed_since_closing (f->store, october));
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_false (pb_store_period_changed_since_closing (f->store, october));
  g_assert_true (pb_store_delete (f->store, september, &error));
  g_assert_true (pb_store_period_changed_since_closing (f->store, october));
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_false (pb_store_period_changed_since_closing (f->store, october));
  /* After the period's end: not its business. */
  pb_store_record_actual (f->store, k, "2024-01-05", 5200, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_period_changed_since_closing (f->store, quarter));
}

/* A running total that falls is warned about, never refused: a rising
 * cumulative indicator only, against the highest figure up to that day,
 * not counting the actual being changed. */
static void
test_falling_actual (PbTestLibrary *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plan = pb_store_create_plan (f->store, "方案", 2025, 2027, &error);
  gint64 total = pb_store_add_indicator (f->store, plan, 0, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 annual = pb_store_add_indicator (f->store, plan, 0, "新建5G基站", "个", PB_INDICATOR_KIND_ANNUAL, &error);
  gint64 pue = pb_store_add_indicator (f->store, plan, 0, "数据中心PUE", "", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 september;
  static const struct {
    int         which;   /* 0 total, 1 annual, 2 pue */
    const char *date;
    double      value;
    const char *warning; /* NULL: none */
  } cases[] = {
    { 0, "2026-10-31", 8000, "Lower than the 9,000 recorded on 2026-09-30; a cumulative figure should not fall." },
    { 0, "2026-10-31", 9000, NULL },     /* equal is not lower */
    { 0, "2026-10-31", 9500, NULL },
    { 0, "2026-09-30", 8999, "Lower than the 9,000 recorded on 2026-09-30; a cumulative figure should not fall." },
    { 0, "2026-08-31", 8500, "Lower than the 8,600 recorded on 2026-06-30; a cumulative figure should not fall." },
    { 0, "2025-12-31", 100, NULL },       /* before any figure */
    { 0, "2026-10-31", 8999.5, "Lower than the 9,000 recorded on 2026-09-30; a cumulative figure should not fall." },
    { 1, "2026-10-31", 100, NULL },       /* annual: each year starts again */
    { 2, "2026-10-31", 1.2, NULL },       /* decreasing: falling is the aim */
  };
  gint64 ids[] = { total, annual, pue };
  g_autoptr(PbIndicator) k = pb_store_get_record (f->store, PB_TYPE_INDICATOR, pue);

  g_assert_no_error (error);
  pb_store_set (f->store, k, &error, "direction", PB_DIRECTION_DECREASE, NULL);
  pb_store_add_actual (f->store, total, "2026-06-30", 8600, NULL, &error);
  september = pb_store_add_actual (f->store, total, "2026-09-30", 9000, NULL, &error);
  pb_store_add_actual (f->store, total, "2026-12-31", 12000, NULL, &error);
  pb_store_add_actual (f->store, annual, "2026-09-30", 3000, NULL, &error);
  pb_store_add_actual (f->store, pue, "2026-09-30", 1.4, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = pb_store_check_falling_actual (f->store, ids[cases[i].which], cases[i].date, cases[i].value, 0);

      if (g_strcmp0 (got, cases[i].warning) != 0)
        g_error ("case %u: %s %g gave “%s”, wanted “%s”", i, cases[i].date, cases[i].value,
                 got ? got : "(none)", cases[i].warning ? cases[i].warning : "(none)");
    }

  /* Changing September's own figure: it does not count against itself. */
  {
    g_autofree char *self = pb_store_check_falling_actual (f->store, total, "2026-09-30", 8800, september);
    g_assert_null (self);
  }

  /* The store keeps a falling figure: corrections happen. */
  g_assert_cmpint (pb_store_record_actual (f->store, total, "2026-10-31", 8000, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* The quarter to report on stays within the plan's period. */
static void
test_period_for_plan (void)
{
  GDate d;
  PbFormPeriod p;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 28, 11, 2026);
  /* Within the period: today's quarter. */
  g_assert_false (pb_form_period_for_plan (&d, 2025, 2027, &p));
  g_assert_cmpstr (p.label, ==, "2026-Q4");
  /* Ended (2022–2024): its last quarter, and it says so. */
  g_assert_true (pb_form_period_for_plan (&d, 2022, 2024, &p));
  g_assert_cmpstr (p.label, ==, "2024-Q4");
  g_assert_cmpint (g_date_get_year (&p.end), ==, 2024);
  g_assert_cmpint (g_date_get_month (&p.end), ==, 12);
  g_assert_cmpint (g_date_get_day (&p.end), ==, 31);
  /* Ending this year: not ended yet. */
  g_assert_false (pb_form_period_for_plan (&d, 2024, 2026, &p));
  g_assert_cmpstr (p.label, ==, "2026-Q4");
  /* Not begun: its first quarter. */
  g_assert_false (pb_form_period_for_plan (&d, 2028, 2030, &p));
  g_assert_cmpstr (p.label, ==, "2028-Q1");
  /* No period known: today's quarter. */
  g_assert_false (pb_form_period_for_plan (&d, 0, 0, &p));
  g_assert_cmpstr (p.label, ==, "2026-Q4");
}

/* The one rule for an actual's date (the dialog, `actual add` and the
 * form import share it): not after today, not long outside the period;
 * an ended plan's new actual starts on the period's last day. */
static void
test_actual_date (PbTestLibrary *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) ended = NULL;
  g_autoptr(PbPlan) running = NULL;
  gint64 plan, k;
  char out[11];
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, 11, 2026);

  g_assert_true (pb_check_actual_date ("2026-11-28", 2025, 2027, &today, &error));
  g_assert_no_error (error);
  g_assert_false (pb_check_actual_date ("2026-11-29", 2025, 2027, &today, &error));
  g_assert_cmpstr (error->message, ==, "2026-11-29 is after today.");
  g_clear_error (&error);
  g_assert_false (pb_check_actual_date ("2027-01-15", 2020, 2022, &today, &error));
  g_assert_cmpstr (error->message, ==, "2027-01-15 is after today.");
  g_clear_error (&error);
  /* The year before the start and the year after the end are fine. */
  g_assert_true (pb_check_actual_date ("2019-01-01", 2020, 2022, &today, NULL));
  g_assert_true (pb_check_actual_date ("2023-12-31", 2020, 2022, &today, NULL));
  g_assert_false (pb_check_actual_date ("2018-12-31", 2020, 2022, &today, &error));
  g_assert_cmpstr (error->message, ==, "2018-12-31 is long outside the plan’s period, 2020—2022: "
                                      "a figure is reported from the year before it to the year after.");
  g_clear_error (&error);
  g_assert_false (pb_check_actual_date ("2024-01-01", 2020, 2022, &today, &error));
  g_assert_nonnull (strstr (error->message, "2024-01-01 is long outside the plan’s period, 2020—2022"));
  g_clear_error (&error);
  g_assert_false (pb_check_actual_date ("2026-13-01", 2025, 2027, &today, &error));
  g_assert_cmpstr (error->message, ==, "“2026-13-01” is not a date; write it as 2024-06-30.");
  g_clear_error (&error);
  /* No period known: only today bounds it. */
  g_assert_true (pb_check_actual_date ("1990-01-01", 0, 0, &today, NULL));

  /* Through the store: the indicator's plan's period. */
  plan = pb_store_create_plan (f->store, "成都市新型基础设施建设行动方案", 2020, 2022, &error);
  k = pb_store_add_indicator (f->store, plan, 0, "5G基站", "座", PB_INDICATOR_KIND_CUMULATIVE, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_check_actual_date (f->store, k, "2025-06-30", &today, &error));
  g_assert_nonnull (strstr (error->message, "2020—2022"));
  g_clear_error (&error);
  g_assert_true (pb_store_check_actual_date (f->store, k, "2022-12-31", &today, &error));
  g_assert_no_error (error);

  ended = pb_store_get_record (f->store, PB_TYPE_PLAN, plan);
  pb_plan_default_actual_date (ended, &today, out);
  g_assert_cmpstr (out, ==, "2022-12-31");
  running = pb_store_get_record (f->store, PB_TYPE_PLAN,
                                 pb_store_create_plan (f->store, "方案", 2025, 2027, &error));
  pb_plan_default_actual_date (running, &today, out);
  g_assert_cmpstr (out, ==, "2026-11-28");
}

/* The periods a plan can close: within its period, begun by today. */
static void
test_period_choices (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (28, 11, 2026);
  g_autoptr(GError) error = NULL;
  GArray *c;

  /* Ended 2022–2024: its quarters, the last first, all ended. */
  c = pb_period_choices (PB_PERIOD_KIND_QUARTER, 2022, 2024, today);
  g_assert_cmpuint (c->len, ==, 12);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 0).year, ==, 2024);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 0).number, ==, 4);
  g_assert_true (g_array_index (c, PbPeriodChoice, 0).ended);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 11).year, ==, 2022);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 11).number, ==, 1);
  g_array_unref (c);

  /* Running 2025–2027: November 2026 (under way) back to January 2025. */
  c = pb_period_choices (PB_PERIOD_KIND_MONTH, 2025, 2027, today);
  g_assert_cmpuint (c->len, ==, 23);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 0).year, ==, 2026);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 0).number, ==, 11);
  g_assert_false (g_array_index (c, PbPeriodChoice, 0).ended);
  g_assert_true (g_array_index (c, PbPeriodChoice, 1).ended);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 22).year, ==, 2025);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 22).number, ==, 1);
  g_array_unref (c);

  /* Not begun: nothing. No period known: the twelve up to today. */
  c = pb_period_choices (PB_PERIOD_KIND_QUARTER, 2027, 2029, today);
  g_assert_cmpuint (c->len, ==, 0);
  g_array_unref (c);
  c = pb_period_choices (PB_PERIOD_KIND_MONTH, 0, 0, today);
  g_assert_cmpuint (c->len, ==, 12);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 11).year, ==, 2025);
  g_assert_cmpint (g_array_index (c, PbPeriodChoice, 11).number, ==, 12);
  g_array_unref (c);

  /* Refused: before the plan, after it, and not begun. */
  g_assert_false (pb_period_check_closable (PB_PERIOD_KIND_QUARTER, 2021, 4, 2022, 2024, today, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "2021 Q4 lies outside the plan’s period, 2022—2024.");
  g_clear_error (&error);
  g_assert_false (pb_period_check_closable (PB_PERIOD_KIND_MONTH, 2025, 1, 2022, 2024, today, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_period_check_closable (PB_PERIOD_KIND_MONTH, 2026, 12, 2025, 2027, today, &error));
  g_assert_cmpstr (error->message, ==, "December 2026 has not begun yet: a period can be closed once it has begun.");
  g_clear_error (&error);
  g_assert_true (pb_period_check_closable (PB_PERIOD_KIND_MONTH, 2026, 11, 2025, 2027, today, &error));
  g_assert_true (pb_period_check_closable (PB_PERIOD_KIND_QUARTER, 2024, 4, 2022, 2024, today, &error));
  g_assert_no_error (error);
}

/* "Since Last Period": an annual indicator counts each year from nothing,
 * so 2,600 new base stations so far in 2026 after 3,200 in the whole of
 * 2025 is +2,600, not −600 (a first-time user read the minus as base
 * stations lost). A cumulative one, and an annual one within a year,
 * subtract; with nothing kept, the figure is new. */
static void
test_change_since (void)
{
  double change;

  g_assert_true (pb_indicator_change_since (PB_INDICATOR_KIND_ANNUAL, 3200, "2025-12-31", 2600, "2026-11-20", &change));
  g_assert_cmpfloat (change, ==, 2600);
  g_assert_true (pb_indicator_change_since (PB_INDICATOR_KIND_ANNUAL, 1800, "2026-09-30", 2600, "2026-11-20", &change));
  g_assert_cmpfloat (change, ==, 800);
  g_assert_true (pb_indicator_change_since (PB_INDICATOR_KIND_CUMULATIVE, 3200, "2025-12-31", 2600, "2026-11-20", &change));
  g_assert_cmpfloat (change, ==, -600);
  g_assert_false (pb_indicator_change_since (PB_INDICATOR_KIND_ANNUAL, NAN, NULL, 2600, "2026-11-20", &change));
}

/* Issue 14: plan titles side by side (a chart's legend, a table) are
 * shortened so that two never read the same where they differ. */
static void
test_shorten_titles (void)
{
  const char *editions[] = { "云澜市5G网络建设三年行动方案（2025—2027年）",
                             "云澜市5G网络建设三年行动方案（2022—2024年）",
                             "临江市信息基础设施提升行动计划",
                             "数字临江方案", NULL };
  const char *years[] = { "云澜市新型基础设施建设专项规划 2024", "云澜市新型基础设施建设专项规划 2027", NULL };
  const char *same[] = { "云澜市新型基础设施建设三年行动方案", "云澜市新型基础设施建设三年行动方案", NULL };
  g_auto(GStrv) a = pb_shorten_titles (editions, 14);
  g_auto(GStrv) b = pb_shorten_titles (years, 14);
  g_auto(GStrv) c = pb_shorten_titles (same, 14);
  g_auto(GStrv) d = pb_shorten_titles ((const char *[]) { NULL }, 14);

  g_assert_cmpuint (g_strv_length (a), ==, 4);
  g_assert_cmpstr (a[0], ==, "…（2025—2027年）");
  g_assert_cmpstr (a[1], ==, "…（2022—2024年）");
  g_assert_cmpstr (a[2], ==, "临江市信息基础设施提升行动…");
  g_assert_cmpstr (a[3], ==, "数字临江方案");
  g_assert_cmpstr (b[0], ==, "…2024");
  g_assert_cmpstr (b[1], ==, "…2027");
  for (guint i = 0; a[i]; i++)
    g_assert_cmpint (g_utf8_strlen (a[i], -1), <=, 14);
  /* The same title twice stays the same: nothing tells them apart. */
  g_assert_cmpstr (c[0], ==, c[1]);
  g_assert_cmpint (g_utf8_strlen (c[0], -1), ==, 14);
  g_assert_cmpuint (g_strv_length (d), ==, 0);
}

/* A change of status or progress as of @date (as a form reports it). */
static void
set_as_of (PbStore    *store,
           gint64      item_id,
           const char *date,
           double      progress)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_store_begin (store, &error));
  pb_store_set_change_date (store, date);
  g_assert_true (pb_store_finish (store,
                                  pb_store_update (store, PB_TYPE_ITEM, item_id, &error,
                                                   "status", PB_ITEM_STATUS_IN_PROGRESS,
                                                   "progress", progress, NULL),
                                  "Change Progress", &error));
  g_assert_no_error (error);
}

static PbFormChange *
form_progress (gint64      item_id,
               const char *as_of,
               double      progress)
{
  PbFormChange *c = g_new0 (PbFormChange, 1);

  c->kind = PB_FORM_CHANGE_PROGRESS;
  c->item_id = item_id;
  c->progress = progress;
  c->accept = TRUE;
  g_strlcpy (c->date, as_of, sizeof c->date);
  return c;
}

/* The reviewer's case (DESIGN §5, the Close Period dialog's words): on
 * 28 November the returned forms say where the tasks stood on 20 and 25
 * November; October is closed after that, as offices do. October keeps
 * the tasks as they stood on 31 October, so the next bulletin shows
 * November's progress as the change since, as it does the indicators'. */
static void
test_close_late (PbTestLibrary *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GHashTable) indicators = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_form_change_free);
  g_autoptr(GDate) today = g_date_new_dmy (28, 11, 2026);
  const char *titles[] = { "加快5G网络建设", "推进工业互联网平台建设", "建设城市数据中心" };
  const double october[] = { 0.62, 0.48, 0.35 }, november[] = { 0.70, 0.55, 0.45 };
  const char *as_of[] = { "2026-11-20", "2026-11-25", "2026-11-25" };
  gint64 plan, ids[3], k, org, period;
  GDate end;

  plan = pb_store_create_plan (f->store, "数字经济发展三年行动方案（2025—2027年）", 2025, 2027, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      ids[i] = pb_store_add_item (f->store, plan, 0, PB_ITEM_KIND_TASK, number, titles[i], &error);
      org = pb_store_assign_organisation (f->store, ids[i], "市工业和信息化局", PB_ROLE_LEAD, &error);
      g_assert_no_error (error);
      {
        g_autoptr(PbItem) item = pb_store_get_record (f->store, PB_TYPE_ITEM, ids[i]);

        pb_store_set (f->store, item, &error, "start_date", "2025-01-01", "due_date", "2027-12-31", NULL);
        g_assert_no_error (error);
      }
      /* October's form: as of 26 October. */
      set_as_of (f->store, ids[i], "2026-10-26", october[i]);
    }
  org = pb_store_find_organisation (f->store, plan, "市工业和信息化局");
  k = pb_store_add_indicator (f->store, plan, ids[0], "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  pb_store_add_target (f->store, k, 2027, 10000, PB_COMPARATOR_GE, FALSE, &error);
  pb_store_add_actual (f->store, k, "2026-10-31", 5200, NULL, &error);
  g_assert_no_error (error);

  /* 28 November: November's form comes back, one command. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (changes, form_progress (ids[i], as_of[i], november[i]));
  {
    PbFormChange *c = g_new0 (PbFormChange, 1);

    c->kind = PB_FORM_CHANGE_ACTUAL;
    c->indicator_id = k;
    c->value = 5900;
    c->accept = TRUE;
    g_strlcpy (c->date, "2026-11-20", sizeof c->date);
    g_ptr_array_add (changes, c);
  }
  g_assert_true (pb_store_apply_form (f->store, plan, org, "2026-11", changes, today, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GListModel) entries =
        pb_store_list_query (f->store, PB_TYPE_ITEM_HISTORY,
                             "SELECT id FROM item_history WHERE item_id = ?1 ORDER BY date DESC, id DESC LIMIT 1",
                             ids[i], "item_history");
      g_autoptr(PbRecord) last = g_list_model_get_item (entries, 0);

      /* The form's day, and what it was before. */
      g_assert_nonnull (last);
      g_assert_cmpstr (pb_record_get_string (last, "date"), ==, as_of[i]);
      g_assert_cmpfloat_with_epsilon (pb_record_get_double (last, "progress"), november[i], 1e-9);
      g_assert_cmpfloat_with_epsilon (pb_record_get_double (last, "progress_before"), october[i], 1e-9);
    }

  /* Then October is closed: it keeps October's progress, and the health
   * of 31 October judged with it (task 3 at 35 % with 61 % of its time
   * gone: red; with today's 45 % it would have been yellow). */
  g_assert_cmpuint (pb_store_count_items_unknown_at_end (f->store, plan, PB_PERIOD_KIND_MONTH, 2026, 10, NULL), ==, 0);
  period = pb_store_close_period (f->store, plan, PB_PERIOD_KIND_MONTH, 2026, 10, &error);
  g_assert_no_error (error);
  items = pb_store_dup_period_items (f->store, period);
  for (guint i = 0; i < 3; i++)
    {
      PbRecord *snap = g_hash_table_lookup (items, &ids[i]);

      g_assert_nonnull (snap);
      g_assert_cmpfloat_with_epsilon (pb_record_get_double (snap, "progress"), october[i], 1e-9);
      g_assert_cmpint (pb_record_get_enum (snap, "status"), ==, PB_ITEM_STATUS_IN_PROGRESS);
    }
  g_assert_cmpint (pb_record_get_enum (g_hash_table_lookup (items, &ids[2]), "health"), ==, PB_HEALTH_RED);
  g_date_clear (&end, 1);
  g_date_set_dmy (&end, 31, 10, 2026);
  {
    g_autoptr(PbItem) third = pb_store_get_record (f->store, PB_TYPE_ITEM, ids[2]);

    g_assert_cmpint (pb_item_compute_health (third, NULL, NULL, &end, NULL), ==, PB_HEALTH_YELLOW);
  }
  /* The indicator, by its dated actuals, as before. */
  indicators = pb_store_dup_period_indicators (f->store, period);
  g_assert_cmpfloat (pb_record_get_double (g_hash_table_lookup (indicators, &k), "value"), ==, 5200);

  /* The next bulletin's change since: +8 %, +7 %, +10 %. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbItem) item = pb_store_get_record (f->store, PB_TYPE_ITEM, ids[i]);
      double then = NAN;
      const int expected[] = { 8, 7, 10 };

      g_assert_true (pb_store_get_item_change (f->store, item, today, NULL, &then));
      g_assert_cmpint ((int) lround ((pb_store_get_item_completion (f->store, item, today) - then) * 100), ==,
                       expected[i]);
    }

  /* Undo the close, then the form: its history goes with it, and
   * October closed now keeps what the tasks are again. */
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", ids[i]), ==, 1);
}

/* Every change of status or progress adds to the item's history, in the
 * same command: undo takes it away, redo puts it back; a change that
 * changes nothing adds nothing. */
static void
test_history_undo (PbTestLibrary *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(PbRecord) entry = NULL;
  char today_text[11];
  GDate today;
  Fixture x;
  guint n;

  make_plan (f, &x);
  item = pb_store_get_record (f->store, PB_TYPE_ITEM, x.b);
  n = pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b);
  g_assert_cmpuint (n, ==, 1);

  g_assert_true (pb_store_set (f->store, item, &error, "progress", 0.55, NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b), ==, n + 1);
  entries = pb_store_list_query (f->store, PB_TYPE_ITEM_HISTORY,
                                 "SELECT id FROM item_history WHERE item_id = ?1 ORDER BY id DESC LIMIT 1",
                                 x.b, "item_history");
  entry = g_list_model_get_item (entries, 0);
  pb_date_today (&today);
  pb_date_format (&today, today_text);
  g_assert_cmpstr (pb_record_get_string (entry, "date"), ==, today_text);
  g_assert_cmpfloat_with_epsilon (pb_record_get_double (entry, "progress"), 0.55, 1e-9);
  g_assert_cmpfloat_with_epsilon (pb_record_get_double (entry, "progress_before"), 0.4, 1e-9);
  g_assert_cmpint (pb_record_get_enum (entry, "status_before"), ==, PB_ITEM_STATUS_IN_PROGRESS);

  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b), ==, n);
  g_assert_true (pb_store_redo (f->store, &error));
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b), ==, n + 1);

  /* Done: 100 % with it, one entry saying both. */
  g_assert_true (pb_store_set (f->store, item, &error, "status", PB_ITEM_STATUS_DONE, NULL));
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b), ==, n + 2);
  /* Many at once (the bulk edit): one each. */
  g_assert_true (pb_store_set_items_status (f->store, (gint64[]) { x.a, x.b, x.c }, 3,
                                            PB_ITEM_STATUS_BLOCKED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.a), ==, 2);
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b), ==, n + 3);
  g_assert_true (pb_store_undo (f->store, &error));
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.a), ==, 1);
  /* Another column: no entry. */
  g_assert_true (pb_store_set (f->store, item, &error, "title", "建设城市数据中心", NULL));
  g_assert_cmpuint (pb_store_count (f->store, PB_TYPE_ITEM_HISTORY, "item_id", x.b), ==, n + 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/supervision/period-for-plan", test_period_for_plan);
  g_test_add_func ("/supervision/period-choices", test_period_choices);
  PB_TEST_ADD_LIBRARY ("/supervision/merge", test_merge);
  PB_TEST_ADD_LIBRARY ("/supervision/merge-forms", test_merge_forms);
  PB_TEST_ADD_LIBRARY ("/supervision/rename", test_rename);
  PB_TEST_ADD_LIBRARY ("/supervision/ranking", test_ranking);
  PB_TEST_ADD_LIBRARY ("/supervision/across-plans", test_across_plans);
  PB_TEST_ADD_LIBRARY ("/supervision/close-period", test_close_period);
  PB_TEST_ADD_LIBRARY ("/supervision/closed-period-actual", test_closed_period_actual);
  PB_TEST_ADD_LIBRARY ("/supervision/closed-period-unreadable", test_closed_period_unreadable);
  PB_TEST_ADD_LIBRARY ("/supervision/falling-actual", test_falling_actual);
  PB_TEST_ADD_LIBRARY ("/supervision/actual-date", test_actual_date);
  PB_TEST_ADD_LIBRARY ("/supervision/close-late", test_close_late);
  PB_TEST_ADD_LIBRARY ("/supervision/history-undo", test_history_undo);
  g_test_add_func ("/supervision/change-since", test_change_since);
  g_test_add_func ("/supervision/shorten-titles", test_shorten_titles);

  return g_test_run ();
}
