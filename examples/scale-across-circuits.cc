/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits: what each optical switching technology and circuit scheduler costs a
 * collective, and how far a buildable fabric lands from the seed's "single hop between any two
 * GPUs".
 *
 * Every rank is an endpoint on one port of one crossbar, as in the seed. Part 1 runs an
 * all-to-all (MoE dispatch, pairwise) and a ring all-reduce for every N of --ranks under each
 * scheduler and technology:
 *   ondemand  a circuit per request, ReconfigurationTime of the technology (MEMS ... AWGR);
 *   rotor     RotorNet/Opera: a fixed cycle of N - 1 matchings, SlotTime = --slotFactor x the
 *             technology's reconfiguration (the guard), direct traffic;
 *   rotor2hop the same rotor with two-hop (Valiant) relay through whatever peer is matched;
 *   awgr      Sirius: an AWGR, lasers cycling through the wavelengths, slots of --awgrSlot.
 * A row whose N exceeds the technology's largest crossbar is a what-if (PortLimit raised): the
 * column "stages" says how many crossbar stages a Clos of real crossbars needs for that N.
 * Part 2 runs the all-to-all at --sweepRanks against the reconfiguration time (--reconfig),
 * on demand and as a rotor. Parts 3 and 4 (ExampleClosStudy) compare, on demand, one crossbar
 * of N ports with what --stageTechnology's crossbars build (MultiStageOpticalFabricHelper: one
 * crossbar while N fits, else a three-stage Clos, non-blocking or blocking) for every N of
 * --stageRanks, then against the reconfiguration time at the largest of them.
 *
 * Output: the tables on stdout and in OUTPUT/scale-across-circuits.txt, and three figures
 * (gnuplot .plt, PNG and PDF): time against N for each collective, time against
 * reconfiguration time.
 */

#include "example-arguments.h"
#include "example-clos-study.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScaleAcrossCircuits");

namespace
{

const std::string PROGRAM = "scale-across-circuits"; //!< prefix of error lines
constexpr double FIBER_INDEX = 1.468;                //!< the fibers' group index
constexpr uint32_t FRAMING = 51;                     //!< CollectiveHeader + MAC header, bytes

/// Stop with one line on stderr and status 1.
[[noreturn]] void
Fail(const std::string& message)
{
    ExampleArguments::Fail(PROGRAM, message);
}

/**
 * @brief Parse a time such as "10ns", "1.5us", "2ms", "1s" (a plain decimal and a unit).
 * @param text the text
 * @param option the option it came from, for the error line
 * @return the time (stops with one line if text is not such a time, or not > 0)
 */
Time
ParseTime(const std::string& text, const std::string& option)
{
    static const std::vector<std::pair<std::string, double>> units{{"ns", 1e-9},
                                                                   {"us", 1e-6},
                                                                   {"ms", 1e-3},
                                                                   {"s", 1.0}};
    for (const auto& [unit, scale] : units)
    {
        if (text.size() > unit.size() &&
            text.compare(text.size() - unit.size(), unit.size(), unit) == 0)
        {
            const std::string number = text.substr(0, text.size() - unit.size());
            const bool plain = number.find_first_not_of("0123456789.") == std::string::npos &&
                               std::count(number.begin(), number.end(), '.') <= 1 && number != ".";
            const double value = plain ? std::stod(number) * scale : 0;
            if (plain && value > 0 && value <= 1000)
            {
                return Seconds(value);
            }
            break;
        }
    }
    Fail("--" + option + "=" + text + " is invalid: use a time > 0 s and <= 1000 s with a unit, " +
         "e.g. 10ns, 1.5us, 2ms, 1s");
}

/// One run's set-up.
struct Setup
{
    std::string op;         //!< all_to_all or all_reduce
    uint32_t ranks;         //!< N
    std::string scheduler;  //!< ondemand, rotor, rotor2hop or awgr
    std::string technology; //!< CrossbarTechnology preset
    Time reconfiguration;   //!< 0: the technology's
};

/// One run's outcome.
struct Outcome
{
    Time time;        //!< the collective's time
    double busbw;     //!< GB/s
    Time slot;        //!< slot length of a slotted scheduler (0 otherwise)
    uint64_t segment; //!< largest burst the transport sent, bytes
    uint32_t limit;   //!< the technology's largest crossbar
    std::string hops; //!< crossbar stages a Clos of real crossbars needs for N
};

/// The run's options that do not change from run to run.
struct Options
{
    uint64_t bytes;      //!< message size of each collective
    uint32_t slotFactor; //!< rotor SlotTime = slotFactor x guard
    Time awgrSlot;       //!< wavelength-routed SlotTime
    double fiberMeters;  //!< each NIC's fiber to its port
};

/// @param n endpoints @param limit ports of one crossbar @return stages of a Clos of them
std::string
StagesNeeded(uint64_t n, uint64_t limit)
{
    uint32_t stages = 1;
    for (uint64_t reach = limit; reach < n; reach *= limit)
    {
        stages += 2; // each pair of stages multiplies the endpoints by the module size
    }
    return std::to_string(stages);
}

/// Build the fabric, run one collective, check its bytes.
Outcome
Run(const Setup& s, const Options& o)
{
    const CrossbarTechnology& tech = CrossbarTechnology::Get(s.technology);
    const Time reconfiguration =
        s.reconfiguration.IsZero() ? tech.reconfigurationTime : s.reconfiguration;
    NodeContainer nodes;
    nodes.Create(s.ranks);
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(1));
    fabric.SetChannelAttribute("Length", DoubleValue(o.fiberMeters));
    fabric.SetCrossbarTechnology(s.technology);
    fabric.SetCrossbarAttribute("ReconfigurationTime", TimeValue(reconfiguration));
    if (s.ranks > tech.maxPorts)
    {
        fabric.SetCrossbarAttribute("PortLimit", UintegerValue(s.ranks)); // what-if
    }
    Outcome out{};
    out.limit = tech.maxPorts;
    out.hops = StagesNeeded(s.ranks, tech.maxPorts);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Collective", StringValue(s.op));
    nccl.SetCommunicatorAttribute("Algorithm",
                                  StringValue(s.op == "all_to_all" ? "pairwise" : "ring"));
    // A cold start, no nccl-tests warm-up: the set-up of the first circuits (and the rotor's
    // phase at time zero) is part of what this example compares.
    nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false));
    Ptr<SlottedCircuitScheduler> slotted;
    if (s.scheduler == "rotor" || s.scheduler == "rotor2hop")
    {
        slotted = CreateObject<RotorCircuitScheduler>();
        out.slot = reconfiguration * o.slotFactor;
        if (s.scheduler == "rotor2hop")
        {
            slotted->SetAttribute("Routing", StringValue("TwoHop"));
        }
    }
    else if (s.scheduler == "awgr")
    {
        slotted = CreateObject<WavelengthRoutedCircuitScheduler>();
        out.slot = o.awgrSlot;
    }
    const double rate = 1.6e12; // the transceiver's default, one wavelength
    out.segment = 16 * 1024 * 1024 - 37;
    if (slotted)
    {
        slotted->SetAttribute("SlotTime", TimeValue(out.slot));
        fabric.SetCircuitScheduler(slotted);
        // Frames sized to the slot: what passes the switch between the set-up and the end.
        const Time fiber = Seconds(o.fiberMeters * FIBER_INDEX / 299792458.0);
        // Term by term: ns-3's Time arithmetic on a negative difference is undefined
        // behaviour inside int64x64 (UBSan reports it), and this difference may be negative.
        const double window =
            out.slot.GetSeconds() - reconfiguration.GetSeconds() - fiber.GetSeconds();
        const double fits = window * rate / 8 - FRAMING - 8; // 8 bytes for rounding
        if (fits < 64)
        {
            Fail(s.scheduler + " on " + s.technology + ": a slot of " +
                 std::to_string(out.slot.GetNanoSeconds()) + " ns carries too little after " +
                 std::to_string(reconfiguration.GetNanoSeconds()) + " ns of set-up and the " +
                 "fiber; raise --slotFactor or --awgrSlot");
        }
        out.segment = std::min<uint64_t>(out.segment, static_cast<uint64_t>(fits));
    }
    nccl.SetTransportAttribute("MaxSegmentBytes", UintegerValue(out.segment));
    NetDeviceContainer devices = fabric.Install(nodes);
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    comm->Run({o.bytes}, Seconds(0));
    Simulator::Run();
    const ByteCounters bytes = ByteConservation::Sum(devices);
    if (comm->GetResults().size() != 1 || !bytes.IsBalanced() || bytes.GetDropped() != 0)
    {
        Fail(s.op + " on " + std::to_string(s.ranks) + " ranks, " + s.scheduler + "/" +
             s.technology + ": did not complete; fabric bytes " + bytes.Describe());
    }
    out.time = comm->GetResults().at(0).time;
    out.busbw = comm->GetResults().at(0).busbw;
    Simulator::Destroy();
    return out;
}

/// @param t a time @return it in microseconds, as the tables print it
std::string
Micro(Time t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << t.GetSeconds() * 1e6;
    return os.str();
}

/// @param text a list of unsigned numbers @param option its option @param max largest valid
/// @return the numbers (stops with one line on a bad one)
std::vector<uint32_t>
ParseCounts(const std::string& text, const std::string& option, uint64_t min, uint64_t max)
{
    std::vector<uint32_t> out;
    for (const std::string& item : ExampleArguments::SplitList(text))
    {
        uint64_t v = 0;
        if (!ExampleArguments::ParseUnsigned(item, max, v) || v < min)
        {
            Fail("--" + option + "=" + text + " is invalid: use numbers " + std::to_string(min) +
                 " ... " + std::to_string(max) + ", comma separated");
        }
        out.push_back(static_cast<uint32_t>(v));
    }
    if (out.empty())
    {
        Fail("--" + option + "=" + text + " is invalid: give at least one number");
    }
    return out;
}

/// @param text a list @param option its option @param valid the valid items
/// @return the items (stops with one line on an unknown one)
std::vector<std::string>
ParseNames(const std::string& text,
           const std::string& option,
           const std::vector<std::string>& valid)
{
    std::vector<std::string> out = ExampleArguments::SplitList(text);
    std::string names;
    for (const std::string& v : valid)
    {
        names += (names.empty() ? "" : ", ") + v;
    }
    for (const std::string& item : out)
    {
        if (std::find(valid.begin(), valid.end(), item) == valid.end())
        {
            Fail("--" + option + "=" + text + " is invalid: \"" + item + "\" is not one of " +
                 names);
        }
    }
    if (out.empty())
    {
        Fail("--" + option + "=" + text + " is invalid: name at least one of " + names);
    }
    return out;
}

/// @return the technologies a scheduler runs on: the AWGR only with its own scheduler, a
/// rotor on every other technology, on demand on all
bool
Runs(const std::string& scheduler, const std::string& technology)
{
    if (scheduler == "awgr")
    {
        return technology == "AWGR";
    }
    if (scheduler == "rotor" || scheduler == "rotor2hop")
    {
        return technology != "AWGR";
    }
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string ranksList = "4,8,16,32";
    uint64_t bytes = 1 << 20;
    std::string ops = "all_to_all,all_reduce";
    std::string schedulers = "ondemand,rotor,rotor2hop,awgr";
    std::string technologies = "MEMS,Piezo,SiPh-MZI,SOA,AWGR";
    std::string reconfigList = "10ns,100ns,1us,10us,100us,1ms,10ms";
    uint32_t sweepRanks = 16;
    uint32_t slotFactor = 10;
    std::string awgrSlot = "1us";
    double fiberLength = 2;
    std::string stageRanksList = "16,32,64";
    std::string stageTechnology = "SOA";
    std::string outputDir = "scale-across-circuits-output";

    CommandLine cmd(__FILE__);
    cmd.Usage("All-to-all and all-reduce under each circuit scheduler (on demand, rotor, "
              "wavelength-routed) and crossbar technology, against N and the reconfiguration "
              "time; where a single crossbar hop is buildable and where it is not.");
    cmd.AddValue("ranks", "endpoints N, comma separated (2 ... 4096 each)", ranksList);
    cmd.AddValue("bytes", "message size of each collective, bytes (N ... 2^32)", bytes);
    cmd.AddValue("ops", "collectives: all_to_all (pairwise), all_reduce (ring)", ops);
    cmd.AddValue("schedulers", "circuit schedulers: ondemand, rotor, rotor2hop, awgr", schedulers);
    cmd.AddValue("technologies",
                 "crossbar technologies: " + CrossbarTechnology::GetNames(),
                 technologies);
    cmd.AddValue("reconfig",
                 "reconfiguration times of part 2, with units (e.g. 10ns,1us,10ms)",
                 reconfigList);
    cmd.AddValue("sweepRanks", "N of part 2 (2 ... 4096)", sweepRanks);
    cmd.AddValue("slotFactor",
                 "rotor SlotTime in units of its guard (the reconfiguration time), 2 ... 1000",
                 slotFactor);
    cmd.AddValue("awgrSlot", "wavelength-routed SlotTime, with a unit (e.g. 1us)", awgrSlot);
    cmd.AddValue("fiberLength", "fiber from each NIC to its port, m (0 ... 10000)", fiberLength);
    cmd.AddValue("stageRanks",
                 "N of parts 3 and 4 (single hop against buildable stages), comma separated "
                 "(2 ... 4096, at most the square of --stageTechnology's port count)",
                 stageRanksList);
    cmd.AddValue("stageTechnology",
                 "crossbar technology of parts 3 and 4: " + CrossbarTechnology::GetNames(),
                 stageTechnology);
    cmd.AddValue("outputDir", "folder for the table and the figures", outputDir);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    ExampleArguments::CheckUnsigned(
        argc,
        argv,
        PROGRAM,
        {{"bytes", uint64_t{1} << 32}, {"sweepRanks", 4096}, {"slotFactor", 1000}});
    cmd.Parse(argc, argv);

    const std::vector<uint32_t> ranks = ParseCounts(ranksList, "ranks", 2, 4096);
    const std::vector<std::string> opList = ParseNames(ops, "ops", {"all_to_all", "all_reduce"});
    const std::vector<std::string> schedList =
        ParseNames(schedulers, "schedulers", {"ondemand", "rotor", "rotor2hop", "awgr"});
    std::vector<std::string> techNames;
    for (const CrossbarTechnology& t : CrossbarTechnology::GetAll())
    {
        techNames.push_back(t.name);
    }
    const std::vector<std::string> techList = ParseNames(technologies, "technologies", techNames);
    std::vector<Time> reconfigs;
    for (const std::string& item : ExampleArguments::SplitList(reconfigList))
    {
        reconfigs.push_back(ParseTime(item, "reconfig"));
    }
    if (reconfigs.empty())
    {
        Fail("--reconfig=" + reconfigList + " is invalid: give at least one time");
    }
    const Time awgrSlotTime = ParseTime(awgrSlot, "awgrSlot");
    if (sweepRanks < 2)
    {
        Fail("--sweepRanks=" + std::to_string(sweepRanks) + " is invalid: use 2 ... 4096");
    }
    if (slotFactor < 2)
    {
        Fail("--slotFactor=" + std::to_string(slotFactor) + " is invalid: use 2 ... 1000");
    }
    if (!(fiberLength >= 0 && fiberLength <= 10000))
    {
        Fail("--fiberLength=" + std::to_string(fiberLength) + " is invalid: use 0 ... 10000 m");
    }
    for (uint32_t n : ranks)
    {
        if (bytes < n || bytes % n != 0)
        {
            Fail("--bytes=" + std::to_string(bytes) + " is invalid for --ranks " +
                 std::to_string(n) + ": use a multiple of every N");
        }
    }
    if (bytes % sweepRanks != 0)
    {
        Fail("--bytes=" + std::to_string(bytes) + " is invalid for --sweepRanks=" +
             std::to_string(sweepRanks) + ": use a multiple of it");
    }
    const std::vector<uint32_t> stageRanks = ParseCounts(stageRanksList, "stageRanks", 2, 4096);
    if (!CrossbarTechnology::Exists(stageTechnology))
    {
        Fail("--stageTechnology=" + stageTechnology + " is invalid: use one of " +
             CrossbarTechnology::GetNames());
    }
    for (uint32_t n : stageRanks)
    {
        const std::string why = ExampleClosStudy::CheckBuildable(n, stageTechnology);
        if (!why.empty())
        {
            Fail("--stageRanks=" + stageRanksList +
                 " is invalid for --stageTechnology=" + stageTechnology + ": " + why);
        }
        if (bytes < n || bytes % n != 0)
        {
            Fail("--bytes=" + std::to_string(bytes) + " is invalid for --stageRanks " +
                 std::to_string(n) + ": use a multiple of every N");
        }
    }
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);
    const Options options{bytes, slotFactor, awgrSlotTime, fiberLength};

    // Part 1: against N.
    std::ostringstream table;
    table << "# Part 1: one " << bytes << "-byte collective on N ranks, one crossbar, "
          << fiberLength << " m fibers, 1.6 Tb/s per NIC\n"
          << "# limit = the technology's largest crossbar; stages = crossbar stages of a Clos "
             "of such crossbars for N (1: the single hop exists)\n"
          << "#" << std::setw(10) << "op" << std::setw(7) << "N" << std::setw(10) << "scheduler"
          << std::setw(10) << "tech" << std::setw(13) << "reconf(ns)" << std::setw(13) << "slot(ns)"
          << std::setw(10) << "segment" << std::setw(16) << "time(us)" << std::setw(12)
          << "busbw(GB/s)" << std::setw(7) << "limit" << std::setw(8) << "stages\n";
    std::map<std::string, Gnuplot> byN;
    std::map<std::string, std::pair<double, double>> rangeUs;
    for (const std::string& op : opList)
    {
        Gnuplot& plot = byN[op];
        for (const std::string& sched : schedList)
        {
            for (const std::string& tech : techList)
            {
                if (!Runs(sched, tech))
                {
                    continue;
                }
                Gnuplot2dDataset data(sched + " " + tech);
                data.SetStyle(Gnuplot2dDataset::LINES_POINTS);
                for (uint32_t n : ranks)
                {
                    const Setup s{op, n, sched, tech, Seconds(0)};
                    const Outcome r = Run(s, options);
                    table << std::setw(11) << op << std::setw(7) << n << std::setw(10) << sched
                          << std::setw(10) << tech << std::setw(13)
                          << CrossbarTechnology::Get(tech).reconfigurationTime.GetNanoSeconds()
                          << std::setw(13) << r.slot.GetNanoSeconds() << std::setw(10) << r.segment
                          << std::setw(16) << Micro(r.time) << std::setw(12) << std::fixed
                          << std::setprecision(2) << r.busbw << std::setw(7) << r.limit
                          << std::setw(7) << r.hops << "\n";
                    const double us = r.time.GetSeconds() * 1e6;
                    data.Add(n, us);
                    auto& range = rangeUs[op];
                    range.first = range.first > 0 ? std::min(range.first, us) : us;
                    range.second = std::max(range.second, us);
                }
                plot.AddDataset(data);
            }
        }
    }

    // Part 2: against the reconfiguration time.
    table << "#\n# Part 2: all_to_all of " << bytes << " bytes on " << sweepRanks
          << " ranks against the reconfiguration time (SiPh-MZI figures otherwise; rotor "
             "SlotTime = "
          << slotFactor << " x reconfiguration)\n"
          << "#" << std::setw(12) << "reconf(ns)" << std::setw(10) << "scheduler" << std::setw(16)
          << "time(us)" << std::setw(13) << "busbw(GB/s)\n";
    Gnuplot sweep;
    double sweepMin = 0;
    double sweepMax = 0;
    for (const std::string& sched :
         {std::string("ondemand"), std::string("rotor"), std::string("rotor2hop")})
    {
        Gnuplot2dDataset data(sched);
        data.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (const Time& reconf : reconfigs)
        {
            const Setup s{"all_to_all", sweepRanks, sched, "SiPh-MZI", reconf};
            Options o = options;
            const Outcome r = Run(s, o);
            table << std::setw(13) << reconf.GetNanoSeconds() << std::setw(10) << sched
                  << std::setw(16) << Micro(r.time) << std::setw(12) << std::fixed
                  << std::setprecision(2) << r.busbw << "\n";
            const double us = r.time.GetSeconds() * 1e6;
            data.Add(reconf.GetNanoSeconds(), us);
            sweepMin = sweepMin > 0 ? std::min(sweepMin, us) : us;
            sweepMax = std::max(sweepMax, us);
        }
        sweep.AddDataset(data);
    }

    // Parts 3 and 4: the single hop against what the technology builds.
    std::map<std::string, Gnuplot> stagePlots;
    ExampleClosStudy({stageRanks, stageTechnology, reconfigs, bytes, fiberLength})
        .Run(table, stagePlots);

    std::cout << table.str();
    const std::string tablePath = outputDir + "/scale-across-circuits.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    std::string files = tablePath;
    for (auto& [op, plot] : byN)
    {
        std::ostringstream detail;
        detail << GnuplotWriter::FormatBytes(bytes) << " per collective; rotor slot " << slotFactor
               << " × guard; AWGR slot " << awgrSlotTime.GetNanoSeconds() << " ns";
        GnuplotWriter::SetTitle(
            plot,
            {op + (op == "all_to_all" ? " (pairwise)" : " (ring)") +
                 " against N, by scheduler and technology",
             detail.str(),
             "one crossbar of N ports (a what-if past a technology's largest)"});
        plot.SetLegend("ranks N", "time (µs)");
        GnuplotWriter::SetLogAxis(plot,
                                  "x",
                                  ranks.front(),
                                  *std::max_element(ranks.begin(), ranks.end()),
                                  GnuplotWriter::POWERS_OF_TWO);
        GnuplotWriter::SetLogAxis(plot,
                                  "y",
                                  rangeUs[op].first,
                                  rangeUs[op].second,
                                  GnuplotWriter::DECADES);
        files +=
            ", " + GnuplotWriter::Write(plot, outputDir, "scale-across-circuits-" + op).GetFiles();
    }
    std::ostringstream detail;
    detail << "all_to_all, " << GnuplotWriter::FormatBytes(bytes) << " on " << sweepRanks
           << " ranks, rotor slot " << slotFactor << " × reconfiguration";
    GnuplotWriter::SetTitle(sweep, {"time against reconfiguration time", detail.str()});
    sweep.SetLegend("reconfiguration time (ns)", "time (µs)");
    const double rmin = reconfigs.front().GetNanoSeconds();
    double rmax = rmin;
    for (const Time& t : reconfigs)
    {
        rmax = std::max<double>(rmax, t.GetNanoSeconds());
    }
    GnuplotWriter::SetLogAxis(sweep,
                              "x",
                              std::max(1.0, rmin),
                              std::max(1.0, rmax),
                              GnuplotWriter::DECADES);
    GnuplotWriter::SetLogAxis(sweep, "y", sweepMin, sweepMax, GnuplotWriter::DECADES);
    files +=
        ", " +
        GnuplotWriter::Write(sweep, outputDir, "scale-across-circuits-reconfiguration").GetFiles();
    for (auto& [base, plot] : stagePlots)
    {
        files += ", " + GnuplotWriter::Write(plot, outputDir, base).GetFiles();
    }
    std::cout << "# wrote " << files << "\n";
    return 0;
}
