/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_EXAMPLE_CLOS_STUDY_H
#define SCALE_ACROSS_EXAMPLE_CLOS_STUDY_H

#include "ns3/gnuplot.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @brief scale-across-circuits' part on multi-stage fabrics: the same collectives on one
 * crossbar of N ports (the seed's single hop, a what-if past the technology's port count)
 * and on what can be built from that technology's crossbars (MultiStageOpticalFabricHelper:
 * one crossbar while N fits, else a three-stage Clos with m = k middle switches, or with
 * m = ceil(k / 2), which blocks), on demand.
 */
class ExampleClosStudy
{
  public:
    /// What the study runs.
    struct Options
    {
        std::vector<uint32_t> ranks;        //!< N of the runs against N
        std::string technology;             //!< the crossbars' technology
        std::vector<Time> reconfigurations; //!< of the runs against the reconfiguration time
        uint64_t bytes;                     //!< message size of each collective
        double fiberMeters;                 //!< each NIC's fiber, and each inter-stage fiber
    };

    /// @param options what to run
    explicit ExampleClosStudy(const Options& options);

    /**
     * @param ranks N
     * @param technology a preset
     * @return "" if N can be built in at most three stages of the technology's crossbars,
     *         else why not (for the example's one error line)
     */
    static std::string CheckBuildable(uint32_t ranks, const std::string& technology);

    /**
     * @brief Run every collective on every fabric; fill the table and the figures.
     * @param table the example's table (rows appended)
     * @param plots figures by file name, added
     */
    void Run(std::ostream& table, std::map<std::string, Gnuplot>& plots) const;

  private:
    /// One run's outcome.
    struct Outcome
    {
        Time time;         //!< the collective's time
        double busbw;      //!< GB/s
        uint32_t stages;   //!< crossbar stages on a path
        std::string shape; //!< "1 x N" or "r x k x m"
        double lossDb;     //!< insertion loss of a path
        Time setUp;        //!< circuit set-up time
        uint64_t blocked;  //!< requests blocked for want of a middle path
        bool closes;       //!< the link budget closes (else every frame was lost)
    };

    /**
     * @param op all_to_all or all_reduce
     * @param ranks N
     * @param fabric single, clos or clos-half
     * @param reconfiguration every stage's (0: the technology's)
     * @return the outcome (stops with the example's one line if bytes do not balance)
     */
    Outcome RunOne(const std::string& op,
                   uint32_t ranks,
                   const std::string& fabric,
                   Time reconfiguration) const;

    Options m_options; //!< what to run
};

} // namespace ns3

#endif /* SCALE_ACROSS_EXAMPLE_CLOS_STUDY_H */
