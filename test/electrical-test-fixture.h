/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_ELECTRICAL_TEST_FIXTURE_H
#define SCALE_ACROSS_ELECTRICAL_TEST_FIXTURE_H

#include "scale-across-test-fixture.h"

#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"

#include <vector>

/**
 * @file
 * Shared by the electrical suites: deliveries recorded on packet fabrics, and a chain of
 * switches between two hosts built by hand.
 */

namespace ns3
{
namespace scale_across_test
{

/// A packet fabric whose deliveries are recorded.
class PacketFabric
{
  public:
    /// Record deliveries on every device (call once the devices are in).
    void Record();
    /// @param i host index @return its device
    Ptr<PacketNetDevice> Dev(uint32_t i) const;
    /**
     * @brief Schedule a raw frame (TEST_PROTOCOL: not limited to the Mtu).
     * @param at send time
     * @param src sending host
     * @param dst receiving host
     * @param bytes payload bytes
     * @param flow FabricFlowTag flow (0: untagged)
     */
    void SendAt(Time at, uint32_t src, uint32_t dst, uint32_t bytes, uint8_t flow = 0);
    /// @return the time of the last delivery (0 if none)
    Time LastArrival() const;
    /// @param node a receiving host @return the time of its last delivery (0 if none)
    Time LastArrivalAt(uint32_t node) const;
    /// @return the switches' and devices' credits all back where they started
    bool CreditsBalance() const;
    /// @return total payload bytes delivered
    uint64_t Delivered() const;

    NodeContainer nodes;                     //!< hosts
    NetDeviceContainer devices;              //!< their devices
    std::vector<Ptr<PacketSwitch>> switches; //!< switches
    std::vector<Arrival> arrivals;           //!< deliveries, in order

  private:
    /// Receive callback of every device.
    bool Receive(Ptr<NetDevice> dev, Ptr<const Packet> p, uint16_t protocol, const Address& from);
};

/// One link of a hand-built chain.
struct ChainLink
{
    std::string rate; //!< DataRate
    Time delay;       //!< Delay
};

/**
 * @brief Two hosts joined through links.size() - 1 switches in a row (host 0 - switch 1 - ...
 * - host 1); each switch routes host 0 to its port 0 and host 1 to its port 1.
 * @param links the links, from host 0 on
 * @param latency every switch's ForwardingLatency
 * @param cutThrough every switch's CutThrough
 * @param mtu the devices' Mtu
 * @param headerBytes the devices' HeaderBytes
 * @param cellBytes the devices' CellBytes
 * @param fabric filled
 */
void BuildChain(const std::vector<ChainLink>& links,
                Time latency,
                bool cutThrough,
                uint16_t mtu,
                uint32_t headerBytes,
                uint32_t cellBytes,
                PacketFabric& fabric);

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_ELECTRICAL_TEST_FIXTURE_H */
