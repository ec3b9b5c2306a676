/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PacketSwitch's fault handling (issue #16), kept apart from its cell path: the cell path only
// checks that the chosen port's link is up; what a fault changes is here.

#include "packet-net-device.h"
#include "packet-switch.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketSwitchFaults");

void
PacketSwitch::SetFailureDetectionTime(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::PacketSwitch::FailureDetectionTime = " << t
                                                                 << " is invalid: use 0 or more");
    m_detectionTime = t;
}

Time
PacketSwitch::GetFailureDetectionTime() const
{
    return m_detectionTime;
}

void
PacketSwitch::LinkStateChanged(uint32_t port, bool up)
{
    NS_LOG_FUNCTION(this << port << up);
    if (up)
    {
        // The PHY reports link up once training is done: the routes take the port back now.
        if (m_detect[port].IsRunning())
        {
            m_detect[port].Cancel();
        }
        else
        {
            m_routes.SetPortUsable(port, true);
            m_routeChangeTrace(port, true);
        }
        TryStart(port);
        return;
    }
    FlushPort(port, m_ports[port].link->GetLossReason());
    m_detect[port] = Simulator::Schedule(m_detectionTime, &PacketSwitch::DetectFailure, this, port);
}

void
PacketSwitch::DetectFailure(uint32_t port)
{
    NS_LOG_INFO(GetByteCountersName() << ": routes avoid port " << port << " from now on");
    m_routes.SetPortUsable(port, false);
    m_routeChangeTrace(port, false);
}

void
PacketSwitch::FlushPort(uint32_t port, DropReason reason)
{
    CompactFifo<PacketCell>& q = m_queues[port];
    const Time now = Simulator::Now();
    while (!q.empty())
    {
        const PacketCell cell = q.front();
        q.pop_front();
        m_queueBytes[port] -= cell.wire;
        m_buffered -= cell.wire;
        m_bytes.queued -= cell.wire;
        m_bytes.AddDropped(reason, cell.wire);
        m_dropTrace(cell.ingress, cell.wire, reason);
        ReleaseBuffer(cell, now, now);
        cell.origin->NotifyCellDropped(cell, reason);
    }
}

} // namespace ns3
