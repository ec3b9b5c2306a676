/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-communicator.h"

#include "collective-application.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CollectiveCommunicator");

NS_OBJECT_ENSURE_REGISTERED(CollectiveCommunicator);

namespace
{
/// NCCL's protocols: name, wire factor, and (ring, tree) base and per-step network latency in
/// microseconds, from NCCL src/graph/tuning.cc (baseLat, hwLat[NET]).
struct ProtocolConstants
{
    const char* name;
    double wireFactor;
    double ringBaseUs;
    double ringStepUs;
    double treeBaseUs;
    double treeStepUs;
};

const ProtocolConstants PROTOCOLS[] = {
    {"Simple", 1.0, 8.4, 14.0, 8.4, 14.0},
    {"LL128", 128.0 / 120.0, 14.0, 4.0, 14.0, 8.5},
    {"LL", 2.0, 6.6, 2.7, 6.8, 5.0},
};

uint32_t g_nextCommunicatorId = 0; //!< ids, unique per simulation

const ProtocolConstants&
Protocol(const std::string& name)
{
    for (const auto& p : PROTOCOLS)
    {
        if (name == p.name)
        {
            return p;
        }
    }
    NS_ABORT_MSG("ns3::CollectiveCommunicator::Protocol = \"" << name
                                                              << "\" is invalid: use Simple, "
                                                                 "LL128 or LL");
    return PROTOCOLS[0];
}
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
                          "for the protocol (false: the ideal fabric).",
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
            .AddAttribute("SendCredits",
                          "Messages a rank may have in flight on one (peer, flow) connection "
                          "before the receiver has taken the oldest: NCCL's NCCL_STEPS (8) "
                          "receive slots. Bounds a rank's queued messages (and memory) when "
                          "its data is ready long before the network can take it, as on tree "
                          "leaves. 0 = unlimited. A credit comes back when the message "
                          "arrives (no return latency).",
                          UintegerValue(8),
                          MakeUintegerAccessor(&CollectiveCommunicator::m_sendCredits),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("OperationComplete",
                            "An operation finished on every rank.",
                            MakeTraceSourceAccessor(&CollectiveCommunicator::m_resultTrace),
                            "ns3::CollectiveCommunicator::ResultTracedCallback");
    return tid;
}

CollectiveCommunicator::CollectiveCommunicator()
    : m_id(g_nextCommunicatorId++),
      m_chunkBytes(0),
      m_ncclChannels(1),
      m_root(0),
      m_protocolLatency(false),
      m_reductionRate(0),
      m_sendCredits(8),
      m_next(0),
      m_pending(0)
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
    m_schedule.reset();
    Object::DoDispose();
}

void
CollectiveCommunicator::SetProtocol(std::string name)
{
    const ProtocolConstants& p = Protocol(name);
    m_protocol = name;
    m_wireFactor = p.wireFactor;
    m_baseLatencyUs[0] = p.ringBaseUs;
    m_baseLatencyUs[1] = p.treeBaseUs;
    m_sendLatencyUs[0] = p.ringStepUs;
    m_sendLatencyUs[1] = p.treeStepUs;
}

std::string
CollectiveCommunicator::GetProtocol() const
{
    return m_protocol;
}

void
CollectiveCommunicator::AddRank(Ptr<CollectiveApplication> app, const Address& address)
{
    m_apps.push_back(app);
    m_addresses.push_back(address);
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

std::unique_ptr<CollectiveSchedule>
CollectiveCommunicator::MakeSchedule(uint64_t bytes) const
{
    CollectiveRequest q;
    q.collective = m_collective;
    q.algorithm = m_algorithm;
    q.ranks = GetNRanks();
    q.bytes = bytes;
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

void
CollectiveCommunicator::Run(const std::vector<uint64_t>& sizes, Time start)
{
    NS_ABORT_MSG_IF(GetNRanks() == 0,
                    "CollectiveCommunicator::Run: the communicator has 0 ranks; install it on "
                    ">= 1 device with CollectiveHelper::Install");
    NS_ABORT_MSG_IF(sizes.empty(), "CollectiveCommunicator::Run: no message sizes given");
    for (uint64_t s : sizes)
    {
        MakeSchedule(s); // check every size before the simulation starts
    }
    m_sizes = sizes;
    m_next = 0;
    Simulator::Schedule(start, &CollectiveCommunicator::StartNext, this);
}

void
CollectiveCommunicator::StartNext()
{
    m_schedule = MakeSchedule(m_sizes[m_next]);
    m_start = Simulator::Now();
    m_pending = GetNRanks();
    NS_LOG_INFO("communicator " << m_id << " starts " << m_collective << "/" << m_algorithm
                                << " of " << m_sizes[m_next] << " bytes on " << GetNRanks()
                                << " ranks");
    const auto sequence = static_cast<uint32_t>(m_next);
    for (auto& app : m_apps)
    {
        app->BeginOperation(sequence, m_schedule.get());
    }
}

uint32_t
CollectiveCommunicator::GetSendCredits() const
{
    return m_sendCredits;
}

void
CollectiveCommunicator::ReturnCredit(uint32_t sender, uint32_t receiver, uint8_t flow)
{
    m_apps[sender]->CreditReturned(receiver, flow);
}

void
CollectiveCommunicator::NotifyRankDone(uint32_t rank)
{
    NS_ASSERT(m_pending > 0);
    if (--m_pending > 0)
    {
        return;
    }
    CollectiveResult r;
    r.collective = m_collective;
    r.algorithm = m_algorithm;
    r.protocol = m_protocol;
    r.ranks = GetNRanks();
    r.bytes = m_sizes[m_next];
    r.sequence = static_cast<uint32_t>(m_next);
    r.start = m_start;
    r.time = Simulator::Now() - m_start;
    const double seconds = r.time.GetSeconds();
    r.algbw = seconds > 0 ? static_cast<double>(r.bytes) / seconds / 1e9 : 0;
    r.busbw = r.algbw * m_schedule->GetBusBandwidthFactor();
    m_results.push_back(r);
    m_resultTrace(r);
    if (++m_next < m_sizes.size())
    {
        Simulator::Schedule(m_gap, &CollectiveCommunicator::StartNext, this);
    }
}

const std::vector<CollectiveResult>&
CollectiveCommunicator::GetResults() const
{
    return m_results;
}

const CollectiveSchedule&
CollectiveCommunicator::GetSchedule() const
{
    NS_ABORT_MSG_IF(!m_schedule, "CollectiveCommunicator: no operation has started");
    return *m_schedule;
}

double
CollectiveCommunicator::GetWireFactor() const
{
    return m_wireFactor;
}

Time
CollectiveCommunicator::GetSendLatency() const
{
    return m_protocolLatency ? Seconds(1e-6 * m_sendLatencyUs[m_algorithm == "tree" ? 1 : 0])
                             : Seconds(0);
}

Time
CollectiveCommunicator::GetBaseLatency() const
{
    return m_protocolLatency ? Seconds(1e-6 * m_baseLatencyUs[m_algorithm == "tree" ? 1 : 0])
                             : Seconds(0);
}

DataRate
CollectiveCommunicator::GetReductionRate() const
{
    return m_reductionRate;
}

} // namespace ns3
