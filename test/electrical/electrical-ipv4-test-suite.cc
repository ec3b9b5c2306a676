/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-ipv4: ns-3's Internet stack runs over a leaf-spine packet fabric.
 * UdpEcho crosses it from a host of leaf 0 to a host of leaf 1 (host - leaf - spine - leaf -
 * host: 4 links, 3 switches), and each echo, request and reply, takes the store-and-forward
 * path's closed form
 *
 *   4 (w / B + d) + 3 L
 *
 * with w = P + 28 (IPv4, UDP) + 14 (Ethernet) wire bytes for an echo of P bytes; P = 1058
 * makes w = 1100 bytes, 11 ns at 800 Gb/s, so the one-way time is 4 (11 + 49) + 3 x 600 =
 * 2040 ns. A TCP BulkSend across the leaves delivers every byte. pcap tracing of the host
 * devices writes files ns-3's PcapFile reads back: Ethernet link type and, on each end of the
 * echoes, one record per frame sent or received, each of w bytes, the reply 4 us after the
 * request (4.08 us at pcap's microsecond resolution).
 */

#include "ns3/applications-module.h"
#include "ns3/byte-conservation.h"
#include "ns3/internet-module.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/packet-net-device.h"
#include "ns3/pcap-file.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <vector>

using namespace ns3;

namespace
{

constexpr uint32_t ECHO_BYTES = 1058;                  //!< P, UdpEcho payload
constexpr uint32_t FRAME_BYTES = ECHO_BYTES + 28 + 14; //!< w: IPv4, UDP and Ethernet headers
constexpr uint32_t ECHOES = 3;                         //!< echoes per run
constexpr uint32_t CLIENT = 0;                         //!< on leaf 0
constexpr uint32_t SERVER = 3;                         //!< on leaf 1

/// One record of a pcap file.
struct PcapRecord
{
    uint32_t tsSec;   //!< seconds
    uint32_t tsUsec;  //!< microseconds
    uint32_t origLen; //!< frame bytes
};

/// UdpEcho and TCP BulkSend across the leaves of a radix-4 leaf-spine (2 leaves, 2 spines).
class ElectricalIpv4TestCase : public TestCase
{
  public:
    /// @param populateArp fill the ARP caches beforehand (else ARP runs over the fabric)
    explicit ElectricalIpv4TestCase(bool populateArp)
        : TestCase(std::string(populateArp ? "static ARP" : "ARP over emulated broadcast") +
                   ": UdpEcho across leaves at the path's closed form, TCP BulkSend complete" +
                   (populateArp ? ", pcap read back" : "")),
          m_populateArp(populateArp)
    {
    }

  private:
    void OnRequest(Ptr<const Packet>, const Address&, const Address&)
    {
        m_requests.push_back(Simulator::Now());
    }

    void OnReply(Ptr<const Packet>)
    {
        m_replies.push_back(Simulator::Now());
    }

    /**
     * @param filename a pcap file
     * @return its records; the test fails if it does not read as an Ethernet capture
     */
    std::vector<PcapRecord> ReadPcap(const std::string& filename)
    {
        std::vector<PcapRecord> records;
        PcapFile file;
        file.Open(filename, std::ios::in);
        NS_TEST_EXPECT_MSG_EQ(file.Fail(), false, filename << " opens");
        if (file.Fail())
        {
            return records;
        }
        NS_TEST_EXPECT_MSG_EQ(file.GetDataLinkType(), 1U, filename << ": DLT_EN10MB");
        std::vector<uint8_t> data(65536);
        while (true)
        {
            PcapRecord r{};
            uint32_t inclLen = 0;
            uint32_t readLen = 0;
            file.Read(data.data(), data.size(), r.tsSec, r.tsUsec, inclLen, r.origLen, readLen);
            if (file.Eof() || file.Fail())
            {
                break;
            }
            records.push_back(r);
        }
        file.Close();
        return records;
    }

    /**
     * @brief Fill every host's ARP cache with every other host, by hand: the fabric's links
     * hold one host end each, so NeighborCacheHelper (which pairs the devices of a channel)
     * finds no neighbour.
     * @param nodes the hosts
     * @param devices their devices
     * @param ifaces their interfaces
     */
    static void FillArpCaches(const NodeContainer& nodes,
                              const NetDeviceContainer& devices,
                              const Ipv4InterfaceContainer& ifaces)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<Ipv4L3Protocol> ip = nodes.Get(i)->GetObject<Ipv4L3Protocol>();
            Ptr<ArpCache> cache = ip->GetInterface(ifaces.Get(i).second)->GetArpCache();
            for (uint32_t j = 0; j < nodes.GetN(); ++j)
            {
                if (j != i)
                {
                    ArpCache::Entry* entry = cache->Add(ifaces.GetAddress(j));
                    entry->SetMacAddress(devices.Get(j)->GetAddress());
                    entry->MarkPermanent();
                }
            }
        }
    }

    void DoRun() override
    {
        const std::string prefix = CreateTempDirFilename("electrical-ipv4");
        Run(prefix);
        if (m_populateArp)
        {
            CheckPcap(prefix);
        }
    }

    /**
     * @brief Build, run and check the echoes and the bulk transfer; the pcap files are closed
     * when the devices go, at the end of this scope.
     * @param prefix the pcap files' prefix
     */
    void Run(const std::string& prefix)
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf
        NetDeviceContainer devices = fabric.Install(nodes);
        InternetStackHelper stack;
        stack.Install(nodes); // the hosts only: the switches' nodes stay without IP
        Ipv4AddressHelper address("10.1.0.0", "255.255.0.0");
        Ipv4InterfaceContainer ifaces = address.Assign(devices);
        if (m_populateArp)
        {
            FillArpCaches(nodes, devices, ifaces);
            fabric.EnablePcapAll(prefix);
        }

        UdpEchoServerHelper server(9);
        ApplicationContainer serverApp = server.Install(nodes.Get(SERVER));
        serverApp.Start(Seconds(0));
        // RxWithAddresses: the server's Rx has an Address argument in ns-3.48 (its
        // SinkApplication base) and none in 3.37; RxWithAddresses is the same in both.
        serverApp.Get(0)->TraceConnectWithoutContext(
            "RxWithAddresses",
            MakeCallback(&ElectricalIpv4TestCase::OnRequest, this));
        // ARP requests wait up to ArpL3Protocol's RequestJitter (10 ms) each, one by each end:
        // with ARP over the fabric the echoes are spaced beyond them.
        const Time interval = m_populateArp ? MicroSeconds(100) : MilliSeconds(50);
        UdpEchoClientHelper client(ifaces.GetAddress(SERVER), 9);
        client.SetAttribute("MaxPackets", UintegerValue(ECHOES));
        client.SetAttribute("Interval", TimeValue(interval));
        client.SetAttribute("PacketSize", UintegerValue(ECHO_BYTES));
        ApplicationContainer clientApp = client.Install(nodes.Get(CLIENT));
        const Time start = MicroSeconds(10);
        clientApp.Start(start);
        clientApp.Get(0)->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(&ElectricalIpv4TestCase::OnReply, this));

        // TCP across the leaves, after the echoes (it shares their leaves' uplinks).
        const uint64_t bulkBytes = 2000000;
        const Time bulkStart = start + ECHOES * interval;
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ifaces.GetAddress(2), 5000));
        bulk.SetAttribute("MaxBytes", UintegerValue(bulkBytes));
        bulk.Install(nodes.Get(1)).Start(bulkStart);
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), 5000));
        ApplicationContainer sink = sinkHelper.Install(nodes.Get(2));
        sink.Start(Seconds(0));

        Simulator::Stop(bulkStart + Seconds(1));
        Simulator::Run();

        // 4 links of w / B + d, 3 switches of L: store-and-forward.
        const Time oneWay =
            4 * (NanoSeconds(FRAME_BYTES * 8 / 800) + NanoSeconds(49)) + 3 * NanoSeconds(600);
        NS_TEST_EXPECT_MSG_EQ(oneWay, NanoSeconds(2040), "the closed form's value");
        NS_TEST_EXPECT_MSG_EQ(m_requests.size(), ECHOES, "every request arrived, once");
        NS_TEST_EXPECT_MSG_EQ(m_replies.size(), ECHOES, "every reply arrived, once");
        // With ARP over the fabric the first echo waits for the addresses; later ones do not.
        for (uint32_t i = m_populateArp ? 0 : 1; i < ECHOES && i < m_replies.size(); ++i)
        {
            const Time sent = start + i * interval;
            NS_TEST_EXPECT_MSG_EQ(m_requests[i], sent + oneWay, "request " << i);
            NS_TEST_EXPECT_MSG_EQ(m_replies[i], sent + 2 * oneWay, "reply " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx(),
                              bulkBytes,
                              "BulkSend delivered every byte");
        const ByteCounters bytes = ByteConservation::Sum(devices);
        NS_TEST_EXPECT_MSG_EQ(bytes.IsBalanced(), true, "every byte received, dropped or queued");
        NS_TEST_EXPECT_MSG_EQ(bytes.GetDropped(), 0, "nothing dropped");
        Simulator::Destroy();
    }

    /**
     * @brief The echo's ends: request out and reply in at the client, the other way round at
     * the server, ECHOES times, each frame of w bytes; TCP ran between the other two hosts.
     * @param prefix the pcap files' prefix
     */
    void CheckPcap(const std::string& prefix)
    {
        for (uint32_t host : {CLIENT, SERVER})
        {
            const std::string file = prefix + "-" + std::to_string(host) + "-0.pcap";
            const std::vector<PcapRecord> records = ReadPcap(file);
            NS_TEST_EXPECT_MSG_EQ(records.size(), 2 * ECHOES, file << ": one record per frame");
            if (records.size() != 2 * ECHOES)
            {
                continue;
            }
            for (uint32_t i = 0; i < ECHOES; ++i)
            {
                // Whole microseconds: the request leaves at 10 + 100 i and reaches the server
                // 2.04 us later, whose reply reaches the client 4.08 us after the request left.
                const uint64_t out = 10 + 100 * i;
                const uint64_t firstUs = host == CLIENT ? out : out + 2;
                const uint64_t secondUs = host == CLIENT ? out + 4 : out + 2;
                const PcapRecord& first = records[2 * i];
                const PcapRecord& second = records[2 * i + 1];
                NS_TEST_EXPECT_MSG_EQ(first.origLen, FRAME_BYTES, file << " record " << 2 * i);
                NS_TEST_EXPECT_MSG_EQ(second.origLen, FRAME_BYTES, file << " record " << 2 * i);
                NS_TEST_EXPECT_MSG_EQ(first.tsSec, 0U, file << " record " << 2 * i);
                NS_TEST_EXPECT_MSG_EQ(first.tsUsec, firstUs, file << " record " << 2 * i);
                NS_TEST_EXPECT_MSG_EQ(second.tsUsec, secondUs, file << " record " << 2 * i + 1);
            }
        }
    }

    bool m_populateArp;           //!< static ARP caches
    std::vector<Time> m_requests; //!< arrivals at the server
    std::vector<Time> m_replies;  //!< arrivals at the client
};

/// The suite.
class ElectricalIpv4TestSuite : public TestSuite
{
  public:
    ElectricalIpv4TestSuite()
        : TestSuite("scale-across-electrical-ipv4", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new ElectricalIpv4TestCase(true));
        AddTestCase(new ElectricalIpv4TestCase(false));
    }
};

/// Static instance registering the suite.
ElectricalIpv4TestSuite g_electricalIpv4TestSuite;

} // namespace
