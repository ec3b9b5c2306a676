/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "photonic-crossbar.h"

#include "coherent-transceiver.h"
#include "crossbar-endpoint.h"
#include "optical-channel.h"
#include "optical-physics.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/circuit-scheduler.h"
#include "ns3/clos-fabric.h"
#include "ns3/crossbar-technology.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/on-demand-circuit-scheduler.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PhotonicCrossbar");

NS_OBJECT_ENSURE_REGISTERED(PhotonicCrossbar);

/**
 * A frame on its way to its receiver: an event of the crossbar's EventPool (one allocated per
 * frame was one heap allocation per message). It drops its packet and goes back to the pool
 * once the frame is handed over.
 */
class PhotonicCrossbar::DeliveryEvent : public EventImpl
{
  public:
    PhotonicCrossbar* crossbar{nullptr}; //!< the crossbar
    Frame frame;                         //!< the frame
    bool budgetCloses{false};            //!< its path's link budget closes

  protected:
    void Notify() override
    {
        crossbar->Deliver(frame, budgetCloses);
        // Given back only now: a frame sent inside the delivery takes another event, and
        // this one is not overwritten while Deliver reads it.
        frame.frame = MacFrame();
        crossbar->m_deliveries.Give(this);
    }
};

TypeId
PhotonicCrossbar::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PhotonicCrossbar")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<PhotonicCrossbar>()
            .AddAttribute(
                "NumPorts",
                "Number of ports (>= 1); fixed once a device is attached.",
                UintegerValue(64),
                MakeUintegerAccessor(&PhotonicCrossbar::SetNPorts, &PhotonicCrossbar::GetNPorts),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "LanesPerPort",
                "Independent circuit ends per port (>= 1): one per wavelength group "
                "of the attached NICs (Wavelengths / WavelengthsPerCircuit).",
                UintegerValue(1),
                MakeUintegerAccessor(&PhotonicCrossbar::SetNLanes, &PhotonicCrossbar::GetNLanes),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute("ReconfigurationTime",
                          "Time to set up a circuit between two ports (>= 0). Presets: MEMS "
                          "10 ms, Piezo 1 ms, SiPh-MZI 1 us, SOA 10 ns.",
                          TimeValue(MicroSeconds(1)),
                          MakeTimeAccessor(&PhotonicCrossbar::SetReconfigurationTime,
                                           &PhotonicCrossbar::GetReconfigurationTime),
                          MakeTimeChecker())
            .AddAttribute("SwitchingLatency",
                          "Latency of one traversal of the switch fabric (>= 0); a passive "
                          "crossbar adds only its optical path, well under 1 ns.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&PhotonicCrossbar::SetSwitchingLatency,
                                           &PhotonicCrossbar::GetSwitchingLatency),
                          MakeTimeChecker())
            .AddAttribute("InsertionLoss",
                          "Optical loss of one traversal, dB (>= 0).",
                          DoubleValue(5.0),
                          MakeDoubleAccessor(&PhotonicCrossbar::SetInsertionLoss,
                                             &PhotonicCrossbar::GetInsertionLossDb),
                          MakeDoubleChecker<double>())
            .AddAttribute("PortPower",
                          "Static electrical power per port, W (>= 0).",
                          DoubleValue(0.05),
                          MakeDoubleAccessor(&PhotonicCrossbar::SetPortPower,
                                             &PhotonicCrossbar::GetPortPowerWatts),
                          MakeDoubleChecker<double>())
            .AddAttribute("ReconfigurationEnergyJoules",
                          "Energy of one circuit set-up that takes time (ReconfigurationTime "
                          "> 0), J (>= 0), on top of the static power. Default 0: no public "
                          "figure for any technology (an assumption; see doc).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&PhotonicCrossbar::SetReconfigurationEnergy,
                                             &PhotonicCrossbar::GetReconfigurationEnergyJoules),
                          MakeDoubleChecker<double>())
            .AddAttribute("Technology",
                          "The CrossbarTechnology preset the crossbar is built with (one of "
                          "MEMS, Piezo, SiPh-MZI, SOA, AWGR), or \"\" for none: its largest "
                          "port count limits NumPorts. OpticalFabricHelper::"
                          "SetCrossbarTechnology sets it with the preset's other figures.",
                          StringValue(""),
                          MakeStringAccessor(&PhotonicCrossbar::SetTechnology,
                                             &PhotonicCrossbar::GetTechnology),
                          MakeStringChecker())
            .AddAttribute("PortLimit",
                          "Largest NumPorts allowed (>= 0); 0 = the Technology's largest "
                          "port count (no limit without a Technology). Set it above the "
                          "technology's for a what-if study of a crossbar nobody has built.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&PhotonicCrossbar::SetPortLimit,
                                               &PhotonicCrossbar::GetPortLimitAttribute),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Scheduler",
                          "The circuit scheduler; an OnDemandCircuitScheduler if not set.",
                          PointerValue(),
                          MakePointerAccessor(&PhotonicCrossbar::SetScheduler,
                                              &PhotonicCrossbar::GetScheduler),
                          MakePointerChecker<CircuitScheduler>())
            .AddAttribute(
                "Stages",
                "The stages behind this crossbar when it stands for a multi-stage "
                "fabric (a ClosFabric; MultiStageOpticalFabricHelper sets it), or "
                "none for a single crossbar. With stages, ReconfigurationTime, "
                "SwitchingLatency and InsertionLoss are the path's, taken from them "
                "(setting one of them then stops the program).",
                PointerValue(),
                MakePointerAccessor(&PhotonicCrossbar::SetStages, &PhotonicCrossbar::GetStages),
                MakePointerChecker<ClosFabric>())
            .AddTraceSource("CircuitUp",
                            "A circuit finished its set-up and carries frames from now on.",
                            MakeTraceSourceAccessor(&PhotonicCrossbar::m_circuitUpTrace),
                            "ns3::PhotonicCrossbar::CircuitTracedCallback")
            .AddTraceSource("CircuitDown",
                            "A circuit was torn down (its ends free once it has drained).",
                            MakeTraceSourceAccessor(&PhotonicCrossbar::m_circuitDownTrace),
                            "ns3::PhotonicCrossbar::CircuitTracedCallback")
            .AddTraceSource("Drop",
                            "A frame reached the crossbar with no usable circuit, or was "
                            "lost to a fault on its path (LinkDown, DeviceFailed, LinkBudget).",
                            MakeTraceSourceAccessor(&PhotonicCrossbar::m_dropTrace),
                            "ns3::PhotonicCrossbar::DropTracedCallback")
            .AddTraceSource("PortState",
                            "A port went down (a fault on its transceiver, fiber or itself, or "
                            "on the whole crossbar) or came up again: (port, up).",
                            MakeTraceSourceAccessor(&PhotonicCrossbar::m_portStateTrace),
                            "ns3::PhotonicCrossbar::PortStateTracedCallback")
            .AddTraceSource("SetUpFailed",
                            "A circuit's set-up failed and is retried (FailNextSetUp): "
                            "(source port, destination port).",
                            MakeTraceSourceAccessor(&PhotonicCrossbar::m_setUpFailedTrace),
                            "ns3::PhotonicCrossbar::SetUpFailedTracedCallback")
            .AddTraceSource("Reconfiguration",
                            "A circuit set-up that takes time started, with its ports and "
                            "its energy (ReconfigurationEnergyJoules), J.",
                            MakeTraceSourceAccessor(&PhotonicCrossbar::m_reconfigurationTrace),
                            "ns3::PhotonicCrossbar::ReconfigurationTracedCallback");
    return tid;
}

PhotonicCrossbar::PhotonicCrossbar()
    : m_nPorts(64),
      m_nLanes(1),
      m_reconfigurationTime(MicroSeconds(1)),
      m_insertionLossDb(5.0),
      m_portPowerW(0.05),
      m_portLimit(0),
      m_constructed(false),
      m_nAttached(0),
      m_reconfigurationJ(0),
      m_reconfigurations(0),
      m_since(Simulator::Now())
{
    NS_LOG_FUNCTION(this);
    // The default policy exists from the start, so that no getter has to create it.
    SetScheduler(CreateObject<OnDemandCircuitScheduler>());
}

PhotonicCrossbar::~PhotonicCrossbar()
{
    NS_LOG_FUNCTION(this);
    if (m_scheduler)
    {
        m_scheduler->SetSwitch(nullptr);
    }
}

void
PhotonicCrossbar::NotifyConstructionCompleted()
{
    BuildTable();
    ApplyStages();
    m_constructed = true;
    CheckPortLimit();
    Object::NotifyConstructionCompleted();
}

void
PhotonicCrossbar::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    ApplyStages(); // stage attributes may have changed since construction
    GetScheduler()->Start();
    Object::DoInitialize();
}

void
PhotonicCrossbar::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_scheduler)
    {
        m_scheduler->SetSwitch(nullptr);
        m_scheduler->Dispose();
        m_scheduler = nullptr;
    }
    m_stages = nullptr;
    m_endpoints.clear();
    m_fibers.clear();
    m_deliveries.Clear();
    Object::DoDispose();
}

void
PhotonicCrossbar::SetNPorts(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0,
                    "ns3::PhotonicCrossbar::NumPorts = 0 is invalid: a crossbar has >= 1 port");
    NS_ABORT_MSG_IF(m_nAttached > 0 && n != m_nPorts,
                    "ns3::PhotonicCrossbar::NumPorts cannot change from "
                        << m_nPorts << " to " << n << " once devices are attached");
    m_nPorts = n;
    BuildTable();
    CheckPortLimit();
}

void
PhotonicCrossbar::SetNLanes(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0,
                    "ns3::PhotonicCrossbar::LanesPerPort = 0 is invalid: use >= 1 lane per port");
    NS_ABORT_MSG_IF(m_nAttached > 0 && n != m_nLanes,
                    "ns3::PhotonicCrossbar::LanesPerPort cannot change from "
                        << m_nLanes << " to " << n << " once devices are attached");
    m_nLanes = n;
    BuildTable();
}

void
PhotonicCrossbar::SetReconfigurationTime(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::PhotonicCrossbar::ReconfigurationTime = " << t.As(Time::NS)
                                                                    << " is invalid: use >= 0");
    CheckNotFromStages("ReconfigurationTime");
    m_reconfigurationTime = t;
}

void
PhotonicCrossbar::SetSwitchingLatency(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::PhotonicCrossbar::SwitchingLatency = " << t.As(Time::NS)
                                                                 << " is invalid: use >= 0");
    CheckNotFromStages("SwitchingLatency");
    m_switchingLatency = t;
}

void
PhotonicCrossbar::SetInsertionLoss(double db)
{
    NS_ABORT_MSG_IF(db < 0 || !(db == db),
                    "ns3::PhotonicCrossbar::InsertionLoss = " << db
                                                              << " dB is invalid: use >= 0 dB");
    CheckNotFromStages("InsertionLoss");
    m_insertionLossDb = db;
}

void
PhotonicCrossbar::CheckNotFromStages(const char* attribute) const
{
    // ApplyStages overwrites it from the stages at the start of the run: a value set here
    // would be dropped before Run, or contradict the stages after it.
    NS_ABORT_MSG_IF(m_stages,
                    "ns3::PhotonicCrossbar::"
                        << attribute
                        << " is taken from its Stages (a ClosFabric) and cannot be set: set "
                           "the ClosFabric's Ingress/Middle/Egress stage attributes instead");
}

void
PhotonicCrossbar::SetPortPower(double w)
{
    NS_ABORT_MSG_IF(w < 0 || !(w == w),
                    "ns3::PhotonicCrossbar::PortPower = " << w << " W is invalid: use >= 0 W");
    m_portPowerW = w;
}

void
PhotonicCrossbar::SetReconfigurationEnergy(double j)
{
    NS_ABORT_MSG_IF(j < 0 || !(j == j),
                    "ns3::PhotonicCrossbar::ReconfigurationEnergyJoules = "
                        << j << " J is invalid: use >= 0 J");
    m_reconfigurationJ = j;
}

void
PhotonicCrossbar::SetTechnology(std::string name)
{
    NS_ABORT_MSG_IF(!name.empty() && !CrossbarTechnology::Exists(name),
                    "ns3::PhotonicCrossbar::Technology = \"" << name << "\" is invalid: use one of "
                                                             << CrossbarTechnology::GetNames()
                                                             << ", or \"\" for none");
    m_technology = name;
    CheckPortLimit();
}

std::string
PhotonicCrossbar::GetTechnology() const
{
    return m_technology;
}

void
PhotonicCrossbar::SetPortLimit(uint32_t limit)
{
    m_portLimit = limit;
    CheckPortLimit();
}

uint32_t
PhotonicCrossbar::GetPortLimitAttribute() const
{
    return m_portLimit;
}

uint32_t
PhotonicCrossbar::GetPortLimit() const
{
    if (m_portLimit > 0)
    {
        return m_portLimit;
    }
    return m_technology.empty() ? 0 : CrossbarTechnology::Get(m_technology).maxPorts;
}

void
PhotonicCrossbar::CheckPortLimit() const
{
    const uint64_t limit = GetPortLimit();
    if (!m_constructed || limit == 0 || m_nPorts <= limit)
    {
        return;
    }
    // The multi-stage alternative: a three-stage Clos of limit-port crossbars (edge modules
    // of `limit` endpoints, `limit` middle modules) reaches limit^2 endpoints.
    const uint64_t edges = (m_nPorts + limit - 1) / limit;
    std::ostringstream alternative;
    if (m_nPorts <= limit * limit)
    {
        alternative << "a three-stage Clos of " << limit << "-port crossbars (" << edges
                    << " ingress + " << edges << " egress + " << limit
                    << " middle crossbars; up to " << limit * limit
                    << " endpoints) with three insertion losses on every path";
    }
    else
    {
        alternative << "a Clos of " << limit << "-port crossbars with five or more stages "
                    << "(three stages reach only " << limit * limit << " endpoints)";
    }
    NS_ABORT_MSG("ns3::PhotonicCrossbar::NumPorts = "
                 << m_nPorts << " exceeds the port limit of "
                 << (m_portLimit > 0 ? std::string("PortLimit")
                                     : "the largest " + m_technology + " crossbar")
                 << ", " << limit << " ports: no single crossbar of that size exists; build "
                 << alternative.str() << ", or raise ns3::PhotonicCrossbar::PortLimit for a "
                 << "what-if study");
}

void
PhotonicCrossbar::BuildTable()
{
    if (m_nAttached > 0 ||
        (m_table && m_table->GetNPorts() == m_nPorts && m_table->GetNLanes() == m_nLanes))
    {
        return;
    }
    m_table = std::make_unique<CrossbarPortTable>(m_nPorts, m_nLanes);
    m_endpoints.assign(m_nPorts, nullptr);
    m_fibers.assign(m_nPorts, nullptr);
    m_faults.SetPorts(m_nPorts);
    m_failedSetUps.assign(m_nPorts, 0);
}

void
PhotonicCrossbar::CheckPort(uint32_t port, const char* what) const
{
    NS_ABORT_MSG_IF(port >= m_nPorts,
                    what << " port " << port << " is out of range: the crossbar has NumPorts = "
                         << m_nPorts << " (ports 0 ... " << m_nPorts - 1 << ")");
}

void
PhotonicCrossbar::AttachEndpoint(CrossbarEndpoint& endpoint,
                                 Mac48Address address,
                                 uint32_t lanes,
                                 Ptr<OpticalChannel> fiber,
                                 uint32_t port)
{
    NS_LOG_FUNCTION(this << address << lanes << fiber << port);
    NS_ABORT_MSG_IF(!fiber, "PhotonicCrossbar::AttachEndpoint needs a fiber");
    CheckPort(port, "PhotonicCrossbar::AttachEndpoint:");
    NS_ABORT_MSG_IF(m_endpoints[port] != nullptr,
                    "PhotonicCrossbar::AttachEndpoint: port "
                        << port << " already has a device; each port takes one");
    NS_ABORT_MSG_IF(lanes != m_nLanes,
                    "PhotonicCrossbar::AttachEndpoint: the device on port "
                        << port << " forms " << lanes
                        << " circuit lanes (Wavelengths / WavelengthsPerCircuit) but the "
                           "crossbar's LanesPerPort = "
                        << m_nLanes << "; set them equal");
    const uint64_t key = MacFrame::ToKey(address);
    NS_ABORT_MSG_IF(m_portOfAddress.count(key) != 0,
                    "PhotonicCrossbar::AttachEndpoint: address "
                        << address << " is already on port " << m_portOfAddress[key]);
    m_endpoints[port] = &endpoint;
    m_fibers[port] = fiber;
    m_portOfAddress[key] = port;
    if (m_nAttached++ == 0)
    {
        ByteConservation::Watch(this);
    }
}

uint32_t
PhotonicCrossbar::GetNPorts() const
{
    return m_nPorts;
}

uint32_t
PhotonicCrossbar::GetNLanes() const
{
    return m_nLanes;
}

bool
PhotonicCrossbar::HasEndpoint(uint32_t port) const
{
    return port < m_endpoints.size() && m_endpoints[port] != nullptr;
}

int64_t
PhotonicCrossbar::LookupPort(Mac48Address address) const
{
    return LookupPort(MacFrame::ToKey(address));
}

int64_t
PhotonicCrossbar::LookupPort(uint64_t key) const
{
    auto it = m_portOfAddress.find(key);
    if (it == m_portOfAddress.end())
    {
        return -1;
    }
    return it->second;
}

Time
PhotonicCrossbar::GetPathLatency(uint32_t srcPort, uint32_t dstPort) const
{
    NS_ASSERT(srcPort < m_fibers.size() && dstPort < m_fibers.size() && m_endpoints[dstPort]);
    // The same terms as a frame's arrival in Forward, without its serialization.
    return m_fibers[srcPort]->GetDelay() + m_switchingLatency + m_fibers[dstPort]->GetDelay() +
           m_endpoints[dstPort]->GetEndpointTransceiver().GetFixedLatency();
}

Ptr<CircuitScheduler>
PhotonicCrossbar::GetScheduler() const
{
    return m_scheduler;
}

void
PhotonicCrossbar::SetScheduler(Ptr<CircuitScheduler> scheduler)
{
    NS_LOG_FUNCTION(this << scheduler);
    if (!scheduler)
    {
        return;
    }
    if (m_scheduler)
    {
        m_scheduler->SetSwitch(nullptr);
    }
    m_scheduler = scheduler;
    m_scheduler->SetSwitch(this);
}

const CrossbarPortTable&
PhotonicCrossbar::GetPortTable() const
{
    return *m_table;
}

Time
PhotonicCrossbar::GetReconfigurationTime() const
{
    return m_reconfigurationTime;
}

Time
PhotonicCrossbar::GetSwitchingLatency() const
{
    return m_switchingLatency;
}

double
PhotonicCrossbar::GetInsertionLossDb() const
{
    return m_insertionLossDb;
}

double
PhotonicCrossbar::GetPortPowerWatts() const
{
    return m_portPowerW;
}

double
PhotonicCrossbar::GetStaticPowerWatts() const
{
    // Behind stages, the stages' ports draw the power, not the logical crossbar's.
    return m_stages ? m_stages->GetStaticPowerWatts() : m_nPorts * m_portPowerW;
}

double
PhotonicCrossbar::GetReconfigurationEnergyJoules() const
{
    return m_reconfigurationJ;
}

uint64_t
PhotonicCrossbar::GetReconfigurations() const
{
    return m_reconfigurations;
}

double
PhotonicCrossbar::GetEnergyJoules() const
{
    return GetStaticPowerWatts() * (Simulator::Now() - m_since).GetSeconds() +
           m_reconfigurationJ * static_cast<double>(m_reconfigurations);
}

Time
PhotonicCrossbar::EstablishCircuit(uint32_t srcPort,
                                   uint32_t srcLane,
                                   uint32_t dstPort,
                                   uint32_t dstLane,
                                   bool reconfigure)
{
    return EstablishTimedCircuit(srcPort,
                                 srcLane,
                                 dstPort,
                                 dstLane,
                                 reconfigure ? m_reconfigurationTime : Seconds(0),
                                 Time::Max());
}

Time
PhotonicCrossbar::EstablishTimedCircuit(uint32_t srcPort,
                                        uint32_t srcLane,
                                        uint32_t dstPort,
                                        uint32_t dstLane,
                                        Time setUp,
                                        Time closeAt)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane << dstPort << dstLane << setUp << closeAt);
    CheckPort(srcPort, "EstablishCircuit: source");
    CheckPort(dstPort, "EstablishCircuit: destination");
    NS_ABORT_MSG_IF(srcLane >= m_nLanes || dstLane >= m_nLanes,
                    "EstablishCircuit: lane " << std::max(srcLane, dstLane)
                                              << " is out of range (LanesPerPort = " << m_nLanes
                                              << ")");
    CrossbarPortTable& table = *m_table;
    const uint32_t in = table.End(srcPort, srcLane);
    const uint32_t out = table.End(dstPort, dstLane);
    NS_ABORT_MSG_IF(table.GetOutputEnd(in) != CrossbarPortTable::NO_END ||
                        table.GetInputEnd(out) != CrossbarPortTable::NO_END,
                    "EstablishCircuit " << srcPort << ":" << srcLane << " -> " << dstPort << ":"
                                        << dstLane << ": an end is already in use");
    NS_ABORT_MSG_IF(setUp.IsStrictlyNegative(),
                    "EstablishTimedCircuit: negative set-up time " << setUp.As(Time::NS));
    const int64_t close = closeAt == Time::Max() ? CrossbarPortTable::NEVER : closeAt.GetTimeStep();
    if (close == CrossbarPortTable::NEVER && setUp.IsStrictlyPositive() &&
        m_failedSetUps[srcPort] > 0)
    {
        // The set-up fails and the switch retries it at once: a second set-up time.
        --m_failedSetUps[srcPort];
        NS_LOG_INFO("set-up " << srcPort << " -> " << dstPort << " failed: retried");
        m_setUpFailedTrace(srcPort, dstPort);
        setUp = setUp + setUp;
    }
    // Behind a multi-stage fabric the set-up also waits for the middle path's links to drain.
    const Time start =
        m_stages ? Max(Simulator::Now(), m_stages->Route(in, srcPort, dstPort)) : Simulator::Now();
    const Time up =
        TimeStep(table.Connect(in, out, start.GetTimeStep(), setUp.GetTimeStep(), close));
    if (setUp.IsStrictlyPositive())
    {
        ++m_reconfigurations;
        m_reconfigurationTrace(srcPort, dstPort, m_reconfigurationJ);
    }
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitGranted(srcLane, dstPort);
    }
    if (up == Simulator::Now())
    {
        NotifyUp(srcPort, srcLane, dstPort, dstLane);
    }
    else
    {
        const uint32_t context = m_endpoints[srcPort] ? m_endpoints[srcPort]->GetEndpointContext()
                                                      : Simulator::GetContext();
        Simulator::ScheduleWithContext(context,
                                       up - Simulator::Now(),
                                       &PhotonicCrossbar::NotifyUp,
                                       this,
                                       srcPort,
                                       srcLane,
                                       dstPort,
                                       dstLane);
    }
    return up;
}

void
PhotonicCrossbar::NotifyUp(uint32_t srcPort, uint32_t srcLane, uint32_t dstPort, uint32_t dstLane)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane << dstPort << dstLane);
    const CrossbarPortTable& table = *m_table;
    if (table.GetOutputEnd(table.End(srcPort, srcLane)) !=
        static_cast<int64_t>(table.End(dstPort, dstLane)))
    {
        return; // torn down before it came up
    }
    m_circuitUpTrace(srcPort, srcLane, dstPort, dstLane);
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitUp(srcLane, dstPort);
    }
}

void
PhotonicCrossbar::ReleaseCircuit(uint32_t srcPort, uint32_t srcLane)
{
    NS_LOG_FUNCTION(this << srcPort << srcLane);
    CrossbarPortTable& table = *m_table;
    const uint32_t in = table.End(srcPort, srcLane);
    const int64_t out = table.GetOutputEnd(in);
    NS_ABORT_MSG_IF(out == CrossbarPortTable::NO_END,
                    "ReleaseCircuit: port " << srcPort << " lane " << srcLane
                                            << " holds no circuit");
    const int64_t freeAt = table.Disconnect(in, Simulator::Now().GetTimeStep());
    if (m_stages)
    {
        m_stages->Release(in, TimeStep(freeAt));
    }
    const auto outEnd = static_cast<uint32_t>(out);
    m_circuitDownTrace(srcPort, srcLane, table.PortOf(outEnd), table.LaneOf(outEnd));
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitDown(srcLane);
    }
}

void
PhotonicCrossbar::RejectCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    if (m_endpoints[srcPort])
    {
        m_endpoints[srcPort]->NotifyCircuitRejected(dstPort);
    }
}

bool
PhotonicCrossbar::IsLaneIdle(uint32_t port, uint32_t lane) const
{
    return m_endpoints[port] == nullptr || m_endpoints[port]->IsLaneIdle(lane);
}

Ptr<ClosFabric>
PhotonicCrossbar::GetStages() const
{
    return m_stages;
}

bool
PhotonicCrossbar::HasFramesInFlight() const
{
    return m_bytes.inFlight > 0;
}

void
PhotonicCrossbar::SetStages(Ptr<ClosFabric> stages)
{
    NS_LOG_FUNCTION(this << stages);
    NS_ABORT_MSG_IF(m_table && m_table->GetNCircuits() > 0,
                    "ns3::PhotonicCrossbar::Stages cannot change while circuits are set up");
    m_stages = stages;
    if (m_constructed)
    {
        ApplyStages();
    }
}

void
PhotonicCrossbar::ApplyStages()
{
    if (!m_stages || !m_table)
    {
        return;
    }
    m_stages->Attach(m_nPorts, m_nLanes);
    // One logical crossbar stands for the whole path: every path of a Clos crosses the same
    // stages and fibers, so the path's figures are exact for every circuit.
    m_reconfigurationTime = m_stages->GetSetUpTime();
    m_switchingLatency = m_stages->GetPathLatency();
    m_insertionLossDb = m_stages->GetPathLossDb();
    NS_LOG_INFO("stages: set-up " << m_reconfigurationTime.As(Time::NS) << ", latency "
                                  << m_switchingLatency.As(Time::NS) << ", loss "
                                  << m_insertionLossDb << " dB");
}

void
PhotonicCrossbar::RequestCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    GetScheduler()->RequestCircuit(srcPort, dstPort);
}

void
PhotonicCrossbar::NotifyIdle(uint32_t srcPort, uint32_t srcLane)
{
    GetScheduler()->NotifyIdle(srcPort, srcLane);
}

void
PhotonicCrossbar::Transmit(const MacFrame& optical,
                           uint32_t srcPort,
                           uint32_t srcLane,
                           uint32_t dstPort,
                           Time serialization)
{
    const uint64_t payloadBytes = optical.GetPayloadBytes();
    m_bytes.sent += payloadBytes;
    m_bytes.inFlight += payloadBytes;
    const Frame frame{optical,
                      payloadBytes,
                      srcPort,
                      srcLane,
                      dstPort,
                      m_faults.GetEpoch(srcPort),
                      m_faults.GetEpoch(dstPort)};
    if (m_faults.AnyDown() && (!m_faults.IsUp(srcPort) || !m_faults.IsUp(dstPort)))
    {
        DropFaulted(frame, m_faults.GetLossReason(m_faults.IsUp(srcPort) ? dstPort : srcPort));
        return;
    }
    const Time fiberIn = m_fibers[srcPort]->GetDelay();
    const Time head = Simulator::Now() + fiberIn;
    const uint32_t in = m_table->End(srcPort, srcLane);
    if (m_table->Carries(in, dstPort, head.GetTimeStep()))
    {
        // Accepted circuits are never cut before they drain, so the check holds.
        Forward(frame, head, serialization);
    }
    else if (fiberIn.IsStrictlyPositive())
    {
        // The circuit may still come up before the light gets there: decide then.
        Simulator::Schedule(fiberIn,
                            &PhotonicCrossbar::CheckAtCrossbar,
                            this,
                            frame,
                            serialization);
    }
    else
    {
        DropAtCrossbar(frame, head);
    }
}

void
PhotonicCrossbar::CheckAtCrossbar(const Frame& frame, Time serialization)
{
    const Time head = Simulator::Now();
    DropReason reason;
    if (LostToFault(frame, reason))
    {
        DropFaulted(frame, reason);
        return;
    }
    if (m_table->Carries(m_table->End(frame.srcPort, frame.srcLane),
                         frame.dstPort,
                         head.GetTimeStep()))
    {
        Forward(frame, head, serialization);
    }
    else
    {
        DropAtCrossbar(frame, head);
    }
}

void
PhotonicCrossbar::Forward(const Frame& frame, Time head, Time serialization)
{
    const Time tail = head + serialization;
    m_table->Accept(m_table->End(frame.srcPort, frame.srcLane), tail.GetTimeStep());
    const CrossbarEndpoint* rx = m_endpoints[frame.dstPort];
    NS_ASSERT_MSG(rx, "a circuit leads to port " << frame.dstPort << ", which has no device");
    const CoherentTransceiver& rxXcvr = rx->GetEndpointTransceiver();
    const OpticalChannel& fiberIn = *m_fibers[frame.srcPort];
    const OpticalChannel& fiberOut = *m_fibers[frame.dstPort];
    const Time arrival = tail + m_switchingLatency + fiberOut.GetDelay() + rxXcvr.GetFixedLatency();

    optical::LinkBudget budget;
    budget.launchPowerDbm =
        m_endpoints[frame.srcPort]->GetEndpointTransceiver().GetLaunchPowerDbm();
    budget.fiberLossDb = fiberIn.GetFiberLossDb() + fiberOut.GetFiberLossDb();
    budget.crossbarLossDb = m_insertionLossDb;
    budget.connectorLossDb = fiberIn.GetConnectorLossDb() + fiberOut.GetConnectorLossDb();
    budget.sensitivityDbm = rxXcvr.GetReceiverSensitivityDbm();

    DeliveryEvent* event = m_deliveries.Take();
    event->crossbar = this;
    event->frame = frame;
    event->budgetCloses = budget.Closes();
    Simulator::ScheduleWithContext(rx->GetEndpointContext(), arrival - Simulator::Now(), event);
}

void
PhotonicCrossbar::Deliver(const Frame& frame, bool budgetCloses)
{
    DropReason reason;
    if (LostToFault(frame, reason))
    {
        DropFaulted(frame, reason);
        return;
    }
    m_bytes.inFlight -= frame.payloadBytes;
    if (budgetCloses)
    {
        m_bytes.delivered += frame.payloadBytes;
    }
    else
    {
        m_bytes.AddDropped(DropReason::LINK_BUDGET, frame.payloadBytes);
    }
    m_endpoints[frame.srcPort]->NotifyFrameArrived(frame.payloadBytes, budgetCloses);
    m_endpoints[frame.dstPort]->DeliverFrame(frame.frame, budgetCloses);
}

void
PhotonicCrossbar::DropAtCrossbar(const Frame& frame, Time head)
{
    const uint32_t in = m_table->End(frame.srcPort, frame.srcLane);
    const bool settling = m_table->GetOutputEnd(in) != CrossbarPortTable::NO_END &&
                          m_table->GetUpTime(in) > head.GetTimeStep();
    const DropReason reason = settling ? DropReason::RECONFIGURING : DropReason::NO_CIRCUIT;
    NS_LOG_LOGIC("drop " << frame.payloadBytes << " bytes on port " << frame.srcPort << ": "
                         << ToString(reason));
    m_bytes.inFlight -= frame.payloadBytes;
    m_bytes.AddDropped(reason, frame.payloadBytes);
    if (!m_dropTrace.IsEmpty())
    {
        m_dropTrace(frame.frame.ToPacket(), reason, frame.srcPort);
    }
    m_endpoints[frame.srcPort]->NotifyFrameDropped(frame.frame, reason);
}

const ByteCounters&
PhotonicCrossbar::GetByteCounters() const
{
    return m_bytes;
}

std::string
PhotonicCrossbar::GetByteCountersName() const
{
    std::ostringstream os;
    os << "PhotonicCrossbar with " << m_nPorts << " ports";
    return os.str();
}

} // namespace ns3
