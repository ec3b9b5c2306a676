/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits-rotor: a rotor switch cycles through the cyclic-shift matchings, one
 * per slot; direct traffic waits exactly until the slot that joins its two ports (the closed
 * form of RotorCycle::DirectStart), a frame that would not clear the switch before its slot
 * ends waits for the next slot to its destination (never cut), and bad set-ups are refused.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/byte-conservation.h"
#include "ns3/rotor-circuit-scheduler.h"
#include "ns3/rotor-cycle.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Payload of a 2000-byte frame: 10 ns at 1.6 Tb/s.
constexpr uint32_t SMALL = 2000 - MAC_HEADER;
/// Payload of a 170,000-byte frame: 850 ns at 1.6 Tb/s.
constexpr uint32_t LARGE = 170000 - MAC_HEADER;
/// Receiver DSP + FEC latency of the fixture.
const Time FIXED = NanoSeconds(200);

/// @param lanes circuit lanes per NIC @param slot SlotTime @return a 4-port rotor fabric
/// with 100 ns reconfiguration (the guard) and fibers of zero length, so times are integers
FabricConfig
RotorFabric(uint32_t lanes, Time slot)
{
    FabricConfig config;
    config.nodes = 4;
    config.wavelengths = lanes;
    config.wavelengthsPerCircuit = 1;
    config.fiberMeters = 0;
    config.reconfiguration = NanoSeconds(100);
    Ptr<RotorCircuitScheduler> rotor = CreateObject<RotorCircuitScheduler>();
    rotor->SetAttribute("SlotTime", TimeValue(slot));
    config.scheduler = rotor;
    return config;
}

/// @param f the fabric @param node a node @return the arrival times at that node, in order
std::vector<Time>
ArrivalsAt(const TestFabric& f, uint32_t node)
{
    std::vector<Time> at;
    for (const Arrival& a : f.arrivals)
    {
        if (a.node == node)
        {
            at.push_back(a.at);
        }
    }
    return at;
}

/// Direct traffic waits exactly until its destination's slot.
class DirectWaitTestCase : public TestCase
{
  public:
    /// @param lanes circuit lanes per NIC
    explicit DirectWaitTestCase(uint32_t lanes)
        : TestCase("4 ports, " + std::to_string(lanes) +
                   " lane(s), 1 us slots, 100 ns guard: a frame to each peer at t = 0 arrives "
                   "at its slot's up time + 10 ns + 200 ns"),
          m_lanes(lanes)
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(RotorFabric(m_lanes, MicroSeconds(1)));
        for (uint32_t dst = 1; dst < 4; ++dst)
        {
            f.SendAt(Seconds(0), 0, dst, SMALL);
        }
        Simulator::Run();
        const RotorCycle cycle(4, m_lanes, 1000, 100); // in ns
        for (uint32_t dst = 1; dst < 4; ++dst)
        {
            uint32_t lane = 0;
            const int64_t start = cycle.DirectStart(0, dst, 0, 10, lane);
            const Time expected = NanoSeconds(start) + NanoSeconds(10) + FIXED;
            const std::vector<Time> at = ArrivalsAt(f, dst);
            NS_TEST_ASSERT_MSG_EQ(at.size(), 1, "one frame at node " << dst);
            NS_TEST_EXPECT_MSG_EQ(at[0], expected, "arrival at node " << dst);
        }
        // The figures themselves: one lane, shift k in slot k - 1; two lanes, shifts 1 and 2
        // in slot 0 and shift 3 in slot 1.
        const std::vector<int64_t> ns = m_lanes == 1 ? std::vector<int64_t>{310, 1310, 2310}
                                                     : std::vector<int64_t>{310, 310, 1310};
        for (uint32_t dst = 1; dst < 4; ++dst)
        {
            NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, dst).at(0).GetNanoSeconds(),
                                  ns[dst - 1],
                                  "node " << dst);
        }
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
    }

    uint32_t m_lanes; //!< lanes per NIC
};

/// A frame that would not clear the switch before its slot ends waits for the next one.
class NeverCutTestCase : public TestCase
{
  public:
    NeverCutTestCase()
        : TestCase("two 850 ns frames 0->1: the first in slot 0, the second waits a cycle for "
                   "slot 3; a frame ready mid-slot goes at once")
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(RotorFabric(1, MicroSeconds(1)));
        Ptr<RotorCircuitScheduler> rotor =
            DynamicCast<RotorCircuitScheduler>(f.crossbar->GetScheduler());
        std::vector<std::pair<uint64_t, uint32_t>> slots;
        rotor->TraceConnectWithoutContext(
            "Slot",
            MakeCallback(+[](std::vector<std::pair<uint64_t, uint32_t>>* v,
                             uint64_t s,
                             uint32_t k) {
                v->emplace_back(s, k);
            }).Bind(&slots));
        f.SendAt(Seconds(0), 0, 1, LARGE);
        f.SendAt(Seconds(0), 0, 1, LARGE);
        f.SendAt(NanoSeconds(1500), 0, 2, SMALL); // slot 1 joins 0 -> 2, up since 1100 ns
        Simulator::Run();

        // Up at 100 ns, tail at 950 ns <= 1000 ns; the second would end at 1800 ns.
        const std::vector<Time> one = ArrivalsAt(f, 1);
        NS_TEST_ASSERT_MSG_EQ(one.size(), 2, "both large frames arrive");
        NS_TEST_EXPECT_MSG_EQ(one[0], NanoSeconds(100 + 850 + 200), "first large frame");
        NS_TEST_EXPECT_MSG_EQ(one[1], NanoSeconds(3100 + 850 + 200), "second: slot 3");
        const RotorCycle cycle(4, 1, 1000, 100);
        uint32_t lane = 0;
        NS_TEST_EXPECT_MSG_EQ(cycle.DirectStart(0, 1, 950, 850, lane), 3100, "closed form");
        NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, 2).at(0), NanoSeconds(1500 + 10 + 200), "mid-slot");
        // Slots 0 ... 3 ran; at 4 us nothing waits and the cycle pauses.
        NS_TEST_EXPECT_MSG_EQ(slots.size(), 4, "slots simulated");
        NS_TEST_EXPECT_MSG_EQ(rotor->GetNSlotsRun(), 4, "slots counted");
        NS_TEST_EXPECT_MSG_EQ(Simulator::Now(), NanoSeconds(4150), "the last event: an arrival");
        for (uint64_t s = 0; s < slots.size(); ++s)
        {
            NS_TEST_EXPECT_MSG_EQ(slots[s].first, s, "slot number");
            NS_TEST_EXPECT_MSG_EQ(slots[s].second, s % 3 + 1, "its shift");
        }
        NS_TEST_EXPECT_MSG_EQ(f.Dropped(), 0, "nothing lost");
        Simulator::Destroy();
    }
};

/// A quiet rotor pauses and resumes in the slot the fixed cycle has reached.
class ResumeTestCase : public TestCase
{
  public:
    ResumeTestCase()
        : TestCase("a frame at 10.5 us after a quiet spell: slot 10 (shift 2) is joined at "
                   "once, 0->2 arrives at 10.71 us")
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(RotorFabric(1, MicroSeconds(1)));
        f.SendAt(Seconds(0), 0, 1, SMALL);
        f.SendAt(NanoSeconds(10500), 0, 2, SMALL); // slot 10: shift 10 mod 3 + 1 = 2
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, 2).at(0), NanoSeconds(10710), "0->2");
        Ptr<RotorCircuitScheduler> rotor =
            DynamicCast<RotorCircuitScheduler>(f.crossbar->GetScheduler());
        NS_TEST_EXPECT_MSG_EQ(rotor->GetNSlotsRun(), 2, "slots 0 and 10 only were simulated");
        Simulator::Destroy();
    }
};

/// A frame that fits a whole slot, ready when a paused cycle resumes mid-slot, waits for the
/// next slot to its destination: the slot joined mid-way is shorter than its kind, not the frame
/// too large for every slot.
class ResumeLargeTestCase : public TestCase
{
  public:
    ResumeLargeTestCase()
        : TestCase("an 850 ns frame at 10.5 us after a quiet spell: slot 10 has 500 ns left, "
                   "so it goes in slot 13 (the next shift 2) and arrives at 14.15 us")
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(RotorFabric(1, MicroSeconds(1)));
        f.SendAt(Seconds(0), 0, 1, SMALL);
        f.SendAt(NanoSeconds(10500), 0, 2, LARGE);
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(f.Dropped(), 0, "nothing lost");
        NS_TEST_ASSERT_MSG_EQ(ArrivalsAt(f, 2).size(), 1, "the large frame arrives");
        const RotorCycle cycle(4, 1, 1000, 100);
        uint32_t lane = 0;
        const int64_t start = cycle.DirectStart(0, 2, 10500, 850, lane);
        NS_TEST_EXPECT_MSG_EQ(start, 13100, "closed form: slot 13's up time");
        NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, 2).at(0),
                              NanoSeconds(start + 850) + FIXED,
                              "0->2 in slot 13");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
    }
};

/// A frame longer than a slot's window can carry is dropped as FrameTooLarge, and counted.
class TooLongForASlotTestCase : public TestCase
{
  public:
    TooLongForASlotTestCase()
        : TestCase("a 1000 ns frame in 1 us slots with a 100 ns guard: FrameTooLarge, the "
                   "frame behind it delivered, bytes balanced")
    {
    }

  private:
    void DoRun() override
    {
        TestFabric f(RotorFabric(1, MicroSeconds(1)));
        f.SendAt(Seconds(0), 0, 1, 200000 - MAC_HEADER); // 1000 ns > 900 ns of window
        f.SendAt(Seconds(0), 0, 1, SMALL);
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(f.Dropped(DropReason::FRAME_TOO_LARGE),
                              200000 - MAC_HEADER,
                              "the long frame");
        NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, 1).size(), 1, "the short one arrives");
        NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, 1).at(0), NanoSeconds(310), "in slot 0");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
    }
};

/// @param guard GuardTime @param slot SlotTime @return a run of a rotor fabric so set
std::function<void()>
RunRotor(Time guard, Time slot)
{
    return [guard, slot]() {
        FabricConfig config = RotorFabric(1, slot);
        config.scheduler->SetAttribute("GuardTime", TimeValue(guard));
        TestFabric f(config);
        f.SendAt(Seconds(0), 0, 1, SMALL);
        Simulator::Run();
    };
}

/**
 * Two-hop relay (Valiant): frames whose destination is not matched now go through the peer
 * that is, which holds them until its own slot to the destination. Each frame arrives at the
 * time the cycle predicts: leg 1 at DirectStart (source, peer), leg 2 at DirectStart (peer,
 * destination, leg 1's arrival at the peer's NIC); the bytes balance at every NIC with the
 * peer's relayed term; Direct routing delivers the same frames at their direct slots.
 */
class TwoHopRelayTestCase : public TestCase
{
  public:
    /// @param twoHop Routing = TwoHop (else Direct, for comparison)
    explicit TwoHopRelayTestCase(bool twoHop)
        : TestCase(std::string("4 ports, 1 us slots, 100 ns guard, frames 0 -> 2 and 0 -> 3 at "
                               "t = 0, ") +
                   (twoHop ? "TwoHop: both go through 1 (slot 0), arriving at 520 and 1310 ns"
                           : "Direct: at their slots, 1310 and 2310 ns")),
          m_twoHop(twoHop)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config = RotorFabric(1, MicroSeconds(1));
        if (m_twoHop)
        {
            config.scheduler->SetAttribute("Routing", StringValue("TwoHop"));
        }
        TestFabric f(config);
        f.SendAt(Seconds(0), 0, 2, SMALL);
        f.SendAt(Seconds(0), 0, 3, SMALL);
        Simulator::Run();
        const RotorCycle cycle(4, 1, 1000, 100); // in ns
        const int64_t serialization = 10;
        const int64_t fixed = FIXED.GetNanoSeconds(); // fibers are 0 m
        uint32_t lane = 0;
        std::vector<int64_t> expected;
        if (m_twoHop)
        {
            // Leg 1: both frames, back to back, to the peer of slot 0.
            const uint32_t via = cycle.Peer(0, 0, 0);
            NS_TEST_ASSERT_MSG_EQ(via, 1, "slot 0 joins 0 -> 1");
            int64_t ready = 0;
            for (uint32_t dst : {2u, 3u})
            {
                const int64_t leg1 = cycle.DirectStart(0, via, ready, serialization, lane);
                ready = leg1 + serialization;
                const int64_t atVia = leg1 + serialization + fixed;
                const int64_t leg2 = cycle.DirectStart(via, dst, atVia, serialization, lane);
                expected.push_back(leg2 + serialization + fixed);
            }
        }
        else
        {
            for (uint32_t dst : {2u, 3u})
            {
                expected.push_back(cycle.DirectStart(0, dst, 0, serialization, lane) +
                                   serialization + fixed);
            }
        }
        const std::vector<int64_t> figures =
            m_twoHop ? std::vector<int64_t>{520, 1310} : std::vector<int64_t>{1310, 2310};
        NS_TEST_EXPECT_MSG_EQ((expected == figures), true, "the cycle's figures");
        const std::vector<Time> at2 = ArrivalsAt(f, 2);
        const std::vector<Time> at3 = ArrivalsAt(f, 3);
        NS_TEST_ASSERT_MSG_EQ(at2.size(), 1, "one frame at node 2");
        NS_TEST_ASSERT_MSG_EQ(at3.size(), 1, "one frame at node 3");
        NS_TEST_EXPECT_MSG_EQ(at2[0], NanoSeconds(expected[0]), "0 -> 2");
        NS_TEST_EXPECT_MSG_EQ(at3[0], NanoSeconds(expected[1]), "0 -> 3");
        NS_TEST_EXPECT_MSG_EQ(ArrivalsAt(f, 1).size(), 0, "node 1 receives nothing itself");
        const ByteCounters& via = f.Dev(1)->GetByteCounters();
        NS_TEST_EXPECT_MSG_EQ(via.sent, 0, "node 1 sent nothing of its own");
        const uint64_t relayed = m_twoHop ? 2 * SMALL : 0;
        NS_TEST_EXPECT_MSG_EQ(via.relayed, relayed, "held for the relay");
        NS_TEST_EXPECT_MSG_EQ(via.delivered, relayed, "forwarded, delivered");
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(f.Dev(i)->GetByteCounters().IsBalanced(),
                                  true,
                                  "NIC " << i << ": " << f.Dev(i)->GetByteCounters().Describe());
        }
        const ByteCounters& xbar = f.crossbar->GetByteCounters();
        const uint64_t crossings = m_twoHop ? 4 : 2;
        NS_TEST_EXPECT_MSG_EQ(xbar.delivered, crossings * SMALL, "two per relayed frame");
        NS_TEST_EXPECT_MSG_EQ(xbar.IsBalanced(), true, "the crossbar balances");
        Simulator::Destroy();
    }

    bool m_twoHop; //!< Routing = TwoHop
};

/// The suite.
class CircuitsRotorTestSuite : public TestSuite
{
  public:
    CircuitsRotorTestSuite()
        : TestSuite("scale-across-circuits-rotor", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new DirectWaitTestCase(1));
        AddTestCase(new DirectWaitTestCase(2));
        AddTestCase(new NeverCutTestCase());
        AddTestCase(new ResumeTestCase());
        AddTestCase(new ResumeLargeTestCase());
        AddTestCase(new TooLongForASlotTestCase());
        AddTestCase(new TwoHopRelayTestCase(true));
        AddTestCase(new TwoHopRelayTestCase(false));
        AddTestCase(new FatalTestCase("a guard shorter than the crossbar's reconfiguration",
                                      RunRotor(NanoSeconds(50), MicroSeconds(1)),
                                      {"GuardTime", "50", "ReconfigurationTime", "100"}));
        AddTestCase(new FatalTestCase("a slot no longer than its guard",
                                      RunRotor(NanoSeconds(0), NanoSeconds(100)),
                                      {"SlotTime", "100"}));
        // The cycle holds SlotTime and GuardTime from the start of the run: a later value
        // would disagree with it (and with what the NICs fit into a slot).
        AddTestCase(new FatalTestCase("Routing set after the run started",
                                      []() {
                                          FabricConfig config = RotorFabric(1, MicroSeconds(1));
                                          Ptr<CircuitScheduler> rotor = config.scheduler;
                                          TestFabric f(config);
                                          f.SendAt(Seconds(0), 0, 1, SMALL);
                                          Simulator::Schedule(MicroSeconds(3), [rotor]() {
                                              rotor->SetAttribute("Routing", StringValue("TwoHop"));
                                          });
                                          Simulator::Run();
                                      },
                                      {"RotorCircuitScheduler::Routing", "cannot change once"}));
        for (const std::string attribute : {"GuardTime", "SlotTime"})
        {
            AddTestCase(new FatalTestCase(
                attribute + " set after the run started",
                [attribute]() {
                    FabricConfig config = RotorFabric(1, MicroSeconds(1));
                    Ptr<CircuitScheduler> rotor = config.scheduler;
                    TestFabric f(config);
                    f.SendAt(Seconds(0), 0, 1, SMALL);
                    Simulator::Schedule(MicroSeconds(3), [rotor, attribute]() {
                        rotor->SetAttribute(attribute, TimeValue(NanoSeconds(500)));
                    });
                    Simulator::Run();
                },
                {"RotorCircuitScheduler::" + attribute, "cannot change once"}));
        }
        AddTestCase(new FatalTestCase("more lanes than matchings",
                                      []() {
                                          TestFabric f(RotorFabric(4, MicroSeconds(1)));
                                          f.SendAt(Seconds(0), 0, 1, SMALL);
                                          Simulator::Run();
                                      },
                                      {"LanesPerPort = 4", "3 matchings"}));
    }
};

/// Static instance registering the suite.
CircuitsRotorTestSuite g_circuitsRotorTestSuite;

} // namespace
