/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "clos-topology.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ns3
{

ClosTopology::ClosTopology(uint32_t endpoints,
                           uint32_t edgePorts,
                           uint32_t middles,
                           uint32_t linkLanes,
                           uint32_t circuitIds)
    : m_endpoints(endpoints),
      m_k(edgePorts),
      m_m(middles),
      m_r(edgePorts == 0 ? 0 : (endpoints + edgePorts - 1) / edgePorts),
      m_lanes(linkLanes)
{
    if (endpoints == 0 || edgePorts == 0 || middles == 0 || linkLanes == 0)
    {
        throw std::invalid_argument(
            "ClosTopology needs at least one endpoint, edge port, middle switch and link lane, "
            "got " +
            std::to_string(endpoints) + ", " + std::to_string(edgePorts) + ", " +
            std::to_string(middles) + ", " + std::to_string(linkLanes));
    }
    const size_t links = static_cast<size_t>(m_r) * m_m;
    m_upLoad.assign(links, 0);
    m_downLoad.assign(links, 0);
    m_upFreeAt.assign(links, 0);
    m_downFreeAt.assign(links, 0);
    m_middleOf.assign(circuitIds, NO_MIDDLE);
    m_srcOf.assign(circuitIds, 0);
    m_dstOf.assign(circuitIds, 0);
}

uint32_t
ClosTopology::GetNEndpoints() const
{
    return m_endpoints;
}

uint32_t
ClosTopology::GetEdgePorts() const
{
    return m_k;
}

uint32_t
ClosTopology::GetNMiddles() const
{
    return m_m;
}

uint32_t
ClosTopology::GetNEdges() const
{
    return m_r;
}

uint32_t
ClosTopology::GetLinkLanes() const
{
    return m_lanes;
}

uint32_t
ClosTopology::EdgeOf(uint32_t endpoint) const
{
    return endpoint / m_k;
}

size_t
ClosTopology::Link(uint32_t edge, uint32_t middle) const
{
    return static_cast<size_t>(edge) * m_m + middle;
}

int64_t
ClosTopology::FindMiddle(uint32_t src, uint32_t dst, int64_t ignoreA, int64_t ignoreB) const
{
    const uint32_t in = EdgeOf(src);
    const uint32_t out = EdgeOf(dst);
    for (uint32_t j = 0; j < m_m; ++j)
    {
        uint32_t up = m_upLoad[Link(in, j)];
        uint32_t down = m_downLoad[Link(out, j)];
        // Circuits the caller tears down before it connects free their lanes first.
        for (int64_t ignored : {ignoreA, ignoreB})
        {
            if (ignored < 0 || m_middleOf[ignored] != static_cast<int64_t>(j))
            {
                continue;
            }
            up -= EdgeOf(m_srcOf[ignored]) == in ? 1 : 0;
            down -= EdgeOf(m_dstOf[ignored]) == out ? 1 : 0;
        }
        if (up < m_lanes && down < m_lanes)
        {
            return j;
        }
    }
    return NO_MIDDLE;
}

std::pair<std::vector<uint32_t>, std::vector<uint32_t>>
ClosTopology::GetOccupants(uint32_t src, uint32_t dst, uint32_t middle) const
{
    // A scan of every circuit: only blocked requests ask, and a blocked request is rare.
    std::vector<uint32_t> up;
    std::vector<uint32_t> down;
    const uint32_t in = EdgeOf(src);
    const uint32_t out = EdgeOf(dst);
    for (uint32_t id = 0; id < m_middleOf.size(); ++id)
    {
        if (m_middleOf[id] != static_cast<int64_t>(middle))
        {
            continue;
        }
        if (EdgeOf(m_srcOf[id]) == in)
        {
            up.push_back(id);
        }
        if (EdgeOf(m_dstOf[id]) == out)
        {
            down.push_back(id);
        }
    }
    return {up, down};
}

int64_t
ClosTopology::Connect(uint32_t id, uint32_t src, uint32_t dst, uint32_t middle)
{
    if (id >= m_middleOf.size() || m_middleOf[id] != NO_MIDDLE || src >= m_endpoints ||
        dst >= m_endpoints || middle >= m_m)
    {
        throw std::logic_error("ClosTopology::Connect: circuit " + std::to_string(id) +
                               " is in use or out of range, or an argument is out of range");
    }
    const size_t up = Link(EdgeOf(src), middle);
    const size_t down = Link(EdgeOf(dst), middle);
    if (m_upLoad[up] >= m_lanes || m_downLoad[down] >= m_lanes)
    {
        throw std::logic_error("ClosTopology::Connect: middle switch " + std::to_string(middle) +
                               " has no free lane from endpoint " + std::to_string(src) +
                               " to endpoint " + std::to_string(dst));
    }
    ++m_upLoad[up];
    ++m_downLoad[down];
    m_middleOf[id] = middle;
    m_srcOf[id] = src;
    m_dstOf[id] = dst;
    ++m_circuits;
    return std::max(m_upFreeAt[up], m_downFreeAt[down]);
}

void
ClosTopology::Disconnect(uint32_t id, int64_t freeAt)
{
    if (id >= m_middleOf.size() || m_middleOf[id] == NO_MIDDLE)
    {
        throw std::logic_error("ClosTopology::Disconnect: circuit " + std::to_string(id) +
                               " is not routed");
    }
    const auto middle = static_cast<uint32_t>(m_middleOf[id]);
    const size_t up = Link(EdgeOf(m_srcOf[id]), middle);
    const size_t down = Link(EdgeOf(m_dstOf[id]), middle);
    --m_upLoad[up];
    --m_downLoad[down];
    m_upFreeAt[up] = std::max(m_upFreeAt[up], freeAt);
    m_downFreeAt[down] = std::max(m_downFreeAt[down], freeAt);
    m_middleOf[id] = NO_MIDDLE;
    --m_circuits;
}

int64_t
ClosTopology::GetMiddle(uint32_t id) const
{
    return id < m_middleOf.size() ? m_middleOf[id] : NO_MIDDLE;
}

uint64_t
ClosTopology::GetNCircuits() const
{
    return m_circuits;
}

uint32_t
ClosTopology::GetUpLoad(uint32_t edge, uint32_t middle) const
{
    return m_upLoad[Link(edge, middle)];
}

uint32_t
ClosTopology::GetDownLoad(uint32_t middle, uint32_t edge) const
{
    return m_downLoad[Link(edge, middle)];
}

std::vector<uint32_t>
ClosTopology::RoutePermutation(uint32_t middles,
                               uint32_t edges,
                               const std::vector<std::pair<uint32_t, uint32_t>>& pairs)
{
    constexpr int64_t NONE = -1;
    // atIn[u * m + c]: the pair coloured c at ingress u; atOut the same at egress v.
    std::vector<int64_t> atIn(static_cast<size_t>(edges) * middles, NONE);
    std::vector<int64_t> atOut(static_cast<size_t>(edges) * middles, NONE);
    std::vector<uint32_t> colour(pairs.size(), 0);
    auto freeColour = [middles](const std::vector<int64_t>& at, uint32_t node) -> int64_t {
        for (uint32_t c = 0; c < middles; ++c)
        {
            if (at[static_cast<size_t>(node) * middles + c] == NONE)
            {
                return c;
            }
        }
        return NONE;
    };
    for (size_t e = 0; e < pairs.size(); ++e)
    {
        const auto [u, v] = pairs[e];
        if (u >= edges || v >= edges)
        {
            throw std::invalid_argument("ClosTopology::RoutePermutation: a pair names a switch "
                                        "beyond the " +
                                        std::to_string(edges) + " edge switches");
        }
        const int64_t a = freeColour(atIn, u);
        const int64_t b = freeColour(atOut, v);
        if (a == NONE || b == NONE)
        {
            return {}; // a switch with more than m circuits: no routing exists
        }
        if (atOut[static_cast<size_t>(v) * middles + a] != NONE)
        {
            // Free a at v: swap a and b along the path from v that alternates a (into an
            // ingress) and b (into an egress). It cannot reach u, which has no a (König).
            std::vector<size_t> path;
            uint32_t node = v;
            bool atEgress = true;
            while (true)
            {
                const int64_t want = atEgress ? a : b;
                const auto& at = atEgress ? atOut : atIn;
                const int64_t next = at[static_cast<size_t>(node) * middles + want];
                if (next == NONE)
                {
                    break;
                }
                path.push_back(static_cast<size_t>(next));
                node = atEgress ? pairs[next].first : pairs[next].second;
                atEgress = !atEgress;
            }
            for (size_t p : path)
            {
                atIn[static_cast<size_t>(pairs[p].first) * middles + colour[p]] = NONE;
                atOut[static_cast<size_t>(pairs[p].second) * middles + colour[p]] = NONE;
            }
            for (size_t p : path)
            {
                colour[p] = colour[p] == a ? b : a;
                atIn[static_cast<size_t>(pairs[p].first) * middles + colour[p]] = p;
                atOut[static_cast<size_t>(pairs[p].second) * middles + colour[p]] = p;
            }
        }
        colour[e] = a;
        atIn[static_cast<size_t>(u) * middles + a] = e;
        atOut[static_cast<size_t>(v) * middles + a] = e;
    }
    return colour;
}

} // namespace ns3
