/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "optical-physics.h"

namespace ns3
{
namespace optical
{

double
PropagationDelaySeconds(double lengthMeters, double refractiveIndex)
{
    return lengthMeters * refractiveIndex / SPEED_OF_LIGHT;
}

double
SerializationSeconds(uint64_t bytes, uint32_t wavelengths, double rateBpsPerWavelength)
{
    return 8.0 * static_cast<double>(bytes) / (wavelengths * rateBpsPerWavelength);
}

double
LinkBudget::ReceivedPowerDbm() const
{
    return launchPowerDbm - fiberLossDb - crossbarLossDb - connectorLossDb;
}

double
LinkBudget::MarginDb() const
{
    return ReceivedPowerDbm() - sensitivityDbm;
}

bool
LinkBudget::Closes() const
{
    return MarginDb() >= 0.0;
}

} // namespace optical
} // namespace ns3
