/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "bare-engine.h"

#include "ns3/core-module.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <vector>

namespace ns3
{
namespace bench
{

namespace
{

/**
 * @brief The scheduler ns-3's `SchedulerType` global value names (MapScheduler unless
 * `--SchedulerType=ns3::HeapScheduler` or another is given), wrapped to count the events it
 * holds: the mean, over the events taken out, of how many were pending then. Every scheduler
 * orders events by time, then by insertion, so the choice changes speed and memory only.
 */
class CountingScheduler : public Scheduler
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::BenchCountingScheduler")
                                .SetParent<Scheduler>()
                                .SetGroupName("ScaleAcross")
                                .AddConstructor<CountingScheduler>();
        return tid;
    }

    CountingScheduler()
        : m_inner(ObjectFactory(SchedulerTypeName("bench")).Create<Scheduler>())
    {
    }

    void Insert(const Scheduler::Event& ev) override
    {
        m_inner->Insert(ev);
        ++s_pending;
    }

    bool IsEmpty() const override
    {
        return m_inner->IsEmpty();
    }

    Scheduler::Event PeekNext() const override
    {
        return m_inner->PeekNext();
    }

    Scheduler::Event RemoveNext() override
    {
        s_pendingSum += s_pending;
        ++s_removed;
        --s_pending;
        return m_inner->RemoveNext();
    }

    void Remove(const Scheduler::Event& ev) override
    {
        m_inner->Remove(ev);
        --s_pending;
    }

    /// Start counting afresh (a new simulation).
    static void Reset()
    {
        s_pending = 0;
        s_pendingSum = 0;
        s_removed = 0;
    }

    /// @return mean events pending when one was taken out
    static double MeanPending()
    {
        return s_removed ? static_cast<double>(s_pendingSum) / s_removed : 0;
    }

  private:
    Ptr<Scheduler> m_inner; //!< the scheduler that holds the events

    // Static: the simulator owns its scheduler; the bench reads the counts before Destroy
    // (which drains the queue through RemoveNext).
    static uint64_t s_pending;    //!< events held now
    static uint64_t s_pendingSum; //!< sum of s_pending over RemoveNext calls
    static uint64_t s_removed;    //!< RemoveNext calls
};

uint64_t CountingScheduler::s_pending = 0;
uint64_t CountingScheduler::s_pendingSum = 0;
uint64_t CountingScheduler::s_removed = 0;

NS_OBJECT_ENSURE_REGISTERED(CountingScheduler);

/// The hold model's state: events still to schedule and the delays they cycle through.
struct Hold
{
    uint64_t toSchedule{0};   //!< events not scheduled yet
    std::vector<Time> delays; //!< delay table
    size_t next{0};           //!< next delay
    static Hold* s_current;   //!< the running model (one per child process)

    /// A no-op event: schedule the next one, if any are left.
    static void Fire()
    {
        Hold& h = *s_current;
        if (h.toSchedule > 0)
        {
            --h.toSchedule;
            Simulator::Schedule(h.delays[h.next], &Hold::Fire);
            h.next = (h.next + 1) % h.delays.size();
        }
    }
};

Hold* Hold::s_current = nullptr;

} // namespace

std::string
SchedulerTypeName(const std::string& program)
{
    TypeIdValue type;
    GlobalValue::GetValueByName("SchedulerType", type);
    const std::string name = type.Get().GetName();
    if (name == "ns3::BenchCountingScheduler" || !type.Get().IsChildOf(Scheduler::GetTypeId()))
    {
        std::cerr << program << ": --SchedulerType=" << name
                  << " is not one of ns-3's event schedulers: use ns3::MapScheduler (the "
                     "default), ns3::HeapScheduler, ns3::CalendarScheduler, "
                     "ns3::PriorityQueueScheduler or ns3::ListScheduler"
                  << std::endl;
        std::exit(1);
    }
    return name;
}

void
UseCountingScheduler()
{
    CountingScheduler::Reset();
    Simulator::SetScheduler(ObjectFactory("ns3::BenchCountingScheduler"));
}

double
MeanPendingEvents()
{
    return CountingScheduler::MeanPending();
}

Measured
RunBareEngine(uint64_t events, uint64_t pending, uint32_t runs)
{
    return MedianInChildren(runs, [&](double* values) {
        UseCountingScheduler();
        Hold hold;
        Hold::s_current = &hold;
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        for (uint32_t i = 0; i < 4096; ++i)
        {
            hold.delays.push_back(NanoSeconds(u->GetInteger(1, 1000)));
        }
        const uint64_t initial = std::max<uint64_t>(1, std::min(pending, events));
        hold.toSchedule = events - initial;
        for (uint64_t i = 0; i < initial; ++i)
        {
            Simulator::Schedule(hold.delays[i % hold.delays.size()], &Hold::Fire);
        }
        const double t0 = WallSeconds();
        Simulator::Run();
        values[0] = WallSeconds() - t0;
        values[1] = static_cast<double>(Simulator::GetEventCount());
        values[2] = CountingScheduler::MeanPending();
        Simulator::Destroy();
    });
}

} // namespace bench
} // namespace ns3
