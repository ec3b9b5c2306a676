/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rotor-circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/string.h"

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
                          MakeTimeChecker())
            .AddAttribute("Routing",
                          "Direct: traffic waits for the slot that matches its destination; "
                          "TwoHop: a lane with nothing for its current peer also sends it "
                          "frames for other destinations, which that peer's NIC holds and "
                          "forwards in its own slot to them (RotorNet's and Opera's Valiant "
                          "load balancing). Default Direct (the rotor before relaying existed).",
                          StringValue("Direct"),
                          MakeStringAccessor(&RotorCircuitScheduler::SetRouting,
                                             &RotorCircuitScheduler::GetRouting),
                          MakeStringChecker());
    return tid;
}

RotorCircuitScheduler::RotorCircuitScheduler()
    : m_routing(DIRECT)
{
    NS_LOG_FUNCTION(this);
}

RotorCircuitScheduler::~RotorCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

bool
RotorCircuitScheduler::RelaysTraffic() const
{
    return m_routing == TWO_HOP;
}

void
RotorCircuitScheduler::SetRouting(std::string name)
{
    // A string, not an EnumValue: ns-3.41 made EnumValue a template (NS3-COMPAT.md),
    // and the module builds against 3.37 and 3.48 alike.
    NS_ABORT_MSG_IF(name != "Direct" && name != "TwoHop",
                    "ns3::RotorCircuitScheduler::Routing = \"" << name
                                                               << "\" is invalid: use Direct or "
                                                                  "TwoHop");
    // The NICs took it (whether to relay) when the simulation started.
    CheckNotStarted("Routing");
    m_routing = name == "TwoHop" ? TWO_HOP : DIRECT;
}

std::string
RotorCircuitScheduler::GetRouting() const
{
    return m_routing == TWO_HOP ? "TwoHop" : "Direct";
}

void
RotorCircuitScheduler::SetGuardTime(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::RotorCircuitScheduler::GuardTime = " << t.As(Time::NS)
                                                               << " is invalid: use >= 0");
    // The cycle took it as its set-up time when the simulation started.
    CheckNotStarted("GuardTime");
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
