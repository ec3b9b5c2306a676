#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build and test scale-across inside an ns-3.37 source tree, as a user who drops the folder
# into contrib/ would:
#   1. fetch ns-3.37's source from Debian's source package (cached in $SCALE_ACROSS_CACHE),
#   2. copy this module to contrib/scale-across,
#   3. configure only the modules it needs, with examples and tests,
#   4. build the test runner and this module's examples with two jobs (3.37's ./ns3 build caps
#      itself at nproc - 1),
#   5. run every scale-across-* suite through ./test.py and one example through ./ns3 run.
# The ns-3 tree and its build stay in the cache, so a second run rebuilds only the module.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cache=${SCALE_ACROSS_CACHE:-$HOME/.cache/scale-across}
tree=$cache/ns-allinone-3.37/ns-3.37
jobs=${JOBS:-2}
start=$(date +%s)

log() { printf '[in-tree %4ds] %s\n' $(( $(date +%s) - start )) "$*"; }

"$here/scripts/setup.sh" --in-tree

mkdir -p "$cache"
if [ ! -f "$tree/ns3" ]; then
  if [ ! -f "$cache/ns3_3.37.orig.tar.bz2" ]; then
    log "downloading Debian's ns3 source package"
    (cd "$cache" && apt-get source --download-only ns3=3.37-2 >/dev/null 2>&1 ||
       apt-get source --download-only ns3 >/dev/null)
  fi
  log "unpacking ns-3.37"
  tar -C "$cache" -xjf "$cache/ns3_3.37.orig.tar.bz2" ns-allinone-3.37/ns-3.37
fi

log "copying the module to contrib/scale-across"
rm -rf "$tree/contrib/scale-across"
mkdir -p "$tree/contrib/scale-across"
(cd "$here" && git ls-files -z 2>/dev/null || find . -type f -not -path './build*' -print0) |
  (cd "$here" && xargs -0 cp --parents -t "$tree/contrib/scale-across")

cd "$tree"
if [ ! -f cmake-cache/CMakeCache.txt ] || ! grep -q "NS3_ENABLED_MODULES.*scale-across" cmake-cache/CMakeCache.txt || ! grep -q "CMAKE_BUILD_TYPE:STRING=default" cmake-cache/CMakeCache.txt || ! grep -q "NS3_WARNINGS_AS_ERRORS:BOOL=ON" cmake-cache/CMakeCache.txt; then
  log "configuring (default profile: asserts, logs, warnings as errors; examples, tests)"
  # csma: 3.37's test-runner links src/test, whose ns3tcp suite needs CsmaHelper.
  ./ns3 configure -d default --enable-examples --enable-tests \
    --enable-werror --enable-modules="scale-across;point-to-point;csma" >"$cache/configure.log" 2>&1 ||
    { tail -40 "$cache/configure.log"; exit 1; }
fi

# Only what the checks run: the test runner (it links every enabled module's test library, this
# module's among them, and 3.37 builds the few examples its own suites run as tests) and this
# module's examples. The other examples of ns-3's modules and its tutorial programs are not
# built: on a cold machine they were minutes of CI for nothing run. Each example's name is on
# its own `NAME <name>` line of examples/CMakeLists.txt (a name that is not a target stops the
# build with ninja's "unknown target").
targets=(test-runner)
while read -r example; do targets+=("$example"); done \
  < <(sed -nE 's/^ *NAME +([A-Za-z0-9_-]+).*/\1/p' "$here/examples/CMakeLists.txt")
log "building ${targets[*]} with $jobs jobs"
cmake --build cmake-cache -j"$jobs" --target "${targets[@]}" >"$cache/build.log" 2>&1 ||
  { grep -E 'error|Error' -A3 "$cache/build.log" | head -60; exit 1; }

runner=$(ls -t build/utils/ns3.*-test-runner* | head -1) # the newest build profile
suites=$("$runner" --list | grep '^scale-across-' || true)
[ -n "$suites" ] || { echo "no scale-across suites are registered in the ns-3 tree"; exit 1; }
failed=0
for s in $suites; do
  if ./test.py --no-build -s "$s" >"$cache/test-$s.log" 2>&1; then
    log "test.py -s $s: PASS"
  else
    log "test.py -s $s: FAIL"; tail -20 "$cache/test-$s.log"; failed=1
  fi
done

log "./ns3 run scale-across-allreduce"
./ns3 run --no-build "scale-across-allreduce --outputDir=$cache/example" >"$cache/example.log" 2>&1 ||
  { tail -20 "$cache/example.log"; failed=1; }
tail -5 "$cache/example.log"

log "done ($([ $failed = 0 ] && echo PASS || echo FAIL))"
exit $failed
