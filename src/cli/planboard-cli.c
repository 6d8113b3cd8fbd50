/* planboard-cli.c — Planboard for scripts, tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   planboard-cli [--db PATH] list
 *   planboard-cli [--db PATH] export PLAN_ID --format json|planboard|xlsx|csv -o OUT
 *                 [--today YYYY-MM-DD]   (xlsx/csv: the ledger; csv writes OUT.csv,
 *                 OUT-indicators.csv and OUT-actuals.csv)
 *   planboard-cli [--db PATH] import FILE [--json OUT] [--dry-run] [--period START-END]
 *                 (a document that states no period takes the earliest to the
 *                 latest year of its targets; with neither, --period is asked for)
 *   planboard-cli [--db PATH] example
 *   planboard-cli [--db PATH] timeline PLAN_ID -o OUT.png|OUT.svg|OUT.pdf
 *                 [--width PX] [--zoom year|quarter|month|week] [--today YYYY-MM-DD]
 *                 (the whole chart, every row and year; --width scales it down)
 *   planboard-cli [--db PATH] item set PLAN_ID ITEM_NUMBER [--status STATUS] [--progress PERCENT]
 *                 (VALUE and PERCENT are read by pb_parse_number(), as in the
 *                 window: 45万, 1.3万, 450,000, 85%)
 *   planboard-cli [--db PATH] actual add PLAN_ID INDICATOR_ID DATE VALUE
 *                 [--note TEXT] [--source ORGANISATION] [--today YYYY-MM-DD]
 *                 [--into-closed-period]
 *                 (a DATE after today, or long outside the plan's period, is refused;
 *                 one in a closed reporting period only with --into-closed-period)
 *   planboard-cli [--db PATH] actual delete PLAN_ID ACTUAL_ID [--into-closed-period]
 *                 (the id actual add printed; one dated in a closed reporting
 *                 period only with --into-closed-period)
 *   planboard-cli [--db PATH] health PLAN_ID [--json] [--today YYYY-MM-DD]
 *   planboard-cli [--db PATH] period close PLAN_ID month|quarter YEAR NUMBER
 *   planboard-cli [--db PATH] report PLAN_ID -o OUT.pdf [--paper a4|a3|a1|a0]
 *                 [--orientation landscape|portrait] [--parts PART,…]
 *                 (the parts: pb_report_part_names(), listed in the usage)
 *                 [--timeline fit|tile|sheet] [--zoom year|quarter|month|week]
 *                 [--today YYYY-MM-DD]
 *   planboard-cli [--db PATH] forms export PLAN_ID --period 2026-Q3|2026-10 -o DIR
 *                 [--role lead|all] [--due YYYY-MM-DD] [--today YYYY-MM-DD]
 *   planboard-cli [--db PATH] forms import FILE… [--dry-run] [--take-form-values] [--into-closed-period]
 *                 [--plan PLAN_ID] [--today YYYY-MM-DD]
 *                 (a value dated after today is listed with why, not recorded)
 *   planboard-cli [--db PATH] forms status PLAN_ID [--period P] [--today YYYY-MM-DD]
 *   planboard-cli text FILE         (a document's text, as the importer reads it)
 *
 * Exit status 0 on success; 1 with a one-line reason on stderr when the
 * work failed; 2 for a command line it does not understand.
 */
#define G_LOG_DOMAIN "planboard-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>

#include "pb-format.h"
#include "pb-db.h"
#include "pb-document.h"
#include "pb-draft-period.h"
#include "pb-form-reader.h"
#include "pb-form-writer.h"
#include "pb-health.h"
#include "pb-indicator-links.h"
#include "pb-ledger.h"
#include "pb-pg-schema.h"
#include "pb-report.h"
#include "pb-supervision.h"
#include "pb-store.h"
#include "pb-timeline.h"

#define EXIT_USAGE 2

static int
usage (const char *problem)
{
  /* The report's parts come from the report itself, so that the list
   * cannot drift from what --parts accepts. */
  g_autofree char *parts = pb_report_part_list (",");

  if (problem)
    g_printerr ("planboard-cli: %s\n", problem);
  /* Translators: %s is the list of report parts, as typed after --parts */
  g_printerr (_("Usage: planboard-cli [--db PATH] list\n"
                "       planboard-cli [--db PATH] export PLAN_ID --format json|planboard|xlsx|csv -o OUT\n"
                "                     [--today YYYY-MM-DD]\n"
                "       planboard-cli [--db PATH] import FILE [--json OUT] [--dry-run] [--period START-END]\n"
                "       planboard-cli [--db PATH] example\n"
                "       planboard-cli [--db PATH] timeline PLAN_ID -o OUT.png|OUT.svg|OUT.pdf\n"
                "                     [--width PX] [--zoom year|quarter|month|week] [--today YYYY-MM-DD]\n"
                "       planboard-cli [--db PATH] actual add PLAN_ID INDICATOR_ID DATE VALUE\n"
                "                     [--note TEXT] [--source ORGANISATION] [--today YYYY-MM-DD]\n"
                "                     [--into-closed-period]\n"
                "       planboard-cli [--db PATH] health PLAN_ID [--json] [--today YYYY-MM-DD]\n"
                "       planboard-cli [--db PATH] period close PLAN_ID month|quarter YEAR NUMBER\n"
                "       planboard-cli [--db PATH] report PLAN_ID -o OUT.pdf [--paper a4|a3|a1|a0]\n"
                "                     [--orientation landscape|portrait]\n"
                "                     [--parts %s]\n"
                "                     [--timeline fit|tile|sheet] [--zoom year|quarter|month|week]\n"
                "                     [--today YYYY-MM-DD]\n"
                "       planboard-cli [--db PATH] forms export PLAN_ID --period 2026-Q3|2026-10 -o DIR\n"
                "                     [--role lead|all] [--due YYYY-MM-DD] [--today YYYY-MM-DD]\n"
                "       planboard-cli [--db PATH] forms import FILE… [--dry-run] [--take-form-values]\n"
                "                     [--into-closed-period]\n"
                "                     [--plan PLAN_ID] [--today YYYY-MM-DD]\n"
                "       planboard-cli [--db PATH] forms status PLAN_ID [--period P] [--today YYYY-MM-DD]\n"
                "       planboard-cli text FILE\n"),
              parts);
  g_printerr ("%s\n", _("       planboard-cli [--db PATH] actual delete PLAN_ID ACTUAL_ID [--into-closed-period]"));
  g_printerr ("%s\n", _("       planboard-cli [--db PATH] item set PLAN_ID ITEM_NUMBER [--status STATUS]\n"
                         "                     [--progress PERCENT]"));
  g_printerr ("%s\n", _("       planboard-cli --db URI library init\n"
                         "       planboard-cli --db URI member add LOGIN --role office|reporter|viewer\n"
                         "                     [--organisation NAME] [--password]\n"
                         "       planboard-cli --db URI member list"));
  return EXIT_USAGE;
}

/* An argument that is not what it should be: one line naming it (the
 * whole usage would bury it), status 2 like any command line that is
 * not understood. */
static int
refuse_argument (const char *format,
                 ...) G_GNUC_PRINTF (1, 2);

static int
refuse_argument (const char *format,
                 ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (line, "\n", ' ');
  g_printerr ("planboard-cli: %s\n", line);
  return EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, so scripts can read it. */
  g_strdelimit (line, "\n", ' ');
  g_printerr ("planboard-cli: %s\n", line);
  return EXIT_FAILURE;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = value;
  return TRUE;
}

/* ---- A shared library on PostgreSQL: set-up and members ---------------- */

#ifdef HAVE_LIBPQ
#include <termios.h>
#include <unistd.h>

/* A password from standard input: typed without echo on a terminal, or
 * the first line of what a script pipes in. */
static char *
read_password (void)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char line[1024];
  char *ok;

  if (tty)
    {
      g_printerr ("%s", _("Password: "));
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  ok = fgets (line, sizeof line, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (ok == NULL)
    return NULL;
  line[strcspn (line, "\r\n")] = '\0';
  return line[0] ? g_strdup (line) : NULL;
}

static int
cmd_library (const char *db,
             int         argc,
             char      **argv)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  gboolean ok;

  if (argc != 1 || !g_str_equal (argv[0], "init"))
    return usage (_("library takes init"));

  if (!(conn = pb_pg_connect (db, &error)))
    return fail (error);
  ok = pb_pg_library_init (conn, &error);
  if (ok)
    g_print (_("Made a shared library in %s: add its members with “planboard-cli --db URI member add”.\n"),
             PQdb (conn));
  PQfinish (conn);
  return ok ? EXIT_SUCCESS : fail (error);
}

static int
cmd_member (const char *db,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  if (argc >= 1 && g_str_equal (argv[0], "list") && argc == 1)
    {
      g_autoptr(GPtrArray) members = NULL;

      if (!(conn = pb_pg_connect (db, &error)))
        return fail (error);
      members = pb_pg_member_list (conn, &error);
      PQfinish (conn);
      if (members == NULL)
        return fail (error);
      for (guint i = 0; i < members->len; i++)
        {
          PbPgMember *m = g_ptr_array_index (members, i);
          g_print ("%s\t%s\t%s\n", m->login, m->role, m->organisation ? m->organisation : "");
        }
      return EXIT_SUCCESS;
    }

  if (argc >= 2 && g_str_equal (argv[0], "add"))
    {
      const char *login = argv[1];
      const char *role = NULL;
      const char *organisation = NULL;
      g_autofree char *password = NULL;
      gboolean ask_password = FALSE;
      gboolean ok;

      for (int i = 2; i < argc; i++)
        {
          if (g_str_equal (argv[i], "--role") && i + 1 < argc)
            role = argv[++i];
          else if (g_str_equal (argv[i], "--organisation") && i + 1 < argc)
            organisation = argv[++i];
          else if (g_str_equal (argv[i], "--password"))
            ask_password = TRUE;
          else
            return usage (_("unknown option"));
        }
      if (role == NULL)
        return usage (_("member add needs --role office|reporter|viewer"));
      if (ask_password && !(password = read_password ()))
        return usage (_("--password reads the password from standard input, and it was empty"));

      if (!(conn = pb_pg_connect (db, &error)))
        return fail (error);
      ok = pb_pg_member_add (conn, login, role, organisation, password, &error);
      if (ok && g_str_equal (role, "reporter") && !pb_pg_organisation_known (conn, organisation))
        g_printerr (_("planboard-cli: warning: no plan in this library has an organisation named “%s” yet\n"),
                    organisation);
      PQfinish (conn);
      return ok ? EXIT_SUCCESS : fail (error);
    }

  return usage (_("member takes add LOGIN --role ROLE or list"));
}
#endif

static int
cmd_server (const char *db,
            const char *command,
            int         argc,
            char      **argv)
{
  if (!pb_db_is_server_uri (db))
    return usage (_("library and member work on a shared library: --db postgresql://HOST/DATABASE"));
#ifdef HAVE_LIBPQ
  if (g_str_equal (command, "library"))
    return cmd_library (db, argc, argv);
  return cmd_member (db, argc, argv);
#else
  g_printerr ("planboard-cli: %s\n", _("This Planboard was built without PostgreSQL support (libpq)."));
  return EXIT_FAILURE;
#endif
}

static int
cmd_list (PbStore *store)
{
  g_autoptr(GListModel) plans = pb_store_list_plans (store);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(PbPlan) plan = g_list_model_get_item (plans, i);
      gint64 id = pb_record_get_id (PB_RECORD (plan));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%d-%d\t%u\n",
               id, pb_plan_get_title (plan),
               pb_plan_get_period_start (plan), pb_plan_get_period_end (plan),
               pb_store_count (store, PB_TYPE_ITEM, "plan_id", id));
    }

  return EXIT_SUCCESS;
}

static int
cmd_export (PbStore *store,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  const char *format = NULL, *out = NULL;
  gboolean today_set = FALSE;
  gint64 id = 0;
  GDate today;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--format") && i + 1 < argc)
        format = argv[++i];
      else if (g_str_has_prefix (argv[i], "--format="))
        format = argv[i] + strlen ("--format=");
      else if ((g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output")) && i + 1 < argc)
        out = argv[++i];
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        {
          if (!pb_date_parse (argv[++i], &today))
            return usage (_("--today is a date, as 2024-06-30"));
          today_set = TRUE;
        }
      else if (id == 0 && parse_id (argv[i], &id))
        ;
      else
        return usage (_("export takes a plan id, --format, -o and --today"));
    }

  if (id == 0 || out == NULL)
    return usage (_("export needs a plan id and -o OUT"));

  /* Writing over the library itself would destroy it. */
  if (pb_store_is_library_file (store, out))
    {
      g_autofree char *name = g_filename_display_basename (out);

      g_printerr ("planboard-cli: ");
      g_printerr (_("“%s” is the library itself; choose another file to export to. Nothing was written."), name);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  if (format == NULL)
    format = g_str_has_suffix (out, ".planboard") ? "planboard" : g_str_has_suffix (out, ".xlsx") ? "xlsx"
             : g_str_has_suffix (out, ".csv") ? "csv" : "json";

  if (g_str_equal (format, "json"))
    {
      if (!pb_store_export_json_file (store, id, out, &error))
        return fail (error);
    }
  else if (g_str_equal (format, "planboard"))
    {
      if (!pb_store_export_planboard (store, id, out, &error))
        return fail (error);
    }
  else if (g_str_equal (format, "xlsx") || g_str_equal (format, "csv"))
    {
      PbLedgerFormat ledger = g_str_equal (format, "xlsx") ? PB_LEDGER_XLSX : PB_LEDGER_CSV;

      if (!pb_ledger_write (store, id, ledger, out, today_set ? &today : NULL, &error))
        return fail (error);
    }
  else
    return usage (_("--format is json, planboard, xlsx or csv"));

  return EXIT_SUCCESS;
}

static gboolean
write_json (JsonNode    *node,
            const char  *path,
            GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  return g_file_set_contents (path, text, length, error);
}

/* --period 2025-2027 (or one year, 2025): the plan's first and last years. */
static gboolean
parse_period (const char *text,
              int        *start,
              int        *end)
{
  g_auto(GStrv) parts = NULL;
  guint64 a, b;

  if (text == NULL)
    return FALSE;
  /* 2025-2027, or as a plan writes it, 2025—2027 */
  parts = g_strsplit (text, strstr (text, "—") ? "—" : "-", 3);
  if (g_strv_length (parts) < 1 || g_strv_length (parts) > 2)
    return FALSE;
  if (!g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 1900, 2200, &a, NULL))
    return FALSE;
  b = a;
  if (parts[1] && !g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 1900, 2200, &b, NULL))
    return FALSE;
  if (b < a)
    return FALSE;
  *start = (int) a;
  *end = (int) b;
  return TRUE;
}

/* The period of a parsed document, by the import review's rule
 * (pb-draft-period.c): the one given with --period, else the one the
 * document states, else the earliest to the latest year of its targets
 * (said on stderr); every item is then dated from it. With none of
 * these the document is refused: its items could not be dated. */
static gboolean
settle_period (JsonNode    *parsed,
               const char  *file,
               int          given_start,
               int          given_end,
               GError     **error)
{
  int start = given_start, end = given_end;

  if (start == 0 && !pb_draft_stated_period (parsed, &start, &end))
    {
      g_autofree char *name = g_path_get_basename (file);

      if (!pb_draft_propose_period (parsed, &start, &end))
        {
          g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                       /* Translators: %s is a document's file name */
                       _("“%s” states no period and none of its targets gives a year, so its items cannot be dated. "
                         "Give the plan’s period with --period, as --period 2025-2027."),
                       name);
          return FALSE;
        }
      /* Translators: %s is a document's file name, %d—%d the plan's
       * first and last years, as proposed */
      g_printerr (_("planboard-cli: “%s” states no period: %d—%d is proposed, from the earliest and the latest year "
                    "of its targets, and its items are dated from it. Give another with --period.\n"),
                  name, start, end);
    }
  pb_draft_set_period (parsed, start, end);
  return TRUE;
}

/* import FILE [--json OUT] [--dry-run] [--period START-END]: a plan
 * document (.txt, .docx, .pdf) is parsed, a plan file (.json, .planboard)
 * read; the plan is added in one transaction and its id printed last. */
static int
cmd_import (const char  *db,
            int          argc,
            char       **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  const char *file = NULL, *json = NULL;
  gboolean dry_run = FALSE;
  int period_start = 0, period_end = 0;
  gint64 id, twin = 0;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json") && i + 1 < argc)
        json = argv[++i];
      else if (g_str_has_prefix (argv[i], "--json="))
        json = argv[i] + strlen ("--json=");
      else if (g_str_equal (argv[i], "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (argv[i], "--period") && i + 1 < argc)
        {
          if (!parse_period (argv[++i], &period_start, &period_end))
            return usage (_("a plan’s period is written as its first and last years, 2025-2027"));
        }
      else if (file == NULL && argv[i][0] != '-')
        file = argv[i];
      else
        return usage (_("import takes one file, --json OUT, --dry-run and --period"));
    }

  if (file == NULL)
    return usage (_("import takes one file"));
  if (dry_run && json == NULL)
    return usage (_("--dry-run needs --json OUT"));

  if (pb_document_is_supported (file))
    {
      JsonArray *items, *sections;

      parsed = pb_document_parse (file, NULL, &error);
      if (parsed == NULL)
        return fail (error);
      /* A text in which no task was found is not a plan: refused, as the
       * window's importer refuses it, before anything is written. */
      items = json_object_get_array_member (json_node_get_object (parsed), "items");
      sections = json_object_get_array_member (json_node_get_object (parsed), "sections");
      if (items == NULL || json_array_get_length (items) == 0)
        {
          g_autofree char *name = g_path_get_basename (file);

          if (sections && json_array_get_length (sections) > 0)
            g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                         _("No tasks were found in “%s”, only section headings."), name);
          else
            g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_INVALID,
                         _("No sections or tasks were found in “%s”."), name);
          return fail (error);
        }
      if (json && !write_json (parsed, json, &error))
        return fail (error);
      if (dry_run)
        return EXIT_SUCCESS;
      /* Every item dated: refused, before anything is written, when no
       * period can be found. */
      if (!settle_period (parsed, file, period_start, period_end, &error))
        return fail (error);
    }
  else if (dry_run)
    return usage (_("--dry-run is for plan documents (.txt, .docx, .pdf)"));
  else if (period_start != 0)
    return usage (_("--period is for plan documents (.txt, .docx, .pdf)"));

  store = pb_store_open (db, PB_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return fail (error);

  /* A document with tasks but no title line (an excerpt, a speech without
   * its heading) is named by its file, as the window asks for a title:
   * the store takes no plan without one. */
  if (parsed)
    {
      JsonObject *root = json_node_get_object (parsed);
      const char *title = json_object_get_string_member_with_default (root, "title", NULL);
      g_autofree char *stripped = g_strstrip (g_strdup (title ? title : ""));

      if (stripped[0] == '\0')
        {
          g_autofree char *name = g_path_get_basename (file);
          char *dot = strrchr (name, '.');

          if (dot && dot != name)
            *dot = '\0';
          json_object_set_string_member (root, "title", name);
        }
    }

  /* A plan file whose plan the library holds already (exported from it
   * and imported again) is added as "… (copy)", and says so: never a
   * second plan nothing tells apart from the first. */
  if (parsed == NULL)
    {
      twin = pb_store_find_plan_file_twin (store, file, &error);
      if (error)
        return fail (error);
    }
  id = parsed ? pb_store_import_plan_json (store, parsed, &error)
              : pb_store_import_file_full (store, file, PB_IMPORT_MARK_COPIES, &error);
  if (id == 0)
    return fail (error);
  if (twin != 0)
    {
      g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, id);

      /* Translators: planboard-cli's note after importing a plan file the
       * library held already; %s is the new plan's title, "… (copy)" */
      g_printerr (_("planboard-cli: the library already holds this plan: added as “%s”.\n"),
                  plan ? pb_plan_get_title (plan) : "");
    }

  if (json && parsed == NULL && !pb_store_export_json_file (store, id, json, &error))
    return fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_SUCCESS;
}

static int
cmd_timeline (PbStore *store,
              int      argc,
              char   **argv)
{
  static const char *zooms[] = { "year", "quarter", "month", "week", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbTimeline) timeline = NULL;
  const char *out = NULL;
  const char *today_text = NULL;
  PbTimelineZoom zoom = PB_TIMELINE_ZOOM_QUARTER;
  guint64 width = 0;   /* the whole chart's own width */
  gint64 id = 0;
  GDate today;

  for (int i = 0; i < argc; i++)
    {
      if ((g_str_equal (argv[i], "-o") || g_str_equal (argv[i], "--output")) && i + 1 < argc)
        out = argv[++i];
      else if (g_str_equal (argv[i], "--width") && i + 1 < argc)
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 200, 100000, &width, NULL))
            return usage (_("--width is a number of pixels from 200 to 100000"));
        }
      else if (g_str_equal (argv[i], "--zoom") && i + 1 < argc)
        {
          const char *name = argv[++i];
          guint z;

          for (z = 0; zooms[z] && !g_str_equal (zooms[z], name); z++)
            ;
          if (zooms[z] == NULL)
            return usage (_("--zoom is year, quarter, month or week"));
          zoom = z;
        }
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        today_text = argv[++i];
      else if (id == 0 && parse_id (argv[i], &id))
        ;
      else
        return usage (_("timeline takes a plan id, -o OUT, --width, --zoom and --today"));
    }
  if (id == 0 || out == NULL)
    return usage (_("timeline needs a plan id and -o OUT"));

  g_date_clear (&today, 1);
  if (today_text)
    {
      g_date_set_parse (&today, today_text);
      if (!g_date_valid (&today))
        return usage (_("--today is a date, as 2024-06-30"));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
    }

  /* The whole plan as it is printed: every heading (those over
   * sub-sections only too), no screen-only folding triangles or menus. */
  timeline = pb_timeline_new_from_store_full (store, id, g_date_get_julian (&today), NULL, TRUE, &error);
  if (timeline == NULL)
    return fail (error);
  pb_timeline_set_formal (timeline, TRUE);
  pb_timeline_set_zoom (timeline, zoom);
  if (!pb_timeline_write_file (timeline, out, width, &error))
    return fail (error);
  return EXIT_SUCCESS;
}

static PbIndicator *
plan_indicator (PbStore  *store,
                gint64    plan_id,
                gint64    indicator_id,
                GError  **error)
{
  PbIndicator *k = pb_store_get_record (store, PB_TYPE_INDICATOR, indicator_id);

  if (k == NULL || pb_record_get_int (PB_RECORD (k), "plan_id") != plan_id)
    {
      g_clear_object (&k);
      g_autofree char *plan = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
      g_autofree char *indicator = g_strdup_printf ("%" G_GINT64_FORMAT, indicator_id);

      g_set_error (error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("Plan %s has no indicator %s."), plan, indicator);
    }
  return k;
}

/* item set PLAN_ID ITEM_NUMBER [--status S] [--progress PERCENT]: one
 * command, as another writer of the library beside the window. */
static int
cmd_item (PbStore *store,
          int      argc,
          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(PbItem) item = NULL;
  g_autoptr(GEnumClass) statuses = g_type_class_ref (PB_TYPE_ITEM_STATUS);
  const char *status = NULL, *progress = NULL;
  GEnumValue *ev = NULL;
  gint64 plan_id;
  double value = 0;
  gboolean ok;

  if (argc < 3 || !g_str_equal (argv[0], "set"))
    return usage (_("item takes set, a plan id and an item number"));
  for (int i = 3; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--status") && i + 1 < argc)
        status = argv[++i];
      else if (g_str_equal (argv[i], "--progress") && i + 1 < argc)
        progress = argv[++i];
      else
        return usage (_("item set takes --status and --progress"));
    }
  if (!parse_id (argv[1], &plan_id))
    return usage (_("a plan or indicator id is a positive number"));
  if (status != NULL && (ev = g_enum_get_value_by_nick (statuses, status)) == NULL)
    return usage (_("the status is not-started, in-progress, done, blocked or cancelled"));
  if (progress != NULL)
    {
      /* Read as everywhere else (DESIGN §7): 85, 85%, ８５, 62.5 */
      if (!pb_parse_number (progress, &value) || value < 0 || value > 100)
        return refuse_argument (_("--progress is a percentage from 0 to 100, not “%s”."), progress);
    }
  if (status == NULL && progress == NULL)
    return usage (_("item set takes --status and --progress"));

  items = pb_store_list_items (store, plan_id);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) it = g_list_model_get_item (items, i);

      if (g_str_equal (pb_item_get_number (it), argv[2]))
        {
          if (item != NULL)
            {
              g_printerr ("planboard-cli: %s\n", _("More than one item has that number."));
              return EXIT_FAILURE;
            }
          item = g_steal_pointer (&it);
        }
    }
  if (item == NULL)
    {
      g_printerr ("planboard-cli: %s\n", _("The plan has no item with that number."));
      return EXIT_FAILURE;
    }

  if (ev != NULL && progress != NULL)
    ok = pb_store_set (store, item, &error, "status", ev->value, "progress", value / 100, NULL);
  else if (ev != NULL)
    ok = pb_store_set (store, item, &error, "status", ev->value, NULL);
  else
    ok = pb_store_set (store, item, &error, "progress", value / 100, NULL);
  if (!ok)
    return fail (error);
  return EXIT_SUCCESS;
}

/* What actual add and actual delete do to a figure: the one gate both
 * pass when the figure's date is in a closed month or quarter, so the
 * two commands cannot drift apart in what they refuse or say. */
typedef enum {
  ACTUAL_RECORD,
  ACTUAL_DELETE,
} ActualChange;

/* A change dated in a closed month or quarter changes figures already
 * kept and reported: only when asked for (--into-closed-period), and
 * then said. FALSE, having said why, when the period is closed and
 * INTO_CLOSED is not set, or when the closed periods cannot be read;
 * else TRUE with *CLOSED_NAME the closed period's name to warn of once
 * the change is made (NULL when open). */
static gboolean
pass_closed_period (PbStore      *store,
                    ActualChange  change,
                    gint64        indicator_id,
                    const char   *date,
                    gboolean      into_closed,
                    char        **closed_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPeriod) closed = pb_store_find_closed_period (store, indicator_id, date, &error);
  g_autofree char *name = NULL;

  *closed_name = NULL;
  /* Whether the period is closed is not known: nothing changed. */
  if (error != NULL)
    {
      fail (error);
      return FALSE;
    }
  if (closed == NULL)
    return TRUE;
  name = pb_format_period_label (pb_record_get_string (PB_RECORD (closed), "label"));
  if (!into_closed)
    {
      if (change == ACTUAL_RECORD)
        /* Translators: %s is a closed period, "October 2026" or "2026 Q3" */
        g_printerr (_("planboard-cli: %s is closed; nothing recorded. Add --into-closed-period to record into it anyway.\n"),
                    name);
      else
        /* Translators: %s is a closed period, "October 2026" or "2026 Q3" */
        g_printerr (_("planboard-cli: %s is closed; nothing deleted. Add --into-closed-period to delete from it anyway.\n"),
                    name);
      return FALSE;
    }
  *closed_name = g_steal_pointer (&name);
  return TRUE;
}

/* Said after a change let into a closed period by pass_closed_period(). */
static void
warn_closed_period (ActualChange  change,
                    const char   *closed_name)
{
  if (closed_name == NULL)
    return;
  if (change == ACTUAL_RECORD)
    /* Translators: %s is a closed period, "October 2026" or "2026 Q3" */
    g_printerr (_("planboard-cli: warning: recorded into %s, which is closed: it keeps the figures it was closed with, marked as changed since.\n"),
                closed_name);
  else
    /* Translators: %s is a closed period, "October 2026" or "2026 Q3" */
    g_printerr (_("planboard-cli: warning: deleted from %s, which is closed: it keeps the figures it was closed with, marked as changed since.\n"),
                closed_name);
}

/* actual delete PLAN_ID ACTUAL_ID [--into-closed-period]: as the
 * window's Delete Actual, one undoable command; an actual dated in a
 * closed month or quarter only when asked for, as actual add. */
static int
cmd_actual_delete (PbStore *store,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbActual) actual = NULL;
  g_autoptr(PbIndicator) k = NULL;
  g_autofree char *closed_name = NULL;
  const char *args[2];
  guint n_args = 0;
  gint64 plan_id, actual_id;
  gboolean into_closed = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--into-closed-period"))
        into_closed = TRUE;
      else if (argv[i][0] == '-' && argv[i][1] == '-')
        return usage (_("actual delete takes --into-closed-period"));
      else if (n_args < G_N_ELEMENTS (args))
        args[n_args++] = argv[i];
      else
        return usage (_("actual delete takes a plan id and an actual id"));
    }
  if (n_args != 2)
    return usage (_("actual delete takes a plan id and an actual id"));
  if (!parse_id (args[0], &plan_id) || !parse_id (args[1], &actual_id))
    return usage (_("a plan or actual id is a positive number"));

  actual = pb_store_get_record (store, PB_TYPE_ACTUAL, actual_id);
  if (actual)
    k = pb_store_get_record (store, PB_TYPE_INDICATOR, pb_record_get_int (PB_RECORD (actual), "indicator_id"));
  if (k == NULL || pb_record_get_int (PB_RECORD (k), "plan_id") != plan_id)
    {
      g_autofree char *plan = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, actual_id);

      g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("Plan %s has no actual %s."), plan, id);
      return fail (error);
    }

  if (!pass_closed_period (store, ACTUAL_DELETE, pb_record_get_id (PB_RECORD (k)),
                           pb_record_get_string (PB_RECORD (actual), "date"),
                           into_closed, &closed_name))
    return EXIT_FAILURE;
  if (!pb_store_delete (store, actual, &error))
    return fail (error);
  warn_closed_period (ACTUAL_DELETE, closed_name);
  return EXIT_SUCCESS;
}

static int
cmd_actual (PbStore *store,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbIndicator) k = NULL;
  g_autofree char *falling = NULL;
  g_autofree char *closed_name = NULL;
  const char *note = NULL, *source = NULL;
  const char *args[4];
  guint n_args = 0;
  gint64 plan_id, indicator_id, id;
  double value;
  gboolean today_set = FALSE, into_closed = FALSE;
  GDate today;

  if (argc >= 1 && g_str_equal (argv[0], "delete"))
    return cmd_actual_delete (store, argc, argv);
  if (argc < 1 || !g_str_equal (argv[0], "add"))
    return usage (_("actual takes add or delete"));

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--note") && i + 1 < argc)
        note = argv[++i];
      else if (g_str_equal (argv[i], "--source") && i + 1 < argc)
        source = argv[++i];
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        {
          if (!pb_date_parse (argv[++i], &today))
            return usage (_("--today is a date, as 2024-06-30"));
          today_set = TRUE;
        }
      else if (g_str_equal (argv[i], "--into-closed-period"))
        into_closed = TRUE;
      else if (argv[i][0] == '-' && argv[i][1] == '-')
        return usage (_("actual add takes --note, --source, --today and --into-closed-period"));
      else if (n_args < G_N_ELEMENTS (args))
        args[n_args++] = argv[i];
      else
        return usage (_("actual add takes a plan id, an indicator id, a date and a value"));
    }
  if (n_args != 4)
    return usage (_("actual add takes a plan id, an indicator id, a date and a value"));
  if (!parse_id (args[0], &plan_id) || !parse_id (args[1], &indicator_id))
    return usage (_("a plan or indicator id is a positive number"));

  /* The one parser, as the window's Record Actual reads it (DESIGN §7):
   * 45万, 1.3万, 450,000, 85% (of a percentage: 85), full-width digits. */
  if (!pb_parse_number (args[3], &value))
    return refuse_argument (_("“%s” is not a number; write it as 2600, 2.6万 or 0.85."), args[3]);

  k = plan_indicator (store, plan_id, indicator_id, &error);
  if (k == NULL)
    return fail (error);

  /* A date after today or long outside the plan's period: refused, by
   * the rule the window's dialog uses. */
  if (!pb_store_check_actual_date (store, indicator_id, args[2], today_set ? &today : NULL, &error))
    return fail (error);
  if (!pass_closed_period (store, ACTUAL_RECORD, indicator_id, args[2], into_closed, &closed_name))
    return EXIT_FAILURE;
  /* Recorded all the same (corrections happen), but said. */
  falling = pb_store_check_falling_actual (store, indicator_id, args[2], value, 0);
  id = pb_store_record_actual (store, indicator_id, args[2], value, note, source, &error);
  if (id == 0)
    return fail (error);
  if (falling)
    g_printerr (_("planboard-cli: warning: %s\n"), falling);
  warn_closed_period (ACTUAL_RECORD, closed_name);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_SUCCESS;
}

static int
cmd_period (PbStore *store,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  PbPeriodKind kind;
  guint64 year, number;
  gint64 plan_id, id;

  if (argc != 5 || !g_str_equal (argv[0], "close"))
    return usage (_("period close takes a plan id, month or quarter, a year and a number"));
  if (!parse_id (argv[1], &plan_id))
    return usage (_("a plan or indicator id is a positive number"));
  if (g_str_equal (argv[2], "month"))
    kind = PB_PERIOD_KIND_MONTH;
  else if (g_str_equal (argv[2], "quarter"))
    kind = PB_PERIOD_KIND_QUARTER;
  else
    return usage (_("a period is a month or a quarter"));
  if (!g_ascii_string_to_unsigned (argv[3], 10, 1900, 2999, &year, NULL) ||
      !g_ascii_string_to_unsigned (argv[4], 10, 1, kind == PB_PERIOD_KIND_MONTH ? 12 : 4, &number, NULL))
    return usage (_("the year and the month (1–12) or quarter (1–4) are numbers"));

  id = pb_store_close_period (store, plan_id, kind, (int) year, (int) number, &error);
  if (id == 0)
    return fail (error);
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_SUCCESS;
}

static gboolean
parse_zoom (const char     *text,
            PbTimelineZoom *zoom)
{
  static const char * const names[] = { "year", "quarter", "month", "week" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *zoom = i;
        return TRUE;
      }
  return FALSE;
}

static int
cmd_report (PbStore *store,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbReport) report = NULL;
  PbReportOptions options;
  const char *out = NULL, *plan_text = NULL;
  gint64 plan_id;

  pb_report_options_init (&options);
  for (int i = 0; i < argc; i++)
    {
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (g_str_equal (argv[i], "-o") && value)
        out = argv[++i];
      else if (g_str_equal (argv[i], "--paper") && value)
        {
          if (!pb_paper_from_string (argv[++i], &options.paper))
            return usage (_("--paper is a4, a3, a1 or a0"));
        }
      else if (g_str_equal (argv[i], "--orientation") && value)
        {
          i++;
          if (g_str_equal (argv[i], "landscape"))
            options.landscape = TRUE;
          else if (g_str_equal (argv[i], "portrait"))
            options.landscape = FALSE;
          else
            return usage (_("--orientation is landscape or portrait"));
        }
      else if (g_str_equal (argv[i], "--parts") && value)
        {
          if (!pb_report_parts_from_string (argv[++i], &options.parts))
            {
              g_autofree char *parts = pb_report_part_list (", ");

              /* Translators: %s is the list of report parts: cover, summary, … */
              return refuse_argument (_("--parts takes one or more of %s, separated by commas, not “%s”."),
                                      parts, argv[i]);
            }
        }
      else if (g_str_equal (argv[i], "--timeline") && value)
        {
          i++;
          if (g_str_equal (argv[i], "fit"))
            options.timeline_mode = PB_REPORT_TIMELINE_FIT;
          else if (g_str_equal (argv[i], "tile"))
            options.timeline_mode = PB_REPORT_TIMELINE_TILE;
          else if (g_str_equal (argv[i], "sheet"))
            options.timeline_mode = PB_REPORT_TIMELINE_SHEET;
          else
            return usage (_("--timeline is fit, tile or sheet"));
        }
      else if (g_str_equal (argv[i], "--zoom") && value)
        {
          if (!parse_zoom (argv[++i], &options.zoom))
            return usage (_("--zoom is year, quarter, month or week"));
        }
      else if (g_str_equal (argv[i], "--today") && value)
        {
          if (!pb_date_parse (argv[++i], &options.today))
            return usage (_("--today is a date, as 2024-06-30"));
        }
      else if (plan_text == NULL && argv[i][0] != '-')
        plan_text = argv[i];
      else
        return usage (_("report takes a plan id, -o OUT.pdf, --paper, --orientation, --parts, --timeline, --zoom and --today"));
    }
  if (plan_text == NULL || out == NULL)
    return usage (_("report needs a plan id and -o OUT.pdf"));
  if (!parse_id (plan_text, &plan_id))
    return usage (_("a plan or indicator id is a positive number"));

  report = pb_report_new (store, plan_id, &options, &error);
  if (report == NULL || !pb_report_write_pdf (report, out, NULL, NULL, NULL, &error))
    return fail (error);
  g_print ("%u\n", pb_report_get_n_pages (report));
  return EXIT_SUCCESS;
}

static void
add_number_or_null (JsonBuilder *b,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static const char *
health_nick (PbHealth health)
{
  static const char * const nicks[] = { "none", "blue", "yellow", "red" };
  return nicks[health];
}

static int
cmd_health (PbStore *store,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPlan) plan = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) indicators = NULL;
  g_autoptr(GHashTable) serving = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *today_text = NULL, *plan_text = NULL;
  gboolean json = FALSE;
  char today_iso[11];
  gint64 plan_id;
  GDate today;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        json = TRUE;
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        today_text = argv[++i];
      else if (plan_text == NULL && argv[i][0] != '-')
        plan_text = argv[i];
      else
        return usage (_("health takes a plan id, --json and --today"));
    }
  if (plan_text == NULL || !parse_id (plan_text, &plan_id))
    return usage (_("health needs a plan id"));
  if (today_text == NULL)
    pb_date_today (&today);
  else if (!pb_date_parse (today_text, &today))
    return usage (_("--today is a date, as 2024-06-30"));
  pb_date_format (&today, today_iso);

  plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);
  if (plan == NULL)
    {
      g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND,
                   _("There is no plan %s."), plan_text);
      return fail (error);
    }

  items = pb_store_list_items (store, plan_id);
  indicators = pb_store_list_indicators (store, plan_id);
  serving = pb_store_dup_indicator_items (store, plan_id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "plan");
  json_builder_add_int_value (b, plan_id);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, today_iso);

  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PbItem) item = g_list_model_get_item (items, i);
      const char *reason = NULL;
      PbHealth health = pb_store_get_item_health (store, item, &today, &reason);
      /* DESIGN §5 completion, as the window and the report show it. */
      double completion = pb_store_get_item_health_completion (store, item, &today, NULL);

      if (!json)
        {
          g_autofree char *percent = isnan (completion) ? g_strdup ("-") : pb_format_percent (completion);

          g_print ("item\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n",
                   pb_record_get_id (PB_RECORD (item)), pb_item_get_number (item), pb_item_get_title (item),
                   health_nick (health), percent, reason ? reason : "");
        }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, pb_record_get_id (PB_RECORD (item)));
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, pb_item_get_number (item));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, pb_item_get_title (item));
      json_builder_set_member_name (b, "health");
      json_builder_add_string_value (b, health_nick (health));
      add_number_or_null (b, "completion", completion);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, reason ? reason : "");
      /* A light set by hand, not earned by the figures (DESIGN §5). */
      json_builder_set_member_name (b, "set_by_hand");
      json_builder_add_boolean_value (b, pb_item_health_is_set_by_hand (item));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(PbIndicator) k = g_list_model_get_item (indicators, i);
      const PbIndicatorStatus *st = pb_store_get_indicator_status (store, k, &today);

      if (!json)
        {
          g_autofree char *percent = isnan (st->completion) ? g_strdup ("-")
                                     : pb_format_percent (st->completion);

          g_print ("indicator\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
                   pb_record_get_id (PB_RECORD (k)), pb_indicator_get_name (k),
                   health_nick (st->health), percent, st->reason);
        }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, pb_record_get_id (PB_RECORD (k)));
      {
        gint64 indicator_id = pb_record_get_id (PB_RECORD (k));
        GArray *served = g_hash_table_lookup (serving, &indicator_id);

        /* "item": the first that serves it (0 for none), as before items
         * shared indicators; "items": every one. */
        json_builder_set_member_name (b, "item");
        json_builder_add_int_value (b, served ? g_array_index (served, gint64, 0) : 0);
        json_builder_set_member_name (b, "items");
        json_builder_begin_array (b);
        for (guint j = 0; served && j < served->len; j++)
          json_builder_add_int_value (b, g_array_index (served, gint64, j));
        json_builder_end_array (b);
      }
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, pb_indicator_get_name (k));
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, pb_indicator_get_measure_unit (k));
      json_builder_set_member_name (b, "health");
      json_builder_add_string_value (b, health_nick (st->health));
      add_number_or_null (b, "completion", st->completion);
      add_number_or_null (b, "expected", st->expected);
      add_number_or_null (b, "expected_today", st->expected_today);
      add_number_or_null (b, "latest", st->has_actual ? st->latest : NAN);
      json_builder_set_member_name (b, "latest_date");
      if (st->has_actual)
        json_builder_add_string_value (b, st->latest_date);
      else
        json_builder_add_null_value (b);
      add_number_or_null (b, "progress", st->progress >= 0 ? st->progress : NAN);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, st->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
    }
  return EXIT_SUCCESS;
}

static int
cmd_forms_export (PbStore *store,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  const char *out = NULL, *due = NULL, *period_text = NULL;
  gboolean all_roles = FALSE, have_plan = FALSE;
  PbFormPeriod period;
  gint64 plan_id = 0;
  GDate today, due_date;

  pb_date_today (&today);
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--period") && i + 1 < argc)
        period_text = argv[++i];
      else if (g_str_equal (argv[i], "-o") && i + 1 < argc)
        out = argv[++i];
      else if (g_str_equal (argv[i], "--due") && i + 1 < argc)
        due = argv[++i];
      else if (g_str_equal (argv[i], "--role") && i + 1 < argc)
        {
          const char *role = argv[++i];

          if (!g_str_equal (role, "lead") && !g_str_equal (role, "all"))
            return usage (_("--role is lead or all"));
          all_roles = g_str_equal (role, "all");
        }
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        {
          if (!pb_date_parse (argv[++i], &today))
            return usage (_("dates are written YYYY-MM-DD"));
        }
      else if (!have_plan && parse_id (argv[i], &plan_id))
        have_plan = TRUE;
      else
        return usage (_("forms export takes a plan id, --period and -o"));
    }
  if (!have_plan || out == NULL || period_text == NULL)
    return usage (_("forms export takes a plan id, --period and -o"));
  if (!pb_form_period_parse (period_text, &period))
    return usage (_("a period is written 2026-Q3 or 2026-10"));
  if (due && !pb_date_parse (due, &due_date))
    return usage (_("dates are written YYYY-MM-DD"));
  {
    g_autoptr(PbPlan) plan = pb_store_get_record (store, PB_TYPE_PLAN, plan_id);

    if (plan == NULL)
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);

        g_set_error (&error, PB_STORE_ERROR, PB_STORE_ERROR_NOT_FOUND, _("There is no plan %s."), id);
        return fail (error);
      }
  }

  /* What the window's Collect Progress… does, on the same code path. */
  paths = pb_forms_collect (store, plan_id, period_text, due, all_roles, out, &today, &error);
  if (paths == NULL)
    return fail (error);
  for (guint i = 0; i < paths->len; i++)
    g_print ("%s\n", (char *) g_ptr_array_index (paths, i));
  return EXIT_SUCCESS;
}

static int
cmd_forms_import (PbStore *store,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  gboolean dry_run = FALSE, take = FALSE, into_closed = FALSE;
  gint64 plan_id = 0;
  GDate today;
  int status = EXIT_SUCCESS;

  pb_date_today (&today);
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--dry-run"))
        dry_run = TRUE;
      else if (g_str_equal (argv[i], "--take-form-values"))
        take = TRUE;
      else if (g_str_equal (argv[i], "--into-closed-period"))
        into_closed = TRUE;
      else if (g_str_equal (argv[i], "--plan") && i + 1 < argc)
        {
          if (!parse_id (argv[++i], &plan_id))
            return usage (_("a plan or indicator id is a positive number"));
        }
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        {
          if (!pb_date_parse (argv[++i], &today))
            return usage (_("dates are written YYYY-MM-DD"));
        }
      else if (argv[i][0] == '-' && argv[i][1] == '-')
        return usage (_("forms import takes files, --dry-run, --take-form-values, --into-closed-period, --plan and --today"));
      else
        g_ptr_array_add (files, argv[i]);
    }
  if (files->len == 0)
    return usage (_("forms import takes one or more returned forms"));

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(PbFormReview) review = pb_form_review_read (store, plan_id, g_ptr_array_index (files, i), &today);
      g_autofree char *text = NULL;

      /* Never a value the reader refused (dated after today); one dated
       * in a closed period only with --into-closed-period. */
      for (guint j = 0; j < review->changes->len; j++)
        {
          PbFormChange *c = g_ptr_array_index (review->changes, j);

          if (take)
            c->accept = c->refusal == NULL;
          if (c->closed_period)
            c->accept = into_closed && c->refusal == NULL && (take || c->closed_only);
        }
      text = pb_form_review_format (review);
      g_print ("%s", text);
      if (review->refused)
        {
          status = EXIT_FAILURE;
          continue;
        }
      if (!dry_run)
        {
          g_autoptr(GError) error = NULL;

          if (!pb_form_review_apply (store, review, &today, &error))
            {
              fail (error);
              status = EXIT_FAILURE;
            }
        }
    }
  return status;
}

/* One round's block: its period, a line per organisation, the counts. */
static void
print_form_status (PbStore     *store,
                   gint64       plan_id,
                   const char  *period,
                   const GDate *today)
{
  g_autoptr(GPtrArray) rows = pb_store_list_form_status (store, plan_id, period, today);
  guint counts[4] = { 0 };
  static const char * const states[] = { "not-sent", "sent", "returned", "late" };

  g_print ("%s\n", period ? period : "-");
  for (guint i = 0; i < rows->len; i++)
    {
      PbFormStatus *s = g_ptr_array_index (rows, i);

      counts[s->state]++;
      g_print ("%s\t%s\t%s\t%s\t%s\n", states[s->state], s->organisation,
               s->sent_date ? s->sent_date : "-", s->due_date ? s->due_date : "-",
               s->returned_date ? s->returned_date : "-");
    }
  g_print ("not-sent %u sent %u returned %u late %u\n", counts[0], counts[1], counts[2], counts[3]);
}

/* Who has reported: for --period, that round; else every round forms
 * were sent for, the newest first, a blank line between them (sending
 * November's forms does not hide the quarter's outstanding ones, as the
 * window's Round drop-down lists them all). */
static int
cmd_forms_status (PbStore *store,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autofree char *period = NULL;
  gboolean have_plan = FALSE;
  gint64 plan_id = 0;
  GDate today;

  pb_date_today (&today);
  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--period") && i + 1 < argc)
        {
          PbFormPeriod p;

          if (!pb_form_period_parse (argv[++i], &p))
            return usage (_("a period is written 2026-Q3 or 2026-10"));
          period = g_strdup (p.label);
        }
      else if (g_str_equal (argv[i], "--today") && i + 1 < argc)
        {
          if (!pb_date_parse (argv[++i], &today))
            return usage (_("dates are written YYYY-MM-DD"));
        }
      else if (!have_plan && parse_id (argv[i], &plan_id))
        have_plan = TRUE;
      else
        return usage (_("forms status takes a plan id"));
    }
  if (!have_plan)
    return usage (_("forms status takes a plan id"));
  if (period != NULL)
    {
      print_form_status (store, plan_id, period, &today);
      return EXIT_SUCCESS;
    }
  rounds = pb_store_list_form_rounds (store, plan_id, &today);
  if (rounds == NULL)
    {
      g_autoptr(GError) error = g_error_new (PB_STORE_ERROR, PB_STORE_ERROR_IO,
                                             _("The progress forms of the plan could not be read."));
      return fail (error);
    }
  /* None sent yet: who would get one. */
  if (rounds->len == 0)
    print_form_status (store, plan_id, NULL, &today);
  for (guint i = 0; i < rounds->len; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_form_status (store, plan_id, ((PbFormRound *) g_ptr_array_index (rounds, i))->period, &today);
    }
  return EXIT_SUCCESS;
}

static int
cmd_forms (PbStore *store,
           int      argc,
           char   **argv)
{
  if (argc >= 1 && g_str_equal (argv[0], "export"))
    return cmd_forms_export (store, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "import"))
    return cmd_forms_import (store, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "status"))
    return cmd_forms_status (store, argc - 1, argv + 1);
  return usage (_("forms takes export, import or status"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  const char *command;
  PbStoreOpenFlags flags = PB_STORE_OPEN_DEFAULT;
  int i = 1;

  setlocale (LC_ALL, "");
  /* PLANBOARD_LOCALEDIR: the build tree's translations, uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PLANBOARD_LOCALEDIR") ? g_getenv ("PLANBOARD_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        db = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--db="))
        db = g_strdup (argv[i] + strlen ("--db="));
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          usage (NULL);
          return EXIT_SUCCESS;
        }
      else
        return usage (_("unknown option"));
    }

  if (i >= argc)
    return usage (NULL);

  command = argv[i++];
  if (db == NULL)
    db = pb_store_default_path ();

  if (g_str_equal (command, "import"))
    return cmd_import (db, argc - i, argv + i);

  if (g_str_equal (command, "library") || g_str_equal (command, "member"))
    return cmd_server (db, command, argc - i, argv + i);

  if (g_str_equal (command, "text"))
    {
      g_autofree char *text = NULL;

      if (argc - i != 1)
        return usage (_("text takes one file"));
      text = pb_document_read_text (argv[i], NULL, &error);
      if (text == NULL)
        return fail (error);
      g_print ("%s", text);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (command, "example"))
    flags |= PB_STORE_OPEN_CREATE;
  else if (g_str_equal (command, "timeline") || g_str_equal (command, "health") ||
           g_str_equal (command, "report"))
    flags |= PB_STORE_OPEN_READ_ONLY;
  else if (!g_str_equal (command, "list") && !g_str_equal (command, "export") &&
           !g_str_equal (command, "actual") && !g_str_equal (command, "period") &&
           !g_str_equal (command, "item") &&
           !g_str_equal (command, "forms"))
    return usage (_("unknown command"));

  /* Listing a library that does not exist yet lists nothing. */
  if (g_str_equal (command, "list") && !pb_db_is_server_uri (db) && !g_file_test (db, G_FILE_TEST_EXISTS))
    return EXIT_SUCCESS;

  store = pb_store_open (db, flags, &error);
  if (store == NULL)
    return fail (error);

  if (g_str_equal (command, "list"))
    return cmd_list (store);

  if (g_str_equal (command, "export"))
    return cmd_export (store, argc - i, argv + i);

  if (g_str_equal (command, "timeline"))
    return cmd_timeline (store, argc - i, argv + i);

  if (g_str_equal (command, "actual"))
    return cmd_actual (store, argc - i, argv + i);

  if (g_str_equal (command, "item"))
    return cmd_item (store, argc - i, argv + i);

  if (g_str_equal (command, "health"))
    return cmd_health (store, argc - i, argv + i);

  if (g_str_equal (command, "period"))
    return cmd_period (store, argc - i, argv + i);

  if (g_str_equal (command, "report"))
    return cmd_report (store, argc - i, argv + i);

  if (g_str_equal (command, "forms"))
    return cmd_forms (store, argc - i, argv + i);

  /* example */
  {
    gint64 id = pb_store_add_example_plan (store, &error);

    if (id == 0)
      return fail (error);
    g_print ("%" G_GINT64_FORMAT "\n", id);
    return EXIT_SUCCESS;
  }
}
