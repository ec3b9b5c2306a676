/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "crossbar-endpoint.h"

namespace ns3
{

CrossbarEndpoint::~CrossbarEndpoint() = default;

} // namespace ns3
