#!/bin/sh
# Imports every document in ../shared/corpus as UTF-8 text, GB18030 text,
# .docx and .pdf (made here from the text, so nothing is copied into the
# project), and scores each parse against the reference with the floors
# of the import issue: items 0.97, lead 0.95, units 0.93, targets 0.85.
# Each format is also imported into a library for real.
#
# usage: check-corpus.sh PLANBOARD-CLI MAKE-PDF SOURCE-DIR
set -eu
cli=$1
make_pdf=$2
srcdir=$3
corpus=$srcdir/../shared/corpus
floors=items=0.97,lead=0.95,units=0.93,targets=0.85
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

[ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 1; }

for txt in "$corpus"/*.txt; do
  name=$(basename "$txt" .txt)
  gold=$corpus/$name.gold.json
  [ -f "$gold" ] || continue

  cp "$txt" "$work/$name.txt"
  iconv -f UTF-8 -t GB18030 "$txt" > "$work/$name-gb18030.txt"
  python3 "$srcdir/tests/make-docx.py" "$txt" "$work/$name.docx"
  "$make_pdf" "$txt" "$work/$name.pdf"

  for doc in "$work/$name.txt" "$work/$name-gb18030.txt" "$work/$name.docx" "$work/$name.pdf"; do
    out=$work/out.json
    if ! "$cli" import "$doc" --dry-run --json "$out"; then
      echo "FAIL $doc: not parsed"; status=1; continue
    fi
    if ! result=$(python3 "$srcdir/../shared/tools/score-import" --min "$floors" "$gold" "$out"); then
      echo "FAIL $(basename "$doc"): below the floors"; echo "$result"; status=1; continue
    fi
    echo "ok   $(basename "$doc"): $(echo "$result" | tail -n 1)"

    id=$("$cli" --db "$work/library.db" import "$doc" | tail -n 1)
    case "$id" in
      ''|*[!0-9]*) echo "FAIL $(basename "$doc"): import printed no plan id"; status=1 ;;
    esac
  done
done

plans=$("$cli" --db "$work/library.db" list | wc -l)
echo "library holds $plans plans"
[ "$plans" -eq 12 ] || { echo "FAIL: expected 12 plans"; status=1; }
exit $status
