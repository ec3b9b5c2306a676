/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_APPLICATION_H
#define SCALE_ACROSS_COLLECTIVE_APPLICATION_H

#include "collective-header.h"
#include "collective-transport.h"
#include "message-index-map.h"
#include "receive-matcher.h"
#include "send-streams.h"

#include "ns3/application.h"
#include "ns3/collective-schedule.h"
#include "ns3/completion-window.h"
#include "ns3/nstime.h"

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class CollectiveCommunicator;
class CollectiveTransport;

/**
 * @ingroup scale-across-collective
 * @brief One rank of a CollectiveCommunicator: runs its part of each operation it issues.
 *
 * A rank runs any number of operations at once, each from the moment this rank issued it
 * (CollectiveCommunicator::Issue); messages carry their operation's sequence number, and a
 * message for an operation this rank has not issued yet is kept until it does.
 *
 * Within an operation, sends leave as soon as the receives they depend on are complete, in
 * schedule order per peer and flow (each is one ordered stream, as over one NCCL
 * connection); receives complete when their whole message has arrived. A rank's memory
 * should not grow with the length of the schedule where reading further would change
 * nothing. A schedule that proves a read-ahead (ring) is read that far. Others are read on
 * demand (ReadOnDemand): each send stream's next send is read, and every op before it, which
 * is all a rank that read the whole schedule at once could start; so memory spans the spread
 * between a rank's fastest and slowest streams (a tree's leaf stream runs ahead of its
 * interior ones), not the schedule. Otherwise (with a ReductionRate) the schedule is read a
 * window of sends ahead, and on to the end when all of those wait. None of this changes a
 * simulated time (suite scale-across-collective-invariance). A message that arrives before
 * its receive is read is remembered until it is.
 *
 * Events: none of its own without protocol latency or reduction time (everything happens
 * inside message arrivals);
 * one per send with NCCL protocol latency, one per reducing receive with a ReductionRate.
 */
class CollectiveApplication : public Application, private CollectiveTransport::Listener
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CollectiveApplication();
    ~CollectiveApplication() override;

    /**
     * @brief Called by CollectiveHelper.
     * @param communicator the communicator
     * @param rank this rank
     * @param transport the node's transport
     */
    void Setup(Ptr<CollectiveCommunicator> communicator,
               uint32_t rank,
               Ptr<CollectiveTransport> transport);
    /// @return this rank
    uint32_t GetRank() const;
    /// @return the communicator, or nullptr before Setup
    Ptr<CollectiveCommunicator> GetCommunicator() const;

    /**
     * @brief Called by the communicator: this rank starts an operation now.
     * @param sequence operation number
     * @param schedule its schedule (owned by the communicator, alive until all ranks are done)
     */
    void BeginOperation(uint32_t sequence, const CollectiveSchedule* schedule);

    /// @return operations this rank has begun and not finished
    uint32_t GetNActiveOperations() const;

    /**
     * @brief The operation failed (CollectiveFailureMonitor): drop this rank's part of it now.
     * Its sends not yet handed to the transport never leave; its messages that arrive later
     * are counted as late, not processed.
     * @param sequence the operation
     */
    void AbortOperation(uint32_t sequence);
    /// @param sequence an operation @return true if this rank runs it now
    bool IsActive(uint32_t sequence) const;
    /**
     * @param sequence an operation this rank runs
     * @return the ranks whose messages its receives read so far still wait for, ascending
     */
    std::vector<uint32_t> GetAwaitedPeers(uint32_t sequence) const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// This rank's part of one operation.
    struct Operation
    {
        const CollectiveSchedule* schedule{nullptr}; //!< its schedule
        uint32_t sequence{0};                        //!< its number
        bool boundedReadAhead{false}; //!< the schedule proves a read-ahead sufficient
        bool onDemand{false};         //!< read each stream's next send, no further
        bool filled{false};           //!< onDemand: every stream has had its first send read
        size_t nSendStreams{0};       //!< onDemand: the (peer, flow) streams of all its sends
        uint64_t nOps{0};             //!< ops of this rank
        uint64_t nextRead{0};         //!< next op to read
        uint64_t opsDone{0};          //!< finished ops
        uint64_t queuedSends{0};      //!< read but not started
        CompletionWindow done;        //!< which ops read so far are done (sends at once)
        SendStreams streams;          //!< by (peer, flow)
        ReceiveMatcher receives;      //!< which receive each arriving message matches
        bool inProgress{false};       //!< re-entry guard of Progress
        Time sendLatency;             //!< NCCL protocol latency per send
    };

    /// @param sequence an operation @return this rank's part of it, or nullptr if not active
    Operation* Find(uint32_t sequence);
    /// A whole message arrived (from the transport). @param header its header
    void ReceiveMessage(const CollectiveHeader& header) override;
    /**
     * @brief A credit came back through the transport: a message this rank sent to peer on
     * flow has arrived, one more may go.
     * @param sequence the message's operation
     * @param peer the receiver
     * @param flow the flow
     */
    void ReceiveCredit(uint32_t sequence, uint32_t peer, uint8_t flow) override;
    /// @param peer a rank that sent to this one @return how long a credit takes back to it
    Time CreditLatencyTo(uint32_t peer);
    /// Hand a credit to the transport for the sender. @param sequence the message's
    /// operation @param peer its sender @param flow its flow
    void ReturnCredit(uint32_t sequence, uint32_t peer, uint8_t flow);
    /// Read ops, start what can start, until nothing changes.
    void Progress(uint32_t sequence);
    /**
     * @brief Read the next ops of the schedule while the window has room.
     * @param op the operation
     * @param beyondWindow read one op even if the window is full
     * @return true if any was read
     */
    bool ReadOps(Operation& op, bool beyondWindow);
    /// Read the next op: queue a send, register a receive (complete it if its message came).
    /// @param op the operation (an op is left to read)
    void ReadOne(Operation& op);
    /// onDemand: read until every send stream has a send queued. @param op the operation
    void FillStreams(Operation& op);
    /**
     * @brief onDemand: read until a stream has a send queued again, or to the end.
     * @param op the operation
     * @param stream index of the stream in op.streams
     */
    void ReadUntilQueued(Operation& op, size_t stream);
    /// Start the sends at the head of each peer's queue that may start. @return true if any
    bool StartSends(Operation& op);
    /**
     * @brief Hand a send to the transport (after the protocol's latency, if any).
     * @param sequence its operation
     * @param peer the receiver
     * @param tag its tag
     * @param flow its flow
     * @param bytes its data bytes (read from the schedule when it started)
     */
    void Send(uint32_t sequence, uint32_t peer, uint32_t tag, uint8_t flow, uint64_t bytes);
    /**
     * @brief Mark a receive complete (after the reduction time, if any).
     * @param op the operation
     * @param index the receive's op index
     * @param recv the receive op if read already, else nullptr (read only if it reduces:
     *        without a ReductionRate nothing of it is needed)
     */
    void CompleteReceive(Operation& op, uint64_t index, const CollectiveOp* recv);
    /// Mark a receive done and move on.
    void ReceiveDone(uint32_t sequence, uint64_t index);
    /// Count one finished op; tell the communicator when all are.
    void OpDone(Operation& op);
    /// Make operations finished in earlier events reusable (called where an event enters).
    void Recycle();

    Ptr<CollectiveCommunicator> m_communicator; //!< the communicator
    Ptr<CollectiveTransport> m_transport;       //!< the node's transport
    uint32_t m_rank;                            //!< this rank
    uint32_t m_window;                          //!< ReadWindow attribute
    bool m_readOnDemand;                        //!< ReadOnDemand attribute

    std::vector<std::unique_ptr<Operation>> m_active;  //!< operations begun, not finished
    std::vector<std::unique_ptr<Operation>> m_retired; //!< finished in this event
    std::vector<std::unique_ptr<Operation>> m_spares;  //!< finished ones, storage kept
    std::map<uint32_t, MessageIndexMap> m_earlyOps;    //!< by operation not begun
    /// Credits of messages of operations not begun (sender, flow): returned at the begin.
    std::map<uint32_t, std::vector<std::pair<uint32_t, uint8_t>>> m_heldCredits;

    /// A peer's credit latency, cached.
    struct CreditLatencyEntry
    {
        uint32_t peer{~0u}; //!< the peer (~0: empty)
        Time latency;       //!< its credit latency
    };

    std::array<CreditLatencyEntry, 16> m_creditLatency; //!< by peer modulo 16
    uint32_t m_nBegun;                                  //!< operations begun so far
    /// The header of each send, reused: an ns-3 Header made and destroyed per message costs
    /// two LogComponent::IsEnabled calls (~Header, ~ObjectBase). The transport copies it.
    CollectiveHeader m_sendHeader;
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_APPLICATION_H */
