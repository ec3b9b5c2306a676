/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "receive-matcher.h"

#include "ns3/collective-schedule.h"

#include <algorithm>

namespace ns3
{

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
