/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * CollectiveCommunicator's nccl-tests mode (Run): one operation per size, each started on
 * every rank at once, warm-ups first, the next a Gap after the last rank finished.
 */

#include "collective-communicator.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

void
CollectiveCommunicator::Run(const std::vector<uint64_t>& sizes, Time start)
{
    NS_ABORT_MSG_IF(GetNRanks() == 0,
                    "CollectiveCommunicator::Run: the communicator has 0 ranks; install it on "
                    ">= 1 device with CollectiveHelper::Install");
    NS_ABORT_MSG_IF(sizes.empty(), "CollectiveCommunicator::Run: no message sizes given");
    NS_ABORT_MSG_IF(!m_runs.empty() && m_next < m_runs.size(),
                    "CollectiveCommunicator::Run: a sweep is already running on communicator "
                        << m_id);
    for (uint64_t s : sizes)
    {
        MakeSchedule(s); // check every size before the simulation starts
    }
    // nccl-tests (src/common.cu, TimeTest) warms every size up before it times any.
    m_runs.clear();
    if (m_warmUp)
    {
        m_runs = sizes;
    }
    m_nWarmUps = m_runs.size();
    m_runs.insert(m_runs.end(), sizes.begin(), sizes.end());
    m_next = 0;
    Simulator::Schedule(start, &CollectiveCommunicator::StartNext, this);
}

void
CollectiveCommunicator::StartNext()
{
    CollectiveCall call;
    call.bytes = m_runs[m_next];
    m_awaited = m_nOperations; // the sequence IssueAll gives it
    const bool timed = m_next >= m_nWarmUps;
    // CollectiveCommunicator's own log component, defined in collective-communicator.cc.
    NS_LOG_STATIC_TEMPLATE_DEFINE("CollectiveCommunicator");
    NS_LOG_INFO("communicator " << m_id << " starts " << (timed ? "" : "the warm-up of ")
                                << m_collective << "/" << m_algorithm << " of " << call.bytes
                                << " bytes on " << GetNRanks() << " ranks");
    const auto awaited = static_cast<uint32_t>(m_awaited);
    IssueAll(call);
    // Every rank has issued it now (BeginOperation runs as an event of its own), unless it
    // failed at once (a rank's link is down) and the sweep moved on.
    auto it = m_operations.find(awaited);
    if (it != m_operations.end())
    {
        it->second.timed = timed;
    }
}

void
CollectiveCommunicator::AdvanceRun(uint32_t sequence)
{
    if (static_cast<int64_t>(sequence) == m_awaited)
    {
        m_awaited = -1;
        if (++m_next < m_runs.size())
        {
            Simulator::Schedule(m_gap, &CollectiveCommunicator::StartNext, this);
        }
    }
}

} // namespace ns3
