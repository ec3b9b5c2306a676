/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "packet-transceiver.h"

#include "packet-endpoint.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PacketTransceiver");

NS_OBJECT_ENSURE_REGISTERED(PacketTransceiver);

TypeId
PacketTransceiver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PacketTransceiver")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<PacketTransceiver>()
            .AddAttribute(
                "Latency",
                "Latency a cell spends in this transceiver (>= 0); a link with "
                "transceivers adds two. Default 50 ns: a DSP pluggable (an "
                "assumption, see doc).",
                TimeValue(NanoSeconds(50)),
                MakeTimeAccessor(&PacketTransceiver::SetLatency, &PacketTransceiver::GetLatency),
                MakeTimeChecker())
            .AddAttribute("PowerWatts",
                          "Static power, W (>= 0). Default 15 W: an 800G DSP pluggable, "
                          "14-16 W (trade press, see doc).",
                          DoubleValue(15),
                          MakeDoubleAccessor(&PacketTransceiver::m_powerWatts),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("EnergyPerBit",
                          "Energy per transmitted bit on top of the static power, pJ/bit "
                          "(>= 0). Default 0: published module power is drawn with or "
                          "without traffic.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&PacketTransceiver::m_energyPerBit),
                          MakeDoubleChecker<double>(0));
    return tid;
}

PacketTransceiver::PacketTransceiver()
    : m_latency(NanoSeconds(50)),
      m_powerWatts(15),
      m_energyPerBit(0)
{
    NS_LOG_FUNCTION(this);
}

PacketTransceiver::~PacketTransceiver()
{
    NS_LOG_FUNCTION(this);
}

void
PacketTransceiver::DoDispose()
{
    m_end = nullptr;
    Object::DoDispose();
}

PacketTransceiver::Preset
PacketTransceiver::GetPreset(const std::string& name)
{
    // Sources in doc/scale-across.rst, "Transceivers"; latencies are assumptions.
    if (name == "dsp-800g")
    {
        return {NanoSeconds(50), 15, 0};
    }
    if (name == "dsp-1.6t")
    {
        return {NanoSeconds(50), 26, 0};
    }
    if (name == "lpo-800g")
    {
        return {NanoSeconds(5), 8.5, 0};
    }
    if (name == "cpo-1.6t")
    {
        return {NanoSeconds(5), 9, 0};
    }
    NS_ABORT_MSG("ns3::PacketTransceiver preset '" << name
                                                   << "' is invalid: use dsp-800g, dsp-1.6t, "
                                                      "lpo-800g or cpo-1.6t");
    return {};
}

void
PacketTransceiver::ApplyPreset(const std::string& name)
{
    const Preset p = GetPreset(name);
    SetLatency(p.latency);
    m_powerWatts = p.powerWatts;
    m_energyPerBit = p.energyPerBit;
}

void
PacketTransceiver::SetLatency(Time latency)
{
    NS_ABORT_MSG_IF(latency.IsStrictlyNegative(),
                    "ns3::PacketTransceiver::Latency = " << latency
                                                         << " is invalid: use 0 or more");
    NS_ABORT_MSG_IF(m_end != nullptr,
                    "ns3::PacketTransceiver::Latency cannot change once its link is connected");
    m_latency = latency;
}

void
PacketTransceiver::AttachTo(const PacketEndpoint* end, uint32_t port)
{
    NS_ABORT_MSG_IF(m_end != nullptr, "PacketTransceiver::AttachTo: already attached");
    m_end = end;
    m_port = port;
    m_bitsBefore = end->GetTxWireBytes(port) * 8;
    m_since = Simulator::Now();
}

Time
PacketTransceiver::GetLatency() const
{
    return m_latency;
}

double
PacketTransceiver::GetPowerWatts() const
{
    return m_powerWatts;
}

double
PacketTransceiver::GetEnergyPerBit() const
{
    return m_energyPerBit;
}

uint64_t
PacketTransceiver::GetBitsCarried() const
{
    return m_end ? m_end->GetTxWireBytes(m_port) * 8 - m_bitsBefore : 0;
}

double
PacketTransceiver::GetEnergyJoules() const
{
    const double seconds = m_end ? (Simulator::Now() - m_since).GetSeconds() : 0;
    return m_energyPerBit * 1e-12 * static_cast<double>(GetBitsCarried()) + m_powerWatts * seconds;
}

} // namespace ns3
