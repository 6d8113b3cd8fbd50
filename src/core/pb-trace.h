/* pb-trace.h — where a start's time goes, printed when asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* PLANBOARD_TRACE_START=1: each mark prints, on stderr, the wall time
 * since main () began, the process's CPU time (CLOCK_PROCESS_CPUTIME_ID,
 * which counts the dynamic loader's work before main ()), the minor page
 * faults so far, and what was just done. Off (one branch) otherwise. */
extern int pb_trace_start_on;

void pb_trace_start_init (void);
void pb_trace_start_print (const char *format, ...) G_GNUC_PRINTF (1, 2);

#define pb_trace_start(...) \
  G_STMT_START { if (G_UNLIKELY (pb_trace_start_on > 0)) pb_trace_start_print (__VA_ARGS__); } G_STMT_END

G_END_DECLS
