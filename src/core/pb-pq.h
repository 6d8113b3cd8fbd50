/* pb-pq.h — libpq, loaded when a shared library is first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planboard does not link libpq: the PostgreSQL client and what it needs
 * (OpenSSL, Kerberos, LDAP) would be loaded and relocated at every start,
 * while most libraries are SQLite files. The code that talks to a server
 * includes this header instead of <libpq-fe.h> and calls libpq's functions
 * by their usual names; they go through pb_pq, which pb_pq_load() fills
 * from the library the first time a connection is made (pb_pg_connect(),
 * pb_db_pg_open()). Every other libpq function takes a connection or a
 * result, so it runs only after a load that succeeded.
 *
 * A libpq function not yet listed in PB_PQ_FUNCTIONS does not link
 * (nothing links libpq): add it to both lists.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define PB_PQ_FUNCTIONS(F) \
  F (PQbackendPID) \
  F (PQclear) \
  F (PQcmdTuples) \
  F (PQconnectdbParams) \
  F (PQconnectPoll) \
  F (PQconnectStartParams) \
  F (PQconnectionNeedsPassword) \
  F (PQconnectionUsedPassword) \
  F (PQconninfoFree) \
  F (PQconninfoParse) \
  F (PQconsumeInput) \
  F (PQdb) \
  F (PQencryptPasswordConn) \
  F (PQerrorMessage) \
  F (PQescapeIdentifier) \
  F (PQescapeLiteral) \
  F (PQexec) \
  F (PQexecParams) \
  F (PQfinish) \
  F (PQfname) \
  F (PQfreemem) \
  F (PQftype) \
  F (PQgetisnull) \
  F (PQgetvalue) \
  F (PQnfields) \
  F (PQnotifies) \
  F (PQntuples) \
  F (PQpingParams) \
  F (PQresultErrorField) \
  F (PQresultErrorMessage) \
  F (PQresultStatus) \
  F (PQsocket) \
  F (PQstatus) \
  F (PQtransactionStatus)

typedef struct
{
#define PB_PQ_POINTER(name) __typeof__ (name) *name;
  PB_PQ_FUNCTIONS (PB_PQ_POINTER)
#undef PB_PQ_POINTER
} PbPqFunctions;

extern PbPqFunctions pb_pq;

gboolean pb_pq_load      (GError **error);
gboolean pb_pq_is_loaded (void);

#ifndef PB_PQ_NO_REDIRECT
#define PQbackendPID              (pb_pq.PQbackendPID)
#define PQclear                   (pb_pq.PQclear)
#define PQcmdTuples               (pb_pq.PQcmdTuples)
#define PQconnectdbParams         (pb_pq.PQconnectdbParams)
#define PQconnectPoll             (pb_pq.PQconnectPoll)
#define PQconnectStartParams      (pb_pq.PQconnectStartParams)
#define PQconnectionNeedsPassword (pb_pq.PQconnectionNeedsPassword)
#define PQconnectionUsedPassword  (pb_pq.PQconnectionUsedPassword)
#define PQconninfoFree            (pb_pq.PQconninfoFree)
#define PQconninfoParse           (pb_pq.PQconninfoParse)
#define PQconsumeInput            (pb_pq.PQconsumeInput)
#define PQdb                      (pb_pq.PQdb)
#define PQencryptPasswordConn     (pb_pq.PQencryptPasswordConn)
#define PQerrorMessage            (pb_pq.PQerrorMessage)
#define PQescapeIdentifier        (pb_pq.PQescapeIdentifier)
#define PQescapeLiteral           (pb_pq.PQescapeLiteral)
#define PQexec                    (pb_pq.PQexec)
#define PQexecParams              (pb_pq.PQexecParams)
#define PQfinish                  (pb_pq.PQfinish)
#define PQfname                   (pb_pq.PQfname)
#define PQfreemem                 (pb_pq.PQfreemem)
#define PQftype                   (pb_pq.PQftype)
#define PQgetisnull               (pb_pq.PQgetisnull)
#define PQgetvalue                (pb_pq.PQgetvalue)
#define PQnfields                 (pb_pq.PQnfields)
#define PQnotifies                (pb_pq.PQnotifies)
#define PQntuples                 (pb_pq.PQntuples)
#define PQpingParams              (pb_pq.PQpingParams)
#define PQresultErrorField        (pb_pq.PQresultErrorField)
#define PQresultErrorMessage      (pb_pq.PQresultErrorMessage)
#define PQresultStatus            (pb_pq.PQresultStatus)
#define PQsocket                  (pb_pq.PQsocket)
#define PQstatus                  (pb_pq.PQstatus)
#define PQtransactionStatus       (pb_pq.PQtransactionStatus)
#endif

G_END_DECLS
