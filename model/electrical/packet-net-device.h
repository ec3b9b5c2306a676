/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_NET_DEVICE_H
#define SCALE_ACROSS_PACKET_NET_DEVICE_H

#include "packet-endpoint.h"

#include "ns3/byte-conservation.h"
#include "ns3/drop-reason.h"
#include "ns3/fabric-net-device.h"
#include "ns3/mac-frame.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class PacketLink;
class PacketSwitch;

/**
 * @ingroup scale-across-electrical
 * @brief A host NIC of a packet fabric (leaf-spine, fat-tree): a complete ns-3 NetDevice on
 * one PacketLink to a PacketSwitch.
 *
 * Frames carry an Ethernet II header (pcap: DLT_EN10MB). IP, ARP and IPv6 frames are limited
 * to Mtu; frames of any other protocol may be bursts up to MaxBurstBytes. The NIC sends its
 * frames in order, each cut into cells of CellBytes payload bytes (default: Mtu, i.e. one
 * cell per RoCE-sized packet, for fidelity; a multiple of Mtu for speed, see
 * doc/scale-across.rst for the error). A cell of p payload bytes takes p + ceil(p / Mtu) x
 * HeaderBytes bytes on the wire, whatever the cell size, so only the timing granularity
 * changes with CellBytes, never the wire bytes. The frame is delivered to the receiving node
 * when its last cell has arrived (with spraying, cells may arrive out of order).
 *
 * Broadcast and multicast are sent as one unicast copy to every other host of the fabric
 * (fine for ARP on small fabrics). Hosts of a fabric have consecutive addresses (the helpers
 * allocate them so): host i has the fabric's first address + i, so a destination is found by
 * subtraction, without a table.
 *
 * Every byte handed to Send is delivered, queued here, in flight (some of its frame's cells
 * sent, the frame not yet delivered) or dropped with a DropReason (Drop trace, and MacTxDrop
 * or PhyTxDrop), in the device's ByteCounters, which ByteConservation checks at
 * Simulator::Destroy.
 */
class PacketNetDevice : public FabricNetDevice, public PacketEndpoint, public ByteCounted
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PacketNetDevice();
    ~PacketNetDevice() override;

    // Delete copy constructor and assignment operator to avoid misuse
    PacketNetDevice(const PacketNetDevice&) = delete;
    PacketNetDevice& operator=(const PacketNetDevice&) = delete;

    /**
     * @brief Connect this device to a switch port.
     * @param link the link (joins this device and the port)
     * @param peer the switch (or another endpoint)
     * @param peerPort its port
     * @param host this device's host index in the fabric
     * @param firstHost the address of host 0 (host i has firstHost + i)
     * @param nHosts hosts in the fabric
     */
    void Attach(Ptr<PacketLink> link,
                PacketEndpoint* peer,
                uint32_t peerPort,
                uint32_t host,
                Mac48Address firstHost,
                uint32_t nHosts);

    /// @return the switch this device is attached to, or nullptr
    Ptr<PacketSwitch> GetSwitch() const;
    /// @return this device's host index in its fabric
    uint32_t GetHostIndex() const;
    Time GetPathLatency(const Address& to) const override;
    /// @return payload bytes per cell (CellBytes, or Mtu if CellBytes is 0)
    uint32_t GetCellBytes() const;
    /// @param payload payload bytes of a cell @return its wire bytes
    uint32_t GetWireBytes(uint32_t payload) const;
    /// @return the link's rate, bit/s (0 before Attach)
    uint64_t GetLinkBitRate() const;

    /// @return payload bytes handed to Send / SendFrom (each broadcast copy counted)
    uint64_t GetTxBytes() const;
    /// @return payload bytes delivered to the node
    uint64_t GetRxBytes() const;
    /// @return frames delivered to the node
    uint64_t GetRxFrames() const;
    /// @return cells received
    uint64_t GetRxCells() const;
    /// @param reason a drop reason @return payload bytes this device sent that were dropped
    ///        for it
    uint64_t GetDroppedBytes(DropReason reason) const;
    /// @return payload bytes this device sent that were dropped, for any reason
    uint64_t GetDroppedBytes() const;
    /// @return payload bytes waiting here (not yet in a started cell)
    uint64_t GetQueuedBytes() const;

    /**
     * @brief A switch dropped a cell this device sent (its frame is lost).
     * @param cell the cell
     * @param reason why
     */
    void NotifyCellDropped(const PacketCell& cell, DropReason reason);

    // ByteCounted
    const ByteCounters& GetByteCounters() const override;
    std::string GetByteCountersName() const override;

    // PacketEndpoint
    /**
     * @brief A fault took this device's link down (its transceiver, its cable, the switch
     * port) or its repair brought it up: the frames not yet wholly sent are lost (their cells
     * already on the link too), link-change callbacks fire, and frames sent while it is down
     * are dropped at once.
     * @param port 0
     * @param up true if the link came up
     */
    void LinkStateChanged(uint32_t port, bool up) override;
    bool IsCutThrough() const override;
    Time GetForwardingLatency() const override;
    uint64_t GetIngressCredits(uint32_t port) const override;
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
    void DoDispose() override;

  private:
    /// Send and SendFrom. @param packet the packet @param source its source as a key
    /// (MacFrame::ToKey) @param dest its destination @param protocolNumber its EtherType
    /// @return false if dropped
    bool DoSend(Ptr<Packet> packet, uint64_t source, const Address& dest, uint16_t protocolNumber);
    /// The Address attribute's setter: refused once the device is attached.
    /// @param address the address
    void SetMacAddress(Mac48Address address);
    /// @return the Address attribute
    Mac48Address GetMacAddress() const;

    /// A frame this device sent, until its last cell is resolved.
    struct Frame
    {
        MacFrame frame;                          //!< the frame (its MAC header beside it)
        uint64_t payload{0};                     //!< payload bytes
        uint64_t offset{0};                      //!< payload bytes already in started cells
        uint32_t cellsLeft{0};                   //!< cells neither arrived nor dropped
        uint32_t dst{0};                         //!< destination host
        uint8_t flow{0};                         //!< flow
        bool dropped{false};                     //!< a cell was dropped
        DropReason reason{DropReason::NO_ROUTE}; //!< why
    };

    const PacketCell* PeekCell(uint32_t port) override;
    void CellStarted(uint32_t port, Time start, Time end) override;
    void CellArrived(uint32_t port) override;

    /// Add the header and queue a frame. @return false if dropped
    bool Enqueue(Ptr<Packet> packet,
                 uint64_t source,
                 uint64_t dest,
                 uint16_t protocol,
                 uint32_t dstHost,
                 uint8_t flow);
    /// A cell of a frame of this device is resolved (arrived or dropped).
    /// @param slot the frame @return the frame if it is now whole at its destination
    MacFrame ResolveCell(uint32_t slot);
    /// A fault: the frames not yet wholly started are lost. @param reason why
    void DropUnsent(DropReason reason);
    /// Hand a whole frame to the node. @param frame the frame
    void Deliver(const MacFrame& frame);
    /// Count a drop of bytes this device sent and fire the Drop trace.
    void CountDrop(Ptr<const Packet> packet, DropReason reason, uint64_t payloadBytes);
    /// PhyTxEnd, scheduled only when traced. @param frame the frame
    void FireTxEnd(Ptr<Packet> frame);
    /// @param protocol EtherType @return true if IP, ARP or IPv6 (limited to Mtu)
    static bool IsMtuLimited(uint16_t protocol);
    /// @param bytes the MaxBurstBytes attribute
    void SetMaxBurstBytes(uint32_t bytes);
    /// @return the MaxBurstBytes attribute
    uint32_t GetMaxBurstBytes() const;
    /// @param bytes the HeaderBytes attribute (refused once attached)
    void SetHeaderBytes(uint32_t bytes);
    /// @param bytes the CellBytes attribute (refused once attached)
    void SetCellBytes(uint32_t bytes);
    /// @return the CellBytes attribute as set (0: Mtu; GetCellBytes resolves it)
    uint32_t GetCellBytesAttribute() const;
    /// @return the HeaderBytes attribute
    uint32_t GetHeaderBytes() const;

    Mac48Address m_address;                   //!< MAC address
    Address m_addressValue;                   //!< m_address as an Address (GetAddress)
    uint64_t m_addressKey{0};                 //!< m_address as a key (MacFrame::ToKey)
    MacFrame::DestinationMemo m_destinations; //!< the last destination sent to, as a key
    MacFrame::SourceMemo m_sources;           //!< sources of received frames as Addresses
    uint16_t m_mtu;                           //!< Mtu attribute
    uint32_t m_cellBytes;                     //!< CellBytes attribute
    uint32_t m_headerBytes;                   //!< HeaderBytes attribute
    uint32_t m_maxBurstBytes;                 //!< MaxBurstBytes attribute
    uint64_t m_maxQueueBytes;                 //!< MaxQueueBytes attribute
    uint32_t m_host;                          //!< host index
    uint64_t m_firstHost;                     //!< address of host 0, as an integer
    uint32_t m_nHosts;                        //!< hosts in the fabric (0: not attached)
    std::vector<Frame> m_frames;              //!< frames in progress, by slot
    std::vector<uint32_t> m_freeFrames;       //!< free slots
    CompactFifo<uint32_t> m_txQueue;          //!< frames not fully started, in order
    PacketCell m_head;                        //!< the next cell (PeekCell)
    ByteCounters m_bytes;                     //!< the bytes this device was asked to send
    uint64_t m_rxBytes;                       //!< payload bytes delivered to the node
    uint64_t m_rxFrames;                      //!< frames delivered to the node
    uint64_t m_rxCells;                       //!< cells received

    TracedCallback<Ptr<const Packet>> m_macTxTrace;            //!< MacTx
    TracedCallback<Ptr<const Packet>> m_macTxDropTrace;        //!< MacTxDrop
    TracedCallback<Ptr<const Packet>> m_macPromiscRxTrace;     //!< MacPromiscRx
    TracedCallback<Ptr<const Packet>> m_macRxTrace;            //!< MacRx
    TracedCallback<Ptr<const Packet>> m_phyTxBeginTrace;       //!< PhyTxBegin
    TracedCallback<Ptr<const Packet>> m_phyTxEndTrace;         //!< PhyTxEnd
    TracedCallback<Ptr<const Packet>> m_phyTxDropTrace;        //!< PhyTxDrop
    TracedCallback<Ptr<const Packet>> m_phyRxEndTrace;         //!< PhyRxEnd
    TracedCallback<Ptr<const Packet>> m_snifferTrace;          //!< Sniffer
    TracedCallback<Ptr<const Packet>> m_promiscSnifferTrace;   //!< PromiscSniffer
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace; //!< Drop
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_NET_DEVICE_H */
