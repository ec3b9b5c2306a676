/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "switch-routes.h"

#include <algorithm>
#include <iterator>
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

SwitchRoutes::Policy
SwitchRoutes::ParsePolicy(const std::string& name)
{
    if (name == "ecmp")
    {
        return Policy::ECMP;
    }
    if (name == "spray")
    {
        return Policy::SPRAY;
    }
    if (name != "adaptive")
    {
        Fail(std::ostringstream() << "ns3::PacketSwitch::Routing = " << name
                                  << " is invalid: use ecmp, spray or adaptive");
    }
    return Policy::ADAPTIVE;
}

std::string
SwitchRoutes::PolicyName(Policy policy)
{
    switch (policy)
    {
    case Policy::SPRAY:
        return "spray";
    case Policy::ADAPTIVE:
        return "adaptive";
    case Policy::ECMP:
        break;
    }
    return "ecmp";
}

void
SwitchRoutes::SetPorts(uint32_t ports)
{
    m_ports = ports;
}

void
SwitchRoutes::SetPolicy(Policy policy)
{
    m_policy = policy;
}

SwitchRoutes::Policy
SwitchRoutes::GetPolicy() const
{
    return m_policy;
}

void
SwitchRoutes::AddDownRoute(uint32_t firstHost,
                           uint32_t lastHost,
                           uint32_t firstPort,
                           uint32_t hostsPerPort)
{
    if (hostsPerPort == 0 || lastHost < firstHost ||
        firstPort + (lastHost - firstHost) / hostsPerPort >= m_ports)
    {
        Fail(std::ostringstream() << "PacketSwitch::AddDownRoute: hosts " << firstHost << " ... "
                                  << lastHost << " from port " << firstPort << ", " << hostsPerPort
                                  << " per port, do not fit " << m_ports << " ports");
    }
    const DownRoute route{firstHost, lastHost, firstPort, hostsPerPort};
    auto at =
        std::lower_bound(m_down.begin(),
                         m_down.end(),
                         firstHost,
                         [](const DownRoute& r, uint32_t host) { return r.firstHost < host; });
    if ((at != m_down.end() && at->firstHost <= lastHost) ||
        (at != m_down.begin() && std::prev(at)->lastHost >= firstHost))
    {
        Fail(std::ostringstream() << "PacketSwitch::AddDownRoute: hosts " << firstHost << " ... "
                                  << lastHost << " overlap a route");
    }
    m_down.insert(at, route);
}

void
SwitchRoutes::SetUpPorts(uint32_t firstPort, uint32_t count)
{
    if (firstPort + count > m_ports)
    {
        Fail(std::ostringstream() << "SwitchRoutes::SetUpPorts: ports " << firstPort << " + "
                                  << count << " exceed " << m_ports);
    }
    m_firstUp = firstPort;
    m_nUp = count;
}

uint32_t
SwitchRoutes::EcmpHash(uint32_t src, uint32_t dst, uint8_t flow, uint32_t seed)
{
    uint64_t x = (static_cast<uint64_t>(src) << 32) | dst;
    x ^= (static_cast<uint64_t>(flow) + 1) * 0x9E3779B97F4A7C15ULL;
    x ^= (static_cast<uint64_t>(seed) + 1) * 0xC2B2AE3D27D4EB4FULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return static_cast<uint32_t>(x >> 32);
}

uint32_t
SwitchRoutes::DownPort(uint32_t dst) const
{
    auto at =
        std::upper_bound(m_down.begin(), m_down.end(), dst, [](uint32_t host, const DownRoute& r) {
            return host < r.firstHost;
        });
    if (at != m_down.begin())
    {
        const DownRoute& r = *std::prev(at);
        if (dst <= r.lastHost)
        {
            return r.firstPort + (dst - r.firstHost) / r.hostsPerPort;
        }
    }
    return m_ports;
}

void
SwitchRoutes::SetPortUsable(uint32_t port, bool usable)
{
    if (port >= m_ports)
    {
        Fail(std::ostringstream() << "SwitchRoutes::SetPortUsable: port " << port << " of "
                                  << m_ports);
    }
    if (m_unusable.empty())
    {
        m_unusable.assign(m_ports, false);
    }
    if (m_unusable[port] == !usable)
    {
        return;
    }
    m_unusable[port] = !usable;
    if (port >= m_firstUp && port < m_firstUp + m_nUp)
    {
        if (usable)
        {
            --m_nUnusableUp;
        }
        else
        {
            ++m_nUnusableUp;
        }
    }
}

bool
SwitchRoutes::IsPortUsable(uint32_t port) const
{
    return m_unusable.empty() || !m_unusable[port];
}

uint32_t
SwitchRoutes::GetDownPort(uint32_t dst) const
{
    return DownPort(dst);
}

uint32_t
SwitchRoutes::GetFirstUpPort() const
{
    return m_firstUp;
}

uint32_t
SwitchRoutes::GetNUpPorts() const
{
    return m_nUp;
}

uint32_t
SwitchRoutes::UsableUpPorts() const
{
    return m_nUp - m_nUnusableUp;
}

uint32_t
SwitchRoutes::UsableUpPort(uint32_t k) const
{
    for (uint32_t port = m_firstUp; port < m_firstUp + m_nUp; ++port)
    {
        if (IsPortUsable(port) && k-- == 0)
        {
            return port;
        }
    }
    return m_ports;
}

uint32_t
SwitchRoutes::PathPort(uint32_t src, uint32_t dst, uint8_t flow, uint32_t seed) const
{
    // A fault that leaves no route gives the fault-free port: a path's latency is asked for
    // the path as built (a collective's credit timing), and must not stop the run.
    const uint32_t down = DownPort(dst);
    if (down != m_ports || m_nUp == 0)
    {
        return down;
    }
    if (m_nUnusableUp > 0 && UsableUpPorts() > 0)
    {
        const uint32_t n = UsableUpPorts();
        return UsableUpPort(m_policy == Policy::ECMP ? EcmpHash(src, dst, flow, seed) % n : 0);
    }
    return m_policy == Policy::ECMP ? m_firstUp + EcmpHash(src, dst, flow, seed) % m_nUp
                                    : m_firstUp;
}

uint32_t
SwitchRoutes::Route(const PacketCell& cell, uint32_t seed, const std::vector<uint64_t>& queueBytes)
{
    const uint32_t down = DownPort(cell.dst);
    if (down != m_ports || m_nUp == 0)
    {
        return down == m_ports || IsPortUsable(down) ? down : m_ports;
    }
    if (m_nUnusableUp > 0)
    {
        // After a detected fault: the same policies over the usable up ports (rare: kept off
        // the fault-free path).
        const uint32_t n = UsableUpPorts();
        if (n == 0)
        {
            return m_ports;
        }
        if (m_policy == Policy::ECMP)
        {
            return UsableUpPort(EcmpHash(cell.src, cell.dst, cell.flow, seed) % n);
        }
        uint32_t best = UsableUpPort(m_turn % n);
        for (uint32_t i = 1; m_policy == Policy::ADAPTIVE && i < n; ++i)
        {
            const uint32_t port = UsableUpPort((m_turn + i) % n);
            if (queueBytes[port] < queueBytes[best])
            {
                best = port;
            }
        }
        m_turn = (m_turn + 1) % n;
        return best;
    }
    switch (m_policy)
    {
    case Policy::ECMP:
        return m_firstUp + EcmpHash(cell.src, cell.dst, cell.flow, seed) % m_nUp;
    case Policy::SPRAY: {
        const uint32_t port = m_firstUp + m_turn;
        m_turn = (m_turn + 1) % m_nUp;
        return port;
    }
    case Policy::ADAPTIVE: {
        uint32_t best = m_firstUp + m_turn;
        for (uint32_t i = 1; i < m_nUp; ++i)
        {
            const uint32_t port = m_firstUp + (m_turn + i) % m_nUp;
            if (queueBytes[port] < queueBytes[best])
            {
                best = port;
            }
        }
        m_turn = (m_turn + 1) % m_nUp;
        return best;
    }
    }
    return m_ports;
}

} // namespace ns3
