/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_FAULT_INJECTOR_H
#define SCALE_ACROSS_FAULT_INJECTOR_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <functional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-fault
 * @brief Fails and repairs fabric components at given times, or at random times drawn from a
 * failure rate (FaultHelper registers the components and their fail and repair actions).
 *
 * Each component is named (e.g. "fiber of OpticalNetDevice 00:00:00:00:00:01"), and every
 * failure and repair fires FaultInjected or Repaired with that name and the time, and is kept
 * in a log (GetLog). Random failures follow an alternating renewal process per component:
 * time to failure exponential with mean 1 / rate (RandomVariable stream assignable, so a seed
 * and run number give the same failures), then the repair time, then the next draw.
 */
class FaultInjector : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    FaultInjector();
    ~FaultInjector() override;

    /// One failure or repair that happened.
    struct Event
    {
        Time at;     //!< when
        uint32_t id; //!< the component
        bool failed; //!< true: failed; false: repaired
    };

    /**
     * @brief Register a component.
     * @param name how traces and reports name it
     * @param fail what failing it does
     * @param repair what repairing it does (empty if it cannot be repaired)
     * @return its id
     */
    uint32_t Add(const std::string& name, std::function<void()> fail, std::function<void()> repair);

    /**
     * @brief Fail a component at a time and, optionally, repair it later.
     * @param id its id (from Add)
     * @param at when it fails (>= now)
     * @param repairAt when it is repaired (> at), or Time::Max() for never
     */
    void Schedule(uint32_t id, Time at, Time repairAt = Time::Max());

    /**
     * @brief Random failures of components until a time: per component, exponential times to
     * failure with mean 3600 / failuresPerHour seconds, each followed by repairTime down.
     * @param ids the components
     * @param failuresPerHour failure rate of each (> 0)
     * @param repairTime how long each failure lasts (> 0), or Time::Max() for never repaired
     * @param until no failure at or after this time
     * @return the failure times drawn, in order per component
     */
    std::vector<Time> AddRandomFailures(const std::vector<uint32_t>& ids,
                                        double failuresPerHour,
                                        Time repairTime,
                                        Time until);

    /**
     * @brief Use fixed random streams (ns-3's AssignStreams convention).
     * @param stream the first stream
     * @return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// @return components registered
    uint32_t GetN() const;
    /// @param id a component @return its name
    const std::string& GetName(uint32_t id) const;
    /// @return every failure and repair so far, in time order
    const std::vector<Event>& GetLog() const;

    /**
     * TracedCallback signature for a failure or a repair.
     * @param [in] component the component's name
     * @param [in] at the time
     */
    typedef void (*FaultTracedCallback)(const std::string& component, Time at);

  protected:
    void DoDispose() override;

  private:
    /// A registered component.
    struct Component
    {
        std::string name;             //!< its name
        std::function<void()> fail;   //!< fails it
        std::function<void()> repair; //!< repairs it (may be empty)
    };

    /// @param id a component; aborts naming the valid range otherwise
    void CheckId(uint32_t id) const;
    /// Event: fail a component. @param id it
    void DoFail(uint32_t id);
    /// Event: repair a component. @param id it
    void DoRepair(uint32_t id);

    std::vector<Component> m_components;                      //!< by id
    std::vector<Event> m_log;                                 //!< what happened
    Ptr<ExponentialRandomVariable> m_timeToFailure;           //!< mean 1 s, scaled per rate
    TracedCallback<const std::string&, Time> m_injectedTrace; //!< FaultInjected
    TracedCallback<const std::string&, Time> m_repairedTrace; //!< Repaired
};

} // namespace ns3

#endif /* SCALE_ACROSS_FAULT_INJECTOR_H */
