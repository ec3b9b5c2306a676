/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_POWER_HELPER_H
#define SCALE_ACROSS_FABRIC_POWER_HELPER_H

#include "ns3/fabric-power-report.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Reads the power, energy and part counts of a built fabric into a FabricPowerReport:
 * optical (OpticalFabricHelper, MultiStageOpticalFabricHelper) or packet (LeafSpineHelper,
 * FatTreeHelper).
 *
 * @code
 *   FabricPowerHelper power;
 *   power.Install(hosts, fabric.GetSwitchNodes()); // packet fabric; optical: Install(hosts)
 *   Simulator::Schedule(start, &FabricPowerHelper::StartInterval, &power);
 *   ...
 *   FabricPowerReport r = power.Collect("leaf-spine"); // over [start, now]
 * @endcode
 * What it reads, in a fixed order (hosts first, then switches, then crossbars):
 *  - each host's NIC: an OpticalNetDevice's CoherentTransceiver (one host transceiver per
 *    wavelength in the part counts), its fiber and the crossbar it reaches; a PacketNetDevice's
 *    transceiver at its end of its host link (if the link has them), and the link;
 *  - each switch node's PacketSwitch: its ASIC, and the transceiver at its end of each wired
 *    port; links between switches are counted once;
 *  - each crossbar once: NumPorts x PortPower, or its stages' ports x their PortPowerWatts,
 *    and its reconfigurations.
 * A device's bits and reconfigurations in the report are those since StartInterval (or
 * Install), and its static energy is its power times the interval, so a report collected at
 * time T after an Install at time 0 of devices created at time 0 equals the sum of the
 * devices' own GetEnergyJoules(). NIC electronics other than the optics are not counted (the
 * same on either fabric); a packet link's length is taken from its Delay at 4.9 ns/m.
 */
class FabricPowerHelper
{
  public:
    FabricPowerHelper();

    /**
     * @brief Watch a built fabric and start the interval now.
     * @param hosts the endpoints, in order (their index is the report's endpoint)
     * @param switchNodes the nodes of its packet switches (PacketFabricHelper::GetSwitchNodes),
     *        none for an optical fabric
     */
    void Install(const NodeContainer& hosts, const NodeContainer& switchNodes = NodeContainer());
    /// Start the interval now: later reports count bits, reconfigurations and time from here.
    void StartInterval();
    /**
     * @param fabric how the report names the fabric
     * @return power, energy over [start of the interval, now] and part counts
     */
    FabricPowerReport Collect(const std::string& fabric) const;

  private:
    /// Every device's figures with its counters since its creation, and the part counts.
    /// @param report filled with the device lines (cumulative counters) and the part counts
    void Enumerate(FabricPowerReport& report) const;

    NodeContainer m_hosts;                                 //!< endpoints
    NodeContainer m_switchNodes;                           //!< packet switches' nodes
    Time m_start;                                          //!< start of the interval
    std::vector<std::pair<uint64_t, uint64_t>> m_baseline; //!< bits, reconfigurations at start
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_POWER_HELPER_H */
