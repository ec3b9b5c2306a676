/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "example-arguments.h"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

namespace ns3
{

namespace
{
/// Program name for the terminate handler.
std::string g_program = "scale-across";

/// Replaces std::terminate's abort: ns-3 has already printed and flushed its message.
[[noreturn]] void
ExitInsteadOfAbort()
{
    if (std::exception_ptr e = std::current_exception())
    {
        try
        {
            std::rethrow_exception(e);
        }
        catch (const std::exception& x)
        {
            std::cerr << g_program << ": " << x.what() << std::endl;
        }
        catch (...)
        {
            std::cerr << g_program << ": unknown exception" << std::endl;
        }
    }
    std::cerr.flush();
    std::_Exit(EXIT_FAILURE);
}
} // namespace

bool
ExampleArguments::ParseUnsigned(const std::string& text, uint64_t max, uint64_t& value)
{
    if (text.empty() || text.size() > 20)
    {
        return false;
    }
    uint64_t v = 0;
    for (char c : text)
    {
        if (c < '0' || c > '9')
        {
            return false;
        }
        const auto digit = static_cast<uint64_t>(c - '0');
        if (v > (std::numeric_limits<uint64_t>::max() - digit) / 10)
        {
            return false; // overflows 64 bits
        }
        v = v * 10 + digit;
    }
    if (v > max)
    {
        return false;
    }
    value = v;
    return true;
}

std::vector<std::string>
ExampleArguments::SplitList(const std::string& list)
{
    std::vector<std::string> items;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

void
ExampleArguments::CheckUnsigned(int argc,
                                char* argv[],
                                const std::string& program,
                                const std::vector<std::pair<std::string, uint64_t>>& options)
{
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        for (const auto& [name, max] : options)
        {
            const std::string flag = "--" + name;
            std::string value;
            if (arg.compare(0, flag.size() + 1, flag + "=") == 0)
            {
                value = arg.substr(flag.size() + 1);
            }
            else if (arg == flag && i + 1 < argc)
            {
                value = argv[i + 1];
            }
            else
            {
                continue;
            }
            uint64_t parsed = 0;
            if (!ParseUnsigned(value, max, parsed))
            {
                Fail(program,
                     flag + "=" + value + " is invalid: use a whole number 0 ... " +
                         std::to_string(max) + " (digits only)");
            }
        }
    }
}

bool
ExampleArguments::IsGiven(int argc, char* argv[], const std::string& name)
{
    const std::string flag = "--" + name;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == flag || arg.compare(0, flag.size() + 1, flag + "=") == 0)
        {
            return true;
        }
    }
    return false;
}

void
ExampleArguments::CheckOutputFolder(const std::string& program,
                                    const std::string& option,
                                    const std::string& folder)
{
    const std::string given = "--" + option + "=" + folder;
    if (folder.empty())
    {
        Fail(program, given + " is invalid: name a folder");
    }
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error || !std::filesystem::is_directory(folder))
    {
        Fail(program,
             given + " is invalid: the folder cannot be created (" +
                 (error ? error.message() : std::string("not a folder")) +
                 "); name a folder you can write to");
    }
    const std::string probe = folder + "/.write-test";
    bool writable = false;
    {
        std::ofstream out(probe);
        writable = static_cast<bool>(out << "x");
    }
    std::remove(probe.c_str());
    if (!writable)
    {
        Fail(program,
             given + " is invalid: the folder is not writable; name a folder you can " +
                 "write to");
    }
}

void
ExampleArguments::ExitOnFatalError(const std::string& program)
{
    g_program = program;
    std::set_terminate(&ExitInsteadOfAbort);
}

void
ExampleArguments::Fail(const std::string& program, const std::string& message)
{
    std::cerr << program << ": " << message << std::endl;
    std::exit(EXIT_FAILURE);
}

double
ExampleArguments::ParseNumber(const std::string& program,
                              const std::string& option,
                              const std::string& text,
                              double min,
                              double max)
{
    char* end = nullptr;
    const double v = text.empty() ? 0 : std::strtod(text.c_str(), &end);
    if (text.empty() || end == nullptr || *end != '\0' || !(v >= min && v <= max))
    {
        std::ostringstream valid;
        valid << min << " ... " << max;
        Fail(program, "--" + option + "=" + text + " is invalid: use a number in " + valid.str());
    }
    return v;
}

} // namespace ns3
