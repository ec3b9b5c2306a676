/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_SHRINK_H
#define SCALE_ACROSS_COLLECTIVE_SHRINK_H

#include "collective-result.h"

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class CollectiveCommunicator;

/**
 * @ingroup scale-across-collective
 * @brief OnFailure = ExcludeRank, once a CollectiveFailureMonitor has failed a collective on
 * a rank: what NCCL's ncclCommShrink does, and the reruns on the communicator it returns.
 *
 * The shrunk communicator is built once, at the first rerun: a new CollectiveCommunicator
 * over the ranks whose link is up (same attributes, as ncclCommShrink keeps the parent's
 * configuration; Root is the old root's new rank, or 0 if it left), with a new
 * CollectiveApplication per surviving node (its old application's attributes, on the node's
 * CollectiveTransport). Each failed collective reruns on it from scratch: ShrinkTime after
 * the detection for the one that built it, at once for later ones (the shrink is paid once).
 * The rerun's end becomes the original operation's result, handed to the report callback:
 * RECOVERED, timed from the first start to the rerun's end, with timeLost = detection -
 * start + that delay (+ the rerun's own time lost, if it recovered too); or FAILED with both
 * reasons if the rerun failed.
 *
 * Owned by the original communicator's CollectiveFailureMonitor, which decides what to rerun
 * and reports the results; not an Object.
 */
class CollectiveShrink
{
  public:
    /// Receives a rerun operation's final result and whether it is timed (false: a warm-up).
    using ReportCallback = Callback<void, const CollectiveResult&, bool>;

    /**
     * @param communicator the original communicator (outlives this)
     * @param report where the reruns' results go, as the original communicator's
     */
    CollectiveShrink(CollectiveCommunicator* communicator, ReportCallback report);

    CollectiveShrink(const CollectiveShrink&) = delete;
    CollectiveShrink& operator=(const CollectiveShrink&) = delete;

    /**
     * @brief Rerun a failed collective on the communicator without the ranks that are down.
     * @param failed its result at detection (FAILED, failedRank set)
     * @param timed false for a warm-up
     * @param up link state, by original rank
     * @param why set to why not, if it cannot be rerun
     * @return false if it cannot be rerun (fewer than 2 ranks left, the broadcast's root
     *         down, or the call not valid over the ranks left)
     */
    bool Rerun(const CollectiveResult& failed,
               bool timed,
               const std::vector<bool>& up,
               std::string& why);

    /// @return the communicator over the ranks left, or nullptr until the first rerun
    Ptr<CollectiveCommunicator> GetShrunk() const;
    /// @return the original ranks of the shrunk communicator, in its rank order
    const std::vector<uint32_t>& GetSurvivors() const;

  private:
    /// What is kept of a failed operation while it reruns on the shrunk communicator.
    struct PendingRerun
    {
        CollectiveResult failed; //!< the result at detection (FAILED)
        bool timed{true};        //!< false: a warm-up of nccl-tests mode
        Time delay;              //!< from the detection to the rerun: ShrinkTime or 0
    };

    /**
     * @brief Build the shrunk communicator (once).
     * @param up link state, by original rank
     * @param why set to why not, if not
     * @return false if fewer than 2 ranks would be left
     */
    bool Shrink(const std::vector<bool>& up, std::string& why);
    /// The shrunk communicator is ready: issue the rerun on every rank of it.
    /// @param rerun what to rerun
    void StartRerun(PendingRerun rerun);
    /// The shrunk communicator finished a rerun. @param result its result
    void RerunComplete(const CollectiveResult& result);
    /// The shrunk communicator gave up on a rerun. @param result its result
    void RerunFailed(const CollectiveResult& result);

    CollectiveCommunicator* m_comm;            //!< the original communicator
    ReportCallback m_report;                   //!< the reruns' results, as the original's
    Ptr<CollectiveCommunicator> m_shrunk;      //!< the communicator over the ranks left
    std::vector<uint32_t> m_survivors;         //!< its ranks, as original ranks
    std::map<uint32_t, PendingRerun> m_reruns; //!< by the shrunk communicator's sequence
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_SHRINK_H */
