/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-header.h"

#include "ns3/abort.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CollectiveHeader);

TypeId
CollectiveHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CollectiveHeader")
                            .SetParent<Header>()
                            .SetGroupName("ScaleAcross")
                            .AddConstructor<CollectiveHeader>();
    return tid;
}

TypeId
CollectiveHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

CollectiveHeader::CollectiveHeader() = default;

namespace
{
// Byte by byte in network order, written out so the compiler turns each into one load or
// store and a byte swap (a loop over the bytes is not unrolled at -O2).

/// @param p 4 bytes @return them as a big-endian number
inline uint32_t
Get32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

/// @param p 8 bytes @return them as a big-endian number
inline uint64_t
Get64(const uint8_t* p)
{
    return (uint64_t{Get32(p)} << 32) | Get32(p + 4);
}

/// @param p 4 bytes to write @param v the value, big-endian
inline void
Put32(uint8_t* p, uint32_t v)
{
    p[0] = static_cast<uint8_t>(v >> 24);
    p[1] = static_cast<uint8_t>(v >> 16);
    p[2] = static_cast<uint8_t>(v >> 8);
    p[3] = static_cast<uint8_t>(v);
}

/// @param p 8 bytes to write @param v the value, big-endian
inline void
Put64(uint8_t* p, uint64_t v)
{
    Put32(p, static_cast<uint32_t>(v >> 32));
    Put32(p + 4, static_cast<uint32_t>(v));
}
} // namespace

uint32_t
CollectiveHeader::GetSerializedSize() const
{
    return SERIALIZED_SIZE;
}

void
CollectiveHeader::Encode(uint8_t* p) const
{
    // The same bytes as Buffer::Iterator's WriteHtonU32/U64 field by field, built in a local
    // array so the packet's buffer is written once (Serialize runs per message).
    Put32(p, communicator);
    Put32(p + 4, operation);
    Put32(p + 8, source);
    Put32(p + 12, tag);
    Put64(p + 16, messageBytes);
    Put64(p + 24, offset);
    Put32(p + 32, dataBytes);
    p[36] = flow;
}

void
CollectiveHeader::Decode(const uint8_t* p)
{
    communicator = Get32(p);
    operation = Get32(p + 4);
    source = Get32(p + 8);
    tag = Get32(p + 12);
    messageBytes = Get64(p + 16);
    offset = Get64(p + 24);
    dataBytes = Get32(p + 32);
    flow = p[36];
}

void
CollectiveHeader::PeekFrom(const Packet& packet)
{
    uint8_t bytes[SERIALIZED_SIZE];
    const uint32_t copied = packet.CopyData(bytes, SERIALIZED_SIZE);
    NS_ABORT_MSG_IF(copied != SERIALIZED_SIZE,
                    "CollectiveHeader: a packet of " << packet.GetSize()
                                                     << " bytes is too short for the header");
    Decode(bytes);
}

void
CollectiveHeader::Serialize(Buffer::Iterator i) const
{
    uint8_t bytes[SERIALIZED_SIZE];
    Encode(bytes);
    i.Write(bytes, SERIALIZED_SIZE);
}

uint32_t
CollectiveHeader::Deserialize(Buffer::Iterator start)
{
    uint8_t bytes[SERIALIZED_SIZE];
    start.Read(bytes, SERIALIZED_SIZE);
    Decode(bytes);
    return SERIALIZED_SIZE;
}

void
CollectiveHeader::Print(std::ostream& os) const
{
    os << "comm=" << communicator << " op=" << operation << " src=" << source << " tag=" << tag
       << " flow=" << unsigned{flow} << " bytes=" << offset << "+" << dataBytes << "/"
       << messageBytes;
}

} // namespace ns3
