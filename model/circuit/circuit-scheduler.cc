/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(CircuitScheduler);

TypeId
CircuitScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CircuitScheduler").SetParent<Object>().SetGroupName("ScaleAcross");
    return tid;
}

CircuitScheduler::CircuitScheduler()
    : m_crossbar(nullptr)
{
    NS_LOG_FUNCTION(this);
}

CircuitScheduler::~CircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
CircuitScheduler::SetCrossbar(PhotonicCrossbar* crossbar)
{
    NS_LOG_FUNCTION(this << crossbar);
    NS_ABORT_MSG_IF(crossbar != nullptr && m_crossbar != nullptr && crossbar != m_crossbar,
                    "a " << GetInstanceTypeId().GetName()
                         << " drives one crossbar; create one scheduler per crossbar");
    m_crossbar = crossbar;
}

void
CircuitScheduler::Start()
{
}

PhotonicCrossbar&
CircuitScheduler::Crossbar() const
{
    NS_ABORT_MSG_IF(m_crossbar == nullptr,
                    GetInstanceTypeId().GetName() << " is used before a PhotonicCrossbar took it "
                                                     "(set the crossbar's Scheduler attribute)");
    return *m_crossbar;
}

} // namespace ns3
