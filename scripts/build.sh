#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Set up (scripts/setup.sh), configure and build the standalone module in build/.
# Extra arguments go to cmake's configure step, e.g. -DSCALE_ACROSS_SANITIZE=address,undefined.
# BUILD_DIR overrides the build folder.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}

"$here/scripts/setup.sh"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
