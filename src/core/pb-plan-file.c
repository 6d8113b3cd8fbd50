/* pb-plan-file.c — plan files: `.planboard` databases and `.json` exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A `.planboard` file is a fresh library in the same schema that holds one
 * plan. It is written to a temporary file beside the destination and moved
 * into place, never copied from the live library. It is read from a
 * private copy, so a file from an older version is upgraded in the copy
 * and the sender's file is never touched.
 */
#define G_LOG_DOMAIN "pb-plan-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-store-private.h"

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* Temporary files are named PREFIX<pid>-XXXXXX, so a later run can tell
 * the ones a killed process left (its pid is gone) from the ones another
 * running process is writing, and remove them. */
void
pb_store_remove_stale_files (const char *dir,
                             const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoll (name + strlen (prefix), &end, 10);
      if (end == name + strlen (prefix) || *end != '-' || pid <= 0 || pid > G_MAXINT)
        continue;
      if (pid == getpid () || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;

      path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
}

static char *
temp_prefix (const char *base)
{
  return g_strdup_printf (".%s.pb-tmp-", base);
}

/**
 * pb_store_is_library_file: (skip)
 * @self: a store
 * @path: a file about to be written
 *
 * Returns: whether @path is the store's library file (under any name: a
 *   link, another path to it) or one of its side files
 */
gboolean
pb_store_is_library_file (PbStore    *self,
                          const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *library = pb_store_get_path (self);
  GStatBuf a, b;

  if (g_stat (path, &a) != 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (library, suffixes[i], NULL);

      if (g_stat (side, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return TRUE;
    }

  return FALSE;
}

static gboolean
refuse_library_file (PbStore     *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);

  if (!pb_store_is_library_file (self, path))
    return TRUE;

  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
               _("“%s” is the library itself; choose another file to export to. Nothing was written."),
               name);
  return FALSE;
}

static gboolean
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("“%s” could not be written: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

/**
 * pb_store_export_planboard:
 * @self: a store
 * @plan_id: the plan to send
 * @path: the `.planboard` file to write; an existing one is replaced whole
 * @error: where to say why it failed
 *
 * Returns: %TRUE on success; on failure @path is as it was
 */
gboolean
pb_store_export_planboard (PbStore     *self,
                           gint64       plan_id,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  PbStore *out;
  int fd;

  g_autofree char *prefix = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!refuse_library_file (self, path, error))
    return FALSE;

  root = pb_store_export_plan_json (self, plan_id, error);
  if (root == NULL)
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  prefix = temp_prefix (base);
  /* What an export killed half-way left beside this file goes first. */
  pb_store_remove_stale_files (dir, prefix);
  tmp = g_strdup_printf ("%s/%s%d-XXXXXX", dir, prefix, (int) getpid ());
  fd = g_mkstemp (tmp);
  if (fd < 0)
    return set_write_error (error, errno, path);
  close (fd);

  out = pb_store_open (tmp, PB_STORE_OPEN_DEFAULT, error);
  if (out == NULL)
    {
      remove_database_files (tmp);
      return FALSE;
    }

  /* A standalone file keeps no side files; nobody else has this one
   * open, so its -wal may go (pb_db_set_keep_wal()), and leaving WAL
   * mode needs it unheld (pb_db_release_library()). */
  if (pb_store_import_plan_json (out, root, error))
    pb_db_release_library (pb_store_get_conn (out));
  else
    {
      g_object_unref (out);
      remove_database_files (tmp);
      return FALSE;
    }
  if (pb_db_set_keep_wal (pb_store_get_conn (out), FALSE) != PB_DB_OK ||
      !pb_store_exec (out, "PRAGMA journal_mode = DELETE", error))
    {
      g_object_unref (out);
      remove_database_files (tmp);
      return FALSE;
    }
  g_object_unref (out);

  if (g_chmod (tmp, 0644) != 0 || g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;
      remove_database_files (tmp);
      return set_write_error (error, saved_errno, path);
    }

  /* Make the rename itself durable. */
  fd = open (dir, O_RDONLY | O_DIRECTORY);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  return TRUE;
}

/* Copies the database at @path into @copy through SQLite's backup API
 * (pb_db_backup_file()): a consistent snapshot that includes what is
 * committed but still in the source's WAL. The source is only read. */
static gboolean
backup_copy (const char  *path,
             const char  *copy,
             GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  int rc = pb_db_backup_file (path, copy);

  if (rc != PB_DB_OK)
    g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                 _("“%s” could not be read (%s). Nothing was imported."),
                 name, pb_db_errstr (rc));

  return rc == PB_DB_OK;
}

static gboolean read_planboard_roots (const char  *path,
                                      GPtrArray   *roots,
                                      GError     **error);
static gint64   import_roots         (PbStore       *self,
                                      GPtrArray     *roots,
                                      PbImportFlags  flags,
                                      GError       **error);

/**
 * pb_store_import_planboard:
 * @self: a store
 * @path: a `.planboard` file, or another library
 * @error: where to say why it failed
 *
 * Adds the file's plan (or plans) to the library as new plans, all in one
 * transaction and one undoable command: a kill leaves all of them or none.
 * The file is read through the backup API into a private copy (so what
 * another program has committed to it but not checkpointed is included,
 * and an older file is upgraded in the copy) and itself only read.
 *
 * Returns: the id of the last plan added, or 0 with @error set
 */
gint64
pb_store_import_planboard (PbStore     *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!read_planboard_roots (path, roots, error))
    return 0;
  return import_roots (self, roots, PB_IMPORT_KEEP_TITLES, error);
}

/* A `.planboard` file's (or another library's) plans, as
 * planboard-plan/1 documents appended to @roots. */
static gboolean
read_planboard_roots (const char  *path,
                      GPtrArray   *roots,
                      GError     **error)
{
  g_autoptr(PbStore) in = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *prefix = g_strdup (PB_DB_COPY_PREFIX);
  gboolean ok = TRUE;
  guint before = roots->len;
  int fd;

  name = g_filename_display_basename (path);

  /* Refuse a foreign, newer or damaged file before copying anything. */
  if (!pb_store_check_file (path, error))
    return FALSE;

  /* Copies a killed import left behind go first. */
  pb_store_remove_stale_files (g_get_tmp_dir (), prefix);
  pattern = g_strdup_printf ("%s%d-XXXXXX.planboard", prefix, (int) getpid ());
  fd = g_file_open_tmp (pattern, &tmp, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  if (!backup_copy (path, tmp, error))
    {
      remove_database_files (tmp);
      return FALSE;
    }

  in = pb_store_open (tmp, PB_STORE_OPEN_DEFAULT, error);
  if (in == NULL)
    {
      remove_database_files (tmp);
      if (error && *error)
        {
          /* Say it of the user's file, not of our copy. */
          g_autofree char *message = g_strdup ((*error)->message);
          g_autofree char *tmp_name = g_filename_display_basename (tmp);
          g_autoptr(GString) s = g_string_new (message);
          g_string_replace (s, tmp_name, name, 0);
          g_free ((*error)->message);
          (*error)->message = g_string_free (g_steal_pointer (&s), FALSE);
        }
      return FALSE;
    }

  plans = pb_store_list_plans (in);
  for (guint i = 0; ok && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(PbRecord) plan = g_list_model_get_item (plans, i);
      JsonNode *root = pb_store_export_plan_json (in, pb_record_get_id (plan), error);

      ok = root != NULL;
      if (ok)
        g_ptr_array_add (roots, root);
    }

  g_clear_object (&plans);
  g_clear_object (&in);
  remove_database_files (tmp);

  if (!ok)
    return FALSE;

  if (roots->len == before)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” holds no plan."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * pb_json_to_data:
 * @root: a JSON document
 * @length: (out) (optional): its length in bytes
 *
 * Writes @root as indented JSON that every JSON parser reads. json-glib
 * writes a double such as 1e-08 as "1e-08.0" (it adds ".0" to any number
 * without a point), which is no JSON number; outside strings, such a
 * number becomes "1.0e-08".
 *
 * Returns: (transfer full): the text
 */
char *
pb_json_to_data (JsonNode *root,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *raw = NULL;
  GString *out;
  gboolean in_string = FALSE;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, root);
  raw = json_generator_to_data (generator, NULL);

  out = g_string_sized_new (strlen (raw) + 16);
  for (const char *p = raw; *p; p++)
    {
      if (in_string)
        {
          g_string_append_c (out, *p);
          if (*p == '\\' && p[1])
            g_string_append_c (out, *++p);
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if ((*p == 'e' || *p == 'E') && p > raw && g_ascii_isdigit (p[-1]))
        {
          const char *q = p + 1;

          if (*q == '+' || *q == '-')
            q++;
          while (g_ascii_isdigit (*q))
            q++;
          if (q[0] == '.' && q[1] == '0' && !g_ascii_isdigit (q[2]))
            {
              /* "1e-08.0" → "1.0e-08" */
              g_string_append (out, ".0");
              g_string_append_len (out, p, q - p);
              p = q + 1;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }

  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * pb_store_export_json_file:
 * @self: a store
 * @plan_id: the plan
 * @path: the `.json` file to write, replaced whole
 * @error: where to say why it failed
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_export_json_file (PbStore     *self,
                           gint64       plan_id,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!refuse_library_file (self, path, error))
    return FALSE;

  root = pb_store_export_plan_json (self, plan_id, error);
  if (root == NULL)
    return FALSE;

  text = pb_json_to_data (root, &length);

  return g_file_set_contents_full (path, text, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

#define PB_MAX_JSON_DEPTH 64

/* The deepest nesting of arrays and objects in @data, strings skipped. */
static guint
json_depth (const char *data,
            gsize       length)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          /* Not MAX (deepest, ++depth): the macro would count twice. */
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return deepest;
}

static gboolean
looks_like_sqlite (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gboolean yes;

  if (f == NULL)
    return FALSE;
  yes = fread (head, 1, sizeof head, f) == sizeof head && memcmp (head, magic, sizeof magic) == 0;
  fclose (f);

  return yes;
}

/* What a plan file holds, as planboard-plan/1 documents (a `.json`
 * file: its one document, foreign ones too, refused when imported). */
static gboolean
read_plan_file (const char  *path,
                GPtrArray   *roots,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no file “%s”."), name);
      return FALSE;
    }

  if (g_str_has_suffix (path, ".planboard") || looks_like_sqlite (path))
    return read_planboard_roots (path, roots, error);

  if (!g_str_has_suffix (path, ".json"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Planboard cannot read “%s”: it reads .json and .planboard plan files."),
                   name);
      return FALSE;
    }

  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid plan file: %s"), name, local->message);
      return FALSE;
    }
  /* JSON nested 100,000 deep overflows a recursive parser's stack:
   * measure the depth before parsing, and refuse. */
  if (json_depth (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped)) > PB_MAX_JSON_DEPTH)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid plan file: it is nested more than %d deep."),
                   name, PB_MAX_JSON_DEPTH);
      return FALSE;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_mapped_file_get_contents (mapped),
                                   g_mapped_file_get_length (mapped), &local))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid plan file: %s"), name, local->message);
      return FALSE;
    }

  g_ptr_array_add (roots, json_node_copy (json_parser_get_root (parser)));
  return TRUE;
}

static const char *
root_string (JsonNode   *root,
             const char *member)
{
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

/* The library's plan titled @title with document number @doc_number (no
 * number and an empty one are the same), or 0. */
static gint64
find_plan_titled (PbStore    *self,
                  const char *title,
                  const char *doc_number)
{
  g_autoptr(GListModel) plans = pb_store_list_plans (self);

  for (guint i = 0; title && i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(PbPlan) plan = g_list_model_get_item (plans, i);
      const char *number = pb_record_get_string (PB_RECORD (plan), "doc_number");

      if (!pb_record_is_deleted (PB_RECORD (plan)) &&
          g_strcmp0 (pb_plan_get_title (plan), title) == 0 &&
          g_strcmp0 (number ? number : "", doc_number ? doc_number : "") == 0)
        return pb_record_get_id (PB_RECORD (plan));
    }
  return 0;
}

/**
 * pb_store_find_plan_file_twin:
 * @self: a store
 * @path: a `.json` or `.planboard` plan file
 * @error: where to say why the file could not be read
 *
 * Whether the library already holds the file's plan: a plan with the same
 * title and document number (a file exported from this library and opened
 * again), so the window can ask before adding a second plan nothing tells
 * apart from the first.
 *
 * Returns: the id of the library's plan, or 0 (with @error set when the
 *   file could not be read)
 */
gint64
pb_store_find_plan_file_twin (PbStore     *self,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!read_plan_file (path, roots, error))
    return 0;
  for (guint i = 0; i < roots->len; i++)
    {
      JsonNode *root = g_ptr_array_index (roots, i);
      gint64 twin = find_plan_titled (self, root_string (root, "title"), root_string (root, "doc_number"));

      if (twin != 0)
        return twin;
    }
  return 0;
}

/* A document whose plan the library holds already is titled "… (copy)"
 * ("…（副本）"), or "… (copy 2)" when that is taken too. */
static void
mark_copy (PbStore  *self,
           JsonNode *root)
{
  const char *title = root_string (root, "title");
  const char *doc_number = root_string (root, "doc_number");
  g_autofree char *copy = NULL;

  if (title == NULL || find_plan_titled (self, title, doc_number) == 0)
    return;
  /* TRANSLATORS: the title of a copy of a plan; %s is the original title */
  copy = g_strdup_printf (_("%s (copy)"), title);
  for (guint n = 2; find_plan_titled (self, copy, doc_number) != 0 && n < 1000; n++)
    {
      g_free (copy);
      /* TRANSLATORS: the title of the second, third… copy of a plan; %s
       * is the original title, %u the copy's number */
      copy = g_strdup_printf (_("%s (copy %u)"), title, n);
    }
  json_object_set_string_member (json_node_get_object (root), "title", copy);
}

/**
 * pb_store_find_plan_json_twin:
 * @self: a store
 * @root: a plan draft (`planboard-plan/1`), as a document's review makes
 *
 * pb_store_find_plan_file_twin() for a draft: the library's plan with
 * the same title and document number, so a document imported twice is
 * asked about, as a plan file opened twice is.
 *
 * Returns: the id of the library's plan, or 0
 */
gint64
pb_store_find_plan_json_twin (PbStore  *self,
                              JsonNode *root)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (root != NULL, 0);

  return find_plan_titled (self, root_string (root, "title"), root_string (root, "doc_number"));
}

/**
 * pb_store_import_plan_json_full:
 * @self: a store
 * @root: a plan draft
 * @flags: %PB_IMPORT_MARK_COPIES to title it "… (copy)" when the library
 *   holds its plan already
 * @error: where to say why it failed
 *
 * pb_store_import_plan_json() with the choice of marking a copy (@root
 * is changed then); one undoable command.
 *
 * Returns: the new plan's id, or 0 with @error set
 */
gint64
pb_store_import_plan_json_full (PbStore        *self,
                                JsonNode       *root,
                                PbImportFlags   flags,
                                GError        **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (root != NULL, 0);

  if (flags & PB_IMPORT_MARK_COPIES)
    mark_copy (self, root);
  return pb_store_import_plan_json (self, root, error);
}

/**
 * pb_store_import_file_full:
 * @self: a store
 * @path: a `.json` plan exchange file or a `.planboard` file
 * @flags: %PB_IMPORT_MARK_COPIES to title a plan the library already holds
 *   (same title and document number) "… (copy)"
 * @error: where to say why it failed
 *
 * Adds the file's plan (or plans) as one undoable command; a kill leaves
 * all of them or none.
 *
 * Returns: the id of the last plan added, or 0 with @error set
 */
gint64
pb_store_import_file_full (PbStore        *self,
                           const char     *path,
                           PbImportFlags   flags,
                           GError        **error)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!read_plan_file (path, roots, error))
    return 0;
  return import_roots (self, roots, flags, error);
}

static gint64
import_roots (PbStore        *self,
              GPtrArray      *roots,
              PbImportFlags   flags,
              GError        **error)
{
  gint64 last = 0;
  gboolean ok = TRUE;

  if (flags & PB_IMPORT_MARK_COPIES)
    for (guint i = 0; i < roots->len; i++)
      mark_copy (self, g_ptr_array_index (roots, i));

  /* One document: its own checks (a foreign one is refused before any
   * transaction). */
  if (roots->len == 1)
    return pb_store_import_plan_json (self, g_ptr_array_index (roots, 0), error);

  if (!pb_store_begin (self, error))
    return 0;
  for (guint i = 0; ok && i < roots->len; i++)
    ok = (last = pb_store_import_plan_json_in (self, g_ptr_array_index (roots, i), error)) > 0;

  return pb_store_finish (self, ok, _("Import plans"), error) ? last : 0;
}

/**
 * pb_store_import_file:
 * @self: a store
 * @path: a `.json` plan exchange file or a `.planboard` file
 * @error: where to say why it failed
 *
 * Returns: the new plan's id, or 0 with @error set
 */
gint64
pb_store_import_file (PbStore     *self,
                      const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return pb_store_import_file_full (self, path, PB_IMPORT_KEEP_TITLES, error);
}

/**
 * pb_store_duplicate_plan:
 * @self: a store
 * @plan_id: the plan to copy
 * @error: where to say why it failed
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
pb_store_duplicate_plan (PbStore  *self,
                         gint64    plan_id,
                         GError  **error)
{
  g_autoptr(JsonNode) root = pb_store_export_plan_json (self, plan_id, error);
  g_autofree char *title = NULL;
  JsonObject *object;

  if (root == NULL)
    return 0;

  object = json_node_get_object (root);
  /* TRANSLATORS: the title of a copy of a plan; %s is the original title */
  title = g_strdup_printf (_("%s (copy)"), json_object_get_string_member (object, "title"));
  json_object_set_string_member (object, "title", title);

  return pb_store_import_plan_json (self, root, error);
}
