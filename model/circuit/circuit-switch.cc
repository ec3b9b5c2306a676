/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "circuit-switch.h"

#include "clos-fabric.h"

namespace ns3
{

CircuitSwitch::~CircuitSwitch() = default;

Ptr<ClosFabric>
CircuitSwitch::GetStages() const
{
    return nullptr;
}

bool
CircuitSwitch::HasFramesInFlight() const
{
    return false;
}

bool
CircuitSwitch::IsPortUp(uint32_t port) const
{
    return true;
}

} // namespace ns3
