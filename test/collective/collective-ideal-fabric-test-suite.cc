/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-ideal-fabric: on the ideal fabric (OpticalFabricHelper::
 * SetIdealFabric: every NIC reaches any peer at its full rate B = W x 1.6 Tb/s, circuits set
 * up on demand in no time), the algorithms that talk to one peer at a time meet their
 * textbook forms (alpha the per-message latency, 51 bytes of framing per message):
 *   pairwise all-to-all         (p - 1)(alpha + (n/p + 51) / B)
 *   halving-doubling all-reduce sum over k < log2 p of 2 (alpha + (n / 2^(k+1) + 51) / B)
 *   ring all-reduce             2 (p - 1)(alpha + (n/p + 51) / B)
 * where the static fabric splits the wavelengths among one lane per peer: pairwise
 * all-to-all on it takes (p - 1)(alpha + (n/p + 51) (p - 1) / B).
 */

#include "../collective-test-fixture.h"

#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

const double LAMBDA_BYTES = 1.6e12 / 8; //!< one wavelength, bytes/s

/// One run against its textbook form.
class TextbookTestCase : public TestCase
{
  public:
    /**
     * @param name what is tested
     * @param config the run
     * @param expected the textbook form, seconds
     * @param messages messages on the critical path (1 ns of rounding each)
     */
    TextbookTestCase(std::string name,
                     CollectiveRunConfig config,
                     double expected,
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
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 1, "one operation");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.results[0].time.GetSeconds(),
                                  m_expected,
                                  m_expected * 1e-3 + m_messages * 1e-9,
                                  "simulated time vs textbook form");
        NS_TEST_EXPECT_MSG_EQ(out.sent, out.received, "every collective byte received");
        NS_TEST_EXPECT_MSG_EQ(out.deviceTx, out.deviceAccounted, "device bytes conserved");
    }

    CollectiveRunConfig m_config; //!< the run
    double m_expected;            //!< seconds
    uint32_t m_messages;          //!< messages on the critical path
};

/// The suite.
class CollectiveIdealFabricTestSuite : public TestSuite
{
  public:
    CollectiveIdealFabricTestSuite()
        : TestSuite("scale-across-collective-ideal-fabric", TestSuite::Type::UNIT)
    {
        const double a = DefaultAlpha().GetSeconds();
        const uint32_t w = 4;
        const double b = w * LAMBDA_BYTES; // the whole NIC
        for (uint32_t p : {2u, 3u, 5u, 8u, 16u})
        {
            CollectiveRunConfig c;
            c.ranks = p;
            c.collective = "all_to_all";
            c.algorithm = "pairwise";
            c.idealFabric = true;
            c.wavelengths = w;
            const uint64_t n = uint64_t{4} * p * 65536;
            c.sizes = {n};
            const double t = (static_cast<double>(n) / p + FRAMING) / b;
            std::ostringstream name;
            name << "pairwise all-to-all p = " << p << ": (p - 1)(alpha + (n over p + 51) over B)";
            AddTestCase(new TextbookTestCase(name.str(), c, (p - 1) * (a + t), p - 1));
        }
        for (uint32_t p : {2u, 4u, 8u, 16u})
        {
            CollectiveRunConfig c;
            c.ranks = p;
            c.algorithm = "halving_doubling";
            c.idealFabric = true;
            c.wavelengths = w;
            const uint64_t n = uint64_t{16} << 20;
            c.sizes = {n};
            double total = 0;
            uint32_t steps = 0;
            for (uint32_t k = 0; (1u << k) < p; ++k)
            {
                total += 2 * (a + ((n >> (k + 1)) + FRAMING) / b);
                steps += 2;
            }
            std::ostringstream name;
            name << "halving-doubling all-reduce p = " << p
                 << ": sum of 2 (alpha + (n over 2^(k+1) + 51) over B)";
            AddTestCase(new TextbookTestCase(name.str(), c, total, steps));
        }
        for (uint32_t p : {3u, 8u})
        {
            CollectiveRunConfig c;
            c.ranks = p;
            c.idealFabric = true;
            c.wavelengths = w;
            const uint64_t n = uint64_t{4} * p << 16;
            c.sizes = {n};
            const double t = (static_cast<double>(n) / p + FRAMING) / b;
            std::ostringstream name;
            name << "ring all-reduce p = " << p << ": 2 (p - 1)(alpha + (n over p + 51) over B)";
            AddTestCase(new TextbookTestCase(name.str(), c, 2 * (p - 1) * (a + t), 2 * (p - 1)));
        }
        // The static fabric of the same NICs for contrast: p - 1 lanes of W / (p - 1).
        {
            const uint32_t p = 5;
            CollectiveRunConfig c;
            c.ranks = p;
            c.collective = "all_to_all";
            c.algorithm = "pairwise";
            c.wavelengths = w;
            c.wavelengthsPerCircuit = w / (p - 1);
            const uint64_t n = uint64_t{4} * p * 65536;
            c.sizes = {n};
            const double t = (static_cast<double>(n) / p + FRAMING) / (b / (p - 1));
            AddTestCase(new TextbookTestCase(
                "pairwise all-to-all p = 5 on the static fabric: (p - 1)(alpha + (n over p + 51) "
                "(p - 1) over B)",
                c,
                (p - 1) * (a + t),
                p - 1));
        }
    }
};

/// Static instance registering the suite.
CollectiveIdealFabricTestSuite g_collectiveIdealFabricTestSuite;

} // namespace
