#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Set up, build, and run the main example. Its files go to results/<example>/.
# Extra arguments go to the example (try --help).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
example=scale-across-allreduce

"$here/scripts/build.sh"
"$build/bin/$example" --outputDir="$here/results/$example" "$@"
