/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// OpticalNetDevice's fault handling (issue #16), kept apart from its send and receive paths:
// those only ask IsLinkUp and the crossbar's IsPortUp; what a fault changes is here.

#include "optical-net-device.h"
#include "photonic-crossbar.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OpticalNetDeviceFaults");

void
OpticalNetDevice::NotifyLinkChange(bool up, DropReason reason)
{
    NS_LOG_FUNCTION(this << up << ToString(reason));
    m_linkUp = up;
    if (!up)
    {
        m_downReason = reason;
        DropQueued(-1, reason);
    }
    m_linkChangeCallbacks();
}

void
OpticalNetDevice::NotifyPortDown(uint32_t port, DropReason reason)
{
    NS_LOG_FUNCTION(this << port << ToString(reason));
    DropQueued(port, reason);
}

void
OpticalNetDevice::DropQueued(int64_t port, DropReason reason)
{
    std::vector<MacFrame> frames = m_queues.TakeFrames(port);
    for (std::pair<MacFrame, uint32_t>& queued : m_blindQueue.take())
    {
        if (port < 0 || queued.second == static_cast<uint32_t>(port))
        {
            frames.push_back(std::move(queued.first));
        }
        else
        {
            m_blindQueue.push_back(std::move(queued)); // kept, in its order
        }
    }
    for (const MacFrame& frame : frames)
    {
        DropQueuedFrame(frame, reason);
    }
}

} // namespace ns3
