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
pdf=""
if pkg-config --exists poppler-glib; then pdf="-DHAVE_PDF $(pkg-config --cflags --libs poppler-glib)"; fi
# The core holds the PostgreSQL back end when the build found libpq
# (HAVE_LIBPQ in the build's config.h): then libpq's header, and GModule,
# which loads libpq when a shared library is opened (src/core/pb-pq.c).
pq=""
if grep -q "^#define HAVE_LIBPQ" "$build/config.h" 2>/dev/null; then
  pkg-config --exists libpq || { echo "libpq is needed for the fuzz test (the build has the PostgreSQL back end)"; exit 1; }
  pq="$(pkg-config --cflags libpq) $(pkg-config --cflags --libs gmodule-2.0)"
fi
for pc in libarchive libxml-2.0 sqlite3; do
  pkg-config --exists $pc || { echo "$pc is needed for the fuzz test (the DOCX reader and the library)"; exit 1; }
done

# The import readers (text, DOCX, PDF) and the core, whose JSON reader
# imports into a library. The core's generated sources come from the build.
# shellcheck disable=SC2086
clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DHAVE_DOCX -I"$build" -I"$build/src/core" -I"$src/src/core" -I"$src/src/import" \
  "$src/tests/fuzz-parser.c" \
  "$src"/src/import/*.c "$src"/src/core/*.c \
  "$build/src/core/pb-core-resources.c" "$build/src/core/pb-enum-types.c" \
  $opencc $pdf $pq $(pkg-config --cflags --libs glib-2.0 gio-2.0 json-glib-1.0 libarchive libxml-2.0 sqlite3) -lm \
  -o "$work/fuzz-parser"

mkdir "$work/corpus"
cp "$src"/tests/data/import/*.txt "$work/corpus/"
for f in "$src"/../shared/corpus/*.txt "$src"/../shared/corpus/excerpts/*.txt; do
  [ -f "$f" ] && head -c 4000 "$f" > "$work/corpus/$(basename "$f")"
done
# Seeds for the DOCX and JSON readers: the first byte says which (see
# fuzz-parser.c). A .docx made from a test document, its document.xml,
# and the plan JSON that document imports as.
for f in "$src"/tests/data/import/*.txt; do
  name=$(basename "$f" .txt)
  python3 "$src/tests/make-docx.py" "$f" "$work/$name.docx"
  { printf D; cat "$work/$name.docx"; } > "$work/corpus/docx-$name"
  python3 -c 'import sys, zipfile; sys.stdout.buffer.write(b"X" + zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))' \
    "$work/$name.docx" > "$work/corpus/xml-$name"
  # A document that is not a plan (no-structure.txt) is refused by the
  # CLI and has no plan JSON: its text, DOCX and XML seeds are enough.
  if ! "$build/src/cli/planboard-cli" import "$f" --dry-run --json "$work/$name.json" >/dev/null 2>"$work/$name.err"; then
    grep -q "No sections or tasks were found" "$work/$name.err" || { cat "$work/$name.err"; exit 1; }
    continue
  fi
  # Without the document's text, and small enough for -max_len.
  python3 -c '
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
plan.pop("source_text", None)
for item in plan.get("items", []):
    item.pop("body", None)
while len(json.dumps(plan, ensure_ascii=False).encode()) > 8000 and plan["items"]:
    plan["items"].pop()
sys.stdout.buffer.write(b"J" + json.dumps(plan, ensure_ascii=False).encode())' "$work/$name.json" > "$work/corpus/json-$name"
done

cd "$work"
status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ./fuzz-parser -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 corpus > fuzz.log 2>&1 || status=$?
grep -E "^(stat::|Done|==|SUMMARY|ERROR)" fuzz.log || true
if [ $status -ne 0 ]; then
  tail -n 60 fuzz.log
  echo "the fuzzer found a problem (status $status)"
fi
# libFuzzer's own code for a finding is 77, which meson reads as "skipped":
# any finding fails the test.
[ $status -eq 0 ] || exit 1
exit 0
