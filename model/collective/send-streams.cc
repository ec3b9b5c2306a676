/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "send-streams.h"

#include <utility>

namespace ns3
{

void
SendStreams::Reset(size_t expected)
{
    for (size_t i = 0; i < m_inUse; ++i)
    {
        m_streams[i].ops.clear();
        m_streams[i].headRead = false;
        m_streams[i].inFlight = 0;
    }
    m_inUse = 0;
    m_streams.reserve(expected);
}

size_t
SendStreams::FindOrAdd(uint64_t key)
{
    const size_t found = Find(key);
    if (found != NONE)
    {
        return found;
    }
    if (m_inUse == m_streams.size())
    {
        m_streams.emplace_back();
    }
    Stream& stream = m_streams[m_inUse];
    stream.key = key;
    stream.headRead = false;
    return m_inUse++;
}

void
SendStreams::Remove(size_t i)
{
    std::swap(m_streams[i], m_streams[--m_inUse]);
}

} // namespace ns3
