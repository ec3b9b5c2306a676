/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "broadcast-schedule.h"

#include "binary-tree.h"

#include <algorithm>

namespace ns3
{

BroadcastSchedule::BroadcastSchedule(uint32_t ranks,
                                     uint64_t bytes,
                                     uint64_t chunkBytes,
                                     uint32_t root,
                                     bool tree)
    : CollectiveSchedule(CollectiveKind::BROADCAST, ranks, bytes),
      m_root(root),
      m_tree(tree)
{
    m_chunks = ChunksFor(bytes, chunkBytes);
}

std::string
BroadcastSchedule::GetAlgorithm() const
{
    return m_tree ? "tree" : "ring";
}

uint32_t
BroadcastSchedule::GetNChunks() const
{
    return m_chunks;
}

void
BroadcastSchedule::Links(uint32_t rank, int64_t& parent, std::vector<uint32_t>& children) const
{
    const uint32_t p = GetNRanks();
    const uint32_t v = (rank + p - m_root) % p; // position counted from the root
    auto real = [this, p](int64_t x) { return static_cast<uint32_t>((x + m_root) % p); };
    children.clear();
    if (m_tree)
    {
        const TreeLinks l = BinaryTree(p, v);
        parent = l.parent < 0 ? int64_t{-1} : int64_t{real(l.parent)};
        for (int64_t c : l.children)
        {
            if (c >= 0)
            {
                children.push_back(real(c));
            }
        }
        return;
    }
    parent = v == 0 ? int64_t{-1} : int64_t{real(v - 1)};
    if (v + 1 < p)
    {
        children.push_back(real(v + 1));
    }
}

uint32_t
BroadcastSchedule::GetNSegments() const
{
    return m_chunks;
}

uint64_t
BroadcastSchedule::GetSegmentBytes(uint32_t segment) const
{
    return EvenShare(GetBytes(), m_chunks, segment);
}

uint64_t
BroadcastSchedule::GetNOps(uint32_t rank) const
{
    int64_t parent;
    std::vector<uint32_t> children;
    Links(rank, parent, children);
    return uint64_t{m_chunks} * ((parent >= 0 ? 1 : 0) + children.size());
}

CollectiveOp
BroadcastSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    int64_t parent;
    std::vector<uint32_t> children;
    Links(rank, parent, children);
    const uint32_t per = (parent >= 0 ? 1 : 0) + static_cast<uint32_t>(children.size());
    const auto chunk = static_cast<uint32_t>(index / per);
    const auto k = static_cast<uint32_t>(index % per);
    CollectiveOp op;
    op.segment = chunk;
    op.tag = chunk;
    if (parent >= 0 && k == 0)
    {
        op.kind = CollectiveOp::Kind::RECV;
        op.peer = static_cast<uint32_t>(parent);
        return op;
    }
    op.kind = CollectiveOp::Kind::SEND;
    op.peer = children[k - (parent >= 0 ? 1 : 0)];
    if (parent >= 0)
    {
        op.deps[0] = static_cast<int64_t>(uint64_t{chunk} * per);
    }
    return op;
}

bool
BroadcastSchedule::InitiallyHolds(uint32_t rank, uint32_t) const
{
    return rank == m_root;
}

bool
BroadcastSchedule::ExpectedContributors(uint32_t, uint32_t, std::vector<uint32_t>& out) const
{
    out.assign(1, m_root);
    return true;
}

std::vector<std::pair<uint32_t, uint8_t>>
BroadcastSchedule::GetSendPeers(uint32_t rank) const
{
    int64_t parent;
    std::vector<uint32_t> children;
    Links(rank, parent, children);
    std::vector<std::pair<uint32_t, uint8_t>> peers;
    for (uint32_t c : children)
    {
        peers.emplace_back(c, 0);
    }
    return peers;
}

} // namespace ns3
