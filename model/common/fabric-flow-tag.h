/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FABRIC_FLOW_TAG_H
#define SCALE_ACROSS_FABRIC_FLOW_TAG_H

#include "ns3/tag.h"

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief Packet tag naming the flow (0 ... 255) a packet belongs to, readable by any device.
 *
 * The collective layer tags each message with its flow (an NCCL channel, or one tree of a
 * double binary tree); fabrics decide what a flow means to them. An OpticalNetDevice keeps
 * one virtual output queue per (destination, flow), each with a circuit lane of its own, so
 * flows to the same peer travel on separate wavelength groups in parallel; a packet switch
 * may hash it into its ECMP choice. Untagged packets are flow 0.
 */
class FabricFlowTag : public Tag
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// @param flow the flow
    explicit FabricFlowTag(uint8_t flow = 0);

    /// @return the flow
    uint8_t GetFlow() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    uint8_t m_flow; //!< the flow
};

} // namespace ns3

#endif /* SCALE_ACROSS_FABRIC_FLOW_TAG_H */
