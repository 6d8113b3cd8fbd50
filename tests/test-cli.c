/* test-cli.c — planboard-cli as scripts use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/wait.h>

#include "pb-test-util.h"

static char *dir;
static char *db;

/* Runs planboard-cli; returns its exit status. */
static int
run (char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("PLANBOARD_CLI"));
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && lines[n - 1][0] == '\0')
    n--;
  return g_strdup (n ? lines[n - 1] : "");
}

static void
assert_one_line_error (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "planboard-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_list_export_import (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *json = g_build_filename (dir, "方案.json", NULL);
  g_autofree char *json2 = g_build_filename (dir, "copy.json", NULL);
  g_autofree char *file = g_build_filename (dir, "方案.planboard", NULL);
  g_autofree char *id = NULL;
  g_autofree char *a = NULL, *b = NULL;

  /* An empty, missing library lists nothing. */
  g_assert_cmpint (run (&out, &err, "--db", db, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "example", NULL), ==, 0);
  id = last_line (out);
  g_assert_cmpstr (id, ==, "1");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\t云澜市新型基础设施建设三年行动方案(2025—2027年)\t2025-2027\t19\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", "--format", "json", "-o", json, NULL), ==, 0);
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", "--format", "planboard", "-o", file, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* import prints the new id as its last line. */
  g_assert_cmpint (run (&out, &err, "--db", db, "import", json, NULL), ==, 0);
  g_free (id);
  id = last_line (out);
  g_assert_cmpstr (id, ==, "2");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "import", file, NULL), ==, 0);
  g_free (id);
  id = last_line (out);
  g_assert_cmpstr (id, ==, "3");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "export", "3", "-o", json2, NULL), ==, 0);
  g_assert_true (g_file_get_contents (json, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (json2, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
}

static void
test_failures (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);

  /* Usage errors: status 2. */
  g_assert_cmpint (run (&out, &err, "--db", db, "frobnicate", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "1", "--format", "xml", "-o", "x", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Failures: status 1 and one line saying why. */
  g_assert_cmpint (run (&out, &err, "--db", db, "export", "999", "-o", missing, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "999"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (&out, &err, "--db", db, "import", missing, NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_file_set_contents (foreign, "not a database, just text", -1, NULL);
  g_assert_cmpint (run (&out, &err, "--db", foreign, "list", NULL), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "not a Planboard library"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = pb_test_make_dir ();
  db = g_build_filename (dir, "library.db", NULL);

  g_test_add_func ("/cli/list-export-import", test_list_export_import);
  g_test_add_func ("/cli/failures", test_failures);

  ret = g_test_run ();
  pb_test_remove_dir (dir);
  return ret;
}
