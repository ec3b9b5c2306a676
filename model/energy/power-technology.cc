/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "power-technology.h"

namespace ns3
{

double
PowerTechnology::GetFullRatePicojoulesPerBit() const
{
    // W / (Gb/s) = nJ/bit; x 1000 for pJ/bit.
    return staticWatts / rateGbps * 1000.0 + picojoulesPerBit;
}

const std::vector<PowerTechnology>&
PowerTechnology::GetAll()
{
    // The transceiver figures are PacketTransceiver::GetPreset's (the suite
    // scale-across-energy-devices checks that they agree).
    static const std::vector<PowerTechnology> presets{
        {"dsp-800g",
         TRANSCEIVER,
         15,
         0,
         800,
         false,
         "800G DSP pluggable, 14-16 W (trade press, secondary)"},
        {"dsp-1.6t",
         TRANSCEIVER,
         26,
         0,
         1600,
         false,
         "1.6T DSP OSFP, 25-27 W (trade press, secondary)"},
        {"lpo-800g",
         TRANSCEIVER,
         8.5,
         0,
         800,
         false,
         "800G linear-drive pluggable (LPO), 8-9 W (trade press, secondary)"},
        {"cpo-1.6t",
         TRANSCEIVER,
         9,
         0,
         1600,
         false,
         "co-packaged optics, about 9 W per 1.6T-class port against about 30 W pluggable "
         "(NVIDIA Spectrum-X/Quantum-X Photonics announcements, 2025)"},
        {"coherent-400zr",
         TRANSCEIVER,
         15,
         0,
         400,
         false,
         "400ZR+ coherent pluggable, about 15 W (trade press, secondary)"},
        {"coherent-1.6t",
         TRANSCEIVER,
         25,
         0,
         1600,
         true,
         "assumption: 1.6T coherent module power is not confirmed publicly; taken as a 1.6T "
         "DSP pluggable's 25-27 W"},
        {"asic-51.2t",
         SWITCH_ASIC,
         450,
         0,
         51200,
         false,
         "51.2 Tb/s switch ASIC (Broadcom Tomahawk 5), about 450 W, about 8.8 pJ/bit (trade "
         "press, secondary)"},
        {"asic-102.4t",
         SWITCH_ASIC,
         900,
         0,
         102400,
         true,
         "assumption: no public power figure for a 102.4 Tb/s ASIC; taken at the 51.2 Tb/s "
         "ASIC's 8.8 pJ/bit (a newer process would draw less)"},
    };
    return presets;
}

const PowerTechnology*
PowerTechnology::Find(const std::string& name)
{
    for (const PowerTechnology& t : GetAll())
    {
        if (t.name == name)
        {
            return &t;
        }
    }
    return nullptr;
}

std::string
PowerTechnology::GetNames(Kind kind)
{
    std::string names;
    for (const PowerTechnology& t : GetAll())
    {
        if (t.kind == kind)
        {
            names += (names.empty() ? "" : ", ") + t.name;
        }
    }
    return names;
}

} // namespace ns3
