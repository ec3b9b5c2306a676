/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-faults: what one failed part does to a collective in flight, on optical and
 * electrical fabrics, and what random failures do to a training job's goodput against its
 * checkpoint interval.
 *
 * Part 1: a ring all-reduce on every fabric asked for; each fault of that fabric (a rank's
 * transceiver, fiber or link, crossbar port, leaf and the switch above it, a whole crossbar,
 * a circuit set-up, a fiber that degrades until its budget fails) strikes at several instants
 * (before the all-reduce, at fractions of its fault-free time, after it), with each
 * OnFailure policy (Abort, ExcludeRank). For every run: the outcome, when it came, the delay
 * against the fault-free run, the bytes lost (by reason) and whether every byte balance held.
 *
 * Part 2: a data-parallel training job under a Poisson failure process (mean time between
 * failures --mtbfMs), checkpointing every k steps: goodput (useful step time over job
 * completion time) against k, on each fabric, the mean over --seeds runs beside the model's
 * expectation (CheckpointLedger::ExpectedCompletion), with Young and Daly's optimum marked.
 *
 * Output: a table and two kinds of figures (gnuplot .plt, PNG and PDF): the time to each
 * outcome against the fault's instant, one per fabric, and goodput against the interval.
 */

#include "example-arguments.h"
#include "example-fault-study.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

const std::string PROGRAM = "scale-across-faults"; //!< prefix of error lines

/// Stop with one line on stderr and status 1.
[[noreturn]] void
Fail(const std::string& message)
{
    ExampleArguments::Fail(PROGRAM, message);
}

/// One fault instant: a label and where it falls, as a fraction of the fault-free all-reduce.
struct Instant
{
    std::string label; //!< before, after, or the fraction as given
    double fraction;   //!< < 0 before the start, > 1 after the end
};

/**
 * @brief Parse --instants.
 * @param list the option's value
 * @return the instants, in order
 */
std::vector<Instant>
ParseInstants(const std::string& list)
{
    std::vector<Instant> instants;
    for (const std::string& item : ExampleArguments::SplitList(list))
    {
        if (item == "before")
        {
            instants.push_back({item, -0.5});
            continue;
        }
        if (item == "after")
        {
            instants.push_back({item, 1.25});
            continue;
        }
        char* end = nullptr;
        const double f = std::strtod(item.c_str(), &end);
        if (end == item.c_str() || *end != '\0' || !(f > 0 && f < 1))
        {
            Fail("--instants=" + list + " is invalid: " + item +
                 " is neither before, after nor a fraction of the all-reduce in (0, 1)");
        }
        instants.push_back({item, f});
    }
    if (instants.empty())
    {
        Fail("--instants is empty: give before, after or fractions in (0, 1), comma separated");
    }
    return instants;
}

/// A row of part 1's table.
struct Row
{
    std::string fabric; //!< fabric
    std::string fault;  //!< fault
    Instant instant;    //!< when, as asked
    Time at;            //!< when, absolute
    std::string policy; //!< OnFailure
    FaultOutcome out;   //!< what came of it
    Time baseline;      //!< the fault-free end
};

/**
 * @brief Check and parse a list of names against the valid ones.
 * @param option the option's name
 * @param list its value
 * @param valid the valid names
 * @return the names, each once
 */
std::vector<std::string>
ParseNames(const std::string& option,
           const std::string& list,
           const std::vector<std::string>& valid)
{
    std::string all;
    for (const std::string& v : valid)
    {
        all += (all.empty() ? "" : ", ") + v;
    }
    const std::vector<std::string> names = ExampleArguments::SplitList(list);
    if (names.empty())
    {
        Fail("--" + option + " is empty: name at least one of " + all);
    }
    for (size_t i = 0; i < names.size(); ++i)
    {
        if (std::find(valid.begin(), valid.end(), names[i]) == valid.end())
        {
            Fail("--" + option + "=" + list + " is invalid: " + names[i] + " is none of " + all);
        }
        if (std::find(names.begin(), names.begin() + i, names[i]) != names.begin() + i)
        {
            Fail("--" + option + "=" + list + " names " + names[i] + " twice");
        }
    }
    return names;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string fabricList = "ondemand,leafspine";
    std::string faultList = "all";
    std::string instantList = "before,0.25,0.5,0.75,after";
    std::string policyList = "Abort,ExcludeRank";
    uint32_t ranks = 8;
    uint32_t faultRank = 1;
    uint64_t bytes = 4 << 20;
    uint32_t wavelengths = 1;
    uint64_t failureTimeoutUs = ExampleFaultStudy::DefaultFailureTimeout().GetMicroSeconds();
    uint64_t shrinkUs = 0;
    uint32_t jobSteps = 200;
    std::string intervalList = "1,2,4,8,16,32,64";
    uint32_t seeds = 3;
    uint64_t mtbfMs = 100;
    uint64_t checkpointUs = 2000;
    uint64_t restartUs = 5000;
    uint64_t forwardUs = 400;
    uint64_t backwardUs = 800;
    uint64_t optimizerUs = 300;
    std::string outputDir = "scale-across-faults-output";

    CommandLine cmd(__FILE__);
    cmd.Usage("Faults on optical and electrical fabrics: what one failed part does to a ring "
              "all-reduce in flight (outcome, delay, bytes lost), and a training job's goodput "
              "under random failures against its checkpoint interval.");
    cmd.AddValue("fabrics",
                 "fabrics, comma separated: ondemand (optical, circuits on demand), static "
                 "(optical, the ring's circuits only), leafspine, fattree (packet, same rate)",
                 fabricList);
    cmd.AddValue("faults",
                 "faults, comma separated, or all: transceiver, fiber, port, crossbar, degrade, "
                 "setup (optical); transceiver, uplink, upswitch, leaf (packet)",
                 faultList);
    cmd.AddValue("instants",
                 "fault instants, comma separated: before, after, or fractions in (0, 1) of the "
                 "fault-free all-reduce",
                 instantList);
    cmd.AddValue("policies", "OnFailure policies, comma separated: Abort, ExcludeRank", policyList);
    cmd.AddValue("ranks", "ranks, 3 ... 1024", ranks);
    cmd.AddValue("faultRank", "the rank whose parts fail, 0 ... ranks - 1", faultRank);
    cmd.AddValue("bytes", "all-reduce size, bytes, a multiple of 4, 4 ... 2^34", bytes);
    cmd.AddValue("wavelengths",
                 "wavelengths per NIC, 1.6 Tb/s each, 1 ... 64 (packet links get the same rate)",
                 wavelengths);
    cmd.AddValue("failureTimeoutUs",
                 "the no-progress watchdog (CollectiveCommunicator::FailureTimeout), "
                 "microseconds, 1 ... 10^12 (default: the model's, InfiniBand's give-up time)",
                 failureTimeoutUs);
    cmd.AddValue("shrinkUs",
                 "ExcludeRank's rebuild (ShrinkTime), microseconds, 0 ... 10^12",
                 shrinkUs);
    cmd.AddValue("jobSteps", "training steps per job run, 0 (no job study) ... 100000", jobSteps);
    cmd.AddValue("intervals",
                 "checkpoint intervals, steps, comma separated, each 1 ... 100000",
                 intervalList);
    cmd.AddValue("seeds",
                 "job runs per interval and fabric (RngRun 1 ... seeds), 1 ... 1000",
                 seeds);
    cmd.AddValue("mtbfMs", "mean time between job failures, milliseconds, 1 ... 10^9", mtbfMs);
    cmd.AddValue("checkpointUs",
                 "time to write a checkpoint, microseconds, 0 ... 10^9",
                 checkpointUs);
    cmd.AddValue("restartUs",
                 "time to restart after a failure, microseconds, 0 ... 10^9",
                 restartUs);
    cmd.AddValue("forwardUs",
                 "job: forward compute, us, 0 ... 10^9 (one layer of 1 MiB gradients)",
                 forwardUs);
    cmd.AddValue("backwardUs", "job: backward compute, us, 0 ... 10^9", backwardUs);
    cmd.AddValue("optimizerUs", "job: optimizer step, us, 0 ... 10^9", optimizerUs);
    ExamplePacketFabric electrical(PROGRAM);
    electrical.AddOptions(cmd);
    cmd.AddValue("outputDir", "folder for the table and the figures", outputDir);
    ExampleArguments::ExitOnFatalError(PROGRAM);
    std::vector<std::pair<std::string, uint64_t>> limits = {{"ranks", 1024},
                                                            {"faultRank", 1023},
                                                            {"bytes", uint64_t{1} << 34},
                                                            {"wavelengths", 64},
                                                            {"failureTimeoutUs", 1000000000000},
                                                            {"shrinkUs", 1000000000000},
                                                            {"jobSteps", 100000},
                                                            {"seeds", 1000},
                                                            {"mtbfMs", 1000000000},
                                                            {"checkpointUs", 1000000000},
                                                            {"restartUs", 1000000000},
                                                            {"forwardUs", 1000000000},
                                                            {"backwardUs", 1000000000},
                                                            {"optimizerUs", 1000000000}};
    for (const auto& limit : ExamplePacketFabric::Limits())
    {
        limits.push_back(limit);
    }
    ExampleArguments::CheckUnsigned(argc, argv, PROGRAM, limits);
    cmd.Parse(argc, argv);

    const std::vector<std::string> fabrics =
        ParseNames("fabrics", fabricList, ExampleFaultStudy::Fabrics());
    const std::vector<Instant> instants = ParseInstants(instantList);
    const std::vector<std::string> policies =
        ParseNames("policies", policyList, {"Abort", "ExcludeRank"});
    if (ranks < 3)
    {
        Fail("--ranks=" + std::to_string(ranks) +
             " is invalid: use 3 ... 1024 (a ring must be left after excluding a rank)");
    }
    if (faultRank >= ranks)
    {
        Fail("--faultRank=" + std::to_string(faultRank) + " is invalid with --ranks=" +
             std::to_string(ranks) + ": use 0 ... " + std::to_string(ranks - 1));
    }
    if (bytes < 4 || bytes % 4 != 0)
    {
        Fail("--bytes=" + std::to_string(bytes) + " is invalid: use a multiple of 4, 4 ... 2^34");
    }
    if (wavelengths == 0)
    {
        Fail("--wavelengths=0 is invalid: use 1 ... 64");
    }
    if (failureTimeoutUs == 0)
    {
        Fail("--failureTimeoutUs=0 is invalid: use 1 ... 10^12 (the example needs the "
             "watchdog: a fault that no link-down shows would otherwise leave the operation "
             "waiting)");
    }
    if (seeds == 0)
    {
        Fail("--seeds=0 is invalid: use 1 ... 1000");
    }
    if (mtbfMs == 0)
    {
        Fail("--mtbfMs=0 is invalid: use 1 ... 10^9");
    }
    std::vector<uint32_t> intervals;
    for (const std::string& item : ExampleArguments::SplitList(intervalList))
    {
        uint64_t k = 0;
        if (!ExampleArguments::ParseUnsigned(item, 100000, k) || k == 0)
        {
            Fail("--intervals=" + intervalList + " is invalid: " + item +
                 " is not a number of steps in 1 ... 100000");
        }
        intervals.push_back(static_cast<uint32_t>(k));
    }
    if (jobSteps > 0 && intervals.empty())
    {
        Fail("--intervals is empty: give checkpoint intervals in steps, comma separated");
    }
    // Faults: all of each fabric's, or those named (each must apply to some fabric asked for).
    std::vector<std::string> known;
    for (const std::string& f : fabrics)
    {
        for (const std::string& fault : ExampleFaultStudy::Faults(f))
        {
            if (std::find(known.begin(), known.end(), fault) == known.end())
            {
                known.push_back(fault);
            }
        }
    }
    const std::vector<std::string> faults =
        faultList == "all" ? known : ParseNames("faults", faultList, known);
    electrical.Check(argc, argv, fabrics, ranks);
    ExampleArguments::CheckOutputFolder(PROGRAM, "outputDir", outputDir);

    ExampleFaultStudy study(PROGRAM, electrical, ranks, wavelengths, faultRank);
    study.SetFailureHandling(MicroSeconds(failureTimeoutUs), MicroSeconds(shrinkUs));
    const Time start = ExampleFaultStudy::Start();

    // Part 1: every fabric, fault, instant and policy.
    std::vector<Row> rows;
    for (const std::string& fabric : fabrics)
    {
        const FaultOutcome clean = study.RunAllReduce(fabric, "none", Seconds(1), "Abort", bytes);
        const Time span = clean.end - start;
        std::cerr << "# " << fabric << ": fault-free all-reduce " << span.As(Time::US) << "\n";
        for (const std::string& fault : ExampleFaultStudy::Faults(fabric))
        {
            if (std::find(faults.begin(), faults.end(), fault) == faults.end())
            {
                continue;
            }
            for (const Instant& instant : instants)
            {
                const Time at = instant.fraction < 0
                                    ? start / 2
                                    : start + NanoSeconds(static_cast<int64_t>(std::llround(
                                                  instant.fraction * span.GetNanoSeconds())));
                for (const std::string& policy : policies)
                {
                    Row row{fabric, fault, instant, at, policy, {}, clean.end};
                    row.out = study.RunAllReduce(fabric, fault, at, policy, bytes);
                    rows.push_back(row);
                }
            }
            std::cerr << "#   " << fault << " done\n";
        }
    }

    std::ostringstream table;
    table << "# ring all-reduce of " << GnuplotWriter::FormatBytes(bytes) << " over " << ranks
          << " ranks from t = " << start.As(Time::US) << ", " << wavelengths
          << " x 1.6 Tb/s per endpoint; faults strike rank " << faultRank
          << "'s parts and are never repaired\n# FailureTimeout "
          << MicroSeconds(failureTimeoutUs).As(Time::S) << ", ShrinkTime "
          << MicroSeconds(shrinkUs).As(Time::US) << "\n";
    table << std::left << std::setw(10) << "# fabric" << std::setw(12) << "fault" << std::setw(8)
          << "instant" << std::right << std::setw(12) << "at_us"
          << "  " << std::left << std::setw(12) << "policy" << std::setw(10) << "status"
          << std::right << std::setw(6) << "ranks" << std::setw(14) << "end_us" << std::setw(14)
          << "delay_us" << std::setw(10) << "lost_B" << std::setw(10) << "fault_B" << std::setw(10)
          << "budget_B" << std::setw(9) << "balance"
          << "  reason\n";
    table << std::fixed << std::setprecision(3);
    for (const Row& r : rows)
    {
        table << std::left << std::setw(10) << r.fabric << std::setw(12) << r.fault << std::setw(8)
              << r.instant.label << std::right << std::setw(12) << r.at.GetSeconds() * 1e6 << "  "
              << std::left << std::setw(12) << r.policy << std::setw(10) << r.out.status
              << std::right << std::setw(6) << r.out.ranks << std::setw(14)
              << r.out.end.GetSeconds() * 1e6 << std::setw(14);
        if (r.out.status == "FAILED")
        {
            table << "-"; // the operation never ended: no delay to speak of
        }
        else
        {
            // In integer ns: ns-3 3.37's Time::GetSeconds shifts a negative value left (UB),
            // and a rerun over fewer ranks can end before the fault-free run.
            table << static_cast<double>((r.out.end - r.baseline).GetNanoSeconds()) / 1e3;
        }
        table << std::setw(10) << r.out.bytesLost << std::setw(10) << r.out.lostToFaults
              << std::setw(10) << r.out.lostBudget << std::setw(9)
              << (r.out.balanced ? "yes" : "NO") << "  "
              << (r.out.reason.empty() ? "-" : r.out.reason) << "\n";
    }
    table << "# end: completion (COMPLETE, RECOVERED) or detection (FAILED); delay: end - the "
             "fault-free end (COMPLETE, RECOVERED); lost_B: bytes dropped anywhere; fault_B: of "
             "which LinkDown or "
             "DeviceFailed; budget_B: of which LinkBudget; balance: every NIC, crossbar and "
             "switch balanced its bytes\n# faults: ";
    for (const std::string& f : faults)
    {
        table << f << " = " << ExampleFaultStudy::Describe(f) << "; ";
    }
    table << "\n";

    std::string files;
    // One figure per fabric: time to the outcome against the instant, a series per fault and
    // policy (the fault-free time as a roof).
    for (const std::string& fabric : fabrics)
    {
        Gnuplot plot;
        GnuplotWriter::SetTitle(plot,
                                {"time to the outcome of a fault, " + fabric +
                                     ", ring all-reduce " + GnuplotWriter::FormatBytes(bytes) +
                                     " over " + std::to_string(ranks) + " ranks",
                                 "start at " + std::to_string(start.GetMicroSeconds()) +
                                     " us; x < 0: fault before the start, x > 1: after the end"});
        plot.SetLegend("fault instant (fraction of the fault-free all-reduce)",
                       "end (us): completion, or detection if FAILED");
        double lowest = 0;
        double highest = 0;
        for (const std::string& fault : faults)
        {
            for (const std::string& policy : policies)
            {
                Gnuplot2dDataset series(fault + ", " + policy);
                series.SetStyle(Gnuplot2dDataset::LINES_POINTS);
                for (const Row& r : rows)
                {
                    if (r.fabric == fabric && r.fault == fault && r.policy == policy)
                    {
                        const double us = r.out.end.GetSeconds() * 1e6;
                        series.Add(r.instant.fraction, us);
                        lowest = lowest > 0 ? std::min(lowest, us) : us;
                        highest = std::max(highest, us);
                    }
                }
                if (highest > 0)
                {
                    plot.AddDataset(series);
                }
            }
        }
        if (highest <= 0)
        {
            continue; // no fault of this list applies to this fabric
        }
        // The fault-free end, across the instants.
        Gnuplot2dDataset clean("fault-free end");
        clean.SetStyle(Gnuplot2dDataset::LINES);
        for (const Row& r : rows)
        {
            if (r.fabric == fabric)
            {
                clean.Add(-0.5, r.baseline.GetSeconds() * 1e6);
                clean.Add(1.25, r.baseline.GetSeconds() * 1e6);
                break;
            }
        }
        plot.AddDataset(clean);
        GnuplotWriter::SetLogAxis(plot,
                                  "y",
                                  std::max(lowest / 2, 1e-3),
                                  highest * 2,
                                  GnuplotWriter::DECADES);
        files += ", " +
                 GnuplotWriter::Write(plot, outputDir, "scale-across-faults-" + fabric).GetFiles();
    }

    // Part 2: goodput against the checkpoint interval.
    if (jobSteps > 0)
    {
        const double lambda = 1.0 / (mtbfMs * 1e-3); // failures per second
        ExampleFaultStudy::Job job;
        job.iterations = jobSteps;
        job.layers = 1;
        job.layerBytes = 1 << 20;
        job.forward = MicroSeconds(forwardUs);
        job.backward = MicroSeconds(backwardUs);
        job.optimizer = MicroSeconds(optimizerUs);
        job.checkpoint = MicroSeconds(checkpointUs);
        job.restart = MicroSeconds(restartUs);
        const double c = job.checkpoint.GetSeconds();
        const double restart = job.restart.GetSeconds();
        Gnuplot plot;
        GnuplotWriter::SetTitle(
            plot,
            {"training goodput under failures, " + std::to_string(ranks) + " ranks, " +
                 std::to_string(jobSteps) + " steps, MTBF " + std::to_string(mtbfMs) + " ms",
             "checkpoint " + std::to_string(checkpointUs) + " us, restart " +
                 std::to_string(restartUs) + " us; points: mean of " + std::to_string(seeds) +
                 " runs; lines: the model's expectation"});
        plot.SetLegend("checkpoint interval (steps)", "goodput (useful time / completion time)");
        GnuplotWriter::SetLogAxis(plot,
                                  "x",
                                  *std::min_element(intervals.begin(), intervals.end()),
                                  *std::max_element(intervals.begin(), intervals.end()),
                                  GnuplotWriter::POWERS_OF_TWO);
        table << "\n# training job: " << ranks << " ranks, " << jobSteps
              << " steps of one layer of 1 MiB gradients (a ring all-reduce per step), compute "
              << forwardUs << "/" << backwardUs << "/" << optimizerUs << " us; failures at rate 1/"
              << mtbfMs << " ms; checkpoint " << checkpointUs << " us, restart " << restartUs
              << " us; " << seeds << " runs per point\n";
        table << std::left << std::setw(10) << "# fabric" << std::right << std::setw(9)
              << "interval" << std::setw(10) << "step_us" << std::setw(10) << "failures"
              << std::setw(10) << "goodput" << std::setw(10) << "std" << std::setw(10) << "expected"
              << std::setw(12) << "jct_ms"
              << "\n";
        for (const std::string& fabric : fabrics)
        {
            // The step of this fabric, failure-free and without checkpoints.
            ExampleFaultStudy::Job clean = job;
            clean.interval = jobSteps;
            const Time tau = study.RunJob(fabric, clean).meanStep;
            const double young = std::sqrt(2 * c / lambda) / tau.GetSeconds();
            Gnuplot2dDataset simulated(fabric + ", simulated");
            simulated.SetStyle(Gnuplot2dDataset::POINTS);
            simulated.SetErrorBars(Gnuplot2dDataset::Y);
            Gnuplot2dDataset expected(fabric + ", expected");
            expected.SetStyle(Gnuplot2dDataset::LINES);
            for (uint32_t k : intervals)
            {
                double sum = 0;
                double sum2 = 0;
                double jct = 0;
                uint64_t failures = 0;
                for (uint32_t s = 1; s <= seeds; ++s)
                {
                    ExampleFaultStudy::Job run = job;
                    run.interval = k;
                    run.failuresPerHour = lambda * 3600;
                    run.run = s;
                    const ExampleFaultStudy::JobOutcome o = study.RunJob(fabric, run);
                    sum += o.goodput;
                    sum2 += o.goodput * o.goodput;
                    jct += o.completion.GetSeconds();
                    failures += o.failures;
                }
                const double mean = sum / seeds;
                const double sd =
                    seeds > 1 ? std::sqrt(std::max(0.0, (sum2 - seeds * mean * mean) / (seeds - 1)))
                              : 0;
                const double model = jobSteps * tau.GetSeconds() /
                                     CheckpointLedger::ExpectedCompletion(jobSteps,
                                                                          k,
                                                                          tau.GetSeconds(),
                                                                          c,
                                                                          lambda,
                                                                          restart);
                simulated.Add(k, mean, sd);
                expected.Add(k, model);
                table << std::left << std::setw(10) << fabric << std::right << std::setw(9) << k
                      << std::setprecision(1) << std::setw(10) << tau.GetSeconds() * 1e6
                      << std::setprecision(2) << std::setw(10)
                      << static_cast<double>(failures) / seeds << std::setprecision(4)
                      << std::setw(10) << mean << std::setw(10) << sd << std::setw(10) << model
                      << std::setprecision(3) << std::setw(12) << jct / seeds * 1e3 << "\n";
                std::cerr << "# job on " << fabric << ", interval " << k << " done\n";
            }
            plot.AddDataset(simulated);
            plot.AddDataset(expected);
            std::ostringstream arrow;
            arrow << "set arrow from " << young << ", graph 0 to " << young
                  << ", graph 1 nohead dashtype 2";
            plot.AppendExtra(arrow.str());
            table << "# " << fabric << ": Young and Daly's optimum sqrt(2 C MTBF) = " << young
                  << " steps (the dashed line)\n";
        }
        plot.AppendExtra("set yrange [0:1.05]");
        plot.AppendExtra("set key bottom right");
        files +=
            ", " + GnuplotWriter::Write(plot, outputDir, "scale-across-faults-goodput").GetFiles();
    }

    std::cout << table.str();
    const std::string tablePath = outputDir + "/scale-across-faults.txt";
    GnuplotWriter::WriteFileAtomically(tablePath, table.str());
    std::cout << "# wrote " << tablePath << files << "\n";
    return 0;
}
