/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-protocol: NCCL protocol options. LL puts 2 wire bytes per data
 * byte and LL128 128/120; ProtocolLatency adds NCCL's base latency once and its network
 * latency before every send; a ReductionRate adds the reduce compute after every reducing
 * receive. Each against the ring closed form.
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

/// Ring all-reduce on 4 ranks with a protocol setting.
class ProtocolTestCase : public TestCase
{
  public:
    ProtocolTestCase(std::string protocol, bool latency, std::string reductionRate)
        : TestCase("ring all-reduce, 4 ranks, protocol " + protocol +
                   (latency ? " with latency" : "") +
                   (reductionRate.empty() ? "" : ", reduction at " + reductionRate)),
          m_protocol(protocol),
          m_latency(latency),
          m_reductionRate(reductionRate)
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
        const double block = n / static_cast<double>(p);
        const double t = (block * wire + FRAMING) / (1.6e12 / 8);
        double step = t + DefaultAlpha().GetSeconds();
        double base = 0;
        if (m_latency)
        {
            // NCCL tuning.cc: ring baseLat and hwLat[NET] in microseconds.
            base = m_protocol == "LL" ? 6.6e-6 : m_protocol == "LL128" ? 14.0e-6 : 8.4e-6;
            step += m_protocol == "LL" ? 2.7e-6 : m_protocol == "LL128" ? 4.0e-6 : 14.0e-6;
        }
        const uint32_t steps = 2 * (p - 1);
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

    std::string m_protocol;
    bool m_latency;
    std::string m_reductionRate;
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
        }
        AddTestCase(new ProtocolTestCase("Simple", false, "800Gbps"));
    }
};

/// Static instance registering the suite.
CollectiveProtocolTestSuite g_collectiveProtocolTestSuite;

} // namespace
