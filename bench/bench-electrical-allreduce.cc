/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * bench-electrical-allreduce: one ring all-reduce over a leaf-spine packet fabric (the
 * electrical baseline, every link at the optical NIC's rate), and ns-3's bare event rate
 * measured in the same run. Issue #12's two configurations:
 *
 *   bench-electrical-allreduce --ranks=1024 --bytes=268435456 --cellBytes=65536
 *   bench-electrical-allreduce --ranks=64   --bytes=268435456 --cellBytes=0   (4 KiB packets)
 *
 * Figures, as `name value unit` lines: wall time (build and run), peak RSS, events, packet-hops
 * (cells sent on a link, by host NICs and switch ports: one per cell and link crossed), events
 * per packet-hop (the model's target: at most 2), packet-hops per second, and the events per
 * second of the model beside the bare engine's.
 *
 * The bare engine: a hold model of no-op events, each scheduling the next at a delay from a
 * fixed table, as many events as the all-reduce executed with as many pending on average as
 * it had (both counted by the same wrapper around ns-3's scheduler, MapScheduler unless
 * --SchedulerType names another, so both runs pay its counting). Each part runs in a child
 * process of its own (bench::MedianInChildren; with --runs, the median of each figure).
 */

#include "bare-engine.h"
#include "bench-support.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t ranks = 1024;
    uint64_t bytes = 256ULL << 20;
    uint32_t cellBytes = 65536;
    uint32_t radix = 64;
    uint64_t chunkBytes = 1ULL << 20;
    uint32_t wavelengths = 4;
    uint32_t runs = 1;
    bool progress = false;
    CommandLine cmd(__FILE__);
    cmd.Usage("One ring all-reduce over a leaf-spine packet fabric, then ns-3's bare event rate "
              "at the same events and pending events; prints `name value unit` lines.");
    cmd.AddValue("ranks", "ranks (hosts), a multiple of radix/2, >= 2", ranks);
    cmd.AddValue("bytes", "message size, bytes (>= 4)", bytes);
    cmd.AddValue("cellBytes",
                 "payload per simulated cell: 0 (one per 4 KiB packet) or a "
                 "multiple of 4096",
                 cellBytes);
    cmd.AddValue("radix", "switch ports (non-blocking: radix/2 hosts per leaf), even, >= 2", radix);
    cmd.AddValue("chunkBytes", "pipeline chunk, bytes; 0 = each block whole", chunkBytes);
    cmd.AddValue("wavelengths",
                 "per-endpoint rate as an optical NIC's: wavelengths x 1.6 Tb/s (>= 1)",
                 wavelengths);
    cmd.AddValue("runs", "runs of each part (medians are printed), >= 1", runs);
    cmd.AddValue("progress", "show simulated-time progress on stderr every 10 s", progress);
    cmd.Parse(argc, argv);
    const uint32_t hostsPerLeaf = radix / 2;
    if (radix < 2 || radix % 2 != 0 || ranks < 2 || ranks % hostsPerLeaf != 0 ||
        ranks / hostsPerLeaf > radix || bytes < 4 || cellBytes % 4096 != 0 || wavelengths == 0 ||
        runs == 0)
    {
        std::cerr << "bench-electrical-allreduce: --ranks=" << ranks << " --radix=" << radix
                  << " --bytes=" << bytes << " --cellBytes=" << cellBytes
                  << " --wavelengths=" << wavelengths << " --runs=" << runs
                  << " are invalid: use an even radix, ranks a multiple of radix/2 and at most "
                     "radix^2/2, bytes >= 4, cellBytes 0 or a multiple of 4096, wavelengths >= 1, "
                     "runs >= 1"
                  << std::endl;
        return 1;
    }

    // Any bench takes ns-3's --SchedulerType (MapScheduler by default); the model and the bare
    // engine run on the same one, so their ratio compares like with like.
    const std::string scheduler = bench::SchedulerTypeName("bench-electrical-allreduce");
    std::cout << "scheduler " << scheduler << " type" << std::endl;

    // The all-reduce: values = build s, run s, events, packet-hops, mean pending, simulated s.
    const bench::Measured model = bench::MedianInChildren(runs, [&](double* values) {
        bench::UseCountingScheduler();
        const double t0 = bench::WallSeconds();
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("Collective", StringValue("all_reduce"));
        nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
        nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(chunkBytes));
        nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false)); // one timed operation
        NodeContainer nodes;
        nodes.Create(ranks);
        LeafSpineHelper fabric;
        fabric.SetRadix(radix);
        fabric.MatchOpticalNic(wavelengths);
        fabric.SetDeviceAttribute("CellBytes", UintegerValue(cellBytes));
        NetDeviceContainer devices = fabric.Install(nodes);
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        comm->Run({bytes}, Seconds(0));
        values[0] = bench::WallSeconds() - t0;

        const double t1 = bench::WallSeconds();
        CollectiveProgress show;
        if (progress)
        {
            show.Start(comm, 1);
        }
        Simulator::Run();
        values[1] = bench::WallSeconds() - t1;
        values[2] = static_cast<double>(Simulator::GetEventCount());
        if (comm->GetResults().size() != 1)
        {
            std::cerr << "bench-electrical-allreduce: the all-reduce did not complete" << std::endl;
            std::exit(1);
        }
        // One packet-hop per cell sent on a link: by a host NIC or by a switch port.
        uint64_t hops = 0;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            hops += DynamicCast<PacketNetDevice>(devices.Get(i))->GetTxCells(0);
        }
        for (const Ptr<PacketSwitch>& sw : fabric.GetSwitches())
        {
            for (uint32_t p = 0; p < sw->GetNPorts(); ++p)
            {
                hops += sw->GetTxCells(p);
            }
        }
        values[3] = static_cast<double>(hops);
        values[4] = bench::MeanPendingEvents();
        values[5] = comm->GetResults().front().time.GetSeconds();
        Simulator::Destroy();
    });
    const auto events = static_cast<uint64_t>(model.values[2]);
    const auto pending = static_cast<uint64_t>(model.values[4] + 0.5);

    // The bare engine: as many no-op events, as many pending on average.
    const bench::Measured bare = bench::RunBareEngine(events, pending, runs);

    const double runSeconds = model.values[1];
    const double hops = model.values[3];
    const double simSeconds = model.values[5];
    const double busbw = bytes / simSeconds * 2.0 * (ranks - 1) / ranks / 1e9;
    const double modelRate = events / runSeconds;
    const double bareRate = bare.values[1] / bare.values[0];
    const std::string p = "elec_allreduce_";
    bench::Report(p + "ranks", ranks, "ranks");
    bench::Report(p + "bytes", static_cast<double>(bytes), "B");
    bench::Report(p + "cell_bytes", cellBytes == 0 ? 4096 : cellBytes, "B");
    bench::Report(p + "radix", radix, "ports");
    bench::Report(p + "leaves", ranks / hostsPerLeaf, "leaves");
    bench::Report(p + "chunk_bytes", static_cast<double>(chunkBytes), "B");
    bench::Report(p + "runs", runs, "runs");
    bench::Report(p + "wall_time", model.wallSeconds, "s");
    bench::Report(p + "build_wall_time", model.values[0], "s");
    bench::Report(p + "run_wall_time", runSeconds, "s");
    bench::Report(p + "peak_rss", model.peakRssMiB, "MiB");
    bench::Report(p + "events", static_cast<double>(events), "events");
    bench::Report(p + "packet_hops", hops, "hops");
    bench::Report(p + "events_per_packet_hop", events / hops, "events/hop");
    bench::Report(p + "packet_hops_per_second", hops / runSeconds, "hops/s");
    bench::Report(p + "events_per_second", modelRate, "events/s");
    bench::Report(p + "mean_pending_events", model.values[4], "events");
    bench::Report(p + "simulated_time", simSeconds * 1e6, "us");
    bench::Report(p + "busbw", busbw, "GB/s");
    bench::Report("bare_engine_events", bare.values[1], "events");
    bench::Report("bare_engine_mean_pending_events", bare.values[2], "events");
    bench::Report("bare_engine_wall_time", bare.values[0], "s");
    bench::Report("bare_engine_events_per_second", bareRate, "events/s");
    bench::Report(p + "events_per_second_vs_bare", modelRate / bareRate, "ratio");
    return 0;
}
