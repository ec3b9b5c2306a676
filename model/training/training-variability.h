/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRAINING_VARIABILITY_H
#define SCALE_ACROSS_TRAINING_VARIABILITY_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-training
 * @brief How much slower than nominal each rank computes: per-iteration jitter, persistent
 * stragglers and transient fail-slow episodes, all drawn from ns-3 random variable streams
 * (the same seed and run give the same factors; AssignStreams fixes the streams).
 *
 * A rank's compute phase of nominal length d takes d x j x s x e, where
 * - j, the jitter, is drawn once per rank and iteration, log-normal with sigma JitterSigma
 *   and mu = -sigma^2 / 2, so that its mean is 1 (jitter spreads the steps without slowing the
 *   average rank; the job still slows, as each step waits for its slowest rank);
 * - s is StragglerSlowdown for the round(StragglerFraction x ranks) ranks chosen, once, as
 *   stragglers (uniformly, without replacement), 1 for the others;
 * - e is FailSlowSlowdown while the rank is in a fail-slow episode, else 1. Each rank has
 *   its own episodes: a Poisson process of FailSlowRate episodes per hour, each of an
 *   exponential length of mean FailSlowDuration. A phase takes the factor in force when it
 *   starts (phases last milliseconds, episodes from under a minute to hours: FALCON, ATC'25).
 *
 * The defaults make every factor 1: no variability.
 */
class TrainingVariability : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    TrainingVariability();
    ~TrainingVariability() override;

    /**
     * @brief Choose the stragglers and start each rank's fail-slow process (call once, before
     * the first factor).
     * @param ranks number of ranks
     */
    void Setup(uint32_t ranks);
    /**
     * @brief The factor of a rank's next iteration: jitter (a new draw) times straggler.
     * @param rank the rank
     * @return the factor (> 0)
     */
    double GetIterationFactor(uint32_t rank);
    /**
     * @brief The fail-slow factor of a rank at a time (times must not decrease per rank).
     * @param rank the rank
     * @param now the time
     * @return FailSlowSlowdown inside an episode, else 1
     */
    double GetFailSlowFactor(uint32_t rank, Time now);
    /// @param rank a rank @return true if it is a straggler
    bool IsStraggler(uint32_t rank) const;
    /// @return the number of stragglers chosen by Setup
    uint32_t GetNStragglers() const;

    /**
     * @brief Fix the random streams used.
     * @param stream the first stream index
     * @return the number of streams used (4)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for a fail-slow episode, fired when it is drawn (at or before
     * its start).
     * @param [in] rank the rank
     * @param [in] start when it starts
     * @param [in] end when it ends
     */
    typedef void (*EpisodeTracedCallback)(uint32_t rank, Time start, Time end);

  protected:
    void DoDispose() override;

  private:
    /// @param rank draw its next fail-slow episode after its current one
    void NextEpisode(uint32_t rank);

    double m_jitterSigma;                      //!< JitterSigma attribute
    double m_stragglerFraction;                //!< StragglerFraction attribute
    double m_stragglerSlowdown;                //!< StragglerSlowdown attribute
    double m_failSlowRate;                     //!< FailSlowRate attribute, episodes per rank-hour
    Time m_failSlowDuration;                   //!< FailSlowDuration attribute (mean)
    double m_failSlowSlowdown;                 //!< FailSlowSlowdown attribute
    std::vector<double> m_straggler;           //!< straggler factor, by rank
    std::vector<Time> m_episodeStart;          //!< current or next episode's start, by rank
    std::vector<Time> m_episodeEnd;            //!< its end, by rank
    uint32_t m_nStragglers;                    //!< stragglers chosen
    Ptr<LogNormalRandomVariable> m_jitter;     //!< per-iteration jitter
    Ptr<UniformRandomVariable> m_choice;       //!< straggler choice
    Ptr<ExponentialRandomVariable> m_gap;      //!< time between episodes
    Ptr<ExponentialRandomVariable> m_duration; //!< episode lengths
    TracedCallback<uint32_t, Time, Time> m_episodeTrace; //!< FailSlowEpisode
};

} // namespace ns3

#endif /* SCALE_ACROSS_TRAINING_VARIABILITY_H */
