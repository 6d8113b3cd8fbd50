/* pb-store.c — the library database: the single source of truth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How a change happens:
 *
 *  1. A view calls one pb_store_*() function. It opens a write transaction
 *     (BEGIN IMMEDIATE), writes, and commits, or rolls back on any error,
 *     so a change is whole or absent.
 *  2. Temporary triggers, made when the store opens, write for every row
 *     that changes the SQL that puts it back into temp.pb_undolog, inside
 *     the same transaction. A command in the history is a span of that log.
 *     Undo runs the span backwards in one transaction; the triggers record
 *     what redo needs as they go. The log lives in the connection's TEMP
 *     database, so the history lasts as long as the app runs.
 *  3. After the commit, the rows the log names are re-read into the
 *     records that are alive (they notify:: what changed), the live lists
 *     whose tables changed are refreshed (items-changed), and ::changed is
 *     emitted once per table.
 */
#define G_LOG_DOMAIN "pb-store"

#include "config.h"

#include <math.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gobject/gvaluecollector.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "pb-format.h"
#include "pb-health.h"
#include "pb-indicator-links.h"
#include "pb-record-list.h"
#include "pb-schema.h"
#include "pb-store-private.h"
#include "pb-trace.h"

#define DEFAULT_BUSY_TIMEOUT_MSEC 5000

typedef struct
{
  char   *label;
  gint64  first;
  gint64  last;
  gint64  plan_id;  /* the one plan it changed; 0 unknown, -1 several */
} Command;

typedef struct
{
  guint  table;
  gint64 row_id;
} Change;

struct _PbStore
{
  GObject      parent_instance;

  PbDb        *db;
  char        *path;
  GHashTable  *statements;   /* SQL → PbDbStmt */
  GHashTable **records;      /* per table: id → PbRecord (weak) */
  guint        n_tables;
  const GType *types;
  GPtrArray   *lists;        /* GWeakRef to PbRecordList */

  GArray      *undo_stack;   /* Command */
  GArray      *redo_stack;   /* Command */
  gint64       mark;         /* last log seq before the open transaction */
  guint        in_transaction : 1;
  guint        created : 1;
  guint        read_only : 1;
  guint        shared : 1;     /* on a server */
  guint        lost : 1;       /* its connection broke; reconnecting */
  guint        detached : 1;   /* another program removed its files */
  GDateTime   *checked;      /* when its files were last seen the library's */
  GStatBuf     checked_file; /* the library file then */
  char        *detached_message; /* why it refuses writes, once detached */
  PbStoreAccess access;      /* why it is read-only, if it is */
  PbStoreMember member;      /* the login's role in a shared library */
  char        *member_organisation; /* a reporter's organisation */
  char        *copy;         /* a private copy read instead of the file */

  guint        group_depth;
  char        *group_label;
  guint        group_start;

  guint64      generation;   /* bumped by every published change */
  gint64       data_version; /* PRAGMA data_version when last in step */
  char       **hash_sql;     /* per table: the query of a row's pb_row_hash() */
  GArray      *publishing;   /* Change: what ::changed is telling, while it does */
  gboolean     arrived_only; /* pb_store_refresh_arrived () */
  guint64     *table_generation; /* by table: the generation that last changed it */
  char        *change_date;  /* pb_store_set_change_date (), or NULL: today */
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_ONLINE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PbStore, pb_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pb-store-error-quark, pb_store_error)

static void
command_clear (gpointer data)
{
  Command *command = data;

  g_clear_pointer (&command->label, g_free);
}

static void forget_record (gpointer data, GObject *where_the_object_was);

static void
pb_store_finalize (GObject *object)
{
  PbStore *self = PB_STORE (object);
  GHashTableIter iter;
  gpointer value;

  g_clear_pointer (&self->lists, g_ptr_array_unref);

  for (guint t = 0; t < self->n_tables; t++)
    {
      g_hash_table_iter_init (&iter, self->records[t]);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, forget_record, self->records[t]);
      g_hash_table_unref (self->records[t]);
    }
  g_free (self->records);
  g_free (self->table_generation);
  g_clear_pointer (&self->checked, g_date_time_unref);
  g_clear_pointer (&self->detached_message, g_free);

  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    pb_db_finalize (value);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    pb_db_close (self->db);
  pb_db_remove_copy (self->copy);
  g_clear_pointer (&self->copy, g_free);

  g_clear_pointer (&self->undo_stack, g_array_unref);
  g_clear_pointer (&self->redo_stack, g_array_unref);
  g_clear_pointer (&self->group_label, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->member_organisation, g_free);
  g_clear_pointer (&self->change_date, g_free);
  if (self->hash_sql != NULL)
    for (guint t = 0; t < self->n_tables; t++)
      g_free (self->hash_sql[t]);
  g_clear_pointer (&self->hash_sql, g_free);

  G_OBJECT_CLASS (pb_store_parent_class)->finalize (object);
}

static void
pb_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PbStore *self = PB_STORE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pb_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pb_store_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, pb_store_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, pb_store_get_redo_label (self));
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, pb_store_get_online (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_store_class_init (PbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_store_finalize;
  object_class->get_property = pb_store_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PbStore:online:
   *
   * %FALSE while the connection to a shared library's server is lost and
   * pb_store_refresh() is reconnecting; always %TRUE for a library file.
   */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbStore::changed:
   * @table: the table whose rows changed
   *
   * Emitted after a command, an undo or a redo commits, once for each
   * table it changed, after records and lists are up to date.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
pb_store_init (PbStore *self)
{
  self->statements = g_hash_table_new (g_str_hash, g_str_equal);
  self->types = pb_model_get_types (&self->n_tables);
  self->records = g_new0 (GHashTable *, self->n_tables);
  self->table_generation = g_new0 (guint64, self->n_tables);
  for (guint t = 0; t < self->n_tables; t++)
    self->records[t] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lists = g_ptr_array_new_with_free_func (weak_ref_free);
  self->undo_stack = g_array_new (FALSE, FALSE, sizeof (Command));
  g_array_set_clear_func (self->undo_stack, command_clear);
  self->redo_stack = g_array_new (FALSE, FALSE, sizeof (Command));
  g_array_set_clear_func (self->redo_stack, command_clear);
}

/* ---- Errors ------------------------------------------------------------ */

/* A server that could not be reached, told in a short line the window
 * shows, then, on the next line, libpq's own words for the log and a
 * tooltip (pb_store_error_split ()). */
static void
set_unreachable_error (const char  *name,
                       PbDbReach    reach,
                       const char  *detail,
                       GError     **error)
{
  g_autofree char *said = NULL;

  switch (reach)
    {
    case PB_DB_REACH_NO_ANSWER:
      said = g_strdup_printf (_("Could not reach the shared library “%s”: the server is not answering."), name);
      break;
    case PB_DB_REACH_NOT_READY:
      said = g_strdup_printf (_("Could not reach the shared library “%s”: the server is starting up or shutting down. Try again in a moment."), name);
      break;
    case PB_DB_REACH_REFUSED:
      said = g_strdup_printf (_("Could not open the shared library “%s”: the server did not let this login in. Check the login, the password and the library’s name."), name);
      break;
    case PB_DB_REACH_UNKNOWN:
    default:
      said = g_strdup_printf (_("Could not reach the shared library “%s”."), name);
      break;
    }
  g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE, "%s\n%s", said, detail);
}

/**
 * pb_store_error_split:
 * @message: an error message of the store
 * @detail: (out) (transfer full) (optional): what follows the first line
 *   (the server's or library's own words), or %NULL
 *
 * A store error's message may carry, after its first line, the detail of
 * what the server said, for the log or a tooltip: the first line is the
 * one to show.
 *
 * Returns: (transfer full): the first line
 */
char *
pb_store_error_split (const char  *message,
                      char       **detail)
{
  const char *nl = strchr (message, '\n');

  if (detail != NULL)
    *detail = nl != NULL && nl[1] != '\0' ? g_strdup (nl + 1) : NULL;
  return nl != NULL ? g_strndup (message, nl - message) : g_strdup (message);
}

static gboolean
set_error_for_db (PbDb        *db,
                  const char  *path,
                  int          rc,
                  GError     **error)
{
  const char *detail = db ? pb_db_errmsg (db) : pb_db_errstr (rc);
  g_autofree char *name = pb_db_display_name (path ? path : "");
  g_autofree char *said = NULL;

  if (pb_db_is_server_uri (path))
    switch (rc & 0xff)
      {
      case PB_DB_PERM:
        /* The server's rule says what was refused and why. */
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_REFUSED,
                     _("The shared library refused the change: %s. Nothing was changed."), detail);
        return FALSE;
      case PB_DB_CANTOPEN:
      case PB_DB_AUTH:
        set_unreachable_error (name, db ? pb_db_get_reach (db) : PB_DB_REACH_UNKNOWN, detail, error);
        return FALSE;
      case PB_DB_IOERR:
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE,
                     _("The connection to the shared library “%s” was lost (%s), so the change was not saved. Try again when the server is back."),
                     name, detail);
        return FALSE;
      case PB_DB_BUSY:
      case PB_DB_LOCKED:
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY,
                     _("Someone else is changing the same part of the shared library “%s”. Nothing was changed; try again in a moment."),
                     name);
        return FALSE;
      default:
        break;
      }

  switch (rc & 0xff)
    {
    case PB_DB_BUSY:
    case PB_DB_LOCKED:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_BUSY,
                   _("The library “%s” is in use by another program. Nothing was changed; try again when it has finished."),
                   name);
      break;
    case PB_DB_READONLY:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("The library “%s” is read-only, so the change was not saved."),
                   name);
      break;
    case PB_DB_FULL:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_FULL,
                   _("The disk is full, so the change was not saved. Free some space and try again."));
      break;
    /* SQLite's own words (English, whatever the language) go after the
     * first line, for the log and a tooltip (pb_store_error_split ()):
     * the first line says what happened in the planner's language. */
    case PB_DB_IOERR:
      said = g_strdup_printf (_("The library “%s” could not be written to the disk, so the change was not saved. The disk may be full or failing."),
                              name);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO, "%s\n%s", said, detail);
      break;
    case PB_DB_CORRUPT:
      said = g_strdup_printf (_("The library “%s” is damaged: part of it cannot be read. It was not changed."), name);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT, "%s\n%s", said, detail);
      break;
    case PB_DB_NOTADB:
      said = g_strdup_printf (_("The library “%s” is damaged: it cannot be read as a library at all. It was not changed."), name);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT, "%s\n%s", said, detail);
      break;
    case PB_DB_CANTOPEN:
      said = g_strdup_printf (_("The library “%s” could not be opened."), name);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO, "%s\n%s", said, detail);
      break;
    case PB_DB_CONSTRAINT:
    case PB_DB_MISMATCH:
    case PB_DB_RANGE:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("The change does not fit the plan (%s), so it was not made."), detail);
      break;
    default:
      said = g_strdup_printf (_("The library “%s” could not be used."), name);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO, "%s\n%s", said, detail);
      break;
    }

  return FALSE;
}

gboolean
pb_store_set_error (PbStore  *self,
                    int       rc,
                    GError  **error)
{
  return set_error_for_db (self->db, self->path, rc, error);
}

PbDb *
pb_store_get_conn (PbStore *self)
{
  return self->db;
}

struct sqlite3 *
pb_store_get_db (PbStore *self)
{
  return pb_db_get_sqlite (self->db);
}

/* ---- Statements -------------------------------------------------------- */

/* Returns a cached statement for @sql, reset and with no bindings. */
PbDbStmt *
pb_store_prepare (PbStore     *self,
                  const char  *sql,
                  GError     **error)
{
  PbDbStmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      pb_db_reset (stmt);
      pb_db_clear_bindings (stmt);
      return stmt;
    }

  rc = pb_db_prepare_persistent (self->db, sql, &stmt);
  if (rc != PB_DB_OK)
    {
      pb_store_set_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (char *) pb_db_sql (stmt), stmt);
  return stmt;
}

gboolean
pb_store_step_done (PbStore       *self,
                    PbDbStmt      *stmt,
                    GError       **error)
{
  int rc = pb_db_step (stmt);

  if (rc == PB_DB_ROW || rc == PB_DB_DONE)
    {
      pb_db_reset (stmt);
      return TRUE;
    }

  pb_store_set_error (self, rc, error);
  pb_db_reset (stmt);
  return FALSE;
}

/* How a failed read is told: a reader says the library could not be read,
 * never that a change was not saved. */
static void
set_read_error (PbStore  *self,
                int       rc,
                GError  **error)
{
  g_autofree char *name = pb_db_display_name (self->path ? self->path : "");

  /* A lost server or a refusal says so, as for a write. */
  if (pb_db_is_server_uri (self->path) &&
      ((rc & 0xff) == PB_DB_IOERR || (rc & 0xff) == PB_DB_PERM))
    {
      pb_store_set_error (self, rc, error);
      return;
    }

  switch (rc & 0xff)
    {
    case PB_DB_BUSY:
    case PB_DB_LOCKED:
    case PB_DB_CORRUPT:
    case PB_DB_NOTADB:
      pb_store_set_error (self, rc, error);
      break;
    default:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                   _("The library “%s” could not be read to the end (%s)."),
                   name, pb_db_errmsg (self->db));
      break;
    }
}

/**
 * pb_store_step: (skip)
 * @self: a store
 * @stmt: a statement of the store's connection
 * @error: where to say why reading failed
 *
 * The one way to step a statement whose rows are read: anything SQLite
 * answers other than a row or the end (an I/O error, a damaged page, an
 * interrupt, a lock) becomes @error, so a loop never takes a failure for
 * the end of the rows and returns part of them as if they were all. With
 * @error %NULL the failure is logged.
 *
 *   while (pb_store_step (store, stmt, &local)) … ;
 *   if (local != NULL) … fail …
 *
 * Returns: %TRUE with a row; %FALSE at the end or on a failure
 */
gboolean
pb_store_step (PbStore       *self,
               PbDbStmt      *stmt,
               GError       **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = pb_db_step (stmt);
  if (rc == PB_DB_ROW)
    return TRUE;
  if (rc == PB_DB_DONE)
    return FALSE;

  if (error != NULL)
    {
      if (*error == NULL)
        set_read_error (self, rc, error);
    }
  else
    g_warning ("Reading the library failed: %s (%s)", pb_db_errstr (rc),
               pb_db_sql (stmt));
  return FALSE;
}

gboolean
pb_store_exec (PbStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = pb_db_exec (self->db, sql);

  if (rc != PB_DB_OK)
    return pb_store_set_error (self, rc, error);

  return TRUE;
}

static gint64
query_int (PbDb       *db,
           const char *sql,
           int        *rc_out)
{
  PbDbStmt *stmt = NULL;
  gint64 value = 0;
  int rc;

  rc = pb_db_prepare (db, sql, &stmt);
  if (rc == PB_DB_OK)
    {
      rc = pb_db_step (stmt);
      if (rc == PB_DB_ROW)
        {
          value = pb_db_column_int64 (stmt, 0);
          rc = PB_DB_OK;
        }
    }
  pb_db_finalize (stmt);

  if (rc_out)
    *rc_out = rc;
  return value;
}

static guint
table_index (PbStore    *self,
             const char *table)
{
  for (guint t = 0; t < self->n_tables; t++)
    {
      PbRecordClass *klass = g_type_class_peek (self->types[t]);

      if (g_str_equal (klass->table, table))
        return t;
    }

  g_assert_not_reached ();
}

static guint
type_index (PbStore *self,
            GType    type)
{
  for (guint t = 0; t < self->n_tables; t++)
    if (self->types[t] == type)
      return t;

  g_assert_not_reached ();
}

/* ---- Opening ----------------------------------------------------------- */

static PbStoreAccess file_access (const char *path);
static gboolean check_file (const char *path, PbStoreAccess access_, gboolean *is_empty, int *version, GError **error);
static gint64   read_data_version (PbStore *self);

/* Refuses a file that is not a library of a version this code can read,
 * reading it only. */
gboolean
pb_store_check_file (const char  *path,
                     GError     **error)
{
  gboolean is_empty = TRUE;
  int version = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("There is no file “%s”."), name);
      return FALSE;
    }

  if (!check_file (path, file_access (path), &is_empty, &version, error))
    return FALSE;

  if (is_empty)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is empty: it holds no plan."), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_store_default_path:
 *
 * Returns: (transfer full): `$PLANBOARD_DB` if set, else
 *   `$XDG_DATA_HOME/planboard/library.db`
 */
char *
pb_store_default_path (void)
{
  const char *env = g_getenv ("PLANBOARD_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "planboard", "library.db", NULL);
}

/* ---- Opening for reading ---------------------------------------------- */

/* Whether @path (an existing file) can be written, and if not, why. As
 * root, access() says a 0444 file is writable, and it is. */
static PbStoreAccess
file_access (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statvfs fs;

  if (statvfs (dir, &fs) == 0 && (fs.f_flag & ST_RDONLY))
    return PB_STORE_ACCESS_READ_ONLY_DISK;
  if (access (dir, W_OK) != 0)
    return errno == EROFS ? PB_STORE_ACCESS_READ_ONLY_DISK : PB_STORE_ACCESS_READ_ONLY_FOLDER;
  if (access (path, W_OK) != 0)
    return errno == EROFS ? PB_STORE_ACCESS_READ_ONLY_DISK : PB_STORE_ACCESS_READ_ONLY_FILE;

  return PB_STORE_ACCESS_WRITABLE;
}

/* ---- Checking ahead ---------------------------------------------------- */

/* The check of one file (check_file ()) run in a thread while the caller
 * does something else; pb_store_open () of the same file takes its
 * result. */
typedef struct
{
  char          *path;
  PbStoreAccess  access;
  GThread       *thread;
  gboolean       ok;
  gboolean       is_empty;
  int            version;
  GError        *error;
} CheckAhead;

static GMutex ahead_lock;
static CheckAhead *ahead;

static gpointer
check_ahead_thread (gpointer data)
{
  CheckAhead *c = data;

  c->ok = check_file (c->path, c->access, &c->is_empty, &c->version, &c->error);
  return NULL;
}

static void
check_ahead_free (CheckAhead *c)
{
  g_thread_join (c->thread);
  g_free (c->path);
  g_clear_error (&c->error);
  g_free (c);
}

/**
 * pb_store_check_ahead:
 * @path: a library file (a server's address is ignored)
 *
 * Starts, in a thread, the checks pb_store_open() makes of @path before it
 * opens it (the header, the format and `PRAGMA quick_check`, on a
 * connection of their own that reads only), so that a program can do
 * something else meanwhile (the window's start: GTK, libadwaita). The
 * next pb_store_open() of the same @path waits for the checks and refuses
 * the file exactly as if it had made them itself; any other path, or the
 * file's access having changed, makes them again. Nothing is checked ahead
 * for a file that does not exist yet.
 */
void
pb_store_check_ahead (const char *path)
{
  CheckAhead *c;

  g_return_if_fail (path != NULL);

  pb_store_check_ahead_cancel ();
  if (pb_db_is_server_uri (path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;

  c = g_new0 (CheckAhead, 1);
  c->path = g_strdup (path);
  c->access = file_access (path);
  c->thread = g_thread_new ("pb-check-ahead", check_ahead_thread, c);

  g_mutex_lock (&ahead_lock);
  ahead = c;
  g_mutex_unlock (&ahead_lock);
}

/**
 * pb_store_check_ahead_cancel:
 *
 * Waits for a check started by pb_store_check_ahead() and forgets it (a
 * program that ends without opening the library).
 */
void
pb_store_check_ahead_cancel (void)
{
  CheckAhead *c;

  g_mutex_lock (&ahead_lock);
  c = g_steal_pointer (&ahead);
  g_mutex_unlock (&ahead_lock);
  if (c != NULL)
    check_ahead_free (c);
}

/* The checks of @path started ahead, waited for: TRUE with their result in
 * @ok (and @error), or FALSE when there were none for this path and
 * access (the caller checks). */
static gboolean
take_check_ahead (const char     *path,
                  PbStoreAccess   access_,
                  gboolean       *ok,
                  gboolean       *is_empty,
                  int            *version,
                  GError        **error)
{
  CheckAhead *c;
  gboolean found;

  g_mutex_lock (&ahead_lock);
  c = g_steal_pointer (&ahead);
  g_mutex_unlock (&ahead_lock);
  if (c == NULL)
    return FALSE;

  g_thread_join (c->thread);
  c->thread = NULL;
  found = g_str_equal (c->path, path) && c->access == access_;
  if (found)
    {
      *ok = c->ok;
      *is_empty = c->is_empty;
      *version = c->version;
      if (c->error != NULL)
        g_propagate_error (error, g_steal_pointer (&c->error));
    }
  g_free (c->path);
  g_clear_error (&c->error);
  g_free (c);
  return found;
}

/* Reads the header pragmas through a read-only connection, so a file that
 * is refused is never written to. */
static gboolean check_header (PbDb        *db,
                              const char  *path,
                              gboolean    *is_empty,
                              int         *version,
                              GError     **error);

static gboolean
check_file (const char     *path,
            PbStoreAccess   access_,
            gboolean       *is_empty,
            int            *version,
            GError        **error)
{
  g_autofree char *copy = NULL;
  PbDb *db = NULL;
  gboolean ok;
  int rc;

  rc = pb_db_open_reader (path, access_ == PB_STORE_ACCESS_WRITABLE, &db, &copy);
  if (rc != PB_DB_OK)
    {
      set_error_for_db (db, path, rc, error);
      pb_db_close (db);
      pb_db_remove_copy (copy);
      return FALSE;
    }

  ok = check_header (db, path, is_empty, version, error);
  pb_db_close (db);
  pb_db_remove_copy (copy);
  return ok;
}

static gboolean
check_header (PbDb        *db,
              const char  *path,
              gboolean    *is_empty,
              int         *version,
              GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  gint64 app_id = 0, user_version = 0, n_objects = 0;
  int rc;

  pb_db_busy_timeout (db, DEFAULT_BUSY_TIMEOUT_MSEC);

  rc = pb_db_read_header (db, &app_id, &user_version, &n_objects);
  *version = (int) user_version;

  if (rc == PB_DB_NOTADB)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is not a Planboard library: it is not a database at all. It was not changed."),
                   name);
      goto fail;
    }
  if (rc != PB_DB_OK)
    {
      set_error_for_db (db, path, rc, error);
      goto fail;
    }

  *is_empty = app_id == 0 && *version == 0 && n_objects == 0;

  if (!*is_empty && app_id != PB_APPLICATION_ID)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is a database of another program, not a Planboard library. It was not changed."),
                   name);
      goto fail;
    }

  if (*version > PB_SCHEMA_VERSION)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEWER_SCHEMA,
                   _("The library “%s” was saved by a newer version of Planboard (format %d; this version knows up to %d). Update Planboard to open it. It was not changed."),
                   name, *version, PB_SCHEMA_VERSION);
      goto fail;
    }

  if (!*is_empty)
    {
      gboolean ok = FALSE;

      pb_db_quick_check (db, &ok);

      if (!ok)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CORRUPT,
                       _("The library “%s” is damaged and cannot be opened safely. It was not changed; restore it from a backup or an exported plan file."),
                       name);
          goto fail;
        }
    }

  return TRUE;

fail:
  return FALSE;
}

/* Rebuilds every table whose id is not AUTOINCREMENT yet from its own
 * definition, the way SQLite's documentation says to change a table: make
 * the new table, copy the rows, drop the old one, rename the new one and
 * make the indexes again. Runs inside the migration's transaction, before
 * foreign keys are switched on. */
static gboolean
rebuild_autoincrement (PbStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  PbDbStmt *stmt;

  stmt = pb_store_prepare (self, "SELECT name, sql FROM main.sqlite_master WHERE type = 'table'"
                                 " AND name NOT LIKE 'sqlite_%' ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while (pb_store_step (self, stmt, &local))
    {
      g_ptr_array_add (tables, g_strdup ((const char *) pb_db_column_text (stmt, 0)));
      g_ptr_array_add (definitions, g_strdup ((const char *) pb_db_column_text (stmt, 1)));
    }
  pb_db_reset (stmt);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      const char *definition = g_ptr_array_index (definitions, i);
      const char *body = strchr (definition, '(');
      const char *key = strstr (definition, "id INTEGER PRIMARY KEY");
      g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) sql = NULL;

      if (body == NULL || key == NULL || key < body || strstr (definition, "AUTOINCREMENT") != NULL)
        continue;

      stmt = pb_store_prepare (self, "SELECT sql FROM main.sqlite_master WHERE type = 'index'"
                                     " AND tbl_name = ?1 AND sql IS NOT NULL", error);
      if (stmt == NULL)
        return FALSE;
      pb_db_bind_text (stmt, 1, table);
      while (pb_store_step (self, stmt, &local))
        g_ptr_array_add (indexes, g_strdup ((const char *) pb_db_column_text (stmt, 0)));
      pb_db_reset (stmt);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }

      key += strlen ("id INTEGER PRIMARY KEY");
      sql = g_string_new (NULL);
      g_string_append_printf (sql, "CREATE TABLE main.\"pb_rebuild_%s\" ", table);
      g_string_append_len (sql, body, key - body);
      g_string_append (sql, " AUTOINCREMENT");
      g_string_append (sql, key);
      g_string_append_printf (sql, ";INSERT INTO main.\"pb_rebuild_%1$s\" SELECT * FROM main.\"%1$s\";"
                                   "DROP TABLE main.\"%1$s\";"
                                   "ALTER TABLE main.\"pb_rebuild_%1$s\" RENAME TO \"%1$s\";",
                              table);
      for (guint j = 0; j < indexes->len; j++)
        g_string_append_printf (sql, "%s;", (const char *) g_ptr_array_index (indexes, j));

      if (!pb_store_exec (self, sql->str, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (PbStore  *self,
         int       from,
         GError  **error)
{
  for (int to = from + 1; to <= PB_SCHEMA_VERSION; to++)
    {
      g_autofree char *sql = NULL;
      const char *fail_at = g_getenv ("PB_TEST_FAIL_MIGRATION");
      const char *sql_after = NULL;
      PbMigrationStep step = pb_schema_migration_step (to, &sql_after);

      if (!pb_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      sql = g_strdup_printf ("%s;"
                             "PRAGMA application_id = %d;"
                             "PRAGMA user_version = %d;",
                             sql_after ? sql_after : "", PB_APPLICATION_ID, to);

      /* A test can make one step fail, to show that the steps before it
       * stay committed and the failing one leaves no trace. */
      if (fail_at != NULL && atoi (fail_at) == to)
        {
          g_autofree char *broken = g_strconcat (sql, "SELECT no_such_function();", NULL);
          g_free (sql);
          sql = g_steal_pointer (&broken);
        }

      if ((g_str_equal (pb_schema_migration (to), PB_SCHEMA_REBUILD_AUTOINCREMENT) &&
           !rebuild_autoincrement (self, error)) ||
          !pb_store_exec (self, pb_schema_migration (to), error) ||
          (step != NULL && !step (self->db, 0, error)) ||
          !pb_store_exec (self, sql, error) ||
          !pb_store_exec (self, "COMMIT", error))
        {
          g_autoptr(GError) local = NULL;
          pb_db_exec (self->db, "ROLLBACK");
          local = g_error_new (PB_STORE_ERROR, PB_STORE_ERROR_IO,
                               _("The library could not be upgraded to format %d: %s"),
                               to, error && *error ? (*error)->message : "");
          g_clear_error (error);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  return TRUE;
}

/* Builds the temporary triggers that log, for every row a statement
 * touches, the SQL that restores it and what the row must still look like
 * for that SQL to be run (see replay()). They are made from the table as it
 * is in the file, so every column is covered.
 *
 *   insert  sql: DELETE the row;           hash: pb_row_hash() of the row
 *   update  sql: UPDATE the changed        chk: the changed columns as the
 *                columns back                   update left them; hash: of
 *                                               the whole row
 *   delete  sql: INSERT the row again;     chk, hash: NULL (the row must be
 *                                               absent)
 *
 * An update that changes nothing is not logged. */
static gboolean
create_undo_log (PbStore  *self,
                 GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  int rc;

  rc = pb_db_install_functions (self->db);
  if (rc != PB_DB_OK)
    return pb_store_set_error (self, rc, error);

  g_string_append (sql,
                   "CREATE TEMP TABLE pb_undolog ("
                   " seq INTEGER PRIMARY KEY,"
                   " tbl TEXT NOT NULL,"
                   " row_id INTEGER NOT NULL,"
                   " sql TEXT NOT NULL,"
                   " chk TEXT,"
                   " hash INTEGER);");

  self->hash_sql = g_new0 (char *, self->n_tables);

  for (guint t = 0; t < self->n_tables; t++)
    {
      PbRecordClass *klass = g_type_class_ref (self->types[t]);
      const char *table = klass->table;
      g_autoptr(GString) set = g_string_new (NULL);
      g_autoptr(GString) names = g_string_new ("id");
      g_autoptr(GString) values = g_string_new ("old.id");
      g_autoptr(GString) hashed = g_string_new (NULL);
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(GString) changed = g_string_new (NULL);
      g_autoptr(GString) differs = g_string_new (NULL);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA main.table_info(%s)", table);
      g_autoptr(GError) local = NULL;
      PbDbStmt *stmt = NULL;

      g_type_class_unref (klass);

      rc = pb_db_prepare (self->db, pragma, &stmt);
      while (rc == PB_DB_OK && pb_store_step (self, stmt, &local))
        {
          const char *col = (const char *) pb_db_column_text (stmt, 1);
          const char *decl = (const char *) pb_db_column_text (stmt, 2);
          g_autofree char *old_expr = NULL;
          g_autofree char *new_expr = NULL;

          if (g_str_equal (col, "id"))
            continue;

          /* quote() keeps 15 digits of a REAL; 17 round-trip exactly. */
          if (decl && g_ascii_strcasecmp (decl, "REAL") == 0)
            {
              old_expr = g_strdup_printf ("CASE typeof(old.%1$s) WHEN 'real' THEN printf('%%!.17g', old.%1$s)"
                                          " ELSE quote(old.%1$s) END", col);
              new_expr = g_strdup_printf ("CASE typeof(new.%1$s) WHEN 'real' THEN printf('%%!.17g', new.%1$s)"
                                          " ELSE quote(new.%1$s) END", col);
            }
          else
            {
              old_expr = g_strdup_printf ("quote(old.%s)", col);
              new_expr = g_strdup_printf ("quote(new.%s)", col);
            }

          g_string_append_printf (set, "||CASE WHEN old.%1$s IS NOT new.%1$s THEN ',%1$s='||%2$s ELSE '' END",
                                  col, old_expr);
          g_string_append_printf (changed, "||CASE WHEN old.%1$s IS NOT new.%1$s THEN ' AND %1$s IS '||%2$s ELSE '' END",
                                  col, new_expr);
          g_string_append_printf (differs, "%1$sold.%2$s IS NOT new.%2$s", differs->len ? " OR " : "", col);
          g_string_append_printf (hashed, "%snew.%s", hashed->len ? "," : "", col);
          g_string_append_printf (columns, "%s%s", columns->len ? "," : "", col);
          g_string_append_printf (names, ",%s", col);
          g_string_append_printf (values, "||','||%s", old_expr);
        }
      pb_db_finalize (stmt);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (rc != PB_DB_OK || set->len == 0)
        return pb_store_set_error (self, rc != PB_DB_OK ? rc : PB_DB_CORRUPT, error);

      self->hash_sql[t] = g_strdup_printf ("SELECT pb_row_hash(%s) FROM main.%s WHERE id = ?1",
                                           columns->str, table);

      g_string_append_printf (sql,
        "CREATE TEMP TRIGGER pb_undo_%1$s_insert AFTER INSERT ON main.%1$s BEGIN"
        " INSERT INTO pb_undolog (tbl, row_id, sql, chk, hash)"
        " VALUES ('%1$s', new.id, 'DELETE FROM main.%1$s WHERE id='||new.id, NULL, pb_row_hash(%5$s)); END;"
        "CREATE TEMP TRIGGER pb_undo_%1$s_update AFTER UPDATE ON main.%1$s WHEN %7$s BEGIN"
        " INSERT INTO pb_undolog (tbl, row_id, sql, chk, hash)"
        " VALUES ('%1$s', old.id, 'UPDATE main.%1$s SET '||substr(''%2$s, 2)||' WHERE id='||old.id,"
        " '1'%6$s, pb_row_hash(%5$s)); END;"
        "CREATE TEMP TRIGGER pb_undo_%1$s_delete BEFORE DELETE ON main.%1$s BEGIN"
        " INSERT INTO pb_undolog (tbl, row_id, sql, chk, hash)"
        " VALUES ('%1$s', old.id, 'INSERT INTO main.%1$s (%3$s) VALUES ('||%4$s||')', NULL, NULL); END;",
        table, set->str, names->str, values->str, hashed->str, changed->str, differs->str);
    }

  return pb_store_exec (self, sql->str, error);
}

/* The session's undo log on a server: the triggers are the library's own
 * (pb_db_pg_triggers_sql(), made by `library init`); they write to this
 * table when the connection has one. A row's fingerprint is of its JSON,
 * as the triggers take it. */
static gboolean
create_server_undo_log (PbStore  *self,
                        GError  **error)
{
  if (!pb_store_exec (self, pb_db_pg_undo_log_sql (), error))
    return FALSE;

  self->hash_sql = g_new0 (char *, self->n_tables);
  for (guint t = 0; t < self->n_tables; t++)
    {
      PbRecordClass *klass = g_type_class_ref (self->types[t]);

      self->hash_sql[t] = g_strdup_printf ("SELECT pb_row_hash(to_jsonb(r) - 'id') FROM %s r WHERE id = ?1",
                                           klass->table);
      g_type_class_unref (klass);
    }
  return TRUE;
}

/* Who the login is in a shared library: pb_my_role (), the rule the
 * server's policies use (its pb_member row; the database's owner and
 * superusers are the office). A viewer's store is read-only, saying so;
 * a reporter's knows its organisation, so the window can say whose items
 * it reports on. A login of no role reads at most, like a viewer. */
static gboolean
read_member (PbStore  *self,
             GError  **error)
{
  PbDbStmt *stmt;
  g_autofree char *role = NULL;
  int rc;

  rc = pb_db_prepare (self->db,
                      "SELECT public.pb_my_role (),"
                      " (SELECT m.organisation FROM public.pb_member m WHERE m.login = current_user)",
                      &stmt);
  if (rc == PB_DB_OK)
    {
      rc = pb_db_step (stmt);
      if (rc == PB_DB_ROW)
        {
          role = g_strdup (pb_db_column_text (stmt, 0));
          self->member_organisation = g_strdup (pb_db_column_text (stmt, 1));
        }
      pb_db_finalize (stmt);
    }
  if (rc != PB_DB_ROW)
    return pb_store_set_error (self, rc, error);

  if (g_strcmp0 (role, "office") == 0)
    self->member = PB_STORE_MEMBER_OFFICE;
  else if (g_strcmp0 (role, "reporter") == 0 && self->member_organisation && *self->member_organisation)
    self->member = PB_STORE_MEMBER_REPORTER;
  else
    {
      self->member = PB_STORE_MEMBER_VIEWER;
      self->read_only = TRUE;
      self->access = PB_STORE_ACCESS_SHARED_VIEWER;
    }
  return TRUE;
}

/* Opens a shared library on a PostgreSQL server (@path is its URI). Its
 * schema is made by `planboard-cli --db URI library init`, never by
 * opening it; a server that does not answer is given up after a few
 * seconds. */
static PbStore *
open_server (const char        *path,
             const char        *password,
             PbStoreOpenFlags   flags,
             GError           **error)
{
  g_autoptr(PbStore) self = g_object_new (PB_TYPE_STORE, NULL);
  g_autofree char *name = pb_db_display_name (path);
  g_autofree char *version_text = NULL;
  PbDbStmt *stmt;
  int rc, version;

  self->path = g_strdup (path);
  self->read_only = (flags & PB_STORE_OPEN_READ_ONLY) != 0;
  self->access = self->read_only ? PB_STORE_ACCESS_OPENED_READ_ONLY : PB_STORE_ACCESS_WRITABLE;
  self->shared = TRUE;

  if (!pb_db_have_backend (PB_DB_BACKEND_POSTGRESQL))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE,
                   _("“%s” is a shared library on a PostgreSQL server, but this Planboard was built without PostgreSQL support."),
                   name);
      return NULL;
    }

  rc = pb_db_open_with_password (path, password, self->read_only ? PB_DB_OPEN_READONLY : PB_DB_OPEN_READWRITE,
                                 &self->db);
  if (rc == PB_DB_AUTH || rc == PB_DB_AUTH_REJECTED)
    {
      g_autofree char *login = pb_db_server_login (path);

      if (rc == PB_DB_AUTH)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEEDS_PASSWORD,
                     _("The shared library “%s” needs the password of “%s”: give it in PGPASSWORD or ~/.pgpass, or in the window."),
                     name, login);
      else
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_WRONG_PASSWORD,
                     _("The shared library “%s” did not accept the password of “%s”."), name, login);
      return NULL;
    }
  if (rc != PB_DB_OK)
    {
      set_unreachable_error (name, pb_db_get_reach (self->db),
                             self->db ? pb_db_errmsg (self->db) : pb_db_errstr (rc), error);
      return NULL;
    }

  /* The schema's version; no library_info at all is an empty database. */
  rc = pb_db_prepare (self->db, "SELECT value FROM library_info WHERE key = 'schema_version'", &stmt);
  if (rc == PB_DB_OK)
    {
      rc = pb_db_step (stmt);
      if (rc == PB_DB_ROW)
        version_text = g_strdup (pb_db_column_text (stmt, 0));
      pb_db_finalize (stmt);
    }
  if (rc != PB_DB_ROW || version_text == NULL)
    {
      if (rc == PB_DB_ERROR || rc == PB_DB_DONE)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_LIBRARY,
                     _("The database “%s” holds no Planboard library yet. The office sets it up with “planboard-cli --db URI library init”."),
                     name);
      else
        pb_store_set_error (self, rc, error);
      return NULL;
    }
  version = atoi (version_text);
  if (version > PB_SCHEMA_VERSION)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEWER_SCHEMA,
                   _("The shared library “%s” was set up by a newer version of Planboard (format %d; this version knows up to %d). Update Planboard to open it."),
                   name, version, PB_SCHEMA_VERSION);
      return NULL;
    }
  if (version < PB_SCHEMA_VERSION)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NEWER_SCHEMA,
                   _("The shared library “%s” is in an older format (%d; this version needs %d). The office upgrades it with “planboard-cli --db URI library init”."),
                   name, version, PB_SCHEMA_VERSION);
      return NULL;
    }

  pb_db_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MSEC);

  if (!read_member (self, error))
    return NULL;

  if (!self->read_only && !create_server_undo_log (self, error))
    return NULL;

  self->data_version = read_data_version (self);
  return g_steal_pointer (&self);
}

/**
 * pb_store_open_with_password:
 * @path: a shared library's URI
 * @password: the password the planner typed: handed to libpq only, never
 *   copied, logged or written; the caller clears it after the call
 * @flags: as for pb_store_open()
 * @error: where to say why it failed: %PB_STORE_ERROR_WRONG_PASSWORD when
 *   the server did not accept the password
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PbStore *
pb_store_open_with_password (const char        *path,
                             const char        *password,
                             PbStoreOpenFlags   flags,
                             GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!pb_db_is_server_uri (path))
    return pb_store_open (path, flags, error);
  return open_server (path, password, flags, error);
}

/**
 * pb_store_open:
 * @path: the library file
 * @flags: %PB_STORE_OPEN_CREATE to make the file (and its folder) if it is
 *   missing; %PB_STORE_OPEN_READ_ONLY to never write
 * @error: where to say why it failed
 *
 * Opens a library. A file that is not a Planboard library, was written by
 * a newer version, or fails `PRAGMA quick_check` is refused and left
 * untouched. An older library is upgraded, one format step per
 * transaction.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PbStore *
pb_store_open (const char        *path,
               PbStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(PbStore) self = NULL;
  gboolean exists, is_empty = TRUE;
  PbStoreAccess access_ = PB_STORE_ACCESS_WRITABLE;
  int version = 0, rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (pb_db_is_server_uri (path))
    return open_server (path, NULL, flags, error);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);

  if (!exists && !(flags & PB_STORE_OPEN_CREATE))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("There is no library at “%s”."), name);
      return NULL;
    }

  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_A_LIBRARY,
                   _("“%s” is a folder, not a Planboard library."), name);
      return NULL;
    }

  /* A file that cannot be written (its own mode, its folder's, a
   * read-only disk) opens for reading, whatever was asked. */
  if (exists)
    access_ = file_access (path);

  if (exists)
    {
      gboolean ok = FALSE;

      /* Checked in a thread while the program started, or now. */
      if (!take_check_ahead (path, access_, &ok, &is_empty, &version, error))
        ok = check_file (path, access_, &is_empty, &version, error);
      pb_trace_start ("store: file checked (quick_check, waited for)");
      if (!ok)
        return NULL;
    }

  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (dir);
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                       _("The folder “%s” for the library could not be made: %s"),
                       name, g_strerror (saved_errno));
          return NULL;
        }
      if (access (dir, W_OK) != 0)
        {
          g_autofree char *name = g_filename_display_name (dir);
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                       _("The folder “%s” is read-only, so no library can be made in it."),
                       name);
          return NULL;
        }
    }

  self = g_object_new (PB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->created = !exists;
  self->access = access_;
  if (access_ == PB_STORE_ACCESS_WRITABLE && (flags & PB_STORE_OPEN_READ_ONLY))
    self->access = PB_STORE_ACCESS_OPENED_READ_ONLY;
  self->read_only = self->access != PB_STORE_ACCESS_WRITABLE;

  if (self->read_only && (is_empty || version < PB_SCHEMA_VERSION))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("The library “%s” is in an older format and must be upgraded, which needs it writable."),
                   name);
      return NULL;
    }

  if (self->read_only)
    {
      /* Private copies a killed reader left behind go first. */
      pb_store_remove_stale_files (g_get_tmp_dir (), PB_DB_COPY_PREFIX);
      rc = pb_db_open_reader (path, access_ == PB_STORE_ACCESS_WRITABLE, &self->db, &self->copy);
    }
  else
    {
      rc = pb_db_open (path, PB_DB_OPEN_READWRITE | PB_DB_OPEN_CREATE, &self->db);
      /* Closing never removes the -wal and -shm: another program (the
       * app, while this is planboard-cli) may be using them with its
       * locks lost (pb_db_set_keep_wal()). */
      if (rc == PB_DB_OK)
        rc = pb_db_set_keep_wal (self->db, TRUE);
    }
  if (rc != PB_DB_OK)
    {
      pb_store_set_error (self, rc, error);
      return NULL;
    }

  pb_db_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MSEC);

  if (!self->read_only)
    {
      if (!pb_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
          !migrate (self, version, error))
        return NULL;
    }
  pb_trace_start ("store: opened, WAL, migrations checked");

  if (!pb_store_exec (self,
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA temp_store = MEMORY;",
                      error))
    return NULL;

  /* A connection that reads a library it may not change never writes,
   * whatever a bug asks of it. */
  if (self->read_only && !pb_store_exec (self, "PRAGMA query_only = 1", error))
    return NULL;

  if (!self->read_only && !create_undo_log (self, error))
    return NULL;

  self->data_version = read_data_version (self);

  /* Holds the library against other programs for as long as it is open,
   * whatever closes a descriptor of its files in this process
   * (pb_db_hold_library()). */
  if (!self->read_only)
    {
      rc = pb_db_hold_library (self->db);
      if (rc != PB_DB_OK)
        {
          pb_store_set_error (self, rc, error);
          return NULL;
        }
    }

  /* Notes the -wal and -shm it has open, for check_files (). */
  if (!self->read_only && pb_db_check_files (self->db) != PB_DB_OK)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_IO,
                   _("The library “%s” could not be opened: another program moved or removed its files while it was being opened."),
                   name);
      return NULL;
    }
  self->checked = g_date_time_new_now_local ();
  if (g_stat (path, &self->checked_file) != 0)
    memset (&self->checked_file, 0, sizeof self->checked_file);

  return g_steal_pointer (&self);
}

const char *
pb_store_get_path (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return self->path;
}

/**
 * pb_store_dup_display_name:
 * @self: a store
 *
 * Returns: (transfer full): what to call the library: its file's name,
 *   or for a shared library its database and server, never a password
 */
char *
pb_store_dup_display_name (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  return pb_db_display_name (self->path);
}

/**
 * pb_store_is_shared:
 * @self: a store
 *
 * Returns: %TRUE if the library is on a PostgreSQL server
 */
gboolean
pb_store_is_shared (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  return self->shared;
}

/**
 * pb_store_get_created:
 * @self: a store
 *
 * Returns: %TRUE if opening the store made a new library file
 */
gboolean
pb_store_get_created (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  return self->created;
}

/**
 * pb_store_get_generation:
 * @self: a store
 *
 * A number that changes whenever the store publishes a change (a command,
 * an undo or a redo), before the "changed" signal: for caches of what is
 * computed from the library.
 *
 * Returns: the current generation
 */
guint64
pb_store_get_generation (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return self->generation;
}

/**
 * pb_store_get_table_generation:
 * @self: a store
 * @table: a table, such as "target"
 *
 * The generation (see pb_store_get_generation()) of the last published
 * change to @table, or 0: a cache of what is computed from some tables
 * only can outlive changes to the others.
 *
 * Returns: the generation
 */
guint64
pb_store_get_table_generation (PbStore    *self,
                               const char *table)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return self->table_generation[table_index (self, table)];
}

gboolean
pb_store_get_read_only (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * pb_store_get_access:
 * @self: a store
 *
 * Returns: whether the library can be written, and if not, why
 */
PbStoreAccess
pb_store_get_access (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), PB_STORE_ACCESS_OPENED_READ_ONLY);
  return self->access;
}

/**
 * pb_store_get_member_role:
 * @self: a store
 * @organisation: (out) (optional) (transfer none): a reporter's
 *   organisation, else %NULL
 *
 * The login's role in a shared library, as the server's rules see it
 * (read when the library was opened). A library file is the planner's
 * own: the office.
 *
 * Returns: the role
 */
PbStoreMember
pb_store_get_member_role (PbStore     *self,
                          const char **organisation)
{
  g_return_val_if_fail (PB_IS_STORE (self), PB_STORE_MEMBER_VIEWER);
  if (organisation)
    *organisation = self->member == PB_STORE_MEMBER_REPORTER ? self->member_organisation : NULL;
  return self->member;
}

/**
 * pb_store_may_report_on_item:
 * @self: a store
 * @item_id: an item
 *
 * Whether the planner may record the item's actuals, notes, status and
 * progress: the office may (on a library it can write), a viewer may not,
 * and a reporter may when one of the item's lead or responsible
 * organisations is its own, as the server's rule (pb_reports_on_item)
 * says, names, short names and aliases included. The server enforces it
 * anyway; this is for the window to say so before it is tried.
 *
 * Returns: %TRUE when the planner may report on the item
 */
gboolean
pb_store_may_report_on_item (PbStore *self,
                             gint64   item_id)
{
  g_autoptr(GError) error = NULL;
  PbDbStmt *stmt;
  gboolean may = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (self->read_only)
    return FALSE;
  if (self->member != PB_STORE_MEMBER_REPORTER)
    return self->member == PB_STORE_MEMBER_OFFICE;

  stmt = pb_store_prepare (self, "SELECT CASE WHEN public.pb_reports_on_item (?1) THEN 1 ELSE 0 END", &error);
  if (stmt != NULL)
    {
      pb_db_bind_int64 (stmt, 1, item_id);
      if (pb_store_step (self, stmt, &error))
        may = pb_db_column_int64 (stmt, 0) == 1;
      pb_db_reset (stmt);
    }
  if (error != NULL)
    g_warning ("Cannot tell whether this login may report on item %" G_GINT64_FORMAT ": %s", item_id, error->message);
  return may;
}

/**
 * pb_store_check_writable:
 * @self: a store
 * @error: where to say why the library cannot be changed
 *
 * Returns: %TRUE if the library can be changed, else %FALSE with @error
 *   (%PB_STORE_ERROR_READ_ONLY) saying why, in a planner's words
 */
gboolean
pb_store_check_writable (PbStore  *self,
                         GError  **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (!self->read_only)
    return TRUE;

  name = pb_db_display_name (self->path);
  switch (self->access)
    {
    case PB_STORE_ACCESS_SHARED_VIEWER:
      g_set_error_literal (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                           _("You are a viewer of this shared library: you can read every plan but change nothing."));
      break;
    case PB_STORE_ACCESS_READ_ONLY_FILE:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("This library is read-only: the file “%s” cannot be written. Nothing in it can be changed."),
                   name);
      break;
    case PB_STORE_ACCESS_READ_ONLY_FOLDER:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("This library is read-only: the folder of “%s” cannot be written. Nothing in it can be changed."),
                   name);
      break;
    case PB_STORE_ACCESS_READ_ONLY_DISK:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("This library is read-only: “%s” is on a read-only disk. Nothing in it can be changed."),
                   name);
      break;
    case PB_STORE_ACCESS_OPENED_READ_ONLY:
    case PB_STORE_ACCESS_WRITABLE:
    default:
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_READ_ONLY,
                   _("This library is read-only: “%s” was opened for reading only. Nothing in it can be changed."),
                   name);
      break;
    }

  return FALSE;
}

/**
 * pb_store_set_busy_timeout:
 * @self: a store
 * @msec: how long a write waits for another program's lock
 */
void
pb_store_set_busy_timeout (PbStore *self,
                           guint    msec)
{
  g_return_if_fail (PB_IS_STORE (self));
  pb_db_busy_timeout (self->db, msec);
}

/* ---- Records and lists ------------------------------------------------- */

/* Weak references are notified when the record is disposed, before it is
 * finalized, so its id can still be read. */
static void
forget_record (gpointer  data,
               GObject  *where_the_object_was)
{
  GHashTable *records = data;
  gint64 id = pb_record_get_id ((PbRecord *) where_the_object_was);

  g_hash_table_remove (records, &id);
}

static char *
select_sql (PbRecordClass *klass)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  for (guint i = 0; i < klass->n_columns; i++)
    g_string_append_printf (sql, "%s%s", i ? "," : "", klass->columns[i].name);
  g_string_append_printf (sql, " FROM main.%s WHERE id = ?1", klass->table);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Steps the by-id query of @type for @id; returns it on a row, else NULL
 * (with *@failed set when the row could not be read, rather than absent). */
static PbDbStmt *
select_row_checked (PbStore  *self,
                    GType     type,
                    gint64    id,
                    gboolean *failed)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (type);
  g_autofree char *sql = select_sql (klass);
  g_autoptr(GError) error = NULL;
  PbDbStmt *stmt;

  *failed = FALSE;
  stmt = pb_store_prepare (self, sql, &error);
  if (stmt == NULL)
    {
      *failed = TRUE;
      g_critical ("Cannot read %s %" G_GINT64_FORMAT ": %s", klass->table, id, error->message);
      return NULL;
    }

  pb_db_bind_int64 (stmt, 1, id);
  if (pb_store_step (self, stmt, &error))
    return stmt;

  if (error != NULL)
    {
      *failed = TRUE;
      g_warning ("Cannot read %s %" G_GINT64_FORMAT ": %s", klass->table, id, error->message);
    }
  pb_db_reset (stmt);
  return NULL;
}

static PbDbStmt *
select_row (PbStore *self,
            GType    type,
            gint64   id)
{
  gboolean failed;

  return select_row_checked (self, type, id, &failed);
}

/**
 * pb_store_get_record:
 * @self: a store
 * @type: a record type, such as %PB_TYPE_ITEM
 * @id: the row id
 *
 * While a record is alive, asking again gives the same object.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL if there is no
 *   such row
 */
gpointer
pb_store_get_record (PbStore *self,
                     GType    type,
                     gint64   id)
{
  GHashTable *records;
  PbRecord *record;
  PbDbStmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, PB_TYPE_RECORD), NULL);

  if (id <= 0)
    return NULL;

  records = self->records[type_index (self, type)];
  record = g_hash_table_lookup (records, &id);
  if (record != NULL)
    return g_object_ref (record);

  stmt = select_row (self, type, id);
  if (stmt == NULL)
    return NULL;

  record = pb_record_new_from_row (type, stmt);
  pb_db_reset (stmt);

  g_hash_table_insert (records, g_memdup2 (&id, sizeof id), record);
  g_object_weak_ref (G_OBJECT (record), forget_record, records);

  return record;
}

/**
 * pb_store_dup_records_where: (skip)
 * @self: a store
 * @type: a record type, such as %PB_TYPE_TARGET
 * @where: (nullable): what follows WHERE in a query of the type's table,
 *   with at most one parameter ?1 (an ORDER BY may follow), or %NULL for
 *   every row
 * @param: the value of ?1
 *
 * Reads every such row in one query, as the live records
 * pb_store_get_record() gives (a record already alive is reused, not
 * re-read). For core code that walks many rows: while the caller holds the
 * array, asking for any of them is a hash lookup.
 *
 * Returns: (transfer full) (element-type PbRecord): the records, in the
 *   query's order
 */
GPtrArray *
pb_store_dup_records_where (PbStore    *self,
                            GType       type,
                            const char *where,
                            gint64      param)
{
  g_autoptr(PbRecordClass) klass = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTable *map;
  PbDbStmt *stmt;
  int id_column = -1;

  g_return_val_if_fail (PB_IS_STORE (self), records);
  g_return_val_if_fail (g_type_is_a (type, PB_TYPE_RECORD), records);

  klass = g_type_class_ref (type);
  for (guint i = 0; i < klass->n_columns; i++)
    {
      g_string_append_printf (sql, "%s%s", i ? "," : "", klass->columns[i].name);
      if (g_str_equal (klass->columns[i].name, "id"))
        id_column = i;
    }
  g_return_val_if_fail (id_column >= 0, records);
  g_string_append_printf (sql, " FROM main.%s", klass->table);
  if (where != NULL)
    g_string_append_printf (sql, " WHERE %s", where);

  stmt = pb_store_prepare (self, sql->str, &error);
  if (stmt == NULL)
    {
      g_critical ("Cannot read %s: %s", klass->table, error->message);
      return records;
    }
  if (where != NULL && strstr (where, "?1") != NULL)
    pb_db_bind_int64 (stmt, 1, param);

  map = self->records[type_index (self, type)];
  while (pb_store_step (self, stmt, &error))
    {
      gint64 id = pb_db_column_int64 (stmt, id_column);
      PbRecord *record = g_hash_table_lookup (map, &id);

      if (record != NULL)
        g_object_ref (record);
      else
        {
          record = pb_record_new_from_row (type, stmt);
          g_hash_table_insert (map, g_memdup2 (&id, sizeof id), record);
          g_object_weak_ref (G_OBJECT (record), forget_record, map);
        }
      g_ptr_array_add (records, record);
    }
  if (error != NULL)
    g_warning ("Reading %s stopped early: %s", klass->table, error->message);
  pb_db_reset (stmt);
  pb_trace_start ("store: read %u %s rows (%s)", records->len, klass->table, where ? where : "");

  return records;
}

/**
 * pb_store_dup_records:
 * @self: a store
 * @type: a record type, such as %PB_TYPE_ITEM
 * @column: (nullable): an integer column of its table, such as "plan_id",
 *   or %NULL for every row
 * @value: the value @column must have
 *
 * Reads every such row in one query, as the live records
 * pb_store_get_record() gives (a record already alive is reused, not
 * re-read). While the caller holds the array, asking for any of them is a
 * hash lookup: a view that is about to walk a plan of 20,000 items reads
 * them once instead of by 20,000 queries.
 *
 * Returns: (transfer full) (element-type PbRecord): the records, by id
 */
GPtrArray *
pb_store_dup_records (PbStore    *self,
                      GType       type,
                      const char *column,
                      gint64      value)
{
  g_autoptr(PbRecordClass) klass = NULL;
  g_autofree char *where = NULL;
  gboolean known = column == NULL;

  g_return_val_if_fail (PB_IS_STORE (self), g_ptr_array_new ());
  g_return_val_if_fail (g_type_is_a (type, PB_TYPE_RECORD), g_ptr_array_new ());

  klass = g_type_class_ref (type);
  for (guint i = 0; i < klass->n_columns && !known; i++)
    known = g_str_equal (klass->columns[i].name, column);
  g_return_val_if_fail (known, g_ptr_array_new_with_free_func (g_object_unref));

  where = g_strdup_printf ("%s%s ORDER BY id", column ? column : "", column ? " = ?1" : "1 = 1");
  return pb_store_dup_records_where (self, type, where, value);
}

/**
 * pb_store_dup_plan_items:
 * @self: a store
 * @plan_id: a plan
 *
 * Like pb_store_dup_records (@self, %PB_TYPE_ITEM, "plan_id", @plan_id),
 * in the plan's order (position, then id) instead of by id: the order of
 * the `item_plan` index, so the rows come straight from it. Ordered by
 * id, SQLite copied every row into a temporary B-tree to sort it: 95
 * against 46 ms for the 18,000 items of a 20,000:2,000 plan (Python's
 * sqlite3, medians of 9), the largest part of reading them at a start.
 *
 * Returns: (transfer full) (element-type PbItem): the plan's items
 */
GPtrArray *
pb_store_dup_plan_items (PbStore *self,
                         gint64   plan_id)
{
  return pb_store_dup_records_where (self, PB_TYPE_ITEM, "plan_id = ?1 ORDER BY position, id", plan_id);
}

static GListModel *
keep_list (PbStore      *self,
           PbRecordList *list)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, list);
  g_ptr_array_add (self->lists, ref);

  return G_LIST_MODEL (list);
}

static GListModel *
make_list (PbStore            *self,
           GType               type,
           const char         *sql,
           gint64              param,
           const char * const *depends_on)
{
  return keep_list (self, pb_record_list_new (self, type, sql, param, depends_on));
}

/* A list of the rows of @table whose @column is @param, in @order: a
 * change to other rows of the table leaves it alone (publish_changes ()). */
static GListModel *
make_keyed_list (PbStore    *self,
                 GType       type,
                 const char *table,
                 const char *column,
                 gint64      param,
                 const char *order)
{
  return keep_list (self, pb_record_list_new_keyed (self, type, table, column, param, order));
}

#define DEPENDS(...) (const char * const[]) { __VA_ARGS__, NULL }

/**
 * pb_store_list_query: (skip)
 * @self: a store
 * @type: the record type the query's ids are of
 * @sql: a query for ids, with one parameter ?1
 * @param: its value
 * @table: the table whose changes refresh the list
 *
 * Returns: (transfer full): a live list
 */
GListModel *
pb_store_list_query (PbStore    *self,
                     GType       type,
                     const char *sql,
                     gint64      param,
                     const char *table)
{
  return make_list (self, type, sql, param, DEPENDS (table));
}

/**
 * pb_store_list_plans:
 * @self: a store
 *
 * Returns: (transfer full): a live list of #PbPlan, in the order they were made
 */
GListModel *
pb_store_list_plans (PbStore *self)
{
  return make_list (self, PB_TYPE_PLAN, "SELECT id FROM plan ORDER BY id", 0, DEPENDS ("plan"));
}

GListModel *
pb_store_list_sections (PbStore *self,
                        gint64   plan_id)
{
  return make_keyed_list (self, PB_TYPE_SECTION, "section", "plan_id", plan_id, "position, id");
}

GListModel *
pb_store_list_items (PbStore *self,
                     gint64   plan_id)
{
  return make_keyed_list (self, PB_TYPE_ITEM, "item", "plan_id", plan_id, "position, id");
}

GListModel *
pb_store_list_section_items (PbStore *self,
                             gint64   section_id)
{
  return make_keyed_list (self, PB_TYPE_ITEM, "item", "section_id", section_id, "position, id");
}

GListModel *
pb_store_list_organisations (PbStore *self,
                             gint64   plan_id)
{
  return make_keyed_list (self, PB_TYPE_ORGANISATION, "organisation", "plan_id", plan_id, "id");
}

GListModel *
pb_store_list_organisation_aliases (PbStore *self,
                                    gint64   organisation_id)
{
  return make_keyed_list (self, PB_TYPE_ORGANISATION_ALIAS, "organisation_alias", "organisation_id", organisation_id, "id");
}

GListModel *
pb_store_list_item_orgs (PbStore *self,
                         gint64   item_id)
{
  return make_keyed_list (self, PB_TYPE_ITEM_ORG, "item_org", "item_id", item_id, "role <> 'lead', position, id");
}

GListModel *
pb_store_list_indicators (PbStore *self,
                          gint64   plan_id)
{
  return make_keyed_list (self, PB_TYPE_INDICATOR, "indicator", "plan_id", plan_id, "position, id");
}

/**
 * pb_store_list_item_indicators:
 * @self: a store
 * @item_id: an item
 *
 * Returns: (transfer full): a live list of the #PbIndicator the item
 *   serves, in the item's order
 */
GListModel *
pb_store_list_item_indicators (PbStore *self,
                               gint64   item_id)
{
  return make_list (self, PB_TYPE_INDICATOR,
                    "SELECT l.indicator_id FROM item_indicator l WHERE l.item_id = ?1"
                    " ORDER BY l.position, l.id",
                    item_id, DEPENDS ("item_indicator", "indicator"));
}

/**
 * pb_store_list_indicator_items:
 * @self: a store
 * @indicator_id: an indicator
 *
 * Returns: (transfer full): a live list of the #PbItem that serve the
 *   indicator, in the plan's order
 */
GListModel *
pb_store_list_indicator_items (PbStore *self,
                               gint64   indicator_id)
{
  return make_list (self, PB_TYPE_ITEM,
                    "SELECT i.id FROM item_indicator l JOIN item i ON i.id = l.item_id"
                    " WHERE l.indicator_id = ?1 ORDER BY i.position, i.id",
                    indicator_id, DEPENDS ("item_indicator", "item"));
}

GListModel *
pb_store_list_targets (PbStore *self,
                       gint64   indicator_id)
{
  return make_keyed_list (self, PB_TYPE_TARGET, "target", "indicator_id", indicator_id, "year, stretch, id");
}

GListModel *
pb_store_list_actuals (PbStore *self,
                       gint64   indicator_id)
{
  return make_keyed_list (self, PB_TYPE_ACTUAL, "actual", "indicator_id", indicator_id, "date, id");
}

GListModel *
pb_store_list_dependencies (PbStore *self,
                            gint64   plan_id)
{
  return make_list (self, PB_TYPE_DEPENDENCY,
                    "SELECT d.id FROM dependency d JOIN item i ON i.id = d.from_item_id"
                    " WHERE i.plan_id = ?1 ORDER BY d.id",
                    plan_id, DEPENDS ("dependency", "item"));
}

GListModel *
pb_store_list_notes (PbStore *self,
                     gint64   item_id)
{
  return make_keyed_list (self, PB_TYPE_NOTE, "note", "item_id", item_id, "date, id");
}

/**
 * pb_store_count:
 * @self: a store
 * @type: a record type
 * @column: a column of its table, such as `plan_id`
 * @value: the value to count
 *
 * Returns: the number of rows of @type whose @column is @value
 */
guint
pb_store_count (PbStore    *self,
                GType       type,
                const char *column,
                gint64      value)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (type);
  g_autofree char *sql = NULL;
  PbDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (pb_record_class_find_column (klass, column, NULL), 0);

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ?1", klass->table, column);
  stmt = pb_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;

  pb_db_bind_int64 (stmt, 1, value);
  if (pb_store_step (self, stmt, NULL))
    count = pb_db_column_int (stmt, 0);
  pb_db_reset (stmt);

  return count;
}

/**
 * pb_store_dup_lead_names:
 * @self: a store
 * @item_id: an item
 *
 * Returns: (transfer full): the item's lead organisations, joined by `、`,
 *   or an empty string
 */
char *
pb_store_dup_lead_names (PbStore *self,
                         gint64   item_id)
{
  PbDbStmt *stmt;
  GString *names = g_string_new (NULL);

  stmt = pb_store_prepare (self,
                           "SELECT o.name FROM item_org io JOIN organisation o"
                           " ON o.id = io.organisation_id"
                           " WHERE io.item_id = ?1 AND io.role = 'lead'"
                           " ORDER BY io.position, io.id", NULL);
  if (stmt == NULL)
    return g_string_free (names, FALSE);

  pb_db_bind_int64 (stmt, 1, item_id);
  while (pb_store_step (self, stmt, NULL))
    g_string_append_printf (names, "%s%s", names->len ? "、" : "",
                            (const char *) pb_db_column_text (stmt, 0));
  pb_db_reset (stmt);

  return g_string_free (names, FALSE);
}

gint64
pb_store_find_organisation (PbStore    *self,
                            gint64      plan_id,
                            const char *name)
{
  PbDbStmt *stmt;
  gint64 id = 0;

  stmt = pb_store_prepare (self,
                           "SELECT id FROM organisation WHERE plan_id = ?1 AND name = ?2"
                           " UNION ALL "
                           "SELECT o.id FROM organisation o JOIN organisation_alias a"
                           " ON a.organisation_id = o.id WHERE o.plan_id = ?1 AND a.alias = ?2"
                           " LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;

  pb_db_bind_int64 (stmt, 1, plan_id);
  pb_db_bind_text (stmt, 2, name);
  if (pb_store_step (self, stmt, NULL))
    id = pb_db_column_int64 (stmt, 0);
  pb_db_reset (stmt);

  return id;
}

/* ---- Transactions and history ------------------------------------------ */

static gint64
last_log_seq (PbStore *self)
{
  return query_int (self->db, "SELECT coalesce(max(seq), 0) FROM temp.pb_undolog", NULL);
}

/* Whether the -wal at @path holds no transaction: missing, or without a
 * frame (a WAL's 32-byte header comes with its first frame). */
static gboolean
wal_is_empty (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) != 0 || st.st_size <= 32;
}

/* Whether the library file is the one, with the size and time, it had
 * when the store last checked its files. */
static gboolean
file_unchanged (PbStore *self)
{
  GStatBuf st;

  return self->checked_file.st_ino != 0 &&
         g_stat (self->path, &st) == 0 && S_ISREG (st.st_mode) &&
         st.st_dev == self->checked_file.st_dev && st.st_ino == self->checked_file.st_ino &&
         st.st_size == self->checked_file.st_size &&
         st.st_mtim.tv_sec == self->checked_file.st_mtim.tv_sec &&
         st.st_mtim.tv_nsec == self->checked_file.st_mtim.tv_nsec;
}

/* Whether the files the store's connection writes are still the
 * library's (pb_db_check_files ()). When another program removed or
 * replaced them (a sqlite3 shell or another program that, wrongly
 * believing itself the last connection, removed the -wal and -shm as it
 * closed), what this store commits goes where no later reader looks and
 * would be lost without a word. It then stops writing for good, saying
 * so, after rescuing what it can: when nobody has written the library
 * since (no transaction in whatever -wal is at the path now), the
 * commits in its own, unlinked -wal are checkpointed into the library
 * file. Read-only stores and shared libraries have nothing to check. */
static gboolean
check_files (PbStore  *self,
             GError  **error)
{
  g_autofree char *name = NULL;
  g_autofree char *since = NULL;
  gboolean rescued = FALSE;

  if (self->read_only || self->shared)
    return TRUE;

  if (!self->detached)
    {
      if (pb_db_check_files (self->db) == PB_DB_OK)
        {
          g_clear_pointer (&self->checked, g_date_time_unref);
          self->checked = g_date_time_new_now_local ();
          if (g_stat (self->path, &self->checked_file) != 0)
            memset (&self->checked_file, 0, sizeof self->checked_file);
          return TRUE;
        }

      name = g_filename_display_basename (self->path);
      since = self->checked ? g_date_time_format (self->checked, "%H:%M:%S") : g_strdup ("?");

      /* The library file is the one it was at the last check, unchanged
       * since (nobody checkpointed into it), and nobody has committed to
       * it through another -wal: copy this connection's commits into it. */
      if (file_unchanged (self) && wal_is_empty (self->path))
        rescued = pb_db_exec (self->db, "PRAGMA wal_checkpoint(FULL)") == PB_DB_OK &&
                  wal_is_empty (self->path);

      self->detached = TRUE;
      if (rescued)
        self->detached_message =
          g_strdup_printf (_("Another program removed the working files of the library “%s” (its -wal and -shm) while Planboard had it open. Everything saved until now was written into the library, but this change was not saved and no more can be until the library is opened again: quit Planboard and start it again."),
                           name);
      else
        self->detached_message =
          g_strdup_printf (_("Another program removed or replaced the files of the library “%s” while Planboard had it open. Your changes since %s could not be saved in the library, and no more changes can be saved: quit Planboard, keep a copy of the library’s folder, and start Planboard again."),
                           name, since);
      g_message ("%s", self->detached_message);
    }

  g_set_error_literal (error, PB_STORE_ERROR, PB_STORE_ERROR_IO, self->detached_message);
  return FALSE;
}

gboolean
pb_store_begin (PbStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (self->in_transaction)
    {
      g_critical ("A store command was started inside another; this is a bug");
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   "Nested store command");
      return FALSE;
    }

  if (!pb_store_check_writable (self, error))
    return FALSE;

  if (self->lost)
    {
      g_autofree char *name = pb_db_display_name (self->path);

      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNREACHABLE,
                   _("The connection to the shared library “%s” is lost, so the change was not saved. Planboard is reconnecting; try again in a moment."),
                   name);
      return FALSE;
    }

  if (!check_files (self, error))
    return FALSE;

  if (!pb_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  self->mark = last_log_seq (self);
  return TRUE;
}

/* Reads the rows the log names after @after: what the transaction changed. */
static GArray *
collect_changes (PbStore  *self,
                 gint64    after,
                 GError  **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GError) local = NULL;
  PbDbStmt *stmt;

  stmt = pb_store_prepare (self, "SELECT tbl, row_id FROM temp.pb_undolog WHERE seq > ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;

  pb_db_bind_int64 (stmt, 1, after);
  while (pb_store_step (self, stmt, &local))
    {
      Change change;

      change.table = table_index (self, (const char *) pb_db_column_text (stmt, 0));
      change.row_id = pb_db_column_int64 (stmt, 1);
      g_array_append_val (changes, change);
    }
  pb_db_reset (stmt);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

/* The changed rows of one table, when every one is known by id. */
typedef struct
{
  GHashTable *ids;      /* gint64 * (into the changes) */
  GArray     *values;   /* n_columns gint64 per row still there */
  GPtrArray  *rows;     /* the records of the rows still there, held while
                         * they are published (a view or the health cache
                         * then finds them without a query) */
  guint       n_columns;
  gboolean    read;     /* the rows were read in a batch */
} TableChanges;

static void
table_changes_clear (TableChanges *tc)
{
  g_clear_pointer (&tc->ids, g_hash_table_unref);
  g_clear_pointer (&tc->values, g_array_unref);
  g_clear_pointer (&tc->rows, g_ptr_array_unref);
}

/* Reads the rows @tc names in a few queries (not one per row): live
 * records take their new values, live records whose row is gone are
 * marked deleted, and @tc keeps the rows' integer columns for the lists.
 * Returns FALSE, having changed nothing, when the rows could not be read. */
static gboolean
read_changed_rows (PbStore      *self,
                   guint         t,
                   TableChanges *tc)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (self->types[t]);
  g_autoptr(GHashTable) found = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autofree gint64 *ids = g_new (gint64, g_hash_table_size (tc->ids));
  g_autofree char *select = select_sql (klass);
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  /* "… WHERE id = ?1" becomes "… WHERE id IN (1,2,…)". */
  select[strlen (select) - strlen ("= ?1")] = '\0';
  g_hash_table_iter_init (&iter, tc->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    ids[n++] = *(gint64 *) key;

  tc->n_columns = klass->n_columns;
  tc->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  tc->rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint from = 0; from < n; from += 500)
    {
      g_autoptr(GString) sql = g_string_new (select);
      g_autoptr(GError) error = NULL;
      g_autoptr(PbDbStmt) stmt = NULL;
      int rc;

      g_string_append (sql, "IN (");
      for (guint i = from; i < n && i < from + 500; i++)
        g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i > from ? "," : "", ids[i]);
      g_string_append (sql, ")");

      rc = pb_db_prepare (self->db, sql->str, &stmt);
      if (rc != PB_DB_OK)
        {
          g_warning ("Cannot read the changed rows of %s: %s", klass->table, pb_db_errmsg (self->db));
          return FALSE;
        }
      while (pb_store_step (self, stmt, &error))
        {
          gint64 id = pb_db_column_int64 (stmt, 0);
          gint64 *kept = g_hash_table_lookup (tc->ids, &id);
          PbRecord *record;

          if (kept == NULL)
            continue;
          g_hash_table_add (found, kept);
          for (guint c = 0; c < klass->n_columns; c++)
            {
              gint64 v = pb_db_column_int64 (stmt, c);
              g_array_append_val (tc->values, v);
            }
          record = g_hash_table_lookup (self->records[t], &id);
          if (record != NULL)
            {
              pb_record_update_from_row (record, stmt);
              g_object_ref (record);
            }
          else
            {
              record = pb_record_new_from_row (self->types[t], stmt);
              g_hash_table_insert (self->records[t], g_memdup2 (&id, sizeof id), record);
              g_object_weak_ref (G_OBJECT (record), forget_record, self->records[t]);
            }
          g_ptr_array_add (tc->rows, record);
        }
      if (error != NULL)
        {
          g_warning ("Cannot read the changed rows of %s: %s", klass->table, error->message);
          return FALSE;
        }
    }

  /* A live record whose row is gone was deleted. */
  g_hash_table_iter_init (&iter, tc->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (found, key))
      {
        PbRecord *record = g_hash_table_lookup (self->records[t], key);

        if (record != NULL)
          {
            pb_record_mark_deleted (record);
            g_object_weak_unref (G_OBJECT (record), forget_record, self->records[t]);
            g_hash_table_remove (self->records[t], key);
          }
      }
  tc->read = TRUE;
  return TRUE;
}

/* Whether @list can differ after the changes @tc of its one table: it
 * holds one of the rows, or one of the rows now has its key. */
static gboolean
list_affected (PbStore      *self,
               guint         t,
               PbRecordList *list,
               TableChanges *tc)
{
  g_autoptr(PbRecordClass) klass = NULL;
  const char *key;
  gint64 param;
  int column = -1;

  key = pb_record_list_get_key (list, &param);
  if (key == NULL || tc == NULL || !tc->read)
    return TRUE;

  klass = g_type_class_ref (self->types[t]);
  for (guint c = 0; c < klass->n_columns; c++)
    if (g_str_equal (klass->columns[c].name, key))
      column = c;
  if (column < 0)
    return TRUE;

  for (guint r = 0; r < tc->values->len / tc->n_columns; r++)
    if (g_array_index (tc->values, gint64, r * tc->n_columns + column) == param)
      return TRUE;
  return pb_record_list_has_any (list, tc->ids);
}

/* Brings live records and lists up to date, then tells the listeners.
 * Rows of a table named one by one are read in a batch and only the lists
 * they can change are queried again; a table whose rows are not known
 * (row 0: a change from another program, as far as it is known) has each
 * live record read again and every list of it refreshed. */
static void
publish_changes (PbStore *self,
                 GArray  *changes)
{
  g_autofree gboolean *dirty = g_new0 (gboolean, self->n_tables);
  g_autofree gboolean *unknown = g_new0 (gboolean, self->n_tables);
  g_autofree TableChanges *by_table = g_new0 (TableChanges, self->n_tables);
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GPtrArray) frozen = NULL;

  self->generation++;
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);

      self->table_generation[change->table] = self->generation;
      dirty[change->table] = TRUE;
      if (change->row_id == 0)
        unknown[change->table] = TRUE;
      else
        {
          TableChanges *tc = &by_table[change->table];

          if (tc->ids == NULL)
            tc->ids = g_hash_table_new (g_int64_hash, g_int64_equal);
          g_hash_table_add (tc->ids, &change->row_id);
        }
    }

  /* The records tell what changed (notify::) only once every one of them
   * is up to date: a handler that asks about another record, or
   * something computed from several (the health cache, the plan's
   * counts), must not see the command half applied (a bulk status
   * change read item 2 still blocked while item 1 told it was done, and
   * the health cache kept that until the next command). */
  frozen = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = &g_array_index (changes, Change, i);
      PbRecord *record = change->row_id != 0 ? g_hash_table_lookup (self->records[change->table], &change->row_id) : NULL;

      if (record != NULL)
        {
          g_object_freeze_notify (G_OBJECT (record));
          g_ptr_array_add (frozen, g_object_ref (record));
        }
    }

  for (guint t = 0; t < self->n_tables; t++)
    if (dirty[t] && !unknown[t] && by_table[t].ids != NULL)
      read_changed_rows (self, t, &by_table[t]);

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);
      PbRecord *record;

      if (by_table[change->table].read)
        continue;

      record = g_hash_table_lookup (self->records[change->table], &change->row_id);
      if (record == NULL)
        continue;

      gboolean failed;
      PbDbStmt *stmt = select_row_checked (self, self->types[change->table], change->row_id, &failed);
      if (stmt != NULL)
        {
          pb_record_update_from_row (record, stmt);
          pb_db_reset (stmt);
        }
      else if (!failed)
        {
          pb_record_mark_deleted (record);
          g_object_weak_unref (G_OBJECT (record), forget_record, self->records[change->table]);
          g_hash_table_remove (self->records[change->table], &change->row_id);
        }
    }

  /* Now every record is up to date: they tell, with the rows of the
   * command known (pb_store_dup_changed_ids ()). */
  self->publishing = changes;
  for (guint i = 0; i < frozen->len; i++)
    g_object_thaw_notify (g_ptr_array_index (frozen, i));
  self->publishing = NULL;

  /* A handler of items-changed may drop or make lists: work on a copy. */
  lists = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) list_table = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = self->lists->len; i > 0; i--)
    {
      g_autoptr(PbRecordList) list = g_weak_ref_get (g_ptr_array_index (self->lists, i - 1));

      if (list == NULL)
        {
          g_ptr_array_remove_index_fast (self->lists, i - 1);
          continue;
        }

      for (guint t = 0; t < self->n_tables; t++)
        {
          PbRecordClass *klass = g_type_class_peek (self->types[t]);

          if (dirty[t] && pb_record_list_depends_on (list, klass->table) &&
              list_affected (self, t, list, unknown[t] ? NULL : &by_table[t]))
            {
              /* A keyed list of one table, whose changed rows are read,
               * places them itself. */
              int from = !unknown[t] && by_table[t].read && pb_record_list_can_apply (list) ? (int) t : -1;

              g_array_append_val (list_table, from);
              g_ptr_array_add (lists, g_steal_pointer (&list));
              break;
            }
        }
    }

  for (guint i = 0; i < lists->len; i++)
    {
      int t = g_array_index (list_table, int, i);

      if (t >= 0)
        pb_record_list_apply (g_ptr_array_index (lists, i), by_table[t].ids, by_table[t].rows);
      else
        pb_record_list_refresh (g_ptr_array_index (lists, i));
    }

  self->publishing = changes;
  for (guint t = 0; t < self->n_tables; t++)
    if (dirty[t])
      {
        PbRecordClass *klass = g_type_class_peek (self->types[t]);
        g_signal_emit (self, signals[CHANGED], 0, klass->table);
      }
  self->publishing = NULL;

  for (guint t = 0; t < self->n_tables; t++)
    table_changes_clear (&by_table[t]);
}

/**
 * pb_store_dup_changed_ids:
 * @self: a store
 * @table: a table, such as "item"
 *
 * In a handler of #PbStore::changed: the ids of the rows of @table that the
 * command being published inserted, updated or deleted, so that a view can
 * update just those. Anything else that changes the tables (an external
 * change, a reload) tells no rows.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids, each
 *   once, or %NULL when the rows are not known
 */
GArray *
pb_store_dup_changed_ids (PbStore    *self,
                          const char *table)
{
  g_autoptr(GHashTable) seen = NULL;
  GArray *ids;
  guint t;

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  if (self->publishing == NULL)
    return NULL;
  t = table_index (self, table);

  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->publishing->len; i++)
    {
      Change *change = &g_array_index (self->publishing, Change, i);

      /* A change from another program names no rows (pb_store_refresh ()). */
      if (change->table == t && change->row_id == 0)
        {
          g_array_unref (ids);
          return NULL;
        }
      if (change->table == t && g_hash_table_add (seen, &change->row_id))
        g_array_append_val (ids, change->row_id);
    }
  return ids;
}

static gint64
read_data_version (PbStore *self)
{
  return self->arrived_only ? pb_db_data_version_arrived (self->db) : pb_db_data_version (self->db);
}

/* The index of @table, or -1 when the store has no such table. */
static int
find_table (PbStore    *self,
            const char *table)
{
  for (guint t = 0; t < self->n_tables; t++)
    {
      PbRecordClass *klass = g_type_class_peek (self->types[t]);

      if (g_str_equal (klass->table, table))
        return t;
    }
  return -1;
}

/* Every live record of table @t is changed, and rows of it not known. */
static void
append_whole_table (PbStore *self,
                    GArray  *changes,
                    guint    t)
{
  GHashTableIter iter;
  gpointer key;
  Change none = { t, 0 };

  g_array_append_val (changes, none);
  g_hash_table_iter_init (&iter, self->records[t]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Change change = { t, *(gint64 *) key };
      g_array_append_val (changes, change);
    }
}

/* What other connections changed, as rows of the store's tables, when
 * the backend can tell (a server's notifications name them); NULL when
 * it cannot, or when the list gave way to "anything". */
static GArray *
named_changes (PbStore *self)
{
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (PbDbChange));
  g_autoptr(GArray) changes = NULL;
  g_autofree gboolean *whole = NULL;

  if (!pb_db_take_changes (self->db, named))
    return NULL;

  whole = g_new0 (gboolean, self->n_tables);
  changes = g_array_new (FALSE, FALSE, sizeof (Change));
  for (guint i = 0; i < named->len; i++)
    {
      const PbDbChange *c = &g_array_index (named, PbDbChange, i);
      int t = c->table != NULL ? find_table (self, c->table) : -1;

      if (t < 0)
        return NULL; /* anything, or a table the store does not know */
      if (c->id == 0)
        whole[t] = TRUE;
      else
        {
          Change change = { t, c->id };
          g_array_append_val (changes, change);
        }
    }
  for (guint t = 0; t < self->n_tables; t++)
    if (whole[t])
      append_whole_table (self, changes, t);
  return g_steal_pointer (&changes);
}

static void notify_history (PbStore *self);

/* How long one pb_store_refresh () may spend making a new connection
 * before it leaves the rest for the next call. */
#define RECONNECT_BUDGET_MSEC 20

/* The connection to the server broke: notices it (PbStore:online), then
 * works towards a new one a few milliseconds per call. Once back, the
 * session is set up again; the undo history, which lived in the old
 * session, is gone. Returns TRUE when the store is connected again. */
static gboolean
reconnect (PbStore *self)
{
  g_autoptr(GError) error = NULL;
  int rc;

  if (!self->lost)
    {
      g_autofree char *name = pb_db_display_name (self->path);

      g_message ("Lost the connection to %s: %s", name, pb_db_errmsg (self->db));
      self->lost = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }

  rc = pb_db_reconnect (self->db, RECONNECT_BUDGET_MSEC);
  if (rc == PB_DB_BUSY)
    return FALSE;
  if (rc != PB_DB_OK)
    {
      g_debug ("Reconnecting: %s", pb_db_errmsg (self->db));
      return FALSE;
    }

  /* A new session: the undo log is new and empty, so is the history. */
  if (!self->read_only && !pb_store_exec (self, pb_db_pg_undo_log_sql (), &error))
    g_warning ("Reconnected without an undo log: %s", error->message);
  if (self->undo_stack->len > 0 || self->redo_stack->len > 0)
    {
      g_array_set_size (self->undo_stack, 0);
      g_array_set_size (self->redo_stack, 0);
      notify_history (self);
    }
  self->lost = FALSE;
  {
    g_autofree char *name = pb_db_display_name (self->path);

    g_message ("Reconnected to %s", name);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  return TRUE;
}

/**
 * pb_store_get_online:
 * @self: a store
 *
 * Returns: %FALSE while the connection to a shared library's server is
 *   lost (pb_store_refresh() reconnects), else %TRUE
 */
gboolean
pb_store_get_online (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), TRUE);

  return !self->lost;
}

/**
 * pb_store_refresh:
 * @self: a store
 *
 * Notices what other connections (another window, `planboard-cli`, a sync
 * tool) committed to the library since this store last looked, which
 * costs next to nothing when nothing changed (`PRAGMA data_version` of a
 * file, the notifications already received from a server): call it on a
 * short timer and when a window gains focus.
 *
 * On a shared library the notifications name the rows: only those live
 * records are read again, only the lists of their tables are refreshed,
 * and ::changed is emitted for those tables with the rows
 * (pb_store_dup_changed_ids()), as after a command of this store. On a
 * library file (or when a server's list of rows overflowed) which rows
 * changed is not known: every live record is read again (notify:: for
 * what differs, marked deleted when its row is gone), every live list is
 * refreshed, and ::changed is emitted for every table.
 *
 * Returns: %TRUE if another connection had changed the library
 */
gboolean
pb_store_refresh (PbStore *self)
{
  g_autoptr(GArray) changes = NULL;
  gint64 version;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (self->in_transaction)
    return FALSE;

  version = read_data_version (self);
  if (self->shared && (self->lost || pb_db_is_lost (self->db)))
    {
      if (!reconnect (self))
        return FALSE;
      version = read_data_version (self);
    }
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;

  changes = named_changes (self);
  if (changes == NULL)
    {
      /* Which rows another program changed is not known: every live
       * record is one; a table with none still gets its lists refreshed. */
      changes = g_array_new (FALSE, FALSE, sizeof (Change));
      for (guint t = 0; t < self->n_tables; t++)
        append_whole_table (self, changes, t);
    }
  if (changes->len == 0)
    return FALSE;

  publish_changes (self, changes);
  return TRUE;
}

/**
 * pb_store_refresh_arrived:
 * @self: a store
 *
 * As pb_store_refresh(), taking in what the server has already sent
 * (its notifications) without asking it: no round trip when nothing
 * changed, so a window's timer never waits on a busy server. A commit
 * of another connection a moment ago may come at the next call.
 *
 * Returns: %TRUE if another connection had changed the library
 */
gboolean
pb_store_refresh_arrived (PbStore *self)
{
  gboolean changed;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  self->arrived_only = TRUE;
  changed = pb_store_refresh (self);
  self->arrived_only = FALSE;
  return changed;
}

static void
notify_history (PbStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

/**
 * pb_store_exec_ids: (skip)
 * @self: a store
 * @sql: a statement with parameters ?1 and ?2 (either may go unused)
 * @first: the value of ?1
 * @second: the value of ?2
 * @error: where to say why it failed
 *
 * Returns: %TRUE when the statement ran to its end
 */
gboolean
pb_store_exec_ids (PbStore     *self,
                   const char  *sql,
                   gint64       first,
                   gint64       second,
                   GError     **error)
{
  PbDbStmt *stmt = pb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  pb_db_bind_int64 (stmt, 1, first);
  pb_db_bind_int64 (stmt, 2, second);
  return pb_store_step_done (self, stmt, error);
}

static gboolean
forget_span (PbStore  *self,
             gint64    first,
             gint64    last,
             GError  **error)
{
  return pb_store_exec_ids (self, "DELETE FROM temp.pb_undolog WHERE seq BETWEEN ?1 AND ?2", first, last, error);
}

/* The plan a changed row belongs to, through what it belongs to (a
 * target's indicator, a note's item); 0 when it cannot be told. A live
 * record is asked first: a row the command deleted is only there. */
static gint64
row_plan (PbStore *self,
          guint    t,
          gint64   id,
          guint    depth)
{
  static const struct { const char *column; const char *table; } owners[] = {
    { "plan_id", "plan" }, { "item_id", "item" }, { "indicator_id", "indicator" },
    { "from_item_id", "item" }, { "organisation_id", "organisation" }, { "period_id", "period" },
  };
  g_autoptr(PbRecord) record = NULL;
  PbRecordClass *klass;

  if (t >= self->n_tables || depth > 3 || id <= 0)
    return 0;
  klass = g_type_class_peek (self->types[t]);
  if (g_str_equal (klass->table, "plan"))
    return id;
  record = g_hash_table_lookup (self->records[t], &id);
  if (record != NULL)
    g_object_ref (record);
  else
    record = pb_store_get_record (self, self->types[t], id);
  if (record == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    if (pb_record_class_find_column (klass, owners[i].column, NULL) != NULL)
      {
        gint64 owner = pb_record_get_int (record, owners[i].column);

        if (owner > 0)
          return g_str_equal (owners[i].table, "plan")
                 ? owner : row_plan (self, table_index (self, owners[i].table), owner, depth + 1);
      }
  return 0;
}

/* The plan two commands (or rows) changed together: 0 unknown, -1 several. */
static gint64
join_plans (gint64 a,
            gint64 b)
{
  if (a == 0 || a == b)
    return b;
  if (b == 0)
    return a;
  return -1;
}

/* The plan a command's @changes lie in, for Undo to say where it acts.
 * Its first rows tell (an import of thousands of rows is not read again
 * row by row for it). */
static gint64
changes_plan (PbStore *self,
              GArray  *changes)
{
  gint64 plan = 0;

  for (guint i = 0; changes && i < MIN (changes->len, 64) && plan >= 0; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);

      plan = join_plans (plan, row_plan (self, c->table, c->row_id, 0));
    }
  return plan;
}

/**
 * pb_store_finish: (skip)
 * @self: a store
 * @ok: whether the command's writes all succeeded
 * @label: what the command did, for the Undo menu
 * @error: where to say why it failed
 *
 * Commits the open transaction if @ok, else rolls it back. A committed
 * command that changed anything goes onto the undo stack.
 *
 * Returns: %TRUE if the command was committed
 */
gboolean
pb_store_finish (PbStore     *self,
                 gboolean     ok,
                 const char  *label,
                 GError     **error)
{
  g_autoptr(GArray) changes = NULL;
  gint64 last = 0;

  g_return_val_if_fail (self->in_transaction, FALSE);

  g_clear_pointer (&self->change_date, g_free);
  if (ok)
    {
      last = last_log_seq (self);

      /* A new change makes the redo stack meaningless; drop its log in the
       * same transaction, so a failed commit keeps it. */
      if (last > self->mark)
        for (guint i = 0; ok && i < self->redo_stack->len; i++)
          {
            const Command *c = &g_array_index (self->redo_stack, Command, i);
            ok = forget_span (self, c->first, c->last, error);
          }

      if (ok)
        ok = (changes = collect_changes (self, self->mark, error)) != NULL;
    }

  if (ok)
    ok = pb_store_exec (self, "COMMIT", error);

  if (!ok)
    {
      pb_db_exec (self->db, "ROLLBACK");
      self->in_transaction = FALSE;
      return FALSE;
    }

  self->in_transaction = FALSE;
  /* What was just committed went where the library's readers look, or
   * is rescued into the library now (and the next command refused). */
  check_files (self, NULL);

  if (last > self->mark)
    {
      Command command = { g_strdup (label), self->mark + 1, last, changes_plan (self, changes) };

      g_array_set_size (self->redo_stack, 0);
      g_array_append_val (self->undo_stack, command);
      notify_history (self);
    }

  publish_changes (self, changes);
  return TRUE;
}

/* A short name of a row for a message: "3 加快5G网络…" for an item, the
 * name of an indicator or organisation, or for a row that has none (a
 * target, an actual, an assignment) the name of what it belongs to. Live
 * records are asked first: they hold what the user last saw. */
static char *
describe_row (PbStore    *self,
              const char *table,
              gint64      id,
              guint       depth)
{
  static const struct { const char *column; const char *table; } owners[] = {
    { "item_id", "item" }, { "indicator_id", "indicator" }, { "from_item_id", "item" },
    { "organisation_id", "organisation" }, { "period_id", "period" }, { "plan_id", "plan" },
  };
  g_autoptr(PbRecord) record = NULL;
  PbRecordClass *klass;
  guint t = table_index (self, table);
  const char *text = NULL;

  record = g_hash_table_lookup (self->records[t], &id);
  if (record != NULL)
    g_object_ref (record);
  else
    record = pb_store_get_record (self, self->types[t], id);
  if (record == NULL || depth > 2)
    return NULL;

  klass = PB_RECORD_GET_CLASS (record);
  for (const char * const *c = (const char * const[]) { "title", "name", "label", "alias", NULL }; *c; c++)
    if (pb_record_class_find_column (klass, *c, NULL) != NULL &&
        (text = pb_record_get_string (record, *c)) != NULL && text[0] != '\0')
      break;
    else
      text = NULL;

  if (text != NULL)
    {
      const char *number = pb_record_class_find_column (klass, "number", NULL)
                           ? pb_record_get_string (record, "number") : NULL;
      g_autoptr(GString) s = g_string_new (NULL);

      if (number != NULL && number[0] != '\0')
        g_string_append_printf (s, "%s ", number);
      if (g_utf8_strlen (text, -1) > 12)
        {
          g_string_append_len (s, text, g_utf8_offset_to_pointer (text, 10) - text);
          g_string_append (s, "…");
        }
      else
        g_string_append (s, text);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    if (pb_record_class_find_column (klass, owners[i].column, NULL) != NULL)
      {
        gint64 owner = pb_record_get_int (record, owners[i].column);
        char *name = owner > 0 ? describe_row (self, owners[i].table, owner, depth + 1) : NULL;

        if (name != NULL)
          return name;
      }

  return NULL;
}

typedef struct
{
  char   *table;
  gint64  row_id;
  char   *sql;
  char   *chk;      /* the changed columns, as the update left them */
  gboolean has_hash;
  gint64  hash;     /* pb_row_hash() of the row as the command left it */
} LogEntry;

static void
log_entry_clear (gpointer data)
{
  LogEntry *e = data;

  g_free (e->table);
  g_free (e->sql);
  g_free (e->chk);
}

static char *
row_key (const char *table,
         gint64      row_id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, row_id);
}

typedef enum
{
  EXPECT_ABSENT,    /* the command deleted the row */
  EXPECT_HASH,      /* it made the row: all of it as the command left it */
  EXPECT_CHANGED,   /* it updated the row: the columns it changed */
} Expect;

/* Whether the row of @e still looks the way the command left it. */
static gboolean
entry_holds (PbStore     *self,
             LogEntry    *e,
             Expect       expect,
             gboolean    *holds,
             GError     **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) local = NULL;
  PbDbStmt *stmt = NULL;
  int rc;

  switch (expect)
    {
    case EXPECT_ABSENT:
      sql = g_strdup_printf ("SELECT NOT EXISTS (SELECT 1 FROM main.%s WHERE id = ?1)", e->table);
      if ((stmt = pb_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      pb_db_bind_int64 (stmt, 1, e->row_id);
      *holds = pb_store_step (self, stmt, &local) && pb_db_column_int (stmt, 0) == 1;
      pb_db_reset (stmt);
      break;
    case EXPECT_HASH:
      if ((stmt = pb_store_prepare (self, self->hash_sql[table_index (self, e->table)], error)) == NULL)
        return FALSE;
      pb_db_bind_int64 (stmt, 1, e->row_id);
      *holds = pb_store_step (self, stmt, &local) && pb_db_column_int64 (stmt, 0) == e->hash;
      pb_db_reset (stmt);
      break;
    case EXPECT_CHANGED:
    default:
      sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM main.%s WHERE id = %" G_GINT64_FORMAT " AND %s)",
                             e->table, e->row_id, e->chk ? e->chk : "1 = 1");
      rc = pb_db_prepare (self->db, sql, &stmt);
      if (rc != PB_DB_OK)
        return pb_store_set_error (self, rc, error);
      *holds = pb_store_step (self, stmt, &local) && pb_db_column_int (stmt, 0) == 1;
      pb_db_finalize (stmt);
      break;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Whether the rows logged after @after are all rows of the command's span
 * (@rows): running a step back must not reach rows the command never
 * touched, such as another writer's note on an item the command added. */
static gboolean
touched_only (PbStore    *self,
              GHashTable *rows,
              gint64      after,
              LogEntry   *outside,
              GError    **error)
{
  g_autoptr(GError) local = NULL;
  PbDbStmt *stmt;

  outside->table = NULL;
  stmt = pb_store_prepare (self, "SELECT tbl, row_id FROM temp.pb_undolog WHERE seq > ?1", error);
  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, after);
  while (outside->table == NULL && pb_store_step (self, stmt, &local))
    {
      const char *table = (const char *) pb_db_column_text (stmt, 0);
      gint64 row_id = pb_db_column_int64 (stmt, 1);
      g_autofree char *key = row_key (table, row_id);

      if (!g_hash_table_contains (rows, key))
        {
          outside->table = g_strdup (table);
          outside->row_id = row_id;
        }
    }
  pb_db_reset (stmt);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Runs the log span of the top command of @from backwards, in one
 * transaction, and moves the command to @to.
 *
 * Several programs may write one library. Before anything is run, every
 * row of the span must still be as the command left it (entry_holds(): the
 * columns it changed, the whole row if it made the row, absent if it
 * deleted it), and running the span must touch no row outside it
 * (touched_only(): a cascade into another writer's rows); if not,
 * someone else changed the row since, and running the step would revert
 * their work: the whole step is refused, nothing is changed, and the step
 * is dropped from the history (it can never apply again), so the steps
 * before it stay reachable. */
static gboolean
replay (PbStore  *self,
        GArray   *from,
        GArray   *to,
        GError  **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (LogEntry));
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) changes = NULL;
  Command *command;
  PbDbStmt *stmt;
  gboolean ok = TRUE;
  LogEntry conflict = { NULL, 0, NULL, NULL, FALSE, 0 };
  gint64 mark, last = 0;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  g_array_set_clear_func (entries, log_entry_clear);

  if (self->group_depth > 0)
    {
      g_critical ("Undo and redo are not possible inside a group");
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NO_HISTORY, "Undo inside a group");
      return FALSE;
    }

  if (from->len == 0)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NO_HISTORY,
                   from == self->undo_stack ? _("There is nothing to undo.")
                                            : _("There is nothing to redo."));
      return FALSE;
    }

  command = &g_array_index (from, Command, from->len - 1);

  if (!pb_store_begin (self, error))
    return FALSE;

  /* Rows come back before the rows that point at them only in reverse
   * order of the log; check the keys once the whole span has run. */
  mark = self->mark;
  ok = pb_store_exec (self, "PRAGMA defer_foreign_keys = ON", error);

  if (ok)
    {
      stmt = pb_store_prepare (self, "SELECT tbl, row_id, sql, chk, hash FROM temp.pb_undolog"
                                     " WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq DESC", error);
      ok = stmt != NULL;
      if (ok)
        {
          g_autoptr(GError) local = NULL;

          pb_db_bind_int64 (stmt, 1, command->first);
          pb_db_bind_int64 (stmt, 2, command->last);
          while (pb_store_step (self, stmt, &local))
            {
              LogEntry e = {
                g_strdup ((const char *) pb_db_column_text (stmt, 0)),
                pb_db_column_int64 (stmt, 1),
                g_strdup ((const char *) pb_db_column_text (stmt, 2)),
                g_strdup ((const char *) pb_db_column_text (stmt, 3)),
                pb_db_column_type (stmt, 4) != PB_DB_NULL,
                pb_db_column_int64 (stmt, 4),
              };
              char *key = row_key (e.table, e.row_id);

              /* The first entry of a row, backwards, is its latest. */
              if (!g_hash_table_contains (rows, key))
                g_hash_table_insert (rows, g_strdup (key), GUINT_TO_POINTER (entries->len));
              /* Taking back an insert deletes the row: all of it must hold. */
              if (g_str_has_prefix (e.sql, "DELETE "))
                g_hash_table_add (made, g_steal_pointer (&key));
              g_free (key);
              g_array_append_val (entries, e);
            }
          pb_db_reset (stmt);
          ok = local == NULL;
          if (!ok)
            g_propagate_error (error, g_steal_pointer (&local));
        }
    }

  for (guint i = 0; ok && conflict.table == NULL && i < entries->len; i++)
    {
      LogEntry *e = &g_array_index (entries, LogEntry, i);
      g_autofree char *key = row_key (e->table, e->row_id);
      Expect expect;
      gboolean holds = FALSE;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (rows, key)) != i)
        continue;

      if (g_str_has_prefix (e->sql, "INSERT "))
        expect = EXPECT_ABSENT;
      else if (e->has_hash && g_hash_table_contains (made, key))
        expect = EXPECT_HASH;
      else
        expect = EXPECT_CHANGED;
      ok = entry_holds (self, e, expect, &holds, error);
      if (ok && !holds)
        {
          conflict.table = g_strdup (e->table);
          conflict.row_id = e->row_id;
        }
    }

  for (guint i = 0; ok && conflict.table == NULL && i < entries->len; i++)
    ok = pb_store_exec (self, g_array_index (entries, LogEntry, i).sql, error);

  if (ok && conflict.table == NULL)
    ok = touched_only (self, rows, mark, &conflict, error);

  if (ok && conflict.table == NULL)
    ok = forget_span (self, command->first, command->last, error);

  if (ok && conflict.table == NULL)
    {
      last = last_log_seq (self);
      ok = (changes = collect_changes (self, mark, error)) != NULL &&
           pb_store_exec (self, "COMMIT", error);
    }

  self->in_transaction = FALSE;

  if (!ok || conflict.table != NULL)
    pb_db_exec (self->db, "ROLLBACK");

  if (ok && conflict.table != NULL)
    {
      g_autofree char *name = NULL;

      /* Show what the other writer did, then name what stopped the step. */
      pb_store_refresh (self);
      name = describe_row (self, conflict.table, conflict.row_id, 0);
      g_free (conflict.table);
      if (name == NULL)
        name = g_strdup (_("an entry"));

      if (from == self->undo_stack)
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT,
                     _("Someone else changed %s since; nothing was undone."), name);
      else
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT,
                     _("Someone else changed %s since; nothing was redone."), name);

      /* The step can never apply again: drop it, keep the ones before. */
      forget_span (self, command->first, command->last, NULL);
      g_array_set_size (from, from->len - 1);
      notify_history (self);
      return FALSE;
    }

  g_free (conflict.table);
  if (!ok)
    return FALSE;

  {
    Command moved = { g_steal_pointer (&command->label), mark + 1, last, command->plan_id };

    g_array_set_size (from, from->len - 1);
    g_array_append_val (to, moved);
  }

  notify_history (self);
  publish_changes (self, changes);
  return TRUE;
}

/**
 * pb_store_undo:
 * @self: a store
 * @error: where to say why it failed
 *
 * Takes back the last command, in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_undo (PbStore  *self,
               GError  **error)
{
  return replay (self, self->undo_stack, self->redo_stack, error);
}

gboolean
pb_store_redo (PbStore  *self,
               GError  **error)
{
  return replay (self, self->redo_stack, self->undo_stack, error);
}

gboolean
pb_store_can_undo (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
pb_store_can_redo (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  return self->redo_stack->len > 0;
}

const char *
pb_store_get_undo_label (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  if (self->undo_stack->len == 0)
    return NULL;
  return g_array_index (self->undo_stack, Command, self->undo_stack->len - 1).label;
}

const char *
pb_store_get_redo_label (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  if (self->redo_stack->len == 0)
    return NULL;
  return g_array_index (self->redo_stack, Command, self->redo_stack->len - 1).label;
}

/**
 * pb_store_get_undo_plan:
 * @self: a store
 *
 * The plan the command Undo would take back changed, so that a window
 * showing another plan can say where Undo acts (and go there).
 *
 * Returns: the plan's id; 0 when there is nothing to undo, when the
 *   command changed rows of several plans or none that can be told
 */
gint64
pb_store_get_undo_plan (PbStore *self)
{
  gint64 plan;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  if (self->undo_stack->len == 0)
    return 0;
  plan = g_array_index (self->undo_stack, Command, self->undo_stack->len - 1).plan_id;
  return MAX (plan, 0);
}

/**
 * pb_store_get_redo_plan:
 * @self: a store
 *
 * As pb_store_get_undo_plan(), for Redo.
 *
 * Returns: the plan's id, or 0
 */
gint64
pb_store_get_redo_plan (PbStore *self)
{
  gint64 plan;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  if (self->redo_stack->len == 0)
    return 0;
  plan = g_array_index (self->redo_stack, Command, self->redo_stack->len - 1).plan_id;
  return MAX (plan, 0);
}

/**
 * pb_store_get_undo_removed_plan:
 * @self: a store
 *
 * Whether Undo would take a whole plan away: the latest command made it
 * (New Plan, an import, the example, a copy). A window asks before such
 * an Undo, which removes every item, target and report of that plan.
 *
 * Returns: the id of the plan Undo would remove, or 0 (also when the
 *   history cannot be read; the failure is logged)
 */
gint64
pb_store_get_undo_removed_plan (PbStore *self)
{
  g_autoptr(GError) error = NULL;
  const Command *command;
  PbDbStmt *stmt;
  gint64 plan = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  if (self->undo_stack->len == 0)
    return 0;
  command = &g_array_index (self->undo_stack, Command, self->undo_stack->len - 1);

  /* A row of `plan` inserted by the command is put back by a DELETE. */
  stmt = pb_store_prepare (self, "SELECT row_id FROM temp.pb_undolog"
                                 " WHERE seq BETWEEN ?1 AND ?2 AND tbl = 'plan' AND sql LIKE 'DELETE%'"
                                 " ORDER BY seq LIMIT 1", &error);
  if (stmt != NULL)
    {
      pb_db_bind_int64 (stmt, 1, command->first);
      pb_db_bind_int64 (stmt, 2, command->last);
      if (pb_store_step (self, stmt, &error))
        plan = pb_db_column_int64 (stmt, 0);
      pb_db_reset (stmt);
    }
  if (error != NULL)
    g_warning ("Cannot read the history: %s", error->message);
  return plan;
}

/**
 * pb_store_get_undo_mark:
 * @self: a store
 *
 * Returns: what tells the latest command apart from any other, for
 *   pb_store_withdraw(); 0 with nothing to undo
 */
gint64
pb_store_get_undo_mark (PbStore *self)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);
  if (self->undo_stack->len == 0)
    return 0;
  return g_array_index (self->undo_stack, Command, self->undo_stack->len - 1).last;
}

/**
 * pb_store_withdraw:
 * @self: a store
 * @mark: pb_store_get_undo_mark() just after the command
 * @error: where to say why it failed
 *
 * Takes back the command marked @mark if it is still the latest one, and
 * forgets it: no Redo offers it again, as if it had never been made (a
 * new item left without a title). Nothing happens when another command
 * came after it.
 *
 * Returns: %TRUE if it was taken back
 */
gboolean
pb_store_withdraw (PbStore  *self,
                   gint64    mark,
                   GError  **error)
{
  guint n_redo;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction && self->group_depth == 0, FALSE);

  if (mark == 0 || pb_store_get_undo_mark (self) != mark)
    return FALSE;
  n_redo = self->redo_stack->len;
  if (!replay (self, self->undo_stack, self->redo_stack, error))
    return FALSE;
  if (self->redo_stack->len > n_redo)
    g_array_set_size (self->redo_stack, n_redo);
  notify_history (self);
  return TRUE;
}

/**
 * pb_store_clear_history:
 * @self: a store
 *
 * Forgets every command, so what is in the library now cannot be undone:
 * for work that is not the user's, such as seeding a new library.
 */
void
pb_store_clear_history (PbStore *self)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (!self->in_transaction && self->group_depth == 0);

  if (self->undo_stack->len == 0 && self->redo_stack->len == 0)
    return;

  pb_db_exec (self->db, "DELETE FROM temp.pb_undolog");
  g_array_set_size (self->undo_stack, 0);
  g_array_set_size (self->redo_stack, 0);
  notify_history (self);
}

/**
 * pb_store_begin_group:
 * @self: a store
 * @label: what the group does, for the Undo menu
 *
 * The commands made until the matching pb_store_end_group() are undone and
 * redone as one. Each is still its own transaction. Groups nest; the
 * outermost label wins.
 */
void
pb_store_begin_group (PbStore    *self,
                      const char *label)
{
  g_return_if_fail (PB_IS_STORE (self));

  if (self->group_depth++ == 0)
    {
      g_free (self->group_label);
      self->group_label = g_strdup (label);
      self->group_start = self->undo_stack->len;
    }
}

void
pb_store_end_group (PbStore *self)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  if (self->undo_stack->len > self->group_start)
    {
      Command *first = &g_array_index (self->undo_stack, Command, self->group_start);
      gint64 last = g_array_index (self->undo_stack, Command, self->undo_stack->len - 1).last;

      first->last = last;
      for (guint i = self->group_start + 1; i < self->undo_stack->len; i++)
        first->plan_id = join_plans (first->plan_id, g_array_index (self->undo_stack, Command, i).plan_id);
      g_free (first->label);
      first->label = g_steal_pointer (&self->group_label);
      g_array_set_size (self->undo_stack, self->group_start + 1);
      notify_history (self);
    }

  g_clear_pointer (&self->group_label, g_free);
}

/* ---- Writing rows ------------------------------------------------------ */

typedef struct
{
  const PbColumn *column;
  GValue          value;
} Assignment;

static void
assignment_clear (gpointer data)
{
  Assignment *a = data;

  g_value_unset (&a->value);
}

/* Reads column/value pairs, each value of its column's C type: gint64,
 * const char *, double, gboolean or an enum. */
static GArray *
collect_assignments (PbRecordClass  *klass,
                     const char     *first_column,
                     va_list         args,
                     GError        **error)
{
  g_autoptr(GArray) assignments = g_array_new (FALSE, TRUE, sizeof (Assignment));
  const char *name = first_column;

  g_array_set_clear_func (assignments, assignment_clear);

  for (; name != NULL; name = va_arg (args, const char *))
    {
      Assignment a = { NULL, G_VALUE_INIT };
      g_autofree char *collect_error = NULL;
      GType gtype;

      a.column = pb_record_class_find_column (klass, name, NULL);
      if (a.column == NULL || g_str_equal (a.column->name, "id"))
        {
          g_critical ("Table %s has no column %s to set", klass->table, name);
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       "No column %s in %s", name, klass->table);
          return NULL;
        }

      gtype = klass->pspecs[a.column - klass->columns]->value_type;
      G_VALUE_COLLECT_INIT (&a.value, gtype, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s", collect_error);
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, "%s", collect_error);
          return NULL;
        }

      g_array_append_val (assignments, a);
    }

  return g_steal_pointer (&assignments);
}

static gboolean
bind_assignments (PbStore       *self,
                  PbDbStmt      *stmt,
                  GArray        *assignments,
                  GError       **error)
{
  for (guint i = 0; i < assignments->len; i++)
    {
      Assignment *a = &g_array_index (assignments, Assignment, i);
      int rc;

      /* Strict values at the one door every write goes through: text is
       * UTF-8, numbers are finite and within ±10¹⁵ (NaN is a nullable
       * column's NULL). */
      if ((G_VALUE_HOLDS_STRING (&a->value) && g_value_get_string (&a->value) != NULL &&
           !g_utf8_validate (g_value_get_string (&a->value), -1, NULL)) ||
          (G_VALUE_HOLDS_DOUBLE (&a->value) && !isnan (g_value_get_double (&a->value)) &&
           !(fabs (g_value_get_double (&a->value)) <= PB_MAX_NUMBER)))
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("The value given for “%s” is not valid, so nothing was changed."),
                       a->column->name);
          return FALSE;
        }

      rc = pb_column_bind (a->column, stmt, i + 1, &a->value);

      if (rc != PB_DB_OK)
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       _("The value given for “%s” is not valid, so nothing was changed."),
                       a->column->name);
          return FALSE;
        }
    }

  return TRUE;
}

/* With @position >= 0, the row's position column is set to it too. */
static gint64
insert_valist (PbStore     *self,
               GType        type,
               gint64       position,
               GError     **error,
               const char  *first_column,
               va_list      args)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (type);
  g_autoptr(GArray) assignments = NULL;
  g_autoptr(GString) sql = NULL;
  PbDbStmt *stmt;

  g_assert (self->in_transaction);

  assignments = collect_assignments (klass, first_column, args, error);
  if (assignments == NULL)
    return 0;

  if (position >= 0)
    {
      Assignment a = { pb_record_class_find_column (klass, "position", NULL), G_VALUE_INIT };

      g_assert (a.column != NULL);
      g_value_init (&a.value, G_TYPE_INT64);
      g_value_set_int64 (&a.value, position);
      g_array_append_val (assignments, a);
    }

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO main.%s (", klass->table);
  for (guint i = 0; i < assignments->len; i++)
    g_string_append_printf (sql, "%s%s", i ? "," : "",
                            g_array_index (assignments, Assignment, i).column->name);
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < assignments->len; i++)
    g_string_append (sql, i ? ",?" : "?");
  g_string_append (sql, ")");

  if (!(stmt = pb_store_prepare (self, sql->str, error)) ||
      !bind_assignments (self, stmt, assignments, error) ||
      !pb_store_step_done (self, stmt, error))
    return 0;

  return pb_db_last_insert_id (self->db);
}

/**
 * pb_store_insert: (skip)
 * @self: a store, inside pb_store_begin()
 * @type: the record type of the row
 * @error: where to say why it failed
 * @first_column: the first column name, followed by its value, then more
 *   pairs, then %NULL
 *
 * Returns: the new row's id, or 0 on error
 */
gint64
pb_store_insert (PbStore     *self,
                 GType        type,
                 GError     **error,
                 const char  *first_column,
                 ...)
{
  va_list args;
  gint64 id;

  va_start (args, first_column);
  id = insert_valist (self, type, -1, error, first_column, args);
  va_end (args);

  return id;
}

void
pb_store_set_change_date (PbStore    *self,
                          const char *date)
{
  g_return_if_fail (PB_IS_STORE (self));

  g_free (self->change_date);
  self->change_date = g_strdup (date);
}

/* Adds to the item's history what its status and progress became, when
 * they changed from @status_before and @progress_before. */
static gboolean
record_item_history (PbStore     *self,
                     gint64       id,
                     const char  *status_before,
                     double       progress_before,
                     GError     **error)
{
  char today[11];
  PbDbStmt *stmt;

  if (self->change_date == NULL)
    {
      GDate day;

      pb_date_today (&day);
      pb_date_format (&day, today);
    }
  stmt = pb_store_prepare (self, "INSERT INTO main.item_history"
                                 " (item_id, date, status, progress, status_before, progress_before)"
                                 " SELECT id, ?2, status, progress, ?3, ?4 FROM main.item"
                                 " WHERE id = ?1 AND (status <> ?3 OR progress <> ?4)", error);
  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, id);
  pb_db_bind_text (stmt, 2, self->change_date ? self->change_date : today);
  pb_db_bind_text (stmt, 3, status_before);
  pb_db_bind_double (stmt, 4, progress_before);
  return pb_store_step_done (self, stmt, error);
}

/* With @seen (the record the planner saw), the row changes only if the
 * columns being set still hold what @seen holds: a change another writer
 * made to them since is never overwritten unseen (the UPDATE itself checks,
 * so two writers at once cannot both pass). *@conflict says it was that. */
static gboolean
update_assignments_seen (PbStore        *self,
                         PbRecordClass  *klass,
                         gint64          id,
                         GArray         *assignments,
                         PbRecord       *seen,
                         gboolean       *conflict,
                         GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *status_before = NULL;
  double progress_before = 0;
  gboolean history = FALSE;
  PbDbStmt *stmt;
  guint n = assignments->len;

  g_assert (self->in_transaction);

  /* An item's status or progress: what it had, for its history. */
  for (guint i = 0; g_str_equal (klass->table, "item") && i < n; i++)
    {
      const char *name = g_array_index (assignments, Assignment, i).column->name;

      if (g_str_equal (name, "status") || g_str_equal (name, "progress"))
        history = TRUE;
    }
  if (history)
    {
      PbDbStmt *before = pb_store_prepare (self, "SELECT status, progress FROM main.item WHERE id = ?1", error);

      if (before == NULL)
        return FALSE;
      pb_db_bind_int64 (before, 1, id);
      if (pb_store_step (self, before, error))
        {
          status_before = g_strdup (pb_db_column_text (before, 0));
          progress_before = pb_db_column_double (before, 1);
        }
      pb_db_reset (before);
    }

  g_string_append_printf (sql, "UPDATE main.%s SET ", klass->table);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, "%s%s = ?", i ? ", " : "",
                            g_array_index (assignments, Assignment, i).column->name);
  g_string_append_printf (sql, " WHERE id = ?%u", n + 1);
  if (seen != NULL)
    for (guint i = 0; i < n; i++)
      g_string_append_printf (sql, " AND %s IS NOT DISTINCT FROM ?%u",
                              g_array_index (assignments, Assignment, i).column->name, n + 2 + i);

  if (!(stmt = pb_store_prepare (self, sql->str, error)) ||
      !bind_assignments (self, stmt, assignments, error))
    return FALSE;

  pb_db_bind_int64 (stmt, n + 1, id);
  if (seen != NULL)
    for (guint i = 0; i < n; i++)
      {
        const PbColumn *column = g_array_index (assignments, Assignment, i).column;
        const GValue *value = pb_record_peek_value (seen, column->name);

        if (value == NULL || pb_column_bind (column, stmt, n + 2 + i, value) != PB_DB_OK)
          pb_db_bind_null (stmt, n + 2 + i);
      }
  if (!pb_store_step_done (self, stmt, error))
    return FALSE;

  if (pb_db_changes (self->db) == 0)
    {
      g_autofree char *exists_sql = g_strdup_printf ("SELECT count(*) FROM main.%s WHERE id = ?1", klass->table);
      PbDbStmt *exists = NULL;
      gboolean there = FALSE;

      if (seen != NULL && (exists = pb_store_prepare (self, exists_sql, NULL)) != NULL)
        {
          pb_db_bind_int64 (exists, 1, id);
          there = pb_store_step (self, exists, NULL) && pb_db_column_int64 (exists, 0) > 0;
          pb_db_reset (exists);
        }

      if (there)
        {
          g_autofree char *name = describe_row (self, klass->table, id, 0);

          *conflict = TRUE;
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_CONFLICT,
                       _("Someone else changed %s since you last saw it, so your change was not made. It now shows their change; make yours again if it still applies."),
                       name ? name : _("an entry"));
        }
      else
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                     _("The thing being changed no longer exists."));
      return FALSE;
    }

  /* Done is all of it: an item set to Done whose progress is given by
   * hand has it at 100 % in the same command, so that the editor, the
   * progress forms and the export say what its card and the reports say
   * (undone with the status). A progress given with the status stands. */
  if (g_str_equal (klass->table, "item"))
    {
      gboolean done = FALSE, progress = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const Assignment *a = &g_array_index (assignments, Assignment, i);

          if (g_str_equal (a->column->name, "progress"))
            progress = TRUE;
          else if (g_str_equal (a->column->name, "status") && G_VALUE_HOLDS_ENUM (&a->value))
            done = g_value_get_enum (&a->value) == PB_ITEM_STATUS_DONE;
          else if (g_str_equal (a->column->name, "status") && G_VALUE_HOLDS_INT (&a->value))
            done = g_value_get_int (&a->value) == PB_ITEM_STATUS_DONE;
        }
      if (done && !progress &&
          !pb_store_exec_ids (self, "UPDATE main.item SET progress = 1"
                                    " WHERE id = ?1 AND progress_mode = 'manual' AND progress < ?2",
                              id, 1, error))
        return FALSE;
    }

  /* …and what it became, on the day it is as of, in the same command
   * (undone with it): a closed period keeps the item as it stood at its
   * end from these (pb_store_get_items_as_of ()). */
  if (history && status_before != NULL &&
      !record_item_history (self, id, status_before, progress_before, error))
    return FALSE;

  return TRUE;
}

static gboolean
update_assignments (PbStore        *self,
                    PbRecordClass  *klass,
                    gint64          id,
                    GArray         *assignments,
                    GError        **error)
{
  return update_assignments_seen (self, klass, id, assignments, NULL, NULL, error);
}

/* After a conflict: what the other writer did shows on @record now. */
static void
show_current (PbStore  *self,
              PbRecord *record)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  Change change = { type_index (self, G_OBJECT_TYPE (record)), pb_record_get_id (record) };

  g_array_append_val (changes, change);
  pb_store_refresh (self);
  publish_changes (self, changes);
}

static const char *set_label (PbRecordClass *klass, GArray *assignments);

/* One command that sets columns of the row @record shows, refused if
 * another writer changed them since. */
static gboolean
set_seen (PbStore   *self,
          PbRecord  *record,
          GArray    *assignments,
          GError   **error)
{
  PbRecordClass *klass = PB_RECORD_GET_CLASS (record);
  gboolean conflict = FALSE, ok;

  if (!pb_store_begin (self, error))
    return FALSE;

  ok = update_assignments_seen (self, klass, pb_record_get_id (record), assignments, record, &conflict, error);
  ok = pb_store_finish (self, ok, set_label (klass, assignments), error);
  if (!ok && conflict)
    show_current (self, record);
  return ok;
}

gboolean
pb_store_update (PbStore     *self,
                 GType        type,
                 gint64       id,
                 GError     **error,
                 const char  *first_column,
                 ...)
{
  g_autoptr(PbRecordClass) klass = g_type_class_ref (type);
  g_autoptr(GArray) assignments = NULL;
  va_list args;

  va_start (args, first_column);
  assignments = collect_assignments (klass, first_column, args, error);
  va_end (args);

  return assignments != NULL && update_assignments (self, klass, id, assignments, error);
}

/* ---- Commands ---------------------------------------------------------- */

/* The position after the last row of @table whose @column is @value. */
static gint64
next_position (PbStore    *self,
               const char *table,
               const char *column,
               gint64      value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(max(position) + 1, 0) FROM main.%s WHERE %s = ?1",
                                          table, column);
  PbDbStmt *stmt = pb_store_prepare (self, sql, NULL);
  gint64 position = 0;

  if (stmt == NULL)
    return 0;

  pb_db_bind_int64 (stmt, 1, value);
  if (pb_store_step (self, stmt, NULL))
    position = pb_db_column_int64 (stmt, 0);
  pb_db_reset (stmt);

  return position;
}

/* One command that inserts one row. With @scope_column, the row goes last
 * among the rows of its table whose @scope_column is @scope_value. */
static gint64
insert_command (PbStore     *self,
                const char  *label,
                GType        type,
                const char  *scope_column,
                gint64       scope_value,
                GError     **error,
                const char  *first_column,
                ...)
{
  va_list args;
  gint64 id, position = -1;

  if (!pb_store_begin (self, error))
    return 0;

  if (scope_column != NULL)
    {
      g_autoptr(PbRecordClass) klass = g_type_class_ref (type);
      position = next_position (self, klass->table, scope_column, scope_value);
    }

  va_start (args, first_column);
  id = insert_valist (self, type, position, error, first_column, args);
  va_end (args);

  return pb_store_finish (self, id > 0, label, error) ? id : 0;
}

/**
 * pb_store_create_plan:
 * @self: a store
 * @title: the plan's title
 * @period_start: its first year, or 0
 * @period_end: its last year, or 0
 * @error: where to say why it failed
 *
 * Returns: the new plan's id, or 0 on error
 */
gint64
pb_store_create_plan (PbStore     *self,
                      const char  *title,
                      int          period_start,
                      int          period_end,
                      GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (title != NULL, 0);

  if (period_start && period_end && period_end < period_start)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("A plan cannot end (%d) before it starts (%d)."), period_end, period_start);
      return 0;
    }

  return insert_command (self, _("New Plan"), PB_TYPE_PLAN, NULL, 0, error,
                         "title", title,
                         "period_start", (gint64) period_start,
                         "period_end", (gint64) period_end,
                         NULL);
}

gint64
pb_store_add_section (PbStore     *self,
                      gint64       plan_id,
                      gint64       parent_id,
                      const char  *number,
                      const char  *title,
                      GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return insert_command (self, _("Add Section"), PB_TYPE_SECTION, "plan_id", plan_id, error,
                         "plan_id", plan_id,
                         "parent_id", parent_id,
                         "number", number,
                         "title", title,
                         NULL);
}

gint64
pb_store_add_item (PbStore     *self,
                   gint64       plan_id,
                   gint64       section_id,
                   PbItemKind   kind,
                   const char  *number,
                   const char  *title,
                   GError     **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  return insert_command (self, _("Add Item"), PB_TYPE_ITEM, "plan_id", plan_id, error,
                         "plan_id", plan_id,
                         "section_id", section_id,
                         "kind", kind,
                         "number", number,
                         "title", title,
                         NULL);
}

/**
 * pb_store_assign_organisation:
 * @self: a store
 * @item_id: an item
 * @name: the organisation's name or one of its aliases; a new name adds the
 *   organisation to the item's plan
 * @role: lead or responsible
 * @error: where to say why it failed
 *
 * Returns: the id of the new item_org row, or 0 on error
 */
gint64
pb_store_assign_organisation (PbStore     *self,
                              gint64       item_id,
                              const char  *name,
                              PbRole       role,
                              GError     **error)
{
  g_autoptr(PbItem) item = NULL;
  g_autofree char *clean = NULL;
  gint64 org_id, id = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  clean = g_strstrip (g_strdup (name));
  if (clean[0] == '\0')
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("An organisation needs a name."));
      return 0;
    }

  item = pb_store_get_record (self, PB_TYPE_ITEM, item_id);
  if (item == NULL)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("The thing being changed no longer exists."));
      return 0;
    }

  if (!pb_store_begin (self, error))
    return 0;

  org_id = pb_store_find_organisation (self, pb_item_get_plan_id (item), clean);
  if (org_id == 0)
    org_id = pb_store_insert (self, PB_TYPE_ORGANISATION, error,
                              "plan_id", pb_item_get_plan_id (item),
                              "name", clean,
                              NULL);
  if (org_id > 0)
    id = pb_store_insert (self, PB_TYPE_ITEM_ORG, error,
                          "item_id", item_id,
                          "organisation_id", org_id,
                          "role", role,
                          "position", next_position (self, "item_org", "item_id", item_id),
                          NULL);

  return pb_store_finish (self, id > 0, _("Add organisation"), error) ? id : 0;
}

/**
 * pb_store_add_indicator:
 * @self: a store
 * @plan_id: the plan the indicator belongs to
 * @item_id: an item that serves it, or 0
 * @name: its name
 * @measure_unit: (nullable): its unit
 * @kind: cumulative or annual
 * @error: where to say why it failed
 *
 * Returns: the new indicator's id, or 0 on error
 */
gint64
pb_store_add_indicator (PbStore         *self,
                        gint64           plan_id,
                        gint64           item_id,
                        const char      *name,
                        const char      *measure_unit,
                        PbIndicatorKind  kind,
                        GError         **error)
{
  gint64 id;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!pb_store_begin (self, error))
    return 0;

  id = pb_store_insert (self, PB_TYPE_INDICATOR, error,
                        "plan_id", plan_id,
                        "name", name,
                        "measure_unit", measure_unit,
                        "kind", kind,
                        "position", next_position (self, "indicator", "plan_id", plan_id),
                        NULL);
  if (id > 0 && item_id > 0 &&
      pb_store_insert (self, PB_TYPE_ITEM_INDICATOR, error,
                       "item_id", item_id,
                       "indicator_id", id,
                       "position", next_position (self, "item_indicator", "item_id", item_id),
                       NULL) == 0)
    id = 0;

  return pb_store_finish (self, id > 0, _("Add indicator"), error) ? id : 0;
}

/* The item that states a new target: the first that serves the indicator. */
static gint64
first_serving_item (PbStore *self,
                    gint64   indicator_id)
{
  PbDbStmt *stmt = pb_store_prepare (self,
                                         "SELECT l.item_id FROM item_indicator l JOIN item i ON i.id = l.item_id"
                                         " WHERE l.indicator_id = ?1 ORDER BY i.position, i.id LIMIT 1", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  pb_db_bind_int64 (stmt, 1, indicator_id);
  if (pb_db_step (stmt) == PB_DB_ROW)
    id = pb_db_column_int64 (stmt, 0);
  pb_db_reset (stmt);
  return id;
}

gint64
pb_store_add_target (PbStore       *self,
                     gint64         indicator_id,
                     int            year,
                     double         value,
                     PbComparator   comparator,
                     gboolean       stretch,
                     GError       **error)
{
  g_return_val_if_fail (PB_IS_STORE (self), 0);

  /* One firm and one stretch target a year at most. */
  {
    PbDbStmt *stmt = pb_store_prepare (self, "SELECT 1 FROM target WHERE indicator_id = ?1 AND year = ?2"
                                                 " AND stretch = ?3", error);
    gboolean taken;

    if (stmt == NULL)
      return 0;
    pb_db_bind_int64 (stmt, 1, indicator_id);
    pb_db_bind_int (stmt, 2, year);
    pb_db_bind_int (stmt, 3, stretch ? 1 : 0);
    taken = pb_db_step (stmt) == PB_DB_ROW;
    pb_db_reset (stmt);
    if (taken)
      {
        g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                     stretch ? _("The indicator has a stretch target for %d already.")
                             : _("The indicator has a target for %d already."), year);
        return 0;
      }
  }

  return insert_command (self, _("Add Target"), PB_TYPE_TARGET, NULL, 0, error,
                         "indicator_id", indicator_id,
                         "item_id", first_serving_item (self, indicator_id),
                         "year", (gint64) year,
                         "value", value,
                         "comparator", comparator,
                         "stretch", stretch,
                         NULL);
}

gint64
pb_store_add_actual (PbStore     *self,
                     gint64       indicator_id,
                     const char  *date,
                     double       value,
                     const char  *note,
                     GError     **error)
{
  return pb_store_record_actual (self, indicator_id, date, value, note, NULL, error);
}

/**
 * pb_store_record_actual:
 * @self: a store
 * @indicator_id: the indicator
 * @date: the day the value stood at, YYYY-MM-DD
 * @value: the value
 * @note: (nullable): a remark
 * @source: (nullable): the organisation that reported it
 * @error: where to say why not
 *
 * Returns: the actual's id, or 0
 */
gint64
pb_store_record_actual (PbStore     *self,
                        gint64       indicator_id,
                        const char  *date,
                        double       value,
                        const char  *note,
                        const char  *source,
                        GError     **error)
{
  GDate parsed;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (date != NULL, 0);

  if (!pb_date_parse (date, &parsed))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2024-06-30."), date);
      return 0;
    }
  if (!isfinite (value))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID, _("An actual needs a number."));
      return 0;
    }

  return insert_command (self, _("Record Actual"), PB_TYPE_ACTUAL, NULL, 0, error,
                         "indicator_id", indicator_id,
                         "date", date,
                         "value", value,
                         "note", note && *note ? note : NULL,
                         "source", source && *source ? source : NULL,
                         NULL);
}

gint64
pb_store_add_note (PbStore     *self,
                   gint64       item_id,
                   const char  *date,
                   gint64       organisation_id,
                   const char  *text,
                   GError     **error)
{
  g_autoptr(PbItem) item = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), 0);
  g_return_val_if_fail (date != NULL && text != NULL, 0);

  /* A note records the item's status of the day. */
  item = pb_store_get_record (self, PB_TYPE_ITEM, item_id);

  return insert_command (self, _("Add Note"), PB_TYPE_NOTE, NULL, 0, error,
                         "item_id", item_id,
                         "date", date,
                         "organisation_id", organisation_id,
                         "text", text,
                         "status", item ? pb_item_get_status (item) : PB_ITEM_STATUS_NOT_STARTED,
                         NULL);
}

/**
 * pb_store_check_dependency:
 * @self: a store
 * @from_item_id: the item to finish first
 * @to_item_id: the item to start after it
 * @error: where to say why not
 *
 * Whether @to_item_id may start after @from_item_id: not when
 * @from_item_id already waits for @to_item_id, directly or through other
 * items, for then each would wait for the other and no schedule could
 * hold. The error is %PB_STORE_ERROR_INVALID for such a loop, else a read
 * failure.
 *
 * Returns: %TRUE when the dependency may be added
 */
gboolean
pb_store_check_dependency (PbStore     *self,
                           gint64       from_item_id,
                           gint64       to_item_id,
                           GError     **error)
{
  g_autoptr(GError) local = NULL;
  PbDbStmt *stmt;
  gboolean loop;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  if (from_item_id == to_item_id)
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("An item cannot depend on itself."));
      return FALSE;
    }
  /* Everything that starts after @to_item_id, in turn: @from_item_id
   * among them closes a loop. */
  stmt = pb_store_prepare (self, "WITH RECURSIVE later(id) AS (SELECT CAST(?1 AS BIGINT)"
                                 " UNION SELECT d.to_item_id FROM dependency d JOIN later l ON d.from_item_id = l.id)"
                                 " SELECT 1 FROM later WHERE id = ?2 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  pb_db_bind_int64 (stmt, 1, to_item_id);
  pb_db_bind_int64 (stmt, 2, from_item_id);
  loop = pb_store_step (self, stmt, &local);
  pb_db_reset (stmt);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (loop)
    {
      g_autoptr(PbItem) from = pb_store_get_record (self, PB_TYPE_ITEM, from_item_id);
      g_autoptr(PbItem) to = pb_store_get_record (self, PB_TYPE_ITEM, to_item_id);
      g_autofree char *from_name = from ? pb_item_dup_short_name (from) : g_strdup ("?");
      g_autofree char *to_name = to ? pb_item_dup_short_name (to) : g_strdup ("?");

      /* TRANSLATORS: a refusal; "3 统筹建设绿色数据中心" already starts
       * after "12 建设算力调度平台" finishes, so 12 cannot also start
       * after 3 */
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   _("%s already starts after %s, directly or through other items: each would wait for the other."),
                   from_name, to_name);
      return FALSE;
    }
  return TRUE;
}

/* When an item ends, and when it starts, as the timeline draws it: an
 * item with one date only is a milestone on it. A Julian day, 0 for
 * none. */
static guint32
item_day (PbItem     *item,
          const char *column,
          const char *otherwise)
{
  GDate d;

  g_date_clear (&d, 1);
  if (pb_date_parse (pb_record_get_string (PB_RECORD (item), column), &d) ||
      pb_date_parse (pb_record_get_string (PB_RECORD (item), otherwise), &d))
    return g_date_get_julian (&d);
  return 0;
}

/**
 * pb_store_dependency_contradicts:
 * @self: a store
 * @from_item_id: the item to finish first
 * @to_item_id: the item to start after it
 * @lag_days: the days to wait after it
 *
 * Whether the two items' dates already say otherwise than a dependency
 * "@to_item_id starts after @from_item_id finishes" would: the successor
 * starts (its start date, else its due date) on or before the day the
 * predecessor ends (its due date, else its start date) plus @lag_days.
 * The rule of DESIGN §5's "Starts before … finishes", on the dates alone,
 * whatever the items' status. Such a dependency may still be added (a
 * planner may move the dates next); the caller says so. An item without
 * dates contradicts nothing.
 *
 * Returns: %TRUE when the successor starts before the predecessor ends
 */
gboolean
pb_store_dependency_contradicts (PbStore *self,
                                 gint64   from_item_id,
                                 gint64   to_item_id,
                                 int      lag_days)
{
  g_autoptr(PbItem) from = NULL;
  g_autoptr(PbItem) to = NULL;
  guint32 ends, starts;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);

  from = pb_store_get_record (self, PB_TYPE_ITEM, from_item_id);
  to = pb_store_get_record (self, PB_TYPE_ITEM, to_item_id);
  if (from == NULL || to == NULL)
    return FALSE;
  ends = item_day (from, "due_date", "start_date");
  starts = item_day (to, "start_date", "due_date");
  if (ends == 0 || starts == 0)
    return FALSE;
  return (gint64) starts <= (gint64) ends + MAX (lag_days, 0);
}

gint64
pb_store_add_dependency (PbStore     *self,
                         gint64       from_item_id,
                         gint64       to_item_id,
                         int          lag_days,
                         GError     **error)
{
  g_autoptr(PbItem) from = NULL;
  g_autoptr(PbItem) to = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  if (!pb_store_check_dependency (self, from_item_id, to_item_id, error))
    return 0;

  from = pb_store_get_record (self, PB_TYPE_ITEM, from_item_id);
  to = pb_store_get_record (self, PB_TYPE_ITEM, to_item_id);
  if (from && to)
    {
      g_autofree char *from_name = pb_item_dup_short_name (from);
      g_autofree char *to_name = pb_item_dup_short_name (to);

      /* TRANSLATORS: a command, in the Undo menu and its toast: item
       * "3 加快5G网络…" now starts after item "2 推进千兆光网…" finishes */
      label = g_strdup_printf (_("Make %s Start After %s"), to_name, from_name);
    }

  return insert_command (self, label ? label : _("Add Dependency"), PB_TYPE_DEPENDENCY, NULL, 0, error,
                         "from_item_id", from_item_id,
                         "to_item_id", to_item_id,
                         "lag_days", (gint64) lag_days,
                         NULL);
}

/* What a change of these columns is called in the Undo menu. */
static const char *
set_label (PbRecordClass *klass,
           GArray        *assignments)
{
  static const struct { const char *table, *column, *label; } names[] = {
    { "item", "title", N_("Rename Item") },
    { "item", "number", N_("Renumber Item") },
    { "item", "body", N_("Change Item Text") },
    { "item", "kind", N_("Change Kind") },
    { "item", "start_date", N_("Change Start Date") },
    { "item", "due_date", N_("Change Due Date") },
    { "item", "status", N_("Change Status") },
    { "item", "progress", N_("Change Progress") },
    { "item", "progress_mode", N_("Change Progress Mode") },
    { "item", "section_id", N_("Move to Section") },
    { "item", "position", N_("Move Item") },
    { "item", "health_override", N_("Override Health") },
    { "plan", "title", N_("Rename Plan") },
    { "section", "title", N_("Rename Section") },
    { "section", "number", N_("Renumber Section") },
    { "target", "value", N_("Change Target") },
    { "target", "year", N_("Change Target Year") },
    { "target", "comparator", N_("Change Target") },
    { "target", "stretch", N_("Change Target") },
    { "indicator", "name", N_("Rename Indicator") },
    { "indicator", "baseline_value", N_("Change Baseline") },
    { "indicator", "kind", N_("Change Indicator Kind") },
    { "item_org", "role", N_("Change Role") },
    { "item_org", "position", N_("Reorder Organisations") },
    { "actual", "value", N_("Edit Actual") },
  };
  const char *first = g_array_index (assignments, Assignment, 0).column->name;

  /* Both dates at once: a bar moved on the timeline. */
  if (assignments->len == 2 && g_str_equal (klass->table, "item"))
    {
      const char *second = g_array_index (assignments, Assignment, 1).column->name;

      if ((g_str_equal (first, "start_date") && g_str_equal (second, "due_date")) ||
          (g_str_equal (first, "due_date") && g_str_equal (second, "start_date")))
        return _("Change Dates");
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].table, klass->table) && g_str_equal (names[i].column, first))
      return _(names[i].label);
  return _("Edit");
}

/**
 * pb_store_set:
 * @self: a store
 * @record: the record to change
 * @error: where to say why it failed
 * @first_column: a column, then its value (gint64, const char *, double,
 *   gboolean or enum, as the column is), then more pairs, then %NULL
 *
 * Changes one or more columns of one row, as one command.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set (PbStore     *self,
              gpointer     record,
              GError     **error,
              const char  *first_column,
              ...)
{
  g_autoptr(GArray) assignments = NULL;
  PbRecordClass *klass;
  g_autofree char *label = NULL;
  va_list args;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_RECORD (record), FALSE);

  klass = PB_RECORD_GET_CLASS (record);

  va_start (args, first_column);
  assignments = collect_assignments (klass, first_column, args, error);
  va_end (args);

  if (assignments == NULL)
    return FALSE;

  return set_seen (self, record, assignments, error);
}

gboolean
pb_store_set_value (PbStore       *self,
                    gpointer       record,
                    const char    *column,
                    const GValue  *value,
                    GError       **error)
{
  g_autoptr(GArray) assignments = NULL;
  PbRecordClass *klass;
  Assignment a = { NULL, G_VALUE_INIT };

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_RECORD (record), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  klass = PB_RECORD_GET_CLASS (record);
  a.column = pb_record_class_find_column (klass, column, NULL);
  if (a.column == NULL || g_str_equal (a.column->name, "id"))
    {
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   "No column %s in %s", column, klass->table);
      return FALSE;
    }

  g_value_init (&a.value, klass->pspecs[a.column - klass->columns]->value_type);
  if (!g_value_transform (value, &a.value))
    {
      g_value_unset (&a.value);
      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                   "A %s cannot be stored in %s.%s", G_VALUE_TYPE_NAME (value), klass->table, column);
      return FALSE;
    }

  assignments = g_array_new (FALSE, TRUE, sizeof (Assignment));
  g_array_set_clear_func (assignments, assignment_clear);
  g_array_append_val (assignments, a);

  return set_seen (self, record, assignments, error);
}

/**
 * pb_store_delete:
 * @self: a store
 * @record: the record whose row goes, with everything it owns
 * @error: where to say why it failed
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_delete (PbStore   *self,
                 gpointer   record,
                 GError   **error)
{
  g_autofree char *sql = NULL;
  const char *label;
  PbDbStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_RECORD (record), FALSE);

  label = PB_IS_PLAN (record) ? _("Delete Plan")
        : PB_IS_ITEM (record) ? _("Delete Item")
        : PB_IS_SECTION (record) ? _("Delete Section")
        : PB_IS_TARGET (record) ? _("Delete Target")
        : PB_IS_DEPENDENCY (record) ? _("Delete Dependency")
        : PB_IS_ACTUAL (record) ? _("Delete Actual")
        : PB_IS_ITEM_ORG (record) ? _("Remove Organisation")
        : PB_IS_INDICATOR (record) ? _("Delete Indicator")
        : _("Delete");
  sql = g_strdup_printf ("DELETE FROM main.%s WHERE id = ?1", pb_record_get_table (record));

  if (!pb_store_begin (self, error))
    return FALSE;

  stmt = pb_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      pb_db_bind_int64 (stmt, 1, pb_record_get_id (record));
      ok = pb_store_step_done (self, stmt, error);
    }

  return pb_store_finish (self, ok, label, error);
}

/**
 * pb_store_set_lead:
 * @self: a store
 * @item: an item
 * @organisation_id: the organisation that is to lead it, or 0 for none
 * @error: where to say why it failed
 *
 * Makes @organisation_id the item's only lead; its other leads become
 * responsible organisations, so nobody is lost from the item.
 *
 * Returns: %TRUE on success
 */
gboolean
pb_store_set_lead (PbStore  *self,
                   PbItem   *item,
                   gint64    organisation_id,
                   GError  **error)
{
  gint64 item_id;
  PbDbStmt *stmt;
  gboolean ok, exists = FALSE;

  g_return_val_if_fail (PB_IS_STORE (self), FALSE);
  g_return_val_if_fail (PB_IS_ITEM (item), FALSE);

  item_id = pb_record_get_id (PB_RECORD (item));

  if (!pb_store_begin (self, error))
    return FALSE;

  stmt = pb_store_prepare (self, "UPDATE item_org SET role = 'responsible'"
                                 " WHERE item_id = ?1 AND role = 'lead' AND organisation_id <> ?2", error);
  ok = stmt != NULL;
  if (ok)
    {
      pb_db_bind_int64 (stmt, 1, item_id);
      pb_db_bind_int64 (stmt, 2, organisation_id);
      ok = pb_store_step_done (self, stmt, error);
    }

  if (ok && organisation_id > 0)
    {
      stmt = pb_store_prepare (self, "SELECT 1 FROM item_org WHERE item_id = ?1 AND organisation_id = ?2", error);
      ok = stmt != NULL;
      if (ok)
        {
          g_autoptr(GError) local = NULL;

          pb_db_bind_int64 (stmt, 1, item_id);
          pb_db_bind_int64 (stmt, 2, organisation_id);
          exists = pb_store_step (self, stmt, &local);
          pb_db_reset (stmt);
          if (local != NULL)
            {
              ok = FALSE;
              g_propagate_error (error, g_steal_pointer (&local));
            }
        }
      if (ok && exists)
        {
          stmt = pb_store_prepare (self, "UPDATE item_org SET role = 'lead'"
                                         " WHERE item_id = ?1 AND organisation_id = ?2 AND role <> 'lead'", error);
          ok = stmt != NULL;
          if (ok)
            {
              pb_db_bind_int64 (stmt, 1, item_id);
              pb_db_bind_int64 (stmt, 2, organisation_id);
              ok = pb_store_step_done (self, stmt, error);
            }
        }
      else if (ok)
        ok = pb_store_insert (self, PB_TYPE_ITEM_ORG, error,
                              "item_id", item_id,
                              "organisation_id", organisation_id,
                              "role", PB_ROLE_LEAD,
                              "position", next_position (self, "item_org", "item_id", item_id),
                              NULL) > 0;
    }

  return pb_store_finish (self, ok, _("Change lead organisation"), error);
}

/**
 * pb_store_count_item_orgs:
 * @self: a store
 * @item_id: an item
 * @role: lead or responsible
 *
 * Returns: how many organisations have @role on the item
 */
guint
pb_store_count_item_orgs (PbStore *self,
                          gint64   item_id,
                          PbRole   role)
{
  PbDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PB_IS_STORE (self), 0);

  stmt = pb_store_prepare (self, "SELECT count(*) FROM item_org WHERE item_id = ?1 AND role = ?2", NULL);
  if (stmt == NULL)
    return 0;
  pb_db_bind_int64 (stmt, 1, item_id);
  pb_db_bind_text (stmt, 2, role == PB_ROLE_LEAD ? "lead" : "responsible");
  if (pb_store_step (self, stmt, NULL))
    count = pb_db_column_int (stmt, 0);
  pb_db_reset (stmt);
  return count;
}

/**
 * pb_store_dup_first_leads:
 * @self: a store
 * @plan_id: a plan
 *
 * Returns: (transfer full): for each item of the plan that has a lead, the
 *   first lead organisation's id (item id → organisation id, both gint64)
 */
GHashTable *
pb_store_dup_first_leads (PbStore *self,
                          gint64   plan_id)
{
  GHashTable *leads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PbDbStmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (self), leads);

  stmt = pb_store_prepare (self,
                           "SELECT io.item_id, io.organisation_id FROM item_org io"
                           " JOIN item i ON i.id = io.item_id"
                           " WHERE i.plan_id = ?1 AND io.role = 'lead'"
                           " ORDER BY io.item_id, io.position DESC, io.id DESC", NULL);
  if (stmt == NULL)
    return leads;
  pb_db_bind_int64 (stmt, 1, plan_id);
  /* Later rows of an item replace earlier: the first by position wins. */
  while (pb_store_step (self, stmt, NULL))
    {
      gint64 item = pb_db_column_int64 (stmt, 0);
      gint64 org = pb_db_column_int64 (stmt, 1);

      g_hash_table_insert (leads, g_memdup2 (&item, sizeof item), g_memdup2 (&org, sizeof org));
    }
  pb_db_reset (stmt);
  return leads;
}

/**
 * pb_store_foreach_item_org:
 * @self: a store
 * @plan_id: a plan
 * @func: (scope call): called for each organisation of each item, leads
 *   first, in order
 * @user_data: for @func
 *
 * One query for what views need of every item's organisations at once.
 */
typedef struct
{
  gint64      item_id;
  gint64      organisation_id;
  gint64      position;
  gint64      id;
  gboolean    lead;
  const char *name;   /* in the names table */
} ItemOrgRow;

/* By item, leads first, then by position and id. */
static int
compare_item_org_rows (gconstpointer a,
                       gconstpointer b)
{
  const ItemOrgRow *x = a, *y = b;

  if (x->item_id != y->item_id)
    return x->item_id < y->item_id ? -1 : 1;
  if (x->lead != y->lead)
    return x->lead ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

void
pb_store_foreach_item_org (PbStore           *self,
                           gint64             plan_id,
                           PbItemOrgFunc      func,
                           gpointer           user_data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) names = NULL;
  PbDbStmt *stmt;

  g_return_if_fail (PB_IS_STORE (self));

  /* Sorted here, not by the query: SQLite copied the 18,000 rows of a
   * 20,000-item plan into a temporary B-tree to sort them (35 against
   * 20 ms in Python's sqlite3). Each organisation's name is copied once. */
  stmt = pb_store_prepare (self,
                           "SELECT io.item_id, io.organisation_id, o.name, io.role, io.position, io.id FROM item_org io"
                           " JOIN item i ON i.id = io.item_id JOIN organisation o ON o.id = io.organisation_id"
                           " WHERE i.plan_id = ?1", NULL);
  if (stmt == NULL)
    return;
  rows = g_array_new (FALSE, FALSE, sizeof (ItemOrgRow));
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  pb_db_bind_int64 (stmt, 1, plan_id);
  while (pb_store_step (self, stmt, NULL))
    {
      ItemOrgRow row = { pb_db_column_int64 (stmt, 0), pb_db_column_int64 (stmt, 1),
                         pb_db_column_int64 (stmt, 4), pb_db_column_int64 (stmt, 5),
                         g_strcmp0 ((const char *) pb_db_column_text (stmt, 3), "lead") == 0, NULL };

      row.name = g_hash_table_lookup (names, &row.organisation_id);
      if (row.name == NULL)
        {
          char *name = g_strdup ((const char *) pb_db_column_text (stmt, 2));

          g_hash_table_insert (names, g_memdup2 (&row.organisation_id, sizeof row.organisation_id), name);
          row.name = name;
        }
      g_array_append_val (rows, row);
    }
  pb_db_reset (stmt);

  g_array_sort (rows, compare_item_org_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const ItemOrgRow *row = &g_array_index (rows, ItemOrgRow, i);

      func (row->item_id, row->organisation_id, row->name,
            row->lead ? PB_ROLE_LEAD : PB_ROLE_RESPONSIBLE, user_data);
    }
}

typedef struct
{
  GHashTable *names;
  PbRole      role;
} OrgNames;

static void
join_org_name (gint64      item_id,
               gint64      organisation_id,
               const char *name,
               PbRole      role,
               gpointer    user_data)
{
  OrgNames *o = user_data;
  char *before;

  if (role != o->role)
    return;
  before = g_hash_table_lookup (o->names, &item_id);
  g_hash_table_insert (o->names, g_memdup2 (&item_id, sizeof item_id),
                       before ? g_strconcat (before, "、", name, NULL) : g_strdup (name));
}

/**
 * pb_store_dup_org_names:
 * @self: a store
 * @plan_id: a plan
 * @role: lead or responsible
 *
 * Returns: (transfer full): item id (gint64) → the names of its
 *   organisations in @role, in order, joined by 、 — for the items that
 *   have any
 */
GHashTable *
pb_store_dup_org_names (PbStore *self,
                        gint64   plan_id,
                        PbRole   role)
{
  OrgNames o = { g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free), role };

  pb_store_foreach_item_org (self, plan_id, join_org_name, &o);
  return o.names;
}

/**
 * pb_store_get_plan_years:
 * @self: a store
 * @plan_id: a plan
 * @first: (out): the first year of the plan period or of its targets
 * @last: (out): the last
 *
 * The years a plan's tables run over: its period, widened to every
 * target's year, and never more than 16 (the latest), whatever a plan says.
 * @first is 0 when the plan has neither.
 */
void
pb_store_get_plan_years (PbStore *self,
                         gint64   plan_id,
                         int     *first,
                         int     *last)
{
  g_autoptr(PbPlan) plan = pb_store_get_record (self, PB_TYPE_PLAN, plan_id);
  PbDbStmt *stmt;

  *first = plan ? pb_plan_get_period_start (plan) : 0;
  *last = plan ? pb_plan_get_period_end (plan) : 0;

  stmt = pb_store_prepare (self, "SELECT min(t.year), max(t.year) FROM target t"
                                 " JOIN indicator k ON k.id = t.indicator_id WHERE k.plan_id = ?1", NULL);
  if (stmt == NULL)
    return;
  pb_db_bind_int64 (stmt, 1, plan_id);
  if (pb_store_step (self, stmt, NULL) && pb_db_column_type (stmt, 0) != PB_DB_NULL)
    {
      int min = pb_db_column_int (stmt, 0), max = pb_db_column_int (stmt, 1);

      *first = *first > 0 ? MIN (*first, min) : min;
      *last = MAX (*last, max);
    }
  pb_db_reset (stmt);

  if (*first > 0 && *last - *first > 15)
    *first = *last - 15;
}

/**
 * pb_store_dup_section_titles:
 * @self: a store
 * @plan_id: a plan
 *
 * Returns: (transfer full): section id (gint64) → "number title", as
 *   printed: "(一) 建设高速泛在的信息基础设施"
 */
GHashTable *
pb_store_dup_section_titles (PbStore *self,
                             gint64   plan_id)
{
  GHashTable *titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GListModel) sections = pb_store_list_sections (self, plan_id);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(PbSection) s = g_list_model_get_item (sections, i);
      gint64 id = pb_record_get_id (PB_RECORD (s));
      char *t = pb_format_section_heading (pb_section_get_number (s), pb_section_get_title (s));

      g_hash_table_insert (titles, g_memdup2 (&id, sizeof id), t);
    }
  return titles;
}

/**
 * pb_store_dup_indicator_counts:
 * @self: a store
 * @plan_id: a plan
 *
 * Returns: (transfer full): item id → number of indicators it serves (both
 *   gint64), for the items that own any
 */
GHashTable *
pb_store_dup_indicator_counts (PbStore *self,
                               gint64   plan_id)
{
  GHashTable *counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  PbDbStmt *stmt;

  g_return_val_if_fail (PB_IS_STORE (self), counts);

  stmt = pb_store_prepare (self, "SELECT l.item_id, count(*) FROM item_indicator l"
                                 " JOIN item i ON i.id = l.item_id"
                                 " WHERE i.plan_id = ?1 GROUP BY l.item_id", NULL);
  if (stmt == NULL)
    return counts;
  pb_db_bind_int64 (stmt, 1, plan_id);
  while (pb_store_step (self, stmt, NULL))
    {
      gint64 item = pb_db_column_int64 (stmt, 0);
      gint64 n = pb_db_column_int64 (stmt, 1);

      g_hash_table_insert (counts, g_memdup2 (&item, sizeof item), g_memdup2 (&n, sizeof n));
    }
  pb_db_reset (stmt);
  return counts;
}
