/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-determinism: the same seed and run give the same trace, event for
 * event; another run number gives other traffic that is still fully accounted for.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Runs random traffic on an on-demand fabric and records everything observable.
class RandomTrafficRun
{
  public:
    /// @param run RngRun number @return the trace of the run
    std::string Execute(uint64_t run)
    {
        RngSeedManager::SetSeed(12345);
        RngSeedManager::SetRun(run);
        FabricConfig c;
        c.nodes = 16;
        c.wavelengths = 2;
        c.wavelengthsPerCircuit = 1;
        c.reconfiguration = MicroSeconds(2);
        TestFabric f(c);
        for (uint32_t i = 0; i < c.nodes; ++i)
        {
            f.Dev(i)->TraceConnect("MacRx",
                                   std::to_string(i),
                                   MakeCallback(&RandomTrafficRun::OnRx, this));
        }
        f.crossbar->TraceConnectWithoutContext("CircuitUp",
                                               MakeCallback(&RandomTrafficRun::OnUp, this));

        Ptr<UniformRandomVariable> rv = CreateObject<UniformRandomVariable>();
        rv->SetStream(0);
        for (int k = 0; k < 300; ++k)
        {
            const uint32_t src = rv->GetInteger(0, c.nodes - 1);
            uint32_t dst = rv->GetInteger(0, c.nodes - 2);
            dst = dst >= src ? dst + 1 : dst;
            const uint32_t bytes = rv->GetInteger(1, 2 << 20);
            const Time at = NanoSeconds(rv->GetInteger(0, 200000));
            f.SendAt(at, src, dst, bytes);
        }
        Simulator::Run();
        m_conserved = f.Sent() == f.Received() + f.Dropped() + f.Queued();
        m_delivered = f.arrivals.size();
        Simulator::Destroy();
        return m_trace.str();
    }

    bool m_conserved{false}; //!< bytes conserved in the last run
    size_t m_delivered{0};   //!< frames delivered in the last run

  private:
    void OnRx(std::string node, Ptr<const Packet> p)
    {
        m_trace << Simulator::Now().GetTimeStep() << " rx " << node << " " << p->GetSize() << "\n";
    }

    void OnUp(uint32_t s, uint32_t sl, uint32_t d, uint32_t dl)
    {
        m_trace << Simulator::Now().GetTimeStep() << " up " << s << ":" << sl << "->" << d << ":"
                << dl << "\n";
    }

    std::ostringstream m_trace;
};

/// Two runs with one seed: identical; a third with another run number: different.
class SameSeedSameTraceTestCase : public TestCase
{
  public:
    SameSeedSameTraceTestCase()
        : TestCase("same seed and run: identical traces; other run: other, conserved traffic")
    {
    }

  private:
    void DoRun() override
    {
        RandomTrafficRun a;
        RandomTrafficRun b;
        RandomTrafficRun other;
        const std::string ta = a.Execute(1);
        const std::string tb = b.Execute(1);
        const std::string tc = other.Execute(2);
        NS_TEST_ASSERT_MSG_EQ(a.m_delivered, 300, "every frame delivered");
        NS_TEST_ASSERT_MSG_GT(ta.size(), 1000, "the trace records the run");
        NS_TEST_ASSERT_MSG_EQ((ta == tb), true, "same seed, same trace");
        NS_TEST_ASSERT_MSG_EQ((ta != tc), true, "another run number gives other traffic");
        NS_TEST_ASSERT_MSG_EQ(a.m_conserved && b.m_conserved && other.m_conserved,
                              true,
                              "bytes conserved in every run");
        NS_TEST_ASSERT_MSG_EQ(other.m_delivered, 300, "every frame delivered in the other run");
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// The suite.
class OpticalDeterminismTestSuite : public TestSuite
{
  public:
    OpticalDeterminismTestSuite()
        : TestSuite("scale-across-optical-determinism", TestSuite::Type::UNIT)
    {
        AddTestCase(new SameSeedSameTraceTestCase());
    }
};

/// Static instance registering the suite.
OpticalDeterminismTestSuite g_opticalDeterminismTestSuite;

} // namespace
