/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_TRAINING_JOB_H
#define SCALE_ACROSS_TRAINING_JOB_H

#include "checkpoint-ledger.h"
#include "streaming-statistics.h"
#include "training-failure-process.h"
#include "training-variability.h"

#include "ns3/collective-communicator.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class TrainingJobApplication;

/**
 * @ingroup scale-across-training
 * @brief A data-parallel training job: the model (layers, their gradient bytes and compute
 * times), its gradient buckets, the number of iterations, and what the job measured.
 *
 * Every rank (a TrainingJobApplication, installed by TrainingJobHelper) runs, per iteration:
 * forward compute (NumLayers x ForwardTime); backward compute layer by layer, last layer
 * first (BackwardTime each), whose gradients (LayerBytes each) fill buckets as PyTorch DDP
 * fills them: a layer's gradients join the open bucket whole, and the bucket closes once it
 * holds BucketBytes or more (the last one when the backward pass ends). The rank issues each
 * closed bucket's all-reduce on the job's communicator at once, unless its previous
 * all-reduce is still running on that rank: a communicator's kernels run one after another on
 * its CUDA stream, as NCCL's do. The all-reduces overlap the rest of the backward pass; the
 * optimizer step (OptimizerTime) follows the rank's last all-reduce; then the next iteration.
 * TrainingVariability stretches each compute phase of a rank.
 *
 * Measurements, in constant memory (StreamingStatistics): the step time of iteration i is
 * the last rank's end of i minus the last rank's end of i - 1 (of the job's start for i = 0);
 * the exposed communication of i is, on the rank that ended i last, its iteration's length
 * minus its own compute in it (the communication the compute did not hide on the critical
 * path). The job completion time runs from the start to the last rank's end of the last
 * iteration. OutputFile, if set, receives one CSV line per rank and iteration as it ends.
 *
 * The job owns its communicator's operations: nothing else may issue on it.
 *
 * Failures and checkpoints: after every CheckpointInterval-th step (not after the last), every
 * rank waits for the step to end on all ranks, then all write a checkpoint for CheckpointTime
 * (with 0, the checkpoint is taken at the step's end and nobody waits); it is committed when
 * the write ends. A failure (InjectFailure, a Poisson process of FailureRate per hour of wall
 * time, or an operation of the job's communicator that fails: OperationFailed) stops every
 * rank at once, fails the communicator's operations in flight, throws away the steps since
 * the last committed checkpoint (or the start), and after RestartTime every rank resumes from
 * that checkpoint; a failure during the restart starts the restart over. Step times exclude
 * checkpoint writes and restarts; the useful time is the sum of the step times of the
 * iterations that survive; goodput = useful time / job completion time. After MaxRestarts
 * restarts the job gives up (IsAborted).
 */
class TrainingJob : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    TrainingJob();
    ~TrainingJob() override;

    /**
     * @brief Join the job to its communicator and its ranks' applications (TrainingJobHelper
     * does this): checks the attributes, plans the buckets, opens OutputFile.
     * @param comm the data-parallel communicator (rank r = apps[r])
     * @param apps one application per rank, already on its node
     */
    void Setup(Ptr<CollectiveCommunicator> comm,
               const std::vector<Ptr<TrainingJobApplication>>& apps);

    /**
     * @brief A rank's application started (called by each): the first call sets up the
     * variability (chooses the stragglers, draws each rank's first fail-slow episode), so
     * that traces connected after Install see it.
     */
    void Start();

    /// @return the communicator
    Ptr<CollectiveCommunicator> GetCommunicator() const;
    /// @return the variability model
    Ptr<TrainingVariability> GetVariability() const;
    /// @return the number of ranks
    uint32_t GetNRanks() const;
    /// @return Iterations
    uint32_t GetIterations() const;
    /// @return NumLayers
    uint32_t GetNLayers() const;
    /// @return the forward pass of one rank without variability (NumLayers x ForwardTime)
    Time GetForwardTime() const;
    /// @return one layer's backward compute without variability
    Time GetLayerBackwardTime() const;
    /// @return OptimizerTime
    Time GetOptimizerTime() const;
    /// @return forward + backward + optimizer of one rank without variability
    Time GetComputeTime() const;
    /// @return the bytes of each bucket, in the order the backward pass fills them
    const std::vector<uint64_t>& GetBuckets() const;
    /**
     * @param backwardLayer how many backward layers are done, minus one (0: the last layer of
     * the model, the first one the backward pass computes)
     * @return the bucket that closes once this layer's gradients are in, or -1
     */
    int32_t GetBucketClosedAfter(uint32_t backwardLayer) const;

    /**
     * @brief A rank ended an iteration (called by its application).
     * @param rank the rank
     * @param iteration the iteration
     * @param start when the rank started it
     * @param compute the rank's compute time in it
     * @param factor its iteration factor (jitter x straggler)
     */
    void NotifyIterationEnd(uint32_t rank,
                            uint32_t iteration,
                            Time start,
                            Time compute,
                            double factor);

    /// @return statistics of the step times, seconds
    const StreamingStatistics& GetStepTimes() const;
    /// @return statistics of the exposed communication per iteration, seconds
    const StreamingStatistics& GetExposedCommunication() const;
    /// @return true once every rank has ended every iteration
    bool IsComplete() const;

    /**
     * @brief A failure of the job (a node, a GPU, the fabric) after a delay.
     * @param delay from now (>= 0)
     */
    void InjectFailure(Time delay);
    /// @return failures so far (those during a restart included)
    uint32_t GetFailures() const;
    /// @return checkpoints committed so far
    uint32_t GetCheckpoints() const;
    /// @return true if the job gave up after MaxRestarts restarts
    bool IsAborted() const;
    /// @return sum of the step times of the iterations kept (so far, or in the end)
    Time GetUsefulTime() const;
    /// @return useful time / job completion time (0 until IsComplete)
    double GetGoodput() const;
    /// @param iteration an iteration a rank just ended @return true if a checkpoint follows
    bool CheckpointAfter(uint32_t iteration) const;
    /// @return CheckpointTime
    Time GetCheckpointTime() const;
    /**
     * @brief Fix the random stream of the failure process.
     * @param stream the stream
     * @return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);
    /// @return the job completion time (0 until IsComplete)
    Time GetCompletionTime() const;

    /**
     * @brief Scaling efficiency throughput(N) / (N x throughput(1)) of data-parallel
     * training with a fixed batch per rank (weak scaling): N samples per step time on N
     * ranks against one sample per step time alone, i.e. step(1) / step(N).
     * @param stepTimeOne the step time of one rank alone
     * @param stepTimeN the step time on N ranks
     * @return the efficiency (1: linear scaling)
     */
    static double ScalingEfficiency(Time stepTimeOne, Time stepTimeN);

    /**
     * TracedCallback signature for a rank's end of an iteration.
     * @param [in] iteration the iteration
     * @param [in] rank the rank
     * @param [in] start when it started it
     * @param [in] end when it ended it
     * @param [in] compute its compute time in it
     */
    typedef void (*RankIterationTracedCallback)(uint32_t iteration,
                                                uint32_t rank,
                                                Time start,
                                                Time end,
                                                Time compute);
    /**
     * TracedCallback signature for a step of the job.
     * @param [in] iteration the iteration
     * @param [in] stepTime its step time
     * @param [in] exposed its exposed communication
     */
    typedef void (*StepTracedCallback)(uint32_t iteration, Time stepTime, Time exposed);
    /**
     * TracedCallback signature for a failure of the job.
     * @param [in] lostWork time since the last committed checkpoint (or the start, or the
     *             previous restart's end), thrown away
     * @param [in] resumeIteration the iteration the job resumes from
     */
    typedef void (*FailureTracedCallback)(Time lostWork, uint32_t resumeIteration);
    /**
     * TracedCallback signature for the job's end.
     * @param [in] completionTime the job completion time
     */
    typedef void (*CompleteTracedCallback)(Time completionTime);

  protected:
    void DoDispose() override;

  private:
    /// A rank finished one of the job's all-reduces (RankComplete of the communicator).
    /// @param sequence the operation @param rank the rank @param start its issue
    /// @param end its end
    void RankCollectiveDone(uint32_t sequence, uint32_t rank, Time start, Time end);
    /// Plan the buckets from NumLayers, LayerBytes and BucketBytes.
    void PlanBuckets();
    /// Stop with one message if LayerBytes, CheckpointInterval, CheckpointTime, RestartTime
    /// or FailureRate is out of its range.
    void CheckAttributes() const;
    /// At Start: check the attributes, plan the buckets and open OutputFile, with the values
    /// the attributes have then.
    void TakeAttributes();
    /// @brief The job fails now: stop, roll back, restart. @param reason why
    void Fail(const std::string& reason);
    /// An operation of the communicator failed. @param result its result
    void OperationFailed(const CollectiveResult& result);
    /// The restart ends: every rank resumes from the last committed checkpoint.
    void Resume();
    /// The checkpoint of the steps so far is written on every rank.
    void CommitCheckpoint();
    /// @param event an event to drop (removed, so that a finished job's run ends)
    static void Drop(EventId& event);

    /// What the job knows of an iteration until every rank has ended it.
    struct IterationState
    {
        uint32_t ranksDone{0}; //!< ranks that ended it
        Time lastEnd;          //!< the latest end so far
        Time lastStart;        //!< that rank's start
        Time lastCompute;      //!< that rank's compute
    };

    uint32_t m_iterations;                           //!< Iterations attribute
    uint32_t m_nLayers;                              //!< NumLayers attribute
    uint64_t m_layerBytes;                           //!< LayerBytes attribute
    Time m_forwardTime;                              //!< ForwardTime attribute (per layer)
    Time m_backwardTime;                             //!< BackwardTime attribute (per layer)
    Time m_optimizerTime;                            //!< OptimizerTime attribute
    double m_layerFlops;                             //!< LayerForwardFlops attribute
    double m_achievedTflops;                         //!< AchievedTflops attribute
    uint64_t m_bucketBytes;                          //!< BucketBytes attribute
    std::string m_outputFile;                        //!< OutputFile attribute
    Ptr<TrainingVariability> m_variability;          //!< Variability attribute
    Ptr<CollectiveCommunicator> m_comm;              //!< the data-parallel communicator
    std::vector<Ptr<TrainingJobApplication>> m_apps; //!< by rank
    std::vector<uint64_t> m_buckets;                 //!< bytes, in fill order
    std::vector<int32_t> m_bucketAfter;              //!< by backward layer: bucket closed or -1
    Time m_start;                                    //!< the job's start
    Time m_previousEnd;                              //!< last end of the previous iteration
    std::array<IterationState, 2> m_open;            //!< iterations i % 2 (at most two open)
    uint32_t m_stepsDone;                            //!< iterations every rank ended
    bool m_started;                                  //!< Start was called
    StreamingStatistics m_steps;                     //!< step times, s
    StreamingStatistics m_exposed;                   //!< exposed communication, s
    std::unique_ptr<std::ofstream> m_csv;            //!< OutputFile, when set
    uint32_t m_checkpointInterval;                   //!< CheckpointInterval attribute (steps)
    Time m_checkpointTime;                           //!< CheckpointTime attribute
    Time m_restartTime;                              //!< RestartTime attribute
    double m_failureRate;                            //!< FailureRate attribute, per hour
    uint32_t m_maxRestarts;                          //!< MaxRestarts attribute
    std::unique_ptr<CheckpointLedger> m_ledger;      //!< checkpoints and failures, from Start
    TrainingFailureProcess m_failureProcess;         //!< injected and random failures
    bool m_failing;                                  //!< inside Fail (its own aborts)
    bool m_aborted;                                  //!< gave up after MaxRestarts
    EventId m_restartEvent;                          //!< the restart's end
    EventId m_checkpointEvent;                       //!< the checkpoint write's end
    TracedCallback<Time, uint32_t> m_failureTrace;   //!< Failure
    TracedCallback<uint32_t, uint32_t, Time, Time, Time> m_rankIterationTrace; //!< RankIteration
    TracedCallback<uint32_t, Time, Time> m_stepTrace;                          //!< Step
    TracedCallback<Time> m_completeTrace;                                      //!< JobComplete
};

} // namespace ns3

#endif /* SCALE_ACROSS_TRAINING_JOB_H */
