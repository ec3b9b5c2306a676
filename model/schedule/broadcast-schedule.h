/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_BROADCAST_SCHEDULE_H
#define SCALE_ACROSS_BROADCAST_SCHEDULE_H

#include "collective-schedule.h"

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief Pipelined broadcast from a root, over a chain (NCCL's ring broadcast: root, root + 1,
 * ..., root - 1) or over a binary tree (BinaryTree on ranks renumbered from the root).
 *
 * The message is cut into chunks; a rank forwards chunk j to its successor(s) as soon as it
 * has received chunk j.
 */
class BroadcastSchedule : public CollectiveSchedule
{
  public:
    /**
     * @param ranks ranks (>= 1)
     * @param bytes message size, bytes
     * @param chunkBytes pipeline chunk, bytes (0: the whole message at once)
     * @param root the rank that holds the data
     * @param tree false: chain; true: binary tree
     */
    BroadcastSchedule(uint32_t ranks,
                      uint64_t bytes,
                      uint64_t chunkBytes,
                      uint32_t root,
                      bool tree);

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

    /// @return chunks
    uint32_t GetNChunks() const;

  private:
    /// @param rank a rank @param parent set to its parent or -1 @param children its children
    void Links(uint32_t rank, int64_t& parent, std::vector<uint32_t>& children) const;

    uint32_t m_root;   //!< root rank
    bool m_tree;       //!< tree or chain
    uint32_t m_chunks; //!< chunks
};

} // namespace ns3

#endif /* SCALE_ACROSS_BROADCAST_SCHEDULE_H */
