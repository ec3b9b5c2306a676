/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * bench-fattree-build: wall time and peak RSS to build a k-ary fat-tree packet fabric with
 * FatTreeHelper (k = 64 by default: 65,536 hosts, 5,120 switches, 196,608 links), nodes
 * included. Each build runs in its own child process (so its peak RSS is its own); figures
 * are medians.
 */

#include "bench-support.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t k = 64;
    uint32_t runs = 3;
    CommandLine cmd(__FILE__);
    cmd.Usage("Build a k-ary fat-tree packet fabric and print wall time (s) and peak RSS "
              "(MiB). Output: `name value unit` lines.");
    cmd.AddValue("k", "fat-tree k, even, 2 ... 128", k);
    cmd.AddValue("runs", "runs per figure (medians are printed), >= 1", runs);
    cmd.Parse(argc, argv);
    if (k < 2 || k % 2 != 0 || k > 128 || runs == 0)
    {
        std::cerr << "bench-fattree-build: --k=" << k << " --runs=" << runs
                  << " are invalid: use an even k from 2 to 128 and runs >= 1" << std::endl;
        return 1;
    }
    const uint32_t hosts = k * k * k / 4;
    const bench::Measured build = bench::MedianInChildren(runs, [k, hosts](double* values) {
        NodeContainer nodes;
        nodes.Create(hosts);
        FatTreeHelper fabric;
        fabric.SetK(k);
        NetDeviceContainer devices = fabric.Install(nodes);
        values[0] = devices.GetN();
        values[1] = static_cast<double>(fabric.GetSwitches().size());
        Simulator::Destroy();
    });

    bench::Report("k", k, "k");
    bench::Report("hosts", build.values[0], "hosts");
    bench::Report("switches", build.values[1], "switches");
    bench::Report("runs", runs, "runs");
    bench::Report("fattree_build_wall_time", build.wallSeconds, "s");
    bench::Report("fattree_build_peak_rss", build.peakRssMiB, "MiB");
    return 0;
}
