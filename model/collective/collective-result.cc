/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-result.h"

#include <cstdio>

namespace ns3
{

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

std::string
CollectiveResult::TableRow() const
{
    const bool reduces = collective == "all_reduce" || collective == "reduce_scatter";
    char line[256];
    std::snprintf(line,
                  sizeof(line),
                  " %11llu %12llu %8s %6s %12.2f %9.2f %9.2f",
                  static_cast<unsigned long long>(bytes),
                  static_cast<unsigned long long>(bytes / 4),
                  "float",
                  reduces ? "sum" : "none",
                  time.GetSeconds() * 1e6,
                  algbw,
                  busbw);
    return line;
}

} // namespace ns3
