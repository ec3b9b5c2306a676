/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "on-demand-circuit-scheduler.h"

#include "clos-fabric.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OnDemandCircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(OnDemandCircuitScheduler);

TypeId
OnDemandCircuitScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OnDemandCircuitScheduler")
                            .SetParent<CircuitScheduler>()
                            .SetGroupName("ScaleAcross")
                            .AddConstructor<OnDemandCircuitScheduler>();
    return tid;
}

OnDemandCircuitScheduler::OnDemandCircuitScheduler()
    : m_retrying(false),
      m_nWaiting(0)
{
    NS_LOG_FUNCTION(this);
}

OnDemandCircuitScheduler::~OnDemandCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

uint64_t
OnDemandCircuitScheduler::GetNWaiting() const
{
    return m_nWaiting;
}

void
OnDemandCircuitScheduler::RequestCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    const Request r{srcPort, dstPort};
    const Block block = Attempt(r);
    if (block != Block::NONE)
    {
        Park(r, block);
    }
    RunRetries();
}

void
OnDemandCircuitScheduler::NotifyIdle(uint32_t srcPort, uint32_t srcLane)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane);
    const CrossbarPortTable& table = Switch().GetPortTable();
    const int64_t out = table.GetOutputEnd(table.End(srcPort, srcLane));
    QueueRetry(Block::INPUT, srcPort);
    if (out != CrossbarPortTable::NO_END)
    {
        QueueRetry(Block::OUTPUT, table.PortOf(static_cast<uint32_t>(out)));
    }
    QueueRetry(Block::PATH, 0); // an idle circuit may be torn down for a blocked path
    RunRetries();
}

bool
OnDemandCircuitScheduler::IsIdle(uint32_t inEnd) const
{
    const CrossbarPortTable& table = Switch().GetPortTable();
    const int64_t out = table.GetOutputEnd(inEnd);
    if (out == CrossbarPortTable::NO_END)
    {
        return false;
    }
    return Switch().IsLaneIdle(table.PortOf(inEnd), table.LaneOf(inEnd));
}

int64_t
OnDemandCircuitScheduler::FindIdleInputLane(uint32_t port) const
{
    const CrossbarPortTable& table = Switch().GetPortTable();
    for (uint32_t lane = 0; lane < table.GetNLanes(); ++lane)
    {
        if (IsIdle(table.End(port, lane)))
        {
            return lane;
        }
    }
    return -1;
}

int64_t
OnDemandCircuitScheduler::FindIdleOutputLane(uint32_t port) const
{
    const CrossbarPortTable& table = Switch().GetPortTable();
    for (uint32_t lane = 0; lane < table.GetNLanes(); ++lane)
    {
        const int64_t in = table.GetInputEnd(table.End(port, lane));
        if (in != CrossbarPortTable::NO_END && IsIdle(static_cast<uint32_t>(in)))
        {
            return lane;
        }
    }
    return -1;
}

OnDemandCircuitScheduler::Block
OnDemandCircuitScheduler::Attempt(const Request& r)
{
    CircuitSwitch& xbar = Switch();
    const CrossbarPortTable& table = xbar.GetPortTable();
    if (!xbar.IsPortUp(r.src) || !xbar.IsPortUp(r.dst))
    {
        // A fault keeps an end down: its NICs dropped the frames the request was for, and
        // ask again once there are new ones. The request is answered (by nothing).
        NS_LOG_LOGIC("request " << r.src << " -> " << r.dst << " dropped: a port is down");
        return Block::NONE;
    }
    int64_t inLane = table.FindFreeInputLane(r.src);
    if (inLane < 0)
    {
        inLane = FindIdleInputLane(r.src);
        if (inLane < 0)
        {
            return Block::INPUT;
        }
    }
    int64_t outLane = table.FindFreeOutputLane(r.dst);
    if (outLane < 0)
    {
        outLane = FindIdleOutputLane(r.dst);
        if (outLane < 0)
        {
            return Block::OUTPUT;
        }
    }
    const uint32_t in = table.End(r.src, inLane);
    const uint32_t out = table.End(r.dst, outLane);
    const int64_t oldOut = table.GetOutputEnd(in);
    // The grant tears down the circuit on its input end and the one into its output end
    // (one circuit if the first leads to the second): the path may use their links.
    const int64_t releaseA = oldOut != CrossbarPortTable::NO_END ? static_cast<int64_t>(in) : -1;
    const int64_t intoOut = table.GetInputEnd(out);
    const int64_t releaseB = intoOut == releaseA ? -1 : intoOut;
    if (xbar.GetStages() && !ClearPath(r, releaseA, releaseB))
    {
        return Block::PATH;
    }
    if (releaseA >= 0 || releaseB >= 0)
    {
        QueueRetry(Block::PATH, 0); // the released circuits free inter-stage links too
    }
    if (oldOut != CrossbarPortTable::NO_END)
    {
        xbar.ReleaseCircuit(r.src, inLane);
        QueueRetry(Block::OUTPUT, table.PortOf(static_cast<uint32_t>(oldOut)));
    }
    const int64_t oldIn = table.GetInputEnd(out);
    if (oldIn != CrossbarPortTable::NO_END)
    {
        const auto end = static_cast<uint32_t>(oldIn);
        xbar.ReleaseCircuit(table.PortOf(end), table.LaneOf(end));
        QueueRetry(Block::INPUT, table.PortOf(end));
    }
    NS_LOG_LOGIC("grant " << r.src << ":" << inLane << " -> " << r.dst << ":" << outLane);
    xbar.EstablishCircuit(r.src, inLane, r.dst, outLane);
    return Block::NONE;
}

bool
OnDemandCircuitScheduler::ClearPath(const Request& r, int64_t releaseA, int64_t releaseB)
{
    const ClosTopology& paths = Switch().GetStages()->GetTopology();
    if (paths.FindMiddle(r.src, r.dst, releaseA, releaseB) != ClosTopology::NO_MIDDLE)
    {
        return true;
    }
    // As with ends: an idle circuit keeps its path only until a request needs it. Take the
    // first middle switch whose links hold few enough busy circuits, and tear down just
    // enough idle ones on it.
    const uint32_t lanes = paths.GetLinkLanes();
    for (uint32_t j = 0; j < paths.GetNMiddles(); ++j)
    {
        const auto occupants = paths.GetOccupants(r.src, r.dst, j);
        std::vector<uint32_t> idleUp;
        std::vector<uint32_t> idleDown;
        uint32_t busyUp = 0;
        uint32_t busyDown = 0;
        for (uint32_t id : occupants.first)
        {
            if (id != releaseA && id != releaseB)
            {
                if (IsIdle(id))
                {
                    idleUp.push_back(id);
                }
                else
                {
                    ++busyUp;
                }
            }
        }
        for (uint32_t id : occupants.second)
        {
            if (id != releaseA && id != releaseB)
            {
                if (IsIdle(id))
                {
                    idleDown.push_back(id);
                }
                else
                {
                    ++busyDown;
                }
            }
        }
        if (busyUp >= lanes || busyDown >= lanes)
        {
            continue;
        }
        // Keep lanes - 1 circuits on each link, busy ones first; a circuit on both links
        // counts on both.
        while (!idleUp.empty() && busyUp + idleUp.size() >= lanes)
        {
            const uint32_t id = idleUp.back();
            idleUp.pop_back();
            idleDown.erase(std::remove(idleDown.begin(), idleDown.end(), id), idleDown.end());
            ReleaseAndRetry(id);
        }
        while (!idleDown.empty() && busyDown + idleDown.size() >= lanes)
        {
            ReleaseAndRetry(idleDown.back());
            idleDown.pop_back();
        }
        NS_ASSERT(paths.FindMiddle(r.src, r.dst, releaseA, releaseB) != ClosTopology::NO_MIDDLE);
        return true;
    }
    return false;
}

void
OnDemandCircuitScheduler::ReleaseAndRetry(uint32_t inEnd)
{
    CircuitSwitch& xbar = Switch();
    const CrossbarPortTable& table = xbar.GetPortTable();
    const auto out = static_cast<uint32_t>(table.GetOutputEnd(inEnd));
    NS_LOG_LOGIC("tear down idle circuit " << table.PortOf(inEnd) << " -> " << table.PortOf(out)
                                           << " for a middle path");
    xbar.ReleaseCircuit(table.PortOf(inEnd), table.LaneOf(inEnd));
    QueueRetry(Block::INPUT, table.PortOf(inEnd));
    QueueRetry(Block::OUTPUT, table.PortOf(out));
}

void
OnDemandCircuitScheduler::RetryPaths()
{
    std::deque<Request> pending;
    pending.swap(m_waitPath);
    while (!pending.empty())
    {
        const Request r = pending.front();
        pending.pop_front();
        const Block block = Attempt(r);
        if (block == Block::PATH)
        {
            m_waitPath.push_back(r); // still blocked: keep its place, counted once
            continue;
        }
        --m_nWaiting;
        if (block != Block::NONE)
        {
            Park(r, block);
        }
    }
}

void
OnDemandCircuitScheduler::Park(const Request& r, Block block)
{
    NS_LOG_LOGIC("request " << r.src << " -> " << r.dst << " waits on its "
                            << (block == Block::INPUT    ? "input"
                                : block == Block::OUTPUT ? "output"
                                                         : "middle path"));
    if (block == Block::PATH)
    {
        m_waitPath.push_back(r);
        Switch().GetStages()->NotifyBlocked(r.src, r.dst);
    }
    else if (block == Block::INPUT)
    {
        m_waitInput[r.src].push_back(r);
    }
    else
    {
        m_waitOutput[r.dst].push_back(r);
    }
    ++m_nWaiting;
}

void
OnDemandCircuitScheduler::QueueRetry(Block side, uint32_t port)
{
    if (side == Block::PATH)
    {
        // One pending retry covers every blocked request.
        const bool queued =
            std::find(m_retries.begin(), m_retries.end(), std::make_pair(Block::PATH, 0u)) !=
            m_retries.end();
        if (!m_waitPath.empty() && !queued)
        {
            m_retries.emplace_back(Block::PATH, 0);
        }
        return;
    }
    auto& waiting = side == Block::INPUT ? m_waitInput : m_waitOutput;
    if (waiting.count(port) != 0)
    {
        m_retries.emplace_back(side, port);
    }
}

void
OnDemandCircuitScheduler::RunRetries()
{
    if (m_retrying)
    {
        return;
    }
    m_retrying = true;
    while (!m_retries.empty())
    {
        const auto [side, port] = m_retries.front();
        m_retries.pop_front();
        if (side == Block::PATH)
        {
            RetryPaths();
        }
        else
        {
            Retry(side, port);
        }
    }
    m_retrying = false;
}

void
OnDemandCircuitScheduler::Retry(Block side, uint32_t port)
{
    auto& waiting = side == Block::INPUT ? m_waitInput : m_waitOutput;
    auto it = waiting.find(port);
    while (it != waiting.end() && !it->second.empty())
    {
        const Request r = it->second.front();
        const Block block = Attempt(r);
        if (block == side)
        {
            break; // still blocked here: keep its place in the line
        }
        it = waiting.find(port); // Attempt may have touched the map
        it->second.pop_front();
        --m_nWaiting;
        if (block != Block::NONE)
        {
            Park(r, block);
            it = waiting.find(port);
        }
    }
    if (it != waiting.end() && it->second.empty())
    {
        waiting.erase(it);
    }
}

} // namespace ns3
