/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "halving-doubling-schedule.h"

#include <algorithm>

namespace ns3
{

HalvingDoublingSchedule::HalvingDoublingSchedule(uint32_t ranks,
                                                 uint64_t bytes,
                                                 uint64_t chunkBytes)
    : CollectiveSchedule(CollectiveKind::ALL_REDUCE, ranks, bytes),
      m_log2(0)
{
    while ((1u << m_log2) < ranks)
    {
        ++m_log2;
    }
    const uint64_t largest = EvenShare(bytes, ranks, 0);
    m_chunks = ChunksFor(largest, chunkBytes);
    CheckCount(std::max<uint64_t>(ranks, uint64_t{2} * m_log2),
               m_chunks,
               "segments or tags (ranks, chunks)");
}

std::string
HalvingDoublingSchedule::GetAlgorithm() const
{
    return "halving_doubling";
}

uint32_t
HalvingDoublingSchedule::GetNSteps() const
{
    return m_log2;
}

// Segments are numbered chunk-major (chunk * p + block), so that the blocks a step moves for
// one chunk are one contiguous run.
uint32_t
HalvingDoublingSchedule::GetNSegments() const
{
    return GetNRanks() * m_chunks;
}

uint64_t
HalvingDoublingSchedule::GetSegmentBytes(uint32_t segment) const
{
    const uint32_t p = GetNRanks();
    return EvenShare(EvenShare(GetBytes(), p, segment % p), m_chunks, segment / p);
}

uint64_t
HalvingDoublingSchedule::GetNOps(uint32_t) const
{
    // Per step (log2 p reduce-scatter, log2 p all-gather) and chunk: one send, one receive.
    return uint64_t{4} * m_log2 * m_chunks;
}

CollectiveOp
HalvingDoublingSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    // index = ((step * chunks) + chunk) * 2 + {send, recv}; steps 0 ... m-1 reduce-scatter,
    // m ... 2m-1 all-gather.
    const bool isRecv = index % 2 == 1;
    const uint64_t slot = index / 2;
    const auto chunk = static_cast<uint32_t>(slot % m_chunks);
    const auto step = static_cast<uint32_t>(slot / m_chunks);
    const bool gather = step >= m_log2;
    const uint32_t k = gather ? step - m_log2 : step;
    const uint32_t p = GetNRanks();
    uint32_t d;
    uint32_t first;
    if (!gather)
    {
        // Range of 2d aligned blocks: keep the half holding the rank, send the other.
        d = p >> (k + 1);
        const uint32_t lo = rank & ~(2 * d - 1);
        const uint32_t keepLo = lo + ((rank & d) ? d : 0);
        const uint32_t sendLo = lo + ((rank & d) ? 0 : d);
        first = isRecv ? keepLo : sendLo;
    }
    else
    {
        // Range of d aligned blocks holding the rank goes to the partner, which sends its own.
        d = 1u << k;
        first = ((isRecv ? rank ^ d : rank) & ~(d - 1));
    }
    CollectiveOp op;
    op.kind = isRecv ? CollectiveOp::Kind::RECV : CollectiveOp::Kind::SEND;
    op.reduce = isRecv && !gather;
    op.peer = rank ^ d;
    op.tag = static_cast<uint32_t>(slot);
    op.segment = chunk * p + first;
    op.count = d;
    if (!isRecv && step > 0)
    {
        op.deps[0] = static_cast<int64_t>((slot - m_chunks) * 2 + 1);
    }
    return op;
}

bool
HalvingDoublingSchedule::InitiallyHolds(uint32_t, uint32_t) const
{
    return true;
}

bool
HalvingDoublingSchedule::ExpectedContributors(uint32_t, uint32_t, std::vector<uint32_t>& out) const
{
    out.clear();
    for (uint32_t r = 0; r < GetNRanks(); ++r)
    {
        out.push_back(r);
    }
    return true;
}

std::vector<std::pair<uint32_t, uint8_t>>
HalvingDoublingSchedule::GetSendPeers(uint32_t rank) const
{
    std::vector<std::pair<uint32_t, uint8_t>> peers;
    for (uint32_t k = 0; k < m_log2; ++k)
    {
        peers.emplace_back(rank ^ (1u << k), 0);
    }
    return peers;
}

} // namespace ns3
