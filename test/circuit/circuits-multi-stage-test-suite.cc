/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits-multi-stage: a three-stage Clos of crossbars behind one logical
 * crossbar (ClosFabric). A path's loss is the sum over its stages and inter-stage fibers, its
 * set-up the slowest stage's, a frame's latency the sum of the stages' latencies and the
 * inter-stage fibers' delays; the link budget closes or not at that sum; a request with no
 * free middle path is blocked exactly as Clos's counting says, waits, and is delivered later
 * with every byte accounted; MultiStageOpticalFabricHelper builds as many stages as the
 * technology's port limit needs.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/clos-fabric.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/multi-stage-optical-fabric-helper.h"
#include "ns3/optical-physics.h"
#include "ns3/rotor-circuit-scheduler.h"
#include "ns3/rotor-cycle.h"
#include "ns3/simulator.h"
#include "ns3/static-circuit-scheduler.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <vector>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Payload of the test frames.
constexpr uint32_t BYTES = 2000;
/// Payload rate of the NICs (FabricConfig's default), bit/s.
constexpr double RATE = 1.6e12;

/**
 * @param k EdgePorts
 * @param m MiddleSwitches
 * @return stages with distinct figures per stage (losses 1, 2, 3 dB; latencies 10, 20, 30 ns;
 *         set-up 5, 20, 1 us; 100 m inter-stage fibers)
 */
Ptr<ClosFabric>
MakeStages(uint32_t k, uint32_t m)
{
    Ptr<ClosFabric> s = CreateObject<ClosFabric>();
    s->SetAttribute("EdgePorts", UintegerValue(k));
    s->SetAttribute("MiddleSwitches", UintegerValue(m));
    s->SetAttribute("IngressInsertionLoss", DoubleValue(1.0));
    s->SetAttribute("MiddleInsertionLoss", DoubleValue(2.0));
    s->SetAttribute("EgressInsertionLoss", DoubleValue(3.0));
    s->SetAttribute("IngressSwitchingLatency", TimeValue(NanoSeconds(10)));
    s->SetAttribute("MiddleSwitchingLatency", TimeValue(NanoSeconds(20)));
    s->SetAttribute("EgressSwitchingLatency", TimeValue(NanoSeconds(30)));
    s->SetAttribute("IngressReconfigurationTime", TimeValue(MicroSeconds(5)));
    s->SetAttribute("MiddleReconfigurationTime", TimeValue(MicroSeconds(20)));
    s->SetAttribute("EgressReconfigurationTime", TimeValue(MicroSeconds(1)));
    s->SetAttribute("InterStageLength", DoubleValue(100.0));
    return s;
}

/// @param nodes endpoints @param stages the stages @return the fabric's configuration
FabricConfig
StagedConfig(uint32_t nodes, Ptr<ClosFabric> stages)
{
    FabricConfig c;
    c.nodes = nodes;
    c.stages = stages;
    return c;
}

/// @return one inter-stage fiber's delay, as OpticalChannel rounds it
Time
InterStageDelay()
{
    return Seconds(optical::PropagationDelaySeconds(100.0, FIBER_INDEX));
}

/// Loss, latency and set-up of a path are the sums (and the max) over its stages.
class PathFiguresTestCase : public TestCase
{
  public:
    PathFiguresTestCase()
        : TestCase("path loss = 1 + 2 + 3 dB + 2 x (0.035 + 0.5) dB; latency = 10 + 20 + 30 ns "
                   "+ 2 x 100 m of fiber; set-up = max(5, 20, 1) us; the crossbar takes them")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<ClosFabric> s = MakeStages(2, 2);
        const double fiberLoss = 0.35 * 100 / 1000 + 0.5;
        NS_TEST_EXPECT_MSG_EQ_TOL(s->GetInterStageLossDb(), fiberLoss, 1e-12, "one fiber");
        NS_TEST_EXPECT_MSG_EQ_TOL(s->GetPathLossDb(), 6 + 2 * fiberLoss, 1e-12, "sum");
        NS_TEST_EXPECT_MSG_EQ(s->GetInterStageDelay(), InterStageDelay(), "one fiber's delay");
        const Time latency = NanoSeconds(60) + InterStageDelay() + InterStageDelay();
        NS_TEST_EXPECT_MSG_EQ(s->GetPathLatency(), latency, "sum");
        NS_TEST_EXPECT_MSG_EQ(s->GetSetUpTime(), MicroSeconds(20), "the slowest stage");

        TestFabric f(StagedConfig(4, s));
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetStages(), s, "the crossbar has the stages");
        NS_TEST_EXPECT_MSG_EQ_TOL(f.crossbar->GetInsertionLossDb(),
                                  6 + 2 * fiberLoss,
                                  1e-12,
                                  "InsertionLoss is the path's");
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetSwitchingLatency(), latency, "SwitchingLatency");
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetReconfigurationTime(),
                              MicroSeconds(20),
                              "ReconfigurationTime");
        const ClosTopology& t = s->GetTopology();
        NS_TEST_EXPECT_MSG_EQ(t.GetNEdges(), 2, "4 endpoints on 2-port edge switches");
        Simulator::Destroy();
    }
};

/// A frame through the stages arrives at set-up + the transfer with the path's latency.
class FrameTimingTestCase : public TestCase
{
  public:
    FrameTimingTestCase()
        : TestCase("a frame 0 -> 5 of 8 endpoints arrives at 20 us + serialization + 2 x 10 m + "
                   "2 x 100 m of fiber + 60 ns of stages + DSP + FEC")
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(StagedConfig(8, MakeStages(4, 4)));
        std::vector<Time> ups;
        f.crossbar->TraceConnectWithoutContext(
            "CircuitUp",
            MakeCallback(+[](std::vector<Time>* v, uint32_t, uint32_t, uint32_t, uint32_t) {
                v->push_back(Simulator::Now());
            }).Bind(&ups));
        f.SendAt(Seconds(0), 0, 5, BYTES);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(ups.size(), 1, "one circuit");
        NS_TEST_EXPECT_MSG_EQ(ups[0], MicroSeconds(20), "set up in the slowest stage's time");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "delivered");
        // ClosedFormTransfer rounds the fibers as one; each fiber is rounded on its own.
        const Time expected =
            MicroSeconds(20) +
            ClosedFormTransfer(BYTES, 1, RATE, NanoSeconds(200), 20, NanoSeconds(60)) +
            InterStageDelay() + InterStageDelay();
        NS_TEST_EXPECT_MSG_EQ_TOL(f.arrivals[0].at, expected, NanoSeconds(1), "arrival");
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "bytes balance");
        Simulator::Destroy();
    }
};

/// The link budget closes or fails at the sum of the stages' losses.
class LinkBudgetTestCase : public TestCase
{
  public:
    /// @param stageLoss each stage's insertion loss, dB @param closes whether the budget closes
    LinkBudgetTestCase(double stageLoss, bool closes)
        : TestCase("0 dBm into -15 dBm through 3 stages of " + std::to_string(stageLoss) +
                   " dB + 4 fibers of 0.5035 dB: " + (closes ? "decoded" : "lost")),
          m_stageLoss(stageLoss),
          m_closes(closes)
    {
    }

  private:
    void DoRun() override
    {
        Ptr<ClosFabric> s = CreateObject<ClosFabric>();
        s->SetAttribute("EdgePorts", UintegerValue(2));
        s->SetAttribute("MiddleSwitches", UintegerValue(2));
        for (const char* stage : {"Ingress", "Middle", "Egress"})
        {
            s->SetAttribute(std::string(stage) + "InsertionLoss", DoubleValue(m_stageLoss));
        }
        TestFabric f(StagedConfig(4, s));
        f.SendAt(Seconds(0), 0, 3, BYTES);
        Simulator::Run();
        // Margin: 0 - (-15) - 3 x loss - 2 x (0.0035 + 0.5) [NIC fibers] - 2 x (0.0035 + 0.5).
        const double margin = 15 - 3 * m_stageLoss - 4 * (0.35 * 10 / 1000 + 0.5);
        const bool closes = margin >= 0;
        NS_TEST_ASSERT_MSG_EQ(closes, m_closes, "the closed form agrees with the case");
        const uint64_t decoded = m_closes ? BYTES : 0;
        NS_TEST_EXPECT_MSG_EQ(f.Received(), decoded, "decoded iff margin >= 0");
        NS_TEST_EXPECT_MSG_EQ(f.Dropped(DropReason::LINK_BUDGET),
                              BYTES - decoded,
                              "lost to the link budget otherwise");
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "bytes balance");
        Simulator::Destroy();
    }

    double m_stageLoss; //!< per stage, dB
    bool m_closes;      //!< expected outcome
};

/// Counts Blocked firings.
void
CountBlocked(std::vector<std::pair<uint32_t, uint32_t>>* v, uint32_t src, uint32_t dst)
{
    v->emplace_back(src, dst);
}

/// m < k: two circuits out of one ingress switch share its one middle link.
class BlockedWaitsTestCase : public TestCase
{
  public:
    /// @param middles MiddleSwitches (1: blocks, 2: does not)
    explicit BlockedWaitsTestCase(uint32_t middles)
        : TestCase("k = 2, m = " + std::to_string(middles) + ": 0 -> 2 and 1 -> 3 at t = 0; " +
                   (middles == 1 ? "1 -> 3 is blocked once and set up when 0 -> 2 has drained, "
                                   "at 2 R + 10 m of fiber + serialization"
                                 : "no blocking, both at R + transfer")),
          m_middles(middles)
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(StagedConfig(4, MakeStages(2, m_middles)));
        std::vector<std::pair<uint32_t, uint32_t>> blocked;
        Config::ConnectWithoutContext(
            "/NodeList/0/DeviceList/0/$ns3::OpticalNetDevice/Crossbar/Stages/Blocked",
            MakeBoundCallback(&CountBlocked, &blocked));
        f.SendAt(Seconds(0), 0, 2, BYTES);
        f.SendAt(Seconds(0), 1, 3, BYTES);
        Simulator::Run();
        const Time r = MicroSeconds(20);
        const Time one = ClosedFormTransfer(BYTES, 1, RATE, NanoSeconds(200), 20, NanoSeconds(60)) +
                         InterStageDelay() + InterStageDelay();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both delivered");
        NS_TEST_EXPECT_MSG_EQ_TOL(f.arrivals[0].at, r + one, NanoSeconds(1), "0 -> 2");
        if (m_middles == 1)
        {
            NS_TEST_ASSERT_MSG_EQ(blocked.size(), 1, "blocked once, traced");
            NS_TEST_EXPECT_MSG_EQ(blocked[0].first, 1, "source 1");
            NS_TEST_EXPECT_MSG_EQ(blocked[0].second, 3, "destination 3");
            // 0 -> 2's last bit leaves the shared up link at R + 10 m + serialization; then
            // 1 -> 3 takes R to set up.
            const Time fiber = Seconds(optical::PropagationDelaySeconds(10, FIBER_INDEX));
            const Time serialization = Seconds(8.0 * (BYTES + MAC_HEADER) / RATE);
            NS_TEST_EXPECT_MSG_EQ_TOL(f.arrivals[1].at,
                                      r + fiber + serialization + r + one,
                                      NanoSeconds(1),
                                      "1 -> 3 after the wait");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(blocked.size(), 0, "m = k: no blocking");
            NS_TEST_EXPECT_MSG_EQ_TOL(f.arrivals[1].at, r + one, NanoSeconds(1), "1 -> 3");
        }
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetStages()->GetNBlocked(),
                              blocked.size(),
                              "counted as traced");
        NS_TEST_EXPECT_MSG_EQ(f.Received(), 2 * BYTES, "every byte delivered");
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "bytes balance");
        Simulator::Destroy();
    }

    uint32_t m_middles; //!< MiddleSwitches
};

/**
 * Whole permutations through the on-demand scheduler, one request per source at t = 0 (in
 * source order): the blocked count equals what first fit gives in ClosTopology (the gtest
 * works the k = m = 2 case by hand), and everything arrives.
 */
class PermutationTestCase : public TestCase
{
  public:
    /**
     * @param name what is tested
     * @param k EdgePorts
     * @param m MiddleSwitches
     * @param perm destination of each source
     * @param order the order the sources ask in
     * @param blocked expected blocked requests
     */
    PermutationTestCase(std::string name,
                        uint32_t k,
                        uint32_t m,
                        std::vector<uint32_t> perm,
                        std::vector<uint32_t> order,
                        uint32_t blocked)
        : TestCase(name),
          m_k(k),
          m_m(m),
          m_perm(perm),
          m_order(order),
          m_blocked(blocked)
    {
    }

  private:
    void DoRun() override
    {
        const auto n = static_cast<uint32_t>(m_perm.size());
        TestFabric f(StagedConfig(n, MakeStages(m_k, m_m)));
        for (uint32_t i = 0; i < m_order.size(); ++i)
        {
            // 1 ns apart: the requests reach the scheduler in this order.
            f.SendAt(NanoSeconds(i), m_order[i], m_perm[m_order[i]], BYTES);
        }
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetStages()->GetNBlocked(),
                              m_blocked,
                              "blocked requests");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals.size(), n, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.Received(), uint64_t{n} * BYTES, "every byte");
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "bytes balance");
        Simulator::Destroy();
    }

    uint32_t m_k;                  //!< EdgePorts
    uint32_t m_m;                  //!< MiddleSwitches
    std::vector<uint32_t> m_perm;  //!< destinations
    std::vector<uint32_t> m_order; //!< request order
    uint32_t m_blocked;            //!< expected blocked count
};

/// A rotor on a Clos with m = k: every slot's shift routes first fit, frames arrive at the
/// cycle's direct start + the transfer with the path's latency.
class RotorOnClosTestCase : public TestCase
{
  public:
    RotorOnClosTestCase()
        : TestCase("rotor on a Clos of 4 endpoints, k = m = 2, stage set-up 100, 50, 20 ns (the "
                   "guard: 100 ns), 1 us slots: a frame to each peer at t = 0 arrives at "
                   "RotorCycle::DirectStart + 10 ns + 60 ns of stages + 200 ns")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<ClosFabric> stages = MakeStages(2, 2);
        stages->SetAttribute("IngressReconfigurationTime", TimeValue(NanoSeconds(100)));
        stages->SetAttribute("MiddleReconfigurationTime", TimeValue(NanoSeconds(50)));
        stages->SetAttribute("EgressReconfigurationTime", TimeValue(NanoSeconds(20)));
        stages->SetAttribute("InterStageLength", DoubleValue(0.0)); // integer times
        FabricConfig c = StagedConfig(4, stages);
        c.fiberMeters = 0;
        Ptr<RotorCircuitScheduler> rotor = CreateObject<RotorCircuitScheduler>();
        rotor->SetAttribute("SlotTime", TimeValue(MicroSeconds(1)));
        c.scheduler = rotor;
        TestFabric f(c);
        const uint32_t bytes = 2000 - MAC_HEADER; // 10 ns at 1.6 Tb/s
        for (uint32_t dst = 1; dst < 4; ++dst)
        {
            f.SendAt(Seconds(0), 0, dst, bytes);
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 3, "three frames");
        const RotorCycle cycle(4, 1, 1000, 100); // ns
        for (const Arrival& a : f.arrivals)
        {
            uint32_t lane = 0;
            const int64_t start = cycle.DirectStart(0, a.node, 0, 10, lane);
            NS_TEST_EXPECT_MSG_EQ(a.at,
                                  NanoSeconds(start + 10 + 60 + 200),
                                  "arrival at node " << a.node);
        }
        NS_TEST_EXPECT_MSG_EQ(stages->GetNBlocked(), 0, "a rotor never waits for a path");
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "bytes balance");
        Simulator::Destroy();
    }
};

/// The helper builds one crossbar while the nodes fit on one, else three stages.
class HelperShapeTestCase : public TestCase
{
  public:
    HelperShapeTestCase()
        : TestCase("MEMS (136 ports): 136 nodes on one crossbar; 137 on 2 + 69 + 2 switches; "
                   "SOA (16 ports): 40 nodes on 3 + 14 + 3")
    {
    }

  private:
    void DoRun() override
    {
        {
            NodeContainer nodes(136);
            MultiStageOpticalFabricHelper h;
            h.SetStageTechnology("MEMS");
            h.Install(nodes);
            NS_TEST_EXPECT_MSG_EQ(h.GetStages(), nullptr, "one stage");
            NS_TEST_EXPECT_MSG_EQ(h.GetCrossbar()->GetTechnology(), "MEMS", "a MEMS crossbar");
            NS_TEST_EXPECT_MSG_EQ(h.GetCrossbar()->GetInsertionLossDb(), 2.0, "one traversal");
            Simulator::Destroy();
        }
        {
            NodeContainer nodes(137);
            MultiStageOpticalFabricHelper h;
            h.SetStageTechnology("MEMS");
            h.Install(nodes);
            Ptr<ClosFabric> s = h.GetStages();
            NS_TEST_ASSERT_MSG_NE(s, nullptr, "three stages");
            NS_TEST_EXPECT_MSG_EQ(s->GetTopology().GetNEdges(), 2, "r = ceil(137 / 136)");
            NS_TEST_EXPECT_MSG_EQ(s->GetEdgePorts(), 69, "k = ceil(137 / 2)");
            NS_TEST_EXPECT_MSG_EQ(s->GetMiddleSwitches(), 69, "m = k");
            NS_TEST_EXPECT_MSG_EQ_TOL(h.GetCrossbar()->GetInsertionLossDb(),
                                      3 * 2.0 + 2 * (0.35 * 10 / 1000 + 0.5),
                                      1e-12,
                                      "three MEMS traversals and two fibers");
            NS_TEST_EXPECT_MSG_EQ(h.GetCrossbar()->GetReconfigurationTime(),
                                  MilliSeconds(10),
                                  "MEMS set-up, once");
            Simulator::Destroy();
        }
        {
            NodeContainer nodes(40);
            MultiStageOpticalFabricHelper h;
            h.SetStageTechnology("SOA");
            h.Install(nodes);
            Ptr<ClosFabric> s = h.GetStages();
            NS_TEST_ASSERT_MSG_NE(s, nullptr, "three stages");
            NS_TEST_EXPECT_MSG_EQ(s->GetTopology().GetNEdges(), 3, "r = ceil(40 / 16)");
            NS_TEST_EXPECT_MSG_EQ(s->GetEdgePorts(), 14, "k = ceil(40 / 3)");
            Simulator::Destroy();
        }
    }
};

/// The suite.
class CircuitsMultiStageTestSuite : public TestSuite
{
  public:
    CircuitsMultiStageTestSuite()
        : TestSuite("scale-across-circuits-multi-stage", TestSuite::Type::UNIT)
    {
        AddTestCase(new PathFiguresTestCase());
        AddTestCase(new FrameTimingTestCase());
        // Margin 15 - 3 x loss - 2.014 dB: 4.32 dB closes (0.026 dB left), 4.33 does not.
        AddTestCase(new LinkBudgetTestCase(4.32, true));
        AddTestCase(new LinkBudgetTestCase(4.33, false));
        AddTestCase(new BlockedWaitsTestCase(1));
        AddTestCase(new BlockedWaitsTestCase(2));
        // a0 b0 c0 a1 b1 c1 = 0 2 4 1 3 5 ask in that order (ClosTopology's gtest case).
        AddTestCase(new PermutationTestCase("k = m = 2 (rearrangeable): first fit blocks 2 of a "
                                            "constructed permutation, both wait and arrive",
                                            2,
                                            2,
                                            {0, 4, 2, 5, 1, 3},
                                            {0, 2, 4, 1, 3, 5},
                                            2));
        AddTestCase(new PermutationTestCase("k = 2, m = 3 = 2k - 1 (strictly non-blocking): the "
                                            "same permutation, no blocking",
                                            2,
                                            3,
                                            {0, 4, 2, 5, 1, 3},
                                            {0, 2, 4, 1, 3, 5},
                                            0));
        AddTestCase(new PermutationTestCase("k = 4, m = 2, r = 2: every source to the other edge "
                                            "switch blocks r (k - m) = 4",
                                            4,
                                            2,
                                            {4, 5, 6, 7, 0, 1, 2, 3},
                                            {0, 1, 2, 3, 4, 5, 6, 7},
                                            4));
        AddTestCase(new RotorOnClosTestCase());
        AddTestCase(new HelperShapeTestCase());
        AddTestCase(new FatalTestCase(
            "a static scheduler on a blocking Clos stops",
            []() {
                FabricConfig c = StagedConfig(4, MakeStages(2, 1));
                c.staticCircuits = {{0, 2}, {1, 3}};
                TestFabric f(c);
                Simulator::Run();
            },
            {"1 -> 3", "no free middle switch", "MiddleSwitches = 1", "OnDemandCircuitScheduler"}));
        AddTestCase(new FatalTestCase(
            "SOA stages cannot reach 257 nodes in three stages",
            []() {
                NodeContainer nodes(257);
                MultiStageOpticalFabricHelper h;
                h.SetStageTechnology("SOA");
                h.Install(nodes);
            },
            {"257 nodes", "17 edge switches", "port limit of 16", "256", "five-stage"}));
        AddTestCase(
            new FatalTestCase("MiddleSwitches over the port limit",
                              []() {
                                  NodeContainer nodes(20);
                                  MultiStageOpticalFabricHelper h;
                                  h.SetStageTechnology("SOA");
                                  h.SetStageAttribute("MiddleSwitches", UintegerValue(17));
                                  h.Install(nodes);
                              },
                              {"MiddleSwitches = 17", "port limit of 16", "MiddleSwitches <= 16"}));
        // The crossbar takes these from its stages at the start of the run.
        for (const std::string attribute : {"ReconfigurationTime", "SwitchingLatency"})
        {
            AddTestCase(new FatalTestCase(
                attribute + " set on a crossbar that stands for stages",
                [attribute]() {
                    NodeContainer nodes(20); // more than one 16-port SOA switch: stages
                    MultiStageOpticalFabricHelper h;
                    h.SetStageTechnology("SOA");
                    h.Install(nodes);
                    Config::Set("/NodeList/0/DeviceList/0/$ns3::OpticalNetDevice/Crossbar/" +
                                    attribute,
                                TimeValue(NanoSeconds(10)));
                },
                {"PhotonicCrossbar::" + attribute, "taken from its Stages"}));
        }
        AddTestCase(new FatalTestCase(
            "InsertionLoss set on a crossbar that stands for stages",
            []() {
                NodeContainer nodes(20);
                MultiStageOpticalFabricHelper h;
                h.SetStageTechnology("SOA");
                h.Install(nodes);
                Config::Set("/NodeList/0/DeviceList/0/$ns3::OpticalNetDevice/Crossbar/"
                            "InsertionLoss",
                            DoubleValue(1));
            },
            {"PhotonicCrossbar::InsertionLoss", "taken from its Stages"}));
        AddTestCase(new FatalTestCase(
            "EdgePorts = 0",
            []() { CreateObject<ClosFabric>()->SetAttribute("EdgePorts", UintegerValue(0)); },
            {"EdgePorts = 0", ">= 1"}));
    }
};

/// Static instance registering the suite.
CircuitsMultiStageTestSuite g_circuitsMultiStageTestSuite;

} // namespace
