/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "electrical-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/fabric-flow-tag.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet-link.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace scale_across_test
{

void
PacketFabric::Record()
{
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        devices.Get(i)->SetReceiveCallback(MakeCallback(&PacketFabric::Receive, this));
    }
}

Ptr<PacketNetDevice>
PacketFabric::Dev(uint32_t i) const
{
    return DynamicCast<PacketNetDevice>(devices.Get(i));
}

bool
PacketFabric::Receive(Ptr<NetDevice> dev, Ptr<const Packet> p, uint16_t, const Address&)
{
    arrivals.push_back(
        {DynamicCast<PacketNetDevice>(dev)->GetHostIndex(), p->GetSize(), Simulator::Now()});
    return true;
}

void
PacketFabric::SendAt(Time at, uint32_t src, uint32_t dst, uint32_t bytes, uint8_t flow)
{
    Ptr<PacketNetDevice> from = Dev(src);
    const Address to = Dev(dst)->GetAddress();
    Simulator::Schedule(at, [from, to, bytes, flow]() {
        Ptr<Packet> p = Create<Packet>(bytes);
        if (flow != 0)
        {
            p->AddPacketTag(FabricFlowTag(flow));
        }
        from->Send(p, to, TEST_PROTOCOL);
    });
}

Time
PacketFabric::LastArrival() const
{
    Time last;
    for (const Arrival& a : arrivals)
    {
        last = std::max(last, a.at);
    }
    return last;
}

Time
PacketFabric::LastArrivalAt(uint32_t node) const
{
    Time last;
    for (const Arrival& a : arrivals)
    {
        if (a.node == node)
        {
            last = std::max(last, a.at);
        }
    }
    return last;
}

bool
PacketFabric::CreditsBalance() const
{
    for (const Ptr<PacketSwitch>& sw : switches)
    {
        for (uint32_t p = 0; p < sw->GetNPacketPorts(); ++p)
        {
            if (sw->IsPortConnected(p) && sw->GetCredits(p) != sw->GetInitialCredits(p))
            {
                return false;
            }
        }
    }
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        if (Dev(i)->GetCredits(0) != Dev(i)->GetInitialCredits(0))
        {
            return false;
        }
    }
    return true;
}

uint64_t
PacketFabric::Delivered() const
{
    uint64_t bytes = 0;
    for (const Arrival& a : arrivals)
    {
        bytes += a.bytes;
    }
    return bytes;
}

void
BuildChain(const std::vector<ChainLink>& links,
           Time latency,
           bool cutThrough,
           uint16_t mtu,
           uint32_t headerBytes,
           uint32_t cellBytes,
           PacketFabric& fabric)
{
    fabric.nodes.Create(2);
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<PacketNetDevice> dev = CreateObject<PacketNetDevice>();
        dev->SetAttribute("Mtu", UintegerValue(mtu));
        dev->SetAttribute("HeaderBytes", UintegerValue(headerBytes));
        dev->SetAttribute("CellBytes", UintegerValue(cellBytes));
        dev->SetAddress(Mac48Address::Allocate());
        fabric.nodes.Get(i)->AddDevice(dev);
        fabric.devices.Add(dev);
    }
    const Mac48Address first = Mac48Address::ConvertFrom(fabric.devices.Get(0)->GetAddress());
    std::vector<Ptr<PacketLink>> made;
    for (const ChainLink& l : links)
    {
        Ptr<PacketLink> link = CreateObject<PacketLink>();
        link->SetAttribute("DataRate", DataRateValue(DataRate(l.rate)));
        link->SetAttribute("Delay", TimeValue(l.delay));
        made.push_back(link);
    }
    for (size_t s = 0; s + 1 < links.size(); ++s)
    {
        Ptr<PacketSwitch> sw = CreateObject<PacketSwitch>();
        sw->SetAttribute("NumPorts", UintegerValue(2));
        sw->SetAttribute("ForwardingLatency", TimeValue(latency));
        sw->SetAttribute("CutThrough", BooleanValue(cutThrough));
        sw->SetSwitchName("chain " + std::to_string(s));
        sw->AddDownRoute(0, 0, 0, 1);
        sw->AddDownRoute(1, 1, 1, 1);
        fabric.switches.push_back(sw);
    }
    // Links between switches first; then each host on its end switch.
    for (size_t s = 0; s + 2 < links.size(); ++s)
    {
        made[s + 1]->Connect(PeekPointer(fabric.switches[s]),
                             1,
                             PeekPointer(fabric.switches[s + 1]),
                             0);
    }
    fabric.Dev(0)->Attach(made.front(), PeekPointer(fabric.switches.front()), 0, 0, first, 2);
    fabric.Dev(1)->Attach(made.back(), PeekPointer(fabric.switches.back()), 1, 1, first, 2);
    fabric.Record();
}

} // namespace scale_across_test
} // namespace ns3
