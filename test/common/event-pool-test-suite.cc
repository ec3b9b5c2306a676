/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * scale-across-event-pool: reused simulator events (EventPool, issue #17) run in the order
 * MakeEvent's would (time, then the order they were scheduled), are reused once run, and may
 * outlive their pool while pending (Simulator::Destroy frees them unrun; memcheck runs this
 * suite too).
 */

#include "ns3/event-pool.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <memory>
#include <vector>

using namespace ns3;

namespace
{

/// A test event: logs its value when it runs, then goes back to its pool.
class LoggingEvent : public EventImpl
{
  public:
    std::vector<int>* log{nullptr};         //!< where it logs
    EventPool<LoggingEvent>* pool{nullptr}; //!< its pool
    int value{0};                           //!< what it logs

  protected:
    void Notify() override
    {
        log->push_back(value);
        pool->Give(this);
    }
};

/// Schedule an event of a pool. @param pool the pool @param log its log @param value what it
/// logs @param ns when, ns from now
void
ScheduleOne(EventPool<LoggingEvent>& pool, std::vector<int>& log, int value, int64_t ns)
{
    LoggingEvent* event = pool.Take();
    event->log = &log;
    event->pool = &pool;
    event->value = value;
    // The raw-pointer form takes over Take's reference; Schedule (a Ptr) would add its own.
    Simulator::ScheduleWithContext(Simulator::GetContext(), NanoSeconds(ns), event);
}

/// Order and reuse.
class OrderAndReuseTestCase : public TestCase
{
  public:
    OrderAndReuseTestCase()
        : TestCase("events run by time, ties in schedule order; run events are reused")
    {
    }

  private:
    void DoRun() override
    {
        EventPool<LoggingEvent> pool;
        std::vector<int> log;
        const int64_t at[] = {3, 1, 2, 1};
        for (int i = 0; i < 4; ++i)
        {
            ScheduleOne(pool, log, i, at[i]);
        }
        NS_TEST_EXPECT_MSG_EQ(pool.GetN(), 4, "one event each while all are pending");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ((log == std::vector<int>{1, 3, 2, 0}),
                              true,
                              "by time, ties in the order scheduled");

        log.clear();
        for (int i = 0; i < 4; ++i)
        {
            ScheduleOne(pool, log, 10 + i, 1);
        }
        NS_TEST_EXPECT_MSG_EQ(pool.GetN(), 4, "the four that ran are reused, none made");
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ((log == std::vector<int>{10, 11, 12, 13}), true, "reused events");
        Simulator::Destroy();
    }
};

/// A pending event outlives its pool.
class OutliveTestCase : public TestCase
{
  public:
    OutliveTestCase()
        : TestCase("a pending event outlives its pool and is freed unrun by Destroy")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<int> log;
        {
            auto pool = std::make_unique<EventPool<LoggingEvent>>();
            ScheduleOne(*pool, log, 1, 5);
            ScheduleOne(*pool, log, 2, 6);
            pool->Clear();
            pool->Clear(); // DoDispose, then the destructor: twice is harmless
        }
        Simulator::Destroy(); // drops both unrun and frees them (memcheck: no leak, no access)
        NS_TEST_EXPECT_MSG_EQ(log.empty(), true, "no event ran");
    }
};

/// The suite.
class EventPoolTestSuite : public TestSuite
{
  public:
    EventPoolTestSuite()
        : TestSuite("scale-across-event-pool", TestSuite::Type::UNIT)
    {
        AddTestCase(new OrderAndReuseTestCase());
        AddTestCase(new OutliveTestCase());
    }
};

/// Static instance registering the suite.
EventPoolTestSuite g_eventPoolTestSuite;

} // namespace
