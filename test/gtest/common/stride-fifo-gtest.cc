/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * StrideFifo: a queue of integers that stores runs of equally spaced values as one entry
 * (issue #17: a tree rank's send queues). It must answer as std::deque would through any
 * sequence of pushes and pops, and hold a pipelined stream's values in one run.
 */

#include "ns3/stride-fifo.h"

#include <cstdint>
#include <deque>
#include <gtest/gtest.h>
#include <random>

namespace
{

using ns3::StrideFifo;

TEST(StrideFifo, PushPopInOrder)
{
    StrideFifo q;
    EXPECT_TRUE(q.empty());
    for (uint64_t v : {5u, 9u, 13u, 17u, 4u, 4u, 100u, 90u, 80u})
    {
        q.push_back(v);
    }
    EXPECT_EQ(q.size(), 9u);
    for (uint64_t v : {5u, 9u, 13u, 17u, 4u, 4u, 100u, 90u, 80u})
    {
        ASSERT_FALSE(q.empty());
        EXPECT_EQ(q.front(), v);
        q.pop_front();
    }
    EXPECT_TRUE(q.empty());
}

// Random mixes of arithmetic runs (ascending, descending, constant) and stray values,
// interleaved with pops, against std::deque.
TEST(StrideFifo, AnswersAsADeque)
{
    std::mt19937_64 rng(17);
    for (int trial = 0; trial < 200; ++trial)
    {
        StrideFifo q;
        std::deque<uint64_t> ref;
        for (int step = 0; step < 400; ++step)
        {
            const uint64_t r = rng() % 10;
            if (r < 4 && !ref.empty())
            {
                ASSERT_EQ(q.front(), ref.front());
                q.pop_front();
                ref.pop_front();
            }
            else if (r < 8)
            {
                const uint64_t first = rng() % 1000;
                const uint64_t stride = rng() % 3 == 0 ? uint64_t(0) - rng() % 5 : rng() % 7;
                const uint64_t n = 1 + rng() % 6;
                for (uint64_t i = 0; i < n; ++i)
                {
                    q.push_back(first + i * stride);
                    ref.push_back(first + i * stride);
                }
            }
            else
            {
                const uint64_t v = rng();
                q.push_back(v);
                ref.push_back(v);
            }
            ASSERT_EQ(q.size(), ref.size());
            ASSERT_EQ(q.empty(), ref.empty());
        }
        q.clear();
        EXPECT_TRUE(q.empty());
    }
}

// A tree stream: one send per chunk, the ops of a chunk apart: one run, so the queue does
// not grow with the sends it holds (its storage is one run's, whatever the count).
TEST(StrideFifo, APipelinedStreamIsOneRun)
{
    StrideFifo q;
    for (uint64_t chunk = 0; chunk < 10000; ++chunk)
    {
        q.push_back(chunk * 8 + 3);
    }
    EXPECT_EQ(q.size(), 10000u);
    for (uint64_t chunk = 0; chunk < 10000; ++chunk)
    {
        ASSERT_EQ(q.front(), chunk * 8 + 3);
        q.pop_front();
    }
    EXPECT_TRUE(q.empty());
}

} // namespace
