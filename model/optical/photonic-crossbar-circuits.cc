/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PhotonicCrossbar's circuits, kept apart from its attributes and wiring and from its frame
// path: the CircuitSwitch calls of its scheduler (set up, up, release, reject, and what it
// asks), the stages a circuit's path crosses, and the NICs' requests passed to the scheduler.

#include "crossbar-endpoint.h"
#include "photonic-crossbar.h"

#include "ns3/abort.h"
#include "ns3/circuit-scheduler.h"
#include "ns3/clos-fabric.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PhotonicCrossbarCircuits");

Time
PhotonicCrossbar::EstablishCircuit(uint32_t srcPort,
                                   uint32_t srcLane,
                                   uint32_t dstPort,
                                   uint32_t dstLane,
                                   bool reconfigure)
{
    return EstablishTimedCircuit(srcPort,
                                 srcLane,
                                 dstPort,
                                 dstLane,
                                 reconfigure ? m_reconfigurationTime : Seconds(0),
                                 Time::Max());
}

Time
PhotonicCrossbar::EstablishTimedCircuit(uint32_t srcPort,
                                        uint32_t srcLane,
                                        uint32_t dstPort,
                                        uint32_t dstLane,
                                        Time setUp,
                                        Time closeAt)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane << dstPort << dstLane << setUp << closeAt);
    CheckPort(srcPort, "EstablishCircuit: source");
    CheckPort(dstPort, "EstablishCircuit: destination");
    NS_ABORT_MSG_IF(srcLane >= m_nLanes || dstLane >= m_nLanes,
                    "EstablishCircuit: lane " << std::max(srcLane, dstLane)
                                              << " is out of range (LanesPerPort = " << m_nLanes
                                              << ")");
    CrossbarPortTable& table = *m_table;
    const uint32_t in = table.End(srcPort, srcLane);
    const uint32_t out = table.End(dstPort, dstLane);
    NS_ABORT_MSG_IF(table.GetOutputEnd(in) != CrossbarPortTable::NO_END ||
                        table.GetInputEnd(out) != CrossbarPortTable::NO_END,
                    "EstablishCircuit " << srcPort << ":" << srcLane << " -> " << dstPort << ":"
                                        << dstLane << ": an end is already in use");
    NS_ABORT_MSG_IF(setUp.IsStrictlyNegative(),
                    "EstablishTimedCircuit: negative set-up time " << setUp.As(Time::NS));
    const int64_t close = closeAt == Time::Max() ? CrossbarPortTable::NEVER : closeAt.GetTimeStep();
    if (close == CrossbarPortTable::NEVER && setUp.IsStrictlyPositive() &&
        m_failedSetUps[srcPort] > 0)
    {
        // The set-up fails and the switch retries it at once: a second set-up time.
        --m_failedSetUps[srcPort];
        NS_LOG_INFO("set-up " << srcPort << " -> " << dstPort << " failed: retried");
        m_setUpFailedTrace(srcPort, dstPort);
        setUp = setUp + setUp;
    }
    // Behind a multi-stage fabric the set-up also waits for the middle path's links to drain.
    const Time start =
        m_stages ? Max(Simulator::Now(), m_stages->Route(in, srcPort, dstPort)) : Simulator::Now();
    const Time up =
        TimeStep(table.Connect(in, out, start.GetTimeStep(), setUp.GetTimeStep(), close));
    if (setUp.IsStrictlyPositive())
    {
        ++m_reconfigurations;
        m_reconfigurationTrace(srcPort, dstPort, m_reconfigurationJ);
    }
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitGranted(srcLane, dstPort);
    }
    if (up == Simulator::Now())
    {
        NotifyUp(srcPort, srcLane, dstPort, dstLane);
    }
    else
    {
        const uint32_t context = m_endpoints[srcPort] ? m_endpoints[srcPort]->GetEndpointContext()
                                                      : Simulator::GetContext();
        Simulator::ScheduleWithContext(context,
                                       up - Simulator::Now(),
                                       &PhotonicCrossbar::NotifyUp,
                                       this,
                                       srcPort,
                                       srcLane,
                                       dstPort,
                                       dstLane);
    }
    return up;
}

void
PhotonicCrossbar::NotifyUp(uint32_t srcPort, uint32_t srcLane, uint32_t dstPort, uint32_t dstLane)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane << dstPort << dstLane);
    const CrossbarPortTable& table = *m_table;
    if (table.GetOutputEnd(table.End(srcPort, srcLane)) !=
        static_cast<int64_t>(table.End(dstPort, dstLane)))
    {
        return; // torn down before it came up
    }
    m_circuitUpTrace(srcPort, srcLane, dstPort, dstLane);
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitUp(srcLane, dstPort);
    }
}

void
PhotonicCrossbar::ReleaseCircuit(uint32_t srcPort, uint32_t srcLane)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane);
    CrossbarPortTable& table = *m_table;
    const uint32_t in = table.End(srcPort, srcLane);
    const int64_t out = table.GetOutputEnd(in);
    NS_ABORT_MSG_IF(out == CrossbarPortTable::NO_END,
                    "ReleaseCircuit: port " << srcPort << " lane " << srcLane
                                            << " holds no circuit");
    const int64_t freeAt = table.Disconnect(in, Simulator::Now().GetTimeStep());
    if (m_stages)
    {
        m_stages->Release(in, TimeStep(freeAt));
    }
    const auto outEnd = static_cast<uint32_t>(out);
    m_circuitDownTrace(srcPort, srcLane, table.PortOf(outEnd), table.LaneOf(outEnd));
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitDown(srcLane);
    }
}

void
PhotonicCrossbar::RejectCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitRejected(dstPort);
    }
}

bool
PhotonicCrossbar::IsLaneIdle(uint32_t port, uint32_t lane) const
{
    return m_endpoints[port] == nullptr || m_endpoints[port]->IsLaneIdle(lane);
}

Ptr<ClosFabric>
PhotonicCrossbar::GetStages() const
{
    return m_stages;
}

bool
PhotonicCrossbar::HasFramesInFlight() const
{
    return m_bytes.inFlight > 0;
}

void
PhotonicCrossbar::SetStages(Ptr<ClosFabric> stages)
{
    NS_LOG_FUNCTION(this << stages);
    NS_ABORT_MSG_IF(m_table && m_table->GetNCircuits() > 0,
                    "ns3::PhotonicCrossbar::Stages cannot change while circuits are set up");
    m_stages = stages;
    if (m_constructed)
    {
        ApplyStages();
    }
}

void
PhotonicCrossbar::ApplyStages()
{
    if (!m_stages || !m_table)
    {
        return;
    }
    m_stages->Attach(m_nPorts, m_nLanes);
    // One logical crossbar stands for the whole path: every path of a Clos crosses the same
    // stages and fibers, so the path's figures are exact for every circuit.
    m_reconfigurationTime = m_stages->GetSetUpTime();
    m_switchingLatency = m_stages->GetPathLatency();
    m_insertionLossDb = m_stages->GetPathLossDb();
    NS_LOG_INFO("stages: set-up " << m_reconfigurationTime.As(Time::NS) << ", latency "
                                  << m_switchingLatency.As(Time::NS) << ", loss "
                                  << m_insertionLossDb << " dB");
}

void
PhotonicCrossbar::RequestCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    GetScheduler()->RequestCircuit(srcPort, dstPort);
}

void
PhotonicCrossbar::NotifyIdle(uint32_t srcPort, uint32_t srcLane)
{
    GetScheduler()->NotifyIdle(srcPort, srcLane);
}

} // namespace ns3
