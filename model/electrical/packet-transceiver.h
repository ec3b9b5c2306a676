/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_PACKET_TRANSCEIVER_H
#define SCALE_ACROSS_PACKET_TRANSCEIVER_H

#include "ns3/nstime.h"
#include "ns3/object.h"

#include <string>

namespace ns3
{

class PacketEndpoint;

/**
 * @ingroup scale-across-electrical
 * @brief A pluggable (or co-packaged) transceiver at one end of a PacketLink between switches
 * (or between a host and its switch): its latency and its power.
 *
 * A cell crossing a link passes the sender's transceiver and the receiver's, so each link
 * with transceivers adds 2 x Latency to every cell's path (PacketLink::GetPathDelay), and to
 * the credit and pause loops. Energy: EnergyPerBit x the bits this end has transmitted +
 * PowerWatts x the time since the link was connected.
 *
 * Presets (ApplyPreset): "dsp-800g", "dsp-1.6t", "lpo-800g" and "cpo-1.6t", with the
 * sources of their figures in doc/scale-across.rst. The published figures are a module's
 * power, drawn whether or not it carries traffic, so the presets put all of it in
 * PowerWatts and set EnergyPerBit to 0; a load-proportional study sets EnergyPerBit.
 *
 * Abstracted away: FEC and its latency beyond Latency, laser warm-up, bit errors.
 */
class PacketTransceiver : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    PacketTransceiver();
    ~PacketTransceiver() override;

    // Delete copy constructor and assignment operator to avoid misuse
    PacketTransceiver(const PacketTransceiver&) = delete;
    PacketTransceiver& operator=(const PacketTransceiver&) = delete;

    /// A technology's figures.
    struct Preset
    {
        Time latency;        //!< Latency
        double powerWatts;   //!< PowerWatts
        double energyPerBit; //!< EnergyPerBit, pJ/bit
    };

    /**
     * @param name "dsp-800g", "dsp-1.6t", "lpo-800g" or "cpo-1.6t"
     * @return its figures (one message naming the valid presets otherwise)
     */
    static Preset GetPreset(const std::string& name);
    /// Set Latency, PowerWatts and EnergyPerBit from a preset. @param name see GetPreset
    void ApplyPreset(const std::string& name);

    /**
     * @brief Count from now the bits a port transmits (PacketLink::Connect calls this).
     * @param end the endpoint at this transceiver's end
     * @param port its port
     */
    void AttachTo(const PacketEndpoint* end, uint32_t port);

    /// @return the Latency attribute
    Time GetLatency() const;
    /// @return the PowerWatts attribute
    double GetPowerWatts() const;
    /// @return the EnergyPerBit attribute, pJ/bit
    double GetEnergyPerBit() const;
    /// @return bits transmitted by its end since it was attached
    uint64_t GetBitsCarried() const;
    /// @return EnergyPerBit x bits carried + PowerWatts x time attached, joules
    double GetEnergyJoules() const;

  protected:
    void DoDispose() override;

  private:
    /// @param latency the Latency attribute (>= 0)
    void SetLatency(Time latency);

    Time m_latency;                       //!< Latency attribute
    double m_powerWatts;                  //!< PowerWatts attribute
    double m_energyPerBit;                //!< EnergyPerBit attribute, pJ/bit
    const PacketEndpoint* m_end{nullptr}; //!< the end it serves
    uint32_t m_port{0};                   //!< its port
    uint64_t m_bitsBefore{0};             //!< its bits before AttachTo
    Time m_since;                         //!< when attached
};

} // namespace ns3

#endif /* SCALE_ACROSS_PACKET_TRANSCEIVER_H */
