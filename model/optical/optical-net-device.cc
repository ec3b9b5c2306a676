/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "optical-net-device.h"

#include "coherent-transceiver.h"
#include "optical-channel.h"
#include "photonic-crossbar.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/circuit-scheduler.h"
#include "ns3/fabric-flow-tag.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OpticalNetDevice");

NS_OBJECT_ENSURE_REGISTERED(OpticalNetDevice);

namespace
{
/// Largest frame a Packet can describe, less the header.
constexpr uint32_t MAX_BURST_LIMIT = 0xffffffffu - MacFrame::MAC_HEADER_BYTES;
} // namespace

TypeId
OpticalNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::OpticalNetDevice")
            .SetParent<FabricNetDevice>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<OpticalNetDevice>()
            .AddAttribute("Address",
                          "The MAC address of this device.",
                          Mac48AddressValue(Mac48Address("ff:ff:ff:ff:ff:ff")),
                          MakeMac48AddressAccessor(&OpticalNetDevice::SetMacAddress,
                                                   &OpticalNetDevice::GetMacAddress),
                          MakeMac48AddressChecker())
            .AddAttribute(
                "Mtu",
                "MAC-level MTU for IP, ARP and IPv6 frames, bytes (1 ... 65535).",
                UintegerValue(1500),
                MakeUintegerAccessor(&OpticalNetDevice::SetMtu, &OpticalNetDevice::GetMtu),
                MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxBurstBytes",
                          "Largest frame (burst) of any other protocol, bytes "
                          "(Mtu ... 4294967281). One burst costs one event.",
                          UintegerValue(16 * 1024 * 1024),
                          MakeUintegerAccessor(&OpticalNetDevice::SetMaxBurstBytes,
                                               &OpticalNetDevice::GetMaxBurstBytes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxQueueBytes",
                          "Capacity of all virtual output queues together, payload bytes "
                          "(>= 1); frames beyond it are dropped with reason QueueFull.",
                          UintegerValue(uint64_t{4} << 30),
                          MakeUintegerAccessor(&OpticalNetDevice::m_maxQueueBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("WavelengthsPerCircuit",
                          "Wavelengths bonded into one circuit lane; 0 bonds all of the "
                          "transceiver's wavelengths. Must divide the transceiver's "
                          "Wavelengths.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&OpticalNetDevice::SetWavelengthsPerCircuit,
                                               &OpticalNetDevice::GetWavelengthsPerCircuit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("WaitForCircuit",
                          "true: frames wait in the NIC until their circuit is up (normal). "
                          "false: frames are launched at once on lane 0 whatever the circuit "
                          "state, and the bufferless crossbar drops those without a circuit.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&OpticalNetDevice::m_waitForCircuit),
                          MakeBooleanChecker())
            .AddAttribute("Transceiver",
                          "The coherent transceiver of this NIC.",
                          PointerValue(),
                          MakePointerAccessor(&OpticalNetDevice::SetTransceiver,
                                              &OpticalNetDevice::GetTransceiver),
                          MakePointerChecker<CoherentTransceiver>())
            .AddAttribute("Crossbar",
                          "The crossbar this NIC is attached to (read only): its trace sources "
                          "and its Scheduler are reached through this path.",
                          TypeId::ATTR_GET,
                          PointerValue(),
                          MakePointerAccessor(&OpticalNetDevice::GetCrossbar),
                          MakePointerChecker<PhotonicCrossbar>())
            .AddTraceSource("MacTx",
                            "A packet has been handed to this device for transmission.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "A packet was dropped by the device before transmission.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacPromiscRx",
                            "A frame was received and is passed up in promiscuous mode.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_macPromiscRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A frame was received and is passed up (non-promiscuous).",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxBegin",
                            "A frame starts to be serialized onto the fiber.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_phyTxBeginTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxEnd",
                            "A frame has been serialized (scheduled only when traced).",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_phyTxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxDrop",
                            "A frame sent by this device was dropped in the fabric.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_phyTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxEnd",
                            "A frame has been received and decoded.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_phyRxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxDrop",
                            "A frame arrived but could not be decoded (link budget).",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_phyRxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "Frames sent or received by this device (non-promiscuous sniffer).",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "Frames sent or received by this device (pcap).",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "Every frame sent by (or failing at) this device that is lost, "
                            "with its reason.",
                            MakeTraceSourceAccessor(&OpticalNetDevice::m_dropTrace),
                            "ns3::OpticalNetDevice::DropTracedCallback");
    return tid;
}

OpticalNetDevice::OpticalNetDevice()
    : m_mtu(1500),
      m_maxBurstBytes(16 * 1024 * 1024),
      m_maxQueueBytes(uint64_t{4} << 30),
      m_wavelengthsPerCircuit(0),
      m_waitForCircuit(true),
      m_transceiver(CreateObject<CoherentTransceiver>()),
      m_port(0),
      m_rxBytes(0),
      m_rxFrames(0),
      m_linkUp(true),
      m_downReason(DropReason::LINK_DOWN)
{
    NS_LOG_FUNCTION(this);
}

OpticalNetDevice::OpticalNetDevice(const OpticalNetDevice& o)
    : FabricNetDevice(o),
      CrossbarEndpoint(),
      ByteCounted(),
      m_address(o.m_address),
      m_addressValue(o.m_addressValue),
      m_addressKey(o.m_addressKey),
      m_mtu(o.m_mtu),
      m_maxBurstBytes(o.m_maxBurstBytes),
      m_maxQueueBytes(o.m_maxQueueBytes),
      m_wavelengthsPerCircuit(o.m_wavelengthsPerCircuit),
      m_waitForCircuit(o.m_waitForCircuit),
      m_transceiver(CopyObject(o.m_transceiver)),
      m_port(0),
      m_rxBytes(0),
      m_rxFrames(0),
      m_linkUp(true),
      m_downReason(DropReason::LINK_DOWN)
{
    NS_LOG_FUNCTION(this << &o);
    NS_ABORT_MSG_IF(o.m_transceiver->GetInstanceTypeId() != CoherentTransceiver::GetTypeId(),
                    "OpticalNetDevice: a device whose Transceiver is a "
                        << o.m_transceiver->GetInstanceTypeId().GetName()
                        << " cannot be copied (CopyObject would copy only its CoherentTransceiver "
                           "part); create such devices with an ObjectFactory");
}

OpticalNetDevice::~OpticalNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
OpticalNetDevice::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    if (m_crossbar)
    {
        m_crossbar->Initialize(); // starts its scheduler once, whichever device comes first
        m_queues.SetRelaying(m_crossbar->GetScheduler()->RelaysTraffic());
    }
    NetDevice::DoInitialize();
}

void
OpticalNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& lane : m_lanes)
    {
        lane.resume.Cancel();
    }
    m_lanes.clear();
    m_queues.Clear();
    m_blindQueue.clear();
    m_node = nullptr;
    m_transceiver = nullptr;
    m_fiber = nullptr;
    m_crossbar = nullptr;
    m_rxCallback.Nullify();
    m_promiscRxCallback.Nullify();
    FabricNetDevice::DoDispose();
}

void
OpticalNetDevice::Attach(Ptr<OpticalChannel> fiber, Ptr<PhotonicCrossbar> crossbar, uint32_t port)
{
    NS_LOG_FUNCTION(this << fiber << crossbar << port);
    NS_ABORT_MSG_IF(m_crossbar != nullptr,
                    "OpticalNetDevice::Attach: device " << m_address << " is already on port "
                                                        << m_port << "; attach a device once");
    NS_ABORT_MSG_IF(m_address.IsBroadcast(),
                    "OpticalNetDevice::Attach: set the device's Address before attaching it "
                    "(OpticalFabricHelper allocates one)");
    m_lanes.resize(GetNCircuitLanes());
    m_queues.SetNLanes(GetNCircuitLanes());
    m_transceiver->NotifyAttached();
    crossbar->AttachEndpoint(*this, m_address, GetNCircuitLanes(), fiber, port);
    fiber->Attach(this);
    m_fiber = fiber;
    m_crossbar = crossbar;
    m_port = port;
    ByteConservation::Watch(this);
    m_linkChangeCallbacks();
}

void
OpticalNetDevice::SetTransceiver(Ptr<CoherentTransceiver> transceiver)
{
    NS_ABORT_MSG_IF(m_crossbar != nullptr,
                    "OpticalNetDevice::Transceiver cannot change once the device is attached");
    if (transceiver) // the attribute's initial value is null: keep the default then
    {
        m_transceiver = transceiver;
    }
}

Ptr<CoherentTransceiver>
OpticalNetDevice::GetTransceiver() const
{
    return m_transceiver;
}

const CoherentTransceiver&
OpticalNetDevice::GetEndpointTransceiver() const
{
    return *m_transceiver;
}

uint32_t
OpticalNetDevice::GetEndpointContext() const
{
    return m_node ? m_node->GetId() : Simulator::GetContext();
}

Ptr<PhotonicCrossbar>
OpticalNetDevice::GetCrossbar() const
{
    return m_crossbar;
}

uint32_t
OpticalNetDevice::GetCrossbarPort() const
{
    return m_port;
}

Time
OpticalNetDevice::GetPathLatency(const Address& to) const
{
    NS_ABORT_MSG_IF(!m_crossbar,
                    "OpticalNetDevice::GetPathLatency: device "
                        << m_address << " is not attached to a crossbar");
    const int64_t port = Mac48Address::IsMatchingType(to)
                             ? m_crossbar->LookupPort(Mac48Address::ConvertFrom(to))
                             : -1;
    NS_ABORT_MSG_IF(port < 0,
                    "OpticalNetDevice::GetPathLatency: no device on the crossbar of "
                        << m_address << " has address " << to);
    return m_crossbar->GetPathLatency(m_port, static_cast<uint32_t>(port));
}

void
OpticalNetDevice::SetWavelengthsPerCircuit(uint32_t n)
{
    NS_ABORT_MSG_IF(m_crossbar != nullptr,
                    "OpticalNetDevice::WavelengthsPerCircuit cannot change once the device is "
                    "attached");
    m_wavelengthsPerCircuit = n;
}

uint32_t
OpticalNetDevice::GetWavelengthsPerCircuit() const
{
    const uint32_t w = GetTransceiver()->GetWavelengths();
    return m_wavelengthsPerCircuit == 0 ? w : m_wavelengthsPerCircuit;
}

uint32_t
OpticalNetDevice::GetNCircuitLanes() const
{
    const uint32_t w = GetTransceiver()->GetWavelengths();
    const uint32_t g = GetWavelengthsPerCircuit();
    NS_ABORT_MSG_IF(g > w || w % g != 0,
                    "ns3::OpticalNetDevice::WavelengthsPerCircuit = "
                        << g << " is invalid for a transceiver with Wavelengths = " << w
                        << ": use 0 (all bonded) or a divisor of " << w);
    return w / g;
}

void
OpticalNetDevice::SetMaxBurstBytes(uint32_t bytes)
{
    NS_ABORT_MSG_IF(bytes < m_mtu || bytes > MAX_BURST_LIMIT,
                    "ns3::OpticalNetDevice::MaxBurstBytes = " << bytes << " is invalid: use Mtu ("
                                                              << m_mtu << ") ... "
                                                              << MAX_BURST_LIMIT);
    m_maxBurstBytes = bytes;
}

uint32_t
OpticalNetDevice::GetMaxBurstBytes() const
{
    return m_maxBurstBytes;
}

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

Ptr<Channel>
OpticalNetDevice::GetChannel() const
{
    return m_fiber;
}

void
OpticalNetDevice::SetMacAddress(Mac48Address address)
{
    NS_ABORT_MSG_IF(m_crossbar != nullptr,
                    "ns3::OpticalNetDevice::Address cannot change once the device "
                    "is attached (the crossbar maps addresses to ports)");
    m_address = address;
    m_addressValue = address;
    m_addressKey = MacFrame::ToKey(address);
}

Mac48Address
OpticalNetDevice::GetMacAddress() const
{
    return m_address;
}

void
OpticalNetDevice::SetAddress(Address address)
{
    SetMacAddress(Mac48Address::ConvertFrom(address));
}

Address
OpticalNetDevice::GetAddress() const
{
    return m_addressValue; // kept as an Address: ns-3's Node asks for it on every frame
}

bool
OpticalNetDevice::SetMtu(const uint16_t mtu)
{
    NS_ABORT_MSG_IF(mtu == 0, "ns3::OpticalNetDevice::Mtu = 0 is invalid: use 1 ... 65535");
    NS_ABORT_MSG_IF(mtu > m_maxBurstBytes,
                    "ns3::OpticalNetDevice::Mtu = " << mtu << " is invalid: it exceeds "
                                                    << "MaxBurstBytes = " << m_maxBurstBytes);
    m_mtu = mtu;
    return true;
}

uint16_t
OpticalNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
OpticalNetDevice::IsLinkUp() const
{
    return m_crossbar != nullptr && m_linkUp;
}

} // namespace ns3
