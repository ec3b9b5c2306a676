/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-allreduce: an nccl-tests style sweep of a collective over a single-hop optical
 * fabric or an electrical packet fabric, for one or several algorithms and fabrics side by side.
 *
 * Every rank is an endpoint with a coherent transceiver on one port of a photonic crossbar.
 * With --fabric=static (default) the crossbar holds, from time zero, exactly the circuits the
 * algorithm's schedule uses (one per peer and flow, each on its own wavelength group): the
 * ideal fabric. With --fabric=ondemand circuits are set up when a NIC first needs them and
 * each set-up costs the technology's reconfiguration time. With --fabric=leafspine or fattree
 * the ranks are hosts of an electrical packet fabric (LeafSpineHelper, FatTreeHelper: output-
 * queued switches, credit-based lossless flow control) whose per-endpoint rate is the optical
 * NIC's, wavelengths x 1.6 Tb/s, so the fabrics compare at the same rate. Several fabrics,
 * comma separated, run one after the other into the same table and figures.
 *
 * Output: a table per algorithm in nccl-tests' columns (size count type redop time algbw
 * busbw), and two figures of the same runs (gnuplot .plt, PNG and PDF): busbw against size
 * under the per-rank line rate (the roof), and time against size.
 */

#include "example-arguments.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScaleAcrossAllReduce");

namespace
{

const std::string PROGRAM = "scale-across-allreduce"; //!< prefix of error lines

/// Stop with one line on stderr and status 1.
[[noreturn]] void
Fail(const std::string& message)
{
    ExampleArguments::Fail(PROGRAM, message);
}

/**
 * @brief Build an electrical packet fabric over the nodes at the optical NIC's rate.
 * @param kind leafspine or fattree
 * @param nodes the ranks
 * @param wavelengths the optical NIC's wavelengths (1.6 Tb/s each)
 * @param radix leafspine radix (0: auto)
 * @param oversubscription leafspine r
 * @param k fattree k (0: auto)
 * @param cellBytes CellBytes of the NICs
 * @param routing the switches' Routing
 * @param line set to the fabric's description for the table
 * @return the host devices, in the order of nodes
 */
NetDeviceContainer
InstallPacketFabric(const std::string& kind,
                    const NodeContainer& nodes,
                    uint32_t wavelengths,
                    uint32_t radix,
                    double oversubscription,
                    uint32_t k,
                    uint32_t cellBytes,
                    const std::string& routing,
                    std::string& line)
{
    const uint32_t n = nodes.GetN();
    std::ostringstream os;
    NetDeviceContainer devices;
    auto configure = [&](PacketFabricHelper& fabric) {
        fabric.MatchOpticalNic(wavelengths);
        fabric.SetDeviceAttribute("CellBytes", UintegerValue(cellBytes));
        fabric.SetSwitchAttribute("Routing", StringValue(routing));
    };
    if (kind == "leafspine")
    {
        if (radix == 0)
        {
            // The smallest even radix at this oversubscription whose leaves hold the ranks.
            for (uint32_t r = 2;; r += 2)
            {
                const double up = r / (oversubscription + 1);
                const auto u = static_cast<uint32_t>(std::llround(up));
                const uint32_t h = r - u;
                if (u >= 1 && u < r && std::fabs(up - u) < 1e-9 && n % h == 0 && n / h <= r)
                {
                    radix = r;
                    break;
                }
                if (r > 2 * n + 2 * oversubscription + 4)
                {
                    Fail("no leaf-spine radix up to " + std::to_string(r) + " holds " +
                         std::to_string(n) + " ranks at this --oversubscription: set --radix");
                }
            }
        }
        LeafSpineHelper fabric;
        fabric.SetRadix(radix);
        fabric.SetOversubscription(oversubscription);
        configure(fabric);
        devices = fabric.Install(nodes);
        os << "leafspine fabric (radix " << radix << ", " << oversubscription << ":1, "
           << n / fabric.GetHostsPerLeaf() << " leaves of " << fabric.GetHostsPerLeaf()
           << " hosts, " << fabric.GetSpines() << " spines";
    }
    else
    {
        if (k == 0)
        {
            for (k = 2; uint64_t{k} * k * k / 4 < n; k += 2)
            {
            }
        }
        FatTreeHelper fabric;
        fabric.SetK(k);
        configure(fabric);
        devices = fabric.Install(nodes);
        os << "fattree fabric (k = " << k << ", " << fabric.GetNSwitches() << " switches";
    }
    Ptr<PacketNetDevice> dev = DynamicCast<PacketNetDevice>(devices.Get(0));
    os << ", " << wavelengths * 1.6 << " Tb/s per endpoint, cells of " << dev->GetCellBytes()
       << " B, " << routing << ")";
    line = os.str();
    return devices;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t minBytes = 1 << 20;
    uint64_t maxBytes = 256 << 20;
    uint64_t stepFactor = 4;
    uint32_t ranks = 8;
    std::string algos = "default";
    std::string op = "all_reduce";
    uint32_t wavelengths = 4;
    uint64_t chunkBytes = 1 << 20;
    uint32_t channels = 1;
    std::string protocol = "Simple";
    bool protocolLatency = false;
    std::string fabricKind = "static";
    std::string technology = "SiPh-MZI";
    std::string outputDir = "scale-across-allreduce-output";
    std::string progress = "auto";
    uint32_t radix = 0;
    double oversubscription = 1;
    uint32_t fatTreeK = 0;
    uint32_t cellBytes = 0;
    std::string routing = "ecmp";

    CommandLine cmd(__FILE__);
    std::string defaults;
    for (const std::string& c : CollectiveAlgorithmRegistry::GetCollectives())
    {
        defaults +=
            (defaults.empty() ? "" : "; ") + c + ": " +
            CollectiveAlgorithmRegistry::Join(CollectiveAlgorithmRegistry::GetDefaultAlgorithms(c));
    }
    cmd.Usage("nccl-tests style sweep of a collective over a single-hop optical fabric or an "
              "electrical packet fabric (leaf-spine, fat-tree) at the same per-endpoint rate.\n"
              "Valid --op/--algo pairs: " +
              GetCollectiveAlgorithms() + ".");
    cmd.AddValue("minBytes", "smallest message, bytes, >= 4 (nccl-tests -b)", minBytes);
    cmd.AddValue("maxBytes", "largest message, bytes, <= 2^40 (nccl-tests -e)", maxBytes);
    cmd.AddValue("stepFactor", "factor between sizes, 2 ... 1024 (nccl-tests -f)", stepFactor);
    cmd.AddValue("ranks", "ranks (endpoints), 1 ... 1048576", ranks);
    cmd.AddValue("algo",
                 "algorithms to compare, comma separated, or default (" + defaults + ")",
                 algos);
    cmd.AddValue("op",
                 "collective: " + CollectiveAlgorithmRegistry::Join(
                                      CollectiveAlgorithmRegistry::GetCollectives()),
                 op);
    cmd.AddValue("wavelengths", "DWDM wavelengths per NIC, 1.6 Tb/s each, 1 ... 1024", wavelengths);
    cmd.AddValue("chunkBytes", "pipeline chunk, bytes; 0 = no pipelining", chunkBytes);
    cmd.AddValue("ncclChannels",
                 "NCCL channels: parallel rings / tree pairs, each on its own lane, 1 ... 32",
                 channels);
    cmd.AddValue("protocol", "NCCL protocol: Simple, LL128 or LL", protocol);
    cmd.AddValue("protocolLatency",
                 "add NCCL's base and per-send latency (true/false)",
                 protocolLatency);
    cmd.AddValue("fabric",
                 "fabrics to compare, comma separated: static (optical, circuits set up before "
                 "the run), ondemand (optical), leafspine or fattree (electrical, at the optical "
                 "NIC's rate)",
                 fabricKind);
    cmd.AddValue("radix",
                 "leafspine: ports per switch, 2 ... 65535; 0 = the smallest even radix whose "
                 "leaves hold the ranks",
                 radix);
    cmd.AddValue("oversubscription",
                 "leafspine: host ports per uplink at each leaf, >= 1",
                 oversubscription);
    cmd.AddValue("k",
                 "fattree: k, even, 2 ... 1024; 0 = the smallest that holds the ranks",
                 fatTreeK);
    cmd.AddValue("cellBytes",
                 "leafspine/fattree: payload bytes per simulated cell, a multiple of the 4096-byte "
                 "Mtu; 0 = one cell per packet",
                 cellBytes);
    cmd.AddValue("routing", "leafspine/fattree: ecmp, spray or adaptive", routing);
    cmd.AddValue("technology",
                 "crossbar technology for --fabric=ondemand: " + CrossbarTechnology::GetNames(),
                 technology);
    cmd.AddValue("outputDir", "folder for the table and the plot", outputDir);
    cmd.AddValue("progress",
                 "show simulated time and events on stderr every 10 s of wall time: true, "
                 "false, or auto (true from 1024 ranks)",
                 progress);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    ExampleArguments::CheckUnsigned(argc,
                                    argv,
                                    PROGRAM,
                                    {{"minBytes", uint64_t{1} << 40},
                                     {"maxBytes", uint64_t{1} << 40},
                                     {"stepFactor", 1024},
                                     {"ranks", 1 << 20},
                                     {"wavelengths", 1024},
                                     {"chunkBytes", uint64_t{1} << 40},
                                     {"ncclChannels", 32},
                                     {"radix", 65535},
                                     {"k", 1024},
                                     {"cellBytes", 0xffffffffULL}});
    cmd.Parse(argc, argv);

    if (ranks == 0)
    {
        Fail("--ranks=0 is invalid: use 1 ... 1048576");
    }
    if (progress != "auto" && progress != "true" && progress != "false")
    {
        Fail("--progress=" + progress + " is invalid: use true, false or auto");
    }
    const bool showProgress = progress == "true" || (progress == "auto" && ranks >= 1024);
    if (channels == 0)
    {
        Fail("--ncclChannels=0 is invalid: use 1 ... 32");
    }
    if (wavelengths == 0 || wavelengths > 1024)
    {
        Fail("--wavelengths=" + std::to_string(wavelengths) + " is invalid: use 1 ... 1024");
    }
    const std::vector<std::string> fabrics = ExampleArguments::SplitList(fabricKind);
    if (fabrics.empty())
    {
        Fail("--fabric is empty: name at least one of static, ondemand, leafspine, fattree");
    }
    for (const std::string& f : fabrics)
    {
        if (f != "static" && f != "ondemand" && f != "leafspine" && f != "fattree")
        {
            Fail("--fabric=" + f + " is invalid: use static, ondemand, leafspine or fattree");
        }
    }
    if (routing != "ecmp" && routing != "spray" && routing != "adaptive")
    {
        Fail("--routing=" + routing + " is invalid: use ecmp, spray or adaptive");
    }
    if (!(oversubscription >= 1))
    {
        std::ostringstream os;
        os << "--oversubscription=" << oversubscription
           << " is invalid: use 1 (non-blocking) or more";
        Fail(os.str());
    }
    if (cellBytes % 4096 != 0)
    {
        Fail("--cellBytes=" + std::to_string(cellBytes) +
             " is invalid: use 0 or a multiple of the Mtu, 4096");
    }
    if (fatTreeK != 0 && (fatTreeK < 2 || fatTreeK % 2 != 0))
    {
        Fail("--k=" + std::to_string(fatTreeK) +
             " is invalid: use 0 (auto) or an even number, 2 ... 1024");
    }
    if (minBytes < 4 || maxBytes < minBytes || stepFactor < 2)
    {
        Fail("sizes --minBytes=" + std::to_string(minBytes) + " --maxBytes=" +
             std::to_string(maxBytes) + " --stepFactor=" + std::to_string(stepFactor) +
             " are invalid: use 4 <= minBytes <= maxBytes and stepFactor >= 2");
    }
    const std::vector<uint64_t> sizes = CollectiveHelper::Sizes(minBytes, maxBytes, stepFactor);
    const std::vector<std::string> valid = CollectiveAlgorithmRegistry::GetAlgorithms(op);
    if (valid.empty())
    {
        Fail("--op=" + op + " is invalid: use " +
             CollectiveAlgorithmRegistry::Join(CollectiveAlgorithmRegistry::GetCollectives()));
    }
    const std::vector<std::string> algorithms =
        algos == "default" ? CollectiveAlgorithmRegistry::GetDefaultAlgorithms(op)
                           : ExampleArguments::SplitList(algos);
    if (algorithms.empty())
    {
        Fail("--algo is empty: name at least one of " + CollectiveAlgorithmRegistry::Join(valid) +
             " (for --op=" + op + "), or default");
    }
    for (const std::string& algo : algorithms)
    {
        if (!CollectiveAlgorithmRegistry::Find(op, algo))
        {
            Fail("--algo=" + algo + " is invalid for --op=" + op + " (no " + op + "/" + algo +
                 "): use " + CollectiveAlgorithmRegistry::Join(valid) + ", or default");
        }
    }
    CrossbarTechnology::Get(technology); // checks the name

    const double lineRateGBs = wavelengths * 1.6e12 / 8 / 1e9;
    std::ostringstream table;
    // Two figures of the same runs: busbw under the line rate, and time, against size.
    std::string fabricTitle;
    for (const std::string& f : fabrics)
    {
        fabricTitle += (fabricTitle.empty() ? "" : ", ") + f +
                       (f == "ondemand" ? " (" + technology + ")" : "");
    }
    const std::vector<std::string> title = {
        op + ", " + std::to_string(ranks) + " ranks, " + std::to_string(channels) +
            (channels == 1 ? " NCCL channel, " : " NCCL channels, ") + fabricTitle +
            (fabrics.size() == 1 ? " fabric" : " fabrics"),
        std::to_string(wavelengths) + " × 1.6 Tb/s per NIC, chunk " +
            (chunkBytes ? GnuplotWriter::FormatBytes(chunkBytes) : "none") + ", NCCL " + protocol +
            (protocolLatency ? " + latency" : "")};
    Gnuplot busbwPlot;
    GnuplotWriter::SetTitle(busbwPlot, title);
    busbwPlot.SetLegend("message size", "busbw (GB/s)");
    GnuplotWriter::SetLogAxis(busbwPlot, "x", sizes.front(), sizes.back(), GnuplotWriter::BYTES);
    Gnuplot timePlot;
    GnuplotWriter::SetTitle(timePlot, title);
    timePlot.SetLegend("message size", "time (µs)");
    GnuplotWriter::SetLogAxis(timePlot, "x", sizes.front(), sizes.back(), GnuplotWriter::BYTES);
    double minUs = 0; // range of the times above zero (a single rank takes none)
    double maxUs = 0;

    for (const std::string& fabricName : fabrics)
        for (const std::string& algo : algorithms)
        {
            const bool electrical = fabricName == "leafspine" || fabricName == "fattree";
            CollectiveHelper nccl;
            nccl.SetCommunicatorAttribute("Collective", StringValue(op));
            nccl.SetCommunicatorAttribute("Algorithm", StringValue(algo));
            nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(chunkBytes));
            nccl.SetCommunicatorAttribute("NcclChannels", UintegerValue(channels));
            nccl.SetCommunicatorAttribute("Protocol", StringValue(protocol));
            nccl.SetCommunicatorAttribute("ProtocolLatency", BooleanValue(protocolLatency));

            NodeContainer nodes;
            nodes.Create(ranks);
            OpticalFabricHelper fabric;
            fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
            uint32_t lanes = 1;
            std::string fabricLine = fabricName + " fabric";
            NetDeviceContainer devices;
            if (electrical)
            {
                devices = InstallPacketFabric(fabricName,
                                              nodes,
                                              wavelengths,
                                              radix,
                                              oversubscription,
                                              fatTreeK,
                                              cellBytes,
                                              routing,
                                              fabricLine);
            }
            else if (fabricName == "static")
            {
                Ptr<StaticCircuitScheduler> circuits =
                    CollectiveCircuitHelper(nccl).MakeStaticCircuits(ranks, sizes.front());
                lanes = circuits->GetLanesNeeded();
                if (wavelengths % lanes != 0)
                {
                    Fail(op + "/" + algo + " on " + std::to_string(ranks) + " ranks needs " +
                         std::to_string(lanes) + " circuits per NIC; --wavelengths=" +
                         std::to_string(wavelengths) + " is not a multiple of " +
                         std::to_string(lanes) + " (or use --fabric=ondemand)");
                }
                fabric.SetCircuitScheduler(circuits);
            }
            else
            {
                fabric.SetCrossbarTechnology(technology);
            }
            if (!electrical)
            {
                fabric.SetDeviceAttribute("WavelengthsPerCircuit",
                                          UintegerValue(wavelengths / lanes));
                devices = fabric.Install(nodes);
            }
            Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
            comm->Run(sizes, Seconds(0));
            CollectiveProgress show; // outlives Run and Destroy: ns-3.37 needs that
            if (showProgress)
            {
                show.Start(comm, sizes.size());
            }
            Simulator::Run();

            table << "#\n# " << op << " / " << algo << ", " << ranks << " ranks, " << wavelengths
                  << (electrical ? " wavelengths' rate per NIC"
                                 : " wavelengths in " + std::to_string(lanes) + " lane(s) per NIC")
                  << ", chunk " << chunkBytes << " B, " << channels << " NCCL channel(s), protocol "
                  << protocol << (protocolLatency ? " with latency" : "") << ", " << fabricLine
                  << "\n"
                  << CollectiveResult::TableHeader() << "\n";
            // The example's own checks: every size completed and every byte is accounted for.
            const ByteCounters bytes = ByteConservation::Sum(devices);
            if (comm->GetResults().size() != sizes.size() || !bytes.IsBalanced())
            {
                Fail(op + "/" + algo + ": " + std::to_string(comm->GetResults().size()) + " of " +
                     std::to_string(sizes.size()) + " sizes completed; fabric bytes " +
                     bytes.Describe());
            }
            const std::string dataset = fabrics.size() > 1 ? fabricName + " " + algo : algo;
            Gnuplot2dDataset busbw(dataset);
            busbw.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            Gnuplot2dDataset time(dataset);
            time.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            bool timed = false;
            for (const CollectiveResult& r : comm->GetResults())
            {
                table << r.TableRow() << "\n";
                busbw.Add(static_cast<double>(r.bytes), r.busbw);
                const double us = r.time.GetSeconds() * 1e6;
                if (us > 0)
                {
                    time.Add(static_cast<double>(r.bytes), us);
                    minUs = minUs > 0 ? std::min(minUs, us) : us;
                    maxUs = std::max(maxUs, us);
                    timed = true;
                }
            }
            busbwPlot.AddDataset(busbw);
            if (timed)
            {
                timePlot.AddDataset(time);
            }
            Simulator::Destroy();
        }
    std::ostringstream roofTitle;
    roofTitle << "line rate, " << lineRateGBs << " GB/s";
    GnuplotWriter::AddRoof(busbwPlot, lineRateGBs, roofTitle.str());

    std::cout << table.str();
    SystemPath::MakeDirectories(outputDir);
    const std::string tablePath = outputDir + "/scale-across-allreduce.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    std::string files =
        tablePath + ", " +
        GnuplotWriter::Write(busbwPlot, outputDir, "scale-across-allreduce").GetFiles();
    if (maxUs > 0)
    {
        GnuplotWriter::SetLogAxis(timePlot, "y", minUs, maxUs, GnuplotWriter::DECADES);
        files +=
            ", " +
            GnuplotWriter::Write(timePlot, outputDir, "scale-across-allreduce-time").GetFiles();
    }
    std::cout << "# wrote " << files << "\n";
    return 0;
}
