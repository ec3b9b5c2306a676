/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "virtual-output-queues.h"

namespace ns3
{

void
VirtualOutputQueues::SetNLanes(uint32_t lanes)
{
    m_lanes.assign(lanes, Lane());
}

uint64_t
VirtualOutputQueues::QueueId(uint32_t dstPort, uint8_t flow)
{
    return (uint64_t{dstPort} << 8) | flow;
}

bool
VirtualOutputQueues::BindFreeLane(uint64_t key, Queue& queue)
{
    // Any lane whose circuit reaches the port (up, or granted and coming up) and serves nobody.
    const auto dstPort = static_cast<int64_t>(key >> 8);
    for (uint32_t i = 0; i < m_lanes.size(); ++i)
    {
        if (m_lanes[i].peer == dstPort && m_lanes[i].queue < 0)
        {
            m_lanes[i].queue = static_cast<int64_t>(key);
            m_lanes[i].served = &queue;
            queue.lane = i;
            queue.requested = false;
            return true;
        }
    }
    return false;
}

VirtualOutputQueues::PushResult
VirtualOutputQueues::Push(uint32_t dstPort, uint8_t flow, MacFrame frame)
{
    const uint64_t key = QueueId(dstPort, flow);
    Queue& queue = m_queues[key];
    queue.frames.push_back(std::move(frame));
    PushResult r;
    if (queue.lane >= 0 || BindFreeLane(key, queue))
    {
        r.lane = queue.lane;
    }
    else if (!queue.requested)
    {
        queue.requested = true;
        r.request = true;
    }
    return r;
}

VirtualOutputQueues::Queue*
VirtualOutputQueues::Source(uint32_t lane) const
{
    const Lane& l = m_lanes[lane];
    if (l.served && !l.served->frames.empty())
    {
        return l.served;
    }
    if (!m_relaying || !l.up)
    {
        return nullptr;
    }
    // A scan of the queues, only on a lane with nothing of its own to send.
    for (const auto& [key, queue] : m_queues)
    {
        if ((key >> 8) != static_cast<uint64_t>(l.peer) && (key & 0xff) != RELAY_FLOW &&
            queue.lane < 0 && !queue.frames.empty())
        {
            return const_cast<Queue*>(&queue);
        }
    }
    return nullptr;
}

MacFrame
VirtualOutputQueues::Pop(uint32_t lane, uint32_t& dstPort)
{
    const Lane& l = m_lanes[lane];
    Queue* source = l.up ? Source(lane) : nullptr;
    if (!source)
    {
        return MacFrame();
    }
    MacFrame frame = std::move(source->frames.front());
    source->frames.pop_front();
    dstPort = static_cast<uint32_t>(l.peer); // the destination, or the relaying peer
    return frame;
}

const MacFrame*
VirtualOutputQueues::Peek(uint32_t lane) const
{
    const Queue* source = m_lanes[lane].up ? Source(lane) : nullptr;
    return source ? &source->frames.front() : nullptr;
}

bool
VirtualOutputQueues::IsLaneIdle(uint32_t lane) const
{
    return Source(lane) == nullptr;
}

void
VirtualOutputQueues::SetRelaying(bool on)
{
    m_relaying = on;
}

bool
VirtualOutputQueues::IsRelaying() const
{
    return m_relaying;
}

void
VirtualOutputQueues::Grant(uint32_t lane, uint32_t dstPort)
{
    m_lanes[lane] = Lane();
    m_lanes[lane].peer = dstPort;
    // The grant answers the oldest request for this port: bind its queue now, so that the
    // scheduler sees the circuit as busy while it is being set up.
    for (auto it = m_queues.lower_bound(QueueId(dstPort, 0));
         it != m_queues.end() && (it->first >> 8) == dstPort;
         ++it)
    {
        if (it->second.lane < 0 && it->second.requested)
        {
            BindFreeLane(it->first, it->second);
            return;
        }
    }
}

void
VirtualOutputQueues::Up(uint32_t lane)
{
    Lane& l = m_lanes[lane];
    l.up = true;
    if (l.queue >= 0)
    {
        return;
    }
    // A circuit nobody asked for (a static one): serve a queue for its port, if any.
    const auto dstPort = static_cast<uint32_t>(l.peer);
    for (auto it = m_queues.lower_bound(QueueId(dstPort, 0));
         it != m_queues.end() && (it->first >> 8) == dstPort;
         ++it)
    {
        if (it->second.lane < 0 && !it->second.frames.empty())
        {
            BindFreeLane(it->first, it->second);
            return;
        }
    }
}

int64_t
VirtualOutputQueues::Down(uint32_t lane)
{
    const int64_t key = m_lanes[lane].queue;
    m_lanes[lane] = Lane();
    auto it = key < 0 ? m_queues.end() : m_queues.find(static_cast<uint64_t>(key));
    if (it == m_queues.end())
    {
        return -1;
    }
    it->second.lane = -1;
    if (it->second.frames.empty())
    {
        m_queues.erase(it);
        return -1;
    }
    if (it->second.requested)
    {
        return -1;
    }
    it->second.requested = true;
    return key >> 8;
}

std::vector<MacFrame>
VirtualOutputQueues::Reject(uint32_t dstPort)
{
    // The refused request is the oldest one outstanding for this port.
    for (auto it = m_queues.lower_bound(QueueId(dstPort, 0));
         it != m_queues.end() && (it->first >> 8) == dstPort;
         ++it)
    {
        if (it->second.lane < 0 && it->second.requested)
        {
            std::vector<MacFrame> frames = it->second.frames.take();
            m_queues.erase(it);
            return frames;
        }
    }
    return {};
}

std::vector<MacFrame>
VirtualOutputQueues::TakeFrames(int64_t dstPort)
{
    std::vector<MacFrame> taken;
    auto it = dstPort < 0 ? m_queues.begin()
                          : m_queues.lower_bound(QueueId(static_cast<uint32_t>(dstPort), 0));
    while (it != m_queues.end() &&
           (dstPort < 0 || (it->first >> 8) == static_cast<uint64_t>(dstPort)))
    {
        for (MacFrame& frame : it->second.frames.take())
        {
            taken.push_back(std::move(frame));
        }
        it->second.requested = false;
        it = it->second.lane < 0 ? m_queues.erase(it) : std::next(it);
    }
    return taken;
}

void
VirtualOutputQueues::Clear()
{
    m_queues.clear();
    m_lanes.clear();
}

} // namespace ns3
