/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CROSSBAR_PORT_TABLE_H
#define SCALE_ACROSS_CROSSBAR_PORT_TABLE_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across
 * @brief The circuit state of an N-port photonic crossbar, in O(N) memory.
 *
 * Plain C++ (no ns-3 types, times are integer ticks of the caller's choosing) so that it can
 * be tested on its own. Each of the N ports has K lanes; a lane is one independent circuit
 * end (a wavelength group on its own fiber). A circuit is unidirectional: it joins the input
 * side of a (port, lane) "slot" to the output side of another. Every slot has at most one
 * circuit on its input side and one on its output side: no N x N matrix is ever stored.
 *
 * Timing rules, which make every check answerable at send time:
 * - a circuit set up at time t is usable from max(t, both slots available) + reconfiguration;
 * - a circuit torn down at time t frees its slots only once the last frame accepted on it has
 *   passed the crossbar (its "drain" time), so a frame accepted on a circuit is never cut.
 */
class CrossbarPortTable
{
  public:
    /// Marks "no slot" in GetOutputSlot and GetInputSlot.
    static constexpr int64_t NO_SLOT = -1;

    /**
     * @param ports number of ports N (>= 1)
     * @param lanes lanes per port K (>= 1)
     */
    CrossbarPortTable(uint32_t ports, uint32_t lanes);

    /// @return N
    uint32_t GetNPorts() const;
    /// @return K
    uint32_t GetNLanes() const;
    /**
     * @param port port index
     * @param lane lane index
     * @return the slot index of (port, lane)
     */
    uint32_t Slot(uint32_t port, uint32_t lane) const;
    /// @param slot a slot index @return its port
    uint32_t PortOf(uint32_t slot) const;
    /// @param slot a slot index @return its lane
    uint32_t LaneOf(uint32_t slot) const;

    /// @param inSlot input slot @return the output slot it is joined to, or NO_SLOT
    int64_t GetOutputSlot(uint32_t inSlot) const;
    /// @param outSlot output slot @return the input slot joined to it, or NO_SLOT
    int64_t GetInputSlot(uint32_t outSlot) const;
    /// @param inSlot input slot @return tick from which its circuit is usable
    int64_t GetUpTime(uint32_t inSlot) const;
    /// @param inSlot input slot @return tick at which the last accepted frame leaves the crossbar
    int64_t GetDrainTime(uint32_t inSlot) const;

    /// @param port a port @return the first lane whose input side is free, or -1
    int64_t FindFreeInputLane(uint32_t port) const;
    /// @param port a port @return the first lane whose output side is free, or -1
    int64_t FindFreeOutputLane(uint32_t port) const;

    /**
     * @brief Join a free input slot to a free output slot.
     * @param inSlot input slot (must be free)
     * @param outSlot output slot (must be free)
     * @param now current tick
     * @param reconfiguration ticks the switch element needs to settle
     * @return tick from which the circuit is usable
     */
    int64_t Connect(uint32_t inSlot, uint32_t outSlot, int64_t now, int64_t reconfiguration);

    /**
     * @brief Tear down the circuit on an input slot.
     * @param inSlot input slot (must hold a circuit)
     * @param now current tick
     * @return tick at which both slots are free again (after the drain)
     */
    int64_t Disconnect(uint32_t inSlot, int64_t now);

    /**
     * @brief Would a frame entering on inSlot reach outPort?
     * @param inSlot input slot the frame enters on
     * @param outPort port the frame is addressed to
     * @param head tick at which the frame's first bit reaches the crossbar
     * @return true if a circuit joins them and is up at head
     */
    bool Carries(uint32_t inSlot, uint32_t outPort, int64_t head) const;

    /**
     * @brief Record that a frame was accepted on inSlot.
     * @param inSlot input slot
     * @param tail tick at which the frame's last bit leaves the crossbar
     */
    void Accept(uint32_t inSlot, int64_t tail);

    /// @return number of circuits currently set up (usable or still settling)
    uint64_t GetNCircuits() const;

  private:
    uint32_t m_ports;
    uint32_t m_lanes;
    std::vector<int64_t> m_outOf;     //!< per input slot: joined output slot or NO_SLOT
    std::vector<int64_t> m_inOf;      //!< per output slot: joined input slot or NO_SLOT
    std::vector<int64_t> m_upAt;      //!< per input slot: circuit usable from
    std::vector<int64_t> m_drainAt;   //!< per input slot: last accepted tail
    std::vector<int64_t> m_inFreeAt;  //!< per input slot: free (after teardown) from
    std::vector<int64_t> m_outFreeAt; //!< per output slot: free (after teardown) from
    uint64_t m_circuits{0};
};

} // namespace ns3

#endif /* SCALE_ACROSS_CROSSBAR_PORT_TABLE_H */
