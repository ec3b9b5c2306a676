/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/byte-conservation.h"
#include "ns3/collective-circuit-helper.h"
#include "ns3/collective-transport.h"
#include "ns3/node-container.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/optical-net-device.h"
#include "ns3/simulator.h"
#include "ns3/static-circuit-scheduler.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace scale_across_test
{

namespace
{
/// OperationComplete sink: count.
void
CountOperation(uint32_t* count, const CollectiveResult&)
{
    ++*count;
}

/// RankComplete sink: count.
void
CountRank(uint32_t* count, uint32_t, uint32_t, Time, Time)
{
    ++*count;
}
} // namespace

CollectiveRunOutcome
RunCollective(const CollectiveRunConfig& c)
{
    NodeContainer nodes;
    nodes.Create(c.ranks);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Collective", StringValue(c.collective));
    nccl.SetCommunicatorAttribute("Algorithm", StringValue(c.algorithm));
    nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(c.chunkBytes));
    nccl.SetCommunicatorAttribute("NcclChannels", UintegerValue(c.channels));
    nccl.SetCommunicatorAttribute("Root", UintegerValue(c.root));
    nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(c.sendCredits));
    nccl.SetCommunicatorAttribute("CreditReturn", StringValue(c.creditReturn));
    nccl.SetCommunicatorAttribute("CreditLatency", TimeValue(c.creditLatency));
    nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(c.warmUp));
    nccl.SetCommunicatorAttribute("ProtocolLatency", BooleanValue(c.protocolLatency));
    nccl.SetCommunicatorAttribute("Gap", TimeValue(c.gap));
    if (c.readWindow != 0)
    {
        nccl.SetApplicationAttribute("ReadWindow", UintegerValue(c.readWindow));
    }
    if (!c.readOnDemand)
    {
        nccl.SetApplicationAttribute("ReadOnDemand", BooleanValue(false));
    }
    if (c.maxSegmentBytes != 0)
    {
        nccl.SetTransportAttribute("MaxSegmentBytes", UintegerValue(c.maxSegmentBytes));
    }

    OpticalFabricHelper fabric;
    uint32_t wavelengths = c.wavelengths;
    uint32_t wavelengthsPerCircuit = c.wavelengthsPerCircuit;
    Ptr<StaticCircuitScheduler> circuits;
    if (c.staticCircuits && !c.idealFabric)
    {
        circuits = CollectiveCircuitHelper(nccl).MakeStaticCircuits(c.ranks, c.sizes.front());
        if (c.wavelengths == 0)
        {
            // One wavelength for every lane the schedule needs.
            wavelengths = circuits->GetLanesNeeded();
            wavelengthsPerCircuit = 1;
        }
    }
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
    fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(wavelengthsPerCircuit));
    fabric.SetCrossbarAttribute("ReconfigurationTime", TimeValue(c.reconfiguration));
    if (circuits)
    {
        fabric.SetCircuitScheduler(circuits);
    }
    if (c.idealFabric)
    {
        fabric.SetIdealFabric();
    }
    NetDeviceContainer devices = fabric.Install(nodes);
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    CollectiveRunOutcome out;
    comm->TraceConnectWithoutContext("OperationComplete",
                                     MakeBoundCallback(&CountOperation, &out.operationComplete));
    comm->TraceConnectWithoutContext("RankComplete",
                                     MakeBoundCallback(&CountRank, &out.rankComplete));
    comm->Run(c.sizes, Seconds(0));
    if (c.beforeRun)
    {
        c.beforeRun();
    }
    Simulator::Run();

    out.results = comm->GetResults();
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<CollectiveTransport> t = nodes.Get(i)->GetObject<CollectiveTransport>();
        out.sent += t->GetSentBytes();
        out.received += t->GetReceivedBytes();
        out.creditsReturned += t->GetCreditsReturned();
        out.creditsReceived += t->GetCreditsReceived();
    }
    const ByteCounters bytes = ByteConservation::Sum(devices);
    out.deviceTx = bytes.sent;
    out.deviceAccounted = bytes.delivered + bytes.GetDropped() + bytes.queued;
    Simulator::Destroy();
    return out;
}

Time
DefaultAlpha()
{
    return NanoSeconds(200) + Seconds(2 * 10 * 1.468 / 299792458.0);
}

Time
RingClosedForm(uint32_t steps,
               uint32_t chunks,
               double chunkBytes,
               double laneBytesPerSecond,
               Time alpha)
{
    const double t = (chunkBytes + FRAMING) / laneBytesPerSecond;
    const double a = alpha.GetSeconds();
    const double step = std::max(chunks * t, t + a);
    return Seconds((steps - 1) * step + chunks * t + a);
}

} // namespace scale_across_test
} // namespace ns3
