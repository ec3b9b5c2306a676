/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-schedule.h"

#include "collective-algorithm-registry.h"

#include <limits>
#include <stdexcept>

namespace ns3
{

std::string
ToString(CollectiveKind kind)
{
    switch (kind)
    {
    case CollectiveKind::ALL_REDUCE:
        return "all_reduce";
    case CollectiveKind::ALL_GATHER:
        return "all_gather";
    case CollectiveKind::REDUCE_SCATTER:
        return "reduce_scatter";
    case CollectiveKind::ALL_TO_ALL:
        return "all_to_all";
    case CollectiveKind::BROADCAST:
        return "broadcast";
    case CollectiveKind::SEND_RECV:
        return "send_recv";
    }
    return "unknown";
}

CollectiveSchedule::CollectiveSchedule(CollectiveKind kind, uint32_t ranks, uint64_t bytes)
    : m_kind(kind),
      m_ranks(ranks),
      m_bytes(bytes)
{
}

CollectiveSchedule::~CollectiveSchedule() = default;

CollectiveKind
CollectiveSchedule::GetKind() const
{
    return m_kind;
}

uint32_t
CollectiveSchedule::GetNRanks() const
{
    return m_ranks;
}

uint64_t
CollectiveSchedule::GetBytes() const
{
    return m_bytes;
}

uint64_t
CollectiveSchedule::GetReadAhead() const
{
    return UNBOUNDED_READ_AHEAD;
}

bool
CollectiveSchedule::IndexesReceives() const
{
    return false;
}

uint64_t
CollectiveSchedule::GetRecvIndex(uint32_t, uint32_t, uint32_t) const
{
    return NO_RECV;
}

double
CollectiveSchedule::GetBusBandwidthFactor() const
{
    // nccl-tests, doc/PERFORMANCE.md
    const double n = m_ranks;
    switch (m_kind)
    {
    case CollectiveKind::ALL_REDUCE:
        return 2.0 * (n - 1) / n;
    case CollectiveKind::ALL_GATHER:
    case CollectiveKind::REDUCE_SCATTER:
    case CollectiveKind::ALL_TO_ALL:
        return (n - 1) / n;
    case CollectiveKind::BROADCAST:
    case CollectiveKind::SEND_RECV:
        return 1.0;
    }
    return 1.0;
}

uint64_t
CollectiveSchedule::GetOpBytes(const CollectiveOp& op) const
{
    uint64_t bytes = 0;
    for (uint32_t g = op.segment; g < op.segment + op.count; ++g)
    {
        bytes += GetSegmentBytes(g);
    }
    return bytes;
}

uint64_t
CollectiveSchedule::EvenShare(uint64_t bytes, uint64_t parts, uint64_t index)
{
    return bytes / parts + (index < bytes % parts ? 1 : 0);
}

uint32_t
CollectiveSchedule::ChunksFor(uint64_t pieceBytes, uint64_t chunkBytes)
{
    if (chunkBytes == 0 || pieceBytes == 0)
    {
        return 1;
    }
    // pieceBytes / chunkBytes rounded up, without the overflow of pieceBytes + chunkBytes - 1.
    const uint64_t chunks = pieceBytes / chunkBytes + (pieceBytes % chunkBytes != 0 ? 1 : 0);
    if (chunks > std::numeric_limits<uint32_t>::max())
    {
        throw std::invalid_argument("chunk = " + std::to_string(chunkBytes) +
                                    " bytes cuts a piece of " + std::to_string(pieceBytes) +
                                    " bytes into " + std::to_string(chunks) +
                                    " chunks, more than 4294967295: use a larger ChunkBytes");
    }
    return static_cast<uint32_t>(chunks);
}

void
CollectiveSchedule::CheckCount(uint64_t factorA, uint64_t factorB, const std::string& what)
{
    const uint64_t limit = std::numeric_limits<uint32_t>::max();
    if (factorA != 0 && factorB > limit / factorA)
    {
        throw std::invalid_argument(
            std::to_string(factorA) + " x " + std::to_string(factorB) + " " + what +
            " are more than 4294967295 (32-bit ids): use a larger ChunkBytes or fewer ranks");
    }
}

std::string
GetCollectiveAlgorithms()
{
    return CollectiveAlgorithmRegistry::DescribePairs();
}

std::unique_ptr<CollectiveSchedule>
CreateCollectiveSchedule(const CollectiveRequest& q)
{
    auto fail = [&q](const std::string& why) {
        throw std::invalid_argument(q.collective + "/" + q.algorithm + ": " + why);
    };
    const CollectiveAlgorithm* entry = CollectiveAlgorithmRegistry::Find(q.collective, q.algorithm);
    if (!entry)
    {
        const std::vector<std::string> known =
            CollectiveAlgorithmRegistry::GetAlgorithms(q.collective);
        fail(known.empty() ? "unknown collective; valid: " +
                                 CollectiveAlgorithmRegistry::Join(
                                     CollectiveAlgorithmRegistry::GetCollectives())
                           : "unknown algorithm for " + q.collective +
                                 "; valid: " + CollectiveAlgorithmRegistry::Join(known) +
                                 " (all pairs: " + GetCollectiveAlgorithms() + ")");
    }
    if (q.ranks == 0)
    {
        fail("ranks = 0 is invalid: a communicator needs >= 1 rank");
    }
    if (q.ncclChannels == 0 || q.ncclChannels > 128)
    {
        fail("ncclChannels = " + std::to_string(q.ncclChannels) + " is invalid: use 1 ... 128");
    }
    if (q.bytes == 0 || q.bytes % 4 != 0)
    {
        fail("size = " + std::to_string(q.bytes) +
             " bytes is invalid: use a positive multiple of 4 (float elements)");
    }
    if (q.chunkBytes % 4 != 0)
    {
        fail("chunk = " + std::to_string(q.chunkBytes) +
             " bytes is invalid: use 0 (no pipelining) or a multiple of 4 (float elements)");
    }
    const bool perRank = q.collective == "all_gather" || q.collective == "reduce_scatter" ||
                         q.collective == "all_to_all";
    if (perRank && q.bytes % (uint64_t{4} * q.ranks) != 0)
    {
        fail("size = " + std::to_string(q.bytes) + " bytes is invalid for " +
             std::to_string(q.ranks) + " ranks: " + q.collective +
             " needs a multiple of 4 x ranks = " + std::to_string(uint64_t{4} * q.ranks));
    }
    if (q.ncclChannels != 1 && !entry->multiChannel)
    {
        std::vector<std::string> multi;
        for (const CollectiveAlgorithm& a : CollectiveAlgorithmRegistry::GetAll())
        {
            if (a.multiChannel)
            {
                multi.push_back(a.collective + "/" + a.algorithm);
            }
        }
        fail("ncclChannels = " + std::to_string(q.ncclChannels) + " is supported by " +
             CollectiveAlgorithmRegistry::Join(multi) + " only; use ncclChannels = 1");
    }
    try
    {
        return entry->create(q);
    }
    catch (const std::invalid_argument& e)
    {
        fail(e.what()); // the schedule's own limits, with the collective and algorithm named
    }
    return nullptr;
}

} // namespace ns3
