/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_SEND_RECV_SCHEDULE_H
#define SCALE_ACROSS_SEND_RECV_SCHEDULE_H

#include "collective-schedule.h"

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief A point-to-point message (ncclSend on one rank, ncclRecv on another), as a schedule
 * of the communicator it is sent in.
 *
 * The sender cuts the message into chunks and sends them back to back on flow 0, each
 * depending on nothing (NCCL's send proxy posts a chunk as soon as a receive slot is free:
 * SendCredits limit them); the receiver receives them in order. Every other rank of the
 * communicator has no part in it. Bus bandwidth equals algorithm bandwidth (factor 1).
 */
class SendRecvSchedule : public CollectiveSchedule
{
  public:
    /**
     * @param ranks ranks of the communicator (>= 2)
     * @param source the sending rank
     * @param destination the receiving rank (not source)
     * @param bytes message size, bytes (any)
     * @param chunkBytes chunk, bytes (0: the whole message at once)
     * @throw std::invalid_argument if the ranks are out of range or equal, or the chunks do
     *        not fit 32 bits
     */
    SendRecvSchedule(uint32_t ranks,
                     uint32_t source,
                     uint32_t destination,
                     uint64_t bytes,
                     uint64_t chunkBytes);

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
    /// Sends depend on nothing: each may start as soon as it is read, in order.
    uint64_t GetReadAhead() const override;

    /// @return the sending rank
    uint32_t GetSource() const;
    /// @return the receiving rank
    uint32_t GetDestination() const;
    /// @return chunks
    uint32_t GetNChunks() const;

  private:
    uint32_t m_source;      //!< sender
    uint32_t m_destination; //!< receiver
    uint64_t m_chunkBytes;  //!< bytes of every chunk but the last
    uint32_t m_chunks;      //!< chunks
};

} // namespace ns3

#endif /* SCALE_ACROSS_SEND_RECV_SCHEDULE_H */
