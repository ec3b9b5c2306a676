/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-failure-monitor.h"

#include "collective-application.h"
#include "collective-communicator.h"
#include "collective-header.h"

#include "ns3/callback.h"
#include "ns3/channel.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveFailureMonitor");

namespace
{
/// Ranks named in a watchdog's reason before "and k more": keeps it one readable line at
/// 64k ranks.
constexpr uint32_t MAX_NAMED_RANKS = 8;

/// @param t a time @return it in microseconds, as reasons give it
std::string
Micros(Time t)
{
    std::ostringstream os;
    os << t.GetSeconds() * 1e6 << " us";
    return os.str();
}
} // namespace

CollectiveFailureMonitor::CollectiveFailureMonitor(CollectiveCommunicator* communicator)
    : m_comm(communicator),
      m_nDown(0),
      m_lateBytes(0),
      m_lateMessages(0),
      m_shrink(communicator, MakeCallback(&CollectiveFailureMonitor::Report, this))
{
}

CollectiveFailureMonitor::~CollectiveFailureMonitor()
{
    // The devices keep their callbacks: make them harmless.
    for (auto& l : m_listeners)
    {
        l->monitor = nullptr;
    }
    if (!m_watchdog.IsExpired())
    {
        Simulator::Remove(m_watchdog);
    }
}

void
CollectiveFailureMonitor::Watch(uint32_t rank, Ptr<NetDevice> device)
{
    NS_ASSERT(rank == m_up.size());
    m_up.push_back(true);
    if (!device)
    {
        return;
    }
    Ptr<Listener> l = Create<Listener>();
    l->monitor = this;
    l->rank = rank;
    l->device = PeekPointer(device);
    m_listeners.push_back(l);
    device->AddLinkChangeCallback(MakeBoundCallback(&CollectiveFailureMonitor::LinkChanged, l));
    if (!device->IsLinkUp() && device->GetChannel())
    {
        // Down already (a device on no channel is not up yet either, and not failed).
        m_up[rank] = false;
        ++m_nDown;
    }
}

bool
CollectiveFailureMonitor::IsRankUp(uint32_t rank) const
{
    return m_up.at(rank);
}

void
CollectiveFailureMonitor::LinkChanged(Ptr<Listener> listener)
{
    if (listener->monitor)
    {
        listener->monitor->RankLinkChanged(listener->rank, listener->device->IsLinkUp());
    }
}

void
CollectiveFailureMonitor::RankLinkChanged(uint32_t rank, bool up)
{
    if (up == m_up[rank])
    {
        return;
    }
    m_up[rank] = up;
    if (up)
    {
        --m_nDown;
        NS_LOG_INFO("communicator " << m_comm->GetId() << ": link of rank " << rank << " up at "
                                    << Simulator::Now().As(Time::US));
        return;
    }
    ++m_nDown;
    const std::string reason =
        "link down on rank " + std::to_string(rank) + " at " + Micros(Simulator::Now());
    NS_LOG_INFO("communicator " << m_comm->GetId() << ": " << reason);
    std::vector<uint32_t> hit;
    for (const auto& [sequence, op] : m_comm->m_operations)
    {
        if (TakesPart(sequence, rank))
        {
            hit.push_back(sequence);
        }
    }
    for (uint32_t sequence : hit)
    {
        Fail(sequence, reason, rank);
    }
}

bool
CollectiveFailureMonitor::TakesPart(uint32_t sequence, uint32_t rank) const
{
    if (!CollectiveCommunicator::IsPointToPoint(sequence))
    {
        return true;
    }
    return m_comm->m_operations.at(sequence).schedule->GetNOps(rank) > 0;
}

bool
CollectiveFailureMonitor::OperationCreated(uint32_t sequence)
{
    if (m_nDown > 0)
    {
        for (uint32_t rank = 0; rank < m_up.size(); ++rank)
        {
            if (!m_up[rank] && TakesPart(sequence, rank))
            {
                Fail(sequence,
                     "link down on rank " + std::to_string(rank) +
                         " when the operation was "
                         "issued at " +
                         Micros(Simulator::Now()),
                     rank);
                return true;
            }
        }
    }
    if (m_comm->m_failureTimeout.IsStrictlyPositive())
    {
        m_lastProgress[sequence] = Simulator::Now();
        Arm();
    }
    return false;
}

void
CollectiveFailureMonitor::NotifyProgress(uint32_t sequence)
{
    if (m_lastProgress.empty())
    {
        return; // no watchdog
    }
    auto it = m_lastProgress.find(sequence);
    if (it != m_lastProgress.end())
    {
        it->second = Simulator::Now();
    }
}

void
CollectiveFailureMonitor::OperationEnded(uint32_t sequence)
{
    m_lastProgress.erase(sequence);
    if (m_lastProgress.empty() && !m_watchdog.IsExpired())
    {
        // Removed, not cancelled: a cancelled event would still hold the run open until its
        // time, and Simulator::Run must end when nothing is left to do.
        Simulator::Remove(m_watchdog);
    }
}

void
CollectiveFailureMonitor::TimeoutChanged()
{
    if (m_lastProgress.empty())
    {
        return; // nothing watched, no watchdog (this runs at construction too)
    }
    if (!m_watchdog.IsExpired())
    {
        Simulator::Remove(m_watchdog); // removed, not cancelled: see OperationEnded
    }
    if (!m_comm->m_failureTimeout.IsStrictlyPositive())
    {
        m_lastProgress.clear();
    }
    Arm();
}

void
CollectiveFailureMonitor::Arm()
{
    if (!m_watchdog.IsExpired() || m_lastProgress.empty())
    {
        return;
    }
    Time oldest = Time::Max();
    for (const auto& [sequence, last] : m_lastProgress)
    {
        oldest = std::min(oldest, last);
    }
    const Time at = oldest + m_comm->m_failureTimeout;
    m_watchdog =
        Simulator::Schedule(at - Simulator::Now(), &CollectiveFailureMonitor::Watchdog, this);
}

void
CollectiveFailureMonitor::Watchdog()
{
    const Time now = Simulator::Now();
    const Time timeout = m_comm->m_failureTimeout;
    std::vector<uint32_t> stalled;
    for (const auto& [sequence, last] : m_lastProgress)
    {
        if (now - last >= timeout)
        {
            stalled.push_back(sequence);
        }
    }
    for (uint32_t sequence : stalled)
    {
        if (m_comm->m_operations.count(sequence) == 0)
        {
            continue; // failed meanwhile, with another in this loop
        }
        const std::string reason = "no progress for " + Micros(timeout) + " at " + Micros(now) +
                                   ": " + DescribeWaits(sequence);
        NS_LOG_INFO("communicator " << m_comm->GetId() << ", operation " << sequence << ": "
                                    << reason);
        Fail(sequence, reason, CollectiveResult::NO_RANK);
    }
    Arm();
}

std::string
CollectiveFailureMonitor::DescribeWaits(uint32_t sequence) const
{
    const bool p2p = CollectiveCommunicator::IsPointToPoint(sequence);
    const auto& op = m_comm->m_operations.at(sequence);
    std::ostringstream os;
    uint32_t named = 0;
    uint32_t more = 0;
    for (uint32_t rank = 0; rank < m_comm->GetNRanks(); ++rank)
    {
        Ptr<CollectiveApplication> app = m_comm->m_apps[rank];
        if (!app || !TakesPart(sequence, rank))
        {
            continue;
        }
        std::string what;
        if (app->IsActive(sequence))
        {
            std::vector<uint32_t> peers = app->GetAwaitedPeers(sequence);
            if (peers.empty())
            {
                what = "waits on send credits";
            }
            else
            {
                what = "waits on rank";
                what += peers.size() > 1 ? "s" : "";
                for (size_t i = 0; i < peers.size(); ++i)
                {
                    what += (i == 0 ? " " : ", ") + std::to_string(peers[i]);
                }
            }
        }
        else if (!p2p && m_comm->m_nIssued[rank] <= sequence)
        {
            what = "has not issued it";
        }
        else if (p2p && op.issued < op.participants)
        {
            what = "is not running it (its side not issued, or done)";
        }
        if (what.empty())
        {
            continue; // done with its part
        }
        if (named == MAX_NAMED_RANKS)
        {
            ++more;
            continue;
        }
        os << (named == 0 ? "" : "; ") << "rank " << rank << " " << what;
        ++named;
    }
    if (more > 0)
    {
        os << "; and " << more << " more ranks";
    }
    return named == 0 ? "every rank waits on messages in flight" : os.str();
}

bool
CollectiveFailureMonitor::IsFailed(uint32_t sequence) const
{
    return !m_failed.empty() && m_failed.count(sequence) != 0;
}

void
CollectiveFailureMonitor::NotifyLate(const CollectiveHeader& header)
{
    ++m_lateMessages;
    m_lateBytes += header.messageBytes;
}

uint64_t
CollectiveFailureMonitor::GetLateBytes() const
{
    return m_lateBytes;
}

uint64_t
CollectiveFailureMonitor::GetLateMessages() const
{
    return m_lateMessages;
}

void
CollectiveFailureMonitor::Fail(uint32_t sequence, const std::string& reason, uint32_t rank)
{
    auto it = m_comm->m_operations.find(sequence);
    if (it == m_comm->m_operations.end())
    {
        return;
    }
    const Time now = Simulator::Now();
    auto& op = it->second;
    CollectiveResult r;
    r.collective = op.collective;
    r.algorithm = op.algorithm;
    r.protocol = m_comm->GetProtocol();
    r.ranks = op.participants;
    r.bytes = op.bytes;
    r.sequence = sequence;
    r.start = op.firstStart;
    r.time = now - op.firstStart;
    r.status = CollectiveResult::Status::FAILED;
    r.reason = reason;
    r.failedRank = rank;
    r.detected = now;
    const bool timed = op.timed;
    m_failed.insert(sequence);
    for (uint32_t i = 0; i < m_comm->GetNRanks(); ++i)
    {
        if (m_comm->m_apps[i] && TakesPart(sequence, i))
        {
            m_comm->m_apps[i]->AbortOperation(sequence);
        }
    }
    m_comm->m_operations.erase(it);
    OperationEnded(sequence);
    const bool rerun = m_comm->m_excludeOnFailure && rank != CollectiveResult::NO_RANK &&
                       !CollectiveCommunicator::IsPointToPoint(sequence);
    std::string why;
    if (rerun && m_shrink.Rerun(r, timed, m_up, why))
    {
        return;
    }
    if (rerun)
    {
        r.reason += "; not rerun without rank " + std::to_string(rank) + ": " + why;
    }
    Report(r, timed);
}

void
CollectiveFailureMonitor::FailAll(const std::string& reason)
{
    const bool exclude = m_comm->m_excludeOnFailure;
    m_comm->m_excludeOnFailure = false;
    std::vector<uint32_t> all;
    for (const auto& [sequence, op] : m_comm->m_operations)
    {
        all.push_back(sequence);
    }
    for (uint32_t sequence : all)
    {
        Fail(sequence, reason, CollectiveResult::NO_RANK);
    }
    m_comm->m_excludeOnFailure = exclude;
    // Every rank starts afresh: the operations some ranks issued and others not have failed
    // above, so no rank's next call may join one of them.
    std::fill(m_comm->m_nIssued.begin(), m_comm->m_nIssued.end(), m_comm->m_nOperations);
    m_comm->m_pending.clear();
}

void
CollectiveFailureMonitor::Report(const CollectiveResult& r, bool timed)
{
    if (timed)
    {
        if (m_comm->m_keepResults)
        {
            m_comm->m_results.push_back(r);
        }
        if (r.status == CollectiveResult::Status::FAILED)
        {
            m_comm->m_failTrace(r);
        }
        else
        {
            m_comm->m_resultTrace(r);
        }
    }
    m_comm->AdvanceRun(r.sequence);
}

Ptr<CollectiveCommunicator>
CollectiveFailureMonitor::GetShrunk() const
{
    return m_shrink.GetShrunk();
}

const std::vector<uint32_t>&
CollectiveFailureMonitor::GetSurvivors() const
{
    return m_shrink.GetSurvivors();
}

} // namespace ns3
