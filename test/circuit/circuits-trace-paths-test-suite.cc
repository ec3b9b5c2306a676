/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits-trace-paths: the trace sources of the circuit policies and stages (a
 * slotted scheduler's Slot, a Clos fabric's Blocked), reached by their documented Config
 * paths, fire exactly as often as the model says (trace-paths-fixture.h).
 */

#include "../trace-paths-fixture.h"

#include "ns3/clos-fabric.h"
#include "ns3/nstime.h"
#include "ns3/rotor-circuit-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/slotted-circuit-scheduler.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// A rotor scheduler: its Slot source, and circuits set up and torn down every slot.
class RotorSlotsTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit RotorSlotsTestCase(Coverage& coverage)
        : TracePathsTestCase("rotor, 3 ports, frames 0->1 and 0->2: 2 slots, 6 CircuitUp, "
                             "6 CircuitDown, then the cycle pauses",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.reconfiguration = NanoSeconds(100);
        Ptr<RotorCircuitScheduler> rotor = CreateObject<RotorCircuitScheduler>();
        rotor->SetAttribute("SlotTime", TimeValue(MicroSeconds(1)));
        config.scheduler = rotor;
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        std::vector<Probe*> extra;
        Sink<SlottedCircuitScheduler::SlotTracedCallback> slot{
            extra,
            CROSSBAR + "Scheduler/Slot",
            "ns3::SlottedCircuitScheduler::SlotTracedCallback",
            false};
        ConnectExtra(slot, config.nodes);
        // Slot 0 joins i -> i + 1, slot 1 i -> i + 2; at 2 us nothing waits: the cycle pauses.
        f.SendAt(Seconds(0), 0, 1, 1000);
        f.SendAt(Seconds(0), 0, 2, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both frames arrive");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 2},
                         {&probes.phyTxBegin, 2},
                         {&probes.phyTxEnd, 2},
                         {&probes.phyRxEnd, 2},
                         {&probes.macRx, 2},
                         {&probes.sniffer, 4},
                         {&probes.promiscSniffer, 4},
                         {&probes.circuitUp, 6},   // 3 ports x 2 slots
                         {&probes.circuitDown, 6}, // at 1 us and at 2 us
                     });
        ExpectExtraCount(slot, 2);
        using Call = std::tuple<uint64_t, uint32_t>;
        NS_TEST_EXPECT_MSG_EQ((slot.calls == std::vector<Call>{{0, 1}, {1, 2}}),
                              true,
                              "Slot arguments: (slot, shift)");
        NS_TEST_EXPECT_MSG_EQ(Simulator::Now(), MicroSeconds(2), "the run ends at slot 2");
        Simulator::Destroy();
    }
};

/// A multi-stage fabric: its stages' Blocked source, once per request left without a path.
class MultiStageBlockedTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit MultiStageBlockedTestCase(Coverage& coverage)
        : TracePathsTestCase("Clos with k = 2, m = 1, frames 0->2 and 1->3: 1->3 is blocked "
                             "once, then set up: 2 CircuitUp, 1 CircuitDown",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 4;
        config.stages = CreateObject<ClosFabric>();
        config.stages->SetAttribute("EdgePorts", UintegerValue(2));
        config.stages->SetAttribute("MiddleSwitches", UintegerValue(1));
        TestFabric f(config);
        AddIdleCollectives(f);
        Probes probes;
        ConnectAll(probes, config.nodes);
        std::vector<Probe*> extra;
        Sink<ClosFabric::BlockedTracedCallback> blocked{extra,
                                                        CROSSBAR + "Stages/Blocked",
                                                        "ns3::ClosFabric::BlockedTracedCallback",
                                                        false};
        ConnectExtra(blocked, config.nodes);
        f.SendAt(Seconds(0), 0, 2, 1000);
        f.SendAt(Seconds(0), 1, 3, 1000);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both frames arrive");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, 2},
                         {&probes.phyTxBegin, 2},
                         {&probes.phyTxEnd, 2},
                         {&probes.phyRxEnd, 2},
                         {&probes.macRx, 2},
                         {&probes.sniffer, 4},
                         {&probes.promiscSniffer, 4},
                         {&probes.circuitUp, 2},
                         {&probes.circuitDown, 1}, // 0->2, idle, torn down for the path
                     });
        ExpectExtraCount(blocked, 1);
        using Call = std::tuple<uint32_t, uint32_t>;
        NS_TEST_EXPECT_MSG_EQ((blocked.calls == std::vector<Call>{{1, 3}}),
                              true,
                              "Blocked arguments: (source, destination)");
        Simulator::Destroy();
    }
};

/// The suite.
class CircuitsTracePathsTestSuite : public TracePathsTestSuite
{
  public:
    CircuitsTracePathsTestSuite()
        : TracePathsTestSuite("scale-across-circuits-trace-paths")
    {
        AddTestCase(new RotorSlotsTestCase(m_coverage));
        AddTestCase(new MultiStageBlockedTestCase(m_coverage));
        AddCoverageCase(); // last: after the runs
    }
};

/// Static instance registering the suite.
CircuitsTracePathsTestSuite g_circuitsTracePathsTestSuite;

} // namespace
