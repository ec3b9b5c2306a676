/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_RECEIVE_MATCHER_H
#define SCALE_ACROSS_RECEIVE_MATCHER_H

#include "message-index-map.h"

#include "ns3/collective-schedule.h"
#include "ns3/completion-window.h"

#include <cstdint>
#include <vector>

namespace ns3
{

// Read and Arrive are inline: they run once per message.

/**
 * @ingroup scale-across-collective
 * @brief Matches one rank's arriving messages of one operation to its receive ops (plain
 * C++): those it has read, and those it has not read yet (early messages, kept until read).
 *
 * A schedule that computes which receive a message matches (CollectiveSchedule::
 * IndexesReceives, the tree) is asked on every arrival: a receive already read is pending
 * until its one message comes, so nothing is stored per receive read. Otherwise every receive
 * read is kept in a table by (sender, tag) until its message comes. Early messages are kept
 * in a table either way.
 */
class ReceiveMatcher
{
  public:
    /**
     * @brief Start matching an operation's messages (the tables keep their storage).
     * @param schedule its schedule
     * @param rank the receiving rank
     * @param early messages of it that came before it began (taken over, left empty), or
     *        nullptr if none did
     */
    void Begin(const CollectiveSchedule* schedule, uint32_t rank, MessageIndexMap* early);

    /**
     * @brief The rank read a receive op.
     * @param index its op index
     * @param peer its sender
     * @param tag its tag
     * @return true if its message came already (the receive completes now)
     */
    bool Read(uint64_t index, uint32_t peer, uint32_t tag)
    {
        const uint64_t key = Key(peer, tag);
        if (m_early.Erase(key))
        {
            return true;
        }
        if (!m_indexed)
        {
            m_expected.Insert(key, index);
        }
        return false;
    }

    /**
     * @brief A message arrived.
     * @param source its sender
     * @param tag its tag
     * @param nextRead the rank's first op not read yet
     * @param index set to the op index of its receive, if that is read
     * @return true if its receive is read (it completes now); false if kept as early
     */
    bool Arrive(uint32_t source, uint32_t tag, uint64_t nextRead, uint64_t& index)
    {
        const uint64_t key = Key(source, tag);
        if (m_indexed)
        {
            // A receive read is pending until its one message comes: this is it. (A message
            // no receive matches is kept as early, and found left over when the operation
            // ends.)
            index = m_schedule->GetRecvIndex(m_rank, source, tag);
            if (index < nextRead)
            {
                return true;
            }
        }
        else if (const uint64_t* found = m_expected.Find(key))
        {
            index = *found;
            m_expected.Erase(key);
            return true;
        }
        m_early.Insert(key, 0);
        return false;
    }

    /// @return true if no early message is kept
    bool NoEarly() const;

    /**
     * @param done which of the ops read are done
     * @param nextRead the rank's first op not read yet
     * @return the senders whose messages the receives read so far wait for, ascending
     */
    std::vector<uint32_t> GetAwaitedPeers(const CompletionWindow& done, uint64_t nextRead) const;

    /// @param source a sender @param tag a tag @return the message's key
    static uint64_t Key(uint32_t source, uint32_t tag)
    {
        return (uint64_t{source} << 32) | tag;
    }

  private:
    const CollectiveSchedule* m_schedule{nullptr}; //!< the operation's schedule
    uint32_t m_rank{0};                            //!< the receiving rank
    bool m_indexed{false};                         //!< the schedule indexes its receives
    MessageIndexMap m_expected; //!< receives read and pending, by key (unless m_indexed)
    MessageIndexMap m_early;    //!< messages whose receive is not read yet (values unused)
};

} // namespace ns3

#endif /* SCALE_ACROSS_RECEIVE_MATCHER_H */
