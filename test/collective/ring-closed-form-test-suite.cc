/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-ring-closed-form: on the static fabric (static ring circuits, no
 * reconfiguration, Simple protocol), ring all-reduce, all-gather and reduce-scatter take
 * their closed-form time within 0.1 % for p = 2, 3, 8, 64 and several sizes; with pipelining
 * and with parallel channels too. Ring all-reduce of 256 MiB on 8 ranks reaches a busbw of
 * at least 97 % of the per-rank line rate.
 */

#include "../collective-test-fixture.h"

#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Line rate of one wavelength, bytes/s.
const double LAMBDA_BYTES = 1.6e12 / 8;

/// One ring collective against RingClosedForm.
class RingClosedFormTestCase : public TestCase
{
  public:
    RingClosedFormTestCase(std::string collective,
                           uint32_t ranks,
                           uint64_t bytes,
                           uint64_t chunkBytes,
                           uint32_t channels)
        : TestCase(Describe(collective, ranks, bytes, chunkBytes, channels)),
          m_collective(collective),
          m_ranks(ranks),
          m_bytes(bytes),
          m_chunkBytes(chunkBytes),
          m_channels(channels)
    {
    }

  private:
    static std::string Describe(std::string c, uint32_t p, uint64_t n, uint64_t chunk, uint32_t ch)
    {
        std::ostringstream os;
        os << c << " ring, p = " << p << ", " << n << " B, chunk " << chunk << " B, " << ch
           << " channel(s)";
        return os.str();
    }

    void DoRun() override
    {
        CollectiveRunConfig c;
        c.ranks = m_ranks;
        c.collective = m_collective;
        c.chunkBytes = m_chunkBytes;
        c.channels = m_channels;
        c.wavelengths = m_channels;
        c.wavelengthsPerCircuit = 1;
        c.sizes = {m_bytes};
        const CollectiveRunOutcome out = RunCollective(c);
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 1, "one operation, one result");

        const uint32_t steps = m_collective == "all_reduce" ? 2 * (m_ranks - 1) : m_ranks - 1;
        const double block = static_cast<double>(m_bytes) / m_channels / m_ranks;
        const uint32_t chunks =
            m_chunkBytes == 0 ? 1 : static_cast<uint32_t>(std::ceil(block / m_chunkBytes));
        const Time expected =
            RingClosedForm(steps, chunks, block / chunks, LAMBDA_BYTES, DefaultAlpha());
        // 0.1 %, plus the simulator's 1 ns time resolution once per message on the
        // critical path (each message's serialization is rounded to it).
        const double tolerance = expected.GetSeconds() * 1e-3 + (steps + chunks) * 1e-9;
        NS_TEST_ASSERT_MSG_EQ_TOL(out.results[0].time.GetSeconds(),
                                  expected.GetSeconds(),
                                  tolerance,
                                  "simulated time vs closed form (0.1 %)");
        // The textbook form, without framing: 2(p-1) alpha + 2 (p-1)/p n/B for all-reduce.
        if (chunks == 1 && block > 1e5)
        {
            const double textbook =
                steps * DefaultAlpha().GetSeconds() + steps * block / (LAMBDA_BYTES);
            NS_TEST_ASSERT_MSG_EQ_TOL(out.results[0].time.GetSeconds(),
                                      textbook,
                                      textbook * 1e-3,
                                      "simulated time vs the design's textbook closed form");
        }
        NS_TEST_ASSERT_MSG_EQ(out.sent, out.received, "every collective byte received");
        NS_TEST_ASSERT_MSG_EQ(out.deviceTx, out.deviceAccounted, "device bytes conserved");
    }

    std::string m_collective;
    uint32_t m_ranks;
    uint64_t m_bytes;
    uint64_t m_chunkBytes;
    uint32_t m_channels;
};

/// Ring all-reduce, 8 ranks, 256 MiB: busbw >= 97 % of the line rate.
class BusBandwidthTestCase : public TestCase
{
  public:
    BusBandwidthTestCase()
        : TestCase("ring all-reduce, 8 ranks, 256 MiB: busbw >= 97 % of the per-rank line rate")
    {
    }

  private:
    void DoRun() override
    {
        CollectiveRunConfig c;
        c.ranks = 8;
        c.sizes = {256u << 20};
        const CollectiveRunOutcome out = RunCollective(c);
        const double lineRateGBs = 1.6e12 / 8 / 1e9;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(out.results[0].busbw,
                                    0.97 * lineRateGBs,
                                    "busbw " << out.results[0].busbw << " GB/s of " << lineRateGBs
                                             << " GB/s");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(out.results[0].busbw, lineRateGBs, "busbw above line rate");
    }
};

/// The suite.
class RingClosedFormTestSuite : public TestSuite
{
  public:
    RingClosedFormTestSuite()
        : TestSuite("scale-across-ring-closed-form", TestSuite::Type::UNIT)
    {
        for (const char* coll : {"all_reduce", "all_gather", "reduce_scatter"})
        {
            for (uint32_t p : {2u, 3u, 8u, 64u})
            {
                for (uint64_t perRank : {4096u, 1u << 20, 4u << 20})
                {
                    AddTestCase(new RingClosedFormTestCase(coll, p, perRank * p, 0, 1));
                }
            }
            AddTestCase(new RingClosedFormTestCase(coll, 8, 8u << 20, 64 * 1024, 1));
            AddTestCase(new RingClosedFormTestCase(coll, 8, 8u << 20, 0, 2));
        }
        AddTestCase(new RingClosedFormTestCase("all_reduce", 3, 3u << 20, 1000, 1));
        AddTestCase(new BusBandwidthTestCase());
    }
};

/// Static instance registering the suite.
RingClosedFormTestSuite g_ringClosedFormTestSuite;

} // namespace
