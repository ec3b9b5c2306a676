/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "nccl-protocol.h"

namespace ns3
{

namespace
{
/// NCCL src/graph/tuning.cc: name, wire factor, ring and tree base and per-step network
/// latency in microseconds (baseLat, hwLat[NET]).
const NcclProtocol PROTOCOLS[] = {
    {"Simple", 1.0, 8.4, 14.0, 8.4, 14.0},
    {"LL128", 128.0 / 120.0, 14.0, 4.0, 14.0, 8.5},
    {"LL", 2.0, 6.6, 2.7, 6.8, 5.0},
};
} // namespace

const NcclProtocol*
NcclProtocol::Find(const std::string& name)
{
    for (const auto& p : PROTOCOLS)
    {
        if (name == p.name)
        {
            return &p;
        }
    }
    return nullptr;
}

std::string
NcclProtocol::GetNames()
{
    return "Simple, LL128 or LL";
}

std::string
NcclProtocol::GetName() const
{
    return name;
}

double
NcclProtocol::GetWireFactor() const
{
    return wireFactor;
}

double
NcclProtocol::GetSendLatencyUs(const std::string& collective, const std::string& algorithm) const
{
    if (algorithm == "p2p")
    {
        return 0;
    }
    // NCCL >= 2.23, src/graph/tuning.cc: "With ppn=1 latencies are fully exposed, use the
    // Tree network latency": a ring of all-reduce, all-gather or reduce-scatter whose every
    // rank is on its own node pays hwLat[NET][TREE] per inter-node step, and with one rank
    // per node every step is one. Broadcast (and reduce) rings keep the ring's latency.
    // Every rank of a communicator is on its own node here (a node's CollectiveTransport
    // serves one rank per communicator), so ppn = 1 always.
    const bool ringUsesTree =
        algorithm == "ring" && (collective == "all_reduce" || collective == "all_gather" ||
                                collective == "reduce_scatter");
    return algorithm == "tree" || ringUsesTree ? treeStepUs : ringStepUs;
}

double
NcclProtocol::GetBaseLatencyUs(const std::string& algorithm) const
{
    if (algorithm == "p2p")
    {
        return 0;
    }
    return algorithm == "tree" ? treeBaseUs : ringBaseUs;
}

} // namespace ns3
