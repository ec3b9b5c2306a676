/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-bad-input: each bad collective request stops with one message
 * that names the value and what is valid.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/collective-helper.h"
#include "ns3/config.h"
#include "ns3/mac48-address.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simple-net-device.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// @return code that runs one operation of size bytes with communicator attributes set
std::function<void()>
RunOperation(uint32_t ranks,
             uint64_t bytes,
             std::vector<std::pair<std::string, std::string>> attributes)
{
    return [=]() {
        NodeContainer nodes;
        nodes.Create(ranks);
        CollectiveHelper nccl;
        for (const auto& [name, value] : attributes)
        {
            nccl.SetCommunicatorAttribute(name, StringValue(value));
        }
        OpticalFabricHelper fabric;
        Ptr<CollectiveCommunicator> comm = nccl.Install(fabric.Install(nodes));
        comm->Run({bytes}, Seconds(0));
    };
}

/// @return code that builds 4 ranks on an optical fabric and calls f on their communicator
std::function<void()>
PointToPoint(std::function<void(Ptr<CollectiveCommunicator>)> f)
{
    return [=]() {
        NodeContainer nodes;
        nodes.Create(4);
        OpticalFabricHelper fabric;
        f(CollectiveHelper().Install(fabric.Install(nodes)));
    };
}

/// The suite.
class CollectiveBadInputTestSuite : public TestSuite
{
  public:
    CollectiveBadInputTestSuite()
        : TestSuite("scale-across-collective-bad-input", TestSuite::Type::UNIT)
    {
        Add("0 ranks", []() { CollectiveHelper().Install(NetDeviceContainer()); }, {"0 ranks"});
        Add("size not a multiple of 4",
            RunOperation(4, 1022, {}),
            {"size = 1022", "multiple of 4"});
        Add("all-gather size not divisible by the ranks",
            RunOperation(3, 1000, {{"Collective", "all_gather"}}),
            {"size = 1000", "3 ranks", "multiple of 4 x ranks = 12"});
        Add("unknown algorithm",
            RunOperation(4, 1024, {{"Algorithm", "butterfly"}}),
            {"all_reduce/butterfly", "all_reduce/ring, all_reduce/tree"});
        Add("unknown collective",
            RunOperation(4, 1024, {{"Collective", "allreduce"}}),
            {"allreduce/ring", "valid"});
        Add("halving-doubling on 6 ranks",
            RunOperation(6, 6 * 1024, {{"Algorithm", "halving_doubling"}}),
            {"ranks = 6", "power of two"});
        Add("broadcast root out of range",
            RunOperation(4, 1024, {{"Collective", "broadcast"}, {"Root", "4"}}),
            {"root = 4", "0 ... 3"});
        Add("unknown protocol",
            RunOperation(4, 1024, {{"Protocol", "LL64"}}),
            {"Protocol = \"LL64\"", "Simple, LL128 or LL"});
        Add("unknown credit return",
            RunOperation(4, 1024, {{"CreditReturn", "Instant"}}),
            {"CreditReturn = \"Instant\"", "ReversePath or Fixed"});
        Add("a Send to the sending rank itself",
            PointToPoint([](Ptr<CollectiveCommunicator> comm) { comm->Send(1, 1, 64); }),
            {"rank 1 and peer 1", "two different ranks below 4"});
        Add("a Recv whose size differs from its Send's",
            PointToPoint([](Ptr<CollectiveCommunicator> comm) {
                comm->Send(0, 1, 64);
                comm->Recv(1, 0, 128);
            }),
            {"Recvs 128 bytes", "Send of rank 0 has 64 bytes", "must be equal"});
        Add("ReversePath credits over a device without a path latency",
            []() {
                NodeContainer nodes;
                nodes.Create(2);
                Ptr<SimpleNetDevice> a = CreateObject<SimpleNetDevice>();
                Ptr<SimpleNetDevice> b = CreateObject<SimpleNetDevice>();
                nodes.Get(0)->AddDevice(a);
                nodes.Get(1)->AddDevice(b);
                a->SetAddress(Mac48Address::Allocate());
                b->SetAddress(Mac48Address::Allocate());
                NetDeviceContainer devices(a); // on no channel: no Delay to read
                devices.Add(b);
                Ptr<CollectiveCommunicator> comm = CollectiveHelper().Install(devices);
                comm->GetCreditLatency(1, 0);
            },
            {"CreditReturn = ReversePath",
             "no channel with a Delay attribute",
             "CreditReturn = Fixed"});
        Add("a rank on a node without a device",
            []() {
                NodeContainer nodes;
                nodes.Create(3);
                NodeContainer two(nodes.Get(0), nodes.Get(1));
                OpticalFabricHelper().Install(two);
                CollectiveHelper().Install(nodes);
            },
            {"rank 2", "has no NetDevice"});
        Add("two ranks of one communicator on one node",
            []() {
                NodeContainer nodes;
                nodes.Create(2);
                NetDeviceContainer devices = OpticalFabricHelper().Install(nodes);
                devices.Add(devices.Get(0));
                CollectiveHelper().Install(devices);
            },
            {"already holds a rank of communicator", "one rank per node"});
        // The node's handler listens on the number the transport had when it was attached.
        Add("the transport's ProtocolNumber set after Install",
            PointToPoint([](Ptr<CollectiveCommunicator>) {
                Config::Set("/NodeList/*/$ns3::CollectiveTransport/ProtocolNumber",
                            UintegerValue(0x0800));
            }),
            {"CollectiveTransport::ProtocolNumber", "cannot change once"});
    }

  private:
    void Add(std::string what, std::function<void()> fn, std::vector<std::string> words)
    {
        AddTestCase(new FatalTestCase(what, fn, words));
    }
};

/// Static instance registering the suite.
CollectiveBadInputTestSuite g_collectiveBadInputTestSuite;

} // namespace
