/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_BENCH_BARE_ENGINE_H
#define SCALE_ACROSS_BENCH_BARE_ENGINE_H

#include "bench-support.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace bench
{

/**
 * @brief The event scheduler ns-3's `SchedulerType` global value names (set on any bench's
 * command line, e.g. `--SchedulerType=ns3::HeapScheduler`; ns3::MapScheduler by default).
 * @param program the program's name, for the error line
 * @return its TypeId name; ends the program with status 1 and one line if it names no scheduler
 */
std::string SchedulerTypeName(const std::string& program);

/**
 * @brief Use, for the simulation about to be built, the scheduler of SchedulerTypeName
 * wrapped to count how many events it holds (so a model run and the bare engine pay the same
 * counting).
 */
void UseCountingScheduler();

/// @return mean events pending when one was taken out, since the last UseCountingScheduler
double MeanPendingEvents();

/**
 * @brief ns-3's bare event engine, the ceiling a model's events are measured against: a hold
 * model of no-op events, each scheduling the next at a delay from a fixed table (1 ... 1000 ns
 * drawn by ns-3's own generator), as many events in all and as many pending on average as the
 * model had, in child processes (MedianInChildren).
 * @param events events to execute
 * @param pending events pending on average (>= 1)
 * @param runs runs (medians)
 * @return values[0] = wall time of Simulator::Run (s), values[1] = events executed,
 *         values[2] = mean pending events
 */
Measured RunBareEngine(uint64_t events, uint64_t pending, uint32_t runs);

} // namespace bench
} // namespace ns3

#endif /* SCALE_ACROSS_BENCH_BARE_ENGINE_H */
