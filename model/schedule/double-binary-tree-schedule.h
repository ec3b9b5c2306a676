/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_DOUBLE_BINARY_TREE_SCHEDULE_H
#define SCALE_ACROSS_DOUBLE_BINARY_TREE_SCHEDULE_H

#include "binary-tree.h"
#include "collective-schedule.h"

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief NCCL's double-binary-tree all-reduce.
 *
 * Each channel runs two complementary binary trees (DoubleBinaryTree, ranks rotated by the
 * channel index), each carrying half of the channel's data cut into chunks. Per chunk a tree
 * reduces towards its root (a node sends up once both children's chunks are in) and
 * broadcasts back down (a node forwards down once the chunk came from its parent). Each rank
 * is interior in at most one tree, so it talks to at most four peers per channel.
 */
class DoubleBinaryTreeSchedule : public CollectiveSchedule
{
  public:
    /**
     * @param ranks ranks (>= 1)
     * @param bytes message size, bytes
     * @param chunkBytes pipeline chunk, bytes (0: one chunk per tree)
     * @param channels tree pairs (>= 1)
     */
    DoubleBinaryTreeSchedule(uint32_t ranks,
                             uint64_t bytes,
                             uint64_t chunkBytes,
                             uint32_t channels);

    std::string GetAlgorithm() const override;
    uint32_t GetNSegments() const override;
    uint64_t GetSegmentBytes(uint32_t segment) const override;
    uint64_t GetNOps(uint32_t rank) const override;
    CollectiveOp GetOp(uint32_t rank, uint64_t index) const override;
    bool InitiallyHolds(uint32_t rank, uint32_t segment) const override;
    bool ExpectedContributors(uint32_t rank,
                              uint32_t segment,
                              std::vector<uint32_t>& out) const override;
    std::vector<std::pair<uint32_t, uint8_t>> GetSendPeers(uint32_t rank) const override;
    bool IndexesReceives() const override;
    uint64_t GetRecvIndex(uint32_t rank, uint32_t peer, uint32_t tag) const override;

    /// @return chunks per tree
    uint32_t GetNChunks() const;
    /**
     * @param rank a rank
     * @param tree 0 ... 2 channels - 1
     * @return its links in that tree
     */
    TreeLinks Links(uint32_t rank, uint32_t tree) const;

  private:
    /// @return the links of rank in tree, from NCCL's double binary tree (rotated per channel)
    TreeLinks ComputeLinks(uint32_t rank, uint32_t tree) const;
    /// @return ops of rank per chunk of a tree
    uint32_t OpsPerChunk(uint32_t rank, uint32_t tree) const;

    /// Links of one rank in one tree, packed (rank numbers fit 32 bits; -1 = none).
    struct PackedLinks
    {
        int32_t parent;      //!< parent, -1 at the root
        int32_t children[2]; //!< children, -1 where absent
    };

    uint32_t m_trees;                 //!< 2 x channels
    uint32_t m_chunks;                //!< chunks per tree
    std::vector<PackedLinks> m_links; //!< by rank x m_trees + tree, computed once
    std::vector<uint32_t> m_perChunk; //!< ops of a rank per chunk, all trees
};

} // namespace ns3

#endif /* SCALE_ACROSS_DOUBLE_BINARY_TREE_SCHEDULE_H */
