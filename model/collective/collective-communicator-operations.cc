/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CollectiveCommunicator's operations in flight, kept apart from its attributes, ranks and
// schedule building: each rank's call issues its next operation (the first rank's creates it),
// the operation begins on the rank's application, and once every rank is done its result is
// kept and traced. Point-to-point operations (collective-communicator-p2p.cc) begin through
// Begin too, and NotifyRankDone hands each end to Run's AdvanceRun
// (collective-communicator-run.cc).

#include "collective-application.h"
#include "collective-communicator.h"
#include "nccl-protocol.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveCommunicatorOperations");

uint32_t
CollectiveCommunicator::Issue(uint32_t rank, const CollectiveCall& call)
{
    NS_ABORT_MSG_IF(rank >= GetNRanks(),
                    "CollectiveCommunicator::Issue: rank " << rank << " is out of range: the "
                                                           << "communicator has " << GetNRanks()
                                                           << " ranks");
    const CollectiveCall c = Complete(call);
    const uint32_t sequence = m_nIssued[rank]++;
    if (m_monitor->IsFailed(sequence))
    {
        NS_LOG_INFO("rank " << rank << " issues operation " << sequence << ", which failed");
        return sequence;
    }
    auto it = m_operations.find(sequence);
    if (it == m_operations.end())
    {
        NS_ABORT_MSG_IF(sequence != m_nOperations,
                        "CollectiveCommunicator::Issue: rank "
                            << rank << " issues operation " << sequence
                            << ", which every rank has already finished");
        ++m_nOperations;
        Operation op;
        op.schedule = MakeCallSchedule(c);
        op.collective = c.collective;
        op.algorithm = c.algorithm;
        op.bytes = c.bytes;
        op.firstStart = Simulator::Now();
        op.participants = GetNRanks();
        op.rankStart.assign(GetNRanks(), Seconds(0));
        it = m_operations.emplace(sequence, std::move(op)).first;
        if (m_monitor->OperationCreated(sequence))
        {
            return sequence; // a rank of it is down: it failed already
        }
    }
    Operation& op = it->second;
    NS_ABORT_MSG_IF(op.collective != c.collective || op.algorithm != c.algorithm ||
                        op.bytes != c.bytes,
                    "CollectiveCommunicator::Issue: rank "
                        << rank << "'s call " << sequence << " is " << c.collective << "/"
                        << c.algorithm << " of " << c.bytes << " bytes, but another rank's is "
                        << op.collective << "/" << op.algorithm << " of " << op.bytes
                        << " bytes; every rank must issue the same operations in the same order");
    Begin(op, sequence, rank);
    return sequence;
}

void
CollectiveCommunicator::Begin(Operation& op, uint32_t sequence, uint32_t rank)
{
    ++op.issued;
    RankStart(op, rank) = Simulator::Now();
    // As an event of its own, so that a call made before Simulator::Run begins once the
    // nodes, and the fabric's static circuits, are up.
    Simulator::ScheduleWithContext(m_apps[rank]->GetNode()->GetId(),
                                   Seconds(0),
                                   &CollectiveApplication::BeginOperation,
                                   m_apps[rank],
                                   sequence,
                                   op.schedule.get());
}

Time&
CollectiveCommunicator::RankStart(Operation& op, uint32_t rank)
{
    if (op.participants == 2 && op.rankStart.size() == 2)
    {
        return op.rankStart[rank == op.source ? 0 : 1];
    }
    return op.rankStart[rank];
}

void
CollectiveCommunicator::IssueAt(Time delay, uint32_t rank, const CollectiveCall& call)
{
    NS_ABORT_MSG_IF(delay.IsStrictlyNegative(),
                    "CollectiveCommunicator::IssueAt: delay " << delay.As(Time::NS)
                                                              << " is invalid: use >= 0");
    // Through a member function pointer with a return value: bind a small lambda instead.
    Simulator::Schedule(delay, [this, rank, call]() { Issue(rank, call); });
}

void
CollectiveCommunicator::IssueAll(const CollectiveCall& call, const std::vector<Time>& delays)
{
    NS_ABORT_MSG_IF(!delays.empty() && delays.size() != GetNRanks(),
                    "CollectiveCommunicator::IssueAll: " << delays.size() << " delays for "
                                                         << GetNRanks()
                                                         << " ranks; give one per rank or none");
    for (uint32_t rank = 0; rank < GetNRanks(); ++rank)
    {
        if (delays.empty() || delays[rank].IsZero())
        {
            Issue(rank, call);
        }
        else
        {
            IssueAt(delays[rank], rank, call);
        }
    }
}

uint32_t
CollectiveCommunicator::GetNActiveOperations() const
{
    return static_cast<uint32_t>(m_operations.size());
}

void
CollectiveCommunicator::NotifyRankDone(uint32_t sequence, uint32_t rank)
{
    auto it = m_operations.find(sequence);
    NS_ASSERT(it != m_operations.end());
    Operation& op = it->second;
    const Time now = Simulator::Now();
    if (!m_rankTrace.IsEmpty() && op.timed)
    {
        m_rankTrace(sequence, rank, RankStart(op, rank), now);
    }
    if (++op.done < op.participants)
    {
        return;
    }
    CollectiveResult r;
    r.collective = op.collective;
    r.algorithm = op.algorithm;
    r.protocol = m_nccl->GetName();
    r.ranks = op.participants;
    r.bytes = op.bytes;
    r.sequence = sequence;
    r.start = op.firstStart;
    r.time = now - op.firstStart;
    const double seconds = r.time.GetSeconds();
    r.algbw = seconds > 0 ? static_cast<double>(r.bytes) / seconds / 1e9 : 0;
    r.busbw = r.algbw * op.schedule->GetBusBandwidthFactor();
    const bool timed = op.timed;
    // The schedule stays until the end of this event: messages in flight are all received.
    m_operations.erase(it);
    m_monitor->OperationEnded(sequence);
    if (timed)
    {
        if (m_keepResults)
        {
            m_results.push_back(r);
        }
        m_resultTrace(r);
    }
    AdvanceRun(sequence);
}

const std::vector<CollectiveResult>&
CollectiveCommunicator::GetResults() const
{
    return m_results;
}

const CollectiveSchedule&
CollectiveCommunicator::GetSchedule(uint32_t sequence) const
{
    auto it = m_operations.find(sequence);
    NS_ABORT_MSG_IF(it == m_operations.end(),
                    "CollectiveCommunicator: operation " << sequence << " is not in flight");
    return *it->second.schedule;
}

} // namespace ns3
