/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FAULT_TEST_FIXTURE_H
#define SCALE_ACROSS_FAULT_TEST_FIXTURE_H

#include "ns3/data-rate.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/simple-channel.h"
#include "ns3/simple-net-device.h"
#include "ns3/traced-callback.h"

/**
 * @file
 * Shared by the fault suites of collectives and training: a fabric of ns-3 SimpleNetDevices on
 * one SimpleChannel whose links can be taken down and repaired through the standard NetDevice
 * interface (IsLinkUp, link-change callbacks), as a fabric's fault injection does.
 */

namespace ns3
{
namespace scale_across_test
{

/**
 * @brief A SimpleNetDevice whose link can fail: while down, IsLinkUp() is false, frames
 * handed to Send are refused and frames that reach it are dropped (both counted, with the
 * collective data bytes they carried); each change fires the link-change callbacks.
 */
class LinkToggleNetDevice : public SimpleNetDevice
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    LinkToggleNetDevice();

    /// @param up the link's new state (fires the callbacks if it changes)
    void SetLinkUp(bool up);
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;

    /// @return collective data bytes of the frames refused or dropped here
    uint64_t GetLostDataBytes() const;
    /// @return frames refused or dropped here
    uint64_t GetLostFrames() const;

    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;

  private:
    /**
     * @brief A frame to this device arrived: up, to the node; down, lost.
     * @param device this device
     * @param packet the frame
     * @param protocol its protocol
     * @param from its sender
     * @return true
     */
    bool Deliver(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from);
    /// @param packet a frame lost here
    void Lost(Ptr<const Packet> packet);

    bool m_up;                          //!< link state
    TracedCallback<> m_linkChanges;     //!< link-change callbacks
    NetDevice::ReceiveCallback m_upper; //!< the node's receive callback
    uint64_t m_lostData;                //!< GetLostDataBytes
    uint64_t m_lostFrames;              //!< GetLostFrames
};

/// A fabric of LinkToggleNetDevices on one SimpleChannel.
struct ToggleFabric
{
    NodeContainer nodes;        //!< one per rank
    NetDeviceContainer devices; //!< their devices
    Ptr<SimpleChannel> channel; //!< the channel

    /// @param i a rank @return its device
    Ptr<LinkToggleNetDevice> Dev(uint32_t i) const;
    /// @return collective data bytes lost at all devices
    uint64_t LostDataBytes() const;
};

/**
 * @brief Build a fabric: every device sends at rate (store and forward: a frame of S bytes
 * arrives 8 S / rate + delay after its transmission starts), the channel delays by delay.
 * @param n devices
 * @param rate each device's rate
 * @param delay the channel's delay
 * @return the fabric
 */
ToggleFabric BuildToggleFabric(uint32_t n, DataRate rate, Time delay);

/// Bytes of CollectiveHeader on every frame (SimpleNetDevice adds no header of its own).
constexpr uint32_t COLLECTIVE_HEADER_BYTES = 37;

} // namespace scale_across_test
} // namespace ns3

#endif /* SCALE_ACROSS_FAULT_TEST_FIXTURE_H */
