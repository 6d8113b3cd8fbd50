#!/bin/sh
# pg-server.sh — run a command beside a throwaway PostgreSQL server
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/pg-server.sh [--password-login LOGIN] COMMAND [ARGUMENTS...]
#
# --password-login LOGIN: the server asks LOGIN for its password
# (scram-sha-256 in pg_hba.conf) and trusts every other login, so a test
# can drive the window's password dialog; the test gives LOGIN its
# password (planboard-cli member add --password, pb_pg_member_add ()).
#
# Starts a PostgreSQL 15 server in a fresh temporary folder (initdb, then
# pg_ctl start with a Unix socket in that folder and no TCP at all), runs
# COMMAND with
#
#   PLANBOARD_TEST_PG="host=SOCKDIR port=PORT user=postgres"
#
# in its environment (the superuser, trust authentication, no database:
# each test creates its own, see pb_test_pg_database ()), then stops the
# server and removes the folder, whatever COMMAND did. It exits with
# COMMAND's status. Meson runs one server per test that needs one
# (tests/meson.build); a server starts in about a second.
#
# The server refuses to run as root: when this script runs as root (as the
# CI does), the folder is given to the user "nobody" and initdb, pg_ctl and
# the server run as that user through runuser (or setpriv).
#
# If PLANBOARD_TEST_PG is already set, COMMAND just runs on that server.
# If no PostgreSQL server binaries are found, COMMAND runs with
# PLANBOARD_TEST_PG_SKIP set to the reason: the tests then skip with that
# reason, unless PLANBOARD_REQUIRE_PG=1 (build-aux/dev.sh sets it), when
# they fail.
set -u

password_login=""
if [ "${1:-}" = --password-login ] && [ $# -ge 2 ]; then
  password_login=$2
  shift 2
fi

if [ $# -lt 1 ]; then
  echo "usage: $0 [--password-login LOGIN] COMMAND [ARGUMENTS...]" >&2
  exit 2
fi

if [ -n "${PLANBOARD_TEST_PG:-}" ]; then
  exec "$@"
fi

bindir=""
for d in ${PG_BINDIR:-} /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin /usr/pgsql-*/bin /usr/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
    bindir=$d
    break
  fi
done
if [ -z "$bindir" ]; then
  PLANBOARD_TEST_PG_SKIP="no PostgreSQL server (initdb, pg_ctl) found: apt-get install postgresql"
  export PLANBOARD_TEST_PG_SKIP
  exec "$@"
fi

# As root the folder is in /tmp, which "nobody" can reach (a TMPDIR under
# /root would not be).
tmp=${TMPDIR:-/tmp}
[ "$(id -u)" = 0 ] && tmp=/tmp
dir=$(mktemp -d "$tmp/planboard-pg.XXXXXX") || exit 1
chmod 755 "$dir"

# As root, everything the server touches belongs to "nobody".
as_user=""
if [ "$(id -u)" = 0 ]; then
  if command -v runuser >/dev/null 2>&1; then
    as_user="runuser -u nobody --"
  else
    as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
  fi
  chown nobody "$dir"
fi

stop () {
  if [ -f "$dir/data/postmaster.pid" ]; then
    (cd "$dir" && $as_user "$bindir/pg_ctl" stop -D "$dir/data" -m immediate -s -w -t 20 >/dev/null 2>&1)
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

fail () {
  echo "pg-server.sh: $1" >&2
  for f in "$dir/initdb.log" "$dir/server.log"; do
    [ -f "$f" ] && sed 's/^/  /' "$f" >&2
  done
  exit 1
}

cd "$dir" || exit 1

# A test server: no durability, nothing written twice, quick to start.
$as_user "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync \
  --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  $as_user "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync \
    --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  fail "initdb failed"

# A login that must give its password; everybody else is trusted.
if [ -n "$password_login" ]; then
  printf 'local all "%s" scram-sha-256\nlocal all all trust\n' "$password_login" >"$dir/pg_hba.conf" &&
    $as_user cp "$dir/pg_hba.conf" "$dir/data/pg_hba.conf" || fail "could not write pg_hba.conf"
fi

port=5432
# PLANBOARD_PG_DURABLE=1 (for the benchmarks) keeps the server's default
# durability: fsync and synchronous commit on.
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${PLANBOARD_PG_DURABLE:-0}" = 1 ] && fast=""
$as_user "$bindir/pg_ctl" start -D "$dir/data" -w -t 30 -s -l "$dir/server.log" \
  -o "-k $dir -c listen_addresses='' -p $port $fast -c max_connections=60 -c shared_buffers=16MB" \
  >/dev/null 2>&1 || fail "the server did not start"

PLANBOARD_TEST_PG="host=$dir port=$port user=postgres"
PGBINDIR="$bindir"
export PLANBOARD_TEST_PG PGBINDIR
if [ -n "$password_login" ]; then
  PLANBOARD_TEST_PG_PASSWORD_LOGIN=$password_login
  export PLANBOARD_TEST_PG_PASSWORD_LOGIN
fi
unset PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSERVICE PGOPTIONS

cd "$OLDPWD" || exit 1
"$@"
status=$?
exit $status
