/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_EXAMPLE_ARGUMENTS_H
#define SCALE_ACROSS_EXAMPLE_ARGUMENTS_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @brief What the module's example programs do with their command line so that bad input
 * ends with one line on stderr and exit status 1, never a crash.
 *
 * Not part of the library (nor of its installed headers): examples/CMakeLists.txt and
 * examples/wscript compile example-arguments.cc into each example that uses it, and
 * scripts/fuzz.sh into fuzz/fuzz-example-arguments.cc.
 *
 * ns-3's CommandLine reads "--ranks=-1" into a uint32_t as 4294967295 and "--minBytes=1e3" as
 * 1; CheckUnsigned refuses both before CommandLine::Parse runs. NS_FATAL_ERROR (a bad
 * attribute deep in the model) ends in std::terminate, which aborts and may dump core;
 * ExitOnFatalError turns that into exit status 1 after ns-3 has printed its one-line message.
 *
 * @code
 *   ExampleArguments::ExitOnFatalError("my-example");
 *   ExampleArguments::CheckUnsigned(argc, argv, "my-example", {{"ranks", 65536}});
 *   cmd.Parse(argc, argv);
 * @endcode
 */
class ExampleArguments
{
  public:
    /**
     * @brief Parse a plain unsigned decimal (digits only: no sign, no exponent, no spaces).
     * @param text the text
     * @param max the largest value accepted
     * @param value set on success
     * @return true if text is such a number and <= max
     */
    static bool ParseUnsigned(const std::string& text, uint64_t max, uint64_t& value);

    /**
     * @param list comma-separated items
     * @return the non-empty items, in order
     */
    static std::vector<std::string> SplitList(const std::string& list);

    /**
     * @brief Stop with one line and status 1 if an option named in options is given a value
     * that is not a plain unsigned decimal within its bounds ("--name=value" or
     * "--name value").
     * @param argc main's argc
     * @param argv main's argv
     * @param program name printed first
     * @param options (option name, largest valid value)
     */
    static void CheckUnsigned(int argc,
                              char* argv[],
                              const std::string& program,
                              const std::vector<std::pair<std::string, uint64_t>>& options);

    /**
     * @brief From now on, std::terminate (which NS_FATAL_ERROR and NS_ABORT_MSG call after
     * printing their message) exits with status 1 instead of aborting; an uncaught exception
     * prints its what() first.
     * @param program name printed before an exception's message
     */
    static void ExitOnFatalError(const std::string& program);

    /**
     * @param argc main's argc
     * @param argv main's argv
     * @param name an option's name, without the dashes
     * @return true if the command line gives it ("--name=value", "--name value" or "--name")
     */
    static bool IsGiven(int argc, char* argv[], const std::string& name);

    /**
     * @brief Stop with one line and status 1 unless the folder exists, or can be created,
     * and a file can be written in it: checked before a run, not after it.
     * @param program name printed first
     * @param option the option that names the folder (e.g. "outputDir")
     * @param folder the folder
     */
    static void CheckOutputFolder(const std::string& program,
                                  const std::string& option,
                                  const std::string& folder);

    /**
     * @brief Print "program: message" on stderr and exit with status 1.
     * @param program the program
     * @param message what is wrong and what would be valid
     */
    [[noreturn]] static void Fail(const std::string& program, const std::string& message);

    /**
     * @brief A decimal number within bounds (the whole text must be one finite number), or
     * the example's one line and status 1.
     * @param program name printed first
     * @param option the option's name, without the dashes
     * @param text its value
     * @param min smallest valid
     * @param max largest valid
     * @return the number
     */
    static double ParseNumber(const std::string& program,
                              const std::string& option,
                              const std::string& text,
                              double min,
                              double max);
};

} // namespace ns3

#endif /* SCALE_ACROSS_EXAMPLE_ARGUMENTS_H */
