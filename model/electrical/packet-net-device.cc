/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "packet-net-device.h"

#include "packet-link.h"
#include "packet-switch.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketNetDevice");

NS_OBJECT_ENSURE_REGISTERED(PacketNetDevice);

namespace
{
/// Size of the Ethernet II header every frame carries (no preamble, no FCS).
constexpr uint32_t MAC_HEADER_BYTES = 14;
/// Largest frame a Packet can describe, less the header.
constexpr uint32_t MAX_BURST_LIMIT = 0xffffffffu - MAC_HEADER_BYTES;
/// Largest HeaderBytes.
constexpr uint32_t MAX_HEADER_BYTES = 65535;
} // namespace

TypeId
PacketNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PacketNetDevice")
            .SetParent<FabricNetDevice>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<PacketNetDevice>()
            .AddAttribute("Address",
                          "The MAC address of this device.",
                          Mac48AddressValue(Mac48Address("ff:ff:ff:ff:ff:ff")),
                          MakeMac48AddressAccessor(&PacketNetDevice::SetMacAddress,
                                                   &PacketNetDevice::GetMacAddress),
                          MakeMac48AddressChecker())
            .AddAttribute("Mtu",
                          "Payload bytes of one packet on the wire (1 ... 65535); the largest "
                          "IP, ARP or IPv6 frame. Default 4096, as RoCE.",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&PacketNetDevice::SetMtu, &PacketNetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("CellBytes",
                          "Payload bytes of one simulated cell: 0 for Mtu (one cell per "
                          "packet), or a multiple of Mtu (faster, coarser timing; checked at "
                          "Attach). Set before Attach.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&PacketNetDevice::SetCellBytes,
                                               &PacketNetDevice::GetCellBytesAttribute),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("HeaderBytes",
                          "Header bytes of each Mtu-sized packet on the wire (0 ... 65535). "
                          "Default 14, the Ethernet II header; RoCEv2 adds IPv4, UDP, BTH, "
                          "ICRC and FCS: 62.",
                          UintegerValue(MAC_HEADER_BYTES),
                          MakeUintegerAccessor(&PacketNetDevice::SetHeaderBytes,
                                               &PacketNetDevice::GetHeaderBytes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxBurstBytes",
                          "Largest frame (burst) of a protocol other than IP, ARP and IPv6, "
                          "bytes (Mtu ... 4294967281).",
                          UintegerValue(16 * 1024 * 1024),
                          MakeUintegerAccessor(&PacketNetDevice::SetMaxBurstBytes,
                                               &PacketNetDevice::GetMaxBurstBytes),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxQueueBytes",
                          "Payload bytes the device may hold not yet sent (>= 1); frames "
                          "beyond it are dropped with reason QueueFull.",
                          UintegerValue(uint64_t{4} << 30),
                          MakeUintegerAccessor(&PacketNetDevice::m_maxQueueBytes),
                          MakeUintegerChecker<uint64_t>(1))
            .AddAttribute("Switch",
                          "The switch this device is attached to (read only).",
                          PointerValue(),
                          MakePointerAccessor(&PacketNetDevice::GetSwitch),
                          MakePointerChecker<PacketSwitch>())
            .AddTraceSource("MacTx",
                            "A packet has been handed to this device for transmission.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "A packet was dropped by the device before transmission.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacPromiscRx",
                            "A frame was received and is passed up in promiscuous mode.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_macPromiscRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A frame was received and is passed up (non-promiscuous).",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxBegin",
                            "The first cell of a frame starts on the link.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_phyTxBeginTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxEnd",
                            "The last cell of a frame has been serialized (scheduled only "
                            "when traced).",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_phyTxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyTxDrop",
                            "A frame sent by this device was lost in the fabric.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_phyTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxEnd",
                            "The last cell of a frame has arrived.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_phyRxEndTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "Frames sent or received by this device (non-promiscuous sniffer).",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "Frames sent or received by this device (pcap).",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Drop",
                            "Every frame sent by this device that is lost, with its reason.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_dropTrace),
                            "ns3::PacketNetDevice::DropTracedCallback")
            .AddTraceSource("CreditStall",
                            "The device waited for credit from its switch; fired when it may "
                            "send again, with the port (0) and the time it waited.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_creditStallTrace),
                            "ns3::PacketEndpoint::CreditStallTracedCallback")
            .AddTraceSource("PauseStall",
                            "The device waited for a PFC resume from its switch; fired when it "
                            "may send again, with the port (0) and the time it waited.",
                            MakeTraceSourceAccessor(&PacketNetDevice::m_pauseStallTrace),
                            "ns3::PacketEndpoint::PauseStallTracedCallback");
    return tid;
}

PacketNetDevice::PacketNetDevice()
    : m_mtu(4096),
      m_cellBytes(0),
      m_headerBytes(MAC_HEADER_BYTES),
      m_maxBurstBytes(16 * 1024 * 1024),
      m_maxQueueBytes(uint64_t{4} << 30),
      m_host(0),
      m_firstHost(0),
      m_nHosts(0),
      m_rxBytes(0),
      m_rxFrames(0),
      m_rxCells(0)
{
    NS_LOG_FUNCTION(this);
    SetNPacketPorts(1);
}

PacketNetDevice::~PacketNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
PacketNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    DisposePorts();
    m_frames.clear();
    m_freeFrames.clear();
    m_txQueue.clear();
    m_node = nullptr;
    m_rxCallback.Nullify();
    m_promiscRxCallback.Nullify();
    FabricNetDevice::DoDispose();
}

void
PacketNetDevice::Attach(Ptr<PacketLink> link,
                        PacketEndpoint* peer,
                        uint32_t peerPort,
                        uint32_t host,
                        Mac48Address firstHost,
                        uint32_t nHosts)
{
    NS_LOG_FUNCTION(this << link << peerPort << host << nHosts);
    NS_ABORT_MSG_IF(m_nHosts != 0,
                    "PacketNetDevice::Attach: device " << m_address << " is already attached");
    NS_ABORT_MSG_IF(host >= nHosts, "PacketNetDevice::Attach: host " << host << " of " << nHosts);
    NS_ABORT_MSG_IF(MacFrame::ToKey(m_address) != MacFrame::ToKey(firstHost) + host,
                    "PacketNetDevice::Attach: host " << host << " must have address first + "
                                                     << host << " (the helpers allocate them)");
    NS_ABORT_MSG_IF(m_cellBytes % m_mtu != 0,
                    "ns3::PacketNetDevice::CellBytes = " << m_cellBytes
                                                         << " is invalid: use 0 or a multiple "
                                                            "of Mtu ("
                                                         << m_mtu << ")");
    m_host = host;
    m_firstHost = MacFrame::ToKey(firstHost);
    m_nHosts = nHosts;
    link->Connect(this, 0, peer, peerPort);
    ByteConservation::Watch(this);
    m_linkChangeCallbacks();
}

Ptr<PacketSwitch>
PacketNetDevice::GetSwitch() const
{
    auto* peer = dynamic_cast<PacketSwitch*>(m_ports[0].peer);
    return Ptr<PacketSwitch>(peer);
}

uint32_t
PacketNetDevice::GetHostIndex() const
{
    return m_host;
}

Time
PacketNetDevice::GetPathLatency(const Address& to) const
{
    const uint64_t value = Mac48Address::IsMatchingType(to)
                               ? MacFrame::ToKey(Mac48Address::ConvertFrom(to))
                               : ~uint64_t{0};
    NS_ABORT_MSG_IF(m_nHosts == 0 || value < m_firstHost || value - m_firstHost >= m_nHosts,
                    "PacketNetDevice::GetPathLatency: no host of the fabric of "
                        << m_address << " has address " << to);
    const auto dst = static_cast<uint32_t>(value - m_firstHost);
    // Walk the route a cell of flow 0 takes: each link's delay with its transceivers'
    // latency, and each switch's forwarding latency (a host's is 0). Up/down routes reach any
    // host in at most a few hops; the bound only guards against a hand-built loop.
    Time latency;
    const PacketEndpoint* at = this;
    uint32_t port = 0;
    for (uint32_t hop = 0; hop < 64; ++hop)
    {
        const PacketEndpoint* next = at->GetPortPeer(port);
        NS_ABORT_MSG_IF(!next,
                        "PacketNetDevice::GetPathLatency: the path from host "
                            << m_host << " to host " << dst << " ends at an unwired port");
        latency += at->GetPortLink(port)->GetPathDelay() + next->GetForwardingLatency();
        const auto* sw = dynamic_cast<const PacketSwitch*>(next);
        if (!sw)
        {
            const auto* host = dynamic_cast<const PacketNetDevice*>(next);
            NS_ABORT_MSG_IF(!host || host->m_host != dst,
                            "PacketNetDevice::GetPathLatency: the route from host "
                                << m_host << " to host " << dst << " leads elsewhere");
            return latency;
        }
        port = sw->GetPathPort(m_host, dst, 0);
        NS_ABORT_MSG_IF(port >= sw->GetNPorts(),
                        "PacketNetDevice::GetPathLatency: no route from host "
                            << m_host << " to host " << dst);
        at = next;
    }
    NS_FATAL_ERROR("PacketNetDevice::GetPathLatency: the route from host " << m_host << " to host "
                                                                           << dst << " loops");
    return latency;
}

uint32_t
PacketNetDevice::GetCellBytes() const
{
    return m_cellBytes == 0 ? m_mtu : m_cellBytes;
}

uint32_t
PacketNetDevice::GetWireBytes(uint32_t payload) const
{
    const uint32_t packets = payload == 0 ? 1 : (payload + m_mtu - 1) / m_mtu;
    return payload + packets * m_headerBytes;
}

uint64_t
PacketNetDevice::GetLinkBitRate() const
{
    return m_ports[0].bps;
}

void
PacketNetDevice::SetMaxBurstBytes(uint32_t bytes)
{
    NS_ABORT_MSG_IF(bytes < m_mtu || bytes > MAX_BURST_LIMIT,
                    "ns3::PacketNetDevice::MaxBurstBytes = " << bytes << " is invalid: use Mtu ("
                                                             << m_mtu << ") ... "
                                                             << MAX_BURST_LIMIT);
    m_maxBurstBytes = bytes;
}

uint32_t
PacketNetDevice::GetMaxBurstBytes() const
{
    return m_maxBurstBytes;
}

void
PacketNetDevice::SetHeaderBytes(uint32_t bytes)
{
    NS_ABORT_MSG_IF(bytes > MAX_HEADER_BYTES,
                    "ns3::PacketNetDevice::HeaderBytes = " << bytes << " is invalid: use 0 ... "
                                                           << MAX_HEADER_BYTES);
    // The fabric's switches checked their buffers against the wire size of a cell at wiring.
    NS_ABORT_MSG_IF(m_nHosts != 0,
                    "ns3::PacketNetDevice::HeaderBytes cannot change once the device is attached");
    m_headerBytes = bytes;
}

void
PacketNetDevice::SetCellBytes(uint32_t bytes)
{
    // Frames in progress were cut by the old size, and the switches checked it at wiring.
    NS_ABORT_MSG_IF(m_nHosts != 0,
                    "ns3::PacketNetDevice::CellBytes cannot change once the device is attached");
    m_cellBytes = bytes;
}

uint32_t
PacketNetDevice::GetCellBytesAttribute() const
{
    return m_cellBytes;
}

uint32_t
PacketNetDevice::GetHeaderBytes() const
{
    return m_headerBytes;
}

bool
PacketNetDevice::IsCutThrough() const
{
    return false;
}

Time
PacketNetDevice::GetForwardingLatency() const
{
    return Time(0);
}

uint64_t
PacketNetDevice::GetIngressCredits(uint32_t port) const
{
    return 0; // a host takes cells at line rate
}

uint32_t
PacketNetDevice::GetEndpointContext() const
{
    return m_node ? m_node->GetId() : Simulator::NO_CONTEXT;
}

Ptr<Channel>
PacketNetDevice::GetChannel() const
{
    return m_ports[0].link;
}

void
PacketNetDevice::SetMacAddress(Mac48Address address)
{
    NS_ABORT_MSG_IF(m_nHosts != 0,
                    "ns3::PacketNetDevice::Address cannot change once the device is "
                    "attached (the fabric finds hosts by address)");
    m_address = address;
    m_addressValue = address;
    m_addressKey = MacFrame::ToKey(address);
}

Mac48Address
PacketNetDevice::GetMacAddress() const
{
    return m_address;
}

void
PacketNetDevice::SetAddress(Address address)
{
    SetMacAddress(Mac48Address::ConvertFrom(address));
}

Address
PacketNetDevice::GetAddress() const
{
    return m_addressValue; // kept as an Address: ns-3's Node asks for it on every frame
}

bool
PacketNetDevice::SetMtu(const uint16_t mtu)
{
    NS_ABORT_MSG_IF(mtu == 0, "ns3::PacketNetDevice::Mtu = 0 is invalid: use 1 ... 65535");
    NS_ABORT_MSG_IF(mtu > m_maxBurstBytes,
                    "ns3::PacketNetDevice::Mtu = " << mtu << " is invalid: it exceeds "
                                                   << "MaxBurstBytes = " << m_maxBurstBytes);
    NS_ABORT_MSG_IF(m_nHosts != 0,
                    "ns3::PacketNetDevice::Mtu cannot change once the device is attached");
    m_mtu = mtu;
    return true;
}

uint16_t
PacketNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
PacketNetDevice::IsLinkUp() const
{
    return m_nHosts != 0 && m_ports[0].link->IsUp();
}

} // namespace ns3
