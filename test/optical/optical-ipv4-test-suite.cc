/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-ipv4: ns-3's Internet stack runs over the optical fabric: ARP,
 * UdpEcho and a TCP BulkSend cross the crossbar, and FlowMonitor sees every flow complete.
 */

#include "ns3/applications-module.h"
#include "ns3/byte-conservation.h"
#include "ns3/flow-monitor-helper.h"
#include "ns3/internet-module.h"
#include "ns3/ipv4-flow-classifier.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/optical-net-device.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

/// UdpEcho from every node to node 0, and TCP BulkSend 1 -> 2, on N endpoints.
class Ipv4OverFabricTestCase : public TestCase
{
  public:
    Ipv4OverFabricTestCase(uint32_t nodes, bool populateArp)
        : TestCase(std::to_string(nodes) + " endpoints, " +
                   (populateArp ? "static ARP" : "ARP over emulated broadcast") +
                   ": UdpEcho and TCP BulkSend complete, FlowMonitor sees no loss"),
          m_nodes(nodes),
          m_populateArp(populateArp)
    {
    }

  private:
    void OnEchoReply(Ptr<const Packet>)
    {
        ++m_echoReplies;
    }

    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(m_nodes);
        OpticalFabricHelper fabric;
        NetDeviceContainer devices = fabric.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes);
        Ipv4AddressHelper address("10.1.0.0", "255.255.0.0");
        Ipv4InterfaceContainer ifaces = address.Assign(devices);
        if (m_populateArp)
        {
            NeighborCacheHelper().PopulateNeighborCache();
        }

        UdpEchoServerHelper server(9);
        ApplicationContainer serverApp = server.Install(nodes.Get(0));
        serverApp.Start(Seconds(0));
        const uint32_t echoes = 3;
        for (uint32_t i = 1; i < m_nodes; ++i)
        {
            UdpEchoClientHelper client(ifaces.GetAddress(0), 9);
            client.SetAttribute("MaxPackets", UintegerValue(echoes));
            client.SetAttribute("Interval", TimeValue(MicroSeconds(100)));
            client.SetAttribute("PacketSize", UintegerValue(512));
            ApplicationContainer app = client.Install(nodes.Get(i));
            app.Start(MicroSeconds(10 * i));
            app.Get(0)->TraceConnectWithoutContext(
                "Rx",
                MakeCallback(&Ipv4OverFabricTestCase::OnEchoReply, this));
        }

        const uint64_t bulkBytes = 2000000;
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ifaces.GetAddress(2), 5000));
        bulk.SetAttribute("MaxBytes", UintegerValue(bulkBytes));
        bulk.Install(nodes.Get(1)).Start(MicroSeconds(5));
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 5000));
        ApplicationContainer sink = sinkHelper.Install(nodes.Get(2));
        sink.Start(Seconds(0));

        FlowMonitorHelper flowHelper;
        Ptr<FlowMonitor> monitor = flowHelper.InstallAll();
        Simulator::Stop(Seconds(1));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(m_echoReplies, (m_nodes - 1) * echoes, "every echo answered");
        NS_TEST_ASSERT_MSG_EQ(DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx(),
                              bulkBytes,
                              "BulkSend delivered every byte");
        monitor->CheckForLostPackets();
        const auto stats = monitor->GetFlowStats();
        // Echo request + reply per client, TCP data + ACK.
        NS_TEST_ASSERT_MSG_EQ(stats.size(), 2 * (m_nodes - 1) + 2, "FlowMonitor sees every flow");
        for (const auto& [id, s] : stats)
        {
            NS_TEST_ASSERT_MSG_GT(s.rxPackets, 0, "flow " << id << " delivered packets");
            NS_TEST_ASSERT_MSG_EQ(s.lostPackets, 0, "flow " << id << " lost nothing");
            NS_TEST_ASSERT_MSG_EQ(s.txPackets, s.rxPackets, "flow " << id << " tx = rx");
        }
        NS_TEST_ASSERT_MSG_EQ(ByteConservation::Sum(devices).IsBalanced(),
                              true,
                              "every byte received, dropped or queued");
        Simulator::Destroy();
    }

    uint32_t m_nodes;
    bool m_populateArp;
    uint32_t m_echoReplies{0};
};

/// The suite.
class OpticalIpv4TestSuite : public TestSuite
{
  public:
    OpticalIpv4TestSuite()
        : TestSuite("scale-across-optical-ipv4", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new Ipv4OverFabricTestCase(4, false));
        AddTestCase(new Ipv4OverFabricTestCase(16, false));
        AddTestCase(new Ipv4OverFabricTestCase(8, true));
    }
};

/// Static instance registering the suite.
OpticalIpv4TestSuite g_opticalIpv4TestSuite;

} // namespace
