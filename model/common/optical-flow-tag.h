/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_OPTICAL_FLOW_TAG_H
#define SCALE_ACROSS_OPTICAL_FLOW_TAG_H

#include "ns3/tag.h"

namespace ns3
{

/**
 * @ingroup scale-across
 * @brief Packet tag naming the flow (0 ... 255) a frame belongs to.
 *
 * An OpticalNetDevice keeps one virtual output queue per (destination, flow), and each queue
 * gets a circuit lane of its own. So frames of different flows to the same peer, such as two
 * NCCL channels or the two trees of a double binary tree, travel on separate wavelength
 * groups in parallel. Untagged frames are flow 0.
 */
class OpticalFlowTag : public Tag
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /// @param flow the flow
    explicit OpticalFlowTag(uint8_t flow = 0);

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

#endif /* SCALE_ACROSS_OPTICAL_FLOW_TAG_H */
