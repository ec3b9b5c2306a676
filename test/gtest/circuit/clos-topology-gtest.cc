/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/clos-topology.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <numeric>
#include <set>
#include <stdexcept>
#include <vector>

using ns3::ClosTopology;

namespace
{

/// A fixed linear congruential generator: the same numbers on every platform.
struct Lcg
{
    uint64_t state; //!< current state

    /// @param n bound @return a number in [0, n)
    uint32_t Next(uint32_t n)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<uint32_t>((state >> 33) % n);
    }
};

/// @return true if no two pairs meeting at one switch share a middle (a valid routing)
bool
IsValidRouting(const std::vector<std::pair<uint32_t, uint32_t>>& pairs,
               const std::vector<uint32_t>& middle)
{
    std::set<std::pair<uint32_t, uint32_t>> up;
    std::set<std::pair<uint32_t, uint32_t>> down;
    for (size_t i = 0; i < pairs.size(); ++i)
    {
        if (!up.insert({pairs[i].first, middle[i]}).second ||
            !down.insert({pairs[i].second, middle[i]}).second)
        {
            return false;
        }
    }
    return true;
}

/// @return the (ingress, egress) switch of each s -> perm[s]
std::vector<std::pair<uint32_t, uint32_t>>
SwitchPairs(const std::vector<uint32_t>& perm, uint32_t k)
{
    std::vector<std::pair<uint32_t, uint32_t>> pairs;
    for (uint32_t s = 0; s < perm.size(); ++s)
    {
        pairs.emplace_back(s / k, perm[s] / k);
    }
    return pairs;
}

/// Connect s -> perm[s] for every s, first fit; @return how many found no middle switch
uint32_t
FirstFitBlocks(ClosTopology& clos, const std::vector<uint32_t>& perm)
{
    uint32_t blocked = 0;
    for (uint32_t s = 0; s < perm.size(); ++s)
    {
        const int64_t j = clos.FindMiddle(s, perm[s]);
        if (j == ClosTopology::NO_MIDDLE)
        {
            ++blocked;
            continue;
        }
        clos.Connect(s, s, perm[s], static_cast<uint32_t>(j));
    }
    return blocked;
}

} // namespace

TEST(ClosTopology, Shape)
{
    ClosTopology clos(10, 3, 5, 1, 10);
    EXPECT_EQ(clos.GetNEdges(), 4u); // ceil(10 / 3)
    EXPECT_EQ(clos.EdgeOf(0), 0u);
    EXPECT_EQ(clos.EdgeOf(2), 0u);
    EXPECT_EQ(clos.EdgeOf(3), 1u);
    EXPECT_EQ(clos.EdgeOf(9), 3u);
    EXPECT_THROW(ClosTopology(10, 0, 5, 1, 10), std::invalid_argument);
    EXPECT_THROW(ClosTopology(10, 3, 0, 1, 10), std::invalid_argument);
}

TEST(ClosTopology, FirstFitTakesTheLowestFreeMiddle)
{
    ClosTopology clos(4, 2, 3, 1, 4);
    EXPECT_EQ(clos.FindMiddle(0, 2), 0);
    clos.Connect(0, 0, 2, 0);
    EXPECT_EQ(clos.GetUpLoad(0, 0), 1u);
    EXPECT_EQ(clos.GetDownLoad(0, 1), 1u);
    // Endpoint 1 shares ingress 0 with endpoint 0, so middle 0's up link is taken.
    EXPECT_EQ(clos.FindMiddle(1, 3), 1);
    // Counting circuit 0 as torn down frees middle 0 again.
    EXPECT_EQ(clos.FindMiddle(1, 3, 0), 0);
    const auto [up, down] = clos.GetOccupants(1, 3, 0);
    EXPECT_EQ(up, (std::vector<uint32_t>{0}));   // ingress 0 -> middle 0
    EXPECT_EQ(down, (std::vector<uint32_t>{0})); // middle 0 -> egress 1
    EXPECT_TRUE(clos.GetOccupants(1, 3, 1).first.empty());
    EXPECT_THROW(clos.Connect(1, 1, 3, 0), std::logic_error);
}

TEST(ClosTopology, LinksFreeWhenTheCircuitHasDrained)
{
    ClosTopology clos(4, 2, 1, 1, 4);
    EXPECT_EQ(clos.Connect(0, 0, 2, 0), 0);
    clos.Disconnect(0, 500);
    EXPECT_EQ(clos.GetNCircuits(), 0u);
    EXPECT_EQ(clos.GetMiddle(0), ClosTopology::NO_MIDDLE);
    // The next circuit on the same up link may start only when the old one has drained.
    EXPECT_EQ(clos.Connect(1, 1, 3, 0), 500);
    EXPECT_THROW(clos.Disconnect(0, 600), std::logic_error);
}

TEST(ClosTopology, StrictlyNonBlockingWhenMiddlesAtLeastTwoKMinusOne)
{
    // Clos (1953): m >= 2k - 1 never blocks, whatever came before. Random set-ups and
    // tear-downs, each endpoint sending and receiving at most one circuit (one lane).
    const uint32_t n = 24;
    const uint32_t k = 4;
    ClosTopology clos(n, k, 2 * k - 1, 1, n);
    std::vector<int64_t> dstOf(n, -1);
    std::vector<bool> receiving(n, false);
    Lcg rng{7};
    uint32_t connects = 0;
    for (int step = 0; step < 20000; ++step)
    {
        const uint32_t s = rng.Next(n);
        if (dstOf[s] >= 0)
        {
            receiving[dstOf[s]] = false;
            dstOf[s] = -1;
            clos.Disconnect(s, step);
            continue;
        }
        const uint32_t d = rng.Next(n);
        if (receiving[d])
        {
            continue;
        }
        const int64_t j = clos.FindMiddle(s, d);
        ASSERT_NE(j, ClosTopology::NO_MIDDLE) << "step " << step;
        clos.Connect(s, s, d, static_cast<uint32_t>(j));
        dstOf[s] = d;
        receiving[d] = true;
        ++connects;
    }
    EXPECT_GT(connects, 5000u);
}

TEST(ClosTopology, FirstFitBlocksAConstructedPermutationThatRoutesAsAWhole)
{
    // k = m = 2, r = 3: rearrangeably non-blocking, yet first fit, one circuit at a time,
    // blocks this permutation's last two circuits (worked out in doc/scale-across.rst,
    // "Multi-stage optical fabrics").
    const std::vector<uint32_t> order{0, 2, 4, 1, 3, 5};
    const std::vector<uint32_t> perm{0, 4, 2, 5, 1, 3}; // source s sends to perm[s]
    ClosTopology clos(6, 2, 2, 1, 6);
    uint32_t blocked = 0;
    for (uint32_t s : order)
    {
        const int64_t j = clos.FindMiddle(s, perm[s]);
        if (j == ClosTopology::NO_MIDDLE)
        {
            ++blocked;
            continue;
        }
        clos.Connect(s, s, perm[s], static_cast<uint32_t>(j));
    }
    EXPECT_EQ(blocked, 2u);
    EXPECT_EQ(clos.GetNCircuits(), 4u);
    const auto pairs = SwitchPairs(perm, 2);
    const auto middle = ClosTopology::RoutePermutation(2, 3, pairs);
    ASSERT_EQ(middle.size(), pairs.size());
    EXPECT_TRUE(IsValidRouting(pairs, middle));
}

TEST(ClosTopology, EveryPermutationRoutesAsAWholeWhenMiddlesAtLeastK)
{
    // Benes: m >= k is rearrangeably non-blocking. All 720 permutations of 6 endpoints.
    std::vector<uint32_t> perm(6);
    std::iota(perm.begin(), perm.end(), 0);
    uint32_t routed = 0;
    do
    {
        const auto pairs = SwitchPairs(perm, 2);
        const auto middle = ClosTopology::RoutePermutation(2, 3, pairs);
        ASSERT_EQ(middle.size(), pairs.size());
        ASSERT_TRUE(IsValidRouting(pairs, middle));
        ++routed;
    } while (std::next_permutation(perm.begin(), perm.end()));
    EXPECT_EQ(routed, 720u);
    // Larger: 200 random permutations of 64 endpoints on k = m = 8.
    Lcg rng{11};
    for (int t = 0; t < 200; ++t)
    {
        std::vector<uint32_t> p(64);
        std::iota(p.begin(), p.end(), 0);
        for (uint32_t i = 63; i > 0; --i)
        {
            std::swap(p[i], p[rng.Next(i + 1)]);
        }
        const auto pairs = SwitchPairs(p, 8);
        const auto middle = ClosTopology::RoutePermutation(8, 8, pairs);
        ASSERT_EQ(middle.size(), pairs.size());
        ASSERT_TRUE(IsValidRouting(pairs, middle));
    }
}

TEST(ClosTopology, FewerMiddlesThanKBlockExactlyRTimesKMinusM)
{
    // Every source sends to the next edge switch's endpoints: each ingress switch has k
    // circuits to carry and m up links, so r (k - m) are blocked, however they are routed.
    const uint32_t k = 4;
    const uint32_t m = 2;
    const uint32_t r = 4;
    const uint32_t n = k * r;
    std::vector<uint32_t> perm(n);
    for (uint32_t s = 0; s < n; ++s)
    {
        perm[s] = (s + k) % n;
    }
    ClosTopology clos(n, k, m, 1, n);
    EXPECT_EQ(FirstFitBlocks(clos, perm), r * (k - m));
    EXPECT_TRUE(ClosTopology::RoutePermutation(m, r, SwitchPairs(perm, k)).empty());
    // With m = k the same pattern does not block, even first fit.
    ClosTopology full(n, k, k, 1, n);
    EXPECT_EQ(FirstFitBlocks(full, perm), 0u);
}

TEST(ClosTopology, LanesMultiplyALinksCircuits)
{
    // Two lanes per link: one middle carries two circuits up from one ingress switch.
    ClosTopology clos(4, 2, 1, 2, 8);
    clos.Connect(0, 0, 2, 0);
    EXPECT_EQ(clos.FindMiddle(1, 3), 0);
    clos.Connect(1, 1, 3, 0);
    EXPECT_EQ(clos.FindMiddle(0, 3), ClosTopology::NO_MIDDLE);
}

TEST(ClosTopology, CyclicShiftsRouteFirstFitWhenMiddlesAtLeastK)
{
    // A rotor's (or an AWGR's) slot joins i -> i + s mod N on each lane: the k sources of an
    // ingress switch reach consecutive endpoints, split over at most two egress switches, and
    // first fit gives the sources of one ingress middles 0, 1, ... in order, so the sources
    // sharing an egress switch come from the tail of one ingress and the head of the next:
    // disjoint middles. So with m >= k first fit never blocks a slot, set up port by port
    // (SlottedCircuitScheduler's order), whatever N, k and the lanes.
    uint64_t circuits = 0;
    for (uint32_t k = 1; k <= 6; ++k)
    {
        for (uint32_t n = 2; n <= 6 * k; ++n)
        {
            for (uint32_t lanes = 1; lanes <= 2; ++lanes)
            {
                for (uint32_t slot = 0; slot < n - 1; ++slot)
                {
                    ClosTopology clos(n, k, k, lanes, n * lanes);
                    for (uint32_t i = 0; i < n; ++i)
                    {
                        for (uint32_t l = 0; l < lanes; ++l)
                        {
                            const uint32_t shift = ((slot * lanes + l) % (n - 1)) + 1;
                            const uint32_t d = (i + shift) % n;
                            const int64_t j = clos.FindMiddle(i, d);
                            ASSERT_NE(j, ClosTopology::NO_MIDDLE)
                                << "N " << n << ", k " << k << ", lanes " << lanes << ", slot "
                                << slot << ", " << i << " -> " << d;
                            clos.Connect(i * lanes + l, i, d, static_cast<uint32_t>(j));
                            ++circuits;
                        }
                    }
                }
            }
        }
    }
    EXPECT_EQ(circuits, 95130u); // every one routed
}
