/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_NCCL_PROTOCOL_H
#define SCALE_ACROSS_NCCL_PROTOCOL_H

#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-collective
 * @brief One of NCCL's protocols (Simple, LL128, LL): its wire efficiency and the latencies
 * NCCL's tuning model charges, from NCCL src/graph/tuning.cc (baseLat and hwLat[NET], the same
 * since NCCL 2.23), with the rule NCCL >= 2.23 applies to rings when every rank is on its own
 * node.
 *
 * Plain data and rules, no simulation state: CollectiveCommunicator turns them into times.
 */
class NcclProtocol
{
  public:
    /**
     * @param name Simple, LL128 or LL
     * @return the protocol, or nullptr if there is none of that name
     */
    static const NcclProtocol* Find(const std::string& name);
    /// @return the valid names, for messages: "Simple, LL128 or LL"
    static std::string GetNames();

    /// @return the protocol's name
    std::string GetName() const;
    /// @return wire bytes per data byte (1, 128/120, 2)
    double GetWireFactor() const;
    /**
     * @brief NCCL's network latency before each send, microseconds: hwLat[NET] of the
     * algorithm, except that rings of all-reduce, all-gather and reduce-scatter pay the
     * tree's, as NCCL >= 2.23 does with one rank per node. Point-to-point ("p2p") messages
     * are outside NCCL's tuning model: 0.
     * @param collective all_reduce, all_gather, ...
     * @param algorithm ring, tree, ...
     * @return the latency, us
     */
    double GetSendLatencyUs(const std::string& collective, const std::string& algorithm) const;
    /**
     * @param algorithm an operation's algorithm
     * @return NCCL's base latency, added once per operation, us (0 for "p2p")
     */
    double GetBaseLatencyUs(const std::string& algorithm) const;

    const char* name;  //!< Simple, LL128, LL
    double wireFactor; //!< wire bytes per data byte
    double ringBaseUs; //!< baseLat of rings, us
    double ringStepUs; //!< hwLat[NET] of rings, us
    double treeBaseUs; //!< baseLat of trees, us
    double treeStepUs; //!< hwLat[NET] of trees, us
};

} // namespace ns3

#endif /* SCALE_ACROSS_NCCL_PROTOCOL_H */
