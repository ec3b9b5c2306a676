/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MessageIndexMap: the flat table of a rank's expected and early messages (issue #17). It
 * must answer as std::unordered_map would, through any sequence of inserts and erases
 * (backward-shift deletion keeps every entry reachable), and keep its storage when cleared.
 */

#include "ns3/message-index-map.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

namespace
{

using ns3::MessageIndexMap;

TEST(MessageIndexMap, InsertFindErase)
{
    MessageIndexMap m;
    EXPECT_TRUE(m.Empty());
    EXPECT_EQ(m.Find(7), nullptr);
    EXPECT_FALSE(m.Erase(7));
    m.Insert(7, 70);
    m.Insert(7, 71); // as emplace: the first value stays
    ASSERT_NE(m.Find(7), nullptr);
    EXPECT_EQ(*m.Find(7), 70u);
    EXPECT_EQ(m.Size(), 1u);
    EXPECT_TRUE(m.Erase(7));
    EXPECT_FALSE(m.Erase(7));
    EXPECT_TRUE(m.Empty());
}

// Keys of a ring (sender << 32 | tag) and random ones, inserted and erased in random order
// against std::unordered_map: every lookup agrees.
TEST(MessageIndexMap, AgreesWithUnorderedMap)
{
    std::mt19937_64 rng(17);
    MessageIndexMap m;
    std::unordered_map<uint64_t, uint64_t> ref;
    std::vector<uint64_t> keys;
    for (uint64_t s = 0; s < 40; ++s)
    {
        for (uint64_t t = 0; t < 50; ++t)
        {
            keys.push_back((s << 32) | t);
        }
    }
    for (int k = 0; k < 2000; ++k)
    {
        keys.push_back(rng() & ~uint64_t{0} >> 1);
    }
    for (int round = 0; round < 20000; ++round)
    {
        const uint64_t key = keys[rng() % keys.size()];
        if (rng() % 3 != 0)
        {
            m.Insert(key, static_cast<uint64_t>(round));
            ref.emplace(key, static_cast<uint64_t>(round));
        }
        else
        {
            EXPECT_EQ(m.Erase(key), ref.erase(key) != 0);
        }
        ASSERT_EQ(m.Size(), ref.size());
    }
    for (uint64_t key : keys)
    {
        auto it = ref.find(key);
        const uint64_t* got = m.Find(key);
        ASSERT_EQ(got != nullptr, it != ref.end()) << key;
        if (got)
        {
            EXPECT_EQ(*got, it->second);
        }
    }
    std::vector<std::pair<uint64_t, uint64_t>> all;
    m.ForEach([&all](uint64_t k, uint64_t v) { all.emplace_back(k, v); });
    std::vector<std::pair<uint64_t, uint64_t>> want(ref.begin(), ref.end());
    std::sort(all.begin(), all.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(all, want);
}

// Clear empties it, Swap exchanges contents; a cleared map works as a new one.
TEST(MessageIndexMap, ClearAndSwap)
{
    MessageIndexMap a;
    MessageIndexMap b;
    for (uint64_t k = 0; k < 100; ++k)
    {
        a.Insert(k << 32, k);
    }
    b.Insert(5, 50);
    a.Swap(b);
    EXPECT_EQ(a.Size(), 1u);
    EXPECT_EQ(b.Size(), 100u);
    ASSERT_NE(b.Find(uint64_t{42} << 32), nullptr);
    EXPECT_EQ(*b.Find(uint64_t{42} << 32), 42u);
    b.Clear();
    EXPECT_TRUE(b.Empty());
    EXPECT_EQ(b.Find(uint64_t{42} << 32), nullptr);
    b.Insert(3, 30);
    EXPECT_EQ(*b.Find(3), 30u);
}

} // namespace
