/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crossbar-port-table.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

CrossbarPortTable::CrossbarPortTable(uint32_t ports, uint32_t lanes)
    : m_ports(ports),
      m_lanes(lanes)
{
    if (ports == 0 || lanes == 0)
    {
        throw std::invalid_argument("CrossbarPortTable needs at least one port and one lane, got " +
                                    std::to_string(ports) + " ports and " + std::to_string(lanes) +
                                    " lanes");
    }
    const size_t ends = static_cast<size_t>(ports) * lanes;
    m_outOf.assign(ends, NO_END);
    m_inOf.assign(ends, NO_END);
    m_upAt.assign(ends, 0);
    m_drainAt.assign(ends, 0);
    m_closeAt.assign(ends, NEVER);
    m_inFreeAt.assign(ends, 0);
    m_outFreeAt.assign(ends, 0);
}

uint32_t
CrossbarPortTable::GetNPorts() const
{
    return m_ports;
}

uint32_t
CrossbarPortTable::GetNLanes() const
{
    return m_lanes;
}

uint32_t
CrossbarPortTable::End(uint32_t port, uint32_t lane) const
{
    return port * m_lanes + lane;
}

uint32_t
CrossbarPortTable::PortOf(uint32_t end) const
{
    return end / m_lanes;
}

uint32_t
CrossbarPortTable::LaneOf(uint32_t end) const
{
    return end % m_lanes;
}

int64_t
CrossbarPortTable::GetOutputEnd(uint32_t inEnd) const
{
    return m_outOf[inEnd];
}

int64_t
CrossbarPortTable::GetInputEnd(uint32_t outEnd) const
{
    return m_inOf[outEnd];
}

int64_t
CrossbarPortTable::GetUpTime(uint32_t inEnd) const
{
    return m_upAt[inEnd];
}

int64_t
CrossbarPortTable::GetDrainTime(uint32_t inEnd) const
{
    return m_drainAt[inEnd];
}

int64_t
CrossbarPortTable::GetCloseTime(uint32_t inEnd) const
{
    return m_closeAt[inEnd];
}

int64_t
CrossbarPortTable::FindFreeInputLane(uint32_t port) const
{
    for (uint32_t lane = 0; lane < m_lanes; ++lane)
    {
        if (m_outOf[End(port, lane)] == NO_END)
        {
            return lane;
        }
    }
    return -1;
}

int64_t
CrossbarPortTable::FindFreeOutputLane(uint32_t port) const
{
    for (uint32_t lane = 0; lane < m_lanes; ++lane)
    {
        if (m_inOf[End(port, lane)] == NO_END)
        {
            return lane;
        }
    }
    return -1;
}

int64_t
CrossbarPortTable::Connect(uint32_t inEnd,
                           uint32_t outEnd,
                           int64_t now,
                           int64_t reconfiguration,
                           int64_t closeAt)
{
    if (m_outOf[inEnd] != NO_END || m_inOf[outEnd] != NO_END)
    {
        throw std::logic_error("CrossbarPortTable::Connect on a busy end (input " +
                               std::to_string(inEnd) + ", output " + std::to_string(outEnd) + ")");
    }
    m_outOf[inEnd] = outEnd;
    m_inOf[outEnd] = inEnd;
    const int64_t start = std::max({now, m_inFreeAt[inEnd], m_outFreeAt[outEnd]});
    m_upAt[inEnd] = start + reconfiguration;
    m_drainAt[inEnd] = std::max(m_drainAt[inEnd], m_upAt[inEnd]);
    m_closeAt[inEnd] = closeAt;
    ++m_circuits;
    return m_upAt[inEnd];
}

int64_t
CrossbarPortTable::Disconnect(uint32_t inEnd, int64_t now)
{
    const int64_t outEnd = m_outOf[inEnd];
    if (outEnd == NO_END)
    {
        throw std::logic_error("CrossbarPortTable::Disconnect on input end " +
                               std::to_string(inEnd) + ", which holds no circuit");
    }
    const int64_t freeAt = std::max(now, m_drainAt[inEnd]);
    m_outOf[inEnd] = NO_END;
    m_inOf[outEnd] = NO_END;
    m_inFreeAt[inEnd] = freeAt;
    m_outFreeAt[outEnd] = freeAt;
    m_closeAt[inEnd] = NEVER;
    --m_circuits;
    return freeAt;
}

bool
CrossbarPortTable::Carries(uint32_t inEnd, uint32_t outPort, int64_t head) const
{
    const int64_t outEnd = m_outOf[inEnd];
    return outEnd != NO_END && PortOf(static_cast<uint32_t>(outEnd)) == outPort &&
           m_upAt[inEnd] <= head;
}

void
CrossbarPortTable::Accept(uint32_t inEnd, int64_t tail)
{
    m_drainAt[inEnd] = std::max(m_drainAt[inEnd], tail);
}

uint64_t
CrossbarPortTable::GetNCircuits() const
{
    return m_circuits;
}

} // namespace ns3
