/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_HEADER_H
#define SCALE_ACROSS_COLLECTIVE_HEADER_H

#include "ns3/header.h"
#include "ns3/packet.h"

namespace ns3
{

/**
 * @ingroup scale-across-collective
 * @brief The header of one burst of a collective message: which communicator, operation,
 * sender rank and tag (the schedule's message id) it belongs to, the message size, and which
 * part of the message this burst carries.
 */
class CollectiveHeader : public Header
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    CollectiveHeader();

    uint32_t communicator{0}; //!< communicator id
    uint32_t operation{0};    //!< operation sequence number in the communicator
    uint32_t source{0};       //!< sending rank
    uint32_t tag{0};          //!< message tag (unique per rank pair and operation)
    uint64_t messageBytes{0}; //!< data bytes of the whole message
    uint64_t offset{0};       //!< first data byte carried by this burst
    uint32_t dataBytes{0};    //!< data bytes carried by this burst
    uint8_t flow{0};          //!< channel or tree (the receiver returns its send credit)

    /// Bytes of the header on the wire.
    static constexpr uint32_t SERIALIZED_SIZE = 4 * 4 + 8 + 8 + 4 + 1;

    /**
     * @brief Write the header's wire form (network byte order, fields in declaration order).
     * @param bytes SERIALIZED_SIZE bytes
     */
    void Encode(uint8_t* bytes) const;
    /**
     * @brief Read the header from its wire form.
     * @param bytes SERIALIZED_SIZE bytes
     */
    void Decode(const uint8_t* bytes);
    /**
     * @brief Read the header at the front of a packet without Packet::PeekHeader: one copy
     * of its bytes instead of a Buffer::Iterator read per byte (the per-message path).
     * @param packet a packet that starts with a CollectiveHeader
     */
    void PeekFrom(const Packet& packet);

    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_HEADER_H */
