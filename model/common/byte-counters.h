/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_BYTE_COUNTERS_H
#define SCALE_ACROSS_BYTE_COUNTERS_H

#include "drop-reason.h"

#include <array>
#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief Where the bytes given to one fabric element went (plain C++).
 *
 * Every element that holds or forwards bytes (a NIC, a crossbar, a packet switch) fills one
 * of these as bytes pass, and ByteConservation checks at Simulator::Destroy that
 *
 *   sent = delivered + queued + in flight + dropped (by reason)
 *
 * for each of them. "sent" is what the element was given: for a NIC the payload bytes
 * handed to Send (every copy of a broadcast), for a crossbar or switch the bytes that
 * entered it. "delivered" is what reached the far end whole, "queued" what still waits in
 * the element, "in flight" what left it and has not yet arrived. Bytes still queued or in
 * flight when the simulation stops are counted as such, never as lost.
 */
struct ByteCounters
{
    uint64_t sent{0};      //!< bytes given to the element
    uint64_t delivered{0}; //!< bytes that reached their destination
    uint64_t queued{0};    //!< bytes waiting in the element
    uint64_t inFlight{0};  //!< bytes on their way, not yet arrived or dropped
    /// Bytes another element handed over to be forwarded: a NIC's frames held for the second
    /// leg of a two-hop relay (they were another NIC's "sent", and are this one's to account).
    uint64_t relayed{0};
    std::array<uint64_t, static_cast<size_t>(DropReason::COUNT)> dropped{}; //!< by reason

    /// @param reason a reason @return bytes dropped for it
    uint64_t GetDropped(DropReason reason) const;
    /// @return bytes dropped for any reason
    uint64_t GetDropped() const;
    /// @return bytes lost to faults: dropped as LinkDown or DeviceFailed (a part of GetDropped)
    uint64_t GetLostToFaults() const;
    /// @param reason why @param bytes how many bytes were dropped (taken from nothing)
    void AddDropped(DropReason reason, uint64_t bytes);
    /// @return true if sent + relayed = delivered + queued + in flight + dropped
    bool IsBalanced() const;
    /**
     * @return one line with every term, e.g. "sent 100 B != delivered 60 + queued 0 + in
     *         flight 0 + dropped 30 (NoCircuit 30) = 90 B"; the same form when balanced, with
     *         "=" in place of "!="
     */
    std::string Describe() const;
    /// @param other counters to add @return this
    ByteCounters& operator+=(const ByteCounters& other);
};

} // namespace ns3

#endif /* SCALE_ACROSS_BYTE_COUNTERS_H */
