/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_SLOTTED_CIRCUIT_SCHEDULER_H
#define SCALE_ACROSS_SLOTTED_CIRCUIT_SCHEDULER_H

#include "circuit-scheduler.h"
#include "rotor-cycle.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief A switch that cycles through a fixed sequence of matchings, one per time slot,
 * whatever the traffic: what RotorCircuitScheduler (a rotor switch) and
 * WavelengthRoutedCircuitScheduler (an AWGR with tunable lasers) share.
 *
 * The cycle is a RotorCycle over the switch's ports and lanes: in slot s (of SlotTime, from
 * time 0) lane l of port i reaches port (i + k) mod N, k = ((s K + l) mod (N - 1)) + 1. At each
 * slot's start every circuit of the previous slot is torn down and the slot's N x K circuits
 * are set up; they carry frames from the slot's start plus the set-up time (GetSetUpTime:
 * the rotor's guard, the laser's tuning) until the slot's end. Traffic is direct: frames for a
 * destination wait in their NIC's virtual output queue until a slot joins the two ports.
 *
 * Frames are never cut: every circuit carries its close time (the slot's end), and a NIC
 * launches only a frame whose tail passes the switch by then (OpticalNetDevice defers the
 * others to their next slot, and drops as FrameTooLarge a frame longer than any slot carries).
 * So every slot starts on time.
 *
 * Event economy: the cycle runs only while some NIC waits for a circuit or holds frames on
 * one. When all is quiet at a slot's end the scheduler stops; the next request resumes it in
 * the slot the fixed cycle has reached by then (the physical switch never stopped). A slot
 * costs one event plus one CircuitUp event per circuit.
 *
 * The scheduler needs N >= 2 ports and at most N - 1 lanes per port.
 */
class SlottedCircuitScheduler : public CircuitScheduler
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    SlottedCircuitScheduler();
    ~SlottedCircuitScheduler() override;

    void Start() override;
    void RequestCircuit(uint32_t srcPort, uint32_t dstPort) override;
    void NotifyIdle(uint32_t srcPort, uint32_t srcLane) override;
    /// @return SlotTime minus the slot's set-up time: a whole slot's window
    Time GetLongestTimedCircuit() const override;
    /**
     * @brief Nothing: the cycle is the hardware's (a rotor's, an AWGR's) and runs on through
     * faults. Slots to a port that is down carry nothing (its NICs drop frames for it) and
     * frames on them are lost (LinkDown).
     * @param port the port
     * @param up true if it came up
     */
    void NotifyPortChange(uint32_t port, bool up) override;

    /// @return the SlotTime attribute
    Time GetSlotTime() const;
    /**
     * @return the time at the start of each slot before its circuits carry frames (the
     *         subclass's guard or tuning time; the switch's ReconfigurationTime if that is 0)
     */
    Time GetSlotSetUpTime() const;
    /// @return the cycle (built by Start, from the switch's ports and lanes)
    const RotorCycle& GetCycle() const;
    /// @return slots run so far (set up at least one circuit)
    uint64_t GetNSlotsRun() const;

    /**
     * TracedCallback signature for slots.
     * @param [in] slot the slot's number, counted from time 0 (it starts at slot x SlotTime)
     * @param [in] shift lane 0's shift k in it: port i reaches port (i + k) mod N (on an
     *             AWGR: wavelength k)
     */
    typedef void (*SlotTracedCallback)(uint64_t slot, uint32_t shift);

  protected:
    void DoDispose() override;
    /**
     * @return the subclass's set-up attribute (GuardTime, TuningTime); 0 means the switch's
     *         ReconfigurationTime
     */
    virtual Time GetSetUpAttribute() const = 0;
    /**
     * @brief Stop if the set-up time cannot be right for this switch.
     * @param setUp the set-up time the cycle would use
     * @param reconfiguration the switch's ReconfigurationTime
     */
    virtual void CheckSetUp(Time setUp, Time reconfiguration) const = 0;
    /// @param t slot length (> 0)
    void SetSlotTime(Time t);
    /**
     * @brief Stop if the cycle is built: it holds SlotTime and the set-up time as they were
     * then, and a later value would disagree with it.
     * @param attribute the attribute being set
     */
    void CheckNotStarted(const std::string& attribute) const;

  private:
    /// Build the cycle from the switch (once).
    void BuildCycle();
    /// A slot starts: tear the last one down, stop if quiet, else set this one up.
    void BeginSlot(uint64_t slot);
    /// Set up slot's circuits, usable from max(now, its up time) until its end.
    void SetUpSlot(uint64_t slot);
    /// @return the key of a (source, destination) pair
    static uint64_t PairId(uint32_t src, uint32_t dst);

    Time m_slotTime;                                 //!< SlotTime attribute
    std::unique_ptr<RotorCycle> m_cycle;             //!< the cycle, in time steps
    std::unordered_map<uint64_t, uint32_t> m_demand; //!< requests not yet served, by pair
    uint64_t m_nDemand;                              //!< sum of m_demand
    bool m_running;                                  //!< slots are being simulated
    uint64_t m_nSlotsRun;                            //!< slots set up
    EventId m_nextSlot;                              //!< the next slot's start
    TracedCallback<uint64_t, uint32_t> m_slotTrace;  //!< Slot
};

} // namespace ns3

#endif /* SCALE_ACROSS_SLOTTED_CIRCUIT_SCHEDULER_H */
