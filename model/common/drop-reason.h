/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_DROP_REASON_H
#define SCALE_ACROSS_DROP_REASON_H

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief Why a fabric lost a frame. Every frame that is not received is counted under exactly
 * one of these (ByteCounters::dropped), so that the bytes an element was given balance.
 *
 * One list for every fabric, so that one conservation check (ByteConservation) reads them
 * all; a fabric uses the reasons that can happen in it. New fabrics add their reasons here.
 */
enum class DropReason : uint8_t
{
    QUEUE_FULL = 0,      //!< the NIC's virtual output queues were full (MacTxDrop)
    FRAME_TOO_LARGE,     //!< larger than Mtu (IP) or MaxBurstBytes (other protocols) (MacTxDrop)
    UNKNOWN_DESTINATION, //!< no port of the crossbar has the destination address (MacTxDrop)
    CIRCUIT_REJECTED,    //!< the circuit scheduler can never join source and destination
    NO_CIRCUIT,          //!< reached the crossbar on a port with no circuit to its destination
    RECONFIGURING,       //!< reached the crossbar while its circuit was still being set up
    LINK_BUDGET,         //!< received power below the receiver sensitivity (PhyRxDrop)
    NO_ROUTE,            //!< a packet switch has no route to the destination (PhyTxDrop)
    LINK_DOWN,           //!< on, queued for or sent to a failed link, fiber or port (faults)
    DEVICE_FAILED,       //!< at a failed transceiver, crossbar or packet switch (faults)
    COUNT                //!< number of reasons (not a reason)
};

/**
 * @param reason a drop reason
 * @return its name, e.g. "NoCircuit"
 */
std::string ToString(DropReason reason);

} // namespace ns3

#endif /* SCALE_ACROSS_DROP_REASON_H */
