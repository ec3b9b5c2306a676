/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CHECKPOINT_LEDGER_H
#define SCALE_ACROSS_CHECKPOINT_LEDGER_H

#include <cstdint>

namespace ns3
{

/**
 * @ingroup scale-across-training
 * @brief What a training job under failures keeps durable: the steps its last checkpoint
 * holds, the useful time, and the work failures throw away.
 *
 * Plain C++ (times are integer ticks of the caller's choosing) so that it can be tested on
 * its own. A checkpoint follows every interval-th step but the last. The useful time is the
 * sum of the lengths of the steps that survive: those a checkpoint committed, plus those since
 * the last one when the job ends. A failure throws away the steps since the last commit and
 * the time since the last durable instant (a commit, the start or a resume): that is the work
 * it loses.
 */
class CheckpointLedger
{
  public:
    /**
     * @param interval steps between two checkpoints (>= 1)
     * @param iterations steps of the job (>= 1)
     * @param start when the job starts
     * @throw std::invalid_argument if interval or iterations is 0
     */
    CheckpointLedger(uint32_t interval, uint32_t iterations, int64_t start);

    /// @param iteration a step just ended @return true if a checkpoint follows it
    bool CheckpointAfter(uint32_t iteration) const;
    /// @brief A step of the job ended. @param length its length
    void StepEnded(int64_t length);
    /**
     * @brief A checkpoint is written.
     * @param steps the steps it holds
     * @param now when its write ended
     */
    void Commit(uint32_t steps, int64_t now);
    /**
     * @brief The job fails: the steps since the last commit are lost.
     * @param now when
     * @return the work lost: now minus the last durable instant
     */
    int64_t Fail(int64_t now);
    /// @brief The ranks resume from the last commit. @param now when
    void Resumed(int64_t now);

    /// @return the steps the last checkpoint holds (0 before the first)
    uint32_t GetCommitted() const;
    /// @return checkpoints committed
    uint32_t GetCheckpoints() const;
    /// @return failures
    uint32_t GetFailures() const;
    /// @return the sum of the lengths of the steps kept so far
    int64_t GetUsefulTime() const;
    /// @return the work all failures lost
    int64_t GetLostTime() const;

    /**
     * @brief The expected completion time of a job of this model under a Poisson failure
     * process: each segment of k steps and its checkpoint (the last has none) is retried
     * until it runs through without a failure, each failure costing the restart time too
     * (failures also strike during restarts). Per segment of length w that is
     * e^(lambda r) (e^(lambda w) - 1) / lambda: the expectation of restarting from the last
     * checkpoint with exponential failures (Daly 2006, eq. 9).
     * @param n steps of the job (>= 1)
     * @param k steps between two checkpoints (>= 1)
     * @param tau the length of a step, s
     * @param c the time to write a checkpoint, s
     * @param lambda failures per second (> 0)
     * @param r the restart time, s
     * @return the expected completion time, s
     */
    static double ExpectedCompletion(uint32_t n,
                                     uint32_t k,
                                     double tau,
                                     double c,
                                     double lambda,
                                     double r);
    /**
     * @brief The same to first order in lambda (Young 1974, Daly 2006): each segment of
     * length w takes w (1 + lambda (w / 2 + r)), whose optimum interval is
     * sqrt(2 c / lambda) of work.
     * @param n steps @param k steps between checkpoints @param tau step, s
     * @param c checkpoint, s @param lambda failures per second @param r restart, s
     * @return the first-order completion time, s
     */
    static double FirstOrderCompletion(uint32_t n,
                                       uint32_t k,
                                       double tau,
                                       double c,
                                       double lambda,
                                       double r);

  private:
    uint32_t m_interval;       //!< steps between checkpoints
    uint32_t m_iterations;     //!< steps of the job
    uint32_t m_committed;      //!< steps the last checkpoint holds
    uint32_t m_checkpoints;    //!< checkpoints committed
    uint32_t m_failures;       //!< failures
    int64_t m_committedUseful; //!< useful time up to the last commit
    int64_t m_pendingUseful;   //!< useful time since (lost on failure)
    int64_t m_durableSince;    //!< last commit, start or resume
    int64_t m_lost;            //!< work lost by all failures
};

} // namespace ns3

#endif /* SCALE_ACROSS_CHECKPOINT_LEDGER_H */
