# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone home only (in an ns-3 tree, ns-3 installs its modules itself):
#   cmake --install build --prefix <dir>
# installs the library, its headers as include/ns3/<name>.h (with ns3/scale-across-module.h)
# and a CMake package, so that a program outside this repository builds with
#   find_package(scale-across CONFIG REQUIRED)
#   target_link_libraries(my-scenario scale-across::scale-across)
# (examples/template/ is such a program; the ctest package/template builds it against a fresh
# installation). The imported target brings ns-3's core, network and stats targets along.

include(CMakePackageConfigHelpers)

set(SCALE_ACROSS_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/scale-across)
set_target_properties(${libscale-across} PROPERTIES EXPORT_NAME scale-across)
# The same name in this build, for projects that add this folder with add_subdirectory.
add_library(scale-across::scale-across ALIAS ${libscale-across})

install(TARGETS ${libscale-across} EXPORT scale-across-targets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ns3)
install(EXPORT scale-across-targets NAMESPACE scale-across:: DESTINATION ${SCALE_ACROSS_PACKAGE_DIR})
configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/scale-across-config.cmake.in
                              ${CMAKE_BINARY_DIR}/package/scale-across-config.cmake
                              INSTALL_DESTINATION ${SCALE_ACROSS_PACKAGE_DIR})
# 0.x: a new minor version may change the API.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/scale-across-config-version.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/package/scale-across-config.cmake
              ${CMAKE_BINARY_DIR}/package/scale-across-config-version.cmake
        DESTINATION ${SCALE_ACROSS_PACKAGE_DIR})

# ctest package/template (label package): install into the build folder, build
# examples/template against that installation in a separate cmake, run it (scripts/
# check-package.sh). Not in sanitizer builds: the consumer would need the same -fsanitize flags
# to load an instrumented library, and the plain build already checks the package.
if(ENABLE_TESTS AND NOT SCALE_ACROSS_SANITIZE)
  add_test(NAME package/template
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check-package.sh ${CMAKE_BINARY_DIR}
                   ${CMAKE_CXX_COMPILER} ${CMAKE_COMMAND})
  set_tests_properties(package/template PROPERTIES LABELS package TIMEOUT 300)
endif()
