/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "photonic-crossbar.h"

#include "coherent-transceiver.h"
#include "crossbar-endpoint.h"
#include "optical-channel.h"

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

} // namespace ns3
