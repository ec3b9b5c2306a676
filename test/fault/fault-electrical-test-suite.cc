/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-fault-electrical: faults in the packet fabric (issue #16), with raw frames on a
 * leaf-spine of radix 4 (2 hosts and 2 spines per leaf, 2 leaves, 800 Gb/s links of d = 49 ns,
 * switches of L = 600 ns, store-and-forward) whose switches detect a failed link after
 * FailureDetectionTime = 10 us. A one-cell frame (4096 payload + 104 header bytes: w / B =
 * 42 ns) from host 0 to host 2 crosses host -> leaf 0 -> spine -> leaf 1 -> host and arrives
 *
 *   4 (w / B + d) + 3 L = 2164 ns
 *
 * after it is sent, whichever spine carries it. Outcomes checked:
 *  - leaf 0's uplink (or the whole spine) the flow hashes to fails: before detection its cells
 *    are lost at leaf 0 (LinkDown; DeviceFailed for a switch); after it they take the other
 *    spine and arrive in the closed form above; with both uplinks down, NoRoute;
 *  - host 0's transceiver fails before, during or after a 32-cell transfer: the frame is
 *    dropped at its NIC, lost on the way, or delivered; host 0 sees link down then up; cells
 *    to it are lost (DeviceFailed) until leaf 0 detects the failure, then have no route;
 *  - every NIC and switch balances its bytes, and every credit comes back.
 */

#include "../electrical-test-fixture.h"

#include "ns3/byte-conservation.h"
#include "ns3/fat-tree-helper.h"
#include "ns3/fault-helper.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/names.h"
#include "ns3/packet-link.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

constexpr uint32_t MTU = 4096;           //!< payload per packet (and per cell)
constexpr uint32_t HEADER = 104;         //!< header bytes per packet
const Time HOP = NanoSeconds(42 + 49);   //!< w / B + d
const Time L = NanoSeconds(600);         //!< switch latency
const Time PATH = 4 * HOP + 3 * L;       //!< one cell, host to host across a spine
const Time DETECTION = MicroSeconds(10); //!< FailureDetectionTime
constexpr uint32_t HOSTS_PER_LEAF = 2;   //!< and spines

/// A leaf-spine of radix 4 with 4 hosts.
struct LeafSpine : public PacketFabric
{
    LeafSpine()
    {
        nodes.Create(4);
        LeafSpineHelper fabric;
        fabric.SetRadix(4);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetSwitchAttribute("FailureDetectionTime", TimeValue(DETECTION));
        devices = fabric.Install(nodes);
        switches = fabric.GetSwitches();
        Record();
    }

    /// @return leaf 0
    Ptr<PacketSwitch> Leaf0() const
    {
        return switches.at(0);
    }

    /// @return leaf 0's uplink port that flow 0 -> 2 takes (ECMP)
    uint32_t Uplink() const
    {
        return Leaf0()->GetPathPort(0, 2, 0);
    }

    /// @return bytes lost for a reason, over every host NIC
    uint64_t Lost(DropReason r) const
    {
        uint64_t b = 0;
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            b += Dev(i)->GetDroppedBytes(r);
        }
        return b;
    }
};

/// @param test the test @param f the fabric: bytes balance everywhere, credits all back
#define CHECK_BALANCE(f)                                                                           \
    do                                                                                             \
    {                                                                                              \
        std::string report;                                                                        \
        NS_TEST_EXPECT_MSG_EQ(ByteConservation::CheckNow(report), true, report);                   \
        NS_TEST_EXPECT_MSG_EQ((f).CreditsBalance(), true, "every credit returned");                \
    } while (false)

/// What fails on the path of flow 0 -> 2.
enum class OnPath
{
    UPLINK,   //!< leaf 0's uplink to the flow's spine
    SPINE,    //!< that spine
    DOWNLINK, //!< that spine's link down to leaf 1 (leaf 0 learns it from the spine's routes)
};

/// Part of the path fails at 0: lost before detection, rerouted after.
class UplinkFaultTestCase : public TestCase
{
  public:
    /// @param what fails
    explicit UplinkFaultTestCase(OnPath what)
        : TestCase(what == OnPath::SPINE
                       ? "the spine of flow 0 -> 2 fails at 0: a frame at 1 us is lost "
                         "(DeviceFailed), one at 20 us takes the other spine: 2164 ns"
                   : what == OnPath::UPLINK
                       ? "leaf 0's uplink of flow 0 -> 2 fails at 0: a frame at 1 us is lost "
                         "(LinkDown), one at 20 us takes the other uplink: 2164 ns"
                       : "the spine's downlink to leaf 1 of flow 0 -> 2 fails at 0: a frame at "
                         "1 us is lost at the spine (LinkDown), one at 20 us avoids that spine "
                         "from leaf 0: 2164 ns"),
          m_what(what)
    {
    }

  private:
    void DoRun() override
    {
        LeafSpine f;
        const uint32_t up = f.Uplink();
        const uint32_t other = up == HOSTS_PER_LEAF ? up + 1 : up - 1;
        FaultHelper faults;
        const uint32_t spine = up - HOSTS_PER_LEAF;
        if (m_what == OnPath::SPINE)
        {
            faults.FailSwitch(f.switches.at(2 + spine), Seconds(0));
        }
        else if (m_what == OnPath::UPLINK)
        {
            faults.FailLink(f.Leaf0()->GetPortLink(up), Seconds(0));
        }
        else
        {
            faults.FailLink(f.switches.at(1)->GetPortLink(up), Seconds(0));
        }
        std::vector<std::tuple<uint32_t, bool, Time>> changes;
        f.Leaf0()->TraceConnectWithoutContext(
            "RouteChange",
            MakeCallback(+[](std::vector<std::tuple<uint32_t, bool, Time>>* v,
                             uint32_t port,
                             bool usable) {
                v->emplace_back(port, usable, Simulator::Now());
            }).Bind(&changes));
        f.SendAt(MicroSeconds(1), 0, 2, MTU);
        f.SendAt(MicroSeconds(20), 0, 2, MTU);
        Simulator::Run();

        const DropReason reason =
            m_what == OnPath::SPINE ? DropReason::DEVICE_FAILED : DropReason::LINK_DOWN;
        // Where the cell before detection is lost: leaf 0, or the spine for its downlink.
        Ptr<PacketSwitch> loser = m_what == OnPath::DOWNLINK ? f.switches.at(2 + spine) : f.Leaf0();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals[0].at,
                              MicroSeconds(20) + PATH,
                              "rerouted: the other spine's path, 4 (w/B + d) + 3 L");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(reason), MTU, "lost before detection");
        NS_TEST_EXPECT_MSG_EQ(loser->GetByteCounters().GetDropped(reason),
                              MTU + HEADER,
                              "where it was lost (wire bytes)");
        NS_TEST_EXPECT_MSG_EQ(f.Leaf0()->GetTxCells(other), 1, "the other uplink carried it");
        if (m_what == OnPath::DOWNLINK)
        {
            NS_TEST_EXPECT_MSG_EQ(changes.size(), 0, "leaf 0's own routes unchanged");
            CHECK_BALANCE(f);
            Simulator::Destroy();
            Names::Clear();
            return;
        }
        NS_TEST_ASSERT_MSG_EQ(changes.size(), 1, "leaf 0's routes changed once");
        NS_TEST_EXPECT_MSG_EQ(std::get<0>(changes[0]), up, "without the failed uplink");
        NS_TEST_EXPECT_MSG_EQ(std::get<1>(changes[0]), false, "taken out");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(changes[0]), DETECTION, "after FailureDetectionTime");
        CHECK_BALANCE(f);
        Simulator::Destroy();
        Names::Clear();
    }

    OnPath m_what; //!< what fails
};

/// When a part fails, relative to a 32-cell transfer sent at 1 us.
enum class When
{
    BEFORE, //!< 0.5 us: every cell meets the fault
    DURING, //!< 1.5 us: some cells have passed, others are on the link or queued for it
    AFTER,  //!< 10 us: the transfer has arrived
};

/// Leaf 0's uplink (or its spine) of flow 0 -> 2 fails before, during or after a transfer.
class TransferThroughFaultTestCase : public TestCase
{
  public:
    /// @param spine fail the spine, not the link @param when when @param name for the report
    TransferThroughFaultTestCase(bool spine, When when, const std::string& name)
        : TestCase(name),
          m_spine(spine),
          m_when(when)
    {
    }

  private:
    void DoRun() override
    {
        constexpr uint32_t CELLS = 32;
        LeafSpine f;
        const uint32_t up = f.Uplink();
        const Time at = m_when == When::BEFORE   ? NanoSeconds(500)
                        : m_when == When::DURING ? NanoSeconds(1500)
                                                 : MicroSeconds(10);
        FaultHelper faults;
        if (m_spine)
        {
            faults.FailSwitch(f.switches.at(2 + up - HOSTS_PER_LEAF), at);
        }
        else
        {
            faults.FailLink(f.Leaf0()->GetPortLink(up), at);
        }
        f.SendAt(MicroSeconds(1), 0, 2, CELLS * MTU);
        f.SendAt(at + DETECTION + MicroSeconds(1), 0, 2, MTU);
        Simulator::Run();
        const bool lost = m_when != When::AFTER;
        const DropReason reason = m_spine ? DropReason::DEVICE_FAILED : DropReason::LINK_DOWN;
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(reason),
                              (lost ? CELLS * MTU : 0),
                              "the transfer, as " << ToString(reason));
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(), (lost ? CELLS * MTU : 0), "only it");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), (lost ? 1u : 2u), "frames delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals.back().at,
                              at + DETECTION + MicroSeconds(1) + PATH,
                              "after detection, the other spine: 4 (w over B + d) + 3 L");
        CHECK_BALANCE(f);
        Simulator::Destroy();
        Names::Clear();
    }

    bool m_spine; //!< the spine, not the link
    When m_when;  //!< when it fails
};

/// Both uplinks of leaf 0 fail: no path remains.
class NoPathTestCase : public TestCase
{
  public:
    NoPathTestCase()
        : TestCase("both uplinks of leaf 0 fail at 0: a frame 0 -> 2 at 1 us is lost (LinkDown), "
                   "one at 20 us has no route (NoRoute); 0 -> 1 at 30 us arrives")
    {
    }

  private:
    void DoRun() override
    {
        LeafSpine f;
        FaultHelper faults;
        faults.FailLink(f.Leaf0()->GetPortLink(HOSTS_PER_LEAF), Seconds(0));
        faults.FailLink(f.Leaf0()->GetPortLink(HOSTS_PER_LEAF + 1), Seconds(0));
        f.SendAt(MicroSeconds(1), 0, 2, MTU);
        f.SendAt(MicroSeconds(20), 0, 2, MTU);
        f.SendAt(MicroSeconds(30), 0, 1, MTU);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "only 0 -> 1 delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals[0].at,
                              MicroSeconds(30) + 2 * HOP + L,
                              "0 -> 1 through leaf 0 alone: 2 (w/B + d) + L");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(DropReason::LINK_DOWN), MTU, "before");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(DropReason::NO_ROUTE), MTU, "after");
        CHECK_BALANCE(f);
        Simulator::Destroy();
        Names::Clear();
    }
};

/// A fat-tree: a core's link down to the destination's pod fails; the source pod's
/// aggregation switch learns from the core's routes and takes another core.
class FatTreeCoreDownlinkTestCase : public TestCase
{
  public:
    FatTreeCoreDownlinkTestCase()
        : TestCase("fat-tree k = 4: the core of flow 0 -> 15 loses its link to pod 3 at 0: a "
                   "frame at 1 us is lost at the core, one at 20 us takes another core: "
                   "6 (w over B + d) + 5 L")
    {
    }

  private:
    void DoRun() override
    {
        PacketFabric f;
        f.nodes.Create(16);
        FatTreeHelper fabric;
        fabric.SetK(4);
        fabric.SetDeviceAttribute("HeaderBytes", UintegerValue(HEADER));
        fabric.SetSwitchAttribute("FailureDetectionTime", TimeValue(DETECTION));
        f.devices = fabric.Install(f.nodes);
        f.switches = fabric.GetSwitches();
        f.Record();
        // The flow's path, hop by hop, as the routes choose it.
        Ptr<PacketSwitch> edge = f.Dev(0)->GetSwitch();
        auto next = [](Ptr<PacketSwitch> sw) {
            return dynamic_cast<PacketSwitch*>(sw->GetPortPeer(sw->GetPathPort(0, 15, 0)));
        };
        PacketSwitch* agg = next(edge);
        PacketSwitch* core = next(agg);
        NS_TEST_ASSERT_MSG_NE(core, nullptr, "edge -> aggregation -> core");
        FaultHelper faults;
        faults.FailLink(core->GetPortLink(core->GetPathPort(0, 15, 0)), Seconds(0));
        f.SendAt(MicroSeconds(1), 0, 15, MTU);
        f.SendAt(MicroSeconds(20), 0, 15, MTU);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), 1, "one frame delivered");
        NS_TEST_EXPECT_MSG_EQ(f.arrivals[0].at,
                              MicroSeconds(20) + 6 * HOP + 5 * L,
                              "another core: the same five switches' closed form");
        NS_TEST_EXPECT_MSG_EQ(core->GetByteCounters().GetDropped(DropReason::LINK_DOWN),
                              MTU + HEADER,
                              "the first frame, lost at the core before it detected");
        CHECK_BALANCE(f);
        Simulator::Destroy();
        Names::Clear();
    }
};

/// When host 0's transceiver fails, relative to a 32-cell transfer 0 -> 2 sent at 1 us.
enum class Instant
{
    BEFORE, //!< 0.5 us: the frame is sent to a NIC whose link is down
    DURING, //!< 1.5 us: half its cells have left
    AFTER,  //!< 10 us: it has arrived
};

/// Host 0's transceiver fails and is repaired at 40 us.
class HostTransceiverTestCase : public TestCase
{
  public:
    /// @param instant when @param name for the report
    HostTransceiverTestCase(Instant instant, const std::string& name)
        : TestCase(name),
          m_instant(instant)
    {
    }

  private:
    void DoRun() override
    {
        constexpr uint32_t CELLS = 32;
        LeafSpine f;
        const Time at = m_instant == Instant::BEFORE   ? NanoSeconds(500)
                        : m_instant == Instant::DURING ? NanoSeconds(1500)
                                                       : MicroSeconds(10);
        const Time repair = MicroSeconds(40);
        FaultHelper faults;
        faults.FailPacketTransceiver(f.Dev(0), at, repair);
        uint32_t changes = 0;
        f.Dev(0)->AddLinkChangeCallback(MakeCallback(+[](uint32_t* n) { ++*n; }).Bind(&changes));
        bool upThen = true;
        Simulator::Schedule(at + NanoSeconds(1),
                            [&upThen, &f]() { upThen = f.Dev(0)->IsLinkUp(); });
        // A path's latency is still asked for once host 0 has no route (the fault-free path).
        Time latency;
        Simulator::Schedule(at + DETECTION + NanoSeconds(500), [&latency, &f]() {
            latency = f.Dev(2)->GetPathLatency(f.Dev(0)->GetAddress());
        });
        f.SendAt(MicroSeconds(1), 0, 2, CELLS * MTU);
        // Toward host 0: before leaf 0 detects the failure, and after.
        f.SendAt(at + MicroSeconds(1), 2, 0, MTU);
        f.SendAt(at + DETECTION + MicroSeconds(1), 2, 0, MTU);
        // After the repair, both ways.
        f.SendAt(MicroSeconds(50), 0, 2, MTU);
        f.SendAt(MicroSeconds(50), 2, 0, MTU);
        Simulator::Run();

        const bool lost = m_instant != Instant::AFTER;
        NS_TEST_EXPECT_MSG_EQ(changes, 2, "host 0's link went down and up");
        NS_TEST_EXPECT_MSG_EQ(upThen, false, "IsLinkUp false while failed");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->IsLinkUp(), true, "up after the repair");
        NS_TEST_EXPECT_MSG_EQ(latency,
                              4 * NanoSeconds(49) + 3 * L,
                              "GetPathLatency to an unreachable host: the fault-free path");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(0)->GetDroppedBytes(DropReason::DEVICE_FAILED),
                              (lost ? CELLS * MTU : 0),
                              "the transfer lost");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(2)->GetDroppedBytes(DropReason::DEVICE_FAILED),
                              MTU,
                              "to host 0 before detection: lost at leaf 0");
        NS_TEST_EXPECT_MSG_EQ(f.Dev(2)->GetDroppedBytes(DropReason::NO_ROUTE),
                              MTU,
                              "to host 0 after detection: no route");
        NS_TEST_ASSERT_MSG_EQ(f.arrivals.size(), (lost ? 2u : 3u), "frames delivered");
        for (const Arrival& a : f.arrivals)
        {
            if (a.at > MicroSeconds(50))
            {
                NS_TEST_EXPECT_MSG_EQ(a.at, MicroSeconds(50) + PATH, "after the repair");
            }
        }
        CHECK_BALANCE(f);
        Simulator::Destroy();
        Names::Clear();
    }

    Instant m_instant; //!< when it fails
};

/// The suite.
class FaultElectricalTestSuite : public TestSuite
{
  public:
    FaultElectricalTestSuite()
        : TestSuite("scale-across-fault-electrical", TestSuite::Type::UNIT)
    {
        AddTestCase(new UplinkFaultTestCase(OnPath::UPLINK));
        AddTestCase(new UplinkFaultTestCase(OnPath::SPINE));
        AddTestCase(new UplinkFaultTestCase(OnPath::DOWNLINK));
        for (bool spine : {false, true})
        {
            const std::string part = spine ? "the spine" : "leaf 0's uplink";
            AddTestCase(new TransferThroughFaultTestCase(spine,
                                                         When::BEFORE,
                                                         part + " of a 32-cell transfer fails "
                                                                "before it: every cell lost"));
            AddTestCase(new TransferThroughFaultTestCase(spine,
                                                         When::DURING,
                                                         part + " of a 32-cell transfer fails "
                                                                "during it: the frame lost"));
            AddTestCase(new TransferThroughFaultTestCase(spine,
                                                         When::AFTER,
                                                         part + " of a 32-cell transfer fails "
                                                                "after it: nothing lost"));
        }
        AddTestCase(new NoPathTestCase());
        AddTestCase(new FatTreeCoreDownlinkTestCase());
        AddTestCase(new HostTransceiverTestCase(Instant::BEFORE,
                                                "host 0's transceiver fails before its transfer"));
        AddTestCase(new HostTransceiverTestCase(Instant::DURING,
                                                "host 0's transceiver fails during its transfer"));
        AddTestCase(
            new HostTransceiverTestCase(Instant::AFTER, "host 0's transceiver fails after it"));
    }
};

/// Static instance registering the suite.
FaultElectricalTestSuite g_faultElectricalTestSuite;

} // namespace
