/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "halving-doubling-schedule.h"

#include <algorithm>

namespace ns3
{

HalvingDoublingSchedule::HalvingDoublingSchedule(uint32_t ranks, uint64_t bytes, uint64_t chunkBytes)
    : CollectiveSchedule(CollectiveKind::ALL_REDUCE, ranks, bytes),
      m_log2(0)
{
    while ((1u << m_log2) < ranks)
    {
        ++m_log2;
    }
    const uint64_t largest = EvenShare(bytes, ranks, 0);
    m_chunks = chunkBytes == 0 || largest == 0
                   ? 1
                   : static_cast<uint32_t>(std::max<uint64_t>(1, (largest + chunkBytes - 1) / chunkBytes));
}

std::string
HalvingDoublingSchedule::GetAlgorithm() const
{
    return "halving_doubling";
}

uint32_t
HalvingDoublingSchedule::GetNSegments() const
{
    return GetNRanks() * m_chunks;
}

uint64_t
HalvingDoublingSchedule::GetSegmentBytes(uint32_t segment) const
{
    return EvenShare(EvenShare(GetBytes(), GetNRanks(), segment / m_chunks), m_chunks, segment % m_chunks);
}

uint64_t
HalvingDoublingSchedule::GetNOps(uint32_t) const
{
    return uint64_t{4} * m_chunks * (GetNRanks() - 1);
}

uint64_t
HalvingDoublingSchedule::StepBase(bool gather, uint32_t k) const
{
    const uint64_t p = GetNRanks();
    const uint64_t perBlock = 2 * uint64_t{m_chunks};
    return gather ? perBlock * (p - 1) + perBlock * ((uint64_t{1} << k) - 1)
                  : perBlock * (p - (p >> k));
}

uint64_t
HalvingDoublingSchedule::ReduceRecvIndex(uint32_t rank, uint32_t k, uint32_t block, uint32_t chunk) const
{
    // At RS step k - 1 (distance 2d) the rank kept the half of its range holding itself.
    const uint32_t d = GetNRanks() >> k;
    const uint32_t keepLo = (rank & ~(2 * d - 1)) + ((rank & d) ? d : 0);
    return StepBase(false, k - 1) + (uint64_t{block - keepLo} * m_chunks + chunk) * 2 + 1;
}

CollectiveOp
HalvingDoublingSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    const uint64_t gatherStart = StepBase(true, 0);
    const bool gather = index >= gatherStart;
    uint32_t k = 0;
    while (k + 1 < m_log2 && index >= StepBase(gather, k + 1))
    {
        ++k;
    }
    const uint64_t within = index - StepBase(gather, k);
    const bool isRecv = within % 2 == 1;
    const auto chunk = static_cast<uint32_t>((within / 2) % m_chunks);
    const auto pos = static_cast<uint32_t>((within / 2) / m_chunks);
    const uint32_t d = gather ? (1u << k) : (GetNRanks() >> (k + 1));
    const uint32_t partner = rank ^ d;

    CollectiveOp op;
    op.kind = isRecv ? CollectiveOp::Kind::RECV : CollectiveOp::Kind::SEND;
    op.peer = partner;
    op.tag = static_cast<uint32_t>(index / 2);
    uint32_t block;
    if (!gather)
    {
        // Range at this step: 2d blocks aligned; keep the half with the rank, send the other.
        const uint32_t lo = rank & ~(2 * d - 1);
        const uint32_t keepLo = lo + ((rank & d) ? d : 0);
        const uint32_t sendLo = lo + ((rank & d) ? 0 : d);
        block = (isRecv ? keepLo : sendLo) + pos;
        op.reduce = isRecv;
        if (!isRecv && k > 0)
        {
            op.deps[0] = static_cast<int64_t>(ReduceRecvIndex(rank, k, block, chunk));
        }
    }
    else
    {
        const uint32_t mine = rank & ~(d - 1);
        const uint32_t theirs = partner & ~(d - 1);
        block = (isRecv ? theirs : mine) + pos;
        if (!isRecv)
        {
            if (block == rank)
            {
                // Reduced in the last reduce-scatter step (distance 1), kept block = rank.
                op.deps[0] = static_cast<int64_t>(
                    m_log2 == 0 ? CollectiveOp::NONE
                                : StepBase(false, m_log2 - 1) + uint64_t{chunk} * 2 + 1);
            }
            else
            {
                // Arrived at the gather step whose distance is the highest differing bit.
                uint32_t kk = 0;
                while ((2u << kk) <= (block ^ rank))
                {
                    ++kk;
                }
                const uint32_t dd = 1u << kk;
                const uint32_t theirLo = (rank ^ dd) & ~(dd - 1);
                op.deps[0] = static_cast<int64_t>(StepBase(true, kk) +
                                                  (uint64_t{block - theirLo} * m_chunks + chunk) * 2 + 1);
            }
        }
    }
    op.segment = block * m_chunks + chunk;
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

std::vector<uint32_t>
HalvingDoublingSchedule::GetSendPeers(uint32_t rank) const
{
    std::vector<uint32_t> peers;
    for (uint32_t k = 0; k < m_log2; ++k)
    {
        peers.push_back(rank ^ (1u << k));
    }
    return peers;
}

} // namespace ns3
