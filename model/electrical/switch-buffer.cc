/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "switch-buffer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <stdexcept>

namespace ns3
{

namespace
{
/// Stop with a message (the ns-3 caller turns it into one fatal line). @param os the message
[[noreturn]] void
Fail(const std::ostream& os)
{
    throw std::invalid_argument(static_cast<const std::ostringstream&>(os).str());
}
} // namespace

SwitchBuffer::FlowControl
SwitchBuffer::ParseFlowControl(const std::string& name)
{
    if (name != "credit" && name != "pfc")
    {
        Fail(std::ostringstream() << "ns3::PacketSwitch::FlowControl = " << name
                                  << " is invalid: use credit or pfc");
    }
    return name == "pfc" ? FlowControl::PFC : FlowControl::CREDIT;
}

std::string
SwitchBuffer::FlowControlName(FlowControl fc)
{
    return fc == FlowControl::PFC ? "pfc" : "credit";
}

SwitchBuffer::Mode
SwitchBuffer::ParseMode(const std::string& name)
{
    if (name != "partitioned" && name != "shared")
    {
        Fail(std::ostringstream() << "ns3::PacketSwitch::BufferMode = " << name
                                  << " is invalid: use partitioned or shared");
    }
    return name == "shared" ? Mode::SHARED : Mode::PARTITIONED;
}

std::string
SwitchBuffer::ModeName(Mode mode)
{
    return mode == Mode::SHARED ? "shared" : "partitioned";
}

uint64_t
SwitchBuffer::InitialCredits(const Settings& s)
{
    if (s.flowControl == FlowControl::PFC)
    {
        return 0;
    }
    if (s.mode == Mode::SHARED)
    {
        return s.reservedBytes;
    }
    return std::max<uint64_t>(s.bufferBytes / s.ports, 1);
}

uint64_t
SwitchBuffer::HeadroomNeeded(uint64_t roundTripBytes, uint64_t cellWireBytes)
{
    return roundTripBytes + 2 * cellWireBytes;
}

void
SwitchBuffer::Configure(const Settings& s)
{
    if (m_configured)
    {
        Fail(std::ostringstream() << "SwitchBuffer::Configure: configured once");
    }
    m_s = s;
    m_configured = true;
    m_port.assign(s.ports, PortState());
    if (s.flowControl == FlowControl::PFC)
    {
        if (s.xonBytes > s.xoffBytes)
        {
            Fail(std::ostringstream() << "ns3::PacketSwitch::PfcXonBytes = " << s.xonBytes
                                      << " is invalid: use at most "
                                         "PfcXoffBytes = "
                                      << s.xoffBytes);
        }
        if (s.mode == Mode::PARTITIONED)
        {
            const uint64_t share = s.bufferBytes / s.ports;
            if (s.xoffBytes + s.headroomBytes > share)
            {
                Fail(std::ostringstream()
                     << "ns3::PacketSwitch::PfcXoffBytes = " << s.xoffBytes
                     << " cannot be lossless: each of the " << s.ports << " ports gets " << share
                     << " bytes of BufferBytes, which must hold PfcXoffBytes + "
                        "PfcHeadroomBytes ("
                     << s.headroomBytes << "); use at most "
                     << (share > s.headroomBytes ? share - s.headroomBytes : 0)
                     << " or raise BufferBytes");
            }
        }
        else
        {
            const uint64_t headrooms = s.headroomBytes * s.ports;
            if (headrooms >= s.bufferBytes)
            {
                Fail(std::ostringstream()
                     << "ns3::PacketSwitch::PfcHeadroomBytes = " << s.headroomBytes
                     << " leaves no shared pool: " << s.ports << " ports x " << s.headroomBytes
                     << " >= BufferBytes = " << s.bufferBytes << "; use less than "
                     << s.bufferBytes / s.ports << " or raise BufferBytes");
            }
            m_pool = s.bufferBytes - headrooms;
        }
    }
    else if (s.mode == Mode::SHARED)
    {
        if (s.reservedBytes == 0 || s.reservedBytes * s.ports > s.bufferBytes)
        {
            Fail(std::ostringstream()
                 << "ns3::PacketSwitch::SharedReservedBytes = " << s.reservedBytes
                 << " is invalid with " << s.ports << " ports and BufferBytes = " << s.bufferBytes
                 << ": use 1 ... " << s.bufferBytes / s.ports);
        }
    }
}

bool
SwitchBuffer::IsConfigured() const
{
    return m_configured;
}

const SwitchBuffer::Settings&
SwitchBuffer::GetSettings() const
{
    return m_s;
}

void
SwitchBuffer::Connect(uint32_t port, uint64_t roundTripBytes)
{
    PortState& p = m_port.at(port);
    if (m_s.flowControl == FlowControl::CREDIT)
    {
        p.allocation = InitialCredits(m_s);
        m_committed += p.allocation;
        m_maxCommitted = std::max(m_maxCommitted, m_committed);
        return;
    }
    if (HeadroomNeeded(roundTripBytes, 1) > m_s.headroomBytes)
    {
        Fail(std::ostringstream()
             << "ns3::PacketSwitch::PfcHeadroomBytes = " << m_s.headroomBytes
             << " is too small for port " << port
             << ": a pause's round trip (2 x link delay + ForwardingLatency) carries "
             << roundTripBytes << " bytes at the link's rate; use at least that + 2 cells");
    }
    p.roundTrip = roundTripBytes;
    p.cellLimit = (m_s.headroomBytes - roundTripBytes) / 2;
}

bool
SwitchBuffer::CellFits(uint32_t port, uint64_t cellWireBytes) const
{
    const PortState& p = m_port.at(port);
    if (m_s.flowControl == FlowControl::CREDIT)
    {
        return cellWireBytes <= InitialCredits(m_s);
    }
    return cellWireBytes <= p.cellLimit;
}

uint64_t
SwitchBuffer::BytesIn(uint64_t timeSteps, uint64_t bitsPerSecond, uint64_t stepsPerSecond)
{
    __extension__ typedef unsigned __int128 Wide;
    const Wide den = static_cast<Wide>(8) * stepsPerSecond;
    return static_cast<uint64_t>((static_cast<Wide>(timeSteps) * bitsPerSecond + den - 1) / den);
}

void
SwitchBuffer::CheckCell(uint32_t port, uint64_t cellWireBytes, const std::string& where) const
{
    if (CellFits(port, cellWireBytes))
    {
        return;
    }
    if (m_s.flowControl == FlowControl::CREDIT)
    {
        Fail(std::ostringstream()
             << "ns3::PacketSwitch::"
             << (m_s.mode == Mode::SHARED ? "SharedReservedBytes" : "BufferBytes")
             << " is too small: port " << port << " of " << where << " gets " << InitialCredits(m_s)
             << " bytes of credit, less than one cell of " << cellWireBytes << " wire bytes");
    }
    Fail(std::ostringstream() << "ns3::PacketSwitch::PfcHeadroomBytes = " << m_s.headroomBytes
                              << " is too small for port " << port << " of " << where
                              << " with cells of " << cellWireBytes << " wire bytes: use at least "
                              << HeadroomNeeded(m_port.at(port).roundTrip, cellWireBytes)
                              << " (2 x link delay + ForwardingLatency at the link's rate + 2 "
                                 "cells), or smaller ns3::PacketNetDevice::CellBytes");
}

double
SwitchBuffer::DynamicLimit() const
{
    if (m_s.flowControl == FlowControl::PFC)
    {
        return m_s.alpha * (static_cast<double>(m_pool) - static_cast<double>(m_total));
    }
    return m_s.alpha * static_cast<double>(m_s.bufferBytes - m_committed);
}

SwitchBuffer::Arrival
SwitchBuffer::Arrive(uint32_t port, uint32_t wire)
{
    PortState& p = m_port[port];
    p.bytes += wire;
    p.maxBytes = std::max(p.maxBytes, p.bytes);
    m_total += wire;
    Arrival a;
    if (m_s.flowControl == FlowControl::PFC)
    {
        if (wire > p.cellLimit)
        {
            CheckCell(port, wire, "this switch");
        }
        if (!p.paused)
        {
            double limit = static_cast<double>(m_s.xoffBytes);
            if (m_s.mode == Mode::SHARED)
            {
                limit = std::min(limit, DynamicLimit());
            }
            a.pause = static_cast<double>(p.bytes) >= limit;
            p.paused = a.pause;
        }
        return a;
    }
    if (m_s.mode == Mode::SHARED)
    {
        const uint64_t free = m_s.bufferBytes - m_committed;
        const double target = static_cast<double>(m_s.reservedBytes) + DynamicLimit();
        const double room = target - static_cast<double>(p.allocation);
        if (room > 0)
        {
            // A credit return carries at most 4 GiB (the next arrival grants the rest).
            a.grant = std::min(
                {free, static_cast<uint64_t>(room / (1 + m_s.alpha)), uint64_t{UINT32_MAX}});
            p.allocation += a.grant;
            m_committed += a.grant;
            m_maxCommitted = std::max(m_maxCommitted, m_committed);
        }
    }
    return a;
}

SwitchBuffer::Departure
SwitchBuffer::Depart(uint32_t port, uint32_t wire)
{
    PortState& p = m_port[port];
    p.bytes -= wire;
    m_total -= wire;
    Departure d;
    if (m_s.flowControl == FlowControl::PFC)
    {
        if (p.paused)
        {
            bool resume = p.bytes <= m_s.xonBytes;
            if (m_s.mode == Mode::SHARED)
            {
                resume = p.bytes == 0 || (resume && static_cast<double>(p.bytes) < DynamicLimit());
            }
            d.resume = resume;
            p.paused = !resume;
        }
        return d;
    }
    d.credits = wire;
    if (m_s.mode == Mode::SHARED)
    {
        // Above its limit a port gives the cell's credits back to the pool, not to its sender.
        const auto limit = static_cast<uint64_t>(static_cast<double>(m_s.reservedBytes) +
                                                 std::max(0.0, DynamicLimit()));
        if (p.allocation > limit)
        {
            const uint64_t release = std::min<uint64_t>(wire, p.allocation - limit);
            p.allocation -= release;
            m_committed -= release;
            d.credits -= release;
        }
    }
    return d;
}

uint64_t
SwitchBuffer::GetIngressBytes(uint32_t port) const
{
    return m_port.at(port).bytes;
}

uint64_t
SwitchBuffer::GetMaxIngressBytes(uint32_t port) const
{
    return m_port.at(port).maxBytes;
}

uint64_t
SwitchBuffer::GetAllocation(uint32_t port) const
{
    return m_port.at(port).allocation;
}

bool
SwitchBuffer::IsPaused(uint32_t port) const
{
    return m_port.at(port).paused;
}

uint64_t
SwitchBuffer::GetCommittedBytes() const
{
    return m_committed;
}

uint64_t
SwitchBuffer::GetMaxCommittedBytes() const
{
    return m_maxCommitted;
}

uint64_t
SwitchBuffer::GetPoolBytes() const
{
    return m_pool;
}

} // namespace ns3
