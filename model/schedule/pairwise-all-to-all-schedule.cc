/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "pairwise-all-to-all-schedule.h"

#include <algorithm>

namespace ns3
{

PairwiseAllToAllSchedule::PairwiseAllToAllSchedule(uint32_t ranks,
                                                   uint64_t bytes,
                                                   uint64_t chunkBytes)
    : CollectiveSchedule(CollectiveKind::ALL_TO_ALL, ranks, bytes)
{
    const uint64_t block = EvenShare(bytes, ranks, 0);
    m_chunks = ChunksFor(block, chunkBytes);
    CheckCount(uint64_t{ranks} * ranks, m_chunks, "segments (ranks x ranks, chunks)");
}

std::string
PairwiseAllToAllSchedule::GetAlgorithm() const
{
    return "pairwise";
}

uint32_t
PairwiseAllToAllSchedule::GetNSegments() const
{
    return GetNRanks() * GetNRanks() * m_chunks;
}

uint64_t
PairwiseAllToAllSchedule::GetSegmentBytes(uint32_t segment) const
{
    // Segment (src, dst, chunk): every rank's buffer holds one block per destination.
    const uint32_t dst = (segment / m_chunks) % GetNRanks();
    return EvenShare(EvenShare(GetBytes(), GetNRanks(), dst), m_chunks, segment % m_chunks);
}

uint64_t
PairwiseAllToAllSchedule::GetNOps(uint32_t) const
{
    return uint64_t{2} * (GetNRanks() - 1) * m_chunks;
}

CollectiveOp
PairwiseAllToAllSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    const uint32_t p = GetNRanks();
    const uint64_t slot = index / 2;
    const bool isRecv = index % 2 == 1;
    const auto chunk = static_cast<uint32_t>(slot % m_chunks);
    const auto step = static_cast<uint32_t>(slot / m_chunks) + 1;
    CollectiveOp op;
    op.kind = isRecv ? CollectiveOp::Kind::RECV : CollectiveOp::Kind::SEND;
    op.tag = static_cast<uint32_t>(slot);
    if (isRecv)
    {
        op.peer = (rank + p - step) % p;
        op.segment = (op.peer * p + rank) * m_chunks + chunk;
    }
    else
    {
        op.peer = (rank + step) % p;
        op.segment = (rank * p + op.peer) * m_chunks + chunk;
        if (step > 1)
        {
            op.deps[0] = static_cast<int64_t>((slot - m_chunks) * 2 + 1);
        }
    }
    return op;
}

bool
PairwiseAllToAllSchedule::InitiallyHolds(uint32_t rank, uint32_t segment) const
{
    return segment / m_chunks / GetNRanks() == rank;
}

bool
PairwiseAllToAllSchedule::ExpectedContributors(uint32_t rank,
                                               uint32_t segment,
                                               std::vector<uint32_t>& out) const
{
    const uint32_t src = segment / m_chunks / GetNRanks();
    const uint32_t dst = (segment / m_chunks) % GetNRanks();
    out.assign(1, src);
    return dst == rank;
}

std::vector<std::pair<uint32_t, uint8_t>>
PairwiseAllToAllSchedule::GetSendPeers(uint32_t rank) const
{
    std::vector<std::pair<uint32_t, uint8_t>> peers;
    for (uint32_t s = 1; s < GetNRanks(); ++s)
    {
        peers.emplace_back((rank + s) % GetNRanks(), 0);
    }
    return peers;
}

} // namespace ns3
