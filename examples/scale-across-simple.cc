/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-simple: a handful of endpoints on one photonic crossbar.
 *
 *  node 0 ---fiber--- +-----------------+ ---fiber--- node 1
 *  node 2 ---fiber--- | photonic        | ---fiber--- node 3
 *     ...             | crossbar        |    ...
 *                     +-----------------+
 *
 * Part 1, raw bursts: node 0 sends one burst of each size to node 1 over an on-demand
 * circuit (the first burst pays the circuit set-up). The table compares every transfer with
 * its closed form, serialization + DSP/FEC + propagation (+ set-up), and the plot shows the
 * goodput against the line rate.
 * Part 2, IPv4: ns-3's Internet stack on the same fabric; every node echoes UDP with node 0
 * and node 1 sends a TCP bulk transfer to node 2. FlowMonitor reports the flows and pcap
 * files capture every device (Ethernet framing, readable by Wireshark).
 */

#include "example-arguments.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScaleAcrossSimple");

namespace
{

const std::string PROGRAM = "scale-across-simple"; //!< prefix of error lines

/// EtherType of the raw bursts (IEEE 802 local experimental).
constexpr uint16_t BURST_PROTOCOL = 0x88B5;

std::map<uint32_t, Time> g_arrival; //!< burst size -> arrival time

void
OnBurst(Ptr<NetDevice>,
        Ptr<const Packet> p,
        uint16_t,
        const Address&,
        const Address&,
        NetDevice::PacketType)
{
    g_arrival[p->GetSize()] = Simulator::Now();
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nodes = 4;
    uint32_t wavelengths = 4;
    uint32_t wavelengthsPerCircuit = 0;
    double fiberLength = 10;
    std::string technology = "SiPh-MZI";
    std::string outputDir = "scale-across-simple-output";
    bool pcap = true;

    CommandLine cmd(__FILE__);
    cmd.Usage("A handful of endpoints on one photonic crossbar: raw bursts against their "
              "closed form, then IPv4 (UdpEcho, TCP BulkSend, FlowMonitor) with pcap.");
    cmd.AddValue("nodes", "number of endpoints, 3 ... 64", nodes);
    cmd.AddValue("wavelengths",
                 "DWDM wavelengths per transceiver (1.6 Tb/s each), 1 ... 1024",
                 wavelengths);
    cmd.AddValue("wavelengthsPerCircuit",
                 "wavelengths bonded per circuit; 0 = all (one circuit per NIC)",
                 wavelengthsPerCircuit);
    cmd.AddValue("fiberLength", "fiber from each NIC to the crossbar, m (>= 0)", fiberLength);
    cmd.AddValue("technology",
                 "crossbar technology preset: " + CrossbarTechnology::GetNames(),
                 technology);
    cmd.AddValue("outputDir", "folder for the table, plot and pcap files", outputDir);
    cmd.AddValue("pcap", "write a pcap file per device (true/false)", pcap);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    ExampleArguments::CheckUnsigned(
        argc,
        argv,
        PROGRAM,
        {{"nodes", 64}, {"wavelengths", 1024}, {"wavelengthsPerCircuit", 1024}});
    cmd.Parse(argc, argv);
    if (nodes < 3 || nodes > 64)
    {
        ExampleArguments::Fail(PROGRAM,
                               "--nodes=" + std::to_string(nodes) + " is invalid: use 3 ... 64");
    }
    if (wavelengths == 0 || wavelengths > 1024)
    {
        ExampleArguments::Fail(PROGRAM,
                               "--wavelengths=" + std::to_string(wavelengths) +
                                   " is invalid: use 1 ... 1024");
    }
    if (wavelengthsPerCircuit > wavelengths ||
        (wavelengthsPerCircuit != 0 && wavelengths % wavelengthsPerCircuit != 0))
    {
        ExampleArguments::Fail(PROGRAM,
                               "--wavelengthsPerCircuit=" + std::to_string(wavelengthsPerCircuit) +
                                   " is invalid with --wavelengths=" + std::to_string(wavelengths) +
                                   ": use 0 (all) or a divisor of it");
    }
    if (!(fiberLength >= 0))
    {
        std::ostringstream given;
        given << fiberLength;
        ExampleArguments::Fail(PROGRAM,
                               "--fiberLength=" + given.str() + " is invalid: use a length >= 0 m");
    }
    if (!CrossbarTechnology::Exists(technology))
    {
        ExampleArguments::Fail(PROGRAM,
                               "--technology=" + technology + " is invalid: use one of " +
                                   CrossbarTechnology::GetNames());
    }
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);

    NodeContainer endpoints;
    endpoints.Create(nodes);
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
    fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(wavelengthsPerCircuit));
    fabric.SetChannelAttribute("Length", DoubleValue(fiberLength));
    fabric.SetCrossbarTechnology(technology);
    NetDeviceContainer devices = fabric.Install(endpoints);
    Ptr<OpticalNetDevice> sender = DynamicCast<OpticalNetDevice>(devices.Get(0));
    Ptr<OpticalNetDevice> receiver = DynamicCast<OpticalNetDevice>(devices.Get(1));
    Ptr<PhotonicCrossbar> crossbar = fabric.GetCrossbar();

    // A path whose received power is below the sensitivity loses every frame: say so now
    // rather than time transfers that never arrive.
    {
        Ptr<CoherentTransceiver> tx = sender->GetTransceiver();
        Ptr<OpticalChannel> fiberTx = DynamicCast<OpticalChannel>(sender->GetChannel());
        Ptr<OpticalChannel> fiberRx = DynamicCast<OpticalChannel>(receiver->GetChannel());
        optical::LinkBudget budget;
        budget.launchPowerDbm = tx->GetLaunchPowerDbm();
        budget.fiberLossDb = fiberTx->GetFiberLossDb() + fiberRx->GetFiberLossDb();
        budget.crossbarLossDb = crossbar->GetInsertionLossDb();
        budget.connectorLossDb = fiberTx->GetConnectorLossDb() + fiberRx->GetConnectorLossDb();
        budget.sensitivityDbm = receiver->GetTransceiver()->GetReceiverSensitivityDbm();
        if (!budget.Closes())
        {
            // Both fibers have --fiberLength: the margin left without them, per meter of each.
            const double spare = budget.MarginDb() + budget.fiberLossDb;
            const double perMeter = 2 * fiberTx->GetAttenuationDbPerKm() / 1000;
            std::ostringstream why;
            why << "--fiberLength=" << fiberLength << " is invalid: the link budget does not "
                << "close, every frame would be lost (received " << std::fixed
                << std::setprecision(1) << budget.ReceivedPowerDbm() << " dBm, below the "
                << "receiver's sensitivity of " << budget.sensitivityDbm << " dBm, through "
                << budget.fiberLossDb << " dB of fiber and " << budget.crossbarLossDb << " dB of "
                << technology << " crossbar); use --fiberLength <= " << std::setprecision(0)
                << std::floor(spare / perMeter);
            ExampleArguments::Fail(PROGRAM, why.str());
        }
    }

    // Part 1: raw bursts 0 -> 1, one per size, far enough apart not to queue: 1 ms, or the
    // crossbar's set-up plus 1 ms where the set-up is that slow (MEMS, piezo), so that the
    // first burst, which waits for its circuit, has arrived before the second leaves.
    endpoints.Get(1)->RegisterProtocolHandler(MakeCallback(&OnBurst), BURST_PROTOCOL, receiver);
    std::vector<uint32_t> sizes;
    for (uint32_t s = 1024; s <= (16u << 20); s *= 4)
    {
        sizes.push_back(s);
    }
    const Time setup = crossbar->GetReconfigurationTime();
    const Time spacing = setup < MicroSeconds(500) ? MilliSeconds(1) : setup + MilliSeconds(1);
    Time t = Seconds(0);
    std::map<uint32_t, Time> sentAt;
    for (uint32_t s : sizes)
    {
        sentAt[s] = t;
        Simulator::ScheduleWithContext(endpoints.Get(0)->GetId(), t, [sender, receiver, s]() {
            sender->Send(Create<Packet>(s), receiver->GetAddress(), BURST_PROTOCOL);
        });
        t += spacing;
    }

    // Part 2: IPv4 on the same fabric, after the bursts.
    InternetStackHelper stack;
    stack.Install(endpoints);
    Ipv4AddressHelper address("10.1.0.0", "255.255.0.0");
    Ipv4InterfaceContainer ifaces = address.Assign(devices);
    const Time ipStart = t;
    UdpEchoServerHelper echoServer(9);
    echoServer.Install(endpoints.Get(0)).Start(ipStart);
    for (uint32_t i = 1; i < nodes; ++i)
    {
        UdpEchoClientHelper client(ifaces.GetAddress(0), 9);
        client.SetAttribute("MaxPackets", UintegerValue(3));
        client.SetAttribute("Interval", TimeValue(MicroSeconds(50)));
        client.SetAttribute("PacketSize", UintegerValue(1024));
        client.Install(endpoints.Get(i)).Start(ipStart + MicroSeconds(10 * i));
    }
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(ifaces.GetAddress(2), 5000));
    bulk.SetAttribute("MaxBytes", UintegerValue(10000000));
    bulk.Install(endpoints.Get(1)).Start(ipStart);
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 5000));
    ApplicationContainer sink = sinkHelper.Install(endpoints.Get(2));
    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor = flowHelper.InstallAll();
    if (pcap)
    {
        fabric.EnablePcapAll(outputDir + "/scale-across-simple");
    }

    // A second for IPv4, and on a slow crossbar time for its circuits: ARP is broadcast as a
    // copy to every other port, each copy on a circuit of its own, set up one after the other.
    const Time ipTime = setup < MicroSeconds(500)
                            ? Seconds(1)
                            : Seconds(1) + setup * static_cast<int64_t>(nodes * nodes);
    Simulator::Stop(ipStart + ipTime);
    Simulator::Run();

    // Part 1 results: table and plot.
    Ptr<CoherentTransceiver> xcvr = sender->GetTransceiver();
    const double rate = xcvr->GetDataRatePerWavelength().GetBitRate() *
                        static_cast<double>(sender->GetWavelengthsPerCircuit());
    const double fiber = 2 * fiberLength * 1.468 / 299792458.0;
    std::ostringstream table;
    table << "# raw bursts node 0 -> node 1, " << sender->GetWavelengthsPerCircuit() << " x "
          << xcvr->GetDataRatePerWavelength().GetBitRate() / 1e9 << " Gb/s per circuit, "
          << technology << " crossbar, 2 x " << fiberLength << " m of fiber\n"
          << "#" << std::setw(11) << "size(B)" << std::setw(16) << "time(ns)" << std::setw(16)
          << "closed(ns)" << std::setw(14) << "setup(ns)" << std::setw(14) << "goodput(Gb/s)"
          << "\n";
    Gnuplot2dDataset goodput("simulated goodput");
    goodput.SetStyle(Gnuplot2dDataset::LINES_POINTS);
    // Only the first burst finds no circuit: it pays one set-up.
    bool first = true;
    int mismatches = 0;
    int missing = 0;
    for (uint32_t s : sizes)
    {
        const Time pay = first ? setup : Seconds(0);
        const Time closed = pay + Seconds(8.0 * (s + 14) / rate + fiber) + xcvr->GetFixedLatency();
        first = false;
        if (!g_arrival.count(s))
        {
            ++missing; // the drop reasons are in the fabric's byte counters below
            table << std::setw(12) << s << std::setw(16) << "lost" << std::setw(16)
                  << closed.GetNanoSeconds() << std::setw(14) << pay.GetNanoSeconds()
                  << std::setw(14) << "-"
                  << "\n";
            continue;
        }
        const Time took = g_arrival[s] - sentAt[s];
        if (Abs(took - closed) > NanoSeconds(1))
        {
            ++mismatches;
        }
        const double gbps = 8.0 * s / took.GetSeconds() / 1e9;
        table << std::setw(12) << s << std::setw(16) << took.GetNanoSeconds() << std::setw(16)
              << closed.GetNanoSeconds() << std::setw(14) << pay.GetNanoSeconds() << std::setw(14)
              << std::fixed << std::setprecision(1) << gbps << "\n";
        goodput.Add(s, gbps);
    }
    std::cout << table.str();
    GnuplotWriter::WriteFileAtomically(outputDir + "/scale-across-simple-transfer.txt",
                                       table.str());

    Gnuplot plot;
    std::ostringstream circuit;
    circuit << sender->GetWavelengthsPerCircuit() << " × "
            << xcvr->GetDataRatePerWavelength().GetBitRate() / 1e9 << " Gb/s per circuit, "
            << technology << " crossbar (set-up " << setup.GetSeconds() * 1e6 << " µs), 2 × "
            << fiberLength << " m of fiber";
    GnuplotWriter::SetTitle(
        plot,
        {"raw bursts node 0 → node 1, one per size (the first pays the set-up)", circuit.str()});
    plot.SetLegend("burst size", "goodput (Gb/s)");
    GnuplotWriter::SetLogAxis(plot, "x", sizes.front(), sizes.back(), GnuplotWriter::BYTES);
    plot.AddDataset(goodput);
    std::ostringstream roofTitle;
    roofTitle << "line rate per circuit, " << rate / 1e9 << " Gb/s";
    GnuplotWriter::AddRoof(plot, rate / 1e9, roofTitle.str());
    const GnuplotWriter::Result written =
        GnuplotWriter::Write(plot, outputDir, "scale-across-simple-transfer");

    // Part 2 results.
    monitor->CheckForLostPackets();
    uint64_t flows = 0;
    uint64_t lost = 0;
    for (const auto& [id, st] : monitor->GetFlowStats())
    {
        ++flows;
        lost += st.lostPackets;
    }
    const uint64_t bulkRx = DynamicCast<PacketSink>(sink.Get(0))->GetTotalRx();
    std::cout << "# IPv4: " << flows << " flows seen by FlowMonitor, " << lost
              << " packets lost; TCP bulk delivered " << bulkRx << " of 10000000 bytes\n";

    const ByteCounters bytes = ByteConservation::Sum(devices);
    std::cout << "# fabric bytes: " << bytes.Describe() << "\n";
    std::cout << "# wrote " << outputDir << "/scale-across-simple-transfer.txt, "
              << written.GetFiles();
    if (pcap)
    {
        std::cout << ", " << outputDir << "/scale-across-simple-<node>-<device>.pcap";
    }
    std::cout << "\n";
    Simulator::Destroy();

    if (missing || mismatches || lost || bulkRx != 10000000 || !bytes.IsBalanced())
    {
        std::cerr << PROGRAM << ": FAILED (" << missing << " bursts lost, " << mismatches
                  << " transfers off their closed form, " << lost << " IP packets lost, TCP "
                  << bulkRx << " of 10000000 bytes; fabric bytes " << bytes.Describe() << ")\n";
        return 1;
    }
    return 0;
}
