/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_STRIDE_FIFO_H
#define SCALE_ACROSS_STRIDE_FIFO_H

#include "compact-fifo.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief A first-in first-out queue of integers that stores each run of equally spaced
 * values as one entry (plain C++).
 *
 * A rank queues the op indices of its sends per stream; in a pipelined schedule they are
 * equally spaced (a tree sends once per chunk to each peer, the ops of a chunk apart), so a
 * stream's queue is one run of three numbers however many sends it holds, where a plain
 * queue holds one number per send read ahead.
 */
class StrideFifo
{
  public:
    /// @return true if nothing is queued
    bool empty() const
    {
        return m_size == 0;
    }

    /// @return values queued
    size_t size() const
    {
        return m_size;
    }

    /// @return the oldest value (the queue must not be empty)
    uint64_t front() const
    {
        return m_runs.front().first;
    }

    /// @param value appended as the newest
    void push_back(uint64_t value)
    {
        if (!m_runs.empty())
        {
            Run& last = m_runs[m_runs.size() - 1];
            if (last.count == 1)
            {
                last.stride = value - last.first; // a run of one has any stride
                last.count = 2;
                ++m_size;
                return;
            }
            if (value == last.first + last.stride * last.count)
            {
                ++last.count;
                ++m_size;
                return;
            }
        }
        m_runs.push_back(Run{value, 0, 1});
        ++m_size;
    }

    /// Remove the oldest value (the queue must not be empty).
    void pop_front()
    {
        Run& run = m_runs.front();
        run.first += run.stride;
        --m_size;
        if (--run.count == 0)
        {
            m_runs.pop_front();
        }
    }

    /// Remove everything (the storage stays).
    void clear()
    {
        m_runs.clear();
        m_size = 0;
    }

  private:
    /// Values first, first + stride, ..., first + (count - 1) stride (modulo 2^64).
    struct Run
    {
        uint64_t first{0};  //!< the oldest value
        uint64_t stride{0}; //!< the spacing
        uint64_t count{0};  //!< values in the run (>= 1)
    };

    CompactFifo<Run> m_runs; //!< runs, oldest first
    size_t m_size{0};        //!< values queued
};

} // namespace ns3

#endif /* SCALE_ACROSS_STRIDE_FIFO_H */
