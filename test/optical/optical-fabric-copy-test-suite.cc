/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-fabric-copy: OpticalFabricHelper builds the first endpoint's device,
 * transceiver and fiber from its factories and copies them (CopyObject) for the others. A
 * copy must be what the factories would have built: every attribute equal (the test sets
 * each settable attribute to a value other than its default, and fails if one is added that
 * it does not set), its own transceiver and fiber, its own ChannelList index and TypeId, and
 * each copy's attributes still set on their own through their Config paths, with the path
 * latency following the closed form.
 */

#include "ns3/boolean.h"
#include "ns3/channel-list.h"
#include "ns3/coherent-transceiver.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/optical-channel.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/optical-net-device.h"
#include "ns3/optical-physics.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace ns3;

namespace
{

/// Attribute name -> value, for one class.
using AttributeMap = std::map<std::string, Ptr<const AttributeValue>>;

/// Non-default values for every settable attribute of the device (Address and Transceiver
/// aside: each device gets its own).
AttributeMap
DeviceValues()
{
    return {{"Mtu", Create<UintegerValue>(9000)},
            {"MaxBurstBytes", Create<UintegerValue>(1 << 20)},
            {"MaxQueueBytes", Create<UintegerValue>(12345678)},
            {"WavelengthsPerCircuit", Create<UintegerValue>(2)},
            {"WaitForCircuit", Create<BooleanValue>(false)}};
}

/// Non-default values for every settable attribute of the transceiver.
AttributeMap
TransceiverValues()
{
    return {{"Wavelengths", Create<UintegerValue>(4)},
            {"DataRatePerWavelength", Create<DataRateValue>(DataRate("800Gbps"))},
            {"DspLatency", Create<TimeValue>(NanoSeconds(70))},
            {"FecLatency", Create<TimeValue>(NanoSeconds(130))},
            {"LaunchPower", Create<DoubleValue>(1.5)},
            {"ReceiverSensitivity", Create<DoubleValue>(-20)},
            {"EnergyPerBit", Create<DoubleValue>(3.5)},
            {"StaticPowerWattsPerWavelength", Create<DoubleValue>(17)}};
}

/// Non-default values for every settable attribute of the fiber.
AttributeMap
FiberValues()
{
    return {{"Length", Create<DoubleValue>(123)},
            {"RefractiveIndex", Create<DoubleValue>(1.5)},
            {"Attenuation", Create<DoubleValue>(0.2)},
            {"ConnectorLoss", Create<DoubleValue>(0.7)}};
}

/// @return the attribute's value in object, serialized
std::string
Serialized(Ptr<const Object> object, const TypeId::AttributeInformation& info)
{
    Ptr<AttributeValue> value = info.checker->Create();
    object->GetAttribute(info.name, *value);
    return value->SerializeToString(info.checker);
}

/// Every settable attribute of tid and its parents, by name.
std::map<std::string, TypeId::AttributeInformation>
SettableAttributes(TypeId tid)
{
    std::map<std::string, TypeId::AttributeInformation> out;
    for (; tid != Object::GetTypeId(); tid = tid.GetParent())
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            if (info.flags & TypeId::ATTR_SET)
            {
                out.emplace(info.name, info);
            }
        }
    }
    return out;
}

/// Copies of the first endpoint's parts equal what the factories build.
class CopiesEqualFactoryTestCase : public TestCase
{
  public:
    CopiesEqualFactoryTestCase()
        : TestCase("every endpoint's device, transceiver and fiber equal factory-built ones")
    {
    }

  private:
    /// Check that the test sets every settable attribute of tid (but those in skip) to a
    /// value other than its initial one.
    void CheckCoverage(TypeId tid, const AttributeMap& values, const std::set<std::string>& skip)
    {
        for (const auto& [name, info] : SettableAttributes(tid))
        {
            if (skip.count(name) != 0)
            {
                continue;
            }
            auto it = values.find(name);
            const bool set = it != values.end();
            NS_TEST_ASSERT_MSG_EQ(set,
                                  true,
                                  tid.GetName() << "::" << name
                                                << " is not set by this test: add a non-default "
                                                   "value for it (the copies must carry it)");
            NS_TEST_ASSERT_MSG_NE(it->second->SerializeToString(info.checker),
                                  info.initialValue->SerializeToString(info.checker),
                                  tid.GetName() << "::" << name
                                                << ": the test's value must differ from the "
                                                   "default");
        }
    }

    /// Check that object's settable attributes (but those in skip) equal reference's.
    void CheckEqual(Ptr<const Object> object,
                    Ptr<const Object> reference,
                    const std::set<std::string>& skip,
                    uint32_t endpoint)
    {
        NS_TEST_ASSERT_MSG_EQ(object->GetInstanceTypeId(),
                              reference->GetInstanceTypeId(),
                              "endpoint " << endpoint << ": TypeId differs");
        for (const auto& [name, info] : SettableAttributes(reference->GetInstanceTypeId()))
        {
            if (skip.count(name) == 0)
            {
                NS_TEST_ASSERT_MSG_EQ(Serialized(object, info),
                                      Serialized(reference, info),
                                      "endpoint " << endpoint << ": "
                                                  << reference->GetInstanceTypeId().GetName()
                                                  << "::" << name << " differs");
            }
        }
    }

    void DoRun() override
    {
        const std::set<std::string> deviceSkip{"Address", "Transceiver"};
        CheckCoverage(OpticalNetDevice::GetTypeId(), DeviceValues(), deviceSkip);
        CheckCoverage(CoherentTransceiver::GetTypeId(), TransceiverValues(), {});
        CheckCoverage(OpticalChannel::GetTypeId(), FiberValues(), {});

        ObjectFactory deviceFactory("ns3::OpticalNetDevice");
        ObjectFactory transceiverFactory("ns3::CoherentTransceiver");
        ObjectFactory fiberFactory("ns3::OpticalChannel");
        OpticalFabricHelper fabric;
        for (const auto& [name, value] : DeviceValues())
        {
            fabric.SetDeviceAttribute(name, *value);
            deviceFactory.Set(name, *value);
        }
        for (const auto& [name, value] : TransceiverValues())
        {
            fabric.SetTransceiverAttribute(name, *value);
            transceiverFactory.Set(name, *value);
        }
        for (const auto& [name, value] : FiberValues())
        {
            fabric.SetChannelAttribute(name, *value);
            fiberFactory.Set(name, *value);
        }
        const Ptr<OpticalNetDevice> refDevice = deviceFactory.Create<OpticalNetDevice>();
        const Ptr<CoherentTransceiver> refTransceiver =
            transceiverFactory.Create<CoherentTransceiver>();
        const Ptr<OpticalChannel> refFiber = fiberFactory.Create<OpticalChannel>();

        const std::size_t fibersBefore =
            Config::LookupMatches("/ChannelList/*/$ns3::OpticalChannel").GetN();
        const uint32_t n = 5;
        NodeContainer nodes;
        nodes.Create(n);
        const NetDeviceContainer devices = fabric.Install(nodes);

        std::set<const void*> transceivers;
        std::set<const void*> fibers;
        std::set<uint32_t> fiberIds;
        std::set<Mac48Address> addresses;
        for (uint32_t i = 0; i < n; ++i)
        {
            Ptr<OpticalNetDevice> dev = DynamicCast<OpticalNetDevice>(devices.Get(i));
            Ptr<OpticalChannel> fiber = DynamicCast<OpticalChannel>(dev->GetChannel());
            CheckEqual(dev, refDevice, deviceSkip, i);
            CheckEqual(dev->GetTransceiver(), refTransceiver, {}, i);
            CheckEqual(fiber, refFiber, {}, i);
            NS_TEST_ASSERT_MSG_EQ(dev->GetNode(), nodes.Get(i), "device on the wrong node");
            NS_TEST_ASSERT_MSG_EQ(dev->GetCrossbarPort(), i, "device on the wrong port");
            NS_TEST_ASSERT_MSG_EQ(fiber->GetDevice(0), dev, "fiber holds another device");
            NS_TEST_ASSERT_MSG_EQ(ChannelList::GetChannel(fiber->GetId()),
                                  fiber,
                                  "the fiber's ChannelList index is not its own");
            NS_TEST_ASSERT_MSG_EQ(dev->GetTransceiver()->GetTransmittedBits(),
                                  0,
                                  "a new transceiver has transmitted nothing");
            transceivers.insert(PeekPointer(dev->GetTransceiver()));
            fibers.insert(PeekPointer(fiber));
            fiberIds.insert(fiber->GetId());
            addresses.insert(Mac48Address::ConvertFrom(dev->GetAddress()));
        }
        NS_TEST_ASSERT_MSG_EQ(transceivers.size(), n, "endpoints share a transceiver");
        NS_TEST_ASSERT_MSG_EQ(fibers.size(), n, "endpoints share a fiber");
        NS_TEST_ASSERT_MSG_EQ(fiberIds.size(), n, "fibers share a ChannelList index");
        NS_TEST_ASSERT_MSG_EQ(addresses.size(), n, "endpoints share an address");
        NS_TEST_ASSERT_MSG_EQ(Config::LookupMatches("/ChannelList/*/$ns3::OpticalChannel").GetN(),
                              fibersBefore + n,
                              "Config does not see every fiber as an ns3::OpticalChannel");
        refDevice->Dispose();
        refFiber->Dispose();
        Simulator::Destroy();
    }
};

/// Each copy's attributes are set on their own through their Config paths.
class CopiesSetOnTheirOwnTestCase : public TestCase
{
  public:
    CopiesSetOnTheirOwnTestCase()
        : TestCase("Config::Set on one copied endpoint's transceiver and fiber acts on it alone")
    {
    }

  private:
    void DoRun() override
    {
        const double index = 1.468;
        const double length = 10;
        OpticalFabricHelper fabric;
        fabric.SetChannelAttribute("Length", DoubleValue(length));
        fabric.SetChannelAttribute("RefractiveIndex", DoubleValue(index));
        fabric.SetCrossbarAttribute("SwitchingLatency", TimeValue(NanoSeconds(30)));
        NodeContainer nodes;
        nodes.Create(4);
        const NetDeviceContainer devices = fabric.Install(nodes);
        auto dev = [&devices](uint32_t i) { return DynamicCast<OpticalNetDevice>(devices.Get(i)); };

        // Endpoint 3 (a copy): another DSP latency on its transceiver, another length of its
        // fiber, each through its own Config path.
        std::ostringstream device3;
        device3 << "/NodeList/" << nodes.Get(3)->GetId() << "/DeviceList/" << dev(3)->GetIfIndex()
                << "/$ns3::OpticalNetDevice";
        Config::Set(device3.str() + "/Transceiver/DspLatency", TimeValue(NanoSeconds(500)));
        std::ostringstream fiber3;
        fiber3 << "/ChannelList/" << dev(3)->GetChannel()->GetId()
               << "/$ns3::OpticalChannel/Length";
        const double length3 = 250;
        Config::Set(fiber3.str(), DoubleValue(length3));

        // Path latency: fiber + switching + fiber + the receiver's DSP and FEC latencies.
        auto fiberDelay = [index](double meters) {
            return Seconds(meters * index / optical::SPEED_OF_LIGHT);
        };
        const Time to1 =
            fiberDelay(length) + NanoSeconds(30) + fiberDelay(length) + NanoSeconds(100 + 100);
        const Time to3 =
            fiberDelay(length) + NanoSeconds(30) + fiberDelay(length3) + NanoSeconds(500 + 100);
        NS_TEST_ASSERT_MSG_EQ_TOL(dev(0)->GetPathLatency(dev(1)->GetAddress()),
                                  to1,
                                  NanoSeconds(1),
                                  "endpoint 1 changed with endpoint 3");
        NS_TEST_ASSERT_MSG_EQ_TOL(dev(0)->GetPathLatency(dev(3)->GetAddress()),
                                  to3,
                                  NanoSeconds(1),
                                  "endpoint 3's transceiver or fiber did not take its values");
        NS_TEST_ASSERT_MSG_EQ(dev(2)->GetTransceiver()->GetDspLatency(),
                              NanoSeconds(100),
                              "endpoint 2's transceiver changed with endpoint 3's");
        NS_TEST_ASSERT_MSG_EQ(DynamicCast<OpticalChannel>(dev(2)->GetChannel())->GetLengthMeters(),
                              length,
                              "endpoint 2's fiber changed with endpoint 3's");
        Simulator::Destroy();
    }
};

/// The suite.
class OpticalFabricCopyTestSuite : public TestSuite
{
  public:
    OpticalFabricCopyTestSuite()
        : TestSuite("scale-across-optical-fabric-copy", TestSuite::Type::UNIT)
    {
        AddTestCase(new CopiesEqualFactoryTestCase());
        AddTestCase(new CopiesSetOnTheirOwnTestCase());
    }
};

/// Static instance.
OpticalFabricCopyTestSuite g_opticalFabricCopyTestSuite;

} // namespace
