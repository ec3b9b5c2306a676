/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_COMMUNICATOR_H
#define SCALE_ACROSS_COLLECTIVE_COMMUNICATOR_H

#include "collective-result.h"

#include "ns3/address.h"
#include "ns3/collective-schedule.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <vector>

namespace ns3
{

class CollectiveApplication;

/**
 * @ingroup scale-across-collective
 * @brief A group of ranks running collectives together, like an NCCL communicator.
 *
 * Holds the ranks (one CollectiveApplication each), the operation to run (Collective,
 * Algorithm, ChunkBytes, Channels, Root, NCCL Protocol), and the list of message sizes. All
 * ranks start each operation at the same instant; when the last rank has all of its data the
 * operation's time, algbw and busbw are recorded, the OperationComplete trace fires, and the
 * next size starts after Gap (an ideal barrier between operations, as nccl-tests'
 * per-size runs are separate).
 *
 * NCCL protocols (src/graph/tuning.cc): Simple carries data at full efficiency, LL128 at
 * 120/128, LL at 1/2 (a flag beside every 4 data bytes). With ProtocolLatency = true, each
 * operation also pays NCCL's base latency once and its network hardware latency per send.
 * The default, Simple without latency, is the ideal fabric.
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

    /**
     * @brief Run one operation per size, one after the other, from a start time.
     * @param sizes message sizes, bytes
     * @param start when the first one starts
     */
    void Run(const std::vector<uint64_t>& sizes, Time start);

    /// @return the results so far, in order
    const std::vector<CollectiveResult>& GetResults() const;
    /// @return the schedule of the running (or last) operation
    const CollectiveSchedule& GetSchedule() const;
    /**
     * @brief Build the schedule this communicator would run for a size (checks the request).
     * @param bytes message size
     * @return the schedule
     */
    std::unique_ptr<CollectiveSchedule> MakeSchedule(uint64_t bytes) const;

    /// @return wire bytes per data byte of the protocol
    double GetWireFactor() const;
    /// @return latency added before each send (0 unless ProtocolLatency)
    Time GetSendLatency() const;
    /// @return latency added once per operation (0 unless ProtocolLatency)
    Time GetBaseLatency() const;
    /// @return reduction rate, 0 for instantaneous reductions
    DataRate GetReductionRate() const;

    /// @return messages a rank may have in flight per (peer, flow), 0 for no limit
    uint32_t GetSendCredits() const;
    /**
     * @brief A rank took a message out of its receive slot: give the sender its credit back.
     * @param sender the rank that sent it
     * @param receiver the rank that got it
     * @param flow its flow
     */
    void ReturnCredit(uint32_t sender, uint32_t receiver, uint8_t flow);

    /**
     * @brief Called by a rank when it has received everything.
     * @param rank the rank
     */
    void NotifyRankDone(uint32_t rank);

    /**
     * TracedCallback signature for finished operations.
     * @param [in] result the result
     */
    typedef void (*ResultTracedCallback)(const CollectiveResult& result);

  protected:
    void DoDispose() override;

  private:
    /// Start operation number m_next on every rank.
    void StartNext();
    /// @param name the Protocol attribute
    void SetProtocol(std::string name);
    /// @return the Protocol attribute
    std::string GetProtocol() const;

    uint32_t m_id;                                  //!< communicator id
    std::string m_collective;                       //!< Collective attribute
    std::string m_algorithm;                        //!< Algorithm attribute
    uint64_t m_chunkBytes;                          //!< ChunkBytes attribute
    uint32_t m_ncclChannels;                        //!< NcclChannels attribute
    uint32_t m_root;                                //!< Root attribute
    std::string m_protocol;                         //!< Protocol attribute
    double m_wireFactor;                            //!< wire bytes per data byte of the protocol
    double m_baseLatencyUs[2];                      //!< its base latency, us: ring, tree
    double m_sendLatencyUs[2];                      //!< its latency per send, us: ring, tree
    bool m_protocolLatency;                         //!< ProtocolLatency attribute
    DataRate m_reductionRate;                       //!< ReductionRate attribute
    Time m_gap;                                     //!< Gap attribute
    uint32_t m_sendCredits;                         //!< SendCredits attribute
    std::vector<Ptr<CollectiveApplication>> m_apps; //!< by rank
    std::vector<Address> m_addresses;               //!< by rank
    std::vector<uint64_t> m_sizes;                  //!< sizes to run
    size_t m_next;                                  //!< next size
    std::unique_ptr<CollectiveSchedule> m_schedule; //!< running operation
    Time m_start;                                   //!< its start
    uint32_t m_pending;                             //!< ranks not done yet
    std::vector<CollectiveResult> m_results;        //!< finished operations
    TracedCallback<const CollectiveResult&> m_resultTrace; //!< OperationComplete
};

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_COMMUNICATOR_H */
