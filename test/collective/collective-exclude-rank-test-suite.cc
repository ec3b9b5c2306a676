/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-exclude-rank: with OnFailure = ExcludeRank, a ring all-reduce whose
 * rank's link goes down reruns over the other ranks after the detection and ShrinkTime, in the
 * closed form of the smaller ring; a tree reruns as the smaller tree alone takes; an algorithm
 * the ranks left cannot run aborts, saying why.
 */

#include "../collective-failure-fixture.h"
#include "../fault-test-fixture.h"

#include "ns3/test.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// ExcludeRank: rank 5 down during step 3; the ring of 7 reruns after the detection and ShrinkTime
/// in its closed form, time lost reported; a later operation runs on the shrunk communicator at
/// once
class ExcludeRankCase : public FailureTestCase
{
  public:
    ExcludeRankCase()
        : FailureTestCase(
              "ExcludeRank: rank 5 down during step 3; the ring of 7 reruns after the detection "
              "and ShrinkTime in its closed form, time lost reported; a later operation runs "
              "on the shrunk communicator at once; rank 0, the default Root, is excluded alike")
    {
    }

  private:
    void DoRun() override
    {
        FailRun c;
        const Time down = RING_ISSUE + RingStep(8) * 3 + RingStep(8) / 2;
        c.links = {{down, 5, false}};
        c.onFailure = "ExcludeRank";
        c.shrinkTime = MicroSeconds(5);
        const FailOutcome o = RunFailure(c);
        NS_TEST_EXPECT_MSG_EQ(o.failed.size(), 0, "not failed in the end");
        NS_TEST_ASSERT_MSG_EQ(o.completed.size(), 1, "one result");
        const CollectiveResult& r = o.completed[0];
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(r.status), "RECOVERED", "status");
        NS_TEST_EXPECT_MSG_EQ(r.ranks, 7, "over 7 ranks");
        NS_TEST_EXPECT_MSG_EQ(r.failedRank, 5, "rank 5 excluded");
        NS_TEST_EXPECT_MSG_EQ(r.sequence, 0, "the original's operation");
        NS_TEST_EXPECT_MSG_EQ(r.detected, down, "detection");
        NS_TEST_EXPECT_MSG_EQ(r.timeLost, down - RING_ISSUE + c.shrinkTime, "time lost");
        NS_TEST_EXPECT_MSG_EQ(r.time,
                              down - RING_ISSUE + c.shrinkTime + RingTime(7),
                              "detection + shrink + the ring of 7");
        NS_TEST_EXPECT_MSG_EQ(o.shrunkRanks, 7, "the shrunk communicator");
        NS_TEST_EXPECT_MSG_EQ(o.results.size(), 1, "GetResults holds the recovery");
        ExpectBalance(o);

        // A second operation, issued after the first's end while rank 5 is still down, runs at
        // once on the shrunk communicator already built: no ShrinkTime, no time lost.
        const Time second = RING_ISSUE + r.time + MicroSeconds(1);
        c.issues = {RING_ISSUE, second};
        const FailOutcome two = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(two.completed.size(), 2, "two results");
        const CollectiveResult& r2 = two.completed[1];
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(r2.status), "RECOVERED", "status");
        NS_TEST_EXPECT_MSG_EQ(r2.sequence, 1, "the original's second operation");
        NS_TEST_EXPECT_MSG_EQ(r2.start, second, "its start");
        NS_TEST_EXPECT_MSG_EQ(r2.timeLost, Seconds(0), "nothing lost");
        NS_TEST_EXPECT_MSG_EQ(r2.time, RingTime(7), "the ring of 7 at once");
        ExpectBalance(two);

        // Rank 0 is the communicator's default Root, which an all-reduce does not use: its
        // exclusion reruns the ring over ranks 1 ... 7 in the same closed form.
        FailRun zero;
        zero.links = {{down, 0, false}};
        zero.onFailure = "ExcludeRank";
        zero.shrinkTime = c.shrinkTime;
        const FailOutcome z = RunFailure(zero);
        NS_TEST_ASSERT_MSG_EQ(z.completed.size(), 1, "rank 0 excluded: one result");
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(z.completed[0].status),
                              "RECOVERED",
                              z.completed[0].reason);
        NS_TEST_EXPECT_MSG_EQ(z.completed[0].failedRank, 0, "rank 0 excluded");
        NS_TEST_EXPECT_MSG_EQ(z.completed[0].time,
                              down - RING_ISSUE + c.shrinkTime + RingTime(7),
                              "detection + shrink + the ring of 7");
        ExpectBalance(z);
    }
};

/// ExcludeRank under a tree all-reduce: the rerun takes what a tree of 7 ranks takes alone.
class ExcludeTreeCase : public FailureTestCase
{
  public:
    ExcludeTreeCase()
        : FailureTestCase("ExcludeRank under a tree: rebuilt over 7 ranks, the rerun takes what "
                          "the 7-rank tree takes alone; halving-doubling cannot be rebuilt over "
                          "7 and aborts, saying why")
    {
    }

  private:
    void DoRun() override
    {
        FailRun alone;
        alone.ranks = 7;
        alone.algorithm = "tree";
        const FailOutcome reference = RunFailure(alone);
        NS_TEST_ASSERT_MSG_EQ(reference.completed.size(), 1, "the 7-rank tree alone");
        FailRun c;
        c.algorithm = "tree";
        c.onFailure = "ExcludeRank";
        // Long enough for the failed tree's frames still queued at the other devices (a whole
        // message each, 22.4 us at one byte per ns) to drain before the rerun.
        c.shrinkTime = MicroSeconds(200);
        const Time down = RING_ISSUE + MicroSeconds(2);
        c.links = {{down, 5, false}};
        const FailOutcome o = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(o.completed.size(), 1, "one result");
        const CollectiveResult& r = o.completed[0];
        NS_TEST_EXPECT_MSG_EQ(CollectiveResult::ToString(r.status), "RECOVERED", "status");
        NS_TEST_EXPECT_MSG_EQ(r.algorithm, "tree", "a tree again");
        NS_TEST_EXPECT_MSG_EQ(r.ranks, 7, "over 7 ranks");
        NS_TEST_EXPECT_MSG_EQ(r.time,
                              down - RING_ISSUE + c.shrinkTime + reference.completed[0].time,
                              "detection + shrink + the 7-rank tree");
        ExpectBalance(o);

        c.algorithm = "halving_doubling";
        const FailOutcome hd = RunFailure(c);
        NS_TEST_ASSERT_MSG_EQ(hd.failed.size(), 1, "aborted");
        NS_TEST_EXPECT_MSG_NE(hd.failed[0].reason.find("not rerun without rank 5"),
                              std::string::npos,
                              hd.failed[0].reason);
        NS_TEST_EXPECT_MSG_NE(hd.failed[0].reason.find("power of two"),
                              std::string::npos,
                              hd.failed[0].reason);
        ExpectBalance(hd);
    }
};

/// The suite.
class CollectiveExcludeRankTestSuite : public TestSuite
{
  public:
    CollectiveExcludeRankTestSuite()
        : TestSuite("scale-across-collective-exclude-rank", TestSuite::Type::UNIT)
    {
        AddTestCase(new ExcludeRankCase());
        AddTestCase(new ExcludeTreeCase());
    }
};

/// Static instance registering the suite.
CollectiveExcludeRankTestSuite g_collectiveExcludeRankTestSuite;

} // namespace
