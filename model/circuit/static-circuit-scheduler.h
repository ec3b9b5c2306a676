/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_STATIC_CIRCUIT_SCHEDULER_H
#define SCALE_ACROSS_STATIC_CIRCUIT_SCHEDULER_H

#include "circuit-scheduler.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief A fixed set of circuits, set up before the run and never changed.
 *
 * The circuits (for example the permutation i -> i+1 of a ring) exist from time zero with no
 * reconfiguration: the static fabric of the collective closed forms (one fixed lane per peer,
 * the wavelengths split among the lanes; not ideal: a NIC reaches each of k peers at 1/k of
 * its rate, see OpticalFabricHelper::SetIdealFabric). A NIC that asks for a
 * circuit outside the set is refused, and its frames for that destination are dropped and
 * counted with reason CircuitRejected.
 */
class StaticCircuitScheduler : public CircuitScheduler
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    StaticCircuitScheduler();
    ~StaticCircuitScheduler() override;

    /**
     * @brief Add one unidirectional circuit to the set.
     * @param srcPort source port
     * @param dstPort destination port
     */
    void AddCircuit(uint32_t srcPort, uint32_t dstPort);

    /**
     * @brief Add the ring permutation i -> (i + step) mod ports for every port i.
     * @param ports number of ports on the ring (>= 2)
     * @param step distance to the next port (1 ... ports - 1)
     */
    void AddRing(uint32_t ports, uint32_t step = 1);

    /// @return the circuits of the set, in the order added
    const std::vector<std::pair<uint32_t, uint32_t>>& GetCircuits() const;

    /**
     * @brief Circuit lanes a NIC needs to hold the whole set at once: the most circuits any
     * port sources or sinks (at least 1). Set the devices' WavelengthsPerCircuit to
     * Wavelengths / this for the static fabric.
     * @return lanes per NIC
     */
    uint32_t GetLanesNeeded() const;

    void Start() override;
    void RequestCircuit(uint32_t srcPort, uint32_t dstPort) override;
    void NotifyIdle(uint32_t srcPort, uint32_t srcLane) override;
    /**
     * @brief As the base (circuits over a port that went down are torn down); on repair the
     * set's circuits with an end on the port (and the other end up) are set up again, each
     * taking the switch's reconfiguration time.
     * @param port the port
     * @param up true if it came up
     */
    void NotifyPortChange(uint32_t port, bool up) override;

  private:
    std::vector<std::pair<uint32_t, uint32_t>> m_circuits; //!< (source, destination) ports
};

} // namespace ns3

#endif /* SCALE_ACROSS_STATIC_CIRCUIT_SCHEDULER_H */
