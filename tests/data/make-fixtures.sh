#!/bin/sh
# Regenerates the committed binary fixtures from their SQL sources.
# The .db files are committed so the migration tests read a real file
# written by SQLite, as an old Planboard would have left it.
set -e
cd "$(dirname "$0")"
rm -f library-v1.db
sqlite3 library-v1.db < library-v1.sql
sqlite3 library-v1.db "PRAGMA journal_mode=DELETE; VACUUM;" >/dev/null
