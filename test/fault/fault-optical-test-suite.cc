/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-fault-optical: faults in the optical fabric (issue #16), with raw frames on a
 * 3-port crossbar (1 wavelength of 1.6 Tb/s, 10 m fibers, 1 us set-up, on-demand circuits
 * unless a case says otherwise). A frame of B bytes sent at t = 0 from NIC 0 to NIC 1 gets its
 * circuit at R = 1 us and arrives at R + T(B), T the closed form of a transfer on a circuit
 * (serialization + fibers + DSP/FEC). Each fault at each instant gives its defined outcome:
 *  - before the circuit is up (the frame waits in NIC 0): the NIC drops it, with the fault's
 *    reason (LinkDown: fiber or crossbar port; DeviceFailed: transceiver or crossbar);
 *  - during the transfer (its light on the path): it is lost with that reason, counted by the
 *    sender and the crossbar;
 *  - after it arrived: nothing is lost.
 * The failed NICs see link down then up (link-change callbacks, IsLinkUp), and after the
 * repair at 20 us a frame sent at 30 us arrives at 30 us + R + T (a new circuit). Every NIC
 * and the crossbar balance their bytes, lost bytes included.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/byte-conservation.h"
#include "ns3/coherent-transceiver.h"
#include "ns3/config.h"
#include "ns3/fault-helper.h"
#include "ns3/names.h"
#include "ns3/optical-channel.h"
#include "ns3/optical-physics.h"
#include "ns3/rotor-circuit-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"

#include <utility>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint32_t BYTES = 1000000;   //!< the frame
const Time SETUP = MicroSeconds(1);   //!< reconfiguration time (FabricConfig's default)
const Time REPAIR = MicroSeconds(20); //!< repair time of every fault below
const Time AGAIN = MicroSeconds(30);  //!< the second frame's send time

/// @param bytes payload @return T: its transfer time on an established circuit
Time
Transfer(uint64_t bytes)
{
    return ClosedFormTransfer(bytes, 1, 1.6e12, NanoSeconds(200), 20, Seconds(0));
}

/// @param got a time @param want the closed form @return true within 1 ns (rounding)
bool
Near(Time got, Time want)
{
    return (got - want).GetTimeStep() <= 1 && (want - got).GetTimeStep() <= 1;
}

/// Which part fails.
enum class Part
{
    RECEIVER_FIBER,     //!< NIC 1's fiber
    SENDER_TRANSCEIVER, //!< NIC 0's transceiver
    RECEIVER_PORT,      //!< crossbar port 1
    CROSSBAR,           //!< the whole crossbar
};

/// When it fails.
enum class Instant
{
    BEFORE, //!< 0.5 us: the frame waits for its circuit
    DURING, //!< R + 2 us: the frame is on the path
    AFTER,  //!< R + T + 10 ns: the frame has arrived
};

/// One part failing at one instant, repaired at 20 us.
class FaultOutcomeTestCase : public TestCase
{
  public:
    /// @param part what fails @param instant when @param name for the report
    FaultOutcomeTestCase(Part part, Instant instant, const std::string& name)
        : TestCase(name),
          m_part(part),
          m_instant(instant)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        FaultHelper faults;
        const Time t = m_instant == Instant::BEFORE   ? NanoSeconds(500)
                       : m_instant == Instant::DURING ? SETUP + MicroSeconds(2)
                                                      : SETUP + Transfer(BYTES) + NanoSeconds(10);
        switch (m_part)
        {
        case Part::RECEIVER_FIBER:
            faults.FailFiber(f.Dev(1), t, REPAIR);
            break;
        case Part::SENDER_TRANSCEIVER:
            faults.FailTransceiver(f.Dev(0), t, REPAIR);
            break;
        case Part::RECEIVER_PORT:
            faults.FailCrossbarPort(f.crossbar, 1, t, REPAIR);
            break;
        case Part::CROSSBAR:
            faults.FailCrossbar(f.crossbar, t, REPAIR);
            break;
        }
        const DropReason reason = m_part == Part::SENDER_TRANSCEIVER || m_part == Part::CROSSBAR
                                      ? DropReason::DEVICE_FAILED
                                      : DropReason::LINK_DOWN;
        // Which NICs lose their link.
        std::vector<bool> fails(3, false);
        fails[0] = m_part == Part::SENDER_TRANSCEIVER || m_part == Part::CROSSBAR;
        fails[1] = m_part != Part::SENDER_TRANSCEIVER;
        fails[2] = m_part == Part::CROSSBAR;
        std::vector<uint32_t> changes(3, 0);
        for (uint32_t i = 0; i < 3; ++i)
        {
            f.Dev(i)->AddLinkChangeCallback(
                MakeCallback(+[](uint32_t* n) { ++*n; }).Bind(&changes[i]));
        }
        std::vector<bool> upDuring(3, true);
        Simulator::Schedule(t + NanoSeconds(1), [&]() {
            for (uint32_t i = 0; i < 3; ++i)
            {
                upDuring[i] = f.Dev(i)->IsLinkUp();
            }
        });
        f.SendAt(Seconds(0), 0, 1, BYTES);
        f.SendAt(AGAIN, 0, 1, BYTES);
        Simulator::Run();

        const bool lost = m_instant != Instant::AFTER;
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), (lost ? 1u : 2u), "frames delivered");
        if (!lost)
        {
            NS_TEST_EXPECT_MSG_EQ(Near(f.arrivals[0].at, SETUP + Transfer(BYTES)),
                                  true,
                                  "first frame at R + T: " << f.arrivals[0].at.As(Time::NS));
        }
        NS_TEST_EXPECT_MSG_EQ(Near(f.arrivals.back().at, AGAIN + SETUP + Transfer(BYTES)),
                              true,
                              "after the repair, a new circuit: 30 us + R + T, got "
                                  << f.arrivals.back().at.As(Time::NS));
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(reason),
                              (lost ? BYTES : 0),
                              "bytes lost, as " << ToString(reason));
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(), (lost ? BYTES : 0), "no other loss");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetByteCounters().GetLostToFaults(),
                              (lost ? BYTES : 0),
                              "lost to faults");
        // Lost on the path: the crossbar counts it too; lost in the queue: only the NIC.
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetByteCounters().GetDropped(reason),
                              (m_instant == Instant::DURING ? BYTES : 0),
                              "crossbar's lost bytes");
        for (uint32_t i = 0; i < 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(changes[i], (fails[i] ? 2u : 0u), "link changes of NIC " << i);
            NS_TEST_EXPECT_MSG_EQ(upDuring[i], !fails[i], "IsLinkUp of NIC " << i << " then");
            NS_TEST_EXPECT_MSG_EQ(f.Dev(i)->IsLinkUp(), true, "NIC " << i << " up again");
        }
        NS_TEST_EXPECT_MSG_EQ(f.Conserved(), true, "the NICs' bytes balance");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
        Names::Clear();
    }

    Part m_part;       //!< what fails
    Instant m_instant; //!< when
};

/// A failed port gets no circuit: frames for it are dropped at their NIC, the rest runs on.
class NoCircuitToFailedPortTestCase : public TestCase
{
  public:
    NoCircuitToFailedPortTestCase()
        : TestCase("port 1 down from 0: a frame 2 -> 1 is dropped at NIC 2 (LinkDown), no "
                   "circuit is set up to port 1; 2 -> 0 arrives at 1 us + R + T")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        FaultHelper faults;
        faults.FailCrossbarPort(f.crossbar, 1, Seconds(0));
        uint32_t toPort1 = 0;
        f.crossbar->TraceConnectWithoutContext(
            "CircuitUp",
            MakeCallback(+[](uint32_t* n, uint32_t, uint32_t, uint32_t dst, uint32_t) {
                *n += dst == 1 ? 1 : 0;
            }).Bind(&toPort1));
        f.SendAt(MicroSeconds(1), 2, 1, BYTES);
        f.SendAt(MicroSeconds(1), 2, 0, BYTES);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals[0].node, 0, "to NIC 0");
        NS_TEST_EXPECT_MSG_EQ(Near(f.arrivals[0].at, MicroSeconds(1) + SETUP + Transfer(BYTES)),
                              true,
                              "at 1 us + R + T");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(2)->GetDroppedBytes(DropReason::LINK_DOWN),
                              BYTES,
                              "the frame for port 1 is dropped at once");
        NS_TEST_EXPECT_MSG_EQ(toPort1, 0, "no circuit to the failed port");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(1)->IsLinkUp(), false, "NIC 1 stays down");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
        Names::Clear();
    }
};

/// A failed set-up is retried: the circuit comes up after 2 R.
class SetUpFailureTestCase : public TestCase
{
  public:
    SetUpFailureTestCase()
        : TestCase("the next set-up from port 0 fails: its frame arrives at 2 R + T, one "
                   "SetUpFailed; the following set-up takes R")
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
        uint32_t failed = 0;
        f.crossbar->TraceConnectWithoutContext(
            "SetUpFailed",
            MakeCallback(+[](uint32_t* n, uint32_t, uint32_t) { ++*n; }).Bind(&failed));
        f.SendAt(Seconds(0), 0, 1, BYTES);
        f.SendAt(MicroSeconds(100), 0, 2, BYTES);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "both frames delivered, nothing lost");
        NS_TEST_EXPECT_MSG_EQ(Near(f.arrivals[0].at, 2 * SETUP + Transfer(BYTES)),
                              true,
                              "retried set-up: 2 R + T, got " << f.arrivals[0].at.As(Time::NS));
        NS_TEST_EXPECT_MSG_EQ(Near(f.arrivals[1].at, MicroSeconds(100) + SETUP + Transfer(BYTES)),
                              true,
                              "next set-up: R");
        NS_TEST_EXPECT_MSG_EQ(failed, 1, "SetUpFailed fired once");
        NS_TEST_EXPECT_MSG_EQ(f.Dropped(), 0, "nothing lost");
        Simulator::Destroy();
        Names::Clear();
    }
};

/// A static circuit over a failed port is torn down and set up again on repair.
class StaticRepairTestCase : public TestCase
{
  public:
    StaticRepairTestCase()
        : TestCase("static circuit 0 -> 1, fiber 1 cut at 10 us, repaired at 20 us: a frame "
                   "sent at 20.5 us arrives at 20 us + R + T, one sent at 15 us is dropped")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        config.staticCircuits = {{0, 1}};
        TestFabric f(config);
        FaultHelper faults;
        faults.FailFiber(f.Dev(1), MicroSeconds(10), REPAIR);
        f.SendAt(MicroSeconds(15), 0, 1, BYTES);
        f.SendAt(MicroSeconds(20.5), 0, 1, BYTES);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame delivered");
        NS_TEST_EXPECT_MSG_EQ(
            Near(f.arrivals[0].at, REPAIR + SETUP + Transfer(BYTES)),
            true,
            "the circuit is set up again at the repair: " << f.arrivals[0].at.As(Time::NS));
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(DropReason::LINK_DOWN),
                              BYTES,
                              "the frame sent while port 1 was down");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
        Names::Clear();
    }
};

/// A degraded fiber fails exactly when its worst link budget stops closing.
class DegradationTestCase : public TestCase
{
  public:
    /// @param rate loss growth, dB/s
    explicit DegradationTestCase(double rate)
        : TestCase("fiber 1 loses " + std::to_string(static_cast<int64_t>(rate)) +
                   " dB per second from 10 us: it fails at 10 us + margin over rate "
                   "(LinkBudget); frames before arrive, frames on it then are lost"),
          m_rate(rate)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        // The margin of the worst path through fiber 1 (all transceivers and fibers alike):
        // launch - fibers (2 x 10 m x 0.35 dB/km) - crossbar - connectors (2 x 0.5) - sens.
        const CoherentTransceiver& x = *f.Dev(1)->GetTransceiver();
        optical::LinkBudget budget;
        budget.launchPowerDbm = x.GetLaunchPowerDbm();
        budget.fiberLossDb = 2 * 10 * 0.35 / 1000;
        budget.crossbarLossDb = config.insertionLoss;
        budget.connectorLossDb = 2 * 0.5;
        budget.sensitivityDbm = x.GetReceiverSensitivityDbm();
        const double margin = budget.MarginDb();
        NS_TEST_ASSERT_MSG_GT(margin, 0, "the fresh fiber closes its budget");
        const Time from = MicroSeconds(10);
        const Time failAt = from + Seconds(margin / m_rate);

        FaultHelper faults;
        faults.DegradeFiber(f.Dev(1), from, m_rate);
        std::pair<std::string, Time> injected{"", Seconds(-1)};
        Config::ConnectWithoutContext(
            "/Names/faults/FaultInjected",
            MakeCallback(+[](std::pair<std::string, Time>* last, const std::string& c, Time at) {
                *last = {c, at};
            }).Bind(&injected));
        // One frame well before the failure, one whose light is on the path at it.
        f.SendAt(Seconds(0), 0, 1, BYTES);
        f.SendAt(failAt - SETUP - MicroSeconds(2), 2, 1, BYTES);
        f.SendAt(failAt + MicroSeconds(1), 0, 1, BYTES);
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(Near(injected.second, failAt),
                              true,
                              "fails at 10 us + margin / rate = " << failAt.As(Time::NS) << ", got "
                                                                  << injected.second.As(Time::NS));
        NS_TEST_EXPECT_MSG_EQ((injected.first.find("degraded fiber") != std::string::npos),
                              true,
                              injected.first);
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "only the first frame arrives");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(2)->GetDroppedBytes(DropReason::LINK_BUDGET),
                              BYTES,
                              "the frame on the path is lost to the link budget");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(DropReason::LINK_BUDGET),
                              BYTES,
                              "the frame after the failure too (at NIC 0)");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(1)->IsLinkUp(), false, "NIC 1 down");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
        Names::Clear();
    }

    double m_rate; //!< dB/s
};

/// A rotor keeps its cycle through a fault: slots to the failed port carry nothing.
class RotorFaultTestCase : public TestCase
{
  public:
    /// @param routing Direct or TwoHop
    explicit RotorFaultTestCase(const std::string& routing)
        : TestCase("rotor (" + routing +
                   "), 4 NICs sending to each other, fiber 2 cut from 15 to 40 us: what "
                   "involves NIC 2 then is lost (LinkDown), all else arrives, bytes balance"),
          m_routing(routing)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 4;
        config.reconfiguration = NanoSeconds(100);
        Ptr<RotorCircuitScheduler> rotor = CreateObject<RotorCircuitScheduler>();
        rotor->SetAttribute("SlotTime", TimeValue(MicroSeconds(2)));
        rotor->SetAttribute("Routing", StringValue(m_routing));
        config.scheduler = rotor;
        TestFabric f(config);
        FaultHelper faults;
        faults.FailFiber(f.Dev(2), MicroSeconds(15), MicroSeconds(40));
        for (uint32_t k = 0; k < 20; ++k)
        {
            for (uint32_t i = 0; i < 4; ++i)
            {
                f.SendAt(MicroSeconds(3 * k), i, (i + 1 + k % 3) % 4, 20000);
            }
        }
        Simulator::Run();
        const uint64_t lost = ByteConservation::Sum(f.devices).GetLostToFaults();
        NS_TEST_EXPECT_MSG_GT(lost, 0, "frames involving NIC 2 were lost");
        NS_TEST_EXPECT_MSG_EQ(f.Dropped(), lost, "nothing lost for another reason");
        NS_TEST_EXPECT_MSG_EQ(f.Queued(), 0, "nothing left waiting (no hang)");
        NS_TEST_EXPECT_MSG_EQ(f.Received() + lost,
                              f.Sent() + ByteConservation::Sum(f.devices).relayed,
                              "every byte delivered or lost");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(2)->IsLinkUp(), true, "NIC 2 up again");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
        Names::Clear();
    }

    std::string m_routing; //!< the rotor's Routing
};

/// The suite.
class FaultOpticalTestSuite : public TestSuite
{
  public:
    FaultOpticalTestSuite()
        : TestSuite("scale-across-fault-optical", TestSuite::Type::UNIT)
    {
        const std::vector<std::pair<Part, std::string>> parts{
            {Part::RECEIVER_FIBER, "receiver's fiber"},
            {Part::SENDER_TRANSCEIVER, "sender's transceiver"},
            {Part::RECEIVER_PORT, "receiver's crossbar port"},
            {Part::CROSSBAR, "whole crossbar"},
        };
        const std::vector<std::pair<Instant, std::string>> instants{
            {Instant::BEFORE, "before the transfer (queued)"},
            {Instant::DURING, "during the transfer (on the path)"},
            {Instant::AFTER, "after the transfer"},
        };
        for (const auto& [part, p] : parts)
        {
            for (const auto& [instant, i] : instants)
            {
                AddTestCase(new FaultOutcomeTestCase(part, instant, p + " fails " + i));
            }
        }
        AddTestCase(new NoCircuitToFailedPortTestCase());
        AddTestCase(new SetUpFailureTestCase());
        AddTestCase(new StaticRepairTestCase());
        AddTestCase(new DegradationTestCase(1e4));
        AddTestCase(new DegradationTestCase(3e5));
        AddTestCase(new RotorFaultTestCase("Direct"));
        AddTestCase(new RotorFaultTestCase("TwoHop"));
    }
};

/// Static instance registering the suite.
FaultOpticalTestSuite g_faultOpticalTestSuite;

} // namespace
