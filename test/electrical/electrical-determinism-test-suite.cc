/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-determinism: the same run twice gives the same deliveries, to the
 * nanosecond, under ECMP, spraying and adaptive routing, with congestion (every host of a
 * fat-tree sends to every other at once); ECMP with another seed hashes flows elsewhere. The
 * same under PFC (partitioned and shared) and shared credits: every frame arrives (no loss, no
 * deadlock under up/down routing), and twice the same.
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
    uint64_t pauses{0};     //!< PFC pauses sent by all switches
    uint64_t resumes{0};    //!< PFC resumes sent by all switches
};

/**
 * @param routing Routing
 * @param seed the helper's seed
 * @param flowControl FlowControl
 * @param bufferMode BufferMode
 * @return the run's trace
 */
Trace
RunAllToAll(const std::string& routing,
            uint32_t seed,
            const std::string& flowControl = "credit",
            const std::string& bufferMode = "partitioned")
{
    PacketFabric f;
    f.nodes.Create(16);
    FatTreeHelper fabric;
    fabric.SetK(4);
    fabric.SetSeed(seed);
    fabric.SetSwitchAttribute("Routing", StringValue(routing));
    fabric.SetSwitchAttribute("FlowControl", StringValue(flowControl));
    fabric.SetSwitchAttribute("BufferMode", StringValue(bufferMode));
    if (flowControl == "pfc")
    {
        // 4 cells to XOFF, 2 to XON; the headroom of 800 Gb/s links of 49 ns, L = 600 ns.
        const uint64_t headroom = 69800 + 2 * 4110;
        fabric.SetSwitchAttribute("PfcHeadroomBytes", UintegerValue(headroom));
        fabric.SetSwitchAttribute("PfcXoffBytes", UintegerValue(4 * 4110));
        fabric.SetSwitchAttribute("PfcXonBytes", UintegerValue(2 * 4110));
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * (4 * 4110 + headroom)));
    }
    else
    {
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * 8 * 4110));
        fabric.SetSwitchAttribute("SharedReservedBytes", UintegerValue(2 * 4110));
    }
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
            t.pauses += sw->GetPausesSent(p);
            t.resumes += sw->GetResumesSent(p);
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
    /// @param routing Routing @param flowControl FlowControl @param bufferMode BufferMode
    explicit SameSeedTestCase(std::string routing,
                              std::string flowControl = "credit",
                              std::string bufferMode = "partitioned")
        : TestCase(routing + ", " + flowControl + ", " + bufferMode +
                   ": same seed, same deliveries"),
          m_routing(std::move(routing)),
          m_flowControl(std::move(flowControl)),
          m_bufferMode(std::move(bufferMode))
    {
    }

  private:
    void DoRun() override
    {
        const Trace a = RunAllToAll(m_routing, 7, m_flowControl, m_bufferMode);
        const Trace b = RunAllToAll(m_routing, 7, m_flowControl, m_bufferMode);
        NS_TEST_EXPECT_MSG_EQ(std::count(a.deliveries.begin(), a.deliveries.end(), '\n'),
                              16 * 15,
                              "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ((a.deliveries == b.deliveries), true, "deliveries");
        NS_TEST_EXPECT_MSG_EQ(a.ports, b.ports, "cells per port");
        NS_TEST_EXPECT_MSG_EQ(a.pauses, a.resumes, "every pause resumed");
        if (m_flowControl == "pfc" && m_bufferMode == "partitioned")
        {
            NS_TEST_EXPECT_MSG_GT(a.pauses, 0, "the switches paused their senders");
        }
        if (m_routing == "ecmp" && m_flowControl == "credit" && m_bufferMode == "partitioned")
        {
            const Trace c = RunAllToAll(m_routing, 8);
            NS_TEST_EXPECT_MSG_NE(a.ports, c.ports, "another seed, other uplinks");
        }
    }

    std::string m_routing;     //!< under test
    std::string m_flowControl; //!< FlowControl
    std::string m_bufferMode;  //!< BufferMode
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
        AddTestCase(new SameSeedTestCase("spray", "pfc", "partitioned"));
        AddTestCase(new SameSeedTestCase("adaptive", "pfc", "shared"));
        AddTestCase(new SameSeedTestCase("ecmp", "credit", "shared"));
    }
};

/// Static instance registering the suite.
ElectricalDeterminismTestSuite g_electricalDeterminismTestSuite;

} // namespace
