/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-bad-input: impossible topologies and settings stop the program with
 * one message naming the value, what it sets and what is valid.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/fat-tree-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/packet-link.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

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

/**
 * @brief A one-leaf fabric of radix 8 (4 hosts) under PFC with some switch attributes.
 * @param settings attribute names and values
 */
void
BuildPfc(const std::vector<std::pair<std::string, uint64_t>>& settings)
{
    NodeContainer nodes;
    nodes.Create(4);
    LeafSpineHelper fabric;
    fabric.SetRadix(8);
    fabric.SetSwitchAttribute("FlowControl", StringValue("pfc"));
    for (const auto& [name, value] : settings)
    {
        fabric.SetSwitchAttribute(name, UintegerValue(value));
    }
    fabric.Install(nodes);
}

/**
 * @brief Install a one-leaf fabric, then set a switch attribute through its Config path.
 * @param name the attribute
 * @param value its new value
 */
void
SetAfterWiring(const std::string& name, const AttributeValue& value)
{
    NodeContainer nodes;
    nodes.Create(4);
    LeafSpineHelper fabric;
    fabric.SetRadix(8);
    fabric.Install(nodes);
    Config::Set("/NodeList/*/$ns3::PacketSwitch/" + name, value);
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
            "PFC threshold with no room for the headroom",
            []() {
                BuildPfc({{"BufferBytes", 8 * 300 * 1024}});
            },
            {"PfcXoffBytes = 262144", "cannot be lossless", "307200 bytes", "use at most 176128"}));
        AddTestCase(new FatalTestCase("PFC headroom shorter than the link's round trip",
                                      []() {
                                          BuildPfc({{"PfcHeadroomBytes", 50000}});
                                      },
                                      {"PfcHeadroomBytes = 50000", "69800 bytes", "+ 2 cells"}));
        AddTestCase(new FatalTestCase("PFC headroom without room for two cells",
                                      []() {
                                          BuildPfc({{"PfcHeadroomBytes", 70000}});
                                      },
                                      {"PfcHeadroomBytes = 70000", "4110", "at least 78020"}));
        AddTestCase(
            new FatalTestCase("PFC resume above the pause",
                              []() {
                                  BuildPfc({{"PfcXoffBytes", 100000}, {"PfcXonBytes", 100001}});
                              },
                              {"PfcXonBytes = 100001", "at most PfcXoffBytes = 100000"}));
        AddTestCase(
            new FatalTestCase("a shared PFC buffer that is all headroom",
                              []() {
                                  NodeContainer nodes;
                                  nodes.Create(4);
                                  LeafSpineHelper fabric;
                                  fabric.SetRadix(8);
                                  fabric.SetSwitchAttribute("FlowControl", StringValue("pfc"));
                                  fabric.SetSwitchAttribute("BufferMode", StringValue("shared"));
                                  fabric.SetSwitchAttribute("BufferBytes", UintegerValue(1 << 20));
                                  fabric.Install(nodes);
                              },
                              {"PfcHeadroomBytes = 131072", "no shared pool", "131072"}));
        AddTestCase(
            new FatalTestCase("shared credits reserved beyond the buffer",
                              []() {
                                  NodeContainer nodes;
                                  nodes.Create(4);
                                  LeafSpineHelper fabric;
                                  fabric.SetRadix(8);
                                  fabric.SetSwitchAttribute("BufferMode", StringValue("shared"));
                                  fabric.SetSwitchAttribute("BufferBytes", UintegerValue(400000));
                                  fabric.Install(nodes);
                              },
                              {"SharedReservedBytes = 65536", "1 ... 50000"}));
        AddTestCase(new FatalTestCase(
            "unknown flow control",
            []() { CreateObject<PacketSwitch>()->SetAttribute("FlowControl", StringValue("xon")); },
            {"FlowControl = xon", "credit or pfc"}));
        AddTestCase(new FatalTestCase(
            "unknown buffer mode",
            []() {
                CreateObject<PacketSwitch>()->SetAttribute("BufferMode", StringValue("dynamic"));
            },
            {"BufferMode = dynamic", "partitioned or shared"}));
        AddTestCase(new FatalTestCase("unknown transceiver preset",
                                      []() { LeafSpineHelper().SetTransceiver("dsp-3.2t"); },
                                      {"dsp-3.2t", "dsp-800g, dsp-1.6t, lpo-800g or cpo-1.6t"}));
        // The buffer takes these when the first port is wired: a later Config::Set must be
        // refused, not kept in the attribute while the buffer goes on with the old value.
        const std::vector<std::pair<std::string, std::function<void()>>> afterWiring{
            {"BufferBytes", []() { SetAfterWiring("BufferBytes", UintegerValue(1 << 20)); }},
            {"SharedAlpha", []() { SetAfterWiring("SharedAlpha", DoubleValue(0.5)); }},
            {"SharedReservedBytes",
             []() { SetAfterWiring("SharedReservedBytes", UintegerValue(8192)); }},
            {"PfcHeadroomBytes",
             []() { SetAfterWiring("PfcHeadroomBytes", UintegerValue(1 << 18)); }},
            {"PfcXoffBytes", []() { SetAfterWiring("PfcXoffBytes", UintegerValue(1 << 17)); }},
            {"PfcXonBytes", []() { SetAfterWiring("PfcXonBytes", UintegerValue(1 << 16)); }},
            {"ForwardingLatency",
             []() { SetAfterWiring("ForwardingLatency", TimeValue(NanoSeconds(100))); }},
            {"CutThrough", []() { SetAfterWiring("CutThrough", BooleanValue(true)); }},
            {"FlowControl", []() { SetAfterWiring("FlowControl", StringValue("pfc")); }},
            {"BufferMode", []() { SetAfterWiring("BufferMode", StringValue("shared")); }},
        };
        // A NIC's cells were checked against the switches' buffers at wiring.
        for (const std::string attribute : {"CellBytes", "HeaderBytes"})
        {
            AddTestCase(new FatalTestCase(
                "the NIC's " + attribute + " set after wiring",
                [attribute]() {
                    NodeContainer nodes;
                    nodes.Create(4);
                    LeafSpineHelper fabric;
                    fabric.SetRadix(8);
                    fabric.Install(nodes);
                    Config::Set("/NodeList/*/DeviceList/*/$ns3::PacketNetDevice/" + attribute,
                                UintegerValue(0));
                },
                {"PacketNetDevice::" + attribute, "cannot change once"}));
        }
        for (const auto& [name, fn] : afterWiring)
        {
            AddTestCase(new FatalTestCase(name + " set after wiring",
                                          fn,
                                          {"PacketSwitch::" + name, "cannot change once"}));
        }
        AddTestCase(new FatalTestCase(
            "unknown routing",
            []() { CreateObject<PacketSwitch>()->SetAttribute("Routing", StringValue("random")); },
            {"Routing = random", "ecmp, spray or adaptive"}));
    }
};

/// Static instance registering the suite.
ElectricalBadInputTestSuite g_electricalBadInputTestSuite;

} // namespace
