#!/bin/sh
# Builds the parser's libFuzzer target with clang, ASan and UBSan, and runs
# it for a bounded time from a seed corpus of plan documents. Any crash,
# sanitizer report or leak fails the test.
#
# usage: run-fuzz.sh SOURCE-DIR BUILD-DIR [SECONDS]
set -eu
src=$1
build=$2
seconds=${3:-45}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v clang >/dev/null || { echo "clang is needed for the fuzz test"; exit 1; }

opencc=""
if pkg-config --exists opencc; then opencc="-DHAVE_OPENCC $(pkg-config --cflags --libs opencc)"; fi

# shellcheck disable=SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$build" -I"$src/src/import" \
  "$src/tests/fuzz-parser.c" \
  "$src/src/import/pb-cn-number.c" "$src/src/import/pb-import-text.c" \
  "$src/src/import/pb-org-list.c" "$src/src/import/pb-plan-parser.c" \
  "$src/src/import/pb-text-source.c" \
  $opencc $(pkg-config --cflags --libs glib-2.0 gio-2.0 json-glib-1.0) \
  -o "$work/fuzz-parser"

mkdir "$work/corpus"
cp "$src"/tests/data/import/*.txt "$work/corpus/"
for f in "$src"/../shared/corpus/*.txt; do
  [ -f "$f" ] && head -c 4000 "$f" > "$work/corpus/$(basename "$f")"
done

cd "$work"
status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ./fuzz-parser -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 corpus > fuzz.log 2>&1 || status=$?
grep -E "^(stat::|Done|==|SUMMARY|ERROR)" fuzz.log || true
if [ $status -ne 0 ]; then
  tail -n 60 fuzz.log
  echo "the fuzzer found a problem (status $status)"
fi
exit $status
