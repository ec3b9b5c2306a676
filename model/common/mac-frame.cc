/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mac-frame.h"

#include "ns3/ethernet-header.h"

namespace ns3
{

MacFrame::MacFrame(Ptr<Packet> packet,
                   Mac48Address source,
                   Mac48Address destination,
                   uint16_t protocol)
    : m_packet(std::move(packet)),
      m_source(source),
      m_destination(destination),
      m_protocol(protocol)
{
}

NetDevice::PacketType
MacFrame::GetPacketType(Mac48Address receiver) const
{
    // The common case first: a NIC's own address is unicast, so a frame for it is neither
    // broadcast nor multicast (each test is a call into ns-3's network library).
    if (m_destination == receiver)
    {
        return NetDevice::PACKET_HOST;
    }
    if (!m_destination.IsGroup())
    {
        return NetDevice::PACKET_OTHERHOST;
    }
    return m_destination.IsBroadcast() ? NetDevice::PACKET_BROADCAST : NetDevice::PACKET_MULTICAST;
}

Ptr<Packet>
MacFrame::ToPacket() const
{
    EthernetHeader header(false);
    header.SetSource(m_source);
    header.SetDestination(m_destination);
    header.SetLengthType(m_protocol);
    Ptr<Packet> framed = m_packet->Copy();
    framed->AddHeader(header);
    return framed;
}

} // namespace ns3
