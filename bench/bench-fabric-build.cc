/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * bench-fabric-build: wall time and peak RSS to build a single-hop optical fabric of N
 * endpoints (nodes, transceivers, fibers, devices, one crossbar) with OpticalFabricHelper, next
 * to the floor: N bare ns-3 nodes with one SimpleNetDevice each on one SimpleChannel.
 * Each build runs in its own child process (so its peak RSS is its own); figures are medians.
 */

#include "bench-support.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t endpoints = 65536;
    uint32_t runs = 3;
    CommandLine cmd(__FILE__);
    cmd.Usage("Build a single-hop optical fabric and print wall time (s) and peak RSS (MiB), "
              "with the bare-node floor beside it. Output: `name value unit` lines.");
    cmd.AddValue("endpoints", "endpoints (crossbar ports), 1 ... 1048576", endpoints);
    cmd.AddValue("runs", "runs per figure (medians are printed), >= 1", runs);
    cmd.Parse(argc, argv);
    if (endpoints == 0 || endpoints > (1U << 20) || runs == 0)
    {
        std::cerr << "bench-fabric-build: --endpoints=" << endpoints << " --runs=" << runs
                  << " are invalid: use 1 <= endpoints <= 1048576 and runs >= 1" << std::endl;
        return 1;
    }

    const bench::Measured optical = bench::MedianInChildren(runs, [endpoints](double* values) {
        NodeContainer nodes;
        nodes.Create(endpoints);
        OpticalFabricHelper fabric;
        NetDeviceContainer devices = fabric.Install(nodes);
        values[0] = devices.GetN();
        Simulator::Destroy();
    });
    const bench::Measured floor = bench::MedianInChildren(runs, [endpoints](double* values) {
        NodeContainer nodes;
        nodes.Create(endpoints);
        Ptr<SimpleChannel> channel = CreateObject<SimpleChannel>();
        for (uint32_t i = 0; i < endpoints; ++i)
        {
            Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
            device->SetAddress(Mac48Address::Allocate());
            device->SetChannel(channel);
            nodes.Get(i)->AddDevice(device);
        }
        values[0] = endpoints;
        Simulator::Destroy();
    });

    bench::Report("endpoints", endpoints, "endpoints");
    bench::Report("runs", runs, "runs");
    bench::Report("fabric_build_wall_time", optical.wallSeconds, "s");
    bench::Report("fabric_build_peak_rss", optical.peakRssMiB, "MiB");
    bench::Report("floor_simple_build_wall_time", floor.wallSeconds, "s");
    bench::Report("floor_simple_build_peak_rss", floor.peakRssMiB, "MiB");
    bench::Report("fabric_over_floor_wall_time", optical.wallSeconds / floor.wallSeconds, "x");
    bench::Report("fabric_over_floor_peak_rss", optical.peakRssMiB / floor.peakRssMiB, "x");
    return 0;
}
