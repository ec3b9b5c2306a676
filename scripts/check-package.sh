#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The ctest package/template (standalone build; see cmake/standalone-install.cmake):
#  1. install the module just built into <build>/package-test/prefix (cmake --install);
#  2. configure and build examples/template against that installation in a fresh folder, with
#     a separate cmake given only CMAKE_PREFIX_PATH and the compiler, run the scenario and check
#     its result row; README.md must show the template's two files as they are;
#  3. build a probe that references no symbol of the library and links with --as-needed (as
#     some distributions' compilers do by default): it must still create a module type by its
#     TypeId name (the package's imported target keeps the library linked).
# Usage: scripts/check-package.sh <build dir> [<c++ compiler> [<cmake>]]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: scripts/check-package.sh <build dir> [<c++ compiler> [<cmake>]]}" && pwd)
cxx=${2:-c++}
cmake=${3:-cmake}
work=$build/package-test
prefix=$work/prefix
rm -rf "$work"
mkdir -p "$work/probe-src"

fail() { echo "FAIL: $*"; exit 1; }
# run <log> <command...>: quiet unless it fails
run() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 || { echo "FAIL: $*"; tail -30 "$log"; exit 1; }
}

"$cmake" --version | head -1
run "$work/install.log" "$cmake" --install "$build" --prefix "$prefix"
lib=$(find "$prefix" -name libns3-scale-across.so | head -1)
[ -n "$lib" ] || fail "no libns3-scale-across.so under $prefix"
for f in include/ns3/scale-across-module.h include/ns3/photonic-crossbar.h \
         include/ns3/collective-helper.h include/ns3/gnuplot-writer.h; do
  [ -f "$prefix/$f" ] || fail "$f is not installed"
done
[ ! -e "$prefix/include/ns3/example-arguments.h" ] || fail "example-arguments.h is installed"
config=$(find "$prefix" -name scale-across-config.cmake | head -1)
[ -n "$config" ] || fail "no scale-across-config.cmake under $prefix"
echo "installed: ${lib#"$prefix"/}, $(find "$prefix/include/ns3" -name '*.h' | wc -l) headers in" \
     "include/ns3, ${config#"$prefix"/}"

consumer=(-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx")
run "$work/template-configure.log" "$cmake" -S "$here/examples/template" -B "$work/template" \
    "${consumer[@]}"
run "$work/template-build.log" "$cmake" --build "$work/template"
run "$work/scenario.out" "$work/template/scenario"
cat "$work/scenario.out"
# One all-reduce of 64 MiB: size count type redop time(us) algbw busbw, time and busbw > 0.
awk '$1 == 67108864 && $2 == 16777216 && $3 == "float" && $4 == "sum" && $5 > 0 && $7 > 0 &&
     NF == 7 { found = 1 } END { exit !found }' "$work/scenario.out" ||
  fail "the scenario printed no all-reduce row of 64 MiB"

# README.md, "Your own scenario program", shows both files as they are (indented code blocks).
readme=$(<"$here/README.md")
for f in CMakeLists.txt scenario.cc; do
  block=$(sed 's/^./    &/' "$here/examples/template/$f")
  [[ "$readme" == *"$block"* ]] || fail "README.md does not show examples/template/$f as it is"
done

cat >"$work/probe-src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.13)
project(typeid-probe LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
find_package(scale-across CONFIG REQUIRED)
add_executable(typeid-probe typeid-probe.cc)
target_link_options(typeid-probe PRIVATE LINKER:--as-needed)
target_link_libraries(typeid-probe scale-across::scale-across)
CMAKE
cat >"$work/probe-src/typeid-probe.cc" <<'CXX'
#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/type-id.h"

#include <iostream>

int
main()
{
    ns3::TypeId tid;
    if (!ns3::TypeId::LookupByNameFailSafe("ns3::PhotonicCrossbar", &tid))
    {
        std::cerr << "ns3::PhotonicCrossbar is not registered\n";
        return 1;
    }
    ns3::ObjectFactory factory("ns3::PhotonicCrossbar");
    std::cout << "created " << factory.Create<ns3::Object>()->GetInstanceTypeId().GetName() << "\n";
    return 0;
}
CXX
run "$work/probe-configure.log" "$cmake" -S "$work/probe-src" -B "$work/probe" "${consumer[@]}"
run "$work/probe-build.log" "$cmake" --build "$work/probe"
run "$work/probe.out" "$work/probe/typeid-probe"
cat "$work/probe.out"
grep -qx 'created ns3::PhotonicCrossbar' "$work/probe.out" || fail "the probe created no PhotonicCrossbar"
echo "package: PASS"
