/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "wavelength-routed-circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("WavelengthRoutedCircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(WavelengthRoutedCircuitScheduler);

TypeId
WavelengthRoutedCircuitScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::WavelengthRoutedCircuitScheduler")
            .SetParent<SlottedCircuitScheduler>()
            .SetGroupName("ScaleAcross")
            .AddConstructor<WavelengthRoutedCircuitScheduler>()
            .AddAttribute("TuningTime",
                          "Time from the start of a slot until the retuned lasers' light is "
                          "received (tuning + clock recovery; Sirius: 3.84 ns) (>= 0); 0 = the "
                          "crossbar's ReconfigurationTime (the AWGR preset's: 4 ns). Sub-ns "
                          "values need Time::SetResolution (Time::PS).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&WavelengthRoutedCircuitScheduler::SetTuningTime,
                                           &WavelengthRoutedCircuitScheduler::GetTuningTime),
                          MakeTimeChecker());
    return tid;
}

WavelengthRoutedCircuitScheduler::WavelengthRoutedCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

WavelengthRoutedCircuitScheduler::~WavelengthRoutedCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

uint32_t
WavelengthRoutedCircuitScheduler::Wavelength(uint32_t srcPort, uint32_t dstPort, uint32_t ports)
{
    return (dstPort + ports - srcPort % ports) % ports;
}

void
WavelengthRoutedCircuitScheduler::SetTuningTime(Time t)
{
    NS_ABORT_MSG_IF(t.IsStrictlyNegative(),
                    "ns3::WavelengthRoutedCircuitScheduler::TuningTime = "
                        << t.As(Time::NS) << " is invalid: use >= 0");
    // The cycle took it as its set-up time when the simulation started.
    CheckNotStarted("TuningTime");
    m_tuningTime = t;
}

Time
WavelengthRoutedCircuitScheduler::GetTuningTime() const
{
    return m_tuningTime;
}

Time
WavelengthRoutedCircuitScheduler::GetSetUpAttribute() const
{
    return m_tuningTime;
}

void
WavelengthRoutedCircuitScheduler::CheckSetUp(Time setUp, Time reconfiguration) const
{
    // A passive AWGR never reconfigures: the lasers' tuning is the only set-up, whatever the
    // crossbar object's ReconfigurationTime says.
}

} // namespace ns3
