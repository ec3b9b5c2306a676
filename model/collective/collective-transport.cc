/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-transport.h"

#include "ns3/abort.h"
#include "ns3/channel.h"
#include "ns3/event-impl.h"
#include "ns3/fabric-flow-tag.h"
#include "ns3/fabric-net-device.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveTransport");

NS_OBJECT_ENSURE_REGISTERED(CollectiveTransport);

namespace
{
/// Bytes of CollectiveHeader on every burst.
const uint32_t HEADER_BYTES = CollectiveHeader().GetSerializedSize();
} // namespace

/**
 * A send credit on its way to a sender's transport: an event of the EventPool of the
 * transport that sent it, back there as soon as it runs, so credits allocate only while more
 * of them are pending than ever before.
 */
class CollectiveTransport::CreditEvent : public EventImpl
{
  public:
    CollectiveTransport* owner{nullptr}; //!< the transport whose pool it returns to
    CollectiveTransport* to{nullptr};    //!< the sender's transport
    uint32_t communicator{0};            //!< the communicator
    uint32_t operation{0};               //!< the message's operation
    uint32_t rank{0};                    //!< the rank that returned the credit
    uint8_t flow{0};                     //!< the message's flow

  protected:
    void Notify() override
    {
        // Back to the pool first: a credit returned inside the delivery may reuse it.
        CollectiveTransport* target = to;
        const uint32_t c = communicator;
        const uint32_t o = operation;
        const uint32_t r = rank;
        const uint8_t f = flow;
        owner->m_creditEvents.Give(this);
        target->DeliverCredit(c, o, r, f);
    }
};

TypeId
CollectiveTransport::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CollectiveTransport")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<CollectiveTransport>()
            .AddAttribute("ProtocolNumber",
                          "EtherType of collective bursts. 0x88B6 (IEEE local experimental) "
                          "by default; ns-3's point-to-point device carries only 0x0800 and "
                          "0x86DD, so use 0x0800 there (on nodes without an Internet stack). Set "
                          "before the transport is attached.",
                          UintegerValue(0x88B6),
                          MakeUintegerAccessor(&CollectiveTransport::SetProtocolNumber,
                                               &CollectiveTransport::GetProtocolNumber),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxSegmentBytes",
                          "Most data bytes per burst (>= 1). The default fills the optical "
                          "device's 16 MiB MaxBurstBytes together with the header.",
                          UintegerValue(16 * 1024 * 1024 - 37),
                          MakeUintegerAccessor(&CollectiveTransport::m_maxSegment),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("MessageReceived",
                            "All bytes of a collective message have arrived.",
                            MakeTraceSourceAccessor(&CollectiveTransport::m_messageTrace),
                            "ns3::CollectiveTransport::MessageTracedCallback")
            .AddTraceSource("CreditReceived",
                            "A send credit came back to a rank of this node.",
                            MakeTraceSourceAccessor(&CollectiveTransport::m_creditTrace),
                            "ns3::CollectiveTransport::CreditTracedCallback");
    return tid;
}

CollectiveTransport::CollectiveTransport()
    : m_nodeId(0),
      m_protocol(0x88B6),
      m_maxSegment(16 * 1024 * 1024 - 37),
      m_sentBytes(0),
      m_receivedBytes(0),
      m_partialBytes(0),
      m_creditsReturned(0),
      m_creditsReceived(0),
      m_sending(false),
      m_receiving(false)
{
    NS_LOG_FUNCTION(this);
}

CollectiveTransport::~CollectiveTransport()
{
    NS_LOG_FUNCTION(this);
}

void
CollectiveTransport::DoDispose()
{
    m_device = nullptr;
    m_receivers.clear();
    m_partial.clear();
    // A pending credit event keeps the simulator's reference and is freed when that is
    // dropped; it never runs after its transports are gone (they live until
    // Simulator::Destroy, which drops pending events without running them). The pool's
    // destructor clears it too, for a transport never disposed.
    m_creditEvents.Clear();
    Object::DoDispose();
}

void
CollectiveTransport::Attach(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    NS_ABORT_MSG_IF(!device || !device->GetNode(),
                    "CollectiveTransport::Attach needs a device that is on a node");
    NS_ABORT_MSG_IF(m_device && m_device != device,
                    "CollectiveTransport on node " << device->GetNode()->GetId()
                                                   << " already uses another device");
    if (m_device)
    {
        return;
    }
    m_device = device;
    m_nodeId = device->GetNode()->GetId();
    device->GetNode()->RegisterProtocolHandler(MakeCallback(&CollectiveTransport::Receive, this),
                                               m_protocol,
                                               device);
}

void
CollectiveTransport::SetProtocolNumber(uint16_t protocol)
{
    // The node's handler listens on the number it had at Attach: senders would use the new
    // one and every burst would be dropped unseen.
    NS_ABORT_MSG_IF(m_device,
                    "ns3::CollectiveTransport::ProtocolNumber cannot change once the transport "
                    "is attached to a device");
    m_protocol = protocol;
}

uint16_t
CollectiveTransport::GetProtocolNumber() const
{
    return m_protocol;
}

Ptr<NetDevice>
CollectiveTransport::GetDevice() const
{
    return m_device;
}

void
CollectiveTransport::Register(uint32_t communicator, Listener* listener)
{
    NS_ABORT_MSG_IF(!listener, "CollectiveTransport::Register: no listener");
    NS_ABORT_MSG_IF(FindReceiver(communicator) != nullptr,
                    "CollectiveTransport on node "
                        << (m_device ? m_device->GetNode()->GetId() : 0)
                        << " already holds a rank of communicator " << communicator
                        << ": a communicator takes one rank per node (one device each)");
    m_receivers.push_back(Receiver{communicator, listener});
}

const CollectiveTransport::Receiver*
CollectiveTransport::FindReceiver(uint32_t communicator) const
{
    for (const auto& r : m_receivers)
    {
        if (r.communicator == communicator)
        {
            return &r;
        }
    }
    return nullptr;
}

void
CollectiveTransport::ReturnCredit(const Ptr<CollectiveTransport>& to,
                                  uint32_t communicator,
                                  uint32_t operation,
                                  uint32_t rank,
                                  uint8_t flow,
                                  Time latency)
{
    NS_ASSERT(to && to->m_device && !latency.IsStrictlyNegative());
    ++m_creditsReturned;
    CreditEvent* event = m_creditEvents.Take(); // the simulator's reference taken
    // The event holds plain pointers: the transports are aggregated to their nodes, which
    // live until Simulator::Destroy, and Destroy drops pending events without running them.
    event->owner = this;
    event->to = PeekPointer(to);
    event->communicator = communicator;
    event->operation = operation;
    event->rank = rank;
    event->flow = flow;
    // An event in the sender node's context, as a channel delivers a frame.
    Simulator::ScheduleWithContext(to->m_nodeId, latency, event);
}

void
CollectiveTransport::DeliverCredit(uint32_t communicator,
                                   uint32_t operation,
                                   uint32_t rank,
                                   uint8_t flow)
{
    ++m_creditsReceived;
    m_creditTrace(communicator, operation, rank, flow);
    const Receiver* r = FindReceiver(communicator);
    NS_ASSERT_MSG(r, "credit for an unknown communicator");
    r->listener->ReceiveCredit(operation, rank, flow);
}

Time
CollectiveTransport::GetPathLatency(const Address& to) const
{
    NS_ASSERT(m_device);
    if (auto fabric = DynamicCast<FabricNetDevice>(m_device))
    {
        return fabric->GetPathLatency(to);
    }
    // ns-3's point-to-point, CSMA and simple channels all have a Delay attribute.
    Ptr<Channel> channel = m_device->GetChannel();
    TimeValue delay;
    NS_ABORT_MSG_IF(!channel || !channel->GetAttributeFailSafe("Delay", delay),
                    "ns3::CollectiveCommunicator::CreditReturn = ReversePath needs the path's "
                    "latency, but device "
                        << m_device->GetInstanceTypeId().GetName() << " on node "
                        << m_device->GetNode()->GetId()
                        << " is no FabricNetDevice and has no channel with a Delay attribute; use "
                           "CreditReturn = Fixed with a CreditLatency");
    return delay.Get();
}

void
CollectiveTransport::Send(const Address& to,
                          const CollectiveHeader& header,
                          double wireFactor,
                          uint8_t flow)
{
    // No device calls back into its sender from Send (they deliver in events), so the
    // nested branch is only a guard: it keeps a burst's header from changing under it.
    if (m_sending)
    {
        CollectiveHeader nested = header;
        SendBursts(to, nested, wireFactor, flow);
        return;
    }
    m_sending = true;
    m_sendHeader = header;
    SendBursts(to, m_sendHeader, wireFactor, flow);
    m_sending = false;
}

void
CollectiveTransport::SendBursts(const Address& to,
                                CollectiveHeader& header,
                                double wireFactor,
                                uint8_t flow)
{
    NS_ASSERT(wireFactor >= 1.0);
    // A wire factor of 1 (NCCL's Simple protocol) needs no floating point: the same numbers.
    const bool simple = wireFactor == 1.0;
    const auto perBurst = simple ? uint64_t{m_maxSegment}
                                 : static_cast<uint64_t>(std::floor(m_maxSegment / wireFactor));
    NS_ABORT_MSG_IF(perBurst == 0,
                    "CollectiveTransport::MaxSegmentBytes = " << m_maxSegment
                                                              << " is too small for a wire "
                                                                 "factor of "
                                                              << wireFactor);
    m_sentBytes += header.messageBytes;
    uint64_t offset = 0;
    do
    {
        const uint64_t data = std::min<uint64_t>(perBurst, header.messageBytes - offset);
        header.offset = offset;
        header.dataBytes = static_cast<uint32_t>(data);
        Ptr<Packet> burst = Create<Packet>(
            simple ? static_cast<uint32_t>(data)
                   : static_cast<uint32_t>(std::ceil(static_cast<double>(data) * wireFactor)));
        burst->AddHeader(header);
        if (flow != 0)
        {
            burst->AddPacketTag(FabricFlowTag(flow)); // no tag reads as flow 0
        }
        m_device->Send(burst, to, m_protocol);
        offset += data;
    } while (offset < header.messageBytes);
}

void
CollectiveTransport::Receive(Ptr<NetDevice>,
                             Ptr<const Packet> packet,
                             uint16_t,
                             const Address&,
                             const Address&,
                             NetDevice::PacketType)
{
    // A message handler that sends does not receive on this node within the call (devices
    // deliver in events), so the nested branch is only a guard, as in Send.
    if (m_receiving)
    {
        CollectiveHeader nested;
        ReceiveBurst(*packet, nested);
        return;
    }
    m_receiving = true;
    ReceiveBurst(*packet, m_receiveHeader);
    m_receiving = false;
}

void
CollectiveTransport::ReceiveBurst(const Packet& packet, CollectiveHeader& header)
{
    header.PeekFrom(packet);
    if (header.dataBytes != header.messageBytes)
    {
        // A message of several bursts: complete when all its bytes are in.
        const std::array<uint32_t, 4> key{header.communicator,
                                          header.operation,
                                          header.source,
                                          header.tag};
        uint64_t& got = m_partial[key];
        got += header.dataBytes;
        m_partialBytes += header.dataBytes;
        if (got < header.messageBytes)
        {
            return;
        }
        m_partialBytes -= got;
        m_partial.erase(key);
    }
    m_receivedBytes += header.messageBytes;
    m_messageTrace(header);
    const Receiver* r = FindReceiver(header.communicator);
    NS_ABORT_MSG_IF(!r,
                    "CollectiveTransport on node " << m_nodeId
                                                   << ": message for unknown communicator "
                                                   << header.communicator);
    r->listener->ReceiveMessage(header);
}

uint64_t
CollectiveTransport::GetSentBytes() const
{
    return m_sentBytes;
}

uint64_t
CollectiveTransport::GetReceivedBytes() const
{
    return m_receivedBytes;
}

uint64_t
CollectiveTransport::GetPartialBytes() const
{
    return m_partialBytes;
}

uint64_t
CollectiveTransport::GetCreditsReturned() const
{
    return m_creditsReturned;
}

uint64_t
CollectiveTransport::GetCreditsReceived() const
{
    return m_creditsReceived;
}

} // namespace ns3
