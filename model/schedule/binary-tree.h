/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_BINARY_TREE_H
#define SCALE_ACROSS_BINARY_TREE_H

#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief One rank's place in a binary tree over ranks 0 ... p - 1 (plain C++).
 */
struct TreeLinks
{
    int64_t parent{-1};          //!< parent rank, -1 for the root
    int64_t children[2]{-1, -1}; //!< child ranks, -1 where absent
};

/**
 * @brief NCCL's binary tree (src/graph/trees.cc): rooted at 0, built on the bits of the
 * rank, so that leaves and interior nodes alternate (every odd rank is a leaf).
 * @param ranks p (>= 1)
 * @param rank a rank
 * @return its links
 */
TreeLinks BinaryTree(uint32_t ranks, uint32_t rank);

/**
 * @brief The two trees of NCCL's double binary tree: the first is BinaryTree; the second
 * mirrors it (p even) or shifts it by one rank (p odd), so that each rank but 0 (the first
 * tree's root, with a single child) is interior in at most one of them.
 * @param ranks p (>= 1)
 * @param rank a rank
 * @param which 0 or 1
 * @return its links in that tree
 */
TreeLinks DoubleBinaryTree(uint32_t ranks, uint32_t rank, uint32_t which);

/**
 * @param ranks p
 * @param which 0 or 1
 * @return the longest root-to-leaf path (edges) of that tree of the double binary tree
 */
uint32_t DoubleBinaryTreeDepth(uint32_t ranks, uint32_t which);

} // namespace ns3

#endif /* SCALE_ACROSS_BINARY_TREE_H */
