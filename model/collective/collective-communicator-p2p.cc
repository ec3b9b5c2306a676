/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * CollectiveCommunicator's point-to-point operations (ncclSend, ncclRecv): how the k-th Send
 * from a to b meets the k-th Recv at b from a, in a file of their own beside the collectives'.
 */

#include "collective-communicator.h"
#include "collective-failure-monitor.h"

#include "ns3/abort.h"
#include "ns3/send-recv-schedule.h"
#include "ns3/simulator.h"

#include <stdexcept>

namespace ns3
{

bool
CollectiveCommunicator::IsPointToPoint(uint32_t sequence)
{
    return (sequence & POINT_TO_POINT) != 0;
}

uint32_t
CollectiveCommunicator::Send(uint32_t rank, uint32_t peer, uint64_t bytes)
{
    return IssuePointToPoint(rank, peer, bytes, true);
}

uint32_t
CollectiveCommunicator::Recv(uint32_t rank, uint32_t peer, uint64_t bytes)
{
    return IssuePointToPoint(rank, peer, bytes, false);
}

void
CollectiveCommunicator::SendAt(Time delay, uint32_t rank, uint32_t peer, uint64_t bytes)
{
    NS_ABORT_MSG_IF(delay.IsStrictlyNegative(),
                    "CollectiveCommunicator::SendAt: delay " << delay.As(Time::NS)
                                                             << " is invalid: use >= 0");
    Simulator::Schedule(delay, [this, rank, peer, bytes]() { Send(rank, peer, bytes); });
}

void
CollectiveCommunicator::RecvAt(Time delay, uint32_t rank, uint32_t peer, uint64_t bytes)
{
    NS_ABORT_MSG_IF(delay.IsStrictlyNegative(),
                    "CollectiveCommunicator::RecvAt: delay " << delay.As(Time::NS)
                                                             << " is invalid: use >= 0");
    Simulator::Schedule(delay, [this, rank, peer, bytes]() { Recv(rank, peer, bytes); });
}

uint32_t
CollectiveCommunicator::IssuePointToPoint(uint32_t rank, uint32_t peer, uint64_t bytes, bool send)
{
    const char* call = send ? "Send" : "Recv";
    NS_ABORT_MSG_IF(rank >= GetNRanks() || peer >= GetNRanks() || rank == peer,
                    "CollectiveCommunicator::" << call << ": rank " << rank << " and peer " << peer
                                               << " are invalid: use two different "
                                               << "ranks below " << GetNRanks());
    const uint32_t source = send ? rank : peer;
    const uint32_t destination = send ? peer : rank;
    const uint64_t key = (uint64_t{source} << 32) | destination;
    PendingPair& pair = m_pending[key];
    // The k-th Send from a to b meets the k-th Recv at b from a: whichever comes second
    // takes the oldest operation the other side has issued alone.
    std::deque<uint32_t>& mine = send ? pair.sends : pair.recvs;
    std::deque<uint32_t>& theirs = send ? pair.recvs : pair.sends;
    uint32_t sequence;
    if (!theirs.empty())
    {
        sequence = theirs.front();
        theirs.pop_front();
        if (pair.sends.empty() && pair.recvs.empty())
        {
            m_pending.erase(key);
        }
        if (m_monitor->IsFailed(sequence))
        {
            return sequence; // its other side failed it already
        }
    }
    else
    {
        NS_ABORT_MSG_IF(m_nPointToPoint == POINT_TO_POINT - 1,
                        "CollectiveCommunicator::" << call << ": more than " << m_nPointToPoint
                                                   << " point-to-point operations");
        sequence = POINT_TO_POINT | m_nPointToPoint++;
        Operation op;
        std::string error;
        try
        {
            op.schedule = std::make_unique<SendRecvSchedule>(GetNRanks(),
                                                             source,
                                                             destination,
                                                             bytes,
                                                             m_chunkBytes);
        }
        catch (const std::invalid_argument& e)
        {
            error = e.what();
        }
        NS_ABORT_MSG_IF(!error.empty(), "ns3::CollectiveCommunicator: " << error);
        op.collective = "send_recv";
        op.algorithm = op.schedule->GetAlgorithm();
        op.bytes = bytes;
        op.participants = 2;
        op.source = source;
        op.firstStart = Simulator::Now();
        op.rankStart.assign(2, Seconds(0));
        m_operations.emplace(sequence, std::move(op));
        mine.push_back(sequence);
        if (m_monitor->OperationCreated(sequence))
        {
            return sequence;
        }
    }
    Operation& op = m_operations.at(sequence);
    NS_ABORT_MSG_IF(op.bytes != bytes,
                    "CollectiveCommunicator::"
                        << call << ": rank " << rank << " " << call << "s " << bytes
                        << " bytes, but the matching " << (send ? "Recv" : "Send") << " of rank "
                        << peer << " has " << op.bytes << " bytes; they must be equal");
    Begin(op, sequence, rank);
    return sequence;
}

} // namespace ns3
