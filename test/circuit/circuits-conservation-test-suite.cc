/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits-conservation: under every circuit scheduler (on-demand, static,
 * rotor, wavelength-routed) the byte balance of every NIC and of the crossbar holds after runs
 * with drops (unknown destination, too large, queue full, rejected, longer than a slot) and
 * with an early stop that leaves bytes queued and in flight.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/byte-conservation.h"
#include "ns3/rotor-circuit-scheduler.h"
#include "ns3/simulator.h"
#include "ns3/static-circuit-scheduler.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/wavelength-routed-circuit-scheduler.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// One scheduler under drops and an early stop.
class BalanceTestCase : public TestCase
{
  public:
    /// @param scheduler "ondemand", "static", "rotor", "rotor-twohop" or "awgr"
    /// @param stop when to stop
    BalanceTestCase(std::string scheduler, Time stop)
        : TestCase(scheduler + ": drops and a stop at " + std::to_string(stop.GetNanoSeconds()) +
                   " ns, every element balances"),
          m_scheduler(std::move(scheduler)),
          m_stop(stop)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = 5;
        config.reconfiguration = NanoSeconds(100);
        config.maxQueueBytes = 1 << 20;
        if (m_scheduler == "static")
        {
            config.staticRing = true;
        }
        else if (m_scheduler == "rotor" || m_scheduler == "rotor-twohop")
        {
            config.scheduler = CreateObject<RotorCircuitScheduler>();
            config.scheduler->SetAttribute("SlotTime", TimeValue(MicroSeconds(1)));
            if (m_scheduler == "rotor-twohop")
            {
                config.scheduler->SetAttribute("Routing", StringValue("TwoHop"));
            }
        }
        else if (m_scheduler == "awgr")
        {
            config.scheduler = CreateObject<WavelengthRoutedCircuitScheduler>();
            config.scheduler->SetAttribute("SlotTime", TimeValue(MicroSeconds(1)));
        }
        TestFabric f(config);
        // All-to-all, three rounds of frames from 1 KB to 100 KB (0.5 us at 1.6 Tb/s).
        for (uint32_t round = 0; round < 3; ++round)
        {
            for (uint32_t i = 0; i < config.nodes; ++i)
            {
                for (uint32_t j = 0; j < config.nodes; ++j)
                {
                    if (i != j)
                    {
                        f.SendAt(NanoSeconds(700 * round), i, j, 1000 + 33000 * round);
                    }
                }
            }
        }
        // Drops: longer than a 1 us slot's window (rotor, awgr) or just long (others), beyond
        // the queue, to nobody.
        f.SendAt(Seconds(0), 0, 1, 300000);
        f.SendAt(Seconds(0), 2, 3, 1 << 20);
        Ptr<OpticalNetDevice> nic = f.Dev(4);
        Simulator::ScheduleWithContext(f.nodes.Get(4)->GetId(), Seconds(0), [nic]() {
            nic->Send(Create<Packet>(500), Mac48Address("02:00:00:00:99:99"), TEST_PROTOCOL);
        });
        Simulator::Stop(m_stop);
        Simulator::Run();

        const ByteCounters sum = ByteConservation::Sum(f.devices);
        NS_TEST_EXPECT_MSG_GT(sum.GetDropped(), 0, "something was dropped");
        NS_TEST_EXPECT_MSG_GT(sum.queued + sum.inFlight, 0, "the stop left bytes on the way");
        NS_TEST_EXPECT_MSG_GT(sum.delivered, 0, "something arrived");
        NS_TEST_EXPECT_MSG_EQ(sum.IsBalanced(), true, sum.Describe());
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        const ByteCounters& xbar = f.crossbar->GetByteCounters();
        // Each hop is a crossing: a relayed frame is delivered by its source (to the peer) and
        // by the peer (to its destination), and crosses the crossbar twice.
        NS_TEST_EXPECT_MSG_EQ(xbar.delivered, sum.delivered, "crossbar and NICs agree");
        if (m_scheduler == "rotor-twohop")
        {
            NS_TEST_EXPECT_MSG_GT(sum.relayed, 0, "some bytes went through a peer");
        }
        NS_TEST_EXPECT_MSG_EQ(xbar.inFlight, sum.inFlight, "in flight");
        // Run on to the end: the balance still holds with nothing left on the way.
        Simulator::Run();
        const ByteCounters end = ByteConservation::Sum(f.devices);
        NS_TEST_EXPECT_MSG_EQ(end.queued + end.inFlight, 0, "all delivered or dropped");
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
    }

    std::string m_scheduler; //!< which scheduler
    Time m_stop;             //!< early stop
};

/// The suite.
class CircuitsConservationTestSuite : public TestSuite
{
  public:
    CircuitsConservationTestSuite()
        : TestSuite("scale-across-circuits-conservation", TestSuite::Type::UNIT)
    {
        for (const char* s : {"ondemand", "static", "rotor", "rotor-twohop", "awgr"})
        {
            AddTestCase(new BalanceTestCase(s, NanoSeconds(1500)));
        }
    }
};

/// Static instance registering the suite.
CircuitsConservationTestSuite g_circuitsConservationTestSuite;

} // namespace
