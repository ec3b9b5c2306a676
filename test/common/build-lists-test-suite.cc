/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-build-lists: CMakeLists.txt (ns-3.36+ and standalone) and wscript (waf,
 * ns-3 up to 3.35) list the same sources, headers, test sources and examples, and every
 * listed file exists.
 */

#include "ns3/test.h"

#include <fstream>
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
        std::set<std::string> wafExamples;
        const std::string exWaf = Slurp("examples/wscript");
        const std::regex src("source\\s*=\\s*'([^']+)'");
        for (auto it = std::sregex_iterator(exWaf.begin(), exWaf.end(), src);
             it != std::sregex_iterator();
             ++it)
        {
            wafExamples.insert((*it)[1]);
        }
        std::set<std::string> allCmakeExamples;
        const std::string exCmake = Slurp("examples/CMakeLists.txt");
        const std::regex cmakeSrc("SOURCE_FILES\\s+([^\\s)]+)");
        for (auto it = std::sregex_iterator(exCmake.begin(), exCmake.end(), cmakeSrc);
             it != std::sregex_iterator();
             ++it)
        {
            allCmakeExamples.insert((*it)[1]);
        }
        NS_TEST_ASSERT_MSG_GT(allCmakeExamples.size(), 0, "no examples in examples/CMakeLists.txt");
        NS_TEST_EXPECT_MSG_EQ(Join(allCmakeExamples), Join(wafExamples), "examples differ");
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
