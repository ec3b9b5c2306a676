/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "clos-fabric.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/optical-physics.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ClosFabric");

NS_OBJECT_ENSURE_REGISTERED(ClosFabric);

namespace
{

/// Stage names as the attributes spell them.
const char* const STAGE_NAMES[3] = {"Ingress", "Middle", "Egress"};

} // namespace

template <int S>
void
ClosFabric::SetStageLoss(double db)
{
    NS_ABORT_MSG_IF(db < 0 || !(db == db),
                    "ns3::ClosFabric::" << STAGE_NAMES[S] << "InsertionLoss = " << db
                                        << " dB is invalid: use a loss >= 0 dB");
    m_stages[S].lossDb = db;
}

template <int S>
double
ClosFabric::GetStageLoss() const
{
    return m_stages[S].lossDb;
}

template <int S>
void
ClosFabric::SetStageReconfiguration(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::ClosFabric::" << STAGE_NAMES[S] << "ReconfigurationTime = "
                                        << t.As(Time::NS) << " is invalid: use a time >= 0");
    m_stages[S].reconfiguration = t;
}

template <int S>
Time
ClosFabric::GetStageReconfiguration() const
{
    return m_stages[S].reconfiguration;
}

template <int S>
void
ClosFabric::SetStageLatency(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::ClosFabric::" << STAGE_NAMES[S] << "SwitchingLatency = " << t.As(Time::NS)
                                        << " is invalid: use a time >= 0");
    m_stages[S].latency = t;
}

template <int S>
Time
ClosFabric::GetStageLatency() const
{
    return m_stages[S].latency;
}

TypeId
ClosFabric::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ClosFabric")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<ClosFabric>()
            .AddAttribute(
                "EdgePorts",
                "Endpoints per ingress (and egress) switch, k (>= 1); fixed once a "
                "crossbar takes the stages. MultiStageOpticalFabricHelper: the "
                "fewest edge switches the technology's port limit allows.",
                UintegerValue(8),
                MakeUintegerAccessor(&ClosFabric::SetEdgePorts, &ClosFabric::GetEdgePorts),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute("MiddleSwitches",
                          "Middle-stage switches, m (>= 1): m >= k is rearrangeably "
                          "non-blocking, m >= 2k - 1 strictly non-blocking (Clos 1953), "
                          "m < k blocks. MultiStageOpticalFabricHelper default: m = k.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&ClosFabric::SetMiddleSwitches,
                                               &ClosFabric::GetMiddleSwitches),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("IngressInsertionLoss",
                          "Insertion loss of the ingress stage, dB (>= 0); default: the MEMS "
                          "preset's 2 dB (CrossbarTechnology).",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&ClosFabric::SetStageLoss<INGRESS>,
                                             &ClosFabric::GetStageLoss<INGRESS>),
                          MakeDoubleChecker<double>())
            .AddAttribute("MiddleInsertionLoss",
                          "Insertion loss of the middle stage, dB (>= 0); default: MEMS, 2 dB.",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&ClosFabric::SetStageLoss<MIDDLE>,
                                             &ClosFabric::GetStageLoss<MIDDLE>),
                          MakeDoubleChecker<double>())
            .AddAttribute("EgressInsertionLoss",
                          "Insertion loss of the egress stage, dB (>= 0); default: MEMS, 2 dB.",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&ClosFabric::SetStageLoss<EGRESS>,
                                             &ClosFabric::GetStageLoss<EGRESS>),
                          MakeDoubleChecker<double>())
            .AddAttribute("IngressReconfigurationTime",
                          "Time the ingress stage takes to set its part of a circuit up "
                          "(>= 0); default: MEMS, 10 ms.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&ClosFabric::SetStageReconfiguration<INGRESS>,
                                           &ClosFabric::GetStageReconfiguration<INGRESS>),
                          MakeTimeChecker())
            .AddAttribute("MiddleReconfigurationTime",
                          "Time the middle stage takes to set its part of a circuit up "
                          "(>= 0); default: MEMS, 10 ms.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&ClosFabric::SetStageReconfiguration<MIDDLE>,
                                           &ClosFabric::GetStageReconfiguration<MIDDLE>),
                          MakeTimeChecker())
            .AddAttribute("EgressReconfigurationTime",
                          "Time the egress stage takes to set its part of a circuit up "
                          "(>= 0); default: MEMS, 10 ms.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&ClosFabric::SetStageReconfiguration<EGRESS>,
                                           &ClosFabric::GetStageReconfiguration<EGRESS>),
                          MakeTimeChecker())
            .AddAttribute("IngressSwitchingLatency",
                          "Latency of one traversal of the ingress stage (>= 0); default 0, "
                          "as PhotonicCrossbar::SwitchingLatency.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ClosFabric::SetStageLatency<INGRESS>,
                                           &ClosFabric::GetStageLatency<INGRESS>),
                          MakeTimeChecker())
            .AddAttribute("MiddleSwitchingLatency",
                          "Latency of one traversal of the middle stage (>= 0); default 0.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ClosFabric::SetStageLatency<MIDDLE>,
                                           &ClosFabric::GetStageLatency<MIDDLE>),
                          MakeTimeChecker())
            .AddAttribute("EgressSwitchingLatency",
                          "Latency of one traversal of the egress stage (>= 0); default 0.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ClosFabric::SetStageLatency<EGRESS>,
                                           &ClosFabric::GetStageLatency<EGRESS>),
                          MakeTimeChecker())
            .AddAttribute("InterStageLength",
                          "Length of each inter-stage fiber (ingress to middle, middle to "
                          "egress), m (>= 0); default 10 m, as OpticalChannel::Length.",
                          DoubleValue(10.0),
                          MakeDoubleAccessor(&ClosFabric::SetInterStageLength,
                                             &ClosFabric::GetInterStageLength),
                          MakeDoubleChecker<double>())
            .AddAttribute("InterStageRefractiveIndex",
                          "Group refractive index of the inter-stage fibers (>= 1); default "
                          "1.468, as OpticalChannel::RefractiveIndex (~4.9 ns/m).",
                          DoubleValue(1.468),
                          MakeDoubleAccessor(&ClosFabric::SetInterStageRefractiveIndex,
                                             &ClosFabric::GetInterStageRefractiveIndex),
                          MakeDoubleChecker<double>())
            .AddAttribute("InterStageAttenuation",
                          "Attenuation of the inter-stage fibers, dB/km (>= 0); default 0.35, "
                          "as OpticalChannel::Attenuation.",
                          DoubleValue(0.35),
                          MakeDoubleAccessor(&ClosFabric::SetInterStageAttenuation,
                                             &ClosFabric::GetInterStageAttenuation),
                          MakeDoubleChecker<double>())
            .AddAttribute("InterStageConnectorLoss",
                          "Connector loss of each inter-stage fiber, dB (>= 0); default 0.5, "
                          "as OpticalChannel::ConnectorLoss.",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&ClosFabric::SetInterStageConnectorLoss,
                                             &ClosFabric::GetInterStageConnectorLoss),
                          MakeDoubleChecker<double>())
            .AddAttribute(
                "PortPowerWatts",
                "Static power of one port of a stage's crossbars, W (>= 0); a "
                "port is one input and one output, so the stages have r k + 2 r m "
                "of them. Default 0.1 W: the MEMS preset's PortPower "
                "(CrossbarTechnology; an assumption).",
                DoubleValue(0.1),
                MakeDoubleAccessor(&ClosFabric::SetPortPowerWatts, &ClosFabric::GetPortPowerWatts),
                MakeDoubleChecker<double>())
            .AddTraceSource("Blocked",
                            "A circuit request found no middle switch with a free lane up "
                            "from its source's ingress and down to its destination's egress.",
                            MakeTraceSourceAccessor(&ClosFabric::m_blockedTrace),
                            "ns3::ClosFabric::BlockedTracedCallback");
    return tid;
}

ClosFabric::ClosFabric()
    : m_edgePorts(8),
      m_middles(8),
      m_fiberLength(10.0),
      m_fiberIndex(1.468),
      m_fiberAttenuation(0.35),
      m_fiberConnectorLoss(0.5),
      m_portPowerW(0.1),
      m_since(Simulator::Now()),
      m_nBlocked(0)
{
    NS_LOG_FUNCTION(this);
    for (StageFigures& s : m_stages)
    {
        s.reconfiguration = MilliSeconds(10);
    }
}

ClosFabric::~ClosFabric()
{
    NS_LOG_FUNCTION(this);
}

void
ClosFabric::CheckNotAttached(const char* attribute) const
{
    NS_ABORT_MSG_IF(m_paths,
                    "ns3::ClosFabric::" << attribute
                                        << " cannot change once a crossbar has taken the stages");
}

void
ClosFabric::SetEdgePorts(uint32_t k)
{
    NS_ABORT_MSG_IF(k == 0,
                    "ns3::ClosFabric::EdgePorts = 0 is invalid: use >= 1 endpoint per "
                    "edge switch");
    CheckNotAttached("EdgePorts");
    m_edgePorts = k;
}

uint32_t
ClosFabric::GetEdgePorts() const
{
    return m_edgePorts;
}

void
ClosFabric::SetMiddleSwitches(uint32_t m)
{
    NS_ABORT_MSG_IF(m == 0, "ns3::ClosFabric::MiddleSwitches = 0 is invalid: use >= 1");
    CheckNotAttached("MiddleSwitches");
    m_middles = m;
}

uint32_t
ClosFabric::GetMiddleSwitches() const
{
    return m_middles;
}

void
ClosFabric::SetInterStageLength(double meters)
{
    NS_ABORT_MSG_IF(meters < 0 || !(meters == meters),
                    "ns3::ClosFabric::InterStageLength = " << meters
                                                           << " m is invalid: use a length >= 0 m");
    m_fiberLength = meters;
}

double
ClosFabric::GetInterStageLength() const
{
    return m_fiberLength;
}

void
ClosFabric::SetInterStageRefractiveIndex(double n)
{
    NS_ABORT_MSG_IF(n < 1.0 || !(n == n),
                    "ns3::ClosFabric::InterStageRefractiveIndex = "
                        << n << " is invalid: use a group index >= 1 (silica fiber: ~1.468)");
    m_fiberIndex = n;
}

double
ClosFabric::GetInterStageRefractiveIndex() const
{
    return m_fiberIndex;
}

void
ClosFabric::SetInterStageAttenuation(double dbPerKm)
{
    NS_ABORT_MSG_IF(dbPerKm < 0 || !(dbPerKm == dbPerKm),
                    "ns3::ClosFabric::InterStageAttenuation = "
                        << dbPerKm << " dB/km is invalid: use an attenuation >= 0 dB/km");
    m_fiberAttenuation = dbPerKm;
}

double
ClosFabric::GetInterStageAttenuation() const
{
    return m_fiberAttenuation;
}

void
ClosFabric::SetInterStageConnectorLoss(double db)
{
    NS_ABORT_MSG_IF(db < 0 || !(db == db),
                    "ns3::ClosFabric::InterStageConnectorLoss = "
                        << db << " dB is invalid: use a loss >= 0 dB");
    m_fiberConnectorLoss = db;
}

double
ClosFabric::GetInterStageConnectorLoss() const
{
    return m_fiberConnectorLoss;
}

void
ClosFabric::Attach(uint32_t endpoints, uint32_t lanes)
{
    NS_LOG_FUNCTION(this << endpoints << lanes);
    const bool sameShape =
        m_paths && m_paths->GetNEndpoints() == endpoints && m_paths->GetLinkLanes() == lanes;
    NS_ABORT_MSG_IF(m_paths && !sameShape && m_paths->GetNCircuits() > 0,
                    "a ClosFabric serves one crossbar; create one per crossbar");
    if (!sameShape)
    {
        m_paths = std::make_unique<ClosTopology>(endpoints,
                                                 m_edgePorts,
                                                 m_middles,
                                                 lanes,
                                                 endpoints * lanes);
    }
}

const ClosTopology&
ClosFabric::GetTopology() const
{
    NS_ABORT_MSG_IF(!m_paths, "ClosFabric: no crossbar has taken these stages yet");
    return *m_paths;
}

Time
ClosFabric::Route(uint32_t id, uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << id << srcPort << dstPort);
    NS_ABORT_MSG_IF(!m_paths, "ClosFabric: no crossbar has taken these stages yet");
    const int64_t middle = m_paths->FindMiddle(srcPort, dstPort);
    NS_ABORT_MSG_IF(middle == ClosTopology::NO_MIDDLE,
                    "ns3::ClosFabric: the circuit "
                        << srcPort << " -> " << dstPort
                        << " has no free middle switch (EdgePorts = " << m_edgePorts
                        << ", MiddleSwitches = " << m_middles
                        << ") and its scheduler cannot wait for one: "
                           "use the OnDemandCircuitScheduler, or "
                           "MiddleSwitches >= 2 EdgePorts - 1 "
                           "(strictly non-blocking)");
    NS_LOG_LOGIC("circuit " << srcPort << " -> " << dstPort << " through middle " << middle);
    return TimeStep(m_paths->Connect(id, srcPort, dstPort, static_cast<uint32_t>(middle)));
}

void
ClosFabric::Release(uint32_t id, Time freeAt)
{
    NS_LOG_FUNCTION(this << id << freeAt);
    m_paths->Disconnect(id, freeAt.GetTimeStep());
}

void
ClosFabric::NotifyBlocked(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    ++m_nBlocked;
    m_blockedTrace(srcPort, dstPort);
}

uint64_t
ClosFabric::GetNBlocked() const
{
    return m_nBlocked;
}

void
ClosFabric::SetPortPowerWatts(double w)
{
    NS_ABORT_MSG_IF(w < 0 || !(w == w),
                    "ns3::ClosFabric::PortPowerWatts = " << w << " W is invalid: use >= 0 W");
    m_portPowerW = w;
}

double
ClosFabric::GetPortPowerWatts() const
{
    return m_portPowerW;
}

uint64_t
ClosFabric::GetNPorts() const
{
    if (!m_paths)
    {
        return 0;
    }
    // Ingress r (k in + m out), middle m (r in + r out), egress r (m in + k out): halve the
    // ends for ports of one input and one output each, as a folded Clos's edge switches of
    // k + m ports and middle switches of r.
    const uint64_t r = m_paths->GetNEdges();
    return r * m_edgePorts + 2 * r * m_middles;
}

uint64_t
ClosFabric::GetNInterStageFibers() const
{
    return m_paths ? 2 * uint64_t{m_paths->GetNEdges()} * m_middles : 0;
}

double
ClosFabric::GetInterStageFiberMeters() const
{
    return static_cast<double>(GetNInterStageFibers()) * m_fiberLength;
}

uint64_t
ClosFabric::GetNSwitches() const
{
    return m_paths ? 2 * uint64_t{m_paths->GetNEdges()} + m_middles : 0;
}

double
ClosFabric::GetStaticPowerWatts() const
{
    return static_cast<double>(GetNPorts()) * m_portPowerW;
}

double
ClosFabric::GetEnergyJoules() const
{
    return GetStaticPowerWatts() * (Simulator::Now() - m_since).GetSeconds();
}

double
ClosFabric::GetInterStageLossDb() const
{
    return m_fiberAttenuation * m_fiberLength / 1000.0 + m_fiberConnectorLoss;
}

Time
ClosFabric::GetInterStageDelay() const
{
    // The same rounding as OpticalChannel's delay.
    return Seconds(optical::PropagationDelaySeconds(m_fiberLength, m_fiberIndex));
}

double
ClosFabric::GetPathLossDb() const
{
    double loss = 2 * GetInterStageLossDb();
    for (const StageFigures& s : m_stages)
    {
        loss += s.lossDb;
    }
    return loss;
}

Time
ClosFabric::GetPathLatency() const
{
    const Time fiber = GetInterStageDelay();
    Time latency = fiber + fiber;
    for (const StageFigures& s : m_stages)
    {
        latency += s.latency;
    }
    return latency;
}

Time
ClosFabric::GetSetUpTime() const
{
    // The stages set up their parts of a circuit at once: the slowest decides.
    return std::max({m_stages[INGRESS].reconfiguration,
                     m_stages[MIDDLE].reconfiguration,
                     m_stages[EGRESS].reconfiguration});
}

} // namespace ns3
