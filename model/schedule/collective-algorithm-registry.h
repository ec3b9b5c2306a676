/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_ALGORITHM_REGISTRY_H
#define SCALE_ACROSS_COLLECTIVE_ALGORITHM_REGISTRY_H

#include "collective-schedule.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief One collective algorithm: how to build its schedule, what it needs of a fabric and
 * which closed form holds it.
 */
struct CollectiveAlgorithm
{
    /// Builds the schedule of a request whose common checks passed; throws
    /// std::invalid_argument (via the request's fail function) for algorithm-specific ones.
    using Factory = std::unique_ptr<CollectiveSchedule> (*)(const CollectiveRequest& request);

    std::string collective; //!< nccl-tests name: all_reduce, all_gather, ...
    std::string algorithm;  //!< ring, tree, halving_doubling, pairwise
    bool multiChannel;      //!< accepts channels > 1 (NCCL channels: parallel rings/trees)
    bool inDefaultSweep;    //!< run by the examples when no algorithm is named
    std::string circuits;   //!< circuits (lanes) each rank needs on a circuit fabric
    std::string closedForm; //!< its closed form, as named in doc/ (section "Closed forms")
    Factory create;         //!< builds the schedule
};

/**
 * @ingroup scale-across-schedule
 * @brief The one table of collective algorithms (plain C++). CreateCollectiveSchedule, the
 * communicator's attribute help, the examples' --help, defaults and error messages all read
 * it: adding an algorithm is one entry in collective-algorithm-registry.cc.
 */
class CollectiveAlgorithmRegistry
{
  public:
    /// @return every algorithm, in a stable order (collective, then algorithm)
    static const std::vector<CollectiveAlgorithm>& GetAll();
    /**
     * @param collective a collective name
     * @param algorithm an algorithm name
     * @return its entry, or nullptr if there is none
     */
    static const CollectiveAlgorithm* Find(const std::string& collective,
                                           const std::string& algorithm);
    /// @return the collectives that have at least one algorithm, in table order
    static std::vector<std::string> GetCollectives();
    /// @param collective a collective @return its algorithms, in table order
    static std::vector<std::string> GetAlgorithms(const std::string& collective);
    /// @param collective a collective @return the algorithms the examples run by default
    static std::vector<std::string> GetDefaultAlgorithms(const std::string& collective);
    /// @return "all_reduce/ring, all_reduce/tree, ..." for messages and --help
    static std::string DescribePairs();
    /// @param names names @return "a, b, c"
    static std::string Join(const std::vector<std::string>& names);
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_ALGORITHM_REGISTRY_H */
