/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "coherent-transceiver.h"

#include "optical-physics.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CoherentTransceiver");

NS_OBJECT_ENSURE_REGISTERED(CoherentTransceiver);

/// Upper bound on wavelengths per transceiver: a full C+L band grid at 50 GHz is ~240.
static constexpr uint32_t MAX_WAVELENGTHS = 1024;

/// The DataRatePerWavelength attribute's default, bit/s (1600Gbps; built from the integer, as
/// parsing the string costs more than the rest of the constructor).
static constexpr uint64_t DEFAULT_RATE_PER_WAVELENGTH_BPS = 1600000000000ULL;

TypeId
CoherentTransceiver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CoherentTransceiver")
            .SetParent<Object>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<CoherentTransceiver>()
            .AddAttribute("Wavelengths",
                          "Number of DWDM wavelengths (lanes) of the transceiver, 1 ... 1024.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&CoherentTransceiver::SetWavelengths,
                                               &CoherentTransceiver::GetWavelengths),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DataRatePerWavelength",
                          "Payload rate of one wavelength (after FEC overhead), e.g. 1600Gbps.",
                          DataRateValue(DataRate("1600Gbps")),
                          MakeDataRateAccessor(&CoherentTransceiver::SetDataRatePerWavelength,
                                               &CoherentTransceiver::GetDataRatePerWavelength),
                          MakeDataRateChecker())
            .AddAttribute("DspLatency",
                          "Fixed latency of the coherent DSP, paid once per traversal (>= 0).",
                          TimeValue(NanoSeconds(100)),
                          MakeTimeAccessor(&CoherentTransceiver::SetDspLatency,
                                           &CoherentTransceiver::GetDspLatency),
                          MakeTimeChecker())
            .AddAttribute("FecLatency",
                          "Fixed latency of FEC encoding plus decoding, paid once per "
                          "traversal (>= 0).",
                          TimeValue(NanoSeconds(100)),
                          MakeTimeAccessor(&CoherentTransceiver::SetFecLatency,
                                           &CoherentTransceiver::GetFecLatency),
                          MakeTimeChecker())
            .AddAttribute("LaunchPower",
                          "Optical launch power per wavelength, dBm.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&CoherentTransceiver::m_launchPowerDbm),
                          MakeDoubleChecker<double>())
            .AddAttribute("ReceiverSensitivity",
                          "Lowest received power per wavelength that still decodes, dBm.",
                          DoubleValue(-15.0),
                          MakeDoubleAccessor(&CoherentTransceiver::m_sensitivityDbm),
                          MakeDoubleChecker<double>())
            .AddAttribute("EnergyPerBit",
                          "Transceiver energy per transmitted bit on top of its static "
                          "power, pJ/bit (>= 0). Default 0: a module's published power is "
                          "drawn with or without traffic, so it is all in "
                          "StaticPowerWattsPerWavelength (as PacketTransceiver's presets).",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&CoherentTransceiver::SetEnergyPerBitPj,
                                             &CoherentTransceiver::GetEnergyPerBitPicojoules),
                          MakeDoubleChecker<double>())
            .AddAttribute(
                "StaticPowerWattsPerWavelength",
                "Static power of one wavelength's optics and DSP, W (>= 0); the "
                "transceiver draws Wavelengths x this. Default 25 W: an "
                "assumption for a 1.6 Tb/s coherent lane (no public figure; "
                "1.6T DSP pluggables draw 25-27 W and 400ZR+ about 15 W, trade "
                "press, see doc).",
                DoubleValue(25.0),
                MakeDoubleAccessor(&CoherentTransceiver::SetStaticPowerWatts,
                                   &CoherentTransceiver::GetStaticPowerWattsPerWavelength),
                MakeDoubleChecker<double>());
    return tid;
}

CoherentTransceiver::CoherentTransceiver()
    : m_wavelengths(1),
      m_ratePerLambda(DEFAULT_RATE_PER_WAVELENGTH_BPS),
      m_launchPowerDbm(0),
      m_sensitivityDbm(-15),
      m_energyPerBitPj(0),
      m_transmittedBits(0),
      m_attached(false),
      m_staticWattsPerLambda(25),
      m_sinceStep(Simulator::Now().GetTimeStep())
{
    NS_LOG_FUNCTION(this);
}

CoherentTransceiver::CoherentTransceiver(const CoherentTransceiver& o)
    : Object(o),
      m_wavelengths(o.m_wavelengths),
      m_ratePerLambda(o.m_ratePerLambda),
      m_dspLatency(o.m_dspLatency),
      m_fecLatency(o.m_fecLatency),
      m_launchPowerDbm(o.m_launchPowerDbm),
      m_sensitivityDbm(o.m_sensitivityDbm),
      m_energyPerBitPj(o.m_energyPerBitPj),
      m_transmittedBits(0),
      m_attached(false),
      m_staticWattsPerLambda(o.m_staticWattsPerLambda),
      m_sinceStep(Simulator::Now().GetTimeStep())
{
    NS_LOG_FUNCTION(this << &o);
}

CoherentTransceiver::~CoherentTransceiver()
{
    NS_LOG_FUNCTION(this);
}

void
CoherentTransceiver::SetWavelengths(uint32_t n)
{
    NS_ABORT_MSG_IF(n == 0 || n > MAX_WAVELENGTHS,
                    "ns3::CoherentTransceiver::Wavelengths = "
                        << n << " is invalid: a transceiver has 1 ... " << MAX_WAVELENGTHS
                        << " wavelengths");
    NS_ABORT_MSG_IF(m_attached && n != m_wavelengths,
                    "ns3::CoherentTransceiver::Wavelengths cannot change once its device is "
                    "attached (the device's circuit lanes and the crossbar's are sized by it)");
    m_wavelengths = n;
}

void
CoherentTransceiver::NotifyAttached()
{
    m_attached = true;
}

uint32_t
CoherentTransceiver::GetWavelengths() const
{
    return m_wavelengths;
}

void
CoherentTransceiver::SetDataRatePerWavelength(DataRate rate)
{
    NS_ABORT_MSG_IF(rate.GetBitRate() == 0,
                    "ns3::CoherentTransceiver::DataRatePerWavelength = 0bps is invalid: "
                    "use a positive rate such as 1600Gbps");
    m_ratePerLambda = rate;
}

DataRate
CoherentTransceiver::GetDataRatePerWavelength() const
{
    return m_ratePerLambda;
}

void
CoherentTransceiver::SetDspLatency(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::CoherentTransceiver::DspLatency = " << t.As(Time::NS)
                                                              << " is invalid: use a latency >= 0");
    m_dspLatency = t;
}

void
CoherentTransceiver::SetFecLatency(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::CoherentTransceiver::FecLatency = " << t.As(Time::NS)
                                                              << " is invalid: use a latency >= 0");
    m_fecLatency = t;
}

Time
CoherentTransceiver::GetFixedLatency() const
{
    return m_dspLatency + m_fecLatency;
}

double
CoherentTransceiver::GetLaunchPowerDbm() const
{
    return m_launchPowerDbm;
}

double
CoherentTransceiver::GetReceiverSensitivityDbm() const
{
    return m_sensitivityDbm;
}

void
CoherentTransceiver::SetEnergyPerBitPj(double pj)
{
    NS_ABORT_MSG_IF(pj < 0,
                    "ns3::CoherentTransceiver::EnergyPerBit = "
                        << pj << " pJ/bit is invalid: use an energy >= 0");
    m_energyPerBitPj = pj;
}

double
CoherentTransceiver::GetEnergyPerBitPicojoules() const
{
    return m_energyPerBitPj;
}

Time
CoherentTransceiver::GetSerializationTime(uint64_t bytes, uint32_t wavelengths) const
{
    NS_ASSERT(wavelengths >= 1 && wavelengths <= m_wavelengths);
    const uint64_t bitRate = m_ratePerLambda.GetBitRate();
    if (bytes != m_memo.bytes || wavelengths != m_memo.wavelengths || bitRate != m_memo.bitRate)
    {
        m_memo.bytes = bytes;
        m_memo.wavelengths = wavelengths;
        m_memo.bitRate = bitRate;
        m_memo.time = Seconds(
            optical::SerializationSeconds(bytes, wavelengths, static_cast<double>(bitRate)));
    }
    return *m_memo.time;
}

Time
CoherentTransceiver::GetDspLatency() const
{
    return m_dspLatency;
}

Time
CoherentTransceiver::GetFecLatency() const
{
    return m_fecLatency;
}

void
CoherentTransceiver::NotifyTransmitted(uint64_t bytes)
{
    m_transmittedBits += 8 * bytes;
}

uint64_t
CoherentTransceiver::GetTransmittedBits() const
{
    return m_transmittedBits;
}

double
CoherentTransceiver::GetTransmitEnergyJoules() const
{
    return static_cast<double>(m_transmittedBits) * m_energyPerBitPj * 1e-12;
}

void
CoherentTransceiver::SetStaticPowerWatts(double w)
{
    NS_ABORT_MSG_IF(w < 0 || !(w == w),
                    "ns3::CoherentTransceiver::StaticPowerWattsPerWavelength = "
                        << w << " W is invalid: use a power >= 0 W");
    m_staticWattsPerLambda = w;
}

double
CoherentTransceiver::GetStaticPowerWattsPerWavelength() const
{
    return m_staticWattsPerLambda;
}

double
CoherentTransceiver::GetStaticPowerWatts() const
{
    return m_staticWattsPerLambda * m_wavelengths;
}

double
CoherentTransceiver::GetEnergyJoules() const
{
    // Computed from the bit counter on demand: the per-frame path only adds to an integer.
    return GetTransmitEnergyJoules() +
           GetStaticPowerWatts() * (Simulator::Now() - TimeStep(m_sinceStep)).GetSeconds();
}

} // namespace ns3
