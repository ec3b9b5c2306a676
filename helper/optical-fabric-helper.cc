/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "optical-fabric-helper.h"

#include "fabric-trace-helper.h"

#include "ns3/abort.h"
#include "ns3/circuit-scheduler.h"
#include "ns3/coherent-transceiver.h"
#include "ns3/config.h"
#include "ns3/crossbar-technology.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/optical-channel.h"
#include "ns3/optical-net-device.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OpticalFabricHelper");

OpticalFabricHelper::OpticalFabricHelper()
    : m_numPortsSet(false)
{
    m_deviceFactory.SetTypeId("ns3::OpticalNetDevice");
    m_transceiverFactory.SetTypeId("ns3::CoherentTransceiver");
    m_channelFactory.SetTypeId("ns3::OpticalChannel");
    m_crossbarFactory.SetTypeId("ns3::PhotonicCrossbar");
}

OpticalFabricHelper::~OpticalFabricHelper()
{
}

void
OpticalFabricHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
OpticalFabricHelper::SetTransceiverAttribute(std::string name, const AttributeValue& value)
{
    m_transceiverFactory.Set(name, value);
}

void
OpticalFabricHelper::SetChannelAttribute(std::string name, const AttributeValue& value)
{
    m_channelFactory.Set(name, value);
}

void
OpticalFabricHelper::SetCrossbarAttribute(std::string name, const AttributeValue& value)
{
    NS_ABORT_MSG_IF(name == "LanesPerPort",
                    "OpticalFabricHelper sets the crossbar's LanesPerPort from the devices "
                    "(Wavelengths / WavelengthsPerCircuit); set those instead");
    m_numPortsSet = m_numPortsSet || name == "NumPorts";
    m_crossbarFactory.Set(name, value);
}

void
OpticalFabricHelper::SetCrossbarTechnology(const std::string& name)
{
    const CrossbarTechnology& t = CrossbarTechnology::Get(name);
    m_crossbarFactory.Set("Technology", StringValue(t.name));
    m_crossbarFactory.Set("ReconfigurationTime", TimeValue(t.reconfigurationTime));
    m_crossbarFactory.Set("InsertionLoss", DoubleValue(t.insertionLossDb));
    m_crossbarFactory.Set("PortPower", DoubleValue(t.portPowerW));
}

void
OpticalFabricHelper::SetIdealFabric()
{
    m_deviceFactory.Set("WavelengthsPerCircuit", UintegerValue(0));
    m_crossbarFactory.Set("Technology", StringValue(""));
    m_crossbarFactory.Set("ReconfigurationTime", TimeValue(Seconds(0)));
    m_scheduler = nullptr; // the crossbar's default: on demand
}

void
OpticalFabricHelper::SetCircuitScheduler(Ptr<CircuitScheduler> scheduler)
{
    m_scheduler = scheduler;
}

NetDeviceContainer
OpticalFabricHelper::Install(const NodeContainer& nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    NS_ABORT_MSG_IF(nodes.GetN() == 0, "OpticalFabricHelper::Install: the NodeContainer is empty");
    if (!m_numPortsSet)
    {
        m_crossbarFactory.Set("NumPorts", UintegerValue(nodes.GetN()));
    }
    // The first endpoint's device (with its transceiver) and fiber are built from the
    // factories; the others are copies of them (CopyObject), which is the same thing when the
    // factories make exactly these classes: a copy takes the attributes and none of the state.
    // It matters for speed: ns-3.37 built with logging (Debian's) serializes every attribute
    // to a string whenever an object is built from its attributes, which was most of a large
    // fabric's build time. A factory set to a derived class builds every endpoint (a copy
    // would lose what the derived class adds).
    const bool copyFirst = m_deviceFactory.GetTypeId() == OpticalNetDevice::GetTypeId() &&
                           m_transceiverFactory.GetTypeId() == CoherentTransceiver::GetTypeId() &&
                           m_channelFactory.GetTypeId() == OpticalChannel::GetTypeId();
    NetDeviceContainer devices;
    m_crossbar = nullptr;
    Ptr<OpticalNetDevice> firstDevice;
    Ptr<OpticalChannel> firstFiber;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        Ptr<OpticalNetDevice> device;
        if (copyFirst && firstDevice)
        {
            device = CopyObject(firstDevice); // with a copy of its transceiver
        }
        else
        {
            device = m_deviceFactory.Create<OpticalNetDevice>();
            device->SetTransceiver(m_transceiverFactory.Create<CoherentTransceiver>());
            firstDevice = device;
        }
        device->SetAddress(Mac48Address::Allocate());
        node->AddDevice(device);
        if (!m_crossbar)
        {
            // The first device tells how many circuit lanes every port needs.
            m_crossbarFactory.Set("LanesPerPort", UintegerValue(device->GetNCircuitLanes()));
            m_crossbar = m_crossbarFactory.Create<PhotonicCrossbar>();
            NS_ABORT_MSG_IF(m_crossbar->GetNPorts() < nodes.GetN(),
                            "OpticalFabricHelper::Install: "
                                << nodes.GetN()
                                << " nodes do not fit on a crossbar with NumPorts = "
                                << m_crossbar->GetNPorts());
            if (m_scheduler)
            {
                m_crossbar->SetScheduler(m_scheduler);
                m_scheduler = nullptr;
            }
        }
        Ptr<OpticalChannel> fiber;
        if (copyFirst && firstFiber)
        {
            fiber = CopyObject(firstFiber);
        }
        else
        {
            fiber = m_channelFactory.Create<OpticalChannel>();
            firstFiber = fiber;
        }
        device->Attach(fiber, m_crossbar, i);
        devices.Add(device);
    }
    return devices;
}

Ptr<PhotonicCrossbar>
OpticalFabricHelper::GetCrossbar() const
{
    return m_crossbar;
}

void
OpticalFabricHelper::EnablePcapInternal(std::string prefix,
                                        Ptr<NetDevice> nd,
                                        bool promiscuous,
                                        bool explicitFilename)
{
    if (!nd->GetObject<OpticalNetDevice>())
    {
        NS_LOG_INFO("OpticalFabricHelper::EnablePcapInternal(): device "
                    << nd << " is not an ns3::OpticalNetDevice");
        return;
    }
    FabricTraceHelper::EnablePcap(prefix, nd, promiscuous, explicitFilename);
}

void
OpticalFabricHelper::EnableAsciiInternal(Ptr<OutputStreamWrapper> stream,
                                         std::string prefix,
                                         Ptr<NetDevice> nd,
                                         bool explicitFilename)
{
    if (!nd->GetObject<OpticalNetDevice>())
    {
        NS_LOG_INFO("OpticalFabricHelper::EnableAsciiInternal(): device "
                    << nd << " is not an ns3::OpticalNetDevice");
        return;
    }
    FabricTraceHelper::EnableAscii(stream,
                                   prefix,
                                   nd,
                                   explicitFilename,
                                   {"MacTxDrop", "PhyTxDrop", "PhyRxDrop"});
}

} // namespace ns3
