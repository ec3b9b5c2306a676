/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PacketSwitch's cell path, kept apart from its attributes and construction: each port's
// buffer share as it is wired, cells arriving, routed, queued and sent, the credits and
// pauses sent back, and the counters they keep. Faults are in packet-switch-faults.cc.

#include "packet-net-device.h"
#include "packet-switch.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketSwitchDataPath");

uint64_t
PacketSwitch::GetBufferedBytes() const
{
    return m_buffered;
}

uint64_t
PacketSwitch::GetMaxBufferedBytes() const
{
    return m_maxBuffered;
}

uint64_t
PacketSwitch::GetQueuedBytes(uint32_t port) const
{
    return m_queueBytes.at(port);
}

uint64_t
PacketSwitch::GetMaxQueuedBytes(uint32_t port) const
{
    return m_maxQueueBytes.at(port);
}

uint64_t
PacketSwitch::GetIngressBytes(uint32_t port) const
{
    return m_buffer.IsConfigured() ? m_buffer.GetIngressBytes(port) : 0;
}

uint64_t
PacketSwitch::GetMaxIngressBytes(uint32_t port) const
{
    return m_buffer.IsConfigured() ? m_buffer.GetMaxIngressBytes(port) : 0;
}

uint64_t
PacketSwitch::GetPausesSent(uint32_t port) const
{
    return m_pauses.at(port);
}

uint64_t
PacketSwitch::GetResumesSent(uint32_t port) const
{
    return m_resumes.at(port);
}

Time
PacketSwitch::GetPauseTime(uint32_t port) const
{
    const bool on = m_buffer.IsConfigured() && m_buffer.IsPaused(port);
    return m_pauseTime.at(port) + (on ? Simulator::Now() - m_pauseSince[port] : Time(0));
}

uint64_t
PacketSwitch::GetAllocatedCredits(uint32_t port) const
{
    return m_buffer.IsConfigured() ? m_buffer.GetAllocation(port) : 0;
}

uint64_t
PacketSwitch::GetMaxCommittedCredits() const
{
    return m_buffer.GetMaxCommittedBytes();
}

const SwitchBuffer&
PacketSwitch::GetBuffer() const
{
    return m_buffer;
}

void
PacketSwitch::CheckCellSize(uint32_t cellWireBytes) const
{
    for (uint32_t port = 0; port < m_nPorts && m_buffer.IsConfigured(); ++port)
    {
        if (IsPortConnected(port))
        {
            Checked([&]() { m_buffer.CheckCell(port, cellWireBytes, GetByteCountersName()); });
        }
    }
}

uint64_t
PacketSwitch::RoundTripBytes(const Port& p) const
{
    return SwitchBuffer::BytesIn((2 * p.delay + m_latency).GetTimeStep(), p.bps, p.stepsPerSecond);
}

const ByteCounters&
PacketSwitch::GetByteCounters() const
{
    return m_bytes;
}

std::string
PacketSwitch::GetByteCountersName() const
{
    return "PacketSwitch " + (m_name.empty() ? std::string("(unnamed)") : m_name);
}

void
PacketSwitch::PortConnected(uint32_t port)
{
    if (!m_watched)
    {
        m_watched = true;
        ByteConservation::Watch(this);
    }
    Checked([&]() {
        if (!m_buffer.IsConfigured())
        {
            m_buffer.Configure(m_settings);
        }
        m_buffer.Connect(port, RoundTripBytes(m_ports[port]));
    });
}

const PacketCell*
PacketSwitch::PeekCell(uint32_t port)
{
    const CompactFifo<PacketCell>& q = m_queues[port];
    return q.empty() ? nullptr : &q.front();
}

void
PacketSwitch::CellStarted(uint32_t port, Time start, Time end)
{
    CompactFifo<PacketCell>& q = m_queues[port];
    const PacketCell cell = q.front();
    q.pop_front();
    m_queueBytes[port] -= cell.wire;
    m_buffered -= cell.wire;
    m_bytes.queued -= cell.wire;
    m_bytes.delivered += cell.wire;
    ReleaseBuffer(cell, start, end);
}

void
PacketSwitch::ReleaseBuffer(const PacketCell& cell, Time start, Time end)
{
    const SwitchBuffer::Departure d = m_buffer.Depart(cell.ingress, cell.wire);
    const Port& in = m_ports[cell.ingress];
    if (d.credits > 0)
    {
        // The cell's buffer is free once it has left: its credits go back to its sender.
        in.peer->AddCredits(in.peerPort, end + in.delay, static_cast<uint32_t>(d.credits));
    }
    if (d.resume)
    {
        const Time paused = start - m_pauseSince[cell.ingress];
        m_pauseTime[cell.ingress] += paused;
        ++m_resumes[cell.ingress];
        m_pfcResumeTrace(cell.ingress, paused);
        in.peer->SetPaused(in.peerPort, start + in.delay, false);
    }
}

void
PacketSwitch::CellArrived(uint32_t port)
{
    PacketCell cell = TakeArrival(port);
    m_bytes.sent += cell.wire;
    uint32_t out = m_routes.Route(cell, m_seed, m_queueBytes);
    if (s_portsOutOfRoutes > 0)
    {
        out = AvoidFaults(cell, out); // a detected fault somewhere: the path beyond counts
    }
    const bool noRoute = out >= m_nPorts || !m_ports[out].link;
    if (noRoute || !m_ports[out].link->IsUp())
    {
        // No route, or (before the failure is detected) a route into a failed link.
        const DropReason reason =
            noRoute ? DropReason::NO_ROUTE : m_ports[out].link->GetLossReason();
        NS_LOG_LOGIC(GetByteCountersName() << ": host " << cell.dst << ": " << ToString(reason));
        m_bytes.AddDropped(reason, cell.wire);
        m_dropTrace(port, cell.wire, reason);
        const Port& in = m_ports[port];
        in.peer->AddCredits(in.peerPort, Simulator::Now() + in.delay, cell.wire);
        cell.origin->NotifyCellDropped(cell, reason);
        return;
    }
    cell.ingress = static_cast<uint16_t>(port);
    // Refused only for a cell too large for the PFC headroom.
    const SwitchBuffer::Arrival a = Checked([&]() { return m_buffer.Arrive(port, cell.wire); });
    const Port& in = m_ports[port];
    if (a.grant > 0)
    {
        in.peer->AddCredits(in.peerPort,
                            Simulator::Now() + in.delay,
                            static_cast<uint32_t>(a.grant));
    }
    if (a.pause)
    {
        m_pauseSince[port] = Simulator::Now();
        ++m_pauses[port];
        m_pfcPauseTrace(port, m_buffer.GetIngressBytes(port));
        in.peer->SetPaused(in.peerPort, Simulator::Now() + in.delay, true);
    }
    m_queues[out].push_back(cell);
    m_queueBytes[out] += cell.wire;
    m_maxQueueBytes[out] = std::max(m_maxQueueBytes[out], m_queueBytes[out]);
    m_buffered += cell.wire;
    m_maxBuffered = std::max(m_maxBuffered, m_buffered);
    m_bytes.queued += cell.wire;
    TryStart(out);
}

} // namespace ns3
