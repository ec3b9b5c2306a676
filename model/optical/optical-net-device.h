/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_OPTICAL_NET_DEVICE_H
#define SCALE_ACROSS_OPTICAL_NET_DEVICE_H

#include "crossbar-endpoint.h"
#include "virtual-output-queues.h"

#include "ns3/byte-conservation.h"
#include "ns3/compact-fifo.h"
#include "ns3/drop-reason.h"
#include "ns3/event-id.h"
#include "ns3/fabric-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <array>
#include <vector>

namespace ns3
{

class CoherentTransceiver;
class OpticalChannel;
class PhotonicCrossbar;

/**
 * @ingroup scale-across-optical
 * @brief A NIC with a coherent transceiver, on one port of a PhotonicCrossbar.
 *
 * Frames travel all-optically from NIC to NIC over circuits of the crossbar: no O-E-O
 * conversion and no buffer anywhere in the fabric. Frames wait only here, in one virtual
 * output queue per destination port and flow (FabricFlowTag; untagged frames are flow 0),
 * until a circuit for that queue is up; the NIC asks the crossbar's CircuitScheduler for one
 * when a queue has frames and no circuit. Each queue holds at most one lane at a time.
 *
 * The transceiver's Wavelengths are split into circuit lanes of WavelengthsPerCircuit each
 * (default: all bonded into one lane). Each lane holds its own circuit, so a NIC can talk to
 * Wavelengths / WavelengthsPerCircuit peers at once, each at that fraction of its bandwidth.
 *
 * Frames carry an Ethernet II header (pcap: DLT_EN10MB). IP, ARP and IPv6 frames are limited
 * to Mtu; frames of any other protocol may be "bursts" up to MaxBurstBytes, so a whole
 * message segment is one frame and costs one event. Broadcast and multicast are emulated by
 * sending one unicast copy to every other port (each needs its own circuit): fine for ARP on
 * small fabrics, costly on large ones.
 *
 * Every frame handed to Send is either received, still queued, in flight, or counted as dropped
 * with a DropReason (trace Drop, plus MacTxDrop, PhyTxDrop or PhyRxDrop by where it happened).
 * The device keeps that balance for the bytes it sends in its ByteCounters (the crossbar tells
 * it how each launched frame ended), and ByteConservation checks it at Simulator::Destroy.
 *
 * A circuit with a planned close time (a rotor slot's end) carries only frames whose tail
 * passes the crossbar by then: the NIC defers a frame that would not, to the next circuit to
 * its destination, and drops as FrameTooLarge one that no circuit of that length can carry
 * (keep MaxBurstBytes, or the collective transport's MaxSegmentBytes, under a slot's worth).
 *
 * The crossbar reaches the device only through the CrossbarEndpoint interface.
 */
class OpticalNetDevice : public FabricNetDevice, public CrossbarEndpoint, public ByteCounted
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    OpticalNetDevice();
    ~OpticalNetDevice() override;

    // Assignment is deleted to avoid misuse; copies are made only through CopyObject.
    OpticalNetDevice& operator=(const OpticalNetDevice&) = delete;

    /**
     * @brief Connect this device to a crossbar port through a fiber.
     * @param fiber the fiber (takes this device)
     * @param crossbar the crossbar
     * @param port the crossbar port
     */
    void Attach(Ptr<OpticalChannel> fiber, Ptr<PhotonicCrossbar> crossbar, uint32_t port);

    /// @param transceiver the transceiver (set before Attach)
    void SetTransceiver(Ptr<CoherentTransceiver> transceiver);
    /// @return the transceiver (one with default attributes unless another was set)
    Ptr<CoherentTransceiver> GetTransceiver() const;
    /// @return the crossbar, or nullptr before Attach
    Ptr<PhotonicCrossbar> GetCrossbar() const;
    /// @return the crossbar port of this device
    uint32_t GetCrossbarPort() const;
    /// @return wavelengths bonded into one circuit
    uint32_t GetWavelengthsPerCircuit() const;
    Time GetPathLatency(const Address& to) const override;
    /// @return circuit lanes: Wavelengths / WavelengthsPerCircuit
    uint32_t GetNCircuitLanes() const;

    /// @return payload bytes handed to Send / SendFrom (each broadcast copy counted)
    uint64_t GetTxBytes() const;
    /// @return payload bytes delivered to the node
    uint64_t GetRxBytes() const;
    /// @return frames delivered to the node
    uint64_t GetRxFrames() const;
    /// @param reason a drop reason @return payload bytes this device sent that were dropped
    ///        for that reason (wherever it happened)
    uint64_t GetDroppedBytes(DropReason reason) const;
    /// @return payload bytes this device sent that were dropped, for any reason
    uint64_t GetDroppedBytes() const;
    /// @return payload bytes waiting in the virtual output queues
    uint64_t GetQueuedBytes() const;

    // ByteCounted: the bytes this device was asked to send, and where they went.
    const ByteCounters& GetByteCounters() const override;
    std::string GetByteCountersName() const override;

    // CrossbarEndpoint: called by the crossbar.
    void NotifyCircuitGranted(uint32_t lane, uint32_t dstPort) override;
    void NotifyCircuitUp(uint32_t lane, uint32_t dstPort) override;
    void NotifyCircuitDown(uint32_t lane) override;
    void NotifyCircuitRejected(uint32_t dstPort) override;
    void DeliverFrame(const MacFrame& frame, bool decoded) override;
    void NotifyFrameArrived(uint64_t payloadBytes, bool decoded) override;
    void NotifyFrameDropped(const MacFrame& frame, DropReason reason) override;
    void NotifyLinkChange(bool up, DropReason reason) override;
    void NotifyPortDown(uint32_t port, DropReason reason) override;
    bool IsLaneIdle(uint32_t lane) const override;
    const CoherentTransceiver& GetEndpointTransceiver() const override;
    uint32_t GetEndpointContext() const override;

    // Inherited from NetDevice
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;

    /**
     * TracedCallback signature for frames dropped with a reason.
     * @param [in] packet the frame or packet
     * @param [in] reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, DropReason reason);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /**
     * @brief A new device with the attributes of another (its Address included: set a new
     * one before Attach) and a copy of its transceiver, but none of its state: not on a node,
     * not attached, empty queues, zero counters, no trace sinks. For CopyObject.
     *
     * OpticalFabricHelper copies the first endpoint's device for the others: in ns-3.37 built
     * with logging (as Debian ships it), constructing an object through its attributes
     * serializes every attribute's value to a string, which cost more than all the rest of a
     * fabric's build. The transceiver must be a CoherentTransceiver itself (a copy of a
     * derived class would lose what it adds).
     * @param o the device to copy
     */
    OpticalNetDevice(const OpticalNetDevice& o);
    /// CopyObject calls the copy constructor. @tparam T the copied type
    template <typename T>
    friend Ptr<T> CopyObject(Ptr<T> object);

    /// Send and SendFrom. @param packet the packet @param source its source as a key
    /// (MacFrame::ToKey) @param dest its destination @param protocolNumber its EtherType
    /// @return false if dropped
    bool DoSend(Ptr<Packet> packet, uint64_t source, const Address& dest, uint16_t protocolNumber);
    /// The Address attribute's setter: refused once the device is attached.
    /// @param address the address
    void SetMacAddress(Mac48Address address);
    /// @return the Address attribute
    Mac48Address GetMacAddress() const;

    /// Serialization state of a circuit lane (its circuit state is in VirtualOutputQueues).
    struct LaneTiming
    {
        Time busyUntil; //!< end of the frame being serialized
        EventId resume; //!< pending end-of-serialization event
        /// resume is pending (a flag: EventId::IsExpired is a call into the simulator)
        bool resumePending{false};
    };

    /// Queue a frame for a port, its MAC header beside it. @return false if dropped
    bool Enqueue(Ptr<Packet> packet,
                 uint64_t source,
                 uint64_t dest,
                 uint16_t protocol,
                 uint32_t dstPort,
                 uint8_t flow);
    /// Start the next frame on a lane if the lane and a frame are ready.
    void TryStart(uint32_t lane);
    /**
     * @brief The first leg of a two-hop relay brought another NIC's frame here: hold it for
     * its destination (queue flow RELAY_FLOW, never relayed again), counted as relayed.
     * @param frame the frame
     * @return false if the destination is not on the crossbar (the frame is then received
     *         as any frame for another host)
     */
    bool HoldForRelay(const MacFrame& frame);
    /// Take the next frame for a lane. @return false if none
    bool NextFrame(uint32_t lane, MacFrame& frame, uint32_t& dstPort);
    /**
     * @brief May the next frame of a lane start now? Yes unless its circuit closes (a slotted
     * scheduler's planned teardown) before the frame's tail passes the crossbar; frames longer
     * than a whole circuit of that length are dropped as FrameTooLarge.
     * @param lane the lane
     * @return true if the next frame (if any) may start now
     */
    bool FitsBeforeClose(uint32_t lane);
    /// End of serialization on a lane. @param lane the lane @param frame the frame as bytes
    /// for PhyTxEnd, or nullptr if that trace had no sink
    void TransmitComplete(uint32_t lane, Ptr<Packet> frame);
    /// A fault: drop every frame queued for a port (-1: every port), as MacTxDrop.
    /// @param port the port or -1 @param reason why
    void DropQueued(int64_t port, DropReason reason);
    /// Count a drop of bytes this device sent and fire the Drop trace.
    /// @param packet the packet @param reason why @param payloadBytes bytes counted
    void CountDrop(Ptr<const Packet> packet, DropReason reason, uint64_t payloadBytes);
    /// Drop a frame taken from a queue: MacTxDrop and Drop see it with its MAC header.
    /// @param frame the frame @param reason why
    void DropQueuedFrame(const MacFrame& frame, DropReason reason);
    /// @param protocol EtherType @return true if IP, ARP or IPv6 (limited to Mtu)
    static bool IsMtuLimited(uint16_t protocol);
    /// @param bytes the MaxBurstBytes attribute
    void SetMaxBurstBytes(uint32_t bytes);
    /// @return the MaxBurstBytes attribute
    uint32_t GetMaxBurstBytes() const;
    /// @param n the WavelengthsPerCircuit attribute
    void SetWavelengthsPerCircuit(uint32_t n);

    Mac48Address m_address;                   //!< MAC address
    Address m_addressValue;                   //!< m_address as an Address (GetAddress)
    uint64_t m_addressKey{0};                 //!< m_address as a key (MacFrame::ToKey)
    MacFrame::DestinationMemo m_destinations; //!< the last destination sent to, as a key
    /// its crossbar port, once found (-1: not yet); a found port never changes
    int64_t m_destinationPort{-1};
    MacFrame::SourceMemo m_sources;         //!< sources of received frames as Addresses
    uint16_t m_mtu;                         //!< Mtu attribute
    uint32_t m_maxBurstBytes;               //!< MaxBurstBytes attribute
    uint64_t m_maxQueueBytes;               //!< MaxQueueBytes attribute
    uint32_t m_wavelengthsPerCircuit;       //!< WavelengthsPerCircuit attribute (0: all)
    bool m_waitForCircuit;                  //!< WaitForCircuit attribute
    Ptr<CoherentTransceiver> m_transceiver; //!< optical front end
    Ptr<OpticalChannel> m_fiber;            //!< fiber to the crossbar
    Ptr<PhotonicCrossbar> m_crossbar;       //!< crossbar
    uint32_t m_port;                        //!< crossbar port
    std::vector<LaneTiming> m_lanes;        //!< serialization state per lane
    VirtualOutputQueues m_queues;           //!< queues and lane bindings
    /// WaitForCircuit = false (a CompactFifo: a std::deque allocates 576 bytes while empty)
    CompactFifo<std::pair<MacFrame, uint32_t>> m_blindQueue;
    ByteCounters m_bytes;    //!< the bytes this device was asked to send, by fate
    uint64_t m_rxBytes;      //!< payload bytes delivered to the node
    uint64_t m_rxFrames;     //!< frames delivered to the node
    bool m_linkUp;           //!< false while a fault keeps this device's port down
    DropReason m_downReason; //!< what frames sent while it is down count as

    TracedCallback<Ptr<const Packet>> m_macTxTrace;            //!< MacTx
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;        //!< MacTxDrop
    TracedCallback<Ptr<const Packet>> m_macPromiscRxTrace;     //!< MacPromiscRx
    TracedCallback<Ptr<const Packet>> m_macRxTrace;            //!< MacRx
    TracedCallback<Ptr<const Packet>> m_phyTxBeginTrace;       //!< PhyTxBegin
    TracedCallback<Ptr<const Packet>> m_phyTxEndTrace;         //!< PhyTxEnd
    TracedCallback<Ptr<const Packet>> m_phyTxDropTrace;        //!< PhyTxDrop
    TracedCallback<Ptr<const Packet>> m_phyRxEndTrace;         //!< PhyRxEnd
    TracedCallback<Ptr<const Packet>> m_phyRxDropTrace;        //!< PhyRxDrop
    TracedCallback<Ptr<const Packet>> m_snifferTrace;          //!< Sniffer
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace;   //!< PromiscSniffer
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* SCALE_ACROSS_OPTICAL_NET_DEVICE_H */
