/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-byte-conservation: the one byte-conservation check every fabric uses. Every
 * NIC and the crossbar register with it; a run with drops of every kind balances, the
 * crossbar's counters agree with its NICs', and an element that loses a byte stops the run
 * at Simulator::Destroy with a message naming it and every term.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/byte-conservation.h"
#include "ns3/config.h"
#include "ns3/photonic-crossbar.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// An element that loses bytes, as a model bug would.
class LeakyElement : public Object, public ByteCounted
{
  public:
    /// @return the TypeId (ns-3.46+ aborts in CreateObject for an Object without one)
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::ScaleAcrossTestLeakyElement").SetParent<Object>();
        return tid;
    }

    LeakyElement()
    {
        m_bytes.sent = 100;
        m_bytes.delivered = 90;
    }

    const ByteCounters& GetByteCounters() const override
    {
        return m_bytes;
    }

    std::string GetByteCountersName() const override
    {
        return "leaky element";
    }

  private:
    ByteCounters m_bytes; //!< 10 bytes unaccounted for
};

/// Drops of several kinds, then every element balances and the crossbar agrees with its NICs.
class EveryElementBalancesTestCase : public TestCase
{
  public:
    EveryElementBalancesTestCase()
        : TestCase("NICs and crossbar balance and agree after crossbar drops and an early stop")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.nodes = 3;
        c.waitForCircuit = false; // frames without a circuit die at the crossbar
        c.fiberMeters = 10;
        TestFabric f(c);
        f.SendAt(MicroSeconds(1), 0, 1, 1000);
        f.SendAt(MicroSeconds(1), 0, 2, 2000);
        Simulator::Stop(MicroSeconds(3)); // the first frame may be in flight or dropped
        Simulator::Run();
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        const ByteCounters nics = ByteConservation::Sum(f.devices);
        const ByteCounters& xbar = f.crossbar->GetByteCounters();
        NS_TEST_EXPECT_MSG_EQ(nics.sent, 3000, "bytes handed to Send");
        NS_TEST_EXPECT_MSG_EQ(xbar.IsBalanced(), true, xbar.Describe());
        NS_TEST_EXPECT_MSG_EQ(xbar.sent, nics.sent - nics.queued, "launched = sent - queued");
        NS_TEST_EXPECT_MSG_EQ(xbar.delivered, nics.delivered, "delivered");
        NS_TEST_EXPECT_MSG_EQ(xbar.inFlight, nics.inFlight, "in flight");
        NS_TEST_EXPECT_MSG_EQ(xbar.GetDropped(DropReason::NO_CIRCUIT),
                              nics.GetDropped(DropReason::NO_CIRCUIT),
                              "crossbar drops, as the NICs were told");
        NS_TEST_EXPECT_MSG_GT(nics.GetDropped(DropReason::NO_CIRCUIT),
                              0,
                              "some frame had no circuit");
        Simulator::Destroy();
    }
};

/// Frames lost to the link budget count at their sender, as the crossbar counts them.
class LinkBudgetLossesCountAtTheSenderTestCase : public TestCase
{
  public:
    LinkBudgetLossesCountAtTheSenderTestCase()
        : TestCase("frames lost to the link budget count at the sender and at the crossbar")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.fiberMeters = 200000; // 70 dB of fiber per side: the budget cannot close
        TestFabric f(c);
        f.SendAt(MicroSeconds(1), 0, 1, 5000);
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(DropReason::LINK_BUDGET),
                              5000,
                              "counted at the sender");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(1)->GetDroppedBytes(), 0, "the receiver sent nothing");
        NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetByteCounters().GetDropped(DropReason::LINK_BUDGET),
                              5000,
                              "and at the crossbar");
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
    }
};

/// With the global value off, an unbalanced element does not stop the run.
class CheckCanBeTurnedOffTestCase : public TestCase
{
  public:
    CheckCanBeTurnedOffTestCase()
        : TestCase("CheckByteConservation=false lets an unbalanced run end")
    {
    }

  private:
    void DoRun() override
    {
        Config::SetGlobal("CheckByteConservation", BooleanValue(false));
        ByteConservation::Watch(CreateObject<LeakyElement>());
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), false, "the leak is seen");
        NS_TEST_EXPECT_MSG_NE(report.find("leaky element: sent 100 B != delivered 90"),
                              std::string::npos,
                              report);
        Simulator::Destroy(); // no fatal error
        Config::SetGlobal("CheckByteConservation", BooleanValue(true));
    }
};

/// The suite.
class ByteConservationTestSuite : public TestSuite
{
  public:
    ByteConservationTestSuite()
        : TestSuite("scale-across-byte-conservation", TestSuite::Type::UNIT)
    {
        AddTestCase(new EveryElementBalancesTestCase());
        AddTestCase(new LinkBudgetLossesCountAtTheSenderTestCase());
        AddTestCase(new CheckCanBeTurnedOffTestCase());
        AddTestCase(
            new FatalTestCase("an element that loses bytes stops the run at Simulator::Destroy",
                              [] {
                                  ByteConservation::Watch(CreateObject<LeakyElement>());
                                  Simulator::Destroy();
                              },
                              {"bytes are not conserved",
                               "leaky element",
                               "sent 100 B != delivered 90",
                               "= 90 B",
                               "CheckByteConservation"}));
    }
};

/// Static instance registering the suite.
ByteConservationTestSuite g_byteConservationTestSuite;

} // namespace
