/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-scale-smoke: a fabric of a few thousand endpoints is built and runs one
 * collective to its closed form, so the large-scale path cannot silently break. (Speed is
 * measured by the bench programs, never here.)
 */

#include "../collective-test-fixture.h"

#include "ns3/binary-tree.h"
#include "ns3/test.h"

#include <algorithm>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Double-binary-tree all-reduce over 4,096 ranks on the static fabric.
class ThousandsOfRanksTestCase : public TestCase
{
  public:
    ThousandsOfRanksTestCase()
        : TestCase("4,096 endpoints: tree all-reduce of 8 MiB matches 2 d (t + alpha)")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t p = 4096;
        CollectiveRunConfig c;
        c.ranks = p;
        c.algorithm = "tree";
        c.wavelengths = 4;
        c.wavelengthsPerCircuit = 1;
        c.sizes = {uint64_t{8} << 20};
        const CollectiveRunOutcome out = RunCollective(c);
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 1, "the operation completes");
        const double t = (4.0 * (1 << 20) + FRAMING) / (1.6e12 / 8);
        const uint32_t d = std::max(DoubleBinaryTreeDepth(p, 0), DoubleBinaryTreeDepth(p, 1));
        const double expected = 2 * d * (t + DefaultAlpha().GetSeconds());
        NS_TEST_ASSERT_MSG_EQ_TOL(out.results[0].time.GetSeconds(),
                                  expected,
                                  (expected * 1e-3 + 2 * d * 1e-9),
                                  "closed form at scale");
        NS_TEST_ASSERT_MSG_EQ(out.sent, out.received, "every collective byte received");
        NS_TEST_ASSERT_MSG_EQ(out.deviceTx, out.deviceAccounted, "device bytes conserved");
    }
};

/// The suite.
class ScaleSmokeTestSuite : public TestSuite
{
  public:
    ScaleSmokeTestSuite()
        : TestSuite("scale-across-scale-smoke", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new ThousandsOfRanksTestCase());
    }
};

/// Static instance registering the suite.
ScaleSmokeTestSuite g_scaleSmokeTestSuite;

} // namespace
