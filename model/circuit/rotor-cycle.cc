/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rotor-cycle.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

RotorCycle::RotorCycle(uint32_t ports, uint32_t lanes, int64_t slot, int64_t setUp)
    : m_ports(ports),
      m_lanes(lanes),
      m_slot(slot),
      m_setUp(setUp)
{
    if (ports < 2)
    {
        throw std::invalid_argument("RotorCycle needs at least 2 ports, got " +
                                    std::to_string(ports));
    }
    if (lanes == 0 || lanes > ports - 1)
    {
        throw std::invalid_argument("RotorCycle: " + std::to_string(lanes) +
                                    " lanes per port is invalid for " + std::to_string(ports) +
                                    " ports: use 1 ... " + std::to_string(ports - 1) +
                                    " (one matching per lane and slot)");
    }
    if (slot <= 0 || setUp < 0 || setUp >= slot)
    {
        throw std::invalid_argument("RotorCycle: a slot of " + std::to_string(slot) +
                                    " ticks with a set-up of " + std::to_string(setUp) +
                                    " ticks is invalid: use slot > 0 and 0 <= set-up < slot");
    }
}

uint32_t
RotorCycle::GetNPorts() const
{
    return m_ports;
}

uint32_t
RotorCycle::GetNLanes() const
{
    return m_lanes;
}

int64_t
RotorCycle::GetSlot() const
{
    return m_slot;
}

int64_t
RotorCycle::GetSetUp() const
{
    return m_setUp;
}

uint64_t
RotorCycle::GetCycleSlots() const
{
    return (m_ports - 1 + m_lanes - 1) / m_lanes;
}

uint64_t
RotorCycle::SlotAt(int64_t tick) const
{
    return tick <= 0 ? 0 : static_cast<uint64_t>(tick / m_slot);
}

int64_t
RotorCycle::SlotStart(uint64_t slot) const
{
    return static_cast<int64_t>(slot) * m_slot;
}

int64_t
RotorCycle::UpTime(uint64_t slot) const
{
    return SlotStart(slot) + m_setUp;
}

int64_t
RotorCycle::CloseTime(uint64_t slot) const
{
    return SlotStart(slot) + m_slot;
}

uint32_t
RotorCycle::Shift(uint64_t slot, uint32_t lane) const
{
    const uint64_t matchings = m_ports - 1;
    return static_cast<uint32_t>(((slot % matchings) * m_lanes + lane) % matchings) + 1;
}

uint32_t
RotorCycle::Peer(uint32_t port, uint64_t slot, uint32_t lane) const
{
    return static_cast<uint32_t>((uint64_t{port} + Shift(slot, lane)) % m_ports);
}

uint64_t
RotorCycle::NextSlot(uint32_t src, uint32_t dst, uint64_t from, uint32_t& lane) const
{
    if (src == dst || src >= m_ports || dst >= m_ports)
    {
        throw std::invalid_argument("RotorCycle::NextSlot(" + std::to_string(src) + ", " +
                                    std::to_string(dst) + "): two different ports below " +
                                    std::to_string(m_ports));
    }
    const uint32_t shift = (dst + m_ports - src) % m_ports;
    // The lanes' shifts repeat every N - 1 slots, so one period holds the answer.
    for (uint64_t s = from; s < from + m_ports - 1; ++s)
    {
        for (uint32_t l = 0; l < m_lanes; ++l)
        {
            if (Shift(s, l) == shift)
            {
                lane = l;
                return s;
            }
        }
    }
    throw std::logic_error("RotorCycle::NextSlot: no slot joins the ports");
}

int64_t
RotorCycle::DirectStart(uint32_t src, uint32_t dst, int64_t tick, int64_t occupy, uint32_t& lane)
    const
{
    if (occupy > m_slot - m_setUp)
    {
        throw std::invalid_argument("RotorCycle::DirectStart: " + std::to_string(occupy) +
                                    " ticks do not fit in a slot's " +
                                    std::to_string(m_slot - m_setUp));
    }
    uint64_t slot = SlotAt(tick);
    while (true)
    {
        slot = NextSlot(src, dst, slot, lane);
        const int64_t start = std::max(tick, UpTime(slot));
        if (start + occupy <= CloseTime(slot))
        {
            return start;
        }
        ++slot;
    }
}

} // namespace ns3
