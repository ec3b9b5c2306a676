/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-p2p: the collectives run unchanged over ns-3's own point-to-point
 * devices (no Internet stack), and their times follow the same closed forms with that link's
 * rate and delay.
 */

#include "../collective-test-fixture.h"

#include "ns3/collective-helper.h"
#include "ns3/collective-transport.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Two ranks on one point-to-point link.
class PointToPointTestCase : public TestCase
{
  public:
    PointToPointTestCase(std::string collective, uint64_t bytes)
        : TestCase(collective + " of " + std::to_string(bytes) +
                   " B between 2 ranks on a 100 Gbps, 2 us point-to-point link"),
          m_collective(collective),
          m_bytes(bytes)
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Gbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2us"));
        NetDeviceContainer devices = p2p.Install(nodes);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("Collective", StringValue(m_collective));
        // The point-to-point device only carries IPv4 and IPv6 EtherTypes.
        nccl.SetTransportAttribute("ProtocolNumber", UintegerValue(0x0800));
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        comm->Run({m_bytes}, Seconds(0));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(comm->GetResults().size(), 1, "the operation completes");
        // Ring on 2 ranks: K steps of one block of n / 2 each; the PPP header is 2 bytes.
        const uint32_t steps = m_collective == "all_reduce" ? 2 : 1;
        const double t = (m_bytes / 2.0 + 37 + 2) / (100e9 / 8);
        const double expected = steps * (t + 2e-6);
        NS_TEST_ASSERT_MSG_EQ_TOL(comm->GetResults()[0].time.GetSeconds(),
                                  expected,
                                  (expected * 1e-3 + steps * 1e-9),
                                  "same closed form with the link's rate and delay");
        uint64_t sent = 0;
        uint64_t received = 0;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<CollectiveTransport> tr = nodes.Get(i)->GetObject<CollectiveTransport>();
            sent += tr->GetSentBytes();
            received += tr->GetReceivedBytes();
        }
        NS_TEST_ASSERT_MSG_EQ(sent, received, "every byte received");
        Simulator::Destroy();
    }

    std::string m_collective;
    uint64_t m_bytes;
};

/// The suite.
class CollectiveP2pTestSuite : public TestSuite
{
  public:
    CollectiveP2pTestSuite()
        : TestSuite("scale-across-collective-p2p", TestSuite::Type::SYSTEM)
    {
        for (uint64_t bytes : {uint64_t{1} << 20, uint64_t{64} << 20})
        {
            AddTestCase(new PointToPointTestCase("all_reduce", bytes));
            AddTestCase(new PointToPointTestCase("all_gather", bytes));
            AddTestCase(new PointToPointTestCase("reduce_scatter", bytes));
        }
    }
};

/// Static instance registering the suite.
CollectiveP2pTestSuite g_collectiveP2pTestSuite;

} // namespace
