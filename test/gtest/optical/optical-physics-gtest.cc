/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/optical-physics.h"

#include <gtest/gtest.h>

using namespace ns3::optical;

TEST(OpticalPhysics, FiberDelayIsAbout4point9NsPerMeter)
{
    EXPECT_NEAR(PropagationDelaySeconds(1.0, 1.468), 4.8967e-9, 1e-12);
    EXPECT_NEAR(PropagationDelaySeconds(1000.0, 1.468), 4.8967e-6, 1e-9);
    EXPECT_EQ(PropagationDelaySeconds(0.0, 1.468), 0.0);
}

TEST(OpticalPhysics, SerializationIsBitsOverBondedRate)
{
    // 1 byte over one 1.6 Tb/s wavelength: 8 / 1.6e12 = 5 ps
    EXPECT_DOUBLE_EQ(SerializationSeconds(1, 1, 1.6e12), 5e-12);
    // 1 MiB over 4 wavelengths: 8 * 2^20 / 6.4e12
    EXPECT_DOUBLE_EQ(SerializationSeconds(1 << 20, 4, 1.6e12), 8.0 * (1 << 20) / 6.4e12);
    // Doubling the wavelengths halves the time.
    EXPECT_DOUBLE_EQ(SerializationSeconds(4096, 2, 1e11) * 2, SerializationSeconds(4096, 1, 1e11));
}

TEST(OpticalPhysics, LinkBudgetSubtractsEveryLoss)
{
    LinkBudget b;
    b.launchPowerDbm = 2;
    b.fiberLossDb = 0.35 * 2; // 2 km at 0.35 dB/km
    b.crossbarLossDb = 5;
    b.connectorLossDb = 1;
    b.sensitivityDbm = -15;
    EXPECT_DOUBLE_EQ(b.ReceivedPowerDbm(), 2 - 0.7 - 5 - 1);
    EXPECT_DOUBLE_EQ(b.MarginDb(), 2 - 0.7 - 5 - 1 + 15);
    EXPECT_TRUE(b.Closes());
}

TEST(OpticalPhysics, LinkBudgetClosesAtZeroMarginAndNotBelow)
{
    LinkBudget b;
    b.launchPowerDbm = 0;
    b.crossbarLossDb = 10;
    b.sensitivityDbm = -10;
    EXPECT_DOUBLE_EQ(b.MarginDb(), 0.0);
    EXPECT_TRUE(b.Closes());
    b.connectorLossDb = 0.01;
    EXPECT_FALSE(b.Closes());
}
