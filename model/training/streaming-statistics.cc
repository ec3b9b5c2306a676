/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "streaming-statistics.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

StreamingStatistics::StreamingStatistics()
    : m_count(0),
      m_mean(0),
      m_m2(0),
      m_min(0),
      m_max(0),
      m_p50(0.5),
      m_p99(0.99),
      m_first{}
{
}

void
StreamingStatistics::Add(double x)
{
    ++m_count;
    const double delta = x - m_mean;
    m_mean += delta / static_cast<double>(m_count);
    m_m2 += delta * (x - m_mean);
    m_min = m_count == 1 ? x : std::min(m_min, x);
    m_max = m_count == 1 ? x : std::max(m_max, x);
    m_p50.Add(x);
    m_p99.Add(x);
    if (m_count <= EXACT_VALUES)
    {
        m_first[m_count - 1] = x;
    }
}

double
StreamingStatistics::Exact(double p) const
{
    if (m_count == 0)
    {
        return 0;
    }
    std::array<double, EXACT_VALUES> sorted = m_first;
    const auto n = static_cast<size_t>(m_count);
    std::sort(sorted.begin(), sorted.begin() + n);
    const double h = p * static_cast<double>(n - 1);
    const auto lo = static_cast<size_t>(h);
    const size_t hi = std::min(lo + 1, n - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

uint64_t
StreamingStatistics::GetCount() const
{
    return m_count;
}

double
StreamingStatistics::GetMean() const
{
    return m_mean;
}

double
StreamingStatistics::GetStd() const
{
    if (m_count < 2)
    {
        return 0;
    }
    // Rounding can leave a hair below zero for identical values.
    return std::sqrt(std::max(0.0, m_m2 / static_cast<double>(m_count)));
}

double
StreamingStatistics::GetMin() const
{
    return m_min;
}

double
StreamingStatistics::GetMax() const
{
    return m_max;
}

double
StreamingStatistics::GetP50() const
{
    return m_count <= EXACT_VALUES ? Exact(0.5) : m_p50.Get();
}

double
StreamingStatistics::GetP99() const
{
    return m_count <= EXACT_VALUES ? Exact(0.99) : m_p99.Get();
}

} // namespace ns3
