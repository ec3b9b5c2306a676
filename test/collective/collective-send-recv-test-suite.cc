/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-send-recv: point-to-point messages (CollectiveCommunicator::Send and
 * Recv, as ncclSend / ncclRecv) and send credits that come back over the fabric, against
 * their closed forms on the ideal optical fabric (one wavelength, 1.6 Tb/s; t = time of one
 * chunk with its 51 bytes of framing, alpha = the path's latency, r = a credit's latency
 * back, K = SendCredits, c = chunks):
 *
 *   unlimited credits              c t + alpha
 *   K credits, (K - 1) t < alpha + r   floor((c - 1) / K)(t + alpha + r) + ((c - 1) mod K) t
 *                                  + t + alpha
 *   Recv posted D late             the recurrence s_i = max(s_(i-1) + t, back_(i-K)) with
 *                                  back_j = max(s_j + t + alpha, D) + r: a message that
 *                                  arrives before its Recv waits in its slot, and its credit
 *                                  goes back only when the Recv is posted
 */

#include "../collective-test-fixture.h"

#include "ns3/collective-helper.h"
#include "ns3/collective-transport.h"
#include "ns3/fabric-net-device.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

const double LAMBDA_BYTES = 1.6e12 / 8; //!< one wavelength, bytes/s

/// Four ranks on the ideal fabric of one wavelength per NIC.
struct SendRecvSetup
{
    NodeContainer nodes;              //!< endpoints
    Ptr<CollectiveCommunicator> comm; //!< the communicator

    /**
     * @param credits SendCredits (0: unlimited)
     * @param creditReturn CreditReturn
     * @param creditLatency CreditLatency
     * @param chunkBytes ChunkBytes
     */
    SendRecvSetup(uint32_t credits,
                  const std::string& creditReturn,
                  Time creditLatency,
                  uint64_t chunkBytes)
    {
        nodes.Create(4);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(credits));
        nccl.SetCommunicatorAttribute("CreditReturn", StringValue(creditReturn));
        nccl.SetCommunicatorAttribute("CreditLatency", TimeValue(creditLatency));
        nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(chunkBytes));
        OpticalFabricHelper fabric;
        fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(1));
        fabric.SetIdealFabric();
        comm = nccl.Install(fabric.Install(nodes));
    }

    /// @return credits handed back and credits delivered, over all transports
    std::pair<uint64_t, uint64_t> Credits() const
    {
        uint64_t returned = 0;
        uint64_t received = 0;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<CollectiveTransport> t = nodes.Get(i)->GetObject<CollectiveTransport>();
            returned += t->GetCreditsReturned();
            received += t->GetCreditsReceived();
        }
        return {returned, received};
    }
};

/// @param chunk chunk bytes @return its time on one wavelength, with framing
double
ChunkTime(uint64_t chunk)
{
    return (static_cast<double>(chunk) + FRAMING) / LAMBDA_BYTES;
}

/**
 * @brief Finish of c chunks under K credits, each credit back r after its message arrived or
 * after the Recv was posted (at recvPosted), whichever is later.
 * @return when the last chunk has arrived, seconds
 */
double
CreditRecurrence(uint32_t chunks, uint32_t credits, double t, double a, double r, double posted)
{
    std::vector<double> s(chunks);
    for (uint32_t i = 0; i < chunks; ++i)
    {
        s[i] = i == 0 ? 0 : s[i - 1] + t;
        if (credits != 0 && i >= credits)
        {
            s[i] = std::max(s[i], std::max(s[i - credits] + t + a, posted) + r);
        }
    }
    return std::max(s[chunks - 1] + t + a, posted);
}

/// One Send and its Recv: the result against the closed form.
class SendRecvTestCase : public TestCase
{
  public:
    /**
     * @param credits SendCredits
     * @param creditReturn CreditReturn
     * @param creditLatency CreditLatency (Fixed)
     * @param chunks chunks of 10 kB
     * @param recvDelay how late the Recv is posted
     */
    SendRecvTestCase(uint32_t credits,
                     std::string creditReturn,
                     Time creditLatency,
                     uint32_t chunks,
                     Time recvDelay)
        : TestCase("Send 0 -> 2 of " + std::to_string(chunks) + " chunks, SendCredits = " +
                   std::to_string(credits) + ", CreditReturn " + creditReturn +
                   (creditReturn == "Fixed"
                        ? " " + std::to_string(creditLatency.GetNanoSeconds()) + " ns"
                        : std::string()) +
                   ", Recv posted " + std::to_string(recvDelay.GetNanoSeconds()) +
                   " ns late: closed form"),
          m_credits(credits),
          m_creditReturn(creditReturn),
          m_creditLatency(creditLatency),
          m_chunks(chunks),
          m_recvDelay(recvDelay)
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t chunk = 10000;
        SendRecvSetup s(m_credits, m_creditReturn, m_creditLatency, chunk);
        const uint64_t bytes = chunk * m_chunks;
        std::vector<std::tuple<uint32_t, uint32_t, Time, Time>> ranks;
        s.comm->TraceConnectWithoutContext(
            "RankComplete",
            MakeCallback(+[](std::vector<std::tuple<uint32_t, uint32_t, Time, Time>>* v,
                             uint32_t sequence,
                             uint32_t rank,
                             Time start,
                             Time end) {
                v->emplace_back(sequence, rank, start, end);
            }).Bind(&ranks));
        const uint32_t sequence = s.comm->Send(0, 2, bytes);
        s.comm->RecvAt(m_recvDelay, 2, 0, bytes);
        Simulator::Run();

        const double t = ChunkTime(chunk);
        const double a = DefaultAlpha().GetSeconds();
        const double r = m_creditReturn == "Fixed" ? m_creditLatency.GetSeconds() : a;
        const double expected =
            CreditRecurrence(m_chunks, m_credits, t, a, r, m_recvDelay.GetSeconds());
        const auto& results = s.comm->GetResults();
        NS_TEST_ASSERT_MSG_EQ(results.size(), 1, "one point-to-point operation");
        NS_TEST_EXPECT_MSG_EQ(CollectiveCommunicator::IsPointToPoint(sequence),
                              true,
                              "a point-to-point sequence number");
        NS_TEST_EXPECT_MSG_EQ(results[0].sequence, sequence, "its result");
        NS_TEST_EXPECT_MSG_EQ(results[0].collective, "send_recv", "its collective");
        NS_TEST_EXPECT_MSG_EQ(results[0].ranks, 2, "two ranks take part");
        NS_TEST_EXPECT_MSG_EQ(results[0].bytes, bytes, "its size");
        NS_TEST_EXPECT_MSG_EQ_TOL(results[0].time.GetSeconds(),
                                  expected,
                                  expected * 1e-3 + m_chunks * 1e-9,
                                  "simulated time vs closed form");
        NS_TEST_EXPECT_MSG_EQ_TOL(results[0].busbw, results[0].algbw, 1e-9, "busbw = algbw");
        // Only the sender and the receiver report, each with its own start.
        NS_TEST_ASSERT_MSG_EQ(ranks.size(), 2, "RankComplete for the two ranks only");
        for (const auto& [seq, rank, start, end] : ranks)
        {
            NS_TEST_EXPECT_MSG_EQ((rank == 0 || rank == 2), true, "rank " << rank);
            const Time expectedStart = rank == 0 ? Seconds(0) : m_recvDelay;
            NS_TEST_EXPECT_MSG_EQ(start, expectedStart, "its start");
        }
        if (m_credits != 0 && m_credits < m_chunks && m_creditReturn == "ReversePath" &&
            m_recvDelay.IsZero())
        {
            // The closed form of the recurrence, where credits bind.
            const uint32_t last = m_chunks - 1;
            NS_TEST_ASSERT_MSG_EQ(((m_credits - 1) * t < a + r), true, "credits bind");
            const double closed = (last / m_credits) * (t + a + r) + (last % m_credits) * t + t + a;
            NS_TEST_EXPECT_MSG_EQ_TOL(expected, closed, 1e-15, "recurrence = closed form");
        }
        const auto [returned, received] = s.Credits();
        const uint64_t expectedCredits = m_credits == 0 ? 0 : m_chunks;
        NS_TEST_EXPECT_MSG_EQ(returned, expectedCredits, "a credit per chunk");
        NS_TEST_EXPECT_MSG_EQ(received, returned, "every credit reached the sender");
        Simulator::Destroy();
    }

    uint32_t m_credits;         //!< SendCredits
    std::string m_creditReturn; //!< CreditReturn
    Time m_creditLatency;       //!< CreditLatency
    uint32_t m_chunks;          //!< chunks
    Time m_recvDelay;           //!< Recv posted this late
};

/// Several pairs and directions at once, and two messages on one pair matched in order.
class ManyPairsTestCase : public TestCase
{
  public:
    ManyPairsTestCase()
        : TestCase("0 -> 1, 1 -> 0 and 2 -> 3 at once, then a second 0 -> 1 of another size: "
                   "each c t + alpha, matched in order")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t chunk = 100000;
        SendRecvSetup s(0, "ReversePath", Seconds(0), chunk);
        // Recvs first on one pair, Sends first on the others: matching does not care.
        s.comm->Recv(1, 0, 4 * chunk);
        s.comm->Recv(1, 0, 2 * chunk);
        s.comm->Send(0, 1, 4 * chunk);
        s.comm->Send(1, 0, 4 * chunk);
        s.comm->Recv(0, 1, 4 * chunk);
        s.comm->Send(2, 3, 4 * chunk);
        s.comm->Recv(3, 2, 4 * chunk);
        s.comm->Send(0, 1, 2 * chunk);
        Simulator::Run();

        const double t = ChunkTime(chunk);
        const double a = DefaultAlpha().GetSeconds();
        const auto& results = s.comm->GetResults();
        NS_TEST_ASSERT_MSG_EQ(results.size(), 4, "four point-to-point operations");
        uint32_t small = 0;
        for (const CollectiveResult& r : results)
        {
            // Full duplex: 1 -> 0 does not share 0 -> 1's lane. The second 0 -> 1 message
            // follows the first on the same lane: it ends at 6 t + alpha.
            const bool second = r.bytes == 2 * chunk;
            small += second ? 1 : 0;
            const double expected = second ? 6 * t + a : 4 * t + a;
            NS_TEST_EXPECT_MSG_EQ_TOL(r.time.GetSeconds(),
                                      expected,
                                      expected * 1e-3 + 6e-9,
                                      r.bytes << " bytes");
        }
        NS_TEST_EXPECT_MSG_EQ(small, 1, "the second 0 -> 1 message met the second Recv");
        NS_TEST_EXPECT_MSG_EQ(s.comm->GetNActiveOperations(), 0, "nothing left in flight");
        Simulator::Destroy();
    }
};

/**
 * @brief The reverse path's latency, as each fabric reports it: the optical fabric's alpha;
 * on a leaf-spine, 2 link delays and a leaf's forwarding latency within a leaf, 4 and 3
 * across leaves; and credits over the leaf-spine come back, every one.
 */
class PathLatencyTestCase : public TestCase
{
  public:
    PathLatencyTestCase()
        : TestCase("path latency: optical alpha; leaf-spine 2 d + L within a leaf, 4 d + 3 L "
                   "across; credits over the leaf-spine all return")
    {
    }

  private:
    void DoRun() override
    {
        {
            SendRecvSetup s(8, "ReversePath", Seconds(0), 0);
            Ptr<NetDevice> d0 = s.nodes.Get(0)->GetDevice(0);
            Ptr<NetDevice> d3 = s.nodes.Get(3)->GetDevice(0);
            NS_TEST_EXPECT_MSG_EQ(
                DynamicCast<FabricNetDevice>(d3)->GetPathLatency(d0->GetAddress()),
                DefaultAlpha(),
                "optical: alpha");
            NS_TEST_EXPECT_MSG_EQ(s.comm->GetCreditLatency(3, 0), DefaultAlpha(), "credits");
            Simulator::Destroy();
        }
        NodeContainer nodes;
        nodes.Create(12);
        LeafSpineHelper fabric; // radix 8, 3:1: 6 hosts and 2 uplinks per leaf
        fabric.SetRadix(8);
        fabric.SetOversubscription(3);
        fabric.SetFabricLinkAttribute("Delay", TimeValue(NanoSeconds(70)));
        fabric.SetHostLinkAttribute("Delay", TimeValue(NanoSeconds(30)));
        fabric.SetSwitchAttribute("ForwardingLatency", TimeValue(NanoSeconds(500)));
        NetDeviceContainer devices = fabric.Install(nodes);
        auto latency = [&devices](uint32_t from, uint32_t to) {
            return DynamicCast<FabricNetDevice>(devices.Get(from))
                ->GetPathLatency(devices.Get(to)->GetAddress());
        };
        NS_TEST_EXPECT_MSG_EQ(latency(0, 5), NanoSeconds(2 * 30 + 500), "within a leaf");
        NS_TEST_EXPECT_MSG_EQ(latency(7, 0),
                              NanoSeconds(2 * 30 + 2 * 70 + 3 * 500),
                              "across leaves");
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(1));
        nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(4096));
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        comm->Send(0, 7, 8 * 4096);
        comm->Recv(7, 0, 8 * 4096);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(comm->GetResults().size(), 1, "the message arrived");
        uint64_t returned = 0;
        uint64_t received = 0;
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<CollectiveTransport> t = nodes.Get(i)->GetObject<CollectiveTransport>();
            returned += t->GetCreditsReturned();
            received += t->GetCreditsReceived();
        }
        NS_TEST_EXPECT_MSG_EQ(returned, 8, "a credit per chunk");
        NS_TEST_EXPECT_MSG_EQ(received, 8, "all back at the sender");
        Simulator::Destroy();
    }
};

/// The suite.
class CollectiveSendRecvTestSuite : public TestSuite
{
  public:
    CollectiveSendRecvTestSuite()
        : TestSuite("scale-across-collective-send-recv", TestSuite::Type::UNIT)
    {
        for (uint32_t chunks : {1u, 8u})
        {
            AddTestCase(new SendRecvTestCase(0, "ReversePath", Seconds(0), chunks, Seconds(0)));
        }
        for (uint32_t k : {1u, 2u, 3u})
        {
            AddTestCase(new SendRecvTestCase(k, "ReversePath", Seconds(0), 10, Seconds(0)));
        }
        AddTestCase(new SendRecvTestCase(1, "Fixed", Seconds(0), 10, Seconds(0)));
        AddTestCase(new SendRecvTestCase(2, "Fixed", MicroSeconds(3), 10, Seconds(0)));
        // The Recv comes long after the data could have arrived: K chunks wait in their
        // slots, the rest follow the credits the Recv frees.
        AddTestCase(new SendRecvTestCase(2, "ReversePath", Seconds(0), 10, MicroSeconds(5)));
        AddTestCase(new SendRecvTestCase(0, "ReversePath", Seconds(0), 10, MicroSeconds(5)));
        AddTestCase(new ManyPairsTestCase());
        AddTestCase(new PathLatencyTestCase());
    }
};

/// Static instance registering the suite.
CollectiveSendRecvTestSuite g_collectiveSendRecvTestSuite;

} // namespace
