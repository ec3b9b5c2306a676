/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-config-paths: every switch of a packet fabric is reachable by a
 * Config path, /NodeList/[id]/$ns3::PacketSwitch/..., because the helpers put each switch on
 * a node of its own, after the hosts' nodes, whose ids and devices do not change.
 *
 * Incast across the fabric: three hosts, each under its own leaf (or pod), send C cells each
 * to one host under a fourth. Config::Set turns every switch's Routing to spray; each switch
 * then deals its cells to its up ports in turn, so with C a multiple of the up ports every
 * switch of the top tier forwards exactly its share toward the receiver:
 *
 *   leaf-spine, 2 spines:            3 C / 2 cells per spine;
 *   k = 4 fat-tree, 2 x 2 up ports:  3 C / 4 cells per core
 *
 * (under the default ECMP each flow keeps to one switch, so every count would be a multiple
 * of C). The receiver's port drains a third of what arrives and the buffers hold 2 cells per
 * input port, so back-pressure reaches the top tier: each spine, and the cores, wait for
 * credit. A CreditStall sink connected to those switches by their paths fires once per stall,
 * on the port toward the receiver, with the switch's own stall count and total stall time.
 */

#include "../electrical-test-fixture.h"

#include "ns3/config.h"
#include "ns3/fat-tree-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <map>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint32_t MTU = 4096;              //!< payload per cell (the default Mtu)
constexpr uint32_t WIRE = MTU + MAC_HEADER; //!< wire bytes per cell
constexpr uint32_t CELLS = 16;              //!< C, cells per sender (a multiple of 4)
constexpr uint32_t SENDERS = 3;             //!< hosts sending to the receiver

/// Stalls seen by a CreditStall sink, by the context (the path it was connected with).
struct StallLog
{
    /// Per context: how many, and their total duration.
    struct Entry
    {
        uint64_t stalls{0};    //!< calls
        Time waited;           //!< sum of durations
        bool otherPort{false}; //!< a call named a port other than the expected one
    };

    /**
     * @brief The sink: Config::Connect passes the path as the context.
     * @param context the path
     * @param port the output that waited
     * @param duration how long
     */
    void Stall(std::string context, uint32_t port, Time duration)
    {
        Entry& e = entries[context];
        ++e.stalls;
        e.waited += duration;
        e.otherPort = e.otherPort || port != expectedPort;
    }

    uint32_t expectedPort{0};             //!< the port toward the receiver
    std::map<std::string, Entry> entries; //!< by context
};

/// The checks both fabrics share.
class ConfigPathsTestCase : public TestCase
{
  public:
    using TestCase::TestCase;

  protected:
    /**
     * @brief Check that the hosts kept their nodes and that each switch is on a node of its
     * own, found by the wildcard path.
     * @param f the fabric
     * @param helper its helper
     */
    void CheckNodes(const PacketFabric& f, const PacketFabricHelper& helper)
    {
        const uint32_t hosts = f.nodes.GetN();
        const NodeContainer& switchNodes = helper.GetSwitchNodes();
        NS_TEST_ASSERT_MSG_EQ(switchNodes.GetN(), f.switches.size(), "a node per switch");
        NS_TEST_EXPECT_MSG_EQ(NodeList::GetNNodes(), hosts + f.switches.size(), "no other node");
        for (uint32_t i = 0; i < hosts; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(f.nodes.Get(i)->GetId(), i, "host " << i << " keeps its id");
            NS_TEST_EXPECT_MSG_EQ(f.devices.Get(i)->GetNode(), f.nodes.Get(i), "host " << i);
            NS_TEST_EXPECT_MSG_EQ(f.Dev(i)->GetHostIndex(), i, "host index " << i);
        }
        for (uint32_t s = 0; s < switchNodes.GetN(); ++s)
        {
            Ptr<Node> node = switchNodes.Get(s);
            NS_TEST_EXPECT_MSG_EQ(node->GetId(), hosts + s, "switch nodes follow the hosts");
            NS_TEST_EXPECT_MSG_EQ(node->GetNDevices(), 0, "a switch node holds no device");
            NS_TEST_EXPECT_MSG_EQ(node->GetObject<PacketSwitch>(), f.switches[s], "switch " << s);
        }
        const Config::MatchContainer all = Config::LookupMatches("/NodeList/*/$ns3::PacketSwitch");
        NS_TEST_EXPECT_MSG_EQ(all.GetN(), f.switches.size(), "the wildcard finds every switch");
    }

    /// Turn every switch to spraying through Config and check that each one took it.
    void SprayEverywhere(const PacketFabric& f)
    {
        Config::Set("/NodeList/*/$ns3::PacketSwitch/Routing", StringValue("spray"));
        for (const Ptr<PacketSwitch>& sw : f.switches)
        {
            StringValue routing;
            sw->GetAttribute("Routing", routing);
            NS_TEST_EXPECT_MSG_EQ(routing.Get(), "spray", sw->GetByteCountersName());
        }
    }

    /**
     * @brief Connect the sink to some switches by their paths.
     * @param f the fabric
     * @param helper its helper
     * @param first index of the first switch in GetSwitches()
     * @param count how many
     * @param log the sink
     * @return the paths, in order
     */
    std::vector<std::string> Connect(const PacketFabric& f,
                                     const PacketFabricHelper& helper,
                                     uint32_t first,
                                     uint32_t count,
                                     StallLog& log)
    {
        std::vector<std::string> paths;
        for (uint32_t s = first; s < first + count; ++s)
        {
            const std::string path = "/NodeList/" +
                                     std::to_string(helper.GetSwitchNodes().Get(s)->GetId()) +
                                     "/$ns3::PacketSwitch/CreditStall";
            Config::Connect(path, MakeCallback(&StallLog::Stall, &log));
            paths.push_back(path);
        }
        return paths;
    }

    /**
     * @brief After the run: what the sink saw on a switch is what the switch counted.
     * @param sw the switch
     * @param path its path
     * @param log the sink
     */
    void CheckStalls(Ptr<PacketSwitch> sw, const std::string& path, const StallLog& log)
    {
        uint64_t stalls = 0;
        Time waited;
        for (uint32_t p = 0; p < sw->GetNPorts(); ++p)
        {
            stalls += sw->GetCreditStalls(p);
            waited += sw->GetCreditStallTime(p);
        }
        const auto it = log.entries.find(path);
        const StallLog::Entry seen = it == log.entries.end() ? StallLog::Entry() : it->second;
        const std::string name = sw->GetByteCountersName();
        NS_TEST_EXPECT_MSG_GT(stalls, 0, name << " waited for credit");
        NS_TEST_EXPECT_MSG_EQ(seen.stalls, stalls, name << ": one trace call per stall");
        NS_TEST_EXPECT_MSG_EQ(seen.waited, waited, name << ": traced durations = stall time");
        NS_TEST_EXPECT_MSG_EQ(seen.otherPort, false, name << ": only the port to the receiver");
    }

    /**
     * @brief After the run: every frame delivered, nothing lost, every credit back.
     * @param f the fabric
     */
    void CheckDelivery(const PacketFabric& f)
    {
        NS_TEST_EXPECT_MSG_EQ(f.arrivals.size(), SENDERS, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.Delivered(), uint64_t{SENDERS} * CELLS * MTU, "nothing lost");
        NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
    }
};

/// Leaf-spine of radix 4: 2 hosts and 2 spines per leaf, 4 leaves; spines traced.
class LeafSpineConfigPathsTestCase : public ConfigPathsTestCase
{
  public:
    LeafSpineConfigPathsTestCase()
        : ConfigPathsTestCase(
              "leaf-spine: Routing set on every switch by Config::Set, each "
              "spine forwards half of the 3 C cells and its CreditStall fires by its path")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t radix = 4;
        PacketFabric f;
        f.nodes.Create(8);
        LeafSpineHelper helper;
        helper.SetRadix(radix);
        helper.SetSwitchAttribute("BufferBytes", UintegerValue(radix * 2 * WIRE));
        f.devices = helper.Install(f.nodes);
        f.switches = helper.GetSwitches(); // leaves 0 ... 3, then spines 0 and 1
        f.Record();
        CheckNodes(f, helper);
        SprayEverywhere(f);
        StallLog log;
        log.expectedPort = 3; // a spine's port l goes to leaf l; the receiver is under leaf 3
        const std::vector<std::string> paths = Connect(f, helper, 4, 2, log);

        const uint32_t receiver = 6;
        for (uint32_t sender : {0, 2, 4})
        {
            f.SendAt(Seconds(0), sender, receiver, CELLS * MTU);
        }
        Simulator::Run();

        CheckDelivery(f);
        for (uint32_t s = 0; s < 2; ++s)
        {
            Ptr<PacketSwitch> spine = f.switches[4 + s];
            NS_TEST_EXPECT_MSG_EQ(spine->GetTxCells(3),
                                  SENDERS * CELLS / 2,
                                  "spine " << s << ": 3 C / 2 cells toward leaf 3");
            CheckStalls(spine, paths[s], log);
        }
        Simulator::Destroy();
    }
};

/// k = 4 fat-tree: 16 hosts, 4 cores, 8 aggregation and 8 edge switches; cores traced.
class FatTreeConfigPathsTestCase : public ConfigPathsTestCase
{
  public:
    FatTreeConfigPathsTestCase()
        : ConfigPathsTestCase(
              "fat-tree: Routing set on every switch by Config::Set, each "
              "core forwards a quarter of the 3 C cells and its CreditStall fires by its path")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t k = 4;
        PacketFabric f;
        f.nodes.Create(16);
        FatTreeHelper helper;
        helper.SetK(k);
        helper.SetSwitchAttribute("BufferBytes", UintegerValue(k * 2 * WIRE));
        f.devices = helper.Install(f.nodes);
        f.switches = helper.GetSwitches(); // cores 0 ... 3 first
        f.Record();
        CheckNodes(f, helper);
        SprayEverywhere(f);
        StallLog log;
        log.expectedPort = 0; // a core's port p goes to pod p; the receiver is in pod 0
        const std::vector<std::string> paths = Connect(f, helper, 0, 4, log);

        const uint32_t receiver = 0;
        for (uint32_t sender : {4, 8, 12}) // one host in each of pods 1, 2 and 3
        {
            f.SendAt(Seconds(0), sender, receiver, CELLS * MTU);
        }
        Simulator::Run();

        CheckDelivery(f);
        for (uint32_t c = 0; c < 4; ++c)
        {
            Ptr<PacketSwitch> core = f.switches[c];
            NS_TEST_EXPECT_MSG_EQ(core->GetTxCells(0),
                                  SENDERS * CELLS / 4,
                                  "core " << c << ": 3 C / 4 cells toward pod 0");
            CheckStalls(core, paths[c], log);
        }
        Simulator::Destroy();
    }
};

/// The suite.
class ElectricalConfigPathsTestSuite : public TestSuite
{
  public:
    ElectricalConfigPathsTestSuite()
        : TestSuite("scale-across-electrical-config-paths", TestSuite::Type::UNIT)
    {
        AddTestCase(new LeafSpineConfigPathsTestCase());
        AddTestCase(new FatTreeConfigPathsTestCase());
    }
};

/// Static instance registering the suite.
ElectricalConfigPathsTestSuite g_electricalConfigPathsTestSuite;

} // namespace
