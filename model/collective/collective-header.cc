/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-header.h"

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

uint32_t
CollectiveHeader::GetSerializedSize() const
{
    return 4 * 4 + 8 + 8 + 4 + 1;
}

void
CollectiveHeader::Serialize(Buffer::Iterator i) const
{
    i.WriteHtonU32(communicator);
    i.WriteHtonU32(operation);
    i.WriteHtonU32(source);
    i.WriteHtonU32(tag);
    i.WriteHtonU64(messageBytes);
    i.WriteHtonU64(offset);
    i.WriteHtonU32(dataBytes);
    i.WriteU8(flow);
}

uint32_t
CollectiveHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    communicator = i.ReadNtohU32();
    operation = i.ReadNtohU32();
    source = i.ReadNtohU32();
    tag = i.ReadNtohU32();
    messageBytes = i.ReadNtohU64();
    offset = i.ReadNtohU64();
    dataBytes = i.ReadNtohU32();
    flow = i.ReadU8();
    return i.GetDistanceFrom(start);
}

void
CollectiveHeader::Print(std::ostream& os) const
{
    os << "comm=" << communicator << " op=" << operation << " src=" << source << " tag=" << tag
       << " flow=" << unsigned{flow} << " bytes=" << offset << "+" << dataBytes << "/"
       << messageBytes;
}

} // namespace ns3
