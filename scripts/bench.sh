#!/usr/bin/env bash
# Measures budgetsite at province scale on this machine:
#   scripts/bench.sh N [SEED]
# generates N projects, then times an import, a cold build, a no-op
# rebuild and a rebuild after editing one content file, one line each
# with wall time and peak RSS (from /usr/bin/time -v). Also reports the
# size of the search index, the downloads and a project page.
set -euo pipefail
N=${1:?usage: scripts/bench.sh N [SEED]}
SEED=${2:-1}
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "需要 /usr/bin/time（Debian 软件包 time）" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/budgetsite-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
bin="$work/budgetsite"
go build -o "$bin" ./cmd/budgetsite
go run ./cmd/budgetsite-gen -n "$N" -seed "$SEED" -o "$work/gen.txt" 2>/dev/null
printf 'title: 基准测试\ncontent: content\nout: public\n' > "$work/config.yaml"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt" || { cat "$work/out.txt" "$work/time.txt" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$work/time.txt")
  printf '%-28s N=%-7s wall %-9s peak RSS %s\n' "$label" "$N" "$wall" "$rss"
}

cd "$work"
measure "import" "$bin" import --content content gen.txt
measure "cold build" "$bin" build
measure "no-op rebuild" "$bin" build
f=$(find content -name '*.md' | sort | sed -n 1p)
sed -i 's/^funds_wan: \(.*\)$/funds_wan: 1\1/' "$f"
measure "rebuild after one edit" "$bin" build
grep -E '生成' out.txt | sed 's/^/    /'

page=$(find public -path '*/project/*.html' | sort | sed -n 1p)
printf '%-28s %s bytes (%s gzip)\n' "search index" "$(stat -c %s public/data/search-index.js)" "$(gzip -9c public/data/search-index.js | wc -c)"
printf '%-28s %s bytes\n' "data/ downloads" "$(du -sb public/data | cut -f1)"
printf '%-28s %s bytes (%s gzip)\n' "a project page" "$(stat -c %s "$page")" "$(gzip -9c "$page" | wc -c)"
printf '%-28s %s bytes (%s gzip)\n' "ECharts bundle" "$(stat -c %s public/assets/vendor/echarts.min.js)" "$(gzip -9c public/assets/vendor/echarts.min.js | wc -c)"
