/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-application.h"

#include "collective-communicator.h"
#include "collective-transport.h"

#include "ns3/abort.h"
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
                          MakeUintegerChecker<uint32_t>(1));
    return tid;
}

CollectiveApplication::CollectiveApplication()
    : m_rank(0),
      m_window(256),
      m_schedule(nullptr),
      m_boundedReadAhead(false),
      m_sequence(0),
      m_nOps(0),
      m_nextRead(0),
      m_opsDone(0),
      m_queuedSends(0),
      m_nStreams(0),
      m_inProgress(false)
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
    m_schedule = nullptr;
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
    transport->Register(communicator->GetId(),
                        MakeCallback(&CollectiveApplication::OnMessage, this));
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

uint64_t
CollectiveApplication::StreamId(uint32_t peer, uint8_t flow)
{
    return (uint64_t{peer} << 8) | flow;
}

uint64_t
CollectiveApplication::MessageId(uint32_t source, uint32_t tag)
{
    return (uint64_t{source} << 32) | tag;
}

void
CollectiveApplication::BeginOperation(uint32_t sequence, const CollectiveSchedule* schedule)
{
    NS_LOG_FUNCTION(this << sequence);
    NS_ASSERT_MSG(m_early.empty(), "messages of a finished operation are left over");
    m_schedule = schedule;
    m_boundedReadAhead = schedule->GetReadAhead() != CollectiveSchedule::UNBOUNDED_READ_AHEAD;
    m_sequence = sequence;
    m_nOps = schedule->GetNOps(m_rank);
    m_nextRead = 0;
    m_opsDone = 0;
    m_queuedSends = 0;
    m_received.assign(m_nOps, false);
    for (size_t i = 0; i < m_nStreams; ++i)
    {
        m_streams[i].ops.clear();
        m_streams[i].headRead = false;
        m_streams[i].inFlight = 0;
    }
    m_nStreams = 0;
    m_expected.clear();
    if (m_nOps == 0)
    {
        m_communicator->NotifyRankDone(m_rank);
        return;
    }
    const Time base = m_communicator->GetBaseLatency();
    if (base.IsStrictlyPositive())
    {
        Simulator::Schedule(base, &CollectiveApplication::Progress, this);
    }
    else
    {
        Progress();
    }
}

void
CollectiveApplication::Progress()
{
    if (m_inProgress)
    {
        return;
    }
    m_inProgress = true;
    bool changed = true;
    while (changed)
    {
        changed = ReadOps(false);
        changed = StartSends() || changed;
        if (!changed && m_nextRead < m_nOps && !m_boundedReadAhead)
        {
            // The window is full and every send in it waits (on a receive or a credit). A
            // send further on may be able to start now, as it would for a rank that read the
            // whole schedule at once: read on, one op at a time, until one does. So the
            // window bounds memory only where that changes no time.
            changed = ReadOps(true);
        }
    }
    m_inProgress = false;
}

bool
CollectiveApplication::ReadOps(bool beyondWindow)
{
    bool any = false;
    // A schedule that proves a read-ahead sufficient is read that far, whatever ReadWindow
    // says; others are read ReadWindow sends ahead, and further when all of those wait.
    const uint64_t window = m_boundedReadAhead ? m_schedule->GetReadAhead() : m_window;
    while (m_nextRead < m_nOps && (m_queuedSends < window || (beyondWindow && !any)))
    {
        const uint64_t index = m_nextRead++;
        const CollectiveOp op = m_schedule->GetOp(m_rank, index);
        any = true;
        if (op.kind == CollectiveOp::Kind::SEND)
        {
            StreamFor(StreamId(op.peer, op.flow)).ops.push_back(index);
            ++m_queuedSends;
            continue;
        }
        const uint64_t key = MessageId(op.peer, op.tag);
        if (m_early.erase(key) != 0)
        {
            CompleteReceive(index, op);
        }
        else
        {
            m_expected.emplace(key, index);
        }
    }
    return any;
}

bool
CollectiveApplication::StartSends()
{
    bool any = false;
    const uint32_t credits = m_communicator->GetSendCredits();
    for (size_t i = 0; i < m_nStreams;)
    {
        SendStream& stream = m_streams[i];
        auto& queue = stream.ops;
        while (!queue.empty() && (credits == 0 || stream.inFlight < credits))
        {
            if (!stream.headRead)
            {
                stream.head = m_schedule->GetOp(m_rank, queue.front());
                stream.headRead = true;
            }
            const CollectiveOp& op = stream.head;
            bool ready = true;
            for (int64_t d : op.deps)
            {
                ready = ready && (d == CollectiveOp::NONE || m_received[d]);
            }
            if (!ready)
            {
                break;
            }
            const Time latency = m_communicator->GetSendLatency();
            if (latency.IsStrictlyPositive())
            {
                Simulator::Schedule(latency, &CollectiveApplication::Send, this, op);
            }
            else
            {
                Send(op);
            }
            queue.pop_front();
            stream.headRead = false;
            --m_queuedSends;
            ++stream.inFlight;
            any = true;
            OpDone();
        }
        // Finished streams go to the spares, so each receive rescans only streams with sends
        // left (all-to-all has p - 1 of them).
        if (queue.empty() && stream.inFlight == 0)
        {
            std::swap(m_streams[i], m_streams[--m_nStreams]);
        }
        else
        {
            ++i;
        }
    }
    return any;
}

CollectiveApplication::SendStream&
CollectiveApplication::StreamFor(uint64_t key)
{
    for (size_t i = 0; i < m_nStreams; ++i)
    {
        if (m_streams[i].key == key)
        {
            return m_streams[i];
        }
    }
    if (m_nStreams == m_streams.size())
    {
        m_streams.emplace_back();
    }
    SendStream& stream = m_streams[m_nStreams++];
    stream.key = key;
    stream.headRead = false;
    return stream;
}

void
CollectiveApplication::Send(CollectiveOp op)
{
    CollectiveHeader h;
    h.communicator = m_communicator->GetId();
    h.operation = m_sequence;
    h.source = m_rank;
    h.tag = op.tag;
    h.messageBytes = m_schedule->GetOpBytes(op);
    h.flow = op.flow;
    NS_LOG_LOGIC("rank " << m_rank << " sends tag " << op.tag << " (" << h.messageBytes
                         << " bytes) to " << op.peer);
    m_transport->Send(m_communicator->GetAddress(op.peer),
                      h,
                      m_communicator->GetWireFactor(),
                      op.flow);
}

void
CollectiveApplication::CreditReturned(uint32_t peer, uint8_t flow)
{
    const uint64_t key = StreamId(peer, flow);
    for (size_t i = 0; i < m_nStreams; ++i)
    {
        if (m_streams[i].key == key)
        {
            NS_ASSERT(m_streams[i].inFlight > 0);
            --m_streams[i].inFlight;
            Progress();
            return;
        }
    }
    NS_FATAL_ERROR("rank " << m_rank << " got a credit back from rank " << peer << ", flow "
                           << unsigned{flow} << ", for a message it never sent");
}

void
CollectiveApplication::OnMessage(const CollectiveHeader& header)
{
    NS_ABORT_MSG_IF(!m_schedule || header.operation != m_sequence,
                    "rank " << m_rank << " got a message of operation " << header.operation
                            << " while running " << m_sequence);
    if (m_communicator->GetSendCredits() != 0)
    {
        m_communicator->ReturnCredit(header.source, m_rank, header.flow);
    }
    const uint64_t key = MessageId(header.source, header.tag);
    auto it = m_expected.find(key);
    if (it == m_expected.end())
    {
        m_early.insert(key);
        return;
    }
    const uint64_t index = it->second;
    m_expected.erase(it);
    CompleteReceive(index, m_schedule->GetOp(m_rank, index));
    Progress();
}

void
CollectiveApplication::CompleteReceive(uint64_t index, const CollectiveOp& op)
{
    const DataRate rate = m_communicator->GetReductionRate();
    if (op.reduce && rate.GetBitRate() > 0)
    {
        const Time compute =
            Seconds(8.0 * static_cast<double>(m_schedule->GetOpBytes(op)) / rate.GetBitRate());
        Simulator::Schedule(compute, &CollectiveApplication::ReceiveDone, this, index);
        return;
    }
    m_received[index] = true;
    OpDone();
}

void
CollectiveApplication::ReceiveDone(uint64_t index)
{
    m_received[index] = true;
    OpDone();
    Progress();
}

void
CollectiveApplication::OpDone()
{
    if (++m_opsDone == m_nOps)
    {
        NS_LOG_INFO("rank " << m_rank << " done at " << Simulator::Now().As(Time::US));
        m_communicator->NotifyRankDone(m_rank);
    }
}

} // namespace ns3
