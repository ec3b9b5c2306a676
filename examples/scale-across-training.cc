/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-training: the same data-parallel training job on the optical fabric and on the
 * electrical baseline, at several numbers of ranks, side by side.
 *
 * Every rank runs the job of TrainingJob: forward, backward layer by layer with gradient
 * buckets all-reduced (ring) as they fill, overlapping the rest of the backward pass, then the
 * optimizer step. Fabrics, all at the same per-endpoint rate (--wavelengths x 1.6 Tb/s):
 *  static     the optical crossbar holds the ring's circuits from time zero (one lane);
 *  ideal      the optical crossbar reaches any peer at full rate, no reconfiguration;
 *  leafspine  a non-blocking two-tier packet fabric (LeafSpineHelper, MatchOpticalNic);
 *  fattree    a three-tier k-ary fat-tree (FatTreeHelper, MatchOpticalNic).
 *
 * Output: a table (step time mean, std, p50, p99, max; jitter p99 - p50; exposed
 * communication; scaling efficiency; job completion time) per fabric and number of ranks,
 * and three figures (gnuplot .plt, PNG and PDF): step time and efficiency against ranks, and
 * the distribution of step times at the largest number of ranks. With --csv, one CSV per run
 * of every rank's iterations.
 */

#include "example-arguments.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"
#include "ns3/show-progress.h"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("ScaleAcrossTraining");

namespace
{

const std::string PROGRAM = "scale-across-training"; //!< prefix of error lines

/// Stop with one line on stderr and status 1.
[[noreturn]] void
Fail(const std::string& message)
{
    ExampleArguments::Fail(PROGRAM, message);
}

/// @param n hosts @return hosts per leaf of the smallest non-blocking leaf-spine for n hosts
uint32_t
HostsPerLeaf(uint32_t n)
{
    // n / h leaves, each with h hosts and h uplinks: the radix 2h must reach n / h leaves.
    for (uint32_t h = 1; h <= n; ++h)
    {
        if (n % h == 0 && n / h <= 2 * h)
        {
            return h;
        }
    }
    return n;
}

/// @param n hosts @return the smallest even k whose fat-tree holds n hosts (k^3 / 4)
uint32_t
FatTreeK(uint32_t n)
{
    uint32_t k = 2;
    while (uint64_t{k} * k * k / 4 < n)
    {
        k += 2;
    }
    return k;
}

/// One job's numbers for the table and the figures.
struct Row
{
    std::string fabric;        //!< fabric
    uint32_t job;              //!< job (1, or 1 and 2 with --jobs=2)
    uint32_t ranks;            //!< ranks
    double mean;               //!< step time, ms
    double std;                //!< its standard deviation, ms
    double p50;                //!< median, ms
    double p99;                //!< 99th percentile, ms
    double max;                //!< largest, ms
    double exposed;            //!< exposed communication, mean, us
    double efficiency;         //!< scaling efficiency
    double jct;                //!< job completion time, ms
    double latencyP50;         //!< the fabric's latency per frame, p50, us
    double latencyP99;         //!< its p99, us
    double latencyMax;         //!< its maximum, us
    std::vector<double> steps; //!< every step, ms (the example keeps them for its CDF figure)
};

/// Step sink of the example: keep the step, show progress.
void
StepDone(std::vector<double>* steps, uint32_t, Time step, Time)
{
    steps->push_back(step.GetSeconds() * 1e3);
}

/// JobComplete sink: stop the run once every job has ended (ShowProgress's own events would
/// keep it going).
void
JobDone(uint32_t* running, Time)
{
    if (--*running == 0)
    {
        Simulator::Stop();
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string rankList = "8,16,32";
    std::string fabricList = "static,leafspine,fattree";
    uint32_t iterations = 10;
    uint32_t layers = 8;
    uint64_t layerBytes = 8 << 20;
    uint64_t bucketBytes = 25 << 20;
    uint64_t forwardUs = 200;
    uint64_t backwardUs = 400;
    uint64_t optimizerUs = 500;
    uint32_t wavelengths = 1;
    std::string jitter = "0";
    std::string stragglers = "0";
    std::string slowdown = "1";
    std::string failSlowRate = "0";
    uint64_t failSlowMs = 10;
    std::string failSlowSlowdown = "2";
    uint32_t jobCount = 1;
    bool csv = false;
    std::string outputDir = "scale-across-training-output";
    std::string progress = "auto";

    CommandLine cmd(__FILE__);
    cmd.Usage("A data-parallel training job (gradient buckets all-reduced by a ring as the "
              "backward pass fills them) on optical and electrical fabrics, at several numbers "
              "of ranks: step time, its spread, efficiency and job completion time.");
    cmd.AddValue("ranks", "numbers of ranks, comma separated, each 2 ... 4096", rankList);
    cmd.AddValue("fabric",
                 "fabrics, comma separated: static (optical, the ring's circuits), ideal "
                 "(optical, any peer at full rate), leafspine, fattree (packet, same rate)",
                 fabricList);
    cmd.AddValue("iterations", "training iterations (steps), 1 ... 1000000", iterations);
    cmd.AddValue("layers", "layers of the model, 1 ... 100000", layers);
    cmd.AddValue("layerBytes", "gradient bytes per layer, a multiple of 4, 4 ... 2^40", layerBytes);
    cmd.AddValue("bucketBytes",
                 "gradient bucket, bytes, 4 ... 2^40 (PyTorch DDP: 25 MiB)",
                 bucketBytes);
    cmd.AddValue("forwardUs", "forward compute per layer, microseconds, 0 ... 10^9", forwardUs);
    cmd.AddValue("backwardUs", "backward compute per layer, microseconds, 0 ... 10^9", backwardUs);
    cmd.AddValue("optimizerUs", "optimizer step, microseconds, 0 ... 10^9", optimizerUs);
    cmd.AddValue("wavelengths",
                 "wavelengths per NIC, 1.6 Tb/s each, 1 ... 1024 (the packet fabrics' links "
                 "get the same rate)",
                 wavelengths);
    cmd.AddValue("jitter", "sigma of the log-normal compute jitter (mean 1), 0 ... 2", jitter);
    cmd.AddValue("stragglers", "fraction of ranks that are stragglers, 0 ... 1", stragglers);
    cmd.AddValue("slowdown", "a straggler's compute time factor, 1 ... 100", slowdown);
    cmd.AddValue("failSlowRate",
                 "fail-slow episodes per rank and hour, 0 ... 3600000",
                 failSlowRate);
    cmd.AddValue("failSlowMs", "mean fail-slow episode, milliseconds, 1 ... 10^9", failSlowMs);
    cmd.AddValue("failSlowSlowdown",
                 "compute time factor during an episode, 1 ... 100",
                 failSlowSlowdown);
    cmd.AddValue("jobs",
                 "identical jobs on the same ranks, each its own communicator, sharing every NIC "
                 "and link: 1 or 2 (their statistics apart)",
                 jobCount);
    cmd.AddValue("csv", "write every rank's iterations to a CSV per run (true/false)", csv);
    cmd.AddValue("outputDir", "folder for the table, the figures and the CSVs", outputDir);
    cmd.AddValue("progress",
                 "show simulated time and events on stderr every 10 s of wall time: true, "
                 "false, or auto (true from 256 ranks)",
                 progress);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    ExampleArguments::CheckUnsigned(argc,
                                    argv,
                                    PROGRAM,
                                    {{"iterations", 1000000},
                                     {"layers", 100000},
                                     {"layerBytes", uint64_t{1} << 40},
                                     {"bucketBytes", uint64_t{1} << 40},
                                     {"forwardUs", 1000000000},
                                     {"backwardUs", 1000000000},
                                     {"optimizerUs", 1000000000},
                                     {"wavelengths", 1024},
                                     {"jobs", 2},
                                     {"failSlowMs", 1000000000}});
    cmd.Parse(argc, argv);

    std::vector<uint32_t> ranks;
    for (const std::string& item : ExampleArguments::SplitList(rankList))
    {
        uint64_t n = 0;
        if (!ExampleArguments::ParseUnsigned(item, 4096, n) || n < 2)
        {
            Fail("--ranks=" + rankList + " is invalid: " + item +
                 " is not a number of ranks in 2 ... 4096");
        }
        ranks.push_back(static_cast<uint32_t>(n));
    }
    if (ranks.empty())
    {
        Fail("--ranks=" + rankList + " is invalid: give at least one number of ranks, 2 ... 4096");
    }
    const std::vector<std::string> fabrics = ExampleArguments::SplitList(fabricList);
    if (fabrics.empty())
    {
        Fail("--fabric=" + fabricList + " is invalid: use static, ideal, leafspine or fattree");
    }
    for (const std::string& f : fabrics)
    {
        if (f != "static" && f != "ideal" && f != "leafspine" && f != "fattree")
        {
            Fail("--fabric=" + fabricList + " is invalid: " + f +
                 " is none of static, ideal, leafspine, fattree");
        }
    }
    if (iterations == 0)
    {
        Fail("--iterations=0 is invalid: use 1 ... 1000000");
    }
    if (layers == 0)
    {
        Fail("--layers=0 is invalid: use 1 ... 100000");
    }
    if (layerBytes == 0 || layerBytes % 4 != 0)
    {
        Fail("--layerBytes=" + std::to_string(layerBytes) +
             " is invalid: use a positive multiple of 4 (whole floats)");
    }
    if (bucketBytes < 4)
    {
        Fail("--bucketBytes=" + std::to_string(bucketBytes) + " is invalid: use 4 ... 2^40");
    }
    if (wavelengths == 0)
    {
        Fail("--wavelengths=0 is invalid: use 1 ... 1024");
    }
    if (jobCount == 0)
    {
        Fail("--jobs=0 is invalid: use 1 or 2");
    }
    if (failSlowMs == 0)
    {
        Fail("--failSlowMs=0 is invalid: use 1 ... 10^9");
    }
    if (progress != "auto" && progress != "true" && progress != "false")
    {
        Fail("--progress=" + progress + " is invalid: use true, false or auto");
    }
    const double jitterSigma = ExampleArguments::ParseNumber(PROGRAM, "jitter", jitter, 0, 2);
    const double stragglerFraction =
        ExampleArguments::ParseNumber(PROGRAM, "stragglers", stragglers, 0, 1);
    const double stragglerSlowdown =
        ExampleArguments::ParseNumber(PROGRAM, "slowdown", slowdown, 1, 100);
    const double failSlowPerHour =
        ExampleArguments::ParseNumber(PROGRAM, "failSlowRate", failSlowRate, 0, 3.6e6);
    const double failSlowFactor =
        ExampleArguments::ParseNumber(PROGRAM, "failSlowSlowdown", failSlowSlowdown, 1, 100);
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);

    // One rank alone: no communication, no waiting for others (throughput(1)).
    const double computeMs = (layers * (forwardUs + backwardUs) + optimizerUs) / 1e3;
    const uint64_t modelBytes = layers * layerBytes;
    std::ostringstream model;
    model << layers << " layers x " << GnuplotWriter::FormatBytes(layerBytes) << " = "
          << GnuplotWriter::FormatBytes(modelBytes) << " of gradients, buckets of "
          << GnuplotWriter::FormatBytes(bucketBytes);
    std::ostringstream compute;
    compute << forwardUs << "/" << backwardUs << " us forward/backward per layer, optimizer "
            << optimizerUs << " us";
    const std::string setting = model.str() + ", " + compute.str();
    std::ostringstream variability;
    variability << "jitter sigma " << jitterSigma << ", stragglers " << stragglerFraction << " x"
                << stragglerSlowdown << ", fail-slow " << failSlowPerHour << "/h of " << failSlowMs
                << " ms x" << failSlowFactor;

    std::vector<Row> rows;
    std::vector<std::string> csvFiles;
    for (const std::string& fabricKind : fabrics)
    {
        for (uint32_t n : ranks)
        {
            NodeContainer nodes;
            nodes.Create(n);
            CollectiveHelper nccl;
            nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
            NetDeviceContainer devices;
            if (fabricKind == "static" || fabricKind == "ideal")
            {
                OpticalFabricHelper fabric;
                fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
                if (fabricKind == "static")
                {
                    fabric.SetCircuitScheduler(
                        CollectiveCircuitHelper(nccl).MakeStaticCircuits(n, uint64_t{4} * n));
                }
                else
                {
                    fabric.SetIdealFabric();
                }
                devices = fabric.Install(nodes);
            }
            else if (fabricKind == "leafspine")
            {
                LeafSpineHelper fabric;
                fabric.MatchOpticalNic(wavelengths);
                fabric.SetRadix(2 * HostsPerLeaf(n));
                devices = fabric.Install(nodes);
            }
            else
            {
                FatTreeHelper fabric;
                fabric.MatchOpticalNic(wavelengths);
                fabric.SetK(FatTreeK(n));
                devices = fabric.Install(nodes);
            }
            FabricLatencyMonitor latency; // every frame, all jobs together
            latency.Install(devices);
            // Each job its own communicator over the same ranks: with --jobs=2 they share
            // every NIC and every link.
            std::vector<Ptr<TrainingJob>> jobs;
            std::vector<Row> jobRows(jobCount);
            uint32_t running = jobCount;
            for (uint32_t j = 0; j < jobCount; ++j)
            {
                TrainingJobHelper training;
                training.SetJobAttribute("Iterations", UintegerValue(iterations));
                training.SetJobAttribute("NumLayers", UintegerValue(layers));
                training.SetJobAttribute("LayerBytes", UintegerValue(layerBytes));
                training.SetJobAttribute("BucketBytes", UintegerValue(bucketBytes));
                training.SetJobAttribute("ForwardTime", TimeValue(MicroSeconds(forwardUs)));
                training.SetJobAttribute("BackwardTime", TimeValue(MicroSeconds(backwardUs)));
                training.SetJobAttribute("OptimizerTime", TimeValue(MicroSeconds(optimizerUs)));
                training.SetVariabilityAttribute("JitterSigma", DoubleValue(jitterSigma));
                training.SetVariabilityAttribute("StragglerFraction",
                                                 DoubleValue(stragglerFraction));
                training.SetVariabilityAttribute("StragglerSlowdown",
                                                 DoubleValue(stragglerSlowdown));
                training.SetVariabilityAttribute("FailSlowRate", DoubleValue(failSlowPerHour));
                training.SetVariabilityAttribute("FailSlowDuration",
                                                 TimeValue(MilliSeconds(failSlowMs)));
                training.SetVariabilityAttribute("FailSlowSlowdown", DoubleValue(failSlowFactor));
                if (csv)
                {
                    csvFiles.push_back(outputDir + "/scale-across-training-" + fabricKind + "-" +
                                       std::to_string(n) +
                                       (jobCount > 1 ? "-job" + std::to_string(j + 1) : "") +
                                       ".csv");
                    training.SetJobAttribute("OutputFile", StringValue(csvFiles.back()));
                }
                Ptr<TrainingJob> job = training.Install(nccl.Install(devices), nodes);
                training.AssignStreams(job, 1000 + 10 * j);
                jobRows[j].fabric = fabricKind;
                jobRows[j].job = j + 1;
                jobRows[j].ranks = n;
                job->TraceConnectWithoutContext("Step",
                                                MakeBoundCallback(&StepDone, &jobRows[j].steps));
                job->TraceConnectWithoutContext("JobComplete",
                                                MakeBoundCallback(&JobDone, &running));
                jobs.push_back(job);
            }
            std::unique_ptr<ShowProgress> show;
            if (progress == "true" || (progress == "auto" && n >= 256))
            {
                std::cerr << "# " << fabricKind << ", " << n << " ranks\n";
                show = std::make_unique<ShowProgress>(Seconds(10), std::cerr);
            }
            Simulator::Run();
            for (uint32_t j = 0; j < jobCount; ++j)
            {
                Row& row = jobRows[j];
                const Ptr<TrainingJob> job = jobs[j];
                if (!job->IsComplete())
                {
                    Fail(fabricKind + " with " + std::to_string(n) + " ranks: job " +
                         std::to_string(j + 1) + " did not end (" +
                         std::to_string(row.steps.size()) + " of " + std::to_string(iterations) +
                         " steps)");
                }
                const StreamingStatistics& s = job->GetStepTimes();
                row.mean = s.GetMean() * 1e3;
                row.std = s.GetStd() * 1e3;
                row.p50 = s.GetP50() * 1e3;
                row.p99 = s.GetP99() * 1e3;
                row.max = s.GetMax() * 1e3;
                row.exposed = job->GetExposedCommunication().GetMean() * 1e6;
                row.efficiency = TrainingJob::ScalingEfficiency(MicroSeconds(computeMs * 1e3),
                                                                Seconds(s.GetMean()));
                row.jct = job->GetCompletionTime().GetSeconds() * 1e3;
                row.latencyP50 = latency.GetLatency().GetP50() * 1e6;
                row.latencyP99 = latency.GetLatency().GetP99() * 1e6;
                row.latencyMax = latency.GetLatency().GetMax() * 1e6;
                rows.push_back(row);
            }
            jobs.clear();
            show.reset();
            Simulator::Destroy();
        }
    }

    std::ostringstream table;
    table << "# data-parallel training: " << setting << "\n# " << iterations << " iterations; "
          << variability.str() << "\n# " << wavelengths
          << " x 1.6 Tb/s per endpoint; ring all-reduce; one rank alone computes " << computeMs
          << " ms per step (efficiency = that / step mean)"
          << (jobCount > 1 ? "; 2 identical jobs share every NIC and link" : "") << "\n";
    table << std::left << std::setw(10) << "# fabric" << std::right << std::setw(4) << "job"
          << std::setw(6) << "ranks" << std::setw(10) << "step_ms" << std::setw(9) << "std_ms"
          << std::setw(9) << "p50_ms" << std::setw(9) << "p99_ms" << std::setw(9) << "max_ms"
          << std::setw(11) << "spread_us" << std::setw(11) << "exposed_us" << std::setw(8)
          << "effic" << std::setw(10) << "jct_ms" << std::setw(10) << "lat50_us" << std::setw(10)
          << "lat99_us" << std::setw(10) << "latmax_us" << std::setw(11) << "jitter_ns"
          << "\n";
    table << std::fixed;
    for (const Row& r : rows)
    {
        table << std::left << std::setw(10) << r.fabric << std::right << std::setw(4) << r.job
              << std::setw(6) << r.ranks << std::setprecision(4) << std::setw(10) << r.mean
              << std::setw(9) << r.std << std::setw(9) << r.p50 << std::setw(9) << r.p99
              << std::setw(9) << r.max << std::setprecision(2) << std::setw(11)
              << (r.p99 - r.p50) * 1e3 << std::setw(11) << r.exposed << std::setprecision(4)
              << std::setw(8) << r.efficiency << std::setprecision(3) << std::setw(10) << r.jct
              << std::setw(10) << r.latencyP50 << std::setw(10) << r.latencyP99 << std::setw(10)
              << r.latencyMax << std::setprecision(1) << std::setw(11)
              << (r.latencyP99 - r.latencyP50) * 1e3 << "\n";
    }
    table << "# spread: step p99 - p50; exposed: communication the compute did not hide (mean); "
             "effic: scaling efficiency; lat: the fabric's latency per frame, NIC to NIC, of "
             "all jobs' frames; jitter: its p99 - p50\n";

    // Figures: step time and efficiency against ranks; the step distribution at the most.
    const std::vector<std::string> title = {"data-parallel training, " + model.str(),
                                            compute.str(),
                                            variability.str()};
    const uint32_t fewest = *std::min_element(ranks.begin(), ranks.end());
    const uint32_t most = *std::max_element(ranks.begin(), ranks.end());
    Gnuplot stepPlot;
    GnuplotWriter::SetTitle(stepPlot, title);
    stepPlot.SetLegend("ranks", "step time, mean (ms)");
    Gnuplot effPlot;
    GnuplotWriter::SetTitle(effPlot, title);
    effPlot.SetLegend("ranks", "scaling efficiency");
    if (most > fewest)
    {
        GnuplotWriter::SetLogAxis(stepPlot, "x", fewest, most, GnuplotWriter::POWERS_OF_TWO);
        GnuplotWriter::SetLogAxis(effPlot, "x", fewest, most, GnuplotWriter::POWERS_OF_TWO);
    }
    Gnuplot cdfPlot;
    GnuplotWriter::SetTitle(
        cdfPlot,
        {"step time distribution, " + std::to_string(most) + " ranks", variability.str()});
    cdfPlot.SetLegend("step time (ms)", "fraction of steps <= x");
    // Steps all alike (no variability) would give gnuplot an empty x range: widen it.
    double lowest = 0;
    double highest = 0;
    for (const Row& r : rows)
    {
        for (double x : r.ranks == most ? r.steps : std::vector<double>{})
        {
            lowest = lowest > 0 ? std::min(lowest, x) : x;
            highest = std::max(highest, x);
        }
    }
    const double margin = std::max(0.01 * highest, 0.1 * (highest - lowest));
    std::ostringstream xrange;
    xrange << "set xrange [" << lowest - margin << ":" << highest + margin << "]";
    cdfPlot.AppendExtra(xrange.str());
    cdfPlot.AppendExtra("set yrange [0:1.05]");
    for (const std::string& f : fabrics)
    {
        for (uint32_t j = 1; j <= jobCount; ++j)
        {
            const std::string name = jobCount > 1 ? f + ", job " + std::to_string(j) : f;
            Gnuplot2dDataset step(name);
            step.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            Gnuplot2dDataset eff(name);
            eff.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            Gnuplot2dDataset cdf(name);
            cdf.SetStyle(Gnuplot2dDataset::STEPS);
            for (const Row& r : rows)
            {
                if (r.fabric != f || r.job != j)
                {
                    continue;
                }
                step.Add(r.ranks, r.mean);
                eff.Add(r.ranks, r.efficiency);
                if (r.ranks == most)
                {
                    std::vector<double> sorted = r.steps;
                    std::sort(sorted.begin(), sorted.end());
                    for (size_t i = 0; i < sorted.size(); ++i)
                    {
                        cdf.Add(sorted[i], static_cast<double>(i + 1) / sorted.size());
                    }
                }
            }
            stepPlot.AddDataset(step);
            effPlot.AddDataset(eff);
            cdfPlot.AddDataset(cdf);
        }
    }
    GnuplotWriter::AddRoof(stepPlot, computeMs, "one rank alone (compute only)");
    GnuplotWriter::AddRoof(effPlot, 1.0, "linear scaling");

    std::cout << table.str();
    const std::string tablePath = outputDir + "/scale-across-training.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    std::string files = tablePath;
    if (most > fewest)
    {
        files += ", " +
                 GnuplotWriter::Write(stepPlot, outputDir, "scale-across-training-step").GetFiles();
        files +=
            ", " +
            GnuplotWriter::Write(effPlot, outputDir, "scale-across-training-efficiency").GetFiles();
    }
    else
    {
        files += " (no step and efficiency figures: one number of ranks)";
    }
    files +=
        ", " +
        GnuplotWriter::Write(cdfPlot, outputDir, "scale-across-training-distribution").GetFiles();
    for (const std::string& f : csvFiles)
    {
        files += ", " + f;
    }
    std::cout << "# wrote " << files << "\n";
    return 0;
}
