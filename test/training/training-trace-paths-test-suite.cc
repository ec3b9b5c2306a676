/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-training-trace-paths: a training job's trace sources (its iterations, steps,
 * end, failures, and its variability's fail-slow episodes), and the communicator's
 * OperationFailed when the job fails, reached by their documented Config paths, fire exactly
 * as often as the job says (trace-paths-fixture.h).
 */

#include "../trace-paths-fixture.h"
#include "../training-test-fixture.h"

#include "ns3/collective-communicator.h"
#include "ns3/config.h"
#include "ns3/training-job.h"
#include "ns3/training-variability.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// A training job: its per-rank iterations, steps, end, and fail-slow episodes.
class TrainingTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit TrainingTestCase(Coverage& coverage)
        : TracePathsTestCase("training job, 4 ranks, 3 iterations: 12 RankIteration, 3 Step, "
                             "1 JobComplete, 4 FailSlowEpisode (one drawn per rank at the start)",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<Probe*> extra;
        Sink<TrainingJob::RankIterationTracedCallback> rankIteration{
            extra,
            TRAINING_JOB + "RankIteration",
            "ns3::TrainingJob::RankIterationTracedCallback",
            false};
        Sink<TrainingJob::StepTracedCallback> step{extra,
                                                   TRAINING_JOB + "Step",
                                                   "ns3::TrainingJob::StepTracedCallback",
                                                   false};
        Sink<TrainingJob::CompleteTracedCallback> complete{
            extra,
            TRAINING_JOB + "JobComplete",
            "ns3::TrainingJob::CompleteTracedCallback",
            false};
        Sink<TrainingVariability::EpisodeTracedCallback> episode{
            extra,
            TRAINING_VARIABILITY + "FailSlowEpisode",
            "ns3::TrainingVariability::EpisodeTracedCallback",
            false};
        TrainingRunConfig c;
        c.ranks = 4;
        c.layerBytes = 4 * 4 * 1000;
        // One episode per rank, drawn when the job starts; the next would come thousands of
        // hours later (mean gap 1 / rate), long after the job's microseconds.
        c.failSlowRate = 1e-6;
        c.failSlowDuration = Seconds(1);
        c.beforeRun = [&]() {
            for (Probe* p : extra)
            {
                ConnectExtra(*p, c.ranks);
            }
        };
        const TrainingRunOutcome out = RunTraining(c);
        NS_TEST_ASSERT_MSG_EQ(out.complete, true, "the job ends");
        ExpectExtraCount(rankIteration, c.ranks * c.iterations);
        ExpectExtraCount(step, c.iterations);
        ExpectExtraCount(complete, 1);
        ExpectExtraCount(episode, c.ranks);
    }
};

/// A training job failure while an all-reduce is in flight: the job's Failure, and the
/// communicator's OperationFailed for that all-reduce.
class JobFailureTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit JobFailureTestCase(Coverage& coverage)
        : TracePathsTestCase("training job, 4 ranks, a failure injected during the first "
                             "all-reduce: 1 Failure, 1 OperationFailed",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        std::vector<Probe*> extra;
        Sink<TrainingJob::FailureTracedCallback> failure{extra,
                                                         TRAINING_JOB + "Failure",
                                                         "ns3::TrainingJob::FailureTracedCallback",
                                                         false};
        Sink<CollectiveCommunicator::ResultTracedCallback> failed{
            extra,
            COMMUNICATOR + "OperationFailed",
            "ns3::CollectiveCommunicator::ResultTracedCallback",
            false};
        TrainingRunConfig c;
        c.ranks = 4;
        c.beforeRun = [&]() {
            for (Probe* p : extra)
            {
                ConnectExtra(*p, c.ranks);
            }
            // Forward 4 x 10 us, two backward layers of 20 us fill bucket 0 (1.6 MB): its
            // all-reduce runs from 80 us for several us.
            const Config::MatchContainer jobs =
                Config::LookupMatches(TRAINING_JOB.substr(0, TRAINING_JOB.size() - 1));
            NS_TEST_ASSERT_MSG_EQ(jobs.GetN(), 1, "the job by its path");
            DynamicCast<TrainingJob>(jobs.Get(0))->InjectFailure(MicroSeconds(81));
        };
        const TrainingRunOutcome out = RunTraining(c);
        NS_TEST_ASSERT_MSG_EQ(out.complete, true, "the job ends");
        ExpectExtraCount(failure, 1);
        ExpectExtraCount(failed, 1);
    }
};

/// The suite.
class TrainingTracePathsTestSuite : public TracePathsTestSuite
{
  public:
    TrainingTracePathsTestSuite()
        : TracePathsTestSuite("scale-across-training-trace-paths")
    {
        AddTestCase(new TrainingTestCase(m_coverage));
        AddTestCase(new JobFailureTestCase(m_coverage));
        AddCoverageCase(); // last: after the runs
    }
};

/// Static instance registering the suite.
TrainingTracePathsTestSuite g_trainingTracePathsTestSuite;

} // namespace
