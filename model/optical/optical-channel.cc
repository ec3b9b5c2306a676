/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "optical-channel.h"

#include "optical-net-device.h"
#include "optical-physics.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OpticalChannel");

NS_OBJECT_ENSURE_REGISTERED(OpticalChannel);

TypeId
OpticalChannel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::OpticalChannel")
            .SetParent<Channel>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<OpticalChannel>()
            .AddAttribute(
                "Length",
                "Fiber length from the NIC to its crossbar port, m (>= 0).",
                DoubleValue(10.0),
                MakeDoubleAccessor(&OpticalChannel::SetLength, &OpticalChannel::GetLengthMeters),
                MakeDoubleChecker<double>())
            .AddAttribute("RefractiveIndex",
                          "Group refractive index of the fiber (>= 1); 1.468 gives ~4.9 ns/m.",
                          DoubleValue(1.468),
                          MakeDoubleAccessor(&OpticalChannel::SetRefractiveIndex,
                                             &OpticalChannel::GetRefractiveIndex),
                          MakeDoubleChecker<double>())
            .AddAttribute("Attenuation",
                          "Fiber attenuation, dB/km (>= 0).",
                          DoubleValue(0.35),
                          MakeDoubleAccessor(&OpticalChannel::SetAttenuation,
                                             &OpticalChannel::GetAttenuationDbPerKm),
                          MakeDoubleChecker<double>())
            .AddAttribute("ConnectorLoss",
                          "Loss of the connectors on this fiber, dB (>= 0).",
                          DoubleValue(0.5),
                          MakeDoubleAccessor(&OpticalChannel::SetConnectorLoss,
                                             &OpticalChannel::GetConnectorLossDb),
                          MakeDoubleChecker<double>());
    return tid;
}

OpticalChannel::OpticalChannel()
    : m_length(10.0),
      m_refractiveIndex(1.468),
      m_attenuationDbPerKm(0.35),
      m_connectorLossDb(0.5)
{
    NS_LOG_FUNCTION(this);
    UpdateDelay();
}

OpticalChannel::OpticalChannel(const OpticalChannel& o)
    : Channel(),
      m_length(o.m_length),
      m_refractiveIndex(o.m_refractiveIndex),
      m_attenuationDbPerKm(o.m_attenuationDbPerKm),
      m_connectorLossDb(o.m_connectorLossDb),
      m_delay(o.m_delay)
{
    NS_LOG_FUNCTION(this << &o);
}

template <>
Ptr<OpticalChannel>
CopyObject<OpticalChannel>(Ptr<OpticalChannel> object)
{
    Ptr<OpticalChannel> copy(new OpticalChannel(*PeekPointer(object)), false);
    // Object::SetTypeId is private; CopyObject is a friend of Object.
    static_cast<Object*>(PeekPointer(copy))->SetTypeId(object->GetInstanceTypeId());
    return copy;
}

OpticalChannel::~OpticalChannel()
{
    NS_LOG_FUNCTION(this);
}

void
OpticalChannel::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_device = nullptr;
    Channel::DoDispose();
}

void
OpticalChannel::Attach(Ptr<OpticalNetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    NS_ABORT_MSG_IF(m_device != nullptr,
                    "ns3::OpticalChannel " << GetId()
                                           << " already has a device: a fiber joins exactly one "
                                              "NIC to one crossbar port");
    m_device = device;
}

void
OpticalChannel::SetLength(double meters)
{
    NS_ABORT_MSG_IF(meters < 0 || !(meters == meters),
                    "ns3::OpticalChannel::Length = " << meters
                                                     << " m is invalid: use a length >= 0 m");
    m_length = meters;
    UpdateDelay();
}

void
OpticalChannel::SetRefractiveIndex(double n)
{
    NS_ABORT_MSG_IF(n < 1.0 || !(n == n),
                    "ns3::OpticalChannel::RefractiveIndex = "
                        << n << " is invalid: use a group index >= 1 (silica fiber: ~1.468)");
    m_refractiveIndex = n;
    UpdateDelay();
}

void
OpticalChannel::SetAttenuation(double dbPerKm)
{
    NS_ABORT_MSG_IF(dbPerKm < 0 || !(dbPerKm == dbPerKm),
                    "ns3::OpticalChannel::Attenuation = "
                        << dbPerKm << " dB/km is invalid: use an attenuation >= 0 dB/km");
    m_attenuationDbPerKm = dbPerKm;
}

void
OpticalChannel::SetConnectorLoss(double db)
{
    NS_ABORT_MSG_IF(
        db < 0 || !(db == db),
        "ns3::OpticalChannel::ConnectorLoss = " << db << " dB is invalid: use a loss >= 0 dB");
    m_connectorLossDb = db;
}

void
OpticalChannel::UpdateDelay()
{
    m_delay = Seconds(optical::PropagationDelaySeconds(m_length, m_refractiveIndex));
}

Time
OpticalChannel::GetDelay() const
{
    return m_delay;
}

double
OpticalChannel::GetFiberLossDb() const
{
    return m_attenuationDbPerKm * m_length / 1000.0 + GetDegradationDb();
}

double
OpticalChannel::GetDegradationDb() const
{
    if (m_growthDbPerS == 0)
    {
        return m_grownDb;
    }
    return m_grownDb +
           m_growthDbPerS * (Simulator::Now() - TimeStep(m_growthSinceStep)).GetSeconds();
}

void
OpticalChannel::SetLossGrowth(double dbPerSecond)
{
    NS_LOG_FUNCTION(this << dbPerSecond);
    NS_ABORT_MSG_IF(!(dbPerSecond >= 0) || std::isinf(dbPerSecond),
                    "OpticalChannel::SetLossGrowth: rate = " << dbPerSecond
                                                             << " dB/s is invalid: use a finite "
                                                                "rate >= 0");
    m_grownDb = GetDegradationDb();
    m_growthDbPerS = dbPerSecond;
    m_growthSinceStep = Simulator::Now().GetTimeStep();
}

double
OpticalChannel::GetConnectorLossDb() const
{
    return m_connectorLossDb;
}

double
OpticalChannel::GetRefractiveIndex() const
{
    return m_refractiveIndex;
}

double
OpticalChannel::GetAttenuationDbPerKm() const
{
    return m_attenuationDbPerKm;
}

double
OpticalChannel::GetLengthMeters() const
{
    return m_length;
}

std::size_t
OpticalChannel::GetNDevices() const
{
    return m_device ? 1 : 0;
}

Ptr<NetDevice>
OpticalChannel::GetDevice(std::size_t i) const
{
    NS_ABORT_MSG_IF(i >= GetNDevices(),
                    "ns3::OpticalChannel::GetDevice(" << i << "): the fiber has " << GetNDevices()
                                                      << " device(s)");
    return m_device;
}

} // namespace ns3
