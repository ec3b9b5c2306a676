/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// TrainingJob's failures, checkpoints and restarts, kept apart from its steps: the step path
// only asks whether a checkpoint follows a step (CheckpointAfter) and commits it; what a
// failure stops, throws away and resumes is here. The bookkeeping is CheckpointLedger's and
// the failure times TrainingFailureProcess's.

#include "training-job-application.h"
#include "training-job.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrainingJobFaults");

bool
TrainingJob::CheckpointAfter(uint32_t iteration) const
{
    return m_ledger && m_ledger->CheckpointAfter(iteration);
}

Time
TrainingJob::GetCheckpointTime() const
{
    return m_checkpointTime;
}

void
TrainingJob::CommitCheckpoint()
{
    m_ledger->Commit(m_stepsDone, Simulator::Now().GetTimeStep());
    NS_LOG_INFO("checkpoint " << m_ledger->GetCheckpoints() << " of " << m_stepsDone << " steps at "
                              << Simulator::Now().As(Time::MS));
    if (m_checkpointTime.IsStrictlyPositive())
    {
        // The next step counts from the write's end.
        m_previousEnd = Simulator::Now();
        for (auto& app : m_apps)
        {
            app->CheckpointWritten();
        }
    }
}

void
TrainingJob::InjectFailure(Time delay)
{
    m_failureProcess.Inject(delay);
}

void
TrainingJob::OperationFailed(const CollectiveResult& result)
{
    if (!m_failing)
    {
        Fail("all-reduce " + std::to_string(result.sequence) + " failed: " + result.reason);
    }
}

void
TrainingJob::Fail(const std::string& reason)
{
    if (IsComplete() || m_aborted || !m_started)
    {
        return;
    }
    const Time lost = TimeStep(m_ledger->Fail(Simulator::Now().GetTimeStep()));
    const uint32_t committed = m_ledger->GetCommitted();
    NS_LOG_INFO("failure " << m_ledger->GetFailures() << " at " << Simulator::Now().As(Time::MS)
                           << " (" << reason << "): " << lost.As(Time::MS) << " lost, back to step "
                           << committed);
    m_failing = true;
    for (auto& app : m_apps)
    {
        app->Abort();
    }
    m_comm->GetFailureMonitor().FailAll("training job failure at " +
                                        std::to_string(Simulator::Now().GetSeconds()) +
                                        " s: " + reason);
    m_failing = false;
    Drop(m_checkpointEvent); // a checkpoint being written is not committed
    Drop(m_restartEvent);    // a failure during a restart starts it over
    m_stepsDone = committed;
    m_open.fill(IterationState());
    m_failureTrace(lost, committed);
    if (m_ledger->GetFailures() > m_maxRestarts)
    {
        NS_LOG_WARN("training job gives up after " << m_maxRestarts << " restarts");
        m_aborted = true;
        m_failureProcess.Stop();
        return;
    }
    m_restartEvent = Simulator::Schedule(m_restartTime, &TrainingJob::Resume, this);
}

void
TrainingJob::Resume()
{
    m_previousEnd = Simulator::Now();
    m_ledger->Resumed(Simulator::Now().GetTimeStep());
    for (auto& app : m_apps)
    {
        app->Restart(m_ledger->GetCommitted());
    }
}

void
TrainingJob::Drop(EventId& event)
{
    if (!event.IsExpired())
    {
        Simulator::Remove(event);
    }
    event = EventId();
}

uint32_t
TrainingJob::GetFailures() const
{
    return m_ledger ? m_ledger->GetFailures() : 0;
}

uint32_t
TrainingJob::GetCheckpoints() const
{
    return m_ledger ? m_ledger->GetCheckpoints() : 0;
}

bool
TrainingJob::IsAborted() const
{
    return m_aborted;
}

Time
TrainingJob::GetUsefulTime() const
{
    return m_ledger ? TimeStep(m_ledger->GetUsefulTime()) : Seconds(0);
}

double
TrainingJob::GetGoodput() const
{
    const Time total = GetCompletionTime();
    return total.IsStrictlyPositive() ? GetUsefulTime().GetSeconds() / total.GetSeconds() : 0;
}

int64_t
TrainingJob::AssignStreams(int64_t stream)
{
    return m_failureProcess.AssignStreams(stream);
}

} // namespace ns3
