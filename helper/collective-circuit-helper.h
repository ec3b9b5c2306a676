/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_CIRCUIT_HELPER_H
#define SCALE_ACROSS_COLLECTIVE_CIRCUIT_HELPER_H

#include "collective-helper.h"

#include "ns3/static-circuit-scheduler.h"

namespace ns3
{

/**
 * @ingroup scale-across-helper
 * @brief Plans circuits for collectives: the bridge between the collective layer, which
 * knows no fabric, and a circuit switch.
 *
 * @code
 *   CollectiveHelper nccl;
 *   nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
 *   CollectiveCircuitHelper plan(nccl);
 *   OpticalFabricHelper fabric;
 *   fabric.SetCircuitScheduler(plan.MakeStaticCircuits(nodes.GetN(), 1 << 20));
 *   NetDeviceContainer devices = fabric.Install(nodes);
 *   Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
 * @endcode
 */
class CollectiveCircuitHelper
{
  public:
    /// @param collectives the helper whose communicators the circuits are planned for
    explicit CollectiveCircuitHelper(const CollectiveHelper& collectives);

    /**
     * @brief The static circuits an operation needs: one per (rank, peer, flow) its schedule
     * sends over (flows are NCCL channels or trees), with rank i on crossbar port i. Give it
     * to OpticalFabricHelper before Install for a static fabric: one fixed circuit lane per
     * peer and flow, no reconfiguration.
     * @param ranks number of ranks
     * @param bytes a message size valid for the operation (the peers do not depend on it)
     * @return a scheduler holding those circuits
     */
    Ptr<StaticCircuitScheduler> MakeStaticCircuits(uint32_t ranks, uint64_t bytes) const;

    /**
     * @brief Add the static circuits a communicator over some of the crossbar's ports needs
     * (several communicators, e.g. tensor- and data-parallel groups, share one scheduler).
     * @param circuits the scheduler to add them to
     * @param ports the crossbar port of each rank (rank r on ports[r])
     * @param bytes a message size valid for the operation
     */
    void AddStaticCircuits(Ptr<StaticCircuitScheduler> circuits,
                           const std::vector<uint32_t>& ports,
                           uint64_t bytes) const;

  private:
    const CollectiveHelper& m_collectives; //!< whose schedules are planned for
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_CIRCUIT_HELPER_H */
