/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "example-clos-study.h"

#include "example-arguments.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <iomanip>
#include <ostream>

namespace ns3
{

namespace
{

/// Fabrics of the study, in table order.
const std::vector<std::string> FABRICS{"single", "clos", "clos-half"};

/// @param t a time @return it in microseconds, as the table prints it
std::string
Micro(Time t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << t.GetSeconds() * 1e6;
    return os.str();
}

} // namespace

ExampleClosStudy::ExampleClosStudy(const Options& options)
    : m_options(options)
{
}

std::string
ExampleClosStudy::CheckBuildable(uint32_t ranks, const std::string& technology)
{
    const uint64_t limit = CrossbarTechnology::Get(technology).maxPorts;
    if (ranks <= limit * limit)
    {
        return "";
    }
    return std::to_string(ranks) + " ranks need more than three stages of " + technology +
           " crossbars (" + std::to_string(limit) + " ports: three stages reach " +
           std::to_string(limit * limit) + "); five-stage fabrics are not built";
}

ExampleClosStudy::Outcome
ExampleClosStudy::RunOne(const std::string& op,
                         uint32_t ranks,
                         const std::string& fabricName,
                         Time reconfiguration) const
{
    const CrossbarTechnology& tech = CrossbarTechnology::Get(m_options.technology);
    const Time reconf = reconfiguration.IsZero() ? tech.reconfigurationTime : reconfiguration;
    NodeContainer nodes;
    nodes.Create(ranks);
    MultiStageOpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(1));
    fabric.SetChannelAttribute("Length", DoubleValue(m_options.fiberMeters));
    if (fabricName == "single")
    {
        // The seed's single hop: one crossbar of N ports, whatever the technology builds.
        fabric.SetCrossbarTechnology(tech.name);
        fabric.SetCrossbarAttribute("PortLimit", UintegerValue(std::max(ranks, tech.maxPorts)));
    }
    else
    {
        fabric.SetStageTechnology(tech.name);
        fabric.SetStageAttribute("InterStageLength", DoubleValue(m_options.fiberMeters));
        for (const char* stage : {"Ingress", "Middle", "Egress"})
        {
            fabric.SetStageAttribute(std::string(stage) + "ReconfigurationTime", TimeValue(reconf));
        }
        if (fabricName == "clos-half" && ranks > tech.maxPorts)
        {
            const auto shape = MultiStageOpticalFabricHelper::Plan(ranks, tech.maxPorts);
            fabric.SetStageAttribute("MiddleSwitches",
                                     UintegerValue((shape.edgePorts + 1) / 2)); // m < k: blocks
        }
    }
    // With stages the crossbar takes the stages' set-up; without, this one.
    fabric.SetCrossbarAttribute("ReconfigurationTime", TimeValue(reconf));
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Collective", StringValue(op));
    nccl.SetCommunicatorAttribute("Algorithm",
                                  StringValue(op == "all_to_all" ? "pairwise" : "ring"));
    nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false)); // cold start, as part 1
    NetDeviceContainer devices = fabric.Install(nodes);
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    comm->Run({m_options.bytes}, Seconds(0));
    Simulator::Run();
    const ByteCounters bytes = ByteConservation::Sum(devices);
    // A path whose loss the link budget cannot carry loses every frame: a finding, not an
    // error (the transport does not retransmit, so the collective never ends).
    const uint64_t lost = bytes.GetDropped(DropReason::LINK_BUDGET);
    const bool closes = lost == 0;
    if ((closes && comm->GetResults().size() != 1) || !bytes.IsBalanced() ||
        bytes.GetDropped() != lost)
    {
        ExampleArguments::Fail("scale-across-circuits",
                               op + " on " + std::to_string(ranks) + " ranks, " + fabricName +
                                   " of " + tech.name + ": did not complete; fabric bytes " +
                                   bytes.Describe());
    }
    Outcome out{};
    out.closes = closes;
    if (closes)
    {
        out.time = comm->GetResults().at(0).time;
        out.busbw = comm->GetResults().at(0).busbw;
    }
    Ptr<PhotonicCrossbar> xbar = fabric.GetCrossbar();
    out.lossDb = xbar->GetInsertionLossDb();
    out.setUp = xbar->GetReconfigurationTime();
    Ptr<ClosFabric> stages = fabric.GetStages();
    out.stages = stages ? 3 : 1;
    out.blocked = stages ? stages->GetNBlocked() : 0;
    std::ostringstream shape;
    if (stages)
    {
        const ClosTopology& t = stages->GetTopology();
        shape << t.GetNEdges() << "x" << t.GetEdgePorts() << "x" << t.GetNMiddles();
    }
    else
    {
        shape << "1x" << ranks;
    }
    out.shape = shape.str();
    Simulator::Destroy();
    return out;
}

void
ExampleClosStudy::Run(std::ostream& table, std::map<std::string, Gnuplot>& plots) const
{
    const CrossbarTechnology& tech = CrossbarTechnology::Get(m_options.technology);
    // A run whose link budget does not close has no time: "-", not a zero.
    auto timeText = [](const Outcome& r) { return r.closes ? Micro(r.time) : std::string("-"); };
    auto busbwText = [](const Outcome& r) {
        std::ostringstream os;
        os << std::fixed << std::setprecision(2) << r.busbw;
        return r.closes ? os.str() : std::string("-");
    };
    table << "#\n# Part 3: single hop against what " << tech.name << " crossbars (" << tech.maxPorts
          << " ports) build, on demand: single = one crossbar of N ports "
          << "(a what-if past " << tech.maxPorts << "); clos = MultiStageOpticalFabricHelper "
          << "(one crossbar while N fits, else a three-stage Clos, m = k); clos-half = m = "
          << "ceil(k/2), which blocks\n"
          << "# shape = edge switches r x ports k x middle switches m (1xN: one crossbar); "
          << "loss = insertion loss of a path; blocked = circuit requests that waited for a "
          << "middle path\n"
          << "#" << std::setw(10) << "op" << std::setw(7) << "N" << std::setw(11) << "fabric"
          << std::setw(12) << "shape" << std::setw(8) << "stages" << std::setw(10) << "loss(dB)"
          << std::setw(12) << "setup(ns)" << std::setw(16) << "time(us)" << std::setw(12)
          << "busbw(GB/s)" << std::setw(9) << "blocked\n";
    for (const std::string op : {"all_to_all", "all_reduce"})
    {
        Gnuplot& plot = plots["scale-across-circuits-stages-" + op];
        double lo = 0;
        double hi = 0;
        for (const std::string& fabricName : FABRICS)
        {
            Gnuplot2dDataset data(fabricName);
            data.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            for (uint32_t n : m_options.ranks)
            {
                const Outcome r = RunOne(op, n, fabricName, Seconds(0));
                table << std::setw(11) << op << std::setw(7) << n << std::setw(11) << fabricName
                      << std::setw(12) << r.shape << std::setw(8) << r.stages << std::setw(10)
                      << std::fixed << std::setprecision(3) << r.lossDb << std::setw(12)
                      << r.setUp.GetNanoSeconds() << std::setw(16) << timeText(r) << std::setw(12)
                      << busbwText(r) << std::setw(8) << r.blocked
                      << (r.closes ? "" : "  link budget does not close") << "\n";
                if (!r.closes)
                {
                    continue;
                }
                const double us = r.time.GetSeconds() * 1e6;
                data.Add(n, us);
                lo = lo > 0 ? std::min(lo, us) : us;
                hi = std::max(hi, us);
            }
            plot.AddDataset(data);
        }
        GnuplotWriter::SetTitle(
            plot,
            {op + (op == "all_to_all" ? " (pairwise)" : " (ring)") +
                 ": single hop against buildable " + tech.name + " stages",
             GnuplotWriter::FormatBytes(m_options.bytes) + " per collective, on demand"});
        plot.SetLegend("ranks N", "time (µs)");
        GnuplotWriter::SetLogAxis(plot,
                                  "x",
                                  *std::min_element(m_options.ranks.begin(), m_options.ranks.end()),
                                  *std::max_element(m_options.ranks.begin(), m_options.ranks.end()),
                                  GnuplotWriter::POWERS_OF_TWO);
        GnuplotWriter::SetLogAxis(plot, "y", lo, std::max(hi, lo), GnuplotWriter::DECADES);
    }

    const uint32_t n = *std::max_element(m_options.ranks.begin(), m_options.ranks.end());
    table << "#\n# Part 4: all_to_all of " << m_options.bytes << " bytes on " << n << " ranks of "
          << tech.name << " crossbars against every stage's reconfiguration time, on demand\n"
          << "#" << std::setw(12) << "reconf(ns)" << std::setw(11) << "fabric" << std::setw(16)
          << "time(us)" << std::setw(12) << "busbw(GB/s)" << std::setw(9) << "blocked\n";
    Gnuplot& sweep = plots["scale-across-circuits-stages-reconfiguration"];
    double lo = 0;
    double hi = 0;
    for (const std::string& fabricName : FABRICS)
    {
        Gnuplot2dDataset data(fabricName);
        data.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (const Time& reconf : m_options.reconfigurations)
        {
            const Outcome r = RunOne("all_to_all", n, fabricName, reconf);
            table << std::setw(13) << reconf.GetNanoSeconds() << std::setw(11) << fabricName
                  << std::setw(16) << timeText(r) << std::setw(12) << busbwText(r) << std::setw(8)
                  << r.blocked << (r.closes ? "" : "  link budget does not close") << "\n";
            if (!r.closes)
            {
                continue;
            }
            const double us = r.time.GetSeconds() * 1e6;
            data.Add(reconf.GetNanoSeconds(), us);
            lo = lo > 0 ? std::min(lo, us) : us;
            hi = std::max(hi, us);
        }
        sweep.AddDataset(data);
    }
    GnuplotWriter::SetTitle(
        sweep,
        {"all_to_all against reconfiguration time: single hop against " + tech.name + " stages",
         GnuplotWriter::FormatBytes(m_options.bytes) + " on " + std::to_string(n) +
             " ranks, on demand"});
    sweep.SetLegend("reconfiguration time (ns)", "time (µs)");
    double rmin = m_options.reconfigurations.front().GetNanoSeconds();
    double rmax = rmin;
    for (const Time& t : m_options.reconfigurations)
    {
        rmin = std::min<double>(rmin, t.GetNanoSeconds());
        rmax = std::max<double>(rmax, t.GetNanoSeconds());
    }
    GnuplotWriter::SetLogAxis(sweep,
                              "x",
                              std::max(1.0, rmin),
                              std::max(1.0, rmax),
                              GnuplotWriter::DECADES);
    GnuplotWriter::SetLogAxis(sweep, "y", lo, std::max(hi, lo), GnuplotWriter::DECADES);
}

} // namespace ns3
