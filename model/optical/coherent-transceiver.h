/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_COHERENT_TRANSCEIVER_H
#define SCALE_ACROSS_COHERENT_TRANSCEIVER_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <optional>

namespace ns3
{

/**
 * @ingroup scale-across-optical
 * @brief A coherent DWDM transceiver: the optical front end of an OpticalNetDevice.
 *
 * Models what decides when a frame arrives and whether it can be decoded:
 * - W wavelengths (DWDM lanes), each carrying DataRatePerWavelength of payload
 *   (1.6 Tb/s by default); a frame serialized over G bonded wavelengths takes
 *   8 S / (G R) seconds;
 * - a fixed processing latency, DspLatency + FecLatency, paid once per traversal at the
 *   receiving transceiver (where dispersion compensation and FEC decoding happen);
 * - launch power and receiver sensitivity for the link budget;
 * - power: StaticPowerWattsPerWavelength x Wavelengths, drawn from its creation on, plus
 *   EnergyPerBit x the bits it transmits (0 by default: a module's published power is drawn
 *   with or without traffic).
 *
 * Abstracted away: modulation, OSNR and BER curves (a path either closes its budget or every
 * frame on it is lost), laser warm-up, wavelength tuning time (part of the crossbar's
 * reconfiguration), FEC overhead (the rate is the payload rate).
 */
class CoherentTransceiver : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    CoherentTransceiver();
    ~CoherentTransceiver() override;

    // Assignment is deleted to avoid misuse; copies are made only through CopyObject.
    CoherentTransceiver& operator=(const CoherentTransceiver&) = delete;

    /// @param n number of DWDM wavelengths (1 ... 1024; fixed once a device is attached)
    void SetWavelengths(uint32_t n);
    /// A device has attached with this transceiver and sized its circuit lanes by its
    /// wavelengths: Wavelengths is fixed from now on.
    void NotifyAttached();
    /// @return number of DWDM wavelengths
    uint32_t GetWavelengths() const;
    /// @param rate payload rate of one wavelength (> 0)
    void SetDataRatePerWavelength(DataRate rate);
    /// @return payload rate of one wavelength
    DataRate GetDataRatePerWavelength() const;
    /// @param t DSP latency (>= 0)
    void SetDspLatency(Time t);
    /// @param t FEC latency (>= 0)
    void SetFecLatency(Time t);
    /// @return DSP + FEC latency of one traversal
    Time GetFixedLatency() const;
    /// @return the DspLatency attribute
    Time GetDspLatency() const;
    /// @return the FecLatency attribute
    Time GetFecLatency() const;
    /// @return launch power, dBm
    double GetLaunchPowerDbm() const;
    /// @return receiver sensitivity, dBm
    double GetReceiverSensitivityDbm() const;
    /// @return energy per transmitted bit, pJ
    double GetEnergyPerBitPicojoules() const;

    /**
     * @brief Serialization time of a frame.
     * @param bytes frame size, bytes
     * @param wavelengths wavelengths bonded for it (1 ... GetWavelengths())
     * @return 8 bytes / (wavelengths * DataRatePerWavelength), rounded to the time resolution
     */
    Time GetSerializationTime(uint64_t bytes, uint32_t wavelengths) const;

    /**
     * @brief Account a transmitted frame (for energy).
     * @param bytes frame size, bytes
     */
    void NotifyTransmitted(uint64_t bytes);
    /// @return bits transmitted so far
    uint64_t GetTransmittedBits() const;
    /// @return energy spent on transmitted bits so far, J (EnergyPerBit x bits)
    double GetTransmitEnergyJoules() const;
    /// @return the StaticPowerWattsPerWavelength attribute, W
    double GetStaticPowerWattsPerWavelength() const;
    /// @return static power of the transceiver: Wavelengths x StaticPowerWattsPerWavelength, W
    double GetStaticPowerWatts() const;
    /**
     * @return energy since the transceiver was created, J: EnergyPerBit x bits transmitted +
     *         GetStaticPowerWatts() x the time since then
     */
    double GetEnergyJoules() const;

  private:
    /**
     * @brief A new transceiver with the attributes of another and none of its state (no bits
     * transmitted, its static energy counted from now), for CopyObject.
     *
     * OpticalFabricHelper copies the first endpoint's transceiver for the others: in ns-3.37
     * built with logging (as Debian ships it), constructing an object through its attributes
     * serializes every attribute's value to a string, which cost more than all the rest of a
     * fabric's build.
     * @param o the transceiver to copy
     */
    CoherentTransceiver(const CoherentTransceiver& o);
    /// CopyObject calls the copy constructor. @tparam T the copied type
    template <typename T>
    friend Ptr<T> CopyObject(Ptr<T> object);

    /// @param pj energy per bit, pJ (>= 0)
    void SetEnergyPerBitPj(double pj);
    /// @param w static power per wavelength, W (>= 0)
    void SetStaticPowerWatts(double w);

    uint32_t m_wavelengths;     //!< DWDM wavelengths
    DataRate m_ratePerLambda;   //!< payload rate of one wavelength
    Time m_dspLatency;          //!< DSP latency
    Time m_fecLatency;          //!< FEC latency
    double m_launchPowerDbm;    //!< launch power, dBm
    double m_sensitivityDbm;    //!< receiver sensitivity, dBm
    double m_energyPerBitPj;    //!< energy per bit, pJ
    uint64_t m_transmittedBits; //!< bits transmitted so far
    bool m_attached;            //!< NotifyAttached was called (a copy starts unattached)

    double m_staticWattsPerLambda; //!< StaticPowerWattsPerWavelength attribute, W
    /// Creation (start of its static energy), in time steps. Not a Time: ns-3 enters every
    /// Time that exists before Simulator::Run in a global set (to convert it if the
    /// resolution changes), which cost a large fabric's build more than the rest of this
    /// object; a value taken from Now() is 0 until Run, when the resolution is frozen, so it
    /// needs no conversion.
    int64_t m_sinceStep;

    /// The last serialization time computed, with its inputs: collectives send runs of
    /// frames of one size, and the double-to-Time conversion is most of the call's cost.
    struct SerializationMemo
    {
        uint64_t bytes{0};       //!< frame size
        uint32_t wavelengths{0}; //!< wavelengths bonded (0: nothing memoized)
        uint64_t bitRate{0};     //!< DataRatePerWavelength it was computed with, bit/s
        /// the result; empty until the first call, so that no Time exists (and is entered
        /// in ns-3's set of Times, see m_sinceStep) for a transceiver that has sent nothing
        std::optional<Time> time;
    };

    mutable SerializationMemo m_memo; //!< see SerializationMemo
};

} // namespace ns3

#endif /* SCALE_ACROSS_COHERENT_TRANSCEIVER_H */
