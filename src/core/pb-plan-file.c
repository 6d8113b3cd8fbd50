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

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  root = pb_store_export_plan_json (self, plan_id, error);
  if (root == NULL)
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
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

  if (!pb_store_import_plan_json (out, root, error) ||
      /* A standalone file keeps no side files. */
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

/**
 * pb_store_import_planboard:
 * @self: a store
 * @path: a `.planboard` file
 * @error: where to say why it failed
 *
 * Adds the file's plan (or plans) to the library as new plans, as one
 * undoable command. The file itself is only read.
 *
 * Returns: the id of the last plan added, or 0 with @error set
 */
gint64
pb_store_import_planboard (PbStore     *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(PbStore) in = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GListModel) plans = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  gint64 last = 0;
  int fd;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  name = g_filename_display_basename (path);

  /* Refuse a foreign, newer or damaged file before copying anything. */
  if (!pb_store_check_file (path, error))
    return 0;

  fd = g_file_open_tmp ("planboard-import-XXXXXX.planboard", &tmp, error);
  if (fd < 0)
    return 0;
  close (fd);

  source = g_file_new_for_path (path);
  copy = g_file_new_for_path (tmp);
  if (!g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    {
      remove_database_files (tmp);
      return 0;
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
      return 0;
    }

  plans = pb_store_list_plans (in);
  if (g_list_model_get_n_items (plans) == 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” holds no plan."), name);
      g_clear_object (&in);
      remove_database_files (tmp);
      return 0;
    }

  pb_store_begin_group (self, _("Import plan"));
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(PbRecord) plan = g_list_model_get_item (plans, i);
      g_autoptr(JsonNode) root = pb_store_export_plan_json (in, pb_record_get_id (plan), error);

      if (root == NULL || (last = pb_store_import_plan_json (self, root, error)) == 0)
        break;
      g_array_append_val (ids, last);
    }
  pb_store_end_group (self);

  g_clear_object (&plans);
  g_clear_object (&in);
  remove_database_files (tmp);

  if (last == 0 && ids->len > 0)
    {
      /* Part of a multi-plan file failed: take back what was added. */
      g_autoptr(GError) local = NULL;
      if (!pb_store_undo (self, &local))
        g_warning ("Could not take back a partial import: %s", local->message);
    }

  return last;
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
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  gsize length;

  root = pb_store_export_plan_json (self, plan_id, error);
  if (root == NULL)
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_file_set_contents_full (path, text, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
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
  g_autofree char *name = g_filename_display_basename (path);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no file “%s”."), name);
      return 0;
    }

  if (g_str_has_suffix (path, ".planboard") || looks_like_sqlite (path))
    return pb_store_import_planboard (self, path, error);

  if (!g_str_has_suffix (path, ".json"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Planboard cannot read “%s”: it reads .json and .planboard plan files."),
                   name);
      return 0;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a valid plan file: %s"), name, local->message);
      return 0;
    }

  return pb_store_import_plan_json (self, json_parser_get_root (parser), error);
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
