/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * FabricByteLedger: the per-device byte conservation the crossbar checks at Simulator::Destroy.
 */

#include "ns3/fabric-byte-ledger.h"

#include <gtest/gtest.h>

using ns3::FabricByteLedger;

namespace
{

TEST(FabricByteLedger, EveryFateBalances)
{
    FabricByteLedger ledger;
    ledger.Resize(2);
    ledger.Launched(0, 1000);
    ledger.Launched(0, 500);
    ledger.Launched(0, 200);
    ledger.Launched(0, 50);
    ledger.Arrived(0, 1000, true);
    ledger.Arrived(0, 500, false);
    ledger.DroppedAtCrossbar(0, 200);
    const FabricByteLedger::Port& p = ledger.Get(0);
    EXPECT_EQ(p.delivered, 1000U);
    EXPECT_EQ(p.lostToLinkBudget, 500U);
    EXPECT_EQ(p.droppedAtCrossbar, 200U);
    EXPECT_EQ(p.inFlight, 50U);

    FabricByteLedger::DeviceCounts d;
    d.sent = 1750 + 300 + 70; // launched + dropped before launch + queued
    d.droppedAtSender = 300;
    d.droppedAtCrossbar = 200;
    d.queued = 70;
    EXPECT_EQ(FabricByteLedger::Check(d, p), "");
    EXPECT_EQ(FabricByteLedger::Check(FabricByteLedger::DeviceCounts{}, ledger.Get(1)), "");
}

TEST(FabricByteLedger, AMissingByteIsReportedWithEveryTerm)
{
    FabricByteLedger ledger;
    ledger.Resize(1);
    ledger.Launched(0, 100);
    ledger.Arrived(0, 100, true);
    FabricByteLedger::DeviceCounts d;
    d.sent = 101;
    const std::string report = FabricByteLedger::Check(d, ledger.Get(0));
    EXPECT_NE(report.find("sent 101 B"), std::string::npos) << report;
    EXPECT_NE(report.find("delivered 100"), std::string::npos) << report;
    EXPECT_NE(report.find("= 100 B"), std::string::npos) << report;
}

TEST(FabricByteLedger, CrossbarDropsMustAgreeWithTheDevice)
{
    FabricByteLedger ledger;
    ledger.Resize(1);
    ledger.Launched(0, 10);
    ledger.DroppedAtCrossbar(0, 10);
    FabricByteLedger::DeviceCounts d;
    d.sent = 10;
    d.droppedAtCrossbar = 0; // the device was never told
    EXPECT_NE(FabricByteLedger::Check(d, ledger.Get(0)), "");
    d.droppedAtCrossbar = 10;
    EXPECT_EQ(FabricByteLedger::Check(d, ledger.Get(0)), "");
}

} // namespace
