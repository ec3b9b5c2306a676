/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PhotonicCrossbar's fault handling (issue #16), kept apart from its circuit and frame paths:
// the frame path only asks LostToFault; everything a fault changes is here.

#include "coherent-transceiver.h"
#include "crossbar-endpoint.h"
#include "optical-channel.h"
#include "optical-physics.h"
#include "photonic-crossbar.h"

#include "ns3/abort.h"
#include "ns3/circuit-scheduler.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PhotonicCrossbarFaults");

bool
PhotonicCrossbar::IsPortUp(uint32_t port) const
{
    return m_faults.IsUp(port);
}

const PortFaultState&
PhotonicCrossbar::GetFaultState() const
{
    return m_faults;
}

bool
PhotonicCrossbar::LostToFault(const Frame& frame, DropReason& reason) const
{
    // A frame is lost if either of its ports went down (even if it came up again) after its
    // launch: the light was on the path when it broke.
    if (m_faults.GetEpoch(frame.srcPort) != frame.srcEpoch || !m_faults.IsUp(frame.srcPort))
    {
        reason = m_faults.GetLossReason(frame.srcPort);
        return true;
    }
    if (m_faults.GetEpoch(frame.dstPort) != frame.dstEpoch || !m_faults.IsUp(frame.dstPort))
    {
        reason = m_faults.GetLossReason(frame.dstPort);
        return true;
    }
    return false;
}

void
PhotonicCrossbar::DropFaulted(const Frame& frame, DropReason reason)
{
    NS_LOG_LOGIC("lost " << frame.payloadBytes << " bytes " << frame.srcPort << " -> "
                         << frame.dstPort << ": " << ToString(reason));
    m_bytes.inFlight -= frame.payloadBytes;
    m_bytes.AddDropped(reason, frame.payloadBytes);
    if (!m_dropTrace.IsEmpty())
    {
        m_dropTrace(frame.frame.ToPacket(), reason, frame.srcPort);
    }
    m_endpoints[frame.srcPort]->NotifyFrameDropped(frame.frame, reason);
}

void
PhotonicCrossbar::FailPort(uint32_t port, FaultComponent component, DropReason reason)
{
    NS_LOG_FUNCTION(this << port << ToString(component) << ToString(reason));
    NS_ABORT_MSG_IF(port >= m_nPorts || !m_endpoints[port],
                    "PhotonicCrossbar::FailPort: port = "
                        << port << " is invalid: use a port with a NIC (0 ... " << m_nPorts - 1
                        << ")");
    NS_ABORT_MSG_IF(component == FaultComponent::SWITCH || component == FaultComponent::COUNT,
                    "PhotonicCrossbar::FailPort: component = "
                        << ToString(component)
                        << " is invalid: use Transceiver, Fiber or Port (FailCrossbar for the "
                           "whole crossbar)");
    if (m_faults.Fail(port, component, reason))
    {
        PortWentDown(port);
    }
}

void
PhotonicCrossbar::RepairPort(uint32_t port, FaultComponent component)
{
    NS_LOG_FUNCTION(this << port << ToString(component));
    NS_ABORT_MSG_IF(port >= m_nPorts || !m_endpoints[port],
                    "PhotonicCrossbar::RepairPort: port = "
                        << port << " is invalid: use a port with a NIC (0 ... " << m_nPorts - 1
                        << ")");
    if (m_faults.Repair(port, component))
    {
        PortCameUp(port);
    }
}

void
PhotonicCrossbar::FailCrossbar()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t port : m_faults.FailSwitch(DropReason::DEVICE_FAILED))
    {
        if (m_endpoints[port])
        {
            PortWentDown(port);
        }
    }
}

void
PhotonicCrossbar::RepairCrossbar()
{
    NS_LOG_FUNCTION(this);
    for (uint32_t port : m_faults.RepairSwitch())
    {
        if (m_endpoints[port])
        {
            PortCameUp(port);
        }
    }
}

void
PhotonicCrossbar::PortWentDown(uint32_t port)
{
    const DropReason reason = m_faults.GetLossReason(port);
    NS_LOG_INFO("port " << port << " down (" << ToString(reason) << ")");
    m_portStateTrace(port, false);
    // Frames still waiting for the port are lost now; frames on its path when they would
    // arrive (LostToFault). The scheduler last: its teardown may grant other requests.
    m_endpoints[port]->NotifyLinkChange(false, reason);
    for (uint32_t other = 0; other < m_nPorts; ++other)
    {
        if (other != port && m_endpoints[other])
        {
            m_endpoints[other]->NotifyPortDown(port, reason);
        }
    }
    GetScheduler()->NotifyPortChange(port, false);
}

void
PhotonicCrossbar::PortCameUp(uint32_t port)
{
    NS_LOG_INFO("port " << port << " up");
    m_portStateTrace(port, true);
    m_endpoints[port]->NotifyLinkChange(true, m_faults.GetLossReason(port));
    GetScheduler()->NotifyPortChange(port, true);
}

void
PhotonicCrossbar::FailNextSetUp(uint32_t srcPort)
{
    NS_LOG_FUNCTION(this << srcPort);
    NS_ABORT_MSG_IF(srcPort >= m_nPorts || !m_endpoints[srcPort],
                    "PhotonicCrossbar::FailNextSetUp: port = "
                        << srcPort << " is invalid: use a port with a NIC (0 ... " << m_nPorts - 1
                        << ")");
    ++m_failedSetUps[srcPort];
}

double
PhotonicCrossbar::GetWorstMarginDb(uint32_t port) const
{
    NS_ABORT_MSG_IF(port >= m_nPorts || !m_endpoints[port],
                    "PhotonicCrossbar::GetWorstMarginDb: port = " << port << " has no NIC");
    double worst = std::numeric_limits<double>::infinity();
    for (uint32_t other = 0; other < m_nPorts; ++other)
    {
        if (other == port || !m_endpoints[other])
        {
            continue;
        }
        for (const auto& [a, b] : {std::make_pair(port, other), std::make_pair(other, port)})
        {
            // The same budget as Forward's.
            optical::LinkBudget budget;
            budget.launchPowerDbm = m_endpoints[a]->GetEndpointTransceiver().GetLaunchPowerDbm();
            budget.fiberLossDb = m_fibers[a]->GetFiberLossDb() + m_fibers[b]->GetFiberLossDb();
            budget.crossbarLossDb = m_insertionLossDb;
            budget.connectorLossDb =
                m_fibers[a]->GetConnectorLossDb() + m_fibers[b]->GetConnectorLossDb();
            budget.sensitivityDbm =
                m_endpoints[b]->GetEndpointTransceiver().GetReceiverSensitivityDbm();
            worst = std::min(worst, budget.MarginDb());
        }
    }
    return worst;
}

} // namespace ns3
