/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "checkpoint-ledger.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ns3
{

CheckpointLedger::CheckpointLedger(uint32_t interval, uint32_t iterations, int64_t start)
    : m_interval(interval),
      m_iterations(iterations),
      m_committed(0),
      m_checkpoints(0),
      m_failures(0),
      m_committedUseful(0),
      m_pendingUseful(0),
      m_durableSince(start),
      m_lost(0)
{
    if (interval == 0 || iterations == 0)
    {
        throw std::invalid_argument("CheckpointLedger: interval = " + std::to_string(interval) +
                                    " and iterations = " + std::to_string(iterations) +
                                    " must both be >= 1");
    }
}

bool
CheckpointLedger::CheckpointAfter(uint32_t iteration) const
{
    return (iteration + 1) % m_interval == 0 && iteration + 1 < m_iterations;
}

void
CheckpointLedger::StepEnded(int64_t length)
{
    m_pendingUseful += length;
}

void
CheckpointLedger::Commit(uint32_t steps, int64_t now)
{
    m_committed = steps;
    ++m_checkpoints;
    m_committedUseful += m_pendingUseful;
    m_pendingUseful = 0;
    m_durableSince = now;
}

int64_t
CheckpointLedger::Fail(int64_t now)
{
    ++m_failures;
    const int64_t lost = now - m_durableSince;
    m_lost += lost;
    m_pendingUseful = 0;
    m_durableSince = now;
    return lost;
}

void
CheckpointLedger::Resumed(int64_t now)
{
    m_durableSince = now;
}

uint32_t
CheckpointLedger::GetCommitted() const
{
    return m_committed;
}

uint32_t
CheckpointLedger::GetCheckpoints() const
{
    return m_checkpoints;
}

uint32_t
CheckpointLedger::GetFailures() const
{
    return m_failures;
}

int64_t
CheckpointLedger::GetUsefulTime() const
{
    return m_committedUseful + m_pendingUseful;
}

int64_t
CheckpointLedger::GetLostTime() const
{
    return m_lost;
}

double
CheckpointLedger::ExpectedCompletion(uint32_t n,
                                     uint32_t k,
                                     double tau,
                                     double c,
                                     double lambda,
                                     double r)
{
    double total = 0;
    for (uint32_t done = 0; done < n; done += k)
    {
        const uint32_t steps = std::min(k, n - done);
        const double w = steps * tau + (done + steps < n ? c : 0);
        total += std::exp(lambda * r) * std::expm1(lambda * w) / lambda;
    }
    return total;
}

double
CheckpointLedger::FirstOrderCompletion(uint32_t n,
                                       uint32_t k,
                                       double tau,
                                       double c,
                                       double lambda,
                                       double r)
{
    double total = 0;
    for (uint32_t done = 0; done < n; done += k)
    {
        const uint32_t steps = std::min(k, n - done);
        const double w = steps * tau + (done + steps < n ? c : 0);
        total += w * (1 + lambda * (w / 2 + r));
    }
    return total;
}

} // namespace ns3
