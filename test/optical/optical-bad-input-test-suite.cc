/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-bad-input: every bad attribute or impossible topology stops with one
 * message that names the attribute, the value and what would be valid; the edge values
 * that are valid are accepted.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/coherent-transceiver.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/optical-channel.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/static-circuit-scheduler.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Set one attribute of a fresh object of type T.
template <typename T>
std::function<void()>
SetOn(std::string name, std::shared_ptr<AttributeValue> value)
{
    return [name, value]() { CreateObject<T>()->SetAttribute(name, *value); };
}

/// Valid edge values are accepted.
class EdgesAcceptedTestCase : public TestCase
{
  public:
    EdgesAcceptedTestCase()
        : TestCase("valid edge values are accepted")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<CoherentTransceiver> x = CreateObject<CoherentTransceiver>();
        x->SetAttribute("Wavelengths", UintegerValue(1));
        x->SetAttribute("Wavelengths", UintegerValue(1024));
        x->SetAttribute("DataRatePerWavelength", DataRateValue(DataRate("1bps")));
        x->SetAttribute("DspLatency", TimeValue(Seconds(0)));
        x->SetAttribute("EnergyPerBit", DoubleValue(0));
        NS_TEST_ASSERT_MSG_EQ(x->GetWavelengths(), 1024, "Wavelengths = 1024 kept");
        Ptr<OpticalChannel> ch = CreateObject<OpticalChannel>();
        ch->SetAttribute("Length", DoubleValue(0));
        ch->SetAttribute("RefractiveIndex", DoubleValue(1.0));
        NS_TEST_ASSERT_MSG_EQ(ch->GetDelay(), Seconds(0), "zero-length fiber has no delay");
        Ptr<PhotonicCrossbar> xb = CreateObject<PhotonicCrossbar>();
        xb->SetAttribute("NumPorts", UintegerValue(1));
        xb->SetAttribute("ReconfigurationTime", TimeValue(Seconds(0)));
        xb->SetAttribute("InsertionLoss", DoubleValue(0));
        NS_TEST_ASSERT_MSG_EQ(xb->GetNPorts(), 1, "NumPorts = 1 kept");
    }
};

/// @return a function that builds a fabric with a bad topology
std::function<void()>
Topology(std::function<void(OpticalFabricHelper&, NodeContainer&)> twist, uint32_t n = 4)
{
    return [twist, n]() {
        NodeContainer nodes;
        nodes.Create(n);
        OpticalFabricHelper fabric;
        twist(fabric, nodes);
    };
}

/// The suite.
class OpticalBadInputTestSuite : public TestSuite
{
  public:
    OpticalBadInputTestSuite()
        : TestSuite("scale-across-optical-bad-input", TestSuite::Type::UNIT)
    {
        using V = std::shared_ptr<AttributeValue>;
        auto u = [](uint64_t v) -> V { return std::make_shared<UintegerValue>(v); };
        auto d = [](double v) -> V { return std::make_shared<DoubleValue>(v); };
        auto t = [](Time v) -> V { return std::make_shared<TimeValue>(v); };

        AddTestCase(new EdgesAcceptedTestCase());
        // Transceiver
        Add("Wavelengths = 0",
            SetOn<CoherentTransceiver>("Wavelengths", u(0)),
            {"Wavelengths = 0", "1 ... 1024"});
        Add("Wavelengths = 1025",
            SetOn<CoherentTransceiver>("Wavelengths", u(1025)),
            {"Wavelengths = 1025", "1 ... 1024"});
        Add("DataRatePerWavelength = 0",
            SetOn<CoherentTransceiver>("DataRatePerWavelength",
                                       std::make_shared<DataRateValue>(DataRate("0bps"))),
            {"DataRatePerWavelength = 0bps", "positive rate"});
        Add("DspLatency < 0",
            SetOn<CoherentTransceiver>("DspLatency", t(NanoSeconds(-1))),
            {"DspLatency", "-1", ">= 0"});
        Add("FecLatency < 0",
            SetOn<CoherentTransceiver>("FecLatency", t(NanoSeconds(-5))),
            {"FecLatency", "-5", ">= 0"});
        Add("EnergyPerBit < 0",
            SetOn<CoherentTransceiver>("EnergyPerBit", d(-1)),
            {"EnergyPerBit = -1", ">= 0"});
        // Fiber
        Add("Length < 0", SetOn<OpticalChannel>("Length", d(-1)), {"Length = -1", ">= 0"});
        Add("RefractiveIndex < 1",
            SetOn<OpticalChannel>("RefractiveIndex", d(0.5)),
            {"RefractiveIndex = 0.5", ">= 1"});
        Add("Attenuation < 0",
            SetOn<OpticalChannel>("Attenuation", d(-0.2)),
            {"Attenuation = -0.2", ">= 0"});
        Add("ConnectorLoss < 0",
            SetOn<OpticalChannel>("ConnectorLoss", d(-1)),
            {"ConnectorLoss = -1", ">= 0"});
        // Crossbar
        Add("NumPorts = 0", SetOn<PhotonicCrossbar>("NumPorts", u(0)), {"NumPorts = 0", ">= 1"});
        Add("LanesPerPort = 0",
            SetOn<PhotonicCrossbar>("LanesPerPort", u(0)),
            {"LanesPerPort = 0", ">= 1"});
        Add("ReconfigurationTime < 0",
            SetOn<PhotonicCrossbar>("ReconfigurationTime", t(MicroSeconds(-1))),
            {"ReconfigurationTime", ">= 0"});
        Add("SwitchingLatency < 0",
            SetOn<PhotonicCrossbar>("SwitchingLatency", t(NanoSeconds(-1))),
            {"SwitchingLatency", ">= 0"});
        Add("InsertionLoss < 0",
            SetOn<PhotonicCrossbar>("InsertionLoss", d(-3)),
            {"InsertionLoss = -3", ">= 0"});
        Add("PortPower < 0",
            SetOn<PhotonicCrossbar>("PortPower", d(-1)),
            {"PortPower = -1", ">= 0"});
        Add("unknown technology",
            []() { OpticalFabricHelper().SetCrossbarTechnology("Magic"); },
            {"\"Magic\"", "MEMS, Piezo, SiPh-MZI, SOA"});
        // Device
        Add("Mtu = 0", SetOn<OpticalNetDevice>("Mtu", u(0)), {"Mtu = 0", "1 ... 65535"});
        Add("MaxBurstBytes < Mtu",
            SetOn<OpticalNetDevice>("MaxBurstBytes", u(100)),
            {"MaxBurstBytes = 100", "Mtu (1500)"});
        Add("WavelengthsPerCircuit does not divide Wavelengths",
            Topology([](OpticalFabricHelper& f, NodeContainer& n) {
                f.SetTransceiverAttribute("Wavelengths", UintegerValue(4));
                f.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(3));
                f.Install(n);
            }),
            {"WavelengthsPerCircuit = 3", "Wavelengths = 4", "divisor of 4"});
        // Topology
        Add("more nodes than ports",
            Topology([](OpticalFabricHelper& f, NodeContainer& n) {
                f.SetCrossbarAttribute("NumPorts", UintegerValue(2));
                f.Install(n);
            }),
            {"4 nodes", "NumPorts = 2"});
        Add("port out of range",
            Topology([](OpticalFabricHelper& f, NodeContainer& n) {
                NetDeviceContainer devs = f.Install(NodeContainer(n.Get(0), n.Get(1)));
                Ptr<OpticalNetDevice> extra = CreateObject<OpticalNetDevice>();
                extra->SetAddress(Mac48Address::Allocate());
                n.Get(2)->AddDevice(extra);
                extra->Attach(CreateObject<OpticalChannel>(), f.GetCrossbar(), 7);
            }),
            {"port 7 is out of range", "NumPorts = 2", "0 ... 1"});
        Add("second device on a used port",
            Topology([](OpticalFabricHelper& f, NodeContainer& n) {
                NetDeviceContainer devs = f.Install(NodeContainer(n.Get(0), n.Get(1)));
                Ptr<OpticalNetDevice> extra = CreateObject<OpticalNetDevice>();
                extra->SetAddress(Mac48Address::Allocate());
                n.Get(2)->AddDevice(extra);
                extra->Attach(CreateObject<OpticalChannel>(), f.GetCrossbar(), 1);
            }),
            {"port 1 already has a device"});
        Add("empty node container",
            Topology([](OpticalFabricHelper& f, NodeContainer&) { f.Install(NodeContainer()); }),
            {"NodeContainer is empty"});
        Add("static circuits that do not fit the lanes",
            Topology([](OpticalFabricHelper& f, NodeContainer& n) {
                Ptr<StaticCircuitScheduler> s = CreateObject<StaticCircuitScheduler>();
                s->AddCircuit(0, 1);
                s->AddCircuit(0, 2);
                f.SetCircuitScheduler(s);
                f.Install(n);
                Simulator::Run();
            }),
            {"circuit 0 -> 2 does not fit", "LanesPerPort = 1"});
        Add("static circuit to a port that does not exist",
            Topology([](OpticalFabricHelper& f, NodeContainer& n) {
                Ptr<StaticCircuitScheduler> s = CreateObject<StaticCircuitScheduler>();
                s->AddCircuit(0, 9);
                f.SetCircuitScheduler(s);
                f.Install(n);
                Simulator::Run();
            }),
            {"0 -> 9", "NumPorts = 4"});
        Add("ring of one port",
            []() { CreateObject<StaticCircuitScheduler>()->AddRing(1); },
            {"ports = 1", ">= 2"});
        Add("send on a device that is not attached",
            []() {
                Ptr<OpticalNetDevice> dev = CreateObject<OpticalNetDevice>();
                dev->Send(Create<Packet>(10), Mac48Address::GetBroadcast(), 0x88B5);
            },
            {"not attached to a crossbar", "OpticalFabricHelper::Install"});
        // The device sized its circuit lanes (and the crossbar its port's) by it.
        Add("a transceiver's Wavelengths set after Install",
            []() {
                NodeContainer n(2);
                OpticalFabricHelper().Install(n);
                Config::Set("/NodeList/0/DeviceList/0/$ns3::OpticalNetDevice/Transceiver/"
                            "Wavelengths",
                            UintegerValue(8));
            },
            {"CoherentTransceiver::Wavelengths", "cannot change once"});
    }

  private:
    void Add(std::string what, std::function<void()> fn, std::vector<std::string> words)
    {
        AddTestCase(new FatalTestCase(what, fn, words));
    }
};

/// Static instance registering the suite.
OpticalBadInputTestSuite g_opticalBadInputTestSuite;

} // namespace
