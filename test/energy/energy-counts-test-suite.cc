/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-energy-counts: the parts each fabric helper builds, read by FabricPowerHelper,
 * against the topology's closed form, and the static power that follows from them.
 *
 *  - k-ary fat-tree (transceivers on every link): 5k^2/4 switches of k ports (5k^3/4 ports),
 *    k^3/4 hosts, 3k^3/4 links (host-edge, edge-aggregation, aggregation-core, k^3/4 each),
 *    k^3/4 host transceivers and k^3/4 + 2 x k^3/2 = 5k^3/4 switch transceivers;
 *  - leaf-spine of radix R and oversubscription r with N hosts: h = R r / (r + 1) hosts and
 *    u = R / (r + 1) spines per leaf, L = N / h leaves; L + u switches of R ports, N + L u
 *    links, N host transceivers and N + 2 L u switch transceivers (2 L u without host links);
 *  - one crossbar of N ports: N ports, N fibers, N x Wavelengths host transceivers;
 *  - three-stage Clos (MultiStageOpticalFabricHelper) with port limit P: r = ceil(N / P) edge
 *    switches of k = ceil(N / r) endpoints and m = k middles: 2 r + m crossbars, r k + 2 r m
 *    ports (one input and one output each), 2 r m inter-stage fibers besides the N NIC fibers.
 * Static power = the counts x each part's W.
 */

#include "ns3/clos-fabric.h"
#include "ns3/crossbar-technology.h"
#include "ns3/double.h"
#include "ns3/fabric-power-helper.h"
#include "ns3/fat-tree-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/multi-stage-optical-fabric-helper.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/packet-transceiver.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;

namespace
{

/// k-ary fat-tree.
class FatTreeCountsTestCase : public TestCase
{
  public:
    /// @param k ports per switch
    explicit FatTreeCountsTestCase(uint32_t k)
        : TestCase("fat-tree k = " + std::to_string(k) + ": 5k^2 over 4 switches, k^3 over 4 " +
                   "hosts, 3k^3 over 4 links, 5k^3 over 4 switch transceivers"),
          m_k(k)
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t k = m_k;
        NodeContainer hosts;
        hosts.Create(k * k * k / 4);
        FatTreeHelper fabric;
        fabric.SetK(m_k);
        fabric.SetTransceiver("dsp-800g", true);
        fabric.Install(hosts);
        FabricPowerHelper power;
        power.Install(hosts, fabric.GetSwitchNodes());
        const FabricPowerReport r = power.Collect("fat-tree");
        const FabricPowerReport::Inventory& p = r.GetInventory();
        NS_TEST_EXPECT_MSG_EQ(p.endpoints, k * k * k / 4, "k^3/4 hosts");
        NS_TEST_EXPECT_MSG_EQ(p.switches, 5 * k * k / 4, "5k^2/4 switches");
        NS_TEST_EXPECT_MSG_EQ(p.switchPorts, 5 * k * k * k / 4, "k ports each");
        NS_TEST_EXPECT_MSG_EQ(p.links, 3 * k * k * k / 4, "three tiers of k^3/4 links");
        NS_TEST_EXPECT_MSG_EQ(p.hostTransceivers, k * k * k / 4, "one per host");
        NS_TEST_EXPECT_MSG_EQ(p.switchTransceivers, 5 * k * k * k / 4, "one per switch port");
        NS_TEST_EXPECT_MSG_EQ(p.crossbarPorts, 0, "no crossbar");
        const double w = PacketTransceiver::GetPreset("dsp-800g").powerWatts;
        const double expected = (k * k * k / 4 + 5 * k * k * k / 4) * w + 5 * k * k / 4 * 450.0;
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetStaticPowerWatts(),
                                  expected,
                                  expected * 1e-12,
                                  "transceivers x W + switches x 450 W");
        Simulator::Destroy();
    }

    uint32_t m_k; //!< ports per switch
};

/// Leaf-spine.
class LeafSpineCountsTestCase : public TestCase
{
  public:
    /**
     * @param radix R @param ratio r @param hosts N @param hostLinks transceivers on host links
     */
    LeafSpineCountsTestCase(uint32_t radix, uint32_t ratio, uint32_t hosts, bool hostLinks)
        : TestCase("leaf-spine R = " + std::to_string(radix) + ", r = " + std::to_string(ratio) +
                   ", N = " + std::to_string(hosts) +
                   (hostLinks ? ", transceivers on every link" : ", between switches")),
          m_radix(radix),
          m_ratio(ratio),
          m_hosts(hosts),
          m_hostLinks(hostLinks)
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t h = m_radix * m_ratio / (m_ratio + 1);
        const uint64_t u = m_radix / (m_ratio + 1);
        const uint64_t n = m_hosts;
        const uint64_t leaves = n / h;
        NodeContainer hosts;
        hosts.Create(m_hosts);
        LeafSpineHelper fabric;
        fabric.SetRadix(m_radix);
        fabric.SetOversubscription(m_ratio);
        fabric.SetTransceiver("lpo-800g", m_hostLinks);
        fabric.Install(hosts);
        FabricPowerHelper power;
        power.Install(hosts, fabric.GetSwitchNodes());
        const FabricPowerReport r = power.Collect("leaf-spine");
        const FabricPowerReport::Inventory& p = r.GetInventory();
        NS_TEST_EXPECT_MSG_EQ(p.switches, leaves + u, "L leaves + u spines");
        NS_TEST_EXPECT_MSG_EQ(p.switchPorts, m_radix * (leaves + u), "R ports each");
        NS_TEST_EXPECT_MSG_EQ(p.links, n + leaves * u, "host links + L u uplinks");
        const uint64_t hostEnds = m_hostLinks ? n : 0;
        NS_TEST_EXPECT_MSG_EQ(p.hostTransceivers, hostEnds, "one per host link");
        NS_TEST_EXPECT_MSG_EQ(p.switchTransceivers,
                              hostEnds + 2 * leaves * u,
                              "switch ends of host links + both ends of uplinks");
        NS_TEST_EXPECT_MSG_EQ(r.GetNDevices(FabricPowerReport::SWITCH_TRANSCEIVER),
                              p.switchTransceivers,
                              "a device line per transceiver");
        Simulator::Destroy();
    }

    uint32_t m_radix; //!< R
    uint32_t m_ratio; //!< r
    uint32_t m_hosts; //!< N
    bool m_hostLinks; //!< transceivers on host links
};

/// One crossbar, or a three-stage Clos of crossbars.
class OpticalCountsTestCase : public TestCase
{
  public:
    /// @param nodes N @param portLimit P (0: one crossbar)
    OpticalCountsTestCase(uint32_t nodes, uint32_t portLimit)
        : TestCase("optical N = " + std::to_string(nodes) +
                   (portLimit ? ", port limit " + std::to_string(portLimit) +
                                    ": Clos r k + 2 r m "
                                    "ports"
                              : ": one crossbar of N ports")),
          m_nodes(nodes),
          m_limit(portLimit)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t wavelengths = 2;
        NodeContainer hosts;
        hosts.Create(m_nodes);
        MultiStageOpticalFabricHelper fabric;
        fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
        fabric.SetStageTechnology("MEMS");
        fabric.SetPortLimit(m_limit);
        fabric.Install(hosts);
        FabricPowerHelper power;
        power.Install(hosts);
        const FabricPowerReport r = power.Collect("optical");
        const FabricPowerReport::Inventory& p = r.GetInventory();
        const uint64_t n = m_nodes;
        const double portWatts = CrossbarTechnology::Get("MEMS").portPowerW;
        NS_TEST_EXPECT_MSG_EQ(p.hostTransceivers, n * wavelengths, "N x Wavelengths");
        NS_TEST_EXPECT_MSG_EQ(p.switches, 0, "no packet switch");
        uint64_t ports = n;
        uint64_t links = n;
        uint64_t crossbars = 1;
        if (m_limit > 0 && m_nodes > m_limit)
        {
            const uint64_t edges = (n + m_limit - 1) / m_limit;
            const uint64_t k = (n + edges - 1) / edges;
            const uint64_t m = k;
            ports = edges * k + 2 * edges * m;
            links = n + 2 * edges * m;
            crossbars = 2 * edges + m;
            NS_TEST_ASSERT_MSG_NE(fabric.GetStages(), nullptr, "built with stages");
        }
        NS_TEST_EXPECT_MSG_EQ(p.crossbarPorts, ports, "crossbar ports");
        NS_TEST_EXPECT_MSG_EQ(p.crossbars, crossbars, "crossbars");
        NS_TEST_EXPECT_MSG_EQ(p.links, links, "NIC fibers + inter-stage fibers");
        const double xWatts = 25.0 * wavelengths; // CoherentTransceiver's default per wavelength
        const double expected = n * xWatts + ports * portWatts;
        NS_TEST_EXPECT_MSG_EQ_TOL(r.GetStaticPowerWatts(),
                                  expected,
                                  expected * 1e-12,
                                  "transceivers + ports x MEMS W per port");
        Simulator::Destroy();
    }

    uint32_t m_nodes; //!< N
    uint32_t m_limit; //!< P
};

/// The suite.
class EnergyCountsTestSuite : public TestSuite
{
  public:
    EnergyCountsTestSuite()
        : TestSuite("scale-across-energy-counts", TestSuite::Type::UNIT)
    {
        AddTestCase(new FatTreeCountsTestCase(4));
        AddTestCase(new FatTreeCountsTestCase(6));
        AddTestCase(new LeafSpineCountsTestCase(8, 1, 16, true));
        AddTestCase(new LeafSpineCountsTestCase(8, 3, 12, true));
        AddTestCase(new LeafSpineCountsTestCase(8, 1, 32, false));
        AddTestCase(new OpticalCountsTestCase(10, 0));
        AddTestCase(new OpticalCountsTestCase(8, 4));
        AddTestCase(new OpticalCountsTestCase(10, 4));
    }
};

/// Static instance registering the suite.
EnergyCountsTestSuite g_energyCountsTestSuite;

} // namespace
