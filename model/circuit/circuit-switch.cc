/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "circuit-switch.h"

namespace ns3
{

CircuitSwitch::~CircuitSwitch() = default;

} // namespace ns3
