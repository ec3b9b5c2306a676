#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the libFuzzer targets in fuzz/ with clang (-fsanitize=fuzzer,address,undefined) and run
# each for FUZZ_SECONDS (default 30) from its seed corpus in fuzz/corpus/<target>/. New inputs
# go to a scratch corpus, never into the repository. Prints `fuzz_<target>_executions N runs`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$here/build-fuzz}
seconds=${FUZZ_SECONDS:-30}
cxx=${FUZZ_CXX:-clang++}
command -v "$cxx" >/dev/null || { echo "scripts/fuzz.sh: $cxx not found (scripts/setup.sh installs clang)"; exit 1; }
mkdir -p "$build"
flags=(-std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$here/model/schedule" -I"$here/examples")

declare -A sources=(
  [collective-request]="model/schedule/collective-schedule.cc model/schedule/ring-schedule.cc model/schedule/double-binary-tree-schedule.cc model/schedule/halving-doubling-schedule.cc model/schedule/pairwise-all-to-all-schedule.cc model/schedule/broadcast-schedule.cc model/schedule/binary-tree.cc model/schedule/collective-algorithm-registry.cc"
  [example-arguments]="examples/example-arguments.cc"
)
status=0
for target in collective-request example-arguments; do
  exe=$build/fuzz-$target
  src=()
  for s in ${sources[$target]}; do src+=("$here/$s"); done
  "$cxx" "${flags[@]}" "$here/fuzz/fuzz-$target.cc" "${src[@]}" -o "$exe"
  corpus=$build/corpus-$target
  mkdir -p "$corpus"
  log=$build/fuzz-$target.log
  if "$exe" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$build/crash-$target-" "$corpus" "$here/fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz_${target}_executions ${runs:-0} runs"
  else
    echo "FAIL fuzz-$target (crashing input in $build/crash-$target-*):"
    grep -E "ERROR|fuzz-|SUMMARY" "$log" | head -10
    status=1
  fi
done
exit $status
