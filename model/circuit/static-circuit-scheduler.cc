/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "static-circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <algorithm>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("StaticCircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(StaticCircuitScheduler);

TypeId
StaticCircuitScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StaticCircuitScheduler")
                            .SetParent<CircuitScheduler>()
                            .SetGroupName("ScaleAcross")
                            .AddConstructor<StaticCircuitScheduler>();
    return tid;
}

StaticCircuitScheduler::StaticCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

StaticCircuitScheduler::~StaticCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
StaticCircuitScheduler::AddCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    NS_ABORT_MSG_IF(srcPort == dstPort,
                    "StaticCircuitScheduler::AddCircuit(" << srcPort << ", " << dstPort
                                                          << "): a circuit joins two different "
                                                             "ports");
    m_circuits.emplace_back(srcPort, dstPort);
}

void
StaticCircuitScheduler::AddRing(uint32_t ports, uint32_t step)
{
    NS_ABORT_MSG_IF(ports < 2,
                    "StaticCircuitScheduler::AddRing: ports = " << ports
                                                                << " is invalid: a ring has >= 2");
    NS_ABORT_MSG_IF(step == 0 || step >= ports,
                    "StaticCircuitScheduler::AddRing: step = " << step << " is invalid: use 1 ... "
                                                               << ports - 1);
    for (uint32_t i = 0; i < ports; ++i)
    {
        AddCircuit(i, (i + step) % ports);
    }
}

const std::vector<std::pair<uint32_t, uint32_t>>&
StaticCircuitScheduler::GetCircuits() const
{
    return m_circuits;
}

uint32_t
StaticCircuitScheduler::GetLanesNeeded() const
{
    std::unordered_map<uint32_t, uint32_t> out;
    std::unordered_map<uint32_t, uint32_t> in;
    uint32_t lanes = 1;
    for (const auto& [src, dst] : m_circuits)
    {
        lanes = std::max({lanes, ++out[src], ++in[dst]});
    }
    return lanes;
}

void
StaticCircuitScheduler::Start()
{
    NS_LOG_FUNCTION(this);
    CircuitSwitch& xbar = Switch();
    const CrossbarPortTable& table = xbar.GetPortTable();
    for (const auto& [src, dst] : m_circuits)
    {
        NS_ABORT_MSG_IF(src >= table.GetNPorts() || dst >= table.GetNPorts(),
                        "StaticCircuitScheduler: circuit "
                            << src << " -> " << dst
                            << " names a port >= NumPorts = " << table.GetNPorts());
        const int64_t inLane = table.FindFreeInputLane(src);
        const int64_t outLane = table.FindFreeOutputLane(dst);
        NS_ABORT_MSG_IF(inLane < 0 || outLane < 0,
                        "StaticCircuitScheduler: circuit "
                            << src << " -> " << dst << " does not fit: port "
                            << (inLane < 0 ? src : dst) << " has no free "
                            << (inLane < 0 ? "input" : "output")
                            << " lane left (LanesPerPort = " << table.GetNLanes()
                            << "); a static set may use each port at most LanesPerPort times "
                               "per direction");
        xbar.EstablishCircuit(src, inLane, dst, outLane, false);
    }
}

void
StaticCircuitScheduler::RequestCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    Switch().RejectCircuit(srcPort, dstPort);
}

void
StaticCircuitScheduler::NotifyIdle(uint32_t srcPort, uint32_t srcLane)
{
    // Static circuits stay up whether they carry traffic or not.
}

void
StaticCircuitScheduler::NotifyPortChange(uint32_t port, bool up)
{
    NS_LOG_FUNCTION(this << port << up);
    if (!up)
    {
        CircuitScheduler::NotifyPortChange(port, up);
        return;
    }
    CircuitSwitch& xbar = Switch();
    const CrossbarPortTable& table = xbar.GetPortTable();
    for (const auto& [src, dst] : m_circuits)
    {
        if ((src != port && dst != port) || !xbar.IsPortUp(src) || !xbar.IsPortUp(dst))
        {
            continue;
        }
        const int64_t inLane = table.FindFreeInputLane(src);
        const int64_t outLane = table.FindFreeOutputLane(dst);
        // Start left the set's lanes for it, and the fault tore down only its circuits.
        NS_ASSERT(inLane >= 0 && outLane >= 0);
        NS_LOG_LOGIC("repair: circuit " << src << " -> " << dst << " set up again");
        xbar.EstablishCircuit(src, inLane, dst, outLane, true);
    }
}

} // namespace ns3
