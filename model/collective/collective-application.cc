/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-application.h"

#include "collective-communicator.h"
#include "collective-transport.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveApplication");

NS_OBJECT_ENSURE_REGISTERED(CollectiveApplication);

TypeId
CollectiveApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CollectiveApplication")
            .SetParent<Application>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<CollectiveApplication>()
            .AddAttribute("Communicator",
                          "The communicator this rank belongs to (read only): its trace "
                          "sources are reached through this path.",
                          TypeId::ATTR_GET,
                          PointerValue(),
                          MakePointerAccessor(&CollectiveApplication::GetCommunicator),
                          MakePointerChecker<CollectiveCommunicator>())
            .AddAttribute("ReadWindow",
                          "Sends read ahead of the ones that may start (>= 1); bounds a "
                          "rank's memory whatever the schedule's length.",
                          UintegerValue(256),
                          MakeUintegerAccessor(&CollectiveApplication::m_window),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ReadOnDemand",
                          "true: a schedule without a proven read-ahead (all but the ring) is "
                          "read as far as each send stream's next send, not to the end; same "
                          "times (suite scale-across-collective-invariance), less memory. Not "
                          "with a ReductionRate. Default true: the module's choice.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CollectiveApplication::m_readOnDemand),
                          MakeBooleanChecker());
    return tid;
}

CollectiveApplication::CollectiveApplication()
    : m_rank(0),
      m_window(256),
      m_readOnDemand(true),
      m_nBegun(0)
{
    NS_LOG_FUNCTION(this);
}

CollectiveApplication::~CollectiveApplication()
{
    NS_LOG_FUNCTION(this);
}

void
CollectiveApplication::DoDispose()
{
    m_communicator = nullptr;
    m_transport = nullptr;
    m_active.clear();
    m_spares.clear();
    m_retired.clear();
    m_earlyOps.clear();
    m_heldCredits.clear();
    Application::DoDispose();
}

void
CollectiveApplication::StartApplication()
{
}

void
CollectiveApplication::StopApplication()
{
}

void
CollectiveApplication::Setup(Ptr<CollectiveCommunicator> communicator,
                             uint32_t rank,
                             Ptr<CollectiveTransport> transport)
{
    m_communicator = communicator;
    m_rank = rank;
    m_transport = transport;
    transport->Register(communicator->GetId(), this);
    m_creditLatency.fill(CreditLatencyEntry{});
}

Ptr<CollectiveCommunicator>
CollectiveApplication::GetCommunicator() const
{
    return m_communicator;
}

uint32_t
CollectiveApplication::GetRank() const
{
    return m_rank;
}

uint32_t
CollectiveApplication::GetNActiveOperations() const
{
    return static_cast<uint32_t>(m_active.size());
}

CollectiveApplication::Operation*
CollectiveApplication::Find(uint32_t sequence)
{
    // A handful of operations at once (gradient buckets): a scan beats a map.
    for (const auto& op : m_active)
    {
        if (op->sequence == sequence)
        {
            return op.get();
        }
    }
    return nullptr;
}

bool
CollectiveApplication::IsActive(uint32_t sequence) const
{
    return std::any_of(m_active.begin(), m_active.end(), [sequence](const auto& op) {
        return op->sequence == sequence;
    });
}

std::vector<uint32_t>
CollectiveApplication::GetAwaitedPeers(uint32_t sequence) const
{
    for (const auto& op : m_active)
    {
        if (op->sequence == sequence)
        {
            return op->receives.GetAwaitedPeers(op->done, op->nextRead);
        }
    }
    return {};
}

void
CollectiveApplication::AbortOperation(uint32_t sequence)
{
    NS_LOG_FUNCTION(this << m_rank << sequence);
    m_earlyOps.erase(sequence);
    m_heldCredits.erase(sequence); // their senders' part failed too
    for (size_t i = 0; i < m_active.size(); ++i)
    {
        if (m_active[i]->sequence == sequence)
        {
            // Maybe in use up the stack (a device's callback): reused from the next event on.
            m_retired.push_back(std::move(m_active[i]));
            m_active.erase(m_active.begin() + static_cast<std::ptrdiff_t>(i));
            return;
        }
    }
}

void
CollectiveApplication::BeginOperation(uint32_t sequence, const CollectiveSchedule* schedule)
{
    NS_LOG_FUNCTION(this << sequence);
    if (!CollectiveCommunicator::IsPointToPoint(sequence))
    {
        // A failed operation this rank never began leaves a gap: not every sequence begins.
        NS_ASSERT_MSG(sequence >= m_nBegun, "operations begin in order");
        m_nBegun = sequence + 1;
    }
    if (m_communicator->GetFailureMonitor().IsFailed(sequence))
    {
        return; // failed between its issue and now: its schedule is gone
    }
    if (m_spares.empty())
    {
        m_spares.push_back(std::make_unique<Operation>());
    }
    m_active.push_back(std::move(m_spares.back()));
    m_spares.pop_back();
    Operation& op = *m_active.back();
    op.schedule = schedule;
    op.sequence = sequence;
    op.boundedReadAhead = schedule->GetReadAhead() != CollectiveSchedule::UNBOUNDED_READ_AHEAD;
    // On demand only without a reduction time: a receive read after its message arrived
    // completes when read, and its reduction would start then, not at the arrival.
    op.onDemand = m_readOnDemand && !op.boundedReadAhead &&
                  m_communicator->GetReductionRate().GetBitRate() == 0;
    op.filled = false;
    op.nSendStreams = 0;
    if (op.onDemand)
    {
        auto peers = schedule->GetSendPeers(m_rank);
        std::sort(peers.begin(), peers.end());
        op.nSendStreams = std::unique(peers.begin(), peers.end()) - peers.begin();
    }
    // StartSends holds a stream while reading on: adding one must not move them.
    op.streams.Reset(op.nSendStreams);
    op.nOps = schedule->GetNOps(m_rank);
    op.nextRead = 0;
    op.opsDone = 0;
    op.queuedSends = 0;
    op.done.Reset();
    op.inProgress = false;
    const std::string collective = ToString(schedule->GetKind());
    const std::string algorithm = schedule->GetAlgorithm();
    op.sendLatency = m_communicator->GetSendLatency(collective, algorithm);
    auto early = m_earlyOps.find(sequence);
    op.receives.Begin(schedule, m_rank, early == m_earlyOps.end() ? nullptr : &early->second);
    if (early != m_earlyOps.end())
    {
        m_earlyOps.erase(early);
    }
    auto held = m_heldCredits.find(sequence);
    if (held != m_heldCredits.end())
    {
        for (const auto& [peer, flow] : held->second)
        {
            ReturnCredit(sequence, peer, flow);
        }
        m_heldCredits.erase(held);
    }
    if (op.nOps == 0)
    {
        OpDone(op); // counts nothing: finishes at once
        return;
    }
    const Time base = m_communicator->GetBaseLatency(algorithm);
    if (base.IsStrictlyPositive())
    {
        Simulator::Schedule(base, &CollectiveApplication::Progress, this, sequence);
    }
    else
    {
        Progress(sequence);
    }
}

void
CollectiveApplication::ReceiveCredit(uint32_t sequence, uint32_t peer, uint8_t flow)
{
    Recycle();
    Operation* op = Find(sequence);
    const size_t i = op ? op->streams.Find(SendStreams::Key(peer, flow)) : SendStreams::NONE;
    if (i != SendStreams::NONE)
    {
        NS_ASSERT(op->streams[i].inFlight > 0);
        --op->streams[i].inFlight;
        Progress(sequence);
        return;
    }
    // The stream is gone only if the operation no longer needs credits (or failed): nothing
    // to do then, unless this rank never sent on it.
    NS_ABORT_MSG_IF(!CollectiveCommunicator::IsPointToPoint(sequence) && sequence >= m_nBegun &&
                        !m_communicator->GetFailureMonitor().IsFailed(sequence),
                    "rank " << m_rank << " got a credit back from rank " << peer << ", flow "
                            << unsigned{flow} << ", of operation " << sequence
                            << ", which it has not begun");
}

void
CollectiveApplication::Recycle()
{
    for (auto& op : m_retired)
    {
        m_spares.push_back(std::move(op));
    }
    m_retired.clear();
}

void
CollectiveApplication::ReceiveMessage(const CollectiveHeader& header)
{
    Recycle();
    Operation* op = Find(header.operation);
    CollectiveFailureMonitor& monitor = m_communicator->GetFailureMonitor();
    if (!op && monitor.IsFailed(header.operation))
    {
        monitor.NotifyLate(header); // counted, not processed: nothing of it runs any more
        return;
    }
    monitor.NotifyProgress(header.operation);
    const bool credits = m_communicator->GetSendCredits() != 0;
    if (credits && op)
    {
        ReturnCredit(header.operation, header.source, header.flow);
    }
    if (!op)
    {
        NS_ABORT_MSG_IF(!CollectiveCommunicator::IsPointToPoint(header.operation) &&
                            header.operation < m_nBegun,
                        "rank " << m_rank << " got a message (tag " << header.tag
                                << ") of operation " << header.operation << " from rank "
                                << header.source << " after it finished that operation");
        // This rank has not issued it yet: the message waits in its receive slot, which is
        // freed (its credit returned) when the rank begins the operation.
        m_earlyOps[header.operation].Insert(ReceiveMatcher::Key(header.source, header.tag), 0);
        if (credits)
        {
            m_heldCredits[header.operation].emplace_back(header.source, header.flow);
        }
        return;
    }
    uint64_t index = 0;
    if (!op->receives.Arrive(header.source, header.tag, op->nextRead, index))
    {
        return; // its receive is not read yet: kept until it is
    }
    const uint32_t sequence = op->sequence;
    CompleteReceive(*op, index, nullptr);
    Progress(sequence);
}

void
CollectiveApplication::ReturnCredit(uint32_t sequence, uint32_t peer, uint8_t flow)
{
    // Back through the transports, after the credit's own latency.
    m_transport->ReturnCredit(m_communicator->GetTransport(peer),
                              m_communicator->GetId(),
                              sequence,
                              m_rank,
                              flow,
                              CreditLatencyTo(peer));
}

Time
CollectiveApplication::CreditLatencyTo(uint32_t peer)
{
    // A ring talks to one peer per channel, a tree to three: a small direct-mapped cache
    // keeps the path walk off the per-message path, in memory that does not grow with N.
    CreditLatencyEntry& e = m_creditLatency[peer % m_creditLatency.size()];
    if (e.peer != peer)
    {
        e.peer = peer;
        e.latency = m_communicator->GetCreditLatency(m_rank, peer);
    }
    return e.latency;
}

void
CollectiveApplication::CompleteReceive(Operation& op, uint64_t index, const CollectiveOp* recv)
{
    const DataRate rate = m_communicator->GetReductionRate();
    if (rate.GetBitRate() > 0)
    {
        const CollectiveOp read = recv ? *recv : op.schedule->GetOp(m_rank, index);
        if (read.reduce)
        {
            const Time compute = Seconds(8.0 * static_cast<double>(op.schedule->GetOpBytes(read)) /
                                         rate.GetBitRate());
            Simulator::Schedule(compute,
                                &CollectiveApplication::ReceiveDone,
                                this,
                                op.sequence,
                                index);
            return;
        }
    }
    op.done.SetDone(index);
    OpDone(op);
}

void
CollectiveApplication::ReceiveDone(uint32_t sequence, uint64_t index)
{
    Recycle();
    Operation* op = Find(sequence);
    if (!op)
    {
        return; // the operation failed during the reduction
    }
    op->done.SetDone(index);
    OpDone(*op);
    Progress(sequence);
}

void
CollectiveApplication::OpDone(Operation& op)
{
    if (op.nOps != 0 && ++op.opsDone != op.nOps)
    {
        return;
    }
    if (m_communicator->GetFailureMonitor().IsFailed(op.sequence))
    {
        return; // its last op ran after it failed (inside the device call that failed it)
    }
    NS_LOG_INFO("rank " << m_rank << " done with operation " << op.sequence << " at "
                        << Simulator::Now().As(Time::US));
    NS_ASSERT_MSG(op.receives.NoEarly(), "messages of a finished operation are left over");
    const uint32_t sequence = op.sequence;
    // Retire it before telling the communicator, which may begin the next operation.
    for (size_t i = 0; i < m_active.size(); ++i)
    {
        if (m_active[i].get() == &op)
        {
            // Still in use up the stack: reused only from the next event on (Recycle).
            m_retired.push_back(std::move(m_active[i]));
            m_active.erase(m_active.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    m_communicator->NotifyRankDone(sequence, m_rank);
}

} // namespace ns3
