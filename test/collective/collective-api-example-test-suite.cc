/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-api-example: the example of doc/scale-across.rst, "The non-blocking
 * API", compiles and does what the doc says. The code between the BEGIN and END markers below
 * is the doc's code block, line for line (the suite compares them): three communicators on
 * subsets of eight devices (two groups of four, one of two across them) on one static fabric
 * planned with CollectiveCircuitHelper::AddStaticCircuits, operations issued with per-rank
 * delays (IssueAll, IssueAt), RankComplete and OperationComplete traces.
 */

#include "../collective-test-fixture.h"

#include "ns3/collective-circuit-helper.h"
#include "ns3/collective-helper.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <iostream>
#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

// BEGIN doc example
/// RankComplete sink: one rank's part of an operation.
void
RankDone(uint32_t sequence, uint32_t rank, Time start, Time end)
{
    std::cout << "operation " << sequence << ": rank " << rank << " took "
              << (end - start).As(Time::US) << "\n";
}

/// OperationComplete sink: an operation finished on every rank of a group.
void
OperationDone(std::string group, const CollectiveResult& r)
{
    std::cout << group << ": " << r.collective << " " << r.sequence << " took "
              << r.time.As(Time::US) << "\n";
}

/// Three groups of ranks on one fabric, each issuing its own collectives.
std::vector<Ptr<CollectiveCommunicator>>
BuildAndIssue()
{
    // Eight GPUs: two tensor-parallel groups of four, and a data-parallel group that joins
    // the first rank of each.
    NodeContainer nodes;
    nodes.Create(8);
    const std::vector<std::vector<uint32_t>> groups = {{0, 1, 2, 3}, {4, 5, 6, 7}, {0, 4}};

    // One static fabric for all three: the circuits each group's ring needs, on its ports.
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
    Ptr<StaticCircuitScheduler> circuits = CreateObject<StaticCircuitScheduler>();
    for (const auto& group : groups)
    {
        CollectiveCircuitHelper(nccl).AddStaticCircuits(circuits, group, 1 << 20);
    }
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(circuits->GetLanesNeeded()));
    fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(1));
    fabric.SetCircuitScheduler(circuits);
    NetDeviceContainer devices = fabric.Install(nodes);

    // A communicator per group, over its devices (rank r = the group's r-th device).
    std::vector<Ptr<CollectiveCommunicator>> comms;
    for (const auto& group : groups)
    {
        NetDeviceContainer members;
        for (uint32_t node : group)
        {
            members.Add(devices.Get(node));
        }
        comms.push_back(nccl.Install(members));
        comms.back()->TraceConnectWithoutContext(
            "OperationComplete",
            MakeBoundCallback(&OperationDone, "group " + std::to_string(comms.size() - 1)));
    }
    comms[0]->TraceConnectWithoutContext("RankComplete", MakeCallback(&RankDone));

    // Non-blocking calls. Both groups of four all-reduce 1 MiB at once; rank 2 of group 0
    // comes 5 us late and holds its ring back. Group 2 all-gathers 1 MiB, each of its ranks
    // when it gets there.
    CollectiveCall allReduce;
    allReduce.bytes = 1 << 20;
    comms[0]->IssueAll(allReduce, {Seconds(0), Seconds(0), MicroSeconds(5), Seconds(0)});
    comms[1]->IssueAll(allReduce);
    CollectiveCall allGather;
    allGather.bytes = 1 << 20;
    allGather.collective = "all_gather";
    comms[2]->IssueAt(MicroSeconds(20), 0, allGather);
    comms[2]->IssueAt(MicroSeconds(30), 1, allGather);
    return comms;
}

// END doc example

/// @param text a line @return it without leading and trailing blanks
std::string
Trim(const std::string& text)
{
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
    {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// @return the module's root folder, from this file's own path
std::string
ModuleRoot()
{
    std::string here = __FILE__;
    return here.substr(0, here.rfind("/test/"));
}

/// The doc's code block is this file's example, line for line.
class DocMatchesTestCase : public TestCase
{
  public:
    DocMatchesTestCase()
        : TestCase("the doc shows the code this suite compiles")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::string> code;
        std::ifstream self(__FILE__);
        bool inside = false;
        for (std::string line; std::getline(self, line);)
        {
            if (Trim(line) == "// END doc example")
            {
                break;
            }
            if (inside && !Trim(line).empty())
            {
                code.push_back(Trim(line));
            }
            inside = inside || Trim(line) == "// BEGIN doc example";
        }
        NS_TEST_ASSERT_MSG_GT(code.size(), 10, "the example found in " << __FILE__);

        // The doc's block: the indented lines after the paragraph that names this suite.
        std::ifstream doc(ModuleRoot() + "/doc/scale-across.rst");
        NS_TEST_ASSERT_MSG_EQ(doc.good(), true, "doc/scale-across.rst found");
        std::vector<std::string> block;
        bool found = false;
        for (std::string line; std::getline(doc, line);)
        {
            if (!found)
            {
                found = line.find(".. scale-across-collective-api-example") == 0;
                continue;
            }
            if (!line.empty() && line[0] != ' ')
            {
                if (!block.empty())
                {
                    break;
                }
                continue;
            }
            if (!Trim(line).empty() && Trim(line) != "::")
            {
                block.push_back(Trim(line));
            }
        }
        NS_TEST_ASSERT_MSG_EQ(found, true, "the doc marks its block for this suite");
        NS_TEST_ASSERT_MSG_EQ(block.size(), code.size(), "as many lines in the doc as here");
        for (size_t i = 0; i < code.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(block[i], code[i], "line " << i + 1 << " of the example");
        }
    }
};

/// The example runs and does what the doc says.
class RunsTestCase : public TestCase
{
  public:
    RunsTestCase()
        : TestCase("the example runs: three groups, a straggler, traces")
    {
    }

  private:
    void DoRun() override
    {
        std::ostringstream printed;
        std::streambuf* saved = std::cout.rdbuf(printed.rdbuf());
        std::vector<Ptr<CollectiveCommunicator>> comms = BuildAndIssue();
        Simulator::Run();
        std::cout.rdbuf(saved);

        for (size_t g = 0; g < comms.size(); ++g)
        {
            NS_TEST_ASSERT_MSG_EQ(comms[g]->GetResults().size(), 1, "group " << g);
        }
        // Group 1 runs alone on its lanes: the ring's closed form on one wavelength.
        const Time ring = RingClosedForm(6, 1, (1 << 20) / 4.0, 1.6e12 / 8, DefaultAlpha());
        const CollectiveResult& g0 = comms[0]->GetResults()[0];
        const CollectiveResult& g1 = comms[1]->GetResults()[0];
        const CollectiveResult& g2 = comms[2]->GetResults()[0];
        NS_TEST_EXPECT_MSG_EQ_TOL(g1.time.GetSeconds(),
                                  ring.GetSeconds(),
                                  ring.GetSeconds() * 1e-3 + 6e-9,
                                  "group 1: the ring's closed form");
        NS_TEST_EXPECT_MSG_GT(g0.time, g1.time + MicroSeconds(4), "the straggler delays group 0");
        NS_TEST_EXPECT_MSG_EQ(g0.start, Seconds(0), "from the first issue");
        NS_TEST_EXPECT_MSG_EQ(g2.collective, "all_gather", "group 2 gathers");
        NS_TEST_EXPECT_MSG_EQ(g2.start, MicroSeconds(20), "from its first rank's issue");
        NS_TEST_EXPECT_MSG_GT(g2.time, MicroSeconds(10), "after its second rank's issue");

        std::istringstream lines(printed.str());
        uint32_t rankLines = 0;
        uint32_t groupLines = 0;
        for (std::string line; std::getline(lines, line);)
        {
            rankLines += line.find("operation 0: rank ") == 0 ? 1 : 0;
            groupLines += line.find("group ") == 0 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(rankLines, 4, "RankComplete once per rank of group 0");
        NS_TEST_EXPECT_MSG_EQ(groupLines, 3, "OperationComplete once per group");
        Simulator::Destroy();
    }
};

/// The suite.
class CollectiveApiExampleTestSuite : public TestSuite
{
  public:
    CollectiveApiExampleTestSuite()
        : TestSuite("scale-across-collective-api-example", TestSuite::Type::UNIT)
    {
        AddTestCase(new DocMatchesTestCase());
        AddTestCase(new RunsTestCase());
    }
};

/// Static instance registering the suite.
CollectiveApiExampleTestSuite g_collectiveApiExampleTestSuite;

} // namespace
