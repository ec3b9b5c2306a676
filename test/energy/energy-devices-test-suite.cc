/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-energy-devices: every device's energy after a known transfer, and the fabric
 * report against the devices.
 *
 * Each device's energy since its creation (time 0 here) is
 *   E = pJ/bit x 1e-12 x bits + W x T (+ J per reconfiguration x reconfigurations),
 * T the end of the run. The bits are known in closed form:
 *  - optical: a frame of S payload bytes is S + 14 bytes (MAC header) on the sender's
 *    coherent transceiver; the on-demand crossbar sets up one circuit per direction, each
 *    taking ReconfigurationTime > 0, so two reconfigurations;
 *  - packet: a frame of C cells of w wire bytes from host 0 (leaf 0) to host 2 (leaf 1) is
 *    8 C w bits on the transceivers of the four ends that send it (host 0, leaf 0's up port,
 *    the spine's down port, leaf 1's port to host 2), and forwarded once by each of the three
 *    switches it crosses.
 * The report of FabricPowerHelper over [0, T] must equal the sum of the devices' own
 * GetEnergyJoules(), class by class; over [t1, T] after StartInterval at t1 (all traffic done)
 * it is the static power x (T - t1).
 */

#include "../electrical-test-fixture.h"
#include "../scale-across-test-fixture.h"

#include "ns3/coherent-transceiver.h"
#include "ns3/double.h"
#include "ns3/fabric-cost-model.h"
#include "ns3/fabric-power-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/packet-link.h"
#include "ns3/packet-switch.h"
#include "ns3/packet-transceiver.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/power-technology.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Relative tolerance of energy sums (a few additions of doubles).
constexpr double REL = 1e-12;

/// Optical fabric: coherent transceivers and the crossbar, then the report.
class OpticalEnergyTestCase : public TestCase
{
  public:
    OpticalEnergyTestCase()
        : TestCase("optical: transceiver pJ per bit x bits + W x T; crossbar W x T + J x "
                   "reconfigurations; report = sum of devices")
    {
    }

  private:
    void DoRun() override
    {
        const double pj = 3;            // transceiver pJ/bit
        const double lambdaWatts = 7;   // transceiver W per wavelength
        const uint32_t wavelengths = 2; // so it draws 14 W
        const double portWatts = 0.2;   // crossbar W per port
        const double reconfJ = 0.5;     // crossbar J per set-up
        const uint32_t payload = 10000;
        FabricConfig c;
        c.nodes = 2;
        c.wavelengths = wavelengths;
        TestFabric f(c);
        for (uint32_t i = 0; i < 2; ++i)
        {
            f.Dev(i)->GetTransceiver()->SetAttribute("EnergyPerBit", DoubleValue(pj));
            f.Dev(i)->GetTransceiver()->SetAttribute("StaticPowerWattsPerWavelength",
                                                     DoubleValue(lambdaWatts));
        }
        f.crossbar->SetAttribute("PortPower", DoubleValue(portWatts));
        f.crossbar->SetAttribute("ReconfigurationEnergyJoules", DoubleValue(reconfJ));
        double traced = 0;
        f.crossbar->TraceConnectWithoutContext(
            "Reconfiguration",
            MakeCallback(+[](double* sum, uint32_t, uint32_t, double j) {
                *sum += j;
            }).Bind(&traced));
        FabricPowerHelper all;
        all.Install(f.nodes);
        FabricPowerHelper late;
        Simulator::Schedule(MicroSeconds(50), &FabricPowerHelper::StartInterval, &late);
        late.Install(f.nodes); // baseline now, moved to 50 us by the event above
        f.SendAt(Seconds(0), 0, 1, payload);
        f.SendAt(Seconds(0), 1, 0, payload);
        Simulator::Stop(MicroSeconds(100));
        Simulator::Run();
        const double t = Simulator::Now().GetSeconds();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both frames delivered");
        const uint64_t frameBits = uint64_t{8} * (payload + MAC_HEADER);
        double sum = 0;
        for (uint32_t i = 0; i < 2; ++i)
        {
            const CoherentTransceiver& x = *f.Dev(i)->GetTransceiver();
            NS_TEST_EXPECT_MSG_EQ(x.GetTransmittedBits(), frameBits, "8 x (S + 14) bits");
            NS_TEST_EXPECT_MSG_EQ_TOL(x.GetStaticPowerWatts(),
                                      wavelengths * lambdaWatts,
                                      1e-12,
                                      "Wavelengths x W per wavelength");
            const double e = pj * 1e-12 * frameBits + wavelengths * lambdaWatts * t;
            NS_TEST_EXPECT_MSG_EQ_TOL(x.GetEnergyJoules(), e, e * REL, "pJ/bit x bits + W x T");
            sum += x.GetEnergyJoules();
        }
        const PhotonicCrossbar& cb = *f.crossbar;
        NS_TEST_EXPECT_MSG_EQ(cb.GetReconfigurations(), 2, "one circuit set up per direction");
        NS_TEST_EXPECT_MSG_EQ_TOL(traced, 2 * reconfJ, 1e-12, "the trace: J per set-up, twice");
        const double eCb = 2 * portWatts * t + 2 * reconfJ;
        NS_TEST_EXPECT_MSG_EQ_TOL(cb.GetEnergyJoules(),
                                  eCb,
                                  eCb * REL,
                                  "NumPorts x W x T + J x reconfigurations");
        sum += cb.GetEnergyJoules();

        const FabricPowerReport r = all.Collect("optical");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetEnergyJoules(), sum, sum * REL, "report = sum of devices");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetEnergyJoules(FabricPowerReport::CROSSBAR),
                                  cb.GetEnergyJoules(),
                                  eCb * REL,
                                  "crossbar class = the crossbar");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetStaticPowerWatts(),
                                  2 * wavelengths * lambdaWatts + 2 * portWatts,
                                  1e-12,
                                  "static power: two transceivers and two ports");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetEndpointStaticPowerWatts(1),
                                  wavelengths * lambdaWatts,
                                  1e-12,
                                  "endpoint 1: its transceiver");
        NS_TEST_EXPECT_MSG_EQ(r.GetInventory().hostTransceivers, 4, "one per wavelength");
        NS_TEST_EXPECT_MSG_EQ(r.GetInventory().crossbarPorts, 2, "NumPorts");
        NS_TEST_EXPECT_MSG_EQ(r.GetInventory().links, 2, "a fiber per NIC");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetInventory().fiberMeters, 20, 1e-9, "2 x 10 m");

        const FabricPowerReport q = late.Collect("optical, late");
        NS_TEST_EXPECT_MSG_EQ_TOL(q.GetSeconds(), t - 50e-6, 1e-15, "interval from 50 us");
        const double idle = q.GetStaticPowerWatts() * (t - 50e-6);
        NS_TEST_EXPECT_MSG_EQ_TOL(q.GetEnergyJoules(),
                                  idle,
                                  idle * REL,
                                  "after the traffic: static power x interval only");
        Simulator::Destroy();
    }
};

/// Packet fabric: host and switch transceivers, switch ASICs, then the report.
class PacketEnergyTestCase : public TestCase
{
  public:
    PacketEnergyTestCase()
        : TestCase("packet: transceivers and ASICs pJ per bit x bits + W x T; report = sum "
                   "of devices, by class")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t mtu = 4096;
        const uint32_t header = 104;
        const uint32_t cells = 16;
        const double xPj = 5;
        const double xWatts = 9;
        const double aPj = 2;
        const double aWatts = 300;
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf: 2 leaves
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(header));
        fabric.SetTransceiver("dsp-800g", true);
        fabric.SetTransceiverAttribute("EnergyPerBit", DoubleValue(xPj));
        fabric.SetTransceiverAttribute("PowerWatts", DoubleValue(xWatts));
        fabric.SetSwitchAttribute("AsicPowerWatts", DoubleValue(aWatts));
        fabric.SetSwitchAttribute("AsicEnergyPerBitPicojoules", DoubleValue(aPj));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        FabricPowerHelper power;
        power.Install(f.nodes, fabric.GetSwitchNodes());
        f.SendAt(Seconds(0), 0, 2, cells * mtu);
        Simulator::Stop(MicroSeconds(100));
        Simulator::Run();
        const double t = Simulator::Now().GetSeconds();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "delivered");
        const uint64_t frameBits = uint64_t{8} * cells * (mtu + header);

        double xJoules = 0;
        uint64_t xBits = 0;
        for (const Ptr<PacketTransceiver>& x : fabric.GetTransceivers())
        {
            const double e = xPj * 1e-12 * x->GetBitsCarried() + xWatts * t;
            NS_TEST_EXPECT_MSG_EQ_TOL(x->GetEnergyJoules(), e, e * REL, "pJ/bit x bits + W x T");
            xJoules += x->GetEnergyJoules();
            xBits += x->GetBitsCarried();
        }
        NS_TEST_EXPECT_MSG_EQ(xBits,
                              4 * frameBits,
                              "host 0, leaf 0 up, spine down, leaf 1 down to host 2");
        double aJoules = 0;
        uint64_t aBits = 0;
        for (const Ptr<PacketSwitch>& sw : f.switches)
        {
            const double e = aPj * 1e-12 * sw->GetBitsForwarded() + aWatts * t;
            NS_TEST_EXPECT_MSG_EQ_TOL(sw->GetEnergyJoules(), e, e * REL, "pJ/bit x bits + W x T");
            aJoules += sw->GetEnergyJoules();
            aBits += sw->GetBitsForwarded();
        }
        NS_TEST_EXPECT_MSG_EQ(aBits, 3 * frameBits, "leaf 0, a spine and leaf 1 forward it");

        const FabricPowerReport r = power.Collect("leaf-spine");
        const double hostJ = r.GetEnergyJoules(FabricPowerReport::HOST_TRANSCEIVER);
        const double switchJ = r.GetEnergyJoules(FabricPowerReport::SWITCH_TRANSCEIVER);
        const double asicJ = r.GetEnergyJoules(FabricPowerReport::SWITCH_ASIC);
        NS_TEST_EXPECT_MSG_EQ_TOL(hostJ + switchJ, xJoules, xJoules * REL, "the transceivers");
        NS_TEST_EXPECT_MSG_EQ_TOL(asicJ, aJoules, aJoules * REL, "the ASICs");
        NS_TEST_EXPECT_MSG_EQ(r.GetNDevices(FabricPowerReport::HOST_TRANSCEIVER), 4, "one/host");
        NS_TEST_EXPECT_MSG_EQ(r.GetNDevices(FabricPowerReport::SWITCH_TRANSCEIVER),
                              12,
                              "4 host links' switch ends + 4 switch links x 2");
        NS_TEST_EXPECT_MSG_EQ(r.GetNDevices(FabricPowerReport::SWITCH_ASIC), 4, "2 + 2 switches");
        const double closed = xPj * 1e-12 * 4 * frameBits + 16 * xWatts * t +
                              aPj * 1e-12 * 3 * frameBits + 4 * aWatts * t;
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetEnergyJoules(), closed, closed * REL, "closed form");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetStaticPowerWattsPerEndpoint(),
                                  (16 * xWatts + 4 * aWatts) / 4,
                                  1e-9,
                                  "per endpoint");
        Simulator::Destroy();
    }
};

/// The presets of model/energy and the devices' defaults agree.
class PresetsTestCase : public TestCase
{
  public:
    PresetsTestCase()
        : TestCase("PowerTechnology presets = PacketTransceiver presets and device defaults")
    {
    }

  private:
    void DoRun() override
    {
        for (const char* name : {"dsp-800g", "dsp-1.6t", "lpo-800g", "cpo-1.6t"})
        {
            const PowerTechnology* t = PowerTechnology::Find(name);
            NS_TEST_ASSERT_MSG_NE(t, nullptr, name);
            const PacketTransceiver::Preset p = PacketTransceiver::GetPreset(name);
            NS_TEST_EXPECT_MSG_EQ(t->staticWatts, p.powerWatts, name);
            NS_TEST_EXPECT_MSG_EQ(t->picojoulesPerBit, p.energyPerBit, name);
        }
        Ptr<PacketSwitch> sw = CreateObject<PacketSwitch>();
        NS_TEST_EXPECT_MSG_EQ(sw->GetAsicPowerWatts(),
                              PowerTechnology::Find("asic-51.2t")->staticWatts,
                              "the switch's default is the 51.2 Tb/s ASIC");
        Ptr<CoherentTransceiver> x = CreateObject<CoherentTransceiver>();
        NS_TEST_EXPECT_MSG_EQ(x->GetStaticPowerWattsPerWavelength(),
                              PowerTechnology::Find("coherent-1.6t")->staticWatts,
                              "the coherent default is the 1.6T coherent preset");
        Simulator::Destroy();
    }
};

/// The cost model's closed form.
class CostModelTestCase : public TestCase
{
  public:
    CostModelTestCase()
        : TestCase("cost: sum of count x price, per endpoint, energy at USD per kWh")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<FabricCostModel> m = CreateObject<FabricCostModel>();
        m->SetAttribute("TransceiverPriceUsd", DoubleValue(300));
        m->SetAttribute("SwitchPortPriceUsd", DoubleValue(700));
        m->SetAttribute("CrossbarPortPriceUsd", DoubleValue(200));
        m->SetAttribute("FiberPriceUsdPerMeter", DoubleValue(2));
        m->SetAttribute("LinkInstallationPriceUsd", DoubleValue(40));
        m->SetAttribute("ElectricityPriceUsdPerKilowattHour", DoubleValue(0.2));
        FabricPowerReport::Inventory p;
        p.endpoints = 16;
        p.hostTransceivers = 16;
        p.switchTransceivers = 80;
        p.switchPorts = 80;
        p.crossbarPorts = 5;
        p.links = 48;
        p.fiberMeters = 480;
        const FabricCostModel::Breakdown b = m->GetCapitalCost(p);
        const double total = 300.0 * 96 + 700.0 * 80 + 200.0 * 5 + 2.0 * 480 + 40.0 * 48;
        NS_TEST_EXPECT_MSG_EQ_TOL(b.GetTotalUsd(), total, 1e-6, "sum of count x price");
        NS_TEST_EXPECT_MSG_EQ_TOL(b.transceiversUsd, 300.0 * 96, 1e-6, "transceivers");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetCapitalCostUsdPerEndpoint(p),
                                  total / 16,
                                  1e-9,
                                  "per endpoint");
        NS_TEST_EXPECT_MSG_EQ_TOL(m->GetEnergyCostUsd(3.6e6), 0.2, 1e-12, "1 kWh");
    }
};

/// The suite.
class EnergyDevicesTestSuite : public TestSuite
{
  public:
    EnergyDevicesTestSuite()
        : TestSuite("scale-across-energy-devices", TestSuite::Type::UNIT)
    {
        AddTestCase(new OpticalEnergyTestCase());
        AddTestCase(new PacketEnergyTestCase());
        AddTestCase(new PresetsTestCase());
        AddTestCase(new CostModelTestCase());
    }
};

/// Static instance registering the suite.
EnergyDevicesTestSuite g_energyDevicesTestSuite;

} // namespace
