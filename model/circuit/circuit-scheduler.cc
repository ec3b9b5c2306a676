/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(CircuitScheduler);

TypeId
CircuitScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CircuitScheduler").SetParent<Object>().SetGroupName("ScaleAcross");
    return tid;
}

CircuitScheduler::CircuitScheduler()
    : m_switch(nullptr)
{
    NS_LOG_FUNCTION(this);
}

CircuitScheduler::~CircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
CircuitScheduler::SetSwitch(CircuitSwitch* circuitSwitch)
{
    NS_LOG_FUNCTION(this << circuitSwitch);
    NS_ABORT_MSG_IF(circuitSwitch != nullptr && m_switch != nullptr && circuitSwitch != m_switch,
                    "a " << GetInstanceTypeId().GetName()
                         << " drives one crossbar; create one scheduler per crossbar");
    m_switch = circuitSwitch;
}

void
CircuitScheduler::Start()
{
}

bool
CircuitScheduler::RelaysTraffic() const
{
    return false;
}

Time
CircuitScheduler::GetLongestTimedCircuit() const
{
    return Time::Max();
}

void
CircuitScheduler::NotifyPortChange(uint32_t port, bool up)
{
    NS_LOG_FUNCTION(this << port << up);
    if (up)
    {
        return;
    }
    CircuitSwitch& xbar = Switch();
    const CrossbarPortTable& table = xbar.GetPortTable();
    for (uint32_t lane = 0; lane < table.GetNLanes(); ++lane)
    {
        const uint32_t end = table.End(port, lane);
        if (table.GetOutputEnd(end) != CrossbarPortTable::NO_END)
        {
            xbar.ReleaseCircuit(port, lane);
        }
        const int64_t in = table.GetInputEnd(end);
        if (in != CrossbarPortTable::NO_END)
        {
            const auto inEnd = static_cast<uint32_t>(in);
            xbar.ReleaseCircuit(table.PortOf(inEnd), table.LaneOf(inEnd));
        }
    }
}

CircuitSwitch&
CircuitScheduler::Switch() const
{
    NS_ABORT_MSG_IF(m_switch == nullptr,
                    GetInstanceTypeId().GetName() << " is used before a crossbar took it "
                                                     "(set the crossbar's Scheduler attribute)");
    return *m_switch;
}

} // namespace ns3
