/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PAIRWISE_ALL_TO_ALL_SCHEDULE_H
#define SCALE_ACROSS_PAIRWISE_ALL_TO_ALL_SCHEDULE_H

#include "collective-schedule.h"

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief All-to-all by pairwise exchange: in step s = 1 ... p - 1, rank r sends its block for
 * r + s to r + s and receives the block of r - s. A step starts when the previous step's
 * block has arrived, so each rank has one peer at a time (one circuit per step).
 */
class PairwiseAllToAllSchedule : public CollectiveSchedule
{
  public:
    /**
     * @param ranks ranks (>= 1)
     * @param bytes message size (each rank's whole send buffer), bytes
     * @param chunkBytes pipeline chunk, bytes (0: one chunk per block)
     */
    PairwiseAllToAllSchedule(uint32_t ranks, uint64_t bytes, uint64_t chunkBytes);

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

  private:
    uint32_t m_chunks; //!< chunks per block
};

} // namespace ns3

#endif /* SCALE_ACROSS_PAIRWISE_ALL_TO_ALL_SCHEDULE_H */
