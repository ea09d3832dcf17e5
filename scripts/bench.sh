#!/usr/bin/env bash
# Measures budgetsite at province scale on this machine:
#   scripts/bench.sh N [SEED] [RUNS]
# generates N projects, then times an import, a cold build, a no-op
# rebuild and a rebuild after editing one content file, RUNS times each
# (3 by default), and prints one line each with the median wall time,
# every run's wall time, the median user and system CPU time and the
# largest peak RSS (from /usr/bin/time). System time is mostly the file
# system creating files, and varies with the disk's state; user time is
# this program's own work and repeats closely.
# Also times copying the finished output tree (cp -r, into a fresh
# folder, RUNS times): the floor any generator of these bytes pays. It
# prints the cold build's ratio to it and the targets of the speed issue
# (cold ≤ 1.3× the copy, one edit ≤ 0.5 s, no-op ≤ 0.3 s), the output's
# files and bytes per project, and the size of the search index, the
# downloads and a project page.
#
# File creation dominates a cold build and an import, and its cost on a
# virtual disk varies with what else the machine writes: run it on an
# otherwise idle machine.
set -euo pipefail
N=${1:?usage: scripts/bench.sh N [SEED] [RUNS]}
SEED=${2:-1}
RUNS=${3:-3}
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "需要 /usr/bin/time（Debian 软件包 time）" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/budgetsite-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
bin="$work/budgetsite"
go build -o "$bin" ./cmd/budgetsite
go run ./cmd/budgetsite-gen -n "$N" -seed "$SEED" -o "$work/gen.txt" 2>/dev/null
printf 'title: 基准测试\n' > "$work/config.yaml"
cd "$work"

walls=() users=() syss=() rss=0
# run1 command...: one timed run; appends its wall and CPU seconds.
run1() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/out.txt" "$work/err.txt" >&2; exit 1; }
  read -r wall user sys kb < "$work/time.txt"
  walls+=("$wall")
  users+=("$user") syss+=("$sys")
  (( kb > rss )) && rss=$kb
  return 0
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
report() { # label
  printf '%-24s N=%-7s median %6.2f s  (runs %s)  user %5.2f s  system %5.2f s  peak RSS %4d MB\n' "$1" "$N" \
    "$(median "${walls[@]}")" "$(printf '%s ' "${walls[@]}" | sed 's/ $//')" "$(median "${users[@]}")" "$(median "${syss[@]}")" $(( rss / 1024 ))
  walls=() users=() syss=() rss=0
}
# settle lets the disk write back what the last step left, so one step's
# writeback does not land on the next step's clock.
settle() { sync; sleep 5; }

# Every import and cold build writes into a folder of its own: creating
# files just after deleting as many is much slower on this machine's
# disk, and a real first import or build has nothing to delete.
for k in $(seq "$RUNS"); do settle; run1 "$bin" import --content "content-$k" gen.txt; done
report "import"
content="content-$RUNS"
for k in $(seq "$RUNS"); do settle; run1 "$bin" build --content "$content" --out "public-$k"; done
cold=$(median "${walls[@]}")
report "cold build"
out="public-$RUNS"
for k in $(seq "$RUNS"); do settle; run1 cp -r "$out" "copy-$k"; done
copy=$(median "${walls[@]}")
report "cp -r of the output"
rm -rf copy-*
settle
for _ in $(seq "$RUNS"); do run1 "$bin" build --content "$content" --out "$out"; done
noop=$(median "${walls[@]}")
report "no-op rebuild"
for i in $(seq "$RUNS"); do
  f=$(find "$content" -name '*.md' | sort | sed -n "$(( i * N / (RUNS + 1) + 1 ))p")
  sed -i 's/^funds_wan: \(.*\)$/funds_wan: 1\1/' "$f"
  run1 "$bin" build --content "$content" --out "$out"
done
edit=$(median "${walls[@]}")
report "rebuild after one edit"
grep -E '生成' out.txt | sed 's/^/    /'

files=$(find "$out" -type f | wc -l)
bytes=$(du -sb "$out" | cut -f1)
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "met" : "missed" }'; }
printf '%-24s cold %.2f s / cp -r %.2f s = %.2f× (target ≤ 1.30×: %s)\n' "cold vs copy" "$cold" "$copy" \
  "$(awk -v a="$cold" -v b="$copy" 'BEGIN { printf "%.2f", a / b }')" "$(verdict "$(awk -v a="$cold" -v b="$copy" 'BEGIN { print a / b }')" 1.3)"
printf '%-24s one edit %.2f s (target ≤ 0.50 s: %s), no-op %.2f s (target ≤ 0.30 s: %s)\n' "incremental" \
  "$edit" "$(verdict "$edit" 0.5)" "$noop" "$(verdict "$noop" 0.3)"
printf '%-24s %s files, %s bytes; per project %s files, %s bytes\n' "output" "$files" "$bytes" \
  "$(awk -v f="$files" -v n="$N" 'BEGIN { printf "%.2f", f / n }')" "$(awk -v b="$bytes" -v n="$N" 'BEGIN { printf "%.0f", b / n }')"

page=$(find "$out" -path '*/project/*.html' | sort | sed -n 1p)
printf '%-24s %s bytes (%s gzip)\n' "search index" "$(stat -c %s "$out/data/search-index.js")" "$(gzip -9c "$out/data/search-index.js" | wc -c)"
printf '%-24s %s bytes\n' "data/ downloads" "$(du -sb "$out/data" | cut -f1)"
printf '%-24s %s bytes\n' "budget.xlsx" "$(stat -c %s "$out/data/budget.xlsx")"
printf '%-24s %s bytes (%s gzip)\n' "a project page" "$(stat -c %s "$page")" "$(gzip -9c "$page" | wc -c)"
printf '%-24s %s bytes (%s gzip)\n' "ECharts bundle" "$(stat -c %s "$out/assets/vendor/echarts.min.js")" "$(gzip -9c "$out/assets/vendor/echarts.min.js" | wc -c)"
