/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-shared-buffer: a shared buffer (BufferMode = shared) absorbs an
 * incast burst that the same buffer split among the input ports (partitioned) cannot.
 *
 * m = 3 hosts of one leaf (8 ports) send C = 64 cells each to a fourth host. The leaf's port
 * to the receiver drains one cell per w / B, in arrival order, so each sender's cells leave at
 * a third of the rate they came in: when a sender has sent x cells, about x (1 - 1/m) of them
 * are still buffered.
 *  - Credits: a sender also waits for the credits of cells that have left but whose credits
 *    are on their way back (the credit loop w / B + 2 d + L, 17.6 cells, a third of it its
 *    own): it needs about C (1 - 1/m) + 17.6 / m = 48.6 cells of credit. Partitioned, it holds
 *    BufferBytes / 8 = 40 cells: it stalls. Shared (SharedReservedBytes = 20 cells, alpha = 1):
 *    its allocation grows by grants from the pool (BufferBytes - 8 x 20 cells = 160 cells free
 *    at the start) up to 20 + alpha x free, which stays above 49 cells (free >= 320 - 3 x 49 -
 *    5 x 20 = 73), so it never stalls: its last cell ends at exactly C w / B.
 *  - PFC, partitioned (PfcXoffBytes = 24 cells < C (1 - 1/m) = 42.7): every port is paused.
 *    Shared (PfcXoffBytes above the burst, alpha = 1): the pool is P = BufferBytes - 8 x
 *    headroom = 344 - 152 = 192 cells, and a port is paused only when its backlog q reaches
 *    P - Q = P - 3 q, i.e. q >= 48 cells: never, so every sender ends at C w / B.
 * In all four, the last frame arrives at t0 + m C w / B + d (the receiver's port never
 * idles), nothing is lost, the buffer never holds more than BufferBytes, and credits are never
 * over-committed (the credits allotted never exceed BufferBytes and come back at the end).
 */

#include "../electrical-test-fixture.h"

#include "ns3/double.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
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
constexpr uint32_t PORTS = 8;           //!< leaf radix
constexpr uint32_t SENDERS = 3;         //!< m
constexpr uint32_t CELLS = 64;          //!< C

/// One incast under one flow control and one buffer mode.
class SharedBufferTestCase : public TestCase
{
  public:
    /// @param pfc PFC, else credits @param shared shared, else partitioned
    SharedBufferTestCase(bool pfc, bool shared)
        : TestCase(std::string(pfc ? "pfc" : "credit") + ", " +
                   (shared ? "shared: the burst is absorbed" : "partitioned: senders wait")),
          m_pfc(pfc),
          m_shared(shared)
    {
    }

  private:
    void DoRun() override
    {
        PacketFabric f;
        f.nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(PORTS);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetSwitchAttribute("BufferMode", StringValue(m_shared ? "shared" : "partitioned"));
        fabric.SetSwitchAttribute("SharedAlpha", DoubleValue(1));
        uint64_t buffer = 0;
        if (m_pfc)
        {
            const uint64_t headroom = 19 * WIRE; // >= (2 d + L) B + 2 cells = 78,200
            buffer = PORTS * (24 * WIRE + headroom);
            fabric.SetSwitchAttribute("FlowControl", StringValue("pfc"));
            fabric.SetSwitchAttribute("PfcHeadroomBytes", UintegerValue(headroom));
            fabric.SetSwitchAttribute("PfcXoffBytes", UintegerValue((m_shared ? 100 : 24) * WIRE));
            fabric.SetSwitchAttribute("PfcXonBytes", UintegerValue(10 * WIRE));
        }
        else
        {
            buffer = PORTS * 40 * WIRE;
            fabric.SetSwitchAttribute("SharedReservedBytes", UintegerValue(20 * WIRE));
        }
        fabric.SetSwitchAttribute("BufferBytes", UintegerValue(buffer));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        std::vector<Time> txEnd(SENDERS);
        for (uint32_t s = 0; s < SENDERS; ++s)
        {
            Time* at = &txEnd[s];
            f.Dev(s)->TraceConnectWithoutContext(
                "PhyTxEnd",
                MakeBoundCallback(&SharedBufferTestCase::TxEnd, at));
            f.SendAt(Seconds(0), s, 3, CELLS * MTU);
        }
        Simulator::Run();

        const double t0 = T_CELL + D + L;
        const double expected = t0 + SENDERS * CELLS * T_CELL + D;
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), SENDERS, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.LastArrival(),
                              NanoSeconds(static_cast<int64_t>(expected)),
                              "t0 + m C w / B + d");
        NS_TEST_EXPECT_MSG_EQ(f.Delivered(), uint64_t{SENDERS} * CELLS * MTU, "nothing lost");
        Ptr<PacketSwitch> leaf = f.switches.at(0);
        NS_TEST_EXPECT_MSG_EQ(leaf->GetByteCounters().GetDropped(), 0, "no drop");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(leaf->GetMaxBufferedBytes(), buffer, "never above the buffer");
        uint64_t waits = 0;
        for (uint32_t s = 0; s < SENDERS; ++s)
        {
            Ptr<PacketNetDevice> dev = f.Dev(s);
            const uint64_t w = m_pfc ? dev->GetPauseStalls(0) : dev->GetCreditStalls(0);
            waits += w;
            const Time waited = m_pfc ? dev->GetPauseStallTime(0) : dev->GetCreditStallTime(0);
            // The device sends back to back except while it waits.
            NS_TEST_EXPECT_MSG_EQ_TOL(txEnd[s].GetNanoSeconds(),
                                      CELLS * T_CELL + waited.GetNanoSeconds(),
                                      1,
                                      "sender " << s << ": C w / B + its wait");
            if (m_shared)
            {
                NS_TEST_EXPECT_MSG_EQ(w, 0, "sender " << s << " never waits");
                NS_TEST_EXPECT_MSG_EQ(txEnd[s], NanoSeconds(CELLS * T_CELL), "line rate");
            }
            if (m_pfc)
            {
                NS_TEST_EXPECT_MSG_EQ(leaf->GetPausesSent(s), leaf->GetResumesSent(s), "balanced");
                NS_TEST_EXPECT_MSG_EQ(
                    (m_shared ? leaf->GetPausesSent(s) == 0 : leaf->GetPausesSent(s) > 0),
                    true,
                    "paused only when partitioned");
            }
            else
            {
                // Credits held at the end are what the switch allotted: never lost, never
                // made up.
                NS_TEST_EXPECT_MSG_EQ(dev->GetCredits(0),
                                      leaf->GetAllocatedCredits(dev->GetPortPeerPort(0)),
                                      "sender " << s << " holds its allocation");
            }
        }
        if (!m_shared)
        {
            NS_TEST_EXPECT_MSG_GT(waits, 0, "the partitioned buffer makes senders wait");
        }
        else
        {
            NS_TEST_EXPECT_MSG_GT(leaf->GetMaxBufferedBytes(),
                                  buffer / PORTS,
                                  "the shared buffer held more than a partition");
        }
        if (!m_pfc)
        {
            NS_TEST_EXPECT_MSG_LT_OR_EQ(leaf->GetMaxCommittedCredits(),
                                        buffer,
                                        "credits never over-committed");
            if (m_shared)
            {
                NS_TEST_EXPECT_MSG_GT(leaf->GetMaxCommittedCredits(),
                                      uint64_t{PORTS} * 20 * WIRE,
                                      "the pool granted credits beyond the reserved ones");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(leaf->GetByteCounters().IsBalanced(), true, "switch balance");
        Simulator::Destroy();
    }

    /// PhyTxEnd sink. @param at set to now
    static void TxEnd(Time* at, Ptr<const Packet>)
    {
        *at = Simulator::Now();
    }

    bool m_pfc;    //!< flow control
    bool m_shared; //!< buffer mode
};

/// The suite.
class ElectricalSharedBufferTestSuite : public TestSuite
{
  public:
    ElectricalSharedBufferTestSuite()
        : TestSuite("scale-across-electrical-shared-buffer", TestSuite::Type::UNIT)
    {
        AddTestCase(new SharedBufferTestCase(false, false));
        AddTestCase(new SharedBufferTestCase(false, true));
        AddTestCase(new SharedBufferTestCase(true, false));
        AddTestCase(new SharedBufferTestCase(true, true));
    }
};

/// Static instance registering the suite.
ElectricalSharedBufferTestSuite g_electricalSharedBufferTestSuite;

} // namespace
