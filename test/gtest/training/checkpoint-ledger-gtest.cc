/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * CheckpointLedger: which steps a checkpoint follows, what a failure throws away, and the
 * useful time of the steps that survive, against the job's timeline worked by hand.
 */

#include "ns3/checkpoint-ledger.h"

#include <gtest/gtest.h>
#include <stdexcept>

namespace
{

using ns3::CheckpointLedger;

TEST(CheckpointLedger, ACheckpointFollowsEveryIntervalthStepButTheLast)
{
    const CheckpointLedger l(3, 10, 0);
    for (uint32_t i = 0; i < 10; ++i)
    {
        EXPECT_EQ(l.CheckpointAfter(i), i == 2 || i == 5 || i == 8) << "step " << i;
    }
    const CheckpointLedger last(5, 10, 0); // step 9 would be the 2nd checkpoint: the job ends
    EXPECT_TRUE(last.CheckpointAfter(4));
    EXPECT_FALSE(last.CheckpointAfter(9));
}

TEST(CheckpointLedger, AFailureLosesTheStepsSinceTheLastCommit)
{
    // Steps of tau = 40 from t = 100, a checkpoint of C = 7 after step 3 (committed at
    // 100 + 3 tau + C = 227), a failure half-way through step 5 (t = 100 + 4 tau + C + tau / 2
    // = 287): 1.5 tau = 60 lost, the job resumes from 3 steps.
    CheckpointLedger l(3, 10, 100);
    for (int i = 0; i < 3; ++i)
    {
        l.StepEnded(40);
    }
    l.Commit(3, 227);
    l.StepEnded(40);
    EXPECT_EQ(l.GetUsefulTime(), 160);
    EXPECT_EQ(l.Fail(287), 60);
    EXPECT_EQ(l.GetCommitted(), 3u);
    EXPECT_EQ(l.GetUsefulTime(), 120) << "step 4 is thrown away";
    EXPECT_EQ(l.GetFailures(), 1u);
    // A second failure during the restart (R = 100) loses the time since the first.
    EXPECT_EQ(l.Fail(337), 50);
    l.Resumed(437);
    EXPECT_EQ(l.Fail(457), 20) << "from the resume";
    EXPECT_EQ(l.GetLostTime(), 130);
    EXPECT_EQ(l.GetCheckpoints(), 1u);
}

TEST(CheckpointLedger, BeforeTheFirstCheckpointAFailureLosesEverythingSinceTheStart)
{
    CheckpointLedger l(3, 10, 100);
    l.StepEnded(40);
    l.StepEnded(40);
    EXPECT_EQ(l.Fail(190), 90);
    EXPECT_EQ(l.GetCommitted(), 0u);
    EXPECT_EQ(l.GetUsefulTime(), 0);
}

TEST(CheckpointLedger, RefusesAZeroInterval)
{
    EXPECT_THROW(CheckpointLedger(0, 10, 0), std::invalid_argument);
    EXPECT_THROW(CheckpointLedger(3, 0, 0), std::invalid_argument);
}

} // namespace
