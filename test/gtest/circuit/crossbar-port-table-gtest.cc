/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/crossbar-port-table.h"

#include <gtest/gtest.h>
#include <stdexcept>

using ns3::CrossbarPortTable;

TEST(CrossbarPortTable, StartsEmpty)
{
    CrossbarPortTable t(8, 2);
    EXPECT_EQ(t.GetNPorts(), 8u);
    EXPECT_EQ(t.GetNLanes(), 2u);
    EXPECT_EQ(t.GetNCircuits(), 0u);
    for (uint32_t p = 0; p < 8; ++p)
    {
        EXPECT_EQ(t.FindFreeInputLane(p), 0);
        EXPECT_EQ(t.FindFreeOutputLane(p), 0);
    }
}

TEST(CrossbarPortTable, EndsMapToPortAndLane)
{
    CrossbarPortTable t(5, 3);
    for (uint32_t p = 0; p < 5; ++p)
    {
        for (uint32_t l = 0; l < 3; ++l)
        {
            EXPECT_EQ(t.PortOf(t.End(p, l)), p);
            EXPECT_EQ(t.LaneOf(t.End(p, l)), l);
        }
    }
}

TEST(CrossbarPortTable, CircuitIsUsableAfterReconfiguration)
{
    CrossbarPortTable t(4, 1);
    const int64_t up = t.Connect(t.End(0, 0), t.End(2, 0), 100, 50);
    EXPECT_EQ(up, 150);
    EXPECT_FALSE(t.Carries(t.End(0, 0), 2, 149));
    EXPECT_TRUE(t.Carries(t.End(0, 0), 2, 150));
    EXPECT_FALSE(t.Carries(t.End(0, 0), 3, 200)) << "a circuit reaches only its own port";
    EXPECT_FALSE(t.Carries(t.End(1, 0), 2, 200)) << "another input has no circuit";
    EXPECT_EQ(t.FindFreeInputLane(0), -1);
    EXPECT_EQ(t.FindFreeOutputLane(2), -1);
    EXPECT_EQ(t.GetNCircuits(), 1u);
}

TEST(CrossbarPortTable, TeardownWaitsForTheLastAcceptedFrame)
{
    CrossbarPortTable t(4, 1);
    t.Connect(t.End(0, 0), t.End(1, 0), 0, 0);
    t.Accept(t.End(0, 0), 1000); // a frame whose tail leaves at 1000
    const int64_t freeAt = t.Disconnect(t.End(0, 0), 400);
    EXPECT_EQ(freeAt, 1000);
    // The next circuit on either end starts its reconfiguration only then.
    EXPECT_EQ(t.Connect(t.End(0, 0), t.End(3, 0), 500, 10), 1010);
    EXPECT_EQ(t.Connect(t.End(2, 0), t.End(1, 0), 500, 10), 1010);
}

TEST(CrossbarPortTable, DisjointPairsAreIndependent)
{
    CrossbarPortTable t(4, 1);
    EXPECT_EQ(t.Connect(t.End(0, 0), t.End(1, 0), 0, 100), 100);
    EXPECT_EQ(t.Connect(t.End(2, 0), t.End(3, 0), 0, 100), 100);
    t.Accept(t.End(0, 0), 5000);
    t.Disconnect(t.End(0, 0), 200);
    EXPECT_TRUE(t.Carries(t.End(2, 0), 3, 201)) << "tearing 0->1 down leaves 2->3 alone";
}

TEST(CrossbarPortTable, LanesAreSeparateCircuitEnds)
{
    CrossbarPortTable t(3, 2);
    t.Connect(t.End(0, 0), t.End(1, 0), 0, 0);
    EXPECT_EQ(t.FindFreeInputLane(0), 1);
    t.Connect(t.End(0, 1), t.End(2, 1), 0, 0);
    EXPECT_EQ(t.FindFreeInputLane(0), -1);
    EXPECT_TRUE(t.Carries(t.End(0, 0), 1, 0));
    EXPECT_TRUE(t.Carries(t.End(0, 1), 2, 0));
}

TEST(CrossbarPortTable, MisuseThrows)
{
    EXPECT_THROW(CrossbarPortTable(0, 1), std::invalid_argument);
    EXPECT_THROW(CrossbarPortTable(1, 0), std::invalid_argument);
    CrossbarPortTable t(2, 1);
    EXPECT_THROW(t.Disconnect(0, 0), std::logic_error);
    t.Connect(t.End(0, 0), t.End(1, 0), 0, 0);
    EXPECT_THROW(t.Connect(t.End(0, 0), t.End(1, 0), 0, 0), std::logic_error);
}

TEST(CrossbarPortTable, MemoryIsLinearInPorts)
{
    // 65,536 ports x 1 lane must be cheap to build: seven int64 per end.
    CrossbarPortTable t(65536, 1);
    EXPECT_EQ(t.FindFreeOutputLane(65535), 0);
}

TEST(CrossbarPortTable, CloseTimeIsKeptUntilTeardown)
{
    CrossbarPortTable t(2, 1);
    const uint32_t in = t.End(0, 0);
    EXPECT_EQ(t.GetCloseTime(in), CrossbarPortTable::NEVER);
    EXPECT_EQ(t.Connect(in, t.End(1, 0), 1000, 100, 2000), 1100);
    EXPECT_EQ(t.GetCloseTime(in), 2000);
    t.Accept(in, 1900); // a frame whose tail passes before the close time
    EXPECT_EQ(t.Disconnect(in, 2000), 2000);
    EXPECT_EQ(t.GetCloseTime(in), CrossbarPortTable::NEVER);
    // The next slot's circuit starts on time: the last one drained before it closed.
    EXPECT_EQ(t.Connect(in, t.End(1, 0), 2000, 100, 3000), 2100);
}
