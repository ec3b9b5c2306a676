/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "trace-paths-fixture.h"

#include "ns3/collective-helper.h"

namespace ns3
{
namespace scale_across_test
{

namespace
{

/// @param type a TypeId @param source a trace source name
/// @param info set to the source's information @return the TypeId declaring it, or type
/// itself with info.name empty if neither it nor a parent has that source
TypeId
DeclaringTypeId(TypeId type, const std::string& source, TypeId::TraceSourceInformation& info)
{
    for (TypeId t = type;; t = t.GetParent())
    {
        for (size_t i = 0; i < t.GetTraceSourceN(); ++i)
        {
            if (t.GetTraceSource(i).name == source)
            {
                info = t.GetTraceSource(i);
                return t;
            }
        }
        if (!t.HasParent() || t.GetParent() == t)
        {
            break;
        }
    }
    info = TypeId::TraceSourceInformation();
    return type;
}

/// @return the names of the domains' trace-paths suites, filled as each is built
std::set<std::string>&
TracePathsSuites()
{
    static std::set<std::string> suites; // built on first use: suites register at load time
    return suites;
}

/// Every trace source a domain's suite answers for has a probe, and fired in one of its runs.
class CoverageTestCase : public TestCase
{
  public:
    /// @param suite the suite @param coverage filled by its cases that ran before
    CoverageTestCase(const std::string& suite, const Coverage& coverage)
        : TestCase("every trace source " + suite +
                   " answers for is connected by path and fires in a run above"),
          m_suite(suite),
          m_coverage(coverage)
    {
    }

  private:
    void DoRun() override
    {
        const std::set<std::string> declared = DeclaredTraceSources();
        NS_TEST_ASSERT_MSG_NE(declared.size(), 0, "no trace source found in group ScaleAcross");
        std::set<std::string> owned;
        for (const auto& [source, suite] : TraceSourceSuites())
        {
            if (suite == m_suite)
            {
                owned.insert(source);
            }
        }
        NS_TEST_ASSERT_MSG_NE(owned.size(), 0, "no row of TraceSourceSuites names " << m_suite);
        NS_TEST_EXPECT_MSG_EQ(Missing(owned, m_coverage.connected),
                              "",
                              "trace sources without a probe: add one to Probes, a run that "
                              "fires it, and its row in doc/scale-across.rst");
        NS_TEST_EXPECT_MSG_EQ(Missing(owned, m_coverage.fired),
                              "",
                              "trace sources no run saw fire as often as expected");
        NS_TEST_EXPECT_MSG_EQ(Missing(m_coverage.connected, declared),
                              "",
                              "probes on sources outside the group ScaleAcross");
    }

    const std::string m_suite;  //!< the suite
    const Coverage& m_coverage; //!< what its runs covered
};

} // namespace

std::string
NicContext(uint32_t node, const std::string& source)
{
    return "/NodeList/" + std::to_string(node) + "/DeviceList/0/$ns3::OpticalNetDevice/" + source;
}

std::string
TransportContext(uint32_t node, const std::string& source)
{
    return "/NodeList/" + std::to_string(node) + "/$ns3::CollectiveTransport/" + source;
}

std::string
Join(const std::vector<uint32_t>& v)
{
    std::string out;
    for (uint32_t x : v)
    {
        out += (out.empty() ? "" : " ") + std::to_string(x);
    }
    return out;
}

std::string
Missing(const std::set<std::string>& a, const std::set<std::string>& b)
{
    std::string out;
    for (const auto& x : a)
    {
        if (b.count(x) == 0)
        {
            out += (out.empty() ? "" : " ") + x;
        }
    }
    return out;
}

void
TracePathsTestCase::ConnectExtra(Probe& p, uint32_t nodes)
{
    const std::string problem = Resolve(p, nodes);
    NS_TEST_EXPECT_MSG_EQ(problem, "", p.GetPath());
    if (problem.empty() && p.Connect())
    {
        m_coverage.connected.insert(p.declared);
    }
}

void
TracePathsTestCase::ExpectExtraCount(const Probe& p, size_t want)
{
    NS_TEST_EXPECT_MSG_EQ(p.Count(), want, GetName() << ": " << p.GetLabel());
    if (want > 0 && p.Count() == want)
    {
        m_coverage.fired.insert(p.declared);
    }
}

std::string
TracePathsTestCase::Resolve(Probe& p, uint32_t nodes)
{
    const std::string& path = p.GetPath();
    const size_t slash = path.rfind('/');
    const std::string objects = path.substr(0, slash);
    const std::string source = path.substr(slash + 1);
    const Config::MatchContainer matches = Config::LookupMatches(objects);
    const size_t expected = path.find('*') == std::string::npos ? 1 : nodes;
    if (matches.GetN() != expected)
    {
        return objects + " matches " + std::to_string(matches.GetN()) + " objects, not " +
               std::to_string(expected) + " (an attribute or TypeId renamed?)";
    }
    const TypeId type = matches.Get(0)->GetInstanceTypeId();
    TypeId::TraceSourceInformation info;
    const TypeId declaring = DeclaringTypeId(type, source, info);
    if (info.name != source)
    {
        return type.GetName() + " has no trace source " + source;
    }
    if (info.callback != p.GetCallback())
    {
        return declaring.GetName() + " " + source + " names the callback " + info.callback +
               ", the sink follows " + p.GetCallback();
    }
    p.declared = declaring.GetName() + "/" + source;
    return "";
}

void
TracePathsTestCase::ExpectContexts(const Probe& probe,
                                   const std::map<std::string, size_t>& contexts)
{
    NS_TEST_EXPECT_MSG_EQ(probe.GetByContext().size(),
                          contexts.size(),
                          probe.GetLabel() << ": contexts");
    for (const auto& [context, n] : contexts)
    {
        const auto it = probe.GetByContext().find(context);
        NS_TEST_EXPECT_MSG_EQ((it == probe.GetByContext().end() ? 0 : it->second),
                              n,
                              probe.GetLabel() << " from " << context);
    }
}

void
TracePathsTestCase::AddIdleCollectives(TestFabric& fabric)
{
    CollectiveHelper().Install(fabric.devices);
}

std::set<std::string>
DeclaredTraceSources()
{
    std::set<std::string> declared;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId t = TypeId::GetRegistered(i);
        if (t.GetGroupName() != "ScaleAcross")
        {
            continue;
        }
        for (size_t j = 0; j < t.GetTraceSourceN(); ++j)
        {
            declared.insert(t.GetName() + "/" + t.GetTraceSource(j).name);
        }
    }
    return declared;
}

const std::map<std::string, std::string>&
TraceSourceSuites()
{
    const std::string optical = "scale-across-optical-trace-paths";
    const std::string circuits = "scale-across-circuits-trace-paths";
    const std::string collective = "scale-across-collective-trace-paths";
    const std::string electrical = "scale-across-electrical-trace-paths";
    const std::string fault = "scale-across-fault-trace-paths";
    const std::string training = "scale-across-training-trace-paths";
    static const std::map<std::string, std::string> suites{
        {"ns3::OpticalNetDevice/MacTx", optical},
        {"ns3::OpticalNetDevice/MacTxDrop", optical},
        // Only the collective suite's all-reduce gives its nodes a promiscuous handler.
        {"ns3::OpticalNetDevice/MacPromiscRx", collective},
        {"ns3::OpticalNetDevice/MacRx", optical},
        {"ns3::OpticalNetDevice/PhyTxBegin", optical},
        {"ns3::OpticalNetDevice/PhyTxEnd", optical},
        {"ns3::OpticalNetDevice/PhyTxDrop", optical},
        {"ns3::OpticalNetDevice/PhyRxEnd", optical},
        {"ns3::OpticalNetDevice/PhyRxDrop", optical},
        {"ns3::OpticalNetDevice/Sniffer", optical},
        {"ns3::OpticalNetDevice/PromiscSniffer", optical},
        {"ns3::OpticalNetDevice/Drop", optical},
        {"ns3::PhotonicCrossbar/CircuitUp", optical},
        {"ns3::PhotonicCrossbar/CircuitDown", optical},
        {"ns3::PhotonicCrossbar/Drop", optical},
        {"ns3::PhotonicCrossbar/Reconfiguration", optical},
        {"ns3::PhotonicCrossbar/PortState", fault},
        {"ns3::PhotonicCrossbar/SetUpFailed", fault},
        {"ns3::SlottedCircuitScheduler/Slot", circuits},
        {"ns3::ClosFabric/Blocked", circuits},
        {"ns3::CollectiveTransport/MessageReceived", collective},
        {"ns3::CollectiveTransport/CreditReceived", collective},
        {"ns3::CollectiveCommunicator/OperationComplete", collective},
        {"ns3::CollectiveCommunicator/RankComplete", collective},
        // Fired by a training job's failure, the run that has one.
        {"ns3::CollectiveCommunicator/OperationFailed", training},
        {"ns3::PacketNetDevice/MacTx", electrical},
        {"ns3::PacketNetDevice/MacTxDrop", electrical},
        {"ns3::PacketNetDevice/MacPromiscRx", electrical},
        {"ns3::PacketNetDevice/MacRx", electrical},
        {"ns3::PacketNetDevice/PhyTxBegin", electrical},
        {"ns3::PacketNetDevice/PhyTxEnd", electrical},
        {"ns3::PacketNetDevice/PhyTxDrop", electrical},
        {"ns3::PacketNetDevice/PhyRxEnd", electrical},
        {"ns3::PacketNetDevice/Sniffer", electrical},
        {"ns3::PacketNetDevice/PromiscSniffer", electrical},
        {"ns3::PacketNetDevice/Drop", electrical},
        {"ns3::PacketNetDevice/CreditStall", electrical},
        {"ns3::PacketNetDevice/PauseStall", electrical},
        {"ns3::PacketSwitch/CreditStall", electrical},
        {"ns3::PacketSwitch/PauseStall", electrical},
        {"ns3::PacketSwitch/PfcPause", electrical},
        {"ns3::PacketSwitch/PfcResume", electrical},
        {"ns3::PacketSwitch/Drop", electrical},
        {"ns3::PacketSwitch/RouteChange", fault},
        {"ns3::FaultInjector/FaultInjected", fault},
        {"ns3::FaultInjector/Repaired", fault},
        {"ns3::TrainingJob/Failure", training},
        {"ns3::TrainingJob/RankIteration", training},
        {"ns3::TrainingJob/Step", training},
        {"ns3::TrainingJob/JobComplete", training},
        {"ns3::TrainingVariability/FailSlowEpisode", training},
    };
    return suites;
}

const std::set<std::string>&
GetTracePathsSuites()
{
    return TracePathsSuites();
}

TracePathsTestSuite::TracePathsTestSuite(const std::string& name)
    : TestSuite(name, TestSuite::Type::UNIT)
{
    TracePathsSuites().insert(name);
}

void
TracePathsTestSuite::AddCoverageCase()
{
    AddTestCase(new CoverageTestCase(GetName(), m_coverage));
}

} // namespace scale_across_test
} // namespace ns3
