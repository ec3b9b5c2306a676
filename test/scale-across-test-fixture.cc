/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scale-across-test-fixture.h"

#include "ns3/boolean.h"
#include "ns3/byte-conservation.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/optical-fabric-helper.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/static-circuit-scheduler.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{
namespace scale_across_test
{

TestFabric::TestFabric(const FabricConfig& c)
{
    nodes.Create(c.nodes);
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(c.wavelengths));
    fabric.SetTransceiverAttribute("DataRatePerWavelength",
                                   DataRateValue(DataRate(c.ratePerWavelength)));
    fabric.SetTransceiverAttribute("DspLatency", TimeValue(c.dsp));
    fabric.SetTransceiverAttribute("FecLatency", TimeValue(c.fec));
    fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(c.wavelengthsPerCircuit));
    fabric.SetDeviceAttribute("WaitForCircuit", BooleanValue(c.waitForCircuit));
    fabric.SetDeviceAttribute("MaxQueueBytes", UintegerValue(c.maxQueueBytes));
    fabric.SetChannelAttribute("Length", DoubleValue(c.fiberMeters));
    fabric.SetChannelAttribute("Attenuation", DoubleValue(c.attenuation));
    if (!c.technology.empty())
    {
        fabric.SetCrossbarTechnology(c.technology); // its figures; those below override them
    }
    fabric.SetCrossbarAttribute("PortLimit", UintegerValue(c.portLimit));
    fabric.SetCrossbarAttribute("ReconfigurationTime", TimeValue(c.reconfiguration));
    fabric.SetCrossbarAttribute("SwitchingLatency", TimeValue(c.switching));
    fabric.SetCrossbarAttribute("InsertionLoss", DoubleValue(c.insertionLoss));
    fabric.SetCrossbarAttribute("Stages", PointerValue(c.stages)); // replaces the three above
    if (c.staticRing || !c.staticCircuits.empty())
    {
        Ptr<StaticCircuitScheduler> s = CreateObject<StaticCircuitScheduler>();
        if (c.staticRing)
        {
            s->AddRing(c.nodes);
        }
        for (const auto& [src, dst] : c.staticCircuits)
        {
            s->AddCircuit(src, dst);
        }
        fabric.SetCircuitScheduler(s);
    }
    if (c.scheduler)
    {
        fabric.SetCircuitScheduler(c.scheduler);
    }
    devices = fabric.Install(nodes);
    crossbar = fabric.GetCrossbar();
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        devices.Get(i)->SetReceiveCallback(MakeCallback(&TestFabric::Receive, this));
    }
}

Ptr<OpticalNetDevice>
TestFabric::Dev(uint32_t i) const
{
    return DynamicCast<OpticalNetDevice>(devices.Get(i));
}

bool
TestFabric::Receive(Ptr<NetDevice> dev, Ptr<const Packet> p, uint16_t, const Address&)
{
    arrivals.push_back(
        {dev->GetNode()->GetId() - nodes.Get(0)->GetId(), p->GetSize(), Simulator::Now()});
    return true;
}

void
TestFabric::SendAt(Time at, uint32_t src, uint32_t dst, uint32_t bytes)
{
    Ptr<OpticalNetDevice> from = Dev(src);
    const Address to = Dev(dst)->GetAddress();
    Simulator::ScheduleWithContext(nodes.Get(src)->GetId(), at, [from, to, bytes]() {
        from->Send(Create<Packet>(bytes), to, TEST_PROTOCOL);
    });
}

uint64_t
TestFabric::Sent() const
{
    return ByteConservation::Sum(devices).sent;
}

uint64_t
TestFabric::Received() const
{
    return ByteConservation::Sum(devices).delivered;
}

uint64_t
TestFabric::Dropped() const
{
    return ByteConservation::Sum(devices).GetDropped();
}

uint64_t
TestFabric::Dropped(DropReason r) const
{
    uint64_t s = 0;
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        s += Dev(i)->GetDroppedBytes(r);
    }
    return s;
}

uint64_t
TestFabric::Queued() const
{
    return ByteConservation::Sum(devices).queued;
}

bool
TestFabric::Conserved() const
{
    return ByteConservation::Sum(devices).IsBalanced();
}

Time
ClosedFormTransfer(uint64_t payload,
                   uint32_t wavelengths,
                   double rateBps,
                   Time fixed,
                   double fiberMeters,
                   Time switching)
{
    const double serialization = 8.0 * (payload + MAC_HEADER) / (wavelengths * rateBps);
    const double propagation = fiberMeters * FIBER_INDEX / 299792458.0;
    return Seconds(serialization + propagation) + fixed + switching;
}

bool
ExpectFatal(const std::function<void()>& fn,
            const std::vector<std::string>& expected,
            std::string& detail)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        detail = "pipe() failed";
        return false;
    }
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        fn();
        _exit(0); // returned normally: no fatal error
    }
    close(fds[1]);
    std::string output;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        output.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    const bool failed = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
    if (!failed)
    {
        detail = "no fatal error; output: " + output;
        return false;
    }
    for (const auto& e : expected)
    {
        if (output.find(e) == std::string::npos)
        {
            detail = "message lacks \"" + e + "\": " + output;
            return false;
        }
    }
    detail = output;
    return true;
}

FatalTestCase::FatalTestCase(std::string name,
                             std::function<void()> fn,
                             std::vector<std::string> expected)
    : TestCase(name),
      m_fn(fn),
      m_expected(expected)
{
}

void
FatalTestCase::DoRun()
{
    std::string detail;
    NS_TEST_ASSERT_MSG_EQ(ExpectFatal(m_fn, m_expected, detail), true, detail);
}

} // namespace scale_across_test
} // namespace ns3
