/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fault-injector.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FaultInjector");

NS_OBJECT_ENSURE_REGISTERED(FaultInjector);

TypeId
FaultInjector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FaultInjector")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<FaultInjector>()
            .AddTraceSource("FaultInjected",
                            "A component failed: (its name, the time).",
                            MakeTraceSourceAccessor(&FaultInjector::m_injectedTrace),
                            "ns3::FaultInjector::FaultTracedCallback")
            .AddTraceSource("Repaired",
                            "A component was repaired: (its name, the time).",
                            MakeTraceSourceAccessor(&FaultInjector::m_repairedTrace),
                            "ns3::FaultInjector::FaultTracedCallback");
    return tid;
}

FaultInjector::FaultInjector()
    : m_timeToFailure(CreateObject<ExponentialRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    m_timeToFailure->SetAttribute("Mean", DoubleValue(1.0));
    m_timeToFailure->SetAttribute("Bound", DoubleValue(0.0)); // unbounded
}

FaultInjector::~FaultInjector()
{
    NS_LOG_FUNCTION(this);
}

void
FaultInjector::DoDispose()
{
    m_components.clear();
    m_timeToFailure = nullptr;
    Object::DoDispose();
}

uint32_t
FaultInjector::Add(const std::string& name,
                   std::function<void()> fail,
                   std::function<void()> repair)
{
    NS_ASSERT(fail);
    m_components.push_back({name, std::move(fail), std::move(repair)});
    return static_cast<uint32_t>(m_components.size() - 1);
}

void
FaultInjector::CheckId(uint32_t id) const
{
    NS_ABORT_MSG_IF(id >= m_components.size(),
                    "FaultInjector: component " << id << " does not exist: use 0 ... "
                                                << static_cast<int64_t>(m_components.size()) - 1
                                                << " (FaultHelper registers them)");
}

void
FaultInjector::Schedule(uint32_t id, Time at, Time repairAt)
{
    CheckId(id);
    const Component& c = m_components[id];
    NS_ABORT_MSG_IF(at < Simulator::Now(),
                    "FaultInjector: failure time " << at.As(Time::S) << " of " << c.name
                                                   << " is invalid: use a time >= now ("
                                                   << Simulator::Now().As(Time::S) << ")");
    NS_ABORT_MSG_IF(repairAt <= at,
                    "FaultInjector: repair time " << repairAt.As(Time::S) << " of " << c.name
                                                  << " is invalid: use a time after its failure ("
                                                  << at.As(Time::S) << "), or none");
    NS_ABORT_MSG_IF(repairAt != Time::Max() && !c.repair,
                    "FaultInjector: " << c.name << " cannot be repaired: give no repair time");
    // The events hold the injector: it lives until its last failure or repair has happened.
    Ptr<FaultInjector> self(this);
    Simulator::Schedule(at - Simulator::Now(), &FaultInjector::DoFail, self, id);
    if (repairAt != Time::Max())
    {
        Simulator::Schedule(repairAt - Simulator::Now(), &FaultInjector::DoRepair, self, id);
    }
}

std::vector<Time>
FaultInjector::AddRandomFailures(const std::vector<uint32_t>& ids,
                                 double failuresPerHour,
                                 Time repairTime,
                                 Time until)
{
    NS_ABORT_MSG_IF(!(failuresPerHour > 0) || std::isinf(failuresPerHour),
                    "FaultInjector: failure rate = " << failuresPerHour
                                                     << " per hour is invalid: use a finite "
                                                        "rate > 0");
    NS_ABORT_MSG_IF(!repairTime.IsStrictlyPositive(),
                    "FaultInjector: repair time = " << repairTime.As(Time::S)
                                                    << " is invalid: use a time > 0 (or "
                                                       "Time::Max() for never)");
    const double meanSeconds = 3600.0 / failuresPerHour;
    std::vector<Time> drawn;
    for (uint32_t id : ids)
    {
        CheckId(id);
        Time t = Simulator::Now();
        while (true)
        {
            t += Seconds(meanSeconds * m_timeToFailure->GetValue());
            if (t >= until)
            {
                break;
            }
            drawn.push_back(t);
            const bool repaired = repairTime != Time::Max() && m_components[id].repair;
            Schedule(id, t, repaired ? t + repairTime : Time::Max());
            if (!repaired)
            {
                break;
            }
            t += repairTime;
        }
    }
    return drawn;
}

int64_t
FaultInjector::AssignStreams(int64_t stream)
{
    m_timeToFailure->SetStream(stream);
    return 1;
}

uint32_t
FaultInjector::GetN() const
{
    return static_cast<uint32_t>(m_components.size());
}

const std::string&
FaultInjector::GetName(uint32_t id) const
{
    CheckId(id);
    return m_components[id].name;
}

const std::vector<FaultInjector::Event>&
FaultInjector::GetLog() const
{
    return m_log;
}

void
FaultInjector::DoFail(uint32_t id)
{
    const Component& c = m_components[id];
    NS_LOG_INFO(Simulator::Now().As(Time::US) << " fail " << c.name);
    m_log.push_back({Simulator::Now(), id, true});
    m_injectedTrace(c.name, Simulator::Now());
    c.fail();
}

void
FaultInjector::DoRepair(uint32_t id)
{
    const Component& c = m_components[id];
    NS_LOG_INFO(Simulator::Now().As(Time::US) << " repair " << c.name);
    m_log.push_back({Simulator::Now(), id, false});
    m_repairedTrace(c.name, Simulator::Now());
    c.repair();
}

} // namespace ns3
