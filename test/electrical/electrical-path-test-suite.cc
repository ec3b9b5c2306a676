/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-path: a frame through a chain of switches, uncongested, arrives
 * exactly when the switch model says (doc/scale-across.rst, "Electrical baseline").
 *
 * A path of n links (n - 1 switches), link k of rate B_k and delay d_k, switch latency L.
 * One cell of w wire bytes:
 *   store-and-forward  sum_k (w / B_k + d_k) + (n - 1) L
 *   cut-through        w / B_min + sum_k d_k + (n - 1) L   (rates monotone along the path)
 * A frame of C cells (wire bytes W in all, full cells of w; equal rates B), pipelined per cell:
 *   store-and-forward  W / B + (n - 1) (w / B + L) + sum_k d_k
 *   cut-through        W / B + (n - 1) L + sum_k d_k   (also W / B_min for rising rates)
 * The numbers are chosen so that every serialization is a whole number of nanoseconds.
 */

#include "../electrical-test-fixture.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint16_t MTU = 4096;   //!< payload bytes per packet
constexpr uint32_t HEADER = 104; //!< header bytes per packet: a full packet is 4200 wire bytes
const Time LATENCY = NanoSeconds(600); //!< switch forwarding latency

/// @param rate "400Gbps", "800Gbps" or "1600Gbps" @return bytes per ns
double
BytesPerNs(const std::string& rate)
{
    return DataRate(rate).GetBitRate() / 8e9;
}

/// One case: a chain, a frame, and the closed form of its arrival.
class PathTestCase : public TestCase
{
  public:
    /**
     * @param name what is checked
     * @param links the chain
     * @param cutThrough switches cut through
     * @param payload payload bytes of the frame
     * @param cellBytes the devices' CellBytes
     * @param expected the closed form, ns
     */
    PathTestCase(std::string name,
                 std::vector<ChainLink> links,
                 bool cutThrough,
                 uint32_t payload,
                 uint32_t cellBytes,
                 double expected,
                 uint32_t header = HEADER)
        : TestCase(std::move(name)),
          m_links(std::move(links)),
          m_cutThrough(cutThrough),
          m_payload(payload),
          m_cellBytes(cellBytes),
          m_expected(expected),
          m_header(header)
    {
    }

  private:
    void DoRun() override
    {
        PacketFabric f;
        BuildChain(m_links, LATENCY, m_cutThrough, MTU, m_header, m_cellBytes, f);
        f.SendAt(Seconds(0), 0, 1, m_payload);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals[0].bytes, m_payload, "whole");
        // Whole nanoseconds here, except in the fractional case: within one time step.
        NS_TEST_EXPECT_MSG_EQ_TOL(f.arrivals[0].at.GetNanoSeconds(),
                                  m_expected,
                                  (m_expected == std::floor(m_expected) ? 0 : 1),
                                  "closed form");
        NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetByteCounters().delivered, m_payload, "delivered");
        for (const auto& sw : f.switches)
        {
            NS_TEST_EXPECT_MSG_EQ(sw->GetByteCounters().IsBalanced(), true, "switch balance");
            NS_TEST_EXPECT_MSG_EQ(sw->GetByteCounters().queued, 0, "switch empty");
        }
        Simulator::Destroy();
    }

    std::vector<ChainLink> m_links; //!< the chain
    bool m_cutThrough;              //!< switch mode
    uint32_t m_payload;             //!< frame payload
    uint32_t m_cellBytes;           //!< CellBytes
    double m_expected;              //!< closed form, ns
    uint32_t m_header;              //!< HeaderBytes
};

/// @param links a chain @return sum of delays, ns
double
SumDelay(const std::vector<ChainLink>& links)
{
    double d = 0;
    for (const auto& l : links)
    {
        d += l.delay.GetNanoSeconds();
    }
    return d;
}

/// @param links a chain @param wire bytes @return sum_k (wire / B_k + d_k) + (n - 1) L, ns
double
StoreAndForwardOneCell(const std::vector<ChainLink>& links, double wire)
{
    double t = SumDelay(links) + (links.size() - 1) * LATENCY.GetNanoSeconds();
    for (const auto& l : links)
    {
        t += wire / BytesPerNs(l.rate);
    }
    return t;
}

/// @param links a chain @param wire bytes @return wire / B_min + sum_k d_k + (n - 1) L, ns
double
CutThrough(const std::vector<ChainLink>& links, double wire)
{
    double slowest = BytesPerNs(links.front().rate);
    for (const auto& l : links)
    {
        slowest = std::min(slowest, BytesPerNs(l.rate));
    }
    return wire / slowest + SumDelay(links) + (links.size() - 1) * LATENCY.GetNanoSeconds();
}

/// The suite.
class ElectricalPathTestSuite : public TestSuite
{
  public:
    ElectricalPathTestSuite()
        : TestSuite("scale-across-electrical-path", TestSuite::Type::UNIT)
    {
        const std::vector<ChainLink> equal{{"800Gbps", NanoSeconds(10)},
                                           {"800Gbps", NanoSeconds(20)},
                                           {"800Gbps", NanoSeconds(30)},
                                           {"800Gbps", NanoSeconds(40)}};
        const std::vector<ChainLink> mixed{{"400Gbps", NanoSeconds(10)},
                                           {"1600Gbps", NanoSeconds(20)},
                                           {"800Gbps", NanoSeconds(30)},
                                           {"1600Gbps", NanoSeconds(40)}};
        const std::vector<ChainLink> rising{{"400Gbps", NanoSeconds(10)},
                                            {"800Gbps", NanoSeconds(20)},
                                            {"800Gbps", NanoSeconds(30)},
                                            {"1600Gbps", NanoSeconds(40)}};
        const std::vector<ChainLink> falling{{"1600Gbps", NanoSeconds(10)},
                                             {"800Gbps", NanoSeconds(20)},
                                             {"800Gbps", NanoSeconds(30)},
                                             {"400Gbps", NanoSeconds(40)}};
        const double full = MTU + HEADER; // 4200 wire bytes
        // One packet: 2068 ns store-and-forward over the equal chain.
        AddTestCase(new PathTestCase("store-and-forward, one packet, 3 switches",
                                     equal,
                                     false,
                                     MTU,
                                     0,
                                     StoreAndForwardOneCell(equal, full)));
        AddTestCase(new PathTestCase("store-and-forward, one packet, mixed rates",
                                     mixed,
                                     false,
                                     MTU,
                                     0,
                                     StoreAndForwardOneCell(mixed, full)));
        AddTestCase(new PathTestCase("cut-through, one packet, 3 switches",
                                     equal,
                                     true,
                                     MTU,
                                     0,
                                     CutThrough(equal, full)));
        AddTestCase(new PathTestCase("cut-through, one packet, rising rates",
                                     rising,
                                     true,
                                     MTU,
                                     0,
                                     CutThrough(rising, full)));
        AddTestCase(new PathTestCase("cut-through, one packet, falling rates",
                                     falling,
                                     true,
                                     MTU,
                                     0,
                                     CutThrough(falling, full)));

        // A frame of 5 cells: 4 full ones and one of 1096 payload bytes (1200 on the wire).
        const uint32_t payload = 4 * MTU + 1096;
        const double wire = 4 * full + 1200; // 18000 bytes: 180 ns at 800 Gb/s
        const double n1 = equal.size() - 1;
        AddTestCase(new PathTestCase("store-and-forward, 5 cells pipelined",
                                     equal,
                                     false,
                                     payload,
                                     0,
                                     wire / 100 + n1 * (full / 100 + LATENCY.GetNanoSeconds()) +
                                         SumDelay(equal)));
        AddTestCase(new PathTestCase("cut-through, 5 cells pipelined",
                                     equal,
                                     true,
                                     payload,
                                     0,
                                     CutThrough(equal, wire)));
        AddTestCase(new PathTestCase("cut-through, 5 cells pipelined, rising rates",
                                     rising,
                                     true,
                                     payload,
                                     0,
                                     CutThrough(rising, wire)));
        // Cells of 2 Mtu (8400 wire bytes): store-and-forward pays (n - 1) x 8400 / B instead
        // of (n - 1) x 4200 / B, the cell-size error; cut-through pays nothing.
        const double big = 2 * full;
        AddTestCase(new PathTestCase("store-and-forward, cells of 2 Mtu",
                                     equal,
                                     false,
                                     payload,
                                     2 * MTU,
                                     wire / 100 + n1 * (big / 100 + LATENCY.GetNanoSeconds()) +
                                         SumDelay(equal)));
        // 6.4 Tb/s, 4110-byte cells: 5.1375 ns each; 64 of them take 328.8 ns, not 64 x 5
        // (the fraction of each cell is carried to the next).
        const std::vector<ChainLink> fast{{"6400Gbps", NanoSeconds(10)},
                                          {"6400Gbps", NanoSeconds(20)},
                                          {"6400Gbps", NanoSeconds(30)}};
        AddTestCase(new PathTestCase("cut-through, 64 cells of 5.1375 ns",
                                     fast,
                                     true,
                                     64 * MTU,
                                     0,
                                     CutThrough(fast, 64 * (MTU + 14.0)),
                                     14));
        AddTestCase(new PathTestCase("cut-through, cells of 2 Mtu",
                                     equal,
                                     true,
                                     payload,
                                     2 * MTU,
                                     CutThrough(equal, wire)));
    }
};

/// Static instance registering the suite.
ElectricalPathTestSuite g_electricalPathTestSuite;

} // namespace
