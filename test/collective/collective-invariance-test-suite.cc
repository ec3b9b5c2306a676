/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-invariance: settings that only trade memory or speed never change
 * a simulated time. Random small configurations (ranks, sizes, chunks, NCCL channels, lanes,
 * algorithms, credits) are each run with several read windows, read on demand
 * (CollectiveApplication::ReadOnDemand), and with unlimited credits against a credit count no
 * run can exhaust; every time must be identical to that of the whole schedule read at once,
 * and every run must complete with all its bytes accounted for.
 */

#include "../collective-test-fixture.h"

#include "ns3/collective-algorithm-registry.h"
#include "ns3/double.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// @return "all_reduce/ring, 6 ranks, 4096 B, ..." for messages
std::string
Describe(const CollectiveRunConfig& c)
{
    std::ostringstream os;
    os << c.collective << "/" << c.algorithm << ", " << c.ranks << " ranks, " << c.sizes.front()
       << " B, chunk " << c.chunkBytes << ", " << c.channels << " NCCL channel(s), "
       << c.wavelengths << " wavelengths, credits " << c.sendCredits << ", "
       << (c.staticCircuits ? "static" : "on-demand");
    return os.str();
}

/// Random configurations, each with every read window and a non-binding credit count.
class InvarianceTestCase : public TestCase
{
  public:
    /// @param first first configuration @param count how many
    InvarianceTestCase(uint32_t first, uint32_t count)
        : TestCase("configurations " + std::to_string(first) + " ... " +
                   std::to_string(first + count - 1) +
                   ": read window and non-binding credits change no time"),
          m_first(first),
          m_count(count)
    {
    }

  private:
    void DoRun() override
    {
        const auto& all = CollectiveAlgorithmRegistry::GetAll();
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(1000 + m_first); // the configurations are the same in every run
        for (uint32_t n = 0; n < m_count; ++n)
        {
            const CollectiveAlgorithm& a = all[u->GetInteger(0, all.size() - 1)];
            CollectiveRunConfig c;
            c.collective = a.collective;
            c.algorithm = a.algorithm;
            c.ranks = a.algorithm == "halving_doubling" ? (1u << u->GetInteger(1, 3))
                                                        : u->GetInteger(2, 9);
            c.channels = a.multiChannel ? u->GetInteger(1, 2) : 1;
            const uint64_t unit = 4 * c.ranks * c.channels;
            c.sizes = {unit * u->GetInteger(1, 600)};
            const uint32_t chunkChoice = u->GetInteger(0, 3);
            c.chunkBytes = chunkChoice == 0 ? 0 : 64 * (uint64_t{1} << (2 * chunkChoice));
            c.staticCircuits = u->GetInteger(0, 3) != 0;
            c.wavelengths = c.staticCircuits ? 0 : u->GetInteger(1, 2);
            const uint32_t credits[] = {0, 1, 2, 8};
            c.sendCredits = credits[u->GetInteger(0, 3)];
            Check(c);
        }
    }

    /// Run c with every window, and read on demand (and, with unlimited credits, with
    /// plenty of them), against the whole schedule read at once.
    void Check(CollectiveRunConfig c)
    {
        c.readWindow = 1 << 20;
        c.readOnDemand = false;
        const CollectiveRunOutcome base = RunCollective(c);
        NS_TEST_ASSERT_MSG_EQ(base.results.size(), 1, Describe(c) << ": did not complete");
        NS_TEST_ASSERT_MSG_EQ(base.sent, base.received, Describe(c) << ": bytes");
        for (uint32_t window : {1u, 2u, 3u, 5u, 64u})
        {
            c.readWindow = window;
            const CollectiveRunOutcome o = RunCollective(c);
            NS_TEST_ASSERT_MSG_EQ(o.results.size(), 1, Describe(c) << ", window " << window);
            NS_TEST_ASSERT_MSG_EQ(o.results[0].time,
                                  base.results[0].time,
                                  Describe(c) << ": window " << window << " vs unbounded");
        }
        c.readOnDemand = true; // the window is unused then, except by the ring's read-ahead
        const CollectiveRunOutcome onDemand = RunCollective(c);
        NS_TEST_ASSERT_MSG_EQ(onDemand.results.size(), 1, Describe(c) << ", on demand");
        NS_TEST_ASSERT_MSG_EQ(onDemand.results[0].time,
                              base.results[0].time,
                              Describe(c) << ": on demand vs the whole schedule at once");
        NS_TEST_ASSERT_MSG_EQ(onDemand.sent, base.sent, Describe(c) << ": on demand, bytes");
        NS_TEST_ASSERT_MSG_EQ(onDemand.creditsReturned,
                              base.creditsReturned,
                              Describe(c) << ": on demand, credits");
        if (c.sendCredits == 0)
        {
            c.readWindow = 1 << 20;
            c.sendCredits = 1 << 30;
            const CollectiveRunOutcome o = RunCollective(c);
            NS_TEST_ASSERT_MSG_EQ(o.results[0].time,
                                  base.results[0].time,
                                  Describe(c) << ": 2^30 credits vs unlimited");
        }
    }

    uint32_t m_first; //!< first configuration
    uint32_t m_count; //!< configurations
};

/// The suite: 200 configurations in batches of 25.
class CollectiveInvarianceTestSuite : public TestSuite
{
  public:
    CollectiveInvarianceTestSuite()
        : TestSuite("scale-across-collective-invariance", TestSuite::Type::UNIT)
    {
        for (uint32_t first = 0; first < 200; first += 25)
        {
            AddTestCase(new InvarianceTestCase(first, 25));
        }
    }
};

/// Static instance registering the suite.
CollectiveInvarianceTestSuite g_collectiveInvarianceTestSuite;

} // namespace
