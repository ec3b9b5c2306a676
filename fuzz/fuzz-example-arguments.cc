/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * libFuzzer target: the command-line values the examples check themselves
 * (ExampleArguments::ParseUnsigned, ExampleArguments::SplitList). ParseUnsigned must accept
 * exactly the plain decimals within the bound and give back their value; SplitList must return
 * the non-empty comma-separated items, which joined with commas give back the input without
 * its empty items.
 */

#include "example-arguments.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace
{
void
Require(bool ok, const char* what)
{
    if (!ok)
    {
        std::fprintf(stderr, "fuzz-example-arguments: %s\n", what);
        std::abort();
    }
}
} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    const uint64_t max = size > 0 ? (uint64_t{1} << (data[0] % 64)) : 0;

    uint64_t value = 12345;
    const bool ok = ns3::ExampleArguments::ParseUnsigned(text, max, value);
    bool digits = !text.empty() && text.size() <= 20;
    for (char c : text)
    {
        digits = digits && c >= '0' && c <= '9';
    }
    if (ok)
    {
        Require(digits, "accepted something that is not a plain decimal");
        Require(value <= max, "accepted a value above the bound");
        Require(std::to_string(value) ==
                    text.substr(text.find_first_not_of('0') == std::string::npos
                                    ? text.size() - 1
                                    : text.find_first_not_of('0')),
                "value does not read back as the text");
    }
    else
    {
        Require(value == 12345, "a refused value was written");
        if (digits && text.size() < 20)
        {
            Require(std::strtoull(text.c_str(), nullptr, 10) > max,
                    "refused a plain decimal within the bound");
        }
    }

    std::string joined;
    for (const std::string& item : ns3::ExampleArguments::SplitList(text))
    {
        Require(!item.empty() && item.find(',') == std::string::npos, "bad item");
        joined += joined.empty() ? item : "," + item;
    }
    std::string expected;
    size_t start = 0;
    while (start <= text.size())
    {
        const size_t comma = text.find(',', start);
        const std::string item =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty())
        {
            expected += expected.empty() ? item : "," + item;
        }
        if (comma == std::string::npos)
        {
            break;
        }
        start = comma + 1;
    }
    Require(joined == expected, "SplitList lost or invented text");
    return 0;
}
