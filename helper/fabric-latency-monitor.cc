/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-latency-monitor.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricLatencyMonitor");

FabricLatencyMonitor::FabricLatencyMonitor() = default;

FabricLatencyMonitor::~FabricLatencyMonitor()
{
    // The devices may outlive the monitor: leave no callback to a dead object behind.
    for (uint32_t i = 0; i < m_devices.GetN(); ++i)
    {
        m_devices.Get(i)->TraceDisconnectWithoutContext(
            "MacTx",
            MakeCallback(&FabricLatencyMonitor::Sent, this));
        m_devices.Get(i)->TraceDisconnectWithoutContext(
            "MacRx",
            MakeCallback(&FabricLatencyMonitor::Delivered, this));
    }
}

void
FabricLatencyMonitor::Install(const NetDeviceContainer& devices)
{
    NS_LOG_FUNCTION(this << devices.GetN());
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<NetDevice> d = devices.Get(i);
        if (!d->TraceConnectWithoutContext("MacTx",
                                           MakeCallback(&FabricLatencyMonitor::Sent, this)) ||
            !d->TraceConnectWithoutContext("MacRx",
                                           MakeCallback(&FabricLatencyMonitor::Delivered, this)))
        {
            NS_FATAL_ERROR("FabricLatencyMonitor::Install: device "
                           << i << " (" << d->GetInstanceTypeId().GetName()
                           << ") has no MacTx or MacRx trace source: use the fabric's NICs");
        }
        m_devices.Add(d);
    }
    m_sent.reserve(64 * devices.GetN());
}

void
FabricLatencyMonitor::Sent(Ptr<const Packet> packet)
{
    m_sent.emplace(packet->GetUid(), Simulator::Now());
}

void
FabricLatencyMonitor::Delivered(Ptr<const Packet> packet)
{
    const auto it = m_sent.find(packet->GetUid());
    if (it == m_sent.end())
    {
        return; // a broadcast's second delivery, or a frame sent before Install
    }
    m_latency.Add((Simulator::Now() - it->second).GetSeconds());
    m_sent.erase(it);
}

const StreamingStatistics&
FabricLatencyMonitor::GetLatency() const
{
    return m_latency;
}

uint64_t
FabricLatencyMonitor::GetInFlight() const
{
    return m_sent.size();
}

} // namespace ns3
