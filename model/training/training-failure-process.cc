/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "training-failure-process.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TrainingFailureProcess");

namespace
{
/// @param event an event to remove (not cancel: a cancelled one holds the run until its time)
void
Remove(EventId& event)
{
    if (!event.IsExpired())
    {
        Simulator::Remove(event);
    }
    event = EventId();
}
} // namespace

TrainingFailureProcess::TrainingFailureProcess()
    : m_gap(CreateObject<ExponentialRandomVariable>()),
      m_stopped(false)
{
}

TrainingFailureProcess::~TrainingFailureProcess()
{
    Stop();
}

void
TrainingFailureProcess::Start(double ratePerHour, FailCallback fail)
{
    m_fail = fail;
    if (ratePerHour > 0)
    {
        m_gap->SetAttribute("Mean", DoubleValue(3600.0 / ratePerHour));
        m_next =
            Simulator::Schedule(Seconds(m_gap->GetValue()), &TrainingFailureProcess::Random, this);
    }
}

void
TrainingFailureProcess::Inject(Time delay)
{
    NS_ABORT_MSG_IF(delay.IsStrictlyNegative(),
                    "TrainingJob::InjectFailure: delay " << delay.As(Time::NS)
                                                         << " is invalid: use >= 0");
    if (m_stopped)
    {
        return; // the job is over
    }
    m_injected.push_back(Simulator::Schedule(delay,
                                             &TrainingFailureProcess::Fire,
                                             this,
                                             std::string("injected failure")));
}

void
TrainingFailureProcess::Fire(std::string cause)
{
    if (!m_stopped && !m_fail.IsNull())
    {
        m_fail(cause);
    }
}

void
TrainingFailureProcess::Random()
{
    m_next = EventId();
    m_fail("random failure (FailureRate)");
    if (!m_stopped) // the job may have given up meanwhile
    {
        m_next =
            Simulator::Schedule(Seconds(m_gap->GetValue()), &TrainingFailureProcess::Random, this);
    }
}

void
TrainingFailureProcess::Stop()
{
    m_stopped = true;
    Remove(m_next);
    for (EventId& e : m_injected)
    {
        Remove(e);
    }
    m_injected.clear();
}

int64_t
TrainingFailureProcess::AssignStreams(int64_t stream)
{
    m_gap->SetStream(stream);
    return 1;
}

} // namespace ns3
