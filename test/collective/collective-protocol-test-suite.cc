/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-protocol: NCCL protocol options. LL puts 2 wire bytes per data
 * byte and LL128 128/120; ProtocolLatency adds NCCL's base latency once and its network
 * latency before every send; a ReductionRate adds the reduce compute after every reducing
 * receive. Each against the ring closed form.
 *
 * The network latency per send is NCCL's hwLat[NET] (src/graph/tuning.cc, microseconds):
 *            ring   tree
 *   Simple   14.0   14.0
 *   LL128     4.0    8.5
 *   LL        2.7    5.0
 * and since NCCL 2.23, with one rank per node (always so here), the rings of all-reduce,
 * all-gather and reduce-scatter pay the tree's column; a broadcast ring keeps its own.
 */

#include "../collective-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/collective-circuit-helper.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// NCCL hwLat[NET] of a protocol, seconds: the ring's and the tree's column.
double
NetLatency(const std::string& protocol, bool treeColumn)
{
    if (protocol == "LL")
    {
        return treeColumn ? 5.0e-6 : 2.7e-6;
    }
    if (protocol == "LL128")
    {
        return treeColumn ? 8.5e-6 : 4.0e-6;
    }
    return 14.0e-6;
}

/// NCCL baseLat of a protocol for rings, seconds.
double
RingBaseLatency(const std::string& protocol)
{
    return protocol == "LL" ? 6.6e-6 : protocol == "LL128" ? 14.0e-6 : 8.4e-6;
}

/// A ring collective on 4 ranks with a protocol setting.
class ProtocolTestCase : public TestCase
{
  public:
    ProtocolTestCase(std::string protocol,
                     bool latency,
                     std::string reductionRate,
                     std::string collective = "all_reduce")
        : TestCase("ring " + collective + ", 4 ranks, protocol " + protocol +
                   (latency ? " with latency" : "") +
                   (reductionRate.empty() ? "" : ", reduction at " + reductionRate)),
          m_protocol(protocol),
          m_latency(latency),
          m_reductionRate(reductionRate),
          m_collective(collective)
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t p = 4;
        const uint64_t n = 16 << 20;
        NodeContainer nodes;
        nodes.Create(p);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("Collective", StringValue(m_collective));
        nccl.SetCommunicatorAttribute("Protocol", StringValue(m_protocol));
        nccl.SetCommunicatorAttribute("ProtocolLatency", BooleanValue(m_latency));
        if (!m_reductionRate.empty())
        {
            nccl.SetCommunicatorAttribute("ReductionRate", StringValue(m_reductionRate));
        }
        OpticalFabricHelper fabric;
        fabric.SetCircuitScheduler(CollectiveCircuitHelper(nccl).MakeStaticCircuits(p, n));
        Ptr<CollectiveCommunicator> comm = nccl.Install(fabric.Install(nodes));
        comm->Run({n}, Seconds(0));
        Simulator::Run();

        const double wire = m_protocol == "LL" ? 2.0 : m_protocol == "LL128" ? 128.0 / 120 : 1.0;
        // A ring all-reduce moves n/p per step in 2(p-1) steps; a chain broadcast (no
        // pipelining) moves all n in p-1 hops.
        const bool broadcast = m_collective == "broadcast";
        const double block = broadcast ? n : n / static_cast<double>(p);
        const double t = (block * wire + FRAMING) / (1.6e12 / 8);
        double step = t + DefaultAlpha().GetSeconds();
        double base = 0;
        if (m_latency)
        {
            // One rank per node: all-reduce rings pay the tree's network latency per send
            // (NCCL >= 2.23); a broadcast ring pays the ring's.
            base = RingBaseLatency(m_protocol);
            step += NetLatency(m_protocol, !broadcast);
        }
        const uint32_t steps = broadcast ? p - 1 : 2 * (p - 1);
        double expected = base + steps * step;
        if (!m_reductionRate.empty())
        {
            // The p - 1 reduce-scatter steps each wait for their reduction.
            expected += (p - 1) * 8 * block / DataRate(m_reductionRate).GetBitRate();
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(comm->GetResults().at(0).time.GetSeconds(),
                                  expected,
                                  (expected * 1e-3 + steps * 1e-9),
                                  "closed form with the protocol's efficiency and latency");
        Simulator::Destroy();
    }

    std::string m_protocol;      //!< NCCL protocol
    bool m_latency;              //!< ProtocolLatency
    std::string m_reductionRate; //!< ReductionRate, "" for none
    std::string m_collective;    //!< all_reduce or broadcast
};

/// The suite.
class CollectiveProtocolTestSuite : public TestSuite
{
  public:
    CollectiveProtocolTestSuite()
        : TestSuite("scale-across-collective-protocol", TestSuite::Type::UNIT)
    {
        for (const char* protocol : {"Simple", "LL128", "LL"})
        {
            AddTestCase(new ProtocolTestCase(protocol, false, ""));
            AddTestCase(new ProtocolTestCase(protocol, true, ""));
            AddTestCase(new ProtocolTestCase(protocol, true, "", "broadcast"));
        }
        AddTestCase(new ProtocolTestCase("Simple", false, "800Gbps"));
    }
};

/// Static instance registering the suite.
CollectiveProtocolTestSuite g_collectiveProtocolTestSuite;

} // namespace
