/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-determinism: the same run twice gives the same deliveries, to the
 * nanosecond, under ECMP, spraying and adaptive routing, with congestion (every host of a
 * fat-tree sends to every other at once); ECMP with another seed hashes flows elsewhere.
 */

#include "../electrical-test-fixture.h"

#include "ns3/fat-tree-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// What a run leaves: every delivery, and the cells each switch port sent.
struct Trace
{
    std::string deliveries; //!< node, bytes, time of each delivery
    std::string ports;      //!< cells per switch port
};

/// @param routing Routing @param seed the helper's seed @return the run's trace
Trace
RunAllToAll(const std::string& routing, uint32_t seed)
{
    PacketFabric f;
    f.nodes.Create(16);
    FatTreeHelper fabric;
    fabric.SetK(4);
    fabric.SetSeed(seed);
    fabric.SetSwitchAttribute("Routing", StringValue(routing));
    fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * 8 * 4110));
    f.devices = fabric.Install(f.nodes);
    f.switches = fabric.GetSwitches();
    f.Record();
    for (uint32_t s = 0; s < 16; ++s)
    {
        for (uint32_t d = 0; d < 16; ++d)
        {
            if (s != d)
            {
                f.SendAt(NanoSeconds(s), s, d, 8 * 4096 + s, static_cast<uint8_t>(d % 3));
            }
        }
    }
    Simulator::Run();
    Trace t;
    std::ostringstream del;
    for (const Arrival& a : f.arrivals)
    {
        del << a.node << " " << a.bytes << " " << a.at.GetTimeStep() << "\n";
    }
    std::ostringstream ports;
    for (const auto& sw : f.switches)
    {
        for (uint32_t p = 0; p < sw->GetNPacketPorts(); ++p)
        {
            ports << sw->GetTxCells(p) << " ";
        }
    }
    t.deliveries = del.str();
    t.ports = ports.str();
    Simulator::Destroy();
    return t;
}

/// The same run twice.
class SameSeedTestCase : public TestCase
{
  public:
    /// @param routing Routing
    explicit SameSeedTestCase(std::string routing)
        : TestCase(routing + ": same seed, same deliveries"),
          m_routing(std::move(routing))
    {
    }

  private:
    void DoRun() override
    {
        const Trace a = RunAllToAll(m_routing, 7);
        const Trace b = RunAllToAll(m_routing, 7);
        NS_TEST_EXPECT_MSG_EQ(std::count(a.deliveries.begin(), a.deliveries.end(), '\n'),
                              16 * 15,
                              "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ((a.deliveries == b.deliveries), true, "deliveries");
        NS_TEST_EXPECT_MSG_EQ(a.ports, b.ports, "cells per port");
        if (m_routing == "ecmp")
        {
            const Trace c = RunAllToAll(m_routing, 8);
            NS_TEST_EXPECT_MSG_NE(a.ports, c.ports, "another seed, other uplinks");
        }
    }

    std::string m_routing; //!< under test
};

/// The suite.
class ElectricalDeterminismTestSuite : public TestSuite
{
  public:
    ElectricalDeterminismTestSuite()
        : TestSuite("scale-across-electrical-determinism", TestSuite::Type::UNIT)
    {
        for (const char* routing : {"ecmp", "spray", "adaptive"})
        {
            AddTestCase(new SameSeedTestCase(routing));
        }
    }
};

/// Static instance registering the suite.
ElectricalDeterminismTestSuite g_electricalDeterminismTestSuite;

} // namespace
