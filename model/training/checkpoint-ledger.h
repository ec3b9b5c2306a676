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
