/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-trace-paths: every object of the module with attributes is reached by the
 * Config path doc/scale-across.rst gives it, and every trace source of the module has a
 * domain's trace-paths suite that connects it by its path and sees it fire
 * (trace-paths-fixture.h; the runs are in those suites).
 */

#include "../trace-paths-fixture.h"
#include "../training-test-fixture.h"

#include "ns3/circuit-scheduler.h"
#include "ns3/clos-fabric.h"
#include "ns3/collective-helper.h"
#include "ns3/fabric-cost-model.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/packet-link.h"
#include "ns3/packet-net-device.h"
#include "ns3/packet-switch.h"
#include "ns3/packet-transceiver.h"
#include "ns3/simulator.h"
#include "ns3/training-job-application.h"
#include "ns3/training-job.h"
#include "ns3/training-variability.h"
#include "ns3/uinteger.h"

#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// The Config path of every object of the module with attributes, as documented.
class ObjectPathsTestCase : public TestCase
{
  public:
    ObjectPathsTestCase()
        : TestCase("every object with attributes is reached by its documented Config path")
    {
    }

  private:
    void DoRun() override
    {
        /// A documented path and the type of the objects it reaches.
        struct ObjectPath
        {
            std::string path; //!< Config path
            TypeId type;      //!< type (or parent type) of what it matches
        };

        const std::vector<ObjectPath> paths{
            {ALL_NICS, TypeId::LookupByName("ns3::OpticalNetDevice")},
            {ALL_NICS + "Transceiver/", TypeId::LookupByName("ns3::CoherentTransceiver")},
            {ALL_CHANNELS, TypeId::LookupByName("ns3::OpticalChannel")},
            {CROSSBAR, TypeId::LookupByName("ns3::PhotonicCrossbar")},
            {CROSSBAR + "Scheduler/", TypeId::LookupByName("ns3::CircuitScheduler")},
            {ALL_TRANSPORTS, TypeId::LookupByName("ns3::CollectiveTransport")},
            {ALL_APPLICATIONS, TypeId::LookupByName("ns3::CollectiveApplication")},
            {COMMUNICATOR, TypeId::LookupByName("ns3::CollectiveCommunicator")},
        };
        FabricConfig config;
        config.nodes = 3;
        TestFabric f(config);
        CollectiveHelper().Install(f.devices);
        std::set<std::string> reached;
        for (const auto& [path, type] : paths)
        {
            const Config::MatchContainer matches = Config::LookupMatches(path);
            const size_t expected = path.find('*') == std::string::npos ? 1 : config.nodes;
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), expected, path);
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                const TypeId t = matches.Get(i)->GetInstanceTypeId();
                NS_TEST_EXPECT_MSG_EQ((t == type || t.IsChildOf(type)),
                                      true,
                                      path << " reaches a " << t.GetName());
                for (TypeId u = t; u.GetGroupName() == "ScaleAcross"; u = u.GetParent())
                {
                    reached.insert(u.GetName());
                }
            }
        }
        Simulator::Destroy();

        // The electrical fabric, in a run of its own: a leaf-spine of radix 4 (2 hosts and 2
        // uplinks per leaf), 4 hosts: 2 leaves, 2 spines, 4 host links and 4 fabric links.
        NodeContainer hosts;
        hosts.Create(4);
        LeafSpineHelper leafSpine;
        leafSpine.SetRadix(4);
        leafSpine.SetTransceiver("dsp-800g"); // on the 4 links between switches
        leafSpine.Install(hosts);
        const std::vector<std::tuple<std::string, TypeId, size_t>> electrical{
            {ALL_PACKET_NICS, PacketNetDevice::GetTypeId(), 4},
            {ALL_PACKET_NICS + "Switch/", PacketSwitch::GetTypeId(), 4},       // each leaf twice
            {"/NodeList/*/$ns3::PacketSwitch/", PacketSwitch::GetTypeId(), 4}, // on their nodes
            {ALL_PACKET_LINKS, PacketLink::GetTypeId(), 8},
            {ALL_PACKET_LINKS + "TransceiverA/", PacketTransceiver::GetTypeId(), 4},
            {ALL_PACKET_LINKS + "TransceiverB/", PacketTransceiver::GetTypeId(), 4},
        };
        for (const auto& [path, type, expected] : electrical)
        {
            const Config::MatchContainer matches = Config::LookupMatches(path);
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), expected, path);
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                const TypeId t = matches.Get(i)->GetInstanceTypeId();
                NS_TEST_EXPECT_MSG_EQ(t, type, path << " reaches a " << t.GetName());
                reached.insert(t.GetName());
            }
        }
        std::set<std::string> withAttributes;
        for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
        {
            const TypeId t = TypeId::GetRegistered(i);
            if (t.GetGroupName() == "ScaleAcross" && t.GetAttributeN() > 0 &&
                t.IsChildOf(Object::GetTypeId()))
            {
                withAttributes.insert(t.GetName());
            }
        }
        Simulator::Destroy();
        // The slotted schedulers, each on a fabric of its own, by the same Scheduler path.
        for (const char* name :
             {"ns3::RotorCircuitScheduler", "ns3::WavelengthRoutedCircuitScheduler"})
        {
            FabricConfig slotted;
            slotted.nodes = 3;
            slotted.reconfiguration = NanoSeconds(100);
            slotted.scheduler = ObjectFactory(name).Create<CircuitScheduler>();
            TestFabric g(slotted);
            const Config::MatchContainer matches = Config::LookupMatches(CROSSBAR + "Scheduler/");
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), 1, CROSSBAR << "Scheduler/ with a " << name);
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                const TypeId t = matches.Get(i)->GetInstanceTypeId();
                NS_TEST_EXPECT_MSG_EQ(t.GetName(), std::string(name), "the scheduler reached");
                for (TypeId u = t; u.GetGroupName() == "ScaleAcross"; u = u.GetParent())
                {
                    reached.insert(u.GetName());
                }
            }
            Simulator::Destroy();
        }
        {
            // The stages of a multi-stage fabric, through the crossbar's Stages attribute.
            FabricConfig staged;
            staged.nodes = 4;
            staged.stages = CreateObject<ClosFabric>();
            staged.stages->SetAttribute("EdgePorts", UintegerValue(2));
            TestFabric g(staged);
            const Config::MatchContainer matches = Config::LookupMatches(CROSSBAR + "Stages/");
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), 1, CROSSBAR << "Stages/ with stages");
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                reached.insert(matches.Get(i)->GetInstanceTypeId().GetName());
            }
            Simulator::Destroy();
        }
        // A training job over a collective layer: its applications, the job, its variability.
        {
            TrainingRunConfig training;
            training.ranks = 3;
            training.layerBytes = 3 * 4 * 1000;
            training.iterations = 1;
            training.beforeRun = [&]() {
                const std::vector<std::tuple<std::string, TypeId, size_t>> jobPaths{
                    {ALL_TRAINING_APPLICATIONS, TrainingJobApplication::GetTypeId(), 3},
                    {TRAINING_JOB, TrainingJob::GetTypeId(), 1},
                    {TRAINING_VARIABILITY, TrainingVariability::GetTypeId(), 1},
                };
                for (const auto& [path, type, expected] : jobPaths)
                {
                    const Config::MatchContainer matches = Config::LookupMatches(path);
                    NS_TEST_EXPECT_MSG_EQ(matches.GetN(), expected, path);
                    for (size_t i = 0; i < matches.GetN(); ++i)
                    {
                        const TypeId t = matches.Get(i)->GetInstanceTypeId();
                        NS_TEST_EXPECT_MSG_EQ(t, type, path << " reaches a " << t.GetName());
                        reached.insert(t.GetName());
                    }
                }
            };
            RunTraining(training);
        }
        {
            // A cost model is the user's own object: reached once registered as a root of the
            // Config namespace, as doc/scale-across.rst says.
            Ptr<FabricCostModel> prices = CreateObject<FabricCostModel>();
            Config::RegisterRootNamespaceObject(prices);
            const Config::MatchContainer matches = Config::LookupMatches("/$ns3::FabricCostModel/");
            NS_TEST_EXPECT_MSG_EQ(matches.GetN(), 1, "/$ns3::FabricCostModel/");
            for (size_t i = 0; i < matches.GetN(); ++i)
            {
                reached.insert(matches.Get(i)->GetInstanceTypeId().GetName());
            }
            Config::UnregisterRootNamespaceObject(prices);
        }
        NS_TEST_EXPECT_MSG_EQ(Missing(withAttributes, reached),
                              "",
                              "objects with attributes but no documented path: add it here and "
                              "to doc/scale-across.rst");
        Simulator::Destroy();
    }
};

/// Every trace source of the module has a domain's suite that answers for it.
class SuitesTestCase : public TestCase
{
  public:
    SuitesTestCase()
        : TestCase("every trace source of the ScaleAcross TypeIds has a trace-paths suite that "
                   "connects it by path and sees it fire")
    {
    }

  private:
    void DoRun() override
    {
        const std::set<std::string> declared = DeclaredTraceSources();
        NS_TEST_ASSERT_MSG_NE(declared.size(), 0, "no trace source found in group ScaleAcross");
        std::set<std::string> rows;
        std::set<std::string> named;
        for (const auto& [source, suite] : TraceSourceSuites())
        {
            rows.insert(source);
            named.insert(suite);
        }
        NS_TEST_EXPECT_MSG_EQ(Missing(declared, rows),
                              "",
                              "trace sources no suite answers for: add a row to "
                              "TraceSourceSuites (test/trace-paths-fixture.cc), a probe and a run "
                              "that fires it to that suite, and its row in doc/scale-across.rst");
        NS_TEST_EXPECT_MSG_EQ(Missing(rows, declared),
                              "",
                              "rows of TraceSourceSuites for trace sources that do not exist");
        NS_TEST_EXPECT_MSG_EQ(Missing(named, GetTracePathsSuites()),
                              "",
                              "rows of TraceSourceSuites naming no trace-paths suite");
    }
};

/// The suite.
class CommonTracePathsTestSuite : public TestSuite
{
  public:
    CommonTracePathsTestSuite()
        : TestSuite("scale-across-trace-paths", TestSuite::Type::UNIT)
    {
        AddTestCase(new ObjectPathsTestCase());
        AddTestCase(new SuitesTestCase());
    }
};

/// Static instance registering the suite.
CommonTracePathsTestSuite g_tracePathsTestSuite;

} // namespace
