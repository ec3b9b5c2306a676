/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SCALE_ACROSS_OPTICAL_CHANNEL_H
#define SCALE_ACROSS_OPTICAL_CHANNEL_H

#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

namespace ns3
{

class OpticalNetDevice;

/**
 * @ingroup scale-across-optical
 * @brief A duplex fiber pair joining one OpticalNetDevice to one port of a PhotonicCrossbar.
 *
 * Light crosses it in Length x RefractiveIndex / c and loses Attenuation x Length plus
 * ConnectorLoss. A frame from device A to device B crosses A's fiber, the crossbar and B's
 * fiber, so its propagation delay is the sum of the two fibers' delays.
 *
 * The crossbar end is not an ns-3 NetDevice (the crossbar is bufferless and does no
 * packet processing), so GetNDevices() is 1 once a device is attached. Abstracted away:
 * dispersion and nonlinearity (the coherent DSP compensates them within its fixed latency),
 * amplifiers.
 */
class OpticalChannel : public Channel
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    OpticalChannel();
    ~OpticalChannel() override;

    // Assignment is deleted to avoid misuse; copies are made only through CopyObject.
    OpticalChannel& operator=(const OpticalChannel&) = delete;

    /**
     * @brief Attach the device at the NIC end of the fiber.
     * @param device the device (the fiber takes exactly one)
     */
    void Attach(Ptr<OpticalNetDevice> device);

    /// @return one-way propagation delay of the fiber: Length x RefractiveIndex / c
    Time GetDelay() const;
    /// @return attenuation of the fiber itself, dB: Attenuation x Length, plus the loss a
    ///         degradation (SetLossGrowth) has added by now
    double GetFiberLossDb() const;
    /**
     * @brief Degradation (a fault): from now on the fiber's loss grows at a constant rate
     * (a bend, a dirty or loosening connector), on top of what it has grown so far.
     * @param dbPerSecond the rate, dB/s (>= 0; 0 stops the growth)
     */
    void SetLossGrowth(double dbPerSecond);
    /// @return loss added by degradation so far, dB
    double GetDegradationDb() const;
    /// @return loss of the connectors on this fiber, dB
    double GetConnectorLossDb() const;
    /// @return fiber length, m
    double GetLengthMeters() const;
    /// @return group refractive index
    double GetRefractiveIndex() const;
    /// @return attenuation, dB/km
    double GetAttenuationDbPerKm() const;

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    /**
     * @brief A new fiber with the attributes of another and none of its state (no device, no
     * degradation), for CopyObject.
     *
     * OpticalFabricHelper copies the first endpoint's fiber for the others: in ns-3.37 built
     * with logging (as Debian ships it), constructing an object through its attributes
     * serializes every attribute's value to a string, which cost more than all the rest of a
     * fabric's build. The copy starts from Channel's default constructor, so that it gets its
     * own ChannelList index as a new channel does (Channel's copy would take the other's); that
     * constructor gives it Object's TypeId, which CopyObject<OpticalChannel> replaces by the
     * original's.
     * @param o the fiber to copy
     */
    OpticalChannel(const OpticalChannel& o);
    /// CopyObject calls the copy constructor. @tparam T the copied type
    template <typename T>
    friend Ptr<T> CopyObject(Ptr<T> object);

    /// @param meters fiber length (>= 0)
    void SetLength(double meters);
    /// @param n group refractive index (>= 1)
    void SetRefractiveIndex(double n);
    /// @param dbPerKm attenuation (>= 0)
    void SetAttenuation(double dbPerKm);
    /// @param db connector loss (>= 0)
    void SetConnectorLoss(double db);
    /// Recompute the cached delay after a change of length or index.
    void UpdateDelay();

    double m_length;             //!< fiber length, m
    double m_refractiveIndex;    //!< group index
    double m_attenuationDbPerKm; //!< attenuation, dB/km
    double m_connectorLossDb;    //!< connectors on this fiber, dB
    Time m_delay;                //!< cached propagation delay
    double m_grownDb{0};         //!< degradation accrued before m_growthSince, dB
    double m_growthDbPerS{0};    //!< degradation rate since m_growthSince, dB/s
    /// Start of the current rate, in time steps: set from Now(), so 0 until Simulator::Run;
    /// not a Time, which ns-3 would enter in its set of Times that exist before Run (see
    /// CoherentTransceiver::m_sinceStep)
    int64_t m_growthSinceStep{0};
    Ptr<OpticalNetDevice> m_device; //!< device at the NIC end
};

/**
 * @ingroup scale-across-optical
 * @brief CopyObject for a fiber: the copy constructor (see there) starts from Channel(), for
 * a ChannelList index of its own, and this gives the copy the TypeId of the original, as
 * Object's copy constructor does for other classes (ns-3 lets only CopyObject, ObjectFactory
 * and CreateObject set an object's TypeId).
 * @param object the fiber to copy
 * @return the copy
 */
template <>
Ptr<OpticalChannel> CopyObject<OpticalChannel>(Ptr<OpticalChannel> object);

} // namespace ns3

#endif /* SCALE_ACROSS_OPTICAL_CHANNEL_H */
