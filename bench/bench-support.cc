/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "bench-support.h"

#include "bare-engine.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{
namespace bench
{

double
WallSeconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

double
PeakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

void
Report(const std::string& name, double value, const std::string& unit)
{
    std::printf("%s %.6g %s\n", name.c_str(), value, unit.c_str());
    std::fflush(stdout);
}

Measured
RunInChild(const std::function<void(double* values)>& part)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        std::perror("bench: pipe");
        std::exit(1);
    }
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid < 0)
    {
        std::perror("bench: fork");
        std::exit(1);
    }
    if (pid == 0)
    {
        close(fds[0]);
        Measured m;
        const double t0 = WallSeconds();
        part(m.values);
        m.wallSeconds = WallSeconds() - t0;
        m.peakRssMiB = PeakRssMiB();
        const bool ok = write(fds[1], &m, sizeof(m)) == static_cast<ssize_t>(sizeof(m));
        std::fflush(stdout);
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    Measured m;
    const bool got = read(fds[0], &m, sizeof(m)) == static_cast<ssize_t>(sizeof(m));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        std::cerr << "bench: the measured part failed (child status " << status << ")" << std::endl;
        std::exit(1);
    }
    return m;
}

Measured
MedianInChildren(uint32_t runs, const std::function<void(double* values)>& part)
{
    std::vector<Measured> all;
    for (uint32_t i = 0; i < std::max(runs, 1U); ++i)
    {
        all.push_back(RunInChild(part));
    }
    auto median = [&all](auto field) {
        std::vector<double> v;
        for (const Measured& m : all)
        {
            v.push_back(field(m));
        }
        std::sort(v.begin(), v.end());
        const size_t n = v.size();
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    };
    Measured med;
    med.wallSeconds = median([](const Measured& m) { return m.wallSeconds; });
    med.peakRssMiB = median([](const Measured& m) { return m.peakRssMiB; });
    for (size_t k = 0; k < std::size(med.values); ++k)
    {
        med.values[k] = median([k](const Measured& m) { return m.values[k]; });
    }
    return med;
}

AllReduceRun
RunOpticalAllReduce(uint32_t ranks,
                    const std::string& algorithm,
                    uint64_t bytes,
                    uint64_t chunkBytes,
                    uint32_t wavelengths,
                    bool progress,
                    bool countPending)
{
    AllReduceRun run;
    if (countPending)
    {
        UseCountingScheduler();
    }
    const double t0 = WallSeconds();
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Collective", StringValue("all_reduce"));
    nccl.SetCommunicatorAttribute("Algorithm", StringValue(algorithm));
    nccl.SetCommunicatorAttribute("ChunkBytes", UintegerValue(chunkBytes));
    // One operation, no nccl-tests warm-up: the static fabric has nothing to warm up, and the
    // bench times the simulator on one run.
    nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false));

    NodeContainer nodes;
    nodes.Create(ranks);
    OpticalFabricHelper fabric;
    fabric.SetTransceiverAttribute("Wavelengths", UintegerValue(wavelengths));
    Ptr<StaticCircuitScheduler> circuits =
        CollectiveCircuitHelper(nccl).MakeStaticCircuits(ranks, bytes);
    // One lane per circuit a NIC sources or sinks: the static fabric, no reconfiguration.
    const uint32_t lanes = circuits->GetLanesNeeded();
    if (wavelengths % lanes != 0)
    {
        std::cerr << "bench: " << algorithm << " on " << ranks << " ranks needs " << lanes
                  << " circuits per NIC; wavelengths = " << wavelengths
                  << " is not a multiple of it" << std::endl;
        std::exit(1);
    }
    fabric.SetCircuitScheduler(circuits);
    fabric.SetDeviceAttribute("WavelengthsPerCircuit", UintegerValue(wavelengths / lanes));
    NetDeviceContainer devices = fabric.Install(nodes);
    Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
    comm->Run({bytes}, Seconds(0));
    run.buildSeconds = WallSeconds() - t0;
    // Every message is one send op of the schedule (and one receive op of its peer).
    const std::unique_ptr<CollectiveSchedule> schedule = comm->MakeSchedule(bytes);
    for (uint32_t r = 0; r < ranks; ++r)
    {
        run.messages += schedule->GetNOps(r);
    }
    run.messages /= 2;

    const double t1 = WallSeconds();
    CollectiveProgress show;
    if (progress)
    {
        show.Start(comm, 1);
    }
    Simulator::Run();
    run.runSeconds = WallSeconds() - t1;
    run.events = Simulator::GetEventCount();
    if (comm->GetResults().size() != 1)
    {
        std::cerr << "bench: the all-reduce did not complete" << std::endl;
        std::exit(1);
    }
    run.result = comm->GetResults().front();
    run.meanPending = countPending ? MeanPendingEvents() : 0;
    Simulator::Destroy();
    return run;
}

} // namespace bench
} // namespace ns3
