/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_RESULT_H
#define SCALE_ACROSS_COLLECTIVE_RESULT_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup scale-across-collective
 * @brief The outcome of one collective operation, in nccl-tests' terms.
 *
 * size is the whole message as nccl-tests' size column counts it (for all-gather the
 * gathered buffer, for reduce-scatter the buffer reduced, for all-to-all one rank's send
 * buffer); count is nccl-tests' count column (GetCount).
 * time is from the common start to the moment the last rank has all of its data;
 * algbw = bytes / time; busbw = algbw x the collective's bus factor (nccl-tests,
 * doc/PERFORMANCE.md: all-reduce 2 (n - 1) / n, all-gather, reduce-scatter and all-to-all
 * (n - 1) / n, broadcast 1).
 *
 * Under faults (CollectiveFailureMonitor) a result also says how the operation ended: status
 * COMPLETE (the default, nothing failed), FAILED (reported at the instant of detection, with
 * the reason and, for a link down, the rank; time runs from the start to the detection) or
 * RECOVERED (OnFailure = ExcludeRank: the failed rank was dropped and the operation rerun
 * from scratch over the others; time runs from the first start to the rerun's end, timeLost
 * is what the failure cost before the rerun started: start to detection plus ShrinkTime).
 */
struct CollectiveResult
{
    /// How the operation ended.
    enum class Status
    {
        COMPLETE,  //!< every rank finished it
        FAILED,    //!< failed; nothing of it runs any more
        RECOVERED, //!< failed, then rerun over the ranks left (OnFailure = ExcludeRank)
    };

    /// No rank (a failure not tied to one rank, e.g. the no-progress watchdog).
    static constexpr uint32_t NO_RANK = 0xffffffffu;

    std::string collective;          //!< e.g. all_reduce
    std::string algorithm;           //!< e.g. ring
    std::string protocol;            //!< Simple, LL128 or LL
    uint32_t ranks{0};               //!< ranks
    uint64_t bytes{0};               //!< message size, bytes
    uint32_t sequence{0};            //!< operation number in its communicator
    Time start;                      //!< when all ranks started
    Time time;                       //!< completion time
    double algbw{0};                 //!< algorithm bandwidth, GB/s (1e9 bytes/s)
    double busbw{0};                 //!< bus bandwidth, GB/s
    Status status{Status::COMPLETE}; //!< how it ended
    std::string reason;              //!< FAILED, RECOVERED: what failed, where and when
    uint32_t failedRank{NO_RANK};    //!< the rank whose failure ended it, or NO_RANK
    Time detected;                   //!< FAILED, RECOVERED: when the failure was detected
    Time timeLost; //!< RECOVERED: detected - start + ShrinkTime if it built the shrunk one
                   //!< (and the rerun's own)

    /// @param s a status @return its name: COMPLETE, FAILED or RECOVERED
    static std::string ToString(Status s);

    /**
     * @brief The count column of nccl-tests (float elements): bytes / 4 for all-reduce and
     * broadcast, each rank's share, bytes / 4 / ranks, for all-gather, reduce-scatter and
     * all-to-all (nccl-tests' getCollByteCount of each collective).
     * @return the count
     */
    uint64_t GetCount() const;
    /// @return nccl-tests' column header line
    static std::string TableHeader();
    /// @return this result as a row under TableHeader (time in us)
    std::string TableRow() const;
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_RESULT_H */
