/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-build-lists: CMakeLists.txt (ns-3.36+ and standalone) and wscript (waf,
 * ns-3 up to 3.35) list the same sources, headers, test sources and examples (each example
 * with the same source files), and every listed file exists.
 */

#include "ns3/test.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace ns3;

namespace
{

/// @return the module's root folder, from this file's own path
std::string
ModuleRoot()
{
    std::string here = __FILE__;
    for (int up = 0; up < 3; ++up)
    {
        here = here.substr(0, here.find_last_of('/'));
    }
    return here;
}

/// @return the text of a file of the module, or "" if it cannot be read
std::string
Slurp(const std::string& relative)
{
    std::ifstream in(ModuleRoot() + "/" + relative);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// @return the file names of every CMake list "set(<folder>_<kind> ...)" of this kind
/// (SOURCES, HEADERS or TESTS), over all folders
std::set<std::string>
CMakeLists(const std::string& text, const std::string& kind)
{
    std::set<std::string> files;
    const std::regex block("set\\((\\w+)_" + kind + "\\s([^)]*)\\)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), block);
         it != std::sregex_iterator();
         ++it)
    {
        std::istringstream lines((*it)[2].str());
        std::string token;
        while (lines >> token)
        {
            files.insert(token);
        }
    }
    return files;
}

/// @return the quoted file names of a Python list assigned to NAME in a wscript
std::set<std::string>
WafList(const std::string& text, const std::string& name)
{
    std::set<std::string> files;
    const size_t start = text.find(name + " = [");
    if (start == std::string::npos)
    {
        return files;
    }
    const size_t end = text.find(']', start);
    const std::string list = text.substr(start, end - start);
    const std::regex quoted("'([^']+)'");
    for (auto it = std::sregex_iterator(list.begin(), list.end(), quoted);
         it != std::sregex_iterator();
         ++it)
    {
        files.insert((*it)[1]);
    }
    return files;
}

/// @return "a b c"
std::string
Join(const std::set<std::string>& s)
{
    std::string out;
    for (const auto& x : s)
    {
        out += (out.empty() ? "" : " ") + x;
    }
    return out;
}

/// An example's name and its source files
using Examples = std::map<std::string, std::set<std::string>>;

/// @return "name: a b; name2: c"
std::string
Join(const Examples& examples)
{
    std::string out;
    for (const auto& [name, sources] : examples)
    {
        out += (out.empty() ? "" : "; ") + name + ": " + Join(sources);
    }
    return out;
}

/// @return the examples of an examples/CMakeLists.txt: every build_lib_example's NAME and
/// the words after SOURCE_FILES, up to the next keyword
Examples
CMakeExamples(const std::string& text)
{
    Examples examples;
    const std::regex call("build_lib_example\\(([^)]*)\\)");
    const std::set<std::string> keywords = {"NAME",
                                            "SOURCE_FILES",
                                            "HEADER_FILES",
                                            "LIBRARIES_TO_LINK",
                                            "IGNORE_PCH"};
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator();
         ++it)
    {
        std::istringstream words((*it)[1].str());
        std::string word;
        std::string keyword;
        std::string name;
        std::set<std::string> sources;
        while (words >> word)
        {
            if (keywords.count(word))
            {
                keyword = word;
            }
            else if (keyword == "NAME")
            {
                name = word;
            }
            else if (keyword == "SOURCE_FILES")
            {
                sources.insert(word);
            }
        }
        examples[name] = sources;
    }
    return examples;
}

/// @return the examples of an examples/wscript: every create_ns3_program('name', ...) and the
/// quoted file names of the "obj.source = ..." (one name or a list) that follows it
Examples
WafExamples(const std::string& text)
{
    Examples examples;
    const std::regex program("create_ns3_program\\(\\s*'([^']+)'[^)]*\\)" // the program's name
                             "\\s*obj\\.source\\s*=\\s*(\\[[^\\]]*\\]|'[^']*')"); // its sources
    const std::regex quoted("'([^']+)'");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), program);
         it != std::sregex_iterator();
         ++it)
    {
        const std::string list = (*it)[2].str();
        std::set<std::string>& sources = examples[(*it)[1].str()];
        for (auto q = std::sregex_iterator(list.begin(), list.end(), quoted);
             q != std::sregex_iterator();
             ++q)
        {
            sources.insert((*q)[1]);
        }
    }
    return examples;
}

/// The lists agree and name real files.
class BuildListsTestCase : public TestCase
{
  public:
    BuildListsTestCase()
        : TestCase("CMakeLists.txt and wscript list the same files, and they exist")
    {
    }

  private:
    void DoRun() override
    {
        const std::string cmake = Slurp("CMakeLists.txt");
        const std::string waf = Slurp("wscript");
        NS_TEST_ASSERT_MSG_NE(cmake.size(), 0, "cannot read " << ModuleRoot() << "/CMakeLists.txt");
        NS_TEST_ASSERT_MSG_NE(waf.size(), 0, "cannot read " << ModuleRoot() << "/wscript");
        const std::pair<const char*, const char*> pairs[] = {
            {"SOURCES", "module.source"},
            {"HEADERS", "headers.source"},
            {"TESTS", "module_test.source"},
        };
        for (const auto& [cm, wf] : pairs)
        {
            const auto a = CMakeLists(cmake, cm);
            const auto b = WafList(waf, wf);
            NS_TEST_ASSERT_MSG_GT(a.size(), 0, cm << " is empty or unreadable");
            NS_TEST_EXPECT_MSG_EQ(Join(a),
                                  Join(b),
                                  "CMakeLists.txt " << cm << " vs wscript " << wf);
            for (const auto& f : a)
            {
                NS_TEST_EXPECT_MSG_EQ(std::ifstream(ModuleRoot() + "/" + f).good(),
                                      true,
                                      f << " is listed but does not exist");
            }
        }
        // Examples: the same programs, each from the same sources, in both; the sources exist.
        const auto cmakeExamples = CMakeExamples(Slurp("examples/CMakeLists.txt"));
        const auto wafExamples = WafExamples(Slurp("examples/wscript"));
        NS_TEST_ASSERT_MSG_GT(cmakeExamples.size(), 0, "no examples in examples/CMakeLists.txt");
        NS_TEST_EXPECT_MSG_EQ(Join(cmakeExamples), Join(wafExamples), "examples differ");
        for (const auto& [name, sources] : cmakeExamples)
        {
            for (const auto& f : sources)
            {
                NS_TEST_EXPECT_MSG_EQ(std::ifstream(ModuleRoot() + "/examples/" + f).good(),
                                      true,
                                      "examples/" << f << " (of " << name
                                                  << ") is listed but does not exist");
            }
        }
    }
};

/// The suite.
class BuildListsTestSuite : public TestSuite
{
  public:
    BuildListsTestSuite()
        : TestSuite("scale-across-build-lists", TestSuite::Type::UNIT)
    {
        AddTestCase(new BuildListsTestCase());
    }
};

/// Static instance registering the suite.
BuildListsTestSuite g_buildListsTestSuite;

} // namespace
