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
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

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
