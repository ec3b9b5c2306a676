/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-trace-paths: a ring all-reduce over on-demand circuits fires the
 * collective layer's trace sources, and every traffic source of the NICs, exactly as often as
 * its messages say, through their documented Config paths (trace-paths-fixture.h).
 */

#include "../collective-test-fixture.h"
#include "../trace-paths-fixture.h"

#include "ns3/collective-header.h"
#include "ns3/collective-result.h"
#include "ns3/node-list.h"
#include "ns3/node.h"

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

/// Ring all-reduce over on-demand circuits: the traffic sources, the collective ones and
/// CircuitUp.
class AllReduceTestCase : public TracePathsTestCase
{
  public:
    /// @param coverage shared with the suite
    explicit AllReduceTestCase(Coverage& coverage)
        : TracePathsTestCase("ring all-reduce, 4 ranks, 2 sizes: every frame traced once per "
                             "send and once per receive, 4 circuits, 2 operations",
                             coverage)
    {
    }

  private:
    /// Ranks.
    static constexpr uint32_t RANKS = 4;

    void DoRun() override
    {
        Probes probes;
        std::vector<Probe*> extra; // outside Probes: checked on its own below
        Sink<PhotonicCrossbar::CircuitTracedCallback> upViaAllNics{
            extra,
            CROSSBAR_VIA_ALL_NICS + "CircuitUp",
            "ns3::PhotonicCrossbar::CircuitTracedCallback",
            true};
        uint32_t promiscuous = 0;

        CollectiveRunConfig c;
        c.ranks = RANKS;
        c.staticCircuits = false; // on-demand: each rank's first send sets its circuit up
        c.sizes = {4000, 8000};   // ring messages of n / p = 1000 and 2000 bytes
        c.sendCredits = 8;        // a credit back per message
        c.beforeRun = [&]() {
            ConnectAll(probes, RANKS);
            NS_TEST_ASSERT_MSG_EQ(upViaAllNics.Connect(), true, upViaAllNics.GetPath());
            // MacPromiscRx fires only on a device with a promiscuous receive callback: ask
            // each node for every frame in promiscuous mode.
            for (uint32_t i = 0; i < NodeList::GetNNodes(); ++i)
            {
                Ptr<Node> node = NodeList::GetNode(i);
                node->RegisterProtocolHandler(
                    [&promiscuous](Ptr<NetDevice>,
                                   Ptr<const Packet>,
                                   uint16_t,
                                   const Address&,
                                   const Address&,
                                   NetDevice::PacketType) { ++promiscuous; },
                    0,
                    node->GetDevice(0),
                    true);
            }
        };
        const CollectiveRunOutcome out = RunCollective(c);

        // A ring all-reduce sends 2 (p - 1) messages per rank and operation, each one frame:
        // 4 x 6 x 2 = 48 frames, each sent once and received once.
        const size_t frames = 2 * RANKS * 2 * (RANKS - 1);
        NS_TEST_ASSERT_MSG_EQ(out.results.size(), 2, "both operations completed");
        ExpectCounts(probes,
                     {
                         {&probes.macTx, frames},
                         {&probes.phyTxBegin, frames},
                         {&probes.phyTxEnd, frames},
                         {&probes.phyRxEnd, frames},
                         {&probes.macRx, frames},
                         {&probes.macPromiscRx, frames},
                         {&probes.sniffer, 2 * frames},        // sent and received
                         {&probes.promiscSniffer, 2 * frames}, // sent and received
                         {&probes.circuitUp, RANKS},           // rank i -> i + 1, kept
                         {&probes.messageReceived, frames},    // a message per frame
                         {&probes.creditReceived, frames},     // a credit per message
                         {&probes.operationComplete, 2},       // one per size
                         {&probes.rankComplete, 8},            // one per rank and size
                     });
        NS_TEST_EXPECT_MSG_EQ(promiscuous, frames, "the promiscuous handler saw every frame");

        // Per NIC: 12 frames sent, 12 received.
        std::map<std::string, size_t> sent;
        std::map<std::string, size_t> messages;
        std::map<std::string, size_t> credits;
        for (uint32_t i = 0; i < RANKS; ++i)
        {
            sent[NicContext(i, "MacTx")] = frames / RANKS;
            messages[TransportContext(i, "MessageReceived")] = frames / RANKS;
            credits[TransportContext(i, "CreditReceived")] = frames / RANKS;
        }
        ExpectContexts(probes.macTx, sent);
        ExpectContexts(probes.messageReceived, messages);
        ExpectContexts(probes.creditReceived, credits); // on the sender's node

        // The circuits: each rank to the next, lane 0.
        std::set<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>> ring;
        for (const auto& call : probes.circuitUp.calls)
        {
            ring.insert(call);
        }
        for (uint32_t i = 0; i < RANKS; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ring.count({i, 0, (i + 1) % RANKS, 0}),
                                  1,
                                  "CircuitUp " << i << " -> " << (i + 1) % RANKS);
        }
        // The same crossbar through every NIC is connected once per NIC.
        NS_TEST_EXPECT_MSG_EQ(upViaAllNics.Count(),
                              RANKS * RANKS,
                              "CircuitUp through all NICs: once per circuit and NIC");
        NS_TEST_EXPECT_MSG_EQ(upViaAllNics.GetByContext().size(), RANKS, "one context per NIC");

        // Messages carry n / p data bytes; operations report their size, in order.
        uint64_t bytes = 0;
        for (const auto& [header] : probes.messageReceived.calls)
        {
            bytes += header.messageBytes;
        }
        // Each operation: p ranks x 2 (p - 1) messages of n / p bytes.
        NS_TEST_EXPECT_MSG_EQ(bytes, 2 * (RANKS - 1) * (c.sizes[0] + c.sizes[1]), "message bytes");
        NS_TEST_EXPECT_MSG_EQ(bytes, out.received, "as the transports count them");
        for (uint32_t i = 0; i < probes.operationComplete.calls.size() && i < c.sizes.size(); ++i)
        {
            const CollectiveResult& r = std::get<0>(probes.operationComplete.calls[i]);
            NS_TEST_EXPECT_MSG_EQ(r.sequence, i, "operations in order");
            NS_TEST_EXPECT_MSG_EQ(r.bytes, c.sizes[i], "operation size");
        }
    }
};

/// The suite.
class CollectiveTracePathsTestSuite : public TracePathsTestSuite
{
  public:
    CollectiveTracePathsTestSuite()
        : TracePathsTestSuite("scale-across-collective-trace-paths")
    {
        AddTestCase(new AllReduceTestCase(m_coverage));
        AddCoverageCase(); // last: after the runs
    }
};

/// Static instance registering the suite.
CollectiveTracePathsTestSuite g_collectiveTracePathsTestSuite;

} // namespace
