/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "training-job-application.h"

#include "training-job.h"

#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrainingJobApplication");
NS_OBJECT_ENSURE_REGISTERED(TrainingJobApplication);

TypeId
TrainingJobApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TrainingJobApplication")
            .SetParent<Application>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<TrainingJobApplication>()
            .AddAttribute("Job",
                          "The training job this rank belongs to (set by TrainingJobHelper).",
                          PointerValue(),
                          MakePointerAccessor(&TrainingJobApplication::m_job),
                          MakePointerChecker<TrainingJob>());
    return tid;
}

TrainingJobApplication::TrainingJobApplication()
    : m_rank(0),
      m_iteration(0),
      m_factor(1),
      m_backwardLayers(0),
      m_bucketsClosed(0),
      m_bucketsIssued(0),
      m_bucketsDone(0),
      m_inFlight(false),
      m_optimizerStarted(false),
      m_waitCheckpoint(false)
{
    NS_LOG_FUNCTION(this);
}

TrainingJobApplication::~TrainingJobApplication()
{
    NS_LOG_FUNCTION(this);
}

void
TrainingJobApplication::DoDispose()
{
    m_event.Cancel();
    m_job = nullptr;
    Application::DoDispose();
}

void
TrainingJobApplication::SetJob(Ptr<TrainingJob> job, uint32_t rank)
{
    m_job = job;
    m_rank = rank;
}

uint32_t
TrainingJobApplication::GetRank() const
{
    return m_rank;
}

uint32_t
TrainingJobApplication::GetIterationsDone() const
{
    return m_iteration;
}

void
TrainingJobApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_job == nullptr, "TrainingJobApplication: no job (use TrainingJobHelper)");
    m_job->Start();
    StartIteration();
}

void
TrainingJobApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    // A collective in flight cannot be recalled; stopping only ends the compute.
    m_event.Cancel();
}

Time
TrainingJobApplication::Stretch(Time nominal)
{
    const double f =
        m_factor * m_job->GetVariability()->GetFailSlowFactor(m_rank, Simulator::Now());
    // Without variability the nominal time, exactly (no rounding through a double).
    const Time t = f == 1.0 ? nominal
                            : TimeStep(static_cast<uint64_t>(
                                  std::llround(static_cast<double>(nominal.GetTimeStep()) * f)));
    m_compute += t;
    return t;
}

void
TrainingJobApplication::StartIteration()
{
    m_iterationStart = Simulator::Now();
    m_compute = Seconds(0);
    m_factor = m_job->GetVariability()->GetIterationFactor(m_rank);
    m_backwardLayers = 0;
    m_bucketsClosed = 0;
    m_bucketsIssued = 0;
    m_bucketsDone = 0;
    m_optimizerStarted = false;
    NS_LOG_FUNCTION(this << m_rank << m_iteration << m_factor);
    m_event = Simulator::Schedule(Stretch(m_job->GetForwardTime()),
                                  &TrainingJobApplication::StartBackwardLayer,
                                  this);
}

void
TrainingJobApplication::StartBackwardLayer()
{
    m_event = Simulator::Schedule(Stretch(m_job->GetLayerBackwardTime()),
                                  &TrainingJobApplication::BackwardLayerDone,
                                  this);
}

void
TrainingJobApplication::BackwardLayerDone()
{
    if (m_job->GetBucketClosedAfter(m_backwardLayers) >= 0)
    {
        ++m_bucketsClosed;
        TryIssue();
    }
    if (++m_backwardLayers < m_job->GetNLayers())
    {
        StartBackwardLayer();
    }
    else
    {
        MaybeStartOptimizer();
    }
}

void
TrainingJobApplication::TryIssue()
{
    if (m_inFlight || m_bucketsIssued == m_bucketsClosed)
    {
        return;
    }
    CollectiveCall call;
    call.bytes = m_job->GetBuckets()[m_bucketsIssued];
    call.collective = "all_reduce";
    NS_LOG_LOGIC("rank " << m_rank << " all-reduces bucket " << m_bucketsIssued << " ("
                         << call.bytes << " bytes)");
    m_inFlight = true;
    ++m_bucketsIssued;
    m_job->GetCommunicator()->Issue(m_rank, call);
}

void
TrainingJobApplication::CollectiveDone()
{
    NS_ASSERT_MSG(m_inFlight, "rank " << m_rank << ": an all-reduce ended that it did not issue");
    // Not from inside the communicator's trace: the next Issue runs as its own event, at the
    // same instant.
    m_afterCollective = Simulator::ScheduleNow(&TrainingJobApplication::AfterCollective, this);
}

void
TrainingJobApplication::Abort()
{
    NS_LOG_FUNCTION(this << m_rank << m_iteration);
    m_event.Cancel();
    m_afterCollective.Cancel();
    m_inFlight = false;
    m_waitCheckpoint = false;
}

void
TrainingJobApplication::Restart(uint32_t iteration)
{
    NS_LOG_FUNCTION(this << m_rank << iteration);
    m_iteration = iteration;
    StartIteration();
}

void
TrainingJobApplication::CheckpointWritten()
{
    NS_ASSERT_MSG(m_waitCheckpoint, "rank " << m_rank << " was not waiting for a checkpoint");
    m_waitCheckpoint = false;
    StartIteration();
}

void
TrainingJobApplication::AfterCollective()
{
    m_inFlight = false;
    ++m_bucketsDone;
    TryIssue();
    MaybeStartOptimizer();
}

void
TrainingJobApplication::MaybeStartOptimizer()
{
    const auto buckets = static_cast<uint32_t>(m_job->GetBuckets().size());
    if (m_optimizerStarted || m_backwardLayers < m_job->GetNLayers() || m_bucketsDone < buckets)
    {
        return;
    }
    m_optimizerStarted = true;
    m_event = Simulator::Schedule(Stretch(m_job->GetOptimizerTime()),
                                  &TrainingJobApplication::EndIteration,
                                  this);
}

void
TrainingJobApplication::EndIteration()
{
    NS_LOG_FUNCTION(this << m_rank << m_iteration);
    const uint32_t ended = m_iteration;
    ++m_iteration;
    // Set before the job hears of it: the last rank's end may start the checkpoint's write.
    m_waitCheckpoint =
        m_job->CheckpointAfter(ended) && m_job->GetCheckpointTime().IsStrictlyPositive();
    m_job->NotifyIterationEnd(m_rank, ended, m_iterationStart, m_compute, m_factor);
    if (m_iteration < m_job->GetIterations() && !m_waitCheckpoint)
    {
        StartIteration();
    }
}

} // namespace ns3
