#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The cost of one collective message (issue #17): instructions (valgrind callgrind) and heap
# allocations (valgrind DHAT) per message of a ring all-reduce on 256 ranks. Each tool runs
# bench-allreduce at two sizes (the same fabric, 2x the chunks); the difference divided by the
# difference in messages is the per-message cost, free of set-up and tear-down. Prints
# `name value unit` lines. BUILD_DIR overrides the build folder; RANKS the ranks (256);
# SCHEDULER one of ns-3's event schedulers (ns3::MapScheduler, the default, or
# ns3::HeapScheduler, ...: ns-3's SchedulerType). Needs valgrind (setup.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
bench=$build/bin/bench-allreduce
ranks=${RANKS:-256}
scheduler=${SCHEDULER:-ns3::MapScheduler}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

args() { # args <bytes>: one ring all-reduce, 32 KiB chunks, no bare-engine run
  echo --algo=ring --ranks="$ranks" --bytes="$1" --chunkBytes=32768 --progress=false --bare=false \
    --SchedulerType="$scheduler"
}
small=$((ranks * 65536))
large=$((2 * small))

messages() { # messages <bytes>
  "$bench" $(args "$1") | awk '$1 == "allreduce_ring_messages" { printf "%d", $2 }'
}

instructions() { # instructions <bytes>: Ir of the child that ran the all-reduce (the largest)
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.%p" "$bench" $(args "$1") \
    >/dev/null 2>"$tmp/cg.log"
  grep -h '^summary:' "$tmp"/cg.* | awk '{ print $2 }' | sort -n | tail -1
  rm -f "$tmp"/cg.*
}

allocations() { # allocations <bytes>: heap blocks allocated by that child
  valgrind --tool=dhat --dhat-out-file="$tmp/dhat.%p" "$bench" $(args "$1") \
    >/dev/null 2>"$tmp/dhat.log"
  grep -E '^==[0-9]+== Total: ' "$tmp/dhat.log" |
    sed -E 's/.* in ([0-9,]+) blocks.*/\1/; s/,//g' | sort -n | tail -1
  rm -f "$tmp"/dhat.*
}

m1=$(messages "$small")
m2=$(messages "$large")
i1=$(instructions "$small")
i2=$(instructions "$large")
a1=$(allocations "$small")
a2=$(allocations "$large")
echo "message_cost_scheduler $scheduler type"
echo "message_cost_ranks $ranks ranks"
echo "message_cost_messages $m1 $m2 messages"
echo "message_cost_instructions_per_message $(( (i2 - i1) / (m2 - m1) )) instructions"
awk -v a1="$a1" -v a2="$a2" -v m1="$m1" -v m2="$m2" \
  'BEGIN { printf "message_cost_allocations_per_message %.2f allocations\n", (a2 - a1) / (m2 - m1) }'
