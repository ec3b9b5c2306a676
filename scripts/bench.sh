#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (scripts/build.sh) and run the bench programs with the configurations of issues #5 and
# #12 (bench-electrical-allreduce), one after the other (they measure wall time: run nothing
# else beside them). Each prints `name value unit` lines; everything goes to results/bench/
# (quick: results/bench-quick/): one .txt per bench, plus the scaling table, .plt, PNG and PDF.
# Takes about 20 minutes on two cores (the TCP side of bench-vs-tcp alone about 10; the two
# electrical all-reduces about a minute together).
#
#   scripts/bench.sh            every bench and the scaling study
#   scripts/bench.sh quick      small sizes only (a minute), to check the programs work
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
mode=${1:-full}
out=$here/results/bench
[ "$mode" = quick ] && out=$here/results/bench-quick # never overwrites the full figures

"$here/scripts/build.sh"
mkdir -p "$out"
bin=$build/bin

run() { # run <name> <program> <args...>: show and keep the figures
  local name=$1
  shift
  echo "== $name: $*"
  "$bin/$@" | tee "$out/$name.txt.tmp"
  mv "$out/$name.txt.tmp" "$out/$name.txt"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ "$mode" = quick ]; then
  run fabric-build bench-fabric-build --endpoints=4096 --runs=3
  run fattree-build bench-fattree-build --k=16 --runs=3
  run allreduce-tree bench-allreduce --algo=tree --ranks=1024 --bytes=67108864 --chunkBytes=1048576 --progress=false
  run allreduce-ring bench-allreduce --algo=ring --ranks=256 --bytes=67108864 --progress=false
  run vs-tcp bench-vs-tcp --ranks=8 --bytes=8388608
  run scaling bench-scaling --endpoints=64,256,1024 --bytes=67108864 --chunkBytes=1048576 --outputDir="$out"
  run electrical-allreduce-cells bench-electrical-allreduce --ranks=128 --bytes=16777216 --cellBytes=65536
  run electrical-allreduce-packets bench-electrical-allreduce --ranks=64 --bytes=16777216 --cellBytes=0
  echo "== message-cost (valgrind, 64 ranks)"
  RANKS=64 BUILD_DIR=$build "$here/scripts/bench-message-cost.sh" | tee "$out/message-cost.txt"
else
  run fabric-build bench-fabric-build --endpoints=65536 --runs=5
  run fattree-build bench-fattree-build --k=64 --runs=3
  run allreduce-tree bench-allreduce --algo=tree --ranks=65536 --bytes=1073741824 --chunkBytes=8388608
  run allreduce-ring bench-allreduce --algo=ring --ranks=4096 --bytes=1073741824
  run vs-tcp bench-vs-tcp --ranks=64 --bytes=67108864
  run scaling bench-scaling --endpoints=64,256,1024,4096,16384,65536 --outputDir="$out"
  run electrical-allreduce-cells bench-electrical-allreduce --ranks=1024 --bytes=268435456 --cellBytes=65536
  run electrical-allreduce-packets bench-electrical-allreduce --ranks=64 --bytes=268435456 --cellBytes=0
  echo "== message-cost (valgrind, 256 ranks, a few minutes)"
  BUILD_DIR=$build "$here/scripts/bench-message-cost.sh" | tee "$out/message-cost.txt"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "figures in $out/"
