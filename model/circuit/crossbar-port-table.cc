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
    const size_t slots = static_cast<size_t>(ports) * lanes;
    m_outOf.assign(slots, NO_SLOT);
    m_inOf.assign(slots, NO_SLOT);
    m_upAt.assign(slots, 0);
    m_drainAt.assign(slots, 0);
    m_inFreeAt.assign(slots, 0);
    m_outFreeAt.assign(slots, 0);
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
CrossbarPortTable::Slot(uint32_t port, uint32_t lane) const
{
    return port * m_lanes + lane;
}

uint32_t
CrossbarPortTable::PortOf(uint32_t slot) const
{
    return slot / m_lanes;
}

uint32_t
CrossbarPortTable::LaneOf(uint32_t slot) const
{
    return slot % m_lanes;
}

int64_t
CrossbarPortTable::GetOutputSlot(uint32_t inSlot) const
{
    return m_outOf[inSlot];
}

int64_t
CrossbarPortTable::GetInputSlot(uint32_t outSlot) const
{
    return m_inOf[outSlot];
}

int64_t
CrossbarPortTable::GetUpTime(uint32_t inSlot) const
{
    return m_upAt[inSlot];
}

int64_t
CrossbarPortTable::GetDrainTime(uint32_t inSlot) const
{
    return m_drainAt[inSlot];
}

int64_t
CrossbarPortTable::FindFreeInputLane(uint32_t port) const
{
    for (uint32_t lane = 0; lane < m_lanes; ++lane)
    {
        if (m_outOf[Slot(port, lane)] == NO_SLOT)
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
        if (m_inOf[Slot(port, lane)] == NO_SLOT)
        {
            return lane;
        }
    }
    return -1;
}

int64_t
CrossbarPortTable::Connect(uint32_t inSlot, uint32_t outSlot, int64_t now, int64_t reconfiguration)
{
    if (m_outOf[inSlot] != NO_SLOT || m_inOf[outSlot] != NO_SLOT)
    {
        throw std::logic_error("CrossbarPortTable::Connect on a busy slot (input " +
                               std::to_string(inSlot) + ", output " + std::to_string(outSlot) +
                               ")");
    }
    m_outOf[inSlot] = outSlot;
    m_inOf[outSlot] = inSlot;
    const int64_t start = std::max({now, m_inFreeAt[inSlot], m_outFreeAt[outSlot]});
    m_upAt[inSlot] = start + reconfiguration;
    m_drainAt[inSlot] = std::max(m_drainAt[inSlot], m_upAt[inSlot]);
    ++m_circuits;
    return m_upAt[inSlot];
}

int64_t
CrossbarPortTable::Disconnect(uint32_t inSlot, int64_t now)
{
    const int64_t outSlot = m_outOf[inSlot];
    if (outSlot == NO_SLOT)
    {
        throw std::logic_error("CrossbarPortTable::Disconnect on input slot " +
                               std::to_string(inSlot) + ", which holds no circuit");
    }
    const int64_t freeAt = std::max(now, m_drainAt[inSlot]);
    m_outOf[inSlot] = NO_SLOT;
    m_inOf[outSlot] = NO_SLOT;
    m_inFreeAt[inSlot] = freeAt;
    m_outFreeAt[outSlot] = freeAt;
    --m_circuits;
    return freeAt;
}

bool
CrossbarPortTable::Carries(uint32_t inSlot, uint32_t outPort, int64_t head) const
{
    const int64_t outSlot = m_outOf[inSlot];
    return outSlot != NO_SLOT && PortOf(static_cast<uint32_t>(outSlot)) == outPort &&
           m_upAt[inSlot] <= head;
}

void
CrossbarPortTable::Accept(uint32_t inSlot, int64_t tail)
{
    m_drainAt[inSlot] = std::max(m_drainAt[inSlot], tail);
}

uint64_t
CrossbarPortTable::GetNCircuits() const
{
    return m_circuits;
}

} // namespace ns3
