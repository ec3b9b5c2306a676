/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_COMMUNICATOR_H
#define SCALE_ACROSS_COLLECTIVE_COMMUNICATOR_H

#include "collective-failure-monitor.h"
#include "collective-result.h"

#include "ns3/address.h"
#include "ns3/collective-schedule.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class CollectiveApplication;
class CollectiveTransport;
class NcclProtocol;

/**
 * @ingroup scale-across-collective
 * @brief One collective call, as a rank issues it (ncclAllReduce(...) and the like).
 */
struct CollectiveCall
{
    uint64_t bytes{0};      //!< message size, bytes, as nccl-tests counts it
    std::string collective; //!< all_reduce, ...; empty: the communicator's Collective
    std::string algorithm;  //!< ring, tree, ...; empty: the communicator's Algorithm
};

/**
 * @ingroup scale-across-collective
 * @brief A group of ranks running collectives together, like an NCCL communicator.
 *
 * Holds the ranks (one CollectiveApplication each) and the defaults of its operations
 * (Collective, Algorithm, ChunkBytes, NcclChannels, Root, NCCL Protocol). Two ways to run:
 *
 * - Non-blocking, as a training job issues collectives: each rank calls Issue (or IssueAt,
 *   IssueAll) when it reaches an operation. A rank's k-th call is operation k of the
 *   communicator (the sequence number NCCL's in-order semantics give), whatever time each
 *   rank calls it; a rank starts its part at once, so ranks that start apart delay their
 *   peers as the schedule's dependencies say. Any number of operations may be in flight,
 *   and any number of communicators (any subsets of ranks) share the devices. When every rank
 *   has finished an operation, OperationComplete fires with its result (first start to last
 *   finish); RankComplete fires for each rank as it finishes.
 * - nccl-tests mode (Run): one operation per size, every rank starting each at the same
 *   instant, the next size Gap after the last rank finished (the barrier nccl-tests puts
 *   between timed runs), built on Issue. With WarmUp (default), every size first runs once
 *   untimed, as nccl-tests warms up every size before it times any (src/common.cu,
 *   TimeTest): a warm-up gives no result and fires no trace, so GetResults and
 *   OperationComplete hold one timed operation per size.
 *
 * - Point-to-point (ncclSend / ncclRecv): Send on one rank and Recv on another move a
 *   message between the two only. The k-th Send from a to b matches the k-th Recv at b from
 *   a, whatever time each is called, as NCCL matches them; each pair is an operation of its
 *   own (a sequence number with POINT_TO_POINT set), independent of the collectives.
 *
 * Send credits (SendCredits) come back to the sender over the fabric: the receiving rank hands
 * each one to its node's CollectiveTransport, which delivers it to the sender's after the
 * credit's latency (CreditReturn: the idle reverse path's, by default).
 *
 * NCCL protocols (src/graph/tuning.cc): Simple carries data at full efficiency, LL128 at
 * 120/128, LL at 1/2 (a flag beside every 4 data bytes). With ProtocolLatency = true, each
 * operation also pays NCCL's base latency once and its network hardware latency per send.
 * The default, Simple without latency, adds nothing to the fabric's own times.
 *
 * Faults (CollectiveFailureMonitor): an operation never hangs. A rank whose device reports its
 * link down fails the operations it takes part in; with FailureTimeout > 0 an operation
 * without progress for that long fails; OnFailure says whether a failure aborts the operation
 * (OperationFailed, a FAILED result) or excludes the failed rank and reruns it over the
 * others (OperationComplete, a RECOVERED result with the time lost).
 */
class CollectiveCommunicator : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CollectiveCommunicator();
    ~CollectiveCommunicator() override;

    /**
     * @brief Add the next rank.
     * @param app its application (already on its node)
     * @param address the address its peers send to
     */
    void AddRank(Ptr<CollectiveApplication> app, const Address& address);
    /// @return number of ranks
    uint32_t GetNRanks() const;
    /// @param rank a rank @return its address
    const Address& GetAddress(uint32_t rank) const;
    /// @return the communicator id (unique in the simulation)
    uint32_t GetId() const;
    /// @param rank a rank @return the CollectiveTransport of its node
    const Ptr<CollectiveTransport>& GetTransport(uint32_t rank) const;

    /**
     * @brief nccl-tests mode: one operation per size, one after the other, each started on
     * every rank at the same instant, the next Gap after the last rank finished. With
     * WarmUp, each size first runs once, untimed, in the same order, before the first timed
     * one (so an on-demand fabric's first size does not carry its circuit set-up); warm-ups
     * give no result and fire neither RankComplete nor OperationComplete, but take sequence
     * numbers 0 ... sizes.size() - 1.
     * @param sizes message sizes, bytes
     * @param start when the first one starts (from now)
     */
    void Run(const std::vector<uint64_t>& sizes, Time start);

    /**
     * @brief A rank issues its next operation now.
     * @param rank the rank
     * @param call what it calls (every rank's k-th call must be the same)
     * @return the operation's sequence number
     */
    uint32_t Issue(uint32_t rank, const CollectiveCall& call);
    /**
     * @brief A rank issues its next operation after a delay.
     * @param delay from now (>= 0)
     * @param rank the rank
     * @param call what it calls
     */
    void IssueAt(Time delay, uint32_t rank, const CollectiveCall& call);
    /**
     * @brief Every rank issues its next operation, rank r after delays[r] (all now if empty).
     * @param call what they call
     * @param delays per rank, from now (empty or one per rank)
     */
    void IssueAll(const CollectiveCall& call, const std::vector<Time>& delays = {});

    /// Set on the sequence numbers of point-to-point operations.
    static constexpr uint32_t POINT_TO_POINT = 0x80000000u;
    /// @param sequence an operation @return true if it is a point-to-point one
    static bool IsPointToPoint(uint32_t sequence);

    /**
     * @brief ncclSend: a rank sends a message to a peer now (chunked by ChunkBytes, sent
     * back to back as SendCredits allow). Completes on the sender when its last chunk has
     * left, on the receiver when the last has arrived; OperationComplete reports the pair.
     * @param rank the sender
     * @param peer the receiver (another rank)
     * @param bytes message size (any; must equal the matching Recv's)
     * @return the operation's sequence number (POINT_TO_POINT set)
     */
    uint32_t Send(uint32_t rank, uint32_t peer, uint64_t bytes);
    /**
     * @brief ncclRecv: a rank receives a message from a peer, posted now.
     * @param rank the receiver
     * @param peer the sender (another rank)
     * @param bytes message size (must equal the matching Send's)
     * @return the operation's sequence number (POINT_TO_POINT set)
     */
    uint32_t Recv(uint32_t rank, uint32_t peer, uint64_t bytes);
    /// @brief Send after a delay (>= 0). @param delay from now @param rank the sender
    /// @param peer the receiver @param bytes message size
    void SendAt(Time delay, uint32_t rank, uint32_t peer, uint64_t bytes);
    /// @brief Recv after a delay (>= 0). @param delay from now @param rank the receiver
    /// @param peer the sender @param bytes message size
    void RecvAt(Time delay, uint32_t rank, uint32_t peer, uint64_t bytes);

    /// @return what watches this communicator's operations for failures
    CollectiveFailureMonitor& GetFailureMonitor();

    /// @return the results of finished operations, in the order they finished
    const std::vector<CollectiveResult>& GetResults() const;
    /// @param sequence an operation in flight @return its schedule
    const CollectiveSchedule& GetSchedule(uint32_t sequence) const;
    /// @return operations issued by some rank and not finished by all
    uint32_t GetNActiveOperations() const;
    /**
     * @brief Build the schedule this communicator would run for a size (checks the request).
     * @param bytes message size
     * @return the schedule
     */
    std::unique_ptr<CollectiveSchedule> MakeSchedule(uint64_t bytes) const;

    /// @return wire bytes per data byte of the protocol
    double GetWireFactor() const;
    /**
     * @brief NCCL's network latency before each send (0 unless ProtocolLatency):
     * hwLat[NET] of the algorithm and protocol, except that rings of all-reduce, all-gather
     * and reduce-scatter pay the tree's, as NCCL >= 2.23 does with one rank per node.
     * @param collective the operation's collective
     * @param algorithm its algorithm
     * @return the latency
     */
    Time GetSendLatency(const std::string& collective, const std::string& algorithm) const;
    /**
     * @param algorithm an operation's algorithm
     * @return NCCL's base latency, added once per operation (0 unless ProtocolLatency)
     */
    Time GetBaseLatency(const std::string& algorithm) const;
    /// @return GetSendLatency of the communicator's Collective and Algorithm
    Time GetSendLatency() const;
    /// @return GetBaseLatency of the communicator's Algorithm
    Time GetBaseLatency() const;
    /// @return reduction rate, 0 for instantaneous reductions
    DataRate GetReductionRate() const;

    /// @return messages a rank may have in flight per (peer, flow), 0 for no limit
    uint32_t GetSendCredits() const;
    /**
     * @param receiver the rank that returns a credit
     * @param sender the rank it goes back to
     * @return how long the credit takes: CreditLatency if CreditReturn is Fixed, else the
     *         latency of the idle path from receiver to sender
     *         (CollectiveTransport::GetPathLatency)
     */
    Time GetCreditLatency(uint32_t receiver, uint32_t sender) const;

    /**
     * @brief Called by a rank when it has finished its part of an operation.
     * @param sequence the operation
     * @param rank the rank
     */
    void NotifyRankDone(uint32_t sequence, uint32_t rank);

    /**
     * TracedCallback signature for finished operations.
     * @param [in] result the result
     */
    typedef void (*ResultTracedCallback)(const CollectiveResult& result);

    /**
     * TracedCallback signature for a rank's end of an operation.
     * @param [in] sequence the operation
     * @param [in] rank the rank
     * @param [in] start when the rank issued it
     * @param [in] end when the rank finished it
     */
    typedef void (*RankTracedCallback)(uint32_t sequence, uint32_t rank, Time start, Time end);

  protected:
    void DoDispose() override;

  private:
    friend class CollectiveFailureMonitor; // fails, reruns and reports operations in flight
    friend class CollectiveShrink;         // builds the shrunk communicator, reruns on it

    /// An operation some rank has issued and not every rank has finished.
    struct Operation
    {
        std::unique_ptr<CollectiveSchedule> schedule; //!< its schedule
        std::string collective;                       //!< its collective
        std::string algorithm;                        //!< its algorithm
        uint64_t bytes{0};                            //!< its size
        uint32_t issued{0};                           //!< ranks that issued it
        uint32_t done{0};                             //!< ranks that finished it
        Time firstStart;                              //!< earliest issue
        bool timed{true};                             //!< false: a warm-up of Run (no result)
        uint32_t participants{0};                     //!< ranks that take part
        uint32_t source{0};                           //!< point-to-point: the sender
        std::vector<Time> rankStart; //!< by rank (point-to-point: sender, receiver)
    };

    /// Point-to-point operations of one (sender, receiver) pair issued by one side only.
    struct PendingPair
    {
        std::deque<uint32_t> sends; //!< Sends without their Recv yet, oldest first
        std::deque<uint32_t> recvs; //!< Recvs without their Send yet, oldest first
    };

    /// nccl-tests mode: issue run m_next on every rank.
    void StartNext();
    /**
     * @brief Send or Recv.
     * @param rank the calling rank
     * @param peer the other rank
     * @param bytes message size
     * @param send true: rank sends; false: rank receives
     * @return the sequence number
     */
    uint32_t IssuePointToPoint(uint32_t rank, uint32_t peer, uint64_t bytes, bool send);
    /// Start a rank's part of an operation it has just issued (as an event of its own).
    void Begin(Operation& op, uint32_t sequence, uint32_t rank);
    /// @param op an operation @param rank one of its ranks @return when that rank issued it
    static Time& RankStart(Operation& op, uint32_t rank);
    /// @param name the CreditReturn attribute
    void SetCreditReturn(std::string name);
    /// @return the CreditReturn attribute
    std::string GetCreditReturn() const;
    /// @param call a call @return it with the communicator's defaults filled in
    CollectiveCall Complete(const CollectiveCall& call) const;
    /// @param call a complete call @return its schedule (checked)
    std::unique_ptr<CollectiveSchedule> MakeCallSchedule(const CollectiveCall& call) const;
    /// nccl-tests mode: an operation ended (finished, failed or recovered); start the next run
    /// if it was the one awaited. @param sequence the operation
    void AdvanceRun(uint32_t sequence);
    /// @param t the FailureTimeout attribute (>= 0)
    void SetFailureTimeout(Time t);
    /// @return the FailureTimeout attribute
    Time GetFailureTimeout() const;
    /// @param t the ShrinkTime attribute (>= 0)
    void SetShrinkTime(Time t);
    /// @return the ShrinkTime attribute
    Time GetShrinkTime() const;
    /// @param name the OnFailure attribute
    void SetOnFailure(std::string name);
    /// @return the OnFailure attribute
    std::string GetOnFailure() const;
    /// @param name the Protocol attribute
    void SetProtocol(std::string name);
    /// @return the Protocol attribute
    std::string GetProtocol() const;

    uint32_t m_id;                                       //!< communicator id
    std::string m_collective;                            //!< Collective attribute
    std::string m_algorithm;                             //!< Algorithm attribute
    uint64_t m_chunkBytes;                               //!< ChunkBytes attribute
    uint32_t m_ncclChannels;                             //!< NcclChannels attribute
    uint32_t m_root;                                     //!< Root attribute
    const NcclProtocol* m_nccl;                          //!< Protocol attribute
    bool m_protocolLatency;                              //!< ProtocolLatency attribute
    DataRate m_reductionRate;                            //!< ReductionRate attribute
    Time m_gap;                                          //!< Gap attribute
    uint32_t m_sendCredits;                              //!< SendCredits attribute
    bool m_creditReversePath;                            //!< CreditReturn attribute is ReversePath
    Time m_creditLatency;                                //!< CreditLatency attribute
    std::vector<Ptr<CollectiveApplication>> m_apps;      //!< by rank
    std::vector<Ptr<CollectiveTransport>> m_transports;  //!< by rank
    std::vector<Address> m_addresses;                    //!< by rank
    std::vector<uint32_t> m_nIssued;                     //!< calls so far, by rank
    uint32_t m_nOperations;                              //!< operations created so far
    std::map<uint32_t, Operation> m_operations;          //!< in flight, by sequence
    uint32_t m_nPointToPoint;                            //!< point-to-point operations so far
    std::map<uint64_t, PendingPair> m_pending;           //!< by sender << 32 | receiver
    bool m_warmUp;                                       //!< WarmUp attribute
    bool m_keepResults;                                  //!< KeepResults attribute
    std::vector<uint64_t> m_runs;                        //!< nccl-tests mode: sizes, in run order
    size_t m_nWarmUps;                                   //!< nccl-tests mode: untimed runs first
    size_t m_next;                                       //!< nccl-tests mode: next run
    int64_t m_awaited;                                   //!< nccl-tests mode: sequence running
    std::vector<CollectiveResult> m_results;             //!< finished operations
    Time m_failureTimeout;                               //!< FailureTimeout attribute
    bool m_excludeOnFailure;                             //!< OnFailure attribute is ExcludeRank
    Time m_shrinkTime;                                   //!< ShrinkTime attribute
    std::unique_ptr<CollectiveFailureMonitor> m_monitor; //!< link-down and no-progress checks
    TracedCallback<const CollectiveResult&> m_failTrace; //!< OperationFailed
    TracedCallback<const CollectiveResult&> m_resultTrace;      //!< OperationComplete
    TracedCallback<uint32_t, uint32_t, Time, Time> m_rankTrace; //!< RankComplete
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_COMMUNICATOR_H */
