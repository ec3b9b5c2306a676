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
    Ptr<StaticCircuitScheduler> circuits = CreateObject<StaticCircuitScheduler>();
    std::vector<uint32_t> ports(ranks);
    for (uint32_t r = 0; r < ranks; ++r)
    {
        ports[r] = r;
    }
    AddStaticCircuits(circuits, ports, bytes);
    return circuits;
}

void
CollectiveCircuitHelper::AddStaticCircuits(Ptr<StaticCircuitScheduler> circuits,
                                           const std::vector<uint32_t>& ports,
                                           uint64_t bytes) const
{
    const auto ranks = static_cast<uint32_t>(ports.size());
    const std::unique_ptr<CollectiveSchedule> schedule = m_collectives.MakeSchedule(ranks, bytes);
    for (uint32_t r = 0; r < ranks; ++r)
    {
        for (const auto& [peer, flow] : schedule->GetSendPeers(r))
        {
            circuits->AddCircuit(ports[r], ports[peer]); // one circuit (lane) per peer and flow
        }
    }
}

} // namespace ns3
