/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-collective-concurrency: collectives as a training job issues them. Ranks that
 * start apart delay a ring all-reduce exactly as its dependency recurrence says; two
 * all-reduces in flight on one communicator share the lanes as the recurrence for a shared
 * FIFO lane says; three groups (two contiguous, one strided) run at once on disjoint lanes
 * and each meets its own closed form; mismatched calls are refused.
 */

#include "../collective-test-fixture.h"
#include "../scale-across-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/collective-circuit-helper.h"
#include "ns3/collective-communicator.h"
#include "ns3/collective-helper.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>

using namespace ns3;
using namespace ns3::scale_across_test;

namespace
{

const double LAMBDA_BYTES = 1.6e12 / 8; //!< payload bytes per second of one wavelength

/**
 * @brief Time of a ring all-reduce (one NCCL channel, no pipelining, unlimited credits) whose
 * rank i issues it at starts[i]: the max-plus recurrence of its dependencies. Rank i's send
 * of step k may leave once rank i has issued and has received step k - 1 from rank i - 1,
 * and once its lane has serialized its step k - 1; it arrives ser + alpha later.
 * @param starts issue time of each rank, seconds
 * @param blockBytes bytes of each message (n / p)
 * @param laneBytesPerSecond lane rate
 * @param alpha fixed latency and propagation, seconds
 * @return first issue to last finish, seconds
 */
double
RingWithSkew(const std::vector<double>& starts,
             double blockBytes,
             double laneBytesPerSecond,
             double alpha)
{
    const auto p = static_cast<uint32_t>(starts.size());
    const uint32_t steps = 2 * (p - 1);
    const double ser = (blockBytes + FRAMING) / laneBytesPerSecond;
    std::vector<double> send(p);   // start of the current step's send, by rank
    std::vector<double> arrive(p); // arrival at rank i of the current step's message
    std::vector<double> finish(p); // when rank i finished
    for (uint32_t i = 0; i < p; ++i)
    {
        send[i] = starts[i];
    }
    for (uint32_t k = 0; k < steps; ++k)
    {
        if (k > 0)
        {
            for (uint32_t i = 0; i < p; ++i)
            {
                send[i] = std::max({starts[i], arrive[i], send[i] + ser});
            }
        }
        for (uint32_t i = 0; i < p; ++i)
        {
            arrive[(i + 1) % p] = send[i] + ser + alpha;
        }
    }
    for (uint32_t i = 0; i < p; ++i)
    {
        finish[i] = std::max(send[i], arrive[i]);
    }
    return *std::max_element(finish.begin(), finish.end()) -
           *std::min_element(starts.begin(), starts.end());
}

/// A static ring fabric of one wavelength per NIC and a ring all-reduce communicator on it.
struct RingSetup
{
    NodeContainer nodes;              //!< endpoints
    Ptr<CollectiveCommunicator> comm; //!< the communicator

    /// @param ranks ranks @param bytes a size for the circuit plan
    RingSetup(uint32_t ranks, uint64_t bytes)
    {
        nodes.Create(ranks);
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
        OpticalFabricHelper fabric;
        fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(1));
        fabric.SetCircuitScheduler(CollectiveCircuitHelper(nccl).MakeStaticCircuits(ranks, bytes));
        comm = nccl.Install(fabric.Install(nodes));
    }
};

/// One rank, or every rank, issues late; the time follows the recurrence.
class StartSkewTestCase : public TestCase
{
  public:
    /// @param ranks ranks @param delaysNs issue delay of each rank, ns
    StartSkewTestCase(uint32_t ranks, std::vector<uint32_t> delaysNs)
        : TestCase("ring all-reduce on " + std::to_string(ranks) +
                   " ranks issued apart: the recurrence's time"),
          m_ranks(ranks),
          m_delaysNs(std::move(delaysNs))
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t bytes = uint64_t{m_ranks} * 4 * 25000; // 100 kB blocks
        RingSetup s(m_ranks, bytes);
        std::vector<Time> delays;
        std::vector<double> starts;
        for (uint32_t d : m_delaysNs)
        {
            delays.push_back(NanoSeconds(d));
            starts.push_back(d * 1e-9);
        }
        CollectiveCall call;
        call.bytes = bytes;
        s.comm->IssueAll(call, delays);
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(s.comm->GetResults().size(), 1, "the operation completed");
        const double expected = RingWithSkew(starts,
                                             static_cast<double>(bytes) / m_ranks,
                                             LAMBDA_BYTES,
                                             DefaultAlpha().GetSeconds());
        const uint32_t steps = 2 * (m_ranks - 1);
        NS_TEST_EXPECT_MSG_EQ_TOL(s.comm->GetResults()[0].time.GetSeconds(),
                                  expected,
                                  steps * 1e-9, // the 1 ns resolution, once per step
                                  "first issue to last finish vs the recurrence");
        const double firstIssue = *std::min_element(starts.begin(), starts.end());
        NS_TEST_EXPECT_MSG_EQ(s.comm->GetResults()[0].start,
                              Seconds(firstIssue),
                              "an operation starts at its first issue");
        Simulator::Destroy();
    }

    uint32_t m_ranks;                 //!< ranks
    std::vector<uint32_t> m_delaysNs; //!< issue delays
};

/// Two all-reduces issued together on one communicator share each rank's lane, FIFO.
class OverlapTestCase : public TestCase
{
  public:
    OverlapTestCase()
        : TestCase("two ring all-reduces in flight on one communicator share the lanes")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t p = 4;
        const uint64_t bytes = uint64_t{p} * 4 * 25000;
        RingSetup s(p, bytes);
        CollectiveCall call;
        call.bytes = bytes;
        s.comm->IssueAll(call); // operation 0
        s.comm->IssueAll(call); // operation 1, at the same instant
        NS_TEST_EXPECT_MSG_EQ(s.comm->GetNActiveOperations(), 2, "both in flight");
        Simulator::Run();
        const auto& r = s.comm->GetResults();
        NS_TEST_ASSERT_MSG_EQ(r.size(), 2, "both completed");
        // Every rank is alike: a_k, b_k the send starts of the two operations' step k.
        const double ser = (bytes / double{p} + FRAMING) / LAMBDA_BYTES;
        const double alpha = DefaultAlpha().GetSeconds();
        double a = 0;
        double b = ser;
        for (uint32_t k = 1; k < 2 * (p - 1); ++k)
        {
            a = std::max(a + ser + alpha, b + ser);
            b = std::max(b + ser + alpha, a + ser);
        }
        const uint32_t steps = 2 * (p - 1);
        NS_TEST_EXPECT_MSG_EQ(r[0].sequence, 0, "operation 0 finishes first");
        NS_TEST_EXPECT_MSG_EQ_TOL(r[0].time.GetSeconds(),
                                  a + ser + alpha,
                                  2 * steps * 1e-9,
                                  "op 0");
        NS_TEST_EXPECT_MSG_EQ_TOL(r[1].time.GetSeconds(),
                                  b + ser + alpha,
                                  2 * steps * 1e-9,
                                  "op 1");
        // And slower than alone: the lanes are shared (here 2 ser > ser + alpha, so each step
        // takes two message times instead of one message time and alpha).
        const double alone =
            RingWithSkew(std::vector<double>(p, 0.0), bytes / double{p}, LAMBDA_BYTES, alpha);
        NS_TEST_EXPECT_MSG_GT(r[1].time.GetSeconds(), alone, "sharing lanes costs time");
        Simulator::Destroy();
    }
};

/// KeepResults = false: GetResults keeps nothing, OperationComplete reports the same results.
class KeepResultsTestCase : public TestCase
{
  public:
    KeepResultsTestCase()
        : TestCase("KeepResults = false: GetResults stays empty; OperationComplete gives the "
                   "results GetResults holds with KeepResults = true")
    {
    }

  private:
    /// @param keep KeepResults @param traced set to the traced results
    /// @return GetResults after two overlapping all-reduces
    static std::vector<CollectiveResult> Run(bool keep, std::vector<CollectiveResult>& traced)
    {
        RingSetup s(4, 400000);
        s.comm->SetAttribute("KeepResults", BooleanValue(keep));
        s.comm->TraceConnectWithoutContext(
            "OperationComplete",
            MakeCallback(+[](std::vector<CollectiveResult>* v, const CollectiveResult& r) {
                v->push_back(r);
            }).Bind(&traced));
        CollectiveCall call;
        call.bytes = 400000;
        s.comm->IssueAll(call);
        s.comm->IssueAll(call);
        Simulator::Run();
        std::vector<CollectiveResult> kept = s.comm->GetResults();
        Simulator::Destroy();
        return kept;
    }

    void DoRun() override
    {
        std::vector<CollectiveResult> tracedKeep;
        const std::vector<CollectiveResult> kept = Run(true, tracedKeep);
        std::vector<CollectiveResult> traced;
        const std::vector<CollectiveResult> none = Run(false, traced);
        NS_TEST_EXPECT_MSG_EQ(kept.size(), 2, "kept: both");
        NS_TEST_EXPECT_MSG_EQ(none.size(), 0, "kept: none");
        NS_TEST_ASSERT_MSG_EQ(traced.size(), 2, "both traced");
        for (size_t i = 0; i < kept.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(traced[i].sequence, kept[i].sequence, "same operation");
            NS_TEST_EXPECT_MSG_EQ(traced[i].time, kept[i].time, "same time");
        }
    }
};

/// Tensor-parallel-like groups {0..3} and {4..7} and a data-parallel-like strided group
/// {0, 2, 4, 6}, all at once on one fabric with disjoint lanes: each meets its closed form.
class GroupsTestCase : public TestCase
{
  public:
    GroupsTestCase()
        : TestCase("three groups (two contiguous, one strided) at once on disjoint lanes")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(8);
        const std::vector<std::vector<uint32_t>> groups = {{0, 1, 2, 3},
                                                           {4, 5, 6, 7},
                                                           {0, 2, 4, 6}};
        const uint64_t bytes = 4 * 4 * 50000;
        CollectiveHelper nccl;
        nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(0));
        Ptr<StaticCircuitScheduler> circuits = CreateObject<StaticCircuitScheduler>();
        for (const auto& g : groups)
        {
            CollectiveCircuitHelper(nccl).AddStaticCircuits(circuits, g, bytes);
        }
        OpticalFabricHelper fabric;
        fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(2));
        fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(1)); // 2 lanes
        fabric.SetCircuitScheduler(circuits);
        NetDeviceContainer all = fabric.Install(nodes);
        std::vector<Ptr<CollectiveCommunicator>> comms;
        for (const auto& g : groups)
        {
            NetDeviceContainer devices;
            for (uint32_t n : g)
            {
                devices.Add(all.Get(n));
            }
            comms.push_back(nccl.Install(devices));
            CollectiveCall call;
            call.bytes = bytes;
            comms.back()->IssueAll(call);
        }
        Simulator::Run();
        const Time expected = RingClosedForm(2 * 3, 1, bytes / 4.0, LAMBDA_BYTES, DefaultAlpha());
        for (size_t g = 0; g < comms.size(); ++g)
        {
            NS_TEST_ASSERT_MSG_EQ(comms[g]->GetResults().size(), 1, "group " << g << " done");
            NS_TEST_EXPECT_MSG_EQ_TOL(comms[g]->GetResults()[0].time.GetSeconds(),
                                      expected.GetSeconds(),
                                      expected.GetSeconds() * 1e-3 + 6e-9,
                                      "group " << g << " vs its own ring closed form");
        }
        Simulator::Destroy();
    }
};

/// The suite.
class CollectiveConcurrencyTestSuite : public TestSuite
{
  public:
    CollectiveConcurrencyTestSuite()
        : TestSuite("scale-across-collective-concurrency", TestSuite::Type::UNIT)
    {
        AddTestCase(new StartSkewTestCase(5, {0, 0, 3000, 0, 0}));
        AddTestCase(new StartSkewTestCase(5, {0, 0, 100, 0, 0}));
        AddTestCase(new StartSkewTestCase(6, {700, 0, 2500, 10, 40000, 900}));
        AddTestCase(new OverlapTestCase());
        AddTestCase(new KeepResultsTestCase());
        AddTestCase(new GroupsTestCase());
        AddTestCase(new FatalTestCase(
            "ranks that issue different operations are refused",
            [] {
                RingSetup s(3, 3 * 4 * 100);
                CollectiveCall a;
                a.bytes = 1200;
                CollectiveCall b;
                b.bytes = 2400;
                s.comm->Issue(0, a);
                s.comm->Issue(1, b);
            },
            {"every rank must issue the same operations in the same order", "1200", "2400"}));
    }
};

/// Static instance registering the suite.
CollectiveConcurrencyTestSuite g_collectiveConcurrencyTestSuite;

} // namespace
