/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-failure: a ring all-reduce whose rank's link goes down before,
 * during or after it, or whose messages stop arriving, ends in its defined outcome at the
 * instant a closed form gives, never hangs (every run ends because no event is left: no
 * Simulator::Stop anywhere), stops every event of the failed operation, and keeps the
 * transports' bytes balanced (ExcludeRank: scale-across-collective-exclude-rank).
 */

#include "../collective-failure-fixture.h"
#include "../fault-test-fixture.h"
#include "../scale-across-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/byte-conservation.h"
#include "ns3/collective-helper.h"
#include "ns3/collective-transport.h"
#include "ns3/double.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <tuple>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// no fault: the ring's closed form 2 (p - 1) (block + header over rate + delay)
class NoFaultCase : public FailureTestCase
{
  public:
    NoFaultCase()
        : FailureTestCase(
              "no fault: the ring's closed form 2 (p - 1) (block + header over rate + delay)")
    {
    }

  private:
    void DoRun() override
    {
        const FailOutcome o = RunFailure(FailRun{});
        NS_TEST_ASSERT_MSG_EQ(o.completed.size(), 1, "one result");
        NS_TEST_EXPECT_MSG_EQ(o.completed[0].time, RingTime(8), "closed form");
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(o.completed[0].status),
                              "COMPLETE",
                              "status");
        NS_TEST_EXPECT_MSG_EQ(o.failed.size(), 0, "nothing failed");
        NS_TEST_EXPECT_MSG_EQ(o.rankComplete, 8, "every rank finished");
        NS_TEST_EXPECT_MSG_EQ(o.end, RING_ISSUE + RingTime(8), "nothing after the last arrival");
        ExpectBalance(o);
    }
};

/// link down before: fails when issued, nothing is sent, nothing runs after
class LinkDownBeforeCase : public FailureTestCase
{
  public:
    LinkDownBeforeCase()
        : FailureTestCase(
              "link down before: fails when issued, nothing is sent, nothing runs after")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.links = {{NanoSeconds(500), 5, false}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "one failure");
        const CollectiveResult& r = o.failed[0];
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(r.status), "FAILED", "status");
        NS_TEST_EXPECT_MSG_EQ(r.failedRank, 5, "the rank");
        NS_TEST_EXPECT_MSG_EQ(r.detected, RING_ISSUE, "detected at the issue");
        NS_TEST_EXPECT_MSG_EQ(r.time, Seconds(0), "failed at once");
        NS_TEST_EXPECT_MSG_NE(r.reason.find("link down on rank 5"), std::string::npos, r.reason);
        NS_TEST_EXPECT_MSG_EQ(o.results.size(), 1, "GetResults holds the failure");
        NS_TEST_EXPECT_MSG_EQ(o.completed.size() + o.rankComplete, 0, "no completion");
        NS_TEST_EXPECT_MSG_EQ(o.sent, 0, "nothing sent");
        NS_TEST_EXPECT_MSG_EQ(o.end, RING_ISSUE, "no event after the issue");
        NS_TEST_EXPECT_MSG_EQ(o.active, 0, "nothing in flight");
        ExpectBalance(o);
    }
};

/// link down during step 3: fails at that instant; the frames in flight arrive late and are
/// counted; nothing runs after them
class LinkDownDuringCase : public FailureTestCase
{
  public:
    LinkDownDuringCase()
        : FailureTestCase(
              "link down during step 3: fails at that instant; the frames in flight arrive late "
              "and are counted; nothing runs after them")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        const Time down = RING_ISSUE + RingStep(8) * 3 + RingStep(8) / 2;
        c.links = {{down, 5, false}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "one failure");
        const CollectiveResult& r = o.failed[0];
        NS_TEST_EXPECT_MSG_EQ(r.detected, down, "detected when the link went down");
        NS_TEST_EXPECT_MSG_EQ(r.time, down - RING_ISSUE, "start to detection");
        NS_TEST_EXPECT_MSG_EQ(r.failedRank, 5, "the rank");
        NS_TEST_EXPECT_MSG_NE(r.reason.find("link down on rank 5 at"), std::string::npos, r.reason);
        NS_TEST_EXPECT_MSG_EQ(o.rankComplete, 0, "no rank finished");
        // Step 3's eight blocks were on the wire: the one to rank 5 is lost there, the
        // seven others arrive at the step's end, late.
        const uint64_t block = RING_BYTES / 8;
        NS_TEST_EXPECT_MSG_EQ(o.lost, block, "one block lost at rank 5");
        NS_TEST_EXPECT_MSG_EQ(o.late, 7 * block, "seven blocks late");
        NS_TEST_EXPECT_MSG_EQ(o.end, RING_ISSUE + RingStep(8) * 4, "the last event: their arrival");
        NS_TEST_EXPECT_MSG_EQ(o.active, 0, "nothing in flight");
        ExpectBalance(o);
    }
};

/// link down after: the operation completes in its closed form, no failure
class LinkDownAfterCase : public FailureTestCase
{
  public:
    LinkDownAfterCase()
        : FailureTestCase("link down after: the operation completes in its closed form, no failure")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.links = {{RING_ISSUE + RingTime(8) + NanoSeconds(1), 5, false}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.completed.size(), 1, "one result");
        NS_TEST_EXPECT_MSG_EQ(o.completed[0].time, RingTime(8), "closed form");
        NS_TEST_EXPECT_MSG_EQ(o.failed.size(), 0, "no failure");
        ExpectBalance(o);
    }
};

/// repair: an operation issued while down fails, the next one after the repair completes in the
/// closed form
class RepairCase : public FailureTestCase
{
  public:
    RepairCase()
        : FailureTestCase(
              "repair: an operation issued while down fails, the next one after the repair "
              "completes in the closed form")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.links = {{NanoSeconds(500), 5, false}, {MicroSeconds(2), 5, true}};
        c.issues = {RING_ISSUE, MicroSeconds(3)};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "the first fails");
        NS_TEST_EXPECT_MSG_EQ(o.failed[0].sequence, 0, "operation 0");
        NS_TEST_ASSERT_MSG_EQ(o.completed.size(), 1, "the second completes");
        NS_TEST_EXPECT_MSG_EQ(o.completed[0].sequence, 1, "operation 1");
        NS_TEST_EXPECT_MSG_EQ(o.completed[0].time, RingTime(8), "closed form");
        ExpectBalance(o);
    }
};

/// no progress: frames 2 -> 3 vanish; the watchdog fails the operation FailureTimeout after the
/// last arrival, (p - 1) steps in, naming who waits on whom
class WatchdogCase : public FailureTestCase
{
  public:
    WatchdogCase()
        : FailureTestCase(
              "no progress: frames 2 -> 3 vanish; the watchdog fails the operation FailureTimeout "
              "after the last arrival, (p - 1) steps in, naming who waits on whom")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.blackList = {{2, 3}};
        c.failureTimeout = MicroSeconds(50);
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "one failure");
        const CollectiveResult& r = o.failed[0];
        // Rank 3 never hears from rank 2, so rank 3 + m sends steps 0 ... m, step k at k
        // steps: the last arrival is rank 2's receive of step 6 from rank 1, after 7 steps.
        const Time last = RING_ISSUE + RingStep(8) * 7;
        NS_TEST_EXPECT_MSG_EQ(r.detected, last + c.failureTimeout, "detection");
        NS_TEST_EXPECT_MSG_EQ(r.failedRank, CollectiveResult::NO_RANK, "no rank blamed");
        for (const char* words :
             {"no progress for 50 us", "rank 3 waits on rank 2", "rank 0 waits on rank 7"})
        {
            NS_TEST_EXPECT_MSG_NE(r.reason.find(words), std::string::npos, r.reason);
        }
        NS_TEST_EXPECT_MSG_EQ(o.end, r.detected, "the watchdog is the last event");
        // Rank 2 sends only to rank 3: its 8 blocks (steps 0 ... 7) went into the black list.
        ExpectBalance(o, 8 * RING_BYTES / 8);
    }
};

/// no progress with FailureTimeout = 0: no watchdog; the run still ends (no event left) and the
/// operation stays in flight
class WatchdogOffCase : public FailureTestCase
{
  public:
    WatchdogOffCase()
        : FailureTestCase(
              "no progress with FailureTimeout = 0: no watchdog; the run still ends (no event "
              "left) and the operation stays in flight")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.blackList = {{2, 3}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_EXPECT_MSG_EQ(o.failed.size() + o.completed.size(), 0, "no outcome");
        NS_TEST_EXPECT_MSG_EQ(o.active, 1, "still in flight");
        // The last event: rank 2's step 7, sent after 7 steps, reaching the channel's other
        // devices (not rank 3, black-listed) one step later.
        NS_TEST_EXPECT_MSG_EQ(o.end,
                              RING_ISSUE + RingStep(8) * 8,
                              "ends when the last frame is gone");
        ExpectBalance(o, 8 * RING_BYTES / 8);
    }
};

/// FailureTimeout set while the watchdog is armed: 0 turns it off (the operation stays in
/// flight and the run ends with the last frame, as if it had been 0 all along); a longer one
/// moves the detection to the last arrival plus the new timeout
class WatchdogChangedCase : public FailureTestCase
{
  public:
    /// @param newTimeout the FailureTimeout set 3 steps in
    WatchdogChangedCase(Time newTimeout)
        : FailureTestCase("no progress, FailureTimeout set to " +
                          std::to_string(newTimeout.GetMicroSeconds()) +
                          " us while the watchdog is armed: it follows the new value"),
          m_newTimeout(newTimeout)
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.blackList = {{2, 3}};
        c.failureTimeout = MicroSeconds(50);
        c.changeTimeoutAt = RING_ISSUE + RingStep(8) * 3;
        c.newTimeout = m_newTimeout;
        const FailOutcome o = RunFailure(c);
        const Time last = RING_ISSUE + RingStep(8) * 7; // as in WatchdogCase
        if (m_newTimeout.IsZero())
        {
            NS_TEST_EXPECT_MSG_EQ(o.failed.size() + o.completed.size(), 0, "no outcome");
            NS_TEST_EXPECT_MSG_EQ(o.active, 1, "still in flight");
            NS_TEST_EXPECT_MSG_EQ(o.end, RING_ISSUE + RingStep(8) * 8, "as WatchdogOffCase");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "one failure");
            NS_TEST_EXPECT_MSG_EQ(o.failed[0].detected, last + m_newTimeout, "detection");
        }
        ExpectBalance(o, 8 * RING_BYTES / 8);
    }

    Time m_newTimeout; //!< FailureTimeout set 3 steps in
};

/// the same run twice gives the same outcome
class SameRunTwiceCase : public FailureTestCase
{
  public:
    SameRunTwiceCase()
        : FailureTestCase("the same run twice gives the same outcome")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.links = {{RING_ISSUE + RingStep(8) * 5, 2, false}};
        c.blackList = {{6, 7}};
        c.failureTimeout = MicroSeconds(20);
        const FailOutcome a = RunFailure(c);
        const FailOutcome b = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(a.failed.size(), 1, "one failure");
        NS_TEST_ASSERT_MSG_EQ(b.failed.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(a.failed[0].reason, b.failed[0].reason, "reason");
        NS_TEST_EXPECT_MSG_EQ(a.failed[0].time, b.failed[0].time, "time");
        NS_TEST_EXPECT_MSG_EQ(a.late, b.late, "late bytes");
        NS_TEST_EXPECT_MSG_EQ(a.end, b.end, "end");
    }
};

/// point-to-point: the receiver's link is down; the Send fails when issued and the matching Recv
/// does nothing
class PointToPointCase : public FailureTestCase
{
  public:
    PointToPointCase()
        : FailureTestCase(
              "point-to-point: the receiver's link is down; the Send fails when issued and the "
              "matching Recv does nothing")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.pointToPoint = true;
        c.links = {{NanoSeconds(500), 1, false}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(CollectiveCommunicator::IsPointToPoint(o.failed[0].sequence),
                              true,
                              "a point-to-point operation");
        NS_TEST_EXPECT_MSG_EQ(o.failed[0].failedRank, 1, "rank 1");
        NS_TEST_EXPECT_MSG_EQ(o.end, RING_ISSUE, "nothing after the issue");
        ExpectBalance(o);
    }
};

/// The watchdog on the optical fabric, whose frames are lost by an existing mechanism.
class OpticalLinkBudgetCase : public FailureTestCase
{
  public:
    OpticalLinkBudgetCase()
        : FailureTestCase("the optical fabric with a crossbar loss no link budget closes: every "
                          "frame is dropped with its reason, the watchdog fails the ring "
                          "FailureTimeout after its start, the devices' bytes balance")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        OpticalFabricHelper fabric;
        fabric.SetCrossbarAttribute("InsertionLoss", DoubleValue(100)); // dB: nothing closes
        NetDeviceContainer devices = fabric.Install(nodes);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
        nccl.SetCommunicatorAttribute("FailureTimeout", TimeValue(MicroSeconds(100)));
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        std::vector<CollectiveResult> failed;
        comm->TraceConnectWithoutContext(
            "OperationFailed",
            MakeCallback(+[](std::vector<CollectiveResult>* f, const CollectiveResult& r) {
                f->push_back(r);
            }).Bind(&failed));
        Simulator::Schedule(RING_ISSUE, [comm]() {
            CollectiveCall call;
            call.bytes = 4096;
            comm->IssueAll(call);
        });
        Simulator::Run();
        const ByteCounters bytes = ByteConservation::Sum(devices);
        const uint64_t received =
            nodes.Get(1)->GetObject<CollectiveTransport>()->GetReceivedBytes();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(failed.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(failed[0].detected,
                              RING_ISSUE + MicroSeconds(100),
                              "nothing ever arrived: the timeout after the start");
        NS_TEST_EXPECT_MSG_NE(failed[0].reason.find("rank 1 waits on rank 0"),
                              std::string::npos,
                              failed[0].reason);
        NS_TEST_EXPECT_MSG_EQ(received, 0, "nothing received");
        NS_TEST_EXPECT_MSG_GT(bytes.GetDropped(), 0, "frames dropped with a reason");
        NS_TEST_EXPECT_MSG_EQ(bytes.sent,
                              bytes.delivered + bytes.GetDropped() + bytes.queued,
                              "the devices' bytes balance");
    }
};

/// The nccl-tests mode goes on after a failure, and ends.
class SweepCase : public FailureTestCase
{
  public:
    SweepCase()
        : FailureTestCase("nccl-tests mode with rank 5 down from the start: each size fails when "
                          "issued, the sweep goes on after Gap and ends; repaired before the "
                          "third size, that size takes its closed form")
    {
    }

  private:
    void DoRun() override
    {
        ToggleFabric f = BuildToggleFabric(8, RING_RATE, RING_DELAY);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
        nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false));
        nccl.SetCommunicatorAttribute("Gap", TimeValue(MicroSeconds(10)));
        nccl.SetTransportAttribute("MaxSegmentBytes", UintegerValue(60000));
        Ptr<CollectiveCommunicator> comm = nccl.Install(f.devices);
        Ptr<LinkToggleNetDevice> d = f.Dev(5);
        d->SetLinkUp(false);
        // Sizes start at 1, 11 and 21 us (failed ones take no time): up again at 15 us.
        Simulator::Schedule(MicroSeconds(15), [d]() { d->SetLinkUp(true); });
        comm->Run({RING_BYTES, RING_BYTES, RING_BYTES}, RING_ISSUE);
        Simulator::Run();
        const std::vector<CollectiveResult> results = comm->GetResults();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(results.size(), 3, "one result per size");
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(results[0].status), "FAILED", "first");
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(results[1].status), "FAILED", "second");
        NS_TEST_EXPECT_MSG_EQ(results[1].start, RING_ISSUE + MicroSeconds(10), "after Gap");
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(results[2].status),
                              "COMPLETE",
                              "third, after the repair");
        NS_TEST_EXPECT_MSG_EQ(results[2].start, RING_ISSUE + MicroSeconds(20), "after Gap");
        NS_TEST_EXPECT_MSG_EQ(results[2].time, RingTime(8), "closed form");
    }
};

/// Send credits (NCCL's 8 slots) on the way back when an operation fails.
class CreditsCase : public FailureTestCase
{
  public:
    CreditsCase()
        : FailureTestCase("with send credits (8, back over the reverse path): a link down during "
                          "step 3 fails the operation at that instant; its late messages "
                          "return no credit, and the run ends with their arrival")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        c.sendCredits = 8;
        const Time down = RING_ISSUE + RingStep(8) * 3 + RingStep(8) / 2;
        c.links = {{down, 5, false}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.failed.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(o.failed[0].detected, down, "detection");
        NS_TEST_EXPECT_MSG_EQ(o.late, 7 * RING_BYTES / 8, "seven blocks late");
        // Step 2's credits were back before the failure; the late blocks return none (their
        // senders' operation is gone): the last event is their arrival.
        NS_TEST_EXPECT_MSG_EQ(o.end, RING_ISSUE + RingStep(8) * 4, "the late blocks' arrival");
        NS_TEST_EXPECT_MSG_EQ(o.active, 0, "nothing in flight");
        ExpectBalance(o);
        // Without a failure, the same run meets the closed form: credits never bind here.
        FailRun fine;
        fine.sendCredits = 8;
        const FailOutcome f = RunFailure(fine);
        NS_TEST_ASSERT_MSG_EQ(f.completed.size(), 1, "completes");
        NS_TEST_EXPECT_MSG_EQ(f.completed[0].time, RingTime(8), "closed form");
    }
};

/// The suite.
class CollectiveFailureTestSuite : public TestSuite
{
  public:
    CollectiveFailureTestSuite()
        : TestSuite("scale-across-collective-failure", TestSuite::Type::UNIT)
    {
        AddTestCase(new NoFaultCase());
        AddTestCase(new LinkDownBeforeCase());
        AddTestCase(new LinkDownDuringCase());
        AddTestCase(new LinkDownAfterCase());
        AddTestCase(new RepairCase());
        AddTestCase(new WatchdogCase());
        AddTestCase(new WatchdogOffCase());
        AddTestCase(new WatchdogChangedCase(Seconds(0)));
        AddTestCase(new WatchdogChangedCase(MicroSeconds(80)));
        AddTestCase(new OpticalLinkBudgetCase());
        AddTestCase(new SweepCase());
        AddTestCase(new CreditsCase());
        AddTestCase(new SameRunTwiceCase());
        AddTestCase(new PointToPointCase());
        AddTestCase(
            new FatalTestCase("bad OnFailure",
                              []() {
                                  CollectiveHelper nccl;
                                  nccl.SetCommunicatorAttribute("OnFailure", StringValue("Retry"));
                                  nccl.Install(BuildToggleFabric(2, RING_RATE, RING_DELAY).devices);
                              },
                              {"OnFailure = \"Retry\"", "Abort or ExcludeRank"}));
        AddTestCase(new FatalTestCase(
            "negative FailureTimeout",
            []() {
                CollectiveHelper nccl;
                nccl.SetCommunicatorAttribute("FailureTimeout", TimeValue(NanoSeconds(-1)));
                nccl.Install(BuildToggleFabric(2, RING_RATE, RING_DELAY).devices);
            },
            {"FailureTimeout = -1", "time >= 0"}));
        AddTestCase(new FatalTestCase(
            "negative ShrinkTime",
            []() {
                CollectiveHelper nccl;
                nccl.SetCommunicatorAttribute("ShrinkTime", TimeValue(NanoSeconds(-1)));
                nccl.Install(BuildToggleFabric(2, RING_RATE, RING_DELAY).devices);
            },
            {"ShrinkTime = -1", "time >= 0"}));
    }
};

/// Static instance registering the suite.
CollectiveFailureTestSuite g_collectiveFailureTestSuite;

} // namespace
