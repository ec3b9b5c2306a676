/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_FAILURE_MONITOR_H
#define SCALE_ACROSS_COLLECTIVE_FAILURE_MONITOR_H

#include "collective-result.h"
#include "collective-shrink.h"

#include "ns3/event-id.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class CollectiveCommunicator;
class CollectiveHeader;

/**
 * @ingroup scale-across-collective
 * @brief What a CollectiveCommunicator does when its operations cannot finish: no operation
 * hangs, each ends in a defined way.
 *
 * Two detectors, both on the standard NetDevice interface only, so they work on any device:
 * - **Link down.** Every rank's device gets a link-change callback
 *   (NetDevice::AddLinkChangeCallback). When a device reports IsLinkUp() false, every
 *   operation in flight in which that rank takes part fails at once with the reason "link down
 *   on rank r at t us"; an operation issued later while that link is down fails when it is
 *   created. A repair (the callback with IsLinkUp() true) lets new operations run again.
 * - **No progress.** With FailureTimeout > 0, an operation in which no whole message reached
 *   any rank for FailureTimeout fails, and its reason names the ranks that still wait and on
 *   whom (the senders of the receives they have read), or that have not issued it. One
 *   watchdog event per communicator, set for the oldest last progress and removed when no
 *   operation is in flight, so a run with nothing left to do still ends.
 *
 * A failed operation stops on every rank (CollectiveApplication::AbortOperation): sends not yet
 * handed to the device never leave, scheduled ones are skipped, nothing of it runs any more
 * (events already scheduled for it, such as a credit on its way back, still fire and find it
 * gone: removing them would cost a record per message).
 * Its frames already in the fabric still arrive; each rank counts the whole messages of a
 * failed operation that reach it (GetLateBytes) and drops them, so transport bytes stay
 * balanced: sent = received + partial + lost in the fabric, and received includes the late
 * bytes. A rank that issues a failed operation afterwards (its k-th call) does nothing.
 *
 * Outcomes (OnFailure): Abort reports a FAILED CollectiveResult through the communicator's
 * OperationFailed trace and GetResults. ExcludeRank, for a collective whose failure names a
 * rank (a link down), does what NCCL's ncclCommShrink does: a new communicator over the other
 * ranks (same attributes, a new CollectiveApplication per surviving node), ready ShrinkTime
 * after the detection, reruns the operation from scratch, and the original communicator
 * reports a RECOVERED result through OperationComplete: time from the first start to the
 * rerun's end, timeLost = detection - start + ShrinkTime. Later operations of the original
 * communicator that involve the excluded rank run on the same shrunk communicator at once
 * (its ShrinkTime was paid when it was built). A failure
 * with no rank to blame (the watchdog), that would leave fewer than 2 ranks or exclude a
 * broadcast's root, or whose call is not valid over the ranks left (halving-doubling on a
 * number that is not a power of two, a size they do not divide) aborts, saying why. The
 * shrunk communicator and the reruns on it are a CollectiveShrink's.
 *
 * Owned by its communicator; not an Object (its attributes are the communicator's).
 */
class CollectiveFailureMonitor
{
  public:
    /// @param communicator the communicator it watches (outlives it)
    explicit CollectiveFailureMonitor(CollectiveCommunicator* communicator);
    ~CollectiveFailureMonitor();

    CollectiveFailureMonitor(const CollectiveFailureMonitor&) = delete;
    CollectiveFailureMonitor& operator=(const CollectiveFailureMonitor&) = delete;

    /**
     * @brief Listen to a rank's device.
     * @param rank the rank
     * @param device its device
     */
    void Watch(uint32_t rank, Ptr<NetDevice> device);
    /// @param rank a rank @return false while its link is down
    bool IsRankUp(uint32_t rank) const;

    /**
     * @brief An operation was created: fail it at once if a rank of it is down, else arm the
     * watchdog for it.
     * @param sequence the operation
     * @return true if it failed
     */
    bool OperationCreated(uint32_t sequence);
    /// @brief A whole message of an operation reached a rank. @param sequence the operation
    void NotifyProgress(uint32_t sequence);
    /// @brief An operation finished on every rank. @param sequence the operation
    void OperationEnded(uint32_t sequence);
    /**
     * @brief FailureTimeout was set: the watchdog follows it. 0 stops watching the operations
     * in flight (none fails for it then); another value moves the deadline. Operations
     * issued while it was 0 stay unwatched.
     */
    void TimeoutChanged();

    /// @param sequence an operation @return true if it failed (Abort or ExcludeRank)
    bool IsFailed(uint32_t sequence) const;
    /**
     * @brief A whole message of a failed operation reached a rank: counted, not processed.
     * @param header its header
     */
    void NotifyLate(const CollectiveHeader& header);
    /// @return data bytes of the whole messages of failed operations that arrived afterwards
    uint64_t GetLateBytes() const;
    /// @return how many such messages
    uint64_t GetLateMessages() const;

    /**
     * @brief Fail an operation in flight now.
     * @param sequence the operation (nothing happens if it is not in flight)
     * @param reason what failed, where and when
     * @param rank the rank to blame, or CollectiveResult::NO_RANK
     */
    void Fail(uint32_t sequence, const std::string& reason, uint32_t rank);
    /**
     * @brief Fail every operation in flight (a training job's restart) with OnFailure = Abort
     * whatever the attribute says, and let every rank's next call start a new operation.
     * @param reason why
     */
    void FailAll(const std::string& reason);

    /// @return the communicator ExcludeRank built over the ranks left, or nullptr
    Ptr<CollectiveCommunicator> GetShrunk() const;
    /// @return the original ranks of the shrunk communicator, in its rank order
    const std::vector<uint32_t>& GetSurvivors() const;

  private:
    /// What a link-change callback carries: cleared when the monitor goes, since a NetDevice
    /// cannot forget a callback.
    struct Listener : public SimpleRefCount<Listener>
    {
        CollectiveFailureMonitor* monitor{nullptr}; //!< the monitor, or nullptr once gone
        uint32_t rank{0};                           //!< the rank whose device it is
        NetDevice* device{nullptr}; //!< that device, not owned: it owns this (no cycle)
    };

    /// @param listener the link that changed
    static void LinkChanged(Ptr<Listener> listener);
    /// @param rank a rank whose link changed @param up its state now
    void RankLinkChanged(uint32_t rank, bool up);
    /// @param sequence an operation in flight @param rank a rank @return true if it takes part
    bool TakesPart(uint32_t sequence, uint32_t rank) const;
    /// (Re)schedule the watchdog for the oldest progress, if any operation is in flight.
    void Arm();
    /// The watchdog fired: fail the operations without progress for FailureTimeout.
    void Watchdog();
    /// @param sequence an operation in flight @return who waits on whom, for its reason
    std::string DescribeWaits(uint32_t sequence) const;
    /// Report an operation's final result. @param r the result @param timed false: warm-up
    void Report(const CollectiveResult& r, bool timed);

    CollectiveCommunicator* m_comm;          //!< the communicator watched
    std::vector<Ptr<Listener>> m_listeners;  //!< one per watched rank
    std::vector<bool> m_up;                  //!< link state, by rank
    uint32_t m_nDown;                        //!< ranks whose link is down
    std::set<uint32_t> m_failed;             //!< failed operations
    std::map<uint32_t, Time> m_lastProgress; //!< by operation in flight (watchdog on)
    EventId m_watchdog;                      //!< the watchdog's event
    uint64_t m_lateBytes;                    //!< GetLateBytes
    uint64_t m_lateMessages;                 //!< GetLateMessages
    CollectiveShrink m_shrink;               //!< ExcludeRank: the reruns without a rank
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_FAILURE_MONITOR_H */
