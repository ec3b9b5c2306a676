/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * bench-allreduce: one all-reduce over a single-hop optical fabric with static
 * circuits: wall time, peak RSS, events executed and events per second, with the simulated
 * completion time and busbw. The two configurations:
 *
 *   bench-allreduce --algo=tree --ranks=65536 --bytes=1073741824 --chunkBytes=8388608
 *   bench-allreduce --algo=ring --ranks=4096  --bytes=1073741824
 *
 * With --bare (default), ns-3's bare event engine then runs as many no-op events with as many
 * pending on average (bare-engine.h), and the model's run time is reported beside it (issue
 * #17's ratio; both on the same counting scheduler). Per message: wall time and events.
 * ns-3's `--SchedulerType=ns3::HeapScheduler` (or any of its schedulers) runs both on that
 * scheduler instead of the default MapScheduler: simulated times are the same on every one.
 */

#include "bare-engine.h"
#include "bench-support.h"

#include "ns3/core-module.h"

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string algo = "tree";
    uint32_t ranks = 65536;
    uint64_t bytes = 1ULL << 30;
    uint64_t chunkBytes = 8ULL << 20;
    uint32_t wavelengths = 4;
    uint32_t runs = 1;
    bool progress = true;
    bool bare = true;
    CommandLine cmd(__FILE__);
    cmd.Usage("One all-reduce over the static optical fabric; prints wall time (s), peak RSS "
              "(MiB), events, events/s, simulated time (us) and busbw (GB/s) as `name value "
              "unit` lines.");
    cmd.AddValue("algo", "ring or tree (NCCL double binary tree)", algo);
    cmd.AddValue("ranks", "ranks (endpoints), >= 2", ranks);
    cmd.AddValue("bytes", "message size, bytes (>= 4)", bytes);
    cmd.AddValue("chunkBytes",
                 "pipeline chunk, bytes; 0 = each block or tree half whole",
                 chunkBytes);
    cmd.AddValue("wavelengths", "DWDM wavelengths per NIC, 1.6 Tb/s each (>= 1)", wavelengths);
    cmd.AddValue("runs", "runs (medians are printed), >= 1", runs);
    cmd.AddValue("progress", "show simulated-time progress on stderr every 10 s", progress);
    cmd.AddValue("bare", "also run ns-3's bare engine at the same events and pending events", bare);
    cmd.Parse(argc, argv);
    if ((algo != "ring" && algo != "tree") || ranks < 2 || bytes < 4 || wavelengths == 0 ||
        runs == 0)
    {
        std::cerr << "bench-allreduce: --algo=" << algo << " --ranks=" << ranks
                  << " --bytes=" << bytes << " --wavelengths=" << wavelengths << " --runs=" << runs
                  << " are invalid: use algo ring or tree, ranks >= 2, bytes >= 4, "
                     "wavelengths >= 1, runs >= 1"
                  << std::endl;
        return 1;
    }

    // Any bench takes ns-3's --SchedulerType (MapScheduler by default); the model and the bare
    // engine run on the same one, so their ratio compares like with like.
    const std::string scheduler = bench::SchedulerTypeName("bench-allreduce");
    std::cout << "scheduler " << scheduler << " type" << std::endl;

    const bench::Measured m = bench::MedianInChildren(runs, [&](double* values) {
        const bench::AllReduceRun run =
            bench::RunOpticalAllReduce(ranks, algo, bytes, chunkBytes, wavelengths, progress, bare);
        values[0] = run.buildSeconds;
        values[1] = run.runSeconds;
        values[2] = static_cast<double>(run.events);
        values[3] = run.result.time.GetSeconds() * 1e6;
        values[4] = run.result.busbw;
        values[5] = static_cast<double>(run.messages);
        values[6] = run.meanPending;
    });
    const std::string p = "allreduce_" + algo + "_";
    bench::Report(p + "ranks", ranks, "ranks");
    bench::Report(p + "bytes", static_cast<double>(bytes), "B");
    bench::Report(p + "chunk_bytes", static_cast<double>(chunkBytes), "B");
    bench::Report(p + "runs", runs, "runs");
    bench::Report(p + "wall_time", m.wallSeconds, "s");
    bench::Report(p + "build_wall_time", m.values[0], "s");
    bench::Report(p + "run_wall_time", m.values[1], "s");
    bench::Report(p + "peak_rss", m.peakRssMiB, "MiB");
    bench::Report(p + "events", m.values[2], "events");
    bench::Report(p + "events_per_second", m.values[2] / m.values[1], "events/s");
    bench::Report(p + "simulated_time", m.values[3], "us");
    bench::Report(p + "busbw", m.values[4], "GB/s");
    bench::Report(p + "messages", m.values[5], "messages");
    bench::Report(p + "events_per_message", m.values[2] / m.values[5], "events/message");
    bench::Report(p + "run_wall_time_per_message", m.values[1] / m.values[5] * 1e9, "ns");
    if (bare)
    {
        const auto events = static_cast<uint64_t>(m.values[2]);
        const auto pending = static_cast<uint64_t>(m.values[6] + 0.5);
        const bench::Measured e = bench::RunBareEngine(events, pending, runs);
        bench::Report(p + "mean_pending_events", m.values[6], "events");
        bench::Report("bare_engine_events", e.values[1], "events");
        bench::Report("bare_engine_mean_pending_events", e.values[2], "events");
        bench::Report("bare_engine_wall_time", e.values[0], "s");
        bench::Report(p + "run_wall_time_vs_bare", m.values[1] / e.values[0], "ratio");
    }
    return 0;
}
