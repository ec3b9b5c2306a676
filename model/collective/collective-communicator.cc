/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-communicator.h"

#include "collective-application.h"
#include "collective-transport.h"
#include "nccl-protocol.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveCommunicator");

NS_OBJECT_ENSURE_REGISTERED(CollectiveCommunicator);

namespace
{
uint32_t g_nextCommunicatorId = 0; //!< ids, unique per simulation
} // namespace

TypeId
CollectiveCommunicator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CollectiveCommunicator")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<CollectiveCommunicator>()
            .AddAttribute("Collective",
                          "all_reduce, all_gather, reduce_scatter, all_to_all or broadcast.",
                          StringValue("all_reduce"),
                          MakeStringAccessor(&CollectiveCommunicator::m_collective),
                          MakeStringChecker())
            .AddAttribute("Algorithm",
                          "ring, tree, halving_doubling or pairwise; valid pairs: " +
                              GetCollectiveAlgorithms() + ".",
                          StringValue("ring"),
                          MakeStringAccessor(&CollectiveCommunicator::m_algorithm),
                          MakeStringChecker())
            .AddAttribute("ChunkBytes",
                          "Pipeline chunk, bytes; 0 sends each block (or tree half) whole.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&CollectiveCommunicator::m_chunkBytes),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("NcclChannels",
                          "NCCL channels: parallel rings or tree pairs (>= 1), each its own flow "
                          "(FabricFlowTag), so on its own circuit lane "
                          "where the fabric has one.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&CollectiveCommunicator::m_ncclChannels),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Root",
                          "Root rank of broadcast.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&CollectiveCommunicator::m_root),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Protocol",
                          "NCCL protocol: Simple (full efficiency), LL128 (120/128) or LL (1/2).",
                          StringValue("Simple"),
                          MakeStringAccessor(&CollectiveCommunicator::SetProtocol,
                                             &CollectiveCommunicator::GetProtocol),
                          MakeStringChecker())
            .AddAttribute("ProtocolLatency",
                          "Add NCCL's base latency per operation and network latency per send "
                          "for the protocol (false: none, only the fabric's own times).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&CollectiveCommunicator::m_protocolLatency),
                          MakeBooleanChecker())
            .AddAttribute("ReductionRate",
                          "Rate of the reduction compute after each reducing receive; 0bps "
                          "makes reductions instantaneous.",
                          DataRateValue(DataRate(0)),
                          MakeDataRateAccessor(&CollectiveCommunicator::m_reductionRate),
                          MakeDataRateChecker())
            .AddAttribute("Gap",
                          "Idle time between two operations (>= 0).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&CollectiveCommunicator::m_gap),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("WarmUp",
                          "nccl-tests mode (Run): run every size once, untimed, before the "
                          "timed runs, as nccl-tests does (src/common.cu, warmup_iters = 1 "
                          "per size); warm-ups give no result and fire no trace.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CollectiveCommunicator::m_warmUp),
                          MakeBooleanChecker())
            .AddAttribute("KeepResults",
                          "GetResults keeps the result of every finished operation (true), or "
                          "none (false): a long training job finishes one all-reduce per bucket "
                          "and step, and their results would grow without bound. "
                          "OperationComplete and OperationFailed fire either way.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&CollectiveCommunicator::m_keepResults),
                          MakeBooleanChecker())
            .AddAttribute("SendCredits",
                          "Messages a rank may have in flight on one (peer, flow) connection "
                          "before the receiver has taken the oldest: NCCL's NCCL_STEPS (8) "
                          "receive slots. Bounds a rank's queued messages (and memory) when "
                          "its data is ready long before the network can take it, as on tree "
                          "leaves. 0 = unlimited. The receiver returns a credit when the "
                          "message has arrived; it reaches the sender CreditReturn later.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&CollectiveCommunicator::m_sendCredits),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CreditReturn",
                          "How long a send credit takes back to the sender: ReversePath (the "
                          "idle path's latency from receiver to sender as the device reports "
                          "it: propagation and fixed latencies, no serialization) or Fixed "
                          "(CreditLatency; Fixed with 0 returns credits at once).",
                          StringValue("ReversePath"),
                          MakeStringAccessor(&CollectiveCommunicator::SetCreditReturn,
                                             &CollectiveCommunicator::GetCreditReturn),
                          MakeStringChecker())
            .AddAttribute("CreditLatency",
                          "Latency of every credit's return with CreditReturn = Fixed (>= 0).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&CollectiveCommunicator::m_creditLatency),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FailureTimeout",
                          "No-progress watchdog, >= 0 (0 = off): an operation in which no whole "
                          "message reached any rank for this long fails, naming the ranks that "
                          "still wait and on whom. Default 34.36 s: when InfiniBand verbs (which "
                          "NCCL uses) give up on a dead peer, 4.096 us x 2^NCCL_IB_TIMEOUT (20) "
                          "per try x (NCCL_IB_RETRY_CNT (7) + 1) tries.",
                          TimeValue(MicroSeconds(4.096 * 1048576 * 8)),
                          MakeTimeAccessor(&CollectiveCommunicator::SetFailureTimeout,
                                           &CollectiveCommunicator::GetFailureTimeout),
                          MakeTimeChecker())
            .AddAttribute("OnFailure",
                          "What a failed operation does: Abort (OperationFailed, a FAILED "
                          "result) or ExcludeRank (drop the failed rank, rebuild over the others "
                          "after ShrinkTime and rerun the operation from scratch, as NCCL's "
                          "ncclCommShrink; a RECOVERED result). Default Abort, NCCL's own "
                          "behaviour without a shrink.",
                          StringValue("Abort"),
                          MakeStringAccessor(&CollectiveCommunicator::SetOnFailure,
                                             &CollectiveCommunicator::GetOnFailure),
                          MakeStringChecker())
            .AddAttribute("ShrinkTime",
                          "With OnFailure = ExcludeRank: time from the detection of a failure "
                          "to the rerun's start (the shrink's rebuild), >= 0. Default 0: no "
                          "public figure fits every scale; set it to the measured "
                          "ncclCommShrink time.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&CollectiveCommunicator::SetShrinkTime,
                                           &CollectiveCommunicator::GetShrinkTime),
                          MakeTimeChecker())
            .AddTraceSource("OperationComplete",
                            "An operation finished on every rank (status COMPLETE), or was "
                            "rerun without a failed rank (RECOVERED).",
                            MakeTraceSourceAccessor(&CollectiveCommunicator::m_resultTrace),
                            "ns3::CollectiveCommunicator::ResultTracedCallback")
            .AddTraceSource("RankComplete",
                            "A rank finished its part of an operation.",
                            MakeTraceSourceAccessor(&CollectiveCommunicator::m_rankTrace),
                            "ns3::CollectiveCommunicator::RankTracedCallback")
            .AddTraceSource("OperationFailed",
                            "An operation failed and will not finish (status FAILED, with "
                            "the reason and the rank).",
                            MakeTraceSourceAccessor(&CollectiveCommunicator::m_failTrace),
                            "ns3::CollectiveCommunicator::ResultTracedCallback");
    return tid;
}

CollectiveCommunicator::CollectiveCommunicator()
    : m_id(g_nextCommunicatorId++),
      m_chunkBytes(0),
      m_ncclChannels(1),
      m_root(0),
      m_nccl(nullptr),
      m_protocolLatency(false),
      m_reductionRate(0),
      m_sendCredits(8),
      m_creditReversePath(true),
      m_nOperations(0),
      m_nPointToPoint(0),
      m_warmUp(true),
      m_keepResults(true),
      m_nWarmUps(0),
      m_next(0),
      m_awaited(-1),
      m_excludeOnFailure(false),
      m_monitor(std::make_unique<CollectiveFailureMonitor>(this))
{
    NS_LOG_FUNCTION(this);
    SetProtocol("Simple");
}

CollectiveCommunicator::~CollectiveCommunicator()
{
    NS_LOG_FUNCTION(this);
}

void
CollectiveCommunicator::DoDispose()
{
    m_apps.clear();
    m_transports.clear();
    m_operations.clear();
    m_pending.clear();
    m_monitor.reset();
    Object::DoDispose();
}

void
CollectiveCommunicator::SetProtocol(std::string name)
{
    const NcclProtocol* p = NcclProtocol::Find(name);
    NS_ABORT_MSG_IF(!p,
                    "ns3::CollectiveCommunicator::Protocol = \"" << name << "\" is invalid: use "
                                                                 << NcclProtocol::GetNames());
    m_nccl = p;
}

std::string
CollectiveCommunicator::GetProtocol() const
{
    return m_nccl->GetName();
}

void
CollectiveCommunicator::SetCreditReturn(std::string name)
{
    NS_ABORT_MSG_IF(name != "ReversePath" && name != "Fixed",
                    "ns3::CollectiveCommunicator::CreditReturn = \""
                        << name << "\" is invalid: use ReversePath or Fixed");
    m_creditReversePath = name == "ReversePath";
}

std::string
CollectiveCommunicator::GetCreditReturn() const
{
    return m_creditReversePath ? "ReversePath" : "Fixed";
}

void
CollectiveCommunicator::SetOnFailure(std::string name)
{
    NS_ABORT_MSG_IF(name != "Abort" && name != "ExcludeRank",
                    "ns3::CollectiveCommunicator::OnFailure = \""
                        << name << "\" is invalid: use Abort or ExcludeRank");
    m_excludeOnFailure = name == "ExcludeRank";
}

std::string
CollectiveCommunicator::GetOnFailure() const
{
    return m_excludeOnFailure ? "ExcludeRank" : "Abort";
}

void
CollectiveCommunicator::SetFailureTimeout(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::CollectiveCommunicator::FailureTimeout = "
                        << t.As(Time::S) << " is invalid: use a time >= 0 (0 turns it off)");
    m_failureTimeout = t;
    if (m_monitor)
    {
        m_monitor->TimeoutChanged(); // its watchdog may be armed with the old value
    }
}

Time
CollectiveCommunicator::GetFailureTimeout() const
{
    return m_failureTimeout;
}

void
CollectiveCommunicator::SetShrinkTime(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::CollectiveCommunicator::ShrinkTime = " << t.As(Time::S)
                                                                 << " is invalid: use a time >= 0");
    m_shrinkTime = t;
}

Time
CollectiveCommunicator::GetShrinkTime() const
{
    return m_shrinkTime;
}

CollectiveFailureMonitor&
CollectiveCommunicator::GetFailureMonitor()
{
    return *m_monitor;
}

void
CollectiveCommunicator::AddRank(Ptr<CollectiveApplication> app, const Address& address)
{
    // CollectiveHelper::MakeSchedule adds rankless placeholders to a probe communicator.
    Ptr<CollectiveTransport> transport =
        app ? app->GetNode()->GetObject<CollectiveTransport>() : nullptr;
    NS_ABORT_MSG_IF(app && !transport,
                    "CollectiveCommunicator::AddRank: node "
                        << app->GetNode()->GetId()
                        << " has no CollectiveTransport (use CollectiveHelper::Install)");
    m_apps.push_back(app);
    m_transports.push_back(transport);
    m_addresses.push_back(address);
    m_nIssued.push_back(0);
    if (transport)
    {
        m_monitor->Watch(GetNRanks() - 1, transport->GetDevice());
    }
}

uint32_t
CollectiveCommunicator::GetNRanks() const
{
    return static_cast<uint32_t>(m_apps.size());
}

const Address&
CollectiveCommunicator::GetAddress(uint32_t rank) const
{
    return m_addresses[rank];
}

uint32_t
CollectiveCommunicator::GetId() const
{
    return m_id;
}

const Ptr<CollectiveTransport>&
CollectiveCommunicator::GetTransport(uint32_t rank) const
{
    return m_transports.at(rank);
}

std::unique_ptr<CollectiveSchedule>
CollectiveCommunicator::MakeSchedule(uint64_t bytes) const
{
    CollectiveCall call;
    call.bytes = bytes;
    return MakeCallSchedule(Complete(call));
}

CollectiveCall
CollectiveCommunicator::Complete(const CollectiveCall& call) const
{
    CollectiveCall c = call;
    c.collective = c.collective.empty() ? m_collective : c.collective;
    c.algorithm = c.algorithm.empty() ? m_algorithm : c.algorithm;
    return c;
}

std::unique_ptr<CollectiveSchedule>
CollectiveCommunicator::MakeCallSchedule(const CollectiveCall& call) const
{
    CollectiveRequest q;
    q.collective = call.collective;
    q.algorithm = call.algorithm;
    q.ranks = GetNRanks();
    q.bytes = call.bytes;
    q.chunkBytes = m_chunkBytes;
    q.ncclChannels = m_ncclChannels;
    q.root = m_root;
    std::string error;
    try
    {
        return CreateCollectiveSchedule(q);
    }
    catch (const std::invalid_argument& e)
    {
        error = e.what(); // stop outside the handler, so no exception is in flight
    }
    NS_FATAL_ERROR("ns3::CollectiveCommunicator: " << error);
    return nullptr;
}

uint32_t
CollectiveCommunicator::GetSendCredits() const
{
    return m_sendCredits;
}

Time
CollectiveCommunicator::GetCreditLatency(uint32_t receiver, uint32_t sender) const
{
    if (!m_creditReversePath)
    {
        return m_creditLatency;
    }
    return m_transports.at(receiver)->GetPathLatency(m_addresses.at(sender));
}

double
CollectiveCommunicator::GetWireFactor() const
{
    return m_nccl->GetWireFactor();
}

Time
CollectiveCommunicator::GetSendLatency(const std::string& collective,
                                       const std::string& algorithm) const
{
    return m_protocolLatency ? Seconds(1e-6 * m_nccl->GetSendLatencyUs(collective, algorithm))
                             : Seconds(0);
}

Time
CollectiveCommunicator::GetBaseLatency(const std::string& algorithm) const
{
    return m_protocolLatency ? Seconds(1e-6 * m_nccl->GetBaseLatencyUs(algorithm)) : Seconds(0);
}

Time
CollectiveCommunicator::GetSendLatency() const
{
    return GetSendLatency(m_collective, m_algorithm);
}

Time
CollectiveCommunicator::GetBaseLatency() const
{
    return GetBaseLatency(m_algorithm);
}

DataRate
CollectiveCommunicator::GetReductionRate() const
{
    return m_reductionRate;
}

} // namespace ns3
