/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-trace-paths: the trace sources of the optical NIC and the photonic
 * crossbar, reached by their documented Config paths, fire exactly as often as the model says
 * for raw frames that are delivered, refused by the NIC, dropped by the crossbar or not
 * decoded, and for on-demand circuits that go up and down (trace-paths-fixture.h).
 */

#include "../trace-paths-fixture.h"

#include "ns3/double.h"
#include "ns3/drop-reason.h"
#include "ns3/mac48-address.h"
#include "ns3/optical-net-device.h"
#include "ns3/packet.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/simulator.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Raw frames from one NIC to two peers in turn: on-demand circuits go up and down.
class CircuitChurnTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit CircuitChurnTestCase(Coverage& coverage)
        : TracePathsTestCase("on-demand circuits 0->1, 0->2, 0->1: 3 CircuitUp, 2 CircuitDown, "
                             "3 Reconfiguration",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        f.crossbar->SetAttribute("ReconfigurationEnergyJoules", DoubleValue(0.25));
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        std::vector<Probe*> extra;
        Sink<PhotonicCrossbar::ReconfigurationTracedCallback> reconfiguration{
            extra,
            CROSSBAR + "Reconfiguration",
            "ns3::PhotonicCrossbar::ReconfigurationTracedCallback",
            false};
        ConnectExtra(reconfiguration, config.nodes);
        // Each frame is delivered in about 1.3 us; the next one needs the lane for another
        // peer, so the idle circuit is torn down and a new one set up.
        f.SendAt(Seconds(0), 0, 1, 1000);
        f.SendAt(MicroSeconds(10), 0, 2, 1000);
        f.SendAt(MicroSeconds(20), 0, 1, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 3, "every frame arrives");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 3},
                         {&probes.phyTxBegin, 3},
                         {&probes.phyTxEnd, 3},
                         {&probes.phyRxEnd, 3},
                         {&probes.macRx, 3},
                         {&probes.sniffer, 6},
                         {&probes.promiscSniffer, 6},
                         {&probes.circuitUp, 3},
                         {&probes.circuitDown, 2},
                     }); // MacPromiscRx stays silent: no promiscuous receive callback here
        using Circuit = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>;
        const std::vector<Circuit> up{{0, 0, 1, 0}, {0, 0, 2, 0}, {0, 0, 1, 0}};
        const std::vector<Circuit> down{{0, 0, 1, 0}, {0, 0, 2, 0}};
        NS_TEST_EXPECT_MSG_EQ((probes.circuitUp.calls == up), true, "CircuitUp arguments");
        NS_TEST_EXPECT_MSG_EQ((probes.circuitDown.calls == down), true, "CircuitDown arguments");
        // Every on-demand set-up takes ReconfigurationTime (1 us), so each is a reconfiguration.
        ExpectExtraCount(reconfiguration, 3);
        using Reconfiguration = std::tuple<uint32_t, uint32_t, double>;
        const std::vector<Reconfiguration> joules{{0, 1, 0.25}, {0, 2, 0.25}, {0, 1, 0.25}};
        NS_TEST_EXPECT_MSG_EQ((reconfiguration.calls == joules),
                              true,
                              "Reconfiguration arguments: (source, destination, J)");
        Simulator::Destroy();
    }
};

/// Frames the sending NIC refuses: MacTxDrop and Drop, with their reasons.
class RefusedAtNicTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit RefusedAtNicTestCase(Coverage& coverage)
        : TracePathsTestCase("unknown destination, frame too large, queue full, circuit "
                             "rejected: MacTxDrop and Drop once each",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.staticRing = true; // circuits 0->1, 1->2, 2->0, up from the start
        config.maxQueueBytes = 2048;
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        Ptr<OpticalNetDevice> nic = f.Dev(0);
        const Address one = f.Dev(1)->GetAddress();
        const Address two = f.Dev(2)->GetAddress();
        Simulator::ScheduleWithContext(f.nodes.Get(0)->GetId(), Seconds(0), [=]() {
            nic->Send(Create<Packet>(1000), Mac48Address("02:00:00:00:99:99"), TEST_PROTOCOL);
            nic->Send(Create<Packet>(2000), one, 0x0800);        // IPv4 above the 1500-byte Mtu
            nic->Send(Create<Packet>(3000), one, TEST_PROTOCOL); // above MaxQueueBytes
            nic->Send(Create<Packet>(1000), two, TEST_PROTOCOL); // no circuit 0->2, ever
            nic->Send(Create<Packet>(1000), one, TEST_PROTOCOL); // delivered
        });
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame arrives");
        // MacTx fires once the size is checked: for every frame but the one too large.
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 4},
                         {&probes.macTxDrop, 4},
                         {&probes.nicDrop, 4},
                         {&probes.phyTxBegin, 1},
                         {&probes.phyTxEnd, 1},
                         {&probes.phyRxEnd, 1},
                         {&probes.macRx, 1},
                         {&probes.sniffer, 2},
                         {&probes.promiscSniffer, 2},
                         {&probes.circuitUp, 3}, // the static ring, at the start
                     });
        const std::vector<DropReason> reasons{DropReason::UNKNOWN_DESTINATION,
                                              DropReason::FRAME_TOO_LARGE,
                                              DropReason::QUEUE_FULL,
                                              DropReason::CIRCUIT_REJECTED};
        for (size_t i = 0; i < probes.nicDrop.calls.size() && i < reasons.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[i])),
                                  ToString(reasons[i]),
                                  "Drop reason of frame " << i);
        }
        ExpectContexts(probes.nicDrop, {{NicContext(0, "Drop"), 4}});
        // Sizes when each source fired. Frames carry the MAC header from the queue to the
        // receiver's PHY; a rejected frame had been queued, so its drop carries it too.
        const uint32_t frame = 1000 + MAC_HEADER;
        NS_TEST_EXPECT_MSG_EQ(Join(probes.macTx.sizes), Join({1000, 3000, 1000, 1000}), "MacTx");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.macTxDrop.sizes),
                              Join({1000, 2000, 3000, frame}),
                              "MacTxDrop");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.nicDrop.sizes), Join({1000, 2000, 3000, frame}), "Drop");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyTxBegin.sizes), Join({frame}), "PhyTxBegin");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyTxEnd.sizes), Join({frame}), "PhyTxEnd");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.sniffer.sizes), Join({frame, frame}), "Sniffer");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyRxEnd.sizes), Join({frame}), "PhyRxEnd");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.macRx.sizes), Join({1000}), "MacRx: no header");
        Simulator::Destroy();
    }
};

/// A NIC that launches frames without waiting for its circuit: the crossbar drops them.
class DroppedAtCrossbarTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit DroppedAtCrossbarTestCase(Coverage& coverage)
        : TracePathsTestCase("WaitForCircuit = false: Reconfiguring and NoCircuit drops fire "
                             "the crossbar's Drop, PhyTxDrop and Drop",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.waitForCircuit = false;
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        Ptr<PhotonicCrossbar> crossbar = f.crossbar;
        // A circuit 0->1, usable from 1 us. A blind NIC asks for none: the test sets it up.
        Simulator::Schedule(Seconds(0), [crossbar]() { crossbar->EstablishCircuit(0, 0, 1, 0); });
        f.SendAt(Seconds(0), 0, 1, 1000);      // reaches the crossbar during set-up
        f.SendAt(MicroSeconds(2), 0, 1, 1000); // on the circuit: delivered
        f.SendAt(MicroSeconds(4), 0, 2, 1000); // the lane's circuit goes elsewhere
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame arrives");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 3},
                         {&probes.phyTxBegin, 3},
                         {&probes.phyTxEnd, 3},
                         {&probes.sniffer, 4}, // 3 sent, 1 received
                         {&probes.promiscSniffer, 4},
                         {&probes.phyTxDrop, 2},
                         {&probes.nicDrop, 2},
                         {&probes.crossbarDrop, 2},
                         {&probes.phyRxEnd, 1},
                         {&probes.macRx, 1},
                         {&probes.circuitUp, 1},
                     });
        const std::vector<DropReason> reasons{DropReason::RECONFIGURING, DropReason::NO_CIRCUIT};
        for (size_t i = 0; i < probes.crossbarDrop.calls.size() && i < reasons.size(); ++i)
        {
            const auto& call = probes.crossbarDrop.calls[i];
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(call)),
                                  ToString(reasons[i]),
                                  "crossbar Drop " << i);
            NS_TEST_EXPECT_MSG_EQ(std::get<2>(call), 0, "input port");
        }
        const uint32_t frame = 1000 + MAC_HEADER;
        NS_TEST_EXPECT_MSG_EQ(Join(probes.crossbarDrop.sizes), Join({frame, frame}), "frames");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyTxDrop.sizes), Join({frame, frame}), "PhyTxDrop");
        NS_TEST_EXPECT_MSG_EQ(Join(probes.nicDrop.sizes), Join({frame, frame}), "Drop");
        for (size_t i = 0; i < probes.nicDrop.calls.size() && i < reasons.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[i])),
                                  ToString(reasons[i]),
                                  "NIC Drop " << i);
        }
        ExpectContexts(probes.phyTxDrop, {{NicContext(0, "PhyTxDrop"), 2}});
        Simulator::Destroy();
    }
};

/// A path whose power budget does not close: the receiver cannot decode the frame.
class LinkBudgetTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit LinkBudgetTestCase(Coverage& coverage)
        : TracePathsTestCase("30 km fibers: PhyRxDrop and Drop (LinkBudget) at the receiver",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        // Margin 9 dB - 0.7 dB per km of each fiber (doc: Link budget): -12 dB at 30 km.
        FabricConfig config;
        config.fiberMeters = 30000;
        config.staticCircuits = {{0, 1}};
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        f.SendAt(Seconds(0), 0, 1, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 0, "nothing is decoded");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 1},
                         {&probes.phyTxBegin, 1},
                         {&probes.phyTxEnd, 1},
                         {&probes.sniffer, 1}, // sent only: an undecoded frame is not sniffed
                         {&probes.promiscSniffer, 1},
                         {&probes.phyRxDrop, 1},
                         {&probes.nicDrop, 1},
                         {&probes.circuitUp, 1},
                     });
        ExpectContexts(probes.phyRxDrop, {{NicContext(1, "PhyRxDrop"), 1}});
        ExpectContexts(probes.nicDrop, {{NicContext(1, "Drop"), 1}});
        NS_TEST_EXPECT_MSG_EQ(Join(probes.phyRxDrop.sizes), Join({1000 + MAC_HEADER}), "frame");
        if (!probes.nicDrop.calls.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(ToString(std::get<1>(probes.nicDrop.calls[0])),
                                  ToString(DropReason::LINK_BUDGET),
                                  "reason");
        }
        Simulator::Destroy();
    }
};

/// The suite.
class OpticalTracePathsTestSuite : public TracePathsTestSuite
{
  public:
    OpticalTracePathsTestSuite()
        : TracePathsTestSuite("scale-across-optical-trace-paths")
    {
        AddTestCase(new CircuitChurnTestCase(m_coverage));
        AddTestCase(new RefusedAtNicTestCase(m_coverage));
        AddTestCase(new DroppedAtCrossbarTestCase(m_coverage));
        AddTestCase(new LinkBudgetTestCase(m_coverage));
        AddCoverageCase(); // last: after the runs
    }
};

/// Static instance registering the suite.
OpticalTracePathsTestSuite g_opticalTracePathsTestSuite;

} // namespace
