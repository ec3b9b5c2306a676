/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "example-power-study.h"

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/scale-across-module.h"

#include <memory>

namespace ns3
{

namespace
{

/// PacketTransceiver's presets (their latency is used when the optics are one of them).
const std::vector<std::string> PACKET_PRESETS = {"dsp-800g", "dsp-1.6t", "lpo-800g", "cpo-1.6t"};

/// What a simulated all-reduce reports.
struct SimState
{
    FabricPowerHelper* power{nullptr}; //!< the fabric's meter
    double seconds{0};                 //!< the all-reduce's time, s
    double joules{0};                  //!< the fabric's energy over it, J
    bool done{false};                  //!< it completed
};

/// OperationComplete sink: read the fabric's energy at the all-reduce's end, and stop.
void
AllReduceDone(SimState* s, const CollectiveResult& result)
{
    s->seconds = result.time.GetSeconds();
    s->joules = s->power->Collect("").GetEnergyJoules();
    s->done = true;
    Simulator::Stop();
}

/// @param dev a host's packet device @param watts the power of its end's transceiver
void
SetHostEndWatts(Ptr<NetDevice> dev, double watts)
{
    Ptr<PacketNetDevice> d = DynamicCast<PacketNetDevice>(dev);
    Ptr<PacketLink> link = d->GetPortLink(0);
    const PacketEndpoint* self = PeekPointer(d);
    if (Ptr<PacketTransceiver> x = link->GetTransceiver(link->GetEnd(0) == self ? 0 : 1))
    {
        x->SetAttribute("PowerWatts", DoubleValue(watts));
    }
}

} // namespace

ExamplePowerStudy::ExamplePowerStudy(const Options& options)
    : m_options(options)
{
}

uint32_t
ExamplePowerStudy::GetRadix() const
{
    return static_cast<uint32_t>(PowerTechnology::Find(m_options.asic)->rateGbps /
                                 m_options.rateGbps);
}

double
ExamplePowerStudy::GetEndWatts(const std::string& preset) const
{
    const PowerTechnology& t = *PowerTechnology::Find(preset);
    return t.staticWatts * m_options.rateGbps / t.rateGbps;
}

ExamplePowerStudy::Row
ExamplePowerStudy::Measure(const std::string& fabric, uint32_t n) const
{
    Row row;
    row.fabric = fabric;
    row.endpoints = n;
    const uint64_t radix = GetRadix();
    const CrossbarTechnology& tech = CrossbarTechnology::Get(m_options.crossbar);
    // Refuse what cannot be built before any node exists.
    if (fabric == "multistage" && uint64_t{n} > uint64_t{tech.maxPorts} * tech.maxPorts)
    {
        row.shape = "n/a: five stages (N > " + std::to_string(tech.maxPorts) + "^2)";
        return row;
    }
    if (fabric == "leafspine" && uint64_t{n} > radix * radix / 2)
    {
        row.shape = "n/a: > R^2/2 = " + std::to_string(radix * radix / 2) + " hosts";
        return row;
    }
    if (fabric == "fattree" && uint64_t{n} > radix * radix * radix / 4)
    {
        row.shape = "n/a: > R^3/4 hosts";
        return row;
    }
    Build(row);
    return row;
}

void
ExamplePowerStudy::Build(Row& row) const
{
    const uint32_t n = row.endpoints;
    const Options& o = m_options;
    const DataRate rate(static_cast<uint64_t>(o.rateGbps * 1e9));
    const uint32_t radix = GetRadix();
    const double asicWatts = PowerTechnology::Find(o.asic)->staticWatts;
    const bool simulate = n <= o.simulateMax;
    NodeContainer hosts;
    hosts.Create(n);
    CollectiveHelper nccl;
    nccl.SetCommunicatorAttribute("Algorithm", StringValue("ring"));
    // No warm-up operation: the fabric's energy is read from time 0 to the all-reduce's end.
    nccl.SetCommunicatorAttribute("WarmUp", BooleanValue(false));
    NetDeviceContainer devices;
    NodeContainer switchNodes;
    if (row.fabric == "optical" || row.fabric == "multistage")
    {
        const CrossbarTechnology& tech = CrossbarTechnology::Get(o.crossbar);
        std::unique_ptr<OpticalFabricHelper> single;
        std::unique_ptr<MultiStageOpticalFabricHelper> multi;
        OpticalFabricHelper* f = nullptr;
        if (row.fabric == "optical")
        {
            single = std::make_unique<OpticalFabricHelper>();
            single->SetCrossbarTechnology(tech.name);
            row.whatIf = n > tech.maxPorts;
            if (row.whatIf)
            {
                single->SetCrossbarAttribute("PortLimit", UintegerValue(n));
            }
            f = single.get();
        }
        else
        {
            multi = std::make_unique<MultiStageOpticalFabricHelper>();
            multi->SetStageTechnology(tech.name);
            f = multi.get();
        }
        f->SetTransceiverAttribute("DataRatePerWavelength", DataRateValue(rate));
        f->SetTransceiverAttribute("StaticPowerWattsPerWavelength",
                                   DoubleValue(GetEndWatts(o.nicOptics)));
        if (simulate)
        {
            // The ring's circuits are set up before the job, as a training job keeps them.
            f->SetCircuitScheduler(CollectiveCircuitHelper(nccl).MakeStaticCircuits(n, o.bytes));
        }
        devices = multi ? multi->Install(hosts) : single->Install(hosts);
        Ptr<ClosFabric> stages = multi ? multi->GetStages() : nullptr;
        row.shape = stages
                        ? "Clos r = " + std::to_string(stages->GetTopology().GetNEdges()) +
                              ", k = " + std::to_string(stages->GetEdgePorts()) +
                              ", m = " + std::to_string(stages->GetMiddleSwitches())
                        : "1 crossbar of " + std::to_string(n) + (row.whatIf ? " (what-if)" : "");
    }
    else
    {
        std::unique_ptr<PacketFabricHelper> f;
        uint32_t ports = 0;
        if (row.fabric == "leafspine")
        {
            // The fewest hosts per leaf h that divides N with N / h leaves <= 2h spine ports.
            uint32_t h = 1;
            while (n % h != 0 || n / h > 2 * h)
            {
                ++h;
            }
            ports = 2 * h;
            auto ls = std::make_unique<LeafSpineHelper>();
            ls->SetRadix(ports);
            row.shape = "R = " + std::to_string(ports) + ", " + std::to_string(n / h) +
                        " leaves, " + std::to_string(h) + " spines";
            f = std::move(ls);
        }
        else
        {
            uint32_t k = 2;
            while (uint64_t{k} * k * k / 4 < n)
            {
                k += 2;
            }
            ports = k;
            auto ft = std::make_unique<FatTreeHelper>();
            ft->SetK(k);
            row.shape = "k = " + std::to_string(k) + " (" +
                        std::to_string(uint64_t{k} * k * k / 4) + " host ports)";
            f = std::move(ft);
        }
        row.whatIf = ports > radix;
        f->SetEndpointRate(rate);
        f->SetSwitchAttribute("AsicPowerWatts", DoubleValue(asicWatts * ports / radix));
        bool known = false;
        for (const std::string& p : PACKET_PRESETS)
        {
            known = known || p == o.switchOptics;
        }
        f->SetTransceiver(known ? o.switchOptics : "dsp-800g", o.hostLinkOptics);
        f->SetTransceiverAttribute("PowerWatts", DoubleValue(GetEndWatts(o.switchOptics)));
        devices = row.fabric == "leafspine" ? static_cast<LeafSpineHelper&>(*f).Install(hosts)
                                            : static_cast<FatTreeHelper&>(*f).Install(hosts);
        switchNodes = f->GetSwitchNodes();
        if (o.hostLinkOptics)
        {
            for (uint32_t i = 0; i < devices.GetN(); ++i)
            {
                SetHostEndWatts(devices.Get(i), GetEndWatts(o.nicOptics));
            }
        }
    }

    FabricPowerHelper power;
    power.Install(hosts, switchNodes);
    const FabricPowerReport r = power.Collect(row.fabric);
    row.built = true;
    row.parts = r.GetInventory();
    for (uint32_t c = 0; c < FabricPowerReport::N_CLASSES; ++c)
    {
        row.watts[c] = r.GetStaticPowerWatts(static_cast<FabricPowerReport::Class>(c));
    }
    row.totalWatts = r.GetStaticPowerWatts();
    // Ring all-reduce's bandwidth term (latency terms and congestion left out); the presets
    // put all power in static watts, so the energy is that power x the time.
    row.closedSeconds = 2.0 * (n - 1) / n * 8.0 * static_cast<double>(o.bytes) / (o.rateGbps * 1e9);
    row.closedJoules = row.totalWatts * row.closedSeconds;
    if (simulate)
    {
        SimState state;
        state.power = &power;
        Ptr<CollectiveCommunicator> comm = nccl.Install(devices);
        comm->TraceConnectWithoutContext("OperationComplete",
                                         MakeBoundCallback(&AllReduceDone, &state));
        comm->Run({o.bytes}, Seconds(0));
        Simulator::Run();
        NS_ABORT_MSG_IF(!state.done,
                        "scale-across-power: the all-reduce on " << row.fabric << " with " << n
                                                                 << " endpoints did not end");
        row.simulated = true;
        row.simSeconds = state.seconds;
        row.simJoules = state.joules;
    }
    Simulator::Destroy();
}

} // namespace ns3
