/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "training-test-fixture.h"

#include "collective-test-fixture.h"

#include "ns3/collective-circuit-helper.h"
#include "ns3/collective-helper.h"
#include "ns3/double.h"
#include "ns3/fabric-latency-monitor.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/training-job-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace scale_across_test
{

namespace
{
/// Step sink: keep the step and its exposed communication.
void
RecordStep(TrainingRunOutcome* out, uint32_t, Time step, Time exposed)
{
    out->steps.push_back(step);
    out->exposed.push_back(exposed);
}

/// RankIteration sink: keep the rank's end.
void
RecordRankEnd(TrainingRunOutcome* out, uint32_t, uint32_t, Time, Time end, Time)
{
    out->rankEnds.push_back(end);
}

/// OperationComplete sink: count.
void
CountCollective(TrainingRunOutcome* out, const CollectiveResult&)
{
    ++out->collectives;
}
} // namespace

TrainingRunOutcome
RunTraining(const TrainingRunConfig& c)
{
    NodeContainer nodes;
    nodes.Create(c.ranks);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(1));
    if (c.idealFabric)
    {
        fabric.SetIdealFabric();
    }
    else
    {
        fabric.SetCircuitScheduler(
            CollectiveCircuitHelper(nccl).MakeStaticCircuits(c.ranks, uint64_t{4} * c.ranks));
    }
    NetDeviceContainer devices = fabric.Install(nodes);
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    FabricLatencyMonitor latency;
    latency.Install(devices);

    TrainingJobHelper training;
    training.SetJobAttribute("Iterations", UintegerValue(c.iterations));
    training.SetJobAttribute("NumLayers", UintegerValue(c.layers));
    training.SetJobAttribute("LayerBytes", UintegerValue(c.layerBytes));
    training.SetJobAttribute("BucketBytes", UintegerValue(c.bucketBytes));
    training.SetJobAttribute("ForwardTime", TimeValue(c.forward));
    training.SetJobAttribute("BackwardTime", TimeValue(c.backward));
    training.SetJobAttribute("OptimizerTime", TimeValue(c.optimizer));
    training.SetJobAttribute("OutputFile", StringValue(c.outputFile));
    training.SetVariabilityAttribute("JitterSigma", DoubleValue(c.jitterSigma));
    training.SetVariabilityAttribute("StragglerFraction", DoubleValue(c.stragglerFraction));
    training.SetVariabilityAttribute("StragglerSlowdown", DoubleValue(c.stragglerSlowdown));
    training.SetVariabilityAttribute("FailSlowRate", DoubleValue(c.failSlowRate));
    training.SetVariabilityAttribute("FailSlowDuration", TimeValue(c.failSlowDuration));
    training.SetVariabilityAttribute("FailSlowSlowdown", DoubleValue(c.failSlowSlowdown));
    Ptr<TrainingJob> job = training.Install(comm, nodes);
    training.AssignStreams(job, 0);

    TrainingRunOutcome out;
    job->TraceConnectWithoutContext("Step", MakeBoundCallback(&RecordStep, &out));
    job->TraceConnectWithoutContext("RankIteration", MakeBoundCallback(&RecordRankEnd, &out));
    comm->TraceConnectWithoutContext("OperationComplete",
                                     MakeBoundCallback(&CountCollective, &out));
    if (c.beforeRun)
    {
        c.beforeRun();
    }
    Simulator::Run();
    out.complete = job->IsComplete();
    out.completion = job->GetCompletionTime();
    out.meanStep = job->GetStepTimes().GetMean();
    out.maxStep = job->GetStepTimes().GetMax();
    out.p50Step = job->GetStepTimes().GetP50();
    out.stragglers = job->GetVariability()->GetNStragglers();
    out.frames = latency.GetLatency().GetCount();
    out.latencyMin = latency.GetLatency().GetMin();
    out.latencyMax = latency.GetLatency().GetMax();
    Simulator::Destroy();
    return out;
}

std::vector<double>
RingEnds(const std::vector<double>& starts, double blockBytes, double alpha)
{
    const auto p = static_cast<uint32_t>(starts.size());
    const uint32_t steps = 2 * (p - 1);
    const double ser = (blockBytes + FRAMING) / LANE_BYTES_PER_SECOND;
    std::vector<double> send(starts); // start of the current step's send, by rank
    std::vector<double> arrive(p, 0); // arrival at rank i of the current step's message
    for (uint32_t k = 0; k < steps; ++k)
    {
        if (k > 0)
        {
            for (uint32_t i = 0; i < p; ++i)
            {
                send[i] = std::max({starts[i], arrive[i], send[i] + ser});
            }
        }
        for (uint32_t i = 0; i < p; ++i)
        {
            arrive[(i + 1) % p] = send[i] + ser + alpha;
        }
    }
    std::vector<double> end(p);
    for (uint32_t i = 0; i < p; ++i)
    {
        end[i] = std::max(send[i], arrive[i]);
    }
    return end;
}

} // namespace scale_across_test
} // namespace ns3
