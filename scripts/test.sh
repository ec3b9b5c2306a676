#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Set up, build, and run every check:
#  1. the module's ns-3 TestSuites (through ns-3's own TestRunner, one ctest each), the
#     GoogleTest cases of its pure C++ parts, and a representative subset of the suites
#     (SCALE_ACROSS_MEMCHECK_SUITES in cmake/standalone.cmake) and two quick examples under
#     valgrind memcheck (ctest label memcheck); the package check (ctest package/template:
#     cmake --install, then examples/template built and run against the installed package);
#  2. the examples: same seed twice gives byte-identical outputs, and every wrong argument
#     ends with status 1 and one clear line (scripts/check-examples.sh);
#  3. all of 1 and 2 again in an AddressSanitizer + UBSan build (scripts/sanitize.sh);
#  4. the libFuzzer targets for 30 s each (scripts/fuzz.sh).
# SCALE_ACROSS_QUICK=1 runs step 1 without memcheck, and step 2, only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
start=$(date +%s)

"$here/scripts/build.sh" "$@"
cd "$build"
labels=()
[ "${SCALE_ACROSS_QUICK:-0}" = 1 ] && labels=(-LE memcheck)
ctest --output-on-failure -j"$(nproc)" "${labels[@]}" | tee ctest.log
echo
echo "ns-3 TestSuites run (ns-3's TestRunner): $(grep -cE 'Test +#[0-9]+: ns3-suite/' ctest.log)"
echo "GoogleTest cases run:                    $(grep -cE 'Test +#[0-9]+: gtest/' ctest.log)"
echo "valgrind memcheck runs (clean):          $(grep -cE 'Test +#[0-9]+: memcheck/' ctest.log)"
echo "installed-package checks:                $(grep -cE 'Test +#[0-9]+: package/' ctest.log)"
echo
BUILD_DIR=$build "$here/scripts/check-examples.sh"
if [ "${SCALE_ACROSS_QUICK:-0}" != 1 ]; then
  echo
  "$here/scripts/sanitize.sh"
  echo
  "$here/scripts/fuzz.sh"
fi
echo
echo "scripts/test.sh: all checks passed in $(( $(date +%s) - start )) s"
