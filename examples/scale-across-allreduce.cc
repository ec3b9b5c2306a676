/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-allreduce: an nccl-tests style sweep of a collective over a single-hop optical
 * fabric or an electrical packet fabric, for one or several algorithms and fabrics side by side.
 *
 * Every rank is an endpoint with a coherent transceiver on one port of a photonic crossbar.
 *  --fabric=static: the crossbar holds, from time zero, exactly the circuits the algorithm's
 *    schedule uses: one fixed lane per peer and flow, the NIC's wavelengths split among them.
 *  --fabric=ideal: every NIC reaches any peer at its full rate (all wavelengths in one lane),
 *    circuits set up on demand in no time.
 *  --fabric=ondemand: circuits set up when a NIC needs them, each set-up costing the
 *    --technology's reconfiguration time.
 *  --fabric=auto (default): static where every algorithm's lanes divide --wavelengths,
 *    otherwise ideal; the table header names the fabric used.
 *  --fabric=leafspine or fattree: the ranks are hosts of an electrical packet fabric
 *    (LeafSpineHelper, FatTreeHelper: output-queued switches, credit-based lossless flow
 *    control) with every link at the optical NIC's rate, --wavelengths x 1.6 Tb/s, so the
 *    fabrics compare at the same per-endpoint rate (--radix, --oversubscription, --k,
 *    --cellBytes, --routing).
 * Several fabrics, comma separated, run one after the other: a table per fabric and algorithm,
 * and every curve in the same figures.
 *
 * As nccl-tests: every size is warmed up once untimed before the timed runs (--warmUp), and
 * each size is rounded down to whole floats, and for all-gather, reduce-scatter and
 * all-to-all to 16 bytes per rank (nccl-tests' count). Every combination is checked before
 * anything runs.
 *
 * Output: a table per fabric and algorithm in nccl-tests' columns (size count type redop time
 * algbw busbw), and two figures of the same runs (gnuplot .plt, PNG and PDF): busbw against
 * size under the per-rank line rate (the roof), and time against size, one curve per fabric
 * and algorithm.
 */

#include "example-arguments.h"
#include "example-packet-fabric.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScaleAcrossAllReduce");

namespace
{

const std::string PROGRAM = "scale-across-allreduce"; //!< prefix of error lines
/// The --fabric names, for error lines.
const std::string FABRICS = "auto, static, ideal, ondemand, leafspine or fattree";

/// Stop with one line on stderr and status 1.
[[noreturn]] void
Fail(const std::string& message)
{
    ExampleArguments::Fail(PROGRAM, message);
}

/**
 * @brief The sizes nccl-tests would run: size / 4 floats, and for the collectives whose count
 * is per rank, each rank's share rounded down to 16 bytes (4 floats), as nccl-tests'
 * getCollByteCount does.
 * @param op the collective
 * @param ranks ranks
 * @param size a size from --minBytes ... --maxBytes
 * @return the size run (0 if nothing is left)
 */
uint64_t
NcclTestsSize(const std::string& op, uint32_t ranks, uint64_t size)
{
    const bool perRank = op == "all_gather" || op == "reduce_scatter" || op == "all_to_all";
    const uint64_t unit = perRank ? uint64_t{16} * ranks : 4;
    return size / unit * unit;
}

/// The command line's values that a run depends on.
struct Settings
{
    uint64_t minBytes; //!< --minBytes
    uint64_t maxBytes; //!< --maxBytes
    uint32_t ranks;    //!< --ranks
    std::string op;    //!< --op
    uint64_t chunk;    //!< --chunkBytes
    uint32_t channels; //!< --ncclChannels
};

/**
 * @brief Check one algorithm at every size with the registry before anything runs, and
 * stop with the example's one line naming the option at fault.
 * @param s the settings
 * @param algo the algorithm
 * @param sizes the sizes
 */
void
CheckAlgorithm(const Settings& s, const std::string& algo, const std::vector<uint64_t>& sizes)
{
    for (uint64_t size : sizes)
    {
        CollectiveRequest q;
        q.collective = s.op;
        q.algorithm = algo;
        q.ranks = s.ranks;
        q.bytes = size;
        q.chunkBytes = s.chunk;
        q.ncclChannels = s.channels;
        std::string why;
        try
        {
            CreateCollectiveSchedule(q);
            continue;
        }
        catch (const std::invalid_argument& e)
        {
            why = e.what();
        }
        // The registry names the request's field first: "op/algo: field = value ...".
        const std::string field =
            why.substr(why.find(": ") + 2, why.find(" = ") - why.find(": ") - 2);
        std::string given = "--op=" + s.op + " --ranks=" + std::to_string(s.ranks);
        if (field == "ranks")
        {
            given = "--ranks=" + std::to_string(s.ranks);
        }
        else if (field == "ncclChannels")
        {
            given = "--ncclChannels=" + std::to_string(s.channels);
        }
        else if (field == "size")
        {
            given = "--minBytes=" + std::to_string(s.minBytes) +
                    " --maxBytes=" + std::to_string(s.maxBytes) + " (size " + std::to_string(size) +
                    " on --ranks=" + std::to_string(s.ranks) + ")";
        }
        Fail("--algo=" + algo + " is invalid with " + given + ": " + why);
    }
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
    bool warmUp = true;
    std::string fabricKind = "auto";
    std::string technology = "SiPh-MZI";
    std::string outputDir = "scale-across-allreduce-output";
    std::string progress = "auto";

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
    cmd.AddValue("warmUp",
                 "run every size once untimed before the timed runs, as nccl-tests (true/false)",
                 warmUp);
    cmd.AddValue("fabric",
                 "fabrics to compare, comma separated: static (optical, a fixed lane per peer, "
                 "wavelengths split among them), ideal (optical, any peer at full rate, no "
                 "reconfiguration), ondemand (optical, circuits set up on demand by "
                 "--technology), auto (static where every algorithm's lanes divide "
                 "--wavelengths, else ideal), leafspine or fattree (electrical packet fabrics, "
                 "every link at --wavelengths x 1.6 Tb/s)",
                 fabricKind);
    cmd.AddValue("technology",
                 "crossbar technology, with --fabric=ondemand only: " +
                     CrossbarTechnology::GetNames(),
                 technology);
    // The electrical fabrics' options: --radix, --oversubscription, --k, --cellBytes, --routing.
    ExamplePacketFabric electrical(PROGRAM);
    electrical.AddOptions(cmd);
    cmd.AddValue("outputDir", "folder for the table and the plot", outputDir);
    cmd.AddValue("progress",
                 "show simulated time and events on stderr every 10 s of wall time: true, "
                 "false, or auto (true from 1024 ranks)",
                 progress);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    std::vector<std::pair<std::string, uint64_t>> limits = {{"minBytes", uint64_t{1} << 40},
                                                            {"maxBytes", uint64_t{1} << 40},
                                                            {"stepFactor", 1024},
                                                            {"ranks", 1 << 20},
                                                            {"wavelengths", 1024},
                                                            {"chunkBytes", uint64_t{1} << 40},
                                                            {"ncclChannels", 32}};
    for (const auto& limit : ExamplePacketFabric::Limits())
    {
        limits.push_back(limit);
    }
    ExampleArguments::CheckUnsigned(argc, argv, PROGRAM, limits);
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
    std::vector<std::string> fabrics = ExampleArguments::SplitList(fabricKind);
    if (fabrics.empty())
    {
        Fail("--fabric is empty: name at least one of " + FABRICS);
    }
    for (size_t i = 0; i < fabrics.size(); ++i)
    {
        const std::string& f = fabrics[i];
        if (f != "auto" && f != "static" && f != "ideal" && f != "ondemand" &&
            !ExamplePacketFabric::IsElectrical(f))
        {
            Fail("--fabric=" + f + " is invalid: use " + FABRICS + ", or several comma separated");
        }
        if (std::find(fabrics.begin(), fabrics.begin() + i, f) != fabrics.begin() + i)
        {
            Fail("--fabric=" + fabricKind + " names " + f + " twice: name each fabric once");
        }
    }
    auto asked = [&fabrics](const std::string& f) {
        return std::find(fabrics.begin(), fabrics.end(), f) != fabrics.end();
    };
    if (protocol != "Simple" && protocol != "LL128" && protocol != "LL")
    {
        Fail("--protocol=" + protocol + " is invalid: use Simple, LL128 or LL");
    }
    if (!CrossbarTechnology::Exists(technology))
    {
        Fail("--technology=" + technology + " is invalid: use one of " +
             CrossbarTechnology::GetNames());
    }
    if (!asked("ondemand") && ExampleArguments::IsGiven(argc, argv, "technology"))
    {
        Fail("--technology=" + technology + " has no effect with --fabric=" + fabricKind +
             ": only --fabric=ondemand reconfigures (static and ideal circuits take no set-up "
             "time, electrical fabrics have no crossbar); add ondemand to --fabric, or leave "
             "--technology out");
    }
    const CrossbarTechnology& tech = CrossbarTechnology::Get(technology);
    if (asked("ondemand") && ranks > tech.maxPorts)
    {
        Fail("--ranks=" + std::to_string(ranks) + " is invalid with --fabric=ondemand " +
             "--technology=" + technology + ": its largest crossbar has " +
             std::to_string(tech.maxPorts) + " ports; use --ranks <= " +
             std::to_string(tech.maxPorts) + ", another --technology, or --fabric=ideal");
    }
    if (minBytes < 4 || maxBytes < minBytes || stepFactor < 2)
    {
        Fail("sizes --minBytes=" + std::to_string(minBytes) + " --maxBytes=" +
             std::to_string(maxBytes) + " --stepFactor=" + std::to_string(stepFactor) +
             " are invalid: use 4 <= minBytes <= maxBytes and stepFactor >= 2");
    }
    const std::vector<std::string> valid = CollectiveAlgorithmRegistry::GetAlgorithms(op);
    if (valid.empty())
    {
        Fail("--op=" + op + " is invalid: use " +
             CollectiveAlgorithmRegistry::Join(CollectiveAlgorithmRegistry::GetCollectives()));
    }
    // Sizes as nccl-tests runs them: whole floats, and 16 bytes per rank where the count is
    // each rank's share.
    std::vector<uint64_t> sizes;
    for (uint64_t size : CollectiveHelper::Sizes(minBytes, maxBytes, stepFactor))
    {
        sizes.push_back(NcclTestsSize(op, ranks, size));
    }
    if (sizes.front() == 0)
    {
        // Only a per-rank share can round down to nothing (minBytes >= 4 is one float).
        Fail("--minBytes=" + std::to_string(minBytes) + " is invalid for --op=" + op +
             " on --ranks=" + std::to_string(ranks) + ": as in nccl-tests, each rank's share " +
             "is rounded down to 16 bytes, so a size below 16 x ranks is empty; use " +
             "--minBytes >= " + std::to_string(uint64_t{16} * ranks));
    }
    const std::vector<std::string> algorithms =
        algos == "default" ? CollectiveAlgorithmRegistry::GetDefaultAlgorithms(op)
                           : ExampleArguments::SplitList(algos);
    if (algorithms.empty())
    {
        Fail("--algo is empty: name at least one of " + CollectiveAlgorithmRegistry::Join(valid) +
             " (for --op=" + op + "), or default");
    }
    const Settings settings{minBytes, maxBytes, ranks, op, chunkBytes, channels};
    for (const std::string& algo : algorithms)
    {
        if (!CollectiveAlgorithmRegistry::Find(op, algo))
        {
            Fail("--algo=" + algo + " is invalid for --op=" + op + " (no " + op + "/" + algo +
                 "): use " + CollectiveAlgorithmRegistry::Join(valid) + ", or default");
        }
        CheckAlgorithm(settings, algo, sizes);
    }

    // The communicator of every algorithm, and the lanes a static fabric would give it.
    std::vector<CollectiveHelper> helpers;
    std::vector<uint32_t> lanesNeeded;
    std::string misfit; // the first algorithm whose lanes do not divide the wavelengths
    for (const std::string& algo : algorithms)
    {
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("Collective", StringValue(op));
        nccl.SetCommunicatorAttribute("Algorithm", StringValue(algo));
        nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(chunkBytes));
        nccl.SetCommunicatorAttribute("NcclChannels", UintegerValue(channels));
        nccl.SetCommunicatorAttribute("Protocol", StringValue(protocol));
        nccl.SetCommunicatorAttribute("ProtocolLatency", BooleanValue(protocolLatency));
        nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(warmUp));
        const uint32_t lanes = CollectiveCircuitHelper(nccl)
                                   .MakeStaticCircuits(ranks, sizes.front())
                                   ->GetLanesNeeded();
        if (misfit.empty() && wavelengths % lanes != 0)
        {
            misfit = op + "/" + algo + " needs " + std::to_string(lanes) + " circuits per NIC";
            if (asked("static"))
            {
                Fail("--wavelengths=" + std::to_string(wavelengths) +
                     " is invalid for --fabric=static with --algo=" + algo +
                     " on --ranks=" + std::to_string(ranks) + ": " + misfit +
                     " (a fixed lane per peer and flow), so use a multiple of " +
                     std::to_string(lanes) + " wavelengths, or --fabric=ideal or ondemand");
            }
        }
        helpers.push_back(nccl);
        lanesNeeded.push_back(lanes);
    }
    std::vector<std::string> fabricNotes(fabrics.size()); // why auto chose what it chose
    for (size_t i = 0; i < fabrics.size(); ++i)
    {
        if (fabrics[i] == "auto")
        {
            const std::string f = misfit.empty() ? "static" : "ideal";
            fabricNotes[i] = misfit.empty()
                                 ? " (auto: every algorithm's lanes divide the wavelengths)"
                                 : " (auto: " + misfit + ", which does not divide " +
                                       std::to_string(wavelengths) + " wavelengths)";
            if (asked(f))
            {
                Fail("--fabric=" + fabricKind + " runs " + f + " twice: auto chose " + f +
                     fabricNotes[i] + "; leave auto or " + f + " out");
            }
            fabrics[i] = f;
        }
    }
    electrical.Check(argc, argv, fabrics, ranks);
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);

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

    // Every fabric with every algorithm, fabric by fabric.
    for (size_t run = 0; run < fabrics.size() * algorithms.size(); ++run)
    {
        const size_t f = run / algorithms.size();
        const size_t a = run % algorithms.size();
        const std::string& fabricName = fabrics[f];
        const std::string& algo = algorithms[a];
        CollectiveHelper& nccl = helpers[a];
        NodeContainer nodes;
        nodes.Create(ranks);
        uint32_t lanes = 1;
        std::string fabricDetail;
        NetDeviceContainer devices;
        if (ExamplePacketFabric::IsElectrical(fabricName))
        {
            devices = electrical.Install(fabricName, nodes, wavelengths, fabricDetail);
        }
        else
        {
            OpticalFabricHelper fabric;
            fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
            if (fabricName == "static")
            {
                lanes = lanesNeeded[a];
                fabric.SetCircuitScheduler(
                    CollectiveCircuitHelper(nccl).MakeStaticCircuits(ranks, sizes.front()));
                fabricDetail = "a fixed lane per peer and flow";
            }
            else if (fabricName == "ideal")
            {
                fabric.SetIdealFabric();
                fabricDetail = "any peer at full rate, no reconfiguration";
            }
            else
            {
                fabric.SetCrossbarTechnology(technology);
                std::ostringstream setup;
                setup << technology << ", " << tech.reconfigurationTime.As(Time::US) << " set-up";
                fabricDetail = setup.str();
            }
            fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(wavelengths / lanes));
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
              << (ExamplePacketFabric::IsElectrical(fabricName)
                      ? " wavelengths' rate per NIC"
                      : " wavelengths in " + std::to_string(lanes) + " lane(s) per NIC")
              << ", chunk " << chunkBytes << " B, " << channels << " NCCL channel(s), protocol "
              << protocol << (protocolLatency ? " with latency" : "") << "\n# " << fabricName
              << " fabric: " << fabricDetail << fabricNotes[f] << "; "
              << (warmUp ? "each size warmed up once, untimed" : "no warm-up (cold start)") << "\n"
              << CollectiveResult::TableHeader() << "\n";
        // The example's own checks: every size completed and every byte is accounted for.
        const ByteCounters bytes = ByteConservation::Sum(devices);
        if (comm->GetResults().size() != sizes.size() || !bytes.IsBalanced())
        {
            Fail(op + "/" + algo + " on the " + fabricName + " fabric: " +
                 std::to_string(comm->GetResults().size()) + " of " + std::to_string(sizes.size()) +
                 " sizes completed; fabric bytes " + bytes.Describe());
        }
        // One curve per fabric and algorithm: named by both when fabrics are compared.
        const std::string curve = fabrics.size() > 1 ? fabricName + " " + algo : algo;
        Gnuplot2dDataset busbw(curve);
        busbw.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        Gnuplot2dDataset time(curve);
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
    const std::string tablePath = outputDir + "/scale-across-allreduce.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    std::string files = tablePath;
    if (ranks == 1)
    {
        files += " (no figures: a single rank moves no data, so busbw and time are 0)";
    }
    else
    {
        files +=
            ", " + GnuplotWriter::Write(busbwPlot, outputDir, "scale-across-allreduce").GetFiles();
    }
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
