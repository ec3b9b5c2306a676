/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-schedule.h"

#include "broadcast-schedule.h"
#include "double-binary-tree-schedule.h"
#include "halving-doubling-schedule.h"
#include "pairwise-all-to-all-schedule.h"
#include "ring-schedule.h"

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
    return std::numeric_limits<uint64_t>::max();
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
    return static_cast<uint32_t>((pieceBytes + chunkBytes - 1) / chunkBytes);
}

std::string
GetCollectiveAlgorithms()
{
    return "all_reduce/ring, all_reduce/tree, all_reduce/halving_doubling, all_gather/ring, "
           "reduce_scatter/ring, all_to_all/pairwise, broadcast/ring, broadcast/tree";
}

std::unique_ptr<CollectiveSchedule>
CreateCollectiveSchedule(const CollectiveRequest& q)
{
    auto fail = [&q](const std::string& why) {
        throw std::invalid_argument(q.collective + "/" + q.algorithm + ": " + why);
    };
    if (q.ranks == 0)
    {
        fail("ranks = 0 is invalid: a communicator needs >= 1 rank");
    }
    if (q.channels == 0 || q.channels > 128)
    {
        fail("channels = " + std::to_string(q.channels) + " is invalid: use 1 ... 128");
    }
    if (q.bytes == 0 || q.bytes % 4 != 0)
    {
        fail("size = " + std::to_string(q.bytes) +
             " bytes is invalid: use a positive multiple of 4 (float elements)");
    }
    const bool perRank = q.collective == "all_gather" || q.collective == "reduce_scatter" ||
                         q.collective == "all_to_all";
    if (perRank && q.bytes % (uint64_t{4} * q.ranks) != 0)
    {
        fail("size = " + std::to_string(q.bytes) + " bytes is invalid for " +
             std::to_string(q.ranks) + " ranks: " + q.collective +
             " needs a multiple of 4 x ranks = " + std::to_string(uint64_t{4} * q.ranks));
    }
    const std::string key = q.collective + "/" + q.algorithm;
    if (key != "all_reduce/ring" && key != "all_reduce/tree" && q.channels != 1 &&
        key != "all_gather/ring" && key != "reduce_scatter/ring")
    {
        fail("channels = " + std::to_string(q.channels) +
             " is supported by the ring and tree all-reduce, ring all-gather and reduce-scatter "
             "only; use channels = 1");
    }
    if (key == "all_reduce/ring")
    {
        return std::make_unique<RingSchedule>(CollectiveKind::ALL_REDUCE,
                                              q.ranks,
                                              q.bytes,
                                              q.chunkBytes,
                                              q.channels);
    }
    if (key == "all_gather/ring")
    {
        return std::make_unique<RingSchedule>(CollectiveKind::ALL_GATHER,
                                              q.ranks,
                                              q.bytes,
                                              q.chunkBytes,
                                              q.channels);
    }
    if (key == "reduce_scatter/ring")
    {
        return std::make_unique<RingSchedule>(CollectiveKind::REDUCE_SCATTER,
                                              q.ranks,
                                              q.bytes,
                                              q.chunkBytes,
                                              q.channels);
    }
    if (key == "all_reduce/tree")
    {
        return std::make_unique<DoubleBinaryTreeSchedule>(q.ranks,
                                                          q.bytes,
                                                          q.chunkBytes,
                                                          q.channels);
    }
    if (key == "all_reduce/halving_doubling")
    {
        if ((q.ranks & (q.ranks - 1)) != 0)
        {
            fail("ranks = " + std::to_string(q.ranks) +
                 " is invalid: halving-doubling needs a power of two");
        }
        if (q.bytes % (uint64_t{4} * q.ranks) != 0)
        {
            fail("size = " + std::to_string(q.bytes) +
                 " bytes is invalid: halving-doubling needs a multiple of 4 x ranks = " +
                 std::to_string(uint64_t{4} * q.ranks));
        }
        return std::make_unique<HalvingDoublingSchedule>(q.ranks, q.bytes, q.chunkBytes);
    }
    if (key == "all_to_all/pairwise")
    {
        return std::make_unique<PairwiseAllToAllSchedule>(q.ranks, q.bytes, q.chunkBytes);
    }
    if (key == "broadcast/ring" || key == "broadcast/tree")
    {
        if (q.root >= q.ranks)
        {
            fail("root = " + std::to_string(q.root) + " is invalid: use 0 ... " +
                 std::to_string(q.ranks - 1));
        }
        return std::make_unique<BroadcastSchedule>(q.ranks,
                                                   q.bytes,
                                                   q.chunkBytes,
                                                   q.root,
                                                   q.algorithm == "tree");
    }
    fail("unknown collective/algorithm; valid: " + GetCollectiveAlgorithms());
    return nullptr;
}

} // namespace ns3
