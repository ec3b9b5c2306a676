/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * bench-vs-tcp: ring all-reduce of 64 MiB over 64 ranks, side by side in one run:
 *
 *  - this module: single-hop optical fabric, static circuits, one 1.6 Tb/s wavelength per NIC,
 *    the collective moved as messages (CollectiveCommunicator);
 *  - ns-3's standard parts, as a user would write it today: every rank on a PointToPoint link
 *    (1.6 Tb/s, 10 m of fiber: 49 ns) to one switching node, Internet stack, global routing,
 *    TCP (1448-byte segments, 4 MiB buffers) with a PacketSink per rank, and the ring's
 *    2 (p - 1) steps done step by step: rank r starts its BulkSend of step s (one block,
 *    bytes / p) to rank r + 1 once it has received s blocks from rank r - 1.
 *
 * Each side runs in its own child process; prints wall time, peak RSS, events and simulated
 * completion time of both, and the ratios, as `name value unit` lines.
 */

#include "bench-support.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

using namespace ns3;

namespace
{

/// Drives the TCP ring step by step and records when every rank has all its blocks.
class TcpRing
{
  public:
    TcpRing(NodeContainer ranks, std::vector<Ipv4Address> addresses, uint64_t block)
        : m_ranks(ranks),
          m_addresses(std::move(addresses)),
          m_block(block),
          m_steps(2 * (ranks.GetN() - 1)),
          m_received(ranks.GetN(), 0),
          m_started(ranks.GetN(), 0),
          m_ranksDone(0)
    {
    }

    /// Start step 0 on every rank.
    void Start()
    {
        for (uint32_t r = 0; r < m_ranks.GetN(); ++r)
        {
            StartStep(r);
        }
    }

    /// PacketSink Rx of rank r.
    void Received(uint32_t r, Ptr<const Packet> packet, const Address&)
    {
        m_received[r] += packet->GetSize();
        // A rank may start step s once s blocks have arrived (it forwards what it got).
        while (m_started[r] < m_steps && m_received[r] >= m_started[r] * m_block)
        {
            StartStep(r);
        }
        if (m_received[r] == m_steps * m_block)
        {
            ++m_ranksDone;
            m_done = Simulator::Now();
            if (Complete())
            {
                Simulator::Stop(); // TCP timers and ShowProgress would run on
            }
        }
    }

    /// @return true if every rank got all its blocks
    bool Complete() const
    {
        return m_ranksDone == m_ranks.GetN();
    }

    /// @return when the last rank got its last block
    Time DoneAt() const
    {
        return m_done;
    }

  private:
    void StartStep(uint32_t r)
    {
        const uint32_t next = (r + 1) % m_ranks.GetN();
        BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(m_addresses[next], 9));
        bulk.SetAttribute("MaxBytes", UintegerValue(m_block));
        bulk.SetAttribute("SendSize", UintegerValue(64 * 1024));
        bulk.Install(m_ranks.Get(r));
        ++m_started[r];
    }

    NodeContainer m_ranks;
    std::vector<Ipv4Address> m_addresses;
    uint64_t m_block;
    uint64_t m_steps;
    std::vector<uint64_t> m_received;
    std::vector<uint64_t> m_started;
    uint32_t m_ranksDone;
    Time m_done;
};

/// The standard-stack ring; fills values: [0] simulated us, [1] events, [2] complete (1/0).
void
RunTcpRing(uint32_t p, uint64_t bytes, double* values)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));

    NodeContainer ranks;
    ranks.Create(p);
    Ptr<Node> sw = CreateObject<Node>();
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("1600Gbps"));
    link.SetChannelAttribute("Delay", StringValue("49ns"));
    InternetStackHelper internet;
    internet.Install(ranks);
    internet.Install(sw);
    Ipv4AddressHelper ip("10.0.0.0", "255.255.255.252");
    std::vector<Ipv4Address> addresses;
    for (uint32_t r = 0; r < p; ++r)
    {
        NetDeviceContainer pair = link.Install(ranks.Get(r), sw);
        addresses.push_back(ip.Assign(pair).GetAddress(0));
        ip.NewNetwork();
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    TcpRing ring(ranks, addresses, bytes / p);
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9));
    ApplicationContainer sinks = sink.Install(ranks);
    for (uint32_t r = 0; r < p; ++r)
    {
        sinks.Get(r)->TraceConnectWithoutContext("Rx",
                                                 MakeCallback(&TcpRing::Received, &ring).Bind(r));
    }
    Simulator::ScheduleNow(&TcpRing::Start, &ring);
    // Outlives the run (ns-3.37 does not cancel its event when destroyed); the ring stops the
    // simulation when complete. The limit stops a ring that would never complete.
    ShowProgress progress(Seconds(10), std::cerr);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    values[0] = ring.DoneAt().GetSeconds() * 1e6;
    values[1] = static_cast<double>(Simulator::GetEventCount());
    values[2] = ring.Complete() ? 1 : 0;
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t ranks = 64;
    uint64_t bytes = 64ULL << 20;
    CommandLine cmd(__FILE__);
    cmd.Usage("Ring all-reduce with this module and with PointToPoint + Internet + TCP "
              "BulkSend, side by side: wall time (s), peak RSS (MiB), events, simulated time "
              "(us) and ratios, as `name value unit` lines.");
    cmd.AddValue("ranks", "ranks, 2 ... 16384 (one /30 subnet each)", ranks);
    cmd.AddValue("bytes", "all-reduce size, bytes (a multiple of ranks)", bytes);
    cmd.Parse(argc, argv);
    if (ranks < 2 || ranks > 16384 || bytes == 0 || bytes % ranks != 0)
    {
        std::cerr << "bench-vs-tcp: --ranks=" << ranks << " --bytes=" << bytes
                  << " are invalid: use 2 <= ranks <= 16384 and bytes a positive multiple of "
                     "ranks"
                  << std::endl;
        return 1;
    }

    const bench::Measured optical = bench::RunInChild([&](double* values) {
        const bench::AllReduceRun run =
            bench::RunOpticalAllReduce(ranks, "ring", bytes, 0, 1, false);
        values[0] = run.result.time.GetSeconds() * 1e6;
        values[1] = static_cast<double>(run.events);
    });
    const bench::Measured tcp =
        bench::RunInChild([&](double* values) { RunTcpRing(ranks, bytes, values); });
    if (tcp.values[2] != 1)
    {
        std::cerr << "bench-vs-tcp: the TCP ring did not deliver every block" << std::endl;
        return 1;
    }
    bench::Report("ranks", ranks, "ranks");
    bench::Report("bytes", static_cast<double>(bytes), "B");
    bench::Report("optical_wall_time", optical.wallSeconds, "s");
    bench::Report("optical_peak_rss", optical.peakRssMiB, "MiB");
    bench::Report("optical_events", optical.values[1], "events");
    bench::Report("optical_simulated_time", optical.values[0], "us");
    bench::Report("tcp_wall_time", tcp.wallSeconds, "s");
    bench::Report("tcp_peak_rss", tcp.peakRssMiB, "MiB");
    bench::Report("tcp_events", tcp.values[1], "events");
    bench::Report("tcp_simulated_time", tcp.values[0], "us");
    bench::Report("wall_time_ratio_tcp_over_optical", tcp.wallSeconds / optical.wallSeconds, "x");
    bench::Report("events_ratio_tcp_over_optical", tcp.values[1] / optical.values[1], "x");
    bench::Report("simulated_time_ratio_tcp_over_optical", tcp.values[0] / optical.values[0], "x");
    return 0;
}
