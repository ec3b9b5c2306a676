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
    : MacFrame(std::move(packet), ToKey(source), ToKey(destination), protocol)
{
}

uint64_t
MacFrame::ToKey(Mac48Address address)
{
    uint8_t bytes[6];
    address.CopyTo(bytes);
    uint64_t key = 0;
    for (uint8_t byte : bytes)
    {
        key = (key << 8) | byte;
    }
    return key;
}

Mac48Address
MacFrame::ToAddress(uint64_t key)
{
    uint8_t bytes[6];
    for (int i = 5; i >= 0; --i)
    {
        bytes[i] = static_cast<uint8_t>(key & 0xff);
        key >>= 8;
    }
    Mac48Address address;
    address.CopyFrom(bytes);
    return address;
}

Ptr<Packet>
MacFrame::ToPacket() const
{
    EthernetHeader header(false);
    header.SetSource(GetSource());
    header.SetDestination(GetDestination());
    header.SetLengthType(GetProtocol());
    Ptr<Packet> framed = m_packet->Copy();
    framed->AddHeader(header);
    return framed;
}

} // namespace ns3
