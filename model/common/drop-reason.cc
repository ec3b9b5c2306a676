/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "drop-reason.h"

namespace ns3
{

std::string
ToString(DropReason reason)
{
    switch (reason)
    {
    case DropReason::QUEUE_FULL:
        return "QueueFull";
    case DropReason::FRAME_TOO_LARGE:
        return "FrameTooLarge";
    case DropReason::UNKNOWN_DESTINATION:
        return "UnknownDestination";
    case DropReason::CIRCUIT_REJECTED:
        return "CircuitRejected";
    case DropReason::NO_CIRCUIT:
        return "NoCircuit";
    case DropReason::RECONFIGURING:
        return "Reconfiguring";
    case DropReason::LINK_BUDGET:
        return "LinkBudget";
    case DropReason::NO_ROUTE:
        return "NoRoute";
    case DropReason::LINK_DOWN:
        return "LinkDown";
    case DropReason::DEVICE_FAILED:
        return "DeviceFailed";
    case DropReason::COUNT:
        break;
    }
    return "Unknown";
}

} // namespace ns3
