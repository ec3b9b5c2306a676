/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PortFaultState, the plain C++ part of crossbar faults: which ports overlapping faults keep
 * down, their epochs and loss reasons; and SwitchRoutes without the ports a fault took out.
 */

#include "ns3/byte-counters.h"
#include "ns3/port-fault-state.h"
#include "ns3/switch-routes.h"

#include <gtest/gtest.h>
#include <set>

using ns3::ByteCounters;
using ns3::DropReason;
using ns3::FaultComponent;
using ns3::PacketCell;
using ns3::PortFaultState;
using ns3::SwitchRoutes;

TEST(PortFaultState, OverlappingFaultsKeepThePortDownUntilAllAreRepaired)
{
    PortFaultState s;
    s.SetPorts(3);
    EXPECT_FALSE(s.AnyDown());
    EXPECT_TRUE(s.Fail(1, FaultComponent::FIBER, DropReason::LINK_DOWN));
    EXPECT_FALSE(s.IsUp(1));
    EXPECT_TRUE(s.IsUp(0));
    EXPECT_EQ(s.GetEpoch(1), 1u);
    // A second fault on a port already down: no new epoch, the first reason stands.
    EXPECT_FALSE(s.Fail(1, FaultComponent::TRANSCEIVER, DropReason::DEVICE_FAILED));
    EXPECT_EQ(s.GetEpoch(1), 1u);
    EXPECT_EQ(s.GetLossReason(1), DropReason::LINK_DOWN);
    EXPECT_FALSE(s.Repair(1, FaultComponent::FIBER));
    EXPECT_FALSE(s.IsUp(1));
    EXPECT_TRUE(s.IsFailed(1, FaultComponent::TRANSCEIVER));
    EXPECT_TRUE(s.Repair(1, FaultComponent::TRANSCEIVER));
    EXPECT_TRUE(s.IsUp(1));
    EXPECT_FALSE(s.AnyDown());
    // Down again: a new epoch, so frames launched before it are recognised as lost.
    EXPECT_TRUE(s.Fail(1, FaultComponent::PORT, DropReason::LINK_BUDGET));
    EXPECT_EQ(s.GetEpoch(1), 2u);
    EXPECT_EQ(s.GetLossReason(1), DropReason::LINK_BUDGET);
}

TEST(PortFaultState, WholeSwitchTakesDownOnlyPortsThatWereUp)
{
    PortFaultState s;
    s.SetPorts(4);
    s.Fail(2, FaultComponent::FIBER, DropReason::LINK_DOWN);
    const std::vector<uint32_t> down = s.FailSwitch(DropReason::DEVICE_FAILED);
    EXPECT_EQ(down, (std::vector<uint32_t>{0, 1, 3}));
    EXPECT_TRUE(s.IsFailed(0, FaultComponent::SWITCH));
    EXPECT_EQ(s.GetLossReason(0), DropReason::DEVICE_FAILED);
    EXPECT_EQ(s.GetLossReason(2), DropReason::LINK_DOWN);
    EXPECT_EQ(s.GetEpoch(2), 1u);
    // The repair brings back the ports no other fault holds.
    EXPECT_EQ(s.RepairSwitch(), (std::vector<uint32_t>{0, 1, 3}));
    EXPECT_FALSE(s.IsUp(2));
    EXPECT_TRUE(s.AnyDown());
    EXPECT_TRUE(s.RepairSwitch().empty());
    EXPECT_TRUE(s.Repair(2, FaultComponent::FIBER));
    EXPECT_FALSE(s.AnyDown());
}

TEST(PortFaultState, NamesOfComponents)
{
    EXPECT_EQ(ToString(FaultComponent::TRANSCEIVER), "Transceiver");
    EXPECT_EQ(ToString(FaultComponent::FIBER), "Fiber");
    EXPECT_EQ(ToString(FaultComponent::PORT), "Port");
    EXPECT_EQ(ToString(FaultComponent::SWITCH), "Switch");
    EXPECT_EQ(ToString(DropReason::LINK_DOWN), "LinkDown");
    EXPECT_EQ(ToString(DropReason::DEVICE_FAILED), "DeviceFailed");
}

TEST(ByteCountersFaults, LostBytesAreATermOfTheBalance)
{
    ByteCounters c;
    c.sent = 1000;
    c.delivered = 600;
    c.AddDropped(DropReason::LINK_DOWN, 300);
    c.AddDropped(DropReason::DEVICE_FAILED, 50);
    EXPECT_FALSE(c.IsBalanced());
    c.AddDropped(DropReason::NO_ROUTE, 50);
    EXPECT_TRUE(c.IsBalanced());
    EXPECT_EQ(c.GetLostToFaults(), 350u);
    EXPECT_NE(c.Describe().find("LinkDown 300, DeviceFailed 50"), std::string::npos)
        << c.Describe();
}

namespace
{
/// @return routes of a leaf: hosts 0, 1 down on ports 0, 1; up ports 2 ... 5
SwitchRoutes
Leaf(SwitchRoutes::Policy policy)
{
    SwitchRoutes r;
    r.SetPorts(6);
    r.SetPolicy(policy);
    r.AddDownRoute(0, 1, 0, 1);
    r.SetUpPorts(2, 4);
    return r;
}

/// @param dst a host @param flow a flow @return a cell from host 0
PacketCell
Cell(uint32_t dst, uint8_t flow)
{
    PacketCell c;
    c.src = 0;
    c.dst = dst;
    c.flow = flow;
    return c;
}
} // namespace

TEST(SwitchRoutesFaults, EcmpHashesOverTheUsablePortsOnly)
{
    SwitchRoutes r = Leaf(SwitchRoutes::Policy::ECMP);
    const std::vector<uint64_t> queues(6, 0);
    r.SetPortUsable(3, false);
    EXPECT_FALSE(r.IsPortUsable(3));
    const uint32_t usable[] = {2, 4, 5};
    std::set<uint32_t> used;
    for (uint32_t dst = 10; dst < 200; ++dst)
    {
        const uint32_t h = SwitchRoutes::EcmpHash(0, dst, 0, 7);
        const uint32_t port = r.Route(Cell(dst, 0), 7, queues);
        EXPECT_EQ(port, usable[h % 3]) << "host " << dst;
        EXPECT_EQ(r.PathPort(0, dst, 0, 7), port);
        used.insert(port);
    }
    EXPECT_EQ(used, (std::set<uint32_t>{2, 4, 5}));
    // Back in: the fault-free hash again.
    r.SetPortUsable(3, true);
    EXPECT_EQ(r.Route(Cell(42, 0), 7, queues), 2 + SwitchRoutes::EcmpHash(0, 42, 0, 7) % 4);
}

TEST(SwitchRoutesFaults, SprayAndAdaptiveSkipUnusablePorts)
{
    const std::vector<uint64_t> queues{0, 0, 5, 9, 1, 7};
    SwitchRoutes spray = Leaf(SwitchRoutes::Policy::SPRAY);
    spray.SetPortUsable(2, false);
    spray.SetPortUsable(4, false);
    EXPECT_EQ(spray.Route(Cell(9, 0), 0, queues), 3u);
    EXPECT_EQ(spray.Route(Cell(9, 0), 0, queues), 5u);
    EXPECT_EQ(spray.Route(Cell(9, 0), 0, queues), 3u);
    SwitchRoutes adaptive = Leaf(SwitchRoutes::Policy::ADAPTIVE);
    adaptive.SetPortUsable(4, false); // the least loaded
    EXPECT_EQ(adaptive.Route(Cell(9, 0), 0, queues), 2u);
}

TEST(SwitchRoutesFaults, NoUsablePortMeansNoRoute)
{
    SwitchRoutes r = Leaf(SwitchRoutes::Policy::ECMP);
    const std::vector<uint64_t> queues(6, 0);
    for (uint32_t port = 2; port < 6; ++port)
    {
        r.SetPortUsable(port, false);
    }
    EXPECT_EQ(r.Route(Cell(9, 0), 0, queues), 6u);
    // A path's latency is still asked for: the fault-free port answers.
    EXPECT_EQ(r.PathPort(0, 9, 0, 0), 2 + SwitchRoutes::EcmpHash(0, 9, 0, 0) % 4);
    // A down port out of the routes: its host has no route; the other host still has one.
    r.SetPortUsable(1, false);
    EXPECT_EQ(r.Route(Cell(1, 0), 0, queues), 6u);
    EXPECT_EQ(r.Route(Cell(0, 0), 0, queues), 0u);
    EXPECT_EQ(r.PathPort(0, 1, 0, 0), 1u);
    EXPECT_THROW(r.SetPortUsable(6, false), std::invalid_argument);
}
