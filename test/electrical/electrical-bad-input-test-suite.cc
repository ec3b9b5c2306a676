/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-bad-input: impossible topologies and settings stop the program with
 * one message naming the value, what it sets and what is valid.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/data-rate.h"
#include "ns3/fat-tree-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/node-container.h"
#include "ns3/packet-link.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// @param radix Radix @param ratio Oversubscription @param hosts nodes to install
void
BuildLeafSpine(uint32_t radix, double ratio, uint32_t hosts)
{
    NodeContainer nodes;
    nodes.Create(hosts);
    LeafSpineHelper fabric;
    fabric.SetRadix(radix);
    fabric.SetOversubscription(ratio);
    fabric.Install(nodes);
}

/// The suite.
class ElectricalBadInputTestSuite : public TestSuite
{
  public:
    ElectricalBadInputTestSuite()
        : TestSuite("scale-across-electrical-bad-input", TestSuite::Type::UNIT)
    {
        AddTestCase(new FatalTestCase("oversubscription that does not divide the radix",
                                      []() { BuildLeafSpine(8, 2, 6); },
                                      {"Oversubscription = 2", "Radix = 8", "whole number"}));
        AddTestCase(new FatalTestCase("oversubscription below 1",
                                      []() { BuildLeafSpine(8, 0.5, 8); },
                                      {"Oversubscription = 0.5", "1"}));
        AddTestCase(new FatalTestCase("hosts that do not fill leaves",
                                      []() { BuildLeafSpine(8, 1, 6); },
                                      {"6 hosts", "multiple of 4"}));
        AddTestCase(new FatalTestCase("more hosts than a leaf-spine holds",
                                      []() { BuildLeafSpine(4, 1, 10); },
                                      {"10 hosts", "Radix", "at most 8"}));
        AddTestCase(new FatalTestCase("more hosts than a fat-tree holds",
                                      []() {
                                          NodeContainer nodes;
                                          nodes.Create(17);
                                          FatTreeHelper fabric;
                                          fabric.SetK(4);
                                          fabric.Install(nodes);
                                      },
                                      {"17 hosts", "K = 4", "16"}));
        AddTestCase(new FatalTestCase("odd fat-tree K",
                                      []() { FatTreeHelper().SetK(5); },
                                      {"K = 5", "even"}));
        AddTestCase(new FatalTestCase("buffer smaller than one packet",
                                      []() {
                                          NodeContainer nodes;
                                          nodes.Create(4);
                                          LeafSpineHelper fabric;
                                          fabric.SetRadix(8);
                                          fabric.SetSwitchAttribute("BufferBytes",
                                                                    UintegerValue(8 * 4000));
                                          fabric.Install(nodes);
                                      },
                                      {"BufferBytes = 32000", "4110", "use at least 32880"}));
        AddTestCase(new FatalTestCase("a rate of zero",
                                      []() {
                                          Ptr<PacketLink> link = CreateObject<PacketLink>();
                                          link->SetAttribute("DataRate",
                                                             DataRateValue(DataRate(0)));
                                      },
                                      {"DataRate = 0bps", "above 0"}));
        AddTestCase(new FatalTestCase("cells that are not whole packets",
                                      []() {
                                          NodeContainer nodes;
                                          nodes.Create(4);
                                          LeafSpineHelper fabric;
                                          fabric.SetRadix(8);
                                          fabric.SetDeviceAttribute("CellBytes",
                                                                    UintegerValue(5000));
                                          fabric.Install(nodes);
                                      },
                                      {"CellBytes = 5000", "multiple of Mtu (4096)"}));
        AddTestCase(new FatalTestCase(
            "unknown routing",
            []() { CreateObject<PacketSwitch>()->SetAttribute("Routing", StringValue("random")); },
            {"Routing = random", "ecmp, spray or adaptive"}));
    }
};

/// Static instance registering the suite.
ElectricalBadInputTestSuite g_electricalBadInputTestSuite;

} // namespace
