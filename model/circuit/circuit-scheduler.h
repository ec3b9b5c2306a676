/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CIRCUIT_SCHEDULER_H
#define SCALE_ACROSS_CIRCUIT_SCHEDULER_H

#include "circuit-switch.h"

#include "ns3/object.h"

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief Decides which circuits a circuit switch (a PhotonicCrossbar) sets up and tears down.
 *
 * The one interface behind which every circuit policy sits (on-demand, static, and the rotor
 * and wavelength-routed schedulers of later work). A scheduler hears three things:
 * - Start(): the simulation begins (static schedules set their permutation up here);
 * - RequestCircuit(src, dst): a NIC has frames for dst and no circuit to it;
 * - NotifyIdle(src, lane): a NIC has no more frames for the circuit on that lane.
 * It acts through the CircuitSwitch interface (EstablishCircuit, ReleaseCircuit,
 * RejectCircuit, and IsLaneIdle to ask whether a circuit still carries anything), never
 * through the switch's class or its NICs.
 *
 * The switch owns its scheduler; the scheduler keeps a plain back pointer, which the
 * switch clears when it goes away.
 */
class CircuitScheduler : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CircuitScheduler();
    ~CircuitScheduler() override;

    /**
     * @brief Called by the switch that takes this scheduler.
     * @param circuitSwitch the switch, or nullptr when it lets the scheduler go
     */
    void SetSwitch(CircuitSwitch* circuitSwitch);

    /// The simulation starts: set up whatever must exist from time zero.
    virtual void Start();

    /**
     * @brief A NIC has frames for dstPort and no circuit to it.
     * @param srcPort the NIC's port
     * @param dstPort destination port
     */
    virtual void RequestCircuit(uint32_t srcPort, uint32_t dstPort) = 0;

    /**
     * @brief The NIC on srcPort has no more frames queued for the circuit on srcLane.
     * @param srcPort the NIC's port
     * @param srcLane the lane of that circuit
     */
    virtual void NotifyIdle(uint32_t srcPort, uint32_t srcLane) = 0;

    /**
     * @return true if NICs may relay traffic through an intermediate endpoint (two-hop,
     *         Valiant): a lane with nothing for its circuit's peer sends that peer frames for
     *         other destinations, which the peer holds and forwards (false by default)
     */
    virtual bool RelaysTraffic() const;

    /**
     * @return the longest time, from up to close, that a circuit with a close time (set up by
     *         EstablishTimedCircuit) stays up: a frame whose fiber delay and serialization
     *         exceed it can never be carried. A circuit joined mid-way is shorter than this, so
     *         a NIC must not judge a frame by the circuit it happens to see. Time::Max() by
     *         default (circuits without a close time).
     */
    virtual Time GetLongestTimedCircuit() const;

    /**
     * @brief A fault took a port down, or its repair brought it up (the switch calls this
     * after the NICs have dropped what they queued for the port). By default every circuit
     * with an end on a port that went down is torn down (its frames in flight are already
     * lost); a subclass that sets circuits up again on repair, or keeps a fixed cycle,
     * overrides it.
     * @param port the port
     * @param up true if it came up
     */
    virtual void NotifyPortChange(uint32_t port, bool up);

  protected:
    /// @return the switch this scheduler drives (aborts if none)
    CircuitSwitch& Switch() const;

  private:
    CircuitSwitch* m_switch; //!< back pointer, owned by nobody here
};

} // namespace ns3

#endif /* SCALE_ACROSS_CIRCUIT_SCHEDULER_H */
