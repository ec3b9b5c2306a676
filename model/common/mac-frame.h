/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_MAC_FRAME_H
#define SCALE_ACROSS_MAC_FRAME_H

#include "ns3/address.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief A frame as the fabrics' NICs queue and carry it (OpticalNetDevice through a
 * PhotonicCrossbar, PacketNetDevice as cells through PacketSwitches): the packet from the layer
 * above and the fields of its Ethernet header, kept beside the packet.
 *
 * The header is serialized into a packet only when something looks at the frame as bytes (a
 * sniffer, pcap or ascii tracing, a PHY or drop trace with a sink), as ns-3's SimpleNetDevice
 * carries its addresses beside the packet. Adding and removing an EthernetHeader cost about a
 * fifth of a collective message's instructions (issue #17), and nothing on the path reads it.
 * Every frame still counts MAC_HEADER_BYTES on the wire, so serialization times are those of
 * the framed packet.
 */
class MacFrame
{
  public:
    /// Bytes of the Ethernet header (no preamble, no FCS) every frame carries on the wire.
    static constexpr uint32_t MAC_HEADER_BYTES = 14;

    MacFrame()
        : m_destination(0),
          m_protocol(0),
          m_source(0)
    {
    }

    /**
     * @param packet the packet from the layer above (no MAC header)
     * @param source source MAC address
     * @param destination destination MAC address
     * @param protocol EtherType
     */
    MacFrame(Ptr<Packet> packet, Mac48Address source, Mac48Address destination, uint16_t protocol);

    /**
     * @param packet the packet from the layer above (no MAC header)
     * @param source source MAC address as a key (ToKey)
     * @param destination destination MAC address as a key (ToKey)
     * @param protocol EtherType
     */
    MacFrame(Ptr<Packet> packet, uint64_t source, uint64_t destination, uint16_t protocol)
        : m_packet(std::move(packet)),
          m_destination(destination),
          m_protocol(protocol),
          m_source(source)
    {
    }

    /**
     * @brief A MAC address as its 48 bits in an integer, the first byte highest. Frames keep
     * their addresses in this form: ns-3.37's Mac48Address constructor, comparison and copy are
     * library calls that each check a log component, about 180 instructions per collective
     * message in all (issue #17), and a queued frame stays 24 bytes.
     * @param address the address @return its key
     */
    static uint64_t ToKey(Mac48Address address);

    /// @param key a key from ToKey @return the address
    static Mac48Address ToAddress(uint64_t key);

    /// The key of ff:ff:ff:ff:ff:ff.
    static constexpr uint64_t BROADCAST_KEY = 0xffffffffffffULL;

    /// @param key a key from ToKey @return true if it is a group address (broadcast too)
    static constexpr bool IsGroupKey(uint64_t key)
    {
        return ((key >> 40) & 1) != 0; // the I/G bit: the lowest bit of the first byte
    }

    /// @return the packet (no MAC header)
    const Ptr<Packet>& GetPacket() const
    {
        return m_packet;
    }

    /// @return source MAC address (built per call: prefer GetSourceKey on a hot path)
    Mac48Address GetSource() const
    {
        return ToAddress(m_source);
    }

    /// @return destination MAC address (built per call: prefer GetDestinationKey on a hot path)
    Mac48Address GetDestination() const
    {
        return ToAddress(m_destination);
    }

    /// @return source MAC address as a key (ToKey)
    uint64_t GetSourceKey() const
    {
        return m_source;
    }

    /// @return destination MAC address as a key (ToKey)
    uint64_t GetDestinationKey() const
    {
        return m_destination;
    }

    /// @return EtherType
    uint16_t GetProtocol() const
    {
        return m_protocol;
    }

    /// @return bytes the layer above gave (the frame's payload)
    uint64_t GetPayloadBytes() const
    {
        return m_packet->GetSize();
    }

    /// @return bytes on the wire: the payload and the MAC header
    uint64_t GetWireBytes() const
    {
        return uint64_t{m_packet->GetSize()} + MAC_HEADER_BYTES;
    }

    /// @return true if the frame holds a packet
    explicit operator bool() const
    {
        return m_packet != nullptr;
    }

    /**
     * @brief What the frame is to a NIC.
     * @param receiver the NIC's address
     * @return PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST or PACKET_OTHERHOST
     */
    NetDevice::PacketType GetPacketType(Mac48Address receiver) const
    {
        return GetPacketType(ToKey(receiver));
    }

    /**
     * @brief What the frame is to a NIC.
     * @param receiver the NIC's address as a key (ToKey)
     * @return PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST or PACKET_OTHERHOST
     */
    NetDevice::PacketType GetPacketType(uint64_t receiver) const
    {
        // The common case first: a NIC's own address is unicast, so a frame for it is neither
        // broadcast nor multicast.
        if (m_destination == receiver)
        {
            return NetDevice::PACKET_HOST;
        }
        if (!IsGroupKey(m_destination))
        {
            return NetDevice::PACKET_OTHERHOST;
        }
        return m_destination == BROADCAST_KEY ? NetDevice::PACKET_BROADCAST
                                              : NetDevice::PACKET_MULTICAST;
    }

    /**
     * @brief The frame as bytes, as a sniffer or trace sees it: a copy of the packet (same
     * uid) with the Ethernet header in front. Built per call: call it only for a sink.
     * @return the framed packet
     */
    Ptr<Packet> ToPacket() const;

    /**
     * @brief A receiving NIC's last source address converted to an Address, which the node's
     * protocol handlers take. A NIC hears from few peers in a row (one on a ring), and ns-3's
     * conversion is a chain of library calls; a frame keeps the 6-byte form, so a queued
     * frame costs 24 bytes, not 40 (queues of 65,536 NICs, issue #17).
     */
    class SourceMemo
    {
      public:
        /// @param source a source address as a key (ToKey) @return it as an Address
        const Address& Get(uint64_t source)
        {
            if (!m_valid || source != m_source)
            {
                m_source = source;
                m_address = ToAddress(source);
                m_valid = true;
            }
            return m_address;
        }

      private:
        uint64_t m_source{0}; //!< the last source, as a key
        Address m_address;    //!< it as an Address
        bool m_valid{false};  //!< a source was converted
    };

    /**
     * @brief A sending NIC's last destination Address converted to a key. The layer above
     * sends to few peers in a row (one on a ring), and ns-3's conversion is a chain of
     * library calls.
     */
    class DestinationMemo
    {
      public:
        /**
         * @param destination a Mac48Address as an Address
         * @param changed set to true if it is not the last destination (a port found for the
         *        last one is then stale)
         * @return it as a key
         */
        uint64_t Get(const Address& destination, bool& changed)
        {
            changed = !m_valid || !(destination == m_address);
            if (changed)
            {
                m_address = destination;
                m_key = ToKey(Mac48Address::ConvertFrom(destination));
                m_valid = true;
            }
            return m_key;
        }

      private:
        Address m_address;   //!< the last destination
        uint64_t m_key{0};   //!< it as a key
        bool m_valid{false}; //!< a destination was converted
    };

  private:
    Ptr<Packet> m_packet;        //!< the packet, without the MAC header
    uint64_t m_destination : 48; //!< destination MAC address as a key
    uint64_t m_protocol : 16;    //!< EtherType
    uint64_t m_source;           //!< source MAC address as a key
};

} // namespace ns3

#endif /* SCALE_ACROSS_MAC_FRAME_H */
