/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * libFuzzer target: a collective request as a user writes it (the Collective and Algorithm
 * attribute strings, ranks, size, chunk, channels, root). CreateCollectiveSchedule must either
 * refuse it with std::invalid_argument or build a schedule whose every op is well formed:
 * peers in range and not self, dependencies on earlier receives of the same rank, and every
 * send matched by exactly one receive (same pair, same tag).
 *
 * Input: 12 bytes of numbers, then "collective/algorithm" text.
 */

#include "collective-schedule.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

namespace
{
void
Require(bool ok, const char* what)
{
    if (!ok)
    {
        std::fprintf(stderr, "fuzz-collective-request: %s\n", what);
        std::abort();
    }
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 12)
    {
        return 0;
    }
    ns3::CollectiveRequest r;
    r.ranks = data[0] % 40;       // 0 (invalid) ... 39
    r.ncclChannels = data[1] % 5; // 0 (invalid) ... 4
    r.root = data[2] % 48;        // sometimes out of range
    r.bytes = (uint64_t{data[3]} << 16 | uint64_t{data[4]} << 8 | data[5]) * (data[6] % 2 ? 4 : 1);
    r.chunkBytes = uint64_t{data[7]} << 8 | data[8];
    if (data[9] % 4 == 0)
    {
        r.chunkBytes = 0;
    }
    const std::string text(reinterpret_cast<const char*>(data + 12), size - 12);
    const size_t slash = text.find('/');
    r.collective = text.substr(0, slash);
    r.algorithm = slash == std::string::npos ? "" : text.substr(slash + 1);
    if (r.chunkBytes != 0 && r.bytes / r.chunkBytes > 512)
    {
        return 0; // keep one input fast: at most ~512 chunks
    }

    std::unique_ptr<ns3::CollectiveSchedule> s;
    try
    {
        s = ns3::CreateCollectiveSchedule(r);
    }
    catch (const std::invalid_argument&)
    {
        return 0; // refused, with a message: fine
    }
    Require(s != nullptr, "no schedule and no exception");
    Require(s->GetNRanks() == r.ranks, "rank count changed");
    // (sender, receiver, tag) -> sends minus receives
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, int64_t> balance;
    for (uint32_t rank = 0; rank < r.ranks; ++rank)
    {
        const uint64_t n = s->GetNOps(rank);
        Require(n < 1000000, "too many ops");
        for (uint64_t i = 0; i < n; ++i)
        {
            const ns3::CollectiveOp op = s->GetOp(rank, i);
            Require(op.peer < r.ranks, "peer out of range");
            Require(op.peer != rank, "message to self");
            Require(op.count >= 1 && op.segment + op.count <= s->GetNSegments(),
                    "segment out of range");
            for (int64_t d : op.deps)
            {
                Require(d == ns3::CollectiveOp::NONE || (d >= 0 && static_cast<uint64_t>(d) < i),
                        "dependency not on an earlier op");
                if (d != ns3::CollectiveOp::NONE)
                {
                    Require(s->GetOp(rank, static_cast<uint64_t>(d)).kind ==
                                ns3::CollectiveOp::Kind::RECV,
                            "dependency on a send");
                }
            }
            if (op.kind == ns3::CollectiveOp::Kind::SEND)
            {
                ++balance[{rank, op.peer, op.tag}];
            }
            else
            {
                --balance[{op.peer, rank, op.tag}];
            }
        }
    }
    for (const auto& [key, b] : balance)
    {
        Require(b == 0, "a send without its receive, or a receive without its send");
    }
    return 0;
}
