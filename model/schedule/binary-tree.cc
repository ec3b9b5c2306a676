/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "binary-tree.h"

#include <algorithm>
#include <vector>

namespace ns3
{

TreeLinks
BinaryTree(uint32_t ranks, uint32_t rank)
{
    TreeLinks links;
    // The lowest set bit of the rank tells its level; rank 0 sits above the top node.
    uint32_t bit = 1;
    while (bit < ranks && (bit & rank) == 0)
    {
        bit <<= 1;
    }
    if (rank == 0)
    {
        links.children[0] = ranks > 1 ? int64_t{bit >> 1} : int64_t{-1};
        return links;
    }
    int64_t up = (rank ^ bit) | (bit << 1);
    if (up >= ranks)
    {
        up = rank ^ bit;
    }
    links.parent = up;
    uint32_t low = bit >> 1;
    if (low != 0)
    {
        links.children[0] = int64_t{rank} - low;
        // The right child is the next set bit down that stays within the ranks, if any.
        int64_t right = int64_t{rank} + low;
        while (right >= int64_t{ranks})
        {
            low >>= 1;
            right = low == 0 ? int64_t{-1} : int64_t{rank} + low;
        }
        links.children[1] = right;
    }
    return links;
}

TreeLinks
DoubleBinaryTree(uint32_t ranks, uint32_t rank, uint32_t which)
{
    if (which == 0)
    {
        return BinaryTree(ranks, rank);
    }
    // Map into the first tree's numbering, take the links there, map back.
    const bool odd = ranks % 2 == 1;
    auto to = [ranks, odd](int64_t r) -> int64_t {
        return odd ? (r - 1 + int64_t{ranks}) % int64_t{ranks} : int64_t{ranks} - 1 - r;
    };
    auto from = [ranks, odd](int64_t v) -> int64_t {
        return v < 0 ? int64_t{-1} : (odd ? (v + 1) % int64_t{ranks} : int64_t{ranks} - 1 - v);
    };
    const TreeLinks t = BinaryTree(ranks, static_cast<uint32_t>(to(rank)));
    TreeLinks links;
    links.parent = from(t.parent);
    links.children[0] = from(t.children[0]);
    links.children[1] = from(t.children[1]);
    return links;
}

uint32_t
DoubleBinaryTreeDepth(uint32_t ranks, uint32_t which)
{
    uint32_t deepest = 0;
    for (uint32_t r = 0; r < ranks; ++r)
    {
        uint32_t depth = 0;
        for (int64_t x = r; DoubleBinaryTree(ranks, static_cast<uint32_t>(x), which).parent >= 0;
             x = DoubleBinaryTree(ranks, static_cast<uint32_t>(x), which).parent)
        {
            ++depth;
        }
        deepest = std::max(deepest, depth);
    }
    return deepest;
}

} // namespace ns3
