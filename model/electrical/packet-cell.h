/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_CELL_H
#define SCALE_ACROSS_PACKET_CELL_H

#include <cstdint>

namespace ns3
{

class PacketNetDevice;

/**
 * @ingroup scale-across-electrical
 * @brief One cell of a frame on its way through a packet fabric (plain data, 40 bytes).
 *
 * A PacketNetDevice cuts each frame into cells of at most CellBytes payload bytes; cells, not
 * ns-3 Packets, cross links and switches, held by value in flat queues. The frame itself (the
 * Packet) stays with its sender until its last cell arrives. A cell of p payload bytes stands
 * for ceil(p / Mtu) packets on the wire, each with HeaderBytes of headers: wire = p +
 * ceil(p / Mtu) x HeaderBytes (at least one header).
 */
struct PacketCell
{
    PacketNetDevice* origin{nullptr}; //!< the sending device, which holds the frame
    uint32_t frame{0};                //!< the frame's slot in its sender
    uint32_t src{0};                  //!< source host index in the fabric
    uint32_t dst{0};                  //!< destination host index in the fabric
    uint32_t payload{0};              //!< payload bytes carried
    uint32_t wire{0};                 //!< bytes on the wire (payload and headers)
    uint16_t ingress{0};              //!< port it entered the current switch through
    uint8_t flow{0};                  //!< FabricFlowTag flow of the frame
    uint8_t linkEpoch{0};             //!< its link's fault epoch when it was sent (mod 256)
    int64_t ready{0};                 //!< time step its tail is ready at the current hop
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_CELL_H */
