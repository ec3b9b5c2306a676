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

    MacFrame() = default;
    /**
     * @param packet the packet from the layer above (no MAC header)
     * @param source source MAC address
     * @param destination destination MAC address
     * @param protocol EtherType
     */
    MacFrame(Ptr<Packet> packet, Mac48Address source, Mac48Address destination, uint16_t protocol);

    /// @return the packet (no MAC header)
    const Ptr<Packet>& GetPacket() const
    {
        return m_packet;
    }

    /// @return source MAC address
    Mac48Address GetSource() const
    {
        return m_source;
    }

    /// @return destination MAC address
    Mac48Address GetDestination() const
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
    NetDevice::PacketType GetPacketType(Mac48Address receiver) const;

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
        /// @param source a source address @return it as an Address
        const Address& Get(Mac48Address source)
        {
            if (!m_valid || !(source == m_source))
            {
                m_source = source;
                m_address = source;
                m_valid = true;
            }
            return m_address;
        }

      private:
        Mac48Address m_source; //!< the last source
        Address m_address;     //!< it as an Address
        bool m_valid{false};   //!< a source was converted
    };

  private:
    Ptr<Packet> m_packet;       //!< the packet, without the MAC header
    Mac48Address m_source;      //!< source MAC address
    Mac48Address m_destination; //!< destination MAC address
    uint16_t m_protocol{0};     //!< EtherType
};

} // namespace ns3

#endif /* SCALE_ACROSS_MAC_FRAME_H */
