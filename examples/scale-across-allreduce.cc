/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-allreduce: an nccl-tests style sweep of a collective over a single-hop optical
 * fabric, for one or several algorithms side by side.
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
 *
 * As nccl-tests: every size is warmed up once untimed before the timed runs (--warmUp), and
 * each size is rounded down to whole floats, and for all-gather, reduce-scatter and
 * all-to-all to 16 bytes per rank (nccl-tests' count). Every combination is checked before
 * anything runs.
 *
 * Output: a table per algorithm in nccl-tests' columns (size count type redop time algbw
 * busbw), and two figures of the same runs (gnuplot .plt, PNG and PDF): busbw against size
 * under the per-rank line rate (the roof), and time against size.
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
    cmd.Usage("nccl-tests style sweep of a collective over a single-hop optical fabric.\n"
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
                 "static (a fixed lane per peer, wavelengths split among them), ideal (any peer "
                 "at full rate, no reconfiguration), ondemand (circuits set up on demand by "
                 "--technology), or auto (static where every algorithm's lanes divide "
                 "--wavelengths, else ideal)",
                 fabricKind);
    cmd.AddValue("technology",
                 "crossbar technology, with --fabric=ondemand only: " +
                     CrossbarTechnology::GetNames(),
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
                                     {"ncclChannels", 32}});
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
    if (fabricKind != "auto" && fabricKind != "static" && fabricKind != "ideal" &&
        fabricKind != "ondemand")
    {
        Fail("--fabric=" + fabricKind + " is invalid: use auto, static, ideal or ondemand");
    }
    if (protocol != "Simple" && protocol != "LL128" && protocol != "LL")
    {
        Fail("--protocol=" + protocol + " is invalid: use Simple, LL128 or LL");
    }
    if (!CrossbarTechnology::Exists(technology))
    {
        Fail("--technology=" + technology + " is invalid: use one of " +
             CrossbarTechnology::GetNames());
    }
    if (fabricKind != "ondemand" && ExampleArguments::IsGiven(argc, argv, "technology"))
    {
        Fail("--technology=" + technology + " has no effect with --fabric=" + fabricKind +
             ": only --fabric=ondemand reconfigures (static and ideal circuits take no set-up "
             "time); use --fabric=ondemand, or leave --technology out");
    }
    const CrossbarTechnology& tech = CrossbarTechnology::Get(technology);
    if (fabricKind == "ondemand" && ranks > tech.maxPorts)
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
            if (fabricKind == "static")
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
    std::string fabricNote; // why auto chose what it chose
    if (fabricKind == "auto")
    {
        fabricKind = misfit.empty() ? "static" : "ideal";
        fabricNote = misfit.empty() ? " (auto: every algorithm's lanes divide the wavelengths)"
                                    : " (auto: " + misfit + ", which does not divide " +
                                          std::to_string(wavelengths) + " wavelengths)";
    }
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);

    const double lineRateGBs = wavelengths * 1.6e12 / 8 / 1e9;
    std::ostringstream table;
    // Two figures of the same runs: busbw under the line rate, and time, against size.
    const std::vector<std::string> title = {
        op + ", " + std::to_string(ranks) + " ranks, " + std::to_string(channels) +
            (channels == 1 ? " NCCL channel, " : " NCCL channels, ") + fabricKind + " fabric" +
            (fabricKind == "ondemand" ? " (" + technology + ")" : ""),
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

    for (size_t a = 0; a < algorithms.size(); ++a)
    {
        const std::string& algo = algorithms[a];
        CollectiveHelper& nccl = helpers[a];
        NodeContainer nodes;
        nodes.Create(ranks);
        OpticalFabricHelper fabric;
        fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
        uint32_t lanes = 1;
        std::string fabricDetail;
        if (fabricKind == "static")
        {
            lanes = lanesNeeded[a];
            fabric.SetCircuitScheduler(
                CollectiveCircuitHelper(nccl).MakeStaticCircuits(ranks, sizes.front()));
            fabricDetail = "a fixed lane per peer and flow";
        }
        else if (fabricKind == "ideal")
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
              << channels << " NCCL channel(s), protocol " << protocol
              << (protocolLatency ? " with latency" : "") << "\n# " << fabricKind
              << " fabric: " << fabricDetail << fabricNote << "; "
              << (warmUp ? "each size warmed up once, untimed" : "no warm-up (cold start)") << "\n"
              << CollectiveResult::TableHeader() << "\n";
        // The example's own checks: every size completed and every byte is accounted for.
        const ByteCounters bytes = ByteConservation::Sum(devices);
        if (comm->GetResults().size() != sizes.size() || !bytes.IsBalanced())
        {
            Fail(op + "/" + algo + ": " + std::to_string(comm->GetResults().size()) + " of " +
                 std::to_string(sizes.size()) + " sizes completed; fabric bytes " +
                 bytes.Describe());
        }
        Gnuplot2dDataset busbw(algo);
        busbw.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        Gnuplot2dDataset time(algo);
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
