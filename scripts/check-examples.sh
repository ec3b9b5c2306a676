#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The examples' reliability checks (run by scripts/test.sh, against BUILD_DIR, default build/):
#  1. determinism: each quick example runs twice with the same seed; every output file must be
#     byte-identical. Then once with another RngRun: it must still pass its own checks (exit 0).
#  2. bad input: each example runs with every wrong argument in test/sweeps/<example>.txt; it
#     must exit with status 1 (not a signal, no core dump) and say what is wrong on the first
#     line of stderr.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
bin=$build/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/scale-across-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
ulimit -c 0 # a crash must show as a signal here, not leave a core file behind
failures=0

# Quick configurations: <example> <arguments>
quick=(
  "scale-across-allreduce --ranks=8 --minBytes=1048576 --maxBytes=16777216 --algo=ring,tree"
  "scale-across-allreduce --ranks=4 --minBytes=65536 --maxBytes=1048576 --op=all_to_all --algo=pairwise --fabric=ondemand"
  "scale-across-allreduce --ranks=12 --op=reduce_scatter --maxBytes=4194304"
  "scale-across-allreduce --ranks=8 --op=all_to_all --maxBytes=4194304 --fabric=ideal"
  "scale-across-allreduce --ranks=8 --minBytes=1048576 --maxBytes=4194304 --algo=ring --fabric=static,leafspine,fattree --routing=spray"
  "scale-across-allreduce --ranks=12 --minBytes=1048576 --maxBytes=4194304 --fabric=leafspine --oversubscription=3 --cellBytes=65536"
  "scale-across-simple --nodes=4 --technology=MEMS"
  "scale-across-simple --nodes=4"
  "scale-across-circuits"
  "scale-across-training --ranks=4,8 --fabric=static,leafspine --iterations=4 --layers=4 --jitter=0.1 --stragglers=0.25 --slowdown=1.5 --failSlowRate=360000 --csv=true --jobs=2"
  "scale-across-power --endpoints=16,64,256 --reference=64 --simulateMax=16 --bytes=1048576"
  "scale-across-faults --fabrics=ondemand,static,leafspine,fattree --instants=before,0.5 --bytes=1048576 --failureTimeoutUs=1000 --jobSteps=40 --intervals=2,8 --seeds=2"
)

echo "== determinism: same seed twice, byte-identical outputs"
n=0
for entry in "${quick[@]}"; do
  read -r -a args <<<"$entry"
  example=${args[0]}
  n=$((n + 1))
  for run in a b; do
    if ! "$bin/$example" "${args[@]:1}" --RngRun=1 --outputDir="$work/$n-$run" \
        >"$work/$n-$run.stdout" 2>"$work/$n-$run.stderr"; then
      echo "FAIL $entry (run $run exited non-zero):"
      head -5 "$work/$n-$run.stderr"
      failures=$((failures + 1))
      continue 2
    fi
  done
  # stdout names the output folder, which differs between the two runs: compare without it.
  sed "s#$work/$n-a#OUT#g" "$work/$n-a.stdout" >"$work/$n-a.stdout.cmp"
  sed "s#$work/$n-b#OUT#g" "$work/$n-b.stdout" >"$work/$n-b.stdout.cmp"
  if diff -r "$work/$n-a" "$work/$n-b" >/dev/null &&
      cmp -s "$work/$n-a.stdout.cmp" "$work/$n-b.stdout.cmp"; then
    echo "PASS $entry: $(find "$work/$n-a" -type f | wc -l) files and stdout identical"
  else
    echo "FAIL $entry: outputs differ between two runs with the same seed"
    diff -rq "$work/$n-a" "$work/$n-b"
    failures=$((failures + 1))
  fi
  if "$bin/$example" "${args[@]:1}" --RngRun=7 --outputDir="$work/$n-c" >/dev/null 2>"$work/$n-c.stderr"; then
    echo "PASS $entry --RngRun=7: passes its own checks"
  else
    echo "FAIL $entry --RngRun=7:"
    head -5 "$work/$n-c.stderr"
    failures=$((failures + 1))
  fi
done

echo "== bad input: status 1 and a clear first line, never a crash"
cases=0
for sweep in "$here"/test/sweeps/*.txt; do
  example=$(basename "$sweep" .txt)
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    # <arguments> ::: <text the first stderr line must contain>
    arguments=${line%%:::*}
    expect=${line#*:::}
    expect=${expect# }
    read -r -a args <<<"$arguments"
    cases=$((cases + 1))
    out=(--outputDir="$work/bad")
    [[ "$arguments" == *--outputDir* ]] && out=()
    ( cd "$work" && timeout 60 "$bin/$example" "${args[@]}" "${out[@]}" ) \
      >"$work/bad.stdout" 2>"$work/bad.stderr"
    status=$?
    first=$(head -n 1 "$work/bad.stderr")
    if [ "$status" -ne 1 ]; then
      echo "FAIL $example $arguments: exit status $status (want 1)"
      head -3 "$work/bad.stderr"
      failures=$((failures + 1))
    elif [[ "$first" != *"$expect"* ]]; then
      echo "FAIL $example $arguments: first stderr line does not mention '$expect':"
      echo "     $first"
      failures=$((failures + 1))
    else
      echo "PASS $example $arguments -> $first" | cut -c1-160
    fi
  done <"$sweep"
done
echo "bad-input cases run: $cases"
if [ -n "$(find "$work" -name 'core*' -type f)" ]; then
  echo "FAIL: core files were left behind"
  failures=$((failures + 1))
fi
echo "example check failures: $failures"
[ "$failures" -eq 0 ]
