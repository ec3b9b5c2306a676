/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-closed-form: the other algorithms against the closed forms of
 * doc/scale-across.rst (t = time of one message on a lane, alpha = per-message latency,
 * c = chunks, d = tree depth, R = reconfiguration time):
 *   double binary tree all-reduce   (c - 1) t + 2 d (t + alpha)      (4 lanes, static; the
 *                                   two trees are two flows, so an edge both use gets 2 lanes)
 *   halving-doubling all-reduce     sum over 2 log2 p steps of (t_k + alpha)  (log2 p lanes)
 *   pairwise all-to-all             (p - 1)(R + t + alpha)           (1 lane, on-demand)
 *   chain (ring) broadcast          (c - 1) t + (p - 1)(t + alpha)   (1 lane, static)
 *   tree broadcast                  (c - 1) t + d (t + alpha)        (2 lanes, static)
 *   credit-bound chain, K credits   floor((c - 1) / K)(t + alpha + r) + ((c - 1) mod K) t
 *   returned r after arrival          + t + alpha    (r = the reverse path, 0 or fixed)
 */

#include "../collective-test-fixture.h"

#include "ns3/binary-tree.h"
#include "ns3/test.h"

#include <algorithm>
#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

const double LAMBDA_BYTES = 1.6e12 / 8; //!< one wavelength, bytes/s

/// Compares one run with its closed form, with 0.1 % + 1 ns per message on the path.
class ClosedFormTestCase : public TestCase
{
  public:
    /// @param name what is tested @param config the run @param expected closed form
    /// @param messages messages on the critical path
    ClosedFormTestCase(std::string name,
                       CollectiveRunConfig config,
                       Time expected,
                       uint32_t messages)
        : TestCase(name),
          m_config(config),
          m_expected(expected),
          m_messages(messages)
    {
    }

  private:
    void DoRun() override
    {
        const CollectiveRunOutcome out = RunCollective(m_config);
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 1, "one operation, one result");
        const double tol = m_expected.GetSeconds() * 1e-3 + m_messages * 1e-9;
        NS_TEST_ASSERT_MSG_EQ_TOL(out.results[0].time.GetSeconds(),
                                  m_expected.GetSeconds(),
                                  tol,
                                  "simulated time vs closed form");
        NS_TEST_ASSERT_MSG_EQ(out.sent, out.received, "every collective byte received");
        NS_TEST_ASSERT_MSG_EQ(out.deviceTx, out.deviceAccounted, "device bytes conserved");
        NS_TEST_ASSERT_MSG_EQ(out.creditsReturned,
                              out.creditsReceived,
                              "every credit handed back reached its sender");
    }

    CollectiveRunConfig m_config;
    Time m_expected;
    uint32_t m_messages;
};

/// The suite.
class CollectiveClosedFormTestSuite : public TestSuite
{
  public:
    CollectiveClosedFormTestSuite()
        : TestSuite("scale-across-collective-closed-form", TestSuite::Type::UNIT)
    {
        const double a = DefaultAlpha().GetSeconds();
        // Double binary tree: 4 lanes of one wavelength each.
        for (uint32_t p : {4u, 8u, 13u, 32u})
        {
            for (uint64_t chunk : {uint64_t{0}, uint64_t{256 * 1024}})
            {
                CollectiveRunConfig c;
                c.ranks = p;
                c.algorithm = "tree";
                c.wavelengths = 4;
                c.wavelengthsPerCircuit = 1;
                c.chunkBytes = chunk;
                c.sizes = {uint64_t{8} << 20};
                const double half = 4.0 * (1 << 20);
                const uint32_t chunks = chunk == 0 ? 1 : static_cast<uint32_t>(half / chunk);
                const double t = (half / chunks + FRAMING) / LAMBDA_BYTES;
                const uint32_t d =
                    std::max(DoubleBinaryTreeDepth(p, 0), DoubleBinaryTreeDepth(p, 1));
                const Time expected = Seconds((chunks - 1) * t + 2 * d * (t + a));
                std::ostringstream name;
                name << "tree all-reduce p = " << p << ", 8 MiB, " << chunks
                     << " chunks per tree: (c - 1) t + 2 d (t + alpha), d = " << d;
                AddTestCase(new ClosedFormTestCase(name.str(), c, expected, chunks + 2 * d));
            }
        }
        // Halving-doubling: log2 p lanes.
        for (uint32_t p : {2u, 4u, 8u})
        {
            uint32_t m = 0;
            while ((1u << m) < p)
            {
                ++m;
            }
            CollectiveRunConfig c;
            c.ranks = p;
            c.algorithm = "halving_doubling";
            c.wavelengths = m;
            c.wavelengthsPerCircuit = 1;
            const uint64_t n = uint64_t{16} << 20;
            c.sizes = {n};
            double total = 0;
            for (uint32_t k = 0; k < m; ++k)
            {
                total += 2 * ((n >> (k + 1)) + FRAMING) / LAMBDA_BYTES + 2 * a;
            }
            std::ostringstream name;
            name << "halving-doubling all-reduce p = " << p
                 << ", 16 MiB: sum of 2 log2 p steps of (t_k + alpha)";
            AddTestCase(new ClosedFormTestCase(name.str(), c, Seconds(total), 2 * m));
        }
        // Pairwise all-to-all on an on-demand fabric: one circuit set-up per step.
        for (uint32_t p : {2u, 3u, 8u})
        {
            CollectiveRunConfig c;
            c.ranks = p;
            c.collective = "all_to_all";
            c.algorithm = "pairwise";
            c.staticCircuits = false;
            c.reconfiguration = MicroSeconds(5);
            const uint64_t n = uint64_t{4} * p << 18;
            c.sizes = {n};
            const double t = (static_cast<double>(n) / p + FRAMING) / LAMBDA_BYTES;
            const Time expected = Seconds((p - 1) * (5e-6 + t + a));
            std::ostringstream name;
            name << "pairwise all-to-all p = " << p << ", on-demand: (p - 1)(R + t + alpha)";
            AddTestCase(new ClosedFormTestCase(name.str(), c, expected, 2 * (p - 1)));
        }
        // Broadcast, chain and tree, with and without pipelining.
        for (uint32_t p : {2u, 5u, 16u})
        {
            for (uint64_t chunk : {uint64_t{0}, uint64_t{1} << 20})
            {
                const uint64_t n = uint64_t{8} << 20;
                const uint32_t chunks = chunk == 0 ? 1 : static_cast<uint32_t>(n / chunk);
                const double t = (static_cast<double>(n) / chunks + FRAMING) / LAMBDA_BYTES;
                CollectiveRunConfig c;
                c.ranks = p;
                c.collective = "broadcast";
                c.algorithm = "ring";
                c.root = p / 2;
                c.chunkBytes = chunk;
                c.sizes = {n};
                std::ostringstream chain;
                chain << "chain broadcast p = " << p << ", " << chunks
                      << " chunks: (c - 1) t + (p - 1)(t + alpha)";
                AddTestCase(new ClosedFormTestCase(chain.str(),
                                                   c,
                                                   Seconds((chunks - 1) * t + (p - 1) * (t + a)),
                                                   chunks + p));
                c.algorithm = "tree";
                c.wavelengths = 2;
                c.wavelengthsPerCircuit = 1;
                const double t2 = (static_cast<double>(n) / chunks + FRAMING) / LAMBDA_BYTES;
                const uint32_t d = DoubleBinaryTreeDepth(p, 0); // its first tree is BinaryTree
                std::ostringstream tree;
                tree << "tree broadcast p = " << p << ", " << chunks
                     << " chunks: (c - 1) t + d (t + alpha), d = " << d;
                AddTestCase(new ClosedFormTestCase(tree.str(),
                                                   c,
                                                   Seconds((chunks - 1) * t2 + d * (t2 + a)),
                                                   chunks + d));
            }
        }

        // NCCL's receive slots: with K credits per connection, a credit back r after its
        // message arrived and r + alpha > (K - 1) t, chunk i starts at
        // floor(i / K)(t + alpha + r) + (i mod K) t, so the run takes
        // floor((c - 1) / K)(t + alpha + r) + ((c - 1) mod K) t + t + alpha.
        // r: the reverse path (ReversePath, = alpha here: the fibers are equal), 0 (Fixed,
        // the instant return of earlier versions), or a fixed 2 us.
        struct CreditReturnCase
        {
            const char* mode;
            Time latency;
            const char* label;
        };

        const CreditReturnCase returns[] = {{"ReversePath", Seconds(0), "r = alpha"},
                                            {"Fixed", Seconds(0), "r = 0"},
                                            {"Fixed", MicroSeconds(2), "r = 2 us"}};
        for (const CreditReturnCase& ret : returns)
        {
            for (uint32_t k : {1u, 2u, 3u})
            {
                const uint32_t chunks = 10;
                const uint64_t chunk = 10000;
                CollectiveRunConfig c;
                c.ranks = 2;
                c.collective = "broadcast";
                c.algorithm = "ring";
                c.chunkBytes = chunk;
                c.sendCredits = k;
                c.creditReturn = ret.mode;
                c.creditLatency = ret.latency;
                c.sizes = {chunks * chunk};
                const double t = (static_cast<double>(chunk) + FRAMING) / LAMBDA_BYTES;
                const double r = std::string(ret.mode) == "Fixed" ? ret.latency.GetSeconds() : a;
                const uint32_t last = chunks - 1;
                const double expected = (last / k) * (t + a + r) + (last % k) * t + t + a;
                std::ostringstream name;
                name << "broadcast p = 2, " << chunks << " chunks of " << chunk
                     << " B, SendCredits = " << k << ", CreditReturn " << ret.mode << " ("
                     << ret.label << "): credit-bound pipeline";
                AddTestCase(new ClosedFormTestCase(name.str(), c, Seconds(expected), chunks));
            }
        }
    }
};

/// Static instance registering the suite.
CollectiveClosedFormTestSuite g_collectiveClosedFormTestSuite;

} // namespace
