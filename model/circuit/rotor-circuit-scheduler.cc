/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rotor-circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RotorCircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(RotorCircuitScheduler);

TypeId
RotorCircuitScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RotorCircuitScheduler")
            .SetParent<SlottedCircuitScheduler>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<RotorCircuitScheduler>()
            .AddAttribute("GuardTime",
                          "Reconfiguration at the start of every slot, during which no frame "
                          "passes (>= 0); 0 = the crossbar's ReconfigurationTime, and a "
                          "non-zero value must not be shorter than it.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&RotorCircuitScheduler::SetGuardTime,
                                           &RotorCircuitScheduler::GetGuardTime),
                          MakeTimeChecker());
    return tid;
}

RotorCircuitScheduler::RotorCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

RotorCircuitScheduler::~RotorCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
RotorCircuitScheduler::SetGuardTime(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::RotorCircuitScheduler::GuardTime = " << t.As(Time::NS)
                                                               << " is invalid: use >= 0");
    m_guardTime = t;
}

Time
RotorCircuitScheduler::GetGuardTime() const
{
    return m_guardTime;
}

Time
RotorCircuitScheduler::GetSetUpAttribute() const
{
    return m_guardTime;
}

void
RotorCircuitScheduler::CheckSetUp(Time setUp, Time reconfiguration) const
{
    NS_ABORT_MSG_IF(setUp < reconfiguration,
                    "ns3::RotorCircuitScheduler::GuardTime = "
                        << setUp.As(Time::NS) << " is shorter than the crossbar's "
                        << "ReconfigurationTime = " << reconfiguration.As(Time::NS)
                        << ": a rotor cannot switch faster than its switch; use 0 (the "
                           "crossbar's) or a longer guard");
}

} // namespace ns3
