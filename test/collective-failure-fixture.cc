/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "collective-failure-fixture.h"

#include "fault-test-fixture.h"

#include "ns3/collective-helper.h"
#include "ns3/collective-transport.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace scale_across_test
{

Time
RingStep(uint32_t p)
{
    return NanoSeconds(static_cast<int64_t>(RING_BYTES / p + COLLECTIVE_HEADER_BYTES)) + RING_DELAY;
}

Time
RingTime(uint32_t p)
{
    return RingStep(p) * static_cast<int64_t>(2 * (p - 1));
}

FailOutcome
RunFailure(const FailRun& c)
{
    ToggleFabric f = BuildToggleFabric(c.ranks, RING_RATE, RING_DELAY);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("SendCredits", UintegerValue(c.sendCredits));
    nccl.SetCommunicatorAttribute("FailureTimeout", TimeValue(c.failureTimeout));
    nccl.SetCommunicatorAttribute("OnFailure", StringValue(c.onFailure));
    nccl.SetCommunicatorAttribute("ShrinkTime", TimeValue(c.shrinkTime));
    nccl.SetCommunicatorAttribute("Algorithm", StringValue(c.algorithm));
    nccl.SetTransportAttribute("MaxSegmentBytes", UintegerValue(60000));
    Ptr<CollectiveCommunicator> comm = nccl.Install(f.devices);
    FailOutcome out;
    comm->TraceConnectWithoutContext("OperationComplete",
                                     MakeCallback(+[](FailOutcome* o, const CollectiveResult& r) {
                                         o->completed.push_back(r);
                                     }).Bind(&out));
    comm->TraceConnectWithoutContext("OperationFailed",
                                     MakeCallback(+[](FailOutcome* o, const CollectiveResult& r) {
                                         o->failed.push_back(r);
                                     }).Bind(&out));
    comm->TraceConnectWithoutContext(
        "RankComplete",
        MakeCallback(+[](FailOutcome* o, uint32_t, uint32_t, Time, Time) {
            ++o->rankComplete;
        }).Bind(&out));
    if (!c.changeTimeoutAt.IsStrictlyNegative())
    {
        Simulator::Schedule(c.changeTimeoutAt, [comm, t = c.newTimeout]() {
            comm->SetAttribute("FailureTimeout", TimeValue(t));
        });
    }
    for (const auto& [at, rank, up] : c.links)
    {
        Ptr<LinkToggleNetDevice> d = f.Dev(rank);
        const bool state = up;
        Simulator::Schedule(at, [d, state]() { d->SetLinkUp(state); });
    }
    for (const auto& [from, to] : c.blackList)
    {
        f.channel->BlackList(f.Dev(from), f.Dev(to));
    }
    for (Time at : c.issues)
    {
        if (c.pointToPoint)
        {
            comm->SendAt(at, 0, 1, RING_BYTES);
            comm->RecvAt(at, 1, 0, RING_BYTES);
            continue;
        }
        Simulator::Schedule(at, [comm]() {
            CollectiveCall call;
            call.bytes = RING_BYTES;
            comm->IssueAll(call);
        });
    }
    Simulator::Run(); // no Stop: returns only when no event is left
    out.end = Simulator::Now();
    out.results = comm->GetResults();
    out.active = comm->GetNActiveOperations();
    for (uint32_t i = 0; i < c.ranks; ++i)
    {
        Ptr<CollectiveTransport> t = f.nodes.Get(i)->GetObject<CollectiveTransport>();
        out.sent += t->GetSentBytes();
        out.received += t->GetReceivedBytes();
        out.partial += t->GetPartialBytes();
    }
    out.lost = f.LostDataBytes();
    out.late = comm->GetFailureMonitor().GetLateBytes();
    Ptr<CollectiveCommunicator> shrunk = comm->GetFailureMonitor().GetShrunk();
    if (shrunk)
    {
        out.shrunkRanks = shrunk->GetNRanks();
        out.late += shrunk->GetFailureMonitor().GetLateBytes();
    }
    Simulator::Destroy();
    return out;
}

FailureTestCase::FailureTestCase(std::string name)
    : TestCase(name)
{
}

void
FailureTestCase::ExpectBalance(const FailOutcome& o, uint64_t lostInFabric)
{
    NS_TEST_EXPECT_MSG_EQ(o.sent,
                          o.received + o.partial + o.lost + lostInFabric,
                          "sent = received + partial + lost at the devices (+ in the fabric)");
    NS_TEST_EXPECT_MSG_EQ((o.late <= o.received), true, "late bytes are received bytes");
}

} // namespace scale_across_test
} // namespace ns3
