/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_SEND_STREAMS_H
#define SCALE_ACROSS_SEND_STREAMS_H

#include "ns3/collective-schedule.h"
#include "ns3/stride-fifo.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-collective
 * @brief One rank's send streams in one operation, one per (peer, flow): the sends read and
 * not started, in schedule order, and the messages in flight on each (plain C++).
 *
 * Each stream is one ordered connection, as in NCCL: its sends leave in order. Streams in use
 * are kept first, in the order they were added, finished ones swapped behind them; those keep
 * their storage, so a stream that empties and comes back (every step of a ring) allocates
 * nothing.
 */
class SendStreams
{
  public:
    /// One (peer, flow).
    struct Stream
    {
        uint64_t key{0};      //!< Key(peer, flow)
        StrideFifo ops;       //!< op indices of its sends read and not started, oldest first
        CollectiveOp head;    //!< the op of ops.front(), once read
        bool headRead{false}; //!< head holds it
        uint32_t inFlight{0}; //!< sent, not yet arrived (SendCredits)
    };

    /// Find's answer for a key no stream in use has.
    static constexpr size_t NONE = ~size_t{0};

    /// @param peer the receiver @param flow the flow @return the key of its stream
    static uint64_t Key(uint32_t peer, uint8_t flow)
    {
        return (uint64_t{peer} << 8) | flow;
    }

    /**
     * @brief Forget every stream (the storage stays).
     * @param expected streams the operation will use, if known: added without moving any
     */
    void Reset(size_t expected);

    // Inline: these run several times per message.

    /// @return streams in use
    size_t Size() const
    {
        return m_inUse;
    }

    /// @param i a stream in use @return it
    Stream& operator[](size_t i)
    {
        return m_streams[i];
    }

    /// @param key a stream's key @return its index, or NONE if not in use
    size_t Find(uint64_t key) const
    {
        // A handful per rank (a tree has at most six per channel): a scan beats a map.
        for (size_t i = 0; i < m_inUse; ++i)
        {
            if (m_streams[i].key == key)
            {
                return i;
            }
        }
        return NONE;
    }

    /// @param key a stream's key @return its index, the stream added (last) if not in use
    size_t FindOrAdd(uint64_t key);

    /// Stop using a stream: the last one in use takes its place. @param i its index
    void Remove(size_t i);

  private:
    std::vector<Stream> m_streams; //!< [0, m_inUse) in use, the rest spares
    size_t m_inUse{0};             //!< streams in use
};

} // namespace ns3

#endif /* SCALE_ACROSS_SEND_STREAMS_H */
