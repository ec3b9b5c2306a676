/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "on-demand-circuit-scheduler.h"

#include "ns3/log.h"

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

void
OnDemandCircuitScheduler::Park(const Request& r, Block block)
{
    NS_LOG_LOGIC("request " << r.src << " -> " << r.dst << " waits on its "
                            << (block == Block::INPUT ? "input" : "output"));
    if (block == Block::INPUT)
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
        Retry(side, port);
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
