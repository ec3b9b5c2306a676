/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_RING_SCHEDULE_H
#define SCALE_ACROSS_RING_SCHEDULE_H

#include "collective-schedule.h"

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief NCCL's ring all-reduce, all-gather and reduce-scatter, pipelined and multi-channel.
 *
 * The message is split over C channels; each channel runs its own ring, rank r sending to
 * r + stride (strides 1, p - 1, 2, p - 2, ... that are coprime with p, so channels use
 * different neighbours where p allows). Each channel's share is cut into p blocks and each
 * block into c chunks (c from the chunk size). Reduce-scatter is p - 1 steps in which every
 * rank sends one block to its successor and reduces the block it receives; all-gather is
 * p - 1 steps that pass the reduced blocks on; all-reduce is the two in sequence,
 * 2 (p - 1) steps. Chunk j of step t is sent as soon as chunk j of step t - 1 has arrived,
 * which pipelines the ring.
 */
class RingSchedule : public CollectiveSchedule
{
  public:
    /**
     * @param kind ALL_REDUCE, ALL_GATHER or REDUCE_SCATTER
     * @param ranks ranks (>= 1)
     * @param bytes message size, bytes
     * @param chunkBytes pipeline chunk, bytes (0: one chunk per block)
     * @param channels parallel rings (>= 1)
     */
    RingSchedule(CollectiveKind kind,
                 uint32_t ranks,
                 uint64_t bytes,
                 uint64_t chunkBytes,
                 uint32_t channels);

    std::string GetAlgorithm() const override;
    uint64_t GetReadAhead() const override;
    uint32_t GetNSegments() const override;
    uint64_t GetSegmentBytes(uint32_t segment) const override;
    uint64_t GetNOps(uint32_t rank) const override;
    CollectiveOp GetOp(uint32_t rank, uint64_t index) const override;
    bool InitiallyHolds(uint32_t rank, uint32_t segment) const override;
    bool ExpectedContributors(uint32_t rank,
                              uint32_t segment,
                              std::vector<uint32_t>& out) const override;
    std::vector<std::pair<uint32_t, uint8_t>> GetSendPeers(uint32_t rank) const override;

    /// @return steps per channel: 2 (p - 1) for all-reduce, p - 1 otherwise
    uint32_t GetNSteps() const;
    /// @return chunks per block
    uint32_t GetNChunks() const;
    /// @param channel a channel @return its ring stride
    uint32_t GetStride(uint32_t channel) const;

  private:
    /// @return the block (and so the owner rank) of a segment
    uint32_t BlockOf(uint32_t segment) const;

    uint32_t m_ranks;                //!< ranks (GetNRanks, kept here for GetOp)
    bool m_allReduce;                //!< the kind is ALL_REDUCE
    bool m_allGather;                //!< the kind is ALL_GATHER
    uint32_t m_channels;             //!< parallel rings
    uint32_t m_chunks;               //!< chunks per block
    uint32_t m_steps;                //!< steps per channel
    std::vector<uint32_t> m_stride;  //!< per channel
    std::vector<uint32_t> m_inverse; //!< per channel: stride^-1 mod p
};

} // namespace ns3

#endif /* SCALE_ACROSS_RING_SCHEDULE_H */
