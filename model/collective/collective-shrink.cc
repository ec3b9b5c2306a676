/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-shrink.h"

#include "collective-application.h"
#include "collective-communicator.h"
#include "collective-transport.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveShrink");

CollectiveShrink::CollectiveShrink(CollectiveCommunicator* communicator, ReportCallback report)
    : m_comm(communicator),
      m_report(report)
{
}

bool
CollectiveShrink::Shrink(const std::vector<bool>& up, std::string& why)
{
    if (m_shrunk)
    {
        return true;
    }
    for (uint32_t rank = 0; rank < m_comm->GetNRanks(); ++rank)
    {
        if (up[rank] && m_comm->m_apps[rank])
        {
            m_survivors.push_back(rank);
        }
    }
    if (m_survivors.size() < 2)
    {
        why = "fewer than 2 ranks would be left";
        m_survivors.clear();
        return false;
    }
    // Root is a communicator default (NCCL takes it per call): if its rank is excluded, the
    // shrunk communicator's default is its rank 0. Rerun refuses a broadcast whose root left.
    auto root = std::find(m_survivors.begin(), m_survivors.end(), m_comm->m_root);
    if (root == m_survivors.end())
    {
        root = m_survivors.begin();
    }
    // Same attributes, as ncclCommShrink keeps the parent's configuration.
    Ptr<CollectiveCommunicator> shrunk = CreateObject<CollectiveCommunicator>();
    const TypeId tid = CollectiveCommunicator::GetTypeId();
    for (uint32_t i = 0; i < tid.GetAttributeN(); ++i)
    {
        const TypeId::AttributeInformation info = tid.GetAttribute(i);
        if ((info.flags & TypeId::ATTR_SET) && (info.flags & TypeId::ATTR_GET))
        {
            Ptr<AttributeValue> v = info.initialValue->Copy();
            m_comm->GetAttribute(info.name, *v);
            shrunk->SetAttribute(info.name, *v);
        }
    }
    shrunk->SetAttribute("Root", UintegerValue(static_cast<uint32_t>(root - m_survivors.begin())));
    for (uint32_t rank : m_survivors)
    {
        Ptr<CollectiveApplication> old = m_comm->m_apps[rank];
        Ptr<CollectiveApplication> app = CreateObject<CollectiveApplication>();
        const TypeId appTid = CollectiveApplication::GetTypeId();
        for (uint32_t i = 0; i < appTid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = appTid.GetAttribute(i);
            if ((info.flags & TypeId::ATTR_SET) && (info.flags & TypeId::ATTR_GET))
            {
                Ptr<AttributeValue> v = info.initialValue->Copy();
                old->GetAttribute(info.name, *v);
                app->SetAttribute(info.name, *v);
            }
        }
        old->GetNode()->AddApplication(app);
        app->Setup(shrunk, shrunk->GetNRanks(), m_comm->m_transports[rank]);
        shrunk->AddRank(app, m_comm->m_addresses[rank]);
    }
    shrunk->TraceConnectWithoutContext("OperationComplete",
                                       MakeCallback(&CollectiveShrink::RerunComplete, this));
    shrunk->TraceConnectWithoutContext("OperationFailed",
                                       MakeCallback(&CollectiveShrink::RerunFailed, this));
    NS_LOG_INFO("communicator " << m_comm->GetId() << " shrinks to communicator " << shrunk->GetId()
                                << " of " << shrunk->GetNRanks() << " ranks");
    m_shrunk = shrunk;
    return true;
}

bool
CollectiveShrink::Rerun(const CollectiveResult& failed,
                        bool timed,
                        const std::vector<bool>& up,
                        std::string& why)
{
    // Only the failure that builds the shrunk communicator pays for it: later operations
    // run on it at once, as they would on the communicator ncclCommShrink returned.
    const bool build = !m_shrunk;
    if (failed.collective == "broadcast" && !up[m_comm->m_root])
    {
        why = "the broadcast's root, rank " + std::to_string(m_comm->m_root) + ", is down";
        return false;
    }
    if (!Shrink(up, why))
    {
        return false;
    }
    // The same call must be valid over the ranks left (halving-doubling wants a power of
    // two, all-gather a size that they divide): checked here, as Issue would stop on it.
    CollectiveRequest q;
    q.collective = failed.collective;
    q.algorithm = failed.algorithm;
    q.ranks = m_shrunk->GetNRanks();
    q.bytes = failed.bytes;
    q.chunkBytes = m_shrunk->m_chunkBytes;
    q.ncclChannels = m_shrunk->m_ncclChannels;
    q.root = m_shrunk->m_root;
    try
    {
        CreateCollectiveSchedule(q);
    }
    catch (const std::invalid_argument& e)
    {
        why = e.what();
        return false;
    }
    const Time delay = build ? m_comm->m_shrinkTime : Seconds(0);
    NS_LOG_INFO("operation " << failed.sequence << " reruns on communicator " << m_shrunk->GetId()
                             << " in " << delay.As(Time::US));
    Simulator::Schedule(delay,
                        &CollectiveShrink::StartRerun,
                        this,
                        PendingRerun{failed, timed, delay});
    return true;
}

void
CollectiveShrink::StartRerun(PendingRerun rerun)
{
    CollectiveCall call;
    call.bytes = rerun.failed.bytes;
    call.collective = rerun.failed.collective;
    call.algorithm = rerun.failed.algorithm;
    // Its sequence there: the next one, as every rank of the shrunk communicator issues it now.
    m_reruns[m_shrunk->m_nOperations] = rerun;
    m_shrunk->IssueAll(call);
}

void
CollectiveShrink::RerunComplete(const CollectiveResult& result)
{
    auto it = m_reruns.find(result.sequence);
    if (it == m_reruns.end())
    {
        return; // an operation issued on the shrunk communicator directly
    }
    const PendingRerun rerun = it->second;
    m_reruns.erase(it);
    CollectiveResult r = result;
    r.sequence = rerun.failed.sequence;
    r.start = rerun.failed.start;
    r.time = result.start + result.time - rerun.failed.start;
    r.status = CollectiveResult::Status::RECOVERED;
    r.reason = rerun.failed.reason + "; rank " + std::to_string(rerun.failed.failedRank) +
               " excluded, rerun over " + std::to_string(result.ranks) + " ranks";
    if (result.status == CollectiveResult::Status::RECOVERED)
    {
        r.reason += " (" + result.reason + ")";
    }
    r.failedRank = rerun.failed.failedRank;
    r.detected = rerun.failed.detected;
    r.timeLost =
        rerun.failed.detected - rerun.failed.start + rerun.delay +
        (result.status == CollectiveResult::Status::RECOVERED ? result.timeLost : Seconds(0));
    const double seconds = r.time.GetSeconds();
    const double factor = result.algbw > 0 ? result.busbw / result.algbw : 0;
    r.algbw = seconds > 0 ? static_cast<double>(r.bytes) / seconds / 1e9 : 0;
    r.busbw = r.algbw * factor;
    m_report(r, rerun.timed);
}

void
CollectiveShrink::RerunFailed(const CollectiveResult& result)
{
    auto it = m_reruns.find(result.sequence);
    if (it == m_reruns.end())
    {
        return;
    }
    const PendingRerun rerun = it->second;
    m_reruns.erase(it);
    CollectiveResult r = rerun.failed;
    r.time = Simulator::Now() - r.start;
    r.reason += "; its rerun without rank " + std::to_string(rerun.failed.failedRank) +
                " failed: " + result.reason;
    m_report(r, rerun.timed);
}

Ptr<CollectiveCommunicator>
CollectiveShrink::GetShrunk() const
{
    return m_shrunk;
}

const std::vector<uint32_t>&
CollectiveShrink::GetSurvivors() const
{
    return m_survivors;
}

} // namespace ns3
