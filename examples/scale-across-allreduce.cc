/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-allreduce: an nccl-tests style sweep of a collective over a single-hop optical
 * fabric, for one or several algorithms side by side.
 *
 * Every rank is an endpoint with a coherent transceiver on one port of a photonic crossbar.
 * With --fabric=static (default) the crossbar holds, from time zero, exactly the circuits the
 * algorithm's schedule uses (one per peer and flow, each on its own wavelength group): the
 * ideal fabric. With --fabric=ondemand circuits are set up when a NIC first needs them and
 * each set-up costs the technology's reconfiguration time.
 *
 * Output: a table per algorithm in nccl-tests' columns (size count type redop time algbw
 * busbw), and a gnuplot of busbw against size with the per-rank line rate as the roof.
 */

#include "example-arguments.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

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

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t minBytes = 1 << 20;
    uint64_t maxBytes = 256 << 20;
    uint64_t stepFactor = 4;
    uint32_t ranks = 8;
    std::string algos = "ring,tree";
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

    CommandLine cmd(__FILE__);
    cmd.Usage("nccl-tests style sweep of a collective over a single-hop optical fabric.\n"
              "Valid --op/--algo pairs: " +
              GetCollectiveAlgorithms() + ".");
    cmd.AddValue("minBytes", "smallest message, bytes, >= 4 (nccl-tests -b)", minBytes);
    cmd.AddValue("maxBytes", "largest message, bytes, <= 2^40 (nccl-tests -e)", maxBytes);
    cmd.AddValue("stepFactor", "factor between sizes, 2 ... 1024 (nccl-tests -f)", stepFactor);
    cmd.AddValue("ranks", "ranks (endpoints), 1 ... 1048576", ranks);
    cmd.AddValue("algo",
                 "algorithms to compare, comma separated: ring, tree, "
                 "halving_doubling, pairwise",
                 algos);
    cmd.AddValue("op",
                 "collective: all_reduce, all_gather, reduce_scatter, all_to_all, broadcast",
                 op);
    cmd.AddValue("wavelengths", "DWDM wavelengths per NIC, 1.6 Tb/s each, 1 ... 1024", wavelengths);
    cmd.AddValue("chunkBytes", "pipeline chunk, bytes; 0 = no pipelining", chunkBytes);
    cmd.AddValue("channels",
                 "parallel rings / tree pairs, each on its own lane, 1 ... 32",
                 channels);
    cmd.AddValue("protocol", "NCCL protocol: Simple, LL128 or LL", protocol);
    cmd.AddValue("protocolLatency",
                 "add NCCL's base and per-send latency (true/false)",
                 protocolLatency);
    cmd.AddValue("fabric", "static (circuits set up before the run) or ondemand", fabricKind);
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
                                     {"channels", 32}});
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
        Fail("--channels=0 is invalid: use 1 ... 32");
    }
    if (wavelengths == 0 || wavelengths > 1024)
    {
        Fail("--wavelengths=" + std::to_string(wavelengths) + " is invalid: use 1 ... 1024");
    }
    if (fabricKind != "static" && fabricKind != "ondemand")
    {
        Fail("--fabric=" + fabricKind + " is invalid: use static or ondemand");
    }
    if (minBytes < 4 || maxBytes < minBytes || stepFactor < 2)
    {
        Fail("sizes --minBytes=" + std::to_string(minBytes) + " --maxBytes=" +
             std::to_string(maxBytes) + " --stepFactor=" + std::to_string(stepFactor) +
             " are invalid: use 4 <= minBytes <= maxBytes and stepFactor >= 2");
    }
    const std::vector<uint64_t> sizes = CollectiveHelper::Sizes(minBytes, maxBytes, stepFactor);
    const std::vector<std::string> algorithms = ExampleArguments::SplitList(algos);
    if (algorithms.empty())
    {
        Fail("--algo is empty: name at least one of ring, tree, halving_doubling, pairwise");
    }
    CrossbarTechnology::Get(technology); // checks the name

    const double lineRateGBs = wavelengths * 1.6e12 / 8 / 1e9;
    std::ostringstream table;
    Gnuplot plot;
    plot.SetTitle("scale-across-allreduce: " + op + ", " + std::to_string(ranks) + " ranks, " +
                  std::to_string(wavelengths) + " x 1.6 Tb/s per NIC, " + fabricKind + " fabric");
    plot.SetLegend("message size (bytes)", "busbw (GB/s)");
    plot.AppendExtra("set logscale x 2");
    plot.AppendExtra("set format x '%.0b %BB'");
    plot.AppendExtra("set key bottom right");
    plot.AppendExtra("set yrange [0:" + std::to_string(lineRateGBs * 1.1) + "]");

    for (const std::string& algo : algorithms)
    {
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("Collective", StringValue(op));
        nccl.SetCommunicatorAttribute("Algorithm", StringValue(algo));
        nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(chunkBytes));
        nccl.SetCommunicatorAttribute("Channels", UintegerValue(channels));
        nccl.SetCommunicatorAttribute("Protocol", StringValue(protocol));
        nccl.SetCommunicatorAttribute("ProtocolLatency", BooleanValue(protocolLatency));

        NodeContainer nodes;
        nodes.Create(ranks);
        OpticalFabricHelper fabric;
        fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
        uint32_t lanes = 1;
        if (fabricKind == "static")
        {
            Ptr<StaticCircuitScheduler> circuits = nccl.MakeStaticCircuits(ranks, sizes.front());
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
        fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(wavelengths / lanes));
        NetDeviceContainer devices = fabric.Install(nodes);
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        comm->Run(sizes, Seconds(0));
        CollectiveProgress show; // outlives Run and Destroy: ns-3.37 needs that
        if (showProgress)
        {
            show.Start(comm, sizes.size());
        }
        Simulator::Run();

        table << "#\n# " << op << " / " << algo << ", " << ranks << " ranks, " << wavelengths
              << " wavelengths in " << lanes << " lane(s) per NIC, chunk " << chunkBytes << " B, "
              << channels << " channel(s), protocol " << protocol
              << (protocolLatency ? " with latency" : "") << ", " << fabricKind << " fabric\n"
              << CollectiveResult::TableHeader() << "\n";
        // The example's own checks: every size completed and every byte is accounted for.
        const OpticalFabricHelper::ByteAccount bytes = OpticalFabricHelper::Account(devices);
        if (comm->GetResults().size() != sizes.size() || !bytes.IsBalanced())
        {
            Fail(op + "/" + algo + ": " + std::to_string(comm->GetResults().size()) + " of " +
                 std::to_string(sizes.size()) + " sizes completed; fabric bytes sent " +
                 std::to_string(bytes.sent) + ", received " + std::to_string(bytes.received) +
                 ", dropped " + std::to_string(bytes.dropped) + ", queued " +
                 std::to_string(bytes.queued));
        }
        Gnuplot2dDataset busbw(algo);
        busbw.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (const CollectiveResult& r : comm->GetResults())
        {
            table << r.TableRow() << "\n";
            busbw.Add(static_cast<double>(r.bytes), r.busbw);
        }
        plot.AddDataset(busbw);
        Simulator::Destroy();
    }
    Gnuplot2dDataset roof("per-rank line rate");
    roof.SetStyle(Gnuplot2dDataset::LINES);
    roof.SetExtra("dashtype 2 linecolor rgb 'black'");
    roof.Add(static_cast<double>(sizes.front()), lineRateGBs);
    roof.Add(static_cast<double>(sizes.back()), lineRateGBs);
    plot.AddDataset(roof);

    std::cout << table.str();
    SystemPath::MakeDirectories(outputDir);
    const std::string tablePath = outputDir + "/scale-across-allreduce.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    const GnuplotWriter::Result written =
        GnuplotWriter::Write(plot, outputDir, "scale-across-allreduce");
    std::cout << "# wrote " << tablePath << ", " << written.plt
              << (written.png.empty() ? " (no PNG: gnuplot not installed)" : ", " + written.png)
              << "\n";
    return 0;
}
