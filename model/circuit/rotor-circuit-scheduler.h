/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_ROTOR_CIRCUIT_SCHEDULER_H
#define SCALE_ACROSS_ROTOR_CIRCUIT_SCHEDULER_H

#include "slotted-circuit-scheduler.h"

#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief A rotor switch (RotorNet, SIGCOMM'17; Opera, NSDI'20): the crossbar cycles through
 * the N - 1 cyclic-shift matchings, one per slot, whatever the traffic.
 *
 * Each slot starts with GuardTime of reconfiguration, during which nothing passes, then its
 * circuits carry frames until its end (SlottedCircuitScheduler gives the cycle and the rule
 * that frames are never cut). With K lanes per port (K rotor switches, each NIC uplink on
 * one), the K lanes of a slot carry K different matchings, and every pair meets once every
 * ceil((N - 1) / K) slots. Routing chooses what traffic does: Direct, it waits for the slot
 * in which its destination is matched; TwoHop (RotorNet's and Opera's Valiant load balancing),
 * a lane with nothing for its current peer also sends that peer frames for other destinations
 * (first leg), which the peer's NIC holds, counted as relayed in its ByteCounters, until its
 * own slot to their destination (second leg, direct). A frame is relayed at most once.
 *
 * A rotor cannot switch faster than its switch: GuardTime must be at least the crossbar's
 * ReconfigurationTime (0 takes exactly that).
 */
class RotorCircuitScheduler : public SlottedCircuitScheduler
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RotorCircuitScheduler();
    ~RotorCircuitScheduler() override;

    /// @return the GuardTime attribute (0: the crossbar's ReconfigurationTime)
    Time GetGuardTime() const;

    /// What traffic does while its destination is not matched.
    enum Routing
    {
        DIRECT,  //!< wait for the slot that matches the destination
        TWO_HOP, //!< also go through whatever peer is matched now, which forwards it
    };

    bool RelaysTraffic() const override;

  protected:
    Time GetSetUpAttribute() const override;
    void CheckSetUp(Time setUp, Time reconfiguration) const override;

  private:
    /// @param t guard time (>= 0)
    void SetGuardTime(Time t);
    /// @param name the Routing attribute: Direct or TwoHop
    void SetRouting(std::string name);
    /// @return the Routing attribute
    std::string GetRouting() const;

    Time m_guardTime;  //!< GuardTime attribute
    Routing m_routing; //!< Routing attribute
};

} // namespace ns3

#endif /* SCALE_ACROSS_ROTOR_CIRCUIT_SCHEDULER_H */
