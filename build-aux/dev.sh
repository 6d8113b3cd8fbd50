#!/bin/sh
# Planboard's two set-up commands (see README.md), for a Debian 12 machine:
#
#   build-aux/dev.sh run    install what is missing, build, start the app
#   build-aux/dev.sh test   install what is missing, build, run every test
#
# Packages are installed with apt-get (as root, or through sudo). Any
# further arguments of "run" go to planboard, of "test" to meson test.
set -eu

cd "$(dirname "$0")/.."

BUILD_DEPS="meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libcairo2-dev libpango1.0-dev
  libopencc-dev libarchive-dev libxml2-dev libpoppler-glib-dev libxlsxwriter-dev libpq-dev libxtst-dev
  desktop-file-utils appstream"
RUN_DEPS="fonts-noto-cjk"
TEST_DEPS="xvfb xauth python3 sqlite3 clang libclang-rt-14-dev poppler-utils locales python3-openpyxl libreoffice-calc-nogui postgresql"

install_deps () {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0

  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "Installing:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

# The tests start the app in Chinese: the zh_CN and zh_TW locales must exist.
ensure_locales () {
  for l in zh_CN zh_TW de_DE; do
    if ! locale -a 2>/dev/null | grep -qi "^$l\.utf-\?8$"; then
      if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
      echo "Generating the $l.UTF-8 locale"
      $sudo localedef -i $l -c -f UTF-8 $l.UTF-8 || true
    fi
  done
}

build () {
  if [ ! -f build/build.ninja ]; then
    meson setup build
  fi
  meson compile -C build
}

# Run uninstalled: settings schemas and translations come from the build tree.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export PLANBOARD_LOCALEDIR="$PWD/build/po"

command=${1:-}
[ $# -gt 0 ] && shift

case "$command" in
  run)
    install_deps $BUILD_DEPS $RUN_DEPS
    build
    exec build/src/planboard "$@"
    ;;
  test)
    install_deps $BUILD_DEPS $RUN_DEPS $TEST_DEPS
    ensure_locales
    build
    # The PostgreSQL tests start their own throwaway server
    # (tests/pg-server.sh); here they must run, never skip.
    export PLANBOARD_REQUIRE_PG=1
    status=0
    xvfb-run -a -s "-screen 0 1280x800x24" \
      meson test -C build --print-errorlogs --num-processes 2 "$@" || status=$?
    # One closing line that any reader understands.
    python3 - build/meson-logs/testlog.json <<'PY' || true
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
    exit $status
    ;;
  *)
    echo "usage: $0 run|test [arguments]" >&2
    exit 2
    ;;
esac
