/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-transceiver: pluggable transceivers on the links of a leaf-spine.
 *
 * Path: host 0 (leaf 0) to host 2 (leaf 1) crosses 4 links (host, leaf-spine, spine-leaf,
 * host) and 3 switches. A link with a transceiver at each end adds 2 x Latency to a cell's
 * path, so one cell of w wire bytes arrives, store-and-forward, at
 *   4 (w / B + d) + 3 L + 2 x Latency x (links with transceivers)
 * (2 such links with SetTransceiver(preset), 4 with host links too); a frame of C cells at
 * (C + 3) w / B + 4 d + 3 L + the same transceiver term.
 *
 * Energy: each transceiver reports EnergyPerBit x the bits its end sent + PowerWatts x the time
 * since its link was connected (time 0 here). After one frame of W wire bytes, the two
 * transceivers that sent it (leaf 0 up, the spine down) carried 8 W bits each and the others
 * none, so the fabric's transceivers hold pJ/bit x 16 W + n x PowerWatts x T, T the end of
 * the run (stopped at 100 us, well after the last cell).
 */

#include "../electrical-test-fixture.h"

#include "ns3/double.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/packet-link.h"
#include "ns3/packet-transceiver.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint16_t MTU = 4096;          //!< payload per packet
constexpr uint32_t HEADER = 104;        //!< 4200 wire bytes per packet: 42 ns at 800 Gb/s
constexpr uint32_t WIRE = MTU + HEADER; //!< wire bytes per cell
constexpr double T_CELL = WIRE / 100.0; //!< ns per cell at 800 Gb/s
constexpr double D = 49;                //!< link delay, ns
constexpr double L = 600;               //!< forwarding latency, ns

/// One frame across the spine, with transceivers on some links.
class TransceiverPathTestCase : public TestCase
{
  public:
    /**
     * @param preset the transceivers' preset
     * @param hostLinks transceivers on host links too
     * @param cells cells of the frame
     */
    TransceiverPathTestCase(std::string preset, bool hostLinks, uint32_t cells)
        : TestCase(preset + (hostLinks ? " on every link, " : " between switches, ") +
                   std::to_string(cells) + " cells"),
          m_preset(std::move(preset)),
          m_hostLinks(hostLinks),
          m_cells(cells)
    {
    }

  private:
    void DoRun() override
    {
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4); // 2 hosts and 2 spines per leaf: 2 leaves
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetTransceiver(m_preset, m_hostLinks);
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        f.SendAt(Seconds(0), 0, 2, m_cells * MTU);
        // Past the last event: the last credits reach their sender 2 x Latency after it.
        Simulator::Stop(MicroSeconds(100));
        Simulator::Run();
        const double latency = PacketTransceiver::GetPreset(m_preset).latency.GetNanoSeconds();
        const uint32_t withTransceivers = m_hostLinks ? 4 : 2;
        NS_TEST_EXPECT_MSG_EQ(fabric.GetTransceivers().size(),
                              2 * (m_hostLinks ? 8 : 4),
                              "two per link that has them");
        const double expected =
            (m_cells + 3) * T_CELL + 4 * D + 3 * L + 2 * latency * withTransceivers;
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals[0].at,
                              NanoSeconds(static_cast<int64_t>(expected)),
                              "(C + 3) w / B + 4 d + 3 L + 2 x Latency per link");
        NS_TEST_EXPECT_MSG_EQ(f.CreditsBalance(), true, "every credit returned");
        Simulator::Destroy();
    }

    std::string m_preset; //!< preset
    bool m_hostLinks;     //!< host links too
    uint32_t m_cells;     //!< C
};

/// Energy = pJ/bit x bits + W x time, for each transceiver and for all of them.
class TransceiverEnergyTestCase : public TestCase
{
  public:
    TransceiverEnergyTestCase()
        : TestCase("energy after a transfer: pJ per bit x bits carried + W x time")
    {
    }

  private:
    void DoRun() override
    {
        const double pj = 5;
        const double watts = 9;
        const uint32_t cells = 16;
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetTransceiverAttribute("EnergyPerBit", DoubleValue(pj));
        fabric.SetTransceiverAttribute("PowerWatts", DoubleValue(watts));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        f.SendAt(Seconds(0), 0, 2, cells * MTU);
        Simulator::Stop(MicroSeconds(100));
        Simulator::Run();
        const double t = Simulator::Now().GetSeconds();
        const uint64_t frameBits = uint64_t{8} * cells * WIRE;
        uint64_t bits = 0;
        uint32_t carrying = 0;
        double joules = 0;
        for (const Ptr<PacketTransceiver>& x : fabric.GetTransceivers())
        {
            const uint64_t b = x->GetBitsCarried();
            NS_TEST_EXPECT_MSG_EQ((b == 0 || b == frameBits), true, "all of the frame or none");
            carrying += b > 0 ? 1 : 0;
            bits += b;
            NS_TEST_EXPECT_MSG_EQ_TOL(x->GetEnergyJoules(),
                                      pj * 1e-12 * static_cast<double>(b) + watts * t,
                                      1e-15,
                                      "pJ/bit x bits + W x time");
            joules += x->GetEnergyJoules();
        }
        const size_t n = fabric.GetTransceivers().size();
        NS_TEST_EXPECT_MSG_EQ(n, 8, "4 links between switches, 2 ends each");
        NS_TEST_EXPECT_MSG_EQ(carrying, 2, "leaf 0 up and the spine down");
        NS_TEST_EXPECT_MSG_EQ(bits, 2 * frameBits, "the frame's wire bits, twice");
        NS_TEST_EXPECT_MSG_EQ_TOL(joules,
                                  pj * 1e-12 * 2 * static_cast<double>(frameBits) + n * watts * t,
                                  1e-14,
                                  "the fabric's transceivers");
        Simulator::Destroy();
    }
};

/// The suite.
class ElectricalTransceiverTestSuite : public TestSuite
{
  public:
    ElectricalTransceiverTestSuite()
        : TestSuite("scale-across-electrical-transceiver", TestSuite::Type::UNIT)
    {
        AddTestCase(new TransceiverPathTestCase("dsp-800g", false, 1));
        AddTestCase(new TransceiverPathTestCase("dsp-800g", true, 1));
        AddTestCase(new TransceiverPathTestCase("lpo-800g", false, 8));
        AddTestCase(new TransceiverPathTestCase("cpo-1.6t", true, 8));
        AddTestCase(new TransceiverEnergyTestCase());
    }
};

/// Static instance registering the suite.
ElectricalTransceiverTestSuite g_electricalTransceiverTestSuite;

} // namespace
