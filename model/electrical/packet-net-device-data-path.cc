/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// PacketNetDevice's data path, kept apart from its attributes and wiring: frames handed to
// Send, cut into cells and sent, cells received and whole frames delivered to the node, losses
// (refused, dropped in the fabric, cut by a fault), and the counters they keep.

#include "packet-link.h"
#include "packet-net-device.h"

#include "ns3/abort.h"
#include "ns3/fabric-flow-tag.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketNetDeviceDataPath");

uint64_t
PacketNetDevice::GetTxBytes() const
{
    return m_bytes.sent;
}

uint64_t
PacketNetDevice::GetRxBytes() const
{
    return m_rxBytes;
}

uint64_t
PacketNetDevice::GetRxFrames() const
{
    return m_rxFrames;
}

uint64_t
PacketNetDevice::GetRxCells() const
{
    return m_rxCells;
}

uint64_t
PacketNetDevice::GetDroppedBytes(DropReason reason) const
{
    return m_bytes.GetDropped(reason);
}

uint64_t
PacketNetDevice::GetDroppedBytes() const
{
    return m_bytes.GetDropped();
}

uint64_t
PacketNetDevice::GetQueuedBytes() const
{
    return m_bytes.queued;
}

const ByteCounters&
PacketNetDevice::GetByteCounters() const
{
    return m_bytes;
}

std::string
PacketNetDevice::GetByteCountersName() const
{
    std::ostringstream os;
    os << "PacketNetDevice " << m_address << " (host " << m_host << ", node "
       << (m_node ? m_node->GetId() : 0) << ")";
    return os.str();
}

bool
PacketNetDevice::IsMtuLimited(uint16_t protocol)
{
    return protocol == 0x0800 || protocol == 0x0806 || protocol == 0x86DD;
}

void
PacketNetDevice::CountDrop(Ptr<const Packet> packet, DropReason reason, uint64_t payloadBytes)
{
    NS_LOG_LOGIC("drop " << payloadBytes << " bytes: " << ToString(reason));
    m_bytes.AddDropped(reason, payloadBytes);
    m_dropTrace(packet, reason);
}

bool
PacketNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return DoSend(packet, m_addressKey, dest, protocolNumber);
}

bool
PacketNetDevice::SendFrom(Ptr<Packet> packet,
                          const Address& source,
                          const Address& dest,
                          uint16_t protocolNumber)
{
    return DoSend(packet, MacFrame::ToKey(Mac48Address::ConvertFrom(source)), dest, protocolNumber);
}

bool
PacketNetDevice::DoSend(Ptr<Packet> packet,
                        uint64_t source,
                        const Address& dest,
                        uint16_t protocolNumber)
{
    NS_ABORT_MSG_IF(m_nHosts == 0,
                    "PacketNetDevice::Send on a device that is not attached to a fabric (use "
                    "LeafSpineHelper or FatTreeHelper)");
    bool changed = false;
    const uint64_t to = m_destinations.Get(dest, changed);
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
        for (uint32_t host = 0; host < m_nHosts; ++host)
        {
            if (host != m_host)
            {
                all = Enqueue(packet->Copy(), source, to, protocolNumber, host, flow) && all;
            }
        }
        return all;
    }
    if (to < m_firstHost || to - m_firstHost >= m_nHosts)
    {
        m_bytes.sent += bytes;
        m_macTxDropTrace(packet);
        CountDrop(packet, DropReason::UNKNOWN_DESTINATION, bytes);
        return false;
    }
    return Enqueue(packet,
                   source,
                   to,
                   protocolNumber,
                   static_cast<uint32_t>(to - m_firstHost),
                   flow);
}

bool
PacketNetDevice::Enqueue(Ptr<Packet> packet,
                         uint64_t source,
                         uint64_t dest,
                         uint16_t protocol,
                         uint32_t dstHost,
                         uint8_t flow)
{
    const uint64_t bytes = packet->GetSize();
    m_bytes.sent += bytes;
    if (!m_ports[0].link->IsUp())
    {
        m_macTxDropTrace(packet);
        CountDrop(packet, m_ports[0].link->GetLossReason(), bytes);
        return false;
    }
    if (m_bytes.queued + bytes > m_maxQueueBytes)
    {
        m_macTxDropTrace(packet);
        CountDrop(packet, DropReason::QUEUE_FULL, bytes);
        return false;
    }
    m_bytes.queued += bytes;

    uint32_t slot;
    if (m_freeFrames.empty())
    {
        slot = static_cast<uint32_t>(m_frames.size());
        m_frames.emplace_back();
    }
    else
    {
        slot = m_freeFrames.back();
        m_freeFrames.pop_back();
    }
    Frame& f = m_frames[slot];
    const uint64_t cell = GetCellBytes();
    f.frame = MacFrame(std::move(packet), source, dest, protocol);
    f.payload = bytes;
    f.offset = 0;
    f.cellsLeft = bytes == 0 ? 1 : static_cast<uint32_t>((bytes + cell - 1) / cell);
    f.dst = dstHost;
    f.flow = flow;
    f.dropped = false;
    m_txQueue.push_back(slot);
    TryStart(0);
    return true;
}

const PacketCell*
PacketNetDevice::PeekCell(uint32_t port)
{
    if (m_txQueue.empty())
    {
        return nullptr;
    }
    const uint32_t slot = m_txQueue.front();
    const Frame& f = m_frames[slot];
    const auto payload =
        static_cast<uint32_t>(std::min<uint64_t>(GetCellBytes(), f.payload - f.offset));
    m_head.origin = this;
    m_head.frame = slot;
    m_head.src = m_host;
    m_head.dst = f.dst;
    m_head.payload = payload;
    m_head.wire = GetWireBytes(payload);
    m_head.ingress = 0;
    m_head.flow = f.flow;
    m_head.ready = 0;
    return &m_head;
}

void
PacketNetDevice::CellStarted(uint32_t port, Time start, Time end)
{
    Frame& f = m_frames[m_head.frame];
    if (f.offset == 0)
    {
        // Traces are checked before the call: this runs once per frame, mostly untraced, and
        // only a sink needs the frame as bytes.
        if (!m_phyTxBeginTrace.IsEmpty() || !m_snifferTrace.IsEmpty() ||
            !m_promiscSnifferTrace.IsEmpty())
        {
            const Ptr<const Packet> framed = f.frame.ToPacket();
            m_phyTxBeginTrace(framed);
            m_snifferTrace(framed);
            m_promiscSnifferTrace(framed);
        }
    }
    f.offset += m_head.payload;
    m_bytes.queued -= m_head.payload;
    m_bytes.inFlight += m_head.payload;
    if (f.offset >= f.payload)
    {
        m_txQueue.pop_front();
        if (!m_phyTxEndTrace.IsEmpty())
        {
            Simulator::Schedule(end - start, &PacketNetDevice::FireTxEnd, this, f.frame.ToPacket());
        }
    }
}

void
PacketNetDevice::FireTxEnd(Ptr<Packet> frame)
{
    m_phyTxEndTrace(frame);
}

MacFrame
PacketNetDevice::ResolveCell(uint32_t slot)
{
    Frame& f = m_frames[slot];
    NS_ASSERT(f.cellsLeft > 0);
    if (--f.cellsLeft > 0)
    {
        return MacFrame();
    }
    MacFrame frame = std::move(f.frame);
    f.frame = MacFrame();
    m_freeFrames.push_back(slot);
    m_bytes.inFlight -= f.payload;
    if (!f.dropped)
    {
        m_bytes.delivered += f.payload;
        return frame;
    }
    const Ptr<const Packet> framed =
        m_phyTxDropTrace.IsEmpty() && m_dropTrace.IsEmpty() ? nullptr : frame.ToPacket();
    m_phyTxDropTrace(framed);
    CountDrop(framed, f.reason, f.payload);
    return MacFrame();
}

void
PacketNetDevice::NotifyCellDropped(const PacketCell& cell, DropReason reason)
{
    Frame& f = m_frames[cell.frame];
    f.dropped = true;
    f.reason = reason;
    ResolveCell(cell.frame);
}

void
PacketNetDevice::CellArrived(uint32_t port)
{
    const PacketCell cell = TakeArrival(port);
    ++m_rxCells;
    const MacFrame frame = cell.origin->ResolveCell(cell.frame);
    if (frame)
    {
        Deliver(frame);
    }
}

void
PacketNetDevice::Deliver(const MacFrame& mac)
{
    if (!m_phyRxEndTrace.IsEmpty() || !m_snifferTrace.IsEmpty() || !m_promiscSnifferTrace.IsEmpty())
    {
        const Ptr<const Packet> framed = mac.ToPacket();
        m_phyRxEndTrace(framed);
        m_snifferTrace(framed);
        m_promiscSnifferTrace(framed);
    }
    const Ptr<Packet>& frame = mac.GetPacket();
    const uint16_t protocol = mac.GetProtocol();
    const NetDevice::PacketType type = mac.GetPacketType(m_addressKey);
    m_rxBytes += frame->GetSize();
    ++m_rxFrames;
    if (!m_promiscRxCallback.IsNull())
    {
        m_macPromiscRxTrace(frame);
        m_promiscRxCallback(this,
                            frame,
                            protocol,
                            m_sources.Get(mac.GetSourceKey()),
                            mac.GetDestination(),
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
            m_rxCallback(this, frame, protocol, m_sources.Get(mac.GetSourceKey()));
        }
    }
}

void
PacketNetDevice::LinkStateChanged(uint32_t port, bool up)
{
    NS_LOG_FUNCTION(this << port << up);
    if (!up)
    {
        DropUnsent(m_ports[0].link->GetLossReason());
    }
    m_linkChangeCallbacks();
}

void
PacketNetDevice::DropUnsent(DropReason reason)
{
    const uint64_t cellBytes = GetCellBytes();
    while (!m_txQueue.empty())
    {
        const uint32_t slot = m_txQueue.front();
        m_txQueue.pop_front();
        Frame& f = m_frames[slot];
        const uint64_t unsent = f.payload - f.offset;
        const uint64_t unsentCells = f.payload == 0 ? 1 : (unsent + cellBytes - 1) / cellBytes;
        // The unsent bytes leave the queue as if launched, so that ResolveCell settles the
        // whole frame once its last cell on the link is resolved too.
        m_bytes.queued -= unsent;
        m_bytes.inFlight += unsent;
        f.dropped = true;
        f.reason = reason;
        f.cellsLeft -= static_cast<uint32_t>(unsentCells - 1);
        ResolveCell(slot);
    }
}

} // namespace ns3
