/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-trace-paths: the trace sources of the packet fabric's host NICs and
 * switches, reached by their documented Config paths, fire exactly as often as the model says
 * under credit stalls, PFC pauses and drops (trace-paths-fixture.h).
 */

#include "../trace-paths-fixture.h"

#include "ns3/byte-counters.h"
#include "ns3/drop-reason.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/mac48-address.h"
#include "ns3/node-container.h"
#include "ns3/packet-link.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// A congested leaf-spine: two hosts of leaf 0 send to one host of leaf 1, with buffers of 2
/// cells per port, so NICs and switches wait for credit.
class ElectricalCongestionTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite's other cases
    explicit ElectricalCongestionTestCase(Coverage& coverage)
        : TracePathsTestCase("electrical: incast across leaves, credit stalls", coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * 2 * (4096 + MAC_HEADER)));
        NetDeviceContainer devices = fabric.Install(nodes);
        uint32_t received = 0;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            nodes.Get(i)->RegisterProtocolHandler(
                MakeCallback(&ElectricalCongestionTestCase::Receive, this),
                TEST_PROTOCOL,
                nullptr,
                true); // promiscuous: the device's promiscuous path fires too
        }
        ElectricalProbes probes;
        ConnectAll(probes, nodes.GetN(), fabric.GetSwitchNodes().GetN());
        const uint32_t framesPerSender = 2;
        for (uint32_t s : {0, 1})
        {
            for (uint32_t k = 0; k < framesPerSender; ++k)
            {
                devices.Get(s)->Send(Create<Packet>(8 * 4096),
                                     devices.Get(3)->GetAddress(),
                                     TEST_PROTOCOL);
            }
        }
        Simulator::Run();
        received = m_received;
        const size_t frames = 2 * framesPerSender;
        NS_TEST_ASSERT_MSG_EQ(received, frames, "every frame received");
        size_t nicStalls = 0;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            nicStalls += DynamicCast<PacketNetDevice>(devices.Get(i))->GetCreditStalls(0);
        }
        Ptr<PacketSwitch> leaf0 = fabric.GetSwitches().at(0);
        size_t switchStalls = 0;
        for (uint32_t p = 0; p < leaf0->GetNPacketPorts(); ++p)
        {
            switchStalls += leaf0->GetCreditStalls(p);
        }
        NS_TEST_EXPECT_MSG_GT(nicStalls, 0, "the senders waited for credit");
        NS_TEST_EXPECT_MSG_GT(switchStalls, 0, "leaf 0 waited for credit");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, frames},
                         {&probes.phyTxBegin, frames},
                         {&probes.phyTxEnd, frames},
                         {&probes.phyRxEnd, frames},
                         {&probes.macRx, frames},
                         {&probes.macPromiscRx, frames},
                         {&probes.sniffer, 2 * frames},        // sent and received
                         {&probes.promiscSniffer, 2 * frames}, // sent and received
                         {&probes.nicCreditStall, nicStalls},  // once per stall, at its end
                         {&probes.switchCreditStall, switchStalls},
                     });
        ExpectContexts(probes.macRx,
                       {{"/NodeList/3/DeviceList/0/$ns3::PacketNetDevice/MacRx", frames}});
        Simulator::Destroy();
    }

    /// Protocol handler of every node.
    void Receive(Ptr<NetDevice>,
                 Ptr<const Packet>,
                 uint16_t,
                 const Address&,
                 const Address&,
                 NetDevice::PacketType)
    {
        ++m_received;
    }

    uint32_t m_received{0}; //!< frames received
};

/// The same incast under PFC with thresholds of a few cells: the leaves pause the spines, the
/// spines leaf 0, leaf 0 its hosts; every pause and every wait for a resume is traced.
class ElectricalPfcTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite's other cases
    explicit ElectricalPfcTestCase(Coverage& coverage)
        : TracePathsTestCase("electrical: incast across leaves, PFC pauses", coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf
        const uint64_t cell = 4096 + MAC_HEADER;
        const uint64_t headroom = 69800 + 2 * cell; // (2 x 49 ns + 600 ns) x 800 Gb/s + 2 cells
        fabric.SetSwitchAttribute("FlowControl", StringValue("pfc"));
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(4 * (2 * cell + headroom)));
        fabric.SetSwitchAttribute("PfcHeadroomBytes", UintegerValue(headroom));
        fabric.SetSwitchAttribute("PfcXoffBytes", UintegerValue(2 * cell));
        fabric.SetSwitchAttribute("PfcXonBytes", UintegerValue(cell));
        NetDeviceContainer devices = fabric.Install(nodes);
        ElectricalProbes probes;
        ConnectAll(probes, nodes.GetN(), fabric.GetSwitchNodes().GetN());
        const size_t frames = 4;
        for (uint32_t s : {0, 1})
        {
            for (uint32_t k = 0; k < frames / 2; ++k)
            {
                devices.Get(s)->Send(Create<Packet>(32 * 4096),
                                     devices.Get(3)->GetAddress(),
                                     TEST_PROTOCOL);
            }
        }
        Simulator::Run();
        size_t nicWaits = 0;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            nicWaits += DynamicCast<PacketNetDevice>(devices.Get(i))->GetPauseStalls(0);
        }
        Ptr<PacketSwitch> leaf0 = fabric.GetSwitches().at(0);
        size_t switchWaits = 0;
        size_t pauses = 0;
        size_t resumes = 0;
        for (uint32_t p = 0; p < leaf0->GetNPacketPorts(); ++p)
        {
            switchWaits += leaf0->GetPauseStalls(p);
            pauses += leaf0->GetPausesSent(p);
            resumes += leaf0->GetResumesSent(p);
        }
        NS_TEST_EXPECT_MSG_GT(nicWaits, 0, "the senders waited for a resume");
        NS_TEST_EXPECT_MSG_GT(switchWaits, 0, "leaf 0 waited for a resume");
        NS_TEST_EXPECT_MSG_GT(pauses, 0, "leaf 0 paused its hosts");
        NS_TEST_EXPECT_MSG_EQ(pauses, resumes, "and resumed them");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, frames},
                         {&probes.phyTxBegin, frames},
                         {&probes.phyTxEnd, frames},
                         {&probes.phyRxEnd, frames},
                         {&probes.macRx, frames},
                         {&probes.sniffer, 2 * frames},
                         {&probes.promiscSniffer, 2 * frames},
                         {&probes.nicPauseStall, nicWaits}, // once per wait, at its end
                         {&probes.switchPauseStall, switchWaits},
                         {&probes.switchPfcPause, pauses},
                         {&probes.switchPfcResume, resumes},
                     });
        Simulator::Destroy();
    }
};

/// Losses on a packet fabric: a frame too large for the Mtu, and one its switch cannot route.
class ElectricalDropTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite's other cases
    explicit ElectricalDropTestCase(Coverage& coverage)
        : TracePathsTestCase("electrical: frame too large, no route", coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        NetDeviceContainer devices;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<PacketNetDevice> dev = CreateObject<PacketNetDevice>();
            dev->SetAddress(Mac48Address::Allocate());
            nodes.Get(i)->AddDevice(dev);
            devices.Add(dev);
        }
        Ptr<PacketSwitch> sw = CreateObject<PacketSwitch>();
        sw->SetAttribute("NumPorts", UintegerValue(2));
        sw->AddDownRoute(0, 0, 0, 1); // no route to host 1
        const Mac48Address first = Mac48Address::ConvertFrom(devices.Get(0)->GetAddress());
        for (uint32_t i = 0; i < 2; ++i)
        {
            DynamicCast<PacketNetDevice>(devices.Get(i))
                ->Attach(CreateObject<PacketLink>(), PeekPointer(sw), i, i, first, 2);
        }
        ElectricalProbes probes;
        ConnectAll(probes, 2);
        devices.Get(0)->Send(Create<Packet>(5000), devices.Get(1)->GetAddress(), 0x0800);
        devices.Get(0)->Send(Create<Packet>(1000), devices.Get(1)->GetAddress(), TEST_PROTOCOL);
        Simulator::Run();
        ExpectCounts(probes,
                     {
                         {&probes.macTxDrop, 1}, // 5000 bytes of IPv4 over an Mtu of 4096
                         {&probes.macTx, 1},
                         {&probes.phyTxBegin, 1},
                         {&probes.phyTxEnd, 1},
                         {&probes.sniffer, 1},
                         {&probes.promiscSniffer, 1},
                         {&probes.switchDrop, 1},
                         {&probes.phyTxDrop, 1}, // at the sender, as its frame is lost
                         {&probes.nicDrop, 2},
                     });
        if (probes.nicDrop.calls.size() == 2)
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[0])),
                                  ToString(DropReason::FRAME_TOO_LARGE),
                                  "first reason");
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[1])),
                                  ToString(DropReason::NO_ROUTE),
                                  "second reason");
        }
        const ByteCounters& bytes = sw->GetByteCounters();
        NS_TEST_EXPECT_MSG_EQ(bytes.GetDropped(DropReason::NO_ROUTE), 1000 + MAC_HEADER, "switch");
        Simulator::Destroy();
    }
};

/// The suite.
class ElectricalTracePathsTestSuite : public TracePathsTestSuite
{
  public:
    ElectricalTracePathsTestSuite()
        : TracePathsTestSuite("scale-across-electrical-trace-paths")
    {
        AddTestCase(new ElectricalCongestionTestCase(m_coverage));
        AddTestCase(new ElectricalPfcTestCase(m_coverage));
        AddTestCase(new ElectricalDropTestCase(m_coverage));
        AddCoverageCase(); // last: after the runs
    }
};

/// Static instance registering the suite.
ElectricalTracePathsTestSuite g_electricalTracePathsTestSuite;

} // namespace
