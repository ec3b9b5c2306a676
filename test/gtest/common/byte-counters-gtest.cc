/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ByteCounters: the one byte balance every fabric element fills and ByteConservation checks
 * at Simulator::Destroy.
 */

#include "ns3/byte-counters.h"

#include <gtest/gtest.h>

namespace
{

using ns3::ByteCounters;
using ns3::DropReason;

TEST(ByteCounters, EveryFateBalances)
{
    ByteCounters c;
    c.sent = 1750;
    c.delivered = 1000;
    c.queued = 300;
    c.inFlight = 200;
    c.AddDropped(DropReason::NO_CIRCUIT, 200);
    c.AddDropped(DropReason::LINK_BUDGET, 50);
    EXPECT_EQ(c.GetDropped(), 250u);
    EXPECT_EQ(c.GetDropped(DropReason::NO_CIRCUIT), 200u);
    EXPECT_TRUE(c.IsBalanced()) << c.Describe();
    EXPECT_TRUE(ByteCounters{}.IsBalanced());
}

TEST(ByteCounters, AMissingByteIsReportedWithEveryTerm)
{
    ByteCounters c;
    c.sent = 101;
    c.delivered = 60;
    c.AddDropped(DropReason::RECONFIGURING, 40);
    EXPECT_FALSE(c.IsBalanced());
    const std::string report = c.Describe();
    EXPECT_NE(report.find("sent 101 B !="), std::string::npos) << report;
    EXPECT_NE(report.find("delivered 60"), std::string::npos) << report;
    EXPECT_NE(report.find("Reconfiguring 40"), std::string::npos) << report;
    EXPECT_NE(report.find("= 100 B"), std::string::npos) << report;
}

TEST(ByteCounters, SumsAddEveryTerm)
{
    ByteCounters a;
    a.sent = 10;
    a.delivered = 10;
    ByteCounters b;
    b.sent = 7;
    b.queued = 3;
    b.AddDropped(DropReason::QUEUE_FULL, 4);
    a += b;
    EXPECT_EQ(a.sent, 17u);
    EXPECT_EQ(a.queued, 3u);
    EXPECT_EQ(a.GetDropped(DropReason::QUEUE_FULL), 4u);
    EXPECT_TRUE(a.IsBalanced()) << a.Describe();
}

} // namespace

#include "ns3/completion-window.h"

namespace
{

TEST(CompletionWindow, KeepsOnlyTheSpanFromTheOldestPending)
{
    ns3::CompletionWindow w;
    w.Append(true);  // 0: a send
    w.Append(false); // 1: a receive
    w.Append(true);  // 2
    w.Append(false); // 3
    EXPECT_TRUE(w.IsDone(0));
    EXPECT_FALSE(w.IsDone(1));
    EXPECT_EQ(w.GetSpan(), 3u);
    w.SetDone(3);
    EXPECT_TRUE(w.IsDone(3));
    EXPECT_FALSE(w.IsDone(1));
    w.SetDone(1); // the oldest pending is done: everything collapses
    EXPECT_EQ(w.GetSpan(), 0u);
    EXPECT_TRUE(w.IsDone(1));
    EXPECT_TRUE(w.IsDone(2));
    EXPECT_EQ(w.GetNAppended(), 4u);
    for (int i = 0; i < 1000000; ++i)
    {
        w.Append(i % 2 == 0);
        w.SetDone(w.GetNAppended() - 1);
    }
    EXPECT_EQ(w.GetSpan(), 0u) << "a million chunks done in order keep nothing";
}

} // namespace

TEST(ByteCounters, RelayedBytesAreGivenToTheElement)
{
    // A NIC holding another NIC's frame for a two-hop relay: it must account for it too.
    ByteCounters c;
    c.sent = 100;
    c.relayed = 40;
    c.delivered = 120;
    c.queued = 20;
    EXPECT_TRUE(c.IsBalanced()) << c.Describe();
    EXPECT_EQ(c.Describe(),
              "sent 100 B + relayed 40 B = delivered 120 + queued 20 + in flight 0 + dropped 0 "
              "= 140 B");
    ByteCounters sum;
    sum += c;
    sum += c;
    EXPECT_EQ(sum.relayed, 80u);
    EXPECT_TRUE(sum.IsBalanced());
    c.relayed = 0;
    EXPECT_FALSE(c.IsBalanced());
}
