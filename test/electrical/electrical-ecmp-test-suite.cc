/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-ecmp: on a two-tier leaf-spine (radix 8: 4 hosts and 4 spines per
 * leaf, 2 leaves, all links 800 Gb/s), the 4 hosts of leaf 0 each send S = C cells to their
 * peer on leaf 1 at once (host i to host 4 + i). Under ECMP, flow i leaves leaf 0 on uplink
 * EcmpHash(i, 4 + i, 0, seed) % 4, computed here from the same hash; the c_u flows that share
 * uplink u share it cell by cell, so that uplink sends c_u C cells back to back and its last
 * cell arrives at
 *
 *   T_u = t0 + c_u C w / B + 2 (w / B + d + L) + d,     t0 = w / B + d + L
 *
 * (the spine and leaf 1 forward without queuing: each of their outputs gets at most one cell
 * per w / B). Each flow of that uplink gets 1 / c_u of the line rate: it ends within
 * (c_u - 1) w / B before T_u. Per-cell spraying over the same fabric takes the non-blocking
 * time (c_u = 1) whatever the hash.
 */

#include "../electrical-test-fixture.h"

#include "ns3/leaf-spine-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <array>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint16_t MTU = 4096;           //!< payload per packet
constexpr uint32_t HEADER = 104;         //!< 4200 wire bytes per packet: 42 ns at 800 Gb/s
constexpr uint32_t CELLS = 32;           //!< cells per flow
constexpr uint32_t HOSTS = 4;            //!< hosts per leaf = spines
const double T = (MTU + HEADER) / 100.0; //!< ns per cell at 800 Gb/s
const double D = 49;                     //!< link delay, ns
const double L = 600;                    //!< switch latency, ns

/// @param seed a helper seed @return flows on each uplink of leaf 0 under ECMP
std::array<uint32_t, HOSTS>
Assignment(uint32_t seed)
{
    std::array<uint32_t, HOSTS> load{};
    for (uint32_t i = 0; i < HOSTS; ++i)
    {
        ++load[PacketSwitch::EcmpHash(i, HOSTS + i, 0, seed) % HOSTS];
    }
    return load;
}

/// @param flows flows sharing an uplink @return when its last cell arrives, ns
double
GroupEnd(uint32_t flows)
{
    return (T + D + L) + flows * CELLS * T + 2 * (T + D + L) + D;
}

/// The permutation under one routing and seed.
class EcmpTestCase : public TestCase
{
  public:
    /// @param routing Routing of the switches @param seed the helper's seed
    EcmpTestCase(std::string routing, uint32_t seed)
        : TestCase(routing + ", seed " + std::to_string(seed)),
          m_routing(std::move(routing)),
          m_seed(seed)
    {
    }

  private:
    void DoRun() override
    {
        PacketFabric f;
        f.nodes.Create(2 * HOSTS);
        LeafSpineHelper fabric;
        fabric.SetRadix(2 * HOSTS);
        fabric.SetSeed(m_seed);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetSwitchAttribute("Routing", StringValue(m_routing));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        for (uint32_t i = 0; i < HOSTS; ++i)
        {
            f.SendAt(Seconds(0), i, HOSTS + i, CELLS * MTU);
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), HOSTS, "every flow delivered");

        const std::array<uint32_t, HOSTS> load =
            m_routing == "ecmp" ? Assignment(m_seed) : std::array<uint32_t, HOSTS>{1, 1, 1, 1};
        Ptr<PacketSwitch> leaf0 = f.switches.at(0);
        for (uint32_t u = 0; u < HOSTS; ++u)
        {
            NS_TEST_EXPECT_MSG_EQ(leaf0->GetTxCells(HOSTS + u),
                                  load[u] * CELLS,
                                  "cells on uplink " << u);
        }
        for (uint32_t i = 0; i < HOSTS; ++i)
        {
            const uint32_t u =
                m_routing == "ecmp" ? PacketSwitch::EcmpHash(i, HOSTS + i, 0, m_seed) % HOSTS : i;
            const double end = GroupEnd(load[u]);
            const double got = f.LastArrivalAt(HOSTS + i).GetNanoSeconds();
            NS_TEST_EXPECT_MSG_LT_OR_EQ(got, end, "flow " << i << " on uplink " << u);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(got,
                                        end - (load[u] - 1) * T,
                                        "flow " << i << " on uplink " << u);
        }
        // The slowest uplink sets the time of the permutation, exactly.
        const uint32_t worst = *std::max_element(load.begin(), load.end());
        NS_TEST_EXPECT_MSG_EQ(f.LastArrival(),
                              NanoSeconds(static_cast<int64_t>(GroupEnd(worst))),
                              "the most loaded uplink ends last");
        NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
        Simulator::Destroy();
    }

    std::string m_routing; //!< ecmp or spray
    uint32_t m_seed;       //!< helper seed
};

/// The suite.
class ElectricalEcmpTestSuite : public TestSuite
{
  public:
    ElectricalEcmpTestSuite()
        : TestSuite("scale-across-electrical-ecmp", TestSuite::Type::UNIT)
    {
        // The first seeds whose hash puts 2, 3 and 1 flows at most on an uplink.
        std::array<int64_t, HOSTS + 1> seedFor;
        seedFor.fill(-1);
        for (uint32_t seed = 0; seed < 1000; ++seed)
        {
            const auto load = Assignment(seed);
            const uint32_t worst = *std::max_element(load.begin(), load.end());
            if (seedFor[worst] < 0)
            {
                seedFor[worst] = seed;
            }
        }
        for (uint32_t worst : {1, 2, 3})
        {
            if (seedFor[worst] >= 0)
            {
                AddTestCase(new EcmpTestCase("ecmp", static_cast<uint32_t>(seedFor[worst])));
            }
        }
        AddTestCase(new EcmpTestCase("spray", static_cast<uint32_t>(seedFor[2])));
    }
};

/// Static instance registering the suite.
ElectricalEcmpTestSuite g_electricalEcmpTestSuite;

} // namespace
