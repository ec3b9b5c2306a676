/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * SwitchBuffer and SwitchRoutes, the plain C++ parts of PacketSwitch: the flow-control rules
 * byte by byte, without a simulation.
 */

#include "ns3/switch-buffer.h"
#include "ns3/switch-routes.h"

#include <gtest/gtest.h>
#include <stdexcept>

using ns3::PacketCell;
using ns3::SwitchBuffer;
using ns3::SwitchRoutes;

namespace
{

/// @param fc flow control @param mode buffer mode @return settings of a 4-port switch
SwitchBuffer::Settings
Settings4(SwitchBuffer::FlowControl fc, SwitchBuffer::Mode mode)
{
    SwitchBuffer::Settings s;
    s.flowControl = fc;
    s.mode = mode;
    s.bufferBytes = 4000;
    s.ports = 4;
    s.alpha = 1;
    s.reservedBytes = 100;
    s.headroomBytes = 300;
    s.xoffBytes = 500;
    s.xonBytes = 200;
    return s;
}

} // namespace

TEST(SwitchBuffer, PartitionedCreditsGoBackWhole)
{
    SwitchBuffer b;
    const auto s = Settings4(SwitchBuffer::FlowControl::CREDIT, SwitchBuffer::Mode::PARTITIONED);
    EXPECT_EQ(SwitchBuffer::InitialCredits(s), 1000u);
    b.Configure(s);
    b.Connect(0, 0);
    EXPECT_EQ(b.Arrive(0, 400).grant, 0u);
    EXPECT_EQ(b.GetIngressBytes(0), 400u);
    EXPECT_EQ(b.Depart(0, 400).credits, 400u);
    EXPECT_EQ(b.GetIngressBytes(0), 0u);
}

TEST(SwitchBuffer, SharedGrantSolvesTheDynamicThreshold)
{
    SwitchBuffer b;
    b.Configure(Settings4(SwitchBuffer::FlowControl::CREDIT, SwitchBuffer::Mode::SHARED));
    for (uint32_t p = 0; p < 4; ++p)
    {
        b.Connect(p, 0);
    }
    EXPECT_EQ(b.GetCommittedBytes(), 400u); // 4 x reserve
    // free = 3600: A + g = 100 + 1 x (3600 - g) with A = 100 -> g = 1800.
    EXPECT_EQ(b.Arrive(0, 50).grant, 1800u);
    EXPECT_EQ(b.GetAllocation(0), 1900u);
    // free = 1800: 1900 + g = 100 + (1800 - g) -> no room.
    EXPECT_EQ(b.Arrive(0, 50).grant, 0u);
    // Another port: A = 100, free = 1800 -> g = 900.
    EXPECT_EQ(b.Arrive(1, 50).grant, 900u);
    EXPECT_EQ(b.GetCommittedBytes(), 3100u);
    // Port 0 is above its limit (100 + 900 = 1000): a leaving cell's credits go to the pool.
    const auto d = b.Depart(0, 50);
    EXPECT_EQ(d.credits, 0u);
    EXPECT_EQ(b.GetAllocation(0), 1850u);
}

TEST(SwitchBuffer, SharedCreditsNeverOverCommitted)
{
    SwitchBuffer b;
    b.Configure(Settings4(SwitchBuffer::FlowControl::CREDIT, SwitchBuffer::Mode::SHARED));
    for (uint32_t p = 0; p < 4; ++p)
    {
        b.Connect(p, 0);
    }
    uint64_t buffered[4] = {0, 0, 0, 0};
    uint32_t x = 12345;
    for (int i = 0; i < 20000; ++i)
    {
        x = x * 1103515245u + 12345u;
        const uint32_t port = (x >> 16) % 4;
        const uint32_t wire = 1 + (x >> 8) % 40;
        if ((x >> 4) % 2 == 0 && buffered[port] + wire <= b.GetAllocation(port))
        {
            b.Arrive(port, wire);
            buffered[port] += wire;
        }
        else if (buffered[port] >= wire)
        {
            b.Depart(port, wire);
            buffered[port] -= wire;
        }
        ASSERT_LE(b.GetCommittedBytes(), 4000u);
        ASSERT_GE(b.GetAllocation(port), 100u);
    }
    EXPECT_LE(b.GetMaxCommittedBytes(), 4000u);
}

TEST(SwitchBuffer, PfcPausesAtXoffAndResumesAtXon)
{
    SwitchBuffer b;
    const auto s = Settings4(SwitchBuffer::FlowControl::PFC, SwitchBuffer::Mode::PARTITIONED);
    EXPECT_EQ(SwitchBuffer::InitialCredits(s), 0u);
    b.Configure(s);
    b.Connect(0, 100); // cells of up to (300 - 100) / 2 = 100 bytes
    EXPECT_TRUE(b.CellFits(0, 100));
    EXPECT_FALSE(b.CellFits(0, 101));
    for (int i = 0; i < 4; ++i)
    {
        EXPECT_FALSE(b.Arrive(0, 100).pause);
    }
    EXPECT_TRUE(b.Arrive(0, 100).pause);  // 500 = XOFF
    EXPECT_FALSE(b.Arrive(0, 100).pause); // already paused
    EXPECT_TRUE(b.IsPaused(0));
    for (int i = 0; i < 3; ++i)
    {
        EXPECT_FALSE(b.Depart(0, 100).resume); // 500, 400, 300
    }
    EXPECT_TRUE(b.Depart(0, 100).resume); // 200 = XON
    EXPECT_FALSE(b.IsPaused(0));
    EXPECT_THROW(b.Arrive(0, 101), std::invalid_argument);
}

TEST(SwitchBuffer, SharedPfcThresholdFollowsThePool)
{
    SwitchBuffer b;
    auto s = Settings4(SwitchBuffer::FlowControl::PFC, SwitchBuffer::Mode::SHARED);
    s.xoffBytes = 10000; // only the dynamic threshold acts
    b.Configure(s);
    for (uint32_t p = 0; p < 4; ++p)
    {
        b.Connect(p, 100);
    }
    EXPECT_EQ(b.GetPoolBytes(), 2800u); // 4000 - 4 x 300
    // Port 0 alone: paused when q >= P - q, i.e. at q = 1400.
    for (int i = 0; i < 13; ++i)
    {
        EXPECT_FALSE(b.Arrive(0, 100).pause);
    }
    EXPECT_TRUE(b.Arrive(0, 100).pause);
    // Port 1 now: P - Q = 1400 - q1 -> paused at q1 = 700.
    for (int i = 0; i < 6; ++i)
    {
        EXPECT_FALSE(b.Arrive(1, 100).pause);
    }
    EXPECT_TRUE(b.Arrive(1, 100).pause);
    // Port 0 resumes at XON (200) only while below the threshold, or when empty.
    for (int i = 0; i < 11; ++i)
    {
        EXPECT_FALSE(b.Depart(0, 100).resume);
    }
    EXPECT_TRUE(b.Depart(0, 100).resume); // q0 = 200 <= XON and 200 < 2800 - 900
}

TEST(SwitchBuffer, RefusesThresholdsThatCannotBeLossless)
{
    auto s = Settings4(SwitchBuffer::FlowControl::PFC, SwitchBuffer::Mode::PARTITIONED);
    s.xoffBytes = 800; // 800 + 300 > 4000 / 4
    EXPECT_THROW(SwitchBuffer().Configure(s), std::invalid_argument);
    s.xoffBytes = 500;
    s.xonBytes = 501;
    EXPECT_THROW(SwitchBuffer().Configure(s), std::invalid_argument);
    s.xonBytes = 200;
    SwitchBuffer b;
    b.Configure(s);
    EXPECT_THROW(b.Connect(0, 299), std::invalid_argument); // 299 + 2 > 300
    auto shared = Settings4(SwitchBuffer::FlowControl::PFC, SwitchBuffer::Mode::SHARED);
    shared.headroomBytes = 1000; // 4 x 1000 leaves no pool
    EXPECT_THROW(SwitchBuffer().Configure(shared), std::invalid_argument);
    auto credits = Settings4(SwitchBuffer::FlowControl::CREDIT, SwitchBuffer::Mode::SHARED);
    credits.reservedBytes = 1001;
    EXPECT_THROW(SwitchBuffer().Configure(credits), std::invalid_argument);
    EXPECT_EQ(SwitchBuffer::HeadroomNeeded(69800, 4110), 78020u);
}

TEST(SwitchRoutes, DownRoutesThenUpPorts)
{
    SwitchRoutes r;
    r.SetPorts(8);
    r.AddDownRoute(0, 3, 0, 1);
    r.AddDownRoute(8, 15, 4, 4); // hosts 8-11 on port 4, 12-15 on port 5
    r.SetUpPorts(6, 2);
    r.SetPolicy(SwitchRoutes::Policy::SPRAY);
    const std::vector<uint64_t> queued(8, 0);
    PacketCell c;
    c.dst = 2;
    EXPECT_EQ(r.Route(c, 0, queued), 2u);
    c.dst = 13;
    EXPECT_EQ(r.Route(c, 0, queued), 5u);
    c.dst = 5; // no down route: sprayed over 6 and 7 in turn
    EXPECT_EQ(r.Route(c, 0, queued), 6u);
    EXPECT_EQ(r.Route(c, 0, queued), 7u);
    EXPECT_EQ(r.Route(c, 0, queued), 6u);
    EXPECT_THROW(r.AddDownRoute(3, 4, 0, 1), std::invalid_argument); // overlaps
    EXPECT_THROW(r.SetUpPorts(7, 2), std::invalid_argument);
}

TEST(SwitchRoutes, EcmpIsAFunctionOfTheFlowAndAdaptiveTakesTheShortestQueue)
{
    SwitchRoutes r;
    r.SetPorts(4);
    r.SetUpPorts(0, 4);
    PacketCell c;
    c.src = 3;
    c.dst = 9;
    c.flow = 2;
    const std::vector<uint64_t> queued{50, 10, 30, 10};
    EXPECT_EQ(r.Route(c, 7, queued), SwitchRoutes::EcmpHash(3, 9, 2, 7) % 4);
    EXPECT_EQ(r.Route(c, 7, queued), r.Route(c, 7, queued));
    r.SetPolicy(SwitchRoutes::Policy::ADAPTIVE);
    EXPECT_EQ(r.Route(c, 7, queued), 1u); // ties: the first in turn from port 0
    EXPECT_EQ(r.Route(c, 7, queued), 1u); // turn at 1
    EXPECT_EQ(r.Route(c, 7, queued), 3u); // turn at 2: 3 before 1
}
