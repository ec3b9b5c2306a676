/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-progress.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

namespace ns3
{

void
CollectiveProgress::Start(Ptr<CollectiveCommunicator> comm,
                          size_t operations,
                          Time interval,
                          std::ostream& os)
{
    NS_ABORT_MSG_IF(!comm || operations == 0,
                    "CollectiveProgress::Start needs a communicator and at least one operation");
    NS_ABORT_MSG_IF(m_show, "CollectiveProgress::Start: already started");
    m_remaining = operations;
    m_show = std::make_unique<ShowProgress>(interval, os);
    comm->TraceConnectWithoutContext("OperationComplete",
                                     MakeCallback(&CollectiveProgress::OperationComplete, this));
    // A failed operation is over too: without this, a run whose operation fails would never
    // stop (ShowProgress's events go on).
    comm->TraceConnectWithoutContext("OperationFailed",
                                     MakeCallback(&CollectiveProgress::OperationComplete, this));
}

void
CollectiveProgress::OperationComplete(const CollectiveResult&)
{
    if (m_remaining > 0 && --m_remaining == 0)
    {
        Simulator::Stop(); // ShowProgress's own events would keep the run going
    }
}

} // namespace ns3
