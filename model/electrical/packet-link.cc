/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "packet-link.h"

#include "packet-endpoint.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/pointer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketLink");

NS_OBJECT_ENSURE_REGISTERED(PacketLink);

TypeId
PacketLink::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PacketLink")
            .SetParent<Channel>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<PacketLink>()
            .AddAttribute("DataRate",
                          "Rate of each direction (> 0). Default: one 800 Gb/s port, as on a "
                          "51.2 Tb/s switch ASIC with 64 ports.",
                          DataRateValue(DataRate("800Gbps")),
                          MakeDataRateAccessor(&PacketLink::SetDataRate, &PacketLink::GetDataRate),
                          MakeDataRateChecker())
            .AddAttribute("Delay",
                          "Propagation delay (>= 0). Default: 10 m of fiber at 4.9 ns/m.",
                          TimeValue(NanoSeconds(49)),
                          MakeTimeAccessor(&PacketLink::SetDelay, &PacketLink::GetDelay),
                          MakeTimeChecker())
            .AddAttribute("TransceiverA",
                          "The transceiver at the end given first to Connect, if any (read "
                          "only; PacketFabricHelper::SetTransceiver installs them).",
                          PointerValue(),
                          MakePointerAccessor(&PacketLink::GetTransceiverA),
                          MakePointerChecker<PacketTransceiver>())
            .AddAttribute("TransceiverB",
                          "The transceiver at the other end, if any (read only).",
                          PointerValue(),
                          MakePointerAccessor(&PacketLink::GetTransceiverB),
                          MakePointerChecker<PacketTransceiver>());
    return tid;
}

PacketLink::PacketLink()
    : m_rate("800Gbps"),
      m_delay(NanoSeconds(49))
{
    NS_LOG_FUNCTION(this);
}

PacketLink::~PacketLink()
{
    NS_LOG_FUNCTION(this);
}

void
PacketLink::DoDispose()
{
    m_ends = {nullptr, nullptr};
    m_devices = {nullptr, nullptr};
    m_nDevices = 0;
    for (auto& t : m_transceivers)
    {
        if (t)
        {
            t->Dispose();
        }
        t = nullptr;
    }
    Channel::DoDispose();
}

void
PacketLink::SetDataRate(DataRate rate)
{
    NS_ABORT_MSG_IF(rate.GetBitRate() == 0,
                    "ns3::PacketLink::DataRate = 0bps is invalid: use a rate above 0");
    NS_ABORT_MSG_IF(m_ends[0] != nullptr,
                    "ns3::PacketLink::DataRate cannot change once the link is connected");
    m_rate = rate;
}

DataRate
PacketLink::GetDataRate() const
{
    return m_rate;
}

void
PacketLink::SetDelay(Time delay)
{
    NS_ABORT_MSG_IF(delay.IsStrictlyNegative(),
                    "ns3::PacketLink::Delay = " << delay << " is invalid: use 0 or more");
    NS_ABORT_MSG_IF(m_ends[0] != nullptr,
                    "ns3::PacketLink::Delay cannot change once the link is connected");
    m_delay = delay;
}

Time
PacketLink::GetDelay() const
{
    return m_delay;
}

void
PacketLink::SetTransceivers(Ptr<PacketTransceiver> a, Ptr<PacketTransceiver> b)
{
    NS_ABORT_MSG_IF(m_ends[0] != nullptr,
                    "PacketLink::SetTransceivers: the link is already connected");
    NS_ABORT_MSG_IF(!a != !b, "PacketLink::SetTransceivers: give both ends one, or neither");
    m_transceivers = {a, b};
}

Ptr<PacketTransceiver>
PacketLink::GetTransceiver(uint32_t i) const
{
    return m_transceivers.at(i);
}

Ptr<PacketTransceiver>
PacketLink::GetTransceiverA() const
{
    return m_transceivers[0];
}

Ptr<PacketTransceiver>
PacketLink::GetTransceiverB() const
{
    return m_transceivers[1];
}

Time
PacketLink::GetPathDelay() const
{
    Time d = m_delay;
    for (const auto& t : m_transceivers)
    {
        if (t)
        {
            d += t->GetLatency();
        }
    }
    return d;
}

void
PacketLink::Connect(PacketEndpoint* a, uint32_t portA, PacketEndpoint* b, uint32_t portB)
{
    NS_LOG_FUNCTION(this << portA << portB);
    NS_ABORT_MSG_IF(m_ends[0] != nullptr, "PacketLink::Connect: the link is already connected");
    NS_ABORT_MSG_IF(!a || !b || a == b, "PacketLink::Connect: give two different ends");
    m_ends = {a, b};
    m_endPorts = {portA, portB};
    for (PacketEndpoint* end : m_ends)
    {
        if (auto* device = dynamic_cast<NetDevice*>(end))
        {
            m_devices[m_nDevices++] = device;
        }
    }
    a->ConnectPort(portA, this, b, portB);
    b->ConnectPort(portB, this, a, portA);
    if (m_transceivers[0])
    {
        m_transceivers[0]->AttachTo(a, portA);
        m_transceivers[1]->AttachTo(b, portB);
    }
}

void
PacketLink::Fail(DropReason reason)
{
    NS_LOG_FUNCTION(this << ToString(reason));
    NS_ABORT_MSG_IF(m_ends[0] == nullptr, "PacketLink::Fail: the link is not connected");
    if (!m_up)
    {
        return; // already down: the first failure's reason stands
    }
    m_up = false;
    ++m_epoch;
    m_lossReason = reason;
    for (uint32_t i = 0; i < 2; ++i)
    {
        m_ends[i]->LinkStateChanged(m_endPorts[i], false);
    }
}

void
PacketLink::Repair()
{
    NS_LOG_FUNCTION(this);
    if (m_up)
    {
        return;
    }
    m_up = true;
    for (uint32_t i = 0; i < 2; ++i)
    {
        m_ends[i]->LinkStateChanged(m_endPorts[i], true);
    }
}

bool
PacketLink::IsUp() const
{
    return m_up;
}

uint8_t
PacketLink::GetEpoch() const
{
    return m_epoch;
}

DropReason
PacketLink::GetLossReason() const
{
    return m_lossReason;
}

PacketEndpoint*
PacketLink::GetEnd(uint32_t i) const
{
    return m_ends.at(i);
}

std::size_t
PacketLink::GetNDevices() const
{
    return m_nDevices;
}

Ptr<NetDevice>
PacketLink::GetDevice(std::size_t i) const
{
    return i < m_nDevices ? m_devices[i] : nullptr;
}

} // namespace ns3
