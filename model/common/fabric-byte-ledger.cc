/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-byte-ledger.h"

#include <sstream>

namespace ns3
{

void
FabricByteLedger::Resize(uint32_t ports)
{
    m_ports.resize(ports);
}

void
FabricByteLedger::Launched(uint32_t port, uint64_t bytes)
{
    m_ports[port].inFlight += bytes;
}

void
FabricByteLedger::DroppedAtCrossbar(uint32_t port, uint64_t bytes)
{
    m_ports[port].inFlight -= bytes;
    m_ports[port].droppedAtCrossbar += bytes;
}

void
FabricByteLedger::Arrived(uint32_t port, uint64_t bytes, bool decoded)
{
    Port& p = m_ports[port];
    p.inFlight -= bytes;
    (decoded ? p.delivered : p.lostToLinkBudget) += bytes;
}

const FabricByteLedger::Port&
FabricByteLedger::Get(uint32_t port) const
{
    return m_ports[port];
}

std::string
FabricByteLedger::Check(const DeviceCounts& device, const Port& port)
{
    const uint64_t accounted = device.droppedAtSender + port.droppedAtCrossbar + device.queued +
                               port.inFlight + port.delivered + port.lostToLinkBudget;
    if (accounted == device.sent && device.droppedAtCrossbar == port.droppedAtCrossbar)
    {
        return "";
    }
    std::ostringstream os;
    os << "sent " << device.sent << " B != dropped at the sender " << device.droppedAtSender
       << " + dropped at the crossbar " << port.droppedAtCrossbar << " (device counted "
       << device.droppedAtCrossbar << ") + queued " << device.queued << " + in flight "
       << port.inFlight << " + delivered " << port.delivered << " + lost to the link budget "
       << port.lostToLinkBudget << " = " << accounted << " B";
    return os.str();
}

} // namespace ns3
