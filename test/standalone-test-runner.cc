/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Standalone builds only: ns-3's own test runner (as utils/test-runner.cc in an ns-3 tree),
 * linked against the module's test library so it runs the scale-across-* suites.
 */

#include "ns3/test.h"

int
main(int argc, char* argv[])
{
    return ns3::TestRunner::Run(argc, argv);
}
