/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CIRCUIT_SWITCH_H
#define SCALE_ACROSS_CIRCUIT_SWITCH_H

#include "crossbar-port-table.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class ClosFabric;

/**
 * @ingroup scale-across-circuit
 * @brief What a CircuitScheduler drives: a switch of ports and lanes that joins them by
 * circuits (the PhotonicCrossbar, whether a MEMS crossbar, a rotor switch or an AWGR; the
 * scheduler gives it its personality).
 *
 * Schedulers see only this interface, never the switch's class or its ports' NICs, so one
 * policy serves every circuit switch.
 */
class CircuitSwitch
{
  public:
    virtual ~CircuitSwitch();

    /// @return the circuit state (read only)
    virtual const CrossbarPortTable& GetPortTable() const = 0;

    /**
     * @brief Set up a circuit. Both ends must be free.
     * @param srcPort source port
     * @param srcLane source lane
     * @param dstPort destination port
     * @param dstLane destination lane
     * @param reconfigure false for circuits that exist before the run (no set-up time)
     * @return time from which the circuit is usable
     */
    virtual Time EstablishCircuit(uint32_t srcPort,
                                  uint32_t srcLane,
                                  uint32_t dstPort,
                                  uint32_t dstLane,
                                  bool reconfigure = true) = 0;

    /**
     * @brief Set up a circuit with its own set-up time and a planned teardown (slotted
     * schedulers: a rotor's guard time, a tunable laser's tuning time). Both ends must be free.
     * @param srcPort source port
     * @param srcLane source lane
     * @param dstPort destination port
     * @param dstLane destination lane
     * @param setUp time from now (or from when both ends are free, if later) until the circuit
     *        carries frames, instead of the switch's reconfiguration time
     * @param closeAt when the scheduler will tear the circuit down (Time::Max () if not
     *        planned): senders launch on it only frames whose tail passes the switch by then
     * @return time from which the circuit is usable
     */
    virtual Time EstablishTimedCircuit(uint32_t srcPort,
                                       uint32_t srcLane,
                                       uint32_t dstPort,
                                       uint32_t dstLane,
                                       Time setUp,
                                       Time closeAt) = 0;

    /// @return the time the switch needs to set up a circuit (its technology's reconfiguration)
    virtual Time GetReconfigurationTime() const = 0;

    /**
     * @brief Tear down the circuit on (srcPort, srcLane); its ends become free once its last
     * accepted frame has left the switch.
     * @param srcPort source port
     * @param srcLane source lane
     */
    virtual void ReleaseCircuit(uint32_t srcPort, uint32_t srcLane) = 0;

    /**
     * @brief Tell the endpoint on srcPort that it will never get a circuit to dstPort.
     * @param srcPort source port
     * @param dstPort destination port
     */
    virtual void RejectCircuit(uint32_t srcPort, uint32_t dstPort) = 0;

    /**
     * @param port a port
     * @param lane one of its lanes
     * @return true if the endpoint on port has no frame waiting for the circuit on lane (or
     *         the port has no endpoint): the circuit may be taken for another request
     */
    virtual bool IsLaneIdle(uint32_t port, uint32_t lane) const = 0;

    /**
     * @return the stages behind the switch when it is the logical crossbar of a multi-stage
     *         fabric (a scheduler must then find a middle path before it sets a circuit up),
     *         or nullptr for a single crossbar (the default)
     */
    virtual Ptr<ClosFabric> GetStages() const;

    /// @return true if frames are on their way through the switch (false by default)
    virtual bool HasFramesInFlight() const;

    /**
     * @param port a port
     * @return false while a fault (its NIC's transceiver, its fiber, the port, the whole
     *         switch) keeps the port down: no circuit may be set up to or from it (true by
     *         default)
     */
    virtual bool IsPortUp(uint32_t port) const;
};

} // namespace ns3

#endif /* SCALE_ACROSS_CIRCUIT_SWITCH_H */
