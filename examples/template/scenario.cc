// SPDX-License-Identifier: GPL-2.0-only
// Your own scenario against an installed scale-across (README.md: "Your own scenario program").
#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);
    NodeContainer nodes;
    nodes.Create(8);
    OpticalFabricHelper fabric; // one photonic crossbar, a port per node
    NetDeviceContainer devices = fabric.Install(nodes);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Collective", StringValue("all_reduce"));
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    comm->Run({64 << 20}, Seconds(0)); // one all-reduce of 64 MiB
    Simulator::Run();
    std::cout << CollectiveResult::TableHeader() << "\n"
              << comm->GetResults().at(0).TableRow() << "\n";
    Simulator::Destroy();
    return 0;
}
