/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CROSSBAR_ENDPOINT_H
#define SCALE_ACROSS_CROSSBAR_ENDPOINT_H

#include "ns3/drop-reason.h"
#include "ns3/mac-frame.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

class CoherentTransceiver;

/**
 * @ingroup scale-across-optical
 * @brief What a PhotonicCrossbar needs of the endpoint on one of its ports.
 *
 * The crossbar talks to its ports only through this interface (never through the NIC's
 * class), so the two do not include each other, and a port whose NIC lives elsewhere (in
 * another process under ns-3's distributed engine, as PointToPointRemoteChannel does for
 * point-to-point links) needs only another implementation of it.
 *
 * Circuits: granted (set-up started), up, down, rejected. Frames: deliver (at the
 * receiver), arrived or dropped (told to the sender, which accounts for its bytes).
 */
class CrossbarEndpoint
{
  public:
    virtual ~CrossbarEndpoint();

    /// A circuit to dstPort was granted on lane (it comes up later).
    /// @param lane the lane @param dstPort its peer
    virtual void NotifyCircuitGranted(uint32_t lane, uint32_t dstPort) = 0;
    /// The circuit on lane now carries frames to dstPort.
    /// @param lane the lane @param dstPort its peer
    virtual void NotifyCircuitUp(uint32_t lane, uint32_t dstPort) = 0;
    /// The circuit on lane was torn down. @param lane the lane
    virtual void NotifyCircuitDown(uint32_t lane) = 0;
    /// No circuit to dstPort will ever be granted. @param dstPort destination port
    virtual void NotifyCircuitRejected(uint32_t dstPort) = 0;

    /**
     * @brief At the receiver: a frame's last bit has arrived.
     * @param frame the frame
     * @param decoded false if the path's link budget does not close
     */
    virtual void DeliverFrame(const MacFrame& frame, bool decoded) = 0;
    /**
     * @brief At the sender: a frame it launched has arrived at its receiver.
     * @param payloadBytes its payload
     * @param decoded false if it was lost to the link budget
     */
    virtual void NotifyFrameArrived(uint64_t payloadBytes, bool decoded) = 0;
    /**
     * @brief At the sender: the crossbar dropped a frame it launched.
     * @param frame the frame
     * @param reason why
     */
    virtual void NotifyFrameDropped(const MacFrame& frame, DropReason reason) = 0;

    /**
     * @brief The endpoint's own port went down (a fault on its transceiver, fiber, port or
     * the whole crossbar) or came up again: the NIC reports link down or up.
     * @param up true if it came up
     * @param reason when down: what the frames it loses count as
     */
    virtual void NotifyLinkChange(bool up, DropReason reason) = 0;
    /**
     * @brief Another port went down: frames queued for it are lost.
     * @param port that port
     * @param reason what they count as
     */
    virtual void NotifyPortDown(uint32_t port, DropReason reason) = 0;

    /// @param lane a lane @return true if no frame waits for the circuit on lane
    virtual bool IsLaneIdle(uint32_t lane) const = 0;
    /// @return the endpoint's transceiver (launch power, sensitivity, fixed latency)
    virtual const CoherentTransceiver& GetEndpointTransceiver() const = 0;
    /// @return the context (node id) in which events at this endpoint run
    virtual uint32_t GetEndpointContext() const = 0;
};

} // namespace ns3

#endif /* SCALE_ACROSS_CROSSBAR_ENDPOINT_H */
