/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_EVENT_POOL_H
#define SCALE_ACROSS_EVENT_POOL_H

#include "ns3/event-impl.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-common
 * @brief Simulator events of one kind, reused: one allocated per message was one heap
 * allocation (and an ns-3 EventImpl constructed and destroyed, with their log checks) per
 * message on the hot path (issue #17).
 *
 * An Event derives from EventImpl, is default-constructible, and its Notify hands itself back
 * with Give once it no longer needs its fields. The pool holds one reference to every event it
 * made; Take adds the simulator's, which ns-3 drops after the event has run (or, for an event
 * still pending, when Simulator::Destroy drops it unrun). So an event lives until both are
 * gone, and a pool may go before the events it made. Its owner must outlive every event that
 * runs: the fabrics' objects live until Simulator::Destroy, which runs no pending event.
 *
 * Schedule an event with Simulator::ScheduleWithContext (context, delay, EventImpl*), which
 * takes over the reference Take added (Simulator::Schedule takes a Ptr<EventImpl> and adds a
 * reference of its own: the event would never be freed). In the same order as MakeEvent's
 * events, so every time and every tie-break stays the same. Pooled events are never cancelled
 * (no EventId is kept).
 *
 * @tparam Event the event class
 */
template <typename Event>
class EventPool
{
  public:
    EventPool() = default;
    EventPool(const EventPool&) = delete;
    EventPool& operator=(const EventPool&) = delete;

    ~EventPool()
    {
        Clear();
    }

    /**
     * @return an event that is not pending, with the simulator's reference already taken:
     *         fill it and schedule it
     */
    Event* Take()
    {
        Event* event;
        if (m_free.empty())
        {
            event = new Event(); // its one reference is the pool's
            m_made.push_back(event);
        }
        else
        {
            event = m_free.back();
            m_free.pop_back();
        }
        event->Ref();
        return event;
    }

    /// An event of this pool has run and no longer needs its fields. @param event it
    void Give(Event* event)
    {
        m_free.push_back(event);
    }

    /// Drop the pool's references (at its owner's DoDispose; again at destruction is harmless).
    void Clear()
    {
        for (Event* event : m_made)
        {
            event->Unref();
        }
        m_made.clear();
        m_free.clear();
    }

    /// @return events made so far (the most ever pending at once, plus nesting)
    size_t GetN() const
    {
        return m_made.size();
    }

  private:
    std::vector<Event*> m_made; //!< every event made here (one reference each)
    std::vector<Event*> m_free; //!< those not pending
};

} // namespace ns3

#endif /* SCALE_ACROSS_EVENT_POOL_H */
