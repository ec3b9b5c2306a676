/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-power: network power, capital cost and energy per all-reduce of optical and
 * electrical fabrics, per endpoint, for N from 64 to 65,536 endpoints.
 *
 * Each fabric is built (ExamplePowerStudy says how) so that FabricPowerHelper counts its parts
 * and sums its devices' static power by class (host transceivers, switch transceivers, switch
 * ASICs, crossbars); FabricCostModel prices the parts. The energy of one ring all-reduce is
 * the fabric's power x the all-reduce's time: simulated for N up to --simulateMax (the
 * fabric's energy read when the all-reduce completes), and from the ring's closed form
 * 2 (N - 1) / N x S / B for every N (latency terms and congestion left out), so the two can be
 * compared where both exist. The presets put all of a part's power in static watts, so the
 * energy follows the time.
 *
 * Output: a table per fabric and N, the optical-against-electrical comparison per N (the
 * seed's "50 % less network power" and "2-3x cost"), and five figures: power and cost per
 * endpoint against N, energy per all-reduce against N, and the sensitivity of the comparison
 * at --reference endpoints to the least certain figures (x 1/4 ... x 4).
 */

#include "example-arguments.h"
#include "example-power-study.h"

#include "ns3/core-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

using namespace ns3;

namespace
{

const std::string PROGRAM = "scale-across-power"; //!< prefix of error lines

/// Stop with one line on stderr and status 1.
[[noreturn]] void
Fail(const std::string& message)
{
    ExampleArguments::Fail(PROGRAM, message);
}

/// @param option its name @param name a value @param kind what it must be
void
CheckPreset(const std::string& option, const std::string& name, PowerTechnology::Kind kind)
{
    const PowerTechnology* t = PowerTechnology::Find(name);
    if (!t || t->kind != kind)
    {
        Fail("--" + option + "=" + name + " is invalid: use one of " +
             PowerTechnology::GetNames(kind));
    }
}

/// Static power of a row with some classes scaled. @param r the row @param scale per class
double
ScaledWatts(const ExamplePowerStudy::Row& r, const std::array<double, 4>& scale)
{
    double w = 0;
    for (uint32_t c = 0; c < FabricPowerReport::N_CLASSES; ++c)
    {
        w += r.watts[c] * scale[c];
    }
    return w;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string endpointList = "64,256,1024,4096,16384,65536";
    std::string fabricList = "optical,multistage,leafspine,fattree";
    uint64_t rateGbps = 800;
    std::string nicOptics = "dsp-800g";
    std::string switchOptics = "dsp-800g";
    bool hostLinkOptics = true;
    std::string asic = "asic-51.2t";
    std::string crossbar = "MEMS";
    uint64_t bytes = 16 << 20;
    uint64_t simulateMax = 64;
    uint64_t reference = 1024;
    std::string stepSeconds = "1";
    std::string outputDir = "scale-across-power-output";
    std::string progress = "auto";

    CommandLine cmd(__FILE__);
    cmd.Usage("Network power, capital cost and energy per ring all-reduce of optical (one "
              "crossbar; what the crossbar technology builds) and electrical (leaf-spine, "
              "fat-tree) fabrics, per endpoint, against N. Prices and other figures: "
              "--ns3::FabricCostModel::TransceiverPriceUsd=... and the like.");
    cmd.AddValue("endpoints",
                 "numbers of endpoints N, comma separated, each 2 ... 65536",
                 endpointList);
    cmd.AddValue("fabrics",
                 "fabrics, comma separated: optical (one crossbar of N ports), multistage "
                 "(what --crossbar builds), leafspine, fattree",
                 fabricList);
    cmd.AddValue("rateGbps", "endpoint rate, Gb/s, 100 ... 3200 (every fabric)", rateGbps);
    cmd.AddValue("nicOptics",
                 "optics at the endpoints (PowerTechnology transceiver preset; W scaled to "
                 "the endpoint rate)",
                 nicOptics);
    cmd.AddValue("switchOptics", "optics at packet-switch ports (same presets)", switchOptics);
    cmd.AddValue("hostLinkOptics",
                 "optics on host-to-leaf links (false: copper, 0 W) (true/false)",
                 hostLinkOptics);
    cmd.AddValue("asic",
                 "switch ASIC preset (asic-51.2t, asic-102.4t); its radix is its rate / "
                 "--rateGbps",
                 asic);
    cmd.AddValue("crossbar", "crossbar technology (MEMS, Piezo, SiPh-MZI, SOA, AWGR)", crossbar);
    cmd.AddValue("bytes", "all-reduce size, bytes, a multiple of 4, 4 ... 2^34", bytes);
    cmd.AddValue("simulateMax", "simulate the all-reduce up to this N, 0 ... 1024", simulateMax);
    cmd.AddValue("reference", "N of the sensitivity figures (one of --endpoints)", reference);
    cmd.AddValue("stepSeconds",
                 "training step time for the network energy per step, s, 0.001 ... 3600",
                 stepSeconds);
    cmd.AddValue("outputDir", "folder for the table and the figures", outputDir);
    cmd.AddValue("progress",
                 "say on stderr which fabric is built: true, false, or auto (from 4096 "
                 "endpoints)",
                 progress);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    ExampleArguments::CheckUnsigned(argc,
                                    argv,
                                    PROGRAM,
                                    {{"rateGbps", 3200},
                                     {"bytes", uint64_t{1} << 34},
                                     {"simulateMax", 1024},
                                     {"reference", 65536}});
    cmd.Parse(argc, argv);

    std::vector<uint32_t> endpoints;
    for (const std::string& item : ExampleArguments::SplitList(endpointList))
    {
        uint64_t n = 0;
        if (!ExampleArguments::ParseUnsigned(item, 65536, n) || n < 2)
        {
            Fail("--endpoints=" + endpointList + " is invalid: " + item +
                 " is not a number of endpoints in 2 ... 65536");
        }
        endpoints.push_back(static_cast<uint32_t>(n));
    }
    if (endpoints.empty())
    {
        Fail("--endpoints=" + endpointList + " is invalid: give at least one N, 2 ... 65536");
    }
    std::sort(endpoints.begin(), endpoints.end());
    endpoints.erase(std::unique(endpoints.begin(), endpoints.end()), endpoints.end());
    const std::vector<std::string> fabrics = ExampleArguments::SplitList(fabricList);
    if (fabrics.empty())
    {
        Fail("--fabrics=" + fabricList +
             " is invalid: use optical, multistage, leafspine or fattree");
    }
    for (const std::string& f : fabrics)
    {
        if (f != "optical" && f != "multistage" && f != "leafspine" && f != "fattree")
        {
            Fail("--fabrics=" + fabricList + " is invalid: " + f +
                 " is none of optical, multistage, leafspine, fattree");
        }
    }
    if (rateGbps < 100)
    {
        Fail("--rateGbps=" + std::to_string(rateGbps) + " is invalid: use 100 ... 3200");
    }
    CheckPreset("nicOptics", nicOptics, PowerTechnology::TRANSCEIVER);
    CheckPreset("switchOptics", switchOptics, PowerTechnology::TRANSCEIVER);
    CheckPreset("asic", asic, PowerTechnology::SWITCH_ASIC);
    if (!CrossbarTechnology::Exists(crossbar))
    {
        Fail("--crossbar=" + crossbar + " is invalid: use one of " +
             CrossbarTechnology::GetNames());
    }
    if (bytes < 4 || bytes % 4 != 0)
    {
        Fail("--bytes=" + std::to_string(bytes) + " is invalid: use a multiple of 4, 4 ... 2^34");
    }
    if (std::find(endpoints.begin(), endpoints.end(), reference) == endpoints.end())
    {
        Fail("--reference=" + std::to_string(reference) +
             " is invalid: use one of --endpoints=" + endpointList);
    }
    if (progress != "auto" && progress != "true" && progress != "false")
    {
        Fail("--progress=" + progress + " is invalid: use true, false or auto");
    }
    const double step =
        ExampleArguments::ParseNumber(PROGRAM, "stepSeconds", stepSeconds, 0.001, 3600);
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);

    ExamplePowerStudy study({static_cast<double>(rateGbps),
                             nicOptics,
                             switchOptics,
                             hostLinkOptics,
                             asic,
                             crossbar,
                             bytes,
                             static_cast<uint32_t>(simulateMax)});
    Ptr<FabricCostModel> prices = CreateObject<FabricCostModel>();
    std::map<std::pair<std::string, uint32_t>, ExamplePowerStudy::Row> rows;
    for (const std::string& f : fabrics)
    {
        for (uint32_t n : endpoints)
        {
            if (progress == "true" || (progress == "auto" && n >= 4096))
            {
                std::cerr << "# building " << f << " with " << n << " endpoints\n";
            }
            rows[{f, n}] = study.Measure(f, n);
        }
    }

    std::ostringstream optics;
    optics << rateGbps << " Gb/s per endpoint; optics " << nicOptics << " at endpoints, "
           << switchOptics << " at switch ports" << (hostLinkOptics ? "" : " (host links copper)");
    std::ostringstream parts;
    parts << asic << " (radix " << study.GetRadix() << "); " << crossbar << " crossbars (up to "
          << CrossbarTechnology::Get(crossbar).maxPorts << " ports)";
    const std::string setting = optics.str() + "; " + parts.str();
    std::ostringstream table;
    table << "# network power and cost: " << setting << "\n# ring all-reduce of "
          << GnuplotWriter::FormatBytes(bytes)
          << ": closed form 2(N-1)/N S/B for every N, simulated up to N = " << simulateMax
          << "; energy = the fabric's power x the time (presets: all power static)\n";
    table << std::left << std::setw(11) << "# fabric" << std::right << std::setw(6) << "N"
          << std::setw(8) << "xcvrs" << std::setw(7) << "asics" << std::setw(8) << "xbarP"
          << std::setw(11) << "power_kW" << std::setw(9) << "W/ep" << std::setw(8) << "hostX"
          << std::setw(8) << "swX" << std::setw(8) << "asic" << std::setw(8) << "xbar"
          << std::setw(9) << "USD/ep" << std::setw(10) << "ar_us" << std::setw(10) << "ar_J/ep"
          << std::setw(10) << "sim_us" << std::setw(10) << "simJ/ep"
          << "  shape\n";
    table << std::fixed;
    for (const std::string& f : fabrics)
    {
        for (uint32_t n : endpoints)
        {
            const ExamplePowerStudy::Row& r = rows[{f, n}];
            table << std::left << std::setw(11) << f << std::right << std::setw(6) << n;
            if (!r.built)
            {
                table << "  " << r.shape << "\n";
                continue;
            }
            const double usd = prices->GetCapitalCostUsdPerEndpoint(r.parts);
            table << std::setw(8) << r.parts.hostTransceivers + r.parts.switchTransceivers
                  << std::setw(7) << r.parts.switches << std::setw(8) << r.parts.crossbarPorts
                  << std::setprecision(2) << std::setw(11) << r.totalWatts / 1e3
                  << std::setprecision(2) << std::setw(9) << r.totalWatts / n;
            for (double w : r.watts)
            {
                table << std::setw(8) << w / n;
            }
            table << std::setprecision(0) << std::setw(9) << usd << std::setprecision(1)
                  << std::setw(10) << r.closedSeconds * 1e6 << std::setprecision(4) << std::setw(10)
                  << r.closedJoules / n;
            if (r.simulated)
            {
                table << std::setprecision(1) << std::setw(10) << r.simSeconds * 1e6
                      << std::setprecision(4) << std::setw(10) << r.simJoules / n;
            }
            else
            {
                table << std::setw(10) << "-" << std::setw(10) << "-";
            }
            table << "  " << r.shape << "\n";
        }
    }
    table << "# W/ep: static power per endpoint, split into host transceivers, switch "
             "transceivers, switch ASICs, crossbars; USD/ep: capital cost per endpoint "
             "(FabricCostModel, assumed prices); ar: all-reduce time and energy per endpoint, "
             "closed form; sim: simulated (-: not simulated)\n";

    // The seed's claims: what can be built optically against the cheaper electrical fabric.
    const std::string optical =
        std::find(fabrics.begin(), fabrics.end(), "multistage") != fabrics.end() ? "multistage"
                                                                                 : "optical";
    table << "# optical against the electrical fabric of least power, per N (seed: 50 % less "
             "network power, 2-3x lower cost)\n";
    table << "# optical        N  electrical  power_saving  cost_ratio  kWh/step_opt  "
             "kWh/step_elec  USD/step_saved\n";
    std::map<uint32_t, std::string> bestElectrical;
    for (const auto& [key, o] : rows)
    {
        const uint32_t n = key.second;
        if (key.first != "optical" && key.first != "multistage")
        {
            continue;
        }
        const ExamplePowerStudy::Row* e = nullptr;
        for (const std::string& f : {std::string("leafspine"), std::string("fattree")})
        {
            auto it = rows.find({f, n});
            if (it != rows.end() && it->second.built &&
                (!e || it->second.totalWatts < e->totalWatts))
            {
                e = &it->second;
            }
        }
        table << "# " << std::left << std::setw(10) << key.first << std::right << std::setw(6) << n;
        if (!o.built || !e)
        {
            table << "  (not both built)\n";
            continue;
        }
        bestElectrical[n] = e->fabric;
        const double kwhO = o.totalWatts * step / 3.6e6;
        const double kwhE = e->totalWatts * step / 3.6e6;
        table << std::setw(12) << e->fabric << std::setprecision(1) << std::setw(13)
              << 100.0 * (1 - o.totalWatts / e->totalWatts) << "%" << std::setprecision(2)
              << std::setw(12)
              << prices->GetCapitalCost(e->parts).GetTotalUsd() /
                     prices->GetCapitalCost(o.parts).GetTotalUsd()
              << std::setprecision(4) << std::setw(14) << kwhO << std::setw(15) << kwhE
              << std::setprecision(6) << std::setw(16)
              << prices->GetEnergyCostUsd((e->totalWatts - o.totalWatts) * step)
              << (o.whatIf ? "  (what-if crossbar)" : "") << "\n";
    }
    table << "# power_saving: 1 - optical W / electrical W; cost_ratio: electrical / optical "
             "capital cost; per step: network energy over a step of "
          << std::defaultfloat << step << " s (--stepSeconds)\n";

    // Figures against N.
    const std::vector<std::string> title = {"network power and cost per endpoint",
                                            optics.str(),
                                            parts.str()};
    Gnuplot powerPlot;
    GnuplotWriter::SetTitle(powerPlot, title);
    powerPlot.SetLegend("endpoints N", "static power per endpoint (W)");
    Gnuplot costPlot;
    GnuplotWriter::SetTitle(costPlot, title);
    costPlot.SetLegend("endpoints N", "capital cost per endpoint (USD, assumed prices)");
    Gnuplot energyPlot;
    GnuplotWriter::SetTitle(energyPlot,
                            {"network energy per ring all-reduce of " +
                                 GnuplotWriter::FormatBytes(bytes) + ", per endpoint",
                             optics.str(),
                             parts.str()});
    energyPlot.SetLegend("endpoints N", "energy per endpoint (J)");
    const uint32_t fewest = endpoints.front();
    const uint32_t most = endpoints.back();
    if (most > fewest)
    {
        for (Gnuplot* p : {&powerPlot, &costPlot, &energyPlot})
        {
            GnuplotWriter::SetLogAxis(*p, "x", fewest, most, GnuplotWriter::POWERS_OF_TWO);
        }
    }
    double leastJ = 0;
    double mostJ = 0;
    Gnuplot2dDataset simulated("simulated");
    simulated.SetStyle(Gnuplot2dDataset::POINTS);
    for (const std::string& f : fabrics)
    {
        Gnuplot2dDataset power(f);
        Gnuplot2dDataset cost(f);
        Gnuplot2dDataset energy(f + ", closed form");
        for (Gnuplot2dDataset* d : {&power, &cost, &energy})
        {
            d->SetStyle(Gnuplot2dDataset::LINES_POINTS);
        }
        for (uint32_t n : endpoints)
        {
            const ExamplePowerStudy::Row& r = rows[{f, n}];
            if (!r.built)
            {
                continue;
            }
            power.Add(n, r.totalWatts / n);
            cost.Add(n, prices->GetCapitalCostUsdPerEndpoint(r.parts));
            energy.Add(n, r.closedJoules / n);
            leastJ = leastJ > 0 ? std::min(leastJ, r.closedJoules / n) : r.closedJoules / n;
            mostJ = std::max(mostJ, r.closedJoules / n);
            if (r.simulated)
            {
                simulated.Add(n, r.simJoules / n);
                mostJ = std::max(mostJ, r.simJoules / n);
            }
        }
        powerPlot.AddDataset(power);
        costPlot.AddDataset(cost);
        energyPlot.AddDataset(energy);
    }
    if (leastJ > 0)
    {
        GnuplotWriter::SetLogAxis(energyPlot, "y", leastJ, mostJ, GnuplotWriter::DECADES);
    }
    if (simulateMax >= fewest)
    {
        energyPlot.AddDataset(simulated); // an empty dataset would stop gnuplot
    }

    // Sensitivity at the reference N: each uncertain figure x 1/16 ... x 16 (prices x 1/4 ... x
    // 4), the rest as set.
    std::string files;
    const ExamplePowerStudy::Row& o = rows[{optical, static_cast<uint32_t>(reference)}];
    const auto best = bestElectrical.find(static_cast<uint32_t>(reference));
    if (o.built && best != bestElectrical.end())
    {
        const ExamplePowerStudy::Row& e = rows[{best->second, static_cast<uint32_t>(reference)}];
        const std::vector<std::string> sTitle = {"sensitivity at N = " + std::to_string(reference) +
                                                     ": " + optical + " against " + e.fabric,
                                                 optics.str(),
                                                 parts.str()};
        Gnuplot sPower;
        GnuplotWriter::SetTitle(sPower, sTitle);
        sPower.SetLegend("factor on one figure", "network power saving (%)");
        Gnuplot sCost;
        GnuplotWriter::SetTitle(sCost, sTitle);
        sCost.SetLegend("factor on one price", "capital cost ratio, electrical / optical");
        GnuplotWriter::SetLogAxis(sPower, "x", 1.0 / 16, 16, GnuplotWriter::POWERS_OF_TWO);
        GnuplotWriter::SetLogAxis(sCost, "x", 0.25, 4, GnuplotWriter::POWERS_OF_TWO);

        // Each figure scales one class (host transceivers, switch transceivers, switch ASICs,
        // crossbars) of the optical fabric or of the electrical one: the optical NIC's optics
        // alone, as a crossbar may need other optics than a packet fabric's NIC.
        struct Figure
        {
            std::string name;               //!< the figure
            std::array<double, 4> optical;  //!< 1 where the optical fabric scales
            std::array<double, 4> electric; //!< 1 where the electrical one scales
        };

        const std::vector<Figure> figures = {
            {"crossbar W per port (no public figure)", {0, 0, 0, 1}, {0, 0, 0, 0}},
            {"switch ASIC W", {0, 0, 0, 0}, {0, 0, 1, 0}},
            {"switch-port optics W", {0, 0, 0, 0}, {0, 1, 0, 0}},
            {"optical NIC optics W (optical fabric only)", {1, 0, 0, 0}, {0, 0, 0, 0}},
        };
        for (const Figure& f : figures)
        {
            Gnuplot2dDataset d(f.name);
            d.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            for (double x = 1.0 / 16; x <= 16; x *= 2)
            {
                std::array<double, 4> so;
                std::array<double, 4> se;
                for (uint32_t c = 0; c < 4; ++c)
                {
                    so[c] = f.optical[c] ? x : 1;
                    se[c] = f.electric[c] ? x : 1;
                }
                d.Add(x, 100.0 * (1 - ScaledWatts(o, so) / ScaledWatts(e, se)));
            }
            sPower.AddDataset(d);
        }
        const std::vector<double> factors = {0.25, 0.5, 1, 2, 4};
        const std::vector<std::string> priceNames = {"TransceiverPriceUsd",
                                                     "SwitchPortPriceUsd",
                                                     "CrossbarPortPriceUsd"};
        for (const std::string& name : priceNames)
        {
            Gnuplot2dDataset d(name);
            d.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            DoubleValue base;
            prices->GetAttribute(name, base);
            for (double x : factors)
            {
                prices->SetAttribute(name, DoubleValue(base.Get() * x));
                d.Add(x,
                      prices->GetCapitalCost(e.parts).GetTotalUsd() /
                          prices->GetCapitalCost(o.parts).GetTotalUsd());
            }
            prices->SetAttribute(name, base);
            sCost.AddDataset(d);
        }
        GnuplotWriter::AddRoof(sPower, 50, "seed: 50 % less power");
        GnuplotWriter::AddRoof(sCost, 2, "seed: 2x (of 2-3x) lower cost");
        files +=
            ", " +
            GnuplotWriter::Write(sPower, outputDir, "scale-across-power-sensitivity").GetFiles();
        files +=
            ", " + GnuplotWriter::Write(sCost, outputDir, "scale-across-power-cost-sensitivity")
                       .GetFiles();
    }
    else
    {
        files += " (no sensitivity figures: at --reference, the optical or every electrical "
                 "fabric is not built)";
    }

    std::cout << table.str();
    const std::string tablePath = outputDir + "/scale-across-power.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    files = tablePath + ", " +
            GnuplotWriter::Write(powerPlot, outputDir, "scale-across-power-watts").GetFiles() +
            ", " + GnuplotWriter::Write(costPlot, outputDir, "scale-across-power-cost").GetFiles() +
            ", " +
            GnuplotWriter::Write(energyPlot, outputDir, "scale-across-power-allreduce").GetFiles() +
            files;
    std::cout << "# wrote " << files << "\n";
    return 0;
}
