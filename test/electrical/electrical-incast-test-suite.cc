/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-incast: m hosts of one leaf send S bytes each to a fourth host of
 * the same leaf, at once. The leaf's port to the receiver is the bottleneck: once the first
 * cells are in (t0 = w/B + d + L store-and-forward, d + L cut-through), it sends all m C cells
 * back to back, so the last frame arrives at
 *
 *   t0 + m C w / B + d
 *
 * exactly, provided each sender's credits cover the credit loop (here 32 cells against a loop
 * of about 8). The senders push m times what the port drains, so they run out of credit and
 * wait (credit stalls, counted and timed); nothing is lost, the buffer never holds more than
 * BufferBytes, and every credit comes back.
 */

#include "../electrical-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint16_t MTU = 4096;          //!< payload per packet
constexpr uint32_t HEADER = 104;        //!< 4200 wire bytes per packet: 42 ns at 800 Gb/s
constexpr uint32_t WIRE = MTU + HEADER; //!< wire bytes per cell
constexpr uint32_t CELLS = 64;          //!< cells per sender
constexpr uint32_t PORTS = 8;           //!< leaf radix
constexpr uint64_t SHARE = 32 * WIRE;   //!< credits per input port

/// m senders to one receiver on one leaf.
class IncastTestCase : public TestCase
{
  public:
    /// @param senders m @param cutThrough switch mode
    IncastTestCase(uint32_t senders, bool cutThrough)
        : TestCase(std::to_string(senders) + " senders, " +
                   (cutThrough ? "cut-through" : "store-and-forward")),
          m_senders(senders),
          m_cutThrough(cutThrough)
    {
    }

  private:
    void DoRun() override
    {
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(PORTS); // 4 hosts and 4 spines per leaf: one leaf here
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(SHARE * PORTS));
        fabric.SetSwitchAttribute("CutThrough", BooleanValue(m_cutThrough));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        const uint32_t receiver = 3;
        for (uint32_t s = 0; s < m_senders; ++s)
        {
            f.SendAt(Seconds(0), s, receiver, CELLS * MTU);
        }
        Simulator::Run();

        const double d = 49;
        const double latency = 600;
        const double t = WIRE / 100.0; // 42 ns
        const double t0 = m_cutThrough ? d + latency : t + d + latency;
        const double expected = t0 + m_senders * CELLS * t + d;
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), m_senders, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.LastArrival(),
                              NanoSeconds(static_cast<int64_t>(expected)),
                              "t0 + m C w / B + d");
        NS_TEST_EXPECT_MSG_EQ(f.Delivered(), uint64_t{m_senders} * CELLS * MTU, "nothing lost");
        Ptr<PacketSwitch> leaf = f.switches.at(0);
        NS_TEST_EXPECT_MSG_EQ(leaf->GetByteCounters().GetDropped(), 0, "no drop");
        NS_TEST_EXPECT_MSG_EQ(leaf->GetByteCounters().delivered,
                              uint64_t{m_senders} * CELLS * WIRE,
                              "forwarded = entered");
        NS_TEST_EXPECT_MSG_EQ(leaf->GetTxCells(receiver), m_senders * CELLS, "cells out");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(leaf->GetMaxBufferedBytes(),
                                    leaf->GetBufferBytes(),
                                    "never above the buffer");
        NS_TEST_EXPECT_MSG_GT(leaf->GetMaxQueuedBytes(receiver), SHARE, "the queue built up");
        for (uint32_t s = 0; s < m_senders; ++s)
        {
            NS_TEST_EXPECT_MSG_GT(f.Dev(s)->GetCreditStalls(0), 0, "sender " << s << " stalled");
            NS_TEST_EXPECT_MSG_GT(f.Dev(s)->GetCreditStallTime(0),
                                  Time(0),
                                  "sender " << s << " waited");
            NS_TEST_EXPECT_MSG_EQ(f.Dev(s)->GetByteCounters().delivered,
                                  CELLS * MTU,
                                  "sender " << s << " bytes delivered");
        }
        NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
        Simulator::Destroy();
    }

    uint32_t m_senders; //!< m
    bool m_cutThrough;  //!< switch mode
};

/// The suite.
class ElectricalIncastTestSuite : public TestSuite
{
  public:
    ElectricalIncastTestSuite()
        : TestSuite("scale-across-electrical-incast", TestSuite::Type::UNIT)
    {
        AddTestCase(new IncastTestCase(2, false));
        AddTestCase(new IncastTestCase(3, false));
        AddTestCase(new IncastTestCase(3, true));
    }
};

/// Static instance registering the suite.
ElectricalIncastTestSuite g_electricalIncastTestSuite;

} // namespace
