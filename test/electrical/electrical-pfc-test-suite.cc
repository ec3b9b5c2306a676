/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-pfc: PFC pause/resume (FlowControl = pfc) keeps a packet fabric
 * lossless, with the timing of the credit model where the bottleneck is the same.
 *
 * Incast: m hosts of one leaf send C cells each to a fourth host of the leaf. The leaf's port
 * to the receiver never idles once its first cell is in (XON leaves each paused port more
 * cells than a pause's round trip drains), so the last frame arrives at t0 + m C w / B + d,
 * as under credits. A sender waits only while paused: its last cell starts at (C - 1) w / B
 * + its wait, and its wait never exceeds the time the switch had it paused. A port is paused
 * each time its bytes climb from XON to XOFF, so pauses <= 1 + (C w - XOFF) / (XOFF - XON);
 * a port never holds more than XOFF + the headroom; pauses = resumes at the end.
 *
 * Head-of-line blocking: hosts 0 and 1 on switch A send through one link to switch B, host 0
 * to host 2 behind a link of B / 4, host 1 (the victim) to host 3 at the full rate B. B pauses
 * A's link for host 0's cells, and host 1's cells, queued in the same FIFO at A, wait with
 * them: A's output alternates the two flows, so the victim moves at host 0's rate, B / 4, not
 * at the B / 2 it gets when nothing is paused. Two victim sizes S and 2 S give finish times
 * T(2 S) - T(S) = 4 S_wire / B (to within one pause cycle, 4 (XOFF - XON) / B); with credits
 * and an ample buffer nothing stops A's output and T(2 S) - T(S) = 2 S_wire / B.
 */

#include "../electrical-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet-link.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint16_t MTU = 4096;          //!< payload per packet
constexpr uint32_t HEADER = 104;        //!< 4200 wire bytes per packet: 42 ns at 800 Gb/s
constexpr uint32_t WIRE = MTU + HEADER; //!< wire bytes per cell
constexpr double T_CELL = WIRE / 100.0; //!< ns per cell at 800 Gb/s (100 bytes/ns)
constexpr double D = 49;                //!< link delay, ns
constexpr double L = 600;               //!< forwarding latency, ns
/// (2 d + L) x B + 2 cells: 69,800 + 8,400 bytes.
constexpr uint64_t HEADROOM = static_cast<uint64_t>((2 * D + L) * 100) + 2 * WIRE;
constexpr uint64_t XOFF = 32 * WIRE; //!< pause at 32 cells
constexpr uint64_t XON = 20 * WIRE;  //!< resume at 20 cells

/// Set PFC on every switch a helper makes.
void
SetPfc(PacketFabricHelper& fabric, uint32_t ports)
{
    fabric.SetSwitchAttribute("FlowControl", StringValue("pfc"));
    fabric.SetSwitchAttribute("BufferBytes", UintegerValue(ports * (XOFF + HEADROOM)));
    fabric.SetSwitchAttribute("PfcHeadroomBytes", UintegerValue(HEADROOM));
    fabric.SetSwitchAttribute("PfcXoffBytes", UintegerValue(XOFF));
    fabric.SetSwitchAttribute("PfcXonBytes", UintegerValue(XON));
}

/// m senders to one receiver on one leaf, under PFC.
class PfcIncastTestCase : public TestCase
{
  public:
    /// @param senders m @param cells C per sender
    PfcIncastTestCase(uint32_t senders, uint32_t cells)
        : TestCase(std::to_string(senders) + " senders of " + std::to_string(cells) + " cells"),
          m_senders(senders),
          m_cells(cells)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t ports = 8;
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(ports); // 4 hosts and 4 spines per leaf: one leaf here
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        SetPfc(fabric, ports);
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        const uint32_t receiver = 3;
        for (uint32_t s = 0; s < m_senders; ++s)
        {
            f.SendAt(Seconds(0), s, receiver, m_cells * MTU);
        }
        Simulator::Run();

        const double t0 = T_CELL + D + L;
        const double expected = t0 + m_senders * m_cells * T_CELL + D;
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), m_senders, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.LastArrival(),
                              NanoSeconds(static_cast<int64_t>(expected)),
                              "t0 + m C w / B + d");
        NS_TEST_EXPECT_MSG_EQ(f.Delivered(), uint64_t{m_senders} * m_cells * MTU, "nothing lost");
        Ptr<PacketSwitch> leaf = f.switches.at(0);
        NS_TEST_EXPECT_MSG_EQ(leaf->GetByteCounters().GetDropped(), 0, "no drop");
        NS_TEST_EXPECT_MSG_EQ(leaf->GetByteCounters().IsBalanced(), true, "switch balance");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(leaf->GetMaxBufferedBytes(),
                                    leaf->GetBufferBytes(),
                                    "never above the buffer");
        const uint64_t maxPauses = 1 + (m_cells * WIRE - XOFF) / (XOFF - XON);
        uint64_t pauses = 0;
        for (uint32_t s = 0; s < m_senders; ++s)
        {
            Ptr<PacketNetDevice> dev = f.Dev(s);
            NS_TEST_EXPECT_MSG_GT(leaf->GetPausesSent(s), 0, "sender " << s << " paused");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(leaf->GetPausesSent(s), maxPauses, "pause bound");
            NS_TEST_EXPECT_MSG_EQ(leaf->GetPausesSent(s), leaf->GetResumesSent(s), "balanced");
            NS_TEST_EXPECT_MSG_EQ(dev->GetPausesReceived(0), leaf->GetPausesSent(s), "received");
            NS_TEST_EXPECT_MSG_EQ(dev->GetResumesReceived(0), leaf->GetResumesSent(s), "resumed");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(leaf->GetMaxIngressBytes(s),
                                        XOFF + HEADROOM,
                                        "port " << s << " within XOFF + headroom");
            NS_TEST_EXPECT_MSG_GT(dev->GetPauseStallTime(0), Time(0), "sender " << s << " waited");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(dev->GetPauseStallTime(0),
                                        leaf->GetPauseTime(s),
                                        "a sender waits only while paused");
            NS_TEST_EXPECT_MSG_EQ(dev->GetCreditStalls(0), 0, "no credits under PFC");
            NS_TEST_EXPECT_MSG_EQ(dev->GetByteCounters().delivered,
                                  m_cells * MTU,
                                  "sender " << s << " bytes delivered");
            pauses += leaf->GetPausesSent(s);
        }
        NS_TEST_EXPECT_MSG_EQ(leaf->GetPausesSent(receiver), 0, "the receiver is not paused");
        NS_TEST_EXPECT_MSG_GT(pauses, 0, "pauses");
        Simulator::Destroy();
    }

    uint32_t m_senders; //!< m
    uint32_t m_cells;   //!< C
};

/// A sender's last cell starts at (C - 1) w / B + its wait: it idles only while paused.
class PfcWaitIdentityTestCase : public TestCase
{
  public:
    PfcWaitIdentityTestCase()
        : TestCase("a sender idles only while paused; traces count every pause and resume")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t ports = 8;
        const uint32_t cells = 128;
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(ports);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        SetPfc(fabric, ports);
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        Ptr<PacketSwitch> leaf = f.switches.at(0);
        leaf->TraceConnectWithoutContext("PfcPause",
                                         MakeCallback(&PfcWaitIdentityTestCase::Pause, this));
        leaf->TraceConnectWithoutContext("PfcResume",
                                         MakeCallback(&PfcWaitIdentityTestCase::Resume, this));
        f.Dev(0)->TraceConnectWithoutContext("PhyTxEnd",
                                             MakeCallback(&PfcWaitIdentityTestCase::TxEnd, this));
        for (uint32_t s = 0; s < 3; ++s)
        {
            f.SendAt(Seconds(0), s, 3, cells * MTU);
        }
        Simulator::Run();
        // The frame is one burst: its last cell starts when the device's queue empties, and
        // the device sent back to back except while it waited for a resume.
        const double lastStart =
            (cells - 1) * T_CELL + f.Dev(0)->GetPauseStallTime(0).GetNanoSeconds();
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetTxCells(0), cells, "cells sent");
        NS_TEST_EXPECT_MSG_EQ_TOL(m_lastTxEnd.GetNanoSeconds(),
                                  lastStart + T_CELL,
                                  1,
                                  "serialization ends at C w / B + wait");
        uint64_t pauses = 0;
        uint64_t resumes = 0;
        Time pauseTime;
        for (uint32_t p = 0; p < ports; ++p)
        {
            pauses += leaf->GetPausesSent(p);
            resumes += leaf->GetResumesSent(p);
            pauseTime += leaf->GetPauseTime(p);
        }
        NS_TEST_EXPECT_MSG_EQ(m_pauses, pauses, "PfcPause fired once per pause");
        NS_TEST_EXPECT_MSG_EQ(m_resumes, resumes, "PfcResume fired once per resume");
        NS_TEST_EXPECT_MSG_EQ(m_pausedFor, pauseTime, "PfcResume's durations add up");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(m_minPauseBytes, XOFF, "a pause is sent at XOFF");
        Simulator::Destroy();
    }

    /// PfcPause sink. @param port the port @param bytes its bytes
    void Pause(uint32_t port, uint64_t bytes)
    {
        ++m_pauses;
        m_minPauseBytes = std::min(m_minPauseBytes, bytes);
    }

    /// PfcResume sink. @param port the port @param paused for how long
    void Resume(uint32_t port, Time paused)
    {
        ++m_resumes;
        m_pausedFor += paused;
    }

    /// PhyTxEnd sink: the frame's last cell has been serialized.
    void TxEnd(Ptr<const Packet>)
    {
        m_lastTxEnd = Simulator::Now();
    }

    uint64_t m_pauses{0};                 //!< PfcPause fired
    uint64_t m_resumes{0};                //!< PfcResume fired
    Time m_pausedFor;                     //!< sum of PfcResume durations
    uint64_t m_minPauseBytes{UINT64_MAX}; //!< least bytes at a pause
    Time m_lastTxEnd;                     //!< end of host 0's last serialization
};

/**
 * Head-of-line blocking: hosts 0 and 1 on switch A (ports 0, 1), A's port 2 to B's port 0,
 * hosts 2 and 3 on B (ports 1, 2); host 2's link runs at B / 4.
 */
class HolTestCase : public TestCase
{
  public:
    /// @param pfc PFC (else credits with an ample buffer)
    explicit HolTestCase(bool pfc)
        : TestCase(
              pfc ? "head-of-line blocking: a victim behind a paused flow moves at its rate"
                  : "no blocking with credits and an ample buffer: the victim gets half the link"),
          m_pfc(pfc)
    {
    }

  private:
    /// @param victimCells the victim's cells @return when the victim's frame arrived
    Time Run(uint32_t victimCells)
    {
        PacketFabric f;
        f.nodes.Create(4);
        for (uint32_t i = 0; i < 4; ++i)
        {
            Ptr<PacketNetDevice> dev = CreateObject<PacketNetDevice>();
            dev->SetAttribute("HeaderBytes", UintegerValue(HEADER));
            dev->SetAddress(Mac48Address::Allocate());
            f.nodes.Get(i)->AddDevice(dev);
            f.devices.Add(dev);
        }
        const Mac48Address first = Mac48Address::ConvertFrom(f.devices.Get(0)->GetAddress());
        for (uint32_t s = 0; s < 2; ++s)
        {
            Ptr<PacketSwitch> sw = CreateObject<PacketSwitch>();
            sw->SetAttribute("NumPorts", UintegerValue(3));
            sw->SetAttribute("ForwardingLatency", TimeValue(NanoSeconds(L)));
            if (m_pfc)
            {
                sw->SetAttribute("FlowControl", StringValue("pfc"));
                sw->SetAttribute("BufferBytes", UintegerValue(3 * (XOFF + HEADROOM)));
                sw->SetAttribute("PfcHeadroomBytes", UintegerValue(HEADROOM));
                sw->SetAttribute("PfcXoffBytes", UintegerValue(XOFF));
                sw->SetAttribute("PfcXonBytes", UintegerValue(XON));
            }
            else
            {
                sw->SetAttribute("BufferBytes", UintegerValue(uint64_t{3} << 30));
            }
            sw->SetSwitchName(s == 0 ? "A" : "B");
            f.switches.push_back(sw);
        }
        f.switches[0]->AddDownRoute(0, 1, 0, 1);
        f.switches[0]->SetUpPorts(2, 1);
        f.switches[1]->AddDownRoute(2, 3, 1, 1);
        f.switches[1]->SetUpPorts(0, 1);
        auto link = [](const std::string& rate) {
            Ptr<PacketLink> l = CreateObject<PacketLink>();
            l->SetAttribute("DataRate", DataRateValue(DataRate(rate)));
            l->SetAttribute("Delay", TimeValue(NanoSeconds(D)));
            return l;
        };
        link("800Gbps")->Connect(PeekPointer(f.switches[0]), 2, PeekPointer(f.switches[1]), 0);
        const std::vector<std::pair<uint32_t, uint32_t>> at{{0, 0}, {0, 1}, {1, 1}, {1, 2}};
        for (uint32_t h = 0; h < 4; ++h)
        {
            f.Dev(h)->Attach(link(h == 2 ? "200Gbps" : "800Gbps"),
                             PeekPointer(f.switches[at[h].first]),
                             at[h].second,
                             h,
                             first,
                             4);
        }
        f.Record();
        f.SendAt(Seconds(0), 0, 2, 1024 * MTU); // outlasts the victim
        f.SendAt(Seconds(0), 1, 3, victimCells * MTU);
        Simulator::Run();
        const Time victim = f.LastArrivalAt(3);
        NS_TEST_EXPECT_MSG_EQ(f.Delivered(), uint64_t{1024 + victimCells} * MTU, "nothing lost");
        if (m_pfc)
        {
            NS_TEST_EXPECT_MSG_GT(f.switches[1]->GetPausesSent(0), 0, "B paused A");
            NS_TEST_EXPECT_MSG_GT(f.switches[0]->GetPauseStallTime(2), Time(0), "A waited");
            for (const auto& sw : f.switches)
            {
                for (uint32_t p = 0; p < 3; ++p)
                {
                    NS_TEST_EXPECT_MSG_EQ(sw->GetPausesSent(p), sw->GetResumesSent(p), "balanced");
                }
            }
        }
        Simulator::Destroy();
        return victim;
    }

    void DoRun() override
    {
        const uint32_t s = 256;
        const double t1 = Run(s).GetNanoSeconds();
        const double t2 = Run(2 * s).GetNanoSeconds();
        const double rate = m_pfc ? 4 : 2; // time per byte, in units of 1 / B
        // The victim's progress is quantized by the pause cycles of A's port at B: each lets
        // XOFF - XON bytes of host 0 drain at B / 4 (measured: 840 ns off, 20 cells).
        const double tolerance = m_pfc ? 4 * (XOFF - XON) / 100.0 : 1;
        NS_TEST_EXPECT_MSG_EQ_TOL(t2 - t1,
                                  rate * s * T_CELL,
                                  tolerance,
                                  "the victim's rate: B / 4 behind the paused flow, else B / 2");
    }

    bool m_pfc; //!< flow control
};

/// The suite.
class ElectricalPfcTestSuite : public TestSuite
{
  public:
    ElectricalPfcTestSuite()
        : TestSuite("scale-across-electrical-pfc", TestSuite::Type::UNIT)
    {
        AddTestCase(new PfcIncastTestCase(2, 128));
        AddTestCase(new PfcIncastTestCase(3, 128));
        AddTestCase(new PfcWaitIdentityTestCase());
        AddTestCase(new HolTestCase(true));
        AddTestCase(new HolTestCase(false));
    }
};

/// Static instance registering the suite.
ElectricalPfcTestSuite g_electricalPfcTestSuite;

} // namespace
