/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRAINING_FAILURE_PROCESS_H
#define SCALE_ACROSS_TRAINING_FAILURE_PROCESS_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-training
 * @brief Where a training job's failures come from, apart from its fabric: failures at chosen
 * instants, and a Poisson process of a rate per hour of wall time (an ns-3
 * ExponentialRandomVariable, so the same seed and run give the same failures). Each failure
 * calls the job back with its cause; the job decides what it does. Stop removes every
 * failure still planned, so that a run ends with the job (a cancelled event would hold the run
 * open until its time).
 *
 * Owned by its TrainingJob; not an Object (its rate is the job's FailureRate attribute).
 */
class TrainingFailureProcess
{
  public:
    /// Called with the failure's cause.
    typedef Callback<void, const std::string&> FailCallback;

    TrainingFailureProcess();
    ~TrainingFailureProcess();

    TrainingFailureProcess(const TrainingFailureProcess&) = delete;
    TrainingFailureProcess& operator=(const TrainingFailureProcess&) = delete;

    /**
     * @brief Start the Poisson process (nothing if the rate is 0).
     * @param ratePerHour failures per hour (>= 0)
     * @param fail what each failure calls
     */
    void Start(double ratePerHour, FailCallback fail);
    /**
     * @brief A failure after a delay.
     * @param delay from now (>= 0)
     */
    void Inject(Time delay);
    /// Remove every failure still planned; none comes afterwards.
    void Stop();
    /**
     * @param stream the random stream of the process
     * @return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /// A failure of the process: call back, then plan the next.
    void Random();
    /// A failure planned by Inject. @param cause its cause
    void Fire(std::string cause);

    FailCallback m_fail;                  //!< the job's callback
    Ptr<ExponentialRandomVariable> m_gap; //!< time to the next failure of the process, s
    EventId m_next;                       //!< the process's next failure
    std::vector<EventId> m_injected;      //!< failures planned by Inject
    bool m_stopped;                       //!< Stop was called
};

} // namespace ns3

#endif /* SCALE_ACROSS_TRAINING_FAILURE_PROCESS_H */
