/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRAINING_JOB_APPLICATION_H
#define SCALE_ACROSS_TRAINING_JOB_APPLICATION_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"

namespace ns3
{

class TrainingJob;

/**
 * @ingroup scale-across-training
 * @brief One rank of a TrainingJob: its compute, and the all-reduces it issues on the job's
 * communicator (see TrainingJob for the iteration). One event per compute phase (the forward
 * pass, each backward layer, the optimizer step); the open buckets are counters, not a queue.
 *
 * Reached by Config at /NodeList/<n>/ApplicationList/<a>/$ns3::TrainingJobApplication/, whose
 * Job attribute leads to the job's attributes, traces and variability.
 */
class TrainingJobApplication : public Application
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    TrainingJobApplication();
    ~TrainingJobApplication() override;

    /**
     * @brief Make this application rank rank of a job (TrainingJobHelper does this).
     * @param job the job
     * @param rank its rank in the job's communicator
     */
    void SetJob(Ptr<TrainingJob> job, uint32_t rank);
    /// @return the rank
    uint32_t GetRank() const;
    /// @return iterations this rank has ended
    uint32_t GetIterationsDone() const;

    /// This rank finished its running all-reduce (called by the job).
    void CollectiveDone();
    /// The job failed: stop at once (compute, pending issue); the job fails the collectives.
    void Abort();
    /// @brief The restart ends: start iteration from scratch. @param iteration the first
    /// iteration after the last committed checkpoint
    void Restart(uint32_t iteration);
    /// Every rank has written the checkpoint this rank waits for: go on.
    void CheckpointWritten();

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Start the next iteration: its factor, then the forward pass.
    void StartIteration();
    /// Compute the next backward layer.
    void StartBackwardLayer();
    /// A backward layer's gradients are in: maybe a bucket closes; next layer or wait.
    void BackwardLayerDone();
    /// Issue the oldest closed bucket if no all-reduce of this rank is running.
    void TryIssue();
    /// After the running all-reduce ended: issue the next one, or the optimizer step.
    void AfterCollective();
    /// The backward pass and every all-reduce are done: the optimizer step.
    void MaybeStartOptimizer();
    /// The optimizer step is done: the iteration ends.
    void EndIteration();
    /**
     * @brief A compute phase's length on this rank now, counted in the iteration's compute.
     * @param nominal its length without variability
     * @return its length here
     */
    Time Stretch(Time nominal);

    Ptr<TrainingJob> m_job;    //!< the job
    uint32_t m_rank;           //!< rank in the job's communicator
    uint32_t m_iteration;      //!< current iteration
    Time m_iterationStart;     //!< its start
    Time m_compute;            //!< compute so far in it
    double m_factor;           //!< its factor (jitter x straggler)
    uint32_t m_backwardLayers; //!< backward layers done in it
    uint32_t m_bucketsClosed;  //!< buckets filled in it
    uint32_t m_bucketsIssued;  //!< all-reduces issued in it
    uint32_t m_bucketsDone;    //!< all-reduces ended in it
    bool m_inFlight;           //!< an all-reduce of this rank is running
    bool m_optimizerStarted;   //!< the optimizer step of this iteration has started
    bool m_waitCheckpoint;     //!< waiting for the job's checkpoint write
    EventId m_event;           //!< the compute phase running
    EventId m_afterCollective; //!< the step after an all-reduce's end, pending
};

} // namespace ns3

#endif /* SCALE_ACROSS_TRAINING_JOB_APPLICATION_H */
