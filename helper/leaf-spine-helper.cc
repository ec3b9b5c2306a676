/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "leaf-spine-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LeafSpineHelper");

LeafSpineHelper::LeafSpineHelper()
    : m_radix(64),
      m_oversubscription(1)
{
}

void
LeafSpineHelper::SetRadix(uint32_t radix)
{
    NS_ABORT_MSG_IF(radix < 2,
                    "LeafSpineHelper::Radix = " << radix << " is invalid: use 2 or more ports");
    m_radix = radix;
}

void
LeafSpineHelper::SetOversubscription(double ratio)
{
    NS_ABORT_MSG_IF(!(ratio >= 1),
                    "LeafSpineHelper::Oversubscription = "
                        << ratio
                        << " is invalid: use 1 (non-blocking) or more host ports per "
                           "uplink");
    m_oversubscription = ratio;
}

uint32_t
LeafSpineHelper::GetSpines() const
{
    const double uplinks = m_radix / (m_oversubscription + 1);
    const auto u = static_cast<uint32_t>(std::llround(uplinks));
    NS_ABORT_MSG_IF(u == 0 || u >= m_radix || std::fabs(uplinks - u) > 1e-9,
                    "LeafSpineHelper: Oversubscription = "
                        << m_oversubscription << " does not divide Radix = " << m_radix
                        << ": Radix / (Oversubscription + 1) uplinks per leaf must be a whole "
                           "number from 1 to Radix - 1");
    return u;
}

uint32_t
LeafSpineHelper::GetHostsPerLeaf() const
{
    return m_radix - GetSpines();
}

NetDeviceContainer
LeafSpineHelper::Install(const NodeContainer& nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    const uint32_t n = nodes.GetN();
    const uint32_t spines = GetSpines();
    const uint32_t hosts = GetHostsPerLeaf();
    NS_ABORT_MSG_IF(n == 0 || n % hosts != 0,
                    "LeafSpineHelper::Install: " << n << " hosts do not fill leaves of " << hosts
                                                 << " hosts (HostsPerLeaf = Radix x r / (r + 1) "
                                                    "with Radix = "
                                                 << m_radix << ", r = " << m_oversubscription
                                                 << "): use a multiple of " << hosts);
    const uint32_t leaves = n / hosts;
    NS_ABORT_MSG_IF(leaves > m_radix,
                    "LeafSpineHelper::Install: " << n << " hosts need " << leaves
                                                 << " leaves, more than the " << m_radix
                                                 << " ports of a spine (Radix): at most "
                                                 << uint64_t{m_radix} * hosts << " hosts");
    Reset();
    NetDeviceContainer devices = CreateDevices(nodes);
    std::vector<Ptr<PacketSwitch>> leaf(leaves);
    for (uint32_t l = 0; l < leaves; ++l)
    {
        leaf[l] = CreateSwitch(m_radix, 0, "leaf " + std::to_string(l));
        leaf[l]->AddDownRoute(l * hosts, l * hosts + hosts - 1, 0, 1);
        leaf[l]->SetUpPorts(hosts, spines);
        for (uint32_t h = 0; h < hosts; ++h)
        {
            AttachHost(devices, l * hosts + h, leaf[l], h);
        }
    }
    for (uint32_t s = 0; s < spines; ++s)
    {
        Ptr<PacketSwitch> spine = CreateSwitch(m_radix, 1, "spine " + std::to_string(s));
        spine->AddDownRoute(0, n - 1, 0, hosts);
        for (uint32_t l = 0; l < leaves; ++l)
        {
            ConnectSwitches(leaf[l], hosts + s, spine, l);
        }
    }
    return devices;
}

} // namespace ns3
