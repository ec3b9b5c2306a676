/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What every bench program shares: a wall clock, peak memory, running one measured part in a
 * child process (so its peak RSS is its own), the `name value unit` output lines, and an
 * all-reduce over the optical fabric with static circuits.
 */

#ifndef SCALE_ACROSS_BENCH_SUPPORT_H
#define SCALE_ACROSS_BENCH_SUPPORT_H

#include "ns3/collective-result.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ns3
{
namespace bench
{

/// Seconds on a monotonic clock since an arbitrary origin.
double WallSeconds();

/// @return this process's peak resident set size, MiB
double PeakRssMiB();

/// Print one figure as `name value unit` on stdout (the bench output format).
void Report(const std::string& name, double value, const std::string& unit);

/// What a measured part reports back from its child process.
struct Measured
{
    double wallSeconds{0}; //!< wall time of the part, measured inside the child
    double peakRssMiB{0};  //!< the child's peak RSS (includes the ns-3 libraries, ~20 MiB)
    double values[8]{};    //!< part-specific figures, see the caller
};

/**
 * @brief Run part in a forked child and return its wall time, peak RSS and figures.
 * @param part fills values[] (its wall time is measured around it)
 * @return the figures; stops the program with one line if the child fails
 */
Measured RunInChild(const std::function<void(double* values)>& part);

/**
 * @brief Run part runs times, each in its own child, and keep the median of every figure.
 * @param runs how many runs (>= 1)
 * @param part as for RunInChild
 * @return field-by-field medians
 */
Measured MedianInChildren(uint32_t runs, const std::function<void(double* values)>& part);

/// One all-reduce over the optical fabric, static circuits.
struct AllReduceRun
{
    CollectiveResult result; //!< nccl-tests figures
    uint64_t events{0};      //!< events executed by the simulator
    uint64_t messages{0};    //!< collective messages (each send of the schedule)
    double meanPending{0};   //!< mean events pending (countPending only)
    double buildSeconds{0};  //!< wall time to build the fabric and the communicator
    double runSeconds{0};    //!< wall time of Simulator::Run
};

/**
 * @brief Build a single-hop optical fabric of ranks endpoints with the static circuits the
 * algorithm needs, run one all-reduce of bytes, and tear everything down.
 * @param ranks endpoints
 * @param algorithm "ring" or "tree"
 * @param bytes message size
 * @param chunkBytes pipeline chunk (0: each block or tree half whole)
 * @param wavelengths wavelengths per NIC (1.6 Tb/s each)
 * @param progress show ns-3's ShowProgress on stderr
 * @param countPending run on the counting scheduler (bare-engine.h) and fill meanPending
 * @return the figures
 */
AllReduceRun RunOpticalAllReduce(uint32_t ranks,
                                 const std::string& algorithm,
                                 uint64_t bytes,
                                 uint64_t chunkBytes,
                                 uint32_t wavelengths,
                                 bool progress,
                                 bool countPending = false);

} // namespace bench
} // namespace ns3

#endif /* SCALE_ACROSS_BENCH_SUPPORT_H */
