/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/rotor-cycle.h"

#include <gtest/gtest.h>
#include <set>
#include <stdexcept>

using ns3::RotorCycle;

TEST(RotorCycle, SlotsTileTime)
{
    RotorCycle c(8, 1, 1000, 100);
    EXPECT_EQ(c.SlotAt(0), 0u);
    EXPECT_EQ(c.SlotAt(999), 0u);
    EXPECT_EQ(c.SlotAt(1000), 1u);
    EXPECT_EQ(c.SlotStart(3), 3000);
    EXPECT_EQ(c.UpTime(3), 3100);
    EXPECT_EQ(c.CloseTime(3), 4000);
    EXPECT_EQ(c.GetCycleSlots(), 7u);
}

TEST(RotorCycle, EachLaneOfEachSlotIsAPermutation)
{
    for (uint32_t n : {2u, 3u, 8u, 13u})
    {
        for (uint32_t k = 1; k < n; ++k)
        {
            RotorCycle c(n, k, 10, 1);
            for (uint64_t s = 0; s < 2 * n; ++s)
            {
                std::set<uint32_t> shifts;
                for (uint32_t l = 0; l < k; ++l)
                {
                    std::set<uint32_t> targets;
                    for (uint32_t p = 0; p < n; ++p)
                    {
                        EXPECT_NE(c.Peer(p, s, l), p) << "no port reaches itself";
                        targets.insert(c.Peer(p, s, l));
                    }
                    EXPECT_EQ(targets.size(), n) << "lane " << l << " of slot " << s;
                    shifts.insert(c.Shift(s, l));
                }
                EXPECT_EQ(shifts.size(), k) << "the lanes of a slot carry different shifts";
            }
        }
    }
}

TEST(RotorCycle, EveryPairMeetsOnceACycle)
{
    const uint32_t n = 9;
    for (uint32_t k : {1u, 2u, 3u, 8u})
    {
        RotorCycle c(n, k, 10, 1);
        for (uint32_t src = 0; src < n; ++src)
        {
            std::set<uint32_t> met;
            for (uint64_t s = 0; s < c.GetCycleSlots(); ++s)
            {
                for (uint32_t l = 0; l < k; ++l)
                {
                    met.insert(c.Peer(src, s, l));
                }
            }
            EXPECT_EQ(met.size(), n - 1) << "port " << src << " with " << k << " lanes";
        }
    }
}

TEST(RotorCycle, NextSlotAndDirectStart)
{
    // 4 ports, 1 lane: slot s carries shift (s mod 3) + 1.
    RotorCycle c(4, 1, 1000, 100);
    uint32_t lane = 9;
    EXPECT_EQ(c.NextSlot(0, 1, 0, lane), 0u);
    EXPECT_EQ(lane, 0u);
    EXPECT_EQ(c.NextSlot(0, 2, 0, lane), 1u);
    EXPECT_EQ(c.NextSlot(0, 3, 0, lane), 2u);
    EXPECT_EQ(c.NextSlot(0, 1, 1, lane), 3u);
    EXPECT_EQ(c.NextSlot(3, 0, 0, lane), 0u);
    // Ready at 0 for 850 ticks: up at 100, fits by 950.
    EXPECT_EQ(c.DirectStart(0, 1, 0, 850, lane), 100);
    // Ready at 950: 1800 > 1000, so the next slot with shift 1, slot 3.
    EXPECT_EQ(c.DirectStart(0, 1, 950, 850, lane), 3100);
    // Mid-slot and fits: at once.
    EXPECT_EQ(c.DirectStart(0, 2, 1500, 400, lane), 1500);
    EXPECT_THROW(c.DirectStart(0, 1, 0, 901, lane), std::invalid_argument);
    EXPECT_THROW(c.NextSlot(1, 1, 0, lane), std::invalid_argument);
}

TEST(RotorCycle, LanesShareTheCycle)
{
    // 7 ports, 3 lanes: slot 0 carries shifts 1, 2, 3; slot 1 4, 5, 6; slot 2 1, 2, 3 again.
    RotorCycle c(7, 3, 100, 10);
    EXPECT_EQ(c.GetCycleSlots(), 2u);
    EXPECT_EQ(c.Shift(0, 2), 3u);
    EXPECT_EQ(c.Shift(1, 0), 4u);
    EXPECT_EQ(c.Shift(2, 0), 1u);
    uint32_t lane = 0;
    EXPECT_EQ(c.NextSlot(5, 4, 0, lane), 1u); // shift 6
    EXPECT_EQ(lane, 2u);
}

TEST(RotorCycle, RefusesImpossibleCycles)
{
    EXPECT_THROW(RotorCycle(1, 1, 10, 1), std::invalid_argument);
    EXPECT_THROW(RotorCycle(4, 4, 10, 1), std::invalid_argument);
    EXPECT_THROW(RotorCycle(4, 0, 10, 1), std::invalid_argument);
    EXPECT_THROW(RotorCycle(4, 1, 10, 10), std::invalid_argument);
    EXPECT_THROW(RotorCycle(4, 1, 0, 0), std::invalid_argument);
    EXPECT_NO_THROW(RotorCycle(4, 3, 10, 9));
}
