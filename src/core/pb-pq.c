/* pb-pq.c — libpq, loaded when a shared library is first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See pb-pq.h.
 */
#define G_LOG_DOMAIN "pb-db"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#define PB_PQ_NO_REDIRECT 1
#include "pb-pq.h"

PbPqFunctions pb_pq;

static GMutex load_lock;
static gboolean loaded;

/* libpq's ABI has been libpq.so.5 since PostgreSQL 8.0; the folder the
 * build found it in comes second, for a libpq outside the loader's path. */
static GModule *
open_libpq (GString *why)
{
  const char *const names[] = {
    "libpq.so.5",
#ifdef PB_LIBPQ_LIBDIR
    PB_LIBPQ_LIBDIR "/libpq.so.5",
#endif
    "libpq.so",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GModule *module = g_module_open (names[i], G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module != NULL)
        return module;
      if (why->len == 0)
        g_string_append (why, g_module_error ());
    }
  return NULL;
}

/**
 * pb_pq_load:
 * @error: where to say why libpq could not be loaded
 *
 * Loads libpq and fills pb_pq, once per process; later calls only say
 * whether it worked. Safe to call from any thread.
 *
 * Returns: %TRUE when libpq's functions can be called
 */
gboolean
pb_pq_load (GError **error)
{
  static const struct { const char *name; gsize offset; } symbols[] = {
#define PB_PQ_SYMBOL(name) { #name, G_STRUCT_OFFSET (PbPqFunctions, name) },
    PB_PQ_FUNCTIONS (PB_PQ_SYMBOL)
#undef PB_PQ_SYMBOL
  };
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&load_lock);
  PbPqFunctions functions = { 0 };
  GModule *module;

  if (loaded)
    return TRUE;

  module = open_libpq (why);
  for (guint i = 0; module != NULL && i < G_N_ELEMENTS (symbols); i++)
    {
      gpointer symbol = NULL;

      if (!g_module_symbol (module, symbols[i].name, &symbol) || symbol == NULL)
        {
          g_string_printf (why, "%s", g_module_error ());
          g_clear_pointer (&module, g_module_close);
          break;
        }
      G_STRUCT_MEMBER (gpointer, &functions, symbols[i].offset) = symbol;
    }

  if (module == NULL)
    {
      g_set_error (error, G_MODULE_ERROR, G_MODULE_ERROR_FAILED,
                   /* TRANSLATORS: %s is the system's reason, in English */
                   _("The PostgreSQL client library (libpq) could not be loaded: %s"), why->str);
      return FALSE;
    }

  /* Connections may outlive anything that could close it. */
  g_module_make_resident (module);
  pb_pq = functions;
  loaded = TRUE;
  return TRUE;
}

/**
 * pb_pq_is_loaded:
 *
 * Returns: whether libpq has been loaded into this process
 */
gboolean
pb_pq_is_loaded (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&load_lock);

  return loaded;
}
