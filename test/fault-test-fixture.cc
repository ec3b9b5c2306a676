/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fault-test-fixture.h"

#include "ns3/collective-header.h"
#include "ns3/error-model.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue.h"

namespace ns3
{
namespace scale_across_test
{

NS_OBJECT_ENSURE_REGISTERED(LinkToggleNetDevice);

TypeId
LinkToggleNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::scale_across_test::LinkToggleNetDevice")
                            .SetParent<SimpleNetDevice>()
                            .SetGroupName("ScaleAcrossTest")
                            .AddConstructor<LinkToggleNetDevice>();
    return tid;
}

LinkToggleNetDevice::LinkToggleNetDevice()
    : m_up(true),
      m_lostData(0),
      m_lostFrames(0)
{
}

void
LinkToggleNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    // The node's callback is called only for frames to this device (the channel offers every
    // device every frame): the place to lose them while the link is down.
    m_upper = cb;
    SimpleNetDevice::SetReceiveCallback(MakeCallback(&LinkToggleNetDevice::Deliver, this));
}

bool
LinkToggleNetDevice::Deliver(Ptr<NetDevice> device,
                             Ptr<const Packet> packet,
                             uint16_t protocol,
                             const Address& from)
{
    if (!m_up)
    {
        Lost(packet);
        return true;
    }
    return m_upper(device, packet, protocol, from);
}

void
LinkToggleNetDevice::SetLinkUp(bool up)
{
    if (up == m_up)
    {
        return;
    }
    m_up = up;
    m_linkChanges();
}

bool
LinkToggleNetDevice::IsLinkUp() const
{
    return m_up && SimpleNetDevice::IsLinkUp();
}

void
LinkToggleNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChanges.ConnectWithoutContext(callback);
}

bool
LinkToggleNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return SendFrom(packet, GetAddress(), dest, protocolNumber);
}

bool
LinkToggleNetDevice::SendFrom(Ptr<Packet> packet,
                              const Address& source,
                              const Address& dest,
                              uint16_t protocolNumber)
{
    if (!m_up)
    {
        Lost(packet);
        return false;
    }
    return SimpleNetDevice::SendFrom(packet, source, dest, protocolNumber);
}

void
LinkToggleNetDevice::Lost(Ptr<const Packet> packet)
{
    CollectiveHeader h;
    packet->PeekHeader(h);
    m_lostData += h.dataBytes;
    ++m_lostFrames;
}

uint64_t
LinkToggleNetDevice::GetLostDataBytes() const
{
    return m_lostData;
}

uint64_t
LinkToggleNetDevice::GetLostFrames() const
{
    return m_lostFrames;
}

Ptr<LinkToggleNetDevice>
ToggleFabric::Dev(uint32_t i) const
{
    return DynamicCast<LinkToggleNetDevice>(devices.Get(i));
}

uint64_t
ToggleFabric::LostDataBytes() const
{
    uint64_t lost = 0;
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        lost += Dev(i)->GetLostDataBytes();
    }
    return lost;
}

ToggleFabric
BuildToggleFabric(uint32_t n, DataRate rate, Time delay)
{
    ToggleFabric f;
    f.nodes.Create(n);
    f.channel = CreateObject<SimpleChannel>();
    f.channel->SetAttribute("Delay", TimeValue(delay));
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<LinkToggleNetDevice> d = CreateObject<LinkToggleNetDevice>();
        d->SetAttribute("DataRate", DataRateValue(rate));
        d->SetAddress(Mac48Address::Allocate());
        // Deep enough for every message a test sends at once (DropTailQueue's default: 100).
        d->GetQueue()->SetMaxSize(QueueSize("100000p"));
        d->SetChannel(f.channel);
        f.nodes.Get(i)->AddDevice(d);
        f.devices.Add(d);
    }
    return f;
}

} // namespace scale_across_test
} // namespace ns3
