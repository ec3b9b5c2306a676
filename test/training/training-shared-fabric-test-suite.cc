/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-training-shared-fabric: two training jobs on one optical fabric, each with its
 * own communicator and statistics. On disjoint ranks (disjoint lanes) each takes its own
 * closed-form step, as if alone; on the same ranks (each NIC's one lane shared, first come
 * first served) their ring all-reduces interleave message by message, and the steps follow
 * the shared lane's recurrence: period F + B + O + (2K - 1) t + alpha for both, plus t for
 * the second job's first step.
 */

#include "../collective-test-fixture.h"
#include "../training-test-fixture.h"

#include "ns3/collective-circuit-helper.h"
#include "ns3/collective-helper.h"
#include "ns3/fabric-latency-monitor.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/static-circuit-scheduler.h"
#include "ns3/test.h"
#include "ns3/training-job-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint32_t RANKS = 4;                   //!< ranks per job
constexpr uint32_t LAYERS = 4;                  //!< layers
constexpr uint64_t LAYER_BYTES = 4 * 4 * 25000; //!< 100 kB ring blocks per layer
constexpr uint32_t ITERATIONS = 3;              //!< iterations

/// Step sink: keep it.
void
RecordStep(std::vector<Time>* steps, uint32_t, Time step, Time)
{
    steps->push_back(step);
}

/// What two jobs measured.
struct TwoJobs
{
    std::vector<std::vector<Time>> steps; //!< each job's step times
    double latencyMin{0};                 //!< smallest frame latency (FabricLatencyMonitor), s
    double latencyMax{0};                 //!< largest, s
};

/**
 * @brief Two jobs of one bucket (the whole model) on one static optical fabric of one
 * wavelength per NIC.
 * @param shared true: both jobs on nodes 0 ... 3; false: job 0 on 0 ... 3, job 1 on 4 ... 7
 * @return the step times of each job, and the frames' latency
 */
TwoJobs
RunTwoJobs(bool shared)
{
    NodeContainer nodes;
    nodes.Create(shared ? RANKS : 2 * RANKS);
    const std::vector<std::vector<uint32_t>> groups =
        shared ? std::vector<std::vector<uint32_t>>{{0, 1, 2, 3}, {0, 1, 2, 3}}
               : std::vector<std::vector<uint32_t>>{{0, 1, 2, 3}, {4, 5, 6, 7}};
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
    Ptr<StaticCircuitScheduler> circuits = CreateObject<StaticCircuitScheduler>();
    for (uint32_t g = 0; g < (shared ? 1 : 2); ++g) // the same ring serves both when shared
    {
        CollectiveCircuitHelper(nccl).AddStaticCircuits(circuits, groups[g], 4 * RANKS);
    }
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(1));
    fabric.SetCircuitScheduler(circuits);
    NetDeviceContainer devices = fabric.Install(nodes);
    FabricLatencyMonitor latency;
    latency.Install(devices);

    TwoJobs out;
    std::vector<std::vector<Time>>& steps = out.steps;
    steps.resize(2);
    std::vector<Ptr<TrainingJob>> jobs;
    for (uint32_t g = 0; g < 2; ++g)
    {
        NetDeviceContainer members;
        NodeContainer hosts;
        for (uint32_t n : groups[g])
        {
            members.Add(devices.Get(n));
            hosts.Add(nodes.Get(n));
        }
        TrainingJobHelper training;
        training.SetJobAttribute("Iterations", UintegerValue(ITERATIONS));
        training.SetJobAttribute("NumLayers", UintegerValue(LAYERS));
        training.SetJobAttribute("LayerBytes", UintegerValue(LAYER_BYTES));
        training.SetJobAttribute("BucketBytes", UintegerValue(LAYERS * LAYER_BYTES));
        training.SetJobAttribute("ForwardTime", TimeValue(MicroSeconds(10)));
        training.SetJobAttribute("BackwardTime", TimeValue(MicroSeconds(20)));
        training.SetJobAttribute("OptimizerTime", TimeValue(MicroSeconds(5)));
        jobs.push_back(training.Install(nccl.Install(members), hosts));
        jobs.back()->TraceConnectWithoutContext("Step", MakeBoundCallback(&RecordStep, &steps[g]));
    }
    Simulator::Run();
    for (const auto& job : jobs)
    {
        NS_ABORT_MSG_UNLESS(job->IsComplete(), "a job did not end");
    }
    out.latencyMin = latency.GetLatency().GetMin();
    out.latencyMax = latency.GetLatency().GetMax();
    Simulator::Destroy();
    return out;
}

/// Compute of one step: L (f + b) + O, seconds.
const double COMPUTE = LAYERS * 30e-6 + 5e-6;

/// @return t, the serialization of one ring message (n / p + framing at one wavelength), s
double
MessageTime()
{
    return (LAYERS * LAYER_BYTES / RANKS + FRAMING) / LANE_BYTES_PER_SECOND;
}

/// Disjoint ranks: each job alone.
class DisjointTestCase : public TestCase
{
  public:
    DisjointTestCase()
        : TestCase("two jobs on disjoint ranks and lanes: each step F + B + K (t + alpha) + O, "
                   "as alone")
    {
    }

  private:
    void DoRun() override
    {
        const TwoJobs out = RunTwoJobs(false);
        const auto& steps = out.steps;
        const uint32_t k = 2 * (RANKS - 1);
        const double alone = COMPUTE + k * (MessageTime() + DefaultAlpha().GetSeconds());
        for (uint32_t g = 0; g < 2; ++g)
        {
            NS_TEST_ASSERT_MSG_EQ(steps[g].size(), ITERATIONS, "job " << g << ": every step");
            for (uint32_t i = 0; i < ITERATIONS; ++i)
            {
                NS_TEST_EXPECT_MSG_EQ_TOL(steps[g][i].GetSeconds(),
                                          alone,
                                          k * 1e-9,
                                          "job " << g << " step " << i);
            }
        }
        const double frame = MessageTime() + DefaultAlpha().GetSeconds();
        NS_TEST_EXPECT_MSG_EQ_TOL(out.latencyMin, frame, 1e-9, "every frame t + alpha");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.latencyMax, frame, 1e-9, "every frame t + alpha");
    }
};

/// The same ranks: the lanes are shared, message by message.
class SharedTestCase : public TestCase
{
  public:
    SharedTestCase()
        : TestCase("two jobs on the same ranks, one lane per NIC: steps of F + B + O + (2K - "
                   "1) t + alpha, the second job's first one t longer")
    {
    }

  private:
    void DoRun() override
    {
        const TwoJobs out = RunTwoJobs(true);
        const auto& steps = out.steps;
        const uint32_t k = 2 * (RANKS - 1);
        const double t = MessageTime();
        const double alpha = DefaultAlpha().GetSeconds();
        // The recurrence of a FIFO lane holds the jobs' messages alternately when t >= alpha:
        // job A's step j leaves at 2 j t, job B's at (2 j + 1) t after their common issue.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(t, alpha, "the form below needs t >= alpha");
        const double period = COMPUTE + (2 * k - 1) * t + alpha;
        // Which job takes the lane first is the order of equal-time events: find it.
        const uint32_t second = steps[0][0] > steps[1][0] ? 0 : 1;
        for (uint32_t g = 0; g < 2; ++g)
        {
            NS_TEST_ASSERT_MSG_EQ(steps[g].size(), ITERATIONS, "job " << g << ": every step");
            for (uint32_t i = 0; i < ITERATIONS; ++i)
            {
                const double expected = period + (g == second && i == 0 ? t : 0);
                NS_TEST_EXPECT_MSG_EQ_TOL(steps[g][i].GetSeconds(),
                                          expected,
                                          2 * k * 1e-9,
                                          "job " << g << " step " << i);
            }
        }
        const double alone = COMPUTE + k * (t + alpha);
        NS_TEST_EXPECT_MSG_GT(period, alone, "sharing the lanes slows both jobs");
        // The second job's frames wait one frame (t) in the NIC's queue: the fabric's latency
        // per frame spreads from t + alpha to 2 t + alpha.
        NS_TEST_EXPECT_MSG_EQ_TOL(out.latencyMin, t + alpha, 1e-9, "smallest frame latency");
        NS_TEST_EXPECT_MSG_EQ_TOL(out.latencyMax, 2 * t + alpha, 1e-9, "largest frame latency");
    }
};

/// The suite.
class TrainingSharedFabricTestSuite : public TestSuite
{
  public:
    TrainingSharedFabricTestSuite()
        : TestSuite("scale-across-training-shared-fabric", TestSuite::Type::UNIT)
    {
        AddTestCase(new DisjointTestCase());
        AddTestCase(new SharedTestCase());
    }
};

/// Static instance registering the suite.
TrainingSharedFabricTestSuite g_trainingSharedFabricTestSuite;

} // namespace
