/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fault-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/optical-channel.h"
#include "ns3/optical-net-device.h"
#include "ns3/packet-link.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/simulator.h"

#include <cmath>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FaultHelper");

namespace
{
/// @param crossbar a crossbar @param port a port @param what the call, for the message
void
CheckCrossbarPort(Ptr<PhotonicCrossbar> crossbar, uint32_t port, const char* what)
{
    NS_ABORT_MSG_IF(!crossbar, "FaultHelper::" << what << ": the crossbar is null");
    NS_ABORT_MSG_IF(port >= crossbar->GetNPorts() || !crossbar->HasEndpoint(port),
                    "FaultHelper::" << what << ": port = " << port
                                    << " does not exist: use a crossbar port with a NIC (0 ... "
                                    << crossbar->GetNPorts() - 1 << ")");
}

/// @param device an optical NIC @param what the call, for the message
void
CheckOptical(Ptr<OpticalNetDevice> device, const char* what)
{
    NS_ABORT_MSG_IF(!device || !device->GetCrossbar(),
                    "FaultHelper::" << what
                                    << ": the device does not exist or is not attached to a "
                                       "crossbar: use an OpticalNetDevice that "
                                       "OpticalFabricHelper installed");
}
} // namespace

FaultHelper::FaultHelper(const std::string& name)
    : m_injector(CreateObject<FaultInjector>())
{
    Names::Add(name, m_injector);
}

Ptr<FaultInjector>
FaultHelper::GetInjector() const
{
    return m_injector;
}

int64_t
FaultHelper::AssignStreams(int64_t stream)
{
    return m_injector->AssignStreams(stream);
}

uint32_t
FaultHelper::AddOptical(Ptr<OpticalNetDevice> device, FaultComponent component)
{
    Ptr<PhotonicCrossbar> xbar = device->GetCrossbar();
    const uint32_t port = device->GetCrossbarPort();
    const DropReason reason = component == FaultComponent::TRANSCEIVER ? DropReason::DEVICE_FAILED
                                                                       : DropReason::LINK_DOWN;
    std::ostringstream name;
    name << (component == FaultComponent::TRANSCEIVER ? "transceiver"
             : component == FaultComponent::FIBER     ? "fiber"
                                                      : "crossbar port")
         << " of " << device->GetByteCountersName();
    return m_injector->Add(
        name.str(),
        [xbar, port, component, reason]() { xbar->FailPort(port, component, reason); },
        [xbar, port, component]() { xbar->RepairPort(port, component); });
}

uint32_t
FaultHelper::FailTransceiver(Ptr<OpticalNetDevice> device, Time at, Time repairAt)
{
    CheckOptical(device, "FailTransceiver");
    const uint32_t id = AddOptical(device, FaultComponent::TRANSCEIVER);
    m_injector->Schedule(id, at, repairAt);
    return id;
}

uint32_t
FaultHelper::FailFiber(Ptr<OpticalNetDevice> device, Time at, Time repairAt)
{
    CheckOptical(device, "FailFiber");
    const uint32_t id = AddOptical(device, FaultComponent::FIBER);
    m_injector->Schedule(id, at, repairAt);
    return id;
}

uint32_t
FaultHelper::FailCrossbarPort(Ptr<PhotonicCrossbar> crossbar, uint32_t port, Time at, Time repairAt)
{
    CheckCrossbarPort(crossbar, port, "FailCrossbarPort");
    std::ostringstream name;
    name << "port " << port << " of " << crossbar->GetByteCountersName();
    const uint32_t id = m_injector->Add(
        name.str(),
        [crossbar, port]() {
            crossbar->FailPort(port, FaultComponent::PORT, DropReason::LINK_DOWN);
        },
        [crossbar, port]() { crossbar->RepairPort(port, FaultComponent::PORT); });
    m_injector->Schedule(id, at, repairAt);
    return id;
}

uint32_t
FaultHelper::AddCrossbar(Ptr<PhotonicCrossbar> crossbar)
{
    NS_ABORT_MSG_IF(!crossbar, "FaultHelper::FailCrossbar: the crossbar does not exist (null)");
    return m_injector->Add(
        crossbar->GetByteCountersName(),
        [crossbar]() { crossbar->FailCrossbar(); },
        [crossbar]() { crossbar->RepairCrossbar(); });
}

uint32_t
FaultHelper::FailCrossbar(Ptr<PhotonicCrossbar> crossbar, Time at, Time repairAt)
{
    const uint32_t id = AddCrossbar(crossbar);
    m_injector->Schedule(id, at, repairAt);
    return id;
}

uint32_t
FaultHelper::FailSetUp(Ptr<PhotonicCrossbar> crossbar, uint32_t srcPort, Time at)
{
    CheckCrossbarPort(crossbar, srcPort, "FailSetUp");
    std::ostringstream name;
    name << "next set-up from port " << srcPort << " of " << crossbar->GetByteCountersName();
    const uint32_t id = m_injector->Add(
        name.str(),
        [crossbar, srcPort]() { crossbar->FailNextSetUp(srcPort); },
        nullptr);
    m_injector->Schedule(id, at);
    return id;
}

uint32_t
FaultHelper::DegradeFiber(Ptr<OpticalNetDevice> device, Time from, double dbPerSecond)
{
    CheckOptical(device, "DegradeFiber");
    NS_ABORT_MSG_IF(!(dbPerSecond > 0) || std::isinf(dbPerSecond),
                    "FaultHelper::DegradeFiber: rate = " << dbPerSecond
                                                         << " dB/s is invalid: use a finite rate "
                                                            "> 0");
    Ptr<PhotonicCrossbar> xbar = device->GetCrossbar();
    const uint32_t port = device->GetCrossbarPort();
    Ptr<OpticalChannel> fiber = DynamicCast<OpticalChannel>(device->GetChannel());
    // The failure: the fiber fails with the link budget's reason.
    const uint32_t failure = m_injector->Add(
        "degraded fiber of " + device->GetByteCountersName(),
        [xbar, port]() { xbar->FailPort(port, FaultComponent::FIBER, DropReason::LINK_BUDGET); },
        nullptr);
    Ptr<FaultInjector> injector = m_injector;
    Simulator::Schedule(from - Simulator::Now(), [=]() {
        fiber->SetLossGrowth(dbPerSecond);
        // The loss grows linearly, so the worst margin reaches 0 after margin / rate.
        const double margin = std::max(0.0, xbar->GetWorstMarginDb(port));
        NS_LOG_INFO("fiber of port " << port << " degrades at " << dbPerSecond << " dB/s from "
                                     << margin << " dB of margin");
        injector->Schedule(failure, Simulator::Now() + Seconds(margin / dbPerSecond));
    });
    return failure;
}

uint32_t
FaultHelper::AddLink(Ptr<PacketLink> link)
{
    NS_ABORT_MSG_IF(!link || !link->GetEnd(0),
                    "FaultHelper::FailLink: the link does not exist or is not connected: use a "
                    "PacketLink a fabric helper wired");
    std::ostringstream name;
    name << "PacketLink " << link->GetId();
    return m_injector->Add(
        name.str(),
        [link]() { link->Fail(DropReason::LINK_DOWN); },
        [link]() { link->Repair(); });
}

uint32_t
FaultHelper::FailLink(Ptr<PacketLink> link, Time at, Time repairAt)
{
    const uint32_t id = AddLink(link);
    m_injector->Schedule(id, at, repairAt);
    return id;
}

uint32_t
FaultHelper::AddSwitch(Ptr<PacketSwitch> sw)
{
    NS_ABORT_MSG_IF(!sw, "FaultHelper::FailSwitch: the switch is null");
    std::vector<Ptr<PacketLink>> links;
    for (uint32_t port = 0; port < sw->GetNPorts(); ++port)
    {
        if (sw->IsPortConnected(port))
        {
            links.push_back(sw->GetPortLink(port));
        }
    }
    return m_injector->Add(
        sw->GetByteCountersName(),
        [links]() {
            for (const Ptr<PacketLink>& link : links)
            {
                link->Fail(DropReason::DEVICE_FAILED);
            }
        },
        [links]() {
            for (const Ptr<PacketLink>& link : links)
            {
                link->Repair();
            }
        });
}

uint32_t
FaultHelper::FailSwitch(Ptr<PacketSwitch> sw, Time at, Time repairAt)
{
    const uint32_t id = AddSwitch(sw);
    m_injector->Schedule(id, at, repairAt);
    return id;
}

uint32_t
FaultHelper::AddPacketDevice(Ptr<PacketNetDevice> device, FaultComponent component)
{
    NS_ABORT_MSG_IF(!device || !device->GetChannel(),
                    "FaultHelper: the device does not exist or is not attached: use a "
                    "PacketNetDevice a fabric helper installed");
    NS_ABORT_MSG_IF(component != FaultComponent::TRANSCEIVER && component != FaultComponent::FIBER,
                    "FaultHelper: component = " << ToString(component)
                                                << " is invalid for a PacketNetDevice: use "
                                                   "Transceiver or Fiber (its link)");
    Ptr<PacketLink> link = DynamicCast<PacketLink>(device->GetChannel());
    const DropReason reason = component == FaultComponent::TRANSCEIVER ? DropReason::DEVICE_FAILED
                                                                       : DropReason::LINK_DOWN;
    return m_injector->Add(
        (component == FaultComponent::TRANSCEIVER ? "transceiver of " : "link of ") +
            device->GetByteCountersName(),
        [link, reason]() { link->Fail(reason); },
        [link]() { link->Repair(); });
}

uint32_t
FaultHelper::FailPacketTransceiver(Ptr<PacketNetDevice> device, Time at, Time repairAt)
{
    const uint32_t id = AddPacketDevice(device, FaultComponent::TRANSCEIVER);
    m_injector->Schedule(id, at, repairAt);
    return id;
}

std::vector<Time>
FaultHelper::AddRandomFailures(const NetDeviceContainer& devices,
                               FaultComponent component,
                               double failuresPerHour,
                               Time repairTime,
                               Time until)
{
    std::vector<uint32_t> ids;
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        if (Ptr<OpticalNetDevice> o = DynamicCast<OpticalNetDevice>(devices.Get(i)))
        {
            CheckOptical(o, "AddRandomFailures");
            NS_ABORT_MSG_IF(
                component == FaultComponent::SWITCH || component == FaultComponent::COUNT,
                "FaultHelper::AddRandomFailures: component = "
                    << ToString(component) << " is invalid: use Transceiver, Fiber or Port");
            ids.push_back(AddOptical(o, component));
        }
        else
        {
            ids.push_back(AddPacketDevice(DynamicCast<PacketNetDevice>(devices.Get(i)), component));
        }
    }
    return m_injector->AddRandomFailures(ids, failuresPerHour, repairTime, until);
}

std::vector<Time>
FaultHelper::AddRandomSwitchFailures(const std::vector<Ptr<PacketSwitch>>& switches,
                                     double failuresPerHour,
                                     Time repairTime,
                                     Time until)
{
    return AddRandomPartFailures(switches,
                                 &FaultHelper::AddSwitch,
                                 failuresPerHour,
                                 repairTime,
                                 until);
}

std::vector<Time>
FaultHelper::AddRandomCrossbarFailures(const std::vector<Ptr<PhotonicCrossbar>>& crossbars,
                                       double failuresPerHour,
                                       Time repairTime,
                                       Time until)
{
    return AddRandomPartFailures(crossbars,
                                 &FaultHelper::AddCrossbar,
                                 failuresPerHour,
                                 repairTime,
                                 until);
}

std::vector<Time>
FaultHelper::AddRandomLinkFailures(const std::vector<Ptr<PacketLink>>& links,
                                   double failuresPerHour,
                                   Time repairTime,
                                   Time until)
{
    return AddRandomPartFailures(links, &FaultHelper::AddLink, failuresPerHour, repairTime, until);
}

} // namespace ns3
