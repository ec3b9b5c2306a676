/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-drop: every frame that is not received is counted with the right
 * reason, and bytes sent = bytes received + bytes dropped (+ still queued) in every case.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/simulator.h"
#include "ns3/test.h"

#include <map>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

const uint32_t KIB = 1024;

/// Records the Drop traces of the devices and of the crossbar.
class DropRecorder
{
  public:
    /// @param f the fabric to watch
    explicit DropRecorder(TestFabric& f)
    {
        for (uint32_t i = 0; i < f.devices.GetN(); ++i)
        {
            f.Dev(i)->TraceConnectWithoutContext("Drop",
                                                 MakeCallback(&DropRecorder::OnDevice, this));
            for (const char* name : {"MacTxDrop", "PhyTxDrop", "PhyRxDrop"})
            {
                f.Dev(i)->TraceConnect(name, name, MakeCallback(&DropRecorder::OnNs3, this));
            }
        }
        f.crossbar->TraceConnectWithoutContext("Drop",
                                               MakeCallback(&DropRecorder::OnCrossbar, this));
    }

    std::map<DropReason, int> device;   //!< device Drop trace, by reason
    std::map<DropReason, int> crossbar; //!< crossbar Drop trace, by reason
    std::map<std::string, int> ns3;     //!< MacTxDrop / PhyTxDrop / PhyRxDrop

  private:
    void OnDevice(Ptr<const Packet>, DropReason r)
    {
        ++device[r];
    }

    void OnCrossbar(Ptr<const Packet>, DropReason r, uint32_t)
    {
        ++crossbar[r];
    }

    void OnNs3(std::string name, Ptr<const Packet>)
    {
        ++ns3[name];
    }
};

/// A blind sender (WaitForCircuit = false) with no circuit: NoCircuit at the crossbar.
class NoCircuitTestCase : public TestCase
{
  public:
    NoCircuitTestCase()
        : TestCase("frame reaching a port with no circuit: NoCircuit, PhyTxDrop")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.waitForCircuit = false;
        TestFabric f(c);
        DropRecorder rec(f);
        f.SendAt(Seconds(0), 0, 1, 10 * KIB);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 0, "nothing may arrive");
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::NO_CIRCUIT), 10 * KIB, "bytes counted");
        NS_TEST_ASSERT_MSG_EQ(rec.crossbar[DropReason::NO_CIRCUIT], 1, "crossbar trace");
        NS_TEST_ASSERT_MSG_EQ(rec.device[DropReason::NO_CIRCUIT], 1, "device trace");
        NS_TEST_ASSERT_MSG_EQ(rec.ns3["PhyTxDrop"], 1, "PhyTxDrop fired");
        NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received() + f.Dropped() + f.Queued(), "conserved");
        Simulator::Destroy();
    }
};

/// A blind sender while its circuit is still being set up: Reconfiguring; after: delivered.
class ReconfiguringTestCase : public TestCase
{
  public:
    ReconfiguringTestCase()
        : TestCase("frame reaching a circuit still in set-up: Reconfiguring; after set-up: "
                   "delivered")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.waitForCircuit = false;
        c.reconfiguration = MicroSeconds(10);
        TestFabric f(c);
        DropRecorder rec(f);
        Ptr<PhotonicCrossbar> xbar = f.crossbar;
        Simulator::Schedule(Seconds(0), [xbar]() { xbar->EstablishCircuit(0, 0, 1, 0); });
        f.SendAt(MicroSeconds(1), 0, 1, 4 * KIB);
        f.SendAt(MicroSeconds(20), 0, 1, 8 * KIB);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::RECONFIGURING),
                              4 * KIB,
                              "the early frame is dropped as Reconfiguring");
        NS_TEST_ASSERT_MSG_EQ(rec.crossbar[DropReason::RECONFIGURING], 1, "crossbar trace");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "the late frame arrives");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals[0].bytes, 8 * KIB, "it is the late one");
        NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received() + f.Dropped() + f.Queued(), "conserved");
        Simulator::Destroy();
    }
};

/// The circuit comes up while the blind frame is still in the fiber: it passes.
class CircuitUpInFlightTestCase : public TestCase
{
  public:
    CircuitUpInFlightTestCase()
        : TestCase("circuit up before the frame's first bit reaches the crossbar: delivered")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.waitForCircuit = false;
        c.fiberMeters = 1000; // ~4.9 us of fiber before the crossbar
        c.reconfiguration = MicroSeconds(2);
        TestFabric f(c);
        Ptr<PhotonicCrossbar> xbar = f.crossbar;
        f.SendAt(Seconds(0), 0, 1, KIB);
        Simulator::Schedule(MicroSeconds(1), [xbar]() { xbar->EstablishCircuit(0, 0, 1, 0); });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "the frame arrives");
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(), 0, "nothing dropped");
        Simulator::Destroy();
    }
};

/// A path whose power budget does not close: LinkBudget at the receiver, PhyRxDrop.
class LinkBudgetTestCase : public TestCase
{
  public:
    LinkBudgetTestCase()
        : TestCase("path failing the link budget: LinkBudget, PhyRxDrop; closing path: received")
    {
    }

  private:
    void DoRun() override
    {
        for (double km : {10.0, 30.0})
        {
            // Budget: 0 dBm - 0.35 dB/km x 2L - 5 dB crossbar - 1 dB connectors vs -15 dBm:
            // margin 9 - 0.7 L, so 10 km closes (2 dB) and 30 km does not (-12 dB).
            FabricConfig c;
            c.fiberMeters = km * 1000;
            c.staticCircuits = {{0, 1}};
            TestFabric f(c);
            DropRecorder rec(f);
            f.SendAt(Seconds(0), 0, 1, 100 * KIB);
            Simulator::Run();
            const bool closes = km < 12;
            NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(),
                                  (closes ? 1 : 0),
                                  "delivery follows the budget");
            NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::LINK_BUDGET),
                                  (closes ? 0 : 100 * KIB),
                                  "LinkBudget bytes");
            NS_TEST_ASSERT_MSG_EQ(rec.ns3["PhyRxDrop"], (closes ? 0 : 1), "PhyRxDrop fired");
            NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received() + f.Dropped() + f.Queued(), "conserved");
            Simulator::Destroy();
        }
    }
};

/// A static fabric refuses a circuit outside its set: CircuitRejected, MacTxDrop.
class RejectedTestCase : public TestCase
{
  public:
    RejectedTestCase()
        : TestCase("destination outside the static circuit set: CircuitRejected, MacTxDrop")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.nodes = 3;
        c.staticRing = true; // 0->1, 1->2, 2->0
        TestFabric f(c);
        DropRecorder rec(f);
        f.SendAt(Seconds(0), 0, 2, 3 * KIB);
        f.SendAt(Seconds(0), 0, 2, 5 * KIB);
        f.SendAt(Seconds(0), 0, 1, 7 * KIB);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::CIRCUIT_REJECTED), 8 * KIB, "bytes");
        NS_TEST_ASSERT_MSG_EQ(rec.ns3["MacTxDrop"], 2, "MacTxDrop per frame");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "the ring neighbour is reached");
        NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received() + f.Dropped() + f.Queued(), "conserved");
        Simulator::Destroy();
    }
};

/// Frames the device itself refuses: too large, unknown destination, queue full.
class DeviceRefusesTestCase : public TestCase
{
  public:
    DeviceRefusesTestCase()
        : TestCase("FrameTooLarge, UnknownDestination and QueueFull are counted at the NIC")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.maxQueueBytes = 1 << 20;
        TestFabric f(c);
        DropRecorder rec(f);
        Ptr<OpticalNetDevice> dev = f.Dev(0);
        const Address peer = f.Dev(1)->GetAddress();
        bool ok[6];
        Simulator::Schedule(Seconds(0), [&]() {
            ok[0] = dev->Send(Create<Packet>(2000), peer, 0x0800);            // > Mtu for IPv4
            ok[1] = dev->Send(Create<Packet>(17 << 20), peer, TEST_PROTOCOL); // > MaxBurstBytes
            ok[2] = dev->Send(Create<Packet>(100),
                              Mac48Address("02:00:00:00:99:99"),
                              TEST_PROTOCOL);                                  // nobody
            ok[3] = dev->Send(Create<Packet>(512 * KIB), peer, TEST_PROTOCOL); // queued
            ok[4] = dev->Send(Create<Packet>(512 * KIB), peer, TEST_PROTOCOL); // queued (full)
            ok[5] = dev->Send(Create<Packet>(1), peer, TEST_PROTOCOL);         // over capacity
        });
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(ok[0] || ok[1] || ok[2] || ok[5], false, "refused sends say so");
        NS_TEST_ASSERT_MSG_EQ(ok[3] && ok[4], true, "accepted sends say so");
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::FRAME_TOO_LARGE),
                              2000 + (17 << 20),
                              "FrameTooLarge bytes");
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::UNKNOWN_DESTINATION),
                              100,
                              "UnknownDestination bytes");
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(DropReason::QUEUE_FULL), 1, "QueueFull bytes");
        NS_TEST_ASSERT_MSG_EQ(rec.ns3["MacTxDrop"], 4, "MacTxDrop per refused frame");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "the queued frames arrive");
        NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received() + f.Dropped() + f.Queued(), "conserved");
        Simulator::Destroy();
    }
};

/// The suite.
class OpticalDropTestSuite : public TestSuite
{
  public:
    OpticalDropTestSuite()
        : TestSuite("scale-across-optical-drop", TestSuite::Type::UNIT)
    {
        AddTestCase(new NoCircuitTestCase());
        AddTestCase(new ReconfiguringTestCase());
        AddTestCase(new CircuitUpInFlightTestCase());
        AddTestCase(new LinkBudgetTestCase());
        AddTestCase(new RejectedTestCase());
        AddTestCase(new DeviceRefusesTestCase());
    }
};

/// Static instance registering the suite.
OpticalDropTestSuite g_opticalDropTestSuite;

} // namespace
