/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "byte-conservation.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ByteConservation");

NS_OBJECT_ENSURE_REGISTERED(ByteConservation);

namespace
{
/// The global value that turns the check off.
GlobalValue g_checkByteConservation(
    "CheckByteConservation",
    "At Simulator::Destroy, stop with a fatal error unless every fabric element's bytes "
    "balance: sent = delivered + queued + in flight + dropped (with a reason).",
    BooleanValue(true),
    MakeBooleanChecker());
} // namespace

ByteConservation* ByteConservation::s_current = nullptr;

ByteCounted::~ByteCounted() = default;

TypeId
ByteConservation::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ByteConservation")
                            .SetParent<Object>()
                            .SetGroupName("ScaleAcross")
                            .AddConstructor<ByteConservation>();
    return tid;
}

ByteConservation::ByteConservation() = default;

ByteConservation::~ByteConservation()
{
    if (s_current == this)
    {
        s_current = nullptr;
    }
}

ByteConservation&
ByteConservation::Current()
{
    if (!s_current)
    {
        Ptr<ByteConservation> registry = CreateObject<ByteConservation>();
        s_current = PeekPointer(registry);
        // The event owns the registry: it lives until the check has run.
        Simulator::ScheduleDestroy(&ByteConservation::CheckAtDestroy, registry);
    }
    return *s_current;
}

void
ByteConservation::Watch(Ptr<Object> element)
{
    NS_ABORT_MSG_IF(!element || !dynamic_cast<const ByteCounted*>(PeekPointer(element)),
                    "ByteConservation::Watch: the element is not ByteCounted");
    Current().m_elements.push_back(element);
}

bool
ByteConservation::CheckNow(std::string& report)
{
    if (!s_current)
    {
        report.clear();
        return true;
    }
    return s_current->Check(report);
}

bool
ByteConservation::Check(std::string& report) const
{
    std::ostringstream os;
    for (const Ptr<Object>& element : m_elements)
    {
        const auto* counted = dynamic_cast<const ByteCounted*>(PeekPointer(element));
        const ByteCounters& c = counted->GetByteCounters();
        if (!c.IsBalanced())
        {
            os << counted->GetByteCountersName() << ": " << c.Describe() << "\n";
        }
    }
    report = os.str();
    return report.empty();
}

void
ByteConservation::CheckAtDestroy()
{
    if (s_current == this)
    {
        s_current = nullptr; // the next simulation starts a registry of its own
    }
    BooleanValue enabled;
    g_checkByteConservation.GetValue(enabled);
    std::string report;
    if (enabled.Get() && !Check(report))
    {
        NS_FATAL_ERROR("bytes are not conserved (this is a bug in the model; run with "
                       "--CheckByteConservation=false, or set the global value "
                       "CheckByteConservation to false, to go on):\n"
                       << report);
    }
    m_elements.clear();
}

ByteCounters
ByteConservation::Sum(const NetDeviceContainer& devices)
{
    ByteCounters sum;
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        if (const auto* counted = dynamic_cast<const ByteCounted*>(PeekPointer(devices.Get(i))))
        {
            sum += counted->GetByteCounters();
        }
    }
    return sum;
}

ByteCounters
ByteConservation::SumDrops()
{
    ByteCounters sum;
    if (s_current == nullptr)
    {
        return sum; // nothing registered in this simulation
    }
    for (const Ptr<Object>& element : s_current->m_elements)
    {
        const auto* counted = dynamic_cast<const ByteCounted*>(PeekPointer(element));
        const ByteCounters& c = counted->GetByteCounters();
        for (size_t r = 0; r < sum.dropped.size(); ++r)
        {
            sum.dropped[r] += c.dropped[r];
        }
    }
    return sum;
}

} // namespace ns3
