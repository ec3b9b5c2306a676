/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits-port-limit: every crossbar technology carries its largest port count
 * (with its other figures, pinned here); a crossbar asked for more ports than its technology
 * has stops with one message that names the limit and the multi-stage alternative, and
 * PortLimit overrides the limit for what-if studies.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/crossbar-technology.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// The presets keep their figures (doc/scale-across.rst, "Technology presets").
class PresetsTestCase : public TestCase
{
  public:
    PresetsTestCase()
        : TestCase("presets: reconfiguration, loss, power per port, largest port count")
    {
    }

  private:
    void DoRun() override
    {
        struct Expected
        {
            std::string name;
            Time reconfiguration;
            double lossDb;
            double powerW;
            uint32_t ports;
        };

        const std::vector<Expected> expected{
            {"MEMS", MilliSeconds(10), 2.0, 0.1, 136},
            {"Piezo", MilliSeconds(1), 1.0, 0.2, 384},
            {"SiPh-MZI", MicroSeconds(1), 5.0, 0.05, 64},
            {"SOA", NanoSeconds(10), 0.0, 0.5, 16},
            {"AWGR", NanoSeconds(4), 6.0, 0.0, 64},
        };
        const auto& all = CrossbarTechnology::GetAll();
        NS_TEST_ASSERT_MSG_EQ(all.size(), expected.size(), "five presets");
        for (size_t i = 0; i < all.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(all[i].name, expected[i].name, "order");
            NS_TEST_EXPECT_MSG_EQ(all[i].reconfigurationTime, expected[i].reconfiguration, "time");
            NS_TEST_EXPECT_MSG_EQ(all[i].insertionLossDb, expected[i].lossDb, "loss");
            NS_TEST_EXPECT_MSG_EQ(all[i].portPowerW, expected[i].powerW, "power");
            NS_TEST_EXPECT_MSG_EQ(all[i].maxPorts, expected[i].ports, "ports");
            NS_TEST_EXPECT_MSG_EQ(all[i].basis.empty(), false, "each says where it comes from");
        }
        NS_TEST_EXPECT_MSG_EQ(CrossbarTechnology::GetNames(),
                              "MEMS, Piezo, SiPh-MZI, SOA, AWGR",
                              "names");
    }
};

/// At the limit a fabric builds; PortLimit lets a what-if study go past it.
class AtTheLimitTestCase : public TestCase
{
  public:
    AtTheLimitTestCase()
        : TestCase("136 endpoints on a MEMS crossbar build; 137 with PortLimit = 200 too")
    {
    }

  private:
    void DoRun() override
    {
        {
            FabricConfig config;
            config.nodes = 136;
            config.technology = "MEMS";
            TestFabric f(config);
            NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetPortLimit(), 136, "the technology's limit");
            NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetTechnology(), "MEMS", "Technology");
            Simulator::Destroy();
        }
        {
            FabricConfig config;
            config.nodes = 137;
            config.technology = "MEMS";
            config.portLimit = 200;
            TestFabric f(config);
            NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetPortLimit(), 200, "PortLimit overrides it");
            NS_TEST_EXPECT_MSG_EQ(f.crossbar->GetNPorts(), 137, "built");
            Simulator::Destroy();
        }
        Ptr<PhotonicCrossbar> none = CreateObject<PhotonicCrossbar>();
        NS_TEST_EXPECT_MSG_EQ(none->GetPortLimit(), 0, "no technology, no limit");
    }
};

/// @param nodes endpoints @param technology preset @return a fabric build that must stop
std::function<void()>
Build(uint32_t nodes, std::string technology)
{
    return [nodes, technology]() {
        FabricConfig config;
        config.nodes = nodes;
        config.technology = technology;
        TestFabric f(config);
    };
}

/// The suite.
class CircuitsPortLimitTestSuite : public TestSuite
{
  public:
    CircuitsPortLimitTestSuite()
        : TestSuite("scale-across-circuits-port-limit", TestSuite::Type::UNIT)
    {
        AddTestCase(new PresetsTestCase());
        AddTestCase(new AtTheLimitTestCase());
        AddTestCase(new FatalTestCase("137 endpoints on one MEMS crossbar",
                                      Build(137, "MEMS"),
                                      {"NumPorts = 137",
                                       "largest MEMS crossbar, 136 ports",
                                       "three-stage Clos of 136-port crossbars",
                                       "2 ingress + 2 egress + 136 middle",
                                       "PortLimit"}));
        AddTestCase(new FatalTestCase("17 endpoints on one SOA crossbar",
                                      Build(17, "SOA"),
                                      {"NumPorts = 17", "SOA", "16 ports", "PortLimit"}));
        AddTestCase(new FatalTestCase("65,536 ports of MEMS: more than three stages reach",
                                      []() {
                                          Ptr<PhotonicCrossbar> x =
                                              CreateObject<PhotonicCrossbar>();
                                          x->SetAttribute("NumPorts", UintegerValue(65536));
                                          x->SetAttribute("Technology", StringValue("MEMS"));
                                      },
                                      {"NumPorts = 65536", "five or more stages", "18496"}));
        AddTestCase(
            new FatalTestCase("PortLimit below NumPorts",
                              []() {
                                  Ptr<PhotonicCrossbar> x = CreateObject<PhotonicCrossbar>();
                                  x->SetAttribute("PortLimit", UintegerValue(32)); // NumPorts is 64
                              },
                              {"NumPorts = 64", "PortLimit, 32 ports"}));
        AddTestCase(new FatalTestCase(
            "an unknown technology",
            []() {
                CreateObject<PhotonicCrossbar>()->SetAttribute("Technology", StringValue("Magic"));
            },
            {"Technology", "Magic", "MEMS, Piezo, SiPh-MZI, SOA, AWGR"}));
    }
};

/// Static instance registering the suite.
CircuitsPortLimitTestSuite g_circuitsPortLimitTestSuite;

} // namespace
