/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_ROTOR_CYCLE_H
#define SCALE_ACROSS_ROTOR_CYCLE_H

#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief The fixed cycle of matchings of a rotor switch (RotorNet, Opera) or of a
 * wavelength-routed fabric (an AWGR with tunable lasers, Sirius), in integer ticks.
 *
 * Plain C++ (no ns-3 types), O(1) memory: the schedule is computed, never stored. N ports
 * with K lanes each (K rotor switches, or K tunable lasers per NIC); time is cut into slots of
 * `slot` ticks, slot s spanning [s slot, (s + 1) slot). The N - 1 matchings are the cyclic
 * shifts "port i reaches port (i + k) mod N", k = 1 ... N - 1 (on an AWGR, k is the
 * wavelength). In slot s lane l carries matching index (s K + l) mod (N - 1), i.e. shift
 * k = that + 1, so the K lanes of a slot carry K distinct shifts and every pair of ports is
 * joined once every ceil((N - 1) / K) slots.
 *
 * Timing rules: a slot's circuits carry frames from its start plus `setUp` (the guard or
 * tuning time) until its end; a frame must pass the switch within that window (never cut).
 */
class RotorCycle
{
  public:
    /**
     * @param ports number of ports N (>= 2)
     * @param lanes lanes per port K (1 ... N - 1)
     * @param slot ticks per slot (> 0)
     * @param setUp ticks at the start of each slot before its circuits carry frames
     *        (0 ... slot - 1)
     */
    RotorCycle(uint32_t ports, uint32_t lanes, int64_t slot, int64_t setUp);

    /// @return N
    uint32_t GetNPorts() const;
    /// @return K
    uint32_t GetNLanes() const;
    /// @return ticks per slot
    int64_t GetSlot() const;
    /// @return set-up ticks at the start of each slot
    int64_t GetSetUp() const;
    /// @return slots until every pair has been joined once: ceil((N - 1) / K)
    uint64_t GetCycleSlots() const;

    /// @param tick a time @return the slot it falls in
    uint64_t SlotAt(int64_t tick) const;
    /// @param slot a slot @return the tick it starts at
    int64_t SlotStart(uint64_t slot) const;
    /// @param slot a slot @return the tick from which its circuits carry frames
    int64_t UpTime(uint64_t slot) const;
    /// @param slot a slot @return the tick at which its circuits close (its end)
    int64_t CloseTime(uint64_t slot) const;

    /**
     * @param slot a slot
     * @param lane a lane
     * @return the shift k (1 ... N - 1) lane carries in slot: port i reaches (i + k) mod N
     */
    uint32_t Shift(uint64_t slot, uint32_t lane) const;
    /**
     * @param port a port
     * @param slot a slot
     * @param lane a lane
     * @return the port that port's lane reaches in slot
     */
    uint32_t Peer(uint32_t port, uint64_t slot, uint32_t lane) const;

    /**
     * @brief The first slot, from `from` on, in which src reaches dst directly.
     * @param src source port
     * @param dst destination port (!= src)
     * @param from first slot considered
     * @param lane set to the lane that joins them in that slot
     * @return the slot
     */
    uint64_t NextSlot(uint32_t src, uint32_t dst, uint64_t from, uint32_t& lane) const;

    /**
     * @brief When direct traffic starts: the first tick >= tick at which a circuit src -> dst
     * is up with at least `occupy` ticks left before it closes (the closed form of a direct
     * rotor transfer's wait).
     * @param src source port
     * @param dst destination port (!= src)
     * @param tick when the traffic is ready
     * @param occupy ticks the traffic holds the circuit (<= slot - setUp)
     * @param lane set to the lane it goes on
     * @return the start tick
     */
    int64_t DirectStart(uint32_t src,
                        uint32_t dst,
                        int64_t tick,
                        int64_t occupy,
                        uint32_t& lane) const;

  private:
    uint32_t m_ports; //!< N
    uint32_t m_lanes; //!< K
    int64_t m_slot;   //!< ticks per slot
    int64_t m_setUp;  //!< guard or tuning ticks per slot
};

} // namespace ns3

#endif /* SCALE_ACROSS_ROTOR_CYCLE_H */
