/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "optical-drop-reason.h"

namespace ns3
{

std::string
ToString(OpticalDropReason reason)
{
    switch (reason)
    {
    case OpticalDropReason::QUEUE_FULL:
        return "QueueFull";
    case OpticalDropReason::FRAME_TOO_LARGE:
        return "FrameTooLarge";
    case OpticalDropReason::UNKNOWN_DESTINATION:
        return "UnknownDestination";
    case OpticalDropReason::CIRCUIT_REJECTED:
        return "CircuitRejected";
    case OpticalDropReason::NO_CIRCUIT:
        return "NoCircuit";
    case OpticalDropReason::RECONFIGURING:
        return "Reconfiguring";
    case OpticalDropReason::LINK_BUDGET:
        return "LinkBudget";
    case OpticalDropReason::COUNT:
        break;
    }
    return "Unknown";
}

} // namespace ns3
