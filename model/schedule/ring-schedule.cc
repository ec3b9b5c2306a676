/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ring-schedule.h"

#include <algorithm>
#include <numeric>

namespace ns3
{

namespace
{
/// @return x mod p for any x
uint32_t
Mod(int64_t x, uint32_t p)
{
    const int64_t m = x % static_cast<int64_t>(p);
    return static_cast<uint32_t>(m < 0 ? m + p : m);
}

/// @return the inverse of a modulo p (a coprime with p)
uint32_t
Inverse(uint32_t a, uint32_t p)
{
    if (p == 1)
    {
        return 0;
    }
    int64_t t = 0;
    int64_t newT = 1;
    int64_t r = p;
    int64_t newR = a;
    while (newR != 0)
    {
        const int64_t q = r / newR;
        t = t - q * newT;
        std::swap(t, newT);
        r = r - q * newR;
        std::swap(r, newR);
    }
    return Mod(t, p);
}
} // namespace

RingSchedule::RingSchedule(CollectiveKind kind,
                           uint32_t ranks,
                           uint64_t bytes,
                           uint64_t chunkBytes,
                           uint32_t channels)
    : CollectiveSchedule(kind, ranks, bytes),
      m_ranks(ranks),
      m_allReduce(kind == CollectiveKind::ALL_REDUCE),
      m_allGather(kind == CollectiveKind::ALL_GATHER),
      m_channels(channels),
      m_steps(kind == CollectiveKind::ALL_REDUCE ? 2 * (ranks - 1) : ranks - 1)
{
    const uint64_t largestBlock = EvenShare(EvenShare(bytes, channels, 0), ranks, 0);
    m_chunks = ChunksFor(largestBlock, chunkBytes);
    CheckCount(uint64_t{channels} * ranks, m_chunks, "segments (channels x ranks, chunks)");
    CheckCount(uint64_t{channels} * m_steps,
               m_chunks,
               "messages per rank (channels x steps, chunks)");
    std::vector<uint32_t> strides;
    for (uint32_t d = 1; d <= ranks / 2 || strides.empty(); ++d)
    {
        if (ranks == 1)
        {
            strides.push_back(0);
            break;
        }
        if (std::gcd(d, ranks) == 1)
        {
            strides.push_back(d);
            if (ranks - d != d)
            {
                strides.push_back(ranks - d);
            }
        }
    }
    for (uint32_t ch = 0; ch < channels; ++ch)
    {
        m_stride.push_back(strides[ch % strides.size()]);
        m_inverse.push_back(Inverse(m_stride.back(), ranks));
    }
}

std::string
RingSchedule::GetAlgorithm() const
{
    return "ring";
}

uint64_t
RingSchedule::GetReadAhead() const
{
    // Per channel, sends become ready in schedule order (each waits for the previous step's
    // receive of the same chunk): two steps of every chunk and channel are more than enough.
    return 2 * uint64_t{m_channels} * m_chunks;
}

uint32_t
RingSchedule::GetNSteps() const
{
    return m_steps;
}

uint32_t
RingSchedule::GetNChunks() const
{
    return m_chunks;
}

uint32_t
RingSchedule::GetStride(uint32_t channel) const
{
    return m_stride[channel];
}

uint32_t
RingSchedule::GetNSegments() const
{
    return m_channels * GetNRanks() * m_chunks;
}

uint64_t
RingSchedule::GetSegmentBytes(uint32_t segment) const
{
    const uint32_t p = GetNRanks();
    const uint32_t chunk = segment % m_chunks;
    const uint32_t block = (segment / m_chunks) % p;
    const uint32_t channel = segment / (m_chunks * p);
    const uint64_t channelBytes = EvenShare(GetBytes(), m_channels, channel);
    return EvenShare(EvenShare(channelBytes, p, block), m_chunks, chunk);
}

uint32_t
RingSchedule::BlockOf(uint32_t segment) const
{
    return (segment / m_chunks) % GetNRanks();
}

uint64_t
RingSchedule::GetNOps(uint32_t rank) const
{
    return uint64_t{2} * m_channels * m_steps * m_chunks;
}

CollectiveOp
RingSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    // Called for every op a rank reads, several times per message: 32-bit arithmetic (the
    // constructor's CheckCount keeps slots below 2^32) and the kind's flags read once.
    const uint32_t p = m_ranks;
    // Ops are ordered step by step, then chunk, then channel, so that a rank reading its
    // schedule a window at a time advances all channels together.
    const bool isRecv = (index & 1) != 0;
    const auto slot =
        static_cast<uint32_t>(index >> 1); // (step * chunks + chunk) * channels + channel
    const uint32_t channel = slot % m_channels;
    const uint32_t rest = slot / m_channels;
    const uint32_t chunk = rest % m_chunks;
    const uint32_t step = rest / m_chunks;
    const uint32_t stride = m_stride[channel];
    // Ring position of this rank; labels are positions, block of label L is rank at L - 1.
    const auto q = static_cast<uint32_t>(uint64_t{rank} * m_inverse[channel] % p);
    const bool gatherPhase = m_allGather || (m_allReduce && step >= p - 1);
    const uint32_t u = m_allReduce && gatherPhase ? step - (p - 1) : step;
    // label - 1 is q - u - 1 for a receive of the gather phase, q - u - 2 for one of the
    // reduce phase, one more for a send; u <= p - 2, so adding 2p keeps it non-negative.
    const auto labelMinus1 = static_cast<uint32_t>(
        (uint64_t{q} + 2 * uint64_t{p} + (isRecv ? 0 : 1) - (gatherPhase ? 0 : 1) - 1 - u) % p);
    const auto block = static_cast<uint32_t>(uint64_t{labelMinus1} * stride % p);

    CollectiveOp op;
    op.kind = isRecv ? CollectiveOp::Kind::RECV : CollectiveOp::Kind::SEND;
    op.reduce = isRecv && !gatherPhase;
    op.peer = static_cast<uint32_t>((uint64_t{rank} + (isRecv ? p - stride : stride)) % p);
    op.tag = slot;
    op.segment = (channel * p + block) * m_chunks + chunk;
    op.flow = static_cast<uint8_t>(channel);
    if (!isRecv && step > 0)
    {
        op.deps[0] =
            static_cast<int64_t>((uint64_t{slot} - uint64_t{m_chunks} * m_channels) * 2 + 1);
    }
    return op;
}

bool
RingSchedule::InitiallyHolds(uint32_t rank, uint32_t segment) const
{
    return GetKind() != CollectiveKind::ALL_GATHER || BlockOf(segment) == rank;
}

bool
RingSchedule::ExpectedContributors(uint32_t rank,
                                   uint32_t segment,
                                   std::vector<uint32_t>& out) const
{
    out.clear();
    const uint32_t block = BlockOf(segment);
    switch (GetKind())
    {
    case CollectiveKind::ALL_GATHER:
        out.push_back(block);
        return true;
    case CollectiveKind::REDUCE_SCATTER:
        if (block != rank)
        {
            return false;
        }
        [[fallthrough]];
    default:
        for (uint32_t r = 0; r < GetNRanks(); ++r)
        {
            out.push_back(r);
        }
        return true;
    }
}

std::vector<std::pair<uint32_t, uint8_t>>
RingSchedule::GetSendPeers(uint32_t rank) const
{
    std::vector<std::pair<uint32_t, uint8_t>> peers;
    for (uint32_t ch = 0; ch < m_channels; ++ch)
    {
        const uint32_t next = Mod(int64_t{rank} + m_stride[ch], GetNRanks());
        if (next != rank)
        {
            peers.emplace_back(next, static_cast<uint8_t>(ch));
        }
    }
    return peers;
}

} // namespace ns3
