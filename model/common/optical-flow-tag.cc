/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "optical-flow-tag.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(OpticalFlowTag);

TypeId
OpticalFlowTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::OpticalFlowTag")
                            .SetParent<Tag>()
                            .SetGroupName("ScaleAcross")
                            .AddConstructor<OpticalFlowTag>();
    return tid;
}

TypeId
OpticalFlowTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

OpticalFlowTag::OpticalFlowTag(uint8_t flow)
    : m_flow(flow)
{
}

uint8_t
OpticalFlowTag::GetFlow() const
{
    return m_flow;
}

uint32_t
OpticalFlowTag::GetSerializedSize() const
{
    return 1;
}

void
OpticalFlowTag::Serialize(TagBuffer i) const
{
    i.WriteU8(m_flow);
}

void
OpticalFlowTag::Deserialize(TagBuffer i)
{
    m_flow = i.ReadU8();
}

void
OpticalFlowTag::Print(std::ostream& os) const
{
    os << "flow=" << static_cast<uint32_t>(m_flow);
}

} // namespace ns3
