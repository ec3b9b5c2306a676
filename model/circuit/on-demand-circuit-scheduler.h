/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_ON_DEMAND_CIRCUIT_SCHEDULER_H
#define SCALE_ACROSS_ON_DEMAND_CIRCUIT_SCHEDULER_H

#include "circuit-scheduler.h"

#include <cstdint>
#include <deque>
#include <unordered_map>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief Grants a circuit when a NIC asks and both ends can be had.
 *
 * An end can be had if it is free, or if the circuit on it is idle (its NIC has nothing
 * queued for it): idle circuits are kept, so back-to-back messages to the same peer pay no
 * reconfiguration, and are torn down only when another request needs their end. A request
 * that cannot be granted waits, first come first served, on the end that blocks it, and is
 * retried when that end frees or goes idle. So two senders to one receiver take turns,
 * each turn costing one ReconfigurationTime, and nothing is lost.
 *
 * Behind a multi-stage fabric (the switch has Stages, a ClosFabric) a grant also needs a
 * middle switch with a free path. Idle circuits on the path's links are torn down for it, as
 * idle circuits on an end are. A request with no such path is blocked: counted and traced by
 * the ClosFabric (Blocked), it waits, first come first served among the blocked, and is retried
 * whenever a circuit is torn down or goes idle. So blocking delays frames but loses none.
 *
 * State: waiting requests only, keyed by port (no per-pair state).
 */
class OnDemandCircuitScheduler : public CircuitScheduler
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    OnDemandCircuitScheduler();
    ~OnDemandCircuitScheduler() override;

    void RequestCircuit(uint32_t srcPort, uint32_t dstPort) override;
    void NotifyIdle(uint32_t srcPort, uint32_t srcLane) override;

    /// @return requests waiting for an end right now
    uint64_t GetNWaiting() const;

  private:
    /// A NIC's request for a circuit.
    struct Request
    {
        uint32_t src; //!< source port
        uint32_t dst; //!< destination port
    };

    /// What keeps a request from being granted.
    enum class Block
    {
        NONE,   //!< granted
        INPUT,  //!< no input lane of the source can be had
        OUTPUT, //!< no output lane of the destination can be had
        PATH,   //!< both ends can be had but no middle switch of the stages has a free path
    };

    /// Grant r if both ends can be had, releasing idle circuits in the way.
    Block Attempt(const Request& r);
    /// Park r on the end that blocks it.
    void Park(const Request& r, Block block);
    /// Queue a retry of the requests waiting on an end.
    void QueueRetry(Block side, uint32_t port);
    /// Run queued retries until none is left (guarded against re-entry).
    void RunRetries();
    /// Retry the requests waiting on one end, in order, while they can be granted.
    void Retry(Block side, uint32_t port);
    /// Retry every request blocked for want of a middle path, in order.
    void RetryPaths();
    /**
     * @brief Make sure a middle path exists for r, tearing down idle circuits on one if
     * needed.
     * @param r the request
     * @param releaseA a circuit (input end) the grant tears down anyway, or -1
     * @param releaseB another such circuit, or -1
     * @return false if every middle switch's path holds a busy circuit (blocked)
     */
    bool ClearPath(const Request& r, int64_t releaseA, int64_t releaseB);
    /// Tear down the circuit on an input end and queue retries of what waits on its ends.
    void ReleaseAndRetry(uint32_t inEnd);
    /// @return a lane of port whose input circuit is idle, or -1
    int64_t FindIdleInputLane(uint32_t port) const;
    /// @return a lane of port whose output circuit comes from an idle input, or -1
    int64_t FindIdleOutputLane(uint32_t port) const;
    /// @return true if the NIC on the input end's port has nothing for its circuit
    bool IsIdle(uint32_t inEnd) const;

    std::unordered_map<uint32_t, std::deque<Request>> m_waitInput;  //!< by source port
    std::unordered_map<uint32_t, std::deque<Request>> m_waitOutput; //!< by destination port
    std::deque<Request> m_waitPath;                                 //!< blocked on the stages
    std::deque<std::pair<Block, uint32_t>> m_retries;               //!< ends to retry
    bool m_retrying;                                                //!< re-entry guard
    uint64_t m_nWaiting;                                            //!< parked requests
};

} // namespace ns3

#endif /* SCALE_ACROSS_ON_DEMAND_CIRCUIT_SCHEDULER_H */
