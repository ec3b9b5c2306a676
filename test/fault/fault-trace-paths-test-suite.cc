/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-fault-trace-paths: the trace sources of faults (the injector's, the crossbar's
 * port states and failed set-ups, a switch's route changes), reached by their documented
 * Config paths, fire exactly as often as the faults injected say (trace-paths-fixture.h).
 */

#include "../trace-paths-fixture.h"

#include "ns3/fault-helper.h"
#include "ns3/fault-injector.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/packet-switch.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/simulator.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Faults on the optical fabric: the injector's and the crossbar's sources.
class OpticalFaultsTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit OpticalFaultsTestCase(Coverage& coverage)
        : TracePathsTestCase("faults, optical: a failed set-up and a fiber cut at 10 us, "
                             "repaired at 20 us: 2 FaultInjected, 1 Repaired, 2 PortState, "
                             "1 SetUpFailed",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        FaultHelper faults;
        faults.FailSetUp(f.crossbar, 0, Seconds(0));
        faults.FailFiber(f.Dev(2), MicroSeconds(10), MicroSeconds(20));
        std::vector<Probe*> extra;
        Sink<FaultInjector::FaultTracedCallback> injected{extra,
                                                          "/Names/faults/FaultInjected",
                                                          "ns3::FaultInjector::FaultTracedCallback",
                                                          false};
        Sink<FaultInjector::FaultTracedCallback> repaired{extra,
                                                          "/Names/faults/Repaired",
                                                          "ns3::FaultInjector::FaultTracedCallback",
                                                          false};
        Sink<PhotonicCrossbar::PortStateTracedCallback> portState{
            extra,
            CROSSBAR + "PortState",
            "ns3::PhotonicCrossbar::PortStateTracedCallback",
            false};
        Sink<PhotonicCrossbar::SetUpFailedTracedCallback> setUpFailed{
            extra,
            CROSSBAR + "SetUpFailed",
            "ns3::PhotonicCrossbar::SetUpFailedTracedCallback",
            false};
        for (Probe* p : extra)
        {
            ConnectExtra(*p, config.nodes);
        }
        f.SendAt(Seconds(0), 0, 1, 1000);
        Simulator::Run();
        ExpectExtraCount(injected, 2);
        ExpectExtraCount(repaired, 1);
        ExpectExtraCount(portState, 2);
        ExpectExtraCount(setUpFailed, 1);
        using State = std::tuple<uint32_t, bool>;
        NS_TEST_EXPECT_MSG_EQ((portState.calls == std::vector<State>{{2, false}, {2, true}}),
                              true,
                              "PortState arguments: (port, up)");
        NS_TEST_EXPECT_MSG_EQ((std::get<1>(repaired.calls.at(0)) == MicroSeconds(20)),
                              true,
                              "Repaired: the time");
        Simulator::Destroy();
        Names::Clear();
    }
};

/// Faults on the electrical fabric: a switch's route changes.
class ElectricalFaultsTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit ElectricalFaultsTestCase(Coverage& coverage)
        : TracePathsTestCase("faults, electrical: leaf 0's first uplink down at 0, repaired at "
                             "2 ms: 2 RouteChange (out at 1 ms, FailureDetectionTime; back at "
                             "2 ms)",
                             coverage)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4);
        fabric.Install(nodes);
        Ptr<PacketSwitch> leaf0 = fabric.GetSwitches().at(0);
        FaultHelper faults;
        faults.FailLink(leaf0->GetPortLink(2), Seconds(0), MilliSeconds(2));
        std::vector<Probe*> extra;
        Sink<PacketSwitch::RouteChangeTracedCallback> routeChange{
            extra,
            NODE0_SWITCH + "RouteChange",
            "ns3::PacketSwitch::RouteChangeTracedCallback",
            false};
        ConnectExtra(routeChange, 4);
        Simulator::Run();
        ExpectExtraCount(routeChange, 2);
        using Change = std::tuple<uint32_t, bool>;
        NS_TEST_EXPECT_MSG_EQ((routeChange.calls == std::vector<Change>{{2, false}, {2, true}}),
                              true,
                              "RouteChange arguments: (port, usable)");
        Simulator::Destroy();
        Names::Clear();
    }
};

/// The suite.
class FaultTracePathsTestSuite : public TracePathsTestSuite
{
  public:
    FaultTracePathsTestSuite()
        : TracePathsTestSuite("scale-across-fault-trace-paths")
    {
        AddTestCase(new OpticalFaultsTestCase(m_coverage));
        AddTestCase(new ElectricalFaultsTestCase(m_coverage));
        AddCoverageCase(); // last: after the runs
    }
};

/// Static instance registering the suite.
FaultTracePathsTestSuite g_faultTracePathsTestSuite;

} // namespace
