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

uint32_t PacketSwitch::s_portsOutOfRoutes = 0;

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
        if (!m_detect[port].IsExpired())
        {
            m_detect[port].Cancel();
        }
        else if (!m_routes.IsPortUsable(port))
        {
            m_routes.SetPortUsable(port, true);
            --s_portsOutOfRoutes;
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
    ++s_portsOutOfRoutes;
    m_routeChangeTrace(port, false);
}

const PacketSwitch*
PacketSwitch::PeerSwitch(uint32_t port) const
{
    return m_ports[port].link ? dynamic_cast<const PacketSwitch*>(m_ports[port].peer) : nullptr;
}

bool
PacketSwitch::Reaches(uint32_t dst) const
{
    // Up/down routes: down to the destination once it is below, up until then, so the
    // recursion goes up, then down, and ends.
    const uint32_t down = m_routes.GetDownPort(dst);
    if (down < m_nPorts)
    {
        const PacketSwitch* below = PeerSwitch(down);
        return m_routes.IsPortUsable(down) && (!below || below->Reaches(dst));
    }
    const uint32_t first = m_routes.GetFirstUpPort();
    for (uint32_t port = first; port < first + m_routes.GetNUpPorts(); ++port)
    {
        const PacketSwitch* above = PeerSwitch(port);
        if (m_routes.IsPortUsable(port) && above && above->Reaches(dst))
        {
            return true;
        }
    }
    return false;
}

uint32_t
PacketSwitch::AvoidFaults(const PacketCell& cell, uint32_t out) const
{
    const uint32_t first = m_routes.GetFirstUpPort();
    const uint32_t nUp = m_routes.GetNUpPorts();
    if (out < first || out >= first + nUp)
    {
        return out; // a down port (or none): nothing to choose
    }
    const PacketSwitch* above = PeerSwitch(out);
    if (!above || above->Reaches(cell.dst))
    {
        return out;
    }
    std::vector<uint32_t>& viable = m_viable; // reused: no allocation per cell
    viable.clear();
    for (uint32_t port = first; port < first + nUp; ++port)
    {
        const PacketSwitch* sw = PeerSwitch(port);
        if (m_routes.IsPortUsable(port) && sw && sw->Reaches(cell.dst))
        {
            viable.push_back(port);
        }
    }
    if (viable.empty())
    {
        return m_nPorts;
    }
    if (m_routes.GetPolicy() == SwitchRoutes::Policy::ECMP)
    {
        return viable[EcmpHash(cell.src, cell.dst, cell.flow, m_seed) % viable.size()];
    }
    uint32_t best = viable[0];
    for (uint32_t port : viable)
    {
        best = m_queueBytes[port] < m_queueBytes[best] ? port : best;
    }
    return best;
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
