/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "send-recv-schedule.h"

#include <stdexcept>

namespace ns3
{

SendRecvSchedule::SendRecvSchedule(uint32_t ranks,
                                   uint32_t source,
                                   uint32_t destination,
                                   uint64_t bytes,
                                   uint64_t chunkBytes)
    : CollectiveSchedule(CollectiveKind::SEND_RECV, ranks, bytes),
      m_source(source),
      m_destination(destination)
{
    if (source >= ranks || destination >= ranks || source == destination)
    {
        throw std::invalid_argument("send/recv from rank " + std::to_string(source) + " to rank " +
                                    std::to_string(destination) + " in " + std::to_string(ranks) +
                                    " ranks: both must be < the ranks and differ");
    }
    m_chunks = ChunksFor(bytes, chunkBytes);
    m_chunkBytes = chunkBytes == 0 || chunkBytes > bytes ? bytes : chunkBytes;
}

std::string
SendRecvSchedule::GetAlgorithm() const
{
    return "p2p";
}

uint32_t
SendRecvSchedule::GetNSegments() const
{
    return m_chunks;
}

uint64_t
SendRecvSchedule::GetSegmentBytes(uint32_t segment) const
{
    // Whole chunks, and what is left in the last one.
    return segment + 1 < m_chunks ? m_chunkBytes : GetBytes() - uint64_t{segment} * m_chunkBytes;
}

uint64_t
SendRecvSchedule::GetNOps(uint32_t rank) const
{
    return rank == m_source || rank == m_destination ? m_chunks : 0;
}

CollectiveOp
SendRecvSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    CollectiveOp op;
    const bool send = rank == m_source;
    op.kind = send ? CollectiveOp::Kind::SEND : CollectiveOp::Kind::RECV;
    op.peer = send ? m_destination : m_source;
    op.tag = static_cast<uint32_t>(index);
    op.segment = static_cast<uint32_t>(index);
    return op;
}

bool
SendRecvSchedule::InitiallyHolds(uint32_t rank, uint32_t) const
{
    return rank == m_source;
}

bool
SendRecvSchedule::ExpectedContributors(uint32_t rank, uint32_t, std::vector<uint32_t>& out) const
{
    out.clear();
    if (rank != m_destination)
    {
        return false;
    }
    out.push_back(m_source);
    return true;
}

std::vector<std::pair<uint32_t, uint8_t>>
SendRecvSchedule::GetSendPeers(uint32_t rank) const
{
    if (rank != m_source)
    {
        return {};
    }
    return {{m_destination, 0}};
}

uint64_t
SendRecvSchedule::GetReadAhead() const
{
    return 1;
}

uint32_t
SendRecvSchedule::GetSource() const
{
    return m_source;
}

uint32_t
SendRecvSchedule::GetDestination() const
{
    return m_destination;
}

uint32_t
SendRecvSchedule::GetNChunks() const
{
    return m_chunks;
}

} // namespace ns3
