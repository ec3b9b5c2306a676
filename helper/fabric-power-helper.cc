/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-power-helper.h"

#include "ns3/abort.h"
#include "ns3/clos-fabric.h"
#include "ns3/coherent-transceiver.h"
#include "ns3/log.h"
#include "ns3/optical-channel.h"
#include "ns3/optical-net-device.h"
#include "ns3/packet-link.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/simulator.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricPowerHelper");

namespace
{

/// Speed of light in fiber at the module's group index 1.468 (OpticalChannel's default), m/s.
constexpr double FIBER_METERS_PER_SECOND = 299792458.0 / 1.468;

/// @param link a packet link @return its length, m, from its Delay
double
LinkMeters(const PacketLink& link)
{
    return link.GetDelay().GetSeconds() * FIBER_METERS_PER_SECOND;
}

/// @param link a link @param end one of its ends @return 0 or 1, the index of that end
uint32_t
EndIndex(const PacketLink& link, const PacketEndpoint* end)
{
    return link.GetEnd(0) == end ? 0 : 1;
}

/**
 * @param c its class @param name its name @param endpoint its endpoint or -1
 * @param x a packet transceiver @return its device line
 */
FabricPowerReport::Device
TransceiverLine(FabricPowerReport::Class c,
                std::string name,
                int64_t endpoint,
                const PacketTransceiver& x)
{
    FabricPowerReport::Device d;
    d.deviceClass = c;
    d.name = std::move(name);
    d.endpoint = endpoint;
    d.staticWatts = x.GetPowerWatts();
    d.picojoulesPerBit = x.GetEnergyPerBit();
    d.bits = x.GetBitsCarried();
    return d;
}

} // namespace

FabricPowerHelper::FabricPowerHelper()
{
}

void
FabricPowerHelper::Install(const NodeContainer& hosts, const NodeContainer& switchNodes)
{
    NS_LOG_FUNCTION(this << hosts.GetN() << switchNodes.GetN());
    m_hosts = hosts;
    m_switchNodes = switchNodes;
    StartInterval();
}

void
FabricPowerHelper::StartInterval()
{
    FabricPowerReport now("", 0);
    Enumerate(now);
    m_baseline.clear();
    m_baseline.reserve(now.GetDevices().size());
    for (const FabricPowerReport::Device& d : now.GetDevices())
    {
        m_baseline.emplace_back(d.bits, d.reconfigurations);
    }
    m_start = Simulator::Now();
}

FabricPowerReport
FabricPowerHelper::Collect(const std::string& fabric) const
{
    FabricPowerReport cumulative("", 0);
    Enumerate(cumulative);
    const auto& devices = cumulative.GetDevices();
    NS_ABORT_MSG_IF(devices.size() != m_baseline.size(),
                    "FabricPowerHelper::Collect: the fabric has "
                        << devices.size() << " devices but had " << m_baseline.size()
                        << " at Install: install the helper after the fabric is built");
    FabricPowerReport report(fabric, (Simulator::Now() - m_start).GetSeconds());
    for (size_t i = 0; i < devices.size(); ++i)
    {
        FabricPowerReport::Device d = devices[i];
        d.bits -= m_baseline[i].first;
        d.reconfigurations -= m_baseline[i].second;
        report.Add(d);
    }
    report.GetInventory() = cumulative.GetInventory();
    return report;
}

void
FabricPowerHelper::Enumerate(FabricPowerReport& report) const
{
    FabricPowerReport::Inventory& parts = report.GetInventory();
    parts.endpoints = m_hosts.GetN();
    std::vector<Ptr<PhotonicCrossbar>> crossbars;
    std::set<const PhotonicCrossbar*> seen;
    for (uint32_t i = 0; i < m_hosts.GetN(); ++i)
    {
        Ptr<Node> node = m_hosts.Get(i);
        for (uint32_t k = 0; k < node->GetNDevices(); ++k)
        {
            Ptr<NetDevice> nd = node->GetDevice(k);
            if (auto optical = DynamicCast<OpticalNetDevice>(nd))
            {
                const CoherentTransceiver& x = *optical->GetTransceiver();
                FabricPowerReport::Device d;
                d.deviceClass = FabricPowerReport::HOST_TRANSCEIVER;
                d.name = "host " + std::to_string(i);
                d.endpoint = i;
                d.staticWatts = x.GetStaticPowerWatts();
                d.picojoulesPerBit = x.GetEnergyPerBitPicojoules();
                d.bits = x.GetTransmittedBits();
                report.Add(d);
                parts.hostTransceivers += x.GetWavelengths();
                if (auto fiber = DynamicCast<OpticalChannel>(optical->GetChannel()))
                {
                    ++parts.links;
                    parts.fiberMeters += fiber->GetLengthMeters();
                }
                Ptr<PhotonicCrossbar> crossbar = optical->GetCrossbar();
                if (crossbar && seen.insert(PeekPointer(crossbar)).second)
                {
                    crossbars.push_back(crossbar);
                }
            }
            else if (auto packet = DynamicCast<PacketNetDevice>(nd))
            {
                Ptr<PacketLink> link = packet->GetPortLink(0);
                if (!link)
                {
                    continue;
                }
                ++parts.links;
                parts.fiberMeters += LinkMeters(*link);
                Ptr<PacketTransceiver> x =
                    link->GetTransceiver(EndIndex(*link, PeekPointer(packet)));
                if (x)
                {
                    report.Add(TransceiverLine(FabricPowerReport::HOST_TRANSCEIVER,
                                               "host " + std::to_string(i),
                                               i,
                                               *x));
                    ++parts.hostTransceivers;
                }
            }
        }
    }
    for (uint32_t s = 0; s < m_switchNodes.GetN(); ++s)
    {
        Ptr<PacketSwitch> sw = m_switchNodes.Get(s)->GetObject<PacketSwitch>();
        NS_ABORT_MSG_IF(!sw,
                        "FabricPowerHelper::Install: switch node " << m_switchNodes.Get(s)->GetId()
                                                                   << " holds no PacketSwitch");
        const std::string name = "switch " + std::to_string(s);
        FabricPowerReport::Device asic;
        asic.deviceClass = FabricPowerReport::SWITCH_ASIC;
        asic.name = name;
        asic.staticWatts = sw->GetAsicPowerWatts();
        asic.picojoulesPerBit = sw->GetAsicEnergyPerBitPicojoules();
        asic.bits = sw->GetBitsForwarded();
        report.Add(asic);
        ++parts.switches;
        parts.switchPorts += sw->GetNPorts();
        for (uint32_t p = 0; p < sw->GetNPorts(); ++p)
        {
            Ptr<PacketLink> link = sw->GetPortLink(p);
            if (!link)
            {
                continue;
            }
            const uint32_t end = EndIndex(*link, PeekPointer(sw));
            if (Ptr<PacketTransceiver> x = link->GetTransceiver(end))
            {
                report.Add(TransceiverLine(FabricPowerReport::SWITCH_TRANSCEIVER,
                                           name + " port " + std::to_string(p),
                                           -1,
                                           *x));
                ++parts.switchTransceivers;
            }
            // A link between switches is counted at its first end; host links at the host.
            const bool toSwitch = dynamic_cast<NetDevice*>(link->GetEnd(1 - end)) == nullptr;
            if (toSwitch && end == 0)
            {
                ++parts.links;
                parts.fiberMeters += LinkMeters(*link);
            }
        }
    }
    for (uint32_t c = 0; c < crossbars.size(); ++c)
    {
        const PhotonicCrossbar& cb = *crossbars[c];
        FabricPowerReport::Device d;
        d.deviceClass = FabricPowerReport::CROSSBAR;
        d.name = "crossbar " + std::to_string(c);
        d.staticWatts = cb.GetStaticPowerWatts();
        d.joulesPerReconfiguration = cb.GetReconfigurationEnergyJoules();
        d.reconfigurations = cb.GetReconfigurations();
        report.Add(d);
        if (Ptr<ClosFabric> stages = cb.GetStages())
        {
            parts.crossbars += stages->GetNSwitches();
            parts.crossbarPorts += stages->GetNPorts();
            parts.links += stages->GetNInterStageFibers();
            parts.fiberMeters += stages->GetInterStageFiberMeters();
        }
        else
        {
            ++parts.crossbars;
            parts.crossbarPorts += cb.GetNPorts();
        }
    }
}

} // namespace ns3
