/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-optical-transfer: a transfer on a circuit arrives exactly at
 * serialization + DSP/FEC + propagation (+ switching, + reconfiguration when the circuit
 * had to be set up), for several sizes, rates, wavelength counts and fiber lengths.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/coherent-transceiver.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// One frame 0 -> 1 on a static circuit, against the closed form.
class SingleTransferTestCase : public TestCase
{
  public:
    SingleTransferTestCase(uint32_t bytes,
                           std::string rate,
                           uint32_t wavelengths,
                           double fiberMeters,
                           Time switching)
        : TestCase(Describe(bytes, rate, wavelengths, fiberMeters)),
          m_bytes(bytes),
          m_rate(rate),
          m_wavelengths(wavelengths),
          m_fiber(fiberMeters),
          m_switching(switching)
    {
    }

  private:
    static std::string Describe(uint32_t bytes, std::string rate, uint32_t w, double fiber)
    {
        std::ostringstream os;
        os << bytes << " B at " << rate << " x " << w << " wavelengths over 2 x " << fiber
           << " m of fiber";
        return os.str();
    }

    void DoRun() override
    {
        FabricConfig c;
        c.ratePerWavelength = m_rate;
        c.wavelengths = m_wavelengths;
        c.fiberMeters = m_fiber;
        c.switching = m_switching;
        c.staticCircuits = {{0, 1}};
        TestFabric f(c);
        const Time t0 = MicroSeconds(3);
        f.SendAt(t0, 0, 1, m_bytes);
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame sent, one received");
        const Time expected = t0 + ClosedFormTransfer(m_bytes,
                                                      m_wavelengths,
                                                      DataRate(m_rate).GetBitRate(),
                                                      c.dsp + c.fec,
                                                      2 * m_fiber,
                                                      m_switching);
        NS_TEST_ASSERT_MSG_EQ_TOL(f.arrivals[0].at,
                                  expected,
                                  NanoSeconds(1),
                                  "arrival differs from the closed form");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals[0].bytes, m_bytes, "payload size changed");
        NS_TEST_ASSERT_MSG_EQ(f.Sent(),
                              f.Received() + f.Dropped() + f.Queued(),
                              "bytes not conserved");
        NS_TEST_ASSERT_MSG_EQ(f.Dropped(), 0, "nothing may be dropped");
        Simulator::Destroy();
    }

    uint32_t m_bytes;
    std::string m_rate;
    uint32_t m_wavelengths;
    double m_fiber;
    Time m_switching;
};

/// The first frame on an on-demand fabric pays one reconfiguration, the next ones none.
class OnDemandSetupTestCase : public TestCase
{
  public:
    OnDemandSetupTestCase(Time reconfiguration)
        : TestCase("on-demand circuit: first frame pays " +
                   std::to_string(reconfiguration.GetNanoSeconds()) +
                   " ns of reconfiguration, the second none"),
          m_reconf(reconfiguration)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.reconfiguration = m_reconf;
        c.fiberMeters = 25;
        TestFabric f(c);
        const uint32_t bytes = 1 << 20;
        f.SendAt(Seconds(0), 0, 1, bytes);
        const Time later = m_reconf + MilliSeconds(1);
        f.SendAt(later, 0, 1, bytes);
        Simulator::Run();

        const Time one = ClosedFormTransfer(bytes, 1, 1.6e12, c.dsp + c.fec, 50, c.switching);
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 2, "two frames sent, two received");
        NS_TEST_ASSERT_MSG_EQ_TOL(f.arrivals[0].at,
                                  m_reconf + one,
                                  NanoSeconds(1),
                                  "first frame: reconfiguration + transfer");
        NS_TEST_ASSERT_MSG_EQ_TOL(f.arrivals[1].at,
                                  later + one,
                                  NanoSeconds(1),
                                  "second frame: the idle circuit is kept, no reconfiguration");
        NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received(), "bytes not conserved");
        Simulator::Destroy();
    }

    Time m_reconf;
};

/// Back-to-back frames on one circuit are serialized one after the other, without gaps.
class BackToBackTestCase : public TestCase
{
  public:
    BackToBackTestCase()
        : TestCase("8 back-to-back 1 MiB frames: k-th arrives after k serializations")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.wavelengths = 2;
        c.staticRing = true;
        c.nodes = 3;
        TestFabric f(c);
        const uint32_t bytes = 1 << 20;
        const int frames = 8;
        for (int k = 0; k < frames; ++k)
        {
            f.SendAt(Seconds(0), 0, 1, bytes);
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), frames, "every frame arrives");
        const double ser = 8.0 * (bytes + MAC_HEADER) / (2 * 1.6e12);
        const Time fixed = c.dsp + c.fec + Seconds(2 * c.fiberMeters * FIBER_INDEX / 299792458.0);
        for (int k = 0; k < frames; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(f.arrivals[k].at,
                                      Seconds((k + 1) * ser) + fixed,
                                      NanoSeconds(frames),
                                      "frame " << k << " arrives after " << k + 1
                                               << " serializations");
        }
        Simulator::Destroy();
    }
};

/// Wavelengths as separate circuits: 4 peers at once, each at a quarter of the rate.
class SplitWavelengthsTestCase : public TestCase
{
  public:
    SplitWavelengthsTestCase()
        : TestCase("4 wavelengths as 4 circuits: 4 concurrent peers at 1 wavelength each")
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig c;
        c.nodes = 5;
        c.wavelengths = 4;
        c.wavelengthsPerCircuit = 1;
        c.staticCircuits = {{0, 1}, {0, 2}, {0, 3}, {0, 4}};
        TestFabric f(c);
        const uint32_t bytes = 4 << 20;
        for (uint32_t d = 1; d <= 4; ++d)
        {
            f.SendAt(Seconds(0), 0, d, bytes);
        }
        Simulator::Run();
        const Time one = ClosedFormTransfer(bytes, 1, 1.6e12, c.dsp + c.fec, 20, c.switching);
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 4, "four frames, four arrivals");
        for (const auto& a : f.arrivals)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(a.at,
                                      one,
                                      NanoSeconds(1),
                                      "node " << a.node << ": one wavelength's rate, in parallel");
        }
        NS_TEST_ASSERT_MSG_EQ(f.Sent(), f.Received(), "bytes not conserved");
        Simulator::Destroy();
    }
};

/// The suite.
class OpticalTransferTestSuite : public TestSuite
{
  public:
    OpticalTransferTestSuite()
        : TestSuite("scale-across-optical-transfer", TestSuite::Type::UNIT)
    {
        for (uint32_t bytes : {1u, 1500u, 65536u, 1u << 20, 16u << 20})
        {
            AddTestCase(new SingleTransferTestCase(bytes, "1600Gbps", 1, 10, Seconds(0)));
        }
        for (uint32_t w : {2u, 4u, 16u})
        {
            AddTestCase(new SingleTransferTestCase(1u << 20, "1600Gbps", w, 10, Seconds(0)));
        }
        AddTestCase(new SingleTransferTestCase(1u << 20, "400Gbps", 8, 10, Seconds(0)));
        AddTestCase(new SingleTransferTestCase(12345, "100Gbps", 3, 0, Seconds(0)));
        AddTestCase(new SingleTransferTestCase(1u << 20, "1600Gbps", 1, 2000, NanoSeconds(3)));
        AddTestCase(new OnDemandSetupTestCase(MicroSeconds(1)));
        AddTestCase(new OnDemandSetupTestCase(MilliSeconds(10)));
        AddTestCase(new BackToBackTestCase());
        AddTestCase(new SplitWavelengthsTestCase());
    }
};

/// Static instance registering the suite.
OpticalTransferTestSuite g_opticalTransferTestSuite;

} // namespace
