/* pb-fold.c — one way for names to meet: width, script and case folded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer matches on text folded character for character (full-width
 * forms made half-width, traditional characters made simplified with
 * OpenCC); indicators and organisations meet across plans, and the
 * duplicate indicators of one plan merge, on the same fold. Without OpenCC
 * (a build option) traditional and simplified names stay apart.
 */
#define G_LOG_DOMAIN "pb-fold"

#include "config.h"

#ifdef HAVE_OPENCC
#include <opencc.h>
#endif

#include "pb-fold.h"
#include "pb-module.h"

#ifdef HAVE_OPENCC
/* OpenCC (and the marisa and C++ libraries it needs) is loaded when a
 * traditional character is first folded, not at every start (pb-module.h). */
#define PB_OPENCC_FUNCTIONS(F) \
  F (opencc_open) \
  F (opencc_convert_utf8) \
  F (opencc_convert_utf8_free)

typedef struct
{
  PB_OPENCC_FUNCTIONS (PB_MODULE_POINTER)
} PbOpenccFunctions;

static PbOpenccFunctions pb_opencc;

static gboolean
load_opencc (void)
{
  static const PbModuleSymbol symbols[] = {
#define PB_OPENCC_SYMBOL(name) { #name, G_STRUCT_OFFSET (PbOpenccFunctions, name) },
    PB_OPENCC_FUNCTIONS (PB_OPENCC_SYMBOL)
#undef PB_OPENCC_SYMBOL
  };
  static const char *const names[] = { "libopencc.so.1.1", "libopencc.so.1", "libopencc.so", NULL };
  g_autoptr(GString) why = g_string_new (NULL);

  if (!pb_module_load (names, symbols, G_N_ELEMENTS (symbols), &pb_opencc, why))
    {
      g_warning ("OpenCC could not be loaded, so traditional characters are not folded: %s", why->str);
      return FALSE;
    }
  return TRUE;
}

#define opencc_open              (pb_opencc.opencc_open)
#define opencc_convert_utf8      (pb_opencc.opencc_convert_utf8)
#define opencc_convert_utf8_free (pb_opencc.opencc_convert_utf8_free)
#endif

#define CJK_FIRST 0x3400
#define CJK_LAST  0x9FFF

/**
 * pb_fold_simplified:
 * @c: a character
 *
 * Traditional → simplified, character for character (a phrase-level
 * conversion could change the length). Each CJK character is asked of
 * OpenCC once and the answer kept: documents use a few thousand distinct
 * characters, so this costs little after the first. Thread-safe.
 *
 * Returns: the simplified form of @c, or @c
 */
gunichar
pb_fold_simplified (gunichar c)
{
#ifdef HAVE_OPENCC
  static guint32 table[CJK_LAST - CJK_FIRST + 1];  /* 0: not asked yet */
  static opencc_t cc = (opencc_t) -1;
  static GMutex lock;
  static gsize initialised;
  guint32 known;

  if (c < CJK_FIRST || c > CJK_LAST)
    return c;

  known = g_atomic_int_get (&table[c - CJK_FIRST]);
  if (known != 0)
    return known;

  if (g_once_init_enter (&initialised))
    {
      if (load_opencc ())
        cc = opencc_open (OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
      g_once_init_leave (&initialised, 1);
    }

  known = c;
  if (cc != (opencc_t) -1)
    {
      char utf8[8];
      int len = g_unichar_to_utf8 (c, utf8);
      char *out;

      g_mutex_lock (&lock);
      out = opencc_convert_utf8 (cc, utf8, len);
      g_mutex_unlock (&lock);

      if (out != NULL)
        {
          if (g_utf8_strlen (out, -1) == 1)
            known = g_utf8_get_char (out);
          opencc_convert_utf8_free (out);
        }
    }

  g_atomic_int_set (&table[c - CJK_FIRST], known);
  return known;
#else
  return c;
#endif
}

/**
 * pb_fold_name_key:
 * @name: (nullable): a name as printed
 *
 * The key under which names meet: compatibility forms and width folded
 * (NFKC), traditional script made simplified, spaces and punctuation
 * dropped, case folded. "5G 基站", "５Ｇ基站" and "5G基站" meet.
 *
 * Returns: (transfer full): the key
 */
char *
pb_fold_name_key (const char *name)
{
  g_autofree char *nfkc = NULL;
  g_autoptr(GString) kept = NULL;
  gboolean plain = TRUE;

  /* Most names are printable ASCII and CJK ideographs, which NFKC and
   * case folding leave alone but for ASCII case: fold those directly
   * (the importer folds every target's name and unit). */
  for (const char *p = name ? name : ""; *p && plain; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      plain = (c >= 0x20 && c <= 0x7E) || (c >= 0x4E00 && c <= 0x9FFF);
    }
  if (plain)
    {
      kept = g_string_new (NULL);
      for (const char *p = name ? name : ""; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c < 0x80)
            {
              /* ASCII: space, punctuation and symbols go; letters are lowered. */
              if (g_ascii_isalnum (c))
                g_string_append_c (kept, g_ascii_tolower (c));
            }
          else
            g_string_append_unichar (kept, pb_fold_simplified (c));
        }
      return g_string_free (g_steal_pointer (&kept), FALSE);
    }

  nfkc = g_utf8_normalize (name ? name : "", -1, G_NORMALIZE_ALL_COMPOSE);
  kept = g_string_new (NULL);

  for (const char *p = nfkc; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_ispunct (c))
        continue;
      g_string_append_unichar (kept, pb_fold_simplified (c));
    }

  return g_utf8_casefold (kept->str, -1);
}
