#!/bin/sh
# Fails when a file with translatable strings is missing from
# po/POTFILES.in, when POTFILES.in names a file that does not exist or is
# not sorted, or when a translation has untranslated or fuzzy messages.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
status=0

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')

printf '%s\n' "$listed" | sort -c 2>/dev/null || { echo "po/POTFILES.in is not sorted"; status=1; }

for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in names $f, which does not exist"; status=1; }
done

found=$( {
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|g_dngettext)\(' src --include='*.c' || true
  grep -rl 'translatable="yes"' resources --include='*.ui' || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u)

for f in $found; do
  printf '%s\n' "$listed" | grep -qx "$f" || { echo "$f has translatable strings but is not in po/POTFILES.in"; status=1; }
done

for po in po/*.po; do
  stats=$(msgfmt --check --statistics -o /dev/null "$po" 2>&1) || { echo "$po: $stats"; status=1; continue; }
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$po: $stats"; status=1 ;;
  esac
done

# Every message of the source must be in each translation.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --files-from=po/POTFILES.in --output="$tmp/planboard.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --add-comments=TRANSLATORS 2>/dev/null
for po in po/*.po; do
  missing=$(msgcmp --use-untranslated "$po" "$tmp/planboard.pot" 2>&1 | grep -c 'this message is used but not defined' || true)
  if [ "$missing" != "0" ]; then
    echo "$po lacks $missing message(s) of the source; run: meson compile -C build planboard-update-po"
    status=1
  fi
done

[ $status = 0 ] && echo "POTFILES and translations are complete"
exit $status
