/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fat-tree-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FatTreeHelper");

namespace
{
/// Largest k: k^3/4 hosts must fit 32 bits and k ports a switch.
constexpr uint32_t MAX_K = 1024;
} // namespace

FatTreeHelper::FatTreeHelper()
    : m_k(4)
{
}

void
FatTreeHelper::SetK(uint32_t k)
{
    NS_ABORT_MSG_IF(k < 2 || k % 2 != 0 || k > MAX_K,
                    "FatTreeHelper::K = " << k << " is invalid: use an even number from 2 to "
                                          << MAX_K);
    m_k = k;
}

uint64_t
FatTreeHelper::GetMaxHosts() const
{
    return uint64_t{m_k} * m_k * m_k / 4;
}

uint64_t
FatTreeHelper::GetNSwitches() const
{
    return uint64_t{5} * m_k * m_k / 4;
}

NetDeviceContainer
FatTreeHelper::Install(const NodeContainer& nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    const uint32_t n = nodes.GetN();
    NS_ABORT_MSG_IF(n == 0 || n > GetMaxHosts(),
                    "FatTreeHelper::Install: " << n << " hosts do not fit a fat-tree with K = "
                                               << m_k << ": use 1 ... k^3/4 = " << GetMaxHosts()
                                               << " hosts");
    const uint32_t half = m_k / 2;
    const uint32_t perPod = half * half;
    const auto maxHosts = static_cast<uint32_t>(GetMaxHosts());
    Reset();
    NetDeviceContainer devices = CreateDevices(nodes);
    std::vector<Ptr<PacketSwitch>> core(perPod);
    for (uint32_t c = 0; c < perPod; ++c)
    {
        core[c] = CreateSwitch(m_k, 2, "core " + std::to_string(c));
        core[c]->AddDownRoute(0, maxHosts - 1, 0, perPod);
    }
    std::vector<Ptr<PacketSwitch>> agg(half);
    for (uint32_t pod = 0; pod < m_k; ++pod)
    {
        const uint32_t podBase = pod * perPod;
        for (uint32_t a = 0; a < half; ++a)
        {
            agg[a] = CreateSwitch(m_k,
                                  1,
                                  "aggregation " + std::to_string(pod) + "." + std::to_string(a));
            agg[a]->AddDownRoute(podBase, podBase + perPod - 1, 0, half);
            agg[a]->SetUpPorts(half, half);
            for (uint32_t j = 0; j < half; ++j)
            {
                ConnectSwitches(agg[a], half + j, core[a * half + j], pod);
            }
        }
        for (uint32_t e = 0; e < half; ++e)
        {
            Ptr<PacketSwitch> edge =
                CreateSwitch(m_k, 0, "edge " + std::to_string(pod) + "." + std::to_string(e));
            const uint32_t base = podBase + e * half;
            edge->AddDownRoute(base, base + half - 1, 0, 1);
            edge->SetUpPorts(half, half);
            for (uint32_t j = 0; j < half; ++j)
            {
                ConnectSwitches(edge, half + j, agg[j], e);
            }
            for (uint32_t h = 0; h < half && base + h < n; ++h)
            {
                AttachHost(devices, base + h, edge, h);
            }
        }
    }
    return devices;
}

} // namespace ns3
