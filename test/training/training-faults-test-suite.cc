/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-training-faults: a training job with checkpoints and failures. With failures
 * at known instants (injected, or a link of the fabric that goes down) the job completion
 * time, the work lost and the goodput are exact; with a failure rate, the mean completion
 * time over many seeds matches the expectation of the model (Poisson failures, restarts that
 * a failure starts over) within three standard errors, and Young/Daly's first-order form
 * within the error of its expansion. The job runs on two ranks of SimpleNetDevices whose
 * step is compute + a 2-rank ring all-reduce, in closed form.
 */

#include "../fault-test-fixture.h"
#include "../scale-across-test-fixture.h"

#include "ns3/checkpoint-ledger.h"
#include "ns3/collective-helper.h"
#include "ns3/double.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/training-job-helper.h"
#include "ns3/uinteger.h"

#include <cmath>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Device rate: one byte per ns.
const DataRate RATE("8Gbps");
/// Channel delay.
const Time DELAY = MicroSeconds(1);
/// Gradient bytes of the one layer: one bucket, one all-reduce per step.
constexpr uint64_t LAYER_BYTES = 4000;
/// Forward, backward and optimizer compute of a step.
const Time FORWARD = MicroSeconds(10);
/// Backward compute of the layer.
const Time BACKWARD = MicroSeconds(20);
/// Optimizer step.
const Time OPTIMIZER = MicroSeconds(5);

/// @return the step: compute + a ring all-reduce on 2 ranks, 2 steps of half the bytes
Time
Tau()
{
    const Time ring =
        (NanoSeconds(static_cast<int64_t>(LAYER_BYTES / 2 + COLLECTIVE_HEADER_BYTES)) + DELAY) * 2;
    return FORWARD + BACKWARD + ring + OPTIMIZER;
}

/// A job to run.
struct JobRun
{
    uint32_t iterations{10};                      //!< Iterations
    uint32_t interval{3};                         //!< CheckpointInterval
    Time checkpoint{MicroSeconds(7)};             //!< CheckpointTime
    Time restart{MicroSeconds(100)};              //!< RestartTime
    double rate{0};                               //!< FailureRate, per hour
    uint32_t maxRestarts{1000};                   //!< MaxRestarts
    uint32_t run{1};                              //!< RngRun
    std::vector<Time> failures;                   //!< injected failures
    std::vector<std::pair<Time, bool>> rank1Link; //!< rank 1's link changes
};

/// What the job reported.
struct JobOutcome
{
    bool complete{false};         //!< IsComplete
    bool aborted{false};          //!< IsAborted
    Time completion;              //!< GetCompletionTime
    Time useful;                  //!< GetUsefulTime
    double goodput{0};            //!< GetGoodput
    uint32_t failures{0};         //!< GetFailures
    uint32_t checkpoints{0};      //!< GetCheckpoints
    std::vector<Time> steps;      //!< Step trace
    std::vector<Time> lost;       //!< Failure trace: work lost
    std::vector<uint32_t> resume; //!< Failure trace: iteration resumed from
    Time end;                     //!< the last event's time
};

/// @param c the job @return what it reported (the simulator is destroyed afterwards)
JobOutcome
RunJob(const JobRun& c)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(c.run);
    ToggleFabric f = BuildToggleFabric(2, RATE, DELAY);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
    nccl.SetTransportAttribute("MaxSegmentBytes", UintegerValue(60000));
    Ptr<CollectiveCommunicator> comm = nccl.Install(f.devices);
    TrainingJobHelper training;
    training.SetJobAttribute("Iterations", UintegerValue(c.iterations));
    training.SetJobAttribute("NumLayers", UintegerValue(1));
    training.SetJobAttribute("LayerBytes", UintegerValue(LAYER_BYTES));
    training.SetJobAttribute("BucketBytes", UintegerValue(LAYER_BYTES));
    training.SetJobAttribute("ForwardTime", TimeValue(FORWARD));
    training.SetJobAttribute("BackwardTime", TimeValue(BACKWARD));
    training.SetJobAttribute("OptimizerTime", TimeValue(OPTIMIZER));
    training.SetJobAttribute("CheckpointInterval", UintegerValue(c.interval));
    training.SetJobAttribute("CheckpointTime", TimeValue(c.checkpoint));
    training.SetJobAttribute("RestartTime", TimeValue(c.restart));
    training.SetJobAttribute("FailureRate", DoubleValue(c.rate));
    training.SetJobAttribute("MaxRestarts", UintegerValue(c.maxRestarts));
    Ptr<TrainingJob> job = training.Install(comm, f.nodes);
    training.AssignStreams(job, 0);
    JobOutcome out;
    job->TraceConnectWithoutContext("Step",
                                    MakeCallback(+[](JobOutcome* o, uint32_t, Time step, Time) {
                                        o->steps.push_back(step);
                                    }).Bind(&out));
    job->TraceConnectWithoutContext("Failure",
                                    MakeCallback(+[](JobOutcome* o, Time lost, uint32_t from) {
                                        o->lost.push_back(lost);
                                        o->resume.push_back(from);
                                    }).Bind(&out));
    for (Time at : c.failures)
    {
        job->InjectFailure(at);
    }
    Ptr<LinkToggleNetDevice> d = f.Dev(1);
    for (const auto& [at, up] : c.rank1Link)
    {
        const bool state = up;
        Simulator::Schedule(at, [d, state]() { d->SetLinkUp(state); });
    }
    Simulator::Run(); // no Stop: returns only when no event is left
    out.end = Simulator::Now();
    out.complete = job->IsComplete();
    out.aborted = job->IsAborted();
    out.completion = job->GetCompletionTime();
    out.useful = job->GetUsefulTime();
    out.goodput = job->GetGoodput();
    out.failures = job->GetFailures();
    out.checkpoints = job->GetCheckpoints();
    Simulator::Destroy();
    return out;
}

/// @param n iterations @param k checkpoint interval @return checkpoints of a fault-free run
int64_t
Checkpoints(uint32_t n, uint32_t k)
{
    return (n - 1) / k; // after every k-th step but the last
}

/// A case of this suite.
class JobTestCase : public TestCase
{
  public:
    /// @param name what it checks
    explicit JobTestCase(std::string name)
        : TestCase(name)
    {
    }
};

/// no failure: N steps of tau plus (N - 1) div K checkpoints; goodput N tau over JCT
class NoFailureCase : public JobTestCase
{
  public:
    NoFailureCase()
        : JobTestCase(
              "no failure: N steps of tau plus (N - 1) div K checkpoints; goodput N tau over JCT")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        c.failures = {Seconds(1)}; // long after the job's end: dropped when it ends
        const JobOutcome o = RunJob(c);
        NS_TEST_ASSERT_MSG_EQ(o.complete, true, "the job ends");
        for (Time s : o.steps)
        {
            NS_TEST_EXPECT_MSG_EQ(s, Tau(), "every step: compute + the 2-rank ring");
        }
        const Time jct = Tau() * 10 + c.checkpoint * Checkpoints(10, 3);
        NS_TEST_EXPECT_MSG_EQ(o.completion, jct, "completion");
        NS_TEST_EXPECT_MSG_EQ(o.checkpoints, 3, "after steps 3, 6, 9");
        NS_TEST_EXPECT_MSG_EQ(o.failures, 0, "the failure planned after the end never comes");
        NS_TEST_EXPECT_MSG_EQ(o.end, jct, "the run ends with the job");
        NS_TEST_EXPECT_MSG_EQ(o.useful, Tau() * 10, "useful time");
        NS_TEST_EXPECT_MSG_EQ_TOL(o.goodput,
                                  (Tau() * 10).GetSeconds() / jct.GetSeconds(),
                                  1e-12,
                                  "goodput");
    }
};

/// a failure in step 5 (after checkpoint 1): 1.5 tau lost, back to step 3, RestartTime paid
class FailureInStepCase : public JobTestCase
{
  public:
    FailureInStepCase()
        : JobTestCase("a failure in step 5 (after checkpoint 1): 1.5 tau lost, back to step 3, "
                      "RestartTime paid")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        const Time fail = Tau() * 4 + c.checkpoint + Tau() / 2;
        c.failures = {fail};
        const JobOutcome o = RunJob(c);
        NS_TEST_ASSERT_MSG_EQ(o.complete, true, "the job ends");
        NS_TEST_ASSERT_MSG_EQ(o.lost.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(o.lost[0], Tau() + Tau() / 2, "work lost");
        NS_TEST_EXPECT_MSG_EQ(o.resume[0], 3, "resumes at step 3");
        const Time jct = fail + c.restart + Tau() * 7 + c.checkpoint * 2;
        NS_TEST_EXPECT_MSG_EQ(o.completion, jct, "completion");
        NS_TEST_EXPECT_MSG_EQ(o.useful, Tau() * 10, "useful time: the steps kept");
        NS_TEST_EXPECT_MSG_EQ_TOL(o.goodput,
                                  (Tau() * 10).GetSeconds() / jct.GetSeconds(),
                                  1e-12,
                                  "goodput");
    }
};

/// a failure while checkpoint 1 is written: not committed, back to step 0
class FailureDuringCheckpointCase : public JobTestCase
{
  public:
    FailureDuringCheckpointCase()
        : JobTestCase("a failure while checkpoint 1 is written: not committed, back to step 0")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        const Time fail = Tau() * 3 + c.checkpoint / 2;
        c.failures = {fail};
        const JobOutcome o = RunJob(c);
        NS_TEST_ASSERT_MSG_EQ(o.lost.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(o.lost[0], fail, "everything lost");
        NS_TEST_EXPECT_MSG_EQ(o.resume[0], 0, "from the start");
        NS_TEST_EXPECT_MSG_EQ(o.completion,
                              fail + c.restart + Tau() * 10 + c.checkpoint * 3,
                              "completion");
    }
};

/// a failure during the restart starts the restart over
class FailureDuringRestartCase : public JobTestCase
{
  public:
    FailureDuringRestartCase()
        : JobTestCase("a failure during the restart starts the restart over")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        const Time first = Tau() * 4 + c.checkpoint + Tau() / 2;
        const Time second = first + c.restart / 2;
        c.failures = {first, second};
        const JobOutcome o = RunJob(c);
        NS_TEST_EXPECT_MSG_EQ(o.failures, 2, "two failures");
        NS_TEST_EXPECT_MSG_EQ(o.completion,
                              second + c.restart + Tau() * 7 + c.checkpoint * 2,
                              "completion");
    }
};

/// the fabric: rank 1's link goes down during step 5's all-reduce and is repaired; the all-reduce
/// fails, the job restarts from step 3
class FabricFailureCase : public JobTestCase
{
  public:
    FabricFailureCase()
        : JobTestCase(
              "the fabric: rank 1's link goes down during step 5's all-reduce and is repaired; "
              "the all-reduce fails, the job restarts from step 3")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        const Time fail = Tau() * 4 + c.checkpoint + FORWARD + BACKWARD + MicroSeconds(2);
        c.rank1Link = {{fail, false}, {fail + MicroSeconds(1), true}};
        const JobOutcome o = RunJob(c);
        NS_TEST_ASSERT_MSG_EQ(o.complete, true, "the job ends");
        NS_TEST_EXPECT_MSG_EQ(o.failures, 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(o.completion,
                              fail + c.restart + Tau() * 7 + c.checkpoint * 2,
                              "completion");
    }
};

/// the fabric stays broken: each restart fails at its first all-reduce; the job gives up after
/// MaxRestarts and the run ends
class BrokenFabricCase : public JobTestCase
{
  public:
    BrokenFabricCase()
        : JobTestCase(
              "the fabric stays broken: each restart fails at its first all-reduce; the job gives "
              "up after MaxRestarts and the run ends")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        c.maxRestarts = 3;
        c.rank1Link = {{Tau() / 2, false}};
        const JobOutcome o = RunJob(c);
        NS_TEST_EXPECT_MSG_EQ(o.complete, false, "not complete");
        NS_TEST_EXPECT_MSG_EQ(o.aborted, true, "aborted");
        NS_TEST_EXPECT_MSG_EQ(o.failures, 4, "MaxRestarts + 1 failures");
    }
};

/// a failure rate: mean completion over 100 seeds against the model's expectation (3 standard
/// errors) and Young and Daly's first order (2 %)
class FailureRateCase : public JobTestCase
{
  public:
    FailureRateCase()
        : JobTestCase(
              "a failure rate: mean completion over 100 seeds against the model's expectation "
              "(3 standard errors) and Young and Daly's first order (2 %)")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        c.iterations = 200;
        c.interval = 20;
        c.checkpoint = MicroSeconds(20);
        c.restart = MicroSeconds(50);
        const double tau = Tau().GetSeconds();
        const double w = 20 * tau + c.checkpoint.GetSeconds();
        const double lambda = 0.2 / w; // 0.2 failures per segment on average
        c.rate = lambda * 3600;
        const uint32_t runs = 100;
        double sum = 0;
        double sum2 = 0;
        for (uint32_t run = 1; run <= runs; ++run)
        {
            c.run = run;
            const JobOutcome o = RunJob(c);
            NS_TEST_ASSERT_MSG_EQ(o.complete, true, "run " << run << " ends");
            const double t = o.completion.GetSeconds();
            sum += t;
            sum2 += t * t;
        }
        const double mean = sum / runs;
        const double se = std::sqrt((sum2 / runs - mean * mean) / (runs - 1));
        const double expected = CheckpointLedger::ExpectedCompletion(200,
                                                                     20,
                                                                     tau,
                                                                     c.checkpoint.GetSeconds(),
                                                                     lambda,
                                                                     c.restart.GetSeconds());
        NS_TEST_EXPECT_MSG_EQ_TOL(mean, expected, 3 * se, "expectation of the model");
        const double young = CheckpointLedger::FirstOrderCompletion(200,
                                                                    20,
                                                                    tau,
                                                                    c.checkpoint.GetSeconds(),
                                                                    lambda,
                                                                    c.restart.GetSeconds());
        NS_TEST_EXPECT_MSG_EQ_TOL(young, expected, 0.02 * expected, "first order");
        NS_TEST_EXPECT_MSG_EQ_TOL(mean, young, 0.02 * young + 3 * se, "first order");
    }
};

/// the same seed gives the same job; another seed another
class SameSeedCase : public JobTestCase
{
  public:
    SameSeedCase()
        : JobTestCase("the same seed gives the same job; another seed another")
    {
    }

  private:
    void DoRun() override
    {
        JobRun c;
        c.iterations = 60;
        c.interval = 10;
        c.rate = 0.5 / (10 * Tau().GetSeconds()) * 3600;
        c.run = 7;
        const JobOutcome a = RunJob(c);
        const JobOutcome b = RunJob(c);
        NS_TEST_EXPECT_MSG_EQ(a.completion, b.completion, "completion");
        NS_TEST_EXPECT_MSG_EQ(a.failures, b.failures, "failures");
        c.run = 8;
        const JobOutcome other = RunJob(c);
        NS_TEST_EXPECT_MSG_NE(a.completion, other.completion, "another seed");
    }
};

/// The suite.
class TrainingFaultsTestSuite : public TestSuite
{
  public:
    TrainingFaultsTestSuite()
        : TestSuite("scale-across-training-faults", TestSuite::Type::UNIT)
    {
        AddTestCase(new NoFailureCase());
        AddTestCase(new FailureInStepCase());
        AddTestCase(new FailureDuringCheckpointCase());
        AddTestCase(new FailureDuringRestartCase());
        AddTestCase(new FabricFailureCase());
        AddTestCase(new BrokenFabricCase());
        AddTestCase(new FailureRateCase());
        AddTestCase(new SameSeedCase());
        Bad("CheckpointInterval", UintegerValue(0), {"CheckpointInterval = 0", "1 ... 10^9"});
        Bad("CheckpointTime", TimeValue(NanoSeconds(-1)), {"CheckpointTime = -1", ">= 0"});
        Bad("RestartTime", TimeValue(NanoSeconds(-1)), {"RestartTime = -1", ">= 0"});
        Bad("FailureRate", DoubleValue(-1), {"FailureRate = -1", "0 ... 3.6e9"});
    }

  private:
    /// @param attribute a job attribute @param value a bad value @param words of the message
    void Bad(std::string attribute, const AttributeValue& value, std::vector<std::string> words)
    {
        Ptr<AttributeValue> v = value.Copy();
        AddTestCase(new FatalTestCase(
            "bad " + attribute,
            [attribute, v]() {
                ToggleFabric f = BuildToggleFabric(2, RATE, DELAY);
                Ptr<CollectiveCommunicator> comm = CollectiveHelper().Install(f.devices);
                TrainingJobHelper training;
                training.SetJobAttribute(attribute, *v);
                training.Install(comm, f.nodes);
            },
            words));
    }
};

/// Static instance registering the suite.
TrainingFaultsTestSuite g_trainingFaultsTestSuite;

} // namespace
