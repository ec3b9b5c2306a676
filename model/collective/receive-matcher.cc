/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "receive-matcher.h"

#include "ns3/collective-schedule.h"

#include <algorithm>

namespace ns3
{

uint64_t
ReceiveMatcher::Key(uint32_t source, uint32_t tag)
{
    return (uint64_t{source} << 32) | tag;
}

void
ReceiveMatcher::Begin(const CollectiveSchedule* schedule, uint32_t rank, MessageIndexMap* early)
{
    m_schedule = schedule;
    m_rank = rank;
    m_indexed = schedule->IndexesReceives();
    m_expected.Clear();
    m_early.Clear();
    if (early)
    {
        m_early.Swap(*early);
    }
}

bool
ReceiveMatcher::Read(uint64_t index, uint32_t peer, uint32_t tag)
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

bool
ReceiveMatcher::Arrive(uint32_t source, uint32_t tag, uint64_t nextRead, uint64_t& index)
{
    const uint64_t key = Key(source, tag);
    if (m_indexed)
    {
        // A receive read is pending until its one message comes: this is it. (A message no
        // receive matches is kept as early, and found left over when the operation ends.)
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

bool
ReceiveMatcher::NoEarly() const
{
    return m_early.Empty();
}

std::vector<uint32_t>
ReceiveMatcher::GetAwaitedPeers(const CompletionWindow& done, uint64_t nextRead) const
{
    std::vector<uint32_t> peers;
    if (m_indexed)
    {
        // Diagnostics only (a failed operation's description): the ops read and not done,
        // which is a window, not the schedule. A receive whose reduction runs counts too.
        for (uint64_t i = done.GetNAppended() - done.GetSpan(); i < nextRead; ++i)
        {
            if (!done.IsDone(i))
            {
                peers.push_back(m_schedule->GetOp(m_rank, i).peer);
            }
        }
    }
    else
    {
        m_expected.ForEach([&peers](uint64_t key, uint64_t) {
            peers.push_back(static_cast<uint32_t>(key >> 32));
        });
    }
    std::sort(peers.begin(), peers.end());
    peers.erase(std::unique(peers.begin(), peers.end()), peers.end());
    return peers;
}

} // namespace ns3
