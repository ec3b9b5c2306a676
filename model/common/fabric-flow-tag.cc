/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-flow-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(FabricFlowTag);

TypeId
FabricFlowTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FabricFlowTag")
                            .SetParent<Tag>()
                            .SetGroupName("ScaleAcross")
                            .AddConstructor<FabricFlowTag>();
    return tid;
}

TypeId
FabricFlowTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

FabricFlowTag::FabricFlowTag(uint8_t flow)
    : m_flow(flow)
{
}

uint8_t
FabricFlowTag::GetFlow() const
{
    return m_flow;
}

uint32_t
FabricFlowTag::GetSerializedSize() const
{
    return 1;
}

void
FabricFlowTag::Serialize(TagBuffer i) const
{
    i.WriteU8(m_flow);
}

void
FabricFlowTag::Deserialize(TagBuffer i)
{
    m_flow = i.ReadU8();
}

void
FabricFlowTag::Print(std::ostream& os) const
{
    os << "flow=" << static_cast<uint32_t>(m_flow);
}

} // namespace ns3
