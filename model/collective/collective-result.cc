/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-result.h"

#include <cstdio>

namespace ns3
{

std::string
CollectiveResult::ToString(Status s)
{
    switch (s)
    {
    case Status::COMPLETE:
        return "COMPLETE";
    case Status::FAILED:
        return "FAILED";
    case Status::RECOVERED:
        return "RECOVERED";
    }
    return "?";
}

std::string
CollectiveResult::TableHeader()
{
    char line[256];
    std::snprintf(line,
                  sizeof(line),
                  "#%11s %12s %8s %6s %12s %9s %9s",
                  "size",
                  "count",
                  "type",
                  "redop",
                  "time",
                  "algbw",
                  "busbw");
    std::string units(line);
    std::snprintf(line,
                  sizeof(line),
                  "\n#%11s %12s %8s %6s %12s %9s %9s",
                  "(B)",
                  "(elements)",
                  "",
                  "",
                  "(us)",
                  "(GB/s)",
                  "(GB/s)");
    return units + line;
}

uint64_t
CollectiveResult::GetCount() const
{
    // nccl-tests' getCollByteCount (src/all_gather.cu, reduce_scatter.cu, alltoall.cu): the
    // count of these collectives is each rank's share, count / nranks (nccl-tests rounds it
    // down to 16 bytes; a size this module accepts is already a multiple of 4 x ranks).
    const bool perRank =
        collective == "all_gather" || collective == "reduce_scatter" || collective == "all_to_all";
    const uint64_t elements = bytes / 4;
    return perRank && ranks > 0 ? elements / ranks : elements;
}

std::string
CollectiveResult::TableRow() const
{
    const bool reduces = collective == "all_reduce" || collective == "reduce_scatter";
    char line[256];
    std::snprintf(line,
                  sizeof(line),
                  " %11llu %12llu %8s %6s %12.2f %9.2f %9.2f",
                  static_cast<unsigned long long>(bytes),
                  static_cast<unsigned long long>(GetCount()),
                  "float",
                  reduces ? "sum" : "none",
                  time.GetSeconds() * 1e6,
                  algbw,
                  busbw);
    return line;
}

} // namespace ns3
