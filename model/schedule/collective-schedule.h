/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COLLECTIVE_SCHEDULE_H
#define SCALE_ACROSS_COLLECTIVE_SCHEDULE_H

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-schedule
 * @brief The collective operations (what is computed, not how), and point-to-point.
 */
enum class CollectiveKind : uint8_t
{
    ALL_REDUCE,
    ALL_GATHER,
    REDUCE_SCATTER,
    ALL_TO_ALL,
    BROADCAST,
    SEND_RECV, //!< one rank's ncclSend matched with another's ncclRecv (SendRecvSchedule)
};

/// @param kind a collective @return its nccl-tests name, e.g. "all_reduce"
std::string ToString(CollectiveKind kind);

/**
 * @ingroup scale-across-schedule
 * @brief One step of one rank in a collective schedule: send a segment to a peer, or receive
 * one from a peer (and either reduce it into the local copy or overwrite it).
 *
 * A send may start only when the receives it depends on (by op index, same rank) are done,
 * and after every earlier send of the same rank to the same peer in the same flow. A receive
 * completes when the message with its tag from its peer has arrived.
 */
struct CollectiveOp
{
    /// What the op does.
    enum class Kind : uint8_t
    {
        SEND, //!< send a segment
        RECV, //!< receive a segment
    };

    static constexpr int64_t NONE = -1; //!< no dependency

    Kind kind{Kind::SEND};       //!< send or receive
    bool reduce{false};          //!< RECV: reduce into the local segment (else copy)
    uint32_t peer{0};            //!< the other rank
    uint32_t tag{0};             //!< matches a SEND to its RECV (unique per rank pair)
    uint32_t segment{0};         //!< the first data unit moved
    uint32_t count{1};           //!< units moved: segment ... segment + count - 1
    uint8_t flow{0};             //!< channel or tree: its own circuit lane per peer
    int64_t deps[2]{NONE, NONE}; //!< RECV op indices this SEND waits for
};

/**
 * @ingroup scale-across-schedule
 * @brief A collective algorithm, as pure C++: for every rank, an ordered list of ops.
 *
 * Ops are generated on demand (GetOp), so a ring over thousands of ranks never stores its
 * O(p^2) steps. The data is cut into segments; InitiallyHolds and ExpectedContributors state
 * what the collective must achieve, so a symbolic execution can prove a schedule correct.
 */
class CollectiveSchedule
{
  public:
    /**
     * @param kind the collective
     * @param ranks number of ranks (>= 1)
     * @param bytes message size in bytes, as nccl-tests counts it
     */
    CollectiveSchedule(CollectiveKind kind, uint32_t ranks, uint64_t bytes);
    virtual ~CollectiveSchedule();

    /// @return algorithm name, e.g. "ring"
    virtual std::string GetAlgorithm() const = 0;
    /// @return number of segments
    virtual uint32_t GetNSegments() const = 0;
    /// @param segment a segment @return its size, bytes
    virtual uint64_t GetSegmentBytes(uint32_t segment) const = 0;
    /// @param op an op @return bytes it moves (its segments together)
    uint64_t GetOpBytes(const CollectiveOp& op) const;
    /// @param rank a rank @return number of ops of that rank
    virtual uint64_t GetNOps(uint32_t rank) const = 0;
    /// @param rank a rank @param index 0 ... GetNOps(rank) - 1 @return the op
    virtual CollectiveOp GetOp(uint32_t rank, uint64_t index) const = 0;
    /**
     * @param rank a rank
     * @param segment a segment
     * @return true if rank holds its own contribution to segment before the collective
     */
    virtual bool InitiallyHolds(uint32_t rank, uint32_t segment) const = 0;
    /**
     * @param rank a rank
     * @param segment a segment
     * @param out set to the ranks whose contributions segment must hold at the end, each once
     * @return false if the final content of that segment on that rank does not matter
     */
    virtual bool ExpectedContributors(uint32_t rank,
                                      uint32_t segment,
                                      std::vector<uint32_t>& out) const = 0;
    /**
     * @param rank a rank
     * @return the (peer, flow) pairs this rank sends to over the whole collective: the
     *         circuits a static fabric must provide
     */
    virtual std::vector<std::pair<uint32_t, uint8_t>> GetSendPeers(uint32_t rank) const = 0;
    /// GetReadAhead's answer when the schedule proves no bound.
    static constexpr uint64_t UNBOUNDED_READ_AHEAD = ~uint64_t{0};

    /**
     * @brief Sends a rank needs to read ahead so that a send that may start never waits
     * behind sends that may not. A schedule that proves such a bound returns it, and
     * CollectiveApplication reads exactly that far (a ring's sends become ready in the order
     * they are read, per channel: two steps suffice). Otherwise the application reads
     * ReadWindow sends ahead and further whenever all of those wait, so the window never
     * changes a simulated time.
     * @return sends to read ahead; the default is UNBOUNDED_READ_AHEAD
     */
    virtual uint64_t GetReadAhead() const;

    /// GetRecvIndex's answer for a message no receive of the rank matches.
    static constexpr uint64_t NO_RECV = ~uint64_t{0};

    /// @return true if GetRecvIndex computes which receive a message matches (default false)
    virtual bool IndexesReceives() const;
    /**
     * @brief Which receive op a message matches, computed: a rank that can ask need not keep
     * a map of the receives it has read (CollectiveApplication), one entry per receive read
     * ahead. Only where IndexesReceives is true.
     * @param rank the receiving rank
     * @param peer the sender
     * @param tag the message's tag
     * @return the index of rank's RECV op from peer with tag, or NO_RECV if there is none
     */
    virtual uint64_t GetRecvIndex(uint32_t rank, uint32_t peer, uint32_t tag) const;

    /// @return the collective
    CollectiveKind GetKind() const;
    /// @return number of ranks
    uint32_t GetNRanks() const;
    /// @return message size, bytes
    uint64_t GetBytes() const;
    /// @return nccl-tests' bus bandwidth factor for this collective and rank count
    double GetBusBandwidthFactor() const;

    /**
     * @brief Split bytes into parts as even as possible (the first ones one byte larger).
     * @param bytes total
     * @param parts number of parts (>= 1)
     * @param index which part
     * @return size of that part
     */
    static uint64_t EvenShare(uint64_t bytes, uint64_t parts, uint64_t index);

    /**
     * @param pieceBytes size of the largest piece to pipeline, bytes
     * @param chunkBytes pipeline chunk, bytes (0: no pipelining)
     * @return chunks per piece: ceil(pieceBytes / chunkBytes), at least 1
     * @throw std::invalid_argument if that is more than 2^32 - 1
     */
    static uint32_t ChunksFor(uint64_t pieceBytes, uint64_t chunkBytes);

    /**
     * @brief Refuse a count that does not fit the 32-bit ids of segments and tags.
     * @param factorA one factor of the count
     * @param factorB the other
     * @param what what is counted, for the message (e.g. "segments")
     * @throw std::invalid_argument if factorA x factorB > 2^32 - 1
     */
    static void CheckCount(uint64_t factorA, uint64_t factorB, const std::string& what);

  private:
    CollectiveKind m_kind; //!< the collective
    uint32_t m_ranks;      //!< ranks
    uint64_t m_bytes;      //!< message size
};

/**
 * @ingroup scale-across-schedule
 * @brief What a user asks for; CreateCollectiveSchedule checks it and builds the schedule.
 */
struct CollectiveRequest
{
    std::string collective{"all_reduce"}; //!< all_reduce, all_gather, reduce_scatter,
                                          //!< all_to_all, broadcast
    std::string algorithm{"ring"};        //!< ring, tree, halving_doubling, pairwise
    uint32_t ranks{2};                    //!< ranks (>= 1)
    uint64_t bytes{0};                    //!< message size, bytes (multiple of 4: float)
    uint64_t chunkBytes{0};               //!< pipeline chunk, bytes (0: no pipelining)
    uint32_t ncclChannels{1};             //!< NCCL channels: parallel rings or tree pairs
    uint32_t root{0};                     //!< broadcast root
};

/**
 * @brief Check a request and build its schedule.
 * @param request what to build
 * @return the schedule
 * @throw std::invalid_argument with a message naming the bad value and what is valid
 */
std::unique_ptr<CollectiveSchedule> CreateCollectiveSchedule(const CollectiveRequest& request);

/// @return the valid "collective/algorithm" pairs, for messages and --help
std::string GetCollectiveAlgorithms();

} // namespace ns3

#endif /* SCALE_ACROSS_COLLECTIVE_SCHEDULE_H */
