/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The collective algorithm registry: every entry builds its schedule and names its closed form
 * and circuits; GetSendPeers names exactly the streams a schedule sends on (reading on demand
 * relies on it); GetRecvIndex is the receive GetOp lists for a message's peer and tag.
 */

#include "ns3/collective-algorithm-registry.h"
#include "ns3/collective-schedule.h"

#include <gtest/gtest.h>
#include <set>
#include <utility>

namespace
{

using ns3::CollectiveAlgorithmRegistry;

/**
 * @param a an algorithm of the registry
 * @param ranks ranks (halving-doubling takes 8, a power of two)
 * @return a request for it with 3 chunks of 32 bytes per rank and block, the last rank the
 *         root
 */
ns3::CollectiveRequest
SmallRequest(const ns3::CollectiveAlgorithm& a, uint32_t ranks)
{
    ns3::CollectiveRequest q;
    q.collective = a.collective;
    q.algorithm = a.algorithm;
    q.ranks = a.algorithm == "halving_doubling" ? 8 : ranks;
    q.bytes = uint64_t{4} * 8 * q.ranks * 3;
    q.chunkBytes = 32;
    q.ncclChannels = a.multiChannel ? 2 : 1;
    q.root = q.ranks - 1;
    return q;
}

TEST(CollectiveAlgorithmRegistry, EveryEntryBuildsItsSchedule)
{
    for (const ns3::CollectiveAlgorithm& a : CollectiveAlgorithmRegistry::GetAll())
    {
        ns3::CollectiveRequest q;
        q.collective = a.collective;
        q.algorithm = a.algorithm;
        q.ranks = 8;
        q.bytes = 8 * 4 * 64;
        q.chunkBytes = 256;
        q.ncclChannels = a.multiChannel ? 2 : 1;
        const auto schedule = ns3::CreateCollectiveSchedule(q);
        ASSERT_NE(schedule, nullptr) << a.collective << "/" << a.algorithm;
        EXPECT_EQ(schedule->GetAlgorithm(), a.algorithm);
        EXPECT_EQ(ns3::ToString(schedule->GetKind()), a.collective);
        EXPECT_FALSE(a.closedForm.empty()) << a.collective << "/" << a.algorithm;
        EXPECT_FALSE(a.circuits.empty()) << a.collective << "/" << a.algorithm;
        EXPECT_EQ(CollectiveAlgorithmRegistry::Find(a.collective, a.algorithm), &a);
    }
}

// CollectiveApplication reads a schedule on demand until every stream GetSendPeers names
// has a send: a stream it left out could hold a send that may start, unread.
TEST(CollectiveAlgorithmRegistry, SendPeersAreExactlyTheStreamsSentOn)
{
    for (const ns3::CollectiveAlgorithm& a : CollectiveAlgorithmRegistry::GetAll())
    {
        for (uint32_t ranks : {1u, 2u, 3u, 5u, 8u, 13u})
        {
            const ns3::CollectiveRequest q = SmallRequest(a, ranks);
            const auto schedule = ns3::CreateCollectiveSchedule(q);
            for (uint32_t r = 0; r < q.ranks; ++r)
            {
                std::set<std::pair<uint32_t, uint8_t>> used;
                for (uint64_t i = 0; i < schedule->GetNOps(r); ++i)
                {
                    const ns3::CollectiveOp op = schedule->GetOp(r, i);
                    if (op.kind == ns3::CollectiveOp::Kind::SEND)
                    {
                        used.emplace(op.peer, op.flow);
                    }
                }
                const auto peers = schedule->GetSendPeers(r);
                const std::set<std::pair<uint32_t, uint8_t>> named(peers.begin(), peers.end());
                EXPECT_EQ(named, used) << a.collective << "/" << a.algorithm << ", " << q.ranks
                                       << " ranks, rank " << r;
            }
        }
    }
}

// Where a schedule computes which receive a message matches, it is the receive GetOp lists
// with that peer and tag, and no other (peer, tag) pair maps to a receive.
TEST(CollectiveAlgorithmRegistry, RecvIndexIsTheReceiveWithThatPeerAndTag)
{
    uint32_t checked = 0;
    for (const ns3::CollectiveAlgorithm& a : CollectiveAlgorithmRegistry::GetAll())
    {
        for (uint32_t ranks : {1u, 2u, 3u, 5u, 8u, 13u})
        {
            const ns3::CollectiveRequest q = SmallRequest(a, ranks);
            const auto schedule = ns3::CreateCollectiveSchedule(q);
            if (!schedule->IndexesReceives())
            {
                continue;
            }
            for (uint32_t r = 0; r < q.ranks; ++r)
            {
                std::map<std::pair<uint32_t, uint32_t>, uint64_t> recvs;
                uint32_t maxTag = 0;
                for (uint64_t i = 0; i < schedule->GetNOps(r); ++i)
                {
                    const ns3::CollectiveOp op = schedule->GetOp(r, i);
                    maxTag = std::max(maxTag, op.tag);
                    if (op.kind == ns3::CollectiveOp::Kind::RECV)
                    {
                        recvs[{op.peer, op.tag}] = i;
                    }
                }
                for (uint32_t peer = 0; peer < q.ranks; ++peer)
                {
                    for (uint32_t tag = 0; tag <= maxTag + 2; ++tag)
                    {
                        const auto it = recvs.find({peer, tag});
                        const uint64_t want =
                            it == recvs.end() ? ns3::CollectiveSchedule::NO_RECV : it->second;
                        EXPECT_EQ(schedule->GetRecvIndex(r, peer, tag), want)
                            << a.collective << "/" << a.algorithm << ", " << q.ranks
                            << " ranks, rank " << r << ", peer " << peer << ", tag " << tag;
                        ++checked;
                    }
                }
            }
        }
    }
    EXPECT_GT(checked, 1000u); // the tree indexes its receives
}

TEST(CollectiveAlgorithmRegistry, EveryCollectiveHasADefaultAndNamesAreUnique)
{
    std::set<std::string> pairs;
    for (const ns3::CollectiveAlgorithm& a : CollectiveAlgorithmRegistry::GetAll())
    {
        EXPECT_TRUE(pairs.insert(a.collective + "/" + a.algorithm).second) << a.algorithm;
    }
    for (const std::string& c : CollectiveAlgorithmRegistry::GetCollectives())
    {
        EXPECT_FALSE(CollectiveAlgorithmRegistry::GetDefaultAlgorithms(c).empty()) << c;
    }
    EXPECT_EQ(CollectiveAlgorithmRegistry::GetCollectives().size(), 5u);
    EXPECT_EQ(ns3::GetCollectiveAlgorithms(), CollectiveAlgorithmRegistry::DescribePairs());
}

TEST(CollectiveAlgorithmRegistry, ChannelsOnASingleChannelAlgorithmNameTheOnesThatTakeThem)
{
    ns3::CollectiveRequest q;
    q.collective = "all_to_all";
    q.algorithm = "pairwise";
    q.ranks = 4;
    q.bytes = 1024;
    q.ncclChannels = 2;
    try
    {
        ns3::CreateCollectiveSchedule(q);
        FAIL() << "channels = 2 accepted for all_to_all/pairwise";
    }
    catch (const std::invalid_argument& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("ncclChannels = 2"), std::string::npos) << what;
        EXPECT_NE(what.find("all_reduce/ring"), std::string::npos) << what;
    }
}

} // namespace

namespace
{

/// @return the message CreateCollectiveSchedule throws for q, or "" if it builds
std::string
Refusal(const ns3::CollectiveRequest& q)
{
    try
    {
        ns3::CreateCollectiveSchedule(q);
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

TEST(CollectiveScheduleLimits, ChunksBeyond32BitsAreRefusedNotWrapped)
{
    ns3::CollectiveRequest q;
    q.collective = "broadcast";
    q.algorithm = "ring";
    q.ranks = 4;
    q.bytes = uint64_t{1} << 40; // 1 TiB in 4-byte chunks: 2^38 chunks
    q.chunkBytes = 4;
    const std::string why = Refusal(q);
    EXPECT_NE(why.find("broadcast/ring"), std::string::npos) << why;
    EXPECT_NE(why.find("274877906944 chunks"), std::string::npos) << why;
    q.chunkBytes = 1 << 20; // 2^20 chunks: fine
    EXPECT_EQ(Refusal(q), "");
}

TEST(CollectiveScheduleLimits, SegmentCountsBeyond32BitsAreRefused)
{
    ns3::CollectiveRequest q;
    q.collective = "all_to_all";
    q.algorithm = "pairwise";
    q.ranks = 65536; // p^2 = 2^32 segments with one chunk each
    q.bytes = uint64_t{4} * 65536;
    const std::string why = Refusal(q);
    EXPECT_NE(why.find("more than 4294967295"), std::string::npos) << why;
    q.ranks = 4096;
    q.bytes = uint64_t{4} * 4096;
    EXPECT_EQ(Refusal(q), "");
}

TEST(CollectiveScheduleLimits, ChunksNotAMultipleOfTheElementAreRefused)
{
    ns3::CollectiveRequest q;
    q.ranks = 4;
    q.bytes = 4096;
    q.chunkBytes = 1022;
    const std::string why = Refusal(q);
    EXPECT_NE(why.find("chunk = 1022"), std::string::npos) << why;
    EXPECT_NE(why.find("multiple of 4"), std::string::npos) << why;
}

TEST(CollectiveScheduleLimits, LargestSizesComputeExactly)
{
    // 2^62 bytes over 3 ranks in 2^40-byte chunks: even shares, no overflow in the sums.
    ns3::CollectiveRequest q;
    q.collective = "all_gather";
    q.ranks = 3;
    q.bytes = uint64_t{3} << 60;
    q.chunkBytes = uint64_t{1} << 40;
    const auto s = ns3::CreateCollectiveSchedule(q);
    uint64_t total = 0;
    for (uint32_t g = 0; g < s->GetNSegments(); ++g)
    {
        total += s->GetSegmentBytes(g);
    }
    EXPECT_EQ(total, q.bytes);
}

} // namespace
