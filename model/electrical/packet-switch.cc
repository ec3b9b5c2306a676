/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "packet-switch.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketSwitch");

NS_OBJECT_ENSURE_REGISTERED(PacketSwitch);

namespace
{
/// Most ports a switch may have (a cell keeps its input port in 16 bits).
constexpr uint32_t MAX_PORTS = 65535;

// The buffer attributes' names, for SetBufferSetting's refusal.
constexpr char SHARED_ALPHA[] = "SharedAlpha";                  //!< attribute name
constexpr char SHARED_RESERVED_BYTES[] = "SharedReservedBytes"; //!< attribute name
constexpr char PFC_HEADROOM_BYTES[] = "PfcHeadroomBytes";       //!< attribute name
constexpr char PFC_XOFF_BYTES[] = "PfcXoffBytes";               //!< attribute name
constexpr char PFC_XON_BYTES[] = "PfcXonBytes";                 //!< attribute name
} // namespace

TypeId
PacketSwitch::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PacketSwitch")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<PacketSwitch>()
            .AddAttribute("NumPorts",
                          "Ports (1 ... 65535). Default 64: a 51.2 Tb/s ASIC as 64 x 800 Gb/s.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&PacketSwitch::SetNPorts, &PacketSwitch::GetNPorts),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "BufferBytes",
                "Packet buffer, bytes (>= 1), shared out equally among the input "
                "ports as the credits of their senders. Each port's share must hold "
                "one cell. Set before wiring. Default 32 MiB (as in SimAI's configurations).",
                UintegerValue(uint64_t{32} << 20),
                MakeUintegerAccessor(&PacketSwitch::SetBufferBytes, &PacketSwitch::GetBufferBytes),
                MakeUintegerChecker<uint64_t>())
            .AddAttribute("ForwardingLatency",
                          "Port-to-port latency of the pipeline, from a cell's arrival (its "
                          "tail, or its head if CutThrough) to its forwarding (>= 0). Default "
                          "600 ns (an assumption, see doc). Set before wiring (PFC headroom "
                          "and credits are checked against it then).",
                          TimeValue(NanoSeconds(600)),
                          MakeTimeAccessor(&PacketSwitch::SetForwardingLatency,
                                           &PacketSwitch::GetForwardingLatency),
                          MakeTimeChecker())
            .AddAttribute(
                "CutThrough",
                "true: forward a cell from its head; false: store it whole first. Set "
                "before wiring (its senders time their cells by it then).",
                BooleanValue(false),
                MakeBooleanAccessor(&PacketSwitch::SetCutThrough, &PacketSwitch::IsCutThrough),
                MakeBooleanChecker())
            .AddAttribute("Routing",
                          "Choice among the up ports: ecmp (flow hash), spray (per cell, in "
                          "turn) or adaptive (least queued bytes).",
                          StringValue("ecmp"),
                          MakeStringAccessor(&PacketSwitch::SetRouting, &PacketSwitch::GetRouting),
                          MakeStringChecker())
            .AddAttribute("Seed",
                          "Seed of the ECMP hash (0 ... 4294967295).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&PacketSwitch::m_seed),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "FlowControl",
                "Link-level flow control into this switch: credit (InfiniBand "
                "style: senders hold credits for buffer) or pfc (RoCE style: "
                "senders are paused at PfcXoffBytes and resumed at PfcXonBytes). "
                "Set before wiring.",
                StringValue("credit"),
                MakeStringAccessor(&PacketSwitch::SetFlowControl, &PacketSwitch::GetFlowControl),
                MakeStringChecker())
            .AddAttribute(
                "BufferMode",
                "partitioned: BufferBytes split equally among the input ports; "
                "shared: one pool with a dynamic threshold (SharedAlpha). Set "
                "before wiring.",
                StringValue("partitioned"),
                MakeStringAccessor(&PacketSwitch::SetBufferMode, &PacketSwitch::GetBufferMode),
                MakeStringChecker())
            .AddAttribute(
                "SharedAlpha",
                "Dynamic threshold of the shared buffer (> 0): an input port may "
                "hold (PFC) or be allotted (credits, beyond SharedReservedBytes) "
                "alpha x the free buffer. Default 0.125, as SimAI's PFC threshold "
                "(free >> 3). Set before wiring.",
                DoubleValue(0.125),
                MakeDoubleAccessor(
                    &PacketSwitch::
                        SetBufferSetting<double, &SwitchBuffer::Settings::alpha, SHARED_ALPHA>,
                    &PacketSwitch::GetBufferSetting<double, &SwitchBuffer::Settings::alpha>),
                MakeDoubleChecker<double>(1e-9))
            .AddAttribute(
                "SharedReservedBytes",
                "Credits each input port's sender starts with and keeps in a shared "
                "buffer under credit flow control, bytes (>= 1; NumPorts x it <= "
                "BufferBytes, checked at wiring; each must hold a cell). Default "
                "64 KiB: 16 cells of 4 KiB (an assumption). Set before wiring.",
                UintegerValue(64 * 1024),
                MakeUintegerAccessor(
                    &PacketSwitch::SetBufferSetting<uint64_t,
                                                    &SwitchBuffer::Settings::reservedBytes,
                                                    SHARED_RESERVED_BYTES>,
                    &PacketSwitch::GetBufferSetting<uint64_t,
                                                    &SwitchBuffer::Settings::reservedBytes>),
                MakeUintegerChecker<uint64_t>(1))
            .AddAttribute(
                "PfcHeadroomBytes",
                "Buffer each input port keeps under PFC for the bytes in flight "
                "while a pause travels, bytes (>= 1; at least (2 x link delay + "
                "ForwardingLatency) x rate + 2 cells, checked at wiring and at the "
                "first cell). Default 128 KiB: 10 m links at 800 Gb/s need 78 KB "
                "with 4 KiB packets. Set before wiring.",
                UintegerValue(128 * 1024),
                MakeUintegerAccessor(
                    &PacketSwitch::SetBufferSetting<uint64_t,
                                                    &SwitchBuffer::Settings::headroomBytes,
                                                    PFC_HEADROOM_BYTES>,
                    &PacketSwitch::GetBufferSetting<uint64_t,
                                                    &SwitchBuffer::Settings::headroomBytes>),
                MakeUintegerChecker<uint64_t>(1))
            .AddAttribute(
                "PfcXoffBytes",
                "PFC: bytes buffered from an input port at which its sender is "
                "paused (>= 1; partitioned: plus PfcHeadroomBytes at most "
                "BufferBytes / NumPorts). Default 256 KiB (an assumption: half a "
                "port's share of the default buffer). Set before wiring.",
                UintegerValue(256 * 1024),
                MakeUintegerAccessor(
                    &PacketSwitch::SetBufferSetting<uint64_t,
                                                    &SwitchBuffer::Settings::xoffBytes,
                                                    PFC_XOFF_BYTES>,
                    &PacketSwitch::GetBufferSetting<uint64_t, &SwitchBuffer::Settings::xoffBytes>),
                MakeUintegerChecker<uint64_t>(1))
            .AddAttribute(
                "PfcXonBytes",
                "PFC: bytes buffered from a paused input port at which its sender "
                "is resumed (0 ... PfcXoffBytes). Default 253 KiB: 3 KiB below "
                "PfcXoffBytes, as SimAI. Set before wiring.",
                UintegerValue(253 * 1024),
                MakeUintegerAccessor(
                    &PacketSwitch::SetBufferSetting<uint64_t,
                                                    &SwitchBuffer::Settings::xonBytes,
                                                    PFC_XON_BYTES>,
                    &PacketSwitch::GetBufferSetting<uint64_t, &SwitchBuffer::Settings::xonBytes>),
                MakeUintegerChecker<uint64_t>())
            .AddAttribute("FailureDetectionTime",
                          "Time from a fault on a link (a port, its cable, the switch at the "
                          "far end) to this switch routing around it (>= 0). Until then cells "
                          "routed to the failed port are lost (LinkDown). Default 1 ms: a "
                          "stated assumption, loss of signal plus the ECMP group update in the "
                          "switch's hardware, of the order of BFD's 3 x 300 us; not measured.",
                          TimeValue(MilliSeconds(1)),
                          MakeTimeAccessor(&PacketSwitch::SetFailureDetectionTime,
                                           &PacketSwitch::GetFailureDetectionTime),
                          MakeTimeChecker())
            .AddAttribute("AsicPowerWatts",
                          "Static power of the switch ASIC, W (>= 0). Default 450 W: a "
                          "51.2 Tb/s ASIC (Broadcom Tomahawk 5, about 450 W, trade press; "
                          "see doc). Its optics are PacketTransceivers, counted apart.",
                          DoubleValue(450),
                          MakeDoubleAccessor(&PacketSwitch::m_asicWatts),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("AsicEnergyPerBitPicojoules",
                          "ASIC energy per bit it forwards on top of its static power, pJ/bit "
                          "(>= 0). Default 0: published ASIC power is drawn with or without "
                          "traffic, so it is all in AsicPowerWatts.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&PacketSwitch::m_asicPjPerBit),
                          MakeDoubleChecker<double>(0))
            .AddTraceSource("CreditStall",
                            "An output waited for credit from the next switch; fired when it "
                            "may send again, with the time it waited.",
                            MakeTraceSourceAccessor(&PacketSwitch::m_creditStallTrace),
                            "ns3::PacketEndpoint::CreditStallTracedCallback")
            .AddTraceSource("PauseStall",
                            "An output waited for a PFC resume from the next switch; fired "
                            "when it may send again, with the time it waited.",
                            MakeTraceSourceAccessor(&PacketSwitch::m_pauseStallTrace),
                            "ns3::PacketEndpoint::PauseStallTracedCallback")
            .AddTraceSource("PfcPause",
                            "A PFC pause was sent to an input port's sender, with the bytes "
                            "buffered from that port.",
                            MakeTraceSourceAccessor(&PacketSwitch::m_pfcPauseTrace),
                            "ns3::PacketSwitch::PfcPauseTracedCallback")
            .AddTraceSource("PfcResume",
                            "A PFC resume was sent to an input port's sender, with the time "
                            "since its pause was sent.",
                            MakeTraceSourceAccessor(&PacketSwitch::m_pfcResumeTrace),
                            "ns3::PacketSwitch::PfcResumeTracedCallback")
            .AddTraceSource("Drop",
                            "A cell was dropped (no route, or a failed link: routed to it "
                            "before its detection, or queued for it), with its input port.",
                            MakeTraceSourceAccessor(&PacketSwitch::m_dropTrace),
                            "ns3::PacketSwitch::DropTracedCallback")
            .AddTraceSource("RouteChange",
                            "The routes stopped using a failed port (FailureDetectionTime "
                            "after its link went down) or use it again (its repair): (port, "
                            "usable).",
                            MakeTraceSourceAccessor(&PacketSwitch::m_routeChangeTrace),
                            "ns3::PacketSwitch::RouteChangeTracedCallback");
    return tid;
}

PacketSwitch::PacketSwitch()
    : m_nPorts(0),
      m_latency(NanoSeconds(600)),
      m_cutThrough(false),
      m_seed(0),
      m_buffered(0),
      m_maxBuffered(0),
      m_watched(false),
      m_asicWatts(450),
      m_asicPjPerBit(0),
      m_since(Simulator::Now())
{
    NS_LOG_FUNCTION(this);
    m_detectionTime = MilliSeconds(1);
    // The attributes' defaults (ConstructSelf sets them again).
    m_settings.flowControl = SwitchBuffer::FlowControl::CREDIT;
    m_settings.mode = SwitchBuffer::Mode::PARTITIONED;
    m_settings.bufferBytes = uint64_t{32} << 20;
    m_settings.alpha = 0.125;
    m_settings.reservedBytes = 64 * 1024;
    m_settings.headroomBytes = 128 * 1024;
    m_settings.xoffBytes = 256 * 1024;
    m_settings.xonBytes = 253 * 1024;
    SetNPorts(64);
}

double
PacketSwitch::GetAsicPowerWatts() const
{
    return m_asicWatts;
}

double
PacketSwitch::GetAsicEnergyPerBitPicojoules() const
{
    return m_asicPjPerBit;
}

uint64_t
PacketSwitch::GetBitsForwarded() const
{
    // Summed on demand from the ports' counters: forwarding a cell adds nothing for energy.
    uint64_t bytes = 0;
    for (uint32_t port = 0; port < m_ports.size(); ++port)
    {
        bytes += GetTxWireBytes(port);
    }
    return 8 * bytes;
}

double
PacketSwitch::GetEnergyJoules() const
{
    return m_asicPjPerBit * 1e-12 * static_cast<double>(GetBitsForwarded()) +
           m_asicWatts * (Simulator::Now() - m_since).GetSeconds();
}

PacketSwitch::~PacketSwitch()
{
    NS_LOG_FUNCTION(this);
}

void
PacketSwitch::DoDispose()
{
    DisposePorts();
    for (uint32_t port = 0; port < m_detect.size(); ++port)
    {
        m_detect[port].Cancel();
        if (!m_routes.IsPortUsable(port))
        {
            --s_portsOutOfRoutes; // this simulation's switches leave with their faults
        }
    }
    for (auto& q : m_queues)
    {
        q.clear();
    }
    Object::DoDispose();
}

void
PacketSwitch::SetNPorts(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0 || n > MAX_PORTS,
                    "ns3::PacketSwitch::NumPorts = " << n << " is invalid: use 1 ... "
                                                     << MAX_PORTS);
    if (n == m_nPorts)
    {
        return;
    }
    for (uint32_t p = 0; p < m_ports.size(); ++p)
    {
        NS_ABORT_MSG_IF(IsPortConnected(p),
                        "ns3::PacketSwitch::NumPorts cannot change once a port is wired");
    }
    m_ports.clear();
    SetNPacketPorts(n);
    m_queues.assign(n, CompactFifo<PacketCell>());
    m_queueBytes.assign(n, 0);
    m_maxQueueBytes.assign(n, 0);
    m_routes.SetPorts(n);
    m_pauseSince.assign(n, Time(0));
    m_pauseTime.assign(n, Time(0));
    m_pauses.assign(n, 0);
    m_resumes.assign(n, 0);
    m_detect.assign(n, EventId());
    m_nPorts = n;
    m_settings.ports = n;
}

uint32_t
PacketSwitch::GetNPorts() const
{
    return m_nPorts;
}

void
PacketSwitch::SetBufferBytes(uint64_t bytes)
{
    NS_ABORT_MSG_IF(bytes == 0, "ns3::PacketSwitch::BufferBytes = 0 is invalid: use 1 or more");
    CheckNotWired("BufferBytes");
    m_settings.bufferBytes = bytes;
}

uint64_t
PacketSwitch::GetBufferBytes() const
{
    return m_settings.bufferBytes;
}

template <typename T, T SwitchBuffer::Settings::*Field, const char* Name>
void
PacketSwitch::SetBufferSetting(T value)
{
    CheckNotWired(Name);
    m_settings.*Field = value;
}

template <typename T, T SwitchBuffer::Settings::*Field>
T
PacketSwitch::GetBufferSetting() const
{
    return m_settings.*Field;
}

void
PacketSwitch::SetForwardingLatency(Time latency)
{
    NS_ABORT_MSG_IF(latency.IsStrictlyNegative(),
                    "ns3::PacketSwitch::ForwardingLatency = " << latency
                                                              << " is invalid: use 0 or more");
    // The PFC headroom and the credits were checked against it at wiring.
    CheckNotWired("ForwardingLatency");
    m_latency = latency;
}

Time
PacketSwitch::GetForwardingLatency() const
{
    return m_latency;
}

void
PacketSwitch::SetRouting(std::string routing)
{
    m_routes.SetPolicy(Checked([&]() { return SwitchRoutes::ParsePolicy(routing); }));
}

std::string
PacketSwitch::GetRouting() const
{
    return SwitchRoutes::PolicyName(m_routes.GetPolicy());
}

void
PacketSwitch::CheckNotWired(const std::string& what) const
{
    NS_ABORT_MSG_IF(m_watched,
                    "ns3::PacketSwitch::" << what << " cannot change once a port is wired");
}

void
PacketSwitch::SetFlowControl(std::string mode)
{
    CheckNotWired("FlowControl");
    m_settings.flowControl = Checked([&]() { return SwitchBuffer::ParseFlowControl(mode); });
}

std::string
PacketSwitch::GetFlowControl() const
{
    return SwitchBuffer::FlowControlName(m_settings.flowControl);
}

void
PacketSwitch::SetBufferMode(std::string mode)
{
    CheckNotWired("BufferMode");
    m_settings.mode = Checked([&]() { return SwitchBuffer::ParseMode(mode); });
}

std::string
PacketSwitch::GetBufferMode() const
{
    return SwitchBuffer::ModeName(m_settings.mode);
}

void
PacketSwitch::SetSwitchName(const std::string& name)
{
    m_name = name;
}

void
PacketSwitch::AddDownRoute(uint32_t firstHost,
                           uint32_t lastHost,
                           uint32_t firstPort,
                           uint32_t hostsPerPort)
{
    Checked([&]() { m_routes.AddDownRoute(firstHost, lastHost, firstPort, hostsPerPort); });
}

void
PacketSwitch::SetUpPorts(uint32_t firstPort, uint32_t count)
{
    Checked([&]() { m_routes.SetUpPorts(firstPort, count); });
}

uint32_t
PacketSwitch::GetPathPort(uint32_t src, uint32_t dst, uint8_t flow) const
{
    return m_routes.PathPort(src, dst, flow, m_seed);
}

uint32_t
PacketSwitch::EcmpHash(uint32_t src, uint32_t dst, uint8_t flow, uint32_t seed)
{
    return SwitchRoutes::EcmpHash(src, dst, flow, seed);
}

void
PacketSwitch::SetCutThrough(bool cutThrough)
{
    CheckNotWired("CutThrough");
    m_cutThrough = cutThrough;
}

bool
PacketSwitch::IsCutThrough() const
{
    return m_cutThrough;
}

uint64_t
PacketSwitch::GetIngressCredits(uint32_t port) const
{
    return SwitchBuffer::InitialCredits(m_settings);
}

uint32_t
PacketSwitch::GetEndpointContext() const
{
    return Simulator::NO_CONTEXT;
}

} // namespace ns3
