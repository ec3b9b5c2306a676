/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-circuits-wavelength-routed: an AWGR sends port i's light on wavelength k to
 * port (i + k) mod N; with Sirius' cyclic schedule every laser moves to the next wavelength
 * each slot. An all-to-all of one frame per pair therefore completes at the closed form
 *
 *   T_a2a = (ceil((N - 1) / K) - 1) T_slot + T_tune + t + alpha
 *
 * (K lasers per NIC, t the frame's serialization, alpha the receiver's fixed latency plus the
 * fibers): the pair (i, j) meets in slot floor(((j - i) mod N - 1) / K), TuningTime after its
 * start, and every frame fits its slot.
 */

#include "../scale-across-test-fixture.h"

#include "ns3/byte-conservation.h"
#include "ns3/coherent-transceiver.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/wavelength-routed-circuit-scheduler.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Payload of a 2000-byte frame: 10 ns at 1.6 Tb/s.
constexpr uint32_t SMALL = 2000 - MAC_HEADER;

/// All-to-all of one frame per pair at t = 0 meets the closed form, frame by frame.
class AllToAllTestCase : public TestCase
{
  public:
    /// @param ports N @param lanes K (lasers per NIC)
    AllToAllTestCase(uint32_t ports, uint32_t lanes)
        : TestCase("AWGR all-to-all, N = " + std::to_string(ports) +
                   ", K = " + std::to_string(lanes) +
                   ", 100 ns slots, 4 ns tuning: every frame and the "
                   "whole at the closed form"),
          m_ports(ports),
          m_lanes(lanes)
    {
    }

  private:
    void DoRun() override
    {
        FabricConfig config;
        config.nodes = m_ports;
        config.wavelengths = m_lanes;
        config.wavelengthsPerCircuit = 1;
        config.fiberMeters = 0;
        config.technology = "AWGR";
        config.reconfiguration = NanoSeconds(4); // the preset's (the fixture sets it anyway)
        Ptr<WavelengthRoutedCircuitScheduler> awgr =
            CreateObject<WavelengthRoutedCircuitScheduler>();
        awgr->SetAttribute("SlotTime", TimeValue(NanoSeconds(100)));
        config.scheduler = awgr;
        TestFabric f(config);
        std::vector<uint32_t> wavelengthOfSlot;
        awgr->TraceConnectWithoutContext(
            "Slot",
            MakeCallback(+[](std::vector<uint32_t>* v, uint64_t, uint32_t k) {
                v->push_back(k);
            }).Bind(&wavelengthOfSlot));
        // Who sent each frame: the payload size encodes the sender.
        for (uint32_t i = 0; i < m_ports; ++i)
        {
            for (uint32_t k = 1; k < m_ports; ++k)
            {
                f.SendAt(Seconds(0), i, (i + k) % m_ports, SMALL - i);
            }
        }
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), m_ports * (m_ports - 1), "every frame");
        const int64_t alpha = 200; // DSP + FEC, ns; fibers of zero length
        Time last;
        for (const Arrival& a : f.arrivals)
        {
            const uint32_t src = SMALL - a.bytes;
            const uint32_t k = WavelengthRoutedCircuitScheduler::Wavelength(src, a.node, m_ports);
            const uint64_t slot = (k - 1) / m_lanes;
            // Senders differ by a byte or so: t is the frame's own, rounded once to 1 ns.
            const Time serialization =
                f.Dev(src)->GetTransceiver()->GetSerializationTime(a.bytes + MAC_HEADER, 1);
            NS_TEST_EXPECT_MSG_EQ(a.at,
                                  NanoSeconds(100 * slot + 4 + alpha) + serialization,
                                  src << " -> " << a.node << " on wavelength " << k);
            last = Max(last, a.at);
        }
        const uint64_t cycle = (m_ports - 1 + m_lanes - 1) / m_lanes;
        NS_TEST_EXPECT_MSG_EQ(last,
                              NanoSeconds(100 * (cycle - 1) + 4 + 10 + alpha),
                              "the all-to-all completes at the closed form");
        NS_TEST_EXPECT_MSG_EQ(wavelengthOfSlot.size(), cycle, "one slot per cycle step");
        for (uint64_t s = 0; s < wavelengthOfSlot.size(); ++s)
        {
            NS_TEST_EXPECT_MSG_EQ(wavelengthOfSlot[s],
                                  (s * m_lanes) % (m_ports - 1) + 1,
                                  "lane 0's wavelength in slot " << s);
        }
        std::string report;
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);
        Simulator::Destroy();
    }

    uint32_t m_ports; //!< N
    uint32_t m_lanes; //!< K
};

/// The wavelength of a pair is its distance around the ring of ports.
class WavelengthTestCase : public TestCase
{
  public:
    WavelengthTestCase()
        : TestCase("port i reaches port (i + k) mod N on wavelength k")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ(WavelengthRoutedCircuitScheduler::Wavelength(0, 1, 8), 1, "0->1");
        NS_TEST_EXPECT_MSG_EQ(WavelengthRoutedCircuitScheduler::Wavelength(6, 1, 8), 3, "6->1");
        NS_TEST_EXPECT_MSG_EQ(WavelengthRoutedCircuitScheduler::Wavelength(7, 6, 8), 7, "7->6");
    }
};

/// The suite.
class CircuitsWavelengthRoutedTestSuite : public TestSuite
{
  public:
    CircuitsWavelengthRoutedTestSuite()
        : TestSuite("scale-across-circuits-wavelength-routed", TestSuite::Type::SYSTEM)
    {
        AddTestCase(new WavelengthTestCase());
        AddTestCase(new AllToAllTestCase(8, 1));
        AddTestCase(new AllToAllTestCase(8, 2));
        AddTestCase(new AllToAllTestCase(5, 4));
        // The cycle took TuningTime as its set-up time when the run started.
        AddTestCase(new FatalTestCase(
            "TuningTime set after the run started",
            []() {
                FabricConfig config;
                config.nodes = 4;
                config.fiberMeters = 0;
                config.technology = "AWGR";
                config.reconfiguration = NanoSeconds(4);
                Ptr<WavelengthRoutedCircuitScheduler> awgr =
                    CreateObject<WavelengthRoutedCircuitScheduler>();
                awgr->SetAttribute("SlotTime", TimeValue(NanoSeconds(100)));
                config.scheduler = awgr;
                TestFabric f(config);
                f.SendAt(Seconds(0), 0, 1, SMALL);
                Simulator::Schedule(NanoSeconds(150), [awgr]() {
                    awgr->SetAttribute("TuningTime", TimeValue(NanoSeconds(8)));
                });
                Simulator::Run();
            },
            {"WavelengthRoutedCircuitScheduler::TuningTime", "cannot change once"}));
    }
};

/// Static instance registering the suite.
CircuitsWavelengthRoutedTestSuite g_circuitsWavelengthRoutedTestSuite;

} // namespace
