/* pb-pg-schema.h — a shared library's schema, roles and policies on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#ifdef HAVE_LIBPQ
#include "pb-pq.h"
#endif

G_BEGIN_DECLS

/* pb_pg_schema_sql () makes the tables at this SQLite schema version in one
 * step; later versions are pb_pg_migration () steps. */
#define PB_PG_SCHEMA_BASE 7

/* SQLSTATEs the library's triggers raise (class "PB", Planboard's own). */
#define PB_PG_REFUSED_ORGANISATION "PB001" /* not the reporter's item */
#define PB_PG_REFUSED_COLUMNS      "PB002" /* a reporter changing more than status and progress */
#define PB_PG_REFUSED_ROLE         "PB003" /* a viewer, or a login with no role */

#define PB_PG_ERROR (pb_pg_error_quark ())

typedef enum
{
  PB_PG_ERROR_CONNECT,   /* the server could not be reached or refused the login */
  PB_PG_ERROR_FAILED,    /* a statement failed */
  PB_PG_ERROR_REFUSED,   /* a rule of the library refused the change */
  PB_PG_ERROR_NOT_EMPTY, /* library init on a database that has tables */
  PB_PG_ERROR_INVALID,   /* a bad argument (role, organisation) */
} PbPgError;

GQuark      pb_pg_error_quark     (void);

const char *pb_pg_schema_sql      (void);
const char *pb_pg_migration       (int         to);
const char *pb_pg_policies_sql    (void);

char       *pb_pg_refusal_message (const char *sqlstate,
                                   const char *message,
                                   const char *detail,
                                   const char *hint);

typedef struct
{
  char *login;
  char *role;         /* "office", "reporter" or "viewer" */
  char *organisation; /* a reporter's organisation, else NULL */
} PbPgMember;

void        pb_pg_member_free     (PbPgMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbPgMember, pb_pg_member_free)

#ifdef HAVE_LIBPQ
PGconn     *pb_pg_connect         (const char  *conninfo,
                                   GError     **error);
void        pb_pg_set_error       (GError     **error,
                                   PGconn      *conn,
                                   PGresult    *result);
gboolean    pb_pg_library_init    (PGconn      *conn,
                                   GError     **error);
gboolean    pb_pg_member_add      (PGconn      *conn,
                                   const char  *login,
                                   const char  *role,
                                   const char  *organisation,
                                   const char  *password,
                                   GError     **error);
GPtrArray  *pb_pg_member_list     (PGconn      *conn,
                                   GError     **error);
gboolean    pb_pg_organisation_known (PGconn   *conn,
                                   const char  *name);
#endif

G_END_DECLS
