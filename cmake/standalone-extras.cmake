# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone home only: GoogleTest binaries for the pure C++ parts (no ns-3 types), run by
# ctest beside the ns-3 suites. In an ns-3 tree, test.py runs the ns-3 suites alone.

# The plain C++ parts, built alone into a library that links nothing of ns-3 and sees none of
# its headers: a part that starts to need ns-3 stops building here, so their independence is
# enforced by the build. The GoogleTest binary tests them through this library only.
set(plain_SOURCES
  ${schedule_SOURCES}
  model/circuit/crossbar-port-table.cc
  model/circuit/clos-topology.cc
  model/circuit/rotor-cycle.cc
  model/common/byte-counters.cc
  model/common/drop-reason.cc
  model/electrical/switch-buffer.cc
  model/electrical/switch-routes.cc
  model/energy/fabric-power-report.cc
  model/energy/power-technology.cc
  model/fault/port-fault-state.cc
  model/optical/optical-physics.cc
  model/training/p2-quantile.cc
  model/training/streaming-statistics.cc
  model/training/checkpoint-ledger.cc
  )
add_library(scale-across-plain STATIC ${plain_SOURCES})
target_include_directories(scale-across-plain PUBLIC ${SCALE_ACROSS_INCLUDE_DIR})
add_dependencies(scale-across-plain libscale-across) # the flat ns3/ header copies

if(ENABLE_TESTS)
  find_package(GTest QUIET)
  if(NOT GTest_FOUND)
    message(FATAL_ERROR
      "scale-across: GoogleTest not found. Install it with:\n"
      "  sudo apt-get install libgtest-dev\n"
      "or run scripts/setup.sh; or configure with -DSCALE_ACROSS_TESTS=OFF.")
  endif()
  include(GoogleTest)
  add_executable(scale-across-gtest
    test/gtest/optical/optical-physics-gtest.cc
    test/gtest/circuit/crossbar-port-table-gtest.cc
    test/gtest/circuit/clos-topology-gtest.cc
    test/gtest/circuit/rotor-cycle-gtest.cc
    test/gtest/schedule/collective-schedule-gtest.cc
    test/gtest/schedule/collective-algorithm-registry-gtest.cc
    test/gtest/common/byte-counters-gtest.cc
    test/gtest/training/streaming-statistics-gtest.cc
    test/gtest/electrical/switch-buffer-gtest.cc
    test/gtest/energy/fabric-power-report-gtest.cc
    test/gtest/training/checkpoint-ledger-gtest.cc
    test/gtest/fault/port-fault-state-gtest.cc
    test/gtest/collective/message-index-map-gtest.cc
    test/gtest/common/stride-fifo-gtest.cc
  )
  target_link_libraries(scale-across-gtest scale-across-plain GTest::gtest GTest::gtest_main)
  gtest_discover_tests(scale-across-gtest TEST_PREFIX "gtest/" PROPERTIES LABELS gtest)
endif()

# Bench programs (bench/): figures as `name value unit` lines; run by scripts/bench.sh, never
# by ctest (speed is measured, not tested).
option(SCALE_ACROSS_BENCH "Build the bench programs" ON)
if(SCALE_ACROSS_BENCH)
  add_library(scale-across-bench-support STATIC bench/bench-support.cc bench/bare-engine.cc)
  target_link_libraries(scale-across-bench-support PUBLIC libscale-across)
  foreach(_bench bench-fabric-build bench-fattree-build bench-allreduce bench-scaling bench-vs-tcp
                 bench-electrical-allreduce)
    add_executable(${_bench} bench/${_bench}.cc)
    target_link_libraries(${_bench} ${SCALE_ACROSS_NO_AS_NEEDED} scale-across-bench-support
                          ${libinternet} ${libpoint-to-point} ${libapplications})
  endforeach()
endif()

# Two quick examples under valgrind memcheck (label memcheck), beside the suites. Not
# scale-across-simple: its IPv4/TCP part is ns-3's stack (87 s under valgrind), and the
# optical-transfer suite already runs its raw bursts.
if(SCALE_ACROSS_VALGRIND AND ENABLE_EXAMPLES)
  add_test(NAME memcheck/scale-across-allreduce
           COMMAND ${SCALE_ACROSS_VALGRIND} ${SCALE_ACROSS_MEMCHECK_ARGS}
                   $<TARGET_FILE:scale-across-allreduce> --ranks=8 --minBytes=1048576
                   --maxBytes=4194304 --outputDir=${CMAKE_BINARY_DIR}/memcheck-allreduce)
  add_test(NAME memcheck/scale-across-training
           COMMAND ${SCALE_ACROSS_VALGRIND} ${SCALE_ACROSS_MEMCHECK_ARGS}
                   $<TARGET_FILE:scale-across-training> --ranks=4 --fabric=static,leafspine
                   --iterations=2 --layers=2 --jitter=0.1 --jobs=2 --csv=true
                   --outputDir=${CMAKE_BINARY_DIR}/memcheck-training)
  set_tests_properties(memcheck/scale-across-allreduce memcheck/scale-across-training
                       PROPERTIES LABELS memcheck)
endif()
