/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_HALVING_DOUBLING_SCHEDULE_H
#define SCALE_ACROSS_HALVING_DOUBLING_SCHEDULE_H

#include "collective-schedule.h"

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief Rabenseifner's halving-doubling all-reduce (p a power of two).
 *
 * Reduce-scatter by recursive halving: in log2 p steps at distances p/2, p/4, ..., 1, each
 * rank sends the half of its current range that its partner (rank XOR distance) keeps and
 * reduces the half it keeps; rank r ends with block r fully reduced. Then all-gather by
 * recursive doubling at distances 1, 2, ..., p/2. Each step sends one message per chunk
 * (the half, or the gathered range, as one contiguous run of blocks), which may start once
 * the previous step's message of that chunk has arrived. Each rank talks to log2 p partners.
 */
class HalvingDoublingSchedule : public CollectiveSchedule
{
  public:
    /**
     * @param ranks ranks, a power of two
     * @param bytes message size, bytes
     * @param chunkBytes pipeline chunk, bytes (0: one chunk per block)
     */
    HalvingDoublingSchedule(uint32_t ranks, uint64_t bytes, uint64_t chunkBytes);

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

    /// @return log2 p
    uint32_t GetNSteps() const;

  private:
    uint32_t m_log2;   //!< log2 p
    uint32_t m_chunks; //!< chunks per block
};

} // namespace ns3

#endif /* SCALE_ACROSS_HALVING_DOUBLING_SCHEDULE_H */
