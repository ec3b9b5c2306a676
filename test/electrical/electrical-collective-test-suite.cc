/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-collective: collectives over the packet fabrics through
 * CollectiveHelper, exactly as over the optical fabric.
 *
 *  - Oversubscription (DESIGN.md section 3): an r:1 leaf-spine, radix 8 and r = 3 (6 hosts
 *    and 2 uplinks per leaf), 2 leaves, per-cell spraying. A permutation from every host of
 *    leaf 0 to one of leaf 1 loads each uplink with 6 / 2 = 3 = r flows, so each flow gets
 *    1 / r of the line rate: the uplinks send 3 C cells each, back to back. A ring all-reduce
 *    in host order crosses each leaf boundary once per direction (one flow, sprayed over 2
 *    uplinks: full rate); the strided ring (ranks alternate between leaves, every hop
 *    crosses) puts 6 flows on each leaf's 2 uplinks: 1 / r of the host-order ring's busbw.
 *  - A ring all-reduce of 256 MiB on 16 ranks of a non-blocking fat-tree (k = 4) reaches at
 *    least 90 % of the optical fabric's busbw at the same per-endpoint rate (1.6 Tb/s, one
 *    wavelength; ideal static circuits there).
 */

#include "../collective-test-fixture.h"
#include "../electrical-test-fixture.h"

#include "ns3/collective-helper.h"
#include "ns3/fat-tree-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint32_t RADIX = 8;  //!< leaf-spine radix
constexpr double R = 3;        //!< oversubscription
constexpr uint32_t HOSTS = 6;  //!< hosts per leaf at radix 8, r = 3
constexpr uint16_t MTU = 4096; //!< payload per packet

/// Every host of leaf 0 sends to one of leaf 1 at once, sprayed over r:1 uplinks.
class PermutationTestCase : public TestCase
{
  public:
    PermutationTestCase()
        : TestCase("permutation across an r:1 leaf-spine: each flow at 1 over r of the line rate")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t cells = 32;
        const uint32_t header = 104; // 4200 wire bytes: 42 ns at 800 Gb/s
        const double t = (MTU + header) / 100.0;
        const double d = 49;
        const double latency = 600;
        PacketFabric f;
        f.nodes.Create(2 * HOSTS);
        LeafSpineHelper fabric;
        fabric.SetRadix(RADIX);
        fabric.SetOversubscription(R);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(header));
        fabric.SetSwitchAttribute("Routing", StringValue("spray"));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        NS_TEST_ASSERT_MSG_EQ(fabric.GetHostsPerLeaf(), HOSTS, "hosts per leaf");
        NS_TEST_ASSERT_MSG_EQ(fabric.GetSpines(), 2, "uplinks per leaf");
        f.Record();
        for (uint32_t i = 0; i < HOSTS; ++i)
        {
            f.SendAt(Seconds(0), i, HOSTS + i, cells * MTU);
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), HOSTS, "every flow delivered");
        // Per uplink: r C cells, back to back from t0; then spine and leaf 1.
        const uint32_t perUplink = HOSTS * cells / 2;
        NS_TEST_EXPECT_MSG_EQ(f.switches[0]->GetTxCells(HOSTS), perUplink, "uplink 0");
        NS_TEST_EXPECT_MSG_EQ(f.switches[0]->GetTxCells(HOSTS + 1), perUplink, "uplink 1");
        const double end = (t + d + latency) + perUplink * t + 2 * (t + d + latency) + d;
        // Cells of one flow may meet at leaf 1's port to its host, from the two spines at
        // once: one cell time of slack.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(f.LastArrival().GetNanoSeconds(), end, "uplinks are busy");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(f.LastArrival().GetNanoSeconds(), end + t, "and only they");
        for (uint32_t i = 0; i < HOSTS; ++i)
        {
            // Each flow's rate: S / (time less the fixed latency), against the line rate.
            const double fixed = 3 * (t + d + latency) + d;
            const double rate =
                cells * (MTU + header) / (f.LastArrivalAt(HOSTS + i).GetNanoSeconds() - fixed);
            NS_TEST_EXPECT_MSG_EQ_TOL(rate / 100, 1 / R, 0.03, "flow " << i << ": 1/r");
        }
        NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
        Simulator::Destroy();
    }
};

/// @param strided ranks alternate between the two leaves @return busbw of a ring all-reduce
double
RingOnOversubscribed(bool strided)
{
    NodeContainer nodes;
    nodes.Create(2 * HOSTS);
    LeafSpineHelper fabric;
    fabric.SetRadix(RADIX);
    fabric.SetOversubscription(R);
    fabric.SetDeviceAttribute("CellBytes", UintegerValue(16 * MTU));
    fabric.SetSwitchAttribute("Routing", StringValue("spray"));
    NetDeviceContainer hosts = fabric.Install(nodes);
    NetDeviceContainer ranks;
    for (uint32_t r = 0; r < 2 * HOSTS; ++r)
    {
        ranks.Add(hosts.Get(strided ? (r % 2) * HOSTS + r / 2 : r));
    }
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
    nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(1 << 20));
    Ptr<CollectiveCommunicator> comm = nccl.Install(ranks);
    comm->Run({48 << 20}, Seconds(0));
    Simulator::Run();
    const double busbw = comm->GetResults().empty() ? 0 : comm->GetResults().at(0).busbw;
    Simulator::Destroy();
    return busbw;
}

/// A ring all-reduce spanning leaves: 1/r when every hop crosses, full rate in host order.
class OversubscribedRingTestCase : public TestCase
{
  public:
    OversubscribedRingTestCase()
        : TestCase(
              "ring all-reduce on an r:1 leaf-spine: host order at line rate, strided at 1 over r")
    {
    }

  private:
    void DoRun() override
    {
        const double line = 100; // GB/s at 800 Gb/s
        const double inOrder = RingOnOversubscribed(false);
        const double strided = RingOnOversubscribed(true);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(inOrder, 0.9 * line, "host order: one crossing per leaf");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(inOrder, line, "below the line rate");
        NS_TEST_EXPECT_MSG_EQ_TOL(strided / inOrder, 1 / R, 0.1 / R, "strided: 1/r");
    }
};

/// Electrical fat-tree against the optical fabric at the same per-endpoint rate.
class FatTreeAgainstOpticalTestCase : public TestCase
{
  public:
    FatTreeAgainstOpticalTestCase()
        : TestCase("ring all-reduce, 256 MiB, 16 ranks: fat-tree k=4 >= 90% of optical busbw")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t bytes = uint64_t{256} << 20;
        CollectiveRunConfig optical;
        optical.ranks = 16;
        optical.wavelengths = 1;
        optical.chunkBytes = 1 << 20;
        optical.sizes = {bytes};
        const CollectiveRunOutcome o = RunCollective(optical);
        NS_TEST_ASSERT_MSG_EQ(o.results.size(), 1, "optical run");

        NodeContainer nodes;
        nodes.Create(16);
        FatTreeHelper fabric;
        fabric.SetK(4);
        fabric.MatchOpticalNic(1);
        fabric.SetDeviceAttribute("CellBytes", UintegerValue(64 * MTU));
        NetDeviceContainer devices = fabric.Install(nodes);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
        nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(1 << 20));
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        comm->Run({bytes}, Seconds(0));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(comm->GetResults().size(), 1, "electrical run");
        const double electrical = comm->GetResults().at(0).busbw;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(electrical,
                                    0.9 * o.results[0].busbw,
                                    "electrical " << electrical << " GB/s against optical "
                                                  << o.results[0].busbw << " GB/s");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(electrical, o.results[0].busbw, "not above the optical");
        const ByteCounters sum = ByteConservation::Sum(devices);
        NS_TEST_EXPECT_MSG_EQ(sum.delivered, sum.sent, "every byte delivered");
        Simulator::Destroy();
    }
};

/// The suite.
class ElectricalCollectiveTestSuite : public TestSuite
{
  public:
    ElectricalCollectiveTestSuite()
        : TestSuite("scale-across-electrical-collective", TestSuite::Type::UNIT)
    {
        AddTestCase(new PermutationTestCase());
        AddTestCase(new OversubscribedRingTestCase());
        AddTestCase(new FatTreeAgainstOpticalTestCase());
    }
};

/// Static instance registering the suite.
ElectricalCollectiveTestSuite g_electricalCollectiveTestSuite;

} // namespace
