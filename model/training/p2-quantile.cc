/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "p2-quantile.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

P2Quantile::P2Quantile(double p)
    : m_p(p),
      m_count(0),
      m_height{},
      m_pos{1, 2, 3, 4, 5},
      m_desired{1, 1 + 2 * p, 1 + 4 * p, 3 + 2 * p, 5},
      m_step{0, p / 2, p, (1 + p) / 2, 1}
{
    if (!(p > 0 && p < 1))
    {
        // Plain C++ (no NS_FATAL_ERROR here): the owner names the attribute.
        throw std::invalid_argument("quantile p = " + std::to_string(p) +
                                    " is invalid: use a value in (0, 1)");
    }
}

void
P2Quantile::Add(double x)
{
    if (m_count < 5)
    {
        // Insertion into the sorted first five: exact until the markers start.
        auto n = static_cast<size_t>(m_count);
        m_height[n] = x;
        std::sort(m_height.begin(), m_height.begin() + n + 1);
        ++m_count;
        return;
    }
    ++m_count;
    int k;
    if (x < m_height[0])
    {
        m_height[0] = x;
        k = 0;
    }
    else if (x >= m_height[4])
    {
        m_height[4] = x;
        k = 3;
    }
    else
    {
        k = 0;
        while (x >= m_height[k + 1])
        {
            ++k;
        }
    }
    for (int i = k + 1; i < 5; ++i)
    {
        m_pos[i] += 1;
    }
    for (int i = 0; i < 5; ++i)
    {
        m_desired[i] += m_step[i];
    }
    for (int i = 1; i <= 3; ++i)
    {
        const double d = m_desired[i] - m_pos[i];
        if ((d >= 1 && m_pos[i + 1] - m_pos[i] > 1) || (d <= -1 && m_pos[i - 1] - m_pos[i] < -1))
        {
            const int s = d > 0 ? 1 : -1;
            const double q = Parabolic(i, s);
            if (m_height[i - 1] < q && q < m_height[i + 1])
            {
                m_height[i] = q;
            }
            else
            {
                m_height[i] = Linear(i, s);
            }
            m_pos[i] += s;
        }
    }
}

double
P2Quantile::Parabolic(int i, double d) const
{
    const double np = m_pos[i + 1];
    const double n = m_pos[i];
    const double nm = m_pos[i - 1];
    return m_height[i] + d / (np - nm) *
                             ((n - nm + d) * (m_height[i + 1] - m_height[i]) / (np - n) +
                              (np - n - d) * (m_height[i] - m_height[i - 1]) / (n - nm));
}

double
P2Quantile::Linear(int i, int d) const
{
    return m_height[i] + d * (m_height[i + d] - m_height[i]) / (m_pos[i + d] - m_pos[i]);
}

uint64_t
P2Quantile::GetCount() const
{
    return m_count;
}

double
P2Quantile::Get() const
{
    if (m_count == 0)
    {
        return 0;
    }
    if (m_count <= 5)
    {
        // Exact: linear interpolation between the closest ranks (numpy's "linear").
        const double h = m_p * static_cast<double>(m_count - 1);
        const auto lo = static_cast<size_t>(h);
        const size_t hi = std::min(lo + 1, static_cast<size_t>(m_count - 1));
        return m_height[lo] + (h - static_cast<double>(lo)) * (m_height[hi] - m_height[lo]);
    }
    return m_height[2];
}

double
P2Quantile::GetP() const
{
    return m_p;
}

} // namespace ns3
