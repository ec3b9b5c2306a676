/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_MESSAGE_INDEX_MAP_H
#define SCALE_ACROSS_MESSAGE_INDEX_MAP_H

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-collective
 * @brief A map from message key (sender << 32 | tag) to op index, in one array (plain C++).
 *
 * A rank looks up the receive op of every message that arrives, and adds and removes one
 * entry per message. std::unordered_map allocates a node per entry, one heap allocation per
 * message; this table probes linearly in one array that keeps its storage when cleared (it
 * is reused by the next operation), so after the first operation a message allocates
 * nothing. Deletion shifts the following entries back (no tombstones), so lookups stay short
 * however many messages have passed. The table at most half full keeps probes short.
 */
class MessageIndexMap
{
  public:
    /// The key no message has (a sender rank of 2^32 - 1 is beyond any communicator).
    static constexpr uint64_t EMPTY = ~uint64_t{0};

    /// @return entries held
    size_t Size() const
    {
        return m_size;
    }

    /// @return true if no entry is held
    bool Empty() const
    {
        return m_size == 0;
    }

    /// Remove every entry; the storage stays for the next use.
    void Clear()
    {
        if (m_size != 0)
        {
            for (auto& slot : m_slots)
            {
                slot.key = EMPTY;
            }
            m_size = 0;
        }
    }

    /**
     * @brief Add an entry unless the key is held already (as std::unordered_map::emplace).
     * @param key a message key (not EMPTY)
     * @param value its op index
     */
    void Insert(uint64_t key, uint64_t value)
    {
        if (2 * (m_size + 1) > m_slots.size())
        {
            Grow();
        }
        size_t i = Home(key);
        while (m_slots[i].key != EMPTY)
        {
            if (m_slots[i].key == key)
            {
                return;
            }
            i = (i + 1) & m_mask;
        }
        m_slots[i] = Slot{key, value};
        ++m_size;
    }

    /**
     * @param key a message key
     * @return its value, or nullptr if the key is not held (valid until the next change)
     */
    const uint64_t* Find(uint64_t key) const
    {
        if (m_size == 0)
        {
            return nullptr;
        }
        for (size_t i = Home(key); m_slots[i].key != EMPTY; i = (i + 1) & m_mask)
        {
            if (m_slots[i].key == key)
            {
                return &m_slots[i].value;
            }
        }
        return nullptr;
    }

    /**
     * @param key a message key
     * @return true if it was held (and is removed now)
     */
    bool Erase(uint64_t key)
    {
        if (m_size == 0)
        {
            return false;
        }
        size_t i = Home(key);
        while (m_slots[i].key != key)
        {
            if (m_slots[i].key == EMPTY)
            {
                return false;
            }
            i = (i + 1) & m_mask;
        }
        // Backward-shift deletion: move up each later entry of the run whose home is not
        // between the hole and it, so every entry stays reachable from its home.
        size_t hole = i;
        for (size_t j = (i + 1) & m_mask; m_slots[j].key != EMPTY; j = (j + 1) & m_mask)
        {
            const size_t home = Home(m_slots[j].key);
            const bool between =
                hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!between)
            {
                m_slots[hole] = m_slots[j];
                hole = j;
            }
        }
        m_slots[hole].key = EMPTY;
        --m_size;
        return true;
    }

    /**
     * @brief Call f(key, value) for every entry, in no particular order.
     * @param f the function
     */
    template <typename F>
    void ForEach(F f) const
    {
        for (const auto& slot : m_slots)
        {
            if (slot.key != EMPTY)
            {
                f(slot.key, slot.value);
            }
        }
    }

    /// Swap contents with another map. @param other the other map
    void Swap(MessageIndexMap& other)
    {
        m_slots.swap(other.m_slots);
        std::swap(m_mask, other.m_mask);
        std::swap(m_shift, other.m_shift);
        std::swap(m_size, other.m_size);
    }

  private:
    /// One entry.
    struct Slot
    {
        uint64_t key{EMPTY}; //!< message key, or EMPTY
        uint64_t value{0};   //!< op index
    };

    /// @param key a key @return its home slot (Fibonacci hashing: the top bits of a product)
    size_t Home(uint64_t key) const
    {
        return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> m_shift);
    }

    /// Double the table (16 slots at first) and re-insert every entry.
    void Grow()
    {
        std::vector<Slot> old;
        old.swap(m_slots);
        const size_t capacity = old.empty() ? 16 : 2 * old.size();
        m_slots.assign(capacity, Slot{});
        m_mask = capacity - 1;
        m_shift = 64;
        for (size_t c = capacity; c > 1; c >>= 1)
        {
            --m_shift;
        }
        m_size = 0;
        for (const auto& slot : old)
        {
            if (slot.key != EMPTY)
            {
                Insert(slot.key, slot.value);
            }
        }
    }

    std::vector<Slot> m_slots; //!< power-of-two many slots
    size_t m_mask{0};          //!< slots - 1
    unsigned m_shift{64};      //!< 64 - log2(slots)
    size_t m_size{0};          //!< entries held
};

} // namespace ns3

#endif /* SCALE_ACROSS_MESSAGE_INDEX_MAP_H */
