/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Proves every collective schedule correct symbolically for p = 1 ... 33: data is a multiset
 * of contributing ranks per segment; sends copy it, receives reduce (multiset union) or
 * overwrite. At the end every rank must hold exactly the contributions its collective
 * promises, each once, and every message must have been received exactly once.
 */

#include "ns3/binary-tree.h"
#include "ns3/collective-algorithm-registry.h"
#include "ns3/collective-schedule.h"
#include "ns3/send-recv-schedule.h"

#include <algorithm>
#include <deque>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

using namespace ns3;

namespace
{

using Data = std::vector<uint32_t>; // sorted multiset of contributing ranks

/// @return "" if the schedule does what its collective promises, else what went wrong.
/// Sends start as soon as their dependencies allow (in order per peer); messages are
/// delivered one at a time, and a send copies its segment at the moment it starts.
std::string
Execute(const CollectiveSchedule& s)
{
    const uint32_t p = s.GetNRanks();
    const uint32_t segs = s.GetNSegments();
    std::vector<std::vector<Data>> state(p, std::vector<Data>(segs));
    std::vector<std::vector<CollectiveOp>> ops(p);
    std::vector<std::vector<bool>> done(p);
    std::vector<std::map<uint32_t, std::deque<size_t>>> sendQueue(p);       // by peer and flow
    std::vector<std::map<std::pair<uint32_t, uint32_t>, size_t>> recvOf(p); // (src, tag)
    for (uint32_t r = 0; r < p; ++r)
    {
        for (uint32_t g = 0; g < segs; ++g)
        {
            if (s.InitiallyHolds(r, g))
            {
                state[r][g] = {r};
            }
        }
        for (uint64_t i = 0; i < s.GetNOps(r); ++i)
        {
            const CollectiveOp op = s.GetOp(r, i);
            for (int64_t d : op.deps)
            {
                if (d != CollectiveOp::NONE &&
                    (d < 0 || static_cast<uint64_t>(d) >= i + s.GetNOps(r)))
                {
                    return "dependency out of range";
                }
            }
            if (op.kind == CollectiveOp::Kind::SEND)
            {
                sendQueue[r][(op.peer << 8) | op.flow].push_back(ops[r].size());
            }
            else if (!recvOf[r].emplace(std::make_pair(op.peer, op.tag), ops[r].size()).second)
            {
                return "rank " + std::to_string(r) + " expects tag " + std::to_string(op.tag) +
                       " from " + std::to_string(op.peer) + " twice";
            }
            ops[r].push_back(op);
        }
        done[r].assign(ops[r].size(), false);
    }

    struct Message
    {
        uint32_t src;
        uint32_t dst;
        uint32_t tag;
        std::vector<Data> data; // one per segment of the op
    };

    std::deque<Message> inFlight;
    std::string error;
    auto pump = [&](uint32_t r, uint32_t stream) {
        const uint32_t peer = stream >> 8;
        auto& q = sendQueue[r][stream];
        while (!q.empty())
        {
            const CollectiveOp& op = ops[r][q.front()];
            for (int64_t d : op.deps)
            {
                if (d != CollectiveOp::NONE &&
                    (ops[r][d].kind != CollectiveOp::Kind::RECV || !done[r][d]))
                {
                    if (ops[r][d].kind != CollectiveOp::Kind::RECV)
                    {
                        error = "a dependency is not a receive";
                    }
                    return;
                }
            }
            std::vector<Data> payload;
            for (uint32_t g = op.segment; g < op.segment + op.count; ++g)
            {
                if (g >= segs || state[r][g].empty())
                {
                    error = "rank " + std::to_string(r) + " sends segment " + std::to_string(g) +
                            " it does not hold";
                    return;
                }
                payload.push_back(state[r][g]);
            }
            inFlight.push_back({r, peer, op.tag, payload});
            done[r][q.front()] = true;
            q.pop_front();
        }
    };
    for (uint32_t r = 0; r < p; ++r)
    {
        for (auto& [stream, q] : sendQueue[r])
        {
            pump(r, stream);
        }
    }
    while (!inFlight.empty() && error.empty())
    {
        Message m = std::move(inFlight.front());
        inFlight.pop_front();
        auto it = recvOf[m.dst].find(std::make_pair(m.src, m.tag));
        if (it == recvOf[m.dst].end() || done[m.dst][it->second])
        {
            return "rank " + std::to_string(m.dst) + " gets an unexpected message from " +
                   std::to_string(m.src) + " tag " + std::to_string(m.tag);
        }
        const CollectiveOp& op = ops[m.dst][it->second];
        if (op.count != m.data.size())
        {
            return "rank " + std::to_string(m.dst) + " receives " + std::to_string(op.count) +
                   " segments but " + std::to_string(m.data.size()) + " were sent";
        }
        for (uint32_t k = 0; k < op.count; ++k)
        {
            Data& mine = state[m.dst][op.segment + k];
            if (op.reduce)
            {
                mine.insert(mine.end(), m.data[k].begin(), m.data[k].end());
                std::sort(mine.begin(), mine.end());
            }
            else
            {
                mine = m.data[k];
            }
        }
        done[m.dst][it->second] = true;
        for (auto& [stream, q] : sendQueue[m.dst])
        {
            pump(m.dst, stream);
        }
    }
    if (!error.empty())
    {
        return error;
    }
    for (uint32_t r = 0; r < p; ++r)
    {
        for (size_t i = 0; i < ops[r].size(); ++i)
        {
            if (!done[r][i])
            {
                return "rank " + std::to_string(r) + " op " + std::to_string(i) +
                       " never ran (deadlock or unmatched receive)";
            }
        }
    }
    std::vector<uint32_t> expected;
    for (uint32_t r = 0; r < p; ++r)
    {
        for (uint32_t g = 0; g < segs; ++g)
        {
            if (s.ExpectedContributors(r, g, expected))
            {
                std::sort(expected.begin(), expected.end());
                if (state[r][g] != expected)
                {
                    return "rank " + std::to_string(r) + " segment " + std::to_string(g) +
                           " holds " + std::to_string(state[r][g].size()) +
                           " contributions, expected " + std::to_string(expected.size());
                }
            }
        }
    }
    return "";
}

/// Checks one collective/algorithm for p = 1 ... 33 with and without pipelining.
void
CheckAllRanks(const std::string& collective,
              const std::string& algorithm,
              uint32_t channels,
              bool powersOfTwoOnly = false)
{
    for (uint32_t p = 1; p <= 33; ++p)
    {
        if (powersOfTwoOnly && (p & (p - 1)) != 0)
        {
            continue;
        }
        for (uint64_t chunkDivisor : {0u, 3u})
        {
            CollectiveRequest q;
            q.collective = collective;
            q.algorithm = algorithm;
            q.ranks = p;
            q.ncclChannels = channels;
            q.bytes = uint64_t{4} * p * 6 * channels;
            q.chunkBytes = chunkDivisor == 0 ? 0 : 4;
            q.root = p / 2;
            auto s = CreateCollectiveSchedule(q);
            const std::string error = Execute(*s);
            EXPECT_EQ(error, "") << collective << "/" << algorithm << " p=" << p
                                 << " channels=" << channels << " chunkBytes=" << q.chunkBytes;
        }
    }
}

} // namespace

TEST(CollectiveSchedule, RingAllReduceIsCorrect)
{
    CheckAllRanks("all_reduce", "ring", 1);
    CheckAllRanks("all_reduce", "ring", 3);
}

TEST(CollectiveSchedule, RingAllGatherIsCorrect)
{
    CheckAllRanks("all_gather", "ring", 1);
    CheckAllRanks("all_gather", "ring", 2);
}

TEST(CollectiveSchedule, RingReduceScatterIsCorrect)
{
    CheckAllRanks("reduce_scatter", "ring", 1);
    CheckAllRanks("reduce_scatter", "ring", 2);
}

TEST(CollectiveSchedule, DoubleBinaryTreeAllReduceIsCorrect)
{
    CheckAllRanks("all_reduce", "tree", 1);
    CheckAllRanks("all_reduce", "tree", 2);
}

TEST(CollectiveSchedule, HalvingDoublingAllReduceIsCorrect)
{
    CheckAllRanks("all_reduce", "halving_doubling", 1, true);
}

TEST(CollectiveSchedule, PairwiseAllToAllIsCorrect)
{
    CheckAllRanks("all_to_all", "pairwise", 1);
}

TEST(CollectiveSchedule, RingBroadcastIsCorrect)
{
    CheckAllRanks("broadcast", "ring", 1);
}

TEST(CollectiveSchedule, TreeBroadcastIsCorrect)
{
    CheckAllRanks("broadcast", "tree", 1);
}

TEST(SendRecvSchedule, MovesTheMessageAndNothingElse)
{
    for (uint32_t p : {2u, 3u, 8u})
    {
        for (uint64_t bytes : {0u, 1u, 1000u, 4096u})
        {
            for (uint64_t chunk : {0u, 7u, 1000u})
            {
                const ns3::SendRecvSchedule s(p, p - 1, 0, bytes, chunk);
                EXPECT_EQ(Execute(s), "") << "p=" << p << " bytes=" << bytes << " chunk=" << chunk;
                uint64_t total = 0;
                for (uint32_t g = 0; g < s.GetNSegments(); ++g)
                {
                    total += s.GetSegmentBytes(g);
                }
                EXPECT_EQ(total, bytes) << "chunks add up to the message";
                EXPECT_EQ(s.GetNOps(p - 1), s.GetNChunks());
                EXPECT_EQ(s.GetNOps(0), s.GetNChunks());
                for (uint32_t r = 1; r + 1 < p; ++r)
                {
                    EXPECT_EQ(s.GetNOps(r), 0u) << "rank " << r << " takes no part";
                }
                EXPECT_EQ(s.GetBusBandwidthFactor(), 1.0);
            }
        }
    }
    EXPECT_THROW(ns3::SendRecvSchedule(4, 1, 1, 64, 0), std::invalid_argument);
    EXPECT_THROW(ns3::SendRecvSchedule(4, 0, 4, 64, 0), std::invalid_argument);
    EXPECT_THROW(ns3::SendRecvSchedule(2, 0, 1, uint64_t{1} << 40, 1), std::invalid_argument);
}

TEST(CollectiveSchedule, BadRequestsSayWhatIsWrong)
{
    auto message = [](CollectiveRequest q) -> std::string {
        try
        {
            CreateCollectiveSchedule(q);
        }
        catch (const std::invalid_argument& e)
        {
            return e.what();
        }
        return "";
    };
    CollectiveRequest q;
    q.bytes = 1024;
    q.ranks = 0;
    EXPECT_NE(message(q).find("ranks = 0"), std::string::npos);
    q.ranks = 4;
    q.bytes = 1022;
    EXPECT_NE(message(q).find("multiple of 4"), std::string::npos);
    q.bytes = 1024;
    q.algorithm = "magic";
    EXPECT_NE(message(q).find("all_reduce/ring, all_reduce/tree"), std::string::npos);
    q.collective = "all_gather";
    q.algorithm = "ring";
    q.ranks = 3;
    q.bytes = 1024 * 4;
    EXPECT_NE(message(q).find("multiple of 4 x ranks = 12"), std::string::npos);
    q.collective = "all_reduce";
    q.algorithm = "halving_doubling";
    q.ranks = 6;
    q.bytes = 24 * 8;
    EXPECT_NE(message(q).find("power of two"), std::string::npos);
    q.collective = "broadcast";
    q.algorithm = "tree";
    q.ranks = 4;
    q.root = 4;
    EXPECT_NE(message(q).find("root = 4"), std::string::npos);
}

TEST(BinaryTree, DoubleTreeRanksAreInteriorInAtMostOneTree)
{
    for (uint32_t p = 1; p <= 64; ++p)
    {
        for (uint32_t r = 0; r < p; ++r)
        {
            int interior = 0;
            for (uint32_t t = 0; t < 2; ++t)
            {
                const TreeLinks l = DoubleBinaryTree(p, r, t);
                interior += (l.children[0] >= 0 || l.children[1] >= 0) ? 1 : 0;
                // Links are mutual.
                if (l.parent >= 0)
                {
                    const TreeLinks up = DoubleBinaryTree(p, static_cast<uint32_t>(l.parent), t);
                    EXPECT_TRUE(up.children[0] == r || up.children[1] == r) << "p=" << p;
                }
            }
            // NCCL's construction: rank 0, the first tree's root with a single child, may
            // be interior in the shifted second tree too (odd p); nobody else.
            if (p > 2 && r != 0)
            {
                EXPECT_LE(interior, 1) << "p=" << p << " rank=" << r;
            }
        }
        EXPECT_LE(DoubleBinaryTreeDepth(p, 0), 1 + (p > 1 ? 32 - __builtin_clz(p) : 0));
    }
}
