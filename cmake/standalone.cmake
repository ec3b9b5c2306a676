# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone home: build the module against an installed ns-3 (Debian's libns3-dev).
# Provides build_lib() and build_lib_example() with the same keywords as ns-3's own,
# so CMakeLists.txt and examples/CMakeLists.txt read the same in both homes.

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE RelWithDebInfo)
endif()

option(SCALE_ACROSS_WERROR "Treat compiler warnings as errors (as ns-3 in-tree builds do)" ON)
option(SCALE_ACROSS_TESTS "Build the ns-3 test suites and the GoogleTest binaries" ON)
option(SCALE_ACROSS_EXAMPLES "Build the examples" ON)
set(SCALE_ACROSS_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
include(GNUInstallDirs) # install destinations (cmake/standalone-install.cmake)

# Debian's ns-3 package config hard-fails (even with QUIET) when the packages 'ns3'
# (helpers in /usr/libexec/ns3) or 'libgsl-dev' are missing: check first, so the user
# gets one message that says what to install.
set(_ns3_config_dirs /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake/ns3 /usr/lib/cmake/ns3
                     /usr/local/lib/cmake/ns3)
if(NOT ns3_DIR)
  foreach(_dir ${_ns3_config_dirs})
    if(EXISTS ${_dir}/ns3Config.cmake)
      set(_ns3_found_dir ${_dir})
    endif()
  endforeach()
  if(_ns3_found_dir STREQUAL "/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake/ns3")
    if(NOT EXISTS /usr/libexec/ns3 OR NOT EXISTS /usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/libgsl.so)
      message(FATAL_ERROR
        "scale-across: Debian's ns-3 CMake package needs the packages 'ns3' and 'libgsl-dev' "
        "beside 'libns3-dev'. Install them with:\n"
        "  sudo apt-get install libns3-dev ns3 libgsl-dev\n"
        "or run scripts/setup.sh, which installs everything the project needs.")
    endif()
  endif()
endif()

find_package(ns3 QUIET)
if(NOT ns3_FOUND)
  message(FATAL_ERROR
    "scale-across: no installed ns-3 found (CMake package 'ns3', version 3.37 or newer). "
    "On Debian 12 install it with:\n"
    "  sudo apt-get install libns3-dev ns3 libgsl-dev\n"
    "or run scripts/setup.sh. To use another installation, pass -Dns3_DIR=<dir with ns3Config.cmake>. "
    "To build inside an ns-3 source tree instead, copy this folder to contrib/scale-across.")
endif()
if(ns3_VERSION VERSION_LESS 3.37)
  message(FATAL_ERROR
    "scale-across: ns-3 ${ns3_VERSION} found in ${ns3_DIR}, but 3.37 or newer is required. "
    "Install Debian 12's libns3-dev (3.37) or build inside an ns-3 3.37+ source tree.")
endif()
message(STATUS "scale-across: building standalone against ns-3 ${ns3_VERSION} (${ns3_DIR})")

# The installed targets carry no compile definitions: enable NS_LOG and NS_ASSERT ourselves.
add_compile_definitions(NS3_LOG_ENABLE NS3_ASSERT_ENABLE)
add_compile_options(-Wall -Wextra -Wno-unused-parameter)
if(SCALE_ACROSS_WERROR)
  add_compile_options(-Werror)
endif()
# valgrind memcheck as ctest label 'memcheck' (suites and quick examples); not with sanitizers.
set(SCALE_ACROSS_MEMCHECK_ARGS --error-exitcode=1 --leak-check=full
    --errors-for-leak-kinds=definite --show-leak-kinds=definite -q)
if(NOT SCALE_ACROSS_SANITIZE)
  find_program(SCALE_ACROSS_VALGRIND valgrind)
endif()
# The suites memcheck runs: a representative subset, so CI stays within its time as fabrics land.
# Per domain, the suites that drive its distinct code paths: optical transfer, drops, tracing and
# contention; the packet path, PFC, shared buffer, incast, ECMP and cells; the collective
# schedules, protocols, point-to-point, concurrency and failures; each circuit scheduler and
# switch; training, with its failures and checkpoints; faults; energy. Left out: suites that
# repeat those paths many times over (invariance, random faults, variability, attribute ranges,
# the bad-input and Config-path tables, determinism reruns, the 65,536-endpoint smoke test) or
# that the listed ones cover (collective-header and collective-api-example by every collective
# suite, electrical-transceiver by fault-electrical, optical-fabric-copy by every optical suite,
# energy-counts by energy-devices) and the IPv4/TCP suites, whose
# time under valgrind is ns-3's own stack (optical-ipv4 alone took 99 of the 908 s memcheck
# took with every suite in it). Every suite still runs natively and in the AddressSanitizer
# build. A new suite joins this list when it brings a code path none of these runs.
set(SCALE_ACROSS_MEMCHECK_SUITES
    # common
    scale-across-event-pool scale-across-byte-conservation scale-across-build-lists
    # optical
    scale-across-optical-transfer scale-across-optical-drop scale-across-optical-tracing
    scale-across-optical-contention
    # electrical
    scale-across-electrical-path scale-across-electrical-pfc scale-across-electrical-shared-buffer
    scale-across-electrical-incast scale-across-electrical-collective scale-across-electrical-ecmp
    scale-across-electrical-cell-size
    # collective
    scale-across-ring-closed-form scale-across-collective-closed-form scale-across-collective-p2p
    scale-across-collective-send-recv scale-across-collective-concurrency
    scale-across-collective-failure scale-across-collective-exclude-rank
    scale-across-collective-protocol scale-across-collective-ideal-fabric
    scale-across-collective-nccl-tests
    # circuits
    scale-across-circuits-conservation scale-across-circuits-multi-stage scale-across-circuits-rotor
    scale-across-circuits-port-limit scale-across-circuits-wavelength-routed
    # training, faults, energy
    scale-across-training-closed-form scale-across-training-shared-fabric
    scale-across-training-faults
    scale-across-fault-optical scale-across-fault-electrical scale-across-energy-devices)
if(SCALE_ACROSS_SANITIZE)
  # GCC 12 reports false maybe-uninitialized warnings inside libstdc++ (std::regex) when
  # sanitizers are on; they are not about this code.
  add_compile_options(-fsanitize=${SCALE_ACROSS_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all -Wno-maybe-uninitialized)
  add_link_options(-fsanitize=${SCALE_ACROSS_SANITIZE})
endif()

# The same variable names ns-3 defines in-tree, pointing at the installed targets.
foreach(_mod core network stats internet point-to-point applications flow-monitor csma bridge
             mobility)
  if(TARGET ns3::lib${_mod})
    set(lib${_mod} ns3::lib${_mod})
  endif()
endforeach()
set(ENABLE_TESTS ${SCALE_ACROSS_TESTS})
set(ENABLE_EXAMPLES ${SCALE_ACROSS_EXAMPLES})
set(SCALE_ACROSS_STANDALONE ON)
set(SCALE_ACROSS_INCLUDE_DIR ${CMAKE_BINARY_DIR}/include)
set(CMAKE_LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib)
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
# Static TypeId registration lives in libraries nothing references by symbol.
set(SCALE_ACROSS_NO_AS_NEEDED -Wl,--no-as-needed)
enable_testing()

# build_lib(LIBNAME n SOURCE_FILES ... HEADER_FILES ... LIBRARIES_TO_LINK ... TEST_SOURCES ...)
function(build_lib)
  cmake_parse_arguments("BLIB" "" "LIBNAME" "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK;TEST_SOURCES"
                        ${ARGN})
  set(_lib lib${BLIB_LIBNAME})
  set(lib${BLIB_LIBNAME} ${_lib} PARENT_SCOPE)
  set(lib${BLIB_LIBNAME} ${_lib})

  # Headers are used as "ns3/<name>.h", as in an ns-3 build tree. The folder is made anew at
  # every configure, so a header that was removed or renamed cannot linger there and hide a
  # stale include (a clean clone would not build).
  file(REMOVE_RECURSE ${SCALE_ACROSS_INCLUDE_DIR}/ns3)
  set(_module_header ${SCALE_ACROSS_INCLUDE_DIR}/ns3/${BLIB_LIBNAME}-module.h)
  set(_contents "// Generated by cmake/standalone.cmake: all public headers of ${BLIB_LIBNAME}.\n")
  set(_public_headers ${_module_header})
  foreach(_h ${BLIB_HEADER_FILES})
    get_filename_component(_name ${_h} NAME)
    configure_file(${CMAKE_CURRENT_SOURCE_DIR}/${_h} ${SCALE_ACROSS_INCLUDE_DIR}/ns3/${_name} COPYONLY)
    string(APPEND _contents "#include \"${_name}\"\n")
    list(APPEND _public_headers ${SCALE_ACROSS_INCLUDE_DIR}/ns3/${_name})
  endforeach()
  file(WRITE ${_module_header}.tmp "${_contents}")
  configure_file(${_module_header}.tmp ${_module_header} COPYONLY)

  add_library(${_lib} SHARED ${BLIB_SOURCE_FILES})
  # PUBLIC_HEADER: the flat copies, installed as include/ns3/<name>.h (standalone-install.cmake)
  set_target_properties(${_lib} PROPERTIES OUTPUT_NAME ns3-${BLIB_LIBNAME}
                                           PUBLIC_HEADER "${_public_headers}")
  target_include_directories(${_lib} PUBLIC $<BUILD_INTERFACE:${SCALE_ACROSS_INCLUDE_DIR}>
                                            $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_definitions(${_lib} PRIVATE NS3_MODULE_COMPILATION)
  target_link_libraries(${_lib} PUBLIC ${BLIB_LIBRARIES_TO_LINK})
  # Whatever links the library (here or through the installed package) keeps it even when it
  # references none of its symbols: its TypeIds register statically, when it is loaded.
  target_link_options(${_lib} INTERFACE LINKER:--no-as-needed)

  if(ENABLE_EXAMPLES AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/examples/CMakeLists.txt)
    add_subdirectory(examples)
  endif()

  if(ENABLE_TESTS AND BLIB_TEST_SOURCES)
    set(_test lib${BLIB_LIBNAME}-test)
    set(test${BLIB_LIBNAME} ${_test} CACHE INTERNAL "")
    add_library(${_test} SHARED ${BLIB_TEST_SOURCES})
    target_link_libraries(${_test} ${_lib} ${BLIB_LIBRARIES_TO_LINK})
    # One runner for the module's ns-3 TestSuites; it is ns-3's own TestRunner.
    add_executable(test-runner ${CMAKE_CURRENT_SOURCE_DIR}/test/standalone-test-runner.cc)
    target_link_libraries(test-runner ${SCALE_ACROSS_NO_AS_NEEDED} ${_test} ${_lib})
    # One ctest per suite, so ctest's summary counts suites.
    foreach(_src ${BLIB_TEST_SOURCES})
      file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/${_src} _lines REGEX "TestSuite\\(\"")
      foreach(_line ${_lines})
        string(REGEX MATCH "TestSuite\\(\"([^\"]+)\"" _m "${_line}")
        if(CMAKE_MATCH_1)
          add_test(NAME ns3-suite/${CMAKE_MATCH_1}
                   COMMAND test-runner --suite=${CMAKE_MATCH_1}
                   WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
          set_tests_properties(ns3-suite/${CMAKE_MATCH_1} PROPERTIES LABELS ns3-suite)
          if(SCALE_ACROSS_VALGRIND AND CMAKE_MATCH_1 IN_LIST SCALE_ACROSS_MEMCHECK_SUITES)
            # The same suite under valgrind memcheck: any invalid access or definite leak fails.
            add_test(NAME memcheck/${CMAKE_MATCH_1}
                     COMMAND ${SCALE_ACROSS_VALGRIND} ${SCALE_ACROSS_MEMCHECK_ARGS}
                             $<TARGET_FILE:test-runner> --suite=${CMAKE_MATCH_1}
                     WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
            set_tests_properties(memcheck/${CMAKE_MATCH_1} PROPERTIES LABELS memcheck)
          endif()
        endif()
      endforeach()
    endforeach()
    if(SCALE_ACROSS_VALGRIND)
      # A renamed or removed suite must not drop out of memcheck unnoticed.
      foreach(_suite ${SCALE_ACROSS_MEMCHECK_SUITES})
        if(NOT TEST memcheck/${_suite})
          message(FATAL_ERROR "SCALE_ACROSS_MEMCHECK_SUITES (cmake/standalone.cmake) names "
                              "${_suite}, which no test source defines: use the name of a "
                              "TestSuite in test/")
        endif()
      endforeach()
    endif()
  endif()
endfunction()

# build_lib_example(NAME n SOURCE_FILES ... LIBRARIES_TO_LINK ...)
function(build_lib_example)
  cmake_parse_arguments("BLIB_EXAMPLE" "" "NAME" "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK"
                        ${ARGN})
  add_executable(${BLIB_EXAMPLE_NAME} ${BLIB_EXAMPLE_SOURCE_FILES})
  target_link_libraries(${BLIB_EXAMPLE_NAME} ${SCALE_ACROSS_NO_AS_NEEDED} ${lib${BLIB_LIBNAME}}
                        ${BLIB_EXAMPLE_LIBRARIES_TO_LINK})
endfunction()
