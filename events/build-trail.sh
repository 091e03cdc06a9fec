#!/usr/bin/env bash
# Regenerates the sample trail dump events/trail/**.json.gz from the readable sources in events/trail-src/.
#
#   events/build-trail.sh          rebuild events/trail/AWSLogs/ from events/trail-src/AWSLogs/
#   events/build-trail.sh --check  rebuild into a temporary folder and compare byte for byte with events/trail/
#
# Each source file events/trail-src/<key without .gz> becomes events/trail/<key>: the JSON is compacted to one
# line (as CloudTrail writes it: no spaces, key order kept, no trailing newline) with python3, then compressed
# with `gzip -n -9` (no file name, no time stamp), so the same sources always give the same bytes.
# python3 is used rather than jq because jq may print numbers differently (e.g. 0.0061 as 6.1e-03).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/trail-src"
mode="${1:-build}"

command -v python3 >/dev/null || { echo "build-trail.sh: python3 is required" >&2; exit 2; }
command -v gzip >/dev/null || { echo "build-trail.sh: gzip is required" >&2; exit 2; }

case "$mode" in
  build) out="$here/trail" ;;
  --check) out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

rm -rf "$out/AWSLogs"
count=0
while IFS= read -r -d '' f; do
  rel="${f#"$src"/}"
  dest="$out/$rel.gz"
  mkdir -p "$(dirname "$dest")"
  python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as fh:
    doc = json.load(fh)
sys.stdout.buffer.write(json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
' "$f" | gzip -n -9 > "$dest"
  count=$((count + 1))
done < <(find "$src" -type f -name '*.json' -print0 | LC_ALL=C sort -z)

if [ "$mode" = "--check" ]; then
  if diff -r "$here/trail/AWSLogs" "$out/AWSLogs" >/dev/null; then
    echo "build-trail.sh: $count files, events/trail is up to date"
  else
    diff -rq "$here/trail/AWSLogs" "$out/AWSLogs" >&2 || true
    echo "build-trail.sh: events/trail differs from what events/trail-src gives; run events/build-trail.sh" >&2
    exit 1
  fi
else
  echo "build-trail.sh: wrote $count files under events/trail/AWSLogs"
fi
