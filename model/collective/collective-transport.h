/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_TRANSPORT_H
#define SCALE_ACROSS_COLLECTIVE_TRANSPORT_H

#include "collective-header.h"

#include "ns3/callback.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>

namespace ns3
{

/**
 * @ingroup scale-across-collective
 * @brief Carries collective messages over any ns-3 NetDevice, with no Internet stack.
 *
 * A message of any size is cut into bursts of at most MaxSegmentBytes data bytes, each one
 * Packet with a CollectiveHeader, sent with the device's Send under ProtocolNumber. The
 * receiving transport (a protocol handler on the node) counts the bytes of each message and
 * hands the message to its communicator once all of it has arrived. The devices below are
 * lossless here (the optical fabric queues in the NIC; point-to-point links are given deep
 * enough queues by the helper), so there is no retransmission.
 *
 * One transport per node, aggregated to it; any number of communicators share it.
 */
class CollectiveTransport : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CollectiveTransport();
    ~CollectiveTransport() override;

    /// Called with the header of a message when all of its bytes have arrived.
    typedef Callback<void, const CollectiveHeader&> MessageCallback;

    /**
     * @brief Use a device: register the protocol handler on its node.
     * @param device the device (on a node)
     */
    void Attach(Ptr<NetDevice> device);
    /// @return the device, or nullptr before Attach
    Ptr<NetDevice> GetDevice() const;
    /**
     * @param communicator a communicator id (one rank of it per node: registering it twice
     * stops the program)
     * @param callback where its messages go
     */
    void Register(uint32_t communicator, MessageCallback callback);

    /**
     * @brief Send a message.
     * @param to the peer's device address
     * @param header communicator, operation, source, tag and messageBytes of the message
     * @param wireFactor wire bytes per data byte (>= 1; e.g. 2 for NCCL's LL protocol)
     * @param flow the message's flow (FabricFlowTag: its own circuit lane per peer)
     */
    void Send(const Address& to, CollectiveHeader header, double wireFactor, uint8_t flow);

    /**
     * TracedCallback signature for whole messages.
     * @param [in] header the header of the message's last burst
     */
    typedef void (*MessageTracedCallback)(const CollectiveHeader& header);

    /// @return data bytes handed to Send
    uint64_t GetSentBytes() const;
    /// @return data bytes of completed messages
    uint64_t GetReceivedBytes() const;
    /// @return data bytes of messages still incomplete
    uint64_t GetPartialBytes() const;

  protected:
    void DoDispose() override;

  private:
    /// Protocol handler.
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type);

    Ptr<NetDevice> m_device;                                //!< the device used
    uint16_t m_protocol;                                    //!< ProtocolNumber attribute
    uint32_t m_maxSegment;                                  //!< MaxSegmentBytes attribute
    std::map<uint32_t, MessageCallback> m_receivers;        //!< by communicator
    std::map<std::array<uint32_t, 4>, uint64_t> m_partial;  //!< bytes so far, by message
    uint64_t m_sentBytes;                                   //!< data bytes sent
    uint64_t m_receivedBytes;                               //!< data bytes of whole messages
    uint64_t m_partialBytes;                                //!< data bytes of partial ones
    TracedCallback<const CollectiveHeader&> m_messageTrace; //!< MessageReceived
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_TRANSPORT_H */
