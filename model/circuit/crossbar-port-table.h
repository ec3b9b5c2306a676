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
 * @ingroup scale-across-circuit
 * @brief The circuit state of an N-port photonic crossbar, in O(N) memory.
 *
 * Plain C++ (no ns-3 types, times are integer ticks of the caller's choosing) so that it can
 * be tested on its own. Each of the N ports has K lanes; a lane is one independent circuit
 * end (a wavelength group on its own fiber). A circuit is unidirectional: it joins the input
 * side of a (port, lane) "end" to the output side of another. Every end has at most one
 * circuit on its input side and one on its output side: no N x N matrix is ever stored.
 *
 * Timing rules, which make every check answerable at send time:
 * - a circuit set up at time t is usable from max(t, both ends available) + reconfiguration;
 * - a circuit torn down at time t frees its ends only once the last frame accepted on it has
 *   passed the crossbar (its "drain" time), so a frame accepted on a circuit is never cut;
 * - a circuit may carry a close time, when its scheduler will tear it down (the end of a rotor
 *   slot): a sender launches on it only frames whose tail passes the crossbar by then, so a
 *   slotted circuit drains by its close time and the next slot starts on time.
 */
class CrossbarPortTable
{
  public:
    /// Marks "no end" in GetOutputEnd and GetInputEnd.
    static constexpr int64_t NO_END = -1;
    /// Marks "no close time planned" in GetCloseTime.
    static constexpr int64_t NEVER = INT64_MAX;

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
     * @return the end index of (port, lane)
     */
    uint32_t End(uint32_t port, uint32_t lane) const;
    /// @param end an end index @return its port
    uint32_t PortOf(uint32_t end) const;
    /// @param end an end index @return its lane
    uint32_t LaneOf(uint32_t end) const;

    /// @param inEnd input end @return the output end it is joined to, or NO_END
    int64_t GetOutputEnd(uint32_t inEnd) const;
    /// @param outEnd output end @return the input end joined to it, or NO_END
    int64_t GetInputEnd(uint32_t outEnd) const;
    /// @param inEnd input end @return tick from which its circuit is usable
    int64_t GetUpTime(uint32_t inEnd) const;
    /// @param inEnd input end @return tick at which the last accepted frame leaves the crossbar
    int64_t GetDrainTime(uint32_t inEnd) const;
    /// @param inEnd input end @return tick at which its circuit will be torn down, or NEVER
    int64_t GetCloseTime(uint32_t inEnd) const;

    /// @param port a port @return the first lane whose input side is free, or -1
    int64_t FindFreeInputLane(uint32_t port) const;
    /// @param port a port @return the first lane whose output side is free, or -1
    int64_t FindFreeOutputLane(uint32_t port) const;

    /**
     * @brief Join a free input end to a free output end.
     * @param inEnd input end (must be free)
     * @param outEnd output end (must be free)
     * @param now current tick
     * @param reconfiguration ticks the switch element needs to settle
     * @param closeAt tick at which the scheduler will tear the circuit down, or NEVER
     * @return tick from which the circuit is usable
     */
    int64_t Connect(uint32_t inEnd,
                    uint32_t outEnd,
                    int64_t now,
                    int64_t reconfiguration,
                    int64_t closeAt = NEVER);

    /**
     * @brief Tear down the circuit on an input end.
     * @param inEnd input end (must hold a circuit)
     * @param now current tick
     * @return tick at which both ends are free again (after the drain)
     */
    int64_t Disconnect(uint32_t inEnd, int64_t now);

    /**
     * @brief Would a frame entering on inEnd reach outPort?
     * @param inEnd input end the frame enters on
     * @param outPort port the frame is addressed to
     * @param head tick at which the frame's first bit reaches the crossbar
     * @return true if a circuit joins them and is up at head
     */
    bool Carries(uint32_t inEnd, uint32_t outPort, int64_t head) const;

    /**
     * @brief Record that a frame was accepted on inEnd.
     * @param inEnd input end
     * @param tail tick at which the frame's last bit leaves the crossbar
     */
    void Accept(uint32_t inEnd, int64_t tail);

    /// @return number of circuits currently set up (usable or still settling)
    uint64_t GetNCircuits() const;

  private:
    uint32_t m_ports;
    uint32_t m_lanes;
    std::vector<int64_t> m_outOf;     //!< per input end: joined output end or NO_END
    std::vector<int64_t> m_inOf;      //!< per output end: joined input end or NO_END
    std::vector<int64_t> m_upAt;      //!< per input end: circuit usable from
    std::vector<int64_t> m_drainAt;   //!< per input end: last accepted tail
    std::vector<int64_t> m_closeAt;   //!< per input end: planned teardown, or NEVER
    std::vector<int64_t> m_inFreeAt;  //!< per input end: free (after teardown) from
    std::vector<int64_t> m_outFreeAt; //!< per output end: free (after teardown) from
    uint64_t m_circuits{0};
};

} // namespace ns3

#endif /* SCALE_ACROSS_CROSSBAR_PORT_TABLE_H */
