/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-algorithm-registry.h"

#include "broadcast-schedule.h"
#include "double-binary-tree-schedule.h"
#include "halving-doubling-schedule.h"
#include "pairwise-all-to-all-schedule.h"
#include "ring-schedule.h"

#include <stdexcept>

namespace ns3
{

namespace
{

/// @param why what is wrong with the request (CreateCollectiveSchedule names the algorithm)
/// @throw std::invalid_argument always
[[noreturn]] void
Refuse(const std::string& why)
{
    throw std::invalid_argument(why);
}

/// A ring schedule of the given collective.
template <CollectiveKind KIND>
std::unique_ptr<CollectiveSchedule>
MakeRing(const CollectiveRequest& q)
{
    return std::make_unique<RingSchedule>(KIND, q.ranks, q.bytes, q.chunkBytes, q.ncclChannels);
}

/// The double binary tree all-reduce.
std::unique_ptr<CollectiveSchedule>
MakeTree(const CollectiveRequest& q)
{
    return std::make_unique<DoubleBinaryTreeSchedule>(q.ranks,
                                                      q.bytes,
                                                      q.chunkBytes,
                                                      q.ncclChannels);
}

/// Recursive halving-doubling all-reduce: a power of two ranks, the data split among them.
std::unique_ptr<CollectiveSchedule>
MakeHalvingDoubling(const CollectiveRequest& q)
{
    if ((q.ranks & (q.ranks - 1)) != 0)
    {
        Refuse("ranks = " + std::to_string(q.ranks) +
               " is invalid: halving-doubling needs a power of two");
    }
    if (q.bytes % (uint64_t{4} * q.ranks) != 0)
    {
        Refuse("size = " + std::to_string(q.bytes) +
               " bytes is invalid: halving-doubling needs a multiple of 4 x ranks = " +
               std::to_string(uint64_t{4} * q.ranks));
    }
    return std::make_unique<HalvingDoublingSchedule>(q.ranks, q.bytes, q.chunkBytes);
}

/// Pairwise all-to-all.
std::unique_ptr<CollectiveSchedule>
MakePairwise(const CollectiveRequest& q)
{
    return std::make_unique<PairwiseAllToAllSchedule>(q.ranks, q.bytes, q.chunkBytes);
}

/// A pipelined broadcast along a ring or a binary tree from the root.
template <bool TREE>
std::unique_ptr<CollectiveSchedule>
MakeBroadcast(const CollectiveRequest& q)
{
    if (q.root >= q.ranks)
    {
        Refuse("root = " + std::to_string(q.root) + " is invalid: use 0 ... " +
               std::to_string(q.ranks - 1));
    }
    return std::make_unique<BroadcastSchedule>(q.ranks, q.bytes, q.chunkBytes, q.root, TREE);
}

} // namespace

const std::vector<CollectiveAlgorithm>&
CollectiveAlgorithmRegistry::GetAll()
{
    // One entry per algorithm. The closed forms are derived and tested in doc/ and test/.
    static const std::vector<CollectiveAlgorithm> table = {
        {"all_reduce",
         "ring",
         true,
         true,
         "1 per channel: to the next rank",
         "ring all-reduce: 2(p-1) steps of n/(p*c) bytes per channel, pipelined in chunks",
         &MakeRing<CollectiveKind::ALL_REDUCE>},
        {"all_reduce",
         "tree",
         true,
         true,
         "up to 3 per tree (parent and two children), 2 trees per channel",
         "double binary tree all-reduce: reduce up and broadcast down two complementary trees",
         &MakeTree},
        {"all_reduce",
         "halving_doubling",
         false,
         false,
         "log2(p): one peer per step, a new one each step",
         "halving-doubling all-reduce: 2 log2(p) steps, halving then doubling the data",
         &MakeHalvingDoubling},
        {"all_gather",
         "ring",
         true,
         true,
         "1 per channel: to the next rank",
         "ring all-gather: p-1 steps of n/(p*c) bytes per channel",
         &MakeRing<CollectiveKind::ALL_GATHER>},
        {"reduce_scatter",
         "ring",
         true,
         true,
         "1 per channel: to the next rank",
         "ring reduce-scatter: p-1 steps of n/(p*c) bytes per channel",
         &MakeRing<CollectiveKind::REDUCE_SCATTER>},
        {"all_to_all",
         "pairwise",
         false,
         true,
         "p-1: every other rank, one at a time",
         "pairwise all-to-all: p-1 exchanges of n/p bytes",
         &MakePairwise},
        {"broadcast",
         "ring",
         false,
         true,
         "1: to the next rank from the root",
         "ring broadcast: p-1 hops, pipelined in chunks",
         &MakeBroadcast<false>},
        {"broadcast",
         "tree",
         false,
         true,
         "up to 2: the children in a binary tree rooted at the root",
         "tree broadcast: log2(p) levels, pipelined in chunks",
         &MakeBroadcast<true>},
    };
    return table;
}

const CollectiveAlgorithm*
CollectiveAlgorithmRegistry::Find(const std::string& collective, const std::string& algorithm)
{
    for (const CollectiveAlgorithm& a : GetAll())
    {
        if (a.collective == collective && a.algorithm == algorithm)
        {
            return &a;
        }
    }
    return nullptr;
}

std::vector<std::string>
CollectiveAlgorithmRegistry::GetCollectives()
{
    std::vector<std::string> names;
    for (const CollectiveAlgorithm& a : GetAll())
    {
        if (names.empty() || names.back() != a.collective)
        {
            names.push_back(a.collective);
        }
    }
    return names;
}

std::vector<std::string>
CollectiveAlgorithmRegistry::GetAlgorithms(const std::string& collective)
{
    std::vector<std::string> names;
    for (const CollectiveAlgorithm& a : GetAll())
    {
        if (a.collective == collective)
        {
            names.push_back(a.algorithm);
        }
    }
    return names;
}

std::vector<std::string>
CollectiveAlgorithmRegistry::GetDefaultAlgorithms(const std::string& collective)
{
    std::vector<std::string> names;
    for (const CollectiveAlgorithm& a : GetAll())
    {
        if (a.collective == collective && a.inDefaultSweep)
        {
            names.push_back(a.algorithm);
        }
    }
    return names;
}

std::string
CollectiveAlgorithmRegistry::DescribePairs()
{
    std::vector<std::string> pairs;
    for (const CollectiveAlgorithm& a : GetAll())
    {
        pairs.push_back(a.collective + "/" + a.algorithm);
    }
    return Join(pairs);
}

std::string
CollectiveAlgorithmRegistry::Join(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names)
    {
        out += (out.empty() ? "" : ", ") + n;
    }
    return out;
}

} // namespace ns3
