/* test-edit.c — editing a plan by hand: each change one command, undone
 * and redone whole, with a label that says what it did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-health.h"
#include "pb-indicator-links.h"
#include "pb-store-private.h"
#include "pb-test-util.h"

typedef struct
{
  PbTestLibrary lib;
  gint64 plan, s1, s2, s2a, a, b, c, d;
} Plan;


/* A new item starts today within the plan's period (2025—2027), never on
 * a first day long past. */
static char *
expected_new_start (void)
{
  GDate today;
  char text[11];

  pb_date_today (&today);
  if (g_date_get_year (&today) < 2025)
    return g_strdup ("2025-01-01");
  if (g_date_get_year (&today) > 2027)
    return g_strdup ("2027-01-01");
  pb_date_format (&today, text);
  return g_strdup (text);
}

static void
plan_set_up (Plan          *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PbStore *store;

  pb_test_library_set_up (&f->lib, data);
  store = f->lib.store;
  f->plan = pb_store_create_plan (store, "云澜市新型基础设施建设三年行动方案", 2025, 2027, &error);
  f->s1 = pb_store_add_section (store, f->plan, 0, "一", "总体要求", &error);
  f->s2 = pb_store_add_section (store, f->plan, 0, "二", "重点任务", &error);
  f->s2a = pb_store_add_section (store, f->plan, f->s2, "(一)", "信息基础设施", &error);
  f->a = pb_store_add_item (store, f->plan, f->s2a, PB_ITEM_KIND_TASK, "1", "加快5G网络规模化部署", &error);
  f->b = pb_store_add_item (store, f->plan, f->s2a, PB_ITEM_KIND_TASK, "2", "推进千兆光网建设", &error);
  f->c = pb_store_add_item (store, f->plan, f->s2a, PB_ITEM_KIND_TASK, "3", "统筹建设绿色数据中心", &error);
  f->d = pb_store_add_item (store, f->plan, f->s1, PB_ITEM_KIND_GOAL, "", "主要目标", &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->d, >, 0);
  pb_store_clear_history (store);
}

static void
plan_tear_down (Plan          *f,
                gconstpointer  data)
{
  pb_test_library_tear_down (&f->lib, data);
}

/* Which Undo takes a whole plan away: the command that made it (New
 * Plan, Duplicate), not a later one in it, and none once it is undone. */
static void
test_undo_removed_plan (Plan          *f,
                        gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  gint64 plan, copy;

  g_assert_cmpint (pb_store_get_undo_removed_plan (store), ==, 0);
  plan = pb_store_create_plan (store, "测试市数字乡村行动方案", 2025, 2027, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_removed_plan (store), ==, plan);
  g_assert_cmpint (pb_store_add_item (store, plan, 0, PB_ITEM_KIND_TASK, "1", "发展智慧农业", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_removed_plan (store), ==, 0);
  g_assert_true (pb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_removed_plan (store), ==, plan);
  g_assert_true (pb_store_undo (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_get_undo_removed_plan (store), ==, 0);

  copy = pb_store_duplicate_plan (store, f->plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, 0);
  g_assert_cmpint (pb_store_get_undo_removed_plan (store), ==, copy);
}

/* The command just made undoes to @before and redoes to what it made,
 * and its label in both menus is @label. */
static void
assert_undoable (PbStore    *store,
                 const char *before,
                 const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = pb_test_dump_store (store);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (before, !=, after);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, label);
  g_assert_true (pb_store_undo (store, &error));
  g_assert_no_error (error);
  undone = pb_test_dump_store (store);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (pb_store_get_redo_label (store), ==, label);
  g_assert_true (pb_store_redo (store, &error));
  g_assert_no_error (error);
  redone = pb_test_dump_store (store);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, label);
}

static gint64
sql (Plan       *f,
     const char *query)
{
  return pb_test_sql_int (f->lib.path, query);
}

/* The plan's items in order, as their titles. */
static char *
item_order (Plan *f)
{
  g_autoptr(GListModel) items = pb_store_list_items (f->lib.store, f->plan);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      g_string_append_printf (out, "%s%s", i ? "|" : "", pb_item_get_number (item));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
section_order (Plan *f)
{
  g_autoptr(GListModel) sections = pb_store_list_sections (f->lib.store, f->plan);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      g_autoptr(PbSection) parent = pb_store_get_record (f->lib.store, PB_TYPE_SECTION, pb_section_get_parent_id (s));

      g_string_append_printf (out, "%s%s%s%s", i ? " " : "", parent ? pb_section_get_number (parent) : "",
                              parent ? "/" : "", pb_section_get_number (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_insert_item (Plan          *f,
                  gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = pb_test_dump_store (store);
  g_autofree char *order = NULL;
  g_autofree char *next = pb_store_next_item_number (store, f->plan, f->s2a);
  g_autoptr(PbItem) item = NULL;
  gint64 org, id;

  g_assert_cmpstr (next, ==, "4");

  /* After item 1, in its section, dated over the plan's period: it is 2,
   * the number of its place, and the items after it count on (not 1, 4,
   * 2, 3), in the one command. */
  id = pb_store_insert_item (store, f->plan, f->s2a, f->a, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  item = pb_store_get_record (store, PB_TYPE_ITEM, id);
  g_assert_cmpstr (pb_item_get_number (item), ==, "2");
  g_assert_cmpint (pb_item_get_section_id (item), ==, f->s2a);
  {
    g_autofree char *start = expected_new_start ();
    GDate today;

    g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "start_date"), ==, start);
    /* Not behind its schedule before anyone worked on it. */
    pb_date_today (&today);
    g_assert_cmpint (pb_store_get_item_health (store, item, &today, NULL), !=, PB_HEALTH_RED);
  }
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "due_date"), ==, "2027-12-31");
  order = item_order (f);
  g_assert_cmpstr (order, ==, "1|2|3|4|");
  {
    g_autoptr(PbItem) b = pb_store_get_record (store, PB_TYPE_ITEM, f->b);
    g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, f->c);

    g_assert_cmpstr (pb_item_get_number (b), ==, "3");
    g_assert_cmpstr (pb_item_get_number (c), ==, "4");
  }
  assert_undoable (store, before, "Add Item");

  /* With a status and a lead (a board grouped by status or lead); with
   * nothing selected, after its section's last item. */
  g_clear_pointer (&before, g_free);
  g_clear_object (&item);
  pb_store_assign_organisation (store, f->b, "市通信管理办公室", PB_ROLE_LEAD, &error);
  org = pb_store_find_organisation (store, f->plan, "市通信管理办公室");
  before = pb_test_dump_store (store);
  id = pb_store_insert_item (store, f->plan, f->s2a, 0, PB_ITEM_KIND_MEASURE, "9", "建设城市物联感知体系",
                             PB_ITEM_STATUS_BLOCKED, org, &error);
  g_assert_no_error (error);
  item = pb_store_get_record (store, PB_TYPE_ITEM, id);
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_BLOCKED);
  g_assert_cmpfloat (pb_item_get_progress (item), ==, 0);
  g_assert_cmpstr (pb_item_get_number (item), ==, "9");
  g_clear_pointer (&order, g_free);
  order = item_order (f);
  g_assert_cmpstr (order, ==, "1|2|3|4|9|");
  {
    g_autofree char *leads = pb_store_dup_lead_names (store, id);
    g_assert_cmpstr (leads, ==, "市通信管理办公室");
  }
  assert_undoable (store, before, "Add Item");

  /* Added Done (the board's Done column): at 100 %, in the one command. */
  g_clear_pointer (&before, g_free);
  g_clear_object (&item);
  before = pb_test_dump_store (store);
  id = pb_store_insert_item (store, f->plan, f->s2a, 0, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_DONE, 0, &error);
  g_assert_no_error (error);
  item = pb_store_get_record (store, PB_TYPE_ITEM, id);
  g_assert_cmpint (pb_item_get_status (item), ==, PB_ITEM_STATUS_DONE);
  g_assert_cmpfloat (pb_item_get_progress (item), ==, 1);
  assert_undoable (store, before, "Add Item");

  /* A section, item or lead of another plan is refused. */
  g_assert_cmpint (pb_store_insert_item (store, f->plan, 9999, 0, PB_ITEM_KIND_TASK, NULL, "",
                                         PB_ITEM_STATUS_NOT_STARTED, 0, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
}

static char *
number_of (PbStore *store,
           gint64   id)
{
  g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, id);

  return g_strdup (item ? pb_item_get_number (item) : "(gone)");
}

#define ASSERT_NUMBER(store, id, expected) G_STMT_START { \
    g_autofree char *n_ = number_of (store, id); \
    g_assert_cmpstr (n_, ==, expected); \
  } G_STMT_END

/* Issue 14, finding 3: a new item takes the number of its place in the
 * reading order, and the items after it count on, in the one "Add Item"
 * command — in a plan that numbers its tasks straight through its
 * sections, an item added to the empty 一、总体要求 before tasks 1…3 is 1
 * (not 4, read 4, 1, 2, 3 in every printout), and so on in an empty
 * sub-section after it; in a plan that restarts in each section, 1 in an
 * empty section and the section's next place in another; a planner's own
 * numbers (1, 3, 7) stay, the new item taking the next free one. */
static void
test_insert_numbers_in_place (Plan          *f,
                              gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = pb_test_dump_store (store);
  g_autofree char *added = NULL;
  gint64 id, sub, id2, plan2, sa, sb, sc, a1, a2, b1, own, o1, o3, o7;

  id = pb_store_insert_item (store, f->plan, f->s1, 0, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  ASSERT_NUMBER (store, id, "1");
  ASSERT_NUMBER (store, f->a, "2");
  ASSERT_NUMBER (store, f->b, "3");
  ASSERT_NUMBER (store, f->c, "4");
  ASSERT_NUMBER (store, f->d, "");     /* the goal: goals count on their own */
  added = pb_test_dump_store (store);
  assert_undoable (store, before, "Add Item");

  /* In an empty sub-section of 一、总体要求, after that new 1: 2. */
  sub = pb_store_add_section (store, f->plan, f->s1, "(一)", "保障措施", &error);
  g_assert_no_error (error);
  id2 = pb_store_insert_item (store, f->plan, sub, 0, PB_ITEM_KIND_TASK, NULL, "",
                              PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  ASSERT_NUMBER (store, id, "1");
  ASSERT_NUMBER (store, id2, "2");
  ASSERT_NUMBER (store, f->a, "3");
  ASSERT_NUMBER (store, f->c, "5");

  /* A plan that restarts in each section. */
  plan2 = pb_store_create_plan (store, "测试市数字乡村行动方案", 2025, 2027, &error);
  sa = pb_store_add_section (store, plan2, 0, "一", "数字基础设施", &error);
  sb = pb_store_add_section (store, plan2, 0, "二", "智慧农业", &error);
  sc = pb_store_add_section (store, plan2, 0, "三", "保障措施", &error);
  a1 = pb_store_add_item (store, plan2, sa, PB_ITEM_KIND_TASK, "1", "建设农村5G基站", &error);
  a2 = pb_store_add_item (store, plan2, sa, PB_ITEM_KIND_TASK, "2", "推进千兆光网进村", &error);
  b1 = pb_store_add_item (store, plan2, sb, PB_ITEM_KIND_TASK, "1", "发展智慧农业", &error);
  g_assert_cmpint (pb_store_add_item (store, plan2, sb, PB_ITEM_KIND_TASK, "2", "建设农产品溯源平台", &error), >, 0);
  g_assert_no_error (error);
  id = pb_store_insert_item (store, plan2, sc, 0, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  ASSERT_NUMBER (store, id, "1");
  ASSERT_NUMBER (store, b1, "1");
  id = pb_store_insert_item (store, plan2, sa, a1, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  ASSERT_NUMBER (store, a1, "1");
  ASSERT_NUMBER (store, id, "2");
  ASSERT_NUMBER (store, a2, "3");
  ASSERT_NUMBER (store, b1, "1");

  /* A planner's own numbers stay; the new one takes the next free. */
  own = pb_store_add_section (store, plan2, 0, "四", "组织实施", &error);
  o1 = pb_store_add_item (store, plan2, own, PB_ITEM_KIND_MEASURE, "1", "加强组织领导", &error);
  o3 = pb_store_add_item (store, plan2, own, PB_ITEM_KIND_MEASURE, "3", "强化资金保障", &error);
  o7 = pb_store_add_item (store, plan2, own, PB_ITEM_KIND_MEASURE, "7", "加强督促检查", &error);
  g_assert_no_error (error);
  id = pb_store_insert_item (store, plan2, own, o1, PB_ITEM_KIND_MEASURE, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  ASSERT_NUMBER (store, o1, "1");
  ASSERT_NUMBER (store, o3, "3");
  ASSERT_NUMBER (store, o7, "7");
  ASSERT_NUMBER (store, id, "8");
}

static void
test_delete_items (Plan          *f,
                   gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *what = NULL;
  gint64 ids[] = { f->a, f->b, f->c, f->a };

  pb_store_add_dependency (store, f->a, f->b, 0, &error);
  pb_store_assign_organisation (store, f->a, "市发展改革委", PB_ROLE_LEAD, &error);
  g_assert_no_error (error);
  before = pb_test_dump_store (store);

  what = pb_store_describe_items (store, ids, 1);
  g_assert_cmpstr (what, ==, "1 加快5G网络规模化部署");
  g_clear_pointer (&what, g_free);
  what = pb_store_describe_items (store, ids, 3);
  g_assert_cmpstr (what, ==, "1 加快5G网络规模化部署 and 2 more");
  g_clear_pointer (&what, g_free);
  what = pb_store_describe_items (store, ids, 4);   /* the first again counts once */
  g_assert_cmpstr (what, ==, "1 加快5G网络规模化部署 and 2 more");

  /* Duplicates count once; what they own goes with them. */
  g_assert_true (pb_store_delete_items (store, ids, G_N_ELEMENTS (ids), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item"), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM dependency"), ==, 0);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item_org"), ==, 0);
  assert_undoable (store, before, "Delete 3 Items");

  g_clear_pointer (&before, g_free);
  before = pb_test_dump_store (store);
  g_assert_true (pb_store_delete_items (store, &f->d, 1, &error));
  assert_undoable (store, before, "Delete Item");

  /* Nothing, or something gone, changes nothing. */
  g_assert_false (pb_store_delete_items (store, ids, 0, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_delete_items (store, (gint64[]) { 4242 }, 1, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
}

static char *
list_order (PbStore *store, GListModel *sections)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      g_autoptr(PbSection) parent = pb_store_get_record (store, PB_TYPE_SECTION, pb_section_get_parent_id (s));

      g_string_append_printf (out, "%s%s%s%s", i ? " " : "", parent ? pb_section_get_number (parent) : "",
                              parent ? "/" : "", pb_section_get_number (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A list kept open (the board's columns, the timeline's headers) keeps
 * the tree's order through every section command, as a list made afresh
 * does: a section added inside the first one comes after it, not before
 * (a first-time user saw (一) left of 一、). */
static void
test_sections_live_order (Plan          *f,
                          gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) live = pb_store_list_sections (store, f->plan);
  g_autofree char *order = NULL;
  g_autoptr(PbSection) s1 = pb_store_get_record (store, PB_TYPE_SECTION, f->s1);
  g_autoptr(PbSection) s2 = pb_store_get_record (store, PB_TYPE_SECTION, f->s2);
  gint64 inside;

#define LIVE_IS(expected) \
  G_STMT_START { g_clear_pointer (&order, g_free); order = list_order (store, live); g_assert_cmpstr (order, ==, expected); \
                 g_clear_pointer (&order, g_free); order = section_order (f); g_assert_cmpstr (order, ==, expected); } G_STMT_END

  LIVE_IS ("一 二 二/(一)");
  inside = pb_store_insert_section (store, f->plan, f->s1, 0, "(一)", "推进5G网络建设", &error);
  g_assert_no_error (error);
  g_assert_cmpint (inside, >, 0);
  LIVE_IS ("一 一/(一) 二 二/(一)");
  g_assert_true (pb_store_undo (store, NULL));
  LIVE_IS ("一 二 二/(一)");
  g_assert_true (pb_store_redo (store, NULL));
  LIVE_IS ("一 一/(一) 二 二/(一)");
  /* The sections count on in their new order (二 is now 一). */
  g_assert_true (pb_store_shift_section (store, s2, -1, &error));
  LIVE_IS ("一 一/(一) 二 二/(一)");
  g_assert_cmpstr (pb_section_get_number (s2), ==, "一");
  g_assert_true (pb_store_indent_section (store, s1, TRUE, &error));
  LIVE_IS ("一 一/(一) 一/(二) (二)/(一)");
  g_assert_true (pb_store_undo (store, NULL));
  g_assert_true (pb_store_undo (store, NULL));
  LIVE_IS ("一 一/(一) 二 二/(一)");
#undef LIVE_IS
}

static void
test_sections (Plan          *f,
               gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *order = NULL;
  g_autoptr(PbSection) s1 = pb_store_get_record (store, PB_TYPE_SECTION, f->s1);
  g_autoptr(PbSection) s2 = pb_store_get_record (store, PB_TYPE_SECTION, f->s2);
  g_autoptr(PbSection) s2a = pb_store_get_record (store, PB_TYPE_SECTION, f->s2a);
  g_autoptr(PbSection) s3 = NULL;
  gint64 s2b, s3_id;

#define ORDER_IS(expected) \
  G_STMT_START { g_clear_pointer (&order, g_free); order = section_order (f); g_assert_cmpstr (order, ==, expected); } G_STMT_END
#define MARK() G_STMT_START { g_clear_pointer (&before, g_free); before = pb_test_dump_store (store); } G_STMT_END

  ORDER_IS ("一 二 二/(一)");

  /* Add: after a sibling, under a parent, or last. */
  MARK ();
  /* After 一 of 一 二, the number of its place is 二, with one after it
   * to count on; last, there is no such place. */
  {
    guint n_after = 99;
    g_autofree char *in_place = pb_store_section_number_in_place (store, f->plan, 0, f->s1, &n_after, &error);
    g_autofree char *at_end = pb_store_section_number_in_place (store, f->plan, 0, f->s2, &n_after, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (in_place, ==, "二");
    g_assert_null (at_end);
    g_assert_cmpuint (n_after, ==, 0);
  }
  /* A number typed that is not its place's ((九), or 三 proposed for the
   * end) is the planner's: it goes after 一 as it is, and nothing else is
   * renumbered (a reviewer's 三 became 二 unasked). */
  s3_id = pb_store_insert_section (store, f->plan, 0, f->s1, "九", "保障措施", &error);
  g_assert_no_error (error);
  ORDER_IS ("一 九 二 二/(一)");
  assert_undoable (store, before, "Add Section");
  g_assert_true (pb_store_undo (store, &error));
  /* With its place's number, 二, it takes that place and the old 二
   * counts on as 三, in the same command. */
  s3_id = pb_store_insert_section (store, f->plan, 0, f->s1, "二", "保障措施", &error);
  g_assert_no_error (error);
  ORDER_IS ("一 二 三 三/(一)");
  assert_undoable (store, before, "Add Section");
  s2b = pb_store_insert_section (store, f->plan, f->s2, 0, "(二)", "融合基础设施", &error);
  ORDER_IS ("一 二 三 三/(一) 三/(二)");
  g_assert_cmpint (pb_store_insert_section (store, f->plan, 0, 0, "四", "  ", &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  s3 = pb_store_get_record (store, PB_TYPE_SECTION, s3_id);

  /* Move down, up; a first section does not go up. */
  MARK ();
  g_assert_true (pb_store_shift_section (store, s3, 1, &error));
  ORDER_IS ("一 二 二/(一) 二/(二) 三");
  assert_undoable (store, before, "Move Section Down");
  MARK ();
  /* Sections counted in order keep counting in order: 二 moved up is 一. */
  g_assert_true (pb_store_shift_section (store, s2, -1, &error));
  ORDER_IS ("一 一/(一) 一/(二) 二 三");
  g_assert_cmpstr (pb_section_get_number (s2), ==, "一");
  g_assert_cmpstr (pb_section_get_number (s1), ==, "二");
  assert_undoable (store, before, "Move Section Up");
  g_assert_true (pb_store_shift_section (store, s2, -1, &error));
  g_assert_false (pb_store_can_redo (store));
  ORDER_IS ("一 一/(一) 一/(二) 二 三");

  /* Nest under the section above, and out again. */
  MARK ();
  g_assert_true (pb_store_indent_section (store, s3, TRUE, &error));
  ORDER_IS ("一 一/(一) 一/(二) 二 二/(一)");
  assert_undoable (store, before, "Indent Section");
  MARK ();
  g_assert_true (pb_store_indent_section (store, s3, FALSE, &error));
  ORDER_IS ("一 一/(一) 一/(二) 二 三");
  assert_undoable (store, before, "Outdent Section");
  g_assert_false (pb_store_indent_section (store, s2, TRUE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Move anywhere, never inside itself. */
  MARK ();
  g_assert_true (pb_store_move_section (store, s1, 0, f->s2, &error));
  ORDER_IS ("一 二 二/(一) 二/(二) 三");
  assert_undoable (store, before, "Move Section");
  g_assert_false (pb_store_move_section (store, s2, f->s2a, 0, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_can_redo (store));

  /* Rename, renumber. */
  MARK ();
  g_assert_true (pb_store_rename_section (store, s2a, "(一)", "建设高速泛在的信息基础设施", &error));
  g_assert_cmpstr (pb_section_get_title (s2a), ==, "建设高速泛在的信息基础设施");
  assert_undoable (store, before, "Rename Section");
  MARK ();
  g_assert_true (pb_store_rename_section (store, s3, "四", "保障措施", &error));
  assert_undoable (store, before, "Renumber Section");
  g_assert_false (pb_store_rename_section (store, s3, "四", "", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Delete a section with a subsection: its items move to another
   * section, after that section's own, in their order. */
  g_assert_cmpuint (pb_store_count_section_items (store, f->s2, NULL), ==, 3);
  pb_store_add_item (store, f->plan, s2b, PB_ITEM_KIND_TASK, "5", "建设智慧交通基础设施", &error);
  g_assert_cmpuint (pb_store_count_section_items (store, f->s2, NULL), ==, 4);
  MARK ();
  g_assert_false (pb_store_delete_section (store, s2, f->s2a, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pb_store_delete_section (store, s2, f->s1, &error));
  g_assert_no_error (error);
  ORDER_IS ("一 四");
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item"), ==, 5);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE section_id IS NULL"), ==, 0);
  g_clear_pointer (&order, g_free);
  order = item_order (f);
  g_assert_cmpstr (order, ==, "|1|2|3|5");
  assert_undoable (store, before, "Delete Section");

  /* …or go with it. */
  g_assert_true (pb_store_undo (store, &error));
  MARK ();
  g_assert_true (pb_store_delete_section (store, s2, 0, &error));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item"), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM section"), ==, 2);
  assert_undoable (store, before, "Delete Section");
#undef ORDER_IS
#undef MARK
}

static void
test_plan_properties (Plan          *f,
                      gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, f->plan);
  g_autoptr(PbItem) b = pb_store_get_record (store, PB_TYPE_ITEM, f->b);
  g_autofree char *before = NULL;

  pb_store_set (store, b, &error, "start_date", "2025-01-01", "due_date", "2027-12-31", NULL);
  {
    g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, f->c);
    pb_store_set (store, c, &error, "start_date", "2025-06-01", "due_date", "2026-06-30", NULL);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Change Dates");
  /* b on the period's first and last days; a and d with no dates. */
  g_assert_cmpuint (pb_store_count_default_dated_items (store, plan), ==, 3);
  g_assert_cmpuint (pb_store_count_undated_items (store, plan), ==, 2);

  /* Refusals say why and change nothing. */
  before = pb_test_dump_store (store);
  g_assert_false (pb_store_set_plan_properties (store, plan, " ", NULL, NULL, NULL, 2025, 2027, FALSE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pb_store_set_plan_properties (store, plan, "方案", NULL, NULL, "2025-02-30", 2025, 2027, FALSE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-02-30"));
  g_clear_error (&error);
  g_assert_false (pb_store_set_plan_properties (store, plan, "方案", NULL, NULL, NULL, 2027, 2025, FALSE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *now = pb_test_dump_store (store);
    g_assert_cmpstr (now, ==, before);
  }

  /* The period moves the items on its default dates with it. */
  g_assert_true (pb_store_set_plan_properties (store, plan, "云澜市新型基础设施建设行动方案(2026—2028年)",
                                               "云政办发〔2025〕12号", "云澜市人民政府办公室", "2025-12-20",
                                               2026, 2028, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2026);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (plan), "doc_number"), ==, "云政办发〔2025〕12号");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (plan), "issuer"), ==, "云澜市人民政府办公室");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (plan), "issue_date"), ==, "2025-12-20");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (b), "start_date"), ==, "2026-01-01");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (b), "due_date"), ==, "2028-12-31");
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE start_date = '2025-06-01' AND due_date = '2026-06-30'"), ==, 1);
  /* The items with no dates are dated from the new period. */
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE start_date = '2026-01-01' AND due_date = '2028-12-31'"), ==, 3);
  g_assert_cmpuint (pb_store_count_undated_items (store, plan), ==, 0);
  assert_undoable (store, before, "Change Plan Properties");

  /* …or leaves them. */
  g_assert_true (pb_store_undo (store, &error));
  g_assert_true (pb_store_set_plan_properties (store, plan, "方案", NULL, NULL, NULL, 2026, 2028, FALSE, &error));
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (b), "start_date"), ==, "2025-01-01");
  g_assert_null (pb_record_get_string (PB_RECORD (plan), "doc_number"));

  /* 2026—2028 to 2027—2028, the period shrunk at its start: an item
   * counted by its due date (the last day) keeps a start that lies inside
   * the new period (2027-03-01; it was shifted a year, to 2028-03-01, which
   * a reviewer saw turn a red task blue), as one undoable command. */
  {
    g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, f->c);
    g_autofree char *mark = NULL;

    pb_store_set (store, c, &error, "start_date", "2027-03-01", "due_date", "2028-12-31", NULL);
    g_assert_no_error (error);
    /* c, and a and d with no dates. */
    g_assert_cmpuint (pb_store_count_default_dated_items (store, plan), ==, 3);
    mark = pb_test_dump_store (store);
    g_assert_true (pb_store_set_plan_properties (store, plan, "方案", NULL, NULL, NULL, 2027, 2028, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (pb_record_get_string (PB_RECORD (c), "start_date"), ==, "2027-03-01");
    g_assert_cmpstr (pb_record_get_string (PB_RECORD (c), "due_date"), ==, "2028-12-31");
    /* Not counted, not moved. */
    g_assert_cmpstr (pb_record_get_string (PB_RECORD (b), "start_date"), ==, "2025-01-01");
    g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE start_date = '2027-01-01' AND due_date = '2028-12-31'"), ==, 2);
    assert_undoable (store, mark, "Change Plan Properties");
  }

  /* Targets a new period leaves outside it are counted, and kept. */
  {
    gint64 k = pb_store_add_indicator (store, f->plan, f->a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
    g_autofree char *mark = NULL;

    g_assert_no_error (error);
    g_assert_true (pb_store_set_plan_properties (store, plan, "方案", NULL, NULL, NULL, 2025, 2027, FALSE, &error));
    pb_store_add_target (store, k, 2025, 2600, PB_COMPARATOR_GE, FALSE, &error);
    pb_store_add_target (store, k, 2026, 6000, PB_COMPARATOR_GE, FALSE, &error);
    pb_store_add_target (store, k, 2026, 8000, PB_COMPARATOR_GE, TRUE, &error);
    pb_store_add_target (store, k, 2027, 10000, PB_COMPARATOR_GE, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pb_store_count_targets_outside (store, plan, 2025, 2027), ==, 0);
    g_assert_cmpuint (pb_store_count_targets_outside (store, plan, 2027, 2028), ==, 3);
    g_assert_cmpuint (pb_store_count_targets_outside (store, plan, 2026, 2026), ==, 2);
    mark = pb_test_dump_store (store);
    g_assert_true (pb_store_set_plan_properties (store, plan, "方案", NULL, NULL, NULL, 2027, 2028, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sql (f, "SELECT count(*) FROM target"), ==, 4);
    g_assert_cmpint (pb_plan_get_period_start (plan), ==, 2027);
    assert_undoable (store, mark, "Change Plan Properties");
    g_assert_cmpuint (pb_store_count_targets_outside (store, plan, pb_plan_get_period_start (plan),
                                                      pb_plan_get_period_end (plan)), ==, 3);
  }
}

static void
test_bulk (Plan          *f,
           gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *order = NULL;
  gint64 three[] = { f->a, f->b, f->c };
  g_autoptr(PbItem) a = pb_store_get_record (store, PB_TYPE_ITEM, f->a);
  g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, f->c);

#define MARK() G_STMT_START { g_clear_pointer (&before, g_free); before = pb_test_dump_store (store); } G_STMT_END

  pb_store_assign_organisation (store, f->a, "市通信管理办公室", PB_ROLE_LEAD, &error);
  pb_store_assign_organisation (store, f->b, "市工业和信息化局", PB_ROLE_RESPONSIBLE, &error);
  pb_store_set (store, a, &error, "start_date", "2025-01-31", "due_date", "2025-03-31", NULL);
  g_assert_no_error (error);

  MARK ();
  g_assert_true (pb_store_set_items_status (store, three, 3, PB_ITEM_STATUS_IN_PROGRESS, &error));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE status = 'in-progress'"), ==, 3);
  assert_undoable (store, before, "Change Status of 3 Items");

  /* One lead each; the old lead stays on as responsible; an alias or a
   * known name is not added twice. */
  MARK ();
  g_assert_true (pb_store_set_items_lead (store, three, 3, "市工业和信息化局", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item_org WHERE role = 'lead'"), ==, 3);
  g_assert_cmpint (sql (f, "SELECT count(DISTINCT organisation_id) FROM item_org WHERE role = 'lead'"), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item_org io JOIN organisation o ON o.id = io.organisation_id"
                           " WHERE o.name = '市通信管理办公室' AND role = 'responsible'"), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM organisation"), ==, 2);
  assert_undoable (store, before, "Change Lead of 3 Items");

  MARK ();
  g_assert_true (pb_store_add_items_responsible (store, three, 3, "各区(市)县政府", &error));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item_org io JOIN organisation o ON o.id = io.organisation_id"
                           " WHERE o.name = '各区(市)县政府' AND role = 'responsible'"), ==, 3);
  assert_undoable (store, before, "Add Responsible Organisation to 3 Items");
  /* Already there: nothing new. */
  g_assert_true (pb_store_add_items_responsible (store, three, 3, "各区(市)县政府", &error));
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item_org"), ==, 7);
  g_assert_false (pb_store_add_items_responsible (store, three, 3, " ", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Dates by months, then days; unset dates stay unset. */
  MARK ();
  g_assert_true (pb_store_shift_items (store, three, 3, 0, 1, &error));
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "start_date"), ==, "2025-02-28");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "due_date"), ==, "2025-04-30");
  g_assert_null (pb_record_get_string (PB_RECORD (c), "start_date"));
  assert_undoable (store, before, "Reschedule 3 Items");
  MARK ();
  g_assert_true (pb_store_shift_items (store, &f->a, 1, -30, 0, &error));
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "start_date"), ==, "2025-01-29");
  assert_undoable (store, before, "Reschedule Item");

  /* To another section, after its items, in their order. */
  MARK ();
  g_assert_true (pb_store_move_items_to_section (store, (gint64[]) { f->c, f->a, f->b }, 3, f->s1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE section_id = " G_STRINGIFY (0) " OR section_id IS NULL"), ==, 0);
  order = item_order (f);
  g_assert_cmpstr (order, ==, "|1|2|3");
  g_assert_cmpint (pb_item_get_section_id (a), ==, f->s1);
  assert_undoable (store, before, "Move 3 Items");

  /* Items of two plans are refused. */
  {
    gint64 other = pb_store_create_plan (store, "另一方案", 2025, 2026, &error);
    gint64 x = pb_store_add_item (store, other, 0, PB_ITEM_KIND_TASK, "1", "x", &error);
    g_assert_false (pb_store_set_items_status (store, (gint64[]) { f->a, x }, 2, PB_ITEM_STATUS_DONE, &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  }
#undef MARK
}

/* Add Target never gives an indicator two firm, or two stretch, targets
 * for one year. */
static void
test_target_once_a_year (Plan          *f,
                         gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  gint64 indicator = pb_store_add_indicator (store, f->plan, f->a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);

  g_assert_cmpint (pb_store_add_target (store, indicator, 2026, 8000, PB_COMPARATOR_GE, FALSE, &error), >, 0);
  g_assert_cmpint (pb_store_add_target (store, indicator, 2026, 9000, PB_COMPARATOR_GE, TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_target (store, indicator, 2026, 8500, PB_COMPARATOR_GE, FALSE, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026"));
  g_clear_error (&error);
  g_assert_cmpint (pb_store_add_target (store, indicator, 2026, 9500, PB_COMPARATOR_GE, TRUE, &error), ==, 0);
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM target"), ==, 2);
}

/* A target a goal and its task both state is two rows, as an import
 * makes them: changed or deleted, both go together as one command;
 * a year outside the period or taken by another target is refused,
 * nothing changed. */
static void
test_change_target (Plan          *f,
                    gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbTarget) target = NULL;
  g_autoptr(GPtrArray) twins = NULL;
  g_autofree char *before = NULL;
  g_autofree char *query = NULL;
  gint64 k = pb_store_add_indicator (store, f->plan, f->a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 t1, t2, other;

  g_assert_no_error (error);
  g_assert_cmpint (pb_store_link_indicator (store, f->d, k, &error), >, 0);
  t1 = pb_store_add_target (store, k, 2027, 12000, PB_COMPARATOR_EQ, FALSE, &error);
  other = pb_store_add_target (store, k, 2026, 8000, PB_COMPARATOR_EQ, FALSE, &error);
  g_assert_no_error (error);
  /* The goal states it too: a row of its own. */
  g_assert_true (pb_store_begin (store, &error));
  t2 = pb_store_insert (store, PB_TYPE_TARGET, &error, "indicator_id", k, "item_id", f->d, "year", (gint64) 2027,
                        "value", 12000.0, "comparator", PB_COMPARATOR_EQ, "stretch", FALSE, NULL);
  g_assert_true (pb_store_finish (store, t2 > 0, "Import", &error));
  g_assert_no_error (error);
  target = pb_store_get_record (store, PB_TYPE_TARGET, t1);
  twins = pb_store_list_target_twins (store, target);
  g_assert_cmpuint (twins->len, ==, 2);
  g_assert_cmpint (pb_record_get_id (g_ptr_array_index (twins, 1)), ==, t2);

  /* Changed: both rows, one command. */
  before = pb_test_dump_store (store);
  g_assert_true (pb_store_change_target (store, target, 2027, 13000, PB_COMPARATOR_GE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM target WHERE year = 2027 AND value = 13000 AND comparator = '>='"), ==, 2);
  assert_undoable (store, before, "Change Target");
  g_assert_true (pb_store_undo (store, &error));

  /* A year: "Change Target Year", both rows. */
  g_assert_true (pb_store_change_target (store, target, 2025, 12000, PB_COMPARATOR_EQ, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM target WHERE year = 2025"), ==, 2);
  assert_undoable (store, before, "Change Target Year");
  g_assert_true (pb_store_undo (store, &error));

  /* Refused: outside 2025—2027, the year of another firm target, a value
   * that is no number; nothing changes. */
  g_assert_false (pb_store_change_target (store, target, 2028, 12000, PB_COMPARATOR_EQ, FALSE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A target’s year lies within the plan’s period, 2025—2027.");
  g_clear_error (&error);
  g_assert_false (pb_store_change_target (store, target, 2026, 12000, PB_COMPARATOR_EQ, FALSE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The indicator has a target for 2026 already.");
  g_clear_error (&error);
  g_assert_false (pb_store_change_target (store, target, 2027, NAN, PB_COMPARATOR_EQ, FALSE, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* A stretch target for 2026 is no second firm one. */
  g_assert_true (pb_store_change_target (store, target, 2026, 12000, PB_COMPARATOR_EQ, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_undo (store, &error));
  {
    g_autofree char *now = pb_test_dump_store (store);
    g_assert_cmpstr (now, ==, before);
  }
  /* Nothing to change: no command. */
  g_assert_true (pb_store_change_target (store, target, 2027, 12000, PB_COMPARATOR_EQ, FALSE, &error));
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Import");

  /* Deleted: both rows, one command; the other target stays. */
  g_assert_true (pb_store_delete_target (store, target, &error));
  g_assert_no_error (error);
  query = g_strdup_printf ("SELECT count(*) FROM target WHERE indicator_id = %" G_GINT64_FORMAT, k);
  g_assert_cmpint (sql (f, query), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM target WHERE year = 2026"), ==, 1);
  assert_undoable (store, before, "Delete Target");
  (void) other;
}

/* An indicator the importer named wrongly ("国控") is renamed, and its
 * unit corrected, as one command "Rename Indicator", undone and redone
 * whole; an empty name, or the name of another indicator of an item it
 * serves, is refused with a reason and changes nothing. */
static void
test_rename_indicator (Plan          *f,
                       gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbIndicator) k = NULL;
  g_autofree char *before = NULL;
  g_autofree char *named = NULL;
  gint64 id = pb_store_add_indicator (store, f->plan, f->a, "国控", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 other = pb_store_add_indicator (store, f->plan, f->a, "5G基站", "个", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 elsewhere = pb_store_add_indicator (store, f->plan, f->b, "千兆光网", "万户", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 lone = pb_store_add_indicator (store, f->plan, 0, "数字经济增加值", "亿元", PB_INDICATOR_KIND_CUMULATIVE, &error);
  gint64 lone2 = pb_store_add_indicator (store, f->plan, 0, "占GDP比重", "%", PB_INDICATOR_KIND_CUMULATIVE, &error);

  g_assert_no_error (error);
  g_assert_cmpint (pb_store_add_target (store, id, 2027, 25, PB_COMPARATOR_GE, FALSE, &error), >, 0);
  g_assert_no_error (error);
  k = pb_store_get_record (store, PB_TYPE_INDICATOR, id);
  before = pb_test_dump_store (store);

  /* Renamed and its unit set: one command; the record shows it. */
  g_assert_true (pb_store_rename_indicator (store, k, "  国控、省控断面水质自动监测站 ", " 座 ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_indicator_get_name (k), ==, "国控、省控断面水质自动监测站");
  g_assert_cmpstr (pb_indicator_get_measure_unit (k), ==, "座");
  named = g_strdup_printf ("SELECT count(*) FROM indicator WHERE id = %" G_GINT64_FORMAT
                           " AND name = '国控、省控断面水质自动监测站' AND measure_unit = '座'", id);
  g_assert_cmpint (sql (f, named), ==, 1);
  /* Its target stays its own, the number as it was. */
  g_assert_cmpint (sql (f, "SELECT count(*) FROM target WHERE value = 25 AND year = 2027"), ==, 1);
  assert_undoable (store, before, "Rename Indicator");
  g_assert_true (pb_store_undo (store, &error));
  g_assert_cmpstr (pb_indicator_get_name (k), ==, "国控");
  g_assert_cmpstr (pb_indicator_get_measure_unit (k), ==, "个");

  /* The unit alone, and no unit: still "Rename Indicator". */
  g_assert_true (pb_store_rename_indicator (store, k, "国控", "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_indicator_get_measure_unit (k), ==, "");
  assert_undoable (store, before, "Rename Indicator");
  g_assert_true (pb_store_undo (store, &error));

  /* Nothing changes: no command. */
  pb_store_clear_history (store);
  g_assert_true (pb_store_rename_indicator (store, k, "国控", "个", &error));
  g_assert_no_error (error);
  g_assert_false (pb_store_can_undo (store));

  /* Refused, nothing changed: an empty name; the name of the other
   * indicator of item 1, which this one serves too. */
  g_assert_false (pb_store_rename_indicator (store, k, "  ", "个", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "An indicator needs a name.");
  g_clear_error (&error);
  g_assert_false (pb_store_rename_indicator (store, k, "5G基站", "个", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“5G基站” is already the name of another indicator of 1 加快5G网络规模化部署; choose another name, or merge the two.");
  g_clear_error (&error);
  {
    g_autofree char *now = pb_test_dump_store (store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_false (pb_store_can_undo (store));

  /* Once it also serves item 2, item 2's indicator's name is refused too;
   * not so the name of an indicator of an item it does not serve. */
  g_assert_true (pb_store_rename_indicator (store, k, "千兆光网", "个", &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_undo (store, &error));
  g_assert_cmpint (pb_store_link_indicator (store, f->b, id, &error), >, 0);
  g_assert_false (pb_store_rename_indicator (store, k, "千兆光网", "个", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2 推进千兆光网建设"));
  g_clear_error (&error);

  /* Two indicators of the plan that serve no item: the same rule. */
  {
    g_autoptr(PbIndicator) l = pb_store_get_record (store, PB_TYPE_INDICATOR, lone2);

    g_assert_false (pb_store_rename_indicator (store, l, "数字经济增加值", "%", &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "The plan already has an indicator named “数字经济增加值”; choose another name, or merge the two.");
    g_clear_error (&error);
    g_assert_true (pb_store_rename_indicator (store, l, "数字经济核心产业增加值占GDP比重", "%", &error));
    g_assert_no_error (error);
    g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Rename Indicator");
  }
  (void) other; (void) elsewhere; (void) lone;
}

static void
test_labels (Plan          *f,
             gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) a = pb_store_get_record (store, PB_TYPE_ITEM, f->a);

  pb_store_set (store, a, &error, "due_date", "2026-12-31", NULL);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Change Due Date");
  pb_store_set (store, a, &error, "status", PB_ITEM_STATUS_DONE, NULL);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Change Status");
  pb_store_set (store, a, &error, "title", "加快5G网络建设", NULL);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Rename Item");
  pb_store_delete (store, a, &error);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Delete Item");
  g_assert_no_error (error);
}

/* A new item never repeats a number: where the plan numbers its items
 * straight through its sections, the next is the plan's largest plus one;
 * where each section counts from 1, the section's own next. */
static void
test_next_number (Plan          *f,
                  gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  gint64 s2b, s2c, id;
  g_autofree char *in_first = NULL;
  g_autofree char *in_second = NULL;
  g_autofree char *in_third = NULL;
  g_autoptr(PbItem) item = NULL;

  s2b = pb_store_add_section (store, f->plan, f->s2, "(二)", "融合基础设施", &error);
  pb_store_add_item (store, f->plan, s2b, PB_ITEM_KIND_TASK, "4", "建设城市物联感知体系", &error);
  pb_store_add_item (store, f->plan, s2b, PB_ITEM_KIND_TASK, "5", "建设智慧交通基础设施", &error);
  g_assert_no_error (error);

  /* 1–3 in (一), 4–5 in (二): a number typed in by hand would be 6, not a
   * second 4. Inserted after 3 in (一), the new item takes its place's
   * number, 4, and (二) counts on, 5–6: no number twice either way. */
  in_first = pb_store_next_item_number (store, f->plan, f->s2a);
  g_assert_cmpstr (in_first, ==, "6");
  id = pb_store_insert_item (store, f->plan, f->s2a, f->c, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  item = pb_store_get_record (store, PB_TYPE_ITEM, id);
  g_assert_cmpstr (pb_item_get_number (item), ==, "4");
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE number = '4'"), ==, 1);
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE number IN ('5', '6')"), ==, 2);

  /* A section that counts from 1 again: numbers repeat in the plan, so
   * each section goes on from its own largest. */
  s2c = pb_store_add_section (store, f->plan, f->s2, "(三)", "创新基础设施", &error);
  pb_store_add_item (store, f->plan, s2c, PB_ITEM_KIND_TASK, "1", "建设重大科技基础设施", &error);
  g_assert_no_error (error);
  in_second = pb_store_next_item_number (store, f->plan, s2c);
  g_assert_cmpstr (in_second, ==, "2");
  in_third = pb_store_next_item_number (store, f->plan, s2b);
  g_assert_cmpstr (in_third, ==, "7");
}

/* Issue 14: a plan that numbers its key tasks straight through its
 * sections, with goals numbered on their own (1, 2 under 主要目标, as
 * plans write them): inserting after the last task of (二), whose next
 * number (三) carries already, proposes the plan's next number, not a
 * second one; goals and a number repeated by mistake do not make it a
 * plan that restarts in each section. A number typed that another task
 * carries is found, with the task; in a plan that restarts in each
 * section only within the section. */
static void
test_number_straight_through (Plan          *f,
                              gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) added = NULL;
  g_autoptr(PbItem) clash = NULL;
  g_autoptr(PbItem) none = NULL;
  g_autofree char *next = NULL;
  g_autofree char *goal_next = NULL;
  gint64 s2b, s2c, four, nine, id;

  pb_store_add_item (store, f->plan, f->s1, PB_ITEM_KIND_GOAL, "1", "信息基础设施目标", &error);
  pb_store_add_item (store, f->plan, f->s1, PB_ITEM_KIND_GOAL, "2", "融合基础设施目标", &error);
  s2b = pb_store_add_section (store, f->plan, f->s2, "(二)", "融合基础设施", &error);
  four = pb_store_add_item (store, f->plan, s2b, PB_ITEM_KIND_TASK, "4", "建设城市物联感知体系", &error);
  nine = pb_store_add_item (store, f->plan, s2b, PB_ITEM_KIND_TASK, "9", "发展智慧教育和智慧医疗", &error);
  s2c = pb_store_add_section (store, f->plan, f->s2, "(三)", "创新基础设施", &error);
  pb_store_add_item (store, f->plan, s2c, PB_ITEM_KIND_TASK, "10", "推进政务服务“一网通办”", &error);
  pb_store_add_item (store, f->plan, s2c, PB_ITEM_KIND_TASK, "11", "建设重大科技基础设施", &error);
  g_assert_no_error (error);

  /* After 9 in (二): 10 is (三)'s, so 12. */
  next = pb_store_propose_item_number (store, f->plan, s2b, PB_ITEM_KIND_TASK);
  g_assert_cmpstr (next, ==, "12");
  id = pb_store_insert_item (store, f->plan, s2b, nine, PB_ITEM_KIND_TASK, NULL, "",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  added = pb_store_get_record (store, PB_TYPE_ITEM, id);
  g_assert_cmpstr (pb_item_get_number (added), ==, "12");
  g_assert_cmpint (sql (f, "SELECT count(*) FROM item WHERE number = '10'"), ==, 1);
  /* Goals go on from their own numbers. */
  goal_next = pb_store_propose_item_number (store, f->plan, f->s1, PB_ITEM_KIND_GOAL);
  g_assert_cmpstr (goal_next, ==, "3");

  /* "10" typed for the new task: (三)'s 10 is found; "13" is free; the
   * goals' 1 is no task's. */
  clash = pb_store_find_number_clash (store, added, " 10 ");
  g_assert_nonnull (clash);
  g_assert_cmpstr (pb_item_get_title (clash), ==, "推进政务服务“一网通办”");
  g_assert_cmpint (pb_item_get_section_id (clash), ==, s2c);
  none = pb_store_find_number_clash (store, added, "13");
  g_assert_null (none);
  g_clear_object (&none);
  {
    g_autoptr(PbItem) a = pb_store_get_record (store, PB_TYPE_ITEM, f->a);
    g_autoptr(PbItem) own = pb_store_find_number_clash (store, a, "1");

    g_assert_null (own);   /* its own number, and the goal 1 */
  }
  g_clear_object (&clash);

  /* A number repeated by mistake (a second 4) leaves the rule as it is. */
  pb_store_add_item (store, f->plan, s2c, PB_ITEM_KIND_TASK, "4", "建设产业创新中心", &error);
  g_assert_no_error (error);
  g_clear_pointer (&next, g_free);
  next = pb_store_propose_item_number (store, f->plan, f->s2a, PB_ITEM_KIND_TASK);
  g_assert_cmpstr (next, ==, "13");   /* (一)'s 4 is taken */

  /* (三) counts from 1 again, as (一) does: a plan that restarts in each
   * section. Its next is its own; a 10 in (二) clashes with nothing. */
  {
    gint64 s3 = pb_store_add_section (store, f->plan, 0, "三", "保障措施", &error);
    gint64 first = pb_store_add_item (store, f->plan, s3, PB_ITEM_KIND_TASK, "1", "加强组织领导", &error);
    g_autoptr(PbItem) four_item = pb_store_get_record (store, PB_TYPE_ITEM, four);
    g_autoptr(PbItem) first_item = pb_store_get_record (store, PB_TYPE_ITEM, first);

    g_assert_no_error (error);
    g_clear_pointer (&next, g_free);
    next = pb_store_propose_item_number (store, f->plan, s3, PB_ITEM_KIND_TASK);
    g_assert_cmpstr (next, ==, "2");
    clash = pb_store_find_number_clash (store, four_item, "10");
    g_assert_null (clash);
    clash = pb_store_find_number_clash (store, four_item, "9");
    g_assert_nonnull (clash);
    g_assert_cmpint (pb_record_get_id (PB_RECORD (clash)), ==, nine);
    g_clear_object (&clash);
    clash = pb_store_find_number_clash (store, first_item, "2");
    g_assert_null (clash);
  }
}

/* An item's dates as one command: never outside the plan's period, never
 * a due date before the start, each refusal saying why. */
static void
test_item_dates (Plan          *f,
                 gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, f->a);
  g_autofree char *before = pb_test_dump_store (store);
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_store_set_item_dates (store, item, "2025-03-01", "2028-01-31", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "2028-01-31 is outside the plan’s period, 2025—2027.");
  g_clear_error (&error);
  g_assert_false (pb_store_set_item_dates (store, item, "2024-12-31", "2025-06-30", &error));
  g_assert_cmpstr (error->message, ==, "2024-12-31 is outside the plan’s period, 2025—2027.");
  g_clear_error (&error);
  g_assert_false (pb_store_set_item_dates (store, item, "2026-03-01", "2026-01-31", &error));
  g_assert_cmpstr (error->message, ==, "The due date cannot come before the start");
  g_clear_error (&error);
  g_assert_false (pb_store_set_item_dates (store, item, "2026-02-30", "2026-03-31", &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *now = pb_test_dump_store (store);
    g_assert_cmpstr (now, ==, before);
  }

  /* Which field is at fault, for an editor to mark it. */
  {
    const char *column = NULL;

    g_assert_false (pb_store_check_item_dates (store, item, "2025-03-01", "2028-01-31", &column, NULL));
    g_assert_cmpstr (column, ==, "due_date");
    g_assert_false (pb_store_check_item_dates (store, item, "2024-12-31", "2025-06-30", &column, NULL));
    g_assert_cmpstr (column, ==, "start_date");
    g_assert_false (pb_store_check_item_dates (store, item, "2026-13-01", "2026-03-31", &column, NULL));
    g_assert_cmpstr (column, ==, "start_date");
    g_assert_false (pb_store_check_item_dates (store, item, "2026-03-01", "2026-01-31", &column, NULL));
    g_assert_cmpstr (column, ==, "due_date");
    g_assert_true (pb_store_check_item_dates (store, item, "2025-03-01", "2027-12-31", &column, &error));
    g_assert_no_error (error);
  }

  g_assert_true (pb_store_set_item_dates (store, item, "2025-03-01", "2027-12-31", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "start_date"), ==, "2025-03-01");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (item), "due_date"), ==, "2027-12-31");
  assert_undoable (store, before, "Change Dates");

  /* One date changed: the command is named for it; none: no command. */
  {
    g_autofree char *start = g_strdup (pb_record_get_string (PB_RECORD (item), "start_date"));
    g_autofree char *due = g_strdup (pb_record_get_string (PB_RECORD (item), "due_date"));
    g_autofree char *unchanged = pb_test_dump_store (store);
    g_autofree char *label = g_strdup (pb_store_get_undo_label (store));

    g_assert_true (pb_store_set_item_dates (store, item, start, due, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (pb_store_get_undo_label (store), ==, label);
    g_assert_true (pb_store_set_item_dates (store, item, start, "2027-06-30", &error));
    g_assert_no_error (error);
    assert_undoable (store, unchanged, "Change Due Date");
  }
}

/* Shift Dates on several items keeps them in the plan's period
 * (2025—2027), as the editor does for one: when a date would leave it,
 * the whole command is refused, saying which item and where, and nothing
 * is written. A date already outside the period may still move. */
static void
test_bulk_shift_period (Plan          *f,
                        gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 three[] = { f->a, f->b, f->c };
  g_autoptr(PbItem) a = pb_store_get_record (store, PB_TYPE_ITEM, f->a);
  g_autoptr(PbItem) b = pb_store_get_record (store, PB_TYPE_ITEM, f->b);
  g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, f->c);
  g_autoptr(PbItem) d = pb_store_get_record (store, PB_TYPE_ITEM, f->d);

  g_assert_true (pb_store_set (store, a, &error, "start_date", "2025-01-31", "due_date", "2025-03-31", NULL));
  g_assert_true (pb_store_set (store, b, &error, "start_date", "2027-06-01", "due_date", "2027-11-30", NULL));
  g_assert_true (pb_store_set (store, c, &error, "start_date", "2027-10-01", "due_date", "2027-12-01", NULL));
  /* Dated before the period (kept by Plan Properties' Keep Dates). */
  g_assert_true (pb_store_set (store, d, &error, "start_date", "2024-06-01", "due_date", "2025-03-01", NULL));
  g_assert_no_error (error);

  /* Two months later (a month end staying one): 2 and 3 would end in 2028. Refused, nothing
   * written, no command made. */
  before = pb_test_dump_store (store);
  g_assert_false (pb_store_shift_items (store, three, 3, 0, 2, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Rescheduling would move 2 items outside the plan’s period, 2025—2027, among them "
                   "2 推进千兆光网建设 to 2028-01-31. Nothing was changed.");
  g_clear_error (&error);
  after = pb_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Change Dates");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "start_date"), ==, "2025-01-31");

  /* The same asked before Apply (the Shift Dates dialog checks as the
   * planner types): the same verdict, worded for a dialog, nothing
   * written; a shift that is taken is said to be. */
  g_assert_false (pb_store_check_shift_items (store, three, 3, 0, 2, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "This would move 2 items outside the plan’s period, 2025—2027, among them "
                   "2 推进千兆光网建设 to 2028-01-31.");
  g_clear_error (&error);
  g_assert_false (pb_store_check_shift_items (store, &f->a, 1, -31, 0, &error));
  g_assert_cmpstr (error->message, ==,
                   "This would move 1 加快5G网络规模化部署 to 2024-12-31, outside the plan’s period, 2025—2027.");
  g_clear_error (&error);
  g_assert_true (pb_store_check_shift_items (store, three, 3, -30, 0, &error));
  g_assert_no_error (error);
  g_assert_true (pb_store_check_shift_items (store, three, 3, 0, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = pb_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Change Dates");

  /* One item alone: named, with the date it would get. */
  g_assert_false (pb_store_shift_items (store, (gint64[]) { f->a, f->c }, 2, 31, 0, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Rescheduling would move 3 统筹建设绿色数据中心 to 2028-01-01, outside the plan’s period, 2025—2027. "
                   "Nothing was changed.");
  g_clear_error (&error);
  /* Earlier, out at the start. */
  g_assert_false (pb_store_shift_items (store, &f->a, 1, -31, 0, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Rescheduling would move 1 加快5G网络规模化部署 to 2024-12-31, outside the plan’s period, 2025—2027. "
                   "Nothing was changed.");
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = pb_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);

  /* Up to the edges is taken, as one command. */
  g_assert_true (pb_store_shift_items (store, (gint64[]) { f->a, f->b }, 2, -30, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (a), "start_date"), ==, "2025-01-01");
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Reschedule 2 Items");
  assert_undoable (store, before, "Reschedule 2 Items");

  /* The goal starts before the period already: it may move, while its
   * due date stays in the period; not when the due date would leave it. */
  g_assert_true (pb_store_shift_items (store, &f->d, 1, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (d), "start_date"), ==, "2024-07-01");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (d), "due_date"), ==, "2025-04-01");
  g_assert_false (pb_store_shift_items (store, &f->d, 1, 0, -4, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Rescheduling would move 主要目标 to 2024-12-01, outside the plan’s period, 2025—2027. "
                   "Nothing was changed.");
  g_assert_cmpstr (pb_record_get_string (PB_RECORD (d), "due_date"), ==, "2025-04-01");
}

/* Done is all of it: an item whose progress is by hand goes to 100 % as
 * it is set to Done, in the same command (undone with it), whether one
 * item or several at once; a progress from indicators, or one given with
 * the status, is left as it is. */
static void
test_done_progress (Plan          *f,
                    gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) a = pb_store_get_record (store, PB_TYPE_ITEM, f->a);
  g_autoptr(PbItem) b = pb_store_get_record (store, PB_TYPE_ITEM, f->b);
  g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, f->c);
  g_autofree char *before = NULL;
  gint64 ids[2];

  g_assert_true (pb_store_set (store, a, &error, "progress", 0.3, NULL));
  before = pb_test_dump_store (store);
  g_assert_true (pb_store_set (store, a, &error, "status", PB_ITEM_STATUS_DONE, NULL));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Change Status");
  g_assert_cmpfloat (pb_item_get_progress (a), ==, 1.0);
  g_assert_true (pb_store_undo (store, &error));
  g_assert_cmpint (pb_item_get_status (a), ==, PB_ITEM_STATUS_NOT_STARTED);
  g_assert_cmpfloat (pb_item_get_progress (a), ==, 0.3);
  {
    g_autofree char *now = pb_test_dump_store (store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (pb_store_redo (store, &error));
  g_assert_cmpfloat (pb_item_get_progress (a), ==, 1.0);

  /* From indicators: not the store's to say. */
  g_assert_true (pb_store_set (store, b, &error, "progress_mode", PB_PROGRESS_MODE_INDICATORS, "progress", 0.2, NULL));
  g_assert_true (pb_store_set (store, b, &error, "status", PB_ITEM_STATUS_DONE, NULL));
  g_assert_cmpfloat (pb_item_get_progress (b), ==, 0.2);

  /* Given with the status: as given. */
  g_assert_true (pb_store_set (store, c, &error, "status", PB_ITEM_STATUS_DONE, "progress", 0.8, NULL));
  g_assert_cmpfloat (pb_item_get_progress (c), ==, 0.8);
  g_assert_no_error (error);

  /* Several at once (the bulk bar, a board column). */
  g_assert_true (pb_store_set (store, a, &error, "status", PB_ITEM_STATUS_IN_PROGRESS, "progress", 0.5, NULL));
  g_assert_true (pb_store_set (store, c, &error, "status", PB_ITEM_STATUS_IN_PROGRESS, "progress", 0.1, NULL));
  ids[0] = f->a;
  ids[1] = f->c;
  g_assert_true (pb_store_set_items_status (store, ids, 2, PB_ITEM_STATUS_DONE, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (pb_item_get_progress (a), ==, 1.0);
  g_assert_cmpfloat (pb_item_get_progress (c), ==, 1.0);
  g_assert_true (pb_store_undo (store, &error));
  g_assert_cmpfloat (pb_item_get_progress (a), ==, 0.5);
  g_assert_cmpfloat (pb_item_get_progress (c), ==, 0.1);
}

/* The sections' headings in order ("二/(一) 信息基础设施"). */
static char *
heading_order (Plan *f)
{
  g_autoptr(GListModel) sections = pb_store_list_sections (f->lib.store, f->plan);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      g_autoptr(PbSection) parent = pb_store_get_record (f->lib.store, PB_TYPE_SECTION, pb_section_get_parent_id (s));

      g_string_append_printf (out, "%s%s%s%s %s", i ? " | " : "", parent ? pb_section_get_number (parent) : "",
                              parent ? "/" : "", pb_section_get_number (s), pb_section_get_title (s));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Sub-sections numbered (一) (二) (三) keep counting in order when one of
 * them moves up or down, goes into another section or comes out of it,
 * or is deleted, within the same command (a first-time user had to
 * rename every sibling by hand); a list that does not count in order is
 * the document's own numbering and is left as written. */
static void
test_sections_count_on (Plan          *f,
                        gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *order = NULL;
  g_autoptr(PbSection) a = NULL;
  g_autoptr(PbSection) b = NULL;
  g_autoptr(PbSection) c = NULL;
  gint64 b_id, c_id;

#define HEADINGS_ARE(expected) \
  G_STMT_START { g_clear_pointer (&order, g_free); order = heading_order (f); g_assert_cmpstr (order, ==, expected); } G_STMT_END
#define MARK() G_STMT_START { g_clear_pointer (&before, g_free); before = pb_test_dump_store (store); } G_STMT_END

  b_id = pb_store_insert_section (store, f->plan, f->s2, f->s2a, "(二)", "融合基础设施", &error);
  g_assert_no_error (error);
  c_id = pb_store_insert_section (store, f->plan, f->s2, b_id, "(三)", "创新基础设施", &error);
  g_assert_no_error (error);
  a = pb_store_get_record (store, PB_TYPE_SECTION, f->s2a);
  b = pb_store_get_record (store, PB_TYPE_SECTION, b_id);
  c = pb_store_get_record (store, PB_TYPE_SECTION, c_id);
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 融合基础设施 | 二/(三) 创新基础设施");

  /* Up: (三) becomes (二), (二) becomes (三). One command, undone whole. */
  MARK ();
  g_assert_true (pb_store_shift_section (store, c, -1, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 创新基础设施 | 二/(三) 融合基础设施");
  assert_undoable (store, before, "Move Section Up");
  g_assert_cmpstr (pb_section_get_number (c), ==, "(二)");

  /* Into the section above: the first there takes that level's first
   * number (1.); the ones it left count on. */
  MARK ();
  g_assert_true (pb_store_indent_section (store, b, TRUE, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 创新基础设施 | (二)/1. 融合基础设施");
  assert_undoable (store, before, "Indent Section");

  /* Out again: it joins its new siblings' count, after its old parent. */
  MARK ();
  g_assert_true (pb_store_indent_section (store, b, FALSE, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 创新基础设施 | 二/(三) 融合基础设施");
  assert_undoable (store, before, "Outdent Section");

  /* Delete the first: the rest count from (一). */
  MARK ();
  g_assert_true (pb_store_delete_section (store, a, 0, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 创新基础设施 | 二/(二) 融合基础设施");
  assert_undoable (store, before, "Delete Section");
  g_assert_true (pb_store_undo (store, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 创新基础设施 | 二/(三) 融合基础设施");
  g_clear_object (&a);
  a = pb_store_get_record (store, PB_TYPE_SECTION, f->s2a);

  /* A list that does not count in order (the document skips a number, or
   * mixes styles) keeps its numbers. */
  g_assert_true (pb_store_rename_section (store, c, "(五)", "创新基础设施", &error));
  MARK ();
  g_assert_true (pb_store_shift_section (store, b, -1, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(三) 融合基础设施 | 二/(五) 创新基础设施");
  assert_undoable (store, before, "Move Section Up");
  /* …and a section without a number joins a counted list as it is. */
  g_assert_true (pb_store_rename_section (store, c, "", "附件", &error));
  g_assert_true (pb_store_rename_section (store, b, "(二)", "融合基础设施", &error));
  MARK ();
  g_assert_true (pb_store_move_section (store, c, f->s1, 0, &error));
  HEADINGS_ARE ("一 总体要求 | 一/ 附件 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 融合基础设施");
  assert_undoable (store, before, "Move Section");
#undef HEADINGS_ARE
#undef MARK
}

/* The moves among its siblings (not what it says of its sub-sections). */
#define SECTION_MOVES(store, id) \
  (pb_store_get_section_moves ((store), (id)) & ~(PB_SECTION_HAS_SUBS | PB_SECTION_MOVE_RENUMBER_SUBS))

/* Which moves a section's menu offers: exactly those that would change
 * the tree, and each one that is offered does. */
static void
test_section_moves (Plan          *f,
                    gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSection) s1 = pb_store_get_record (store, PB_TYPE_SECTION, f->s1);
  g_autofree char *order = NULL;
  gint64 s3, s2b;

  /* Its sub-sections' own (has some, they count in order): */
  g_assert_cmpint (pb_store_get_section_moves (store, f->s2) & (PB_SECTION_HAS_SUBS | PB_SECTION_MOVE_RENUMBER_SUBS), ==,
                   PB_SECTION_HAS_SUBS);
  g_assert_cmpint (pb_store_get_section_moves (store, f->s1) & (PB_SECTION_HAS_SUBS | PB_SECTION_MOVE_RENUMBER_SUBS), ==, 0);

  /* 一 二 二/(一): the first top-level section can only go down; the
   * last can go up or into the one above; a lone subsection only out. */
  g_assert_cmpint (SECTION_MOVES (store, f->s1), ==, PB_SECTION_MOVE_DOWN);
  g_assert_cmpint (SECTION_MOVES (store, f->s2), ==, PB_SECTION_MOVE_UP | PB_SECTION_MOVE_INDENT);
  g_assert_cmpint (SECTION_MOVES (store, f->s2a), ==, PB_SECTION_MOVE_OUTDENT);

  /* 一 二 二/(一) 二/(二) 三: a middle one every way but out. */
  s2b = pb_store_insert_section (store, f->plan, f->s2, f->s2a, "(二)", "融合基础设施", &error);
  g_assert_no_error (error);
  s3 = pb_store_insert_section (store, f->plan, 0, f->s2, "三", "保障措施", &error);
  g_assert_no_error (error);
  g_assert_cmpint (SECTION_MOVES (store, f->s2), ==,
                   PB_SECTION_MOVE_UP | PB_SECTION_MOVE_DOWN | PB_SECTION_MOVE_INDENT);
  g_assert_cmpint (SECTION_MOVES (store, f->s2a), ==, PB_SECTION_MOVE_DOWN | PB_SECTION_MOVE_OUTDENT);
  g_assert_cmpint (SECTION_MOVES (store, s2b), ==,
                   PB_SECTION_MOVE_UP | PB_SECTION_MOVE_INDENT | PB_SECTION_MOVE_OUTDENT);
  g_assert_cmpint (SECTION_MOVES (store, s3), ==, PB_SECTION_MOVE_UP | PB_SECTION_MOVE_INDENT);

  /* After a move, the answer follows the tree: 一 last, 三 in the middle. */
  g_assert_true (pb_store_move_section (store, s1, 0, 0, &error));
  order = section_order (f);
  /* (They count on in their new order: 二 三 一 is 一 二 三.) */
  g_assert_cmpstr (order, ==, "一 一/(一) 一/(二) 二 三");
  g_assert_cmpint (SECTION_MOVES (store, f->s1), ==, PB_SECTION_MOVE_UP | PB_SECTION_MOVE_INDENT);
  g_assert_cmpint (SECTION_MOVES (store, f->s2), ==, PB_SECTION_MOVE_DOWN);
  g_assert_cmpint (SECTION_MOVES (store, s3), ==,
                   PB_SECTION_MOVE_UP | PB_SECTION_MOVE_DOWN | PB_SECTION_MOVE_INDENT);

  /* A move it refuses to offer is one the store would not make: Indent
   * of the first section says why; Outdent of a top-level one too. */
  {
    g_autoptr(PbSection) s2 = pb_store_get_record (store, PB_TYPE_SECTION, f->s2);

    g_assert_false (pb_store_indent_section (store, s2, TRUE, &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (pb_store_indent_section (store, s2, FALSE, &error));
    g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Unknown, deleted: nothing. */
  g_assert_cmpint (SECTION_MOVES (store, 4242), ==, 0);
  {
    g_autoptr(PbSection) gone = pb_store_get_record (store, PB_TYPE_SECTION, s3);

    g_assert_true (pb_store_delete_section (store, gone, 0, &error));
    g_assert_no_error (error);
    g_assert_cmpint (SECTION_MOVES (store, s3), ==, 0);
  }
}

/* An item added or moved to a section with nothing saying where goes to
 * the section's end in document order: a heading's own items before its
 * sub-sections', an empty section's first item where the section stands
 * (not at the end of the plan). */
static void
test_item_joins_in_order (Plan          *f,
                          gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 plan, a, a1, b, c, moved, id;

  plan = pb_store_create_plan (store, "试行方案", 2025, 2027, &error);
  a = pb_store_add_section (store, plan, 0, "一", "总体要求", &error);
  a1 = pb_store_add_section (store, plan, a, "(一)", "主要目标", &error);
  b = pb_store_add_section (store, plan, 0, "二", "重点任务", &error);
  c = pb_store_add_section (store, plan, 0, "三", "保障措施", &error);
  pb_store_add_item (store, plan, a1, PB_ITEM_KIND_TASK, "1", "甲", &error);
  moved = pb_store_add_item (store, plan, a1, PB_ITEM_KIND_TASK, "2", "乙", &error);
  pb_store_add_item (store, plan, c, PB_ITEM_KIND_TASK, "3", "丙", &error);
  g_assert_no_error (error);

#define JOIN_ORDER(expected) G_STMT_START { \
    g_autoptr(GListModel) items_ = pb_store_list_items (store, plan); \
    g_autoptr(GString) out_ = g_string_new (NULL); \
    for (guint i_ = 0; i_ < g_list_model_get_n_items (items_); i_++) \
      { \
        g_autoptr(PbItem) item_ = g_list_model_get_item (items_, i_); \
        g_string_append_printf (out_, "%s%s", i_ ? "|" : "", pb_item_get_number (item_)); \
      } \
    g_assert_cmpstr (out_->str, ==, expected); \
  } G_STMT_END

  JOIN_ORDER ("1|2|3");
  /* The empty 二, between 一's items and 三's. */
  before = pb_test_dump_store (store);
  id = pb_store_insert_item (store, plan, b, 0, PB_ITEM_KIND_TASK, "b", "", PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  JOIN_ORDER ("1|2|b|3");
  assert_undoable (store, before, "Add Item");
  /* The heading 一, before its sub-section's items; a second one after
   * the first, still before them. */
  id = pb_store_insert_item (store, plan, a, 0, PB_ITEM_KIND_GOAL, "a", "", PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  JOIN_ORDER ("a|1|2|b|3");
  id = pb_store_insert_item (store, plan, a, 0, PB_ITEM_KIND_GOAL, "a2", "", PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  JOIN_ORDER ("a|a2|1|2|b|3");
  /* Moved to the heading: after its own, before (一)'s. The tasks do not
   * count (a "b" among them): it takes the plan's next task number, 4. */
  g_clear_pointer (&before, g_free);
  before = pb_test_dump_store (store);
  g_assert_true (pb_store_move_items_to_section (store, &moved, 1, a, &error));
  g_assert_no_error (error);
  JOIN_ORDER ("a|a2|4|1|b|3");
  assert_undoable (store, before, "Move Item");
  /* 二 has its own item now: the next goes after it. */
  id = pb_store_insert_item (store, plan, b, 0, PB_ITEM_KIND_TASK, "b2", "", PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  JOIN_ORDER ("a|a2|4|1|b|b2|3");

  /* A section deleted, its items moved to a heading with none of its own
   * (四, whose item is in (一)): before the sub-section's, as when moved. */
  {
    gint64 d = pb_store_add_section (store, plan, 0, "四", "组织实施", &error);
    gint64 d1 = pb_store_add_section (store, plan, d, "(一)", "加强领导", &error);
    g_autoptr(PbSection) second = pb_store_get_record (store, PB_TYPE_SECTION, b);

    pb_store_add_item (store, plan, d1, PB_ITEM_KIND_MEASURE, "4", "丁", &error);
    g_assert_no_error (error);
    JOIN_ORDER ("a|a2|4|1|b|b2|3|4");
    g_clear_pointer (&before, g_free);
    before = pb_test_dump_store (store);
    g_assert_true (pb_store_delete_section (store, second, d, &error));
    g_assert_no_error (error);
    JOIN_ORDER ("a|a2|4|1|3|b|b2|4");
    assert_undoable (store, before, "Delete Section");
  }
#undef JOIN_ORDER
}

/* Issue 14, finding 13: a section renamed to a sibling's number is
 * found as a clash (a warning, not a refusal); its siblings no longer
 * count in order, so a move leaves them be; Renumber Sections counts
 * them 1, 2, 3… again, in the first one's style, as one command undone
 * and redone whole; afterwards moves count on again. */
static void
test_renumber_sections (Plan          *f,
                        gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *order = NULL;
  g_autoptr(PbSection) s1 = pb_store_get_record (store, PB_TYPE_SECTION, f->s1);
  g_autoptr(PbSection) s2 = pb_store_get_record (store, PB_TYPE_SECTION, f->s2);
  g_autoptr(PbSection) b = NULL;
  g_autoptr(PbSection) c = NULL;
  g_autoptr(PbSection) s3 = NULL;
  g_autoptr(PbSection) clash = NULL;
  gint64 b_id, c_id, s3_id;

#define HEADINGS_ARE(expected) \
  G_STMT_START { g_clear_pointer (&order, g_free); order = heading_order (f); g_assert_cmpstr (order, ==, expected); } G_STMT_END
#define MARK() G_STMT_START { g_clear_pointer (&before, g_free); before = pb_test_dump_store (store); } G_STMT_END

  b_id = pb_store_insert_section (store, f->plan, f->s2, f->s2a, "(二)", "融合基础设施", &error);
  g_assert_no_error (error);
  c_id = pb_store_insert_section (store, f->plan, f->s2, b_id, "(三)", "创新基础设施", &error);
  g_assert_no_error (error);
  s3_id = pb_store_insert_section (store, f->plan, 0, f->s2, "三", "保障措施", &error);
  g_assert_no_error (error);
  b = pb_store_get_record (store, PB_TYPE_SECTION, b_id);
  c = pb_store_get_record (store, PB_TYPE_SECTION, c_id);
  s3 = pb_store_get_record (store, PB_TYPE_SECTION, s3_id);
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 融合基础设施 | 二/(三) 创新基础设施 | 三 保障措施");

  /* Counting in order: nothing to renumber, and nothing recorded. */
  g_assert_false (pb_store_get_section_moves (store, c_id) & PB_SECTION_MOVE_RENUMBER);
  g_assert_false (pb_store_get_section_moves (store, f->s1) & PB_SECTION_MOVE_RENUMBER);
  MARK ();
  g_assert_true (pb_store_renumber_sections (store, f->plan, f->s2, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = pb_test_dump_store (store);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpstr (pb_store_get_undo_label (store), ==, "Add Section");

  /* The clash a sibling's number makes, as the dialog asks while typing:
   * a sibling's, written either way; never its own, nor a cousin's. */
  clash = pb_store_find_section_number_clash (store, c, "(二)");
  g_assert_nonnull (clash);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (clash)), ==, b_id);
  g_clear_object (&clash);
  clash = pb_store_find_section_number_clash (store, c, "（一）");
  g_assert_nonnull (clash);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (clash)), ==, f->s2a);
  g_clear_object (&clash);
  g_assert_null (pb_store_find_section_number_clash (store, c, "(三)"));
  g_assert_null (pb_store_find_section_number_clash (store, c, "(四)"));
  g_assert_null (pb_store_find_section_number_clash (store, c, "二"));
  g_assert_null (pb_store_find_section_number_clash (store, c, ""));
  clash = pb_store_find_section_number_clash (store, s3, "二、");
  g_assert_nonnull (clash);
  g_assert_cmpint (pb_record_get_id (PB_RECORD (clash)), ==, f->s2);
  g_clear_object (&clash);

  /* Saved all the same: two (二). */
  g_assert_true (pb_store_rename_section (store, c, "(二)", "创新基础设施", &error));
  g_assert_no_error (error);
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 融合基础设施 | 二/(二) 创新基础设施 | 三 保障措施");

  /* The count is broken: a move leaves the numbers as written… */
  MARK ();
  g_assert_true (pb_store_shift_section (store, b, 1, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 创新基础设施 | 二/(二) 融合基础设施 | 三 保障措施");
  g_assert_true (pb_store_undo (store, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 融合基础设施 | 二/(二) 创新基础设施 | 三 保障措施");

  /* …and Renumber Sections applies to each of the three, not to the
   * top level, which counts in order. */
  g_assert_true (pb_store_get_section_moves (store, f->s2a) & PB_SECTION_MOVE_RENUMBER);
  g_assert_true (pb_store_get_section_moves (store, b_id) & PB_SECTION_MOVE_RENUMBER);
  g_assert_true (pb_store_get_section_moves (store, c_id) & PB_SECTION_MOVE_RENUMBER);
  g_assert_false (pb_store_get_section_moves (store, f->s2) & PB_SECTION_MOVE_RENUMBER);
  /* ...and their heading offers to renumber its sub-sections. */
  g_assert_true (pb_store_get_section_moves (store, f->s2) & PB_SECTION_MOVE_RENUMBER_SUBS);
  g_assert_false (pb_store_get_section_moves (store, s3_id) & PB_SECTION_MOVE_RENUMBER);

  /* One command, named after the parent. */
  MARK ();
  g_assert_true (pb_store_renumber_sections (store, f->plan, f->s2, &error));
  g_assert_no_error (error);
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 融合基础设施 | 二/(三) 创新基础设施 | 三 保障措施");
  g_assert_cmpstr (pb_section_get_number (c), ==, "(三)");
  assert_undoable (store, before, "Renumber Sections in 二、重点任务");
  g_assert_false (pb_store_get_section_moves (store, c_id) & PB_SECTION_MOVE_RENUMBER);

  /* Counting in order again, a move counts on. */
  MARK ();
  g_assert_true (pb_store_shift_section (store, c, -1, &error));
  HEADINGS_ARE ("一 总体要求 | 二 重点任务 | 二/(一) 信息基础设施 | 二/(二) 创新基础设施 | 二/(三) 融合基础设施 | 三 保障措施");
  assert_undoable (store, before, "Move Section Up");
  g_assert_true (pb_store_undo (store, &error));

  /* The top level: two 二 and a skipped number; "Renumber Sections". */
  g_assert_true (pb_store_rename_section (store, s3, "二", "保障措施", &error));
  g_assert_true (pb_store_rename_section (store, s1, "一、", "总体要求", &error));
  g_assert_true (pb_store_rename_section (store, s2, "五", "重点任务", &error));
  HEADINGS_ARE ("一、 总体要求 | 五 重点任务 | 五/(一) 信息基础设施 | 五/(二) 融合基础设施 | 五/(三) 创新基础设施 | 二 保障措施");
  g_assert_true (pb_store_get_section_moves (store, s3_id) & PB_SECTION_MOVE_RENUMBER);
  MARK ();
  g_assert_true (pb_store_renumber_sections (store, f->plan, 0, &error));
  g_assert_no_error (error);
  HEADINGS_ARE ("一、 总体要求 | 二、 重点任务 | 二、/(一) 信息基础设施 | 二、/(二) 融合基础设施 | 二、/(三) 创新基础设施 | 三、 保障措施");
  assert_undoable (store, before, "Renumber Sections");

  /* Another plan's section, or none, is refused. */
  g_assert_false (pb_store_renumber_sections (store, f->plan + 1000, f->s2, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pb_store_renumber_sections (store, f->plan, 99999, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
#undef HEADINGS_ARE
#undef MARK
}

/* A section's items in the plan's order, as title=number. */
static char *
section_items (PbStore *store,
               gint64   plan,
               gint64   section)
{
  g_autoptr(GListModel) items = pb_store_list_items (store, plan);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);

      if (pb_item_get_section_id (item) == section)
        g_string_append_printf (out, "%s%s=%s", out->len ? " " : "", pb_item_get_title (item),
                                pb_item_get_number (item));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_SECTION(section, expected) G_STMT_START { \
    g_autofree char *got_ = section_items (store, plan, section); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

/* Adds tasks titled @first_title, the next letter… with @numbers to
 * @section; their ids in @ids. */
static void
add_numbered (PbStore           *store,
              gint64             plan,
              gint64             section,
              char               first_title,
              const char *const *numbers,
              gint64            *ids)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; numbers[i]; i++)
    {
      char title[2] = { first_title + (char) i, 0 };

      ids[i] = pb_store_add_item (store, plan, section, PB_ITEM_KIND_TASK, numbers[i], title, &error);
      g_assert_no_error (error);
    }
}

/* Moves @id before @before_id in one command, remembering the store
 * before it in @before. */
static void
move_item (PbStore  *store,
           gint64    id,
           gint64    before_id,
           char    **before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbItem) item = pb_store_get_record (store, PB_TYPE_ITEM, id);

  g_free (*before);
  *before = pb_test_dump_store (store);
  g_assert_true (pb_store_move_item (store, item, before_id, &error));
  g_assert_no_error (error);
}

/* Move Up/Down (Alt+↑/↓) and a drag within a section: numbers that
 * counted in order count in the new order, whatever their style, inside
 * the one "Move Item" command; a planner's own numbers stay. */
static void
test_move_renumbers (Plan          *f,
                     gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 plan = f->plan, one, two, x[4], y[4], z[4];

  /* The fixture's (一) counts 1 2 3. Move Up: 3 above 2. */
  ASSERT_SECTION (f->s2a, "加快5G网络规模化部署=1 推进千兆光网建设=2 统筹建设绿色数据中心=3");
  move_item (store, f->c, f->b, &before);
  ASSERT_SECTION (f->s2a, "加快5G网络规模化部署=1 统筹建设绿色数据中心=2 推进千兆光网建设=3");
  assert_undoable (store, before, "Move Item");
  /* Move Down: the first below the next one. */
  move_item (store, f->a, f->b, &before);
  ASSERT_SECTION (f->s2a, "统筹建设绿色数据中心=1 加快5G网络规模化部署=2 推进千兆光网建设=3");
  assert_undoable (store, before, "Move Item");
  /* Dragged last in the plan. */
  move_item (store, f->c, 0, &before);
  ASSERT_SECTION (f->s2a, "加快5G网络规模化部署=1 推进千兆光网建设=2 统筹建设绿色数据中心=3");
  assert_undoable (store, before, "Move Item");

  /* A plan whose sections each count from 1, in the styles of Chinese
   * plans; moving in one leaves the other as it is. */
  plan = pb_store_create_plan (store, "试行方案", 2025, 2027, &error);
  one = pb_store_add_section (store, plan, 0, "一", "重点任务", &error);
  two = pb_store_add_section (store, plan, 0, "二", "保障措施", &error);
  g_assert_no_error (error);
  add_numbered (store, plan, one, 'a', (const char *[]) { "（一）", "（二）", "（三）", NULL }, x);
  add_numbered (store, plan, two, 'p', (const char *[]) { "一、", "二、", "三、", NULL }, y);
  move_item (store, x[2], x[0], &before);
  ASSERT_SECTION (one, "c=（一） a=（二） b=（三）");
  ASSERT_SECTION (two, "p=一、 q=二、 r=三、");
  assert_undoable (store, before, "Move Item");
  move_item (store, y[0], 0, &before);
  ASSERT_SECTION (two, "q=一、 r=二、 p=三、");
  ASSERT_SECTION (one, "c=（一） a=（二） b=（三）");
  assert_undoable (store, before, "Move Item");

  /* A section whose tasks count on from 5, as where a plan numbers them
   * straight through its sections: 5 6 7 in the new order. */
  {
    gint64 three = pb_store_add_section (store, plan, 0, "三", "组织实施", &error);

    add_numbered (store, plan, three, 'u', (const char *[]) { "5", "6", "7", NULL }, z);
    move_item (store, z[1], z[0], &before);
    ASSERT_SECTION (three, "v=5 u=6 w=7");
    assert_undoable (store, before, "Move Item");
  }

  /* A planner's own numbers (or a document's 1, 3, 7) are not a count:
   * they go with their items. */
  {
    gint64 own[4];
    gint64 four = pb_store_add_section (store, plan, 0, "四", "附则", &error);

    add_numbered (store, plan, four, 'h', (const char *[]) { "1", "3", "7", NULL }, own);
    move_item (store, own[2], own[0], &before);
    ASSERT_SECTION (four, "j=7 h=1 i=3");
    assert_undoable (store, before, "Move Item");
  }
}

/* Move to Section (and a card dropped in another column): the item takes
 * its place in the count of the section it joins, or that section's next
 * number; the section it left closes the gap when it counted in order;
 * one command, undone whole. */
static void
test_move_to_section_renumbers (Plan          *f,
                                gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 plan, one, two, three, four, x[4], y[4], z[4];

#define MARK() G_STMT_START { g_clear_pointer (&before, g_free); before = pb_test_dump_store (store); } G_STMT_END

  plan = pb_store_create_plan (store, "试行方案", 2025, 2027, &error);
  one = pb_store_add_section (store, plan, 0, "一", "重点任务", &error);
  two = pb_store_add_section (store, plan, 0, "二", "保障措施", &error);
  three = pb_store_add_section (store, plan, 0, "三", "组织实施", &error);
  four = pb_store_add_section (store, plan, 0, "四", "附则", &error);
  g_assert_no_error (error);
  /* Each section counts from 1; 三's numbers are the planner's own. */
  add_numbered (store, plan, one, 'a', (const char *[]) { "1", "2", "3", NULL }, x);
  add_numbered (store, plan, two, 'p', (const char *[]) { "1", "2", NULL }, y);
  add_numbered (store, plan, three, 'u', (const char *[]) { "1", "3", "7", NULL }, z);

  /* 一's 2 to 二: it is 二's 3, and 一 counts 1 2. */
  MARK ();
  g_assert_true (pb_store_move_items_to_section (store, &x[1], 1, two, &error));
  g_assert_no_error (error);
  ASSERT_SECTION (one, "a=1 c=2");
  ASSERT_SECTION (two, "p=1 q=2 b=3");
  assert_undoable (store, before, "Move Item");

  /* 三's 3 to 一: 三 keeps its own numbers; the item is 一's 3. */
  MARK ();
  g_assert_true (pb_store_move_items_to_section (store, &z[1], 1, one, &error));
  g_assert_no_error (error);
  ASSERT_SECTION (three, "u=1 w=7");
  ASSERT_SECTION (one, "a=1 c=2 v=3");
  assert_undoable (store, before, "Move Item");

  /* Two of 二 to 三, whose numbers do not count: its next ones, 8 and 9;
   * 二 counts again from 1. */
  MARK ();
  g_assert_true (pb_store_move_items_to_section (store, (gint64[]) { y[0], y[1] }, 2, three, &error));
  g_assert_no_error (error);
  ASSERT_SECTION (two, "b=1");
  ASSERT_SECTION (three, "u=1 w=7 p=8 q=9");
  assert_undoable (store, before, "Move 2 Items");

  /* A card dropped into 二 above its first: it takes the first number
   * there, the others count on, and 一 closes the gap. */
  MARK ();
  {
    g_autoptr(PbItem) c = pb_store_get_record (store, PB_TYPE_ITEM, x[2]);

    g_assert_true (pb_store_place_item (store, c, two, x[1], &error));
    g_assert_no_error (error);
  }
  ASSERT_SECTION (two, "c=1 b=2");
  ASSERT_SECTION (one, "a=1 v=2");
  assert_undoable (store, before, "Move Item");

  /* To the empty 四: its first, in the plan that counts from 1 in each. */
  MARK ();
  g_assert_true (pb_store_move_items_to_section (store, &x[1], 1, four, &error));
  g_assert_no_error (error);
  ASSERT_SECTION (two, "c=1");
  ASSERT_SECTION (four, "b=1");
  assert_undoable (store, before, "Move Item");

  /* A plan that numbers its tasks straight through its sections (1 2 3,
   * 4 5): the moved task takes its place in the plan's count. */
  plan = pb_store_create_plan (store, "另一方案", 2025, 2027, &error);
  one = pb_store_add_section (store, plan, 0, "一", "重点任务", &error);
  two = pb_store_add_section (store, plan, 0, "二", "保障措施", &error);
  add_numbered (store, plan, one, 'a', (const char *[]) { "1", "2", "3", NULL }, x);
  add_numbered (store, plan, two, 'p', (const char *[]) { "4", "5", NULL }, y);
  MARK ();
  g_assert_true (pb_store_move_items_to_section (store, &x[1], 1, two, &error));
  g_assert_no_error (error);
  ASSERT_SECTION (one, "a=1 c=2");
  ASSERT_SECTION (two, "p=3 q=4 b=5");
  assert_undoable (store, before, "Move Item");
  /* …and Move Up within a section counts 3 4 5 in the new order. */
  move_item (store, x[1], y[1], &before);
  ASSERT_SECTION (two, "p=3 b=4 q=5");
  assert_undoable (store, before, "Move Item");
#undef MARK
}

typedef struct
{
  const char *column;
  guint       reads;
} DenyOnce;

/* SQLite's authorizer: the first statement that reads the column of item
 * named by @data fails; the ones after it read as usual, so a fallback
 * taken for the failed answer would go on to change the plan. */
static int
deny_item_column_once (void       *data,
                       int         action,
                       const char *table,
                       const char *column,
                       const char *database,
                       const char *trigger)
{
  DenyOnce *d = data;

  if (action == SQLITE_READ && g_strcmp0 (table, "item") == 0 && g_strcmp0 (column, d->column) == 0 &&
      d->reads++ == 0)
    return SQLITE_DENY;
  return SQLITE_OK;
}

/* Setting an authorizer expires every prepared statement: the store's
 * cached ones are prepared again, and asked about, when next used. */
static void
deny_once (sqlite3    *db,
           DenyOnce   *d,
           const char *column)
{
  d->column = column;
  d->reads = 0;
  sqlite3_set_authorizer (db, deny_item_column_once, d);
}

/* Every read an edit makes is checked: one that fails is an error and
 * changes nothing, never its fallback taken for the answer (a failed
 * position read put a new item first in its plan, or a deleted
 * section's items at the top of their new one; a failed count said a
 * section held no items, and the window deleted it without asking). */
static void
test_read_failures_reported (Plan          *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSection) s2a = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PbStore *store = f->lib.store;
  DenyOnce deny;
  sqlite3 *db;
  gint64 id;

  if (pb_test_on_server ())
    {
      g_test_skip ("the read failures are made with SQLite's authorizer: SQLite only");
      return;
    }
  db = pb_store_get_db (store);
  s2a = pb_store_get_record (store, PB_TYPE_SECTION, f->s2a);
  g_assert_cmpuint (pb_store_count_section_items (store, f->s2, &error), ==, 3);
  g_assert_no_error (error);
  before = pb_test_dump_store (store);

  /* Items that cannot be counted are not none. */
  deny_once (db, &deny, "section_id");
  g_assert_cmpuint (pb_store_count_section_items (store, f->s2, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("count: %s", error->message);
  g_clear_error (&error);

  /* Where an item goes, unread: no item, rather than one in the wrong
   * place (it went first in the plan). */
  deny_once (db, &deny, "position");
  g_assert_cmpint (pb_store_insert_item (store, f->plan, f->s2a, f->b, PB_ITEM_KIND_TASK, "9", "新增任务",
                                         PB_ITEM_STATUS_NOT_STARTED, 0, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("after an item: %s", error->message);
  g_clear_error (&error);
  deny_once (db, &deny, "position");
  g_assert_cmpint (pb_store_insert_item (store, f->plan, 0, 0, PB_ITEM_KIND_TASK, "9", "新增任务",
                                         PB_ITEM_STATUS_NOT_STARTED, 0, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Where a section's items go when it is deleted. */
  deny_once (db, &deny, "position");
  g_assert_false (pb_store_delete_section (store, s2a, f->s1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  sqlite3_set_authorizer (db, NULL, NULL);

  after = pb_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (pb_store_can_undo (store));

  /* Read again, the same edits are made. */
  id = pb_store_insert_item (store, f->plan, f->s2a, f->b, PB_ITEM_KIND_TASK, "9", "新增任务",
                             PB_ITEM_STATUS_NOT_STARTED, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (item_order (f), ==, "1|2|9|3|");
  g_assert_cmpuint (pb_store_count_section_items (store, f->s2, &error), ==, 4);
  g_assert_no_error (error);
}

/* The numbers of a plan's sections in their order, with their titles. */
static char *
numbered_sections (PbStore *store,
                   gint64   plan)
{
  g_autoptr(GListModel) sections = pb_store_list_sections (store, plan);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      g_string_append_printf (out, "%s%s%s", i ? " " : "", pb_section_get_number (s), pb_section_get_title (s));
    }
  return g_string_free (out, FALSE);
}

/* A section added between two that count in order with its place's
 * number takes that place in the count, and those after it count on, in
 * the one command; with another number (typed, or the next one at the
 * end) it goes there as it is and nothing else changes: what the Add
 * Section dialog showed is what the planner gets. */
static void
test_section_added_between (Plan          *f,
                            gconstpointer  data)
{
  PbStore *store = f->lib.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *in_place = NULL;
  g_autofree char *order = NULL;
  gint64 plan, a, id;
  guint n_after = 0;

  plan = pb_store_create_plan (store, "试行方案", 2025, 2027, &error);
  a = pb_store_add_section (store, plan, 0, "(一)", "甲", &error);
  pb_store_add_section (store, plan, 0, "(二)", "乙", &error);
  pb_store_add_section (store, plan, 0, "(三)", "丙", &error);
  g_assert_no_error (error);
  before = pb_test_dump_store (store);

  in_place = pb_store_section_number_in_place (store, plan, 0, a, &n_after, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (in_place, ==, "(二)");
  g_assert_cmpuint (n_after, ==, 2);

  id = pb_store_insert_section (store, plan, 0, a, "(二)", "新", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_pointer (&order, g_free);
  order = numbered_sections (store, plan);
  g_assert_cmpstr (order, ==, "(一)甲 (二)新 (三)乙 (四)丙");
  assert_undoable (store, before, "Add Section");
  g_assert_true (pb_store_undo (store, &error));

  /* "(四)", the next number at the end, put after (一): as it is. */
  id = pb_store_insert_section (store, plan, 0, a, "(四)", "新", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_pointer (&order, g_free);
  order = numbered_sections (store, plan);
  g_assert_cmpstr (order, ==, "(一)甲 (四)新 (二)乙 (三)丙");
  assert_undoable (store, before, "Add Section");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Plan, NULL, plan_set_up, func, plan_tear_down)
  ADD ("/edit/items/insert", test_insert_item);
  ADD ("/edit/items/insert-numbers-in-place", test_insert_numbers_in_place);
  ADD ("/edit/items/delete", test_delete_items);
  ADD ("/edit/items/next-number", test_next_number);
  ADD ("/edit/items/number-straight-through", test_number_straight_through);
  ADD ("/edit/sections", test_sections);
  ADD ("/edit/sections-live-order", test_sections_live_order);
  ADD ("/edit/section-moves", test_section_moves);
  ADD ("/edit/sections-count-on", test_sections_count_on);
  ADD ("/edit/plan-properties", test_plan_properties);
  ADD ("/edit/bulk", test_bulk);
  ADD ("/edit/bulk-shift-period", test_bulk_shift_period);
  ADD ("/edit/labels", test_labels);
  ADD ("/edit/undo-removed-plan", test_undo_removed_plan);
  ADD ("/edit/target-once-a-year", test_target_once_a_year);
  ADD ("/edit/change-target", test_change_target);
  ADD ("/edit/rename-indicator", test_rename_indicator);
  ADD ("/edit/item-dates", test_item_dates);
  ADD ("/edit/done-progress", test_done_progress);
  ADD ("/edit/items/join-in-order", test_item_joins_in_order);
  ADD ("/edit/section-added-between", test_section_added_between);
  ADD ("/edit/items/move-renumbers", test_move_renumbers);
  ADD ("/edit/items/move-to-section-renumbers", test_move_to_section_renumbers);
  ADD ("/edit/renumber-sections", test_renumber_sections);
  ADD ("/edit/read-failures-reported", test_read_failures_reported);

  return g_test_run ();
}
