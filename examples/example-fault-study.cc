/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "example-fault-study.h"

#include "example-arguments.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>

namespace ns3
{

ExampleFaultStudy::ExampleFaultStudy(std::string program,
                                     const ExamplePacketFabric& electrical,
                                     uint32_t ranks,
                                     uint32_t wavelengths,
                                     uint32_t target)
    : m_program(std::move(program)),
      m_electrical(electrical),
      m_ranks(ranks),
      m_wavelengths(wavelengths),
      m_target(target),
      m_failureTimeout(DefaultFailureTimeout()),
      m_shrinkTime(Seconds(0))
{
}

std::vector<std::string>
ExampleFaultStudy::Fabrics()
{
    return {"ondemand", "static", "leafspine", "fattree"};
}

std::vector<std::string>
ExampleFaultStudy::Faults(const std::string& fabric)
{
    if (ExamplePacketFabric::IsElectrical(fabric))
    {
        return {"transceiver", "uplink", "upswitch", "leaf"};
    }
    std::vector<std::string> faults = {"transceiver", "fiber", "port", "crossbar", "degrade"};
    if (fabric == "ondemand")
    {
        faults.emplace_back("setup"); // static circuits are all set up before the all-reduce
    }
    return faults;
}

std::string
ExampleFaultStudy::Describe(const std::string& fault)
{
    if (fault == "transceiver")
    {
        return "the rank's NIC transceiver";
    }
    if (fault == "fiber")
    {
        return "the rank's fiber to the crossbar";
    }
    if (fault == "port")
    {
        return "the rank's crossbar port";
    }
    if (fault == "crossbar")
    {
        return "the whole crossbar";
    }
    if (fault == "degrade")
    {
        return "the rank's fiber loses dB from t = 0 until its budget fails at the instant";
    }
    if (fault == "setup")
    {
        return "the first circuit set-up from the rank's port (retried)";
    }
    if (fault == "uplink")
    {
        return "the uplink of the rank's leaf (edge) switch that its ring traffic takes";
    }
    if (fault == "upswitch")
    {
        return "the switch at the far end of that uplink (spine, aggregation)";
    }
    if (fault == "leaf")
    {
        return "the rank's leaf (edge) switch";
    }
    return fault;
}

void
ExampleFaultStudy::SetFailureHandling(Time failureTimeout, Time shrinkTime)
{
    m_failureTimeout = failureTimeout;
    m_shrinkTime = shrinkTime;
}

Time
ExampleFaultStudy::DefaultFailureTimeout()
{
    TypeId::AttributeInformation info;
    const bool found =
        CollectiveCommunicator::GetTypeId().LookupAttributeByName("FailureTimeout", &info);
    NS_ABORT_MSG_IF(!found, "CollectiveCommunicator has no FailureTimeout");
    return DynamicCast<const TimeValue>(info.initialValue)->Get();
}

Time
ExampleFaultStudy::Start()
{
    return MicroSeconds(10);
}

void
ExampleFaultStudy::Fail(const std::string& message) const
{
    ExampleArguments::Fail(m_program, message);
}

NetDeviceContainer
ExampleFaultStudy::Build(const std::string& fabric,
                         const NodeContainer& nodes,
                         std::vector<Ptr<PacketSwitch>>& switches) const
{
    switches.clear();
    if (ExamplePacketFabric::IsElectrical(fabric))
    {
        std::string description;
        return m_electrical.Install(fabric, nodes, m_wavelengths, description, &switches);
    }
    OpticalFabricHelper optical;
    optical.SetTransceiverAttribute("Wavelengths", UintegerValue(m_wavelengths));
    if (fabric == "static")
    {
        // The ring's circuits only, as a static fabric holds them: the ring over the ranks
        // left after an exclusion needs a circuit the fabric does not have.
        CollectiveHelper ring;
        ring.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
        optical.SetCircuitScheduler(
            CollectiveCircuitHelper(ring).MakeStaticCircuits(nodes.GetN(), 1 << 20));
    }
    return optical.Install(nodes);
}

void
ExampleFaultStudy::Inject(const std::string& fault,
                          Time at,
                          const NetDeviceContainer& devices,
                          const std::vector<Ptr<PacketSwitch>>& switches) const
{
    FaultHelper faults;
    Ptr<NetDevice> device = devices.Get(m_target);
    if (auto nic = DynamicCast<OpticalNetDevice>(device))
    {
        Ptr<PhotonicCrossbar> crossbar = nic->GetCrossbar();
        const uint32_t port = nic->GetCrossbarPort();
        if (fault == "transceiver")
        {
            faults.FailTransceiver(nic, at);
        }
        else if (fault == "fiber")
        {
            faults.FailFiber(nic, at);
        }
        else if (fault == "port")
        {
            faults.FailCrossbarPort(crossbar, port, at);
        }
        else if (fault == "crossbar")
        {
            faults.FailCrossbar(crossbar, at);
        }
        else if (fault == "setup")
        {
            faults.FailSetUp(crossbar, port, at);
        }
        else if (fault == "degrade")
        {
            // From t = 0 the fiber loses the margin it has in exactly `at`.
            faults.DegradeFiber(nic,
                                Seconds(0),
                                crossbar->GetWorstMarginDb(port) / at.GetSeconds());
        }
        else
        {
            Fail("fault " + fault + " does not apply to an optical fabric");
        }
        return;
    }
    auto host = DynamicCast<PacketNetDevice>(device);
    NS_ABORT_MSG_IF(!host, "a rank's device is neither optical nor packet");
    // The rank's leaf (edge) switch, and its first port towards another switch.
    PacketEndpoint* leafEnd = host->GetPortPeer(0);
    Ptr<PacketSwitch> leaf;
    for (const Ptr<PacketSwitch>& sw : switches)
    {
        if (static_cast<PacketEndpoint*>(PeekPointer(sw)) == leafEnd)
        {
            leaf = sw;
        }
    }
    NS_ABORT_MSG_IF(!leaf, "the rank's switch is not among the fabric's switches");
    // The uplink the rank's ring traffic takes: towards the next rank behind another leaf,
    // on the port ECMP hashes that flow to (the first uplink if all ranks share the leaf).
    auto isUplink = [&leaf](uint32_t port) {
        return port < leaf->GetNPacketPorts() && leaf->IsPortConnected(port) &&
               dynamic_cast<PacketNetDevice*>(leaf->GetPortPeer(port)) == nullptr;
    };
    uint32_t uplink = leaf->GetNPacketPorts();
    for (uint32_t k = 1; k < devices.GetN() && uplink == leaf->GetNPacketPorts(); ++k)
    {
        auto peer = DynamicCast<PacketNetDevice>(devices.Get((m_target + k) % devices.GetN()));
        const uint32_t port = leaf->GetPathPort(host->GetHostIndex(), peer->GetHostIndex(), 0);
        if (isUplink(port))
        {
            uplink = port;
        }
    }
    for (uint32_t p = 0; p < leaf->GetNPacketPorts() && uplink == leaf->GetNPacketPorts(); ++p)
    {
        if (isUplink(p))
        {
            uplink = p;
        }
    }
    if (fault == "transceiver")
    {
        faults.FailPacketTransceiver(host, at);
    }
    else if (fault == "leaf")
    {
        faults.FailSwitch(leaf, at);
    }
    else if (uplink == leaf->GetNPacketPorts())
    {
        Fail("fault " + fault +
             " needs a switch above the rank's leaf, and this fabric has "
             "one tier: use more ranks, a smaller --radix, or the faults transceiver or leaf");
    }
    else if (fault == "uplink")
    {
        faults.FailLink(leaf->GetPortLink(uplink), at);
    }
    else if (fault == "upswitch")
    {
        Ptr<PacketSwitch> up;
        for (const Ptr<PacketSwitch>& sw : switches)
        {
            if (static_cast<PacketEndpoint*>(PeekPointer(sw)) == leaf->GetPortPeer(uplink))
            {
                up = sw;
            }
        }
        NS_ABORT_MSG_IF(!up, "the uplink's far end is not among the fabric's switches");
        faults.FailSwitch(up, at);
    }
    else
    {
        Fail("fault " + fault + " does not apply to a packet fabric");
    }
}

FaultOutcome
ExampleFaultStudy::RunAllReduce(const std::string& fabric,
                                const std::string& fault,
                                Time at,
                                const std::string& policy,
                                uint64_t bytes) const
{
    NodeContainer nodes;
    nodes.Create(m_ranks);
    std::vector<Ptr<PacketSwitch>> switches;
    NetDeviceContainer devices = Build(fabric, nodes, switches);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
    nccl.SetCommunicatorAttribute("OnFailure", StringValue(policy));
    nccl.SetCommunicatorAttribute("FailureTimeout", TimeValue(m_failureTimeout));
    nccl.SetCommunicatorAttribute("ShrinkTime", TimeValue(m_shrinkTime));
    // One operation, from Start(): no untimed warm-up run before it (on-demand circuits are
    // set up within it).
    nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false));
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    if (fault != "none")
    {
        Inject(fault, at, devices, switches);
    }
    comm->Run({bytes}, Start());
    Simulator::Run();

    FaultOutcome out;
    const ByteCounters drops = ByteConservation::SumDrops();
    out.bytesLost = drops.GetDropped();
    out.lostToFaults = drops.GetLostToFaults();
    out.lostBudget = drops.GetDropped(DropReason::LINK_BUDGET);
    std::string report;
    out.balanced = ByteConservation::CheckNow(report);
    const std::vector<CollectiveResult>& results = comm->GetResults();
    if (results.empty())
    {
        Fail(fabric + ", fault " + fault +
             ": the all-reduce gave no result (a model bug: an "
             "operation must complete or fail)");
    }
    const CollectiveResult& r = results.back();
    out.status = CollectiveResult::ToString(r.status);
    out.reason = r.reason;
    out.ranks = r.ranks;
    out.end = r.status == CollectiveResult::Status::FAILED ? r.detected : r.start + r.time;
    Simulator::Destroy();
    Names::Clear();
    return out;
}

ExampleFaultStudy::JobOutcome
ExampleFaultStudy::RunJob(const std::string& fabric, const Job& job) const
{
    RngSeedManager::SetRun(job.run);
    NodeContainer nodes;
    nodes.Create(m_ranks);
    std::vector<Ptr<PacketSwitch>> switches;
    NetDeviceContainer devices = Build(fabric, nodes, switches);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
    TrainingJobHelper training;
    training.SetJobAttribute("Iterations", UintegerValue(job.iterations));
    training.SetJobAttribute("NumLayers", UintegerValue(job.layers));
    training.SetJobAttribute("LayerBytes", UintegerValue(job.layerBytes));
    training.SetJobAttribute("BucketBytes", UintegerValue(job.layerBytes));
    training.SetJobAttribute("ForwardTime", TimeValue(job.forward));
    training.SetJobAttribute("BackwardTime", TimeValue(job.backward));
    training.SetJobAttribute("OptimizerTime", TimeValue(job.optimizer));
    training.SetJobAttribute("CheckpointInterval", UintegerValue(job.interval));
    training.SetJobAttribute("CheckpointTime", TimeValue(job.checkpoint));
    training.SetJobAttribute("RestartTime", TimeValue(job.restart));
    training.SetJobAttribute("FailureRate", DoubleValue(job.failuresPerHour));
    Ptr<TrainingJob> trainingJob = training.Install(nccl.Install(devices), nodes);
    training.AssignStreams(trainingJob, 1000);
    Simulator::Run();
    if (!trainingJob->IsComplete())
    {
        Fail(fabric + ": the training job did not complete (" +
             std::to_string(trainingJob->GetFailures()) +
             " failures; raise MaxRestarts with "
             "--ns3::TrainingJob::MaxRestarts=...)");
    }
    JobOutcome out;
    out.goodput = trainingJob->GetGoodput();
    out.completion = trainingJob->GetCompletionTime();
    out.meanStep = Seconds(trainingJob->GetStepTimes().GetMean());
    out.failures = trainingJob->GetFailures();
    Simulator::Destroy();
    return out;
}

} // namespace ns3
