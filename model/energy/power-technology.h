/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_POWER_TECHNOLOGY_H
#define SCALE_ACROSS_POWER_TECHNOLOGY_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup scale-across-energy
 * @brief Power figures of a transceiver or switch-ASIC technology, with where they come from
 * (plain C++; the crossbar technologies are CrossbarTechnology's).
 *
 * A published module or ASIC power is drawn whether or not it carries traffic, so every preset
 * puts it in staticWatts and leaves picojoulesPerBit at 0; a load-proportional study sets the
 * device's pJ/bit attribute itself. doc/scale-across.rst ("Power and cost") cites each figure;
 * basis says "assumption" where no public figure exists.
 */
struct PowerTechnology
{
    /// What a preset describes.
    enum Kind
    {
        TRANSCEIVER, //!< one optical module (PacketTransceiver, or one CoherentTransceiver lane)
        SWITCH_ASIC, //!< one packet-switch ASIC (PacketSwitch), its optics apart
    };

    std::string name;        //!< preset name
    Kind kind;               //!< what it describes
    double staticWatts;      //!< power drawn with or without traffic, W
    double picojoulesPerBit; //!< energy per bit on top, pJ/bit
    double rateGbps;         //!< its rate: a module's line rate, an ASIC's total, Gb/s
    bool assumption;         //!< true if no public figure backs staticWatts
    std::string basis;       //!< the source of the figures, or why they are assumed

    /// @return the equivalent energy per bit at full rate, pJ/bit: staticWatts / rate + pJ/bit
    double GetFullRatePicojoulesPerBit() const;

    /// @return every preset, in a fixed order
    static const std::vector<PowerTechnology>& GetAll();
    /**
     * @param name a preset name
     * @return the preset, or nullptr if none has that name
     */
    static const PowerTechnology* Find(const std::string& name);
    /**
     * @param kind a kind
     * @return the names of its presets, comma separated
     */
    static std::string GetNames(Kind kind);
};

} // namespace ns3

#endif /* SCALE_ACROSS_POWER_TECHNOLOGY_H */
