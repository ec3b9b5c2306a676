/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_OPTICAL_PHYSICS_H
#define SCALE_ACROSS_OPTICAL_PHYSICS_H

#include <cstdint>

/**
 * @file
 * @ingroup scale-across-optical
 * Closed forms of the optical physics, as plain C++ (no ns-3 types), so that the model and
 * the tests (ns-3 suites and GoogleTest) use one definition of each formula.
 */

namespace ns3
{
namespace optical
{

/// Speed of light in vacuum, m/s.
constexpr double SPEED_OF_LIGHT = 299792458.0;

/**
 * @brief Time light needs to cross a fiber.
 * @param lengthMeters fiber length, m (>= 0)
 * @param refractiveIndex group index of the fiber (e.g. 1.468)
 * @return propagation delay, s: L * n / c
 */
double PropagationDelaySeconds(double lengthMeters, double refractiveIndex);

/**
 * @brief Time to serialize a frame onto bonded wavelengths.
 * @param bytes frame size, bytes
 * @param wavelengths number of wavelengths carrying the frame in parallel (>= 1)
 * @param rateBpsPerWavelength payload rate of one wavelength, bit/s (> 0)
 * @return serialization time, s: 8 * bytes / (wavelengths * rate)
 */
double SerializationSeconds(uint64_t bytes, uint32_t wavelengths, double rateBpsPerWavelength);

/**
 * @brief The power budget of one optical path, transmitter to receiver.
 *
 * P_rx = P_tx - attenuation * length - crossbar insertion loss - connector losses;
 * the path closes when P_rx is at least the receiver sensitivity.
 */
struct LinkBudget
{
    double launchPowerDbm{0};  //!< transmitter launch power, dBm
    double fiberLossDb{0};     //!< attenuation times fiber length, dB
    double crossbarLossDb{0};  //!< insertion loss of the crossbar traversal, dB
    double connectorLossDb{0}; //!< all connectors on the path, dB
    double sensitivityDbm{0};  //!< receiver sensitivity, dBm

    /// @return received power, dBm
    double ReceivedPowerDbm() const;
    /// @return received power minus sensitivity, dB (negative: the path does not close)
    double MarginDb() const;
    /// @return true if the margin is not negative
    bool Closes() const;
};

} // namespace optical
} // namespace ns3

#endif /* SCALE_ACROSS_OPTICAL_PHYSICS_H */
