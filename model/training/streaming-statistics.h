/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_STREAMING_STATISTICS_H
#define SCALE_ACROSS_STREAMING_STATISTICS_H

#include "p2-quantile.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-training
 * @brief Count, mean, standard deviation, minimum, maximum, median and 99th percentile of a
 * stream of values in constant memory, whatever its length: a training job of a million
 * steps keeps these and no list of step times.
 *
 * Mean and variance by Welford's update (numerically stable, one pass); minimum and maximum
 * exact; p50 and p99 exact (sorted, linearly interpolated as numpy's default) while there are
 * at most EXACT_VALUES values, which a fixed array keeps, and the P-square estimate
 * (P2Quantile, fed every value from the first) beyond: a short job's p99 is its sample's,
 * not an estimate from five markers. Plain C++: no ns-3 type.
 */
class StreamingStatistics
{
  public:
    /// Values up to which the quantiles are exact.
    static constexpr size_t EXACT_VALUES = 128;

    StreamingStatistics();

    /// @param x the next value
    void Add(double x);
    /// @return values added
    uint64_t GetCount() const;
    /// @return their mean (0 if none)
    double GetMean() const;
    /// @return their population standard deviation (divides by the count; 0 if fewer than 2)
    double GetStd() const;
    /// @return the smallest (0 if none)
    double GetMin() const;
    /// @return the largest (0 if none)
    double GetMax() const;
    /// @return the median (P-square estimate past EXACT_VALUES values)
    double GetP50() const;
    /// @return the 99th percentile (P-square estimate past EXACT_VALUES values)
    double GetP99() const;

  private:
    /// @param p a quantile @return the exact quantile of the first values (count <= EXACT_VALUES)
    double Exact(double p) const;

    uint64_t m_count; //!< values
    double m_mean;    //!< running mean
    double m_m2;      //!< sum of squared deviations from the running mean (Welford)
    double m_min;     //!< smallest
    double m_max;     //!< largest
    P2Quantile m_p50; //!< median
    P2Quantile m_p99; //!< 99th percentile
    std::array<double, EXACT_VALUES> m_first; //!< the first values, for exact quantiles
};

} // namespace ns3

#endif /* SCALE_ACROSS_STREAMING_STATISTICS_H */
