/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "slotted-circuit-scheduler.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SlottedCircuitScheduler");

NS_OBJECT_ENSURE_REGISTERED(SlottedCircuitScheduler);

TypeId
SlottedCircuitScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SlottedCircuitScheduler")
            .SetParent<CircuitScheduler>()
            .SetGroupName("ScaleAcross")
            .AddAttribute("SlotTime",
                          "Length of one slot of the fixed cycle of matchings (> 0), set-up "
                          "included. Opera's 16-ToR example: 12.88 us + 0.62 us + 1 us.",
                          TimeValue(MicroSeconds(10)),
                          MakeTimeAccessor(&SlottedCircuitScheduler::SetSlotTime,
                                           &SlottedCircuitScheduler::GetSlotTime),
                          MakeTimeChecker())
            .AddTraceSource("Slot",
                            "A slot starts and its circuits are set up (only slots that are "
                            "simulated: the cycle pauses while no traffic waits).",
                            MakeTraceSourceAccessor(&SlottedCircuitScheduler::m_slotTrace),
                            "ns3::SlottedCircuitScheduler::SlotTracedCallback");
    return tid;
}

SlottedCircuitScheduler::SlottedCircuitScheduler()
    : m_slotTime(MicroSeconds(10)),
      m_nDemand(0),
      m_running(false),
      m_nSlotsRun(0)
{
    NS_LOG_FUNCTION(this);
}

SlottedCircuitScheduler::~SlottedCircuitScheduler()
{
    NS_LOG_FUNCTION(this);
}

void
SlottedCircuitScheduler::DoDispose()
{
    m_nextSlot.Cancel();
    m_demand.clear();
    CircuitScheduler::DoDispose();
}

void
SlottedCircuitScheduler::SetSlotTime(Time t)
{
    NS_ABORT_MSG_IF(!t.IsStrictlyPositive(),
                    GetInstanceTypeId().GetName()
                        << "::SlotTime = " << t.As(Time::NS) << " is invalid: use > 0");
    CheckNotStarted("SlotTime");
    m_slotTime = t;
}

void
SlottedCircuitScheduler::CheckNotStarted(const std::string& attribute) const
{
    NS_ABORT_MSG_IF(m_cycle,
                    GetInstanceTypeId().GetName()
                        << "::" << attribute << " cannot change once the simulation has started");
}

Time
SlottedCircuitScheduler::GetSlotTime() const
{
    return m_slotTime;
}

Time
SlottedCircuitScheduler::GetSlotSetUpTime() const
{
    const Time attribute = GetSetUpAttribute();
    return attribute.IsZero() ? Switch().GetReconfigurationTime() : attribute;
}

const RotorCycle&
SlottedCircuitScheduler::GetCycle() const
{
    NS_ABORT_MSG_IF(!m_cycle,
                    GetInstanceTypeId().GetName() << ": the cycle exists once the simulation "
                                                     "has started");
    return *m_cycle;
}

uint64_t
SlottedCircuitScheduler::GetNSlotsRun() const
{
    return m_nSlotsRun;
}

uint64_t
SlottedCircuitScheduler::PairId(uint32_t src, uint32_t dst)
{
    return (uint64_t{src} << 32) | dst;
}

void
SlottedCircuitScheduler::BuildCycle()
{
    if (m_cycle)
    {
        return;
    }
    const CrossbarPortTable& table = Switch().GetPortTable();
    const std::string name = GetInstanceTypeId().GetName();
    NS_ABORT_MSG_IF(table.GetNPorts() < 2,
                    name << " needs a crossbar of >= 2 ports, not NumPorts = "
                         << table.GetNPorts());
    NS_ABORT_MSG_IF(table.GetNLanes() > table.GetNPorts() - 1,
                    name << ": LanesPerPort = " << table.GetNLanes() << " exceeds the "
                         << table.GetNPorts() - 1 << " matchings of " << table.GetNPorts()
                         << " ports (each lane carries one matching per slot); use fewer "
                            "circuit lanes (WavelengthsPerCircuit)");
    const Time setUp = GetSlotSetUpTime();
    CheckSetUp(setUp, Switch().GetReconfigurationTime());
    NS_ABORT_MSG_IF(setUp >= m_slotTime,
                    name << ": a set-up time of " << setUp.As(Time::NS)
                         << " leaves nothing of SlotTime = " << m_slotTime.As(Time::NS)
                         << "; use a SlotTime longer than the set-up");
    m_cycle = std::make_unique<RotorCycle>(table.GetNPorts(),
                                           table.GetNLanes(),
                                           m_slotTime.GetTimeStep(),
                                           setUp.GetTimeStep());
}

void
SlottedCircuitScheduler::Start()
{
    NS_LOG_FUNCTION(this);
    BuildCycle();
}

void
SlottedCircuitScheduler::RequestCircuit(uint32_t srcPort, uint32_t dstPort)
{
    NS_LOG_FUNCTION(this << srcPort << dstPort);
    BuildCycle();
    ++m_demand[PairId(srcPort, dstPort)];
    ++m_nDemand;
    if (!m_running)
    {
        // The switch kept cycling while nothing was simulated: join it in the slot it is in.
        m_running = true;
        const uint64_t slot = m_cycle->SlotAt(Simulator::Now().GetTimeStep());
        SetUpSlot(slot);
    }
}

void
SlottedCircuitScheduler::NotifyIdle(uint32_t srcPort, uint32_t srcLane)
{
    // The cycle does not follow the traffic.
}

Time
SlottedCircuitScheduler::GetLongestTimedCircuit() const
{
    return m_slotTime - GetSlotSetUpTime();
}

void
SlottedCircuitScheduler::BeginSlot(uint64_t slot)
{
    NS_LOG_FUNCTION(this << slot);
    CircuitSwitch& sw = Switch();
    const CrossbarPortTable& table = sw.GetPortTable();
    // Tear the last slot down. NICs with frames left ask again (RequestCircuit counts them).
    for (uint32_t port = 0; port < table.GetNPorts(); ++port)
    {
        for (uint32_t lane = 0; lane < table.GetNLanes(); ++lane)
        {
            if (table.GetOutputEnd(table.End(port, lane)) != CrossbarPortTable::NO_END)
            {
                sw.ReleaseCircuit(port, lane);
            }
        }
    }
    // With two-hop relay a frame on its first leg will ask for its second only when it reaches
    // the peer's NIC: pausing before then would make that NIC join the cycle mid-slot, with
    // less than a slot's window for a frame sized to a whole one.
    if (m_nDemand == 0 && !(RelaysTraffic() && sw.HasFramesInFlight()))
    {
        NS_LOG_LOGIC("no traffic waits: the cycle pauses at slot " << slot);
        m_running = false;
        return;
    }
    SetUpSlot(slot);
}

void
SlottedCircuitScheduler::SetUpSlot(uint64_t slot)
{
    CircuitSwitch& sw = Switch();
    const RotorCycle& cycle = *m_cycle;
    const int64_t now = Simulator::Now().GetTimeStep();
    const Time setUp = TimeStep(std::max<int64_t>(0, cycle.UpTime(slot) - now));
    const Time close = TimeStep(cycle.CloseTime(slot));
    ++m_nSlotsRun;
    m_slotTrace(slot, cycle.Shift(slot, 0));
    for (uint32_t port = 0; port < cycle.GetNPorts(); ++port)
    {
        for (uint32_t lane = 0; lane < cycle.GetNLanes(); ++lane)
        {
            const uint32_t peer = cycle.Peer(port, slot, lane);
            auto it = m_demand.find(PairId(port, peer));
            if (it != m_demand.end())
            {
                --m_nDemand;
                if (--it->second == 0)
                {
                    m_demand.erase(it);
                }
            }
            // Lane l of the shift matching is a permutation: every output end is free.
            sw.EstablishTimedCircuit(port, lane, peer, lane, setUp, close);
        }
    }
    m_nextSlot = Simulator::Schedule(close - Simulator::Now(),
                                     &SlottedCircuitScheduler::BeginSlot,
                                     this,
                                     slot + 1);
}

void
SlottedCircuitScheduler::NotifyPortChange(uint32_t port, bool up)
{
    NS_LOG_FUNCTION(this << port << up);
}

} // namespace ns3
