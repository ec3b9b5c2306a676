/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_APPLICATION_H
#define SCALE_ACROSS_COLLECTIVE_APPLICATION_H

#include "collective-header.h"

#include "ns3/application.h"
#include "ns3/collective-schedule.h"
#include "ns3/compact-fifo.h"

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

class CollectiveCommunicator;
class CollectiveTransport;

/**
 * @ingroup scale-across-collective
 * @brief One rank of a CollectiveCommunicator: runs its part of each operation's schedule.
 *
 * Sends leave as soon as the receives they depend on are complete, in schedule order per
 * peer and flow (each is one ordered stream, as over one NCCL connection); receives
 * complete when their whole message has arrived. The schedule is read a window of ops at a
 * time, so a rank's memory does not grow with the length of the schedule where reading
 * further would change nothing; when every send in the window waits, the rank reads on until
 * one can start, so the window never changes a simulated time (suite
 * scale-across-collective-invariance). A message that arrives before its receive is read is
 * remembered until it is.
 *
 * Events: none of its own in the ideal case (everything happens inside message arrivals);
 * one per send with NCCL protocol latency, one per reducing receive with a ReductionRate.
 */
class CollectiveApplication : public Application
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
     * @brief Called by the communicator: start an operation now.
     * @param sequence operation number
     * @param schedule its schedule (owned by the communicator, alive until all ranks are done)
     */
    void BeginOperation(uint32_t sequence, const CollectiveSchedule* schedule);

    /**
     * @brief A message this rank sent to peer on flow has arrived: one more may go.
     * @param peer the receiver
     * @param flow the flow
     */
    void CreditReturned(uint32_t peer, uint8_t flow);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Sends to one (peer, flow), in schedule order: they leave in that order.
    struct SendStream
    {
        uint64_t key{0};           //!< peer << 8 | flow
        CompactFifo<uint64_t> ops; //!< op indices, oldest first (ops are re-read: O(1))
        CollectiveOp head;         //!< the op of ops.front(), once read
        bool headRead{false};      //!< head holds it
        uint32_t inFlight{0};      //!< sent, not yet arrived (SendCredits)
    };

    /// A whole message arrived.
    void OnMessage(const CollectiveHeader& header);
    /// Read ops, start what can start, until nothing changes.
    void Progress();
    /**
     * @brief Read the next ops of the schedule while the window has room.
     * @param beyondWindow read one op even if the window is full
     * @return true if any was read
     */
    bool ReadOps(bool beyondWindow);
    /// Start the sends at the head of each peer's queue that may start. @return true if any
    bool StartSends();
    /// @param key peer << 8 | flow @return its send stream, taken from the spares if new
    SendStream& StreamFor(uint64_t key);
    /// Hand a send to the transport (after the protocol's latency, if any).
    void Send(CollectiveOp op);
    /// Mark a receive complete (after the reduction time, if any).
    void CompleteReceive(uint64_t index, const CollectiveOp& op);
    /// Mark a receive done and move on.
    void ReceiveDone(uint64_t index);
    /// Count one finished op; tell the communicator when all are.
    void OpDone();
    /// @return key of a message
    static uint64_t MessageId(uint32_t source, uint32_t tag);
    /// @return key of the send stream to a peer on a flow
    static uint64_t StreamId(uint32_t peer, uint8_t flow);

    Ptr<CollectiveCommunicator> m_communicator; //!< the communicator
    Ptr<CollectiveTransport> m_transport;       //!< the node's transport
    uint32_t m_rank;                            //!< this rank
    uint32_t m_window;                          //!< ReadWindow attribute

    const CollectiveSchedule* m_schedule; //!< running operation
    bool m_boundedReadAhead;              //!< its schedule proves a read-ahead sufficient
    uint32_t m_sequence;                  //!< its number
    uint64_t m_nOps;                      //!< ops of this rank
    uint64_t m_nextRead;                  //!< next op to read
    uint64_t m_opsDone;                   //!< finished ops
    uint64_t m_queuedSends;               //!< read but not started
    std::vector<bool> m_received;         //!< per op index
    // Streams [0, m_nStreams) have sends; the rest are spares that keep their storage, so a
    // stream that empties and comes back (every step of a ring) allocates nothing.
    std::vector<SendStream> m_streams;                 //!< send streams
    size_t m_nStreams;                                 //!< streams in use
    std::unordered_map<uint64_t, uint64_t> m_expected; //!< receive op index by message key
    std::unordered_set<uint64_t> m_early;              //!< arrived before their op was read
    bool m_inProgress;                                 //!< re-entry guard of Progress
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_APPLICATION_H */
