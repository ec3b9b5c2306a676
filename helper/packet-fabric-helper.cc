/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "packet-fabric-helper.h"

#include "fabric-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/packet-link.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketFabricHelper");

PacketFabricHelper::PacketFabricHelper()
    : m_fabricTransceivers(false),
      m_hostTransceivers(false),
      m_seed(0),
      m_nHosts(0),
      m_cellWireBytes(0)
{
    m_deviceFactory.SetTypeId("ns3::PacketNetDevice");
    m_switchFactory.SetTypeId("ns3::PacketSwitch");
    m_hostLinkFactory.SetTypeId("ns3::PacketLink");
    m_fabricLinkFactory.SetTypeId("ns3::PacketLink");
    m_transceiverFactory.SetTypeId("ns3::PacketTransceiver");
}

PacketFabricHelper::~PacketFabricHelper()
{
}

void
PacketFabricHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
PacketFabricHelper::SetSwitchAttribute(std::string name, const AttributeValue& value)
{
    NS_ABORT_MSG_IF(name == "NumPorts",
                    "the fabric helpers set ns3::PacketSwitch::NumPorts from the topology "
                    "(Radix, K); set those instead");
    m_switchFactory.Set(name, value);
}

void
PacketFabricHelper::SetHostLinkAttribute(std::string name, const AttributeValue& value)
{
    m_hostLinkFactory.Set(name, value);
}

void
PacketFabricHelper::SetFabricLinkAttribute(std::string name, const AttributeValue& value)
{
    m_fabricLinkFactory.Set(name, value);
}

void
PacketFabricHelper::SetEndpointRate(DataRate rate)
{
    m_hostLinkFactory.Set("DataRate", DataRateValue(rate));
    m_fabricLinkFactory.Set("DataRate", DataRateValue(rate));
}

void
PacketFabricHelper::MatchOpticalNic(uint32_t wavelengths, DataRate perWavelength)
{
    NS_ABORT_MSG_IF(wavelengths == 0,
                    "PacketFabricHelper::MatchOpticalNic: wavelengths = 0 is invalid: use 1 or "
                    "more");
    SetEndpointRate(DataRate(perWavelength.GetBitRate() * wavelengths));
}

void
PacketFabricHelper::SetTransceiver(const std::string& preset, bool hostLinks)
{
    const PacketTransceiver::Preset p = PacketTransceiver::GetPreset(preset);
    m_transceiverFactory.Set("Latency", TimeValue(p.latency));
    m_transceiverFactory.Set("PowerWatts", DoubleValue(p.powerWatts));
    m_transceiverFactory.Set("EnergyPerBit", DoubleValue(p.energyPerBit));
    m_fabricTransceivers = true;
    m_hostTransceivers = hostLinks;
}

void
PacketFabricHelper::SetTransceiverAttribute(std::string name, const AttributeValue& value)
{
    m_transceiverFactory.Set(name, value);
    m_fabricTransceivers = true;
}

const std::vector<Ptr<PacketTransceiver>>&
PacketFabricHelper::GetTransceivers() const
{
    return m_transceivers;
}

void
PacketFabricHelper::AddTransceivers(Ptr<PacketLink> link, bool enabled)
{
    if (!enabled)
    {
        return;
    }
    Ptr<PacketTransceiver> a = m_transceiverFactory.Create<PacketTransceiver>();
    Ptr<PacketTransceiver> b = m_transceiverFactory.Create<PacketTransceiver>();
    link->SetTransceivers(a, b);
    m_transceivers.push_back(a);
    m_transceivers.push_back(b);
}

void
PacketFabricHelper::SetSeed(uint32_t seed)
{
    m_seed = seed;
}

const std::vector<Ptr<PacketSwitch>>&
PacketFabricHelper::GetSwitches() const
{
    return m_switches;
}

const NodeContainer&
PacketFabricHelper::GetSwitchNodes() const
{
    return m_switchNodes;
}

void
PacketFabricHelper::Reset()
{
    m_switches.clear();
    m_switchNodes = NodeContainer();
    m_transceivers.clear();
    m_nHosts = 0;
}

NetDeviceContainer
PacketFabricHelper::CreateDevices(const NodeContainer& nodes)
{
    NetDeviceContainer devices;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<PacketNetDevice> device = m_deviceFactory.Create<PacketNetDevice>();
        const Mac48Address address = Mac48Address::Allocate();
        if (i == 0)
        {
            m_firstHost = address;
            m_cellWireBytes = device->GetWireBytes(device->GetCellBytes());
        }
        device->SetAddress(address);
        nodes.Get(i)->AddDevice(device);
        devices.Add(device);
    }
    m_nHosts = nodes.GetN();
    return devices;
}

Ptr<PacketSwitch>
PacketFabricHelper::CreateSwitch(uint32_t ports, uint32_t tier, const std::string& name)
{
    m_switchFactory.Set("NumPorts", UintegerValue(ports));
    m_switchFactory.Set("Seed", UintegerValue(m_seed + tier));
    Ptr<PacketSwitch> sw = m_switchFactory.Create<PacketSwitch>();
    if (m_switches.empty() && sw->GetBufferMode() == "partitioned" &&
        sw->GetFlowControl() == "credit")
    {
        const uint64_t share = sw->GetIngressCredits(0);
        NS_ABORT_MSG_IF(share < m_cellWireBytes,
                        "ns3::PacketSwitch::BufferBytes = "
                            << sw->GetBufferBytes() << " is too small: each of its " << ports
                            << " ports gets " << share << " bytes, less than one cell of "
                            << m_cellWireBytes << " wire bytes; use at least "
                            << uint64_t{m_cellWireBytes} * ports);
    }
    sw->SetSwitchName(name);
    // A node of its own puts the switch in the NodeList, so Config paths reach it
    // (/NodeList/N/$ns3::PacketSwitch/...) and the node keeps it alive until
    // Simulator::Destroy, as it does a host's devices.
    Ptr<Node> node = CreateObject<Node>();
    node->AggregateObject(sw);
    m_switchNodes.Add(node);
    m_switches.push_back(sw);
    return sw;
}

void
PacketFabricHelper::AttachHost(const NetDeviceContainer& devices,
                               uint32_t i,
                               Ptr<PacketSwitch> sw,
                               uint32_t port)
{
    Ptr<PacketNetDevice> device = DynamicCast<PacketNetDevice>(devices.Get(i));
    Ptr<PacketLink> link = m_hostLinkFactory.Create<PacketLink>();
    AddTransceivers(link, m_hostTransceivers);
    device->Attach(link, PeekPointer(sw), port, i, m_firstHost, m_nHosts);
    sw->CheckCellSize(m_cellWireBytes); // PFC headroom, shared credits: before the run
}

void
PacketFabricHelper::ConnectSwitches(Ptr<PacketSwitch> a,
                                    uint32_t portA,
                                    Ptr<PacketSwitch> b,
                                    uint32_t portB)
{
    Ptr<PacketLink> link = m_fabricLinkFactory.Create<PacketLink>();
    AddTransceivers(link, m_fabricTransceivers);
    link->Connect(PeekPointer(a), portA, PeekPointer(b), portB);
    a->CheckCellSize(m_cellWireBytes);
    b->CheckCellSize(m_cellWireBytes);
}

void
PacketFabricHelper::EnablePcapInternal(std::string prefix,
                                       Ptr<NetDevice> nd,
                                       bool promiscuous,
                                       bool explicitFilename)
{
    if (!nd->GetObject<PacketNetDevice>())
    {
        NS_LOG_INFO("PacketFabricHelper::EnablePcapInternal(): device "
                    << nd << " is not an ns3::PacketNetDevice");
        return;
    }
    FabricTraceHelper::EnablePcap(prefix, nd, promiscuous, explicitFilename);
}

void
PacketFabricHelper::EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                                        std::string prefix,
                                        Ptr<NetDevice> nd,
                                        bool explicitFilename)
{
    if (!nd->GetObject<PacketNetDevice>())
    {
        NS_LOG_INFO("PacketFabricHelper::EnableAsciiInternal(): device "
                    << nd << " is not an ns3::PacketNetDevice");
        return;
    }
    FabricTraceHelper::EnableAscii(stream,
                                   prefix,
                                   nd,
                                   explicitFilename,
                                   {"MacTxDrop", "PhyTxDrop"});
}

} // namespace ns3
