/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_LEAF_SPINE_HELPER_H
#define SCALE_ACROSS_LEAF_SPINE_HELPER_H

#include "packet-fabric-helper.h"

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Builds a two-tier leaf-spine packet fabric: leaves of Radix ports, each with
 * HostsPerLeaf = Radix x r / (r + 1) hosts and Radix / (r + 1) uplinks, one to each spine,
 * for an oversubscription r : 1 at equal link rates.
 *
 * @code
 *   LeafSpineHelper fabric;
 *   fabric.SetRadix(8);
 *   fabric.SetOversubscription(3); // 6 hosts and 2 uplinks per leaf
 *   fabric.SetSwitchAttribute("Routing", StringValue("spray"));
 *   NetDeviceContainer devices = fabric.Install(nodes); // 12 nodes: 2 leaves, 2 spines
 * @endcode
 * Host i is on port i % HostsPerLeaf of leaf i / HostsPerLeaf; leaf l's uplink to spine s is
 * its port HostsPerLeaf + s and the spine's port l. Leaves route their hosts down and every
 * other host up (ECMP, spraying or adaptive, per the switches' Routing); spines route down.
 * The number of nodes must be a multiple of HostsPerLeaf and at most Radix leaves' worth.
 */
class LeafSpineHelper : public PacketFabricHelper
{
  public:
    LeafSpineHelper();

    /// @param radix ports per switch (>= 2; default 64, a 51.2 Tb/s ASIC at 800 Gb/s)
    void SetRadix(uint32_t radix);
    /// @param ratio host ports per uplink at each leaf (>= 1; default 1, non-blocking)
    void SetOversubscription(double ratio);

    /// @return hosts per leaf for the current Radix and Oversubscription
    uint32_t GetHostsPerLeaf() const;
    /// @return uplinks per leaf (= spines)
    uint32_t GetSpines() const;

    /**
     * @brief Build the fabric.
     * @param nodes the hosts, in order
     * @return their devices, in the order of nodes
     */
    NetDeviceContainer Install(const NodeContainer& nodes);

  private:
    uint32_t m_radix;          //!< ports per switch
    double m_oversubscription; //!< host ports per uplink
};

} // namespace ns3

#endif /* SCALE_ACROSS_LEAF_SPINE_HELPER_H */
