/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PhotonicCrossbar's frame path, kept apart from its attributes, wiring and circuits: a frame
// launched by a NIC is checked against its circuit when its head reaches the crossbar, then
// forwarded to its receiver (one pooled DeliveryEvent) or dropped, and counted either way.

#include "coherent-transceiver.h"
#include "crossbar-endpoint.h"
#include "optical-channel.h"
#include "optical-physics.h"
#include "photonic-crossbar.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PhotonicCrossbarDataPath");

void
PhotonicCrossbar::Transmit(const MacFrame& optical,
                           uint32_t srcPort,
                           uint32_t srcLane,
                           uint32_t dstPort,
                           Time serialization)
{
    const uint64_t payloadBytes = optical.GetPayloadBytes();
    m_bytes.sent += payloadBytes;
    m_bytes.inFlight += payloadBytes;
    const Frame frame{optical,
                      payloadBytes,
                      srcPort,
                      srcLane,
                      dstPort,
                      m_faults.GetEpoch(srcPort),
                      m_faults.GetEpoch(dstPort)};
    if (m_faults.AnyDown() && (!m_faults.IsUp(srcPort) || !m_faults.IsUp(dstPort)))
    {
        DropFaulted(frame, m_faults.GetLossReason(m_faults.IsUp(srcPort) ? dstPort : srcPort));
        return;
    }
    const Time fiberIn = m_fibers[srcPort]->GetDelay();
    const Time head = Simulator::Now() + fiberIn;
    const uint32_t in = m_table->End(srcPort, srcLane);
    if (m_table->Carries(in, dstPort, head.GetTimeStep()))
    {
        // Accepted circuits are never cut before they drain, so the check holds.
        Forward(frame, head, serialization);
    }
    else if (fiberIn.IsStrictlyPositive())
    {
        // The circuit may still come up before the light gets there: decide then.
        Simulator::Schedule(fiberIn,
                            &PhotonicCrossbar::CheckAtCrossbar,
                            this,
                            frame,
                            serialization);
    }
    else
    {
        DropAtCrossbar(frame, head);
    }
}

void
PhotonicCrossbar::CheckAtCrossbar(const Frame& frame, Time serialization)
{
    const Time head = Simulator::Now();
    DropReason reason;
    if (LostToFault(frame, reason))
    {
        DropFaulted(frame, reason);
        return;
    }
    if (m_table->Carries(m_table->End(frame.srcPort, frame.srcLane),
                         frame.dstPort,
                         head.GetTimeStep()))
    {
        Forward(frame, head, serialization);
    }
    else
    {
        DropAtCrossbar(frame, head);
    }
}

void
PhotonicCrossbar::Forward(const Frame& frame, Time head, Time serialization)
{
    const Time tail = head + serialization;
    m_table->Accept(m_table->End(frame.srcPort, frame.srcLane), tail.GetTimeStep());
    const CrossbarEndpoint* rx = m_endpoints[frame.dstPort];
    NS_ASSERT_MSG(rx, "a circuit leads to port " << frame.dstPort << ", which has no device");
    const CoherentTransceiver& rxXcvr = rx->GetEndpointTransceiver();
    const OpticalChannel& fiberIn = *m_fibers[frame.srcPort];
    const OpticalChannel& fiberOut = *m_fibers[frame.dstPort];
    const Time arrival = tail + m_switchingLatency + fiberOut.GetDelay() + rxXcvr.GetFixedLatency();

    optical::LinkBudget budget;
    budget.launchPowerDbm =
        m_endpoints[frame.srcPort]->GetEndpointTransceiver().GetLaunchPowerDbm();
    budget.fiberLossDb = fiberIn.GetFiberLossDb() + fiberOut.GetFiberLossDb();
    budget.crossbarLossDb = m_insertionLossDb;
    budget.connectorLossDb = fiberIn.GetConnectorLossDb() + fiberOut.GetConnectorLossDb();
    budget.sensitivityDbm = rxXcvr.GetReceiverSensitivityDbm();

    DeliveryEvent* event = m_deliveries.Take();
    event->crossbar = this;
    event->frame = frame;
    event->budgetCloses = budget.Closes();
    Simulator::ScheduleWithContext(rx->GetEndpointContext(), arrival - Simulator::Now(), event);
}

void
PhotonicCrossbar::Deliver(const Frame& frame, bool budgetCloses)
{
    DropReason reason;
    if (LostToFault(frame, reason))
    {
        DropFaulted(frame, reason);
        return;
    }
    m_bytes.inFlight -= frame.payloadBytes;
    if (budgetCloses)
    {
        m_bytes.delivered += frame.payloadBytes;
    }
    else
    {
        m_bytes.AddDropped(DropReason::LINK_BUDGET, frame.payloadBytes);
    }
    m_endpoints[frame.srcPort]->NotifyFrameArrived(frame.payloadBytes, budgetCloses);
    m_endpoints[frame.dstPort]->DeliverFrame(frame.frame, budgetCloses);
}

void
PhotonicCrossbar::DropAtCrossbar(const Frame& frame, Time head)
{
    const uint32_t in = m_table->End(frame.srcPort, frame.srcLane);
    const bool settling = m_table->GetOutputEnd(in) != CrossbarPortTable::NO_END &&
                          m_table->GetUpTime(in) > head.GetTimeStep();
    const DropReason reason = settling ? DropReason::RECONFIGURING : DropReason::NO_CIRCUIT;
    NS_LOG_LOGIC("drop " << frame.payloadBytes << " bytes on port " << frame.srcPort << ": "
                         << ToString(reason));
    m_bytes.inFlight -= frame.payloadBytes;
    m_bytes.AddDropped(reason, frame.payloadBytes);
    if (!m_dropTrace.IsEmpty())
    {
        m_dropTrace(frame.frame.ToPacket(), reason, frame.srcPort);
    }
    m_endpoints[frame.srcPort]->NotifyFrameDropped(frame.frame, reason);
}

const ByteCounters&
PhotonicCrossbar::GetByteCounters() const
{
    return m_bytes;
}

std::string
PhotonicCrossbar::GetByteCountersName() const
{
    std::ostringstream os;
    os << "PhotonicCrossbar with " << m_nPorts << " ports";
    return os.str();
}

} // namespace ns3
