# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone home only (in an ns-3 tree, ns-3 installs its modules itself):
#   cmake --install build --prefix <dir>
# installs the library, its headers as include/ns3/<name>.h (with ns3/scale-across-module.h)
# and a CMake package, so that a program outside this repository builds with
#   find_package(scale-across CONFIG REQUIRED)
#   target_link_libraries(my-scenario scale-across::scale-across)
# The imported target brings ns-3's core, network and stats targets along.

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

