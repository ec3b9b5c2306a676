/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-nccl-tests: the nccl-tests mode (CollectiveCommunicator::Run) does
 * what nccl-tests does.
 *  - Warm-up: every size runs once untimed before the timed runs (nccl-tests src/common.cu,
 *    TimeTest). On an on-demand fabric the timed ring all-reduce then carries no circuit
 *    set-up; on a static fabric the warm-up changes no time; warm-ups give no result and
 *    fire no trace; WarmUp = false times the cold start.
 *  - The count column: bytes / 4 for all-reduce and broadcast, each rank's share
 *    bytes / 4 / ranks for all-gather, reduce-scatter and all-to-all (getCollByteCount).
 *  - Send credits and NCCL's per-send latency together: K credits and a latency L before
 *    each send cap a connection at K messages per (L + t + alpha), t one message's time on
 *    the wire, alpha its latency: message i of one connection starts its serialization at
 *    S_i = max(S_{i-1} + t, S_{i-K} + t + alpha + L), S_i = L + i t for i < K.
 */

#include "../collective-test-fixture.h"

#include "ns3/test.h"

#include <algorithm>
#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

const double LAMBDA_BYTES = 1.6e12 / 8; //!< one wavelength, bytes/s

/// A ring all-reduce of two sizes on an on-demand fabric, with and without warm-up.
class WarmUpOnDemandTestCase : public TestCase
{
  public:
    /// @param warmUp the WarmUp attribute
    explicit WarmUpOnDemandTestCase(bool warmUp)
        : TestCase(std::string("ring all-reduce on an on-demand fabric, WarmUp = ") +
                   (warmUp ? "true: no set-up in any timed run"
                           : "false: the first size pays the set-up")),
          m_warmUp(warmUp)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t p = 4;
        const Time reconfiguration = MicroSeconds(5);
        CollectiveRunConfig c;
        c.ranks = p;
        c.staticCircuits = false; // on demand, one lane of one wavelength per NIC
        c.reconfiguration = reconfiguration;
        c.warmUp = m_warmUp;
        c.gap = MicroSeconds(1);
        c.sizes = {uint64_t{p} << 14, uint64_t{p} << 18};
        const CollectiveRunOutcome out = RunCollective(c);

        const auto n = static_cast<uint32_t>(c.sizes.size());
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), n, "one result per size: warm-ups give none");
        NS_TEST_EXPECT_MSG_EQ(out.operationComplete, n, "OperationComplete once per size");
        NS_TEST_EXPECT_MSG_EQ(out.rankComplete, n * p, "RankComplete once per size and rank");
        // The ring's circuits (rank i to i + 1) stay up from one operation to the next: only
        // the very first operation sets them up, in parallel, before its first step.
        std::vector<double> ring;
        for (uint64_t bytes : c.sizes)
        {
            ring.push_back(RingClosedForm(2 * (p - 1),
                                          1,
                                          static_cast<double>(bytes) / p,
                                          LAMBDA_BYTES,
                                          DefaultAlpha())
                               .GetSeconds());
        }
        const double r = reconfiguration.GetSeconds();
        const double g = c.gap.GetSeconds();
        for (uint32_t i = 0; i < n; ++i)
        {
            const CollectiveResult& res = out.results[i];
            const double expected = ring[i] + (!m_warmUp && i == 0 ? r : 0);
            const double tol = expected * 1e-3 + 2 * (p - 1) * 1e-9;
            NS_TEST_EXPECT_MSG_EQ_TOL(res.time.GetSeconds(), expected, tol, "size " << i);
            NS_TEST_EXPECT_MSG_EQ(res.sequence, (m_warmUp ? n : 0) + i, "sequence of size " << i);
        }
        // Warm-ups first, in order, each Gap after the last: the first timed run starts after
        // the cold warm-up of size 0, the warm-up of size 1 and two gaps.
        const double firstStart = m_warmUp ? ring[0] + r + g + ring[1] + g : 0;
        NS_TEST_EXPECT_MSG_EQ_TOL(out.results[0].start.GetSeconds(),
                                  firstStart,
                                  firstStart * 1e-3 + 8 * (p - 1) * 1e-9,
                                  "the timed runs follow the warm-ups");
        NS_TEST_EXPECT_MSG_EQ(out.sent, out.received, "every collective byte received");
    }

    bool m_warmUp; //!< WarmUp attribute
};

/// On a static fabric nothing is left to warm up: the same times with and without.
class WarmUpStaticTestCase : public TestCase
{
  public:
    WarmUpStaticTestCase()
        : TestCase("tree all-reduce and pairwise all-to-all on static fabrics: the warm-up "
                   "changes no time")
    {
    }

  private:
    void DoRun() override
    {
        for (const char* algorithm : {"tree", "pairwise"})
        {
            CollectiveRunConfig c;
            c.ranks = 6;
            c.algorithm = algorithm;
            c.collective = c.algorithm == "tree" ? "all_reduce" : "all_to_all";
            c.wavelengths = 0; // one per lane the schedule needs
            c.chunkBytes = 64 * 1024;
            c.sendCredits = 8;
            c.sizes = {6 * 4 * 1024, 6 * 4 * 65536, 6 * 4 * 262144};
            const CollectiveRunOutcome cold = RunCollective(c);
            c.warmUp = true;
            const CollectiveRunOutcome warm = RunCollective(c);
            NS_TEST_ASSERT_MSG_EQ(warm.results.size(), c.sizes.size(), algorithm);
            NS_TEST_ASSERT_MSG_EQ(cold.results.size(), c.sizes.size(), algorithm);
            for (size_t i = 0; i < c.sizes.size(); ++i)
            {
                NS_TEST_EXPECT_MSG_EQ(warm.results[i].time,
                                      cold.results[i].time,
                                      algorithm << " size " << c.sizes[i]);
            }
        }
    }
};

/// The count column, per collective, and where it sits in the row.
class CountColumnTestCase : public TestCase
{
  public:
    CountColumnTestCase()
        : TestCase("count column: bytes over 4, or each rank's share for all-gather, "
                   "reduce-scatter and all-to-all")
    {
    }

  private:
    void DoRun() override
    {
        // nccl-tests -b 1M -e 1M on 8 GPUs prints count 262144 for all_reduce_perf and
        // broadcast_perf, 32768 for all_gather_perf, reduce_scatter_perf and alltoall_perf.
        const uint32_t p = 8;
        const uint64_t n = 1 << 20;
        const std::vector<std::pair<std::string, std::string>> ops = {{"all_reduce", "ring"},
                                                                      {"broadcast", "ring"},
                                                                      {"all_gather", "ring"},
                                                                      {"reduce_scatter", "ring"},
                                                                      {"all_to_all", "pairwise"}};
        for (const auto& [collective, algorithm] : ops)
        {
            CollectiveRunConfig c;
            c.ranks = p;
            c.collective = collective;
            c.algorithm = algorithm;
            c.wavelengths = 0;
            c.sizes = {n};
            const CollectiveRunOutcome out = RunCollective(c);
            NS_TEST_ASSERT_MSG_EQ(out.results.size(), 1, collective);
            const bool perRank = collective == "all_gather" || collective == "reduce_scatter" ||
                                 collective == "all_to_all";
            const uint64_t expected = perRank ? n / 4 / p : n / 4;
            NS_TEST_EXPECT_MSG_EQ(out.results[0].GetCount(), expected, collective);
            std::istringstream row(out.results[0].TableRow());
            uint64_t size = 0;
            uint64_t count = 0;
            row >> size >> count;
            NS_TEST_EXPECT_MSG_EQ(size, n, collective << ": size column");
            NS_TEST_EXPECT_MSG_EQ(count, expected, collective << ": count column");
        }
    }
};

/**
 * @brief One connection of chunks under K credits and NCCL's per-send latency L.
 *
 * A broadcast on 2 ranks sends c chunks from the root to rank 1 over one connection. Each
 * send takes a credit and reaches the NIC L later; the message arrives t + alpha after its
 * serialization started, and its credit gets back to the sender r later (the reverse path's
 * latency, = alpha here), so with (K - 1) t < L + alpha + r the connection waits for credits
 * and carries K messages per L + t + alpha + r, whatever the line rate:
 * S_i = L + floor(i/K) (L + t + alpha + r) + (i mod K) t.
 * With (K - 1) t >= L + alpha + r the line is the limit: S_i = L + i t.
 */
class CreditLatencyCapTestCase : public TestCase
{
  public:
    /// @param credits SendCredits (0 = unlimited)
    explicit CreditLatencyCapTestCase(uint32_t credits)
        : TestCase("broadcast on 2 ranks, 16 chunks, Simple with latency, SendCredits = " +
                   std::to_string(credits) + ": K messages per (L + t + alpha + r) at most"),
          m_credits(credits)
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t chunk = 1 << 20;
        const uint32_t chunks = 16;
        CollectiveRunConfig c;
        c.ranks = 2;
        c.collective = "broadcast";
        c.algorithm = "ring";
        c.chunkBytes = chunk;
        c.sendCredits = m_credits;
        c.protocolLatency = true;
        c.sizes = {chunk * chunks};
        const CollectiveRunOutcome out = RunCollective(c);
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 1, "one operation");

        // NCCL src/graph/tuning.cc, Simple: ring baseLat 8.4 us once, hwLat[NET] 14.0 us per
        // send (a broadcast ring keeps the ring's latency).
        const double base = 8.4e-6;
        const double l = 14.0e-6;
        const double t = (chunk + FRAMING) / LAMBDA_BYTES;
        const double a = DefaultAlpha().GetSeconds();
        const double r = a; // CreditReturn = ReversePath: the same fibers back
        std::vector<double> s(chunks);
        for (uint32_t i = 0; i < chunks; ++i)
        {
            s[i] = i == 0 ? l : s[i - 1] + t;
            if (m_credits != 0 && i >= m_credits)
            {
                s[i] = std::max(s[i], s[i - m_credits] + t + a + r + l);
            }
        }
        const double expected = base + s[chunks - 1] + t + a;
        // The recurrence's closed form, and the cap it implies.
        const uint32_t last = chunks - 1;
        const bool creditBound = m_credits != 0 && (m_credits - 1) * t < l + a + r;
        const double closed =
            creditBound ? l + (last / m_credits) * (l + t + a + r) + (last % m_credits) * t
                        : l + last * t;
        NS_TEST_EXPECT_MSG_EQ_TOL(s[last], closed, 1e-12, "recurrence = closed form");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.results[0].time.GetSeconds(),
                                  expected,
                                  expected * 1e-3 + chunks * 1e-9,
                                  "simulated time vs closed form");
        if (creditBound)
        {
            // Messages 0 ... c-1 leave in at least floor((c-1)/K) credit cycles of
            // L + t + a + r.
            const double cycles = (last / m_credits) * (l + t + a + r);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(out.results[0].time.GetSeconds() + 1e-9 * chunks,
                                        base + l + cycles + t + a,
                                        "at most K messages per L + t + alpha");
        }
    }

    uint32_t m_credits; //!< SendCredits
};

/// The suite.
class CollectiveNcclTestsTestSuite : public TestSuite
{
  public:
    CollectiveNcclTestsTestSuite()
        : TestSuite("scale-across-collective-nccl-tests", TestSuite::Type::UNIT)
    {
        AddTestCase(new WarmUpOnDemandTestCase(true));
        AddTestCase(new WarmUpOnDemandTestCase(false));
        AddTestCase(new WarmUpStaticTestCase());
        AddTestCase(new CountColumnTestCase());
        for (uint32_t k : {1u, 2u, 3u, 4u, 8u, 0u})
        {
            AddTestCase(new CreditLatencyCapTestCase(k));
        }
    }
};

/// Static instance registering the suite.
CollectiveNcclTestsTestSuite g_collectiveNcclTestsTestSuite;

} // namespace
