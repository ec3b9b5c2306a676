/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-electrical-cell-size: congested cases at cells of 64 KiB, 16 KiB and 4 KiB (one
 * RoCE packet, the reference): the finish time falls monotonically toward the packet-level one,
 * within the error doc/scale-across.rst states.
 *
 * Cells of c payload bytes carry c / Mtu packets' headers, so the wire bytes never change with
 * c; only the granularity does. A cell of w_c wire bytes takes w_c / B per store-and-forward
 * hop, and it is the unit in which flows sharing a port take turns.
 *
 * Incast across the spine: the m = 2 hosts of leaf 0 (radix 4: 2 hosts and 2 spines per leaf)
 * send S to one host of leaf 1 (spraying). The
 * receiver's port is busy from the first cell's arrival at leaf 1 until the end, so the last
 * frame arrives at
 *   T(c) = 3 (w_c / B + d + L) + d + m S_wire / B
 * and T(c) - T(4 KiB) = 3 (w_c - w_4K) / B: one cell time per switch, exactly.
 *
 * 2:1 oversubscribed permutation: a leaf-spine of radix 6 with Oversubscription 2 (4 hosts and
 * 2 uplinks per leaf, 2 leaves); host i of leaf 0 and host i of leaf 1 send S to each other,
 * sprayed. Each leaf's 2 uplinks carry its 4 flows, half of the cells each, busy from the first
 * cell's forwarding at the leaf (w_c / B + d + L) for 2 S_wire / B; the last cell then crosses
 * the spine and the far leaf unqueued, so again
 *   T(c) = 3 (w_c / B + d + L) + d + 2 S_wire / B.
 * Where one port is the bottleneck and stays busy, the cell size costs exactly one cell time
 * per store-and-forward switch: 3 (w_c - w_4K) / B, 2 us for 64 KiB cells here.
 */

#include "../electrical-test-fixture.h"

#include "ns3/leaf-spine-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint16_t MTU = 4096;                      //!< payload per packet
constexpr uint32_t HEADER = 104;                    //!< 4200 wire bytes per packet
constexpr double BYTES_PER_NS = 100;                //!< 800 Gb/s
constexpr double D = 49;                            //!< link delay, ns
constexpr double L = 600;                           //!< forwarding latency, ns
constexpr uint32_t PACKETS = 256;                   //!< packets per flow: S = 1 MiB
constexpr uint32_t S = PACKETS * MTU;               //!< payload per flow
constexpr double S_WIRE = PACKETS * (MTU + HEADER); //!< wire bytes per flow

/// @param cell payload bytes per cell @return its wire bytes
double
CellWire(uint32_t cell)
{
    return cell + static_cast<double>(cell / MTU) * HEADER;
}

/// The congested cases at three cell sizes.
class CellSizeTestCase : public TestCase
{
  public:
    /// @param permutation the oversubscribed permutation (else the incast)
    explicit CellSizeTestCase(bool permutation)
        : TestCase(permutation ? "2:1 oversubscribed permutation, sprayed"
                               : "incast across the spine, sprayed"),
          m_permutation(permutation)
    {
    }

  private:
    /// @param cell CellBytes @return when the last frame arrived
    Time Run(uint32_t cell)
    {
        PacketFabric f;
        LeafSpineHelper fabric;
        if (m_permutation)
        {
            f.nodes.Create(8);
            fabric.SetRadix(6);
            fabric.SetOversubscription(2);
        }
        else
        {
            f.nodes.Create(4);
            fabric.SetRadix(4);
        }
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetDeviceAttribute("CellBytes", UintegerValue(cell));
        fabric.SetSwitchAttribute("Routing", StringValue("spray"));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        if (m_permutation)
        {
            for (uint32_t i = 0; i < 4; ++i)
            {
                f.SendAt(Seconds(0), i, i + 4, S);
                f.SendAt(Seconds(0), i + 4, i, S);
            }
        }
        else
        {
            for (uint32_t s : {0, 1})
            {
                f.SendAt(Seconds(0), s, 2, S);
            }
        }
        Simulator::Run();
        const uint32_t flows = m_permutation ? 8 : 2;
        NS_TEST_EXPECT_MSG_EQ(f.arrivals.size(), flows, "every frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.Delivered(), uint64_t{flows} * S, "nothing lost");
        const Time last = f.LastArrival();
        Simulator::Destroy();
        return last;
    }

    void DoRun() override
    {
        const uint32_t cells[] = {64 * 1024, 16 * 1024, MTU};
        double t[3];
        for (int i = 0; i < 3; ++i)
        {
            t[i] = Run(cells[i]).GetNanoSeconds();
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(t[0], t[1], "64 KiB cells finish no earlier than 16 KiB");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(t[1], t[2], "16 KiB cells finish no earlier than 4 KiB");
        for (int i = 0; i < 3; ++i)
        {
            // m S_wire with m = 2 at the incast's receiver; 4 S_wire over 2 uplinks.
            const double expected =
                3 * (CellWire(cells[i]) / BYTES_PER_NS + D + L) + D + 2 * S_WIRE / BYTES_PER_NS;
            NS_TEST_EXPECT_MSG_EQ_TOL(t[i],
                                      expected,
                                      1,
                                      "3 (w_c / B + d + L) + d + 2 S_wire / B, c = " << cells[i]);
        }
    }

    bool m_permutation; //!< which case
};

/// The suite.
class ElectricalCellSizeTestSuite : public TestSuite
{
  public:
    ElectricalCellSizeTestSuite()
        : TestSuite("scale-across-electrical-cell-size", TestSuite::Type::UNIT)
    {
        AddTestCase(new CellSizeTestCase(false));
        AddTestCase(new CellSizeTestCase(true));
    }
};

/// Static instance registering the suite.
ElectricalCellSizeTestSuite g_electricalCellSizeTestSuite;

} // namespace
