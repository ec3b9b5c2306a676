#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Set up, build, and run every test: the module's ns-3 TestSuites (through ns-3's own
# TestRunner, one ctest each) and the GoogleTest cases of its pure C++ parts.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}

"$here/scripts/build.sh" "$@"
cd "$build"
ctest --output-on-failure -j"$(nproc)" | tee ctest.log
echo
echo "ns-3 TestSuites run (ns-3's TestRunner): $(grep -cE 'Test +#[0-9]+: ns3-suite/' ctest.log)"
echo "GoogleTest cases run:                    $(grep -cE 'Test +#[0-9]+: gtest/' ctest.log)"
