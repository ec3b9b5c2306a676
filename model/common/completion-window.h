/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COMPLETION_WINDOW_H
#define SCALE_ACROSS_COMPLETION_WINDOW_H

#include "compact-fifo.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief Which of a sequence of items, read in order, are done: memory for the span from
 * the oldest item not done to the newest item read, not for the whole sequence (plain C++).
 *
 * A rank reads its schedule's ops in order and completes them out of order; a send asks
 * whether the receives it depends on (always earlier ops) are done. Items before the oldest
 * one not done are done; so a window from there to the newest item read answers every
 * question, and memory does not grow with the number of chunks of an operation.
 */
class CompletionWindow
{
  public:
    /// Forget everything: the next item read is item 0.
    void Reset()
    {
        m_flags.clear();
        m_base = 0;
    }

    /**
     * @brief Append the next item in order.
     * @param done true if it is done already (e.g. a send, which nothing waits for)
     */
    void Append(bool done)
    {
        if (done && m_flags.empty())
        {
            ++m_base; // nothing older is pending: no need to keep it
            return;
        }
        m_flags.push_back(done ? 1 : 0);
    }

    /// @param index an item appended before: it is done now
    void SetDone(uint64_t index)
    {
        if (index < m_base)
        {
            return;
        }
        m_flags[index - m_base] = 1;
        while (!m_flags.empty() && m_flags.front() != 0)
        {
            m_flags.pop_front();
            ++m_base;
        }
    }

    /// @param index an item appended before @return true if it is done
    bool IsDone(uint64_t index) const
    {
        return index < m_base || m_flags[index - m_base] != 0;
    }

    /// @return items kept (the span from the oldest not done to the newest appended)
    uint64_t GetSpan() const
    {
        return m_flags.size();
    }

    /// @return the number of items appended so far
    uint64_t GetNAppended() const
    {
        return m_base + m_flags.size();
    }

  private:
    CompactFifo<uint8_t> m_flags; //!< from m_base on: 1 if done
    uint64_t m_base{0};           //!< every item before it is done
};

} // namespace ns3

#endif /* SCALE_ACROSS_COMPLETION_WINDOW_H */
