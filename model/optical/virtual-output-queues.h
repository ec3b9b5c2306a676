/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_VIRTUAL_OUTPUT_QUEUES_H
#define SCALE_ACROSS_VIRTUAL_OUTPUT_QUEUES_H

#include "ns3/compact-fifo.h"
#include "ns3/mac-frame.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-optical
 * @brief A NIC's virtual output queues, one per (destination port, flow), and which circuit
 * lane serves which queue.
 *
 * The bookkeeping half of OpticalNetDevice, kept apart from its timing and traces. A lane
 * holds at most one circuit (granted, then up) and serves at most one queue; a queue holds at
 * most one lane and at most one outstanding circuit request. Grants answer the oldest request
 * for their port; a circuit nobody asked for (a static one) serves the first queue for its port
 * that has frames.
 */
class VirtualOutputQueues
{
  public:
    /// What Push decided.
    struct PushResult
    {
        int64_t lane{-1};    //!< the lane serving the queue, -1 if none yet
        bool request{false}; //!< the caller must ask for a circuit to the port
    };

    /// @param lanes number of circuit lanes of the NIC
    void SetNLanes(uint32_t lanes);

    /**
     * @brief Queue a frame (its MAC header beside it).
     * @param dstPort destination port
     * @param flow flow
     * @param frame the frame
     * @return the lane serving its queue, or whether a circuit must be requested
     */
    PushResult Push(uint32_t dstPort, uint8_t flow, MacFrame frame);

    /**
     * @brief Take the next frame for a lane whose circuit is up.
     * @param lane the lane
     * @param dstPort set to its destination
     * @return the frame, or an empty frame if the lane is down or its queue empty
     */
    MacFrame Pop(uint32_t lane, uint32_t& dstPort);

    /**
     * @brief The frame Pop would return next, left in its queue.
     * @param lane the lane
     * @return the frame, or nullptr if the lane is down or its queue empty
     */
    const MacFrame* Peek(uint32_t lane) const;

    /// @param lane a lane @return true if no frame waits for its circuit
    bool IsLaneIdle(uint32_t lane) const;

    /// A circuit to dstPort was granted on lane. @param lane the lane @param dstPort the port
    void Grant(uint32_t lane, uint32_t dstPort);
    /// The circuit on lane is up. @param lane the lane
    void Up(uint32_t lane);
    /**
     * @brief The circuit on lane was torn down.
     * @param lane the lane
     * @return the port to request a new circuit for (its queue still has frames), or -1
     */
    int64_t Down(uint32_t lane);
    /**
     * @brief The oldest request for dstPort will never be granted: empty its queue.
     * @param dstPort the port
     * @return the frames of that queue
     */
    std::vector<MacFrame> Reject(uint32_t dstPort);

    /**
     * @brief A fault: take every frame queued for a port (or for every port). Queues no lane
     * serves go (with their outstanding requests: the caller drops those frames, and a new
     * frame asks again); queues a lane serves stay, empty, until their circuit goes down.
     * @param dstPort the port, or -1 for every port
     * @return the frames, oldest first per queue
     */
    std::vector<MacFrame> TakeFrames(int64_t dstPort);

    /// Drop everything.
    void Clear();

    /// Flow of the queues that hold frames relayed for another NIC (never relayed again).
    static constexpr uint8_t RELAY_FLOW = 255;

    /**
     * @brief Two-hop (Valiant) relaying: a lane whose circuit is up and whose own queue is
     * empty carries instead frames of a queue for another port that no lane serves (oldest
     * port first), to its circuit's peer, which holds them for their destination. Pop, Peek
     * and IsLaneIdle then see those frames.
     * @param on true to relay
     */
    void SetRelaying(bool on);
    /// @return true if relaying
    bool IsRelaying() const;

  private:
    /// Frames waiting for one destination port and flow.
    struct Queue
    {
        CompactFifo<MacFrame> frames; //!< frames, oldest first
        int64_t lane{-1};             //!< lane serving it, -1 if none
        bool requested{false};        //!< a circuit request is outstanding
    };

    /// A circuit lane.
    struct Lane
    {
        int64_t peer{-1};       //!< destination port of its circuit, -1 if none
        int64_t queue{-1};      //!< key of the queue it serves, -1 if none
        Queue* served{nullptr}; //!< that queue (map nodes do not move), nullptr if none
        bool up{false};         //!< circuit usable
    };

    /// @return the key of a destination port and flow
    static uint64_t QueueId(uint32_t dstPort, uint8_t flow);
    /// Give a queue a lane whose circuit reaches its port and serves nobody. @return success
    bool BindFreeLane(uint64_t key, Queue& queue);
    /**
     * @param lane a lane
     * @return the queue that lane serves if it has frames, else (relaying, lane up) the first
     *         queue with frames for another port, served by no lane and not itself relayed;
     *         nullptr if none
     */
    Queue* Source(uint32_t lane) const;

    std::vector<Lane> m_lanes;          //!< by lane
    std::map<uint64_t, Queue> m_queues; //!< by QueueId, ordered: deterministic and port-grouped
    bool m_relaying{false};             //!< two-hop relay on
};

} // namespace ns3

#endif /* SCALE_ACROSS_VIRTUAL_OUTPUT_QUEUES_H */
