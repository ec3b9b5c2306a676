/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// OpticalNetDevice's data path, kept apart from its attributes and wiring: frames handed to
// Send, queued per destination (or held for a relay), started on a lane when its circuit is up
// and the frame fits before it closes, what the crossbar tells the NIC about its circuits and
// frames, whole frames delivered to the node, losses, and the counters they keep.

#include "coherent-transceiver.h"
#include "optical-channel.h"
#include "optical-net-device.h"
#include "photonic-crossbar.h"

#include "ns3/abort.h"
#include "ns3/circuit-scheduler.h"
#include "ns3/fabric-flow-tag.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OpticalNetDeviceDataPath");

uint64_t
OpticalNetDevice::GetTxBytes() const
{
    return m_bytes.sent;
}

uint64_t
OpticalNetDevice::GetRxBytes() const
{
    return m_rxBytes;
}

uint64_t
OpticalNetDevice::GetRxFrames() const
{
    return m_rxFrames;
}

uint64_t
OpticalNetDevice::GetDroppedBytes(DropReason reason) const
{
    return m_bytes.GetDropped(reason);
}

uint64_t
OpticalNetDevice::GetDroppedBytes() const
{
    return m_bytes.GetDropped();
}

uint64_t
OpticalNetDevice::GetQueuedBytes() const
{
    return m_bytes.queued;
}

const ByteCounters&
OpticalNetDevice::GetByteCounters() const
{
    return m_bytes;
}

std::string
OpticalNetDevice::GetByteCountersName() const
{
    std::ostringstream os;
    os << "OpticalNetDevice " << m_address << " on port " << m_port << " (node "
       << (m_node ? m_node->GetId() : 0) << ")";
    return os.str();
}

bool
OpticalNetDevice::IsLaneIdle(uint32_t lane) const
{
    return m_queues.IsLaneIdle(lane);
}

bool
OpticalNetDevice::IsMtuLimited(uint16_t protocol)
{
    return protocol == 0x0800 || protocol == 0x0806 || protocol == 0x86DD;
}

void
OpticalNetDevice::CountDrop(Ptr<const Packet> packet, DropReason reason, uint64_t payloadBytes)
{
    NS_LOG_LOGIC("drop " << payloadBytes << " bytes: " << ToString(reason));
    m_bytes.AddDropped(reason, payloadBytes);
    m_dropTrace(packet, reason);
}

void
OpticalNetDevice::DropQueuedFrame(const MacFrame& frame, DropReason reason)
{
    const uint64_t bytes = frame.GetPayloadBytes();
    m_bytes.queued -= bytes;
    NS_LOG_LOGIC("drop " << bytes << " bytes: " << ToString(reason));
    m_bytes.AddDropped(reason, bytes);
    if (!m_macTxDropTrace.IsEmpty() || !m_dropTrace.IsEmpty())
    {
        // A queued frame is seen with its MAC header, as it was queued.
        const Ptr<const Packet> framed = frame.ToPacket();
        m_macTxDropTrace(framed);
        m_dropTrace(framed, reason);
    }
}

bool
OpticalNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return DoSend(packet, m_addressKey, dest, protocolNumber);
}

bool
OpticalNetDevice::SendFrom(Ptr<Packet> packet,
                           const Address& source,
                           const Address& dest,
                           uint16_t protocolNumber)
{
    return DoSend(packet, MacFrame::ToKey(Mac48Address::ConvertFrom(source)), dest, protocolNumber);
}

bool
OpticalNetDevice::DoSend(Ptr<Packet> packet,
                         uint64_t source,
                         const Address& dest,
                         uint16_t protocolNumber)
{
    NS_ABORT_MSG_IF(!m_crossbar,
                    "OpticalNetDevice::Send on a device that is not attached to a crossbar "
                    "(use OpticalFabricHelper::Install)");
    bool changed = false;
    const uint64_t to = m_destinations.Get(dest, changed);
    if (changed)
    {
        m_destinationPort = -1;
    }
    const uint64_t bytes = packet->GetSize();
    const uint32_t limit = IsMtuLimited(protocolNumber) ? m_mtu : m_maxBurstBytes;
    FabricFlowTag flowTag;
    const uint8_t flow = packet->PeekPacketTag(flowTag) ? flowTag.GetFlow() : 0;
    if (bytes > limit)
    {
        m_bytes.sent += bytes;
        m_macTxDropTrace(packet);
        CountDrop(packet, DropReason::FRAME_TOO_LARGE, bytes);
        return false;
    }
    if (!m_macTxTrace.IsEmpty())
    {
        m_macTxTrace(packet);
    }
    if (MacFrame::IsGroupKey(to)) // broadcast too: ff:ff:ff:ff:ff:ff has the group bit
    {
        bool all = true;
        for (uint32_t port = 0; port < m_crossbar->GetNPorts(); ++port)
        {
            if (port != m_port && m_crossbar->HasEndpoint(port))
            {
                all = Enqueue(packet->Copy(), source, to, protocolNumber, port, flow) && all;
            }
        }
        return all;
    }
    if (m_destinationPort < 0)
    {
        // Asked again while unknown: the address may be attached later.
        m_destinationPort = m_crossbar->LookupPort(to);
    }
    const int64_t port = m_destinationPort;
    if (port < 0)
    {
        m_bytes.sent += bytes;
        m_macTxDropTrace(packet);
        CountDrop(packet, DropReason::UNKNOWN_DESTINATION, bytes);
        return false;
    }
    return Enqueue(packet, source, to, protocolNumber, static_cast<uint32_t>(port), flow);
}

bool
OpticalNetDevice::Enqueue(Ptr<Packet> packet,
                          uint64_t source,
                          uint64_t dest,
                          uint16_t protocol,
                          uint32_t dstPort,
                          uint8_t flow)
{
    const uint64_t bytes = packet->GetSize();
    m_bytes.sent += bytes;
    if (!m_linkUp || !m_crossbar->IsPortUp(dstPort))
    {
        // A fault keeps this port or the destination's down: nothing would carry the frame.
        m_macTxDropTrace(packet);
        CountDrop(packet,
                  m_linkUp ? m_crossbar->GetFaultState().GetLossReason(dstPort) : m_downReason,
                  bytes);
        return false;
    }
    if (m_bytes.queued + bytes > m_maxQueueBytes)
    {
        m_macTxDropTrace(packet);
        CountDrop(packet, DropReason::QUEUE_FULL, bytes);
        return false;
    }
    m_bytes.queued += bytes;
    MacFrame frame(std::move(packet), source, dest, protocol);
    if (!m_waitForCircuit)
    {
        m_blindQueue.push_back({std::move(frame), dstPort});
        TryStart(0);
        return true;
    }
    const VirtualOutputQueues::PushResult r = m_queues.Push(dstPort, flow, std::move(frame));
    if (r.lane >= 0)
    {
        TryStart(static_cast<uint32_t>(r.lane));
    }
    else if (r.request)
    {
        m_crossbar->RequestCircuit(m_port, dstPort);
    }
    return true;
}

bool
OpticalNetDevice::HoldForRelay(const MacFrame& frame)
{
    const int64_t port = m_crossbar->LookupPort(frame.GetDestinationKey());
    if (port < 0 || static_cast<uint32_t>(port) == m_port)
    {
        return false;
    }
    // Another NIC's bytes, now this NIC's to account for: relayed in, then queued, in flight
    // and delivered (or dropped) as its own. Held whatever MaxQueueBytes says: the first leg
    // has already been paid for.
    const uint64_t bytes = frame.GetPayloadBytes();
    m_bytes.relayed += bytes;
    m_bytes.queued += bytes;
    const VirtualOutputQueues::PushResult r =
        m_queues.Push(static_cast<uint32_t>(port), VirtualOutputQueues::RELAY_FLOW, frame);
    if (r.lane >= 0)
    {
        TryStart(static_cast<uint32_t>(r.lane));
    }
    else if (r.request)
    {
        m_crossbar->RequestCircuit(m_port, static_cast<uint32_t>(port));
    }
    return true;
}

bool
OpticalNetDevice::NextFrame(uint32_t laneIndex, MacFrame& frame, uint32_t& dstPort)
{
    if (!m_waitForCircuit)
    {
        if (laneIndex != 0 || m_blindQueue.empty())
        {
            return false;
        }
        frame = std::move(m_blindQueue.front().first);
        dstPort = m_blindQueue.front().second;
        m_blindQueue.pop_front();
        return true;
    }
    frame = m_queues.Pop(laneIndex, dstPort);
    return static_cast<bool>(frame);
}

void
OpticalNetDevice::TryStart(uint32_t laneIndex)
{
    LaneTiming& lane = m_lanes[laneIndex];
    if (lane.resumePending)
    {
        return; // the end of the current frame will start the next one
    }
    const Time now = Simulator::Now();
    if (now < lane.busyUntil)
    {
        lane.resumePending = true;
        lane.resume = Simulator::Schedule(lane.busyUntil - now,
                                          &OpticalNetDevice::TransmitComplete,
                                          this,
                                          laneIndex,
                                          nullptr);
        return;
    }
    if (m_waitForCircuit && !FitsBeforeClose(laneIndex))
    {
        return; // the circuit closes before the frame's tail would pass: wait for the next
    }
    MacFrame frame;
    uint32_t dstPort = 0;
    if (!NextFrame(laneIndex, frame, dstPort))
    {
        return;
    }
    const uint64_t payloadBytes = frame.GetPayloadBytes();
    m_bytes.queued -= payloadBytes;
    m_bytes.inFlight += payloadBytes;
    const uint64_t wireBytes = frame.GetWireBytes();
    const Time serialization =
        m_transceiver->GetSerializationTime(wireBytes, GetWavelengthsPerCircuit());
    lane.busyUntil = now + serialization;
    m_transceiver->NotifyTransmitted(wireBytes);
    // Traces are checked before the call: this runs once per frame, mostly with nothing
    // connected, and only a sink needs the frame as bytes.
    Ptr<Packet> framed;
    if (!m_phyTxBeginTrace.IsEmpty() || !m_snifferTrace.IsEmpty() ||
        !m_promiscSnifferTrace.IsEmpty() || !m_phyTxEndTrace.IsEmpty())
    {
        framed = frame.ToPacket();
        m_phyTxBeginTrace(framed);
        m_snifferTrace(framed);
        m_promiscSnifferTrace(framed);
    }
    m_crossbar->Transmit(frame, m_port, laneIndex, dstPort, serialization);

    const bool more = m_waitForCircuit ? !IsLaneIdle(laneIndex) : !m_blindQueue.empty();
    if (more || !m_phyTxEndTrace.IsEmpty())
    {
        lane.resumePending = true;
        lane.resume = Simulator::Schedule(serialization,
                                          &OpticalNetDevice::TransmitComplete,
                                          this,
                                          laneIndex,
                                          framed);
    }
    if (!more && m_waitForCircuit)
    {
        m_crossbar->NotifyIdle(m_port, laneIndex);
    }
}

bool
OpticalNetDevice::FitsBeforeClose(uint32_t laneIndex)
{
    const CrossbarPortTable& table = m_crossbar->GetPortTable();
    const uint32_t end = table.End(m_port, laneIndex);
    const int64_t close = table.GetCloseTime(end);
    if (close == CrossbarPortTable::NEVER)
    {
        return true;
    }
    const Time fiber = m_fiber->GetDelay();
    const uint32_t wavelengths = GetWavelengthsPerCircuit();
    for (const MacFrame* next = m_queues.Peek(laneIndex); next; next = m_queues.Peek(laneIndex))
    {
        const Time serialization =
            m_transceiver->GetSerializationTime(next->GetWireBytes(), wavelengths);
        if ((Simulator::Now() + fiber + serialization).GetTimeStep() <= close)
        {
            return true;
        }
        // Judged by a whole circuit, not this one: a paused rotor that resumes mid-slot sets up
        // a circuit shorter than its slot, and a frame sized to a slot waits for the next.
        if (fiber + serialization <= m_crossbar->GetScheduler()->GetLongestTimedCircuit())
        {
            return false;
        }
        // Longer than any circuit of this length carries: it would wait forever.
        uint32_t dstPort = 0;
        DropQueuedFrame(m_queues.Pop(laneIndex, dstPort), DropReason::FRAME_TOO_LARGE);
    }
    m_crossbar->NotifyIdle(m_port, laneIndex);
    return false;
}

void
OpticalNetDevice::TransmitComplete(uint32_t laneIndex, Ptr<Packet> frame)
{
    m_lanes[laneIndex].resumePending = false;
    if (frame)
    {
        m_phyTxEndTrace(frame);
    }
    TryStart(laneIndex);
}

void
OpticalNetDevice::NotifyCircuitGranted(uint32_t laneIndex, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << laneIndex << dstPort);
    m_queues.Grant(laneIndex, dstPort);
}

void
OpticalNetDevice::NotifyCircuitUp(uint32_t laneIndex, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << laneIndex << dstPort);
    m_queues.Up(laneIndex);
    if (m_waitForCircuit && m_queues.IsLaneIdle(laneIndex))
    {
        m_crossbar->NotifyIdle(m_port, laneIndex);
        return;
    }
    TryStart(laneIndex);
}

void
OpticalNetDevice::NotifyCircuitDown(uint32_t laneIndex)
{
    NS_LOG_FUNCTION(this << laneIndex);
    const int64_t again = m_queues.Down(laneIndex);
    if (again >= 0 && m_waitForCircuit)
    {
        m_crossbar->RequestCircuit(m_port, static_cast<uint32_t>(again));
    }
}

void
OpticalNetDevice::NotifyCircuitRejected(uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << dstPort);
    for (const MacFrame& frame : m_queues.Reject(dstPort))
    {
        DropQueuedFrame(frame, DropReason::CIRCUIT_REJECTED);
    }
}

void
OpticalNetDevice::NotifyFrameDropped(const MacFrame& frame, DropReason reason)
{
    NS_LOG_FUNCTION(this << frame.GetPacket() << ToString(reason));
    const uint64_t bytes = frame.GetPayloadBytes();
    m_bytes.inFlight -= bytes;
    const Ptr<const Packet> framed =
        m_phyTxDropTrace.IsEmpty() && m_dropTrace.IsEmpty() ? nullptr : frame.ToPacket();
    m_phyTxDropTrace(framed);
    CountDrop(framed, reason, bytes);
}

void
OpticalNetDevice::NotifyFrameArrived(uint64_t payloadBytes, bool decoded)
{
    m_bytes.inFlight -= payloadBytes;
    if (decoded)
    {
        m_bytes.delivered += payloadBytes;
    }
    else
    {
        // The receiver fires the traces; the bytes are this sender's.
        m_bytes.AddDropped(DropReason::LINK_BUDGET, payloadBytes);
    }
}

void
OpticalNetDevice::DeliverFrame(const MacFrame& optical, bool decoded)
{
    if (!decoded)
    {
        NS_LOG_LOGIC("drop " << optical.GetPayloadBytes() << " bytes: LinkBudget");
        if (!m_phyRxDropTrace.IsEmpty() || !m_dropTrace.IsEmpty())
        {
            const Ptr<const Packet> framed = optical.ToPacket();
            m_phyRxDropTrace(framed);
            m_dropTrace(framed, DropReason::LINK_BUDGET);
        }
        return;
    }
    if (!m_phyRxEndTrace.IsEmpty() || !m_snifferTrace.IsEmpty() || !m_promiscSnifferTrace.IsEmpty())
    {
        const Ptr<const Packet> framed = optical.ToPacket();
        m_phyRxEndTrace(framed);
        m_snifferTrace(framed);
        m_promiscSnifferTrace(framed);
    }

    const Ptr<Packet>& frame = optical.GetPacket();
    const uint16_t protocol = optical.GetProtocol();
    const NetDevice::PacketType type = optical.GetPacketType(m_addressKey);
    if (type == NetDevice::PACKET_OTHERHOST && m_queues.IsRelaying() && HoldForRelay(optical))
    {
        return;
    }
    m_rxBytes += frame->GetSize();
    ++m_rxFrames;
    if (!m_promiscRxCallback.IsNull())
    {
        m_macPromiscRxTrace(frame);
        m_promiscRxCallback(this,
                            frame,
                            protocol,
                            m_sources.Get(optical.GetSourceKey()),
                            optical.GetDestination(),
                            type);
    }
    if (type != NetDevice::PACKET_OTHERHOST)
    {
        if (!m_macRxTrace.IsEmpty())
        {
            m_macRxTrace(frame);
        }
        if (!m_rxCallback.IsNull())
        {
            m_rxCallback(this, frame, protocol, m_sources.Get(optical.GetSourceKey()));
        }
    }
}

} // namespace ns3
