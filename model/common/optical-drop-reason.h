/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_OPTICAL_DROP_REASON_H
#define SCALE_ACROSS_OPTICAL_DROP_REASON_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup scale-across
 * @brief Why the optical fabric lost a frame. Every frame that is not received is counted
 * under exactly one of these, so that bytes sent = bytes received + bytes dropped.
 */
enum class OpticalDropReason : uint8_t
{
    QUEUE_FULL = 0,      //!< the NIC's virtual output queues were full (MacTxDrop)
    FRAME_TOO_LARGE,     //!< larger than Mtu (IP) or MaxBurstBytes (other protocols) (MacTxDrop)
    UNKNOWN_DESTINATION, //!< no port of the crossbar has the destination address (MacTxDrop)
    CIRCUIT_REJECTED,    //!< the circuit scheduler can never join source and destination
    NO_CIRCUIT,          //!< reached the crossbar on a port with no circuit to its destination
    RECONFIGURING,       //!< reached the crossbar while its circuit was still being set up
    LINK_BUDGET,         //!< received power below the receiver sensitivity (PhyRxDrop)
    COUNT                //!< number of reasons (not a reason)
};

/**
 * @param reason a drop reason
 * @return its name, e.g. "NoCircuit"
 */
std::string ToString(OpticalDropReason reason);

} // namespace ns3

#endif /* SCALE_ACROSS_OPTICAL_DROP_REASON_H */
