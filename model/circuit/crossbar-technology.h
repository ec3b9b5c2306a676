/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CROSSBAR_TECHNOLOGY_H
#define SCALE_ACROSS_CROSSBAR_TECHNOLOGY_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief A photonic switching technology: the largest crossbar built with it, and that
 * crossbar's reconfiguration time, insertion loss and power per port (presets for
 * OpticalFabricHelper and PhotonicCrossbar's port limit).
 *
 * Five families (doc/scale-across.rst, "Technology presets", gives each figure's source, or
 * says that it is an assumption): 3D-MEMS (~10 ms, ~2 dB, Google's Palomar has 136 ports),
 * piezo beam steering (~ms, ~1 dB, a few hundred ports), silicon-photonic MZI meshes (~us,
 * lossy, tens of ports), SOA gates (~10 ns, gain makes up the loss, but each gate draws
 * current; small), and the arrayed-waveguide grating router (AWGR: passive, port i reaches
 * port (i + k) mod N on wavelength k; reconfiguring is tuning the sender's laser, 3.84 ns end
 * to end in Sirius). Starting points, not vendor data.
 */
struct CrossbarTechnology
{
    std::string name;         //!< preset name
    Time reconfigurationTime; //!< time to set up a circuit
    double insertionLossDb;   //!< loss of one traversal, dB
    double portPowerW;        //!< static power per port, W
    uint32_t maxPorts;        //!< largest port count of one crossbar of this technology
    std::string basis;        //!< where the figures come from ("assumption" where no source)

    /// @return every preset, in a fixed order
    static const std::vector<CrossbarTechnology>& GetAll();
    /**
     * @brief Look up a preset.
     * @param name one of GetNames()
     * @return the preset (stops with the list of valid names if name is unknown)
     */
    static const CrossbarTechnology& Get(const std::string& name);
    /**
     * @param name a name
     * @return true if a preset has that name
     */
    static bool Exists(const std::string& name);
    /// @return the names of all presets, comma separated
    static std::string GetNames();
};

} // namespace ns3

#endif /* SCALE_ACROSS_CROSSBAR_TECHNOLOGY_H */
