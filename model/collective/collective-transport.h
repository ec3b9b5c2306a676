/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_TRANSPORT_H
#define SCALE_ACROSS_COLLECTIVE_TRANSPORT_H

#include "collective-header.h"

#include "ns3/callback.h"
#include "ns3/event-pool.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <vector>

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
 * Send credits (CollectiveCommunicator::SendCredits) travel back the same way in spirit: a
 * receiving rank hands its credit to its own transport (ReturnCredit), which delivers it to
 * the sender's transport after the credit's latency, as an event in the sender node's context,
 * and that transport hands it to the sender's rank. No rank calls another's: a credit carries
 * no bytes on the device (it stands for an RDMA write of a few bytes, whose serialization is
 * neglected, and needs no circuit of its own).
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

    /**
     * @brief Use a device: register the protocol handler on its node.
     * @param device the device (on a node)
     */
    void Attach(Ptr<NetDevice> device);
    /// @return the device, or nullptr before Attach
    Ptr<NetDevice> GetDevice() const;

    /**
     * @brief Where one communicator's messages and credits go, called directly (a
     * CollectiveApplication is one). An ns-3 Callback puts two heap objects (its
     * implementation and a std::function) between the transport and the rank on every
     * message and every credit, two cache lines that fall out of the caches at large rank
     * counts (issue #17).
     */
    class Listener
    {
      public:
        virtual ~Listener() = default;
        /// All of a message's bytes have arrived. @param header its header
        virtual void ReceiveMessage(const CollectiveHeader& header) = 0;
        /// A send credit is back. @param operation the message's operation @param rank the
        /// rank that returned it @param flow its flow
        virtual void ReceiveCredit(uint32_t operation, uint32_t rank, uint8_t flow) = 0;
    };

    /**
     * @param communicator a communicator id (one rank of it per node: registering it twice
     * stops the program)
     * @param listener where its messages and returned send credits go; it must outlive the
     * transport's use of it (until the simulation is destroyed)
     */
    void Register(uint32_t communicator, Listener* listener);

    /**
     * @brief Send a message.
     * @param to the peer's device address
     * @param header communicator, operation, source, tag and messageBytes of the message
     * @param wireFactor wire bytes per data byte (>= 1; e.g. 2 for NCCL's LL protocol)
     * @param flow the message's flow (FabricFlowTag: its own circuit lane per peer)
     */
    void Send(const Address& to, const CollectiveHeader& header, double wireFactor, uint8_t flow);

    /**
     * @brief Give a sender its credit back: delivered to its transport after a latency.
     * @param to the sender's transport
     * @param communicator the communicator
     * @param operation the message's operation
     * @param rank the rank returning it (this node's rank in the communicator)
     * @param flow the message's flow
     * @param latency how long the credit takes to get there (>= 0)
     */
    void ReturnCredit(const Ptr<CollectiveTransport>& to,
                      uint32_t communicator,
                      uint32_t operation,
                      uint32_t rank,
                      uint8_t flow,
                      Time latency);

    /**
     * @param to a peer's device address
     * @return the latency of the idle path from this node's device to it: the device's own
     *         (FabricNetDevice::GetPathLatency) or its channel's Delay attribute; stops the
     *         program if the device offers neither
     */
    Time GetPathLatency(const Address& to) const;

    /**
     * TracedCallback signature for returned send credits.
     * @param [in] communicator the communicator
     * @param [in] operation the operation
     * @param [in] rank the rank that returned it
     * @param [in] flow the flow
     */
    typedef void (*CreditTracedCallback)(uint32_t communicator,
                                         uint32_t operation,
                                         uint32_t rank,
                                         uint8_t flow);

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
    /// @return send credits handed to ReturnCredit here
    uint64_t GetCreditsReturned() const;
    /// @return send credits delivered here
    uint64_t GetCreditsReceived() const;

  protected:
    void DoDispose() override;

  private:
    class CreditEvent;

    /// Protocol handler.
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType type);

    /**
     * @brief Send's work, with the header object its bursts carry.
     * @param to the peer's device address
     * @param header the message's header; offset and dataBytes are set per burst
     * @param wireFactor wire bytes per data byte
     * @param flow the message's flow
     */
    void SendBursts(const Address& to, CollectiveHeader& header, double wireFactor, uint8_t flow);
    /**
     * @brief Receive's work, with the header object to read the burst into.
     * @param packet the burst
     * @param header where its header is read
     */
    void ReceiveBurst(const Packet& packet, CollectiveHeader& header);

    /// @param protocol the ProtocolNumber attribute (refused once attached)
    void SetProtocolNumber(uint16_t protocol);
    /// @return the ProtocolNumber attribute
    uint16_t GetProtocolNumber() const;

    /// Event: a credit reaches this node. @param communicator @param operation @param rank
    /// the rank that returned it @param flow the flow
    void DeliverCredit(uint32_t communicator, uint32_t operation, uint32_t rank, uint8_t flow);

    /// Where one communicator's messages and credits go.
    struct Receiver
    {
        uint32_t communicator{0};    //!< its id
        Listener* listener{nullptr}; //!< its messages and credits
    };

    /// @param communicator an id @return its receiver, or nullptr if none is registered
    const Receiver* FindReceiver(uint32_t communicator) const;

    Ptr<NetDevice> m_device; //!< the device used
    uint32_t m_nodeId;       //!< its node's id (the context of credits delivered here)
    uint16_t m_protocol;     //!< ProtocolNumber attribute
    uint32_t m_maxSegment;   //!< MaxSegmentBytes attribute
    // A node holds a rank of a handful of communicators (a job's, its shrunk reruns'): a
    // scan of a small array per message beats a std::map's pointer chase.
    std::vector<Receiver> m_receivers;                     //!< by communicator
    std::map<std::array<uint32_t, 4>, uint64_t> m_partial; //!< bytes so far, by message
    uint64_t m_sentBytes;                                  //!< data bytes sent
    uint64_t m_receivedBytes;                              //!< data bytes of whole messages
    uint64_t m_partialBytes;                               //!< data bytes of partial ones
    uint64_t m_creditsReturned;                            //!< credits sent back from here
    uint64_t m_creditsReceived;                            //!< credits delivered here
    // One header object each for sending and receiving, reused: an ns-3 Header made and
    // destroyed per message costs two LogComponent::IsEnabled calls (~Header, ~ObjectBase).
    CollectiveHeader m_sendHeader;    //!< the bursts' header in Send
    CollectiveHeader m_receiveHeader; //!< the burst's header in Receive
    bool m_sending;                   //!< in Send (a nested call uses its own header)
    bool m_receiving;                 //!< in Receive (a nested call uses its own header)
    // Credit events, reused: one allocated per credit was one heap allocation per message.
    EventPool<CreditEvent> m_creditEvents;                               //!< credit events, reused
    TracedCallback<const CollectiveHeader&> m_messageTrace;              //!< MessageReceived
    TracedCallback<uint32_t, uint32_t, uint32_t, uint8_t> m_creditTrace; //!< CreditReceived
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_TRANSPORT_H */
