/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_P2_QUANTILE_H
#define SCALE_ACROSS_P2_QUANTILE_H

#include <array>
#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-training
 * @brief One quantile of a stream in constant memory: the P-square estimator (Jain and
 * Chlamtac, "The P2 algorithm for dynamic calculation of quantiles and histograms without
 * storing observations", CACM 28(10), 1985).
 *
 * Five markers track the minimum, the p/2, p and (1+p)/2 quantiles and the maximum; after each
 * observation the middle ones move by at most one position, to the height a parabola through
 * their neighbours predicts (or linearly, where the parabola would break the order). Up to
 * five observations the quantile is exact (the sorted sample, linearly interpolated, as
 * numpy's default); beyond, an estimate whose error shrinks with the count (the gtest
 * measures it against exact quantiles). The minimum and the maximum stay exact. Plain C++: no
 * ns-3 type.
 */
class P2Quantile
{
  public:
    /// @param p the quantile, in (0, 1)
    explicit P2Quantile(double p);

    /// @param x the next observation
    void Add(double x);
    /// @return the observations so far
    uint64_t GetCount() const;
    /// @return the estimate of the quantile (0 before the first observation)
    double Get() const;
    /// @return the quantile this estimator tracks
    double GetP() const;

  private:
    /// @param i a middle marker (1, 2 or 3) @param d +1 or -1 @return its parabolic height
    double Parabolic(int i, double d) const;
    /// @param i a middle marker @param d +1 or -1 @return its linear height
    double Linear(int i, int d) const;

    double m_p;                      //!< the quantile
    uint64_t m_count;                //!< observations
    std::array<double, 5> m_height;  //!< marker heights (the first five samples, sorted)
    std::array<double, 5> m_pos;     //!< marker positions, 1-based
    std::array<double, 5> m_desired; //!< desired positions
    std::array<double, 5> m_step;    //!< desired position increments per observation
};

} // namespace ns3

#endif /* SCALE_ACROSS_P2_QUANTILE_H */
