/* pb-trace.c — where a start's time goes, printed when asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>

#include "pb-trace.h"

int pb_trace_start_on = 0;
static gint64 wall_origin;

/**
 * pb_trace_start_init:
 *
 * Reads PLANBOARD_TRACE_START; call first thing in main ().
 */
void
pb_trace_start_init (void)
{
  const char *on = g_getenv ("PLANBOARD_TRACE_START");

  pb_trace_start_on = on != NULL && *on != '\0' && g_strcmp0 (on, "0") != 0;
  wall_origin = g_get_monotonic_time ();
  pb_trace_start ("main");
}

/**
 * pb_trace_start_print:
 * @format: what was just done
 *
 * Prints one mark (use pb_trace_start (), which costs a branch when off).
 */
void
pb_trace_start_print (const char *format,
                      ...)
{
  struct timespec cpu = { 0, 0 };
  struct rusage usage = { 0 };
  char what[256];
  va_list args;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  getrusage (RUSAGE_SELF, &usage);
  va_start (args, format);
  g_vsnprintf (what, sizeof what, format, args);
  va_end (args);
  fprintf (stderr, "pb-trace %8.1f wall %8.1f cpu %6ld minflt  %s\n",
           (g_get_monotonic_time () - wall_origin) / 1000.0,
           cpu.tv_sec * 1000.0 + cpu.tv_nsec / 1e6, usage.ru_minflt, what);
}
