/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COMPACT_FIFO_H
#define SCALE_ACROSS_COMPACT_FIFO_H

#include <cstddef>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief A first-in first-out queue on one vector (plain C++).
 *
 * std::deque allocates 512 bytes and a block map as soon as it exists; with a queue per
 * (peer, flow) on every endpoint of a 65,536-endpoint fabric that is hundreds of MiB of empty
 * queues. This one allocates nothing while empty, and keeps its storage when it empties, so a
 * queue that fills and drains every step allocates nothing after the first.
 */
template <typename T>
class CompactFifo
{
  public:
    /// @return true if nothing is queued
    bool empty() const
    {
        return m_head == m_items.size();
    }

    /// @return items queued
    size_t size() const
    {
        return m_items.size() - m_head;
    }

    /// @return the oldest item (the queue must not be empty)
    T& front()
    {
        return m_items[m_head];
    }

    /// @return the oldest item (the queue must not be empty)
    const T& front() const
    {
        return m_items[m_head];
    }

    /// @param i position from the oldest (0) @return that item (i < size())
    const T& operator[](size_t i) const
    {
        return m_items[m_head + i];
    }

    /// @param i position from the oldest (0) @return that item (i < size())
    T& operator[](size_t i)
    {
        return m_items[m_head + i];
    }

    /// @param item appended as the newest
    void push_back(T item)
    {
        if (m_head > 0 && m_head == m_items.size())
        {
            clear(); // empty: start again at the front of the storage
        }
        m_items.push_back(std::move(item));
    }

    /// Remove the oldest item (the queue must not be empty).
    void pop_front()
    {
        m_items[m_head++] = T();
        if (m_head == m_items.size())
        {
            clear();
        }
        else if (m_head >= 32 && 2 * m_head >= m_items.size())
        {
            // More than half is consumed: move the rest to the front (amortized O(1)).
            m_items.erase(m_items.begin(), m_items.begin() + static_cast<std::ptrdiff_t>(m_head));
            m_head = 0;
        }
    }

    /// Remove everything (the storage stays).
    void clear()
    {
        m_items.clear();
        m_head = 0;
    }

    /// @return the items, oldest first, as a vector (the queue is left empty)
    std::vector<T> take()
    {
        std::vector<T> out(
            std::make_move_iterator(m_items.begin() + static_cast<std::ptrdiff_t>(m_head)),
            std::make_move_iterator(m_items.end()));
        clear();
        return out;
    }

  private:
    std::vector<T> m_items; //!< storage; [m_head, end) are queued
    size_t m_head{0};       //!< index of the oldest item
};

} // namespace ns3

#endif /* SCALE_ACROSS_COMPACT_FIFO_H */
