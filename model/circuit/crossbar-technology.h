/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_CROSSBAR_TECHNOLOGY_H
#define SCALE_ACROSS_CROSSBAR_TECHNOLOGY_H

#include "ns3/nstime.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-circuit
 * @brief A photonic switching technology: typical reconfiguration time, insertion loss and
 * port power of a crossbar built with it (presets for OpticalFabricHelper).
 *
 * Orders of magnitude of the four families in doc/scale-across.rst: 3D-MEMS (~10 ms, ~2 dB),
 * piezo beam steering (~ms, ~1 dB), silicon-photonic MZI meshes (~us, lossy), SOA gates
 * (~10 ns, gain makes up the loss, but each gate draws current). Starting points, not vendor
 * data.
 */
struct CrossbarTechnology
{
    std::string name;         //!< preset name
    Time reconfigurationTime; //!< time to set up a circuit
    double insertionLossDb;   //!< loss of one traversal, dB
    double portPowerW;        //!< static power per port, W

    /// @return every preset, in a fixed order
    static const std::vector<CrossbarTechnology>& GetAll();
    /**
     * @brief Look up a preset.
     * @param name one of GetNames()
     * @return the preset (stops with the list of valid names if name is unknown)
     */
    static const CrossbarTechnology& Get(const std::string& name);
    /// @return the names of all presets, comma separated
    static std::string GetNames();
};

} // namespace ns3

#endif /* SCALE_ACROSS_CROSSBAR_TECHNOLOGY_H */
