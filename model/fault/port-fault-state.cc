/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "port-fault-state.h"

#include <cassert>

namespace ns3
{

std::string
ToString(FaultComponent component)
{
    switch (component)
    {
    case FaultComponent::TRANSCEIVER:
        return "Transceiver";
    case FaultComponent::FIBER:
        return "Fiber";
    case FaultComponent::PORT:
        return "Port";
    case FaultComponent::SWITCH:
        return "Switch";
    case FaultComponent::COUNT:
        break;
    }
    return "Unknown";
}

void
PortFaultState::SetPorts(uint32_t ports)
{
    m_ports.assign(ports, Port());
    m_switchFailed = false;
    m_nDown = 0;
}

uint32_t
PortFaultState::GetNPorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

bool
PortFaultState::IsUp(uint32_t port) const
{
    return !m_switchFailed && m_ports[port].failed == 0;
}

bool
PortFaultState::IsFailed(uint32_t port, FaultComponent component) const
{
    if (component == FaultComponent::SWITCH)
    {
        return m_switchFailed;
    }
    return (m_ports[port].failed & (1u << static_cast<uint8_t>(component))) != 0;
}

uint32_t
PortFaultState::GetEpoch(uint32_t port) const
{
    return m_ports[port].epoch;
}

DropReason
PortFaultState::GetLossReason(uint32_t port) const
{
    return m_ports[port].reason;
}

bool
PortFaultState::AnyDown() const
{
    return m_nDown > 0;
}

void
PortFaultState::GoDown(uint32_t port, DropReason reason)
{
    ++m_ports[port].epoch;
    m_ports[port].reason = reason;
    ++m_nDown;
}

bool
PortFaultState::Fail(uint32_t port, FaultComponent component, DropReason reason)
{
    assert(component != FaultComponent::SWITCH && component != FaultComponent::COUNT);
    const bool wasUp = IsUp(port);
    m_ports[port].failed |= static_cast<uint8_t>(1u << static_cast<uint8_t>(component));
    if (wasUp)
    {
        GoDown(port, reason);
    }
    return wasUp;
}

bool
PortFaultState::Repair(uint32_t port, FaultComponent component)
{
    assert(component != FaultComponent::SWITCH && component != FaultComponent::COUNT);
    const bool wasUp = IsUp(port);
    m_ports[port].failed &= static_cast<uint8_t>(~(1u << static_cast<uint8_t>(component)));
    if (!wasUp && IsUp(port))
    {
        --m_nDown;
        return true;
    }
    return false;
}

std::vector<uint32_t>
PortFaultState::FailSwitch(DropReason reason)
{
    std::vector<uint32_t> down;
    for (uint32_t port = 0; port < m_ports.size(); ++port)
    {
        if (IsUp(port))
        {
            down.push_back(port);
        }
    }
    m_switchFailed = true;
    for (uint32_t port : down)
    {
        GoDown(port, reason);
    }
    return down;
}

std::vector<uint32_t>
PortFaultState::RepairSwitch()
{
    if (!m_switchFailed)
    {
        return {};
    }
    m_switchFailed = false;
    std::vector<uint32_t> up;
    for (uint32_t port = 0; port < m_ports.size(); ++port)
    {
        if (IsUp(port))
        {
            up.push_back(port);
            --m_nDown;
        }
    }
    return up;
}

} // namespace ns3
