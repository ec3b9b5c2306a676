/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "byte-counters.h"

#include <sstream>

namespace ns3
{

uint64_t
ByteCounters::GetDropped(DropReason reason) const
{
    return dropped[static_cast<size_t>(reason)];
}

uint64_t
ByteCounters::GetDropped() const
{
    uint64_t sum = 0;
    for (uint64_t b : dropped)
    {
        sum += b;
    }
    return sum;
}

uint64_t
ByteCounters::GetLostToFaults() const
{
    return GetDropped(DropReason::LINK_DOWN) + GetDropped(DropReason::DEVICE_FAILED);
}

void
ByteCounters::AddDropped(DropReason reason, uint64_t bytes)
{
    dropped[static_cast<size_t>(reason)] += bytes;
}

bool
ByteCounters::IsBalanced() const
{
    return sent + relayed == delivered + queued + inFlight + GetDropped();
}

std::string
ByteCounters::Describe() const
{
    const uint64_t accounted = delivered + queued + inFlight + GetDropped();
    std::ostringstream os;
    const uint64_t given = sent + relayed;
    os << "sent " << sent << " B ";
    if (relayed != 0)
    {
        os << "+ relayed " << relayed << " B ";
    }
    os << (given == accounted ? "=" : "!=") << " delivered " << delivered << " + queued " << queued
       << " + in flight " << inFlight << " + dropped " << GetDropped();
    bool any = false;
    for (size_t r = 0; r < dropped.size(); ++r)
    {
        if (dropped[r] != 0)
        {
            os << (any ? ", " : " (") << ToString(static_cast<DropReason>(r)) << " " << dropped[r];
            any = true;
        }
    }
    os << (any ? ")" : "") << " = " << accounted << " B";
    return os.str();
}

ByteCounters&
ByteCounters::operator+=(const ByteCounters& other)
{
    sent += other.sent;
    delivered += other.delivered;
    queued += other.queued;
    inFlight += other.inFlight;
    relayed += other.relayed;
    for (size_t r = 0; r < dropped.size(); ++r)
    {
        dropped[r] += other.dropped[r];
    }
    return *this;
}

} // namespace ns3
