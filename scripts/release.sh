#!/usr/bin/env bash
# Builds the release archives:
#   scripts/release.sh VERSION
# writes into $DIST (default dist/) one archive per target, .zip for
# Windows and .tar.gz otherwise, each holding the binary (templates,
# assets and the ECharts bundle embedded), README.md, LICENSE.txt and
# THIRD_PARTY_NOTICES.txt, and SHA256SUMS over the archives.
#
# TARGETS limits the targets, e.g. TARGETS=linux/amd64 (space-separated).
#
# Reproducible: the same commit and toolchain give the same bytes. Builds
# use -trimpath and CGO_ENABLED=0; commit, commit time and version are set
# with -X (not the toolchain's VCS stamp, which depends on how the
# checkout was made); archives have sorted entries, owner 0 and every
# time set to the commit time ($SOURCE_DATE_EPOCH outside Git). Needs no
# network once the Go modules and npm packages are cached (npm ci).
set -euo pipefail
VERSION=${1:?usage: scripts/release.sh VERSION (e.g. v1.0.0)}
cd "$(dirname "$0")/.."

if ! [[ $VERSION =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]]; then
  echo "release.sh: VERSION “$VERSION” may hold only letters, digits and . _ + -" >&2
  exit 2
fi
DIST=${DIST:-dist}
TARGETS=${TARGETS:-windows/amd64 windows/arm64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64}
# npm packages bundled into assets/vendor/echarts.min.js (see
# scripts/echarts-entry.mjs); their licences go into the notices.
NPM_PACKAGES=(echarts zrender tslib)

if [ ! -s assets/vendor/echarts.min.js ]; then
  echo "release.sh: assets/vendor/echarts.min.js is missing: run npm ci first" >&2
  exit 1
fi
for p in "${NPM_PACKAGES[@]}"; do
  [ -f "node_modules/$p/package.json" ] || { echo "release.sh: node_modules/$p is missing: run npm ci first" >&2; exit 1; }
done

commit=""
epoch=""
if git rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git rev-parse HEAD)
  # Modified tracked files make the build "+dirty"; untracked files do
  # not (tests and tools leave some while a release is built).
  if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    commit="$commit+dirty"
  fi
  epoch=$(git log -1 --format=%ct)
fi
epoch=${epoch:-${SOURCE_DATE_EPOCH:-}}
if [ -z "$epoch" ]; then
  echo "release.sh: not a Git checkout and SOURCE_DATE_EPOCH is not set: no time to stamp the build with" >&2
  exit 1
fi
# RFC 3339 in UTC, as Go's vcs.time.
date=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$epoch" +%Y-%m-%dT%H:%M:%SZ)

work=$(mktemp -d "${TMPDIR:-/tmp}/budgetsite-release-XXXXXX")
trap 'rm -rf "$work"' EXIT
tool="$work/releasetool"
go build -o "$tool" ./scripts/releasetool
mkdir -p "$DIST"

# Pinned so that the environment cannot change the bytes.
export CGO_ENABLED=0 GOFLAGS=-mod=readonly GOAMD64=v1 GOARM64=v8.0 GOEXPERIMENT=
ldflags="-s -w -buildid= -X main.version=$VERSION -X main.commit=$commit -X main.commitTime=$date"

archives=()
for target in $TARGETS; do
  os=${target%/*}
  arch=${target#*/}
  name="budgetsite-$VERSION-$os-$arch"
  dir="$work/stage/$name"
  mkdir -p "$dir"
  exe=budgetsite
  ext=tar.gz
  if [ "$os" = windows ]; then
    exe=budgetsite.exe
    ext=zip
  fi
  GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$dir/$exe" ./cmd/budgetsite
  cp README.md "$dir/README.md"
  cp LICENSE "$dir/LICENSE.txt"
  npm_args=()
  for p in "${NPM_PACKAGES[@]}"; do npm_args+=(-pkg "$p"); done
  "$tool" notices -bin "$dir/$exe" -npm node_modules "${npm_args[@]}" -o "$dir/THIRD_PARTY_NOTICES.txt"
  chmod 0755 "$dir/$exe"
  "$tool" archive -mtime "$epoch" -o "$DIST/$name.$ext" -C "$work/stage" "$name"
  archives+=("$DIST/$name.$ext")
  printf '%-48s %10s bytes (binary %s bytes)\n' "$name.$ext" "$(wc -c <"$DIST/$name.$ext" | tr -d ' ')" "$(wc -c <"$dir/$exe" | tr -d ' ')"
done
"$tool" sums -o "$DIST/SHA256SUMS" "${archives[@]}"
echo "== $DIST/SHA256SUMS ($VERSION, commit ${commit:-unknown}, $date)"
cat "$DIST/SHA256SUMS"
