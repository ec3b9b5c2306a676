/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-circuit-helper.h"

namespace ns3
{

CollectiveCircuitHelper::CollectiveCircuitHelper(const CollectiveHelper& collectives)
    : m_collectives(collectives)
{
}

Ptr<StaticCircuitScheduler>
CollectiveCircuitHelper::MakeStaticCircuits(uint32_t ranks, uint64_t bytes) const
{
    const std::unique_ptr<CollectiveSchedule> schedule = m_collectives.MakeSchedule(ranks, bytes);
    Ptr<StaticCircuitScheduler> circuits = CreateObject<StaticCircuitScheduler>();
    for (uint32_t r = 0; r < ranks; ++r)
    {
        for (const auto& [peer, flow] : schedule->GetSendPeers(r))
        {
            circuits->AddCircuit(r, peer); // one circuit (lane) per peer and flow
        }
    }
    return circuits;
}

} // namespace ns3
