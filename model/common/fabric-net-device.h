/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_NET_DEVICE_H
#define SCALE_ACROSS_FABRIC_NET_DEVICE_H

#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief The part of the ns-3 NetDevice interface every endpoint of this module answers the
 * same way: interface index, node, receive callbacks, link-change callbacks, Ethernet-style
 * broadcast and multicast (Mac48 addresses), ARP, SendFrom.
 *
 * OpticalNetDevice and PacketNetDevice derive from it and add what differs: addresses, MTU,
 * link state, channel and the send path.
 */
class FabricNetDevice : public NetDevice
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    FabricNetDevice();
    ~FabricNetDevice() override;

    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

    /**
     * @brief Latency of the idle path to a peer for a message of no size: propagation and
     * every fixed latency on the way (switch pipelines, the receiver's DSP and FEC), without
     * serialization or queuing. What a small control message, such as a collective's credit
     * return (CollectiveCommunicator::CreditReturn), takes on the way back.
     * @param to the peer's address
     * @return the latency; stops the program if no device of this fabric has that address
     */
    virtual Time GetPathLatency(const Address& to) const = 0;

  protected:
    /**
     * @brief For a derived device's copy constructor (CopyObject): the copy has the TypeId of
     * the original but none of its wiring (no node, interface index 0, no callbacks).
     * @param o the device copied
     */
    FabricNetDevice(const FabricNetDevice& o);

    void DoDispose() override;

    Ptr<Node> m_node;                                      //!< owning node
    uint32_t m_ifIndex;                                    //!< interface index
    NetDevice::ReceiveCallback m_rxCallback;               //!< receive callback
    NetDevice::PromiscReceiveCallback m_promiscRxCallback; //!< promiscuous callback
    TracedCallback<> m_linkChangeCallbacks;                //!< link change callbacks
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_NET_DEVICE_H */
