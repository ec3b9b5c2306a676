/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "double-binary-tree-schedule.h"

#include <algorithm>
#include <array>

namespace ns3
{

DoubleBinaryTreeSchedule::DoubleBinaryTreeSchedule(uint32_t ranks,
                                                   uint64_t bytes,
                                                   uint64_t chunkBytes,
                                                   uint32_t channels)
    : CollectiveSchedule(CollectiveKind::ALL_REDUCE, ranks, bytes),
      m_trees(2 * channels)
{
    const uint64_t largest = EvenShare(bytes, m_trees, 0);
    m_chunks = ChunksFor(largest, chunkBytes);
    CheckCount(uint64_t{2} * m_trees, m_chunks, "message tags (2 x trees, chunks)");
    // GetOp is called once per message: the trees are laid out here, once, in O(p x trees).
    m_links.resize(size_t{ranks} * m_trees);
    m_perChunk.assign(ranks, 0);
    for (uint32_t r = 0; r < ranks; ++r)
    {
        for (uint32_t t = 0; t < m_trees; ++t)
        {
            const TreeLinks l = ComputeLinks(r, t);
            m_links[size_t{r} * m_trees + t] = {
                static_cast<int32_t>(l.parent),
                {static_cast<int32_t>(l.children[0]), static_cast<int32_t>(l.children[1])}};
            m_perChunk[r] += OpsPerChunk(r, t);
        }
    }
}

std::string
DoubleBinaryTreeSchedule::GetAlgorithm() const
{
    return "tree";
}

uint32_t
DoubleBinaryTreeSchedule::GetNChunks() const
{
    return m_chunks;
}

TreeLinks
DoubleBinaryTreeSchedule::Links(uint32_t rank, uint32_t tree) const
{
    const PackedLinks& l = m_links[size_t{rank} * m_trees + tree];
    TreeLinks links;
    links.parent = l.parent;
    links.children[0] = l.children[0];
    links.children[1] = l.children[1];
    return links;
}

TreeLinks
DoubleBinaryTreeSchedule::ComputeLinks(uint32_t rank, uint32_t tree) const
{
    // Channel ch rotates the ranks by ch, so channels use different trees.
    const uint32_t p = GetNRanks();
    const uint32_t shift = (tree / 2) % p;
    const TreeLinks t = DoubleBinaryTree(p, (rank + p - shift) % p, tree % 2);
    TreeLinks links;
    auto back = [p, shift](int64_t v) -> int64_t {
        return v < 0 ? int64_t{-1} : (v + shift) % int64_t{p};
    };
    links.parent = back(t.parent);
    links.children[0] = back(t.children[0]);
    links.children[1] = back(t.children[1]);
    return links;
}

uint32_t
DoubleBinaryTreeSchedule::GetNSegments() const
{
    return m_trees * m_chunks;
}

uint64_t
DoubleBinaryTreeSchedule::GetSegmentBytes(uint32_t segment) const
{
    return EvenShare(EvenShare(GetBytes(), m_trees, segment / m_chunks),
                     m_chunks,
                     segment % m_chunks);
}

uint32_t
DoubleBinaryTreeSchedule::OpsPerChunk(uint32_t rank, uint32_t tree) const
{
    const PackedLinks& l = m_links[size_t{rank} * m_trees + tree];
    const uint32_t children = (l.children[0] >= 0) + (l.children[1] >= 0);
    const uint32_t parent = l.parent >= 0 ? 2 : 0; // send up, receive down
    return 2 * children + parent;
}

uint64_t
DoubleBinaryTreeSchedule::GetNOps(uint32_t rank) const
{
    return uint64_t{m_perChunk[rank]} * m_chunks;
}

CollectiveOp
DoubleBinaryTreeSchedule::GetOp(uint32_t rank, uint64_t index) const
{
    // Ops are ordered chunk by chunk, then tree, so that a rank reading its schedule a window
    // at a time advances both trees together. Within a (chunk, tree) block the order is:
    // receive child 0, receive child 1, send parent, receive parent, send child 0, send child 1.
    const uint64_t perChunk = m_perChunk[rank];
    const auto chunk = static_cast<uint32_t>(index / perChunk);
    uint64_t blockStart = uint64_t{chunk} * perChunk;
    uint32_t tree = 0;
    while (index >= blockStart + OpsPerChunk(rank, tree))
    {
        blockStart += OpsPerChunk(rank, tree);
        ++tree;
    }
    const PackedLinks& l = m_links[size_t{rank} * m_trees + tree];
    const auto k = static_cast<uint32_t>(index - blockStart);
    const uint32_t slot = tree * m_chunks + chunk;

    // The block has at most six ops: built on the stack, since this runs once per message.
    std::array<CollectiveOp, 6> block;
    uint32_t size = 0;
    std::array<int64_t, 2> childRecvs{CollectiveOp::NONE, CollectiveOp::NONE};
    uint32_t nChildren = 0;
    for (int32_t c : l.children)
    {
        if (c >= 0)
        {
            CollectiveOp& op = block[size];
            op.kind = CollectiveOp::Kind::RECV;
            op.reduce = true;
            op.peer = static_cast<uint32_t>(c);
            op.tag = 2 * slot;
            childRecvs[nChildren++] = static_cast<int64_t>(blockStart + size);
            ++size;
        }
    }
    int64_t fromParent = CollectiveOp::NONE;
    if (l.parent >= 0)
    {
        CollectiveOp& up = block[size++];
        up.kind = CollectiveOp::Kind::SEND;
        up.peer = static_cast<uint32_t>(l.parent);
        up.tag = 2 * slot;
        up.deps[0] = childRecvs[0];
        up.deps[1] = childRecvs[1];
        CollectiveOp& down = block[size];
        down.kind = CollectiveOp::Kind::RECV;
        down.peer = static_cast<uint32_t>(l.parent);
        down.tag = 2 * slot + 1;
        fromParent = static_cast<int64_t>(blockStart + size);
        ++size;
    }
    for (int32_t c : l.children)
    {
        if (c >= 0)
        {
            CollectiveOp& op = block[size++];
            op.kind = CollectiveOp::Kind::SEND;
            op.peer = static_cast<uint32_t>(c);
            op.tag = 2 * slot + 1;
            if (fromParent != CollectiveOp::NONE)
            {
                op.deps[0] = fromParent;
            }
            else
            {
                op.deps[0] = childRecvs[0];
                op.deps[1] = childRecvs[1];
            }
        }
    }
    CollectiveOp op = block[k];
    op.segment = slot;
    op.flow = static_cast<uint8_t>(tree);
    return op;
}

bool
DoubleBinaryTreeSchedule::IndexesReceives() const
{
    return true;
}

uint64_t
DoubleBinaryTreeSchedule::GetRecvIndex(uint32_t rank, uint32_t peer, uint32_t tag) const
{
    // GetOp's layout backwards: tag 2 slot comes up from a child, 2 slot + 1 down from the
    // parent; slot = tree x chunks + chunk.
    const uint32_t slot = tag / 2;
    const uint32_t tree = slot / m_chunks;
    if (tree >= m_trees)
    {
        return NO_RECV;
    }
    const uint32_t chunk = slot % m_chunks;
    uint64_t index = uint64_t{chunk} * m_perChunk[rank];
    for (uint32_t t = 0; t < tree; ++t)
    {
        index += OpsPerChunk(rank, t);
    }
    const PackedLinks& l = m_links[size_t{rank} * m_trees + tree];
    const auto from = static_cast<int32_t>(peer);
    const uint32_t children = (l.children[0] >= 0) + (l.children[1] >= 0);
    if (tag % 2 == 1)
    {
        // Block: the children's receives, the send up, then this receive.
        return l.parent == from ? index + children + 1 : NO_RECV;
    }
    if (l.children[0] >= 0 && l.children[0] == from)
    {
        return index;
    }
    if (l.children[1] >= 0 && l.children[1] == from)
    {
        return index + (l.children[0] >= 0 ? 1 : 0);
    }
    return NO_RECV;
}

bool
DoubleBinaryTreeSchedule::InitiallyHolds(uint32_t, uint32_t) const
{
    return true;
}

bool
DoubleBinaryTreeSchedule::ExpectedContributors(uint32_t, uint32_t, std::vector<uint32_t>& out) const
{
    out.clear();
    for (uint32_t r = 0; r < GetNRanks(); ++r)
    {
        out.push_back(r);
    }
    return true;
}

std::vector<std::pair<uint32_t, uint8_t>>
DoubleBinaryTreeSchedule::GetSendPeers(uint32_t rank) const
{
    std::vector<std::pair<uint32_t, uint8_t>> peers;
    for (uint32_t t = 0; t < m_trees; ++t)
    {
        const TreeLinks l = Links(rank, t);
        for (int64_t x : {l.parent, l.children[0], l.children[1]})
        {
            if (x >= 0)
            {
                peers.emplace_back(static_cast<uint32_t>(x), static_cast<uint8_t>(t));
            }
        }
    }
    return peers;
}

} // namespace ns3
