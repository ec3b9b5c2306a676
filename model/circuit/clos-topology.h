/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CLOS_TOPOLOGY_H
#define SCALE_ACROSS_CLOS_TOPOLOGY_H

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief The middle-stage paths of a three-stage Clos of circuit switches, in O(N + r m)
 * memory.
 *
 * Plain C++ (no ns-3 types; times are integer ticks of the caller's choosing) so that it can be
 * tested on its own. N endpoints are split over r = ceil(N / k) ingress switches (k x m: k
 * endpoint ports, one link up to each of m middle switches), m middle switches (r x r) and r
 * egress switches (m x k). Endpoint e sends into ingress e / k and receives from egress e / k.
 * Every inter-stage link carries LinkLanes circuits (one per lane, as a crossbar port does),
 * so with one lane it is Clos's classic network.
 *
 * A circuit from s to d needs one middle switch j with a free lane on the link ingress(s) -> j
 * and on the link j -> egress(d). Circuits are allocated one at a time, first fit (the lowest
 * such j), never moving a live circuit: a request with no such j is blocked. Clos's results
 * (1953; Benes 1962) say when that cannot happen:
 * - m >= 2k - 1 (one lane): strictly non-blocking, first fit never blocks;
 * - m >= k: rearrangeably non-blocking: every permutation can be routed if it is routed as a
 *   whole (RoutePermutation), although first fit, one circuit at a time, may block;
 * - m < k: an ingress switch whose k endpoints all send out of it carries only m of them.
 *
 * A circuit's links become free for another circuit only when it has drained (the time given
 * to Disconnect), as its crossbar ends do in CrossbarPortTable.
 */
class ClosTopology
{
  public:
    /// Marks "no middle switch" (blocked, or no circuit).
    static constexpr int64_t NO_MIDDLE = -1;

    /**
     * @param endpoints N (>= 1)
     * @param edgePorts k, endpoints per ingress (and egress) switch (>= 1)
     * @param middles m, middle switches (>= 1)
     * @param linkLanes circuits one inter-stage link carries (>= 1)
     * @param circuitIds how many circuit ids the caller uses (ids are 0 ... circuitIds - 1)
     */
    ClosTopology(uint32_t endpoints,
                 uint32_t edgePorts,
                 uint32_t middles,
                 uint32_t linkLanes,
                 uint32_t circuitIds);

    /// @return N
    uint32_t GetNEndpoints() const;
    /// @return k
    uint32_t GetEdgePorts() const;
    /// @return m
    uint32_t GetNMiddles() const;
    /// @return r, the number of ingress (and of egress) switches
    uint32_t GetNEdges() const;
    /// @return lanes per inter-stage link
    uint32_t GetLinkLanes() const;
    /// @param endpoint an endpoint @return its ingress (and egress) switch
    uint32_t EdgeOf(uint32_t endpoint) const;

    /**
     * @brief First fit: the lowest middle switch with a free lane up from src's ingress and
     * down to dst's egress.
     * @param src source endpoint
     * @param dst destination endpoint
     * @param ignoreA a circuit id to count as gone (one the caller will tear down first), or -1
     * @param ignoreB another such circuit id, or -1
     * @return the middle switch, or NO_MIDDLE (blocked)
     */
    int64_t FindMiddle(uint32_t src,
                       uint32_t dst,
                       int64_t ignoreA = -1,
                       int64_t ignoreB = -1) const;

    /**
     * @brief The circuits that hold the up link ingress(src) -> middle and the down link
     * middle -> egress(dst) (callers look for idle ones to tear down when blocked).
     * @param src source endpoint
     * @param dst destination endpoint
     * @param middle a middle switch
     * @return the ids of the circuits on the up link, and those on the down link (a circuit
     *         may be on both)
     */
    std::pair<std::vector<uint32_t>, std::vector<uint32_t>> GetOccupants(uint32_t src,
                                                                         uint32_t dst,
                                                                         uint32_t middle) const;

    /**
     * @brief Route a circuit through a middle switch.
     * @param id circuit id (not in use)
     * @param src source endpoint
     * @param dst destination endpoint
     * @param middle a middle switch with a free lane on both links (FindMiddle)
     * @return tick from which both links are free (the previous circuits on them drained)
     */
    int64_t Connect(uint32_t id, uint32_t src, uint32_t dst, uint32_t middle);

    /**
     * @brief Take a circuit off its links.
     * @param id circuit id (in use)
     * @param freeAt tick at which its last frame has passed: the links' lanes are free then
     */
    void Disconnect(uint32_t id, int64_t freeAt);

    /// @param id a circuit id @return its middle switch, or NO_MIDDLE if it is not routed
    int64_t GetMiddle(uint32_t id) const;
    /// @return circuits routed now
    uint64_t GetNCircuits() const;
    /// @param edge ingress switch @param middle middle switch @return circuits on that link
    uint32_t GetUpLoad(uint32_t edge, uint32_t middle) const;
    /// @param middle middle switch @param edge egress switch @return circuits on that link
    uint32_t GetDownLoad(uint32_t middle, uint32_t edge) const;

    /**
     * @brief Route a set of circuits as a whole (Clos's rearrangeable routing): colour the
     * bipartite multigraph of ingress -> egress demands with m colours (König's theorem; an
     * alternating-path recolouring when no colour is free at both ends).
     * @param middles m (>= k routes any set in which no switch has more than k circuits)
     * @param edges r
     * @param pairs (ingress switch, egress switch) of each circuit, one lane per link
     * @return the middle switch of each pair, or an empty vector if some switch has more than
     *         m circuits (then no routing exists)
     */
    static std::vector<uint32_t> RoutePermutation(
        uint32_t middles,
        uint32_t edges,
        const std::vector<std::pair<uint32_t, uint32_t>>& pairs);

  private:
    /// @return index of link (edge, middle) in the up and down tables
    size_t Link(uint32_t edge, uint32_t middle) const;

    uint32_t m_endpoints;              //!< N
    uint32_t m_k;                      //!< endpoints per edge switch
    uint32_t m_m;                      //!< middle switches
    uint32_t m_r;                      //!< edge switches per side
    uint32_t m_lanes;                  //!< lanes per link
    std::vector<uint32_t> m_upLoad;    //!< circuits per up link (ingress, middle)
    std::vector<uint32_t> m_downLoad;  //!< circuits per down link (egress, middle)
    std::vector<int64_t> m_upFreeAt;   //!< per up link: latest drain of a circuit that left it
    std::vector<int64_t> m_downFreeAt; //!< per down link: the same
    std::vector<int64_t> m_middleOf;   //!< per circuit id: its middle, or NO_MIDDLE
    std::vector<uint32_t> m_srcOf;     //!< per circuit id: its source endpoint
    std::vector<uint32_t> m_dstOf;     //!< per circuit id: its destination endpoint
    uint64_t m_circuits{0};            //!< circuits routed now
};

} // namespace ns3

#endif /* SCALE_ACROSS_CLOS_TOPOLOGY_H */
