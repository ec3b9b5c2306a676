/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "packet-endpoint.h"

#include "packet-link.h"
#include "packet-net-device.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketEndpoint");

namespace
{
__extension__ typedef unsigned __int128 Wide; //!< for bytes x 8 x steps per second
} // namespace

/// An event of a port: a cell's arrival, or the wake of its transmitter.
class PacketEndpoint::PortEvent : public EventImpl
{
  public:
    PacketEndpoint* endpoint{nullptr}; //!< whose port
    uint32_t port{0};                  //!< the port
    bool arrival{false};               //!< Arrive, else Wake

  protected:
    void Notify() override
    {
        if (endpoint->m_disposed)
        {
            return; // its pool is gone: nothing to give it back to
        }
        if (arrival)
        {
            endpoint->Arrive(port);
        }
        else
        {
            endpoint->Wake(port);
        }
        // Given back only now: an event scheduled inside takes another one.
        endpoint->m_events.Give(this);
    }
};

// Defined here, where PortEvent is complete (the pool's destructor needs it).
PacketEndpoint::PacketEndpoint() = default;

PacketEndpoint::~PacketEndpoint()
{
}

void
PacketEndpoint::SchedulePortEvent(uint32_t context, Time delay, uint32_t port, bool arrival)
{
    PortEvent* event = m_events.Take();
    event->endpoint = this;
    event->port = port;
    event->arrival = arrival;
    // The EventImpl* form: the Ptr form of Schedule would add a reference never dropped.
    Simulator::ScheduleWithContext(context, delay, event);
}

void
PacketEndpoint::ScheduleWake(uint32_t port, Time delay)
{
    Port& p = m_ports[port];
    NS_ASSERT(!p.wakePending);
    p.wakePending = true;
    // In the current context, as Simulator::Schedule would: the same order of events.
    SchedulePortEvent(Simulator::GetContext(), delay, port, false);
}

Time
PacketEndpoint::SerializationTime(uint64_t wireBytes, uint64_t bitsPerSecond)
{
    NS_ASSERT(bitsPerSecond > 0);
    const auto stepsPerSecond = static_cast<uint64_t>(Time::FromInteger(1, Time::S).GetTimeStep());
    const Wide bits = static_cast<Wide>(wireBytes) * 8 * stepsPerSecond;
    return TimeStep(static_cast<uint64_t>((bits + bitsPerSecond / 2) / bitsPerSecond));
}

void
PacketEndpoint::SetNPacketPorts(uint32_t n)
{
    NS_ABORT_MSG_IF(!m_ports.empty(), "PacketEndpoint: ports are set once");
    m_ports.resize(n);
}

uint32_t
PacketEndpoint::GetNPacketPorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

void
PacketEndpoint::ConnectPort(uint32_t port,
                            Ptr<PacketLink> link,
                            PacketEndpoint* peer,
                            uint32_t peerPort)
{
    NS_ABORT_MSG_IF(port >= m_ports.size(),
                    "PacketEndpoint::ConnectPort: port " << port << " of " << m_ports.size());
    Port& p = m_ports[port];
    NS_ABORT_MSG_IF(p.link, "PacketEndpoint::ConnectPort: port " << port << " is already wired");
    p.link = link;
    p.peer = peer;
    p.peerPort = peerPort;
    p.bps = link->GetDataRate().GetBitRate();
    p.stepsPerSecond = static_cast<uint64_t>(Time::FromInteger(1, Time::S).GetTimeStep());
    p.delay = link->GetPathDelay(); // with its transceivers' latency
    p.peerCutThrough = peer->IsCutThrough();
    p.peerLatency = peer->GetForwardingLatency();
    p.initialCredits = peer->GetIngressCredits(peerPort);
    p.limited = p.initialCredits > 0;
    p.credits = p.initialCredits;
    PortConnected(port);
}

void
PacketEndpoint::PortConnected(uint32_t port)
{
}

void
PacketEndpoint::LinkStateChanged(uint32_t port, bool up)
{
}

void
PacketEndpoint::Arrive(uint32_t port)
{
    Port& p = m_ports[port];
    NS_ASSERT(!p.arriving.empty());
    if (p.arriving.front().linkEpoch == p.link->GetEpoch() && p.link->IsUp())
    {
        CellArrived(port);
        return;
    }
    // The link broke while the cell was on it. Its sender spent credits on it that this end's
    // buffer never took: they come back (the link's retraining restores them in hardware).
    const PacketCell cell = TakeArrival(port);
    const DropReason reason = p.link->GetLossReason();
    NS_LOG_LOGIC("cell of " << cell.wire
                            << " wire bytes lost on a failed link: " << ToString(reason));
    p.peer->AddCredits(p.peerPort, Simulator::Now(), cell.wire);
    cell.origin->NotifyCellDropped(cell, reason);
}

bool
PacketEndpoint::IsPortConnected(uint32_t port) const
{
    return port < m_ports.size() && m_ports[port].link != nullptr;
}

Ptr<PacketLink>
PacketEndpoint::GetPortLink(uint32_t port) const
{
    return m_ports.at(port).link;
}

PacketEndpoint*
PacketEndpoint::GetPortPeer(uint32_t port) const
{
    return m_ports.at(port).peer;
}

uint32_t
PacketEndpoint::GetPortPeerPort(uint32_t port) const
{
    return m_ports.at(port).peerPort;
}

Time
PacketEndpoint::GetCreditStallTime(uint32_t port) const
{
    const Port& p = m_ports.at(port);
    return p.stallTime + (p.stalled ? Simulator::Now() - p.stallSince : Time(0));
}

uint64_t
PacketEndpoint::GetCreditStalls(uint32_t port) const
{
    return m_ports.at(port).stalls;
}

uint64_t
PacketEndpoint::GetCredits(uint32_t port) const
{
    const Port& p = m_ports.at(port);
    const int64_t now = Simulator::Now().GetTimeStep();
    uint64_t credits = p.credits;
    for (size_t i = 0; i < p.pending.size() && p.pending[i].first <= now; ++i)
    {
        credits += p.pending[i].second;
    }
    return credits;
}

uint64_t
PacketEndpoint::GetInitialCredits(uint32_t port) const
{
    return m_ports.at(port).initialCredits;
}

uint64_t
PacketEndpoint::GetPauseStalls(uint32_t port) const
{
    return m_ports.at(port).pauseStalls;
}

Time
PacketEndpoint::GetPauseStallTime(uint32_t port) const
{
    const Port& p = m_ports.at(port);
    return p.pauseTime + (p.pauseWaiting ? Simulator::Now() - p.pauseSince : Time(0));
}

uint64_t
PacketEndpoint::GetPausesReceived(uint32_t port) const
{
    return m_ports.at(port).pausesReceived;
}

uint64_t
PacketEndpoint::GetResumesReceived(uint32_t port) const
{
    return m_ports.at(port).resumesReceived;
}

uint64_t
PacketEndpoint::GetTxCells(uint32_t port) const
{
    return m_ports.at(port).txCells;
}

uint64_t
PacketEndpoint::GetTxWireBytes(uint32_t port) const
{
    return m_ports.at(port).txWireBytes;
}

void
PacketEndpoint::AbsorbCredits(Port& p, int64_t now)
{
    while (!p.pending.empty() && p.pending.front().first <= now)
    {
        p.credits += p.pending.front().second;
        p.pending.pop_front();
    }
}

int64_t
PacketEndpoint::WhenCovered(const Port& p, uint64_t need)
{
    // Pending credits are in time order (AddCredits keeps them so).
    uint64_t got = p.credits;
    for (size_t i = 0; i < p.pending.size(); ++i)
    {
        got += p.pending[i].second;
        if (got >= need)
        {
            return p.pending[i].first;
        }
    }
    return -1;
}

void
PacketEndpoint::Stall(uint32_t port, uint64_t need)
{
    Port& p = m_ports[port];
    if (!p.stalled)
    {
        p.stalled = true;
        p.stallSince = Simulator::Now();
        ++p.stalls;
    }
    const int64_t at = WhenCovered(p, need);
    if (at >= 0)
    {
        ScheduleWake(port, TimeStep(at) - Simulator::Now());
    }
    // Otherwise AddCredits schedules the wake when enough credit is on its way.
}

void
PacketEndpoint::AddCredits(uint32_t port, Time at, uint32_t bytes)
{
    Port& p = m_ports[port];
    if (!p.limited)
    {
        return;
    }
    // Keep them in time order: a credit is never usable before an earlier-sent one.
    const int64_t step = std::max<int64_t>(at.GetTimeStep(), p.lastCreditStep);
    p.lastCreditStep = step;
    p.pending.push_back({step, bytes});
    if (p.stalled && !p.wakePending)
    {
        const PacketCell* cell = PeekCell(port);
        if (cell)
        {
            const int64_t when = WhenCovered(p, cell->wire);
            if (when >= 0)
            {
                ScheduleWake(port, TimeStep(when) - Simulator::Now());
            }
        }
    }
}

void
PacketEndpoint::SetPaused(uint32_t port, Time at, bool paused)
{
    Port& p = m_ports[port];
    // Orders travel the same link: one is never in effect before an earlier one.
    const int64_t step = std::max<int64_t>(at.GetTimeStep(), p.lastOrderStep);
    p.lastOrderStep = step;
    p.orders.push_back({step, paused});
    ++(paused ? p.pausesReceived : p.resumesReceived);
    if (!paused && p.pauseWaiting && !p.wakePending)
    {
        ScheduleWake(port, TimeStep(step) - Simulator::Now());
    }
}

void
PacketEndpoint::AbsorbOrders(Port& p, int64_t now)
{
    while (!p.orders.empty() && p.orders.front().first <= now)
    {
        p.paused = p.orders.front().second;
        p.orders.pop_front();
    }
}

void
PacketEndpoint::PauseStall(uint32_t port)
{
    Port& p = m_ports[port];
    if (!p.pauseWaiting)
    {
        p.pauseWaiting = true;
        p.pauseSince = Simulator::Now();
        ++p.pauseStalls;
    }
    for (size_t i = 0; i < p.orders.size(); ++i)
    {
        if (!p.orders[i].second)
        {
            ScheduleWake(port, TimeStep(p.orders[i].first) - Simulator::Now());
            return;
        }
    }
    // Otherwise SetPaused schedules the wake when the resume is sent.
}

void
PacketEndpoint::Wake(uint32_t port)
{
    m_ports[port].wakePending = false;
    TryStart(port);
}

void
PacketEndpoint::TryStart(uint32_t port)
{
    Port& p = m_ports[port];
    if (p.wakePending)
    {
        return; // a start is already planned
    }
    const Time now = Simulator::Now();
    if (now < p.busyUntil)
    {
        ScheduleWake(port, p.busyUntil - now);
        return;
    }
    if (!p.link->IsUp())
    {
        return; // a fault: owners queue nothing for a down link; a repair restarts the port
    }
    const PacketCell* head = PeekCell(port);
    if (!head)
    {
        return;
    }
    // Serialization in whole time steps, the fraction carried to the port's next cell: a
    // train of cells takes its exact time to within one step, however small each cell is.
    const Wide bits = static_cast<Wide>(head->wire) * 8 * p.stepsPerSecond + p.txRemainder;
    const Time tx = TimeStep(static_cast<uint64_t>(bits / p.bps));
    // Cut-through: the tail may not leave before it has arrived.
    const Time earliest = TimeStep(head->ready) - tx;
    if (earliest > now)
    {
        ScheduleWake(port, earliest - now);
        return;
    }
    if (!p.orders.empty())
    {
        AbsorbOrders(p, now.GetTimeStep());
    }
    if (p.paused)
    {
        PauseStall(port);
        return;
    }
    if (p.pauseWaiting)
    {
        p.pauseWaiting = false;
        const Time waited = now - p.pauseSince;
        p.pauseTime += waited;
        m_pauseStallTrace(port, waited);
    }
    if (p.limited)
    {
        NS_ABORT_MSG_IF(head->wire > p.initialCredits,
                        "a cell of " << head->wire << " wire bytes can never fit the "
                                     << p.initialCredits
                                     << " bytes of buffer its next switch gives this port: "
                                        "raise ns3::PacketSwitch::BufferBytes (or "
                                        "SharedReservedBytes if BufferMode is shared) or lower "
                                        "ns3::PacketNetDevice::CellBytes");
        AbsorbCredits(p, now.GetTimeStep());
        if (p.credits < head->wire)
        {
            Stall(port, head->wire);
            return;
        }
        p.credits -= head->wire;
    }
    if (p.stalled)
    {
        p.stalled = false;
        const Time waited = now - p.stallSince;
        p.stallTime += waited;
        m_creditStallTrace(port, waited);
    }
    p.txRemainder = static_cast<uint64_t>(bits % p.bps);
    PacketCell cell = *head;
    const Time end = now + tx;
    p.busyUntil = end;
    ++p.txCells;
    p.txWireBytes += cell.wire;
    CellStarted(port, now, end);

    const Time tail = tx + p.delay + p.peerLatency;
    cell.ready = (now + tail).GetTimeStep();
    cell.linkEpoch = p.link->GetEpoch();
    const Time arrival = p.peerCutThrough ? p.delay + p.peerLatency : tail;
    p.peer->m_ports[p.peerPort].arriving.push_back(cell);
    p.peer->SchedulePortEvent(p.peer->GetEndpointContext(), arrival, p.peerPort, true);
    if (PeekCell(port))
    {
        ScheduleWake(port, tx);
    }
}

PacketCell
PacketEndpoint::TakeArrival(uint32_t port)
{
    Port& p = m_ports[port];
    NS_ASSERT(!p.arriving.empty());
    PacketCell cell = p.arriving.front();
    p.arriving.pop_front();
    return cell;
}

void
PacketEndpoint::DisposePorts()
{
    m_disposed = true;
    m_events.Clear(); // pending events are freed unrun by Simulator::Destroy
    for (Port& p : m_ports)
    {
        p.wakePending = false;
        p.link = nullptr;
        p.peer = nullptr;
        p.arriving.clear();
        p.pending.clear();
        p.orders.clear();
    }
}

} // namespace ns3
