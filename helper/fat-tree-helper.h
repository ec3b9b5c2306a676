/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FAT_TREE_HELPER_H
#define SCALE_ACROSS_FAT_TREE_HELPER_H

#include "packet-fabric-helper.h"

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Builds a three-tier k-ary fat-tree (Al-Fares et al., SIGCOMM 2008): k pods of k/2
 * edge and k/2 aggregation switches, (k/2)^2 core switches, every switch with k ports, up to
 * k^3/4 hosts; non-blocking at equal link rates.
 *
 * @code
 *   FatTreeHelper fabric;
 *   fabric.SetK(4);                                   // 16 hosts, 20 switches
 *   NetDeviceContainer devices = fabric.Install(nodes);
 * @endcode
 * Host i is in pod i / (k^2/4), on port i % (k/2) of edge switch (i % (k^2/4)) / (k/2) of its
 * pod. Edge e's port k/2 + j goes to aggregation switch j of its pod (its port e); aggregation
 * a's port k/2 + j goes to core a x k/2 + j (its port = the pod). Routing is up/down: down
 * when the destination is below, else up by the switches' Routing.
 */
class FatTreeHelper : public PacketFabricHelper
{
  public:
    FatTreeHelper();

    /// @param k ports per switch: an even number >= 2 (default 4)
    void SetK(uint32_t k);
    /// @return k^3 / 4, the most hosts
    uint64_t GetMaxHosts() const;
    /// @return switches: 5 k^2 / 4
    uint64_t GetNSwitches() const;

    /**
     * @brief Build the fabric (every switch, whatever the number of nodes).
     * @param nodes the hosts, in order (at most k^3/4)
     * @return their devices, in the order of nodes
     */
    NetDeviceContainer Install(const NodeContainer& nodes);

  private:
    uint32_t m_k; //!< ports per switch
};

} // namespace ns3

#endif /* SCALE_ACROSS_FAT_TREE_HELPER_H */
